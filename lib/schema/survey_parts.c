/* Survey responses and answers. Rules: a named round's response has
 * exactly one respondent, of the instrument's audience and the round's
 * population, at most one per round, and no attributes; an anonymous
 * round's has no respondent and only the attributes the round declares;
 * nothing is submitted before the round opens. An answer is to an item of
 * its round's instrument, at most one per item, in exactly the column the
 * item's kind uses, with a value the item allows. */
#include <math.h>
#include <string.h>

#include "survey_internal.h"

/* ---- response ------------------------------------------------------------------------- */

static const char *const level_tokens[] = { NULL, "graduate", "undergraduate" };
static const char *const supervisor_kind_tokens[] = { NULL, "academic", "enterprise" };

static const ce_column_def response_columns[] = {
	COL_REF(ce_survey_response_spec, round, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_SURVEY_ROUND),
	COL_REF(ce_survey_response_spec, student, 0, CE_ENTITY_STUDENT),
	COL_REF(ce_survey_response_spec, supervisor, 0, CE_ENTITY_SUPERVISOR),
	COL_REF(ce_survey_response_spec, partner, 0, CE_ENTITY_PARTNER),
	COL_DATE(ce_survey_response_spec, submitted_on, CE_COL_REQUIRED),
	COL_INT(ce_survey_response_spec, cohort, 0, 0, 0),
	COL_ENUM(ce_survey_response_spec, level, 0, ce_survey_level, level_tokens),
	COL_ENUM(ce_survey_response_spec, supervisor_kind, 0, ce_supervisor_kind, supervisor_kind_tokens),
	COL_REF(ce_survey_response_spec, attr_partner, 0, CE_ENTITY_PARTNER),
};

static const int by_student[] = { RS_ROUND, RS_STUDENT, -1 };
static const int by_supervisor[] = { RS_ROUND, RS_SUPERVISOR, -1 };
static const int by_partner[] = { RS_ROUND, RS_PARTNER, -1 };
static const int *const response_uniques[] = { by_student, by_supervisor, by_partner, NULL };

static int graduate_or_not(int64_t student_level)
{
	return student_level == CE_STUDENT_LEVEL_UNDERGRADUATE ? CE_SURVEY_LEVEL_UNDERGRADUATE
	                                                       : CE_SURVEY_LEVEL_GRADUATE;
}

/* A student respondent belongs to the round's cohort and level, if set. */
static int check_student(ce_db *db, const ce_value *round, int64_t student)
{
	const ce_table_def *t = ce__entity_table(CE_ENTITY_STUDENT);
	ce_value s[CE_MAX_COLUMNS];
	int rc = ce__store_fetch(db, t, student, s);
	if (rc != CE_OK)
		return rc;
	int64_t cohort = s[ce__column_by_name(t, "cohort")].i;
	int level = graduate_or_not(s[ce__column_by_name(t, "level")].i);
	if (round[RD_COHORT].i && cohort != round[RD_COHORT].i)
		return ce__fail(db, CE_EINVALID, "survey_response.student: student %lld is of cohort %lld, "
		                "the round surveys cohort %lld", (long long)student, (long long)cohort,
		                (long long)round[RD_COHORT].i);
	if (!round[RD_LEVEL].null && level != round[RD_LEVEL].i)
		return ce__fail(db, CE_EINVALID, "survey_response.student: student %lld is %s, the round "
		                "surveys %s students", (long long)student, level_tokens[level],
		                level_tokens[round[RD_LEVEL].i]);
	return CE_OK;
}

