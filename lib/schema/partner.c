/* Partner: an organisation of the four rings (government, industry,
 * enterprise, school). Rule: ownership describes enterprises only. */
#include "columns.h"

static const char *const kind_tokens[] = {
	NULL, "university", "enterprise", "government", "industry_association",
	"research_institute", "social_organisation",
};
static const char *const ownership_tokens[] = {
	NULL, "state_owned", "private", "foreign", "joint_venture",
};

enum { C_NAME, C_KIND, C_SECTOR, C_REGION, C_OWNERSHIP };

static const ce_column_def columns[] = {
	COL_TEXT(ce_partner_spec, name, CE_COL_REQUIRED | CE_COL_UNIQUE | CE_COL_KEY),
	COL_ENUM(ce_partner_spec, kind, CE_COL_REQUIRED, ce_partner_kind, kind_tokens),
	COL_TEXT(ce_partner_spec, sector, 0),
	COL_TEXT(ce_partner_spec, region, 0),
	COL_ENUM(ce_partner_spec, ownership, 0, ce_ownership, ownership_tokens),
};

static int check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	if (!row[C_OWNERSHIP].null && row[C_KIND].i != CE_PARTNER_ENTERPRISE)
		return ce__fail(db, CE_EINVALID,
		                "partner.ownership: '%s' given for '%s', but only enterprises have an ownership",
		                ownership_tokens[row[C_OWNERSHIP].i], row[C_NAME].s);
	return CE_OK;
}

static const struct ce_table_rules rules = { .check = check };

const ce_table_def ce__partner_table = {
	CE_ENTITY_PARTNER, "partner", "an organisation the university cooperates with",
	(int)CE_ARRAY_LEN(columns), columns, NULL, 0, NULL, sizeof(ce_partner_spec), &rules,
};

CE_DEFINE_RECORD_API(partner, CE_ENTITY_PARTNER, CE_PARTNER_SPEC_VERSION)

ce_result ce_partner_lookup_by_name(ce_partner **out, ce_db *db, const char *name)
{
	return ce__typed_lookup_by_text((ce_record **)out, db, CE_ENTITY_PARTNER, "name", name);
}
