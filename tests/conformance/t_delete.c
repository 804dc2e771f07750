/* Deleting: RESTRICT refuses while anything points at a record; CASCADE
 * removes what requires it (recursively), clears optional references, and
 * touches nothing else. "Nothing else" is checked by dumping the store
 * before the test builds its records, then deleting what the test itself
 * left behind: the dump must come back exactly. */
#include <stdio.h>

#include "conformance.h"

/* Deletes records the test created around the cascade (RESTRICT: they
 * must be unreferenced by now). */
static void drop(ce_entity entity, int64_t id)
{
	ck_ok(ce_record_delete(db, entity, id, CE_DELETE_RESTRICT));
}

/* A store with unrelated records the cascades must leave alone. */
static char *bystanders(void)
{
	int64_t p = make_enterprise("济南某精密铸造有限公司");
	int64_t prj = make_project("201901022099", "无关项目", CE_DATE(2018, 1, 1));
	make_project_partner(prj, p, CE_PROJECT_ROLE_HOST);
	int64_t sub = make_subtopic(prj, "无关课题");
	int64_t sub2 = make_subtopic(prj, "无关课题二");
	make_dependency(sub2, sub);
	make_milestone(sub, "无关里程碑", CE_DATE(2019, 1, 1));
	int64_t st = make_student("2010000001", "旁观者");
	make_assignment(sub, st);
	int64_t sup = make_enterprise_supervisor("旁观导师", p);
	make_supervision(st, sup, CE_SUPERVISION_ROLE_ENTERPRISE);
	make_placement(st, p, CE_DATE(2019, 7, 1));
	int64_t o = make_outcome(CE_OUTCOME_PAPER, "无关论文", CE_DATE(2019, 1, 1));
	ck_ok(ce_outcome_set_status(db, o, CE_OUTCOME_STATUS_ACCEPTED, CE_DATE(2019, 2, 1)));
	return store_dump();
}

