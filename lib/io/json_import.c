/* Reading a JSON document (parsed by jansson) into the import engine:
 * the document's shape and every value's type are checked here, with
 * messages naming the record path ("student[3].cohort"). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "io_internal.h"

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a real number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "a value";
}

static int wrong_type(io_import *im, const char *field, const char *expected, const json_t *v)
{
	return ce__io_fail(im, CE_EINVALID, field, "expected %s, got %s", expected, type_name(v));
}

static int flags_value(io_import *im, const ce_table_def *t, int c, const json_t *v, int64_t *out)
{
	const char *name = t->columns[c].name;
	size_t i;
	json_t *item;
	if (!json_is_array(v))
		return wrong_type(im, name, "an array of tokens", v);
	*out = 0;
	json_array_foreach(v, i, item) {
		int bit, rc;
		if (!json_is_string(item))
			return wrong_type(im, name, "an array of tokens", v);
		if ((rc = ce__io_token(im, t, c, name, json_string_value(item), &bit)) != CE_OK)
			return rc;
		*out |= INT64_C(1) << bit;
	}
	return CE_OK;
}

static int column_value(io_import *im, const ce_table_def *t, int c, const json_t *v, ce_value *out)
{
	const ce_column_def *col = &t->columns[c];
	const char *name = col->name;
	int token, rc = CE_OK;
	ce_date d;
	*out = (ce_value){ .null = 1 };
	if (json_is_null(v))
		return CE_OK;
	out->null = 0;
	switch (col->type) {
	case CE_TYPE_TEXT:
		if (!json_is_string(v))
			return wrong_type(im, name, "a string", v);
		out->s = json_string_value(v);
		return CE_OK;
	case CE_TYPE_INT:
	case CE_TYPE_MONEY:
		if (!json_is_integer(v))
			return wrong_type(im, name, col->type == CE_TYPE_MONEY ? "an integer (minor units)" : "an integer", v);
		out->i = json_integer_value(v);
		return CE_OK;
	case CE_TYPE_REAL:
		if (!json_is_number(v))
			return wrong_type(im, name, "a number", v);
		out->r = json_number_value(v);
		return CE_OK;
	case CE_TYPE_BOOL:
		if (!json_is_boolean(v))
			return wrong_type(im, name, "true or false", v);
		out->i = json_is_true(v);
		return CE_OK;
	case CE_TYPE_DATE:
		if (!json_is_string(v))
			return wrong_type(im, name, "a date string \"YYYY-MM-DD\"", v);
		rc = ce__io_date(im, name, json_string_value(v), &d);
		out->i = d;
		return rc;
	case CE_TYPE_ENUM:
		if (!json_is_string(v))
			return wrong_type(im, name, "a token string", v);
		rc = ce__io_token(im, t, c, name, json_string_value(v), &token);
		out->i = token;
		return rc;
	case CE_TYPE_FLAGS:
		return flags_value(im, t, c, v, &out->i);
	case CE_TYPE_REF:
		if (json_is_string(v))
			return ce__io_resolve_key(im, t, c, json_string_value(v), &out->i);
		if (json_is_integer(v))
			return ce__io_resolve_id(im, t, c, json_integer_value(v), &out->i);
		return wrong_type(im, name, ce__io_key_column(ce__table(col->ref)) >= 0 ? "a key string or an id" : "an id", v);
	}
	return ce__io_fail(im, CE_EINVALID, name, "unsupported column type");
}

static int history_value(io_import *im, const ce_table_def *t, int c, const json_t *v, io_rec *rec)
{
	char field[160], name[64];
	size_t i;
	json_t *step;
	snprintf(name, sizeof name, "%s_history", t->columns[c].name);
	/* null or [] is no history: the record starts where its columns say. */
	if (json_is_null(v) || (json_is_array(v) && json_array_size(v) == 0))
		return CE_OK;
	if (!json_is_array(v))
		return wrong_type(im, name, "an array of {\"state\", \"on\"}", v);
	if (!(rec->hist[c] = calloc(json_array_size(v), sizeof *rec->hist[c])))
		return ce__io_fail(im, CE_ENOMEM, name, "out of memory");
	json_array_foreach(v, i, step) {
		json_t *state = json_object_get(step, "state"), *on = json_object_get(step, "on");
		io_step *s = &rec->hist[c][i];
		int rc;
		snprintf(field, sizeof field, "%s[%zu]", name, i);
		if (!json_is_object(step) || json_object_size(step) != 2 || !json_is_string(state) ||
		    !json_is_string(on))
			return ce__io_fail(im, CE_EINVALID, field,
			               "expected {\"state\": TOKEN, \"on\": \"YYYY-MM-DD\"}");
		snprintf(field, sizeof field, "%s[%zu].state", name, i);
		if ((rc = ce__io_token(im, t, c, field, json_string_value(state), &s->state)) != CE_OK)
			return rc;
		snprintf(field, sizeof field, "%s[%zu].on", name, i);
		if ((rc = ce__io_date(im, field, json_string_value(on), &s->on)) != CE_OK)
			return rc;
		rec->nhist[c] = i + 1;
	}
	return CE_OK;
}

