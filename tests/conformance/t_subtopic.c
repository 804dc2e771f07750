/* Subtopic and its parts: I/O, dependencies (same project, no cycles),
 * milestones, budget lines, assignments; the subtopic status lifecycle. */
#include <stdio.h>

#include "conformance.h"

static int64_t project_a(void)
{
	return make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
}

START_TEST(subtopic_round_trip)
{
	int64_t prj = project_a();
	int64_t ent = make_enterprise("山东某航空材料有限公司");
	ce_subtopic_spec s = CE_SUBTOPIC_SPEC_INIT;
	ce_subtopic *r;
	int64_t id;
	s.project = prj;
	s.title = "高强铝合金热处理工艺优化";
	s.kind = CE_SUBTOPIC_APPLIED;
	s.site = CE_SUBTOPIC_SITE_ENTERPRISE;
	s.partner = ent;
	s.planned_days = 180;
	s.status_date = CE_DATE(2019, 9, 10);
	ck_ok(ce_subtopic_create(&id, db, &s));
	ck_ok(ce_subtopic_lookup(&r, db, id));
	const ce_subtopic_spec *f = ce_subtopic_fields(r);
	ck_assert_int_eq(f->project, prj);
	ck_assert_str_eq(f->title, "高强铝合金热处理工艺优化");
	ck_assert_int_eq(f->kind, CE_SUBTOPIC_APPLIED);
	ck_assert_int_eq(f->site, CE_SUBTOPIC_SITE_ENTERPRISE);
	ck_assert_int_eq(f->platform, 0);
	ck_assert_int_eq(f->partner, ent);
	ck_assert_int_eq(f->planned_days, 180);
	ck_assert_int_eq(f->status, CE_SUBTOPIC_STATUS_PROPOSED);
	ck_assert_int_eq(f->status_date, CE_DATE(2019, 9, 10));
	ce_subtopic_free(r);
	ck_history(CE_ENTITY_SUBTOPIC, id, "status", "0>1@20190910");

	s.kind = CE_SUBTOPIC_THEORETICAL;
	s.site = CE_SUBTOPIC_SITE_UNIVERSITY;
	s.partner = 0;
	s.status_date = 0; /* keeps the stored date */
	ck_ok(ce_subtopic_update(db, id, &s));
	ck_assert_int_eq(get_int(CE_ENTITY_SUBTOPIC, id, "kind"), CE_SUBTOPIC_THEORETICAL);
	ck_assert(is_null(CE_ENTITY_SUBTOPIC, id, "partner"));
	ck_assert_int_eq(get_int(CE_ENTITY_SUBTOPIC, id, "status_date"), CE_DATE(2019, 9, 10));
}
END_TEST

START_TEST(subtopic_rules)
{
	int64_t prj = project_a(), lab = make_platform("先进材料联合实验室"), id;
	ce_subtopic_spec s = CE_SUBTOPIC_SPEC_INIT;
	s.project = prj;
	s.title = "选择性激光烧结覆膜砂性能研究";
	s.kind = CE_SUBTOPIC_THEORETICAL;
	s.site = CE_SUBTOPIC_SITE_PLATFORM;
	s.status_date = CE_DATE(2019, 9, 1);
	ck_refused(ce_subtopic_create(&id, db, &s), CE_EINVALID);
	ck_said("subtopic.platform", "选择性激光烧结覆膜砂性能研究");
	s.platform = lab;
	ck_ok(ce_subtopic_create(&id, db, &s));
	/* the platform goes with the platform site */
	s.site = CE_SUBTOPIC_SITE_UNIVERSITY;
	ck_refused(ce_subtopic_update(db, id, &s), CE_EINVALID);
	ck_said("subtopic.platform");
	s.platform = 0;
	s.site = CE_SUBTOPIC_SITE_PLATFORM;
	ck_refused(ce_subtopic_update(db, id, &s), CE_EINVALID);

	s = (ce_subtopic_spec)CE_SUBTOPIC_SPEC_INIT;
	s.project = prj;
	s.title = "覆膜砂回收工艺";
	s.kind = CE_SUBTOPIC_APPLIED;
	s.site = CE_SUBTOPIC_SITE_UNIVERSITY;
	ck_refused(ce_subtopic_create(&id, db, &s), CE_EINVALID); /* no default date */
	ck_said("subtopic.status_date");
	s.status_date = CE_DATE(2019, 9, 1);
	s.planned_days = -1;
	ck_refused(ce_subtopic_create(&id, db, &s), CE_EINVALID);
	ck_said("subtopic.planned_days");
	s.planned_days = 0;
	s.project = prj + 10;
	ck_refused(ce_subtopic_create(&id, db, &s), CE_ECONSTRAINT);
	s.project = prj;
	s.site = (ce_subtopic_site)4;
	ck_refused(ce_subtopic_create(&id, db, &s), CE_EINVALID);
	s.site = CE_SUBTOPIC_SITE_UNIVERSITY;
	s.status = CE_SUBTOPIC_STATUS_APPROVED;
	ck_refused(ce_subtopic_create(&id, db, &s), CE_ETRANSITION);
	ck_said("subtopic.status", "approved");
}
END_TEST

