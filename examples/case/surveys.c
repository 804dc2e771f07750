/* The case's questionnaire surveys: the students' joint-training
 * questionnaire (sections 动机 motivation, 能力提升 competence gained, 指导
 * supervision, 收益 benefits, as the HUST study among the seeds surveyed
 * them), run in December 2019 and December 2020 for the enrolled students
 * (周敏, 吴强 and the seven undergraduates of the sand project), and the
 * enterprise mentors' questionnaire, run once in December 2020 for the
 * three enterprise supervisors.
 *
 * The answers are illustrative data, made up for the demo: neither paper
 * reports survey results for these people. They are chosen so that the
 * reports have something to show: graduates and undergraduates differ,
 * and supervision scores rise from 2019 to 2020. */
#include "steps.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

typedef struct item_def {
	const char *code, *section, *text, *text_en;
	ce_survey_item_kind kind;
} item_def;

static const item_def student_items[] = {
	{ "M1", "动机", "我参加校企联合培养是出于对科研与工程实践的兴趣",
	  "I joined joint training out of interest in research and engineering practice",
	  CE_SURVEY_ITEM_LIKERT5 },
	{ "M2", "动机", "我希望通过联合培养提高就业竞争力",
	  "I expect joint training to make me more employable", CE_SURVEY_ITEM_LIKERT5 },
	{ "C1", "能力提升", "联合培养提高了我解决工程实际问题的能力",
	  "Joint training improved my ability to solve real engineering problems",
	  CE_SURVEY_ITEM_LIKERT5 },
	{ "C2", "能力提升", "我清楚自己课题的输入、输出及其在整个项目中的位置",
	  "I know the inputs and outputs of my topic and its place in the project",
	  CE_SURVEY_ITEM_LIKERT5 },
	{ "C3", "能力提升", "我的创新创业能力得到了提升",
	  "My innovation and entrepreneurship skills improved", CE_SURVEY_ITEM_LIKERT5 },
	{ "S1", "指导", "校内导师的指导及时、充分", "My academic supervisor's guidance was timely and sufficient",
	  CE_SURVEY_ITEM_LIKERT5 },
	{ "S2", "指导", "企业导师投入的指导时间充足", "My enterprise supervisor gave enough time",
	  CE_SURVEY_ITEM_LIKERT5 },
	{ "S3", "指导", "校内导师与企业导师之间沟通顺畅",
	  "My academic and enterprise supervisors communicated well", CE_SURVEY_ITEM_LIKERT5 },
	{ "S4", "指导", "你的课题工作主要在哪里完成", "Where was most of your topic's work done",
	  CE_SURVEY_ITEM_SINGLE_CHOICE },
	{ "B1", "收益", "我在联合培养中获得了合理的补助", "I received a fair allowance",
	  CE_SURVEY_ITEM_LIKERT5 },
	{ "B2", "收益", "联合培养成果的收益分配是公平的",
	  "The benefits of the joint results were shared fairly", CE_SURVEY_ITEM_LIKERT5 },
	{ "B3", "收益", "你对改进联合培养有什么建议", "What would you change in joint training",
	  CE_SURVEY_ITEM_TEXT },
};
enum { STUDENT_LIKERT = 10 }; /* the Likert items, in order, skipping S4 and B3 */

static const char *const where_options[][2] = {
	{ "A", "学校实验室" }, { "B", "企业现场" }, { "C", "校企联合研发中心" },
};

static const item_def mentor_items[] = {
	{ "E1", "指导", "我每月有足够的时间指导学生", "I have enough time each month to guide students",
	  CE_SURVEY_ITEM_LIKERT5 },
	{ "E2", "指导", "我与学生的校内导师沟通顺畅", "I communicate well with the academic supervisor",
	  CE_SURVEY_ITEM_LIKERT5 },
	{ "E3", "收益", "学校对企业导师有明确的考核与激励",
	  "The university evaluates and rewards enterprise supervisors", CE_SURVEY_ITEM_LIKERT5 },
	{ "E4", "指导", "近一学期平均每月指导学生的小时数", "Hours of guidance per month last term",
	  CE_SURVEY_ITEM_NUMBER },
	{ "E5", "收益", "您希望学校提供哪些支持", "What support do you want from the university",
	  CE_SURVEY_ITEM_MULTIPLE_CHOICE },
};

static const char *const support_options[][2] = {
	{ "A", "导师培训" }, { "B", "考核与激励" }, { "C", "校企导师定期沟通机制" }, { "D", "经费支持" },
};

/* Likert answers per respondent, in student_items' Likert order
 * (M1 M2 C1 C2 C3 S1 S2 S3 B1 B2): 周敏, 吴强, then the undergraduates. */
