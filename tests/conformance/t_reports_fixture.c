/* The hand-worked fixture of the report tests, and the helpers that check
 * a report's table row by row (see t_reports_fixture.h). */
#include <stdarg.h>
#include <stdio.h>

#include "t_reports_fixture.h"

struct fixture fx;

static void build_org(void)
{
	/* Partners. Byte order of the names: 北 (U+5317) < 山 (U+5C71) < 淄 (U+6DC4);
	 * among the 山东 names: 某航空 < 省科学 < 省铝业. */
	fx.uni = partner("山东理工大学", CE_PARTNER_UNIVERSITY);
	fx.aero = partner("山东某航空材料有限公司", CE_PARTNER_ENTERPRISE);
	fx.mech = partner("淄博某机械制造公司", CE_PARTNER_ENTERPRISE);
	fx.gov = partner("山东省科学技术厅", CE_PARTNER_GOVERNMENT);
	fx.cons = partner("北京某咨询公司", CE_PARTNER_ENTERPRISE);
	fx.assoc = partner("山东省铝业协会", CE_PARTNER_INDUSTRY_ASSOCIATION);

	fx.ag1 = agreement("联合培养研究生协议", CE_SCOPE_JOINT_TRAINING_BASE | CE_SCOPE_JOINT_PROJECT,
	                   D(2015, 1, 1), 0, fx.aero);
	fx.ag2 = agreement("技术咨询协议", CE_SCOPE_CONSULTING, D(2016, 3, 1), D(2016, 12, 31), fx.gov);
	fx.ag3 = agreement("订单班协议", CE_SCOPE_ORDER_CLASS, D(2018, 9, 1), 0, fx.assoc);
	fx.ag4 = agreement("实习基地协议", CE_SCOPE_INTERNSHIP_HOSTING, D(2017, 1, 1), D(2020, 12, 31),
	                   fx.mech);

	fx.f1 = platform("先进材料联合实验室", CE_PLATFORM_JOINT_LABORATORY, CE_PLATFORM_LEVEL_PROVINCIAL,
	                 10, D(2015, 6, 1), fx.aero);
	fx.f2 = platform("航空材料研究生联合培养基地", CE_PLATFORM_GRADUATE_TRAINING_BASE,
	                 CE_PLATFORM_LEVEL_PROVINCIAL, 2, D(2016, 1, 1), fx.aero);
	fx.f3 = platform("淄博机械产业园", CE_PLATFORM_INDUSTRIAL_PARK, CE_PLATFORM_LEVEL_MUNICIPAL, 0,
	                 D(2017, 3, 1), fx.mech);
	fx.f4 = platform("大学生创业孵化器", CE_PLATFORM_INCUBATOR, CE_PLATFORM_LEVEL_INSTITUTIONAL, 20,
	                 D(2018, 1, 1), 0);

	/* J1: the alloy project of the case study, now industrialised. */
	fx.j1 = project("2016ZDJS02A03", "高强高韧航空发动机铝合金研发", 500000000, "CNY", D(2015, 1, 1),
	                D(2021, 12, 31), CE_PROJECT_STATUS_PROPOSED, CE_PROJECT_STAGE_LABORATORY);
	ck_ok(ce_project_set_status(db, fx.j1, CE_PROJECT_STATUS_ACTIVE, D(2015, 3, 1)));
	ck_ok(ce_project_set_stage(db, fx.j1, CE_PROJECT_STAGE_PILOT, D(2017, 6, 1)));
	ck_ok(ce_project_set_stage(db, fx.j1, CE_PROJECT_STAGE_INDUSTRIALISATION, D(2019, 6, 1)));
	project_partner(fx.j1, fx.aero, CE_PROJECT_ROLE_LEAD);
	fx.j2 = project("ZB2018-07", "机械零件再制造工艺", 30000000, "CNY", D(2018, 1, 1), D(2019, 12, 31),
	                CE_PROJECT_STATUS_ACTIVE, CE_PROJECT_STAGE_LABORATORY);
	ck_ok(ce_project_set_status(db, fx.j2, CE_PROJECT_STATUS_COMPLETED, D(2019, 12, 31)));
	project_partner(fx.j2, fx.mech, CE_PROJECT_ROLE_HOST);
	fx.j3 = project("NSF-2020-01", "铝合金疲劳理论", 100000000, "USD", D(2020, 1, 1), 0,
	                CE_PROJECT_STATUS_PROPOSED, CE_PROJECT_STAGE_LABORATORY);
	fx.j4 = project("SD-2019-PILOT", "覆膜砂回收中试", 20000000, "CNY", D(2019, 3, 1), 0,
	                CE_PROJECT_STATUS_ACTIVE, CE_PROJECT_STAGE_PILOT);
	project_partner(fx.j4, fx.aero, CE_PROJECT_ROLE_USER);
	project_partner(fx.j4, fx.aero, CE_PROJECT_ROLE_FUNDER); /* two roles: still one project */
	project_partner(fx.j4, fx.gov, CE_PROJECT_ROLE_FUNDER);
	/* The hierarchy: J4 below J1, J3 below J4 (two levels under J1). */
	project_parent(fx.j4, fx.j1);
	project_parent(fx.j3, fx.j4);

	/* J1's subtopics: S2 and S3 need S1; S4 needs S2 and S3; S5 stands alone. */
	fx.s1 = subtopic(fx.j1, "铝合金成分设计理论", CE_SUBTOPIC_SITE_UNIVERSITY, 0, 120, D(2015, 9, 1),
	                 SUB(APPROVED), D(2015, 10, 1), SUB(IN_PROGRESS), D(2015, 11, 1),
	                 SUB(COMPLETED), D(2016, 6, 30), END);
	fx.s2 = subtopic(fx.j1, "热处理工艺优化", CE_SUBTOPIC_SITE_PLATFORM, fx.f1, 90, D(2016, 1, 10),
	                 SUB(APPROVED), D(2016, 2, 1), SUB(IN_PROGRESS), D(2016, 3, 1), END);
	fx.s3 = subtopic(fx.j1, "3D打印覆膜砂选择性激光烧结", CE_SUBTOPIC_SITE_PLATFORM, fx.f2, 60,
	                 D(2016, 9, 1), SUB(APPROVED), D(2016, 10, 1), SUB(IN_PROGRESS), D(2016, 11, 1),
	                 SUB(COMPLETED), D(2018, 6, 30), END);
	fx.s4 = subtopic(fx.j1, "发动机部件中试验证", CE_SUBTOPIC_SITE_ENTERPRISE, 0, 30, D(2017, 6, 1),
	                 END);
	fx.s5 = subtopic(fx.j1, "材料性能数据库", CE_SUBTOPIC_SITE_UNIVERSITY, 0, 45, D(2016, 1, 10),
	                 SUB(ABANDONED), D(2016, 5, 1), END);
	depends(fx.s2, fx.s1);
	depends(fx.s3, fx.s1);
	depends(fx.s4, fx.s3);
	depends(fx.s4, fx.s2);
	fx.s6 = subtopic(fx.j2, "再制造零件检测", CE_SUBTOPIC_SITE_PLATFORM, fx.f3, 100, D(2018, 3, 1),
	                 SUB(APPROVED), D(2018, 4, 1), SUB(IN_PROGRESS), D(2018, 5, 1),
	                 SUB(COMPLETED), D(2019, 10, 31), END);

	budget_line(fx.s1, "材料费", 5000000, 5500000);
	budget_line(fx.s1, "差旅费", 1000000, 800000);
	budget_line(fx.s2, "测试费", 0, 300000);
	budget_line(fx.s6, "设备费", 2000000, 2000000);
}

