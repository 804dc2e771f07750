/* People: supervisors, teams (members, meetings), students (status
 * lifecycle) and supervisions. */
#include "conformance.h"

/* ---- supervisor ------------------------------------------------------------ */

START_TEST(supervisor_round_trip)
{
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	ce_supervisor_spec s = CE_SUPERVISOR_SPEC_INIT;
	ce_supervisor *r;
	int64_t id;
	s.name = "刘志强";
	s.kind = CE_SUPERVISOR_ENTERPRISE;
	s.staff_number = "QY-0042";
	s.affiliation = ent;
	s.title = "高级工程师";
	s.field = "铝合金铸造";
	s.industry_experience = 1;
	ck_ok(ce_supervisor_create(&id, db, &s));
	ck_ok(ce_supervisor_lookup(&r, db, id));
	const ce_supervisor_spec *f = ce_supervisor_fields(r);
	ck_assert_str_eq(f->name, "刘志强");
	ck_assert_int_eq(f->kind, CE_SUPERVISOR_ENTERPRISE);
	ck_assert_str_eq(f->staff_number, "QY-0042");
	ck_assert_int_eq(f->affiliation, ent);
	ck_assert_str_eq(f->title, "高级工程师");
	ck_assert_str_eq(f->field, "铝合金铸造");
	ck_assert_int_eq(f->industry_experience, 1);
	ce_supervisor_free(r);
	ck_ok(ce_supervisor_lookup_by_staff_number(&r, db, "QY-0042"));
	ck_assert_int_eq(ce_supervisor_id(r), id);
	ce_supervisor_free(r);
	ck_rc(ce_supervisor_lookup_by_staff_number(&r, db, "QY-0043"), CE_ENOTFOUND);

	s.industry_experience = 0;
	s.staff_number = NULL;
	ck_ok(ce_supervisor_update(db, id, &s));
	ck_assert_int_eq(get_int(CE_ENTITY_SUPERVISOR, id, "industry_experience"), 0);
	ck_assert(is_null(CE_ENTITY_SUPERVISOR, id, "staff_number"));

	/* industry and entrepreneurship experience are separate facts */
	s.entrepreneurship_experience = 1;
	ck_ok(ce_supervisor_update(db, id, &s));
	ck_assert_int_eq(get_int(CE_ENTITY_SUPERVISOR, id, "industry_experience"), 0);
	ck_assert_int_eq(get_int(CE_ENTITY_SUPERVISOR, id, "entrepreneurship_experience"), 1);
	s.entrepreneurship_experience = 2;
	ck_refused(ce_supervisor_update(db, id, &s), CE_EINVALID);
	ck_said("supervisor.entrepreneurship_experience");
	/* a version-1 caller knows only industry experience: the other is 0 */
	ce_supervisor_spec v1;
	ck_ok(ce_supervisor_spec_init(&v1, 1));
	v1.name = "赵工";
	v1.kind = CE_SUPERVISOR_ACADEMIC;
	v1.industry_experience = 1;
	int64_t old;
	ck_ok(ce_supervisor_create(&old, db, &v1));
	ck_assert_int_eq(get_int(CE_ENTITY_SUPERVISOR, old, "industry_experience"), 1);
	ck_assert_int_eq(get_int(CE_ENTITY_SUPERVISOR, old, "entrepreneurship_experience"), 0);

	int64_t ac = make_academic("王建国");
	ce_filter *f2 = f_int("kind", CE_SUPERVISOR_ACADEMIC);
	ck_ids(CE_ENTITY_SUPERVISOR, f2, idlist(old, ac, 0, 0, 0, 0, 0, 0));
	ce_filter_free(f2);
	f2 = f_int("affiliation", ent);
	ck_ids(CE_ENTITY_SUPERVISOR, f2, IDS1(id));
	ce_filter_free(f2);
}
END_TEST

