/* Project: a joint R&D project, the source of thesis subtopics. Rules: a
 * budget needs its currency; end not before start; a status lifecycle and
 * a stage lifecycle (forward one stage at a time), both starting on the
 * start date; a parent (programme or larger project) that never closes a
 * cycle. Partners take part in roles. */
#include <stdio.h>

#include "columns.h"
#include "rules.h"

static const char *const status_tokens[] = {
	NULL, "proposed", "active", "completed", "terminated",
};
static const char *const stage_tokens[] = {
	NULL, "laboratory", "pilot", "industrialisation",
};
static const char *const role_tokens[] = {
	NULL, "lead", "co_applicant", "funder", "host", "user",
	"guide", /* 0.3 */
};

/* ---- project --------------------------------------------------------- */

enum { C_CODE, C_TITLE, C_FUNDING_SCHEME, C_BUDGET, C_CURRENCY, C_START_DATE, C_END_DATE,
	   C_STATUS, C_STATUS_DATE, C_STAGE, C_STAGE_DATE, C_PRINCIPAL_INVESTIGATOR, C_AGREEMENT,
	   C_PARENT };

static const ce_column_def columns[] = {
	COL_TEXT(ce_project_spec, code, CE_COL_REQUIRED | CE_COL_UNIQUE | CE_COL_KEY),
	COL_TEXT(ce_project_spec, title, CE_COL_REQUIRED),
	COL_TEXT(ce_project_spec, funding_scheme, 0),
	COL_MONEY(ce_project_spec, budget, 0),
	COL_TEXT(ce_project_spec, currency, 0),
	COL_DATE(ce_project_spec, start_date, 0),
	COL_DATE(ce_project_spec, end_date, 0),
	COL_ENUM(ce_project_spec, status, CE_COL_REQUIRED | CE_COL_LIFECYCLE, ce_project_status,
	         status_tokens),
	COL_DATE(ce_project_spec, status_date, CE_COL_REQUIRED),
	COL_ENUM(ce_project_spec, stage, CE_COL_REQUIRED | CE_COL_LIFECYCLE, ce_project_stage,
	         stage_tokens),
	COL_DATE(ce_project_spec, stage_date, CE_COL_REQUIRED),
	COL_REF(ce_project_spec, principal_investigator, 0, CE_ENTITY_SUPERVISOR),
	COL_REF(ce_project_spec, agreement, 0, CE_ENTITY_AGREEMENT),
	/* spec version 2, schema 4 */
	COL_REF_SINCE(ce_project_spec, parent, 0, CE_ENTITY_PROJECT, 2),
};

static const ce_move status_moves[] = {
	{ 0, 0, CE_PROJECT_STATUS_PROPOSED },
	{ 0, 0, CE_PROJECT_STATUS_ACTIVE },
	{ 0, CE_PROJECT_STATUS_PROPOSED, CE_PROJECT_STATUS_ACTIVE },
	{ 0, CE_PROJECT_STATUS_PROPOSED, CE_PROJECT_STATUS_TERMINATED },
	{ 0, CE_PROJECT_STATUS_ACTIVE, CE_PROJECT_STATUS_COMPLETED },
	{ 0, CE_PROJECT_STATUS_ACTIVE, CE_PROJECT_STATUS_TERMINATED },
};

/* A project may enter the record at any stage, then only moves forward. */
static const ce_move stage_moves[] = {
	{ 0, 0, CE_PROJECT_STAGE_LABORATORY },
	{ 0, 0, CE_PROJECT_STAGE_PILOT },
	{ 0, 0, CE_PROJECT_STAGE_INDUSTRIALISATION },
	{ 0, CE_PROJECT_STAGE_LABORATORY, CE_PROJECT_STAGE_PILOT },
	{ 0, CE_PROJECT_STAGE_PILOT, CE_PROJECT_STAGE_INDUSTRIALISATION },
};

static const ce_lifecycle_def lifecycles[] = {
	{ C_STATUS, C_STATUS_DATE, C_START_DATE, CE_TABLE_PROJECT_STATUS_HISTORY, -1, CE_MOVES(status_moves) },
	{ C_STAGE, C_STAGE_DATE, C_START_DATE, CE_TABLE_PROJECT_STAGE_HISTORY, -1, CE_MOVES(stage_moves) },
};

static const ce_date_order date_orders[] = { { C_START_DATE, C_END_DATE } };

/* Refuses a parent that is the project itself or one of its descendants:
 * walks up from the new parent, which must not reach the project. A new
 * project (id 0) has no descendants. The walk is bounded by the number of
 * projects, so a store damaged outside the library cannot hang it. */
static int check_parent(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	int64_t limit = 0, up = row[C_PARENT].i;
	char path[200];
	int used, rc;
	if (row[C_PARENT].null || !id)
		return CE_OK;
	if (up == id)
		return ce__fail(db, CE_ECYCLE, "project.parent: project %lld cannot be its own parent",
		                (long long)id);
	if ((rc = ce__store_count(&limit, db, table, NULL)) != CE_OK)
		return rc;
	used = snprintf(path, sizeof path, "%lld", (long long)up);
	for (int64_t steps = 0; up && steps <= limit; steps++) {
		ce_value parent[CE_MAX_COLUMNS];
		if ((rc = ce__store_fetch(db, table, up, parent)) != CE_OK)
			return rc;
		up = parent[C_PARENT].null ? 0 : parent[C_PARENT].i;
		if (up && used >= 0 && (size_t)used < sizeof path)
			used += snprintf(path + used, sizeof path - (size_t)used, " -> %lld", (long long)up);
		if (up == id)
			return ce__fail(db, CE_ECYCLE,
			                "project.parent: project %lld cannot belong to project %lld, which "
			                "already belongs to it (%s)",
			                (long long)id, (long long)row[C_PARENT].i, path);
	}
	return CE_OK;
}

