/* Report sections on the work: the alloy project's subtopics as a supply
 * chain, its outcomes, and the undergraduate spin-off with everything
 * that grew out of it. */
#include <stdio.h>
#include <time.h>

#include "report.h"

#define MAX_SUBTOPICS 64

/* The id of the project with `code`, or 0 (failure recorded). */
static int64_t project_by_code(case_ctx *d, const char *code)
{
	ce_project *p = NULL;
	int64_t id = 0;
	CASE_TRY(d, ce_project_lookup_by_code(&p, d->db, code), code);
	if (p)
		id = ce_project_id(p);
	ce_project_free(p);
	return id;
}

static ce_date today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return 0;
	return CE_DATE(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* "S2" for the subtopic listed second, or "#id" if not listed. */
static const char *label(const int64_t *ids, int n, int64_t id)
{
	static char buf[4][24];
	static unsigned next;
	char *b = buf[next++ % 4];
	int i = 0;
	while (i < n && ids[i] != id)
		i++;
	if (i < n)
		snprintf(b, sizeof buf[0], "S%d", i + 1);
	else
		snprintf(b, sizeof buf[0], "#%lld", (long long)id);
	return b;
}

/* Students assigned to a subtopic: "赵磊 (academic_master, 2014)". */
static void print_students(case_ctx *d, int64_t subtopic)
{
	ce_filter *f = demo_where(d, "subtopic", subtopic, NULL, 0);
	ce_subtopic_assignment_iter *it = NULL;
	ce_subtopic_assignment *a = NULL;
	int n = 0;

	CASE_TRY(d, ce_subtopic_assignment_iter_new(&it, d->db, f), "assignments");
	while (CASE_NEXT(d, ce_subtopic_assignment_iter_next(&a, it), "assignments")) {
		ce_student *s = NULL;
		CASE_TRY(d, ce_student_lookup(&s, d->db, ce_subtopic_assignment_fields(a)->student), "student");
		if (s) {
			const ce_student_spec *sf = ce_student_fields(s);
			printf("%s%s (%s, %lld)", n++ ? ", " : "", sf->name,
			       demo_token(d, CE_ENTITY_STUDENT, "level", sf->level), (long long)sf->cohort);
		}
		ce_student_free(s);
		ce_subtopic_assignment_free(a);
	}
	printf("%s", n ? "" : "none");
	ce_subtopic_assignment_iter_free(it);
	ce_filter_free(f);
}

/* Inputs or outputs of a subtopic, joined by ", ". */
static void print_io(case_ctx *d, int64_t subtopic, ce_io_direction direction)
{
	ce_filter *f = demo_where(d, "subtopic", subtopic, "direction", direction);
	ce_subtopic_io_iter *it = NULL;
	ce_subtopic_io *io = NULL;
	int n = 0;

	CASE_TRY(d, ce_subtopic_io_iter_new(&it, d->db, f), "subtopic I/O");
	while (CASE_NEXT(d, ce_subtopic_io_iter_next(&io, it), "subtopic I/O")) {
		printf("%s%s", n++ ? ", " : "", ce_subtopic_io_fields(io)->description);
		ce_subtopic_io_free(io);
	}
	printf("%s", n ? "" : "-");
	ce_subtopic_io_iter_free(it);
	ce_filter_free(f);
}

static void print_dependencies(case_ctx *d, int64_t subtopic, const int64_t *ids, int nids)
{
	ce_filter *f = demo_where(d, "subtopic", subtopic, NULL, 0);
	ce_subtopic_dependency_iter *it = NULL;
	ce_subtopic_dependency *dep = NULL;
	int n = 0;

	CASE_TRY(d, ce_subtopic_dependency_iter_new(&it, d->db, f), "dependencies");
	while (CASE_NEXT(d, ce_subtopic_dependency_iter_next(&dep, it), "dependencies")) {
		printf("%s%s", n++ ? ", " : "", label(ids, nids, ce_subtopic_dependency_fields(dep)->depends_on));
		ce_subtopic_dependency_free(dep);
	}
	printf("%s", n ? "" : "nothing");
	ce_subtopic_dependency_iter_free(it);
	ce_filter_free(f);
}

/* "milestones 1/2 done (1 late, 1 overdue); budget 170,000.00 planned, 190,600.00 spent CNY (over)" */
static void print_plan(case_ctx *d, int64_t subtopic, ce_date now)
{
	ce_filter *f = demo_where(d, "subtopic", subtopic, NULL, 0);
	ce_milestone_iter *mit = NULL;
	ce_milestone *m = NULL;
	ce_budget_line_iter *bit = NULL;
	ce_budget_line *b = NULL;
	int total = 0, done = 0, late = 0, overdue = 0;
	int64_t planned = 0, actual = 0;
	char currency[8] = "";

	CASE_TRY(d, ce_milestone_iter_new(&mit, d->db, f), "milestones");
	while (CASE_NEXT(d, ce_milestone_iter_next(&m, mit), "milestones")) {
		const ce_milestone_spec *s = ce_milestone_fields(m);
		total++;
		done += s->done_date != 0;
		late += s->done_date > s->due_date;
		overdue += s->done_date == 0 && s->due_date < now;
		ce_milestone_free(m);
	}
	printf("milestones %d/%d done", done, total);
	if (late || overdue)
		printf(" (%d late, %d overdue)", late, overdue);

	CASE_TRY(d, ce_budget_line_iter_new(&bit, d->db, f), "budget lines");
	while (CASE_NEXT(d, ce_budget_line_iter_next(&b, bit), "budget lines")) {
		const ce_budget_line_spec *s = ce_budget_line_fields(b);
		planned += s->planned;
		actual += s->actual;
		snprintf(currency, sizeof currency, "%s", s->currency); /* one currency per subtopic here */
		ce_budget_line_free(b);
	}
	if (*currency)
		printf("; budget %s planned, %s spent %s%s", demo_money(planned), demo_money(actual),
		       currency, actual > planned ? " (over budget)" : "");
	ce_milestone_iter_free(mit);
	ce_budget_line_iter_free(bit);
	ce_filter_free(f);
}

void demo_report_subtopics(case_ctx *d)
{
	int64_t project = project_by_code(d, CASE_ALLOY_PROJECT), ids[MAX_SUBTOPICS];
	ce_filter *f = demo_where(d, "project", project, NULL, 0);
	ce_subtopic_iter *it = NULL;
	ce_subtopic *st = NULL;
	ce_date now = today();
	int n = 0;

	printf("\nSubtopics of %s\n", CASE_ALLOY_PROJECT);
	/* First pass: number them S1, S2, ... in id order. */
	CASE_TRY(d, ce_subtopic_iter_new(&it, d->db, f), "subtopics");
	while (CASE_NEXT(d, ce_subtopic_iter_next(&st, it), "subtopics")) {
		if (n < MAX_SUBTOPICS)
			ids[n++] = ce_subtopic_id(st);
		ce_subtopic_free(st);
	}
	ce_subtopic_iter_free(it);
	it = NULL;

	CASE_TRY(d, ce_subtopic_iter_new(&it, d->db, f), "subtopics");
	while (CASE_NEXT(d, ce_subtopic_iter_next(&st, it), "subtopics")) {
		const ce_subtopic_spec *s = ce_subtopic_fields(st);
		int64_t id = ce_subtopic_id(st);
		printf("  %-3s %-11s %-11s %3lld days  %s\n", label(ids, n, id),
		       demo_token(d, CE_ENTITY_SUBTOPIC, "status", s->status),
		       demo_token(d, CE_ENTITY_SUBTOPIC, "kind", s->kind), (long long)s->planned_days,
		       s->title);
		printf("      at %s", demo_token(d, CE_ENTITY_SUBTOPIC, "site", s->site));
		if (s->platform || s->partner)
			printf(" %s", s->platform ? demo_text(d, CE_ENTITY_PLATFORM, s->platform, "name")
			                          : demo_text(d, CE_ENTITY_PARTNER, s->partner, "name"));
		printf("; student ");
		print_students(d, id);
		printf("\n      depends on ");
		print_dependencies(d, id, ids, n);
		printf("; needs ");
		print_io(d, id, CE_IO_INPUT);
		printf("; delivers ");
		print_io(d, id, CE_IO_OUTPUT);
		printf("\n      ");
		print_plan(d, id, now);
		printf("\n");
		ce_subtopic_free(st);
	}
	ce_subtopic_iter_free(it);
	ce_filter_free(f);
}

/* Whether an outcome's status ever was `state` (from its history). */
static bool went_through(case_ctx *d, int64_t outcome, ce_outcome_status state)
{
	ce_transition *moves = NULL;
	size_t n = 0;
	bool seen = false;
	CASE_TRY(d, ce_history(&moves, &n, d->db, CE_ENTITY_OUTCOME, outcome, "status"), "outcome history");
	for (size_t i = 0; i < n; i++)
		seen = seen || moves[i].to == (int)state;
	ce_transitions_free(moves);
	return seen;
}

/* Whether an outcome derives from an outcome of kind `kind`. */
static bool derives_from(case_ctx *d, int64_t outcome, ce_outcome_kind kind)
{
	ce_filter *f = demo_where(d, "outcome", outcome, NULL, 0);
	ce_outcome_derivation_iter *it = NULL;
	ce_outcome_derivation *dv = NULL;
	bool found = false;

	CASE_TRY(d, ce_outcome_derivation_iter_new(&it, d->db, f), "derivations");
	while (!found && CASE_NEXT(d, ce_outcome_derivation_iter_next(&dv, it), "derivations")) {
		int64_t origin = ce_outcome_derivation_fields(dv)->from_outcome;
		ce_outcome *o = NULL;
		if (origin)
			CASE_TRY(d, ce_outcome_lookup(&o, d->db, origin), "outcome");
		found = o && ce_outcome_fields(o)->kind == kind;
		ce_outcome_free(o);
		ce_outcome_derivation_free(dv);
	}
	ce_outcome_derivation_iter_free(it);
	ce_filter_free(f);
	return found;
}

void demo_report_outcomes(case_ctx *d)
{
	enum { KINDS = CE_OUTCOME_TECHNOLOGY_TRANSFER + 1, STATES = CE_OUTCOME_STATUS_SIGNED + 1 };
	int64_t count[KINDS][STATES] = { { 0 } }, filed = 0, granted = 0, products = 0;
	int64_t project = project_by_code(d, CASE_ALLOY_PROJECT);
	/* "project" is a link of outcomes: those credited to the project. */
	ce_filter *f = demo_where(d, "project", project, NULL, 0);
	ce_outcome_iter *it = NULL;
	ce_outcome *o = NULL;

	CASE_TRY(d, ce_outcome_iter_new(&it, d->db, f), "outcomes");
	while (CASE_NEXT(d, ce_outcome_iter_next(&o, it), "outcomes")) {
		const ce_outcome_spec *s = ce_outcome_fields(o);
		int64_t id = ce_outcome_id(o);
		if ((int)s->kind < KINDS && (int)s->status < STATES)
			count[s->kind][s->status]++;
		if (s->kind == CE_OUTCOME_INVENTION_PATENT) {
			filed += went_through(d, id, CE_OUTCOME_STATUS_FILED);
			granted += went_through(d, id, CE_OUTCOME_STATUS_GRANTED);
		}
		if (s->kind == CE_OUTCOME_PRODUCT)
			products += derives_from(d, id, CE_OUTCOME_INVENTION_PATENT);
		ce_outcome_free(o);
	}
	ce_outcome_iter_free(it);
	ce_filter_free(f);

	printf("\nOutcomes credited to %s, by kind and current status\n", CASE_ALLOY_PROJECT);
	for (int k = 1; k < KINDS && d->rc == CE_OK; k++) {
		int64_t total = 0;
		for (int s = 1; s < STATES; s++)
			total += count[k][s];
		if (!total)
			continue;
		printf("  %-26s %3lld:", demo_token(d, CE_ENTITY_OUTCOME, "kind", k), (long long)total);
		for (int s = 1, n = 0; s < STATES; s++)
			if (count[k][s])
				printf("%s %s %lld", n++ ? "," : "", demo_token(d, CE_ENTITY_OUTCOME, "status", s),
				       (long long)count[k][s]);
		printf("\n");
	}
	printf("  => %lld invention patents filed, %lld granted, %lld products made from patents\n",
	       (long long)filed, (long long)granted, (long long)products);
}

/* "credited to project S201910431031, partner 山东某理工大学" */
static void print_attributions(case_ctx *d, int64_t outcome)
{
	ce_filter *f = demo_where(d, "outcome", outcome, NULL, 0);
	ce_outcome_attribution_iter *it = NULL;
	ce_outcome_attribution *a = NULL;
	int n = 0;

	CASE_TRY(d, ce_outcome_attribution_iter_new(&it, d->db, f), "attributions");
	while (CASE_NEXT(d, ce_outcome_attribution_iter_next(&a, it), "attributions")) {
		const ce_outcome_attribution_spec *s = ce_outcome_attribution_fields(a);
		printf("%s", n++ ? ", " : "");
		if (s->project)
			printf("project %s", demo_text(d, CE_ENTITY_PROJECT, s->project, "code"));
		else if (s->subtopic)
			printf("subtopic %s", demo_text(d, CE_ENTITY_SUBTOPIC, s->subtopic, "title"));
		else
			printf("partner %s", demo_text(d, CE_ENTITY_PARTNER, s->partner, "name"));
		ce_outcome_attribution_free(a);
	}
	printf("%s\n", n ? "" : "nothing");
	ce_outcome_attribution_iter_free(it);
	ce_filter_free(f);
}

/* What an outcome grew out of, one line per origin. */
static void print_origins(case_ctx *d, int64_t outcome)
{
	ce_filter *f = demo_where(d, "outcome", outcome, NULL, 0);
	ce_outcome_derivation_iter *it = NULL;
	ce_outcome_derivation *dv = NULL;

	CASE_TRY(d, ce_outcome_derivation_iter_new(&it, d->db, f), "derivations");
	while (CASE_NEXT(d, ce_outcome_derivation_iter_next(&dv, it), "derivations")) {
		const ce_outcome_derivation_spec *s = ce_outcome_derivation_fields(dv);
		ce_subtopic *st = NULL;
		if (s->from_outcome) {
			printf("    grew out of outcome %s\n", demo_text(d, CE_ENTITY_OUTCOME, s->from_outcome, "title"));
		} else if (CASE_TRY(d, ce_subtopic_lookup(&st, d->db, s->from_subtopic), "subtopic") == CE_OK) {
			const ce_subtopic_spec *sf = ce_subtopic_fields(st);
			printf("    grew out of subtopic %s of project %s,\n      the work of ", sf->title,
			       demo_text(d, CE_ENTITY_PROJECT, sf->project, "code"));
			print_students(d, s->from_subtopic);
			printf("\n");
		}
		ce_subtopic_free(st);
		ce_outcome_derivation_free(dv);
	}
	ce_outcome_derivation_iter_free(it);
	ce_filter_free(f);
}

/* "contributors: 1 郑一鸣, 2 陈思远, ... (7 students, 0 supervisors)" */
static void print_contributors(case_ctx *d, int64_t outcome)
{
	ce_filter *f = demo_where(d, "outcome", outcome, NULL, 0);
	ce_outcome_contributor_iter *it = NULL;
	ce_outcome_contributor *c = NULL;
	int students = 0, supervisors = 0;

	printf("    contributors:");
	CASE_TRY(d, ce_outcome_contributor_iter_new(&it, d->db, f), "contributors");
	while (CASE_NEXT(d, ce_outcome_contributor_iter_next(&c, it), "contributors")) {
		const ce_outcome_contributor_spec *s = ce_outcome_contributor_fields(c);
		printf("%s %lld %s", students + supervisors ? "," : "", (long long)s->position,
		       s->student ? demo_text(d, CE_ENTITY_STUDENT, s->student, "name")
		                  : demo_text(d, CE_ENTITY_SUPERVISOR, s->supervisor, "name"));
		students += s->student != 0;
		supervisors += s->supervisor != 0;
		ce_outcome_contributor_free(c);
	}
	printf(" (%d students, %d supervisors)\n", students, supervisors);
	ce_outcome_contributor_iter_free(it);
	ce_filter_free(f);
}

/* The outcomes derived from `outcome`, one line each. */
static void print_derived(case_ctx *d, int64_t outcome)
{
	ce_filter *f = demo_where(d, "from_outcome", outcome, NULL, 0);
	ce_outcome_derivation_iter *it = NULL;
	ce_outcome_derivation *dv = NULL;

	printf("    derived from it (%lld):\n",
	       (long long)demo_count(d, CE_ENTITY_OUTCOME_DERIVATION, "from_outcome", outcome, NULL, 0));
	CASE_TRY(d, ce_outcome_derivation_iter_new(&it, d->db, f), "derivations");
	while (CASE_NEXT(d, ce_outcome_derivation_iter_next(&dv, it), "derivations")) {
		ce_outcome *o = NULL;
		CASE_TRY(d, ce_outcome_lookup(&o, d->db, ce_outcome_derivation_fields(dv)->outcome), "outcome");
		if (o) {
			const ce_outcome_spec *s = ce_outcome_fields(o);
			printf("      %-20s %-10s %s\n", demo_token(d, CE_ENTITY_OUTCOME, "kind", s->kind),
			       demo_token(d, CE_ENTITY_OUTCOME, "status", s->status), s->title);
		}
		ce_outcome_free(o);
		ce_outcome_derivation_free(dv);
	}
	ce_outcome_derivation_iter_free(it);
	ce_filter_free(f);
}

void demo_report_spin_off(case_ctx *d)
{
	ce_filter *f = demo_where(d, "kind", CE_OUTCOME_ENTREPRENEURSHIP_PROJECT, NULL, 0);
	ce_outcome_iter *it = NULL;
	ce_outcome *o = NULL;

	printf("\nSpin-off entrepreneurship projects\n");
	CASE_TRY(d, ce_outcome_iter_new(&it, d->db, f), "outcomes");
	while (CASE_NEXT(d, ce_outcome_iter_next(&o, it), "outcomes")) {
		int64_t id = ce_outcome_id(o);
		printf("  %s\n    status: ", ce_outcome_fields(o)->title);
		demo_print_history(d, CE_ENTITY_OUTCOME, id, "status");
		printf("\n");
		print_origins(d, id);
		printf("    credited to ");
		print_attributions(d, id);
		print_contributors(d, id);
		print_derived(d, id);
		ce_outcome_free(o);
	}
	ce_outcome_iter_free(it);
	ce_filter_free(f);
}
