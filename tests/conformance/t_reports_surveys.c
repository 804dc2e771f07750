/* Survey reports on a small store worked by hand: a named student round
 * (2019, five students, four responses), an anonymous one of the same
 * instrument (2020, twelve responses carrying level and cohort, 20
 * invited) and an enterprise-mentor round with no response. Every value
 * below is worked out in the comments; means chosen so that the doubles
 * are exact. Small groups of the anonymous round are suppressed, and what
 * stays hidden can never be had back from the total. */
#include <math.h>

#include "../support/fault_backend.h"
#include "coopedu/sys/backend.h"
#include "core/store.h"
#include "t_reports_fixture.h"

static struct {
	int64_t uni, a, b;                     /* partners */
	int64_t s[6];                          /* students s[1..5] */
	int64_t en;                            /* an enterprise supervisor of a */
	int64_t gs, em;                        /* instruments */
	int64_t q[7];                          /* items Q1..Q6 of gs */
	int64_t q4a, q4b, q4c, q5a, q5b, q5c;  /* options */
	int64_t m1;                            /* the mentor instrument's item */
	int64_t r1, r2, r3;                    /* rounds */
	int64_t resp[5];                       /* r1's responses, by student */
} sv;

static int64_t item(int64_t instrument, const char *code, int position, const char *section,
                    const char *text, ce_survey_item_kind kind)
{
	ce_survey_item_spec s = CE_SURVEY_ITEM_SPEC_INIT;
	int64_t id;
	s.instrument = instrument;
	s.code = code;
	s.position = position;
	s.section = section;
	s.text = text;
	s.kind = kind;
	if (kind == CE_SURVEY_ITEM_NUMBER) {
		s.min_value = 0;
		s.max_value = 80;
	}
	ck_ok(ce_survey_item_create(&id, db, &s));
	return id;
}

static int64_t option(int64_t item_id, const char *code, int position, const char *label)
{
	ce_survey_option_spec s = CE_SURVEY_OPTION_SPEC_INIT;
	int64_t id;
	s.item = item_id;
	s.code = code;
	s.position = position;
	s.label = label;
	ck_ok(ce_survey_option_create(&id, db, &s));
	return id;
}

static int64_t instrument(const char *code, const char *title, ce_survey_audience audience)
{
	ce_survey_instrument_spec s = CE_SURVEY_INSTRUMENT_SPEC_INIT;
	int64_t id;
	s.code = code;
	s.instrument_version = 1;
	s.title = title;
	s.audience = audience;
	ck_ok(ce_survey_instrument_create(&id, db, &s));
	return id;
}

static int64_t round_of(int64_t inst, const char *title, ce_date opens, ce_date closes,
                        int cohort, int anonymous, unsigned int attributes, int invited)
{
	ce_survey_round_spec s = CE_SURVEY_ROUND_SPEC_INIT;
	int64_t id;
	s.instrument = inst;
	s.title = title;
	s.opens_on = opens;
	s.closes_on = closes;
	s.cohort = cohort;
	s.anonymous = anonymous;
	s.attributes = attributes;
	s.invited = invited;
	ck_ok(ce_survey_round_create(&id, db, &s));
	return id;
}

/* A response: a named one (student) or an anonymous one (level, cohort). */
static int64_t response(int64_t round, int64_t student, ce_date on, ce_survey_level level,
                        int cohort)
{
	ce_survey_response_spec s = CE_SURVEY_RESPONSE_SPEC_INIT;
	int64_t id;
	s.round = round;
	s.student = student;
	s.submitted_on = on;
	s.level = level;
	s.cohort = cohort;
	ck_ok(ce_survey_response_create(&id, db, &s));
	return id;
}

static void number(int64_t resp, int64_t item_id, double v)
{
	ce_survey_answer_spec s = CE_SURVEY_ANSWER_SPEC_INIT;
	int64_t id;
	s.response = resp;
	s.item = item_id;
	s.number = v;
	ck_ok(ce_survey_answer_create(&id, db, &s));
}

static void choice(int64_t resp, int64_t item_id, int64_t opt, const char *choices,
                   const char *text)
{
	ce_survey_answer_spec s = CE_SURVEY_ANSWER_SPEC_INIT;
	int64_t id;
	s.response = resp;
	s.item = item_id;
	s.option = opt;
	s.choices = choices;
	s.text = text;
	ck_ok(ce_survey_answer_create(&id, db, &s));
}

#define UG CE_SURVEY_LEVEL_UNDERGRADUATE
#define GR CE_SURVEY_LEVEL_GRADUATE

