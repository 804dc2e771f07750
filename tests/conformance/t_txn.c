/* Explicit transactions, and the atomicity of refused calls inside them. */
#include "conformance.h"

static ce_partner_spec partner(const char *name)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	s.name = name;
	s.kind = CE_PARTNER_ENTERPRISE;
	return s;
}

START_TEST(commit_makes_visible)
{
	ck_ok(ce_db_begin(db));
	ck_assert_int_eq(ce_db_in_transaction(db), 1);
	int64_t a = make_enterprise("山东某航空材料有限公司");
	int64_t b = make_enterprise("济南某精密铸造有限公司");
	ck_assert_int_eq(count_of(CE_ENTITY_PARTNER), 2); /* own writes are visible */
	ck_ok(ce_db_commit(db));
	ck_assert_int_eq(ce_db_in_transaction(db), 0);
	ck_ids(CE_ENTITY_PARTNER, NULL, IDS2(a, b));
	if (persistent()) {
		reopen();
		ck_ids(CE_ENTITY_PARTNER, NULL, IDS2(a, b));
	}
}
END_TEST

START_TEST(rollback_discards)
{
	int64_t keep = make_enterprise("山东某航空材料有限公司");
	int64_t st = make_student("2018010001", "张伟");
	char *before = store_dump();
	ck_ok(ce_db_begin(db));
	int64_t gone = make_enterprise("济南某精密铸造有限公司");
	ce_partner_spec s = partner("山东某航空材料集团有限公司");
	ck_ok(ce_partner_update(db, keep, &s));
	ck_ok(ce_student_set_status(db, st, CE_STUDENT_STATUS_GRADUATED, CE_DATE(2021, 6, 30)));
	ck_ok(ce_db_rollback(db));
	ck_assert_int_eq(ce_db_in_transaction(db), 0);
	ck_unchanged(before);
	ck_assert(!exists(CE_ENTITY_PARTNER, gone));
	ck_history(CE_ENTITY_STUDENT, st, "status", "0>1@20180901");
	/* the handle works normally afterwards */
	make_enterprise("济南某精密铸造有限公司");
	ck_assert_int_eq(count_of(CE_ENTITY_PARTNER), 2);
}
END_TEST

START_TEST(misuse)
{
	ck_rc(ce_db_commit(db), CE_EMISUSE);
	ck_said("commit");
	ck_rc(ce_db_rollback(db), CE_EMISUSE);
	ck_assert_int_eq(ce_db_errcode(db), CE_EMISUSE);
	ck_ok(ce_db_begin(db));
	int64_t a = make_enterprise("山东某航空材料有限公司");
	ck_rc(ce_db_begin(db), CE_EMISUSE); /* no nesting */
	ck_said("begin");
	ck_assert_int_eq(ce_db_in_transaction(db), 1); /* still the first one */
	ck_ok(ce_db_commit(db));
	ck_rc(ce_db_commit(db), CE_EMISUSE);
	ck_rc(ce_db_rollback(db), CE_EMISUSE);
	ck_ids(CE_ENTITY_PARTNER, NULL, IDS1(a));
	ck_rc(ce_db_begin(NULL), CE_EINVALID);
	ck_rc(ce_db_commit(NULL), CE_EINVALID);
	ck_rc(ce_db_rollback(NULL), CE_EINVALID);
	ck_assert_int_eq(ce_db_in_transaction(NULL), 0);
}
END_TEST

