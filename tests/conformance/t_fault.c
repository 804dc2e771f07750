/* Failure injection: the "fault" test backend wraps the backend under test
 * and fails a chosen call; every failed write must leave the store exactly
 * as it was, and storage failures must be reported as storage failures. */
#include <stdio.h>

#include "../support/fault_backend.h"
#include "conformance.h"

/* Replaces db by a fault-wrapped store of the backend under test
 * (conformance.h). */
void reopen_faulty(void)
{
	char uri[1200];
	ce_db_close(db);
	db = NULL;
	ck_ok(ce_test_fault_register());
	ce_test_fault_reset();
	if (is_memory()) {
		ce_test_fault_wrap(NULL);
		snprintf(uri, sizeof uri, "fault:");
	} else {
		/* same scheme, same location: "sqlite:PATH" becomes "fault:PATH" */
		const char *colon = strchr(store_uri(), ':');
		char scheme[32];
		snprintf(scheme, sizeof scheme, "%.*s", (int)(colon - store_uri()), store_uri());
		ck_assert_ptr_nonnull(ce_backend_find(scheme));
		ce_test_fault_wrap(ce_backend_find(scheme));
		snprintf(uri, sizeof uri, "fault:%s", colon + 1);
	}
	ck_ok(ce_db_open(&db, uri, NULL));
	ck_assert_str_eq(ce_db_backend(db), "fault");
}

static void fault_teardown(void)
{
	ce_test_fault_reset();
	ce_test_fault_wrap(NULL);
}

START_TEST(fault_open_fails)
{
	ce_db *d = (ce_db *)&d;
	reopen_faulty();
	ce_test_fault_arm("open", 1, CE_EBACKEND);
	ck_rc(ce_db_open(&d, is_memory() ? "fault:" : "fault:/nonexistent-dir/x.db", NULL), CE_EBACKEND);
	ck_assert_ptr_null(d);
	ck_assert_int_eq(ce_test_fault_pending(), 0);
}
END_TEST

/* The history insert of a transition fails: the state does not move. */
START_TEST(fault_history_insert)
{
	reopen_faulty();
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	int64_t upd = ce_test_fault_calls("update");
	ce_test_fault_arm("insert", 1, CE_EBACKEND);
	ck_refused(ce_project_set_status(db, prj, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 3, 1)),
	           CE_EBACKEND);
	ck_assert_int_eq(ce_test_fault_pending(), 0);
	ck_assert_int_gt(ce_test_fault_calls("update"), upd); /* the row was written, then undone */
	ck_assert_int_eq(get_int(CE_ENTITY_PROJECT, prj, "status"), CE_PROJECT_STATUS_PROPOSED);
	ck_history(CE_ENTITY_PROJECT, prj, "status", "0>1@20190101");
	ck_ok(ce_project_set_status(db, prj, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 3, 1)));
	ck_history(CE_ENTITY_PROJECT, prj, "status", "0>1@20190101,1>2@20190301");
}
END_TEST

/* Creating a record with two lifecycles writes three rows; any of them
 * failing leaves nothing. */
START_TEST(fault_create_any_insert)
{
	reopen_faulty();
	make_partner("齐鲁工业大学", CE_PARTNER_UNIVERSITY);
	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	int64_t id;
	s.code = "201901022063";
	s.title = "高强高韧铝合金材料研发";
	s.start_date = CE_DATE(2019, 1, 1);
	for (int n = 1; n <= 3; n++) {
		ce_test_fault_arm("insert", n, CE_EBACKEND);
		ck_refused(ce_project_create(&id, db, &s), CE_EBACKEND);
		ck_assert_int_eq(ce_test_fault_pending(), 0);
	}
	ck_ok(ce_project_create(&id, db, &s));
	ck_history(CE_ENTITY_PROJECT, id, "stage", "0>1@20190101");
}
END_TEST

/* Inside a transaction, on a backend whose calls are atomic, a create or a
 * move runs without a savepoint: a failure after some of its writes (the
 * row, its histories, its audit entry) is undone by their inverse writes,
 * and the transaction goes on. Elsewhere the savepoint does it. */
