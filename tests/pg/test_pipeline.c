/* pg_pipeline URI: the PostgreSQL backend's writes sent without waiting
 * (lib/backends/postgresql/pipeline.c). A CHECK constraint added behind the
 * library's back makes the server refuse a write the core accepted, so each
 * path a refusal can take is seen: the first insert into a table (answered
 * at once), a later one inside an explicit transaction (sent ahead with a
 * reserved id, answered later), a single call's INSERT and UPDATE
 * (answered at its commit) and an import that fails midway. Every time:
 * the right code, the server's message, and nothing half-stored. Calls of
 * the caller's transaction take no savepoint: the core's own refusals
 * leave it usable, the server's fail it. */
#include <check.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopedu.h"
#include "coopedu/sys/backend.h"
#include "pgtest.h"

static const char *base_uri;
static char run[32]; /* the run's schemas are "pipe<run>_...", dropped at its end */
static char uri[1024], schema[64];
static ce_db *db;
static PGconn *raw;

#define FORBIDDEN "禁止合作单位"

static void raw_exec(const char *sql)
{
	PGresult *res = PQexec(raw, sql);
	ck_assert_msg(PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK,
	              "%s: %s", sql, PQerrorMessage(raw));
	PQclear(res);
}

static int64_t raw_count(const char *table)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\".\"%s\"", schema, table);
	PGresult *res = PQexec(raw, sql);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	int64_t n = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return n;
}

static void quiet(void *arg, const char *message)
{
	(void)arg, (void)message; /* DROP SCHEMA ... CASCADE lists every table */
}

/* A fresh store with a constraint the core knows nothing of. */
static void setup(void)
{
	pgtest_schema_name(schema, sizeof schema, "pipe", run);
	ck_assert_int_eq(pgtest_schema_uri(uri, sizeof uri, base_uri, schema), 0);
	ck_assert_int_eq(ce_db_open(&db, uri, NULL), CE_OK);
	raw = PQconnectdb(base_uri);
	ck_assert_int_eq(PQstatus(raw), CONNECTION_OK);
	PQsetNoticeProcessor(raw, quiet, NULL);
	char sql[256];
	snprintf(sql, sizeof sql,
	         "ALTER TABLE \"%s\".partner ADD CONSTRAINT no_forbidden CHECK (name <> '" FORBIDDEN "')",
	         schema);
	raw_exec(sql);
}

static void teardown(void)
{
	char sql[128];
	ce_db_close(db);
	snprintf(sql, sizeof sql, "DROP SCHEMA \"%s\" CASCADE", schema);
	raw_exec(sql);
	PQfinish(raw);
}

static ce_result partner(int64_t *id, const char *name)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	s.name = name;
	s.kind = CE_PARTNER_ENTERPRISE;
	s.region = "山东省济南市";
	return ce_partner_create(id, db, &s);
}

static void ck_names_constraint(void)
{
	ck_assert_msg(strstr(ce_db_errmsg(db), "no_forbidden"), "message: %s", ce_db_errmsg(db));
	ck_assert_msg(!strstr(ce_db_errmsg(db), "ce-test-"), "a password in: %s", ce_db_errmsg(db));
}

/* Inside the caller's transaction a call takes no savepoint: the core's
 * refusals come before any write, so a refused call leaves the transaction
 * usable and unchanged, and commit keeps the other calls. */
START_TEST(rule_refusal_keeps_transaction)
{
	int64_t a, b, dup;
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(partner(&a, "济南某铝业有限公司"), CE_OK);
	ck_assert_int_eq(partner(&dup, "济南某铝业有限公司"), CE_EEXISTS);
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	s.name = "山东某重工集团";
	ck_assert_int_eq(ce_partner_create(&dup, db, &s), CE_EINVALID); /* no kind */
	s.kind = CE_PARTNER_ENTERPRISE;
	s.name = "济南某铝业有限公司";
	ck_assert_int_eq(ce_partner_update(db, a + 1000, &s), CE_ENOTFOUND);
	ck_assert_int_eq(partner(&b, "山东某航空材料有限公司"), CE_OK);
	ck_assert_int_eq(partner(&dup, "山东某航空材料有限公司"), CE_EEXISTS);
	s.name = "山东某航空材料有限公司";
	ck_assert_int_eq(ce_partner_update(db, a, &s), CE_EEXISTS); /* b holds the name */
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(raw_count("partner"), 2);
	ck_assert_int_eq(raw_count("audit"), 2);
	ce_partner *p;
	ck_assert_int_eq(ce_partner_lookup(&p, db, a), CE_OK);
	ck_assert_str_eq(ce_partner_fields(p)->name, "济南某铝业有限公司");
	ce_partner_free(p);
}
END_TEST

static void ck_doomed_said(void)
{
	ck_assert_msg(strstr(ce_db_errmsg(db), "can only be rolled back"), "message: %s",
	              ce_db_errmsg(db));
}

/* The first insert into a table waits for its answer: refused by the
 * server inside the caller's transaction (no savepoint there), it fails
 * the call and the transaction: every later call fails, commit rolls back
 * and nothing is stored. */
START_TEST(first_insert_refused_dooms_transaction)
{
	int64_t a, b;
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(partner(&a, FORBIDDEN), CE_EINVALID);
	ck_names_constraint();
	ck_doomed_said();
	ck_assert_int_eq(partner(&b, "济南某铝业有限公司"), CE_EINVALID);
	ck_names_constraint();
	ck_doomed_said();
	ck_assert_int_ne(ce_db_commit(db), CE_OK);
	ck_names_constraint();
	ck_assert_int_eq(ce_db_in_transaction(db), 0);
	ck_assert_int_eq(raw_count("partner"), 0);
	ck_assert_int_eq(raw_count("audit"), 0);
	/* the handle works on */
	ck_assert_int_eq(partner(&b, "济南某铝业有限公司"), CE_OK);
	ck_assert_int_eq(raw_count("partner"), 1);
}
END_TEST

/* A single call (no explicit transaction) is its own transaction: refused
 * by the server, it fails alone and the next call goes on. */
START_TEST(single_create_refused)
{
	int64_t a, b;
	ck_assert_int_eq(partner(&a, FORBIDDEN), CE_EINVALID);
	ck_names_constraint();
	ck_assert_msg(!strstr(ce_db_errmsg(db), "can only be rolled back"), "message: %s",
	              ce_db_errmsg(db));
	ck_assert_int_eq(partner(&b, "济南某铝业有限公司"), CE_OK);
	ck_assert_int_eq(raw_count("partner"), 1);
	ck_assert_int_eq(raw_count("audit"), 1);
}
END_TEST

/* Later inserts in a transaction are sent ahead: the refusal comes at the
 * latest at commit, which then fails and stores nothing of the transaction;
 * the connection is usable afterwards. */
