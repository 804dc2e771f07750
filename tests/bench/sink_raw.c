/* The raw baseline: the same rows stored with plain SQLite prepared
 * statements, no validation beyond what the schema's constraints do. One
 * INSERT per table (prepared once), an UPDATE and a history INSERT per
 * lifecycle column, and, since the job includes an audit trail, one audit
 * row per change with its values as a JSON object built in C, so the
 * database ends up holding what the library writes. Values are bound as the library stores them (dates as
 * 'YYYY-MM-DD', enums as tokens), read from the typed spec by the column
 * descriptors of the public schema (coopedu/sys/schema.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "coopedu/sys/schema.h"

typedef struct lifecycle_stmts {
	int column, date_column;
	sqlite3_stmt *update;  /* SET column = ?1, date = ?2 WHERE id = ?3 */
	sqlite3_stmt *history; /* (record, from_state, to_state, on_date) */
} lifecycle_stmts;

struct raw_sink {
	sqlite3 *db;
	sqlite3_stmt *audit;   /* (at, operation, entity, record, changes) */
	char at[24];
	char *json;
	size_t json_len, json_cap;
	sqlite3_stmt *insert[CE_ENTITY_LAST + 1];
	lifecycle_stmts lc[CE_ENTITY_LAST + 1][2];
	int nlc[CE_ENTITY_LAST + 1];
};

