/* Detached records: their values, typed views (specs), and the generic
 * getters and setters. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Enum spec fields are read and written as int. */
enum ce__probe { CE__PROBE = 1 };
_Static_assert(sizeof(enum ce__probe) == sizeof(int), "enums are int-sized");

static bool int_like(ce_column_type t)
{
	return t != CE_TYPE_TEXT && t != CE_TYPE_REAL;
}

/* Whether text s lies in the record's own block (read with it). */
static bool in_block(const ce_record *r, const char *s)
{
	uintptr_t p = (uintptr_t)s, lo = (uintptr_t)(r->values + r->table->ncolumns);
	return r->texts_end && p >= lo && p < (uintptr_t)r->texts_end;
}

static void value_clear(const ce_record *r, const ce_column_def *col, ce_value *v)
{
	if (col->type == CE_TYPE_TEXT && !in_block(r, v->s))
		free((char *)v->s);
	memset(v, 0, sizeof *v);
	v->null = 1;
}

_Static_assert(sizeof(ce_record) % _Alignof(ce_value) == 0, "values follow the record aligned");

/* A record with its values, and room for text_bytes of texts after them,
 * in one allocation: a lookup builds one per call. */
static ce_record *record_alloc(const ce_table_def *table, size_t text_bytes)
{
	size_t values = (size_t)table->ncolumns * sizeof(ce_value);
	ce_record *r = calloc(1, sizeof *r + values + text_bytes);
	if (!r)
		return NULL;
	r->values = (ce_value *)(r + 1);
	r->table = table;
	r->texts_end = text_bytes ? (const char *)(r->values + table->ncolumns) + text_bytes : NULL;
	for (int c = 0; c < table->ncolumns; c++)
		r->values[c].null = 1;
	return r;
}

ce_record *ce__record_alloc(const ce_table_def *table)
{
	return record_alloc(table, 0);
}

void ce_record_free(ce_record *record)
{
	if (!record)
		return;
	for (int c = 0; c < record->table->ncolumns; c++)
		value_clear(record, &record->table->columns[c], &record->values[c]);
	free(record->spec); /* the values and the texts read are in the record's block */
	free(record);
}

int ce__record_from_row(ce_record **out, ce_db *db, const ce_table_def *table, int64_t id,
                        const ce_value *row)
{
	size_t need = 0;
	for (int c = 0; c < table->ncolumns; c++)
		if (table->columns[c].type == CE_TYPE_TEXT && !row[c].null) {
			if (!row[c].s)
				return ce__fail(db, CE_EBACKEND, "%s.%s: set but without text", table->name,
				                table->columns[c].name);
			need += strlen(row[c].s) + 1;
		}
	ce_record *r = record_alloc(table, need);
	if (!r)
		return ce__fail(db, CE_ENOMEM, "%s: out of memory", table->name);
	r->id = id;
	char *text = (char *)(r->values + table->ncolumns);
	for (int c = 0; c < table->ncolumns; c++) {
		r->values[c] = row[c];
		if (table->columns[c].type == CE_TYPE_TEXT && !row[c].null) {
			size_t n = strlen(row[c].s) + 1;
			memcpy(text, row[c].s, n);
			r->values[c].s = text;
			text += n;
		}
	}
	*out = r;
	return CE_OK;
}

/* The spec version a fresh typed view carries: the newest column's. */
static unsigned int current_version(const ce_table_def *table)
{
	unsigned int v = 1;
	for (int c = 0; c < table->ncolumns; c++)
		if (table->columns[c].since > v)
			v = table->columns[c].since;
	return v;
}

int ce__record_build_spec(ce_record *record)
{
	const ce_table_def *t = record->table;
	char *spec = calloc(1, t->spec_size);
	if (!spec)
		return ce__fail(NULL, CE_ENOMEM, "%s: out of memory", t->name);
	*(unsigned int *)spec = current_version(t);
	for (int c = 0; c < t->ncolumns; c++) {
		const ce_column_def *col = &t->columns[c];
		const ce_value *v = &record->values[c];
		void *field = spec + col->offset;
		switch (col->type) {
		case CE_TYPE_TEXT: *(const char **)field = v->null ? NULL : v->s; break;
		case CE_TYPE_REAL: *(double *)field = v->null ? 0.0 : v->r; break;
		case CE_TYPE_DATE: *(ce_date *)field = v->null ? 0 : (ce_date)v->i; break;
		case CE_TYPE_BOOL:
		case CE_TYPE_ENUM: *(int *)field = v->null ? 0 : (int)v->i; break;
		case CE_TYPE_FLAGS: *(unsigned int *)field = v->null ? 0 : (unsigned int)v->i; break;
		case CE_TYPE_INT:
		case CE_TYPE_REF:
		case CE_TYPE_MONEY: *(int64_t *)field = v->null ? 0 : v->i; break;
		}
	}
	free(record->spec);
	record->spec = spec;
	return CE_OK;
}

int ce__spec_init(const ce_table_def *table, void *spec, unsigned int version,
                  unsigned int current)
{
	if (!spec || version < 1 || version > current)
		return ce__fail(NULL, CE_EINVALID, "%s_spec: NULL, or version %u unknown (this library knows 1..%u)",
		                table->name, version, current);
	/* A future version 2 must zero only the size of the caller's version. */
	memset(spec, 0, table->spec_size);
	*(unsigned int *)spec = version;
	return CE_OK;
}

