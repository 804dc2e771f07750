/* Storage failures during a report: whether the core's scans and fetches
 * fail or the backend's own report does, the report fails with the
 * storage error and hands back no table; it never quietly answers from
 * the other implementation. */
#include <stdio.h>

#include "../support/fault_backend.h"
#include "core/store.h"
#include "t_reports_fixture.h"

/* A failed scan or fetch in the middle of any report: the report fails with
 * the storage error, hands back no table, and frees what it had (the
 * sanitizer and valgrind runs see every path). */
START_TEST(reports_fail_cleanly_when_the_store_fails)
{
	reopen_faulty();
	build();
	static const char *const ops[] = { "scan_open", "scan_next", "fetch" };
	for (int i = 0; i < ce_report_count(); i++) {
		const char *name = ce_report_name(i);
		for (int pass = 0; pass < 2; pass++) {
			ce_report_filter f = CE_REPORT_FILTER_INIT;
			ce_table *t;
			if (strcmp(name, "subtopic_graph") == 0)
				f.project = fx.j1;
			else if (pass == 1)
				f.partner = fx.aero;
			ce_test_fault_reset();
			if (ce_report_run(&t, db, name, &f) != CE_OK)
				continue; /* a filter the report does not take */
			ce_table_free(t);
			int calls[3];
			for (int o = 0; o < 3; o++)
				calls[o] = ce_test_fault_calls(ops[o]);
			for (int o = 0; o < 3; o++) {
				int step = calls[o] > 40 ? calls[o] / 40 : 1;
				for (int k = 1; k <= calls[o]; k += step) {
					ce_test_fault_reset();
					ce_test_fault_arm(ops[o], k, CE_EBACKEND);
					t = (ce_table *)&t;
					int rc = ce_report_run(&t, db, name, &f);
					ck_assert_msg(rc == CE_EBACKEND && t == NULL,
					              "%s: %s #%d failed, report returned %d (%s)", name, ops[o], k,
					              rc, ce_last_errmsg());
					ck_assert_int_eq(ce_db_errcode(db), CE_EBACKEND);
					ck_assert_int_eq(ce_test_fault_pending(), 0);
				}
			}
		}
	}
	ce_test_fault_reset();
	ce_test_fault_wrap(NULL);
}
END_TEST

/* The backend's own report failing fails the report, on every backend (the
 * fault backend fails "report" before asking the backend it wraps): the
 * core must not answer in its place. CE_ENOTSUPPORTED, by contrast, hands
 * the report to the core, whose answer it then is. */
START_TEST(a_failed_backend_report_is_an_error)
{
	reopen_faulty();
	build();
	for (int i = 0; i < ce_report_count(); i++) {
		const char *name = ce_report_name(i);
		ce_report_filter f = CE_REPORT_FILTER_INIT;
		ce_table *t = (ce_table *)&t, *core;
		if (strcmp(name, "subtopic_graph") == 0)
			f.project = fx.j1;
		ce_test_fault_reset();
		ce_test_fault_arm("report", 1, CE_EBACKEND);
		int rc = ce_report_run(&t, db, name, &f);
		ck_assert_msg(rc == CE_EBACKEND && t == NULL, "%s: a failed backend report returned %d (%s)",
		              name, rc, ce_last_errmsg());
		ck_assert_int_eq(ce_db_errcode(db), CE_EBACKEND);
		ck_assert_msg(strstr(ce_db_errmsg(db), name) && strstr(ce_db_errmsg(db), "injected"),
		              "%s: message '%s'", name, ce_db_errmsg(db));
		ck_assert_int_eq(ce_test_fault_pending(), 0);

		/* the store interface the parity suite asks says the same */
		ce_test_fault_arm("report", 1, CE_EBACKEND);
		t = (ce_table *)&t;
		ck_rc(ce__store_report(&t, db, name, &f), CE_EBACKEND);
		ck_assert_ptr_null(t);
		ck_assert_int_eq(ce_db_errcode(db), CE_EBACKEND);

		ce_test_fault_arm("report", 1, CE_ENOTSUPPORTED);
		ck_ok(ce_report_run(&t, db, name, &f));
		ck_assert_int_eq(ce_test_fault_pending(), 0);
		ce__report_force_core(true);
		ck_ok(ce_report_run(&core, db, name, &f));
		ce__report_force_core(false);
		ck_assert_uint_eq(ce_table_row_count(t), ce_table_row_count(core));
		for (size_t r = 0; r < ce_table_row_count(t); r++) {
			char row[2048];
			snprintf(row, sizeof row, "%s", render(t, r));
			ck_assert_str_eq(row, render(core, r));
		}
		ce_table_free(core);
		ce_table_free(t);
	}
	ce_test_fault_reset();
	ce_test_fault_wrap(NULL);
}
END_TEST

