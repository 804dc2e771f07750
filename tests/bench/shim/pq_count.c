/* Counts what libcoopedu asks of libpq, for docs/benchmark.md "On
 * PostgreSQL": round trips (each call that waits for the server:
 * PQexec, PQexecParams, PQexecPrepared, PQprepare, PQpipelineSync) and
 * statements (those and every PQsend* that queues one). Only calls made
 * from libcoopedu count, so a benchmark's baselines in the same process
 * do not. Each process that made any appends one line to $PQ_COUNT_FILE
 * (default stderr) at exit or _exit(). Built as a module, never linked
 * into a program (it would count every run of it):
 *
 *   cmake --build build --target coopedu-pq-count
 *   PQ_COUNT_FILE=/tmp/counts LD_PRELOAD=build/tests/bench/coopedu-pq-count.so \
 *       build/tests/bench/coopedu-bench --pg URI --scale 0.01 --only load
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long round_trips, statements;

/* Whether the caller's code lies in libcoopedu. */
static int from_library(void *ret)
{
	Dl_info info;
	return dladdr(ret, &info) && info.dli_fname && strstr(info.dli_fname, "libcoopedu");
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))
#define COUNT(trip)                                          \
	do {                                                     \
		if (from_library(__builtin_return_address(0))) {     \
			statements++;                                    \
			round_trips += (trip);                           \
		}                                                    \
	} while (0)

PGresult *PQexec(PGconn *c, const char *q)
{
	COUNT(1);
	return REAL(PQexec)(c, q);
}

PGresult *PQexecParams(PGconn *c, const char *q, int n, const Oid *t, const char *const *v,
                       const int *l, const int *f, int r)
{
	COUNT(1);
	return REAL(PQexecParams)(c, q, n, t, v, l, f, r);
}

PGresult *PQexecPrepared(PGconn *c, const char *s, int n, const char *const *v, const int *l,
                         const int *f, int r)
{
	COUNT(1);
	return REAL(PQexecPrepared)(c, s, n, v, l, f, r);
}

PGresult *PQprepare(PGconn *c, const char *s, const char *q, int n, const Oid *t)
{
	COUNT(1);
	return REAL(PQprepare)(c, s, q, n, t);
}

int PQsendQueryParams(PGconn *c, const char *q, int n, const Oid *t, const char *const *v,
                      const int *l, const int *f, int r)
{
	COUNT(0);
	return REAL(PQsendQueryParams)(c, q, n, t, v, l, f, r);
}

int PQsendPrepare(PGconn *c, const char *s, const char *q, int n, const Oid *t)
{
	COUNT(0);
	return REAL(PQsendPrepare)(c, s, q, n, t);
}

int PQsendQueryPrepared(PGconn *c, const char *s, int n, const char *const *v, const int *l,
                        const int *f, int r)
{
	COUNT(0);
	return REAL(PQsendQueryPrepared)(c, s, n, v, l, f, r);
}

int PQpipelineSync(PGconn *c)
{
	if (from_library(__builtin_return_address(0)))
		round_trips++; /* a sync is not a statement */
	return REAL(PQpipelineSync)(c);
}

static void report(void)
{
	if (!statements && !round_trips)
		return;
	const char *path = getenv("PQ_COUNT_FILE");
	FILE *f = path ? fopen(path, "a") : stderr;
	if (!f)
		return;
	fprintf(f, "pid %ld: %lu round trips, %lu statements\n", (long)getpid(), round_trips,
	        statements);
	if (f != stderr)
		fclose(f);
}

__attribute__((destructor)) static void at_exit(void)
{
	report();
}

/* The benchmark's children end with _exit(), which runs no destructor. */
void _exit(int status)
{
	report();
	statements = round_trips = 0;
	REAL(_exit)(status);
	abort();
}
