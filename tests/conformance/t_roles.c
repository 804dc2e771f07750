/* The role matrix (issue 11): every role × every entity × read, create,
 * update, delete and lifecycle move, on a record inside the actor's scope
 * and one outside, asserted allowed or denied exactly as the matrix below
 * says. The matrix is written here independently of lib/schema/access.c,
 * so that changing the rules means changing this test.
 *
 * The store has two of everything: half 1 is academic A1, mentor M1 of
 * company C1, student S1 (supervised by A1 and M1, placed at C1), project
 * P1 led by A1; half 2 the same with A2, M2, C2, S2, P2. The academic,
 * mentor and student act as A1, M1 and S1, so half 1 is inside their
 * scope and half 2 outside; admin, office and analyst name a free actor. */
#include <stdio.h>

#include "conformance.h"

const char *shared_store_uri(void);
void shared_store_begin(void);
ce_db *open_as(ce_role role, const char *actor);

enum { R_ADMIN, R_OFFICE, R_ACADEMIC, R_MENTOR, R_STUDENT, R_ANALYST, NROLES };
enum { OP_READ, OP_CREATE, OP_UPDATE, OP_DELETE, OP_MOVE, NOPS };

static const ce_role roles[NROLES] = { CE_ROLE_ADMIN, CE_ROLE_OFFICE, CE_ROLE_ACADEMIC,
	                                   CE_ROLE_MENTOR, CE_ROLE_STUDENT, CE_ROLE_ANALYST };
static const char *const actors[NROLES] = { "系统管理员", "研究生院培养办", "A-1001", "M-2001",
	                                        "2018010001", "数据分析组" };
static const char *const op_names[NOPS] = { "read", "create", "update", "delete", "move" };

/* The matrix under test. Per role, the grants read/create/update/delete/
 * move: '-' none, 's' the records in the actor's scope, 'a' all. Move is
 * tested only on entities with a lifecycle column. */
static const struct {
	ce_entity e;
	const char *g[NROLES];
} matrix[] = {
	/*                                     admin    office   academic mentor   student  analyst */
	{ CE_ENTITY_PARTNER,              { "aaaaa", "aaaaa", "a----", "a-s--", "a----", "a----" } },
	{ CE_ENTITY_AGREEMENT,            { "aaaaa", "aaaaa", "a----", "a----", "a----", "a----" } },
	{ CE_ENTITY_AGREEMENT_PARTY,      { "aaaaa", "aaaaa", "a----", "a----", "a----", "a----" } },
	{ CE_ENTITY_PLATFORM,             { "aaaaa", "aaaaa", "a----", "a----", "a----", "a----" } },
	{ CE_ENTITY_PLATFORM_HOST,        { "aaaaa", "aaaaa", "a----", "a----", "a----", "a----" } },
	{ CE_ENTITY_PROJECT,              { "aaaaa", "aaaaa", "s-s-s", "-----", "s----", "a----" } },
	{ CE_ENTITY_PROJECT_PARTNER,      { "aaaaa", "aaaaa", "s----", "-----", "-----", "a----" } },
	{ CE_ENTITY_SUBTOPIC,             { "aaaaa", "aaaaa", "s-s-s", "-----", "s----", "a----" } },
	{ CE_ENTITY_SUBTOPIC_IO,          { "aaaaa", "aaaaa", "sssss", "-----", "s----", "a----" } },
	{ CE_ENTITY_SUBTOPIC_DEPENDENCY,  { "aaaaa", "aaaaa", "sss-s", "-----", "-----", "a----" } },
	{ CE_ENTITY_MILESTONE,            { "aaaaa", "aaaaa", "ssss-", "-----", "s----", "a----" } },
	{ CE_ENTITY_BUDGET_LINE,          { "aaaaa", "aaaaa", "ssss-", "-----", "-----", "a----" } },
	{ CE_ENTITY_SUBTOPIC_ASSIGNMENT,  { "aaaaa", "aaaaa", "ssss-", "-----", "s----", "a----" } },
	{ CE_ENTITY_SUPERVISOR,           { "aaaaa", "aaaaa", "s----", "s----", "s----", "a----" } },
	{ CE_ENTITY_TEAM,                 { "aaaaa", "aaaaa", "s----", "s----", "s----", "a----" } },
	{ CE_ENTITY_TEAM_MEMBER,          { "aaaaa", "aaaaa", "s----", "s----", "s----", "a----" } },
	{ CE_ENTITY_TEAM_MEETING,         { "aaaaa", "aaaaa", "ssss-", "s----", "s----", "a----" } },
	{ CE_ENTITY_STUDENT,              { "aaaaa", "aaaaa", "s----", "s----", "s----", "a----" } },
	{ CE_ENTITY_SUPERVISION,          { "aaaaa", "aaaaa", "s----", "-----", "s----", "a----" } },
	{ CE_ENTITY_GUIDANCE_SESSION,     { "aaaaa", "aaaaa", "sass-", "sass-", "s----", "a----" } },
	{ CE_ENTITY_GUIDANCE_ATTENDEE,    { "aaaaa", "aaaaa", "ssss-", "ssss-", "s----", "a----" } },
	{ CE_ENTITY_EVALUATION,           { "aaaaa", "aaaaa", "s----", "s----", "-----", "a----" } },
	{ CE_ENTITY_PROGRESS_REPORT,      { "aaaaa", "aaaaa", "s----", "-----", "sss--", "a----" } },
	{ CE_ENTITY_PLACEMENT,            { "aaaaa", "aaaaa", "s----", "s-s-s", "s----", "a----" } },
	{ CE_ENTITY_INCIDENT,             { "aaaaa", "aaaaa", "s----", "ssss-", "s----", "a----" } },
	{ CE_ENTITY_FEEDBACK,             { "aaaaa", "aaaaa", "s----", "ssss-", "s----", "a----" } },
	{ CE_ENTITY_OUTCOME,              { "aaaaa", "aaaaa", "s----", "-----", "s----", "a----" } },
	{ CE_ENTITY_OUTCOME_CONTRIBUTOR,  { "aaaaa", "aaaaa", "s----", "-----", "s----", "a----" } },
	{ CE_ENTITY_OUTCOME_ATTRIBUTION,  { "aaaaa", "aaaaa", "s----", "-----", "-----", "a----" } },
	{ CE_ENTITY_OUTCOME_DERIVATION,   { "aaaaa", "aaaaa", "s----", "-----", "-----", "a----" } },
	{ CE_ENTITY_DESTINATION,          { "aaaaa", "aaaaa", "s----", "-----", "s----", "a----" } },
	{ CE_ENTITY_RISK,                 { "aaaaa", "aaaaa", "s----", "s----", "-----", "a----" } },
	{ CE_ENTITY_SURVEY_INSTRUMENT,    { "aaaaa", "aaaaa", "a----", "a----", "a----", "a----" } },
	{ CE_ENTITY_SURVEY_ITEM,          { "aaaaa", "aaaaa", "a----", "a----", "a----", "a----" } },
	{ CE_ENTITY_SURVEY_OPTION,        { "aaaaa", "aaaaa", "a----", "a----", "a----", "a----" } },
	{ CE_ENTITY_SURVEY_ROUND,         { "aaaaa", "aaaaa", "a----", "a----", "a----", "a----" } },
	{ CE_ENTITY_SURVEY_RESPONSE,      { "aaaaa", "aaaaa", "-----", "-----", "-----", "a----" } },
	{ CE_ENTITY_SURVEY_ANSWER,        { "aaaaa", "aaaaa", "-----", "-----", "-----", "a----" } },
	{ CE_ENTITY_TRAINING_COURSE,      { "aaaaa", "aaaaa", "a----", "a----", "a----", "a----" } },
	{ CE_ENTITY_TRAINING_ENROLMENT,   { "aaaaa", "aaaaa", "s----", "s----", "s----", "a----" } },
	{ CE_ENTITY_PLATFORM_EQUIPMENT,   { "aaaaa", "aaaaa", "a----", "a----", "a----", "a----" } },
	{ CE_ENTITY_PLATFORM_FUNDING,     { "aaaaa", "aaaaa", "a----", "a----", "a----", "a----" } },
	{ CE_ENTITY_AGREEMENT_SHARE,      { "aaaaa", "aaaaa", "a----", "a----", "a----", "a----" } },
	{ CE_ENTITY_OUTCOME_OWNER,        { "aaaaa", "aaaaa", "s----", "-----", "-----", "a----" } },
	{ CE_ENTITY_TEAM_MEETING_ATTENDEE, { "aaaaa", "aaaaa", "ssss-", "s----", "s----", "a----" } },
};

