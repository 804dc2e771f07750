/* Builders: each creates one record with plausible Chinese data through
 * the typed API and asserts success, so tests state only what matters. */
#include "conformance.h"

int64_t make_partner(const char *name, ce_partner_kind kind)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t id = 0;
	s.name = name;
	s.kind = kind;
	s.region = "山东省济南市";
	ck_ok(ce_partner_create(&id, db, &s));
	return id;
}

int64_t make_enterprise(const char *name)
{
	return make_partner(name, CE_PARTNER_ENTERPRISE);
}

int64_t make_agreement(const char *title, unsigned int scopes, ce_date start)
{
	ce_agreement_spec s = CE_AGREEMENT_SPEC_INIT;
	int64_t id = 0;
	s.title = title;
	s.scopes = scopes;
	s.start_date = start;
	ck_ok(ce_agreement_create(&id, db, &s));
	return id;
}

int64_t make_party(int64_t agreement, int64_t partner)
{
	ce_agreement_party_spec s = CE_AGREEMENT_PARTY_SPEC_INIT;
	int64_t id = 0;
	s.agreement = agreement;
	s.partner = partner;
	ck_ok(ce_agreement_party_create(&id, db, &s));
	return id;
}

int64_t make_platform(const char *name)
{
	ce_platform_spec s = CE_PLATFORM_SPEC_INIT;
	int64_t id = 0;
	s.name = name;
	s.kind = CE_PLATFORM_JOINT_LABORATORY;
	s.level = CE_PLATFORM_LEVEL_PROVINCIAL;
	ck_ok(ce_platform_create(&id, db, &s));
	return id;
}

int64_t make_host(int64_t platform, int64_t partner)
{
	ce_platform_host_spec s = CE_PLATFORM_HOST_SPEC_INIT;
	int64_t id = 0;
	s.platform = platform;
	s.partner = partner;
	ck_ok(ce_platform_host_create(&id, db, &s));
	return id;
}

int64_t make_project(const char *code, const char *title, ce_date start)
{
	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	int64_t id = 0;
	s.code = code;
	s.title = title;
	s.start_date = start;
	ck_ok(ce_project_create(&id, db, &s));
	return id;
}

int64_t make_project_partner(int64_t project, int64_t partner, ce_project_role role)
{
	ce_project_partner_spec s = CE_PROJECT_PARTNER_SPEC_INIT;
	int64_t id = 0;
	s.project = project;
	s.partner = partner;
	s.role = role;
	ck_ok(ce_project_partner_create(&id, db, &s));
	return id;
}

int64_t make_subtopic(int64_t project, const char *title)
{
	ce_subtopic_spec s = CE_SUBTOPIC_SPEC_INIT;
	int64_t id = 0;
	s.project = project;
	s.title = title;
	s.kind = CE_SUBTOPIC_APPLIED;
	s.site = CE_SUBTOPIC_SITE_UNIVERSITY;
	s.planned_days = 90;
	s.status_date = CE_DATE(2019, 9, 1);
	ck_ok(ce_subtopic_create(&id, db, &s));
	return id;
}

int64_t make_dependency(int64_t subtopic, int64_t depends_on)
{
	ce_subtopic_dependency_spec s = CE_SUBTOPIC_DEPENDENCY_SPEC_INIT;
	int64_t id = 0;
	s.subtopic = subtopic;
	s.depends_on = depends_on;
	ck_ok(ce_subtopic_dependency_create(&id, db, &s));
	return id;
}

int64_t make_milestone(int64_t subtopic, const char *title, ce_date due)
{
	ce_milestone_spec s = CE_MILESTONE_SPEC_INIT;
	int64_t id = 0;
	s.subtopic = subtopic;
	s.title = title;
	s.due_date = due;
	ck_ok(ce_milestone_create(&id, db, &s));
	return id;
}

int64_t make_budget_line(int64_t subtopic, const char *category, int64_t planned)
{
	ce_budget_line_spec s = CE_BUDGET_LINE_SPEC_INIT;
	int64_t id = 0;
	s.subtopic = subtopic;
	s.category = category;
	s.planned = planned;
	s.currency = "CNY";
	ck_ok(ce_budget_line_create(&id, db, &s));
	return id;
}

