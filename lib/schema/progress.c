/* Progress report: one periodic report by a student, optionally on a
 * subtopic (literature and reading reports often precede the topic). */
#include "columns.h"

static const char *const kind_tokens[] = {
	NULL, "literature", "reading", "experiment", "proposal_defence", "mid_term", "final",
};

static const ce_column_def columns[] = {
	COL_REF(ce_progress_report_spec, student, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_STUDENT),
	COL_REF(ce_progress_report_spec, subtopic, 0, CE_ENTITY_SUBTOPIC),
	COL_ENUM(ce_progress_report_spec, kind, CE_COL_REQUIRED, ce_progress_kind, kind_tokens),
	COL_DATE(ce_progress_report_spec, submitted_on, CE_COL_REQUIRED),
	COL_TEXT(ce_progress_report_spec, summary, 0),
};

const ce_table_def ce__progress_report_table = {
	CE_ENTITY_PROGRESS_REPORT, "progress_report", "a student's periodic progress report",
	(int)CE_ARRAY_LEN(columns), columns, NULL, 0, NULL, sizeof(ce_progress_report_spec), NULL,
};

CE_DEFINE_RECORD_API(progress_report, CE_ENTITY_PROGRESS_REPORT, CE_PROGRESS_REPORT_SPEC_VERSION)
