/* Result tables: a name, typed columns and a grid of cells, owned by the
 * table. Every access is bounds- and type-checked and a NULL table is
 * harmless, because tables cross into the CLI and the bindings. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coopedu/sys/table.h"
#include "internal.h"

#define MAX_TABLE_COLUMNS 1024 /* a survey round's table has a column per item */

typedef struct cell {
	union {
		int64_t i;
		double r;
		char *s;
	} v;
	unsigned char null;
} cell;

struct ce_table {
	char *name;
	int ncolumns;
	char **names;
	ce_column_type *types;
	size_t nrows, cap;
	cell *cells; /* nrows * ncolumns, row-major */
};

static bool type_allowed(ce_column_type t)
{
	return t == CE_TYPE_INT || t == CE_TYPE_REAL || t == CE_TYPE_TEXT || t == CE_TYPE_DATE ||
	       t == CE_TYPE_BOOL;
}

void ce_table_free(ce_table *table)
{
	if (!table)
		return;
	for (int c = 0; c < table->ncolumns; c++) {
		if (table->types && table->types[c] == CE_TYPE_TEXT)
			for (size_t r = 0; r < table->nrows; r++)
				free(table->cells[r * (size_t)table->ncolumns + (size_t)c].v.s);
		if (table->names)
			free(table->names[c]);
	}
	free(table->cells);
	free(table->names);
	free(table->types);
	free(table->name);
	free(table);
}

ce_result ce_table_new(ce_table **out, const char *name, int ncolumns, const char *const *names,
                       const ce_column_type *types)
{
	if (out)
		*out = NULL;
	if (!out || !name || !*name || !ce__utf8_valid(name) || !names || !types)
		return ce__fail(NULL, CE_EINVALID, "table_new: NULL argument or bad table name");
	if (ncolumns < 1 || ncolumns > MAX_TABLE_COLUMNS)
		return ce__fail(NULL, CE_EINVALID, "table_new: %d columns (1..%d)", ncolumns,
		                MAX_TABLE_COLUMNS);
	for (int c = 0; c < ncolumns; c++) {
		if (!names[c] || !*names[c] || !ce__utf8_valid(names[c]))
			return ce__fail(NULL, CE_EINVALID, "table_new: column %d has no valid name", c);
		if (!type_allowed(types[c]))
			return ce__fail(NULL, CE_EINVALID, "table_new: column '%.*s' has type %d "
			                "(INT, REAL, TEXT, DATE or BOOL)", ce__clip(names[c], 60), names[c],
			                (int)types[c]);
		for (int d = 0; d < c; d++)
			if (strcmp(names[c], names[d]) == 0)
				return ce__fail(NULL, CE_EINVALID, "table_new: column name '%.*s' is repeated",
				                ce__clip(names[c], 60), names[c]);
	}
	ce_table *t = calloc(1, sizeof *t);
	if (!t)
		return ce__fail(NULL, CE_ENOMEM, "table_new: out of memory");
	t->names = calloc((size_t)ncolumns, sizeof *t->names);
	t->types = calloc((size_t)ncolumns, sizeof *t->types);
	t->name = strdup(name);
	if (!t->names || !t->types || !t->name) {
		ce_table_free(t);
		return ce__fail(NULL, CE_ENOMEM, "table_new: out of memory");
	}
	t->ncolumns = ncolumns;
	for (int c = 0; c < ncolumns; c++) {
		t->types[c] = types[c];
		if (!(t->names[c] = strdup(names[c]))) {
			ce_table_free(t);
			return ce__fail(NULL, CE_ENOMEM, "table_new: out of memory");
		}
	}
	*out = t;
	return CE_OK;
}

ce_result ce_table_append_row(size_t *out_row, ce_table *table)
{
	if (!table)
		return ce__fail(NULL, CE_EINVALID, "table_append_row: NULL table");
	if (table->nrows == table->cap) {
		size_t cap = table->cap ? table->cap * 2 : 16;
		if (cap > SIZE_MAX / sizeof(cell) / (size_t)table->ncolumns)
			return ce__fail(NULL, CE_ENOMEM, "%s: too many rows", table->name);
		cell *grown = realloc(table->cells, cap * (size_t)table->ncolumns * sizeof *grown);
		if (!grown)
			return ce__fail(NULL, CE_ENOMEM, "%s: out of memory", table->name);
		table->cells = grown;
		table->cap = cap;
	}
	cell *row = &table->cells[table->nrows * (size_t)table->ncolumns];
	for (int c = 0; c < table->ncolumns; c++)
		row[c] = (cell){ .null = 1 };
	if (out_row)
		*out_row = table->nrows;
	table->nrows++;
	return CE_OK;
}

void ce_table_clear(ce_table *table)
{
	if (!table)
		return;
	for (int c = 0; c < table->ncolumns; c++)
		if (table->types[c] == CE_TYPE_TEXT)
			for (size_t r = 0; r < table->nrows; r++)
				free(table->cells[r * (size_t)table->ncolumns + (size_t)c].v.s);
	table->nrows = 0;
}

/* The cell at (row, col), or NULL when out of range. */
static cell *cell_at(const ce_table *t, size_t row, int col)
{
	if (!t || col < 0 || col >= t->ncolumns || row >= t->nrows)
		return NULL;
	return &t->cells[row * (size_t)t->ncolumns + (size_t)col];
}

static int bad_cell(const ce_table *t, size_t row, int col, const char *verb)
{
	if (!t)
		return ce__fail(NULL, CE_EINVALID, "table_%s: NULL table", verb);
	if (col < 0 || col >= t->ncolumns || row >= t->nrows)
		return ce__fail(NULL, CE_EINVALID, "%s: no cell (%zu, %d) in %zu rows x %d columns",
		                t->name, row, col, t->nrows, t->ncolumns);
	return ce__fail(NULL, CE_EINVALID, "%s.%s: table_%s on a column of type %d", t->name,
	                t->names[col], verb, (int)t->types[col]);
}

