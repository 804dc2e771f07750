/* The reports by name, the checks every report makes on its arguments
 * and filter, and the choice between the backend's own implementation
 * (computed inside the storage engine) and the core's. */
#include <stddef.h>
#include <string.h>

#include "analytics_internal.h"

typedef struct report_def {
	const char *name;
	unsigned int honours; /* AN_* filter members the report understands */
	ce__an_fn core;
	const char *description;
} report_def;

static const report_def reports[] = {
	{ "outcome_funnel", AN_ALL | AN_PEOPLE | AN_PERSON_TIMES, ce__an_outcome_funnel,
	  "invention patents filed, granted, productised; grant rate; days to grant; papers; spin-offs" },
	{ "supervision_coverage", AN_ALL, ce__an_supervision_coverage,
	  "graduate students on a subtopic with an academic main and an enterprise supervisor, by cohort" },
	{ "students_lacking_supervisor", AN_ALL, ce__an_students_lacking_supervisor,
	  "graduate students on a subtopic lacking an academic main or an enterprise supervisor" },
	{ "guidance_hours", AN_ALL, ce__an_guidance_hours,
	  "guidance sessions, hours, students, joint-session share and evaluation per supervisor" },
	{ "guidance_by_term", AN_ALL, ce__an_guidance_by_term,
	  "guidance sessions and hours per supervisor, student and term" },
	{ "cooperation_depth", AN_PERIOD | AN_PARTNER, ce__an_cooperation_depth,
	  "cooperation depth per partner (transactional, hosting, co-training, co-creation)" },
	{ "platform_utilisation", AN_PERIOD | AN_PARTNER, ce__an_platform_utilisation,
	  "placements, placement-days, utilisation and subtopics per platform and year" },
	{ "idle_platforms", AN_PERIOD | AN_PARTNER, ce__an_idle_platforms,
	  "platforms nothing used in the period, with the last date anything did" },
	{ "placement_health", AN_PERIOD | AN_PARTNER | AN_COHORT, ce__an_placement_health,
	  "incidents per 100 placements, early ends, feedback coverage and delay per host" },
	{ "destinations", AN_ALL, ce__an_destinations,
	  "graduate destinations by cohort and sector, shares at partners and in middle management" },
	{ "project_pipeline", AN_PERIOD | AN_PARTNER | AN_PROJECT, ce__an_project_pipeline,
	  "projects per stage: active, completed, budget per currency" },
	{ "subtopic_graph", AN_PROJECT, ce__an_subtopic_graph,
	  "a project's subtopics in dependency order with the critical path" },
	{ "budget_variance", AN_PARTNER | AN_PROJECT, ce__an_budget_variance,
	  "planned and actual budget per budget line, and their variance" },
	{ "spinoffs", AN_ALL | AN_PEOPLE, ce__an_spinoffs,
	  "entrepreneurship projects spun out of graduate work: students, outputs by kind" },
	{ "risk_exposure", AN_PARTNER | AN_PROJECT, ce__an_risk_exposure,
	  "open and mitigated risks ranked by exposure (likelihood x impact) per partner, with project" },
	{ "survey_response_rate", AN_PERIOD | AN_ROUND, ce__an_survey_response_rate,
	  "survey responses over the population per round, and per group" },
	{ "survey_item_stats", AN_PERIOD | AN_ROUND, ce__an_survey_item_stats,
	  "per survey item: n, mean, median, standard deviation and answer counts, by group" },
	{ "survey_choices", AN_PERIOD | AN_ROUND, ce__an_survey_choices,
	  "per choice item and option: respondents choosing it and their share, by group" },
	{ "survey_comparison", AN_ROUND | AN_BASELINE, ce__an_survey_comparison,
	  "two rounds of one instrument: n and mean per item in each, and the change" },
};

