/* Row storage of the memory backend: sorted row arrays, owned cell
 * copies, and the allocation wrappers the out-of-memory tests hook. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memory_private.h"

/* ---- allocation ------------------------------------------------------ */

static long fail_countdown; /* 0: off; n: the nth allocation from now fails */

void ce__memory_fail_alloc(long nth)
{
	fail_countdown = nth > 0 ? nth : 0;
}

static bool injected_failure(void)
{
	return fail_countdown > 0 && --fail_countdown == 0;
}

void *ce__mem_alloc(size_t size)
{
	return injected_failure() ? NULL : malloc(size ? size : 1);
}

void *ce__mem_realloc(void *p, size_t size)
{
	return injected_failure() ? NULL : realloc(p, size ? size : 1);
}

char *ce__mem_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *copy = ce__mem_alloc(n);
	if (copy)
		memcpy(copy, s, n);
	return copy;
}

/* ---- rows ------------------------------------------------------------ */

size_t ce__mem_upper(const mem_table *t, int64_t id)
{
	size_t lo = 0, hi = t->nrows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->rows[mid].id <= id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

ptrdiff_t ce__mem_find(const mem_table *t, int64_t id)
{
	size_t i = ce__mem_upper(t, id);
	return i > 0 && t->rows[i - 1].id == id ? (ptrdiff_t)(i - 1) : -1;
}

int ce__mem_reserve(mem_table *t)
{
	if (t->nrows < t->cap)
		return CE_OK;
	size_t cap = t->cap ? t->cap * 2 : 16;
	if (cap > SIZE_MAX / sizeof *t->rows)
		return CE_ENOMEM;
	mem_row *rows = ce__mem_realloc(t->rows, cap * sizeof *rows);
	if (!rows)
		return CE_ENOMEM;
	t->rows = rows;
	t->cap = cap;
	return CE_OK;
}

void ce__mem_place(mem_table *t, mem_row row)
{
	size_t i = ce__mem_upper(t, row.id);
	memmove(t->rows + i + 1, t->rows + i, (t->nrows - i) * sizeof *t->rows);
	t->rows[i] = row;
	t->nrows++;
}

mem_row ce__mem_take(mem_table *t, size_t i)
{
	mem_row row = t->rows[i];
	memmove(t->rows + i, t->rows + i + 1, (t->nrows - i - 1) * sizeof *t->rows);
	t->nrows--;
	return row;
}

/* ---- cells ----------------------------------------------------------- */

static bool type_known(ce_column_type type)
{
	return type >= CE_TYPE_INT && type <= CE_TYPE_MONEY;
}

int ce__mem_copy_values(ce_value **out, ce_backend_conn *conn, const ce_table_def *def,
                        const ce_value *row)
{
	int n = def->ncolumns;

	/* Refuse a malformed row before allocating anything. */
	for (int c = 0; c < n; c++) {
		const ce_column_def *col = &def->columns[c];
		if (!type_known(col->type))
			return ce__mem_fail(conn, CE_EINVALID, "memory: %s.%s has unknown column type %d",
			                    def->name, col->name, (int)col->type);
		if (col->type == CE_TYPE_TEXT && !row[c].null && !row[c].s)
			return ce__mem_fail(conn, CE_EINVALID,
			                    "memory: %s.%s is TEXT, not NULL, but has no string", def->name,
			                    col->name);
	}

	ce_value *v = ce__mem_alloc((size_t)n * sizeof *v);
	if (!v)
		return ce__mem_fail(conn, CE_ENOMEM, "memory: out of memory copying a %s row", def->name);
	memset(v, 0, (size_t)n * sizeof *v);
	for (int c = 0; c < n; c++) {
		if (row[c].null) {
			v[c].null = 1;
			continue;
		}
		switch (def->columns[c].type) {
		case CE_TYPE_TEXT:
			if (!(v[c].s = ce__mem_strdup(row[c].s))) {
				ce__mem_free_values(def, v);
				return ce__mem_fail(conn, CE_ENOMEM, "memory: out of memory copying %s.%s",
				                    def->name, def->columns[c].name);
			}
			break;
		case CE_TYPE_REAL:
			v[c].r = row[c].r;
			break;
		default:
			v[c].i = row[c].i;
			break;
		}
	}
	*out = v;
	return CE_OK;
}

void ce__mem_free_values(const ce_table_def *def, ce_value *values)
{
	if (!values)
		return;
	for (int c = 0; c < def->ncolumns; c++)
		if (def->columns[c].type == CE_TYPE_TEXT && !values[c].null)
			free((char *)values[c].s);
	free(values);
}
