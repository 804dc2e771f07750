/* The benchmark on PostgreSQL (coopedu-bench --pg URI). The same phases as
 * on SQLite, each next to a baseline measured in the same run:
 *
 * - load: the library's store in schema ce_bench_lib (the public API, one
 *   transaction) against the same rows loaded by COPY into ce_bench_copy,
 *   a schema the library created (so its tables, indexes and foreign keys),
 *   also in one transaction; both schemas must then hold identical rows;
 * - lookups: ce_<noun>_lookup*() against a prepared SELECT by key;
 * - reports: ce_report_run() against hand-written PostgreSQL
 *   (sql_reports_pg.c), checked cell for cell before timing.
 *
 * The COPY baseline cannot update a row it has sent, and the generator
 * moves lifecycles long after a record is created: it therefore keeps each
 * table's COPY text in memory, keeps the lifecycle columns apart (the last
 * state and date per id) and appends them when it sends the table, in an
 * order where every referenced table comes first. That is what a bulk load
 * of this data looks like; it holds every row in client memory, which the
 * library's load does not. */
#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#ifndef CE_BENCH_POSTGRESQL

int bench_pg_run(const bench_pg_options *o, int *wrong)
{
	(void)o, (void)wrong;
	fprintf(stderr, "coopedu-bench: built without PostgreSQL (COOPEDU_POSTGRESQL=OFF)\n");
	return 1;
}

#else

#include <libpq-fe.h>

#include "coopedu/sys/schema.h"

#define LIB_SCHEMA "ce_bench_lib"
#define COPY_SCHEMA "ce_bench_copy"
#define INSERT_SCHEMA "ce_bench_insert"

static void quiet(void *arg, const char *message)
{
	(void)arg, (void)message;
}

static PGconn *raw_connect(const char *uri, const char *search_path)
{
	PGconn *pg = PQconnectdb(uri);
	if (!pg || PQstatus(pg) != CONNECTION_OK) {
		fprintf(stderr, "coopedu-bench: connect: %s", pg ? PQerrorMessage(pg) : "out of memory\n");
		PQfinish(pg);
		return NULL;
	}
	PQsetNoticeProcessor(pg, quiet, NULL);
	char sql[256];
	/* the session settings the library's connections use */
	snprintf(sql, sizeof sql, "SET search_path TO %s; SET DateStyle TO ISO, YMD; "
	         "SET extra_float_digits TO 3; SET client_min_messages TO warning", search_path);
	PGresult *res = PQexec(pg, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "coopedu-bench: %s: %s", sql, PQerrorMessage(pg));
		PQclear(res);
		PQfinish(pg);
		return NULL;
	}
	PQclear(res);
	return pg;
}

static int pg_exec(PGconn *pg, const char *sql)
{
	PGresult *res = PQexec(pg, sql);
	ExecStatusType st = PQresultStatus(res);
	int rc = st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK;
	if (rc)
		fprintf(stderr, "coopedu-bench: %.200s: %s", sql, PQerrorMessage(pg));
	PQclear(res);
	return rc;
}

static int64_t pg_int(PGconn *pg, const char *sql)
{
	PGresult *res = PQexec(pg, sql);
	int64_t v = -1;
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
		v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	else
		fprintf(stderr, "coopedu-bench: %.200s: %s", sql, PQerrorMessage(pg));
	PQclear(res);
	return v;
}

/* The library's URI of a store in schema `schema`; malloc'd. */
static char *store_uri(const char *uri, const char *schema)
{
	size_t n = strlen(uri) + strlen(schema) + 16;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s%cschema=%s", uri, strchr(uri, '?') ? '&' : '?', schema);
	return s;
}

/* Drops the schema and lets the library create its store there afresh. */
static int fresh_store(PGconn *pg, const char *uri, const char *schema)
{
	char sql[128];
	ce_db *db = NULL;
	snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", schema);
	if (pg_exec(pg, sql))
		return 1;
	char *u = store_uri(uri, schema);
	int rc = !u || ce_db_open(&db, u, NULL) != CE_OK;
	if (rc)
		fprintf(stderr, "coopedu-bench: open schema %s: %s\n", schema, ce_last_errmsg());
	ce_db_close(db);
	free(u);
	return rc;
}

/* ---- the COPY sink ------------------------------------------------------------- */

typedef struct buf {
	char *p;
	size_t n, cap;
	bool failed;
} buf;

static void put(buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->failed = true;
			return;
		}
		b->p = p, b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void puts_(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void putf(buf *b, const char *fmt, long long v)
{
	char t[32];
	int n = snprintf(t, sizeof t, fmt, v);
	put(b, t, (size_t)n);
}

/* Text in COPY's text format: backslash, tab, newline and CR escaped. */
static void put_text(buf *b, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		const char *esc = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n"
		                : *s == '\r' ? "\\r" : NULL;
		if (!esc)
			continue;
		put(b, run, (size_t)(s - run));
		puts_(b, esc);
		run = s + 1;
	}
	put(b, run, (size_t)(s - run));
}

static void put_date(buf *b, int64_t d)
{
	char t[16];
	if (!d) {
		puts_(b, "\\N");
		return;
	}
	snprintf(t, sizeof t, "%04d-%02d-%02d", (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100));
	puts_(b, t);
}

static void put_token(buf *b, const ce_column_def *col, int v)
{
	puts_(b, v > 0 && v < col->ntokens && col->tokens[v] ? col->tokens[v] : "\\N");
}

