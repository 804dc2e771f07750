/* Project, its partners, and its status and stage lifecycles. */
#include <stdio.h>

#include "conformance.h"

static ce_project_spec full(int64_t pi, int64_t agreement)
{
	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	s.code = "201901022063";
	s.title = "通用航空发动机用高强高韧铝合金材料研发及产业化";
	s.funding_scheme = "山东省重大科技创新工程";
	s.budget = 500000000; /* 5 000 000.00 CNY in fen */
	s.currency = "CNY";
	s.start_date = CE_DATE(2019, 1, 1);
	s.end_date = CE_DATE(2021, 12, 31);
	s.principal_investigator = pi;
	s.agreement = agreement;
	return s;
}

START_TEST(project_round_trip)
{
	int64_t pi = make_academic("王建国");
	int64_t agr = make_agreement("联合研发协议", CE_SCOPE_JOINT_PROJECT, CE_DATE(2018, 6, 1));
	ce_project_spec s = full(pi, agr);
	ce_project *p;
	int64_t id;
	ck_ok(ce_project_create(&id, db, &s));
	ck_ok(ce_project_lookup(&p, db, id));
	const ce_project_spec *f = ce_project_fields(p);
	ck_assert_str_eq(f->code, "201901022063");
	ck_assert_str_eq(f->title, s.title);
	ck_assert_str_eq(f->funding_scheme, "山东省重大科技创新工程");
	ck_assert_int_eq(f->budget, 500000000);
	ck_assert_str_eq(f->currency, "CNY");
	ck_assert_int_eq(f->start_date, CE_DATE(2019, 1, 1));
	ck_assert_int_eq(f->end_date, CE_DATE(2021, 12, 31));
	ck_assert_int_eq(f->status, CE_PROJECT_STATUS_PROPOSED);
	ck_assert_int_eq(f->status_date, CE_DATE(2019, 1, 1));
	ck_assert_int_eq(f->stage, CE_PROJECT_STAGE_LABORATORY);
	ck_assert_int_eq(f->stage_date, CE_DATE(2019, 1, 1));
	ck_assert_int_eq(f->principal_investigator, pi);
	ck_assert_int_eq(f->agreement, agr);
	ce_project_free(p);
	ck_history(CE_ENTITY_PROJECT, id, "status", "0>1@20190101");
	ck_history(CE_ENTITY_PROJECT, id, "stage", "0>1@20190101");

	ck_ok(ce_project_lookup_by_code(&p, db, "201901022063"));
	ck_assert_int_eq(ce_project_id(p), id);
	ce_project_free(p);
	ck_rc(ce_project_lookup_by_code(&p, db, "201901022064"), CE_ENOTFOUND);

	s.budget = 520000000;
	s.principal_investigator = 0;
	s.funding_scheme = NULL;
	ck_ok(ce_project_update(db, id, &s));
	ck_assert_int_eq(get_int(CE_ENTITY_PROJECT, id, "budget"), 520000000);
	ck_assert(is_null(CE_ENTITY_PROJECT, id, "principal_investigator"));
	ck_assert(is_null(CE_ENTITY_PROJECT, id, "funding_scheme"));
}
END_TEST

START_TEST(project_rules)
{
	ce_project_spec s = full(0, 0);
	int64_t id;
	static const char *const bad[] = { "cny", "CN", "CNYY", "人民币", "C1Y", " CNY", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		s.currency = bad[i];
		ck_refused(ce_project_create(&id, db, &s), CE_EINVALID);
		ck_said("project.currency");
	}
	s.currency = NULL; /* a budget needs its currency */
	ck_refused(ce_project_create(&id, db, &s), CE_EINVALID);
	ck_said("project.currency");
	s.budget = 0;
	ck_ok(ce_project_create(&id, db, &s));
	s.code = "201901022064";
	s.currency = "USD"; /* a currency without a budget is fine */
	ck_ok(ce_project_create(&id, db, &s));

	s = full(0, 0);
	s.code = "201901022063";
	ck_refused(ce_project_create(&id, db, &s), CE_EEXISTS);
	ck_said("project.code", "201901022063");
	s.code = "201901022065";
	s.end_date = CE_DATE(2018, 12, 31);
	ck_refused(ce_project_create(&id, db, &s), CE_EINVALID);
	ck_said("project.end_date");
	s.end_date = 0;
	s.principal_investigator = 42;
	ck_refused(ce_project_create(&id, db, &s), CE_ECONSTRAINT);
	ck_said("project.principal_investigator");
	s.principal_investigator = 0;
	s.agreement = 42;
	ck_refused(ce_project_create(&id, db, &s), CE_ECONSTRAINT);
	/* without a start date the lifecycle dates must be given */
	s.agreement = 0;
	s.start_date = 0;
	ck_refused(ce_project_create(&id, db, &s), CE_EINVALID);
	ck_said("_date");
	s.status_date = CE_DATE(2019, 2, 1);
	s.stage_date = CE_DATE(2019, 2, 1);
	ck_ok(ce_project_create(&id, db, &s));
	ck_history(CE_ENTITY_PROJECT, id, "status", "0>1@20190201");
}
END_TEST