START_TEST(fault_undo_inside_transaction)
{
	reopen_faulty();
	ck_ok(ce_db_begin(db));
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	int64_t id;
	s.code = "201901022064";
	s.title = "铝合金熔炼工艺研究";
	s.start_date = CE_DATE(2019, 2, 1);
	for (int n = 1; n <= 4; n++) { /* the row, two histories, the audit entry */
		ce_test_fault_arm("insert", n, CE_EBACKEND);
		ck_refused(ce_project_create(&id, db, &s), CE_EBACKEND);
		ck_assert_msg(ce_test_fault_pending() == 0, "insert %d did not fire", n);
		ck_assert_int_eq(ce_db_in_transaction(db), 1);
	}
	for (int n = 1; n <= 2; n++) { /* the history, the audit entry */
		ce_test_fault_arm("insert", n, CE_EBACKEND);
		ck_refused(ce_project_set_status(db, prj, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 3, 1)),
		           CE_EBACKEND);
		ck_assert_int_eq(get_int(CE_ENTITY_PROJECT, prj, "status"), CE_PROJECT_STATUS_PROPOSED);
	}
	ce_project_spec u = s;
	u.code = "201901022063";
	u.title = "高强高韧铝合金材料研发（二期）";
	u.start_date = CE_DATE(2019, 1, 1);
	ce_test_fault_arm("insert", 1, CE_EBACKEND); /* the audit entry of an update */
	ck_refused(ce_project_update(db, prj, &u), CE_EBACKEND);
	ck_ok(ce_project_create(&id, db, &s));
	ck_ok(ce_project_set_status(db, prj, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 3, 1)));
	ck_ok(ce_db_commit(db));
	ck_assert_int_eq(count_of(CE_ENTITY_PROJECT), 2);
	ck_history(CE_ENTITY_PROJECT, id, "stage", "0>1@20190201");
	ck_history(CE_ENTITY_PROJECT, prj, "status", "0>1@20190101,1>2@20190301");
}
END_TEST

/* The undo fails too: the store is never left half-changed. Either the
 * savepoint undid the call (the transaction goes on), or the inverse write
 * failed and the whole transaction was rolled back, as the message says,
 * or (PostgreSQL) failed: every later write and the commit refused. */
START_TEST(fault_undo_fails)
{
	reopen_faulty();
	make_enterprise("山东某航空材料有限公司");
	char *before_txn = store_dump();
	ck_ok(ce_db_begin(db));
	make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	char *before_call = store_dump();
	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	int64_t id;
	s.code = "201901022064";
	s.title = "铝合金熔炼工艺研究";
	s.start_date = CE_DATE(2019, 2, 1);
	int removes = ce_test_fault_calls("remove");
	ce_test_fault_arm("insert", 2, CE_EBACKEND);
	ce_test_fault_arm("remove", 1, CE_EBACKEND);
	ck_rc(ce_project_create(&id, db, &s), CE_EBACKEND);
	if (ce_test_fault_calls("remove") > removes && !ce_db_in_transaction(db)) {
		ck_said("rolled back");
		ck_unchanged(before_txn);
		free(before_call);
	} else if (ce_test_fault_calls("remove") > removes) {
		/* a backend whose refused writes fail the transaction
		 * (CE_BACKEND_CALL_DOOM): it stays open, and only rolls back */
		ck_said("can only be rolled back");
		ck_rc(ce_project_create(&id, db, &s), CE_EBACKEND);
		ck_rc(ce_db_commit(db), CE_EBACKEND);
		ck_said("rolled back");
		ck_assert_int_eq(ce_db_in_transaction(db), 0);
		ck_unchanged(before_txn);
		free(before_call);
	} else {
		ce_test_fault_arm("remove", 0, 0);
		ck_assert_int_eq(ce_db_in_transaction(db), 1);
		ck_unchanged(before_call);
		ck_ok(ce_db_rollback(db));
		ck_unchanged(before_txn);
	}
}
END_TEST

