"""The office's daily work (issue 13): partner names normalised, the
unified social credit code, db.merge() and db.findings(), on every backend."""

from __future__ import annotations

from datetime import date

import pytest

import coopedu
from coopedu import (
    Agreement, AgreementParty, ExistsError, InvalidError, Milestone, NotFoundError, Partner,
    PartnerKind, Placement, Project, Student, StudentLevel, Subtopic, Supervisor, SupervisorKind,
    Table, capi,
)

FIRM = "山东某航空材料有限公司"


def firm(db, name=FIRM, **kw):
    return db.add(Partner(name=name, kind=PartnerKind.ENTERPRISE, **kw))


def test_names_are_normalised_and_the_credit_code_checked(db):
    p = firm(db, name="\u3000山东某航空材料有限公司  ")
    assert p.name == FIRM
    with pytest.raises(ExistsError, match=FIRM):
        firm(db, name="山东某航空材料有限公司 ")
    q = firm(db, name="ＡＢＣ　科技有限公司", credit_code=" ９１３３０１００７１６１０５８５２Ｆ ")
    assert (q.name, q.credit_code) == ("ABC 科技有限公司", "91330100716105852F")
    assert db.partners(name=" ABC  科技有限公司").one().id == q.id
    with pytest.raises(InvalidError, match="check character"):
        firm(db, name="某公司", credit_code="91330100716105852E")
    with pytest.raises(ExistsError, match="credit_code"):
        firm(db, name="某公司", credit_code="91330100716105852F")
    capi.ce_credit_code_check("914403001922038216")
    with pytest.raises(InvalidError, match="18"):
        capi.ce_credit_code_check("9144030019220382")


def test_merge(db):
    keep = firm(db)
    drop = firm(db, name="山东某航空材料公司", region="山东省滨州市")
    a = db.add(Agreement(title="框架协议", scopes="internship_hosting", start_date=date(2019, 1, 1)))
    db.add(AgreementParty(agreement=a.id, partner=keep.id))
    twice = db.add(AgreementParty(agreement=a.id, partner=drop.id))
    mentor = db.add(Supervisor(name="刘工", kind=SupervisorKind.ENTERPRISE, affiliation=drop.id))
    dups = [f for f in db.findings(date(2020, 1, 1), 0) if f.kind == "possible_duplicate"]
    assert [(f.entity, f.id, f.severity) for f in dups] == [("partner", drop.id, "info")]

    report = db.merge(keep, drop)
    assert isinstance(report, Table)
    assert report.columns == ("action", "entity", "id", "column", "detail")
    actions = {(r.action, r.entity, r.id) for r in report}
    assert ("duplicate_removed", "agreement_party", twice.id) in actions
    assert ("repointed", "supervisor", mentor.id) in actions
    assert ("filled", "partner", keep.id) in actions
    assert drop.id is None and keep.region == "山东省滨州市"
    assert db.refresh(mentor).affiliation == keep.id
    assert db.count(AgreementParty) == 1
    assert [e.operation for e in db.audit(Partner)][-2:] == ["merge", "merge"]

    # by entity and ids; refusals change nothing
    other = firm(db, name="山东某航空材料集团")
    with pytest.raises(InvalidError, match="itself"):
        db.merge(Partner, keep.id, keep.id)
    with pytest.raises(NotFoundError):
        db.merge("partner", keep.id, 999)
    with pytest.raises(InvalidError, match="not one thing"):
        db.merge(keep, mentor)
    with pytest.raises(TypeError):
        db.merge(keep, other.id)
    assert db.count(Partner) == 2
    db.merge(Partner, keep.id, other.id)
    assert db.count(Partner) == 1


def test_findings(db):
    host = firm(db)
    st = db.add(Student(number="2018220305", name="吴强", level=StudentLevel.PROFESSIONAL_MASTER,
                        cohort=2018, status_date=date(2018, 9, 1)))
    pl = db.add(Placement(student=st.id, host=host.id, start_date=date(2020, 7, 1),
                          end_date=date(2020, 8, 31)))
    db.transition(pl, "status", "active", date(2020, 7, 1))
    pr = db.add(Project(code="2019ZD01", title="高强铝合金热处理工艺", status_date=date(2019, 1, 1),
                        stage_date=date(2019, 1, 1)))
    sub = db.add(Subtopic(project=pr.id, title="时效工艺优化", kind="applied", site="university",
                          status_date=date(2019, 1, 1)))
    m = db.add(Milestone(subtopic=sub.id, title="中期检查", due_date=date(2020, 8, 15)))

    t = db.findings(today="2020-08-10", within=30)
    assert t.columns == ("kind", "severity", "entity", "id", "subject", "due", "message")
    rows = {(r.kind, r.severity, r.entity, r.id, r.due) for r in t}
    assert ("milestone_due", "reminder", "milestone", m.id, date(2020, 8, 15)) in rows
    assert ("placement_ending", "reminder", "placement", pl.id, date(2020, 8, 31)) in rows
    ending = next(r for r in t if r.kind == "placement_ending")
    assert ending.subject == f"2018220305 吴强 at {FIRM}"
    # what check sees: today only
    kinds = {r.kind for r in db.findings(date(2020, 9, 1), within=0)}
    assert {"overdue_milestone", "placement_without_feedback"} <= kinds
    assert "placement_ending" not in kinds
    assert db.findings(date(2020, 8, 10), within=0).column("kind").count("milestone_due") == 0
    assert isinstance(db.findings(), Table)  # today from the clock
    with pytest.raises(InvalidError, match="3660"):
        db.findings(within=4000)
    with pytest.raises(TypeError):
        db.findings(within="30")
    with pytest.raises(InvalidError):
        db.findings(today="2020-02-30")
    pd = pytest.importorskip("pandas")
    df = db.findings(date(2020, 8, 10)).to_pandas()
    assert list(df.columns) == list(t.columns) and len(df) == len(t)
    assert isinstance(df, pd.DataFrame)
