/* project_pipeline, subtopic_graph and budget_variance on the hand-worked
 * fixture. */
#include "t_reports_fixture.h"

/* ---- projects --------------------------------------------------------------------------- */

START_TEST(project_pipeline_by_stage_and_currency)
{
	build();
	/* laboratory: J2 (completed, 300000.00 CNY) and J3 (proposed, USD);
	 * pilot: J4 (active, CNY); industrialisation: J1 (active, CNY). The
	 * stage's counts repeat on each of its currency rows. */
	ce_table *t = ALL("project_pipeline");
	ck_rows(t, 4);
	ck_row(t, 0, "laboratory|2|0|1|CNY|30000000");
	ck_row(t, 1, "laboratory|2|0|1|USD|100000000");
	ck_row(t, 2, "pilot|1|1|0|CNY|20000000");
	ck_row(t, 3, "industrialisation|1|1|0|CNY|500000000");
	ce_table_free(t);
	t = report("project_pipeline", 0, 0, fx.mech, 0, 0);
	ck_rows(t, 3);
	ck_row(t, 0, "laboratory|1|0|1|CNY|30000000");
	ck_row(t, 1, "pilot|0|0|0|~|0");
	ck_row(t, 2, "industrialisation|0|0|0|~|0");
	ce_table_free(t);
	/* 2016: only J1 ran then (counted at its current stage). */
	t = report("project_pipeline", D(2016, 1, 1), D(2016, 12, 31), 0, 0, 0);
	ck_rows(t, 3);
	ck_row(t, 0, "laboratory|0|0|0|~|0");
	ck_row(t, 2, "industrialisation|1|1|0|CNY|500000000");
	ce_table_free(t);
	t = report("project_pipeline", 0, 0, 0, fx.j4, 0);
	ck_row(t, 1, "pilot|1|1|0|CNY|20000000");
	ce_table_free(t);
}
END_TEST

START_TEST(subtopic_graph_critical_path)
{
	build();
	/* Order: S1 first; then S2, S3 (ready together, by id); S4 once both
	 * are done, before S5 (smaller id among the ready).
	 * Forward: S1 0-120, S2 120-210, S3 120-180, S4 210-240, S5 0-45;
	 * length 240. Backward: S4 LS 210; S3 LF 210 LS 150; S2 LF 210 LS 120;
	 * S1 LF min(120, 150) = 120, LS 0; S5 LF 240 LS 195. Critical: S1, S2, S4. */
	ce_table *t = report("subtopic_graph", 0, 0, 0, fx.j1, 0);
	ck_rows(t, 5);
	ck_row(t, 0, S("1|%lld|铝合金成分设计理论|completed|120|~|0|120|0|0|1", L(fx.s1)));
	ck_row(t, 1, S("2|%lld|热处理工艺优化|in_progress|90|%lld|120|210|120|0|1", L(fx.s2), L(fx.s1)));
	ck_row(t, 2, S("3|%lld|3D打印覆膜砂选择性激光烧结|completed|60|%lld|120|180|150|30|0", L(fx.s3),
	               L(fx.s1)));
	ck_row(t, 3, S("4|%lld|发动机部件中试验证|proposed|30|%lld,%lld|210|240|210|0|1", L(fx.s4),
	               L(fx.s2), L(fx.s3)));
	ck_row(t, 4, S("5|%lld|材料性能数据库|abandoned|45|~|0|45|195|195|0", L(fx.s5)));
	ce_table_free(t);
	t = report("subtopic_graph", 0, 0, 0, fx.j2, 0);
	ck_rows(t, 1);
	ck_row(t, 0, S("1|%lld|再制造零件检测|completed|100|~|0|100|0|0|1", L(fx.s6)));
	ce_table_free(t);
	t = report("subtopic_graph", 0, 0, 0, fx.j3, 0);
	ck_rows(t, 0);
	ce_table_free(t);
}
END_TEST

START_TEST(budget_variance_per_line)
{
	build();
	/* By project, subtopic, category bytes (差 U+5DEE < 材 U+6750). */
	ce_table *t = ALL("budget_variance");
	ck_rows(t, 4);
	const char *j1 = S("%lld|2016ZDJS02A03|%lld|铝合金成分设计理论", L(fx.j1), L(fx.s1));
	ck_row(t, 0, S("%s|差旅费|CNY|1000000|800000|-200000|-0.2", j1));
	ck_row(t, 1, S("%s|材料费|CNY|5000000|5500000|500000|0.1", j1));
	ck_row(t, 2, S("%lld|2016ZDJS02A03|%lld|热处理工艺优化|测试费|CNY|0|300000|300000|~", L(fx.j1),
	               L(fx.s2)));
	ck_row(t, 3, S("%lld|ZB2018-07|%lld|再制造零件检测|设备费|CNY|2000000|2000000|0|0", L(fx.j2),
	               L(fx.s6)));
	ce_table_free(t);
	t = report("budget_variance", 0, 0, fx.mech, 0, 0);
	ck_rows(t, 1);
	ck_row(t, 0, S("%lld|ZB2018-07|%lld|再制造零件检测|设备费|CNY|2000000|2000000|0|0", L(fx.j2),
	               L(fx.s6)));
	ce_table_free(t);
	t = report("budget_variance", 0, 0, 0, fx.j3, 0);
	ck_rows(t, 0);
	ce_table_free(t);
}
END_TEST

Suite *suite_reports_projects(void)
{
	Suite *s = suite_create("reports_projects");
	TCase *tc = store_tcase("reports_projects");
	tcase_add_test(tc, project_pipeline_by_stage_and_currency);
	tcase_add_test(tc, subtopic_graph_critical_path);
	tcase_add_test(tc, budget_variance_per_line);
	suite_add_tcase(s, tc);
	return s;
}
