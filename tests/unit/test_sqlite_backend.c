/* The SQLite backend through its vtable, on a small hand-made schema with
 * every column type, a REF, a UNIQUE group and a link; plus the real
 * schema's DDL and the DDL block of docs/sqlite-schema.md (found through
 * $COOPEDU_SOURCE_DIR, else the COOPEDU_SOURCE_DIR macro; with
 * COOPEDU_UPDATE_DOCS=1 the test rewrites the block instead).
 *
 * Build by hand without the rest of the library with
 * -DCE_SQLITE_TEST_STANDALONE (skips the real-schema cases). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "doc_block.h"
#include "backends/sqlite/sqlite_internal.h"

extern const ce_backend ce__sqlite_backend;
#define B (&ce__sqlite_backend)

/* ---- the test schema -------------------------------------------------------- */

enum { T_ORG = 1, T_PERSON = 2, T_MEMBERSHIP = 3, T_EXTRA = 4 };
enum { O_NAME, O_KIND, O_FOUNDED, O_STAFF, O_RATING, O_ACTIVE, O_SCOPES, O_BUDGET, O_ORDER,
	   O_NOTE, O_NCOLS };
enum { P_ORG, P_NAME, P_BORN, P_LEVEL, P_MENTOR, P_NCOLS };
enum { M_PERSON, M_ORG, M_ROLE, M_SINCE, M_NCOLS };

static const char *const kind_tokens[] = { NULL, "university", "enterprise", "government" };
static const char *const scope_tokens[] = { "lab", "base", "project" };
static const char *const level_tokens[] = { NULL, "bachelor", "master", "doctor" };
static const char *const role_tokens[] = { NULL, "main", "deputy" };

#define COL(name, type, flags, ref, toks, ntoks) { name, type, flags, ref, toks, ntoks, 0, 0, 0, 1 }

static const ce_column_def org_columns[] = {
	COL("name", CE_TYPE_TEXT, CE_COL_REQUIRED | CE_COL_UNIQUE, 0, NULL, 0),
	COL("kind", CE_TYPE_ENUM, CE_COL_REQUIRED, 0, kind_tokens, 4),
	COL("founded", CE_TYPE_DATE, 0, 0, NULL, 0),
	COL("staff", CE_TYPE_INT, CE_COL_NONNEG, 0, NULL, 0),
	COL("rating", CE_TYPE_REAL, 0, 0, NULL, 0),
	COL("active", CE_TYPE_BOOL, 0, 0, NULL, 0),
	COL("scopes", CE_TYPE_FLAGS, 0, 0, scope_tokens, 3),
	COL("budget", CE_TYPE_MONEY, CE_COL_NONNEG, 0, NULL, 0),
	COL("order", CE_TYPE_INT, 0, 0, NULL, 0), /* an SQL keyword */
	COL("note", CE_TYPE_TEXT, CE_COL_INDEXED, 0, NULL, 0),
};
static const ce_link_def org_links[] = { { "member", T_MEMBERSHIP, M_ORG, M_PERSON } };

static const ce_column_def person_columns[] = {
	COL("org", CE_TYPE_REF, CE_COL_REQUIRED | CE_COL_OWNER | CE_COL_INDEXED, T_ORG, NULL, 0),
	COL("name", CE_TYPE_TEXT, CE_COL_REQUIRED, 0, NULL, 0),
	COL("born", CE_TYPE_DATE, 0, 0, NULL, 0),
	COL("level", CE_TYPE_ENUM, 0, 0, level_tokens, 4),
	COL("mentor", CE_TYPE_REF, 0, T_PERSON, NULL, 0),
};
static const int person_unique_1[] = { P_ORG, P_NAME, -1 };
static const int *const person_unique[] = { person_unique_1, NULL };

static const ce_column_def membership_columns[] = {
	COL("person", CE_TYPE_REF, CE_COL_REQUIRED, T_PERSON, NULL, 0),
	COL("org", CE_TYPE_REF, CE_COL_REQUIRED, T_ORG, NULL, 0),
	COL("role", CE_TYPE_ENUM, CE_COL_REQUIRED, 0, role_tokens, 3),
	COL("since", CE_TYPE_DATE, 0, 0, NULL, 0),
};
static const int membership_unique_1[] = { M_PERSON, M_ORG, -1 };
static const int *const membership_unique[] = { membership_unique_1, NULL };

static const ce_column_def extra_columns[] = {
	COL("label", CE_TYPE_TEXT, 0, 0, NULL, 0),
};

static const ce_table_def org_table = { T_ORG, "org", "an organisation", O_NCOLS, org_columns,
	                                    NULL, 1, org_links, 0, NULL };
static const ce_table_def person_table = { T_PERSON, "person", "a person in an organisation",
	                                       P_NCOLS, person_columns, person_unique, 0, NULL, 0, NULL };
static const ce_table_def membership_table = { T_MEMBERSHIP, "membership", "a person's role in an org",
	                                           M_NCOLS, membership_columns, membership_unique,
	                                           0, NULL, 0, NULL };
static const ce_table_def extra_table = { T_EXTRA, "extra", "added by schema 2", 1, extra_columns,
	                                      NULL, 0, NULL, 0, NULL };

static const ce_table_def *const tables_v1[] = { NULL, &org_table, &person_table, &membership_table };
static const ce_table_def *const tables_v2[] = { NULL, &org_table, &person_table, &membership_table,
	                                             &extra_table };
static const ce_schema schema_v1 = { 1, 4, tables_v1 };
static const ce_schema schema_v2 = { 2, 5, tables_v2 };

/* ---- helpers -------------------------------------------------------------- */

static char dir[256], path[300];
static char errbuf[400];

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/ce_sqlite_XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/store.db", dir);
}

static void teardown(void)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char p[320];
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
		unlink(p);
	}
	rmdir(dir);
}

static int open_store(ce_backend_conn **out, const char *loc, const ce_schema *s, unsigned int flags,
                      int busy)
{
	errbuf[0] = '\0';
	ce_backend_open_options o = { CE_BACKEND_OPEN_OPTIONS_VERSION, loc, s, flags, busy, NULL,
		                          errbuf, sizeof errbuf };
	return B->connect(out, &o);
}

static ce_backend_conn *open_ok(const char *loc, const ce_schema *s, unsigned int flags)
{
	ce_backend_conn *conn = NULL;
	int rc = open_store(&conn, loc, s, flags, 0);
	ck_assert_msg(rc == CE_OK, "open '%s': %d %s", loc, rc, errbuf);
	ck_assert_ptr_nonnull(conn);
	ck_assert_str_eq(B->errmsg(conn), "");
	return conn;
}

static ce_value I(int64_t i) { ce_value v = { i, 0, NULL, 0 }; return v; }
static ce_value R(double r) { ce_value v = { 0, r, NULL, 0 }; return v; }
static ce_value S(const char *s) { ce_value v = { 0, 0, s, 0 }; return v; }
static ce_value N(void) { ce_value v = { 0, 0, NULL, 1 }; return v; }

