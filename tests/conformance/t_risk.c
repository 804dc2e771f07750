/* The risk register: exactly one subject and one owner, likelihood and
 * impact in 1..5, the open → mitigated → closed | realised lifecycle with
 * its history, realised only by an incident (of the placement at risk),
 * the exposure report and the review reminders. */
#include "conformance.h"
#include "t_reports_fixture.h"

static ce_risk_spec spec_for_placement(int64_t placement, int64_t owner)
{
	ce_risk_spec s = CE_RISK_SPEC_INIT;
	s.placement = placement;
	s.kind = CE_RISK_MORAL;
	s.title = "学生被当作廉价劳动力";
	s.likelihood = 3;
	s.impact = 4;
	s.owner_partner = owner;
	s.mitigation = "协议写明岗位须与培养方案相关，学校导师每月到岗检查";
	s.identified_on = CE_DATE(2019, 6, 20);
	s.review_on = CE_DATE(2019, 9, 1);
	return s;
}

START_TEST(risk_round_trip_and_lifecycle)
{
	int64_t host = make_enterprise("山东某航空材料有限公司");
	int64_t pl = make_placement(make_student("2017410101", "李明"), host, CE_DATE(2019, 7, 1));
	ce_risk_spec s = spec_for_placement(pl, host);
	ce_risk *r;
	int64_t id;
	ck_ok(ce_risk_create(&id, db, &s));
	ck_ok(ce_risk_lookup(&r, db, id));
	const ce_risk_spec *f = ce_risk_fields(r);
	ck_assert_int_eq(f->placement, pl);
	ck_assert_int_eq(f->agreement, 0);
	ck_assert_int_eq(f->kind, CE_RISK_MORAL);
	ck_assert_str_eq(f->title, "学生被当作廉价劳动力");
	ck_assert_int_eq(f->likelihood * f->impact, 12);
	ck_assert_int_eq(f->status, CE_RISK_STATUS_OPEN); /* the default */
	ck_assert_int_eq(f->status_date, CE_DATE(2019, 6, 20)); /* identified_on */
	ce_risk_free(r);
	ck_history(CE_ENTITY_RISK, id, "status", "0>1@20190620");

	ck_ok(ce_risk_set_status(db, id, CE_RISK_STATUS_MITIGATED, CE_DATE(2019, 7, 15)));
	ck_ok(ce_risk_set_status(db, id, CE_RISK_STATUS_OPEN, CE_DATE(2019, 8, 1)));
	ck_ok(ce_risk_set_status(db, id, CE_RISK_STATUS_MITIGATED, CE_DATE(2019, 8, 20)));
	ck_ok(ce_risk_set_status(db, id, CE_RISK_STATUS_CLOSED, CE_DATE(2019, 12, 31)));
	ck_history(CE_ENTITY_RISK, id, "status",
	           "0>1@20190620,1>2@20190715,2>1@20190801,1>2@20190820,2>3@20191231");
	/* closed is final */
	ck_refused(ce_risk_set_status(db, id, CE_RISK_STATUS_OPEN, CE_DATE(2020, 1, 1)), CE_ETRANSITION);
	ck_refused(ce_risk_set_status(db, id, CE_RISK_STATUS_REALISED, CE_DATE(2020, 1, 1)), CE_ETRANSITION);
}
END_TEST