/* A legal move of each lifecycle column from the state the store's records
 * are in (a new lifecycle column must be added here). The student has
 * graduated (a destination needs it), a final state: an allowed move of it
 * gets past the role to the lifecycle's refusal. */
static const struct {
	ce_entity e;
	const char *column;
	int to;
} moves[] = {
	{ CE_ENTITY_AGREEMENT, "status", CE_AGREEMENT_STATUS_ACTIVE },
	{ CE_ENTITY_PROJECT, "status", CE_PROJECT_STATUS_ACTIVE },
	{ CE_ENTITY_PROJECT, "stage", CE_PROJECT_STAGE_PILOT },
	{ CE_ENTITY_SUBTOPIC, "status", CE_SUBTOPIC_STATUS_APPROVED },
	{ CE_ENTITY_STUDENT, "status", CE_STUDENT_STATUS_GRADUATED },
	{ CE_ENTITY_PLACEMENT, "status", CE_PLACEMENT_STATUS_ACTIVE },
	{ CE_ENTITY_OUTCOME, "status", CE_OUTCOME_STATUS_ACCEPTED },
	{ CE_ENTITY_RISK, "status", CE_RISK_STATUS_MITIGATED },
};
#define MOVE_ON CE_DATE(2022, 6, 1)

/* ---- the store ------------------------------------------------------------------ */

/* rec[h][e]: the record of entity e in half h (0: half 1, 1: half 2);
 * the mentor's own guidance, evaluations and supervisor records apart. */
typedef struct world {
	int64_t rec[2][CE_ENTITY_LAST + 1];
	int64_t a[2], m[2], s[2], c[2], p[2], st[2], pl[2];
	int64_t mentor_session[2], mentor_attendee[2], mentor_evaluation[2];
} world;

static int64_t insert(ce_entity e, ...);

/* Creates one record through the generic API from "column", value pairs
 * (texts for TEXT columns, int64 otherwise; NULL ends), asserting success. */
#include <stdarg.h>
static int64_t insert(ce_entity e, ...)
{
	ce_record *r;
	int64_t id = 0;
	const char *col;
	va_list ap;
	ck_ok(ce_record_new(&r, e));
	va_start(ap, e);
	while ((col = va_arg(ap, const char *))) {
		int c;
		ck_ok(ce_column_index(&c, e, col));
		if (ce_column_type_of(e, c) == CE_TYPE_TEXT)
			ck_ok(ce_record_set_text(r, col, va_arg(ap, const char *)));
		else if (ce_column_type_of(e, c) == CE_TYPE_REAL)
			ck_ok(ce_record_set_real(r, col, va_arg(ap, double)));
		else
			ck_ok(ce_record_set_int(r, col, va_arg(ap, int64_t)));
	}
	va_end(ap);
	ck_ok(ce_record_insert(&id, db, r));
	ce_record_free(r);
	return id;
}
#define I(v) ((int64_t)(v))