enum {
	R_OUTCOME_FUNNEL,
	R_SUPERVISION_COVERAGE,
	R_STUDENTS_LACKING_SUPERVISOR,
	R_GUIDANCE_HOURS,
	R_GUIDANCE_BY_TERM,
	R_COOPERATION_DEPTH,
	R_PLATFORM_UTILISATION,
	R_IDLE_PLATFORMS,
	R_PLACEMENT_HEALTH,
	R_DESTINATIONS,
	R_PROJECT_PIPELINE,
	R_SUBTOPIC_GRAPH,
	R_BUDGET_VARIANCE,
	R_SPINOFFS,
	R_RISK_EXPOSURE,
	R_SURVEY_RESPONSE_RATE,
	R_SURVEY_ITEM_STATS,
	R_SURVEY_CHOICES,
	R_SURVEY_COMPARISON,
	R_COUNT
};
_Static_assert(CE_ARRAY_LEN(reports) == R_COUNT, "one entry per report");

static _Thread_local bool force_core;

void ce__report_force_core(bool on)
{
	force_core = on;
}

/* Bytes of a filter of this version (1..CE_REPORT_FILTER_VERSION). */
static size_t filter_size(unsigned int version)
{
	return version >= 3 ? sizeof(ce_report_filter)
	       : version == 2 ? offsetof(ce_report_filter, round)
	                      : offsetof(ce_report_filter, descendants);
}

ce_result ce_report_filter_init(ce_report_filter *filter, unsigned int version)
{
	if (!filter || version < 1 || version > CE_REPORT_FILTER_VERSION)
		return ce__fail(NULL, CE_EINVALID, "report_filter_init: NULL filter or unknown version %u",
		                version);
	/* zero only what the caller's version has */
	memset(filter, 0, filter_size(version));
	filter->version = version;
	return CE_OK;
}

static int check_date(ce_db *db, const char *report, const char *member, ce_date d)
{
	if (d && !ce_date_valid(d))
		return ce__fail(db, CE_EINVALID, "%s: filter.%s: %ld is not a calendar date", report,
		                member, (long)d);
	return CE_OK;
}

static int check_ref(ce_db *db, const char *report, const char *member, int table, int64_t id)
{
	int rc;
	if (id < 0)
		return ce__fail(db, CE_EINVALID, "%s: filter.%s: %lld is not an id", report, member,
		                (long long)id);
	if (!id || (rc = ce__exists(db, table, id)) == CE_OK)
		return CE_OK;
	if (rc == CE_ENOTFOUND)
		return ce__fail(db, rc, "%s: filter.%s: no %s with id %lld", report, member,
		                ce__table(table)->name, (long long)id);
	return rc;
}

