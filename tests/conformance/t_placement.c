/* Placements, their status lifecycle, incidents and feedback. */
#include "conformance.h"

typedef struct world {
	int64_t host, platform, agreement, student, mentor, academic;
} world;

static world make_world(void)
{
	world w;
	w.host = make_enterprise("山东某航空材料有限公司");
	w.platform = make_platform("研究生联合培养基地");
	w.agreement = make_agreement("研究生联合培养协议", CE_SCOPE_INTERNSHIP_HOSTING, CE_DATE(2019, 1, 1));
	w.student = make_student("2018010001", "张伟");
	w.mentor = make_enterprise_supervisor("刘志强", w.host);
	w.academic = make_academic("王建国");
	return w;
}

static ce_placement_spec full(const world *w)
{
	ce_placement_spec s = CE_PLACEMENT_SPEC_INIT;
	s.student = w->student;
	s.host = w->host;
	s.platform = w->platform;
	s.agreement = w->agreement;
	s.start_date = CE_DATE(2019, 7, 1);
	s.end_date = CE_DATE(2019, 12, 31);
	s.position = "熔铸车间工艺实习生";
	s.mentor = w->mentor;
	s.academic_supervisor = w->academic;
	return s;
}

START_TEST(placement_round_trip)
{
	world w = make_world();
	ce_placement_spec s = full(&w);
	ce_placement *r;
	int64_t id;
	ck_ok(ce_placement_create(&id, db, &s));
	ck_ok(ce_placement_lookup(&r, db, id));
	const ce_placement_spec *f = ce_placement_fields(r);
	ck_assert_int_eq(f->student, w.student);
	ck_assert_int_eq(f->host, w.host);
	ck_assert_int_eq(f->platform, w.platform);
	ck_assert_int_eq(f->agreement, w.agreement);
	ck_assert_int_eq(f->start_date, CE_DATE(2019, 7, 1));
	ck_assert_int_eq(f->end_date, CE_DATE(2019, 12, 31));
	ck_assert_str_eq(f->position, "熔铸车间工艺实习生");
	ck_assert_int_eq(f->mentor, w.mentor);
	ck_assert_int_eq(f->academic_supervisor, w.academic);
	ck_assert_int_eq(f->status, CE_PLACEMENT_STATUS_PLANNED);
	ck_assert_int_eq(f->status_date, CE_DATE(2019, 7, 1));
	ce_placement_free(r);
	ck_history(CE_ENTITY_PLACEMENT, id, "status", "0>1@20190701");

	s.platform = 0;
	s.mentor = 0;
	s.end_date = 0;
	ck_ok(ce_placement_update(db, id, &s));
	ck_assert(is_null(CE_ENTITY_PLACEMENT, id, "platform"));
	ck_assert(is_null(CE_ENTITY_PLACEMENT, id, "mentor"));
	ce_filter *g;
	ck_ids(CE_ENTITY_PLACEMENT, g = f_int("host", w.host), IDS1(id));
	ce_filter_free(g);
	ck_ids(CE_ENTITY_PLACEMENT, g = f_null("end_date"), IDS1(id));
	ce_filter_free(g);
	ck_ids(CE_ENTITY_PLACEMENT, g = f_range("start_date", CE_DATE(2019, 7, 2), 0), "");
	ce_filter_free(g);
}
END_TEST

START_TEST(placement_mentor_kinds)
{
	world w = make_world();
	ce_placement_spec s = full(&w);
	int64_t id;
	s.mentor = w.academic;
	ck_refused(ce_placement_create(&id, db, &s), CE_EINVALID);
	ck_said("placement.mentor", "王建国", "academic");
	s.mentor = w.mentor;
	s.academic_supervisor = w.mentor;
	ck_refused(ce_placement_create(&id, db, &s), CE_EINVALID);
	ck_said("placement.academic_supervisor", "刘志强", "enterprise");
	s.academic_supervisor = w.academic;
	ck_ok(ce_placement_create(&id, db, &s));
	s.mentor = w.academic;
	ck_refused(ce_placement_update(db, id, &s), CE_EINVALID);
	s.mentor = 999;
	ck_refused(ce_placement_update(db, id, &s), CE_ECONSTRAINT);
	s.mentor = w.mentor;
	s.end_date = CE_DATE(2019, 6, 30);
	ck_refused(ce_placement_update(db, id, &s), CE_EINVALID);
	ck_said("placement.end_date");
	s.end_date = 0;
	s.host = 0;
	ck_refused(ce_placement_update(db, id, &s), CE_EINVALID);
	ck_said("placement.host");
}
END_TEST