START_TEST(sent_insert_refused_dooms_transaction)
{
	int64_t id;
	char name[64];
	int first_failure = CE_OK;
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "山东某航空材料有限公司%d", i);
		int rc = partner(&id, i == 20 ? FORBIDDEN : name);
		if (rc != CE_OK && first_failure == CE_OK) {
			first_failure = rc;
			ck_names_constraint();
		}
	}
	int64_t n = -1;
	int rc = ce_record_count(&n, db, CE_ENTITY_PARTNER, NULL);
	if (rc != CE_OK && first_failure == CE_OK) {
		first_failure = rc;
		ck_names_constraint();
	}
	ck_assert_int_eq(first_failure, CE_EINVALID);
	ck_assert_int_ne(ce_db_commit(db), CE_OK);
	ck_names_constraint();
	ck_assert_int_eq(ce_db_in_transaction(db), 0);
	ck_assert_int_eq(raw_count("partner"), 0);
	ck_assert_int_eq(raw_count("audit"), 0);
	/* the handle works on, and the ids given back keep them dense */
	ck_assert_int_eq(partner(&id, "济南某铝业有限公司"), CE_OK);
	ck_assert_int_eq(raw_count("partner"), 1);
}
END_TEST

/* A rollback after a refused sent write discards everything, and the next
 * transaction starts clean. */
START_TEST(rollback_after_sent_refusal)
{
	int64_t id;
	char name[64];
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof name, "合作单位%d", i);
		partner(&id, i == 5 ? FORBIDDEN : name);
	}
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof name, "合作单位%d", i);
		ck_assert_int_eq(partner(&id, name), CE_OK);
	}
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(raw_count("partner"), 10);
	ck_assert_int_eq(raw_count("audit"), 10);
}
END_TEST

/* Many sent writes (more than one batch), all stored; ids dense and equal
 * to what the calls returned. */
START_TEST(many_sent_writes_stored)
{
	int64_t id, last = 0;
	char name[64];
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 2500; i++) {
		snprintf(name, sizeof name, "合作单位%04d", i);
		ck_assert_int_eq(partner(&id, name), CE_OK);
		ck_assert_int_eq(id, last + 1);
		last = id;
	}
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(raw_count("partner"), 2500);
	ce_partner *p;
	ck_assert_int_eq(ce_partner_lookup(&p, db, 1234), CE_OK);
	ck_assert_str_eq(ce_partner_fields(p)->name, "合作单位1233");
	ce_partner_free(p);
	/* the next transaction's ids follow on, with no gap */
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(partner(&id, "甲"), CE_OK);
	ck_assert_int_eq(partner(&id, "乙"), CE_OK);
	ck_assert_int_eq(id, 2502);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(partner(&id, "丙"), CE_OK);
	ck_assert_int_eq(id, 2503);
}
END_TEST

/* Inserts inside a transaction wait in their table's buffer and go out
 * several per statement; an UPDATE of a buffered row, and a read, come
 * after it: every row and change is stored, in order. */
START_TEST(updates_between_buffered_inserts)
{
	int64_t ids[60];
	char name[64];
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	s.kind = CE_PARTNER_ENTERPRISE;
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 60; i++) {
		snprintf(name, sizeof name, "合作单位%02d", i);
		ck_assert_int_eq(partner(&ids[i], name), CE_OK);
		if (i % 3 == 2) { /* the row before: still in the buffer */
			snprintf(name, sizeof name, "合作单位%02d(更名)", i - 1);
			s.name = name;
			ck_assert_int_eq(ce_partner_update(db, ids[i - 1], &s), CE_OK);
		}
		if (i == 30) {
			int64_t n = 0;
			ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_PARTNER, NULL), CE_OK);
			ck_assert_int_eq(n, 31);
		}
	}
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(raw_count("partner"), 60);
	ck_assert_int_eq(raw_count("audit"), 80);
	ce_partner *p;
	ck_assert_int_eq(ce_partner_lookup(&p, db, ids[58]), CE_OK);
	ck_assert_str_eq(ce_partner_fields(p)->name, "合作单位58(更名)");
	ck_assert_ptr_null(ce_partner_fields(p)->region); /* the update left it out */
	ce_partner_free(p);
	ck_assert_int_eq(ce_partner_lookup(&p, db, ids[59]), CE_OK);
	ck_assert_str_eq(ce_partner_fields(p)->name, "合作单位59");
	ck_assert_str_eq(ce_partner_fields(p)->region, "山东省济南市");
	ce_partner_free(p);
}
END_TEST

/* ---- lifecycle moves of rows still buffered (batch.c) ------------------- */

static ce_result project(int64_t *id, int i)
{
	char code[32], title[64];
	snprintf(code, sizeof code, "2019010220%02d", i);
	snprintf(title, sizeof title, "高强铝合金热处理工艺优化%d", i);
	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	s.code = code;
	s.title = title;
	s.start_date = CE_DATE(2024, 3, 1);
	return ce_project_create(id, db, &s);
}

static int64_t raw_int(const char *fmt, int64_t arg)
{
	char sql[512], q[256];
	snprintf(q, sizeof q, fmt, (long long)arg);
	snprintf(sql, sizeof sql, "SET search_path TO \"%s\"; %s", schema, q);
	PGresult *res = PQexec(raw, sql);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	ck_assert_int_eq(PQntuples(res), 1);
	int64_t n = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	raw_exec("SET search_path TO public");
	return n;
}

static void ck_status(const char *table, int64_t id, const char *want)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT status FROM \"%s\".\"%s\" WHERE id = %lld", schema, table,
	         (long long)id);
	PGresult *res = PQexec(raw, sql);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	ck_assert_int_eq(PQntuples(res), 1);
	ck_assert_str_eq(PQgetvalue(res, 0, 0), want);
	PQclear(res);
}

static int64_t count_status(int status)
{
	ce_filter *f;
	int64_t n = -1;
	ck_assert_int_eq(ce_filter_new(&f), CE_OK);
	ck_assert_int_eq(ce_filter_eq_int(f, "status", status), CE_OK);
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_PROJECT, f), CE_OK);
	ce_filter_free(f);
	return n;
}

/* A move of a row still in its table's buffer rewrites it there; two
 * moves of one row leave its last state; reads in the transaction (a count
 * by status, the history) see them; a move the core refuses leaves the
 * transaction usable and the row as it was; commit stores each row once,
 * in its last state, with every history and audit row. */
START_TEST(moves_of_buffered_rows)
{
	int64_t p[12];
	ce_date on = CE_DATE(2024, 4, 1);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 12; i++)
		ck_assert_int_eq(project(&p[i], i), CE_OK); /* p[0] sent, the others buffered */
	ck_assert_int_eq(ce_project_set_status(db, p[5], CE_PROJECT_STATUS_ACTIVE, on), CE_OK);
	ck_assert_int_eq(ce_project_set_status(db, p[6], CE_PROJECT_STATUS_ACTIVE, on), CE_OK);
	ck_assert_int_eq(ce_project_set_status(db, p[6], CE_PROJECT_STATUS_COMPLETED, on), CE_OK);
	/* refused by the core: completed is final */
	ck_assert_int_ne(ce_project_set_status(db, p[6], CE_PROJECT_STATUS_ACTIVE, on), CE_OK);
	ck_assert_int_eq(count_status(CE_PROJECT_STATUS_ACTIVE), 1);
	ck_assert_int_eq(count_status(CE_PROJECT_STATUS_COMPLETED), 1);
	ck_assert_int_eq(count_status(CE_PROJECT_STATUS_PROPOSED), 10);
	/* more rows, and a move of a row buffered after that read */
	int64_t q;
	ck_assert_int_eq(project(&q, 12), CE_OK);
	ck_assert_int_eq(ce_project_set_status(db, q, CE_PROJECT_STATUS_TERMINATED, on), CE_OK);
	ce_project *r;
	ck_assert_int_eq(ce_project_lookup(&r, db, q), CE_OK);
	ck_assert_int_eq(ce_project_fields(r)->status, CE_PROJECT_STATUS_TERMINATED);
	ce_project_free(r);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(raw_count("project"), 13);
	ck_status("project", p[5], "active");
	ck_status("project", p[6], "completed");
	ck_status("project", p[7], "proposed");
	ck_status("project", q, "terminated");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project_status_history WHERE record = %lld "
	                         "AND from_state IS NOT NULL", p[6]), 2);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project_status_history WHERE record = %lld "
	                         "AND from_state IS NOT NULL", p[7]), 0);
	/* 13 creates and 4 moves */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit WHERE entity = 'project' AND %lld = 0", 0),
	                 17);
}
END_TEST

