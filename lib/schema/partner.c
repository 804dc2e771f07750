/* Partner: an organisation of the four rings (government, industry,
 * enterprise, school). Rules: ownership describes enterprises only; a
 * unified social credit code is well formed (GB 32100-2015). */
#include <string.h>

#include "columns.h"

static const char *const kind_tokens[] = {
	NULL, "university", "enterprise", "government", "industry_association",
	"research_institute", "social_organisation",
};
static const char *const ownership_tokens[] = {
	NULL, "state_owned", "private", "foreign", "joint_venture",
};

enum { C_NAME, C_KIND, C_SECTOR, C_REGION, C_OWNERSHIP, C_CREDIT_CODE };

static const ce_column_def columns[] = {
	COL_TEXT(ce_partner_spec, name, CE_COL_REQUIRED | CE_COL_UNIQUE | CE_COL_KEY),
	COL_ENUM(ce_partner_spec, kind, CE_COL_REQUIRED, ce_partner_kind, kind_tokens),
	COL_TEXT(ce_partner_spec, sector, 0),
	COL_TEXT(ce_partner_spec, region, 0),
	COL_ENUM(ce_partner_spec, ownership, 0, ce_ownership, ownership_tokens),
	/* schema 3, spec version 2 */
	{ "credit_code", CE_TYPE_TEXT, CE_COL_UNIQUE, 0, NULL, 0, 0, 0,
	  CE_FIELD(ce_partner_spec, credit_code, const char *), 2 },
};

/* GB 32100-2015: the 31 characters in the order of their values, and the
 * weights of positions 1..17 (3^(i-1) mod 31). */
static const char code_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int code_weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

static int credit_code_check(ce_db *db, const char *code)
{
	size_t n = strlen(code);
	int sum = 0;
	if (n != 18)
		return ce__fail(db, CE_EINVALID, "partner.credit_code: '%.*s' has %zu characters, "
		                "a unified social credit code has 18", ce__clip(code, 40), code, n);
	for (int i = 0; i < 18; i++) {
		const char *at = code[i] ? strchr(code_chars, code[i]) : NULL;
		if (!at)
			return ce__fail(db, CE_EINVALID, "partner.credit_code: '%s': character %d ('%c') is "
			                "not one of 0-9 A-Z without I O S V Z", code, i + 1,
			                code[i] >= 0x20 && code[i] < 0x7F ? code[i] : '?');
		if (i < 17)
			sum += (int)(at - code_chars) * code_weights[i];
	}
	char want = code_chars[(31 - sum % 31) % 31];
	if (code[17] != want)
		return ce__fail(db, CE_EINVALID, "partner.credit_code: '%s': the check character is '%c', "
		                "the first 17 give '%c' (a typing error?)", code, code[17], want);
	return CE_OK;
}

ce_result ce_credit_code_check(const char *code)
{
	if (!code)
		return ce__fail(NULL, CE_EINVALID, "credit_code_check: NULL code");
	return credit_code_check(NULL, code);
}

static int check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	int rc;
	if (!row[C_CREDIT_CODE].null && (rc = credit_code_check(db, row[C_CREDIT_CODE].s)) != CE_OK)
		return rc;
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

ce_result ce_partner_merge(ce_db *db, int64_t keep, int64_t drop, ce_table **report)
{
	return ce_merge(db, CE_ENTITY_PARTNER, keep, drop, report);
}
