/* Outcomes: identifiers, the per-kind status lifecycle, contributors,
 * attributions and derivations (no cycles). */
#include <stdio.h>

#include "conformance.h"

#define S(x) CE_OUTCOME_STATUS_##x

static const ce_date D0 = CE_DATE(2019, 3, 1);

/* Walks an outcome of `kind` along `path` (0-terminated, first entry the
 * initial state), one month per move, checking each move and the history. */
static int64_t walk(ce_outcome_kind kind, const int *path)
{
	char title[64], want[400];
	size_t len;
	snprintf(title, sizeof title, "成果-%d-%d-%d", (int)kind, path[0], path[1]);
	int64_t id = make_outcome(kind, title, D0);
	ck_assert_int_eq(get_int(CE_ENTITY_OUTCOME, id, "status"), path[0]);
	len = (size_t)snprintf(want, sizeof want, "0>%d@%d", path[0], (int)D0);
	for (int i = 1; path[i]; i++) {
		ce_date on = CE_DATE(2019, 3 + i, 1);
		ck_ok(ce_outcome_set_status(db, id, (ce_outcome_status)path[i], on));
		len += (size_t)snprintf(want + len, sizeof want - len, ",%d>%d@%d", path[i - 1], path[i],
		                        (int)on);
	}
	ck_history(CE_ENTITY_OUTCOME, id, "status", want);
	return id;
}

/* Asserts outcome id may not move to `to`. */
static void refuse(int64_t id, int to)
{
	ck_refused(ce_outcome_set_status(db, id, (ce_outcome_status)to, CE_DATE(2021, 1, 1)),
	           CE_ETRANSITION);
	ck_said("outcome.status");
}

START_TEST(outcome_round_trip)
{
	ce_outcome_spec s = CE_OUTCOME_SPEC_INIT;
	ce_outcome *r;
	int64_t id;
	s.kind = CE_OUTCOME_INVENTION_PATENT;
	s.title = "一种高强高韧铝合金及其制备方法";
	s.patent_number = "CN201610123456.7";
	s.status_date = CE_DATE(2016, 3, 2);
	ck_ok(ce_outcome_create(&id, db, &s));
	ck_ok(ce_outcome_lookup(&r, db, id));
	const ce_outcome_spec *f = ce_outcome_fields(r);
	ck_assert_int_eq(f->kind, CE_OUTCOME_INVENTION_PATENT);
	ck_assert_str_eq(f->title, "一种高强高韧铝合金及其制备方法");
	ck_assert_str_eq(f->patent_number, "CN201610123456.7");
	ck_assert_ptr_null(f->doi);
	ck_assert_int_eq(f->status, S(FILED));
	ck_assert_int_eq(f->status_date, CE_DATE(2016, 3, 2));
	ce_outcome_free(r);
	ck_history(CE_ENTITY_OUTCOME, id, "status", "0>1@20160302");

	s.title = "一种高强高韧铝合金及其热处理方法";
	s.status_date = 0;
	ck_ok(ce_outcome_update(db, id, &s));
	ck_ok(ce_outcome_lookup(&r, db, id));
	ck_assert_str_eq(ce_outcome_fields(r)->title, "一种高强高韧铝合金及其热处理方法");
	ce_outcome_free(r);

	s.status_date = 0;
	s.patent_number = "CN201610123457.1";
	ck_refused(ce_outcome_create(&id, db, &s), CE_EINVALID); /* no default date */
	ck_said("outcome.status_date");
	s.status_date = CE_DATE(2016, 3, 2);
	s.kind = (ce_outcome_kind)14;
	ck_refused(ce_outcome_create(&id, db, &s), CE_EINVALID);
	ck_said("outcome.kind");
}
END_TEST