static void build_surveys(void)
{
	ck_ok(ce_db_begin(db));
	sv.uni = partner("某理工大学", CE_PARTNER_UNIVERSITY);
	sv.a = partner("山东某航空材料有限公司", CE_PARTNER_ENTERPRISE);
	sv.b = partner("济南某机械制造有限公司", CE_PARTNER_ENTERPRISE);
	sv.s[1] = student("2019001", "张伟", CE_STUDENT_LEVEL_ACADEMIC_MASTER, 2019);
	sv.s[2] = student("2019002", "王芳", CE_STUDENT_LEVEL_PROFESSIONAL_MASTER, 2019);
	sv.s[3] = student("2019003", "李娜", CE_STUDENT_LEVEL_DOCTORAL, 2019);
	sv.s[4] = student("2019004", "刘洋", CE_STUDENT_LEVEL_UNDERGRADUATE, 2019);
	sv.s[5] = student("2019005", "陈静", CE_STUDENT_LEVEL_UNDERGRADUATE, 2019);
	sv.en = supervisor("赵敏", CE_SUPERVISOR_ENTERPRISE, sv.a);
	placement(sv.s[1], sv.a, 0, D(2019, 9, 1), 0, CE_PLACEMENT_STATUS_ACTIVE, D(2019, 9, 1));
	placement(sv.s[2], sv.b, 0, D(2019, 9, 1), 0, CE_PLACEMENT_STATUS_ACTIVE, D(2019, 9, 1));
	/* s4: at a during the 2019 round, at b only after it closed */
	placement(sv.s[4], sv.a, 0, D(2019, 7, 1), D(2019, 12, 31), CE_PLACEMENT_STATUS_ACTIVE, D(2019, 7, 1));
	placement(sv.s[4], sv.b, 0, D(2020, 7, 1), 0, CE_PLACEMENT_STATUS_ACTIVE, D(2020, 7, 1));

	sv.gs = instrument("GS-COOP", "研究生联合培养满意度调查", CE_SURVEY_AUDIENCE_STUDENT);
	sv.q[1] = item(sv.gs, "Q1", 1, "动机", "我参加联合培养主要出于兴趣", CE_SURVEY_ITEM_LIKERT5);
	sv.q[2] = item(sv.gs, "Q2", 2, "收获", "企业导师的指导对我帮助很大", CE_SURVEY_ITEM_LIKERT7);
	sv.q[3] = item(sv.gs, "Q3", 3, "投入", "每周在企业工作的小时数", CE_SURVEY_ITEM_NUMBER);
	sv.q[4] = item(sv.gs, "Q4", 4, "投入", "你主要在哪里做课题", CE_SURVEY_ITEM_SINGLE_CHOICE);
	sv.q[5] = item(sv.gs, "Q5", 5, "收获", "你取得了哪些成果", CE_SURVEY_ITEM_MULTIPLE_CHOICE);
	sv.q[6] = item(sv.gs, "Q6", 6, "建议", "你对联合培养有什么建议", CE_SURVEY_ITEM_TEXT);
	sv.q4a = option(sv.q[4], "A", 1, "企业现场");
	sv.q4b = option(sv.q[4], "B", 2, "学校实验室");
	sv.q4c = option(sv.q[4], "C", 3, "两者兼有");
	sv.q5a = option(sv.q[5], "A", 1, "论文");
	sv.q5b = option(sv.q[5], "B", 2, "专利");
	sv.q5c = option(sv.q[5], "C", 3, "软件著作权");
	sv.em = instrument("EM-EVAL", "企业导师评价问卷", CE_SURVEY_AUDIENCE_ENTERPRISE_MENTOR);
	sv.m1 = item(sv.em, "M1", 1, "合作", "学生的专业准备充分", CE_SURVEY_ITEM_LIKERT5);

	sv.r1 = round_of(sv.gs, "2019年研究生联合培养调查", D(2019, 10, 8), D(2019, 12, 31), 2019, 0, 0, 0);
	sv.r2 = round_of(sv.gs, "2020年研究生联合培养调查（匿名）", D(2020, 10, 8), D(2020, 12, 31), 0, 1,
	                 CE_SURVEY_ATTR_LEVEL | CE_SURVEY_ATTR_COHORT, 20);
	sv.r3 = round_of(sv.em, "2020年企业导师评价", D(2020, 11, 1), 0, 0, 0, 0, 0);

	/* r1, named: s1..s4 answer, s5 does not.
	 *      Q1 Q2 Q3  Q4 Q5    Q6
	 *  s1   4  6 20  A  A;B   a suggestion
	 *  s2   5  7 30  C  A
	 *  s3   3  5  -  B  B;C
	 *  s4   2  4 10  A  -                      */
	static const double q1[] = { 0, 4, 5, 3, 2 }, q2[] = { 0, 6, 7, 5, 4 }, q3[] = { 0, 20, 30, -1, 10 };
	int64_t q4[] = { 0, sv.q4a, sv.q4c, sv.q4b, sv.q4a };
	static const char *const q5[] = { NULL, "A;B", "A", "B;C", NULL };
	for (int i = 1; i <= 4; i++) {
		int64_t r = sv.resp[i] = response(sv.r1, sv.s[i], D(2019, 10, 9 + i), 0, 0);
		number(r, sv.q[1], q1[i]);
		number(r, sv.q[2], q2[i]);
		if (q3[i] >= 0)
			number(r, sv.q[3], q3[i]);
		choice(r, sv.q[4], q4[i], NULL, NULL);
		if (q5[i])
			choice(r, sv.q[5], 0, q5[i], NULL);
	}
	choice(sv.resp[1], sv.q[6], 0, NULL, "希望增加企业导师的指导时间");

	/* r2, anonymous: twelve responses with (level, cohort), Q1 from all,
	 * Q2 and Q4 from the first six.
	 *   #   level  cohort Q1 Q2 Q4
	 *   1   grad   2020   5  6  A
	 *   2   grad   2020   4  7  A
	 *   3   grad   2020   4  6  B
	 *   4   grad   2020   5  5  A
	 *   5   grad   2019   2  7  C
	 *   6   grad   2019   4  5  A
	 *   7   ug     2019   2
	 *   8   ug     2019   3
	 *   9   -      2019   4
	 *   10  -      2020   4
	 *   11  -      2020   3
	 *   12  -      2018   2
	 * By level: graduate 6, undergraduate 2, none 4; by cohort: 2018 1,
	 * 2019 5, 2020 6. */
	static const struct {
		ce_survey_level level;
		int cohort;
		double q1, q2;
		char q4;
	} r2[] = { { GR, 2020, 5, 6, 'A' }, { GR, 2020, 4, 7, 'A' }, { GR, 2020, 4, 6, 'B' },
		       { GR, 2020, 5, 5, 'A' }, { GR, 2019, 2, 7, 'C' }, { GR, 2019, 4, 5, 'A' },
		       { UG, 2019, 2, 0, 0 },   { UG, 2019, 3, 0, 0 },   { 0, 2019, 4, 0, 0 },
		       { 0, 2020, 4, 0, 0 },    { 0, 2020, 3, 0, 0 },    { 0, 2018, 2, 0, 0 } };
	for (size_t i = 0; i < CE_ARRAY_LEN(r2); i++) {
		int64_t r = response(sv.r2, 0, D(2020, 10, 10), r2[i].level, r2[i].cohort);
		number(r, sv.q[1], r2[i].q1);
		if (r2[i].q2)
			number(r, sv.q[2], r2[i].q2);
		if (r2[i].q4)
			choice(r, sv.q[4], r2[i].q4 == 'A' ? sv.q4a : r2[i].q4 == 'B' ? sv.q4b : sv.q4c, NULL, NULL);
	}
	ck_ok(ce_db_commit(db));
}