static void org_row(ce_value *row, const char *name, int kind, int64_t founded, int64_t staff,
                    double rating, const char *note)
{
	row[O_NAME] = S(name);
	row[O_KIND] = I(kind);
	row[O_FOUNDED] = founded ? I(founded) : N();
	row[O_STAFF] = I(staff);
	row[O_RATING] = R(rating);
	row[O_ACTIVE] = I(1);
	row[O_SCOPES] = I(5);
	row[O_BUDGET] = I(1234567);
	row[O_ORDER] = I(3);
	row[O_NOTE] = note ? S(note) : N();
}

static int64_t insert_ok(ce_backend_conn *conn, const ce_table_def *t, const ce_value *row)
{
	int64_t id = 0;
	int rc = B->insert(conn, t, row, &id);
	ck_assert_msg(rc == CE_OK, "insert into %s: %d %s", t->name, rc, B->errmsg(conn));
	ck_assert_int_gt(id, 0);
	return id;
}

static int64_t add_org(ce_backend_conn *conn, const char *name, int kind, int64_t founded,
                       int64_t staff, double rating, const char *note)
{
	ce_value row[O_NCOLS];
	org_row(row, name, kind, founded, staff, rating, note);
	return insert_ok(conn, &org_table, row);
}

static int64_t add_person(ce_backend_conn *conn, int64_t org, const char *name, int level)
{
	ce_value row[P_NCOLS] = { I(org), S(name), N(), level ? I(level) : N(), N() };
	return insert_ok(conn, &person_table, row);
}

static int64_t add_membership(ce_backend_conn *conn, int64_t person, int64_t org, int role)
{
	ce_value row[M_NCOLS] = { I(person), I(org), I(role), I(20200901) };
	return insert_ok(conn, &membership_table, row);
}

/* Runs SQL on the file with a separate raw connection; returns the first
 * column of the first row as text (malloc'd; NULL if none). */
