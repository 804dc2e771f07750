/* What a platform was built with: equipment and funding. Rules: money
 * with a valid currency (required with a value); a funding's source is
 * exactly one of a partner or a named funder; neither an equipment's
 * acquisition nor a funding's year precedes the platform's establishment,
 * checked from both sides (the asset's write, and the platform's:
 * ce__platform_check_assets()). */
#include "columns.h"
#include "rules.h"

enum { Q_PLATFORM, Q_NAME, Q_VALUE, Q_CURRENCY, Q_ACQUIRED_ON, Q_SOURCE };
enum { F_PLATFORM, F_AMOUNT, F_CURRENCY, F_YEAR, F_SOURCE, F_FUNDER, F_PURPOSE };

/* The platform's established_on, 0 when unknown. */
static int established(ce_db *db, int64_t platform, int64_t *out)
{
	const ce_table_def *pt = ce__entity_table(CE_ENTITY_PLATFORM);
	ce_value row[CE_MAX_COLUMNS];
	int rc = ce__store_fetch(db, pt, platform, row);
	if (rc != CE_OK)
		return rc;
	const ce_value *e = &row[ce__column_by_name(pt, "established_on")];
	*out = e->null ? 0 : e->i;
	return CE_OK;
}

static int check_currency(ce_db *db, const char *table, const ce_value *cur, int64_t amount)
{
	if (!cur->null && !ce__currency_valid(cur->s))
		return ce__fail(db, CE_EINVALID, "%s.currency: '%.*s' is not a 3-letter ISO 4217 code "
		                "such as 'CNY'", table, ce__clip(cur->s, 40), cur->s);
	if (cur->null && amount > 0)
		return ce__fail(db, CE_EINVALID, "%s.currency: required for the amount %lld (e.g. 'CNY')",
		                table, (long long)amount);
	return CE_OK;
}

/* ---- platform_equipment ------------------------------------------------- */

static const ce_column_def equipment_columns[] = {
	COL_REF(ce_platform_equipment_spec, platform, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_PLATFORM),
	COL_TEXT(ce_platform_equipment_spec, name, CE_COL_REQUIRED),
	COL_MONEY(ce_platform_equipment_spec, value, 0),
	COL_TEXT(ce_platform_equipment_spec, currency, 0),
	COL_DATE(ce_platform_equipment_spec, acquired_on, 0),
	COL_REF(ce_platform_equipment_spec, source, 0, CE_ENTITY_PARTNER),
};

static int check_equipment(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	int64_t since;
	int rc = check_currency(db, "platform_equipment", &row[Q_CURRENCY], row[Q_VALUE].i);
	if (rc != CE_OK || row[Q_ACQUIRED_ON].null ||
	    (rc = established(db, row[Q_PLATFORM].i, &since)) != CE_OK)
		return rc;
	if (since && row[Q_ACQUIRED_ON].i < since)
		return ce__fail(db, CE_EINVALID, "platform_equipment.acquired_on: %lld for '%.*s' is before "
		                "platform %lld was established (%lld)", (long long)row[Q_ACQUIRED_ON].i,
		                ce__clip(row[Q_NAME].s, 80), row[Q_NAME].s, (long long)row[Q_PLATFORM].i,
		                (long long)since);
	return CE_OK;
}

static const struct ce_table_rules equipment_rules = { .check = check_equipment };

const ce_table_def ce__platform_equipment_table = {
	CE_ENTITY_PLATFORM_EQUIPMENT, "platform_equipment", "a piece of equipment of a platform",
	(int)CE_ARRAY_LEN(equipment_columns), equipment_columns, NULL, 0, NULL,
	sizeof(ce_platform_equipment_spec), &equipment_rules,
};

CE_DEFINE_RECORD_API(platform_equipment, CE_ENTITY_PLATFORM_EQUIPMENT,
                     CE_PLATFORM_EQUIPMENT_SPEC_VERSION)