START_TEST(supervisor_enterprise_needs_affiliation)
{
	ce_supervisor_spec s = CE_SUPERVISOR_SPEC_INIT;
	int64_t id, uni = make_partner("齐鲁工业大学", CE_PARTNER_UNIVERSITY);
	s.name = "刘志强";
	s.kind = CE_SUPERVISOR_ENTERPRISE;
	ck_refused(ce_supervisor_create(&id, db, &s), CE_EINVALID);
	ck_said("supervisor.affiliation", "刘志强");
	s.affiliation = 999;
	ck_refused(ce_supervisor_create(&id, db, &s), CE_ECONSTRAINT);
	/* academics may name their university, or nothing */
	s.kind = CE_SUPERVISOR_ACADEMIC;
	s.affiliation = uni;
	ck_ok(ce_supervisor_create(&id, db, &s));
	s.affiliation = 0;
	ck_ok(ce_supervisor_update(db, id, &s));
	/* and cannot become enterprise supervisors without one */
	s.kind = CE_SUPERVISOR_ENTERPRISE;
	ck_refused(ce_supervisor_update(db, id, &s), CE_EINVALID);
	s.name = NULL;
	s.affiliation = uni;
	ck_refused(ce_supervisor_update(db, id, &s), CE_EINVALID);
	ck_said("supervisor.name");
	s.name = "刘志强";
	s.kind = (ce_supervisor_kind)3;
	ck_refused(ce_supervisor_update(db, id, &s), CE_EINVALID);
}
END_TEST

/* ---- team ------------------------------------------------------------------ */

static int64_t member(int64_t team, int64_t supervisor, int64_t student, ce_team_role role,
                      int expect)
{
	ce_team_member_spec s = CE_TEAM_MEMBER_SPEC_INIT;
	int64_t id = 0;
	s.team = team;
	s.supervisor = supervisor;
	s.student = student;
	s.role = role;
	if (expect == CE_OK)
		ck_ok(ce_team_member_create(&id, db, &s));
	else
		ck_refused(ce_team_member_create(&id, db, &s), expect);
	return id;
}

START_TEST(team_round_trip)
{
	ce_team_spec s = CE_TEAM_SPEC_INIT;
	ce_team *r;
	int64_t id, other;
	s.name = "高性能铝合金导师团队";
	s.discipline = "材料科学与工程";
	s.established_on = CE_DATE(2015, 9, 1);
	ck_ok(ce_team_create(&id, db, &s));
	ck_ok(ce_team_lookup(&r, db, id));
	ck_assert_str_eq(ce_team_fields(r)->name, "高性能铝合金导师团队");
	ck_assert_str_eq(ce_team_fields(r)->discipline, "材料科学与工程");
	ck_assert_int_eq(ce_team_fields(r)->established_on, CE_DATE(2015, 9, 1));
	ce_team_free(r);
	ck_ok(ce_team_lookup_by_name(&r, db, "高性能铝合金导师团队"));
	ck_assert_int_eq(ce_team_id(r), id);
	ce_team_free(r);
	ck_refused(ce_team_create(&other, db, &s), CE_EEXISTS);
	ck_said("team.name", "高性能铝合金导师团队");
	s.name = "增材制造导师团队";
	s.discipline = NULL;
	ck_refused(ce_team_create(&other, db, &s), CE_EINVALID);
	ck_said("team.discipline");
}
END_TEST

