/* PostgreSQL: the store the conformance tests reuse, emptied before each
 * (pg_reuse.c). Only with CE_HAVE_POSTGRESQL. */
#ifndef CE_CONFORMANCE_PG_REUSE_H
#define CE_CONFORMANCE_PG_REUSE_H

/* Makes the reused store "t<run>_reused" in uri_prefix's database and
 * learns how to empty it; 0, or -1 (printed why: each test then makes a
 * schema of its own). Before the tests, in the main process. */
int pg_reuse_init(const char *run);
/* The URI of the reused store, emptied, for the test about to run; NULL
 * when it could not be (the test makes a new schema). */
const char *pg_reuse_store(void);
/* Frees what pg_reuse_init() kept. */
void pg_reuse_end(void);

#endif
