/**
 * @file coopedu/platform.h
 * @brief Platforms: joint laboratories, research centres, training and
 *        practice bases, parks and incubators built with partners, and the
 *        partners hosting each.
 *
 * Platforms can be filtered by host: ce_filter_eq_int(filter, "partner",
 * partner_id) keeps the platforms that partner hosts.
 */
#ifndef COOPEDU_PLATFORM_H
#define COOPEDU_PLATFORM_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What kind of platform it is. */
typedef enum ce_platform_kind {
	CE_PLATFORM_JOINT_LABORATORY = 1,            /**< joint laboratory (联合实验室) */
	CE_PLATFORM_ENGINEERING_RESEARCH_CENTRE = 2, /**< engineering research centre (工程研究中心) */
	CE_PLATFORM_GRADUATE_TRAINING_BASE = 3,      /**< graduate joint training base (研究生联合培养基地) */
	CE_PLATFORM_PRACTICE_TEACHING_BASE = 4,      /**< practice teaching base (实践教学基地) */
	CE_PLATFORM_INDUSTRIAL_PARK = 5,             /**< industrial park (产业园) */
	CE_PLATFORM_INCUBATOR = 6                    /**< business incubator (孵化器) */
} ce_platform_kind;

/** The level of government that recognised the platform. */
typedef enum ce_platform_level {
	CE_PLATFORM_LEVEL_NATIONAL = 1,     /**< national (国家级) */
	CE_PLATFORM_LEVEL_PROVINCIAL = 2,   /**< provincial (省级) */
	CE_PLATFORM_LEVEL_MUNICIPAL = 3,    /**< municipal (市级) */
	CE_PLATFORM_LEVEL_INSTITUTIONAL = 4 /**< the university's own (校级) */
} ce_platform_level;

#define CE_PLATFORM_SPEC_VERSION 1
/** A platform's fields. */
typedef struct ce_platform_spec {
	unsigned int version;    /**< #CE_PLATFORM_SPEC_VERSION */
	const char *name;        /**< required, unique, e.g. "先进材料联合实验室" */
	ce_platform_kind kind;   /**< required */
	ce_platform_level level; /**< required */
	int64_t capacity;        /**< how many people it can host at once; 0 if unknown */
	ce_date established_on;  /**< when it was set up; 0 if unknown */
	int64_t agreement;       /**< the agreement it was built under; 0 if none */
} ce_platform_spec;
#define CE_PLATFORM_SPEC_INIT                                                                \
	{ CE_PLATFORM_SPEC_VERSION, NULL, (ce_platform_kind)0, (ce_platform_level)0, 0, 0, 0 }

CE_DECLARE_RECORD_API(platform)

/**
 * Looks a platform up by its unique name.
 * @param[out] out the record, freed with ce_platform_free().
 * @param db the store.
 * @param name the exact name.
 * @return #CE_OK, #CE_ENOTFOUND or #CE_EINVALID.
 * @since 0.1
 */
CE_EXTERN ce_result ce_platform_lookup_by_name(ce_platform **out, ce_db *db, const char *name);

/**
 * The part a partner plays in a platform.
 * @since 0.3
 */
typedef enum ce_platform_host_role {
	CE_PLATFORM_HOST_ROLE_HOST = 1,       /**< 依托单位: houses it */
	CE_PLATFORM_HOST_ROLE_CO_BUILDER = 2, /**< 共建单位: builds it together with the host */
	CE_PLATFORM_HOST_ROLE_FUNDER = 3,     /**< 出资单位: pays for it */
	CE_PLATFORM_HOST_ROLE_OPERATOR = 4    /**< 运营单位: runs it day to day */
} ce_platform_host_role;

#define CE_PLATFORM_HOST_SPEC_VERSION 2
/**
 * A partner hosting (co-building, housing) a platform. Version 2 added the
 * partner's role and the dates it held it: end not before start, start not
 * before the platform was established.
 */
typedef struct ce_platform_host_spec {
	unsigned int version;       /**< #CE_PLATFORM_HOST_SPEC_VERSION */
	int64_t platform;           /**< required: the platform it belongs to */
	int64_t partner;            /**< required: the hosting partner; each partner once per platform */
	ce_platform_host_role role; /**< (version 2) its role; 0 if not recorded */
	ce_date start_date;         /**< (version 2) from; 0 if unknown */
	ce_date end_date;           /**< (version 2) until; 0 if open */
} ce_platform_host_spec;
#define CE_PLATFORM_HOST_SPEC_INIT                                                         \
	{ CE_PLATFORM_HOST_SPEC_VERSION, 0, 0, (ce_platform_host_role)0, 0, 0 }

CE_DECLARE_RECORD_API(platform_host)

#ifdef __cplusplus
}
#endif
#endif
