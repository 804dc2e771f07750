"""Platform equipment and funding: the case's platforms with what they were
built with (the programme 201901022063's platform-building grant among
it), money in fen with its currency, and the rules on sources and dates,
on every backend."""

from __future__ import annotations

from datetime import date

import pytest

from coopedu import InvalidError, PlatformEquipment, PlatformFunding


def test_the_case_platforms_funding_by_year(case):
    db, r = case
    centre = db.platforms(name="高强铝合金校企联合研发中心").one()
    by_year = {}
    for f in db.platform_funding(platform=centre):
        by_year[f.year] = by_year.get(f.year, 0) + f.amount
    assert by_year == {2015: 300000000, 2016: 100000000}
    firm = [f for f in db.platform_funding(platform=centre) if f.source == r["firm"].id]
    assert len(firm) == 1 and firm[0].currency == "CNY"
    grant = db.platform_funding(funder="教育部产学合作协同育人项目（201901022063）").one()
    assert grant.source is None and grant.purpose == "创新创业型研究生培养及成果转化平台建设"
    names = {e.name for e in db.platform_equipment(platform=centre)}
    assert "真空感应熔炼炉" in names


def test_rules_on_sources_currency_and_dates(case):
    db, r = case
    centre = db.platforms(name="高强铝合金校企联合研发中心").one()   # established 2015-06-01
    with pytest.raises(InvalidError, match="exactly one"):
        db.add(PlatformFunding(platform=centre, amount=100, currency="CNY", year=2020,
                               source=r["firm"], funder="市级财政"))
    with pytest.raises(InvalidError, match="established"):
        db.add(PlatformFunding(platform=centre, amount=100, currency="CNY", year=2014,
                               funder="市级财政"))
    with pytest.raises(InvalidError, match="currency"):
        db.add(PlatformEquipment(platform=centre, name="扫描电子显微镜", value=150000000))
    with pytest.raises(InvalidError, match="established"):
        db.add(PlatformEquipment(platform=centre, name="扫描电子显微镜", value=150000000,
                                 currency="CNY", acquired_on=date(2015, 5, 31)))
    e = db.add(PlatformEquipment(platform=centre, name="扫描电子显微镜", value=150000000,
                                 currency="CNY", acquired_on=date(2015, 6, 1)))
    assert e.acquired_on == date(2015, 6, 1) and e.value == 150000000
    centre.established_on = date(2015, 7, 1)
    with pytest.raises(InvalidError, match="platform_equipment"):
        db.update(centre)