typedef struct copy_lc {
	int column, date_column, history; /* history: its table's index */
	int *state;                       /* by id - 1: the last state and its date */
	ce_date *on;
} copy_lc;

typedef struct copy_table {
	buf text;      /* rows without their lifecycle columns, one a line */
	int64_t nrows; /* and so the last id */
	int64_t cap;   /* of the lifecycle arrays */
	int nlc;
	copy_lc lc[2];
} copy_table;

typedef struct copy_sink {
	const ce_schema *s;
	copy_table *t; /* by table index */
	bool failed;
} copy_sink;

static bool is_lc(const copy_table *ct, int c)
{
	for (int i = 0; i < ct->nlc; i++)
		if (ct->lc[i].column == c || ct->lc[i].date_column == c)
			return true;
	return false;
}

static int table_index(const ce_schema *s, const char *name)
{
	for (int t = 1; t < s->ntables; t++)
		if (strcmp(s->tables[t]->name, name) == 0)
			return t;
	return -1;
}

static int col_index(const ce_table_def *t, const char *name)
{
	for (int c = 0; c < t->ncolumns; c++)
		if (strcmp(t->columns[c].name, name) == 0)
			return c;
	return -1;
}

/* A history row: id, then its columns by name. */
static void history_row(copy_sink *k, const ce_table_def *owner, const copy_lc *l, int64_t record,
                        int from, int to, ce_date on)
{
	const ce_table_def *h = k->s->tables[l->history];
	copy_table *ct = &k->t[l->history];
	buf *b = &ct->text;
	putf(b, "%lld", (long long)++ct->nrows);
	for (int c = 0; c < h->ncolumns; c++) {
		const char *name = h->columns[c].name;
		put(b, "\t", 1);
		if (!strcmp(name, "record"))
			putf(b, "%lld", (long long)record);
		else if (!strcmp(name, "from_state"))
			put_token(b, &owner->columns[l->column], from);
		else if (!strcmp(name, "to_state"))
			put_token(b, &owner->columns[l->column], to);
		else if (!strcmp(name, "on_date"))
			put_date(b, on);
		else
			puts_(b, "\\N");
	}
	put(b, "\n", 1);
}

static int copy_create(bench_sink *s, ce_entity e, const void *spec, int64_t *id)
{
	copy_sink *k = s->ctx;
	const ce_table_def *t = k->s->tables[e];
	copy_table *ct = &k->t[e];
	buf *b = &ct->text;
	*id = ++ct->nrows;
	putf(b, "%lld", (long long)*id);
	for (int c = 0; c < t->ncolumns; c++) {
		const ce_column_def *col = &t->columns[c];
		const char *field = (const char *)spec + col->offset;
		if (is_lc(ct, c))
			continue;
		put(b, "\t", 1);
		switch (col->type) {
		case CE_TYPE_TEXT: {
			const char *v = *(const char *const *)field;
			if (v && *v)
				put_text(b, v);
			else
				puts_(b, "\\N");
			break;
		}
		case CE_TYPE_REAL: {
			char r[40];
			snprintf(r, sizeof r, "%.17g", *(const double *)field);
			puts_(b, r);
			break;
		}
		case CE_TYPE_DATE: put_date(b, *(const ce_date *)field); break;
		case CE_TYPE_ENUM: put_token(b, col, *(const int *)field); break;
		case CE_TYPE_BOOL: puts_(b, *(const int *)field ? "t" : "f"); break;
		case CE_TYPE_FLAGS: putf(b, "%lld", (long long)*(const unsigned int *)field); break;
		case CE_TYPE_REF: {
			int64_t v = *(const int64_t *)field;
			if (v)
				putf(b, "%lld", (long long)v);
			else
				puts_(b, "\\N");
			break;
		}
		default: putf(b, "%lld", (long long)*(const int64_t *)field); break;
		}
	}
	put(b, "\n", 1);
	if (ct->nlc && *id > ct->cap) {
		int64_t cap = ct->cap ? ct->cap * 2 : 1024;
		for (int i = 0; i < ct->nlc; i++) {
			int *st = realloc(ct->lc[i].state, (size_t)cap * sizeof *st);
			if (st)
				ct->lc[i].state = st;
			ce_date *on = realloc(ct->lc[i].on, (size_t)cap * sizeof *on);
			if (on)
				ct->lc[i].on = on;
			if (!st || !on)
				k->failed = true;
		}
		if (k->failed)
			return 1;
		ct->cap = cap;
	}
	for (int i = 0; i < ct->nlc; i++) {
		copy_lc *l = &ct->lc[i];
		l->state[*id - 1] = *(const int *)((const char *)spec + t->columns[l->column].offset);
		l->on[*id - 1] = *(const ce_date *)((const char *)spec + t->columns[l->date_column].offset);
		history_row(k, t, l, *id, 0, l->state[*id - 1], l->on[*id - 1]);
	}
	return b->failed;
}

static int copy_transition(bench_sink *s, ce_entity e, int64_t id, const char *column, int from,
                           int to, ce_date on)
{
	copy_sink *k = s->ctx;
	const ce_table_def *t = k->s->tables[e];
	copy_table *ct = &k->t[e];
	for (int i = 0; i < ct->nlc; i++) {
		copy_lc *l = &ct->lc[i];
		if (strcmp(t->columns[l->column].name, column) != 0)
			continue;
		if (id < 1 || id > ct->nrows)
			break;
		l->state[id - 1] = to;
		l->on[id - 1] = on;
		history_row(k, t, l, id, from, to, on);
		return k->t[l->history].text.failed;
	}
	fprintf(stderr, "bench: copy: %s has no lifecycle %s, or no row %lld\n", t->name, column,
	        (long long)id);
	return 1;
}

