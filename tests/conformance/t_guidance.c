/* Guidance sessions and attendees, evaluations, progress reports. */
#include "conformance.h"

static int64_t attendee(int64_t session, int64_t supervisor, int64_t student, int expect)
{
	ce_guidance_attendee_spec s = CE_GUIDANCE_ATTENDEE_SPEC_INIT;
	int64_t id = 0;
	s.session = session;
	s.supervisor = supervisor;
	s.student = student;
	if (expect == CE_OK)
		ck_ok(ce_guidance_attendee_create(&id, db, &s));
	else
		ck_refused(ce_guidance_attendee_create(&id, db, &s), expect);
	return id;
}

START_TEST(session_round_trip)
{
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	int64_t sub = make_subtopic(prj, "高强铝合金热处理工艺优化");
	ce_guidance_session_spec s = CE_GUIDANCE_SESSION_SPEC_INIT;
	ce_guidance_session *r;
	int64_t id;
	s.held_on = CE_DATE(2019, 11, 5);
	s.duration_minutes = 150;
	s.mode = CE_GUIDANCE_MODE_ENTERPRISE_SITE;
	s.subtopic = sub;
	s.notes = "在企业熔铸车间讨论中试方案";
	ck_ok(ce_guidance_session_create(&id, db, &s));
	ck_ok(ce_guidance_session_lookup(&r, db, id));
	const ce_guidance_session_spec *f = ce_guidance_session_fields(r);
	ck_assert_int_eq(f->held_on, CE_DATE(2019, 11, 5));
	ck_assert_int_eq(f->duration_minutes, 150);
	ck_assert_int_eq(f->mode, CE_GUIDANCE_MODE_ENTERPRISE_SITE);
	ck_assert_int_eq(f->subtopic, sub);
	ck_assert_str_eq(f->notes, "在企业熔铸车间讨论中试方案");
	ce_guidance_session_free(r);

	s.duration_minutes = 0;
	ck_refused(ce_guidance_session_create(&id, db, &s), CE_EINVALID);
	ck_said("guidance_session.duration_minutes");
	s.duration_minutes = 1441;
	ck_refused(ce_guidance_session_create(&id, db, &s), CE_EINVALID);
	s.duration_minutes = 1;
	s.mode = (ce_guidance_mode)0;
	ck_refused(ce_guidance_session_create(&id, db, &s), CE_EINVALID);
	ck_said("guidance_session.mode");
	s.mode = CE_GUIDANCE_MODE_ONLINE;
	s.subtopic = sub + 50;
	ck_refused(ce_guidance_session_create(&id, db, &s), CE_ECONSTRAINT);
	s.subtopic = 0;
	s.held_on = 20191131;
	ck_refused(ce_guidance_session_create(&id, db, &s), CE_EINVALID);
	ck_said("guidance_session.held_on");
	s.held_on = CE_DATE(2019, 11, 30);
	ck_ok(ce_guidance_session_create(&id, db, &s));
	ce_filter *g = f_null("subtopic");
	ck_ids(CE_ENTITY_GUIDANCE_SESSION, g, IDS1(id));
	ce_filter_free(g);
}
END_TEST

START_TEST(session_attendees)
{
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	int64_t wang = make_academic("王建国"), liu = make_enterprise_supervisor("刘志强", ent);
	int64_t s1 = make_student("2018010001", "张伟"), s2 = make_student("2018010002", "王芳");
	int64_t joint = make_session(CE_DATE(2019, 10, 8)), solo = make_session(CE_DATE(2019, 10, 15));
	int64_t a1 = attendee(joint, wang, 0, CE_OK);
	attendee(joint, liu, 0, CE_OK);
	attendee(joint, 0, s1, CE_OK);
	attendee(joint, 0, s2, CE_OK);
	attendee(solo, wang, 0, CE_OK);
	attendee(solo, 0, s2, CE_OK);

	attendee(joint, wang, 0, CE_EEXISTS);
	attendee(joint, 0, s1, CE_EEXISTS);
	attendee(joint, wang, s1, CE_EINVALID);
	ck_said("exactly one");
	attendee(joint, 0, 0, CE_EINVALID);
	attendee(joint, 0, 999, CE_ECONSTRAINT);
	attendee(999, wang, 0, CE_ECONSTRAINT);

	ce_guidance_attendee *r;
	ck_ok(ce_guidance_attendee_lookup(&r, db, a1));
	ck_assert_int_eq(ce_guidance_attendee_fields(r)->session, joint);
	ck_assert_int_eq(ce_guidance_attendee_fields(r)->supervisor, wang);
	ck_assert_int_eq(ce_guidance_attendee_fields(r)->student, 0);
	ce_guidance_attendee_free(r);

	ce_filter *f;
	ck_ids(CE_ENTITY_GUIDANCE_SESSION, f = f_int("supervisor", wang), IDS2(joint, solo));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_GUIDANCE_SESSION, f = f_int("supervisor", liu), IDS1(joint));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_GUIDANCE_SESSION, f = f_int("student", s1), IDS1(joint));
	ce_filter_free(f);
	f = f_int("supervisor", liu);
	ck_ok(ce_filter_eq_int(f, "student", s2));
	ck_ids(CE_ENTITY_GUIDANCE_SESSION, f, IDS1(joint));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_GUIDANCE_SESSION,
	       f = f_range("held_on", CE_DATE(2019, 10, 10), CE_DATE(2019, 10, 31)), IDS1(solo));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_GUIDANCE_SESSION, f = f_int("mode", CE_GUIDANCE_MODE_LABORATORY),
	       IDS2(joint, solo));
	ce_filter_free(f);
}
END_TEST