int64_t make_assignment(int64_t subtopic, int64_t student)
{
	ce_subtopic_assignment_spec s = CE_SUBTOPIC_ASSIGNMENT_SPEC_INIT;
	int64_t id = 0;
	s.subtopic = subtopic;
	s.student = student;
	s.start_date = CE_DATE(2019, 9, 1);
	ck_ok(ce_subtopic_assignment_create(&id, db, &s));
	return id;
}

int64_t make_academic(const char *name)
{
	ce_supervisor_spec s = CE_SUPERVISOR_SPEC_INIT;
	int64_t id = 0;
	s.name = name;
	s.kind = CE_SUPERVISOR_ACADEMIC;
	s.title = "教授";
	ck_ok(ce_supervisor_create(&id, db, &s));
	return id;
}

int64_t make_enterprise_supervisor(const char *name, int64_t affiliation)
{
	ce_supervisor_spec s = CE_SUPERVISOR_SPEC_INIT;
	int64_t id = 0;
	s.name = name;
	s.kind = CE_SUPERVISOR_ENTERPRISE;
	s.affiliation = affiliation;
	s.title = "高级工程师";
	ck_ok(ce_supervisor_create(&id, db, &s));
	return id;
}

int64_t make_student(const char *number, const char *name)
{
	ce_student_spec s = CE_STUDENT_SPEC_INIT;
	int64_t id = 0;
	s.number = number;
	s.name = name;
	s.level = CE_STUDENT_LEVEL_PROFESSIONAL_MASTER;
	s.cohort = 2018;
	s.major = "材料工程";
	s.status_date = CE_DATE(2018, 9, 1);
	ck_ok(ce_student_create(&id, db, &s));
	return id;
}

int64_t make_graduate(const char *number, const char *name, ce_date graduated)
{
	ce_student_spec s = CE_STUDENT_SPEC_INIT;
	int64_t id = 0;
	s.number = number;
	s.name = name;
	s.level = CE_STUDENT_LEVEL_PROFESSIONAL_MASTER;
	s.cohort = 2014;
	s.major = "材料工程";
	s.status = CE_STUDENT_STATUS_GRADUATED;
	s.status_date = graduated;
	ck_ok(ce_student_create(&id, db, &s));
	return id;
}

int64_t make_team(const char *name)
{
	ce_team_spec s = CE_TEAM_SPEC_INIT;
	int64_t id = 0;
	s.name = name;
	s.discipline = "材料科学与工程";
	ck_ok(ce_team_create(&id, db, &s));
	return id;
}

int64_t make_supervision(int64_t student, int64_t supervisor, ce_supervision_role role)
{
	ce_supervision_spec s = CE_SUPERVISION_SPEC_INIT;
	int64_t id = 0;
	s.student = student;
	s.supervisor = supervisor;
	s.role = role;
	s.start_date = CE_DATE(2018, 9, 1);
	ck_ok(ce_supervision_create(&id, db, &s));
	return id;
}

int64_t make_session(ce_date held_on)
{
	ce_guidance_session_spec s = CE_GUIDANCE_SESSION_SPEC_INIT;
	int64_t id = 0;
	s.held_on = held_on;
	s.duration_minutes = 90;
	s.mode = CE_GUIDANCE_MODE_LABORATORY;
	s.notes = "讨论热处理实验方案";
	ck_ok(ce_guidance_session_create(&id, db, &s));
	return id;
}

int64_t make_placement(int64_t student, int64_t host, ce_date start)
{
	ce_placement_spec s = CE_PLACEMENT_SPEC_INIT;
	int64_t id = 0;
	s.student = student;
	s.host = host;
	s.start_date = start;
	s.position = "工艺实习生";
	ck_ok(ce_placement_create(&id, db, &s));
	return id;
}

int64_t make_outcome(ce_outcome_kind kind, const char *title, ce_date on)
{
	ce_outcome_spec s = CE_OUTCOME_SPEC_INIT;
	int64_t id = 0;
	s.kind = kind;
	s.title = title;
	s.status_date = on;
	ck_ok(ce_outcome_create(&id, db, &s));
	return id;
}
