/* Benefit and IP sharing (the graduate-education study's "distribution of
 * benefits" problem): each agreement party's shares and an outcome's
 * owners, in basis points. Rules: each share 0..100 %; one terms row per
 * party, one owner row per (outcome, partner); an agreement's benefit
 * shares and its IP shares each add up to at most 100 %, an outcome's
 * owners' shares too — on insert and on update. */
#include "conformance.h"

static int64_t make_share(int64_t party, int64_t benefit, int64_t ip, int rc_want)
{
	ce_agreement_share_spec s = CE_AGREEMENT_SHARE_SPEC_INIT;
	int64_t id = 0;
	s.party = party;
	s.benefit_share_bp = benefit;
	s.ip_share_bp = ip;
	s.terms = "专利由双方共同申请，转化收益按约定比例分配";
	if (rc_want == CE_OK)
		ck_ok(ce_agreement_share_create(&id, db, &s));
	else
		ck_refused(ce_agreement_share_create(&id, db, &s), rc_want);
	return id;
}

static int64_t make_owner(int64_t outcome, int64_t partner, int64_t share, int rc_want)
{
	ce_outcome_owner_spec s = CE_OUTCOME_OWNER_SPEC_INIT;
	int64_t id = 0;
	s.outcome = outcome;
	s.partner = partner;
	s.share_bp = share;
	if (rc_want == CE_OK)
		ck_ok(ce_outcome_owner_create(&id, db, &s));
	else
		ck_refused(ce_outcome_owner_create(&id, db, &s), rc_want);
	return id;
}

