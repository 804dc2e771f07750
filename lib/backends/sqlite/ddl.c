/* The schema in SQLite: DDL generated from the ce_table_defs, the store's
 * identity (application_id 'CEDU', user_version = schema version), and
 * migrations from older schema versions. docs/sqlite-schema.md holds the
 * generated DDL; the unit test keeps it in step with ce__sqlite_schema_sql(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/sql/sql_ddl.h"
#include "sqlite_internal.h"

/* ---- migrations ------------------------------------------------------------ */

/* Steps oldest first, each taking schema `from` to `from + 1` inside the
 * opening transaction, ended by a NULL entry. When a table changes, bump
 * ce_schema.version and add e.g. { 2, "ALTER TABLE student ADD COLUMN
 * email TEXT;" }. A table new in the schema needs no SQL: after the steps,
 * every table the store lacks is created from the schema. */
static const ce_sqlite_migration builtin_steps[] = {
	{ 1, "" }, /* 2 added the audit table */
	{ 2, "ALTER TABLE partner ADD COLUMN credit_code TEXT;\n"
	     "CREATE UNIQUE INDEX partner_credit_code_unique ON partner (credit_code);" },
	{ 3, "ALTER TABLE project ADD COLUMN parent INTEGER REFERENCES project (id);\n"
	     "CREATE INDEX idx_project_parent ON project (parent);" },
	{ 4, "ALTER TABLE supervisor ADD COLUMN entrepreneurship_experience INTEGER NOT NULL "
	     "DEFAULT 0 CHECK (entrepreneurship_experience IN (0, 1));" },
	/* 6: enumeration CHECKs as OR chains, no idx_* that a UNIQUE leads */
	{ 5, CE_SQLITE_REBUILD },
	{ 6, "" }, /* 7 added the risk register: new tables only */
	{ 7, "" }, /* 8 added the surveys: new tables only */
	{ 8, "" }, /* 9 added training courses and enrolments: new tables only */
	{ 9, "" }, /* 10 added platform equipment and funding: new tables only */
	{ 10, "" }, /* 11 added benefit and IP sharing: new tables only */
	/* 12: roles and dates on the links, project_partner.role 'guide',
	 * outcome.background (team_meeting_attendee is a new table) */
	{ 11, CE_SQLITE_REBUILD },
	/* 13 wrote PostgreSQL's enumeration CHECKs as one array constant;
	 * SQLite's DDL is unchanged */
	{ 12, "" },
	{ 0, NULL },
};

static const ce_sqlite_migration *steps = builtin_steps;
static size_t nsteps = sizeof builtin_steps / sizeof builtin_steps[0];

void ce__sqlite_set_migrations(const ce_sqlite_migration *s, size_t n)
{
	steps = s ? s : builtin_steps;
	nsteps = s ? n : sizeof builtin_steps / sizeof builtin_steps[0];
}

static const char *migration_from(unsigned int from)
{
	for (size_t i = 0; i < nsteps && steps[i].sql; i++)
		if (steps[i].from == from)
			return steps[i].sql;
	return NULL;
}

/* ---- DDL ------------------------------------------------------------------ */

static const char *storage_type(ce_column_type type)
{
	switch (type) {
	case CE_TYPE_REAL: return "REAL";
	case CE_TYPE_TEXT:
	case CE_TYPE_DATE:
	case CE_TYPE_ENUM: return "TEXT";
	default: return "INTEGER";
	}
}

/* INT, REAL, BOOL, FLAGS and MONEY are never NULL: the core fills 0. */
static bool numeric(ce_column_type type)
{
	return type == CE_TYPE_INT || type == CE_TYPE_REAL || type == CE_TYPE_BOOL ||
	       type == CE_TYPE_FLAGS || type == CE_TYPE_MONEY;
}

/* Why a schema cannot be turned into DDL; the caller's buffer. */
typedef struct why_buf {
	char *p;
	size_t size;
} why_buf;

static int bad_schema(why_buf why, const char *table, const char *column, const char *what)
{
	if (why.p)
		snprintf(why.p, why.size, "%s%s%s: %s", table ? table : "schema", column ? "." : "",
		         column ? column : "", what);
	return CE_EINVALID;
}

static void check_open(ce_sqlbuf *b, const ce_column_def *col)
{
	ce__sqlbuf_add(b, " CHECK (");
	ce__sqlbuf_ident(b, col->name);
}

