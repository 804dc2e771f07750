/* The PostgreSQL backend (schemes "postgresql" and "postgres"): connect,
 * transactions and row operations over libpq. A store is a PostgreSQL
 * schema (?schema=NAME, default public) in the database the libpq URI
 * names, so PGHOST, PGPASSWORD, ~/.pgpass and sslmode work as usual.
 *
 * Concurrency: begin takes a transaction-level advisory lock on the store
 * (as SQLite's BEGIN IMMEDIATE takes its write lock), so writers through
 * the library run one at a time and the core's rule checks, read inside
 * the writer's transaction under READ COMMITTED, see every committed
 * change and cannot be raced; readers never wait. Waiting for the lock is
 * bounded by the busy timeout (lock_timeout), then CE_EBUSY. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/sql/sql_query.h"
#include "pg_internal.h"

static int begin_text(ce_backend_conn *conn);

static const char *pg_errmsg(ce_backend_conn *conn)
{
	return conn ? conn->errmsg : "no connection";
}

static void pg_close(ce_backend_conn *conn)
{
	if (!conn)
		return;
	for (ce_backend_cursor *c = conn->cursors; c; c = c->next)
		c->conn = NULL; /* a scan left open fails from now on */
	PQfinish(conn->pg); /* the server rolls back a transaction left open */
	ce__pg_stmts_free(conn);
	ce__pg_batch_free(conn);
	ce__pg_pipeline_free(conn);
	free(conn->begin_sql);
	for (size_t i = 0; conn->table_sql && i < (size_t)conn->schema->ntables * CE_PG_NOPS; i++)
		free(conn->table_sql[i]);
	free(conn->table_sql);
	ce__pg_textbuf_free(&conn->fetch_text);
	free(conn->store);
	free(conn);
}

/* The library never prints: the server's notices are dropped (libpq's
 * default processor writes them to stderr). */
static void ignore_notice(void *arg, const char *message)
{
	(void)arg, (void)message;
}

static int open_fail(char *errbuf, size_t size, int code, const char *msg)
{
	if (errbuf && size)
		snprintf(errbuf, size, "%s", msg);
	return code;
}

/* Session settings: the store's schema first on the search path, ISO
 * dates, the lock wait, and read-only transactions when asked. */
static int configure(ce_backend_conn *conn, int busy_timeout_ms)
{
	ce_sqlbuf b = { 0 };
	if (conn->store) {
		if (!conn->readonly) {
			ce__sqlbuf_add(&b, "CREATE SCHEMA IF NOT EXISTS ");
			ce__pg_ident(&b, conn->store);
			ce__sqlbuf_add(&b, "; ");
		}
		ce__sqlbuf_add(&b, "SET search_path TO ");
		ce__pg_ident(&b, conn->store);
		ce__sqlbuf_add(&b, "; ");
	} else {
		ce__sqlbuf_add(&b, "SET search_path TO public; ");
	}
	/* jit off: the reports' plans are short, and compiling them took longer
	 * than running them (placement_health: 1 s of 1.2 s at a million rows) */
	ce__sqlbuf_addf(&b, "SET DateStyle TO ISO, YMD; SET lock_timeout TO %d; "
	                    "SET client_min_messages TO warning; SET extra_float_digits TO 3; "
	                    "SET jit TO off; ",
	                busy_timeout_ms > 0 ? busy_timeout_ms : 0);
	if (conn->readonly)
		ce__sqlbuf_add(&b, "SET default_transaction_read_only TO on; ");
	if (b.failed) {
		ce__sqlbuf_free(&b);
		return ce__pg_error(conn, CE_ENOMEM, "connect: out of memory");
	}
	/* CREATE SCHEMA IF NOT EXISTS can race another client creating it. */
	int rc = ce__pg_exec(conn, b.p, "set the session up");
	if (rc == CE_EEXISTS)
		rc = ce__pg_exec(conn, b.p, "set the session up");
	ce__sqlbuf_free(&b);
	return rc;
}

