/* Platform and its hosts. */
#include "conformance.h"

START_TEST(platform_round_trip)
{
	int64_t agr = make_agreement("共建联合实验室协议", CE_SCOPE_JOINT_LABORATORY, CE_DATE(2016, 1, 1));
	ce_platform_spec s = CE_PLATFORM_SPEC_INIT;
	ce_platform *p;
	int64_t id;
	s.name = "山东省轻合金材料工程技术研究中心";
	s.kind = CE_PLATFORM_ENGINEERING_RESEARCH_CENTRE;
	s.level = CE_PLATFORM_LEVEL_PROVINCIAL;
	s.capacity = 40;
	s.established_on = CE_DATE(2016, 5, 18);
	s.agreement = agr;
	ck_ok(ce_platform_create(&id, db, &s));
	ck_ok(ce_platform_lookup(&p, db, id));
	const ce_platform_spec *f = ce_platform_fields(p);
	ck_assert_str_eq(f->name, s.name);
	ck_assert_int_eq(f->kind, CE_PLATFORM_ENGINEERING_RESEARCH_CENTRE);
	ck_assert_int_eq(f->level, CE_PLATFORM_LEVEL_PROVINCIAL);
	ck_assert_int_eq(f->capacity, 40);
	ck_assert_int_eq(f->established_on, CE_DATE(2016, 5, 18));
	ck_assert_int_eq(f->agreement, agr);
	ce_platform_free(p);
	ck_ok(ce_platform_lookup_by_name(&p, db, "山东省轻合金材料工程技术研究中心"));
	ck_assert_int_eq(ce_platform_id(p), id);
	ce_platform_free(p);

	s.capacity = 0;
	s.agreement = 0;
	s.level = CE_PLATFORM_LEVEL_NATIONAL;
	ck_ok(ce_platform_update(db, id, &s));
	ck_assert(is_null(CE_ENTITY_PLATFORM, id, "agreement"));
	ck_assert_int_eq(get_int(CE_ENTITY_PLATFORM, id, "capacity"), 0);
	ck_assert_int_eq(get_int(CE_ENTITY_PLATFORM, id, "level"), CE_PLATFORM_LEVEL_NATIONAL);
}
END_TEST

START_TEST(platform_rules)
{
	ce_platform_spec s = CE_PLATFORM_SPEC_INIT;
	int64_t id;
	make_platform("先进材料联合实验室");
	s.name = "先进材料联合实验室";
	s.kind = CE_PLATFORM_INCUBATOR;
	s.level = CE_PLATFORM_LEVEL_MUNICIPAL;
	ck_refused(ce_platform_create(&id, db, &s), CE_EEXISTS);
	ck_said("platform.name", "先进材料联合实验室");
	s.name = "济南大学科技园孵化器";
	s.level = (ce_platform_level)0;
	ck_refused(ce_platform_create(&id, db, &s), CE_EINVALID);
	ck_said("platform.level");
	s.level = CE_PLATFORM_LEVEL_INSTITUTIONAL;
	s.kind = (ce_platform_kind)7;
	ck_refused(ce_platform_create(&id, db, &s), CE_EINVALID);
	s.kind = CE_PLATFORM_INCUBATOR;
	s.agreement = 77;
	ck_refused(ce_platform_create(&id, db, &s), CE_ECONSTRAINT);
	ck_said("platform.agreement");
	s.agreement = 0;
	s.established_on = 20190229;
	ck_refused(ce_platform_create(&id, db, &s), CE_EINVALID);
}
END_TEST

START_TEST(platform_filters_and_hosts)
{
	int64_t lab = make_platform("先进材料联合实验室");
	int64_t base = make_platform("研究生联合培养基地");
	int64_t park = make_platform("齐鲁软件园");
	ce_platform_spec s = CE_PLATFORM_SPEC_INIT;
	s.name = "研究生联合培养基地";
	s.kind = CE_PLATFORM_GRADUATE_TRAINING_BASE;
	s.level = CE_PLATFORM_LEVEL_PROVINCIAL;
	s.established_on = CE_DATE(2018, 3, 1);
	ck_ok(ce_platform_update(db, base, &s));
	int64_t p = make_enterprise("山东某航空材料有限公司");
	int64_t q = make_enterprise("济南某精密铸造有限公司");
	int64_t h1 = make_host(lab, p);
	make_host(base, p);
	make_host(base, q);
	ce_filter *f;
	ck_ids(CE_ENTITY_PLATFORM, f = f_int("partner", p), IDS2(lab, base));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_PLATFORM, f = f_int("partner", q), IDS1(base));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_PLATFORM, f = f_int("kind", CE_PLATFORM_GRADUATE_TRAINING_BASE), IDS1(base));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_PLATFORM, f = f_null("established_on"), IDS2(lab, park));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_PLATFORM, f = f_range("established_on", CE_DATE(2018, 1, 1), 0), IDS1(base));
	ce_filter_free(f);
	/* numbers are never NULL: unset capacity is 0 on every backend */
	ck_ids(CE_ENTITY_PLATFORM, f = f_null("capacity"), "");
	ce_filter_free(f);
	ck_ids(CE_ENTITY_PLATFORM, f = f_int("capacity", 0), IDS3(lab, base, park));
	ce_filter_free(f);

	ce_platform_host_spec hs = CE_PLATFORM_HOST_SPEC_INIT;
	int64_t id;
	hs.platform = lab;
	hs.partner = p;
	ck_refused(ce_platform_host_create(&id, db, &hs), CE_EEXISTS);
	hs.partner = 99;
	ck_refused(ce_platform_host_create(&id, db, &hs), CE_ECONSTRAINT);
	ce_platform_host *h;
	ck_ok(ce_platform_host_lookup(&h, db, h1));
	ck_assert_int_eq(ce_platform_host_fields(h)->platform, lab);
	ck_assert_int_eq(ce_platform_host_fields(h)->partner, p);
	ce_platform_host_free(h);
}
END_TEST

Suite *suite_platform(void)
{
	Suite *s = suite_create("platform");
	TCase *tc = store_tcase("platform");
	tcase_add_test(tc, platform_round_trip);
	tcase_add_test(tc, platform_rules);
	tcase_add_test(tc, platform_filters_and_hosts);
	suite_add_tcase(s, tc);
	return s;
}