/* A refused call undoes only itself, not the transaction's earlier work. */
START_TEST(refusal_keeps_earlier_work)
{
	ce_partner_spec dup = partner("山东某航空材料有限公司");
	int64_t id;
	ck_ok(ce_db_begin(db));
	int64_t a = make_enterprise("山东某航空材料有限公司");
	ck_refused(ce_partner_create(&id, db, &dup), CE_EEXISTS);
	ck_assert_int_eq(ce_db_in_transaction(db), 1);
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	make_subtopic(prj, "热处理工艺优化");
	ck_refused(ce_project_delete(db, prj, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_refused(ce_project_set_status(db, prj, CE_PROJECT_STATUS_COMPLETED, CE_DATE(2019, 3, 1)),
	           CE_ETRANSITION);
	int64_t b = make_enterprise("济南某精密铸造有限公司");
	ck_ok(ce_db_commit(db));
	ck_ids(CE_ENTITY_PARTNER, NULL, IDS2(a, b));
	ck_assert_int_eq(count_of(CE_ENTITY_PROJECT), 1);
	ck_assert_int_eq(count_of(CE_ENTITY_SUBTOPIC), 1);
	ck_history(CE_ENTITY_PROJECT, prj, "status", "0>1@20190101");
}
END_TEST

/* A cascade that succeeds inside a transaction is undone by its rollback. */
START_TEST(rollback_undoes_cascade)
{
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	int64_t sub = make_subtopic(prj, "热处理工艺优化");
	make_milestone(sub, "完成中期检查", CE_DATE(2020, 6, 30));
	char *before = store_dump();
	ck_ok(ce_db_begin(db));
	ck_ok(ce_project_delete(db, prj, CE_DELETE_CASCADE));
	ck_assert_int_eq(count_of(CE_ENTITY_MILESTONE), 0);
	ck_ok(ce_db_rollback(db));
	ck_unchanged(before);
}
END_TEST

/* Inside a transaction the core may remember which records exist (to
 * check references faster); a record deleted, or rolled back, in it must
 * not be referenced afterwards. */
START_TEST(references_see_deletes_and_rollbacks)
{
	ce_subtopic_spec s = CE_SUBTOPIC_SPEC_INIT;
	int64_t id;
	s.title = "热处理工艺优化";
	s.kind = CE_SUBTOPIC_APPLIED;
	s.site = CE_SUBTOPIC_SITE_UNIVERSITY;
	s.planned_days = 90;
	s.status_date = CE_DATE(2019, 9, 1);

	ck_ok(ce_db_begin(db));
	int64_t deleted = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	make_subtopic(deleted, "覆膜砂再生工艺"); /* the project is known to exist now */
	ck_ok(ce_project_delete(db, deleted, CE_DELETE_CASCADE));
	s.project = deleted;
	ck_refused(ce_subtopic_create(&id, db, &s), CE_ECONSTRAINT);
	ck_said("subtopic.project");
	ck_ok(ce_db_commit(db));

	ck_ok(ce_db_begin(db));
	int64_t undone = make_project("2016ZDJS02A03", "航空发动机用高强铝合金", CE_DATE(2016, 1, 1));
	make_subtopic(undone, "经济性分析");
	ck_ok(ce_db_rollback(db));
	ck_ok(ce_db_begin(db));
	s.project = undone;
	ck_refused(ce_subtopic_create(&id, db, &s), CE_ECONSTRAINT);
	ck_said("subtopic.project");
	ck_ok(ce_db_commit(db));
	ck_assert_int_eq(count_of(CE_ENTITY_PROJECT), 0);
	ck_assert_int_eq(count_of(CE_ENTITY_SUBTOPIC), 0);
}
END_TEST

/* Inside a transaction the core may know a unique key is free without
 * asking the store (the table was empty when first checked, and it saw
 * every write since): keys created, changed, deleted, merged and undone in
 * the transaction must still be refused or accepted exactly as stored. */
START_TEST(unique_keys_seen_through_the_transaction)
{
	ce_partner_spec s = partner("山东某航空材料有限公司");
	int64_t id, a, b, st;
	ck_ok(ce_db_begin(db));
	a = make_enterprise("山东某航空材料有限公司");
	ck_refused(ce_partner_create(&id, db, &s), CE_EEXISTS);
	s.name = "  山东某航空材料有限公司　"; /* the same key once normalised */
	ck_refused(ce_partner_create(&id, db, &s), CE_EEXISTS);
	/* renamed: the new name is taken, the old one free */
	s = partner("济南某精密铸造有限公司");
	ck_ok(ce_partner_update(db, a, &s));
	ck_refused(ce_partner_create(&id, db, &s), CE_EEXISTS);
	ck_said("济南某精密铸造有限公司");
	b = make_enterprise("山东某航空材料有限公司");
	/* deleted: free again */
	ck_ok(ce_partner_delete(db, b, CE_DELETE_RESTRICT));
	b = make_enterprise("山东某航空材料有限公司");
	/* a refused call's key is not taken */
	st = make_student("2018010001", "张伟");
	ce_student_spec ss = CE_STUDENT_SPEC_INIT;
	ss.number = "2018010001";
	ss.name = "李娜";
	ss.level = CE_STUDENT_LEVEL_UNDERGRADUATE;
	ss.status_date = CE_DATE(2018, 9, 1);
	ss.cohort = 2018;
	ck_refused(ce_student_create(&id, db, &ss), CE_EEXISTS);
	ss.number = "2018010002";
	ss.cohort = 1800; /* out of range: refused after nothing was written */
	ck_refused(ce_student_create(&id, db, &ss), CE_EINVALID);
	ss.cohort = 2018;
	ck_ok(ce_student_create(&id, db, &ss));
	/* a group of columns: one supervision per student, supervisor and role */
	int64_t sup = make_academic("王建国");
	make_supervision(st, sup, CE_SUPERVISION_ROLE_MAIN);
	ce_supervision_spec vs = CE_SUPERVISION_SPEC_INIT;
	vs.student = st;
	vs.supervisor = sup;
	vs.role = CE_SUPERVISION_ROLE_MAIN;
	vs.start_date = CE_DATE(2018, 9, 1);
	ck_refused(ce_supervision_create(&id, db, &vs), CE_EEXISTS);
	vs.student = id;
	ck_ok(ce_supervision_create(&id, db, &vs));
	ck_ok(ce_db_commit(db));
	ck_assert_int_eq(count_of(CE_ENTITY_PARTNER), 2);
	ck_assert_int_eq(count_of(CE_ENTITY_STUDENT), 2);
	ck_assert_int_eq(count_of(CE_ENTITY_SUPERVISION), 2);

	/* a table that was not empty when the transaction began */
	ck_ok(ce_db_begin(db));
	s = partner("济南某精密铸造有限公司");
	ck_refused(ce_partner_create(&id, db, &s), CE_EEXISTS);
	s.name = "中国航发某研究所";
	ck_ok(ce_partner_create(&id, db, &s));
	ck_refused(ce_partner_create(&id, db, &s), CE_EEXISTS);
	ck_ok(ce_db_rollback(db));
	ck_ok(ce_db_begin(db));
	ck_ok(ce_partner_create(&id, db, &s)); /* rolled back: free */
	ck_ok(ce_db_commit(db));
	ck_assert_int_eq(count_of(CE_ENTITY_PARTNER), 3);
}
END_TEST

/* Inside a transaction the core may answer a read from the rows it wrote
 * or read there: every change, refusal, delete and rollback must show. */
START_TEST(rows_seen_through_the_transaction)
{
	ce_project *p;
	ck_ok(ce_db_begin(db));
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	ck_ok(ce_project_set_status(db, prj, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 3, 1)));
	ck_assert_int_eq(get_int(CE_ENTITY_PROJECT, prj, "status"), CE_PROJECT_STATUS_ACTIVE);
	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	s.code = "201901022063";
	s.title = "高强高韧铝合金材料研发（二期）";
	s.start_date = CE_DATE(2019, 1, 1);
	ck_ok(ce_project_update(db, prj, &s));
	ck_ok(ce_project_lookup(&p, db, prj));
	ck_assert_str_eq(ce_project_fields(p)->title, "高强高韧铝合金材料研发（二期）");
	ck_assert_int_eq(ce_project_fields(p)->status, CE_PROJECT_STATUS_ACTIVE);
	ce_project_free(p);
	s.start_date = CE_DATE(2019, 5, 1); /* after the move's date: refused */
	s.end_date = CE_DATE(2019, 4, 1);
	ck_refused(ce_project_update(db, prj, &s), CE_EINVALID);
	ck_refused(ce_project_set_status(db, prj, CE_PROJECT_STATUS_COMPLETED, CE_DATE(2019, 2, 1)),
	           CE_ETRANSITION);
	ck_ok(ce_project_set_status(db, prj, CE_PROJECT_STATUS_COMPLETED, CE_DATE(2019, 12, 1)));
	ck_history(CE_ENTITY_PROJECT, prj, "status", "0>1@20190101,1>2@20190301,2>3@20191201");
	ck_ok(ce_project_delete(db, prj, CE_DELETE_CASCADE));
	ck_rc(ce_project_lookup(&p, db, prj), CE_ENOTFOUND);
	ck_refused(ce_project_set_status(db, prj, CE_PROJECT_STATUS_TERMINATED, CE_DATE(2020, 1, 1)),
	           CE_ENOTFOUND);
	ck_ok(ce_db_rollback(db));
	ck_rc(ce_project_lookup(&p, db, prj), CE_ENOTFOUND);

	/* committed rows, read again in the next transaction */
	prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	ck_ok(ce_db_begin(db));
	ck_ok(ce_project_set_status(db, prj, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 3, 1)));
	ck_ok(ce_db_rollback(db));
	ck_assert_int_eq(get_int(CE_ENTITY_PROJECT, prj, "status"), CE_PROJECT_STATUS_PROPOSED);
	ck_ok(ce_db_begin(db));
	ck_assert_int_eq(get_int(CE_ENTITY_PROJECT, prj, "status"), CE_PROJECT_STATUS_PROPOSED);
	ck_ok(ce_project_set_status(db, prj, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 3, 1)));
	ck_ok(ce_db_commit(db));
	ck_history(CE_ENTITY_PROJECT, prj, "status", "0>1@20190101,1>2@20190301");
}
END_TEST

