/* What the test programs that make PostgreSQL schemas and databases share:
 * a name per run that no other run takes (two checkouts or two CI jobs
 * may share a server, and a pid repeats), and dropping what a run made at
 * its end, with bounded waits and the run's own stray connections ended
 * first. Linked into the test programs only when libpq is there. */
#ifndef CE_TESTS_PGTEST_H
#define CE_TESTS_PGTEST_H

#include <stddef.h>

/* This run's name: seconds since the epoch and 32 random bits, in hex
 * (at most 24 characters). */
void pgtest_run_name(char *buf, size_t size);

/* A test's own schema name, "<prefix><run>_<pid>_<n>": a checked fixture
 * runs in each test's forked child (CK_FORK), where a counter kept in the
 * parent starts from the same value every time, so the pid tells the
 * tests apart and the counter the tests of one process (CK_FORK=no); a
 * failed test's schema, which its teardown never dropped, is not opened
 * again by the next. */
void pgtest_schema_name(char *buf, size_t size, const char *prefix, const char *run);

/* @p base with "schema=@p schema" added as a URI parameter; 0, or -1 if
 * it does not fit. */
int pgtest_schema_uri(char *out, size_t size, const char *base, const char *schema);

/* Drops every schema whose name begins with @p prefix (a run's name in
 * it), in the database @p uri names. A schema still locked by a
 * connection of the run (a worker killed mid-call, its server process not
 * gone yet) is waited for a few seconds, then those connections are ended
 * and the drop tried again. 0, or -1 after printing why to stderr. */
int pgtest_drop_schemas(const char *uri, const char *prefix);

/* Drops schema @p name if it is there, as pgtest_drop_schemas() does. */
int pgtest_drop_schema(const char *uri, const char *name);

/* Creates database @p name (from template0); 0, or -1 after printing why. */
int pgtest_create_database(const char *uri, const char *name);

/* Drops database @p name, ending its connections first; the wait for
 * locks is bounded. 0, or -1 after printing why. */
int pgtest_drop_database(const char *uri, const char *name);

#endif
