/* Unique names and the end-of-run drops of the PostgreSQL test programs
 * (pgtest.h). */
#include "pgtest.h"

#include <libpq-fe.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

void pgtest_run_name(char *buf, size_t size)
{
	struct timespec now;
	uint32_t r;
	if (clock_gettime(CLOCK_REALTIME, &now) != 0)
		now.tv_sec = now.tv_nsec = 0;
	if (getentropy(&r, sizeof r) != 0)
		r = (uint32_t)now.tv_nsec ^ (uint32_t)getpid() << 12;
	snprintf(buf, size, "%llx%08lx", (unsigned long long)now.tv_sec, (unsigned long)r);
}

void pgtest_schema_name(char *buf, size_t size, const char *prefix, const char *run)
{
	static unsigned n;
	snprintf(buf, size, "%s%s_%ld_%u", prefix, run, (long)getpid(), ++n);
}

int pgtest_schema_uri(char *out, size_t size, const char *base, const char *schema)
{
	int n = snprintf(out, size, "%s%cschema=%s", base, strchr(base, '?') ? '&' : '?', schema);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* A connection for the drops: notices off (DROP ... CASCADE names every
 * table), lock waits bounded. NULL after printing why. */
static PGconn *connect_quiet(const char *uri, const char *what)
{
	PGconn *pg = PQconnectdb(uri);
	PGresult *res = NULL;
	if (PQstatus(pg) == CONNECTION_OK)
		res = PQexec(pg, "SET client_min_messages TO warning; SET lock_timeout TO '5s'");
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "pgtest: %s: cannot connect: %s", what, PQerrorMessage(pg));
		PQclear(res);
		PQfinish(pg);
		return NULL;
	}
	PQclear(res);
	return pg;
}

/* One statement with text parameters: its status, the result cleared;
 * *sqlstate (if given) set to the error's SQLSTATE or "". */
static ExecStatusType run(PGconn *pg, const char *sql, int n, const char *const *params,
                          char sqlstate[6])
{
	PGresult *res = PQexecParams(pg, sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);
	const char *code = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (sqlstate)
		snprintf(sqlstate, 6, "%s", code ? code : "");
	PQclear(res);
	return st;
}

/* Ends the other connections that hold locks on relations of the schemas
 * matching @p like (a connection idle outside a transaction holds none and
 * does not stand in the way): only the run's own connections touch the
 * run's schemas. */
static void end_holders(PGconn *pg, const char *like)
{
	const char *params[1] = { like };
	run(pg,
	    "SELECT pg_terminate_backend(l.pid) FROM pg_locks l "
	    "JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace "
	    "WHERE n.nspname LIKE $1 AND l.pid <> pg_backend_pid()",
	    1, params, NULL);
	nanosleep(&(struct timespec){ 0, 200 * 1000 * 1000 }, NULL); /* their processes let go */
}

/* Drops the schemas whose names are LIKE @p like. */
static int drop_like(const char *uri, const char *like)
{
	PGconn *pg = connect_quiet(uri, "drop the run's schemas");
	if (!pg)
		return -1;
	const char *params[1] = { like };
	PGresult *res = PQexecParams(pg, "SELECT nspname FROM pg_namespace WHERE nspname LIKE $1", 1,
	                             NULL, params, NULL, NULL, 0);
	int rc = PQresultStatus(res) == PGRES_TUPLES_OK ? 0 : -1;
	if (rc != 0)
		fprintf(stderr, "pgtest: list the run's schemas: %s", PQerrorMessage(pg));
	for (int i = 0; rc == 0 && i < PQntuples(res); i++) {
		const char *name = PQgetvalue(res, i, 0);
		char *id = PQescapeIdentifier(pg, name, strlen(name)), sql[256], state[6] = "";
		if (!id) {
			rc = -1;
			fprintf(stderr, "pgtest: %s: %s", name, PQerrorMessage(pg));
			break;
		}
		snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", id);
		PQfreemem(id);
		ExecStatusType st = run(pg, sql, 0, NULL, state);
		if (st != PGRES_COMMAND_OK && !strcmp(state, "55P03")) { /* lock_not_available */
			end_holders(pg, like);
			st = run(pg, sql, 0, NULL, state);
		}
		if (st != PGRES_COMMAND_OK) {
			rc = -1;
			fprintf(stderr, "pgtest: %s: %s", sql, PQerrorMessage(pg));
		}
	}
	PQclear(res);
	PQfinish(pg);
	return rc;
}

/* @p name for LIKE, its own characters taken literally, then '%' if @p prefix. */
static void like_of(char *like, size_t size, const char *name, int prefix)
{
	size_t j = 0;
	for (const char *p = name; *p && j + 3 < size; p++) {
		if (*p == '_' || *p == '%' || *p == '\\')
			like[j++] = '\\';
		like[j++] = *p;
	}
	if (prefix)
		like[j++] = '%';
	like[j] = '\0';
}

int pgtest_drop_schemas(const char *uri, const char *prefix)
{
	char like[128];
	like_of(like, sizeof like, prefix, 1);
	return drop_like(uri, like);
}

int pgtest_drop_schema(const char *uri, const char *name)
{
	char like[128];
	like_of(like, sizeof like, name, 0);
	return drop_like(uri, like);
}

int pgtest_create_database(const char *uri, const char *name)
{
	PGconn *pg = connect_quiet(uri, "create the run's database");
	if (!pg)
		return -1;
	char *id = PQescapeIdentifier(pg, name, strlen(name)), sql[256];
	int rc = -1;
	if (id) {
		snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE template0", id);
		rc = run(pg, sql, 0, NULL, NULL) == PGRES_COMMAND_OK ? 0 : -1;
	}
	if (rc != 0)
		fprintf(stderr, "pgtest: create database %s: %s", name, PQerrorMessage(pg));
	PQfreemem(id);
	PQfinish(pg);
	return rc;
}

int pgtest_drop_database(const char *uri, const char *name)
{
	PGconn *pg = connect_quiet(uri, "drop the run's database");
	if (!pg)
		return -1;
	char *id = PQescapeIdentifier(pg, name, strlen(name)), sql[256];
	const char *params[1] = { name };
	int rc = -1;
	/* FORCE ends the database's connections, but gives up when one takes
	 * over 5 s to go (a busy machine): ended here first, and again on
	 * each of a few tries */
	for (int attempt = 0; id && rc != 0 && attempt < 3; attempt++) {
		run(pg, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
		        "WHERE datname = $1 AND pid <> pg_backend_pid()",
		    1, params, NULL);
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", id);
		rc = run(pg, sql, 0, NULL, NULL) == PGRES_COMMAND_OK ? 0 : -1;
		if (rc != 0)
			fprintf(stderr, "pgtest: %s (try %d of 3): %s", sql, attempt + 1, PQerrorMessage(pg));
	}
	if (!id)
		fprintf(stderr, "pgtest: drop database %s: %s", name, PQerrorMessage(pg));
	PQfreemem(id);
	PQfinish(pg);
	return rc;
}