static int pg_connect(ce_backend_conn **out, const ce_backend_open_options *opts)
{
	char *conninfo = NULL;
	int rc;
	if (opts->errbuf && opts->errbuf_size)
		opts->errbuf[0] = '\0';
	if (!out || !opts->schema || opts->schema->ntables < 1 || !opts->schema->tables)
		return open_fail(opts->errbuf, opts->errbuf_size, CE_EINVALID, "NULL connection or schema");
	*out = NULL;
	ce_backend_conn *conn = calloc(1, sizeof *conn);
	if (!conn)
		return open_fail(opts->errbuf, opts->errbuf_size, CE_ENOMEM, "out of memory");
	conn->schema = opts->schema;
	conn->readonly = (opts->flags & CE_OPEN_READONLY) != 0;
	conn->table_sql = calloc((size_t)opts->schema->ntables * CE_PG_NOPS, sizeof *conn->table_sql);
	conn->ids = calloc((size_t)opts->schema->ntables, sizeof *conn->ids);
	rc = conn->table_sql && conn->ids ? ce__pg_parse_location(opts->location, &conninfo, &conn->store,
	                                               opts->errbuf, opts->errbuf_size)
	                       : open_fail(opts->errbuf, opts->errbuf_size, CE_ENOMEM, "out of memory");
	if (rc != CE_OK) {
		pg_close(conn);
		return rc;
	}
	conn->pg = PQconnectdb(conninfo);
	free(conninfo);
	if (!conn->pg || PQstatus(conn->pg) != CONNECTION_OK) {
		/* libpq's message names host, port and user, never the password */
		rc = conn->pg ? ce__pg_fail(conn, NULL, "connect") : CE_ENOMEM;
		if (rc == CE_OK || rc == CE_EBACKEND)
			rc = strstr(conn->errmsg, "does not exist") ? CE_ENOTFOUND : CE_EBACKEND;
		open_fail(opts->errbuf, opts->errbuf_size, rc, conn->pg ? conn->errmsg : "out of memory");
		pg_close(conn);
		return rc;
	}
	PQsetNoticeProcessor(conn->pg, ignore_notice, NULL);
	if (PQsetClientEncoding(conn->pg, "UTF8") != 0) {
		rc = ce__pg_fail(conn, NULL, "set the client encoding to UTF8");
	} else if ((rc = configure(conn, opts->busy_timeout_ms)) == CE_OK &&
	           (rc = ce__pg_prepare_store(conn)) == CE_OK) {
		rc = begin_text(conn);
	}
	if (rc != CE_OK) {
		open_fail(opts->errbuf, opts->errbuf_size, rc, conn->errmsg);
		pg_close(conn);
		return rc;
	}
	*out = conn;
	return CE_OK;
}

/* ---- transactions -------------------------------------------------------------- */

/* BEGIN and the store's lock in one simple query: one round trip. */
static int begin_text(ce_backend_conn *conn)
{
	ce_sqlbuf b = { 0 };
	char *name = PQescapeLiteral(conn->pg, conn->store ? conn->store : "public",
	                             strlen(conn->store ? conn->store : "public"));
	if (name)
		ce__sqlbuf_addf(&b, "BEGIN ISOLATION LEVEL READ COMMITTED; "
		                    "SELECT pg_advisory_xact_lock(1128613973, hashtext(%s))", name);
	PQfreemem(name);
	if (!name || b.failed) {
		ce__sqlbuf_free(&b);
		return ce__pg_error(conn, CE_ENOMEM, "connect: out of memory");
	}
	conn->begin_sql = b.p;
	return CE_OK;
}

static int pg_begin(ce_backend_conn *conn)
{
	if (conn->readonly)
		return ce__pg_error(conn, CE_EMISUSE, "begin: the store was opened read-only");
	if (conn->in_txn)
		return ce__pg_error(conn, CE_EMISUSE, "begin: a transaction is already open");
	conn->doomed = 0;
	ce__pg_batch_discard(conn);
	int rc = ce__pg_exec(conn, conn->begin_sql, "begin");
	if (rc != CE_OK) {
		/* BEGIN may have succeeded and the lock failed */
		PQclear(PQexec(conn->pg, "ROLLBACK"));
		return rc;
	}
	conn->in_txn = true;
	conn->savepoints = 0;
	conn->explicit_txn = false;
	conn->call_seq++;
	conn->txn_writes = 0;
	conn->replan_at = 512;
	ce__pg_ids_forget(conn);
	return CE_OK;
}

