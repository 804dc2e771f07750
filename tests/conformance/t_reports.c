/* The reports (analytics.h) on a small fixture whose every expected value
 * is worked out by hand in the comments, checked exactly on every
 * backend; the worked case of the Chinese case study (8 invention patents
 * filed, 4 granted, a spin-off entrepreneurship project with 7 outputs);
 * filter validation; and, where the backend computes reports itself, the
 * same answers from the core's fallback.
 *
 * Rows are compared as text, "cell|cell|...": "~" is NULL, integers and
 * dates (YYYYMMDD) as decimals, REAL cells against a number or a fraction
 * "a/b" evaluated in double, so 1/3 means exactly the double 1.0/3.0. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "../support/fault_backend.h"
#include "conformance.h"
#include "core/internal.h" /* db->backend->report, to see who computed a report */
#include "coopedu/analytics.h"
#include "coopedu/sys/table.h"

#ifndef CE_ARRAY_LEN
#define CE_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Core-private switch: skip the backend's own report implementation. */
void ce__report_force_core(_Bool on);

/* ---- the fixture --------------------------------------------------------- */

static struct fixture {
	int64_t uni, aero, mech, gov, cons, assoc;            /* partners */
	int64_t ag1, ag2, ag3, ag4;                           /* agreements */
	int64_t f1, f2, f3, f4;                               /* platforms */
	int64_t j1, j2, j3, j4;                               /* projects */
	int64_t s1, s2, s3, s4, s5, s6;                       /* subtopics */
	int64_t st[10];                                       /* st[1..9]: students */
	int64_t u[7];                                         /* undergraduates of the spin-off */
	int64_t ac1, ac2, en1, en2, en3;                      /* supervisors */
	int64_t pt[11], pa[8], um1, um2, pr1, pr2, pr3, ep1, ep2, fr1, bp1, ea1; /* outcomes */
} fx;

static int64_t partner(const char *name, ce_partner_kind kind)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t id;
	s.name = name;
	s.kind = kind;
	ck_ok(ce_partner_create(&id, db, &s));
	return id;
}

static int64_t agreement(const char *title, unsigned scopes, ce_date start, ce_date end,
                         int64_t party)
{
	ce_agreement_spec s = CE_AGREEMENT_SPEC_INIT;
	ce_agreement_party_spec p = CE_AGREEMENT_PARTY_SPEC_INIT;
	int64_t id, pid;
	s.title = title;
	s.scopes = scopes;
	s.start_date = start;
	s.end_date = end;
	ck_ok(ce_agreement_create(&id, db, &s));
	p.agreement = id;
	p.partner = party;
	ck_ok(ce_agreement_party_create(&pid, db, &p));
	return id;
}

static int64_t platform(const char *name, ce_platform_kind kind, ce_platform_level level,
                        int64_t capacity, ce_date established, int64_t host)
{
	ce_platform_spec s = CE_PLATFORM_SPEC_INIT;
	int64_t id, hid;
	s.name = name;
	s.kind = kind;
	s.level = level;
	s.capacity = capacity;
	s.established_on = established;
	ck_ok(ce_platform_create(&id, db, &s));
	if (host) {
		ce_platform_host_spec h = CE_PLATFORM_HOST_SPEC_INIT;
		h.platform = id;
		h.partner = host;
		ck_ok(ce_platform_host_create(&hid, db, &h));
	}
	return id;
}

static int64_t project(const char *code, const char *title, int64_t budget, const char *currency,
                       ce_date start, ce_date end, ce_project_status status, ce_project_stage stage)
{
	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	int64_t id;
	s.code = code;
	s.title = title;
	s.budget = budget;
	s.currency = currency;
	s.start_date = start;
	s.end_date = end;
	s.status = status;
	s.stage = stage;
	ck_ok(ce_project_create(&id, db, &s));
	return id;
}

static void project_partner(int64_t project, int64_t partner, ce_project_role role)
{
	ce_project_partner_spec s = CE_PROJECT_PARTNER_SPEC_INIT;
	int64_t id;
	s.project = project;
	s.partner = partner;
	s.role = role;
	ck_ok(ce_project_partner_create(&id, db, &s));
}

/* A subtopic proposed on `proposed`, then moved through `moves` (0-ended
 * pairs of status and date). */