static int column_ddl(ce_sqlbuf *b, why_buf why, const ce_schema *s, const ce_table_def *t,
                      const ce_column_def *col)
{
	ce__sqlbuf_add(b, "\t");
	ce__sqlbuf_ident(b, col->name);
	ce__sqlbuf_add(b, " ");
	ce__sqlbuf_add(b, storage_type(col->type));
	if ((col->flags & CE_COL_REQUIRED) || numeric(col->type))
		ce__sqlbuf_add(b, " NOT NULL");
	if (numeric(col->type))
		ce__sqlbuf_add(b, " DEFAULT 0");
	if (col->flags & CE_COL_UNIQUE)
		ce__sqlbuf_add(b, " UNIQUE");
	if (col->flags & CE_COL_NONNEG) {
		check_open(b, col);
		ce__sqlbuf_add(b, " >= 0)");
	}
	switch (col->type) {
	case CE_TYPE_BOOL:
		check_open(b, col);
		ce__sqlbuf_add(b, " IN (0, 1))");
		break;
	case CE_TYPE_DATE:
		check_open(b, col);
		ce__sqlbuf_add(b, " GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')");
		break;
	case CE_TYPE_ENUM:
		if (ce__sql_enum_check(b, ce__sqlbuf_ident, col) != CE_OK)
			return bad_schema(why, t->name, col->name, "ENUM without tokens");
		break;
	case CE_TYPE_REF:
		if (col->ref <= 0 || col->ref >= s->ntables || !s->tables[col->ref])
			return bad_schema(why, t->name, col->name, "REF to no table");
		ce__sqlbuf_add(b, " REFERENCES ");
		ce__sqlbuf_ident(b, s->tables[col->ref]->name);
		ce__sqlbuf_add(b, " (id)");
		break;
	case CE_TYPE_INT:
	case CE_TYPE_REAL:
	case CE_TYPE_TEXT:
	case CE_TYPE_FLAGS:
	case CE_TYPE_MONEY:
		break;
	default:
		return bad_schema(why, t->name, col->name, "unknown column type");
	}
	return CE_OK;
}

static void doc_comment(ce_sqlbuf *b, const char *doc)
{
	if (!doc || !*doc)
		return;
	ce__sqlbuf_add(b, " -- ");
	for (const char *p = doc; *p; p++) {
		char c[2] = { *p == '\n' || *p == '\r' ? ' ' : *p, '\0' };
		ce__sqlbuf_add(b, c);
	}
}

/* The CREATE TABLE statement alone, without its ";" (as sqlite_master
 * keeps it). */
static int create_table_sql(ce_sqlbuf *b, why_buf why, const ce_schema *s, const ce_table_def *t)
{
	/* The doc sits inside the statement so that sqlite_master keeps it. */
	ce__sqlbuf_add(b, "CREATE TABLE ");
	ce__sqlbuf_ident(b, t->name);
	ce__sqlbuf_add(b, " (");
	doc_comment(b, t->doc);
	ce__sqlbuf_add(b, "\n\tid INTEGER PRIMARY KEY AUTOINCREMENT");
	for (int c = 0; c < t->ncolumns; c++) {
		ce__sqlbuf_add(b, ",\n");
		int rc = column_ddl(b, why, s, t, &t->columns[c]);
		if (rc != CE_OK)
			return rc;
	}
	if (ce__sql_unique_groups(b, ce__sqlbuf_ident, t) != CE_OK)
		return bad_schema(why, t->name, NULL, "UNIQUE group names no column");
	ce__sqlbuf_add(b, "\n)");
	return CE_OK;
}

static int table_ddl(ce_sqlbuf *b, why_buf why, const ce_schema *s, const ce_table_def *t)
{
	int rc = create_table_sql(b, why, s, t);
	if (rc != CE_OK)
		return rc;
	ce__sqlbuf_add(b, ";\n");
	ce__sql_indexes(b, ce__sqlbuf_ident, t); /* a UNIQUE column is indexed already */
	return CE_OK;
}

