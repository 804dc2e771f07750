/* Report filters are validated (a member a report does not honour is
 * refused, references must exist, dates be dates); the typed functions
 * and ce_report_run() agree; a table outlives its store. */
#include <stdio.h>

#include "t_reports_fixture.h"

/* ---- filters ---------------------------------------------------------------------------- */

START_TEST(filters_are_validated)
{
	build();
	ce_table *t = (ce_table *)&t;
	ce_report_filter f = CE_REPORT_FILTER_INIT;

	f.cohort = 2016;
	ck_rc(ce_report_project_pipeline(&t, db, &f), CE_EINVALID);
	ck_assert_ptr_null(t);
	ck_said("project_pipeline", "filter.cohort");
	ck_assert_int_eq(ce_db_errcode(db), CE_EINVALID);
	f.cohort = 0;
	f.project = fx.j1;
	ck_rc(ce_report_cooperation_depth(&t, db, &f), CE_EINVALID);
	ck_said("cooperation_depth", "filter.project");
	f.project = 0;
	f.partner = fx.aero;
	ck_rc(ce_report_subtopic_graph(&t, db, &f), CE_EINVALID);
	ck_said("filter.partner");
	f.partner = 0;
	ck_rc(ce_report_subtopic_graph(&t, db, &f), CE_EINVALID);
	ck_said("filter.project: required");
	ck_rc(ce_report_subtopic_graph(&t, db, NULL), CE_EINVALID);

	f.partner = 987654;
	ck_rc(ce_report_outcome_funnel(&t, db, &f), CE_ENOTFOUND);
	ck_said("filter.partner", "987654");
	f.partner = 0;
	f.project = 987654;
	ck_rc(ce_report_budget_variance(&t, db, &f), CE_ENOTFOUND);
	ck_said("filter.project");
	f.project = -1;
	ck_rc(ce_report_budget_variance(&t, db, &f), CE_EINVALID);
	f.project = 0;

	f.from = D(2019, 2, 30);
	ck_rc(ce_report_outcome_funnel(&t, db, &f), CE_EINVALID);
	ck_said("filter.from");
	f.from = D(2019, 6, 1);
	f.to = D(2019, 5, 31);
	ck_rc(ce_report_outcome_funnel(&t, db, &f), CE_EINVALID);
	ck_said("after");
	f.from = f.to = 0;
	f.version = 0;
	ck_rc(ce_report_outcome_funnel(&t, db, &f), CE_EINVALID);
	ck_said("version");
	f.version = CE_REPORT_FILTER_VERSION;
	f.cohort = 3000;
	ck_rc(ce_report_destinations(&t, db, &f), CE_EINVALID);

	ck_rc(ce_report_run(&t, db, "no_such_report", NULL), CE_ENOTFOUND);
	ck_said("no_such_report");
	ck_rc(ce_report_run(NULL, db, "outcome_funnel", NULL), CE_EINVALID);
	ck_assert_ptr_null(t);

	/* NULL filter is "everything", same as an initialised one */
	ck_ok(ce_report_outcome_funnel(&t, db, NULL));
	ck_row(t, 0, "10|4|1|4|2|4/10|730.5|2|1|2|1|2|1|1|7");
	ce_table_free(t);
	ck_assert_int_eq(ce_db_errcode(db), CE_OK);
}
END_TEST

/* The typed functions and ce_report_run() give the same tables. */
START_TEST(named_and_typed_reports_agree)
{
	typedef ce_result (*fn)(ce_table **, ce_db *, const ce_report_filter *);
	static const fn fns[] = {
		ce_report_outcome_funnel,      ce_report_supervision_coverage,
		ce_report_students_lacking_supervisor, ce_report_guidance_hours,
		ce_report_guidance_by_term,    ce_report_cooperation_depth,
		ce_report_platform_utilisation, ce_report_idle_platforms,
		ce_report_placement_health,    ce_report_destinations,
		ce_report_project_pipeline,    ce_report_subtopic_graph,
		ce_report_budget_variance,     ce_report_spinoffs,
		ce_report_risk_exposure,       ce_report_survey_response_rate,
		ce_report_survey_item_stats,        ce_report_survey_choices,
		ce_report_survey_comparison,
	};
	build();
	ck_assert_int_eq(ce_report_count(), (int)CE_ARRAY_LEN(fns));
	for (int i = 0; i < ce_report_count(); i++) {
		ce_report_filter f = CE_REPORT_FILTER_INIT;
		ce_table *a, *b;
		if (strcmp(ce_report_name(i), "subtopic_graph") == 0)
			f.project = fx.j1;
		ck_ok(fns[i](&a, db, &f));
		ck_ok(ce_report_run(&b, db, ce_report_name(i), &f));
		ck_assert_str_eq(ce_table_name(a), ce_report_name(i));
		ck_assert_uint_eq(ce_table_row_count(a), ce_table_row_count(b));
		for (size_t r = 0; r < ce_table_row_count(a); r++) {
			char ra[2048];
			snprintf(ra, sizeof ra, "%s", render(a, r));
			ck_assert_str_eq(ra, render(b, r));
		}
		ce_table_free(a);
		ce_table_free(b);
	}
}
END_TEST

