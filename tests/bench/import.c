/* The import phase: the loaded store exported (JSON, then CSV), imported
 * into an empty store and exported again, each step in its own process for
 * its peak RSS. Figures: import speed against the export of the same
 * records and against yajl parsing the same file and doing nothing else
 * (the floor any JSON import stands on); the import's peak RSS against the
 * export's and the file's size (goal: at most 64 MiB whatever the size,
 * issue 15). The re-export must equal the first byte for byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yajl/yajl_parse.h>

#include "bench.h"
#include "coopedu/io.h"

typedef enum job_kind { EXPORT_JSON, EXPORT_CSV, IMPORT_JSON, IMPORT_CSV, PARSE_JSON } job_kind;

typedef struct job {
	job_kind kind;
	const char *store, *path;
} job;

static int count_progress(void *ctx, uint64_t done, uint64_t total)
{
	(void)total;
	*(uint64_t *)ctx = done;
	return 0;
}

/* yajl with nothing to do but count the records (maps at depth 2). */
typedef struct counter {
	int depth;
	int64_t records;
} counter;

static int c_start_map(void *ctx)
{
	counter *c = ctx;
	c->records += c->depth == 2;
	c->depth++;
	return 1;
}

static int c_end(void *ctx)
{
	((counter *)ctx)->depth--;
	return 1;
}

static int c_start_array(void *ctx)
{
	((counter *)ctx)->depth++;
	return 1;
}

static const yajl_callbacks counting = { NULL, NULL, NULL, NULL, NULL, NULL,
	                                     c_start_map, NULL, c_end, c_start_array, c_end };

static int parse_only(const char *path, int64_t *records)
{
	counter c = { 0, 0 };
	static unsigned char buf[65536];
	FILE *f = fopen(path, "rb");
	yajl_handle h = yajl_alloc(&counting, NULL, &c);
	size_t n;
	int rc = !f || !h;
	while (!rc && (n = fread(buf, 1, sizeof buf, f)) > 0)
		rc = yajl_parse(h, buf, n) != yajl_status_ok;
	if (!rc)
		rc = yajl_complete_parse(h) != yajl_status_ok;
	if (h)
		yajl_free(h);
	if (f)
		fclose(f);
	*records = c.records;
	return rc;
}

static int run_job(void *ctx, bench_load_result *r)
{
	const job *j = ctx;
	ce_db *db = NULL;
	uint64_t done = 0;
	ce_io_counts counts = { 0, 0, 0 };
	ce_io_options o = CE_IO_OPTIONS_INIT;
	int rc;
	o.progress = count_progress;
	o.progress_ctx = &done;
	o.counts = &counts;
	double t0 = bench_now();
	if (j->kind == PARSE_JSON) {
		rc = parse_only(j->path, &r->rows);
		r->secs = bench_now() - t0;
		return rc;
	}
	char uri[1100];
	snprintf(uri, sizeof uri, "sqlite:%s", j->store);
	if ((rc = ce_db_open(&db, uri, NULL)) != CE_OK) {
		fprintf(stderr, "coopedu-bench: %s: %s\n", j->store, ce_last_errmsg());
		return 1;
	}
	t0 = bench_now();
	switch (j->kind) {
	case EXPORT_JSON: rc = ce_export_json_path(db, j->path, &o); break;
	case EXPORT_CSV: rc = ce_export_csv_dir(db, j->path, &o); break;
	case IMPORT_JSON: rc = ce_import_json_path(db, j->path, &o); break;
	default: rc = ce_import_csv_dir(db, j->path, &o); break;
	}
	r->secs = bench_now() - t0;
	r->rows = (int64_t)(j->kind == IMPORT_JSON || j->kind == IMPORT_CSV ? counts.created : done);
	if (rc != CE_OK)
		fprintf(stderr, "coopedu-bench: %s: %s\n", j->path, ce_db_errmsg(db));
	ce_db_close(db);
	return rc != CE_OK;
}

static int run(job_kind kind, const char *store, const char *path, bool malloc_default,
               bench_load_result *r, long *rss)
{
	job j = { kind, store, path };
	if (bench_run_child(run_job, &j, malloc_default, r, rss)) {
		fprintf(stderr, "coopedu-bench: the import phase failed (%d)\n", (int)kind);
		return 1;
	}
	return 0;
}

