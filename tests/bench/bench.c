/* coopedu-bench: loads a synthetic university through the public API in one
 * transaction, looks records up, runs every report, and prints each figure
 * next to a baseline measured in the same run on the same machine:
 *
 * - load: the same rows inserted with raw SQLite prepared statements into
 *   an identically shaped store (the library's own schema), also in one
 *   transaction; both stores are then checked to hold identical rows;
 * - lookups: ce_<noun>_lookup*() against a prepared SELECT by primary or
 *   unique key;
 * - reports: each report against a hand-written SQL query computing the
 *   same table on the same database (checked cell for cell, untimed);
 * - import: the loaded store exported and imported again (JSON and CSV)
 *   against the export of the same records and yajl parsing the same file
 *   (tests/bench/import.c);
 * - memory: the peak RSS of each phase.
 *
 * Goals (issue #5): load at >= 0.5x raw SQLite speed, each report <= 1.5x
 * its SQL, memory flat as the data grows. Usage: see usage() below. */
#define _DEFAULT_SOURCE /* wait4() */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <unistd.h>

#include "bench.h"
#include "coopedu/sys/schema.h"

typedef struct options {
	double scale;
	const char *db;
	uint64_t seed;
	const char *only; /* NULL, "load", "lookup" or "reports" */
	int repeat;
	long lookups;
	bool keep;
	bool malloc_default;
	const char *report; /* only this report */
	const char *pg;     /* --pg URI: the PostgreSQL benchmark instead (bench_pg.c) */
	double min_time;    /* seconds each side of a report runs at least */
} options;

static int failures; /* wrong results: the exit status */

static void usage(FILE *to)
{
	fprintf(to,
	        "usage: coopedu-bench [--scale F] [--db PATH] [--seed N]\n"
	        "                     [--only load|lookup|reports|import]\n"
	        "                     [--repeat N] [--min-time S] [--lookups N] [--report NAME]\n"
	        "                     [--keep] [--pg URI]\n"
	        "  --scale F     size of the university; 1.0 is about a million rows (default 1)\n"
	        "  --db PATH     the library's store (the raw baseline uses PATH.raw); default: a\n"
	        "                temporary directory, removed at the end unless --keep\n"
	        "  --seed N      the data are a function of the seed (default 42)\n"
	        "  --only PHASE  one phase; lookup, reports and import need a store loaded before\n"
	        "                (e.g. --only load --db PATH first)\n"
	        "  --repeat N    runs per report at least, the fastest counts (default 3)\n"
	        "  --min-time S  and more runs until each side took S seconds in all (default\n"
	        "                0.25; at most 10,000 runs)\n"
	        "  --lookups N   lookups per lookup figure (default 100000)\n"
	        "  --report NAME only this report (for profiling)\n"
	        "  --malloc-default  loads leave glibc's heap trimming as it is (docs/benchmark.md)\n"
	        "  --pg URI      on a PostgreSQL server instead (a libpq URI): the library's store in\n"
	        "                schema ce_bench_lib, the COPY baseline in ce_bench_copy (both dropped\n"
	        "                first, and at the end unless --keep)\n");
}

static int parse(options *o, int argc, char **argv)
{
	*o = (options){ 1.0, NULL, 42, NULL, 3, 100000, false, false, NULL, NULL, 0.25 };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *end = NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(a, "--keep") == 0) {
			o->keep = true;
			continue;
		} else if (strcmp(a, "--malloc-default") == 0) {
			o->malloc_default = true;
			continue;
		}
		if (!v)
			goto bad;
		errno = 0;
		if (strcmp(a, "--scale") == 0)
			o->scale = strtod(v, &end);
		else if (strcmp(a, "--db") == 0)
			o->db = v, end = (char *)v + strlen(v);
		else if (strcmp(a, "--seed") == 0)
			o->seed = strtoull(v, &end, 10);
		else if (strcmp(a, "--only") == 0)
			o->only = v, end = (char *)v + strlen(v);
		else if (strcmp(a, "--repeat") == 0)
			o->repeat = (int)strtol(v, &end, 10);
		else if (strcmp(a, "--lookups") == 0)
			o->lookups = strtol(v, &end, 10);
		else if (strcmp(a, "--report") == 0)
			o->report = v, end = (char *)v + strlen(v);
		else if (strcmp(a, "--pg") == 0)
			o->pg = v, end = (char *)v + strlen(v);
		else if (strcmp(a, "--min-time") == 0)
			o->min_time = strtod(v, &end);
		else
			goto bad;
		if (errno || !end || *end)
			goto bad;
		i++;
	}
	if (!(o->scale > 0) || o->scale > 100 || o->repeat < 1 || o->lookups < 1 ||
	    !(o->min_time >= 0 && o->min_time <= 60) ||
	    (o->only && strcmp(o->only, "load") && strcmp(o->only, "lookup") &&
	     strcmp(o->only, "reports") && strcmp(o->only, "import")))
		goto bad;
	if (o->pg && o->db) {
		fprintf(stderr, "coopedu-bench: --pg and --db exclude each other\n");
		return 1;
	}
	if (o->only && strcmp(o->only, "load") != 0 && !o->db && !o->pg) {
		fprintf(stderr, "coopedu-bench: --only %s needs --db of a loaded store\n", o->only);
		return 1;
	}
	return 0;
