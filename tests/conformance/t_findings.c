/* ce_findings() (issue 13): each kind of finding, today's and those within
 * the horizon, its edges (inclusive), and the refusals. */
#include <stdio.h>

#include "conformance.h"

/* "entity:id:due" of the findings of one kind, ";"-separated, in order;
 * due is 0 when unset. Asserts the severity every row of the kind has. */
static const char *found(const char *kind, const char *severity, ce_date today, int horizon)
{
	static char buf[1024];
	ce_table *t = NULL;
	ck_ok(ce_findings(&t, db, today, horizon));
	ck_assert_int_eq(ce_table_column_count(t), 7);
	static const char *const cols[] = { "kind", "severity", "entity", "id", "subject", "due", "message" };
	for (int c = 0; c < 7; c++)
		ck_assert_str_eq(ce_table_column_name(t, c), cols[c]);
	*buf = '\0';
	for (size_t r = 0; r < ce_table_row_count(t); r++) {
		if (strcmp(ce_table_get_text(t, r, 0), kind))
			continue;
		ck_assert_str_eq(ce_table_get_text(t, r, 1), severity);
		ck_assert_ptr_nonnull(ce_table_get_text(t, r, 4));
		ck_assert_ptr_nonnull(ce_table_get_text(t, r, 6));
		int64_t id, due;
		ck_ok(ce_table_get_int(&id, t, r, 3));
		ck_ok(ce_table_get_int(&due, t, r, 5));
		size_t len = strlen(buf);
		snprintf(buf + len, sizeof buf - len, "%s%s:%lld:%lld", len ? ";" : "",
		         ce_table_get_text(t, r, 2), (long long)id, (long long)due);
	}
	ce_table_free(t);
	return buf;
}

/* The message of the first finding of a kind. */
static const char *message_of(const char *kind, ce_date today, int horizon)
{
	static char buf[512];
	ce_table *t = NULL;
	ck_ok(ce_findings(&t, db, today, horizon));
	*buf = '\0';
	for (size_t r = 0; r < ce_table_row_count(t) && !*buf; r++)
		if (!strcmp(ce_table_get_text(t, r, 0), kind))
			snprintf(buf, sizeof buf, "%s | %s", ce_table_get_text(t, r, 4), ce_table_get_text(t, r, 6));
	ce_table_free(t);
	return buf;
}

static void set_date(ce_entity e, int64_t id, const char *column, ce_date d)
{
	ce_record *r;
	ck_ok(ce_record_lookup(&r, db, e, id));
	ck_ok(ce_record_set_int(r, column, d));
	ck_ok(ce_record_update(db, r));
	ce_record_free(r);
}

static void move(ce_entity e, int64_t id, int to, ce_date on)
{
	ck_ok(ce_record_transition(db, e, id, "status", to, on));
}

static int64_t feedback(int64_t placement, ce_feedback_direction dir, ce_date on)
{
	ce_feedback_spec s = CE_FEEDBACK_SPEC_INIT;
	int64_t id;
	s.placement = placement;
	s.direction = dir;
	s.given_on = on;
	ck_ok(ce_feedback_create(&id, db, &s));
	return id;
}

START_TEST(findings_milestones)
{
	int64_t project = make_project("2019ZD01", "高强铝合金热处理工艺", CE_DATE(2019, 1, 1));
	int64_t sub = make_subtopic(project, "时效工艺优化");
	int64_t late = make_milestone(sub, "中期检查", CE_DATE(2020, 5, 31));
	int64_t soon = make_milestone(sub, "结题验收", CE_DATE(2020, 6, 30));
	int64_t done = make_milestone(sub, "开题报告", CE_DATE(2020, 3, 1));
	set_date(CE_ENTITY_MILESTONE, done, "done_date", CE_DATE(2020, 2, 28));
	char want[64];
	snprintf(want, sizeof want, "milestone:%lld:20200531", (long long)late);
	ck_assert_str_eq(found("overdue_milestone", "warning", CE_DATE(2020, 6, 1), 0), want);
	ck_assert_str_eq(found("milestone_due", "reminder", CE_DATE(2020, 6, 1), 28), "");
	snprintf(want, sizeof want, "milestone:%lld:20200630", (long long)soon);
	ck_assert_str_eq(found("milestone_due", "reminder", CE_DATE(2020, 6, 1), 29), want); /* inclusive */
	ck_assert_str_eq(found("milestone_due", "reminder", CE_DATE(2020, 6, 30), 0), want);  /* due today */
	ck_assert_ptr_nonnull(strstr(message_of("milestone_due", CE_DATE(2020, 6, 1), 30), "结题验收 | due 2020-06-30"));
	/* done: never */
	set_date(CE_ENTITY_MILESTONE, soon, "done_date", CE_DATE(2020, 6, 2));
	ck_assert_str_eq(found("milestone_due", "reminder", CE_DATE(2020, 6, 1), 30), "");
}
END_TEST