START_TEST(project_initial_states)
{
	ce_project_spec s = full(0, 0);
	int64_t id;
	s.status = CE_PROJECT_STATUS_ACTIVE;
	s.stage = CE_PROJECT_STAGE_PILOT; /* a project may join at any stage */
	s.stage_date = CE_DATE(2019, 6, 1);
	ck_ok(ce_project_create(&id, db, &s));
	ck_history(CE_ENTITY_PROJECT, id, "status", "0>2@20190101");
	ck_history(CE_ENTITY_PROJECT, id, "stage", "0>2@20190601");
	s.code = "201901022064";
	s.stage = CE_PROJECT_STAGE_INDUSTRIALISATION;
	ck_ok(ce_project_create(&id, db, &s));
	s.code = "201901022065";
	s.status = CE_PROJECT_STATUS_COMPLETED;
	ck_refused(ce_project_create(&id, db, &s), CE_ETRANSITION);
	ck_said("project.status", "completed");
	s.status = CE_PROJECT_STATUS_TERMINATED;
	ck_refused(ce_project_create(&id, db, &s), CE_ETRANSITION);
}
END_TEST

START_TEST(project_status_moves)
{
	int64_t a = make_project("P-甲", "项目甲", CE_DATE(2019, 1, 1));
	int64_t b = make_project("P-乙", "项目乙", CE_DATE(2019, 1, 1));
	int64_t c = make_project("P-丙", "项目丙", CE_DATE(2019, 1, 1));
	ck_refused(ce_project_set_status(db, a, CE_PROJECT_STATUS_COMPLETED, CE_DATE(2019, 2, 1)),
	           CE_ETRANSITION);
	ck_said("project.status", "proposed", "completed");
	ck_ok(ce_project_set_status(db, a, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 3, 1)));
	ck_refused(ce_project_set_status(db, a, CE_PROJECT_STATUS_COMPLETED, CE_DATE(2019, 2, 28)),
	           CE_ETRANSITION); /* backwards */
	ck_refused(ce_project_set_status(db, a, CE_PROJECT_STATUS_PROPOSED, CE_DATE(2019, 4, 1)),
	           CE_ETRANSITION);
	ck_ok(ce_project_set_status(db, a, CE_PROJECT_STATUS_COMPLETED, CE_DATE(2021, 12, 31)));
	ck_refused(ce_project_set_status(db, a, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2022, 1, 1)),
	           CE_ETRANSITION);
	ck_refused(ce_project_set_status(db, a, CE_PROJECT_STATUS_TERMINATED, CE_DATE(2022, 1, 1)),
	           CE_ETRANSITION);
	ck_history(CE_ENTITY_PROJECT, a, "status", "0>1@20190101,1>2@20190301,2>3@20211231");

	ck_ok(ce_project_set_status(db, b, CE_PROJECT_STATUS_TERMINATED, CE_DATE(2019, 5, 1)));
	ck_refused(ce_project_set_status(db, b, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 6, 1)),
	           CE_ETRANSITION);
	ck_ok(ce_project_set_status(db, c, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 1, 1)));
	ck_ok(ce_project_set_status(db, c, CE_PROJECT_STATUS_TERMINATED, CE_DATE(2020, 1, 1)));
	ck_history(CE_ENTITY_PROJECT, c, "status", "0>1@20190101,1>2@20190101,2>4@20200101");
	/* status moves leave the stage alone */
	ck_history(CE_ENTITY_PROJECT, c, "stage", "0>1@20190101");
	ce_filter *f = f_int("status", CE_PROJECT_STATUS_TERMINATED);
	ck_ids(CE_ENTITY_PROJECT, f, IDS2(b, c));
	ce_filter_free(f);
}
END_TEST

