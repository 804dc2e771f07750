/**
 * @file coopedu/sys/table.h
 * @brief Building result tables, for the core's analytics and for
 *        backends that compute reports inside their storage engine.
 */
#ifndef COOPEDU_SYS_TABLE_H
#define COOPEDU_SYS_TABLE_H

#include "../table.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Creates an empty table with the given columns (names copied).
 * @param[out] out the table, freed with ce_table_free().
 * @param name the table's name.
 * @param ncolumns number of columns (1..1024).
 * @param names column names (non-empty UTF-8, distinct).
 * @param types column types (INT, REAL, TEXT, DATE or BOOL).
 * @return #CE_OK, #CE_EINVALID or #CE_ENOMEM.
 * @since 0.1
 */
CE_EXTERN ce_result ce_table_new(ce_table **out, const char *name, int ncolumns,
                                 const char *const *names, const ce_column_type *types);
/**
 * Appends a row of NULL cells.
 * @param[out] out_row its index (may be NULL).
 * @return #CE_OK, #CE_EINVALID or #CE_ENOMEM.
 * @since 0.1
 */
CE_EXTERN ce_result ce_table_append_row(size_t *out_row, ce_table *table);
/** Sets an INT, DATE (a valid date) or BOOL (0 or 1) cell. @return #CE_OK or #CE_EINVALID. @since 0.1 */
CE_EXTERN ce_result ce_table_set_int(ce_table *table, size_t row, int col, int64_t value);
/** Sets a REAL cell (a non-finite value is #CE_EINVALID). @since 0.1 */
CE_EXTERN ce_result ce_table_set_real(ce_table *table, size_t row, int col, double value);
/** Sets a TEXT cell (copied; NULL makes it NULL); the text must be valid
 *  UTF-8 without control characters other than tab, CR and LF.
 *  @return #CE_OK, #CE_EINVALID or #CE_ENOMEM. @since 0.1 */
CE_EXTERN ce_result ce_table_set_text(ce_table *table, size_t row, int col, const char *value);
/** Makes a cell NULL. @return #CE_OK or #CE_EINVALID. @since 0.1 */
CE_EXTERN ce_result ce_table_set_null(ce_table *table, size_t row, int col);
/** Removes every row, keeping the columns and the room the rows took (a
 *  backend's report cursor reuses one table for each row); NULL is
 *  ignored. @since 0.3 */
CE_EXTERN void ce_table_clear(ce_table *table);

#ifdef __cplusplus
}
#endif
#endif
