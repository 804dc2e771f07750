/* Questionnaire surveys (issue 16): instruments, items, options, rounds,
 * responses and answers, and every rule refused with the store left as it
 * was: Likert answers whole and in range, numbers within bounds, choices
 * among the item's options (multiple ones valid and not repeated), one
 * value column per item kind, items of the round's instrument, one
 * response per respondent per round, respondents of the audience and the
 * round's population, anonymous rounds with no respondent and only the
 * declared attributes, and the frozen instrument. */
#include "conformance.h"

/* A student instrument with a Likert-5, a Likert-7, a single choice (A,
 * B), a multiple choice (A, B, C), a number (0..40) and a text item, and a
 * named round of it for the 2018 cohort's graduate students. */
typedef struct fixture {
	int64_t instrument, likert5, likert7, single, multiple, number, text;
	int64_t single_a, single_b, multiple_a;
	int64_t round, student;
} fixture;

static int64_t make_instrument(const char *code, int64_t version, ce_survey_audience audience)
{
	ce_survey_instrument_spec s = CE_SURVEY_INSTRUMENT_SPEC_INIT;
	int64_t id = 0;
	s.code = code;
	s.instrument_version = version;
	s.title = "研究生联合培养满意度调查";
	s.title_en = "Graduate joint training survey";
	s.audience = audience;
	ck_ok(ce_survey_instrument_create(&id, db, &s));
	return id;
}

static int64_t make_item(int64_t instrument, const char *code, int64_t position,
                         ce_survey_item_kind kind)
{
	ce_survey_item_spec s = CE_SURVEY_ITEM_SPEC_INIT;
	int64_t id = 0;
	s.instrument = instrument;
	s.code = code;
	s.position = position;
	s.section = "指导";
	s.text = "企业导师的指导对我的课题帮助很大";
	s.kind = kind;
	if (kind == CE_SURVEY_ITEM_NUMBER) {
		s.min_value = 0;
		s.max_value = 40;
	}
	ck_ok(ce_survey_item_create(&id, db, &s));
	return id;
}

static int64_t make_option(int64_t item, const char *code, int64_t position, const char *label)
{
	ce_survey_option_spec s = CE_SURVEY_OPTION_SPEC_INIT;
	int64_t id = 0;
	s.item = item;
	s.code = code;
	s.position = position;
	s.label = label;
	ck_ok(ce_survey_option_create(&id, db, &s));
	return id;
}

static ce_survey_round_spec round_spec(int64_t instrument)
{
	ce_survey_round_spec s = CE_SURVEY_ROUND_SPEC_INIT;
	s.instrument = instrument;
	s.title = "2019年研究生联合培养调查";
	s.opens_on = CE_DATE(2019, 11, 1);
	s.closes_on = CE_DATE(2019, 11, 30);
	s.cohort = 2018;
	s.level = CE_SURVEY_LEVEL_GRADUATE;
	return s;
}

static int64_t make_round(const ce_survey_round_spec *s)
{
	int64_t id = 0;
	ck_ok(ce_survey_round_create(&id, db, s));
	return id;
}

static fixture make_fixture(void)
{
	fixture f;
	f.instrument = make_instrument("GS-COOP", 1, CE_SURVEY_AUDIENCE_STUDENT);
	f.likert5 = make_item(f.instrument, "Q1", 1, CE_SURVEY_ITEM_LIKERT5);
	f.likert7 = make_item(f.instrument, "Q2", 2, CE_SURVEY_ITEM_LIKERT7);
	f.single = make_item(f.instrument, "Q3", 3, CE_SURVEY_ITEM_SINGLE_CHOICE);
	f.multiple = make_item(f.instrument, "Q4", 4, CE_SURVEY_ITEM_MULTIPLE_CHOICE);
	f.number = make_item(f.instrument, "Q5", 5, CE_SURVEY_ITEM_NUMBER);
	f.text = make_item(f.instrument, "Q6", 6, CE_SURVEY_ITEM_TEXT);
	f.single_a = make_option(f.single, "A", 1, "主要在企业现场");
	f.single_b = make_option(f.single, "B", 2, "主要在学校实验室");
	f.multiple_a = make_option(f.multiple, "A", 1, "专利");
	make_option(f.multiple, "B", 2, "论文");
	make_option(f.multiple, "C", 3, "产品");
	ce_survey_round_spec r = round_spec(f.instrument);
	f.round = make_round(&r);
	f.student = make_student("2018410101", "李明"); /* professional master, cohort 2018 */
	return f;
}

