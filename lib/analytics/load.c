/* Loading columns of a table into memory in one scan, and sets of ids:
 * what every report builds before it counts anything. */
#include <stdlib.h>
#include <string.h>

#include "analytics_internal.h"

int ce__an_nomem(ce_db *db)
{
	return ce__fail(db, CE_ENOMEM, "report: out of memory");
}

void ce__an_rows_free(an_rows *rows)
{
	if (!rows)
		return;
	free(rows->ids);
	free(rows->cells);
	free(rows->nulls);
	free(rows->pool);
	memset(rows, 0, sizeof *rows);
}

static int grow_rows(an_rows *r)
{
	size_t cap = r->cap ? r->cap * 2 : 64, k = (size_t)r->ncols;
	if (cap > SIZE_MAX / sizeof(an_cell) / (k ? k : 1))
		return CE_ENOMEM;
	int64_t *ids = realloc(r->ids, cap * sizeof *ids);
	if (!ids)
		return CE_ENOMEM;
	r->ids = ids;
	if (k) {
		an_cell *cells = realloc(r->cells, cap * k * sizeof *cells);
		if (!cells)
			return CE_ENOMEM;
		r->cells = cells;
		unsigned char *nulls = realloc(r->nulls, cap * k);
		if (!nulls)
			return CE_ENOMEM;
		r->nulls = nulls;
	}
	r->cap = cap;
	return CE_OK;
}

/* Copies s into the pool; returns its offset. */
static int pool_add(an_rows *r, const char *s, size_t *offset)
{
	size_t len = strlen(s) + 1;
	if (r->pool_len + len > r->pool_cap) {
		size_t cap = r->pool_cap ? r->pool_cap : 1024;
		while (cap < r->pool_len + len)
			cap *= 2;
		char *grown = realloc(r->pool, cap);
		if (!grown)
			return CE_ENOMEM;
		r->pool = grown;
		r->pool_cap = cap;
	}
	memcpy(r->pool + r->pool_len, s, len);
	*offset = r->pool_len;
	r->pool_len += len;
	return CE_OK;
}

/* Loads the rows of table meeting cond (op 0: every row): column equal to
 * value (CE_COND_EQ), or in [value, high] (CE_COND_RANGE; high < value:
 * IS NOT NULL). */
static int load_where(an_rows *out, ce_db *db, int table, ce_cond_op op, const char *column,
                      int64_t value, int64_t high, int ncols, const char *const *columns)
{
	const ce_table_def *t = ce__table(table);
	ce_condition cond = { .op = op };
	ce_query q = { 0, &cond };
	memset(out, 0, sizeof *out);
	if (!t || ncols < 0 || ncols > AN_MAX_LOAD)
		return ce__fail(db, CE_ERROR, "report: bad load of table %d", table);
	out->table = t;
	out->ncols = ncols;
	for (int k = 0; k < ncols; k++)
		if ((out->cols[k] = ce__column_by_name(t, columns[k])) < 0)
			return ce__fail(db, CE_ERROR, "report: %s has no column %s", t->name, columns[k]);
	if (op) {
		if ((cond.column = ce__column_by_name(t, column)) < 0)
			return ce__fail(db, CE_ERROR, "report: %s has no column %s", t->name, column);
		if (op == CE_COND_RANGE && high < value) { /* both bounds open: IS NOT NULL */
			cond.low.null = cond.high.null = 1;
		} else {
			cond.low.i = value;
			cond.high.i = high;
		}
		q.nconditions = 1;
	}

	ce_scan scan;
	const ce_value *row;
	int64_t id;
	int rc = ce__scan_open(&scan, db, t, &q);
	if (rc != CE_OK)
		return rc;
	while ((rc = ce__scan_next(&scan, &id, &row)) == CE_OK) {
		if (out->n == out->cap && (rc = grow_rows(out)) != CE_OK)
			break;
		size_t base = out->n * (size_t)ncols;
		out->ids[out->n] = id;
		for (int k = 0; k < ncols; k++) {
			const ce_value *v = &row[out->cols[k]];
			ce_column_type type = t->columns[out->cols[k]].type;
			an_cell *c = &out->cells[base + (size_t)k];
			out->nulls[base + (size_t)k] = v->null != 0;
			c->i = 0;
			if (v->null)
				continue;
			if (type == CE_TYPE_REAL) {
				c->r = v->r;
			} else if (type == CE_TYPE_TEXT) {
				size_t off;
				if ((rc = pool_add(out, v->s ? v->s : "", &off)) != CE_OK)
					break;
				c->i = (int64_t)off; /* made a pointer once the pool stops moving */
			} else {
				c->i = v->i;
			}
		}
		if (rc != CE_OK)
			break;
		out->n++;
	}
	ce__scan_close(&scan);
	if (rc != CE_ITEROVER) {
		ce__an_rows_free(out);
		return rc == CE_ENOMEM ? ce__an_nomem(db) : rc;
	}
	for (int k = 0; k < ncols; k++) {
		if (t->columns[out->cols[k]].type != CE_TYPE_TEXT)
			continue;
		for (size_t i = 0; i < out->n; i++) {
			size_t at = i * (size_t)ncols + (size_t)k;
			if (!out->nulls[at])
				out->cells[at].s = out->pool + (size_t)out->cells[at].i;
		}
	}
	return CE_OK;
}

