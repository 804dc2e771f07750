/**
 * @file coopedu/record.h
 * @brief The record model every entity shares: entity and column
 *        introspection, filters, generic records, and the typed API family
 *        declared for each entity with CE_DECLARE_RECORD_API().
 *
 * Every entity (partner, project, student, ...) is a table of records with
 * an int64 id (> 0) and typed columns. Two equivalent ways to reach them:
 *
 * - the typed API, e.g. ce_partner_create() with a ce_partner_spec, for C
 *   programs that know the entity at compile time;
 * - the generic API (ce_record_*), by entity and column name, for tools
 *   that work on any entity (import/export, the CLI, language bindings).
 *
 * Both run through the same core: the same validation, the same rules, the
 * same error codes. Records are detached copies: they stay valid after the
 * store is closed, until freed.
 */
#ifndef COOPEDU_RECORD_H
#define COOPEDU_RECORD_H

#include "db.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The entities. Numbers are stable; new entities are appended. */
typedef enum ce_entity {
	CE_ENTITY_PARTNER = 1,
	CE_ENTITY_AGREEMENT = 2,
	CE_ENTITY_AGREEMENT_PARTY = 3,
	CE_ENTITY_PLATFORM = 4,
	CE_ENTITY_PLATFORM_HOST = 5,
	CE_ENTITY_PROJECT = 6,
	CE_ENTITY_PROJECT_PARTNER = 7,
	CE_ENTITY_SUBTOPIC = 8,
	CE_ENTITY_SUBTOPIC_IO = 9,
	CE_ENTITY_SUBTOPIC_DEPENDENCY = 10,
	CE_ENTITY_MILESTONE = 11,
	CE_ENTITY_BUDGET_LINE = 12,
	CE_ENTITY_SUBTOPIC_ASSIGNMENT = 13,
	CE_ENTITY_SUPERVISOR = 14,
	CE_ENTITY_TEAM = 15,
	CE_ENTITY_TEAM_MEMBER = 16,
	CE_ENTITY_TEAM_MEETING = 17,
	CE_ENTITY_STUDENT = 18,
	CE_ENTITY_SUPERVISION = 19,
	CE_ENTITY_GUIDANCE_SESSION = 20,
	CE_ENTITY_GUIDANCE_ATTENDEE = 21,
	CE_ENTITY_EVALUATION = 22,
	CE_ENTITY_PROGRESS_REPORT = 23,
	CE_ENTITY_PLACEMENT = 24,
	CE_ENTITY_INCIDENT = 25,
	CE_ENTITY_FEEDBACK = 26,
	CE_ENTITY_OUTCOME = 27,
	CE_ENTITY_OUTCOME_CONTRIBUTOR = 28,
	CE_ENTITY_OUTCOME_ATTRIBUTION = 29,
	CE_ENTITY_OUTCOME_DERIVATION = 30,
	CE_ENTITY_DESTINATION = 31,
	CE_ENTITY_RISK = 32, /**< @since 0.3 */
	CE_ENTITY_SURVEY_INSTRUMENT = 33,  /**< @since 0.3 */
	CE_ENTITY_SURVEY_ITEM = 34,        /**< @since 0.3 */
	CE_ENTITY_SURVEY_OPTION = 35,      /**< @since 0.3 */
	CE_ENTITY_SURVEY_ROUND = 36,       /**< @since 0.3 */
	CE_ENTITY_SURVEY_RESPONSE = 37,    /**< @since 0.3 */
	CE_ENTITY_SURVEY_ANSWER = 38,      /**< @since 0.3 */
	CE_ENTITY_TRAINING_COURSE = 39,    /**< @since 0.3 */
	CE_ENTITY_TRAINING_ENROLMENT = 40, /**< @since 0.3 */
	CE_ENTITY_PLATFORM_EQUIPMENT = 41, /**< @since 0.3 */
	CE_ENTITY_PLATFORM_FUNDING = 42,   /**< @since 0.3 */
	CE_ENTITY_AGREEMENT_SHARE = 43,    /**< @since 0.3 */
	CE_ENTITY_OUTCOME_OWNER = 44,      /**< @since 0.3 */
	CE_ENTITY_TEAM_MEETING_ATTENDEE = 45 /**< @since 0.3 */
} ce_entity;

