/* The generic rules every entity obeys, checked through a few of them:
 * required fields, UTF-8, dates, ranges, enums, flags, references,
 * uniqueness, exactly-one groups; each refusal leaves the store exactly as
 * it was. Also the typed API's argument checks for every noun. */
#include <math.h>

#include "conformance.h"

/* ---- typed API argument checks --------------------------------------------- */

START_TEST(spec_versions_and_nulls)
{
	ce_partner_spec s;
	int64_t id = 7;
	memset(&s, 0x5a, sizeof s);
	ck_ok(ce_partner_spec_init(&s, CE_PARTNER_SPEC_VERSION));
	ck_assert_uint_eq(s.version, CE_PARTNER_SPEC_VERSION);
	ck_assert_ptr_null(s.name);
	ck_assert_int_eq(s.kind, 0);
	ck_assert_ptr_null(s.sector);
	ck_rc(ce_partner_spec_init(&s, CE_PARTNER_SPEC_VERSION + 1), CE_EINVALID);
	ck_rc(ce_partner_spec_init(&s, 0), CE_EINVALID);
	ck_rc(ce_partner_spec_init(NULL, CE_PARTNER_SPEC_VERSION), CE_EINVALID);

	ck_ok(ce_partner_spec_init(&s, CE_PARTNER_SPEC_VERSION));
	s.name = "齐鲁工业大学";
	s.kind = CE_PARTNER_UNIVERSITY;
	s.version = CE_PARTNER_SPEC_VERSION + 1;
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("version");
	s.version = 0;
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	s.version = CE_PARTNER_SPEC_VERSION;
	ck_refused(ce_partner_create(&id, db, NULL), CE_EINVALID);
	ck_rc(ce_partner_create(&id, NULL, &s), CE_EINVALID);
	ck_assert_int_eq(count_of(CE_ENTITY_PARTNER), 0);
	ck_ok(ce_partner_create(NULL, db, &s)); /* the id is optional */
	ck_assert_int_eq(count_of(CE_ENTITY_PARTNER), 1);
	ck_refused(ce_partner_update(db, 1, NULL), CE_EINVALID);
	ck_rc(ce_partner_update(NULL, 1, &s), CE_EINVALID);
	ck_assert_ptr_null(ce_partner_fields(NULL));
	ck_assert_int_eq(ce_partner_id(NULL), 0);
	ce_partner_free(NULL);
}
END_TEST

/* Every noun's typed API refuses bad versions and NULL arguments the same
 * way, and answers CE_ENOTFOUND / CE_ITEROVER on an empty store. */
#define NOUNS(X)                                                                                  \
	X(partner, PARTNER) X(agreement, AGREEMENT) X(agreement_party, AGREEMENT_PARTY)              \
	X(platform, PLATFORM) X(platform_host, PLATFORM_HOST) X(project, PROJECT)                    \
	X(project_partner, PROJECT_PARTNER) X(subtopic, SUBTOPIC) X(subtopic_io, SUBTOPIC_IO)        \
	X(subtopic_dependency, SUBTOPIC_DEPENDENCY) X(milestone, MILESTONE)                          \
	X(budget_line, BUDGET_LINE) X(subtopic_assignment, SUBTOPIC_ASSIGNMENT)                      \
	X(supervisor, SUPERVISOR) X(team, TEAM) X(team_member, TEAM_MEMBER)                          \
	X(team_meeting, TEAM_MEETING) X(student, STUDENT) X(supervision, SUPERVISION)                \
	X(guidance_session, GUIDANCE_SESSION) X(guidance_attendee, GUIDANCE_ATTENDEE)                \
	X(evaluation, EVALUATION) X(progress_report, PROGRESS_REPORT) X(placement, PLACEMENT)        \
	X(incident, INCIDENT) X(feedback, FEEDBACK) X(outcome, OUTCOME)                              \
	X(outcome_contributor, OUTCOME_CONTRIBUTOR) X(outcome_attribution, OUTCOME_ATTRIBUTION)      \
	X(outcome_derivation, OUTCOME_DERIVATION) X(destination, DESTINATION)

