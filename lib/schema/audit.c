/* The audit trail's table: one row per changed record (lib/core/audit.c
 * appends them; nothing in the API edits them). role and actor are NULL
 * for a trusted handle; changes is a JSON object of [old, new] per column. */
#include "columns.h"

static const char *const role_tokens[] = { NULL,      "admin",   "office", "academic",
	                                       "mentor",  "student", "analyst" };
static const char *const operation_tokens[] = { NULL,         "create", "update", "delete",
	                                            "cascade",    "transition", "import", "merge",
	                                            "anonymise" };

_Static_assert(CE_ARRAY_LEN(role_tokens) == CE_ROLE_LAST + 1, "a token per role");
_Static_assert(CE_ARRAY_LEN(operation_tokens) == CE_AUDIT_OP_LAST + 1, "a token per operation");

static const ce_column_def columns[] = {
	{ "at", CE_TYPE_TEXT, CE_COL_REQUIRED, 0, NULL, 0, 0, 0, 0, 1 },
	{ "actor", CE_TYPE_TEXT, 0, 0, NULL, 0, 0, 0, 0, 1 },
	{ "role", CE_TYPE_ENUM, 0, 0, CE_TOKENS(role_tokens), 0, 0, 0, 1 },
	{ "operation", CE_TYPE_ENUM, CE_COL_REQUIRED, 0, CE_TOKENS(operation_tokens), 0, 0, 0, 1 },
	{ "entity", CE_TYPE_TEXT, CE_COL_REQUIRED, 0, NULL, 0, 0, 0, 0, 1 },
	{ "record", CE_TYPE_INT, CE_COL_REQUIRED | CE_COL_INDEXED, 0, NULL, 0, 0, 0, 0, 1 },
	{ "changes", CE_TYPE_TEXT, 0, 0, NULL, 0, 0, 0, 0, 1 },
};

const ce_table_def ce__audit_table = {
	CE_TABLE_AUDIT, "audit", "one change to one record: who, when, in which role, what",
	(int)CE_ARRAY_LEN(columns), columns, NULL, 0, NULL, 0, NULL,
};
