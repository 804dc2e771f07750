/* The memory backend's indexes of unique keys (lib/backends/memory/index.c),
 * checked against a scan: random inserts, updates, removes, commits,
 * rollbacks and savepoints over small value domains (so keys repeat,
 * collide, are NULL, are -0.0 and 0.0), and after each step every
 * equality on a key asked of find_first and count, through the index, and
 * compared with what a scan of every row says. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/memory/memory_private.h"
#include "coopedu/sys/backend.h"

extern const ce_backend ce__memory_backend;
static const ce_backend *const B = &ce__memory_backend;

enum { K_CODE, K_SCORE, K_A, K_B, K_NOTE, K_NCOLS };
static const ce_column_def k_columns[K_NCOLS] = {
	{ "code", CE_TYPE_TEXT, CE_COL_UNIQUE, 0, NULL, 0, 0, 0, 0, 1 },
	{ "score", CE_TYPE_REAL, CE_COL_UNIQUE, 0, NULL, 0, 0, 0, 0, 1 },
	{ "a", CE_TYPE_INT, 0, 0, NULL, 0, 0, 0, 0, 1 },
	{ "b", CE_TYPE_TEXT, 0, 0, NULL, 0, 0, 0, 0, 1 },
	{ "note", CE_TYPE_TEXT, 0, 0, NULL, 0, 0, 0, 0, 1 },
};
static const int group_ab[] = { K_A, K_B, -1 };
static const int *const k_groups[] = { group_ab, NULL };
static const ce_table_def k_table = { 1, "k", "keys", K_NCOLS, k_columns, k_groups, 0, NULL, 0, NULL };
static const ce_table_def *const tables[] = { NULL, &k_table };
static const ce_schema schema = { 1, 2, tables };
static const ce_table_def *const K = &k_table;

static ce_backend_conn *c;
static uint64_t seed;

static unsigned int rnd(unsigned int n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned int)(seed >> 33) % n;
}

static const char *const codes[] = { "甲", "乙", "丙", "丁", "戊" };
static const double scores[] = { 0.0, -0.0, 1.5, -2.25, 1e300 };
static const char *const bs[] = { "x", "y", "山东" };

static ce_value random_cell(int col)
{
	ce_value v = { 0, 0, NULL, 0 };
	if (rnd(5) == 0) {
		v.null = 1;
		return v;
	}
	switch (col) {
	case K_CODE: v.s = codes[rnd(5)]; break;
	case K_SCORE: v.r = scores[rnd(5)]; break;
	case K_A: v.i = rnd(3); break;
	case K_B: v.s = bs[rnd(3)]; break;
	default: v.s = "备注"; break;
	}
	return v;
}

static void random_row(ce_value *row)
{
	for (int col = 0; col < K_NCOLS; col++)
		row[col] = random_cell(col);
}

/* Every id, ascending, by a scan without conditions (no index). */
static size_t all_ids(int64_t *ids, size_t max)
{
	ce_backend_cursor *cur;
	size_t n = 0;
	int64_t id;
	ck_assert_int_eq(B->scan_open(&cur, c, K, NULL), CE_OK);
	while (B->scan_next(cur, &id, NULL) == CE_OK)
		if (n < max)
			ids[n++] = id;
	B->scan_close(cur);
	return n;
}

static bool same(int col, const ce_value *cell, const ce_value *v)
{
	if (cell->null || v->null)
		return false;
	if (col == K_CODE || col == K_B)
		return strcmp(cell->s, v->s) == 0;
	if (col == K_SCORE)
		return cell->r == v->r;
	return cell->i == v->i;
}

