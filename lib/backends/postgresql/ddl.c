/* The schema in PostgreSQL: DDL generated from the ce_table_defs with real
 * types and constraints, the store's identity (a table coopedu_store with
 * the format name and the schema version), and migrations from older
 * schema versions. Setting a store up takes a transaction-level advisory
 * lock on its name first, so that two clients opening a new store at once
 * create it once. docs/postgresql-schema.md describes the result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/sql/sql_ddl.h"
#include "pg_internal.h"

/* Steps oldest first, each taking schema `from` to `from + 1`, ended by a
 * NULL entry. A table new in the schema needs no SQL: after the steps,
 * every table the store lacks is created from the schema. */
static const struct {
	unsigned int from;
	const char *sql;
} steps[] = {
	{ 1, "" }, /* 2 added the audit table */
	/* 3; and 0.2.0's indexes on audit.at and audit.actor, dropped from
	 * schema 2 after its release (SQLite's rebuild of the table drops them) */
	{ 2, "ALTER TABLE partner ADD COLUMN IF NOT EXISTS \"credit_code\" text UNIQUE;\n"
	     "DROP INDEX IF EXISTS \"idx_audit_at\";\nDROP INDEX IF EXISTS \"idx_audit_actor\";" },
	{ 3, "ALTER TABLE \"project\" ADD COLUMN IF NOT EXISTS \"parent\" bigint;\n"
	     "ALTER TABLE \"project\" ADD FOREIGN KEY (\"parent\") REFERENCES \"project\" (id);\n"
	     "CREATE INDEX \"idx_project_parent\" ON \"project\" (\"parent\");" },
	{ 4, "ALTER TABLE \"supervisor\" ADD COLUMN \"entrepreneurship_experience\" boolean NOT NULL "
	     "DEFAULT false;" },
	{ 5, "" }, /* 6: see restate_constraints() */
	{ 6, "" }, /* 7 added the risk register: new tables only */
	{ 7, "" }, /* 8 added the surveys: new tables only */
	{ 8, "" }, /* 9 added training courses and enrolments: new tables only */
	{ 9, "" }, /* 10 added platform equipment and funding: new tables only */
	{ 10, "" }, /* 11 added benefit and IP sharing: new tables only */
	/* 12: roles and dates on the links, outcome.background; the CHECKs of
	 * the new and extended enumerations by restate_constraints(). IF NOT
	 * EXISTS: a store that has them already (made by this library, then
	 * marked older, as a test does) passes. */
	{ 11, "ALTER TABLE \"agreement_party\" ADD COLUMN IF NOT EXISTS \"role\" text,\n"
	     "  ADD COLUMN IF NOT EXISTS \"start_date\" date, ADD COLUMN IF NOT EXISTS \"end_date\" date;\n"
	     "ALTER TABLE \"platform_host\" ADD COLUMN IF NOT EXISTS \"role\" text,\n"
	     "  ADD COLUMN IF NOT EXISTS \"start_date\" date, ADD COLUMN IF NOT EXISTS \"end_date\" date;\n"
	     "ALTER TABLE \"project_partner\" ADD COLUMN IF NOT EXISTS \"start_date\" date,\n"
	     "  ADD COLUMN IF NOT EXISTS \"end_date\" date;\n"
	     "ALTER TABLE \"team_member\" ADD COLUMN IF NOT EXISTS \"start_date\" date,\n"
	     "  ADD COLUMN IF NOT EXISTS \"end_date\" date;\n"
	     "ALTER TABLE \"outcome\" ADD COLUMN IF NOT EXISTS \"background\" boolean NOT NULL "
	     "DEFAULT false;" },
	{ 12, "" }, /* 13: see restate_constraints() */
	{ 0, NULL },
};

/* The last schema that changed how an enumeration's CHECK is written (6:
 * OR chains, 12: new and extended enumerations, 13: one array constant):
 * an older store has every one restated, once, after the steps. */
#define ENUM_CHECKS_SINCE 13u

/* Whether the store's table `table` has column `column` (cols: every
 * table_name, column_name of the store's schema). */
static bool stored_column(PGresult *cols, const char *table, const char *column)
{
	for (int r = 0; r < PQntuples(cols); r++)
		if (strcmp(PQgetvalue(cols, r, 0), table) == 0 && strcmp(PQgetvalue(cols, r, 1), column) == 0)
			return true;
	return false;
}

