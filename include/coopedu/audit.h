/**
 * @file coopedu/audit.h
 * @brief The audit trail: every change to a store, who made it, when and
 *        in which role, with each changed column's old and new value.
 *
 * Every call that changes records appends, in its own transaction, one
 * entry per changed record (a cascade's deletions and detachments each
 * have theirs), so a refused or rolled-back call leaves none. Nothing in
 * the API edits or deletes an entry; the one exception is
 * ce_person_anonymise(), which also replaces the anonymised person's
 * identifying values in earlier entries (and records itself).
 */
#ifndef COOPEDU_AUDIT_H
#define COOPEDU_AUDIT_H

#include "db.h"
#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What an entry records. @since 0.2 */
typedef enum ce_audit_op {
	CE_AUDIT_CREATE = 1,  /**< a record was created */
	CE_AUDIT_UPDATE,      /**< columns of a record changed */
	CE_AUDIT_DELETE,      /**< a record was deleted */
	CE_AUDIT_CASCADE,     /**< a record was deleted or detached by another's deletion */
	CE_AUDIT_TRANSITION,  /**< a lifecycle moved */
	CE_AUDIT_IMPORT,      /**< a record was created by an import */
	CE_AUDIT_MERGE,       /**< a record was re-pointed or removed by a merge */
	CE_AUDIT_ANONYMISE,   /**< a person's identifying fields were replaced */
	CE_AUDIT_OP_LAST = CE_AUDIT_ANONYMISE
} ce_audit_op;

/** The operation's name ("create", ...), or NULL. @since 0.2 */
CE_EXTERN const char *ce_audit_op_name(ce_audit_op op);

#define CE_AUDIT_FILTER_VERSION 1
/** Which entries to read; zero members do not filter. @since 0.2 */
typedef struct ce_audit_filter {
	unsigned int version; /**< #CE_AUDIT_FILTER_VERSION */
	ce_entity entity;     /**< entries about records of this entity */
	int64_t record;       /**< ... with this id (needs entity) */
	const char *actor;    /**< entries made by this actor */
	ce_date from, to;     /**< entries made on these days (UTC), inclusive */
} ce_audit_filter;
#define CE_AUDIT_FILTER_INIT { CE_AUDIT_FILTER_VERSION, (ce_entity)0, 0, NULL, 0, 0 }

/** One entry: a detached copy, valid until ce_audit_entry_free(). */
typedef struct ce_audit_entry ce_audit_entry;
/** An iteration over entries, oldest first. */
typedef struct ce_audit_iter ce_audit_iter;

/**
 * Starts reading the audit trail. Only trusted, admin and office handles
 * may read it.
 * @param[out] out the iterator, freed with ce_audit_iter_free().
 * @param filter which entries, or NULL for all.
 * @return #CE_OK, #CE_EINVALID, #CE_EDENIED, #CE_ENOMEM or #CE_EBACKEND.
 * @since 0.2
 */
CE_EXTERN ce_result ce_audit_iter_new(ce_audit_iter **out, ce_db *db, const ce_audit_filter *filter);
/**
 * The next entry.
 * @param[out] out the entry, freed with ce_audit_entry_free().
 * @return #CE_OK, #CE_ITEROVER at the end, or a failure.
 * @since 0.2
 */
CE_EXTERN ce_result ce_audit_iter_next(ce_audit_entry **out, ce_audit_iter *iter);
/** Ends the iteration; NULL is ignored. @since 0.2 */
CE_EXTERN void ce_audit_iter_free(ce_audit_iter *iter);
/** Frees an entry; NULL is ignored. @since 0.2 */
CE_EXTERN void ce_audit_entry_free(ce_audit_entry *entry);

/** The entry's own id (entries are numbered in the order made). @since 0.2 */
CE_EXTERN int64_t ce_audit_entry_id(const ce_audit_entry *entry);
/** When: "YYYY-MM-DDTHH:MM:SSZ" (UTC), owned by the entry. @since 0.2 */
CE_EXTERN const char *ce_audit_entry_at(const ce_audit_entry *entry);
/** Who: the handle's actor, or NULL for a trusted handle. @since 0.2 */
CE_EXTERN const char *ce_audit_entry_actor(const ce_audit_entry *entry);
/** In which role (#CE_ROLE_NONE for a trusted handle). @since 0.2 */
CE_EXTERN ce_role ce_audit_entry_role(const ce_audit_entry *entry);
/** What was done. @since 0.2 */
CE_EXTERN ce_audit_op ce_audit_entry_op(const ce_audit_entry *entry);
/** To a record of which entity. @since 0.2 */
CE_EXTERN ce_entity ce_audit_entry_entity(const ce_audit_entry *entry);
/** The record's id. @since 0.2 */
CE_EXTERN int64_t ce_audit_entry_record(const ce_audit_entry *entry);
/**
 * The changed columns as a JSON object, each column naming [old, new]
 * (null for a value not there: a create's old, a delete's new); dates as
 * "YYYY-MM-DD", enumerations as their tokens, references as the ids they
 * hold, flags as their bit set and booleans as 0 or 1, as stored. Owned by
 * the entry.
 * @since 0.2
 */
CE_EXTERN const char *ce_audit_entry_changes(const ce_audit_entry *entry);

#ifdef __cplusplus
}
#endif
#endif