bad:
	usage(stderr);
	return 1;
}

static bool phase(const options *o, const char *name)
{
	return !o->only || strcmp(o->only, name) == 0;
}

static double mib(long kib)
{
	return (double)kib / 1024.0;
}

static void remove_store(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[4200];
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
}

static int exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "coopedu-bench: %s: %s\n", sql, err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return 1;
	}
	return 0;
}

static int64_t query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		fprintf(stderr, "coopedu-bench: %s: %s\n", sql, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return v;
}

static sqlite3 *open_raw(const char *path, bool readonly)
{
	sqlite3 *db = NULL;
	int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		fprintf(stderr, "coopedu-bench: open %s: %s\n", path, db ? sqlite3_errmsg(db) : "?");
		sqlite3_close(db);
		return NULL;
	}
	/* the connection options the library sets on its own connections */
	if (exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL")) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* Tables newer than schema 5 are created as the current schema creates
 * them (copied from a store the library makes), and columns newer than it
 * added to the tables it has (their type, NOT NULL and default): both
 * loads then hold the same rows, and the comparison is of the tables
 * schema 6 changed. */
static int add_new_tables(sqlite3 *db, const char *path)
{
	char cur[4400], sql[4600];
	snprintf(cur, sizeof cur, "%s.cur", path);
	ce_db *lib = NULL;
	if (ce_db_open(&lib, (snprintf(sql, sizeof sql, "sqlite:%s", cur), sql), NULL) != CE_OK) {
		fprintf(stderr, "coopedu-bench: open %s: %s\n", cur, ce_last_errmsg());
		return 1;
	}
	ce_db_close(lib);
	snprintf(sql, sizeof sql, "ATTACH '%s' AS cur", cur);
	if (exec(db, sql))
		return 1;
	/* collected first: no schema change while the catalogue is read */
	sqlite3_stmt *st = NULL;
	char *ddl = NULL;
	size_t len = 0;
	int bad = sqlite3_prepare_v2(db,
	                             "SELECT sql FROM cur.sqlite_master WHERE sql IS NOT NULL"
	                             " AND type IN ('table', 'index') AND tbl_name NOT IN"
	                             " (SELECT name FROM main.sqlite_master WHERE type = 'table')"
	                             " ORDER BY type DESC, rowid",
	                             -1, &st, NULL) != SQLITE_OK;
	while (!bad && sqlite3_step(st) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		size_t n = strlen(text);
		char *grown = realloc(ddl, len + n + 3);
		if (!grown) {
			bad = 1;
			break;
		}
		ddl = grown;
		memcpy(ddl + len, text, n);
		memcpy(ddl + len + n, ";\n", 3);
		len += n + 2;
	}
	sqlite3_finalize(st);
	st = NULL;
	bad = bad || sqlite3_prepare_v2(db,
	                                "SELECT 'ALTER TABLE \"' || m.name || '\" ADD COLUMN \"' || p.name || '\" '"
	                                " || p.type || CASE WHEN p.\"notnull\" THEN ' NOT NULL' ELSE '' END"
	                                " || coalesce(' DEFAULT ' || p.dflt_value, '')"
	                                " FROM cur.sqlite_master m, pragma_table_info(m.name, 'cur') p"
	                                " WHERE m.type = 'table' AND m.name IN"
	                                " (SELECT name FROM main.sqlite_master WHERE type = 'table')"
	                                " AND p.name NOT IN (SELECT name FROM pragma_table_info(m.name, 'main'))"
	                                " ORDER BY m.rowid, p.cid",
	                                -1, &st, NULL) != SQLITE_OK;
	while (!bad && sqlite3_step(st) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		size_t n = strlen(text);
		char *grown = realloc(ddl, len + n + 3);
		if (!grown) {
			bad = 1;
			break;
		}
		ddl = grown;
		memcpy(ddl + len, text, n);
		memcpy(ddl + len + n, ";\n", 3);
		len += n + 2;
	}
	if (bad)
		fprintf(stderr, "coopedu-bench: reading %s's tables: %s\n", cur, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	bad = bad || exec(db, "DETACH cur") || (ddl && exec(db, ddl));
	free(ddl);
	const char *suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(sql, sizeof sql, "%s%s", cur, suffix[i]);
		remove(sql);
	}
	return bad;
}

/* A store with schema 5's DDL (before 6: enumeration CHECKs as IN lists,
 * an index on every column a UNIQUE leads), set up as the library sets up
 * its own (WAL), for the raw load into the previous schema. */
static int create_prev_store(const char *path)
{
	FILE *f = fopen(CE_BENCH_PREV_DDL, "rb");
	char *ddl = NULL;
	long n = -1;
	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (ddl = malloc((size_t)n + 1)) && fread(ddl, 1, (size_t)n, f) == (size_t)n)
		ddl[n] = '\0';
	else
		n = -1;
	if (f)
		fclose(f);
	if (n < 0) {
		fprintf(stderr, "coopedu-bench: cannot read %s\n", CE_BENCH_PREV_DDL);
		free(ddl);
		return 1;
	}
	sqlite3 *db = NULL;
	int bad = sqlite3_open(path, &db) != SQLITE_OK || exec(db, "PRAGMA journal_mode = WAL") ||
	          exec(db, ddl) || add_new_tables(db, path);
	sqlite3_close(db);
	free(ddl);
	return bad;
}

