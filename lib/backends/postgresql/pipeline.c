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
	conn->pending[conn->npending++] =
		(ce_pg_pending){ what, id, conn->call_seq, (unsigned char)kind, conn->ids_gen };
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
	/* the other tables' rows cannot be seen: they wait */
	return rc != CE_OK ? rc : ce__pg_run_kept(out, conn, sql, nparams, values, what);
}

int ce__pg_run_kept(PGresult **out, ce_backend_conn *conn, const char *sql, int nparams,
                    const char *const *values, const char *what)
{
	*out = NULL;
	int rc = ce__pg_check_doomed(conn);
	if (rc != CE_OK)
		return rc;
	bool keep = conn->keep_rows;
	conn->keep_rows = true;
	rc = ce__pg_run(out, conn, sql, nparams, values, what);
	conn->keep_rows = keep;
	return rc;
}

static int ids_arrived(ce_backend_conn *conn, const ce_pg_pending *p, const PGresult *res);
static void ids_settle(ce_backend_conn *conn);

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
			} else if (p->kind == CE_PG_SEND_IDS) {
				int r = ids_arrived(conn, p, res);
				if (r != CE_OK && rc == CE_OK) {
					rc = r;
					failed = cur;
				}
			} else if (p->kind == CE_PG_SEND_ROWS &&
			           strtoll(PQcmdTuples(res), NULL, 10) != p->id) {
				/* a row deleted behind the library's back; not CE_ENOTFOUND,
				 * which a later call of the doomed transaction would report
				 * as its own record missing */
				if (rc == CE_OK) {
					rc = ce__pg_error(conn, CE_EBACKEND,
					                  "update of %s: %s of its %lld rows found (deleted by "
					                  "another connection)", p->what, PQcmdTuples(res),
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
	ids_settle(conn);
	conn->piping = false;
	conn->npending = 0;
	return rc;
}

/* ---- ids reserved ahead ---------------------------------------------------------- */

/* Blocks grow with the table's inserts, twice as many ids as inserts so
 * far: a small transaction reserves little, a load few times (the ids a
 * commit finds unused go back to the sequence; docs/benchmark.md counts
 * the reservations). */
#ifndef CE_PG_IDS_MIN
#define CE_PG_IDS_MIN 8
#endif
#ifndef CE_PG_IDS_MAX
#define CE_PG_IDS_MAX 8192
#endif

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

static int block_size(int inserted)
{
	int64_t want = 2 * (int64_t)inserted;
	return want < CE_PG_IDS_MIN ? CE_PG_IDS_MIN : want > CE_PG_IDS_MAX ? CE_PG_IDS_MAX : (int)want;
}

static int room(ce_backend_conn *conn, const ce_table_def *t, int64_t **ids, int *cap, int want)
{
	if (want <= *cap)
		return CE_OK;
	int64_t *p = realloc(*ids, (size_t)want * sizeof *p);
	if (!p)
		return ce__pg_error(conn, CE_ENOMEM, "%s: out of memory", t->name);
	*ids = p;
	*cap = want;
	return CE_OK;
}

/* Reads a reservation's ids into ids[cap]; *n of them. */
static int parse_ids(ce_backend_conn *conn, const ce_table_def *t, const PGresult *res,
                     int64_t *ids, int cap, int *n)
{
	int rows = PQntuples(res);
	*n = 0;
	for (int i = 0; i < rows && i < cap; i++)
		if (!ce__pg_parse_int(PQgetvalue(res, i, 0), &ids[(*n)++]))
			return (*n = 0), ce__pg_error(conn, CE_EBACKEND, "%s: the server sent a bad id", t->name);
	return *n ? CE_OK : ce__pg_error(conn, CE_EBACKEND, "%s: no id reserved", t->name);
}

/* The answer to a reservation sent ahead (ce__pg_flush): the table's next
 * block, unless its transaction's reservations were forgotten since. */
static int ids_arrived(ce_backend_conn *conn, const ce_pg_pending *p, const PGresult *res)
{
	if (!conn->ids || p->ids_gen != conn->ids_gen)
		return CE_OK;
	ce_pg_ids *r = &conn->ids[p->id];
	if (r->ahead != CE_PG_IDS_SENT)
		return CE_OK;
	int rc = parse_ids(conn, conn->schema->tables[p->id], res, r->next, r->next_cap, &r->next_n);
	r->ahead = rc == CE_OK ? CE_PG_IDS_ARRIVED : CE_PG_IDS_NONE;
	return rc;
}

/* After a flush nothing is in flight: a reservation whose answer did not
 * come (skipped after a failure) is as if never sent. */
static void ids_settle(ce_backend_conn *conn)
{
	for (size_t i = 0; conn->ids_sent && conn->ids && i < conn->npending; i++) {
		const ce_pg_pending *p = &conn->pending[i];
		if (p->kind == CE_PG_SEND_IDS && p->ids_gen == conn->ids_gen &&
		    conn->ids[p->id].ahead == CE_PG_IDS_SENT)
			conn->ids[p->id].ahead = CE_PG_IDS_NONE;
	}
	conn->ids_sent = 0;
}

/* Sends the reservation of t's next block without waiting for it. */
static int ask_ahead(ce_backend_conn *conn, const ce_table_def *t, ce_pg_ids *r)
{
	int want = block_size(r->inserted + r->n - r->pos);
	int rc = room(conn, t, &r->next, &r->next_cap, want);
	if (rc != CE_OK)
		return rc;
	char name[80], count[16];
	quoted_name(name, sizeof name, t);
	snprintf(count, sizeof count, "%d", want);
	const char *values[2] = { name, count };
	/* in flight before it is sent: a full queue reads its answer at once */
	r->ahead = CE_PG_IDS_SENT;
	r->asked = want;
	conn->ids_sent++;
	bool keep = conn->keep_rows;
	conn->keep_rows = true; /* a sequence: nothing buffered need go first */
	rc = ce__pg_send(conn, reserve_sql, 2, values, CE_PG_SEND_IDS, t->name, t->index);
	conn->keep_rows = keep;
	if (rc != CE_OK && r->ahead == CE_PG_IDS_SENT)
		r->ahead = CE_PG_IDS_NONE;
	return rc;
}

/* A new current block: the one asked for ahead (waiting for it if it is
 * still in flight), else one reserved now. */
static int next_block(ce_backend_conn *conn, const ce_table_def *t, ce_pg_ids *r)
{
	bool keep = conn->keep_rows;
	conn->keep_rows = true; /* a sequence: nothing buffered need go first */
	int rc = r->ahead == CE_PG_IDS_SENT ? ce__pg_flush(conn, NULL) : CE_OK;
	conn->keep_rows = keep;
	if (rc != CE_OK)
		return rc;
	r->n = r->pos = 0;
	if (r->ahead == CE_PG_IDS_ARRIVED) {
		int64_t *ids = r->ids;
		int cap = r->cap;
		r->ids = r->next, r->cap = r->next_cap, r->n = r->next_n;
		r->next = ids, r->next_cap = cap, r->next_n = 0;
		r->ahead = CE_PG_IDS_NONE;
		return CE_OK;
	}
	r->ahead = CE_PG_IDS_NONE;
	int want = block_size(r->inserted);
	if ((rc = room(conn, t, &r->ids, &r->cap, want)) != CE_OK)
		return rc;
	char name[80], count[16];
	quoted_name(name, sizeof name, t);
	snprintf(count, sizeof count, "%d", want);
	const char *values[2] = { name, count };
	PGresult *res;
	conn->keep_rows = true;
	rc = ce__pg_run(&res, conn, reserve_sql, 2, values, t->name);
	conn->keep_rows = keep;
	if (rc != CE_OK)
		return rc;
	rc = parse_ids(conn, t, res, r->ids, want, &r->n);
	PQclear(res);
	return rc;
}

int ce__pg_next_id(ce_backend_conn *conn, const ce_table_def *t, int64_t *out)
{
	*out = 0;
	if (!conn->explicit_txn || !conn->ids)
		return CE_OK;
	ce_pg_ids *r = &conn->ids[t->index];
	if (r->inserted++ < 1) /* one insert: RETURNING costs no more than a reservation */
		return CE_OK;
	int rc = r->pos < r->n ? CE_OK : next_block(conn, t, r);
	/* a quarter of the block used: the next is asked for now, early enough
	 * for a round trip to happen before this one runs out (and before this
	 * id is taken: a failed send leaves nothing done) */
	if (rc == CE_OK && r->ahead == CE_PG_IDS_NONE && 4 * (r->pos + 1) >= r->n)
		rc = ask_ahead(conn, t, r);
	if (rc == CE_OK)
		*out = r->ids[r->pos++];
	return rc;
}

/* Sets the sequence back to the first unused id if nobody has taken one
 * since (its last value is still the last id reserved). */
static const char return_sql[] =
	"SELECT setval(pg_get_serial_sequence($1, 'id'), $2::bigint, false) "
	"WHERE pg_sequence_last_value(pg_get_serial_sequence($1, 'id')::regclass) = $3::bigint";

/* The first of a run of unused ids ids[from..n) that ends just before
 * `next` without a gap (`next` itself if ids[n - 1] + 1 != next). */
static int64_t run_start(const int64_t *ids, int from, int n, int64_t next)
{
	for (int i = n - 1; i >= from && ids[i] == next - 1; i--)
		next = ids[i];
	return next;
}

/* The unused ids first..last that nobody else holds: the current block's
 * rest and the next block's, as far back as they run without a gap from
 * the last reserved. A block still in flight is cur_last + 1 ..
 * cur_last + asked if nobody took an id between: the check of the
 * sequence's last value says so. */
static bool unused_run(const ce_pg_ids *r, int64_t *first, int64_t *last)
{
	if (r->n == 0)
		return false;
	int64_t cur_last = r->ids[r->n - 1];
	if (r->ahead == CE_PG_IDS_SENT) {
		*last = cur_last + r->asked;
		*first = run_start(r->ids, r->pos, r->n, cur_last + 1);
		return true;
	}
	if (r->ahead == CE_PG_IDS_ARRIVED && r->next_n > 0) {
		*last = r->next[r->next_n - 1];
		*first = run_start(r->next, 0, r->next_n, *last + 1);
		if (*first == r->next[0])
			*first = run_start(r->ids, r->pos, r->n, *first);
		return true;
	}
	if (r->pos == r->n)
		return false;
	*last = cur_last;
	*first = run_start(r->ids, r->pos, r->n, cur_last + 1);
	return true;
}

int ce__pg_ids_return(ce_backend_conn *conn)
{
	int rc = CE_OK;
	for (int t = 1; conn->ids && t < conn->schema->ntables && rc == CE_OK; t++) {
		int64_t first, last;
		if (unused_run(&conn->ids[t], &first, &last)) {
			char name[80], next[24], lastv[24];
			quoted_name(name, sizeof name, conn->schema->tables[t]);
			snprintf(next, sizeof next, "%lld", (long long)first);
			snprintf(lastv, sizeof lastv, "%lld", (long long)last);
			const char *values[3] = { name, next, lastv };
			rc = ce__pg_send(conn, return_sql, 3, values, CE_PG_SEND_CMD,
			                 "give reserved ids back", 0);
		}
	}
	ce__pg_ids_forget(conn);
	return rc;
}

void ce__pg_ids_forget(ce_backend_conn *conn)
{
	conn->ids_gen++; /* an answer still in flight lands nowhere */
	for (int t = 0; conn->ids && t < conn->schema->ntables; t++) {
		ce_pg_ids *r = &conn->ids[t];
		r->n = r->pos = r->inserted = r->next_n = r->asked = 0;
		r->ahead = CE_PG_IDS_NONE;
	}
}

void ce__pg_pipeline_free(ce_backend_conn *conn)
{
	for (int t = 0; conn->ids && t < conn->schema->ntables; t++) {
		free(conn->ids[t].ids);
		free(conn->ids[t].next);
	}
	free(conn->ids);
	free(conn->pending);
	conn->ids = NULL;
	conn->pending = NULL;
}