/* A move of a row already sent goes out as its own UPDATE while the
 * rows buffered since wait (students do not refer to students); moves of
 * those rows are rewritten in the buffer; all end stored, in order. */
START_TEST(moves_of_sent_and_buffered_rows)
{
	int64_t st[8];
	char number[32];
	ce_date on = CE_DATE(2025, 6, 30);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 8; i++) {
		ce_student_spec s = CE_STUDENT_SPEC_INIT;
		snprintf(number, sizeof number, "S2021%04d", i);
		s.number = number;
		s.name = "王伟";
		s.level = CE_STUDENT_LEVEL_ACADEMIC_MASTER;
		s.cohort = 2021;
		s.status_date = CE_DATE(2021, 9, 1);
		ck_assert_int_eq(ce_student_create(&st[i], db, &s), CE_OK);
		if (i == 4) /* st[0] was sent at once, st[1..4] wait */
			ck_assert_int_eq(ce_student_set_status(db, st[0], CE_STUDENT_STATUS_GRADUATED, on), CE_OK);
	}
	ck_assert_int_eq(ce_student_set_status(db, st[3], CE_STUDENT_STATUS_WITHDRAWN, on), CE_OK);
	ck_assert_int_eq(ce_student_set_status(db, st[7], CE_STUDENT_STATUS_GRADUATED, on), CE_OK);
	ck_assert_int_ne(ce_student_set_status(db, st[7], CE_STUDENT_STATUS_WITHDRAWN, on), CE_OK);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(raw_count("student"), 8);
	ck_status("student", st[0], "graduated");
	ck_status("student", st[3], "withdrawn");
	ck_status("student", st[7], "graduated");
	ck_status("student", st[5], "enrolled");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM student_status_history WHERE from_state IS NOT NULL "
	                         "AND %lld = 0", 0), 3);
}
END_TEST

/* A move of a buffered row that the server refuses (a constraint behind
 * the library's back) fails the transaction when the row goes out: commit
 * fails naming the constraint and nothing of it is stored. */
START_TEST(buffered_move_refused_by_server)
{
	int64_t p[6];
	char sql[256];
	snprintf(sql, sizeof sql,
	         "ALTER TABLE \"%s\".project ADD CONSTRAINT no_terminated CHECK (status <> 'terminated')", schema);
	raw_exec(sql);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(project(&p[i], i), CE_OK);
	ck_assert_int_eq(ce_project_set_status(db, p[3], CE_PROJECT_STATUS_TERMINATED, CE_DATE(2024, 4, 1)),
	                 CE_OK); /* the core allows it; the row waits in its buffer */
	ck_assert_int_ne(ce_db_commit(db), CE_OK);
	ck_assert_msg(strstr(ce_db_errmsg(db), "no_terminated"), "message: %s", ce_db_errmsg(db));
	ck_assert_msg(strstr(ce_db_errmsg(db), "project"), "message: %s", ce_db_errmsg(db));
	ck_assert_int_eq(ce_db_in_transaction(db), 0);
	ck_assert_int_eq(raw_count("project"), 0);
	ck_assert_int_eq(raw_count("project_status_history"), 0);
	ck_assert_int_eq(raw_count("audit"), 0);
}
END_TEST

/* A rollback after moves of buffered rows stores none of them, and the
 * next transaction starts with empty buffers. */
START_TEST(rollback_after_buffered_moves)
{
	int64_t p[6];
	ce_date on = CE_DATE(2024, 4, 1);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(project(&p[i], i), CE_OK);
	ck_assert_int_eq(ce_project_set_status(db, p[2], CE_PROJECT_STATUS_ACTIVE, on), CE_OK);
	ck_assert_int_eq(ce_project_set_status(db, p[4], CE_PROJECT_STATUS_TERMINATED, on), CE_OK);
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	ck_assert_int_eq(raw_count("project"), 0);
	ck_assert_int_eq(raw_count("project_status_history"), 0);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(project(&p[i], i), CE_OK);
	ck_assert_int_eq(ce_project_set_status(db, p[2], CE_PROJECT_STATUS_ACTIVE, on), CE_OK);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(raw_count("project"), 3);
	ck_status("project", p[2], "active");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project WHERE status = 'proposed' AND %lld = 0", 0), 2);
}
END_TEST

/* A single call's UPDATE is answered at its commit: the call fails and the
 * record is as it was. */
START_TEST(single_update_refused)
{
	int64_t id;
	ck_assert_int_eq(partner(&id, "济南某铝业有限公司"), CE_OK);
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	s.name = FORBIDDEN;
	s.kind = CE_PARTNER_ENTERPRISE;
	ck_assert_int_eq(ce_partner_update(db, id, &s), CE_EINVALID);
	ck_names_constraint();
	ce_partner *p;
	ck_assert_int_eq(ce_partner_lookup(&p, db, id), CE_OK);
	ck_assert_str_eq(ce_partner_fields(p)->name, "济南某铝业有限公司");
	ck_assert_str_eq(ce_partner_fields(p)->region, "山东省济南市");
	ce_partner_free(p);
	ck_assert_int_eq(raw_count("audit"), 1);
}
END_TEST

/* ---- moves of rows already sent, several per UPDATE (batch.c) ------------ */

/* Logs the op ("INSERT", "UPDATE") statements run on table, in the order
 * the server runs them (a statement-level trigger behind the library's
 * back: it fires once per statement, whatever the rows touched, and is
 * rolled back with the transaction). */
static void log_statements(const char *table, const char *op)
{
	char sql[1024];
	snprintf(sql, sizeof sql,
	         "CREATE TABLE IF NOT EXISTS \"%s\".stmts (n bigint GENERATED ALWAYS AS IDENTITY, "
	         "op text NOT NULL, tbl text NOT NULL); "
	         "CREATE OR REPLACE FUNCTION \"%s\".log_stmt() RETURNS trigger LANGUAGE plpgsql AS "
	         "$f$BEGIN INSERT INTO \"%s\".stmts (op, tbl) VALUES (TG_OP, TG_TABLE_NAME); "
	         "RETURN NULL; END$f$; CREATE TRIGGER log_%s AFTER %s ON \"%s\".\"%s\" "
	         "FOR EACH STATEMENT EXECUTE FUNCTION \"%s\".log_stmt()",
	         schema, schema, schema, op, op, schema, table, schema);
	raw_exec(sql);
}