/* The commit of a call's own transaction fails: nothing is stored. */
START_TEST(fault_commit)
{
	reopen_faulty();
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t id;
	s.name = "山东某航空材料有限公司";
	s.kind = CE_PARTNER_ENTERPRISE;
	ce_test_fault_arm("commit", 1, CE_EBACKEND);
	ck_refused(ce_partner_create(&id, db, &s), CE_EBACKEND);
	ck_assert_int_eq(count_of(CE_ENTITY_PARTNER), 0);
	ck_ok(ce_partner_create(&id, db, &s));

	/* an explicit transaction whose commit fails is rolled back */
	ck_ok(ce_db_begin(db));
	make_enterprise("济南某精密铸造有限公司");
	make_student("2018010001", "张伟");
	ce_test_fault_arm("commit", 1, CE_EBUSY);
	ck_rc(ce_db_commit(db), CE_EBUSY);
	ck_assert_int_eq(ce_db_errcode(db), CE_EBUSY);
	ck_assert_int_eq(ce_db_in_transaction(db), 0);
	ck_ids(CE_ENTITY_PARTNER, NULL, IDS1(id));
	ck_assert_int_eq(count_of(CE_ENTITY_STUDENT), 0);
}
END_TEST

/* Inside an explicit transaction a failed call undoes itself only. */
/* A single call that loses a conflict to another writer runs again, a
 * bounded number of times; inside the caller's transaction it is CE_EBUSY. */
START_TEST(fault_conflicts_are_retried)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t id, n = 0;
	reopen_faulty();
	s.kind = CE_PARTNER_ENTERPRISE;
	s.name = "重试有限公司";
	ce_test_fault_conflicts(1);
	ce_test_fault_arm("insert", 1, CE_EBUSY);
	ck_ok(ce_partner_create(&id, db, &s));
	ck_assert_int_eq(ce_test_fault_calls("insert"), 3); /* partner, then again: partner + audit */
	ck_ok(ce_record_count(&n, db, CE_ENTITY_PARTNER, NULL));
	ck_assert_int_eq(n, 1);
	ce_test_fault_reset();
	/* not a conflict: a lock not had in time is no reason to try again */
	ce_test_fault_conflicts(0);
	s.name = "超时有限公司";
	ce_test_fault_arm("insert", 1, CE_EBUSY);
	ck_rc(ce_partner_create(&id, db, &s), CE_EBUSY);
	ck_assert_int_eq(ce_test_fault_calls("insert"), 1); /* not tried again */
	ck_ok(ce_record_count(&n, db, CE_ENTITY_PARTNER, NULL));
	ck_assert_int_eq(n, 1);
	/* inside an explicit transaction the caller decides */
	ce_test_fault_reset();
	ce_test_fault_conflicts(1);
	ck_ok(ce_db_begin(db));
	ce_test_fault_arm("insert", 1, CE_EBUSY);
	s.name = "事务中有限公司";
	ck_rc(ce_partner_create(&id, db, &s), CE_EBUSY);
	ck_ok(ce_db_rollback(db));
	ce_test_fault_conflicts(0);
}
END_TEST

START_TEST(fault_inside_transaction)
{
	reopen_faulty();
	ck_ok(ce_db_begin(db));
	int64_t a = make_enterprise("山东某航空材料有限公司");
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t id;
	s.name = "济南某精密铸造有限公司";
	s.kind = CE_PARTNER_ENTERPRISE;
	ce_test_fault_arm("insert", 1, CE_EBACKEND);
	ck_refused(ce_partner_create(&id, db, &s), CE_EBACKEND);
	/* a delete always runs in a savepoint; a create may need none */
	ce_test_fault_arm("savepoint", 1, CE_EBACKEND);
	ck_refused(ce_record_delete(db, CE_ENTITY_PARTNER, a, 0), CE_EBACKEND);
	ce_test_fault_arm("release", 1, CE_EBACKEND);
	ck_refused(ce_record_delete(db, CE_ENTITY_PARTNER, a, 0), CE_EBACKEND);
	ck_assert_int_eq(ce_test_fault_pending(), 0);
	ck_assert_int_eq(ce_db_in_transaction(db), 1);
	int64_t b = make_enterprise("中国航发某研究所");
	ck_ok(ce_db_commit(db));
	ck_ids(CE_ENTITY_PARTNER, NULL, IDS2(a, b));
}
END_TEST