/* A supervisor respondent is of the kind the audience names. */
static int check_supervisor(ce_db *db, int64_t supervisor, int want)
{
	const ce_table_def *t = ce__entity_table(CE_ENTITY_SUPERVISOR);
	ce_value s[CE_MAX_COLUMNS];
	int rc = ce__store_fetch(db, t, supervisor, s);
	if (rc != CE_OK)
		return rc;
	int64_t kind = s[ce__column_by_name(t, "kind")].i;
	if (kind != want)
		return ce__fail(db, CE_EINVALID, "survey_response.supervisor: supervisor %lld is an %s "
		                "supervisor; the instrument asks %s ones", (long long)supervisor,
		                supervisor_kind_tokens[kind], want == CE_SUPERVISOR_ACADEMIC ? "academic"
		                                                                            : "enterprise");
	return CE_OK;
}

static int check_named(ce_db *db, const ce_value *row, const ce_value *round, int64_t audience)
{
	static const char *const columns[] = { NULL, "student", "supervisor", "supervisor", "partner" };
	int want = audience == CE_SURVEY_AUDIENCE_STUDENT ? RS_STUDENT
	           : audience == CE_SURVEY_AUDIENCE_PARTNER ? RS_PARTNER
	                                                     : RS_SUPERVISOR;
	for (int c = RS_STUDENT; c <= RS_PARTNER; c++)
		if (c != want && !row[c].null)
			return ce__fail(db, CE_EINVALID, "survey_response.%s: the round's instrument asks "
			                "%s respondents; give survey_response.%s", response_columns[c].name,
			                audience == CE_SURVEY_AUDIENCE_STUDENT ? "student"
			                : audience == CE_SURVEY_AUDIENCE_PARTNER ? "partner" : "supervisor",
			                columns[audience]);
	if (row[want].null)
		return ce__fail(db, CE_EINVALID, "survey_response.%s: a named round's response needs its "
		                "respondent", columns[audience]);
	for (int c = RS_COHORT; c <= RS_ATTR_PARTNER; c++)
		if (row[c].null ? 0 : c == RS_COHORT ? row[c].i != 0 : 1)
			return ce__fail(db, CE_EINVALID, "survey_response.%s: only an anonymous round's response "
			                "carries attributes; a named one has its respondent",
			                response_columns[c].name);
	if (want == RS_STUDENT)
		return check_student(db, round, row[RS_STUDENT].i);
	if (want == RS_SUPERVISOR)
		return check_supervisor(db, row[RS_SUPERVISOR].i,
		                        audience == CE_SURVEY_AUDIENCE_ACADEMIC_SUPERVISOR
		                            ? CE_SUPERVISOR_ACADEMIC : CE_SUPERVISOR_ENTERPRISE);
	return CE_OK;
}

static int check_anonymous(ce_db *db, const ce_value *row, const ce_value *round)
{
	static const struct { int column; unsigned int flag; } attrs[] = {
		{ RS_COHORT, CE_SURVEY_ATTR_COHORT },
		{ RS_LEVEL, CE_SURVEY_ATTR_LEVEL },
		{ RS_SUPERVISOR_KIND, CE_SURVEY_ATTR_SUPERVISOR_KIND },
		{ RS_ATTR_PARTNER, CE_SURVEY_ATTR_PARTNER },
	};
	for (int c = RS_STUDENT; c <= RS_PARTNER; c++)
		if (!row[c].null)
			return ce__fail(db, CE_EINVALID, "survey_response.%s: the round is anonymous; a response "
			                "stores no respondent", response_columns[c].name);
	for (size_t k = 0; k < CE_ARRAY_LEN(attrs); k++) {
		const ce_value *v = &row[attrs[k].column];
		bool set = !v->null && (attrs[k].column != RS_COHORT || v->i != 0);
		if (set && !((unsigned)round[RD_ATTRIBUTES].i & attrs[k].flag))
			return ce__fail(db, CE_EINVALID, "survey_response.%s: the anonymous round does not "
			                "declare this attribute, so a response may not carry it",
			                response_columns[attrs[k].column].name);
	}
	int64_t cohort = row[RS_COHORT].i;
	if (cohort && (cohort < CE_SURVEY_COHORT_MIN || cohort > CE_SURVEY_COHORT_MAX))
		return ce__fail(db, CE_EINVALID, "survey_response.cohort: %lld is outside %d..%d",
		                (long long)cohort, CE_SURVEY_COHORT_MIN, CE_SURVEY_COHORT_MAX);
	if (cohort && round[RD_COHORT].i && cohort != round[RD_COHORT].i)
		return ce__fail(db, CE_EINVALID, "survey_response.cohort: %lld, but the round surveys "
		                "cohort %lld", (long long)cohort, (long long)round[RD_COHORT].i);
	if (!row[RS_LEVEL].null && !round[RD_LEVEL].null && row[RS_LEVEL].i != round[RD_LEVEL].i)
		return ce__fail(db, CE_EINVALID, "survey_response.level: %s, but the round surveys %s "
		                "students", level_tokens[row[RS_LEVEL].i], level_tokens[round[RD_LEVEL].i]);
	return CE_OK;
}