static void build_people(void)
{
	ce_student_level pm = CE_STUDENT_LEVEL_PROFESSIONAL_MASTER, am = CE_STUDENT_LEVEL_ACADEMIC_MASTER;
	fx.st[1] = student("2015010101", "李明", pm, 2015);
	fx.st[2] = student("2015010102", "王芳", am, 2015);
	fx.st[3] = student("2014010203", "张伟", am, 2014);
	fx.st[4] = student("2016020101", "刘洋", CE_STUDENT_LEVEL_DOCTORAL, 2016);
	fx.st[5] = student("2016020102", "陈静", pm, 2016);
	fx.st[6] = student("2017030101", "赵磊", CE_STUDENT_LEVEL_UNDERGRADUATE, 2017);
	fx.st[7] = student("2018040101", "孙丽", pm, 2018);
	fx.st[8] = student("2019050101", "周敏", am, 2019);
	fx.st[9] = student("2015010103", "黄强", pm, 2015);
	static const char *const names[] = { NULL, "钱一", "钱二", "钱三", "钱四", "钱五", "钱六" };
	fx.u[0] = fx.st[6];
	for (int i = 1; i <= 6; i++) {
		char number[16];
		snprintf(number, sizeof number, "201703020%d", i);
		fx.u[i] = student(number, names[i], CE_STUDENT_LEVEL_UNDERGRADUATE, 2017);
	}
	assign(fx.s1, fx.st[1]);
	assign(fx.s2, fx.st[2]);
	assign(fx.s3, fx.st[3]);
	assign(fx.s4, fx.st[4]);
	assign(fx.s2, fx.st[4]);
	assign(fx.s3, fx.st[6]);
	assign(fx.s6, fx.st[7]);
	assign(fx.s2, fx.st[8]);

	/* Byte order of the names: 吴 < 周 < 郑 (enterprise), 刘 < 王 (academic). */
	fx.ac1 = supervisor("王建国", CE_SUPERVISOR_ACADEMIC, fx.uni);
	fx.ac2 = supervisor("刘志强", CE_SUPERVISOR_ACADEMIC, 0);
	fx.en1 = supervisor("周海涛", CE_SUPERVISOR_ENTERPRISE, fx.aero);
	fx.en2 = supervisor("吴立新", CE_SUPERVISOR_ENTERPRISE, fx.mech);
	fx.en3 = supervisor("郑宏", CE_SUPERVISOR_ENTERPRISE, fx.aero);

	supervise(fx.st[1], fx.ac1, CE_SUPERVISION_ROLE_MAIN, D(2015, 9, 1), 0);
	supervise(fx.st[1], fx.en1, CE_SUPERVISION_ROLE_ENTERPRISE, D(2016, 1, 1), D(2017, 12, 31));
	supervise(fx.st[2], fx.ac1, CE_SUPERVISION_ROLE_MAIN, D(2015, 9, 1), 0);
	supervise(fx.st[3], fx.ac2, CE_SUPERVISION_ROLE_DEPUTY, D(2014, 9, 1), 0);
	supervise(fx.st[3], fx.en1, CE_SUPERVISION_ROLE_ENTERPRISE, D(2015, 3, 1), D(2016, 6, 30));
	supervise(fx.st[4], fx.ac2, CE_SUPERVISION_ROLE_MAIN, D(2016, 9, 1), 0);
	supervise(fx.st[4], fx.en3, CE_SUPERVISION_ROLE_DEPUTY, D(2016, 9, 1), 0);
	supervise(fx.st[5], fx.ac2, CE_SUPERVISION_ROLE_MAIN, D(2016, 9, 1), 0);
	supervise(fx.st[7], fx.ac1, CE_SUPERVISION_ROLE_MAIN, D(2018, 9, 1), 0);

	/* g1..g7; Jan 2017 belongs to the 2016 autumn term. */
	session(D(2016, 3, 10), 120, fx.s2, fx.ac1, fx.en1, (int64_t)0, fx.st[1], fx.st[2], (int64_t)0);
	session(D(2016, 9, 5), 60, fx.s3, fx.ac2, (int64_t)0, fx.st[3], (int64_t)0);
	session(D(2017, 1, 15), 90, fx.s3, fx.en1, (int64_t)0, fx.st[3], (int64_t)0);
	session(D(2017, 3, 20), 30, 0, fx.ac1, fx.en3, (int64_t)0, fx.st[4], (int64_t)0);
	session(D(2018, 10, 8), 45, fx.s6, fx.ac1, (int64_t)0, fx.st[7], (int64_t)0);
	session(D(2016, 3, 25), 60, fx.s2, fx.ac1, (int64_t)0, fx.st[1], (int64_t)0);
	session(D(2016, 11, 11), 30, fx.s1, fx.ac1, (int64_t)0, fx.st[1], (int64_t)0);

	evaluation(fx.en1, D(2016, 1, 1), D(2016, 12, 31), 80);
	evaluation(fx.en1, D(2017, 1, 1), D(2017, 12, 31), 90);
	evaluation(fx.ac1, D(2016, 1, 1), D(2016, 6, 30), 95);
}