static void build(world *w)
{
	static const char *const company[2] = { "山东某航空材料有限公司", "青岛某海洋装备股份有限公司" };
	static const char *const staff_a[2] = { "A-1001", "A-1002" };
	static const char *const staff_m[2] = { "M-2001", "M-2002" };
	static const char *const number[2] = { "2018010001", "2019010002" };
	static const char *const student_name[2] = { "李明", "王芳" };
	static const char *const academic_name[2] = { "张建国", "刘志强" };
	static const char *const mentor_name[2] = { "陈高工", "赵工程师" };
	static const char *const code[2] = { "201901022063", "202002033074" };
	static const char *const team_name[2] = { "高性能铝合金导师团队", "海洋防腐涂层导师团队" };
	static const char *const platform_name[2] = { "先进材料联合实验室", "海洋装备工程中心" };
	memset(w, 0, sizeof *w);
	for (int h = 0; h < 2; h++) {
		int64_t *r = w->rec[h];
		r[CE_ENTITY_PARTNER] = w->c[h] =
			insert(CE_ENTITY_PARTNER, "name", company[h], "kind", I(CE_PARTNER_ENTERPRISE), "region",
			       "山东省", NULL);
		r[CE_ENTITY_AGREEMENT] = insert(CE_ENTITY_AGREEMENT, "title", h ? "海洋装备联合培养协议" :
		                                "校企联合培养研究生协议", "scopes", I(CE_SCOPE_JOINT_TRAINING_BASE),
		                                "start_date", I(CE_DATE(2018, 1, 1)), NULL);
		r[CE_ENTITY_AGREEMENT_PARTY] = insert(CE_ENTITY_AGREEMENT_PARTY, "agreement",
		                                      r[CE_ENTITY_AGREEMENT], "partner", w->c[h], NULL);
		r[CE_ENTITY_PLATFORM] = insert(CE_ENTITY_PLATFORM, "name", platform_name[h], "kind",
		                               I(CE_PLATFORM_JOINT_LABORATORY), "level",
		                               I(CE_PLATFORM_LEVEL_PROVINCIAL), NULL);
		r[CE_ENTITY_PLATFORM_HOST] = insert(CE_ENTITY_PLATFORM_HOST, "platform", r[CE_ENTITY_PLATFORM],
		                                    "partner", w->c[h], NULL);
		r[CE_ENTITY_SUPERVISOR] = w->a[h] =
			insert(CE_ENTITY_SUPERVISOR, "name", academic_name[h], "kind", I(CE_SUPERVISOR_ACADEMIC),
			       "staff_number", staff_a[h], "title", "教授", NULL);
		w->m[h] = insert(CE_ENTITY_SUPERVISOR, "name", mentor_name[h], "kind", I(CE_SUPERVISOR_ENTERPRISE),
		                 "staff_number", staff_m[h], "affiliation", w->c[h], "title", "高级工程师", NULL);
		r[CE_ENTITY_STUDENT] = w->s[h] =
			insert(CE_ENTITY_STUDENT, "number", number[h], "name", student_name[h], "level",
			       I(CE_STUDENT_LEVEL_PROFESSIONAL_MASTER), "cohort", I(2018 + h), "major", "材料工程",
			       "status_date", I(CE_DATE(2018, 9, 1)), NULL);
		r[CE_ENTITY_PROJECT] = w->p[h] =
			insert(CE_ENTITY_PROJECT, "code", code[h], "title", h ? "海洋防腐涂层研究" : "高强高韧铝合金材料研发",
			       "start_date", I(CE_DATE(2019, 1, 1)), "principal_investigator", w->a[h], NULL);
		r[CE_ENTITY_PROJECT_PARTNER] = insert(CE_ENTITY_PROJECT_PARTNER, "project", w->p[h], "partner",
		                                      w->c[h], "role", I(CE_PROJECT_ROLE_FUNDER), NULL);
		r[CE_ENTITY_SUBTOPIC] = w->st[h] =
			insert(CE_ENTITY_SUBTOPIC, "project", w->p[h], "title", h ? "涂层耐蚀性评价" : "热处理工艺优化",
			       "kind", I(CE_SUBTOPIC_APPLIED), "site", I(CE_SUBTOPIC_SITE_UNIVERSITY),
			       "status_date", I(CE_DATE(2019, 9, 1)), NULL);
		int64_t st_b = insert(CE_ENTITY_SUBTOPIC, "project", w->p[h], "title", "试样制备", "kind",
		                      I(CE_SUBTOPIC_APPLIED), "site", I(CE_SUBTOPIC_SITE_UNIVERSITY), "status_date",
		                      I(CE_DATE(2019, 9, 1)), NULL);
		r[CE_ENTITY_SUBTOPIC_IO] = insert(CE_ENTITY_SUBTOPIC_IO, "subtopic", w->st[h], "direction",
		                                  I(CE_IO_INPUT), "description", "热处理试样", NULL);
		r[CE_ENTITY_SUBTOPIC_DEPENDENCY] = insert(CE_ENTITY_SUBTOPIC_DEPENDENCY, "subtopic", w->st[h],
		                                          "depends_on", st_b, NULL);
		r[CE_ENTITY_MILESTONE] = insert(CE_ENTITY_MILESTONE, "subtopic", w->st[h], "title", "完成中期检查",
		                                "due_date", I(CE_DATE(2020, 6, 30)), NULL);
		r[CE_ENTITY_BUDGET_LINE] = insert(CE_ENTITY_BUDGET_LINE, "subtopic", w->st[h], "category", "材料费",
		                                  "planned", I(5000000), "currency", "CNY", NULL);
		r[CE_ENTITY_SUBTOPIC_ASSIGNMENT] = insert(CE_ENTITY_SUBTOPIC_ASSIGNMENT, "subtopic", w->st[h],
		                                          "student", w->s[h], "start_date", I(CE_DATE(2019, 9, 1)), NULL);
		r[CE_ENTITY_TEAM] = insert(CE_ENTITY_TEAM, "name", team_name[h], "discipline", "材料科学与工程", NULL);
		insert(CE_ENTITY_TEAM_MEMBER, "team", r[CE_ENTITY_TEAM], "supervisor", w->a[h], "role",
		       I(CE_TEAM_ROLE_MAIN), NULL);
		insert(CE_ENTITY_TEAM_MEMBER, "team", r[CE_ENTITY_TEAM], "supervisor", w->m[h], "role",
		       I(CE_TEAM_ROLE_DEPUTY), NULL);
		r[CE_ENTITY_TEAM_MEMBER] = insert(CE_ENTITY_TEAM_MEMBER, "team", r[CE_ENTITY_TEAM], "student",
		                                  w->s[h], "role", I(CE_TEAM_ROLE_MEMBER), NULL);
		r[CE_ENTITY_TEAM_MEETING] = insert(CE_ENTITY_TEAM_MEETING, "team", r[CE_ENTITY_TEAM], "held_on",
		                                   I(CE_DATE(2020, 3, 5)), "duration_minutes", I(60), "topic",
		                                   "中期进展汇报", NULL);
		r[CE_ENTITY_TEAM_MEETING_ATTENDEE] = insert(CE_ENTITY_TEAM_MEETING_ATTENDEE, "meeting",
		                                            r[CE_ENTITY_TEAM_MEETING], "student", w->s[h], NULL);
		/* S1: an academic main supervisor and an enterprise one; S2 only the academic */
		r[CE_ENTITY_SUPERVISION] = insert(CE_ENTITY_SUPERVISION, "student", w->s[h], "supervisor", w->a[h],
		                                  "role", I(CE_SUPERVISION_ROLE_MAIN), "start_date",
		                                  I(CE_DATE(2018, 9, 1)), NULL);
		if (h == 0)
			insert(CE_ENTITY_SUPERVISION, "student", w->s[h], "supervisor", w->m[h], "role",
			       I(CE_SUPERVISION_ROLE_ENTERPRISE), "start_date", I(CE_DATE(2018, 9, 1)), NULL);
		r[CE_ENTITY_GUIDANCE_SESSION] = insert(CE_ENTITY_GUIDANCE_SESSION, "held_on", I(CE_DATE(2019, 10, 8)),
		                                       "duration_minutes", I(90), "mode", I(CE_GUIDANCE_MODE_LABORATORY),
		                                       "notes", "讨论热处理实验方案", NULL);
		insert(CE_ENTITY_GUIDANCE_ATTENDEE, "session", r[CE_ENTITY_GUIDANCE_SESSION], "supervisor", w->a[h],
		       NULL);
		r[CE_ENTITY_GUIDANCE_ATTENDEE] = insert(CE_ENTITY_GUIDANCE_ATTENDEE, "session",
		                                        r[CE_ENTITY_GUIDANCE_SESSION], "student", w->s[h], NULL);
		w->mentor_session[h] = insert(CE_ENTITY_GUIDANCE_SESSION, "held_on", I(CE_DATE(2019, 11, 12)),
		                              "duration_minutes", I(120), "mode", I(CE_GUIDANCE_MODE_ENTERPRISE_SITE),
		                              "notes", "现场指导挤压工艺", NULL);
		insert(CE_ENTITY_GUIDANCE_ATTENDEE, "session", w->mentor_session[h], "supervisor", w->m[h], NULL);
		w->mentor_attendee[h] = insert(CE_ENTITY_GUIDANCE_ATTENDEE, "session", w->mentor_session[h],
		                               "student", w->s[h], NULL);
		r[CE_ENTITY_EVALUATION] = insert(CE_ENTITY_EVALUATION, "supervisor", w->a[h], "period_start",
		                                 I(CE_DATE(2019, 9, 1)), "period_end", I(CE_DATE(2020, 1, 31)),
		                                 "evaluator", I(CE_EVALUATOR_STUDENT), "criterion", "指导时间投入",
		                                 "score", 92.0, NULL);
		w->mentor_evaluation[h] = insert(CE_ENTITY_EVALUATION, "supervisor", w->m[h], "period_start",
		                                 I(CE_DATE(2019, 9, 1)), "period_end", I(CE_DATE(2020, 1, 31)),
		                                 "evaluator", I(CE_EVALUATOR_SCHOOL), "criterion", "企业实践指导",
		                                 "score", 88.0, NULL);
		r[CE_ENTITY_PROGRESS_REPORT] = insert(CE_ENTITY_PROGRESS_REPORT, "student", w->s[h], "subtopic",
		                                      w->st[h], "kind", I(CE_PROGRESS_MID_TERM), "submitted_on",
		                                      I(CE_DATE(2020, 6, 20)), "summary", "完成固溶时效实验", NULL);
		r[CE_ENTITY_PLACEMENT] = w->pl[h] =
			insert(CE_ENTITY_PLACEMENT, "student", w->s[h], "host", w->c[h], "start_date",
			       I(CE_DATE(2020, 7, 1)), "position", "工艺实习生", "mentor", w->m[h], "academic_supervisor",
			       w->a[h], NULL);
		r[CE_ENTITY_INCIDENT] = insert(CE_ENTITY_INCIDENT, "placement", w->pl[h], "occurred_on",
		                               I(CE_DATE(2020, 8, 3)), "kind", I(CE_INCIDENT_ABSENCE_WITHOUT_LEAVE),
		                               "description", "未请假离岗两天", NULL);
		r[CE_ENTITY_FEEDBACK] = insert(CE_ENTITY_FEEDBACK, "placement", w->pl[h], "direction",
		                               I(CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL), "given_on",
		                               I(CE_DATE(2020, 9, 30)), "score", 85.0, "comment", "工作认真", NULL);
		r[CE_ENTITY_OUTCOME] = insert(CE_ENTITY_OUTCOME, "kind", I(CE_OUTCOME_PAPER), "title",
		                              h ? "海洋环境下涂层失效机理" : "时效处理对铝合金强度的影响",
		                              "status_date", I(CE_DATE(2020, 10, 1)), NULL);
		r[CE_ENTITY_OUTCOME_CONTRIBUTOR] = insert(CE_ENTITY_OUTCOME_CONTRIBUTOR, "outcome",
		                                          r[CE_ENTITY_OUTCOME], "position", I(1), "student", w->s[h], NULL);
		insert(CE_ENTITY_OUTCOME_CONTRIBUTOR, "outcome", r[CE_ENTITY_OUTCOME], "position", I(2),
		       "supervisor", w->a[h], NULL);
		r[CE_ENTITY_OUTCOME_ATTRIBUTION] = insert(CE_ENTITY_OUTCOME_ATTRIBUTION, "outcome",
		                                          r[CE_ENTITY_OUTCOME], "project", w->p[h], NULL);
		r[CE_ENTITY_OUTCOME_DERIVATION] = insert(CE_ENTITY_OUTCOME_DERIVATION, "outcome",
		                                         r[CE_ENTITY_OUTCOME], "from_subtopic", w->st[h], NULL);
		ck_ok(ce_student_set_status(db, w->s[h], CE_STUDENT_STATUS_GRADUATED, CE_DATE(2021, 6, 30)));
		r[CE_ENTITY_DESTINATION] = insert(CE_ENTITY_DESTINATION, "student", w->s[h], "started_on",
		                                  I(CE_DATE(2021, 7, 1)), "employer", w->c[h], "sector",
		                                  I(CE_DESTINATION_SECTOR_PRIVATE_ENTERPRISE), "position", "工艺工程师",
		                                  NULL);
		r[CE_ENTITY_RISK] = insert(CE_ENTITY_RISK, "placement", w->pl[h], "kind", I(CE_RISK_SAFETY), "title",
		                           "高温车间作业安全", "likelihood", I(2), "impact", I(4), "owner_partner", w->c[h],
		                           "identified_on", I(CE_DATE(2020, 6, 15)), NULL);
		r[CE_ENTITY_SURVEY_INSTRUMENT] = insert(CE_ENTITY_SURVEY_INSTRUMENT, "code", "GS-COOP", "version",
		                                        I(h + 1), "title", "研究生联合培养满意度调查", "audience",
		                                        I(CE_SURVEY_AUDIENCE_STUDENT), NULL);
		r[CE_ENTITY_SURVEY_ITEM] = insert(CE_ENTITY_SURVEY_ITEM, "instrument", r[CE_ENTITY_SURVEY_INSTRUMENT],
		                                  "code", "Q1", "position", I(1), "section", "指导", "text",
		                                  "课题主要在哪里完成", "kind", I(CE_SURVEY_ITEM_SINGLE_CHOICE), NULL);
		r[CE_ENTITY_SURVEY_OPTION] = insert(CE_ENTITY_SURVEY_OPTION, "item", r[CE_ENTITY_SURVEY_ITEM], "code",
		                                    "A", "position", I(1), "label", "企业现场", NULL);
		r[CE_ENTITY_SURVEY_ROUND] = insert(CE_ENTITY_SURVEY_ROUND, "instrument", r[CE_ENTITY_SURVEY_INSTRUMENT],
		                                   "title", "2020年研究生调查", "opens_on", I(CE_DATE(2020, 11, 1)), NULL);
		r[CE_ENTITY_SURVEY_RESPONSE] = insert(CE_ENTITY_SURVEY_RESPONSE, "round", r[CE_ENTITY_SURVEY_ROUND],
		                                      "student", w->s[h], "submitted_on", I(CE_DATE(2020, 11, 3)), NULL);
		r[CE_ENTITY_SURVEY_ANSWER] = insert(CE_ENTITY_SURVEY_ANSWER, "response", r[CE_ENTITY_SURVEY_RESPONSE],
		                                    "item", r[CE_ENTITY_SURVEY_ITEM], "option",
		                                    r[CE_ENTITY_SURVEY_OPTION], NULL);
		r[CE_ENTITY_TRAINING_COURSE] = insert(CE_ENTITY_TRAINING_COURSE, "title", "企业文化建设", "kind",
		                                      I(CE_TRAINING_ENTERPRISE_CULTURE), "provider", w->c[h],
		                                      "hours", 16.0, NULL);
		r[CE_ENTITY_TRAINING_ENROLMENT] = insert(CE_ENTITY_TRAINING_ENROLMENT, "course",
		                                          r[CE_ENTITY_TRAINING_COURSE], "student", w->s[h],
		                                          "completed_on", I(CE_DATE(2020, 7, 10)),
		                                          "hours_attended", 16.0, NULL);
		r[CE_ENTITY_PLATFORM_EQUIPMENT] = insert(CE_ENTITY_PLATFORM_EQUIPMENT, "platform",
		                                          r[CE_ENTITY_PLATFORM], "name", "金相显微镜", "value",
		                                          I(38000000), "currency", "CNY", "source", w->c[h], NULL);
		r[CE_ENTITY_PLATFORM_FUNDING] = insert(CE_ENTITY_PLATFORM_FUNDING, "platform", r[CE_ENTITY_PLATFORM],
		                                        "amount", I(50000000), "currency", "CNY", "year", I(2019),
		                                        "funder", "省级财政专项", NULL);
		r[CE_ENTITY_AGREEMENT_SHARE] = insert(CE_ENTITY_AGREEMENT_SHARE, "party", r[CE_ENTITY_AGREEMENT_PARTY],
		                                      "benefit_share_bp", I(4000), "ip_share_bp", I(5000), "terms",
		                                      "专利由双方共同申请、共同所有", NULL);
		r[CE_ENTITY_OUTCOME_OWNER] = insert(CE_ENTITY_OUTCOME_OWNER, "outcome", r[CE_ENTITY_OUTCOME], "partner",
		                                    w->c[h], "share_bp", I(5000), NULL);
	}
}