static const int answers_2019[9][STUDENT_LIKERT] = {
	{ 5, 4, 5, 4, 4, 5, 3, 3, 3, 3 },
	{ 3, 5, 4, 3, 3, 4, 2, 2, 2, 3 },
	{ 4, 4, 3, 3, 4, 4, 3, 3, 3, 3 },
	{ 3, 4, 3, 2, 4, 3, 2, 3, 3, 2 },
	{ 4, 5, 4, 3, 5, 4, 3, 2, 3, 3 },
	{ 3, 3, 3, 3, 3, 3, 3, 3, 2, 3 },
	{ 4, 4, 4, 3, 4, 4, 2, 3, 3, 3 },
	{ 5, 4, 3, 3, 4, 4, 3, 3, 4, 3 },
	{ 3, 4, 3, 2, 3, 3, 2, 2, 3, 2 },
};
static const int answers_2020[9][STUDENT_LIKERT] = {
	{ 5, 4, 5, 5, 4, 5, 4, 4, 3, 4 },
	{ 4, 5, 4, 4, 3, 4, 3, 4, 3, 3 },
	{ 4, 4, 4, 4, 5, 4, 4, 4, 3, 3 },
	{ 4, 4, 3, 3, 4, 4, 3, 3, 3, 3 },
	{ 4, 5, 4, 4, 5, 5, 4, 4, 3, 4 },
	{ 3, 4, 4, 3, 4, 4, 3, 4, 3, 3 },
	{ 4, 4, 4, 4, 4, 4, 4, 3, 4, 3 },
	{ 5, 5, 4, 4, 5, 4, 4, 4, 4, 4 },
	{ 3, 4, 3, 3, 4, 4, 3, 3, 3, 3 },
};
/* Where the work was done (S4): the graduates at the company or the
 * centre, the undergraduates in the university's laboratory. */
static const char *const where_2019 = "CBAAAAAAA", *const where_2020 = "CBAAAAAAC";

static int64_t instrument(case_ctx *d, const char *code, const char *title, const char *title_en,
                          ce_survey_audience audience, const char *description)
{
	ce_survey_instrument_spec s = CE_SURVEY_INSTRUMENT_SPEC_INIT;
	int64_t id = 0;
	s.code = code;
	s.instrument_version = 1;
	s.title = title;
	s.title_en = title_en;
	s.audience = audience;
	s.description = description;
	CASE_TRY(d, ce_survey_instrument_create(&id, d->db, &s), title);
	return id;
}

/* The items of an instrument into ids[], with the options of its choice
 * item (the only one). */
static void items(case_ctx *d, int64_t instrument, const item_def *defs, int n, int64_t *ids,
                  const char *const (*options)[2], int noptions, int64_t *option_ids)
{
	for (int i = 0; i < n; i++) {
		ce_survey_item_spec s = CE_SURVEY_ITEM_SPEC_INIT;
		s.instrument = instrument;
		s.code = defs[i].code;
		s.position = i + 1;
		s.section = defs[i].section;
		s.text = defs[i].text;
		s.text_en = defs[i].text_en;
		s.kind = defs[i].kind;
		if (s.kind == CE_SURVEY_ITEM_NUMBER)
			s.max_value = 200;
		CASE_TRY(d, ce_survey_item_create(&ids[i], d->db, &s), s.text);
		if (s.kind != CE_SURVEY_ITEM_SINGLE_CHOICE && s.kind != CE_SURVEY_ITEM_MULTIPLE_CHOICE)
			continue;
		for (int k = 0; k < noptions; k++) {
			ce_survey_option_spec o = CE_SURVEY_OPTION_SPEC_INIT;
			o.item = ids[i];
			o.code = options[k][0];
			o.position = k + 1;
			o.label = options[k][1];
			CASE_TRY(d, ce_survey_option_create(&option_ids[k], d->db, &o), o.label);
		}
	}
}

static int64_t round_of(case_ctx *d, int64_t instrument, const char *title, ce_date opens,
                        ce_date closes)
{
	ce_survey_round_spec s = CE_SURVEY_ROUND_SPEC_INIT;
	int64_t id = 0;
	s.instrument = instrument;
	s.title = title;
	s.opens_on = opens;
	s.closes_on = closes;
	CASE_TRY(d, ce_survey_round_create(&id, d->db, &s), title);
	return id;
}

static void answer(case_ctx *d, int64_t response, int64_t item, double number, int64_t option,
                   const char *choices, const char *text)
{
	ce_survey_answer_spec s = CE_SURVEY_ANSWER_SPEC_INIT;
	int64_t id;
	s.response = response;
	s.item = item;
	s.number = number;
	s.option = option;
	s.choices = choices;
	s.text = text;
	CASE_TRY(d, ce_survey_answer_create(&id, d->db, &s), "a survey answer");
}

/* One student round: a response per student with every Likert item, where
 * the work was done, and (from the graduates) a suggestion. */
