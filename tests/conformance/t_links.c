/* Role-typed, time-bounded links (agreement parties, platform hosts,
 * project partners, team members), team meeting attendance, and an
 * outcome's place in its project's time (background IP). */
#include "conformance.h"

static int64_t dated_agreement(const char *title, ce_date start, ce_date end)
{
	ce_agreement_spec s = CE_AGREEMENT_SPEC_INIT;
	int64_t id = 0;
	s.title = title;
	s.scopes = CE_SCOPE_JOINT_TRAINING_BASE;
	s.start_date = start;
	s.end_date = end;
	ck_ok(ce_agreement_create(&id, db, &s));
	return id;
}

START_TEST(party_roles_and_dates)
{
	int64_t a = dated_agreement("济南市校企合作协同育人协议", CE_DATE(2018, 3, 1), CE_DATE(2023, 2, 28));
	int64_t gov = make_partner("济南市教育局", CE_PARTNER_GOVERNMENT);
	int64_t assoc = make_partner("山东省铸造协会", CE_PARTNER_INDUSTRY_ASSOCIATION);
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	int64_t uni = make_partner("齐鲁工业大学", CE_PARTNER_UNIVERSITY);
	ce_agreement_party_spec s = CE_AGREEMENT_PARTY_SPEC_INIT;
	ce_agreement_party *r;
	int64_t id, g, u;

	/* the four rings, each taken by its kind of partner */
	s.agreement = a;
	s.partner = gov;
	s.role = CE_AGREEMENT_PARTY_ROLE_GOVERNMENT_LEADS;
	s.start_date = CE_DATE(2018, 3, 1);
	ck_ok(ce_agreement_party_create(&g, db, &s));
	s.partner = assoc;
	s.role = CE_AGREEMENT_PARTY_ROLE_INDUSTRY_GUIDES;
	s.start_date = CE_DATE(2019, 1, 1);
	s.end_date = CE_DATE(2020, 12, 31);
	ck_ok(ce_agreement_party_create(&id, db, &s));
	ck_ok(ce_agreement_party_lookup(&r, db, id));
	const ce_agreement_party_spec *f = ce_agreement_party_fields(r);
	ck_assert_uint_eq(f->version, CE_AGREEMENT_PARTY_SPEC_VERSION);
	ck_assert_int_eq(f->role, CE_AGREEMENT_PARTY_ROLE_INDUSTRY_GUIDES);
	ck_assert_int_eq(f->start_date, CE_DATE(2019, 1, 1));
	ck_assert_int_eq(f->end_date, CE_DATE(2020, 12, 31));
	ce_agreement_party_free(r);
	s.partner = uni;
	s.role = CE_AGREEMENT_PARTY_ROLE_UNIVERSITY_PROMOTES;
	s.start_date = s.end_date = 0;
	ck_ok(ce_agreement_party_create(&u, db, &s));

	/* a ring taken by the wrong kind of partner */
	s.partner = ent;
	s.role = CE_AGREEMENT_PARTY_ROLE_GOVERNMENT_LEADS;
	ck_refused(ce_agreement_party_create(&id, db, &s), CE_EINVALID);
	ck_said("agreement_party.role", "government_leads", "山东某航空材料有限公司", "enterprise");
	ck_refused(ce_agreement_party_update(db, u, &s), CE_EINVALID);
	/* signatory and host fit any partner */
	s.role = CE_AGREEMENT_PARTY_ROLE_SIGNATORY;
	ck_ok(ce_agreement_party_create(&id, db, &s));
	s.role = CE_AGREEMENT_PARTY_ROLE_ENTERPRISE_PARTICIPATES;
	ck_ok(ce_agreement_party_update(db, id, &s));
	s.role = (ce_agreement_party_role)7;
	ck_refused(ce_agreement_party_update(db, id, &s), CE_EINVALID);
	ck_said("agreement_party.role");
	/* a partner whose kind changes away from its ring is refused too */
	ce_partner *p;
	ck_ok(ce_partner_lookup(&p, db, gov));
	ce_partner_spec ps = *ce_partner_fields(p);
	ps.kind = CE_PARTNER_SOCIAL_ORGANISATION;
	ck_refused(ce_partner_update(db, gov, &ps), CE_EINVALID);
	ck_said("agreement_party.role", "济南市教育局");
	ce_partner_free(p);

	/* dates: end not before start, both within the agreement's */
	s.role = CE_AGREEMENT_PARTY_ROLE_SIGNATORY;
	s.start_date = CE_DATE(2020, 5, 1);
	s.end_date = CE_DATE(2020, 4, 30);
	ck_refused(ce_agreement_party_update(db, id, &s), CE_EINVALID);
	ck_said("agreement_party.end_date");
	s.start_date = CE_DATE(2018, 2, 28);
	s.end_date = 0;
	ck_refused(ce_agreement_party_update(db, id, &s), CE_EINVALID);
	ck_said("agreement_party.start_date", "2018-02-28", "before", "agreement", "2018-03-01");
	s.start_date = CE_DATE(2018, 3, 1);
	s.end_date = CE_DATE(2023, 3, 1);
	ck_refused(ce_agreement_party_update(db, id, &s), CE_EINVALID);
	ck_said("agreement_party.end_date", "2023-03-01", "after", "2023-02-28");
	s.start_date = CE_DATE(2023, 3, 1);
	s.end_date = 0;
	ck_refused(ce_agreement_party_update(db, id, &s), CE_EINVALID);
	ck_said("agreement_party.start_date", "after");
	s.start_date = CE_DATE(2018, 3, 1);
	s.end_date = CE_DATE(2023, 2, 28);
	ck_ok(ce_agreement_party_update(db, id, &s));

	/* moving the agreement's dates past a party's is refused, as the party's would be */
	ce_agreement *ar;
	ck_ok(ce_agreement_lookup(&ar, db, a));
	ce_agreement_spec as = *ce_agreement_fields(ar);
	as.end_date = CE_DATE(2022, 12, 31);
	ck_refused(ce_agreement_update(db, a, &as), CE_EINVALID);
	ck_said("agreement_party.end_date");
	as.end_date = CE_DATE(2023, 2, 28);
	as.start_date = CE_DATE(2018, 4, 1);
	ck_refused(ce_agreement_update(db, a, &as), CE_EINVALID);
	ck_said("agreement_party.start_date");
	ce_agreement_free(ar);

	/* filtered by role */
	ce_filter *flt;
	ck_ids(CE_ENTITY_AGREEMENT_PARTY, flt = f_int("role", CE_AGREEMENT_PARTY_ROLE_GOVERNMENT_LEADS),
	       IDS1(g));
	ce_filter_free(flt);
}
END_TEST