/* The record of entity e inside (h 0) or outside (h 1) role r's scope. */
static int64_t pick(const world *w, int r, ce_entity e, int h)
{
	if (r == R_MENTOR) {
		switch (e) {
		case CE_ENTITY_SUPERVISOR: return w->m[h];
		case CE_ENTITY_GUIDANCE_SESSION: return w->mentor_session[h];
		case CE_ENTITY_GUIDANCE_ATTENDEE: return w->mentor_attendee[h];
		case CE_ENTITY_EVALUATION: return w->mentor_evaluation[h];
		default: break;
		}
	}
	return w->rec[h][e];
}

/* ---- checking one cell ----------------------------------------------------------- */

/* What the matrix says of op on a record inside (in) or outside the scope:
 * CE_OK, CE_EDENIED, or CE_ENOTFOUND (the role cannot see the record). */
static int expected(const char *g, int op, int in)
{
	int visible = g[OP_READ] == 'a' || (g[OP_READ] == 's' && in);
	if (op == OP_READ)
		return visible ? CE_OK : CE_ENOTFOUND;
	if (op != OP_CREATE && !visible)
		return CE_ENOTFOUND;
	return g[op] == 'a' || (g[op] == 's' && in) ? CE_OK : CE_EDENIED;
}

static int64_t audit_count(ce_entity e)
{
	ce_audit_filter f = CE_AUDIT_FILTER_INIT;
	ce_audit_iter *it;
	ce_audit_entry *en;
	int64_t n = 0;
	int rc;
	f.entity = e;
	ck_ok(ce_audit_iter_new(&it, db, &f));
	while ((rc = ce_audit_iter_next(&en, it)) == CE_OK) {
		n++;
		ce_audit_entry_free(en);
	}
	ck_assert_int_eq(rc, CE_ITEROVER);
	ce_audit_iter_free(it);
	return n;
}

