/* The whole store as one JSON document: entities in schema order, records
 * in id order, one record per line with its keys in column order. Records
 * are built and encoded by jansson one at a time, so the document is
 * streamed rather than held in memory. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <yajl/yajl_parse.h>

#include "io_internal.h"
#include "yajl_mem.h"

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

/* ---- the audit trail -------------------------------------------------------
 * Written by hand in jansson's layout (", " and ": " between items), so
 * that an entry reads as it always has. The changes were stored as JSON
 * text by the core (lib/core/audit.c); they are parsed with yajl, whose
 * allocations are tracked (yajl_mem.h), and written again item by item as
 * jansson would write the value it parsed: strings escaped as jansson
 * does, integers as integers, reals with 17 digits. Not jansson's parser:
 * 2.14's lexer asserts or corrupts its heap when an allocation fails. */

/* s as jansson writes a string: '"', '\\' and controls escaped, the
 * controls with a short form as \b \f \n \r \t, the others as \u00XX;
 * everything else (valid UTF-8, checked by the caller) as it is. */
static int put_string(io_out *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *run = s, *end = s + len;
	int rc = ce__io_out_put(out, "\"", 1);
	for (const char *p = s; rc == CE_OK && p < end; p++) {
		unsigned char c = (unsigned char)*p;
		char esc[7] = { '\\', 0 };
		size_t n = 2;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		switch (c) {
		case '"': case '\\': esc[1] = (char)c; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			n = 6;
		}
		rc = ce__io_out_put(out, run, (size_t)(p - run));
		if (rc == CE_OK)
			rc = ce__io_out_put(out, esc, n);
		run = p + 1;
	}
	if (rc == CE_OK)
		rc = ce__io_out_put(out, run, (size_t)(end - run));
	return rc == CE_OK ? ce__io_out_put(out, "\"", 1) : rc;
}

#define CHANGES_DEPTH 32 /* the core writes 2: an object of [old, new] pairs */

typedef struct changes {
	io_out *out;
	int rc;    /* the first failure: a write, or CE_EINVALID for what jansson refused */
	int depth; /* open containers */
	bool top;  /* the one value has begun */
	unsigned char items[CHANGES_DEPTH]; /* per open container: any item yet */
	bool in_map[CHANGES_DEPTH];
} changes;

static int ch_stop(changes *c, int rc)
{
	if (c->rc == CE_OK)
		c->rc = rc;
	return 0; /* yajl stops: client cancelled */
}

/* Before a value: a scalar alone is not a document (json_loads() without
 * JSON_DECODE_ANY), and an array's items are separated. */
static int ch_value(changes *c, bool container)
{
	if (c->depth == 0) {
		if (c->top || !container)
			return ch_stop(c, CE_EINVALID);
		c->top = true;
		return 1;
	}
	if (c->in_map[c->depth - 1])
		return 1; /* after its key */
	if (c->items[c->depth - 1]++ && (c->rc = ce__io_out_put(c->out, ", ", 2)) != CE_OK)
		return 0;
	return 1;
}

static int ch_put(changes *c, const char *s, size_t n)
{
	return (c->rc = ce__io_out_put(c->out, s, n)) == CE_OK;
}

static int ch_null(void *ctx)
{
	return ch_value(ctx, false) && ch_put(ctx, "null", 4);
}

static int ch_bool(void *ctx, int b)
{
	return ch_value(ctx, false) && ch_put(ctx, b ? "true" : "false", b ? 4 : 5);
}

static int ch_number(void *ctx, const char *s, size_t len)
{
	changes *c = ctx;
	char text[400], buf[48];
	bool real;
	int64_t i;
	double r;
	if (!ch_value(c, false))
		return 0;
	if (len >= sizeof text)
		return ch_stop(c, CE_EINVALID);
	memcpy(text, s, len);
	text[len] = '\0';
	if (ce__io_read_number(text, &real, &i, &r) != CE_OK)
		return ch_stop(c, CE_EINVALID); /* jansson: too big an integer, or a real overflow */
	if (!real)
		snprintf(buf, sizeof buf, "%lld", (long long)i);
	else if (ce__io_format_real_digits(buf, sizeof buf, r, 17) != CE_OK)
		return ch_stop(c, CE_EINVALID);
	return ch_put(c, buf, strlen(buf));
}

static int ch_string(void *ctx, const unsigned char *s, size_t len)
{
	changes *c = ctx;
	if (!ch_value(c, false))
		return 0;
	if (memchr(s, 0, len)) /* \u0000: jansson refuses it */
		return ch_stop(c, CE_EINVALID);
	return (c->rc = put_string(c->out, (const char *)s, len)) == CE_OK;
}

static int ch_open(changes *c, bool map)
{
	if (!ch_value(c, true))
		return 0;
	if (c->depth == CHANGES_DEPTH)
		return ch_stop(c, CE_EINVALID);
	c->items[c->depth] = 0;
	c->in_map[c->depth++] = map;
	return ch_put(c, map ? "{" : "[", 1);
}