START_TEST(team_members)
{
	int64_t t1 = make_team("高性能铝合金导师团队"), t2 = make_team("增材制造导师团队");
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	int64_t wang = make_academic("王建国"), li = make_academic("李红");
	int64_t liu = make_enterprise_supervisor("刘志强", ent), zhao = make_academic("赵强");
	int64_t s1 = make_student("2018010001", "张伟"), s2 = make_student("2018010002", "王芳");

	int64_t main1 = member(t1, wang, 0, CE_TEAM_ROLE_MAIN, CE_OK);
	int64_t li1 = member(t1, li, 0, CE_TEAM_ROLE_DEPUTY, CE_OK);
	member(t1, liu, 0, CE_TEAM_ROLE_DEPUTY, CE_OK);
	member(t1, 0, s1, CE_TEAM_ROLE_MEMBER, CE_OK);
	member(t1, 0, s2, CE_TEAM_ROLE_MEMBER, CE_OK);
	member(t2, li, 0, CE_TEAM_ROLE_MAIN, CE_OK); /* each team has its own main */

	ce_team_member *tmr;
	ck_ok(ce_team_member_lookup(&tmr, db, main1));
	ck_assert_int_eq(ce_team_member_fields(tmr)->team, t1);
	ck_assert_int_eq(ce_team_member_fields(tmr)->supervisor, wang);
	ck_assert_int_eq(ce_team_member_fields(tmr)->student, 0);
	ck_assert_int_eq(ce_team_member_fields(tmr)->role, CE_TEAM_ROLE_MAIN);
	ce_team_member_free(tmr);

	/* a single main supervisor per team */
	member(t1, zhao, 0, CE_TEAM_ROLE_MAIN, CE_EEXISTS);
	ck_said("高性能铝合金导师团队", "王建国");
	/* roles by member kind */
	member(t2, 0, s1, CE_TEAM_ROLE_MAIN, CE_EINVALID);
	ck_said("team_member.role");
	member(t2, 0, s1, CE_TEAM_ROLE_DEPUTY, CE_EINVALID);
	member(t2, wang, 0, CE_TEAM_ROLE_MEMBER, CE_EINVALID);
	member(t2, 0, 0, CE_TEAM_ROLE_MEMBER, CE_EINVALID);
	/* each person once per team */
	member(t1, wang, 0, CE_TEAM_ROLE_DEPUTY, CE_EEXISTS);
	member(t1, 0, s1, CE_TEAM_ROLE_MEMBER, CE_EEXISTS);
	member(t1, 999, 0, CE_TEAM_ROLE_DEPUTY, CE_ECONSTRAINT);

	/* the main may be updated in place; a deputy cannot be promoted over him */
	ce_team_member_spec s = CE_TEAM_MEMBER_SPEC_INIT;
	s.team = t1;
	s.supervisor = wang;
	s.role = CE_TEAM_ROLE_MAIN;
	ck_ok(ce_team_member_update(db, main1, &s));
	s.supervisor = li;
	ck_refused(ce_team_member_update(db, li1, &s), CE_EEXISTS);
	ck_said("王建国");
	/* after the main steps down, another may take the role */
	s.supervisor = wang;
	s.role = CE_TEAM_ROLE_DEPUTY;
	ck_ok(ce_team_member_update(db, main1, &s));
	s.supervisor = li;
	s.role = CE_TEAM_ROLE_MAIN;
	ck_ok(ce_team_member_update(db, li1, &s));
	member(t1, zhao, 0, CE_TEAM_ROLE_MAIN, CE_EEXISTS);
	ck_said("李红");

	ce_filter *f;
	/* links */
	ck_ids(CE_ENTITY_TEAM, f = f_int("supervisor", li), IDS2(t1, t2));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_TEAM, f = f_int("student", s2), IDS1(t1));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_STUDENT, f = f_int("team", t1), IDS2(s1, s2));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_STUDENT, f = f_int("team", t2), "");
	ce_filter_free(f);
	f = f_int("role", CE_TEAM_ROLE_MEMBER);
	ck_assert_int_eq(count_where(CE_ENTITY_TEAM_MEMBER, f), 2);
	ce_filter_free(f);
}
END_TEST

START_TEST(team_meetings)
{
	int64_t t = make_team("高性能铝合金导师团队"), id;
	ce_team_meeting_spec s = CE_TEAM_MEETING_SPEC_INIT;
	s.team = t;
	s.held_on = CE_DATE(2019, 11, 20);
	s.duration_minutes = 120;
	s.topic = "中期进展汇报";
	s.notes = "张伟汇报热处理实验结果；企业导师提出中试要求。";
	ck_ok(ce_team_meeting_create(&id, db, &s));
	ce_team_meeting *r;
	ck_ok(ce_team_meeting_lookup(&r, db, id));
	ck_assert_int_eq(ce_team_meeting_fields(r)->team, t);
	ck_assert_int_eq(ce_team_meeting_fields(r)->held_on, CE_DATE(2019, 11, 20));
	ck_assert_int_eq(ce_team_meeting_fields(r)->duration_minutes, 120);
	ck_assert_str_eq(ce_team_meeting_fields(r)->topic, "中期进展汇报");
	ck_assert_str_eq(ce_team_meeting_fields(r)->notes, s.notes);
	ce_team_meeting_free(r);
	s.duration_minutes = 1441;
	ck_refused(ce_team_meeting_create(&id, db, &s), CE_EINVALID);
	ck_said("team_meeting.duration_minutes");
	s.duration_minutes = -30;
	ck_refused(ce_team_meeting_create(&id, db, &s), CE_EINVALID);
	s.duration_minutes = 1440;
	s.held_on = 0;
	ck_refused(ce_team_meeting_create(&id, db, &s), CE_EINVALID);
	ck_said("team_meeting.held_on");
	ce_filter *f = f_int("team", t);
	ck_ids(CE_ENTITY_TEAM_MEETING, f, IDS1(id));
	ce_filter_free(f);
}
END_TEST

/* ---- student ----------------------------------------------------------------- */

