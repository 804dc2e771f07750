/* Report cursors: every report read row by row gives the rows of its
 * table, cell for cell and in order, on every backend, streamed where the
 * backend computes it; the cursor's life next to its db (closing early,
 * the db closing first, writes refused while it is open). */
#include <stdio.h>
#include <string.h>

#include "coopedu/partner.h"
#include "t_reports_fixture.h"

/* The reports the SQL backends compute in SQL, and so stream. */
static bool sql_native(const char *name)
{
	static const char *const native[] = {
		"supervision_coverage", "students_lacking_supervisor", "guidance_hours",
		"guidance_by_term",     "cooperation_depth",           "placement_health",
		"destinations",         "project_pipeline",            "budget_variance",
		"risk_exposure",        "spinoffs",          "idle_platforms",
	};
	for (size_t i = 0; i < CE_ARRAY_LEN(native); i++)
		if (strcmp(native[i], name) == 0)
			return true;
	return false;
}

/* platform_utilisation is in SQL on PostgreSQL only (sql.h: year_first_day). */
static bool streams_here(const char *name)
{
	return !is_memory() &&
	       (sql_native(name) || (is_postgresql() && strcmp(name, "platform_utilisation") == 0));
}

/* The current row as render() writes a table's. */
static const char *render_cursor(const ce_report_cursor *c)
{
	static char buf[2048];
	size_t n = 0;
	buf[0] = '\0';
	for (int k = 0; k < ce_report_cursor_column_count(c); k++) {
		int64_t i;
		double x;
		const char *sep = k ? "|" : "";
		ck_assert_int_ge(ce_report_cursor_is_null(c, k), 0);
		if (ce_report_cursor_is_null(c, k))
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s~", sep);
		else if (ce_report_cursor_column_type(c, k) == CE_TYPE_TEXT)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", sep, ce_report_cursor_get_text(c, k));
		else if (ce_report_cursor_column_type(c, k) == CE_TYPE_REAL && ce_report_cursor_get_real(&x, c, k) == CE_OK)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%.17g", sep, x);
		else if (ce_report_cursor_get_int(&i, c, k) == CE_OK)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%lld", sep, (long long)i);
		if (n >= sizeof buf)
			break;
	}
	return buf;
}

/* Asserts the cursor of report name under f reads t's rows exactly. */
static void ck_cursor_equals(const char *name, const ce_report_filter *f, const ce_table *t,
                             const char *what)
{
	ce_report_cursor *c;
	ck_ok(ce_report_open(&c, db, name, f));
	ck_assert_str_eq(ce_report_cursor_name(c), name);
	ck_assert_int_eq(ce_report_cursor_streams(c), streams_here(name));
	ck_assert_int_eq(ce_report_cursor_column_count(c), ce_table_column_count(t));
	for (int k = 0; k < ce_table_column_count(t); k++) {
		int at = -1;
		ck_assert_str_eq(ce_report_cursor_column_name(c, k), ce_table_column_name(t, k));
		ck_assert_int_eq(ce_report_cursor_column_type(c, k), ce_table_column_type(t, k));
		ck_ok(ce_report_cursor_column_index(&at, c, ce_table_column_name(t, k)));
		ck_assert_int_eq(at, k);
	}
	/* no row before the first step */
	ck_assert_int_eq(ce_report_cursor_is_null(c, 0), -1);
	size_t n = 0;
	int rc;
	while ((rc = ce_report_next(c)) == CE_OK) {
		ck_assert_msg(n < ce_table_row_count(t), "%s (%s): more rows than the table's %zu", name,
		              what, ce_table_row_count(t));
		char want[2048];
		snprintf(want, sizeof want, "%s", render(t, n));
		ck_assert_msg(strcmp(render_cursor(c), want) == 0, "%s (%s) row %zu: cursor %s, table %s",
		              name, what, n, render_cursor(c), want);
		n++;
	}
	ck_assert_msg(rc == CE_ITEROVER, "%s (%s): next returned %d (%s)", name, what, rc,
	              ce_last_errmsg());
	ck_assert_uint_eq(n, ce_table_row_count(t));
	/* the end stays the end, with no row current */
	ck_rc(ce_report_next(c), CE_ITEROVER);
	ck_assert_ptr_null(ce_report_cursor_get_text(c, 1));
	int64_t v = 7;
	ck_rc(ce_report_cursor_get_int(&v, c, 0), CE_EINVALID);
	ck_assert_int_eq(v, 0);
	ce_report_close(c);
}

