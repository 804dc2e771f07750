/* The generic SQL every SQL backend runs for rows and scans, from the
 * schema alone: a ce_query as one SELECT (a conjunction of conditions over
 * the table, alias t, in ascending id order) and the per-table INSERT,
 * fetch-by-id and DELETE texts. A text depends only on its shape (table,
 * operators, columns, links, open range bounds), so it doubles as a
 * statement cache key; values are parameters, written by the dialect's
 * placeholder() and bound by the backend in ce__sql_query_operands()'s
 * order. Identifiers come through the dialect's ident(). */
#ifndef CE_BACKENDS_SQL_QUERY_H
#define CE_BACKENDS_SQL_QUERY_H

#include "sql.h"

enum ce_sql_query_kind { CE_SQL_QUERY_SCAN, CE_SQL_QUERY_FIRST, CE_SQL_QUERY_COUNT };

/* SCAN: "SELECT t.id, <every column> ..."; FIRST: "SELECT t.id ... LIMIT 1";
 * COUNT: "SELECT count(*) ...". CE_OK, or CE_EINVALID (a malformed
 * condition) or CE_ENOMEM, recorded through the driver. */
int ce__sql_query_text(ce_sqlbuf *b, const ce_sql_conn *c, const ce_table_def *table,
                       const ce_query *query, enum ce_sql_query_kind kind);

/* Calls @p fn for each operand of @p query, in the order of the text's
 * placeholders: n counts from 1; col is the column the value is compared
 * with; bound_side is -1 or 1 for the low or high bound of a range, 0 for
 * equality (an ENUM range compares values, not tokens). Stops at, and
 * returns, the first failure. The query's shape must be valid (its text
 * was built). */
typedef int (*ce_sql_operand_fn)(void *arg, int n, const ce_column_def *col, const ce_value *v,
                                 int bound_side);
int ce__sql_query_operands(const ce_sql_conn *c, const ce_table_def *table, const ce_query *query,
                           ce_sql_operand_fn fn, void *arg);

enum ce_sql_table_op { CE_SQL_INSERT, CE_SQL_FETCH, CE_SQL_REMOVE, CE_SQL_UPDATE, CE_SQL_EXISTS };

/* INSERT of every column (parameters 1..ncolumns, in column order), fetch
 * of id and every column by id, DELETE by id (parameter 1), UPDATE of
 * every column (parameters 1..ncolumns) by id (parameter ncolumns + 1). */
void ce__sql_table_text(ce_sqlbuf *b, const ce_sql_dialect *d, const ce_table_def *t,
                        enum ce_sql_table_op op);

#endif