/* Checks the filter and that the report can honour each member set. */
static int check_filter(ce_db *db, const report_def *r, const ce_report_filter *in,
                        ce_report_filter *f)
{
	int rc;
	memset(f, 0, sizeof *f);
	f->version = CE_REPORT_FILTER_VERSION;
	if (!in)
		return CE_OK;
	if (in->version < 1 || in->version > CE_REPORT_FILTER_VERSION)
		return ce__fail(db, CE_EINVALID, "%s: filter.version %u is unknown (use "
		                "CE_REPORT_FILTER_INIT)", r->name, in->version);
	/* an older caller's struct ends before the members it does not know */
	memcpy(f, in, filter_size(in->version));
	f->version = CE_REPORT_FILTER_VERSION;
	if ((rc = check_date(db, r->name, "from", f->from)) != CE_OK ||
	    (rc = check_date(db, r->name, "to", f->to)) != CE_OK)
		return rc;
	if (f->from && f->to && f->from > f->to)
		return ce__fail(db, CE_EINVALID, "%s: filter.from %ld is after filter.to %ld", r->name,
		                (long)f->from, (long)f->to);
	if (f->cohort && (f->cohort < 1950 || f->cohort > 2100))
		return ce__fail(db, CE_EINVALID, "%s: filter.cohort %d is not a year 1950..2100", r->name,
		                f->cohort);
	if (f->level < CE_REPORT_LEVEL_ALL || f->level > CE_REPORT_LEVEL_GRADUATE)
		return ce__fail(db, CE_EINVALID, "%s: filter.level %d is not a ce_report_level "
		                "(1 undergraduate, 2 graduate)", r->name, f->level);
	f->person_times = f->person_times != 0;
	if (f->group_by < CE_REPORT_GROUP_NONE || f->group_by > CE_REPORT_GROUP_SUPERVISOR_KIND)
		return ce__fail(db, CE_EINVALID, "%s: filter.group_by %d is not a ce_report_group "
		                "(1 level, 2 cohort, 3 partner, 4 supervisor_kind)", r->name, f->group_by);
	if (f->k < 0)
		return ce__fail(db, CE_EINVALID, "%s: filter.k %d: the smallest group shown must be at "
		                "least 1 (0: the default %d)", r->name, f->k, CE_REPORT_SURVEY_K);
	static const struct {
		unsigned int bit;
		const char *name;
	} members[] = { { AN_PERIOD, "from" }, { AN_PERIOD, "to" }, { AN_PARTNER, "partner" },
		            { AN_PROJECT, "project" }, { AN_COHORT, "cohort" }, { AN_PEOPLE, "level" },
		            { AN_PEOPLE, "student" }, { AN_PERSON_TIMES, "person_times" },
		            { AN_ROUND, "round" }, { AN_BASELINE, "baseline" }, { AN_ROUND, "group_by" },
		            { AN_ROUND, "k" } };
	bool set[] = { f->from != 0,   f->to != 0,     f->partner != 0, f->project != 0,
		           f->cohort != 0, f->level != 0,  f->student != 0, f->person_times != 0,
		           f->round != 0,  f->baseline != 0, f->group_by != 0, f->k != 0 };
	for (size_t i = 0; i < CE_ARRAY_LEN(members); i++)
		if (set[i] && !(r->honours & members[i].bit))
			return ce__fail(db, CE_EINVALID, "%s: filter.%s is not supported by this report",
			                r->name, members[i].name);
	if (f->descendants && !f->project)
		return ce__fail(db, CE_EINVALID, "%s: filter.descendants: needs filter.project", r->name);
	if (f->descendants && r->core == ce__an_subtopic_graph)
		return ce__fail(db, CE_EINVALID, "%s: filter.descendants is not supported by this report "
		                "(it shows one project's subtopics)", r->name);
	f->descendants = f->descendants != 0;
	if ((rc = check_ref(db, r->name, "partner", CE_ENTITY_PARTNER, f->partner)) != CE_OK ||
	    (rc = check_ref(db, r->name, "project", CE_ENTITY_PROJECT, f->project)) != CE_OK ||
	    (rc = check_ref(db, r->name, "student", CE_ENTITY_STUDENT, f->student)) != CE_OK ||
	    (rc = check_ref(db, r->name, "round", CE_ENTITY_SURVEY_ROUND, f->round)) != CE_OK ||
	    (rc = check_ref(db, r->name, "baseline", CE_ENTITY_SURVEY_ROUND, f->baseline)) != CE_OK)
		return rc;
	if (f->baseline && !f->round)
		return ce__fail(db, CE_EINVALID, "%s: filter.baseline: needs filter.round (the round "
		                "compared with it)", r->name);
	return CE_OK;
}

int ce__report_find(const char *name)
{
	for (int i = 0; name && i < R_COUNT; i++)
		if (strcmp(reports[i].name, name) == 0)
			return i;
	return -1;
}

int ce__report_begin(ce_db *db, int which, const ce_report_filter *filter, ce_report_filter *f)
{
	const report_def *r = &reports[which];
	/* a role's report counts only what the role may see */
	int rc = ce__view_begin(db);
	if (rc != CE_OK)
		return rc;
	rc = check_filter(db, r, filter, f);
	if (rc == CE_OK && which == R_SUBTOPIC_GRAPH && !f->project)
		rc = ce__fail(db, CE_EINVALID, "%s: filter.project: required", r->name);
	if (rc != CE_OK)
		ce__view_end(db);
	return rc;
}