static void student_round(case_ctx *d, int64_t round, const int64_t *students,
                          const int64_t *item_ids, const int64_t *where_ids,
                          const int (*likert)[STUDENT_LIKERT], const char *where, ce_date on,
                          const char *const *suggestions)
{
	for (int r = 0; r < 9; r++) {
		ce_survey_response_spec s = CE_SURVEY_RESPONSE_SPEC_INIT;
		int64_t response = 0;
		s.round = round;
		s.student = students[r];
		s.submitted_on = on + r % 5; /* within the first week */
		CASE_TRY(d, ce_survey_response_create(&response, d->db, &s), "a student's response");
		for (int i = 0, k = 0; i < (int)LEN(student_items); i++) {
			if (student_items[i].kind == CE_SURVEY_ITEM_LIKERT5)
				answer(d, response, item_ids[i], likert[r][k++], 0, NULL, NULL);
			else if (student_items[i].kind == CE_SURVEY_ITEM_SINGLE_CHOICE)
				answer(d, response, item_ids[i], 0, where_ids[where[r] - 'A'], NULL, NULL);
			else if (r < 2)
				answer(d, response, item_ids[i], 0, 0, NULL, suggestions[r]);
		}
	}
}

int case_build_surveys(case_ctx *d, case_ids *ids)
{
	int64_t sitems[LEN(student_items)] = { 0 }, where[3] = { 0 };
	int64_t mitems[LEN(mentor_items)] = { 0 }, support[4] = { 0 };
	int64_t students[9] = { ids->zhou, ids->wu };
	if (d->rc != CE_OK)
		return d->rc;
	for (int i = 0; i < 7; i++)
		students[2 + i] = ids->undergrad[i];

	ids->student_instrument = instrument(
	    d, "GS-COOP", "产学研联合培养学生问卷", "Students' joint-training questionnaire",
	    CE_SURVEY_AUDIENCE_STUDENT, "动机、能力提升、指导与收益四个维度，每年12月面向在读学生开展");
	items(d, ids->student_instrument, student_items, (int)LEN(student_items), sitems,
	      where_options, 3, where);
	ids->student_round[0] = round_of(d, ids->student_instrument, "2019年联合培养学生问卷",
	                                 CE_DATE(2019, 12, 1), CE_DATE(2019, 12, 20));
	ids->student_round[1] = round_of(d, ids->student_instrument, "2020年联合培养学生问卷",
	                                 CE_DATE(2020, 12, 1), CE_DATE(2020, 12, 20));
	static const char *const s2019[] = { "希望企业导师能更多参与课题讨论",
		                                 "实习期间与学校导师联系太少，希望建立定期沟通机制" };
	static const char *const s2020[] = { "联合研发中心的实验条件改善明显",
		                                 "希望明确成果转化收益的分配办法" };
	student_round(d, ids->student_round[0], students, sitems, where, answers_2019, where_2019,
	              CE_DATE(2019, 12, 2), s2019);
	student_round(d, ids->student_round[1], students, sitems, where, answers_2020, where_2020,
	              CE_DATE(2020, 12, 2), s2020);

	ids->mentor_instrument = instrument(
	    d, "EM-COOP", "企业导师联合培养问卷", "Enterprise mentors' joint-training questionnaire",
	    CE_SURVEY_AUDIENCE_ENTERPRISE_MENTOR, "面向企业导师：指导投入、校企沟通与考核激励");
	items(d, ids->mentor_instrument, mentor_items, (int)LEN(mentor_items), mitems,
	      support_options, 4, support);
	ids->mentor_round = round_of(d, ids->mentor_instrument, "2020年企业导师问卷",
	                             CE_DATE(2020, 12, 1), CE_DATE(2020, 12, 31));
	static const struct {
		int likert[3];
		double hours;
		const char *support;
	} mentors[3] = { { { 3, 4, 2 }, 6, "B;C" }, { { 2, 3, 2 }, 4, "A;B" }, { { 2, 2, 1 }, 3, "B;C;D" } };
	const int64_t who[3] = { ids->zhang, ids->liu, ids->sun_tao };
	for (int m = 0; m < 3; m++) {
		ce_survey_response_spec s = CE_SURVEY_RESPONSE_SPEC_INIT;
		int64_t response = 0;
		s.round = ids->mentor_round;
		s.supervisor = who[m];
		s.submitted_on = CE_DATE(2020, 12, 10 + m);
		CASE_TRY(d, ce_survey_response_create(&response, d->db, &s), "a mentor's response");
		for (int i = 0; i < 3; i++)
			answer(d, response, mitems[i], mentors[m].likert[i], 0, NULL, NULL);
		answer(d, response, mitems[3], mentors[m].hours, 0, NULL, NULL);
		answer(d, response, mitems[4], 0, 0, mentors[m].support, NULL);
	}
	return d->rc;
}