/* The op statements logged on table: how many (k 0), or the place in the
 * log of the k-th (1: the first). */
static int64_t statements_of(const char *table, const char *op, int k)
{
	char sql[256];
	if (k == 0)
		snprintf(sql, sizeof sql,
		         "SELECT count(*) FROM \"%s\".stmts WHERE op = '%s' AND tbl = '%s'", schema, op,
		         table);
	else
		snprintf(sql, sizeof sql,
		         "SELECT n FROM \"%s\".stmts WHERE op = '%s' AND tbl = '%s' ORDER BY n "
		         "OFFSET %d LIMIT 1",
		         schema, op, table, k - 1);
	PGresult *res = PQexec(raw, sql);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	ck_assert_msg(PQntuples(res) == 1, "%s: no %s statement %d", table, op, k);
	int64_t n = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return n;
}

static int64_t updates_of(const char *table)
{
	return statements_of(table, "UPDATE", 0);
}

/* n subtopics of a new project, committed: every row sent. */
static void committed_subtopics(int64_t *sub, int n)
{
	int64_t proj;
	char title[64];
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(project(&proj, 0), CE_OK);
	for (int i = 0; i < n; i++) {
		ce_subtopic_spec s = CE_SUBTOPIC_SPEC_INIT;
		snprintf(title, sizeof title, "铝合金时效析出行为研究%02d", i);
		s.project = proj;
		s.title = title;
		s.kind = CE_SUBTOPIC_APPLIED;
		s.site = CE_SUBTOPIC_SITE_UNIVERSITY;
		s.status_date = CE_DATE(2024, 3, 1);
		ck_assert_int_eq(ce_subtopic_create(&sub[i], db, &s), CE_OK);
	}
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
}

static int64_t count_subtopics(int status)
{
	ce_filter *f;
	int64_t n = -1;
	ck_assert_int_eq(ce_filter_new(&f), CE_OK);
	ck_assert_int_eq(ce_filter_eq_int(f, "status", status), CE_OK);
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_SUBTOPIC, f), CE_OK);
	ce_filter_free(f);
	return n;
}

/* A buffer that fills (256 rows: the partners', the audit's) goes with the
 * buffers its rows refer to, no more: the moves of sent subtopics keep
 * waiting and go out once, at commit, where sending every buffer each time
 * one filled sent them in several statements. */
START_TEST(full_buffer_sends_only_what_it_needs)
{
	enum { N = 10, PARTNERS = 600 };
	int64_t sub[N], id;
	char name[64];
	ce_date on = CE_DATE(2024, 4, 1);
	committed_subtopics(sub, N);
	log_statements("subtopic", "UPDATE");
	log_statements("partner", "INSERT");
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	/* a table's first insert of the transaction goes out at once behind
	 * every buffer: the first partner's, then the first move's history
	 * row (that move with it); the other moves wait */
	ck_assert_int_eq(partner(&id, "济南新材料合作企业"), CE_OK);
	for (int i = 0; i < N; i++)
		ck_assert_int_eq(ce_subtopic_set_status(db, sub[i], CE_SUBTOPIC_STATUS_APPROVED, on), CE_OK);
	for (int i = 1; i < PARTNERS; i++) {
		snprintf(name, sizeof name, "济南新材料合作企业%03d", i);
		ck_assert_int_eq(partner(&id, name), CE_OK);
	}
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(raw_count("partner"), PARTNERS);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM subtopic WHERE status = 'approved' AND %lld = 0",
	                         0), N);
	/* partners: the first alone, two full buffers, the rest at commit */
	ck_assert_int_eq(statements_of("partner", "INSERT", 0), 4);
	ck_assert_int_eq(updates_of("subtopic"), 2);
	ck_assert_int_gt(statements_of("subtopic", "UPDATE", 2), statements_of("partner", "INSERT", 3));
}
END_TEST

/* ---- a read sends only the buffers its table's rows need (batch.c) ------- */

static ce_result depend(int64_t *id, int64_t subtopic, int64_t on)
{
	ce_subtopic_dependency_spec d = CE_SUBTOPIC_DEPENDENCY_SPEC_INIT;
	d.subtopic = subtopic;
	d.depends_on = on;
	return ce_subtopic_dependency_create(id, db, &d);
}

/* The cycle check of each dependency added scans the dependencies: the
 * dependency waiting goes first, and with it only the buffers holding rows
 * it refers to; its subtopics were stored long ago, so a partner created
 * meanwhile keeps waiting (until the commit), and commit stores all. (The
 * first insert into a table in a transaction is sent at once, with every
 * buffer: hence a partner and a dependency first.) */
START_TEST(read_sends_only_what_its_rows_refer_to)
{
	int64_t sub[5], p1, p2, dep;
	committed_subtopics(sub, 5);
	log_statements("partner", "INSERT");
	log_statements("subtopic_dependency", "INSERT");
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(partner(&p1, "济南新材料产业园区管委会"), CE_OK);
	ck_assert_int_eq(depend(&dep, sub[1], sub[0]), CE_OK);
	ck_assert_int_eq(partner(&p2, "山东铝业研究院有限公司"), CE_OK); /* waits */
	ck_assert_int_eq(depend(&dep, sub[2], sub[1]), CE_OK);     /* waits */
	ck_assert_int_eq(depend(&dep, sub[3], sub[2]), CE_OK);     /* its check sends the one before */
	ck_assert_int_eq(depend(&dep, sub[4], sub[3]), CE_OK);
	/* a cycle is still refused: the dependencies waiting were seen */
	ck_assert_int_eq(depend(&dep, sub[0], sub[4]), CE_ECYCLE);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(raw_count("subtopic_dependency"), 4);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM partner WHERE id IN (%lld)", p1) +
	                     raw_int("SELECT count(*) FROM partner WHERE id IN (%lld)", p2),
	                 2);
	/* the second dependency went before the second partner */
	ck_assert_int_gt(statements_of("partner", "INSERT", 2),
	                 statements_of("subtopic_dependency", "INSERT", 2));
}
END_TEST

/* A scan of the dependencies of one subtopic sends no dependency waiting
 * that is not one of its: they keep waiting, and go out together. One
 * that it selects goes first, and a cycle through it is refused. */
START_TEST(read_sends_nothing_it_cannot_select)
{
	int64_t sub[6], dep;
	committed_subtopics(sub, 6);
	log_statements("subtopic_dependency", "INSERT");
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(depend(&dep, sub[1], sub[0]), CE_OK); /* the first: sent at once */
	/* each check scans the dependencies of a subtopic none waiting has */
	ck_assert_int_eq(depend(&dep, sub[3], sub[2]), CE_OK);
	ck_assert_int_eq(depend(&dep, sub[5], sub[4]), CE_OK);
	ck_assert_int_eq(depend(&dep, sub[2], sub[5]), CE_OK);
	/* 4 -> 3 would close 3 -> 2 -> 5 -> 4 -> 3, through rows sent and
	 * waiting: refused */
	ck_assert_int_eq(depend(&dep, sub[4], sub[3]), CE_ECYCLE);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(raw_count("subtopic_dependency"), 4);
	/* the first alone; 3 -> 2 kept waiting through the check of 5 -> 4
	 * (a scan of 4's), both went with the check of 2 -> 5 (a scan of 5's),
	 * 2 -> 5 with the last check's scan of 2's: three statements, where
	 * sending whatever waited before each scan made four */
	ck_assert_int_eq(statements_of("subtopic_dependency", "INSERT", 0), 3);
}
END_TEST