static char *raw(const char *file, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *out = NULL;
	ck_assert_int_eq(sqlite3_open(file, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
	              sqlite3_errmsg(db));
	int rc = sqlite3_step(st);
	ck_assert_msg(rc == SQLITE_ROW || rc == SQLITE_DONE, "%s: %s", sql, sqlite3_errmsg(db));
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

static void raw_eq(const char *file, const char *sql, const char *expected)
{
	char *got = raw(file, sql);
	ck_assert_msg(got && strcmp(got, expected) == 0, "%s: got '%s', expected '%s'", sql,
	              got ? got : "(null)", expected);
	free(got);
}

static void raw_exec(const char *file, const char *sql)
{
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(file, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s: %s", sql,
	              sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* ---- opening, identity, migrations ------------------------------------------- */

START_TEST(test_create_and_reopen)
{
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	int64_t id = add_org(conn, "华南理工大学", 1, 20190315, 10, 1.5, NULL);
	B->close(conn);

	raw_eq(path, "PRAGMA application_id", "1128612949");
	raw_eq(path, "PRAGMA user_version", "1");
	raw_eq(path, "PRAGMA journal_mode", "wal");
	raw_eq(path, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master "
	             "WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name)",
	       "membership,org,person");
	raw_eq(path, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master "
	             "WHERE type = 'index' AND name LIKE 'idx%' ORDER BY name)",
	       "idx_membership_org,idx_org_note,idx_person_mentor");
	/* person (org) and membership (person) lead a UNIQUE: no index of their own */
	raw_eq(path, "SELECT instr(sql, '-- an organisation') > 0 FROM sqlite_master WHERE name = 'org'",
	       "1");

	/* reopening keeps schema and data */
	conn = open_ok(path, &schema_v1, 0);
	ce_value row[O_NCOLS];
	ck_assert_int_eq(B->fetch(conn, &org_table, id, row), CE_OK);
	ck_assert_str_eq(row[O_NAME].s, "华南理工大学");
	B->close(conn);
	conn = open_ok(path, &schema_v1, CE_OPEN_NOCREATE);
	B->close(conn);
}
END_TEST

START_TEST(test_memory)
{
	const char *locations[] = { "", ":memory:", NULL };
	for (int i = 0; i < 3; i++) {
		ce_backend_conn *conn = open_ok(locations[i], &schema_v1, 0);
		int64_t id = add_org(conn, "重庆市科技局", 3, 0, 0, 0, NULL);
		ce_value row[O_NCOLS];
		ck_assert_int_eq(B->fetch(conn, &org_table, id, row), CE_OK);
		ck_assert_int_eq(row[O_KIND].i, 3);
		ck_assert(row[O_FOUNDED].null);
		B->close(conn);
	}
}
END_TEST

START_TEST(test_refuse_newer)
{
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	B->close(conn);
	raw_exec(path, "PRAGMA user_version = 7");
	conn = (ce_backend_conn *)1;
	ck_assert_int_eq(open_store(&conn, path, &schema_v1, 0, 0), CE_ESCHEMA);
	ck_assert_ptr_null(conn);
	ck_assert_msg(strstr(errbuf, "schema 7") && strstr(errbuf, "up to 1") &&
	                  strstr(errbuf, "upgrade libcoopedu"),
	              "%s", errbuf);
	/* the refusal left it alone */
	raw_eq(path, "PRAGMA user_version", "7");
	/* also read-only */
	ck_assert_int_eq(open_store(&conn, path, &schema_v1, CE_OPEN_READONLY, 0), CE_ESCHEMA);
}
END_TEST

START_TEST(test_refuse_foreign)
{
	ce_backend_conn *conn;
	raw_exec(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
	ck_assert_int_eq(open_store(&conn, path, &schema_v1, 0, 0), CE_ESCHEMA);
	ck_assert_msg(strstr(errbuf, "not a coopedu store"), "%s", errbuf);
	/* nothing written: no identity, no WAL, no tables of ours */
	raw_eq(path, "PRAGMA application_id", "0");
	raw_eq(path, "PRAGMA journal_mode", "delete");
	raw_eq(path, "SELECT count(*) FROM sqlite_master", "1");

	/* another application's id, even without tables */
	teardown();
	setup();
	raw_exec(path, "PRAGMA application_id = 42");
	ck_assert_int_eq(open_store(&conn, path, &schema_v1, 0, 0), CE_ESCHEMA);

	/* not an SQLite file at all */
	teardown();
	setup();
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < 64; i++)
		fputs("校企合作 is not a database. ", f);
	fclose(f);
	ck_assert_msg(open_store(&conn, path, &schema_v1, 0, 0) == CE_ESCHEMA, "%s", errbuf);
	ck_assert_msg(strstr(errbuf, "not a coopedu store"), "%s", errbuf);
}
END_TEST

START_TEST(test_open_flags)
{
	ce_backend_conn *conn;
	ck_assert_int_eq(open_store(&conn, path, &schema_v1, CE_OPEN_NOCREATE, 0), CE_ENOTFOUND);
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert_int_eq(open_store(&conn, path, &schema_v1, CE_OPEN_READONLY, 0), CE_ENOTFOUND);
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert_str_ne(errbuf, "");

	/* an empty file is no store to read */
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	ck_assert_int_eq(open_store(&conn, path, &schema_v1, CE_OPEN_READONLY, 0), CE_ENOTFOUND);
	ck_assert_msg(strstr(errbuf, "empty"), "%s", errbuf);
	/* but one to set up when writable */
	conn = open_ok(path, &schema_v1, CE_OPEN_NOCREATE);
	B->close(conn);
	raw_eq(path, "PRAGMA user_version", "1");
}
END_TEST

START_TEST(test_migrate)
{
	static const ce_sqlite_migration steps[] = {
		{ 1, "CREATE TABLE extra ( -- added by schema 2\n"
		     "\tid INTEGER PRIMARY KEY AUTOINCREMENT,\n\tlabel TEXT\n);" },
	};
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	int64_t id = add_org(conn, "东北大学", 1, 0, 0, 0, NULL);
	B->close(conn);

	/* no step from 1 to 2: refused, unchanged */
	static const ce_sqlite_migration none[] = { { 0, NULL } };
	ce__sqlite_set_migrations(none, 0);
	ck_assert_int_eq(open_store(&conn, path, &schema_v2, 0, 0), CE_ESCHEMA);
	ck_assert_msg(strstr(errbuf, "no migration"), "%s", errbuf);
	raw_eq(path, "PRAGMA user_version", "1");

	/* a failing step: rolled back whole */
	static const ce_sqlite_migration bad[] = {
		{ 1, "CREATE TABLE extra (id INTEGER PRIMARY KEY); CREATE TABLE org (x);" },
	};
	ce__sqlite_set_migrations(bad, 1);
	ck_assert_int_eq(open_store(&conn, path, &schema_v2, 0, 0), CE_EBACKEND);
	ck_assert_msg(strstr(errbuf, "migrate schema 1 to 2"), "%s", errbuf);
	raw_eq(path, "PRAGMA user_version", "1");
	raw_eq(path, "SELECT count(*) FROM sqlite_master WHERE name = 'extra'", "0");

	/* a step leaving dangling references (keys are off while migrating) */
	conn = open_ok(path, &schema_v1, 0);
	add_person(conn, id, "王五", 0);
	B->close(conn);
	static const ce_sqlite_migration dangling[] = {
		{ 1, "CREATE TABLE extra (id INTEGER PRIMARY KEY, label TEXT); DELETE FROM org;" },
	};
	ce__sqlite_set_migrations(dangling, 1);
	ck_assert_int_eq(open_store(&conn, path, &schema_v2, 0, 0), CE_ESCHEMA);
	ck_assert_msg(strstr(errbuf, "dangling"), "%s", errbuf);
	raw_eq(path, "SELECT count(*) FROM org", "1");
	raw_eq(path, "PRAGMA user_version", "1");

	/* read-only cannot migrate */
	ce__sqlite_set_migrations(steps, 1);
	ck_assert_int_eq(open_store(&conn, path, &schema_v2, CE_OPEN_READONLY, 0), CE_ESCHEMA);
	ck_assert_msg(strstr(errbuf, "read-write"), "%s", errbuf);

	conn = open_ok(path, &schema_v2, 0);
	ce__sqlite_set_migrations(NULL, 0);
	ce_value label = S("新表");
	insert_ok(conn, &extra_table, &label);
	ce_value row[O_NCOLS];
	ck_assert_int_eq(B->fetch(conn, &org_table, id, row), CE_OK);
	ck_assert_str_eq(row[O_NAME].s, "东北大学");
	B->close(conn);
	raw_eq(path, "PRAGMA user_version", "2");
	raw_eq(path, "SELECT label FROM extra", "新表");

	/* and the old library now refuses it */
	ck_assert_int_eq(open_store(&conn, path, &schema_v1, 0, 0), CE_ESCHEMA);
	ck_assert_msg(strstr(errbuf, "schema 2, this library knows up to 1"), "%s", errbuf);
}
END_TEST

START_TEST(test_migrate_steps)
{
	static const ce_sqlite_migration steps[] = {
		{ 2, "CREATE INDEX idx_extra_label ON extra (label);" },
		{ 1, "CREATE TABLE extra (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT);" },
	};
	static const ce_schema schema_v3 = { 3, 5, tables_v2 };
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	B->close(conn);
	/* the middle step missing */
	ce__sqlite_set_migrations(steps + 1, 1);
	ck_assert_int_eq(open_store(&conn, path, &schema_v3, 0, 0), CE_ESCHEMA);
	ck_assert_msg(strstr(errbuf, "from 2 to 3"), "%s", errbuf);
	raw_eq(path, "PRAGMA user_version", "1");
	/* both: applied in order, whatever the array order */
	ce__sqlite_set_migrations(steps, 2);
	conn = open_ok(path, &schema_v3, 0);
	B->close(conn);
	raw_eq(path, "PRAGMA user_version", "3");
	raw_eq(path, "SELECT count(*) FROM sqlite_master WHERE name = 'idx_extra_label'", "1");
	/* the built-in list has no step from 98 */
	static const ce_schema schema_v99 = { 99, 5, tables_v2 };
	ce__sqlite_set_migrations(NULL, 0);
	raw_exec(path, "PRAGMA user_version = 98");
	ck_assert_int_eq(open_store(&conn, path, &schema_v99, 0, 0), CE_ESCHEMA);
}
END_TEST

START_TEST(test_migrate_creates_new_tables)
{
	/* a step with no SQL: the table new in schema 2 comes from the schema */
	static const ce_sqlite_migration steps[] = { { 1, "" } };
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	B->close(conn);
	ce__sqlite_set_migrations(steps, 1);
	conn = open_ok(path, &schema_v2, 0);
	ce__sqlite_set_migrations(NULL, 0);
	ce_value label = S("审计");
	insert_ok(conn, &extra_table, &label);
	B->close(conn);
	raw_eq(path, "PRAGMA user_version", "2");
	raw_eq(path, "SELECT label FROM extra", "审计");
}
END_TEST

/* ---- rows ------------------------------------------------------------------- */

START_TEST(test_roundtrip)
{
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	ce_value row[O_NCOLS], got[O_NCOLS];
	org_row(row, "华南理工大学", 2, 20190315, 120, 4.5, "产教融合 基地\n第二行");
	row[O_SCOPES] = I(6);
	int64_t id = insert_ok(conn, &org_table, row);

	ck_assert_int_eq(B->fetch(conn, &org_table, id, got), CE_OK);
	ck_assert_str_eq(got[O_NAME].s, "华南理工大学");
	ck_assert_int_eq(got[O_KIND].i, 2);
	ck_assert_int_eq(got[O_FOUNDED].i, 20190315);
	ck_assert_int_eq(got[O_STAFF].i, 120);
	ck_assert(got[O_RATING].r == 4.5);
	ck_assert_int_eq(got[O_ACTIVE].i, 1);
	ck_assert_int_eq(got[O_SCOPES].i, 6);
	ck_assert_int_eq(got[O_BUDGET].i, 1234567);
	ck_assert_int_eq(got[O_ORDER].i, 3);
	ck_assert_str_eq(got[O_NOTE].s, "产教融合 基地\n第二行");
	for (int c = 0; c < O_NCOLS; c++)
		ck_assert_int_eq(got[c].null, 0);

	/* readable in any SQL tool */
	raw_eq(path, "SELECT founded FROM org", "2019-03-15");
	raw_eq(path, "SELECT kind FROM org", "enterprise");
	raw_eq(path, "SELECT typeof(budget) || typeof(scopes) || typeof(rating) FROM org",
	       "integerintegerreal");

	int64_t pid = add_person(conn, id, "张三", 2);
	ce_value prow[P_NCOLS];
	ck_assert_int_eq(B->fetch(conn, &person_table, pid, prow), CE_OK);
	ck_assert_int_eq(prow[P_ORG].i, id);
	ck_assert_str_eq(prow[P_NAME].s, "张三");
	ck_assert(prow[P_BORN].null);
	ck_assert_int_eq(prow[P_LEVEL].i, 2);
	ck_assert(prow[P_MENTOR].null);
	raw_eq(path, "SELECT level FROM person", "master");

	/* update replaces every column */
	org_row(row, "华南理工大学（广州）", 1, 0, 0, -2.25, NULL);
	ck_assert_int_eq(B->update(conn, &org_table, id, row), CE_OK);
	ck_assert_int_eq(B->fetch(conn, &org_table, id, got), CE_OK);
	ck_assert_str_eq(got[O_NAME].s, "华南理工大学（广州）");
	ck_assert_int_eq(got[O_KIND].i, 1);
	ck_assert(got[O_FOUNDED].null);
	ck_assert(got[O_NOTE].null);
	ck_assert(got[O_RATING].r == -2.25);
	raw_eq(path, "SELECT kind FROM org", "university");

	/* self reference */
	ce_value prow2[P_NCOLS] = { I(id), S("李四"), I(20000229), I(3), I(pid) };
	int64_t pid2 = insert_ok(conn, &person_table, prow2);
	ck_assert_int_eq(B->fetch(conn, &person_table, pid2, prow), CE_OK);
	ck_assert_int_eq(prow[P_MENTOR].i, pid);
	ck_assert_int_eq(prow[P_BORN].i, 20000229);

	/* remove, then nothing is there */
	ck_assert_int_eq(B->remove(conn, &person_table, pid2), CE_OK);
	ck_assert_int_eq(B->remove(conn, &person_table, pid), CE_OK);
	ck_assert_int_eq(B->remove(conn, &org_table, id), CE_OK);
	ck_assert_int_eq(B->fetch(conn, &org_table, id, got), CE_ENOTFOUND);
	ck_assert_msg(strstr(B->errmsg(conn), "no org with id"), "%s", B->errmsg(conn));
	ck_assert_int_eq(B->update(conn, &org_table, id, row), CE_ENOTFOUND);
	ck_assert_int_eq(B->remove(conn, &org_table, id), CE_ENOTFOUND);

	/* ids are not reused */
	int64_t id2 = add_org(conn, "新", 1, 0, 0, 0, NULL);
	ck_assert_int_gt(id2, id);
	B->close(conn);
}
END_TEST

START_TEST(test_values_refused)
{
	ce_backend_conn *conn = open_ok("", &schema_v1, 0);
	ce_value row[O_NCOLS];
	int64_t id;
	org_row(row, "甲", 4, 0, 0, 0, NULL); /* no such kind */
	ck_assert_int_eq(B->insert(conn, &org_table, row, &id), CE_EINVALID);
	ck_assert_msg(strstr(B->errmsg(conn), "org.kind"), "%s", B->errmsg(conn));
	org_row(row, "甲", 1, 20191301, 0, 0, NULL);
	ck_assert_int_eq(B->insert(conn, &org_table, row, &id), CE_EINVALID);
	ck_assert_msg(strstr(B->errmsg(conn), "org.founded"), "%s", B->errmsg(conn));
	org_row(row, "甲", 1, 0, 0, 0, NULL);
	row[O_NOTE].null = 0; /* set, but no text */
	ck_assert_int_eq(B->insert(conn, &org_table, row, &id), CE_EINVALID);
	int64_t n = -1;
	ck_assert_int_eq(B->count(conn, &org_table, NULL, &n), CE_OK);
	ck_assert_int_eq(n, 0);

	/* a table that is not in the schema */
	ck_assert_int_eq(B->insert(conn, &extra_table, row, &id), CE_EINVALID);
	B->close(conn);
}
END_TEST

START_TEST(test_constraints)
{
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	int64_t org = add_org(conn, "甲公司", 2, 0, 0, 0, NULL);
	int64_t id;
	ce_value row[O_NCOLS];

	org_row(row, "甲公司", 2, 0, 0, 0, NULL);
	ck_assert_int_eq(B->insert(conn, &org_table, row, &id), CE_ECONSTRAINT);
	ck_assert_msg(strstr(B->errmsg(conn), "insert into org") && strstr(B->errmsg(conn), "UNIQUE"),
	              "%s", B->errmsg(conn));

	ce_value prow[P_NCOLS] = { I(org + 100), S("张三"), N(), N(), N() };
	ck_assert_int_eq(B->insert(conn, &person_table, prow, &id), CE_ECONSTRAINT);
	ck_assert_msg(strstr(B->errmsg(conn), "FOREIGN KEY"), "%s", B->errmsg(conn));

	add_person(conn, org, "张三", 0);
	prow[P_ORG] = I(org);
	ck_assert_int_eq(B->insert(conn, &person_table, prow, &id), CE_ECONSTRAINT); /* group */

	org_row(row, "乙公司", 2, 0, -1, 0, NULL);
	ck_assert_int_eq(B->insert(conn, &org_table, row, &id), CE_ECONSTRAINT); /* NONNEG */

	ck_assert_int_eq(B->remove(conn, &org_table, org), CE_ECONSTRAINT); /* still referenced */
	ck_assert_int_eq(B->fetch(conn, &org_table, org, row), CE_OK);
	B->close(conn);
}
END_TEST

START_TEST(test_corrupt_values)
{
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	int64_t id = add_org(conn, "甲", 1, 20200101, 0, 0, NULL);
	B->close(conn);
	ce_value row[O_NCOLS];

	raw_exec(path, "PRAGMA ignore_check_constraints = 1; UPDATE org SET kind = 'martian'");
	conn = open_ok(path, &schema_v1, 0);
	ck_assert_int_eq(B->fetch(conn, &org_table, id, row), CE_EBACKEND);
	ck_assert_msg(strstr(B->errmsg(conn), "corrupt value in org.kind") &&
	                  strstr(B->errmsg(conn), "martian"),
	              "%s", B->errmsg(conn));
	B->close(conn);

	raw_exec(path, "PRAGMA ignore_check_constraints = 1; "
	               "UPDATE org SET kind = 'university', founded = '2020/01/01'");
	conn = open_ok(path, &schema_v1, 0);
	ck_assert_int_eq(B->fetch(conn, &org_table, id, row), CE_EBACKEND);
	ck_assert_msg(strstr(B->errmsg(conn), "org.founded"), "%s", B->errmsg(conn));
	ce_backend_cursor *cur;
	int64_t rid;
	ck_assert_int_eq(B->scan_open(&cur, conn, &org_table, NULL), CE_OK);
	ck_assert_int_eq(B->scan_next(cur, &rid, row), CE_EBACKEND);
	B->scan_close(cur);
	B->close(conn);

	raw_exec(path, "UPDATE org SET founded = NULL, staff = 'many'");
	conn = open_ok(path, &schema_v1, 0);
	ck_assert_int_eq(B->fetch(conn, &org_table, id, row), CE_EBACKEND);
	ck_assert_msg(strstr(B->errmsg(conn), "org.staff"), "%s", B->errmsg(conn));
	B->close(conn);
}
END_TEST

/* ---- queries ------------------------------------------------------------------ */

static int64_t org_a, org_b, org_c, org_d, p1, p2, p3;

static ce_backend_conn *query_fixture(void)
{
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	org_a = add_org(conn, "甲大学", 1, 20150601, 10, 3.5, NULL);
	org_b = add_org(conn, "乙公司", 2, 20190315, 200, 4.0, "合作");
	org_c = add_org(conn, "丙局", 3, 0, 50, 2.0, "x");
	org_d = add_org(conn, "丁公司", 2, 20200101, 5, 4.5, "合作伙伴");
	p1 = add_person(conn, org_a, "张三", 1);
	p2 = add_person(conn, org_b, "李四", 0);
	p3 = add_person(conn, org_b, "王五", 2);
	add_membership(conn, p1, org_b, 1);
	add_membership(conn, p2, org_b, 2);
	add_membership(conn, p3, org_d, 1);
	return conn;
}

/* Checks that scan, count and find_first agree on the expected ids. */
static void expect(ce_backend_conn *conn, const ce_table_def *t, const ce_condition *conds,
                   unsigned int n, int nexpected, ...)
{
	ce_query q = { n, conds };
	int64_t want[16], got[16], id, count = -1;
	ce_value row[16];
	ce_backend_cursor *cur;
	va_list ap;
	int ngot = 0, rc;

	va_start(ap, nexpected);
	for (int i = 0; i < nexpected; i++)
		want[i] = va_arg(ap, int64_t);
	va_end(ap);

	rc = B->scan_open(&cur, conn, t, &q);
	ck_assert_msg(rc == CE_OK, "scan_open: %d %s", rc, B->errmsg(conn));
	while ((rc = B->scan_next(cur, &id, row)) == CE_OK && ngot < 16)
		got[ngot++] = id;
	ck_assert_msg(rc == CE_ITEROVER, "scan_next: %d %s", rc, B->errmsg(conn));
	ck_assert_int_eq(B->scan_next(cur, &id, row), CE_ITEROVER); /* stays over */
	B->scan_close(cur);
	ck_assert_int_eq(ngot, nexpected);
	for (int i = 0; i < ngot; i++)
		ck_assert_int_eq(got[i], want[i]);

	ck_assert_int_eq(B->count(conn, t, &q, &count), CE_OK);
	ck_assert_int_eq(count, nexpected);
	rc = B->find_first(conn, t, &q, &id);
	if (nexpected) {
		ck_assert_int_eq(rc, CE_OK);
		ck_assert_int_eq(id, want[0]);
	} else {
		ck_assert_int_eq(rc, CE_ENOTFOUND);
	}
}

static ce_condition eq(int col, ce_value v)
{
	ce_condition c = { CE_COND_EQ, col, NULL, v, N() };
	return c;
}

static ce_condition range(int col, ce_value lo, ce_value hi)
{
	ce_condition c = { CE_COND_RANGE, col, NULL, lo, hi };
	return c;
}

static ce_condition is_null(int col)
{
	ce_condition c = { CE_COND_NULL, col, NULL, N(), N() };
	return c;
}

static ce_condition member_of(int64_t other)
{
	ce_condition c = { CE_COND_LINK, 0, &org_links[0], I(other), N() };
	return c;
}

START_TEST(test_query_eq)
{
	ce_backend_conn *conn = query_fixture();
	ce_condition c[2];
	c[0] = eq(O_KIND, I(2));
	expect(conn, &org_table, c, 1, 2, org_b, org_d);
	c[0] = eq(O_KIND, I(9)); /* no such value: matches nothing */
	expect(conn, &org_table, c, 1, 0);
	c[0] = eq(O_NOTE, S("合作"));
	expect(conn, &org_table, c, 1, 1, org_b);
	c[0] = eq(O_NAME, S("丁公司"));
	expect(conn, &org_table, c, 1, 1, org_d);
	c[0] = eq(O_FOUNDED, I(20190315));
	expect(conn, &org_table, c, 1, 1, org_b);
	c[0] = eq(O_RATING, R(4.0));
	expect(conn, &org_table, c, 1, 1, org_b);
	c[0] = eq(O_STAFF, I(50));
	expect(conn, &org_table, c, 1, 1, org_c);
	c[0] = eq(O_NOTE, N()); /* as in SQL, nothing equals NULL */
	expect(conn, &org_table, c, 1, 0);
	c[0] = eq(O_NOTE, S(NULL)); /* set, but no text */
	ce_query bad = { 1, c };
	int64_t id;
	ck_assert_int_eq(B->find_first(conn, &org_table, &bad, &id), CE_EINVALID);
	c[0] = eq(P_ORG, I(org_b));
	expect(conn, &person_table, c, 1, 2, p2, p3);
	c[0] = eq(P_LEVEL, I(2));
	expect(conn, &person_table, c, 1, 1, p3);
	c[0] = eq(O_KIND, I(2));
	c[1] = eq(O_STAFF, I(5));
	expect(conn, &org_table, c, 2, 1, org_d);
	/* no conditions, or no query */
	expect(conn, &org_table, NULL, 0, 4, org_a, org_b, org_c, org_d);
	int64_t n;
	ck_assert_int_eq(B->count(conn, &org_table, NULL, &n), CE_OK);
	ck_assert_int_eq(n, 4);
	B->close(conn);
}
END_TEST

START_TEST(test_query_range_null)
{
	ce_backend_conn *conn = query_fixture();
	ce_condition c[2];
	c[0] = range(O_FOUNDED, I(20160101), N());
	expect(conn, &org_table, c, 1, 2, org_b, org_d);
	c[0] = range(O_FOUNDED, N(), I(20190315));
	expect(conn, &org_table, c, 1, 2, org_a, org_b);
	c[0] = range(O_FOUNDED, I(20190315), I(20190315));
	expect(conn, &org_table, c, 1, 1, org_b);
	c[0] = range(O_FOUNDED, I(-5), I(999999999)); /* clamped */
	expect(conn, &org_table, c, 1, 3, org_a, org_b, org_d);
	c[0] = range(O_FOUNDED, N(), N());
	expect(conn, &org_table, c, 1, 3, org_a, org_b, org_d);
	c[0] = range(O_STAFF, I(10), I(100));
	expect(conn, &org_table, c, 1, 2, org_a, org_c);
	c[0] = range(O_RATING, R(3.0), R(4.0));
	expect(conn, &org_table, c, 1, 2, org_a, org_b);
	c[0] = range(O_KIND, I(2), I(3)); /* enums by value, not token text */
	expect(conn, &org_table, c, 1, 3, org_b, org_c, org_d);
	c[0] = range(O_KIND, N(), I(1));
	expect(conn, &org_table, c, 1, 1, org_a);
	c[0] = is_null(O_NOTE);
	expect(conn, &org_table, c, 1, 1, org_a);
	c[0] = is_null(O_FOUNDED);
	expect(conn, &org_table, c, 1, 1, org_c);
	c[0] = is_null(P_LEVEL);
	expect(conn, &person_table, c, 1, 1, p2);
	c[0] = eq(O_KIND, I(2));
	c[1] = range(O_STAFF, I(100), I(1000));
	expect(conn, &org_table, c, 2, 1, org_b);
	B->close(conn);
}
END_TEST

START_TEST(test_query_link)
{
	ce_backend_conn *conn = query_fixture();
	ce_condition c[2];
	c[0] = member_of(p1);
	expect(conn, &org_table, c, 1, 1, org_b);
	c[0] = member_of(p3);
	expect(conn, &org_table, c, 1, 1, org_d);
	c[0] = member_of(p3 + 100);
	expect(conn, &org_table, c, 1, 0);
	c[0].low = N();
	expect(conn, &org_table, c, 1, 0);
	c[0] = member_of(p2);
	c[1] = eq(O_KIND, I(2));
	expect(conn, &org_table, c, 2, 1, org_b);
	c[1] = member_of(p3); /* two links: no org has both */
	expect(conn, &org_table, c, 2, 0);
	B->close(conn);
}
END_TEST

START_TEST(test_query_invalid)
{
	ce_backend_conn *conn = query_fixture();
	ce_condition c = eq(O_NCOLS, I(1));
	ce_query q = { 1, &c };
	ce_backend_cursor *cur;
	int64_t id;
	ck_assert_int_eq(B->scan_open(&cur, conn, &org_table, &q), CE_EINVALID);
	ck_assert_int_eq(B->find_first(conn, &org_table, &q, &id), CE_EINVALID);
	ck_assert_int_eq(B->count(conn, &org_table, &q, &id), CE_EINVALID);
	ce_link_def bad = { "bad", 99, 0, 0 };
	c = member_of(1);
	c.link = &bad;
	ck_assert_int_eq(B->count(conn, &org_table, &q, &id), CE_EINVALID);
	c.link = NULL;
	ck_assert_int_eq(B->count(conn, &org_table, &q, &id), CE_EINVALID);
	c.op = (ce_cond_op)42;
	ck_assert_int_eq(B->count(conn, &org_table, &q, &id), CE_EINVALID);
	B->close(conn);
}
END_TEST

/* ---- transactions ---------------------------------------------------------------- */

START_TEST(test_savepoint)
{
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	ce_value row[O_NCOLS];
	ck_assert_int_eq(B->savepoint(conn), CE_EMISUSE);
	ck_assert_int_eq(B->commit(conn), CE_EMISUSE);
	ck_assert_int_eq(B->begin(conn), CE_OK);
	ck_assert_int_eq(B->begin(conn), CE_EMISUSE);
	int64_t a = add_org(conn, "甲", 1, 0, 0, 0, NULL);
	ck_assert_int_eq(B->savepoint(conn), CE_OK);
	int64_t b = add_org(conn, "乙", 1, 0, 0, 0, NULL);
	ck_assert_int_eq(B->rollback_to(conn), CE_OK);
	ck_assert_int_eq(B->release(conn), CE_OK);
	ck_assert_int_eq(B->fetch(conn, &org_table, b, row), CE_ENOTFOUND);
	/* a savepoint released normally keeps its work */
	ck_assert_int_eq(B->savepoint(conn), CE_OK);
	int64_t c = add_org(conn, "丙", 1, 0, 0, 0, NULL);
	ck_assert_int_eq(B->release(conn), CE_OK);
	ck_assert_int_eq(B->commit(conn), CE_OK);
	B->close(conn);

	conn = open_ok(path, &schema_v1, 0);
	ck_assert_int_eq(B->fetch(conn, &org_table, a, row), CE_OK);
	ck_assert_int_eq(B->fetch(conn, &org_table, c, row), CE_OK);
	ck_assert_str_eq(row[O_NAME].s, "丙"); /* c may reuse b's id: SQLite rewinds the sequence */
	int64_t n;
	ck_assert_int_eq(B->count(conn, &org_table, NULL, &n), CE_OK);
	ck_assert_int_eq(n, 2);
	B->close(conn);
}
END_TEST

START_TEST(test_rollback)
{
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	ce_value row[O_NCOLS];
	int64_t keep = add_org(conn, "留", 1, 0, 0, 0, NULL);
	ck_assert_int_eq(B->begin(conn), CE_OK);
	int64_t gone = add_org(conn, "去", 1, 0, 0, 0, NULL);
	org_row(row, "改", 2, 0, 0, 0, NULL);
	ck_assert_int_eq(B->update(conn, &org_table, keep, row), CE_OK);
	ck_assert_int_eq(B->rollback(conn), CE_OK);
	ck_assert_int_eq(B->rollback(conn), CE_OK); /* nothing open: nothing to do */
	ck_assert_int_eq(B->fetch(conn, &org_table, gone, row), CE_ENOTFOUND);
	ck_assert_int_eq(B->fetch(conn, &org_table, keep, row), CE_OK);
	ck_assert_str_eq(row[O_NAME].s, "留");

	/* closing with a transaction open discards it */
	ck_assert_int_eq(B->begin(conn), CE_OK);
	add_org(conn, "未提交", 1, 0, 0, 0, NULL);
	B->close(conn);
	raw_eq(path, "SELECT count(*) FROM org", "1");
}
END_TEST

START_TEST(test_readonly)
{
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	int64_t id = add_org(conn, "只读", 1, 20200101, 0, 0, NULL);
	B->close(conn);

	conn = open_ok(path, &schema_v1, CE_OPEN_READONLY);
	ce_value row[O_NCOLS];
	int64_t n;
	ck_assert_int_eq(B->fetch(conn, &org_table, id, row), CE_OK);
	ck_assert_int_eq(B->count(conn, &org_table, NULL, &n), CE_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(B->insert(conn, &org_table, row, &n), CE_EMISUSE);
	ck_assert_msg(strstr(B->errmsg(conn), "read-only"), "%s", B->errmsg(conn));
	ck_assert_int_eq(B->update(conn, &org_table, id, row), CE_EMISUSE);
	ck_assert_int_eq(B->remove(conn, &org_table, id), CE_EMISUSE);
	ck_assert_int_eq(B->begin(conn), CE_EMISUSE);
	/* and SQLite's own refusal maps the same way */
	ck_assert_int_eq(ce__sqlite_exec(conn, "DELETE FROM org", "raw delete"), CE_EMISUSE);
	B->close(conn);
	raw_eq(path, "SELECT count(*) FROM org", "1");
}
END_TEST

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

START_TEST(test_busy)
{
	ce_backend_conn *c1 = open_ok(path, &schema_v1, 0), *c2;
	int64_t id = add_org(c1, "忙", 1, 0, 0, 0, NULL);
	ck_assert_int_eq(open_store(&c2, path, &schema_v1, 0, 20), CE_OK);
	ck_assert_int_eq(B->begin(c1), CE_OK);
	add_org(c1, "写", 1, 0, 0, 0, NULL);

	double t0 = now();
	ck_assert_int_eq(B->begin(c2), CE_EBUSY);
	ck_assert_msg(now() - t0 < 2.0, "waited %.2f s", now() - t0);
	ck_assert_msg(strstr(B->errmsg(c2), "begin"), "%s", B->errmsg(c2));
	ce_value row[O_NCOLS];
	int64_t other;
	org_row(row, "等", 1, 0, 0, 0, NULL);
	ck_assert_int_eq(B->insert(c2, &org_table, row, &other), CE_EBUSY);
	/* readers are not blocked (WAL), and see only committed rows */
	int64_t n;
	ck_assert_int_eq(B->fetch(c2, &org_table, id, row), CE_OK);
	ck_assert_int_eq(B->count(c2, &org_table, NULL, &n), CE_OK);
	ck_assert_int_eq(n, 1);

	ck_assert_int_eq(B->commit(c1), CE_OK);
	ck_assert_int_eq(B->begin(c2), CE_OK);
	ck_assert_int_eq(B->commit(c2), CE_OK);
	B->close(c1);
	B->close(c2);
}
END_TEST

/* ---- statements and scans ---------------------------------------------------------- */

static int nstatements(ce_backend_conn *conn)
{
	int n = 0;
	for (sqlite3_stmt *s = sqlite3_next_stmt(conn->db, NULL); s; s = sqlite3_next_stmt(conn->db, s))
		n++;
	return n;
}

START_TEST(test_statement_reuse)
{
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	char name[32];
	ck_assert_int_eq(B->begin(conn), CE_OK);
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "单位%d", i);
		int64_t id = add_org(conn, name, 1 + i % 3, 20000101 + i % 28, i, i / 10.0, NULL);
		ce_value row[O_NCOLS];
		ck_assert_int_eq(B->fetch(conn, &org_table, id, row), CE_OK);
		ck_assert_str_eq(row[O_NAME].s, name);
		ce_condition c = eq(O_STAFF, I(i));
		ce_query q = { 1, &c };
		int64_t found;
		ck_assert_int_eq(B->find_first(conn, &org_table, &q, &found), CE_OK);
		ck_assert_int_eq(found, id);
	}
	ck_assert_int_eq(B->commit(conn), CE_OK);
	/* insert, fetch, find_first, begin, commit */
	ck_assert_int_le(nstatements(conn), 5);

	/* many query shapes: the cache stays bounded */
	ce_condition c[300];
	for (unsigned int n = 1; n <= 300; n++) {
		c[n - 1] = is_null(P_BORN);
		ce_query q = { n, c };
		int64_t count;
		ck_assert_int_eq(B->count(conn, &person_table, &q, &count), CE_OK);
		ck_assert_int_eq(count, 0);
	}
	ck_assert_uint_le(conn->nshapes, CE_SQLITE_SHAPE_MAX);
	ck_assert_int_le(nstatements(conn), CE_SQLITE_SHAPE_MAX + 5);
	B->close(conn);
}
END_TEST

START_TEST(test_scan_while_writing)
{
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	char name[32];
	int64_t ids[10], id, prev = 0;
	ce_value row[O_NCOLS], other[O_NCOLS];
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof name, "单位%d", i);
		ids[i] = add_org(conn, name, 2, 0, i, 0, NULL);
	}
	ce_condition c = eq(O_KIND, I(2));
	ce_query q = { 1, &c };
	ce_backend_cursor *cur, *cur2;
	ck_assert_int_eq(B->scan_open(&cur, conn, &org_table, &q), CE_OK);
	ck_assert_ptr_nonnull(cur->lease.entry); /* the cached statement */
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(B->scan_next(cur, &id, row), CE_OK);
		ck_assert_int_eq(id, ids[i]);
	}
	/* the row's strings survive other calls on the connection */
	ck_assert_int_eq(B->fetch(conn, &org_table, ids[9], other), CE_OK);
	ck_assert_str_eq(row[O_NAME].s, "单位2");

	/* a second scan of the same shape gets its own statement */
	ck_assert_int_eq(B->scan_open(&cur2, conn, &org_table, &q), CE_OK);
	ck_assert_ptr_null(cur2->lease.entry);
	ck_assert_int_eq(B->scan_next(cur2, &id, row), CE_OK);
	ck_assert_int_eq(id, ids[0]);

	/* writes while both scans are open */
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "新%d", i);
		add_org(conn, name, 2, 0, 0, 0, NULL);
	}
	org_row(row, "改名", 2, 0, 0, 0, NULL);
	ck_assert_int_eq(B->update(conn, &org_table, ids[5], row), CE_OK);
	ck_assert_int_eq(B->begin(conn), CE_OK);
	ck_assert_int_eq(B->remove(conn, &org_table, ids[8]), CE_OK);
	ck_assert_int_eq(B->commit(conn), CE_OK); /* commit with scans open */

	int n = 3, rc;
	prev = ids[2];
	while ((rc = B->scan_next(cur, &id, row)) == CE_OK) {
		ck_assert_int_gt(id, prev);
		ck_assert_int_ne(id, ids[8]);
		prev = id;
		n++;
	}
	ck_assert_int_eq(rc, CE_ITEROVER);
	ck_assert_int_ge(n, 9);
	B->scan_close(cur);
	B->scan_close(cur2);

	/* the cached statement is free again */
	ck_assert_int_eq(B->scan_open(&cur, conn, &org_table, &q), CE_OK);
	ck_assert_ptr_nonnull(cur->lease.entry);
	B->scan_close(cur);
	B->scan_close(NULL);
	B->close(conn);
}
END_TEST

