/* The helpers of sql_report.h and the entry point ce__sql_report(): the
 * statement of a report with the filter bound, the dialect's spellings,
 * and the writer of the result table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql_report.h"

/* ---- statements and the filter ------------------------------------------------ */

int ce__sqr_fail(report_ctx *x, int code, const char *what)
{
	char msg[256];
	snprintf(msg, sizeof msg, "report %s: %s", x->name, what);
	return x->c->driver->fail(x->c->conn, code, msg);
}

static const char *const param_names[CE_SQL_NPARAMS] = {
	[CE_SQL_P_FROM] = "from",       [CE_SQL_P_TO] = "to",         [CE_SQL_P_PARTNER] = "partner",
	[CE_SQL_P_PROJECT] = "project", [CE_SQL_P_COHORT] = "cohort",   [CE_SQL_P_ROUND] = "round",
	[CE_SQL_P_BASELINE] = "baseline",
};

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The text with each :name spelt as the dialect spells it; string
 * literals are copied as they are. */
static void spell_params(ce_sqlbuf *out, const report_ctx *x, const char *sql)
{
	const char *p = sql, *run = sql;
	bool quoted = false;
	for (; *p; p++) {
		if (*p == '\'') {
			quoted = !quoted;
			continue;
		}
		if (quoted || *p != ':' || (p > sql && (ident_char(p[-1]) || p[-1] == ':')))
			continue;
		for (int i = 0; i < CE_SQL_NPARAMS; i++) {
			size_t n = strlen(param_names[i]);
			if (strncmp(p + 1, param_names[i], n) == 0 && !ident_char(p[1 + n])) {
				ce__sqlbuf_addf(out, "%.*s%s", (int)(p - run), run, x->c->dialect->param[i]);
				run = p + 1 + n;
				p += n;
				break;
			}
		}
	}
	ce__sqlbuf_add(out, run);
}

static int bind_filter(report_ctx *x, ce_sql_stmt *st)
{
	const ce_sql_driver *d = x->c->driver;
	void *conn = x->c->conn;
	const ce_report_filter *f = x->f;
	int rc;
	rc = f->from ? d->bind_date(st, conn, CE_SQL_P_FROM, f->from) : d->bind_null(st, conn, CE_SQL_P_FROM);
	if (rc == CE_OK)
		rc = f->to ? d->bind_date(st, conn, CE_SQL_P_TO, f->to) : d->bind_null(st, conn, CE_SQL_P_TO);
	if (rc == CE_OK)
		rc = f->partner ? d->bind_int(st, conn, CE_SQL_P_PARTNER, f->partner)
		                : d->bind_null(st, conn, CE_SQL_P_PARTNER);
	if (rc == CE_OK)
		rc = f->project ? d->bind_int(st, conn, CE_SQL_P_PROJECT, f->project)
		                : d->bind_null(st, conn, CE_SQL_P_PROJECT);
	if (rc == CE_OK)
		rc = f->cohort ? d->bind_int(st, conn, CE_SQL_P_COHORT, f->cohort)
		               : d->bind_null(st, conn, CE_SQL_P_COHORT);
	if (rc == CE_OK)
		rc = f->round ? d->bind_int(st, conn, CE_SQL_P_ROUND, f->round)
		              : d->bind_null(st, conn, CE_SQL_P_ROUND);
	if (rc == CE_OK)
		rc = f->baseline ? d->bind_int(st, conn, CE_SQL_P_BASELINE, f->baseline)
		                 : d->bind_null(st, conn, CE_SQL_P_BASELINE);
	return rc;
}

static int prepare_buf(report_ctx *x, ce_sql_stmt **st, ce_sqlbuf *b)
{
	ce_sqlbuf text = { 0 };
	int rc;
	bool failed = b->failed;
	*st = NULL;
	if (!failed)
		spell_params(&text, x, b->p);
	ce__sqlbuf_free(b);
	if (failed || text.failed) {
		ce__sqlbuf_free(&text);
		return ce__sqr_fail(x, CE_ENOMEM, "out of memory");
	}
	rc = x->c->driver->prepare(st, x->c->conn, text.p);
	ce__sqlbuf_free(&text);
	if (rc == CE_OK && (rc = bind_filter(x, *st)) != CE_OK) {
		x->c->driver->release(*st, x->c->conn);
		*st = NULL;
	}
	return rc;
}

