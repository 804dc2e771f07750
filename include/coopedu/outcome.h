/**
 * @file coopedu/outcome.h
 * @brief Outcomes of cooperative training (patents, papers, products,
 *        entrepreneurship projects, ...): a lifecycle per kind, ordered
 *        contributors, attribution to subtopics, projects and partners, and
 *        "derived from" links.
 */
#ifndef COOPEDU_OUTCOME_H
#define COOPEDU_OUTCOME_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What an outcome is; it decides the outcome's lifecycle and cannot change. */
typedef enum ce_outcome_kind {
	CE_OUTCOME_INVENTION_PATENT = 1,         /**< 发明专利: filed → published → granted */
	CE_OUTCOME_UTILITY_MODEL_PATENT = 2,     /**< 实用新型专利: as invention, or filed → granted */
	CE_OUTCOME_SOFTWARE_COPYRIGHT = 3,       /**< 软件著作权: filed → registered */
	CE_OUTCOME_PAPER = 4,                    /**< submitted → accepted → published */
	CE_OUTCOME_PRODUCT = 5,                  /**< prototype → pilot → mass_production */
	CE_OUTCOME_STANDARD = 6,                 /**< drafted → published */
	CE_OUTCOME_AWARD = 7,                    /**< granted, no further moves */
	CE_OUTCOME_FEASIBILITY_REPORT = 8,       /**< drafted → completed */
	CE_OUTCOME_BUSINESS_PLAN = 9,            /**< drafted → completed */
	CE_OUTCOME_ECONOMIC_ANALYSIS = 10,       /**< drafted → completed */
	CE_OUTCOME_ENTREPRENEURSHIP_PROJECT = 11, /**< 大学生创业训练项目: proposed → approved → … */
	CE_OUTCOME_STARTUP = 12,                 /**< founded → operating → closed */
	CE_OUTCOME_TECHNOLOGY_TRANSFER = 13      /**< negotiated → signed → completed */
} ce_outcome_kind;

/**
 * An outcome's status. Each kind uses its own subset, moved with
 * ce_outcome_set_status() along the kind's transitions; a new outcome
 * starts in its kind's first state:
 * - patents: filed → published | rejected | withdrawn; published →
 *   granted | rejected | withdrawn; utility-model patents also filed → granted;
 * - software_copyright: filed → registered;
 * - paper: submitted → accepted | rejected | withdrawn; accepted →
 *   published | withdrawn;
 * - product: prototype → pilot → mass_production;
 * - standard: drafted → published;
 * - award: granted (final);
 * - feasibility_report, business_plan, economic_analysis: drafted → completed;
 * - entrepreneurship_project: proposed → approved → completed; proposed,
 *   approved → terminated;
 * - startup: founded → operating → closed;
 * - technology_transfer: negotiated → signed → completed.
 */
typedef enum ce_outcome_status {
	CE_OUTCOME_STATUS_FILED = 1,
	CE_OUTCOME_STATUS_PUBLISHED = 2,
	CE_OUTCOME_STATUS_GRANTED = 3,
	CE_OUTCOME_STATUS_REJECTED = 4,
	CE_OUTCOME_STATUS_WITHDRAWN = 5,
	CE_OUTCOME_STATUS_REGISTERED = 6,
	CE_OUTCOME_STATUS_SUBMITTED = 7,
	CE_OUTCOME_STATUS_ACCEPTED = 8,
	CE_OUTCOME_STATUS_PROTOTYPE = 9,
	CE_OUTCOME_STATUS_PILOT = 10,
	CE_OUTCOME_STATUS_MASS_PRODUCTION = 11,
	CE_OUTCOME_STATUS_DRAFTED = 12,
	CE_OUTCOME_STATUS_COMPLETED = 13,
	CE_OUTCOME_STATUS_PROPOSED = 14,
	CE_OUTCOME_STATUS_APPROVED = 15,
	CE_OUTCOME_STATUS_TERMINATED = 16,
	CE_OUTCOME_STATUS_FOUNDED = 17,
	CE_OUTCOME_STATUS_OPERATING = 18,
	CE_OUTCOME_STATUS_CLOSED = 19,
	CE_OUTCOME_STATUS_NEGOTIATED = 20,
	CE_OUTCOME_STATUS_SIGNED = 21
} ce_outcome_status;

#define CE_OUTCOME_SPEC_VERSION 2
/**
 * An outcome's fields. Version 2 added @c background: an outcome attributed
 * to a project (ce_outcome_attribution_spec.project) cannot have begun (its
 * first status date) before the project started, unless it is background
 * IP the project brought in.
 */