START_TEST(close_discards_open_transaction)
{
	int64_t keep = make_enterprise("山东某航空材料有限公司");
	ck_ok(ce_db_begin(db));
	make_enterprise("济南某精密铸造有限公司");
	ce_db_close(db); /* rolls back */
	db = NULL;
	ck_ok(ce_db_open(&db, store_uri(), NULL));
	if (persistent())
		ck_ids(CE_ENTITY_PARTNER, NULL, IDS1(keep));
	ck_assert_int_eq(ce_db_in_transaction(db), 0);
	ck_ok(ce_db_begin(db)); /* nothing is left locked */
	make_enterprise("济南某精密铸造有限公司");
	ck_ok(ce_db_commit(db));
}
END_TEST

/* Another handle on the same file: begin takes the write lock at once, so
 * a second writer gets CE_EBUSY (after its short busy timeout) but can
 * read the committed state. */
START_TEST(second_writer_busy)
{
	ce_open_options o = CE_OPEN_OPTIONS_INIT;
	ce_db *other;
	ce_partner_spec s = partner("济南某精密铸造有限公司");
	int64_t id, n;
	int64_t a = make_enterprise("山东某航空材料有限公司");
	o.busy_timeout_ms = 50;
	ck_ok(ce_db_open(&other, store_uri(), &o));
	ck_ok(ce_db_begin(db));
	make_enterprise("中国航发某研究所");
	ck_rc(ce_partner_create(&id, other, &s), CE_EBUSY);
	ck_assert_int_eq(ce_db_errcode(other), CE_EBUSY);
	ck_rc(ce_db_begin(other), CE_EBUSY);
	ck_assert_int_eq(ce_db_in_transaction(other), 0);
	ck_ok(ce_record_count(&n, other, CE_ENTITY_PARTNER, NULL));
	ck_assert_int_eq(n, 1); /* the uncommitted row is not seen */
	ck_ok(ce_db_commit(db));
	ck_ok(ce_partner_create(&id, other, &s));
	ck_ok(ce_record_count(&n, other, CE_ENTITY_PARTNER, NULL));
	ck_assert_int_eq(n, 3);
	ce_db_close(other);
	ck_assert_int_eq(count_of(CE_ENTITY_PARTNER), 3);
	(void)a;
}
END_TEST

Suite *suite_txn(void)
{
	Suite *s = suite_create("transactions");
	TCase *tc = store_tcase("txn");
	tcase_add_test(tc, commit_makes_visible);
	tcase_add_test(tc, rollback_discards);
	tcase_add_test(tc, misuse);
	tcase_add_test(tc, refusal_keeps_earlier_work);
	tcase_add_test(tc, unique_keys_seen_through_the_transaction);
	tcase_add_test(tc, rows_seen_through_the_transaction);
	tcase_add_test(tc, rollback_undoes_cascade);
	tcase_add_test(tc, references_see_deletes_and_rollbacks);
	tcase_add_test(tc, close_discards_open_transaction);
	if (persistent())
		tcase_add_test(tc, second_writer_busy);
	suite_add_tcase(s, tc);
	return s;
}
