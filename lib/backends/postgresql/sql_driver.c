/* PostgreSQL as the shared SQL layer sees it (lib/backends/sql/sql.h): the
 * driver runs a report's statement with its filter values written in
 * as typed literals (a parameter only tested for NULL has no type the
 * server could infer), kept prepared per text (report_stmts.c); a
 * streamed one passes them as typed parameters. The dialect says how
 * PostgreSQL spells what engines spell differently. Dates are the date
 * type. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/sql/sql.h"
#include "pg_internal.h"

static void placeholder(ce_sqlbuf *b, int n)
{
	ce__sqlbuf_addf(b, "$%d", n);
}

static const ce_sql_dialect pg_dialect = {
	.name = "postgresql",
	.param = { [CE_SQL_P_FROM] = "$1",
	           [CE_SQL_P_TO] = "$2",
	           [CE_SQL_P_PARTNER] = "$3",
	           [CE_SQL_P_PROJECT] = "$4",
	           [CE_SQL_P_COHORT] = "$5",
	           [CE_SQL_P_ROUND] = "$6",
	           [CE_SQL_P_BASELINE] = "$7" },
	.days_between = "(%1 - %2)",
	.year_of = "CAST(EXTRACT(YEAR FROM %1) AS integer)",
	.month_of = "CAST(EXTRACT(MONTH FROM %1) AS integer)",
	.order_bytes = "%1 COLLATE \"C\"",
	.ident = ce__pg_ident,
	.placeholder = placeholder,
	.aggregate_probes = true,
	.inline_cte = " NOT MATERIALIZED",
	.median = "percentile_cont(0.5) WITHIN GROUP (ORDER BY %1)",
	.year_first_day = "make_date(%1, 1, 1)",
	.year_last_day = "make_date(%1, 12, 31)",
};

/* date, bigint, bigint, bigint, integer, bigint, bigint (pg_type.h's OIDs) */
static const Oid param_types[CE_SQL_NPARAMS] = { 1082, 1082, 20, 20, 23, 20, 20 };

/* Rows a streamed report fetches at a time: its memory on the client. */
#define PG_FETCH_ROWS 1000

/* A statement of the layer: its text and parameters until the first
 * step runs it, then its result (all of it, or when streamed the batch
 * its server-side cursor last fetched). */
typedef struct pg_sql_stmt {
	char *sql;
	int nparams;      /* CE_SQL_NPARAMS, or 0 when the text names none */
	const char *values[CE_SQL_NPARAMS];
	char bufs[CE_SQL_NPARAMS][24];
	PGresult *res;
	int row, nrows;
	char cursor[32];  /* the server-side cursor's name, "" when not streamed */
	bool exhausted;   /* the cursor's last batch came */
} pg_sql_stmt;

static pg_sql_stmt *stmt_of(ce_sql_stmt *st)
{
	return (pg_sql_stmt *)(void *)st;
}

/* Whether the text names a parameter ($n outside a string literal). */
static bool names_params(const char *sql)
{
	bool quoted = false;
	for (const char *p = sql; *p; p++) {
		if (*p == '\'')
			quoted = !quoted;
		else if (!quoted && *p == '$' && p[1] >= '0' && p[1] <= '9')
			return true;
	}
	return false;
}

static int drv_prepare(ce_sql_stmt **out, void *conn, const char *sql)
{
	pg_sql_stmt *s = calloc(1, sizeof *s);
	*out = NULL;
	if (!s || !(s->sql = strdup(sql))) {
		free(s);
		return ce__pg_error(conn, CE_ENOMEM, "report: out of memory");
	}
	/* a report whose filter is open names no parameter: its text as it is */
	s->nparams = names_params(sql) ? CE_SQL_NPARAMS : 0;
	*out = (ce_sql_stmt *)(void *)s;
	return CE_OK;
}

/* Ends a streamed statement's cursor, and the transaction begun for the
 * report cursors when this was the last (rolled back if a failure aborted
 * it: it only read). */
static void end_stream(pg_sql_stmt *s, ce_backend_conn *conn)
{
	char sql[64];
	if (PQtransactionStatus(conn->pg) == PQTRANS_INTRANS) {
		snprintf(sql, sizeof sql, "CLOSE %s", s->cursor);
		PQclear(PQexec(conn->pg, sql));
	}
	if (--conn->report_cursors == 0 && conn->report_txn) {
		bool ok = PQtransactionStatus(conn->pg) == PQTRANS_INTRANS;
		PQclear(PQexec(conn->pg, ok ? "COMMIT" : "ROLLBACK"));
		conn->report_txn = false;
	}
}