/** The highest entity number this library knows. */
#define CE_ENTITY_LAST CE_ENTITY_TEAM_MEETING_ATTENDEE

/** Column types. Every column except id may be NULL unless required. */
typedef enum ce_column_type {
	CE_TYPE_INT = 1,   /**< int64 */
	CE_TYPE_REAL = 2,  /**< double */
	CE_TYPE_TEXT = 3,  /**< UTF-8 text */
	CE_TYPE_DATE = 4,  /**< ce_date, stored as int64 YYYYMMDD */
	CE_TYPE_BOOL = 5,  /**< 0 or 1 */
	CE_TYPE_ENUM = 6,  /**< one value of a named set; has tokens */
	CE_TYPE_FLAGS = 7, /**< a bit set of named flags; has tokens (bit i = token i) */
	CE_TYPE_REF = 8,   /**< id of a record of another entity */
	CE_TYPE_MONEY = 9  /**< int64 minor units (fen, cents), 0..#CE_MONEY_MAX */
} ce_column_type;

/**
 * The largest amount of money a MONEY column holds: 10^15 minor units
 * (10 000 000 000 000.00 yuan); larger values are refused (#CE_EINVALID),
 * so that sums over thousands of records stay within int64.
 * @since 0.1
 */
#define CE_MONEY_MAX INT64_C(1000000000000000)

/**
 * @name Column flags, as ce_column_flags() reports them.
 * Values are stable: never renumbered, new flags take new bits.
 */
/**@{*/
#define CE_COL_REQUIRED 0x01u  /**< never NULL */
#define CE_COL_UNIQUE 0x02u    /**< no two records share a non-NULL value */
#define CE_COL_NONNEG 0x04u    /**< INT/REAL/MONEY: never negative */
#define CE_COL_LIFECYCLE 0x08u /**< ENUM moved only by transitions, with a history table */
#define CE_COL_OWNER 0x10u     /**< REF to the record this one belongs to (cascade target) */
#define CE_COL_INDEXED 0x20u   /**< worth an index (REF columns always are) */
/** The natural key: the text a person uses to name the record, unique. @since 0.2 */
#define CE_COL_KEY 0x40u
/**@}*/

/** @name Entity and column introspection. Names are lower_snake_case. */
/**@{*/
/** The name of @p entity ("partner"), or NULL if unknown. @since 0.1 */
CE_EXTERN const char *ce_entity_name(ce_entity entity);
/**
 * Looks an entity up by name.
 * @param[out] out the entity.
 * @return #CE_OK or #CE_ENOTFOUND.
 * @since 0.1
 */
CE_EXTERN ce_result ce_entity_by_name(ce_entity *out, const char *name);
/** Number of columns of @p entity, id not counted; -1 if unknown. @since 0.1 */
CE_EXTERN int ce_entity_column_count(ce_entity entity);
/**
 * Index of column @p name of @p entity.
 * @param[out] out the column index.
 * @return #CE_OK, #CE_ENOTFOUND or #CE_EINVALID.
 * @since 0.1
 */
CE_EXTERN ce_result ce_column_index(int *out, ce_entity entity, const char *name);
/** Name of column @p col of @p entity, or NULL if out of range. @since 0.1 */
CE_EXTERN const char *ce_column_name(ce_entity entity, int col);
/** Type of column @p col, or 0 if out of range. @since 0.1 */
CE_EXTERN ce_column_type ce_column_type_of(ce_entity entity, int col);
/** Whether column @p col must be set (1) or may be NULL (0). @since 0.1 */
CE_EXTERN int ce_column_required(ce_entity entity, int col);
/** For a #CE_TYPE_REF column, the entity it points at; 0 otherwise. @since 0.1 */
CE_EXTERN ce_entity ce_column_ref(ce_entity entity, int col);
/**
 * For an ENUM or FLAGS column, the token naming @p value (enum) or the bit
 * (1 << @p value) (flags), e.g. "enterprise"; NULL if none.
 * @since 0.1
 */
CE_EXTERN const char *ce_column_token(ce_entity entity, int col, int value);
/**
 * For an ENUM column, the value named by @p token; for FLAGS, the bit index.
 * @param[out] out the value.
 * @return #CE_OK, #CE_ENOTFOUND (no such token) or #CE_EINVALID.
 * @since 0.1
 */
