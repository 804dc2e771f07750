/* Platform equipment and funding: money in minor units with a currency,
 * a funding's source exactly one of a partner or a named funder, and
 * neither an acquisition nor a funding year before the platform was
 * established — from either side (the platform's establishment cannot
 * move past them). */
#include "conformance.h"

static int64_t platform_since(const char *name, ce_date established)
{
	ce_platform_spec s = CE_PLATFORM_SPEC_INIT;
	int64_t id = 0;
	s.name = name;
	s.kind = CE_PLATFORM_ENGINEERING_RESEARCH_CENTRE;
	s.level = CE_PLATFORM_LEVEL_PROVINCIAL;
	s.established_on = established;
	ck_ok(ce_platform_create(&id, db, &s));
	return id;
}

static ce_platform_equipment_spec equipment(int64_t platform, const char *name, int64_t value,
                                            ce_date acquired, int64_t source)
{
	ce_platform_equipment_spec s = CE_PLATFORM_EQUIPMENT_SPEC_INIT;
	s.platform = platform;
	s.name = name;
	s.value = value;
	s.currency = value ? "CNY" : NULL;
	s.acquired_on = acquired;
	s.source = source;
	return s;
}

static ce_platform_funding_spec funding(int64_t platform, int64_t amount, int64_t year,
                                        int64_t source, const char *funder)
{
	ce_platform_funding_spec s = CE_PLATFORM_FUNDING_SPEC_INIT;
	s.platform = platform;
	s.amount = amount;
	s.currency = "CNY";
	s.year = year;
	s.source = source;
	s.funder = funder;
	s.purpose = "中试熔铸线建设";
	return s;
}

START_TEST(platform_assets_round_trip)
{
	int64_t firm = make_enterprise("山东某航空材料有限公司");
	int64_t p = platform_since("高强铝合金校企联合研发中心", CE_DATE(2015, 6, 1));
	ce_platform_equipment_spec e = equipment(p, "真空熔炼炉", 125000000, CE_DATE(2015, 10, 8), firm);
	ce_platform_funding_spec f = funding(p, 300000000, 2015, firm, NULL);
	int64_t eid, fid, gid;
	ck_ok(ce_platform_equipment_create(&eid, db, &e));
	ck_ok(ce_platform_funding_create(&fid, db, &f));
	f = funding(p, 50000000, 2016, 0, "山东省科技厅重大专项配套经费");
	ck_ok(ce_platform_funding_create(&gid, db, &f));
	if (persistent())
		reopen();
	ce_platform_equipment *er;
	ck_ok(ce_platform_equipment_lookup(&er, db, eid));
	const ce_platform_equipment_spec *ef = ce_platform_equipment_fields(er);
	ck_assert_str_eq(ef->name, "真空熔炼炉");
	ck_assert_int_eq(ef->value, 125000000);
	ck_assert_str_eq(ef->currency, "CNY");
	ck_assert_int_eq(ef->acquired_on, CE_DATE(2015, 10, 8));
	ck_assert_int_eq(ef->source, firm);
	ce_platform_equipment_free(er);
	ce_platform_funding *fr;
	ck_ok(ce_platform_funding_lookup(&fr, db, gid));
	const ce_platform_funding_spec *ff = ce_platform_funding_fields(fr);
	ck_assert_int_eq(ff->amount, 50000000);
	ck_assert_int_eq(ff->year, 2016);
	ck_assert_int_eq(ff->source, 0);
	ck_assert_str_eq(ff->funder, "山东省科技厅重大专项配套经费");
	ck_assert_str_eq(ff->purpose, "中试熔铸线建设");
	ce_platform_funding_free(fr);
	/* a platform's funding by year, a partner's by source */
	ce_filter *by = f_int("year", 2015);
	ck_ids(CE_ENTITY_PLATFORM_FUNDING, by, IDS1(fid));
	ce_filter_free(by);
	by = f_int("source", firm);
	ck_ids(CE_ENTITY_PLATFORM_EQUIPMENT, by, IDS1(eid));
	ce_filter_free(by);
}
END_TEST