START_TEST(project_stage_moves)
{
	int64_t a = make_project("P-甲", "项目甲", CE_DATE(2019, 1, 1));
	ck_refused(ce_project_set_stage(db, a, CE_PROJECT_STAGE_INDUSTRIALISATION, CE_DATE(2019, 6, 1)),
	           CE_ETRANSITION); /* one stage at a time */
	ck_said("project.stage", "laboratory", "industrialisation");
	ck_ok(ce_project_set_stage(db, a, CE_PROJECT_STAGE_PILOT, CE_DATE(2020, 3, 1)));
	ck_refused(ce_project_set_stage(db, a, CE_PROJECT_STAGE_LABORATORY, CE_DATE(2020, 4, 1)),
	           CE_ETRANSITION); /* never back */
	ck_refused(ce_project_set_stage(db, a, CE_PROJECT_STAGE_PILOT, CE_DATE(2020, 4, 1)),
	           CE_ETRANSITION); /* not to itself */
	ck_refused(ce_project_set_stage(db, a, CE_PROJECT_STAGE_INDUSTRIALISATION, CE_DATE(2020, 2, 29)),
	           CE_ETRANSITION); /* backwards date */
	ck_said("2020-02-29");
	ck_ok(ce_project_set_stage(db, a, CE_PROJECT_STAGE_INDUSTRIALISATION, CE_DATE(2021, 9, 1)));
	ck_refused(ce_project_set_stage(db, a, CE_PROJECT_STAGE_PILOT, CE_DATE(2022, 1, 1)),
	           CE_ETRANSITION);
	ck_history(CE_ENTITY_PROJECT, a, "stage", "0>1@20190101,1>2@20200301,2>3@20210901");
	ck_history(CE_ENTITY_PROJECT, a, "status", "0>1@20190101");
	/* the status date is its own: a status move may predate the stage move */
	ck_ok(ce_project_set_status(db, a, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 2, 1)));
	ce_filter *f = f_int("stage", CE_PROJECT_STAGE_INDUSTRIALISATION);
	ck_ids(CE_ENTITY_PROJECT, f, IDS1(a));
	ce_filter_free(f);
}
END_TEST

START_TEST(project_update_cannot_move)
{
	ce_project_spec s = full(0, 0);
	int64_t id;
	ck_ok(ce_project_create(&id, db, &s));
	s.stage = CE_PROJECT_STAGE_PILOT;
	ck_refused(ce_project_update(db, id, &s), CE_ETRANSITION);
	ck_said("project.stage");
	s.stage = (ce_project_stage)0;
	s.status = CE_PROJECT_STATUS_ACTIVE;
	ck_refused(ce_project_update(db, id, &s), CE_ETRANSITION);
	ck_said("project.status");
	s.status = (ce_project_status)0;
	s.stage_date = CE_DATE(2019, 7, 1);
	ck_refused(ce_project_update(db, id, &s), CE_ETRANSITION);
}
END_TEST

