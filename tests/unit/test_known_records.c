/* The records known in a transaction (lib/core/store.c): a load past the
 * first table's 32,768 records keeps answering references right, a delete
 * forgets its record wherever the probes put it, and a rollback or a new
 * transaction starts from nothing. Run on both sizes: on the memory
 * backend, whose reads are in-process, the table stays at 65,536 slots and
 * past 3/4 of them records are asked of the store; on the same backend
 * declaring its reads remote (reads_are_remote(), backend version 8) the
 * table grows. The references checked are all the core's. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopedu.h"
#include "coopedu/sys/backend.h"

/* past 3/4 of the first table's 65,536 slots: it grows (remote) or is
 * full and asks the store (in-process) */
#define N 52000

extern const ce_backend ce__memory_backend;

static int remote(ce_backend_conn *conn)
{
	(void)conn;
	return 1;
}

static const char *const uris[] = { "memory:", "remotememory:" };

/* fetches of rows the test watches, on the backend that counts them */
static const char *watched;
static int watched_fetches;

static int counting_fetch(ce_backend_conn *conn, const ce_table_def *t, int64_t id, ce_value *row)
{
	if (watched && strcmp(t->name, watched) == 0)
		watched_fetches++;
	return ce__memory_backend.fetch(conn, t, id, row);
}

static ce_result partner(ce_db *db, int64_t *id, int i)
{
	char name[64];
	snprintf(name, sizeof name, "济南某铝业有限公司%05d", i);
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	s.name = name;
	s.kind = CE_PARTNER_ENTERPRISE;
	return ce_partner_create(id, db, &s);
}

static ce_result mentor(ce_db *db, int64_t employer)
{
	int64_t id;
	ce_supervisor_spec s = CE_SUPERVISOR_SPEC_INIT;
	s.name = "王建国";
	s.kind = CE_SUPERVISOR_ENTERPRISE;
	s.affiliation = employer;
	return ce_supervisor_create(&id, db, &s);
}

START_TEST(references_right_past_growth_and_deletes)
{
	ce_db *db;
	static int64_t ids[N];
	ck_assert_int_eq(ce_db_open(&db, uris[_i], NULL), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < N; i++)
		ck_assert_int_eq(partner(db, &ids[i], i), CE_OK);
	for (int i = 0; i < N; i += 7)
		ck_assert_int_eq(ce_partner_delete(db, ids[i], 0), CE_OK);
	/* deleted ones first: a refused call may forget what is known */
	ck_assert_int_eq(mentor(db, ids[7 * 1000]), CE_ECONSTRAINT);
	for (int i = 1; i < N; i += 97)
		if (i % 7)
			ck_assert_int_eq(mentor(db, ids[i]), CE_OK);
	for (int i = 0; i < N; i += 7 * 331)
		ck_assert_int_eq(mentor(db, ids[i]), CE_ECONSTRAINT);
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	/* nothing of it is known any more: the partners are gone */
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(mentor(db, ids[1]), CE_ECONSTRAINT);
	ck_assert_int_eq(partner(db, &ids[0], 0), CE_OK);
	ck_assert_int_eq(mentor(db, ids[0]), CE_OK);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	int64_t n = 0;
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_SUPERVISOR, NULL), CE_OK);
	ck_assert_int_eq(n, 1);
	ce_db_close(db);
}
END_TEST

/* A load writes mostly rows nothing refers to (milestones here; attendances,
 * progress reports in the benchmark): keeping them would evict the few rows
 * the core reads again, the subtopic a move reads here. */
START_TEST(rows_nothing_refers_to_do_not_evict_the_others)
{
	ce_db *db;
	int64_t project, subtopic, partner_id, milestone;
	ck_assert_int_eq(ce_db_open(&db, "countingmemory:", NULL), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(partner(db, &partner_id, 0), CE_OK);
	ce_project_spec p = CE_PROJECT_SPEC_INIT;
	p.code = "201901022063";
	p.title = "高性能铝合金材料联合研发";
	p.start_date = CE_DATE(2019, 1, 1);
	p.end_date = CE_DATE(2023, 12, 31);
	p.status_date = p.start_date;
	ck_assert_int_eq(ce_project_create(&project, db, &p), CE_OK);
	ce_subtopic_spec st = CE_SUBTOPIC_SPEC_INIT;
	st.project = project;
	st.title = "高强铝合金热处理工艺优化";
	st.kind = CE_SUBTOPIC_APPLIED;
	st.site = CE_SUBTOPIC_SITE_ENTERPRISE;
	st.partner = partner_id;
	st.status_date = p.start_date;
	ck_assert_int_eq(ce_subtopic_create(&subtopic, db, &st), CE_OK);
	watched = "subtopic";
	watched_fetches = 0;
	for (int i = 0; i < 40000; i++) {
		char title[64];
		snprintf(title, sizeof title, "第%d次中期检查", i);
		ce_milestone_spec m = CE_MILESTONE_SPEC_INIT;
		m.subtopic = subtopic;
		m.title = title;
		m.due_date = CE_DATE(2020, 6, 30);
		ck_assert_int_eq(ce_milestone_create(&milestone, db, &m), CE_OK);
	}
	ck_assert_int_eq(ce_subtopic_set_status(db, subtopic, CE_SUBTOPIC_STATUS_APPROVED,
	                                        CE_DATE(2019, 3, 1)),
	                 CE_OK);
	ck_assert_int_eq(watched_fetches, 0);
	/* a row read is kept, whatever its table: the last milestone, read twice */
	watched = "milestone";
	watched_fetches = 0;
	ce_record *r = NULL;
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(ce_record_lookup(&r, db, CE_ENTITY_MILESTONE, milestone), CE_OK);
		ce_record_free(r);
	}
	ck_assert_int_eq(watched_fetches, 1);
	watched = NULL;
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	ce_db_close(db);
}
END_TEST

int main(void)
{
	static ce_backend remote_memory;
	remote_memory = ce__memory_backend;
	remote_memory.scheme = "remotememory";
	remote_memory.reads_are_remote = remote;
	static ce_backend counting_memory;
	counting_memory = remote_memory;
	counting_memory.scheme = "countingmemory";
	counting_memory.fetch = counting_fetch;
	if (ce_backend_register(&remote_memory) != CE_OK ||
	    ce_backend_register(&counting_memory) != CE_OK)
		return EXIT_FAILURE;
	Suite *s = suite_create("known_records");
	TCase *tc = tcase_create("known");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, references_right_past_growth_and_deletes, 0, 2);
	tcase_add_test(tc, rows_nothing_refers_to_do_not_evict_the_others);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