/* Moves of sent subtopics (no unique key but the id) wait in the table's
 * update buffer, one entry per row: a row moved twice goes out once in its
 * last state; reads of subtopic in the transaction (a lookup, a count by
 * status) see every move; commit stores them all with their history, in
 * a few statements instead of one per move. */
START_TEST(moves_of_sent_rows_batched)
{
	enum { N = 40 };
	int64_t sub[N];
	ce_date on = CE_DATE(2024, 4, 1), later = CE_DATE(2024, 5, 1);
	committed_subtopics(sub, N);
	log_statements("subtopic", "UPDATE");
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < N; i++)
		ck_assert_int_eq(ce_subtopic_set_status(db, sub[i], CE_SUBTOPIC_STATUS_APPROVED, on), CE_OK);
	for (int i = 0; i < N; i += 2) /* moved twice */
		ck_assert_int_eq(ce_subtopic_set_status(db, sub[i], CE_SUBTOPIC_STATUS_IN_PROGRESS, later),
		                 CE_OK);
	/* refused by the core (completed cannot follow approved): nothing changes */
	ck_assert_int_ne(ce_subtopic_set_status(db, sub[1], CE_SUBTOPIC_STATUS_COMPLETED, later), CE_OK);
	ce_subtopic *r;
	ck_assert_int_eq(ce_subtopic_lookup(&r, db, sub[N - 2]), CE_OK);
	ck_assert_int_eq(ce_subtopic_fields(r)->status, CE_SUBTOPIC_STATUS_IN_PROGRESS);
	ck_assert_int_eq(ce_subtopic_fields(r)->status_date, later);
	ce_subtopic_free(r);
	ck_assert_int_eq(count_subtopics(CE_SUBTOPIC_STATUS_IN_PROGRESS), N / 2);
	ck_assert_int_eq(count_subtopics(CE_SUBTOPIC_STATUS_APPROVED), N / 2);
	ck_assert_int_eq(count_subtopics(CE_SUBTOPIC_STATUS_PROPOSED), 0);
	/* a move after the read, and a third move of a row */
	ck_assert_int_eq(ce_subtopic_set_status(db, sub[0], CE_SUBTOPIC_STATUS_COMPLETED, later), CE_OK);
	ck_assert_int_eq(ce_subtopic_set_status(db, sub[1], CE_SUBTOPIC_STATUS_ABANDONED, later), CE_OK);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_status("subtopic", sub[0], "completed");
	ck_status("subtopic", sub[1], "abandoned");
	ck_status("subtopic", sub[2], "in_progress");
	ck_status("subtopic", sub[3], "approved");
	ck_status("subtopic", sub[N - 1], "approved");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM subtopic WHERE status = 'in_progress' AND %lld = 0",
	                         0), N / 2 - 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM subtopic_status_history WHERE from_state IS NOT "
	                         "NULL AND %lld = 0", 0), N + N / 2 + 2);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM subtopic_status_history WHERE record = %lld",
	                         sub[0]), 4); /* created, approved, in progress, completed */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit WHERE entity = 'subtopic' AND %lld = 0", 0),
	                 N + N + N / 2 + 2);
	/* 62 moves in at most 3 statements: the first move's history row is
	 * that table's first insert of the transaction, which goes out at once
	 * behind every buffer (that move alone); the other moves before the
	 * lookup in one; the two after it in one at commit */
	ck_assert_int_le(updates_of("subtopic"), 3);
}
END_TEST

/* A rollback after moves of sent rows stores none of them and sends no
 * UPDATE; the next transaction starts with empty buffers. */
START_TEST(rollback_after_moves_of_sent_rows)
{
	int64_t sub[6];
	ce_date on = CE_DATE(2024, 4, 1);
	committed_subtopics(sub, 6);
	log_statements("subtopic", "UPDATE");
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(ce_subtopic_set_status(db, sub[i], CE_SUBTOPIC_STATUS_ABANDONED, on), CE_OK);
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	ck_assert_int_eq(updates_of("subtopic"), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM subtopic WHERE status = 'proposed' AND %lld = 0",
	                         0), 6);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM subtopic_status_history WHERE from_state IS NOT "
	                         "NULL AND %lld = 0", 0), 0);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(ce_subtopic_set_status(db, sub[4], CE_SUBTOPIC_STATUS_APPROVED, on), CE_OK);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_status("subtopic", sub[4], "approved");
	ck_status("subtopic", sub[3], "proposed");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM subtopic WHERE status = 'proposed' AND %lld = 0",
	                         0), 5);
	ck_assert_int_eq(updates_of("subtopic"), 1);
}
END_TEST

/* A row deleted by another connection after the core read it: its UPDATE,
 * waiting in the buffer, touches fewer rows than it carries, which fails
 * the transaction at the next sync with a message naming the table; commit
 * fails and stores nothing of it. */
START_TEST(move_of_row_deleted_behind_back)
{
	int64_t sub[4];
	ce_date on = CE_DATE(2024, 4, 1);
	committed_subtopics(sub, 4);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	/* the first history insert of the transaction goes out at once (and
	 * locks its subtopic): sub[0]'s, not the victim's */
	ck_assert_int_eq(ce_subtopic_set_status(db, sub[0], CE_SUBTOPIC_STATUS_APPROVED, on), CE_OK);
	ck_assert_int_eq(ce_subtopic_set_status(db, sub[2], CE_SUBTOPIC_STATUS_APPROVED, on), CE_OK);
	char sql[512];
	snprintf(sql, sizeof sql,
	         "SET lock_timeout TO 5000; DELETE FROM \"%s\".subtopic_status_history WHERE record = %lld; "
	         "DELETE FROM \"%s\".subtopic WHERE id = %lld; SET lock_timeout TO 0",
	         schema, (long long)sub[2], schema, (long long)sub[2]);
	raw_exec(sql);
	int64_t n = -1;
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_SUBTOPIC, NULL), CE_EBACKEND);
	ck_assert_msg(strstr(ce_db_errmsg(db), "update of subtopic: 0 of its 1 rows"), "message: %s",
	              ce_db_errmsg(db));
	ck_doomed_said();
	ck_assert_int_eq(ce_subtopic_set_status(db, sub[3], CE_SUBTOPIC_STATUS_APPROVED, on),
	                 CE_EBACKEND);
	ck_doomed_said();
	ck_assert_msg(strstr(ce_db_errmsg(db), "update of subtopic"), "message: %s", ce_db_errmsg(db));
	ck_assert_int_ne(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(ce_db_in_transaction(db), 0);
	ck_status("subtopic", sub[0], "proposed");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM subtopic_status_history WHERE from_state IS NOT "
	                         "NULL AND %lld = 0", 0), 0);
	ck_assert_int_eq(raw_count("subtopic"), 3);
}
END_TEST

/* n projects, committed: every row sent. */
static void committed_projects(int64_t *p, int n)
{
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(project(&p[i], i), CE_OK);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
}

