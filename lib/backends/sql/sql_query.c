/* The texts of sql_query.h: rows and scans as SQL, for every SQL backend. */
#include <stdio.h>

#include "sql_query.h"

static int invalid(const ce_sql_conn *c, const ce_table_def *table, unsigned int i, const char *why)
{
	char msg[256];
	snprintf(msg, sizeof msg, "query on %s: condition %u: %s", table->name, i, why);
	return c->driver->fail(c->conn, CE_EINVALID, msg);
}

/* The link table of a link condition, or NULL if the link is malformed. */
static const ce_table_def *link_table(const ce_sql_conn *c, const ce_link_def *link)
{
	if (!link || link->table <= 0 || link->table >= c->schema->ntables)
		return NULL;
	const ce_table_def *lt = c->schema->tables[link->table];
	if (!lt || link->self_column < 0 || link->self_column >= lt->ncolumns ||
	    link->other_column < 0 || link->other_column >= lt->ncolumns)
		return NULL;
	return lt;
}

static void column_ref(ce_sqlbuf *b, const ce_sql_dialect *d, const char *alias,
                       const ce_column_def *col)
{
	ce__sqlbuf_add(b, alias);
	ce__sqlbuf_add(b, ".");
	d->ident(b, col->name);
}

/* Enums are stored as tokens; a range compares their values. */
static void range_operand(ce_sqlbuf *b, const ce_sql_dialect *d, const ce_column_def *col)
{
	if (col->type != CE_TYPE_ENUM) {
		column_ref(b, d, "t", col);
		return;
	}
	ce__sqlbuf_add(b, "(CASE ");
	column_ref(b, d, "t", col);
	for (int v = 1; v < col->ntokens; v++) {
		if (!col->tokens[v])
			continue;
		ce__sqlbuf_add(b, " WHEN ");
		ce__sqlbuf_literal(b, col->tokens[v]);
		ce__sqlbuf_addf(b, " THEN %d", v);
	}
	ce__sqlbuf_add(b, " END)");
}

static void param(ce_sqlbuf *b, const ce_sql_dialect *d, const char *before, int *n)
{
	ce__sqlbuf_add(b, before);
	d->placeholder(b, ++*n);
}

static int condition_text(ce_sqlbuf *b, const ce_sql_conn *c, const ce_table_def *table,
                          const ce_condition *cond, unsigned int i, int *n)
{
	const ce_sql_dialect *d = c->dialect;
	const ce_column_def *col = NULL;
	if (cond->op != CE_COND_LINK) {
		if (cond->column < 0 || cond->column >= table->ncolumns)
			return invalid(c, table, i, "no such column");
		col = &table->columns[cond->column];
	}
	switch (cond->op) {
	case CE_COND_EQ:
		/* as in SQL, nothing equals NULL (a bound NULL matches no row) */
		column_ref(b, d, "t", col);
		param(b, d, " = ", n);
		return CE_OK;
	case CE_COND_RANGE:
		if (cond->low.null && cond->high.null) {
			column_ref(b, d, "t", col);
			ce__sqlbuf_add(b, " IS NOT NULL");
			return CE_OK;
		}
		range_operand(b, d, col);
		if (cond->low.null) {
			param(b, d, " <= ", n);
		} else if (cond->high.null) {
			param(b, d, " >= ", n);
		} else {
			param(b, d, " BETWEEN ", n);
			param(b, d, " AND ", n);
		}
		return CE_OK;
	case CE_COND_NULL:
		column_ref(b, d, "t", col);
		ce__sqlbuf_add(b, " IS NULL");
		return CE_OK;
	case CE_COND_LINK: {
		const ce_table_def *lt = link_table(c, cond->link);
		char alias[16];
		if (!lt)
			return invalid(c, table, i, "malformed link");
		snprintf(alias, sizeof alias, "l%u", i);
		ce__sqlbuf_add(b, "EXISTS (SELECT 1 FROM ");
		d->ident(b, lt->name);
		ce__sqlbuf_addf(b, " AS %s WHERE ", alias);
		column_ref(b, d, alias, &lt->columns[cond->link->self_column]);
		ce__sqlbuf_add(b, " = t.id AND ");
		column_ref(b, d, alias, &lt->columns[cond->link->other_column]);
		param(b, d, " = ", n);
		ce__sqlbuf_add(b, ")");
		return CE_OK;
	}
	}
	return invalid(c, table, i, "unknown operator");
}