static void build_placements(void)
{
	int64_t pl1 = placement(fx.st[1], fx.aero, fx.f1, D(2016, 7, 1), D(2016, 8, 31),
	                        CE_PLACEMENT_STATUS_COMPLETED, D(2016, 8, 31));
	int64_t pl2 = placement(fx.st[2], fx.aero, fx.f2, D(2017, 7, 1), D(2017, 10, 15),
	                        CE_PLACEMENT_STATUS_ENDED_EARLY, D(2017, 10, 15));
	int64_t pl3 = placement(fx.st[3], fx.mech, fx.f3, D(2018, 3, 1), D(2018, 6, 30),
	                        CE_PLACEMENT_STATUS_COMPLETED, D(2018, 6, 30));
	int64_t pl4 = placement(fx.st[7], fx.mech, fx.f3, D(2019, 11, 1), 0, CE_PLACEMENT_STATUS_ACTIVE, 0);
	placement(fx.st[4], fx.aero, fx.f1, D(2019, 12, 1), D(2020, 1, 31), CE_PLACEMENT_STATUS_PLANNED, 0);
	incident(pl2, D(2017, 10, 10), CE_INCIDENT_ABSENCE_WITHOUT_LEAVE);
	incident(pl3, D(2018, 4, 1), CE_INCIDENT_SAFETY);
	incident(pl3, D(2018, 5, 1), CE_INCIDENT_OTHER);
	/* days after the end: pl1 +10 +20; pl2 +5 +10 (no school→enterprise);
	 * pl3 -10 +20; pl4 has no end */
	feedback(pl1, CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL, D(2016, 9, 10));
	feedback(pl1, CE_FEEDBACK_DIRECTION_SCHOOL_TO_ENTERPRISE, D(2016, 9, 20));
	feedback(pl2, CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL, D(2017, 10, 20));
	feedback(pl2, CE_FEEDBACK_DIRECTION_STUDENT_TO_SCHOOL, D(2017, 10, 25));
	feedback(pl3, CE_FEEDBACK_DIRECTION_SCHOOL_TO_ENTERPRISE, D(2018, 7, 20));
	feedback(pl3, CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL, D(2018, 6, 20));
	feedback(pl4, CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL, D(2020, 1, 15));
}

