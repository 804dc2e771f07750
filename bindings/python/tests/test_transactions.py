"""`with db.transaction():` commits, or rolls back and re-raises."""

from __future__ import annotations

import pytest

import coopedu
from coopedu import ExistsError, Partner, PartnerKind


def test_commits(db):
    with db.transaction() as t:
        assert t is db and db.in_transaction
        db.add(Partner(name="甲", kind=PartnerKind.UNIVERSITY))
        db.add(Partner(name="乙", kind=PartnerKind.ENTERPRISE))
    assert not db.in_transaction
    assert db.partners.count() == 2


def test_rolls_back_on_error(db):
    db.add(Partner(name="甲", kind=PartnerKind.UNIVERSITY))
    with pytest.raises(ExistsError):
        with db.transaction():
            db.add(Partner(name="乙", kind=PartnerKind.ENTERPRISE))
            db.add(Partner(name="甲", kind=PartnerKind.UNIVERSITY))
    assert not db.in_transaction
    assert [p.name for p in db.partners] == ["甲"]


def test_rolls_back_on_any_exception(db):
    with pytest.raises(KeyboardInterrupt):
        with db.transaction():
            db.add(Partner(name="乙", kind=PartnerKind.ENTERPRISE))
            raise KeyboardInterrupt
    assert db.partners.count() == 0


def test_explicit_calls(db):
    db.begin()
    db.add(Partner(name="甲", kind=PartnerKind.UNIVERSITY))
    db.rollback()
    assert db.partners.count() == 0
    db.begin()
    db.add(Partner(name="甲", kind=PartnerKind.UNIVERSITY))
    db.commit()
    assert db.partners.count() == 1


def test_transactions_do_not_nest(db):
    with db.transaction():
        with pytest.raises(coopedu.MisuseError):
            with db.transaction():
                pass
        assert db.in_transaction  # the outer one is still open


def test_closing_inside_a_transaction_rolls_back(tmp_path):
    path = tmp_path / "t.db"
    with coopedu.open(path) as db:
        with pytest.raises(coopedu.MisuseError):
            with db.transaction():
                db.add(Partner(name="甲", kind=PartnerKind.UNIVERSITY))
                db.close()
    with coopedu.open(path) as db:
        assert db.partners.count() == 0


def test_committed_data_is_on_disk(tmp_path):
    path = tmp_path / "t.db"
    with coopedu.open(path) as db, db.transaction():
        db.add(Partner(name="甲", kind=PartnerKind.UNIVERSITY))
    with coopedu.open(path, readonly=True) as db:
        assert db.partners.one().name == "甲"