/* The library's store at path (SQLite), or NULL after saying why. */
static ce_db *open_lib(const char *path)
{
	char uri[4300];
	ce_db *db = NULL;
	snprintf(uri, sizeof uri, "sqlite:%s", path);
	if (ce_db_open(&db, uri, NULL) != CE_OK) {
		fprintf(stderr, "coopedu-bench: open %s: %s\n", uri, ce_last_errmsg());
		return NULL;
	}
	return db;
}

/* ---- load ------------------------------------------------------------------------ */

/* Both stores hold the same rows, table by table. */
static int verify_same(const char *lib_path, const char *raw_path, int64_t *rows)
{
	sqlite3 *db = open_raw(lib_path, true);
	char sql[9000];
	int bad = 0;
	*rows = 0;
	if (!db)
		return 1;
	snprintf(sql, sizeof sql, "ATTACH '%s' AS raw", raw_path);
	bad = exec(db, sql);
	const ce_schema *s = ce_schema_get();
	for (int t = 1; !bad && t < s->ntables; t++) {
		const char *name = s->tables[t]->name;
		if (strcmp(name, "audit") == 0)
			continue; /* the library's log of its own calls: the baseline writes none */
		snprintf(sql, sizeof sql, "SELECT count(*) FROM main.%s", name);
		int64_t a = query_int(db, sql);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM raw.%s", name);
		int64_t b = query_int(db, sql);
		snprintf(sql, sizeof sql,
		         "SELECT count(*) FROM (SELECT * FROM main.%s EXCEPT SELECT * FROM raw.%s)", name,
		         name);
		int64_t diff = a == b ? query_int(db, sql) : -1;
		if (a < 0 || a != b || diff != 0) {
			fprintf(stderr, "coopedu-bench: %s differs: %lld rows from the library, %lld raw, %lld "
			        "not in both\n", name, (long long)a, (long long)b, (long long)diff);
			bad = 1;
		}
		*rows += a;
	}
	sqlite3_close(db);
	return bad;
}

/* One load, run in a child process so that both loads start from the
 * same process state (the heap, SQLite's allocations) and each has its
 * own peak RSS. */
typedef struct load_job {
	const options *o;
	const bench_sizes *sz;
	const char *path;
	bool library;
} load_job;

typedef bench_load_result load_result;

static int load_library(const load_job *j, load_result *r)
{
	bench_sink sink;
	ce_db *db = NULL;
	if (!(db = open_lib(j->path)))
		return 1;
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

static int load_raw(const load_job *j, load_result *r)
{
	bench_sink sink;
	raw_sink *rs = NULL;
	sqlite3 *raw = open_raw(j->path, false);
	if (!raw || raw_sink_open(&rs, &sink, raw)) {
		sqlite3_close(raw);
		return 1;
	}
	double t0 = bench_now();
	int rc = exec(raw, "BEGIN IMMEDIATE") || bench_generate(&sink, j->sz, j->o->seed, &r->rows) ||
	         exec(raw, "COMMIT");
	r->secs = bench_now() - t0;
	raw_sink_close(rs);
	sqlite3_close(raw);
	return rc;
}

static int load_job_run(void *ctx, load_result *r)
{
	const load_job *j = ctx;
	return j->library ? load_library(j, r) : load_raw(j, r);
}

static int run_load(const load_job *j, load_result *r, long *maxrss_kib)
{
	return bench_run_child(load_job_run, (void *)j, j->o->malloc_default, r, maxrss_kib);
}

int bench_run_child(int (*fn)(void *ctx, bench_load_result *r), void *ctx, bool malloc_default,
                    bench_load_result *r, long *maxrss_kib)
{
	int fd[2];
	*r = (load_result){ 0, 0, 1 };
	if (pipe(fd) != 0) {
		perror("coopedu-bench: pipe");
		return 1;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		perror("coopedu-bench: fork");
		return 1;
	}
	if (pid == 0) {
		load_result mine = { 0, 0, 0 };
		close(fd[0]);
		/* SQLite builds a temporary b-tree for every CHECK (x IN (...)) each
		 * time an INSERT runs (every enumeration column of the schema) and
		 * frees it at the end: glibc may hand that memory back to the kernel
		 * and ask for it again on every insert, or not, depending on the
		 * heap's layout, and that luck swamps what is measured. A high trim
		 * threshold takes it out of both loads (docs/benchmark.md). */
#ifdef __GLIBC__
		if (!malloc_default) {
			mallopt(M_TRIM_THRESHOLD, 256 << 20);
			mallopt(M_TOP_PAD, 16 << 20);
		}
#endif
		mine.rc = fn(ctx, &mine);
		_exit(write(fd[1], &mine, sizeof mine) == (ssize_t)sizeof mine ? 0 : 1);
	}
	close(fd[1]);
	ssize_t n = read(fd[0], r, sizeof *r);
	close(fd[0]);
	int status = 0;
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
	    n != (ssize_t)sizeof *r)
		r->rc = 1;
	*maxrss_kib = ru.ru_maxrss;
	return r->rc;
}

