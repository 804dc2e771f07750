/* Talking to the server: the URI a store is named by, errors mapped from
 * SQLSTATEs, and statements run through a cache of prepared statements
 * (one per SQL text: the texts depend only on a query's shape). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

void ce__pg_ident(ce_sqlbuf *b, const char *name)
{
	ce__sqlbuf_add(b, "\"");
	for (const char *p = name; *p; p++)
		ce__sqlbuf_add(b, *p == '"' ? "\"\"" : (char[2]){ *p, '\0' });
	ce__sqlbuf_add(b, "\"");
}

void ce__pg_insert_head(ce_sqlbuf *b, const ce_table_def *t)
{
	ce__sqlbuf_add(b, "INSERT INTO ");
	ce__pg_ident(b, t->name);
	ce__sqlbuf_add(b, " (id");
	for (int c = 0; c < t->ncolumns; c++) {
		ce__sqlbuf_add(b, ", ");
		ce__pg_ident(b, t->columns[c].name);
	}
	ce__sqlbuf_add(b, ")");
}

/* ---- errors ------------------------------------------------------------------ */

int ce__pg_error(ce_backend_conn *conn, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(conn->errmsg, sizeof conn->errmsg, fmt, ap);
	va_end(ap);
	return code;
}

int ce__pg_code(const char *state)
{
	if (!state || strlen(state) != 5)
		return CE_EBACKEND;
	if (!strcmp(state, "23505"))
		return CE_EEXISTS;      /* unique_violation */
	if (!strcmp(state, "23503"))
		return CE_ECONSTRAINT;  /* foreign_key_violation */
	if (!strncmp(state, "23", 2))
		return CE_EINVALID;     /* not null, check */
	if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03") ||
	    !strcmp(state, "57014"))
		return CE_EBUSY;        /* serialization, deadlock, lock or statement timeout */
	if (!strcmp(state, "25006"))
		return CE_EMISUSE;      /* read_only_sql_transaction */
	if (!strcmp(state, "3D000"))
		return CE_ENOTFOUND;    /* no such database */
	if (!strcmp(state, "53100") || !strcmp(state, "53200"))
		return CE_ENOMEM;       /* disk full, out of memory */
	return CE_EBACKEND;
}

/* The server's message without its trailing newline. */
static void message_of(char *buf, size_t size, const char *msg)
{
	snprintf(buf, size, "%s", msg && *msg ? msg : "no message from the server");
	size_t n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
}

int ce__pg_fail(ce_backend_conn *conn, const PGresult *res, const char *what)
{
	char msg[400];
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	snprintf(conn->sqlstate, sizeof conn->sqlstate, "%s", state ? state : "");
	message_of(msg, sizeof msg, res ? PQresultErrorMessage(res) : PQerrorMessage(conn->pg));
	int rc = !res && PQstatus(conn->pg) == CONNECTION_BAD
	             ? ce__pg_error(conn, CE_EBACKEND, "%s: the connection to the server is lost: %s",
	                            what, msg)
	             : ce__pg_error(conn, ce__pg_code(state), "%s: %s", what, msg);
	/* a statement that failed in the caller's transaction outside a
	 * savepoint has failed the transaction (pipeline.c decides for what
	 * was sent ahead) */
	if (conn->in_txn && conn->explicit_txn && !conn->savepoints && !conn->piping &&
	    !conn->doomed && PQtransactionStatus(conn->pg) == PQTRANS_INERROR)
		ce__pg_doom(conn, rc);
	return rc;
}

int ce__pg_exec(ce_backend_conn *conn, const char *sql, const char *what)
{
	int rc0 = ce__pg_flush(conn, NULL); /* what was sent goes first */
	if (rc0 != CE_OK)
		return rc0;
	PGresult *res = PQexec(conn->pg, sql);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? CE_OK : ce__pg_fail(conn, res, what);
	PQclear(res);
	return rc;
}

/* ---- prepared statements ------------------------------------------------------ */

static size_t bucket_of(const char *sql)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return (size_t)(h % CE_PG_STMT_BUCKETS);
}

static int prepared(ce_pg_stmt **out, ce_backend_conn *conn, const char *sql, int nparams,
                    const Oid *types)
{
	size_t b = bucket_of(sql);
	for (ce_pg_stmt *s = conn->stmts[b]; s; s = s->next)
		if (s->nparams == nparams && !strcmp(s->sql, sql)) {
			*out = s;
			return CE_OK;
		}
	ce_pg_stmt *s = calloc(1, sizeof *s);
	if (!s || !(s->sql = strdup(sql))) {
		free(s);
		return ce__pg_error(conn, CE_ENOMEM, "prepare: out of memory");
	}
	snprintf(s->name, sizeof s->name, "ce_%d", ++conn->stmt_seq);
	s->nparams = nparams;
	PGresult *res = PQprepare(conn->pg, s->name, sql, nparams, types);
	int rc = res && PQresultStatus(res) == PGRES_COMMAND_OK ? CE_OK
	                                                        : ce__pg_fail(conn, res, "prepare");
	PQclear(res);
	if (rc != CE_OK) {
		free(s->sql);
		free(s);
		return rc;
	}
	s->next = conn->stmts[b];
	conn->stmts[b] = s;
	*out = s;
	return CE_OK;
}

