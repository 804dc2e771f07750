/* The audit trail: one entry per changed record, appended in the write's
 * own transaction (so a refused or rolled-back call leaves none), and its
 * reading API. The trail is a table of the schema (policy->audit_table)
 * with the columns at, actor, role, operation, entity, record, changes;
 * the core only ever appends to it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

static const char *const op_names[] = {
	NULL, "create", "update", "delete", "cascade", "transition", "import", "merge", "anonymise",
};

const char *ce_audit_op_name(ce_audit_op op)
{
	return (int)op >= 1 && op <= CE_AUDIT_OP_LAST ? op_names[op] : NULL;
}

/* Tests fix the clock; 0: the real one. */
static time_t fixed_clock;

void ce__audit_set_clock(time_t t)
{
	fixed_clock = t;
}

static void now_text(char buf[24])
{
	/* formatted once a second: a bulk load writes thousands a second */
	static _Thread_local time_t last;
	static _Thread_local char text[24];
	time_t t = fixed_clock ? fixed_clock : time(NULL);
	struct tm tm;
	if (t != last || !text[0]) {
		if (!gmtime_r(&t, &tm) || !strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm))
			snprintf(text, sizeof text, "1970-01-01T00:00:00Z");
		last = t;
	}
	memcpy(buf, text, sizeof text);
}

/* ---- the changes as JSON ------------------------------------------------------------ */

/* A growing text; a failed allocation sticks in `failed`. */
typedef struct textbuf {
	char *p;
	size_t len, cap;
	bool failed;
} textbuf;