static int pg_commit(ce_backend_conn *conn)
{
	if (!conn->in_txn)
		return ce__pg_error(conn, CE_EMISUSE, "commit: no transaction is open");
	PGresult *res = NULL;
	int rc = ce__pg_check_doomed(conn);
	if (rc == CE_OK)
		rc = ce__pg_ids_return(conn);
	/* COMMIT behind what was sent: one round trip */
	if (rc == CE_OK)
		rc = ce__pg_send_simple(conn, "COMMIT", CE_PG_SEND_READ, "commit");
	if (rc == CE_OK)
		rc = ce__pg_flush(conn, &res);
	else
		ce__pg_flush(conn, NULL);
	conn->in_txn = false;
	/* COMMIT of a failed transaction answers "ROLLBACK": check it committed */
	if (rc == CE_OK && (!res || strcmp(PQcmdStatus(res), "COMMIT") != 0))
		rc = ce__pg_error(conn, CE_EBACKEND, "commit: the transaction had failed and was rolled back");
	PQclear(res);
	if (rc != CE_OK && PQtransactionStatus(conn->pg) != PQTRANS_IDLE)
		PQclear(PQexec(conn->pg, "ROLLBACK"));
	conn->doomed = 0;
	return rc;
}

static int pg_rollback(ce_backend_conn *conn)
{
	if (!conn->in_txn)
		return CE_OK;
	conn->in_txn = false;
	/* what was sent is read and dropped: the message of a failure there is
	 * not this call's */
	char keep[sizeof conn->errmsg];
	memcpy(keep, conn->errmsg, sizeof keep);
	ce__pg_batch_discard(conn); /* rows never sent need not be */
	ce__pg_flush(conn, NULL);
	memcpy(conn->errmsg, keep, sizeof keep);
	conn->doomed = 0;
	ce__pg_ids_forget(conn);
	return ce__pg_exec(conn, "ROLLBACK", "rollback");
}

static int pg_savepoint(ce_backend_conn *conn)
{
	if (!conn->in_txn)
		return ce__pg_error(conn, CE_EMISUSE, "savepoint: no transaction is open");
	int rc = ce__pg_send_simple(conn, "SAVEPOINT ce_call", CE_PG_SEND_CMD, "savepoint");
	conn->savepoints += rc == CE_OK;
	conn->explicit_txn = true;
	conn->call_seq++;
	return rc;
}

static int pg_release(ce_backend_conn *conn)
{
	if (!conn->savepoints)
		return ce__pg_error(conn, CE_EMISUSE, "release: no savepoint is open");
	conn->savepoints--;
	return ce__pg_send_simple(conn, "RELEASE SAVEPOINT ce_call", CE_PG_SEND_CMD,
	                          "release savepoint");
}

static int pg_rollback_to(ce_backend_conn *conn)
{
	if (!conn->savepoints)
		return ce__pg_error(conn, CE_EMISUSE, "rollback to: no savepoint is open");
	return ce__pg_send_simple(conn, "ROLLBACK TO SAVEPOINT ce_call", CE_PG_SEND_CMD,
	                          "rollback to savepoint");
}

/* ---- rows -------------------------------------------------------------------- */

/* INSERT with the id given ($1), for an id reserved ahead. */
static char *insert_id_text(ce_backend_conn *conn, const ce_table_def *t)
{
	ce_sqlbuf b = { 0 };
	ce__pg_insert_head(&b, t);
	ce__sqlbuf_add(&b, " VALUES ($1");
	for (int c = 0; c < t->ncolumns; c++)
		ce__sqlbuf_addf(&b, ", $%d", c + 2);
	ce__sqlbuf_add(&b, ")");
	if (b.failed) {
		ce__sqlbuf_free(&b);
		ce__pg_error(conn, CE_ENOMEM, "%s: out of memory", t->name);
		return NULL;
	}
	return b.p;
}

/* The text of a per-table statement (the shared SQL layer's), built on
 * first use. */
