/* Who may do what: the role matrix as data, the sets of records each kind
 * of actor reaches, how an actor is found, and what an analyst sees of a
 * student. lib/core/access.c enforces it on every call; the README prints
 * the matrix (tests/unit/test_access_matrix.c keeps the two in step), and
 * tests/conformance/t_roles.c checks every cell on every backend.
 *
 * Grants per table, in the order read, create, update, delete, move
 * (lifecycle transition): '-' nothing, 's' the records in the actor's
 * scope, 'a' every record. admin and office may do everything; an
 * analyst reads everything and writes nothing. Surveys: the office runs
 * them and imports what comes back; the other roles read the
 * questionnaires and rounds, never the responses (not even their own: a
 * response is confidential to the office, which reports only aggregates). */
#include <stdio.h>
#include <string.h>

#include "columns.h"

enum {
	S_ME = CE_SET_ME, /* the actor's own record: a supervisor or a student */
	S_STUDENTS,       /* the students they supervise, mentor or are */
	S_PLACEMENTS,     /* placements they supervise, mentor or are placed in */
	S_PROJECTS,       /* projects they lead, or whose subtopics they work on */
	S_SUBTOPICS,      /* subtopics of those projects, or assigned to them */
	S_SESSIONS,       /* guidance sessions they attended */
	S_TEAMS,          /* teams they belong to */
	S_OUTCOMES,       /* outcomes they contributed to, or of their projects */
	S_PARTNER,        /* a mentor's own partner */
	S_SUPERVISORS,    /* themselves and the other supervisors of their students */
	S_MEETINGS,       /* meetings of the teams they belong to */
	NSETS
};

#define T(col, set) { col, set }
#define END { NULL, -1 }

/* ---- academic supervisors -------------------------------------------------------- */

static const ce_set_source academic_sets[] = {
	{ S_STUDENTS, CE_ENTITY_SUPERVISION, "student", "supervisor", S_ME },
	{ S_STUDENTS, CE_ENTITY_PLACEMENT, "student", "academic_supervisor", S_ME },
	{ S_PLACEMENTS, CE_ENTITY_PLACEMENT, NULL, "student", S_STUDENTS },
	{ S_PROJECTS, CE_ENTITY_PROJECT, NULL, "principal_investigator", S_ME },
	{ S_SUBTOPICS, CE_ENTITY_SUBTOPIC, NULL, "project", S_PROJECTS },
	{ S_SUBTOPICS, CE_ENTITY_SUBTOPIC_ASSIGNMENT, "subtopic", "student", S_STUDENTS },
	{ S_SESSIONS, CE_ENTITY_GUIDANCE_ATTENDEE, "session", "supervisor", S_ME },
	{ S_TEAMS, CE_ENTITY_TEAM_MEMBER, "team", "supervisor", S_ME },
	{ S_MEETINGS, CE_ENTITY_TEAM_MEETING, NULL, "team", S_TEAMS },
	{ S_OUTCOMES, CE_ENTITY_OUTCOME_CONTRIBUTOR, "outcome", "supervisor", S_ME },
	{ S_OUTCOMES, CE_ENTITY_OUTCOME_ATTRIBUTION, "outcome", "project", S_PROJECTS },
	{ S_SUPERVISORS, CE_ENTITY_SUPERVISOR, NULL, "id", S_ME },
	{ S_SUPERVISORS, CE_ENTITY_SUPERVISION, "supervisor", "student", S_STUDENTS },
	{ S_SUPERVISORS, CE_ENTITY_PLACEMENT, "mentor", "student", S_STUDENTS },
	{ 0, 0, NULL, NULL, 0 },
};

/* ---- enterprise mentors ----------------------------------------------------------- */

