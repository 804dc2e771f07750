/* Survey instruments, their items and options, and the rounds that run
 * them. Rules: (code, version) names one instrument; item codes and
 * positions are unique per instrument, option codes and positions per
 * item; options only for choice items, bounds only for number items; an
 * instrument is frozen (no change to it, its items or options) once a
 * round of it has a response; a round with responses keeps its
 * instrument, population and anonymity. Responses and answers:
 * survey_parts.c. */
#include <stdlib.h>
#include <string.h>

#include "survey_internal.h"

/* ---- shared ----------------------------------------------------------------------- */

bool ce__survey_same(const ce_table_def *t, const ce_value *row, const ce_value *old)
{
	for (int c = 0; c < t->ncolumns; c++) {
		const ce_value *a = &row[c], *b = &old[c];
		if (a->null != b->null)
			return false;
		if (a->null)
			continue;
		if (t->columns[c].type == CE_TYPE_TEXT ? strcmp(a->s, b->s) != 0
		    : t->columns[c].type == CE_TYPE_REAL ? a->r != b->r
		                                          : a->i != b->i)
			return false;
	}
	return true;
}

int ce__survey_frozen(ce_db *db, int64_t instrument, const char *what)
{
	const ce_table_def *rt = ce__entity_table(CE_ENTITY_SURVEY_ROUND);
	const ce_table_def *st = ce__entity_table(CE_ENTITY_SURVEY_RESPONSE);
	ce_condition cond = { .op = CE_COND_EQ, .column = RD_INSTRUMENT, .low = { .i = instrument } };
	ce_query q = { 1, &cond };
	int64_t *rounds = NULL, response = 0, frozen_by = 0;
	size_t n = 0;
	int rc = ce__store_ids(&rounds, &n, db, rt, &q);
	for (size_t k = 0; rc == CE_OK && k < n && !frozen_by; k++) {
		rc = ce__find_eq(&response, db, st, RS_ROUND, rounds[k]);
		if (rc == CE_OK)
			frozen_by = rounds[k];
		else if (rc == CE_ENOTFOUND)
			rc = CE_OK;
	}
	free(rounds);
	if (rc != CE_OK || !frozen_by)
		return rc;
	const ce_table_def *it = ce__entity_table(CE_ENTITY_SURVEY_INSTRUMENT);
	ce_value ins[CE_MAX_COLUMNS], rd[CE_MAX_COLUMNS];
	if ((rc = ce__fetch_copy(db, it, instrument, ins)) != CE_OK)
		return rc;
	if ((rc = ce__fetch_copy(db, rt, frozen_by, rd)) == CE_OK) {
		rc = ce__fail(db, CE_EINVALID, "%s: instrument %.*s v%lld is frozen: round %lld (%.*s) "
		              "has responses; make a new version of the instrument instead", what,
		              ce__clip(ins[SI_CODE].s, 40), ins[SI_CODE].s, (long long)ins[SI_VERSION].i,
		              (long long)frozen_by, ce__clip(rd[RD_TITLE].s, 80), rd[RD_TITLE].s);
		ce__row_clear(rt, rd);
	}
	ce__row_clear(it, ins);
	return rc;
}

/* An update that changes something of a record under a frozen
 * instrument is refused; one that changes nothing (an import run again)
 * is not. */
static int unchanged(ce_db *db, const ce_table_def *t, const ce_value *row, int64_t id,
                     ce_value *old, bool *same)
{
	int rc = ce__fetch_copy(db, t, id, old);
	if (rc == CE_OK)
		*same = ce__survey_same(t, row, old);
	return rc;
}

/* Item and option codes head CSV columns and join multiple choices. */
static int check_code(ce_db *db, const char *table, const char *code)
{
	for (const unsigned char *p = (const unsigned char *)code; *p; p++)
		if (*p <= ' ' || *p == ';' || *p == ',' || *p == '"' || *p == 0x7F)
			return ce__fail(db, CE_EINVALID, "%s.code: '%.*s' may not contain spaces, ';', ',' "
			                "or '\"'", table, ce__clip(code, 40), code);
	return CE_OK;
}

