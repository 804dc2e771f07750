/* Destinations: a graduate's first employment, one per student, only
 * for a student who graduated, from the graduation date on. */
#include "conformance.h"

START_TEST(destination_round_trip)
{
	int64_t st = make_graduate("2014010203", "李明", CE_DATE(2017, 6, 30));
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	ce_destination_spec s = CE_DESTINATION_SPEC_INIT;
	ce_destination *r;
	int64_t id;
	s.student = st;
	s.started_on = CE_DATE(2017, 7, 10);
	s.employer = ent;
	s.sector = CE_DESTINATION_SECTOR_STATE_OWNED_ENTERPRISE;
	s.position_level = CE_POSITION_LEVEL_MIDDLE_MANAGEMENT;
	s.position = "技术部副部长";
	ck_ok(ce_destination_create(&id, db, &s));
	ck_ok(ce_destination_lookup(&r, db, id));
	const ce_destination_spec *f = ce_destination_fields(r);
	ck_assert_int_eq(f->student, st);
	ck_assert_int_eq(f->started_on, CE_DATE(2017, 7, 10));
	ck_assert_int_eq(f->employer, ent);
	ck_assert_ptr_null(f->employer_name);
	ck_assert_int_eq(f->sector, CE_DESTINATION_SECTOR_STATE_OWNED_ENTERPRISE);
	ck_assert_int_eq(f->position_level, CE_POSITION_LEVEL_MIDDLE_MANAGEMENT);
	ck_assert_str_eq(f->position, "技术部副部长");
	ce_destination_free(r);

	s.employer = 0;
	s.employer_name = "济南某汽车零部件有限公司";
	s.sector = CE_DESTINATION_SECTOR_PRIVATE_ENTERPRISE;
	s.position_level = CE_POSITION_LEVEL_TECHNICAL;
	ck_ok(ce_destination_update(db, id, &s));
	ck_ok(ce_destination_lookup(&r, db, id));
	ck_assert_int_eq(ce_destination_fields(r)->employer, 0);
	ck_assert_str_eq(ce_destination_fields(r)->employer_name, "济南某汽车零部件有限公司");
	ce_destination_free(r);
}
END_TEST

START_TEST(destination_rules)
{
	int64_t st = make_graduate("2014010203", "李明", CE_DATE(2017, 6, 30)),
	        st2 = make_graduate("2014010204", "赵敏", CE_DATE(2017, 6, 30));
	ce_destination_spec s = CE_DESTINATION_SPEC_INIT;
	int64_t id, d2;
	s.student = st;
	s.started_on = CE_DATE(2017, 9, 1);
	s.sector = CE_DESTINATION_SECTOR_FURTHER_STUDY;
	s.position_level = CE_POSITION_LEVEL_FRONT_LINE;
	ck_refused(ce_destination_create(&id, db, &s), CE_EINVALID);
	ck_said("destination.position_level", "further_study");
	s.position_level = (ce_position_level)0;
	s.employer_name = "齐鲁工业大学（攻读博士学位）";
	ck_ok(ce_destination_create(&id, db, &s));
	/* one per student */
	s.sector = CE_DESTINATION_SECTOR_CIVIL_SERVICE;
	ck_refused(ce_destination_create(&d2, db, &s), CE_EEXISTS);
	ck_said("destination.student");
	/* further study cannot gain a level by update */
	s.sector = CE_DESTINATION_SECTOR_FURTHER_STUDY;
	s.position_level = CE_POSITION_LEVEL_SENIOR;
	ck_refused(ce_destination_update(db, id, &s), CE_EINVALID);

	s.student = st2;
	s.position_level = (ce_position_level)0;
	s.sector = (ce_destination_sector)0;
	ck_refused(ce_destination_create(&d2, db, &s), CE_EINVALID);
	ck_said("destination.sector");
	s.sector = (ce_destination_sector)10;
	ck_refused(ce_destination_create(&d2, db, &s), CE_EINVALID);
	s.sector = CE_DESTINATION_SECTOR_OWN_STARTUP;
	s.started_on = 0;
	ck_refused(ce_destination_create(&d2, db, &s), CE_EINVALID);
	ck_said("destination.started_on");
	s.started_on = CE_DATE(2017, 7, 1);
	s.employer = 42;
	ck_refused(ce_destination_create(&d2, db, &s), CE_ECONSTRAINT);
	s.employer = 0;
	s.position_level = (ce_position_level)5;
	ck_refused(ce_destination_create(&d2, db, &s), CE_EINVALID);
	s.position_level = CE_POSITION_LEVEL_SENIOR;
	ck_ok(ce_destination_create(&d2, db, &s));

	ce_filter *f;
	ck_ids(CE_ENTITY_DESTINATION, f = f_int("sector", CE_DESTINATION_SECTOR_FURTHER_STUDY), IDS1(id));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_DESTINATION, f = f_null("position_level"), IDS1(id));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_DESTINATION, f = f_int("student", st2), IDS1(d2));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_DESTINATION, f = f_range("started_on", CE_DATE(2017, 1, 1), CE_DATE(2017, 7, 31)),
	       IDS1(d2));
	ce_filter_free(f);
}
END_TEST