static ce_table *survey(const char *name, int64_t round, int64_t baseline, int group_by, int k)
{
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	ce_table *t = NULL;
	f.round = round;
	f.baseline = baseline;
	f.group_by = group_by;
	f.k = k;
	ck_ok(ce_report_run(&t, db, name, &f));
	ck_assert_str_eq(ce_table_name(t), name);
	return t;
}

#define SQRT(x) S("%.17g", sqrt(x))

START_TEST(response_rates_per_round_and_group)
{
	build_surveys();
	/* every round: r1 4 of the 5 students of cohort 2019; r2 12 of the 20
	 * invited; r3 none of the 1 enterprise supervisor */
	ce_table *t = survey("survey_response_rate", 0, 0, 0, 0);
	ck_rows(t, 3);
	ck_row(t, 0, S("%lld|2019年研究生联合培养调查|~|5|4|4/5|0", L(sv.r1)));
	ck_row(t, 1, S("%lld|2020年研究生联合培养调查（匿名）|~|20|12|12/20|0", L(sv.r2)));
	ck_row(t, 2, S("%lld|2020年企业导师评价|~|1|0|0|0", L(sv.r3)));
	ce_table_free(t);
	/* r1 by level: graduate s1-s3 all answered; undergraduate s4 of s4, s5.
	 * A named round is never suppressed, a group of one included. */
	t = survey("survey_response_rate", sv.r1, 0, CE_REPORT_GROUP_LEVEL, 0);
	ck_rows(t, 2);
	ck_row(t, 0, S("%lld|2019年研究生联合培养调查|graduate|3|3|1|0", L(sv.r1)));
	ck_row(t, 1, S("%lld|2019年研究生联合培养调查|undergraduate|2|1|1/2|0", L(sv.r1)));
	ce_table_free(t);
	/* r1 by partner, the host of the latest placement begun by the close
	 * (2019-12-31): s1, s4 at a; s2 at b; s3, s5 at none. */
	t = survey("survey_response_rate", sv.r1, 0, CE_REPORT_GROUP_PARTNER, 0);
	ck_rows(t, 3);
	ck_row(t, 0, S("%lld|2019年研究生联合培养调查|山东某航空材料有限公司|2|2|1|0", L(sv.r1)));
	ck_row(t, 1, S("%lld|2019年研究生联合培养调查|济南某机械制造有限公司|1|1|1|0", L(sv.r1)));
	ck_row(t, 2, S("%lld|2019年研究生联合培养调查|~|2|1|1/2|0", L(sv.r1)));
	ce_table_free(t);
	/* r2 by level, k 5: undergraduate (2) and none (4) suppressed, and
	 * together 6 >= 5, so graduate (6) stays; invited is the round's, so
	 * each group's population is unknown */
	t = survey("survey_response_rate", sv.r2, 0, CE_REPORT_GROUP_LEVEL, 0);
	ck_rows(t, 3);
	ck_row(t, 0, S("%lld|2020年研究生联合培养调查（匿名）|graduate|~|6|~|0", L(sv.r2)));
	ck_row(t, 1, S("%lld|2020年研究生联合培养调查（匿名）|undergraduate|~|~|~|1", L(sv.r2)));
	ck_row(t, 2, S("%lld|2020年研究生联合培养调查（匿名）|~|~|~|~|1", L(sv.r2)));
	ce_table_free(t);
	/* by cohort: 2018 (1) suppressed; 1 < 5 could be had back as 12 - 5 -
	 * 6, so the smallest shown, 2019 (5), goes too; 2020 (6) stays */
	t = survey("survey_response_rate", sv.r2, 0, CE_REPORT_GROUP_COHORT, 0);
	ck_rows(t, 3);
	ck_row(t, 0, S("%lld|2020年研究生联合培养调查（匿名）|2018|~|~|~|1", L(sv.r2)));
	ck_row(t, 1, S("%lld|2020年研究生联合培养调查（匿名）|2019|~|~|~|1", L(sv.r2)));
	ck_row(t, 2, S("%lld|2020年研究生联合培养调查（匿名）|2020|~|6|~|0", L(sv.r2)));
	ce_table_free(t);
	/* k 2: undergraduate (2) is shown; 2018 (1) still hidden with 2019 */
	t = survey("survey_response_rate", sv.r2, 0, CE_REPORT_GROUP_LEVEL, 2);
	ck_row(t, 1, S("%lld|2020年研究生联合培养调查（匿名）|undergraduate|~|2|~|0", L(sv.r2)));
	ck_row(t, 2, S("%lld|2020年研究生联合培养调查（匿名）|~|~|4|~|0", L(sv.r2)));
	ce_table_free(t);
	/* k 13: the whole round (12) is too small */
	t = survey("survey_response_rate", sv.r2, 0, 0, 13);
	ck_rows(t, 1);
	ck_row(t, 0, S("%lld|2020年研究生联合培养调查（匿名）|~|20|~|~|1", L(sv.r2)));
	ce_table_free(t);
}
END_TEST

/* Whatever k and grouping: the responses hidden in an anonymous round add
 * up to 0 or at least k, so subtracting the groups shown from the total
 * (a report without grouping) never singles out fewer than k. */
