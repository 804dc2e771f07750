/**
 * @file coopedu/supervisor.h
 * @brief Supervisors: the academic and enterprise people who guide students.
 */
#ifndef COOPEDU_SUPERVISOR_H
#define COOPEDU_SUPERVISOR_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Whether a supervisor works for the university or for an enterprise. */
typedef enum ce_supervisor_kind {
	CE_SUPERVISOR_ACADEMIC = 1,  /**< a university teacher (校内导师) */
	CE_SUPERVISOR_ENTERPRISE = 2 /**< an enterprise part-time supervisor (企业导师) */
} ce_supervisor_kind;

#define CE_SUPERVISOR_SPEC_VERSION 2
/**
 * A supervisor's fields. Version 2 (libcoopedu 0.3) keeps industry and
 * entrepreneurship experience apart: the case study counts supervisors who
 * worked in enterprises and, separately, those who founded one.
 */
typedef struct ce_supervisor_spec {
	unsigned int version;       /**< #CE_SUPERVISOR_SPEC_VERSION */
	const char *name;           /**< required, e.g. "王建国" */
	ce_supervisor_kind kind;    /**< required */
	const char *staff_number;   /**< unique staff number, optional natural key */
	int64_t affiliation;        /**< partner id of the employer; required for enterprise supervisors */
	const char *title;          /**< professional title (职称), e.g. "教授", "高级工程师" */
	const char *field;          /**< research field, e.g. "铝合金材料" */
	int industry_experience;    /**< 1 if they have worked in an enterprise (企业工作经历) */
	int entrepreneurship_experience; /**< (version 2) 1 if they have founded or run a business (创业经历) */
} ce_supervisor_spec;
#define CE_SUPERVISOR_SPEC_INIT \
	{ CE_SUPERVISOR_SPEC_VERSION, NULL, (ce_supervisor_kind)0, NULL, 0, NULL, NULL, 0, 0 }

CE_DECLARE_RECORD_API(supervisor)

/**
 * Looks a supervisor up by staff number.
 * @param[out] out the record, freed with ce_supervisor_free().
 * @param db the store.
 * @param staff_number the unique staff number.
 * @return #CE_OK, #CE_ENOTFOUND or #CE_EINVALID.
 * @since 0.1
 */
CE_EXTERN ce_result ce_supervisor_lookup_by_staff_number(ce_supervisor **out, ce_db *db,
                                                         const char *staff_number);

#ifdef __cplusplus
}
#endif
#endif
