/* The backend's own reports against the core's, on the fixture and on
 * random data, and reports under a failing store. */
#include "../support/fault_backend.h"
#include "core/internal.h" /* db->backend->report, to see who computed a report */
#include "t_reports_fixture.h"

/* Deterministic pseudo-random data over every entity the reports read, with
 * open ends, NULLs, ties and empty groups, for comparing implementations. */
static uint32_t seed;

static int rnd(int n)
{
	seed = seed * 1103515245u + 12345u;
	return (int)((seed >> 16) % (uint32_t)n);
}

static ce_date rnd_date(int y0, int years)
{
	int y = y0 + rnd(years), m = 1 + rnd(12), d = 1 + rnd(28);
	return D(y, m, d);
}

static ce_date plus_days(ce_date d, int days)
{
	/* good enough for test data: move by months and days within 28 */
	int y = d / 10000, m = d / 100 % 100, day = d % 100;
	m += days / 30;
	day += days % 28;
	while (day > 28) {
		day -= 28;
		m++;
	}
	while (m > 12) {
		m -= 12;
		y++;
	}
	return D(y, m, day);
}

static void build_random_store(void)
{
	enum { NP = 8, NA = 6, NF = 4, NJ = 5, NS = 12, NST = 24, NSUP = 7 };
	int64_t p[NP], f[NF], j[NJ], s[NS], st[NST], sup[NSUP], o[30];
	int supkind[NSUP];
	char name[64];
	static const char *const cur[] = { "CNY", "USD", NULL };
	ck_ok(ce_db_begin(db));
	for (int i = 0; i < NP; i++) {
		snprintf(name, sizeof name, "合作单位%02d", (i * 7) % NP); /* names in another order than ids */
		p[i] = partner(name, i == 0 ? CE_PARTNER_UNIVERSITY : (ce_partner_kind)(1 + rnd(6)));
	}
	for (int i = 0; i < NA; i++) {
		ce_date a = rnd_date(2014, 6);
		agreement("协议", 1u << rnd(9) | 1u << rnd(9), a, rnd(2) ? plus_days(a, 100 + rnd(900)) : 0,
		          p[1 + rnd(NP - 1)]);
	}
	for (int i = 0; i < NF; i++) {
		snprintf(name, sizeof name, "平台%d", i);
		f[i] = platform(name, (ce_platform_kind)(1 + rnd(6)), (ce_platform_level)(1 + rnd(4)),
		                rnd(3) ? rnd(6) : 0, rnd(4) ? rnd_date(2013, 6) : 0, rnd(4) ? p[1 + rnd(NP - 1)] : 0);
	}
	for (int i = 0; i < NJ; i++) {
		ce_date a = rnd_date(2014, 6);
		int c = rnd(3);
		snprintf(name, sizeof name, "P-%d", i);
		j[i] = project(name, "项目", cur[c] ? 1000 * (1 + rnd(50)) : 0, cur[c], a,
		               rnd(2) ? plus_days(a, 200 + rnd(900)) : 0,
		               rnd(2) ? CE_PROJECT_STATUS_ACTIVE : CE_PROJECT_STATUS_PROPOSED,
		               (ce_project_stage)(1 + rnd(3)));
		if (rnd(3) == 0 && c != 2)
			ck_ok(ce_project_set_status(db, j[i], CE_PROJECT_STATUS_ACTIVE, plus_days(a, 10)));
		int np = rnd(3);
		for (int k = 0; k < np; k++) {
			ce_project_partner_spec sp = CE_PROJECT_PARTNER_SPEC_INIT;
			int64_t id;
			sp.project = j[i];
			sp.partner = p[1 + rnd(NP - 1)];
			sp.role = (ce_project_role)(1 + rnd(5));
			(void)ce_project_partner_create(&id, db, &sp); /* duplicates refused: fine */
		}
	}
	for (int i = 0; i < NS; i++) {
		int on_platform = rnd(2);
		s[i] = subtopic(j[rnd(NJ)], "子课题", on_platform ? CE_SUBTOPIC_SITE_PLATFORM
		                                                  : CE_SUBTOPIC_SITE_UNIVERSITY,
		                on_platform ? f[rnd(NF)] : 0, rnd(100), rnd_date(2014, 5), END);
		if (rnd(2))
			ck_ok(ce_subtopic_set_status(db, s[i], CE_SUBTOPIC_STATUS_APPROVED, D(2020, 1, 1)));
		budget_line(s[i], rnd(2) ? "材料费" : "差旅费", rnd(3) ? 100 * rnd(50) : 0, 100 * rnd(60));
	}
	for (int i = 0; i < NSUP; i++) {
		supkind[i] = 1 + rnd(2);
		snprintf(name, sizeof name, "导师%d", rnd(4)); /* repeated names: ties by id */
		sup[i] = supervisor(name, (ce_supervisor_kind)supkind[i],
		                    supkind[i] == CE_SUPERVISOR_ENTERPRISE || rnd(3) ? p[rnd(NP)] : 0);
		if (rnd(2))
			evaluation(sup[i], D(2016 + rnd(3), 1, 1), D(2018 + rnd(2), 6, 30), 60 + rnd(40));
	}
	for (int i = 0; i < NST; i++) {
		snprintf(name, sizeof name, "S%03d", (i * 5) % NST);
		st[i] = student(name, "学生", (ce_student_level)(1 + rnd(4)), 2014 + rnd(5));
		if (rnd(4))
			assign(s[rnd(NS)], st[i]);
		for (int k = rnd(3); k > 0; k--) {
			int w = rnd(NSUP);
			ce_supervision_role role = supkind[w] == CE_SUPERVISOR_ENTERPRISE
			                               ? (ce_supervision_role)(1 + rnd(3))
			                               : (ce_supervision_role)(1 + rnd(2));
			ce_supervision_spec sv = CE_SUPERVISION_SPEC_INIT;
			int64_t id;
			sv.student = st[i];
			sv.supervisor = sup[w];
			sv.role = role;
			sv.start_date = rnd_date(2014, 5);
			sv.end_date = rnd(2) ? plus_days(sv.start_date, 100 + rnd(700)) : 0;
			(void)ce_supervision_create(&id, db, &sv); /* a repeated pair is refused */
		}
		if (rnd(2)) {
			ce_date a = rnd_date(2015, 6);
			int status = rnd(4);
			ce_date e = status == 1 || rnd(3) ? plus_days(a, 20 + rnd(300)) : 0;
			int64_t pl = placement(st[i], p[1 + rnd(NP - 1)], rnd(3) ? f[rnd(NF)] : 0, a, e,
			                       status == 0   ? CE_PLACEMENT_STATUS_PLANNED
			                       : status == 1 ? CE_PLACEMENT_STATUS_COMPLETED
			                       : status == 2 ? CE_PLACEMENT_STATUS_ENDED_EARLY
			                                     : CE_PLACEMENT_STATUS_ACTIVE,
			                       e ? e : plus_days(a, 30));
			for (int k = rnd(3); k > 0; k--)
				incident(pl, plus_days(a, rnd(40)), (ce_incident_kind)(1 + rnd(4)));
			for (int k = rnd(4); k > 0; k--)
				feedback(pl, (ce_feedback_direction)(1 + rnd(3)), plus_days(a, rnd(400)));
		}
		if (rnd(3)) {
			ce_destination_sector sector = (ce_destination_sector)(1 + rnd(9));
			destination(st[i], rnd_date(2017, 4), rnd(2) ? p[rnd(NP)] : 0, NULL, sector,
			            sector == CE_DESTINATION_SECTOR_FURTHER_STUDY ? (ce_position_level)0
			                                                          : (ce_position_level)rnd(5));
		}
	}
	for (int i = 0; i < 12; i++) {
		ce_date d = rnd_date(2014, 6);
		int64_t sid = s[rnd(NS)];
		int a = rnd(NSUP), b = (a + 1 + rnd(NSUP - 1)) % NSUP, x = rnd(NST), y = (x + 1 + rnd(NST - 1)) % NST;
		int64_t on = rnd(3) ? sid : 0, minutes = 15 * (1 + rnd(8));
		switch (rnd(4)) {
		case 0: session(d, minutes, on, sup[a], (int64_t)0, st[x], (int64_t)0); break;
		case 1: session(d, minutes, on, sup[a], sup[b], (int64_t)0, st[x], (int64_t)0); break;
		case 2: session(d, minutes, on, sup[a], (int64_t)0, st[x], st[y], (int64_t)0); break;
		default: session(d, minutes, on, sup[a], sup[b], (int64_t)0, st[x], st[y], (int64_t)0);
		}
	}
	for (int i = 0; i < 30; i++) {
		static const ce_outcome_kind kinds[] = { CE_OUTCOME_INVENTION_PATENT, CE_OUTCOME_PAPER,
			                                     CE_OUTCOME_PRODUCT, CE_OUTCOME_ENTREPRENEURSHIP_PROJECT,
			                                     CE_OUTCOME_UTILITY_MODEL_PATENT };
		ce_outcome_kind k = kinds[rnd(5)];
		ce_date d = rnd_date(2014, 6);
		o[i] = outcome(k, "成果", d, END);
		if (k == CE_OUTCOME_INVENTION_PATENT && rnd(2)) {
			ck_ok(ce_outcome_set_status(db, o[i], CE_OUTCOME_STATUS_PUBLISHED, plus_days(d, 100)));
			ck_ok(ce_outcome_set_status(db, o[i], rnd(2) ? CE_OUTCOME_STATUS_GRANTED
			                                             : CE_OUTCOME_STATUS_REJECTED,
			                            plus_days(d, 300 + rnd(500))));
		}
		int a = rnd(4);
		if (a == 0)
			attribute(o[i], s[rnd(NS)], 0, 0);
		else if (a == 1)
			attribute(o[i], 0, j[rnd(NJ)], 0);
		else if (a == 2)
			attribute(o[i], 0, 0, p[rnd(NP)]);
		if (rnd(2))
			contributor(o[i], 1, st[rnd(NST)], 0);
		if (i > 0 && rnd(3) == 0)
			derive(o[i], 0, o[rnd(i)]);
		else if (rnd(4) == 0)
			derive(o[i], s[rnd(NS)], 0);
	}
	ck_ok(ce_db_commit(db));
}