START_TEST(outcome_identifiers)
{
	ce_outcome_spec s = CE_OUTCOME_SPEC_INIT;
	int64_t id, paper;
	s.kind = CE_OUTCOME_PAPER;
	s.title = "Al-Zn-Mg-Cu合金时效析出行为研究";
	s.status_date = CE_DATE(2019, 5, 1);
	s.patent_number = "CN201610123456.7";
	ck_refused(ce_outcome_create(&id, db, &s), CE_EINVALID);
	ck_said("outcome.patent_number", "paper");
	s.patent_number = NULL;
	static const char *const bad[] = { "11.1016/j.msea.2019.01.001", "10./x", "10.1016/",
		                               "doi:10.1016/x", "10.1016", "10.1016x" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		s.doi = bad[i];
		ck_refused(ce_outcome_create(&id, db, &s), CE_EINVALID);
		ck_said("outcome.doi");
	}
	s.doi = "10.1016/j.msea.2019.01.001";
	ck_ok(ce_outcome_create(&paper, db, &s));
	s.title = "另一篇论文";
	ck_refused(ce_outcome_create(&id, db, &s), CE_EEXISTS);
	ck_said("outcome.doi", "10.1016/j.msea.2019.01.001");

	s.kind = CE_OUTCOME_INVENTION_PATENT;
	s.title = "一种覆膜砂回收方法";
	s.doi = "10.1016/j.msea.2019.01.002";
	ck_refused(ce_outcome_create(&id, db, &s), CE_EINVALID);
	ck_said("outcome.doi", "invention_patent");
	s.doi = NULL;
	s.patent_number = "CN201910000001.X";
	ck_ok(ce_outcome_create(&id, db, &s));
	s.kind = CE_OUTCOME_UTILITY_MODEL_PATENT;
	s.title = "一种覆膜砂回收装置";
	ck_refused(ce_outcome_create(&id, db, &s), CE_EEXISTS);
	ck_said("outcome.patent_number");
	s.patent_number = "CN201920000002.3";
	ck_ok(ce_outcome_create(&id, db, &s));
	s.kind = CE_OUTCOME_PRODUCT;
	s.title = "高强铝合金铸件";
	s.patent_number = "CN201920000003.1";
	ck_refused(ce_outcome_create(&id, db, &s), CE_EINVALID);

	ce_filter *f = f_text("doi", "10.1016/j.msea.2019.01.001");
	ck_ids(CE_ENTITY_OUTCOME, f, IDS1(paper));
	ce_filter_free(f);
}
END_TEST

/* Every kind starts in its first state; no other start is allowed. */
START_TEST(outcome_initial_states)
{
	static const int first[] = { 0, S(FILED), S(FILED), S(FILED), S(SUBMITTED), S(PROTOTYPE),
		                         S(DRAFTED), S(GRANTED), S(DRAFTED), S(DRAFTED), S(DRAFTED),
		                         S(PROPOSED), S(FOUNDED), S(NEGOTIATED) };
	for (int k = CE_OUTCOME_INVENTION_PATENT; k <= CE_OUTCOME_TECHNOLOGY_TRANSFER; k++) {
		char title[32];
		snprintf(title, sizeof title, "成果%d", k);
		int64_t id = make_outcome((ce_outcome_kind)k, title, D0);
		ck_assert_msg(get_int(CE_ENTITY_OUTCOME, id, "status") == first[k], "kind %d starts in %lld",
		              k, (long long)get_int(CE_ENTITY_OUTCOME, id, "status"));
	}
	ce_outcome_spec s = CE_OUTCOME_SPEC_INIT;
	int64_t id;
	s.kind = CE_OUTCOME_PAPER;
	s.title = "直接以已接收状态录入的论文";
	s.status_date = D0;
	s.status = S(ACCEPTED);
	ck_refused(ce_outcome_create(&id, db, &s), CE_ETRANSITION);
	ck_said("outcome.status", "accepted", "paper");
	s.status = S(FILED); /* another kind's first state */
	ck_refused(ce_outcome_create(&id, db, &s), CE_ETRANSITION);
	s.status = S(SUBMITTED);
	ck_ok(ce_outcome_create(&id, db, &s));
	s.kind = CE_OUTCOME_INVENTION_PATENT;
	s.title = "直接以授权状态录入的专利";
	s.status = S(GRANTED);
	ck_refused(ce_outcome_create(&id, db, &s), CE_ETRANSITION);
	s.status = (ce_outcome_status)22;
	ck_refused(ce_outcome_create(&id, db, &s), CE_EINVALID);
}
END_TEST