START_TEST(suppressed_groups_cannot_be_had_back_from_the_total)
{
	build_surveys();
	static const int groupings[] = { CE_REPORT_GROUP_LEVEL, CE_REPORT_GROUP_COHORT };
	for (int k = 1; k <= 13; k++)
		for (size_t g = 0; g < CE_ARRAY_LEN(groupings); g++) {
			ce_table *t = survey("survey_response_rate", sv.r2, 0, groupings[g], k);
			int64_t shown = 0, hidden_groups = 0, n;
			for (size_t r = 0; r < ce_table_row_count(t); r++) {
				if (ce_table_is_null(t, r, 4)) {
					hidden_groups++;
					continue;
				}
				ck_ok(ce_table_get_int(&n, t, r, 4));
				ck_assert_int_ge(n, k);
				shown += n;
			}
			int64_t hidden = 12 - shown;
			if (k > 12) /* the total itself is hidden: nothing to subtract from */
				ck_assert_int_eq(shown, 0);
			else
				ck_assert_msg(hidden == 0 || hidden >= k, "k %d grouping %d: %lld hidden", k,
				              groupings[g], (long long)hidden);
			ce_table_free(t);
			/* the items report hides the same groups */
			t = survey("survey_item_stats", sv.r2, 0, groupings[g], k);
			int64_t hidden_rows = 0;
			for (size_t r = 0; r < ce_table_row_count(t); r++) {
				int64_t s;
				ck_ok(ce_table_get_int(&s, t, r, 17));
				hidden_rows += s;
				ck_assert_int_eq(ce_table_is_null(t, r, 6), s != 0); /* n: NULL exactly when hidden */
			}
			ck_assert_int_eq(hidden_rows, hidden_groups * 3); /* Q1, Q2, Q3 */
			ce_table_free(t);
		}
}
END_TEST

START_TEST(item_statistics_by_group)
{
	build_surveys();
	/* r1: Q1 4 5 3 2: mean 3.5, median 3.5, squares of deviations 5, sd
	 * sqrt(5/3); Q2 6 7 5 4: 5.5, 5.5, sqrt(5/3); Q3 20 30 10: 20, 20,
	 * deviations 0 100 100, sd sqrt(200/2) = 10, no counts */
	ce_table *t = survey("survey_item_stats", sv.r1, 0, 0, 0);
	ck_rows(t, 3);
	ck_row(t, 0, S("%lld|%lld|Q1|动机|likert5|~|4|3.5|3.5|%s|0|1|1|1|1|~|~|0", L(sv.r1), L(sv.q[1]),
	               SQRT(5.0 / 3.0)));
	ck_row(t, 1, S("%lld|%lld|Q2|收获|likert7|~|4|5.5|5.5|%s|0|0|0|1|1|1|1|0", L(sv.r1), L(sv.q[2]),
	               SQRT(5.0 / 3.0)));
	ck_row(t, 2, S("%lld|%lld|Q3|投入|number|~|3|20|20|10|~|~|~|~|~|~|~|0", L(sv.r1), L(sv.q[3])));
	ce_table_free(t);
	/* by level: graduate Q1 4 5 3 (mean 4, sd 1), undergraduate Q1 2 (a
	 * single answer: no sd); named, so shown */
	t = survey("survey_item_stats", sv.r1, 0, CE_REPORT_GROUP_LEVEL, 0);
	ck_rows(t, 6);
	ck_row(t, 0, S("%lld|%lld|Q1|动机|likert5|graduate|3|4|4|1|0|0|1|1|1|~|~|0", L(sv.r1), L(sv.q[1])));
	ck_row(t, 1, S("%lld|%lld|Q1|动机|likert5|undergraduate|1|2|2|~|0|1|0|0|0|~|~|0", L(sv.r1),
	               L(sv.q[1])));
	ck_row(t, 5, S("%lld|%lld|Q3|投入|number|undergraduate|1|10|10|~|~|~|~|~|~|~|~|0", L(sv.r1),
	               L(sv.q[3])));
	ce_table_free(t);
	/* r2 as a whole: Q1 5 4 4 5 2 4 2 3 4 4 3 2, sum 42, mean 3.5, sorted
	 * 2 2 2 3 3 4 4 4 4 4 5 5, median 4, deviations +-1.5 five times and
	 * +-0.5 seven times: 13, sd sqrt(13/11); Q2 6 7 6 5 7 5: mean 6, median
	 * 6, squares 0 1 0 1 1 1, sd sqrt(4/5); Q3 unanswered */
	t = survey("survey_item_stats", sv.r2, 0, 0, 0);
	ck_rows(t, 3);
	ck_row(t, 0, S("%lld|%lld|Q1|动机|likert5|~|12|3.5|4|%s|0|3|2|5|2|~|~|0", L(sv.r2), L(sv.q[1]),
	               SQRT(13.0 / 11.0)));
	ck_row(t, 1, S("%lld|%lld|Q2|收获|likert7|~|6|6|6|%s|0|0|0|0|2|2|2|0", L(sv.r2), L(sv.q[2]),
	               SQRT(4.0 / 5.0)));
	ck_row(t, 2, S("%lld|%lld|Q3|投入|number|~|0|~|~|~|~|~|~|~|~|~|~|0", L(sv.r2), L(sv.q[3])));
	ce_table_free(t);
	/* r2 by level: graduate Q1 5 4 4 5 2 4 (mean 4, median 4, squares 1 0
	 * 0 1 4 0, sd sqrt(6/5)); the other two groups suppressed */
	t = survey("survey_item_stats", sv.r2, 0, CE_REPORT_GROUP_LEVEL, 0);
	ck_rows(t, 9);
	ck_row(t, 0, S("%lld|%lld|Q1|动机|likert5|graduate|6|4|4|%s|0|1|0|3|2|~|~|0", L(sv.r2),
	               L(sv.q[1]), SQRT(6.0 / 5.0)));
	ck_row(t, 1, S("%lld|%lld|Q1|动机|likert5|undergraduate|~|~|~|~|~|~|~|~|~|~|~|1", L(sv.r2),
	               L(sv.q[1])));
	ck_row(t, 2, S("%lld|%lld|Q1|动机|likert5|~|~|~|~|~|~|~|~|~|~|~|~|1", L(sv.r2), L(sv.q[1])));
	ck_row(t, 3, S("%lld|%lld|Q2|收获|likert7|graduate|6|6|6|%s|0|0|0|0|2|2|2|0", L(sv.r2),
	               L(sv.q[2]), SQRT(4.0 / 5.0)));
	ce_table_free(t);
	/* every round: r1's three items, r2's three, r3's M1 unanswered */
	t = survey("survey_item_stats", 0, 0, 0, 0);
	ck_rows(t, 7);
	ck_row(t, 6, S("%lld|%lld|M1|合作|likert5|~|0|~|~|~|0|0|0|0|0|~|~|0", L(sv.r3), L(sv.m1)));
	ce_table_free(t);
}
END_TEST

