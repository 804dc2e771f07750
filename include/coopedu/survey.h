/**
 * @file coopedu/survey.h
 * @brief Questionnaire surveys as data: an instrument (a versioned
 *        questionnaire for one audience) with its items and their options,
 *        rounds that run it over a period, and the responses and answers
 *        collected in a round.
 *
 * Respondents are records of the store (a student, a supervisor, a
 * partner), so results can be cut by cohort, level, partner or supervisor
 * kind; an anonymous round stores no respondent, only the attributes it
 * declares. An instrument is frozen once a round of it has a response: it,
 * its items and their options can no longer change (a new version is a new
 * instrument). The numbers of these records follow the library's rule: an
 * unset number is 0.
 */
#ifndef COOPEDU_SURVEY_H
#define COOPEDU_SURVEY_H

#include "record.h"
#include "supervisor.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Who answers an instrument. */
typedef enum ce_survey_audience {
	CE_SURVEY_AUDIENCE_STUDENT = 1,             /**< students (学生) */
	CE_SURVEY_AUDIENCE_ACADEMIC_SUPERVISOR = 2, /**< academic supervisors (校内导师) */
	CE_SURVEY_AUDIENCE_ENTERPRISE_MENTOR = 3,   /**< enterprise supervisors (企业导师) */
	CE_SURVEY_AUDIENCE_PARTNER = 4              /**< partner organisations (合作单位) */
} ce_survey_audience;

/** What an item asks for, and so which answer column holds the answer. */
typedef enum ce_survey_item_kind {
	CE_SURVEY_ITEM_LIKERT5 = 1,         /**< a whole number 1..5 (number) */
	CE_SURVEY_ITEM_LIKERT7 = 2,         /**< a whole number 1..7 (number) */
	CE_SURVEY_ITEM_SINGLE_CHOICE = 3,   /**< one of the item's options (option) */
	CE_SURVEY_ITEM_MULTIPLE_CHOICE = 4, /**< option codes joined by ';' (choices) */
	CE_SURVEY_ITEM_NUMBER = 5,          /**< a number within the item's bounds (number) */
	CE_SURVEY_ITEM_TEXT = 6             /**< free text (text) */
} ce_survey_item_kind;

/** The level of the students a round surveys, or an anonymous response's. */
typedef enum ce_survey_level {
	CE_SURVEY_LEVEL_GRADUATE = 1,     /**< masters and doctoral students (研究生) */
	CE_SURVEY_LEVEL_UNDERGRADUATE = 2 /**< undergraduates (本科生) */
} ce_survey_level;

/**
 * @name Survey attributes
 * What an anonymous round's responses may carry instead of a respondent
 * (survey_round.attributes).
 */
/**@{*/
#define CE_SURVEY_ATTR_COHORT (1u << 0)          /**< the respondent's cohort (enrolment year) */
#define CE_SURVEY_ATTR_LEVEL (1u << 1)           /**< graduate or undergraduate */
#define CE_SURVEY_ATTR_SUPERVISOR_KIND (1u << 2) /**< academic or enterprise supervisor */
#define CE_SURVEY_ATTR_PARTNER (1u << 3)         /**< the partner the respondent belongs to */
/**@}*/

#define CE_SURVEY_INSTRUMENT_SPEC_VERSION 1
/**
 * A questionnaire for one audience, in one version: (code, version) is
 * unique. Frozen once a round of it has a response.
 */
typedef struct ce_survey_instrument_spec {
	unsigned int version;        /**< #CE_SURVEY_INSTRUMENT_SPEC_VERSION */
	const char *code;            /**< required, e.g. "GS-COOP"; unique with the version */
	int64_t instrument_version;  /**< required: 1, 2, ... (column "version") */
	const char *title;           /**< required, e.g. "研究生联合培养满意度调查" */
	const char *title_en;        /**< the title in English */
	ce_survey_audience audience; /**< required */
	const char *description;     /**< what it measures and how it is run */
} ce_survey_instrument_spec;
#define CE_SURVEY_INSTRUMENT_SPEC_INIT \
	{ CE_SURVEY_INSTRUMENT_SPEC_VERSION, NULL, 0, NULL, NULL, (ce_survey_audience)0, NULL }

#define CE_SURVEY_ITEM_SPEC_VERSION 1
/**
 * One question of an instrument. Its code names its column in a wide CSV
 * (unique per instrument), and so does its position.
 */