static void copy_sink_free(copy_sink *k)
{
	if (!k)
		return;
	for (int t = 0; k->t && t < k->s->ntables; t++) {
		free(k->t[t].text.p);
		for (int i = 0; i < k->t[t].nlc; i++) {
			free(k->t[t].lc[i].state);
			free(k->t[t].lc[i].on);
		}
	}
	free(k->t);
	free(k);
}

static copy_sink *copy_sink_new(bench_sink *s)
{
	copy_sink *k = calloc(1, sizeof *k);
	if (!k)
		return NULL;
	k->s = ce_schema_get();
	if (!(k->t = calloc((size_t)k->s->ntables, sizeof *k->t))) {
		free(k);
		return NULL;
	}
	for (int ti = 1; ti < k->s->ntables; ti++) {
		const ce_table_def *t = k->s->tables[ti];
		copy_table *ct = &k->t[ti];
		for (int c = 0; c < t->ncolumns; c++) {
			if (!(t->columns[c].flags & CE_COL_LIFECYCLE))
				continue;
			char name[128];
			if (ct->nlc == 2) {
				copy_sink_free(k);
				return NULL;
			}
			copy_lc *l = &ct->lc[ct->nlc++];
			l->column = c;
			snprintf(name, sizeof name, "%s_date", t->columns[c].name);
			l->date_column = col_index(t, name);
			snprintf(name, sizeof name, "%s_%s_history", t->name, t->columns[c].name);
			l->history = table_index(k->s, name);
			if (l->date_column < 0 || l->history < 0) {
				fprintf(stderr, "bench: copy: %s.%s has no date or history\n", t->name,
				        t->columns[c].name);
				copy_sink_free(k);
				return NULL;
			}
		}
	}
	s->create = copy_create;
	s->transition = copy_transition;
	s->ctx = k;
	return k;
}

/* Tables in an order where every table comes after those it refers to. */
static int copy_order(const ce_schema *s, int *order)
{
	bool *done = calloc((size_t)s->ntables, sizeof *done);
	int n = 0;
	if (!done)
		return -1;
	for (bool progress = true; progress;) {
		progress = false;
		for (int t = 1; t < s->ntables; t++) {
			if (done[t])
				continue;
			bool ready = true;
			for (int c = 0; c < s->tables[t]->ncolumns && ready; c++) {
				const ce_column_def *col = &s->tables[t]->columns[c];
				ready = col->type != CE_TYPE_REF || col->ref == t || done[col->ref];
			}
			if (ready) {
				done[t] = progress = true;
				order[n++] = t;
			}
		}
	}
	free(done);
	return n == s->ntables - 1 ? n : -1; /* a cycle: not loadable by COPY alone */
}

static int copy_table_send(PGconn *pg, copy_sink *k, int ti)
{
	const ce_table_def *t = k->s->tables[ti];
	copy_table *ct = &k->t[ti];
	buf sql = { 0 }, chunk = { 0 };
	puts_(&sql, "COPY \"");
	puts_(&sql, t->name);
	puts_(&sql, "\" (id");
	for (int c = 0; c < t->ncolumns; c++)
		if (!is_lc(ct, c)) {
			puts_(&sql, ", \"");
			puts_(&sql, t->columns[c].name);
			puts_(&sql, "\"");
		}
	for (int i = 0; i < ct->nlc; i++) {
		puts_(&sql, ", \"");
		puts_(&sql, t->columns[ct->lc[i].column].name);
		puts_(&sql, "\", \"");
		puts_(&sql, t->columns[ct->lc[i].date_column].name);
		puts_(&sql, "\"");
	}
	puts_(&sql, ") FROM STDIN");
	put(&sql, "", 1);
	if (sql.failed)
		return 1;
	PGresult *res = PQexec(pg, sql.p);
	int rc = PQresultStatus(res) != PGRES_COPY_IN;
	PQclear(res);
	if (rc) {
		fprintf(stderr, "coopedu-bench: %s: %s", sql.p, PQerrorMessage(pg));
		free(sql.p);
		return 1;
	}
	if (!ct->nlc) {
		/* in pieces of 1 MiB, as psql's \copy sends a file */
		for (size_t off = 0; !rc && off < ct->text.n; off += 1 << 20) {
			size_t n = ct->text.n - off < (1 << 20) ? ct->text.n - off : 1 << 20;
			rc = PQputCopyData(pg, ct->text.p + off, (int)n) != 1;
		}
	} else {
		/* each line, then its lifecycle columns from the last state */
		const char *p = ct->text.p, *end = ct->text.p + ct->text.n;
		for (int64_t id = 1; !rc && p < end; id++) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			put(&chunk, p, (size_t)(nl - p));
			for (int i = 0; i < ct->nlc; i++) {
				put(&chunk, "\t", 1);
				put_token(&chunk, &t->columns[ct->lc[i].column], ct->lc[i].state[id - 1]);
				put(&chunk, "\t", 1);
				put_date(&chunk, ct->lc[i].on[id - 1]);
			}
			put(&chunk, "\n", 1);
			p = nl + 1;
			if (chunk.n >= (1 << 20) || p >= end) {
				rc = chunk.failed || PQputCopyData(pg, chunk.p, (int)chunk.n) != 1;
				chunk.n = 0;
			}
		}
	}
	rc |= PQputCopyEnd(pg, rc ? "the benchmark failed" : NULL) != 1;
	while ((res = PQgetResult(pg)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			fprintf(stderr, "coopedu-bench: %s: %s", sql.p, PQresultErrorMessage(res));
			rc = 1;
		}
		PQclear(res);
	}
	free(sql.p);
	free(chunk.p);
	return rc;
}

