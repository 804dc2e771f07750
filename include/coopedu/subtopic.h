/**
 * @file coopedu/subtopic.h
 * @brief Subtopics: the thesis topics decomposed from a joint project, each
 *        a part in a supply chain with declared inputs and outputs and
 *        dependencies on other subtopics of the same project (never a
 *        cycle); their milestones, budget lines and assigned students.
 *
 * Subtopics can be filtered by student: ce_filter_eq_int(filter, "student",
 * student_id) keeps the subtopics that student is assigned to.
 */
#ifndef COOPEDU_SUBTOPIC_H
#define COOPEDU_SUBTOPIC_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Whether a subtopic is theoretical or applied research. */
typedef enum ce_subtopic_kind {
	CE_SUBTOPIC_THEORETICAL = 1, /**< theoretical research (理论研究) */
	CE_SUBTOPIC_APPLIED = 2      /**< applied research (应用研究) */
} ce_subtopic_kind;

/** Where the work of a subtopic is done. */
typedef enum ce_subtopic_site {
	CE_SUBTOPIC_SITE_UNIVERSITY = 1, /**< at the university */
	CE_SUBTOPIC_SITE_ENTERPRISE = 2, /**< at an enterprise (see ce_subtopic_spec.partner) */
	CE_SUBTOPIC_SITE_PLATFORM = 3    /**< on a platform (ce_subtopic_spec.platform is then required) */
} ce_subtopic_site;

/**
 * Lifecycle of a subtopic. A new subtopic starts as proposed;
 * proposed → approved → in_progress → completed, and proposed, approved or
 * in_progress → abandoned.
 */
typedef enum ce_subtopic_status {
	CE_SUBTOPIC_STATUS_PROPOSED = 1,    /**< proposed, not yet defended */
	CE_SUBTOPIC_STATUS_APPROVED = 2,    /**< passed the proposal defence (开题) */
	CE_SUBTOPIC_STATUS_IN_PROGRESS = 3, /**< being worked on */
	CE_SUBTOPIC_STATUS_COMPLETED = 4,   /**< done (final) */
	CE_SUBTOPIC_STATUS_ABANDONED = 5    /**< given up (final) */
} ce_subtopic_status;

#define CE_SUBTOPIC_SPEC_VERSION 1
/** The longest planned_days accepted (100 years); longer is #CE_EINVALID. @since 0.1 */
#define CE_PLANNED_DAYS_MAX 36500
/** A subtopic's fields. */
typedef struct ce_subtopic_spec {
	unsigned int version;      /**< #CE_SUBTOPIC_SPEC_VERSION */
	int64_t project;           /**< required: the project it is decomposed from */
	const char *title;         /**< required, e.g. "高强铝合金热处理工艺优化" */
	ce_subtopic_kind kind;     /**< required */
	ce_subtopic_site site;     /**< required */
	int64_t platform;          /**< the platform it runs on: required when site is platform, 0 otherwise */
	int64_t partner;           /**< the enterprise where the work is done; 0 if none */
	int64_t planned_days;      /**< planned duration in days, for the critical path; 0 if unknown,
	                                at most #CE_PLANNED_DAYS_MAX */
	ce_subtopic_status status; /**< lifecycle; 0 on create means proposed; change with ce_subtopic_set_status() */
	ce_date status_date;       /**< required on create: when status was entered */
} ce_subtopic_spec;
#define CE_SUBTOPIC_SPEC_INIT                                                                  \
	{ CE_SUBTOPIC_SPEC_VERSION, 0, NULL, (ce_subtopic_kind)0, (ce_subtopic_site)0, 0, 0, 0,      \
	  (ce_subtopic_status)0, 0 }

CE_DECLARE_RECORD_API(subtopic)

/**
 * Moves a subtopic's status (e.g. to #CE_SUBTOPIC_STATUS_APPROVED after the
 * proposal defence), recording the move in its history (see ce_history()).
 * @param db the store.
 * @param id the subtopic.
 * @param to the new status.
 * @param on the date of the move; not before the current status's date.
 * @return #CE_OK, #CE_ENOTFOUND, #CE_EINVALID (bad date or status) or
 *         #CE_ETRANSITION (move not allowed, or @p on goes backwards).
 * @since 0.1
 */
CE_EXTERN ce_result ce_subtopic_set_status(ce_db *db, int64_t id, ce_subtopic_status to, ce_date on);