/* A caller built against spec version 1 neither sets nor clears the new fields. */
START_TEST(party_version_1_caller)
{
	int64_t a = dated_agreement("校企联合培养研究生协议", CE_DATE(2016, 1, 1), 0);
	int64_t ent = make_enterprise("山东某铸造机械有限公司");
	ce_agreement_party_spec s = CE_AGREEMENT_PARTY_SPEC_INIT;
	int64_t id;
	s.agreement = a;
	s.partner = ent;
	s.role = CE_AGREEMENT_PARTY_ROLE_SIGNATORY;
	s.start_date = CE_DATE(2016, 1, 1);
	ck_ok(ce_agreement_party_create(&id, db, &s));
	/* version 1: the role and dates past its end are not read */
	s.version = 1;
	s.role = (ce_agreement_party_role)99;
	s.start_date = CE_DATE(1999, 1, 1);
	ck_ok(ce_agreement_party_update(db, id, &s));
	ck_assert_int_eq(get_int(CE_ENTITY_AGREEMENT_PARTY, id, "role"), CE_AGREEMENT_PARTY_ROLE_SIGNATORY);
	ck_assert_int_eq(get_int(CE_ENTITY_AGREEMENT_PARTY, id, "start_date"), CE_DATE(2016, 1, 1));
	int64_t id2;
	ce_agreement_party_spec v1 = { .version = 1, .agreement = a,
	                               .partner = make_enterprise("某咨询服务有限公司") };
	ck_ok(ce_agreement_party_create(&id2, db, &v1));
	ck_assert(is_null(CE_ENTITY_AGREEMENT_PARTY, id2, "role"));
	ck_assert(is_null(CE_ENTITY_AGREEMENT_PARTY, id2, "start_date"));
}
END_TEST