START_TEST(project_partners_and_filters)
{
	int64_t pi = make_academic("王建国");
	int64_t a = make_project("P-甲", "项目甲", CE_DATE(2019, 1, 1));
	int64_t b = make_project("P-乙", "项目乙", CE_DATE(2019, 1, 1));
	ce_project_spec s = full(pi, 0);
	s.code = "P-乙";
	s.title = "项目乙";
	ck_ok(ce_project_update(db, b, &s));
	int64_t p = make_enterprise("山东某航空材料有限公司");
	int64_t pp = make_project_partner(a, p, CE_PROJECT_ROLE_LEAD);
	ce_project_partner *r;
	ck_ok(ce_project_partner_lookup(&r, db, pp));
	ck_assert_int_eq(ce_project_partner_fields(r)->project, a);
	ck_assert_int_eq(ce_project_partner_fields(r)->partner, p);
	ck_assert_int_eq(ce_project_partner_fields(r)->role, CE_PROJECT_ROLE_LEAD);
	ce_project_partner_free(r);
	ce_project_partner_spec ps = CE_PROJECT_PARTNER_SPEC_INIT;
	int64_t id;
	ps.project = a;
	ps.partner = p;
	ck_refused(ce_project_partner_create(&id, db, &ps), CE_EINVALID); /* role required */
	ck_said("project_partner.role");
	ps.role = (ce_project_role)7; /* 6 is guide, appended in 0.3 */
	ck_refused(ce_project_partner_create(&id, db, &ps), CE_EINVALID);

	ce_filter *f;
	ck_ids(CE_ENTITY_PROJECT, f = f_int("principal_investigator", pi), IDS1(b));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_PROJECT, f = f_null("principal_investigator"), IDS1(a));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_PROJECT, f = f_text("funding_scheme", "山东省重大科技创新工程"), IDS1(b));
	ce_filter_free(f);
	ck_ids(CE_ENTITY_PROJECT_PARTNER, f = f_int("role", CE_PROJECT_ROLE_LEAD), IDS1(pp));
	ce_filter_free(f);
}
END_TEST

/* Sets an integer column of a stored record through the generic API. */
static int set_column(ce_entity e, int64_t id, const char *column, int64_t v)
{
	ce_record *rec = NULL;
	int rc = ce_record_lookup(&rec, db, e, id);
	if (rc == CE_OK && (rc = ce_record_set_int(rec, column, v)) == CE_OK)
		rc = ce_record_update(db, rec);
	ce_record_free(rec);
	return rc;
}

static int64_t cell(const ce_table *t, size_t row, const char *column)
{
	int c;
	int64_t v = 0;
	ck_ok(ce_table_column_index(&c, t, column));
	ck_ok(ce_table_get_int(&v, t, row, c));
	return v;
}

/* Money and planned_days have a documented maximum, refused alike by
 * every backend; sums of values at the maximum stay exact (issue 14). */
START_TEST(money_and_days_are_bounded)
{
	int64_t p1 = make_project("P-1", "甲项目", CE_DATE(2019, 1, 1));
	int64_t p2 = make_project("P-2", "乙项目", CE_DATE(2019, 1, 1));
	int64_t s1 = make_subtopic(p1, "子课题一"), s2 = make_subtopic(p1, "子课题二");
	int64_t line = make_budget_line(s1, "材料费", 100);
	ce_record *rec;
	make_dependency(s2, s1);
	for (int64_t p = p1; p <= p2; p++) { /* a budget needs its currency */
		ck_ok(ce_record_lookup(&rec, db, CE_ENTITY_PROJECT, p));
		ck_ok(ce_record_set_text(rec, "currency", "CNY"));
		ck_ok(ce_record_update(db, rec));
		ce_record_free(rec);
	}
	ck_rc(set_column(CE_ENTITY_PROJECT, p1, "budget", INT64_MAX - 1), CE_EINVALID);
	ck_said("project.budget", "9223372036854775806 is outside 0..1000000000000000");
	ck_rc(set_column(CE_ENTITY_PROJECT, p1, "budget", CE_MONEY_MAX + 1), CE_EINVALID);
	ck_rc(set_column(CE_ENTITY_BUDGET_LINE, line, "planned", CE_MONEY_MAX + 1), CE_EINVALID);
	ck_rc(set_column(CE_ENTITY_BUDGET_LINE, line, "actual", INT64_MAX), CE_EINVALID);
	ck_rc(set_column(CE_ENTITY_SUBTOPIC, s1, "planned_days", INT64_MAX - 1), CE_EINVALID);
	ck_said("subtopic.planned_days", "is outside 0..36500");
	ck_rc(set_column(CE_ENTITY_SUBTOPIC, s1, "planned_days", CE_PLANNED_DAYS_MAX + 1), CE_EINVALID);
	/* An empty required number is missing, not "0 is outside 1950..2100". */
	int64_t st = make_student("2019001", "张三");
	ck_ok(ce_record_lookup(&rec, db, CE_ENTITY_STUDENT, st));
	ck_ok(ce_record_set_null(rec, "cohort"));
	ck_rc(ce_record_update(db, rec), CE_EINVALID);
	ck_said("student.cohort: is required");
	ce_record_free(rec);

	/* At the maximum: accepted, and the reports add up exactly. */
	ck_ok(set_column(CE_ENTITY_PROJECT, p1, "budget", CE_MONEY_MAX));
	ck_ok(set_column(CE_ENTITY_PROJECT, p2, "budget", CE_MONEY_MAX));
	ck_ok(set_column(CE_ENTITY_SUBTOPIC, s1, "planned_days", CE_PLANNED_DAYS_MAX));
	ck_ok(set_column(CE_ENTITY_SUBTOPIC, s2, "planned_days", CE_PLANNED_DAYS_MAX));

	ce_table *t;
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	ck_ok(ce_report_project_pipeline(&t, db, &f));
	ck_assert_int_eq(cell(t, 0, "projects"), 2);
	ck_assert_int_eq(cell(t, 0, "budget"), 2 * CE_MONEY_MAX);
	ce_table_free(t);
	f.project = p1;
	ck_ok(ce_report_subtopic_graph(&t, db, &f));
	ck_assert_int_eq(ce_table_row_count(t), 2);
	ck_assert_int_eq(cell(t, 1, "earliest_finish"), 2 * CE_PLANNED_DAYS_MAX);
	ck_assert_int_eq(cell(t, 0, "slack"), 0);
	ce_table_free(t);
}
END_TEST

