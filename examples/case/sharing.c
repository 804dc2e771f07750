/* The case's sharing terms, as its risk register already tells them: the
 * training and joint-R&D agreement's clause that patents are co-owned and
 * benefits shared by contribution (合作协议约定专利由双方共有，收益按贡献分配).
 * The paper states no shares: the enterprise's 50 % of the IP is
 * illustrative, its benefit share is left unstated (0), and the alloy
 * project's first patent is owned by the university and the enterprise
 * together with shares unstated. */
#include "steps.h"

/* The id of the first record of `entity` whose `column` is `value`. */
static int64_t first_where(case_ctx *d, ce_entity entity, const char *column, int64_t value,
                           const char *what)
{
	ce_filter *f = NULL;
	ce_record_iter *it = NULL;
	ce_record *r = NULL;
	int64_t id = 0;
	CASE_TRY(d, ce_filter_new(&f), what);
	CASE_TRY(d, ce_filter_eq_int(f, column, value), what);
	CASE_TRY(d, ce_record_iter_new(&it, d->db, entity, f), what);
	if (CASE_NEXT(d, ce_record_iter_next(&r, it), what))
		id = ce_record_id(r);
	ce_record_free(r);
	ce_record_iter_free(it);
	ce_filter_free(f);
	return id;
}

int case_build_sharing(case_ctx *d, case_ids *ids)
{
	ce_agreement_share_spec s = CE_AGREEMENT_SHARE_SPEC_INIT;
	ce_outcome_owner_spec o = CE_OUTCOME_OWNER_SPEC_INIT;
	if (d->rc != CE_OK)
		return d->rc;
	s.party = first_where(d, CE_ENTITY_AGREEMENT_PARTY, "agreement", ids->training_agreement,
	                      "the training agreement's party");
	s.ip_share_bp = 5000; /* illustrative */
	s.terms = "合作协议约定专利由双方共有，收益按贡献分配";
	CASE_TRY(d, ce_agreement_share_create(NULL, d->db, &s), s.terms);
	o.outcome = first_where(d, CE_ENTITY_OUTCOME, "kind", CE_OUTCOME_INVENTION_PATENT,
	                        "the first invention patent");
	o.partner = ids->university;
	CASE_TRY(d, ce_outcome_owner_create(NULL, d->db, &o), "the patent's owner");
	o.partner = ids->aviation;
	CASE_TRY(d, ce_outcome_owner_create(NULL, d->db, &o), "the patent's co-owner");
	return d->rc;
}