int ce__sqr_start(report_ctx *x, ce_sqlbuf *b, int ncols, const char *const *names,
                  const ce_column_type *types, ce_sqr_row_fn write_row)
{
	int rc = ce_table_new(&x->t, x->name, ncols, names, types);
	if (rc != CE_OK) {
		ce__sqlbuf_free(b);
		return ce__sqr_fail(x, rc, ce_last_errmsg());
	}
	if ((rc = prepare_buf(x, &x->q, b)) != CE_OK) {
		ce_table_free(x->t);
		x->t = NULL;
		return rc;
	}
	x->write_row = write_row;
	return CE_OK;
}

const char *ce__sqr_project_set(const report_ctx *x)
{
	/* UNION, not UNION ALL: a cycle (only a damaged store has one) ends */
	return x->f->descendants ? "(WITH RECURSIVE sub(id) AS (SELECT :project UNION SELECT c.id "
	                           "FROM project c JOIN sub ON c.parent = sub.id) SELECT id FROM sub)"
	                         : "(:project)";
}

/* ---- the schema and the dialect ------------------------------------------------------ */

const char *ce__sqr_token(const report_ctx *x, int table, const char *column, int value)
{
	const ce_table_def *t = x->c->schema->tables[table];
	for (int c = 0; c < t->ncolumns; c++)
		if (strcmp(t->columns[c].name, column) == 0)
			return value > 0 && value < t->columns[c].ntokens ? t->columns[c].tokens[value] : "";
	return "";
}