int ce__sql_query_text(ce_sqlbuf *b, const ce_sql_conn *c, const ce_table_def *table,
                       const ce_query *query, enum ce_sql_query_kind kind)
{
	const ce_sql_dialect *d = c->dialect;
	unsigned int nconds = query ? query->nconditions : 0;
	int n = 0;
	if (nconds && !query->conditions)
		return invalid(c, table, 0, "conditions missing");
	if (kind == CE_SQL_QUERY_COUNT) {
		ce__sqlbuf_add(b, "SELECT count(*)");
	} else {
		ce__sqlbuf_add(b, "SELECT t.id");
		for (int col = 0; kind == CE_SQL_QUERY_SCAN && col < table->ncolumns; col++) {
			ce__sqlbuf_add(b, ", ");
			column_ref(b, d, "t", &table->columns[col]);
		}
	}
	ce__sqlbuf_add(b, " FROM ");
	d->ident(b, table->name);
	ce__sqlbuf_add(b, " AS t");
	for (unsigned int i = 0; i < nconds; i++) {
		ce__sqlbuf_add(b, i ? " AND " : " WHERE ");
		int rc = condition_text(b, c, table, &query->conditions[i], i, &n);
		if (rc != CE_OK)
			return rc;
	}
	if (kind != CE_SQL_QUERY_COUNT)
		ce__sqlbuf_add(b, kind == CE_SQL_QUERY_FIRST ? " ORDER BY t.id LIMIT 1" : " ORDER BY t.id");
	if (b->failed) {
		char msg[256];
		snprintf(msg, sizeof msg, "query on %s: out of memory", table->name);
		return c->driver->fail(c->conn, CE_ENOMEM, msg);
	}
	return CE_OK;
}

int ce__sql_query_operands(const ce_sql_conn *c, const ce_table_def *table, const ce_query *query,
                           ce_sql_operand_fn fn, void *arg)
{
	int n = 0, rc = CE_OK;
	for (unsigned int i = 0; query && i < query->nconditions && rc == CE_OK; i++) {
		const ce_condition *cond = &query->conditions[i];
		const ce_column_def *col = cond->op == CE_COND_LINK ? NULL : &table->columns[cond->column];
		switch (cond->op) {
		case CE_COND_EQ:
			rc = fn(arg, ++n, col, &cond->low, 0);
			break;
		case CE_COND_RANGE:
			if (!cond->low.null)
				rc = fn(arg, ++n, col, &cond->low, -1);
			if (rc == CE_OK && !cond->high.null)
				rc = fn(arg, ++n, col, &cond->high, 1);
			break;
		case CE_COND_LINK: {
			const ce_table_def *lt = c->schema->tables[cond->link->table];
			rc = fn(arg, ++n, &lt->columns[cond->link->other_column], &cond->low, 0);
			break;
		}
		case CE_COND_NULL:
			break;
		}
	}
	return rc;
}

static void column_list(ce_sqlbuf *b, const ce_sql_dialect *d, const ce_table_def *t,
                        const char *sep_first)
{
	for (int c = 0; c < t->ncolumns; c++) {
		ce__sqlbuf_add(b, c ? ", " : sep_first);
		d->ident(b, t->columns[c].name);
	}
}

void ce__sql_table_text(ce_sqlbuf *b, const ce_sql_dialect *d, const ce_table_def *t,
                        enum ce_sql_table_op op)
{
	switch (op) {
	case CE_SQL_INSERT:
		ce__sqlbuf_add(b, "INSERT INTO ");
		d->ident(b, t->name);
		if (t->ncolumns == 0) {
			ce__sqlbuf_add(b, " DEFAULT VALUES");
			break;
		}
		column_list(b, d, t, " (");
		ce__sqlbuf_add(b, ") VALUES (");
		for (int c = 0; c < t->ncolumns; c++) {
			if (c)
				ce__sqlbuf_add(b, ", ");
			d->placeholder(b, c + 1);
		}
		ce__sqlbuf_add(b, ")");
		break;
	case CE_SQL_FETCH:
		ce__sqlbuf_add(b, "SELECT id");
		column_list(b, d, t, ", ");
		ce__sqlbuf_add(b, " FROM ");
		d->ident(b, t->name);
		ce__sqlbuf_add(b, " WHERE id = ");
		d->placeholder(b, 1);
		break;
	case CE_SQL_EXISTS: /* the key alone: the primary key's b-tree, no row read */
		ce__sqlbuf_add(b, "SELECT 1 FROM ");
		d->ident(b, t->name);
		ce__sqlbuf_add(b, " WHERE id = ");
		d->placeholder(b, 1);
		break;
	case CE_SQL_REMOVE:
		ce__sqlbuf_add(b, "DELETE FROM ");
		d->ident(b, t->name);
		ce__sqlbuf_add(b, " WHERE id = ");
		d->placeholder(b, 1);
		break;
	case CE_SQL_UPDATE:
		ce__sqlbuf_add(b, "UPDATE ");
		d->ident(b, t->name);
		for (int c = 0; c < t->ncolumns; c++) {
			ce__sqlbuf_add(b, c ? ", " : " SET ");
			d->ident(b, t->columns[c].name);
			ce__sqlbuf_add(b, " = ");
			d->placeholder(b, c + 1);
		}
		ce__sqlbuf_add(b, " WHERE id = ");
		d->placeholder(b, t->ncolumns + 1);
		break;
	}
}
