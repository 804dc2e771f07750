/* Benefit and IP sharing: each agreement party's shares, and the owners of
 * outcomes, in basis points. Rules: each share 0..100 %; one terms row per
 * party and one owner row per (outcome, partner); the benefit shares of
 * one agreement add up to at most 100 %, its IP shares too, and so do the
 * owners' shares of one outcome. */
#include <stdlib.h>

#include "columns.h"

/* ---- agreement_share ---------------------------------------------------- */

enum { S_PARTY, S_BENEFIT, S_IP, S_TERMS };

static const ce_column_def share_columns[] = {
	COL_REF(ce_agreement_share_spec, party, CE_COL_REQUIRED | CE_COL_OWNER | CE_COL_UNIQUE,
	        CE_ENTITY_AGREEMENT_PARTY),
	COL_INT(ce_agreement_share_spec, benefit_share_bp, 0, 0, CE_SHARE_WHOLE),
	COL_INT(ce_agreement_share_spec, ip_share_bp, 0, 0, CE_SHARE_WHOLE),
	COL_TEXT(ce_agreement_share_spec, terms, 0),
};

/* The other parties' shares of agreement `agreement` (the row being
 * written, id, left out), added into sums[0] (benefit) and sums[1] (IP). */
static int other_shares(ce_db *db, int64_t agreement, int64_t id, int64_t sums[2])
{
	const ce_table_def *pt = ce__entity_table(CE_ENTITY_AGREEMENT_PARTY);
	const ce_table_def *st = ce__entity_table(CE_ENTITY_AGREEMENT_SHARE);
	int64_t *parties = NULL;
	size_t n = 0;
	ce_condition cond = { .op = CE_COND_EQ, .column = ce__column_by_name(pt, "agreement"),
		                  .low = { .i = agreement } };
	ce_query q = { 1, &cond };
	int rc = ce__store_ids(&parties, &n, db, pt, &q);
	for (size_t k = 0; rc == CE_OK && k < n; k++) {
		int64_t sid;
		ce_value row[CE_MAX_COLUMNS];
		rc = ce__find_eq(&sid, db, st, S_PARTY, parties[k]);
		if (rc == CE_ENOTFOUND) {
			rc = CE_OK;
			continue;
		}
		if (rc != CE_OK || sid == id || (rc = ce__store_fetch(db, st, sid, row)) != CE_OK)
			continue;
		sums[0] += row[S_BENEFIT].i;
		sums[1] += row[S_IP].i;
	}
	free(parties);
	return rc;
}

static int check_share(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	const ce_table_def *pt = ce__entity_table(CE_ENTITY_AGREEMENT_PARTY);
	ce_value party[CE_MAX_COLUMNS];
	int rc = ce__store_fetch(db, pt, row[S_PARTY].i, party);
	if (rc != CE_OK)
		return rc;
	int64_t agreement = party[ce__column_by_name(pt, "agreement")].i;
	int64_t sums[2] = { row[S_BENEFIT].i, row[S_IP].i };
	if ((rc = other_shares(db, agreement, id, sums)) != CE_OK)
		return rc;
	static const char *const what[2] = { "benefit_share_bp", "ip_share_bp" };
	for (int k = 0; k < 2; k++)
		if (sums[k] > CE_SHARE_WHOLE)
			return ce__fail(db, CE_EINVALID, "agreement_share.%s: the parties of agreement %lld would "
			                "hold %lld basis points together, more than 100%% (10000)", what[k],
			                (long long)agreement, (long long)sums[k]);
	return CE_OK;
}

static const struct ce_table_rules share_rules = { .check = check_share };

const ce_table_def ce__agreement_share_table = {
	CE_ENTITY_AGREEMENT_SHARE, "agreement_share",
	"an agreement party's share of the benefits and of the intellectual property",
	(int)CE_ARRAY_LEN(share_columns), share_columns, NULL, 0, NULL,
	sizeof(ce_agreement_share_spec), &share_rules,
};

CE_DEFINE_RECORD_API(agreement_share, CE_ENTITY_AGREEMENT_SHARE, CE_AGREEMENT_SHARE_SPEC_VERSION)

/* ---- outcome_owner ------------------------------------------------------ */

enum { O_OUTCOME, O_PARTNER, O_SHARE };

static const ce_column_def owner_columns[] = {
	COL_REF(ce_outcome_owner_spec, outcome, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_OUTCOME),
	COL_REF(ce_outcome_owner_spec, partner, CE_COL_REQUIRED, CE_ENTITY_PARTNER),
	COL_INT(ce_outcome_owner_spec, share_bp, 0, 0, CE_SHARE_WHOLE),
};

static const int outcome_partner[] = { O_OUTCOME, O_PARTNER, -1 };
static const int *const owner_uniques[] = { outcome_partner, NULL };

static int check_owner(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	ce_condition cond = { .op = CE_COND_EQ, .column = O_OUTCOME, .low = { .i = row[O_OUTCOME].i } };
	ce_query q = { 1, &cond };
	ce_scan scan;
	int64_t oid, sum = row[O_SHARE].i;
	const ce_value *o;
	int rc = ce__scan_open(&scan, db, table, &q);
	while (rc == CE_OK && (rc = ce__scan_next(&scan, &oid, &o)) == CE_OK)
		if (oid != id)
			sum += o[O_SHARE].i;
	ce__scan_close(&scan);
	if (rc != CE_ITEROVER)
		return rc;
	if (sum > CE_SHARE_WHOLE)
		return ce__fail(db, CE_EINVALID, "outcome_owner.share_bp: the owners of outcome %lld would "
		                "hold %lld basis points together, more than 100%% (10000)",
		                (long long)row[O_OUTCOME].i, (long long)sum);
	return CE_OK;
}

static const struct ce_table_rules owner_rules = { .check = check_owner };


const ce_table_def ce__outcome_owner_table = {
	CE_ENTITY_OUTCOME_OWNER, "outcome_owner", "an owner of an outcome, with its share",
	(int)CE_ARRAY_LEN(owner_columns), owner_columns, owner_uniques, 0, NULL,
	sizeof(ce_outcome_owner_spec), &owner_rules,
};

CE_DEFINE_RECORD_API(outcome_owner, CE_ENTITY_OUTCOME_OWNER, CE_OUTCOME_OWNER_SPEC_VERSION)