START_TEST(choice_counts_and_shares)
{
	build_surveys();
	/* r1 Q4: 4 answered, A 2, B 1, C 1; Q5 (multiple): 3 answered (s1 A;B,
	 * s2 A, s3 B;C): A 2, B 2, C 1, shares of the 3 respondents */
	ce_table *t = survey("survey_choices", sv.r1, 0, 0, 0);
	ck_rows(t, 6);
	ck_row(t, 0, S("%lld|%lld|Q4|single_choice|~|A|企业现场|4|2|2/4|0", L(sv.r1), L(sv.q[4])));
	ck_row(t, 1, S("%lld|%lld|Q4|single_choice|~|B|学校实验室|4|1|1/4|0", L(sv.r1), L(sv.q[4])));
	ck_row(t, 2, S("%lld|%lld|Q4|single_choice|~|C|两者兼有|4|1|1/4|0", L(sv.r1), L(sv.q[4])));
	ck_row(t, 3, S("%lld|%lld|Q5|multiple_choice|~|A|论文|3|2|2/3|0", L(sv.r1), L(sv.q[5])));
	ck_row(t, 4, S("%lld|%lld|Q5|multiple_choice|~|B|专利|3|2|2/3|0", L(sv.r1), L(sv.q[5])));
	ck_row(t, 5, S("%lld|%lld|Q5|multiple_choice|~|C|软件著作权|3|1|1/3|0", L(sv.r1), L(sv.q[5])));
	ce_table_free(t);
	/* r2 Q4 from the six graduates: A 4, B 1, C 1; Q5 unanswered: share NULL */
	t = survey("survey_choices", sv.r2, 0, 0, 0);
	ck_rows(t, 6);
	ck_row(t, 0, S("%lld|%lld|Q4|single_choice|~|A|企业现场|6|4|4/6|0", L(sv.r2), L(sv.q[4])));
	ck_row(t, 2, S("%lld|%lld|Q4|single_choice|~|C|两者兼有|6|1|1/6|0", L(sv.r2), L(sv.q[4])));
	ck_row(t, 3, S("%lld|%lld|Q5|multiple_choice|~|A|论文|0|0|~|0", L(sv.r2), L(sv.q[5])));
	ce_table_free(t);
	/* by cohort: 2018 and 2019 hidden as in the response rates; 2020 holds
	 * graduates 1-4: A 3, B 1 */
	t = survey("survey_choices", sv.r2, 0, CE_REPORT_GROUP_COHORT, 0);
	ck_rows(t, 18);
	ck_row(t, 0, S("%lld|%lld|Q4|single_choice|2018|A|企业现场|~|~|~|1", L(sv.r2), L(sv.q[4])));
	ck_row(t, 3, S("%lld|%lld|Q4|single_choice|2019|A|企业现场|~|~|~|1", L(sv.r2), L(sv.q[4])));
	ck_row(t, 6, S("%lld|%lld|Q4|single_choice|2020|A|企业现场|4|3|3/4|0", L(sv.r2), L(sv.q[4])));
	ck_row(t, 7, S("%lld|%lld|Q4|single_choice|2020|B|学校实验室|4|1|1/4|0", L(sv.r2), L(sv.q[4])));
	ce_table_free(t);
}
END_TEST

START_TEST(two_rounds_compared)
{
	build_surveys();
	/* r2 against r1: Q1 3.5 -> 3.5; Q2 5.5 -> 6 (+0.5); Q3 20 -> none */
	ce_table *t = survey("survey_comparison", sv.r2, sv.r1, 0, 0);
	ck_rows(t, 3);
	ck_row(t, 0, S("%lld|%lld|%lld|Q1|动机|~|4|3.5|12|3.5|0|0", L(sv.r2), L(sv.r1), L(sv.q[1])));
	ck_row(t, 1, S("%lld|%lld|%lld|Q2|收获|~|4|5.5|6|6|0.5|0", L(sv.r2), L(sv.r1), L(sv.q[2])));
	ck_row(t, 2, S("%lld|%lld|%lld|Q3|投入|~|3|20|0|~|~|0", L(sv.r2), L(sv.r1), L(sv.q[3])));
	ce_table_free(t);
	/* r2 alone: against the instrument's previous round, r1; none given:
	 * every round with a previous one (only r2) */
	for (int i = 0; i < 2; i++) {
		t = survey("survey_comparison", i ? 0 : sv.r2, 0, 0, 0);
		ck_rows(t, 3);
		ck_row(t, 1, S("%lld|%lld|%lld|Q2|收获|~|4|5.5|6|6|0.5|0", L(sv.r2), L(sv.r1), L(sv.q[2])));
		ce_table_free(t);
	}
	/* by level: graduate Q1 4 (s1-s3) -> 4 (six graduates); undergraduate
	 * 2 -> hidden; no level: none in r1, hidden in r2 */
	t = survey("survey_comparison", sv.r2, sv.r1, CE_REPORT_GROUP_LEVEL, 0);
	ck_rows(t, 9);
	ck_row(t, 0, S("%lld|%lld|%lld|Q1|动机|graduate|3|4|6|4|0|0", L(sv.r2), L(sv.r1), L(sv.q[1])));
	ck_row(t, 1, S("%lld|%lld|%lld|Q1|动机|undergraduate|1|2|~|~|~|1", L(sv.r2), L(sv.r1), L(sv.q[1])));
	ck_row(t, 2, S("%lld|%lld|%lld|Q1|动机|~|0|~|~|~|~|1", L(sv.r2), L(sv.r1), L(sv.q[1])));
	/* Q2 graduates: 6 7 5 (mean 6) -> 6 7 6 5 7 5 (mean 6) */
	ck_row(t, 3, S("%lld|%lld|%lld|Q2|收获|graduate|3|6|6|6|0|0", L(sv.r2), L(sv.r1), L(sv.q[2])));
	ce_table_free(t);
	/* the other way round: r1 against r2, change -0.5 */
	t = survey("survey_comparison", sv.r1, sv.r2, 0, 0);
	ck_row(t, 1, S("%lld|%lld|%lld|Q2|收获|~|6|6|4|5.5|-0.5|0", L(sv.r1), L(sv.r2), L(sv.q[2])));
	ce_table_free(t);
}
END_TEST

