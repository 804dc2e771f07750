/* Supervision: a student–supervisor link. Rule: the enterprise role is
 * held by an enterprise supervisor, otherwise dual-supervision coverage
 * would count a teacher as the enterprise side. */
#include "columns.h"

static const char *const role_tokens[] = { NULL, "main", "deputy", "enterprise" };

enum { C_STUDENT, C_SUPERVISOR, C_ROLE, C_START_DATE, C_END_DATE };

static const ce_column_def columns[] = {
	COL_REF(ce_supervision_spec, student, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_STUDENT),
	COL_REF(ce_supervision_spec, supervisor, CE_COL_REQUIRED, CE_ENTITY_SUPERVISOR),
	COL_ENUM(ce_supervision_spec, role, CE_COL_REQUIRED, ce_supervision_role, role_tokens),
	COL_DATE(ce_supervision_spec, start_date, CE_COL_REQUIRED),
	COL_DATE(ce_supervision_spec, end_date, 0),
};

static const int student_supervisor_role[] = { C_STUDENT, C_SUPERVISOR, C_ROLE, -1 };
static const int *const uniques[] = { student_supervisor_role, NULL };

static const ce_date_order date_orders[] = { { C_START_DATE, C_END_DATE } };

static int check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	if (row[C_ROLE].i != CE_SUPERVISION_ROLE_ENTERPRISE)
		return CE_OK;
	const ce_table_def *st = ce__entity_table(CE_ENTITY_SUPERVISOR);
	int kind = ce__column_by_name(st, "kind"), name = ce__column_by_name(st, "name");
	ce_value sup[CE_MAX_COLUMNS];
	int rc = ce__fetch_copy(db, st, row[C_SUPERVISOR].i, sup);
	if (rc != CE_OK)
		return rc;
	if (sup[kind].i != CE_SUPERVISOR_ENTERPRISE)
		rc = ce__fail(db, CE_EINVALID,
		              "supervision.supervisor: role 'enterprise' needs an enterprise supervisor, "
		              "but '%.*s' (%lld) is %s",
		              ce__clip(sup[name].s, 80), sup[name].s, (long long)row[C_SUPERVISOR].i,
		              st->columns[kind].tokens[sup[kind].i]);
	ce__row_clear(st, sup);
	return rc;
}

static const struct ce_table_rules rules = {
	.date_orders = date_orders,
	.ndate_orders = (int)CE_ARRAY_LEN(date_orders),
	.check = check,
};

const ce_table_def ce__supervision_table = {
	CE_ENTITY_SUPERVISION, "supervision", "a supervisor's role for a student over a period",
	(int)CE_ARRAY_LEN(columns), columns, uniques, 0, NULL, sizeof(ce_supervision_spec), &rules,
};

CE_DEFINE_RECORD_API(supervision, CE_ENTITY_SUPERVISION, CE_SUPERVISION_SPEC_VERSION)
