/* Evaluation: a score for a supervisor on one criterion over one period;
 * the incentive the papers find missing for enterprise supervisors. */
#include "columns.h"

static const char *const evaluator_tokens[] = { NULL, "student", "school", "enterprise" };

enum { C_SUPERVISOR, C_PERIOD_START, C_PERIOD_END, C_EVALUATOR, C_CRITERION, C_SCORE, C_COMMENT };

static const ce_column_def columns[] = {
	COL_REF(ce_evaluation_spec, supervisor, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_SUPERVISOR),
	COL_DATE(ce_evaluation_spec, period_start, CE_COL_REQUIRED),
	COL_DATE(ce_evaluation_spec, period_end, CE_COL_REQUIRED),
	COL_ENUM(ce_evaluation_spec, evaluator, CE_COL_REQUIRED, ce_evaluator, evaluator_tokens),
	COL_TEXT(ce_evaluation_spec, criterion, CE_COL_REQUIRED),
	COL_REAL(ce_evaluation_spec, score, 0, 0, 100),
	COL_TEXT(ce_evaluation_spec, comment, 0),
};

static const ce_date_order date_orders[] = { { C_PERIOD_START, C_PERIOD_END } };

static const struct ce_table_rules rules = {
	.date_orders = date_orders,
	.ndate_orders = (int)CE_ARRAY_LEN(date_orders),
};

const ce_table_def ce__evaluation_table = {
	CE_ENTITY_EVALUATION, "evaluation", "a score for a supervisor on one criterion for a period",
	(int)CE_ARRAY_LEN(columns), columns, NULL, 0, NULL, sizeof(ce_evaluation_spec), &rules,
};

CE_DEFINE_RECORD_API(evaluation, CE_ENTITY_EVALUATION, CE_EVALUATION_SPEC_VERSION)