static void drv_release(ce_sql_stmt *st, void *conn)
{
	if (!st)
		return;
	if (stmt_of(st)->cursor[0])
		end_stream(stmt_of(st), conn);
	PQclear(stmt_of(st)->res);
	free(stmt_of(st)->sql);
	free(stmt_of(st));
}

static int drv_bind_null(ce_sql_stmt *st, void *conn, int p)
{
	(void)conn;
	if (p >= 0 && p < CE_SQL_NPARAMS)
		stmt_of(st)->values[p] = NULL;
	return CE_OK;
}

static int drv_bind_int(ce_sql_stmt *st, void *conn, int p, int64_t v)
{
	(void)conn;
	if (p >= 0 && p < CE_SQL_NPARAMS) {
		snprintf(stmt_of(st)->bufs[p], sizeof stmt_of(st)->bufs[p], "%lld", (long long)v);
		stmt_of(st)->values[p] = stmt_of(st)->bufs[p];
	}
	return CE_OK;
}

static int drv_bind_date(ce_sql_stmt *st, void *conn, int p, int64_t date)
{
	if (p < 0 || p >= CE_SQL_NPARAMS)
		return CE_OK;
	if (ce__pg_date_text(stmt_of(st)->bufs[p], date) != 0) /* the core checked it */
		return ce__pg_error(conn, CE_EINVALID, "report: date out of range");
	stmt_of(st)->values[p] = stmt_of(st)->bufs[p];
	return CE_OK;
}

/* Declares the statement as a server-side cursor, inside the caller's
 * transaction or one begun for the report cursors (a cursor lives in a
 * transaction; one WITH HOLD would be materialised whole at commit). */
static int drv_stream(ce_sql_stmt *st, void *vconn)
{
	ce_backend_conn *conn = vconn;
	pg_sql_stmt *s = stmt_of(st);
	ce_sqlbuf b = { 0 };
	int rc = ce__pg_flush(conn, NULL);
	if (rc == CE_OK)
		rc = ce__pg_check_doomed(conn);
	if (rc != CE_OK)
		return rc;
	if (!conn->in_txn && !conn->report_txn) {
		if ((rc = ce__pg_exec(conn, "BEGIN", "report")) != CE_OK)
			return rc;
		conn->report_txn = true;
	}
	conn->report_cursors++;
	snprintf(s->cursor, sizeof s->cursor, "ce_report_%d", ++conn->report_seq);
	ce__sqlbuf_addf(&b, "DECLARE %s NO SCROLL CURSOR FOR %s", s->cursor, s->sql);
	PGresult *res = b.failed ? NULL
	                         : PQexecParams(conn->pg, b.p, CE_SQL_NPARAMS, param_types, s->values,
	                                        NULL, NULL, 0);
	if (b.failed)
		rc = ce__pg_error(conn, CE_ENOMEM, "report: out of memory");
	else if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = ce__pg_fail(conn, res, "report");
	PQclear(res);
	ce__sqlbuf_free(&b);
	s->exhausted = rc != CE_OK; /* the release ends what was begun */
	return rc;
}

/* The next row of a streamed statement: from the batch fetched, or the
 * next batch. */
static int step_stream(pg_sql_stmt *s, ce_backend_conn *conn)
{
	char sql[64];
	if (s->res && ++s->row < s->nrows)
		return 1;
	if (s->exhausted)
		return 0;
	PQclear(s->res);
	snprintf(sql, sizeof sql, "FETCH %d FROM %s", PG_FETCH_ROWS, s->cursor);
	s->res = PQexec(conn->pg, sql);
	if (PQresultStatus(s->res) != PGRES_TUPLES_OK) {
		int rc = ce__pg_fail(conn, s->res, "report");
		PQclear(s->res);
		s->res = NULL;
		s->exhausted = true;
		return rc;
	}
	s->nrows = PQntuples(s->res);
	s->row = 0;
	s->exhausted = s->nrows < PG_FETCH_ROWS;
	return s->nrows > 0 ? 1 : 0;
}

/* The statement's text with the values bound written in, typed as the
 * parameters would be: dates and integers the library formatted
 * (drv_bind_*), so the server plans it knowing them and a kept prepared
 * statement reuses the plan (report_stmts.c). */