START_TEST(findings_placements)
{
	int64_t host = make_enterprise("山东某铸造机械有限公司");
	int64_t st = make_student("2018220305", "吴强");
	int64_t ending = make_placement(st, host, CE_DATE(2020, 7, 1));
	set_date(CE_ENTITY_PLACEMENT, ending, "end_date", CE_DATE(2020, 8, 31));
	move(CE_ENTITY_PLACEMENT, ending, CE_PLACEMENT_STATUS_ACTIVE, CE_DATE(2020, 7, 1));
	char want[64];
	snprintf(want, sizeof want, "placement:%lld:20200831", (long long)ending);
	ck_assert_str_eq(found("placement_ending", "reminder", CE_DATE(2020, 8, 1), 29), "");
	ck_assert_str_eq(found("placement_ending", "reminder", CE_DATE(2020, 8, 1), 30), want);
	ck_assert_str_eq(message_of("placement_ending", CE_DATE(2020, 8, 1), 30),
	                 "2018220305 吴强 at 山东某铸造机械有限公司 | ends 2020-08-31; no feedback yet in either direction");
	ck_assert_str_eq(found("placement_without_feedback", "warning", CE_DATE(2020, 8, 1), 30), "");
	/* past its end: today's problem, not a reminder */
	ck_assert_str_eq(found("placement_without_feedback", "warning", CE_DATE(2020, 9, 1), 30), want);
	ck_assert_str_eq(found("placement_ending", "reminder", CE_DATE(2020, 9, 1), 30), "");
	/* feedback one way: still missing the other */
	feedback(ending, CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL, CE_DATE(2020, 8, 20));
	ck_assert_ptr_nonnull(strstr(message_of("placement_ending", CE_DATE(2020, 8, 1), 30),
	                             "from the school to the enterprise"));
	feedback(ending, CE_FEEDBACK_DIRECTION_SCHOOL_TO_ENTERPRISE, CE_DATE(2020, 8, 21));
	ck_assert_str_eq(found("placement_ending", "reminder", CE_DATE(2020, 8, 1), 30), "");
	ck_assert_str_eq(found("placement_without_feedback", "warning", CE_DATE(2020, 9, 1), 30), "");
	/* a finished placement without feedback */
	int64_t early = make_placement(make_student("2018220306", "周敏"), host, CE_DATE(2019, 7, 1));
	move(CE_ENTITY_PLACEMENT, early, CE_PLACEMENT_STATUS_ACTIVE, CE_DATE(2019, 7, 1));
	move(CE_ENTITY_PLACEMENT, early, CE_PLACEMENT_STATUS_ENDED_EARLY, CE_DATE(2019, 7, 20));
	snprintf(want, sizeof want, "placement:%lld:0", (long long)early);
	ck_assert_str_eq(found("placement_without_feedback", "warning", CE_DATE(2020, 9, 1), 0), want);
}
END_TEST