static int schema_sql(char **out, const ce_schema *schema, why_buf why)
{
	ce_sqlbuf b = { 0 };
	int rc = CE_OK;
	*out = NULL;
	if (!schema || schema->ntables < 1 || !schema->tables)
		return bad_schema(why, NULL, NULL, "no tables");
	ce__sqlbuf_addf(&b, "-- libcoopedu store, schema version %u\n", schema->version);
	for (int i = 1; i < schema->ntables && rc == CE_OK; i++) {
		const ce_table_def *t = schema->tables[i];
		if (!t || !t->name || (t->ncolumns > 0 && !t->columns))
			rc = bad_schema(why, t ? t->name : NULL, NULL, "missing or malformed table");
		else
			rc = table_ddl(&b, why, schema, t);
		ce__sqlbuf_add(&b, "\n");
	}
	ce__sqlbuf_addf(&b, "PRAGMA application_id = %d; -- 'CEDU'\n", CE_SQLITE_APPLICATION_ID);
	ce__sqlbuf_addf(&b, "PRAGMA user_version = %u;\n", schema->version);
	if (rc == CE_OK && b.failed)
		rc = CE_ENOMEM;
	if (rc != CE_OK) {
		ce__sqlbuf_free(&b);
		return rc;
	}
	*out = b.p;
	return CE_OK;
}

int ce__sqlite_schema_sql(char **out, const ce_schema *schema)
{
	why_buf none = { NULL, 0 };
	return schema_sql(out, schema, none);
}

/* ---- the store's identity -------------------------------------------------- */

typedef struct store_state {
	int64_t application_id, version, nobjects;
} store_state;

static int query_int(ce_backend_conn *conn, const char *sql, int64_t *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(conn->db, sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(stmt, 0);
			rc = SQLITE_OK;
		}
	}
	int code = CE_OK;
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_NOTADB)
			code = ce__sqlite_error(conn, CE_ESCHEMA, "not a coopedu store: %s",
			                        sqlite3_errmsg(conn->db));
		else
			code = ce__sqlite_fail(conn, rc, "read '%s'", sql);
	}
	sqlite3_finalize(stmt);
	return code;
}

static int read_state(ce_backend_conn *conn, store_state *st)
{
	int rc = query_int(conn, "PRAGMA application_id", &st->application_id);
	if (rc == CE_OK)
		rc = query_int(conn, "PRAGMA user_version", &st->version);
	if (rc == CE_OK)
		rc = query_int(conn,
		               "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
		               &st->nobjects);
	return rc;
}

static int create_schema(ce_backend_conn *conn)
{
	char *sql, why[160] = "out of memory";
	why_buf w = { why, sizeof why };
	int rc = schema_sql(&sql, conn->schema, w);
	if (rc != CE_OK)
		return ce__sqlite_error(conn, rc, "cannot build the schema: %s", why);
	rc = ce__sqlite_exec(conn, sql, "create schema");
	free(sql);
	return rc;
}

/* Creates, from the schema, every table the store does not have yet. */
static int create_missing(ce_backend_conn *conn)
{
	int rc = CE_OK;
	for (int i = 1; i < conn->schema->ntables && rc == CE_OK; i++) {
		const ce_table_def *t = conn->schema->tables[i];
		sqlite3_stmt *stmt = NULL;
		int found = 0;
		int prc = sqlite3_prepare_v2(conn->db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
		                             -1, &stmt, NULL);
		if (prc == SQLITE_OK && (prc = sqlite3_bind_text(stmt, 1, t->name, -1, SQLITE_STATIC)) == SQLITE_OK) {
			prc = sqlite3_step(stmt);
			found = prc == SQLITE_ROW;
			if (prc == SQLITE_ROW || prc == SQLITE_DONE)
				prc = SQLITE_OK;
		}
		sqlite3_finalize(stmt);
		if (prc != SQLITE_OK)
			return ce__sqlite_fail(conn, prc, "migrate: look for table %s", t->name);
		if (found)
			continue;
		char why[160] = "out of memory";
		ce_sqlbuf b = { 0 };
		why_buf w = { why, sizeof why };
		rc = table_ddl(&b, w, conn->schema, t);
		if (rc == CE_OK && b.failed)
			rc = CE_ENOMEM;
		rc = rc == CE_OK ? ce__sqlite_exec(conn, b.p, "migrate: create a new table")
		                 : ce__sqlite_error(conn, rc, "migrate: %s", why);
		ce__sqlbuf_free(&b);
	}
	return rc;
}

/* ---- rebuilding tables ----------------------------------------------------- */

