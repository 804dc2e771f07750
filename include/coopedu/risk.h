/**
 * @file coopedu/risk.h
 * @brief The risk register: what could go wrong in an agreement, a project
 *        or a placement (financial, moral, safety, intellectual property,
 *        confidentiality, schedule), how likely and how bad, who owns it,
 *        and what became of it.
 */
#ifndef COOPEDU_RISK_H
#define COOPEDU_RISK_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What kind of harm a risk threatens. */
typedef enum ce_risk_kind {
	CE_RISK_FINANCIAL = 1,        /**< money: unpaid contributions, budget overrun */
	CE_RISK_MORAL = 2,            /**< moral / ethical, e.g. students used as cheap labour */
	CE_RISK_SAFETY = 3,           /**< physical safety on site */
	CE_RISK_INTELLECTUAL_PROPERTY = 4, /**< ownership of inventions and results */
	CE_RISK_CONFIDENTIALITY = 5,  /**< trade secrets, personal data */
	CE_RISK_SCHEDULE = 6          /**< delays to the work or the degree */
} ce_risk_kind;

/**
 * A risk's status, a lifecycle moved with ce_risk_set_status(): open →
 * mitigated | realised | closed, mitigated → closed | realised | open. A
 * new risk starts open.
 */
typedef enum ce_risk_status {
	CE_RISK_STATUS_OPEN = 1,      /**< identified, not yet under control */
	CE_RISK_STATUS_MITIGATED = 2, /**< the mitigation is in place; still watched */
	CE_RISK_STATUS_CLOSED = 3,    /**< no longer a risk */
	CE_RISK_STATUS_REALISED = 4   /**< it happened (see realised_by) */
} ce_risk_status;

#define CE_RISK_SPEC_VERSION 1
/**
 * A risk's fields. Exactly one subject (agreement, project or placement)
 * and exactly one owner (owner_supervisor or owner_partner).
 * Exposure = likelihood × impact (1..25).
 */
typedef struct ce_risk_spec {
	unsigned int version;     /**< #CE_RISK_SPEC_VERSION */
	int64_t agreement;        /**< the agreement at risk; 0 if the subject is another */
	int64_t project;          /**< the project at risk; 0 if the subject is another */
	int64_t placement;        /**< the placement at risk; 0 if the subject is another */
	ce_risk_kind kind;        /**< required */
	const char *title;        /**< required, e.g. "学生被当作廉价劳动力" */
	int64_t likelihood;       /**< required: 1 (rare) .. 5 (almost certain) */
	int64_t impact;           /**< required: 1 (negligible) .. 5 (severe) */
	int64_t owner_supervisor; /**< the supervisor who owns it; 0 if a partner does */
	int64_t owner_partner;    /**< the partner who owns it; 0 if a supervisor does */
	const char *mitigation;   /**< what is done about it */
	ce_date identified_on;    /**< required: when it entered the register */
	ce_date review_on;        /**< next review, not before identified_on; 0 if none */
	ce_risk_status status;    /**< lifecycle; 0 on create means open */
	ce_date status_date;      /**< when the status was entered; 0 on create means identified_on */
	int64_t realised_by;      /**< the incident that realised it: set exactly when realised */
} ce_risk_spec;
#define CE_RISK_SPEC_INIT                                                                      \
	{ CE_RISK_SPEC_VERSION, 0, 0, 0, (ce_risk_kind)0, NULL, 0, 0, 0, 0, NULL, 0, 0,           \
	  (ce_risk_status)0, 0, 0 }

CE_DECLARE_RECORD_API(risk)

/**
 * Moves a risk's status, recording the move in its history. A move to
 * realised needs realised_by set first (ce_risk_update() may set both:
 * see the rules in the README); a move away from realised is refused.
 * @param db the store.
 * @param id the risk.
 * @param to the new status.
 * @param on the date of the move, not before the current status date.
 * @return #CE_OK, #CE_ENOTFOUND, #CE_EINVALID or #CE_ETRANSITION.
 * @since 0.3
 */
CE_EXTERN ce_result ce_risk_set_status(ce_db *db, int64_t id, ce_risk_status to, ce_date on);

#ifdef __cplusplus
}
#endif
#endif