typedef struct ce_outcome_spec {
	unsigned int version;      /**< #CE_OUTCOME_SPEC_VERSION */
	ce_outcome_kind kind;      /**< required; fixed once created */
	const char *title;         /**< required, e.g. "一种高强高韧铝合金及其制备方法" */
	const char *patent_number; /**< unique; patents only, e.g. "CN201610123456.7" */
	const char *doi;           /**< unique; papers only, "10.<prefix>/<suffix>" */
	ce_outcome_status status;  /**< lifecycle; 0 on create means the kind's first state */
	ce_date status_date;       /**< required on create: when the status was entered */
	int background;            /**< (version 2) 1: background IP (背景知识产权), held before
	                                the projects it is attributed to began */
} ce_outcome_spec;
#define CE_OUTCOME_SPEC_INIT \
	{ CE_OUTCOME_SPEC_VERSION, (ce_outcome_kind)0, NULL, NULL, NULL, (ce_outcome_status)0, 0, 0 }

CE_DECLARE_RECORD_API(outcome)

/**
 * Moves an outcome's status along its kind's transitions, recording the
 * move in its history.
 * @param db the store.
 * @param id the outcome.
 * @param to the new status.
 * @param on the date of the move, not before the current status date.
 * @return #CE_OK, #CE_ENOTFOUND, #CE_EINVALID (bad date) or
 *         #CE_ETRANSITION (move not allowed for the kind, or date going backwards).
 * @since 0.1
 */
CE_EXTERN ce_result ce_outcome_set_status(ce_db *db, int64_t id, ce_outcome_status to, ce_date on);

#define CE_OUTCOME_CONTRIBUTOR_SPEC_VERSION 1
/**
 * One contributor (author, inventor, member) of an outcome, in order:
 * exactly one of @c student and @c supervisor is set.
 */
typedef struct ce_outcome_contributor_spec {
	unsigned int version; /**< #CE_OUTCOME_CONTRIBUTOR_SPEC_VERSION */
	int64_t outcome;      /**< required: the outcome */
	int64_t position;     /**< required: 1 for the first author or inventor, up to 1000 */
	int64_t student;      /**< the contributing student, or 0 */
	int64_t supervisor;   /**< the contributing supervisor, or 0 */
} ce_outcome_contributor_spec;
#define CE_OUTCOME_CONTRIBUTOR_SPEC_INIT { CE_OUTCOME_CONTRIBUTOR_SPEC_VERSION, 0, 0, 0, 0 }

CE_DECLARE_RECORD_API(outcome_contributor)

#define CE_OUTCOME_ATTRIBUTION_SPEC_VERSION 1
/**
 * What an outcome is credited to: exactly one of @c subtopic, @c project
 * and @c partner is set.
 */
typedef struct ce_outcome_attribution_spec {
	unsigned int version; /**< #CE_OUTCOME_ATTRIBUTION_SPEC_VERSION */
	int64_t outcome;      /**< required: the outcome */
	int64_t subtopic;     /**< the subtopic it came from, or 0 */
	int64_t project;      /**< the project it came from, or 0 */
	int64_t partner;      /**< the partner it is credited to, or 0 */
} ce_outcome_attribution_spec;
#define CE_OUTCOME_ATTRIBUTION_SPEC_INIT { CE_OUTCOME_ATTRIBUTION_SPEC_VERSION, 0, 0, 0, 0 }

CE_DECLARE_RECORD_API(outcome_attribution)

#define CE_OUTCOME_DERIVATION_SPEC_VERSION 1
/**
 * "Derived from": what an outcome grew out of (e.g. an entrepreneurship
 * project from a master's subtopic, a product from a patent). Exactly one
 * of @c from_subtopic and @c from_outcome is set; derivations between
 * outcomes never form a cycle.
 */
typedef struct ce_outcome_derivation_spec {
	unsigned int version;  /**< #CE_OUTCOME_DERIVATION_SPEC_VERSION */
	int64_t outcome;       /**< required: the derived outcome */
	int64_t from_subtopic; /**< the subtopic it grew out of, or 0 */
	int64_t from_outcome;  /**< the outcome it grew out of, or 0; not @c outcome itself */
} ce_outcome_derivation_spec;
#define CE_OUTCOME_DERIVATION_SPEC_INIT { CE_OUTCOME_DERIVATION_SPEC_VERSION, 0, 0, 0 }

CE_DECLARE_RECORD_API(outcome_derivation)

#ifdef __cplusplus
}
#endif
#endif
