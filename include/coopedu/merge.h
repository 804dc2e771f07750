/**
 * @file coopedu/merge.h
 * @brief Two records that name one thing (a company typed twice, a
 *        supervisor entered twice) merged into one.
 */
#ifndef COOPEDU_MERGE_H
#define COOPEDU_MERGE_H

#include "table.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Merges record @p drop into record @p keep of @p entity: the two name the
 * same thing (a company typed twice, one person entered twice). In one
 * transaction, every reference to @p drop (any column of any table that
 * refers to the entity, found through the schema) is re-pointed to
 * @p keep; a re-pointed row that would duplicate a unique key of another
 * row (the same link twice, e.g. @p keep and @p drop both party to one
 * agreement) is deleted instead; the fields @p keep leaves unset take
 * @p drop's values; @p drop is deleted (its lifecycle history with it).
 * Every change is audited as #CE_AUDIT_MERGE. The role needs update and
 * delete rights on the entity and update rights on what is re-pointed.
 * @param[out] report if not NULL, what was done, one row per change:
 *   action TEXT ("repointed", "duplicate_removed", "filled", "deleted"),
 *   entity TEXT (table), id INT, column TEXT (the reference re-pointed or
 *   the field filled), detail TEXT (why a duplicate went); freed with
 *   ce_table_free().
 * @return #CE_OK; #CE_EINVALID (unknown entity, same or bad ids),
 *   #CE_ENOTFOUND, #CE_EDENIED, or the refusal of a row that cannot
 *   follow (nothing changed then).
 * @since 0.2
 */
CE_EXTERN ce_result ce_merge(ce_db *db, ce_entity entity, int64_t keep, int64_t drop,
                             ce_table **report);

/** ce_merge() of two partners. @since 0.2 */
CE_EXTERN ce_result ce_partner_merge(ce_db *db, int64_t keep, int64_t drop, ce_table **report);
/** ce_merge() of two supervisors. @since 0.2 */
CE_EXTERN ce_result ce_supervisor_merge(ce_db *db, int64_t keep, int64_t drop, ce_table **report);

#ifdef __cplusplus
}
#endif
#endif
