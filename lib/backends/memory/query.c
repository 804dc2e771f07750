/* Condition matching of the memory backend, with the meaning the same
 * query has in SQL: a NULL cell neither equals nor lies in a range, a
 * NULL range bound is open, TEXT compares bytewise (strcmp, like SQLite's
 * BINARY collation), REAL compares .r, every other type compares .i. */
#include <stdlib.h>
#include <string.h>

#include "memory_private.h"

/* The column a condition compares against: in t, or in the link table. */
static const ce_column_def *target_column(const ce_backend_conn *conn, const mem_table *t,
                                          const ce_condition *c)
{
	if (c->op == CE_COND_LINK)
		return &conn->tables[c->link->table].def->columns[c->link->other_column];
	return &t->def->columns[c->column];
}

static int check_bound(ce_backend_conn *conn, const mem_table *t, const ce_column_def *col,
                       const ce_value *v, unsigned int k)
{
	if (col->type == CE_TYPE_TEXT && !v->null && !v->s)
		return ce__mem_fail(conn, CE_EINVALID,
		                    "memory: condition %u on %s.%s: TEXT value is not NULL but has no string",
		                    k, t->def->name, col->name);
	return CE_OK;
}

static int check_link(ce_backend_conn *conn, const mem_table *t, const ce_link_def *l,
                      unsigned int k)
{
	if (!l)
		return ce__mem_fail(conn, CE_EINVALID, "memory: condition %u on %s: LINK without link",
		                    k, t->def->name);
	if (l->table <= 0 || l->table >= conn->schema->ntables || !conn->tables[l->table].def)
		return ce__mem_fail(conn, CE_EINVALID, "memory: link %s of %s: table %d is not in the schema",
		                    l->name ? l->name : "?", t->def->name, l->table);
	int n = conn->tables[l->table].def->ncolumns;
	if (l->self_column < 0 || l->self_column >= n || l->other_column < 0 || l->other_column >= n)
		return ce__mem_fail(conn, CE_EINVALID, "memory: link %s of %s: column out of range",
		                    l->name ? l->name : "?", t->def->name);
	return CE_OK;
}

int ce__mem_query_check(ce_backend_conn *conn, const mem_table *t, const ce_query *query)
{
	if (!query)
		return CE_OK;
	if (query->nconditions && !query->conditions)
		return ce__mem_fail(conn, CE_EINVALID, "memory: query on %s: %u conditions but no array",
		                    t->def->name, query->nconditions);
	for (unsigned int k = 0; k < query->nconditions; k++) {
		const ce_condition *c = &query->conditions[k];
		int rc;
		switch (c->op) {
		case CE_COND_EQ:
		case CE_COND_RANGE:
		case CE_COND_NULL:
			if (c->column < 0 || c->column >= t->def->ncolumns)
				return ce__mem_fail(conn, CE_EINVALID,
				                    "memory: condition %u on %s: column %d out of range", k,
				                    t->def->name, c->column);
			break;
		case CE_COND_LINK:
			if ((rc = check_link(conn, t, c->link, k)) != CE_OK)
				return rc;
			break;
		default:
			return ce__mem_fail(conn, CE_EINVALID, "memory: condition %u on %s: unknown op %d",
			                    k, t->def->name, (int)c->op);
		}
		const ce_column_def *col = target_column(conn, t, c);
		if (c->op != CE_COND_NULL && (rc = check_bound(conn, t, col, &c->low, k)) != CE_OK)
			return rc;
		if (c->op == CE_COND_RANGE && (rc = check_bound(conn, t, col, &c->high, k)) != CE_OK)
			return rc;
	}
	return CE_OK;
}

/* Copies a bound so that its string, if any, is owned (NULL otherwise). */
static bool copy_bound(ce_value *out, const ce_value *in, ce_column_type type)
{
	*out = *in;
	out->s = NULL;
	if (type == CE_TYPE_TEXT && !in->null)
		return (out->s = ce__mem_strdup(in->s)) != NULL;
	return true;
}