static int response_check(ce_db *db, const ce_table_def *t, const ce_value *row, int64_t id)
{
	const ce_table_def *rt = ce__entity_table(CE_ENTITY_SURVEY_ROUND);
	const ce_table_def *it = ce__entity_table(CE_ENTITY_SURVEY_INSTRUMENT);
	ce_value round[CE_MAX_COLUMNS], ins[CE_MAX_COLUMNS];
	int rc = ce__store_fetch(db, rt, row[RS_ROUND].i, round);
	if (rc != CE_OK || (rc = ce__store_fetch(db, it, round[RD_INSTRUMENT].i, ins)) != CE_OK)
		return rc;
	if (row[RS_SUBMITTED_ON].i < round[RD_OPENS_ON].i) {
		char s[16], o[16];
		ce_date_format(s, sizeof s, (ce_date)row[RS_SUBMITTED_ON].i);
		ce_date_format(o, sizeof o, (ce_date)round[RD_OPENS_ON].i);
		return ce__fail(db, CE_EINVALID, "survey_response.submitted_on: %s is before round %lld "
		                "opens on %s", s, (long long)row[RS_ROUND].i, o);
	}
	rc = round[RD_ANONYMOUS].i ? check_anonymous(db, row, round)
	                           : check_named(db, row, round, ins[SI_AUDIENCE].i);
	if (rc != CE_OK || !id)
		return rc;
	/* answers are to items of the round's instrument: they stay in their round */
	ce_value old[CE_MAX_COLUMNS];
	int64_t answer;
	if ((rc = ce__store_fetch(db, t, id, old)) != CE_OK || old[RS_ROUND].i == row[RS_ROUND].i)
		return rc;
	rc = ce__find_eq(&answer, db, ce__entity_table(CE_ENTITY_SURVEY_ANSWER), AN_RESPONSE, id);
	if (rc == CE_OK)
		return ce__fail(db, CE_EINVALID, "survey_response.round: response %lld has answers; it "
		                "stays in round %lld", (long long)id, (long long)old[RS_ROUND].i);
	return rc == CE_ENOTFOUND ? CE_OK : rc;
}

static const struct ce_table_rules response_rules = { .check = response_check };

const ce_table_def ce__survey_response_table = {
	CE_ENTITY_SURVEY_RESPONSE, "survey_response", "one respondent's questionnaire in a survey round",
	(int)CE_ARRAY_LEN(response_columns), response_columns, response_uniques, 0, NULL,
	sizeof(ce_survey_response_spec), &response_rules,
};

CE_DEFINE_RECORD_API(survey_response, CE_ENTITY_SURVEY_RESPONSE, CE_SURVEY_RESPONSE_SPEC_VERSION)

/* ---- answer ------------------------------------------------------------------------------- */