/* Every report under many filters: the backend's table (when it computes
 * the report itself) equals the core's, cell for cell. */
static int compare_all(int64_t partner_a, int64_t partner_b, int64_t project_a, int64_t project_b)
{
	const ce_report_filter filters[] = {
		{ CE_REPORT_FILTER_VERSION, 0, 0, 0, 0, 0 },
		{ CE_REPORT_FILTER_VERSION, D(2016, 1, 1), D(2016, 12, 31), 0, 0, 0 },
		{ CE_REPORT_FILTER_VERSION, D(2018, 3, 1), D(2019, 2, 28), 0, 0, 0 },
		{ CE_REPORT_FILTER_VERSION, D(2017, 1, 1), 0, 0, 0, 0 },
		{ CE_REPORT_FILTER_VERSION, 0, D(2017, 6, 30), 0, 0, 0 },
		{ CE_REPORT_FILTER_VERSION, 0, 0, partner_a, 0, 0 },
		{ CE_REPORT_FILTER_VERSION, 0, 0, partner_b, 0, 0 },
		{ CE_REPORT_FILTER_VERSION, 0, 0, 0, project_a, 0 },
		{ CE_REPORT_FILTER_VERSION, 0, 0, 0, project_b, 0 },
		{ CE_REPORT_FILTER_VERSION, 0, 0, 0, 0, 2015 },
		{ CE_REPORT_FILTER_VERSION, 0, 0, 0, 0, 2016 },
		{ CE_REPORT_FILTER_VERSION, D(2015, 1, 1), D(2019, 12, 31), partner_a, project_a, 2015 },
		{ CE_REPORT_FILTER_VERSION, D(2016, 6, 1), D(2018, 6, 1), partner_b, 0, 0 },
	};
	int native = 0;
	for (int i = 0; i < ce_report_count(); i++) {
		const char *name = ce_report_name(i);
		for (size_t k = 0; k < CE_ARRAY_LEN(filters); k++) {
			ce_report_filter f = filters[k];
			ce_table *a = NULL, *b = NULL;
			if (strcmp(name, "subtopic_graph") == 0 && !f.project)
				f.project = project_a;
			ce__report_force_core(0);
			int ra = ce_report_run(&a, db, name, &f);
			ce__report_force_core(1);
			int rb = ce_report_run(&b, db, name, &f);
			ce__report_force_core(0);
			ck_assert_msg(ra == rb, "%s filter %zu: backend %d, core %d (%s)", name, k, ra, rb,
			              ce_last_errmsg());
			if (ra != CE_OK)
				continue;
			ck_assert_int_eq(ce_table_column_count(a), ce_table_column_count(b));
			for (int c = 0; c < ce_table_column_count(a); c++) {
				ck_assert_str_eq(ce_table_column_name(a, c), ce_table_column_name(b, c));
				ck_assert_int_eq(ce_table_column_type(a, c), ce_table_column_type(b, c));
			}
			ck_assert_msg(ce_table_row_count(a) == ce_table_row_count(b),
			              "%s filter %zu: %zu rows from the backend, %zu from the core", name, k,
			              ce_table_row_count(a), ce_table_row_count(b));
			for (size_t r = 0; r < ce_table_row_count(a); r++) {
				char ra_text[2048];
				snprintf(ra_text, sizeof ra_text, "%s", render(a, r));
				ck_assert_msg(strcmp(ra_text, render(b, r)) == 0,
				              "%s filter %zu row %zu:\n  backend %s\n  core    %s", name, k, r,
				              ra_text, render(b, r));
			}
			ce_table_free(a);
			ce_table_free(b);
			/* did the backend compute it itself? */
			if (db->backend->version >= 2 && db->backend->report) {
				ce_table *t = NULL;
				int rc = db->backend->report(&t, db->conn, name, &f);
				ck_assert_msg(rc == CE_OK || rc == CE_ENOTSUPPORTED, "%s: %d %s", name, rc,
				              db->backend->errmsg(db->conn));
				native += rc == CE_OK;
				ce_table_free(t);
			}
		}
	}
	return native;
}

