"""Lazy queries and keyword filters."""

from __future__ import annotations

from datetime import date

import pytest

import casestudy
import coopedu
from coopedu import (
    InvalidError, NotFoundError, OutcomeKind, OutcomeStatus, PartnerKind, Project, between,
)


def test_iteration_is_lazy(case, monkeypatch):
    db, _ = case
    calls = []
    real = coopedu.capi.ce_record_iter_new
    monkeypatch.setattr(coopedu.capi, "ce_record_iter_new",
                        lambda *a: calls.append(a) or real(*a))
    q = db.outcomes(kind=OutcomeKind.INVENTION_PATENT)
    assert calls == []
    it = iter(q)
    assert len(calls) == 1
    first = next(it)
    assert first.kind is OutcomeKind.INVENTION_PATENT
    it.close()


def test_equality_filters(case):
    db, r = case
    assert [p.name for p in db.partners(kind=PartnerKind.ENTERPRISE)] == [
        "山东某航空材料有限公司", "山东某铸造机械有限公司", "某咨询服务有限公司"]
    assert db.partners(kind="university").one() == r["school"]
    assert db.partners(name="山东某理工大学").one().id == r["school"].id
    assert db.outcomes(kind=OutcomeKind.INVENTION_PATENT, status=OutcomeStatus.GRANTED).count() == 4
    assert [s.name for s in db.supervisors(industry_experience=True)] == [
        "王立新", "张建国", "刘洋", "孙涛"]
    assert db.subtopics(project=r["project"]).count() == 5  # a record stands for its id
    assert db.subtopics(project=r["project"].id).count() == 5


def test_links(case):
    db, r = case
    assert db.projects(partner=r["firm"]).one() == r["project"]
    assert db.projects(partner=r["consultancy"]).first() is None
    assert db.agreements(partner=r["firm"]).count() == 1
    assert db.subtopics(student=r["student"]).one().title == "铝合金熔炼与铸造中试工艺"


def test_null_and_ranges(case):
    db, r = case
    # Only 周敏 (2017410101) is still on site: her placement has no end date.
    assert db.placements(end_date=None).one().student == db.students(number="2017410101").one().id
    patents = db.outcomes(kind=OutcomeKind.INVENTION_PATENT)
    # status_date is the date of the current status: granted 2018-03-09,
    # 2018-09-28, 2019-07-02, 2019-12-24; published 2019-11-19, 2020-04-24;
    # rejected 2020-01-15; filed 2019-11-26, 2019-10-18, 2019-12-06.
    assert patents.filter(status_date=between(date(2019, 10, 1), date(2019, 11, 30))).count() == 3
    assert patents.filter(status_date=between(None, date(2019, 7, 2))).count() == 3
    assert patents.filter(status_date=between(date(2020, 1, 1), None)).count() == 2
    assert db.budget_lines(planned=between(1, None)).count() == 7
    assert db.evaluations(score=between(80, 90)).count() == 2
    with pytest.raises(InvalidError, match="whole numbers"):
        db.evaluations(score=between(80.5, 90))


def test_unknown_filter_is_refused_at_once(mem):
    with pytest.raises(InvalidError, match="no column or link 'nmae'"):
        mem.partners(nmae="x")
    with pytest.raises(TypeError):
        mem.partners(name=5)


def test_first_one_all_ids(case):
    db, r = case
    assert db.partners().first() == r["school"]
    assert db.partners().all()[:2] == [r["school"], r["firm"]] and len(db.partners().all()) == 6
    assert db.partners().ids()[:2] == [r["school"].id, r["firm"].id]
    with pytest.raises(NotFoundError, match="no partner matches"):
        db.partners(kind=PartnerKind.RESEARCH_INSTITUTE).one()
    with pytest.raises(InvalidError, match="several"):
        db.partners().one()
    assert "Query Partner(kind=" in repr(db.partners(kind=PartnerKind.ENTERPRISE))


def test_generic_query_and_count(case):
    db, r = case
    assert db.query(Project, partner=r["firm"]).one() == r["project"]
    assert db.query("project").count() == db.count("project") == casestudy.PROJECTS
    assert db.count(coopedu.Outcome, kind=OutcomeKind.PAPER) == 4


def test_each_iteration_is_a_fresh_pass(mem):
    q = mem.partners()
    assert list(q) == []
    mem.partners.create(name="甲", kind=PartnerKind.UNIVERSITY)
    assert len(list(q)) == 1


def test_to_table_and_pandas(case):
    db, _ = case
    table = db.outcomes(kind=OutcomeKind.INVENTION_PATENT).to_table()
    assert table.columns[:3] == ("id", "kind", "title") and len(table) == 10
    assert table[0].kind is OutcomeKind.INVENTION_PATENT
    assert "一种高强高韧铝合金" in str(table)
    pd = pytest.importorskip("pandas")
    df = db.outcomes().to_pandas()
    assert list(df.columns) == list(table.columns)
    assert str(df["status"].dtype) == "category"
    assert df["status"].cat.categories[0] == "filed"
    assert str(df["status_date"].dtype).startswith("datetime64")
    assert isinstance(df, pd.DataFrame)