static const ce_column_def answer_columns[] = {
	COL_REF(ce_survey_answer_spec, response, CE_COL_REQUIRED | CE_COL_OWNER,
	        CE_ENTITY_SURVEY_RESPONSE),
	COL_REF(ce_survey_answer_spec, item, CE_COL_REQUIRED, CE_ENTITY_SURVEY_ITEM),
	COL_REAL(ce_survey_answer_spec, number, 0, 0, 0),
	COL_REF(ce_survey_answer_spec, option, 0, CE_ENTITY_SURVEY_OPTION),
	COL_TEXT(ce_survey_answer_spec, choices, 0),
	COL_TEXT(ce_survey_answer_spec, text, 0),
};

static const int one_per_item[] = { AN_RESPONSE, AN_ITEM, -1 };
static const int *const answer_uniques[] = { one_per_item, NULL };

/* Each code of "A;C" is an option of the item, none repeated. */
static int check_choices(ce_db *db, int64_t item, const char *choices, const char *code)
{
	const ce_table_def *ot = ce__entity_table(CE_ENTITY_SURVEY_OPTION);
	const char *p = choices;
	char one[128];
	while (true) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == 0 || len >= sizeof one)
			return ce__fail(db, CE_EINVALID, "survey_answer.choices: '%.*s' for item %.*s: "
			                "option codes joined by ';', none empty", ce__clip(choices, 80),
			                choices, ce__clip(code, 40), code);
		memcpy(one, p, len);
		one[len] = '\0';
		ce_condition conds[2] = {
			{ .op = CE_COND_EQ, .column = OP_ITEM, .low = { .i = item } },
			{ .op = CE_COND_EQ, .column = OP_CODE, .low = { .s = one } },
		};
		ce_query q = { 2, conds };
		int64_t option;
		int rc = ce__store_find(&option, db, ot, &q);
		if (rc == CE_ENOTFOUND)
			return ce__fail(db, CE_EINVALID, "survey_answer.choices: '%s' is not an option of "
			                "item %.*s", one, ce__clip(code, 40), code);
		if (rc != CE_OK)
			return rc;
		/* a repeat: the same code again further on */
		for (const char *q2 = end; q2; q2 = strchr(q2 + 1, ';'))
			if (strncmp(q2 + 1, one, len) == 0 && (q2[1 + len] == ';' || q2[1 + len] == '\0'))
				return ce__fail(db, CE_EINVALID, "survey_answer.choices: '%s' is chosen twice "
				                "for item %.*s", one, ce__clip(code, 40), code);
		if (!end)
			return CE_OK;
		p = end + 1;
	}
}