/* ---- platform_funding --------------------------------------------------- */

static const ce_column_def funding_columns[] = {
	COL_REF(ce_platform_funding_spec, platform, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_PLATFORM),
	COL_MONEY(ce_platform_funding_spec, amount, CE_COL_REQUIRED),
	COL_TEXT(ce_platform_funding_spec, currency, CE_COL_REQUIRED),
	COL_INT(ce_platform_funding_spec, year, CE_COL_REQUIRED, 1900, 2199),
	COL_REF(ce_platform_funding_spec, source, 0, CE_ENTITY_PARTNER),
	COL_TEXT(ce_platform_funding_spec, funder, 0),
	COL_TEXT(ce_platform_funding_spec, purpose, 0),
};

static const int one_source[] = { F_SOURCE, F_FUNDER, -1 };
static const int *const funding_exactly_one[] = { one_source, NULL };

static int check_funding(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	int64_t since;
	int rc = check_currency(db, "platform_funding", &row[F_CURRENCY], row[F_AMOUNT].i);
	if (rc != CE_OK || (rc = established(db, row[F_PLATFORM].i, &since)) != CE_OK)
		return rc;
	if (since && row[F_YEAR].i < since / 10000)
		return ce__fail(db, CE_EINVALID, "platform_funding.year: %lld is before platform %lld was "
		                "established (%lld)", (long long)row[F_YEAR].i, (long long)row[F_PLATFORM].i,
		                (long long)since);
	return CE_OK;
}

static const struct ce_table_rules funding_rules = {
	.exactly_one = funding_exactly_one,
	.check = check_funding,
};

const ce_table_def ce__platform_funding_table = {
	CE_ENTITY_PLATFORM_FUNDING, "platform_funding",
	"money put into a platform in one year, from a partner or a named funder",
	(int)CE_ARRAY_LEN(funding_columns), funding_columns, NULL, 0, NULL,
	sizeof(ce_platform_funding_spec), &funding_rules,
};

CE_DEFINE_RECORD_API(platform_funding, CE_ENTITY_PLATFORM_FUNDING, CE_PLATFORM_FUNDING_SPEC_VERSION)

/* ---- the platform's side ------------------------------------------------ */

/* The first asset of platform id dated before `since` (set: > 0), as a
 * refusal naming it. */
static int first_before(ce_db *db, int entity, int platform_col, int date_col, bool year,
                        int64_t id, int64_t since)
{
	const ce_table_def *t = ce__entity_table((ce_entity)entity);
	ce_condition cond = { .op = CE_COND_EQ, .column = platform_col, .low = { .i = id } };
	ce_query q = { 1, &cond };
	ce_scan scan;
	int64_t aid;
	const ce_value *a;
	int rc = ce__scan_open(&scan, db, t, &q);
	while (rc == CE_OK && (rc = ce__scan_next(&scan, &aid, &a)) == CE_OK) {
		const ce_value *d = &a[date_col];
		if (!d->null && (year ? d->i < since / 10000 : d->i < since)) {
			rc = ce__fail(db, CE_EINVALID, "platform.established_on: %lld is after %s %lld's %s %lld",
			              (long long)since, t->name, (long long)aid, t->columns[date_col].name,
			              (long long)d->i);
			break;
		}
	}
	ce__scan_close(&scan);
	return rc == CE_ITEROVER ? CE_OK : rc;
}

int ce__platform_check_assets(ce_db *db, int64_t id, const ce_value *established_on)
{
	int rc;
	if (!id || established_on->null)
		return CE_OK; /* a new platform has no assets yet */
	if ((rc = first_before(db, CE_ENTITY_PLATFORM_EQUIPMENT, Q_PLATFORM, Q_ACQUIRED_ON, false, id,
	                       established_on->i)) != CE_OK)
		return rc;
	return first_before(db, CE_ENTITY_PLATFORM_FUNDING, F_PLATFORM, F_YEAR, true, id,
	                    established_on->i);
}