static int prepare(raw_sink *r, sqlite3_stmt **out, const char *sql)
{
	int rc = sqlite3_prepare_v3(r->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
	if (rc != SQLITE_OK)
		fprintf(stderr, "bench: raw prepare '%s': %s\n", sql, sqlite3_errmsg(r->db));
	return rc != SQLITE_OK;
}

static int column_index(const ce_table_def *t, const char *name)
{
	for (int c = 0; c < t->ncolumns; c++)
		if (strcmp(t->columns[c].name, name) == 0)
			return c;
	return -1;
}

static int prepare_table(raw_sink *r, const ce_table_def *t)
{
	char sql[2048];
	size_t n = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s (", t->name);
	for (int c = 0; c < t->ncolumns; c++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, "%s%s", c ? ", " : "", t->columns[c].name);
	n += (size_t)snprintf(sql + n, sizeof sql - n, ") VALUES (");
	for (int c = 0; c < t->ncolumns; c++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, "%s?", c ? ", " : "");
	snprintf(sql + n, sizeof sql - n, ")");
	if (prepare(r, &r->insert[t->index], sql))
		return 1;
	for (int c = 0; c < t->ncolumns; c++) {
		if (!(t->columns[c].flags & CE_COL_LIFECYCLE))
			continue;
		lifecycle_stmts *l = &r->lc[t->index][r->nlc[t->index]++];
		char date[64];
		snprintf(date, sizeof date, "%s_date", t->columns[c].name);
		l->column = c;
		l->date_column = column_index(t, date);
		snprintf(sql, sizeof sql, "UPDATE %s SET %s = ?1, %s = ?2 WHERE id = ?3", t->name,
		         t->columns[c].name, date);
		if (l->date_column < 0 || prepare(r, &l->update, sql))
			return 1;
		snprintf(sql, sizeof sql,
		         "INSERT INTO %s_%s_history (record, from_state, to_state, on_date) VALUES (?, ?, ?, ?)",
		         t->name, t->columns[c].name);
		if (prepare(r, &l->history, sql))
			return 1;
	}
	return 0;
}

static void bind_date(sqlite3_stmt *st, int i, int64_t d)
{
	char text[16];
	if (!d) {
		sqlite3_bind_null(st, i);
		return;
	}
	snprintf(text, sizeof text, "%04d-%02d-%02d", (int)(d / 10000), (int)(d / 100 % 100),
	         (int)(d % 100));
	sqlite3_bind_text(st, i, text, 10, SQLITE_TRANSIENT);
}

static void bind_token(sqlite3_stmt *st, int i, const ce_column_def *col, int v)
{
	if (v > 0 && v < col->ntokens)
		sqlite3_bind_text(st, i, col->tokens[v], -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Binds the spec's fields as the library would store them (0 ids, dates
 * and enums, and NULL or empty texts, are NULL). */
static void bind_spec(sqlite3_stmt *st, const ce_table_def *t, const void *spec)
{
	for (int c = 0; c < t->ncolumns; c++) {
		const ce_column_def *col = &t->columns[c];
		const char *field = (const char *)spec + col->offset;
		int i = c + 1;
		switch (col->type) {
		case CE_TYPE_TEXT: {
			const char *s = *(const char *const *)field;
			if (s && *s)
				sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(st, i);
			break;
		}
		case CE_TYPE_REAL: sqlite3_bind_double(st, i, *(const double *)field); break;
		case CE_TYPE_DATE: bind_date(st, i, *(const ce_date *)field); break;
		case CE_TYPE_ENUM: bind_token(st, i, col, *(const int *)field); break;
		case CE_TYPE_BOOL: sqlite3_bind_int64(st, i, *(const int *)field); break;
		case CE_TYPE_FLAGS: sqlite3_bind_int64(st, i, *(const unsigned int *)field); break;
		case CE_TYPE_REF: {
			int64_t v = *(const int64_t *)field;
			if (v)
				sqlite3_bind_int64(st, i, v);
			else
				sqlite3_bind_null(st, i);
			break;
		}
		default: sqlite3_bind_int64(st, i, *(const int64_t *)field); break;
		}
	}
}

static int run(raw_sink *r, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "bench: raw %s: %s\n", what, sqlite3_errmsg(r->db));
		return 1;
	}
	return 0;
}

static int history(raw_sink *r, const ce_table_def *t, const lifecycle_stmts *l, int64_t id,
                   int from, int to, ce_date on)
{
	const ce_column_def *col = &t->columns[l->column];
	sqlite3_bind_int64(l->history, 1, id);
	bind_token(l->history, 2, col, from);
	bind_token(l->history, 3, col, to);
	bind_date(l->history, 4, on);
	return run(r, l->history, "history insert");
}

/* ---- the audit row ------------------------------------------------------- */

static int json_put(raw_sink *r, const char *s, size_t n)
{
	if (r->json_len + n + 1 > r->json_cap) {
		size_t cap = r->json_cap ? r->json_cap * 2 : 512;
		while (cap < r->json_len + n + 1)
			cap *= 2;
		char *p = realloc(r->json, cap);
		if (!p)
			return 1;
		r->json = p;
		r->json_cap = cap;
	}
	memcpy(r->json + r->json_len, s, n);
	r->json_len += n;
	r->json[r->json_len] = '\0';
	return 0;
}

static int json_text(raw_sink *r, const char *s)
{
	int bad = json_put(r, "\"", 1);
	const char *run = s;
	for (; *s; s++)
		if (*s == '"' || *s == '\\' || (unsigned char)*s < 0x20) {
			char esc[8];
			bad |= json_put(r, run, (size_t)(s - run));
			snprintf(esc, sizeof esc, (unsigned char)*s < 0x20 ? "\\u%04x" : "\\%c", *s);
			bad |= json_put(r, esc, strlen(esc));
			run = s + 1;
		}
	return bad | json_put(r, run, strlen(run)) | json_put(r, "\"", 1);
}

/* {"column": [null, value], ...} of the spec's set fields, as the library writes a create. */
static int audit_json(raw_sink *r, const ce_table_def *t, const void *spec)
{
	int bad = 0, first = 1;
	r->json_len = 0;
	bad |= json_put(r, "{", 1);
	for (int c = 0; c < t->ncolumns; c++) {
		const ce_column_def *col = &t->columns[c];
		const char *field = (const char *)spec + col->offset;
		char v[64];
		const char *text = NULL;
		switch (col->type) {
		case CE_TYPE_TEXT: text = *(const char *const *)field; if (text && !*text) text = NULL; v[0] = 0; break;
		case CE_TYPE_REAL: snprintf(v, sizeof v, "%.17g", *(const double *)field); break;
		case CE_TYPE_DATE: {
			ce_date d = *(const ce_date *)field;
			if (!d)
				continue;
			snprintf(v, sizeof v, "\"%04d-%02d-%02d\"", d / 10000, d / 100 % 100, d % 100);
			break;
		}
		case CE_TYPE_ENUM: {
			int k = *(const int *)field;
			if (k < 1 || k >= col->ntokens)
				continue;
			text = col->tokens[k];
			v[0] = 0;
			break;
		}
		case CE_TYPE_BOOL: snprintf(v, sizeof v, "%d", *(const int *)field); break;
		case CE_TYPE_FLAGS: snprintf(v, sizeof v, "%u", *(const unsigned int *)field); break;
		case CE_TYPE_REF:
			if (!*(const int64_t *)field)
				continue;
			snprintf(v, sizeof v, "%lld", (long long)*(const int64_t *)field);
			break;
		default: snprintf(v, sizeof v, "%lld", (long long)*(const int64_t *)field); break;
		}
		if (col->type == CE_TYPE_TEXT && !text)
			continue;
		bad |= json_put(r, first ? "" : ", ", first ? 0 : 2);
		first = 0;
		bad |= json_text(r, col->name);
		bad |= json_put(r, ": [null, ", 9);
		bad |= text ? json_text(r, text) : json_put(r, v, strlen(v));
		bad |= json_put(r, "]", 1);
	}
	return bad | json_put(r, "}", 1);
}

static int audit(raw_sink *r, const char *op, const ce_table_def *t, int64_t id)
{
	sqlite3_bind_text(r->audit, 1, r->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(r->audit, 2, op, -1, SQLITE_STATIC);
	sqlite3_bind_text(r->audit, 3, t->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(r->audit, 4, id);
	sqlite3_bind_text(r->audit, 5, r->json, (int)r->json_len, SQLITE_STATIC);
	return run(r, r->audit, "audit insert");
}

static int raw_create(bench_sink *s, ce_entity e, const void *spec, int64_t *id)
{
	raw_sink *r = s->ctx;
	const ce_table_def *t = ce_schema_get()->tables[e];
	bind_spec(r->insert[e], t, spec);
	if (run(r, r->insert[e], t->name))
		return 1;
	*id = sqlite3_last_insert_rowid(r->db);
	for (int i = 0; i < r->nlc[e]; i++) {
		const lifecycle_stmts *l = &r->lc[e][i];
		int state = *(const int *)((const char *)spec + t->columns[l->column].offset);
		ce_date on = *(const ce_date *)((const char *)spec + t->columns[l->date_column].offset);
		if (history(r, t, l, *id, 0, state, on))
			return 1;
	}
	if (audit_json(r, t, spec)) {
		fprintf(stderr, "bench: raw audit: out of memory\n");
		return 1;
	}
	return audit(r, "create", t, *id);
}

static int raw_transition(bench_sink *s, ce_entity e, int64_t id, const char *column, int from,
                          int to, ce_date on)
{
	raw_sink *r = s->ctx;
	const ce_table_def *t = ce_schema_get()->tables[e];
	for (int i = 0; i < r->nlc[e]; i++) {
		const lifecycle_stmts *l = &r->lc[e][i];
		if (strcmp(t->columns[l->column].name, column) != 0)
			continue;
		bind_token(l->update, 1, &t->columns[l->column], to);
		bind_date(l->update, 2, on);
		sqlite3_bind_int64(l->update, 3, id);
		if (run(r, l->update, "update"))
			return 1;
		if (history(r, t, l, id, from, to, on))
			return 1;
		/* {"status": ["from", "to"], "status_date": ["old", "new"]}: the old date
		 * is not at hand here, so the entry names the move only */
		const ce_column_def *col = &t->columns[l->column];
		char date[40];
		snprintf(date, sizeof date, "\"%04d-%02d-%02d\"", on / 10000, on / 100 % 100, on % 100);
		r->json_len = 0;
		if (json_put(r, "{", 1) || json_text(r, col->name) || json_put(r, ": [", 3) ||
		    json_text(r, col->tokens[from]) || json_put(r, ", ", 2) || json_text(r, col->tokens[to]) ||
		    json_put(r, "], ", 3) || json_text(r, t->columns[l->date_column].name) ||
		    json_put(r, ": [null, ", 9) || json_put(r, date, strlen(date)) || json_put(r, "]}", 2)) {
			fprintf(stderr, "bench: raw audit: out of memory\n");
			return 1;
		}
		return audit(r, "transition", t, id);
	}
	fprintf(stderr, "bench: raw: %s has no lifecycle %s\n", t->name, column);
	return 1;
}

int raw_sink_open(raw_sink **out, bench_sink *s, sqlite3 *db)
{
	raw_sink *r = calloc(1, sizeof *r);
	if (!r)
		return 1;
	r->db = db;
	time_t now = time(NULL);
	struct tm tm;
	if (!gmtime_r(&now, &tm) || !strftime(r->at, sizeof r->at, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(r->at, sizeof r->at, "1970-01-01T00:00:00Z");
	if (prepare(r, &r->audit, "INSERT INTO audit (at, operation, entity, record, changes) "
	                          "VALUES (?, ?, ?, ?, ?)")) {
		raw_sink_close(r);
		return 1;
	}
	for (int e = 1; e <= CE_ENTITY_LAST; e++)
		if (prepare_table(r, ce_schema_get()->tables[e])) {
			raw_sink_close(r);
			return 1;
		}
	s->create = raw_create;
	s->transition = raw_transition;
	s->ctx = r;
	*out = r;
	return 0;
}

void raw_sink_close(raw_sink *r)
{
	if (!r)
		return;
	sqlite3_finalize(r->audit);
	free(r->json);
	for (int e = 0; e <= CE_ENTITY_LAST; e++) {
		sqlite3_finalize(r->insert[e]);
		for (int i = 0; i < r->nlc[e]; i++) {
			sqlite3_finalize(r->lc[e][i].update);
			sqlite3_finalize(r->lc[e][i].history);
		}
	}
	free(r);
}
