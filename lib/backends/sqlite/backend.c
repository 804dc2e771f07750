/* The SQLite backend: the vtable, opening and closing, transactions, and
 * the row operations. One connection per ce_db, used by one thread at a
 * time (SQLITE_OPEN_NOMUTEX). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	ce__sqlite_scan_free_spare(conn);
	/* rolls back a transaction left open */
	sqlite3_close_v2(conn->db);
	ce__sqlite_textbuf_free(&conn->fetch_text);
	ce__sqlite_textbuf_free(&conn->update_text);
	free(conn);
}

/* A WAL store needs its -shm file even to be read: in a directory we cannot
 * write, with no -shm left by a writer, SQLite refuses to read it at all
 * ("attempt to write a readonly database"). Then, and only when no -wal
 * file holds changes the database file lacks, the file is reopened as
 * immutable: read without locks or the log, as on read-only media. */
static int open_immutable_if_needed(ce_backend_conn *conn, const char *path)
{
	int rc = sqlite3_exec(conn->db, "PRAGMA application_id", NULL, NULL, NULL);
	if ((rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN)
		return CE_OK; /* readable, or a failure the store check reports */
	size_t n = strlen(path);
	char *wal = malloc(n + 5), *uri = malloc(n * 3 + 32);
	if (!wal || !uri) {
		free(wal);
		free(uri);
		return ce__sqlite_error(conn, CE_ENOMEM, "open '%s': out of memory", path);
	}
	snprintf(wal, n + 5, "%s-wal", path);
	struct stat st;
	bool pending = stat(wal, &st) == 0 && st.st_size > 0;
	free(wal);
	if (pending) {
		free(uri);
		return ce__sqlite_error(conn, CE_EBACKEND,
		                        "its write-ahead log '%s-wal' holds changes not yet in the file, "
		                        "and its directory cannot be written to read them; open it "
		                        "read-write once", path);
	}
	/* file: URI, the path percent-encoded where the URI syntax needs it */
	char *u = uri + sprintf(uri, "file:");
	for (const char *p = path; *p; p++)
		u += strchr("?#%", *p) ? sprintf(u, "%%%02X", (unsigned char)*p) : (*u = *p, 1);
	strcpy(u, "?immutable=1");
	sqlite3_close_v2(conn->db);
	conn->db = NULL;
	rc = sqlite3_open_v2(uri, &conn->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
	                     NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return ce__sqlite_fail(conn, rc, "open '%s' as immutable", path);
	sqlite3_extended_result_codes(conn->db, 1);
	return CE_OK;
}

static int sq_connect(ce_backend_conn **out, const ce_backend_open_options *opts)
{
	const char *location = opts->location;
	const ce_schema *schema = opts->schema;
	unsigned int flags = opts->flags;
	int busy_timeout_ms = opts->busy_timeout_ms;
	char *errbuf = opts->errbuf;
	size_t errbuf_size = opts->errbuf_size;
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
	if (conn->readonly && !conn->memory && (rc = open_immutable_if_needed(conn, path)) != CE_OK)
		goto fail;
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

/* Temporary storage in memory for writing. The core wraps every call
 * inside an explicit transaction in a savepoint, and a savepoint copies
 * each page it changes to a sub-journal; by default SQLite moves that
 * journal to a temporary file once it passes 64 KiB, and from then on
 * every savepoint of the connection costs a write(2) per page changed
 * (most of a bulk load's time). In memory it only ever holds the pages of
 * one call. SQLite reads the setting when a write transaction begins, so
 * begin switches it on; a report switches it back off (reports.c), so
 * that the big sorts of reports still spill to disk. Run with exec, not
 * kept prepared: it changes only when writes and reports alternate. Best
 * effort: a failure here only costs speed. */
void ce__sqlite_temp_in_memory(ce_backend_conn *conn, bool on)
{
	if (conn->memory || conn->temp_in_memory == on || in_txn(conn))
		return;
	if (sqlite3_exec(conn->db, on ? "PRAGMA temp_store = MEMORY" : "PRAGMA temp_store = DEFAULT",
	                 NULL, NULL, NULL) == SQLITE_OK)
		conn->temp_in_memory = on;
}

static int sq_begin(ce_backend_conn *conn)
{
	if (conn->readonly)
		return read_only(conn, "begin");
	if (in_txn(conn))
		return ce__sqlite_error(conn, CE_EMISUSE, "begin: a transaction is already open");
	ce__sqlite_temp_in_memory(conn, true);
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

static int sq_exists(ce_backend_conn *conn, const ce_table_def *table, int64_t id)
{
	sqlite3_stmt *stmt;
	int rc = ce__sqlite_table_stmt(&stmt, conn, table, CE_SQLITE_EXISTS);
	if (rc != CE_OK)
		return rc;
	int step = sqlite3_bind_int64(stmt, 1, id);
	if (step == SQLITE_OK)
		step = sqlite3_step(stmt);
	rc = step == SQLITE_ROW ? CE_OK : step == SQLITE_DONE ? CE_ENOTFOUND
	     : ce__sqlite_fail(conn, step, "look for %s %lld", table->name, (long long)id);
	ce__sqlite_done(stmt);
	return rc;
}

/* A failed statement is undone by SQLite and the transaction goes on: a
 * call needs no savepoint, and a duplicate key is refused by the insert. */
static int sq_call_without_savepoint(ce_backend_conn *conn)
{
	(void)conn;
	return CE_BACKEND_CALL_UNDO;
}

static int sq_unique_at_insert(ce_backend_conn *conn)
{
	(void)conn;
	return 1;
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

/* Whether stored value a differs from b (both read or bound as the
 * column's type). */
static bool differs(const ce_column_def *col, const ce_value *a, const ce_value *b)
{
	if (a->null || b->null)
		return !a->null != !b->null;
	switch (col->type) {
	case CE_TYPE_REAL: return a->r != b->r;
	case CE_TYPE_TEXT: return !a->s || !b->s || strcmp(a->s, b->s) != 0;
	default: return a->i != b->i;
	}
}

/* Only the columns that change are written. SQLite rewrites the index
 * entries, and re-runs the CHECK and foreign-key checks, of every column
 * an UPDATE names, changed or not: a lifecycle move that names all eleven
 * columns of a placement rewrites six index entries and looks up six
 * parents to change two values. Reading the row first costs less. The
 * statement is "UPDATE t SET a = ?, b = ? WHERE id = ?" for the changed
 * columns, its text kept under the table and the set of columns. */
static int sq_update(ce_backend_conn *conn, const ce_table_def *table, int64_t id,
                     const ce_value *row)
{
	sqlite3_stmt *stmt;
	ce_value old[64];
	if (conn->readonly)
		return read_only(conn, "update");
	if (!row && table->ncolumns > 0)
		return ce__sqlite_error(conn, CE_EINVALID, "%s: NULL row", table->name);
	if (table->ncolumns > 64)
		return ce__sqlite_error(conn, CE_EINVALID, "%s: too many columns", table->name);
	int slot = ce__sqlite_table_slot(conn, table);
	int rc = slot < 0 ? CE_EINVALID : ce__sqlite_table_stmt(&stmt, conn, table, CE_SQLITE_FETCH);
	if (rc != CE_OK)
		return rc;
	int step = sqlite3_bind_int64(stmt, 1, id);
	if (step == SQLITE_OK)
		step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		rc = ce__sqlite_read_row(conn, stmt, 1, table, old, &conn->update_text);
	else if (step == SQLITE_DONE)
		rc = ce__sqlite_error(conn, CE_ENOTFOUND, "update %s: no record with id %lld", table->name,
		                      (long long)id);
	else
		rc = ce__sqlite_fail(conn, step, "update %s %lld", table->name, (long long)id);
	ce__sqlite_done(stmt);
	if (rc != CE_OK)
		return rc;

	uint64_t changed = 0;
	for (int c = 0; c < table->ncolumns; c++)
		if (differs(&table->columns[c], &old[c], &row[c]))
			changed |= UINT64_C(1) << c;
	if (!changed)
		return CE_OK; /* the row already holds these values */

	unsigned char key[11] = { 'U', (unsigned char)(slot & 0xff), (unsigned char)(slot >> 8) };
	for (int k = 0; k < 8; k++)
		key[3 + k] = (unsigned char)(changed >> (8 * k));
	ce_sqlbuf b = { 0 };
	ce_sqlite_shape_text *kept = ce__sqlite_kept(conn, key, sizeof key);
	if (!kept) {
		ce__sqlbuf_add(&b, "UPDATE ");
		ce__sqlbuf_ident(&b, table->name);
		for (int c = 0, n = 0; c < table->ncolumns; c++) {
			if (!(changed >> c & 1))
				continue;
			ce__sqlbuf_add(&b, n++ ? ", " : " SET ");
			ce__sqlbuf_ident(&b, table->columns[c].name);
			ce__sqlbuf_add(&b, " = ?");
		}
		ce__sqlbuf_add(&b, " WHERE id = ?");
		if (b.failed) {
			ce__sqlbuf_free(&b);
			return ce__sqlite_error(conn, CE_ENOMEM, "%s: out of memory", table->name);
		}
		ce__sqlite_keep_sql(conn, key, sizeof key, b.p);
		kept = ce__sqlite_kept(conn, key, sizeof key); /* NULL if not kept */
	}
	ce_sqlite_lease lease;
	rc = kept ? ce__sqlite_lease_kept(&lease, conn, kept) : ce__sqlite_lease(&lease, conn, b.p);
	ce__sqlbuf_free(&b);
	if (rc != CE_OK)
		return rc;
	int idx = 1;
	for (int c = 0; c < table->ncolumns && rc == CE_OK; c++)
		if (changed >> c & 1)
			rc = ce__sqlite_bind_value(conn, lease.stmt, idx++, table, c, &row[c]);
	if (rc == CE_OK) {
		int bound = sqlite3_bind_int64(lease.stmt, idx, id);
		rc = bound == SQLITE_OK ? change_one(conn, lease.stmt, table, id, "update")
		                        : ce__sqlite_fail(conn, bound, "update %s", table->name);
	}
	ce__sqlite_unlease(conn, &lease);
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
	.connect = sq_connect,
	.exists = sq_exists,
	.report_open = ce__sqlite_report_open,
	.report_next = ce__sqlite_report_next,
	.report_close = ce__sqlite_report_close,
	.call_without_savepoint = sq_call_without_savepoint,
	.unique_at_insert = sq_unique_at_insert,
	/* reads_are_remote: NULL, a read is a few microseconds in-process;
	 * update_keys_kept: NULL, an update is one in-process statement anyway */
};