/* Every report under each filter it takes, on the store at hand. */
static void ck_every_report(int64_t partner, int64_t project, const char *store)
{
	const struct {
		const char *what;
		ce_date from, to;
		int64_t partner, project;
		int cohort;
	} shapes[] = {
		{ "everything", 0, 0, 0, 0, 0 },
		{ "2016..2018", D(2016, 1, 1), D(2018, 12, 31), 0, 0, 0 },
		{ "a partner", 0, 0, partner, 0, 0 },
		{ "a project", 0, 0, 0, project, 0 },
		{ "cohort 2015", 0, 0, 0, 0, 2015 },
	};
	for (int i = 0; i < ce_report_count(); i++) {
		const char *name = ce_report_name(i);
		for (size_t s = 0; s < CE_ARRAY_LEN(shapes); s++) {
			ce_report_filter f = CE_REPORT_FILTER_INIT;
			ce_table *t;
			char what[128];
			f.from = shapes[s].from;
			f.to = shapes[s].to;
			f.partner = shapes[s].partner;
			f.project = shapes[s].project;
			f.cohort = shapes[s].cohort;
			if (strcmp(name, "subtopic_graph") == 0)
				f.project = project;
			if (ce_report_run(&t, db, name, &f) != CE_OK) {
				/* a filter the report refuses: the cursor refuses it alike */
				ce_report_cursor *c = (ce_report_cursor *)&t;
				int want = ce_db_errcode(db);
				ck_rc(ce_report_open(&c, db, name, &f), want);
				ck_assert_ptr_null(c);
				continue;
			}
			snprintf(what, sizeof what, "%s, %s", store, shapes[s].what);
			ck_cursor_equals(name, &f, t, what);
			ce_table_free(t);
		}
	}
}

START_TEST(every_report_reads_row_by_row_as_its_table)
{
	build();
	ck_every_report(fx.aero, fx.j1, "fixture");
	/* an empty store: no rows, the columns all the same */
	ce_db_close(db);
	db = NULL;
	ck_ok(ce_db_open(&db, fresh_store_uri(), NULL));
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	for (int i = 0; i < ce_report_count(); i++) {
		ce_table *t;
		if (ce_report_run(&t, db, ce_report_name(i), &f) != CE_OK)
			continue; /* subtopic_graph needs a project */
		ck_cursor_equals(ce_report_name(i), &f, t, "empty");
		ce_table_free(t);
	}
}
END_TEST

START_TEST(random_stores_read_row_by_row_as_their_tables)
{
	build_random(20261205u);
	/* partner 2 (1 is the university), project 1 */
	ck_every_report(2, 1, "random");
}
END_TEST

/* More rows than PostgreSQL's cursor fetches at a time (1000): one
 * session of 12 supervisors and 90 students is 1080 rows of
 * guidance_by_term, read across batches as the table has them. */
START_TEST(more_rows_than_a_fetch)
{
	ck_ok(ce_db_begin(db));
	int64_t firm = partner("中国商飞上海飞机设计研究院", CE_PARTNER_ENTERPRISE);
	int64_t j = project("XM-2019-01", "飞机复合材料结构健康监测", 0, NULL, D(2019, 1, 1), 0,
	                    CE_PROJECT_STATUS_ACTIVE, CE_PROJECT_STAGE_LABORATORY);
	int64_t s = subtopic(j, "传感器网络布置", CE_SUBTOPIC_SITE_UNIVERSITY, 0, 30, D(2019, 2, 1), END);
	ce_guidance_session_spec gs = CE_GUIDANCE_SESSION_SPEC_INIT;
	ce_guidance_attendee_spec a = CE_GUIDANCE_ATTENDEE_SPEC_INIT;
	int64_t session, id;
	gs.held_on = D(2019, 3, 12);
	gs.duration_minutes = 90;
	gs.mode = CE_GUIDANCE_MODE_MEETING;
	gs.subtopic = s;
	ck_ok(ce_guidance_session_create(&session, db, &gs));
	a.session = session;
	for (int k = 0; k < 12; k++) {
		a.supervisor = supervisor(S("导师%02d", k), k % 2 ? CE_SUPERVISOR_ENTERPRISE
		                                                  : CE_SUPERVISOR_ACADEMIC,
		                          k % 2 ? firm : 0);
		ck_ok(ce_guidance_attendee_create(&id, db, &a));
	}
	a.supervisor = 0;
	for (int k = 0; k < 90; k++) {
		a.student = student(S("20182203%02d", k), S("学生%02d", k), CE_STUDENT_LEVEL_ACADEMIC_MASTER,
		                    2018);
		ck_ok(ce_guidance_attendee_create(&id, db, &a));
	}
	ck_ok(ce_db_commit(db));
	ce_table *t;
	ck_ok(ce_report_run(&t, db, "guidance_by_term", NULL));
	ck_assert_uint_eq(ce_table_row_count(t), 1080);
	ck_cursor_equals("guidance_by_term", NULL, t, "1080 rows");
	ce_table_free(t);
}
END_TEST