START_TEST(student_round_trip)
{
	ce_student_spec s = CE_STUDENT_SPEC_INIT;
	ce_student *r;
	int64_t id;
	s.number = "2014010203";
	s.name = "李明";
	s.level = CE_STUDENT_LEVEL_ACADEMIC_MASTER;
	s.cohort = 2014;
	s.major = "材料工程";
	s.status_date = CE_DATE(2014, 9, 1);
	ck_ok(ce_student_create(&id, db, &s));
	ck_ok(ce_student_lookup(&r, db, id));
	const ce_student_spec *f = ce_student_fields(r);
	ck_assert_str_eq(f->number, "2014010203");
	ck_assert_str_eq(f->name, "李明");
	ck_assert_int_eq(f->level, CE_STUDENT_LEVEL_ACADEMIC_MASTER);
	ck_assert_int_eq(f->cohort, 2014);
	ck_assert_str_eq(f->major, "材料工程");
	ck_assert_int_eq(f->status, CE_STUDENT_STATUS_ENROLLED);
	ck_assert_int_eq(f->status_date, CE_DATE(2014, 9, 1));
	ce_student_free(r);
	ck_history(CE_ENTITY_STUDENT, id, "status", "0>1@20140901");
	ck_ok(ce_student_lookup_by_number(&r, db, "2014010203"));
	ck_assert_int_eq(ce_student_id(r), id);
	ce_student_free(r);

	s.name = "李明明";
	s.major = NULL;
	s.status_date = 0;
	ck_ok(ce_student_update(db, id, &s));
	ck_ok(ce_student_lookup(&r, db, id));
	ck_assert_str_eq(ce_student_fields(r)->name, "李明明");
	ck_assert_ptr_null(ce_student_fields(r)->major);
	ce_student_free(r);

	s.name = "王芳";
	s.status_date = CE_DATE(2014, 9, 1);
	ck_refused(ce_student_create(&id, db, &s), CE_EEXISTS);
	ck_said("student.number", "2014010203");
	s.number = "2014010204";
	s.status_date = 0; /* no default date */
	ck_refused(ce_student_create(&id, db, &s), CE_EINVALID);
	ck_said("student.status_date");
	s.status_date = CE_DATE(2014, 9, 1);
	s.level = (ce_student_level)5;
	ck_refused(ce_student_create(&id, db, &s), CE_EINVALID);
	ck_said("student.level");
}
END_TEST

START_TEST(student_moves)
{
	int64_t a = make_student("2018010001", "张伟"), b = make_student("2018010002", "王芳");
	ck_ok(ce_student_set_status(db, a, CE_STUDENT_STATUS_GRADUATED, CE_DATE(2021, 6, 30)));
	ck_refused(ce_student_set_status(db, a, CE_STUDENT_STATUS_WITHDRAWN, CE_DATE(2021, 7, 1)),
	           CE_ETRANSITION);
	ck_said("student.status", "graduated", "withdrawn");
	ck_refused(ce_student_set_status(db, a, CE_STUDENT_STATUS_ENROLLED, CE_DATE(2021, 9, 1)),
	           CE_ETRANSITION);
	ck_history(CE_ENTITY_STUDENT, a, "status", "0>1@20180901,1>2@20210630");
	ck_refused(ce_student_set_status(db, b, CE_STUDENT_STATUS_WITHDRAWN, CE_DATE(2018, 8, 31)),
	           CE_ETRANSITION); /* backwards */
	ck_refused(ce_student_set_status(db, b, CE_STUDENT_STATUS_ENROLLED, CE_DATE(2018, 9, 2)),
	           CE_ETRANSITION); /* not to itself */
	ck_ok(ce_student_set_status(db, b, CE_STUDENT_STATUS_WITHDRAWN, CE_DATE(2019, 3, 1)));
	ck_refused(ce_student_set_status(db, b, CE_STUDENT_STATUS_ENROLLED, CE_DATE(2019, 9, 1)),
	           CE_ETRANSITION);
	ck_history(CE_ENTITY_STUDENT, b, "status", "0>1@20180901,1>3@20190301");

	/* history can be imported: a record may start in any state */
	ce_student_spec s = CE_STUDENT_SPEC_INIT;
	int64_t c;
	s.number = "2010010001";
	s.name = "陈晨";
	s.level = CE_STUDENT_LEVEL_UNDERGRADUATE;
	s.cohort = 2010;
	s.status = CE_STUDENT_STATUS_GRADUATED;
	s.status_date = CE_DATE(2014, 6, 30);
	ck_ok(ce_student_create(&c, db, &s));
	ck_history(CE_ENTITY_STUDENT, c, "status", "0>2@20140630");
	s.status = CE_STUDENT_STATUS_WITHDRAWN;
	ck_refused(ce_student_update(db, c, &s), CE_ETRANSITION);

	ce_filter *f = f_int("status", CE_STUDENT_STATUS_GRADUATED);
	ck_ids(CE_ENTITY_STUDENT, f, IDS2(a, c));
	ce_filter_free(f);
	f = f_int("level", CE_STUDENT_LEVEL_UNDERGRADUATE);
	ck_ids(CE_ENTITY_STUDENT, f, IDS1(c));
	ce_filter_free(f);
}
END_TEST