static int64_t respond(int64_t round, int64_t student)
{
	ce_survey_response_spec s = CE_SURVEY_RESPONSE_SPEC_INIT;
	int64_t id = 0;
	s.round = round;
	s.student = student;
	s.submitted_on = CE_DATE(2019, 11, 5);
	ck_ok(ce_survey_response_create(&id, db, &s));
	return id;
}

static ce_survey_answer_spec answer(int64_t response, int64_t item)
{
	ce_survey_answer_spec s = CE_SURVEY_ANSWER_SPEC_INIT;
	s.response = response;
	s.item = item;
	return s;
}

START_TEST(survey_round_trip)
{
	fixture f = make_fixture();
	int64_t resp = respond(f.round, f.student), id;
	ce_survey_answer_spec a = answer(resp, f.likert5);
	a.number = 4;
	ck_ok(ce_survey_answer_create(&id, db, &a));
	a = answer(resp, f.multiple);
	a.choices = "A;C";
	ck_ok(ce_survey_answer_create(&id, db, &a));
	a = answer(resp, f.text);
	a.text = "希望企业导师每月至少来校一次，和校内导师一起讨论课题。";
	int64_t text_id;
	ck_ok(ce_survey_answer_create(&text_id, db, &a));
	a = answer(resp, f.number);
	a.number = 0; /* zero hours is an answer */
	ck_ok(ce_survey_answer_create(&id, db, &a));

	ce_survey_answer *rec;
	ck_ok(ce_survey_answer_lookup(&rec, db, text_id));
	ck_assert_str_eq(ce_survey_answer_fields(rec)->text,
	                 "希望企业导师每月至少来校一次，和校内导师一起讨论课题。");
	ce_survey_answer_free(rec);
	ce_survey_instrument *ins;
	ck_ok(ce_survey_instrument_lookup(&ins, db, f.instrument));
	ck_assert_str_eq(ce_survey_instrument_fields(ins)->code, "GS-COOP");
	ck_assert_int_eq(ce_survey_instrument_fields(ins)->instrument_version, 1);
	ck_assert_int_eq(ce_survey_instrument_fields(ins)->audience, CE_SURVEY_AUDIENCE_STUDENT);
	ce_survey_instrument_free(ins);
	ck_assert_int_eq(get_int(CE_ENTITY_SURVEY_INSTRUMENT, f.instrument, "version"), 1);
	ck_assert_int_eq(count_of(CE_ENTITY_SURVEY_ANSWER), 4);
	if (persistent()) {
		reopen();
		ck_assert_int_eq(count_of(CE_ENTITY_SURVEY_ITEM), 6);
		ck_assert_int_eq(count_of(CE_ENTITY_SURVEY_OPTION), 5);
		ck_assert_int_eq(get_int(CE_ENTITY_SURVEY_ROUND, f.round, "cohort"), 2018);
	}
	/* a response goes with its answers when asked */
	ck_refused(ce_survey_response_delete(db, resp, 0), CE_ECONSTRAINT);
	ck_ok(ce_survey_response_delete(db, resp, CE_DELETE_CASCADE));
	ck_assert_int_eq(count_of(CE_ENTITY_SURVEY_ANSWER), 0);
}
END_TEST

