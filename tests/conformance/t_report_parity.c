/* Parity: a report the backend computes itself must equal the core's C
 * implementation, the reference, cell for cell (names, types, NULLs,
 * values). For every report and every filter shape it honours, on the
 * hand-worked fixture, an empty store and seeded random stores, the
 * backend's own table (ce__store_report) is compared with the core's (the
 * public call under ce__report_force_core). A backend that leaves a
 * report to the core answers CE_ENOTSUPPORTED and nothing is compared:
 * comparing the core with itself would prove nothing. */
#include <stdio.h>

#include "core/store.h"
#include "t_reports_fixture.h"

/* What the shared SQL layer computes on every SQL backend (SQLite,
 * PostgreSQL); each must stay native under every filter it honours. */
static const char *const sql_native[] = {
	"supervision_coverage", "students_lacking_supervisor", "guidance_hours",
	"guidance_by_term",     "cooperation_depth",           "placement_health",
	"destinations",         "project_pipeline",            "budget_variance",
	"risk_exposure",        "spinoffs",          "idle_platforms",
};

/* ... and those PostgreSQL alone computes in SQL (SQLite leaves them to
 * the core, whose scans cost it less: sql.h, year_first_day). */
static const char *const pg_native[] = { "platform_utilisation" };

enum { MAX_REPORTS = 32 };

typedef struct tally {
	int accepted[MAX_REPORTS]; /* (filter, store) pairs the report took */
	int native[MAX_REPORTS];   /* of which the backend computed (and matched) */
	int unsupported;           /* ce__store_report answered CE_ENOTSUPPORTED */
} tally;

/* Filter shapes: ids are slots (1: a, 2: b) filled per store; level and
 * student (the people members) only the outcome reports honour. */
static const struct shape {
	const char *what;
	ce_date from, to;
	int partner, project, cohort, descendants, level, student;
} shapes[] = {
	{ "everything", 0, 0, 0, 0, 0, 0, 0, 0 },
	{ "2016", D(2016, 1, 1), D(2016, 12, 31), 0, 0, 0, 0, 0, 0 },
	{ "2018-03..2019-02", D(2018, 3, 1), D(2019, 2, 28), 0, 0, 0, 0, 0, 0 },
	{ "from 2017", D(2017, 1, 1), 0, 0, 0, 0, 0, 0, 0 },
	{ "to 2017-06-30", 0, D(2017, 6, 30), 0, 0, 0, 0, 0, 0 },
	{ "one day", D(2017, 3, 20), D(2017, 3, 20), 0, 0, 0, 0, 0, 0 },
	{ "from the spin-off's first day", D(2017, 3, 1), D(2018, 12, 31), 0, 0, 0, 0, 0, 0 },
	{ "an empty period", D(2031, 1, 1), D(2031, 12, 31), 0, 0, 0, 0, 0, 0 },
	{ "partner a", 0, 0, 1, 0, 0, 0, 0, 0 },
	{ "partner b", 0, 0, 2, 0, 0, 0, 0, 0 },
	{ "project a", 0, 0, 0, 1, 0, 0, 0, 0 },
	{ "project b", 0, 0, 0, 2, 0, 0, 0, 0 },
	{ "cohort 2015", 0, 0, 0, 0, 2015, 0, 0, 0 },
	{ "cohort 2016", 0, 0, 0, 0, 2016, 0, 0, 0 },
	{ "a cohort of nobody", 0, 0, 0, 0, 1990, 0, 0, 0 },
	{ "period, partner b", D(2016, 6, 1), D(2018, 6, 1), 2, 0, 0, 0, 0, 0 },
	{ "period, project a", D(2016, 1, 1), D(2018, 12, 31), 0, 1, 0, 0, 0, 0 },
	{ "period, cohort 2016", D(2015, 1, 1), D(2019, 12, 31), 0, 0, 2016, 0, 0, 0 },
	{ "partner a, project a", 0, 0, 1, 1, 0, 0, 0, 0 },
	{ "partner b, cohort 2015", 0, 0, 2, 0, 2015, 0, 0, 0 },
	{ "project b, cohort 2014", 0, 0, 0, 2, 2014, 0, 0, 0 },
	{ "period, partner a, project a, cohort 2015", D(2015, 1, 1), D(2019, 12, 31), 1, 1, 2015, 0, 0, 0 },
	{ "project a and below", 0, 0, 0, 1, 0, 1, 0, 0 },
	{ "project b and below", 0, 0, 0, 2, 0, 1, 0, 0 },
	{ "period, partner a, project a and below", D(2016, 1, 1), D(2019, 12, 31), 1, 1, 0, 1, 0, 0 },
	{ "project a and below, cohort 2016", 0, 0, 0, 1, 2016, 1, 0, 0 },
	{ "undergraduates", 0, 0, 0, 0, 0, 0, CE_REPORT_LEVEL_UNDERGRADUATE, 0 },
	{ "graduates", 0, 0, 0, 0, 0, 0, CE_REPORT_LEVEL_GRADUATE, 0 },
	{ "student a", 0, 0, 0, 0, 0, 0, 0, 1 },
	{ "student b", 0, 0, 0, 0, 0, 0, 0, 2 },
	{ "period, graduates, cohort 2016", D(2015, 1, 1), D(2019, 12, 31), 0, 0, 2016, 0,
	  CE_REPORT_LEVEL_GRADUATE, 0 },
	{ "project a, undergraduates", 0, 0, 0, 1, 0, 0, CE_REPORT_LEVEL_UNDERGRADUATE, 0 },
	{ "partner b, student a", 0, 0, 2, 0, 0, 0, 0, 1 },
	{ "project a and below, student b, 2017", D(2017, 1, 1), D(2017, 12, 31), 0, 1, 0, 1, 0, 2 },
};

