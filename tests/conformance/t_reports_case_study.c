/* The worked case of the Chinese case study: programme 201901022063's
 * graduate students filed 8 invention patents, 4 were granted, and a
 * spin-off entrepreneurship project had 7 outputs. */
#include "t_reports_fixture.h"

/* The worked case of the case study: programme 201901022063. */
START_TEST(worked_case_eight_filed_four_granted)
{
	build();
	ce_project *p;
	ck_ok(ce_project_lookup_by_code(&p, db, "201901022063"));
	int64_t j1 = ce_project_id(p);
	ce_project_free(p);
	/* Graduate students of J1 filed 8 invention patents (pt1..pt8: by
	 * subtopic S1, S2 or J1 itself), 4 were granted, 1 rejected, pt5 and
	 * pt6 pending, pt8 withdrawn; patents became products (pt1, pt3).
	 * Papers of J1: pa1 published, pa2 accepted, pa3 rejected. The 2014
	 * master's subtopic S3 led to 1 entrepreneurship project whose 7
	 * undergraduates produced a feasibility report, a business plan, an
	 * economic analysis, 2 papers and 2 invention-patent filings: 7. */
	ce_table *t = report("outcome_funnel", 0, 0, 0, j1, 0);
	ck_rows(t, 1);
	ck_row(t, 0, "8|4|1|2|2|0.5|730.5|0|0|0|1|1|1|1|7");
	int col;
	int64_t v;
	ck_ok(ce_table_column_index(&col, t, "patents_filed"));
	ck_ok(ce_table_get_int(&v, t, 0, col));
	ck_assert_int_eq(v, 8);
	ck_ok(ce_table_column_index(&col, t, "patents_granted"));
	ck_ok(ce_table_get_int(&v, t, 0, col));
	ck_assert_int_eq(v, 4);
	ce_table_free(t);
	/* 7 undergraduates on the spin-off */
	ce_filter *f = f_int("outcome", fx.ep1);
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