START_TEST(outcome_patent_moves)
{
	static const int granted[] = { S(FILED), S(PUBLISHED), S(GRANTED), 0 };
	static const int rejected_early[] = { S(FILED), S(REJECTED), 0 };
	static const int withdrawn_early[] = { S(FILED), S(WITHDRAWN), 0 };
	static const int rejected_late[] = { S(FILED), S(PUBLISHED), S(REJECTED), 0 };
	static const int withdrawn_late[] = { S(FILED), S(PUBLISHED), S(WITHDRAWN), 0 };
	static const int utility_direct[] = { S(FILED), S(GRANTED), 0 };
	for (int k = CE_OUTCOME_INVENTION_PATENT; k <= CE_OUTCOME_UTILITY_MODEL_PATENT; k++) {
		int64_t g = walk((ce_outcome_kind)k, granted);
		refuse(g, S(REJECTED));
		refuse(g, S(PUBLISHED));
		int64_t r = walk((ce_outcome_kind)k, rejected_early);
		refuse(r, S(PUBLISHED));
		refuse(r, S(GRANTED));
		walk((ce_outcome_kind)k, withdrawn_early);
		walk((ce_outcome_kind)k, rejected_late);
		int64_t w = walk((ce_outcome_kind)k, withdrawn_late);
		refuse(w, S(GRANTED));
	}
	walk(CE_OUTCOME_UTILITY_MODEL_PATENT, utility_direct);
	/* an invention patent must be published before it is granted */
	int64_t inv = make_outcome(CE_OUTCOME_INVENTION_PATENT, "一种高强高韧铝合金", D0);
	refuse(inv, S(GRANTED));
	ck_said("filed", "granted");
	refuse(inv, S(SUBMITTED)); /* a state of another kind */
	refuse(inv, S(REGISTERED));
	/* dates never go backwards */
	ck_refused(ce_outcome_set_status(db, inv, S(PUBLISHED), CE_DATE(2019, 2, 28)), CE_ETRANSITION);
	ck_ok(ce_outcome_set_status(db, inv, S(PUBLISHED), D0));
}
END_TEST

START_TEST(outcome_paper_moves)
{
	static const int published[] = { S(SUBMITTED), S(ACCEPTED), S(PUBLISHED), 0 };
	static const int rejected[] = { S(SUBMITTED), S(REJECTED), 0 };
	static const int withdrawn_early[] = { S(SUBMITTED), S(WITHDRAWN), 0 };
	static const int withdrawn_late[] = { S(SUBMITTED), S(ACCEPTED), S(WITHDRAWN), 0 };
	int64_t p = walk(CE_OUTCOME_PAPER, published);
	refuse(p, S(WITHDRAWN));
	refuse(p, S(ACCEPTED));
	refuse(p, S(GRANTED));
	walk(CE_OUTCOME_PAPER, rejected);
	walk(CE_OUTCOME_PAPER, withdrawn_early);
	int64_t w = walk(CE_OUTCOME_PAPER, withdrawn_late);
	refuse(w, S(PUBLISHED));
	int64_t q = make_outcome(CE_OUTCOME_PAPER, "待投稿论文", D0);
	refuse(q, S(PUBLISHED)); /* not before acceptance */
	ck_ok(ce_outcome_set_status(db, q, S(ACCEPTED), D0));
	refuse(q, S(REJECTED));
}
END_TEST

START_TEST(outcome_product_and_entrepreneurship_moves)
{
	static const int product[] = { S(PROTOTYPE), S(PILOT), S(MASS_PRODUCTION), 0 };
	static const int ep_done[] = { S(PROPOSED), S(APPROVED), S(COMPLETED), 0 };
	static const int ep_stopped[] = { S(PROPOSED), S(TERMINATED), 0 };
	static const int ep_stopped_late[] = { S(PROPOSED), S(APPROVED), S(TERMINATED), 0 };
	int64_t pr = walk(CE_OUTCOME_PRODUCT, product);
	refuse(pr, S(PILOT));
	refuse(pr, S(PROTOTYPE));
	int64_t p2 = make_outcome(CE_OUTCOME_PRODUCT, "覆膜砂再生设备样机", D0);
	refuse(p2, S(MASS_PRODUCTION)); /* no skipping the pilot */

	int64_t e = walk(CE_OUTCOME_ENTREPRENEURSHIP_PROJECT, ep_done);
	refuse(e, S(TERMINATED));
	walk(CE_OUTCOME_ENTREPRENEURSHIP_PROJECT, ep_stopped);
	walk(CE_OUTCOME_ENTREPRENEURSHIP_PROJECT, ep_stopped_late);
	int64_t e2 = make_outcome(CE_OUTCOME_ENTREPRENEURSHIP_PROJECT, "覆膜砂回收创业训练项目", D0);
	refuse(e2, S(COMPLETED));
	ck_said("proposed", "completed");
}
END_TEST