/* A copy of record id (read by the trusted handle) as a new record, its
 * unique texts altered so that only pair rules can refuse it. */
static ce_record *copy_of(ce_entity e, int64_t id)
{
	ce_record *src, *r;
	ck_ok(ce_record_lookup(&src, db, e, id));
	ck_ok(ce_record_new(&r, e));
	for (int c = 0; c < ce_entity_column_count(e); c++) {
		const char *name = ce_column_name(e, c);
		int64_t i;
		double x;
		if (ce_record_is_null(src, c))
			continue;
		switch (ce_column_type_of(e, c)) {
		case CE_TYPE_TEXT: {
			char t[256];
			snprintf(t, sizeof t, "%s%s", ce_record_get_text(src, c),
			         ce_column_flags(e, c) & CE_COL_UNIQUE ? "（副本）" : "");
			ck_ok(ce_record_set_text(r, name, t));
			break;
		}
		case CE_TYPE_REAL:
			ck_ok(ce_record_get_real(&x, src, c));
			ck_ok(ce_record_set_real(r, name, x));
			break;
		default:
			ck_ok(ce_record_get_int(&i, src, c));
			ck_ok(ce_record_set_int(r, name, i));
			break;
		}
	}
	ce_record_free(src);
	return r;
}

typedef struct tally {
	int cells, allowed_ok, allowed_domain;
} tally;