START_TEST(backend_reports_match_the_core_on_the_fixture)
{
	build();
	int native = compare_all(fx.aero, fx.mech, fx.j1, fx.j2);
	/* SQLite computes 9 reports itself, each under the filters it takes:
	 * coverage, lacking, guidance_hours, guidance_by_term, destinations 13
	 * each; placement_health 10 (no
	 * project); project_pipeline 10 (no cohort); cooperation_depth 8 (no
	 * project, no cohort); budget_variance 5 (no period, no cohort). */
	if (strcmp(ce_db_backend(db), "sqlite") == 0)
		ck_assert_int_eq(native, 13 + 13 + 13 + 13 + 13 + 10 + 10 + 8 + 5);
}
END_TEST

START_TEST(backend_reports_match_the_core_on_random_data)
{
	for (uint32_t round = 1; round <= 3; round++) {
		if (round > 1) { /* a fresh store each round */
			ce_db_close(db);
			db = NULL;
			ck_ok(ce_db_open(&db, is_memory() ? "memory:" : S("sqlite:%s", temp_path(S("r%u.db", round))),
			                 NULL));
		}
		seed = round * 7919u;
		build_random_store();
		compare_all(2, 3, 1, 2);
	}
}
END_TEST

/* ---- failures of the store ------------------------------------------------ */

