/* The library's schema, private to the library: the positions of its
 * tables and lookups by position. The core is handed the schema (see
 * ce_db_open() in schema.c) and never includes this. */
#ifndef CE_SCHEMA_SCHEMA_H
#define CE_SCHEMA_SCHEMA_H

#include "coopedu/sys/schema.h"

/* Internal tables (lifecycle histories) follow the public entities. */
enum ce_internal_table {
	CE_TABLE_AGREEMENT_STATUS_HISTORY = CE_ENTITY_LAST + 1,
	CE_TABLE_PROJECT_STATUS_HISTORY,
	CE_TABLE_PROJECT_STAGE_HISTORY,
	CE_TABLE_SUBTOPIC_STATUS_HISTORY,
	CE_TABLE_STUDENT_STATUS_HISTORY,
	CE_TABLE_PLACEMENT_STATUS_HISTORY,
	CE_TABLE_OUTCOME_STATUS_HISTORY,
	CE_TABLE_RISK_STATUS_HISTORY,
	CE_TABLE_AUDIT,
	CE_TABLE_COUNT
};

const ce_table_def *ce__table(int index);         /* NULL if out of range */
const ce_table_def *ce__entity_table(ce_entity e); /* public entities only */

#endif
