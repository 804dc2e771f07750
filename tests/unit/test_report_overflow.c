/* A store written before money and planned_days were bounded (issue 14,
 * defect 1) may hold values whose sums pass INT64_MAX. The reports must
 * fail on them, never wrap: once the critical path printed a negative
 * earliest finish and the memory backend's pipeline a negative budget
 * while SQLite said "integer overflow". The values are written behind the
 * library's back with sqlite3; the core's C implementation of the
 * pipeline (what the memory backend runs) is called on the same store. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include <coopedu.h>

#include "analytics/analytics_internal.h"

static char dir[256], path[300], uri[320];
static int64_t project;

static void raw_exec(const char *sql)
{
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s: %s", sql,
	              sqlite3_errmsg(db));
	sqlite3_close(db);
}

static int64_t subtopic(ce_db *db, const char *title)
{
	ce_subtopic_spec s = CE_SUBTOPIC_SPEC_INIT;
	int64_t id = 0;
	s.project = project;
	s.title = title;
	s.kind = CE_SUBTOPIC_APPLIED;
	s.site = CE_SUBTOPIC_SITE_UNIVERSITY;
	s.planned_days = 90;
	s.status_date = CE_DATE(2019, 9, 1);
	ck_assert_int_eq(ce_subtopic_create(&id, db, &s), CE_OK);
	return id;
}

/* Two projects with a budget, a chain of two subtopics; then, raw, budgets
 * and planned days near INT64_MAX. */
static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	ce_db *db = NULL;
	char sql[400];
	snprintf(dir, sizeof dir, "%s/ce_overflow_XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/store.db", dir);
	snprintf(uri, sizeof uri, "sqlite:%s", path);
	ck_assert_int_eq(ce_db_open(&db, uri, NULL), CE_OK);
	int64_t other = 0;
	for (int i = 0; i < 2; i++) {
		ce_project_spec p = CE_PROJECT_SPEC_INIT;
		p.code = i ? "P-2" : "P-1";
		p.title = i ? "乙项目：铝合金熔铸" : "甲项目：覆膜砂再生";
		p.start_date = CE_DATE(2019, 1, 1);
		p.budget = 1000000;
		p.currency = "CNY";
		ck_assert_int_eq(ce_project_create(i ? &other : &project, db, &p), CE_OK);
	}
	int64_t s1 = subtopic(db, "子课题一：砂型配方"), s2 = subtopic(db, "子课题二：中试");
	ce_subtopic_dependency_spec d = CE_SUBTOPIC_DEPENDENCY_SPEC_INIT;
	int64_t did;
	d.subtopic = s2;
	d.depends_on = s1;
	ck_assert_int_eq(ce_subtopic_dependency_create(&did, db, &d), CE_OK);
	ce_db_close(db);
	snprintf(sql, sizeof sql,
	         "UPDATE project SET budget = %lld; UPDATE subtopic SET planned_days = %lld;",
	         (long long)(INT64_MAX - 1), (long long)(INT64_MAX - 10));
	raw_exec(sql);
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

static void assert_fails(ce_db *db, int rc, const char *needle)
{
	ck_assert_msg(rc != CE_OK, "the report went through");
	ck_assert_msg(strstr(ce_db_errmsg(db), needle), "rc %d: %s", rc, ce_db_errmsg(db));
}

/* es + planned_days past INT64_MAX: refused, not a negative finish. */
START_TEST(critical_path_past_int64_fails)
{
	ce_db *db = NULL;
	ce_table *t = NULL;
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	ck_assert_int_eq(ce_db_open(&db, uri, NULL), CE_OK);
	f.project = project;
	int rc = ce_report_subtopic_graph(&t, db, &f);
	ck_assert_int_eq(rc, CE_EINVALID);
	ck_assert_ptr_null(t);
	assert_fails(db, rc, "planned days add up past the largest integer");
	ce_db_close(db);
}
END_TEST

/* Budgets summing past INT64_MAX: the SQL report (SQLite) and the core's
 * (memory) both refuse, where they once disagreed. */
START_TEST(pipeline_budget_past_int64_fails_alike)
{
	ce_db *db = NULL;
	ce_table *t = NULL;
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	ck_assert_int_eq(ce_db_open(&db, uri, NULL), CE_OK);
	int rc = ce_report_project_pipeline(&t, db, &f);
	ck_assert_ptr_null(t);
	assert_fails(db, rc, "overflow");
	rc = ce__an_project_pipeline(&t, db, &f);
	ck_assert_int_eq(rc, CE_EINVALID);
	ck_assert_ptr_null(t);
	assert_fails(db, rc, "budgets add up past the largest integer");
	ce_db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("report_overflow");
	TCase *tc = tcase_create("unbounded store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, critical_path_past_int64_fails);
	tcase_add_test(tc, pipeline_budget_past_int64_fails_alike);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