START_TEST(survey_filters_are_refused)
{
	build_surveys();
	ce_table *t = (ce_table *)&t;
	ce_report_filter f = CE_REPORT_FILTER_INIT;

	f.round = 987654; /* no such round */
	ck_refused(ce_report_survey_item_stats(&t, db, &f), CE_ENOTFOUND);
	ck_assert_ptr_null(t);
	ck_said("survey_item_stats", "filter.round", "987654");
	f.round = sv.r2;
	f.baseline = sv.r2 + sv.r3 + 1000;
	ck_refused(ce_report_survey_comparison(&t, db, &f), CE_ENOTFOUND);
	ck_said("filter.baseline");
	/* rounds of different instruments */
	f.baseline = sv.r3;
	ck_refused(ce_report_survey_comparison(&t, db, &f), CE_EINVALID);
	ck_said("different instruments", "2020年企业导师评价");
	/* a round with itself, a first round with nothing before it */
	f.baseline = sv.r2;
	ck_refused(ce_report_survey_comparison(&t, db, &f), CE_EINVALID);
	ck_said("itself");
	f.round = sv.r1;
	f.baseline = 0;
	ck_refused(ce_report_survey_comparison(&t, db, &f), CE_EINVALID);
	ck_said("no earlier round", "2019年研究生联合培养调查");
	/* a baseline without a round, or on another report */
	f.round = 0;
	f.baseline = sv.r1;
	ck_refused(ce_report_survey_comparison(&t, db, &f), CE_EINVALID);
	ck_said("filter.baseline", "needs filter.round");
	f.round = sv.r2;
	ck_refused(ce_report_survey_item_stats(&t, db, &f), CE_EINVALID);
	ck_said("survey_item_stats", "filter.baseline is not supported");
	f.baseline = 0;
	/* k below 1 (0 is the default), a grouping that is none */
	f.k = -1;
	ck_refused(ce_report_survey_response_rate(&t, db, &f), CE_EINVALID);
	ck_said("filter.k", "at least 1");
	f.k = 0;
	f.group_by = 5;
	ck_refused(ce_report_survey_choices(&t, db, &f), CE_EINVALID);
	ck_said("filter.group_by 5");
	/* an attribute the anonymous round does not declare */
	f.group_by = CE_REPORT_GROUP_SUPERVISOR_KIND;
	ck_refused(ce_report_survey_item_stats(&t, db, &f), CE_EINVALID);
	ck_said("does not declare", "supervisor_kind");
	f.group_by = 0;
	/* the members of other reports, and survey members on other reports */
	f.cohort = 2019;
	ck_refused(ce_report_survey_item_stats(&t, db, &f), CE_EINVALID);
	ck_said("filter.cohort is not supported");
	f.cohort = 0;
	f.from = D(2020, 1, 1);
	ck_refused(ce_report_survey_comparison(&t, db, &f), CE_EINVALID);
	ck_said("filter.from is not supported");
	f.from = 0;
	ck_refused(ce_report_outcome_funnel(&t, db, &f), CE_EINVALID);
	ck_said("outcome_funnel", "filter.round is not supported");
	f.round = 0;
	f.k = 3;
	ck_refused(ce_report_risk_exposure(&t, db, &f), CE_EINVALID);
	ck_said("filter.k is not supported");
	ck_rc(ce_survey_round_table(&t, db, 987654), CE_ENOTFOUND);
	ck_rc(ce_survey_round_table(&t, db, 0), CE_EINVALID);
	ck_rc(ce_survey_round_table(NULL, db, sv.r1), CE_EINVALID);
	ck_assert_ptr_null(t);
}
END_TEST

/* A version-2 filter (before surveys) still runs a survey report, over
 * every round; the period keeps the rounds opening in it. */
START_TEST(older_filters_and_the_period)
{
	build_surveys();
	ce_report_filter f;
	ce_table *t;
	memset(&f, 0xff, sizeof f); /* a version-2 caller's struct ends before `round` */
	ck_ok(ce_report_filter_init(&f, 2));
	ck_assert_int_eq(f.round, -1);
	ck_ok(ce_report_survey_response_rate(&t, db, &f));
	ck_rows(t, 3);
	ce_table_free(t);
	f = (ce_report_filter)CE_REPORT_FILTER_INIT;
	f.from = D(2020, 1, 1);
	f.to = D(2020, 10, 31);
	ck_ok(ce_report_survey_response_rate(&t, db, &f));
	ck_rows(t, 1);
	ck_row(t, 0, S("%lld|2020年研究生联合培养调查（匿名）|~|20|12|12/20|0", L(sv.r2)));
	ce_table_free(t);
}
END_TEST