START_TEST(agreement_shares)
{
	int64_t uni = make_partner("山东某理工大学", CE_PARTNER_UNIVERSITY);
	int64_t firm = make_enterprise("山东某航空材料有限公司");
	int64_t gov = make_partner("山东省科学技术厅", CE_PARTNER_GOVERNMENT);
	int64_t ag = make_agreement("研究生联合培养与联合研发协议", CE_SCOPE_JOINT_PROJECT, CE_DATE(2015, 3, 1));
	int64_t other = make_agreement("技术咨询协议", CE_SCOPE_CONSULTING, CE_DATE(2020, 1, 1));
	int64_t p_uni = make_party(ag, uni), p_firm = make_party(ag, firm), p_gov = make_party(ag, gov);
	int64_t p_other = make_party(other, firm);

	int64_t s_uni = make_share(p_uni, 4000, 5000, CE_OK);
	int64_t s_firm = make_share(p_firm, 6000, 5000, CE_OK);
	ce_agreement_share *r;
	ck_ok(ce_agreement_share_lookup(&r, db, s_firm));
	ck_assert_int_eq(ce_agreement_share_fields(r)->party, p_firm);
	ck_assert_int_eq(ce_agreement_share_fields(r)->benefit_share_bp, 6000);
	ck_assert_int_eq(ce_agreement_share_fields(r)->ip_share_bp, 5000);
	ck_assert_str_eq(ce_agreement_share_fields(r)->terms, "专利由双方共同申请，转化收益按约定比例分配");
	ce_agreement_share_free(r);

	/* 100 % of each is taken: a third party's share of either is refused */
	make_share(p_gov, 1, 0, CE_EINVALID);
	ck_said("benefit_share_bp", "10001", "100%");
	make_share(p_gov, 0, 1, CE_EINVALID);
	ck_said("ip_share_bp", "10001");
	make_share(p_gov, 0, 0, CE_OK); /* terms without a share */
	/* another agreement's shares are its own */
	make_share(p_other, 10000, 10000, CE_OK);
	/* one terms row per party */
	make_share(p_uni, 0, 0, CE_EEXISTS);
	/* each share 0..100 % */
	ce_agreement_share_spec s = CE_AGREEMENT_SHARE_SPEC_INIT;
	s.party = p_firm;
	s.benefit_share_bp = 10001;
	ck_refused(ce_agreement_share_update(db, s_firm, &s), CE_EINVALID);
	s.benefit_share_bp = -1;
	ck_refused(ce_agreement_share_update(db, s_firm, &s), CE_EINVALID);
	/* an update counts the row once: raising one party past the rest is refused */
	s.benefit_share_bp = 6001;
	s.ip_share_bp = 5000;
	ck_refused(ce_agreement_share_update(db, s_firm, &s), CE_EINVALID);
	s.benefit_share_bp = 5500;
	ck_ok(ce_agreement_share_update(db, s_firm, &s));
	ck_ok(ce_agreement_share_lookup(&r, db, s_uni));
	ce_agreement_share_spec u = *ce_agreement_share_fields(r); /* borrows r's terms */
	u.benefit_share_bp = 4500; /* 45 % + 55 % */
	ck_ok(ce_agreement_share_update(db, s_uni, &u));
	ce_agreement_share_free(r);
	/* the party goes, its terms with it only when asked */
	ck_refused(ce_agreement_party_delete(db, p_uni, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_ok(ce_agreement_party_delete(db, p_uni, CE_DELETE_CASCADE));
	ck_assert_int_eq(exists(CE_ENTITY_AGREEMENT_SHARE, s_uni), 0);
	/* and its 45 % is free again */
	make_share(make_party(ag, make_enterprise("山东某铸造机械有限公司")), 4500, 0, CE_OK);
}
END_TEST

START_TEST(outcome_owners)
{
	int64_t uni = make_partner("山东某理工大学", CE_PARTNER_UNIVERSITY);
	int64_t firm = make_enterprise("山东某航空材料有限公司");
	int64_t third = make_enterprise("北京某科技有限公司");
	int64_t patent = make_outcome(CE_OUTCOME_INVENTION_PATENT, "一种高强韧铝合金及其制备方法",
	                              CE_DATE(2017, 5, 8));
	int64_t other = make_outcome(CE_OUTCOME_INVENTION_PATENT, "一种覆膜砂再生方法", CE_DATE(2019, 11, 2));
	int64_t o_uni = make_owner(patent, uni, 5000, CE_OK);
	make_owner(patent, firm, 5000, CE_OK);
	make_owner(patent, third, 1, CE_EINVALID);
	ck_said("share_bp", "10001", "100%");
	make_owner(patent, third, 0, CE_OK); /* a co-owner whose share is not stated */
	make_owner(patent, firm, 0, CE_EEXISTS);
	make_owner(other, firm, 10000, CE_OK);
	make_owner(other, uni, 10001, CE_EINVALID);
	/* an update counts the row once */
	ce_outcome_owner_spec s = CE_OUTCOME_OWNER_SPEC_INIT;
	s.outcome = patent;
	s.partner = uni;
	s.share_bp = 5001;
	ck_refused(ce_outcome_owner_update(db, o_uni, &s), CE_EINVALID);
	s.share_bp = 4000;
	ck_ok(ce_outcome_owner_update(db, o_uni, &s));
	if (persistent())
		reopen();
	ce_filter *by = f_int("partner", firm);
	ck_assert_int_eq(count_where(CE_ENTITY_OUTCOME_OWNER, by), 2);
	ce_filter_free(by);
	ck_assert_int_eq(get_int(CE_ENTITY_OUTCOME_OWNER, o_uni, "share_bp"), 4000);
	/* an owned outcome goes only with its owners */
	ck_refused(ce_outcome_delete(db, patent, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_ok(ce_outcome_delete(db, patent, CE_DELETE_CASCADE));
	by = f_int("outcome", patent);
	ck_assert_int_eq(count_where(CE_ENTITY_OUTCOME_OWNER, by), 0);
	ce_filter_free(by);
}
END_TEST

Suite *suite_sharing(void)
{
	Suite *s = suite_create("sharing");
	TCase *tc = store_tcase("sharing");
	tcase_add_test(tc, agreement_shares);
	tcase_add_test(tc, outcome_owners);
	suite_add_tcase(s, tc);
	return s;
}