START_TEST(subtopic_moves)
{
	int64_t prj = project_a();
	int64_t a = make_subtopic(prj, "课题甲"), b = make_subtopic(prj, "课题乙");
	int64_t c = make_subtopic(prj, "课题丙"), d = make_subtopic(prj, "课题丁");
	ck_refused(ce_subtopic_set_status(db, a, CE_SUBTOPIC_STATUS_IN_PROGRESS, CE_DATE(2019, 10, 1)),
	           CE_ETRANSITION); /* not without the defence */
	ck_said("subtopic.status", "proposed", "in_progress");
	ck_ok(ce_subtopic_set_status(db, a, CE_SUBTOPIC_STATUS_APPROVED, CE_DATE(2019, 10, 15)));
	ck_refused(ce_subtopic_set_status(db, a, CE_SUBTOPIC_STATUS_PROPOSED, CE_DATE(2019, 10, 16)),
	           CE_ETRANSITION);
	ck_refused(ce_subtopic_set_status(db, a, CE_SUBTOPIC_STATUS_COMPLETED, CE_DATE(2019, 10, 16)),
	           CE_ETRANSITION);
	ck_ok(ce_subtopic_set_status(db, a, CE_SUBTOPIC_STATUS_IN_PROGRESS, CE_DATE(2019, 11, 1)));
	ck_refused(ce_subtopic_set_status(db, a, CE_SUBTOPIC_STATUS_COMPLETED, CE_DATE(2019, 10, 31)),
	           CE_ETRANSITION); /* backwards */
	ck_ok(ce_subtopic_set_status(db, a, CE_SUBTOPIC_STATUS_COMPLETED, CE_DATE(2021, 5, 30)));
	ck_refused(ce_subtopic_set_status(db, a, CE_SUBTOPIC_STATUS_ABANDONED, CE_DATE(2021, 6, 1)),
	           CE_ETRANSITION);
	ck_history(CE_ENTITY_SUBTOPIC, a, "status",
	           "0>1@20190901,1>2@20191015,2>3@20191101,3>4@20210530");

	ck_ok(ce_subtopic_set_status(db, b, CE_SUBTOPIC_STATUS_ABANDONED, CE_DATE(2019, 9, 1)));
	ck_refused(ce_subtopic_set_status(db, b, CE_SUBTOPIC_STATUS_PROPOSED, CE_DATE(2019, 9, 2)),
	           CE_ETRANSITION);
	ck_ok(ce_subtopic_set_status(db, c, CE_SUBTOPIC_STATUS_APPROVED, CE_DATE(2019, 10, 1)));
	ck_ok(ce_subtopic_set_status(db, c, CE_SUBTOPIC_STATUS_ABANDONED, CE_DATE(2019, 12, 1)));
	ck_ok(ce_subtopic_set_status(db, d, CE_SUBTOPIC_STATUS_APPROVED, CE_DATE(2019, 10, 1)));
	ck_ok(ce_subtopic_set_status(db, d, CE_SUBTOPIC_STATUS_IN_PROGRESS, CE_DATE(2019, 10, 1)));
	ck_ok(ce_subtopic_set_status(db, d, CE_SUBTOPIC_STATUS_ABANDONED, CE_DATE(2020, 1, 1)));
	ce_filter *f = f_int("status", CE_SUBTOPIC_STATUS_ABANDONED);
	ck_ids(CE_ENTITY_SUBTOPIC, f, IDS3(b, c, d));
	ce_filter_free(f);

	ce_subtopic_spec s = CE_SUBTOPIC_SPEC_INIT;
	s.project = prj;
	s.title = "课题丁";
	s.kind = CE_SUBTOPIC_APPLIED;
	s.site = CE_SUBTOPIC_SITE_UNIVERSITY;
	s.status = CE_SUBTOPIC_STATUS_PROPOSED;
	ck_refused(ce_subtopic_update(db, d, &s), CE_ETRANSITION);
}
END_TEST