START_TEST(survey_instrument_and_item_rules)
{
	fixture f = make_fixture();
	int64_t id;
	ce_survey_instrument_spec is = CE_SURVEY_INSTRUMENT_SPEC_INIT;
	is.code = "GS-COOP";
	is.instrument_version = 1;
	is.title = "重复的问卷";
	is.audience = CE_SURVEY_AUDIENCE_STUDENT;
	ck_refused(ce_survey_instrument_create(&id, db, &is), CE_EEXISTS); /* (code, version) */
	is.instrument_version = 0;
	ck_refused(ce_survey_instrument_create(&id, db, &is), CE_EINVALID);
	is.instrument_version = 2;
	is.audience = (ce_survey_audience)9;
	ck_refused(ce_survey_instrument_create(&id, db, &is), CE_EINVALID);
	is.audience = CE_SURVEY_AUDIENCE_STUDENT;
	ck_ok(ce_survey_instrument_create(&id, db, &is)); /* a new version */

	ce_survey_item_spec s = CE_SURVEY_ITEM_SPEC_INIT;
	s.instrument = f.instrument;
	s.code = "Q1"; /* taken in this instrument */
	s.position = 7;
	s.text = "我愿意推荐师弟师妹参加联合培养";
	s.kind = CE_SURVEY_ITEM_LIKERT5;
	ck_refused(ce_survey_item_create(&id, db, &s), CE_EEXISTS);
	s.code = "Q7";
	s.position = 1; /* taken */
	ck_refused(ce_survey_item_create(&id, db, &s), CE_EEXISTS);
	s.position = 7;
	s.code = "Q 7";
	ck_refused(ce_survey_item_create(&id, db, &s), CE_EINVALID);
	s.code = "Q7;8";
	ck_refused(ce_survey_item_create(&id, db, &s), CE_EINVALID);
	s.code = "Q7";
	s.min_value = 1; /* bounds are for number items */
	s.max_value = 10;
	ck_refused(ce_survey_item_create(&id, db, &s), CE_EINVALID);
	ck_said("number item");
	s.kind = CE_SURVEY_ITEM_NUMBER;
	s.min_value = 10;
	s.max_value = 1;
	ck_refused(ce_survey_item_create(&id, db, &s), CE_EINVALID);
	s.min_value = 0;
	s.max_value = 0;
	s.kind = CE_SURVEY_ITEM_LIKERT5;
	ck_ok(ce_survey_item_create(&id, db, &s));

	/* options only for choice items; codes unique per item, no ';' */
	ce_survey_option_spec o = CE_SURVEY_OPTION_SPEC_INIT;
	o.item = f.likert5;
	o.code = "A";
	o.position = 1;
	o.label = "非常同意";
	ck_refused(ce_survey_option_create(&id, db, &o), CE_EINVALID);
	ck_said("choice item");
	o.item = f.single;
	o.position = 3;
	ck_refused(ce_survey_option_create(&id, db, &o), CE_EEXISTS);
	o.code = "C;D";
	ck_refused(ce_survey_option_create(&id, db, &o), CE_EINVALID);
	/* a choice item with options stays a choice item */
	ce_survey_item_spec q3 = CE_SURVEY_ITEM_SPEC_INIT;
	q3.instrument = f.instrument;
	q3.code = "Q3";
	q3.position = 3;
	q3.text = "你的课题主要在哪里完成";
	q3.kind = CE_SURVEY_ITEM_TEXT;
	ck_refused(ce_survey_item_update(db, f.single, &q3), CE_EINVALID);
	ck_said("has options");
	q3.kind = CE_SURVEY_ITEM_MULTIPLE_CHOICE;
	ck_ok(ce_survey_item_update(db, f.single, &q3)); /* not frozen yet */
}
END_TEST

START_TEST(survey_round_rules)
{
	fixture f = make_fixture();
	ce_survey_round_spec r = round_spec(f.instrument);
	int64_t id;
	r.closes_on = CE_DATE(2019, 10, 1); /* before it opens */
	ck_refused(ce_survey_round_create(&id, db, &r), CE_EINVALID);
	r.closes_on = 0;
	r.cohort = 18;
	ck_refused(ce_survey_round_create(&id, db, &r), CE_EINVALID);
	r.cohort = 2018;
	r.attributes = CE_SURVEY_ATTR_COHORT; /* a named round declares none */
	ck_refused(ce_survey_round_create(&id, db, &r), CE_EINVALID);
	r.attributes = 1u << 7;
	r.anonymous = 1;
	ck_refused(ce_survey_round_create(&id, db, &r), CE_EINVALID);
	r.attributes = CE_SURVEY_ATTR_COHORT;
	r.invited = -3;
	ck_refused(ce_survey_round_create(&id, db, &r), CE_EINVALID);
	r.invited = 40;
	ck_ok(ce_survey_round_create(&id, db, &r));

	/* with a response, its instrument, population and anonymity stay */
	respond(f.round, f.student);
	ce_survey_round_spec same = round_spec(f.instrument);
	same.title = "2019年研究生联合培养调查（第一轮）";
	ck_ok(ce_survey_round_update(db, f.round, &same));
	same.level = CE_SURVEY_LEVEL_UNDERGRADUATE;
	ck_refused(ce_survey_round_update(db, f.round, &same), CE_EINVALID);
	same.level = CE_SURVEY_LEVEL_GRADUATE;
	same.anonymous = 1;
	ck_refused(ce_survey_round_update(db, f.round, &same), CE_EINVALID);
	same.anonymous = 0;
	same.instrument = make_instrument("GS-COOP", 2, CE_SURVEY_AUDIENCE_STUDENT);
	ck_refused(ce_survey_round_update(db, f.round, &same), CE_EINVALID);
	same.instrument = f.instrument;
	same.opens_on = CE_DATE(2019, 11, 10); /* after the response of the 5th */
	ck_refused(ce_survey_round_update(db, f.round, &same), CE_EINVALID);
	ck_said("2019-11-05");
}
END_TEST