/* A project has a unique code, but a move keeps it (the core says so:
 * update_keys_kept()): moves of sent projects wait in the update buffer
 * as those of subtopics do, one entry per row in its last state; reads in
 * the transaction (a lookup, a lookup by code, a count by status) see
 * them; commit stores all in a few statements instead of one per move. */
START_TEST(moves_of_unique_keyed_rows_batched)
{
	enum { N = 40 };
	int64_t p[N];
	ce_date on = CE_DATE(2024, 4, 1), later = CE_DATE(2024, 9, 1);
	committed_projects(p, N);
	log_statements("project", "UPDATE");
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < N; i++)
		ck_assert_int_eq(ce_project_set_status(db, p[i], CE_PROJECT_STATUS_ACTIVE, on), CE_OK);
	for (int i = 0; i < N; i += 2) /* moved twice, on another lifecycle too */
		ck_assert_int_eq(ce_project_set_stage(db, p[i], CE_PROJECT_STAGE_PILOT, later), CE_OK);
	/* refused by the core (proposed cannot follow active): nothing changes */
	ck_assert_int_ne(ce_project_set_status(db, p[1], CE_PROJECT_STATUS_PROPOSED, later), CE_OK);
	ce_project *r;
	ck_assert_int_eq(ce_project_lookup(&r, db, p[N - 2]), CE_OK);
	ck_assert_int_eq(ce_project_fields(r)->status, CE_PROJECT_STATUS_ACTIVE);
	ck_assert_int_eq(ce_project_fields(r)->stage, CE_PROJECT_STAGE_PILOT);
	ck_assert_int_eq(ce_project_fields(r)->stage_date, later);
	ce_project_free(r);
	ck_assert_int_eq(ce_project_lookup_by_code(&r, db, "201901022003"), CE_OK);
	ck_assert_int_eq(ce_project_id(r), p[3]);
	ck_assert_int_eq(ce_project_fields(r)->status, CE_PROJECT_STATUS_ACTIVE);
	ce_project_free(r);
	ck_assert_int_eq(count_status(CE_PROJECT_STATUS_ACTIVE), N);
	ck_assert_int_eq(count_status(CE_PROJECT_STATUS_PROPOSED), 0);
	/* moves after the reads */
	ck_assert_int_eq(ce_project_set_status(db, p[0], CE_PROJECT_STATUS_COMPLETED, later), CE_OK);
	ck_assert_int_eq(ce_project_set_status(db, p[1], CE_PROJECT_STATUS_TERMINATED, later), CE_OK);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_status("project", p[0], "completed");
	ck_status("project", p[1], "terminated");
	ck_status("project", p[2], "active");
	ck_status("project", p[N - 1], "active");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project WHERE stage = 'pilot' AND %lld = 0", 0),
	                 N / 2);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project WHERE code LIKE '2019010220%%' AND %lld = 0",
	                         0), N);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project_status_history WHERE from_state IS NOT "
	                         "NULL AND %lld = 0", 0), N + 2);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit WHERE entity = 'project' AND %lld = 0", 0),
	                 N + N + N / 2 + 2);
	/* 62 moves in at most 4 statements: the first status move alone, and
	 * the moves before the first stage move with it (each history table's
	 * first insert of the transaction goes out at once behind every
	 * buffer); the others before the reads in one; the two after them in
	 * one at commit */
	ck_assert_int_le(updates_of("project"), 4);
}
END_TEST

/* An update that changes a code goes alone, and after the moves of its
 * row waiting (sent first, or they would write the old code back): two
 * codes swapped through a third (a -> x, b -> a, x -> b) across calls, a
 * row with a move waiting among them, then a move and a new title (keys
 * kept) waiting again. Commit stores every change; had a move waiting been
 * sent after its row's new code, the codes would collide or revert. */
START_TEST(key_change_after_buffered_move)
{
	int64_t p[6];
	ce_date on = CE_DATE(2024, 4, 1);
	committed_projects(p, 6);
	log_statements("project", "UPDATE");
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 6; i++) /* p[0]'s alone (the first history row), the others wait */
		ck_assert_int_eq(ce_project_set_status(db, p[i], CE_PROJECT_STATUS_ACTIVE, on), CE_OK);
	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	ce_project *a, *b;
	ck_assert_int_eq(ce_project_lookup(&a, db, p[1]), CE_OK); /* its move waits: sends it */
	ck_assert_int_eq(ce_project_lookup(&b, db, p[2]), CE_OK);
	ck_assert_int_eq(ce_project_fields(a)->status, CE_PROJECT_STATUS_ACTIVE);
	ce_date later = CE_DATE(2024, 6, 1);
	ck_assert_int_eq(ce_project_set_stage(db, p[1], CE_PROJECT_STAGE_PILOT, later), CE_OK); /* waits */
	s = *ce_project_fields(a);
	s.stage = CE_PROJECT_STAGE_PILOT;
	s.stage_date = later;
	s.code = "201901029999";
	ck_assert_int_eq(ce_project_update(db, p[1], &s), CE_OK); /* after p[1]'s move waiting */
	s = *ce_project_fields(b);
	s.code = ce_project_fields(a)->code;
	ck_assert_int_eq(ce_project_update(db, p[2], &s), CE_OK);
	s = *ce_project_fields(a);
	s.stage = CE_PROJECT_STAGE_PILOT;
	s.stage_date = later;
	s.code = ce_project_fields(b)->code;
	ck_assert_int_eq(ce_project_update(db, p[1], &s), CE_OK);
	ck_assert_int_eq(ce_project_set_status(db, p[1], CE_PROJECT_STATUS_COMPLETED, later), CE_OK);
	s = *ce_project_fields(b);
	s.code = ce_project_fields(a)->code;
	s.title = "高强铝合金热处理工艺优化（二期）"; /* keys kept: waits */
	ck_assert_int_eq(ce_project_update(db, p[2], &s), CE_OK);
	ck_assert_int_eq(ce_project_set_status(db, p[2], CE_PROJECT_STATUS_TERMINATED, later), CE_OK);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project WHERE code = '2019010220'||'02' AND "
	                         "stage = 'pilot' AND status = 'completed' AND id = %lld", p[1]), 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project WHERE code = '2019010220'||'01' AND "
	                         "status = 'terminated' AND title LIKE '%%二期%%' AND id = %lld", p[2]),
	                 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project WHERE code = '2019010299'||'99' AND %lld = 0",
	                         0), 0);
	ck_status("project", p[0], "active");
	ck_status("project", p[5], "active");
	/* the three new codes alone, the moves and the title waiting between
	 * them (each history table's first insert, and the core's look-up of
	 * each code, sends those waiting): fewer than one per update (13) */
	ck_assert_int_le(updates_of("project"), 8);
	ce_project_free(a);
	ce_project_free(b);
}
END_TEST

/* The backend's own rule, below the core (which looks a new code up
 * first, and that read sends the moves waiting): an update that moves a
 * key of a row whose keys-kept update waits goes out after it, not before
 * (it would then be overwritten by the old code). */
extern const ce_backend ce__postgresql_backend;

static int column_of(const ce_table_def *t, const char *name)
{
	for (int c = 0; c < t->ncolumns; c++)
		if (!strcmp(t->columns[c].name, name))
			return c;
	ck_abort_msg("no column %s", name);
	return -1;
}