START_TEST(subtopic_filters)
{
	int64_t p1 = project_a();
	int64_t p2 = make_project("201901022064", "覆膜砂回收利用", CE_DATE(2019, 1, 1));
	int64_t a = make_subtopic(p1, "课题甲"), b = make_subtopic(p2, "课题乙");
	int64_t c = make_subtopic(p1, "课题丙");
	int64_t s1 = make_student("2014010203", "李明"), s2 = make_student("2018010001", "张伟");
	make_assignment(a, s1);
	make_assignment(b, s1);
	make_assignment(c, s2);
	ce_subtopic_spec s = CE_SUBTOPIC_SPEC_INIT;
	s.project = p1;
	s.title = "课题丙";
	s.kind = CE_SUBTOPIC_THEORETICAL;
	s.site = CE_SUBTOPIC_SITE_UNIVERSITY;
	s.planned_days = 365;
	ck_ok(ce_subtopic_update(db, c, &s));
	ce_filter *f;
	ck_ids(CE_ENTITY_SUBTOPIC, f = f_int("project", p1), IDS2(a, c));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_SUBTOPIC, f = f_int("student", s1), IDS2(a, b));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_SUBTOPIC, f = f_int("kind", CE_SUBTOPIC_THEORETICAL), IDS1(c));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_SUBTOPIC, f = f_range("planned_days", 100, 400), IDS1(c));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_SUBTOPIC, f = f_text("title", "课题乙"), IDS1(b));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_SUBTOPIC, f = f_null("platform"), IDS3(a, b, c));
	ce_filter_free(f);
}
END_TEST

START_TEST(subtopic_io)
{
	int64_t sub = make_subtopic(project_a(), "高强铝合金热处理工艺优化");
	ce_subtopic_io_spec s = CE_SUBTOPIC_IO_SPEC_INIT;
	int64_t in, out, id;
	s.subtopic = sub;
	s.direction = CE_IO_INPUT;
	s.description = "熔炼铸锭试样";
	ck_ok(ce_subtopic_io_create(&in, db, &s));
	s.direction = CE_IO_OUTPUT;
	ck_ok(ce_subtopic_io_create(&out, db, &s)); /* same text, other direction */
	ck_refused(ce_subtopic_io_create(&id, db, &s), CE_EEXISTS);
	s.description = NULL;
	ck_refused(ce_subtopic_io_create(&id, db, &s), CE_EINVALID);
	ck_said("subtopic_io.description");
	s.description = "热处理工艺参数";
	s.direction = (ce_io_direction)0;
	ck_refused(ce_subtopic_io_create(&id, db, &s), CE_EINVALID);
	ce_subtopic_io *r;
	ck_ok(ce_subtopic_io_lookup(&r, db, in));
	ck_assert_int_eq(ce_subtopic_io_fields(r)->direction, CE_IO_INPUT);
	ck_assert_str_eq(ce_subtopic_io_fields(r)->description, "熔炼铸锭试样");
	ce_subtopic_io_free(r);
	ce_filter *f = f_int("direction", CE_IO_OUTPUT);
	ck_ids(CE_ENTITY_SUBTOPIC_IO, f, IDS1(out));
	ce_filter_free(f);
}
END_TEST