CE_EXTERN ce_result ce_column_token_value(int *out, ce_entity entity, int col, const char *token);
/**
 * One line saying what a record of @p entity is ("an organisation the
 * university cooperates with"). Static text, valid for the process.
 * @param entity the entity.
 * @return the text, or NULL if @p entity is unknown.
 * @since 0.2
 */
CE_EXTERN const char *ce_entity_description(ce_entity entity);
/**
 * The flags of column @p col of @p entity.
 * @param entity the entity.
 * @param col the column index, 0 to ce_entity_column_count() - 1.
 * @return a bit set of CE_COL_* flags (#CE_COL_REQUIRED, #CE_COL_KEY, ...);
 *         0 if @p entity or @p col is out of range.
 * @since 0.2
 */
CE_EXTERN unsigned int ce_column_flags(ce_entity entity, int col);
/**
 * The number of token slots of an ENUM or FLAGS column: ce_column_token()
 * may name values (ENUM, from 1) or bits (FLAGS, from 0) below it.
 * @param entity the entity.
 * @param col the column index.
 * @return the count; 0 for a column without tokens or out of range.
 * @since 0.2
 */
CE_EXTERN int ce_column_token_count(ce_entity entity, int col);
/**
 * The inclusive range an INT or REAL column's values must lie in, for the
 * columns that declare one (e.g. a score of 0..100). #CE_COL_NONNEG is a
 * separate, open-ended bound and not reported here.
 * @param[out] out_min the lowest allowed value.
 * @param[out] out_max the highest allowed value.
 * @param entity the entity.
 * @param col the column index.
 * @return #CE_OK, #CE_ENOTFOUND (the column declares no range) or
 *         #CE_EINVALID (NULL argument, @p entity or @p col out of range).
 * @since 0.2
 */
CE_EXTERN ce_result ce_column_range(double *out_min, double *out_max, ce_entity entity, int col);
/**
 * Number of links of @p entity: virtual filter columns such as "partner" on
 * project (projects having that partner), usable with ce_filter_eq_int().
 * @param entity the entity.
 * @return the count (0 or more), or -1 if @p entity is unknown.
 * @since 0.2
 */
CE_EXTERN int ce_entity_link_count(ce_entity entity);
/**
 * The name of link @p link of @p entity ("partner"), static text.
 * @param entity the entity.
 * @param link the link index, 0 to ce_entity_link_count() - 1.
 * @return the name, or NULL if @p entity or @p link is out of range.
 * @since 0.2
 */
CE_EXTERN const char *ce_entity_link_name(ce_entity entity, int link);
/**
 * The entity whose record ids the values of link @p link of @p entity name
 * (#CE_ENTITY_PARTNER for project's "partner" link).
 * @param entity the entity.
 * @param link the link index.
 * @return the target entity, or 0 if @p entity or @p link is out of range.
 * @since 0.2
 */
CE_EXTERN ce_entity ce_entity_link_target(ce_entity entity, int link);
/**
 * The name of @p entity for people in language @p lang: "zh" (or "zh-CN",
 * "zh_CN", ...) gives the Chinese label ("合作单位" for partner), "en" or
 * NULL the entity's name. Static text. Used for CSV file headers and workbook sheets
 * (export with labels) and accepted back by import.
 * @param entity the entity.
 * @param lang "zh", "en" or NULL.
 * @return the label, or NULL if @p entity or @p lang is unknown.
 * @since 0.3
 */
CE_EXTERN const char *ce_entity_label(ce_entity entity, const char *lang);
/**
 * The header of column @p col of @p entity for people in language @p lang:
 * "zh" gives its Chinese label ("学号" for student number), "en" or NULL its
 * name.
 * Every column has one; within an entity no two are equal, and none is
 * "序号" (the Chinese header of the exported id) or ends in "历程" (the
 * Chinese header of a lifecycle's history is its column's label followed
 * by "历程", e.g. "状态历程"). Static text.
 * @param entity the entity.
 * @param col the column index, 0 to ce_entity_column_count() - 1.
 * @param lang "zh", "en" or NULL.
 * @return the label, or NULL if an argument is out of range or unknown.
 * @since 0.3
 */
CE_EXTERN const char *ce_column_label(ce_entity entity, int col, const char *lang);
/**@}*/