static bool same_file(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	bool same = fa && fb;
	static char x[65536], y[65536];
	while (same) {
		size_t n = fread(x, 1, sizeof x, fa), m = fread(y, 1, sizeof y, fb);
		same = n == m && memcmp(x, y, n) == 0;
		if (n == 0)
			break;
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

static double mib(long kib)
{
	return (double)kib / 1024.0;
}

static void remove_tree(const char *dir)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "coopedu-bench: could not remove %s\n", dir);
}

int bench_phase_import(const char *lib_path, const char *work, bool malloc_default, int *failures)
{
	char json[1024], json2[1024], store[1024], store2[1024], csv[1024], json3[1024];
	bench_load_result ex, im, parse, re, exc, imc;
	long rss_ex, rss_im, rss_parse, rss_re, rss_exc, rss_imc;
	struct stat st;
	snprintf(json, sizeof json, "%s.export.json", work);
	snprintf(json2, sizeof json2, "%s.again.json", work);
	snprintf(json3, sizeof json3, "%s.fromcsv.json", work);
	snprintf(store, sizeof store, "%s.imported.db", work);
	snprintf(store2, sizeof store2, "%s.fromcsv.db", work);
	snprintf(csv, sizeof csv, "%s.csv", work);
	remove(store);
	remove(store2);
	remove_tree(csv);
	if (run(EXPORT_JSON, lib_path, json, malloc_default, &ex, &rss_ex) ||
	    run(PARSE_JSON, NULL, json, malloc_default, &parse, &rss_parse) ||
	    run(IMPORT_JSON, store, json, malloc_default, &im, &rss_im) ||
	    run(EXPORT_JSON, store, json2, malloc_default, &re, &rss_re))
		return 1;
	if (stat(json, &st) != 0)
		return 1;
	if (!same_file(json, json2)) {
		++*failures;
		bench_table_note("!! the JSON import exported again differs from the export");
	}
	if (im.rows != ex.rows || parse.rows != ex.rows) {
		++*failures;
		bench_table_note("!! %lld records exported, %lld parsed, %lld imported", (long long)ex.rows,
		                 (long long)parse.rows, (long long)im.rows);
	}
	char figure[96];
	snprintf(figure, sizeof figure, "import JSON %lld records vs export (rec/s)", (long long)im.rows);
	bench_table_row(figure, "/s", (double)im.rows / im.secs, (double)ex.rows / ex.secs, GOAL_NONE, 0);
	bench_table_row("import JSON vs yajl parse alone (rec/s)", "/s", (double)im.rows / im.secs,
	                (double)parse.rows / parse.secs, GOAL_NONE, 0);
	bench_table_row("peak RSS: JSON import vs export (MiB)", "MiB", mib(rss_im), mib(rss_ex), GOAL_NONE, 0);
	/* issue 15's bound, whatever the input's size: a goal, not a result */
	bench_table_row("peak RSS: JSON import vs the 64 MiB bound", "MiB", mib(rss_im), 64, GOAL_AT_MOST, 1.0);
	bench_table_note("    (the file: %.1f MiB; yajl parsing it alone: %.1f MiB; exported again byte "
	                 "for byte: %s)",
	                 (double)st.st_size / 1048576.0, mib(rss_parse), same_file(json, json2) ? "yes" : "NO");

	if (run(EXPORT_CSV, lib_path, csv, malloc_default, &exc, &rss_exc) ||
	    run(IMPORT_CSV, store2, csv, malloc_default, &imc, &rss_imc) ||
	    run(EXPORT_JSON, store2, json3, malloc_default, &re, &rss_re))
		return 1;
	bool same = same_file(json, json3);
	if (!same) {
		++*failures;
		bench_table_note("!! the CSV import exported again differs from the JSON export");
	}
	snprintf(figure, sizeof figure, "import CSV %lld records vs export (rec/s)", (long long)imc.rows);
	bench_table_row(figure, "/s", (double)imc.rows / imc.secs, (double)exc.rows / exc.secs, GOAL_NONE, 0);
	bench_table_row("peak RSS: CSV import vs export (MiB)", "MiB", mib(rss_imc), mib(rss_exc), GOAL_NONE, 0);
	bench_table_row("peak RSS: CSV import vs the 64 MiB bound", "MiB", mib(rss_imc), 64, GOAL_AT_MOST, 1.0);
	bench_table_note("    (imported from CSV, exported as JSON: the same bytes as the JSON export: %s)",
	                 same ? "yes" : "NO");
	remove(json);
	remove(json2);
	remove(json3);
	remove(store);
	remove(store2);
	remove_tree(csv);
	return 0;
}
