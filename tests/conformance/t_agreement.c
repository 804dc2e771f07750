/* Agreement and its parties; the agreement status lifecycle. */
#include "conformance.h"

static ce_agreement_spec full(void)
{
	ce_agreement_spec s = CE_AGREEMENT_SPEC_INIT;
	s.title = "齐鲁工业大学与山东某航空材料有限公司研究生联合培养协议";
	s.scopes = CE_SCOPE_JOINT_TRAINING_BASE | CE_SCOPE_JOINT_PROJECT | CE_SCOPE_INTERNSHIP_HOSTING;
	s.signed_on = CE_DATE(2018, 12, 20);
	s.start_date = CE_DATE(2019, 1, 1);
	s.end_date = CE_DATE(2023, 12, 31);
	s.conduct_terms = "实习学生须遵守企业安全生产规定，不得擅自离岗。";
	return s;
}

START_TEST(agreement_round_trip)
{
	ce_agreement_spec s = full();
	ce_agreement *a;
	int64_t id;
	ck_ok(ce_agreement_create(&id, db, &s));
	ck_ok(ce_agreement_lookup(&a, db, id));
	const ce_agreement_spec *f = ce_agreement_fields(a);
	ck_assert_str_eq(f->title, s.title);
	ck_assert_uint_eq(f->scopes, s.scopes);
	ck_assert_int_eq(f->signed_on, CE_DATE(2018, 12, 20));
	ck_assert_int_eq(f->start_date, CE_DATE(2019, 1, 1));
	ck_assert_int_eq(f->end_date, CE_DATE(2023, 12, 31));
	ck_assert_int_eq(f->status, CE_AGREEMENT_STATUS_DRAFT); /* the default */
	ck_assert_int_eq(f->status_date, CE_DATE(2019, 1, 1)); /* from start_date */
	ck_assert_str_eq(f->conduct_terms, s.conduct_terms);
	ce_agreement_free(a);
	ck_history(CE_ENTITY_AGREEMENT, id, "status", "0>1@20190101");

	s.title = "研究生联合培养协议（修订）";
	s.end_date = 0;
	ck_ok(ce_agreement_update(db, id, &s));
	ck_ok(ce_agreement_lookup(&a, db, id));
	ck_assert_str_eq(ce_agreement_fields(a)->title, "研究生联合培养协议（修订）");
	ck_assert_int_eq(ce_agreement_fields(a)->end_date, 0);
	ck_assert_int_eq(ce_agreement_fields(a)->status, CE_AGREEMENT_STATUS_DRAFT);
	ce_agreement_free(a);
	ck_history(CE_ENTITY_AGREEMENT, id, "status", "0>1@20190101");
}
END_TEST

START_TEST(agreement_needs_a_scope)
{
	ce_agreement_spec s = full();
	int64_t id;
	s.scopes = 0;
	ck_refused(ce_agreement_create(&id, db, &s), CE_EINVALID);
	ck_said("agreement.scopes");
	s = full();
	ck_ok(ce_agreement_create(&id, db, &s));
	s.scopes = 0;
	ck_refused(ce_agreement_update(db, id, &s), CE_EINVALID);
	s.title = NULL;
	s.scopes = CE_SCOPE_CONSULTING;
	ck_refused(ce_agreement_update(db, id, &s), CE_EINVALID);
	ck_said("agreement.title");
	s = full();
	s.start_date = 0;
	ck_refused(ce_agreement_create(&id, db, &s), CE_EINVALID);
	ck_said("agreement.start_date");
}
END_TEST

START_TEST(agreement_initial_states)
{
	ce_agreement_spec s = full();
	int64_t id;
	s.status = CE_AGREEMENT_STATUS_ACTIVE;
	s.status_date = CE_DATE(2019, 1, 15);
	ck_ok(ce_agreement_create(&id, db, &s));
	ck_history(CE_ENTITY_AGREEMENT, id, "status", "0>2@20190115");
	s.status = CE_AGREEMENT_STATUS_EXPIRED;
	ck_refused(ce_agreement_create(&id, db, &s), CE_ETRANSITION);
	ck_said("agreement.status", "expired");
	s.status = CE_AGREEMENT_STATUS_TERMINATED;
	ck_refused(ce_agreement_create(&id, db, &s), CE_ETRANSITION);
	s.status = (ce_agreement_status)9;
	ck_refused(ce_agreement_create(&id, db, &s), CE_EINVALID);
}
END_TEST