static bool int_like(ce_column_type t)
{
	return t == CE_TYPE_INT || t == CE_TYPE_DATE || t == CE_TYPE_BOOL;
}

static void clear_text(ce_table *t, cell *x, int col)
{
	if (t->types[col] == CE_TYPE_TEXT)
		free(x->v.s);
	x->v.s = NULL;
}

ce_result ce_table_set_int(ce_table *table, size_t row, int col, int64_t value)
{
	cell *x = cell_at(table, row, col);
	if (!x || !int_like(table->types[col]))
		return bad_cell(table, row, col, "set_int");
	ce_column_type t = table->types[col];
	if (t == CE_TYPE_BOOL && value != 0 && value != 1)
		return ce__fail(NULL, CE_EINVALID, "%s.%s: %lld is not a boolean (0 or 1)", table->name,
		                table->names[col], (long long)value);
	if (t == CE_TYPE_DATE && (value < INT32_MIN || value > INT32_MAX || !ce_date_valid((ce_date)value)))
		return ce__fail(NULL, CE_EINVALID, "%s.%s: %lld is not a calendar date", table->name,
		                table->names[col], (long long)value);
	x->v.i = value;
	x->null = 0;
	return CE_OK;
}

ce_result ce_table_set_real(ce_table *table, size_t row, int col, double value)
{
	cell *x = cell_at(table, row, col);
	if (!x || table->types[col] != CE_TYPE_REAL)
		return bad_cell(table, row, col, "set_real");
	if (!isfinite(value))
		return ce__fail(NULL, CE_EINVALID, "%s.%s: not a finite number", table->name,
		                table->names[col]);
	x->v.r = value;
	x->null = 0;
	return CE_OK;
}

ce_result ce_table_set_text(ce_table *table, size_t row, int col, const char *value)
{
	cell *x = cell_at(table, row, col);
	if (!x || table->types[col] != CE_TYPE_TEXT)
		return bad_cell(table, row, col, "set_text");
	if (!value) {
		clear_text(table, x, col);
		x->null = 1;
		return CE_OK;
	}
	if (!ce__utf8_valid(value))
		return ce__fail(NULL, CE_EINVALID, "%s.%s: text is not valid UTF-8 (or has control "
		                "characters)", table->name, table->names[col]);
	char *copy = strdup(value);
	if (!copy)
		return ce__fail(NULL, CE_ENOMEM, "%s: out of memory", table->name);
	clear_text(table, x, col);
	x->v.s = copy;
	x->null = 0;
	return CE_OK;
}

ce_result ce_table_set_null(ce_table *table, size_t row, int col)
{
	cell *x = cell_at(table, row, col);
	if (!x)
		return bad_cell(table, row, col, "set_null");
	clear_text(table, x, col);
	x->v.i = 0;
	x->null = 1;
	return CE_OK;
}

/* ---- reading ----------------------------------------------------------- */

const char *ce_table_name(const ce_table *table)
{
	return table ? table->name : NULL;
}

size_t ce_table_row_count(const ce_table *table)
{
	return table ? table->nrows : 0;
}

int ce_table_column_count(const ce_table *table)
{
	return table ? table->ncolumns : 0;
}

const char *ce_table_column_name(const ce_table *table, int col)
{
	return table && col >= 0 && col < table->ncolumns ? table->names[col] : NULL;
}

ce_column_type ce_table_column_type(const ce_table *table, int col)
{
	return table && col >= 0 && col < table->ncolumns ? table->types[col] : (ce_column_type)0;
}

ce_result ce_table_column_index(int *out, const ce_table *table, const char *name)
{
	if (!out || !table || !name)
		return ce__fail(NULL, CE_EINVALID, "table_column_index: NULL argument");
	for (int c = 0; c < table->ncolumns; c++)
		if (strcmp(table->names[c], name) == 0) {
			*out = c;
			return CE_OK;
		}
	return ce__fail(NULL, CE_ENOTFOUND, "%s: no column '%.*s'", table->name, ce__clip(name, 60),
	                name);
}

int ce_table_is_null(const ce_table *table, size_t row, int col)
{
	const cell *x = cell_at(table, row, col);
	return x ? x->null != 0 : -1;
}

ce_result ce_table_get_int(int64_t *out, const ce_table *table, size_t row, int col)
{
	const cell *x = cell_at(table, row, col);
	if (!out)
		return ce__fail(NULL, CE_EINVALID, "table_get_int: NULL out");
	if (!x || !int_like(table->types[col]))
		return bad_cell(table, row, col, "get_int");
	*out = x->null ? 0 : x->v.i;
	return CE_OK;
}

ce_result ce_table_get_real(double *out, const ce_table *table, size_t row, int col)
{
	const cell *x = cell_at(table, row, col);
	if (!out)
		return ce__fail(NULL, CE_EINVALID, "table_get_real: NULL out");
	if (!x || (table->types[col] != CE_TYPE_REAL && table->types[col] != CE_TYPE_INT))
		return bad_cell(table, row, col, "get_real");
	*out = x->null ? 0.0 : table->types[col] == CE_TYPE_REAL ? x->v.r : (double)x->v.i;
	return CE_OK;
}

const char *ce_table_get_text(const ce_table *table, size_t row, int col)
{
	const cell *x = cell_at(table, row, col);
	if (!x || table->types[col] != CE_TYPE_TEXT || x->null)
		return NULL;
	return x->v.s;
}