/* find_first and count of q against a scan of every row. */
static void check_query(const ce_query *q)
{
	int64_t ids[4096], first = 0, n = 0, got_first = -1, got_n = -1;
	size_t total = all_ids(ids, 4096);
	for (size_t r = 0; r < total; r++) {
		ce_value row[K_NCOLS];
		bool ok = true;
		ck_assert_int_eq(B->fetch(c, K, ids[r], row), CE_OK);
		for (unsigned int k = 0; ok && k < q->nconditions; k++)
			ok = same(q->conditions[k].column, &row[q->conditions[k].column], &q->conditions[k].low);
		if (ok && !n++)
			first = ids[r];
	}
	int rc = B->find_first(c, K, q, &got_first);
	ck_assert_int_eq(rc, n ? CE_OK : CE_ENOTFOUND);
	if (n)
		ck_assert_int_eq(got_first, first);
	ck_assert_int_eq(B->count(c, K, q, &got_n), CE_OK);
	ck_assert_int_eq(got_n, n);
}

/* Each index holds exactly the rows whose key has no NULL: none stale. */
static void check_counts(void)
{
	const mem_table *t = &c->tables[1];
	ck_assert_int_eq(t->nindexes, 3);
	for (int i = 0; i < t->nindexes; i++) {
		const mem_index *x = &t->indexes[i];
		size_t n = 0;
		for (size_t r = 0; r < t->nrows; r++) {
			bool set = true;
			for (int k = 0; k < x->ncols; k++)
				set = set && !t->rows[r].values[x->cols[k]].null;
			n += set;
		}
		ck_assert_uint_eq(x->count, n);
	}
}

static void check_keys(void)
{
	check_counts();
	for (int i = 0; i < 8; i++) {
		ce_condition conds[3];
		ce_query q = { 0, conds };
		switch (rnd(4)) {
		case 0: conds[q.nconditions++] = (ce_condition){ .op = CE_COND_EQ, .column = K_CODE }; break;
		case 1: conds[q.nconditions++] = (ce_condition){ .op = CE_COND_EQ, .column = K_SCORE }; break;
		case 2:
			conds[q.nconditions++] = (ce_condition){ .op = CE_COND_EQ, .column = K_B };
			conds[q.nconditions++] = (ce_condition){ .op = CE_COND_EQ, .column = K_A };
			break;
		default: /* a key and a condition more */
			conds[q.nconditions++] = (ce_condition){ .op = CE_COND_EQ, .column = K_A };
			conds[q.nconditions++] = (ce_condition){ .op = CE_COND_EQ, .column = K_B };
			conds[q.nconditions++] = (ce_condition){ .op = CE_COND_EQ, .column = K_CODE };
			break;
		}
		for (unsigned int k = 0; k < q.nconditions; k++) {
			conds[k].low = random_cell(conds[k].column);
			conds[k].high = (ce_value){ .null = 1 };
		}
		check_query(&q);
	}
}

static void setup(void)
{
	ce_backend_open_options o = { CE_BACKEND_OPEN_OPTIONS_VERSION, "", &schema, 0, 0, NULL, NULL, 0 };
	ck_assert_int_eq(B->connect(&c, &o), CE_OK);
}

static void teardown(void)
{
	B->close(c);
	c = NULL;
}

START_TEST(index_agrees_with_a_scan)
{
	bool in_txn = false;
	int marks = 0;
	seed = 20191031u + (uint64_t)_i;
	for (int step = 0; step < 1500; step++) {
		int64_t ids[4096], id;
		size_t n = all_ids(ids, 4096);
		ce_value row[K_NCOLS];
		unsigned int op = rnd(20);
		if (n > 48 && op < 8)
			op += 12; /* a table small enough to scan after every step */
		if (op < 8 || n == 0) {
			random_row(row);
			ck_assert_int_eq(B->insert(c, K, row, &id), CE_OK);
		} else if (op < 12) {
			random_row(row);
			ck_assert_int_eq(B->update(c, K, ids[rnd((unsigned)n)], row), CE_OK);
		} else if (op < 15) {
			ck_assert_int_eq(B->remove(c, K, ids[rnd((unsigned)n)]), CE_OK);
		} else if (op == 15 && !in_txn) {
			ck_assert_int_eq(B->begin(c), CE_OK);
			in_txn = true;
			marks = 0;
		} else if (op == 16 && in_txn && marks < MEM_MAX_SAVEPOINTS) {
			ck_assert_int_eq(B->savepoint(c), CE_OK);
			marks++;
		} else if (op == 17 && marks > 0) {
			ck_assert_int_eq(B->rollback_to(c), CE_OK);
			if (rnd(2)) {
				ck_assert_int_eq(B->release(c), CE_OK);
				marks--;
			}
		} else if (op == 18 && in_txn) {
			ck_assert_int_eq(B->commit(c), CE_OK);
			in_txn = false;
			marks = 0;
		} else if (op == 19 && in_txn) {
			ck_assert_int_eq(B->rollback(c), CE_OK);
			in_txn = false;
			marks = 0;
		}
		check_keys();
	}
}
END_TEST

