/* Writes sent without waiting (libpq's pipeline mode). Each round trip to
 * the server costs far more than the row it carries, and a call's
 * SAVEPOINT, INSERTs and RELEASE need no answer: they are sent and read
 * back in one batch when something needs an answer (a read, the commit, a
 * full queue), which costs one round trip for all of them.
 *
 * When a sent statement fails the server skips the rest of the batch.
 * If it belongs to the call still running inside its savepoint (a delete
 * in the caller's transaction) or to a single call's own transaction, the
 * call fails with the server's message and undoes itself as it would
 * have. Otherwise it cannot be undone alone: a call of the caller's
 * transaction runs without a savepoint (ce_backend.call_without_savepoint),
 * or has already returned CE_OK. The transaction is doomed: the call that
 * meets the failure returns it, every later call fails with the message,
 * and commit rolls back and fails, so nothing is half-stored. The core
 * checks every rule before it writes, and writers through the library hold
 * the store's lock, so the server refuses such a write only for what no
 * check can foresee (a connection lost, a disk full, a writer bypassing
 * the library). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

int ce__pg_doom(ce_backend_conn *conn, int rc)
{
	conn->doomed = rc;
	snprintf(conn->doomed_msg, sizeof conn->doomed_msg,
	         "the transaction failed and can only be rolled back: %.400s", conn->errmsg);
	snprintf(conn->errmsg, sizeof conn->errmsg, "%s", conn->doomed_msg);
	return rc;
}

int ce__pg_check_doomed(ce_backend_conn *conn)
{
	if (!conn->doomed)
		return CE_OK;
	return ce__pg_error(conn, conn->doomed, "%s", conn->doomed_msg);
}

static int push(ce_backend_conn *conn, enum ce_pg_send_kind kind, const char *what, int64_t id)
{
	if (conn->npending == conn->cap_pending) {
		size_t cap = conn->cap_pending ? conn->cap_pending * 2 : 64;
		ce_pg_pending *p = realloc(conn->pending, cap * sizeof *p);
		if (!p)
			return ce__pg_error(conn, CE_ENOMEM, "%s: out of memory", what);
		conn->pending = p;
		conn->cap_pending = cap;
	}
	conn->pending[conn->npending++] = (ce_pg_pending){ what, id, conn->call_seq, (unsigned char)kind };
	return CE_OK;
}

static int enter(ce_backend_conn *conn, const char *what)
{
	int rc = ce__pg_check_doomed(conn);
	if (rc == CE_OK && conn->nbatched && !conn->sending_rows && !conn->keep_rows)
		rc = ce__pg_batch_send(conn); /* the rows buffered go first */
	if (rc != CE_OK || conn->piping)
		return rc;
	if (!PQenterPipelineMode(conn->pg))
		return ce__pg_fail(conn, NULL, what);
	conn->piping = true;
	return CE_OK;
}

/* A failed send leaves the statement unsent: nothing to read for it. */
static int sent(ce_backend_conn *conn, int ok, enum ce_pg_send_kind kind, const char *what,
                int64_t id)
{
	if (!ok)
		return ce__pg_fail(conn, NULL, what);
	int rc = push(conn, kind, what, id);
	if (rc == CE_OK && conn->npending >= CE_PG_PIPELINE_MAX && kind != CE_PG_SEND_READ)
		rc = ce__pg_flush(conn, NULL);
	return rc;
}

int ce__pg_send_simple(ce_backend_conn *conn, const char *sql, enum ce_pg_send_kind kind,
                       const char *what)
{
	int rc = enter(conn, what);
	if (rc != CE_OK)
		return rc;
	return sent(conn, PQsendQueryParams(conn->pg, sql, 0, NULL, NULL, NULL, NULL, 0), kind,
	            what, 0);
}

int ce__pg_send(ce_backend_conn *conn, const char *sql, int nparams, const char *const *values,
                enum ce_pg_send_kind kind, const char *what, int64_t id)
{
	int rc;
	const char *name = ce__pg_prepared_name(conn, sql, nparams, NULL, &rc);
	if (!name || (rc = enter(conn, what)) != CE_OK)
		return rc;
	return sent(conn, PQsendQueryPrepared(conn->pg, name, nparams, values, NULL, NULL, 0), kind,
	            what, id);
}

int ce__pg_read_piped(PGresult **out, ce_backend_conn *conn, const char *name, int nparams,
                      const char *const *values, const char *what)
{
	int rc = sent(conn, PQsendQueryPrepared(conn->pg, name, nparams, values, NULL, NULL, 0),
	              CE_PG_SEND_READ, what, 0);
	if (rc != CE_OK) {
		ce__pg_flush(conn, NULL); /* reads what was sent; keeps a doom it finds */
		return conn->doomed ? ce__pg_check_doomed(conn) : rc;
	}
	rc = ce__pg_flush(conn, out);
	if (rc == CE_OK && !*out)
		rc = ce__pg_error(conn, CE_EBACKEND, "%s: no result came back", what);
	return rc;
}