/* The column list of a table as COPY and the INSERT baseline send it:
 * id, the other columns, then each lifecycle's state and date. */
static void column_names(buf *sql, const ce_table_def *t, const copy_table *ct)
{
	puts_(sql, "(id");
	for (int c = 0; c < t->ncolumns; c++)
		if (!is_lc(ct, c)) {
			puts_(sql, ", \"");
			puts_(sql, t->columns[c].name);
			puts_(sql, "\"");
		}
	for (int i = 0; i < ct->nlc; i++) {
		puts_(sql, ", \"");
		puts_(sql, t->columns[ct->lc[i].column].name);
		puts_(sql, "\", \"");
		puts_(sql, t->columns[ct->lc[i].date_column].name);
		puts_(sql, "\"");
	}
	puts_(sql, ")");
}

/* Reads the results of a pipeline up to its sync point. */
static int pipeline_drain(PGconn *pg)
{
	int rc = 0;
	for (;;) {
		PGresult *res = PQgetResult(pg);
		if (!res) {
			if (PQstatus(pg) == CONNECTION_BAD)
				return 1;
			continue; /* the end of one statement's results */
		}
		ExecStatusType st = PQresultStatus(res);
		if (st == PGRES_PIPELINE_SYNC) {
			PQclear(res);
			return rc;
		}
		if (st != PGRES_COMMAND_OK && st != PGRES_PIPELINE_ABORTED && !rc) {
			fprintf(stderr, "coopedu-bench: insert: %s", PQresultErrorMessage(res));
			rc = 1;
		}
		PQclear(res);
	}
}

/* The INSERT baseline: every row of a table by one prepared INSERT, sent
 * in libpq's pipeline mode (a sync every 1,000 rows), the values taken
 * from the row's COPY line (tab-separated, \N for NULL, backslash escapes). */
static int insert_table_send(PGconn *pg, copy_sink *k, int ti)
{
	const ce_table_def *t = k->s->tables[ti];
	copy_table *ct = &k->t[ti];
	buf sql = { 0 }, line = { 0 };
	char name[32];
	int nparams = 1 + t->ncolumns, rc = 0;
	const char *values[33];
	if (nparams > 33)
		return 1;
	puts_(&sql, "INSERT INTO \"");
	puts_(&sql, t->name);
	puts_(&sql, "\" ");
	column_names(&sql, t, ct);
	puts_(&sql, " VALUES ($1");
	for (int i = 2; i <= nparams; i++)
		putf(&sql, ", $%lld", i);
	puts_(&sql, ")");
	put(&sql, "", 1);
	snprintf(name, sizeof name, "ins_%d", ti);
	PGresult *res = sql.failed ? NULL : PQprepare(pg, name, sql.p, nparams, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "coopedu-bench: %s: %s", sql.p ? sql.p : "", PQerrorMessage(pg));
		rc = 1;
	}
	PQclear(res);
	if (!rc && !PQenterPipelineMode(pg))
		rc = 1;
	const char *p = ct->text.p, *end = ct->text.p + ct->text.n;
	for (int64_t id = 1, sent = 0; !rc && p < end; id++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		line.n = 0;
		put(&line, p, (size_t)(nl - p));
		for (int i = 0; i < ct->nlc; i++) {
			put(&line, "\t", 1);
			put_token(&line, &t->columns[ct->lc[i].column], ct->lc[i].state[id - 1]);
			put(&line, "\t", 1);
			put_date(&line, ct->lc[i].on[id - 1]);
		}
		put(&line, "", 1);
		p = nl + 1;
		if (line.failed) {
			rc = 1;
			break;
		}
		/* split on tabs and undo COPY's escapes, in place */
		int n = 0;
		values[0] = line.p;
		for (char *f = line.p, *w = line.p;; f++) {
			if (*f == '\t' || *f == '\0') {
				bool last = *f == '\0';
				*w = '\0';
				if (n < nparams)
					values[n] = strcmp(values[n], "\\N") == 0 ? NULL : values[n];
				n++;
				if (last)
					break;
				w = f + 1;
				if (n < nparams)
					values[n] = w;
				continue;
			}
			if (*f == '\\' && f[1] && f[1] != 'N') {
				f++;
				*w++ = *f == 't' ? '\t' : *f == 'n' ? '\n' : *f == 'r' ? '\r' : *f;
			} else {
				*w++ = *f;
			}
		}
		if (n != nparams) {
			fprintf(stderr, "coopedu-bench: insert into %s: %d fields for %d columns\n", t->name,
			        n, nparams);
			rc = 1;
			break;
		}
		rc = PQsendQueryPrepared(pg, name, nparams, values, NULL, NULL, 0) != 1;
		if (!rc && (++sent % 1000 == 0 || p >= end))
			rc = PQpipelineSync(pg) != 1 || pipeline_drain(pg);
	}
	if (PQpipelineStatus(pg) != PQ_PIPELINE_OFF && !PQexitPipelineMode(pg))
		rc = 1;
	free(sql.p);
	free(line.p);
	return rc;
}