START_TEST(destination_only_after_graduation)
{
	int64_t st = make_student("2018220305", "吴强"); /* enrolled 2018-09-01 */
	ce_destination_spec s = CE_DESTINATION_SPEC_INIT;
	int64_t id;
	s.student = st;
	s.started_on = CE_DATE(2021, 7, 15);
	s.employer_name = "某国有航空工业公司";
	s.sector = CE_DESTINATION_SECTOR_STATE_OWNED_ENTERPRISE;
	s.position = "工艺工程师";
	/* still enrolled */
	ck_refused(ce_destination_create(&id, db, &s), CE_EINVALID);
	ck_said("destination.student", "吴强", "enrolled", "not graduated");
	/* graduated on 2021-06-30: not before that day, from it on */
	ck_ok(ce_student_set_status(db, st, CE_STUDENT_STATUS_GRADUATED, CE_DATE(2021, 6, 30)));
	s.started_on = CE_DATE(2021, 6, 29);
	ck_refused(ce_destination_create(&id, db, &s), CE_EINVALID);
	ck_said("destination.started_on", "2021-06-29", "吴强", "2021-06-30");
	s.started_on = CE_DATE(2021, 6, 30);
	ck_ok(ce_destination_create(&id, db, &s));
	s.started_on = CE_DATE(2020, 7, 1);
	ck_refused(ce_destination_update(db, id, &s), CE_EINVALID);
	ck_said("destination.started_on");

	/* a student who withdrew has no destination */
	int64_t gone = make_student("2018220306", "赵敏");
	ck_ok(ce_student_set_status(db, gone, CE_STUDENT_STATUS_WITHDRAWN, CE_DATE(2019, 3, 1)));
	s.student = gone;
	s.started_on = CE_DATE(2019, 4, 1);
	ck_refused(ce_destination_create(&id, db, &s), CE_EINVALID);
	ck_said("destination.student", "赵敏", "withdrawn");
	/* nor does one moved onto a student who has not graduated */
	s.student = make_student("2018220307", "孙浩");
	s.started_on = CE_DATE(2021, 7, 15);
	ck_refused(ce_destination_update(db, id, &s), CE_EINVALID);
	ck_said("destination.student", "孙浩");
}
END_TEST

Suite *suite_destination(void)
{
	Suite *s = suite_create("destination");
	TCase *tc = store_tcase("destination");
	tcase_add_test(tc, destination_round_trip);
	tcase_add_test(tc, destination_rules);
	tcase_add_test(tc, destination_only_after_graduation);
	suite_add_tcase(s, tc);
	return s;
}
