/* PostgreSQL: one store reused by the tests, emptied before each, instead
 * of a new schema per test. Creating a store's ~280 relations took 0.3 to
 * 0.6 s a test on the loaded test machine, more than half of the suite's
 * time; emptying it takes about 10 ms. Emptied means as new: every row
 * deleted and every identity restarted, so ids start at 1 again. A test
 * that changed the store beyond its rows (its tables, constraints, indexes
 * or coopedu_store: the catalog's fingerprint differs) or left it locked
 * gets a new schema instead, as every test did before, and the next test
 * finds the reused store made afresh. Stores made with fresh_store_uri()
 * are new schemas as before, so creating a store stays tested. */
#ifdef CE_HAVE_POSTGRESQL
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance.h"
#include "pg/pgtest.h"
#include "pg_reuse.h"

static char store[64];    /* the reused schema, or "" when reuse is off */
static char reuse_uri[1100];
static char *reset_sql;   /* deletes every row, restarts every identity */
static char print[40];    /* the fresh store's catalog fingerprint (md5) */

/* The schema's tables, constraints, indexes, defaults and coopedu_store's
 * rows, hashed: what a fresh store has and a reset does not restore. */
static const char fingerprint_sql[] =
	"SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM ("
	" SELECT concat_ws('.', c.relname, c.relkind::text, a.attnum::text, a.attname,"
	"  format_type(a.atttypid, a.atttypmod), a.attnotnull::text,"
	"  coalesce(pg_get_expr(d.adbin, d.adrelid), '')) AS x"
	" FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
	" LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum"
	" WHERE c.relnamespace = $1::regnamespace"
	" UNION ALL SELECT conname::text || '.' || pg_get_constraintdef(oid) FROM pg_constraint"
	"  WHERE connamespace = $1::regnamespace"
	" UNION ALL SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i"
	"  JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = $1::regnamespace"
	" UNION ALL SELECT t.tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
	"  WHERE c.relnamespace = $1::regnamespace AND NOT t.tgisinternal"
	" UNION ALL SELECT 'store.' || key || '=' || value FROM coopedu_store) s";

/* The reset: every table but coopedu_store emptied (foreign keys not
 * checked: every table is emptied), every sequence back to its start. */
static const char reset_sql_sql[] =
	"SELECT 'BEGIN; SET LOCAL lock_timeout TO ''5s''; SET LOCAL session_replication_role TO replica; ' ||"
	" coalesce((SELECT string_agg(format('DELETE FROM %I.%I; ', schemaname, tablename), '')"
	"  FROM pg_tables WHERE schemaname = $1 AND tablename <> 'coopedu_store'), '') ||"
	" coalesce((SELECT string_agg(format('SELECT setval(%L, %s, false); ',"
	"   quote_ident(schemaname) || '.' || quote_ident(sequencename), start_value), '')"
	"  FROM pg_sequences WHERE schemaname = $1), '') || 'COMMIT'";

/* One text value from sql with the schema's name as $1 on pg (search
 * path the store), malloc'd; NULL after printing why. */
static char *query_text(PGconn *pg, const char *sql)
{
	const char *params[1] = { store };
	PGresult *res = PQexecParams(pg, sql, 1, NULL, params, NULL, NULL, 0);
	char *v = NULL;
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
		v = strdup(PQgetvalue(res, 0, 0));
	else
		fprintf(stderr, "conformance: %.60s...: %s", sql, PQerrorMessage(pg));
	PQclear(res);
	return v;
}

/* A connection whose search path is the reused store; NULL after printing why. */
static PGconn *connect_store(void)
{
	PGconn *pg = PQconnectdb(uri_prefix);
	char *id = PQstatus(pg) == CONNECTION_OK ? PQescapeIdentifier(pg, store, strlen(store)) : NULL;
	char sql[200];
	PGresult *res = NULL;
	if (id) {
		snprintf(sql, sizeof sql, "SET search_path TO %s; SET client_min_messages TO warning", id);
		res = PQexec(pg, sql);
	}
	PQfreemem(id);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "conformance: the reused store: %s", PQerrorMessage(pg));
		PQclear(res);
		PQfinish(pg);
		return NULL;
	}
	PQclear(res);
	return pg;
}

/* Empties the reused store if it is as made; 0, or -1 (the caller makes
 * a new store instead). */
static int reset(void)
{
	PGconn *pg = connect_store();
	if (!pg)
		return -1;
	char *now = query_text(pg, fingerprint_sql);
	int rc = now && !strcmp(now, print) ? 0 : -1;
	free(now);
	if (rc == 0) {
		PGresult *res = PQexec(pg, reset_sql);
		rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : -1;
		PQclear(res);
	}
	PQfinish(pg);
	return rc;
}

int pg_reuse_init(const char *run)
{
	ce_db *d = NULL;
	snprintf(store, sizeof store, "t%s_reused", run);
	if (pgtest_schema_uri(reuse_uri, sizeof reuse_uri, uri_prefix, store) != 0 ||
	    ce_db_open(&d, reuse_uri, NULL) != CE_OK) {
		fprintf(stderr, "conformance: no reused store (%s); a new schema per test\n",
		        ce_last_errmsg());
		store[0] = '\0';
		return -1;
	}
	ce_db_close(d);
	PGconn *pg = connect_store();
	char *p = pg ? query_text(pg, fingerprint_sql) : NULL;
	reset_sql = p ? query_text(pg, reset_sql_sql) : NULL;
	PQfinish(pg);
	if (p)
		snprintf(print, sizeof print, "%s", p);
	free(p);
	if (!reset_sql || reset() != 0) {
		fprintf(stderr, "conformance: the store cannot be emptied; a new schema per test\n");
		free(reset_sql);
		reset_sql = NULL;
		store[0] = '\0';
		return -1;
	}
	return 0;
}

const char *pg_reuse_store(void)
{
	if (!store[0])
		return NULL;
	if (reset() == 0)
		return reuse_uri;
	/* changed beyond its rows: dropped so that the next test's open makes
	 * it afresh; this test gets a schema of its own */
	fprintf(stderr, "conformance: the reused store was changed beyond its rows or is locked; "
	                "made afresh\n");
	pgtest_drop_schema(uri_prefix, store);
	ce_db *d = NULL;
	if (ce_db_open(&d, reuse_uri, NULL) == CE_OK)
		ce_db_close(d);
	return NULL;
}

void pg_reuse_end(void)
{
	free(reset_sql);
	reset_sql = NULL;
}
#else
typedef int pg_reuse_unused; /* ISO C: a translation unit declares something */
#endif
