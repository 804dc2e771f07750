/* Checks, fresh stores and the worker pool (see harness.h). */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS: the workers' shared page */
#include "harness.h"

#ifdef CE_HAVE_POSTGRESQL
#include "pg/pgtest.h"
#endif

#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *uri_prefix;

static int passed, failed;
static const char *section;
static int section_failures;
static double section_t0;

/* Failures printed per section; a broken rule fails many records alike. */
#define SHOWN_FAILURES 20

int check(int cond, const char *fmt, ...)
{
	if (cond)
		return cond;
	if (section_failures++ >= SHOWN_FAILURES)
		return cond;
	va_list ap;
	va_start(ap, fmt);
	printf("  FAIL [%s]: ", section ? section : "-");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
	return cond;
}

void section_begin(const char *name)
{
	section = name;
	section_failures = 0;
	section_t0 = now();
	printf("-- %s\n", name);
	fflush(stdout);
}

void section_end(void)
{
	if (section_failures > SHOWN_FAILURES)
		printf("  ... and %d more failures\n", section_failures - SHOWN_FAILURES);
	if (section_failures)
		failed++;
	else
		passed++;
	printf("%s %s (%.1f s)\n", section_failures ? "FAIL" : "ok", section, now() - section_t0);
	fflush(stdout);
	section = NULL;
}

int summary(void)
{
	printf("%d passed, %d failed\n", passed, failed);
	return failed || !passed ? 1 : 0;
}

double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *rc_name(int rc)
{
	static const char *const names[] = { "CE_OK", "CE_ERROR", "CE_ENOMEM", "CE_ENOTFOUND",
		"CE_EEXISTS", "CE_EINVALID", "CE_ECONSTRAINT", "CE_ETRANSITION", "CE_ECYCLE",
		"CE_ENOTSUPPORTED", "CE_EBACKEND", "CE_EBUSY", "CE_ESCHEMA", "CE_EMISUSE" };
	if (rc == CE_ITEROVER)
		return "CE_ITEROVER";
	return rc <= 0 && -rc < (int)(sizeof names / sizeof names[0]) ? names[-rc] : "unknown code";
}

/* ---- stores ----------------------------------------------------------------- */

static char dir[512]; /* the run's private directory (sqlite:), or "" */
static char run[32];  /* PostgreSQL: the run's schemas begin "cc<run>_" */

static int is_sqlite(void)
{
	return strcmp(uri_prefix, "sqlite:") == 0;
}

int stores_begin(void)
{
	if (!is_sqlite()) {
#ifdef CE_HAVE_POSTGRESQL
		pgtest_run_name(run, sizeof run);
		return 0;
#else
		fprintf(stderr, "built without libpq: the run's schemas could not be dropped\n");
		return -1;
#endif
	}
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/ce-concurrency-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		fprintf(stderr, "mkdtemp %s: %s\n", dir, strerror(errno));
		dir[0] = '\0';
		return -1;
	}
	return 0;
}

const char *fresh_store(const char *name)
{
	static char uri[1200];
	if (is_sqlite()) {
		snprintf(uri, sizeof uri, "sqlite:%s/%s.db", dir, name);
	} else {
		/* PostgreSQL: a schema per store, named after this run */
		snprintf(uri, sizeof uri, "%s%cschema=cc%s_%s", uri_prefix,
		         strchr(uri_prefix, '?') ? '&' : '?', run, name);
	}
	return uri;
}

ce_db *open_store(const char *uri)
{
	ce_open_options o = CE_OPEN_OPTIONS_INIT;
	o.busy_timeout_ms = BUSY_TIMEOUT_MS;
	ce_db *db;
	int rc = ce_db_open(&db, uri, &o);
	if (rc != CE_OK) {
		char shown[1200];
		ce_uri_redact(shown, sizeof shown, uri);
		printf("  open %s: %s: %s\n", shown, rc_name(rc), ce_last_errmsg());
		fflush(stdout);
		return NULL;
	}
	return db;
}

int stores_end(void)
{
	if (!is_sqlite()) {
#ifdef CE_HAVE_POSTGRESQL
		char prefix[40];
		snprintf(prefix, sizeof prefix, "cc%s_", run);
		return pgtest_drop_schemas(uri_prefix, prefix);
#else
		return -1;
#endif
	}
	if (!dir[0])
		return 0;
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
	int rc = rmdir(dir);
	if (rc != 0)
		fprintf(stderr, "rmdir %s: %s\n", dir, strerror(errno));
	dir[0] = '\0';
	return rc;
}

/* ---- worker pool ------------------------------------------------------------ */

/* Reads or writes exactly len bytes; 0 on success, -1 on EOF or error. */
static int read_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	while (len) {
		ssize_t k = read(fd, p, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k, len -= (size_t)k;
	}
	return 0;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len) {
		ssize_t k = write(fd, p, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k, len -= (size_t)k;
	}
	return 0;
}

/* A worker: opens its own handle, says whether that worked, then runs one
 * command per round behind the barrier until the parent closes its pipe. */
