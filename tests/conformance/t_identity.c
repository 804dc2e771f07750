/* Partner identity (issue 13): identifier text normalised on write, the
 * unified social credit code, and merging two records of one partner or
 * one supervisor. */
#include <stdio.h>

#include "conformance.h"

static const char *partner_name(int64_t id)
{
	static char buf[256];
	ce_partner *p;
	ck_ok(ce_partner_lookup(&p, db, id));
	snprintf(buf, sizeof buf, "%s", ce_partner_fields(p)->name);
	ce_partner_free(p);
	return buf;
}

START_TEST(identity_keys_are_normalised)
{
	/* trailing, leading and ideographic spaces; runs of spaces; full-width ASCII */
	int64_t a = make_partner("  山东某航空材料有限公司\xE3\x80\x80", CE_PARTNER_ENTERPRISE);
	ck_assert_str_eq(partner_name(a), "山东某航空材料有限公司");
	int64_t b = make_partner("ＡＢＣ\xE3\x80\x80科技   （济南）有限公司", CE_PARTNER_ENTERPRISE);
	ck_assert_str_eq(partner_name(b), "ABC 科技 (济南)有限公司");
	/* the same company typed again is the same record */
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t id;
	s.name = "山东某航空材料有限公司 ";
	s.kind = CE_PARTNER_ENTERPRISE;
	ck_refused(ce_partner_create(&id, db, &s), CE_EEXISTS);
	ck_said("partner.name", "'山东某航空材料有限公司'");
	s.name = "abc 科技 (济南)有限公司"; /* letters keep their case */
	ck_ok(ce_partner_create(&id, db, &s));
	/* and found however it is typed */
	ce_partner *p;
	ck_ok(ce_partner_lookup_by_name(&p, db, "\xE3\x80\x80ＡＢＣ 科技 （济南）有限公司 "));
	ck_assert_int_eq(ce_partner_id(p), b);
	ce_partner_free(p);
	/* other natural keys too: a student number in full-width digits */
	int64_t st = make_student("２０１９０１０００１", "张伟");
	ce_student *stu;
	ck_ok(ce_student_lookup_by_number(&stu, db, "2019010001"));
	ck_assert_int_eq(ce_student_id(stu), st);
	ce_student_free(stu);
	/* a key of spaces only is still blank */
	s.name = "\xE3\x80\x80  \xE3\x80\x80";
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("partner.name", "blank");
	/* text that is not an identifier is kept as typed */
	s.name = "某研究院";
	s.kind = CE_PARTNER_RESEARCH_INSTITUTE;
	s.region = "  山东省  济南市 ";
	ck_ok(ce_partner_create(&id, db, &s));
	ck_ok(ce_partner_lookup(&p, db, id));
	ck_assert_str_eq(ce_partner_fields(p)->region, "  山东省  济南市 ");
	ce_partner_free(p);
}
END_TEST

/* Real codes: 华为 (Shenzhen), 阿里巴巴（中国）, 腾讯 (Shenzhen), the
 * standard's own example. */
static const char *const valid_codes[] = { "914403001922038216", "91330100716105852F",
	                                       "9144030071526726XG", "91350100M000100Y43" };