static void build_outcomes(void)
{
	ce_outcome_kind ip = CE_OUTCOME_INVENTION_PATENT, paper = CE_OUTCOME_PAPER;
	/* Eight invention patents of J1; days filed -> granted: 731, 547, 730, 1095. */
	fx.pt[1] = outcome(ip, "一种高强高韧铝合金及其制备方法", D(2015, 6, 1), OUT(PUBLISHED),
	                   D(2016, 6, 1), OUT(GRANTED), D(2017, 6, 1), END);
	fx.pt[2] = outcome(ip, "铝合金热处理方法", D(2015, 9, 1), OUT(PUBLISHED), D(2016, 3, 1),
	                   OUT(GRANTED), D(2017, 3, 1), END);
	fx.pt[3] = outcome(ip, "铝合金铸件时效工艺", D(2016, 3, 1), OUT(PUBLISHED), D(2016, 9, 1),
	                   OUT(GRANTED), D(2018, 3, 1), END);
	fx.pt[4] = outcome(ip, "覆膜砂激光烧结装置", D(2016, 5, 1), OUT(PUBLISHED), D(2016, 11, 1),
	                   OUT(GRANTED), D(2019, 5, 1), END);
	fx.pt[5] = outcome(ip, "发动机缸体成形方法", D(2017, 1, 10), OUT(PUBLISHED), D(2017, 7, 10), END);
	fx.pt[6] = outcome(ip, "铝合金焊接接头", D(2017, 4, 1), END);
	fx.pt[7] = outcome(ip, "铝合金表面处理", D(2017, 8, 1), OUT(REJECTED), D(2018, 8, 1), END);
	fx.pt[8] = outcome(ip, "铝合金回收方法", D(2018, 2, 1), OUT(WITHDRAWN), D(2018, 5, 1), END);
	attribute(fx.pt[1], fx.s1, 0, 0);
	attribute(fx.pt[2], fx.s1, 0, 0);
	attribute(fx.pt[3], fx.s2, 0, 0);
	attribute(fx.pt[4], fx.s2, 0, 0);
	for (int i = 5; i <= 8; i++)
		attribute(fx.pt[i], 0, fx.j1, 0);
	static const int who[] = { 0, 1, 1, 2, 3, 3, 4, 4, 1 };
	for (int i = 1; i <= 8; i++)
		contributor(fx.pt[i], 1, fx.st[who[i]], 0);
	contributor(fx.pt[1], 2, 0, fx.ac1);

	/* Products from granted pt1 (twice) and pt3, and from pending pt5. */
	fx.pr1 = outcome(CE_OUTCOME_PRODUCT, "高强铝合金发动机缸体", D(2018, 1, 1), END);
	fx.pr2 = outcome(CE_OUTCOME_PRODUCT, "铝合金活塞", D(2018, 6, 1), END);
	fx.pr3 = outcome(CE_OUTCOME_PRODUCT, "铝合金连杆", D(2018, 9, 1), END);
	int64_t pr4 = outcome(CE_OUTCOME_PRODUCT, "缸盖样件", D(2018, 9, 1), END);
	derive(fx.pr1, 0, fx.pt[1]);
	derive(fx.pr2, 0, fx.pt[3]);
	derive(fx.pr3, 0, fx.pt[1]);
	derive(pr4, 0, fx.pt[5]);
	attribute(fx.pr1, 0, 0, fx.aero);
	attribute(fx.pr2, 0, 0, fx.aero);
	attribute(fx.pr3, 0, 0, fx.aero);

	fx.um1 = outcome(CE_OUTCOME_UTILITY_MODEL_PATENT, "零件检测夹具", D(2016, 4, 1), OUT(GRANTED),
	                 D(2016, 12, 1), END);
	fx.um2 = outcome(CE_OUTCOME_UTILITY_MODEL_PATENT, "砂型冷却装置", D(2017, 2, 1), END);
	/* granted before ZB2018-07 began: background IP it brought in */
	background(fx.um1);
	attribute(fx.um1, 0, fx.j2, 0); /* the project, not a subtopic: no co-creation for mech */
	attribute(fx.um2, 0, 0, fx.aero);

	fx.pa[1] = outcome(paper, "高强铝合金的时效行为", D(2016, 1, 5), OUT(ACCEPTED), D(2016, 4, 1),
	                   OUT(PUBLISHED), D(2016, 8, 1), END);
	fx.pa[2] = outcome(paper, "热处理对韧性的影响", D(2017, 3, 1), OUT(ACCEPTED), D(2017, 6, 1), END);
	fx.pa[3] = outcome(paper, "铝合金疲劳裂纹", D(2017, 5, 1), OUT(REJECTED), D(2017, 8, 1), END);
	fx.pa[4] = outcome(paper, "铝合金综述", D(2018, 1, 1), OUT(WITHDRAWN), D(2018, 2, 1), END);
	fx.pa[5] = outcome(paper, "疲劳理论模型", D(2018, 6, 1), END);
	attribute(fx.pa[1], fx.s2, 0, 0);
	attribute(fx.pa[2], fx.s2, 0, 0);
	attribute(fx.pa[3], 0, fx.j1, 0);
	/* the 2020 proposal rests on 2018 papers: background it cites */
	background(fx.pa[4]);
	background(fx.pa[5]);
	attribute(fx.pa[4], 0, fx.j3, 0);
	attribute(fx.pa[5], 0, fx.j3, 0);
	contributor(fx.pa[1], 1, fx.st[2], 0);
	contributor(fx.pa[2], 1, fx.st[3], 0);

	/* The spin-off: 7 undergraduates, from S3 (a 2014-cohort master's
	 * subtopic), and its 7 outputs. ep2 grew out of nothing recorded. */
	fx.ep1 = outcome(CE_OUTCOME_ENTREPRENEURSHIP_PROJECT, "覆膜砂回收利用创业训练项目", D(2017, 3, 1),
	                 OUT(APPROVED), D(2017, 4, 1), END);
	derive(fx.ep1, fx.s3, 0);
	attribute(fx.ep1, fx.s3, 0, 0);
	for (int i = 0; i < 7; i++)
		contributor(fx.ep1, i + 1, fx.u[i], 0);
	fx.ep2 = outcome(CE_OUTCOME_ENTREPRENEURSHIP_PROJECT, "校园二手书平台", D(2018, 3, 1), END);
	fx.fr1 = outcome(CE_OUTCOME_FEASIBILITY_REPORT, "覆膜砂回收可行性报告", D(2017, 5, 1), END);
	fx.bp1 = outcome(CE_OUTCOME_BUSINESS_PLAN, "覆膜砂回收商业计划书", D(2017, 6, 1), END);
	fx.ea1 = outcome(CE_OUTCOME_ECONOMIC_ANALYSIS, "覆膜砂回收经济分析", D(2017, 7, 1), END);
	fx.pa[6] = outcome(paper, "废旧覆膜砂再生工艺", D(2017, 9, 1), OUT(ACCEPTED), D(2017, 12, 1),
	                   OUT(PUBLISHED), D(2018, 3, 1), END);
	fx.pa[7] = outcome(paper, "覆膜砂回收的经济性", D(2018, 1, 15), END);
	fx.pt[9] = outcome(ip, "一种覆膜砂回收装置", D(2017, 10, 1), END);
	fx.pt[10] = outcome(ip, "覆膜砂再生方法", D(2018, 1, 10), OUT(PUBLISHED), D(2018, 7, 10), END);
	int64_t outputs[] = { fx.fr1, fx.bp1, fx.ea1, fx.pa[6], fx.pa[7], fx.pt[9], fx.pt[10] };
	for (size_t i = 0; i < CE_ARRAY_LEN(outputs); i++)
		derive(outputs[i], 0, fx.ep1);
}

