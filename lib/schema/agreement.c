/* Agreement: what the university and its partners agreed to do together.
 * Rules: at least one scope; end not before start; a status lifecycle
 * starting on the start date. Parties are the partners bound by it, each
 * in a role (the four rings need a partner of the ring's kind) for dates
 * within the agreement's. */
#include "columns.h"
#include "rules.h"

static const char *const scope_tokens[] = {
	"internship_hosting", "joint_training_base", "joint_laboratory", "joint_project",
	"order_class", "technology_transfer", "consulting", "curriculum_co_development",
	"staff_exchange",
};
static const char *const status_tokens[] = {
	NULL, "draft", "active", "expired", "terminated",
};

/* ---- agreement ------------------------------------------------------- */

enum { C_TITLE, C_SCOPES, C_SIGNED_ON, C_START_DATE, C_END_DATE, C_STATUS, C_STATUS_DATE,
	   C_CONDUCT_TERMS };

static const ce_column_def columns[] = {
	COL_TEXT(ce_agreement_spec, title, CE_COL_REQUIRED),
	COL_FLAGS(ce_agreement_spec, scopes, CE_COL_REQUIRED, scope_tokens),
	COL_DATE(ce_agreement_spec, signed_on, 0),
	COL_DATE(ce_agreement_spec, start_date, CE_COL_REQUIRED),
	COL_DATE(ce_agreement_spec, end_date, 0),
	COL_ENUM(ce_agreement_spec, status, CE_COL_REQUIRED | CE_COL_LIFECYCLE, ce_agreement_status,
	         status_tokens),
	COL_DATE(ce_agreement_spec, status_date, CE_COL_REQUIRED),
	COL_TEXT(ce_agreement_spec, conduct_terms, 0),
};

_Static_assert(CE_ARRAY_LEN(scope_tokens) == 9 && CE_SCOPE_STAFF_EXCHANGE == 1u << 8,
               "scope tokens follow the CE_SCOPE_* bits");

static const ce_move status_moves[] = {
	{ 0, 0, CE_AGREEMENT_STATUS_DRAFT },
	{ 0, 0, CE_AGREEMENT_STATUS_ACTIVE },
	{ 0, CE_AGREEMENT_STATUS_DRAFT, CE_AGREEMENT_STATUS_ACTIVE },
	{ 0, CE_AGREEMENT_STATUS_DRAFT, CE_AGREEMENT_STATUS_TERMINATED },
	{ 0, CE_AGREEMENT_STATUS_ACTIVE, CE_AGREEMENT_STATUS_EXPIRED },
	{ 0, CE_AGREEMENT_STATUS_ACTIVE, CE_AGREEMENT_STATUS_TERMINATED },
};

static const ce_lifecycle_def lifecycles[] = {
	{ C_STATUS, C_STATUS_DATE, C_START_DATE, CE_TABLE_AGREEMENT_STATUS_HISTORY, -1, CE_MOVES(status_moves) },
};

static const ce_date_order date_orders[] = { { C_START_DATE, C_END_DATE } };

static int check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	/* FLAGS are never NULL (0 when unset), so "required" alone lets 0 through. */
	if (row[C_SCOPES].i == 0)
		return ce__fail(db, CE_EINVALID, "agreement.scopes: '%.*s' has no scope; give at least one",
		                ce__clip(row[C_TITLE].s, 80), row[C_TITLE].s);
	return CE_OK;
}

static const struct ce_table_rules rules = {
	.date_orders = date_orders,
	.ndate_orders = (int)CE_ARRAY_LEN(date_orders),
	.lifecycles = lifecycles,
	.nlifecycles = (int)CE_ARRAY_LEN(lifecycles),
	.check = check,
};

/* Agreements by party: ce_filter_eq_int(f, "partner", id). */
enum { P_AGREEMENT, P_PARTNER };

static const ce_link_def links[] = {
	{ "partner", CE_ENTITY_AGREEMENT_PARTY, P_AGREEMENT, P_PARTNER },
};

const ce_table_def ce__agreement_table = {
	CE_ENTITY_AGREEMENT, "agreement", "a cooperation agreement between the university and partners",
	(int)CE_ARRAY_LEN(columns), columns, NULL, (int)CE_ARRAY_LEN(links), links,
	sizeof(ce_agreement_spec), &rules,
};