/* ---- instrument -------------------------------------------------------------------- */

static const char *const audience_tokens[] = {
	NULL, "student", "academic_supervisor", "enterprise_mentor", "partner",
};

static const ce_column_def instrument_columns[] = {
	COL_TEXT(ce_survey_instrument_spec, code, CE_COL_REQUIRED),
	/* "version" is the spec's own first field: the column has another name in C */
	{ "version", CE_TYPE_INT, CE_COL_REQUIRED, 0, NULL, 0, 1, 1000,
	  CE_FIELD(ce_survey_instrument_spec, instrument_version, int64_t), 1 },
	COL_TEXT(ce_survey_instrument_spec, title, CE_COL_REQUIRED),
	COL_TEXT(ce_survey_instrument_spec, title_en, 0),
	COL_ENUM(ce_survey_instrument_spec, audience, CE_COL_REQUIRED, ce_survey_audience,
	         audience_tokens),
	COL_TEXT(ce_survey_instrument_spec, description, 0),
};

static const int instrument_key[] = { SI_CODE, SI_VERSION, -1 };
static const int *const instrument_uniques[] = { instrument_key, NULL };

static int instrument_check(ce_db *db, const ce_table_def *t, const ce_value *row, int64_t id)
{
	if (!id)
		return CE_OK;
	ce_value old[CE_MAX_COLUMNS];
	bool same = false;
	int rc = unchanged(db, t, row, id, old, &same);
	if (rc != CE_OK)
		return rc;
	ce__row_clear(t, old);
	return same ? CE_OK : ce__survey_frozen(db, id, "survey_instrument");
}

static const struct ce_table_rules instrument_rules = { .check = instrument_check };

const ce_table_def ce__survey_instrument_table = {
	CE_ENTITY_SURVEY_INSTRUMENT, "survey_instrument",
	"a questionnaire for one audience, in one version",
	(int)CE_ARRAY_LEN(instrument_columns), instrument_columns, instrument_uniques, 0, NULL,
	sizeof(ce_survey_instrument_spec), &instrument_rules,
};

CE_DEFINE_RECORD_API(survey_instrument, CE_ENTITY_SURVEY_INSTRUMENT,
                     CE_SURVEY_INSTRUMENT_SPEC_VERSION)

/* ---- item ----------------------------------------------------------------------------- */

static const char *const kind_tokens[] = {
	NULL, "likert5", "likert7", "single_choice", "multiple_choice", "number", "text",
};

static const ce_column_def item_columns[] = {
	COL_REF(ce_survey_item_spec, instrument, CE_COL_REQUIRED | CE_COL_OWNER,
	        CE_ENTITY_SURVEY_INSTRUMENT),
	COL_TEXT(ce_survey_item_spec, code, CE_COL_REQUIRED),
	COL_INT(ce_survey_item_spec, position, CE_COL_REQUIRED, 1, 10000),
	COL_TEXT(ce_survey_item_spec, section, 0),
	COL_TEXT(ce_survey_item_spec, text, CE_COL_REQUIRED),
	COL_TEXT(ce_survey_item_spec, text_en, 0),
	COL_ENUM(ce_survey_item_spec, kind, CE_COL_REQUIRED, ce_survey_item_kind, kind_tokens),
	COL_REAL(ce_survey_item_spec, min_value, 0, 0, 0),
	COL_REAL(ce_survey_item_spec, max_value, 0, 0, 0),
};

static const int item_code[] = { IT_INSTRUMENT, IT_CODE, -1 };
static const int item_position[] = { IT_INSTRUMENT, IT_POSITION, -1 };
static const int *const item_uniques[] = { item_code, item_position, NULL };

static bool is_choice(int64_t kind)
{
	return kind == CE_SURVEY_ITEM_SINGLE_CHOICE || kind == CE_SURVEY_ITEM_MULTIPLE_CHOICE;
}