static int64_t subtopic(int64_t project, const char *title, ce_subtopic_site site,
                        int64_t platform, int64_t days, ce_date proposed, ...)
{
	ce_subtopic_spec s = CE_SUBTOPIC_SPEC_INIT;
	int64_t id;
	va_list ap;
	s.project = project;
	s.title = title;
	s.kind = CE_SUBTOPIC_APPLIED;
	s.site = site;
	s.platform = platform;
	s.planned_days = days;
	s.status_date = proposed;
	ck_ok(ce_subtopic_create(&id, db, &s));
	va_start(ap, proposed);
	for (int to; (to = va_arg(ap, int)) != 0;)
		ck_ok(ce_subtopic_set_status(db, id, (ce_subtopic_status)to, va_arg(ap, ce_date)));
	va_end(ap);
	return id;
}

static void depends(int64_t subtopic, int64_t on)
{
	ce_subtopic_dependency_spec s = CE_SUBTOPIC_DEPENDENCY_SPEC_INIT;
	int64_t id;
	s.subtopic = subtopic;
	s.depends_on = on;
	ck_ok(ce_subtopic_dependency_create(&id, db, &s));
}

static void budget_line(int64_t subtopic, const char *category, int64_t planned, int64_t actual)
{
	ce_budget_line_spec s = CE_BUDGET_LINE_SPEC_INIT;
	int64_t id;
	s.subtopic = subtopic;
	s.category = category;
	s.planned = planned;
	s.actual = actual;
	s.currency = "CNY";
	ck_ok(ce_budget_line_create(&id, db, &s));
}

static int64_t student(const char *number, const char *name, ce_student_level level, int cohort)
{
	ce_student_spec s = CE_STUDENT_SPEC_INIT;
	int64_t id;
	s.number = number;
	s.name = name;
	s.level = level;
	s.cohort = cohort;
	s.status_date = CE_DATE(cohort, 9, 1);
	ck_ok(ce_student_create(&id, db, &s));
	return id;
}

static void assign(int64_t subtopic, int64_t student)
{
	ce_subtopic_assignment_spec s = CE_SUBTOPIC_ASSIGNMENT_SPEC_INIT;
	int64_t id;
	s.subtopic = subtopic;
	s.student = student;
	ck_ok(ce_subtopic_assignment_create(&id, db, &s));
}

static int64_t supervisor(const char *name, ce_supervisor_kind kind, int64_t affiliation)
{
	ce_supervisor_spec s = CE_SUPERVISOR_SPEC_INIT;
	int64_t id;
	s.name = name;
	s.kind = kind;
	s.affiliation = affiliation;
	ck_ok(ce_supervisor_create(&id, db, &s));
	return id;
}

static void supervise(int64_t student, int64_t supervisor, ce_supervision_role role, ce_date start,
                      ce_date end)
{
	ce_supervision_spec s = CE_SUPERVISION_SPEC_INIT;
	int64_t id;
	s.student = student;
	s.supervisor = supervisor;
	s.role = role;
	s.start_date = start;
	s.end_date = end;
	ck_ok(ce_supervision_create(&id, db, &s));
}

/* A session with its attendees: supervisors, then 0, then students, then 0. */
static void session(ce_date on, int64_t minutes, int64_t subtopic, ...)
{
	ce_guidance_session_spec s = CE_GUIDANCE_SESSION_SPEC_INIT;
	ce_guidance_attendee_spec a = CE_GUIDANCE_ATTENDEE_SPEC_INIT;
	int64_t id, aid, who;
	va_list ap;
	s.held_on = on;
	s.duration_minutes = minutes;
	s.mode = CE_GUIDANCE_MODE_MEETING;
	s.subtopic = subtopic;
	ck_ok(ce_guidance_session_create(&id, db, &s));
	a.session = id;
	va_start(ap, subtopic);
	while ((who = va_arg(ap, int64_t)) != 0) {
		a.supervisor = who;
		a.student = 0;
		ck_ok(ce_guidance_attendee_create(&aid, db, &a));
	}
	while ((who = va_arg(ap, int64_t)) != 0) {
		a.supervisor = 0;
		a.student = who;
		ck_ok(ce_guidance_attendee_create(&aid, db, &a));
	}
	va_end(ap);
}