/* Runs one write op of role handle h on record id: prep is the copy to
 * create or the record to write back unchanged, read beforehand by the
 * trusted handle; a lifecycle move uses moves[k]. */
static int write_op(ce_db *h, int op, ce_entity e, int64_t id, const ce_record *prep, int k)
{
	switch (op) {
	case OP_CREATE: return ce_record_insert(NULL, h, prep);
	case OP_UPDATE: return ce_record_update(h, prep); /* the same values: no rule objects */
	case OP_DELETE: return ce_record_delete(h, e, id, CE_DELETE_RESTRICT);
	default: return ce_record_transition(h, e, id, moves[k].column, moves[k].to, MOVE_ON);
	}
}

static void check_write(tally *t, ce_db *h, int r, int op, ce_entity e, int64_t id, int in, int k)
{
	const char *g = NULL;
	for (size_t i = 0; i < sizeof matrix / sizeof *matrix; i++)
		if (matrix[i].e == e)
			g = matrix[i].g[r];
	int want = expected(g, op, in);
	int64_t n = count_of(e), na = audit_count(e);
	ce_record *prep = NULL;
	int rc;
	if (op == OP_CREATE)
		prep = copy_of(e, id);
	else if (op == OP_UPDATE)
		ck_ok(ce_record_lookup(&prep, db, e, id));
	if (want == CE_OK) {
		/* allowed: past the role to the domain rules; rolled back to keep the store */
		ck_ok(ce_db_begin(h));
		rc = write_op(h, op, e, id, prep, k);
		ck_ok(ce_db_rollback(h));
		ck_assert_msg(rc != CE_EDENIED && rc != CE_ENOTFOUND,
		              "%s as %s: %s %s %lld (%s scope) refused with %d (%s), the matrix allows it",
		              ce_entity_name(e), ce_role_name(roles[r]), op_names[op], ce_entity_name(e),
		              (long long)id, in ? "in" : "out of", rc, ce_db_errmsg(h));
		if (rc == CE_OK)
			t->allowed_ok++;
		else
			t->allowed_domain++;
	} else {
		rc = write_op(h, op, e, id, prep, k);
		ck_assert_msg(rc == want && ce_db_errcode(h) == want,
		              "%s as %s: %s %s %lld (%s scope) returned %d (%s), expected %d", ce_entity_name(e),
		              ce_role_name(roles[r]), op_names[op], ce_entity_name(e), (long long)id,
		              in ? "in" : "out of", rc, ce_db_errmsg(h), want);
	}
	ce_record_free(prep);
	/* the store and its trail as before, either way */
	ck_assert_int_eq(count_of(e), n);
	ck_assert_int_eq(audit_count(e), na);
	t->cells++;
}

/* Looks a record up by its natural key through the typed API. */
static int key_lookup(ce_db *h, ce_entity e, const char *key, char *seen, size_t seen_size)
{
	int rc;
	const char *shown = NULL;
	*seen = '\0';
#define KEY_LOOKUP(noun, fn, field)                 \
	do {                                            \
		ce_##noun *x = NULL;                        \
		rc = fn(&x, h, key);                        \
		if (rc == CE_OK)                            \
			shown = ce_##noun##_fields(x)->field;   \
		snprintf(seen, seen_size, "%s", shown ? shown : ""); \
		ce_##noun##_free(x);                        \
	} while (0)
	switch (e) {
	case CE_ENTITY_PARTNER: KEY_LOOKUP(partner, ce_partner_lookup_by_name, name); break;
	case CE_ENTITY_PLATFORM: KEY_LOOKUP(platform, ce_platform_lookup_by_name, name); break;
	case CE_ENTITY_PROJECT: KEY_LOOKUP(project, ce_project_lookup_by_code, code); break;
	case CE_ENTITY_STUDENT: KEY_LOOKUP(student, ce_student_lookup_by_number, number); break;
	case CE_ENTITY_SUPERVISOR: KEY_LOOKUP(supervisor, ce_supervisor_lookup_by_staff_number, staff_number); break;
	case CE_ENTITY_TEAM: KEY_LOOKUP(team, ce_team_lookup_by_name, name); break;
	default: ck_abort_msg("%s has a key column but no lookup here", ce_entity_name(e));
	}
#undef KEY_LOOKUP
	return rc;
}

