/* Crash atomicity under the SQLite backend: a child process runs a write
 * (a JSON or CSV import, a batch of writes in one transaction, a cascading
 * delete, a create) and is killed with SIGKILL, the parent then opens the
 * store: PRAGMA integrity_check must say "ok" and the store must hold
 * nothing of the write or all of it.
 *
 * Deterministic crash points: the shim VFS (vfs.c) kills the child just
 * before its nth write or sync, for every n up to the last one (the sync
 * of the commit record); then a series of kills after random delays.
 *
 *   reliability_crash [--max-points N] [--timed N] [--ops a,b] */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rel.h"
#include "vfs.h"

static char dir[64], case_db[128], empty_db[128], work[128], uri[160];

/* A fresh starting store for op at work. */
static int prepare(const rel_op *op)
{
	rel_remove_store(work);
	return rel_copy_file(op->start == REL_EMPTY ? empty_db : case_db, work);
}

static int fingerprint(rel_buf *fp)
{
	ce_db *db;
	int rc = ce_db_open(&db, uri, NULL);
	if (rc != CE_OK)
		return rc;
	rc = rel_fingerprint(db, fp);
	ce_db_close(db);
	return rc;
}

/* Runs op on the store in this process; CE_* code. */
static int run(const rel_op *op)
{
	ce_db *db, *opened = NULL;
	rel_buf out = { 0 };
	int rc = ce_db_open(&db, uri, NULL);
	if (rc == CE_OK) {
		rc = op->run(op, db, uri, &opened, &out);
		ce_db_close(db);
	}
	rel_buf_free(&out);
	return rc;
}

typedef struct outcome {
	long none, all;
} outcome;

/* Forks a child that runs op, killed at its nth durable call (kill_at > 0)
 * or by the parent after delay_us. Returns false once the child finished
 * without being killed (past the last point). */