/* ---- supervision ------------------------------------------------------------ */

START_TEST(supervision_round_trip)
{
	int64_t st = make_student("2018010001", "张伟"), wang = make_academic("王建国");
	ce_supervision_spec s = CE_SUPERVISION_SPEC_INIT;
	ce_supervision *r;
	int64_t id;
	s.student = st;
	s.supervisor = wang;
	s.role = CE_SUPERVISION_ROLE_MAIN;
	s.start_date = CE_DATE(2018, 9, 1);
	s.end_date = CE_DATE(2021, 6, 30);
	ck_ok(ce_supervision_create(&id, db, &s));
	ck_ok(ce_supervision_lookup(&r, db, id));
	const ce_supervision_spec *f = ce_supervision_fields(r);
	ck_assert_int_eq(f->student, st);
	ck_assert_int_eq(f->supervisor, wang);
	ck_assert_int_eq(f->role, CE_SUPERVISION_ROLE_MAIN);
	ck_assert_int_eq(f->start_date, CE_DATE(2018, 9, 1));
	ck_assert_int_eq(f->end_date, CE_DATE(2021, 6, 30));
	ce_supervision_free(r);

	ck_refused(ce_supervision_create(&id, db, &s), CE_EEXISTS);
	s.role = CE_SUPERVISION_ROLE_DEPUTY; /* same pair, other role */
	ck_ok(ce_supervision_create(&id, db, &s));
	s.end_date = CE_DATE(2018, 8, 31);
	ck_refused(ce_supervision_update(db, id, &s), CE_EINVALID);
	ck_said("supervision.end_date");
	s.end_date = 0;
	s.start_date = 0;
	ck_refused(ce_supervision_update(db, id, &s), CE_EINVALID);
	ck_said("supervision.start_date");
}
END_TEST

START_TEST(supervision_enterprise_role)
{
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	int64_t st = make_student("2018010001", "张伟"), st2 = make_student("2018010002", "王芳");
	int64_t wang = make_academic("王建国"), liu = make_enterprise_supervisor("刘志强", ent);
	ce_supervision_spec s = CE_SUPERVISION_SPEC_INIT;
	int64_t id;
	s.student = st;
	s.supervisor = wang;
	s.role = CE_SUPERVISION_ROLE_ENTERPRISE;
	s.start_date = CE_DATE(2018, 9, 1);
	ck_refused(ce_supervision_create(&id, db, &s), CE_EINVALID);
	ck_said("supervision", "王建国", "academic");
	s.supervisor = liu;
	ck_ok(ce_supervision_create(&id, db, &s));
	s.supervisor = wang;
	ck_refused(ce_supervision_update(db, id, &s), CE_EINVALID);
	/* the other roles take anyone */
	make_supervision(st, wang, CE_SUPERVISION_ROLE_MAIN);
	make_supervision(st2, liu, CE_SUPERVISION_ROLE_DEPUTY);
	ce_filter *f = f_int("supervisor", liu);
	ck_ids(CE_ENTITY_STUDENT, f, IDS2(st, st2));
	ce_filter_free(f);
	f = f_int("role", CE_SUPERVISION_ROLE_ENTERPRISE);
	ck_ids(CE_ENTITY_SUPERVISION, f, IDS1(id));
	ce_filter_free(f);
	f = f_int("student", st);
	ck_assert_int_eq(count_where(CE_ENTITY_SUPERVISION, f), 2);
	ce_filter_free(f);
}
END_TEST

Suite *suite_people(void)
{
	Suite *s = suite_create("people");
	TCase *tc = store_tcase("supervisor");
	tcase_add_test(tc, supervisor_round_trip);
	tcase_add_test(tc, supervisor_enterprise_needs_affiliation);
	suite_add_tcase(s, tc);

	tc = store_tcase("team");
	tcase_add_test(tc, team_round_trip);
	tcase_add_test(tc, team_members);
	tcase_add_test(tc, team_meetings);
	suite_add_tcase(s, tc);

	tc = store_tcase("student");
	tcase_add_test(tc, student_round_trip);
	tcase_add_test(tc, student_moves);
	suite_add_tcase(s, tc);

	tc = store_tcase("supervision");
	tcase_add_test(tc, supervision_round_trip);
	tcase_add_test(tc, supervision_enterprise_role);
	suite_add_tcase(s, tc);
	return s;
}
