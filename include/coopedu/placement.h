/**
 * @file coopedu/placement.h
 * @brief Placements (internships, on-site periods) with their incidents and
 *        two-way feedback: the data behind placement-health reports.
 */
#ifndef COOPEDU_PLACEMENT_H
#define COOPEDU_PLACEMENT_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A placement's status, a lifecycle moved with ce_placement_set_status():
 * planned → active | ended_early, active → completed | ended_early. A new
 * placement starts planned (the default) or active.
 */
typedef enum ce_placement_status {
	CE_PLACEMENT_STATUS_PLANNED = 1,
	CE_PLACEMENT_STATUS_ACTIVE = 2,
	CE_PLACEMENT_STATUS_COMPLETED = 3,
	CE_PLACEMENT_STATUS_ENDED_EARLY = 4
} ce_placement_status;

#define CE_PLACEMENT_SPEC_VERSION 1
/** A placement's fields. */
typedef struct ce_placement_spec {
	unsigned int version;        /**< #CE_PLACEMENT_SPEC_VERSION */
	int64_t student;             /**< required: the student placed */
	int64_t host;                /**< required: the partner hosting the student */
	int64_t platform;            /**< the platform (training base, laboratory) used; 0 if none */
	int64_t agreement;           /**< the agreement it falls under; 0 if none */
	ce_date start_date;          /**< required: first day */
	ce_date end_date;            /**< last day, not before start_date; 0 if open */
	const char *position;        /**< the post, e.g. "工艺实习生" */
	int64_t mentor;              /**< the enterprise mentor (a supervisor of kind enterprise); 0 if none */
	int64_t academic_supervisor; /**< the responsible academic supervisor (kind academic); 0 if none */
	ce_placement_status status;  /**< lifecycle; 0 on create means planned */
	ce_date status_date;         /**< when the status was entered; 0 on create means start_date */
} ce_placement_spec;
#define CE_PLACEMENT_SPEC_INIT                                                                 \
	{ CE_PLACEMENT_SPEC_VERSION, 0, 0, 0, 0, 0, 0, NULL, 0, 0, (ce_placement_status)0, 0 }

CE_DECLARE_RECORD_API(placement)

/**
 * Moves a placement's status, recording the move in its history.
 * @param db the store.
 * @param id the placement.
 * @param to the new status.
 * @param on the date of the move, not before the current status date.
 * @return #CE_OK, #CE_ENOTFOUND, #CE_EINVALID (bad date) or
 *         #CE_ETRANSITION (move not allowed, or date going backwards).
 * @since 0.1
 */
CE_EXTERN ce_result ce_placement_set_status(ce_db *db, int64_t id, ce_placement_status to,
                                            ce_date on);

/** What kind of incident happened during a placement. */
typedef enum ce_incident_kind {
	CE_INCIDENT_ABSENCE_WITHOUT_LEAVE = 1, /**< left the post without permission */
	CE_INCIDENT_MISCONDUCT = 2,            /**< broke the conduct terms */
	CE_INCIDENT_SAFETY = 3,                /**< a safety incident */
	CE_INCIDENT_OTHER = 4
} ce_incident_kind;

#define CE_INCIDENT_SPEC_VERSION 1
/** An incident's fields. */
typedef struct ce_incident_spec {
	unsigned int version;    /**< #CE_INCIDENT_SPEC_VERSION */
	int64_t placement;       /**< required: the placement it happened in */
	ce_date occurred_on;     /**< required: not before the placement's start_date */
	ce_incident_kind kind;   /**< required */
	const char *description; /**< what happened */
	ce_date resolved_on;     /**< when it was settled, not before occurred_on; 0 if open */
} ce_incident_spec;
#define CE_INCIDENT_SPEC_INIT { CE_INCIDENT_SPEC_VERSION, 0, 0, (ce_incident_kind)0, NULL, 0 }

CE_DECLARE_RECORD_API(incident)

/** Who gave feedback to whom. */
typedef enum ce_feedback_direction {
	CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL = 1, /**< the host tells the school */
	CE_FEEDBACK_DIRECTION_SCHOOL_TO_ENTERPRISE = 2, /**< the school tells the host */
	CE_FEEDBACK_DIRECTION_STUDENT_TO_SCHOOL = 3     /**< the student tells the school */
} ce_feedback_direction;

#define CE_FEEDBACK_SPEC_VERSION 1
/** A feedback's fields. */
typedef struct ce_feedback_spec {
	unsigned int version;            /**< #CE_FEEDBACK_SPEC_VERSION */
	int64_t placement;               /**< required: the placement it is about */
	ce_feedback_direction direction; /**< required */
	ce_date given_on;                /**< required: not before the placement's start_date */
	double score;                    /**< satisfaction, 0..100 */
	const char *comment;             /**< free-form remarks */
} ce_feedback_spec;
#define CE_FEEDBACK_SPEC_INIT \
	{ CE_FEEDBACK_SPEC_VERSION, 0, (ce_feedback_direction)0, 0, 0.0, NULL }

CE_DECLARE_RECORD_API(feedback)

#ifdef __cplusplus
}
#endif
#endif