static int phase_load(const options *o, const char *lib_path, const char *raw_path)
{
	bench_sizes sz;
	bench_sink sink;
	int64_t rows = 0, stored = 0;
	bench_sizes_for(&sz, o->scale);

	/* the generator alone, to see what it costs within both loads */
	bench_null_sink(&sink);
	double t0 = bench_now();
	if (bench_generate(&sink, &sz, o->seed, &rows))
		return 1;
	double t_gen = bench_now() - t0;

	/* the library: every record through the typed API, one transaction */
	load_job lib = { o, &sz, lib_path, true }, raw = { o, &sz, raw_path, false };
	load_result rl, rr;
	long rss_lib, rss_raw;
	remove_store(lib_path);
	if (run_load(&lib, &rl, &rss_lib))
		return 1;

	/* raw SQLite: a store created by the library (its schema, its WAL
	 * mode), then filled with prepared statements only */
	ce_db *db = NULL;
	remove_store(raw_path);
	if (!(db = open_lib(raw_path)))
		return 1;
	ce_db_close(db);
	if (run_load(&raw, &rr, &rss_raw))
		return 1;

	/* the same raw load into schema 5 (the previous DDL), to measure the schema */
	char prev_path[4300];
	load_result r2;
	long rss_prev;
	snprintf(prev_path, sizeof prev_path, "%.4200s.prev", raw_path);
	remove_store(prev_path);
	load_job raw2 = { o, &sz, prev_path, false };
	if (create_prev_store(prev_path) || run_load(&raw2, &r2, &rss_prev))
		return 1;
	int64_t stored_prev = 0;
	if (verify_same(raw_path, prev_path, &stored_prev) || stored_prev != rows) {
		failures++;
		bench_table_note("!! the raw loads into schemas 6 and 5 differ (see above)");
	}
	remove_store(prev_path);

	if (verify_same(lib_path, raw_path, &stored)) {
		failures++;
		bench_table_note("!! the library's and the raw store differ (see above)");
	} else if (stored != rows || rl.rows != rows || rr.rows != rows) {
		failures++;
		bench_table_note("!! %lld rows stored, %lld generated", (long long)stored, (long long)rows);
	}

	char figure[96];
	snprintf(figure, sizeof figure, "load %lld rows, one transaction (rows/s)", (long long)rows);
	bench_table_row(figure, "/s", (double)rows / rl.secs, (double)rows / rr.secs, GOAL_AT_LEAST, 0.9);
	bench_table_row("schema: raw load, schema 6 vs 5 (rows/s)", "/s", (double)rows / rr.secs,
	                (double)rows / r2.secs, GOAL_AT_LEAST, 1.8);
	bench_table_row("load: total time (s)", "s", rl.secs, rr.secs, GOAL_NONE, 0);
	bench_table_row("peak RSS of the loading process (MiB)", "MiB", mib(rss_lib), mib(rss_raw),
	                GOAL_NONE, 0);
	bench_table_row("peak RSS, raw load into schema 6 vs 5 (MiB)", "MiB", mib(rss_raw),
	                mib(rss_prev), GOAL_NONE, 0);
	bench_table_note("    (generating the rows alone takes %.2f s of both loads; both stores hold "
	                 "the same %lld rows)", t_gen, (long long)stored);
	return 0;
}

/* ---- lookups ------------------------------------------------------------------------ */

uint64_t bench_lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005u + 1442695040888963407u;
	return *s >> 17;
}