START_TEST(survey_named_responses)
{
	fixture f = make_fixture();
	ce_survey_response_spec s = CE_SURVEY_RESPONSE_SPEC_INIT;
	int64_t id;
	s.round = f.round;
	s.submitted_on = CE_DATE(2019, 11, 5);
	ck_refused(ce_survey_response_create(&id, db, &s), CE_EINVALID); /* no respondent */
	ck_said("respondent");
	s.supervisor = make_academic("张伟"); /* not of the audience */
	ck_refused(ce_survey_response_create(&id, db, &s), CE_EINVALID);
	s.supervisor = 0;
	s.student = f.student;
	s.cohort = 2018; /* a named response carries no attributes */
	ck_refused(ce_survey_response_create(&id, db, &s), CE_EINVALID);
	s.cohort = 0;
	s.level = CE_SURVEY_LEVEL_GRADUATE;
	ck_refused(ce_survey_response_create(&id, db, &s), CE_EINVALID);
	s.level = (ce_survey_level)0;
	s.submitted_on = CE_DATE(2019, 10, 31); /* before the round opens */
	ck_refused(ce_survey_response_create(&id, db, &s), CE_EINVALID);
	s.submitted_on = CE_DATE(2019, 11, 5);
	ck_ok(ce_survey_response_create(&id, db, &s));
	/* one response per respondent per round */
	ck_refused(ce_survey_response_create(&id, db, &s), CE_EEXISTS);

	/* the round's population: cohort 2018, graduate */
	ce_student_spec st = CE_STUDENT_SPEC_INIT;
	st.number = "2019210101";
	st.name = "王芳";
	st.level = CE_STUDENT_LEVEL_UNDERGRADUATE;
	st.cohort = 2018;
	st.status_date = CE_DATE(2018, 9, 1);
	int64_t undergraduate;
	ck_ok(ce_student_create(&undergraduate, db, &st));
	s.student = undergraduate;
	ck_refused(ce_survey_response_create(&id, db, &s), CE_EINVALID);
	ck_said("undergraduate");
	st.number = "2017410102";
	st.name = "赵强";
	st.level = CE_STUDENT_LEVEL_DOCTORAL;
	st.cohort = 2017;
	int64_t older;
	ck_ok(ce_student_create(&older, db, &st));
	s.student = older;
	ck_refused(ce_survey_response_create(&id, db, &s), CE_EINVALID);
	ck_said("cohort");

	/* a mentor instrument is answered by enterprise supervisors only */
	int64_t mi = make_instrument("EM-COOP", 1, CE_SURVEY_AUDIENCE_ENTERPRISE_MENTOR);
	ce_survey_round_spec r = CE_SURVEY_ROUND_SPEC_INIT;
	r.instrument = mi;
	r.title = "2019年企业导师调查";
	r.opens_on = CE_DATE(2019, 12, 1);
	int64_t mround = make_round(&r);
	ce_survey_response_spec m = CE_SURVEY_RESPONSE_SPEC_INIT;
	m.round = mround;
	m.submitted_on = CE_DATE(2019, 12, 3);
	m.supervisor = make_academic("陈静");
	ck_refused(ce_survey_response_create(&id, db, &m), CE_EINVALID);
	ck_said("academic");
	m.supervisor = 0;
	m.student = f.student;
	ck_refused(ce_survey_response_create(&id, db, &m), CE_EINVALID);
	m.student = 0;
	m.supervisor = make_enterprise_supervisor("刘洋", make_enterprise("山东某航空材料有限公司"));
	ck_ok(ce_survey_response_create(&id, db, &m));
}
END_TEST