START_TEST(dependency_rules)
{
	int64_t p1 = project_a();
	int64_t p2 = make_project("201901022064", "覆膜砂回收利用", CE_DATE(2019, 1, 1));
	int64_t a = make_subtopic(p1, "熔炼工艺"), b = make_subtopic(p1, "热处理工艺");
	int64_t x = make_subtopic(p2, "覆膜砂回收");
	ce_subtopic_dependency_spec s = CE_SUBTOPIC_DEPENDENCY_SPEC_INIT;
	int64_t id;
	s.subtopic = a;
	s.depends_on = a;
	ck_refused(ce_subtopic_dependency_create(&id, db, &s), CE_EINVALID);
	ck_said("subtopic_dependency", "熔炼工艺");
	s.depends_on = x;
	ck_refused(ce_subtopic_dependency_create(&id, db, &s), CE_EINVALID);
	ck_said("201901022063", "201901022064");
	s.depends_on = b;
	ck_ok(ce_subtopic_dependency_create(&id, db, &s));
	ck_refused(ce_subtopic_dependency_create(&id, db, &s), CE_EEXISTS);
	s.depends_on = 999;
	ck_refused(ce_subtopic_dependency_create(&id, db, &s), CE_ECONSTRAINT);
	ce_subtopic_dependency *r;
	ck_ok(ce_subtopic_dependency_lookup(&r, db, id));
	ck_assert_int_eq(ce_subtopic_dependency_fields(r)->subtopic, a);
	ck_assert_int_eq(ce_subtopic_dependency_fields(r)->depends_on, b);
	ce_subtopic_dependency_free(r);
	/* a subtopic tied by a dependency cannot leave its project */
	ce_subtopic_spec st = CE_SUBTOPIC_SPEC_INIT;
	st.project = p2;
	st.title = "热处理工艺";
	st.kind = CE_SUBTOPIC_APPLIED;
	st.site = CE_SUBTOPIC_SITE_UNIVERSITY;
	ck_refused(ce_subtopic_update(db, b, &st), CE_EINVALID);
	ck_said("subtopic.project");
}
END_TEST

START_TEST(dependency_cycles)
{
	int64_t prj = project_a();
	int64_t a = make_subtopic(prj, "课题甲"), b = make_subtopic(prj, "课题乙");
	int64_t c = make_subtopic(prj, "课题丙"), d = make_subtopic(prj, "课题丁");
	ce_subtopic_dependency_spec s = CE_SUBTOPIC_DEPENDENCY_SPEC_INIT;
	int64_t id;
	make_dependency(a, b);
	int64_t bc = make_dependency(b, c);
	s.subtopic = c;
	s.depends_on = a;
	ck_refused(ce_subtopic_dependency_create(&id, db, &s), CE_ECYCLE);
	ck_said("subtopic_dependency", "课题丙", "课题甲");
	s.subtopic = b;
	s.depends_on = a; /* the two-step cycle */
	ck_refused(ce_subtopic_dependency_create(&id, db, &s), CE_ECYCLE);
	/* a diamond is not a cycle */
	make_dependency(a, d);
	make_dependency(d, c);
	make_dependency(a, c);
	/* an update may not close a cycle either */
	s.subtopic = c;
	s.depends_on = a;
	ck_refused(ce_subtopic_dependency_update(db, bc, &s), CE_ECYCLE);
	ck_assert_int_eq(get_int(CE_ENTITY_SUBTOPIC_DEPENDENCY, bc, "subtopic"), b);
	/* but it may rewire an edge where no cycle results */
	s.subtopic = b;
	s.depends_on = d;
	ck_ok(ce_subtopic_dependency_update(db, bc, &s));
	ce_filter *f = f_int("subtopic", a);
	ck_assert_int_eq(count_where(CE_ENTITY_SUBTOPIC_DEPENDENCY, f), 3);
	ce_filter_free(f);
}
END_TEST

/* Subtopics created in the caller's transaction: the cycle check knows
 * every dependency on them from the writes it saw (lib/core/graph.c),
 * including an edge an update turned towards one, and still finds each
 * cycle; those refused calls leave the rest of the transaction to commit. */
