/**
 * @file coopedu/agreement.h
 * @brief Cooperation agreements (合作协议): what the university and its
 *        partners agreed to do together, for how long, and the conduct terms
 *        students placed under it are bound to; and the parties to each.
 *
 * Agreements can be filtered by party: ce_filter_eq_int(filter, "partner",
 * partner_id) keeps the agreements that partner is a party to.
 */
#ifndef COOPEDU_AGREEMENT_H
#define COOPEDU_AGREEMENT_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @name Agreement scopes (bits of ce_agreement_spec.scopes)
 * What an agreement covers; an agreement covers at least one. Bit i is
 * named by token i of the "scopes" column, e.g. "joint_laboratory".
 */
/**@{*/
#define CE_SCOPE_INTERNSHIP_HOSTING (1u << 0)        /**< hosts student internships */
#define CE_SCOPE_JOINT_TRAINING_BASE (1u << 1)       /**< a joint training base (联合培养基地) */
#define CE_SCOPE_JOINT_LABORATORY (1u << 2)          /**< a joint laboratory */
#define CE_SCOPE_JOINT_PROJECT (1u << 3)             /**< joint R&D projects */
#define CE_SCOPE_ORDER_CLASS (1u << 4)               /**< an order class (订单班) */
#define CE_SCOPE_TECHNOLOGY_TRANSFER (1u << 5)       /**< transfer of technology */
#define CE_SCOPE_CONSULTING (1u << 6)                /**< consulting services */
#define CE_SCOPE_CURRICULUM_CO_DEVELOPMENT (1u << 7) /**< courses developed together */
#define CE_SCOPE_STAFF_EXCHANGE (1u << 8)            /**< exchange of staff */
/**@}*/

/**
 * Lifecycle of an agreement. A new agreement starts as draft or active;
 * draft → active, draft → terminated, active → expired, active → terminated.
 */
typedef enum ce_agreement_status {
	CE_AGREEMENT_STATUS_DRAFT = 1,     /**< being negotiated */
	CE_AGREEMENT_STATUS_ACTIVE = 2,    /**< in force */
	CE_AGREEMENT_STATUS_EXPIRED = 3,   /**< ran to its end (final) */
	CE_AGREEMENT_STATUS_TERMINATED = 4 /**< ended early or never signed (final) */
} ce_agreement_status;

#define CE_AGREEMENT_SPEC_VERSION 1
/** An agreement's fields. */
typedef struct ce_agreement_spec {
	unsigned int version;       /**< #CE_AGREEMENT_SPEC_VERSION */
	const char *title;          /**< required, e.g. "校企联合培养研究生协议" */
	unsigned int scopes;        /**< required: CE_SCOPE_* bits, at least one */
	ce_date signed_on;          /**< when it was signed; may follow start_date; 0 if unknown */
	ce_date start_date;         /**< required: when it takes effect */
	ce_date end_date;           /**< when it ends, not before start_date; 0 if open-ended */
	ce_agreement_status status; /**< lifecycle; 0 on create means draft; change with ce_agreement_set_status() */
	ce_date status_date;        /**< when status was entered; 0 on create means start_date */
	const char *conduct_terms;  /**< the conduct terms students placed under it are bound to */
} ce_agreement_spec;
#define CE_AGREEMENT_SPEC_INIT                                                             \
	{ CE_AGREEMENT_SPEC_VERSION, NULL, 0u, 0, 0, 0, (ce_agreement_status)0, 0, NULL }

CE_DECLARE_RECORD_API(agreement)

/**
 * Moves an agreement's status (e.g. to #CE_AGREEMENT_STATUS_ACTIVE when it is
 * signed), recording the move in its history (see ce_history()).
 * @param db the store.
 * @param id the agreement.
 * @param to the new status.
 * @param on the date of the move; not before the current status's date.
 * @return #CE_OK, #CE_ENOTFOUND, #CE_EINVALID (bad date or status) or
 *         #CE_ETRANSITION (move not allowed, or @p on goes backwards).
 * @since 0.1
 */
CE_EXTERN ce_result ce_agreement_set_status(ce_db *db, int64_t id, ce_agreement_status to,
                                            ce_date on);

/**
 * The part a party plays in an agreement: the four rings of the
 * "government-led, industry-guided, enterprise-participating,
 * university-promoting" (政府主导、行业指导、企业参与、高校推动) cooperative
 * education mechanism, each taken by a partner of that kind, or signatory /
 * host for any partner.
 * @since 0.3
 */
typedef enum ce_agreement_party_role {
	CE_AGREEMENT_PARTY_ROLE_GOVERNMENT_LEADS = 1,        /**< 政府主导: a government partner */
	CE_AGREEMENT_PARTY_ROLE_INDUSTRY_GUIDES = 2,         /**< 行业协会指导: an industry association */
	CE_AGREEMENT_PARTY_ROLE_ENTERPRISE_PARTICIPATES = 3, /**< 企业参与: an enterprise */
	CE_AGREEMENT_PARTY_ROLE_UNIVERSITY_PROMOTES = 4,     /**< 高校推动: a university */
	CE_AGREEMENT_PARTY_ROLE_SIGNATORY = 5,               /**< 签约方: signs it, any kind */
	CE_AGREEMENT_PARTY_ROLE_HOST = 6                     /**< 承办方: hosts what it sets up, any kind */
} ce_agreement_party_role;

#define CE_AGREEMENT_PARTY_SPEC_VERSION 2
/**
 * A party to an agreement (the university itself need not be listed).
 * Version 2 added the party's role and the dates it was a party: end not
 * before start, both within the agreement's start and end dates.
 */
typedef struct ce_agreement_party_spec {
	unsigned int version;         /**< #CE_AGREEMENT_PARTY_SPEC_VERSION */
	int64_t agreement;            /**< required: the agreement it belongs to */
	int64_t partner;              /**< required: the partner; each partner once per agreement */
	ce_agreement_party_role role; /**< (version 2) its role; 0 if not recorded. The four-ring
	                                   roles need a partner of the matching kind */
	ce_date start_date;           /**< (version 2) a party from; 0 if unknown (the agreement's start) */
	ce_date end_date;             /**< (version 2) a party until; 0 if open */
} ce_agreement_party_spec;
#define CE_AGREEMENT_PARTY_SPEC_INIT                                                        \
	{ CE_AGREEMENT_PARTY_SPEC_VERSION, 0, 0, (ce_agreement_party_role)0, 0, 0 }

CE_DECLARE_RECORD_API(agreement_party)

#ifdef __cplusplus
}
#endif
#endif
