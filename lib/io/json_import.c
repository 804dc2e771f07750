/* Reading a JSON document into the import engine, streamed: yajl parses
 * it in two passes and no more than one record is ever held, so memory
 * does not grow with the document. The first pass checks the syntax and
 * the top level, and notes where each entity's array lies and how many
 * records it has; the second parses those arrays in the order entities
 * depend on each other (a document may list them in any order, and an id
 * refers to a record of the input when the input carries its entity),
 * one record at a time, checking each value's type with messages naming
 * the record path ("student[3].cohort"). */
#include <errno.h>
#include <stdarg.h>
#include <locale.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yajl/yajl_parse.h>

#include "io_internal.h"
#include "yajl_mem.h"

#define CHUNK 65536
#define MAX_DEPTH 5 /* document, entity array, record, history, step */

/* ---- the input -------------------------------------------------------------- */

typedef struct src {
	const char *mem; /* in memory, or */
	FILE *f;         /* a file we may seek in */
	uint64_t skip;   /* a byte-order mark: where the document starts */
	uint64_t size;
	const char *name;
} src;

typedef struct parse {
	yajl_handle h;
	uint64_t base; /* offset of the chunk being parsed */
	int rc;        /* a callback's failure, CE_OK if none */
} parse;

static uint64_t offset_now(const parse *p)
{
	return p->base + yajl_get_bytes_consumed(p->h);
}

/* Line and column (1-based, in bytes) of offset off. */
static void line_col(const src *s, uint64_t off, long *line, long *col)
{
	char buf[CHUNK];
	uint64_t at = 0, last_nl = 0;
	bool any = false;
	*line = 1;
	if (!s->mem && fseeko(s->f, 0, SEEK_SET) != 0)
		off = 0;
	while (at < off) {
		size_t n = off - at < CHUNK ? (size_t)(off - at) : CHUNK;
		const char *p = s->mem ? s->mem + at : buf;
		if (!s->mem && (n = fread(buf, 1, n, s->f)) == 0)
			break;
		for (size_t i = 0; i < n; i++)
			if (p[i] == '\n') {
				++*line;
				last_nl = at + i;
				any = true;
			}
		at += n;
	}
	*col = (long)(off - (any ? last_nl + 1 : 0)) + 1;
}

/* Feeds bytes [off, end) of s to p->h and finishes the parse. A failed
 * read is CE_ERROR; a yajl failure is left in the returned status. */
static int feed(io_import *im, src *s, parse *p, uint64_t off, uint64_t end, yajl_status *st)
{
	char buf[CHUNK];
	*st = yajl_status_ok;
	if (s->mem) {
		p->base = off;
		*st = yajl_parse(p->h, (const unsigned char *)s->mem + off, (size_t)(end - off));
	} else if (fseeko(s->f, (off_t)off, SEEK_SET) != 0) {
		return ce__fail(im->db, CE_ERROR, "%s: cannot seek: %s", s->name, strerror(errno));
	} else {
		while (*st == yajl_status_ok && off < end) {
			size_t want = end - off < CHUNK ? (size_t)(end - off) : CHUNK;
			size_t n = fread(buf, 1, want, s->f);
			if (n == 0)
				return ce__fail(im->db, CE_ERROR, "%s: cannot read: %s", s->name,
				                ferror(s->f) ? strerror(errno) : "it became shorter");
			p->base = off;
			*st = yajl_parse(p->h, (const unsigned char *)buf, n);
			off += n;
		}
	}
	if (*st == yajl_status_ok)
		*st = yajl_complete_parse(p->h);
	return CE_OK;
}

/* The failure of a parse that yajl stopped: a callback's, or malformed JSON
 * located by line and column. */
static int parse_failure(io_import *im, src *s, parse *p, yajl_status st, const char *data, size_t len)
{
	if (st == yajl_status_client_canceled)
		return p->rc;
	unsigned char *text = yajl_get_error(p->h, 0, (const unsigned char *)data, len);
	const char *why = text ? (const char *)text : "not JSON";
	const char *colon = strstr(why, ": ");
	char reason[200];
	long line, col;
	uint64_t at = offset_now(p);
	snprintf(reason, sizeof reason, "%s", colon ? colon + 2 : why);
	reason[strcspn(reason, "\n")] = '\0';
	if (text)
		yajl_free_error(p->h, text);
	line_col(s, at, &line, &col);
	return ce__fail(im->db, CE_EINVALID, "%s:%ld:%ld: malformed JSON: %s", s->name, line, col, reason);
}