static int item_check(ce_db *db, const ce_table_def *t, const ce_value *row, int64_t id)
{
	int rc = check_code(db, "survey_item", row[IT_CODE].s);
	double lo = row[IT_MIN].r, hi = row[IT_MAX].r;
	if (rc != CE_OK)
		return rc;
	if ((lo != 0 || hi != 0) && row[IT_KIND].i != CE_SURVEY_ITEM_NUMBER)
		return ce__fail(db, CE_EINVALID, "survey_item.min_value: only a number item has bounds "
		                "(item %.*s is %s)", ce__clip(row[IT_CODE].s, 40), row[IT_CODE].s,
		                kind_tokens[row[IT_KIND].i]);
	if ((lo != 0 || hi != 0) && !(lo < hi))
		return ce__fail(db, CE_EINVALID, "survey_item.max_value: %g is not above min_value %g",
		                hi, lo);
	if (!id)
		return ce__survey_frozen(db, row[IT_INSTRUMENT].i, "survey_item");
	ce_value old[CE_MAX_COLUMNS];
	bool same = false;
	if ((rc = unchanged(db, t, row, id, old, &same)) != CE_OK)
		return rc;
	if (!same && (rc = ce__survey_frozen(db, old[IT_INSTRUMENT].i, "survey_item")) == CE_OK &&
	    row[IT_INSTRUMENT].i != old[IT_INSTRUMENT].i)
		rc = ce__survey_frozen(db, row[IT_INSTRUMENT].i, "survey_item");
	ce__row_clear(t, old);
	if (rc != CE_OK || is_choice(row[IT_KIND].i))
		return rc;
	int64_t option;
	rc = ce__find_eq(&option, db, ce__entity_table(CE_ENTITY_SURVEY_OPTION), OP_ITEM, id);
	if (rc == CE_OK)
		return ce__fail(db, CE_EINVALID, "survey_item.kind: item %.*s has options (option %lld); "
		                "only a choice item may", ce__clip(row[IT_CODE].s, 40), row[IT_CODE].s,
		                (long long)option);
	return rc == CE_ENOTFOUND ? CE_OK : rc;
}

static int item_check_delete(ce_db *db, const ce_table_def *t, const ce_value *row, int64_t id)
{
	(void)t;
	(void)id;
	return ce__survey_frozen(db, row[IT_INSTRUMENT].i, "survey_item");
}

static const struct ce_table_rules item_rules = {
	.check = item_check,
	.check_delete = item_check_delete,
};

const ce_table_def ce__survey_item_table = {
	CE_ENTITY_SURVEY_ITEM, "survey_item", "one question of a survey instrument",
	(int)CE_ARRAY_LEN(item_columns), item_columns, item_uniques, 0, NULL,
	sizeof(ce_survey_item_spec), &item_rules,
};

CE_DEFINE_RECORD_API(survey_item, CE_ENTITY_SURVEY_ITEM, CE_SURVEY_ITEM_SPEC_VERSION)

/* ---- option ---------------------------------------------------------------------------- */

static const ce_column_def option_columns[] = {
	COL_REF(ce_survey_option_spec, item, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_SURVEY_ITEM),
	COL_TEXT(ce_survey_option_spec, code, CE_COL_REQUIRED),
	COL_INT(ce_survey_option_spec, position, CE_COL_REQUIRED, 1, 1000),
	COL_TEXT(ce_survey_option_spec, label, CE_COL_REQUIRED),
	COL_TEXT(ce_survey_option_spec, label_en, 0),
};

static const int option_code[] = { OP_ITEM, OP_CODE, -1 };
static const int option_position[] = { OP_ITEM, OP_POSITION, -1 };
static const int *const option_uniques[] = { option_code, option_position, NULL };