int ce__mem_query_copy(ce_query *out, const ce_backend_conn *conn, const mem_table *t,
                       const ce_query *query)
{
	out->nconditions = 0;
	out->conditions = NULL;
	if (!query || query->nconditions == 0)
		return CE_OK;
	ce_condition *conds = ce__mem_alloc(query->nconditions * sizeof *conds);
	if (!conds)
		return CE_ENOMEM;
	out->conditions = conds;
	for (unsigned int k = 0; k < query->nconditions; k++) {
		const ce_condition *c = &query->conditions[k];
		ce_column_type type = target_column(conn, t, c)->type;
		conds[k] = *c;
		conds[k].low.s = conds[k].high.s = NULL;
		out->nconditions = k + 1; /* so that a failure frees what was copied */
		/* only the bounds the operator reads are copied; the rest are NULL */
		bool low = c->op != CE_COND_NULL, high = c->op == CE_COND_RANGE;
		if (!low)
			conds[k].low = (ce_value){ .null = 1 };
		if (!high)
			conds[k].high = (ce_value){ .null = 1 };
		if ((low && !copy_bound(&conds[k].low, &c->low, type)) ||
		    (high && !copy_bound(&conds[k].high, &c->high, type))) {
			ce__mem_query_free(out);
			return CE_ENOMEM;
		}
	}
	return CE_OK;
}

void ce__mem_query_free(ce_query *query)
{
	ce_condition *conds = (ce_condition *)query->conditions;
	for (unsigned int k = 0; k < query->nconditions; k++) {
		free((char *)conds[k].low.s);
		free((char *)conds[k].high.s);
	}
	free(conds);
	query->conditions = NULL;
	query->nconditions = 0;
}

/* cell = value, both set. */
static bool equal(ce_column_type type, const ce_value *cell, const ce_value *value)
{
	if (cell->null || value->null)
		return false;
	switch (type) {
	case CE_TYPE_TEXT:
		return strcmp(cell->s, value->s) == 0;
	case CE_TYPE_REAL:
		return cell->r == value->r;
	default:
		return cell->i == value->i;
	}
}

/* a <= b, both set. */
static bool at_most(ce_column_type type, const ce_value *a, const ce_value *b)
{
	switch (type) {
	case CE_TYPE_TEXT:
		return strcmp(a->s, b->s) <= 0;
	case CE_TYPE_REAL:
		return a->r <= b->r;
	default:
		return a->i <= b->i;
	}
}

static bool linked(const ce_backend_conn *conn, int64_t id, const ce_condition *c)
{
	const mem_table *lt = &conn->tables[c->link->table];
	ce_column_type type = lt->def->columns[c->link->other_column].type;
	for (size_t i = 0; i < lt->nrows; i++) {
		const ce_value *v = lt->rows[i].values;
		const ce_value *self = &v[c->link->self_column];
		if (!self->null && self->i == id && equal(type, &v[c->link->other_column], &c->low))
			return true;
	}
	return false;
}

static bool meets(const ce_backend_conn *conn, const mem_table *t, const mem_row *row,
                  const ce_condition *c)
{
	if (c->op == CE_COND_LINK)
		return linked(conn, row->id, c);
	const ce_value *cell = &row->values[c->column];
	ce_column_type type = t->def->columns[c->column].type;
	switch (c->op) {
	case CE_COND_EQ:
		return equal(type, cell, &c->low);
	case CE_COND_RANGE:
		return !cell->null && (c->low.null || at_most(type, &c->low, cell)) &&
		       (c->high.null || at_most(type, cell, &c->high));
	case CE_COND_NULL:
		return cell->null != 0;
	default:
		return false;
	}
}

bool ce__mem_match(const ce_backend_conn *conn, const mem_table *t, const mem_row *row,
                   const ce_query *query)
{
	if (!query)
		return true;
	for (unsigned int k = 0; k < query->nconditions; k++)
		if (!meets(conn, t, row, &query->conditions[k]))
			return false;
	return true;
}