static void tb_addn(textbuf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 128;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->failed = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void tb_add(textbuf *b, const char *s)
{
	tb_addn(b, s, strlen(s));
}

static void tb_addf(textbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
static void tb_addf(textbuf *b, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	tb_add(b, tmp);
}

/* An integer in decimal, by hand: ids and values of every audited row. */
static void tb_addi(textbuf *b, long long v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	tb_addn(b, p, (size_t)(tmp + sizeof tmp - p));
}

static void tb_free(textbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

static void json_string(textbuf *b, const char *s)
{
	tb_add(b, "\"");
	/* runs of plain bytes at once; only quotes, backslashes and controls escaped */
	const char *run = s;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p != '"' && *p != '\\' && *p >= 0x20)
			continue;
		tb_addn(b, run, (size_t)((const char *)p - run));
		if (*p < 0x20)
			tb_addf(b, "\\u%04x", *p);
		else
			tb_addf(b, "\\%c", *p);
		run = (const char *)p + 1;
	}
	tb_add(b, run);
	tb_add(b, "\"");
}

static void json_value(textbuf *b, const ce_column_def *col, const ce_value *v)
{
	if (!v || v->null) {
		tb_add(b, "null");
		return;
	}
	switch (col->type) {
	case CE_TYPE_TEXT:
		json_string(b, v->s ? v->s : "");
		break;
	case CE_TYPE_REAL:
		tb_addf(b, "%.17g", v->r);
		break;
	case CE_TYPE_DATE: {
		char d[16];
		ce_date_format(d, sizeof d, (ce_date)v->i);
		json_string(b, d);
		break;
	}
	case CE_TYPE_ENUM:
		if (col->tokens && v->i >= 1 && v->i < col->ntokens && col->tokens[v->i])
			json_string(b, col->tokens[v->i]);
		else
			tb_addi(b, (long long)v->i);
		break;
	default:
		tb_addi(b, (long long)v->i);
		break;
	}
}

bool ce__value_same(const ce_column_def *col, const ce_value *a, const ce_value *b)
{
	if (!a || !b || a->null || b->null)
		return (!a || a->null) && (!b || b->null);
	if (col->type == CE_TYPE_TEXT)
		return strcmp(a->s ? a->s : "", b->s ? b->s : "") == 0;
	if (col->type == CE_TYPE_REAL)
		return a->r == b->r;
	return a->i == b->i;
}

/* {"column": [old, new], ...} of the columns that differ; *any when one does. */
static void changes_json(textbuf *b, const ce_table_def *t, const ce_value *old,
                         const ce_value *new_row, bool *any)
{
	*any = false;
	tb_add(b, "{");
	for (int c = 0; c < t->ncolumns; c++) {
		const ce_column_def *col = &t->columns[c];
		const ce_value *o = old ? &old[c] : NULL, *n = new_row ? &new_row[c] : NULL;
		if (ce__value_same(col, o, n))
			continue;
		tb_add(b, *any ? ", " : "");
		json_string(b, col->name);
		tb_add(b, ": [");
		json_value(b, col, o);
		tb_add(b, ", ");
		json_value(b, col, n);
		tb_add(b, "]");
		*any = true;
	}
	tb_add(b, "}");
}

/* ---- appending ---------------------------------------------------------------------- */

void ce__audit_as(ce_db *db, int op)
{
	db->audit_op = op;
}

static const char *const audit_columns[] = { "at", "actor", "role", "operation", "entity",
	                                         "record", "changes" };
enum { A_AT, A_ACTOR, A_ROLE, A_OPERATION, A_ENTITY, A_RECORD, A_CHANGES, A_NCOLS };

/* The audit table and its columns' positions, or NULL when there is none. */
static const ce_table_def *audit_table(const ce_db *db, int cols[A_NCOLS])
{
	const ce_table_def *a = db->policy && db->policy->audit_table
	                            ? ce__store_table(db, db->policy->audit_table) : NULL;
	/* each column where the schema puts it, else searched: this runs per
	 * write, and seven searches by name showed in a load's profile */
	for (int k = 0; a && k < A_NCOLS; k++) {
		bool placed = k < a->ncolumns && strcmp(a->columns[k].name, audit_columns[k]) == 0;
		if ((cols[k] = placed ? k : ce__column_by_name(a, audit_columns[k])) < 0)
			return NULL;
	}
	return a;
}

int ce__audit(ce_db *db, int op, const ce_table_def *t, int64_t id, const ce_value *old,
              const ce_value *new_row)
{
	int cols[A_NCOLS];
	const ce_table_def *a = audit_table(db, cols);
	ce_value row[CE_MAX_COLUMNS];
	char at[24];
	bool any;
	if (!a || t == a)
		return CE_OK;
	textbuf changes = { 0 };
	changes_json(&changes, t, old, new_row, &any);
	if (changes.failed) {
		tb_free(&changes);
		return ce__fail(db, CE_ENOMEM, "audit: out of memory");
	}
	if (!any && op == CE_AUDIT_UPDATE) { /* nothing changed: nothing to trace */
		tb_free(&changes);
		return CE_OK;
	}
	now_text(at);
	memset(row, 0, sizeof row);
	for (int c = 0; c < a->ncolumns; c++)
		row[c].null = 1;
	row[cols[A_AT]] = (ce_value){ .s = at };
	if (db->actor)
		row[cols[A_ACTOR]] = (ce_value){ .s = db->actor };
	if (db->role != CE_ROLE_NONE)
		row[cols[A_ROLE]] = (ce_value){ .i = db->role };
	row[cols[A_OPERATION]] = (ce_value){ .i = db->audit_op ? db->audit_op : op };
	row[cols[A_ENTITY]] = (ce_value){ .s = t->name };
	row[cols[A_RECORD]] = (ce_value){ .i = id };
	row[cols[A_CHANGES]] = (ce_value){ .s = changes.p };
	int64_t aid;
	int rc = ce__row_insert(db, a, row, &aid);
	tb_free(&changes);
	return rc == CE_OK ? rc : ce__backend_fail(db, rc, a->name);
}

/* Replaces every occurrence of `from` in text with `to`, into out. */
static void replace_all(textbuf *out, const char *text, const char *from, const char *to)
{
	size_t n = strlen(from);
	for (const char *p = text; *p;) {
		const char *hit = n ? strstr(p, from) : NULL;
		if (!hit) {
			tb_add(out, p);
			break;
		}
		char *head = strndup(p, (size_t)(hit - p));
		if (!head) {
			out->failed = true;
			return;
		}
		tb_add(out, head);
		free(head);
		tb_add(out, to);
		p = hit + n;
	}
}

int ce__audit_redact(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *old,
                     const ce_value *new_row)
{
	int cols[A_NCOLS];
	const ce_table_def *a = audit_table(db, cols);
	int64_t *ids = NULL;
	size_t n = 0;
	if (!a)
		return CE_OK;
	ce_condition conds[2] = {
		{ .op = CE_COND_EQ, .column = cols[A_ENTITY], .low = { .s = t->name } },
		{ .op = CE_COND_EQ, .column = cols[A_RECORD], .low = { .i = id } },
	};
	ce_query q = { 2, conds };
	int rc = ce__store_ids(&ids, &n, db, a, &q);
	for (size_t k = 0; rc == CE_OK && k < n; k++) {
		ce_value row[CE_MAX_COLUMNS];
		if ((rc = ce__fetch_copy(db, a, ids[k], row)) != CE_OK)
			break;
		textbuf text = { 0 };
		tb_add(&text, row[cols[A_CHANGES]].null ? "" : row[cols[A_CHANGES]].s);
		for (int c = 0; c < t->ncolumns && !text.failed; c++) {
			if (ce__value_same(&t->columns[c], &old[c], &new_row[c]) || old[c].null)
				continue;
			textbuf from = { 0 }, to = { 0 }, next = { 0 };
			json_value(&from, &t->columns[c], &old[c]);
			json_value(&to, &t->columns[c], &new_row[c]);
			if (!from.failed && !to.failed)
				replace_all(&next, text.p ? text.p : "", from.p, to.p);
			text.failed |= from.failed || to.failed || next.failed;
			tb_free(&from);
			tb_free(&to);
			if (!text.failed) {
				tb_free(&text);
				text = next;
			} else {
				tb_free(&next);
			}
		}
		if (text.failed) {
			rc = ce__fail(db, CE_ENOMEM, "audit: out of memory");
		} else {
			free((char *)row[cols[A_CHANGES]].s);
			row[cols[A_CHANGES]] = (ce_value){ .s = text.p }; /* allocated: tb_add() above */
			text.p = NULL; /* now the row's */
			/* only the changes text differs, in a table with no unique key */
			if ((rc = ce__row_update(db, a, ids[k], NULL, row)) != CE_OK)
				ce__backend_fail(db, rc, a->name);
		}
		tb_free(&text);
		ce__row_clear(a, row); /* frees the new changes text too */
	}
	free(ids);
	return rc;
}

/* ---- reading -------------------------------------------------------------------------- */

struct ce_audit_entry {
	int64_t id, record;
	ce_role role;
	ce_audit_op op;
	ce_entity entity;
	char *at, *actor, *changes;
};

struct ce_audit_iter {
	ce_db *db;
	ce_scan scan;
	int cols[A_NCOLS];
	ce_audit_filter f;
	char *actor;
	char from[11], to[11];
};

int64_t ce_audit_entry_id(const ce_audit_entry *e) { return e ? e->id : 0; }
const char *ce_audit_entry_at(const ce_audit_entry *e) { return e ? e->at : NULL; }
const char *ce_audit_entry_actor(const ce_audit_entry *e) { return e ? e->actor : NULL; }
ce_role ce_audit_entry_role(const ce_audit_entry *e) { return e ? e->role : CE_ROLE_NONE; }
ce_audit_op ce_audit_entry_op(const ce_audit_entry *e) { return e ? e->op : (ce_audit_op)0; }
ce_entity ce_audit_entry_entity(const ce_audit_entry *e) { return e ? e->entity : (ce_entity)0; }
int64_t ce_audit_entry_record(const ce_audit_entry *e) { return e ? e->record : 0; }
const char *ce_audit_entry_changes(const ce_audit_entry *e) { return e ? e->changes : NULL; }

void ce_audit_entry_free(ce_audit_entry *e)
{
	if (!e)
		return;
	free(e->at);
	free(e->actor);
	free(e->changes);
	free(e);
}

void ce_audit_iter_free(ce_audit_iter *it)
{
	if (!it)
		return;
	ce__scan_close(&it->scan);
	free(it->actor);
	free(it);
}

ce_result ce_audit_iter_new(ce_audit_iter **out, ce_db *db, const ce_audit_filter *filter)
{
	ce_condition conds[3];
	unsigned int n = 0;
	if (out)
		*out = NULL;
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "audit: NULL db");
	ce__clear(db);
	if (!out)
		return ce__fail(db, CE_EINVALID, "audit: NULL out");
	if (db->role != CE_ROLE_NONE && db->role != CE_ROLE_ADMIN && db->role != CE_ROLE_OFFICE)
		return ce__fail(db, CE_EDENIED, "audit: the %s role may not read the audit trail",
		                ce_role_name(db->role));
	ce_audit_iter *it = calloc(1, sizeof *it);
	if (!it)
		return ce__fail(db, CE_ENOMEM, "audit: out of memory");
	it->db = db;
	const ce_table_def *a = audit_table(db, it->cols);
	if (!a) {
		free(it);
		return ce__fail(db, CE_ENOTSUPPORTED, "audit: this store keeps no audit trail");
	}
	if (filter) {
		if (filter->version < 1 || filter->version > CE_AUDIT_FILTER_VERSION)
			goto invalid;
		it->f = *filter;
		const ce_table_def *e = filter->entity ? ce__db_entity(db, filter->entity) : NULL;
		if ((filter->entity && !e) || (filter->record && !e) || filter->record < 0 ||
		    (filter->from && !ce_date_valid(filter->from)) || (filter->to && !ce_date_valid(filter->to)) ||
		    (filter->from && filter->to && filter->from > filter->to) ||
		    (filter->actor && !ce__utf8_valid(filter->actor)))
			goto invalid;
		if (filter->from)
			ce_date_format(it->from, sizeof it->from, filter->from);
		if (filter->to)
			ce_date_format(it->to, sizeof it->to, filter->to);
		if (e)
			conds[n++] = (ce_condition){ .op = CE_COND_EQ, .column = it->cols[A_ENTITY],
				                         .low = { .s = e->name } };
		if (filter->record)
			conds[n++] = (ce_condition){ .op = CE_COND_EQ, .column = it->cols[A_RECORD],
				                         .low = { .i = filter->record } };
		if (filter->actor) {
			if (!(it->actor = strdup(filter->actor))) {
				ce_audit_iter_free(it);
				return ce__fail(db, CE_ENOMEM, "audit: out of memory");
			}
			conds[n++] = (ce_condition){ .op = CE_COND_EQ, .column = it->cols[A_ACTOR],
				                         .low = { .s = it->actor } };
		}
		it->f.actor = it->actor;
	}
	ce_query q = { n, conds };
	int rc = ce__scan_open(&it->scan, db, a, &q);
	if (rc != CE_OK) {
		ce_audit_iter_free(it);
		return rc;
	}
	*out = it;
	return CE_OK;
invalid:
	free(it);
	return ce__fail(db, CE_EINVALID, "audit: malformed filter (version, entity, record, dates "
	                "or actor)");
}