/* subtopic_graph reads a project's edges by the range of its subtopic ids
 * when they lie close together, one subtopic at a time when not: either
 * way only edges between two of its own subtopics, even those of another
 * project's subtopics whose ids fall in between. */
static int col(const ce_table *t, const char *name)
{
	int c = -1;
	ck_ok(ce_table_column_index(&c, t, name));
	return c;
}

START_TEST(subtopic_graph_reads_only_its_own_edges)
{
	int64_t a = make_project("P-A", "稀疏项目", CE_DATE(2019, 1, 1));
	int64_t b = make_project("P-B", "穿插项目", CE_DATE(2019, 1, 1));
	int64_t a1 = make_subtopic(a, "甲一"), b1 = make_subtopic(b, "乙一");
	int64_t b2 = make_subtopic(b, "乙二"), a2 = make_subtopic(a, "甲二");
	make_dependency(b2, b1); /* an edge of b between a's ids */
	make_dependency(a2, a1);
	int64_t far = 0;
	for (int i = 0; i < 90; i++) { /* a's next subtopic far away: one scan per subtopic */
		char title[32];
		snprintf(title, sizeof title, "乙%d", i + 3);
		far = make_subtopic(b, title);
	}
	int64_t a3 = make_subtopic(a, "甲三");
	make_dependency(a3, a2);
	make_dependency(a3, a1);
	make_dependency(far, b2);
	char want[64];
	ce_table *t;
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	for (int round = 0; round < 2; round++) {
		f.project = round ? b : a;
		ck_ok(ce_report_subtopic_graph(&t, db, &f));
		if (round == 0) {
			ck_assert_int_eq(ce_table_row_count(t), 3);
			ck_assert_int_eq(cell(t, 0, "subtopic"), a1);
			ck_assert(ce_table_is_null(t, 0, col(t, "depends_on")));
			snprintf(want, sizeof want, "%lld", (long long)a1);
			ck_assert_str_eq(ce_table_get_text(t, 1, col(t, "depends_on")), want);
			snprintf(want, sizeof want, "%lld,%lld", (long long)a1, (long long)a2);
			ck_assert_str_eq(ce_table_get_text(t, 2, col(t, "depends_on")), want);
		} else { /* dense: b's own edges, none of a's */
			ck_assert_int_eq(ce_table_row_count(t), 92);
			int64_t edges = 0;
			for (size_t r = 0; r < ce_table_row_count(t); r++)
				edges += !ce_table_is_null(t, r, col(t, "depends_on"));
			ck_assert_int_eq(edges, 2);
			ck_assert_int_eq(cell(t, 91, "subtopic"), far);
		}
		ce_table_free(t);
	}
}
END_TEST