START_TEST(survey_anonymous_responses)
{
	fixture f = make_fixture();
	ce_survey_round_spec r = round_spec(f.instrument);
	r.title = "2019年研究生匿名调查";
	r.anonymous = 1;
	r.attributes = CE_SURVEY_ATTR_COHORT | CE_SURVEY_ATTR_LEVEL;
	int64_t round = make_round(&r), id;
	ce_survey_response_spec s = CE_SURVEY_RESPONSE_SPEC_INIT;
	s.round = round;
	s.submitted_on = CE_DATE(2019, 11, 6);
	s.student = f.student; /* no respondent in an anonymous round */
	ck_refused(ce_survey_response_create(&id, db, &s), CE_EINVALID);
	ck_said("anonymous");
	s.student = 0;
	s.supervisor_kind = CE_SUPERVISOR_ENTERPRISE; /* not declared */
	ck_refused(ce_survey_response_create(&id, db, &s), CE_EINVALID);
	ck_said("supervisor_kind");
	s.supervisor_kind = (ce_supervisor_kind)0;
	s.attr_partner = make_enterprise("青岛某海洋装备股份有限公司"); /* not declared */
	ck_refused(ce_survey_response_create(&id, db, &s), CE_EINVALID);
	s.attr_partner = 0;
	s.cohort = 2017; /* the round surveys 2018 */
	ck_refused(ce_survey_response_create(&id, db, &s), CE_EINVALID);
	s.cohort = 2018;
	s.level = CE_SURVEY_LEVEL_UNDERGRADUATE; /* the round surveys graduates */
	ck_refused(ce_survey_response_create(&id, db, &s), CE_EINVALID);
	s.level = CE_SURVEY_LEVEL_GRADUATE;
	ck_ok(ce_survey_response_create(&id, db, &s));
	ck_ok(ce_survey_response_create(&id, db, &s)); /* anonymous: many alike */
	ck_assert(is_null(CE_ENTITY_SURVEY_RESPONSE, id, "student"));
}
END_TEST

START_TEST(survey_answer_rules)
{
	fixture f = make_fixture();
	int64_t resp = respond(f.round, f.student), id;
	ce_survey_answer_spec a = answer(resp, f.likert5);
	double bad5[] = { 0, 6, 3.5, -1 };
	for (size_t k = 0; k < sizeof bad5 / sizeof bad5[0]; k++) {
		a.number = bad5[k];
		ck_refused(ce_survey_answer_create(&id, db, &a), CE_EINVALID);
		ck_said("1..5");
	}
	a.number = 5;
	a.text = "很满意"; /* one value column per kind */
	ck_refused(ce_survey_answer_create(&id, db, &a), CE_EINVALID);
	ck_said("survey_answer.text");
	a.text = NULL;
	ck_ok(ce_survey_answer_create(&id, db, &a));
	ck_refused(ce_survey_answer_create(&id, db, &a), CE_EEXISTS); /* one per item */

	a = answer(resp, f.likert7);
	a.number = 8;
	ck_refused(ce_survey_answer_create(&id, db, &a), CE_EINVALID);
	a.number = 7;
	ck_ok(ce_survey_answer_create(&id, db, &a));

	a = answer(resp, f.number);
	a.number = 41; /* outside 0..40 */
	ck_refused(ce_survey_answer_create(&id, db, &a), CE_EINVALID);
	a.number = -0.5;
	ck_refused(ce_survey_answer_create(&id, db, &a), CE_EINVALID);
	a.number = 12.5;
	ck_ok(ce_survey_answer_create(&id, db, &a));

	a = answer(resp, f.single);
	ck_refused(ce_survey_answer_create(&id, db, &a), CE_EINVALID); /* no option */
	a.option = f.multiple_a; /* another item's option */
	ck_refused(ce_survey_answer_create(&id, db, &a), CE_EINVALID);
	ck_said("belongs to item");
	a.option = f.single_a;
	a.number = 1;
	ck_refused(ce_survey_answer_create(&id, db, &a), CE_EINVALID);
	a.number = 0;
	a.choices = "A";
	ck_refused(ce_survey_answer_create(&id, db, &a), CE_EINVALID);
	a.choices = NULL;
	ck_ok(ce_survey_answer_create(&id, db, &a));

	a = answer(resp, f.multiple);
	const char *bad[] = { "A;A", "A;D", "A;", ";B", "B;C;B", "a" };
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		a.choices = bad[k];
		ck_refused(ce_survey_answer_create(&id, db, &a), CE_EINVALID);
	}
	a.choices = "C;A;B";
	ck_ok(ce_survey_answer_create(&id, db, &a));

	a = answer(resp, f.text);
	ck_refused(ce_survey_answer_create(&id, db, &a), CE_EINVALID); /* no text */
	a.number = 3;
	a.text = "指导及时";
	ck_refused(ce_survey_answer_create(&id, db, &a), CE_EINVALID);
	a.number = 0;
	ck_ok(ce_survey_answer_create(&id, db, &a));

	/* an item of another instrument */
	int64_t other = make_instrument("EM-COOP", 1, CE_SURVEY_AUDIENCE_ENTERPRISE_MENTOR);
	int64_t foreign = make_item(other, "Q1", 1, CE_SURVEY_ITEM_LIKERT5);
	a = answer(resp, foreign);
	a.number = 3;
	ck_refused(ce_survey_answer_create(&id, db, &a), CE_EINVALID);
	ck_said("instrument");
	/* an answer's update is held to the same rules */
	a = answer(resp, f.likert5);
	ce_filter *q = f_int("item", f.likert5);
	ce_record_iter *it;
	ce_record *rec;
	ck_ok(ce_record_iter_new(&it, db, CE_ENTITY_SURVEY_ANSWER, q));
	ck_ok(ce_record_iter_next(&rec, it));
	a.number = 9;
	ck_refused(ce_survey_answer_update(db, ce_record_id(rec), &a), CE_EINVALID);
	ce_record_free(rec);
	ce_record_iter_free(it);
	ce_filter_free(q);
}
END_TEST

