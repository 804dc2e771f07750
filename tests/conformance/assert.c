/* Assertion helpers: messages, store dumps (for "the store is exactly as
 * before"), counts, id lists, filters and histories. */
#include <stdarg.h>
#include <stdio.h>

#include "conformance.h"

char kept_message[512];

void keep_message(void)
{
	snprintf(kept_message, sizeof kept_message, "%s", ce_last_errmsg());
}

void ck_said_(const char *file, int line, ...)
{
	va_list ap;
	const char *want;
	va_start(ap, line);
	while ((want = va_arg(ap, const char *)))
		if (!strstr(kept_message, want))
			_ck_assert_failed(file, line, "message", "message '%s' lacks '%s'", kept_message, want);
	va_end(ap);
}

/* ---- dumps -------------------------------------------------------------- */

typedef struct buf {
	char *s;
	size_t n, cap;
} buf;

static void put(buf *b, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		size_t room = b->cap - b->n;
		va_start(ap, fmt);
		int k = vsnprintf(b->s ? b->s + b->n : NULL, room, fmt, ap);
		va_end(ap);
		ck_assert(k >= 0);
		if ((size_t)k < room) {
			b->n += (size_t)k;
			return;
		}
		b->cap = (b->cap + (size_t)k + 1) * 2;
		b->s = realloc(b->s, b->cap);
		ck_assert(b->s != NULL);
	}
}

static void dump_record(buf *b, ce_entity e, const ce_record *r)
{
	int n = ce_entity_column_count(e);
	put(b, "%s#%lld", ce_entity_name(e), (long long)ce_record_id(r));
	for (int c = 0; c < n; c++) {
		ce_column_type t = ce_column_type_of(e, c);
		int64_t i;
		double x;
		if (ce_record_is_null(r, c)) {
			put(b, " ~");
		} else if (t == CE_TYPE_TEXT) {
			put(b, " '%s'", ce_record_get_text(r, c));
		} else if (t == CE_TYPE_REAL) {
			ck_ok(ce_record_get_real(&x, r, c));
			put(b, " %.17g", x);
		} else {
			ck_ok(ce_record_get_int(&i, r, c));
			put(b, " %lld", (long long)i);
		}
	}
	put(b, "\n");
	/* lifecycle histories: ce_history() accepts exactly the lifecycle columns */
	for (int c = 0; c < n; c++) {
		ce_transition *h;
		size_t nh;
		if (ce_column_type_of(e, c) != CE_TYPE_ENUM)
			continue;
		if (ce_history(&h, &nh, db, e, ce_record_id(r), ce_column_name(e, c)) != CE_OK)
			continue;
		put(b, "  %s:", ce_column_name(e, c));
		for (size_t k = 0; k < nh; k++)
			put(b, " %d>%d@%d", h[k].from, h[k].to, (int)h[k].on);
		put(b, "\n");
		ce_transitions_free(h);
	}
}

char *store_dump(void)
{
	buf b = { 0 };
	put(&b, "");
	for (int e = 1; e <= CE_ENTITY_LAST; e++) {
		ce_record_iter *it;
		ce_record *r;
		int rc;
		ck_ok(ce_record_iter_new(&it, db, (ce_entity)e, NULL));
		while ((rc = ce_record_iter_next(&r, it)) == CE_OK) {
			dump_record(&b, (ce_entity)e, r);
			ce_record_free(r);
		}
		ce_record_iter_free(it);
		ck_rc(rc, CE_ITEROVER);
	}
	return b.s;
}

void ck_unchanged_(const char *file, int line, char *before)
{
	char *after = store_dump();
	if (strcmp(before, after) != 0) {
		/* report the first line that differs */
		const char *a = before, *z = after;
		while (*a && *a == *z) {
			const char *na = strchr(a, '\n'), *nz = strchr(z, '\n');
			if (!na || !nz || na - a != nz - z || memcmp(a, z, (size_t)(na - a)) != 0)
				break;
			a = na + 1;
			z = nz + 1;
		}
		char la[300], lz[300];
		snprintf(la, sizeof la, "%.*s", (int)(strchr(a, '\n') ? strchr(a, '\n') - a : (long)strlen(a)), a);
		snprintf(lz, sizeof lz, "%.*s", (int)(strchr(z, '\n') ? strchr(z, '\n') - z : (long)strlen(z)), z);
		free(before);
		free(after);
		_ck_assert_failed(file, line, "unchanged", "the store changed:\n  before: %s\n  after:  %s",
		                  la, lz);
	}
	free(before);
	free(after);
}

/* ---- counts, ids, filters ------------------------------------------------- */

int64_t count_where(ce_entity entity, const ce_filter *filter)
{
	int64_t n = -1;
	ck_ok(ce_record_count(&n, db, entity, filter));
	return n;
}

