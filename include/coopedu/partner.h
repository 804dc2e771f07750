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

#define CE_PARTNER_SPEC_VERSION 2
/**
 * A partner's fields. The name (like every natural key and unique text) is
 * stored in its normal form: white space runs as one space, trimmed,
 * full-width ASCII and the ideographic space as ASCII; Chinese text is kept.
 */
typedef struct ce_partner_spec {
	unsigned int version;   /**< #CE_PARTNER_SPEC_VERSION */
	const char *name;       /**< required, unique, e.g. "山东某航空材料有限公司" */
	ce_partner_kind kind;   /**< required */
	const char *sector;     /**< industry sector, e.g. "有色金属冶炼" */
	const char *region;     /**< e.g. "山东省济南市" */
	ce_ownership ownership; /**< enterprises only; 0 if unknown */
	/** The unified social credit code (统一社会信用代码): 18 characters
	 *  of 0-9 and A-Z without I, O, S, V, Z, the last a GB 32100-2015
	 *  check character; unique, optional. @since 0.2 (spec version 2) */
	const char *credit_code;
} ce_partner_spec;
#define CE_PARTNER_SPEC_INIT { CE_PARTNER_SPEC_VERSION, NULL, (ce_partner_kind)0, NULL, NULL, (ce_ownership)0, NULL }

/**
 * Whether @p code is a valid unified social credit code: 18 characters of
 * the GB 32100-2015 set (digits and upper-case letters but I, O, S, V, Z)
 * whose last is the check character of the first 17 (weights 3^i mod 31,
 * check = 31 - sum mod 31).
 * @return #CE_OK, or #CE_EINVALID with a message saying what is wrong.
 * @since 0.2
 */
CE_EXTERN ce_result ce_credit_code_check(const char *code);

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