START_TEST(survey_frozen_instrument)
{
	fixture f = make_fixture();
	ce_survey_instrument_spec is = CE_SURVEY_INSTRUMENT_SPEC_INIT;
	is.code = "GS-COOP";
	is.instrument_version = 1;
	is.title = "研究生联合培养满意度调查（修订）";
	is.audience = CE_SURVEY_AUDIENCE_STUDENT;
	ck_ok(ce_survey_instrument_update(db, f.instrument, &is)); /* no response yet */
	ce_survey_round_spec r = round_spec(f.instrument);
	r.title = "2020年研究生联合培养调查";
	int64_t empty_round = make_round(&r);
	(void)empty_round;
	int64_t id = make_item(f.instrument, "Q7", 7, CE_SURVEY_ITEM_LIKERT5);
	ck_ok(ce_survey_item_delete(db, id, 0));

	respond(f.round, f.student); /* now it is frozen */
	is.title = "研究生联合培养满意度调查（再修订）";
	ck_refused(ce_survey_instrument_update(db, f.instrument, &is), CE_EINVALID);
	ck_said("frozen", "2019年研究生联合培养调查", "new version");
	is.title = "研究生联合培养满意度调查（修订）";
	ck_ok(ce_survey_instrument_update(db, f.instrument, &is)); /* no change: no refusal */

	ce_survey_item_spec s = CE_SURVEY_ITEM_SPEC_INIT;
	s.instrument = f.instrument;
	s.code = "Q7";
	s.position = 7;
	s.text = "我愿意推荐师弟师妹参加联合培养";
	s.kind = CE_SURVEY_ITEM_LIKERT5;
	ck_refused(ce_survey_item_create(&id, db, &s), CE_EINVALID);
	ck_said("frozen");
	s.code = "Q1";
	s.position = 1;
	s.text = "企业导师的指导对我的课题帮助很大（改）";
	ck_refused(ce_survey_item_update(db, f.likert5, &s), CE_EINVALID);
	ck_refused(ce_survey_item_delete(db, f.text, 0), CE_EINVALID);
	ck_refused(ce_survey_item_delete(db, f.text, CE_DELETE_CASCADE), CE_EINVALID);
	/* moving an item of another instrument into it is a change of it too */
	int64_t v2 = make_instrument("GS-COOP", 2, CE_SURVEY_AUDIENCE_STUDENT);
	int64_t v2q1 = make_item(v2, "Q1", 1, CE_SURVEY_ITEM_LIKERT5);
	s.instrument = f.instrument;
	s.code = "Q8";
	s.position = 8;
	ck_refused(ce_survey_item_update(db, v2q1, &s), CE_EINVALID);

	ce_survey_option_spec o = CE_SURVEY_OPTION_SPEC_INIT;
	o.item = f.single;
	o.code = "C";
	o.position = 3;
	o.label = "两者各半";
	ck_refused(ce_survey_option_create(&id, db, &o), CE_EINVALID);
	o.code = "A";
	o.position = 1;
	o.label = "企业";
	ck_refused(ce_survey_option_update(db, f.single_a, &o), CE_EINVALID);
	ck_refused(ce_survey_option_delete(db, f.single_b, 0), CE_EINVALID);
	ck_said("frozen");

	/* the new version is free; the whole frozen instrument may still be
	 * deleted with everything it holds, when the caller asks */
	ck_ok(ce_survey_item_delete(db, v2q1, 0));
	ck_refused(ce_survey_instrument_delete(db, f.instrument, 0), CE_ECONSTRAINT);
	ck_ok(ce_survey_instrument_delete(db, f.instrument, CE_DELETE_CASCADE));
	ck_assert_int_eq(count_of(CE_ENTITY_SURVEY_RESPONSE), 0);
	ck_assert_int_eq(count_of(CE_ENTITY_SURVEY_ITEM), 0);
}
END_TEST