START_TEST(platform_equipment_rules)
{
	int64_t p = platform_since("先进铸造联合实验室", CE_DATE(2017, 3, 1));
	ce_platform_equipment_spec e = equipment(p, "选择性激光烧结3D打印机", 98000000, CE_DATE(2017, 2, 28), 0);
	int64_t id;
	ck_refused(ce_platform_equipment_create(&id, db, &e), CE_EINVALID);
	ck_said("acquired_on", "established");
	e.acquired_on = CE_DATE(2017, 3, 1); /* on the day: fine */
	e.currency = NULL;                   /* a value needs its currency */
	ck_refused(ce_platform_equipment_create(&id, db, &e), CE_EINVALID);
	ck_said("currency", "required");
	e.currency = "人民币";
	ck_refused(ce_platform_equipment_create(&id, db, &e), CE_EINVALID);
	ck_said("ISO 4217");
	e.currency = "CNY";
	e.value = -1;
	ck_refused(ce_platform_equipment_create(&id, db, &e), CE_EINVALID);
	e.value = CE_MONEY_MAX + 1;
	ck_refused(ce_platform_equipment_create(&id, db, &e), CE_EINVALID);
	e.value = 98000000;
	e.name = NULL;
	ck_refused(ce_platform_equipment_create(&id, db, &e), CE_EINVALID);
	e.name = "选择性激光烧结3D打印机";
	ck_ok(ce_platform_equipment_create(&id, db, &e));
	/* a value unknown, no currency: fine; no date: fine */
	e = equipment(p, "型砂性能测试仪", 0, 0, 0);
	ck_ok(ce_platform_equipment_create(NULL, db, &e));
}
END_TEST

START_TEST(platform_funding_rules)
{
	int64_t firm = make_enterprise("山东某铸造机械有限公司");
	int64_t p = platform_since("先进铸造联合实验室", CE_DATE(2017, 3, 1));
	ce_platform_funding_spec f = funding(p, 20000000, 2016, firm, NULL);
	int64_t id;
	ck_refused(ce_platform_funding_create(&id, db, &f), CE_EINVALID);
	ck_said("year", "2016", "established");
	f.year = 2017;
	f.funder = "市级财政"; /* two sources */
	ck_refused(ce_platform_funding_create(&id, db, &f), CE_EINVALID);
	ck_said("exactly one of source, funder");
	f.source = 0;
	f.funder = NULL; /* none */
	ck_refused(ce_platform_funding_create(&id, db, &f), CE_EINVALID);
	f.source = firm;
	f.currency = NULL;
	ck_refused(ce_platform_funding_create(&id, db, &f), CE_EINVALID);
	f.currency = "cny";
	ck_refused(ce_platform_funding_create(&id, db, &f), CE_EINVALID);
	f.currency = "CNY";
	f.year = 0;
	ck_refused(ce_platform_funding_create(&id, db, &f), CE_EINVALID);
	ck_said("year");
	f.year = 2017;
	ck_ok(ce_platform_funding_create(&id, db, &f));
	/* a platform whose establishment is unknown bounds nothing */
	int64_t q = make_platform("3D打印创新创业孵化基地");
	f = funding(q, 1000000, 1999, 0, "校级专项");
	ck_ok(ce_platform_funding_create(NULL, db, &f));
}
END_TEST

START_TEST(platform_establishment_stays_before_its_assets)
{
	int64_t p = platform_since("材料学院研究生联合培养基地", CE_DATE(2015, 9, 1));
	ce_platform_equipment_spec e = equipment(p, "万能材料试验机", 45000000, CE_DATE(2016, 4, 12), 0);
	ce_platform_funding_spec f = funding(p, 100000000, 2015, 0, "校级学科建设经费");
	ck_ok(ce_platform_equipment_create(NULL, db, &e));
	ck_ok(ce_platform_funding_create(NULL, db, &f));
	ce_platform *pr;
	ck_ok(ce_platform_lookup(&pr, db, p));
	ce_platform_spec s = *ce_platform_fields(pr);
	s.established_on = CE_DATE(2016, 5, 1); /* after the equipment came */
	ck_refused(ce_platform_update(db, p, &s), CE_EINVALID);
	ck_said("established_on", "platform_equipment");
	s.established_on = CE_DATE(2016, 1, 1); /* after the 2015 funding's year */
	ck_refused(ce_platform_update(db, p, &s), CE_EINVALID);
	ck_said("established_on", "platform_funding");
	s.established_on = CE_DATE(2015, 12, 31);
	s.capacity = 40;
	ck_ok(ce_platform_update(db, p, &s));
	s.established_on = 0;
	ck_ok(ce_platform_update(db, p, &s));
	ce_platform_free(pr);
	/* deleting the platform: refused while assets point at it, unless cascaded */
	ck_refused(ce_platform_delete(db, p, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_ok(ce_platform_delete(db, p, CE_DELETE_CASCADE));
	ck_assert_int_eq(count_of(CE_ENTITY_PLATFORM_EQUIPMENT), 0);
	ck_assert_int_eq(count_of(CE_ENTITY_PLATFORM_FUNDING), 0);
}
END_TEST

Suite *suite_platform_assets(void)
{
	Suite *s = suite_create("platform_assets");
	TCase *tc = store_tcase("platform_assets");
	tcase_add_test(tc, platform_assets_round_trip);
	tcase_add_test(tc, platform_equipment_rules);
	tcase_add_test(tc, platform_funding_rules);
	tcase_add_test(tc, platform_establishment_stays_before_its_assets);
	suite_add_tcase(s, tc);
	return s;
}
