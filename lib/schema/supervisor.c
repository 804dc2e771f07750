/* Supervisor: a person who guides students. Rule: an enterprise
 * supervisor belongs to a partner (the affiliation is what makes the
 * enterprise side of dual supervision traceable). */
#include "columns.h"

static const char *const kind_tokens[] = { NULL, "academic", "enterprise" };

enum { C_NAME, C_KIND, C_STAFF_NUMBER, C_AFFILIATION, C_TITLE, C_FIELD, C_INDUSTRY_EXPERIENCE };

static const ce_column_def columns[] = {
	COL_TEXT(ce_supervisor_spec, name, CE_COL_REQUIRED),
	COL_ENUM(ce_supervisor_spec, kind, CE_COL_REQUIRED, ce_supervisor_kind, kind_tokens),
	COL_TEXT(ce_supervisor_spec, staff_number, CE_COL_UNIQUE | CE_COL_KEY),
	COL_REF(ce_supervisor_spec, affiliation, 0, CE_ENTITY_PARTNER),
	COL_TEXT(ce_supervisor_spec, title, 0),
	COL_TEXT(ce_supervisor_spec, field, 0),
	COL_BOOL(ce_supervisor_spec, industry_experience, 0),
	/* spec version 2, schema 5 */
	COL_BOOL_SINCE(ce_supervisor_spec, entrepreneurship_experience, 0, 2),
};

static int check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	if (row[C_KIND].i == CE_SUPERVISOR_ENTERPRISE && row[C_AFFILIATION].null)
		return ce__fail(db, CE_EINVALID,
		                "supervisor.affiliation: required for enterprise supervisor '%.*s'",
		                ce__clip(row[C_NAME].s, 80), row[C_NAME].s);
	return CE_OK;
}

static const struct ce_table_rules rules = { .check = check };

const ce_table_def ce__supervisor_table = {
	CE_ENTITY_SUPERVISOR, "supervisor", "a person who guides students",
	(int)CE_ARRAY_LEN(columns), columns, NULL, 0, NULL, sizeof(ce_supervisor_spec), &rules,
};

CE_DEFINE_RECORD_API(supervisor, CE_ENTITY_SUPERVISOR, CE_SUPERVISOR_SPEC_VERSION)

ce_result ce_supervisor_lookup_by_staff_number(ce_supervisor **out, ce_db *db,
                                               const char *staff_number)
{
	return ce__typed_lookup_by_text((ce_record **)out, db, CE_ENTITY_SUPERVISOR, "staff_number",
	                                staff_number);
}

ce_result ce_supervisor_merge(ce_db *db, int64_t keep, int64_t drop, ce_table **report)
{
	return ce_merge(db, CE_ENTITY_SUPERVISOR, keep, drop, report);
}