/* ---- pass 1: the top level ------------------------------------------------------ */

typedef struct range {
	uint64_t start, end, count;
	bool present;
} range;

enum top_kind { TOP_SKIP, TOP_ENTITY, TOP_FORMAT, TOP_VERSION };

typedef struct top {
	parse p;
	io_import *im;
	int depth;
	bool object, array_top;
	enum top_kind kind;       /* of the value being read at depth 1 */
	ce_entity entity;
	char key[64];
	char **keys;              /* top-level keys seen, for duplicates */
	size_t nkeys;
	bool format_ok, has_version;
	int64_t version;
	int err;                  /* the first problem with the top level */
	char errmsg[400];
	range ranges[CE_ENTITY_LAST + 1];
} top;

static void top_problem(top *t, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
static void top_problem(top *t, int code, const char *fmt, ...)
{
	va_list ap;
	if (t->err)
		return;
	t->err = code;
	va_start(ap, fmt);
	vsnprintf(t->errmsg, sizeof t->errmsg, fmt, ap);
	va_end(ap);
}

/* A value starts: the document (depth 0), the value of t->key (1) or a
 * record (2). */
static int top_value(top *t, const char *type, bool array)
{
	if (t->depth == 0)
		return 0; /* a single value, not an object: nothing more to learn */
	if (t->depth == 2 && t->kind == TOP_ENTITY)
		t->ranges[t->entity].count++;
	if (t->depth != 1)
		return 1;
	if (t->kind == TOP_ENTITY && !array)
		top_problem(t, CE_EINVALID, "%s.%s: expected an array of records, got %s", "(top level)", t->key,
		            type);
	return 1;
}

static int top_null(void *ctx)
{
	return top_value(ctx, "null", false);
}

static int top_bool(void *ctx, int b)
{
	(void)b;
	return top_value(ctx, "a boolean", false);
}

static int top_number(void *ctx, const char *s, size_t len)
{
	top *t = ctx;
	bool integer = !memchr(s, '.', len) && !memchr(s, 'e', len) && !memchr(s, 'E', len);
	if (t->depth == 1 && t->kind == TOP_VERSION && integer) {
		char buf[32];
		int64_t v;
		snprintf(buf, sizeof buf, "%.*s", (int)(len < 31 ? len : 31), s);
		if (len < 31 && ce__io_parse_int(buf, &v)) {
			t->has_version = true;
			t->version = v;
		}
	}
	return top_value(t, integer ? "an integer" : "a real number", false);
}

static int top_string(void *ctx, const unsigned char *s, size_t len)
{
	top *t = ctx;
	if (t->depth == 1 && t->kind == TOP_FORMAT)
		t->format_ok = len == strlen(IO_FORMAT_NAME) && memcmp(s, IO_FORMAT_NAME, len) == 0;
	return top_value(t, "a string", false);
}

static int top_key(void *ctx, const unsigned char *s, size_t len)
{
	top *t = ctx;
	ce_entity e;
	if (t->depth != 1)
		return 1;
	if (len >= sizeof t->key || memchr(s, 0, len)) {
		t->kind = TOP_SKIP;
		top_problem(t, CE_EINVALID, "(top level): unknown key '%.*s' (keys are format, version and "
		            "entity names such as partner, student)", (int)(len < 60 ? len : 60), (const char *)s);
		return 1;
	}
	memcpy(t->key, s, len);
	t->key[len] = '\0';
	for (size_t i = 0; i < t->nkeys; i++)
		if (strcmp(t->keys[i], t->key) == 0) {
			t->p.rc = ce__fail(t->im->db, CE_EINVALID, "%s: malformed JSON: duplicate key '%s' at the top level",
			                   t->im->source, t->key);
			return 0;
		}
	char **k = realloc(t->keys, (t->nkeys + 1) * sizeof *k);
	if (!k || !(k[t->nkeys] = strdup(t->key))) {
		if (k)
			t->keys = k;
		t->p.rc = ce__fail(t->im->db, CE_ENOMEM, "%s: out of memory", t->im->source);
		return 0;
	}
	t->keys = k;
	t->nkeys++;
	t->kind = TOP_SKIP;
	/* an exported audit trail is another store's history: an import
	 * records itself instead */
	if (!strcmp(t->key, "format"))
		t->kind = TOP_FORMAT;
	else if (!strcmp(t->key, "version"))
		t->kind = TOP_VERSION;
	else if (!strcmp(t->key, "$schema") || !strcmp(t->key, "audit"))
		t->kind = TOP_SKIP;
	else if (ce_entity_by_name(&e, t->key) == CE_OK) {
		t->kind = TOP_ENTITY;
		t->entity = e;
	} else {
		char stem[64];
		snprintf(stem, sizeof stem, "%.*s", (int)(len > 1 ? len - 1 : 0), t->key);
		if (len > 1 && t->key[len - 1] == 's' && ce_entity_by_name(&e, stem) == CE_OK)
			top_problem(t, CE_EINVALID, "(top level): unknown key '%s' (did you mean '%s'?)", t->key, stem);
		else
			top_problem(t, CE_EINVALID,
			            "(top level): unknown key '%.*s' (keys are format, version and entity names "
			            "such as partner, student)",
			            ce__clip(t->key, 60), t->key);
	}
	return 1;
}

static int top_start_map(void *ctx)
{
	top *t = ctx;
	if (t->depth == 0)
		t->object = true;
	else
		top_value(t, "an object", false);
	t->depth++;
	return 1;
}

static int top_end_map(void *ctx)
{
	((top *)ctx)->depth--;
	return 1;
}

static int top_start_array(void *ctx)
{
	top *t = ctx;
	if (t->depth == 0) {
		t->array_top = true;
		return 0; /* not an object: nothing more to learn */
	}
	top_value(t, "an array", true);
	if (t->depth == 1 && t->kind == TOP_ENTITY) {
		range *r = &t->ranges[t->entity];
		r->present = true;
		r->start = offset_now(&t->p) - 1;
	}
	t->depth++;
	return 1;
}

static int top_end_array(void *ctx)
{
	top *t = ctx;
	if (--t->depth == 1 && t->kind == TOP_ENTITY)
		t->ranges[t->entity].end = offset_now(&t->p);
	return 1;
}

static const yajl_callbacks top_callbacks = {
	top_null, top_bool, NULL, NULL, top_number, top_string,
	top_start_map, top_key, top_end_map, top_start_array, top_end_array,
};

/* ---- pass 2: records ------------------------------------------------------------- */

/* Text of the current record, copied out of yajl's buffers: blocks that
 * never move, kept for the next record. */
typedef struct tblock {
	struct tblock *next;
	size_t used, cap;
	char data[];
} tblock;

typedef struct recs {
	parse p;
	io_import *im;
	const ce_table_def *t;
	int depth;
	size_t index;
	io_rec rec;
	bool open;                          /* rec holds a record being read */
	bool seen[2 * CE_MAX_COLUMNS + 1];  /* fields given, for duplicates */
	int field;                          /* the field whose value comes next; FIELD_ID for id */
	int64_t flags;                      /* FLAGS being read */
	size_t hcap;                        /* capacity of rec.hist[field] */
	int step_key;                       /* 0: state, 1: on, -1: other */
	bool step_has[2];
	tblock *text;
} recs;

#define FIELD_ID (2 * CE_MAX_COLUMNS)

static const char *copy_text(recs *r, const unsigned char *s, size_t len)
{
	tblock *b = r->text;
	if (!b || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > 16384 ? len + 1 : 16384;
		if (!(b = malloc(sizeof *b + cap)))
			return NULL;
		b->next = r->text;
		b->used = 0;
		b->cap = cap;
		r->text = b;
	}
	char *out = b->data + b->used;
	memcpy(out, s, len);
	out[len] = '\0';
	b->used += len + 1;
	return out;
}

static void text_reset(recs *r, bool all)
{
	while (r->text && (all || r->text->next)) {
		tblock *next = r->text->next;
		free(r->text);
		r->text = next;
	}
	if (r->text)
		r->text->used = 0;
}

static int stop(recs *r, int rc)
{
	r->p.rc = rc;
	return 0;
}

static int wrong_type(io_import *im, const char *field, const char *expected, const char *got)
{
	return ce__io_fail(im, CE_EINVALID, field, "expected %s, got %s", expected, got);
}

static const char *field_name(const recs *r, char *buf, size_t size)
{
	const ce_table_def *t = r->t;
	if (r->field == FIELD_ID)
		return "id";
	if (r->field >= t->ncolumns) {
		snprintf(buf, size, "%s_history", t->columns[r->field - t->ncolumns].name);
		return buf;
	}
	return t->columns[r->field].name;
}

/* What a column of this type expects, for messages. */
static const char *expected(const recs *r)
{
	const ce_table_def *t = r->t;
	if (r->field == FIELD_ID)
		return "a positive integer";
	if (r->field >= t->ncolumns)
		return "an array of {\"state\", \"on\"}";
	const ce_column_def *col = &t->columns[r->field];
	switch (col->type) {
	case CE_TYPE_TEXT: return "a string";
	case CE_TYPE_INT: return "an integer";
	case CE_TYPE_MONEY: return "an integer (minor units)";
	case CE_TYPE_REAL: return "a number";
	case CE_TYPE_BOOL: return "true or false";
	case CE_TYPE_DATE: return "a date string \"YYYY-MM-DD\"";
	case CE_TYPE_ENUM: return "a token string";
	case CE_TYPE_FLAGS: return "an array of tokens";
	case CE_TYPE_REF:
		return ce__io_key_column(ce__table(col->ref)) >= 0 ? "a key string or an id" : "an id";
	}
	return "a value";
}

/* One JSON scalar as the parser gives it. */
enum jtype { J_NULL, J_BOOL, J_INT, J_REAL, J_STRING };

typedef struct jval {
	enum jtype type;
	int64_t i;
	double r;
	const char *s; /* J_STRING: NUL-terminated copy */
} jval;

static const char *jtype_name(enum jtype type)
{
	switch (type) {
	case J_NULL: return "null";
	case J_BOOL: return "a boolean";
	case J_INT: return "an integer";
	case J_REAL: return "a real number";
	case J_STRING: return "a string";
	}
	return "a value";
}

/* Sets column c of the record from v. */
static int column_value(recs *r, int c, const jval *v)
{
	io_import *im = r->im;
	const ce_table_def *t = r->t;
	const ce_column_def *col = &t->columns[c];
	const char *name = col->name;
	ce_value *out = &r->rec.row[c];
	int token, rc = CE_OK;
	ce_date d;
	*out = (ce_value){ .null = 1 };
	r->rec.given[c] = true;
	if (v->type == J_NULL)
		return CE_OK;
	out->null = 0;
	switch (col->type) {
	case CE_TYPE_TEXT:
		if (v->type != J_STRING)
			break;
		out->s = v->s;
		return CE_OK;
	case CE_TYPE_INT:
	case CE_TYPE_MONEY:
		if (v->type != J_INT)
			break;
		out->i = v->i;
		return CE_OK;
	case CE_TYPE_REAL:
		if (v->type != J_INT && v->type != J_REAL)
			break;
		out->r = v->type == J_INT ? (double)v->i : v->r;
		return CE_OK;
	case CE_TYPE_BOOL:
		if (v->type != J_BOOL)
			break;
		out->i = v->i;
		return CE_OK;
	case CE_TYPE_DATE:
		if (v->type != J_STRING)
			break;
		rc = ce__io_date(im, name, v->s, &d);
		out->i = d;
		return rc;
	case CE_TYPE_ENUM:
		if (v->type != J_STRING)
			break;
		rc = ce__io_token(im, t, c, name, v->s, &token);
		out->i = token;
		return rc;
	case CE_TYPE_FLAGS:
		break;
	case CE_TYPE_REF:
		if (v->type == J_STRING)
			return ce__io_resolve_key(im, t, c, v->s, &out->i);
		if (v->type == J_INT)
			return ce__io_resolve_id(im, t, c, v->i, &out->i);
		break;
	}
	return wrong_type(im, name, expected(r), jtype_name(v->type));
}

/* "name[index]", as snprintf would write it (truncated to size), by hand:
 * it is written for every record, in case a message needs it. */
static void where_index(char *buf, size_t size, const char *name, size_t index)
{
	char digits[24], *d = digits + sizeof digits;
	do
		*--d = (char)('0' + index % 10);
	while (index /= 10);
	size_t k = 0;
	for (const char *p = name; *p && k + 1 < size; p++)
		buf[k++] = *p;
	if (k + 1 < size)
		buf[k++] = '[';
	for (; d < digits + sizeof digits && k + 1 < size; d++)
		buf[k++] = *d;
	if (k + 1 < size)
		buf[k++] = ']';
	buf[k] = '\0';
}

static void begin_record(recs *r)
{
	memset(&r->rec, 0, sizeof r->rec);
	r->rec.t = r->t;
	for (int c = 0; c < CE_MAX_COLUMNS; c++)
		r->rec.row[c].null = 1;
	memset(r->seen, 0, sizeof r->seen);
	r->field = -1;
	r->open = true;
	r->im->pos = (int64_t)r->index;
	where_index(r->im->where, sizeof r->im->where, r->t->name, r->index);
}

static int end_record(recs *r)
{
	int rc = ce__io_import_record(r->im, &r->rec);
	ce__io_rec_clear(&r->rec);
	r->open = false;
	r->index++;
	text_reset(r, false);
	return rc;
}

static int step_field(recs *r, char *buf, size_t size, const char *suffix)
{
	const ce_table_def *t = r->t;
	snprintf(buf, size, "%s_history[%zu]%s", t->columns[r->field - t->ncolumns].name,
	         r->rec.nhist[r->field - t->ncolumns], suffix);
	return 0;
}

static int bad_step(recs *r)
{
	char field[160];
	step_field(r, field, sizeof field, "");
	return ce__io_fail(r->im, CE_EINVALID, field, "expected {\"state\": TOKEN, \"on\": \"YYYY-MM-DD\"}");
}

/* A scalar at any depth. */
static int scalar(recs *r, const jval *v)
{
	io_import *im = r->im;
	const ce_table_def *t = r->t;
	char name[96];
	int rc;
	switch (r->depth) {
	case 1: /* a record that is not an object */
		begin_record(r);
		r->open = false;
		return stop(r, wrong_type(im, NULL, "an object", jtype_name(v->type)));
	case 2:
		if (r->field == FIELD_ID) {
			if (v->type == J_NULL)
				return 1;
			if (v->type != J_INT)
				return stop(r, wrong_type(im, "id", "a positive integer", jtype_name(v->type)));
			if (v->i <= 0)
				return stop(r, ce__io_fail(im, CE_EINVALID, "id", "%lld is not a positive integer",
				                           (long long)v->i));
			r->rec.doc_id = v->i;
			return 1;
		}
		if (r->field >= t->ncolumns) { /* history: null is none */
			if (v->type == J_NULL)
				return 1;
			return stop(r, wrong_type(im, field_name(r, name, sizeof name), expected(r),
			                          jtype_name(v->type)));
		}
		rc = column_value(r, r->field, v);
		return rc == CE_OK ? 1 : stop(r, rc);
	case 3:
		if (r->field >= t->ncolumns)
			return stop(r, bad_step(r));
		if (v->type != J_STRING) /* a flags item */
			return stop(r, wrong_type(im, t->columns[r->field].name, "an array of tokens",
			                          jtype_name(v->type)));
		int bit;
		if ((rc = ce__io_token(im, t, r->field, t->columns[r->field].name, v->s, &bit)) != CE_OK)
			return stop(r, rc);
		r->flags |= INT64_C(1) << bit;
		return 1;
	case 4: {
		int c = r->field - t->ncolumns;
		io_step *s = &r->rec.hist[c][r->rec.nhist[c]];
		if (r->step_key < 0 || v->type != J_STRING)
			return stop(r, bad_step(r));
		r->step_has[r->step_key] = true;
		if (r->step_key == 0) {
			step_field(r, name, sizeof name, ".state");
			rc = ce__io_token(im, t, c, name, v->s, &s->state);
		} else {
			step_field(r, name, sizeof name, ".on");
			rc = ce__io_date(im, name, v->s, &s->on);
		}
		return rc == CE_OK ? 1 : stop(r, rc);
	}
	}
	return stop(r, bad_step(r));
}

static int rec_null(void *ctx)
{
	return scalar(ctx, &(jval){ .type = J_NULL });
}

static int rec_bool(void *ctx, int b)
{
	return scalar(ctx, &(jval){ .type = J_BOOL, .i = b != 0 });
}

static int rec_number(void *ctx, const char *s, size_t len)
{
	recs *r = ctx;
	char buf[400];
	bool real;
	jval v = { .type = J_INT };
	if (len >= sizeof buf)
		return stop(r, ce__io_fail(r->im, CE_EINVALID, NULL, "a number of %zu characters", len));
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (ce__io_read_number(buf, &real, &v.i, &v.r) != CE_OK)
		return stop(r, ce__io_fail(r->im, CE_EINVALID, NULL, "%s is too large %s", buf,
		                           real ? "a number" : "an integer"));
	v.type = real ? J_REAL : J_INT;
	return scalar(r, &v);
}

static int rec_string(void *ctx, const unsigned char *s, size_t len)
{
	recs *r = ctx;
	jval v = { .type = J_STRING };
	if (memchr(s, 0, len))
		return stop(r, ce__io_fail(r->im, CE_EINVALID, NULL, "a string holds a NUL character (\\u0000)"));
	if (!(v.s = copy_text(r, s, len)))
		return stop(r, ce__io_fail(r->im, CE_ENOMEM, NULL, "out of memory"));
	return scalar(r, &v);
}

/* The field named key of t: column index, ncolumns + c for the history of
 * lifecycle column c, FIELD_ID for "id"; -1 if there is none. */
static int field_index(const ce_table_def *t, const char *key)
{
	int c = ce__column_by_name(t, key);
	size_t n = strlen(key);
	if (strcmp(key, "id") == 0)
		return FIELD_ID;
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

static int rec_key(void *ctx, const unsigned char *s, size_t len)
{
	recs *r = ctx;
	char key[80];
	size_t n = len < sizeof key - 1 ? len : sizeof key - 1; /* copied by hand: once per field */
	memcpy(key, s, n);
	key[n] = '\0';
	if (r->depth == 4) {
		r->step_key = len == 5 && !memcmp(s, "state", 5) ? 0 : len == 2 && !memcmp(s, "on", 2) ? 1 : -1;
		if (r->step_key < 0 || r->step_has[r->step_key])
			return stop(r, bad_step(r));
		return 1;
	}
	int f = len < sizeof key - 1 && !memchr(s, 0, len) ? field_index(r->t, key) : -1;
	if (f < 0)
		return stop(r, unknown_field(r->im, r->t, key));
	int slot = f == FIELD_ID ? 2 * r->t->ncolumns : f;
	if (r->seen[slot])
		return stop(r, ce__io_fail(r->im, CE_EINVALID, key, "given twice (a duplicate key)"));
	r->seen[slot] = true;
	r->field = f;
	return 1;
}

static int rec_start_map(void *ctx)
{
	recs *r = ctx;
	char name[96];
	const ce_table_def *t = r->t;
	switch (r->depth) {
	case 1:
		begin_record(r);
		break;
	case 2:
		return stop(r, wrong_type(r->im, field_name(r, name, sizeof name), expected(r), "an object"));
	case 3:
		if (r->field < t->ncolumns)
			return stop(r, wrong_type(r->im, t->columns[r->field].name, "an array of tokens", "an object"));
		int c = r->field - t->ncolumns;
		if (r->rec.nhist[c] == r->hcap) {
			size_t cap = r->hcap ? r->hcap * 2 : 4;
			io_step *p = realloc(r->rec.hist[c], cap * sizeof *p);
			if (!p)
				return stop(r, ce__io_fail(r->im, CE_ENOMEM, NULL, "out of memory"));
			r->rec.hist[c] = p;
			r->hcap = cap;
		}
		r->step_has[0] = r->step_has[1] = false;
		r->step_key = -1;
		break;
	default:
		return stop(r, bad_step(r));
	}
	r->depth++;
	return 1;
}

static int rec_end_map(void *ctx)
{
	recs *r = ctx;
	int rc;
	r->depth--;
	if (r->depth == 1)
		return (rc = end_record(r)) == CE_OK ? 1 : stop(r, rc);
	if (r->depth == 3) {
		if (!r->step_has[0] || !r->step_has[1])
			return stop(r, bad_step(r));
		r->rec.nhist[r->field - r->t->ncolumns]++;
	}
	return 1;
}

static int rec_start_array(void *ctx)
{
	recs *r = ctx;
	char name[96];
	const ce_table_def *t = r->t;
	switch (r->depth) {
	case 0:
		break;
	case 1:
		begin_record(r);
		r->open = false;
		return stop(r, wrong_type(r->im, NULL, "an object", "an array"));
	case 2:
		if (r->field >= t->ncolumns && r->field != FIELD_ID) {
			r->hcap = 0; /* a history: steps follow */
		} else if (r->field != FIELD_ID && t->columns[r->field].type == CE_TYPE_FLAGS) {
			r->flags = 0;
		} else {
			return stop(r, wrong_type(r->im, field_name(r, name, sizeof name), expected(r), "an array"));
		}
		break;
	default:
		if (r->field >= t->ncolumns)
			return stop(r, bad_step(r));
		return stop(r, wrong_type(r->im, t->columns[r->field].name, "an array of tokens", "an array"));
	}
	r->depth++;
	return 1;
}

static int rec_end_array(void *ctx)
{
	recs *r = ctx;
	if (--r->depth == 2 && r->field < r->t->ncolumns) {
		r->rec.row[r->field] = (ce_value){ .i = r->flags };
		r->rec.given[r->field] = true;
	}
	return 1;
}

static const yajl_callbacks rec_callbacks = {
	rec_null, rec_bool, NULL, NULL, rec_number, rec_string,
	rec_start_map, rec_key, rec_end_map, rec_start_array, rec_end_array,
};

/* ---- the two passes --------------------------------------------------------------- */

/* Runs one parse of [off, end) with callbacks on ctx (whose first member
 * is the parse); yajl's memory is freed whatever happens. */
static int run_parse(io_import *im, src *s, const yajl_callbacks *cb, parse *p, uint64_t off,
                     uint64_t end, yajl_status *st)
{
	jmp_buf fail;
	io_yarena arena;
	yajl_alloc_funcs funcs;
	volatile int rc = CE_OK;
	ce__io_yarena_init(&arena, &fail, &funcs);
	p->rc = CE_OK;
	if (setjmp(fail) == 0) {
		p->h = yajl_alloc(cb, &funcs, p);
		rc = feed(im, s, p, off, end, st);
		if (rc == CE_OK && *st != yajl_status_ok)
			rc = parse_failure(im, s, p, *st, s->mem ? s->mem + off : NULL, s->mem ? (size_t)(end - off) : 0);
		else if (rc == CE_OK)
			rc = p->rc;
	} else {
		rc = ce__fail(im->db, CE_ENOMEM, "%s: out of memory parsing the JSON document", s->name);
	}
	ce__io_yarena_free(&arena);
	p->h = NULL;
	return rc;
}

static int scan_top(io_import *im, src *s, top *t)
{
	yajl_status st;
	int rc;
	memset(t, 0, sizeof *t);
	t->im = im;
	snprintf(im->where, sizeof im->where, "(top level)");
	rc = run_parse(im, s, &top_callbacks, &t->p, s->skip, s->size, &st);
	if (rc == CE_OK && t->array_top)
		rc = ce__io_fail(im, CE_EINVALID, NULL, "expected an object, got an array");
	if (rc == CE_OK && !t->object)
		rc = ce__io_fail(im, CE_EINVALID, NULL, "expected an object, got a single value");
	if (rc == CE_OK && !t->format_ok)
		rc = ce__io_fail(im, CE_EINVALID, "format", "must be \"%s\" (is this a libcoopedu export?)",
		                 IO_FORMAT_NAME);
	if (rc == CE_OK && (!t->has_version || t->version < 1 || t->version > IO_FORMAT_VERSION))
		rc = ce__io_fail(im, CE_EINVALID, "version", "must be an integer from 1 to %d (this library)",
		                 IO_FORMAT_VERSION);
	if (rc == CE_OK && t->err)
		rc = ce__fail(im->db, t->err, "%s: %s", im->source, t->errmsg);
	for (size_t i = 0; i < t->nkeys; i++)
		free(t->keys[i]);
	free(t->keys);
	return rc;
}

static int import_entity(io_import *im, src *s, const ce_table_def *t, const range *rg)
{
	recs r;
	yajl_status st;
	memset(&r, 0, sizeof r);
	r.im = im;
	r.t = t;
	int rc = run_parse(im, s, &rec_callbacks, &r.p, rg->start, rg->end, &st);
	ce__io_rec_clear(&r.rec);
	text_reset(&r, true);
	return rc;
}

static int import_src(io_import *im, src *s)
{
	top t;
	ce_entity order[CE_ENTITY_LAST];
	int rc;
	if ((rc = scan_top(im, s, &t)) != CE_OK)
		return rc;
	for (int e = 1; e <= CE_ENTITY_LAST; e++)
		if (t.ranges[e].present) {
			im->carries[e] = true;
			im->total += t.ranges[e].count;
		}
	if (im->opts.progress && im->opts.progress(im->opts.progress_ctx, 0, im->total))
		return ce__fail(im->db, CE_ERROR, "import cancelled; nothing was imported");
	ce__io_import_order(order);
	for (int i = 0; rc == CE_OK && i < CE_ENTITY_LAST; i++)
		if (t.ranges[order[i]].present)
			rc = import_entity(im, s, ce__entity_table(order[i]), &t.ranges[order[i]]);
	return rc;
}

/* A byte-order mark (Windows editors write one) is skipped, as in CSV;
 * RFC 8259 allows a parser to ignore it. */
static bool has_bom(const char *p, uint64_t n)
{
	return n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0;
}

ce_result ce_import_json(ce_db *db, const char *data, size_t len, const ce_io_options *opts)
{
	io_import im;
	int rc = ce__io_import_begin(&im, db, opts, false);
	if (rc != CE_OK)
		return ce__io_import_end(&im, rc);
	if (data && has_bom(data, len)) {
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
	else
		rc = import_src(&im, &(src){ .mem = data, .size = len, .name = im.source });
	return ce__io_import_end(&im, rc);
}

/* A file we can read twice: path itself when it is a regular file, else
 * (a pipe, a device, standard input) a temporary copy of at most max bytes. */
static int open_input(ce_db *db, const char *path, size_t max, FILE **out, uint64_t *size)
{
	bool is_stdin = strcmp(path, "-") == 0;
	struct stat st;
	FILE *in = is_stdin ? stdin : fopen(path, "rb");
	char buf[CHUNK];
	*out = NULL;
	if (!in) {
		int err = errno;
		return ce__fail(db, err == ENOENT ? CE_ENOTFOUND : CE_ERROR, "%s: cannot open: %s", path,
		                strerror(err));
	}
	if (!is_stdin && fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode)) {
		if ((uint64_t)st.st_size > max) {
			fclose(in);
			return ce__fail(db, CE_EINVALID, "%s: larger than the %zu-byte limit", path, max);
		}
		*out = in;
		*size = (uint64_t)st.st_size;
		return CE_OK;
	}
	FILE *tmp = tmpfile();
	uint64_t n = 0;
	size_t got;
	int rc = tmp ? CE_OK : ce__fail(db, CE_ERROR, "%s: cannot make a temporary copy: %s", path, strerror(errno));
	while (rc == CE_OK && (got = fread(buf, 1, sizeof buf, in)) > 0) {
		if ((n += got) > max)
			rc = ce__fail(db, CE_EINVALID, "%s: larger than the %zu-byte limit", path, max);
		else if (fwrite(buf, 1, got, tmp) != got)
			rc = ce__fail(db, CE_ERROR, "%s: cannot make a temporary copy: %s", path, strerror(errno));
	}
	if (rc == CE_OK && ferror(in))
		rc = ce__fail(db, CE_ERROR, "%s: cannot read: %s", path, strerror(errno));
	if (rc == CE_OK && fflush(tmp) != 0)
		rc = ce__fail(db, CE_ERROR, "%s: cannot make a temporary copy: %s", path, strerror(errno));
	if (!is_stdin)
		fclose(in);
	if (rc != CE_OK) {
		if (tmp)
			fclose(tmp);
		return rc;
	}
	*out = tmp;
	*size = n;
	return CE_OK;
}

ce_result ce_import_json_path(ce_db *db, const char *path, const ce_io_options *opts)
{
	io_import im;
	FILE *f = NULL;
	uint64_t size = 0;
	char head[3];
	int rc = ce__io_import_begin(&im, db, opts, false);
	if (rc == CE_OK && !path)
		rc = ce__fail(db, CE_EINVALID, "import: NULL path");
	if (rc == CE_OK && (!opts || !opts->source_name))
		im.source = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if (rc == CE_OK)
		rc = open_input(db, path, im.opts.max_bytes, &f, &size);
	if (rc == CE_OK) {
		src s = { .f = f, .size = size, .name = im.source };
		if (size >= 3 && fseeko(f, 0, SEEK_SET) == 0 && fread(head, 1, 3, f) == 3 && has_bom(head, 3))
			s.skip = 3;
		if (size == s.skip)
			rc = ce__fail(db, CE_EINVALID, "%s: empty input (expected a JSON document)", im.source);
		else
			rc = import_src(&im, &s);
	}
	if (f && f != stdin)
		fclose(f);
	return ce__io_import_end(&im, rc);
}