/* The instrument of item, refusing an item that takes no options. */
static int option_item(ce_db *db, int64_t item, int64_t *instrument)
{
	ce_value it[CE_MAX_COLUMNS];
	const ce_table_def *t = ce__entity_table(CE_ENTITY_SURVEY_ITEM);
	int rc = ce__fetch_copy(db, t, item, it);
	if (rc != CE_OK)
		return rc;
	*instrument = it[IT_INSTRUMENT].i;
	if (!is_choice(it[IT_KIND].i))
		rc = ce__fail(db, CE_EINVALID, "survey_option.item: item %.*s is a %s item; only a "
		              "choice item has options", ce__clip(it[IT_CODE].s, 40), it[IT_CODE].s,
		              kind_tokens[it[IT_KIND].i]);
	ce__row_clear(t, it);
	return rc;
}

static int option_check(ce_db *db, const ce_table_def *t, const ce_value *row, int64_t id)
{
	int64_t instrument = 0;
	int rc = check_code(db, "survey_option", row[OP_CODE].s);
	if (rc != CE_OK || (rc = option_item(db, row[OP_ITEM].i, &instrument)) != CE_OK)
		return rc;
	if (!id)
		return ce__survey_frozen(db, instrument, "survey_option");
	ce_value old[CE_MAX_COLUMNS];
	bool same = false;
	if ((rc = unchanged(db, t, row, id, old, &same)) != CE_OK)
		return rc;
	if (!same && (rc = ce__survey_frozen(db, instrument, "survey_option")) == CE_OK &&
	    old[OP_ITEM].i != row[OP_ITEM].i) {
		const ce_table_def *it = ce__entity_table(CE_ENTITY_SURVEY_ITEM);
		ce_value was[CE_MAX_COLUMNS];
		if ((rc = ce__store_fetch(db, it, old[OP_ITEM].i, was)) == CE_OK)
			rc = ce__survey_frozen(db, was[IT_INSTRUMENT].i, "survey_option");
	}
	ce__row_clear(t, old);
	return rc;
}

static int option_check_delete(ce_db *db, const ce_table_def *t, const ce_value *row, int64_t id)
{
	(void)t;
	(void)id;
	const ce_table_def *it = ce__entity_table(CE_ENTITY_SURVEY_ITEM);
	ce_value item[CE_MAX_COLUMNS];
	int rc = ce__store_fetch(db, it, row[OP_ITEM].i, item);
	return rc != CE_OK ? rc : ce__survey_frozen(db, item[IT_INSTRUMENT].i, "survey_option");
}

static const struct ce_table_rules option_rules = {
	.check = option_check,
	.check_delete = option_check_delete,
};

const ce_table_def ce__survey_option_table = {
	CE_ENTITY_SURVEY_OPTION, "survey_option", "one option of a choice item",
	(int)CE_ARRAY_LEN(option_columns), option_columns, option_uniques, 0, NULL,
	sizeof(ce_survey_option_spec), &option_rules,
};

CE_DEFINE_RECORD_API(survey_option, CE_ENTITY_SURVEY_OPTION, CE_SURVEY_OPTION_SPEC_VERSION)

/* ---- round ------------------------------------------------------------------------------ */

static const char *const level_tokens[] = { NULL, "graduate", "undergraduate" };
static const char *const attribute_tokens[] = { "cohort", "level", "supervisor_kind", "partner" };

static const ce_column_def round_columns[] = {
	COL_REF(ce_survey_round_spec, instrument, CE_COL_REQUIRED, CE_ENTITY_SURVEY_INSTRUMENT),
	COL_TEXT(ce_survey_round_spec, title, CE_COL_REQUIRED),
	COL_DATE(ce_survey_round_spec, opens_on, CE_COL_REQUIRED),
	COL_DATE(ce_survey_round_spec, closes_on, 0),
	COL_INT(ce_survey_round_spec, cohort, 0, 0, 0),
	COL_ENUM(ce_survey_round_spec, level, 0, ce_survey_level, level_tokens),
	COL_BOOL(ce_survey_round_spec, anonymous, 0),
	COL_FLAGS(ce_survey_round_spec, attributes, 0, attribute_tokens),
	COL_INT(ce_survey_round_spec, invited, CE_COL_NONNEG, 0, 0),
};

