/* The worked case of the Chinese case study: the alloy project's graduate
 * students filed 8 invention patents, 4 were granted, and a spin-off
 * entrepreneurship project (the sand project, below the MoE programme
 * 201901022063) had 7 undergraduates and 7 outputs. */
#include "t_reports_fixture.h"
#include "worked_case.h"

/* The worked case (examples/case), from the one builder the demo and the
 * CLI use. */
START_TEST(worked_case_eight_filed_four_granted)
{
	case_ids ids;
	build_worked_case(&ids);
	ce_project *p;
	ck_ok(ce_project_lookup_by_code(&p, db, CASE_ALLOY_PROJECT));
	ck_assert_int_eq(ce_project_id(p), ids.alloy_project);
	ce_project_free(p);
	/* Graduate students of the alloy project filed 8 invention patents: 4
	 * granted (median 837.5 days), 1 rejected, 3 pending; the 3 granted
	 * patents the 2 products derive from count as productised. Its papers:
	 * 2 published. */
	ce_table *t = report("outcome_funnel", 0, 0, 0, ids.alloy_project, 0);
	ck_rows(t, 1);
	ck_row(t, 0, "8|4|1|3|3|0.5|837.5|0|0|0|0|2|0|0|0");
	int col;
	int64_t v;
	ck_ok(ce_table_column_index(&col, t, "patents_filed"));
	ck_ok(ce_table_get_int(&v, t, 0, col));
	ck_assert_int_eq(v, 8);
	ck_ok(ce_table_column_index(&col, t, "patents_granted"));
	ck_ok(ce_table_get_int(&v, t, 0, col));
	ck_assert_int_eq(v, 4);
	ce_table_free(t);
	/* The 2014 master's subtopic S3 led to 1 entrepreneurship project
	 * (the sand project) whose 7 undergraduates produced a feasibility
	 * report, a business plan, an economic analysis, 2 papers and 2
	 * invention-patent filings: 7 outputs. */
	t = report("outcome_funnel", 0, 0, 0, ids.sand_project, 0);
	ck_row(t, 0, "2|0|0|2|0|0|~|0|0|0|0|2|0|1|7");
	ce_table_free(t);
	/* 201901022063 is the programme above it, not its code: the programme
	 * alone is credited with nothing; with its descendants it counts the
	 * sand project's outcomes. */
	ce_project *prog;
	ck_ok(ce_project_lookup_by_code(&prog, db, CASE_PROGRAMME));
	ck_assert_int_eq(ce_project_id(prog), ids.programme);
	ce_project_free(prog);
	ck_assert_int_eq(get_int(CE_ENTITY_PROJECT, ids.sand_project, "parent"), ids.programme);
	ck_assert(is_null(CE_ENTITY_PROJECT, ids.alloy_project, "parent"));
	t = report("outcome_funnel", 0, 0, 0, ids.programme, 0);
	ck_row(t, 0, "0|0|0|0|0|~|~|0|0|0|0|0|0|0|0");
	ce_table_free(t);
	ce_report_filter rf = CE_REPORT_FILTER_INIT;
	rf.project = ids.programme;
	rf.descendants = 1;
	ck_ok(ce_report_outcome_funnel(&t, db, &rf));
	ck_row(t, 0, "2|0|0|2|0|0|~|0|0|0|0|2|0|1|7");
	ce_table_free(t);
	/* the seven are students of the store, assigned to the sand project */
	ce_filter *assigned = f_int("subtopic", ids.sand_subtopic);
	ck_assert_int_eq(count_where(CE_ENTITY_SUBTOPIC_ASSIGNMENT, assigned), 7);
	ce_filter_free(assigned);
	/* and the spin-off in one row: 7 students, all undergraduates, 7
	 * outputs: 1 feasibility report, 1 business plan, 1 economic
	 * analysis, 2 papers, 2 patents */
	ck_ok(ce_report_spinoffs(&t, db, &rf));
	ck_rows(t, 1);
	ck_row(t, 0, S("%lld|3D打印选择性激光烧结覆膜砂的回收再生与循环使用|completed|20190501|%lld|7|7|7|1|1|1|2|2|0",
	               (long long)ids.spin_off, (long long)ids.subtopic[3]));
	ce_table_free(t);
	/* the alloy project spun nothing off itself */
	t = report("spinoffs", 0, 0, 0, ids.alloy_project, 0);
	ck_rows(t, 0);
	ce_table_free(t);
	ce_filter *f = f_int("outcome", ids.spin_off);
	ck_assert_int_eq(count_where(CE_ENTITY_OUTCOME_CONTRIBUTOR, f), 7);
	ce_filter_free(f);
}
END_TEST

/* The funnel as the paper counts it: "since 2015, graduate students filed
 * invention patents 8 person-times (8人次), 4 were granted" is one call;
 * count once and person-times differ where an outcome has several
 * student contributors (the undergraduates' patents have two each). */