START_TEST(dependency_cycles_among_new_subtopics)
{
	ck_ok(ce_db_begin(db));
	int64_t prj = project_a();
	int64_t a = make_subtopic(prj, "课题甲"), b = make_subtopic(prj, "课题乙");
	int64_t c = make_subtopic(prj, "课题丙"), d = make_subtopic(prj, "课题丁");
	make_dependency(b, c);
	int64_t cd = make_dependency(c, d);
	ce_subtopic_dependency_spec s = CE_SUBTOPIC_DEPENDENCY_SPEC_INIT;
	s.subtopic = c;
	s.depends_on = a; /* now the only edge into a, written by an update */
	ck_ok(ce_subtopic_dependency_update(db, cd, &s));
	int64_t id;
	s.subtopic = a;
	s.depends_on = b;
	ck_refused(ce_subtopic_dependency_create(&id, db, &s), CE_ECYCLE);
	ck_said("subtopic_dependency", "课题甲", "课题乙");
	/* a new subtopic nothing depends on may depend on anything */
	int64_t e = make_subtopic(prj, "课题戊");
	make_dependency(e, a);
	make_dependency(e, b);
	s.subtopic = a;
	s.depends_on = e;
	ck_refused(ce_subtopic_dependency_create(&id, db, &s), CE_ECYCLE);
	ck_ok(ce_db_commit(db));
	ce_filter *f = f_int("depends_on", a);
	ck_assert_int_eq(count_where(CE_ENTITY_SUBTOPIC_DEPENDENCY, f), 2);
	ce_filter_free(f);
	/* committed, they are old subtopics: asked of the store, same answer */
	s.subtopic = a;
	s.depends_on = c;
	ck_refused(ce_subtopic_dependency_create(&id, db, &s), CE_ECYCLE);
}
END_TEST

/* A long chain: the cycle check walks it without recursion limits. */
START_TEST(dependency_long_chain)
{
	int64_t prj = project_a(), ids[200], id;
	char title[64];
	for (int i = 0; i < 200; i++) {
		snprintf(title, sizeof title, "子课题%03d", i);
		ids[i] = make_subtopic(prj, title);
		if (i)
			make_dependency(ids[i - 1], ids[i]);
	}
	ce_subtopic_dependency_spec s = CE_SUBTOPIC_DEPENDENCY_SPEC_INIT;
	s.subtopic = ids[199];
	s.depends_on = ids[0];
	ck_refused(ce_subtopic_dependency_create(&id, db, &s), CE_ECYCLE);
	s.subtopic = ids[0];
	s.depends_on = ids[199]; /* a shortcut along the chain is fine */
	ck_ok(ce_subtopic_dependency_create(&id, db, &s));
}
END_TEST

START_TEST(milestones)
{
	int64_t sub = make_subtopic(project_a(), "高强铝合金热处理工艺优化");
	int64_t m1 = make_milestone(sub, "完成开题报告", CE_DATE(2019, 10, 15));
	int64_t m2 = make_milestone(sub, "完成中期检查", CE_DATE(2020, 6, 30));
	ce_milestone_spec s = CE_MILESTONE_SPEC_INIT;
	int64_t id;
	s.subtopic = sub;
	s.title = "完成开题报告";
	s.due_date = CE_DATE(2019, 10, 15);
	s.done_date = CE_DATE(2019, 11, 2); /* late is allowed */
	ck_ok(ce_milestone_update(db, m1, &s));
	ce_milestone *r;
	ck_ok(ce_milestone_lookup(&r, db, m1));
	ck_assert_str_eq(ce_milestone_fields(r)->title, "完成开题报告");
	ck_assert_int_eq(ce_milestone_fields(r)->due_date, CE_DATE(2019, 10, 15));
	ck_assert_int_eq(ce_milestone_fields(r)->done_date, CE_DATE(2019, 11, 2));
	ce_milestone_free(r);
	s.due_date = 0;
	ck_refused(ce_milestone_create(&id, db, &s), CE_EINVALID);
	ck_said("milestone.due_date");
	s.due_date = 20200631;
	ck_refused(ce_milestone_create(&id, db, &s), CE_EINVALID);
	ce_filter *f;
	ck_ids(CE_ENTITY_MILESTONE, f = f_null("done_date"), IDS1(m2));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_MILESTONE, f = f_range("due_date", CE_DATE(2020, 1, 1), CE_DATE(2020, 12, 31)),
	       IDS1(m2));
	ce_filter_free(f);
}
END_TEST