static void evaluation(int64_t supervisor, ce_date from, ce_date to, double score)
{
	ce_evaluation_spec s = CE_EVALUATION_SPEC_INIT;
	int64_t id;
	s.supervisor = supervisor;
	s.period_start = from;
	s.period_end = to;
	s.evaluator = CE_EVALUATOR_STUDENT;
	s.criterion = "指导时间投入";
	s.score = score;
	ck_ok(ce_evaluation_create(&id, db, &s));
}

static int64_t placement(int64_t student, int64_t host, int64_t platform, ce_date start,
                         ce_date end, ce_placement_status status, ce_date status_on)
{
	ce_placement_spec s = CE_PLACEMENT_SPEC_INIT;
	int64_t id;
	s.student = student;
	s.host = host;
	s.platform = platform;
	s.start_date = start;
	s.end_date = end;
	s.position = "工艺实习生";
	ck_ok(ce_placement_create(&id, db, &s));
	if (status == CE_PLACEMENT_STATUS_ACTIVE || status == CE_PLACEMENT_STATUS_COMPLETED ||
	    status == CE_PLACEMENT_STATUS_ENDED_EARLY)
		ck_ok(ce_placement_set_status(db, id, CE_PLACEMENT_STATUS_ACTIVE, start));
	if (status == CE_PLACEMENT_STATUS_COMPLETED || status == CE_PLACEMENT_STATUS_ENDED_EARLY)
		ck_ok(ce_placement_set_status(db, id, status, status_on));
	return id;
}

static void incident(int64_t placement, ce_date on, ce_incident_kind kind)
{
	ce_incident_spec s = CE_INCIDENT_SPEC_INIT;
	int64_t id;
	s.placement = placement;
	s.occurred_on = on;
	s.kind = kind;
	ck_ok(ce_incident_create(&id, db, &s));
}

static void feedback(int64_t placement, ce_feedback_direction dir, ce_date on)
{
	ce_feedback_spec s = CE_FEEDBACK_SPEC_INIT;
	int64_t id;
	s.placement = placement;
	s.direction = dir;
	s.given_on = on;
	s.score = 85;
	ck_ok(ce_feedback_create(&id, db, &s));
}

/* An outcome created on `on`, then moved through 0-ended (status, date) pairs. */
static int64_t outcome(ce_outcome_kind kind, const char *title, ce_date on, ...)
{
	ce_outcome_spec s = CE_OUTCOME_SPEC_INIT;
	int64_t id;
	va_list ap;
	s.kind = kind;
	s.title = title;
	s.status_date = on;
	ck_ok(ce_outcome_create(&id, db, &s));
	va_start(ap, on);
	for (int to; (to = va_arg(ap, int)) != 0;)
		ck_ok(ce_outcome_set_status(db, id, (ce_outcome_status)to, va_arg(ap, ce_date)));
	va_end(ap);
	return id;
}

static void attribute(int64_t outcome, int64_t subtopic, int64_t project, int64_t partner)
{
	ce_outcome_attribution_spec s = CE_OUTCOME_ATTRIBUTION_SPEC_INIT;
	int64_t id;
	s.outcome = outcome;
	s.subtopic = subtopic;
	s.project = project;
	s.partner = partner;
	ck_ok(ce_outcome_attribution_create(&id, db, &s));
}

static void contributor(int64_t outcome, int64_t position, int64_t student, int64_t supervisor)
{
	ce_outcome_contributor_spec s = CE_OUTCOME_CONTRIBUTOR_SPEC_INIT;
	int64_t id;
	s.outcome = outcome;
	s.position = position;
	s.student = student;
	s.supervisor = supervisor;
	ck_ok(ce_outcome_contributor_create(&id, db, &s));
}

static void derive(int64_t outcome, int64_t from_subtopic, int64_t from_outcome)
{
	ce_outcome_derivation_spec s = CE_OUTCOME_DERIVATION_SPEC_INIT;
	int64_t id;
	s.outcome = outcome;
	s.from_subtopic = from_subtopic;
	s.from_outcome = from_outcome;
	ck_ok(ce_outcome_derivation_create(&id, db, &s));
}