/* Sets project id's parent through the typed API. */
static ce_result set_parent(int64_t id, int64_t parent)
{
	ce_project *p;
	ce_result rc = ce_project_lookup(&p, db, id);
	if (rc != CE_OK)
		return rc;
	ce_project_spec s = *ce_project_fields(p);
	s.parent = parent;
	rc = ce_project_update(db, id, &s);
	ce_project_free(p);
	return rc;
}

/* A programme above projects: a parent that exists, never the project
 * itself or one below it (a cycle), on every backend. */
START_TEST(project_hierarchy_has_no_cycles)
{
	int64_t programme = make_project("201901022063", "创新创业型研究生培养及成果转化平台建设",
	                                 CE_DATE(2019, 4, 1));
	int64_t sand = make_project("S201910431031", "3D打印选择性激光烧结覆膜砂的回收再生与循环使用",
	                            CE_DATE(2019, 5, 1));
	int64_t pilot = make_project("S2020-PILOT", "再生覆膜砂中试", CE_DATE(2020, 3, 1));
	ck_assert(is_null(CE_ENTITY_PROJECT, sand, "parent"));

	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	s.code = "S2020-CHILD";
	s.title = "再生覆膜砂性能检测";
	s.start_date = CE_DATE(2020, 1, 1);
	s.parent = programme;
	int64_t child;
	ck_ok(ce_project_create(&child, db, &s));
	ck_assert_int_eq(get_int(CE_ENTITY_PROJECT, child, "parent"), programme);
	ck_ok(set_parent(sand, programme));
	ck_ok(set_parent(pilot, sand)); /* programme > sand > pilot */

	/* itself, or a descendant (directly or two levels down) */
	ck_refused(set_parent(sand, sand), CE_ECYCLE);
	ck_said("own parent");
	ck_refused(set_parent(sand, pilot), CE_ECYCLE);
	ck_said("project.parent", "already belongs to it");
	ck_refused(set_parent(programme, pilot), CE_ECYCLE);
	ck_said("project.parent");
	/* the same through the generic record API */
	ce_record *r;
	ck_ok(ce_record_lookup(&r, db, CE_ENTITY_PROJECT, programme));
	ck_ok(ce_record_set_int(r, "parent", child));
	ck_refused(ce_record_update(db, r), CE_ECYCLE);
	ce_record_free(r);
	/* a parent that does not exist */
	s.code = "S2020-ORPHAN";
	s.parent = 999999;
	ck_refused(ce_project_create(NULL, db, &s), CE_ECONSTRAINT);
	ck_said("project.parent");

	/* a parent with projects below it is not deleted from under them */
	ck_refused(ce_project_delete(db, sand, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	/* moving a project elsewhere in the tree, and out of it */
	ck_ok(set_parent(pilot, programme));
	ck_ok(set_parent(sand, pilot)); /* now programme > pilot > sand */
	ck_ok(set_parent(sand, 0));
	ck_assert(is_null(CE_ENTITY_PROJECT, sand, "parent"));

	/* a version-1 spec knows no parent: a create leaves it NULL */
	ce_project_spec v1;
	ck_ok(ce_project_spec_init(&v1, 1));
	v1.code = "V1-ONLY";
	v1.title = "旧版本调用方";
	v1.start_date = CE_DATE(2020, 1, 1);
	int64_t old;
	ck_ok(ce_project_create(&old, db, &v1));
	ck_assert(is_null(CE_ENTITY_PROJECT, old, "parent"));
}
END_TEST

Suite *suite_project(void)
{
	Suite *s = suite_create("project");
	TCase *tc = store_tcase("project");
	tcase_add_test(tc, project_round_trip);
	tcase_add_test(tc, project_hierarchy_has_no_cycles);
	tcase_add_test(tc, project_rules);
	tcase_add_test(tc, project_initial_states);
	tcase_add_test(tc, project_status_moves);
	tcase_add_test(tc, project_stage_moves);
	tcase_add_test(tc, project_update_cannot_move);
	tcase_add_test(tc, project_partners_and_filters);
	tcase_add_test(tc, money_and_days_are_bounded);
	tcase_add_test(tc, subtopic_graph_reads_only_its_own_edges);
	suite_add_tcase(s, tc);
	return s;
}
