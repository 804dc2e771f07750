/**
 * @file coopedu/partner.h
 * @brief Partners: the organisations the university cooperates with
 *        (the four rings: government, industry, enterprise, school).
 */
#ifndef COOPEDU_PARTNER_H
#define COOPEDU_PARTNER_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What kind of organisation a partner is. */
typedef enum ce_partner_kind {
	CE_PARTNER_UNIVERSITY = 1,
	CE_PARTNER_ENTERPRISE = 2,
	CE_PARTNER_GOVERNMENT = 3,
	CE_PARTNER_INDUSTRY_ASSOCIATION = 4,
	CE_PARTNER_RESEARCH_INSTITUTE = 5,
	CE_PARTNER_SOCIAL_ORGANISATION = 6
} ce_partner_kind;

/** Ownership of an enterprise. */
typedef enum ce_ownership {
	CE_OWNERSHIP_STATE_OWNED = 1,
	CE_OWNERSHIP_PRIVATE = 2,
	CE_OWNERSHIP_FOREIGN = 3,
	CE_OWNERSHIP_JOINT_VENTURE = 4
} ce_ownership;

#define CE_PARTNER_SPEC_VERSION 1
/** A partner's fields. */
typedef struct ce_partner_spec {
	unsigned int version;   /**< #CE_PARTNER_SPEC_VERSION */
	const char *name;       /**< required, unique, e.g. "山东某航空材料有限公司" */
	ce_partner_kind kind;   /**< required */
	const char *sector;     /**< industry sector, e.g. "有色金属冶炼" */
	const char *region;     /**< e.g. "山东省济南市" */
	ce_ownership ownership; /**< enterprises only; 0 if unknown */
} ce_partner_spec;
#define CE_PARTNER_SPEC_INIT { CE_PARTNER_SPEC_VERSION, NULL, (ce_partner_kind)0, NULL, NULL, (ce_ownership)0 }

CE_DECLARE_RECORD_API(partner)

/**
 * Looks a partner up by its unique name.
 * @param[out] out the record, freed with ce_partner_free().
 * @return #CE_OK, #CE_ENOTFOUND or #CE_EINVALID.
 * @since 0.1
 */
CE_EXTERN ce_result ce_partner_lookup_by_name(ce_partner **out, ce_db *db, const char *name);

#ifdef __cplusplus
}
#endif
#endif
