/* concurrency URI_PREFIX: several processes, each with its own handle, on
 * one store of the backend under test ("sqlite:" a file in a private
 * temporary directory; "postgresql://..." a fresh schema per test): many
 * writers, a writer with readers running reports, and the races the core's
 * rules must survive (the same natural key, a delete against a new
 * reference, one lifecycle moved twice, shares that together pass 100 %).
 * Prints a line per test and ends with "N passed, M failed"; exits 0 only
 * when all passed and the run's stores are gone.
 *
 * The tests run in a child process of their own (a process group with its
 * workers), which this one waits for: when it crashes, hangs past the
 * watchdog or this one is interrupted, the group is killed and the stores
 * are still removed. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

static int run_tests(void)
{
	test_many_writers();
	test_writer_readers();
	test_race_same_key();
	test_race_delete_vs_placement();
	test_race_lifecycle();
	test_race_shares();
	return summary();
}

/* Waits for the tests' child; kills its group on the watchdog or a
 * signal. Its exit status, or 1. */
static int supervise(pid_t child)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	double until = now() + WATCHDOG_SECONDS + 30;
	int status;
	for (;;) {
		pid_t got = waitpid(child, &status, WNOHANG);
		if (got == child)
			break;
		if (got < 0 && errno != EINTR) {
			perror("waitpid");
			return 1;
		}
		if (interrupted || now() > until) {
			printf("FAIL: %s: the tests were killed\n",
			       interrupted ? strsignal(interrupted) : "watchdog");
			kill(-child, SIGKILL);
			kill(child, SIGKILL);
			while (waitpid(child, &status, 0) < 0 && errno == EINTR)
				;
			return 1;
		}
		nanosleep(&(struct timespec){ 0, 50 * 1000 * 1000 }, NULL);
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	printf("FAIL: the tests died of %s\n", strsignal(WTERMSIG(status)));
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s URI_PREFIX   (sqlite:, postgresql://...)\n", argv[0]);
		return 2;
	}
	uri_prefix = argv[1];
	if (strcmp(uri_prefix, "sqlite:") != 0 && strncmp(uri_prefix, "postgresql:", 11) != 0 &&
	    strncmp(uri_prefix, "postgres:", 9) != 0) {
		fprintf(stderr, "%s: a store shared by processes: sqlite: or postgresql://...\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (stores_begin() != 0)
		return 1;
	fflush(stdout);
	fflush(stderr);
	pid_t child = fork();
	if (child < 0) {
		perror("fork");
		stores_end();
		return 1;
	}
	if (child == 0) {
		setpgid(0, 0);
		int failed = run_tests();
		fflush(stdout);
		_exit(failed);
	}
	setpgid(child, child); /* whichever of the two runs first */
	int rc = supervise(child);
	if (stores_end() != 0) {
		printf("FAIL: the run's stores could not be removed\n");
		rc = 1;
	}
	return rc;
}