static const ce_set_source mentor_sets[] = {
	{ S_PLACEMENTS, CE_ENTITY_PLACEMENT, NULL, "mentor", S_ME },
	{ S_STUDENTS, CE_ENTITY_PLACEMENT, "student", "mentor", S_ME },
	{ S_SESSIONS, CE_ENTITY_GUIDANCE_ATTENDEE, "session", "supervisor", S_ME },
	{ S_TEAMS, CE_ENTITY_TEAM_MEMBER, "team", "supervisor", S_ME },
	{ S_MEETINGS, CE_ENTITY_TEAM_MEETING, NULL, "team", S_TEAMS },
	{ S_PARTNER, CE_ENTITY_SUPERVISOR, "affiliation", "id", S_ME },
	{ S_SUPERVISORS, CE_ENTITY_SUPERVISOR, NULL, "id", S_ME },
	{ S_SUPERVISORS, CE_ENTITY_PLACEMENT, "academic_supervisor", "mentor", S_ME },
	{ 0, 0, NULL, NULL, 0 },
};

/* ---- students ------------------------------------------------------------------------ */

static const ce_set_source student_sets[] = {
	{ S_STUDENTS, CE_ENTITY_STUDENT, NULL, "id", S_ME },
	{ S_PLACEMENTS, CE_ENTITY_PLACEMENT, NULL, "student", S_ME },
	{ S_SUBTOPICS, CE_ENTITY_SUBTOPIC_ASSIGNMENT, "subtopic", "student", S_ME },
	{ S_PROJECTS, CE_ENTITY_SUBTOPIC, "project", "id", S_SUBTOPICS },
	{ S_SESSIONS, CE_ENTITY_GUIDANCE_ATTENDEE, "session", "student", S_ME },
	{ S_TEAMS, CE_ENTITY_TEAM_MEMBER, "team", "student", S_ME },
	{ S_MEETINGS, CE_ENTITY_TEAM_MEETING, NULL, "team", S_TEAMS },
	{ S_OUTCOMES, CE_ENTITY_OUTCOME_CONTRIBUTOR, "outcome", "student", S_ME },
	{ S_SUPERVISORS, CE_ENTITY_SUPERVISION, "supervisor", "student", S_ME },
	{ S_SUPERVISORS, CE_ENTITY_PLACEMENT, "mentor", "student", S_ME },
	{ S_SUPERVISORS, CE_ENTITY_PLACEMENT, "academic_supervisor", "student", S_ME },
	{ 0, 0, NULL, NULL, 0 },
};

/* ---- scopes, shared by the roles (a set a role does not fill is empty) ---------------- */

static const ce_scope_term by_id_partner[] = { T(NULL, S_PARTNER), END };
static const ce_scope_term by_id_project[] = { T(NULL, S_PROJECTS), END };
static const ce_scope_term by_project[] = { T("project", S_PROJECTS), END };
static const ce_scope_term by_id_subtopic[] = { T(NULL, S_SUBTOPICS), END };
static const ce_scope_term by_subtopic[] = { T("subtopic", S_SUBTOPICS), END };
static const ce_scope_term by_assignment[] = { T("student", S_STUDENTS), T("subtopic", S_SUBTOPICS), END };
static const ce_scope_term by_id_supervisor[] = { T(NULL, S_SUPERVISORS), END };
static const ce_scope_term by_me[] = { T(NULL, S_ME), END };
static const ce_scope_term by_id_team[] = { T(NULL, S_TEAMS), END };
static const ce_scope_term by_team[] = { T("team", S_TEAMS), END };
static const ce_scope_term by_meeting[] = { T("meeting", S_MEETINGS), END };
static const ce_scope_term by_id_student[] = { T(NULL, S_STUDENTS), END };
static const ce_scope_term by_student[] = { T("student", S_STUDENTS), END };
static const ce_scope_term by_id_session[] = { T(NULL, S_SESSIONS), END };
/* an attendee row of one of my sessions, or me attending a new one */
static const ce_scope_term by_session[] = { T("session", S_SESSIONS), T("supervisor", S_ME), END };
static const ce_scope_term by_supervisor_me[] = { T("supervisor", S_ME), END };
static const ce_scope_term by_id_placement[] = { T(NULL, S_PLACEMENTS), END };
static const ce_scope_term by_placement[] = { T("placement", S_PLACEMENTS), END };
static const ce_scope_term by_id_outcome[] = { T(NULL, S_OUTCOMES), END };
static const ce_scope_term by_outcome[] = { T("outcome", S_OUTCOMES), END };
static const ce_scope_term by_student_me[] = { T("student", S_ME), END };
/* a risk to one of my projects or placements (an agreement's: the office's) */
static const ce_scope_term by_risk_subject[] = { T("project", S_PROJECTS), T("placement", S_PLACEMENTS), END };

