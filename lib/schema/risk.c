/* Risk: the register of what could go wrong in an agreement, a project or
 * a placement. Rules: exactly one subject and exactly one owner (a
 * supervisor or a partner); likelihood and impact 1..5; review not before
 * identification; a status lifecycle open → mitigated → closed, or
 * realised, with dated history; realised only with the incident that
 * realised it, which for a placement's risk happened in that placement. */
#include "columns.h"

static const char *const kind_tokens[] = {
	NULL, "financial", "moral", "safety", "intellectual_property", "confidentiality", "schedule",
};
static const char *const status_tokens[] = {
	NULL, "open", "mitigated", "closed", "realised",
};

enum { C_AGREEMENT, C_PROJECT, C_PLACEMENT, C_KIND, C_TITLE, C_LIKELIHOOD, C_IMPACT,
	   C_OWNER_SUPERVISOR, C_OWNER_PARTNER, C_MITIGATION, C_IDENTIFIED_ON, C_REVIEW_ON, C_STATUS,
	   C_STATUS_DATE, C_REALISED_BY };

static const ce_column_def columns[] = {
	COL_REF(ce_risk_spec, agreement, 0, CE_ENTITY_AGREEMENT),
	COL_REF(ce_risk_spec, project, 0, CE_ENTITY_PROJECT),
	COL_REF(ce_risk_spec, placement, 0, CE_ENTITY_PLACEMENT),
	COL_ENUM(ce_risk_spec, kind, CE_COL_REQUIRED, ce_risk_kind, kind_tokens),
	COL_TEXT(ce_risk_spec, title, CE_COL_REQUIRED),
	COL_INT(ce_risk_spec, likelihood, CE_COL_REQUIRED, 1, 5),
	COL_INT(ce_risk_spec, impact, CE_COL_REQUIRED, 1, 5),
	COL_REF(ce_risk_spec, owner_supervisor, 0, CE_ENTITY_SUPERVISOR),
	COL_REF(ce_risk_spec, owner_partner, 0, CE_ENTITY_PARTNER),
	COL_TEXT(ce_risk_spec, mitigation, 0),
	COL_DATE(ce_risk_spec, identified_on, CE_COL_REQUIRED),
	COL_DATE(ce_risk_spec, review_on, 0),
	COL_ENUM(ce_risk_spec, status, CE_COL_REQUIRED | CE_COL_LIFECYCLE, ce_risk_status, status_tokens),
	COL_DATE(ce_risk_spec, status_date, CE_COL_REQUIRED),
	COL_REF(ce_risk_spec, realised_by, 0, CE_ENTITY_INCIDENT),
};

static const int one_subject[] = { C_AGREEMENT, C_PROJECT, C_PLACEMENT, -1 };
static const int one_owner[] = { C_OWNER_SUPERVISOR, C_OWNER_PARTNER, -1 };
static const int *const exactly_one[] = { one_subject, one_owner, NULL };

static const ce_move status_moves[] = {
	{ 0, 0, CE_RISK_STATUS_OPEN },
	{ 0, CE_RISK_STATUS_OPEN, CE_RISK_STATUS_MITIGATED },
	{ 0, CE_RISK_STATUS_OPEN, CE_RISK_STATUS_CLOSED },
	{ 0, CE_RISK_STATUS_OPEN, CE_RISK_STATUS_REALISED },
	{ 0, CE_RISK_STATUS_MITIGATED, CE_RISK_STATUS_OPEN },
	{ 0, CE_RISK_STATUS_MITIGATED, CE_RISK_STATUS_CLOSED },
	{ 0, CE_RISK_STATUS_MITIGATED, CE_RISK_STATUS_REALISED },
};

static const ce_lifecycle_def lifecycles[] = {
	{ C_STATUS, C_STATUS_DATE, C_IDENTIFIED_ON, CE_TABLE_RISK_STATUS_HISTORY, -1, CE_MOVES(status_moves) },
};

static const ce_date_order date_orders[] = {
	{ C_IDENTIFIED_ON, C_REVIEW_ON },
	{ C_IDENTIFIED_ON, C_STATUS_DATE },
};

static int check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	bool realised = row[C_STATUS].i == CE_RISK_STATUS_REALISED;
	if (realised && !row[C_REALISED_BY].i)
		return ce__fail(db, CE_EINVALID, "risk.realised_by: '%.*s' is realised; name the incident "
		                "that realised it", ce__clip(row[C_TITLE].s, 80), row[C_TITLE].s);
	if (!row[C_REALISED_BY].i || !row[C_PLACEMENT].i)
		return CE_OK;
	/* a placement's risk is realised by an incident of that placement */
	const ce_table_def *it = ce__entity_table(CE_ENTITY_INCIDENT);
	int pc = ce__column_by_name(it, "placement");
	ce_value inc[CE_MAX_COLUMNS];
	int rc = ce__fetch_copy(db, it, row[C_REALISED_BY].i, inc);
	if (rc != CE_OK)
		return rc;
	if (inc[pc].i != row[C_PLACEMENT].i)
		rc = ce__fail(db, CE_EINVALID, "risk.realised_by: incident %lld happened in placement %lld, "
		              "not in placement %lld the risk is about", (long long)row[C_REALISED_BY].i,
		              (long long)inc[pc].i, (long long)row[C_PLACEMENT].i);
	ce__row_clear(it, inc);
	return rc;
}

static const struct ce_table_rules rules = {
	.exactly_one = exactly_one,
	.date_orders = date_orders,
	.ndate_orders = (int)CE_ARRAY_LEN(date_orders),
	.lifecycles = lifecycles,
	.nlifecycles = (int)CE_ARRAY_LEN(lifecycles),
	.check = check,
	.check_move = check, /* realised needs realised_by */
};

const ce_table_def ce__risk_table = {
	CE_ENTITY_RISK, "risk", "a risk to an agreement, project or placement, and what became of it",
	(int)CE_ARRAY_LEN(columns), columns, NULL, 0, NULL, sizeof(ce_risk_spec), &rules,
};

HISTORY_TABLE(ce__risk_status_history_table, CE_TABLE_RISK_STATUS_HISTORY, "risk_status_history",
              CE_ENTITY_RISK, status_tokens)

CE_DEFINE_RECORD_API(risk, CE_ENTITY_RISK, CE_RISK_SPEC_VERSION)

ce_result ce_risk_set_status(ce_db *db, int64_t id, ce_risk_status to, ce_date on)
{
	return ce_record_transition(db, CE_ENTITY_RISK, id, "status", (int)to, on);
}