/* A cascade whose nth remove (or reference-clearing update) fails deletes
 * nothing, whichever n it is. */
START_TEST(fault_cascade)
{
	reopen_faulty();
	int64_t pi = make_academic("王建国");
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	ce_project_spec ps = CE_PROJECT_SPEC_INIT;
	ps.code = "201901022063";
	ps.title = "高强高韧铝合金材料研发";
	ps.start_date = CE_DATE(2019, 1, 1);
	ps.principal_investigator = pi;
	ck_ok(ce_project_update(db, prj, &ps));
	int64_t a = make_subtopic(prj, "熔炼工艺"), b = make_subtopic(prj, "热处理工艺");
	make_dependency(b, a);
	make_milestone(a, "完成开题报告", CE_DATE(2019, 10, 15));
	make_milestone(b, "完成中期检查", CE_DATE(2020, 6, 30));
	make_budget_line(b, "材料费", 1200000);
	int64_t ses = make_session(CE_DATE(2019, 11, 5));
	ce_guidance_session_spec gs = CE_GUIDANCE_SESSION_SPEC_INIT;
	gs.held_on = CE_DATE(2019, 11, 5);
	gs.duration_minutes = 90;
	gs.mode = CE_GUIDANCE_MODE_LABORATORY;
	gs.subtopic = a;
	ck_ok(ce_guidance_session_update(db, ses, &gs));

	/* how many removes and updates the full cascade makes */
	ck_ok(ce_db_begin(db));
	int removes = ce_test_fault_calls("remove"), updates = ce_test_fault_calls("update");
	ck_ok(ce_project_delete(db, prj, CE_DELETE_CASCADE));
	removes = ce_test_fault_calls("remove") - removes;
	updates = ce_test_fault_calls("update") - updates;
	ck_ok(ce_db_rollback(db));
	ck_assert_int_ge(removes, 7); /* project, 2 subtopics, dependency, 2 milestones, budget line */
	ck_assert_int_ge(updates, 1); /* the session's subtopic */

	for (int n = 1; n <= removes; n++) {
		ce_test_fault_arm("remove", n, CE_EBACKEND);
		ck_refused(ce_project_delete(db, prj, CE_DELETE_CASCADE), CE_EBACKEND);
		ck_assert_msg(ce_test_fault_pending() == 0, "remove %d of %d did not fire", n, removes);
	}
	for (int n = 1; n <= updates; n++) {
		ce_test_fault_arm("update", n, CE_EBACKEND);
		ck_refused(ce_project_delete(db, prj, CE_DELETE_CASCADE), CE_EBACKEND);
	}
	/* the supervisor's cascade only clears the project's reference */
	ce_test_fault_arm("update", 1, CE_EBACKEND);
	ck_refused(ce_supervisor_delete(db, pi, CE_DELETE_CASCADE), CE_EBACKEND);
	ck_assert_int_eq(get_int(CE_ENTITY_PROJECT, prj, "principal_investigator"), pi);

	ck_ok(ce_project_delete(db, prj, CE_DELETE_CASCADE));
	ck_assert_int_eq(count_of(CE_ENTITY_SUBTOPIC), 0);
	ck_assert_int_eq(count_of(CE_ENTITY_MILESTONE), 0);
	ck_assert(is_null(CE_ENTITY_GUIDANCE_SESSION, ses, "subtopic"));
}
END_TEST

/* A storage failure while checking a reference is a storage failure, not
 * a dangling reference. */
