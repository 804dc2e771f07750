/* Record builders for the report tests: one call creates one record with
 * its Chinese data, asserting success (moves through a lifecycle are 0-ended
 * lists of state and date). */
#include <stdarg.h>

#include "t_reports_fixture.h"

int64_t partner(const char *name, ce_partner_kind kind)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t id;
	s.name = name;
	s.kind = kind;
	ck_ok(ce_partner_create(&id, db, &s));
	return id;
}

int64_t agreement(const char *title, unsigned scopes, ce_date start, ce_date end,
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

int64_t platform(const char *name, ce_platform_kind kind, ce_platform_level level,
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

int64_t project(const char *code, const char *title, int64_t budget, const char *currency,
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

void project_partner(int64_t project, int64_t partner, ce_project_role role)
{
	ce_project_partner_spec s = CE_PROJECT_PARTNER_SPEC_INIT;
	int64_t id;
	s.project = project;
	s.partner = partner;
	s.role = role;
	ck_ok(ce_project_partner_create(&id, db, &s));
}

void project_parent(int64_t child, int64_t parent)
{
	ce_project *p;
	ck_ok(ce_project_lookup(&p, db, child));
	ce_project_spec s = *ce_project_fields(p);
	s.parent = parent;
	ck_ok(ce_project_update(db, child, &s));
	ce_project_free(p);
}

/* A subtopic proposed on `proposed`, then moved through `moves` (0-ended
 * pairs of status and date). */
int64_t subtopic(int64_t project, const char *title, ce_subtopic_site site,
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

void depends(int64_t subtopic, int64_t on)
{
	ce_subtopic_dependency_spec s = CE_SUBTOPIC_DEPENDENCY_SPEC_INIT;
	int64_t id;
	s.subtopic = subtopic;
	s.depends_on = on;
	ck_ok(ce_subtopic_dependency_create(&id, db, &s));
}

void budget_line(int64_t subtopic, const char *category, int64_t planned, int64_t actual)
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

int64_t student(const char *number, const char *name, ce_student_level level, int cohort)
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

void assign(int64_t subtopic, int64_t student)
{
	ce_subtopic_assignment_spec s = CE_SUBTOPIC_ASSIGNMENT_SPEC_INIT;
	int64_t id;
	s.subtopic = subtopic;
	s.student = student;
	ck_ok(ce_subtopic_assignment_create(&id, db, &s));
}

int64_t supervisor(const char *name, ce_supervisor_kind kind, int64_t affiliation)
{
	ce_supervisor_spec s = CE_SUPERVISOR_SPEC_INIT;
	int64_t id;
	s.name = name;
	s.kind = kind;
	s.affiliation = affiliation;
	ck_ok(ce_supervisor_create(&id, db, &s));
	return id;
}

void supervise(int64_t student, int64_t supervisor, ce_supervision_role role, ce_date start,
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
void session(ce_date on, int64_t minutes, int64_t subtopic, ...)
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

void evaluation(int64_t supervisor, ce_date from, ce_date to, double score)
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

int64_t placement(int64_t student, int64_t host, int64_t platform, ce_date start,
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

void mentor(int64_t placement, int64_t supervisor)
{
	ce_placement *r = NULL;
	ck_ok(ce_placement_lookup(&r, db, placement));
	ce_placement_spec s = *ce_placement_fields(r);
	s.mentor = supervisor;
	ck_ok(ce_placement_update(db, placement, &s));
	ce_placement_free(r);
}

void incident(int64_t placement, ce_date on, ce_incident_kind kind)
{
	ce_incident_spec s = CE_INCIDENT_SPEC_INIT;
	int64_t id;
	s.placement = placement;
	s.occurred_on = on;
	s.kind = kind;
	ck_ok(ce_incident_create(&id, db, &s));
}

int64_t risk(int64_t agreement, int64_t project, int64_t placement, ce_risk_kind kind,
             const char *title, int likelihood, int impact, int64_t owner_partner, ce_date on,
             ce_risk_status status)
{
	ce_risk_spec s = CE_RISK_SPEC_INIT;
	int64_t id;
	s.agreement = agreement;
	s.project = project;
	s.placement = placement;
	s.kind = kind;
	s.title = title;
	s.likelihood = likelihood;
	s.impact = impact;
	s.owner_partner = owner_partner;
	s.identified_on = on;
	ck_ok(ce_risk_create(&id, db, &s));
	if (status && status != CE_RISK_STATUS_OPEN)
		ck_ok(ce_risk_set_status(db, id, status, on + 100)); /* YYYYMMDD: a month on */
	return id;
}

void feedback(int64_t placement, ce_feedback_direction dir, ce_date on)
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
int64_t outcome(ce_outcome_kind kind, const char *title, ce_date on, ...)
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

void attribute(int64_t outcome, int64_t subtopic, int64_t project, int64_t partner)
{
	ce_outcome_attribution_spec s = CE_OUTCOME_ATTRIBUTION_SPEC_INIT;
	int64_t id;
	s.outcome = outcome;
	s.subtopic = subtopic;
	s.project = project;
	s.partner = partner;
	ck_ok(ce_outcome_attribution_create(&id, db, &s));
}

void background(int64_t outcome)
{
	ce_outcome *r;
	ck_ok(ce_outcome_lookup(&r, db, outcome));
	ce_outcome_spec s = *ce_outcome_fields(r);
	s.background = 1;
	ck_ok(ce_outcome_update(db, outcome, &s));
	ce_outcome_free(r);
}

void graduate(int64_t student, ce_date on)
{
	ck_ok(ce_student_set_status(db, student, CE_STUDENT_STATUS_GRADUATED, on));
}

void contributor(int64_t outcome, int64_t position, int64_t student, int64_t supervisor)
{
	ce_outcome_contributor_spec s = CE_OUTCOME_CONTRIBUTOR_SPEC_INIT;
	int64_t id;
	s.outcome = outcome;
	s.position = position;
	s.student = student;
	s.supervisor = supervisor;
	ck_ok(ce_outcome_contributor_create(&id, db, &s));
}

void derive(int64_t outcome, int64_t from_subtopic, int64_t from_outcome)
{
	ce_outcome_derivation_spec s = CE_OUTCOME_DERIVATION_SPEC_INIT;
	int64_t id;
	s.outcome = outcome;
	s.from_subtopic = from_subtopic;
	s.from_outcome = from_outcome;
	ck_ok(ce_outcome_derivation_create(&id, db, &s));
}

void destination(int64_t student, ce_date on, int64_t employer, const char *employer_name,
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
