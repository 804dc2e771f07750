/* supervision_coverage, students_lacking_supervisor, guidance_hours and
 * guidance_by_term on the hand-worked fixture. */
#include "t_reports_fixture.h"

/* ---- supervision ------------------------------------------------------------------ */

START_TEST(supervision_coverage_by_cohort)
{
	build();
	/* Population: graduate students on a subtopic: st1, st2 (2015), st3
	 * (2014), st4 (2016), st7 (2018), st8 (2019); not st5 (no subtopic),
	 * st6 (undergraduate), st9 (no subtopic).
	 * st1: ac1 main + en1 -> both; st2: ac1 main only; st3: ac2 deputy (not
	 * main) + en1; st4: ac2 main + en3 (deputy, but an enterprise
	 * supervisor) -> both; st7: ac1 main only; st8: nobody. */
	ce_table *t = ALL("supervision_coverage");
	ck_rows(t, 5);
	ck_row(t, 0, "2014|1|0|1|0|0");
	ck_row(t, 1, "2015|2|2|1|1|1/2");
	ck_row(t, 2, "2016|1|1|1|1|1");
	ck_row(t, 3, "2018|1|1|0|0|0");
	ck_row(t, 4, "2019|1|0|0|0|0");
	ce_table_free(t);

	/* In 2018 only the supervisions running then count: en1 ended 2017 for
	 * st1 and 2016 for st3. */
	t = report("supervision_coverage", D(2018, 1, 1), D(2018, 12, 31), 0, 0, 0);
	ck_rows(t, 5);
	ck_row(t, 0, "2014|1|0|0|0|0");
	ck_row(t, 1, "2015|2|2|0|0|0");
	ck_row(t, 2, "2016|1|1|1|1|1");
	ck_row(t, 3, "2018|1|1|0|0|0");
	ck_row(t, 4, "2019|1|0|0|0|0");
	ce_table_free(t);

	/* Partner mech takes part in J2 only: st7. Project J2: the same. */
	t = report("supervision_coverage", 0, 0, fx.mech, 0, 0);
	ck_rows(t, 1);
	ck_row(t, 0, "2018|1|1|0|0|0");
	ce_table_free(t);
	t = report("supervision_coverage", 0, 0, 0, fx.j2, 0);
	ck_rows(t, 1);
	ck_row(t, 0, "2018|1|1|0|0|0");
	ce_table_free(t);
	/* Partner mech with project J1: mech is not in J1, nobody. */
	t = report("supervision_coverage", 0, 0, fx.mech, fx.j1, 0);
	ck_rows(t, 0);
	ce_table_free(t);
	t = report("supervision_coverage", 0, 0, 0, 0, 2015);
	ck_rows(t, 1);
	ck_row(t, 0, "2015|2|2|1|1|1/2");
	ce_table_free(t);
}
END_TEST

START_TEST(students_lacking_a_supervisor_kind)
{
	build();
	/* Ordered by cohort, then number. */
	ce_table *t = ALL("students_lacking_supervisor");
	ck_rows(t, 4);
	ck_row(t, 0, S("%lld|2014010203|张伟|2014|academic_master|academic_main", L(fx.st[3])));
	ck_row(t, 1, S("%lld|2015010102|王芳|2015|academic_master|enterprise", L(fx.st[2])));
	ck_row(t, 2, S("%lld|2018040101|孙丽|2018|professional_master|enterprise", L(fx.st[7])));
	ck_row(t, 3, S("%lld|2019050101|周敏|2019|academic_master|academic_main,enterprise", L(fx.st[8])));
	ce_table_free(t);
	/* In 2018, st1 lacks her enterprise supervisor too (en1 ended 2017). */
	t = report("students_lacking_supervisor", D(2018, 1, 1), D(2018, 12, 31), 0, 0, 0);
	ck_rows(t, 5);
	ck_row(t, 0, S("%lld|2014010203|张伟|2014|academic_master|academic_main,enterprise", L(fx.st[3])));
	ck_row(t, 1, S("%lld|2015010101|李明|2015|professional_master|enterprise", L(fx.st[1])));
	ck_row(t, 2, S("%lld|2015010102|王芳|2015|academic_master|enterprise", L(fx.st[2])));
	ce_table_free(t);
	t = report("students_lacking_supervisor", 0, 0, 0, fx.j1, 2019);
	ck_rows(t, 1);
	ck_row(t, 0, S("%lld|2019050101|周敏|2019|academic_master|academic_main,enterprise", L(fx.st[8])));
	ce_table_free(t);
}
END_TEST