/* A report cursor whose step fails mid-way: next returns the storage
 * error with its message on the db, no row is current, the cursor is at
 * its end, and once closed the store takes writes again. A failure where
 * the cursor opens (the backend's stream, or the scans of a report
 * computed whole) fails the open and leaves nothing open. */
START_TEST(report_cursors_fail_cleanly_when_the_store_fails)
{
	reopen_faulty();
	build();
	for (int i = 0; i < ce_report_count(); i++) {
		const char *name = ce_report_name(i);
		ce_report_filter f = CE_REPORT_FILTER_INIT;
		ce_report_cursor *c;
		if (strcmp(name, "subtopic_graph") == 0)
			f.project = fx.j1;
		/* how many rows, and whether it streams */
		ce_test_fault_reset();
		ck_ok(ce_report_open(&c, db, name, &f));
		int streams = ce_report_cursor_streams(c), rows = 0, rc;
		while ((rc = ce_report_next(c)) == CE_OK)
			rows++;
		ck_rc(rc, CE_ITEROVER);
		ce_report_close(c);
		ck_assert_int_eq(ce_test_fault_calls("report_next"), streams ? rows + 1 : 0);

		ce_test_fault_arm(streams ? "report_open" : "scan_next", 1, CE_EBACKEND);
		c = (ce_report_cursor *)&c;
		ck_rc(ce_report_open(&c, db, name, &f), CE_EBACKEND);
		ck_assert_ptr_null(c);
		ck_assert_int_eq(ce_test_fault_pending(), 0);
		if (!streams)
			continue; /* computed whole: its steps read memory */
		for (int k = 1; k <= rows + 1; k++) {
			ce_test_fault_reset();
			ck_ok(ce_report_open(&c, db, name, &f));
			ce_test_fault_arm("report_next", k, CE_EBACKEND);
			int got = 0;
			while ((rc = ce_report_next(c)) == CE_OK)
				got++;
			ck_assert_msg(rc == CE_EBACKEND && got == k - 1, "%s: step %d failed, next returned "
			              "%d after %d rows (%s)", name, k, rc, got, ce_last_errmsg());
			ck_assert_int_eq(ce_db_errcode(db), CE_EBACKEND);
			ck_assert_msg(strstr(ce_db_errmsg(db), "injected") != NULL, "%s: message '%s'", name,
			              ce_db_errmsg(db));
			ck_assert_int_eq(ce_report_cursor_is_null(c, 0), -1);
			ck_rc(ce_report_next(c), CE_ITEROVER);
			ce_report_close(c);
		}
	}
	ce_test_fault_reset();
	/* nothing is left open: writes go through */
	partner("中航工业西安航空计算技术研究所", CE_PARTNER_ENTERPRISE);
	ce_test_fault_wrap(NULL);
}
END_TEST

Suite *suite_report_faults(void)
{
	Suite *s = suite_create("report_faults");
	TCase *tc = store_tcase("report_faults");
	tcase_add_test(tc, reports_fail_cleanly_when_the_store_fails);
	tcase_add_test(tc, a_failed_backend_report_is_an_error);
	tcase_add_test(tc, report_cursors_fail_cleanly_when_the_store_fails);
	suite_add_tcase(s, tc);
	return s;
}