/* The value columns: exactly the kind's is set. */
static int check_value(ce_db *db, const ce_value *row, const ce_value *item)
{
	static const char *const needs[] = { NULL, "number", "number", "option", "choices", "number", "text" };
	int64_t kind = item[IT_KIND].i;
	const char *code = item[IT_CODE].s;
	int want = kind == CE_SURVEY_ITEM_SINGLE_CHOICE ? AN_OPTION
	           : kind == CE_SURVEY_ITEM_MULTIPLE_CHOICE ? AN_CHOICES
	           : kind == CE_SURVEY_ITEM_TEXT ? AN_TEXT
	                                         : AN_NUMBER;
	for (int c = AN_NUMBER; c <= AN_TEXT; c++) {
		bool set = c == AN_NUMBER ? row[c].r != 0 : !row[c].null;
		if (c != want && set)
			return ce__fail(db, CE_EINVALID, "survey_answer.%s: item %.*s is a %s item; its "
			                "answer is in survey_answer.%s only", answer_columns[c].name,
			                ce__clip(code, 40), code,
			                ce__entity_table(CE_ENTITY_SURVEY_ITEM)->columns[IT_KIND].tokens[kind],
			                needs[kind]);
		if (c == want && c != AN_NUMBER && !set)
			return ce__fail(db, CE_EINVALID, "survey_answer.%s: item %.*s needs its answer here",
			                needs[kind], ce__clip(code, 40), code);
	}
	double x = row[AN_NUMBER].r;
	if (kind == CE_SURVEY_ITEM_LIKERT5 || kind == CE_SURVEY_ITEM_LIKERT7) {
		int top = kind == CE_SURVEY_ITEM_LIKERT5 ? 5 : 7;
		if (x < 1 || x > top || x != floor(x))
			return ce__fail(db, CE_EINVALID, "survey_answer.number: %g for item %.*s is not a whole "
			                "number in 1..%d", x, ce__clip(code, 40), code, top);
	} else if (kind == CE_SURVEY_ITEM_NUMBER) {
		double lo = item[IT_MIN].r, hi = item[IT_MAX].r;
		if (lo < hi && (x < lo || x > hi))
			return ce__fail(db, CE_EINVALID, "survey_answer.number: %g for item %.*s is outside "
			                "%g..%g", x, ce__clip(code, 40), code, lo, hi);
	} else if (kind == CE_SURVEY_ITEM_SINGLE_CHOICE) {
		ce_value op[CE_MAX_COLUMNS];
		int rc = ce__store_fetch(db, ce__entity_table(CE_ENTITY_SURVEY_OPTION), row[AN_OPTION].i, op);
		if (rc != CE_OK)
			return rc;
		if (op[OP_ITEM].i != row[AN_ITEM].i)
			return ce__fail(db, CE_EINVALID, "survey_answer.option: option %lld belongs to item "
			                "%lld, not to item %.*s", (long long)row[AN_OPTION].i,
			                (long long)op[OP_ITEM].i, ce__clip(code, 40), code);
	} else if (kind == CE_SURVEY_ITEM_MULTIPLE_CHOICE) {
		return check_choices(db, row[AN_ITEM].i, row[AN_CHOICES].s, code);
	}
	return CE_OK;
}

static int answer_check(ce_db *db, const ce_table_def *t, const ce_value *row, int64_t id)
{
	(void)t;
	(void)id;
	const ce_table_def *st = ce__entity_table(CE_ENTITY_SURVEY_RESPONSE);
	const ce_table_def *rt = ce__entity_table(CE_ENTITY_SURVEY_ROUND);
	const ce_table_def *it = ce__entity_table(CE_ENTITY_SURVEY_ITEM);
	ce_value resp[CE_MAX_COLUMNS], round[CE_MAX_COLUMNS], item[CE_MAX_COLUMNS];
	int rc = ce__store_fetch(db, st, row[AN_RESPONSE].i, resp);
	if (rc != CE_OK || (rc = ce__store_fetch(db, rt, resp[RS_ROUND].i, round)) != CE_OK ||
	    (rc = ce__fetch_copy(db, it, row[AN_ITEM].i, item)) != CE_OK)
		return rc;
	if (item[IT_INSTRUMENT].i != round[RD_INSTRUMENT].i)
		rc = ce__fail(db, CE_EINVALID, "survey_answer.item: item %.*s belongs to instrument %lld, "
		              "not to instrument %lld of round %lld", ce__clip(item[IT_CODE].s, 40),
		              item[IT_CODE].s, (long long)item[IT_INSTRUMENT].i,
		              (long long)round[RD_INSTRUMENT].i, (long long)resp[RS_ROUND].i);
	else
		rc = check_value(db, row, item);
	ce__row_clear(it, item);
	return rc;
}

static const struct ce_table_rules answer_rules = { .check = answer_check };

const ce_table_def ce__survey_answer_table = {
	CE_ENTITY_SURVEY_ANSWER, "survey_answer", "the answer of a survey response to one item",
	(int)CE_ARRAY_LEN(answer_columns), answer_columns, answer_uniques, 0, NULL,
	sizeof(ce_survey_answer_spec), &answer_rules,
};

CE_DEFINE_RECORD_API(survey_answer, CE_ENTITY_SURVEY_ANSWER, CE_SURVEY_ANSWER_SPEC_VERSION)
