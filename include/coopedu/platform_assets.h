/**
 * @file coopedu/platform_assets.h
 * @brief What a platform was built with: its equipment (仪器设备) and the
 *        funding put into it (建设经费), by year and source.
 *
 * Money is as everywhere in the store: integer minor units (fen for CNY)
 * beside an ISO 4217 currency code. Neither an equipment's acquisition nor
 * a funding's year may precede the platform's establishment, when that is
 * known; the platform's established_on cannot then move past them either.
 */
#ifndef COOPEDU_PLATFORM_ASSETS_H
#define COOPEDU_PLATFORM_ASSETS_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CE_PLATFORM_EQUIPMENT_SPEC_VERSION 1
/** A piece of equipment of a platform. */
typedef struct ce_platform_equipment_spec {
	unsigned int version; /**< #CE_PLATFORM_EQUIPMENT_SPEC_VERSION */
	int64_t platform;     /**< required: the platform it belongs to */
	const char *name;     /**< required, e.g. "选择性激光烧结3D打印机" */
	int64_t value;        /**< its value in minor units, 0..#CE_MONEY_MAX; 0 if unknown */
	const char *currency; /**< ISO 4217 code such as "CNY"; required when value > 0 */
	ce_date acquired_on;  /**< when the platform got it, not before it was established; 0 if unknown */
	int64_t source;       /**< the partner who supplied or donated it; 0 if the university bought it
	                           or it is unknown */
} ce_platform_equipment_spec;
#define CE_PLATFORM_EQUIPMENT_SPEC_INIT \
	{ CE_PLATFORM_EQUIPMENT_SPEC_VERSION, 0, NULL, 0, NULL, 0, 0 }

CE_DECLARE_RECORD_API(platform_equipment)

#define CE_PLATFORM_FUNDING_SPEC_VERSION 1
/**
 * Money put into a platform in one year, from one source: a partner
 * (source) or a funder named in text (funder), exactly one of them.
 */
typedef struct ce_platform_funding_spec {
	unsigned int version; /**< #CE_PLATFORM_FUNDING_SPEC_VERSION */
	int64_t platform;     /**< required: the platform funded */
	int64_t amount;       /**< required: minor units, 0..#CE_MONEY_MAX */
	const char *currency; /**< required: ISO 4217 code such as "CNY" */
	int64_t year;         /**< required: 1900..2199, not before the year the platform was established */
	int64_t source;       /**< the partner who paid; 0 when funder names the source */
	const char *funder;   /**< the source by name when it is not a partner, e.g. "省级财政专项"; NULL
	                           when source is set */
	const char *purpose;  /**< what it was for */
} ce_platform_funding_spec;
#define CE_PLATFORM_FUNDING_SPEC_INIT \
	{ CE_PLATFORM_FUNDING_SPEC_VERSION, 0, 0, NULL, 0, 0, NULL, NULL }

CE_DECLARE_RECORD_API(platform_funding)

#ifdef __cplusplus
}
#endif
#endif