START_TEST(agreement_moves)
{
	int64_t a = make_agreement("协议甲", CE_SCOPE_CONSULTING, CE_DATE(2019, 1, 1));
	int64_t b = make_agreement("协议乙", CE_SCOPE_CONSULTING, CE_DATE(2019, 1, 1));
	int64_t c = make_agreement("协议丙", CE_SCOPE_CONSULTING, CE_DATE(2019, 1, 1));
	ck_ok(ce_agreement_set_status(db, a, CE_AGREEMENT_STATUS_ACTIVE, CE_DATE(2019, 2, 1)));
	ck_ok(ce_agreement_set_status(db, a, CE_AGREEMENT_STATUS_EXPIRED, CE_DATE(2023, 12, 31)));
	ck_history(CE_ENTITY_AGREEMENT, a, "status", "0>1@20190101,1>2@20190201,2>3@20231231");
	ck_ok(ce_agreement_set_status(db, b, CE_AGREEMENT_STATUS_TERMINATED, CE_DATE(2019, 1, 1)));
	ck_history(CE_ENTITY_AGREEMENT, b, "status", "0>1@20190101,1>4@20190101");
	ck_ok(ce_agreement_set_status(db, c, CE_AGREEMENT_STATUS_ACTIVE, CE_DATE(2019, 1, 1)));
	ck_ok(ce_agreement_set_status(db, c, CE_AGREEMENT_STATUS_TERMINATED, CE_DATE(2020, 3, 1)));
	ck_assert_int_eq(get_int(CE_ENTITY_AGREEMENT, c, "status"), CE_AGREEMENT_STATUS_TERMINATED);
	ck_assert_int_eq(get_int(CE_ENTITY_AGREEMENT, c, "status_date"), CE_DATE(2020, 3, 1));

	/* the generic call is the same move */
	int64_t d = make_agreement("协议丁", CE_SCOPE_CONSULTING, CE_DATE(2019, 1, 1));
	ck_ok(ce_record_transition(db, CE_ENTITY_AGREEMENT, d, "status", CE_AGREEMENT_STATUS_ACTIVE,
	                           CE_DATE(2019, 5, 4)));
	ck_history(CE_ENTITY_AGREEMENT, d, "status", "0>1@20190101,1>2@20190504");

	ce_filter *f = f_int("status", CE_AGREEMENT_STATUS_TERMINATED);
	ck_ids(CE_ENTITY_AGREEMENT, f, IDS2(b, c));
	ce_filter_free(f);
}
END_TEST

START_TEST(agreement_illegal_moves)
{
	int64_t a = make_agreement("协议甲", CE_SCOPE_CONSULTING, CE_DATE(2019, 1, 1));
	ck_refused(ce_agreement_set_status(db, a, CE_AGREEMENT_STATUS_EXPIRED, CE_DATE(2019, 2, 1)),
	           CE_ETRANSITION);
	ck_said("agreement.status", "draft", "expired");
	ck_refused(ce_agreement_set_status(db, a, CE_AGREEMENT_STATUS_DRAFT, CE_DATE(2019, 2, 1)),
	           CE_ETRANSITION);
	ck_ok(ce_agreement_set_status(db, a, CE_AGREEMENT_STATUS_ACTIVE, CE_DATE(2019, 2, 1)));
	ck_refused(ce_agreement_set_status(db, a, CE_AGREEMENT_STATUS_DRAFT, CE_DATE(2019, 3, 1)),
	           CE_ETRANSITION);
	ck_ok(ce_agreement_set_status(db, a, CE_AGREEMENT_STATUS_EXPIRED, CE_DATE(2023, 12, 31)));
	/* final states stay final */
	ck_refused(ce_agreement_set_status(db, a, CE_AGREEMENT_STATUS_ACTIVE, CE_DATE(2024, 1, 1)),
	           CE_ETRANSITION);
	ck_refused(ce_agreement_set_status(db, a, CE_AGREEMENT_STATUS_TERMINATED, CE_DATE(2024, 1, 1)),
	           CE_ETRANSITION);
	ck_said("expired");
	ck_history(CE_ENTITY_AGREEMENT, a, "status", "0>1@20190101,1>2@20190201,2>3@20231231");
}
END_TEST

