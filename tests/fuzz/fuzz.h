/* Shared by the fuzz targets (tests/fuzz): the oracle every input that
 * imports must pass, and a way to stop loudly. A target is one
 * LLVMFuzzerTestOneInput(); built with clang and -fsanitize=fuzzer it is a
 * libFuzzer program, built with replay.c it runs a corpus once (the
 * regression form every build runs). FUZZ_VERBOSE=1 in the environment
 * prints what each input did (refused and why, or imported). */
#ifndef CE_TEST_FUZZ_H
#define CE_TEST_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "coopedu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct fz_buf {
	char *data;
	size_t len, cap;
} fz_buf;

int fz_write(void *ctx, const char *data, size_t len); /* a ce_write_fn */
void fz_free(fz_buf *b);

/* Prints what went wrong and aborts (a finding for libFuzzer). */
_Noreturn void fz_die(const char *what, ce_db *db);

/* A fresh memory store; aborts if there is none. */
ce_db *fz_open(void);

/* The audit clock fixed, once per process. */
void fz_init(void);

/* The round trip every imported store must survive: export JSON A, import
 * A into an empty store, export again: A; export every table as CSV,
 * import them (in dependency order) into an empty store, export JSON: A. */
void fz_round_trip(ce_db *db);

/* A refused import: a known code and a message. */
void fz_refusal(ce_db *db, int rc);

/* A refused import: a known code, a message, and (the store was empty)
 * nothing in the store. */
void fz_refused(ce_db *db, int rc);

/* Records in the store, all tables. */
int64_t fz_count_all(ce_db *db);

#endif