int ce__row_from_spec(ce_db *db, const ce_table_def *table, const void *spec,
                      unsigned int current, ce_value *row)
{
	unsigned int version;
	if (!spec)
		return ce__fail(db, CE_EINVALID, "%s: NULL spec", table->name);
	version = *(const unsigned int *)spec;
	if (version < 1 || version > current)
		return ce__fail(db, CE_EINVALID,
		                "%s_spec.version: %u is unknown (this library knows 1..%u); use %s_spec_init()",
		                table->name, version, current, table->name);
	for (int c = 0; c < table->ncolumns; c++) {
		const ce_column_def *col = &table->columns[c];
		const char *field = (const char *)spec + col->offset;
		ce_value *v = &row[c];
		memset(v, 0, sizeof *v);
		if (col->since > version) {
			v->null = 1;
			continue;
		}
		switch (col->type) {
		case CE_TYPE_TEXT:
			v->s = *(const char *const *)field;
			v->null = v->s == NULL;
			break;
		case CE_TYPE_REAL: v->r = *(const double *)field; break;
		case CE_TYPE_DATE: v->i = *(const ce_date *)field; v->null = v->i == 0; break;
		case CE_TYPE_ENUM: v->i = *(const int *)field; v->null = v->i == 0; break;
		case CE_TYPE_BOOL: v->i = *(const int *)field; break;
		case CE_TYPE_FLAGS: v->i = *(const unsigned int *)field; break;
		case CE_TYPE_REF: v->i = *(const int64_t *)field; v->null = v->i == 0; break;
		case CE_TYPE_INT:
		case CE_TYPE_MONEY: v->i = *(const int64_t *)field; break;
		}
	}
	return CE_OK;
}

/* ---- generic access -------------------------------------------------- */

ce_entity ce_record_entity(const ce_record *record)
{
	return record ? (ce_entity)record->table->index : (ce_entity)0;
}

int64_t ce_record_id(const ce_record *record)
{
	return record ? record->id : 0;
}

static const ce_column_def *column_at(const ce_record *record, int col)
{
	return record && col >= 0 && col < record->table->ncolumns ? &record->table->columns[col]
	                                                           : NULL;
}

int ce_record_is_null(const ce_record *record, int col)
{
	return column_at(record, col) ? record->values[col].null != 0 : -1;
}

ce_result ce_record_get_int(int64_t *out, const ce_record *record, int col)
{
	const ce_column_def *def = column_at(record, col);
	if (!out || !def || !int_like(def->type))
		return ce__fail(NULL, CE_EINVALID, "record_get_int: no integer column %d", col);
	*out = record->values[col].null ? 0 : record->values[col].i;
	return CE_OK;
}

ce_result ce_record_get_real(double *out, const ce_record *record, int col)
{
	const ce_column_def *def = column_at(record, col);
	if (!out || !def || def->type != CE_TYPE_REAL)
		return ce__fail(NULL, CE_EINVALID, "record_get_real: no REAL column %d", col);
	*out = record->values[col].null ? 0.0 : record->values[col].r;
	return CE_OK;
}

const char *ce_record_get_text(const ce_record *record, int col)
{
	const ce_column_def *def = column_at(record, col);
	if (!def || def->type != CE_TYPE_TEXT || record->values[col].null)
		return NULL;
	return record->values[col].s;
}

/* The column a setter names, or NULL after recording why. */
static ce_value *settable(ce_record *record, const char *column, const ce_column_def **def)
{
	int c;
	if (!record)
		return ce__fail(NULL, CE_EINVALID, "record_set: NULL record"), NULL;
	if ((c = ce__column_by_name(record->table, column)) < 0) {
		ce__fail(NULL, CE_EINVALID, "%s: no column '%s'", record->table->name,
		         column ? column : "(null)");
		return NULL;
	}
	*def = &record->table->columns[c];
	free(record->spec); /* the typed view no longer matches */
	record->spec = NULL;
	return &record->values[c];
}

ce_result ce_record_set_int(ce_record *record, const char *column, int64_t value)
{
	const ce_column_def *def;
	ce_value *v = settable(record, column, &def);
	if (!v)
		return CE_EINVALID;
	if (def->type == CE_TYPE_TEXT)
		return ce__fail(NULL, CE_EINVALID, "%s.%s: is TEXT, not an integer", record->table->name,
		                column);
	value_clear(record, def, v);
	v->null = 0;
	if (def->type == CE_TYPE_REAL)
		v->r = (double)value;
	else
		v->i = value;
	return CE_OK;
}

ce_result ce_record_set_real(ce_record *record, const char *column, double value)
{
	const ce_column_def *def;
	ce_value *v = settable(record, column, &def);
	if (!v)
		return CE_EINVALID;
	if (def->type != CE_TYPE_REAL)
		return ce__fail(NULL, CE_EINVALID, "%s.%s: is not a REAL column", record->table->name,
		                column);
	if (!isfinite(value))
		return ce__fail(NULL, CE_EINVALID, "%s.%s: %g is not a finite number", record->table->name,
		                column, value);
	value_clear(record, def, v);
	v->null = 0;
	v->r = value;
	return CE_OK;
}

ce_result ce_record_set_text(ce_record *record, const char *column, const char *value)
{
	const ce_column_def *def;
	char *copy = NULL;
	ce_value *v = settable(record, column, &def);
	if (!v)
		return CE_EINVALID;
	if (def->type != CE_TYPE_TEXT)
		return ce__fail(NULL, CE_EINVALID, "%s.%s: is not a TEXT column", record->table->name,
		                column);
	if (value && !(copy = strdup(value)))
		return ce__fail(NULL, CE_ENOMEM, "%s.%s: out of memory", record->table->name, column);
	value_clear(record, def, v);
	v->s = copy;
	v->null = copy == NULL;
	return CE_OK;
}

ce_result ce_record_set_null(ce_record *record, const char *column)
{
	const ce_column_def *def;
	ce_value *v = settable(record, column, &def);
	if (!v)
		return CE_EINVALID;
	value_clear(record, def, v);
	return CE_OK;
}