static const char *table_sql(ce_backend_conn *conn, const ce_table_def *t, enum ce_pg_op op)
{
	if (t->index <= 0 || t->index >= conn->schema->ntables || conn->schema->tables[t->index] != t) {
		ce__pg_error(conn, CE_EINVALID, "%s: not a table of this store's schema", t->name);
		return NULL;
	}
	char **slot = &conn->table_sql[(size_t)t->index * CE_PG_NOPS + op];
	if (*slot)
		return *slot;
	if (op == CE_PG_INSERT_ID)
		return *slot = insert_id_text(conn, t);
	static const enum ce_sql_table_op ops[CE_PG_NOPS] = {
		[CE_PG_INSERT] = CE_SQL_INSERT, [CE_PG_FETCH] = CE_SQL_FETCH,
		[CE_PG_UPDATE] = CE_SQL_UPDATE, [CE_PG_REMOVE] = CE_SQL_REMOVE,
		[CE_PG_EXISTS] = CE_SQL_EXISTS,
	};
	ce_sql_conn c;
	ce_sqlbuf b = { 0 };
	ce__pg_sql_conn(&c, conn);
	ce__sql_table_text(&b, c.dialect, t, ops[op]);
	if (op == CE_PG_INSERT)
		ce__sqlbuf_add(&b, " RETURNING id");
	if (b.failed) {
		ce__sqlbuf_free(&b);
		ce__pg_error(conn, CE_ENOMEM, "%s: out of memory", t->name);
		return NULL;
	}
	return *slot = b.p;
}

/* The text of every column of row as parameters 1..ncolumns. */
static int row_params(ce_backend_conn *conn, const ce_table_def *t, const ce_value *row,
                      const char **values, char (*bufs)[64])
{
	if (!row && t->ncolumns > 0)
		return ce__pg_error(conn, CE_EINVALID, "%s: NULL row", t->name);
	for (int c = 0; c < t->ncolumns; c++)
		if (ce__pg_value_text(&values[c], bufs[c], &t->columns[c], &row[c]) != CE_OK)
			return ce__pg_error(conn, CE_EINVALID, "%s.%s: a value that cannot be stored",
			                    t->name, t->columns[c].name);
	return CE_OK;
}

/* A transaction that inserts many rows outgrows the plans made when its
 * tables looked small or empty: the server keeps the plan of a foreign
 * key's check for the whole session, and if statistics said "empty" when it
 * was made (an autovacuum after a rolled-back import sets a table's tuple
 * density to zero), it scans the table for every check, which made an
 * import of 20,000 students take minutes. Throwing the plans away each
 * time the transaction's rows double makes the server plan them again
 * with the tables' real sizes. It reads no row: the rows buffered keep
 * waiting (and are planned afresh when they go). */
static int replan_if_grown(ce_backend_conn *conn)
{
	if (++conn->txn_writes < conn->replan_at)
		return CE_OK;
	conn->replan_at *= 2;
	bool keep = conn->keep_rows;
	conn->keep_rows = true;
	int rc = ce__pg_send_simple(conn, "DISCARD PLANS", CE_PG_SEND_CMD, "discard plans");
	conn->keep_rows = keep;
	return rc;
}

/* Inside an explicit transaction an insert after the first into a table
 * takes a reserved id and joins its table's multi-row insert (batch.c);
 * otherwise the server's identity gives the id (RETURNING, one round
 * trip). */
static int pg_insert(ce_backend_conn *conn, const ce_table_def *t, const ce_value *row,
                     int64_t *out_id)
{
	const char *values[CE_MAX_QUERY_PARAMS + 1];
	char bufs[CE_MAX_QUERY_PARAMS + 1][64];
	const char *sql = table_sql(conn, t, CE_PG_INSERT);
	const char *sql_id = sql ? table_sql(conn, t, CE_PG_INSERT_ID) : NULL;
	PGresult *res;
	int64_t id = 0;
	if (!sql_id)
		return CE_ENOMEM;
	int rc = row_params(conn, t, row, values + 1, bufs + 1);
	if (rc == CE_OK)
		rc = replan_if_grown(conn);
	if (rc == CE_OK)
		rc = ce__pg_next_id(conn, t, &id);
	if (rc != CE_OK)
		return rc;
	if (id > 0) {
		snprintf(bufs[0], 64, "%lld", (long long)id);
		values[0] = bufs[0];
		if (ce__pg_batchable(conn, t))
			rc = ce__pg_batch_add(conn, t, id, values[0], values + 1);
		else
			rc = ce__pg_send(conn, sql_id, t->ncolumns + 1, values, CE_PG_SEND_CMD, t->name, id);
		if (rc == CE_OK && out_id)
			*out_id = id;
		return rc;
	}
	if ((rc = ce__pg_run(&res, conn, sql, t->ncolumns, values + 1, t->name)) == CE_OK) {
		if (PQntuples(res) != 1 || !ce__pg_parse_int(PQgetvalue(res, 0, 0), &id))
			rc = ce__pg_error(conn, CE_EBACKEND, "insert into %s: no id came back", t->name);
		else if (out_id)
			*out_id = id;
		PQclear(res);
	}
	return rc;
}