/* msg with every occurrence of from replaced by to. */
static void replaced(char *out, size_t size, const char *msg, const char *from, const char *to)
{
	size_t n = 0, lf = strlen(from);
	while (*msg && n + 1 < size) {
		if (strncmp(msg, from, lf) == 0) {
			n += (size_t)snprintf(out + n, size - n, "%s", to);
			msg += lf;
		} else {
			out[n++] = *msg++;
		}
	}
	out[n < size ? n : size - 1] = '\0';
}

static void check_reads(tally *t, ce_db *h, int r, ce_entity e, const char *g, const world *w)
{
	int64_t ids[2] = { pick(w, r, e, 0), pick(w, r, e, 1) };
	int visible[2];
	char absent_msg[512], msg[512], want_msg[512], num[32];
	const int64_t absent = 987654;
	ce_record *rec;
	ce_record_iter *it;

	/* a record that does not exist: the answer a hidden one must give */
	ck_rc(ce_record_lookup(&rec, h, e, absent), CE_ENOTFOUND);
	snprintf(absent_msg, sizeof absent_msg, "%s", ce_db_errmsg(h));
	for (int k = 0; k < 2; k++) {
		int want = expected(g, OP_READ, k == 0);
		visible[k] = want == CE_OK;
		ck_assert_msg(ids[k] > 0, "no %s record in half %d", ce_entity_name(e), k + 1);
		int rc = ce_record_lookup(&rec, h, e, ids[k]);
		ck_assert_msg(rc == want, "%s as %s: lookup of %lld (%s scope) returned %d, expected %d",
		              ce_entity_name(e), ce_role_name(roles[r]), (long long)ids[k], k ? "out of" : "in",
		              rc, want);
		if (rc == CE_OK) {
			ce_record_free(rec);
		} else {
			/* the message says no more than for an id that does not exist */
			snprintf(num, sizeof num, "%lld", (long long)ids[k]);
			snprintf(msg, sizeof msg, "%s", ce_db_errmsg(h));
			replaced(want_msg, sizeof want_msg, absent_msg, "987654", num);
			ck_assert_str_eq(msg, want_msg);
		}
		t->cells++;
	}
	/* iteration shows exactly the visible ones, and count agrees */
	int seen[2] = { 0, 0 };
	int64_t n = 0, counted = -1;
	int rc;
	ck_ok(ce_record_iter_new(&it, h, e, NULL));
	while ((rc = ce_record_iter_next(&rec, it)) == CE_OK) {
		for (int k = 0; k < 2; k++)
			seen[k] |= ce_record_id(rec) == ids[k];
		n++;
		ce_record_free(rec);
	}
	ck_assert_int_eq(rc, CE_ITEROVER);
	ce_record_iter_free(it);
	ck_ok(ce_record_count(&counted, h, e, NULL));
	for (int k = 0; k < 2; k++)
		ck_assert_msg(seen[k] == visible[k], "%s as %s: iteration %s record %lld", ce_entity_name(e),
		              ce_role_name(roles[r]), seen[k] ? "shows hidden" : "misses visible",
		              (long long)ids[k]);
	ck_assert_int_eq(counted, n);
	if (g[OP_READ] == 'a')
		ck_assert_int_eq(n, count_of(e));
	else if (g[OP_READ] == '-')
		ck_assert_int_eq(n, 0);
	else
		ck_assert_int_lt(n, count_of(e));
	/* by natural key, with the same answer for hidden and absent */
	for (int c = 0; c < ce_entity_column_count(e); c++) {
		if (!(ce_column_flags(e, c) & CE_COL_KEY))
			continue;
		char seen_key[256], absent_key_msg[512];
		ck_rc(key_lookup(h, e, "不存在的键", seen_key, sizeof seen_key), CE_ENOTFOUND);
		snprintf(absent_key_msg, sizeof absent_key_msg, "%s", ce_db_errmsg(h));
		for (int k = 0; k < 2; k++) {
			ck_ok(ce_record_lookup(&rec, db, e, ids[k]));
			char key[256];
			snprintf(key, sizeof key, "%s", ce_record_get_text(rec, c));
			ce_record_free(rec);
			rc = key_lookup(h, e, key, seen_key, sizeof seen_key);
			ck_assert_msg(rc == (visible[k] ? CE_OK : CE_ENOTFOUND), "%s as %s: lookup by %s '%s' returned %d",
			              ce_entity_name(e), ce_role_name(roles[r]), ce_column_name(e, c), key, rc);
			if (rc != CE_OK) {
				replaced(want_msg, sizeof want_msg, absent_key_msg, "不存在的键", key);
				ck_assert_str_eq(ce_db_errmsg(h), want_msg);
			} else if (roles[r] == CE_ROLE_ANALYST && e == CE_ENTITY_STUDENT) {
				/* found, but as the pseudonym */
				char pseudo[32];
				snprintf(pseudo, sizeof pseudo, "S%06lld", (long long)ids[k]);
				ck_assert_str_eq(seen_key, pseudo);
			} else {
				ck_assert_str_eq(seen_key, key);
			}
			t->cells++;
		}
	}
}

static void check_role(tally *t, int r, const world *w)
{
	ce_db *h = open_as(roles[r], actors[r]);
	ck_assert_str_eq(ce_db_actor(h), actors[r]);
	for (size_t i = 0; i < sizeof matrix / sizeof *matrix; i++) {
		ce_entity e = matrix[i].e;
		const char *g = matrix[i].g[r];
		check_reads(t, h, r, e, g, w);
		for (int k = 0; k < 2; k++) {
			int64_t id = pick(w, r, e, k);
			for (int op = OP_CREATE; op <= OP_DELETE; op++)
				check_write(t, h, r, op, e, id, k == 0, 0);
			for (int c = 0; c < ce_entity_column_count(e); c++) {
				if (!(ce_column_flags(e, c) & CE_COL_LIFECYCLE))
					continue;
				int m = -1;
				for (size_t j = 0; j < sizeof moves / sizeof *moves; j++)
					if (moves[j].e == e && strcmp(moves[j].column, ce_column_name(e, c)) == 0)
						m = (int)j;
				ck_assert_msg(m >= 0, "no move for lifecycle %s.%s", ce_entity_name(e), ce_column_name(e, c));
				check_write(t, h, r, OP_MOVE, e, id, k == 0, m);
			}
		}
	}
	ce_db_close(h);
}