START_TEST(host_roles_and_dates)
{
	ce_platform_spec ps = CE_PLATFORM_SPEC_INIT;
	int64_t plat, ent = make_enterprise("山东某航空材料有限公司"), id;
	ps.name = "高强铝合金校企联合研发中心";
	ps.kind = CE_PLATFORM_ENGINEERING_RESEARCH_CENTRE;
	ps.level = CE_PLATFORM_LEVEL_PROVINCIAL;
	ps.established_on = CE_DATE(2015, 6, 1);
	ck_ok(ce_platform_create(&plat, db, &ps));
	ce_platform_host_spec s = CE_PLATFORM_HOST_SPEC_INIT;
	s.platform = plat;
	s.partner = ent;
	s.role = CE_PLATFORM_HOST_ROLE_CO_BUILDER;
	s.start_date = CE_DATE(2015, 5, 31);
	ck_refused(ce_platform_host_create(&id, db, &s), CE_EINVALID);
	ck_said("platform_host.start_date", "before", "platform", "established_on", "2015-06-01");
	s.start_date = CE_DATE(2015, 6, 1);
	s.end_date = CE_DATE(2015, 1, 1);
	ck_refused(ce_platform_host_create(&id, db, &s), CE_EINVALID);
	ck_said("platform_host.end_date");
	s.end_date = CE_DATE(2020, 12, 31);
	ck_ok(ce_platform_host_create(&id, db, &s));
	ck_assert_int_eq(get_int(CE_ENTITY_PLATFORM_HOST, id, "role"), CE_PLATFORM_HOST_ROLE_CO_BUILDER);
	/* the platform cannot be moved to after its host's start */
	ps.established_on = CE_DATE(2016, 1, 1);
	ck_refused(ce_platform_update(db, plat, &ps), CE_EINVALID);
	ck_said("platform_host.start_date");
	/* a platform with no date bounds nothing */
	ps.established_on = 0;
	ck_ok(ce_platform_update(db, plat, &ps));
	s.start_date = CE_DATE(2001, 1, 1);
	ck_ok(ce_platform_host_update(db, id, &s));
}
END_TEST

