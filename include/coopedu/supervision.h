/**
 * @file coopedu/supervision.h
 * @brief Supervision: who supervises a student, in which role, when.
 *
 * A graduate student on a subtopic of a joint project is expected to have
 * an academic main supervisor and an enterprise supervisor; a student
 * lacking one is reported by the analytics, never refused here.
 */
#ifndef COOPEDU_SUPERVISION_H
#define COOPEDU_SUPERVISION_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The role a supervisor plays for a student. */
typedef enum ce_supervision_role {
	CE_SUPERVISION_ROLE_MAIN = 1,      /**< main supervisor (主导师) */
	CE_SUPERVISION_ROLE_DEPUTY = 2,    /**< deputy supervisor (副导师) */
	CE_SUPERVISION_ROLE_ENTERPRISE = 3 /**< enterprise supervisor; must be of kind enterprise */
} ce_supervision_role;

#define CE_SUPERVISION_SPEC_VERSION 1
/** A supervision's fields. */
typedef struct ce_supervision_spec {
	unsigned int version;     /**< #CE_SUPERVISION_SPEC_VERSION */
	int64_t student;          /**< required: the student supervised */
	int64_t supervisor;       /**< required: the supervisor */
	ce_supervision_role role; /**< required */
	ce_date start_date;       /**< required: first day of the supervision */
	ce_date end_date;         /**< last day, not before start_date; 0 while ongoing */
} ce_supervision_spec;
#define CE_SUPERVISION_SPEC_INIT \
	{ CE_SUPERVISION_SPEC_VERSION, 0, 0, (ce_supervision_role)0, 0, 0 }

CE_DECLARE_RECORD_API(supervision)

#ifdef __cplusplus
}
#endif
#endif