/* The matrix covers every entity, once. */
START_TEST(roles_matrix_complete)
{
	ck_assert_int_eq(sizeof matrix / sizeof *matrix, CE_ENTITY_LAST);
	for (int e = 1; e <= CE_ENTITY_LAST; e++)
		ck_assert_int_eq(matrix[e - 1].e, e);
}
END_TEST

START_TEST(roles_matrix)
{
	world w;
	tally t = { 0, 0, 0 };
	shared_store_begin();
	build(&w);
	check_role(&t, _i, &w);
	if (getenv("CE_TEST_VERBOSE"))
		fprintf(stderr, "roles_matrix %s (%s): %d cells, allowed writes %d done + %d refused by a domain rule\n",
		        ce_role_name(roles[_i]), uri_prefix, t.cells, t.allowed_ok, t.allowed_domain);
}
END_TEST

/* An analyst reads every student, but only as a pseudonym stable within
 * the store: never a name or number, in a lookup or an iteration. */
START_TEST(roles_analyst_pseudonymised)
{
	world w;
	ce_student *st;
	ce_student_iter *it;
	char number[32], name[64];
	int n = 0, rc;
	shared_store_begin();
	build(&w);
	ce_db *h = open_as(CE_ROLE_ANALYST, "数据分析组");
	ck_ok(ce_student_lookup(&st, h, w.s[0]));
	snprintf(number, sizeof number, "S%06lld", (long long)w.s[0]);
	snprintf(name, sizeof name, "学生%lld", (long long)w.s[0]);
	ck_assert_str_eq(ce_student_fields(st)->number, number);
	ck_assert_str_eq(ce_student_fields(st)->name, name);
	ck_assert_str_eq(ce_student_fields(st)->major, "材料工程"); /* not personal: as it is */
	ce_student_free(st);
	ck_ok(ce_student_iter_new(&it, h, NULL));
	while ((rc = ce_student_iter_next(&st, it)) == CE_OK) {
		int64_t id = ce_student_id(st);
		snprintf(number, sizeof number, "S%06lld", (long long)id);
		snprintf(name, sizeof name, "学生%lld", (long long)id);
		ck_assert_str_eq(ce_student_fields(st)->number, number);
		ck_assert_str_eq(ce_student_fields(st)->name, name);
		n++;
		ce_student_free(st);
	}
	ck_assert_int_eq(rc, CE_ITEROVER);
	ck_assert_int_eq(n, 2);
	ce_student_iter_free(it);
	/* the trusted handle still sees the real ones */
	ck_ok(ce_student_lookup(&st, db, w.s[0]));
	ck_assert_str_eq(ce_student_fields(st)->name, "李明");
	ce_student_free(st);
	ce_db_close(h);
}
END_TEST

static int64_t cell_int(const ce_table *t, size_t row, const char *column)
{
	int c;
	int64_t v;
	ck_ok(ce_table_column_index(&c, t, column));
	ck_ok(ce_table_get_int(&v, t, row, c));
	return v;
}

/* A scoped role's reports count only what it may see: the office sees
 * both halves, A1 and M1 only half 1. */
START_TEST(roles_reports_scoped)
{
	world w;
	ce_table *t;
	shared_store_begin();
	build(&w);
	ce_db *office = open_as(CE_ROLE_OFFICE, "研究生院培养办");
	ce_db *a1 = open_as(CE_ROLE_ACADEMIC, "A-1001");
	ce_db *m1 = open_as(CE_ROLE_MENTOR, "M-2001");

	/* coverage by cohort: S1 (2018) has both supervisors, S2 (2019) the academic only */
	ck_ok(ce_report_supervision_coverage(&t, office, NULL));
	ck_assert_uint_eq(ce_table_row_count(t), 2);
	ck_assert_int_eq(cell_int(t, 0, "cohort"), 2018);
	ck_assert_int_eq(cell_int(t, 0, "with_both"), 1);
	ck_assert_int_eq(cell_int(t, 1, "cohort"), 2019);
	ck_assert_int_eq(cell_int(t, 1, "with_academic_main"), 1);
	ck_assert_int_eq(cell_int(t, 1, "with_enterprise"), 0);
	ce_table_free(t);
	ck_ok(ce_report_supervision_coverage(&t, a1, NULL));
	ck_assert_uint_eq(ce_table_row_count(t), 1);
	ck_assert_int_eq(cell_int(t, 0, "cohort"), 2018);
	ck_assert_int_eq(cell_int(t, 0, "students"), 1);
	ck_assert_int_eq(cell_int(t, 0, "with_both"), 1);
	ce_table_free(t);

	/* placement health: a row per host with placements, then the total */
	ck_ok(ce_report_placement_health(&t, office, NULL));
	ck_assert_uint_eq(ce_table_row_count(t), 3);
	ck_assert_int_eq(cell_int(t, 2, "placements"), 2);
	ck_assert_int_eq(cell_int(t, 2, "incidents"), 2);
	ce_table_free(t);
	ck_ok(ce_report_placement_health(&t, m1, NULL));
	ck_assert_uint_eq(ce_table_row_count(t), 2);
	ck_assert_int_eq(cell_int(t, 0, "host"), w.c[0]);
	ck_assert_int_eq(cell_int(t, 1, "placements"), 1);
	ck_assert_int_eq(cell_int(t, 1, "incidents"), 1);
	ce_table_free(t);
	/* an academic reports on no placement but their students' */
	ck_ok(ce_report_placement_health(&t, a1, NULL));
	ck_assert_uint_eq(ce_table_row_count(t), 2);
	ck_assert_int_eq(cell_int(t, 1, "placements"), 1);
	ce_table_free(t);
	ce_db_close(m1);
	ce_db_close(a1);
	ce_db_close(office);
}
END_TEST

Suite *suite_roles(void)
{
	Suite *s = suite_create("roles");
	TCase *tc = store_tcase("matrix");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, roles_matrix_complete);
	tcase_add_loop_test(tc, roles_matrix, 0, NROLES);
	tcase_add_test(tc, roles_analyst_pseudonymised);
	tcase_add_test(tc, roles_reports_scoped);
	suite_add_tcase(s, tc);
	return s;
}
