/* Subtopic: a thesis topic decomposed from a project, with its status
 * lifecycle and the students assigned to it. Rules: a platform exactly
 * when the work is done on one; a subtopic with dependencies stays in its
 * project (dependencies never cross projects). Its I/O, dependencies,
 * milestones and budget lines are in subtopic_parts.c. */
#include "columns.h"
#include "rules.h"

static const char *const kind_tokens[] = { NULL, "theoretical", "applied" };
static const char *const site_tokens[] = { NULL, "university", "enterprise", "platform" };
static const char *const status_tokens[] = {
	NULL, "proposed", "approved", "in_progress", "completed", "abandoned",
};

/* ---- subtopic -------------------------------------------------------- */

enum { C_PROJECT, C_TITLE, C_KIND, C_SITE, C_PLATFORM, C_PARTNER, C_PLANNED_DAYS, C_STATUS,
	   C_STATUS_DATE, C_NCOLUMNS };

static const ce_column_def columns[] = {
	COL_REF(ce_subtopic_spec, project, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_PROJECT),
	COL_TEXT(ce_subtopic_spec, title, CE_COL_REQUIRED),
	COL_ENUM(ce_subtopic_spec, kind, CE_COL_REQUIRED, ce_subtopic_kind, kind_tokens),
	COL_ENUM(ce_subtopic_spec, site, CE_COL_REQUIRED, ce_subtopic_site, site_tokens),
	COL_REF(ce_subtopic_spec, platform, 0, CE_ENTITY_PLATFORM),
	COL_REF(ce_subtopic_spec, partner, 0, CE_ENTITY_PARTNER),
	COL_INT(ce_subtopic_spec, planned_days, CE_COL_NONNEG, 0, CE_PLANNED_DAYS_MAX),
	COL_ENUM(ce_subtopic_spec, status, CE_COL_REQUIRED | CE_COL_LIFECYCLE, ce_subtopic_status,
	         status_tokens),
	COL_DATE(ce_subtopic_spec, status_date, CE_COL_REQUIRED),
};

_Static_assert(CE_ARRAY_LEN(columns) == C_NCOLUMNS, "one column per C_ index");

static const ce_move status_moves[] = {
	{ 0, 0, CE_SUBTOPIC_STATUS_PROPOSED },
	{ 0, CE_SUBTOPIC_STATUS_PROPOSED, CE_SUBTOPIC_STATUS_APPROVED },
	{ 0, CE_SUBTOPIC_STATUS_APPROVED, CE_SUBTOPIC_STATUS_IN_PROGRESS },
	{ 0, CE_SUBTOPIC_STATUS_IN_PROGRESS, CE_SUBTOPIC_STATUS_COMPLETED },
	{ 0, CE_SUBTOPIC_STATUS_PROPOSED, CE_SUBTOPIC_STATUS_ABANDONED },
	{ 0, CE_SUBTOPIC_STATUS_APPROVED, CE_SUBTOPIC_STATUS_ABANDONED },
	{ 0, CE_SUBTOPIC_STATUS_IN_PROGRESS, CE_SUBTOPIC_STATUS_ABANDONED },
};

/* No default date: a subtopic's project dates say nothing about when it
 * was proposed, so status_date is required on create. */
static const ce_lifecycle_def lifecycles[] = {
	{ C_STATUS, C_STATUS_DATE, -1, CE_TABLE_SUBTOPIC_STATUS_HISTORY, -1, CE_MOVES(status_moves) },
};

/* Refuses moving subtopic id to another project while a dependency links
 * it to subtopics of its current project. */
static int check_project_move(ce_db *db, const ce_table_def *table, const ce_value *row,
                              int64_t id)
{
	const ce_table_def *dep = ce__entity_table(CE_ENTITY_SUBTOPIC_DEPENDENCY);
	const char *ends[] = { "subtopic", "depends_on" };
	ce_value old[CE_MAX_COLUMNS];
	int64_t old_project, edge;
	int rc = ce__fetch_copy(db, table, id, old);
	if (rc != CE_OK)
		return rc;
	old_project = old[C_PROJECT].i;
	ce__row_clear(table, old);
	if (old_project == row[C_PROJECT].i)
		return CE_OK;
	for (int e = 0; e < 2; e++) {
		rc = ce__find_eq(&edge, db, dep, ce__column_by_name(dep, ends[e]), id);
		if (rc == CE_OK)
			return ce__fail(db, CE_EINVALID,
			                "subtopic.project: '%.*s' cannot move from project %lld to %lld while "
			                "subtopic_dependency %lld ties it to its project; delete that first",
			                ce__clip(row[C_TITLE].s, 80), row[C_TITLE].s, (long long)old_project,
			                (long long)row[C_PROJECT].i, (long long)edge);
		if (rc != CE_ENOTFOUND)
			return rc;
	}
	return CE_OK;
}

