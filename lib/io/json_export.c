/* The whole store as one JSON document: entities in schema order, records
 * in id order, one record per line with its keys in column order. Records
 * are built and encoded by jansson one at a time, so the document is
 * streamed rather than held in memory. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "io_internal.h"

typedef struct jctx {
	io_export *ex;
	io_out *out;
} jctx;

static int dump_cb(const char *buffer, size_t size, void *data)
{
	return ce__io_out_put((io_out *)data, buffer, size) == CE_OK ? 0 : -1;
}

static json_t *date_json(int64_t d)
{
	char buf[16];
	return ce_date_format(buf, sizeof buf, (ce_date)d) == CE_OK ? json_string(buf) : NULL;
}

static json_t *flags_json(const ce_column_def *col, int64_t v)
{
	json_t *a = json_array();
	for (int b = 0; a && b < col->ntokens; b++)
		if (((v >> b) & 1) && json_array_append_new(a, json_string(col->tokens[b]))) {
			json_decref(a); /* a dropped flag would be a silent loss */
			a = NULL;
		}
	return a;
}

/* Whether a stored value has a JSON form at all; when it has, a NULL from
 * value_json() can only be an allocation failure. */
static bool encodable(io_export *ex, const ce_column_def *col, const ce_value *v)
{
	if (v->null)
		return true;
	switch (col->type) {
	case CE_TYPE_REAL:
		return isfinite(v->r);
	case CE_TYPE_TEXT:
		return v->s && ce__utf8_valid(v->s);
	case CE_TYPE_DATE:
		return v->i == (ce_date)v->i && ce_date_valid((ce_date)v->i);
	case CE_TYPE_ENUM:
		return v->i > 0 && v->i < col->ntokens;
	case CE_TYPE_REF: /* a record the role may not see is written as null */
		return ce__io_export_key(ex, (ce_entity)col->ref, v->i) ||
		       ce__io_export_ordinal(ex, (ce_entity)col->ref, v->i) || ce__view_filtered(ex->db);
	default:
		return true;
	}
}

static json_t *ref_json(io_export *ex, const ce_column_def *col, int64_t id)
{
	const char *key = ce__io_export_key(ex, (ce_entity)col->ref, id);
	int64_t ord;
	if (key)
		return json_string(key);
	ord = ce__io_export_ordinal(ex, (ce_entity)col->ref, id);
	if (!ord && ce__view_filtered(ex->db))
		return json_null();
	return ord ? json_integer(ord) : NULL;
}

static json_t *value_json(io_export *ex, const ce_column_def *col, const ce_value *v)
{
	if (v->null)
		return json_null();
	switch (col->type) {
	case CE_TYPE_INT:
	case CE_TYPE_MONEY:
		return json_integer(v->i);
	case CE_TYPE_REAL:
		return json_real(v->r);
	case CE_TYPE_TEXT:
		return json_string(v->s);
	case CE_TYPE_DATE:
		return date_json(v->i);
	case CE_TYPE_BOOL:
		return json_boolean(v->i);
	case CE_TYPE_ENUM:
		return v->i > 0 && v->i < col->ntokens ? json_string(col->tokens[v->i]) : NULL;
	case CE_TYPE_FLAGS:
		return flags_json(col, v->i);
	case CE_TYPE_REF:
		return ref_json(ex, col, v->i);
	}
	return NULL;
}

static json_t *history_json(io_export *ex, const ce_table_def *t, int64_t id, int c, int *rc)
{
	ce_transition *steps;
	size_t n;
	json_t *a;
	if ((*rc = ce__io_export_history(ex, t, id, c, &steps, &n)) != CE_OK)
		return NULL;
	a = json_array();
	for (size_t i = 0; a && i < n; i++) {
		const ce_column_def *col = &t->columns[c];
		json_t *step;
		if (steps[i].to < 1 || steps[i].to >= col->ntokens || !ce_date_valid(steps[i].on)) {
			*rc = ce__fail(ex->db, CE_EINVALID, "export: %s %lld: history of %s cannot be encoded",
			               t->name, (long long)id, col->name);
			json_decref(a);
			a = NULL;
			break;
		}
		if (!(step = json_object()) ||
		    json_object_set_new(step, "state", json_string(col->tokens[steps[i].to])) ||
		    json_object_set_new(step, "on", date_json(steps[i].on))) {
			json_decref(step); /* not in the array yet: the array would not free it */
			json_decref(a);
			a = NULL;
		} else if (json_array_append_new(a, step)) { /* frees step */
			json_decref(a);
			a = NULL;
		}
	}
	ce_transitions_free(steps);
	return a;
}

