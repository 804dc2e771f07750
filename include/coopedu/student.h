/**
 * @file coopedu/student.h
 * @brief Students: undergraduates and graduates trained with partners.
 */
#ifndef COOPEDU_STUDENT_H
#define COOPEDU_STUDENT_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A student's degree level. */
typedef enum ce_student_level {
	CE_STUDENT_LEVEL_UNDERGRADUATE = 1,       /**< 本科生 */
	CE_STUDENT_LEVEL_ACADEMIC_MASTER = 2,     /**< 学术型硕士 */
	CE_STUDENT_LEVEL_PROFESSIONAL_MASTER = 3, /**< 专业学位硕士 */
	CE_STUDENT_LEVEL_DOCTORAL = 4             /**< 博士生 */
} ce_student_level;

/**
 * A student's status, a lifecycle moved with ce_student_set_status():
 * enrolled → graduated | withdrawn. A new record may start in any state so
 * that past cohorts can be entered.
 */
typedef enum ce_student_status {
	CE_STUDENT_STATUS_ENROLLED = 1,
	CE_STUDENT_STATUS_GRADUATED = 2,
	CE_STUDENT_STATUS_WITHDRAWN = 3
} ce_student_status;

#define CE_STUDENT_SPEC_VERSION 1
/** A student's fields. */
typedef struct ce_student_spec {
	unsigned int version;     /**< #CE_STUDENT_SPEC_VERSION */
	const char *number;       /**< required, unique student number, e.g. "2014010203" */
	const char *name;         /**< required, e.g. "李明" */
	ce_student_level level;   /**< required */
	int64_t cohort;           /**< required: enrolment year, 1950..2100 */
	const char *major;        /**< e.g. "材料工程" */
	ce_student_status status; /**< lifecycle; 0 on create means enrolled */
	ce_date status_date;      /**< required on create: when the status was entered */
} ce_student_spec;
#define CE_STUDENT_SPEC_INIT \
	{ CE_STUDENT_SPEC_VERSION, NULL, NULL, (ce_student_level)0, 0, NULL, (ce_student_status)0, 0 }

CE_DECLARE_RECORD_API(student)

/**
 * Looks a student up by student number.
 * @param[out] out the record, freed with ce_student_free().
 * @param db the store.
 * @param number the unique student number.
 * @return #CE_OK, #CE_ENOTFOUND or #CE_EINVALID.
 * @since 0.1
 */
CE_EXTERN ce_result ce_student_lookup_by_number(ce_student **out, ce_db *db, const char *number);

/**
 * Moves a student's status, recording the move in its history.
 * @param db the store.
 * @param id the student.
 * @param to the new status.
 * @param on the date of the move, not before the current status date.
 * @return #CE_OK, #CE_ENOTFOUND, #CE_EINVALID (bad date) or
 *         #CE_ETRANSITION (move not allowed, or date going backwards).
 * @since 0.1
 */
CE_EXTERN ce_result ce_student_set_status(ce_db *db, int64_t id, ce_student_status to, ce_date on);

#ifdef __cplusplus
}
#endif
#endif