START_TEST(restrict_refuses_when_referenced)
{
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	int64_t sub = make_subtopic(prj, "热处理工艺优化");
	int64_t m = make_milestone(sub, "完成开题报告", CE_DATE(2019, 10, 15));
	ck_refused(ce_project_delete(db, prj, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_said("project", "subtopic");
	ck_refused(ce_subtopic_delete(db, sub, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_said("milestone");
	/* an optional reference restricts too */
	int64_t pi = make_academic("王建国");
	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	s.code = "201901022063";
	s.title = "高强高韧铝合金材料研发";
	s.start_date = CE_DATE(2019, 1, 1);
	s.principal_investigator = pi;
	ck_ok(ce_project_update(db, prj, &s));
	ck_refused(ce_supervisor_delete(db, pi, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_said("project", "principal_investigator");
	/* from the leaves up, RESTRICT works */
	drop(CE_ENTITY_MILESTONE, m);
	drop(CE_ENTITY_SUBTOPIC, sub);
	/* lifecycle histories never restrict: they go with their record */
	ck_ok(ce_project_set_status(db, prj, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 3, 1)));
	ck_ok(ce_project_delete(db, prj, CE_DELETE_RESTRICT));
	ck_assert(!exists(CE_ENTITY_PROJECT, prj));
	ck_ok(ce_supervisor_delete(db, pi, CE_DELETE_RESTRICT));
	ck_refused(ce_project_delete(db, prj, CE_DELETE_RESTRICT), CE_ENOTFOUND);
	ck_refused(ce_project_delete(db, prj, CE_DELETE_CASCADE), CE_ENOTFOUND);
}
END_TEST

START_TEST(restrict_by_dependency)
{
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	int64_t a = make_subtopic(prj, "熔炼工艺"), b = make_subtopic(prj, "热处理工艺");
	int64_t dep = make_dependency(a, b);
	ck_refused(ce_subtopic_delete(db, b, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_said("subtopic_dependency");
	ck_ok(ce_subtopic_delete(db, b, CE_DELETE_CASCADE));
	ck_assert(!exists(CE_ENTITY_SUBTOPIC_DEPENDENCY, dep));
	ck_assert(exists(CE_ENTITY_SUBTOPIC, a));
	ck_history(CE_ENTITY_SUBTOPIC, a, "status", "0>1@20190901");
}
END_TEST

/* project -> subtopics -> milestones, I/O, budget, assignments,
 * dependencies, histories; optional references to them are cleared. */
START_TEST(cascade_project)
{
	char *before = bystanders();
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	int64_t st = make_student("2014010203", "李明");
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	ck_ok(ce_project_set_stage(db, prj, CE_PROJECT_STAGE_PILOT, CE_DATE(2020, 1, 1)));
	int64_t pp = make_project_partner(prj, ent, CE_PROJECT_ROLE_LEAD);
	int64_t a = make_subtopic(prj, "熔炼工艺"), b = make_subtopic(prj, "热处理工艺");
	ck_ok(ce_subtopic_set_status(db, a, CE_SUBTOPIC_STATUS_APPROVED, CE_DATE(2019, 10, 1)));
	int64_t dep = make_dependency(b, a);
	int64_t m = make_milestone(a, "完成开题报告", CE_DATE(2019, 10, 15));
	int64_t bl = make_budget_line(b, "材料费", 1200000);
	int64_t as = make_assignment(a, st);
	ce_subtopic_io_spec io = CE_SUBTOPIC_IO_SPEC_INIT;
	int64_t ioid;
	io.subtopic = a;
	io.direction = CE_IO_OUTPUT;
	io.description = "铸锭试样";
	ck_ok(ce_subtopic_io_create(&ioid, db, &io));
	/* optional references from records that survive */
	int64_t ses = make_session(CE_DATE(2019, 11, 5));
	ce_guidance_session_spec gs = CE_GUIDANCE_SESSION_SPEC_INIT;
	gs.held_on = CE_DATE(2019, 11, 5);
	gs.duration_minutes = 90;
	gs.mode = CE_GUIDANCE_MODE_LABORATORY;
	gs.subtopic = a;
	ck_ok(ce_guidance_session_update(db, ses, &gs));
	ce_progress_report_spec pr = CE_PROGRESS_REPORT_SPEC_INIT;
	int64_t rep;
	pr.student = st;
	pr.subtopic = b;
	pr.kind = CE_PROGRESS_MID_TERM;
	pr.submitted_on = CE_DATE(2020, 6, 1);
	ck_ok(ce_progress_report_create(&rep, db, &pr));
	/* an attribution to the project has nothing left to say without it */
	int64_t o = make_outcome(CE_OUTCOME_INVENTION_PATENT, "一种高强高韧铝合金", CE_DATE(2020, 3, 1));
	ce_outcome_attribution_spec at = CE_OUTCOME_ATTRIBUTION_SPEC_INIT;
	int64_t at_prj, at_ent;
	at.outcome = o;
	at.project = prj;
	ck_ok(ce_outcome_attribution_create(&at_prj, db, &at));
	at.project = 0;
	at.partner = ent;
	ck_ok(ce_outcome_attribution_create(&at_ent, db, &at));

	ck_ok(ce_project_delete(db, prj, CE_DELETE_CASCADE));

	ck_assert(!exists(CE_ENTITY_PROJECT, prj));
	ck_assert(!exists(CE_ENTITY_PROJECT_PARTNER, pp));
	ck_assert(!exists(CE_ENTITY_SUBTOPIC, a) && !exists(CE_ENTITY_SUBTOPIC, b));
	ck_assert(!exists(CE_ENTITY_SUBTOPIC_DEPENDENCY, dep));
	ck_assert(!exists(CE_ENTITY_MILESTONE, m));
	ck_assert(!exists(CE_ENTITY_BUDGET_LINE, bl));
	ck_assert(!exists(CE_ENTITY_SUBTOPIC_ASSIGNMENT, as));
	ck_assert(!exists(CE_ENTITY_SUBTOPIC_IO, ioid));
	ck_assert(!exists(CE_ENTITY_OUTCOME_ATTRIBUTION, at_prj));
	ck_assert(exists(CE_ENTITY_OUTCOME_ATTRIBUTION, at_ent));
	ck_assert(is_null(CE_ENTITY_GUIDANCE_SESSION, ses, "subtopic"));
	ck_assert(is_null(CE_ENTITY_PROGRESS_REPORT, rep, "subtopic"));
	ck_assert_int_eq(get_int(CE_ENTITY_PROGRESS_REPORT, rep, "kind"), CE_PROGRESS_MID_TERM);
	ce_transition *h = NULL;
	size_t n;
	ck_rc(ce_history(&h, &n, db, CE_ENTITY_PROJECT, prj, "stage"), CE_ENOTFOUND);

	/* remove what the test made; the bystanders must be exactly as before */
	drop(CE_ENTITY_OUTCOME_ATTRIBUTION, at_ent);
	drop(CE_ENTITY_OUTCOME, o);
	drop(CE_ENTITY_PROGRESS_REPORT, rep);
	drop(CE_ENTITY_GUIDANCE_SESSION, ses);
	drop(CE_ENTITY_STUDENT, st);
	drop(CE_ENTITY_PARTNER, ent);
	ck_unchanged(before);
}
END_TEST

/* The histories of cascaded records go too: a record created later that
 * gets a freed id again (backends may reuse ids) must not inherit them. */
START_TEST(cascade_removes_histories)
{
	char *before = store_dump();
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	int64_t sub = make_subtopic(prj, "热处理工艺");
	ck_ok(ce_subtopic_set_status(db, sub, CE_SUBTOPIC_STATUS_APPROVED, CE_DATE(2019, 10, 1)));
	ck_ok(ce_project_delete(db, prj, CE_DELETE_CASCADE));
	ck_unchanged(before);
	int64_t again = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2020, 1, 1));
	ck_history(CE_ENTITY_PROJECT, again, "status", "0>1@20200101");
	int64_t sub2 = make_subtopic(again, "热处理工艺");
	ck_history(CE_ENTITY_SUBTOPIC, sub2, "status", "0>1@20190901");
}
END_TEST

/* Deleting a supervisor: supervisions, evaluations, memberships and
 * attendances go; optional references (principal investigator, placement
 * mentor) are cleared. */
START_TEST(cascade_supervisor)
{
	char *before = bystanders();
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	int64_t liu = make_enterprise_supervisor("刘志强", ent);
	int64_t st = make_student("2018010001", "张伟");
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	ce_project_spec ps = CE_PROJECT_SPEC_INIT;
	ps.code = "201901022063";
	ps.title = "高强高韧铝合金材料研发";
	ps.start_date = CE_DATE(2019, 1, 1);
	ps.principal_investigator = liu;
	ck_ok(ce_project_update(db, prj, &ps));
	int64_t sv = make_supervision(st, liu, CE_SUPERVISION_ROLE_ENTERPRISE);
	int64_t team = make_team("高性能铝合金导师团队");
	ce_team_member_spec tm = CE_TEAM_MEMBER_SPEC_INIT;
	int64_t mem;
	tm.team = team;
	tm.supervisor = liu;
	tm.role = CE_TEAM_ROLE_MAIN;
	ck_ok(ce_team_member_create(&mem, db, &tm));
	int64_t ses = make_session(CE_DATE(2019, 11, 5));
	ce_guidance_attendee_spec ga = CE_GUIDANCE_ATTENDEE_SPEC_INIT;
	int64_t att, att_st;
	ga.session = ses;
	ga.supervisor = liu;
	ck_ok(ce_guidance_attendee_create(&att, db, &ga));
	ga.supervisor = 0;
	ga.student = st;
	ck_ok(ce_guidance_attendee_create(&att_st, db, &ga));
	ce_evaluation_spec ev = CE_EVALUATION_SPEC_INIT;
	int64_t eva;
	ev.supervisor = liu;
	ev.period_start = CE_DATE(2019, 1, 1);
	ev.period_end = CE_DATE(2019, 12, 31);
	ev.evaluator = CE_EVALUATOR_STUDENT;
	ev.criterion = "指导时间投入";
	ev.score = 80;
	ck_ok(ce_evaluation_create(&eva, db, &ev));
	ce_placement_spec pl = CE_PLACEMENT_SPEC_INIT;
	int64_t plid;
	pl.student = st;
	pl.host = ent;
	pl.start_date = CE_DATE(2019, 7, 1);
	pl.mentor = liu;
	ck_ok(ce_placement_create(&plid, db, &pl));

	ck_refused(ce_supervisor_delete(db, liu, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_ok(ce_supervisor_delete(db, liu, CE_DELETE_CASCADE));

	ck_assert(!exists(CE_ENTITY_SUPERVISOR, liu));
	ck_assert(!exists(CE_ENTITY_SUPERVISION, sv));
	ck_assert(!exists(CE_ENTITY_TEAM_MEMBER, mem));
	ck_assert(!exists(CE_ENTITY_GUIDANCE_ATTENDEE, att));
	ck_assert(!exists(CE_ENTITY_EVALUATION, eva));
	ck_assert(exists(CE_ENTITY_GUIDANCE_ATTENDEE, att_st));
	ck_assert(exists(CE_ENTITY_PROJECT, prj));
	ck_assert(is_null(CE_ENTITY_PROJECT, prj, "principal_investigator"));
	ck_history(CE_ENTITY_PROJECT, prj, "status", "0>1@20190101");
	ck_assert(exists(CE_ENTITY_PLACEMENT, plid));
	ck_assert(is_null(CE_ENTITY_PLACEMENT, plid, "mentor"));
	ck_history(CE_ENTITY_PLACEMENT, plid, "status", "0>1@20190701");

	drop(CE_ENTITY_PLACEMENT, plid);
	drop(CE_ENTITY_GUIDANCE_ATTENDEE, att_st);
	drop(CE_ENTITY_GUIDANCE_SESSION, ses);
	drop(CE_ENTITY_TEAM, team);
	drop(CE_ENTITY_PROJECT, prj);
	drop(CE_ENTITY_STUDENT, st);
	drop(CE_ENTITY_PARTNER, ent);
	ck_unchanged(before);
}
END_TEST

/* Deleting a platform clears placement.platform; a subtopic whose site is
 * that platform cannot stand without it and goes with it. */
START_TEST(cascade_platform)
{
	char *before = bystanders();
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	int64_t lab = make_platform("先进材料联合实验室");
	int64_t host = make_host(lab, ent);
	int64_t st = make_student("2018010001", "张伟");
	ce_placement_spec pl = CE_PLACEMENT_SPEC_INIT;
	int64_t plid;
	pl.student = st;
	pl.host = ent;
	pl.platform = lab;
	pl.start_date = CE_DATE(2019, 7, 1);
	ck_ok(ce_placement_create(&plid, db, &pl));
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	ce_subtopic_spec ss = CE_SUBTOPIC_SPEC_INIT;
	int64_t on_lab;
	ss.project = prj;
	ss.title = "实验室热处理课题";
	ss.kind = CE_SUBTOPIC_APPLIED;
	ss.site = CE_SUBTOPIC_SITE_PLATFORM;
	ss.platform = lab;
	ss.status_date = CE_DATE(2019, 9, 1);
	ck_ok(ce_subtopic_create(&on_lab, db, &ss));
	int64_t m = make_milestone(on_lab, "完成开题报告", CE_DATE(2019, 10, 15));

	ck_refused(ce_platform_delete(db, lab, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_ok(ce_platform_delete(db, lab, CE_DELETE_CASCADE));
	ck_assert(!exists(CE_ENTITY_PLATFORM, lab));
	ck_assert(!exists(CE_ENTITY_PLATFORM_HOST, host));
	ck_assert(exists(CE_ENTITY_PLACEMENT, plid));
	ck_assert(is_null(CE_ENTITY_PLACEMENT, plid, "platform"));
	ck_assert(!exists(CE_ENTITY_SUBTOPIC, on_lab));
	ck_assert(!exists(CE_ENTITY_MILESTONE, m));

	drop(CE_ENTITY_PLACEMENT, plid);
	drop(CE_ENTITY_PROJECT, prj);
	drop(CE_ENTITY_STUDENT, st);
	drop(CE_ENTITY_PARTNER, ent);
	ck_unchanged(before);
}
END_TEST

/* A successful call does not report a failure: the thread's last error
 * stays that of the last call that failed, even when a cascade had to try
 * clearing a reference before deleting the row. */
START_TEST(cascade_leaves_last_error_alone)
{
	ce_date d;
	int64_t lab = make_platform("先进材料联合实验室");
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	ce_subtopic_spec ss = CE_SUBTOPIC_SPEC_INIT;
	int64_t on_lab;
	ss.project = prj;
	ss.title = "实验室热处理课题";
	ss.kind = CE_SUBTOPIC_APPLIED;
	ss.site = CE_SUBTOPIC_SITE_PLATFORM;
	ss.platform = lab;
	ss.status_date = CE_DATE(2019, 9, 1);
	ck_ok(ce_subtopic_create(&on_lab, db, &ss));
	ck_rc(ce_date_parse(&d, "2019-02-30"), CE_EINVALID);
	char was[512];
	snprintf(was, sizeof was, "%s", ce_last_errmsg());
	ck_ok(ce_platform_delete(db, lab, CE_DELETE_CASCADE));
	ck_assert_int_eq(ce_db_errcode(db), CE_OK);
	ck_assert_msg(strcmp(ce_last_errmsg(), was) == 0,
	              "a successful delete left the thread error '%s' (was '%s')", ce_last_errmsg(), was);
	ck_assert(!exists(CE_ENTITY_SUBTOPIC, on_lab));
}
END_TEST

/* Deleting a student takes everything of the student with it. */
START_TEST(cascade_student)
{
	char *before = bystanders();
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	int64_t wang = make_academic("王建国");
	int64_t st = make_student("2018010001", "张伟");
	ck_ok(ce_student_set_status(db, st, CE_STUDENT_STATUS_GRADUATED, CE_DATE(2021, 6, 30)));
	int64_t sv = make_supervision(st, wang, CE_SUPERVISION_ROLE_MAIN);
	int64_t plid = make_placement(st, ent, CE_DATE(2019, 7, 1));
	ce_incident_spec is = CE_INCIDENT_SPEC_INIT;
	int64_t inc;
	is.placement = plid;
	is.occurred_on = CE_DATE(2019, 8, 1);
	is.kind = CE_INCIDENT_SAFETY;
	ck_ok(ce_incident_create(&inc, db, &is));
	ce_feedback_spec fs = CE_FEEDBACK_SPEC_INIT;
	int64_t fb;
	fs.placement = plid;
	fs.direction = CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL;
	fs.given_on = CE_DATE(2019, 9, 1);
	fs.score = 75;
	ck_ok(ce_feedback_create(&fb, db, &fs));
	ce_destination_spec ds = CE_DESTINATION_SPEC_INIT;
	int64_t dest;
	ds.student = st;
	ds.started_on = CE_DATE(2021, 7, 1);
	ds.employer = ent;
	ds.sector = CE_DESTINATION_SECTOR_STATE_OWNED_ENTERPRISE;
	ck_ok(ce_destination_create(&dest, db, &ds));
	int64_t o = make_outcome(CE_OUTCOME_PAPER, "覆膜砂激光烧结性能研究", CE_DATE(2020, 1, 1));
	ce_outcome_contributor_spec oc = CE_OUTCOME_CONTRIBUTOR_SPEC_INIT;
	int64_t c_st, c_sup;
	oc.outcome = o;
	oc.position = 1;
	oc.student = st;
	ck_ok(ce_outcome_contributor_create(&c_st, db, &oc));
	oc.position = 2;
	oc.student = 0;
	oc.supervisor = wang;
	ck_ok(ce_outcome_contributor_create(&c_sup, db, &oc));

	ck_refused(ce_student_delete(db, st, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_ok(ce_student_delete(db, st, CE_DELETE_CASCADE));
	ck_assert(!exists(CE_ENTITY_SUPERVISION, sv));
	ck_assert(!exists(CE_ENTITY_PLACEMENT, plid));
	ck_assert(!exists(CE_ENTITY_INCIDENT, inc));
	ck_assert(!exists(CE_ENTITY_FEEDBACK, fb));
	ck_assert(!exists(CE_ENTITY_DESTINATION, dest));
	ck_assert(!exists(CE_ENTITY_OUTCOME_CONTRIBUTOR, c_st));
	ck_assert(exists(CE_ENTITY_OUTCOME_CONTRIBUTOR, c_sup));
	ck_assert(exists(CE_ENTITY_OUTCOME, o));

	drop(CE_ENTITY_OUTCOME_CONTRIBUTOR, c_sup);
	drop(CE_ENTITY_OUTCOME, o);
	drop(CE_ENTITY_SUPERVISOR, wang);
	drop(CE_ENTITY_PARTNER, ent);
	ck_unchanged(before);
}
END_TEST

/* Deleting a partner: its parties, hosts, project roles, placements it
 * hosts, employment records pointing at it (cleared), supervisors it
 * employs (an enterprise supervisor needs an employer, so they go; an
 * academic's affiliation is cleared). */
START_TEST(cascade_partner)
{
	char *before = bystanders();
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	int64_t uni = make_partner("齐鲁工业大学", CE_PARTNER_UNIVERSITY);
	int64_t agr = make_agreement("研究生联合培养协议", CE_SCOPE_JOINT_TRAINING_BASE, CE_DATE(2019, 1, 1));
	int64_t party = make_party(agr, ent);
	int64_t lab = make_platform("先进材料联合实验室");
	int64_t host = make_host(lab, ent);
	int64_t prj = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	int64_t pp = make_project_partner(prj, ent, CE_PROJECT_ROLE_FUNDER);
	int64_t liu = make_enterprise_supervisor("刘志强", ent);
	int64_t sv = make_supervision(make_student("2018010002", "王芳"), liu, CE_SUPERVISION_ROLE_ENTERPRISE);
	ce_supervisor_spec ac = CE_SUPERVISOR_SPEC_INIT;
	int64_t wang;
	ac.name = "王建国";
	ac.kind = CE_SUPERVISOR_ACADEMIC;
	ac.affiliation = uni;
	ck_ok(ce_supervisor_create(&wang, db, &ac));
	int64_t st = make_student("2018010001", "张伟");
	ck_ok(ce_student_set_status(db, st, CE_STUDENT_STATUS_GRADUATED, CE_DATE(2021, 6, 30)));
	int64_t plid = make_placement(st, ent, CE_DATE(2019, 7, 1));
	ce_destination_spec ds = CE_DESTINATION_SPEC_INIT;
	int64_t dest;
	ds.student = st;
	ds.started_on = CE_DATE(2021, 7, 1);
	ds.employer = ent;
	ds.sector = CE_DESTINATION_SECTOR_STATE_OWNED_ENTERPRISE;
	ck_ok(ce_destination_create(&dest, db, &ds));

	ck_refused(ce_partner_delete(db, ent, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_ok(ce_partner_delete(db, ent, CE_DELETE_CASCADE));
	ck_assert(!exists(CE_ENTITY_AGREEMENT_PARTY, party));
	ck_assert(!exists(CE_ENTITY_PLATFORM_HOST, host));
	ck_assert(!exists(CE_ENTITY_PROJECT_PARTNER, pp));
	ck_assert(!exists(CE_ENTITY_PLACEMENT, plid));
	ck_assert(!exists(CE_ENTITY_SUPERVISOR, liu));
	ck_assert(!exists(CE_ENTITY_SUPERVISION, sv));
	ck_assert(exists(CE_ENTITY_DESTINATION, dest));
	ck_assert(is_null(CE_ENTITY_DESTINATION, dest, "employer"));
	ck_assert(exists(CE_ENTITY_AGREEMENT, agr) && exists(CE_ENTITY_PLATFORM, lab));
	ck_assert(exists(CE_ENTITY_PROJECT, prj));

	ck_ok(ce_partner_delete(db, uni, CE_DELETE_CASCADE));
	ck_assert(exists(CE_ENTITY_SUPERVISOR, wang));
	ck_assert(is_null(CE_ENTITY_SUPERVISOR, wang, "affiliation"));

	ck_ok(ce_student_delete(db, st, CE_DELETE_CASCADE));
	ce_filter *f = f_text("number", "2018010002");
	ce_record_iter *it;
	ce_record *r;
	ck_ok(ce_record_iter_new(&it, db, CE_ENTITY_STUDENT, f));
	ck_ok(ce_record_iter_next(&r, it));
	drop(CE_ENTITY_STUDENT, ce_record_id(r));
	ce_record_free(r);
	ce_record_iter_free(it);
	ce_filter_free(f);
	drop(CE_ENTITY_SUPERVISOR, wang);
	drop(CE_ENTITY_PROJECT, prj);
	drop(CE_ENTITY_PLATFORM, lab);
	drop(CE_ENTITY_AGREEMENT, agr);
	ck_unchanged(before);
}
END_TEST

/* Deleting an outcome: contributors, attributions, derivations both ways. */
START_TEST(cascade_outcome)
{
	char *before = bystanders();
	int64_t ep = make_outcome(CE_OUTCOME_ENTREPRENEURSHIP_PROJECT, "覆膜砂回收创业训练项目",
	                          CE_DATE(2019, 3, 1));
	int64_t fr = make_outcome(CE_OUTCOME_FEASIBILITY_REPORT, "可行性研究报告", CE_DATE(2019, 4, 1));
	ck_ok(ce_outcome_set_status(db, ep, CE_OUTCOME_STATUS_APPROVED, CE_DATE(2019, 5, 1)));
	ce_outcome_derivation_spec d = CE_OUTCOME_DERIVATION_SPEC_INIT;
	int64_t der;
	d.outcome = fr;
	d.from_outcome = ep;
	ck_ok(ce_outcome_derivation_create(&der, db, &d));
	int64_t st = make_student("2019010001", "本科生甲");
	ce_outcome_contributor_spec c = CE_OUTCOME_CONTRIBUTOR_SPEC_INIT;
	int64_t con;
	c.outcome = ep;
	c.position = 1;
	c.student = st;
	ck_ok(ce_outcome_contributor_create(&con, db, &c));

	ck_refused(ce_outcome_delete(db, ep, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_ok(ce_outcome_delete(db, ep, CE_DELETE_CASCADE));
	ck_assert(!exists(CE_ENTITY_OUTCOME_DERIVATION, der));
	ck_assert(!exists(CE_ENTITY_OUTCOME_CONTRIBUTOR, con));
	ck_assert(exists(CE_ENTITY_OUTCOME, fr));
	ck_assert(exists(CE_ENTITY_STUDENT, st));

	drop(CE_ENTITY_OUTCOME, fr);
	drop(CE_ENTITY_STUDENT, st);
	ck_unchanged(before);
}
END_TEST

Suite *suite_delete(void)
{
	Suite *s = suite_create("delete");
	TCase *tc = store_tcase("restrict");
	tcase_add_test(tc, restrict_refuses_when_referenced);
	tcase_add_test(tc, restrict_by_dependency);
	suite_add_tcase(s, tc);

	tc = store_tcase("cascade");
	tcase_add_test(tc, cascade_project);
	tcase_add_test(tc, cascade_removes_histories);
	tcase_add_test(tc, cascade_supervisor);
	tcase_add_test(tc, cascade_platform);
	tcase_add_test(tc, cascade_leaves_last_error_alone);
	tcase_add_test(tc, cascade_student);
	tcase_add_test(tc, cascade_partner);
	tcase_add_test(tc, cascade_outcome);
	suite_add_tcase(s, tc);
	return s;
}