/* Reads every column of the current row, as a program would use them. */
static uint64_t consume(sqlite3_stmt *st)
{
	uint64_t sum = 0;
	for (int c = 0, n = sqlite3_column_count(st); c < n; c++) {
		switch (sqlite3_column_type(st, c)) {
		case SQLITE_INTEGER: sum += (uint64_t)sqlite3_column_int64(st, c); break;
		case SQLITE_FLOAT: sum += (uint64_t)sqlite3_column_double(st, c); break;
		case SQLITE_TEXT:
			sum += (uintptr_t)sqlite3_column_text(st, c) != 0;
			sum += (uint64_t)sqlite3_column_bytes(st, c);
			break;
		default: break;
		}
	}
	return sum;
}

typedef bench_lookup_fig lookup_fig;

static int student_by_id(ce_db *db, int64_t id)
{
	ce_student *r;
	int rc = ce_student_lookup(&r, db, id);
	ce_student_free(r);
	return rc;
}

static int session_by_id(ce_db *db, int64_t id)
{
	ce_guidance_session *r;
	int rc = ce_guidance_session_lookup(&r, db, id);
	ce_guidance_session_free(r);
	return rc;
}

static int student_by_number(ce_db *db, const char *key)
{
	ce_student *r;
	int rc = ce_student_lookup_by_number(&r, db, key);
	ce_student_free(r);
	return rc;
}

static int project_by_code(ce_db *db, const char *key)
{
	ce_project *r;
	int rc = ce_project_lookup_by_code(&r, db, key);
	ce_project_free(r);
	return rc;
}

const bench_lookup_fig bench_lookup_figs[BENCH_NLOOKUP_FIGS] = {
	{ "lookup student by id (us/op)", "student", NULL, student_by_id, NULL },
	{ "lookup student by number (us/op)", "student", "number", NULL, student_by_number },
	{ "lookup project by code (us/op)", "project", "code", NULL, project_by_code },
	{ "lookup guidance_session by id (us/op)", "guidance_session", NULL, session_by_id, NULL },
};

static int phase_lookups(const options *o, const char *lib_path)
{
	const lookup_fig *figs = bench_lookup_figs;
	char sql[256];
	ce_db *db = NULL;
	if (!(db = open_lib(lib_path)))
		return 1;
	sqlite3 *raw = open_raw(lib_path, true);
	int64_t *ids = malloc((size_t)o->lookups * sizeof *ids);
	char **keys = calloc((size_t)o->lookups, sizeof *keys);
	int rc = !raw || !ids || !keys;
	bench_peak_reset();
	for (size_t f = 0; !rc && f < BENCH_NLOOKUP_FIGS; f++) {
		const lookup_fig *x = &figs[f];
		uint64_t seed = o->seed + f, sum = 0;
		snprintf(sql, sizeof sql, "SELECT max(id) FROM %s", x->table);
		int64_t max = query_int(raw, sql);
		if (max < 1) {
			rc = 1;
			break;
		}
		for (long i = 0; i < o->lookups; i++)
			ids[i] = 1 + (int64_t)(bench_lcg(&seed) % (uint64_t)max);
		sqlite3_stmt *st = NULL;
		if (x->key) { /* the keys of those ids, fetched beforehand */
			snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?", x->key, x->table);
			sqlite3_prepare_v2(raw, sql, -1, &st, NULL);
			for (long i = 0; i < o->lookups && !rc; i++) {
				sqlite3_bind_int64(st, 1, ids[i]);
				rc = sqlite3_step(st) != SQLITE_ROW ||
				     !(keys[i] = strdup((const char *)sqlite3_column_text(st, 0)));
				sqlite3_reset(st);
			}
			sqlite3_finalize(st);
			snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE %s = ?", x->table, x->key);
		} else {
			snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE id = ?", x->table);
		}
		if (rc || sqlite3_prepare_v3(raw, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
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
			if (x->key)
				sqlite3_bind_text(st, 1, keys[i], -1, SQLITE_STATIC);
			else
				sqlite3_bind_int64(st, 1, ids[i]);
			rc = sqlite3_step(st) != SQLITE_ROW;
			sum += consume(st);
			sqlite3_reset(st);
		}
		double t_raw = bench_now() - t0;
		sqlite3_finalize(st);
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
	long peak = bench_peak_kib();
	if (!rc)
		bench_table_note("    (peak RSS during lookups: %.1f MiB)", mib(peak));
	free(ids);
	free(keys);
	sqlite3_close(raw);
	ce_db_close(db);
	return rc;
}

/* ---- reports ----------------------------------------------------------------------- */

/* A cell as text, for comparing the two results. */
void bench_lib_cell(char *buf, size_t size, const ce_table *t, size_t row, int col)
{
	int64_t i;
	double r;
	if (ce_table_is_null(t, row, col)) {
		snprintf(buf, size, "NULL");
		return;
	}
	switch (ce_table_column_type(t, col)) {
	case CE_TYPE_TEXT: snprintf(buf, size, "%s", ce_table_get_text(t, row, col)); break;
	case CE_TYPE_REAL:
		ce_table_get_real(&r, t, row, col);
		snprintf(buf, size, "%.17g", r);
		break;
	case CE_TYPE_DATE:
		ce_table_get_int(&i, t, row, col);
		ce_date_format(buf, size, (ce_date)i);
		break;
	default:
		ce_table_get_int(&i, t, row, col);
		snprintf(buf, size, "%lld", (long long)i);
	}
}

static void sql_cell(char *buf, size_t size, sqlite3_stmt *st, int col)
{
	switch (sqlite3_column_type(st, col)) {
	case SQLITE_NULL: snprintf(buf, size, "NULL"); break;
	case SQLITE_INTEGER: snprintf(buf, size, "%lld", (long long)sqlite3_column_int64(st, col)); break;
	case SQLITE_FLOAT: snprintf(buf, size, "%.17g", sqlite3_column_double(st, col)); break;
	default: snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, col));
	}
}

