/**
 * @file coopedu/destination.h
 * @brief Destinations: a graduate's first employment (at most one per
 *        student). Whether the employer was a cooperation partner is
 *        computed by the analytics, not stored.
 *
 * A destination is only for a student whose status is graduated, and it
 * starts on or after the graduation date (#CE_EINVALID otherwise, on every
 * backend; @since 0.3).
 */
#ifndef COOPEDU_DESTINATION_H
#define COOPEDU_DESTINATION_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The sector a graduate went into. */
typedef enum ce_destination_sector {
	CE_DESTINATION_SECTOR_CIVIL_SERVICE = 1,          /**< 公务员 */
	CE_DESTINATION_SECTOR_PUBLIC_INSTITUTION = 2,     /**< 事业单位 */
	CE_DESTINATION_SECTOR_PRIVATE_EDUCATION = 3,      /**< 民办教育 */
	CE_DESTINATION_SECTOR_STATE_OWNED_ENTERPRISE = 4, /**< 国有企业 */
	CE_DESTINATION_SECTOR_PRIVATE_ENTERPRISE = 5,     /**< 民营企业 */
	CE_DESTINATION_SECTOR_FOREIGN_ENTERPRISE = 6,     /**< 外资企业 */
	CE_DESTINATION_SECTOR_OWN_STARTUP = 7,            /**< 自主创业 */
	CE_DESTINATION_SECTOR_FURTHER_STUDY = 8,          /**< 升学 (no position level) */
	CE_DESTINATION_SECTOR_OTHER = 9
} ce_destination_sector;

/** The level of the first position. */
typedef enum ce_position_level {
	CE_POSITION_LEVEL_FRONT_LINE = 1,        /**< 一线岗位 */
	CE_POSITION_LEVEL_TECHNICAL = 2,         /**< 技术岗位 */
	CE_POSITION_LEVEL_MIDDLE_MANAGEMENT = 3, /**< 中层管理 */
	CE_POSITION_LEVEL_SENIOR = 4             /**< 高层 */
} ce_position_level;

#define CE_DESTINATION_SPEC_VERSION 1
/** A destination's fields. */
typedef struct ce_destination_spec {
	unsigned int version;         /**< #CE_DESTINATION_SPEC_VERSION */
	int64_t student;              /**< required, unique: the graduate (status graduated) */
	ce_date started_on;           /**< required: first day of the employment or study; not
	                                   before the student graduated */
	int64_t employer;             /**< the employer when it is a partner; 0 otherwise */
	const char *employer_name;    /**< the employer's name when it is not a partner */
	ce_destination_sector sector; /**< required */
	ce_position_level position_level; /**< 0 if unknown; must be 0 for further study */
	const char *position;         /**< the post, e.g. "工艺工程师" */
} ce_destination_spec;
#define CE_DESTINATION_SPEC_INIT                                                              \
	{ CE_DESTINATION_SPEC_VERSION, 0, 0, 0, NULL, (ce_destination_sector)0,                   \
	  (ce_position_level)0, NULL }

CE_DECLARE_RECORD_API(destination)

#ifdef __cplusplus
}
#endif
#endif
