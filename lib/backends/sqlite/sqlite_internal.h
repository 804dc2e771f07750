/* Private to the SQLite backend: the connection, scan cursors, the
 * statement cache and the helpers shared by backend.c (vtable, open,
 * transactions, row operations), ddl.c (schema and migrations), stmt.c
 * (statement cache, SQL text), rows.c (values in and out), query.c
 * (ce_query as SQL) and sql_driver.c (the shared SQL layer's driver and
 * dialect, for reports). Nothing here knows any entity: every table of the
 * schema is handled from its ce_table_def. */
#ifndef CE_BACKENDS_SQLITE_INTERNAL_H
#define CE_BACKENDS_SQLITE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "backends/sql/sql.h"
#include "coopedu/sys/backend.h"

/* PRAGMA application_id of our stores: 'CEDU'. */
#define CE_SQLITE_APPLICATION_ID 0x43454455

/* ---- text buffers ------------------------------------------------------ */

/* The SQL builder, ce_sqlbuf, is the shared SQL layer's (sql_buf.h);
 * quoting an identifier asks SQLite (its keywords), so it is here. */
/* An identifier, double-quoted only if SQLite would not take it bare
 * (keywords such as "order", odd characters). */
void ce__sqlbuf_ident(ce_sqlbuf *b, const char *name);

/* Where the TEXT values of a row read from SQLite are copied, so that they
 * survive the statement's reset (see rows.c). */
typedef struct ce_sqlite_textbuf {
	char *p;
	size_t cap;
} ce_sqlite_textbuf;

/* ---- the connection ------------------------------------------------------ */

/* Per-table statements, prepared on first use (an update names only the
 * columns it changes: see backend.c). */
enum ce_sqlite_op { CE_SQLITE_INSERT, CE_SQLITE_FETCH, CE_SQLITE_REMOVE, CE_SQLITE_EXISTS, CE_SQLITE_NOPS };

/* Transaction statements, prepared on first use. */
enum ce_sqlite_txn { CE_SQLITE_BEGIN, CE_SQLITE_COMMIT, CE_SQLITE_ROLLBACK,
	                 CE_SQLITE_SAVEPOINT, CE_SQLITE_RELEASE, CE_SQLITE_ROLLBACK_TO,
	                 CE_SQLITE_NTXN };

/* A cached query statement, keyed by its SQL text (which is the query's
 * shape: table, operators, columns, links; values are bound). A scan
 * borrows it (in_use) until it ends; a second scan of the same shape
 * meanwhile gets a private statement. */
typedef struct ce_sqlite_cached {
	char *sql;
	sqlite3_stmt *stmt;
	bool in_use;
	struct ce_sqlite_cached *next; /* hash chain */
} ce_sqlite_cached;

#define CE_SQLITE_SHAPE_BUCKETS 64
/* Past this many cached shapes, the idle ones are dropped. */
#define CE_SQLITE_SHAPE_MAX 256

/* An SQL text kept under a compact encoding of the shape it was built
 * for (a query, see query.c; an update's changed columns, backend.c), so
 * that the same shape need not be written again. */
#define CE_SQLITE_SHAPE_KEY_MAX 48
#define CE_SQLITE_SHAPE_TEXTS 64
typedef struct ce_sqlite_shape_text {
	unsigned char key[CE_SQLITE_SHAPE_KEY_MAX];
	size_t keylen; /* 0: empty */
	char *sql;
	/* the cached statement of sql once leased, so that the next lease
	 * neither hashes nor compares the text; NULL when not known (cleared
	 * whenever cached statements are dropped) */
	struct ce_sqlite_cached *entry;
} ce_sqlite_shape_text;

