/**
 * @file coopedu/sys/schema.h
 * @brief The schema as data, for backend implementers: tables, typed
 *        columns, values and queries. The core owns the schema and every
 *        rule; a backend only stores and fetches rows shaped by it.
 *
 * Consumers (tools, the CLI, language bindings) must not read these
 * structs: use the introspection accessors of record.h (ce_column_flags(),
 * ce_entity_description(), ce_entity_link_name(), ...), which stay stable
 * when the layout below changes.
 */
#ifndef COOPEDU_SYS_SCHEMA_H
#define COOPEDU_SYS_SCHEMA_H

#include "../record.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The layout version of ce_column_def, ce_link_def and ce_table_def: bumped
 * whenever any of them gains, loses, reorders or retypes a member, so that
 * a backend built against another layout can refuse to compile.
 * @since 0.2
 */
#define CE_SCHEMA_LAYOUT_VERSION 1

/* The column flags (CE_COL_*, in ce_column_def.flags) are in record.h. */

struct ce_table_rules; /* core-private: validation hooks and lifecycles */

/** One column. Column 0 is the first data column: the id is implicit. */
typedef struct ce_column_def {
	const char *name;            /**< lower_snake_case, also the SQL column name */
	ce_column_type type;         /**< storage and validation type */
	unsigned int flags;          /**< CE_COL_* (record.h) */
	int ref;                     /**< REF: index of the target table in the schema */
	const char *const *tokens;   /**< ENUM: tokens[v] names value v (tokens[0] unused);
	                                  FLAGS: tokens[i] names bit i */
	int ntokens;                 /**< length of tokens */
	double min, max;             /**< INT/REAL inclusive range when min < max */
	size_t offset;               /**< core: offset of the field in the typed spec */
	unsigned int since;          /**< core: spec version that added the field */
} ce_column_def;

/**
 * A virtual filter column: records of this table that have a row in table
 * @p table whose @p self_column is their id and whose @p other_column equals
 * the filter value (e.g. project "partner" via project_partner).
 */
typedef struct ce_link_def {
	const char *name;
	int table;
	int self_column;
	int other_column;
} ce_link_def;

/** One table. */
typedef struct ce_table_def {
	int index;                    /**< position in ce_schema.tables; ce_entity for entities */
	const char *name;             /**< also the SQL table name */
	const char *doc;              /**< one line: what a row is */
	int ncolumns;
	const ce_column_def *columns;
	const int *const *unique_groups; /**< NULL-terminated; each a -1-terminated column list */
	int nlinks;
	const ce_link_def *links;
	size_t spec_size;             /**< core: sizeof the typed spec */
	const struct ce_table_rules *rules; /**< core only */
} ce_table_def;

/** The whole schema: tables[1..ntables-1]; tables[0] is NULL. */
typedef struct ce_schema {
	unsigned int version;  /**< schema version stored by backends (SQLite user_version) */
	int ntables;
	const ce_table_def *const *tables;
} ce_schema;

/** A cell. Integer-like types use @p i, REAL uses @p r, TEXT uses @p s. */
typedef struct ce_value {
	int64_t i;
	double r;
	const char *s;
	int null;   /**< nonzero: NULL, the other members are ignored */
} ce_value;

/** Condition operators. */
typedef enum ce_cond_op {
	CE_COND_EQ = 1,     /**< column = low */
	CE_COND_RANGE = 2,  /**< low <= column <= high; a NULL bound is open */
	CE_COND_NULL = 3,   /**< column IS NULL */
	CE_COND_LINK = 4    /**< EXISTS link row with other_column = low */
} ce_cond_op;

/** One condition of a query. */
typedef struct ce_condition {
	ce_cond_op op;
	int column;               /**< column index (not for CE_COND_LINK) */
	const ce_link_def *link;  /**< CE_COND_LINK only */
	ce_value low, high;
} ce_condition;

/** A conjunction of conditions; results come in ascending id order. */
typedef struct ce_query {
	unsigned int nconditions;
	const ce_condition *conditions;
} ce_query;

/** The schema this library stores. @since 0.1 */
CE_EXTERN const ce_schema *ce_schema_get(void);

#ifdef __cplusplus
}
#endif
#endif
