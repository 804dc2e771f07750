/* Shared by the reports SQLite computes itself (reports.c,
 * report_guidance.c): the statement of a report with the filter bound, and
 * the writer of its result table. The filter binds as :from, :to (date
 * text, NULL when open), :partner, :project and :cohort (NULL when unset). */
#ifndef CE_SQLITE_REPORT_SQL_H
#define CE_SQLITE_REPORT_SQL_H

#include "coopedu.h"
#include "coopedu/sys/table.h"
#include "sqlite_internal.h"

/* A report being computed: where, for what filter, and the table built. */
typedef struct report_ctx {
	ce_backend_conn *conn;
	const ce_report_filter *f;
	const char *name;
	ce_table *t; /* being built */
	size_t row;
	int rc;      /* first failure while writing cells */
} report_ctx;

/* Leases the statement for sql (cached by its text) with the filter bound. */
int ce__sqr_start(report_ctx *x, ce_sqlite_lease *lease, const char *sql);
/* SQLITE_ROW: 1; SQLITE_DONE: 0; otherwise the failure (negative). */
int ce__sqr_step(report_ctx *x, ce_sqlite_lease *lease);
/* The token naming value of an ENUM column, from the schema. */
const char *ce__sqr_token(const report_ctx *x, int table, const char *column, int value);
/* "CASE expr WHEN 'tok1' THEN 1 ... END": an ENUM's order by value. */
void ce__sqr_enum_order(ce_sqlbuf *b, const report_ctx *x, int table, const char *column,
                        const char *expr);
int ce__sqr_new_table(report_ctx *x, int n, const char *const *names, const ce_column_type *types);
void ce__sqr_row(report_ctx *x);
void ce__sqr_put_int(report_ctx *x, int col, int64_t v);
void ce__sqr_put_real(report_ctx *x, int col, double v);
/* num / den as the core divides, or NULL when den is 0. */
void ce__sqr_put_ratio(report_ctx *x, int col, double num, double den);
void ce__sqr_put_text(report_ctx *x, int col, const char *s);
/* Result column k of the current row into table column col. */
void ce__sqr_col_int(report_ctx *x, sqlite3_stmt *st, int k, int col);
void ce__sqr_col_text(report_ctx *x, sqlite3_stmt *st, int k, int col);
/* Hands the table over, or frees it and returns the failure. */
int ce__sqr_finish(report_ctx *x, int rc, ce_table **out);
/* Runs a built SQL text through ce__sqr_start(); fails on a builder's ENOMEM. */
int ce__sqr_start_buf(report_ctx *x, ce_sqlite_lease *lease, ce_sqlbuf *b);
/* The SQL asks only what the filter asks: a clause for each member set,
 * none for those left open (the text differs per filter shape, and each
 * shape's statement is cached on its own). " AND" the overlap of [s, e]
 * with the period, when there is one. */
void ce__sqr_and_overlaps(ce_sqlbuf *b, const report_ctx *x, const char *s, const char *e);

/* The reports of report_guidance.c. */
int ce__sqr_guidance_hours(report_ctx *x, ce_table **out);
int ce__sqr_guidance_by_term(report_ctx *x, ce_table **out);

#endif
