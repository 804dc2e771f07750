/* pg_report_stmts URI: the report statements a PostgreSQL connection keeps
 * prepared (lib/backends/postgresql/report_stmts.c). Each filter's text is
 * prepared once and reused; at most CE_PG_REPORT_STMTS are kept, the one
 * used least recently deallocated on the server; a statement that fails
 * to prepare is not kept and one that fails to run stays usable; the
 * statements outlive a rollback, a failed transaction and a DDL change.
 * After every step the statements the client keeps are exactly those the
 * server's session holds (pg_prepared_statements). */
#include <check.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/postgresql/pg_internal.h"
#include "coopedu.h"
#include "core/internal.h"
#include "pgtest.h"

static const char *base_uri;
static char run[32]; /* the run's schemas are "rstmt<run>_...", dropped at its end */
static char uri[1024], schema[64];
static ce_db *db;
static ce_backend_conn *conn;

static void quiet(void *arg, const char *message)
{
	(void)arg, (void)message; /* DROP SCHEMA ... CASCADE lists every table */
}

static void setup(void)
{
	pgtest_schema_name(schema, sizeof schema, "rstmt", run);
	ck_assert_int_eq(pgtest_schema_uri(uri, sizeof uri, base_uri, schema), 0);
	ck_assert_int_eq(ce_db_open(&db, uri, NULL), CE_OK);
	conn = db->conn;
	ce_platform_spec p = CE_PLATFORM_SPEC_INIT;
	p.name = "先进材料联合实验室";
	p.kind = CE_PLATFORM_JOINT_LABORATORY;
	p.level = CE_PLATFORM_LEVEL_PROVINCIAL;
	int64_t id;
	ck_assert_int_eq(ce_platform_create(&id, db, &p), CE_OK);
}

static void teardown(void)
{
	char sql[128];
	ce_db_close(db);
	PGconn *raw = PQconnectdb(base_uri);
	ck_assert_int_eq(PQstatus(raw), CONNECTION_OK);
	PQsetNoticeProcessor(raw, quiet, NULL);
	snprintf(sql, sizeof sql, "DROP SCHEMA \"%s\" CASCADE", schema);
	PGresult *res = PQexec(raw, sql);
	ck_assert_int_eq(PQresultStatus(res), PGRES_COMMAND_OK);
	PQclear(res);
	PQfinish(raw);
}

/* Runs SQL on the library's own session (idle between calls). */
static PGresult *session(const char *sql)
{
	PGresult *res = PQexec(conn->pg, sql);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK || PQresultStatus(res) == PGRES_COMMAND_OK,
	              "%s: %s", sql, PQerrorMessage(conn->pg));
	return res;
}

/* The statements kept equal the session's report statements; returns how many. */
static int kept_agree(void)
{
	PGresult *res = session("SELECT name FROM pg_prepared_statements "
	                        "WHERE name LIKE 'ce\\_r%' ORDER BY name");
	int n = PQntuples(res), k = 0;
	for (ce_pg_report_stmt *s = conn->report_mru; s; s = s->next, k++) {
		bool found = false;
		for (int r = 0; r < n && !found; r++)
			found = !strcmp(PQgetvalue(res, r, 0), s->name);
		ck_assert_msg(found, "%s is kept but not on the server", s->name);
	}
	PQclear(res);
	ck_assert_int_eq(k, n);
	ck_assert_int_eq(conn->nreport_stmts, n);
	ck_assert_int_le(n, CE_PG_REPORT_STMTS);
	return n;
}

/* idle_platforms over one year: the platform is idle (nothing used it). */
static void idle_in(int year)
{
	ce_report_filter f;
	ce_table *t = NULL;
	ck_assert_int_eq(ce_report_filter_init(&f, CE_REPORT_FILTER_VERSION), CE_OK);
	f.from = CE_DATE(year, 1, 1);
	f.to = CE_DATE(year, 12, 31);
	ck_assert_msg(ce_report_run(&t, db, "idle_platforms", &f) == CE_OK, "%d: %s", year,
	              ce_db_errmsg(db));
	ck_assert_uint_eq(ce_table_row_count(t), 1);
	ck_assert_str_eq(ce_table_get_text(t, 0, 1), "先进材料联合实验室");
	ce_table_free(t);
}