START_TEST(project_partner_dates_and_guide)
{
	ce_project_spec ps = CE_PROJECT_SPEC_INIT;
	int64_t proj, assoc = make_partner("山东省铸造协会", CE_PARTNER_INDUSTRY_ASSOCIATION), id;
	ps.code = "2016ZDJS02A03";
	ps.title = "通用航空发动机用高强高韧铝合金关键技术研究与产业化";
	ps.start_date = CE_DATE(2016, 1, 1);
	ps.end_date = CE_DATE(2021, 12, 31);
	ck_ok(ce_project_create(&proj, db, &ps));
	ce_project_partner_spec s = CE_PROJECT_PARTNER_SPEC_INIT;
	s.project = proj;
	s.partner = assoc;
	s.role = CE_PROJECT_ROLE_GUIDE; /* appended to the vocabulary */
	s.start_date = CE_DATE(2017, 1, 1);
	s.end_date = CE_DATE(2022, 1, 1);
	ck_refused(ce_project_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("project_partner.end_date", "after", "project", "2021-12-31");
	s.end_date = CE_DATE(2016, 12, 31);
	ck_refused(ce_project_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("project_partner.end_date");
	s.end_date = CE_DATE(2019, 12, 31);
	ck_ok(ce_project_partner_create(&id, db, &s));
	ck_assert_int_eq(get_int(CE_ENTITY_PROJECT_PARTNER, id, "role"), CE_PROJECT_ROLE_GUIDE);
	ps.end_date = CE_DATE(2019, 6, 30);
	ck_refused(ce_project_update(db, proj, &ps), CE_EINVALID);
	ck_said("project_partner.end_date");
	s.role = (ce_project_role)7;
	ck_refused(ce_project_partner_update(db, id, &s), CE_EINVALID);
}
END_TEST

/* A team with a supervisor member since 2016 and a student member
 * 2018-09-01..2021-06-30, and a meeting on `held_on`. */
typedef struct team_world {
	int64_t team, sup, stu, sup_member, stu_member, meeting, outsider;
} team_world;

static team_world make_team_world(ce_date held_on)
{
	team_world w;
	ce_team_spec ts = CE_TEAM_SPEC_INIT;
	ts.name = "高强铝合金导师团队";
	ts.discipline = "材料科学与工程";
	ts.established_on = CE_DATE(2015, 9, 1);
	ck_ok(ce_team_create(&w.team, db, &ts));
	w.sup = make_academic("王立新");
	w.stu = make_student("2018220305", "吴强");
	w.outsider = make_academic("陈静");
	ce_team_member_spec m = CE_TEAM_MEMBER_SPEC_INIT;
	m.team = w.team;
	m.supervisor = w.sup;
	m.role = CE_TEAM_ROLE_MAIN;
	m.start_date = CE_DATE(2016, 1, 1);
	ck_ok(ce_team_member_create(&w.sup_member, db, &m));
	m.supervisor = 0;
	m.student = w.stu;
	m.role = CE_TEAM_ROLE_MEMBER;
	m.start_date = CE_DATE(2018, 9, 1);
	m.end_date = CE_DATE(2021, 6, 30);
	ck_ok(ce_team_member_create(&w.stu_member, db, &m));
	ce_team_meeting_spec ms = CE_TEAM_MEETING_SPEC_INIT;
	ms.team = w.team;
	ms.held_on = held_on;
	ms.duration_minutes = 120;
	ms.topic = "年度研究进展汇报";
	ck_ok(ce_team_meeting_create(&w.meeting, db, &ms));
	return w;
}

START_TEST(member_dates)
{
	team_world w = make_team_world(CE_DATE(2019, 3, 15));
	ce_team_member_spec m = CE_TEAM_MEMBER_SPEC_INIT;
	int64_t id;
	m.team = w.team;
	m.supervisor = make_academic("李明");
	m.role = CE_TEAM_ROLE_DEPUTY;
	m.start_date = CE_DATE(2015, 8, 31);
	ck_refused(ce_team_member_create(&id, db, &m), CE_EINVALID);
	ck_said("team_member.start_date", "before", "team", "established_on", "2015-09-01");
	m.start_date = CE_DATE(2016, 9, 1);
	m.end_date = CE_DATE(2016, 8, 31);
	ck_refused(ce_team_member_create(&id, db, &m), CE_EINVALID);
	ck_said("team_member.end_date");
	m.end_date = 0;
	ck_ok(ce_team_member_create(&id, db, &m));
	ck_assert(is_null(CE_ENTITY_TEAM_MEMBER, id, "end_date"));
}
END_TEST

START_TEST(meeting_attendees_are_members_that_day)
{
	team_world w = make_team_world(CE_DATE(2019, 3, 15));
	ce_team_meeting_attendee_spec a = CE_TEAM_MEETING_ATTENDEE_SPEC_INIT;
	ce_team_meeting_attendee *r;
	int64_t sa, ta, id;
	a.meeting = w.meeting;
	a.supervisor = w.sup;
	ck_ok(ce_team_meeting_attendee_create(&sa, db, &a));
	ck_ok(ce_team_meeting_attendee_lookup(&r, db, sa));
	ck_assert_int_eq(ce_team_meeting_attendee_fields(r)->meeting, w.meeting);
	ck_assert_int_eq(ce_team_meeting_attendee_fields(r)->supervisor, w.sup);
	ck_assert_int_eq(ce_team_meeting_attendee_fields(r)->student, 0);
	ce_team_meeting_attendee_free(r);
	a.supervisor = 0;
	a.student = w.stu;
	ck_ok(ce_team_meeting_attendee_create(&ta, db, &a));
	/* once per meeting; exactly one person */
	ck_refused(ce_team_meeting_attendee_create(&id, db, &a), CE_EEXISTS);
	a.supervisor = w.sup;
	ck_refused(ce_team_meeting_attendee_create(&id, db, &a), CE_EINVALID);
	/* not a member of the team */
	a.student = 0;
	a.supervisor = w.outsider;
	ck_refused(ce_team_meeting_attendee_create(&id, db, &a), CE_EINVALID);
	ck_said("team_meeting_attendee.supervisor", "not a member", "高强铝合金导师团队", "2019-03-15");

	/* a member, but not on the day: the meeting moves past the student's end */
	ce_team_meeting *mr;
	ck_ok(ce_team_meeting_lookup(&mr, db, w.meeting));
	ce_team_meeting_spec ms = *ce_team_meeting_fields(mr);
	ms.held_on = CE_DATE(2021, 7, 1);
	ck_refused(ce_team_meeting_update(db, w.meeting, &ms), CE_EINVALID);
	ck_said("team_meeting_attendee.student", "no longer", "2021-07-01");
	ce_team_meeting_free(mr);
	/* the membership cannot be cut short of a meeting attended */
	ce_team_member *tm;
	ck_ok(ce_team_member_lookup(&tm, db, w.stu_member));
	ce_team_member_spec m = *ce_team_member_fields(tm);
	m.end_date = CE_DATE(2019, 3, 14);
	ck_refused(ce_team_member_update(db, w.stu_member, &m), CE_EINVALID);
	ck_said("team_member", "attended team meeting", "2019-03-15");
	m.end_date = CE_DATE(2019, 3, 15);
	ck_ok(ce_team_member_update(db, w.stu_member, &m));
	ce_team_member_free(tm);

	/* a second meeting after the student left: the supervisor, not the student */
	ms.held_on = CE_DATE(2020, 9, 10);
	ms.topic = "中期检查预审";
	int64_t second;
	ck_ok(ce_team_meeting_create(&second, db, &ms));
	a.meeting = second;
	a.supervisor = 0;
	a.student = w.stu;
	ck_refused(ce_team_meeting_attendee_create(&id, db, &a), CE_EINVALID);
	ck_said("team_meeting_attendee.student", "高强铝合金导师团队", "2020-09-10");
	a.student = 0;
	a.supervisor = w.sup;
	ck_ok(ce_team_meeting_attendee_create(&id, db, &a));

	ce_filter *f;
	ck_ids(CE_ENTITY_TEAM_MEETING_ATTENDEE, f = f_int("meeting", w.meeting), IDS2(sa, ta));
	ce_filter_free(f);
	/* a meeting with attendance is kept unless asked; cascading takes it along */
	ck_refused(ce_team_meeting_delete(db, w.meeting, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_ok(ce_team_meeting_delete(db, w.meeting, CE_DELETE_CASCADE));
	ck_assert(!exists(CE_ENTITY_TEAM_MEETING_ATTENDEE, sa));
	ck_assert(exists(CE_ENTITY_TEAM_MEETING_ATTENDEE, id));

	/* a membership with attendances stays: the attendance would name a
	 * non-member; without them it goes; the team takes everything along */
	ck_refused(ce_team_member_delete(db, w.sup_member, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_said("team_member", "attended team meeting", "2020-09-10");
	ck_refused(ce_team_member_delete(db, w.sup_member, CE_DELETE_CASCADE), CE_ECONSTRAINT);
	ck_ok(ce_team_member_delete(db, w.stu_member, CE_DELETE_RESTRICT));
	ck_ok(ce_team_delete(db, w.team, CE_DELETE_CASCADE));
	ck_assert(!exists(CE_ENTITY_TEAM_MEETING_ATTENDEE, id));
	ck_assert(!exists(CE_ENTITY_TEAM_MEMBER, w.sup_member));
}
END_TEST

/* An outcome credited to a project cannot have begun before it, unless it
 * is background IP. */
START_TEST(outcome_before_project_needs_background)
{
	int64_t proj = make_project("2016ZDJS02A03", "通用航空发动机用高强高韧铝合金关键技术研究与产业化",
	                            CE_DATE(2016, 1, 1));
	int64_t early = make_outcome(CE_OUTCOME_INVENTION_PATENT, "一种高强高韧铝合金及其制备方法",
	                             CE_DATE(2015, 11, 20));
	int64_t later = make_outcome(CE_OUTCOME_INVENTION_PATENT, "一种铝合金熔体净化处理方法",
	                             CE_DATE(2017, 4, 10));
	ce_outcome_attribution_spec s = CE_OUTCOME_ATTRIBUTION_SPEC_INIT;
	int64_t id, early_link;
	s.outcome = early;
	s.project = proj;
	ck_refused(ce_outcome_attribution_create(&id, db, &s), CE_EINVALID);
	ck_said("outcome_attribution.project", "一种高强高韧铝合金及其制备方法", "2015-11-20",
	        "2016ZDJS02A03", "2016-01-01", "background");
	/* credited to the partner instead, no project: nothing to precede */
	s.project = 0;
	s.partner = make_enterprise("山东某航空材料有限公司");
	ck_ok(ce_outcome_attribution_create(&id, db, &s));

	/* marked background IP, it may */
	ce_outcome *r;
	ck_ok(ce_outcome_lookup(&r, db, early));
	ce_outcome_spec os = *ce_outcome_fields(r);
	ck_assert_int_eq(os.background, 0);
	os.background = 1;
	ck_ok(ce_outcome_update(db, early, &os));
	s.partner = 0;
	s.project = proj;
	ck_ok(ce_outcome_attribution_create(&early_link, db, &s));
	/* and cannot stop being background while it is credited so */
	os.background = 0;
	ck_refused(ce_outcome_update(db, early, &os), CE_EINVALID);
	ck_said("outcome_attribution.project", "background");
	ce_outcome_free(r);

	/* the date is where the outcome began, not where it is now */
	ck_ok(ce_outcome_set_status(db, early, CE_OUTCOME_STATUS_PUBLISHED, CE_DATE(2016, 5, 18)));
	s.outcome = later;
	ck_ok(ce_outcome_attribution_create(&id, db, &s));
	/* the project cannot move its start past an outcome credited to it */
	ce_project *pr;
	ck_ok(ce_project_lookup(&pr, db, proj));
	ce_project_spec ps = *ce_project_fields(pr);
	ps.start_date = CE_DATE(2017, 5, 1);
	ck_refused(ce_project_update(db, proj, &ps), CE_EINVALID);
	ck_said("outcome_attribution.project", "一种铝合金熔体净化处理方法", "2017-04-10");
	ce_project_free(pr);

	/* a version-1 caller leaves background as it is */
	ck_ok(ce_outcome_lookup(&r, db, early));
	os = *ce_outcome_fields(r);
	os.version = 1;
	os.background = 0;
	ck_ok(ce_outcome_update(db, early, &os));
	ck_assert_int_eq(get_int(CE_ENTITY_OUTCOME, early, "background"), 1);
	ce_outcome_free(r);
}
END_TEST

Suite *suite_links(void)
{
	Suite *s = suite_create("links");
	TCase *tc = store_tcase("links");
	tcase_add_test(tc, party_roles_and_dates);
	tcase_add_test(tc, party_version_1_caller);
	tcase_add_test(tc, host_roles_and_dates);
	tcase_add_test(tc, project_partner_dates_and_guide);
	tcase_add_test(tc, member_dates);
	tcase_add_test(tc, meeting_attendees_are_members_that_day);
	tcase_add_test(tc, outcome_before_project_needs_background);
	suite_add_tcase(s, tc);
	return s;
}
