/* The shared SQL layer: what any SQL backend (SQLite today, PostgreSQL
 * next) supplies to have the reports computed in its engine, and what it
 * gets back. The report texts live once, here (sql_report*.c), written in
 * SQL that SQLite and PostgreSQL both take; what differs between engines
 * (how a parameter is written and typed, date arithmetic, byte order of
 * text) is a ce_sql_dialect, and how a statement is run is a
 * ce_sql_driver. Nothing here knows an engine's API.
 *
 * A backend's report() member becomes:
 *     ce_sql_conn c = { &my_driver, &my_dialect, conn, schema };
 *     return ce__sql_report(out, &c, name, filter);
 * and the core's C implementation stays the reference (and the path of
 * every report the layer does not compute, and of non-SQL backends). */
#ifndef CE_BACKENDS_SQL_H
#define CE_BACKENDS_SQL_H

#include <stdbool.h>
#include <stdint.h>

#include "coopedu/sys/backend.h"
#include "sql_buf.h"

/* The parameters a report binds: its filter. A member the filter leaves
 * open binds NULL. */
enum ce_sql_param {
	CE_SQL_P_FROM,    /* date: start of the period */
	CE_SQL_P_TO,      /* date: end of the period */
	CE_SQL_P_PARTNER, /* integer id */
	CE_SQL_P_PROJECT, /* integer id */
	CE_SQL_P_COHORT,  /* integer year */
	CE_SQL_P_ROUND,   /* integer id: a survey round */
	CE_SQL_P_BASELINE, /* integer id: the survey round compared with */
	CE_SQL_NPARAMS
};

/* A statement of the driver's own (a lent sqlite3_stmt, a PGresult...). */
typedef struct ce_sql_stmt ce_sql_stmt;

/* How the layer runs a statement on a backend's connection (`conn`, the
 * backend's own pointer). Every int function returns CE_OK or a negative
 * CE_* code with the connection's message recorded. */
typedef struct ce_sql_driver {
	/* Prepares the statement for @p sql, or lends a cached one (texts
	 * repeat: one per report and filter shape). */
	int (*prepare)(ce_sql_stmt **out, void *conn, const char *sql);
	/* Binds parameter @p p (enum ce_sql_param) to NULL, an integer or a
	 * packed ce_date; a parameter the text does not use is no error (a
	 * text names only those its filter sets, so an engine with numbered
	 * parameters declares all CE_SQL_NPARAMS types when it prepares:
	 * PostgreSQL's paramTypes date, date, int8, int8, int4, int8, int8). */
	int (*bind_null)(ce_sql_stmt *st, void *conn, int p);
	int (*bind_int)(ce_sql_stmt *st, void *conn, int p, int64_t v);
	int (*bind_date)(ce_sql_stmt *st, void *conn, int p, int64_t date);
	/* 1: a row is ready; 0: no more rows; negative: the failure. */
	int (*step)(ce_sql_stmt *st, void *conn);
	/* Result column @p k of the current row. Text stays valid until the
	 * next step; NULL reads as 0, 0.0 or NULL. */
	bool (*column_null)(ce_sql_stmt *st, int k);
	int64_t (*column_int)(ce_sql_stmt *st, int k);
	double (*column_real)(ce_sql_stmt *st, int k);
	const char *(*column_text)(ce_sql_stmt *st, int k);
	/* Gives the statement back (reset, or freed); st may be NULL. */
	void (*release)(ce_sql_stmt *st, void *conn);
	/* Records @p msg as the connection's last failure; returns @p code. */
	int (*fail)(void *conn, int code, const char *msg);
	/* (may be NULL) Asks that the statement's rows be read with memory
	 * bounded by the engine, not all at once: called once before the
	 * first step of a report read a row at a time, between whose steps
	 * the connection must stay usable for other reads. NULL: step()
	 * already reads row by row (SQLite). */
	int (*stream)(ce_sql_stmt *st, void *conn);
} ce_sql_driver;