START_TEST(placement_moves)
{
	world w = make_world();
	int64_t a = make_placement(w.student, w.host, CE_DATE(2019, 7, 1));
	int64_t b = make_placement(w.student, w.host, CE_DATE(2019, 7, 1));
	int64_t c = make_placement(w.student, w.host, CE_DATE(2019, 7, 1));
	ck_refused(ce_placement_set_status(db, a, CE_PLACEMENT_STATUS_COMPLETED, CE_DATE(2019, 12, 31)),
	           CE_ETRANSITION);
	ck_said("placement.status", "planned", "completed");
	ck_ok(ce_placement_set_status(db, a, CE_PLACEMENT_STATUS_ACTIVE, CE_DATE(2019, 7, 1)));
	ck_refused(ce_placement_set_status(db, a, CE_PLACEMENT_STATUS_PLANNED, CE_DATE(2019, 7, 2)),
	           CE_ETRANSITION);
	ck_refused(ce_placement_set_status(db, a, CE_PLACEMENT_STATUS_COMPLETED, CE_DATE(2019, 6, 30)),
	           CE_ETRANSITION); /* backwards */
	ck_ok(ce_placement_set_status(db, a, CE_PLACEMENT_STATUS_COMPLETED, CE_DATE(2019, 12, 31)));
	ck_refused(ce_placement_set_status(db, a, CE_PLACEMENT_STATUS_ENDED_EARLY, CE_DATE(2020, 1, 1)),
	           CE_ETRANSITION);
	ck_history(CE_ENTITY_PLACEMENT, a, "status", "0>1@20190701,1>2@20190701,2>3@20191231");
	ck_ok(ce_placement_set_status(db, b, CE_PLACEMENT_STATUS_ENDED_EARLY, CE_DATE(2019, 7, 1)));
	ck_ok(ce_placement_set_status(db, c, CE_PLACEMENT_STATUS_ACTIVE, CE_DATE(2019, 7, 8)));
	ck_ok(ce_placement_set_status(db, c, CE_PLACEMENT_STATUS_ENDED_EARLY, CE_DATE(2019, 8, 15)));
	ck_refused(ce_placement_set_status(db, c, CE_PLACEMENT_STATUS_ACTIVE, CE_DATE(2019, 8, 16)),
	           CE_ETRANSITION);
	ce_filter *f = f_int("status", CE_PLACEMENT_STATUS_ENDED_EARLY);
	ck_ids(CE_ENTITY_PLACEMENT, f, IDS2(b, c));
	ce_filter_free(f);

	/* initial states */
	ce_placement_spec s = full(&w);
	int64_t id;
	s.status = CE_PLACEMENT_STATUS_ACTIVE;
	ck_ok(ce_placement_create(&id, db, &s));
	ck_history(CE_ENTITY_PLACEMENT, id, "status", "0>2@20190701");
	s.status = CE_PLACEMENT_STATUS_COMPLETED;
	ck_refused(ce_placement_create(&id, db, &s), CE_ETRANSITION);
	s.status = CE_PLACEMENT_STATUS_ENDED_EARLY;
	ck_refused(ce_placement_create(&id, db, &s), CE_ETRANSITION);
	/* and no moves by update */
	s.status = CE_PLACEMENT_STATUS_COMPLETED;
	ck_refused(ce_placement_update(db, b, &s), CE_ETRANSITION);
}
END_TEST

START_TEST(incidents)
{
	world w = make_world();
	int64_t pl = make_placement(w.student, w.host, CE_DATE(2019, 7, 1));
	ce_incident_spec s = CE_INCIDENT_SPEC_INIT;
	ce_incident *r;
	int64_t id;
	s.placement = pl;
	s.occurred_on = CE_DATE(2019, 8, 12);
	s.kind = CE_INCIDENT_ABSENCE_WITHOUT_LEAVE;
	s.description = "未请假离岗三天";
	s.resolved_on = CE_DATE(2019, 8, 20);
	ck_ok(ce_incident_create(&id, db, &s));
	ck_ok(ce_incident_lookup(&r, db, id));
	ck_assert_int_eq(ce_incident_fields(r)->placement, pl);
	ck_assert_int_eq(ce_incident_fields(r)->occurred_on, CE_DATE(2019, 8, 12));
	ck_assert_int_eq(ce_incident_fields(r)->kind, CE_INCIDENT_ABSENCE_WITHOUT_LEAVE);
	ck_assert_str_eq(ce_incident_fields(r)->description, "未请假离岗三天");
	ck_assert_int_eq(ce_incident_fields(r)->resolved_on, CE_DATE(2019, 8, 20));
	ce_incident_free(r);

	s.occurred_on = CE_DATE(2019, 6, 30); /* before the placement began */
	s.resolved_on = 0;
	ck_refused(ce_incident_create(&id, db, &s), CE_EINVALID);
	ck_said("incident", "2019-06-30");
	s.occurred_on = CE_DATE(2019, 7, 1); /* the first day counts */
	ck_ok(ce_incident_create(&id, db, &s));
	s.resolved_on = CE_DATE(2019, 6, 30);
	ck_refused(ce_incident_update(db, id, &s), CE_EINVALID);
	ck_said("incident.resolved_on");
	s.resolved_on = 0;
	s.kind = (ce_incident_kind)0;
	ck_refused(ce_incident_update(db, id, &s), CE_EINVALID);
	ck_said("incident.kind");
	s.kind = CE_INCIDENT_SAFETY;
	s.occurred_on = CE_DATE(2019, 5, 1);
	ck_refused(ce_incident_update(db, id, &s), CE_EINVALID);
	ce_filter *f = f_int("kind", CE_INCIDENT_ABSENCE_WITHOUT_LEAVE);
	ck_assert_int_eq(count_where(CE_ENTITY_INCIDENT, f), 2);
	ce_filter_free(f);
	f = f_null("resolved_on");
	ck_ids(CE_ENTITY_INCIDENT, f, IDS1(id));
	ce_filter_free(f);
}
END_TEST