/* A failed scan or fetch in the middle of any report: the report fails with
 * the storage error, hands back no table, and frees what it had (the
 * sanitizer and valgrind runs see every path). */
START_TEST(reports_fail_cleanly_when_the_store_fails)
{
	char uri[1200];
	ce_db_close(db);
	db = NULL;
	ck_ok(ce_test_fault_register());
	ce_test_fault_reset();
	if (is_memory()) {
		ce_test_fault_wrap(NULL);
		snprintf(uri, sizeof uri, "fault:");
	} else {
		const char *colon = strchr(store_uri(), ':');
		char scheme[32];
		snprintf(scheme, sizeof scheme, "%.*s", (int)(colon - store_uri()), store_uri());
		ce_test_fault_wrap(ce_backend_find(scheme));
		snprintf(uri, sizeof uri, "fault:%s", colon + 1);
	}
	ck_ok(ce_db_open(&db, uri, NULL));
	build();
	static const char *const ops[] = { "scan_open", "scan_next", "fetch" };
	for (int i = 0; i < ce_report_count(); i++) {
		const char *name = ce_report_name(i);
		for (int pass = 0; pass < 2; pass++) {
			ce_report_filter f = CE_REPORT_FILTER_INIT;
			ce_table *t;
			if (strcmp(name, "subtopic_graph") == 0)
				f.project = fx.j1;
			else if (pass == 1)
				f.partner = fx.aero;
			ce_test_fault_reset();
			if (ce_report_run(&t, db, name, &f) != CE_OK)
				continue; /* a filter the report does not take */
			ce_table_free(t);
			int calls[3];
			for (int o = 0; o < 3; o++)
				calls[o] = ce_test_fault_calls(ops[o]);
			for (int o = 0; o < 3; o++) {
				int step = calls[o] > 40 ? calls[o] / 40 : 1;
				for (int k = 1; k <= calls[o]; k += step) {
					ce_test_fault_reset();
					ce_test_fault_arm(ops[o], k, CE_EBACKEND);
					t = (ce_table *)&t;
					int rc = ce_report_run(&t, db, name, &f);
					ck_assert_msg(rc == CE_EBACKEND && t == NULL,
					              "%s: %s #%d failed, report returned %d (%s)", name, ops[o], k,
					              rc, ce_last_errmsg());
					ck_assert_int_eq(ce_db_errcode(db), CE_EBACKEND);
					ck_assert_int_eq(ce_test_fault_pending(), 0);
				}
			}
		}
	}
	ce_test_fault_reset();
	ce_test_fault_wrap(NULL);
}
END_TEST

Suite *suite_report_parity(void)
{
	Suite *s = suite_create("report_parity");
	TCase *tc = store_tcase("report_parity");
	tcase_add_test(tc, backend_reports_match_the_core_on_the_fixture);
	tcase_add_test(tc, backend_reports_match_the_core_on_random_data);
	tcase_add_test(tc, reports_fail_cleanly_when_the_store_fails);
	suite_add_tcase(s, tc);
	return s;
}