START_TEST(outcome_other_kinds_moves)
{
	static const int software[] = { S(FILED), S(REGISTERED), 0 };
	static const int standard[] = { S(DRAFTED), S(PUBLISHED), 0 };
	static const int report[] = { S(DRAFTED), S(COMPLETED), 0 };
	static const int startup[] = { S(FOUNDED), S(OPERATING), S(CLOSED), 0 };
	static const int transfer[] = { S(NEGOTIATED), S(SIGNED), S(COMPLETED), 0 };
	int64_t sw = walk(CE_OUTCOME_SOFTWARE_COPYRIGHT, software);
	refuse(sw, S(GRANTED));
	walk(CE_OUTCOME_STANDARD, standard);
	walk(CE_OUTCOME_FEASIBILITY_REPORT, report);
	walk(CE_OUTCOME_BUSINESS_PLAN, report);
	walk(CE_OUTCOME_ECONOMIC_ANALYSIS, report);
	int64_t st = walk(CE_OUTCOME_STARTUP, startup);
	refuse(st, S(OPERATING));
	int64_t st2 = make_outcome(CE_OUTCOME_STARTUP, "济南某新材料科技有限公司", D0);
	refuse(st2, S(CLOSED));
	walk(CE_OUTCOME_TECHNOLOGY_TRANSFER, transfer);
	int64_t award = make_outcome(CE_OUTCOME_AWARD, "山东省科学技术进步奖二等奖", D0);
	ck_assert_int_eq(get_int(CE_ENTITY_OUTCOME, award, "status"), S(GRANTED));
	for (int to = S(FILED); to <= S(SIGNED); to++)
		refuse(award, to);
	ck_said("granted");
}
END_TEST

START_TEST(outcome_kind_is_fixed)
{
	ce_outcome_spec s = CE_OUTCOME_SPEC_INIT;
	int64_t id;
	s.kind = CE_OUTCOME_PAPER;
	s.title = "Al-Zn-Mg-Cu合金时效析出行为研究";
	s.status_date = D0;
	ck_ok(ce_outcome_create(&id, db, &s));
	s.kind = CE_OUTCOME_STANDARD; /* same initial-state family would not matter */
	s.status_date = 0;
	ck_refused(ce_outcome_update(db, id, &s), CE_EINVALID);
	ck_said("outcome.kind");
	s.kind = CE_OUTCOME_PAPER;
	s.status = S(ACCEPTED);
	ck_refused(ce_outcome_update(db, id, &s), CE_ETRANSITION);
	ce_record *r;
	ck_ok(ce_record_lookup(&r, db, CE_ENTITY_OUTCOME, id));
	ck_ok(ce_record_set_int(r, "kind", CE_OUTCOME_INVENTION_PATENT));
	ck_refused(ce_record_update(db, r), CE_EINVALID);
	ce_record_free(r);
	ck_assert_int_eq(get_int(CE_ENTITY_OUTCOME, id, "kind"), CE_OUTCOME_PAPER);
}
END_TEST