/** @name Filters: conditions that every returned record meets (AND). */
/**@{*/
/** A filter; column names are checked when it is used with an entity. */
typedef struct ce_filter ce_filter;
/**
 * Creates an empty filter (matches everything).
 * @param[out] out the filter, freed with ce_filter_free().
 * @return #CE_OK, #CE_EINVALID or #CE_ENOMEM.
 * @since 0.1
 */
CE_EXTERN ce_result ce_filter_new(ce_filter **out);
/** Frees a filter; NULL is ignored. @since 0.1 */
CE_EXTERN void ce_filter_free(ce_filter *filter);
/**
 * Requires integer-like column @p column (INT, BOOL, ENUM, REF, MONEY, DATE)
 * to equal @p value. @p column may also name a link the entity declares,
 * e.g. "partner" on project: projects having that partner in any role.
 * @return #CE_OK, #CE_EINVALID or #CE_ENOMEM.
 * @since 0.1
 */
CE_EXTERN ce_result ce_filter_eq_int(ce_filter *filter, const char *column, int64_t value);
/**
 * Requires TEXT column @p column to equal @p value exactly.
 * @return #CE_OK, #CE_EINVALID or #CE_ENOMEM.
 * @since 0.1
 */
CE_EXTERN ce_result ce_filter_eq_text(ce_filter *filter, const char *column, const char *value);
/**
 * Requires @p column (DATE, INT, MONEY, REAL) to lie in [@p low, @p high];
 * for dates 0 leaves that end open. Pass dates as ce_date values.
 * @return #CE_OK, #CE_EINVALID or #CE_ENOMEM.
 * @since 0.1
 */
CE_EXTERN ce_result ce_filter_range(ce_filter *filter, const char *column, int64_t low, int64_t high);
/**
 * Requires @p column to be NULL (unset).
 * @return #CE_OK, #CE_EINVALID or #CE_ENOMEM.
 * @since 0.1
 */
CE_EXTERN ce_result ce_filter_is_null(ce_filter *filter, const char *column);
/**@}*/

/** @name Generic records */
/**@{*/
/** A detached copy of one record, or a blank one to fill in and insert. */
typedef struct ce_record ce_record;
/** An iterator over the records of one entity, in id order. */
typedef struct ce_record_iter ce_record_iter;

/**
 * Creates a blank record of @p entity with every column NULL, to fill in
 * with ce_record_set_*() and store with ce_record_insert().
 * @param[out] out the record, freed with ce_record_free().
 * @return #CE_OK, #CE_EINVALID or #CE_ENOMEM.
 * @since 0.1
 */
CE_EXTERN ce_result ce_record_new(ce_record **out, ce_entity entity);
/** Frees a record; NULL is ignored. @since 0.1 */
CE_EXTERN void ce_record_free(ce_record *record);
/** Entity of @p record. @since 0.1 */
CE_EXTERN ce_entity ce_record_entity(const ce_record *record);
/** Id of @p record, 0 for a blank one not yet inserted. @since 0.1 */
CE_EXTERN int64_t ce_record_id(const ce_record *record);

/** Whether column @p col is NULL (1), set (0), or out of range (-1). @since 0.1 */
CE_EXTERN int ce_record_is_null(const ce_record *record, int col);
/**
 * Reads an integer-like column (INT, DATE, BOOL, ENUM, FLAGS, REF, MONEY).
 * @param[out] out the value; 0 when NULL.
 * @return #CE_OK or #CE_EINVALID (no such column, or not integer-like).
 * @since 0.1
 */
CE_EXTERN ce_result ce_record_get_int(int64_t *out, const ce_record *record, int col);
/**
 * Reads a REAL column.
 * @param[out] out the value; 0.0 when NULL.
 * @return #CE_OK or #CE_EINVALID.
 * @since 0.1
 */
CE_EXTERN ce_result ce_record_get_real(double *out, const ce_record *record, int col);
/**
 * Reads a TEXT column: the text, or NULL when unset or not a TEXT column.
 * Borrowed: valid until @p record is freed or that column is set again.
 * @since 0.1
 */
CE_EXTERN const char *ce_record_get_text(const ce_record *record, int col);

