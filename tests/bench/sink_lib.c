/* The library sink: every generated record goes through the typed public
 * API (ce_<noun>_create), every lifecycle move through ce_<noun>_set_*(),
 * with all of the library's validation. */
#include <stdio.h>
#include <string.h>

#include "bench.h"

static int lib_create(bench_sink *s, ce_entity e, const void *spec, int64_t *id)
{
	ce_db *db = s->ctx;
	int rc;
	switch (e) {
#define C(ENT, noun)                                                \
	case CE_ENTITY_##ENT:                                           \
		rc = ce_##noun##_create(id, db, (const ce_##noun##_spec *)spec); \
		break;
		C(PARTNER, partner)
		C(AGREEMENT, agreement)
		C(AGREEMENT_PARTY, agreement_party)
		C(PLATFORM, platform)
		C(PLATFORM_HOST, platform_host)
		C(PROJECT, project)
		C(PROJECT_PARTNER, project_partner)
		C(SUBTOPIC, subtopic)
		C(SUBTOPIC_IO, subtopic_io)
		C(SUBTOPIC_DEPENDENCY, subtopic_dependency)
		C(MILESTONE, milestone)
		C(BUDGET_LINE, budget_line)
		C(SUBTOPIC_ASSIGNMENT, subtopic_assignment)
		C(SUPERVISOR, supervisor)
		C(TEAM, team)
		C(TEAM_MEMBER, team_member)
		C(TEAM_MEETING, team_meeting)
		C(STUDENT, student)
		C(SUPERVISION, supervision)
		C(GUIDANCE_SESSION, guidance_session)
		C(GUIDANCE_ATTENDEE, guidance_attendee)
		C(EVALUATION, evaluation)
		C(PROGRESS_REPORT, progress_report)
		C(PLACEMENT, placement)
		C(INCIDENT, incident)
		C(FEEDBACK, feedback)
		C(OUTCOME, outcome)
		C(OUTCOME_CONTRIBUTOR, outcome_contributor)
		C(OUTCOME_ATTRIBUTION, outcome_attribution)
		C(OUTCOME_DERIVATION, outcome_derivation)
		C(DESTINATION, destination)
		C(RISK, risk)
		C(SURVEY_INSTRUMENT, survey_instrument)
		C(SURVEY_ITEM, survey_item)
		C(SURVEY_OPTION, survey_option)
		C(SURVEY_ROUND, survey_round)
		C(SURVEY_RESPONSE, survey_response)
		C(SURVEY_ANSWER, survey_answer)
#undef C
	default:
		fprintf(stderr, "bench: no create for entity %d\n", (int)e);
		return 1;
	}
	if (rc != CE_OK)
		fprintf(stderr, "bench: create %s: %s (%s)\n", ce_entity_name(e), ce_strerror(rc),
		        ce_db_errmsg(db));
	return rc != CE_OK;
}

static int lib_transition(bench_sink *s, ce_entity e, int64_t id, const char *column, int from,
                          int to, ce_date on)
{
	ce_db *db = s->ctx;
	int rc;
	(void)from; /* the library knows where the record is */
	switch (e) {
	case CE_ENTITY_AGREEMENT: rc = ce_agreement_set_status(db, id, (ce_agreement_status)to, on); break;
	case CE_ENTITY_PROJECT:
		rc = strcmp(column, "stage") == 0 ? ce_project_set_stage(db, id, (ce_project_stage)to, on)
		                                  : ce_project_set_status(db, id, (ce_project_status)to, on);
		break;
	case CE_ENTITY_SUBTOPIC: rc = ce_subtopic_set_status(db, id, (ce_subtopic_status)to, on); break;
	case CE_ENTITY_STUDENT: rc = ce_student_set_status(db, id, (ce_student_status)to, on); break;
	case CE_ENTITY_PLACEMENT: rc = ce_placement_set_status(db, id, (ce_placement_status)to, on); break;
	case CE_ENTITY_OUTCOME: rc = ce_outcome_set_status(db, id, (ce_outcome_status)to, on); break;
	case CE_ENTITY_RISK: rc = ce_risk_set_status(db, id, (ce_risk_status)to, on); break;
	default:
		fprintf(stderr, "bench: no transition for entity %d\n", (int)e);
		return 1;
	}
	if (rc != CE_OK)
		fprintf(stderr, "bench: %s %lld %s -> %d: %s (%s)\n", ce_entity_name(e), (long long)id,
		        column, to, ce_strerror(rc), ce_db_errmsg(db));
	return rc != CE_OK;
}

void bench_lib_sink(bench_sink *s, ce_db *db)
{
	s->create = lib_create;
	s->transition = lib_transition;
	s->ctx = db;
}