typedef struct ce_survey_item_spec {
	unsigned int version;     /**< #CE_SURVEY_ITEM_SPEC_VERSION */
	int64_t instrument;       /**< required: the instrument it belongs to */
	const char *code;         /**< required, unique per instrument, e.g. "Q1"; no ';' or ',' */
	int64_t position;         /**< required: 1, 2, ... unique per instrument */
	const char *section;      /**< the section it is grouped in, e.g. "动机" */
	const char *text;         /**< required: the question, e.g. "企业导师的指导对我帮助很大" */
	const char *text_en;      /**< the question in English */
	ce_survey_item_kind kind; /**< required */
	double min_value;         /**< number items: the lowest answer allowed (with max_value; both 0: no bounds) */
	double max_value;         /**< number items: the highest answer allowed, above min_value */
} ce_survey_item_spec;
#define CE_SURVEY_ITEM_SPEC_INIT \
	{ CE_SURVEY_ITEM_SPEC_VERSION, 0, NULL, 0, NULL, NULL, NULL, (ce_survey_item_kind)0, 0, 0 }

#define CE_SURVEY_OPTION_SPEC_VERSION 1
/** One option of a single- or multiple-choice item. */
typedef struct ce_survey_option_spec {
	unsigned int version; /**< #CE_SURVEY_OPTION_SPEC_VERSION */
	int64_t item;         /**< required: a choice item */
	const char *code;     /**< required, unique per item, e.g. "A"; no ';' */
	int64_t position;     /**< required: 1, 2, ... unique per item */
	const char *label;    /**< required, e.g. "企业现场" */
	const char *label_en; /**< the label in English */
} ce_survey_option_spec;
#define CE_SURVEY_OPTION_SPEC_INIT { CE_SURVEY_OPTION_SPEC_VERSION, 0, NULL, 0, NULL, NULL }

#define CE_SURVEY_ROUND_SPEC_VERSION 1
/**
 * One run of an instrument over a period, for a cohort, a level or
 * everyone of its audience. Its instrument, anonymity and attributes stay
 * as they are once it has a response.
 */
typedef struct ce_survey_round_spec {
	unsigned int version;    /**< #CE_SURVEY_ROUND_SPEC_VERSION */
	int64_t instrument;      /**< required: the instrument run */
	const char *title;       /**< required, e.g. "2019年研究生联合培养调查" */
	ce_date opens_on;        /**< required: the first day responses are taken */
	ce_date closes_on;       /**< the last day; 0 if open-ended */
	int64_t cohort;          /**< the enrolment year of the students surveyed (1950..2100); 0 for all */
	ce_survey_level level;   /**< the level of the students surveyed; 0 for all */
	int anonymous;           /**< 1: responses store no respondent, only the declared attributes */
	unsigned int attributes; /**< CE_SURVEY_ATTR_* bits an anonymous response may carry; 0 for a named round */
	int64_t invited;         /**< how many were invited, when the store cannot tell; 0 if not given */
} ce_survey_round_spec;
#define CE_SURVEY_ROUND_SPEC_INIT \
	{ CE_SURVEY_ROUND_SPEC_VERSION, 0, NULL, 0, 0, 0, (ce_survey_level)0, 0, 0u, 0 }

#define CE_SURVEY_RESPONSE_SPEC_VERSION 1
/**
 * One respondent's questionnaire in a round. A named round's response has
 * exactly one respondent, of the instrument's audience (and of the
 * round's cohort and level), at most one response per round, and no
 * attributes; an anonymous round's has no respondent, only the attributes
 * the round declares.
 */
typedef struct ce_survey_response_spec {
	unsigned int version;    /**< #CE_SURVEY_RESPONSE_SPEC_VERSION */
	int64_t round;           /**< required: the round */
	int64_t student;         /**< the respondent of a student survey; 0 otherwise */
	int64_t supervisor;      /**< the respondent of a supervisor survey (of the audience's kind); 0 otherwise */
	int64_t partner;         /**< the respondent of a partner survey; 0 otherwise */
	ce_date submitted_on;    /**< required: not before the round opens */
	int64_t cohort;          /**< anonymous: the respondent's cohort (1950..2100); 0 if not given */
	ce_survey_level level;   /**< anonymous: the respondent's level; 0 if not given */
	ce_supervisor_kind supervisor_kind; /**< anonymous: the respondent's supervisor kind; 0 if not given */
	int64_t attr_partner;    /**< anonymous: the respondent's partner; 0 if not given */
} ce_survey_response_spec;
#define CE_SURVEY_RESPONSE_SPEC_INIT \
	{ CE_SURVEY_RESPONSE_SPEC_VERSION, 0, 0, 0, 0, 0, 0, (ce_survey_level)0, (ce_supervisor_kind)0, 0 }

#define CE_SURVEY_ANSWER_SPEC_VERSION 1
/**
 * The answer of a response to one item of its round's instrument (at most
 * one per item), in exactly the column the item's kind uses: number
 * (Likert: a whole number 1..5 or 1..7; number: within the bounds), option
 * (single choice), choices (multiple choice) or text.
 */
