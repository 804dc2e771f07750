"""Benefit and IP sharing: the case's agreement clause (patents co-owned)
and its co-owned patent; an agreement's parties' shares and an outcome's
owners add up to at most 100 %, on every backend."""

from __future__ import annotations

import pytest

from coopedu import AgreementParty, AgreementShare, InvalidError, OutcomeKind, OutcomeOwner


def test_agreement_shares_add_up_to_at_most_100_percent(case):
    db, r = case
    agreement = db.agreements(title="研究生联合培养与联合研发协议").one()
    firm_party = db.agreement_parties(agreement=agreement, partner=r["firm"]).one()
    firm = db.agreement_shares(party=firm_party).one()
    assert (firm.ip_share_bp, firm.benefit_share_bp) == (5000, 0)
    assert "专利由双方共有" in firm.terms
    school_party = db.add(AgreementParty(agreement=agreement, partner=r["school"]))
    with pytest.raises(InvalidError, match="100%"):
        db.add(AgreementShare(party=school_party, ip_share_bp=5001))
    mine = db.add(AgreementShare(party=school_party, benefit_share_bp=4000, ip_share_bp=5000))
    firm.benefit_share_bp = 6001
    with pytest.raises(InvalidError, match="benefit_share_bp"):
        db.update(firm)
    firm.benefit_share_bp = 6000
    db.update(firm)
    assert sorted(s.benefit_share_bp for s in db.agreement_shares) == [4000, 6000]
    assert mine.ip_share_bp == 5000


def test_outcome_owners(case):
    db, r = case
    patent = db.outcomes(kind=OutcomeKind.INVENTION_PATENT).first()
    owners = {o.partner: o for o in db.outcome_owners(outcome=patent)}
    assert set(owners) == {r["school"].id, r["firm"].id}   # co-owned, shares unstated
    owners[r["school"].id].share_bp = 7000
    db.update(owners[r["school"].id])
    owners[r["firm"].id].share_bp = 3000
    db.update(owners[r["firm"].id])
    with pytest.raises(InvalidError, match="share_bp"):
        db.add(OutcomeOwner(outcome=patent, partner=r["consultancy"], share_bp=1))
