/* cooperation_depth and destinations on the hand-worked fixture. */
#include "t_reports_fixture.h"

/* ---- cooperation depth --------------------------------------------------------------- */

START_TEST(cooperation_depth_from_records)
{
	build();
	/* aero: ag1; J1, J4 (two roles in J4: one project); pl1, pl2, pl5;
	 * en1, en3 supervise; outcomes on J1's subtopics: pt1, pt2 (S1), pt3,
	 * pt4, pa1, pa2 (S2), ep1 (S3) = 7 -> co-creation.
	 * J4 counts as a project, but aero only funds and uses it.
	 * assoc: the order-class agreement, a promise -> transactional.
	 * mech: ag4, J2, pl3, pl4; en2 supervises nobody; um1 is credited to
	 * J2 itself, not a subtopic -> hosting.
	 * gov: ag2, J4 funder -> transactional. cons: nothing. uni: left
	 * out. Ties by name: 山东省科 < 山东省铝. */
	ce_table *t = ALL("cooperation_depth");
	ck_rows(t, 5);
	ck_row(t, 0, S("%lld|山东某航空材料有限公司|enterprise|4|co_creation|1|2|3|2|7", L(fx.aero)));
	ck_row(t, 1, S("%lld|淄博某机械制造公司|enterprise|2|hosting|1|1|2|0|0", L(fx.mech)));
	ck_row(t, 2, S("%lld|山东省科学技术厅|government|1|transactional|1|1|0|0|0", L(fx.gov)));
	ck_row(t, 3, S("%lld|山东省铝业协会|industry_association|1|transactional|1|0|0|0|0", L(fx.assoc)));
	ck_row(t, 4, S("%lld|北京某咨询公司|enterprise|0|none|0|0|0|0|0", L(fx.cons)));
	ce_table_free(t);

	/* 2016: aero has ag1, J1, pl1, en1 and en3 active, J1's outcomes;
	 * gov ag2 (J4 starts 2019); the others nothing then - ties by name. */
	t = report("cooperation_depth", D(2016, 1, 1), D(2016, 12, 31), 0, 0, 0);
	ck_rows(t, 5);
	ck_row(t, 0, S("%lld|山东某航空材料有限公司|enterprise|4|co_creation|1|1|1|2|7", L(fx.aero)));
	ck_row(t, 1, S("%lld|山东省科学技术厅|government|1|transactional|1|0|0|0|0", L(fx.gov)));
	ck_row(t, 2, S("%lld|北京某咨询公司|enterprise|0|none|0|0|0|0|0", L(fx.cons)));
	ck_row(t, 3, S("%lld|山东省铝业协会|industry_association|0|none|0|0|0|0|0", L(fx.assoc)));
	ck_row(t, 4, S("%lld|淄博某机械制造公司|enterprise|0|none|0|0|0|0|0", L(fx.mech)));
	ce_table_free(t);

	t = report("cooperation_depth", 0, 0, fx.gov, 0, 0);
	ck_rows(t, 1);
	ck_row(t, 0, S("%lld|山东省科学技术厅|government|1|transactional|1|1|0|0|0", L(fx.gov)));
	ce_table_free(t);
}
END_TEST

/* ---- destinations ------------------------------------------------------------------------ */

START_TEST(destinations_by_cohort_and_sector)
{
	build();
	/* aero and mech cooperate (agreements, projects, placements); cons is
	 * a partner but does not. Sectors in token order: public_institution
	 * (2) < state_owned (4) < private (5) < further_study (8). */
	ce_table *t = ALL("destinations");
	ck_rows(t, 5);
	ck_row(t, 0, "2014|private_enterprise|1|1|1|1|1");
	ck_row(t, 1, "2015|state_owned_enterprise|2|2|1|1|1/2");
	ck_row(t, 2, "2015|private_enterprise|1|0|0|0|0");
	ck_row(t, 3, "2016|public_institution|1|0|0|0|0");
	ck_row(t, 4, "2016|further_study|1|0|0|0|0");
	ce_table_free(t);
	t = report("destinations", 0, 0, fx.aero, 0, 0);
	ck_rows(t, 1);
	ck_row(t, 0, "2015|state_owned_enterprise|2|2|1|1|1/2");
	ce_table_free(t);
	/* J1's students: st1, st2, st3, st4 (st9 had no subtopic). */
	t = report("destinations", 0, 0, 0, fx.j1, 0);
	ck_rows(t, 4);
	ck_row(t, 0, "2014|private_enterprise|1|1|1|1|1");
	ck_row(t, 1, "2015|state_owned_enterprise|1|1|1|1|1");
	ck_row(t, 2, "2015|private_enterprise|1|0|0|0|0");
	ck_row(t, 3, "2016|further_study|1|0|0|0|0");
	ce_table_free(t);
	t = report("destinations", D(2018, 1, 1), D(2018, 12, 31), 0, 0, 2015);
	ck_rows(t, 2);
	ck_row(t, 0, "2015|state_owned_enterprise|2|2|1|1|1/2");
	ck_row(t, 1, "2015|private_enterprise|1|0|0|0|0");
	ce_table_free(t);
}
END_TEST

Suite *suite_reports_destinations(void)
{
	Suite *s = suite_create("reports_destinations");
	TCase *tc = store_tcase("reports_destinations");
	tcase_add_test(tc, cooperation_depth_from_records);
	tcase_add_test(tc, destinations_by_cohort_and_sector);
	suite_add_tcase(s, tc);
	return s;
}