/* " CHECK (c = ANY ('{"a","b"}'::text[]))". PostgreSQL reads each CHECK's
 * stored node tree anew for every INSERT and UPDATE statement; an OR chain
 * stored 3-18 KB of it per table (SQLite's form, ce__sql_enum_check()),
 * one array constant a fraction of that, for the same rule (NULL passes
 * either way). Each element is double-quoted with '"' and '\' escaped, as
 * the array syntax wants, whatever the tokens hold. */
int ce__pg_enum_check(ce_sqlbuf *b, const ce_column_def *col)
{
	ce_sqlbuf array = { 0 };
	int n = 0;
	if (!col->tokens || col->ntokens < 2)
		return CE_EINVALID;
	ce__sqlbuf_add(&array, "{");
	for (int v = 1; v < col->ntokens; v++) {
		if (!col->tokens[v])
			continue;
		ce__sqlbuf_add(&array, n++ ? ",\"" : "\"");
		for (const char *p = col->tokens[v]; *p; p++) {
			if (*p == '"' || *p == '\\')
				ce__sqlbuf_addn(&array, "\\", 1);
			ce__sqlbuf_addn(&array, p, 1);
		}
		ce__sqlbuf_add(&array, "\"");
	}
	ce__sqlbuf_add(&array, "}");
	if (n == 0) {
		ce__sqlbuf_free(&array);
		return CE_EINVALID;
	}
	ce__sqlbuf_add(b, " CHECK (");
	ce__pg_ident(b, col->name);
	ce__sqlbuf_add(b, " = ANY (");
	ce__sqlbuf_literal(b, array.failed ? "" : array.p);
	ce__sqlbuf_add(b, "::text[]))");
	b->failed |= array.failed;
	ce__sqlbuf_free(&array);
	return CE_OK;
}

/* Every enumeration's CHECK restated from the schema, and the indexes a
 * UNIQUE constraint leads dropped: schema 6 wrote the CHECKs as OR chains
 * and dropped those indexes, 12 added and extended enumerations, 13 wrote
 * them as one array constant (ce__pg_enum_check()). An inline column CHECK
 * is named <table>_<column>_check, as a fresh store's are. One ALTER TABLE
 * a table, so that the server checks its rows once for all its CHECKs. */
static int restate_constraints(ce_backend_conn *conn, const char *what)
{
	ce_sqlbuf b = { 0 }, drops = { 0 };
	const ce_schema *s = conn->schema;
	PGresult *cols = PQexec(conn->pg, "SELECT table_name::text, column_name::text FROM "
	                                  "information_schema.columns WHERE table_schema = current_schema()");
	if (!cols || PQresultStatus(cols) != PGRES_TUPLES_OK) {
		int rc = ce__pg_fail(conn, cols, what);
		PQclear(cols);
		return rc;
	}
	for (int i = 1; i < s->ntables; i++) {
		const ce_table_def *t = s->tables[i];
		bool altered = false;
		for (int c = 0; c < t->ncolumns; c++) {
			const ce_column_def *col = &t->columns[c];
			ce_sqlbuf name = { 0 };
			if (col->type == CE_TYPE_ENUM && stored_column(cols, t->name, col->name)) {
				ce__sqlbuf_addf(&name, "%s_%s_check", t->name, col->name);
				if (!altered) {
					/* a table new since the store's schema comes later, as it is */
					ce__sqlbuf_add(&b, "ALTER TABLE IF EXISTS ");
					ce__pg_ident(&b, t->name);
					altered = true;
				} else
					ce__sqlbuf_add(&b, ",");
				ce__sqlbuf_add(&b, "\n  DROP CONSTRAINT IF EXISTS ");
				ce__pg_ident(&b, name.failed ? "" : name.p);
				ce__sqlbuf_add(&b, ", ADD CONSTRAINT ");
				ce__pg_ident(&b, name.failed ? "" : name.p);
				if (ce__pg_enum_check(&b, col) != CE_OK)
					b.failed = true;
			} else if ((col->type == CE_TYPE_REF || (col->flags & CE_COL_INDEXED)) &&
			           !(col->flags & CE_COL_UNIQUE) && ce__sql_indexed_by_unique(t, c)) {
				ce__sqlbuf_addf(&name, "idx_%s_%s", t->name, col->name);
				ce__sqlbuf_add(&drops, "DROP INDEX IF EXISTS ");
				ce__pg_ident(&drops, name.failed ? "" : name.p);
				ce__sqlbuf_add(&drops, ";\n");
			}
			b.failed |= name.failed;
			ce__sqlbuf_free(&name);
		}
		if (altered)
			ce__sqlbuf_add(&b, ";\n");
	}
	PQclear(cols);
	if (drops.p)
		ce__sqlbuf_add(&b, drops.p);
	b.failed |= drops.failed;
	ce__sqlbuf_free(&drops);
	int rc = b.failed ? ce__pg_error(conn, CE_ENOMEM, "migrate: out of memory")
	         : b.p    ? ce__pg_exec(conn, b.p, what)
	                  : CE_OK;
	ce__sqlbuf_free(&b);
	return rc;
}