/* Each student with a destination graduated first (on 30 June). */
static void build_destinations(void)
{
	graduate(fx.st[1], D(2018, 6, 30));
	graduate(fx.st[2], D(2018, 6, 30));
	graduate(fx.st[3], D(2017, 6, 30));
	graduate(fx.st[5], D(2019, 6, 30));
	graduate(fx.st[4], D(2020, 6, 30));
	graduate(fx.st[9], D(2018, 6, 30));
	destination(fx.st[1], D(2018, 7, 1), fx.aero, NULL, CE_DESTINATION_SECTOR_STATE_OWNED_ENTERPRISE,
	            CE_POSITION_LEVEL_MIDDLE_MANAGEMENT);
	destination(fx.st[2], D(2018, 7, 15), fx.cons, NULL, CE_DESTINATION_SECTOR_PRIVATE_ENTERPRISE,
	            CE_POSITION_LEVEL_TECHNICAL);
	destination(fx.st[3], D(2017, 7, 1), fx.mech, NULL, CE_DESTINATION_SECTOR_PRIVATE_ENTERPRISE,
	            CE_POSITION_LEVEL_MIDDLE_MANAGEMENT);
	destination(fx.st[5], D(2019, 7, 1), 0, "某研究院", CE_DESTINATION_SECTOR_PUBLIC_INSTITUTION,
	            CE_POSITION_LEVEL_TECHNICAL);
	destination(fx.st[4], D(2020, 7, 1), 0, NULL, CE_DESTINATION_SECTOR_FURTHER_STUDY,
	            (ce_position_level)0);
	destination(fx.st[9], D(2018, 8, 1), fx.aero, NULL, CE_DESTINATION_SECTOR_STATE_OWNED_ENTERPRISE,
	            CE_POSITION_LEVEL_FRONT_LINE);
}