static int ch_close(changes *c, bool map)
{
	c->depth--;
	return ch_put(c, map ? "}" : "]", 1);
}

static int ch_start_map(void *ctx) { return ch_open(ctx, true); }
static int ch_end_map(void *ctx) { return ch_close(ctx, true); }
static int ch_start_array(void *ctx) { return ch_open(ctx, false); }
static int ch_end_array(void *ctx) { return ch_close(ctx, false); }

static int ch_key(void *ctx, const unsigned char *s, size_t len)
{
	changes *c = ctx;
	if (c->items[c->depth - 1]++ && !ch_put(c, ", ", 2))
		return 0;
	if (memchr(s, 0, len))
		return ch_stop(c, CE_EINVALID);
	if ((c->rc = put_string(c->out, (const char *)s, len)) != CE_OK)
		return 0;
	return ch_put(c, ": ", 2);
}

static const yajl_callbacks changes_callbacks = {
	ch_null, ch_bool, NULL, NULL, ch_number, ch_string,
	ch_start_map, ch_key, ch_end_map, ch_start_array, ch_end_array,
};

int ce__io_json_changes(ce_db *db, io_out *out, const char *text, int64_t entry)
{
	jmp_buf fail;
	io_yarena arena;
	yajl_alloc_funcs funcs;
	changes c = { .out = out };
	volatile int rc = CE_OK;
	if (!text)
		return ce__fail(db, CE_EINVALID, "export: audit entry %lld has no changes", (long long)entry);
	ce__io_yarena_init(&arena, &fail, &funcs);
	if (setjmp(fail) == 0) {
		yajl_handle h = yajl_alloc(&changes_callbacks, &funcs, &c);
		yajl_status st = yajl_parse(h, (const unsigned char *)text, strlen(text));
		if (st == yajl_status_ok)
			st = yajl_complete_parse(h);
		if (c.rc != CE_OK)
			rc = c.rc;
		else if (st != yajl_status_ok || !c.top)
			rc = CE_EINVALID;
	} else {
		rc = ce__fail(db, CE_ENOMEM, "export: audit entry %lld: out of memory", (long long)entry);
	}
	ce__io_yarena_free(&arena);
	if (rc == CE_EINVALID)
		ce__fail(db, rc, "export: audit entry %lld: its changes are not valid JSON", (long long)entry);
	return rc;
}

/* A text field of an entry: `, "name": "text"` (or null). */
static int put_field(io_out *out, const char *name, const char *text)
{
	int rc = ce__io_out_puts(out, ", \"");
	if (rc == CE_OK)
		rc = ce__io_out_puts(out, name);
	if (rc == CE_OK)
		rc = ce__io_out_puts(out, "\": ");
	if (rc != CE_OK)
		return rc;
	return text ? put_string(out, text, strlen(text)) : ce__io_out_puts(out, "null");
}

static int write_entry(ce_db *db, io_out *out, const ce_audit_entry *e)
{
	const char *actor = ce_audit_entry_actor(e), *at = ce_audit_entry_at(e);
	ce_role role = ce_audit_entry_role(e);
	const char *rname = role ? ce_role_name(role) : NULL;
	const char *op = ce_audit_op_name(ce_audit_entry_op(e));
	const char *entity = ce_entity_name(ce_audit_entry_entity(e));
	long long id = (long long)ce_audit_entry_id(e);
	char num[32];
	/* what jansson refused to write (a NULL or invalid string) cannot be encoded */
	if (!at || !op || !entity || (role && !rname) || !ce__utf8_valid(at) ||
	    (actor && !ce__utf8_valid(actor)))
		return ce__fail(db, CE_EINVALID, "export: audit entry %lld cannot be encoded", id);
	snprintf(num, sizeof num, "{\"id\": %lld", id);
	int rc = ce__io_out_puts(out, num);
	if (rc == CE_OK)
		rc = put_field(out, "at", at);
	if (rc == CE_OK)
		rc = put_field(out, "actor", actor);
	if (rc == CE_OK)
		rc = put_field(out, "role", rname);
	if (rc == CE_OK)
		rc = put_field(out, "operation", op);
	if (rc == CE_OK)
		rc = put_field(out, "entity", entity);
	snprintf(num, sizeof num, ", \"record\": %lld", (long long)ce_audit_entry_record(e));
	if (rc == CE_OK)
		rc = ce__io_out_puts(out, num);
	if (rc == CE_OK)
		rc = ce__io_out_puts(out, ", \"changes\": ");
	if (rc == CE_OK)
		rc = ce__io_json_changes(db, out, ce_audit_entry_changes(e), id);
	return rc == CE_OK ? ce__io_out_puts(out, "}") : rc;
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
		rc = ce__io_out_puts(out, k++ ? ",\n    " : "\n    ");
		if (rc == CE_OK)
			rc = write_entry(db, out, e);
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
