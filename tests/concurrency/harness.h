/* The concurrency tests' harness: fresh stores of the backend under test,
 * checks that count failures, and a pool of worker processes, each with a
 * ce_db handle of its own (handles never cross a fork), that run one
 * command per round and start it together behind a barrier in shared
 * memory, so that the calls of a round really overlap. */
#ifndef CE_CONCURRENCY_HARNESS_H
#define CE_CONCURRENCY_HARNESS_H

#include <stdatomic.h>
#include <stdint.h>
#include <sys/types.h>

#include "coopedu.h"

/* Every worker and the parent give up after this long (SIGALRM kills
 * them): the program never hangs. */
#define WATCHDOG_SECONDS 240
/* Single calls wait this long for the write lock before CE_EBUSY. */
#define BUSY_TIMEOUT_MS 60000
#define MAX_WORKERS 4

extern const char *uri_prefix;

/* ---- checks ----------------------------------------------------------------- */

/* Counts a failed condition and prints its message; returns cond. */
int check(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A section is one test: its result line says ok or FAIL and how long it took. */
void section_begin(const char *name);
void section_end(void);
/* The summary line "N passed, M failed"; the exit status. */
int summary(void);

double now(void);
const char *rc_name(int rc);

/* ---- stores ------------------------------------------------------------------- */

/* Makes the run's private directory (sqlite:) or names the run
 * (PostgreSQL: schemas "cc<run>_<name>", a name no other run takes);
 * 0, or -1 after printing why. */
int stores_begin(void);
/* The URI of a fresh store named after @p name (sqlite: a file in the
 * run's private directory; PostgreSQL: a schema of its own). Static buffer. */
const char *fresh_store(const char *name);
/* Opens @p uri with a generous busy timeout; NULL after printing why. */
ce_db *open_store(const char *uri);
/* Removes every store of the run: the directory, or the run's schemas;
 * 0, or -1 after printing why. */
int stores_end(void);

/* ---- worker pool ------------------------------------------------------------- */

/* A race round is a batch of records, each contested by every worker:
 * workers 0 and 1 go through it forwards, 2 and 3 backwards, so that two
 * of them reach each record together and the pairs cross in the middle. */
#define BATCH 32

enum op {
	OP_NOP,
	OP_CREATE_PARTNERS,   /* text: name prefix; each name text + "%02d" */
	OP_CREATE_STUDENTS,   /* text: number prefix, likewise */
	OP_DELETE_PARTNERS,   /* ids: the partners */
	OP_CREATE_PLACEMENTS, /* a: student; ids: the hosts */
	OP_PLACEMENT_STATUS,  /* ids: placements; b: target status; c: date */
	OP_STUDENT_STATUS,    /* ids: students; b: target status; c: date */
	OP_BULK_WRITES,       /* a: worker number, b: creates */
	OP_WRITER,            /* a: supervisor, b: student, c: writes */
	OP_READER,            /* a: supervisor */
	OP_CREATE_OWNERS,     /* a: partner; b: share_bp; ids: the outcomes */
	OP_UPDATE_OWNERS,     /* b: share_bp; ids: owner rows, each set to b */
	OP_CREATE_SHARES,     /* b: benefit_share_bp; c: ip_share_bp; ids: the parties */
};

typedef struct cmd {
	int op;
	int backwards;       /* go through the batch from its end */
	int n;               /* batch size (ids or keys) */
	int64_t a, b, c;
	int64_t ids[BATCH];
	char text[96];
} cmd;

typedef struct reply {
	int rc;              /* bulk ops: CE_OK unless a call failed */
	int rcs[BATCH];      /* each batch call's result */
	int64_t id[BATCH];   /* records a batch created */
	double t0, t1;       /* when the calls ran (CLOCK_MONOTONIC, every process alike) */
	int64_t n[4];        /* bulk ops' tallies, see the ops */
	char msg[200];       /* ce_db_errmsg() of the first failure */
} reply;

/* State the workers share: the barrier, and the writer's "done" flag. */
/* The barrier spins (yielding) rather than sleeps: the workers that hold
 * a core when it opens start at the same instant, where waking sleepers
 * one by one takes longer than a fast call. */
typedef struct shared {
	atomic_int arrived; /* workers waiting at the barrier */
	atomic_int go;      /* bumped by the parent to open it */
	atomic_int writer_done;
} shared;

typedef struct pool {
	int n;
	pid_t pid[MAX_WORKERS];
	int cmd_fd[MAX_WORKERS];
	int reply_fd[MAX_WORKERS];
	shared *sh;
	int broken; /* a worker died or misbehaved: no more rounds */
} pool;

/* Forks @p n workers that each open @p uri; 0 when all opened it. */
int pool_start(pool *p, int n, const char *uri);
/* One round: worker i runs cmds[i] (all start together); replies in out[i].
 * 0 on success, -1 if a worker failed to answer (the pool is then broken). */
int pool_round(pool *p, const cmd *cmds, reply *out);
/* Stops the workers; 0 when every one exited cleanly. */
int pool_stop(pool *p);

/* Whether the calls of a round overlapped in time (some pair ran at once). */
int overlapped(const reply *r, int n);

/* Runs one command in a worker (worker.c). */
void worker_run(ce_db *db, shared *sh, const cmd *c, reply *r);

/* ---- races (races.c) ----------------------------------------------------------- */

#define WORKERS 4 /* the clients of a race */

/* A race's store: created by the parent, then a pool of workers on it and
 * the parent's own handle (opened after the fork: handles never cross one). */
typedef struct race {
	char uri[1200];
	ce_db *db;
	pool p;
	int rounds, overlaps; /* rounds run, and those whose workers ran at once */
	int refused;          /* calls refused: the contest was real */
} race;

/* A fresh store named @p name, @p seed run on it, then the workers; 0 on success. */
int race_start(race *x, const char *name, void (*seed)(ce_db *db, void *arg), void *arg);
/* One round of cmds (each of BATCH records, workers 2 and 3 backwards); 0 on success. */
int race_round(race *x, cmd *c, reply *r);
/* Stops the workers; checks that @p planned rounds ran and some overlapped. */
void race_stop(race *x, int planned);
/* *id if rc is CE_OK, else 0 after a failed check naming @p what. */
int64_t must(int rc, const int64_t *id, ce_db *db, const char *what);
int64_t make_partner(ce_db *db, const char *name);
/* Records of @p e whose @p column equals @p text (or @p value if NULL); -1 on failure. */
int64_t count_where(ce_db *db, ce_entity e, const char *column, const char *text, int64_t value);

/* ---- the tests -------------------------------------------------------------- */

void test_many_writers(void);
void test_writer_readers(void);
void test_race_same_key(void);
void test_race_delete_vs_placement(void);
void test_race_lifecycle(void);
void test_race_shares(void);

#endif
