/**
 * @file coopedu/table.h
 * @brief Result tables: named, typed columns and rows, as the analytics
 *        return them. A table is a detached copy: valid after the store
 *        is closed, until ce_table_free().
 */
#ifndef COOPEDU_TABLE_H
#define COOPEDU_TABLE_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A result table. Column types are CE_TYPE_INT, _REAL, _TEXT, _DATE or _BOOL. */
typedef struct ce_table ce_table;

/** Frees a table; NULL is ignored. @since 0.1 */
CE_EXTERN void ce_table_free(ce_table *table);
/** The table's name, e.g. "outcome_funnel"; borrowed until ce_table_free(). @since 0.1 */
CE_EXTERN const char *ce_table_name(const ce_table *table);
/** Number of rows (0 for NULL). @since 0.1 */
CE_EXTERN size_t ce_table_row_count(const ce_table *table);
/** Number of columns (0 for NULL). @since 0.1 */
CE_EXTERN int ce_table_column_count(const ce_table *table);
/** Name of column @p col, or NULL if out of range; borrowed until ce_table_free(). @since 0.1 */
CE_EXTERN const char *ce_table_column_name(const ce_table *table, int col);
/** Type of column @p col, or 0 if out of range. @since 0.1 */
CE_EXTERN ce_column_type ce_table_column_type(const ce_table *table, int col);
/**
 * Index of the column named @p name.
 * @param[out] out the index.
 * @return #CE_OK, #CE_ENOTFOUND or #CE_EINVALID.
 * @since 0.1
 */
CE_EXTERN ce_result ce_table_column_index(int *out, const ce_table *table, const char *name);
/** Whether a cell is NULL (1), set (0) or out of range (-1). @since 0.1 */
CE_EXTERN int ce_table_is_null(const ce_table *table, size_t row, int col);
/**
 * An INT, DATE (YYYYMMDD) or BOOL cell.
 * @param[out] out the value; 0 when NULL.
 * @return #CE_OK or #CE_EINVALID (out of range, or another type).
 * @since 0.1
 */
CE_EXTERN ce_result ce_table_get_int(int64_t *out, const ce_table *table, size_t row, int col);
/**
 * A REAL cell (INT cells convert).
 * @param[out] out the value; 0.0 when NULL.
 * @return #CE_OK or #CE_EINVALID.
 * @since 0.1
 */
CE_EXTERN ce_result ce_table_get_real(double *out, const ce_table *table, size_t row, int col);
/**
 * A TEXT cell: the text, or NULL when NULL, out of range or not TEXT.
 * Borrowed until ce_table_free().
 * @since 0.1
 */
CE_EXTERN const char *ce_table_get_text(const ce_table *table, size_t row, int col);

#ifdef __cplusplus
}
#endif
#endif
