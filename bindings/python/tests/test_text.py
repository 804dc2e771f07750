"""Chinese text is the normal case; text C cannot hold is refused."""

from __future__ import annotations

import pytest

from coopedu import InvalidError, NotFoundError, Partner, PartnerKind, Student

NAMES = ["齐鲁工业大学", "山东某航空材料有限公司", "𠀋𡈽𡌛 (CJK Ext. B)", "Ünïcödé ☃", "山东 某公司",
         "😀 emoji", "中" * 500]


@pytest.mark.parametrize("name", NAMES)
def test_round_trip(db, name):
    p = db.add(Partner(name=name, kind=PartnerKind.ENTERPRISE, region="山东省济南市"))
    assert db.partners[p.id].name == name
    assert db.partners(name=name).one() == p


def test_tabs_and_line_breaks_in_text_but_not_in_keys(db):
    p = db.add(Partner(name="甲单位", kind=PartnerKind.ENTERPRISE, region="a\tb\nc"))
    assert db.partners[p.id].region == "a\tb\nc"
    for bad in ("a\tb\nc", "   ", "\u3000", "某公司\u202e司公", "甲\u2066乙\u2069", "甲\x85"):
        with pytest.raises(InvalidError, match="partner.name: a key must not"):
            db.add(Partner(name=bad, kind=PartnerKind.ENTERPRISE))


def test_chinese_in_messages(db):
    db.add(Partner(name="齐鲁工业大学", kind=PartnerKind.UNIVERSITY))
    with pytest.raises(Exception, match="齐鲁工业大学"):
        db.add(Partner(name="齐鲁工业大学", kind=PartnerKind.UNIVERSITY))


@pytest.mark.parametrize("bad", ["a\x01b", "\x1b[31m", "x\x08"])
def test_control_characters_are_refused_by_the_core(db, bad):
    with pytest.raises(InvalidError, match="partner.name"):
        db.add(Partner(name=bad, kind=PartnerKind.UNIVERSITY))
    assert db.partners.count() == 0


def test_nul_and_surrogates_are_refused_before_c(db):
    with pytest.raises(InvalidError, match="NUL"):
        Partner(name="齐鲁\0工业大学")
    with pytest.raises(InvalidError, match="surrogate"):
        Partner(name="bad \udc80")
    with pytest.raises(InvalidError):
        db.partners(name="a\0b")


def test_text_lookup_is_exact(db):
    db.add(Student(number="2014010203", name="李明", level=2, cohort=2014, status_date="2014-09-01"))
    assert db.students(number="2014010203").one().name == "李明"
    # an identifier is compared in its normal form (spaces, full-width digits) ...
    assert db.students(number="２０１４０１０２０３ ").one().name == "李明"
    with pytest.raises(NotFoundError):
        db.students(number="201401020").one()
    # ... other text exactly
    with pytest.raises(NotFoundError):
        db.students(name="李明 ").one()
