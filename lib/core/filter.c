/* Filters: column conditions kept by name until used with an entity,
 * then resolved into a backend query. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct filter_cond {
	char *column;
	ce_cond_op op;
	bool text;
	int64_t low, high;
	char *s;
} filter_cond;

struct ce_filter {
	size_t n, cap;
	filter_cond *conds;
};

ce_result ce_filter_new(ce_filter **out)
{
	if (!out)
		return ce__fail(NULL, CE_EINVALID, "filter_new: NULL out");
	if (!(*out = calloc(1, sizeof **out)))
		return ce__fail(NULL, CE_ENOMEM, "filter_new: out of memory");
	return CE_OK;
}

void ce_filter_free(ce_filter *filter)
{
	if (!filter)
		return;
	for (size_t i = 0; i < filter->n; i++) {
		free(filter->conds[i].column);
		free(filter->conds[i].s);
	}
	free(filter->conds);
	free(filter);
}

static int add(ce_filter *f, filter_cond c)
{
	if (!f || !c.column || !*c.column)
		return ce__fail(NULL, CE_EINVALID, "filter: NULL filter or empty column name");
	if (f->n == CE_MAX_COLUMNS)
		return ce__fail(NULL, CE_EINVALID, "filter: more than %d conditions", CE_MAX_COLUMNS);
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 4;
		filter_cond *grown = realloc(f->conds, cap * sizeof *grown);
		if (!grown)
			return ce__fail(NULL, CE_ENOMEM, "filter: out of memory");
		f->conds = grown;
		f->cap = cap;
	}
	char *column = strdup(c.column), *s = c.s ? strdup(c.s) : NULL;
	if (!column || (c.s && !s)) {
		free(column);
		free(s);
		return ce__fail(NULL, CE_ENOMEM, "filter: out of memory");
	}
	c.column = column;
	c.s = s;
	f->conds[f->n++] = c;
	return CE_OK;
}

ce_result ce_filter_eq_int(ce_filter *filter, const char *column, int64_t value)
{
	return add(filter, (filter_cond){ (char *)column, CE_COND_EQ, false, value, 0, NULL });
}

ce_result ce_filter_eq_text(ce_filter *filter, const char *column, const char *value)
{
	if (!value || !ce__utf8_valid(value))
		return ce__fail(NULL, CE_EINVALID, "filter.%s: NULL or invalid UTF-8 text",
		                column ? column : "(null)");
	return add(filter, (filter_cond){ (char *)column, CE_COND_EQ, true, 0, 0, (char *)value });
}

ce_result ce_filter_range(ce_filter *filter, const char *column, int64_t low, int64_t high)
{
	return add(filter, (filter_cond){ (char *)column, CE_COND_RANGE, false, low, high, NULL });
}

ce_result ce_filter_is_null(ce_filter *filter, const char *column)
{
	return add(filter, (filter_cond){ (char *)column, CE_COND_NULL, false, 0, 0, NULL });
}

static const ce_link_def *link_named(const ce_table_def *t, const char *name)
{
	for (int i = 0; i < t->nlinks; i++)
		if (strcmp(t->links[i].name, name) == 0)
			return &t->links[i];
	return NULL;
}

/* Resolves one condition against table t into out. */
static int resolve(ce_db *db, const ce_table_def *t, const filter_cond *fc, ce_condition *out)
{
	int c = ce__column_by_name(t, fc->column);
	/* bounds the operator does not use stay NULL, as backends expect */
	*out = (ce_condition){ .op = fc->op, .column = c, .low = { .null = 1 }, .high = { .null = 1 } };
	if (c < 0) {
		const ce_link_def *link = link_named(t, fc->column);
		if (!link)
			return ce__fail(db, CE_EINVALID, "filter: %s has no column or link '%s'", t->name,
			                fc->column);
		if (fc->op != CE_COND_EQ || fc->text)
			return ce__fail(db, CE_EINVALID, "filter: link %s.%s takes an id (eq_int)", t->name,
			                fc->column);
		out->op = CE_COND_LINK;
		out->link = link;
		out->low = (ce_value){ .i = fc->low };
		return CE_OK;
	}
	ce_column_type type = t->columns[c].type;
	if (fc->op == CE_COND_NULL)
		return CE_OK;
	if (fc->text != (type == CE_TYPE_TEXT) || (fc->op == CE_COND_RANGE && type == CE_TYPE_TEXT))
		return ce__fail(db, CE_EINVALID, "filter: %s.%s cannot be compared with %s", t->name,
		                fc->column, fc->text ? "text" : "a number");
	out->low = (ce_value){ .i = fc->low, .r = (double)fc->low, .s = fc->s };
	if (fc->op == CE_COND_EQ)
		return CE_OK;
	out->high = (ce_value){ .i = fc->high, .r = (double)fc->high };
	if (type == CE_TYPE_DATE) {
		out->low.null = fc->low == 0; /* 0 leaves a date range open */
		out->high.null = fc->high == 0;
	}
	return CE_OK;
}

int ce__filter_resolve(ce_db *db, const ce_filter *f, const ce_table_def *t, ce_condition *out,
                       unsigned int *n)
{
	*n = 0;
	for (size_t i = 0; f && i < f->n; i++) {
		int rc = resolve(db, t, &f->conds[i], &out[i]);
		if (rc != CE_OK)
			return rc;
		(*n)++;
	}
	return CE_OK;
}