/* Every table by COPY, then each identity moved past the ids given, so the
 * store goes on working as the library's does. */
static int copy_send(PGconn *pg, copy_sink *k, bool by_insert)
{
	int *order = malloc((size_t)k->s->ntables * sizeof *order);
	int n = order ? copy_order(k->s, order) : -1, rc = n < 0;
	buf sql = { 0 };
	for (int i = 0; !rc && i < n; i++) {
		int ti = order[i];
		if (!k->t[ti].nrows)
			continue;
		rc = by_insert ? insert_table_send(pg, k, ti) : copy_table_send(pg, k, ti);
		puts_(&sql, i ? ", " : "SELECT ");
		puts_(&sql, "setval(pg_get_serial_sequence('\"");
		puts_(&sql, k->s->tables[ti]->name);
		putf(&sql, "\"', 'id'), %lld)", (long long)k->t[ti].nrows);
	}
	put(&sql, "", 1);
	if (!rc && sql.n > 1)
		rc = sql.failed || pg_exec(pg, sql.p);
	free(sql.p);
	free(order);
	return rc;
}

/* ---- load ---------------------------------------------------------------------- */

typedef struct pg_job {
	const bench_pg_options *o;
	const bench_sizes *sz;
	const char *lib_uri;
} pg_job;

static int load_library(void *ctx, bench_load_result *r)
{
	const pg_job *j = ctx;
	bench_sink sink;
	ce_db *db = NULL;
	if (ce_db_open(&db, j->lib_uri, NULL) != CE_OK) {
		fprintf(stderr, "coopedu-bench: open the library's store: %s\n", ce_last_errmsg());
		return 1;
	}
	bench_lib_sink(&sink, db);
	double t0 = bench_now();
	int rc = ce_db_begin(db) != CE_OK || bench_generate(&sink, j->sz, j->o->seed, &r->rows) ||
	         ce_db_commit(db) != CE_OK;
	r->secs = bench_now() - t0;
	if (rc)
		fprintf(stderr, "coopedu-bench: library load failed: %s\n", ce_db_errmsg(db));
	ce_db_close(db);
	return rc;
}

/* The same rows by COPY (into COPY_SCHEMA) or by prepared INSERTs sent in
 * pipeline mode (INSERT_SCHEMA). */
static int load_raw(const pg_job *j, bench_load_result *r, bool by_insert)
{
	bench_sink sink;
	PGconn *pg = raw_connect(j->o->uri, by_insert ? INSERT_SCHEMA : COPY_SCHEMA);
	copy_sink *k = pg ? copy_sink_new(&sink) : NULL;
	int rc = !k;
	if (!rc) {
		double t0 = bench_now();
		rc = pg_exec(pg, "BEGIN") || bench_generate(&sink, j->sz, j->o->seed, &r->rows) ||
		     copy_send(pg, k, by_insert) || pg_exec(pg, "COMMIT");
		r->secs = bench_now() - t0;
	}
	copy_sink_free(k);
	PQfinish(pg);
	return rc;
}

static int load_copy(void *ctx, bench_load_result *r)
{
	return load_raw(ctx, r, false);
}

static int load_insert(void *ctx, bench_load_result *r)
{
	return load_raw(ctx, r, true);
}

/* The library's schema and schema `other` hold the same rows, table by table. */
static int verify_same(PGconn *pg, const char *other, int64_t *rows)
{
	const ce_schema *s = ce_schema_get();
	char sql[1024];
	int bad = 0;
	*rows = 0;
	for (int t = 1; !bad && t < s->ntables; t++) {
		const char *n = s->tables[t]->name;
		if (strcmp(n, "audit") == 0)
			continue; /* the library's log of its own calls: the baseline writes none */
		snprintf(sql, sizeof sql,
		         "SELECT (SELECT count(*) FROM " LIB_SCHEMA ".\"%s\") - (SELECT count(*) FROM "
		         "%s.\"%s\")", n, other, n);
		int64_t d = pg_int(pg, sql);
		snprintf(sql, sizeof sql,
		         "SELECT count(*) FROM (SELECT * FROM " LIB_SCHEMA ".\"%s\" EXCEPT ALL SELECT * FROM "
		         "%s.\"%s\") x", n, other, n);
		int64_t diff = d == 0 ? pg_int(pg, sql) : -1;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM " LIB_SCHEMA ".\"%s\"", n);
		int64_t a = pg_int(pg, sql);
		if (d != 0 || diff != 0 || a < 0) {
			fprintf(stderr, "coopedu-bench: %s differs from %s: %lld more rows from the library, "
			        "%lld not in both\n", n, other, (long long)d, (long long)diff);
			bad = 1;
		}
		*rows += a;
	}
	return bad;
}

