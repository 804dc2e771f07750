/**
 * @file coopedu/sharing.h
 * @brief Benefit and intellectual-property sharing (利益分配与知识产权归属):
 *        each agreement party's share of the benefits and of the IP the
 *        cooperation produces, and the owners of each outcome.
 *
 * Shares are in basis points (万分比): 10000 is 100 %. The shares of one
 * agreement add up to at most 100 % for benefits and, separately, for IP;
 * the owners' shares of one outcome to at most 100 %. What is left is not
 * assigned to anyone by the store. The university takes a share as a
 * party or owner through its own partner record (kind university).
 */
#ifndef COOPEDU_SHARING_H
#define COOPEDU_SHARING_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** 100 % in basis points, the largest share. @since 0.3 */
#define CE_SHARE_WHOLE 10000

#define CE_AGREEMENT_SHARE_SPEC_VERSION 1
/** A party's sharing terms under its agreement, one per party. */
typedef struct ce_agreement_share_spec {
	unsigned int version;     /**< #CE_AGREEMENT_SHARE_SPEC_VERSION */
	int64_t party;            /**< required: the agreement_party the terms are for; one row each */
	int64_t benefit_share_bp; /**< its share of the benefits, 0..#CE_SHARE_WHOLE basis points */
	int64_t ip_share_bp;      /**< its share of the intellectual property, 0..#CE_SHARE_WHOLE */
	const char *terms;        /**< the clause, e.g. "专利由双方共同申请，收益按六四分成" */
} ce_agreement_share_spec;
#define CE_AGREEMENT_SHARE_SPEC_INIT { CE_AGREEMENT_SHARE_SPEC_VERSION, 0, 0, 0, NULL }

CE_DECLARE_RECORD_API(agreement_share)

#define CE_OUTCOME_OWNER_SPEC_VERSION 1
/** An owner of an outcome (a patent's patentee, a copyright's holder). */
typedef struct ce_outcome_owner_spec {
	unsigned int version; /**< #CE_OUTCOME_OWNER_SPEC_VERSION */
	int64_t outcome;      /**< required: the outcome owned */
	int64_t partner;      /**< required: the owner (the university: its partner record); once per outcome */
	int64_t share_bp;     /**< its share, 0..#CE_SHARE_WHOLE basis points; 0 if not stated */
} ce_outcome_owner_spec;
#define CE_OUTCOME_OWNER_SPEC_INIT { CE_OUTCOME_OWNER_SPEC_VERSION, 0, 0, 0 }

CE_DECLARE_RECORD_API(outcome_owner)

#ifdef __cplusplus
}
#endif
#endif