START_TEST(findings_agreements)
{
	int64_t a = make_agreement("联合培养基地协议", CE_SCOPE_JOINT_TRAINING_BASE, CE_DATE(2017, 1, 1));
	set_date(CE_ENTITY_AGREEMENT, a, "end_date", CE_DATE(2020, 12, 31));
	move(CE_ENTITY_AGREEMENT, a, CE_AGREEMENT_STATUS_ACTIVE, CE_DATE(2017, 1, 1));
	char want[64];
	snprintf(want, sizeof want, "agreement:%lld:20201231", (long long)a);
	ck_assert_str_eq(found("agreement_expiring", "reminder", CE_DATE(2020, 12, 1), 30), want);
	ck_assert_str_eq(found("agreement_expiring", "reminder", CE_DATE(2020, 12, 1), 29), "");
	ck_assert_str_eq(message_of("agreement_expiring", CE_DATE(2020, 12, 1), 30),
	                 "联合培养基地协议 | active agreement ends 2020-12-31");
	/* past its end and still relied on by an active placement */
	int64_t p = make_placement(make_student("2018220305", "吴强"), make_enterprise("某公司"),
	                           CE_DATE(2020, 7, 1));
	ce_record *r;
	ck_ok(ce_record_lookup(&r, db, CE_ENTITY_PLACEMENT, p));
	ck_ok(ce_record_set_int(r, "agreement", a));
	ck_ok(ce_record_update(db, r));
	ce_record_free(r);
	move(CE_ENTITY_PLACEMENT, p, CE_PLACEMENT_STATUS_ACTIVE, CE_DATE(2020, 7, 1));
	ck_assert_str_eq(found("expired_agreement_in_use", "warning", CE_DATE(2020, 12, 31), 0), "");
	ck_assert_str_eq(found("expired_agreement_in_use", "warning", CE_DATE(2021, 1, 1), 0), want);
	ck_assert_str_eq(found("agreement_expiring", "reminder", CE_DATE(2021, 1, 1), 30), "");
	/* terminated: in use whatever the date */
	move(CE_ENTITY_AGREEMENT, a, CE_AGREEMENT_STATUS_TERMINATED, CE_DATE(2020, 3, 1));
	ck_assert_str_eq(found("expired_agreement_in_use", "warning", CE_DATE(2020, 6, 1), 0), want);
	ck_assert_ptr_nonnull(strstr(message_of("expired_agreement_in_use", CE_DATE(2020, 6, 1), 0),
	                             "terminated agreement, still used by placement"));
}
END_TEST

START_TEST(findings_evaluations)
{
	int64_t academic = make_academic("王立新");
	int64_t gone = make_academic("李明");
	int64_t st = make_student("2018010001", "王芳");
	make_supervision(st, academic, CE_SUPERVISION_ROLE_MAIN);
	int64_t old = make_supervision(make_student("2018010002", "李娜"), gone, CE_SUPERVISION_ROLE_MAIN);
	set_date(CE_ENTITY_SUPERVISION, old, "end_date", CE_DATE(2020, 1, 15)); /* before spring 2020 */
	char want[64];
	snprintf(want, sizeof want, "supervisor:%lld:20200731", (long long)academic);
	/* spring 2020 ends 2020-07-31 */
	ck_assert_str_eq(found("evaluation_due", "reminder", CE_DATE(2020, 7, 1), 29), "");
	ck_assert_str_eq(found("evaluation_due", "reminder", CE_DATE(2020, 7, 1), 30), want);
	ck_assert_ptr_nonnull(strstr(message_of("evaluation_due", CE_DATE(2020, 7, 1), 30),
	                             "王立新 | academic supervisor not yet evaluated for 2020-spring"));
	/* an evaluation overlapping the term settles it */
	ce_evaluation_spec ev = CE_EVALUATION_SPEC_INIT;
	int64_t id;
	ev.supervisor = academic;
	ev.period_start = CE_DATE(2020, 3, 1);
	ev.period_end = CE_DATE(2020, 7, 31);
	ev.evaluator = CE_EVALUATOR_STUDENT;
	ev.criterion = "指导时间投入";
	ev.score = 90;
	ck_ok(ce_evaluation_create(&id, db, &ev));
	ck_assert_str_eq(found("evaluation_due", "reminder", CE_DATE(2020, 7, 1), 30), "");
	/* the autumn term runs into January */
	snprintf(want, sizeof want, "supervisor:%lld:20210131", (long long)academic);
	ck_assert_str_eq(found("evaluation_due", "reminder", CE_DATE(2021, 1, 10), 20), "");
	ck_assert_str_eq(found("evaluation_due", "reminder", CE_DATE(2021, 1, 10), 21), want);
}
END_TEST