/* The cell as text: "~" NULL, reals with %.17g (exact: it reads back to
 * the same double), other types as their integer. */
static const char *cell(const ce_table *t, size_t r, int c, char *buf, size_t size)
{
	int64_t i;
	double x;
	if (ce_table_is_null(t, r, c))
		snprintf(buf, size, "~");
	else if (ce_table_column_type(t, c) == CE_TYPE_TEXT)
		snprintf(buf, size, "'%s'", ce_table_get_text(t, r, c));
	else if (ce_table_column_type(t, c) == CE_TYPE_REAL && ce_table_get_real(&x, t, r, c) == CE_OK)
		snprintf(buf, size, "%.17g", x);
	else if (ce_table_column_type(t, c) != CE_TYPE_REAL && ce_table_get_int(&i, t, r, c) == CE_OK)
		snprintf(buf, size, "%lld", (long long)i);
	else
		snprintf(buf, size, "(unreadable)");
	return buf;
}

static void ck_same_table(const ce_table *native, const ce_table *core, const char *where)
{
	ck_assert_msg(strcmp(ce_table_name(native), ce_table_name(core)) == 0, "%s: table %s vs %s",
	              where, ce_table_name(native), ce_table_name(core));
	ck_assert_msg(ce_table_column_count(native) == ce_table_column_count(core),
	              "%s: %d columns from the backend, %d from the core", where,
	              ce_table_column_count(native), ce_table_column_count(core));
	for (int c = 0; c < ce_table_column_count(core); c++) {
		ck_assert_msg(strcmp(ce_table_column_name(native, c), ce_table_column_name(core, c)) == 0,
		              "%s: column %d is %s from the backend, %s from the core", where, c,
		              ce_table_column_name(native, c), ce_table_column_name(core, c));
		ck_assert_msg(ce_table_column_type(native, c) == ce_table_column_type(core, c),
		              "%s: column %s has type %d from the backend, %d from the core", where,
		              ce_table_column_name(core, c), ce_table_column_type(native, c),
		              ce_table_column_type(core, c));
	}
	ck_assert_msg(ce_table_row_count(native) == ce_table_row_count(core),
	              "%s: %zu rows from the backend, %zu from the core", where,
	              ce_table_row_count(native), ce_table_row_count(core));
	for (size_t r = 0; r < ce_table_row_count(core); r++)
		for (int c = 0; c < ce_table_column_count(core); c++) {
			char a[1024], b[1024];
			cell(native, r, c, a, sizeof a);
			cell(core, r, c, b, sizeof b);
			if (strcmp(a, b) != 0) {
				char row[2048];
				snprintf(row, sizeof row, "%s", render(native, r));
				ck_abort_msg("%s row %zu column %s: backend %s, core %s\n  backend %s\n  core    %s",
				             where, r, ce_table_column_name(core, c), a, b, row, render(core, r));
			}
		}
}