/* The round as analysts load it: one row per response, a column per item. */
START_TEST(a_round_as_one_row_per_response)
{
	build_surveys();
	ce_table *t;
	ck_ok(ce_survey_round_table(&t, db, sv.r1));
	ck_assert_str_eq(ce_table_name(t), "survey_round");
	ck_assert_int_eq(ce_table_column_count(t), 15);
	ck_assert_str_eq(ce_table_column_name(t, 9), "Q1");
	ck_assert_str_eq(ce_table_column_name(t, 14), "Q6");
	ck_assert_int_eq(ce_table_column_type(t, 9), CE_TYPE_INT);
	ck_assert_int_eq(ce_table_column_type(t, 11), CE_TYPE_REAL);
	ck_rows(t, 4);
	ck_row(t, 0, S("%lld|20191010|%lld|~|~|2019|graduate|~|%lld|4|6|20|A|A;B|希望增加企业导师的指导时间",
	               L(sv.resp[1]), L(sv.s[1]), L(sv.a)));
	ck_row(t, 2, S("%lld|20191012|%lld|~|~|2019|graduate|~|~|3|5|~|B|B;C|~", L(sv.resp[3]),
	               L(sv.s[3])));
	ck_row(t, 3, S("%lld|20191013|%lld|~|~|2019|undergraduate|~|%lld|2|4|10|A|~|~",
	               L(sv.resp[4]), L(sv.s[4]), L(sv.a)));
	ce_table_free(t);
	/* anonymous: no respondent, the attributes the response carries */
	ck_ok(ce_survey_round_table(&t, db, sv.r2));
	ck_rows(t, 12);
	int64_t first, last;
	ck_ok(ce_table_get_int(&first, t, 0, 0));
	ck_ok(ce_table_get_int(&last, t, 11, 0));
	ck_row(t, 0, S("%lld|20201010|~|~|~|2020|graduate|~|~|5|6|~|A|~|~", L(first)));
	ck_row(t, 11, S("%lld|20201010|~|~|~|2018|~|~|~|2|~|~|~|~|~", L(last)));
	ce_table_free(t);
}
END_TEST

/* A scan failing anywhere in a survey report, or in the round table,
 * fails it with the storage error and hands back no table (the sanitizer
 * runs see every path free what it had). */
START_TEST(survey_reports_fail_cleanly_when_the_store_fails)
{
	reopen_faulty();
	build_surveys();
	static const char *const names[] = { "survey_response_rate", "survey_item_stats",
		                                 "survey_choices", "survey_comparison", NULL };
	for (size_t i = 0; i < CE_ARRAY_LEN(names); i++) {
		ce_report_filter f = CE_REPORT_FILTER_INIT;
		ce_table *t;
		f.round = sv.r2;
		f.group_by = CE_REPORT_GROUP_LEVEL;
		ce_test_fault_reset();
		ck_ok(names[i] ? ce_report_run(&t, db, names[i], &f) : ce_survey_round_table(&t, db, sv.r1));
		ce_table_free(t);
		int calls = ce_test_fault_calls("scan_next");
		ck_assert_int_gt(calls, 10);
		for (int k = 1; k <= calls; k += calls > 60 ? calls / 60 : 1) {
			ce_test_fault_reset();
			ce_test_fault_arm("scan_next", k, CE_EBACKEND);
			t = (ce_table *)&t;
			int rc = names[i] ? ce_report_run(&t, db, names[i], &f)
			                  : ce_survey_round_table(&t, db, sv.r1);
			ck_assert_msg(rc == CE_EBACKEND && t == NULL, "%s: scan_next #%d: %d (%s)",
			              names[i] ? names[i] : "round table", k, rc, ce_last_errmsg());
			ck_assert_int_eq(ce_db_errcode(db), CE_EBACKEND);
		}
	}
	ce_test_fault_reset();
	ce_test_fault_wrap(NULL);
}
END_TEST

/* ---- the backend's aggregates against the core's --------------------------------- */

/* A response of a supervisor or partner survey: named (supervisor,
 * partner) or anonymous (the attributes it carries). */
static int64_t response_of(int64_t round, int64_t supervisor, int64_t partner_id,
                           ce_supervisor_kind kind, int64_t attr_partner)
{
	ce_survey_response_spec s = CE_SURVEY_RESPONSE_SPEC_INIT;
	int64_t id;
	s.round = round;
	s.supervisor = supervisor;
	s.partner = partner_id;
	s.submitted_on = D(2021, 6, 2);
	s.supervisor_kind = kind;
	s.attr_partner = attr_partner;
	ck_ok(ce_survey_response_create(&id, db, &s));
	return id;
}

/* Beyond build_surveys(): the mentor round r3 answered by name (kind and
 * affiliation groups, a number item with an even count), an anonymous
 * mentor round carrying supervisor kind and partner, and a named partner
 * round. Returns the rounds added (r4, r5). */
static void extend_surveys(int64_t *r4, int64_t *r5)
{
	ck_ok(ce_db_begin(db));
	int64_t m2 = item(sv.em, "M2", 2, "合作", "每月指导学生的小时数", CE_SURVEY_ITEM_NUMBER);
	int64_t sun = supervisor("孙强", CE_SUPERVISOR_ENTERPRISE, sv.b);
	int64_t zhou = supervisor("周杰", CE_SUPERVISOR_ENTERPRISE, sv.a);
	supervisor("吴磊", CE_SUPERVISOR_ACADEMIC, sv.uni); /* not of the mentors' population */
	static const double m1v[] = { 4, 5, 3 }, m2v[] = { 12.5, 7.25, 0.125 };
	const int64_t who[] = { sv.en, sun, zhou };
	for (int i = 0; i < 3; i++) {
		int64_t r = response_of(sv.r3, who[i], 0, 0, 0);
		number(r, sv.m1, m1v[i]);
		if (i < 2)
			number(r, m2, m2v[i]);
	}
	*r4 = round_of(sv.em, "2021年企业导师评价（匿名）", D(2021, 3, 1), D(2021, 12, 31), 0, 1,
	               CE_SURVEY_ATTR_SUPERVISOR_KIND | CE_SURVEY_ATTR_PARTNER, 0);
	/* kind: enterprise 5, none 2; partner: a 3, b 2, none 2 */
	static const struct {
		ce_supervisor_kind kind;
		int partner;
		double m1, m2;
	} r4v[] = { { CE_SUPERVISOR_ENTERPRISE, 1, 5, 10 },   { CE_SUPERVISOR_ENTERPRISE, 1, 4, 10 },
		        { CE_SUPERVISOR_ENTERPRISE, 1, 4, 2.5 },  { CE_SUPERVISOR_ENTERPRISE, 2, 2, 0 },
		        { CE_SUPERVISOR_ENTERPRISE, 2, 3, 40 },   { 0, 0, 5, 0.75 },
		        { 0, 0, 1, 6 } };
	for (size_t i = 0; i < CE_ARRAY_LEN(r4v); i++) {
		int64_t r = response_of(*r4, 0, 0, r4v[i].kind,
		                        r4v[i].partner == 1 ? sv.a : r4v[i].partner == 2 ? sv.b : 0);
		number(r, sv.m1, r4v[i].m1);
		number(r, m2, r4v[i].m2);
	}
	int64_t pt = instrument("PT-EVAL", "合作单位满意度调查", CE_SURVEY_AUDIENCE_PARTNER);
	int64_t p1 = item(pt, "P1", 1, "总体", "对学校合作的总体满意度", CE_SURVEY_ITEM_LIKERT7);
	*r5 = round_of(pt, "2021年合作单位调查", D(2021, 5, 1), 0, 0, 0, 0, 0);
	number(response_of(*r5, 0, sv.a, 0, 0), p1, 6);
	number(response_of(*r5, 0, sv.b, 0, 0), p1, 7);
	ck_ok(ce_db_commit(db));
}