static const ce_date_order round_dates[] = { { RD_OPENS_ON, RD_CLOSES_ON } };

/* The earliest submission date of the round's responses, 0 if none. */
static int first_submission(ce_db *db, int64_t round, ce_date *first)
{
	const ce_table_def *st = ce__entity_table(CE_ENTITY_SURVEY_RESPONSE);
	ce_condition cond = { .op = CE_COND_EQ, .column = RS_ROUND, .low = { .i = round } };
	ce_query q = { 1, &cond };
	ce_scan scan;
	int64_t rid;
	const ce_value *r;
	int rc = ce__scan_open(&scan, db, st, &q);
	*first = 0;
	while (rc == CE_OK && (rc = ce__scan_next(&scan, &rid, &r)) == CE_OK)
		if (!*first || r[RS_SUBMITTED_ON].i < *first)
			*first = (ce_date)r[RS_SUBMITTED_ON].i;
	ce__scan_close(&scan);
	return rc == CE_ITEROVER ? CE_OK : rc;
}

static int round_check(ce_db *db, const ce_table_def *t, const ce_value *row, int64_t id)
{
	int64_t cohort = row[RD_COHORT].i;
	if (cohort && (cohort < CE_SURVEY_COHORT_MIN || cohort > CE_SURVEY_COHORT_MAX))
		return ce__fail(db, CE_EINVALID, "survey_round.cohort: %lld is outside %d..%d",
		                (long long)cohort, CE_SURVEY_COHORT_MIN, CE_SURVEY_COHORT_MAX);
	if (!row[RD_ANONYMOUS].i && row[RD_ATTRIBUTES].i)
		return ce__fail(db, CE_EINVALID, "survey_round.attributes: only an anonymous round declares "
		                "attributes; a named round's respondents are records of the store");
	if (!id)
		return CE_OK;
	ce_date first = 0;
	int rc = first_submission(db, id, &first);
	if (rc != CE_OK || !first)
		return rc;
	ce_value old[CE_MAX_COLUMNS];
	if ((rc = ce__store_fetch(db, t, id, old)) != CE_OK)
		return rc;
	static const int fixed[] = { RD_INSTRUMENT, RD_COHORT, RD_LEVEL, RD_ANONYMOUS, RD_ATTRIBUTES };
	for (size_t k = 0; k < CE_ARRAY_LEN(fixed); k++) {
		int c = fixed[k];
		if (row[c].null != old[c].null || (!row[c].null && row[c].i != old[c].i))
			return ce__fail(db, CE_EINVALID, "survey_round.%s: round %lld has responses; its "
			                "instrument, population and anonymity stay as they are",
			                t->columns[c].name, (long long)id);
	}
	if (row[RD_OPENS_ON].i > first) {
		char d[16], f[16];
		ce_date_format(d, sizeof d, (ce_date)row[RD_OPENS_ON].i);
		ce_date_format(f, sizeof f, first);
		return ce__fail(db, CE_EINVALID, "survey_round.opens_on: %s is after a response of round "
		                "%lld submitted on %s", d, (long long)id, f);
	}
	return CE_OK;
}

static const struct ce_table_rules round_rules = {
	.date_orders = round_dates,
	.ndate_orders = (int)CE_ARRAY_LEN(round_dates),
	.check = round_check,
};

const ce_table_def ce__survey_round_table = {
	CE_ENTITY_SURVEY_ROUND, "survey_round", "one run of a survey instrument over a period",
	(int)CE_ARRAY_LEN(round_columns), round_columns, NULL, 0, NULL,
	sizeof(ce_survey_round_spec), &round_rules,
};

CE_DEFINE_RECORD_API(survey_round, CE_ENTITY_SURVEY_ROUND, CE_SURVEY_ROUND_SPEC_VERSION)
