/* What happens during a placement: incidents and feedback. Rule: neither
 * can predate the placement's start, which would skew feedback latency. */
#include "columns.h"

/* Refuses `date` (column `what`) earlier than the start of `placement`. */
static int not_before_start(ce_db *db, const char *what, int64_t placement, ce_date date)
{
	const ce_table_def *pt = ce__entity_table(CE_ENTITY_PLACEMENT);
	int start = ce__column_by_name(pt, "start_date");
	ce_value p[CE_MAX_COLUMNS];
	int rc = ce__fetch_copy(db, pt, placement, p);
	if (rc != CE_OK)
		return rc;
	if (date < p[start].i) {
		char d[16], s[16];
		ce_date_format(d, sizeof d, date);
		ce_date_format(s, sizeof s, (ce_date)p[start].i);
		rc = ce__fail(db, CE_EINVALID, "%s: %s is before the start %s of placement %lld", what, d, s,
		              (long long)placement);
	}
	ce__row_clear(pt, p);
	return rc;
}

/* ---- incident --------------------------------------------------------- */

static const char *const incident_kind_tokens[] = {
	NULL, "absence_without_leave", "misconduct", "safety", "other",
};

enum { I_PLACEMENT, I_OCCURRED_ON, I_KIND, I_DESCRIPTION, I_RESOLVED_ON };

static const ce_column_def incident_columns[] = {
	COL_REF(ce_incident_spec, placement, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_PLACEMENT),
	COL_DATE(ce_incident_spec, occurred_on, CE_COL_REQUIRED),
	COL_ENUM(ce_incident_spec, kind, CE_COL_REQUIRED, ce_incident_kind, incident_kind_tokens),
	COL_TEXT(ce_incident_spec, description, 0),
	COL_DATE(ce_incident_spec, resolved_on, 0),
};

static const ce_date_order incident_date_orders[] = { { I_OCCURRED_ON, I_RESOLVED_ON } };

static int incident_check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	return not_before_start(db, "incident.occurred_on", row[I_PLACEMENT].i,
	                        (ce_date)row[I_OCCURRED_ON].i);
}

static const struct ce_table_rules incident_rules = {
	.date_orders = incident_date_orders,
	.ndate_orders = (int)CE_ARRAY_LEN(incident_date_orders),
	.check = incident_check,
};

const ce_table_def ce__incident_table = {
	CE_ENTITY_INCIDENT, "incident", "something that went wrong during a placement",
	(int)CE_ARRAY_LEN(incident_columns), incident_columns, NULL, 0, NULL, sizeof(ce_incident_spec),
	&incident_rules,
};

CE_DEFINE_RECORD_API(incident, CE_ENTITY_INCIDENT, CE_INCIDENT_SPEC_VERSION)

/* ---- feedback --------------------------------------------------------- */

static const char *const direction_tokens[] = {
	NULL, "enterprise_to_school", "school_to_enterprise", "student_to_school",
};

enum { F_PLACEMENT, F_DIRECTION, F_GIVEN_ON, F_SCORE, F_COMMENT };

static const ce_column_def feedback_columns[] = {
	COL_REF(ce_feedback_spec, placement, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_PLACEMENT),
	COL_ENUM(ce_feedback_spec, direction, CE_COL_REQUIRED, ce_feedback_direction, direction_tokens),
	COL_DATE(ce_feedback_spec, given_on, CE_COL_REQUIRED),
	COL_REAL(ce_feedback_spec, score, 0, 0, 100),
	COL_TEXT(ce_feedback_spec, comment, 0),
};

static int feedback_check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	return not_before_start(db, "feedback.given_on", row[F_PLACEMENT].i, (ce_date)row[F_GIVEN_ON].i);
}

static const struct ce_table_rules feedback_rules = { .check = feedback_check };

const ce_table_def ce__feedback_table = {
	CE_ENTITY_FEEDBACK, "feedback", "feedback about a placement in one direction",
	(int)CE_ARRAY_LEN(feedback_columns), feedback_columns, NULL, 0, NULL, sizeof(ce_feedback_spec),
	&feedback_rules,
};

CE_DEFINE_RECORD_API(feedback, CE_ENTITY_FEEDBACK, CE_FEEDBACK_SPEC_VERSION)