HISTORY_TABLE(ce__agreement_status_history_table, CE_TABLE_AGREEMENT_STATUS_HISTORY,
              "agreement_status_history", CE_ENTITY_AGREEMENT, status_tokens)

CE_DEFINE_RECORD_API(agreement, CE_ENTITY_AGREEMENT, CE_AGREEMENT_SPEC_VERSION)

ce_result ce_agreement_set_status(ce_db *db, int64_t id, ce_agreement_status to, ce_date on)
{
	return ce_record_transition(db, CE_ENTITY_AGREEMENT, id, "status", (int)to, on);
}

/* ---- agreement_party ------------------------------------------------- */

static const char *const party_role_tokens[] = {
	NULL, "government_leads", "industry_guides", "enterprise_participates", "university_promotes",
	"signatory", "host",
};

enum { P_ROLE = P_PARTNER + 1, P_START_DATE, P_END_DATE };

static const ce_column_def party_columns[] = {
	COL_REF(ce_agreement_party_spec, agreement, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_AGREEMENT),
	COL_REF(ce_agreement_party_spec, partner, CE_COL_REQUIRED, CE_ENTITY_PARTNER),
	/* spec version 2, schema 12 */
	COL_ENUM_SINCE(ce_agreement_party_spec, role, 0, ce_agreement_party_role, party_role_tokens, 2),
	COL_DATE_SINCE(ce_agreement_party_spec, start_date, 0, 2),
	COL_DATE_SINCE(ce_agreement_party_spec, end_date, 0, 2),
};

static const int party_pair[] = { P_AGREEMENT, P_PARTNER, -1 };
static const int *const party_uniques[] = { party_pair, NULL };
static const ce_date_order party_date_orders[] = { { P_START_DATE, P_END_DATE } };

/* The partner kind each of the four rings takes (indexed by role; 0: any). */
static const int ring_kind[] = {
	0, CE_PARTNER_GOVERNMENT, CE_PARTNER_INDUSTRY_ASSOCIATION, CE_PARTNER_ENTERPRISE,
	CE_PARTNER_UNIVERSITY, 0, 0,
};
_Static_assert(CE_ARRAY_LEN(ring_kind) == CE_ARRAY_LEN(party_role_tokens), "a kind per role");

static int party_check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)id;
	int rc = ce__link_dates_within(db, table, row, P_START_DATE, P_END_DATE, P_AGREEMENT,
	                               "start_date", "end_date");
	if (rc != CE_OK || row[P_ROLE].null || !ring_kind[row[P_ROLE].i])
		return rc;
	const ce_table_def *pt = ce__entity_table(CE_ENTITY_PARTNER);
	int kind = ce__column_by_name(pt, "kind"), name = ce__column_by_name(pt, "name");
	ce_value partner[CE_MAX_COLUMNS];
	if ((rc = ce__fetch_copy(db, pt, row[P_PARTNER].i, partner)) != CE_OK)
		return rc;
	const ce_column_def *kc = &pt->columns[kind];
	if (partner[kind].i != ring_kind[row[P_ROLE].i])
		rc = ce__fail(db, CE_EINVALID,
		              "agreement_party.role: '%s' is taken by a partner of kind '%s', but '%.*s' is "
		              "of kind '%s'",
		              party_role_tokens[row[P_ROLE].i], kc->tokens[ring_kind[row[P_ROLE].i]],
		              ce__clip(partner[name].s, 80), partner[name].s, kc->tokens[partner[kind].i]);
	ce__row_clear(pt, partner);
	return rc;
}

static const struct ce_table_rules party_rules = {
	.date_orders = party_date_orders,
	.ndate_orders = (int)CE_ARRAY_LEN(party_date_orders),
	.check = party_check,
};

const ce_table_def ce__agreement_party_table = {
	CE_ENTITY_AGREEMENT_PARTY, "agreement_party", "a partner that is party to an agreement",
	(int)CE_ARRAY_LEN(party_columns), party_columns, party_uniques, 0, NULL,
	sizeof(ce_agreement_party_spec), &party_rules,
};

CE_DEFINE_RECORD_API(agreement_party, CE_ENTITY_AGREEMENT_PARTY, CE_AGREEMENT_PARTY_SPEC_VERSION)
