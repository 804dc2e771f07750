/* The worked case of the Chinese case study: the alloy project's graduate
 * students filed 8 invention patents, 4 were granted, and a spin-off
 * entrepreneurship project (programme 201901022063) had 7 outputs. */
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
	 * (programme 201901022063) whose 7 undergraduates produced a
	 * feasibility report, a business plan, an economic analysis, 2 papers
	 * and 2 invention-patent filings: 7 outputs. */
	t = report("outcome_funnel", 0, 0, 0, ids.sand_project, 0);
	ck_row(t, 0, "2|0|0|2|0|0|~|0|0|0|1|1|0|1|7");
	ce_table_free(t);
	ce_filter *f = f_int("outcome", ids.spin_off);
	ck_assert_int_eq(count_where(CE_ENTITY_OUTCOME_CONTRIBUTOR, f), 7);
	ce_filter_free(f);
}
END_TEST

Suite *suite_reports_case_study(void)
{
	Suite *s = suite_create("reports_case_study");
	TCase *tc = store_tcase("reports_case_study");
	tcase_add_test(tc, worked_case_eight_filed_four_granted);
	suite_add_tcase(s, tc);
	return s;
}
