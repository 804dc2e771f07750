/* DDL written alike by every SQL engine (see sql_ddl.h). */
#include "sql_ddl.h"

#include "coopedu/common.h"

int ce__sql_unique_groups(ce_sqlbuf *b, ce_sql_ident_fn ident, const ce_table_def *t)
{
	for (const int *const *g = t->unique_groups; g && *g; g++) {
		ce__sqlbuf_add(b, ",\n\tUNIQUE (");
		for (const int *c = *g; *c >= 0; c++) {
			if (*c >= t->ncolumns)
				return CE_EINVALID;
			ce__sqlbuf_add(b, c == *g ? "" : ", ");
			ident(b, t->columns[*c].name);
		}
		ce__sqlbuf_add(b, ")");
	}
	return CE_OK;
}

/* "c = 'a' OR c = 'b' ...", SQLite's form: SQLite evaluates a CHECK's IN
 * list of more than two constants by building a temporary b-tree on every
 * insert, which made the enumerations the largest cost of a raw insert; a
 * chain of comparisons enforces the same rule (NULL passes either way) at
 * a fraction of it. PostgreSQL writes its own, one array constant
 * (ce__pg_enum_check()): there the chain's stored node tree, read anew for
 * every statement, was the cost. */
int ce__sql_enum_check(ce_sqlbuf *b, ce_sql_ident_fn ident, const ce_column_def *col)
{
	if (!col->tokens || col->ntokens < 2)
		return CE_EINVALID;
	ce__sqlbuf_add(b, " CHECK (");
	for (int v = 1, first = 1; v < col->ntokens; v++) {
		if (!col->tokens[v])
			continue;
		ce__sqlbuf_add(b, first ? "" : " OR ");
		ident(b, col->name);
		ce__sqlbuf_add(b, " = ");
		ce__sqlbuf_literal(b, col->tokens[v]);
		first = 0;
	}
	ce__sqlbuf_add(b, ")");
	return CE_OK;
}

bool ce__sql_indexed_by_unique(const ce_table_def *t, int column)
{
	if (t->columns[column].flags & CE_COL_UNIQUE)
		return true;
	for (const int *const *g = t->unique_groups; g && *g; g++)
		if (**g == column)
			return true;
	return false;
}

void ce__sql_indexes(ce_sqlbuf *b, ce_sql_ident_fn ident, const ce_table_def *t)
{
	for (int c = 0; c < t->ncolumns; c++) {
		const ce_column_def *col = &t->columns[c];
		if ((col->type != CE_TYPE_REF && !(col->flags & CE_COL_INDEXED)) ||
		    ce__sql_indexed_by_unique(t, c))
			continue;
		ce_sqlbuf name = { 0 };
		ce__sqlbuf_addf(&name, "idx_%s_%s", t->name, col->name);
		ce__sqlbuf_add(b, "CREATE INDEX ");
		ident(b, name.failed ? "" : name.p);
		ce__sqlbuf_add(b, " ON ");
		ident(b, t->name);
		ce__sqlbuf_add(b, " (");
		ident(b, col->name);
		ce__sqlbuf_add(b, ");\n");
		b->failed |= name.failed;
		ce__sqlbuf_free(&name);
	}
}