/*                                              r c u d m */
static const ce_access_rule academic_rules[] = {
	{ CE_ENTITY_PARTNER, "a----", NULL },
	{ CE_ENTITY_AGREEMENT, "a----", NULL },
	{ CE_ENTITY_AGREEMENT_PARTY, "a----", NULL },
	{ CE_ENTITY_PLATFORM, "a----", NULL },
	{ CE_ENTITY_PLATFORM_HOST, "a----", NULL },
	{ CE_ENTITY_PROJECT, "s-s-s", by_id_project },
	{ CE_ENTITY_PROJECT_PARTNER, "s----", by_project },
	{ CE_ENTITY_SUBTOPIC, "s-s-s", by_id_subtopic },
	{ CE_ENTITY_SUBTOPIC_IO, "sssss", by_subtopic },
	{ CE_ENTITY_SUBTOPIC_DEPENDENCY, "sss-s", by_subtopic },
	{ CE_ENTITY_MILESTONE, "ssss-", by_subtopic },
	{ CE_ENTITY_BUDGET_LINE, "ssss-", by_subtopic },
	{ CE_ENTITY_SUBTOPIC_ASSIGNMENT, "ssss-", by_assignment },
	{ CE_ENTITY_SUPERVISOR, "s----", by_id_supervisor },
	{ CE_ENTITY_TEAM, "s----", by_id_team },
	{ CE_ENTITY_TEAM_MEMBER, "s----", by_team },
	{ CE_ENTITY_TEAM_MEETING, "ssss-", by_team },
	{ CE_ENTITY_TEAM_MEETING_ATTENDEE, "ssss-", by_meeting },
	{ CE_ENTITY_STUDENT, "s----", by_id_student },
	{ CE_ENTITY_SUPERVISION, "s----", by_student },
	{ CE_ENTITY_GUIDANCE_SESSION, "sass-", by_id_session },
	{ CE_ENTITY_GUIDANCE_ATTENDEE, "ssss-", by_session },
	{ CE_ENTITY_EVALUATION, "s----", by_supervisor_me },
	{ CE_ENTITY_PROGRESS_REPORT, "s----", by_student },
	{ CE_ENTITY_PLACEMENT, "s----", by_id_placement },
	{ CE_ENTITY_INCIDENT, "s----", by_placement },
	{ CE_ENTITY_FEEDBACK, "s----", by_placement },
	{ CE_ENTITY_OUTCOME, "s----", by_id_outcome },
	{ CE_ENTITY_OUTCOME_CONTRIBUTOR, "s----", by_outcome },
	{ CE_ENTITY_OUTCOME_ATTRIBUTION, "s----", by_outcome },
	{ CE_ENTITY_OUTCOME_DERIVATION, "s----", by_outcome },
	{ CE_ENTITY_DESTINATION, "s----", by_student },
	{ CE_ENTITY_RISK, "s----", by_risk_subject },
	{ CE_ENTITY_SURVEY_INSTRUMENT, "a----", NULL },
	{ CE_ENTITY_SURVEY_ITEM, "a----", NULL },
	{ CE_ENTITY_SURVEY_OPTION, "a----", NULL },
	{ CE_ENTITY_SURVEY_ROUND, "a----", NULL },
	{ CE_ENTITY_TRAINING_COURSE, "a----", NULL },
	{ CE_ENTITY_PLATFORM_EQUIPMENT, "a----", NULL },
	{ CE_ENTITY_PLATFORM_FUNDING, "a----", NULL },
	{ CE_ENTITY_AGREEMENT_SHARE, "a----", NULL },
	{ CE_ENTITY_OUTCOME_OWNER, "s----", by_outcome },
	{ CE_ENTITY_TRAINING_ENROLMENT, "s----", by_student },
	{ 0, NULL, NULL },
};