START_TEST(same_filter_reuses_statement)
{
	idle_in(2021);
	int seq = conn->report_stmt_seq;
	ck_assert_int_eq(kept_agree(), 1);
	for (int i = 0; i < 5; i++)
		idle_in(2021);
	ck_assert_int_eq(conn->report_stmt_seq, seq); /* nothing prepared again */
	ck_assert_int_eq(kept_agree(), 1);
	idle_in(2022); /* another period: another text */
	ck_assert_int_eq(conn->report_stmt_seq, seq + 1);
	ck_assert_int_eq(kept_agree(), 2);
}
END_TEST

START_TEST(least_recently_used_evicted)
{
	int base = 1980;
	for (int y = 0; y < CE_PG_REPORT_STMTS; y++)
		idle_in(base + y);
	ck_assert_int_eq(kept_agree(), CE_PG_REPORT_STMTS);
	char first[24];
	snprintf(first, sizeof first, "%s", conn->report_lru->name);
	idle_in(base); /* used again: now the most recent */
	ck_assert_str_eq(conn->report_mru->name, first);
	int seq = conn->report_stmt_seq;
	for (int y = 0; y < 8; y++)
		idle_in(base + CE_PG_REPORT_STMTS + y);
	ck_assert_int_eq(conn->report_stmt_seq, seq + 8);
	ck_assert_int_eq(kept_agree(), CE_PG_REPORT_STMTS);
	bool still = false;
	for (ce_pg_report_stmt *s = conn->report_mru; s; s = s->next)
		still = still || !strcmp(s->name, first);
	ck_assert_msg(still, "the statement used again was evicted");
	idle_in(base); /* kept: no new statement */
	ck_assert_int_eq(conn->report_stmt_seq, seq + 8);
	idle_in(base + 1); /* evicted: prepared again */
	ck_assert_int_eq(conn->report_stmt_seq, seq + 9);
	ck_assert_int_eq(kept_agree(), CE_PG_REPORT_STMTS);
}
END_TEST

START_TEST(failing_statement_not_kept)
{
	PGresult *res = NULL;
	idle_in(2021);
	int n = kept_agree();
	/* fails to prepare: not kept, and fails the same way again */
	for (int i = 0; i < 2; i++) {
		ck_assert_int_ne(ce__pg_run_report(&res, conn, "SELEC 1", "test"), CE_OK);
		ck_assert_ptr_null(res);
		ck_assert_msg(strstr(conn->errmsg, "syntax error"), "%s", conn->errmsg);
		ck_assert_int_eq(kept_agree(), n);
	}
	/* prepares, fails to run: kept, fails the same way again */
	const char *div = "SELECT 1 / (x - 1) FROM (VALUES (1)) v(x)";
	for (int i = 0; i < 2; i++) {
		ck_assert_int_ne(ce__pg_run_report(&res, conn, div, "test"), CE_OK);
		ck_assert_msg(strstr(conn->errmsg, "division by zero"), "%s", conn->errmsg);
		ck_assert_int_eq(kept_agree(), n + 1);
	}
	idle_in(2021);
	idle_in(2023);
	ck_assert_int_eq(kept_agree(), n + 2);
}
END_TEST

