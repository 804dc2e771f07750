/* The benchmark's shared declarations: the synthetic university generator
 * (gen.c) and the two sinks it feeds, the library's public API (sink_lib.c)
 * and raw SQLite prepared statements (sink_raw.c); the hand-written SQL of
 * every report (sql_reports.c); timing, memory and the result table
 * (util.c). bench.c drives the phases; with --pg, bench_pg.c drives them
 * on PostgreSQL (its COPY baseline and sql_reports_pg.c). */
#ifndef CE_BENCH_H
#define CE_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "coopedu.h"

/* ---- where the generated rows go ---------------------------------------- */

/* A sink stores what the generator emits. create() gets the entity's typed
 * spec (ce_partner_spec, ...) and returns the new id; transition() moves a
 * lifecycle column ("status" or "stage") from `from` to `to` on a date.
 * Both return 0 or a nonzero failure after printing why. */
typedef struct bench_sink {
	int (*create)(struct bench_sink *s, ce_entity e, const void *spec, int64_t *id);
	int (*transition)(struct bench_sink *s, ce_entity e, int64_t id, const char *column,
	                  int from, int to, ce_date on);
	void *ctx;
} bench_sink;

/* How much of each entity a run generates (scale 1.0: about a million rows
 * in all, histories included). */
typedef struct bench_sizes {
	int64_t partners, agreements, platforms, supervisors, students, teams, projects, sessions,
	    outcomes;
} bench_sizes;

void bench_sizes_for(bench_sizes *out, double scale);

/* Generates the whole university into the sink, deterministic from the
 * seed. rows_out: records created plus history rows written (one per
 * create of a lifecycle entity and per transition). 0 or a failure. */
int bench_generate(bench_sink *sink, const bench_sizes *sizes, uint64_t seed, int64_t *rows_out);

/* A sink that only counts (to time the generator alone). */
void bench_null_sink(bench_sink *s);

/* The library sink: ce_<noun>_create() and ce_<noun>_set_<column>(). */
void bench_lib_sink(bench_sink *s, ce_db *db);

/* The raw sink: one prepared INSERT per table of the library's schema, an
 * UPDATE per lifecycle column, the same history rows. */
typedef struct raw_sink raw_sink;
int raw_sink_open(raw_sink **out, bench_sink *s, sqlite3 *db);
void raw_sink_close(raw_sink *r);

/* ---- the hand-written SQL of the reports ------------------------------------ */

typedef struct sql_report {
	const char *name;   /* the library's report name */
	const char *sql;    /* the query; :project is bound when it appears */
} sql_report;

/* The report's hand-written SQL, or NULL. */
const sql_report *bench_sql_report(const char *name);

/* The filter the benchmark runs a report with (the same for both). */
void bench_report_filter(ce_report_filter *f, const char *name, int64_t project);

/* ---- shared by bench.c and the PostgreSQL path (bench_pg.c) -------------------- */

/* What a load run in a child process reports back. */
typedef struct bench_load_result {
	double secs;
	int64_t rows;
	int rc;
} bench_load_result;

/* Runs fn(ctx, r) in a child process (its own heap and peak RSS, glibc's
 * trimming raised unless malloc_default); *maxrss_kib is the child's peak.
 * 0, or nonzero when fn failed or the child died. */
int bench_run_child(int (*fn)(void *ctx, bench_load_result *r), void *ctx, bool malloc_default,
                    bench_load_result *r, long *maxrss_kib);

/* The lookup figures: a lookup through the library by id or by unique key. */
typedef struct bench_lookup_fig {
	const char *figure;
	const char *table, *key; /* key: NULL for by id */
	int (*by_id)(ce_db *db, int64_t id);
	int (*by_key)(ce_db *db, const char *key);
} bench_lookup_fig;

#define BENCH_NLOOKUP_FIGS 4
extern const bench_lookup_fig bench_lookup_figs[BENCH_NLOOKUP_FIGS];

uint64_t bench_lcg(uint64_t *s); /* the random ids of the lookups */

/* A cell of the library's table as text ("NULL", dates 'YYYY-MM-DD',
 * reals %.17g), for comparing it with a baseline's. */
void bench_lib_cell(char *buf, size_t size, const ce_table *t, size_t row, int col);
/* Equal as text, or as numbers within rounding when real. */
bool bench_same_cell(const char *a, const char *b, bool real);

/* The import phase (import.c): the store at lib_path exported and imported
 * again through files named after work; wrong results count in *failures.
 * 0, or 1 when it could not run. */
int bench_phase_import(const char *lib_path, const char *work, bool malloc_default, int *failures);

/* ---- PostgreSQL (--pg URI; bench_pg.c, sql_reports_pg.c) ----------------------- */

typedef struct bench_pg_options {
	const char *uri; /* a libpq URI, without schema= */
	double scale;
	uint64_t seed;
	const char *only;
	int repeat;
	long lookups;
	bool keep, malloc_default;
	const char *report;
	double min_time;
} bench_pg_options;

/* The whole benchmark on a PostgreSQL server: 0, or 1 when a phase could
 * not run; *wrong counts results that differ from their baseline. */
int bench_pg_run(const bench_pg_options *o, int *wrong);

/* The report's hand-written PostgreSQL, or NULL; $1 is the project when
 * the text uses it. */
const sql_report *bench_pg_sql_report(const char *name);

/* ---- measuring ------------------------------------------------------------- */

double bench_now(void);             /* seconds, monotonic */
/* Whether a report's timing goes on after `runs` alternated runs of each
 * side: until --repeat runs, and past them until each side has run
 * min_time seconds in all (--min-time, 0.25 by default; at most 10,000
 * runs), so that a report of a fraction of a millisecond is timed over a
 * window longer than the machine's bursts of other work, as one of a
 * second is over --repeat. */
bool bench_time_more(int runs, int repeat, double min_time, double spent_lib,
                     double spent_baseline);
/* Resets the process's peak RSS to its current RSS (Linux clear_refs);
 * false where that is not possible. */
bool bench_peak_reset(void);
long bench_peak_kib(void);          /* peak RSS in KiB since the last reset (VmHWM) */
long bench_rss_kib(void);           /* current RSS in KiB (VmRSS), -1 if unknown */
long bench_maxrss_kib(void);        /* getrusage(RUSAGE_SELF).ru_maxrss */

/* The result table: figure, libcoopedu, baseline, ratio, goal, met?. */
typedef enum bench_goal {
	GOAL_NONE,        /* informative */
	GOAL_AT_LEAST,    /* ratio >= limit (speeds) */
	GOAL_AT_MOST      /* ratio <= limit (times) */
} bench_goal;

void bench_table_header(void);
/* One line; lib and base are in `unit`; ratio = lib / base. */
void bench_table_row(const char *figure, const char *unit, double lib, double base,
                     bench_goal goal, double limit);
void bench_table_note(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* How many goals were missed so far. */
int bench_goals_missed(void);

#endif
