"""The risk register (issue 16): the case's two risks, the lifecycle with
its rules, the exposure report and the review findings, on every backend."""

from __future__ import annotations

from datetime import date

import pytest

from coopedu import IncidentKind, InvalidError, Risk, RiskKind, RiskStatus, TransitionError


def test_the_case_has_two_risks_one_realised_by_its_incident(case):
    case, _ = case
    risks = {r.title: r for r in case.risks}
    assert len(risks) == 2
    absent = risks["实习学生擅自离岗、脱离管理"]
    assert absent.status == RiskStatus.REALISED and absent.realised_by
    incident = case.incidents.get(absent.realised_by)
    assert incident.placement == absent.placement and incident.kind == IncidentKind.ABSENCE_WITHOUT_LEAVE
    ip = risks["联合研发成果的专利权属争议"]
    assert (ip.kind, ip.status, ip.likelihood * ip.impact) == (
        RiskKind.INTELLECTUAL_PROPERTY, RiskStatus.MITIGATED, 8)
    # only the open and mitigated risk is ranked, once per partner of its project
    rows = case.risk_exposure().to_pandas()
    assert set(rows["risk"]) == {ip.id}
    assert list(rows["rank"]) == [1] * len(rows) and set(rows["exposure"]) == {8}


def test_rules_lifecycle_and_review(case):
    case, _ = case
    ip = next(r for r in case.risks if r.kind == RiskKind.INTELLECTUAL_PROPERTY)
    new = Risk(project=ip.project, kind="moral", title="学生被当作廉价劳动力", likelihood=4,
               impact=4, owner_partner=ip.owner_partner, identified_on=date(2020, 1, 6),
               review_on=date(2020, 3, 1))
    with pytest.raises(InvalidError, match="likelihood"):
        case.add(Risk(**{**{c: getattr(new, c) for c in ("project", "kind", "title", "impact",
                                                         "owner_partner", "identified_on")},
                         "likelihood": 6}))
    r = case.add(new)
    with pytest.raises(InvalidError, match="realised_by"):
        case.transition(r, "status", "realised", date(2020, 2, 1))
    r = case.transition(r, "status", "mitigated", date(2020, 2, 1))
    assert r.status == RiskStatus.MITIGATED
    with pytest.raises(TransitionError):
        case.transition(r, "status", "open", date(2020, 1, 1))   # before the last move
    top = case.risk_exposure(project=ip.project).to_pandas()
    assert top.iloc[0]["risk"] == r.id and top.iloc[0]["exposure"] == 16
    kinds = [(f.kind, f.id) for f in case.findings(date(2020, 4, 1), 0)]
    assert ("risk_review_overdue", r.id) in kinds