/* A read of t's row id: t's buffers go first only if the row waits in
 * them (send), the other rows buffered cannot be what it reads. */
static int run_by_id(PGresult **res, ce_backend_conn *conn, const ce_table_def *t, bool send,
                     const char *sql, const char *const *values)
{
	if (send)
		return ce__pg_run_on(res, conn, t, sql, 1, values, t->name);
	bool keep = conn->keep_rows;
	conn->keep_rows = true;
	int rc = ce__pg_run(res, conn, sql, 1, values, t->name);
	conn->keep_rows = keep;
	return rc;
}

static int pg_fetch(ce_backend_conn *conn, const ce_table_def *t, int64_t id, ce_value *row)
{
	char idtext[24];
	const char *values[1] = { idtext };
	const char *sql = table_sql(conn, t, CE_PG_FETCH);
	PGresult *res;
	if (!sql)
		return CE_ENOMEM;
	if (!row && t->ncolumns > 0)
		return ce__pg_error(conn, CE_EINVALID, "fetch from %s: NULL row", t->name);
	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	int rc = run_by_id(&res, conn, t,
	                   ce__pg_batch_has(conn, t, id) || ce__pg_batch_updating(conn, t, id), sql,
	                   values);
	if (rc != CE_OK)
		return rc;
	if (PQntuples(res) == 0)
		rc = ce__pg_error(conn, CE_ENOTFOUND, "no %s with id %lld", t->name, (long long)id);
	else /* strings copied: valid until the next fetch on this connection */
		rc = ce__pg_read_row(conn, res, 0, 1, t, row, &conn->fetch_text);
	PQclear(res);
	return rc;
}

/* The key alone (the core checks references with it): no row read, no
 * text copied; behind the writes sent, one round trip. */
static int pg_exists(ce_backend_conn *conn, const ce_table_def *t, int64_t id)
{
	char idtext[24];
	const char *values[1] = { idtext };
	const char *sql = table_sql(conn, t, CE_PG_EXISTS);
	PGresult *res;
	if (!sql)
		return CE_ENOMEM;
	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	int rc = ce__pg_check_doomed(conn);
	if (rc != CE_OK || ce__pg_batch_has(conn, t, id))
		return rc; /* waiting in its buffer: it will be stored */
	rc = run_by_id(&res, conn, t, false, sql, values); /* an update waiting moves no row */
	if (rc != CE_OK)
		return rc;
	rc = PQntuples(res) > 0 ? CE_OK : CE_ENOTFOUND;
	PQclear(res);
	return rc;
}

/* Sends an UPDATE or DELETE of one row without waiting: the core has read
 * the row under the store's lock; CE_ENOTFOUND surfaces when it touched
 * none (see pipeline.c). */
static int change_one(ce_backend_conn *conn, const ce_table_def *t, const char *sql, int n,
                      const char **values, int64_t id)
{
	return ce__pg_send(conn, sql, n, values, CE_PG_SEND_ONE, t->name, id);
}

/* An UPDATE of row id; kept: no unique key of t changes (the core says
 * so, update_keys_kept()), so even a row of a table with unique keys may
 * wait in its update buffer. */