START_TEST(findings_today_from_reports)
{
	int64_t platform = make_platform("先进铸造联合实验室");
	int64_t project = make_project("2019ZD01", "高强铝合金热处理工艺", CE_DATE(2019, 1, 1));
	int64_t st = make_student("2018220305", "吴强");
	make_assignment(make_subtopic(project, "时效工艺优化"), st);
	char want[64];
	snprintf(want, sizeof want, "platform:%lld:0", (long long)platform);
	ck_assert_str_eq(found("idle_platform", "warning", CE_DATE(2020, 1, 1), 0), want);
	snprintf(want, sizeof want, "student:%lld:0", (long long)st);
	ck_assert_str_eq(found("student_lacking_supervisor", "warning", CE_DATE(2020, 1, 1), 0), want);
	ck_assert_str_eq(message_of("student_lacking_supervisor", CE_DATE(2020, 1, 1), 0),
	                 "2018220305 吴强 | lacks a supervisor: academic_main,enterprise");
	make_supervision(st, make_academic("王立新"), CE_SUPERVISION_ROLE_MAIN);
	make_supervision(st, make_enterprise_supervisor("张建国", make_enterprise("某公司")),
	                 CE_SUPERVISION_ROLE_ENTERPRISE);
	ck_assert_str_eq(found("student_lacking_supervisor", "warning", CE_DATE(2020, 1, 1), 0), "");
}
END_TEST

START_TEST(findings_possible_duplicates)
{
	int64_t a = make_enterprise("山东某航空材料股份有限公司");
	make_enterprise("山东某铸造机械有限公司");
	int64_t b = make_enterprise("山东某航空材料有限公司");
	int64_t c = make_enterprise("（山东）某航空材料集团");
	make_enterprise("山东某航空材料研究院"); /* a different organisation */
	int64_t x = make_academic("王建国");
	make_enterprise_supervisor("王建国", a); /* another kind: another person */
	int64_t y = make_academic("王建国");
	char want[128];
	snprintf(want, sizeof want, "partner:%lld:0;partner:%lld:0;supervisor:%lld:0", (long long)b,
	         (long long)c, (long long)y);
	ck_assert_str_eq(found("possible_duplicate", "info", CE_DATE(2020, 1, 1), 0), want);
	char msg[160];
	snprintf(msg, sizeof msg, "山东某航空材料有限公司 | may be the same organisation as partner %lld "
	         "'山东某航空材料股份有限公司'", (long long)a);
	ck_assert_ptr_nonnull(strstr(message_of("possible_duplicate", CE_DATE(2020, 1, 1), 0), msg));
	/* merged: gone */
	ck_ok(ce_partner_merge(db, a, b, NULL));
	ck_ok(ce_partner_merge(db, a, c, NULL));
	ck_ok(ce_supervisor_merge(db, x, y, NULL));
	ck_assert_str_eq(found("possible_duplicate", "info", CE_DATE(2020, 1, 1), 0), "");
}
END_TEST

START_TEST(findings_refusals)
{
	ce_table *t = (ce_table *)1;
	ck_rc(ce_findings(&t, db, CE_DATE(2020, 2, 30), 0), CE_EINVALID);
	ck_assert_ptr_null(t);
	ck_said("not a calendar date");
	ck_rc(ce_findings(&t, db, CE_DATE(2020, 2, 1), -1), CE_EINVALID);
	ck_said("horizon");
	ck_rc(ce_findings(&t, db, CE_DATE(2020, 2, 1), 3661), CE_EINVALID);
	ck_rc(ce_findings(NULL, db, CE_DATE(2020, 2, 1), 0), CE_EINVALID);
	ck_rc(ce_findings(&t, NULL, CE_DATE(2020, 2, 1), 0), CE_EINVALID);
	/* an empty store has nothing to say; today defaults to the clock */
	ck_ok(ce_findings(&t, db, 0, 30));
	ck_assert_uint_eq(ce_table_row_count(t), 0);
	ce_table_free(t);
	/* the horizon may reach the calendar's end */
	ck_ok(ce_findings(&t, db, CE_DATE(2199, 12, 1), 3660));
	ce_table_free(t);
}
END_TEST

Suite *suite_findings(void)
{
	Suite *s = suite_create("findings");
	TCase *tc = store_tcase("findings");
	tcase_add_test(tc, findings_milestones);
	tcase_add_test(tc, findings_placements);
	tcase_add_test(tc, findings_agreements);
	tcase_add_test(tc, findings_evaluations);
	tcase_add_test(tc, findings_today_from_reports);
	tcase_add_test(tc, findings_possible_duplicates);
	tcase_add_test(tc, findings_refusals);
	suite_add_tcase(s, tc);
	return s;
}