typedef struct ce_survey_answer_spec {
	unsigned int version; /**< #CE_SURVEY_ANSWER_SPEC_VERSION */
	int64_t response;     /**< required: the response */
	int64_t item;         /**< required: an item of the round's instrument */
	double number;        /**< Likert and number items; 0 otherwise */
	int64_t option;       /**< single choice: an option of the item; 0 otherwise */
	const char *choices;  /**< multiple choice: option codes of the item joined by ';', e.g. "A;C", none repeated */
	const char *text;     /**< free-text items */
} ce_survey_answer_spec;
#define CE_SURVEY_ANSWER_SPEC_INIT { CE_SURVEY_ANSWER_SPEC_VERSION, 0, 0, 0, 0, NULL, NULL }

CE_DECLARE_RECORD_API(survey_instrument)
CE_DECLARE_RECORD_API(survey_item)
CE_DECLARE_RECORD_API(survey_option)
CE_DECLARE_RECORD_API(survey_round)
CE_DECLARE_RECORD_API(survey_response)
CE_DECLARE_RECORD_API(survey_answer)

/** @name Importing a questionnaire tool's export */
/**@{*/
/** Import: ignore columns that are neither an item code, the respondent, the
 *  date nor a declared attribute (a tool's own: 序号, IP, duration...);
 *  without it they are refused. @since 0.3 */
#define CE_SURVEY_IMPORT_SKIP_UNKNOWN 0x1u

/** The current version of ce_survey_import_options. */
#define CE_SURVEY_IMPORT_OPTIONS_VERSION 1
/**
 * Options of ce_survey_import_csv(); NULL means all defaults.
 * @since 0.3
 */
typedef struct ce_survey_import_options {
	unsigned int version;    /**< #CE_SURVEY_IMPORT_OPTIONS_VERSION */
	unsigned int flags;      /**< CE_SURVEY_IMPORT_* flags */
	const char *key_column;  /**< named rounds: the header of the respondent column, holding
	                              student numbers, supervisor staff numbers or partner names;
	                              NULL: "student", "supervisor" or "partner" as the audience */
	const char *date_column; /**< the header of the submission dates; NULL: "submitted_on" */
	ce_date submitted_on;    /**< the date of a row without one; 0: such a row is refused */
	const char *source_name; /**< the input's name in messages; NULL: the path or "<input>" */
	size_t max_bytes;        /**< largest input accepted; 0: 1 GiB */
} ce_survey_import_options;
#define CE_SURVEY_IMPORT_OPTIONS_INIT \
	{ CE_SURVEY_IMPORT_OPTIONS_VERSION, 0u, NULL, NULL, 0, NULL, 0 }

/**
 * Initialises @p opts to the defaults of @p version.
 * @return #CE_OK, or #CE_EINVALID for a NULL @p opts or an unknown version.
 * @since 0.3
 */
CE_EXTERN ce_result ce_survey_import_options_init(ce_survey_import_options *opts,
                                                  unsigned int version);

/**
 * Imports a questionnaire tool's wide CSV export into a round, all or
 * nothing: one row per respondent, one column per item, headed by the
 * item's code. A named round's rows name their respondent in the key
 * column; an anonymous round's rows may carry the attributes the round
 * declares in columns "cohort", "level" (graduate, undergraduate),
 * "supervisor_kind" (academic, enterprise) and "partner" (a partner's
 * name). A cell is a number (Likert and number items), an option's code
 * or label (single choice), codes or labels separated by ';' (multiple
 * choice) or text; an empty cell is no answer. Dates read as YYYY-MM-DD
 * or YYYY/M/D, a time after them ignored. Every response and answer runs
 * the same rules as when created one by one; the first refusal names the
 * line and column and leaves the store as it was.
 * @param db the store, with no transaction open (the import runs in its own).
 * @param round the round the responses are to.
 * @param data CSV text of @p len bytes (UTF-8, a BOM skipped).
 * @param opts options; NULL for the defaults.
 * @param[out] out_responses the number of responses created; may be NULL.
 * @return #CE_OK, #CE_EINVALID, #CE_ENOTFOUND, #CE_ECONSTRAINT, #CE_EEXISTS,
 *         #CE_EMISUSE (a transaction is open) or a storage failure.
 * @since 0.3
 */
CE_EXTERN ce_result ce_survey_import_csv(ce_db *db, int64_t round, const char *data, size_t len,
                                         const ce_survey_import_options *opts,
                                         uint64_t *out_responses);

/**
 * As ce_survey_import_csv(), reading the file at @p path ("-": standard
 * input).
 * @return as ce_survey_import_csv(); #CE_ENOTFOUND for a missing file.
 * @since 0.3
 */
CE_EXTERN ce_result ce_survey_import_csv_path(ce_db *db, int64_t round, const char *path,
                                              const ce_survey_import_options *opts,
                                              uint64_t *out_responses);
/**@}*/

#ifdef __cplusplus
}
#endif
#endif