static int update_row(ce_backend_conn *conn, const ce_table_def *t, int64_t id,
                      const ce_value *row, bool kept)
{
	const char *values[CE_MAX_QUERY_PARAMS + 1];
	char bufs[CE_MAX_QUERY_PARAMS + 1][64];
	const char *sql = table_sql(conn, t, CE_PG_UPDATE);
	if (!sql)
		return CE_ENOMEM;
	int rc = row_params(conn, t, row, values, bufs);
	if (rc != CE_OK)
		return rc;
	snprintf(bufs[t->ncolumns], 64, "%lld", (long long)id);
	values[t->ncolumns] = bufs[t->ncolumns];
	/* a row still buffered is rewritten there, a sent one may wait in its
	 * table's update buffer: no statement now */
	bool done;
	if ((rc = ce__pg_check_doomed(conn)) != CE_OK ||
	    (rc = ce__pg_batch_update(conn, t, id, values[t->ncolumns], values, kept, &done)) !=
	        CE_OK ||
	    done)
		return rc;
	/* what the new values refer to must be stored; the other rows
	 * buffered, of t and of other tables, may wait (batch.c) */
	if ((rc = ce__pg_batch_send_refs(conn, t, values)) != CE_OK)
		return rc;
	bool keep = conn->keep_rows;
	conn->keep_rows = true;
	rc = change_one(conn, t, sql, t->ncolumns + 1, values, id);
	conn->keep_rows = keep;
	return rc;
}

static int pg_update(ce_backend_conn *conn, const ce_table_def *t, int64_t id, const ce_value *row)
{
	return update_row(conn, t, id, row, false);
}

static int pg_update_keys_kept(ce_backend_conn *conn, const ce_table_def *t, int64_t id,
                               const ce_value *row)
{
	return update_row(conn, t, id, row, true);
}

static int pg_remove(ce_backend_conn *conn, const ce_table_def *t, int64_t id)
{
	char idtext[24];
	const char *values[1] = { idtext };
	const char *sql = table_sql(conn, t, CE_PG_REMOVE);
	if (!sql)
		return CE_ENOMEM;
	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	return change_one(conn, t, sql, 1, values, id);
}

/* A write call of the caller's transaction runs without a savepoint: the
 * core has checked its rules under the store's lock, so the server refuses
 * a write only for what no check foresees, and that fails the transaction
 * (pipeline.c). The call counts as a call: its writes are its own. */
static int pg_call_without_savepoint(ce_backend_conn *conn)
{
	if (!conn->in_txn)
		return 0;
	conn->explicit_txn = true;
	conn->call_seq++;
	return CE_BACKEND_CALL_DOOM;
}

/* Every read the core makes is a round trip to the server: the core keeps
 * more of what the transaction wrote and read. */
static int pg_reads_are_remote(ce_backend_conn *conn)
{
	(void)conn;
	return 1;
}

/* A serialisation failure or a deadlock, which a new attempt may not meet. */
static int pg_retryable(ce_backend_conn *conn)
{
	return !strcmp(conn->sqlstate, "40001") || !strcmp(conn->sqlstate, "40P01");
}

#define PG_BACKEND(SCHEME)                                                                    \
	{                                                                                         \
		.version = CE_BACKEND_VERSION, .scheme = SCHEME, .close = pg_close,                  \
		.errmsg = pg_errmsg, .begin = pg_begin, .commit = pg_commit, .rollback = pg_rollback, \
		.savepoint = pg_savepoint, .release = pg_release, .rollback_to = pg_rollback_to,     \
		.insert = pg_insert, .fetch = pg_fetch, .update = pg_update, .remove = pg_remove,   \
		.find_first = ce__pg_find_first, .scan_open = ce__pg_scan_open,                      \
		.scan_next = ce__pg_scan_next, .scan_close = ce__pg_scan_close,                      \
		.count = ce__pg_count, .report = ce__pg_report, .connect = pg_connect,               \
		.retryable = pg_retryable, .exists = pg_exists,                                      \
		.report_open = ce__pg_report_open, .report_next = ce__pg_report_next,                \
		.report_close = ce__pg_report_close,                                                 \
		.call_without_savepoint = pg_call_without_savepoint,                                 \
		.reads_are_remote = pg_reads_are_remote,                                             \
		.update_keys_kept = pg_update_keys_kept,                                             \
	}

const ce_backend ce__postgresql_backend = PG_BACKEND("postgresql");
/* libpq takes both spellings of the URI scheme; so do we. */
const ce_backend ce__postgres_backend = PG_BACKEND("postgres");