static bool crash_once(const rel_op *op, long kill_at, long delay_us, const rel_buf *fp0,
                       const rel_buf *fp1, outcome *oc)
{
	if (prepare(op) != 0) {
		rel_fail(op->name, kill_at, "cannot copy the starting store");
		return false;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		rel_fail(op->name, kill_at, "fork failed");
		return false;
	}
	if (pid == 0) {
		if (kill_at > 0)
			rel_vfs_arm(REL_IO_DURABLE, kill_at, true);
		int rc = run(op);
		_exit(rc == CE_OK ? 0 : 1);
	}
	if (delay_us > 0) {
		struct timespec ts = { delay_us / 1000000, (delay_us % 1000000) * 1000 };
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
	}
	int status;
	if (waitpid(pid, &status, 0) != pid) {
		rel_fail(op->name, kill_at, "waitpid failed");
		return false;
	}
	bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
	if (!killed && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		rel_fail(op->name, kill_at, "the child failed without a crash (status %d)", status);
	const char *why = rel_integrity(work);
	if (why)
		rel_fail(op->name, kill_at, "%s", why);
	rel_buf fp = { 0 };
	int rc = fingerprint(&fp);
	if (rc != CE_OK)
		rel_fail(op->name, kill_at, "the store does not read back: %s", ce_last_errmsg());
	else if (rel_buf_eq(&fp, fp0))
		oc->none += killed;
	else if (rel_buf_eq(&fp, fp1))
		oc->all += killed;
	else
		rel_fail(op->name, kill_at, "%s: the store holds part of the write",
		         killed ? "killed" : "finished");
	if (!killed && rel_buf_eq(&fp, fp0))
		rel_fail(op->name, kill_at, "finished, but nothing was written");
	rel_buf_free(&fp);
	return killed;
}

int main(int argc, char **argv)
{
	long max_points = 0, timed = 20;
	const char *ops = "import_json,import_csv,batch,delete_project,create";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--max-points") == 0 && i + 1 < argc)
			max_points = atol(argv[++i]);
		else if (strcmp(argv[i], "--timed") == 0 && i + 1 < argc)
			timed = atol(argv[++i]);
		else if (strcmp(argv[i], "--ops") == 0 && i + 1 < argc)
			ops = argv[++i];
		else {
			fprintf(stderr, "usage: %s [--max-points N] [--timed N] [--ops a,b]\n", argv[0]);
			return 2;
		}
	}
	if (rel_vfs_register() != 0 || rel_scratch_dir(dir, sizeof dir, "crash") != 0)
		return 1;
	if (rel_init(dir) != 0)
		return 1;
	snprintf(case_db, sizeof case_db, "%s/case.db", dir);
	snprintf(empty_db, sizeof empty_db, "%s/empty.db", dir);
	snprintf(work, sizeof work, "%s/work.db", dir);
	ce_db *db;
	char u[200];
	snprintf(u, sizeof u, "sqlite:%s", empty_db);
	if (ce_db_open(&db, u, NULL) != CE_OK)
		return 1;
	ce_db_close(db);
	snprintf(u, sizeof u, "sqlite:%s", case_db);
	if (ce_db_open(&db, u, NULL) != CE_OK || rel_build_case(db) != CE_OK)
		return 1;
	ce_db_close(db);
	snprintf(uri, sizeof uri, "sqlite:%s", work);

	long total = 0, total_timed = 0;
	unsigned seed = 14;
	double t0 = rel_now();
	for (size_t i = 0; i < rel_nops; i++) {
		const rel_op *op = &rel_ops[i];
		if (!rel_selected(op, ops) || !op->writes || op->start == REL_NONE || op->start == REL_NEW)
			continue;
		rel_buf fp0 = { 0 }, fp1 = { 0 };
		outcome oc = { 0, 0 }, ot = { 0, 0 };
		/* before, and after a clean run (timed, for the random kills) */
		if (prepare(op) != 0 || fingerprint(&fp0) != CE_OK || prepare(op) != 0) {
			rel_fail(op->name, 0, "cannot prepare");
			continue;
		}
		double t1 = rel_now();
		rel_vfs_arm(REL_IO_DURABLE, 0, false);
		int rc = run(op);
		long points = rel_vfs_points();
		rel_vfs_disarm();
		double took = rel_now() - t1;
		if (rc != CE_OK || fingerprint(&fp1) != CE_OK) {
			rel_fail(op->name, 0, "a clean run fails: %s", ce_last_errmsg());
			continue;
		}
		long stride = max_points > 0 && points > max_points ? (points + max_points - 1) / max_points : 1;
		long n, killed = 0;
		for (n = 1; crash_once(op, n, 0, &fp0, &fp1, &oc); n += stride)
			killed++;
		/* the last point is the commit's: always crash there too */
		if (stride > 1 && (points - 1) % stride != 0 && crash_once(op, points, 0, &fp0, &fp1, &oc))
			killed++;
		/* random moments within the write's duration (a child that finishes
		 * first counts as neither) */
		for (long k = 0; k < timed; k++) {
			long us = 1 + (long)(rand_r(&seed) % (unsigned)(took * 1.5e6 + 1));
			crash_once(op, 0, us, &fp0, &fp1, &ot);
		}
		printf("crash    sqlite  %-16s %5ld kills at writes/syncs (of %ld): %ld nothing, %ld all; "
		       "%ld timed kills: %ld nothing, %ld all, %ld finished first\n",
		       op->name, killed, points, oc.none, oc.all, timed, ot.none, ot.all,
		       timed - ot.none - ot.all);
		fflush(stdout);
		total += killed;
		total_timed += timed;
		rel_buf_free(&fp0);
		rel_buf_free(&fp1);
	}
	rel_remove_dir(dir);
	printf("%ld crash points and %ld timed kills in %.1f s; %ld failed checks\n", total, total_timed,
	       rel_now() - t0, rel_failures);
	return rel_failures ? 1 : 0;
}
