/* concurrency URI_PREFIX: several processes, each with its own handle, on
 * one store of the backend under test ("sqlite:" a file in a private
 * temporary directory; "postgresql://..." a fresh schema per test): many
 * writers, a writer with readers running reports, and the races the core's
 * rules must survive (the same natural key, a delete against a new
 * reference, one lifecycle moved twice, shares that together pass 100 %).
 * Prints a line per test and ends with "N passed, M failed"; exits 0 only
 * when all passed. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

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
	/* the watchdog: a hung round fails the run instead of hanging it */
	alarm(WATCHDOG_SECONDS + 30);
	setvbuf(stdout, NULL, _IOLBF, 0);

	test_many_writers();
	test_writer_readers();
	test_race_same_key();
	test_race_delete_vs_placement();
	test_race_lifecycle();
	test_race_shares();

	cleanup_stores();
	return summary();
}