static int with_values(ce_sqlbuf *b, const pg_sql_stmt *s)
{
	static const char *const types[CE_SQL_NPARAMS] = { "date",    "date",   "bigint", "bigint",
		                                               "integer", "bigint", "bigint" };
	bool quoted = false;
	const char *run = s->sql;
	for (const char *p = s->sql; *p; p++) {
		if (*p == '\'')
			quoted = !quoted;
		if (quoted || *p != '$' || p[1] < '1' || p[1] > '0' + CE_SQL_NPARAMS ||
		    (p[2] >= '0' && p[2] <= '9'))
			continue;
		int k = p[1] - '1';
		ce__sqlbuf_addn(b, run, (size_t)(p - run));
		if (s->values[k])
			ce__sqlbuf_addf(b, "('%s'::%s)", s->values[k], types[k]);
		else
			ce__sqlbuf_addf(b, "(NULL::%s)", types[k]);
		run = p + 2;
		p++;
	}
	ce__sqlbuf_add(b, run);
	return b->failed ? CE_ENOMEM : CE_OK;
}

static int drv_step(ce_sql_stmt *st, void *conn)
{
	pg_sql_stmt *s = stmt_of(st);
	if (s->cursor[0])
		return step_stream(s, conn);
	if (!s->res) {
		int rc = CE_OK;
		ce_sqlbuf b = { 0 };
		if (s->nparams && (rc = with_values(&b, s)) != CE_OK)
			return ce__pg_error(conn, rc, "report: out of memory");
		rc = ce__pg_run_report(&s->res, conn, s->nparams ? b.p : s->sql, "report");
		ce__sqlbuf_free(&b);
		if (rc != CE_OK)
			return rc;
		s->nrows = PQntuples(s->res);
		s->row = -1;
	}
	return ++s->row < s->nrows ? 1 : 0;
}

static bool drv_column_null(ce_sql_stmt *st, int k)
{
	return PQgetisnull(stmt_of(st)->res, stmt_of(st)->row, k);
}

static int64_t drv_column_int(ce_sql_stmt *st, int k)
{
	int64_t v = 0;
	const char *s = PQgetvalue(stmt_of(st)->res, stmt_of(st)->row, k);
	if (!ce__pg_parse_int(s, &v)) /* a numeric sum: integral by construction */
		v = (int64_t)strtod(s, NULL);
	return v;
}

static double drv_column_real(ce_sql_stmt *st, int k)
{
	return strtod(PQgetvalue(stmt_of(st)->res, stmt_of(st)->row, k), NULL);
}

static const char *drv_column_text(ce_sql_stmt *st, int k)
{
	return PQgetisnull(stmt_of(st)->res, stmt_of(st)->row, k)
	           ? NULL
	           : PQgetvalue(stmt_of(st)->res, stmt_of(st)->row, k);
}

static int drv_fail(void *conn, int code, const char *msg)
{
	return ce__pg_error(conn, code, "%s", msg);
}

static const ce_sql_driver pg_driver = {
	.prepare = drv_prepare,
	.bind_null = drv_bind_null,
	.bind_int = drv_bind_int,
	.bind_date = drv_bind_date,
	.step = drv_step,
	.column_null = drv_column_null,
	.column_int = drv_column_int,
	.column_real = drv_column_real,
	.column_text = drv_column_text,
	.release = drv_release,
	.fail = drv_fail,
	.stream = drv_stream,
};

void ce__pg_sql_conn(ce_sql_conn *out, ce_backend_conn *conn)
{
	*out = (ce_sql_conn){ &pg_driver, &pg_dialect, conn, conn->schema };
}

int ce__pg_report(ce_table **out, ce_backend_conn *conn, const char *name,
                  const ce_report_filter *filter)
{
	ce_sql_conn c;
	ce__pg_sql_conn(&c, conn);
	return ce__sql_report(out, &c, name, filter); /* CE_ENOTSUPPORTED for the others */
}

/* A report a row at a time: the layer's stream over a server-side cursor
 * fetched PG_FETCH_ROWS rows at a time. */
int ce__pg_report_open(ce_backend_report **out, const ce_table **rows, ce_backend_conn *conn,
                       const char *name, const ce_report_filter *filter)
{
	ce_sql_conn c;
	ce_sql_report_stream *s;
	ce__pg_sql_conn(&c, conn);
	int rc = ce__sql_report_open(&s, rows, &c, name, filter);
	*out = (ce_backend_report *)(void *)s;
	return rc;
}

int ce__pg_report_next(ce_backend_report *report)
{
	return ce__sql_report_next((ce_sql_report_stream *)(void *)report);
}

void ce__pg_report_close(ce_backend_report *report)
{
	ce__sql_report_close((ce_sql_report_stream *)(void *)report);
}