/* A cursor closed after a row, or before any, and two at once: each
 * ends cleanly and the store takes writes again once the last closes. */
START_TEST(closing_early_is_safe)
{
	build();
	ce_report_cursor *a, *b;
	ck_ok(ce_report_open(&a, db, "guidance_by_term", NULL));
	ck_ok(ce_report_open(&b, db, "outcome_funnel", NULL));
	ck_ok(ce_report_next(a));
	ck_assert_int_gt(ce_report_cursor_get_text(a, 1) ? 1 : 0, 0);
	ce_report_close(a);
	ck_ok(ce_report_next(b));
	int64_t id;
	ce_partner_spec p = CE_PARTNER_SPEC_INIT;
	p.name = "西安飞机工业公司";
	p.kind = CE_PARTNER_ENTERPRISE;
	ck_rc(ce_partner_create(&id, db, &p), CE_EMISUSE); /* b is still open */
	ce_report_close(b);
	ck_ok(ce_partner_create(&id, db, &p));
	/* never stepped */
	ck_ok(ce_report_open(&a, db, "guidance_hours", NULL));
	ce_report_close(a);
	ce_report_close(NULL);
}
END_TEST

/* The db closing with cursors open invalidates them: next says so, the
 * accessors find no row, and closing them afterwards is safe. */
START_TEST(the_db_closing_first_invalidates_its_cursors)
{
	build();
	ce_report_cursor *a, *b;
	ck_ok(ce_report_open(&a, db, "guidance_by_term", NULL));
	ck_ok(ce_report_open(&b, db, "outcome_funnel", NULL));
	ck_ok(ce_report_next(a));
	ce_db_close(db);
	db = NULL;
	ck_rc(ce_report_next(a), CE_EMISUSE);
	ck_assert_msg(strstr(ce_last_errmsg(), "closed") != NULL, "message: %s", ce_last_errmsg());
	ck_rc(ce_report_next(b), CE_EMISUSE);
	ck_assert_ptr_null(ce_report_cursor_get_text(a, 1));
	ck_assert_int_eq(ce_report_cursor_is_null(a, 0), -1);
	ck_assert_int_eq(ce_report_cursor_column_count(a), 0);
	ce_report_close(a);
	ce_report_close(b);
	reopen();
}
END_TEST

/* While a cursor is open, every write and transaction call is refused
 * and changes nothing; reads and other reports go on; the cursor's rows
 * are the table's all the same. Inside a transaction too. */