static void destination(int64_t student, ce_date on, int64_t employer, const char *employer_name,
                        ce_destination_sector sector, ce_position_level level)
{
	ce_destination_spec s = CE_DESTINATION_SPEC_INIT;
	int64_t id;
	s.student = student;
	s.started_on = on;
	s.employer = employer;
	s.employer_name = employer_name;
	s.sector = sector;
	s.position_level = level;
	ck_ok(ce_destination_create(&id, db, &s));
}

#define D CE_DATE
#define SUB(x) CE_SUBTOPIC_STATUS_##x
#define OUT(x) CE_OUTCOME_STATUS_##x
#define END 0

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

	/* J1: the programme of the case study, now industrialised. */
	fx.j1 = project("201901022063", "高强高韧航空发动机铝合金研发", 500000000, "CNY", D(2015, 1, 1),
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

static void build_destinations(void)
{
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

static void build(void)
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
static const char *S(const char *fmt, ...)
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
#define L(x) ((long long)(x))

/* The row as "a|b|~|...", reals with %.17g. */
static const char *render(const ce_table *t, size_t row)
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

static void ck_row_(const char *file, int line, const ce_table *t, size_t row, const char *want)
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
#define ck_row(t, row, want) ck_row_(__FILE__, __LINE__, (t), (row), (want))

static void ck_rows_(const char *file, int line, const ce_table *t, size_t n)
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
#define ck_rows(t, n) ck_rows_(__FILE__, __LINE__, (t), (n))

/* Runs a report by name with a filter; asserts success. */
static ce_table *report(const char *name, ce_date from, ce_date to, int64_t partner, int64_t project,
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
#define ALL(name) report((name), 0, 0, 0, 0, 0)

/* ---- the column contract ----------------------------------------------------- */

static const struct {
	const char *report;
	const char *columns; /* name:type,... with i r s d b */
} contract[] = {
	{ "outcome_funnel",
	  "patents_filed:i,patents_granted:i,patents_rejected:i,patents_pending:i,patents_productised:i,"
	  "grant_rate:r,median_days_to_grant:r,utility_models_filed:i,utility_models_granted:i,"
	  "papers_submitted:i,papers_accepted:i,papers_published:i,papers_rejected:i,"
	  "spinoff_projects:i,spinoff_outputs:i" },
	{ "supervision_coverage",
	  "cohort:i,students:i,with_academic_main:i,with_enterprise:i,with_both:i,coverage:r" },
	{ "students_lacking_supervisor", "student:i,number:s,name:s,cohort:i,level:s,lacks:s" },
	{ "guidance_hours",
	  "supervisor:i,name:s,kind:s,sessions:i,hours:r,students:i,hours_per_student:r,"
	  "joint_sessions:i,joint_share:r,evaluation_score:r,evaluations:i" },
	{ "guidance_by_term",
	  "supervisor:i,supervisor_name:s,student:i,student_name:s,term:s,sessions:i,hours:r" },
	{ "cooperation_depth",
	  "partner:i,name:s,kind:s,depth:i,level:s,agreements:i,projects:i,placements:i,"
	  "enterprise_supervisors:i,outcomes:i" },
	{ "platform_utilisation",
	  "platform:i,name:s,kind:s,year:i,capacity:i,placements:i,placement_days:i,utilisation:r,"
	  "subtopics:i" },
	{ "idle_platforms", "platform:i,name:s,kind:s,level:s,established_on:d,last_used:d" },
	{ "placement_health",
	  "host:i,host_name:s,placements:i,incidents:i,incidents_per_100:r,ended_early:i,finished:i,"
	  "with_feedback:i,feedback_coverage:r,median_feedback_days:r" },
	{ "destinations",
	  "cohort:i,sector:s,graduates:i,at_partner:i,share_at_partner:r,middle_management:i,"
	  "share_middle_management:r" },
	{ "project_pipeline", "stage:s,projects:i,active:i,completed:i,currency:s,budget:i" },
	{ "subtopic_graph",
	  "position:i,subtopic:i,title:s,status:s,planned_days:i,depends_on:s,earliest_start:i,"
	  "earliest_finish:i,latest_start:i,slack:i,critical:b" },
	{ "budget_variance",
	  "project:i,project_code:s,subtopic:i,subtopic_title:s,category:s,currency:s,planned:i,"
	  "actual:i,variance:i,variance_share:r" },
};

static ce_column_type type_of(char c)
{
	switch (c) {
	case 'i': return CE_TYPE_INT;
	case 'r': return CE_TYPE_REAL;
	case 's': return CE_TYPE_TEXT;
	case 'd': return CE_TYPE_DATE;
	default: return CE_TYPE_BOOL;
	}
}

START_TEST(every_report_has_its_columns_even_on_an_empty_store)
{
	ck_assert_int_eq(ce_report_count(), (int)CE_ARRAY_LEN(contract));
	int64_t j = make_project("EMPTY-1", "空项目", D(2020, 1, 1));
	for (size_t r = 0; r < CE_ARRAY_LEN(contract); r++) {
		ce_table *t = report(contract[r].report, 0, 0, 0,
		                     strcmp(contract[r].report, "subtopic_graph") == 0 ? j : 0, 0);
		ck_assert_str_eq(ce_report_name((int)r), contract[r].report);
		char cols[1024], *save = NULL;
		int c = 0;
		snprintf(cols, sizeof cols, "%s", contract[r].columns);
		for (char *tok = strtok_r(cols, ",", &save); tok; tok = strtok_r(NULL, ",", &save), c++) {
			char *colon = strchr(tok, ':');
			*colon = '\0';
			ck_assert_msg(ce_table_column_name(t, c) && strcmp(ce_table_column_name(t, c), tok) == 0,
			              "%s column %d: want %s, got %s", contract[r].report, c, tok,
			              ce_table_column_name(t, c));
			ck_assert_msg(ce_table_column_type(t, c) == type_of(colon[1]), "%s.%s: type %d",
			              contract[r].report, tok, ce_table_column_type(t, c));
		}
		ck_assert_int_eq(ce_table_column_count(t), c);
		ce_table_free(t);
	}
	/* the empty store's answers */
	ce_table *t = ALL("outcome_funnel");
	ck_rows(t, 1);
	ck_row(t, 0, "0|0|0|0|0|~|~|0|0|0|0|0|0|0|0");
	ce_table_free(t);
	t = ALL("placement_health");
	ck_rows(t, 1);
	ck_row(t, 0, "~|(all)|0|0|~|0|0|0|~|~");
	ce_table_free(t);
	t = ALL("project_pipeline"); /* EMPTY-1: laboratory, proposed, no budget */
	ck_rows(t, 3);
	ck_row(t, 0, "laboratory|1|0|0|~|0");
	ck_row(t, 1, "pilot|0|0|0|~|0");
	ck_row(t, 2, "industrialisation|0|0|0|~|0");
	ce_table_free(t);
	t = ALL("platform_utilisation");
	ck_rows(t, 0);
	ce_table_free(t);
}
END_TEST

/* ---- outcome_funnel ------------------------------------------------------------ */

START_TEST(outcome_funnel_counts_patents_papers_and_spinoffs)
{
	build();
	/* Everything. Invention patents: pt1..pt10 filed; granted pt1-pt4;
	 * rejected pt7; pending pt5, pt6, pt9, pt10 (pt8 withdrawn); productised:
	 * pt1 (pr1, pr3) and pt3 (pr2), not pt5 (not granted): 2. Grant rate
	 * 4/10. Days to grant 547, 730, 731, 1095: median (730+731)/2.
	 * Utility models: um1 granted, um2 filed. Papers now: submitted pa5, pa7;
	 * accepted pa2; published pa1, pa6; rejected pa3 (pa4 withdrawn).
	 * Spin-offs: ep1 (from S3), not ep2; its outputs: 7. */
	ce_table *t = ALL("outcome_funnel");
	ck_rows(t, 1);
	ck_row(t, 0, "10|4|1|4|2|4/10|730.5|2|1|2|1|2|1|1|7");
	ce_table_free(t);

	/* Period 2016, by filing date: pt3, pt4 (both granted: 730, 1095; pt3
	 * productised); um1; pa1 (published). ep1 was proposed in 2017. */
	t = report("outcome_funnel", D(2016, 1, 1), D(2016, 12, 31), 0, 0, 0);
	ck_row(t, 0, "2|2|0|0|1|1|912.5|1|1|0|0|1|0|0|0");
	ce_table_free(t);

	/* Cohort 2014 (张伟): pt4 granted (1095 days), pt5 pending; pa2 accepted. */
	t = report("outcome_funnel", 0, 0, 0, 0, 2014);
	ck_row(t, 0, "2|1|0|1|0|1/2|1095|0|0|0|1|0|0|0|0");
	ce_table_free(t);

	/* Cohort 2017: the undergraduates of ep1 - one spin-off, 7 outputs. */
	t = report("outcome_funnel", 0, 0, 0, 0, 2017);
	ck_row(t, 0, "0|0|0|0|0|~|~|0|0|0|0|0|0|1|7");
	ce_table_free(t);

	/* Partner mech: its project J2 -> um1 only. */
	t = report("outcome_funnel", 0, 0, fx.mech, 0, 0);
	ck_row(t, 0, "0|0|0|0|0|~|~|1|1|0|0|0|0|0|0");
	ce_table_free(t);

	/* Partner aero: J1 and J4 (and their subtopics) plus what is credited
	 * to aero itself (um2, the products): as J1, plus um2. */
	t = report("outcome_funnel", 0, 0, fx.aero, 0, 0);
	ck_row(t, 0, "8|4|1|2|2|1/2|730.5|1|0|0|1|1|1|1|7");
	ce_table_free(t);

	/* Project J3: pa4 (withdrawn, not counted) and pa5 (submitted). */
	t = report("outcome_funnel", 0, 0, 0, fx.j3, 0);
	ck_row(t, 0, "0|0|0|0|0|~|~|0|0|1|0|0|0|0|0");
	ce_table_free(t);
}
END_TEST

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

/* ---- cooperation depth --------------------------------------------------------------- */

START_TEST(cooperation_depth_from_records)
{
	build();
	/* aero: ag1; J1, J4 (two roles in J4: one project); pl1, pl2, pl5;
	 * en1, en3 supervise; outcomes on J1's subtopics: pt1, pt2 (S1), pt3,
	 * pt4, pa1, pa2 (S2), ep1 (S3) = 7 -> co-creation.
	 * assoc: the order-class agreement -> co-training.
	 * mech: ag4, J2, pl3, pl4; en2 supervises nobody; um1 is credited to
	 * J2 itself, not a subtopic -> hosting.
	 * gov: ag2, J4 funder (J4 has no subtopics) -> transactional. cons:
	 * nothing. uni: left out. */
	ce_table *t = ALL("cooperation_depth");
	ck_rows(t, 5);
	ck_row(t, 0, S("%lld|山东某航空材料有限公司|enterprise|4|co_creation|1|2|3|2|7", L(fx.aero)));
	ck_row(t, 1, S("%lld|山东省铝业协会|industry_association|3|co_training|1|0|0|0|0", L(fx.assoc)));
	ck_row(t, 2, S("%lld|淄博某机械制造公司|enterprise|2|hosting|1|1|2|0|0", L(fx.mech)));
	ck_row(t, 3, S("%lld|山东省科学技术厅|government|1|transactional|1|1|0|0|0", L(fx.gov)));
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

/* ---- platforms ------------------------------------------------------------------------ */

START_TEST(platform_utilisation_per_year)
{
	build();
	/* Placement years 2016..2020 (pl4 is open from 2019-11-01, pl5 runs to
	 * 2020-01-31). Days: pl1 F1 62 (2016); pl2 F2 107 (2017); pl3 F3 122
	 * (2018); pl4 F3 61 (2019) and 366 (2020, open); pl5 F1 31 + 31.
	 * Subtopics: S2 on F1 from 2016 and still going; S3 on F2 2016..2018;
	 * S6 on F3 2018..2019. F3 has no capacity: utilisation NULL. */
	ce_table *t = ALL("platform_utilisation");
	ck_rows(t, 20);
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
	ck_row(t, 10, S("%lld|%s|2016|0|0|0|~|0", L(fx.f3), f3));
	ck_row(t, 11, S("%lld|%s|2017|0|0|0|~|0", L(fx.f3), f3));
	ck_row(t, 12, S("%lld|%s|2018|0|1|122|~|1", L(fx.f3), f3));
	ck_row(t, 13, S("%lld|%s|2019|0|1|61|~|1", L(fx.f3), f3));
	ck_row(t, 14, S("%lld|%s|2020|0|1|366|~|0", L(fx.f3), f3));
	for (int y = 0; y < 5; y++)
		ck_row(t, 15 + (size_t)y, S("%lld|%s|%d|20|0|0|0|0", L(fx.f4), f4, 2016 + y));
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
	 * ways; delays -10, 20 -> 5), pl4 (active, open end: its feedback has
	 * no delay). Total delays -10, 5, 10, 10, 20, 20 -> 10. */
	ce_table *t = ALL("placement_health");
	ck_rows(t, 3);
	ck_row(t, 0, S("%lld|山东某航空材料有限公司|3|1|100/3|1|2|1|1/2|10", L(fx.aero)));
	ck_row(t, 1, S("%lld|淄博某机械制造公司|2|2|100|0|1|1|1|5", L(fx.mech)));
	ck_row(t, 2, "~|(all)|5|3|60|1|3|2|2/3|10");
	ce_table_free(t);
	t = report("placement_health", D(2017, 1, 1), D(2017, 12, 31), 0, 0, 0);
	ck_rows(t, 2);
	ck_row(t, 0, S("%lld|山东某航空材料有限公司|1|1|100|1|1|0|0|7.5", L(fx.aero)));
	ck_row(t, 1, "~|(all)|1|1|100|1|1|0|0|7.5");
	ce_table_free(t);
	t = report("placement_health", 0, 0, 0, 0, 2018);
	ck_rows(t, 2);
	ck_row(t, 0, S("%lld|淄博某机械制造公司|1|0|0|0|0|0|~|~", L(fx.mech)));
	ck_row(t, 1, "~|(all)|1|0|0|0|0|0|~|~");
	ce_table_free(t);
	t = report("placement_health", 0, 0, fx.mech, 0, 0);
	ck_rows(t, 2);
	ck_row(t, 0, S("%lld|淄博某机械制造公司|2|2|100|0|1|1|1|5", L(fx.mech)));
	ck_row(t, 1, "~|(all)|2|2|100|0|1|1|1|5");
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
	const char *j1 = S("%lld|201901022063|%lld|铝合金成分设计理论", L(fx.j1), L(fx.s1));
	ck_row(t, 0, S("%s|差旅费|CNY|1000000|800000|-200000|-0.2", j1));
	ck_row(t, 1, S("%s|材料费|CNY|5000000|5500000|500000|0.1", j1));
	ck_row(t, 2, S("%lld|201901022063|%lld|热处理工艺优化|测试费|CNY|0|300000|300000|~", L(fx.j1),
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
		ce_report_budget_variance,
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

/* ---- the backend's own reports against the core's ------------------------ */

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

static void build_random(void)
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
		build_random();
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

Suite *suite_reports(void)
{
	Suite *s = suite_create("reports");
	TCase *tc = store_tcase("reports");
	tcase_add_test(tc, every_report_has_its_columns_even_on_an_empty_store);
	tcase_add_test(tc, outcome_funnel_counts_patents_papers_and_spinoffs);
	tcase_add_test(tc, worked_case_eight_filed_four_granted);
	tcase_add_test(tc, supervision_coverage_by_cohort);
	tcase_add_test(tc, students_lacking_a_supervisor_kind);
	tcase_add_test(tc, guidance_hours_per_supervisor);
	tcase_add_test(tc, guidance_by_term_per_pair);
	tcase_add_test(tc, cooperation_depth_from_records);
	tcase_add_test(tc, platform_utilisation_per_year);
	tcase_add_test(tc, idle_platforms_in_a_period);
	tcase_add_test(tc, placement_health_per_host);
	tcase_add_test(tc, destinations_by_cohort_and_sector);
	tcase_add_test(tc, project_pipeline_by_stage_and_currency);
	tcase_add_test(tc, subtopic_graph_critical_path);
	tcase_add_test(tc, budget_variance_per_line);
	tcase_add_test(tc, filters_are_validated);
	tcase_add_test(tc, named_and_typed_reports_agree);
	tcase_add_test(tc, tables_are_detached);
	tcase_add_test(tc, backend_reports_match_the_core_on_the_fixture);
	tcase_add_test(tc, backend_reports_match_the_core_on_random_data);
	tcase_add_test(tc, reports_fail_cleanly_when_the_store_fails);
	suite_add_tcase(s, tc);
	return s;
}