void build(void)
{
	memset(&fx, 0, sizeof fx);
	ck_ok(ce_db_begin(db));
	build_org();
	build_people();
	build_placements();
	build_outcomes();
	build_destinations();
	ck_ok(ce_db_commit(db));
}

/* ---- checking tables ------------------------------------------------------- */

/* printf into one of a few rotating static buffers. */
const char *S(const char *fmt, ...)
{
	static char bufs[8][1024];
	static int next;
	char *b = bufs[next++ % 8];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b, sizeof bufs[0], fmt, ap);
	va_end(ap);
	return b;
}

/* The row as "a|b|~|...", reals with %.17g. */
const char *render(const ce_table *t, size_t row)
{
	static char buf[2048];
	size_t n = 0;
	buf[0] = '\0';
	for (int c = 0; c < ce_table_column_count(t); c++) {
		int64_t i;
		double x;
		const char *sep = c ? "|" : "";
		if (ce_table_is_null(t, row, c))
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s~", sep);
		else if (ce_table_column_type(t, c) == CE_TYPE_TEXT)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", sep, ce_table_get_text(t, row, c));
		else if (ce_table_column_type(t, c) == CE_TYPE_REAL && ce_table_get_real(&x, t, row, c) == CE_OK)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%.17g", sep, x);
		else if (ce_table_get_int(&i, t, row, c) == CE_OK)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%lld", sep, (long long)i);
		if (n >= sizeof buf)
			break;
	}
	return buf;
}