static int phase_load(const bench_pg_options *o, PGconn *pg, const char *lib_uri, int *wrong)
{
	bench_sizes sz;
	bench_sink sink;
	int64_t rows = 0, stored = 0;
	bench_sizes_for(&sz, o->scale);
	bench_null_sink(&sink);
	if (bench_generate(&sink, &sz, o->seed, &rows))
		return 1;

	pg_job j = { o, &sz, lib_uri };
	bench_load_result rl, rc_, ri;
	long rss_lib, rss_copy, rss_ins;
	if (fresh_store(pg, o->uri, LIB_SCHEMA) ||
	    bench_run_child(load_library, &j, o->malloc_default, &rl, &rss_lib))
		return 1;
	if (fresh_store(pg, o->uri, COPY_SCHEMA) ||
	    bench_run_child(load_copy, &j, o->malloc_default, &rc_, &rss_copy))
		return 1;
	if (fresh_store(pg, o->uri, INSERT_SCHEMA) ||
	    bench_run_child(load_insert, &j, o->malloc_default, &ri, &rss_ins))
		return 1;
	int64_t stored_ins = 0;
	if (verify_same(pg, COPY_SCHEMA, &stored) || verify_same(pg, INSERT_SCHEMA, &stored_ins)) {
		(*wrong)++;
		bench_table_note("!! the library's and a baseline's schema differ (see above)");
	} else if (stored != rows || stored_ins != rows || rl.rows != rows || rc_.rows != rows ||
	           ri.rows != rows) {
		(*wrong)++;
		bench_table_note("!! row counts differ: generated %lld, library %lld, COPY %lld, "
		                 "INSERT %lld, stored %lld",
		                 (long long)rows, (long long)rl.rows, (long long)rc_.rows,
		                 (long long)ri.rows, (long long)stored);
	}
	bench_table_row("load, one transaction (rows/s)", "", (double)rows / rl.secs,
	                (double)rows / rc_.secs, GOAL_AT_LEAST, 0.5);
	bench_table_row("load vs prepared INSERTs, pipelined (rows/s)", "", (double)rows / rl.secs,
	                (double)rows / ri.secs, GOAL_NONE, 0);
	bench_table_row("peak RSS of the loading process (MiB)", "MiB", (double)rss_lib / 1024.0,
	                (double)rss_copy / 1024.0, GOAL_NONE, 0);
	bench_table_note("    (%lld rows; library %.2f s, COPY %.2f s, INSERTs %.2f s; the baselines "
	                 "hold their rows in client memory)", (long long)rows, rl.secs, rc_.secs, ri.secs);
	/* the INSERT baseline has served: only the COPY schema is kept to compare */
	if (pg_exec(pg, "DROP SCHEMA " INSERT_SCHEMA " CASCADE"))
		return 1;
	/* what autovacuum would do soon after: statistics for the planner and
	 * the visibility map for index-only scans, on both schemas alike */
	const ce_schema *s = ce_schema_get();
	for (int t = 1; t < s->ntables; t++) {
		char sql[256];
		snprintf(sql, sizeof sql, "VACUUM (ANALYZE) " LIB_SCHEMA ".\"%s\", " COPY_SCHEMA ".\"%s\"",
		         s->tables[t]->name, s->tables[t]->name);

		if (pg_exec(pg, sql))
			return 1;
	}
	return 0;
}

/* ---- lookups -------------------------------------------------------------------- */

/* Reads every cell of the result, as a program would use them. */
static uint64_t consume(const PGresult *res)
{
	uint64_t sum = 0;
	for (int r = 0, nr = PQntuples(res); r < nr; r++)
		for (int c = 0, nc = PQnfields(res); c < nc; c++)
			sum += (uint64_t)PQgetlength(res, r, c) + !PQgetisnull(res, r, c);
	return sum;
}

static int prepare(PGconn *pg, const char *name, const char *sql, int nparams)
{
	PGresult *res = PQprepare(pg, name, sql, nparams, NULL);
	int rc = PQresultStatus(res) != PGRES_COMMAND_OK;
	if (rc)
		fprintf(stderr, "coopedu-bench: prepare %.200s: %s", sql, PQerrorMessage(pg));
	PQclear(res);
	return rc;
}

static int phase_lookups(const bench_pg_options *o, PGconn *pg, ce_db *db)
{
	char sql[256], name[32], idtext[24];
	int64_t *ids = malloc((size_t)o->lookups * sizeof *ids);
	char **keys = calloc((size_t)o->lookups, sizeof *keys);
	int rc = !ids || !keys;
	for (int f = 0; !rc && f < BENCH_NLOOKUP_FIGS; f++) {
		const bench_lookup_fig *x = &bench_lookup_figs[f];
		uint64_t seed = o->seed + (uint64_t)f, sum = 0;
		snprintf(sql, sizeof sql, "SELECT max(id) FROM \"%s\"", x->table);
		int64_t max = pg_int(pg, sql);
		if (max < 1) {
			rc = 1;
			break;
		}
		for (long i = 0; i < o->lookups; i++)
			ids[i] = 1 + (int64_t)(bench_lcg(&seed) % (uint64_t)max);
		if (x->key) { /* the keys of those ids, fetched beforehand */
			snprintf(sql, sizeof sql, "SELECT id, \"%s\" FROM \"%s\"", x->key, x->table);
			PGresult *res = PQexec(pg, sql);
			int n = PQresultStatus(res) == PGRES_TUPLES_OK ? PQntuples(res) : 0;
			char **by_id = calloc((size_t)max + 1, sizeof *by_id);
			rc = !by_id || n == 0;
			for (int r = 0; !rc && r < n; r++) {
				int64_t id = strtoll(PQgetvalue(res, r, 0), NULL, 10);
				if (id >= 1 && id <= max)
					by_id[id] = PQgetvalue(res, r, 1);
			}
			for (long i = 0; !rc && i < o->lookups; i++)
				rc = !by_id[ids[i]] || !(keys[i] = strdup(by_id[ids[i]]));
			free(by_id);
			PQclear(res);
			snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" WHERE \"%s\" = $1", x->table, x->key);
		} else {
			snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" WHERE id = $1", x->table);
		}
		snprintf(name, sizeof name, "lookup_%d", f);
		if (rc || prepare(pg, name, sql, 1)) {
			rc = 1;
			break;
		}
		double t0 = bench_now();
		for (long i = 0; i < o->lookups && !rc; i++)
			rc = (x->key ? x->by_key(db, keys[i]) : x->by_id(db, ids[i])) != CE_OK;
		double t_lib = bench_now() - t0;
		if (rc)
			fprintf(stderr, "coopedu-bench: %s: %s\n", x->figure, ce_db_errmsg(db));
		t0 = bench_now();
		for (long i = 0; i < o->lookups && !rc; i++) {
			const char *v[1] = { x->key ? keys[i] : idtext };
			if (!x->key)
				snprintf(idtext, sizeof idtext, "%lld", (long long)ids[i]);
			PGresult *res = PQexecPrepared(pg, name, 1, v, NULL, NULL, 0);
			rc = PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1;
			sum += consume(res);
			PQclear(res);
		}
		double t_raw = bench_now() - t0;
		for (long i = 0; i < o->lookups; i++) {
			free(keys[i]);
			keys[i] = NULL;
		}
		if (rc)
			break;
		bench_table_row(x->figure, "us", t_lib * 1e6 / (double)o->lookups,
		                t_raw * 1e6 / (double)o->lookups, GOAL_NONE, 0);
		if (sum == 0)
			fprintf(stderr, "coopedu-bench: %s read nothing\n", x->figure);
	}
	free(ids);
	free(keys);
	return rc;
}