/* ---- import of a questionnaire tool's wide CSV ------------------------------------ */

static uint64_t import_ok(int64_t round, const char *csv, const ce_survey_import_options *o)
{
	uint64_t n = 0;
	ck_ok(ce_survey_import_csv(db, round, csv, strlen(csv), o, &n));
	return n;
}

START_TEST(survey_import_named_round)
{
	fixture f = make_fixture();
	make_student("2018410102", "王芳");
	const char *csv = "\xEF\xBB\xBFstudent,submitted_on,Q1,Q2,Q3,Q4,Q5,Q6\r\n"
	                  "2018410101,2019/11/3 09:12:45,5,6,B,A;C,12.5,希望企业导师多来学校\r\n"
	                  "2018410102,2019-11-04,3,,主要在企业现场, C | 专利 ,,\r\n";
	ck_assert_uint_eq(import_ok(f.round, csv, NULL), 2);
	ck_assert_int_eq(count_of(CE_ENTITY_SURVEY_RESPONSE), 2);
	ck_assert_int_eq(count_of(CE_ENTITY_SURVEY_ANSWER), 6 + 3); /* empty cells: no answer */
	ce_filter *q = f_int("item", f.multiple);
	ce_survey_answer_iter *it;
	ce_survey_answer *a;
	ck_ok(ce_survey_answer_iter_new(&it, db, q));
	ck_ok(ce_survey_answer_iter_next(&a, it));
	ck_assert_str_eq(ce_survey_answer_fields(a)->choices, "A;C");
	ce_survey_answer_free(a);
	ck_ok(ce_survey_answer_iter_next(&a, it)); /* labels and spaces read as codes */
	ck_assert_str_eq(ce_survey_answer_fields(a)->choices, "C;A");
	ce_survey_answer_free(a);
	ce_survey_answer_iter_free(it);
	ce_filter_free(q);
	q = f_int("item", f.single);
	ck_ids(CE_ENTITY_SURVEY_ANSWER, q, "3,8");
	ce_filter_free(q);

	/* all or nothing: a second import with one bad row adds nothing */
	ce_survey_round_spec r = round_spec(f.instrument);
	r.title = "2019年研究生联合培养调查（补充）";
	int64_t round2 = make_round(&r);
	const char *bad = "student,Q1,Q3\n2018410101,4,A\n2018410102,6,A\n";
	ce_survey_import_options o = CE_SURVEY_IMPORT_OPTIONS_INIT;
	o.submitted_on = CE_DATE(2019, 11, 20);
	ck_refused(ce_survey_import_csv(db, round2, bad, strlen(bad), &o, NULL), CE_EINVALID);
	ck_said("<input>:3", "column Q1", "1..5");
	const char *unknown_option = "student,Q3\n2018410101,D\n";
	ck_refused(ce_survey_import_csv(db, round2, unknown_option, strlen(unknown_option), &o, NULL),
	           CE_EINVALID);
	ck_said(":2", "Q3", "'D'");
	const char *nobody = "student,Q1\n2099000000,4\n";
	ck_refused(ce_survey_import_csv(db, round2, nobody, strlen(nobody), &o, NULL), CE_ENOTFOUND);
	ck_said("no student", "2099000000");
	const char *twice = "student,Q1\n2018410101,4\n2018410101,5\n";
	ck_refused(ce_survey_import_csv(db, round2, twice, strlen(twice), &o, NULL), CE_EEXISTS);
	const char *extra = "序号,student,Q1\n1,2018410101,4\n";
	ck_refused(ce_survey_import_csv(db, round2, extra, strlen(extra), &o, NULL), CE_EINVALID);
	ck_said("序号");
	const char *nodate = "student,Q1\n2018410101,4\n";
	ck_refused(ce_survey_import_csv(db, round2, nodate, strlen(nodate), NULL, NULL), CE_EINVALID);
	ck_said("submission date");
	const char *nokey = "Q1\n4\n";
	ck_refused(ce_survey_import_csv(db, round2, nokey, strlen(nokey), &o, NULL), CE_EINVALID);
	ck_said("respondent");
	const char *short_row = "student,Q1\n2018410101\n";
	ck_refused(ce_survey_import_csv(db, round2, short_row, strlen(short_row), &o, NULL), CE_EINVALID);
	ck_refused(ce_survey_import_csv(db, 999, nodate, strlen(nodate), &o, NULL), CE_ENOTFOUND);
	/* the tool's own columns skipped when asked; another key column */
	o.flags = CE_SURVEY_IMPORT_SKIP_UNKNOWN;
	o.key_column = "学号";
	const char *tool = "序号,学号,提交时间,Q1\n1,2018410101,2019-11-21 08:00,4\n";
	ck_assert_uint_eq(import_ok(round2, tool, &o), 1);
	ck_assert_int_eq(count_of(CE_ENTITY_SURVEY_RESPONSE), 3);
	/* unknown flags, and a transaction the caller holds open, are refused */
	o.flags = 0xF0;
	ck_refused(ce_survey_import_csv(db, round2, tool, strlen(tool), &o, NULL), CE_EINVALID);
	o.flags = 0;
	ck_ok(ce_db_begin(db));
	ck_rc(ce_survey_import_csv(db, round2, tool, strlen(tool), &o, NULL), CE_EMISUSE);
	ck_ok(ce_db_rollback(db));
}
END_TEST

