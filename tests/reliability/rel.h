/* Shared pieces of the reliability harnesses (tests/reliability): the
 * operations every sweep drives, a fixture store (the worked case), and a
 * fingerprint of a store to tell "unchanged" from "changed".
 *
 * Each sweep (alloc.c: allocation failures; io.c: I/O faults; crash.c:
 * SIGKILL) runs one operation on a fresh copy of the fixture per injected
 * fault and checks the outcome against a clean run of the same operation:
 * success with the clean run's output and store, or a refusal with the
 * right code and a message and the store exactly as before. */
#ifndef CE_TEST_REL_H
#define CE_TEST_REL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "coopedu.h"

/* A growable byte buffer the harness itself owns. Its allocations go
 * through rel_raw_realloc so that the allocation sweep never fails them. */
typedef struct rel_buf {
	char *data;
	size_t len, cap;
} rel_buf;

extern void *(*rel_raw_realloc)(void *p, size_t size);
extern void (*rel_raw_free)(void *p);

int rel_buf_write(void *ctx, const char *data, size_t len); /* a ce_write_fn */
void rel_buf_printf(rel_buf *b, const char *fmt, ...);
void rel_buf_free(rel_buf *b);
bool rel_buf_eq(const rel_buf *a, const rel_buf *b);

/* What an operation needs: the kind of store it starts from. */
typedef enum rel_start {
	REL_CASE,  /* the worked case */
	REL_EMPTY, /* an empty store */
	REL_NONE,  /* no store open: the operation opens the worked case itself */
	REL_NEW    /* no store open: the operation creates one */
} rel_start;

struct rel_op;
typedef struct rel_op {
	const char *name;
	rel_start start;
	bool writes; /* may change the store */
	/* Runs the operation on db (NULL for REL_NONE, which opens uri);
	 * appends what it read to out. Returns a CE_* code. For REL_NONE the
	 * opened handle is left in *opened (closed by the caller). */
	int (*run)(const struct rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out);
	int arg; /* the report's index for the report operations */
} rel_op;

/* Filled by rel_init(): the fixed operations, then one per report. */
extern rel_op rel_ops[64];
extern size_t rel_nops;

/* Whether op is selected by a comma-separated list of name prefixes
 * (NULL or "" selects all). */
bool rel_selected(const rel_op *op, const char *list);

/* The JSON export of the worked case and its CSV export (one "#entity"
 * section per table, in dependency order), made once by rel_init(). */
/* The message of a failure an operation had to clear (a rollback after
 * it); the sweep empties it before each run. */
extern char rel_op_msg[512];

extern rel_buf rel_case_json;
extern char rel_csv_dir[512];

/* Builds the worked case into db (in one transaction). */
int rel_build_case(ce_db *db);

/* Sets up the fixed audit clock and the exports above, using a memory
 * store. Returns 0 or prints why not and returns -1. */
int rel_init(const char *tmpdir);

/* The store as text: the JSON export with the audit trail. CE_OK or the
 * export's code. */
int rel_fingerprint(ce_db *db, rel_buf *out);

/* A new scratch directory, in memory-backed /dev/shm when there is one (a
 * sweep syncs thousands of small stores), else /tmp; 0 or -1. */
int rel_scratch_dir(char *buf, size_t size, const char *what);
/* Removes a scratch directory and the files in it. */
void rel_remove_dir(const char *dir);

/* Copies a file; 0 or -1. */
int rel_copy_file(const char *from, const char *to);
/* Removes a SQLite store and its -wal/-shm/-journal files. */
void rel_remove_store(const char *path);

/* A result line for the sweep summaries; failures counted globally. */
extern long rel_failures;
/* The fault point being run (0: a clean run), for failures found inside
 * an operation. */
extern long rel_point;
void rel_fail(const char *op, long point, const char *fmt, ...);

/* Seconds since an arbitrary start, for progress lines. */
double rel_now(void);

void ce__audit_set_clock(time_t t);

/* A kind of fault the sweep injects at point n (1: the first place it can
 * go, counted from arm()). */
typedef struct rel_fault {
	const char *name;
	void (*arm)(long n); /* n <= 0: count only, fail nothing */
	void (*disarm)(void);
	bool (*fired)(void); /* whether the armed point was reached */
	long (*points)(void); /* places counted since arm() */
	/* the codes a refusal may have (CE_ENOMEM for allocations, ...) */
	bool (*code_ok)(int rc);
	/* an extra check of a SQLite store file after each run, or NULL;
	 * returns NULL or what is wrong */
	const char *(*check_file)(const char *path);
	/* whether a refused write may still have been applied (a failed sync
	 * of a commit that reached the log: outcome unknown to SQLite too) */
	bool unknown_outcome_ok;
} rel_fault;

typedef struct rel_sweep_opts {
	const char *backend; /* "memory" or "sqlite" */
	const char *dir;     /* scratch directory */
	const char *ops;     /* rel_selected() list */
	long max_points;     /* per operation; 0: every point */
} rel_sweep_opts;

/* Sweeps every selected operation: a clean run, then one run per fault
 * point. Returns the number of points injected; failures go to rel_fail(). */
long rel_sweep(const rel_sweep_opts *o, const rel_fault *f);

#endif