/* Every report under every filter shape on the store in db. */
static void compare_store(tally *t, const char *store, const int64_t partners[2],
                          const int64_t projects[2], const int64_t students[2])
{
	ck_assert_int_le(ce_report_count(), MAX_REPORTS);
	for (int i = 0; i < ce_report_count(); i++) {
		const char *name = ce_report_name(i);
		for (size_t k = 0; k < CE_ARRAY_LEN(shapes); k++) {
			const struct shape *s = &shapes[k];
			ce_report_filter f = CE_REPORT_FILTER_INIT;
			ce_table *core = NULL, *native = NULL;
			char where[256];
			f.from = s->from;
			f.to = s->to;
			f.partner = s->partner ? partners[s->partner - 1] : 0;
			f.project = s->project ? projects[s->project - 1] : 0;
			f.cohort = s->cohort;
			f.descendants = s->descendants;
			f.level = s->level;
			f.student = s->student ? students[s->student - 1] : 0;
			if (strcmp(name, "subtopic_graph") == 0 && !f.project)
				continue; /* it requires a project: covered by the shapes with one */
			snprintf(where, sizeof where, "%s, %s on %s (%s)", name, s->what, store, uri_prefix);
			ce__report_force_core(true);
			int rc = ce_report_run(&core, db, name, &f);
			ce__report_force_core(false);
			if (rc == CE_EINVALID)
				continue; /* a member the report does not honour */
			ck_assert_msg(rc == CE_OK, "%s: the core failed with %d: %s", where, rc,
			              ce_last_errmsg());
			t->accepted[i]++;
			rc = ce__store_report(&native, db, name, &f);
			if (rc == CE_ENOTSUPPORTED) {
				ck_assert_ptr_null(native);
				t->unsupported++;
			} else {
				ck_assert_msg(rc == CE_OK, "%s: the backend failed with %d: %s", where, rc,
				              ce_db_errmsg(db));
				ck_same_table(native, core, where);
				t->native[i]++;
			}
			ce_table_free(native);
			ce_table_free(core);
		}
	}
}

/* Asserts what the backend computed itself and prints the tally, so a run
 * says whether anything was compared at all. */
static void ck_tally(const tally *t, const char *stores)
{
	int accepted = 0, native = 0, reports = 0;
	char list[512] = "";
	for (int i = 0; i < ce_report_count(); i++) {
		accepted += t->accepted[i];
		native += t->native[i];
		if (t->native[i]) {
			reports++;
			snprintf(list + strlen(list), sizeof list - strlen(list), " %s:%d", ce_report_name(i),
			         t->native[i]);
		}
	}
	ck_assert_int_eq(native + t->unsupported, accepted);
	if (native)
		printf("report parity, %s, %s: %d of %d comparisons native, %d reports:%s\n",
		       ce_db_backend(db), stores, native, accepted, reports, list);
	else
		printf("report parity, %s, %s: the backend computes no report itself; nothing "
		       "compared (%d calls answered CE_ENOTSUPPORTED)\n",
		       ce_db_backend(db), stores, t->unsupported);
	if (is_memory())
		ck_assert_int_eq(native, 0); /* and so every call was CE_ENOTSUPPORTED */
	if (strcmp(ce_db_backend(db), "sqlite") == 0 || is_postgresql()) {
		ck_assert_int_gt(native, 0);
		size_t nsql = CE_ARRAY_LEN(sql_native), npg = is_postgresql() ? CE_ARRAY_LEN(pg_native) : 0;
		for (size_t n = 0; n < nsql + npg; n++) {
			const char *name = n < nsql ? sql_native[n] : pg_native[n - nsql];
			int i = 0;
			while (i < ce_report_count() && strcmp(ce_report_name(i), name) != 0)
				i++;
			ck_assert_int_lt(i, ce_report_count());
			ck_assert_msg(t->accepted[i] > 0 && t->native[i] == t->accepted[i],
			              "%s: native for %d of %d filter shapes", name, t->native[i],
			              t->accepted[i]);
		}
	}
}