const char *ce__pg_storage_type(ce_column_type type)
{
	switch (type) {
	case CE_TYPE_REAL: return "double precision";
	case CE_TYPE_TEXT:
	case CE_TYPE_ENUM: return "text";
	case CE_TYPE_DATE: return "date";
	case CE_TYPE_BOOL: return "boolean";
	default: return "bigint";
	}
}

/* INT, REAL, BOOL, FLAGS and MONEY are never NULL: the core fills 0. */
static bool numeric(ce_column_type type)
{
	return type == CE_TYPE_INT || type == CE_TYPE_REAL || type == CE_TYPE_BOOL ||
	       type == CE_TYPE_FLAGS || type == CE_TYPE_MONEY;
}

static int column_ddl(ce_sqlbuf *b, const ce_schema *s, const ce_column_def *col)
{
	ce__sqlbuf_add(b, ",\n\t");
	ce__pg_ident(b, col->name);
	ce__sqlbuf_addf(b, " %s", ce__pg_storage_type(col->type));
	if ((col->flags & CE_COL_REQUIRED) || numeric(col->type))
		ce__sqlbuf_add(b, " NOT NULL");
	if (numeric(col->type))
		ce__sqlbuf_add(b, col->type == CE_TYPE_BOOL ? " DEFAULT false" : " DEFAULT 0");
	if (col->flags & CE_COL_UNIQUE)
		ce__sqlbuf_add(b, " UNIQUE");
	if (col->flags & CE_COL_NONNEG) {
		ce__sqlbuf_add(b, " CHECK (");
		ce__pg_ident(b, col->name);
		ce__sqlbuf_add(b, " >= 0)");
	}
	if (col->type == CE_TYPE_ENUM && ce__pg_enum_check(b, col) != CE_OK)
		return CE_EINVALID;
	/* references are added once every table exists (foreign_keys()) */
	if (col->type == CE_TYPE_REF && (col->ref <= 0 || col->ref >= s->ntables || !s->tables[col->ref]))
		return CE_EINVALID;
	return CE_OK;
}

static void comment(ce_sqlbuf *b, const char *what, const char *name, const char *doc)
{
	if (!doc || !*doc)
		return;
	ce__sqlbuf_addf(b, "COMMENT ON %s ", what);
	ce__pg_ident(b, name);
	ce__sqlbuf_add(b, " IS ");
	ce__sqlbuf_literal(b, doc);
	ce__sqlbuf_add(b, ";\n");
}

