/* The JSON Schema of the export format, built from the schema itself so
 * that it cannot drift from what export writes and import reads. The text
 * is built once; docs/coopedu.schema.json is this text (a unit test holds
 * the two together). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "io_internal.h"

static json_t *tokens_json(const ce_column_def *col, bool flags)
{
	json_t *a = json_array();
	for (int i = flags ? 0 : 1; a && i < col->ntokens; i++)
		json_array_append_new(a, json_string(col->tokens[i]));
	return a;
}

static json_t *nullable(json_t *schema, bool optional)
{
	if (!optional || !schema)
		return schema;
	json_t *type = json_object_get(schema, "type"), *en = json_object_get(schema, "enum");
	if (json_is_string(type)) {
		json_object_set_new(schema, "type", json_pack("[s, s]", json_string_value(type), "null"));
		return schema;
	}
	if (json_is_array(type)) {
		json_array_append_new(type, json_string("null"));
		return schema;
	}
	if (en) {
		json_array_append_new(en, json_null());
		return schema;
	}
	return json_pack("{s: [o, {s: s}]}", "anyOf", schema, "type", "null");
}

static json_t *ref_schema(const ce_column_def *col)
{
	const ce_table_def *target = ce__table(col->ref);
	int kc = ce__io_key_column(target);
	char doc[160];
	if (kc < 0) {
		snprintf(doc, sizeof doc, "a %s: its id in this document (or in the store)", target->name);
		return json_pack("{s: s, s: i, s: s}", "type", "integer", "minimum", 1, "description", doc);
	}
	snprintf(doc, sizeof doc, "a %s: its %s, or its id in this document (or in the store)",
	         target->name, target->columns[kc].name);
	return json_pack("{s: [s, s], s: i, s: s}", "type", "string", "integer", "minimum", 1,
	                 "description", doc);
}

static json_t *number_schema(const ce_column_def *col, const char *type)
{
	json_t *s = json_pack("{s: s}", "type", type);
	if (!s)
		return NULL;
	if (col->min < col->max) {
		if (col->type == CE_TYPE_REAL) {
			json_object_set_new(s, "minimum", json_real(col->min));
			json_object_set_new(s, "maximum", json_real(col->max));
		} else {
			json_object_set_new(s, "minimum", json_integer((json_int_t)col->min));
			json_object_set_new(s, "maximum", json_integer((json_int_t)col->max));
		}
	} else if (col->flags & CE_COL_NONNEG) {
		json_object_set_new(s, "minimum", json_integer(0));
	}
	if (col->type == CE_TYPE_MONEY)
		json_object_set_new(s, "description", json_string("money in minor units (fen, cents)"));
	return s;
}

static json_t *column_schema(const ce_table_def *t, int c)
{
	const ce_column_def *col = &t->columns[c];
	json_t *s = NULL;
	switch (col->type) {
	case CE_TYPE_TEXT:
		s = json_pack("{s: s}", "type", "string");
		if (s && c == ce__io_key_column(t))
			json_object_set_new(s, "description",
			                    json_string("natural key: unique, and how references name the record"));
		break;
	case CE_TYPE_INT:
	case CE_TYPE_MONEY:
		s = number_schema(col, "integer");
		break;
	case CE_TYPE_REAL:
		s = number_schema(col, "number");
		break;
	case CE_TYPE_BOOL:
		s = json_pack("{s: s}", "type", "boolean");
		break;
	case CE_TYPE_DATE:
		s = json_pack("{s: s}", "$ref", "#/$defs/date");
		break;
	case CE_TYPE_ENUM:
		s = json_pack("{s: o}", "enum", tokens_json(col, false));
		break;
	case CE_TYPE_FLAGS:
		s = json_pack("{s: s, s: {s: o}, s: b}", "type", "array", "items", "enum",
		              tokens_json(col, true), "uniqueItems", 1);
		break;
	case CE_TYPE_REF:
		s = ref_schema(col);
		break;
	}
	bool lifecycle = ce__io_lifecycle(t, c) || ce__io_is_lifecycle_date(t, c);
	return nullable(s, !(col->flags & CE_COL_REQUIRED) || lifecycle);
}

static json_t *history_schema(const ce_column_def *col)
{
	char doc[160];
	snprintf(doc, sizeof doc,
	         "the dated states %s went through, oldest first; the last one is the current %s",
	         col->name, col->name);
	return json_pack("{s: s, s: s, s: {s: s, s: [s, s], s: b, s: {s: {s: o}, s: {s: s}}}}",
	                 "type", "array", "description", doc, "items", "type", "object",
	                 "required", "state", "on", "additionalProperties", 0, "properties", "state",
	                 "enum", tokens_json(col, false), "on", "$ref", "#/$defs/date");
}

static json_t *entity_schema(const ce_table_def *t)
{
	json_t *props = json_object(), *required = json_array();
	char name[80];
	json_object_set_new(props, "id",
	                    json_pack("{s: s, s: i, s: s}", "type", "integer", "minimum", 1, "description",
	                              "the record's number in this document (not its id in the store)"));
	for (int c = 0; c < t->ncolumns; c++) {
		json_object_set_new(props, t->columns[c].name, column_schema(t, c));
		if ((t->columns[c].flags & CE_COL_REQUIRED) && !ce__io_lifecycle(t, c) &&
		    !ce__io_is_lifecycle_date(t, c))
			json_array_append_new(required, json_string(t->columns[c].name));
	}
	for (int c = 0; c < t->ncolumns; c++)
		if (ce__io_lifecycle(t, c)) {
			snprintf(name, sizeof name, "%s_history", t->columns[c].name);
			json_object_set_new(props, name, history_schema(&t->columns[c]));
		}
	return json_pack("{s: s, s: s, s: o, s: b, s: o}", "description", t->doc, "type", "object",
	                 "required", required, "additionalProperties", 0, "properties", props);
}

static json_t *build(void)
{
	json_t *props = json_pack(
		"{s: {s: s, s: s}, s: {s: s}, s: {s: i}}", "$schema", "type", "string", "description",
		"optional: where an editor finds this schema", "format", "const", IO_FORMAT_NAME, "version",
		"const", IO_FORMAT_VERSION);
	json_t *defs = json_pack("{s: {s: s, s: s, s: s}}", "date", "type", "string", "pattern",
	                         "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description",
	                         "a calendar date, YYYY-MM-DD");
	char ref[96];
	for (int e = 1; props && defs && e <= CE_ENTITY_LAST; e++) {
		const ce_table_def *t = ce__entity_table((ce_entity)e);
		snprintf(ref, sizeof ref, "#/$defs/%s", t->name);
		json_object_set_new(props, t->name,
		                    json_pack("{s: s, s: {s: s}}", "type", "array", "items", "$ref", ref));
		json_object_set_new(defs, t->name, entity_schema(t));
	}
	return json_pack(
		"{s: s, s: s, s: s, s: s, s: s, s: [s, s], s: b, s: o, s: o}", "$schema",
		"https://json-schema.org/draft/2020-12/schema", "$id", "urn:coopedu:dataset:1", "title",
		"libcoopedu data set",
		"description",
		"A whole libcoopedu store as written by ce_export_json() and read by ce_import_json(): "
		"every entity as an array of records with an id and every column by name. References "
		"name the target by its natural key where it has one, otherwise by its id in this "
		"document.",
		"type", "object", "required", "format", "version", "additionalProperties", 0, "properties",
		props, "$defs", defs);
}

static char *schema_text;
static pthread_once_t schema_once = PTHREAD_ONCE_INIT;

static void make_schema(void)
{
	json_t *root = build();
	char *text = root ? json_dumps(root, JSON_INDENT(2)) : NULL;
	json_decref(root);
	if (!text)
		return;
	/* A file ends with a newline; the docs copy is this text byte for byte. */
	size_t n = strlen(text);
	char *withnl = malloc(n + 2);
	if (withnl) {
		memcpy(withnl, text, n);
		memcpy(withnl + n, "\n", 2);
	}
	free(text);
	schema_text = withnl;
}

const char *ce_json_schema(void)
{
	pthread_once(&schema_once, make_schema);
	return schema_text;
}