START_TEST(evaluation_round_trip)
{
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	int64_t liu = make_enterprise_supervisor("刘志强", ent);
	ce_evaluation_spec s = CE_EVALUATION_SPEC_INIT;
	ce_evaluation *r;
	int64_t id;
	s.supervisor = liu;
	s.period_start = CE_DATE(2019, 9, 1);
	s.period_end = CE_DATE(2020, 1, 15);
	s.evaluator = CE_EVALUATOR_STUDENT;
	s.criterion = "指导时间投入";
	s.score = 72.5;
	s.comment = "企业导师到校指导次数偏少";
	ck_ok(ce_evaluation_create(&id, db, &s));
	ck_ok(ce_evaluation_lookup(&r, db, id));
	const ce_evaluation_spec *f = ce_evaluation_fields(r);
	ck_assert_int_eq(f->supervisor, liu);
	ck_assert_int_eq(f->period_start, CE_DATE(2019, 9, 1));
	ck_assert_int_eq(f->period_end, CE_DATE(2020, 1, 15));
	ck_assert_int_eq(f->evaluator, CE_EVALUATOR_STUDENT);
	ck_assert_str_eq(f->criterion, "指导时间投入");
	ck_assert(f->score == 72.5);
	ck_assert_str_eq(f->comment, "企业导师到校指导次数偏少");
	ce_evaluation_free(r);

	s.period_end = CE_DATE(2019, 8, 31);
	ck_refused(ce_evaluation_create(&id, db, &s), CE_EINVALID);
	ck_said("evaluation.period_end");
	s.period_end = 0; /* required */
	ck_refused(ce_evaluation_create(&id, db, &s), CE_EINVALID);
	s.period_end = CE_DATE(2020, 1, 15);
	s.criterion = NULL;
	ck_refused(ce_evaluation_create(&id, db, &s), CE_EINVALID);
	ck_said("evaluation.criterion");
	s.criterion = "指导时间投入";
	s.evaluator = (ce_evaluator)4;
	ck_refused(ce_evaluation_create(&id, db, &s), CE_EINVALID);
	s.evaluator = CE_EVALUATOR_ENTERPRISE;
	s.score = 0; /* 0 is a score */
	int64_t zero;
	ck_ok(ce_evaluation_create(&zero, db, &s));
	ce_filter *g = f_int("evaluator", CE_EVALUATOR_ENTERPRISE);
	ck_ids(CE_ENTITY_EVALUATION, g, IDS1(zero));
	ce_filter_free(g);
	g = f_int("supervisor", liu);
	ck_ids(CE_ENTITY_EVALUATION, g, IDS2(id, zero));
	ce_filter_free(g);
}
END_TEST

START_TEST(progress_round_trip)
{
	int64_t st = make_student("2014010203", "李明");
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	int64_t sub = make_subtopic(prj, "选择性激光烧结覆膜砂");
	ce_progress_report_spec s = CE_PROGRESS_REPORT_SPEC_INIT;
	ce_progress_report *r;
	int64_t lit, prop, id;
	s.student = st;
	s.kind = CE_PROGRESS_LITERATURE;
	s.submitted_on = CE_DATE(2015, 1, 10);
	s.summary = "覆膜砂及激光烧结研究现状综述";
	ck_ok(ce_progress_report_create(&lit, db, &s)); /* before the topic exists */
	s.subtopic = sub;
	s.kind = CE_PROGRESS_PROPOSAL_DEFENCE;
	s.submitted_on = CE_DATE(2015, 3, 20);
	s.summary = NULL;
	ck_ok(ce_progress_report_create(&prop, db, &s));
	ck_ok(ce_progress_report_lookup(&r, db, prop));
	ck_assert_int_eq(ce_progress_report_fields(r)->student, st);
	ck_assert_int_eq(ce_progress_report_fields(r)->subtopic, sub);
	ck_assert_int_eq(ce_progress_report_fields(r)->kind, CE_PROGRESS_PROPOSAL_DEFENCE);
	ck_assert_int_eq(ce_progress_report_fields(r)->submitted_on, CE_DATE(2015, 3, 20));
	ck_assert_ptr_null(ce_progress_report_fields(r)->summary);
	ce_progress_report_free(r);

	s.kind = (ce_progress_kind)7;
	ck_refused(ce_progress_report_create(&id, db, &s), CE_EINVALID);
	ck_said("progress_report.kind");
	s.kind = CE_PROGRESS_FINAL;
	s.submitted_on = 0;
	ck_refused(ce_progress_report_create(&id, db, &s), CE_EINVALID);
	ck_said("progress_report.submitted_on");
	s.submitted_on = CE_DATE(2017, 5, 1);
	s.student = 0;
	ck_refused(ce_progress_report_create(&id, db, &s), CE_EINVALID);
	ce_filter *f;
	ck_ids(CE_ENTITY_PROGRESS_REPORT, f = f_null("subtopic"), IDS1(lit));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_PROGRESS_REPORT, f = f_int("subtopic", sub), IDS1(prop));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_PROGRESS_REPORT, f = f_int("kind", CE_PROGRESS_LITERATURE), IDS1(lit));
	ce_filter_free(f);
}
END_TEST

Suite *suite_guidance(void)
{
	Suite *s = suite_create("guidance");
	TCase *tc = store_tcase("guidance");
	tcase_add_test(tc, session_round_trip);
	tcase_add_test(tc, session_attendees);
	tcase_add_test(tc, evaluation_round_trip);
	tcase_add_test(tc, progress_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
