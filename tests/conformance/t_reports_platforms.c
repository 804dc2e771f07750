/* platform_utilisation, idle_platforms and placement_health on the
 * hand-worked fixture. */
#include "t_reports_fixture.h"

/* ---- platforms ------------------------------------------------------------------------ */

START_TEST(platform_utilisation_per_year)
{
	build();
	/* Placement years 2016..2020 (pl4 is open from 2019-11-01, pl5 runs to
	 * 2020-01-31). Days: pl1 F1 62 (2016); pl2 F2 107 (2017); pl3 F3 122
	 * (2018); pl4 F3 61 (2019) and 366 (2020, open); pl5 F1 31 + 31.
	 * Subtopics: S2 on F1 from 2016 and still going; S3 on F2 2016..2018;
	 * S6 on F3 2018..2019. F3 has no capacity: utilisation NULL. F3 was
	 * established in 2017, F4 in 2018: no rows for the years before. */
	ce_table *t = ALL("platform_utilisation");
	ck_rows(t, 17);
	const char *f1 = "先进材料联合实验室|joint_laboratory", *f2 = "航空材料研究生联合培养基地|graduate_training_base";
	const char *f3 = "淄博机械产业园|industrial_park", *f4 = "大学生创业孵化器|incubator";
	ck_row(t, 0, S("%lld|%s|2016|10|1|62|62/3660|1", L(fx.f1), f1));
	ck_row(t, 1, S("%lld|%s|2017|10|0|0|0|1", L(fx.f1), f1));
	ck_row(t, 2, S("%lld|%s|2018|10|0|0|0|1", L(fx.f1), f1));
	ck_row(t, 3, S("%lld|%s|2019|10|1|31|31/3650|1", L(fx.f1), f1));
	ck_row(t, 4, S("%lld|%s|2020|10|1|31|31/3660|1", L(fx.f1), f1));
	ck_row(t, 5, S("%lld|%s|2016|2|0|0|0|1", L(fx.f2), f2));
	ck_row(t, 6, S("%lld|%s|2017|2|1|107|107/730|1", L(fx.f2), f2));
	ck_row(t, 7, S("%lld|%s|2018|2|0|0|0|1", L(fx.f2), f2));
	ck_row(t, 8, S("%lld|%s|2019|2|0|0|0|0", L(fx.f2), f2));
	ck_row(t, 9, S("%lld|%s|2020|2|0|0|0|0", L(fx.f2), f2));
	ck_row(t, 10, S("%lld|%s|2017|0|0|0|~|0", L(fx.f3), f3));
	ck_row(t, 11, S("%lld|%s|2018|0|1|122|~|1", L(fx.f3), f3));
	ck_row(t, 12, S("%lld|%s|2019|0|1|61|~|1", L(fx.f3), f3));
	ck_row(t, 13, S("%lld|%s|2020|0|1|366|~|0", L(fx.f3), f3));
	for (int y = 0; y < 3; y++)
		ck_row(t, 14 + (size_t)y, S("%lld|%s|%d|20|0|0|0|0", L(fx.f4), f4, 2018 + y));
	ce_table_free(t);

	/* A period across a new year: each year's part of it only, open pl4
	 * up to the period's end; S6 ended before it. */
	t = report("platform_utilisation", D(2019, 12, 1), D(2020, 1, 31), 0, 0, 0);
	ck_rows(t, 8);
	ck_row(t, 0, S("%lld|%s|2019|10|1|31|31/310|1", L(fx.f1), f1));
	ck_row(t, 1, S("%lld|%s|2020|10|1|31|31/310|1", L(fx.f1), f1));
	ck_row(t, 2, S("%lld|%s|2019|2|0|0|0|0", L(fx.f2), f2));
	ck_row(t, 4, S("%lld|%s|2019|0|1|31|~|0", L(fx.f3), f3));
	ck_row(t, 5, S("%lld|%s|2020|0|1|31|~|0", L(fx.f3), f3));
	ck_row(t, 7, S("%lld|%s|2020|20|0|0|0|0", L(fx.f4), f4));
	ce_table_free(t);

	/* Partner mech hosts F3: years of its placements, 2018..2019. */
	t = report("platform_utilisation", 0, 0, fx.mech, 0, 0);
	ck_rows(t, 2);
	ck_row(t, 0, S("%lld|%s|2018|0|1|122|~|1", L(fx.f3), f3));
	ck_row(t, 1, S("%lld|%s|2019|0|1|61|~|1", L(fx.f3), f3));
	ce_table_free(t);
}
END_TEST

/* A base established mid-2019: no row for 2018, and in 2019 only the days
 * from its establishment count, for the placements and the capacity. */
