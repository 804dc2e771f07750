/* Allocation-failure sweep: every allocation of an operation fails in
 * turn, one per run (or, with --persistent, that one and every later one),
 * on the memory or the SQLite backend. A refused call must be CE_ENOMEM
 * with a message and leave the store as it was; a call that copes must
 * give the clean run's result; nothing may leak (the sanitizer build's
 * LeakSanitizer checks at exit) or crash.
 *
 * Allocations counted: the library's own malloc/calloc/realloc/strdup/
 * strndup (the program is linked with --wrap for them, so the static
 * library's calls come here; ASan's allocator stays underneath), SQLite's
 * (SQLITE_CONFIG_MALLOC), jansson's (json_set_alloc_funcs) and libcsv's
 * (the parser's realloc is the library's, hence wrapped).
 *
 * On PostgreSQL (a server URI: each store is a fresh schema there) only
 * the library's own allocations are counted and failed: libpq's are made
 * inside libpq.so, which --wrap does not reach (docs/reliability.md).
 *
 *   reliability_alloc memory|sqlite|POSTGRESQL_URI [--max-points N] [--ops a,b] [--persistent] */
#include <jansson.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rel.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);

static bool armed, persistent, fired;
static long seen, fail_at;

static bool fail_now(void)
{
	if (!armed)
		return false;
	seen++;
	if (fail_at > 0 && (seen == fail_at || (persistent && seen > fail_at))) {
		fired = true;
		return true;
	}
	return false;
}

void *__wrap_malloc(size_t size)
{
	return fail_now() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
	return fail_now() ? NULL : __real_realloc(p, size);
}

char *__wrap_strdup(const char *s)
{
	return fail_now() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return fail_now() ? NULL : __real_strndup(s, n);
}

static void *json_alloc(size_t size)
{
	return fail_now() ? NULL : __real_malloc(size);
}

static sqlite3_mem_methods sqlite_mem;

static void *sqlite_malloc(int n)
{
	return fail_now() ? NULL : sqlite_mem.xMalloc(n);
}

static void *sqlite_realloc(void *p, int n)
{
	return fail_now() ? NULL : sqlite_mem.xRealloc(p, n);
}

static void arm(long n)
{
	seen = 0;
	fail_at = n;
	fired = false;
	armed = true;
}

static void disarm(void)
{
	armed = false;
}

static bool was_fired(void)
{
	return fired;
}

static long points(void)
{
	return seen;
}

static bool enomem(int rc)
{
	return rc == CE_ENOMEM;
}

static void *raw_realloc(void *p, size_t size)
{
	return __real_realloc(p, size);
}

int main(int argc, char **argv)
{
	rel_sweep_opts o = { NULL, NULL, NULL, 0 };
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--max-points") == 0 && i + 1 < argc)
			o.max_points = atol(argv[++i]);
		else if (strcmp(argv[i], "--ops") == 0 && i + 1 < argc)
			o.ops = argv[++i];
		else if (strcmp(argv[i], "--persistent") == 0)
			persistent = true;
		else if (!o.backend && (strcmp(argv[i], "memory") == 0 || strcmp(argv[i], "sqlite") == 0 ||
		                        strncmp(argv[i], "postgres", 8) == 0))
			o.backend = argv[i];
		else {
			fprintf(stderr, "usage: %s memory|sqlite|POSTGRESQL_URI [--max-points N] [--ops a,b] "
			        "[--persistent]\n", argv[0]);
			return 2;
		}
	}
	if (!o.backend)
		o.backend = "memory";

	rel_raw_realloc = raw_realloc;
	sqlite3_mem_methods m;
	if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sqlite_mem) != SQLITE_OK) {
		fprintf(stderr, "cannot read SQLite's allocator\n");
		return 1;
	}
	m = sqlite_mem;
	m.xMalloc = sqlite_malloc;
	m.xRealloc = sqlite_realloc;
	if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK) {
		fprintf(stderr, "cannot hook SQLite's allocator\n");
		return 1;
	}
	json_set_alloc_funcs(json_alloc, free);

	char dir[64];
	if (rel_scratch_dir(dir, sizeof dir, "alloc") != 0)
		return 1;
	o.dir = dir;
	if (rel_init(dir) != 0)
		return 1;
	rel_fault f = { persistent ? "alloc+" : "alloc", arm, disarm, was_fired, points, enomem,
		            NULL, false };
	double t0 = rel_now();
	long n = rel_sweep(&o, &f);
	rel_remove_dir(dir);
	printf("%ld allocation failures injected on %s in %.1f s; %ld failed checks\n", n,
	       strncmp(o.backend, "postgres", 8) == 0 ? "postgresql" : o.backend,
	       rel_now() - t0, rel_failures);
	return rel_failures ? 1 : 0;
}
