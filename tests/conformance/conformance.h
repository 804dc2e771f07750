/* The conformance suite: one Check program run against every backend
 * (`conformance memory:`, `conformance sqlite:`). Each test gets a fresh
 * store in `db` from a checked fixture; the helpers below keep tests to the
 * rule they prove. */
#ifndef CE_CONFORMANCE_H
#define CE_CONFORMANCE_H

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "coopedu.h"

/* ---- the store under test ------------------------------------------------ */

extern ce_db *db;               /* fresh for every test */
extern const char *uri_prefix;  /* argv[1]: "memory:", "sqlite:", ... */

/* Closes db and opens the same store again (memory: a fresh one). */
ce_db *reopen(void);
/* Whether data survives reopen() (every backend but memory:). */
int persistent(void);
/* Whether the backend under test is the in-memory one. */
int is_memory(void);
/* The URI of the current test's store. */
const char *store_uri(void);
/* Whether the backend under test is PostgreSQL. */
int is_postgresql(void);
/* Reopens the test's store through the fault-injecting backend wrapped
 * around the backend under test (tests/support/fault_backend.h), reset. */
void reopen_faulty(void);
/* The URI of another fresh store of the backend under test (memory: a new
 * one; sqlite: a new file in the test's directory; PostgreSQL: a new schema). */
const char *fresh_store_uri(void);

/* A file path inside this test's private temporary directory. */
const char *temp_path(const char *name);

/* A test case whose tests each run on a fresh store. */
TCase *store_tcase(const char *name);

/* ---- assertions ------------------------------------------------------------- */

/* Asserts call returns code, showing the library's message otherwise. A
 * failure's message (ce_last_errmsg()) is kept for ck_said(). */
#define ck_rc(call, code)                                                                  \
	do {                                                                                   \
		int rc_ = (call);                                                                  \
		if (rc_ != CE_OK && rc_ != CE_ITEROVER)                                            \
			keep_message();                                                                \
		ck_assert_msg(rc_ == (code), "%s\n  returned %d (%s), expected %d (%s)\n  message: %s", \
		              #call, rc_, ce_strerror(rc_), (int)(code), ce_strerror(code),       \
		              ce_last_errmsg());                                                   \
	} while (0)
#define ck_ok(call) ck_rc(call, CE_OK)

void keep_message(void);
/* The message kept from the last failure checked with ck_rc()/ck_refused(). */
extern char kept_message[512];
/* Asserts the kept message mentions each of the given substrings. */
#define ck_said(...) ck_said_(__FILE__, __LINE__, __VA_ARGS__, (const char *)NULL)
void ck_said_(const char *file, int line, ...);

/* A text dump of every record of every entity and of every lifecycle
 * history: equal dumps mean an unchanged store. Free with free(). */
char *store_dump(void);
/* Asserts the store still dumps as before; frees before. */
#define ck_unchanged(before) ck_unchanged_(__FILE__, __LINE__, (before))
void ck_unchanged_(const char *file, int line, char *before);

/* Asserts that call is refused with code and leaves the store exactly as it
 * was (every row of every entity, every history). */
#define ck_refused(call, code)                                                             \
	do {                                                                                   \
		char *before_ = store_dump();                                                      \
		ck_rc(call, code);                                                                 \
		ck_assert_msg(ce_db_errcode(db) == (code) && *ce_db_errmsg(db) &&                  \
		                  strcmp(ce_db_errmsg(db), ce_last_errmsg()) == 0,                 \
		              "%s: db error not recorded (%d '%s', thread '%s')", #call,           \
		              ce_db_errcode(db), ce_db_errmsg(db), ce_last_errmsg());              \
		ck_unchanged(before_);                                                             \
	} while (0)

/* Rows of an entity (all, or matching a filter). */
int64_t count_of(ce_entity entity);
int64_t count_where(ce_entity entity, const ce_filter *filter);

/* Ids of the records of entity matching filter, as a "1,4,7" string, for
 * comparing iteration results in one assertion. */
#define ck_ids(entity, filter, expected) ck_ids_(__FILE__, __LINE__, (entity), (filter), (expected))
void ck_ids_(const char *file, int line, ce_entity entity, const ce_filter *filter,
             const char *expected);
/* "%lld,%lld,..." of up to 8 ids (0 ends the list), in a static buffer. */
const char *idlist(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f,
                   int64_t g, int64_t h);
#define IDS1(a) idlist((a), 0, 0, 0, 0, 0, 0, 0)
#define IDS2(a, b) idlist((a), (b), 0, 0, 0, 0, 0, 0)
#define IDS3(a, b, c) idlist((a), (b), (c), 0, 0, 0, 0, 0)
#define IDS4(a, b, c, d) idlist((a), (b), (c), (d), 0, 0, 0, 0)

