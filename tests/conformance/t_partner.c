/* Partner: the organisations of the four rings. */
#include "conformance.h"

static ce_partner_spec full(void)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	s.name = "山东某航空材料有限公司";
	s.kind = CE_PARTNER_ENTERPRISE;
	s.sector = "有色金属冶炼和压延加工业";
	s.region = "山东省滨州市";
	s.ownership = CE_OWNERSHIP_STATE_OWNED;
	return s;
}

START_TEST(partner_round_trip)
{
	ce_partner_spec s = full();
	ce_partner *p;
	int64_t id;
	ck_ok(ce_partner_create(&id, db, &s));
	ck_ok(ce_partner_lookup(&p, db, id));
	const ce_partner_spec *f = ce_partner_fields(p);
	ck_assert_uint_eq(f->version, CE_PARTNER_SPEC_VERSION);
	ck_assert_str_eq(f->name, s.name);
	ck_assert_int_eq(f->kind, CE_PARTNER_ENTERPRISE);
	ck_assert_str_eq(f->sector, s.sector);
	ck_assert_str_eq(f->region, s.region);
	ck_assert_int_eq(f->ownership, CE_OWNERSHIP_STATE_OWNED);
	ce_partner_free(p);

	ck_ok(ce_partner_lookup_by_name(&p, db, "山东某航空材料有限公司"));
	ck_assert_int_eq(ce_partner_id(p), id);
	ce_partner_free(p);

	/* update replaces every field: unset ones become NULL */
	s.name = "山东某航空材料集团有限公司";
	s.sector = NULL;
	s.ownership = CE_OWNERSHIP_JOINT_VENTURE;
	ck_ok(ce_partner_update(db, id, &s));
	ck_ok(ce_partner_lookup(&p, db, id));
	ck_assert_str_eq(ce_partner_fields(p)->name, "山东某航空材料集团有限公司");
	ck_assert_ptr_null(ce_partner_fields(p)->sector);
	ck_assert_int_eq(ce_partner_fields(p)->ownership, CE_OWNERSHIP_JOINT_VENTURE);
	ce_partner_free(p);
	ck_rc(ce_partner_lookup_by_name(&p, db, "山东某航空材料有限公司"), CE_ENOTFOUND);

	ck_ok(ce_partner_delete(db, id, CE_DELETE_RESTRICT));
	ck_rc(ce_partner_lookup(&p, db, id), CE_ENOTFOUND);
	ck_assert_int_eq(count_of(CE_ENTITY_PARTNER), 0);
}
END_TEST

START_TEST(partner_every_kind)
{
	static const char *const names[] = { NULL, "齐鲁工业大学", "山东某航空材料有限公司",
		                                 "山东省科学技术厅", "中国有色金属工业协会",
		                                 "中国科学院金属研究所", "山东省青年创业促进会" };
	int64_t ids[7];
	for (int k = CE_PARTNER_UNIVERSITY; k <= CE_PARTNER_SOCIAL_ORGANISATION; k++)
		ids[k] = make_partner(names[k], (ce_partner_kind)k);
	for (int k = CE_PARTNER_UNIVERSITY; k <= CE_PARTNER_SOCIAL_ORGANISATION; k++) {
		ce_filter *f = f_int("kind", k);
		ck_ids(CE_ENTITY_PARTNER, f, IDS1(ids[k]));
		ce_filter_free(f);
		ce_filter *g = f_text("name", names[k]);
		ck_ids(CE_ENTITY_PARTNER, g, IDS1(ids[k]));
		ce_filter_free(g);
	}
	ce_filter *f = f_null("ownership");
	ck_assert_int_eq(count_where(CE_ENTITY_PARTNER, f), 6);
	ce_filter_free(f);
}
END_TEST

START_TEST(partner_ownership_only_for_enterprises)
{
	ce_partner_spec s = full();
	int64_t id;
	s.name = "齐鲁工业大学";
	s.kind = CE_PARTNER_UNIVERSITY;
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("partner.ownership", "齐鲁工业大学");
	s.kind = CE_PARTNER_GOVERNMENT;
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);

	/* an enterprise with an ownership cannot become something else */
	s = full();
	ck_ok(ce_partner_create(&id, db, &s));
	s.kind = CE_PARTNER_RESEARCH_INSTITUTE;
	ck_refused(ce_partner_update(db, id, &s), CE_EINVALID);
	ck_assert_int_eq(get_int(CE_ENTITY_PARTNER, id, "kind"), CE_PARTNER_ENTERPRISE);
	s.ownership = (ce_ownership)0; /* unknown ownership is fine for anyone */
	ck_ok(ce_partner_update(db, id, &s));
	ck_assert(is_null(CE_ENTITY_PARTNER, id, "ownership"));
}
END_TEST

/* A natural key names a record on the command line, in CSV references and
 * in reports: blank ones and ones with control or bidirectional characters
 * (U+202E turns "gpj.exe" round) are refused on create and update, naming
 * the column (issue 14). */
START_TEST(partner_keys_are_printable)
{
	static const char *const bad[] = {
		"   ", "\t", "\xE3\x80\x80",         /* blank, tab, U+3000 ideographic space alone */
		"甲\n乙", "甲\t乙", "甲\r", "甲\x7F乙", "甲\xC2\x85乙", /* controls: C0, DEL, NEL */
		"某公司\xE2\x80\xAE司公", "\xE2\x80\xAA甲", "甲\xE2\x81\xA6乙\xE2\x81\xA9", /* U+202E, U+202A, U+2066..9 */
		"甲\xE2\x80\x8F", "甲\xD8\x9C",  /* U+200F RLM, U+061C ALM */
	};
	int64_t id = make_partner("山东某航空材料有限公司", CE_PARTNER_ENTERPRISE);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ce_partner_spec s = CE_PARTNER_SPEC_INIT;
		s.name = bad[i];
		s.kind = CE_PARTNER_ENTERPRISE;
		ck_refused(ce_partner_create(NULL, db, &s), CE_EINVALID);
		ck_said("partner.name");
		ck_refused(ce_partner_update(db, id, &s), CE_EINVALID);
		ck_said("partner.name");
	}
	ce_student_spec st = CE_STUDENT_SPEC_INIT;
	st.number = "2019\xE2\x80\xAE" "001";
	st.name = "张三";
	st.level = CE_STUDENT_LEVEL_UNDERGRADUATE;
	st.cohort = 2019;
	st.status_date = CE_DATE(2019, 9, 1);
	ck_refused(ce_student_create(NULL, db, &st), CE_EINVALID);
	ck_said("student.number");
	/* Other text keeps them (a comment may span lines); a key may hold inner spaces. */
	make_partner("山东 某铸造 有限公司", CE_PARTNER_ENTERPRISE);
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	s.name = "济南某公司";
	s.kind = CE_PARTNER_ENTERPRISE;
	s.sector = "铸造\n机械";
	ck_ok(ce_partner_create(NULL, db, &s));
}
END_TEST

Suite *suite_partner(void)
{
	Suite *s = suite_create("partner");
	TCase *tc = store_tcase("partner");
	tcase_add_test(tc, partner_round_trip);
	tcase_add_test(tc, partner_every_kind);
	tcase_add_test(tc, partner_ownership_only_for_enterprises);
	tcase_add_test(tc, partner_keys_are_printable);
	suite_add_tcase(s, tc);
	return s;
}