void ce__sqr_enum_order(ce_sqlbuf *b, const report_ctx *x, int table, const char *column,
                        const char *expr)
{
	const ce_table_def *t = x->c->schema->tables[table];
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

void ce__sqr_days_between(ce_sqlbuf *b, const report_ctx *x, const char *later, const char *earlier)
{
	ce__sqlbuf_template(b, x->c->dialect->days_between, later, earlier);
}

void ce__sqr_year_of(ce_sqlbuf *b, const report_ctx *x, const char *d)
{
	ce__sqlbuf_template(b, x->c->dialect->year_of, d, NULL);
}

void ce__sqr_month_of(ce_sqlbuf *b, const report_ctx *x, const char *d)
{
	ce__sqlbuf_template(b, x->c->dialect->month_of, d, NULL);
}

void ce__sqr_order_bytes(ce_sqlbuf *b, const report_ctx *x, const char *expr)
{
	ce__sqlbuf_template(b, x->c->dialect->order_bytes, expr, NULL);
}

void ce__sqr_and_overlaps(ce_sqlbuf *b, const report_ctx *x, const char *s, const char *e)
{
	if (x->f->from || x->f->to)
		ce__sqlbuf_addf(b, " AND ((:to IS NULL OR %s IS NULL OR %s <= :to) AND "
		                   "(:from IS NULL OR %s IS NULL OR %s >= :from))", s, s, e, e);
}

/* ---- writing the table ---------------------------------------------------------- */

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

void ce__sqr_col_int(report_ctx *x, ce_sql_stmt *st, int k, int col)
{
	if (!x->c->driver->column_null(st, k))
		ce__sqr_put_int(x, col, x->c->driver->column_int(st, k));
}

void ce__sqr_col_text(report_ctx *x, ce_sql_stmt *st, int k, int col)
{
	if (!x->c->driver->column_null(st, k))
		ce__sqr_put_text(x, col, x->c->driver->column_text(st, k));
}

void ce__sqr_col_date(report_ctx *x, ce_sql_stmt *st, int k, int col)
{
	ce_date d;
	if (x->c->driver->column_null(st, k))
		return;
	if (ce_date_parse(&d, x->c->driver->column_text(st, k)) == CE_OK)
		ce__sqr_put_int(x, col, d);
	else if (x->rc == CE_OK)
		x->rc = ce__sqr_fail(x, CE_EBACKEND, "a date the engine gave is not a date");
}

int64_t ce__sqr_int(const report_ctx *x, ce_sql_stmt *st, int k)
{
	return x->c->driver->column_int(st, k);
}

double ce__sqr_real(const report_ctx *x, ce_sql_stmt *st, int k)
{
	return x->c->driver->column_real(st, k);
}

bool ce__sqr_null(const report_ctx *x, ce_sql_stmt *st, int k)
{
	return x->c->driver->column_null(st, k);
}

/* ---- the entry points -------------------------------------------------------------- */

static const struct {
	const char *name;
	int (*start)(report_ctx *x);
} sql_reports[] = {
	{ "supervision_coverage", ce__sqr_supervision_coverage },
	{ "students_lacking_supervisor", ce__sqr_students_lacking_supervisor },
	{ "guidance_hours", ce__sqr_guidance_hours },
	{ "guidance_by_term", ce__sqr_guidance_by_term },
	{ "cooperation_depth", ce__sqr_cooperation_depth },
	{ "placement_health", ce__sqr_placement_health },
	{ "destinations", ce__sqr_destinations },
	{ "project_pipeline", ce__sqr_project_pipeline },
	{ "budget_variance", ce__sqr_budget_variance },
	{ "risk_exposure", ce__sqr_risk_exposure },
	{ "spinoffs", ce__sqr_spinoffs },
	{ "idle_platforms", ce__sqr_idle_platforms },
	{ "platform_utilisation", ce__sqr_platform_utilisation },
	{ CE_SURVEY_AGG_HISTOGRAM, ce__sqr_survey_item_histogram },
	{ CE_SURVEY_AGG_MEANS, ce__sqr_survey_item_means },
	{ CE_SURVEY_AGG_POPULATION, ce__sqr_survey_population },
};

static int find(const char *name)
{
	for (size_t i = 0; i < sizeof sql_reports / sizeof sql_reports[0]; i++)
		if (strcmp(sql_reports[i].name, name) == 0)
			return (int)i;
	return -1;
}

bool ce__sql_reports(const char *name)
{
	return find(name) >= 0;
}

/* The next result row written into the table: 1, 0 at the end, or the
 * failure (of the engine, or of writing a cell). */
static int step(report_ctx *x)
{
	int rc = x->c->driver->step(x->q, x->c->conn);
	if (rc != 1)
		return rc;
	x->write_row(x, x->q);
	x->row_count++;
	return x->rc == CE_OK ? 1 : ce__sqr_fail(x, x->rc, ce_last_errmsg());
}

int ce__sql_report(ce_table **out, const ce_sql_conn *c, const char *name,
                   const ce_report_filter *filter)
{
	int i = find(name), rc;
	*out = NULL;
	if (i < 0)
		return CE_ENOTSUPPORTED;
	report_ctx x = { .c = c, .f = filter, .name = sql_reports[i].name };
	if ((rc = sql_reports[i].start(&x)) != CE_OK)
		return rc;
	while ((rc = step(&x)) == 1)
		;
	c->driver->release(x.q, c->conn);
	if (rc != CE_OK) {
		ce_table_free(x.t);
		return rc;
	}
	*out = x.t;
	return CE_OK;
}

/* A report read a row at a time: its table holds the current row only. */
struct ce_sql_report_stream {
	ce_sql_conn c;
	ce_report_filter f;
	report_ctx x;
	bool done;
};

int ce__sql_report_open(ce_sql_report_stream **out, const ce_table **rows, const ce_sql_conn *c,
                        const char *name, const ce_report_filter *filter)
{
	int i = find(name), rc;
	*out = NULL;
	*rows = NULL;
	if (i < 0)
		return CE_ENOTSUPPORTED;
	ce_sql_report_stream *s = calloc(1, sizeof *s);
	if (!s)
		return c->driver->fail(c->conn, CE_ENOMEM, "report: out of memory");
	s->c = *c;
	s->f = *filter;
	s->x = (report_ctx){ .c = &s->c, .f = &s->f, .name = sql_reports[i].name };
	if ((rc = sql_reports[i].start(&s->x)) == CE_OK && c->driver->stream &&
	    (rc = c->driver->stream(s->x.q, c->conn)) != CE_OK) {
		c->driver->release(s->x.q, c->conn);
		ce_table_free(s->x.t);
	}
	if (rc != CE_OK) {
		free(s);
		return rc;
	}
	*out = s;
	*rows = s->x.t;
	return CE_OK;
}

int ce__sql_report_next(ce_sql_report_stream *s)
{
	if (s->done)
		return CE_ITEROVER;
	ce_table_clear(s->x.t);
	s->x.row = 0;
	int rc = step(&s->x);
	if (rc == 1)
		return CE_OK;
	/* the end or a failure: nothing more to read (nor a partial row) */
	s->done = true;
	ce_table_clear(s->x.t);
	return rc == 0 ? CE_ITEROVER : rc;
}

void ce__sql_report_close(ce_sql_report_stream *s)
{
	if (!s)
		return;
	s->c.driver->release(s->x.q, s->c.conn);
	ce_table_free(s->x.t);
	free(s);
}