int ce__pg_run_on(PGresult **out, ce_backend_conn *conn, const ce_table_def *t, const char *sql,
                  int nparams, const char *const *values, const char *what)
{
	*out = NULL;
	if (!t)
		return ce__pg_run(out, conn, sql, nparams, values, what);
	int rc = ce__pg_check_doomed(conn);
	if (rc == CE_OK)
		rc = ce__pg_batch_send_for(conn, t);
	if (rc != CE_OK)
		return rc;
	bool keep = conn->keep_rows;
	conn->keep_rows = true; /* the other tables' rows cannot be seen: they wait */
	rc = ce__pg_run(out, conn, sql, nparams, values, what);
	conn->keep_rows = keep;
	return rc;
}

/* Whether the call that sent a statement is the one still running. */
static bool call_running(const ce_backend_conn *conn, const ce_pg_pending *p)
{
	return p->call == conn->call_seq && conn->in_txn &&
	       (conn->savepoints > 0 || !conn->explicit_txn);
}

int ce__pg_flush(ce_backend_conn *conn, PGresult **read_out)
{
	if (read_out)
		*read_out = NULL;
	/* the rows buffered go first (a failure there has doomed the
	 * transaction; what was sent is still read); never behind a read
	 * already sent, whose answer must come last */
	int rc = conn->nbatched && !conn->sending_rows && !conn->keep_rows && !read_out
	             ? ce__pg_batch_send(conn)
	             : CE_OK;
	if (!conn->piping)
		return rc != CE_OK ? rc : ce__pg_check_doomed(conn);
	size_t cur = 0, failed = 0;
	bool synced = false;
	if (!PQpipelineSync(conn->pg)) {
		rc = ce__pg_fail(conn, NULL, "send to the server");
	} else {
		while (!synced) {
			PGresult *res = PQgetResult(conn->pg);
			if (!res) { /* the end of one statement's results */
				if (PQstatus(conn->pg) == CONNECTION_BAD || cur >= conn->npending) {
					if (rc == CE_OK)
						rc = ce__pg_fail(conn, NULL, "read from the server");
					break;
				}
				cur++;
				continue;
			}
			ExecStatusType st = PQresultStatus(res);
			const ce_pg_pending *p = cur < conn->npending ? &conn->pending[cur] : NULL;
			if (st == PGRES_PIPELINE_SYNC) {
				synced = true;
			} else if (!p) {
				if (rc == CE_OK)
					rc = ce__pg_error(conn, CE_EBACKEND, "the server sent a result not asked for");
			} else if (st == PGRES_FATAL_ERROR || st == PGRES_NONFATAL_ERROR ||
			           st == PGRES_BAD_RESPONSE) {
				if (rc == CE_OK) {
					rc = ce__pg_fail(conn, res, p->what);
					failed = cur;
				}
			} else if (st == PGRES_PIPELINE_ABORTED) {
				/* skipped after an earlier failure */
			} else if (p->kind == CE_PG_SEND_ONE && !strcmp(PQcmdTuples(res), "0")) {
				if (rc == CE_OK) {
					rc = ce__pg_error(conn, CE_ENOTFOUND, "%s %lld: no such row", p->what,
					                  (long long)p->id);
					failed = cur;
				}
			} else if (p->kind == CE_PG_SEND_READ && read_out && cur + 1 == conn->npending &&
			           rc == CE_OK) {
				*read_out = res;
				res = NULL;
			}
			PQclear(res);
		}
	}
	if (!synced || !PQexitPipelineMode(conn->pg)) {
		/* the connection is unusable: whatever comes next fails */
		if (rc == CE_OK)
			rc = ce__pg_fail(conn, NULL, "leave pipeline mode");
		failed = conn->npending ? conn->npending - 1 : 0;
		conn->doomed = rc;
		snprintf(conn->doomed_msg, sizeof conn->doomed_msg,
		         "the transaction failed and can only be rolled back: %.400s", conn->errmsg);
	}
	if (rc != CE_OK && read_out && *read_out) {
		PQclear(*read_out);
		*read_out = NULL;
	}
	if (rc != CE_OK && !conn->doomed && conn->npending &&
	    !call_running(conn, &conn->pending[failed])) {
		conn->doomed = rc;
		if (conn->pending[failed].call != conn->call_seq)
			snprintf(conn->doomed_msg, sizeof conn->doomed_msg,
			         "the transaction failed and can only be rolled back: a write of an earlier "
			         "call failed: %.400s", conn->errmsg);
		else
			ce__pg_doom(conn, rc);
	}
	conn->piping = false;
	conn->npending = 0;
	return rc;
}