/* ---- guidance ---------------------------------------------------------------------- */

START_TEST(guidance_hours_per_supervisor)
{
	build();
	/* Sessions (minutes): g1 2016-03-10 120 {ac1,en1; st1,st2} joint;
	 * g2 2016-09-05 60 {ac2; st3}; g3 2017-01-15 90 {en1; st3};
	 * g4 2017-03-20 30 {ac1,en3; st4} joint; g5 2018-10-08 45 {ac1; st7};
	 * g6 2016-03-25 60 {ac1; st1}; g7 2016-11-11 30 {ac1; st1}.
	 * ac1: g1,g4,g5,g6,g7 = 285 min = 4.75 h, students st1,st2,st4,st7,
	 * joint g1,g4; evaluation 95. ac2: g2. en1: g1,g3 = 3.5 h, st1,st2,st3,
	 * joint g1; evaluations 80, 90. en2: nothing. en3: g4.
	 * Enterprise first by name: 吴立新 (en2), 周海涛 (en1), 郑宏 (en3); then
	 * 刘志强 (ac2), 王建国 (ac1). */
	ce_table *t = ALL("guidance_hours");
	ck_rows(t, 5);
	ck_row(t, 0, S("%lld|吴立新|enterprise|0|0|0|~|0|~|~|0", L(fx.en2)));
	ck_row(t, 1, S("%lld|周海涛|enterprise|2|3.5|3|3.5/3|1|1/2|85|2", L(fx.en1)));
	ck_row(t, 2, S("%lld|郑宏|enterprise|1|0.5|1|0.5|1|1|~|0", L(fx.en3)));
	ck_row(t, 3, S("%lld|刘志强|academic|1|1|1|1|0|0|~|0", L(fx.ac2)));
	ck_row(t, 4, S("%lld|王建国|academic|5|4.75|4|4.75/4|2|2/5|95|1", L(fx.ac1)));
	ce_table_free(t);

	/* 2016: g1, g2, g6, g7; en1's 2017 evaluation is outside. */
	t = report("guidance_hours", D(2016, 1, 1), D(2016, 12, 31), 0, 0, 0);
	ck_rows(t, 5);
	ck_row(t, 0, S("%lld|吴立新|enterprise|0|0|0|~|0|~|~|0", L(fx.en2)));
	ck_row(t, 1, S("%lld|周海涛|enterprise|1|2|2|1|1|1|80|1", L(fx.en1)));
	ck_row(t, 2, S("%lld|郑宏|enterprise|0|0|0|~|0|~|~|0", L(fx.en3)));
	ck_row(t, 3, S("%lld|刘志强|academic|1|1|1|1|0|0|~|0", L(fx.ac2)));
	ck_row(t, 4, S("%lld|王建国|academic|3|3.5|2|1.75|1|1/3|95|1", L(fx.ac1)));
	ce_table_free(t);

	/* Partner aero: its supervisors en1 and en3 only. */
	t = report("guidance_hours", 0, 0, fx.aero, 0, 0);
	ck_rows(t, 2);
	ck_row(t, 0, S("%lld|周海涛|enterprise|2|3.5|3|3.5/3|1|1/2|85|2", L(fx.en1)));
	ck_row(t, 1, S("%lld|郑宏|enterprise|1|0.5|1|0.5|1|1|~|0", L(fx.en3)));
	ce_table_free(t);

	/* Cohort 2016: sessions with st4: g4 only; only st4 counted. */
	t = report("guidance_hours", 0, 0, 0, 0, 2016);
	ck_row(t, 2, S("%lld|郑宏|enterprise|1|0.5|1|0.5|1|1|~|0", L(fx.en3)));
	ck_row(t, 4, S("%lld|王建国|academic|1|0.5|1|0.5|1|1|95|1", L(fx.ac1)));
	ce_table_free(t);

	/* Project J1: sessions on its subtopics: g1, g2, g3, g6, g7. */
	t = report("guidance_hours", 0, 0, 0, fx.j1, 0);
	ck_row(t, 1, S("%lld|周海涛|enterprise|2|3.5|3|3.5/3|1|1/2|85|2", L(fx.en1)));
	ck_row(t, 2, S("%lld|郑宏|enterprise|0|0|0|~|0|~|~|0", L(fx.en3)));
	ck_row(t, 4, S("%lld|王建国|academic|3|3.5|2|1.75|1|1/3|95|1", L(fx.ac1)));
	ce_table_free(t);
}
END_TEST