START_TEST(test_scan_rollback_and_close)
{
	ce_backend_conn *conn = open_ok(path, &schema_v1, 0);
	ce_value row[O_NCOLS];
	int64_t id, a = add_org(conn, "甲", 1, 0, 0, 0, NULL);
	add_org(conn, "乙", 1, 0, 0, 0, NULL);
	ce_backend_cursor *cur;
	ck_assert_int_eq(B->begin(conn), CE_OK);
	add_org(conn, "丙", 1, 0, 0, 0, NULL);
	ck_assert_int_eq(B->scan_open(&cur, conn, &org_table, NULL), CE_OK);
	ck_assert_int_eq(B->scan_next(cur, &id, row), CE_OK);
	ck_assert_int_eq(id, a);
	ck_assert_int_eq(B->rollback(conn), CE_OK); /* with a scan open */
	B->scan_close(cur);

	/* a scan outliving its connection fails cleanly */
	ck_assert_int_eq(B->scan_open(&cur, conn, &org_table, NULL), CE_OK);
	ck_assert_int_eq(B->scan_next(cur, &id, row), CE_OK);
	B->close(conn);
	ck_assert_int_eq(B->scan_next(cur, &id, row), CE_EMISUSE);
	B->scan_close(cur);
}
END_TEST

START_TEST(test_error_codes)
{
	ck_assert_int_eq(ce__sqlite_code(SQLITE_OK), CE_OK);
	ck_assert_int_eq(ce__sqlite_code(SQLITE_BUSY), CE_EBUSY);
	ck_assert_int_eq(ce__sqlite_code(SQLITE_BUSY_SNAPSHOT), CE_EBUSY);
	ck_assert_int_eq(ce__sqlite_code(SQLITE_LOCKED), CE_EBUSY);
	ck_assert_int_eq(ce__sqlite_code(SQLITE_CONSTRAINT_FOREIGNKEY), CE_ECONSTRAINT);
	ck_assert_int_eq(ce__sqlite_code(SQLITE_CONSTRAINT_UNIQUE), CE_ECONSTRAINT);
	ck_assert_int_eq(ce__sqlite_code(SQLITE_NOMEM), CE_ENOMEM);
	ck_assert_int_eq(ce__sqlite_code(SQLITE_READONLY), CE_EMISUSE);
	ck_assert_int_eq(ce__sqlite_code(SQLITE_IOERR_WRITE), CE_EBACKEND);
	ck_assert_int_eq(ce__sqlite_code(SQLITE_CORRUPT), CE_EBACKEND);
	ck_assert(ce__sqlite_backend.count == ce__sqlite_count);
	ck_assert_str_eq(ce__sqlite_backend.scheme, "sqlite");
	ck_assert_uint_eq(ce__sqlite_backend.version, CE_BACKEND_VERSION);
}
END_TEST

