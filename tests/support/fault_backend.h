/* A failure-injecting backend for tests (scheme "fault"): it forwards
 * every call to a real backend (by default the built-in "memory" one) and
 * can be told to fail the Nth call of an operation with a given code, so
 * that a test can prove a failed call leaves the store unchanged.
 *
 *   ce_test_fault_register();
 *   ce_db_open(&db, "fault:", NULL);          // location goes to the inner backend
 *   ce_test_fault_arm("insert", 2, CE_EBACKEND); // the 2nd insert from now fails
 *   ... the call under test fails with CE_EBACKEND; the store is as before ...
 *   ce_test_fault_reset();
 *
 * An injected failure does not reach the inner backend. It fires once and
 * then disarms. State is process-wide and not thread-safe: tests only. */
#ifndef CE_TEST_FAULT_BACKEND_H
#define CE_TEST_FAULT_BACKEND_H

#include "coopedu/sys/backend.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The backend; register it with ce_backend_register() or
 * ce_test_fault_register(). */
extern const ce_backend ce_test_fault_backend;

/* Registers ce_test_fault_backend; CE_OK also if it already is. */
int ce_test_fault_register(void);

/* Makes the nth call (1 = the next one) of op, counted from now, fail with
 * code (a non-negative code means CE_EBACKEND); nth <= 0 disarms op. op is
 * one of "open", "begin", "commit", "rollback", "savepoint", "release",
 * "rollback_to", "insert", "fetch", "update", "remove", "find_first",
 * "scan_open", "scan_next", "count", "report", "report_open",
 * "report_next" (a report cursor's step), or "*" for a call of any of them
 * (close, errmsg and scan_close are never failed). Unknown ops are
 * ignored. Arming an op again replaces its previous arming. */
void ce_test_fault_arm(const char *op, int nth, int code);

/* Disarms everything and zeroes the call counters. */
void ce_test_fault_reset(void);

/* Calls of op (or "*": of any op) since the last reset; -1 if unknown. */
int ce_test_fault_calls(const char *op);

/* How many armed failures have not fired yet. */
int ce_test_fault_pending(void);

/* Whether injected CE_EBUSY failures count as conflicts another writer
 * won (retryable()), which the core runs a single call again for. */
void ce_test_fault_conflicts(int on);

/* Wraps inner instead of the "memory" backend in connections opened from
 * now on; NULL restores the default. */
void ce_test_fault_wrap(const ce_backend *inner);

#ifdef __cplusplus
}
#endif
#endif
