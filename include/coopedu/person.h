/**
 * @file coopedu/person.h
 * @brief People's rights over their data (PIPL, GDPR, FERPA): everything the
 *        store holds about one student or supervisor, and anonymising a
 *        person who has left.
 */
#ifndef COOPEDU_PERSON_H
#define COOPEDU_PERSON_H

#include "io.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Writes everything the store holds about one person as one JSON document
 * (for an access or portability request): their own record, and every
 * record that names them (supervisions, placements, guidance, progress
 * reports, evaluations, contributions, destinations, assignments, team
 * memberships...), each with its lifecycle history, references written as
 * natural keys where they exist. The handle's role must be able to read the
 * person (#CE_ENOTFOUND otherwise).
 * @param entity #CE_ENTITY_STUDENT or #CE_ENTITY_SUPERVISOR.
 * @param key the student's number or the supervisor's staff number.
 * @param write where the document goes (see io.h).
 * @return #CE_OK, #CE_EINVALID, #CE_ENOTFOUND, #CE_ENOMEM, #CE_EBACKEND or the
 *         write function's failure.
 * @since 0.2
 */
CE_EXTERN ce_result ce_person_export(ce_db *db, ce_entity entity, const char *key,
                                     ce_write_fn write, void *ctx);

/** ce_person_export() into a file ("-": standard output). @since 0.2 */
CE_EXTERN ce_result ce_person_export_path(ce_db *db, ce_entity entity, const char *key,
                                          const char *path);

/**
 * Anonymises a person who has left: their identifying fields are replaced
 * (a student's number and name, a supervisor's name, staff number, title and
 * field) by a pseudonym stable within the store, and the same values are
 * replaced in earlier audit entries; every record that statistics and
 * reports need is kept, so every report gives the same totals before and
 * after. Recorded in the audit trail. Irreversible: the library keeps no
 * copy of what it replaced. Only trusted, admin and office handles may
 * anonymise (#CE_EDENIED otherwise).
 * @param entity #CE_ENTITY_STUDENT or #CE_ENTITY_SUPERVISOR.
 * @param key the student's number or the supervisor's staff number.
 * @return #CE_OK, #CE_EINVALID, #CE_ENOTFOUND, #CE_EDENIED, #CE_EMISUSE (a
 *         transaction is open: it runs in its own), #CE_EBUSY or #CE_EBACKEND;
 *         on failure nothing changed.
 * @since 0.2
 */
CE_EXTERN ce_result ce_person_anonymise(ce_db *db, ce_entity entity, const char *key);

#ifdef __cplusplus
}
#endif
#endif
