/* The SQLite backend: the vtable, opening and closing, transactions, and
 * the row operations. One connection per ce_db, used by one thread at a
 * time (SQLITE_OPEN_NOMUTEX). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_internal.h"

#define DEFAULT_BUSY_TIMEOUT_MS 5000

/* ---- errors -------------------------------------------------------------- */

int ce__sqlite_code(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK: return CE_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return CE_EBUSY;
	case SQLITE_CONSTRAINT: return CE_ECONSTRAINT;
	case SQLITE_NOMEM: return CE_ENOMEM;
	case SQLITE_READONLY: return CE_EMISUSE;
	default: return CE_EBACKEND;
	}
}

int ce__sqlite_error(ce_backend_conn *conn, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(conn->errmsg, sizeof conn->errmsg, fmt, ap);
	va_end(ap);
	return code;
}

int ce__sqlite_fail(ce_backend_conn *conn, int rc, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	snprintf(conn->errmsg, sizeof conn->errmsg, "%s: %s", what,
	         conn->db ? sqlite3_errmsg(conn->db) : sqlite3_errstr(rc));
	int code = ce__sqlite_code(rc);
	return code == CE_OK ? CE_EBACKEND : code;
}

int ce__sqlite_exec(ce_backend_conn *conn, const char *sql, const char *what)
{
	int rc = sqlite3_exec(conn->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? CE_OK : ce__sqlite_fail(conn, rc, "%s", what);
}

static const char *sq_errmsg(ce_backend_conn *conn)
{
	return conn ? conn->errmsg : "no connection";
}

/* ---- open and close ------------------------------------------------------- */

static void sq_close(ce_backend_conn *conn)
{
	if (!conn)
		return;
	ce__sqlite_stmt_close_all(conn);
	/* rolls back a transaction left open */
	sqlite3_close_v2(conn->db);
	ce__sqlite_textbuf_free(&conn->fetch_text);
	free(conn);
}

static int sq_open(ce_backend_conn **out, const char *location, const ce_schema *schema,
                   unsigned int flags, int busy_timeout_ms, char *errbuf, size_t errbuf_size)
{
	ce_backend_conn *conn = NULL;
	int rc;

	if (errbuf && errbuf_size)
		errbuf[0] = '\0';
	if (out)
		*out = NULL;
	if (!out || !schema || schema->ntables < 1) {
		if (errbuf && errbuf_size)
			snprintf(errbuf, errbuf_size, "sqlite: NULL handle pointer or empty schema");
		return CE_EINVALID;
	}
	if (!(conn = calloc(1, sizeof *conn)) ||
	    !(conn->table_stmts = calloc((size_t)schema->ntables * CE_SQLITE_NOPS,
	                                 sizeof *conn->table_stmts))) {
		free(conn);
		if (errbuf && errbuf_size)
			snprintf(errbuf, errbuf_size, "sqlite: out of memory");
		return CE_ENOMEM;
	}
	conn->schema = schema;
	conn->readonly = (flags & CE_OPEN_READONLY) != 0;
	conn->memory = !location || !*location || strcmp(location, ":memory:") == 0;

	int oflags = SQLITE_OPEN_NOMUTEX;
#ifdef SQLITE_OPEN_EXRESCODE
	oflags |= SQLITE_OPEN_EXRESCODE;
#endif
	if (conn->readonly)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE |
		          ((flags & CE_OPEN_NOCREATE) && !conn->memory ? 0 : SQLITE_OPEN_CREATE);
	const char *path = conn->memory ? ":memory:" : location;
	rc = sqlite3_open_v2(path, &conn->db, oflags, NULL);
	if (rc != SQLITE_OK) {
		/* without permission to create, a missing file is "not found" */
		rc = (rc & 0xff) == SQLITE_CANTOPEN && (flags & (CE_OPEN_READONLY | CE_OPEN_NOCREATE))
		         ? ce__sqlite_error(conn, CE_ENOTFOUND, "cannot open '%s': %s", path,
		                            conn->db ? sqlite3_errmsg(conn->db) : sqlite3_errstr(rc))
		         : ce__sqlite_fail(conn, rc, "cannot open '%s'", path);
		goto fail;
	}
	sqlite3_extended_result_codes(conn->db, 1);
	sqlite3_busy_timeout(conn->db, busy_timeout_ms == 0 ? DEFAULT_BUSY_TIMEOUT_MS
	                               : busy_timeout_ms > 0 ? busy_timeout_ms : 0);
	/* The store is checked first (a foreign file is left alone), and set
	 * up or migrated with foreign keys off, as table rebuilds need. */
	rc = ce__sqlite_prepare_store(conn);
	if (rc == CE_OK)
		rc = ce__sqlite_exec(conn, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL",
		                     "set connection options");
	if (rc != CE_OK)
		goto fail;
	*out = conn;
	return CE_OK;

fail:
	if (errbuf && errbuf_size)
		snprintf(errbuf, errbuf_size, "%s", conn->errmsg);
	sq_close(conn);
	return rc;
}

/* ---- transactions ----------------------------------------------------------- */

static int run_txn(ce_backend_conn *conn, enum ce_sqlite_txn op, const char *what)
{
	sqlite3_stmt *stmt;
	int rc = ce__sqlite_txn_stmt(&stmt, conn, op);
	if (rc != CE_OK)
		return rc;
	int step = sqlite3_step(stmt);
	rc = step == SQLITE_DONE ? CE_OK : ce__sqlite_fail(conn, step, "%s", what);
	sqlite3_reset(stmt);
	return rc;
}

static bool in_txn(ce_backend_conn *conn)
{
	return !sqlite3_get_autocommit(conn->db);
}

static int read_only(ce_backend_conn *conn, const char *what)
{
	return ce__sqlite_error(conn, CE_EMISUSE, "%s: the store was opened read-only", what);
}

static int sq_begin(ce_backend_conn *conn)
{
	if (conn->readonly)
		return read_only(conn, "begin");
	if (in_txn(conn))
		return ce__sqlite_error(conn, CE_EMISUSE, "begin: a transaction is already open");
	return run_txn(conn, CE_SQLITE_BEGIN, "begin");
}

static int sq_commit(ce_backend_conn *conn)
{
	if (!in_txn(conn))
		return ce__sqlite_error(conn, CE_EMISUSE, "commit: no transaction is open");
	return run_txn(conn, CE_SQLITE_COMMIT, "commit");
}

static int sq_rollback(ce_backend_conn *conn)
{
	/* Nothing open (e.g. SQLite already rolled back after an error): done. */
	if (!in_txn(conn))
		return CE_OK;
	return run_txn(conn, CE_SQLITE_ROLLBACK, "rollback");
}

static int sq_savepoint(ce_backend_conn *conn)
{
	/* Outside a transaction SQLite would open a deferred one: refuse. */
	if (!in_txn(conn))
		return ce__sqlite_error(conn, CE_EMISUSE, "savepoint: no transaction is open");
	return run_txn(conn, CE_SQLITE_SAVEPOINT, "savepoint");
}

static int sq_release(ce_backend_conn *conn)
{
	return run_txn(conn, CE_SQLITE_RELEASE, "release savepoint");
}

static int sq_rollback_to(ce_backend_conn *conn)
{
	return run_txn(conn, CE_SQLITE_ROLLBACK_TO, "rollback to savepoint");
}

/* ---- rows ------------------------------------------------------------------- */

/* Binds every column of row at parameters 1..ncolumns. */
static int bind_row(ce_backend_conn *conn, sqlite3_stmt *stmt, const ce_table_def *table,
                    const ce_value *row)
{
	if (!row && table->ncolumns > 0)
		return ce__sqlite_error(conn, CE_EINVALID, "%s: NULL row", table->name);
	for (int c = 0; c < table->ncolumns; c++) {
		int rc = ce__sqlite_bind_value(conn, stmt, c + 1, table, c, &row[c]);
		if (rc != CE_OK)
			return rc;
	}
	return CE_OK;
}

static int sq_insert(ce_backend_conn *conn, const ce_table_def *table, const ce_value *row,
                     int64_t *out_id)
{
	sqlite3_stmt *stmt;
	if (conn->readonly)
		return read_only(conn, "insert");
	int rc = ce__sqlite_table_stmt(&stmt, conn, table, CE_SQLITE_INSERT);
	if (rc != CE_OK)
		return rc;
	if ((rc = bind_row(conn, stmt, table, row)) == CE_OK) {
		int step = sqlite3_step(stmt);
		if (step == SQLITE_DONE) {
			if (out_id)
				*out_id = sqlite3_last_insert_rowid(conn->db);
		} else {
			rc = ce__sqlite_fail(conn, step, "insert into %s", table->name);
		}
	}
	ce__sqlite_done(stmt);
	return rc;
}

static int sq_fetch(ce_backend_conn *conn, const ce_table_def *table, int64_t id, ce_value *row)
{
	sqlite3_stmt *stmt;
	int rc = ce__sqlite_table_stmt(&stmt, conn, table, CE_SQLITE_FETCH);
	if (rc != CE_OK)
		return rc;
	if (!row && table->ncolumns > 0)
		return ce__sqlite_error(conn, CE_EINVALID, "fetch from %s: NULL row", table->name);
	int step = sqlite3_bind_int64(stmt, 1, id);
	if (step == SQLITE_OK)
		step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		/* strings copied: valid until the next fetch on this connection */
		rc = ce__sqlite_read_row(conn, stmt, 1, table, row, &conn->fetch_text);
	else if (step == SQLITE_DONE)
		rc = ce__sqlite_error(conn, CE_ENOTFOUND, "no %s with id %lld", table->name, (long long)id);
	else
		rc = ce__sqlite_fail(conn, step, "fetch from %s", table->name);
	ce__sqlite_done(stmt);
	return rc;
}

/* Runs a bound UPDATE or DELETE of one row; CE_ENOTFOUND if it touched none. */
static int change_one(ce_backend_conn *conn, sqlite3_stmt *stmt, const ce_table_def *table,
                      int64_t id, const char *verb)
{
	int step = sqlite3_step(stmt);
	if (step != SQLITE_DONE)
		return ce__sqlite_fail(conn, step, "%s %s %lld", verb, table->name, (long long)id);
	if (sqlite3_changes(conn->db) == 0)
		return ce__sqlite_error(conn, CE_ENOTFOUND, "%s %s: no record with id %lld", verb,
		                        table->name, (long long)id);
	return CE_OK;
}

static int sq_update(ce_backend_conn *conn, const ce_table_def *table, int64_t id,
                     const ce_value *row)
{
	sqlite3_stmt *stmt;
	if (conn->readonly)
		return read_only(conn, "update");
	int rc = ce__sqlite_table_stmt(&stmt, conn, table, CE_SQLITE_UPDATE);
	if (rc != CE_OK)
		return rc;
	if ((rc = bind_row(conn, stmt, table, row)) == CE_OK) {
		int b = sqlite3_bind_int64(stmt, table->ncolumns + 1, id);
		rc = b == SQLITE_OK ? change_one(conn, stmt, table, id, "update")
		                    : ce__sqlite_fail(conn, b, "update %s", table->name);
	}
	ce__sqlite_done(stmt);
	return rc;
}

static int sq_remove(ce_backend_conn *conn, const ce_table_def *table, int64_t id)
{
	sqlite3_stmt *stmt;
	if (conn->readonly)
		return read_only(conn, "remove");
	int rc = ce__sqlite_table_stmt(&stmt, conn, table, CE_SQLITE_REMOVE);
	if (rc != CE_OK)
		return rc;
	int b = sqlite3_bind_int64(stmt, 1, id);
	rc = b == SQLITE_OK ? change_one(conn, stmt, table, id, "remove")
	                    : ce__sqlite_fail(conn, b, "remove from %s", table->name);
	ce__sqlite_done(stmt);
	return rc;
}

const ce_backend ce__sqlite_backend = {
	.version = CE_BACKEND_VERSION,
	.scheme = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.errmsg = sq_errmsg,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.savepoint = sq_savepoint,
	.release = sq_release,
	.rollback_to = sq_rollback_to,
	.insert = sq_insert,
	.fetch = sq_fetch,
	.update = sq_update,
	.remove = sq_remove,
	.find_first = ce__sqlite_find_first,
	.scan_open = ce__sqlite_scan_open,
	.scan_next = ce__sqlite_scan_next,
	.scan_close = ce__sqlite_scan_close,
	.count = ce__sqlite_count,
	.report = ce__sqlite_report,
};