static const ce_access_rule mentor_rules[] = {
	{ CE_ENTITY_PARTNER, "a-s--", by_id_partner },
	{ CE_ENTITY_AGREEMENT, "a----", NULL },
	{ CE_ENTITY_AGREEMENT_PARTY, "a----", NULL },
	{ CE_ENTITY_PLATFORM, "a----", NULL },
	{ CE_ENTITY_PLATFORM_HOST, "a----", NULL },
	{ CE_ENTITY_SUPERVISOR, "s----", by_id_supervisor },
	{ CE_ENTITY_TEAM, "s----", by_id_team },
	{ CE_ENTITY_TEAM_MEMBER, "s----", by_team },
	{ CE_ENTITY_TEAM_MEETING, "s----", by_team },
	{ CE_ENTITY_TEAM_MEETING_ATTENDEE, "s----", by_meeting },
	{ CE_ENTITY_STUDENT, "s----", by_id_student },
	{ CE_ENTITY_GUIDANCE_SESSION, "sass-", by_id_session },
	{ CE_ENTITY_GUIDANCE_ATTENDEE, "ssss-", by_session },
	{ CE_ENTITY_EVALUATION, "s----", by_supervisor_me },
	{ CE_ENTITY_PLACEMENT, "s-s-s", by_id_placement },
	{ CE_ENTITY_INCIDENT, "ssss-", by_placement },
	{ CE_ENTITY_FEEDBACK, "ssss-", by_placement },
	{ CE_ENTITY_RISK, "s----", by_risk_subject },
	{ CE_ENTITY_SURVEY_INSTRUMENT, "a----", NULL },
	{ CE_ENTITY_SURVEY_ITEM, "a----", NULL },
	{ CE_ENTITY_SURVEY_OPTION, "a----", NULL },
	{ CE_ENTITY_SURVEY_ROUND, "a----", NULL },
	{ CE_ENTITY_TRAINING_COURSE, "a----", NULL },
	{ CE_ENTITY_PLATFORM_EQUIPMENT, "a----", NULL },
	{ CE_ENTITY_PLATFORM_FUNDING, "a----", NULL },
	{ CE_ENTITY_AGREEMENT_SHARE, "a----", NULL },
	{ CE_ENTITY_TRAINING_ENROLMENT, "s----", by_student },
	{ 0, NULL, NULL },
};

static const ce_access_rule student_rules[] = {
	{ CE_ENTITY_PARTNER, "a----", NULL },
	{ CE_ENTITY_AGREEMENT, "a----", NULL },
	{ CE_ENTITY_AGREEMENT_PARTY, "a----", NULL },
	{ CE_ENTITY_PLATFORM, "a----", NULL },
	{ CE_ENTITY_PLATFORM_HOST, "a----", NULL },
	{ CE_ENTITY_PROJECT, "s----", by_id_project },
	{ CE_ENTITY_SUBTOPIC, "s----", by_id_subtopic },
	{ CE_ENTITY_SUBTOPIC_IO, "s----", by_subtopic },
	{ CE_ENTITY_MILESTONE, "s----", by_subtopic },
	{ CE_ENTITY_SUBTOPIC_ASSIGNMENT, "s----", by_student_me },
	{ CE_ENTITY_SUPERVISOR, "s----", by_id_supervisor },
	{ CE_ENTITY_TEAM, "s----", by_id_team },
	{ CE_ENTITY_TEAM_MEMBER, "s----", by_team },
	{ CE_ENTITY_TEAM_MEETING, "s----", by_team },
	{ CE_ENTITY_TEAM_MEETING_ATTENDEE, "s----", by_meeting },
	{ CE_ENTITY_STUDENT, "s----", by_me },
	{ CE_ENTITY_SUPERVISION, "s----", by_student_me },
	{ CE_ENTITY_GUIDANCE_SESSION, "s----", by_id_session },
	{ CE_ENTITY_GUIDANCE_ATTENDEE, "s----", by_session },
	{ CE_ENTITY_PROGRESS_REPORT, "sss--", by_student_me },
	{ CE_ENTITY_PLACEMENT, "s----", by_id_placement },
	{ CE_ENTITY_INCIDENT, "s----", by_placement },
	{ CE_ENTITY_FEEDBACK, "s----", by_placement },
	{ CE_ENTITY_OUTCOME, "s----", by_id_outcome },
	{ CE_ENTITY_OUTCOME_CONTRIBUTOR, "s----", by_outcome },
	{ CE_ENTITY_DESTINATION, "s----", by_student_me },
	{ CE_ENTITY_SURVEY_INSTRUMENT, "a----", NULL },
	{ CE_ENTITY_SURVEY_ITEM, "a----", NULL },
	{ CE_ENTITY_SURVEY_OPTION, "a----", NULL },
	{ CE_ENTITY_SURVEY_ROUND, "a----", NULL },
	{ CE_ENTITY_TRAINING_COURSE, "a----", NULL },
	{ CE_ENTITY_PLATFORM_EQUIPMENT, "a----", NULL },
	{ CE_ENTITY_PLATFORM_FUNDING, "a----", NULL },
	{ CE_ENTITY_AGREEMENT_SHARE, "a----", NULL },
	{ CE_ENTITY_TRAINING_ENROLMENT, "s----", by_student_me },
	{ 0, NULL, NULL },
};