START_TEST(worked_case_funnel_by_level_and_person_times)
{
	case_ids ids;
	build_worked_case(&ids);
	ce_table *t;
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	f.from = CE_DATE(2015, 1, 1);
	f.level = CE_REPORT_LEVEL_GRADUATE;
	f.person_times = 1;
	ck_ok(ce_report_outcome_funnel(&t, db, &f));
	ck_row(t, 0, "8|4|1|3|3|0.5|837.5|0|0|0|0|2|0|0|0");
	ce_table_free(t);
	f.person_times = 0; /* one graduate inventor each: the same once */
	ck_ok(ce_report_outcome_funnel(&t, db, &f));
	ck_row(t, 0, "8|4|1|3|3|0.5|837.5|0|0|0|0|2|0|0|0");
	ce_table_free(t);

	/* undergraduates: 2 patents and 2 papers once; twice each in
	 * person-times (two student authors or inventors each); the spin-off
	 * counts stay one per project */
	f.level = CE_REPORT_LEVEL_UNDERGRADUATE;
	ck_ok(ce_report_outcome_funnel(&t, db, &f));
	ck_row(t, 0, "2|0|0|2|0|0|~|0|0|0|0|2|0|1|7");
	ce_table_free(t);
	f.person_times = 1;
	ck_ok(ce_report_outcome_funnel(&t, db, &f));
	ck_row(t, 0, "4|0|0|4|0|0|~|0|0|0|0|4|0|1|7");
	ce_table_free(t);

	/* by contributor: 钱芳's two granted patents (one productised) and her
	 * published paper; days to grant 840 and 840 */
	f.level = 0;
	f.person_times = 0;
	f.student = ids.qian;
	ck_ok(ce_report_outcome_funnel(&t, db, &f));
	ck_row(t, 0, "2|2|0|0|1|1|840|0|0|0|0|1|0|0|0");
	ce_table_free(t);

	/* The paper went to press in February 2020 and says "目前" (by now): 8
	 * person-times filed, 4 granted, products made; the spin-off had
	 * published 2 papers and filed 2 patents. All of it by then. */
	f.student = 0;
	f.to = CE_DATE(2020, 2, 29);
	f.level = CE_REPORT_LEVEL_GRADUATE;
	f.person_times = 1;
	ck_ok(ce_report_outcome_funnel(&t, db, &f));
	ck_row(t, 0, "8|4|1|3|3|0.5|837.5|0|0|0|0|2|0|0|0");
	ce_table_free(t);
	f.level = 0;
	f.person_times = 0;
	f.project = ids.sand_project;
	ck_ok(ce_report_outcome_funnel(&t, db, &f));
	ck_row(t, 0, "2|0|0|2|0|0|~|0|0|0|0|2|0|1|7");
	ce_table_free(t);
	f.project = 0;
	f.to = 0;
	/* and its students had seen the project into industrial production */
	ck_assert_int_eq(get_int(CE_ENTITY_PROJECT, ids.alloy_project, "stage"),
	                 CE_PROJECT_STAGE_INDUSTRIALISATION);
	ck_assert_int_le(get_int(CE_ENTITY_PROJECT, ids.alloy_project, "stage_date"), CE_DATE(2020, 2, 29));

	/* the spin-off's people are undergraduates */
	f.student = 0;
	f.from = 0;
	f.level = CE_REPORT_LEVEL_GRADUATE;
	ck_ok(ce_report_spinoffs(&t, db, &f));
	ck_rows(t, 0);
	ce_table_free(t);
	f.level = CE_REPORT_LEVEL_UNDERGRADUATE;
	ck_ok(ce_report_spinoffs(&t, db, &f));
	ck_rows(t, 1);
	ce_table_free(t);

	/* refusals: person-times where nothing is counted by people, a level
	 * that is none, a student that does not exist, people filters on a
	 * report about something else */
	f.person_times = 1;
	ck_rc(ce_report_spinoffs(&t, db, &f), CE_EINVALID);
	ck_said("spinoffs", "filter.person_times");
	f.person_times = 0;
	f.level = 3;
	ck_rc(ce_report_outcome_funnel(&t, db, &f), CE_EINVALID);
	ck_said("filter.level");
	f.level = 0;
	f.student = 987654;
	ck_rc(ce_report_outcome_funnel(&t, db, &f), CE_ENOTFOUND);
	ck_said("filter.student");
	f.student = ids.qian;
	ck_rc(ce_report_destinations(&t, db, &f), CE_EINVALID);
	ck_said("destinations", "filter.student");
	f.student = 0;
	f.level = CE_REPORT_LEVEL_GRADUATE;
	ck_rc(ce_report_supervision_coverage(&t, db, &f), CE_EINVALID);
	ck_said("filter.level");
}
END_TEST

Suite *suite_reports_case_study(void)
{
	Suite *s = suite_create("reports_case_study");
	TCase *tc = store_tcase("reports_case_study");
	tcase_add_test(tc, worked_case_eight_filed_four_granted);
	tcase_add_test(tc, worked_case_funnel_by_level_and_person_times);
	suite_add_tcase(s, tc);
	return s;
}