/* The first column of the first row of sql (? bound to text a, then b),
 * copied into *out (NULL when there is no row or it is NULL). */
static int query_text(ce_backend_conn *conn, char **out, const char *sql, const char *a,
                      const char *b)
{
	sqlite3_stmt *stmt = NULL;
	*out = NULL;
	int rc = sqlite3_prepare_v2(conn->db, sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK && a)
		rc = sqlite3_bind_text(stmt, 1, a, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && b)
		rc = sqlite3_bind_text(stmt, 2, b, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(stmt, 0);
		rc = v && !(*out = strdup(v)) ? SQLITE_NOMEM : SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_OK ? CE_OK : ce__sqlite_fail(conn, rc, "migrate: read '%s'", sql);
}

/* The columns of t the stored table has too, as "id, a, b". */
static int shared_columns(ce_backend_conn *conn, ce_sqlbuf *cols, const ce_table_def *t,
                          const char *stored)
{
	ce__sqlbuf_add(cols, "id");
	for (int c = 0; c < t->ncolumns; c++) {
		char *found;
		int rc = query_text(conn, &found, "SELECT name FROM pragma_table_info(?1) WHERE name = ?2",
		                    stored, t->columns[c].name);
		if (rc != CE_OK)
			return rc;
		if (found) {
			ce__sqlbuf_add(cols, ", ");
			ce__sqlbuf_ident(cols, t->columns[c].name);
		}
		free(found);
	}
	return cols->failed ? ce__sqlite_error(conn, CE_ENOMEM, "migrate: out of memory") : CE_OK;
}

/* SQLite's 12 steps for one table, foreign keys being off: the old table
 * renamed aside (legacy_alter_table keeps the other tables' REFERENCES
 * naming the table, not the old copy), the table created from the schema
 * with exactly a fresh store's DDL, the rows copied with their ids, the
 * old table dropped with its indexes, and the AUTOINCREMENT counter put
 * back (a deleted record's id stays unused). The caller recreates the
 * indexes and checks the foreign keys once at the end. */
static int rebuild_table(ce_backend_conn *conn, const ce_table_def *t, const char *create)
{
	ce_sqlbuf sql = { 0 }, cols = { 0 }, old = { 0 };
	char *seq = NULL;
	ce__sqlbuf_addf(&old, "ce_old_%s", t->name);
	int rc = old.failed ? ce__sqlite_error(conn, CE_ENOMEM, "migrate: out of memory") : CE_OK;
	if (rc == CE_OK)
		rc = query_text(conn, &seq, "SELECT seq FROM sqlite_sequence WHERE name = ?1", t->name, NULL);
	if (rc == CE_OK)
		rc = shared_columns(conn, &cols, t, t->name);
	if (rc == CE_OK) {
		ce__sqlbuf_add(&sql, "ALTER TABLE ");
		ce__sqlbuf_ident(&sql, t->name);
		ce__sqlbuf_add(&sql, " RENAME TO ");
		ce__sqlbuf_ident(&sql, old.p);
		ce__sqlbuf_addf(&sql, ";\n%s;\nINSERT INTO ", create);
		ce__sqlbuf_ident(&sql, t->name);
		ce__sqlbuf_addf(&sql, " (%s) SELECT %s FROM ", cols.p, cols.p);
		ce__sqlbuf_ident(&sql, old.p);
		ce__sqlbuf_add(&sql, ";\nDROP TABLE ");
		ce__sqlbuf_ident(&sql, old.p);
		ce__sqlbuf_add(&sql, ";\n");
		if (seq) {
			/* the copy set it to the highest id left; deleted ones count too */
			ce__sqlbuf_add(&sql, "DELETE FROM sqlite_sequence WHERE name = ");
			ce__sqlbuf_literal(&sql, t->name);
			ce__sqlbuf_addf(&sql, ";\nINSERT INTO sqlite_sequence (name, seq) VALUES (");
			ce__sqlbuf_literal(&sql, t->name);
			ce__sqlbuf_addf(&sql, ", max(%lld, (SELECT coalesce(max(id), 0) FROM ",
			                strtoll(seq, NULL, 10));
			ce__sqlbuf_ident(&sql, t->name);
			ce__sqlbuf_add(&sql, ")));\n");
		}
		rc = sql.failed ? ce__sqlite_error(conn, CE_ENOMEM, "migrate: out of memory")
		                : ce__sqlite_exec(conn, sql.p, "migrate: rebuild a table");
	}
	free(seq);
	ce__sqlbuf_free(&sql);
	ce__sqlbuf_free(&cols);
	ce__sqlbuf_free(&old);
	return rc;
}

/* Whether the statement `stmt` (";\n"-terminated, in b) is in script. */
static bool in_script(const char *script, const char *stmt, size_t len)
{
	for (const char *p = script; p && (p = strstr(p, stmt)); p++)
		if ((p == script || p[-1] == '\n') && p[len] == ';')
			return true;
	return false;
}

/* The idx_* indexes of the schema's tables as the schema wants them: the
 * others dropped, the missing ones created. */
static int sync_indexes(ce_backend_conn *conn)
{
	ce_sqlbuf want = { 0 };
	for (int i = 1; i < conn->schema->ntables; i++) {
		/* a table newer than this step is created later, with its indexes */
		char *have = NULL;
		int qrc = query_text(conn, &have, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
		                     conn->schema->tables[i]->name, NULL);
		if (qrc != CE_OK) {
			ce__sqlbuf_free(&want);
			return qrc;
		}
		if (have)
			ce__sql_indexes(&want, ce__sqlbuf_ident, conn->schema->tables[i]);
		free(have);
	}
	if (want.failed)
		return ce__sqlite_error(conn, CE_ENOMEM, "migrate: out of memory");
	sqlite3_stmt *stmt = NULL;
	ce_sqlbuf drop = { 0 };
	int rc = sqlite3_prepare_v2(conn->db,
	                            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
	                            "AND name LIKE 'idx\\_%' ESCAPE '\\' AND sql IS NOT NULL",
	                            -1, &stmt, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		const char *sql = (const char *)sqlite3_column_text(stmt, 1);
		rc = SQLITE_OK;
		if (!name || !sql)
			continue;
		if (want.p && in_script(want.p, sql, strlen(sql)))
			continue;
		ce__sqlbuf_add(&drop, "DROP INDEX ");
		ce__sqlbuf_ident(&drop, name);
		ce__sqlbuf_add(&drop, ";\n");
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(stmt);
	int code = rc == SQLITE_OK ? CE_OK : ce__sqlite_fail(conn, rc, "migrate: list the indexes");
	if (code == CE_OK && drop.failed)
		code = ce__sqlite_error(conn, CE_ENOMEM, "migrate: out of memory");
	if (code == CE_OK && drop.p)
		code = ce__sqlite_exec(conn, drop.p, "migrate: drop an index");
	ce__sqlbuf_free(&drop);
	/* then each wanted one that is missing */
	for (char *p = want.p; code == CE_OK && p && *p;) {
		char *end = strchr(p, ';');
		if (!end)
			break;
		*end = '\0';
		char *have = NULL;
		code = query_text(conn, &have, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND sql = ?1",
		                  p, NULL);
		if (code == CE_OK && !have)
			code = ce__sqlite_exec(conn, p, "migrate: create an index");
		free(have);
		p = end + 1;
		while (*p == '\n')
			p++;
	}
	ce__sqlbuf_free(&want);
	return code;
}

static int rebuild_changed(ce_backend_conn *conn)
{
	int rc = ce__sqlite_exec(conn, "PRAGMA legacy_alter_table = ON", "migrate");
	for (int i = 1; rc == CE_OK && i < conn->schema->ntables; i++) {
		const ce_table_def *t = conn->schema->tables[i];
		char why[160] = "out of memory", *stored = NULL;
		why_buf w = { why, sizeof why };
		ce_sqlbuf create = { 0 };
		rc = create_table_sql(&create, w, conn->schema, t);
		if (rc == CE_OK && create.failed)
			rc = CE_ENOMEM;
		if (rc != CE_OK)
			rc = ce__sqlite_error(conn, rc, "migrate: %s", why);
		if (rc == CE_OK)
			rc = query_text(conn, &stored,
			                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
			                t->name, NULL);
		/* a table the store lacks is created afterwards (create_missing()) */
		if (rc == CE_OK && stored && strcmp(stored, create.p) != 0)
			rc = rebuild_table(conn, t, create.p);
		free(stored);
		ce__sqlbuf_free(&create);
	}
	if (rc == CE_OK)
		rc = sync_indexes(conn);
	int off = ce__sqlite_exec(conn, "PRAGMA legacy_alter_table = OFF", "migrate");
	return rc == CE_OK ? off : rc;
}

static int migrate(ce_backend_conn *conn, unsigned int from)
{
	char sql[64];
	for (unsigned int v = from; v < conn->schema->version; v++) {
		const char *step = migration_from(v);
		if (!step)
			return ce__sqlite_error(conn, CE_ESCHEMA,
			                        "store has schema %u, and no migration leads from %u to %u",
			                        from, v, v + 1);
		char what[64];
		snprintf(what, sizeof what, "migrate schema %u to %u", v, v + 1);
		int rc = strcmp(step, CE_SQLITE_REBUILD) == 0 ? rebuild_changed(conn)
		                                              : ce__sqlite_exec(conn, step, what);
		if (rc != CE_OK)
			return rc;
	}
	int rc = create_missing(conn);
	if (rc != CE_OK)
		return rc;
	/* Foreign keys are off while migrating: check them once at the end. */
	int64_t dangling = 0;
	rc = query_int(conn, "SELECT count(*) FROM pragma_foreign_key_check", &dangling);
	if (rc == CE_OK && dangling)
		rc = ce__sqlite_error(conn, CE_ESCHEMA,
		                      "migrating schema %u to %u left %lld dangling references", from,
		                      conn->schema->version, (long long)dangling);
	if (rc != CE_OK)
		return rc;
	snprintf(sql, sizeof sql, "PRAGMA user_version = %u", conn->schema->version);
	return ce__sqlite_exec(conn, sql, "migrate");
}

static int set_wal(ce_backend_conn *conn)
{
	/* Returns the mode in effect; a file system without WAL support
	 * keeps the rollback journal, which is fine. */
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(conn->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = SQLITE_OK;
	int code = rc == SQLITE_OK ? CE_OK : ce__sqlite_fail(conn, rc, "set WAL journal mode");
	sqlite3_finalize(stmt);
	return code;
}

int ce__sqlite_prepare_store(ce_backend_conn *conn)
{
	const unsigned int want = conn->schema->version;
	bool in_txn = false, wal = false;
	store_state st;
	int rc;

	/* Look first without a lock; if something must be written, take the
	 * write lock and look again (another process may have done it). */
	for (;;) {
		if ((rc = read_state(conn, &st)) != CE_OK)
			break;
		bool fresh = st.application_id == 0 && st.version == 0 && st.nobjects == 0;
		if (!fresh && st.application_id != CE_SQLITE_APPLICATION_ID) {
			rc = ce__sqlite_error(conn, CE_ESCHEMA,
			                      "not a coopedu store (application_id %#llx, %lld schema objects)",
			                      (unsigned long long)st.application_id, (long long)st.nobjects);
			break;
		}
		if (!fresh && st.version > (int64_t)want) {
			rc = ce__sqlite_error(conn, CE_ESCHEMA,
			                      "store has schema %lld, this library knows up to %u; upgrade libcoopedu",
			                      (long long)st.version, want);
			break;
		}
		if (!conn->readonly && !conn->memory && !wal) {
			if ((rc = set_wal(conn)) != CE_OK)
				break;
			wal = true;
		}
		if (!fresh && st.version == (int64_t)want)
			break;
		if (conn->readonly) {
			rc = fresh ? ce__sqlite_error(conn, CE_ENOTFOUND,
			                              "no coopedu store here (empty database), and read-only")
			           : ce__sqlite_error(conn, CE_ESCHEMA,
			                              "store has schema %lld, this library needs %u; "
			                              "open it read-write once to migrate it",
			                              (long long)st.version, want);
			break;
		}
		if (!in_txn) {
			if ((rc = ce__sqlite_exec(conn, "BEGIN IMMEDIATE", "lock the store to set it up")) != CE_OK)
				break;
			in_txn = true;
			continue;
		}
		rc = fresh ? create_schema(conn) : migrate(conn, (unsigned int)st.version);
		break;
	}
	if (in_txn) {
		if (rc == CE_OK)
			rc = ce__sqlite_exec(conn, "COMMIT", "commit the schema");
		if (rc != CE_OK && !sqlite3_get_autocommit(conn->db))
			sqlite3_exec(conn->db, "ROLLBACK", NULL, NULL, NULL);
	}
	return rc;
}