struct ce_backend_conn {
	sqlite3 *db;
	const ce_schema *schema;
	bool readonly;
	bool memory;
	bool temp_in_memory;         /* PRAGMA temp_store = MEMORY is in force (backend.c) */
	sqlite3_stmt **table_stmts;  /* [table * CE_SQLITE_NOPS + op] */
	sqlite3_stmt *txn_stmts[CE_SQLITE_NTXN];
	ce_sqlite_cached *shapes[CE_SQLITE_SHAPE_BUCKETS];
	size_t nshapes;
	ce_sqlite_shape_text shape_texts[CE_SQLITE_SHAPE_TEXTS];
	struct ce_backend_cursor *cursors; /* open scans, detached on close */
	struct ce_backend_cursor *spare;   /* a closed scan kept for the next (query.c) */
	ce_sqlite_textbuf fetch_text;      /* strings of the last fetch */
	ce_sqlite_textbuf update_text;     /* strings of the row an update replaces */
	char errmsg[512];
};

/* A statement lent out by the cache: either a cached entry marked in use
 * or a private statement finalized on return. */
typedef struct ce_sqlite_lease {
	sqlite3_stmt *stmt;
	ce_sqlite_cached *entry; /* NULL: stmt is private */
} ce_sqlite_lease;

struct ce_backend_cursor {
	ce_backend_conn *conn;  /* NULL once the connection has closed */
	const ce_table_def *table;
	ce_sqlite_lease lease;
	bool done;              /* stepped past the end, or failed */
	ce_sqlite_textbuf text; /* strings of the last row */
	struct ce_backend_cursor *prev, *next;
};

/* ---- backend.c: errors ------------------------------------------------- */