START_TEST(agreement_transition_arguments)
{
	int64_t a = make_agreement("协议甲", CE_SCOPE_CONSULTING, CE_DATE(2019, 3, 1));
	/* a date before the current state's date goes backwards */
	ck_refused(ce_agreement_set_status(db, a, CE_AGREEMENT_STATUS_ACTIVE, CE_DATE(2019, 2, 28)),
	           CE_ETRANSITION);
	ck_said("agreement.status", "2019-02-28");
	ck_refused(ce_agreement_set_status(db, a, CE_AGREEMENT_STATUS_ACTIVE, 20190230), CE_EINVALID);
	ck_refused(ce_agreement_set_status(db, a, CE_AGREEMENT_STATUS_ACTIVE, 0), CE_EINVALID);
	ck_refused(ce_agreement_set_status(db, a, (ce_agreement_status)0, CE_DATE(2019, 4, 1)),
	           CE_EINVALID);
	ck_refused(ce_agreement_set_status(db, a, (ce_agreement_status)5, CE_DATE(2019, 4, 1)),
	           CE_EINVALID);
	ck_refused(ce_agreement_set_status(db, a + 1, CE_AGREEMENT_STATUS_ACTIVE, CE_DATE(2019, 4, 1)),
	           CE_ENOTFOUND);
	ck_refused(ce_record_transition(db, CE_ENTITY_AGREEMENT, a, "title", 1, CE_DATE(2019, 4, 1)),
	           CE_EINVALID);
	ck_refused(ce_record_transition(db, CE_ENTITY_AGREEMENT, a, "status_date", 1, CE_DATE(2019, 4, 1)),
	           CE_EINVALID);
	ck_refused(ce_record_transition(db, CE_ENTITY_AGREEMENT, a, NULL, 1, CE_DATE(2019, 4, 1)),
	           CE_EINVALID);
	ck_rc(ce_record_transition(NULL, CE_ENTITY_AGREEMENT, a, "status", 2, CE_DATE(2019, 4, 1)),
	      CE_EINVALID);
	ck_refused(ce_record_transition(db, (ce_entity)0, a, "status", 2, CE_DATE(2019, 4, 1)),
	           CE_EINVALID);
	ck_refused(ce_record_transition(db, CE_ENTITY_PARTNER, a, "kind", 2, CE_DATE(2019, 4, 1)),
	           CE_EINVALID);

	ce_transition *h = (ce_transition *)&h;
	size_t n = 99;
	ck_rc(ce_history(&h, &n, db, CE_ENTITY_AGREEMENT, a + 1, "status"), CE_ENOTFOUND);
	ck_rc(ce_history(&h, &n, db, CE_ENTITY_AGREEMENT, a, "title"), CE_EINVALID);
	ck_rc(ce_history(NULL, &n, db, CE_ENTITY_AGREEMENT, a, "status"), CE_EINVALID);
	ck_rc(ce_history(&h, NULL, db, CE_ENTITY_AGREEMENT, a, "status"), CE_EINVALID);
	ck_rc(ce_history(&h, &n, NULL, CE_ENTITY_AGREEMENT, a, "status"), CE_EINVALID);
	ce_transitions_free(NULL);

	/* the same day as the current state's date is not backwards */
	ck_ok(ce_agreement_set_status(db, a, CE_AGREEMENT_STATUS_ACTIVE, CE_DATE(2019, 3, 1)));
}
END_TEST