static int table_ddl(ce_sqlbuf *b, const ce_schema *s, const ce_table_def *t)
{
	ce__sqlbuf_add(b, "CREATE TABLE ");
	ce__pg_ident(b, t->name);
	ce__sqlbuf_add(b, " (\n\tid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
	for (int c = 0; c < t->ncolumns; c++)
		if (column_ddl(b, s, &t->columns[c]) != CE_OK)
			return CE_EINVALID;
	if (ce__sql_unique_groups(b, ce__pg_ident, t) != CE_OK)
		return CE_EINVALID;
	ce__sqlbuf_add(b, "\n);\n");
	comment(b, "TABLE", t->name, t->doc);
	ce__sql_indexes(b, ce__pg_ident, t);
	return CE_OK;
}

/* Tables may refer to tables defined after them: the references follow. */
static void foreign_keys(ce_sqlbuf *b, const ce_schema *s, const ce_table_def *t)
{
	for (int c = 0; c < t->ncolumns; c++) {
		const ce_column_def *col = &t->columns[c];
		if (col->type != CE_TYPE_REF)
			continue;
		ce__sqlbuf_add(b, "ALTER TABLE ");
		ce__pg_ident(b, t->name);
		ce__sqlbuf_add(b, " ADD FOREIGN KEY (");
		ce__pg_ident(b, col->name);
		ce__sqlbuf_add(b, ") REFERENCES ");
		ce__pg_ident(b, s->tables[col->ref]->name);
		ce__sqlbuf_add(b, " (id);\n");
	}
}

int ce__pg_schema_sql(char **out, const ce_schema *schema)
{
	ce_sqlbuf b = { 0 };
	*out = NULL;
	if (!schema || schema->ntables < 1 || !schema->tables)
		return CE_EINVALID;
	ce__sqlbuf_addf(&b, "-- libcoopedu store, schema version %u\n", schema->version);
	ce__sqlbuf_add(&b, "CREATE TABLE coopedu_store (key text PRIMARY KEY, value text NOT NULL);\n");
	ce__sqlbuf_add(&b, "COMMENT ON TABLE coopedu_store IS 'what this store is: format coopedu, schema_version N';\n");
	ce__sqlbuf_addf(&b, "INSERT INTO coopedu_store VALUES ('format', 'coopedu'), "
	                    "('schema_version', '%u');\n\n", schema->version);
	for (int i = 1; i < schema->ntables; i++) {
		const ce_table_def *t = schema->tables[i];
		if (!t || !t->name || (t->ncolumns > 0 && !t->columns) || table_ddl(&b, schema, t) != CE_OK) {
			ce__sqlbuf_free(&b);
			return CE_EINVALID;
		}
		ce__sqlbuf_add(&b, "\n");
	}
	for (int i = 1; i < schema->ntables; i++)
		foreign_keys(&b, schema, schema->tables[i]);
	if (b.failed) {
		ce__sqlbuf_free(&b);
		return CE_ENOMEM;
	}
	*out = b.p;
	return CE_OK;
}

/* ---- the store's identity ------------------------------------------------------ */

/* One integer from a query; *found false when it returned no row. */
static int query_int(ce_backend_conn *conn, const char *sql, int64_t *out, bool *found)
{
	PGresult *res = PQexec(conn->pg, sql);
	int rc = CE_OK;
	*found = false;
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK)
		rc = ce__pg_fail(conn, res, "read the store's identity");
	else if (PQntuples(res) > 0 && !PQgetisnull(res, 0, 0)) {
		if (!ce__pg_parse_int(PQgetvalue(res, 0, 0), out))
			rc = ce__pg_error(conn, CE_ESCHEMA, "not a coopedu store: bad identity value '%.40s'",
			                  PQgetvalue(res, 0, 0));
		*found = rc == CE_OK;
	}
	PQclear(res);
	return rc;
}

typedef struct store_state {
	bool ours;          /* coopedu_store says format coopedu */
	int64_t version;
	int64_t nobjects;   /* tables, views and sequences in the schema */
} store_state;

static int read_state(ce_backend_conn *conn, store_state *st)
{
	bool found;
	int64_t n = 0;
	memset(st, 0, sizeof *st);
	int rc = query_int(conn,
	                   "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	                   "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
	                   &st->nobjects, &found);
	if (rc != CE_OK || st->nobjects == 0)
		return rc;
	rc = query_int(conn, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	                     "WHERE n.nspname = current_schema() AND c.relname = 'coopedu_store'",
	               &n, &found);
	if (rc != CE_OK || n == 0)
		return rc;
	rc = query_int(conn, "SELECT count(*) FROM coopedu_store WHERE key = 'format' AND value = 'coopedu'",
	               &n, &found);
	st->ours = rc == CE_OK && n == 1;
	if (rc == CE_OK && st->ours)
		rc = query_int(conn, "SELECT value::bigint FROM coopedu_store WHERE key = 'schema_version'",
		               &st->version, &found);
	return rc;
}

static int create(ce_backend_conn *conn)
{
	char *sql;
	int rc = ce__pg_schema_sql(&sql, conn->schema);
	if (rc != CE_OK)
		return ce__pg_error(conn, rc, "cannot build the schema's DDL");
	rc = ce__pg_exec(conn, sql, "create the schema");
	free(sql);
	return rc;
}