/* Equal as text, or as numbers within rounding (sums taken in another order). */
bool bench_same_cell(const char *a, const char *b, bool real)
{
	if (strcmp(a, b) == 0)
		return true;
	if (!real || !strcmp(a, "NULL") || !strcmp(b, "NULL"))
		return false;
	double x = strtod(a, NULL), y = strtod(b, NULL);
	return fabs(x - y) <= 1e-9 * fmax(1.0, fabs(x));
}

static int bind_project(sqlite3_stmt *st, int64_t project)
{
	int i = sqlite3_bind_parameter_index(st, ":project");
	return i > 0 ? sqlite3_bind_int64(st, i, project) : SQLITE_OK;
}

/* Steps the query through, reading every cell; the number of rows or -1. */
static int64_t run_sql(sqlite3_stmt *st, uint64_t *sum)
{
	int64_t n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*sum += consume(st);
		n++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? n : -1;
}

/* The baseline's table equals the library's, cell for cell. */
static bool check_report(const char *name, const ce_table *t, sqlite3_stmt *st)
{
	char a[4096], b[4096];
	size_t row = 0;
	int rc, ncols = ce_table_column_count(t);
	bool ok = sqlite3_column_count(st) == ncols;
	if (!ok)
		fprintf(stderr, "coopedu-bench: %s: the SQL has %d columns, the report %d\n", name,
		        sqlite3_column_count(st), ncols);
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (row >= ce_table_row_count(t)) {
			ok = false;
			break;
		}
		for (int c = 0; ok && c < ncols; c++) {
			bench_lib_cell(a, sizeof a, t, row, c);
			sql_cell(b, sizeof b, st, c);
			if (!bench_same_cell(a, b, ce_table_column_type(t, c) == CE_TYPE_REAL)) {
				fprintf(stderr, "coopedu-bench: %s row %zu column %s: library '%s', SQL '%s'\n",
				        name, row, ce_table_column_name(t, c), a, b);
				ok = false;
			}
		}
		row++;
	}
	if (ok && row != ce_table_row_count(t)) {
		fprintf(stderr, "coopedu-bench: %s: %zu rows from the library, %zu or more from SQL\n", name,
		        ce_table_row_count(t), row);
		ok = false;
	}
	sqlite3_reset(st);
	return ok;
}

/* How report_memory() reads a report: the library's table, the library's
 * report cursor row by row, or the baseline SQL. */
enum report_way { WAY_TABLE, WAY_CURSOR, WAY_SQL };

/* Every row of report name through a report cursor, each cell looked at
 * (as a consumer that prints or sums it would). */
static int read_cursor(ce_db *db, const char *name, const ce_report_filter *f, uint64_t *sum)
{
	ce_report_cursor *c = NULL;
	int rc = ce_report_open(&c, db, name, f);
	while (rc == CE_OK && (rc = ce_report_next(c)) == CE_OK)
		for (int k = 0; k < ce_report_cursor_column_count(c); k++) {
			const char *s = ce_report_cursor_get_text(c, k);
			int64_t v = 0;
			*sum += s ? strlen(s) : ce_report_cursor_get_int(&v, c, k) == CE_OK ? (uint64_t)v : 1;
		}
	ce_report_close(c);
	return rc == CE_ITEROVER ? 0 : 1;
}

/* The memory one report needs: run once in a child process (its own
 * connection), the peak RSS over the RSS it started with. KiB, or -1. */