_Noreturn static void worker_main(const char *uri, shared *sh, int cmd_fd, int reply_fd, pid_t parent)
{
	alarm(WATCHDOG_SECONDS);
	reply r = { 0 };
	ce_db *db = open_store(uri);
	r.rc = db ? CE_OK : ce_last_errcode();
	if (write_all(reply_fd, &r, sizeof r) != 0 || !db)
		exit(3);
	cmd c;
	while (read_all(cmd_fd, &c, sizeof c) == 0) {
		memset(&r, 0, sizeof r);
		/* the generation is read before arriving: the parent opens the
		 * barrier only once every worker has arrived */
		int gen = atomic_load(&sh->go);
		atomic_fetch_add(&sh->arrived, 1);
		while (atomic_load(&sh->go) == gen) {
			if (getppid() != parent)
				exit(6); /* the parent died: the barrier will never open */
			sched_yield();
		}
		worker_run(db, sh, &c, &r);
		if (write_all(reply_fd, &r, sizeof r) != 0)
			exit(5);
	}
	ce_db_close(db);
	exit(0);
}

int pool_start(pool *p, int n, const char *uri)
{
	memset(p, 0, sizeof *p);
	p->sh = mmap(NULL, sizeof *p->sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p->sh == MAP_FAILED) {
		p->sh = NULL;
		p->broken = 1;
		return check(0, "mmap: %s", strerror(errno)), -1;
	}
	atomic_init(&p->sh->arrived, 0);
	atomic_init(&p->sh->go, 0);
	atomic_init(&p->sh->writer_done, 0);
	fflush(stdout);
	fflush(stderr);
	pid_t parent = getpid();
	for (int i = 0; i < n; i++) {
		int cmdp[2], replyp[2];
		if (pipe(cmdp) != 0) {
			p->broken = 1;
			return check(0, "pipe: %s", strerror(errno)), -1;
		}
		if (pipe(replyp) != 0) {
			close(cmdp[0]), close(cmdp[1]);
			p->broken = 1;
			return check(0, "pipe: %s", strerror(errno)), -1;
		}
		pid_t pid = fork();
		if (pid < 0) {
			close(cmdp[0]), close(cmdp[1]), close(replyp[0]), close(replyp[1]);
			p->broken = 1;
			return check(0, "fork: %s", strerror(errno)), -1;
		}
		if (pid == 0) {
			/* the earlier workers' pipe ends stay with the parent only, so
			 * that their EOFs arrive */
			for (int j = 0; j < i; j++)
				close(p->cmd_fd[j]), close(p->reply_fd[j]);
			close(cmdp[1]);
			close(replyp[0]);
			worker_main(uri, p->sh, cmdp[0], replyp[1], parent);
		}
		close(cmdp[0]);
		close(replyp[1]);
		p->pid[i] = pid;
		p->cmd_fd[i] = cmdp[1];
		p->reply_fd[i] = replyp[0];
		p->n++;
	}
	int ok = 1;
	for (int i = 0; i < n; i++) {
		reply r;
		if (read_all(p->reply_fd[i], &r, sizeof r) != 0 || r.rc != CE_OK)
			ok = check(0, "worker %d could not open its store", i);
	}
	if (!ok)
		p->broken = 1;
	return ok ? 0 : -1;
}

int pool_round(pool *p, const cmd *cmds, reply *out)
{
	if (p->broken)
		return -1;
	for (int i = 0; i < p->n; i++) {
		if (write_all(p->cmd_fd[i], &cmds[i], sizeof cmds[i]) != 0) {
			p->broken = 1;
			return check(0, "worker %d gone", i), -1;
		}
	}
	double until = now() + 60;
	while (atomic_load(&p->sh->arrived) < p->n) {
		if (now() > until) {
			p->broken = 1;
			return check(0, "the workers never all reached the barrier"), -1;
		}
		sched_yield();
	}
	atomic_store(&p->sh->arrived, 0);
	atomic_fetch_add(&p->sh->go, 1);
	for (int i = 0; i < p->n; i++) {
		if (read_all(p->reply_fd[i], &out[i], sizeof out[i]) != 0) {
			p->broken = 1;
			return check(0, "worker %d died during a round", i), -1;
		}
	}
	return 0;
}

int pool_stop(pool *p)
{
	int ok = 1;
	/* a broken pool may have workers waiting at the barrier forever */
	for (int i = 0; i < p->n; i++) {
		if (p->broken)
			kill(p->pid[i], SIGKILL);
		close(p->cmd_fd[i]);
	}
	for (int i = 0; i < p->n; i++) {
		int status;
		while (waitpid(p->pid[i], &status, 0) < 0 && errno == EINTR)
			;
		close(p->reply_fd[i]);
		if (!p->broken && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
			ok = check(0, "worker %d exited with %s %d", i,
			           WIFEXITED(status) ? "status" : "signal",
			           WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	}
	if (p->sh)
		munmap(p->sh, sizeof *p->sh);
	p->n = 0;
	return ok && !p->broken ? 0 : -1;
}

int overlapped(const reply *r, int n)
{
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (r[i].t0 < r[j].t1 && r[j].t0 < r[i].t1)
				return 1;
	return 0;
}
