/* Training courses and enrolments: the case study's graduate students also
 * take enterprise-culture, workplace-conduct and leadership courses
 * (企业文化建设、入职文明礼貌沟通方式、管理能力和领导力培养), the applied
 * colleges' students pre-practice training (岗前培训). Rules: each title
 * once per provider, each student once per course, hours attended never
 * above the course's hours (from either side), completed not before
 * started, neither before the student's cohort year. */
#include "conformance.h"

static int64_t make_course(const char *title, ce_training_kind kind, int64_t provider, double hours)
{
	ce_training_course_spec s = CE_TRAINING_COURSE_SPEC_INIT;
	int64_t id = 0;
	s.title = title;
	s.kind = kind;
	s.provider = provider;
	s.hours = hours;
	s.description = "企业发展历程、核心价值观与行为规范";
	ck_ok(ce_training_course_create(&id, db, &s));
	return id;
}

static ce_training_enrolment_spec enrolment(int64_t course, int64_t student, ce_date started,
                                            ce_date completed, double hours)
{
	ce_training_enrolment_spec s = CE_TRAINING_ENROLMENT_SPEC_INIT;
	s.course = course;
	s.student = student;
	s.started_on = started;
	s.completed_on = completed;
	s.hours_attended = hours;
	return s;
}

START_TEST(training_round_trip)
{
	int64_t firm = make_enterprise("山东某航空材料有限公司");
	int64_t uni = make_partner("山东某理工大学", CE_PARTNER_UNIVERSITY);
	int64_t culture = make_course("企业文化建设", CE_TRAINING_ENTERPRISE_CULTURE, firm, 16);
	int64_t lead = make_course("管理能力和领导力培养", CE_TRAINING_LEADERSHIP, uni, 24.5);
	int64_t zhao = make_student("2016010001", "赵磊"), qian = make_student("2016010002", "钱芳");
	ce_training_enrolment_spec e = enrolment(culture, zhao, CE_DATE(2018, 3, 1), CE_DATE(2018, 3, 8), 16);
	int64_t id;
	ck_ok(ce_training_enrolment_create(&id, db, &e));
	e = enrolment(lead, zhao, CE_DATE(2018, 10, 9), 0, 12.5); /* not completed yet */
	ck_ok(ce_training_enrolment_create(NULL, db, &e));
	e = enrolment(culture, qian, 0, 0, 0);
	ck_ok(ce_training_enrolment_create(NULL, db, &e));

	if (persistent())
		reopen();
	ce_training_course *c;
	ck_ok(ce_training_course_lookup(&c, db, lead));
	const ce_training_course_spec *cf = ce_training_course_fields(c);
	ck_assert_str_eq(cf->title, "管理能力和领导力培养");
	ck_assert_int_eq(cf->kind, CE_TRAINING_LEADERSHIP);
	ck_assert_int_eq(cf->provider, uni);
	ck_assert(cf->hours == 24.5);
	ce_training_course_free(c);
	ce_training_enrolment *r;
	ck_ok(ce_training_enrolment_lookup(&r, db, id));
	const ce_training_enrolment_spec *f = ce_training_enrolment_fields(r);
	ck_assert_int_eq(f->course, culture);
	ck_assert_int_eq(f->student, zhao);
	ck_assert_int_eq(f->started_on, CE_DATE(2018, 3, 1));
	ck_assert_int_eq(f->completed_on, CE_DATE(2018, 3, 8));
	ck_assert(f->hours_attended == 16);
	ce_training_enrolment_free(r);

	/* the courses a student takes, through the link */
	ce_filter *by = f_int("student", zhao);
	ck_ids(CE_ENTITY_TRAINING_COURSE, by, IDS2(culture, lead));
	ce_filter_free(by);
	by = f_int("student", qian);
	ck_ids(CE_ENTITY_TRAINING_COURSE, by, IDS1(culture));
	ce_filter_free(by);
	/* completed ones, and a provider's courses */
	ce_filter *done = f_null("completed_on");
	ck_assert_int_eq(count_where(CE_ENTITY_TRAINING_ENROLMENT, done), 2);
	ce_filter_free(done);
	by = f_int("provider", firm);
	ck_ids(CE_ENTITY_TRAINING_COURSE, by, IDS1(culture));
	ce_filter_free(by);
}
END_TEST

START_TEST(training_course_rules)
{
	int64_t firm = make_enterprise("山东某铸造机械有限公司");
	ce_training_course_spec s = CE_TRAINING_COURSE_SPEC_INIT;
	int64_t id;
	s.title = "岗前培训";
	s.kind = CE_TRAINING_PRE_PRACTICE;
	s.provider = firm;
	s.hours = -1;
	ck_refused(ce_training_course_create(&id, db, &s), CE_EINVALID);
	ck_said("hours", "negative");
	s.hours = 8;
	s.provider = 0;
	ck_refused(ce_training_course_create(&id, db, &s), CE_EINVALID);
	ck_said("provider");
	s.provider = firm + 100;
	ck_refused(ce_training_course_create(&id, db, &s), CE_ECONSTRAINT);
	s.provider = firm;
	s.kind = (ce_training_kind)0;
	ck_refused(ce_training_course_create(&id, db, &s), CE_EINVALID);
	ck_said("kind");
	s.kind = (ce_training_kind)9;
	ck_refused(ce_training_course_create(&id, db, &s), CE_EINVALID);
	s.kind = CE_TRAINING_PRE_PRACTICE;
	s.title = NULL;
	ck_refused(ce_training_course_create(&id, db, &s), CE_EINVALID);
	s.title = "岗前培训";
	ck_ok(ce_training_course_create(&id, db, &s));
	/* the same title from the same provider once; from another, again */
	ck_refused(ce_training_course_create(NULL, db, &s), CE_EEXISTS);
	s.provider = make_enterprise("山东某航空材料有限公司");
	ck_ok(ce_training_course_create(NULL, db, &s));
}
END_TEST