/* The field named key of table t: column index, or ncolumns + c for the
 * history of lifecycle column c; -1 if there is none. */
static int field_index(const ce_table_def *t, const char *key)
{
	int c = ce__column_by_name(t, key);
	size_t n = strlen(key);
	if (c >= 0)
		return c;
	if (n > 8 && strcmp(key + n - 8, "_history") == 0)
		for (c = 0; c < t->ncolumns; c++)
			if (ce__io_lifecycle(t, c) && strlen(t->columns[c].name) == n - 8 &&
			    strncmp(t->columns[c].name, key, n - 8) == 0)
				return t->ncolumns + c;
	return -1;
}

static int unknown_field(io_import *im, const ce_table_def *t, const char *key)
{
	char list[400] = "id";
	for (int c = 0; c < t->ncolumns; c++) {
		strncat(list, ", ", sizeof list - strlen(list) - 1);
		strncat(list, t->columns[c].name, sizeof list - strlen(list) - 1);
		if (ce__io_lifecycle(t, c)) {
			strncat(list, ", ", sizeof list - strlen(list) - 1);
			strncat(list, t->columns[c].name, sizeof list - strlen(list) - 1);
			strncat(list, "_history", sizeof list - strlen(list) - 1);
		}
	}
	return ce__io_fail(im, CE_EINVALID, NULL, "unknown field '%.*s' (a %s has: %s)", ce__clip(key, 60),
	               key, t->name, list);
}

static int read_record(io_import *im, const ce_table_def *t, const json_t *obj, io_rec *rec)
{
	const char *key;
	json_t *v;
	int rc = CE_OK;
	memset(rec, 0, sizeof *rec);
	rec->t = t;
	for (int c = 0; c < CE_MAX_COLUMNS; c++)
		rec->row[c].null = 1;
	if (!json_is_object(obj))
		return wrong_type(im, NULL, "an object", obj);
	json_object_foreach((json_t *)obj, key, v) {
		int f;
		if (strcmp(key, "id") == 0) {
			if (json_is_null(v))
				continue;
			if (!json_is_integer(v) || json_integer_value(v) <= 0)
				return json_is_integer(v)
				           ? ce__io_fail(im, CE_EINVALID, "id", "%lld is not a positive integer",
				                     (long long)json_integer_value(v))
				           : wrong_type(im, "id", "a positive integer", v);
			rec->doc_id = json_integer_value(v);
		} else if ((f = field_index(t, key)) < 0) {
			return unknown_field(im, t, key);
		} else if (f >= t->ncolumns) {
			rc = history_value(im, t, f - t->ncolumns, v, rec);
		} else {
			rec->given[f] = true;
			rc = column_value(im, t, f, v, &rec->row[f]);
		}
		if (rc != CE_OK)
			return rc;
	}
	return CE_OK;
}

static int import_entity(io_import *im, const ce_table_def *t, const json_t *records)
{
	size_t i;
	json_t *obj;
	json_array_foreach(records, i, obj) {
		io_rec rec;
		int rc;
		im->pos = (int64_t)i;
		snprintf(im->where, sizeof im->where, "%s[%zu]", t->name, i);
		rc = read_record(im, t, obj, &rec);
		if (rc == CE_OK)
			rc = ce__io_import_record(im, &rec);
		ce__io_rec_clear(&rec);
		if (rc != CE_OK)
			return rc;
	}
	return CE_OK;
}