START_TEST(agreement_update_cannot_move_status)
{
	ce_agreement_spec s = full();
	int64_t id;
	ck_ok(ce_agreement_create(&id, db, &s));
	s.status = CE_AGREEMENT_STATUS_ACTIVE;
	ck_refused(ce_agreement_update(db, id, &s), CE_ETRANSITION);
	ck_said("agreement.status");
	s.status = (ce_agreement_status)0;
	s.status_date = CE_DATE(2019, 6, 1);
	ck_refused(ce_agreement_update(db, id, &s), CE_ETRANSITION);
	/* repeating the stored state is no move */
	s.status = CE_AGREEMENT_STATUS_DRAFT;
	s.status_date = CE_DATE(2019, 1, 1);
	s.title = "协议（更名）";
	ck_ok(ce_agreement_update(db, id, &s));

	/* generic update with the lifecycle column changed */
	ce_record *r;
	ck_ok(ce_record_lookup(&r, db, CE_ENTITY_AGREEMENT, id));
	ck_ok(ce_record_set_int(r, "status", CE_AGREEMENT_STATUS_TERMINATED));
	ck_refused(ce_record_update(db, r), CE_ETRANSITION);
	ce_record_free(r);
	ck_history(CE_ENTITY_AGREEMENT, id, "status", "0>1@20190101");
}
END_TEST

START_TEST(agreement_parties)
{
	int64_t a = make_agreement("协议甲", CE_SCOPE_JOINT_PROJECT, CE_DATE(2019, 1, 1));
	int64_t b = make_agreement("协议乙", CE_SCOPE_ORDER_CLASS, CE_DATE(2019, 1, 1));
	int64_t p = make_enterprise("山东某航空材料有限公司");
	int64_t q = make_partner("山东省科学技术厅", CE_PARTNER_GOVERNMENT);
	int64_t pa = make_party(a, p), qa = make_party(a, q), pb = make_party(b, p);
	ce_agreement_party *r;
	ck_ok(ce_agreement_party_lookup(&r, db, qa));
	ck_assert_int_eq(ce_agreement_party_fields(r)->agreement, a);
	ck_assert_int_eq(ce_agreement_party_fields(r)->partner, q);
	ce_agreement_party_free(r);

	ce_filter *f = f_int("partner", p);
	ck_ids(CE_ENTITY_AGREEMENT, f, IDS2(a, b));
	ce_filter_free(f);
	f = f_int("partner", q);
	ck_ids(CE_ENTITY_AGREEMENT, f, IDS1(a));
	ce_filter_free(f);
	f = f_int("agreement", a);
	ck_ids(CE_ENTITY_AGREEMENT_PARTY, f, IDS2(pa, qa));
	ce_filter_free(f);

	ce_agreement_party_spec s = CE_AGREEMENT_PARTY_SPEC_INIT;
	s.agreement = b;
	int64_t id;
	ck_refused(ce_agreement_party_create(&id, db, &s), CE_EINVALID); /* partner required */
	s.partner = p;
	ck_refused(ce_agreement_party_create(&id, db, &s), CE_EEXISTS);
	/* moving a party onto an existing pair is refused too */
	s.agreement = a;
	ck_refused(ce_agreement_party_update(db, pb, &s), CE_EEXISTS);
	ck_assert_int_eq(get_int(CE_ENTITY_AGREEMENT_PARTY, pb, "agreement"), b);
}
END_TEST

Suite *suite_agreement(void)
{
	Suite *s = suite_create("agreement");
	TCase *tc = store_tcase("agreement");
	tcase_add_test(tc, agreement_round_trip);
	tcase_add_test(tc, agreement_needs_a_scope);
	tcase_add_test(tc, agreement_initial_states);
	tcase_add_test(tc, agreement_moves);
	tcase_add_test(tc, agreement_illegal_moves);
	tcase_add_test(tc, agreement_transition_arguments);
	tcase_add_test(tc, agreement_update_cannot_move_status);
	tcase_add_test(tc, agreement_parties);
	suite_add_tcase(s, tc);
	return s;
}