/* read everything, write nothing */
#define READ_ALL(e) { e, "a----", NULL }
static const ce_access_rule analyst_rules[] = {
	READ_ALL(CE_ENTITY_PARTNER), READ_ALL(CE_ENTITY_AGREEMENT), READ_ALL(CE_ENTITY_AGREEMENT_PARTY),
	READ_ALL(CE_ENTITY_PLATFORM), READ_ALL(CE_ENTITY_PLATFORM_HOST), READ_ALL(CE_ENTITY_PROJECT),
	READ_ALL(CE_ENTITY_PROJECT_PARTNER), READ_ALL(CE_ENTITY_SUBTOPIC), READ_ALL(CE_ENTITY_SUBTOPIC_IO),
	READ_ALL(CE_ENTITY_SUBTOPIC_DEPENDENCY), READ_ALL(CE_ENTITY_MILESTONE),
	READ_ALL(CE_ENTITY_BUDGET_LINE), READ_ALL(CE_ENTITY_SUBTOPIC_ASSIGNMENT),
	READ_ALL(CE_ENTITY_SUPERVISOR), READ_ALL(CE_ENTITY_TEAM), READ_ALL(CE_ENTITY_TEAM_MEMBER),
	READ_ALL(CE_ENTITY_TEAM_MEETING), READ_ALL(CE_ENTITY_STUDENT), READ_ALL(CE_ENTITY_SUPERVISION),
	READ_ALL(CE_ENTITY_GUIDANCE_SESSION), READ_ALL(CE_ENTITY_GUIDANCE_ATTENDEE),
	READ_ALL(CE_ENTITY_EVALUATION), READ_ALL(CE_ENTITY_PROGRESS_REPORT), READ_ALL(CE_ENTITY_PLACEMENT),
	READ_ALL(CE_ENTITY_INCIDENT), READ_ALL(CE_ENTITY_FEEDBACK), READ_ALL(CE_ENTITY_OUTCOME),
	READ_ALL(CE_ENTITY_OUTCOME_CONTRIBUTOR), READ_ALL(CE_ENTITY_OUTCOME_ATTRIBUTION),
	READ_ALL(CE_ENTITY_OUTCOME_DERIVATION), READ_ALL(CE_ENTITY_DESTINATION), READ_ALL(CE_ENTITY_RISK),
	READ_ALL(CE_ENTITY_SURVEY_INSTRUMENT), READ_ALL(CE_ENTITY_SURVEY_ITEM),
	READ_ALL(CE_ENTITY_SURVEY_OPTION), READ_ALL(CE_ENTITY_SURVEY_ROUND),
	READ_ALL(CE_ENTITY_SURVEY_RESPONSE), READ_ALL(CE_ENTITY_SURVEY_ANSWER),
	READ_ALL(CE_ENTITY_TRAINING_COURSE), READ_ALL(CE_ENTITY_TRAINING_ENROLMENT),
	READ_ALL(CE_ENTITY_PLATFORM_EQUIPMENT), READ_ALL(CE_ENTITY_PLATFORM_FUNDING),
	READ_ALL(CE_ENTITY_AGREEMENT_SHARE), READ_ALL(CE_ENTITY_OUTCOME_OWNER),
	READ_ALL(CE_ENTITY_TEAM_MEETING_ATTENDEE),
	{ 0, NULL, NULL },
};