#define CHECK_NOUN(noun, NOUN)                                                                     \
	{                                                                                              \
		ce_##noun##_spec s = CE_##NOUN##_SPEC_INIT, t;                                             \
		ce_##noun *r = (ce_##noun *)&r;                                                            \
		ce_##noun##_iter *it;                                                                      \
		int64_t id = 0;                                                                            \
		ck_assert_str_eq(ce_entity_name(CE_ENTITY_##NOUN), #noun);                                 \
		ck_assert_uint_eq(s.version, CE_##NOUN##_SPEC_VERSION);                                    \
		memset(&t, 0x5a, sizeof t);                                                                \
		ck_ok(ce_##noun##_spec_init(&t, CE_##NOUN##_SPEC_VERSION));                                \
		ck_assert_uint_eq(t.version, CE_##NOUN##_SPEC_VERSION);                                    \
		ck_rc(ce_##noun##_spec_init(&t, CE_##NOUN##_SPEC_VERSION + 1), CE_EINVALID);               \
		ck_rc(ce_##noun##_spec_init(&t, 0), CE_EINVALID);                                          \
		ck_rc(ce_##noun##_spec_init(NULL, CE_##NOUN##_SPEC_VERSION), CE_EINVALID);                 \
		ck_rc(ce_##noun##_create(&id, NULL, &s), CE_EINVALID);                                     \
		ck_refused(ce_##noun##_create(&id, db, NULL), CE_EINVALID);                                \
		s.version = CE_##NOUN##_SPEC_VERSION + 1;                                                  \
		ck_refused(ce_##noun##_create(&id, db, &s), CE_EINVALID);                                  \
		ck_said("version");                                                                        \
		s.version = CE_##NOUN##_SPEC_VERSION;                                                      \
		ck_refused(ce_##noun##_create(&id, db, &s), CE_EINVALID); /* required fields missing */   \
		ck_refused(ce_##noun##_update(db, 1, &s), CE_ENOTFOUND);                                   \
		ck_rc(ce_##noun##_update(NULL, 1, &s), CE_EINVALID);                                       \
		ck_rc(ce_##noun##_lookup(&r, db, 1), CE_ENOTFOUND);                                        \
		ck_assert_ptr_null(r);                                                                     \
		ck_rc(ce_##noun##_lookup(NULL, db, 1), CE_EINVALID);                                       \
		ck_rc(ce_##noun##_lookup(&r, NULL, 1), CE_EINVALID);                                       \
		ck_refused(ce_##noun##_delete(db, 1, CE_DELETE_RESTRICT), CE_ENOTFOUND);                   \
		ck_ok(ce_##noun##_iter_new(&it, db, NULL));                                                \
		ck_rc(ce_##noun##_iter_next(&r, it), CE_ITEROVER);                                         \
		ck_rc(ce_##noun##_iter_next(&r, it), CE_ITEROVER);                                         \
		ce_##noun##_iter_free(it);                                                                 \
		ck_assert_int_eq(ce_##noun##_id(NULL), 0);                                                 \
		ck_assert_ptr_null(ce_##noun##_fields(NULL));                                              \
		ce_##noun##_free(NULL);                                                                    \
	}

START_TEST(typed_api_every_noun)
{
	NOUNS(CHECK_NOUN)
}
END_TEST

/* ---- generic rules: each refusal leaves the store as it was ------------------ */

static ce_partner_spec partner(const char *name, ce_partner_kind kind)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	s.name = name;
	s.kind = kind;
	return s;
}

START_TEST(rule_required)
{
	ce_partner_spec s = partner(NULL, CE_PARTNER_UNIVERSITY);
	int64_t id;
	make_partner("齐鲁工业大学", CE_PARTNER_UNIVERSITY);
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("partner.name", "required");
	s.name = ""; /* empty text is unset */
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("partner.name");
	s = partner("山东某航空材料有限公司", (ce_partner_kind)0);
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("partner.kind");

	/* generic: a blank record misses every required column */
	ce_record *r;
	ck_ok(ce_record_new(&r, CE_ENTITY_PARTNER));
	ck_ok(ce_record_set_int(r, "kind", CE_PARTNER_ENTERPRISE));
	ck_refused(ce_record_insert(&id, db, r), CE_EINVALID);
	ck_said("partner.name");
	ce_record_free(r);
}
END_TEST

START_TEST(rule_utf8)
{
	static const char *const bad[] = {
		"齐鲁\xe5\xb7",          /* truncated sequence */
		"\xc0\xaf",              /* overlong '/' */
		"\xe0\x80\xaf",          /* overlong, 3 bytes */
		"\xed\xa0\x80",          /* UTF-16 surrogate */
		"\xf4\x90\x80\x80",      /* past U+10FFFF */
		"\xff\xfe",              /* never valid */
		"企业\x80",              /* stray continuation byte */
		"名称\x01",              /* control character */
	};
	int64_t id;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ce_partner_spec s = partner(bad[i], CE_PARTNER_ENTERPRISE);
		ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
		ck_said("partner.name", "UTF-8");
		s = partner("山东某航空材料有限公司", CE_PARTNER_ENTERPRISE);
		s.sector = bad[i];
		ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
		ck_said("partner.sector");
	}
	/* 4-byte characters, tabs and newlines are fine */
	ce_partner_spec s = partner("𠮷野家（中国）有限公司", CE_PARTNER_ENTERPRISE);
	s.sector = "餐饮\t连锁\n服务";
	ck_ok(ce_partner_create(&id, db, &s));
	ce_partner *p;
	ck_ok(ce_partner_lookup(&p, db, id));
	/* a name's full-width ASCII is stored half-width (see rule_key_normalised) */
	ck_assert_str_eq(ce_partner_fields(p)->name, "𠮷野家(中国)有限公司");
	ck_assert_str_eq(ce_partner_fields(p)->sector, "餐饮\t连锁\n服务");
	ce_partner_free(p);
}
END_TEST

START_TEST(rule_text_length)
{
	size_t n = 70000;
	char *big = malloc(n + 1);
	int64_t id;
	memset(big, 'a', n);
	big[n] = '\0';
	ce_partner_spec s = partner("齐鲁工业大学", CE_PARTNER_UNIVERSITY);
	s.sector = big;
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("partner.sector");
	big[60000] = '\0'; /* long but allowed */
	ck_ok(ce_partner_create(&id, db, &s));
	ce_partner *p;
	ck_ok(ce_partner_lookup(&p, db, id));
	ck_assert_uint_eq(strlen(ce_partner_fields(p)->sector), 60000);
	ce_partner_free(p);
	free(big);
}
END_TEST

START_TEST(rule_calendar_date)
{
	ce_agreement_spec s = CE_AGREEMENT_SPEC_INIT;
	int64_t id;
	static const ce_date bad[] = { 20190230, 20191301, 20190000, 19000229, 18991231, 22000101, 2019,
		                           -20190101 };
	s.title = "校企联合培养研究生协议";
	s.scopes = CE_SCOPE_JOINT_TRAINING_BASE;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		s.start_date = bad[i];
		ck_refused(ce_agreement_create(&id, db, &s), CE_EINVALID);
		ck_said("agreement.start_date");
	}
	s.start_date = 20200229;
	s.signed_on = 20190229;
	ck_refused(ce_agreement_create(&id, db, &s), CE_EINVALID);
	ck_said("agreement.signed_on", "20190229");
	s.signed_on = 20200301; /* signing may follow the start */
	ck_ok(ce_agreement_create(&id, db, &s));
}
END_TEST

START_TEST(rule_end_before_start)
{
	ce_agreement_spec s = CE_AGREEMENT_SPEC_INIT;
	int64_t id;
	s.title = "校企联合培养研究生协议";
	s.scopes = CE_SCOPE_JOINT_TRAINING_BASE;
	s.start_date = CE_DATE(2019, 3, 1);
	s.end_date = CE_DATE(2019, 2, 28);
	ck_refused(ce_agreement_create(&id, db, &s), CE_EINVALID);
	ck_said("agreement.end_date", "2019-02-28");
	s.end_date = s.start_date; /* the same day is fine */
	ck_ok(ce_agreement_create(&id, db, &s));

	/* an update cannot break the order either */
	s.end_date = CE_DATE(2018, 12, 31);
	ck_refused(ce_agreement_update(db, id, &s), CE_EINVALID);
	ck_assert_int_eq(get_int(CE_ENTITY_AGREEMENT, id, "end_date"), CE_DATE(2019, 3, 1));
}
END_TEST

START_TEST(rule_negative_money)
{
	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	int64_t id;
	s.code = "201901022063";
	s.title = "高强高韧铝合金材料研发";
	s.start_date = CE_DATE(2019, 1, 1);
	s.currency = "CNY";
	s.budget = -1;
	ck_refused(ce_project_create(&id, db, &s), CE_EINVALID);
	ck_said("project.budget");
	s.budget = INT64_MIN;
	ck_refused(ce_project_create(&id, db, &s), CE_EINVALID);

	ce_record *r;
	ck_ok(ce_record_new(&r, CE_ENTITY_PROJECT));
	ck_ok(ce_record_set_text(r, "code", "201901022063"));
	ck_ok(ce_record_set_text(r, "title", "高强高韧铝合金材料研发"));
	ck_ok(ce_record_set_int(r, "start_date", CE_DATE(2019, 1, 1)));
	ck_ok(ce_record_set_text(r, "currency", "CNY"));
	ck_ok(ce_record_set_int(r, "budget", -500));
	ck_refused(ce_record_insert(&id, db, r), CE_EINVALID);
	ck_said("project.budget");
	ck_ok(ce_record_set_int(r, "budget", 0));
	ck_ok(ce_record_insert(&id, db, r));
	ce_record_free(r);
}
END_TEST

START_TEST(rule_int_and_real_ranges)
{
	ce_student_spec st = CE_STUDENT_SPEC_INIT;
	ce_platform_spec pl = CE_PLATFORM_SPEC_INIT;
	ce_evaluation_spec ev = CE_EVALUATION_SPEC_INIT;
	int64_t id;
	st.number = "2018010001";
	st.name = "张伟";
	st.level = CE_STUDENT_LEVEL_ACADEMIC_MASTER;
	st.status_date = CE_DATE(2018, 9, 1);
	st.cohort = 1949;
	ck_refused(ce_student_create(&id, db, &st), CE_EINVALID);
	ck_said("student.cohort", "1949");
	st.cohort = 2101;
	ck_refused(ce_student_create(&id, db, &st), CE_EINVALID);
	st.cohort = 0; /* unset, and out of range: effectively required */
	ck_refused(ce_student_create(&id, db, &st), CE_EINVALID);
	st.cohort = 1950;
	ck_ok(ce_student_create(&id, db, &st));

	pl.name = "先进材料联合实验室";
	pl.kind = CE_PLATFORM_JOINT_LABORATORY;
	pl.level = CE_PLATFORM_LEVEL_NATIONAL;
	pl.capacity = -1;
	ck_refused(ce_platform_create(&id, db, &pl), CE_EINVALID);
	ck_said("platform.capacity");

	int64_t sup = make_academic("王建国");
	ev.supervisor = sup;
	ev.period_start = CE_DATE(2019, 1, 1);
	ev.period_end = CE_DATE(2019, 6, 30);
	ev.evaluator = CE_EVALUATOR_STUDENT;
	ev.criterion = "指导时间投入";
	ev.score = 100.5;
	ck_refused(ce_evaluation_create(&id, db, &ev), CE_EINVALID);
	ck_said("evaluation.score");
	ev.score = -0.1;
	ck_refused(ce_evaluation_create(&id, db, &ev), CE_EINVALID);
	ev.score = NAN;
	ck_refused(ce_evaluation_create(&id, db, &ev), CE_EINVALID);
	ev.score = INFINITY;
	ck_refused(ce_evaluation_create(&id, db, &ev), CE_EINVALID);
	ev.score = 100.0;
	ck_ok(ce_evaluation_create(&id, db, &ev));
}
END_TEST

START_TEST(rule_enum_flags_bool)
{
	ce_partner_spec s = partner("山东某航空材料有限公司", (ce_partner_kind)7);
	ce_agreement_spec a = CE_AGREEMENT_SPEC_INIT;
	ce_supervisor_spec sv = CE_SUPERVISOR_SPEC_INIT;
	int64_t id;
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("partner.kind", "7");
	s.kind = (ce_partner_kind)-1;
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	s.kind = CE_PARTNER_ENTERPRISE;
	s.ownership = (ce_ownership)5;
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("partner.ownership");

	a.title = "校企合作框架协议";
	a.start_date = CE_DATE(2019, 1, 1);
	a.scopes = CE_SCOPE_CONSULTING | (1u << 9);
	ck_refused(ce_agreement_create(&id, db, &a), CE_EINVALID);
	ck_said("agreement.scopes");
	a.scopes = 0x80000000u;
	ck_refused(ce_agreement_create(&id, db, &a), CE_EINVALID);
	a.scopes = CE_SCOPE_INTERNSHIP_HOSTING | CE_SCOPE_STAFF_EXCHANGE;
	ck_ok(ce_agreement_create(&id, db, &a));
	ck_assert_int_eq(get_int(CE_ENTITY_AGREEMENT, id, "scopes"),
	                 CE_SCOPE_INTERNSHIP_HOSTING | CE_SCOPE_STAFF_EXCHANGE);

	/* generic values wider than the column's C type are not truncated into range */
	ce_record *r;
	ck_ok(ce_record_new(&r, CE_ENTITY_AGREEMENT));
	ck_ok(ce_record_set_text(r, "title", "校企合作框架协议"));
	ck_ok(ce_record_set_int(r, "scopes", -1));
	ck_ok(ce_record_set_int(r, "start_date", CE_DATE(2019, 1, 1)));
	ck_refused(ce_record_insert(&id, db, r), CE_EINVALID);
	ck_ok(ce_record_set_int(r, "scopes", (INT64_C(1) << 40) | CE_SCOPE_CONSULTING));
	ck_refused(ce_record_insert(&id, db, r), CE_EINVALID);
	ck_ok(ce_record_set_int(r, "scopes", CE_SCOPE_CONSULTING));
	ck_ok(ce_record_set_int(r, "start_date", (INT64_C(1) << 32) + CE_DATE(2019, 1, 1)));
	ck_refused(ce_record_insert(&id, db, r), CE_EINVALID);
	ck_said("agreement.start_date");
	ck_ok(ce_record_set_int(r, "start_date", CE_DATE(2019, 1, 1)));
	ck_ok(ce_record_set_int(r, "status", (INT64_C(1) << 32) + CE_AGREEMENT_STATUS_DRAFT));
	ck_refused(ce_record_insert(&id, db, r), CE_EINVALID);
	ck_ok(ce_record_set_null(r, "status"));
	ck_ok(ce_record_insert(&id, db, r));
	ce_record_free(r);

	sv.name = "王建国";
	sv.kind = CE_SUPERVISOR_ACADEMIC;
	sv.industry_experience = 2;
	ck_refused(ce_supervisor_create(&id, db, &sv), CE_EINVALID);
	ck_said("supervisor.industry_experience");
	sv.industry_experience = -1;
	ck_refused(ce_supervisor_create(&id, db, &sv), CE_EINVALID);
}
END_TEST

START_TEST(rule_dangling_ref)
{
	ce_agreement_party_spec s = CE_AGREEMENT_PARTY_SPEC_INIT;
	int64_t id, a = make_agreement("校企联合培养研究生协议", CE_SCOPE_JOINT_TRAINING_BASE,
	                               CE_DATE(2019, 1, 1));
	int64_t p = make_enterprise("山东某航空材料有限公司");
	s.agreement = a;
	s.partner = p + 100;
	ck_refused(ce_agreement_party_create(&id, db, &s), CE_ECONSTRAINT);
	ck_said("agreement_party.partner");
	s.agreement = a + 100;
	s.partner = p;
	ck_refused(ce_agreement_party_create(&id, db, &s), CE_ECONSTRAINT);
	ck_said("agreement_party.agreement");
	/* a record of another entity with that id does not count */
	make_student("2018010001", "张伟");
	make_student("2018010002", "王芳");
	int64_t st = make_student("2018010003", "刘洋");
	ck_assert(!exists(CE_ENTITY_PARTNER, st));
	s.agreement = a;
	s.partner = st;
	ck_refused(ce_agreement_party_create(&id, db, &s), CE_ECONSTRAINT);

	ce_record *r;
	ck_ok(ce_record_new(&r, CE_ENTITY_AGREEMENT_PARTY));
	ck_ok(ce_record_set_int(r, "agreement", a));
	ck_ok(ce_record_set_int(r, "partner", -3));
	ck_refused(ce_record_insert(&id, db, r), CE_EINVALID);
	ck_ok(ce_record_set_int(r, "partner", 0));
	ck_refused(ce_record_insert(&id, db, r), CE_EINVALID);
	ck_ok(ce_record_set_int(r, "partner", p));
	ck_ok(ce_record_insert(&id, db, r));
	ce_record_free(r);

	/* updates are checked too */
	s.agreement = a;
	s.partner = 999;
	ck_refused(ce_agreement_party_update(db, id, &s), CE_ECONSTRAINT);
	ck_assert_int_eq(get_int(CE_ENTITY_AGREEMENT_PARTY, id, "partner"), p);
}
END_TEST

START_TEST(rule_unique_single)
{
	ce_partner_spec s = partner("齐鲁工业大学", CE_PARTNER_UNIVERSITY);
	int64_t id, other = make_partner("齐鲁工业大学", CE_PARTNER_UNIVERSITY);
	ck_refused(ce_partner_create(&id, db, &s), CE_EEXISTS);
	ck_said("partner.name", "齐鲁工业大学");
	s.name = "　齐鲁工业大学 "; /* the same name once normalised */
	ck_refused(ce_partner_create(&id, db, &s), CE_EEXISTS);
	ck_said("partner.name", "'齐鲁工业大学'");
	s.name = "齐鲁工业大学长清校区"; /* a different text */
	ck_ok(ce_partner_create(&id, db, &s));
	/* renaming onto a taken name is refused; keeping one's own name is not */
	s.name = "齐鲁工业大学";
	ck_refused(ce_partner_update(db, id, &s), CE_EEXISTS);
	ce_partner *p;
	ck_ok(ce_partner_lookup(&p, db, id));
	ck_assert_str_eq(ce_partner_fields(p)->name, "齐鲁工业大学长清校区");
	ce_partner_free(p);
	s.region = "山东省济南市长清区";
	ck_ok(ce_partner_update(db, other, &s));

	/* optional unique columns: many NULLs never collide */
	make_academic("王建国");
	make_academic("李红");
	ce_supervisor_spec sv = CE_SUPERVISOR_SPEC_INIT;
	sv.name = "赵强";
	sv.kind = CE_SUPERVISOR_ACADEMIC;
	sv.staff_number = "T2001";
	ck_ok(ce_supervisor_create(&id, db, &sv));
	sv.name = "钱多";
	ck_refused(ce_supervisor_create(&id, db, &sv), CE_EEXISTS);
	ck_said("supervisor.staff_number", "T2001");
}
END_TEST

START_TEST(rule_unique_composite)
{
	int64_t id, a = make_agreement("校企联合培养研究生协议", CE_SCOPE_JOINT_TRAINING_BASE,
	                               CE_DATE(2019, 1, 1));
	int64_t b = make_agreement("订单班合作协议", CE_SCOPE_ORDER_CLASS, CE_DATE(2019, 1, 1));
	int64_t p = make_enterprise("山东某航空材料有限公司");
	int64_t q = make_enterprise("济南某精密铸造有限公司");
	make_party(a, p);
	make_party(a, q);
	make_party(b, p); /* the same partner in another agreement */
	ce_agreement_party_spec s = CE_AGREEMENT_PARTY_SPEC_INIT;
	s.agreement = a;
	s.partner = p;
	ck_refused(ce_agreement_party_create(&id, db, &s), CE_EEXISTS);
	ck_said("agreement_party");

	/* three columns: another role is a different triple */
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	make_project_partner(prj, p, CE_PROJECT_ROLE_LEAD);
	make_project_partner(prj, p, CE_PROJECT_ROLE_FUNDER);
	ce_project_partner_spec pp = CE_PROJECT_PARTNER_SPEC_INIT;
	pp.project = prj;
	pp.partner = p;
	pp.role = CE_PROJECT_ROLE_LEAD;
	ck_refused(ce_project_partner_create(&id, db, &pp), CE_EEXISTS);
	ck_said("project_partner");
}
END_TEST

START_TEST(rule_exactly_one)
{
	int64_t id, team = make_team("高性能铝合金导师团队");
	int64_t sup = make_academic("王建国"), st = make_student("2018010001", "张伟");
	ce_team_member_spec s = CE_TEAM_MEMBER_SPEC_INIT;
	s.team = team;
	s.role = CE_TEAM_ROLE_DEPUTY;
	ck_refused(ce_team_member_create(&id, db, &s), CE_EINVALID); /* none */
	ck_said("supervisor", "student");
	s.supervisor = sup;
	s.student = st;
	ck_refused(ce_team_member_create(&id, db, &s), CE_EINVALID); /* both */
	ck_said("exactly one");
	s.student = 0;
	ck_ok(ce_team_member_create(&id, db, &s));
	/* an update cannot add the second one */
	s.student = st;
	ck_refused(ce_team_member_update(db, id, &s), CE_EINVALID);
}
END_TEST

Suite *suite_rules(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = store_tcase("typed");
	tcase_add_test(tc, spec_versions_and_nulls);
	tcase_add_test(tc, typed_api_every_noun);
	suite_add_tcase(s, tc);

	tc = store_tcase("rules");
	tcase_add_test(tc, rule_required);
	tcase_add_test(tc, rule_utf8);
	tcase_add_test(tc, rule_text_length);
	tcase_add_test(tc, rule_calendar_date);
	tcase_add_test(tc, rule_end_before_start);
	tcase_add_test(tc, rule_negative_money);
	tcase_add_test(tc, rule_int_and_real_ranges);
	tcase_add_test(tc, rule_enum_flags_bool);
	tcase_add_test(tc, rule_dangling_ref);
	tcase_add_test(tc, rule_unique_single);
	tcase_add_test(tc, rule_unique_composite);
	tcase_add_test(tc, rule_exactly_one);
	suite_add_tcase(s, tc);

	return s;
}