/* ---- reports ----------------------------------------------------------------------- */

/* The baseline's table equals the library's, cell for cell. */
static bool check_report(const char *name, const ce_table *t, const PGresult *res)
{
	char a[4096];
	int ncols = ce_table_column_count(t);
	size_t nrows = ce_table_row_count(t);
	if (PQnfields(res) != ncols || (size_t)PQntuples(res) != nrows) {
		fprintf(stderr, "coopedu-bench: %s: the SQL gives %d columns and %d rows, the report %d "
		        "and %zu\n", name, PQnfields(res), PQntuples(res), ncols, nrows);
		return false;
	}
	for (size_t row = 0; row < nrows; row++)
		for (int c = 0; c < ncols; c++) {
			const char *b = PQgetisnull(res, (int)row, c) ? "NULL" : PQgetvalue(res, (int)row, c);
			bench_lib_cell(a, sizeof a, t, row, c);
			if (!bench_same_cell(a, b, ce_table_column_type(t, c) == CE_TYPE_REAL)) {
				fprintf(stderr, "coopedu-bench: %s row %zu column %s: library '%s', SQL '%s'\n",
				        name, row, ce_table_column_name(t, c), a, b);
				return false;
			}
		}
	return true;
}

/* How report_memory() reads a report: the library's table, its report
 * cursor (a server-side cursor fetched in batches), or the baseline
 * (PQexecPrepared: the whole result in client memory). */
enum report_way { WAY_TABLE, WAY_CURSOR, WAY_SQL };

/* The RSS a report takes over what the process holds when it starts
 * (KiB), in this process: its freed heap is trimmed first so that the
 * report's pages are counted. -1 on failure. */
static long report_memory(ce_db *db, const char *report, const ce_report_filter *f, PGconn *pg,
                          const char *name, int np, const char *const *params, enum report_way way)
{
	ce_table *t = NULL;
	ce_report_cursor *c = NULL;
	PGresult *res = NULL;
	uint64_t sum = 0;
	int rc;
#ifdef __GLIBC__
	malloc_trim(0);
#endif
	bench_peak_reset();
	long start = bench_rss_kib();
	if (way == WAY_TABLE) {
		rc = ce_report_run(&t, db, report, f);
	} else if (way == WAY_CURSOR) {
		rc = ce_report_open(&c, db, report, f);
		while (rc == CE_OK && (rc = ce_report_next(c)) == CE_OK)
			for (int k = 0; k < ce_report_cursor_column_count(c); k++) {
				const char *s = ce_report_cursor_get_text(c, k);
				sum += s ? strlen(s) : 1;
			}
		rc = rc == CE_ITEROVER ? CE_OK : rc;
	} else {
		res = PQexecPrepared(pg, name, np, params, NULL, NULL, 0);
		rc = PQresultStatus(res) == PGRES_TUPLES_OK ? CE_OK : CE_EBACKEND;
		sum += consume(res);
	}
	long peak = bench_peak_kib() - start;
	ce_table_free(t);
	ce_report_close(c);
	PQclear(res);
	(void)sum; /* read, as a consumer would */
	return rc == CE_OK ? peak : -1;
}