/* ---- DDL ---------------------------------------------------------------------- */

static void ddl_executes(const char *sql)
{
	sqlite3 *db;
	char *err = NULL;
	ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	ck_assert_msg(rc == SQLITE_OK, "DDL fails: %s", err ? err : "?");
	sqlite3_close(db);
}

START_TEST(test_ddl_test_schema)
{
	char *sql;
	ck_assert_int_eq(ce__sqlite_schema_sql(&sql, &schema_v1), CE_OK);
	ddl_executes(sql);
	static const char *const fragments[] = {
		"CREATE TABLE org ( -- an organisation\n\tid INTEGER PRIMARY KEY AUTOINCREMENT,\n",
		"\tname TEXT NOT NULL UNIQUE,\n",
		"\tkind TEXT NOT NULL CHECK (kind = 'university' OR kind = 'enterprise' OR kind = 'government'),\n",
		"\tfounded TEXT CHECK (founded GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n",
		"\tstaff INTEGER NOT NULL DEFAULT 0 CHECK (staff >= 0),\n",
		"\trating REAL NOT NULL DEFAULT 0,\n",
		"\tactive INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),\n",
		"\t\"order\" INTEGER NOT NULL DEFAULT 0,\n",
		"\torg INTEGER NOT NULL REFERENCES org (id),\n",
		"\tUNIQUE (org, name)\n);\n",
		"CREATE INDEX idx_org_note ON org (note);\n",
		"PRAGMA application_id = 1128612949; -- 'CEDU'\nPRAGMA user_version = 1;\n",
	};
	for (size_t i = 0; i < sizeof fragments / sizeof *fragments; i++)
		ck_assert_msg(strstr(sql, fragments[i]), "missing [%s] in\n%s", fragments[i], sql);
	ck_assert_ptr_null(strstr(sql, "idx_org_name"));
	ck_assert_ptr_null(strstr(sql, "idx_person_org")); /* UNIQUE (org, name) leads with it */
	free(sql);

	/* malformed schemas are refused, not turned into broken SQL */
	ce_column_def bad_cols[] = { COL("x", CE_TYPE_REF, 0, 9, NULL, 0) };
	ce_table_def bad = { 1, "bad", "", 1, bad_cols, NULL, 0, NULL, 0, NULL };
	const ce_table_def *bad_tables[] = { NULL, &bad };
	ce_schema bad_schema = { 1, 2, bad_tables };
	ck_assert_int_eq(ce__sqlite_schema_sql(&sql, &bad_schema), CE_EINVALID);
	ck_assert_ptr_null(sql);
	bad_cols[0] = (ce_column_def)COL("x", CE_TYPE_ENUM, 0, 0, NULL, 0);
	ck_assert_int_eq(ce__sqlite_schema_sql(&sql, &bad_schema), CE_EINVALID);
	ce_backend_conn *conn;
	ck_assert_int_eq(open_store(&conn, "", &bad_schema, 0, 0), CE_EINVALID);
	ck_assert_msg(strstr(errbuf, "bad.x"), "%s", errbuf);
}
END_TEST