/* Encodes one record; reals get the fewest digits that read back exactly. */
static int write_record(io_export *ex, io_out *out, const ce_table_def *t, int64_t id,
                        int64_t ordinal, const ce_value *row)
{
	json_t *obj = json_object();
	int rc = CE_OK, precision = 15;
	char name[80];
	if (!obj || json_object_set_new(obj, "id", json_integer(ordinal)))
		rc = CE_ENOMEM;
	for (int c = 0; rc == CE_OK && c < t->ncolumns; c++) {
		const ce_column_def *col = &t->columns[c];
		json_t *v;
		if (!encodable(ex, col, &row[c])) {
			rc = ce__fail(ex->db, CE_EINVALID, "export: %s %lld: column %s cannot be encoded",
			              t->name, (long long)id, col->name);
			break;
		}
		if (col->type == CE_TYPE_REAL && !row[c].null && ce__io_real_precision(row[c].r) > precision)
			precision = ce__io_real_precision(row[c].r);
		/* Encodable, so a failure here is jansson out of memory (set_new frees v). */
		if (!(v = value_json(ex, col, &row[c])) || json_object_set_new(obj, col->name, v))
			rc = ce__fail(ex->db, CE_ENOMEM, "export: %s %lld: column %s: out of memory",
			              t->name, (long long)id, col->name);
	}
	for (int c = 0; rc == CE_OK && c < t->ncolumns; c++) {
		if (!ce__io_lifecycle(t, c))
			continue;
		json_t *h = history_json(ex, t, id, c, &rc);
		snprintf(name, sizeof name, "%s_history", t->columns[c].name);
		if (rc == CE_OK && (!h || json_object_set_new(obj, name, h))) /* set_new frees h */
			rc = ce__fail(ex->db, CE_ENOMEM, "export: %s %lld: history of %s", t->name,
			              (long long)id, t->columns[c].name);
	}
	if (rc == CE_ENOMEM && !*ce_db_errmsg(ex->db))
		ce__fail(ex->db, rc, "export: out of memory");
	if (rc == CE_OK && json_dump_callback(obj, dump_cb, out, JSON_REAL_PRECISION(precision)) != 0)
		rc = out->failed ? CE_ERROR : ce__fail(ex->db, CE_ENOMEM, "export: out of memory");
	json_decref(obj);
	return rc;
}

int ce__io_json_string(io_out *out, const char *s)
{
	json_t *j = json_string(s);
	int rc = j && json_dump_callback(j, dump_cb, out, JSON_ENCODE_ANY) == 0 ? CE_OK : CE_ENOMEM;
	json_decref(j);
	return rc;
}

int ce__io_json_record(io_export *ex, io_out *out, const ce_table_def *t, int64_t id)
{
	ce_value row[CE_MAX_COLUMNS];
	int rc = ce__fetch_copy(ex->db, t, id, row);
	if (rc != CE_OK)
		return rc;
	int64_t ordinal = ce__io_export_ordinal(ex, (ce_entity)t->index, id);
	rc = write_record(ex, out, t, id, ordinal ? ordinal : id, row);
	ce__row_clear(t, row);
	return rc;
}

static int write_entity(io_export *ex, io_out *out, ce_entity e)
{
	const ce_table_def *t = ce__entity_table(e);
	ce_value row[CE_MAX_COLUMNS];
	int rc = ce__io_out_puts(out, ",\n  \"");
	if (rc == CE_OK)
		rc = ce__io_out_puts(out, t->name);
	if (rc == CE_OK)
		rc = ce__io_out_puts(out, "\": [");
	/* By the ids read at the start: no cursor stays open across the
	 * history queries, and the numbering is the one references used. */
	for (size_t i = 0; rc == CE_OK && i < ex->nids[e]; i++) {
		int64_t id = ex->ids[e][i];
		if ((rc = ce__fetch_copy(ex->db, t, id, row)) != CE_OK)
			break;
		rc = ce__io_out_puts(out, i ? ",\n    " : "\n    ");
		if (rc == CE_OK)
			rc = write_record(ex, out, t, id, (int64_t)i + 1, row);
		ce__row_clear(t, row);
		if (rc == CE_OK)
			rc = ce__io_export_tick(ex);
	}
	if (rc == CE_OK)
		rc = ce__io_out_puts(out, ex->nids[e] ? "\n  ]" : "]");
	return rc;
}

/* The changes of an audit entry, parsed. jansson 2.14 does not report a
 * failure to grow its token buffer: it drops a byte of a long string and
 * parses on (docs/io.md). A second parse that does not fail at the same
 * place tells: two parses that differ mean one ran out of memory (NULL). */
static json_t *load_changes(const char *text)
{
	json_error_t err;
	json_t *a = json_loads(text, 0, &err), *b = a ? json_loads(text, 0, &err) : NULL;
	if (b && json_equal(a, b)) {
		json_decref(b);
		return a;
	}
	json_decref(a);
	json_decref(b);
	return NULL;
}