/** Sets an integer-like column of @p record by name. @return #CE_OK or #CE_EINVALID. @since 0.1 */
CE_EXTERN ce_result ce_record_set_int(ce_record *record, const char *column, int64_t value);
/** Sets a REAL column of @p record by name. @return #CE_OK or #CE_EINVALID. @since 0.1 */
CE_EXTERN ce_result ce_record_set_real(ce_record *record, const char *column, double value);
/** Sets a TEXT column (copied) of @p record; NULL makes it NULL. @return #CE_OK, #CE_EINVALID or #CE_ENOMEM. @since 0.1 */
CE_EXTERN ce_result ce_record_set_text(ce_record *record, const char *column, const char *value);
/** Makes a column NULL. @return #CE_OK or #CE_EINVALID. @since 0.1 */
CE_EXTERN ce_result ce_record_set_null(ce_record *record, const char *column);

/**
 * Validates and stores @p record as a new record. Lifecycle columns of a new
 * record take their initial state (or the given one, if it is initial).
 * @param[out] out_id the new id (may be NULL).
 * @return #CE_OK, #CE_EINVALID, #CE_EEXISTS, #CE_ECONSTRAINT, #CE_ECYCLE,
 *         #CE_ETRANSITION, #CE_EBUSY or #CE_EBACKEND. On failure the store is
 *         unchanged.
 * @since 0.1
 */
CE_EXTERN ce_result ce_record_insert(int64_t *out_id, ce_db *db, const ce_record *record);
/**
 * Replaces every column of the stored record whose id @p record carries.
 * Lifecycle columns must keep their stored value: use ce_record_transition().
 * @return as ce_record_insert(), plus #CE_ENOTFOUND.
 * @since 0.1
 */
CE_EXTERN ce_result ce_record_update(ce_db *db, const ce_record *record);
/**
 * Reads one record.
 * @param[out] out the record, freed with ce_record_free().
 * @return #CE_OK, #CE_ENOTFOUND, #CE_EINVALID or #CE_EBACKEND.
 * @since 0.1
 */
CE_EXTERN ce_result ce_record_lookup(ce_record **out, ce_db *db, ce_entity entity, int64_t id);

/** @name Flags for the delete functions */
/**@{*/
/** Refuse with #CE_ECONSTRAINT if any record points at this one (the default). */
#define CE_DELETE_RESTRICT 0x0u
/**
 * Also delete every record that requires this one (recursively), and clear
 * optional references to it.
 */
#define CE_DELETE_CASCADE 0x1u
/**@}*/

/**
 * Deletes a record.
 * @param flags #CE_DELETE_RESTRICT or #CE_DELETE_CASCADE.
 * @return #CE_OK, #CE_ENOTFOUND, #CE_ECONSTRAINT (still referenced, names
 *         who), #CE_EINVALID or #CE_EBACKEND.
 * @since 0.1
 */
CE_EXTERN ce_result ce_record_delete(ce_db *db, ce_entity entity, int64_t id, unsigned int flags);

/**
 * Moves lifecycle column @p column ("status", "stage") of a record to
 * state @p to on date @p on, recording the transition in its history.
 * @return #CE_OK, #CE_ENOTFOUND, #CE_EINVALID (not a lifecycle column, bad
 *         date), #CE_ETRANSITION (move not allowed, or @p on before the
 *         current state's date).
 * @since 0.1
 */
CE_EXTERN ce_result ce_record_transition(ce_db *db, ce_entity entity, int64_t id,
                                         const char *column, int to, ce_date on);

/**
 * Starts an iteration over the records of @p entity that match @p filter
 * (NULL: all), in id order.
 *
 * Writes during the iteration: updating or deleting the records already
 * returned is safe, and each record is returned once. A record inserted
 * through the same handle while the iteration is under way (it gets a
 * larger id than any returned) is returned by the memory and SQLite
 * backends, which read the live table as they go, and not by PostgreSQL,
 * which reads the whole result when the iterator is created. Code that
 * must not see its own insertions collects the ids first.
 * @param[out] out the iterator, freed with ce_record_iter_free().
 * @return #CE_OK, #CE_EINVALID (unknown column in the filter) or #CE_EBACKEND.
 * @since 0.1
 */
CE_EXTERN ce_result ce_record_iter_new(ce_record_iter **out, ce_db *db, ce_entity entity,
                                       const ce_filter *filter);
/**
 * Fetches the next record.
 * @param[out] out the record, freed with ce_record_free().
 * @return #CE_OK, #CE_ITEROVER at the end, or an error.
 * @since 0.1
 */