#ifndef CE_SQLITE_TEST_STANDALONE

START_TEST(test_ddl_real_schema)
{
	char *sql;
	ck_assert_int_eq(ce__sqlite_schema_sql(&sql, ce_schema_get()), CE_OK);
	ddl_executes(sql);
	free(sql);
	/* and a store of it opens, twice */
	ce_backend_conn *conn = open_ok(path, ce_schema_get(), 0);
	B->close(conn);
	conn = open_ok(path, ce_schema_get(), 0);
	B->close(conn);
}
END_TEST



/* The doc's DDL block is the generated DDL, byte for byte. */
START_TEST(test_ddl_doc)
{
	char *sql;
	ck_assert_int_eq(ce__sqlite_schema_sql(&sql, ce_schema_get()), CE_OK);
	check_doc_block("sqlite-schema.md", sql);
	free(sql);
}
END_TEST

#endif

/* ---- main ---------------------------------------------------------------------- */

static Suite *suite(void)
{
	Suite *s = suite_create("sqlite_backend");
	TCase *tc;

	tc = tcase_create("open");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_create_and_reopen);
	tcase_add_test(tc, test_memory);
	tcase_add_test(tc, test_refuse_newer);
	tcase_add_test(tc, test_refuse_foreign);
	tcase_add_test(tc, test_open_flags);
	tcase_add_test(tc, test_migrate);
	tcase_add_test(tc, test_migrate_steps);
	tcase_add_test(tc, test_migrate_creates_new_tables);
	suite_add_tcase(s, tc);

	tc = tcase_create("rows");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_roundtrip);
	tcase_add_test(tc, test_values_refused);
	tcase_add_test(tc, test_constraints);
	tcase_add_test(tc, test_corrupt_values);
	suite_add_tcase(s, tc);

	tc = tcase_create("query");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_query_eq);
	tcase_add_test(tc, test_query_range_null);
	tcase_add_test(tc, test_query_link);
	tcase_add_test(tc, test_query_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("transactions");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_savepoint);
	tcase_add_test(tc, test_rollback);
	tcase_add_test(tc, test_readonly);
	tcase_add_test(tc, test_busy);
	suite_add_tcase(s, tc);

	tc = tcase_create("statements");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_statement_reuse);
	tcase_add_test(tc, test_scan_while_writing);
	tcase_add_test(tc, test_scan_rollback_and_close);
	tcase_add_test(tc, test_error_codes);
	suite_add_tcase(s, tc);

	tc = tcase_create("ddl");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_ddl_test_schema);
#ifndef CE_SQLITE_TEST_STANDALONE
	tcase_add_test(tc, test_ddl_real_schema);
	tcase_add_test(tc, test_ddl_doc);
#endif
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