START_TEST(fault_reported_as_backend)
{
	reopen_faulty();
	int64_t a = make_agreement("研究生联合培养协议", CE_SCOPE_JOINT_TRAINING_BASE, CE_DATE(2019, 1, 1));
	int64_t p = make_enterprise("山东某航空材料有限公司");
	ce_agreement_party_spec s = CE_AGREEMENT_PARTY_SPEC_INIT;
	int64_t id;
	s.agreement = a;
	s.partner = p;
	char *before = store_dump();
	ce_test_fault_arm("fetch", 1, CE_EBACKEND);
	int rc = ce_agreement_party_create(&id, db, &s);
	keep_message();
	ck_unchanged(before);
	ck_assert_msg(rc == CE_EBACKEND, "a failed fetch was reported as %d (%s): %s", rc,
	              ce_strerror(rc), kept_message);

	/* a failed unique lookup, too: made before the insert, or, by a store
	 * that refuses duplicates itself, to explain a refused one */
	ck_ok(ce_agreement_party_create(&id, db, &s));
	before = store_dump();
	ce_test_fault_arm("find_first", 1, CE_EBACKEND);
	ck_rc(ce_agreement_party_create(&id, db, &s), CE_EBACKEND);
	ck_assert_int_eq(ce_test_fault_pending(), 0);
	ck_unchanged(before);
	ck_rc(ce_agreement_party_create(&id, db, &s), CE_EEXISTS);
}
END_TEST

/* Reads: a failing scan or count is reported, and the iterator can be freed. */
START_TEST(fault_reads)
{
	reopen_faulty();
	make_partner("齐鲁工业大学", CE_PARTNER_UNIVERSITY);
	make_enterprise("山东某航空材料有限公司");
	ce_record_iter *it;
	ce_record *r;
	int64_t n;
	ce_test_fault_arm("scan_open", 1, CE_EBACKEND);
	ck_rc(ce_record_iter_new(&it, db, CE_ENTITY_PARTNER, NULL), CE_EBACKEND);
	ck_assert_ptr_null(it);
	ck_ok(ce_record_iter_new(&it, db, CE_ENTITY_PARTNER, NULL));
	ck_ok(ce_record_iter_next(&r, it));
	ce_record_free(r);
	ce_test_fault_arm("scan_next", 1, CE_EBACKEND);
	ck_rc(ce_record_iter_next(&r, it), CE_EBACKEND);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(ce_db_errcode(db), CE_EBACKEND);
	ce_record_iter_free(it);
	ce_test_fault_arm("count", 1, CE_EBACKEND);
	ce_test_fault_arm("scan_open", 1, CE_EBACKEND); /* in case count is done by scanning */
	ck_rc(ce_record_count(&n, db, CE_ENTITY_PARTNER, NULL), CE_EBACKEND);
	ce_test_fault_reset();
	ce_test_fault_arm("fetch", 1, CE_EBACKEND);
	ck_rc(ce_record_lookup(&r, db, CE_ENTITY_PARTNER, 1), CE_EBACKEND);
	ck_assert_ptr_null(r);
	ce_test_fault_reset();
	ck_assert_int_eq(count_of(CE_ENTITY_PARTNER), 2);
}
END_TEST

Suite *suite_fault(void)
{
	Suite *s = suite_create("fault");
	TCase *tc = store_tcase("fault");
	tcase_add_checked_fixture(tc, NULL, fault_teardown);
	tcase_add_test(tc, fault_open_fails);
	tcase_add_test(tc, fault_history_insert);
	tcase_add_test(tc, fault_create_any_insert);
	tcase_add_test(tc, fault_commit);
	tcase_add_test(tc, fault_inside_transaction);
	tcase_add_test(tc, fault_undo_inside_transaction);
	tcase_add_test(tc, fault_undo_fails);
	tcase_add_test(tc, fault_conflicts_are_retried);
	tcase_add_test(tc, fault_cascade);
	tcase_add_test(tc, fault_reported_as_backend);
	tcase_add_test(tc, fault_reads);
	suite_add_tcase(s, tc);
	return s;
}