int64_t count_of(ce_entity entity)
{
	return count_where(entity, NULL);
}

void ck_ids_(const char *file, int line, ce_entity entity, const ce_filter *filter,
             const char *expected)
{
	buf b = { 0 };
	ce_record_iter *it;
	ce_record *r;
	int rc;
	put(&b, "");
	ck_ok(ce_record_iter_new(&it, db, entity, filter));
	while ((rc = ce_record_iter_next(&r, it)) == CE_OK) {
		put(&b, "%s%lld", b.n ? "," : "", (long long)ce_record_id(r));
		ce_record_free(r);
	}
	ce_record_iter_free(it);
	ck_rc(rc, CE_ITEROVER);
	if (strcmp(b.s, expected) != 0) {
		char got[400];
		snprintf(got, sizeof got, "%s", b.s);
		free(b.s);
		_ck_assert_failed(file, line, "ids", "%s ids: got [%s], expected [%s]",
		                  ce_entity_name(entity), got, expected);
	}
	/* the count must agree with the iteration */
	int64_t n = count_where(entity, filter), k = *expected ? 1 : 0;
	for (const char *p = expected; *p; p++)
		k += *p == ',';
	free(b.s);
	if (n != k)
		_ck_assert_failed(file, line, "count", "%s count %lld disagrees with %lld iterated",
		                  ce_entity_name(entity), (long long)n, (long long)k);
}

const char *idlist(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f,
                   int64_t g, int64_t h)
{
	static char s[8][200];
	static int next;
	char *out = s[next++ % 8];
	int64_t v[8] = { a, b, c, d, e, f, g, h };
	size_t n = 0;
	out[0] = '\0';
	for (int i = 0; i < 8 && v[i]; i++)
		n += (size_t)snprintf(out + n, 200 - n, "%s%lld", i ? "," : "", (long long)v[i]);
	return out;
}

static ce_filter *fresh(void)
{
	ce_filter *f;
	ck_ok(ce_filter_new(&f));
	return f;
}

ce_filter *f_int(const char *column, int64_t value)
{
	ce_filter *f = fresh();
	ck_ok(ce_filter_eq_int(f, column, value));
	return f;
}

ce_filter *f_text(const char *column, const char *value)
{
	ce_filter *f = fresh();
	ck_ok(ce_filter_eq_text(f, column, value));
	return f;
}

ce_filter *f_range(const char *column, int64_t low, int64_t high)
{
	ce_filter *f = fresh();
	ck_ok(ce_filter_range(f, column, low, high));
	return f;
}

ce_filter *f_null(const char *column)
{
	ce_filter *f = fresh();
	ck_ok(ce_filter_is_null(f, column));
	return f;
}

/* ---- single records ------------------------------------------------------- */

int exists(ce_entity entity, int64_t id)
{
	ce_record *r;
	int rc = ce_record_lookup(&r, db, entity, id);
	ck_assert_msg(rc == CE_OK || rc == CE_ENOTFOUND, "lookup %s %lld: %s", ce_entity_name(entity),
	              (long long)id, ce_last_errmsg());
	ce_record_free(r);
	return rc == CE_OK;
}

static ce_record *fetch(ce_entity entity, int64_t id, const char *column, int *col)
{
	ce_record *r;
	ck_ok(ce_column_index(col, entity, column));
	ck_ok(ce_record_lookup(&r, db, entity, id));
	return r;
}

int64_t get_int(ce_entity entity, int64_t id, const char *column)
{
	int col;
	int64_t v;
	ce_record *r = fetch(entity, id, column, &col);
	ck_ok(ce_record_get_int(&v, r, col));
	ce_record_free(r);
	return v;
}

int is_null(ce_entity entity, int64_t id, const char *column)
{
	int col;
	ce_record *r = fetch(entity, id, column, &col);
	int v = ce_record_is_null(r, col);
	ce_record_free(r);
	return v;
}

void ck_history_(const char *file, int line, ce_entity entity, int64_t id, const char *column,
                 const char *expected)
{
	ce_transition *h;
	size_t n;
	char got[600] = "";
	size_t len = 0;
	int rc = ce_history(&h, &n, db, entity, id, column);
	if (rc != CE_OK)
		_ck_assert_failed(file, line, "history", "ce_history(%s %lld %s): %s",
		                  ce_entity_name(entity), (long long)id, column, ce_last_errmsg());
	for (size_t k = 0; k < n && len < sizeof got - 40; k++)
		len += (size_t)snprintf(got + len, sizeof got - len, "%s%d>%d@%d", k ? "," : "", h[k].from,
		                        h[k].to, (int)h[k].on);
	ce_transitions_free(h);
	if (strcmp(got, expected) != 0)
		_ck_assert_failed(file, line, "history", "%s %lld %s history: got [%s], expected [%s]",
		                  ce_entity_name(entity), (long long)id, column, got, expected);
}