START_TEST(training_enrolment_rules)
{
	int64_t firm = make_enterprise("山东某铸造机械有限公司");
	int64_t course = make_course("岗前培训", CE_TRAINING_PRE_PRACTICE, firm, 8);
	int64_t stu = make_student("2018010003", "孙浩"); /* cohort 2018 */
	ce_training_enrolment_spec e = enrolment(course, stu, CE_DATE(2019, 6, 24), CE_DATE(2019, 6, 25), 8.5);
	int64_t id;
	/* more hours than the course has */
	ck_refused(ce_training_enrolment_create(&id, db, &e), CE_EINVALID);
	ck_said("hours_attended", "8.5", "8 hours");
	e.hours_attended = -2;
	ck_refused(ce_training_enrolment_create(&id, db, &e), CE_EINVALID);
	e.hours_attended = 8;
	/* completed before it started */
	e.completed_on = CE_DATE(2019, 6, 20);
	ck_refused(ce_training_enrolment_create(&id, db, &e), CE_EINVALID);
	ck_said("completed_on");
	/* before the student's cohort year began */
	e.started_on = CE_DATE(2017, 12, 30);
	e.completed_on = CE_DATE(2018, 1, 2);
	ck_refused(ce_training_enrolment_create(&id, db, &e), CE_EINVALID);
	ck_said("started_on", "cohort");
	e.started_on = 0;
	e.completed_on = CE_DATE(2017, 7, 1);
	ck_refused(ce_training_enrolment_create(&id, db, &e), CE_EINVALID);
	ck_said("completed_on", "cohort");
	e.completed_on = CE_DATE(2019, 6, 25);
	e.student = stu + 100;
	ck_refused(ce_training_enrolment_create(&id, db, &e), CE_ECONSTRAINT);
	e.student = stu;
	ck_ok(ce_training_enrolment_create(&id, db, &e));
	/* the same student once per course */
	ck_refused(ce_training_enrolment_create(NULL, db, &e), CE_EEXISTS);
	/* an update is held to the same rules */
	e.hours_attended = 9;
	ck_refused(ce_training_enrolment_update(db, id, &e), CE_EINVALID);

	/* the course cannot shrink below what was attended; down to it, it can */
	ce_training_course *c;
	ck_ok(ce_training_course_lookup(&c, db, course));
	ce_training_course_spec cs = *ce_training_course_fields(c);
	cs.hours = 6;
	ck_refused(ce_training_course_update(db, course, &cs), CE_EINVALID);
	ck_said("training_course.hours", "attended");
	cs.hours = 8;
	cs.title = "岗前安全与质量培训";
	ck_ok(ce_training_course_update(db, course, &cs));
	/* a course whose length is unknown (0) bounds nothing */
	cs.hours = 0;
	ck_ok(ce_training_course_update(db, course, &cs));
	e.hours_attended = 40;
	ck_ok(ce_training_enrolment_update(db, id, &e));
	ce_training_course_free(c);
}
END_TEST

START_TEST(training_delete)
{
	int64_t firm = make_enterprise("山东某航空材料有限公司");
	int64_t course = make_course("企业文化建设", CE_TRAINING_ENTERPRISE_CULTURE, firm, 16);
	int64_t stu = make_student("2018010004", "周敏");
	ce_training_enrolment_spec e = enrolment(course, stu, 0, CE_DATE(2019, 3, 8), 16);
	int64_t id;
	ck_ok(ce_training_enrolment_create(&id, db, &e));
	/* a student or a course that enrolments point at stays, unless cascaded */
	ck_refused(ce_student_delete(db, stu, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_refused(ce_training_course_delete(db, course, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_refused(ce_partner_delete(db, firm, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_ok(ce_training_course_delete(db, course, CE_DELETE_CASCADE));
	ck_assert_int_eq(exists(CE_ENTITY_TRAINING_ENROLMENT, id), 0);
	ck_assert_int_eq(exists(CE_ENTITY_STUDENT, stu), 1);
}
END_TEST

Suite *suite_training(void)
{
	Suite *s = suite_create("training");
	TCase *tc = store_tcase("training");
	tcase_add_test(tc, training_round_trip);
	tcase_add_test(tc, training_course_rules);
	tcase_add_test(tc, training_enrolment_rules);
	tcase_add_test(tc, training_delete);
	suite_add_tcase(s, tc);
	return s;
}