START_TEST(risk_rules)
{
	int64_t host = make_enterprise("青岛某海洋装备股份有限公司");
	int64_t pl = make_placement(make_student("2017410102", "王芳"), host, CE_DATE(2019, 7, 1));
	int64_t ag = make_agreement("校企合作框架协议", CE_SCOPE_INTERNSHIP_HOSTING, CE_DATE(2018, 1, 1));
	int64_t sup = make_academic("张伟");
	ce_risk_spec s = spec_for_placement(pl, host);
	int64_t id;

	s.placement = 0; /* no subject */
	ck_refused(ce_risk_create(&id, db, &s), CE_EINVALID);
	s.placement = pl;
	s.agreement = ag; /* two subjects */
	ck_refused(ce_risk_create(&id, db, &s), CE_EINVALID);
	s.agreement = 0;
	s.owner_supervisor = sup; /* two owners */
	ck_refused(ce_risk_create(&id, db, &s), CE_EINVALID);
	s.owner_partner = 0;
	s.owner_supervisor = 0; /* no owner */
	ck_refused(ce_risk_create(&id, db, &s), CE_EINVALID);
	s.owner_supervisor = sup;
	s.likelihood = 6;
	ck_refused(ce_risk_create(&id, db, &s), CE_EINVALID);
	s.likelihood = 0; /* required, not "0 is out of range" */
	ck_refused(ce_risk_create(&id, db, &s), CE_EINVALID);
	ck_said("likelihood");
	s.likelihood = 2;
	s.impact = 0;
	ck_refused(ce_risk_create(&id, db, &s), CE_EINVALID);
	s.impact = 5;
	s.review_on = CE_DATE(2019, 6, 1); /* before identified_on */
	ck_refused(ce_risk_create(&id, db, &s), CE_EINVALID);
	s.review_on = 0;
	s.status = CE_RISK_STATUS_REALISED; /* a new risk starts open */
	ck_refused(ce_risk_create(&id, db, &s), CE_ETRANSITION);
	s.status = (ce_risk_status)0;
	ck_ok(ce_risk_create(&id, db, &s));

	/* realised only with the incident, and one of that placement */
	ck_refused(ce_risk_set_status(db, id, CE_RISK_STATUS_REALISED, CE_DATE(2019, 8, 5)), CE_EINVALID);
	ck_said("realised_by");
	int64_t other = make_placement(make_student("2017410103", "赵强"), host, CE_DATE(2019, 7, 1));
	ce_incident_spec is = CE_INCIDENT_SPEC_INIT;
	int64_t elsewhere, here;
	is.placement = other;
	is.occurred_on = CE_DATE(2019, 8, 3);
	is.kind = CE_INCIDENT_MISCONDUCT;
	is.description = "连续加班未付报酬";
	ck_ok(ce_incident_create(&elsewhere, db, &is));
	is.placement = pl;
	ck_ok(ce_incident_create(&here, db, &is));
	s.realised_by = elsewhere;
	ck_refused(ce_risk_update(db, id, &s), CE_EINVALID);
	ck_said("incident", "placement");
	s.realised_by = here;
	ck_ok(ce_risk_update(db, id, &s));
	ck_ok(ce_risk_set_status(db, id, CE_RISK_STATUS_REALISED, CE_DATE(2019, 8, 5)));
	ck_history(CE_ENTITY_RISK, id, "status", "0>1@20190620,1>4@20190805");
	/* a realised risk keeps its incident, and stays realised */
	s.realised_by = 0;
	ck_refused(ce_risk_update(db, id, &s), CE_EINVALID);
	ck_refused(ce_risk_set_status(db, id, CE_RISK_STATUS_CLOSED, CE_DATE(2019, 9, 1)), CE_ETRANSITION);
	/* the status moves only by a transition */
	s.realised_by = here;
	s.status = CE_RISK_STATUS_OPEN;
	ck_refused(ce_risk_update(db, id, &s), CE_ETRANSITION);
}
END_TEST

/* Exposure per partner, by hand:
 *   aero: r1 agreement (parties aero, mech) 4x5=20; r3 placement at aero 3x3=9;
 *         r5 project (partners aero) 2x2=4
 *   mech: r1 20; r4 project (partners mech) 3x1=3
 *   none: r6 project without partners 5x5=25
 * r2 (closed) and r7 (realised) are not open; r8 is mitigated (shown). */