/* "7", "0.5" or "62/3660", evaluated in double. */
static double number(const char *s)
{
	char *end;
	double a = strtod(s, &end);
	if (*end == '/')
		return a / strtod(end + 1, NULL);
	return a;
}

void ck_row_(const char *file, int line, const ce_table *t, size_t row, const char *want)
{
	char copy[2048];
	char *save = NULL, *cell;
	int c = 0;
	if (row >= ce_table_row_count(t))
		_ck_assert_failed(file, line, "row", "%s: no row %zu (%zu rows)", ce_table_name(t), row,
		                  ce_table_row_count(t));
	snprintf(copy, sizeof copy, "%s", want);
	/* strtok_r would merge empty cells; cells here are never empty */
	for (cell = strtok_r(copy, "|", &save); cell; cell = strtok_r(NULL, "|", &save), c++) {
		int ok;
		if (c >= ce_table_column_count(t)) {
			ok = 0;
		} else if (strcmp(cell, "~") == 0) {
			ok = ce_table_is_null(t, row, c) == 1;
		} else if (ce_table_is_null(t, row, c)) {
			ok = 0;
		} else if (ce_table_column_type(t, c) == CE_TYPE_TEXT) {
			ok = strcmp(ce_table_get_text(t, row, c), cell) == 0;
		} else if (ce_table_column_type(t, c) == CE_TYPE_REAL) {
			double x;
			ok = ce_table_get_real(&x, t, row, c) == CE_OK && x == number(cell);
		} else {
			int64_t i;
			ok = ce_table_get_int(&i, t, row, c) == CE_OK && i == strtoll(cell, NULL, 10);
		}
		if (!ok)
			_ck_assert_failed(file, line, "row", "%s row %zu column %s:\n  want %s\n  got  %s",
			                  ce_table_name(t), row, ce_table_column_name(t, c) ? ce_table_column_name(t, c) : "?",
			                  want, render(t, row));
	}
	if (c != ce_table_column_count(t))
		_ck_assert_failed(file, line, "row", "%s row %zu: %d cells given, table has %d", ce_table_name(t),
		                  row, c, ce_table_column_count(t));
}

void ck_rows_(const char *file, int line, const ce_table *t, size_t n)
{
	if (ce_table_row_count(t) != n) {
		char all[8192] = "";
		for (size_t r = 0; r < ce_table_row_count(t) && strlen(all) < sizeof all - 2100; r++) {
			strcat(all, "\n  ");
			strcat(all, render(t, r));
		}
		_ck_assert_failed(file, line, "rows", "%s: %zu rows, want %zu:%s", ce_table_name(t),
		                  ce_table_row_count(t), n, all);
	}
}

/* Runs a report by name with a filter; asserts success. */
ce_table *report(const char *name, ce_date from, ce_date to, int64_t partner, int64_t project,
                 int cohort)
{
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	ce_table *t = NULL;
	f.from = from;
	f.to = to;
	f.partner = partner;
	f.project = project;
	f.cohort = cohort;
	ck_ok(ce_report_run(&t, db, name, &f));
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(ce_table_name(t), name);
	return t;
}