START_TEST(key_change_sent_after_its_rows_waiting_update)
{
	const ce_backend *B = &ce__postgresql_backend;
	const ce_table_def *t = ce_schema_get()->tables[CE_ENTITY_PROJECT];
	int64_t p[2];
	char err[256] = "", texts[64][256];
	ce_value row[64];
	ck_assert_int_le(t->ncolumns, 64);
	committed_projects(p, 2);
	ce_backend_open_options o = { CE_BACKEND_OPEN_OPTIONS_VERSION, strchr(uri, ':') + 1,
		                          ce_schema_get(), 0, 5000, NULL, err, sizeof err };
	ce_backend_conn *c = NULL;
	ck_assert_msg(B->connect(&c, &o) == CE_OK, "%s", err);
	int status = column_of(t, "status"), code = column_of(t, "code");
	ck_assert_int_eq(B->begin(c), CE_OK);
	ck_assert_int_eq(B->call_without_savepoint(c), CE_BACKEND_CALL_DOOM);
	ck_assert_int_eq(B->fetch(c, t, p[0], row), CE_OK);
	for (int k = 0; k < t->ncolumns; k++) /* the texts outlive the next call */
		if (t->columns[k].type == CE_TYPE_TEXT && !row[k].null) {
			snprintf(texts[k], sizeof texts[k], "%s", row[k].s);
			row[k].s = texts[k];
		}
	ck_assert_str_eq(row[code].s, "201901022000");
	row[status].i = CE_PROJECT_STATUS_ACTIVE;
	ck_assert_int_eq(B->update_keys_kept(c, t, p[0], row), CE_OK); /* waits */
	ck_assert_int_eq(B->call_without_savepoint(c), CE_BACKEND_CALL_DOOM);
	row[code].s = "201901029999";
	ck_assert_int_eq(B->update(c, t, p[0], row), CE_OK); /* after the one waiting */
	ck_assert_int_eq(B->commit(c), CE_OK);
	B->close(c);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project WHERE code = '2019010299'||'99' AND "
	                         "status = 'active' AND id = %lld", p[0]), 1);
	ck_status("project", p[1], "proposed");
}
END_TEST

/* A rollback after moves of sent projects stores none of them; the next
 * transaction starts with an empty update buffer. */
START_TEST(rollback_after_moves_of_unique_keyed_rows)
{
	int64_t p[6];
	ce_date on = CE_DATE(2024, 4, 1);
	committed_projects(p, 6);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(ce_project_set_status(db, p[i], CE_PROJECT_STATUS_TERMINATED, on), CE_OK);
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project WHERE status = 'proposed' AND %lld = 0",
	                         0), 6);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project_status_history WHERE from_state IS NOT "
	                         "NULL AND %lld = 0", 0), 0);
	log_statements("project", "UPDATE");
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(ce_project_set_status(db, p[4], CE_PROJECT_STATUS_ACTIVE, on), CE_OK);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_status("project", p[4], "active");
	ck_status("project", p[3], "proposed");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project WHERE status = 'proposed' AND %lld = 0",
	                         0), 5);
	ck_assert_int_eq(updates_of("project"), 1);
}
END_TEST

static int collect(void *ctx, const char *data, size_t len)
{
	FILE *f = ctx;
	return fwrite(data, 1, len, f) == len ? 0 : -1;
}

/* An import is one transaction of sent writes: a row the server refuses
 * midway leaves nothing of it. */
START_TEST(import_refused_midway_leaves_nothing)
{
	/* the CSV of 300 partners, one of them refused, written by the library */
	char *csv = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&csv, &len);
	ce_db *src;
	ck_assert_int_eq(ce_db_open(&src, "memory:", NULL), CE_OK);
	ce_db *keep = db;
	db = src;
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 300; i++) {
		char name[64];
		int64_t id;
		snprintf(name, sizeof name, "合作单位%03d", i);
		ck_assert_int_eq(partner(&id, i == 200 ? FORBIDDEN : name), CE_OK);
	}
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(ce_export_csv(db, CE_ENTITY_PARTNER, collect, f, NULL), CE_OK);
	fclose(f);
	ce_db_close(src);
	db = keep;

	int rc = ce_import_csv(db, CE_ENTITY_PARTNER, csv, len, NULL);
	ck_assert_int_eq(rc, CE_EINVALID);
	ck_names_constraint();
	ck_assert_int_eq(raw_count("partner"), 0);
	ck_assert_int_eq(raw_count("audit"), 0);
	ck_assert_int_eq(ce_db_in_transaction(db), 0);
	free(csv);
}
END_TEST

/* ---- ids reserved ahead (pipeline.c): the next block is sent for before
 * the current one runs out and arrives with a round trip that happens
 * anyway (a read, the commit) ---------------------------------------------- */

/* The raw connection's query for one bigint. */
static int64_t raw_bigint(const char *sql)
{
	PGresult *res = PQexec(raw, sql);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(raw));
	int64_t v = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

/* The id the table's sequence gives next, without taking it. */
static int64_t raw_next_id(const char *table)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT pg_get_serial_sequence('\"%s\".\"%s\"', 'id')", schema, table);
	PGresult *res = PQexec(raw, sql);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	char seq[256];
	snprintf(seq, sizeof seq, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	snprintf(sql, sizeof sql,
	         "SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM %s", seq);
	return raw_bigint(sql);
}

/* Another connection takes an id of the table's sequence. */
static int64_t raw_take_id(const char *table)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT nextval(pg_get_serial_sequence('\"%s\".\"%s\"', 'id'))",
	         schema, table);
	return raw_bigint(sql);
}

/* A read that goes to the server: the round trip that brings what was
 * sent for ahead. */
static void round_trip(void)
{
	int64_t n;
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_PARTNER, NULL), CE_OK);
	ck_assert_int_ge(n, 0);
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* No id twice among n. */
static void ck_distinct(int64_t *ids, size_t n)
{
	qsort(ids, n, sizeof *ids, cmp_id);
	for (size_t i = 1; i < n; i++)
		ck_assert_msg(ids[i] != ids[i - 1], "id %lld given twice", (long long)ids[i]);
}

/* Many blocks, each sent for ahead, taken in flight or arrived (a read
 * every few inserts, at varying distances): ids dense and ascending, the
 * rows stored, and the commit gives back what the blocks held unused. */
START_TEST(ids_ascend_across_prefetched_blocks)
{
	int64_t id, last = 0;
	char name[64];
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < 1500; i++) {
		snprintf(name, sizeof name, "预取合作单位%04d", i);
		ck_assert_int_eq(partner(&id, name), CE_OK);
		ck_assert_int_eq(id, last + 1);
		last = id;
		if (i % (3 + i / 100) == 0)
			round_trip();
	}
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(raw_count("partner"), 1500);
	ck_assert_int_eq(raw_next_id("partner"), last + 1);
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT max(id) + 1 FROM \"%s\".audit", schema);
	ck_assert_int_eq(raw_next_id("audit"), raw_bigint(sql));
}
END_TEST

/* Commit after n inserts, for each n: the reservation sent ahead is in
 * flight at the commit, or arrived (a read after the last insert), or
 * none was sent. Each time the sequence's next value is the first unused
 * id: the next transaction's ids follow on without a gap. */