bool ce__report_backend_allowed(void)
{
	return !force_core;
}

int ce__report_table(ce_table **out, ce_db *db, int which, const ce_report_filter *f)
{
	const report_def *r = &reports[which];
	int rc = force_core ? CE_ENOTSUPPORTED : ce__store_report(out, db, r->name, f);
	return rc == CE_ENOTSUPPORTED ? r->core(out, db, f) : rc;
}

static int run(ce_table **out, ce_db *db, const ce_report_filter *filter, int which)
{
	const report_def *r = &reports[which];
	ce_report_filter f;
	if (out)
		*out = NULL;
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "%s: NULL db", r->name);
	ce__clear(db);
	if (!out)
		return ce__fail(db, CE_EINVALID, "%s: NULL out", r->name);
	int rc = ce__report_begin(db, which, filter, &f);
	if (rc != CE_OK)
		return rc;
	rc = ce__report_table(out, db, which, &f);
	ce__view_end(db);
	return rc;
}

ce_result ce_report_outcome_funnel(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_OUTCOME_FUNNEL);
}

ce_result ce_report_supervision_coverage(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_SUPERVISION_COVERAGE);
}

ce_result ce_report_students_lacking_supervisor(ce_table **out, ce_db *db,
                                                const ce_report_filter *filter)
{
	return run(out, db, filter, R_STUDENTS_LACKING_SUPERVISOR);
}

ce_result ce_report_guidance_hours(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_GUIDANCE_HOURS);
}

ce_result ce_report_guidance_by_term(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_GUIDANCE_BY_TERM);
}

ce_result ce_report_cooperation_depth(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_COOPERATION_DEPTH);
}

ce_result ce_report_platform_utilisation(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_PLATFORM_UTILISATION);
}

ce_result ce_report_idle_platforms(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_IDLE_PLATFORMS);
}

ce_result ce_report_placement_health(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_PLACEMENT_HEALTH);
}

ce_result ce_report_destinations(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_DESTINATIONS);
}

ce_result ce_report_project_pipeline(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_PROJECT_PIPELINE);
}

ce_result ce_report_subtopic_graph(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_SUBTOPIC_GRAPH);
}

ce_result ce_report_budget_variance(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_BUDGET_VARIANCE);
}

ce_result ce_report_spinoffs(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_SPINOFFS);
}

ce_result ce_report_risk_exposure(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_RISK_EXPOSURE);
}

ce_result ce_report_survey_response_rate(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_SURVEY_RESPONSE_RATE);
}

ce_result ce_report_survey_item_stats(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_SURVEY_ITEM_STATS);
}

ce_result ce_report_survey_choices(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_SURVEY_CHOICES);
}

ce_result ce_report_survey_comparison(ce_table **out, ce_db *db, const ce_report_filter *filter)
{
	return run(out, db, filter, R_SURVEY_COMPARISON);
}

int ce_report_count(void)
{
	return R_COUNT;
}

const char *ce_report_name(int i)
{
	return i >= 0 && i < R_COUNT ? reports[i].name : NULL;
}

const char *ce_report_description(int i)
{
	return i >= 0 && i < R_COUNT ? reports[i].description : NULL;
}

ce_result ce_report_run(ce_table **out, ce_db *db, const char *name, const ce_report_filter *filter)
{
	if (out)
		*out = NULL;
	int i = ce__report_find(name);
	if (i >= 0)
		return run(out, db, filter, i);
	if (db)
		ce__clear(db);
	return ce__fail(db, CE_ENOTFOUND, "report: no report named '%.*s' (see ce_report_name())",
	                name ? ce__clip(name, 60) : 6, name ? name : "(null)");
}