static int check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	const ce_value *cur = &row[C_CURRENCY];
	int rc = check_parent(db, table, row, id);
	if (rc != CE_OK)
		return rc;
	if (!cur->null && !ce__currency_valid(cur->s))
		return ce__fail(db, CE_EINVALID,
		                "project.currency: '%.*s' is not a 3-letter ISO 4217 code such as 'CNY'",
		                ce__clip(cur->s, 40), cur->s);
	if (cur->null && row[C_BUDGET].i > 0)
		return ce__fail(db, CE_EINVALID,
		                "project.currency: required for the budget %lld of '%.*s' (e.g. 'CNY')",
		                (long long)row[C_BUDGET].i, ce__clip(row[C_CODE].s, 40), row[C_CODE].s);
	return CE_OK;
}

static const struct ce_table_rules rules = {
	.date_orders = date_orders,
	.ndate_orders = (int)CE_ARRAY_LEN(date_orders),
	.lifecycles = lifecycles,
	.nlifecycles = (int)CE_ARRAY_LEN(lifecycles),
	.check = check,
};

/* Projects by partner in any role: ce_filter_eq_int(f, "partner", id). */
enum { P_PROJECT, P_PARTNER, P_ROLE, P_START_DATE, P_END_DATE };

static const ce_link_def links[] = {
	{ "partner", CE_ENTITY_PROJECT_PARTNER, P_PROJECT, P_PARTNER },
};

const ce_table_def ce__project_table = {
	CE_ENTITY_PROJECT, "project", "a joint R&D project that thesis subtopics come from",
	(int)CE_ARRAY_LEN(columns), columns, NULL, (int)CE_ARRAY_LEN(links), links,
	sizeof(ce_project_spec), &rules,
};

HISTORY_TABLE(ce__project_status_history_table, CE_TABLE_PROJECT_STATUS_HISTORY,
              "project_status_history", CE_ENTITY_PROJECT, status_tokens)
HISTORY_TABLE(ce__project_stage_history_table, CE_TABLE_PROJECT_STAGE_HISTORY,
              "project_stage_history", CE_ENTITY_PROJECT, stage_tokens)

CE_DEFINE_RECORD_API(project, CE_ENTITY_PROJECT, CE_PROJECT_SPEC_VERSION)

ce_result ce_project_lookup_by_code(ce_project **out, ce_db *db, const char *code)
{
	return ce__typed_lookup_by_text((ce_record **)out, db, CE_ENTITY_PROJECT, "code", code);
}

ce_result ce_project_set_status(ce_db *db, int64_t id, ce_project_status to, ce_date on)
{
	return ce_record_transition(db, CE_ENTITY_PROJECT, id, "status", (int)to, on);
}

ce_result ce_project_set_stage(ce_db *db, int64_t id, ce_project_stage to, ce_date on)
{
	return ce_record_transition(db, CE_ENTITY_PROJECT, id, "stage", (int)to, on);
}

/* ---- project_partner ------------------------------------------------- */

static const ce_column_def partner_columns[] = {
	COL_REF(ce_project_partner_spec, project, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_PROJECT),
	COL_REF(ce_project_partner_spec, partner, CE_COL_REQUIRED, CE_ENTITY_PARTNER),
	COL_ENUM(ce_project_partner_spec, role, CE_COL_REQUIRED, ce_project_role, role_tokens),
	/* spec version 2, schema 12 */
	COL_DATE_SINCE(ce_project_partner_spec, start_date, 0, 2),
	COL_DATE_SINCE(ce_project_partner_spec, end_date, 0, 2),
};

static const int partner_role[] = { P_PROJECT, P_PARTNER, P_ROLE, -1 };
static const int *const partner_uniques[] = { partner_role, NULL };
static const ce_date_order partner_date_orders[] = { { P_START_DATE, P_END_DATE } };

static int partner_check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)id;
	return ce__link_dates_within(db, table, row, P_START_DATE, P_END_DATE, P_PROJECT,
	                             "start_date", "end_date");
}

static const struct ce_table_rules partner_rules = {
	.date_orders = partner_date_orders,
	.ndate_orders = (int)CE_ARRAY_LEN(partner_date_orders),
	.check = partner_check,
};

const ce_table_def ce__project_partner_table = {
	CE_ENTITY_PROJECT_PARTNER, "project_partner", "a partner taking part in a project in one role",
	(int)CE_ARRAY_LEN(partner_columns), partner_columns, partner_uniques, 0, NULL,
	sizeof(ce_project_partner_spec), &partner_rules,
};

CE_DEFINE_RECORD_API(project_partner, CE_ENTITY_PROJECT_PARTNER, CE_PROJECT_PARTNER_SPEC_VERSION)
