/* The helpers of report_sql.h: binding the filter, stepping, writing cells. */
#include <stdio.h>
#include <string.h>

#include "report_sql.h"

/* ---- statements and the filter ------------------------------------------------ */

static int bind_filter(report_ctx *x, sqlite3_stmt *st)
{
	const ce_report_filter *f = x->f;
	char from[11], to[11];
	int rc = SQLITE_OK, i;
	if ((i = sqlite3_bind_parameter_index(st, ":from")) > 0)
		rc = f->from && ce__sqlite_date_text(from, f->from) == 0
		         ? sqlite3_bind_text(st, i, from, -1, SQLITE_TRANSIENT)
		         : sqlite3_bind_null(st, i);
	if (rc == SQLITE_OK && (i = sqlite3_bind_parameter_index(st, ":to")) > 0)
		rc = f->to && ce__sqlite_date_text(to, f->to) == 0
		         ? sqlite3_bind_text(st, i, to, -1, SQLITE_TRANSIENT)
		         : sqlite3_bind_null(st, i);
	if (rc == SQLITE_OK && (i = sqlite3_bind_parameter_index(st, ":partner")) > 0)
		rc = f->partner ? sqlite3_bind_int64(st, i, f->partner) : sqlite3_bind_null(st, i);
	if (rc == SQLITE_OK && (i = sqlite3_bind_parameter_index(st, ":project")) > 0)
		rc = f->project ? sqlite3_bind_int64(st, i, f->project) : sqlite3_bind_null(st, i);
	if (rc == SQLITE_OK && (i = sqlite3_bind_parameter_index(st, ":cohort")) > 0)
		rc = f->cohort ? sqlite3_bind_int64(st, i, f->cohort) : sqlite3_bind_null(st, i);
	return rc == SQLITE_OK ? CE_OK : ce__sqlite_fail(x->conn, rc, "report %s: bind", x->name);
}

/* Leases the statement for sql (cached by its text) with the filter bound. */
int ce__sqr_start(report_ctx *x, ce_sqlite_lease *lease, const char *sql)
{
	int rc = ce__sqlite_lease(lease, x->conn, sql);
	if (rc != CE_OK)
		return rc;
	if ((rc = bind_filter(x, lease->stmt)) != CE_OK)
		ce__sqlite_unlease(x->conn, lease);
	return rc;
}

/* SQLITE_ROW: 1; SQLITE_DONE: 0; otherwise the failure (negative). */
int ce__sqr_step(report_ctx *x, ce_sqlite_lease *lease)
{
	int rc = sqlite3_step(lease->stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return ce__sqlite_fail(x->conn, rc, "report %s", x->name);
}

/* The token naming value of an ENUM column, from the schema. */
const char *ce__sqr_token(const report_ctx *x, int table, const char *column, int value)
{
	const ce_table_def *t = x->conn->schema->tables[table];
	for (int c = 0; c < t->ncolumns; c++)
		if (strcmp(t->columns[c].name, column) == 0)
			return value > 0 && value < t->columns[c].ntokens ? t->columns[c].tokens[value] : "";
	return "";
}

/* "CASE expr WHEN 'tok1' THEN 1 ... END": an ENUM's order by value. */
void ce__sqr_enum_order(ce_sqlbuf *b, const report_ctx *x, int table, const char *column,
                       const char *expr)
{
	const ce_table_def *t = x->conn->schema->tables[table];
	ce__sqlbuf_addf(b, "CASE %s", expr);
	for (int c = 0; c < t->ncolumns; c++)
		if (strcmp(t->columns[c].name, column) == 0)
			for (int v = 1; v < t->columns[c].ntokens; v++) {
				ce__sqlbuf_add(b, " WHEN ");
				ce__sqlbuf_literal(b, t->columns[c].tokens[v]);
				ce__sqlbuf_addf(b, " THEN %d", v);
			}
	ce__sqlbuf_add(b, " END");
}

/* ---- writing the table ---------------------------------------------------------- */

int ce__sqr_new_table(report_ctx *x, int n, const char *const *names, const ce_column_type *types)
{
	int rc = ce_table_new(&x->t, x->name, n, names, types);
	return rc == CE_OK ? rc : ce__sqlite_error(x->conn, rc, "report %s: %s", x->name, ce_last_errmsg());
}

void ce__sqr_row(report_ctx *x)
{
	if (x->rc == CE_OK)
		x->rc = ce_table_append_row(&x->row, x->t);
}

void ce__sqr_put_int(report_ctx *x, int col, int64_t v)
{
	if (x->rc == CE_OK)
		x->rc = ce_table_set_int(x->t, x->row, col, v);
}

void ce__sqr_put_real(report_ctx *x, int col, double v)
{
	if (x->rc == CE_OK)
		x->rc = ce_table_set_real(x->t, x->row, col, v);
}

/* num / den as the core divides, or NULL when den is 0. */
void ce__sqr_put_ratio(report_ctx *x, int col, double num, double den)
{
	if (den != 0)
		ce__sqr_put_real(x, col, num / den);
}

void ce__sqr_put_text(report_ctx *x, int col, const char *s)
{
	if (x->rc == CE_OK)
		x->rc = ce_table_set_text(x->t, x->row, col, s);
}

/* Result column k of the current row into table column col. */
void ce__sqr_col_int(report_ctx *x, sqlite3_stmt *st, int k, int col)
{
	if (sqlite3_column_type(st, k) != SQLITE_NULL)
		ce__sqr_put_int(x, col, sqlite3_column_int64(st, k));
}

void ce__sqr_col_text(report_ctx *x, sqlite3_stmt *st, int k, int col)
{
	ce__sqr_put_text(x, col, (const char *)sqlite3_column_text(st, k));
}

/* Hands the table over, or frees it and returns the failure. */
int ce__sqr_finish(report_ctx *x, int rc, ce_table **out)
{
	if (rc == CE_OK && x->rc != CE_OK)
		rc = ce__sqlite_error(x->conn, x->rc, "report %s: %s", x->name, ce_last_errmsg());
	if (rc != CE_OK) {
		ce_table_free(x->t);
		x->t = NULL;
		return rc;
	}
	*out = x->t;
	x->t = NULL;
	return CE_OK;
}

/* Runs a built SQL text through ce__sqr_start(); fails on a builder's ENOMEM. */
int ce__sqr_start_buf(report_ctx *x, ce_sqlite_lease *lease, ce_sqlbuf *b)
{
	int rc = b->failed ? ce__sqlite_error(x->conn, CE_ENOMEM, "report %s: out of memory", x->name)
	                   : ce__sqr_start(x, lease, b->p);
	ce__sqlbuf_free(b);
	return rc;
}

/* ---- clauses for the members a filter sets ------------------------------------------ */

/* The SQL asks only what the filter asks: a clause for each member set,
 * none for those left open (the text differs per filter shape, and each
 * shape's statement is cached on its own). " AND" the overlap of [s, e]
 * with the period, when there is one. */
void ce__sqr_and_overlaps(ce_sqlbuf *b, const report_ctx *x, const char *s, const char *e)
{
	if (x->f->from || x->f->to)
		ce__sqlbuf_addf(b, " AND ((:to IS NULL OR %s IS NULL OR %s <= :to) AND "
		                   "(:from IS NULL OR %s IS NULL OR %s >= :from))", s, s, e, e);
}