static long report_memory(const char *lib_path, const char *name, const ce_report_filter *f,
                          const char *sql, int64_t project, enum report_way way)
{
	int fd[2];
	long extra = -1;
	if (pipe(fd) != 0)
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		long mine = -1, start;
		int rc = 1;
		close(fd[0]);
#ifdef __GLIBC__
		/* the parent's free heap, still resident, would hide what the report takes */
		malloc_trim(0);
#endif
		if (way != WAY_SQL) {
			ce_db *db = NULL;
			ce_table *t = NULL;
			uint64_t sum = 0;
			if ((db = open_lib(lib_path)) != NULL) {
				bench_peak_reset();
				start = bench_rss_kib();
				rc = way == WAY_TABLE ? ce_report_run(&t, db, name, f) != CE_OK
				                      : read_cursor(db, name, f, &sum);
				mine = bench_peak_kib() - start;
				ce_table_free(t);
			}
			ce_db_close(db);
		} else {
			sqlite3 *raw = open_raw(lib_path, true);
			sqlite3_stmt *st = NULL;
			uint64_t sum = 0;
			if (raw && sqlite3_prepare_v2(raw, sql, -1, &st, NULL) == SQLITE_OK &&
			    bind_project(st, project) == SQLITE_OK) {
				bench_peak_reset();
				start = bench_rss_kib();
				rc = run_sql(st, &sum) < 0;
				mine = bench_peak_kib() - start;
			}
			sqlite3_finalize(st);
			sqlite3_close(raw);
		}
		_exit(!rc && write(fd[1], &mine, sizeof mine) == (ssize_t)sizeof mine ? 0 : 1);
	}
	close(fd[1]);
	if (read(fd[0], &extra, sizeof extra) != (ssize_t)sizeof extra)
		extra = -1;
	close(fd[0]);
	int status = 0;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		extra = -1;
	return extra;
}

typedef struct report_mem {
	long lib, cursor, sql;
	double cursor_ms; /* the fastest read through a report cursor */
	size_t rows;
} report_mem;

static int phase_reports(const options *o, const char *lib_path)
{
	ce_db *db = NULL;
	if (!(db = open_lib(lib_path)))
		return 1;
	sqlite3 *raw = open_raw(lib_path, true);
	if (!raw) {
		ce_db_close(db);
		return 1;
	}
	/* subtopic_graph looks at the project with the most subtopics */
	int64_t project = query_int(raw, "SELECT project FROM subtopic GROUP BY project "
	                                 "ORDER BY count(*) DESC, project LIMIT 1");
	int n = ce_report_count(), rc = 0;
	report_mem *mem = calloc((size_t)n, sizeof *mem);
	long most_lib = 0, most_cursor = 0, most_sql = 0;
	for (int i = 0; !rc && i < n; i++) {
		const char *name = ce_report_name(i);
		const sql_report *q = bench_sql_report(name);
		sqlite3_stmt *st = NULL;
		if (o->report && strcmp(o->report, name) != 0)
			continue;
		ce_report_filter f;
		ce_table *t = NULL;
		uint64_t sum = 0;
		bench_report_filter(&f, name, project);
		if (!q || sqlite3_prepare_v3(raw, q->sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK ||
		    bind_project(st, project) != SQLITE_OK) {
			fprintf(stderr, "coopedu-bench: %s: no SQL, or it does not prepare: %s\n", name,
			        sqlite3_errmsg(raw));
			sqlite3_finalize(st);
			rc = 1;
			break;
		}
		/* memory: each once, on its own, in a child process */
		mem[i].lib = report_memory(lib_path, name, &f, q->sql, project, WAY_TABLE);
		mem[i].cursor = report_memory(lib_path, name, &f, q->sql, project, WAY_CURSOR);
		mem[i].sql = report_memory(lib_path, name, &f, q->sql, project, WAY_SQL);
		most_lib = mem[i].lib > most_lib ? mem[i].lib : most_lib;
		most_cursor = mem[i].cursor > most_cursor ? mem[i].cursor : most_cursor;
		most_sql = mem[i].sql > most_sql ? mem[i].sql : most_sql;
		/* time: the fastest of each, alternating, --repeat runs or more */
		double best_lib = INFINITY, best_sql = INFINITY, best_cursor = INFINITY;
		double spent_lib = 0, spent_sql = 0;
		for (int r = 0; !rc && bench_time_more(r, o->repeat, o->min_time, spent_lib, spent_sql); r++) {
			double t0 = bench_now();
			rc = ce_report_run(&t, db, name, &f) != CE_OK;
			double t1 = bench_now();
			if (rc)
				fprintf(stderr, "coopedu-bench: report %s: %s\n", name, ce_db_errmsg(db));
			mem[i].rows = t ? ce_table_row_count(t) : 0;
			ce_table_free(t);
			t = NULL;
			rc = rc || run_sql(st, &sum) < 0;
			double t2 = bench_now();
			rc = rc || read_cursor(db, name, &f, &sum);
			double t3 = bench_now();
			best_lib = fmin(best_lib, t1 - t0);
			best_sql = fmin(best_sql, t2 - t1);
			best_cursor = fmin(best_cursor, t3 - t2);
			spent_lib += t1 - t0;
			spent_sql += t2 - t1;
		}
		mem[i].cursor_ms = best_cursor * 1e3;
		/* the same table? */
		if (!rc && (rc = ce_report_run(&t, db, name, &f) != CE_OK) == 0 &&
		    !check_report(name, t, st)) {
			failures++;
			bench_table_note("!! report %s: the SQL baseline's table differs (see above)", name);
		}
		ce_table_free(t);
		sqlite3_finalize(st);
		if (rc) {
			fprintf(stderr, "coopedu-bench: report %s failed: %s / %s\n", name, ce_db_errmsg(db),
			        sqlite3_errmsg(raw));
			break;
		}
		char figure[96];
		snprintf(figure, sizeof figure, "report %s (ms)", name);
		bench_table_row(figure, "ms", best_lib * 1e3, best_sql * 1e3, GOAL_AT_MOST, 1.0);
	}
	if (!rc) {
		bench_table_row("memory of the hungriest report (MiB)", "MiB", mib(most_lib), mib(most_sql),
		                GOAL_NONE, 0);
		bench_table_row("... read through a report cursor (MiB)", "MiB", mib(most_cursor),
		                mib(most_sql), GOAL_NONE, 0);
		bench_table_note("    (memory each report needs over what the process holds, library "
		                 "table / library cursor / SQL, its rows, and the fastest read through "
		                 "a cursor:");
		for (int i = 0; i < n; i++)
			if (!o->report || strcmp(o->report, ce_report_name(i)) == 0)
				bench_table_note("       %-30s %7.1f / %7.1f / %7.1f MiB  %8zu rows  %9.1f ms",
				                 ce_report_name(i), mib(mem[i].lib), mib(mem[i].cursor),
				                 mib(mem[i].sql), mem[i].rows, mem[i].cursor_ms);
		bench_table_note("    )");
	}
	free(mem);
	sqlite3_close(raw);
	ce_db_close(db);
	return rc;
}

/* ---- main --------------------------------------------------------------------------- */

static void machine(void)
{
	char line[256], model[256] = "unknown";
	FILE *f = fopen("/proc/cpuinfo", "r");
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "model name", 10) == 0) {
			const char *p = strchr(line, ':');
			snprintf(model, sizeof model, "%s", p ? p + 2 : line);
			model[strcspn(model, "\n")] = '\0';
			break;
		}
	if (f)
		fclose(f);
	printf("machine: %ld cores, %s; libcoopedu %s, SQLite %s\n", sysconf(_SC_NPROCESSORS_ONLN),
	       model, ce_version_string(), sqlite3_libversion());
}

