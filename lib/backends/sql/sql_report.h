/* Private to the shared SQL layer: a report being computed, the helpers
 * that run its statement through the driver and write its result table.
 *
 * Report texts name the filter's parameters :from, :to, :partner,
 * :project, :cohort, :round and :baseline; the statement's text is the dialect's spelling of
 * each (ce__sqr_start()). Stored forms: DATE is the engine's date
 * (text 'YYYY-MM-DD' on SQLite), ENUM its token, read from the schema. */
#ifndef CE_BACKENDS_SQL_REPORT_H
#define CE_BACKENDS_SQL_REPORT_H

#include "coopedu.h"
#include "coopedu/sys/table.h"
#include "sql.h"

typedef struct report_ctx report_ctx;
/* Writes one row of the table (ce__sqr_row(), then its cells) from the
 * statement's current result row. */
typedef void (*ce_sqr_row_fn)(report_ctx *x, ce_sql_stmt *q);

/* A report being computed: where, for what filter, the table built, and
 * once started its statement and row writer. A report's function builds
 * its text and calls ce__sqr_start(); the layer then steps the statement,
 * into the whole table (ce__sql_report()) or a row at a time (a stream). */
struct report_ctx {
	const ce_sql_conn *c;
	const ce_report_filter *f;
	const char *name;
	ce_table *t; /* being built */
	size_t row;
	int rc;      /* first failure while writing cells */
	ce_sql_stmt *q;
	ce_sqr_row_fn write_row;
	size_t row_count;  /* result rows written before the current one */
	int64_t carry[2];  /* what a row writer carries to the next row */
};

/* Records a failure "report <name>: <what>" and returns code. */
int ce__sqr_fail(report_ctx *x, int code, const char *what);
/* Starts the report: its table with these columns (no rows yet), b's
 * text prepared (parameters spelt by the dialect) with the filter bound,
 * and write_row for each result row. Frees b; fails on a builder's
 * ENOMEM, leaving nothing started. */
int ce__sqr_start(report_ctx *x, ce_sqlbuf *b, int ncols, const char *const *names,
                  const ce_column_type *types, ce_sqr_row_fn write_row);

/* The token naming value of an ENUM column, from the schema. */
const char *ce__sqr_token(const report_ctx *x, int table, const char *column, int value);
/* "CASE expr WHEN 'tok1' THEN 1 ... END": an ENUM's order by value. */
void ce__sqr_enum_order(ce_sqlbuf *b, const report_ctx *x, int table, const char *column,
                        const char *expr);
/* The dialect's spellings (sql.h) of a date difference, a date's year and
 * month, and a text ordered by its bytes. */
void ce__sqr_days_between(ce_sqlbuf *b, const report_ctx *x, const char *later, const char *earlier);
void ce__sqr_year_of(ce_sqlbuf *b, const report_ctx *x, const char *d);
void ce__sqr_month_of(ce_sqlbuf *b, const report_ctx *x, const char *d);
void ce__sqr_order_bytes(ce_sqlbuf *b, const report_ctx *x, const char *expr);
/* The SQL asks only what the filter asks: a clause for each member set,
 * none for those left open (the text differs per filter shape, and each
 * shape's statement is cached on its own). " AND" the overlap of [s, e]
 * with the period, when there is one. */
void ce__sqr_and_overlaps(ce_sqlbuf *b, const report_ctx *x, const char *s, const char *e);

/* The projects the filter's :project means, for "expr IN <set>": the
 * project, or with filter.descendants a recursive query down
 * project.parent. */
const char *ce__sqr_project_set(const report_ctx *x);

void ce__sqr_row(report_ctx *x);
void ce__sqr_put_int(report_ctx *x, int col, int64_t v);
void ce__sqr_put_real(report_ctx *x, int col, double v);
/* num / den as the core divides, or NULL when den is 0. */
void ce__sqr_put_ratio(report_ctx *x, int col, double num, double den);
void ce__sqr_put_text(report_ctx *x, int col, const char *s);
/* Result column k of the current row into table column col (NULL stays
 * NULL), and its value. */
void ce__sqr_col_int(report_ctx *x, ce_sql_stmt *st, int k, int col);
void ce__sqr_col_text(report_ctx *x, ce_sql_stmt *st, int k, int col);
/* A DATE (the engine's 'YYYY-MM-DD') into a DATE column. */
void ce__sqr_col_date(report_ctx *x, ce_sql_stmt *st, int k, int col);
int64_t ce__sqr_int(const report_ctx *x, ce_sql_stmt *st, int k);
double ce__sqr_real(const report_ctx *x, ce_sql_stmt *st, int k);
bool ce__sqr_null(const report_ctx *x, ce_sql_stmt *st, int k);

/* The reports, by the file they live in: each starts itself
 * (ce__sqr_start()). */
int ce__sqr_project_pipeline(report_ctx *x);
int ce__sqr_budget_variance(report_ctx *x);
int ce__sqr_destinations(report_ctx *x);
int ce__sqr_supervision_coverage(report_ctx *x);
int ce__sqr_students_lacking_supervisor(report_ctx *x);
int ce__sqr_placement_health(report_ctx *x);
int ce__sqr_cooperation_depth(report_ctx *x);
int ce__sqr_guidance_hours(report_ctx *x);
int ce__sqr_guidance_by_term(report_ctx *x);
int ce__sqr_risk_exposure(report_ctx *x);
int ce__sqr_spinoffs(report_ctx *x);
int ce__sqr_idle_platforms(report_ctx *x);
/* CE_ENOTSUPPORTED, nothing started, on a dialect without year_first_day. */
int ce__sqr_platform_utilisation(report_ctx *x);
/* The aggregates the core builds the survey reports from (sql_report_survey.c). */
int ce__sqr_survey_item_histogram(report_ctx *x);
int ce__sqr_survey_item_means(report_ctx *x);
int ce__sqr_survey_population(report_ctx *x);

#endif
