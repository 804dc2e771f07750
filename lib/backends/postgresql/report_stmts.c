/* Report statements kept prepared, a bounded number per connection.
 *
 * A report's text comes here with its filter's values written in
 * (sql_driver.c: dates and ids the core validated, formatted by the
 * library, never a caller's text). The server plans it once with the
 * values known, and each later run of the same report with the same
 * filter reuses that plan. With the values as parameters the server
 * plans anew on each of a statement's first five runs, and for good when
 * its generic plan looks dearer than those (as "($1 IS NULL OR d >= $1)"
 * makes it): for a small report, planning was most of its time.
 *
 * Such texts are without bound (one per period, partner, project), so a
 * connection keeps the CE_PG_REPORT_STMTS it used last. A new text is
 * prepared and run in one round trip, with the DEALLOCATE of the one it
 * evicts sent ahead of it. Each statement's result is read on its own:
 * one that failed to prepare is not kept, one that was not deallocated
 * (its transaction had failed) stays kept, so the client's list and the
 * server's statements always agree. Prepared statements outlive a
 * rollback and die with the session, as this list does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

static uint64_t hash_of(const char *sql)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return h;
}

static void unlink_stmt(ce_backend_conn *conn, ce_pg_report_stmt *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		conn->report_mru = s->next;
	if (s->next)
		s->next->prev = s->prev;
	else
		conn->report_lru = s->prev;
	s->prev = s->next = NULL;
	conn->nreport_stmts--;
}

static void push_front(ce_backend_conn *conn, ce_pg_report_stmt *s)
{
	s->prev = NULL;
	s->next = conn->report_mru;
	if (s->next)
		s->next->prev = s;
	else
		conn->report_lru = s;
	conn->report_mru = s;
	conn->nreport_stmts++;
}

static void free_stmt(ce_pg_report_stmt *s)
{
	if (s) {
		free(s->sql);
		free(s);
	}
}

/* Runs a kept statement, behind the writes sent if any (one round trip). */
static int run_kept(PGresult **out, ce_backend_conn *conn, const char *name, const char *what)
{
	int rc = ce__pg_check_doomed(conn);
	if (rc == CE_OK && conn->nbatched && !conn->keep_rows)
		rc = ce__pg_batch_send(conn);
	if (rc != CE_OK)
		return rc;
	if (conn->piping)
		return ce__pg_read_piped(out, conn, name, 0, NULL, what);
	PGresult *res = PQexecPrepared(conn->pg, name, 0, NULL, NULL, NULL, 0);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		rc = ce__pg_fail(conn, res, what);
		PQclear(res);
		return rc;
	}
	*out = res;
	return CE_OK;
}

/* What each statement sent in prepare_and_run() came to. */
enum { SENT_DEALLOCATE, SENT_PREPARE, SENT_EXECUTE, NSENT };

/* Prepares a new text (evicting the statement used least recently when
 * full) and runs it: one round trip. */
static int prepare_and_run(PGresult **out, ce_backend_conn *conn, const char *sql, uint64_t h,
                           const char *what)
{
	/* what was sent goes first, its failures its own */
	int rc = ce__pg_flush(conn, NULL);
	if (rc != CE_OK)
		return rc;
	ce_pg_report_stmt *victim = conn->nreport_stmts >= CE_PG_REPORT_STMTS ? conn->report_lru : NULL;
	ce_pg_report_stmt *s = calloc(1, sizeof *s);
	if (!s || !(s->sql = strdup(sql))) {
		free(s);
		return ce__pg_error(conn, CE_ENOMEM, "%s: out of memory", what);
	}
	s->hash = h;
	snprintf(s->name, sizeof s->name, "ce_r%d", ++conn->report_stmt_seq);
	char dealloc[48];
	if (victim)
		snprintf(dealloc, sizeof dealloc, "DEALLOCATE %s", victim->name);

	int first = victim ? SENT_DEALLOCATE : SENT_PREPARE;
	bool piped = PQenterPipelineMode(conn->pg);
	bool ok = piped;
	ok = ok && (!victim || PQsendQueryParams(conn->pg, dealloc, 0, NULL, NULL, NULL, NULL, 0));
	ok = ok && PQsendPrepare(conn->pg, s->name, sql, 0, NULL);
	ok = ok && PQsendQueryPrepared(conn->pg, s->name, 0, NULL, NULL, NULL, 0);
	/* what was sent is synced and read even when a send failed, so that
	 * the connection leaves pipeline mode (the sends stop at the first
	 * failure: the results still come in the order below) */
	bool syncing = piped && PQpipelineSync(conn->pg);

	/* each statement's results end with NULL; the sync's comes last */
	bool done[NSENT] = { false }, synced = false;
	PGresult *failed = NULL, *rows = NULL;
	for (int cur = first; syncing && !synced;) {
		PGresult *res = PQgetResult(conn->pg);
		if (!res) {
			if (PQstatus(conn->pg) == CONNECTION_BAD || cur >= NSENT)
				break;
			cur++;
			continue;
		}
		ExecStatusType st = PQresultStatus(res);
		if (st == PGRES_PIPELINE_SYNC) {
			synced = true;
		} else if (cur < NSENT && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)) {
			done[cur] = true;
			if (cur == SENT_EXECUTE) {
				rows = res;
				res = NULL;
			}
		} else if (st != PGRES_PIPELINE_ABORTED && !failed) {
			failed = res; /* the first failure, the others skipped */
			res = NULL;
		}
		PQclear(res);
	}
	if (piped && !(synced && PQexitPipelineMode(conn->pg)))
		ok = false;

	if (done[SENT_DEALLOCATE] && victim) {
		unlink_stmt(conn, victim);
		free_stmt(victim);
	}
	if (done[SENT_PREPARE]) {
		push_front(conn, s);
		s = NULL;
	}
	free_stmt(s);
	if (!ok || !synced)
		rc = ce__pg_fail(conn, NULL, what); /* the connection's own message */
	else if (failed)
		rc = ce__pg_fail(conn, failed, what); /* out of pipeline mode: it sees the transaction */
	else if (!rows)
		rc = ce__pg_error(conn, CE_EBACKEND, "%s: no result came back", what);
	PQclear(failed);
	if (rc != CE_OK) {
		PQclear(rows);
		return rc;
	}
	*out = rows;
	return CE_OK;
}

int ce__pg_run_report(PGresult **out, ce_backend_conn *conn, const char *sql, const char *what)
{
	*out = NULL;
	uint64_t h = hash_of(sql);
	for (ce_pg_report_stmt *s = conn->report_mru; s; s = s->next)
		if (s->hash == h && !strcmp(s->sql, sql)) {
			if (s != conn->report_mru) {
				unlink_stmt(conn, s);
				push_front(conn, s);
			}
			return run_kept(out, conn, s->name, what);
		}
	return prepare_and_run(out, conn, sql, h, what);
}

void ce__pg_report_stmts_free(ce_backend_conn *conn)
{
	while (conn->report_mru) {
		ce_pg_report_stmt *s = conn->report_mru;
		unlink_stmt(conn, s);
		free_stmt(s);
	}
}