int main(int argc, char **argv)
{
	options o;
	char dir[64] = "", lib_path[4096], raw_path[4200];
	if (parse(&o, argc, argv))
		return 2;
	if (o.pg) {
		bench_pg_options po = { o.pg, o.scale, o.seed, o.only, o.repeat, o.lookups, o.keep,
		                        o.malloc_default, o.report, o.min_time };
		machine();
		int wrong = 0, rc = bench_pg_run(&po, &wrong);
		if (!rc)
			printf("\n%d goal(s) missed; %s\n", bench_goals_missed(),
			       wrong ? "RESULTS DIFFER (see above)" : "every baseline computed the same results");
		return rc ? 1 : wrong ? 3 : 0;
	}
	if (o.db) {
		snprintf(lib_path, sizeof lib_path, "%s", o.db);
	} else {
		snprintf(dir, sizeof dir, "/tmp/coopedu-bench-XXXXXX");
		if (!mkdtemp(dir)) {
			perror("coopedu-bench: mkdtemp");
			return 1;
		}
		snprintf(lib_path, sizeof lib_path, "%s/coopedu.db", dir);
	}
	snprintf(raw_path, sizeof raw_path, "%s.raw", lib_path);

	bench_sizes sz;
	bench_sizes_for(&sz, o.scale);
	machine();
	printf("scale %g, seed %llu: %lld partners, %lld supervisors, %lld students, %lld projects, "
	       "%lld guidance sessions, %lld outcomes\nstore: %s (baseline: %s)\n\n",
	       o.scale, (unsigned long long)o.seed, (long long)sz.partners, (long long)sz.supervisors,
	       (long long)sz.students, (long long)sz.projects, (long long)sz.sessions,
	       (long long)sz.outcomes, lib_path, raw_path);
	bench_table_header();

	int rc = 0;
	if (phase(&o, "load"))
		rc = phase_load(&o, lib_path, raw_path);
	if (!rc && phase(&o, "lookup"))
		rc = phase_lookups(&o, lib_path);
	if (!rc && phase(&o, "reports"))
		rc = phase_reports(&o, lib_path);
	if (!rc && phase(&o, "import"))
		rc = bench_phase_import(lib_path, lib_path, o.malloc_default, &failures);

	if (!rc)
		printf("\n%d goal(s) missed; %s\n", bench_goals_missed(),
		       failures ? "RESULTS DIFFER (see above)" : "every baseline computed the same results");
	if (!o.keep && !o.db) { /* a store named with --db stays */
		remove_store(lib_path);
		remove_store(raw_path);
		rmdir(dir);
	}
	return rc ? 1 : failures ? 3 : 0;
}
