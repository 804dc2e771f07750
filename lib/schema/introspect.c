/* Entity and column introspection over the library's schema, for tools
 * that work on any entity (import/export, the CLI, bindings). */
#include <string.h>

#include "core/store.h"
#include "schema.h"

static const ce_column_def *column(ce_entity entity, int col)
{
	const ce_table_def *t = ce__entity_table(entity);
	return t && col >= 0 && col < t->ncolumns ? &t->columns[col] : NULL;
}

const char *ce_entity_name(ce_entity entity)
{
	const ce_table_def *t = ce__entity_table(entity);
	return t ? t->name : NULL;
}

ce_result ce_entity_by_name(ce_entity *out, const char *name)
{
	if (!out || !name)
		return ce__fail(NULL, CE_EINVALID, "entity_by_name: NULL argument");
	for (int e = 1; e <= CE_ENTITY_LAST; e++)
		if (strcmp(ce__entity_table((ce_entity)e)->name, name) == 0) {
			*out = (ce_entity)e;
			return CE_OK;
		}
	return ce__fail(NULL, CE_ENOTFOUND, "no entity named '%.*s'", ce__clip(name, 60), name);
}

int ce_entity_column_count(ce_entity entity)
{
	const ce_table_def *t = ce__entity_table(entity);
	return t ? t->ncolumns : -1;
}

ce_result ce_column_index(int *out, ce_entity entity, const char *name)
{
	const ce_table_def *t = ce__entity_table(entity);
	int c;
	if (!out || !t || !name)
		return ce__fail(NULL, CE_EINVALID, "column_index: NULL argument or unknown entity");
	if ((c = ce__column_by_name(t, name)) < 0)
		return ce__fail(NULL, CE_ENOTFOUND, "%s has no column '%.*s'", t->name, ce__clip(name, 60),
		                name);
	*out = c;
	return CE_OK;
}

const char *ce_column_name(ce_entity entity, int col)
{
	const ce_column_def *c = column(entity, col);
	return c ? c->name : NULL;
}

ce_column_type ce_column_type_of(ce_entity entity, int col)
{
	const ce_column_def *c = column(entity, col);
	return c ? c->type : (ce_column_type)0;
}

int ce_column_required(ce_entity entity, int col)
{
	const ce_column_def *c = column(entity, col);
	return c && (c->flags & CE_COL_REQUIRED) ? 1 : 0;
}

ce_entity ce_column_ref(ce_entity entity, int col)
{
	const ce_column_def *c = column(entity, col);
	return c && c->type == CE_TYPE_REF ? (ce_entity)c->ref : (ce_entity)0;
}

const char *ce_column_token(ce_entity entity, int col, int value)
{
	const ce_column_def *c = column(entity, col);
	if (!c || !c->tokens || value < 0 || value >= c->ntokens)
		return NULL;
	return c->tokens[value];
}

ce_result ce_column_token_value(int *out, ce_entity entity, int col, const char *token)
{
	const ce_column_def *c = column(entity, col);
	if (!out || !c || !c->tokens || !token)
		return ce__fail(NULL, CE_EINVALID, "column_token_value: NULL argument or no tokens");
	for (int v = 0; v < c->ntokens; v++)
		if (c->tokens[v] && strcmp(c->tokens[v], token) == 0) {
			*out = v;
			return CE_OK;
		}
	return ce__fail(NULL, CE_ENOTFOUND, "%s.%s: '%.*s' is not one of its values",
	                ce_entity_name(entity), c->name, ce__clip(token, 60), token);
}

const char *ce_entity_description(ce_entity entity)
{
	const ce_table_def *t = ce__entity_table(entity);
	return t ? t->doc : NULL;
}

unsigned int ce_column_flags(ce_entity entity, int col)
{
	const ce_column_def *c = column(entity, col);
	return c ? c->flags : 0u;
}

int ce_column_token_count(ce_entity entity, int col)
{
	const ce_column_def *c = column(entity, col);
	return c && c->tokens ? c->ntokens : 0;
}

ce_result ce_column_range(double *out_min, double *out_max, ce_entity entity, int col)
{
	const ce_column_def *c = column(entity, col);
	if (!out_min || !out_max || !c)
		return ce__fail(NULL, CE_EINVALID, "column_range: NULL argument or no such column");
	/* min < max is how a column declares a range; 0, 0 means none */
	if (!(c->min < c->max))
		return ce__fail(NULL, CE_ENOTFOUND, "%s.%s declares no range", ce_entity_name(entity), c->name);
	*out_min = c->min;
	*out_max = c->max;
	return CE_OK;
}

static const ce_link_def *link_def(ce_entity entity, int link)
{
	const ce_table_def *t = ce__entity_table(entity);
	return t && link >= 0 && link < t->nlinks ? &t->links[link] : NULL;
}

int ce_entity_link_count(ce_entity entity)
{
	const ce_table_def *t = ce__entity_table(entity);
	return t ? t->nlinks : -1;
}

const char *ce_entity_link_name(ce_entity entity, int link)
{
	const ce_link_def *l = link_def(entity, link);
	return l ? l->name : NULL;
}

ce_entity ce_entity_link_target(ce_entity entity, int link)
{
	const ce_link_def *l = link_def(entity, link);
	const ce_table_def *via = l ? ce__table(l->table) : NULL;
	/* the link's value is matched against other_column, a REF: its target */
	if (!via || l->other_column < 0 || l->other_column >= via->ncolumns ||
	    via->columns[l->other_column].type != CE_TYPE_REF)
		return (ce_entity)0;
	return (ce_entity)via->columns[l->other_column].ref;
}