START_TEST(identity_credit_code)
{
	for (size_t i = 0; i < sizeof valid_codes / sizeof *valid_codes; i++)
		ck_ok(ce_credit_code_check(valid_codes[i]));
	static const struct {
		const char *code, *said;
	} bad[] = {
		{ "914403001922038217", "check character is '7'" }, /* one digit off */
		{ "914403001922038261", "check character" },         /* two swapped */
		{ "91440300192203821", "17 characters" },
		{ "9144030019220382160", "19 characters" },
		{ "91330100716105852f", "character 18 ('f')" },      /* lower case */
		{ "9I330100716105852F", "character 2 ('I')" },       /* I is not used */
		{ "91330100716105852O", "character 18 ('O')" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ck_rc(ce_credit_code_check(bad[i].code), CE_EINVALID);
		ck_said(bad[i].said);
	}
	ck_rc(ce_credit_code_check(NULL), CE_EINVALID);

	/* on a partner: optional, validated, unique, normalised */
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t id, other;
	s.name = "华为技术有限公司";
	s.kind = CE_PARTNER_ENTERPRISE;
	s.credit_code = "914403001922038217";
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("partner.credit_code", "check character");
	s.credit_code = " ９１４４０３００１９２２０３８２１６ "; /* full-width, as pasted */
	ck_ok(ce_partner_create(&id, db, &s));
	ce_partner *p;
	ck_ok(ce_partner_lookup(&p, db, id));
	ck_assert_str_eq(ce_partner_fields(p)->credit_code, "914403001922038216");
	ce_partner_free(p);
	s.name = "华为技术有限公司深圳分公司";
	s.credit_code = "914403001922038216";
	ck_refused(ce_partner_create(&other, db, &s), CE_EEXISTS);
	ck_said("partner.credit_code", "914403001922038216");
	s.credit_code = NULL; /* many partners without one */
	ck_ok(ce_partner_create(&other, db, &s));
	s.name = "某协会";
	s.kind = CE_PARTNER_INDUSTRY_ASSOCIATION;
	ck_ok(ce_partner_create(&other, db, &s));
	/* a caller of spec version 1 neither sets nor clears it */
	ce_partner_spec v1;
	ck_ok(ce_partner_spec_init(&v1, 1));
	v1.name = "华为技术有限公司";
	v1.kind = CE_PARTNER_ENTERPRISE;
	v1.region = "广东省深圳市";
	ck_ok(ce_partner_update(db, id, &v1));
	ck_assert_int_eq(is_null(CE_ENTITY_PARTNER, id, "credit_code"), 0);
}
END_TEST

static int64_t agreement_party(int64_t agreement, int64_t partner)
{
	ce_filter *f = f_int("agreement", agreement);
	ck_ok(ce_filter_eq_int(f, "partner", partner));
	int64_t n = count_where(CE_ENTITY_AGREEMENT_PARTY, f);
	ce_filter_free(f);
	return n;
}

/* The report row of an action on a record, or -1. */
static long report_row(const ce_table *t, const char *action, const char *entity, int64_t id)
{
	for (size_t r = 0; r < ce_table_row_count(t); r++) {
		int64_t v;
		ck_ok(ce_table_get_int(&v, t, r, 2));
		if (!strcmp(ce_table_get_text(t, r, 0), action) && !strcmp(ce_table_get_text(t, r, 1), entity) &&
		    v == id)
			return (long)r;
	}
	return -1;
}

START_TEST(identity_merge_partner)
{
	int64_t keep = make_enterprise("山东某航空材料有限公司");
	int64_t drop = make_enterprise("山东某航空材料公司");
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	s.name = "山东某航空材料公司";
	s.kind = CE_PARTNER_ENTERPRISE;
	s.region = "山东省滨州市";
	s.sector = "有色金属冶炼和压延加工业";
	s.credit_code = "91330100716105852F";
	ck_ok(ce_partner_update(db, drop, &s));
	int64_t a1 = make_agreement("校企合作框架协议", CE_SCOPE_JOINT_TRAINING_BASE, CE_DATE(2019, 1, 1));
	int64_t a2 = make_agreement("联合培养研究生协议", CE_SCOPE_JOINT_TRAINING_BASE, CE_DATE(2019, 3, 1));
	make_party(a1, keep);
	int64_t dup = make_party(a1, drop);    /* both party to a1: one goes */
	int64_t moved = make_party(a2, drop);  /* only drop: re-pointed */
	int64_t mentor = make_enterprise_supervisor("刘工", drop);
	int64_t student = make_student("2018010001", "王芳");
	int64_t placement = make_placement(student, drop, CE_DATE(2019, 7, 1));

	ce_table *report = NULL;
	ck_ok(ce_partner_merge(db, keep, drop, &report));
	ck_assert_int_eq(exists(CE_ENTITY_PARTNER, drop), 0);
	ck_assert_int_eq(agreement_party(a1, keep), 1);
	ck_assert_int_eq(agreement_party(a1, drop), 0);
	ck_assert_int_eq(exists(CE_ENTITY_AGREEMENT_PARTY, dup), 0);
	ck_assert_int_eq(get_int(CE_ENTITY_AGREEMENT_PARTY, moved, "partner"), keep);
	ck_assert_int_eq(get_int(CE_ENTITY_SUPERVISOR, mentor, "affiliation"), keep);
	ck_assert_int_eq(get_int(CE_ENTITY_PLACEMENT, placement, "host"), keep);
	/* keep's unset fields took drop's values; its own stay */
	ce_partner *p;
	ck_ok(ce_partner_lookup(&p, db, keep));
	ck_assert_str_eq(ce_partner_fields(p)->name, "山东某航空材料有限公司");
	ck_assert_str_eq(ce_partner_fields(p)->region, "山东省济南市");
	ck_assert_str_eq(ce_partner_fields(p)->sector, "有色金属冶炼和压延加工业");
	ck_assert_str_eq(ce_partner_fields(p)->credit_code, "91330100716105852F");
	ce_partner_free(p);

	/* the report says all of it */
	ck_assert_ptr_nonnull(report);
	long r = report_row(report, "duplicate_removed", "agreement_party", dup);
	ck_assert_int_ge(r, 0);
	ck_assert_ptr_nonnull(strstr(ce_table_get_text(report, (size_t)r, 4), "already exists"));
	ck_assert_int_ge(report_row(report, "repointed", "agreement_party", moved), 0);
	ck_assert_int_ge(report_row(report, "repointed", "supervisor", mentor), 0);
	ck_assert_int_ge(report_row(report, "repointed", "placement", placement), 0);
	ck_assert_int_ge(report_row(report, "filled", "partner", keep), 0);
	ck_assert_int_ge(report_row(report, "deleted", "partner", drop), 0);
	ck_assert_uint_eq(ce_table_row_count(report), 7); /* 4 moves, sector, credit_code, drop */
	ce_table_free(report);

	/* the audit trail records the merge */
	ce_audit_filter af = CE_AUDIT_FILTER_INIT;
	af.entity = CE_ENTITY_PARTNER;
	af.record = drop;
	ce_audit_iter *it;
	ce_audit_entry *e, *last = NULL;
	ck_ok(ce_audit_iter_new(&it, db, &af));
	while (ce_audit_iter_next(&e, it) == CE_OK) {
		ce_audit_entry_free(last);
		last = e;
	}
	ce_audit_iter_free(it);
	ck_assert_ptr_nonnull(last);
	ck_assert_int_eq(ce_audit_entry_op(last), CE_AUDIT_MERGE);
	ce_audit_entry_free(last);
	/* the new name is free again, without the report this time */
	s.credit_code = NULL;
	s.sector = NULL;
	int64_t id;
	ck_ok(ce_partner_create(&id, db, &s));
	ck_ok(ce_partner_merge(db, keep, id, NULL));
}
END_TEST

START_TEST(identity_merge_refusals)
{
	int64_t keep = make_enterprise("山东某航空材料有限公司");
	int64_t drop = make_enterprise("山东某航空材料公司");
	make_placement(make_student("2018010001", "王芳"), drop, CE_DATE(2019, 7, 1));
	ce_table *report = (ce_table *)1;
	ck_refused(ce_partner_merge(db, keep, keep, &report), CE_EINVALID);
	ck_assert_ptr_null(report);
	ck_said("itself");
	ck_refused(ce_partner_merge(db, keep, 999, NULL), CE_ENOTFOUND);
	ck_refused(ce_partner_merge(db, 0, drop, NULL), CE_EINVALID);
	ck_refused(ce_merge(db, (ce_entity)999, keep, drop, NULL), CE_EINVALID);
	ck_rc(ce_merge(NULL, CE_ENTITY_PARTNER, keep, drop, NULL), CE_EINVALID);
	/* a row that cannot follow refuses the whole merge: an enterprise
	 * supervisor cannot be merged into an academic one */
	int64_t academic = make_academic("王建国");
	int64_t mentor = make_enterprise_supervisor("王建国", drop);
	make_supervision(make_student("2018010002", "李娜"), mentor, CE_SUPERVISION_ROLE_ENTERPRISE);
	ck_refused(ce_supervisor_merge(db, academic, mentor, NULL), CE_EINVALID);
	ck_said("merge supervisor", "supervision");
	/* only roles that may update and delete partners may merge them */
	if (persistent()) {
		ce_open_options o = CE_OPEN_OPTIONS_INIT;
		o.role = CE_ROLE_ANALYST;
		o.actor = "数据分析组";
		ce_db *analyst;
		ck_ok(ce_db_open(&analyst, store_uri(), &o));
		ck_assert_int_eq(ce_partner_merge(analyst, keep, drop, NULL), CE_EDENIED);
		ce_db_close(analyst);
		ck_assert_int_eq(exists(CE_ENTITY_PARTNER, drop), 1);
		o.role = CE_ROLE_OFFICE;
		o.actor = "研究生院培养办";
		ce_db *office;
		ck_ok(ce_db_open(&office, store_uri(), &o));
		ck_assert_int_eq(ce_partner_merge(office, keep, drop, NULL), CE_OK);
		ce_db_close(office);
		ck_assert_int_eq(exists(CE_ENTITY_PARTNER, drop), 0);
	}
}
END_TEST

START_TEST(identity_merge_supervisor)
{
	/* one teacher entered twice, each with part of the record */
	int64_t keep = make_academic("王建国");
	int64_t drop = make_academic("王建国");
	int64_t st1 = make_student("2018010001", "王芳"), st2 = make_student("2018010002", "李娜");
	make_supervision(st1, keep, CE_SUPERVISION_ROLE_MAIN);
	int64_t same = make_supervision(st1, drop, CE_SUPERVISION_ROLE_MAIN); /* the same supervision twice */
	int64_t other = make_supervision(st2, drop, CE_SUPERVISION_ROLE_MAIN);
	int64_t session = make_session(CE_DATE(2019, 4, 2));
	ce_guidance_attendee_spec at = CE_GUIDANCE_ATTENDEE_SPEC_INIT;
	int64_t a1, a2;
	at.session = session;
	at.supervisor = keep;
	ck_ok(ce_guidance_attendee_create(&a1, db, &at));
	at.supervisor = drop;
	ck_ok(ce_guidance_attendee_create(&a2, db, &at));
	ce_table *report;
	ck_ok(ce_supervisor_merge(db, keep, drop, &report));
	ck_assert_int_eq(exists(CE_ENTITY_SUPERVISOR, drop), 0);
	ck_assert_int_eq(exists(CE_ENTITY_SUPERVISION, same), 0);
	ck_assert_int_eq(get_int(CE_ENTITY_SUPERVISION, other, "supervisor"), keep);
	ck_assert_int_eq(exists(CE_ENTITY_GUIDANCE_ATTENDEE, a1), 1);
	ck_assert_int_eq(exists(CE_ENTITY_GUIDANCE_ATTENDEE, a2), 0);
	ck_assert_int_ge(report_row(report, "duplicate_removed", "supervision", same), 0);
	ck_assert_int_ge(report_row(report, "duplicate_removed", "guidance_attendee", a2), 0);
	ck_assert_int_ge(report_row(report, "repointed", "supervision", other), 0);
	ce_table_free(report);
}
END_TEST

Suite *suite_identity(void)
{
	Suite *s = suite_create("identity");
	TCase *tc = store_tcase("identity");
	tcase_add_test(tc, identity_keys_are_normalised);
	tcase_add_test(tc, identity_credit_code);
	tcase_add_test(tc, identity_merge_partner);
	tcase_add_test(tc, identity_merge_refusals);
	tcase_add_test(tc, identity_merge_supervisor);
	suite_add_tcase(s, tc);
	return s;
}
