/* The report: what the store holds, read back through the API (filters,
 * iterators, histories), section by section. */
#include <stdio.h>

#include "report.h"

void demo_report_counts(case_ctx *d)
{
	const int rows = (CE_ENTITY_LAST + 1) / 2;

	printf("\nRecords stored\n");
	/* Two columns: entity i beside entity i + rows. */
	for (int i = 1; i <= rows && d->rc == CE_OK; i++) {
		ce_entity left = (ce_entity)i, right = (ce_entity)(i + rows);
		printf("  %-22s %4lld", ce_entity_name(left),
		       (long long)demo_count(d, left, NULL, 0, NULL, 0));
		if (right <= CE_ENTITY_LAST)
			printf("      %-22s %4lld", ce_entity_name(right),
			       (long long)demo_count(d, right, NULL, 0, NULL, 0));
		printf("\n");
	}
}

/* "山东某航空材料有限公司 (lead, host), 山东某理工大学 (co_applicant), ...":
 * a project's partners, each with its roles. */
static void print_project_partners(case_ctx *d, int64_t project)
{
	ce_filter *f = demo_where(d, "project", project, NULL, 0);
	ce_project_partner_iter *it = NULL;
	ce_project_partner *pp = NULL;
	int64_t last = 0;

	CASE_TRY(d, ce_project_partner_iter_new(&it, d->db, f), "project partners");
	while (CASE_NEXT(d, ce_project_partner_iter_next(&pp, it), "project partners")) {
		const ce_project_partner_spec *s = ce_project_partner_fields(pp);
		const char *role = demo_token(d, CE_ENTITY_PROJECT_PARTNER, "role", s->role);
		/* Roles of one partner are stored together; join them. */
		if (s->partner == last)
			printf(", %s", role);
		else
			printf("%s%s (%s", last ? "), " : "", demo_text(d, CE_ENTITY_PARTNER, s->partner, "name"),
			       role);
		last = s->partner;
		ce_project_partner_free(pp);
	}
	printf("%s\n", last ? ")" : "none");
	ce_project_partner_iter_free(it);
	ce_filter_free(f);
}

void demo_report_projects(case_ctx *d)
{
	ce_project_iter *it = NULL;
	ce_project *p = NULL;

	printf("\nProjects\n");
	CASE_TRY(d, ce_project_iter_new(&it, d->db, NULL), "projects");
	while (CASE_NEXT(d, ce_project_iter_next(&p, it), "projects")) {
		const ce_project_spec *s = ce_project_fields(p);
		int64_t id = ce_project_id(p);
		printf("  %s  %s\n", s->code, s->title);
		printf("    %s; budget %s %s; %s..%s\n", s->funding_scheme ? s->funding_scheme : "-",
		       demo_money(s->budget), s->currency ? s->currency : "", demo_day(d, s->start_date),
		       demo_day(d, s->end_date));
		printf("    principal investigator: %s\n",
		       demo_text(d, CE_ENTITY_SUPERVISOR, s->principal_investigator, "name"));
		printf("    partners: ");
		print_project_partners(d, id);
		printf("    status: ");
		demo_print_history(d, CE_ENTITY_PROJECT, id, "status");
		printf("\n    stage:  ");
		demo_print_history(d, CE_ENTITY_PROJECT, id, "stage");
		printf("\n");
		ce_project_free(p);
	}
	ce_project_iter_free(it);
}

int demo_report(case_ctx *d)
{
	static void (*const sections[])(case_ctx *) = {
		demo_report_counts,     demo_report_projects,   demo_report_subtopics,
		demo_report_outcomes,   demo_report_spin_off,   demo_report_placements,
		demo_report_destinations, demo_report_findings,
	};

	printf("libcoopedu %s demo: the aluminium-alloy worked case (%s backend)\n", ce_version_string(),
	       ce_db_backend(d->db));
	for (size_t i = 0; i < sizeof sections / sizeof sections[0] && d->rc == CE_OK; i++)
		sections[i](d);
	return d->rc;
}