/* The audit trail, entry by entry, through its public reading API. */
static int write_audit(ce_db *db, io_out *out)
{
	ce_audit_iter *it;
	ce_audit_entry *e;
	int rc = ce_audit_iter_new(&it, db, NULL), k = 0;
	if (rc != CE_OK)
		return rc;
	if ((rc = ce__io_out_puts(out, ",\n  \"audit\": [")) != CE_OK) {
		ce_audit_iter_free(it);
		return rc;
	}
	while (rc == CE_OK && (rc = ce_audit_iter_next(&e, it)) == CE_OK) {
		json_t *obj = json_object(), *changes = load_changes(ce_audit_entry_changes(e));
		const char *actor = ce_audit_entry_actor(e);
		ce_role role = ce_audit_entry_role(e);
		bool ok = obj && changes && !json_object_set_new(obj, "id", json_integer(ce_audit_entry_id(e))) &&
		    !json_object_set_new(obj, "at", json_string(ce_audit_entry_at(e))) &&
		    !json_object_set_new(obj, "actor", actor ? json_string(actor) : json_null()) &&
		    !json_object_set_new(obj, "role", role ? json_string(ce_role_name(role)) : json_null()) &&
		    !json_object_set_new(obj, "operation", json_string(ce_audit_op_name(ce_audit_entry_op(e)))) &&
		    !json_object_set_new(obj, "entity", json_string(ce_entity_name(ce_audit_entry_entity(e)))) &&
		    !json_object_set_new(obj, "record", json_integer(ce_audit_entry_record(e)));
		/* json_object_set_new() takes the value even when it fails; until
		 * then the changes are ours to free */
		if (!ok)
			json_decref(changes);
		else
			ok = !json_object_set_new(obj, "changes", changes);
		if (!ok) {
			rc = ce__fail(db, CE_ENOMEM, "export: audit entry %lld: out of memory",
			              (long long)ce_audit_entry_id(e));
		} else {
			rc = ce__io_out_puts(out, k++ ? ",\n    " : "\n    ");
			if (rc == CE_OK && json_dump_callback(obj, dump_cb, out, JSON_REAL_PRECISION(17)) != 0)
				rc = out->failed ? CE_ERROR : ce__fail(db, CE_ENOMEM, "export: out of memory");
		}
		json_decref(obj);
		ce_audit_entry_free(e);
	}
	ce_audit_iter_free(it);
	if (rc != CE_ITEROVER)
		return rc;
	return ce__io_out_puts(out, k ? "\n  ]" : "]");
}

ce_result ce_export_json(ce_db *db, ce_write_fn write, void *ctx, const ce_io_options *opts)
{
	io_export ex;
	io_out *out;
	char head[96];
	int rc = ce__io_export_begin(&ex, db, opts);
	if (rc == CE_OK && !write)
		rc = ce__fail(db, CE_EINVALID, "export: NULL write function");
	/* refused before anything is written, not at the end */
	ce_role role = db ? ce_db_role(db) : CE_ROLE_NONE;
	if (rc == CE_OK && (ex.opts.flags & CE_IO_AUDIT) && role != CE_ROLE_NONE &&
	    role != CE_ROLE_ADMIN && role != CE_ROLE_OFFICE)
		rc = ce__fail(db, CE_EDENIED, "export: the %s role may not read the audit trail",
		              ce_role_name(role));
	if (rc != CE_OK)
		return ce__io_export_end(&ex, rc);
	if (!(out = malloc(sizeof *out)))
		return ce__io_export_end(&ex, ce__fail(db, CE_ENOMEM, "export: out of memory"));
	ce__io_out_init(out, write, ctx);
	snprintf(head, sizeof head, "{\n  \"format\": \"%s\",\n  \"version\": %d", IO_FORMAT_NAME,
	         IO_FORMAT_VERSION);
	rc = ce__io_out_puts(out, head);
	for (int e = 1; rc == CE_OK && e <= CE_ENTITY_LAST; e++)
		rc = write_entity(&ex, out, (ce_entity)e);
	if (rc == CE_OK && (ex.opts.flags & CE_IO_AUDIT))
		rc = write_audit(db, out);
	if (rc == CE_OK)
		rc = ce__io_out_puts(out, "\n}\n");
	if (rc == CE_OK)
		rc = ce__io_out_flush(out);
	if (rc == CE_ERROR && out->failed)
		ce__fail(db, CE_ERROR, "export: the output refused the data");
	free(out);
	return ce__io_export_end(&ex, rc);
}

ce_result ce_export_json_path(ce_db *db, const char *path, const ce_io_options *opts)
{
	io_file f;
	int rc = ce__io_open_out(db, path, &f);
	if (rc != CE_OK)
		return rc;
	rc = ce_export_json(db, ce__io_write_file, &f, opts);
	return ce__io_close_out(db, path, &f, rc);
}