static int migrate(ce_backend_conn *conn, unsigned int from)
{
	char sql[96];
	for (unsigned int v = from; v < conn->schema->version; v++) {
		const char *step = NULL;
		for (size_t i = 0; steps[i].sql; i++)
			if (steps[i].from == v)
				step = steps[i].sql;
		if (!step)
			return ce__pg_error(conn, CE_ESCHEMA,
			                    "store has schema %u, and no migration leads from %u to %u", from,
			                    v, v + 1);
		int rc = *step ? ce__pg_exec(conn, step, "migrate the schema") : CE_OK;
		if (rc != CE_OK)
			return rc;
	}
	if (from < ENUM_CHECKS_SINCE) {
		int rc = restate_constraints(conn, "migrate the schema: restate the enumerations' CHECKs");
		if (rc != CE_OK)
			return rc;
	}
	/* tables new in the schema, then their references */
	ce_sqlbuf b = { 0 };
	for (int i = 1; i < conn->schema->ntables; i++) {
		const ce_table_def *t = conn->schema->tables[i];
		int64_t n = 0;
		bool found;
		char q[200];
		snprintf(q, sizeof q, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
		                      "c.relnamespace WHERE n.nspname = current_schema() AND c.relname = '%s'",
		         t->name); /* schema table names are lowercase identifiers */
		int rc = query_int(conn, q, &n, &found);
		if (rc != CE_OK) {
			ce__sqlbuf_free(&b);
			return rc;
		}
		if (n == 0 && (table_ddl(&b, conn->schema, t) != CE_OK ||
		               (foreign_keys(&b, conn->schema, t), false))) {
			ce__sqlbuf_free(&b);
			return ce__pg_error(conn, CE_EINVALID, "migrate: cannot build table %s", t->name);
		}
	}
	if (b.failed) {
		ce__sqlbuf_free(&b);
		return ce__pg_error(conn, CE_ENOMEM, "migrate: out of memory");
	}
	if (b.p) {
		int rc = ce__pg_exec(conn, b.p, "migrate: create the new tables");
		ce__sqlbuf_free(&b);
		if (rc != CE_OK)
			return rc;
	}
	snprintf(sql, sizeof sql, "UPDATE coopedu_store SET value = '%u' WHERE key = 'schema_version'",
	         conn->schema->version);
	return ce__pg_exec(conn, sql, "migrate the schema");
}

/* Takes the transaction-level lock that serialises writers of this store. */
int ce__pg_lock_store(ce_backend_conn *conn)
{
	const char *name = conn->store ? conn->store : "public";
	const char *values[1] = { name };
	PGresult *res;
	int rc = ce__pg_run(&res, conn, "SELECT pg_advisory_xact_lock(1128613973, hashtext($1))", 1,
	                    values, "lock the store");
	PQclear(res);
	return rc;
}

int ce__pg_prepare_store(ce_backend_conn *conn)
{
	const unsigned int want = conn->schema->version;
	bool in_txn = false;
	store_state st;
	int rc;
	/* Look first without a lock; if something must be written, lock the
	 * store and look again (another client may have done it). */
	for (;;) {
		if ((rc = read_state(conn, &st)) != CE_OK)
			break;
		bool fresh = st.nobjects == 0;
		if (!fresh && !st.ours) {
			rc = ce__pg_error(conn, CE_ESCHEMA,
			                  "not a coopedu store: schema %s holds %lld other tables; name an "
			                  "empty one with ?schema=NAME", conn->store ? conn->store : "public",
			                  (long long)st.nobjects);
			break;
		}
		if (!fresh && st.version > (int64_t)want) {
			rc = ce__pg_error(conn, CE_ESCHEMA,
			                  "store has schema %lld, this library knows up to %u; upgrade libcoopedu",
			                  (long long)st.version, want);
			break;
		}
		if (!fresh && st.version == (int64_t)want)
			break;
		if (conn->readonly) {
			rc = fresh ? ce__pg_error(conn, CE_ENOTFOUND, "no coopedu store here, and read-only")
			           : ce__pg_error(conn, CE_ESCHEMA,
			                          "store has schema %lld, this library needs %u; open it "
			                          "read-write once to migrate it", (long long)st.version, want);
			break;
		}
		if (!in_txn) {
			if ((rc = ce__pg_exec(conn, "BEGIN", "set the store up")) != CE_OK)
				break;
			in_txn = true;
			if ((rc = ce__pg_lock_store(conn)) != CE_OK)
				break;
			continue;
		}
		rc = fresh ? create(conn) : migrate(conn, (unsigned int)st.version);
		break;
	}
	if (in_txn) {
		if (rc == CE_OK)
			rc = ce__pg_exec(conn, "COMMIT", "commit the schema");
		else
			PQclear(PQexec(conn->pg, "ROLLBACK"));
	}
	return rc;
}