START_TEST(guidance_by_term_per_pair)
{
	build();
	/* By supervisor id (ac1, ac2, en1, en3), student id, term in time
	 * order: 2016-spring before 2016-autumn. */
	ce_table *t = ALL("guidance_by_term");
	ck_rows(t, 10);
	ck_row(t, 0, S("%lld|王建国|%lld|李明|2016-spring|2|3", L(fx.ac1), L(fx.st[1])));
	ck_row(t, 1, S("%lld|王建国|%lld|李明|2016-autumn|1|0.5", L(fx.ac1), L(fx.st[1])));
	ck_row(t, 2, S("%lld|王建国|%lld|王芳|2016-spring|1|2", L(fx.ac1), L(fx.st[2])));
	ck_row(t, 3, S("%lld|王建国|%lld|刘洋|2017-spring|1|0.5", L(fx.ac1), L(fx.st[4])));
	ck_row(t, 4, S("%lld|王建国|%lld|孙丽|2018-autumn|1|0.75", L(fx.ac1), L(fx.st[7])));
	ck_row(t, 5, S("%lld|刘志强|%lld|张伟|2016-autumn|1|1", L(fx.ac2), L(fx.st[3])));
	ck_row(t, 6, S("%lld|周海涛|%lld|李明|2016-spring|1|2", L(fx.en1), L(fx.st[1])));
	ck_row(t, 7, S("%lld|周海涛|%lld|王芳|2016-spring|1|2", L(fx.en1), L(fx.st[2])));
	/* 2017-01-15 is in the 2016 autumn term */
	ck_row(t, 8, S("%lld|周海涛|%lld|张伟|2016-autumn|1|1.5", L(fx.en1), L(fx.st[3])));
	ck_row(t, 9, S("%lld|郑宏|%lld|刘洋|2017-spring|1|0.5", L(fx.en3), L(fx.st[4])));
	ce_table_free(t);

	t = report("guidance_by_term", 0, 0, fx.aero, 0, 2014);
	ck_rows(t, 1);
	ck_row(t, 0, S("%lld|周海涛|%lld|张伟|2016-autumn|1|1.5", L(fx.en1), L(fx.st[3])));
	ce_table_free(t);
}
END_TEST

Suite *suite_reports_supervision(void)
{
	Suite *s = suite_create("reports_supervision");
	TCase *tc = store_tcase("reports_supervision");
	tcase_add_test(tc, supervision_coverage_by_cohort);
	tcase_add_test(tc, students_lacking_a_supervisor_kind);
	tcase_add_test(tc, guidance_hours_per_supervisor);
	tcase_add_test(tc, guidance_by_term_per_pair);
	suite_add_tcase(s, tc);
	return s;
}
