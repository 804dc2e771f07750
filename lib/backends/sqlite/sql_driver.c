/* SQLite as the shared SQL layer sees it (lib/backends/sql/sql.h): the
 * driver runs the layer's statements through the statement cache, the
 * dialect says how SQLite spells what engines spell differently (also for
 * the generic texts of rows and queries, sql_query.h), and the backend's
 * report() member hands the layer both. Stored forms (rows.c):
 * DATE is 'YYYY-MM-DD' text, so dates compare as text and a date
 * parameter binds as text. */
#include <stdlib.h>

#include "sqlite_internal.h"

static void placeholder(ce_sqlbuf *b, int n)
{
	(void)n; /* bound by position */
	ce__sqlbuf_add(b, "?");
}

static const ce_sql_dialect sqlite_dialect = {
	.name = "sqlite",
	.param = { [CE_SQL_P_FROM] = ":from",
	           [CE_SQL_P_TO] = ":to",
	           [CE_SQL_P_PARTNER] = ":partner",
	           [CE_SQL_P_PROJECT] = ":project",
	           [CE_SQL_P_COHORT] = ":cohort",
	           [CE_SQL_P_ROUND] = ":round",
	           [CE_SQL_P_BASELINE] = ":baseline" },
	.days_between = "CAST(julianday(%1) - julianday(%2) AS INTEGER)",
	.year_of = "CAST(substr(%1, 1, 4) AS INTEGER)",
	.month_of = "CAST(substr(%1, 6, 2) AS INTEGER)",
	.order_bytes = "%1", /* BINARY, the default collation */
	.ident = ce__sqlbuf_ident,
	.placeholder = placeholder,
};

/* A layer's statement is a lease from the statement cache (stmt.c). */
static ce_sqlite_lease *lease_of(ce_sql_stmt *st)
{
	return (ce_sqlite_lease *)(void *)st;
}

static int drv_prepare(ce_sql_stmt **out, void *conn, const char *sql)
{
	ce_sqlite_lease *lease = calloc(1, sizeof *lease);
	int rc;
	*out = NULL;
	if (!lease)
		return ce__sqlite_error(conn, CE_ENOMEM, "report: out of memory");
	if ((rc = ce__sqlite_lease(lease, conn, sql)) != CE_OK) {
		free(lease);
		return rc;
	}
	*out = (ce_sql_stmt *)(void *)lease;
	return CE_OK;
}

static void drv_release(ce_sql_stmt *st, void *conn)
{
	if (!st)
		return;
	ce__sqlite_unlease(conn, lease_of(st));
	free(lease_of(st));
}

/* The index of parameter p in the statement; 0 when the text lacks it. */
static int param_index(ce_sql_stmt *st, int p)
{
	return p >= 0 && p < CE_SQL_NPARAMS
	           ? sqlite3_bind_parameter_index(lease_of(st)->stmt, sqlite_dialect.param[p])
	           : 0;
}

static int bound(void *conn, int rc)
{
	return rc == SQLITE_OK ? CE_OK : ce__sqlite_fail(conn, rc, "report: bind");
}

static int drv_bind_null(ce_sql_stmt *st, void *conn, int p)
{
	int i = param_index(st, p);
	return i > 0 ? bound(conn, sqlite3_bind_null(lease_of(st)->stmt, i)) : CE_OK;
}

static int drv_bind_int(ce_sql_stmt *st, void *conn, int p, int64_t v)
{
	int i = param_index(st, p);
	return i > 0 ? bound(conn, sqlite3_bind_int64(lease_of(st)->stmt, i, v)) : CE_OK;
}

static int drv_bind_date(ce_sql_stmt *st, void *conn, int p, int64_t date)
{
	char text[11];
	int i = param_index(st, p);
	if (i <= 0)
		return CE_OK;
	if (ce__sqlite_date_text(text, date) != 0) /* the core checked it: cannot happen */
		return ce__sqlite_error(conn, CE_EINVALID, "report: date out of range");
	return bound(conn, sqlite3_bind_text(lease_of(st)->stmt, i, text, -1, SQLITE_TRANSIENT));
}

static int drv_step(ce_sql_stmt *st, void *conn)
{
	int rc = sqlite3_step(lease_of(st)->stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return ce__sqlite_fail(conn, rc, "report");
}

static bool drv_column_null(ce_sql_stmt *st, int k)
{
	return sqlite3_column_type(lease_of(st)->stmt, k) == SQLITE_NULL;
}

static int64_t drv_column_int(ce_sql_stmt *st, int k)
{
	return sqlite3_column_int64(lease_of(st)->stmt, k);
}

static double drv_column_real(ce_sql_stmt *st, int k)
{
	return sqlite3_column_double(lease_of(st)->stmt, k);
}

static const char *drv_column_text(ce_sql_stmt *st, int k)
{
	return (const char *)sqlite3_column_text(lease_of(st)->stmt, k);
}

static int drv_fail(void *conn, int code, const char *msg)
{
	return ce__sqlite_error(conn, code, "%s", msg);
}

static const ce_sql_driver sqlite_driver = {
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
};

void ce__sqlite_sql_conn(ce_sql_conn *out, ce_backend_conn *conn)
{
	out->driver = &sqlite_driver;
	out->dialect = &sqlite_dialect;
	out->conn = conn;
	out->schema = conn->schema;
}

int ce__sqlite_report(ce_table **out, ce_backend_conn *conn, const char *name,
                      const ce_report_filter *filter)
{
	ce_sql_conn c;
	ce__sqlite_sql_conn(&c, conn);
	*out = NULL;
	if (!ce__sql_reports(name))
		return CE_ENOTSUPPORTED;
	ce__sqlite_temp_in_memory(conn, false); /* big sorts may spill */
	return ce__sql_report(out, &c, name, filter);
}

/* A report a row at a time: the layer's stream steps the leased statement
 * (memory bounded by SQLite's sorter, which spills to disk). */
int ce__sqlite_report_open(ce_backend_report **out, const ce_table **rows, ce_backend_conn *conn,
                           const char *name, const ce_report_filter *filter)
{
	ce_sql_conn c;
	ce_sql_report_stream *s;
	ce__sqlite_sql_conn(&c, conn);
	*out = NULL;
	*rows = NULL;
	if (!ce__sql_reports(name))
		return CE_ENOTSUPPORTED;
	ce__sqlite_temp_in_memory(conn, false);
	int rc = ce__sql_report_open(&s, rows, &c, name, filter);
	*out = (ce_backend_report *)(void *)s;
	return rc;
}

int ce__sqlite_report_next(ce_backend_report *report)
{
	return ce__sql_report_next((ce_sql_report_stream *)(void *)report);
}

void ce__sqlite_report_close(ce_backend_report *report)
{
	ce__sql_report_close((ce_sql_report_stream *)(void *)report);
}
