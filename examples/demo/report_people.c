/* Report sections on people: placements with their incidents and
 * feedback, first destinations, and the dual-supervision finding. */
#include <stdio.h>

#include "report.h"

static void print_incidents(case_ctx *d, int64_t placement)
{
	ce_filter *f = demo_where(d, "placement", placement, NULL, 0);
	ce_incident_iter *it = NULL;
	ce_incident *inc = NULL;

	CASE_TRY(d, ce_incident_iter_new(&it, d->db, f), "incidents");
	while (CASE_NEXT(d, ce_incident_iter_next(&inc, it), "incidents")) {
		const ce_incident_spec *s = ce_incident_fields(inc);
		printf("      incident %s %s: %s\n", demo_day(d, s->occurred_on),
		       demo_token(d, CE_ENTITY_INCIDENT, "kind", s->kind), s->description ? s->description : "");
		ce_incident_free(inc);
	}
	ce_incident_iter_free(it);
	ce_filter_free(f);
}

void demo_report_placements(case_ctx *d)
{
	ce_placement_iter *it = NULL;
	ce_placement *p = NULL;

	printf("\nPlacements (feedback: enterprise->school, school->enterprise, student->school)\n");
	CASE_TRY(d, ce_placement_iter_new(&it, d->db, NULL), "placements");
	while (CASE_NEXT(d, ce_placement_iter_next(&p, it), "placements")) {
		const ce_placement_spec *s = ce_placement_fields(p);
		int64_t id = ce_placement_id(p);
		printf("  %s..%-10s %-11s incidents %lld, feedback %lld/%lld/%lld  %s at %s%s%s\n",
		       demo_day(d, s->start_date), demo_day(d, s->end_date),
		       demo_token(d, CE_ENTITY_PLACEMENT, "status", s->status),
		       (long long)demo_count(d, CE_ENTITY_INCIDENT, "placement", id, NULL, 0),
		       (long long)demo_count(d, CE_ENTITY_FEEDBACK, "placement", id, "direction",
		                             CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL),
		       (long long)demo_count(d, CE_ENTITY_FEEDBACK, "placement", id, "direction",
		                             CE_FEEDBACK_DIRECTION_SCHOOL_TO_ENTERPRISE),
		       (long long)demo_count(d, CE_ENTITY_FEEDBACK, "placement", id, "direction",
		                             CE_FEEDBACK_DIRECTION_STUDENT_TO_SCHOOL),
		       demo_text(d, CE_ENTITY_STUDENT, s->student, "name"),
		       demo_text(d, CE_ENTITY_PARTNER, s->host, "name"), s->platform ? ", " : "",
		       demo_text(d, CE_ENTITY_PLATFORM, s->platform, "name"));
		print_incidents(d, id);
		ce_placement_free(p);
	}
	ce_placement_iter_free(it);
}

void demo_report_destinations(case_ctx *d)
{
	ce_destination_iter *it = NULL;
	ce_destination *dst = NULL;

	printf("\nFirst destinations\n");
	CASE_TRY(d, ce_destination_iter_new(&it, d->db, NULL), "destinations");
	while (CASE_NEXT(d, ce_destination_iter_next(&dst, it), "destinations")) {
		const ce_destination_spec *s = ce_destination_fields(dst);
		printf("  %s  %-23s %-18s %s -> %s%s%s%s\n", demo_day(d, s->started_on),
		       demo_token(d, CE_ENTITY_DESTINATION, "sector", s->sector),
		       demo_token(d, CE_ENTITY_DESTINATION, "position_level", s->position_level),
		       demo_text(d, CE_ENTITY_STUDENT, s->student, "name"),
		       s->employer ? demo_text(d, CE_ENTITY_PARTNER, s->employer, "name")
		                   : (s->employer_name ? s->employer_name : "?"),
		       s->employer ? " (a partner)" : "", s->position ? ", " : "",
		       s->position ? s->position : "");
		ce_destination_free(dst);
	}
	ce_destination_iter_free(it);
}

/* Graduate students on a subtopic who lack an academic main supervisor or
 * an enterprise supervisor: reported, never refused. */
void demo_report_findings(case_ctx *d)
{
	ce_subtopic_assignment_iter *it = NULL;
	ce_subtopic_assignment *a = NULL;
	int lacking = 0;

	printf("\nDual supervision (graduates on a project subtopic)\n");
	CASE_TRY(d, ce_subtopic_assignment_iter_new(&it, d->db, NULL), "assignments");
	while (CASE_NEXT(d, ce_subtopic_assignment_iter_next(&a, it), "assignments")) {
		int64_t student = ce_subtopic_assignment_fields(a)->student;
		int64_t main = demo_count(d, CE_ENTITY_SUPERVISION, "student", student, "role",
		                          CE_SUPERVISION_ROLE_MAIN);
		int64_t enterprise = demo_count(d, CE_ENTITY_SUPERVISION, "student", student, "role",
		                                CE_SUPERVISION_ROLE_ENTERPRISE);
		if (!main || !enterprise) {
			printf("  %s lacks %s\n", demo_text(d, CE_ENTITY_STUDENT, student, "name"),
			       !main && !enterprise ? "both an academic main and an enterprise supervisor"
			       : !main              ? "an academic main supervisor"
			                            : "an enterprise supervisor");
			lacking++;
		}
		ce_subtopic_assignment_free(a);
	}
	if (!lacking && d->rc == CE_OK)
		printf("  every one has an academic main and an enterprise supervisor\n");
	ce_subtopic_assignment_iter_free(it);
}