/* A key the index has never seen, on an empty table and after every row
 * holding it went, is found nowhere; NaN equals nothing. */
START_TEST(absent_keys)
{
	ce_value row[K_NCOLS] = { { 0, 0, "甲", 0 }, { 0, NAN, NULL, 0 }, { 1, 0, NULL, 0 },
		                      { 0, 0, "x", 0 }, { 0, 0, NULL, 1 } };
	ce_condition cond = { .op = CE_COND_EQ, .column = K_CODE, .low = { 0, 0, "甲", 0 } };
	ce_query q = { 1, &cond };
	int64_t id, n;
	ck_assert_int_eq(B->find_first(c, K, &q, &id), CE_ENOTFOUND);
	ck_assert_int_eq(B->insert(c, K, row, &id), CE_OK);
	ck_assert_int_eq(B->find_first(c, K, &q, &n), CE_OK);
	ck_assert_int_eq(n, id);
	cond = (ce_condition){ .op = CE_COND_EQ, .column = K_SCORE, .low = { 0, NAN, NULL, 0 } };
	ck_assert_int_eq(B->count(c, K, &q, &n), CE_OK);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(B->remove(c, K, id), CE_OK);
	cond = (ce_condition){ .op = CE_COND_EQ, .column = K_CODE, .low = { 0, 0, "甲", 0 } };
	ck_assert_int_eq(B->find_first(c, K, &q, &id), CE_ENOTFOUND);
}
END_TEST

/* Out of memory growing an index refuses the insert and leaves the store
 * (and the index) as it was. */
START_TEST(out_of_memory_growing_an_index)
{
	char code[16];
	ce_value row[K_NCOLS] = { { 0, 0, code, 0 }, { 0, 0, NULL, 1 }, { 0, 0, NULL, 1 },
		                      { 0, 0, NULL, 1 }, { 0, 0, NULL, 1 } };
	int64_t id, n, refused = 0;
	for (int i = 0; i < 200; i++) {
		snprintf(code, sizeof code, "码%d", i);
		ce__memory_fail_alloc(2); /* the row copy is the first allocation */
		int rc = B->insert(c, K, row, &id);
		ce__memory_fail_alloc(0);
		if (rc == CE_ENOMEM) {
			refused++;
			ck_assert_int_eq(B->insert(c, K, row, &id), CE_OK);
		} else {
			ck_assert_int_eq(rc, CE_OK);
		}
	}
	ck_assert_int_gt(refused, 0);
	ck_assert_int_eq(B->count(c, K, NULL, &n), CE_OK);
	ck_assert_int_eq(n, 200);
	for (int i = 0; i < 200; i++) {
		ce_condition cond = { .op = CE_COND_EQ, .column = K_CODE, .low = { 0, 0, code, 0 } };
		ce_query q = { 1, &cond };
		snprintf(code, sizeof code, "码%d", i);
		ck_assert_int_eq(B->count(c, K, &q, &n), CE_OK);
		ck_assert_int_eq(n, 1);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("memory_index");
	TCase *tc = tcase_create("index");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, index_agrees_with_a_scan, 0, 2);
	tcase_add_test(tc, absent_keys);
	tcase_add_test(tc, out_of_memory_growing_an_index);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