START_TEST(backend_reports_match_the_core_on_the_fixture)
{
	tally t = { { 0 }, { 0 }, 0 };
	build();
	/* students credited both on the spin-off and on its outputs count once */
	ck_ok(ce_db_begin(db));
	contributor(fx.fr1, 1, fx.u[0], 0);
	contributor(fx.bp1, 1, fx.u[1], 0);
	contributor(fx.bp1, 2, fx.st[1], 0);
	ck_ok(ce_db_commit(db));
	compare_store(&t, "the fixture", (int64_t[]){ fx.aero, fx.mech }, (int64_t[]){ fx.j1, fx.j2 },
	              (int64_t[]){ fx.u[0], fx.st[2] });
	ck_tally(&t, "the fixture");
	/* Each report takes exactly the shapes it honours: guidance_hours all
	 * but the people ones (period, partner, project, cohort), spinoffs
	 * all, cooperation_depth the 11 with neither project nor cohort nor a
	 * people member. */
	int people = 0;
	for (size_t k = 0; k < CE_ARRAY_LEN(shapes); k++)
		people += shapes[k].level || shapes[k].student;
	ck_assert_int_eq(people, 8);
	for (int i = 0; i < ce_report_count(); i++) {
		if (strcmp(ce_report_name(i), "guidance_hours") == 0)
			ck_assert_int_eq(t.accepted[i], (int)CE_ARRAY_LEN(shapes) - people);
		if (strcmp(ce_report_name(i), "spinoffs") == 0)
			ck_assert_int_eq(t.accepted[i], (int)CE_ARRAY_LEN(shapes));
		if (strcmp(ce_report_name(i), "cooperation_depth") == 0)
			ck_assert_int_eq(t.accepted[i], 11);
	}
}
END_TEST

/* An empty store: every group empty, every ratio's denominator zero. */
START_TEST(backend_reports_match_the_core_on_an_empty_store)
{
	tally t = { { 0 }, { 0 }, 0 };
	int64_t j = make_project("EMPTY-1", "空项目", D(2020, 1, 1));
	compare_store(&t, "an empty store", (int64_t[]){ 0, 0 }, (int64_t[]){ j, j },
	              (int64_t[]){ 0, 0 });
	ck_tally(&t, "an empty store");
}
END_TEST

START_TEST(backend_reports_match_the_core_on_random_stores)
{
	tally t = { { 0 }, { 0 }, 0 };
	for (uint32_t round = 1; round <= 4; round++) {
		if (round > 1) { /* a fresh store each round */
			ce_db_close(db);
			db = NULL;
			ck_ok(ce_db_open(&db, fresh_store_uri(), NULL));
		}
		uint32_t seed = round * 7919u;
		build_random(seed);
		/* partners 2 and 3 (1 is the university), projects 1 and 2,
		 * students 1 and 2 */
		compare_store(&t, S("random store %u", seed), (int64_t[]){ 2, 3 }, (int64_t[]){ 1, 2 },
		              (int64_t[]){ 1, 2 });
	}
	ck_tally(&t, "4 random stores");
}
END_TEST

Suite *suite_report_parity(void)
{
	Suite *s = suite_create("report_parity");
	TCase *tc = store_tcase("report_parity");
	tcase_add_test(tc, backend_reports_match_the_core_on_the_fixture);
	tcase_add_test(tc, backend_reports_match_the_core_on_an_empty_store);
	tcase_add_test(tc, backend_reports_match_the_core_on_random_stores);
	suite_add_tcase(s, tc);
	return s;
}