START_TEST(survey_import_anonymous_round)
{
	fixture f = make_fixture();
	int64_t host = make_enterprise("山东某航空材料有限公司");
	ce_survey_round_spec r = round_spec(f.instrument);
	r.title = "2019年研究生匿名调查";
	r.anonymous = 1;
	r.attributes = CE_SURVEY_ATTR_LEVEL | CE_SURVEY_ATTR_PARTNER;
	int64_t round = make_round(&r);
	const char *csv = "submitted_on,level,partner,Q1,Q6\n"
	                  "2019-11-02,graduate,山东某航空材料有限公司,4,无\n"
	                  "2019-11-03,,,2,\n";
	ck_assert_uint_eq(import_ok(round, csv, NULL), 2);
	ce_filter *q = f_int("attr_partner", host);
	ck_assert_int_eq(count_where(CE_ENTITY_SURVEY_RESPONSE, q), 1);
	ce_filter_free(q);
	/* a column the round does not declare, or a respondent, is refused */
	const char *cohort = "submitted_on,cohort,Q1\n2019-11-02,2018,4\n";
	ck_refused(ce_survey_import_csv(db, round, cohort, strlen(cohort), NULL, NULL), CE_EINVALID);
	ck_said("cohort");
	const char *named = "submitted_on,student,Q1\n2019-11-02,2018410101,4\n";
	ck_refused(ce_survey_import_csv(db, round, named, strlen(named), NULL, NULL), CE_EINVALID);
	const char *level = "submitted_on,level,Q1\n2019-11-02,博士,4\n";
	ck_refused(ce_survey_import_csv(db, round, level, strlen(level), NULL, NULL), CE_EINVALID);
	ck_said("level", "博士");
	const char *undergrad = "submitted_on,level,Q1\n2019-11-02,undergraduate,4\n";
	ck_refused(ce_survey_import_csv(db, round, undergrad, strlen(undergrad), NULL, NULL), CE_EINVALID);
	ck_said("<input>:2", "graduate");
}
END_TEST

Suite *suite_survey(void)
{
	Suite *s = suite_create("survey");
	TCase *tc = store_tcase("survey");
	tcase_add_test(tc, survey_round_trip);
	tcase_add_test(tc, survey_instrument_and_item_rules);
	tcase_add_test(tc, survey_round_rules);
	tcase_add_test(tc, survey_named_responses);
	tcase_add_test(tc, survey_anonymous_responses);
	tcase_add_test(tc, survey_answer_rules);
	tcase_add_test(tc, survey_frozen_instrument);
	tcase_add_test(tc, survey_import_named_round);
	tcase_add_test(tc, survey_import_anonymous_round);
	suite_add_tcase(s, tc);
	return s;
}