/* What one engine's SQL writes differently. Templates put their
 * arguments where "%1" and "%2" stand (ce__sqlbuf_template()). Checked
 * against PostgreSQL 15 (every report equal to SQLite's, cell for cell):
 *     .param = { "CAST($1 AS date)", "CAST($2 AS date)", "CAST($3 AS bigint)",
 *                "CAST($4 AS bigint)", "CAST($5 AS bigint)", "$6", "$7" },
 *     .days_between = "(%1 - %2)",
 *     .year_of = "CAST(EXTRACT(YEAR FROM %1) AS integer)",
 *     .month_of = "CAST(EXTRACT(MONTH FROM %1) AS integer)",
 *     .order_bytes = "%1 COLLATE \"C\"",
 *     .aggregate_probes = true, .inline_cte = " NOT MATERIALIZED",
 *     .median = "percentile_cont(0.5) WITHIN GROUP (ORDER BY %1)",
 *     .year_first_day = "make_date(%1, 1, 1)", .year_last_day = "make_date(%1, 12, 31)", */
typedef struct ce_sql_dialect {
	const char *name;
	/* Each parameter as the text names it, typed where the engine cannot
	 * infer the type of a NULL (":from"; "CAST($1 AS date)"). */
	const char *param[CE_SQL_NPARAMS];
	/* Whole days from date %2 to date %1, an integer. */
	const char *days_between;
	/* Year and month (1 to 12) of date %1, integers. */
	const char *year_of;
	const char *month_of;
	/* Text %1 as an ORDER BY key in byte order, as the core compares
	 * ("%1"; "%1 COLLATE \"C\""). */
	const char *order_bytes;
	/* For the generic texts of sql_query.h (a backend that builds its
	 * own may leave them NULL): an identifier, quoted when the engine
	 * needs it, and positional parameter n, from 1 ("?"; "$n"). */
	void (*ident)(ce_sqlbuf *b, const char *name);
	void (*placeholder)(ce_sqlbuf *b, int n);
	/* Whether a fact probed per row (EXISTS in a select list) is better
	 * aggregated once per key and joined: PostgreSQL runs such an EXISTS
	 * as a subplan per row, while SQLite probes an index for almost
	 * nothing and would pay for the aggregate. */
	bool aggregate_probes;
	/* What follows "name AS" for a CTE named several times that is better
	 * planned inline in each place ("" ; " NOT MATERIALIZED": PostgreSQL
	 * materialises such a CTE and plans what joins it blind). */
	const char *inline_cte;
	/* An aggregate giving the median of %1 (the middle value, or the mean
	 * of the middle two), or NULL: ranked with window functions instead. */
	const char *median;
	/* The first and last day of year %1 (an integer) as dates, or NULL:
	 * the reports that need them (platform_utilisation) are left to the
	 * core, which on an engine in the process reads its scans for less
	 * than the SQL costs. */
	const char *year_first_day;
	const char *year_last_day;
} ce_sql_dialect;

/* A backend's connection as the layer sees it. */
typedef struct ce_sql_conn {
	const ce_sql_driver *driver;
	const ce_sql_dialect *dialect;
	void *conn;
	const ce_schema *schema; /* the store's: ENUM tokens are read from it */
} ce_sql_conn;

/* Whether the layer computes report @p name. */
bool ce__sql_reports(const char *name);
/* Computes report @p name in SQL (see ce_backend.report): CE_OK with *out
 * set, CE_ENOTSUPPORTED (*out NULL) for a report the layer does not
 * compute, or a failure recorded through the driver. */
int ce__sql_report(ce_table **out, const ce_sql_conn *c, const char *name,
                   const ce_report_filter *filter);

/* The same report read a row at a time (ce_backend.report_open): *rows is
 * the stream's table, with the report's columns and after each
 * successful ce__sql_report_next() the current row as its only row. The
 * rows are ce__sql_report()'s, in its order. *c and *filter are copied;
 * the connection must outlive the stream. */
typedef struct ce_sql_report_stream ce_sql_report_stream;
int ce__sql_report_open(ce_sql_report_stream **out, const ce_table **rows, const ce_sql_conn *c,
                        const char *name, const ce_report_filter *filter);
/* CE_OK (a row), CE_ITEROVER, or the failure (then the end). */
int ce__sql_report_next(ce_sql_report_stream *s);
/* NULL is ignored. */
void ce__sql_report_close(ce_sql_report_stream *s);

#endif