START_TEST(platform_utilisation_from_establishment)
{
	int64_t host = partner("烟台某机械有限公司", CE_PARTNER_ENTERPRISE);
	int64_t base = platform("烟台实践教学基地", CE_PLATFORM_PRACTICE_TEACHING_BASE,
	                        CE_PLATFORM_LEVEL_MUNICIPAL, 2, D(2019, 7, 1), host);
	int64_t a = student("2018010101", "李明", CE_STUDENT_LEVEL_UNDERGRADUATE, 2018);
	int64_t b = student("2018010102", "王芳", CE_STUDENT_LEVEL_UNDERGRADUATE, 2018);
	/* 2019-06-01..07-10: 10 days from 07-01; 09-01..10-30: 60 days. */
	placement(a, host, base, D(2019, 6, 1), D(2019, 7, 10), CE_PLACEMENT_STATUS_COMPLETED,
	          D(2019, 7, 10));
	placement(b, host, base, D(2019, 9, 1), D(2019, 10, 30), CE_PLACEMENT_STATUS_COMPLETED,
	          D(2019, 10, 30));
	const char *name = "烟台实践教学基地|practice_teaching_base";
	/* 2019-07-01..12-31 is 184 days, capacity 2. */
	ce_table *t = report("platform_utilisation", D(2018, 1, 1), D(2020, 12, 31), 0, 0, 0);
	ck_rows(t, 2);
	ck_row(t, 0, S("%lld|%s|2019|2|2|70|70/368|0", L(base), name));
	ck_row(t, 1, S("%lld|%s|2020|2|0|0|0|0", L(base), name));
	ce_table_free(t);
	/* A period ending before it was established: no row at all. */
	t = report("platform_utilisation", D(2019, 1, 1), D(2019, 6, 30), 0, 0, 0);
	ck_rows(t, 0);
	ce_table_free(t);
}
END_TEST

START_TEST(idle_platforms_in_a_period)
{
	build();
	/* Ever: only F4 was never used. */
	ce_table *t = ALL("idle_platforms");
	ck_rows(t, 1);
	ck_row(t, 0, S("%lld|大学生创业孵化器|incubator|institutional|20180101|~", L(fx.f4)));
	ce_table_free(t);
	/* 2017: F1 has S2 going on, F2 pl2; F3 idle, last used by pl4's start
	 * (2019-11-01, after S6's 2019-10-31); F4 did not exist yet. */
	t = report("idle_platforms", D(2017, 1, 1), D(2017, 12, 31), 0, 0, 0);
	ck_rows(t, 1);
	ck_row(t, 0, S("%lld|淄博机械产业园|industrial_park|municipal|20170301|20191101", L(fx.f3)));
	ce_table_free(t);
	/* 2021: F1 (S2) and F3 (open pl4) in use; F2 last used when S3 was
	 * completed on 2018-06-30. */
	t = report("idle_platforms", D(2021, 1, 1), D(2021, 12, 31), 0, 0, 0);
	ck_rows(t, 2);
	ck_row(t, 0, S("%lld|航空材料研究生联合培养基地|graduate_training_base|provincial|20160101|20180630",
	               L(fx.f2)));
	ck_row(t, 1, S("%lld|大学生创业孵化器|incubator|institutional|20180101|~", L(fx.f4)));
	ce_table_free(t);
	t = report("idle_platforms", D(2021, 1, 1), D(2021, 12, 31), fx.aero, 0, 0);
	ck_rows(t, 1);
	ck_row(t, 0, S("%lld|航空材料研究生联合培养基地|graduate_training_base|provincial|20160101|20180630",
	               L(fx.f2)));
	ce_table_free(t);
}
END_TEST

/* ---- placements ------------------------------------------------------------------------- */

START_TEST(placement_health_per_host)
{
	build();
	/* aero: pl1 (completed, feedback both ways), pl2 (ended early, 1
	 * incident, no school->enterprise feedback), pl5 (planned); delays 10,
	 * 20, 5, 10 -> median 10. mech: pl3 (completed, 2 incidents, both
	 * ways): one feedback 10 days before its end, given during it (not a
	 * delay of -10), one 20 days after -> 20; pl4 (active, no end yet):
	 * its feedback is given during it too. Total delays 5, 10, 10, 20, 20
	 * -> 10; 2 given during. */
	ce_table *t = ALL("placement_health");
	ck_rows(t, 3);
	ck_row(t, 0, S("%lld|山东某航空材料有限公司|3|1|100/3|1|2|1|1/2|10|0", L(fx.aero)));
	ck_row(t, 1, S("%lld|淄博某机械制造公司|2|2|100|0|1|1|1|20|2", L(fx.mech)));
	ck_row(t, 2, "~|(all)|5|3|60|1|3|2|2/3|10|2");
	ce_table_free(t);
	t = report("placement_health", D(2017, 1, 1), D(2017, 12, 31), 0, 0, 0);
	ck_rows(t, 2);
	ck_row(t, 0, S("%lld|山东某航空材料有限公司|1|1|100|1|1|0|0|7.5|0", L(fx.aero)));
	ck_row(t, 1, "~|(all)|1|1|100|1|1|0|0|7.5|0");
	ce_table_free(t);
	t = report("placement_health", 0, 0, 0, 0, 2018);
	ck_rows(t, 2);
	ck_row(t, 0, S("%lld|淄博某机械制造公司|1|0|0|0|0|0|~|~|1", L(fx.mech)));
	ck_row(t, 1, "~|(all)|1|0|0|0|0|0|~|~|1");
	ce_table_free(t);
	t = report("placement_health", 0, 0, fx.mech, 0, 0);
	ck_rows(t, 2);
	ck_row(t, 0, S("%lld|淄博某机械制造公司|2|2|100|0|1|1|1|20|2", L(fx.mech)));
	ck_row(t, 1, "~|(all)|2|2|100|0|1|1|1|20|2");
	ce_table_free(t);
}
END_TEST

Suite *suite_reports_platforms(void)
{
	Suite *s = suite_create("reports_platforms");
	TCase *tc = store_tcase("reports_platforms");
	tcase_add_test(tc, platform_utilisation_per_year);
	tcase_add_test(tc, platform_utilisation_from_establishment);
	tcase_add_test(tc, idle_platforms_in_a_period);
	tcase_add_test(tc, placement_health_per_host);
	suite_add_tcase(s, tc);
	return s;
}