static char *dup_or_null(const ce_value *v, bool *failed)
{
	char *s = v->null ? NULL : strdup(v->s ? v->s : "");
	*failed |= !v->null && !s;
	return s;
}

ce_result ce_audit_iter_next(ce_audit_entry **out, ce_audit_iter *it)
{
	const ce_value *row;
	int64_t id;
	int rc;
	if (out)
		*out = NULL;
	if (!out || !it)
		return ce__fail(NULL, CE_EINVALID, "audit_iter_next: NULL argument");
	for (;;) {
		if ((rc = ce__scan_next(&it->scan, &id, &row)) != CE_OK)
			return rc;
		const char *at = row[it->cols[A_AT]].s ? row[it->cols[A_AT]].s : "";
		/* the period compares the day part of the UTC timestamp */
		if ((it->f.from && strncmp(at, it->from, 10) < 0) || (it->f.to && strncmp(at, it->to, 10) > 0))
			continue;
		break;
	}
	ce_audit_entry *e = calloc(1, sizeof *e);
	bool failed = !e;
	if (e) {
		e->id = id;
		e->record = row[it->cols[A_RECORD]].i;
		e->role = row[it->cols[A_ROLE]].null ? CE_ROLE_NONE : (ce_role)row[it->cols[A_ROLE]].i;
		e->op = (ce_audit_op)row[it->cols[A_OPERATION]].i;
		const char *entity = row[it->cols[A_ENTITY]].s;
		for (int k = 1; entity && k <= CE_ENTITY_LAST; k++)
			if (strcmp(ce__db_entity(it->db, (ce_entity)k)->name, entity) == 0)
				e->entity = (ce_entity)k;
		e->at = dup_or_null(&row[it->cols[A_AT]], &failed);
		e->actor = dup_or_null(&row[it->cols[A_ACTOR]], &failed);
		e->changes = dup_or_null(&row[it->cols[A_CHANGES]], &failed);
	}
	if (failed) {
		ce_audit_entry_free(e);
		return ce__fail(it->db, CE_ENOMEM, "audit: out of memory");
	}
	*out = e;
	return CE_OK;
}