START_TEST(risk_exposure_report)
{
	int64_t aero = make_enterprise("山东某航空材料有限公司");
	int64_t mech = make_enterprise("济南某机械股份有限公司");
	int64_t ag = make_agreement("联合培养协议", CE_SCOPE_JOINT_TRAINING_BASE, CE_DATE(2018, 1, 1));
	make_party(ag, aero);
	make_party(ag, mech);
	int64_t j1 = make_project("SD-1", "高强铝合金", CE_DATE(2018, 1, 1));
	int64_t j2 = make_project("SD-2", "海洋涂层", CE_DATE(2018, 1, 1));
	int64_t j3 = make_project("SD-3", "校内课题", CE_DATE(2018, 1, 1));
	make_project_partner(j1, aero, CE_PROJECT_ROLE_CO_APPLICANT);
	make_project_partner(j2, mech, CE_PROJECT_ROLE_CO_APPLICANT);
	int64_t pl = make_placement(make_student("2017410101", "李明"), aero, CE_DATE(2019, 7, 1));
	ce_date on = CE_DATE(2019, 1, 10);
	int64_t r1 = risk(ag, 0, 0, CE_RISK_FINANCIAL, "企业配套经费不到位", 4, 5, aero, on, 0);
	risk(ag, 0, 0, CE_RISK_SCHEDULE, "协议续签延误", 5, 5, aero, on, CE_RISK_STATUS_CLOSED);
	int64_t r3 = risk(0, 0, pl, CE_RISK_SAFETY, "高温车间作业安全", 3, 3, aero, on, 0);
	int64_t r4 = risk(0, j2, 0, CE_RISK_INTELLECTUAL_PROPERTY, "专利归属不清", 3, 1, mech, on, 0);
	int64_t r5 = risk(0, j1, 0, CE_RISK_CONFIDENTIALITY, "技术秘密外泄", 2, 2, aero, on, 0);
	int64_t r6 = risk(0, j3, 0, CE_RISK_SCHEDULE, "学位论文延期", 5, 5, aero, on, 0);
	int64_t r8 = risk(0, j1, 0, CE_RISK_MORAL, "学生被当作廉价劳动力", 1, 4, aero, on,
	                  CE_RISK_STATUS_MITIGATED);
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	ce_table *t;
	char want[512];
	ck_ok(ce_report_risk_exposure(&t, db, NULL));
	ck_rows(t, 7);
	snprintf(want, sizeof want, "%lld|山东某航空材料有限公司|1|%lld|企业配套经费不到位|financial|open|agreement|%lld|~|~|4|5|20",
	         (long long)aero, (long long)r1, (long long)ag);
	ck_row(t, 0, want);
	snprintf(want, sizeof want, "%lld|山东某航空材料有限公司|2|%lld|高温车间作业安全|safety|open|placement|%lld|~|~|3|3|9",
	         (long long)aero, (long long)r3, (long long)pl);
	ck_row(t, 1, want);
	snprintf(want, sizeof want, "%lld|山东某航空材料有限公司|3|%lld|技术秘密外泄|confidentiality|open|project|%lld|%lld|SD-1|2|2|4",
	         (long long)aero, (long long)r5, (long long)j1, (long long)j1);
	ck_row(t, 2, want);
	snprintf(want, sizeof want, "%lld|山东某航空材料有限公司|4|%lld|学生被当作廉价劳动力|moral|mitigated|project|%lld|%lld|SD-1|1|4|4",
	         (long long)aero, (long long)r8, (long long)j1, (long long)j1);
	ck_row(t, 3, want);
	snprintf(want, sizeof want, "%lld|济南某机械股份有限公司|1|%lld|企业配套经费不到位|financial|open|agreement|%lld|~|~|4|5|20",
	         (long long)mech, (long long)r1, (long long)ag);
	ck_row(t, 4, want);
	snprintf(want, sizeof want, "%lld|济南某机械股份有限公司|2|%lld|专利归属不清|intellectual_property|open|project|%lld|%lld|SD-2|3|1|3",
	         (long long)mech, (long long)r4, (long long)j2, (long long)j2);
	ck_row(t, 5, want);
	snprintf(want, sizeof want, "~|~|1|%lld|学位论文延期|schedule|open|project|%lld|%lld|SD-3|5|5|25",
	         (long long)r6, (long long)j3, (long long)j3);
	ck_row(t, 6, want);
	ce_table_free(t);

	f.partner = mech;
	ck_ok(ce_report_risk_exposure(&t, db, &f));
	ck_rows(t, 2);
	ce_table_free(t);
	f.partner = 0;
	f.project = j1;
	ck_ok(ce_report_risk_exposure(&t, db, &f));
	ck_rows(t, 2); /* r5, r8 under aero */
	ce_table_free(t);
	f.project = 0;
	f.cohort = 2017;
	ck_rc(ce_report_risk_exposure(&t, db, &f), CE_EINVALID);
	ck_said("cohort");
	ck_ok(ce_report_run(&t, db, "risk_exposure", NULL));
	ce_table_free(t);
}
END_TEST

START_TEST(risk_review_findings)
{
	int64_t host = make_enterprise("山东某航空材料有限公司");
	int64_t pl = make_placement(make_student("2017410101", "李明"), host, CE_DATE(2019, 7, 1));
	ce_risk_spec s = spec_for_placement(pl, host);
	int64_t overdue, due, closed;
	ck_ok(ce_risk_create(&overdue, db, &s)); /* review 2019-09-01 */
	s.review_on = CE_DATE(2019, 10, 20);
	ck_ok(ce_risk_create(&due, db, &s));
	s.review_on = CE_DATE(2019, 8, 1);
	ck_ok(ce_risk_create(&closed, db, &s));
	ck_ok(ce_risk_set_status(db, closed, CE_RISK_STATUS_CLOSED, CE_DATE(2019, 7, 30)));
	ce_table *t;
	ck_ok(ce_findings(&t, db, CE_DATE(2019, 10, 1), 30));
	int nover = 0, ndue = 0;
	for (size_t r = 0; r < ce_table_row_count(t); r++) {
		const char *kind = ce_table_get_text(t, r, 0);
		int64_t id;
		ck_ok(ce_table_get_int(&id, t, r, 3));
		if (strcmp(kind, "risk_review_overdue") == 0) {
			ck_assert_int_eq(id, overdue);
			ck_assert_str_eq(ce_table_get_text(t, r, 1), "warning");
			nover++;
		} else if (strcmp(kind, "risk_review_due") == 0) {
			ck_assert_int_eq(id, due);
			ck_assert_str_eq(ce_table_get_text(t, r, 1), "reminder");
			ndue++;
		}
		ck_assert_int_ne(id == closed && strncmp(kind, "risk_", 5) == 0, 1);
	}
	ck_assert_int_eq(nover, 1);
	ck_assert_int_eq(ndue, 1);
	ce_table_free(t);
}
END_TEST

Suite *suite_risk(void)
{
	Suite *s = suite_create("risk");
	TCase *tc = store_tcase("risk");
	tcase_add_test(tc, risk_round_trip_and_lifecycle);
	tcase_add_test(tc, risk_rules);
	tcase_add_test(tc, risk_exposure_report);
	tcase_add_test(tc, risk_review_findings);
	suite_add_tcase(s, tc);
	return s;
}