int ce__an_load(an_rows *out, ce_db *db, int table, const char *eq_column, int64_t eq_value,
                int ncols, const char *const *columns)
{
	return load_where(out, db, table, eq_column ? CE_COND_EQ : (ce_cond_op)0, eq_column,
	                  eq_value, 0, ncols, columns);
}

int ce__an_load_range(an_rows *out, ce_db *db, int table, const char *column, int64_t low,
                      int64_t high, int ncols, const char *const *columns)
{
	if (high < low)
		return ce__fail(db, CE_ERROR, "report: an empty range of %s", column);
	return load_where(out, db, table, CE_COND_RANGE, column, low, high, ncols, columns);
}

int ce__an_load_set(an_rows *out, ce_db *db, int table, const char *set_column, int ncols,
                    const char *const *columns)
{
	return load_where(out, db, table, CE_COND_RANGE, set_column, 1, 0, ncols, columns);
}

ptrdiff_t ce__an_find(const an_rows *rows, int64_t id)
{
	size_t lo = 0, hi = rows->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rows->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < rows->n && rows->ids[lo] == id ? (ptrdiff_t)lo : -1;
}

const char *ce__an_token(const an_rows *r, size_t row, int k)
{
	const ce_column_def *col = &r->table->columns[r->cols[k]];
	int64_t v = an_i(r, row, k);
	if (an_isnull(r, row, k) || col->type != CE_TYPE_ENUM || v < 1 || v >= col->ntokens)
		return NULL;
	return col->tokens[v];
}

/* ---- id sets ------------------------------------------------------------- */

int ce__an_ids_add(ce_db *db, an_ids *s, int64_t id)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		int64_t *grown = realloc(s->v, cap * sizeof *grown);
		if (!grown)
			return ce__an_nomem(db);
		s->v = grown;
		s->cap = cap;
	}
	s->v[s->n++] = id;
	return CE_OK;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

void ce__an_ids_seal(an_ids *s)
{
	size_t w = 0;
	if (s->n > 1)
		ce__an_sort(s->v, s->n, sizeof *s->v, cmp_i64);
	for (size_t i = 0; i < s->n; i++)
		if (w == 0 || s->v[w - 1] != s->v[i])
			s->v[w++] = s->v[i];
	s->n = w;
}

bool ce__an_ids_has(const an_ids *s, int64_t id)
{
	return s->n && bsearch(&id, s->v, s->n, sizeof *s->v, cmp_i64) != NULL;
}

void ce__an_ids_free(an_ids *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

int ce__an_ids_of(an_ids *out, ce_db *db, int table, const char *column, const char *eq_column,
                  int64_t value)
{
	an_rows r;
	int rc = ce__an_load(&r, db, table, eq_column, value, column ? 1 : 0, &column);
	memset(out, 0, sizeof *out);
	for (size_t i = 0; rc == CE_OK && i < r.n; i++)
		if (!column)
			rc = ce__an_ids_add(db, out, r.ids[i]);
		else if (!an_isnull(&r, i, 0))
			rc = ce__an_ids_add(db, out, an_i(&r, i, 0));
	ce__an_rows_free(&r);
	if (rc != CE_OK)
		ce__an_ids_free(out);
	else
		ce__an_ids_seal(out);
	return rc;
}