START_TEST(commit_gives_prefetched_ids_back)
{
	int64_t id, last = 0;
	char name[64];
	for (int n = 1; n <= 40; n++) {
		ck_assert_int_eq(ce_db_begin(db), CE_OK);
		for (int i = 0; i < n; i++) {
			snprintf(name, sizeof name, "单位%02d_%02d", n, i);
			ck_assert_int_eq(partner(&id, name), CE_OK);
			ck_assert_int_eq(id, last + 1);
			last = id;
		}
		if (n % 2)
			round_trip();
		ck_assert_int_eq(ce_db_commit(db), CE_OK);
		ck_assert_int_eq(raw_next_id("partner"), last + 1);
	}
	ck_assert_int_eq(raw_count("partner"), last);
}
END_TEST

/* A rollback with a reservation in flight (after each count of inserts,
 * so that one is at some point), then a new transaction: its inserts are
 * stored, and no id is ever given twice (the late answer of the rolled
 * back transaction's reservation lands nowhere). */
START_TEST(rollback_forgets_reservation_in_flight)
{
	int64_t ids[2048];
	size_t nids = 0;
	int64_t kept = 0, id;
	char name[64];
	for (int n = 2; n <= 30; n++) {
		ck_assert_int_eq(ce_db_begin(db), CE_OK);
		for (int i = 0; i < n; i++) {
			snprintf(name, sizeof name, "撤销%02d_%02d", n, i);
			ck_assert_int_eq(partner(&id, name), CE_OK);
			ids[nids++] = id;
		}
		ck_assert_int_eq(ce_db_rollback(db), CE_OK);
		ck_assert_int_eq(ce_db_begin(db), CE_OK);
		for (int i = 0; i < 12; i++) {
			snprintf(name, sizeof name, "保留%02d_%02d", n, i);
			ck_assert_int_eq(partner(&id, name), CE_OK);
			ids[nids++] = id;
		}
		round_trip();
		ck_assert_int_eq(ce_db_commit(db), CE_OK);
		kept += 12;
		ck_assert_int_eq(raw_count("partner"), kept);
	}
	int64_t next = raw_next_id("partner");
	ck_distinct(ids, nids);
	ck_assert_int_gt(next, ids[nids - 1]);
	/* the store goes on: a single call after all that */
	ck_assert_int_eq(partner(&id, "最后一个"), CE_OK);
	ck_assert_int_ge(id, next);
}
END_TEST

/* Another connection takes ids of the same sequence between the blocks
 * (every k inserts, and in some rounds just before the commit): every id
 * is still given once, and the commit gives back nothing another holds. */
START_TEST(other_connection_takes_ids_between_blocks)
{
	int64_t ids[8192];
	size_t nids = 0;
	int64_t id;
	char name[64];
	static const int every[] = { 3, 7, 50 };
	for (int round = 0; round < 6; round++) {
		int k = every[round % 3];
		int64_t last = 0;
		ck_assert_int_eq(ce_db_begin(db), CE_OK);
		for (int i = 0; i < 300; i++) {
			snprintf(name, sizeof name, "并发%d_%03d", round, i);
			ck_assert_int_eq(partner(&id, name), CE_OK);
			ck_assert_int_gt(id, last);
			last = id;
			ids[nids++] = id;
			if (i % k == k - 1)
				ids[nids++] = raw_take_id("partner");
			if (i % 11 == 0 && round % 2)
				round_trip();
		}
		if (round >= 3)
			ids[nids++] = raw_take_id("partner");
		ck_assert_int_eq(ce_db_commit(db), CE_OK);
		int64_t next = raw_next_id("partner");
		for (size_t i = 0; i < nids; i++)
			ck_assert_msg(ids[i] < next, "id %lld given back though taken", (long long)ids[i]);
	}
	ck_assert_int_eq(raw_count("partner"), 6 * 300);
	/* one id taken after insert m of n, then a read (what was sent for
	 * ahead arrives) and the commit: with the take between the current
	 * block and the next, only the next block's ids may go back */
	for (int n = 3; n <= 24; n++) {
		int ms[3] = { 2, 3, n / 2 };
		for (int j = 0; j < 3; j++) {
			ck_assert_int_eq(ce_db_begin(db), CE_OK);
			for (int i = 1; i <= n; i++) {
				snprintf(name, sizeof name, "间隔%02d_%d_%02d", n, j, i);
				ck_assert_int_eq(partner(&id, name), CE_OK);
				ids[nids++] = id;
				if (i == ms[j])
					ids[nids++] = raw_take_id("partner");
			}
			round_trip();
			ck_assert_int_eq(ce_db_commit(db), CE_OK);
			int64_t next = raw_next_id("partner");
			for (size_t i = 0; i < nids; i++)
				ck_assert_msg(ids[i] < next, "id %lld given back though taken", (long long)ids[i]);
		}
	}
	ck_distinct(ids, nids);
}
END_TEST

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: pg_pipeline POSTGRESQL_URI\n");
		return 2;
	}
	base_uri = argv[1];
	pgtest_run_name(run, sizeof run);
	Suite *s = suite_create("pg_pipeline");
	TCase *tc = tcase_create("pipeline");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, rule_refusal_keeps_transaction);
	tcase_add_test(tc, first_insert_refused_dooms_transaction);
	tcase_add_test(tc, single_create_refused);
	tcase_add_test(tc, sent_insert_refused_dooms_transaction);
	tcase_add_test(tc, rollback_after_sent_refusal);
	tcase_add_test(tc, many_sent_writes_stored);
	tcase_add_test(tc, updates_between_buffered_inserts);
	tcase_add_test(tc, single_update_refused);
	tcase_add_test(tc, moves_of_buffered_rows);
	tcase_add_test(tc, moves_of_sent_and_buffered_rows);
	tcase_add_test(tc, buffered_move_refused_by_server);
	tcase_add_test(tc, rollback_after_buffered_moves);
	tcase_add_test(tc, import_refused_midway_leaves_nothing);
	tcase_add_test(tc, ids_ascend_across_prefetched_blocks);
	tcase_add_test(tc, commit_gives_prefetched_ids_back);
	tcase_add_test(tc, rollback_forgets_reservation_in_flight);
	tcase_add_test(tc, other_connection_takes_ids_between_blocks);
	tcase_add_test(tc, moves_of_sent_rows_batched);
	tcase_add_test(tc, rollback_after_moves_of_sent_rows);
	tcase_add_test(tc, move_of_row_deleted_behind_back);
	tcase_add_test(tc, moves_of_unique_keyed_rows_batched);
	tcase_add_test(tc, key_change_after_buffered_move);
	tcase_add_test(tc, rollback_after_moves_of_unique_keyed_rows);
	tcase_add_test(tc, key_change_sent_after_its_rows_waiting_update);
	tcase_add_test(tc, full_buffer_sends_only_what_it_needs);
	tcase_add_test(tc, read_sends_only_what_its_rows_refer_to);
	tcase_add_test(tc, read_sends_nothing_it_cannot_select);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	/* a failed test's child exits before its teardown drops its schema */
	char prefix[48];
	snprintf(prefix, sizeof prefix, "pipe%s_", run);
	if (pgtest_drop_schemas(base_uri, prefix) != 0)
		failed = 1;
	return failed ? 1 : 0;
}