START_TEST(kept_across_rollback)
{
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	idle_in(2019); /* prepared inside the transaction */
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	int seq = conn->report_stmt_seq;
	idle_in(2019);
	ck_assert_int_eq(conn->report_stmt_seq, seq);
	ck_assert_int_eq(kept_agree(), 1);
	/* inside a transaction with writes sent ahead of the report */
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ce_platform_spec p = CE_PLATFORM_SPEC_INIT;
	p.name = "智能制造工程研究中心";
	p.kind = CE_PLATFORM_ENGINEERING_RESEARCH_CENTRE;
	p.level = CE_PLATFORM_LEVEL_MUNICIPAL;
	int64_t id;
	ck_assert_int_eq(ce_platform_create(&id, db, &p), CE_OK);
	ce_report_filter f;
	ce_table *t = NULL;
	ck_assert_int_eq(ce_report_filter_init(&f, CE_REPORT_FILTER_VERSION), CE_OK);
	f.from = CE_DATE(2019, 1, 1);
	f.to = CE_DATE(2019, 12, 31);
	ck_assert_int_eq(ce_report_run(&t, db, "idle_platforms", &f), CE_OK);
	ck_assert_uint_eq(ce_table_row_count(t), 2); /* sees its own write */
	ce_table_free(t);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(conn->report_stmt_seq, seq);
	ck_assert_int_eq(kept_agree(), 1);
}
END_TEST

/* A full list meets a failed transaction: the DEALLOCATE fails, so the
 * statement stays kept, and the new one is not. */
START_TEST(failed_transaction_keeps_list)
{
	for (int y = 0; y < CE_PG_REPORT_STMTS; y++)
		idle_in(1980 + y);
	char victim[24];
	snprintf(victim, sizeof victim, "%s", conn->report_lru->name);
	PQclear(session("BEGIN"));
	PQclear(PQexec(conn->pg, "SELECT 1 / 0"));
	ck_assert_int_eq(PQtransactionStatus(conn->pg), PQTRANS_INERROR);
	PGresult *res = NULL;
	ck_assert_int_ne(ce__pg_run_report(&res, conn, "SELECT 42", "test"), CE_OK);
	ck_assert_msg(strstr(conn->errmsg, "aborted"), "%s", conn->errmsg);
	PQclear(session("ROLLBACK"));
	ck_assert_str_eq(conn->report_lru->name, victim);
	ck_assert_int_eq(kept_agree(), CE_PG_REPORT_STMTS);
	ck_assert_int_eq(ce__pg_run_report(&res, conn, "SELECT 42", "test"), CE_OK);
	ck_assert_str_eq(PQgetvalue(res, 0, 0), "42");
	PQclear(res);
	ck_assert_int_eq(kept_agree(), CE_PG_REPORT_STMTS);
}
END_TEST

/* The server replans a kept statement after its tables change. */
START_TEST(kept_after_ddl)
{
	char sql[256];
	idle_in(2020);
	snprintf(sql, sizeof sql, "ALTER TABLE \"%s\".platform ADD COLUMN note text", schema);
	PQclear(session(sql));
	int seq = conn->report_stmt_seq;
	idle_in(2020);
	ck_assert_int_eq(conn->report_stmt_seq, seq);
	ck_assert_int_eq(kept_agree(), 1);
}
END_TEST

/* A new connection starts with none kept. */
START_TEST(new_connection_starts_empty)
{
	idle_in(2021);
	ce_db_close(db);
	ck_assert_int_eq(ce_db_open(&db, uri, NULL), CE_OK);
	conn = db->conn;
	ck_assert_int_eq(kept_agree(), 0);
	idle_in(2021);
	ck_assert_int_eq(kept_agree(), 1);
}
END_TEST

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: pg_report_stmts POSTGRESQL_URI\n");
		return 2;
	}
	base_uri = argv[1];
	pgtest_run_name(run, sizeof run);
	Suite *s = suite_create("pg_report_stmts");
	TCase *tc = tcase_create("report_stmts");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, same_filter_reuses_statement);
	tcase_add_test(tc, least_recently_used_evicted);
	tcase_add_test(tc, failing_statement_not_kept);
	tcase_add_test(tc, kept_across_rollback);
	tcase_add_test(tc, failed_transaction_keeps_list);
	tcase_add_test(tc, kept_after_ddl);
	tcase_add_test(tc, new_connection_starts_empty);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	/* a failed test's child exits before its teardown drops its schema */
	char prefix[48];
	snprintf(prefix, sizeof prefix, "rstmt%s_", run);
	if (pgtest_drop_schemas(base_uri, prefix) != 0)
		failed = 1;
	return failed ? 1 : 0;
}