START_TEST(writes_wait_for_open_cursors)
{
	build();
	ce_table *t;
	ck_ok(ce_report_run(&t, db, "guidance_by_term", NULL));
	int64_t before, after, id;
	ck_ok(ce_record_count(&before, db, CE_ENTITY_PARTNER, NULL));

	ce_report_cursor *c;
	ck_ok(ce_report_open(&c, db, "guidance_by_term", NULL));
	ck_ok(ce_report_next(c));
	ce_partner_spec p = CE_PARTNER_SPEC_INIT;
	p.name = "成都飞机工业公司";
	p.kind = CE_PARTNER_ENTERPRISE;
	ck_rc(ce_partner_create(&id, db, &p), CE_EMISUSE);
	ck_assert_msg(strstr(ce_db_errmsg(db), "report cursor") != NULL, "%s", ce_db_errmsg(db));
	ck_rc(ce_record_delete(db, CE_ENTITY_PARTNER, fx.cons, 0), CE_EMISUSE);
	ck_rc(ce_db_begin(db), CE_EMISUSE);
	ck_assert_int_eq(ce_db_in_transaction(db), 0);
	/* reads go on */
	ck_ok(ce_record_count(&after, db, CE_ENTITY_PARTNER, NULL));
	ck_assert_int_eq(after, before);
	ce_table *other;
	ck_ok(ce_report_run(&other, db, "guidance_hours", NULL));
	ce_table_free(other);
	size_t n = 1;
	while (ce_report_next(c) == CE_OK) {
		char want[2048];
		snprintf(want, sizeof want, "%s", render(t, n));
		ck_assert_str_eq(render_cursor(c), want);
		n++;
	}
	ck_assert_uint_eq(n, ce_table_row_count(t));
	ce_report_close(c);
	ck_ok(ce_partner_create(&id, db, &p));

	/* inside the caller's transaction: the cursor reads what it wrote */
	ck_ok(ce_db_begin(db));
	p.name = "沈阳飞机工业公司";
	ck_ok(ce_partner_create(&id, db, &p));
	ck_ok(ce_report_open(&c, db, "cooperation_depth", NULL));
	ck_rc(ce_db_commit(db), CE_EMISUSE);
	ck_rc(ce_db_rollback(db), CE_EMISUSE);
	ck_assert_int_eq(ce_db_in_transaction(db), 1);
	bool seen = false;
	while (ce_report_next(c) == CE_OK) {
		int64_t partner;
		ck_ok(ce_report_cursor_get_int(&partner, c, 0));
		seen |= partner == id;
	}
	ck_assert(seen);
	ce_report_close(c);
	ck_ok(ce_db_commit(db));
	ck_ok(ce_record_count(&after, db, CE_ENTITY_PARTNER, NULL));
	ck_assert_int_eq(after, before + 2);
	ce_table_free(t);
}
END_TEST

/* Arguments: each refusal with a message, nothing opened. */
START_TEST(bad_arguments_are_refused)
{
	ce_report_cursor *c = (ce_report_cursor *)&c;
	ck_rc(ce_report_open(&c, NULL, "guidance_hours", NULL), CE_EINVALID);
	ck_assert_ptr_null(c);
	ck_rc(ce_report_open(NULL, db, "guidance_hours", NULL), CE_EINVALID);
	c = (ce_report_cursor *)&c;
	ck_rc(ce_report_open(&c, db, "no_such_report", NULL), CE_ENOTFOUND);
	ck_assert_ptr_null(c);
	ck_assert_msg(strstr(ce_db_errmsg(db), "no_such_report") != NULL, "%s", ce_db_errmsg(db));
	ck_rc(ce_report_open(&c, db, NULL, NULL), CE_ENOTFOUND);
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	f.cohort = 1800;
	ck_rc(ce_report_open(&c, db, "guidance_hours", &f), CE_EINVALID);
	ck_assert_ptr_null(c);
	ck_rc(ce_report_open(&c, db, "subtopic_graph", NULL), CE_EINVALID);
	ck_rc(ce_report_next(NULL), CE_EINVALID);
	ck_assert_int_eq(ce_report_cursor_streams(NULL), -1);
	ck_assert_ptr_null(ce_report_cursor_name(NULL));
	ck_assert_int_eq(ce_report_cursor_column_count(NULL), 0);
	ck_assert_ptr_null(ce_report_cursor_column_name(NULL, 0));
	int at;
	ck_rc(ce_report_cursor_column_index(&at, NULL, "cohort"), CE_EINVALID);
	ck_ok(ce_report_open(&c, db, "supervision_coverage", NULL));
	ck_rc(ce_report_cursor_column_index(&at, c, "nothing"), CE_ENOTFOUND);
	ck_assert_ptr_null(ce_report_cursor_column_name(c, 99));
	ck_rc(ce_report_next(c), CE_ITEROVER); /* an empty store */
	ce_report_close(c);
}
END_TEST

Suite *suite_report_cursor(void)
{
	Suite *s = suite_create("report_cursor");
	TCase *tc = store_tcase("report_cursor");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, every_report_reads_row_by_row_as_its_table);
	tcase_add_test(tc, random_stores_read_row_by_row_as_their_tables);
	tcase_add_test(tc, more_rows_than_a_fetch);
	tcase_add_test(tc, closing_early_is_safe);
	tcase_add_test(tc, the_db_closing_first_invalidates_its_cursors);
	tcase_add_test(tc, writes_wait_for_open_cursors);
	tcase_add_test(tc, bad_arguments_are_refused);
	suite_add_tcase(s, tc);
	return s;
}