/* Checks the document's top level and marks the entities it carries. */
static int read_top(io_import *im, const json_t *root)
{
	const char *key;
	json_t *v;
	json_t *format = json_object_get(root, "format"), *version = json_object_get(root, "version");
	snprintf(im->where, sizeof im->where, "(top level)");
	if (!json_is_object(root))
		return wrong_type(im, NULL, "an object", root);
	if (!json_is_string(format) || strcmp(json_string_value(format), IO_FORMAT_NAME) != 0)
		return ce__io_fail(im, CE_EINVALID, "format", "must be \"%s\" (is this a libcoopedu export?)",
		               IO_FORMAT_NAME);
	if (!json_is_integer(version) || json_integer_value(version) < 1 ||
	    json_integer_value(version) > IO_FORMAT_VERSION)
		return ce__io_fail(im, CE_EINVALID, "version", "must be an integer from 1 to %d (this library)",
		               IO_FORMAT_VERSION);
	json_object_foreach((json_t *)root, key, v) {
		ce_entity e;
		/* an exported audit trail is another store's history: an import
		 * records itself instead */
		if (!strcmp(key, "format") || !strcmp(key, "version") || !strcmp(key, "$schema") ||
		    !strcmp(key, "audit"))
			continue;
		if (ce_entity_by_name(&e, key) != CE_OK) {
			size_t n = strlen(key);
			char stem[64];
			snprintf(stem, sizeof stem, "%.*s", (int)(n && n < sizeof stem ? n - 1 : 0), key);
			if (n > 1 && key[n - 1] == 's' && ce_entity_by_name(&e, stem) == CE_OK)
				return ce__io_fail(im, CE_EINVALID, NULL, "unknown key '%s' (did you mean '%s'?)", key,
				               stem);
			return ce__io_fail(im, CE_EINVALID, NULL,
			               "unknown key '%.*s' (keys are format, version and entity names such "
			               "as partner, student)",
			               ce__clip(key, 60), key);
		}
		if (!json_is_array(v))
			return wrong_type(im, key, "an array of records", v);
		im->carries[e] = true;
		im->total += json_array_size(v);
	}
	return CE_OK;
}

/* jansson reports some allocation failures as syntax errors, or with no
 * reason at all. A real syntax error is deterministic: parsed again, the
 * document fails at the same place with the same reason. Anything else was
 * jansson running out of memory. */
static int parse_failure(ce_db *db, const char *source, const char *data, size_t len,
                         const json_error_t *err)
{
	json_error_t again;
	json_t *root;
	bool syntax = json_error_code(err) != json_error_out_of_memory && err->text[0];
	if (syntax) {
		root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &again);
		syntax = !root && json_error_code(&again) == json_error_code(err) &&
		         again.position == err->position && strcmp(again.text, err->text) == 0;
		json_decref(root);
	}
	if (!syntax)
		return ce__fail(db, CE_ENOMEM, "%s: out of memory parsing the JSON document", source);
	return ce__fail(db, CE_EINVALID, "%s:%d:%d: malformed JSON: %s", source, err->line, err->column,
	                err->text);
}

ce_result ce_import_json(ce_db *db, const char *data, size_t len, const ce_io_options *opts)
{
	io_import im;
	json_error_t err;
	json_t *root = NULL;
	ce_entity order[CE_ENTITY_LAST];
	int rc = ce__io_import_begin(&im, db, opts, false);
	if (rc != CE_OK)
		return ce__io_import_end(&im, rc);
	/* A byte-order mark (Windows editors write one) is skipped, as in CSV;
	 * RFC 8259 allows a parser to ignore it. */
	if (data && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!data)
		rc = ce__fail(db, CE_EINVALID, "import: NULL data");
	else if (len > im.opts.max_bytes)
		rc = ce__fail(db, CE_EINVALID, "%s: %zu bytes is larger than the %zu-byte limit", im.source,
		              len, im.opts.max_bytes);
	else if (len == 0)
		rc = ce__fail(db, CE_EINVALID, "%s: empty input (expected a JSON document)", im.source);
	else if (!(root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err)))
		rc = parse_failure(db, im.source, data, len, &err);
	if (rc == CE_OK)
		rc = read_top(&im, root);
	if (rc == CE_OK && im.opts.progress && im.opts.progress(im.opts.progress_ctx, 0, im.total))
		rc = ce__fail(db, CE_ERROR, "import cancelled; nothing was imported");
	ce__io_import_order(order);
	for (int i = 0; rc == CE_OK && i < CE_ENTITY_LAST; i++) {
		const ce_table_def *t = ce__entity_table(order[i]);
		json_t *records = json_object_get(root, t->name);
		if (records)
			rc = import_entity(&im, t, records);
	}
	json_decref(root);
	return ce__io_import_end(&im, rc);
}

ce_result ce_import_json_path(ce_db *db, const char *path, const ce_io_options *opts)
{
	ce_io_options o;
	char *data;
	size_t len;
	int rc = ce__io_options(db, opts, &o);
	if (rc != CE_OK)
		return rc;
	if (!opts || !opts->source_name)
		o.source_name = path && strcmp(path, "-") == 0 ? "<stdin>" : path;
	if ((rc = ce__io_read_file(db, path, o.max_bytes, &data, &len)) != CE_OK)
		return rc;
	rc = ce_import_json(db, data, len, &o);
	free(data);
	return rc;
}