/* ---- ids reserved ahead ---------------------------------------------------------- */

/* The sequence is looked up once (materialized), not once per id: that
 * catalog lookup cost seven times what nextval() does. */
static const char reserve_sql[] =
	"WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence($1, 'id')::regclass AS seq) "
	"SELECT nextval(s.seq) FROM s, generate_series(1, $2::int)";

/* The table's name as pg_get_serial_sequence() reads it: quoted. */
static void quoted_name(char *buf, size_t size, const ce_table_def *t)
{
	snprintf(buf, size, "\"%s\"", t->name);
}

int ce__pg_next_id(ce_backend_conn *conn, const ce_table_def *t, int64_t *out)
{
	*out = 0;
	if (!conn->explicit_txn || !conn->ids)
		return CE_OK;
	ce_pg_ids *r = &conn->ids[t->index];
	if (r->inserted++ < 1) /* one insert: RETURNING costs no more than a reservation */
		return CE_OK;
	if (r->pos < r->n) {
		*out = r->ids[r->pos++];
		return CE_OK;
	}
	/* blocks grow with the inserts: a small transaction reserves little */
	int want = r->inserted < 8 ? 8 : r->inserted > 1024 ? 1024 : r->inserted;
	if (want > r->cap) {
		int64_t *ids = realloc(r->ids, (size_t)want * sizeof *ids);
		if (!ids)
			return ce__pg_error(conn, CE_ENOMEM, "%s: out of memory", t->name);
		r->ids = ids;
		r->cap = want;
	}
	char name[80], count[16];
	quoted_name(name, sizeof name, t);
	snprintf(count, sizeof count, "%d", want);
	const char *values[2] = { name, count };
	PGresult *res;
	bool keep = conn->keep_rows;
	conn->keep_rows = true; /* a sequence: nothing buffered need go first */
	int rc = ce__pg_run(&res, conn, reserve_sql, 2, values, t->name);
	conn->keep_rows = keep;
	if (rc != CE_OK)
		return rc;
	int n = PQntuples(res);
	r->n = r->pos = 0;
	for (int i = 0; i < n && i < want; i++)
		if (!ce__pg_parse_int(PQgetvalue(res, i, 0), &r->ids[r->n++]))
			rc = ce__pg_error(conn, CE_EBACKEND, "%s: the server sent a bad id", t->name);
	PQclear(res);
	if (rc != CE_OK || r->n == 0) {
		r->n = 0;
		return rc != CE_OK ? rc : ce__pg_error(conn, CE_EBACKEND, "%s: no id reserved", t->name);
	}
	*out = r->ids[r->pos++];
	return CE_OK;
}

/* Sets the sequence back to the first unused id if nobody has taken one
 * since (its last value is still the block's last). */
static const char return_sql[] =
	"SELECT setval(pg_get_serial_sequence($1, 'id'), $2::bigint, false) "
	"WHERE pg_sequence_last_value(pg_get_serial_sequence($1, 'id')::regclass) = $3::bigint";

int ce__pg_ids_return(ce_backend_conn *conn)
{
	int rc = CE_OK;
	for (int t = 1; conn->ids && t < conn->schema->ntables && rc == CE_OK; t++) {
		ce_pg_ids *r = &conn->ids[t];
		if (r->pos < r->n && r->ids[r->n - 1] - r->ids[r->pos] == r->n - 1 - r->pos) {
			char name[80], next[24], last[24];
			quoted_name(name, sizeof name, conn->schema->tables[t]);
			snprintf(next, sizeof next, "%lld", (long long)r->ids[r->pos]);
			snprintf(last, sizeof last, "%lld", (long long)r->ids[r->n - 1]);
			const char *values[3] = { name, next, last };
			rc = ce__pg_send(conn, return_sql, 3, values, CE_PG_SEND_CMD,
			                 "give reserved ids back", 0);
		}
	}
	ce__pg_ids_forget(conn);
	return rc;
}

void ce__pg_ids_forget(ce_backend_conn *conn)
{
	for (int t = 0; conn->ids && t < conn->schema->ntables; t++)
		conn->ids[t].n = conn->ids[t].pos = conn->ids[t].inserted = 0;
}

void ce__pg_pipeline_free(ce_backend_conn *conn)
{
	for (int t = 0; conn->ids && t < conn->schema->ntables; t++)
		free(conn->ids[t].ids);
	free(conn->ids);
	free(conn->pending);
	conn->ids = NULL;
	conn->pending = NULL;
}