/* CE_* code for an SQLite result code (primary or extended). */
int ce__sqlite_code(int rc);
/* Records "<what>: <sqlite3_errmsg>" and returns the CE_* code of rc. */
int ce__sqlite_fail(ce_backend_conn *conn, int rc, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* Records a message and returns code (a CE_* code). */
int ce__sqlite_error(ce_backend_conn *conn, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* Runs SQL without results (several statements allowed). */
int ce__sqlite_exec(ce_backend_conn *conn, const char *sql, const char *what);
/* Keeps temporary storage (savepoint journals, sorts) in memory, or puts it
 * back to the default; not inside a transaction, where SQLite refuses. */
void ce__sqlite_temp_in_memory(ce_backend_conn *conn, bool on);

/* ---- ddl.c: schema, identity, migrations -------------------------------- */

/* One migration: SQL taking a store from schema `from` to `from + 1`.
 * CE_SQLITE_REBUILD as the SQL rebuilds, by SQLite's 12-step ALTER
 * procedure, every table whose CREATE TABLE differs from the schema's (its
 * rows, ids and AUTOINCREMENT counter kept) and brings the idx_* indexes in
 * line: how a constraint changes, since SQLite cannot alter one. */
#define CE_SQLITE_REBUILD "-- rebuild the tables whose DDL changed"
typedef struct ce_sqlite_migration {
	unsigned int from;
	const char *sql;
} ce_sqlite_migration;

/* The full DDL of @p schema (tables, indexes, identity pragmas) as one
 * script; *out is malloc'd, the caller frees it. CE_OK, CE_EINVALID (a
 * malformed schema: bad REF target, ENUM without tokens) or CE_ENOMEM. */
int ce__sqlite_schema_sql(char **out, const ce_schema *schema);
/* Checks the store is ours and current: creates the schema in an empty
 * store, migrates an older one, refuses a newer or foreign one. */
int ce__sqlite_prepare_store(ce_backend_conn *conn);
/* Test hook: use these migration steps instead of the built-in ones
 * (NULL restores them). Not thread-safe; for tests only. */
void ce__sqlite_set_migrations(const ce_sqlite_migration *steps, size_t n);

/* ---- stmt.c: the statement cache -------------------------------------- */

/* Slot of @p table in conn->schema, or -1 with CE_EINVALID recorded. */
int ce__sqlite_table_slot(ce_backend_conn *conn, const ce_table_def *table);
/* The cached insert/fetch/remove statement of a table, reset. */
int ce__sqlite_table_stmt(sqlite3_stmt **out, ce_backend_conn *conn, const ce_table_def *table,
                          enum ce_sqlite_op op);
/* The cached transaction statement. */
int ce__sqlite_txn_stmt(sqlite3_stmt **out, ce_backend_conn *conn, enum ce_sqlite_txn op);
/* Lends the statement for @p sql (cached, or private if the cached one is
 * busy with a scan). Return it with ce__sqlite_unlease(). */
int ce__sqlite_lease(ce_sqlite_lease *out, ce_backend_conn *conn, const char *sql);
/* Lends the statement of a kept SQL text (see ce__sqlite_kept()): its
 * cached statement directly when the text has been leased before. */
int ce__sqlite_lease_kept(ce_sqlite_lease *out, ce_backend_conn *conn, ce_sqlite_shape_text *kept);
/* Resets and clears the statement and gives it back; conn may be NULL
 * (the connection is gone: the statement has been finalized). */
void ce__sqlite_unlease(ce_backend_conn *conn, ce_sqlite_lease *lease);
/* Resets a statement and clears its bindings. */
void ce__sqlite_done(sqlite3_stmt *stmt);
/* The slot of the SQL text kept under a shape key (keylen 0: none), or
 * NULL; keep_sql keeps a copy of sql under it. For texts that depend only
 * on the shape. */
ce_sqlite_shape_text *ce__sqlite_kept(ce_backend_conn *conn, const unsigned char *key,
                                      size_t keylen);
void ce__sqlite_keep_sql(ce_backend_conn *conn, const unsigned char *key, size_t keylen,
                         const char *sql);
/* Finalizes every statement (cached, lent or private) of conn. */
void ce__sqlite_stmt_close_all(ce_backend_conn *conn);

/* ---- rows.c: values in and out ----------------------------------------- */

/* Binds one stored value of column @p col at parameter @p idx. */
int ce__sqlite_bind_value(ce_backend_conn *conn, sqlite3_stmt *stmt, int idx,
                          const ce_table_def *table, int col, const ce_value *v);
/* Binds a condition operand (a value compared with column @p col): like a
 * stored value, but NULL or a value that cannot be stored matches nothing
 * rather than failing, and text is copied (the query may not outlive the
 * call). For a range, @p bound_side is -1 (low) or 1 (high), 0 for
 * equality. */
int ce__sqlite_bind_operand(ce_backend_conn *conn, sqlite3_stmt *stmt, int idx,
                            const ce_column_def *col, const ce_value *v, int bound_side);
/* Reads table->ncolumns values from result columns first.. of a stepped
 * statement; TEXT values are copied into @p text. */
int ce__sqlite_read_row(ce_backend_conn *conn, sqlite3_stmt *stmt, int first,
                        const ce_table_def *table, ce_value *row, ce_sqlite_textbuf *text);
void ce__sqlite_textbuf_free(ce_sqlite_textbuf *text);
/* "YYYY-MM-DD" of a packed date with year 0..9999; -1 if out of range. */
int ce__sqlite_date_text(char buf[11], int64_t date);

/* ---- query.c: ce_query as SQL ------------------------------------------ */

int ce__sqlite_find_first(ce_backend_conn *conn, const ce_table_def *table,
                          const ce_query *query, int64_t *out_id);
int ce__sqlite_count(ce_backend_conn *conn, const ce_table_def *table, const ce_query *query,
                     int64_t *out);
int ce__sqlite_scan_open(ce_backend_cursor **out, ce_backend_conn *conn,
                         const ce_table_def *table, const ce_query *query);
int ce__sqlite_scan_next(ce_backend_cursor *cursor, int64_t *out_id, ce_value *row);
void ce__sqlite_scan_close(ce_backend_cursor *cursor);
/* Frees the spare scan kept by the connection (at close). */
void ce__sqlite_scan_free_spare(ce_backend_conn *conn);

/* ---- sql_driver.c: reports computed by the shared SQL layer -------------- */

int ce__sqlite_report(ce_table **out, ce_backend_conn *conn, const char *name,
                      const ce_report_filter *filter);
/* The same report a row at a time (ce_backend.report_open). */
int ce__sqlite_report_open(ce_backend_report **out, const ce_table **rows, ce_backend_conn *conn,
                           const char *name, const ce_report_filter *filter);
int ce__sqlite_report_next(ce_backend_report *report);
void ce__sqlite_report_close(ce_backend_report *report);
/* The connection as the shared SQL layer sees it (its driver, dialect). */
void ce__sqlite_sql_conn(ce_sql_conn *out, ce_backend_conn *conn);

#endif