START_TEST(feedback)
{
	world w = make_world();
	int64_t pl = make_placement(w.student, w.host, CE_DATE(2019, 7, 1));
	ce_feedback_spec s = CE_FEEDBACK_SPEC_INIT;
	ce_feedback *r;
	int64_t e2s, s2s, id;
	s.placement = pl;
	s.direction = CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL;
	s.given_on = CE_DATE(2019, 9, 30);
	s.score = 68;
	s.comment = "学生动手能力较强，但出勤纪律需加强";
	ck_ok(ce_feedback_create(&e2s, db, &s));
	ck_ok(ce_feedback_lookup(&r, db, e2s));
	ck_assert_int_eq(ce_feedback_fields(r)->direction, CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL);
	ck_assert_int_eq(ce_feedback_fields(r)->given_on, CE_DATE(2019, 9, 30));
	ck_assert(ce_feedback_fields(r)->score == 68);
	ck_assert_str_eq(ce_feedback_fields(r)->comment, s.comment);
	ce_feedback_free(r);
	s.direction = CE_FEEDBACK_DIRECTION_STUDENT_TO_SCHOOL;
	s.score = 90;
	s.comment = "企业导师指导认真";
	ck_ok(ce_feedback_create(&s2s, db, &s));

	s.given_on = CE_DATE(2019, 6, 1);
	ck_refused(ce_feedback_create(&id, db, &s), CE_EINVALID);
	ck_said("feedback", "2019-06-01");
	s.given_on = CE_DATE(2019, 9, 30);
	s.score = 101;
	ck_refused(ce_feedback_create(&id, db, &s), CE_EINVALID);
	ck_said("feedback.score");
	s.score = 50;
	s.direction = (ce_feedback_direction)4;
	ck_refused(ce_feedback_create(&id, db, &s), CE_EINVALID);
	s.direction = CE_FEEDBACK_DIRECTION_SCHOOL_TO_ENTERPRISE;
	s.placement = pl + 9;
	ck_refused(ce_feedback_create(&id, db, &s), CE_ECONSTRAINT);
	ce_filter *f = f_int("direction", CE_FEEDBACK_DIRECTION_STUDENT_TO_SCHOOL);
	ck_ids(CE_ENTITY_FEEDBACK, f, IDS1(s2s));
	ce_filter_free(f);
	f = f_int("placement", pl);
	ck_ids(CE_ENTITY_FEEDBACK, f, IDS2(e2s, s2s));
	ce_filter_free(f);
}
END_TEST

/* Rules that read a record hold when it changes: a placement cannot start
 * after its own incidents and feedback, a mentor cannot stop being an
 * enterprise supervisor. */
START_TEST(updates_keep_dependents_valid)
{
	world w = make_world();
	ce_placement_spec s = full(&w);
	ce_incident_spec inc = CE_INCIDENT_SPEC_INIT;
	ce_supervisor_spec sup;
	ce_supervisor *mentor;
	int64_t pl, id;
	ck_ok(ce_placement_create(&pl, db, &s));
	inc.placement = pl;
	inc.occurred_on = CE_DATE(2019, 8, 12);
	inc.kind = CE_INCIDENT_SAFETY;
	ck_ok(ce_incident_create(&id, db, &inc));

	s.start_date = CE_DATE(2019, 9, 1);
	ck_refused(ce_placement_update(db, pl, &s), CE_EINVALID);
	ck_said("placement", "incident", "2019-08-12");

	ck_ok(ce_supervisor_lookup(&mentor, db, w.mentor));
	sup = *ce_supervisor_fields(mentor); /* its text is borrowed from mentor */
	sup.kind = CE_SUPERVISOR_ACADEMIC;
	ck_refused(ce_supervisor_update(db, w.mentor, &sup), CE_EINVALID);
	ck_said("supervisor", "placement.mentor");
	ce_supervisor_free(mentor);
}
END_TEST

Suite *suite_placement(void)
{
	Suite *s = suite_create("placement");
	TCase *tc = store_tcase("placement");
	tcase_add_test(tc, placement_round_trip);
	tcase_add_test(tc, placement_mentor_kinds);
	tcase_add_test(tc, placement_moves);
	tcase_add_test(tc, incidents);
	tcase_add_test(tc, feedback);
	tcase_add_test(tc, updates_keep_dependents_valid);
	suite_add_tcase(s, tc);
	return s;
}