START_TEST(outcome_contributors)
{
	int64_t o = make_outcome(CE_OUTCOME_INVENTION_PATENT, "一种选择性激光烧结覆膜砂", D0);
	int64_t o2 = make_outcome(CE_OUTCOME_PAPER, "覆膜砂激光烧结性能研究", D0);
	int64_t li = make_student("2014010203", "李明"), wang = make_academic("王建国");
	ce_outcome_contributor_spec s = CE_OUTCOME_CONTRIBUTOR_SPEC_INIT;
	int64_t c1, c2, id;
	s.outcome = o;
	s.position = 1;
	s.student = li;
	ck_ok(ce_outcome_contributor_create(&c1, db, &s));
	s.position = 2;
	s.student = 0;
	s.supervisor = wang;
	ck_ok(ce_outcome_contributor_create(&c2, db, &s));
	ce_outcome_contributor *r;
	ck_ok(ce_outcome_contributor_lookup(&r, db, c1));
	ck_assert_int_eq(ce_outcome_contributor_fields(r)->position, 1);
	ck_assert_int_eq(ce_outcome_contributor_fields(r)->student, li);
	ck_assert_int_eq(ce_outcome_contributor_fields(r)->supervisor, 0);
	ce_outcome_contributor_free(r);

	s.position = 3; /* the same supervisor twice */
	ck_refused(ce_outcome_contributor_create(&id, db, &s), CE_EEXISTS);
	s.supervisor = 0;
	s.student = li;
	ck_refused(ce_outcome_contributor_create(&id, db, &s), CE_EEXISTS);
	int64_t zhang = make_student("2018010001", "张伟");
	s.student = zhang;
	s.position = 1; /* the same position twice */
	ck_refused(ce_outcome_contributor_create(&id, db, &s), CE_EEXISTS);
	s.position = 0;
	ck_refused(ce_outcome_contributor_create(&id, db, &s), CE_EINVALID);
	ck_said("outcome_contributor.position");
	s.position = 1001;
	ck_refused(ce_outcome_contributor_create(&id, db, &s), CE_EINVALID);
	s.position = 3;
	s.supervisor = wang;
	ck_refused(ce_outcome_contributor_create(&id, db, &s), CE_EINVALID); /* both */
	s.supervisor = 0;
	s.student = 0;
	ck_refused(ce_outcome_contributor_create(&id, db, &s), CE_EINVALID); /* neither */
	s.student = zhang;
	ck_ok(ce_outcome_contributor_create(&id, db, &s));
	s.outcome = o2; /* another outcome starts its own numbering */
	s.position = 1;
	ck_ok(ce_outcome_contributor_create(&id, db, &s));

	ce_filter *f;
	ck_ids(CE_ENTITY_OUTCOME, f = f_int("student", zhang), IDS2(o, o2));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_OUTCOME, f = f_int("supervisor", wang), IDS1(o));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_OUTCOME, f = f_int("student", li), IDS1(o));
	ce_filter_free(f);
}
END_TEST

START_TEST(outcome_attributions)
{
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	int64_t sub = make_subtopic(prj, "选择性激光烧结覆膜砂");
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	int64_t o = make_outcome(CE_OUTCOME_INVENTION_PATENT, "一种选择性激光烧结覆膜砂", D0);
	int64_t o2 = make_outcome(CE_OUTCOME_PRODUCT, "覆膜砂产品", D0);
	ce_outcome_attribution_spec s = CE_OUTCOME_ATTRIBUTION_SPEC_INIT;
	int64_t id;
	s.outcome = o;
	ck_refused(ce_outcome_attribution_create(&id, db, &s), CE_EINVALID);
	ck_said("subtopic", "project", "partner");
	s.subtopic = sub;
	s.project = prj;
	ck_refused(ce_outcome_attribution_create(&id, db, &s), CE_EINVALID);
	s.project = 0;
	ck_ok(ce_outcome_attribution_create(&id, db, &s));
	ce_outcome_attribution *ar;
	ck_ok(ce_outcome_attribution_lookup(&ar, db, id));
	ck_assert_int_eq(ce_outcome_attribution_fields(ar)->outcome, o);
	ck_assert_int_eq(ce_outcome_attribution_fields(ar)->subtopic, sub);
	ck_assert_int_eq(ce_outcome_attribution_fields(ar)->project, 0);
	ck_assert_int_eq(ce_outcome_attribution_fields(ar)->partner, 0);
	ce_outcome_attribution_free(ar);
	ck_refused(ce_outcome_attribution_create(&id, db, &s), CE_EEXISTS);
	s.subtopic = 0;
	s.project = prj;
	ck_ok(ce_outcome_attribution_create(&id, db, &s));
	s.project = 0;
	s.partner = ent;
	ck_ok(ce_outcome_attribution_create(&id, db, &s));
	s.outcome = o2;
	ck_ok(ce_outcome_attribution_create(&id, db, &s));
	s.partner = 0;
	s.project = 999;
	ck_refused(ce_outcome_attribution_create(&id, db, &s), CE_ECONSTRAINT);

	ce_filter *f;
	ck_ids(CE_ENTITY_OUTCOME, f = f_int("subtopic", sub), IDS1(o));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_OUTCOME, f = f_int("project", prj), IDS1(o));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_OUTCOME, f = f_int("partner", ent), IDS2(o, o2));
	ce_filter_free(f);
	f = f_int("partner", ent);
	ck_ok(ce_filter_eq_int(f, "kind", CE_OUTCOME_PRODUCT));
	ck_ids(CE_ENTITY_OUTCOME, f, IDS1(o2));
	ce_filter_free(f);
}
END_TEST

/* The case study: an entrepreneurship project grew out of a master's
 * subtopic, and its reports out of the project. */