/* One-condition filters, freed by the caller with ce_filter_free(). */
ce_filter *f_int(const char *column, int64_t value);
ce_filter *f_text(const char *column, const char *value);
ce_filter *f_range(const char *column, int64_t low, int64_t high);
ce_filter *f_null(const char *column);

/* Asserts record id of entity exists (1) or not (0). */
int exists(ce_entity entity, int64_t id);
/* Generic column readers by name (assert the column exists). */
int64_t get_int(ce_entity entity, int64_t id, const char *column);
int is_null(ce_entity entity, int64_t id, const char *column);

/* Asserts the history of a lifecycle column is exactly the given moves,
 * as "from>to@date" items: e.g. "0>1@20190101,1>2@20190301". */
#define ck_history(entity, id, column, expected) \
	ck_history_(__FILE__, __LINE__, (entity), (id), (column), (expected))
void ck_history_(const char *file, int line, ce_entity entity, int64_t id, const char *column,
                 const char *expected);

/* ---- builders: create one record with Chinese data, asserting success -------- */

int64_t make_partner(const char *name, ce_partner_kind kind);
int64_t make_enterprise(const char *name);
int64_t make_agreement(const char *title, unsigned int scopes, ce_date start);
int64_t make_party(int64_t agreement, int64_t partner);
int64_t make_platform(const char *name);
int64_t make_host(int64_t platform, int64_t partner);
int64_t make_project(const char *code, const char *title, ce_date start);
int64_t make_project_partner(int64_t project, int64_t partner, ce_project_role role);
int64_t make_subtopic(int64_t project, const char *title);
int64_t make_dependency(int64_t subtopic, int64_t depends_on);
int64_t make_milestone(int64_t subtopic, const char *title, ce_date due);
int64_t make_budget_line(int64_t subtopic, const char *category, int64_t planned);
int64_t make_assignment(int64_t subtopic, int64_t student);
int64_t make_academic(const char *name);
int64_t make_enterprise_supervisor(const char *name, int64_t affiliation);
int64_t make_student(const char *number, const char *name);
/* A student of cohort 2014 recorded as graduated on `graduated`. */
int64_t make_graduate(const char *number, const char *name, ce_date graduated);
int64_t make_team(const char *name);
int64_t make_supervision(int64_t student, int64_t supervisor, ce_supervision_role role);
int64_t make_session(ce_date held_on);
int64_t make_placement(int64_t student, int64_t host, ce_date start);
int64_t make_outcome(ce_outcome_kind kind, const char *title, ce_date on);

/* ---- the suites ---------------------------------------------------------- */

Suite *suite_db(void);
Suite *suite_records(void);
Suite *suite_rules(void);
Suite *suite_txn(void);
Suite *suite_partner(void);
Suite *suite_agreement(void);
Suite *suite_platform(void);
Suite *suite_project(void);
Suite *suite_subtopic(void);
Suite *suite_people(void);
Suite *suite_guidance(void);
Suite *suite_placement(void);
Suite *suite_outcome(void);
Suite *suite_destination(void);
Suite *suite_risk(void);
Suite *suite_survey(void);
Suite *suite_training(void);
Suite *suite_platform_assets(void);
Suite *suite_sharing(void);
Suite *suite_links(void);
Suite *suite_delete(void);
Suite *suite_fault(void);
/* The analytics reports: t_reports_*.c check the hand-worked fixture
 * (t_reports_fixture.h), t_report_*.c filters, parity with the core and
 * storage failures. */
Suite *suite_reports_outcomes(void);
Suite *suite_reports_case_study(void);
Suite *suite_reports_supervision(void);
Suite *suite_reports_platforms(void);
Suite *suite_reports_destinations(void);
Suite *suite_reports_depth(void);
Suite *suite_reports_projects(void);
Suite *suite_report_filters(void);
Suite *suite_report_parity(void);
Suite *suite_report_faults(void);
Suite *suite_reports_surveys(void);
Suite *suite_report_cursor(void);
/* Roles and the audit trail (issue 11): t_roles.c, t_audit.c. */
Suite *suite_roles(void);
Suite *suite_audit(void);
Suite *suite_person(void);
/* Imports that update, Chinese CSV headers (issue 13): t_import.c. */
Suite *suite_import(void);
/* Partner identity and merging (issue 13): t_identity.c. */
Suite *suite_identity(void);
Suite *suite_findings(void);

#endif