int ce__pg_run(PGresult **out, ce_backend_conn *conn, const char *sql, int nparams,
               const char *const *values, const char *what)
{
	return ce__pg_run_typed(out, conn, sql, nparams, NULL, values, what);
}

const char *ce__pg_prepared_name(ce_backend_conn *conn, const char *sql, int nparams,
                                 const Oid *types, int *rc)
{
	ce_pg_stmt *s;
	size_t b = bucket_of(sql);
	for (s = conn->stmts[b]; s; s = s->next)
		if (s->nparams == nparams && !strcmp(s->sql, sql))
			return (*rc = CE_OK), s->name;
	/* a new text: PQprepare waits for its answer, after what was sent */
	if ((*rc = ce__pg_flush(conn, NULL)) != CE_OK || (*rc = prepared(&s, conn, sql, nparams, types)) != CE_OK)
		return NULL;
	return s->name;
}

int ce__pg_run_typed(PGresult **out, ce_backend_conn *conn, const char *sql, int nparams,
                     const Oid *types, const char *const *values, const char *what)
{
	int rc;
	*out = NULL;
	const char *name = ce__pg_prepared_name(conn, sql, nparams, types, &rc);
	if (!name)
		return rc;
	if ((rc = ce__pg_check_doomed(conn)) != CE_OK)
		return rc;
	if (conn->nbatched && !conn->keep_rows && (rc = ce__pg_batch_send(conn)) != CE_OK)
		return rc;
	if (conn->piping) /* behind the writes sent: one round trip for all */
		return ce__pg_read_piped(out, conn, name, nparams, values, what);
	PGresult *res = PQexecPrepared(conn->pg, name, nparams, values, NULL, NULL, 0);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		rc = ce__pg_fail(conn, res, what);
		PQclear(res);
		return rc;
	}
	*out = res;
	return CE_OK;
}

void ce__pg_stmts_free(ce_backend_conn *conn)
{
	for (size_t b = 0; b < CE_PG_STMT_BUCKETS; b++) {
		while (conn->stmts[b]) {
			ce_pg_stmt *s = conn->stmts[b];
			conn->stmts[b] = s->next;
			free(s->sql);
			free(s);
		}
	}
	ce__pg_report_stmts_free(conn);
}

/* ---- the URI ----------------------------------------------------------------- */

/* A schema name we create and quote ourselves: lowercase letters, digits
 * and '_', not starting with a digit or "pg_". */
static bool store_name_valid(const char *s, size_t n)
{
	if (n == 0 || n > 63 || (s[0] >= '0' && s[0] <= '9') || !strncmp(s, "pg_", 3))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

int ce__pg_parse_location(const char *location, char **conninfo, char **store, char *errbuf,
                          size_t errbuf_size)
{
	ce_sqlbuf b = { 0 };
	const char *q = strchr(location, '?');
	size_t base = q ? (size_t)(q - location) : strlen(location);
	*conninfo = *store = NULL;
	if (strncmp(location, "//", 2) != 0 && *location) {
		if (errbuf && errbuf_size)
			snprintf(errbuf, errbuf_size,
			         "not a PostgreSQL URI: write postgresql://[user@]host[:port]/dbname[?schema=NAME]");
		return CE_EINVALID;
	}
	/* "postgresql:" alone: every connection parameter from the environment */
	ce__sqlbuf_add(&b, "postgresql:");
	ce__sqlbuf_add(&b, *location ? "" : "//");
	ce__sqlbuf_addf(&b, "%.*s", (int)base, location);
	char sep = '?';
	for (const char *p = q ? q + 1 : NULL; p && *p;) {
		const char *end = strchr(p, '&');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n > 7 && !strncmp(p, "schema=", 7)) {
			if (!store_name_valid(p + 7, n - 7)) {
				if (errbuf && errbuf_size)
					snprintf(errbuf, errbuf_size,
					         "schema=%.*s: a schema name is 1 to 63 lowercase letters, digits "
					         "and '_', not starting with a digit or pg_",
					         (int)(n - 7 > 64 ? 64 : n - 7), p + 7);
				ce__sqlbuf_free(&b);
				free(*store);
				*store = NULL;
				return CE_EINVALID;
			}
			free(*store);
			if (!(*store = strndup(p + 7, n - 7)))
				b.failed = true;
		} else if (n) {
			ce__sqlbuf_addf(&b, "%c%.*s", sep, (int)n, p);
			sep = '&';
		}
		p = end ? end + 1 : NULL;
	}
	if (b.failed) {
		ce__sqlbuf_free(&b);
		free(*store);
		*store = NULL;
		if (errbuf && errbuf_size)
			snprintf(errbuf, errbuf_size, "out of memory");
		return CE_ENOMEM;
	}
	*conninfo = b.p;
	return CE_OK;
}