START_TEST(outcome_derivations)
{
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	int64_t sub = make_subtopic(prj, "3D打印选择性激光烧结覆膜砂");
	int64_t ep = make_outcome(CE_OUTCOME_ENTREPRENEURSHIP_PROJECT, "覆膜砂回收创业训练项目", D0);
	int64_t fr = make_outcome(CE_OUTCOME_FEASIBILITY_REPORT, "可行性研究报告", D0);
	int64_t bp = make_outcome(CE_OUTCOME_BUSINESS_PLAN, "商业计划书", D0);
	ce_outcome_derivation_spec s = CE_OUTCOME_DERIVATION_SPEC_INIT;
	int64_t id, d1;
	s.outcome = ep;
	s.from_subtopic = sub;
	ck_ok(ce_outcome_derivation_create(&d1, db, &s));
	ce_outcome_derivation *dr;
	ck_ok(ce_outcome_derivation_lookup(&dr, db, d1));
	ck_assert_int_eq(ce_outcome_derivation_fields(dr)->outcome, ep);
	ck_assert_int_eq(ce_outcome_derivation_fields(dr)->from_subtopic, sub);
	ck_assert_int_eq(ce_outcome_derivation_fields(dr)->from_outcome, 0);
	ce_outcome_derivation_free(dr);
	ck_refused(ce_outcome_derivation_create(&id, db, &s), CE_EEXISTS);
	s.from_outcome = fr;
	ck_refused(ce_outcome_derivation_create(&id, db, &s), CE_EINVALID); /* both */
	s.from_subtopic = 0;
	s.from_outcome = 0;
	ck_refused(ce_outcome_derivation_create(&id, db, &s), CE_EINVALID); /* neither */
	s.from_outcome = ep;
	ck_refused(ce_outcome_derivation_create(&id, db, &s), CE_EINVALID); /* itself */
	ck_said("outcome_derivation");

	s.outcome = fr;
	s.from_outcome = ep;
	ck_ok(ce_outcome_derivation_create(&id, db, &s));
	s.outcome = bp;
	s.from_outcome = fr;
	ck_ok(ce_outcome_derivation_create(&id, db, &s));
	/* ep -> fr -> bp: ep deriving from bp closes a cycle */
	s.outcome = ep;
	s.from_outcome = bp;
	ck_refused(ce_outcome_derivation_create(&id, db, &s), CE_ECYCLE);
	ck_said("outcome_derivation");
	s.from_outcome = fr; /* the two-step cycle */
	ck_refused(ce_outcome_derivation_create(&id, db, &s), CE_ECYCLE);
	/* bp deriving also from ep is a diamond, not a cycle */
	s.outcome = bp;
	s.from_outcome = ep;
	ck_ok(ce_outcome_derivation_create(&id, db, &s));
	/* an update may not close a cycle either */
	s.outcome = ep;
	s.from_subtopic = 0;
	s.from_outcome = bp;
	ck_refused(ce_outcome_derivation_update(db, d1, &s), CE_ECYCLE);
	ck_assert_int_eq(get_int(CE_ENTITY_OUTCOME_DERIVATION, d1, "from_subtopic"), sub);

	ce_filter *f = f_int("from_outcome", ep);
	ck_assert_int_eq(count_where(CE_ENTITY_OUTCOME_DERIVATION, f), 2);
	ce_filter_free(f);
}
END_TEST

Suite *suite_outcome(void)
{
	Suite *s = suite_create("outcome");
	TCase *tc = store_tcase("outcome");
	tcase_add_test(tc, outcome_round_trip);
	tcase_add_test(tc, outcome_identifiers);
	tcase_add_test(tc, outcome_kind_is_fixed);
	suite_add_tcase(s, tc);

	tc = store_tcase("lifecycle");
	tcase_add_test(tc, outcome_initial_states);
	tcase_add_test(tc, outcome_patent_moves);
	tcase_add_test(tc, outcome_paper_moves);
	tcase_add_test(tc, outcome_product_and_entrepreneurship_moves);
	tcase_add_test(tc, outcome_other_kinds_moves);
	suite_add_tcase(s, tc);

	tc = store_tcase("links");
	tcase_add_test(tc, outcome_contributors);
	tcase_add_test(tc, outcome_attributions);
	tcase_add_test(tc, outcome_derivations);
	suite_add_tcase(s, tc);
	return s;
}
