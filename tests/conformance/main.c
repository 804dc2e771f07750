/* conformance URI_PREFIX: runs every suite against one backend. Each test
 * gets a fresh store: "memory:" as is, "sqlite:" a new file in a private
 * temporary directory that teardown removes (with -wal, -shm, -journal),
 * "postgresql://..." one store of the run reused and emptied before each
 * test (pg_reuse.c: creating a schema per test took half the suite's time),
 * or a new schema where it cannot be; other stores a test makes are new
 * schemas. Every name begins with the run's (time and random bits: a
 * cluster may be reused, and a pid repeat). The run's schemas live in a
 * database of its own, ce_conf_<run>, dropped whole when it ends (one DROP
 * SCHEMA per store took a minute); where the role may not create a
 * database, in the URI's, each schema dropped. */
#include <dirent.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#ifdef CE_HAVE_POSTGRESQL
#include "pg/pgtest.h"
#include "pg_reuse.h"
#endif

#include "conformance.h"

ce_db *db;
const char *uri_prefix;

static char run[24];    /* this run's PostgreSQL schemas begin "t<run>_" */
static char dir[512];   /* this test's temporary directory, or "" */
static char uri[1024];  /* this test's store */

int is_memory(void)
{
	return strncmp(uri_prefix, "memory:", 7) == 0;
}

int is_postgresql(void)
{
	return strncmp(uri_prefix, "postgresql:", 11) == 0 || strncmp(uri_prefix, "postgres:", 9) == 0;
}

const char *fresh_store_uri(void)
{
	static char fresh[1100];
	static unsigned int n;
	n++;
	if (strcmp(uri_prefix, "sqlite:") == 0) {
		char name[32];
		snprintf(name, sizeof name, "fresh%u.db", n);
		snprintf(fresh, sizeof fresh, "sqlite:%s", temp_path(name));
	} else if (is_postgresql()) {
		/* the pid: each test runs in a child of its own, which counts from 1 */
		snprintf(fresh, sizeof fresh, "%s%cschema=t%s_%ld_%u", uri_prefix,
		         strchr(uri_prefix, '?') ? '&' : '?', run, (long)getpid(), n);
	} else {
		snprintf(fresh, sizeof fresh, "%s", uri_prefix);
	}
	return fresh;
}

int persistent(void)
{
	return !is_memory();
}

const char *store_uri(void)
{
	return uri;
}

static void setup(void)
{
	dir[0] = '\0';
	if (strcmp(uri_prefix, "sqlite:") == 0) {
		const char *tmp = getenv("TMPDIR");
		snprintf(dir, sizeof dir, "%s/ce-conformance-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp %s failed", dir);
		snprintf(uri, sizeof uri, "sqlite:%s/store.db", dir);
	} else if (is_postgresql()) {
		const char *reused = NULL;
#ifdef CE_HAVE_POSTGRESQL
		reused = pg_reuse_store();
#endif
		snprintf(uri, sizeof uri, "%s", reused ? reused : fresh_store_uri());
	} else {
		snprintf(uri, sizeof uri, "%s", uri_prefix);
	}
	ck_ok(ce_db_open(&db, uri, NULL));
}

static void teardown(void)
{
	ce_db_close(db);
	db = NULL;
	if (!dir[0])
		return;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		char path[1024];
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

ce_db *reopen(void)
{
	ce_db_close(db);
	db = NULL;
	ck_ok(ce_db_open(&db, uri, NULL));
	return db;
}

/* A path inside this test's temporary directory (sqlite: only). */
const char *temp_path(const char *name)
{
	static char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir[0] ? dir : "/tmp", name);
	return path;
}

TCase *store_tcase(const char *name)
{
	TCase *tc = tcase_create(name);
	tcase_add_checked_fixture(tc, setup, teardown);
	return tc;
}

#ifdef CE_HAVE_POSTGRESQL
static char run_db[40];         /* the run's database, or "" */
static char run_uri[1024];      /* uri_prefix in it */

/* Creates the run's database and points uri_prefix at it (its path
 * replaced); keeps uri_prefix where that cannot be done. */
