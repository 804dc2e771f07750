/* The schema: every table in its fixed position. The schema version is
 * what backends store (SQLite user_version); bump it with a migration
 * whenever a table or column changes. */
#include "columns.h"

#define TABLES(X)                                                                     \
	X(partner) X(agreement) X(agreement_party) X(platform) X(platform_host) X(project)  \
	X(project_partner) X(subtopic) X(subtopic_io) X(subtopic_dependency) X(milestone)   \
	X(budget_line) X(subtopic_assignment) X(supervisor) X(team) X(team_member)          \
	X(team_meeting) X(student) X(supervision) X(guidance_session) X(guidance_attendee)  \
	X(evaluation) X(progress_report) X(placement) X(incident) X(feedback) X(outcome)    \
	X(outcome_contributor) X(outcome_attribution) X(outcome_derivation) X(destination)  \
	X(risk) X(survey_instrument) X(survey_item) X(survey_option) X(survey_round)        \
	X(survey_response) X(survey_answer) X(training_course) X(training_enrolment)       \
	X(platform_equipment) X(platform_funding) X(agreement_share) X(outcome_owner)      \
	X(team_meeting_attendee)                                                           \
	X(agreement_status_history) X(project_status_history) X(project_stage_history)      \
	X(subtopic_status_history) X(student_status_history) X(placement_status_history)    \
	X(outcome_status_history) X(risk_status_history) X(audit)

#define DECLARE(name) extern const ce_table_def ce__##name##_table;
TABLES(DECLARE)
#undef DECLARE

#define ENTRY(name) &ce__##name##_table,
static const ce_table_def *const tables[] = { NULL, TABLES(ENTRY) };
#undef ENTRY

_Static_assert(CE_ARRAY_LEN(tables) == CE_TABLE_COUNT, "every table has its place");

/* Version 2 added the audit table; 3 partner.credit_code; 4 project.parent;
 * 5 supervisor.entrepreneurship_experience; 6 wrote the enumeration CHECKs
 * as OR chains and dropped the indexes a UNIQUE constraint leads;
 * 7 the risk register (risk, risk_status_history); 8 the surveys
 * (survey_instrument, _item, _option, _round, _response, _answer); 9
 * training courses and enrolments; 10 platform equipment and funding; 11
 * benefit and IP sharing (agreement_share, outcome_owner); 12 roles and
 * dates on the links (agreement_party, platform_host, project_partner,
 * team_member), project_partner.role 'guide', outcome.background and
 * team_meeting_attendee; 13 PostgreSQL's enumeration CHECKs as one array
 * constant (SQLite's DDL unchanged). */
static const ce_schema schema = { 13, (int)CE_ARRAY_LEN(tables), tables };

const ce_schema *ce_schema_get(void)
{
	return &schema;
}

const ce_table_def *ce__table(int index)
{
	return index > 0 && index < schema.ntables ? tables[index] : NULL;
}

const ce_table_def *ce__entity_table(ce_entity e)
{
	return (int)e >= 1 && (int)e <= CE_ENTITY_LAST ? tables[e] : NULL;
}

/* The core is generic over a schema; this is where it is handed ours. */
ce_result ce_db_open(ce_db **out, const char *uri, const ce_open_options *opts)
{
	return ce__db_open(out, uri, opts, &schema, &ce__policy);
}

/* A fresh record of one of our entities (the core's records fit any schema). */
ce_result ce_record_new(ce_record **out, ce_entity entity)
{
	const ce_table_def *t = ce__entity_table(entity);
	if (!out || !t)
		return ce__fail(NULL, CE_EINVALID, "record_new: NULL out or unknown entity %d", (int)entity);
	if (!(*out = ce__record_alloc(t)))
		return ce__fail(NULL, CE_ENOMEM, "record_new: out of memory");
	return CE_OK;
}
