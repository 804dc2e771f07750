/* Placement, with a status lifecycle. Rule: the mentor is an enterprise
 * supervisor and the academic supervisor an academic one, so placement
 * reports can tell the two sides apart. Incidents and feedback are in
 * placement_events.c. */
#include "columns.h"

static const char *const status_tokens[] = { NULL, "planned", "active", "completed", "ended_early" };

enum {
	C_STUDENT, C_HOST, C_PLATFORM, C_AGREEMENT, C_START_DATE, C_END_DATE, C_POSITION,
	C_MENTOR, C_ACADEMIC_SUPERVISOR, C_STATUS, C_STATUS_DATE
};

static const ce_column_def columns[] = {
	COL_REF(ce_placement_spec, student, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_STUDENT),
	COL_REF(ce_placement_spec, host, CE_COL_REQUIRED, CE_ENTITY_PARTNER),
	COL_REF(ce_placement_spec, platform, 0, CE_ENTITY_PLATFORM),
	COL_REF(ce_placement_spec, agreement, 0, CE_ENTITY_AGREEMENT),
	COL_DATE(ce_placement_spec, start_date, CE_COL_REQUIRED),
	COL_DATE(ce_placement_spec, end_date, 0),
	COL_TEXT(ce_placement_spec, position, 0),
	COL_REF(ce_placement_spec, mentor, 0, CE_ENTITY_SUPERVISOR),
	COL_REF(ce_placement_spec, academic_supervisor, 0, CE_ENTITY_SUPERVISOR),
	COL_ENUM(ce_placement_spec, status, CE_COL_REQUIRED | CE_COL_LIFECYCLE, ce_placement_status,
	         status_tokens),
	COL_DATE(ce_placement_spec, status_date, CE_COL_REQUIRED),
};

static const ce_date_order date_orders[] = { { C_START_DATE, C_END_DATE } };

static const ce_move status_moves[] = {
	{ 0, 0, CE_PLACEMENT_STATUS_PLANNED },
	{ 0, 0, CE_PLACEMENT_STATUS_ACTIVE },
	{ 0, CE_PLACEMENT_STATUS_PLANNED, CE_PLACEMENT_STATUS_ACTIVE },
	{ 0, CE_PLACEMENT_STATUS_PLANNED, CE_PLACEMENT_STATUS_ENDED_EARLY },
	{ 0, CE_PLACEMENT_STATUS_ACTIVE, CE_PLACEMENT_STATUS_COMPLETED },
	{ 0, CE_PLACEMENT_STATUS_ACTIVE, CE_PLACEMENT_STATUS_ENDED_EARLY },
};

static const ce_lifecycle_def lifecycles[] = {
	{ C_STATUS, C_STATUS_DATE, C_START_DATE, CE_TABLE_PLACEMENT_STATUS_HISTORY, -1,
	  CE_MOVES(status_moves) },
};

/* Refuses a supervisor of the wrong kind in column col, naming them. */
static int require_kind(ce_db *db, const ce_value *row, int col, ce_supervisor_kind want)
{
	if (row[col].null)
		return CE_OK;
	const ce_table_def *st = ce__entity_table(CE_ENTITY_SUPERVISOR);
	int kind = ce__column_by_name(st, "kind"), name = ce__column_by_name(st, "name");
	const char *const *tokens = st->columns[kind].tokens;
	ce_value sup[CE_MAX_COLUMNS];
	int rc = ce__fetch_copy(db, st, row[col].i, sup);
	if (rc != CE_OK)
		return rc;
	if (sup[kind].i != want)
		rc = ce__fail(db, CE_EINVALID, "placement.%s: must be an %s supervisor, but '%.*s' (%lld) is %s",
		              columns[col].name, tokens[want], ce__clip(sup[name].s, 80), sup[name].s,
		              (long long)row[col].i, tokens[sup[kind].i]);
	ce__row_clear(st, sup);
	return rc;
}

static int check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	int rc = require_kind(db, row, C_MENTOR, CE_SUPERVISOR_ENTERPRISE);
	return rc != CE_OK ? rc : require_kind(db, row, C_ACADEMIC_SUPERVISOR, CE_SUPERVISOR_ACADEMIC);
}

static const struct ce_table_rules rules = {
	.date_orders = date_orders,
	.ndate_orders = (int)CE_ARRAY_LEN(date_orders),
	.lifecycles = lifecycles,
	.nlifecycles = (int)CE_ARRAY_LEN(lifecycles),
	.check = check,
};

const ce_table_def ce__placement_table = {
	CE_ENTITY_PLACEMENT, "placement", "an internship or on-site period of a student at a partner",
	(int)CE_ARRAY_LEN(columns), columns, NULL, 0, NULL, sizeof(ce_placement_spec), &rules,
};

HISTORY_TABLE(ce__placement_status_history_table, CE_TABLE_PLACEMENT_STATUS_HISTORY,
              "placement_status_history", CE_ENTITY_PLACEMENT, status_tokens)

CE_DEFINE_RECORD_API(placement, CE_ENTITY_PLACEMENT, CE_PLACEMENT_SPEC_VERSION)

ce_result ce_placement_set_status(ce_db *db, int64_t id, ce_placement_status to, ce_date on)
{
	return ce_record_transition(db, CE_ENTITY_PLACEMENT, id, "status", (int)to, on);
}