/** Whether a subtopic I/O flows into or out of the subtopic. */
typedef enum ce_io_direction {
	CE_IO_INPUT = 1, /**< something the subtopic needs */
	CE_IO_OUTPUT = 2 /**< something the subtopic delivers */
} ce_io_direction;

#define CE_SUBTOPIC_IO_SPEC_VERSION 1
/** One input or output of a subtopic, like a part in a supply chain. */
typedef struct ce_subtopic_io_spec {
	unsigned int version;      /**< #CE_SUBTOPIC_IO_SPEC_VERSION */
	int64_t subtopic;          /**< required: the subtopic it belongs to */
	ce_io_direction direction; /**< required */
	const char *description;   /**< required; unique per subtopic and direction, e.g. "热处理试样" */
} ce_subtopic_io_spec;
#define CE_SUBTOPIC_IO_SPEC_INIT { CE_SUBTOPIC_IO_SPEC_VERSION, 0, (ce_io_direction)0, NULL }

CE_DECLARE_RECORD_API(subtopic_io)

#define CE_SUBTOPIC_DEPENDENCY_SPEC_VERSION 1
/**
 * "subtopic depends on depends_on": both in the same project, never on
 * itself, and never closing a cycle (#CE_ECYCLE).
 */
typedef struct ce_subtopic_dependency_spec {
	unsigned int version; /**< #CE_SUBTOPIC_DEPENDENCY_SPEC_VERSION */
	int64_t subtopic;     /**< required: the dependent subtopic, which owns the dependency */
	int64_t depends_on;   /**< required: the subtopic it needs; each pair once */
} ce_subtopic_dependency_spec;
#define CE_SUBTOPIC_DEPENDENCY_SPEC_INIT { CE_SUBTOPIC_DEPENDENCY_SPEC_VERSION, 0, 0 }

CE_DECLARE_RECORD_API(subtopic_dependency)

#define CE_MILESTONE_SPEC_VERSION 1
/** A milestone of a subtopic; done after its due date means it was late. */
typedef struct ce_milestone_spec {
	unsigned int version; /**< #CE_MILESTONE_SPEC_VERSION */
	int64_t subtopic;     /**< required: the subtopic it belongs to */
	const char *title;    /**< required, e.g. "完成中期检查" */
	ce_date due_date;     /**< required */
	ce_date done_date;    /**< when it was reached; 0 while open (may be after due_date) */
} ce_milestone_spec;
#define CE_MILESTONE_SPEC_INIT { CE_MILESTONE_SPEC_VERSION, 0, NULL, 0, 0 }

CE_DECLARE_RECORD_API(milestone)

#define CE_BUDGET_LINE_SPEC_VERSION 1
/** One budget category of a subtopic: planned against actual spending. */
typedef struct ce_budget_line_spec {
	unsigned int version; /**< #CE_BUDGET_LINE_SPEC_VERSION */
	int64_t subtopic;     /**< required: the subtopic it belongs to */
	const char *category; /**< required; unique per subtopic, e.g. "材料费" */
	int64_t planned;      /**< planned amount in minor units (fen, cents), at most #CE_MONEY_MAX */
	int64_t actual;       /**< amount actually spent, in minor units */
	const char *currency; /**< required ISO 4217 code, e.g. "CNY" */
} ce_budget_line_spec;
#define CE_BUDGET_LINE_SPEC_INIT { CE_BUDGET_LINE_SPEC_VERSION, 0, NULL, 0, 0, NULL }

CE_DECLARE_RECORD_API(budget_line)

#define CE_SUBTOPIC_ASSIGNMENT_SPEC_VERSION 1
/** A student working on a subtopic (for their thesis). */
typedef struct ce_subtopic_assignment_spec {
	unsigned int version; /**< #CE_SUBTOPIC_ASSIGNMENT_SPEC_VERSION */
	int64_t subtopic;     /**< required: the subtopic it belongs to */
	int64_t student;      /**< required: the student; each student once per subtopic */
	ce_date start_date;   /**< when the student started on it; 0 if unknown */
	ce_date end_date;     /**< when the student stopped, not before start_date; 0 while on it */
} ce_subtopic_assignment_spec;
#define CE_SUBTOPIC_ASSIGNMENT_SPEC_INIT { CE_SUBTOPIC_ASSIGNMENT_SPEC_VERSION, 0, 0, 0, 0 }

CE_DECLARE_RECORD_API(subtopic_assignment)

#ifdef __cplusplus
}
#endif
#endif