static const ce_access_rule *rules_of(ce_role role)
{
	switch (role) {
	case CE_ROLE_ACADEMIC: return academic_rules;
	case CE_ROLE_MENTOR: return mentor_rules;
	case CE_ROLE_STUDENT: return student_rules;
	case CE_ROLE_ANALYST: return analyst_rules;
	default: return NULL; /* none, admin, office: everything */
	}
}

static const ce_set_source *sets_of(ce_role role)
{
	switch (role) {
	case CE_ROLE_ACADEMIC: return academic_sets;
	case CE_ROLE_MENTOR: return mentor_sets;
	case CE_ROLE_STUDENT: return student_sets;
	default: return NULL;
	}
}

/* A supervisor of the kind the role needs, or a student, by natural key. */
static int bind(ce_db *db, ce_role role, const char *actor, int64_t *actor_id)
{
	const ce_table_def *t = NULL;
	const char *key = NULL;
	*actor_id = 0;
	if (role == CE_ROLE_ACADEMIC || role == CE_ROLE_MENTOR) {
		t = ce__entity_table(CE_ENTITY_SUPERVISOR);
		key = "staff_number";
	} else if (role == CE_ROLE_STUDENT) {
		t = ce__entity_table(CE_ENTITY_STUDENT);
		key = "number";
	} else {
		return CE_OK; /* a free name */
	}
	ce_condition cond = { .op = CE_COND_EQ, .column = ce__column_by_name(t, key),
		                  .low = { .s = actor } };
	ce_query q = { 1, &cond };
	int rc = ce__store_find(actor_id, db, t, &q);
	if (rc == CE_ENOTFOUND)
		return ce__fail(db, CE_EINVALID, "open_options.actor: no %s with %s '%.*s' for the %s role",
		                t->name, key, ce__clip(actor, 60), actor, ce_role_name(role));
	if (rc != CE_OK || role == CE_ROLE_STUDENT)
		return rc;
	ce_value row[CE_MAX_COLUMNS];
	if ((rc = ce__store_fetch(db, t, *actor_id, row)) != CE_OK)
		return rc;
	int kind = ce__column_by_name(t, "kind");
	ce_supervisor_kind want = role == CE_ROLE_ACADEMIC ? CE_SUPERVISOR_ACADEMIC : CE_SUPERVISOR_ENTERPRISE;
	if (row[kind].i != want)
		return ce__fail(db, CE_EINVALID, "open_options.actor: supervisor '%.*s' is not an %s supervisor, "
		                "as the %s role needs", ce__clip(actor, 60), actor,
		                want == CE_SUPERVISOR_ACADEMIC ? "academic" : "enterprise", ce_role_name(role));
	return CE_OK;
}

/* An analyst sees a student as a pseudonym stable within the store (its
 * id), never the name or number. */
static void pseudonymise(const ce_table_def *t, int64_t id, ce_value *row,
                         char (*buf)[CE_PSEUDONYM_BUF])
{
	if (t->index != CE_ENTITY_STUDENT)
		return;
	int number = ce__column_by_name(t, "number"), name = ce__column_by_name(t, "name");
	snprintf(buf[number], CE_PSEUDONYM_BUF, "S%06lld", (long long)id);
	snprintf(buf[name], CE_PSEUDONYM_BUF, "学生%lld", (long long)id);
	row[number] = (ce_value){ .s = buf[number] };
	row[name] = (ce_value){ .s = buf[name] };
}

const ce_policy ce__policy = {
	.nsets = NSETS,
	.rules = rules_of,
	.sets = sets_of,
	.bind = bind,
	.pseudonymise = pseudonymise,
	.audit_table = CE_TABLE_AUDIT,
};