CE_EXTERN ce_result ce_record_iter_next(ce_record **out, ce_record_iter *iter);
/** Frees an iterator; NULL is ignored. @since 0.1 */
CE_EXTERN void ce_record_iter_free(ce_record_iter *iter);

/**
 * Counts the records of @p entity matching @p filter (NULL: all).
 * @param[out] out the count.
 * @return #CE_OK, #CE_EINVALID or #CE_EBACKEND.
 * @since 0.1
 */
CE_EXTERN ce_result ce_record_count(int64_t *out, ce_db *db, ce_entity entity, const ce_filter *filter);
/**@}*/

/** @name Lifecycle history */
/**@{*/
/** One recorded move of a lifecycle column. */
typedef struct ce_transition {
	int from;   /**< state left (0 for the initial state) */
	int to;     /**< state entered */
	ce_date on; /**< date of the move */
} ce_transition;

/**
 * The history of lifecycle column @p column of a record, oldest first; its
 * first entry is the initial state (from 0).
 * @param[out] out an array freed with ce_transitions_free() (NULL if empty).
 * @param[out] out_count its length.
 * @return #CE_OK, #CE_ENOTFOUND, #CE_EINVALID or #CE_EBACKEND.
 * @since 0.1
 */
CE_EXTERN ce_result ce_history(ce_transition **out, size_t *out_count, ce_db *db,
                               ce_entity entity, int64_t id, const char *column);
/** Frees an array from ce_history(); NULL is ignored. @since 0.1 */
CE_EXTERN void ce_transitions_free(ce_transition *transitions);
/**@}*/

/**
 * Declares the typed API of one entity NOUN whose spec struct
 * ce_NOUN_spec (first member `unsigned int version`) is already declared:
 *
 * - ce_NOUN: a detached record; ce_NOUN_id(), ce_NOUN_fields() (its
 *   values as a spec, borrowed until ce_NOUN_free()), ce_NOUN_free();
 * - ce_NOUN_spec_init(spec, version): fills defaults for that version;
 * - ce_NOUN_create(&id, db, spec), ce_NOUN_update(db, id, spec),
 *   ce_NOUN_lookup(&rec, db, id), ce_NOUN_delete(db, id, flags);
 * - ce_NOUN_iter_new(&it, db, filter), ce_NOUN_iter_next(&rec, it)
 *   (#CE_ITEROVER at the end), ce_NOUN_iter_free(it).
 *
 * They behave exactly as the generic functions of the same verb.
 * A spec's text fields are copied. A NULL text and a 0 id, date or enum
 * mean "unset"; number, money, boolean and flag fields are always set, 0
 * being their default.
 */
#define CE_DECLARE_RECORD_API(NOUN)                                                          \
	typedef struct ce_##NOUN ce_##NOUN;                                                      \
	typedef struct ce_##NOUN##_iter ce_##NOUN##_iter;                                        \
	CE_EXTERN ce_result ce_##NOUN##_spec_init(ce_##NOUN##_spec *spec, unsigned int version); \
	CE_EXTERN ce_result ce_##NOUN##_create(int64_t *out_id, ce_db *db,                     \
	                                       const ce_##NOUN##_spec *spec);                  \
	CE_EXTERN ce_result ce_##NOUN##_update(ce_db *db, int64_t id,                          \
	                                       const ce_##NOUN##_spec *spec);                  \
	CE_EXTERN ce_result ce_##NOUN##_lookup(ce_##NOUN **out, ce_db *db, int64_t id);        \
	CE_EXTERN ce_result ce_##NOUN##_delete(ce_db *db, int64_t id, unsigned int flags);     \
	CE_EXTERN int64_t ce_##NOUN##_id(const ce_##NOUN *record);                             \
	CE_EXTERN const ce_##NOUN##_spec *ce_##NOUN##_fields(const ce_##NOUN *record);         \
	CE_EXTERN void ce_##NOUN##_free(ce_##NOUN *record);                                    \
	CE_EXTERN ce_result ce_##NOUN##_iter_new(ce_##NOUN##_iter **out, ce_db *db,            \
	                                         const ce_filter *filter);                     \
	CE_EXTERN ce_result ce_##NOUN##_iter_next(ce_##NOUN **out, ce_##NOUN##_iter *iter);    \
	CE_EXTERN void ce_##NOUN##_iter_free(ce_##NOUN##_iter *iter);

#ifdef __cplusplus
}
#endif
#endif
