/* conformance URI_PREFIX: runs every suite against one backend. Each test
 * gets a fresh store: "memory:" as is, "sqlite:" a new file in a private
 * temporary directory that teardown removes (with -wal, -shm, -journal),
 * "postgresql://..." a new PostgreSQL schema of its own, named after the
 * run (time and random bits: a cluster may be reused, and a pid repeat).
 * The run's schemas live in a database of its own, ce_conf_<run>, dropped
 * whole when it ends (one DROP SCHEMA per store took a minute); where the
 * role may not create a database, in the URI's, each schema dropped. */
#include <dirent.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#ifdef CE_HAVE_POSTGRESQL
#include <libpq-fe.h>
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
		snprintf(uri, sizeof uri, "%s", fresh_store_uri());
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

/* The run's name: seconds since the epoch and 32 random bits, in hex. */
static void name_run(void)
{
	struct timespec now;
	uint32_t r;
	if (clock_gettime(CLOCK_REALTIME, &now) != 0)
		now.tv_sec = now.tv_nsec = 0;
	if (getentropy(&r, sizeof r) != 0)
		r = (uint32_t)now.tv_nsec ^ (uint32_t)getpid() << 12;
	snprintf(run, sizeof run, "%llx%08lx", (unsigned long long)now.tv_sec, (unsigned long)r);
}

#ifdef CE_HAVE_POSTGRESQL
static char run_db[40];         /* the run's database, or "" */
static char run_uri[1024];      /* uri_prefix in it */

/* One statement on a new connection to uri: 0, or -1 with a message. */
static int pg_command(const char *uri, const char *sql)
{
	PGconn *pg = PQconnectdb(uri);
	PGresult *res = PQstatus(pg) == CONNECTION_OK ? PQexec(pg, sql) : NULL;
	int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : -1;
	if (rc != 0)
		fprintf(stderr, "conformance: %s: %s", sql, PQerrorMessage(pg));
	PQclear(res);
	PQfinish(pg);
	return rc;
}

/* Creates the run's database and points uri_prefix at it (its path
 * replaced); keeps uri_prefix where that cannot be done. */
static void create_run_db(void)
{
	const char *host = strstr(uri_prefix, "://"), *path, *query;
	char sql[96];
	if (!host)
		return;
	path = strchr(host + 3, '/');
	query = strchr(host + 3, '?');
	if (!path || (query && query < path))
		path = query ? query : host + strlen(host);
	query = strchr(path, '?');
	snprintf(run_db, sizeof run_db, "ce_conf_%s", run);
	snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\" TEMPLATE template0", run_db);
	int n = snprintf(run_uri, sizeof run_uri, "%.*s/%s%s", (int)(path - uri_prefix), uri_prefix,
	                 run_db, query ? query : "");
	if (n < 0 || (size_t)n >= sizeof run_uri || pg_command(uri_prefix, sql) != 0) {
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
	if (run_db[0]) {
		char sql[96];
		snprintf(sql, sizeof sql, "DROP DATABASE \"%s\" WITH (FORCE)", run_db);
		return pg_command(uri, sql);
	}
	char like[48];
	const char *params[1] = { like };
	PGconn *pg = PQconnectdb(uri);
	PGresult *res = NULL;
	int rc = -1;
	snprintf(like, sizeof like, "t%s\\_%%", run);
	if (PQstatus(pg) != CONNECTION_OK) {
		fprintf(stderr, "conformance: cannot drop the run's schemas: %s", PQerrorMessage(pg));
		PQfinish(pg);
		return -1;
	}
	res = PQexec(pg, "SET client_min_messages TO warning"); /* not a notice per table */
	if (PQresultStatus(res) == PGRES_COMMAND_OK) {
		PQclear(res);
		res = PQexecParams(pg, "SELECT nspname FROM pg_namespace WHERE nspname LIKE $1", 1, NULL,
		                   params, NULL, NULL, 0);
	}
	if (PQresultStatus(res) == PGRES_TUPLES_OK) {
		rc = 0;
		for (int i = 0; rc == 0 && i < PQntuples(res); i++) {
			const char *name = PQgetvalue(res, i, 0);
			char *id = PQescapeIdentifier(pg, name, strlen(name)), sql[200];
			PGresult *d = NULL;
			if (id) {
				snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", id);
				d = PQexec(pg, sql);
			}
			if (PQresultStatus(d) != PGRES_COMMAND_OK)
				rc = -1;
			PQclear(d);
			PQfreemem(id);
		}
	}
	if (rc != 0)
		fprintf(stderr, "conformance: cannot drop the run's schemas: %s", PQerrorMessage(pg));
	PQclear(res);
	PQfinish(pg);
	return rc;
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
	name_run();
#ifdef CE_HAVE_POSTGRESQL
	if (is_postgresql())
		create_run_db();
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
	if (is_postgresql() && drop_run_schemas(argv[1]) != 0)
		failed = 1;
	return failed ? 1 : 0;
}