/* The same call through the backend's aggregates and through the core's
 * own: the same table, cell for cell (reals to the bit), or the same
 * refusal. Returns whether the report ran. */
static bool ck_same_survey(const char *name, const ce_report_filter *f)
{
	ce_table *native = NULL, *core = NULL;
	char where[160];
	snprintf(where, sizeof where, "%s round %lld baseline %lld by %d k %d on %s", name,
	         (long long)f->round, (long long)f->baseline, f->group_by, f->k, uri_prefix);
	int rn = ce_report_run(&native, db, name, f);
	ce__report_force_core(true);
	int rc = ce_report_run(&core, db, name, f);
	ce__report_force_core(false);
	ck_assert_msg(rn == rc, "%s: %d through the backend, %d by the core", where, rn, rc);
	if (rc != CE_OK)
		return false;
	ck_assert_msg(ce_table_row_count(native) == ce_table_row_count(core),
	              "%s: %zu rows through the backend, %zu by the core", where,
	              ce_table_row_count(native), ce_table_row_count(core));
	for (size_t r = 0; r < ce_table_row_count(core); r++) {
		char a[2048];
		snprintf(a, sizeof a, "%s", render(native, r));
		ck_assert_msg(strcmp(a, render(core, r)) == 0, "%s row %zu:\n  backend %s\n  core    %s",
		              where, r, a, render(core, r));
	}
	ce_table_free(native);
	ce_table_free(core);
	return true;
}

START_TEST(survey_aggregates_match_the_core)
{
	static const char *const reports[] = { "survey_response_rate", "survey_item_stats",
		                                   "survey_choices", "survey_comparison" };
	static const int ks[] = { 0, 1, 2, 3, 4, 6, 13 };
	int64_t r4, r5;
	build_surveys();
	extend_surveys(&r4, &r5);
	const int64_t rounds[] = { 0, sv.r1, sv.r2, sv.r3, r4, r5 };
	int ran = 0;
	for (size_t n = 0; n < CE_ARRAY_LEN(reports); n++)
		for (size_t r = 0; r < CE_ARRAY_LEN(rounds); r++)
			for (int g = CE_REPORT_GROUP_NONE; g <= CE_REPORT_GROUP_SUPERVISOR_KIND; g++)
				for (size_t k = 0; k < CE_ARRAY_LEN(ks); k++) {
					ce_report_filter f = CE_REPORT_FILTER_INIT;
					f.round = rounds[r];
					f.group_by = g;
					f.k = ks[k];
					ran += ck_same_survey(reports[n], &f);
					/* the comparison with a baseline given, either way round */
					if (n == 3 && (rounds[r] == sv.r1 || rounds[r] == sv.r2)) {
						f.baseline = rounds[r] == sv.r1 ? sv.r2 : sv.r1;
						ran += ck_same_survey(reports[n], &f);
					}
				}
	/* the period's rounds */
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	f.from = D(2020, 1, 1);
	f.to = D(2021, 3, 31);
	f.group_by = CE_REPORT_GROUP_COHORT;
	ran += ck_same_survey("survey_item_stats", &f);
	ran += ck_same_survey("survey_response_rate", &f);
	ck_assert_int_gt(ran, 600);
	/* computed by the SQL backends' engine, by the core elsewhere */
	ce_table *agg = NULL;
	int rc = ce__store_report(&agg, db, CE_SURVEY_AGG_HISTOGRAM, &f);
	ck_assert_int_eq(rc, is_memory() ? CE_ENOTSUPPORTED : CE_OK);
	ce_table_free(agg);
	agg = NULL;
	rc = ce__store_report(&agg, db, CE_SURVEY_AGG_POPULATION, &f);
	ck_assert_int_eq(rc, is_memory() ? CE_ENOTSUPPORTED : CE_OK);
	ce_table_free(agg);
	agg = NULL;
	rc = ce__store_report(&agg, db, CE_SURVEY_AGG_MEANS, &f);
	ck_assert_int_eq(rc, is_memory() ? CE_ENOTSUPPORTED : CE_OK);
	ce_table_free(agg);
}
END_TEST

Suite *suite_reports_surveys(void)
{
	Suite *s = suite_create("reports_surveys");
	TCase *tc = store_tcase("reports_surveys");
	tcase_add_test(tc, response_rates_per_round_and_group);
	tcase_add_test(tc, suppressed_groups_cannot_be_had_back_from_the_total);
	tcase_add_test(tc, item_statistics_by_group);
	tcase_add_test(tc, choice_counts_and_shares);
	tcase_add_test(tc, two_rounds_compared);
	tcase_add_test(tc, survey_filters_are_refused);
	tcase_add_test(tc, older_filters_and_the_period);
	tcase_add_test(tc, a_round_as_one_row_per_response);
	tcase_add_test(tc, survey_reports_fail_cleanly_when_the_store_fails);
	tcase_add_test(tc, survey_aggregates_match_the_core);
	suite_add_tcase(s, tc);
	return s;
}