static int phase_reports(const bench_pg_options *o, PGconn *pg, ce_db *db, int *wrong)
{
	/* subtopic_graph looks at the project with the most subtopics */
	int64_t project = pg_int(pg, "SELECT project FROM subtopic GROUP BY project "
	                             "ORDER BY count(*) DESC, project LIMIT 1");
	char ptext[24], name[32];
	const char *params[1] = { ptext };
	int rc = project < 1;
	snprintf(ptext, sizeof ptext, "%lld", (long long)project);
	for (int i = 0; !rc && i < ce_report_count(); i++) {
		const char *report = ce_report_name(i);
		const sql_report *q = bench_pg_sql_report(report);
		if (o->report && strcmp(o->report, report) != 0)
			continue;
		int np = q && strstr(q->sql, "$1") ? 1 : 0;
		snprintf(name, sizeof name, "report_%d", i);
		if (!q || prepare(pg, name, q->sql, np)) {
			fprintf(stderr, "coopedu-bench: %s: no PostgreSQL baseline, or it does not prepare\n",
			        report);
			rc = 1;
			break;
		}
		ce_report_filter f;
		ce_table *t = NULL;
		bench_report_filter(&f, report, project);
		/* the same table? before anything is timed */
		PGresult *res = PQexecPrepared(pg, name, np, params, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			fprintf(stderr, "coopedu-bench: %s: %s", report, PQerrorMessage(pg));
			rc = 1;
		} else if (ce_report_run(&t, db, report, &f) != CE_OK) {
			fprintf(stderr, "coopedu-bench: report %s: %s\n", report, ce_db_errmsg(db));
			rc = 1;
		} else if (!check_report(report, t, res)) {
			(*wrong)++;
			bench_table_note("!! report %s: the SQL baseline's table differs (see above)", report);
		}
		PQclear(res);
		ce_table_free(t);
		t = NULL;
		/* memory: each way once */
		long mem[3];
		for (int w = WAY_TABLE; !rc && w <= WAY_SQL; w++)
			mem[w] = report_memory(db, report, &f, pg, name, np, params, (enum report_way)w);
		/* time: the fastest of each, alternating, --repeat runs or more */
		double best_lib = INFINITY, best_sql = INFINITY, spent_lib = 0, spent_sql = 0;
		uint64_t sum = 0;
		for (int r = 0; !rc && bench_time_more(r, o->repeat, o->min_time, spent_lib, spent_sql); r++) {
			double t0 = bench_now();
			rc = ce_report_run(&t, db, report, &f) != CE_OK;
			double t1 = bench_now();
			ce_table_free(t);
			t = NULL;
			res = PQexecPrepared(pg, name, np, params, NULL, NULL, 0);
			rc = rc || PQresultStatus(res) != PGRES_TUPLES_OK;
			sum += consume(res);
			PQclear(res);
			double t2 = bench_now();
			best_lib = fmin(best_lib, t1 - t0);
			best_sql = fmin(best_sql, t2 - t1);
			spent_lib += t1 - t0;
			spent_sql += t2 - t1;
		}
		if (rc) {
			fprintf(stderr, "coopedu-bench: report %s failed: %s / %s\n", report, ce_db_errmsg(db),
			        PQerrorMessage(pg));
			break;
		}
		char figure[96];
		snprintf(figure, sizeof figure, "report %s (ms)", report);
		bench_table_row(figure, "ms", best_lib * 1e3, best_sql * 1e3, GOAL_AT_MOST, 1.5);
		bench_table_note("    (memory: table %.1f, cursor %.1f, SQL's whole result %.1f MiB)",
		                 (double)mem[WAY_TABLE] / 1024.0, (double)mem[WAY_CURSOR] / 1024.0,
		                 (double)mem[WAY_SQL] / 1024.0);
	}
	return rc;
}

/* ---- the run ---------------------------------------------------------------------- */

static bool phase(const bench_pg_options *o, const char *name)
{
	return !o->only || strcmp(o->only, name) == 0;
}

int bench_pg_run(const bench_pg_options *o, int *wrong)
{
	bench_sizes sz;
	PGconn *pg = raw_connect(o->uri, LIB_SCHEMA);
	char *lib_uri = store_uri(o->uri, LIB_SCHEMA);
	ce_db *db = NULL;
	int rc = !pg || !lib_uri;
	bench_sizes_for(&sz, o->scale);
	if (!rc) {
		int v = PQserverVersion(pg);
		printf("PostgreSQL %d.%d on %s:%s (libpq %d); schemas %s (library) and %s (COPY)\n",
		       v / 10000, v % 10000, PQhost(pg), PQport(pg), PQlibVersion(), LIB_SCHEMA,
		       COPY_SCHEMA);
		printf("scale %g, seed %llu: %lld partners, %lld supervisors, %lld students, %lld projects, "
		       "%lld guidance sessions, %lld outcomes\n\n",
		       o->scale, (unsigned long long)o->seed, (long long)sz.partners,
		       (long long)sz.supervisors, (long long)sz.students, (long long)sz.projects,
		       (long long)sz.sessions, (long long)sz.outcomes);
		bench_table_header();
	}
	if (!rc && phase(o, "load"))
		rc = phase_load(o, pg, lib_uri, wrong);
	if (!rc && (phase(o, "lookup") || phase(o, "reports")) && ce_db_open(&db, lib_uri, NULL) != CE_OK) {
		fprintf(stderr, "coopedu-bench: open %s: %s\n", LIB_SCHEMA, ce_last_errmsg());
		rc = 1;
	}
	if (!rc && phase(o, "lookup"))
		rc = phase_lookups(o, pg, db);
	if (!rc && phase(o, "reports"))
		rc = phase_reports(o, pg, db, wrong);
	ce_db_close(db);
	if (pg && !o->keep)
		pg_exec(pg, "DROP SCHEMA IF EXISTS " LIB_SCHEMA " CASCADE; "
		            "DROP SCHEMA IF EXISTS " COPY_SCHEMA " CASCADE; "
		            "DROP SCHEMA IF EXISTS " INSERT_SCHEMA " CASCADE");
	PQfinish(pg);
	free(lib_uri);
	return rc;
}

#endif
