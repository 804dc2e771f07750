/**
 * @file coopedu/project.h
 * @brief Joint R&D projects (产学研合作项目): the real projects thesis
 *        subtopics are decomposed from, their funding, their status and
 *        their stage from laboratory research to industrial production; and
 *        the partners taking part in each, in a role.
 *
 * Projects can be filtered by partner: ce_filter_eq_int(filter, "partner",
 * partner_id) keeps the projects that partner takes part in, in any role.
 *
 * Projects form a hierarchy: a project's @c parent is the programme or
 * larger project it belongs to (no cycles). Reports given a project can
 * take its descendants too (ce_report_filter.descendants).
 */
#ifndef COOPEDU_PROJECT_H
#define COOPEDU_PROJECT_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Lifecycle of a project. A new project starts as proposed or active;
 * proposed → active, proposed → terminated, active → completed,
 * active → terminated.
 */
typedef enum ce_project_status {
	CE_PROJECT_STATUS_PROPOSED = 1,  /**< applied for, not yet running */
	CE_PROJECT_STATUS_ACTIVE = 2,    /**< running */
	CE_PROJECT_STATUS_COMPLETED = 3, /**< finished (final) */
	CE_PROJECT_STATUS_TERMINATED = 4 /**< stopped or not granted (final) */
} ce_project_status;

/**
 * How far a project's technology has gone. A project may start (or join
 * the record) at any stage, and moves forward one stage at a time:
 * laboratory → pilot → industrialisation.
 */
typedef enum ce_project_stage {
	CE_PROJECT_STAGE_LABORATORY = 1,      /**< laboratory research (实验室研究) */
	CE_PROJECT_STAGE_PILOT = 2,           /**< pilot test (中试) */
	CE_PROJECT_STAGE_INDUSTRIALISATION = 3 /**< industrial production (产业化) */
} ce_project_stage;

/** The part a partner plays in a project. */
typedef enum ce_project_role {
	CE_PROJECT_ROLE_LEAD = 1,         /**< leads the project (牵头单位) */
	CE_PROJECT_ROLE_CO_APPLICANT = 2, /**< applied jointly (联合申报单位) */
	CE_PROJECT_ROLE_FUNDER = 3,       /**< provides funding */
	CE_PROJECT_ROLE_HOST = 4,         /**< hosts the work (site, equipment) */
	CE_PROJECT_ROLE_USER = 5,         /**< uses the results */
	CE_PROJECT_ROLE_GUIDE = 6         /**< guides it, as an industry association does (指导单位) @since 0.3 */
} ce_project_role;

#define CE_PROJECT_SPEC_VERSION 2
/**
 * A project's fields. Version 2 (libcoopedu 0.3) added @c parent: a project may belong to a
 * programme or a larger project (a funding programme such as 教育部产学合作
 * 协同育人项目 above the projects it funds). Parents never form a cycle
 * (#CE_ECYCLE), on every backend.
 */
typedef struct ce_project_spec {
	unsigned int version;           /**< #CE_PROJECT_SPEC_VERSION */
	const char *code;               /**< required, unique project number, e.g. "201901022063" */
	const char *title;              /**< required */
	const char *funding_scheme;     /**< e.g. "国家重点研发计划" */
	int64_t budget;                 /**< total budget in minor units (fen, cents), at most #CE_MONEY_MAX; 0 if unknown */
	const char *currency;           /**< ISO 4217 code, e.g. "CNY"; required when budget > 0 */
	ce_date start_date;             /**< when it starts; 0 if unknown */
	ce_date end_date;               /**< when it ends, not before start_date; 0 if unknown */
	ce_project_status status;       /**< lifecycle; 0 on create means proposed; change with ce_project_set_status() */
	ce_date status_date;            /**< when status was entered; 0 on create means start_date (then required) */
	ce_project_stage stage;         /**< lifecycle; 0 on create means laboratory; change with ce_project_set_stage() */
	ce_date stage_date;             /**< when stage was entered; 0 on create means start_date (then required) */
	int64_t principal_investigator; /**< the supervisor leading it; 0 if none recorded */
	int64_t agreement;              /**< the agreement it runs under; 0 if none */
	int64_t parent;                 /**< (version 2) the programme or project it belongs to; 0 if none */
} ce_project_spec;
#define CE_PROJECT_SPEC_INIT                                                                  \
	{ CE_PROJECT_SPEC_VERSION, NULL, NULL, NULL, 0, NULL, 0, 0, (ce_project_status)0, 0,        \
	  (ce_project_stage)0, 0, 0, 0, 0 }

CE_DECLARE_RECORD_API(project)

/**
 * Looks a project up by its unique code.
 * @param[out] out the record, freed with ce_project_free().
 * @param db the store.
 * @param code the exact code, e.g. "201901022063".
 * @return #CE_OK, #CE_ENOTFOUND or #CE_EINVALID.
 * @since 0.1
 */
CE_EXTERN ce_result ce_project_lookup_by_code(ce_project **out, ce_db *db, const char *code);

/**
 * Moves a project's status, recording the move in its history (see
 * ce_history()).
 * @param db the store.
 * @param id the project.
 * @param to the new status.
 * @param on the date of the move; not before the current status's date.
 * @return #CE_OK, #CE_ENOTFOUND, #CE_EINVALID (bad date or status) or
 *         #CE_ETRANSITION (move not allowed, or @p on goes backwards).
 * @since 0.1
 */
CE_EXTERN ce_result ce_project_set_status(ce_db *db, int64_t id, ce_project_status to, ce_date on);

/**
 * Moves a project to its next stage (laboratory → pilot → industrialisation),
 * recording the move in its history (see ce_history()).
 * @param db the store.
 * @param id the project.
 * @param to the new stage: the one right after the current stage.
 * @param on the date of the move; not before the current stage's date.
 * @return #CE_OK, #CE_ENOTFOUND, #CE_EINVALID (bad date or stage) or
 *         #CE_ETRANSITION (not the next stage, or @p on goes backwards).
 * @since 0.1
 */
CE_EXTERN ce_result ce_project_set_stage(ce_db *db, int64_t id, ce_project_stage to, ce_date on);

#define CE_PROJECT_PARTNER_SPEC_VERSION 2
/**
 * A partner taking part in a project in one role (a partner may hold
 * several roles). Version 2 added the dates it held the role: end not
 * before start, both within the project's start and end dates.
 */
typedef struct ce_project_partner_spec {
	unsigned int version; /**< #CE_PROJECT_PARTNER_SPEC_VERSION */
	int64_t project;      /**< required: the project it belongs to */
	int64_t partner;      /**< required: the partner */
	ce_project_role role; /**< required; each (project, partner, role) once */
	ce_date start_date;   /**< (version 2) from; 0 if unknown (the project's start) */
	ce_date end_date;     /**< (version 2) until; 0 if open */
} ce_project_partner_spec;
#define CE_PROJECT_PARTNER_SPEC_INIT                                                       \
	{ CE_PROJECT_PARTNER_SPEC_VERSION, 0, 0, (ce_project_role)0, 0, 0 }

CE_DECLARE_RECORD_API(project_partner)

#ifdef __cplusplus
}
#endif
#endif