static void create_run_db(void)
{
	const char *host = strstr(uri_prefix, "://"), *path, *query;
	if (!host)
		return;
	path = strchr(host + 3, '/');
	query = strchr(host + 3, '?');
	if (!path || (query && query < path))
		path = query ? query : host + strlen(host);
	query = strchr(path, '?');
	snprintf(run_db, sizeof run_db, "ce_conf_%s", run);
	int n = snprintf(run_uri, sizeof run_uri, "%.*s/%s%s", (int)(path - uri_prefix), uri_prefix,
	                 run_db, query ? query : "");
	if (n < 0 || (size_t)n >= sizeof run_uri || pgtest_create_database(uri_prefix, run_db) != 0) {
		fprintf(stderr, "conformance: the run's schemas go in the URI's database\n");
		run_db[0] = '\0';
		return;
	}
	uri_prefix = run_uri;
}
#endif

/* Drops every schema of the run, those of failed tests included (a failed
 * test's child exits before its teardown): its database, or each schema.
 * 0, or -1 with a message. */
static int drop_run_schemas(const char *uri)
{
#ifdef CE_HAVE_POSTGRESQL
	pg_reuse_end();
	if (run_db[0])
		return pgtest_drop_database(uri, run_db);
	char prefix[40];
	snprintf(prefix, sizeof prefix, "t%s_", run);
	return pgtest_drop_schemas(uri, prefix);
#else
	(void)uri;
	return 0;
#endif
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s URI_PREFIX   (memory:, sqlite:, ...)\n", argv[0]);
		return 2;
	}
	uri_prefix = argv[1];
#ifdef CE_HAVE_POSTGRESQL
	if (is_postgresql()) {
		pgtest_run_name(run, sizeof run);
		create_run_db();
		pg_reuse_init(run);
	}
#endif

	SRunner *sr = srunner_create(suite_db());
	srunner_add_suite(sr, suite_records());
	srunner_add_suite(sr, suite_rules());
	srunner_add_suite(sr, suite_txn());
	srunner_add_suite(sr, suite_import());
	srunner_add_suite(sr, suite_partner());
	srunner_add_suite(sr, suite_identity());
	srunner_add_suite(sr, suite_findings());
	srunner_add_suite(sr, suite_agreement());
	srunner_add_suite(sr, suite_platform());
	srunner_add_suite(sr, suite_project());
	srunner_add_suite(sr, suite_subtopic());
	srunner_add_suite(sr, suite_people());
	srunner_add_suite(sr, suite_guidance());
	srunner_add_suite(sr, suite_placement());
	srunner_add_suite(sr, suite_outcome());
	srunner_add_suite(sr, suite_destination());
	srunner_add_suite(sr, suite_risk());
	srunner_add_suite(sr, suite_survey());
	srunner_add_suite(sr, suite_training());
	srunner_add_suite(sr, suite_platform_assets());
	srunner_add_suite(sr, suite_sharing());
	srunner_add_suite(sr, suite_links());
	srunner_add_suite(sr, suite_delete());
	srunner_add_suite(sr, suite_fault());
	srunner_add_suite(sr, suite_reports_outcomes());
	srunner_add_suite(sr, suite_reports_case_study());
	srunner_add_suite(sr, suite_reports_supervision());
	srunner_add_suite(sr, suite_reports_platforms());
	srunner_add_suite(sr, suite_reports_destinations());
	srunner_add_suite(sr, suite_reports_depth());
	srunner_add_suite(sr, suite_reports_projects());
	srunner_add_suite(sr, suite_report_filters());
	srunner_add_suite(sr, suite_report_parity());
	srunner_add_suite(sr, suite_report_faults());
	srunner_add_suite(sr, suite_reports_surveys());
	srunner_add_suite(sr, suite_report_cursor());
	srunner_add_suite(sr, suite_roles());
	srunner_add_suite(sr, suite_audit());
	srunner_add_suite(sr, suite_person());

	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (is_postgresql()) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (drop_run_schemas(argv[1]) != 0)
			failed = 1;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		fprintf(stderr, "conformance: the run's stores %s in %.1f s\n",
		        failed ? "dropped (or not)" : "dropped",
		        (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
	return failed ? 1 : 0;
}