static int check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	bool on_platform = row[C_SITE].i == CE_SUBTOPIC_SITE_PLATFORM;
	if (on_platform && row[C_PLATFORM].null)
		return ce__fail(db, CE_EINVALID, "subtopic.platform: required for '%.*s', whose site is platform",
		                ce__clip(row[C_TITLE].s, 80), row[C_TITLE].s);
	if (!on_platform && !row[C_PLATFORM].null)
		return ce__fail(db, CE_EINVALID,
		                "subtopic.platform: %lld given for '%.*s', but its site is '%s', not platform",
		                (long long)row[C_PLATFORM].i, ce__clip(row[C_TITLE].s, 80), row[C_TITLE].s,
		                site_tokens[row[C_SITE].i]);
	return id ? check_project_move(db, table, row, id) : CE_OK;
}

static const struct ce_table_rules rules = {
	.lifecycles = lifecycles,
	.nlifecycles = (int)CE_ARRAY_LEN(lifecycles),
	.check = check,
};

/* Subtopics by student: ce_filter_eq_int(f, "student", id). */
enum { A_SUBTOPIC, A_STUDENT, A_START_DATE, A_END_DATE };

static const ce_link_def links[] = {
	{ "student", CE_ENTITY_SUBTOPIC_ASSIGNMENT, A_SUBTOPIC, A_STUDENT },
};

const ce_table_def ce__subtopic_table = {
	CE_ENTITY_SUBTOPIC, "subtopic", "a thesis topic decomposed from a project",
	(int)CE_ARRAY_LEN(columns), columns, NULL, (int)CE_ARRAY_LEN(links), links,
	sizeof(ce_subtopic_spec), &rules,
};

HISTORY_TABLE(ce__subtopic_status_history_table, CE_TABLE_SUBTOPIC_STATUS_HISTORY,
              "subtopic_status_history", CE_ENTITY_SUBTOPIC, status_tokens)

CE_DEFINE_RECORD_API(subtopic, CE_ENTITY_SUBTOPIC, CE_SUBTOPIC_SPEC_VERSION)

ce_result ce_subtopic_set_status(ce_db *db, int64_t id, ce_subtopic_status to, ce_date on)
{
	return ce_record_transition(db, CE_ENTITY_SUBTOPIC, id, "status", (int)to, on);
}

/* ---- subtopic_assignment --------------------------------------------- */

static const ce_column_def assignment_columns[] = {
	COL_REF(ce_subtopic_assignment_spec, subtopic, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_SUBTOPIC),
	COL_REF(ce_subtopic_assignment_spec, student, CE_COL_REQUIRED, CE_ENTITY_STUDENT),
	COL_DATE(ce_subtopic_assignment_spec, start_date, 0),
	COL_DATE(ce_subtopic_assignment_spec, end_date, 0),
};

static const int assignment_pair[] = { A_SUBTOPIC, A_STUDENT, -1 };
static const int *const assignment_uniques[] = { assignment_pair, NULL };
static const ce_date_order assignment_orders[] = { { A_START_DATE, A_END_DATE } };
static const struct ce_table_rules assignment_rules = {
	.date_orders = assignment_orders,
	.ndate_orders = (int)CE_ARRAY_LEN(assignment_orders),
};

const ce_table_def ce__subtopic_assignment_table = {
	CE_ENTITY_SUBTOPIC_ASSIGNMENT, "subtopic_assignment", "a student working on a subtopic",
	(int)CE_ARRAY_LEN(assignment_columns), assignment_columns, assignment_uniques, 0, NULL,
	sizeof(ce_subtopic_assignment_spec), &assignment_rules,
};

CE_DEFINE_RECORD_API(subtopic_assignment, CE_ENTITY_SUBTOPIC_ASSIGNMENT,
                     CE_SUBTOPIC_ASSIGNMENT_SPEC_VERSION)