/* A table outlives its store. */
START_TEST(tables_are_detached)
{
	build();
	ce_table *t = ALL("cooperation_depth");
	ce_db_close(db);
	db = NULL;
	ck_assert_str_eq(ce_table_get_text(t, 0, 1), "山东某航空材料有限公司");
	ce_table_free(t);
	reopen();
}
END_TEST
/* filter.descendants: the project and every project below it (J4 below
 * J1, J3 below J4), on every report that takes a project. */
START_TEST(descendants_take_the_projects_below)
{
	build();
	ce_table *t = NULL;
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	f.descendants = 1;
	ck_rc(ce_report_project_pipeline(&t, db, &f), CE_EINVALID);
	ck_said("filter.descendants", "needs filter.project");
	f.project = fx.j1;
	ck_rc(ce_report_subtopic_graph(&t, db, &f), CE_EINVALID);
	ck_said("subtopic_graph", "filter.descendants");

	/* J1 alone, then J1, J4 (pilot, CNY) and J3 (laboratory, USD) */
	f.descendants = 0;
	ck_ok(ce_report_project_pipeline(&t, db, &f));
	ck_rows(t, 3);
	ck_row(t, 0, "laboratory|0|0|0|~|0");
	ck_row(t, 1, "pilot|0|0|0|~|0");
	ck_row(t, 2, "industrialisation|1|1|0|CNY|500000000");
	ce_table_free(t);
	f.descendants = 1;
	ck_ok(ce_report_project_pipeline(&t, db, &f));
	ck_rows(t, 3);
	ck_row(t, 0, "laboratory|1|0|0|USD|100000000");
	ck_row(t, 1, "pilot|1|1|0|CNY|20000000");
	ck_row(t, 2, "industrialisation|1|1|0|CNY|500000000");
	ce_table_free(t);
	/* from J4 down: J4 and J3, never J1 above it */
	f.project = fx.j4;
	ck_ok(ce_report_project_pipeline(&t, db, &f));
	ck_row(t, 0, "laboratory|1|0|0|USD|100000000");
	ck_row(t, 1, "pilot|1|1|0|CNY|20000000");
	ck_row(t, 2, "industrialisation|0|0|0|~|0");
	ce_table_free(t);
	/* with a partner: the partner's projects among them (the aero firm is
	 * in J1 and J4, not J3) */
	f.project = fx.j1;
	f.partner = fx.aero;
	ck_ok(ce_report_project_pipeline(&t, db, &f));
	ck_row(t, 0, "laboratory|0|0|0|~|0");
	ck_row(t, 1, "pilot|1|1|0|CNY|20000000");
	ce_table_free(t);
	f.partner = 0;

	/* a version-1 caller has no descendants member: init writes no
	 * further, and whatever follows its struct is not read */
	ce_report_filter v1;
	memset(&v1, 0, sizeof v1);
	v1.descendants = 7;
	ck_ok(ce_report_filter_init(&v1, 1));
	ck_assert_int_eq(v1.descendants, 7);
	v1.project = fx.j1;
	ck_ok(ce_report_project_pipeline(&t, db, &v1));
	ck_row(t, 0, "laboratory|0|0|0|~|0");
	ce_table_free(t);
}
END_TEST

Suite *suite_report_filters(void)
{
	Suite *s = suite_create("report_filters");
	TCase *tc = store_tcase("report_filters");
	tcase_add_test(tc, filters_are_validated);
	tcase_add_test(tc, named_and_typed_reports_agree);
	tcase_add_test(tc, tables_are_detached);
	tcase_add_test(tc, descendants_take_the_projects_below);
	suite_add_tcase(s, tc);
	return s;
}