START_TEST(budget_lines)
{
	int64_t sub = make_subtopic(project_a(), "高强铝合金热处理工艺优化");
	int64_t b1 = make_budget_line(sub, "材料费", 1200000);
	ce_budget_line_spec s = CE_BUDGET_LINE_SPEC_INIT;
	int64_t id;
	s.subtopic = sub;
	s.category = "材料费";
	s.planned = 1200000;
	s.actual = 1350050;
	s.currency = "CNY";
	ck_ok(ce_budget_line_update(db, b1, &s));
	ce_budget_line *r;
	ck_ok(ce_budget_line_lookup(&r, db, b1));
	ck_assert_str_eq(ce_budget_line_fields(r)->category, "材料费");
	ck_assert_int_eq(ce_budget_line_fields(r)->planned, 1200000);
	ck_assert_int_eq(ce_budget_line_fields(r)->actual, 1350050);
	ck_assert_str_eq(ce_budget_line_fields(r)->currency, "CNY");
	ce_budget_line_free(r);

	ck_refused(ce_budget_line_create(&id, db, &s), CE_EEXISTS);
	ck_said("budget_line");
	s.category = "测试化验加工费";
	s.currency = NULL;
	ck_refused(ce_budget_line_create(&id, db, &s), CE_EINVALID);
	ck_said("budget_line.currency");
	s.currency = "元";
	ck_refused(ce_budget_line_create(&id, db, &s), CE_EINVALID);
	ck_said("budget_line.currency");
	s.currency = "cny";
	ck_refused(ce_budget_line_create(&id, db, &s), CE_EINVALID);
	s.currency = "CNY";
	s.actual = -1;
	ck_refused(ce_budget_line_create(&id, db, &s), CE_EINVALID);
	ck_said("budget_line.actual");
	s.actual = 0;
	s.planned = -100;
	ck_refused(ce_budget_line_create(&id, db, &s), CE_EINVALID);
	s.planned = 300000;
	ck_ok(ce_budget_line_create(&id, db, &s));
	ce_filter *f = f_range("planned", 1000000, INT64_MAX);
	ck_ids(CE_ENTITY_BUDGET_LINE, f, IDS1(b1));
	ce_filter_free(f);
}
END_TEST

START_TEST(assignments)
{
	int64_t sub = make_subtopic(project_a(), "高强铝合金热处理工艺优化");
	int64_t st = make_student("2018010001", "张伟");
	int64_t as = make_assignment(sub, st);
	ce_subtopic_assignment_spec s = CE_SUBTOPIC_ASSIGNMENT_SPEC_INIT;
	int64_t id;
	s.subtopic = sub;
	s.student = st;
	ck_refused(ce_subtopic_assignment_create(&id, db, &s), CE_EEXISTS);
	s.start_date = CE_DATE(2019, 9, 1);
	s.end_date = CE_DATE(2019, 8, 31);
	ck_refused(ce_subtopic_assignment_update(db, as, &s), CE_EINVALID);
	ck_said("subtopic_assignment.end_date");
	s.end_date = CE_DATE(2021, 6, 30);
	ck_ok(ce_subtopic_assignment_update(db, as, &s));
	ce_subtopic_assignment *r;
	ck_ok(ce_subtopic_assignment_lookup(&r, db, as));
	ck_assert_int_eq(ce_subtopic_assignment_fields(r)->end_date, CE_DATE(2021, 6, 30));
	ce_subtopic_assignment_free(r);
	s.student = 0;
	ck_refused(ce_subtopic_assignment_create(&id, db, &s), CE_EINVALID);
}
END_TEST

Suite *suite_subtopic(void)
{
	Suite *s = suite_create("subtopic");
	TCase *tc = store_tcase("subtopic");
	tcase_add_test(tc, subtopic_round_trip);
	tcase_add_test(tc, subtopic_rules);
	tcase_add_test(tc, subtopic_moves);
	tcase_add_test(tc, subtopic_filters);
	tcase_add_test(tc, subtopic_io);
	suite_add_tcase(s, tc);

	tc = store_tcase("dependencies");
	tcase_add_test(tc, dependency_rules);
	tcase_add_test(tc, dependency_cycles);
	tcase_add_test(tc, dependency_cycles_among_new_subtopics);
	tcase_add_test(tc, dependency_long_chain);
	suite_add_tcase(s, tc);

	tc = store_tcase("parts");
	tcase_add_test(tc, milestones);
	tcase_add_test(tc, budget_lines);
	tcase_add_test(tc, assignments);
	suite_add_tcase(s, tc);
	return s;
}
