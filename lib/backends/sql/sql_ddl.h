/* The parts of a table's DDL every SQL engine writes alike, from the
 * schema: its UNIQUE groups and the indexes of its references and hinted
 * columns; and SQLite's CHECK of an ENUM's tokens. Each backend writes the
 * rest (types, ids, identity, PostgreSQL its enumerations' CHECKs) in its
 * own ddl.c; identifiers go through its quoting. */
#ifndef CE_BACKENDS_SQL_DDL_H
#define CE_BACKENDS_SQL_DDL_H

#include "coopedu/sys/schema.h"
#include "sql_buf.h"

typedef void (*ce_sql_ident_fn)(ce_sqlbuf *b, const char *name);

/* ",\n\tUNIQUE (a, b)" for each unique group; CE_EINVALID when a group
 * names no column of t. */
int ce__sql_unique_groups(ce_sqlbuf *b, ce_sql_ident_fn ident, const ce_table_def *t);
/* " CHECK (c = 'tok1' OR c = 'tok2' ...)", SQLite's CHECK of an ENUM's
 * tokens (PostgreSQL writes its own); CE_EINVALID for an ENUM without
 * tokens. */
int ce__sql_enum_check(ce_sqlbuf *b, ce_sql_ident_fn ident, const ce_column_def *col);
/* Whether column leads a UNIQUE constraint of t (UNIQUE itself, or the
 * first column of a unique group), whose index serves it as well. */
bool ce__sql_indexed_by_unique(const ce_table_def *t, int column);
/* "CREATE INDEX idx_<table>_<column> ON table (column);\n" for every REF
 * column and every column flagged indexed, unless a UNIQUE constraint's
 * index leads with it already. */
void ce__sql_indexes(ce_sqlbuf *b, ce_sql_ident_fn ident, const ce_table_def *t);

#endif
