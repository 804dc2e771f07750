/* Platform: a joint lab, research centre, base, park or incubator built
 * with partners (optionally under an agreement), and its host partners,
 * each in a role for dates from the platform's establishment on. Capacity
 * is simply non-negative; established_on stays before the platform's
 * equipment and funding (platform_assets.c). */
#include "columns.h"
#include "rules.h"

static const char *const kind_tokens[] = {
	NULL, "joint_laboratory", "engineering_research_centre", "graduate_training_base",
	"practice_teaching_base", "industrial_park", "incubator",
};
static const char *const level_tokens[] = {
	NULL, "national", "provincial", "municipal", "institutional",
};

/* ---- platform -------------------------------------------------------- */

enum { C_NAME, C_KIND, C_LEVEL, C_CAPACITY, C_ESTABLISHED_ON, C_AGREEMENT };

static const ce_column_def columns[] = {
	COL_TEXT(ce_platform_spec, name, CE_COL_REQUIRED | CE_COL_UNIQUE | CE_COL_KEY),
	COL_ENUM(ce_platform_spec, kind, CE_COL_REQUIRED, ce_platform_kind, kind_tokens),
	COL_ENUM(ce_platform_spec, level, CE_COL_REQUIRED, ce_platform_level, level_tokens),
	COL_INT(ce_platform_spec, capacity, CE_COL_NONNEG, 0, 0),
	COL_DATE(ce_platform_spec, established_on, 0),
	COL_REF(ce_platform_spec, agreement, 0, CE_ENTITY_AGREEMENT),
};

/* Platforms by host: ce_filter_eq_int(f, "partner", id). */
enum { H_PLATFORM, H_PARTNER };

static const ce_link_def links[] = {
	{ "partner", CE_ENTITY_PLATFORM_HOST, H_PLATFORM, H_PARTNER },
};

/* Its equipment and funding stay dated after its establishment. */
static int check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	return ce__platform_check_assets(db, id, &row[C_ESTABLISHED_ON]);
}

static const struct ce_table_rules rules = { .check = check };

const ce_table_def ce__platform_table = {
	CE_ENTITY_PLATFORM, "platform", "a platform (joint lab, base, park...) built with partners",
	(int)CE_ARRAY_LEN(columns), columns, NULL, (int)CE_ARRAY_LEN(links), links,
	sizeof(ce_platform_spec), &rules,
};

CE_DEFINE_RECORD_API(platform, CE_ENTITY_PLATFORM, CE_PLATFORM_SPEC_VERSION)

ce_result ce_platform_lookup_by_name(ce_platform **out, ce_db *db, const char *name)
{
	return ce__typed_lookup_by_text((ce_record **)out, db, CE_ENTITY_PLATFORM, "name", name);
}

/* ---- platform_host --------------------------------------------------- */

static const char *const host_role_tokens[] = { NULL, "host", "co_builder", "funder", "operator" };

enum { H_ROLE = H_PARTNER + 1, H_START_DATE, H_END_DATE };

static const ce_column_def host_columns[] = {
	COL_REF(ce_platform_host_spec, platform, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_PLATFORM),
	COL_REF(ce_platform_host_spec, partner, CE_COL_REQUIRED, CE_ENTITY_PARTNER),
	/* spec version 2, schema 12 */
	COL_ENUM_SINCE(ce_platform_host_spec, role, 0, ce_platform_host_role, host_role_tokens, 2),
	COL_DATE_SINCE(ce_platform_host_spec, start_date, 0, 2),
	COL_DATE_SINCE(ce_platform_host_spec, end_date, 0, 2),
};

static const int host_pair[] = { H_PLATFORM, H_PARTNER, -1 };
static const int *const host_uniques[] = { host_pair, NULL };
static const ce_date_order host_date_orders[] = { { H_START_DATE, H_END_DATE } };

static int host_check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)id;
	return ce__link_dates_within(db, table, row, H_START_DATE, H_END_DATE, H_PLATFORM,
	                             "established_on", NULL);
}

static const struct ce_table_rules host_rules = {
	.date_orders = host_date_orders,
	.ndate_orders = (int)CE_ARRAY_LEN(host_date_orders),
	.check = host_check,
};

const ce_table_def ce__platform_host_table = {
	CE_ENTITY_PLATFORM_HOST, "platform_host", "a partner hosting a platform",
	(int)CE_ARRAY_LEN(host_columns), host_columns, host_uniques, 0, NULL,
	sizeof(ce_platform_host_spec), &host_rules,
};

CE_DEFINE_RECORD_API(platform_host, CE_ENTITY_PLATFORM_HOST, CE_PLATFORM_HOST_SPEC_VERSION)
