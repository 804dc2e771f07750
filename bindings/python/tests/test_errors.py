"""Every C result code raises its exception class, with the C message."""

from __future__ import annotations

import pickle
import sqlite3
from datetime import date

import pytest

import coopedu
from coopedu import (
    BackendError, BusyError, CoopEduError, ConstraintError, CycleError, DeniedError, ExistsError,
    IntegrityError, InvalidError, MisuseError, NotFoundError, NotSupportedError,
    OutOfMemoryError, Partner, PartnerKind, ProjectPartner, ProjectRole, ProjectStage, SchemaError,
    SubtopicDependency, TransitionError, capi,
)
from coopedu._errors import error_from_code

MAPPING = [
    (capi.CE_ERROR, CoopEduError, ()),
    (capi.CE_ENOMEM, OutOfMemoryError, (MemoryError,)),
    (capi.CE_ENOTFOUND, NotFoundError, (KeyError, LookupError)),
    (capi.CE_EEXISTS, ExistsError, (IntegrityError,)),
    (capi.CE_EINVALID, InvalidError, (ValueError,)),
    (capi.CE_ECONSTRAINT, ConstraintError, (IntegrityError,)),
    (capi.CE_ETRANSITION, TransitionError, (IntegrityError,)),
    (capi.CE_ECYCLE, CycleError, (IntegrityError,)),
    (capi.CE_ENOTSUPPORTED, NotSupportedError, ()),
    (capi.CE_EBACKEND, BackendError, ()),
    (capi.CE_EBUSY, BusyError, ()),
    (capi.CE_ESCHEMA, SchemaError, ()),
    (capi.CE_EMISUSE, MisuseError, ()),
    (capi.CE_EDENIED, DeniedError, ()),
]


@pytest.mark.parametrize("code,cls,also", MAPPING, ids=[m[1].__name__ for m in MAPPING])
def test_every_code_has_its_class(code, cls, also):
    err = error_from_code(code, "消息 message")
    assert type(err) is cls
    assert isinstance(err, CoopEduError)
    for base in also:
        assert isinstance(err, base)
    assert err.code == code
    assert err.message == "消息 message"
    assert str(err) == "消息 message"  # not quoted, even for the KeyError
    assert cls.__name__ in repr(err)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls and back.code == code and back.message == err.message


def test_unknown_code_keeps_its_code():
    err = error_from_code(-99, "?")
    assert type(err) is CoopEduError and err.code == -99


def test_integrity_errors_are_not_value_errors():
    assert not issubclass(IntegrityError, ValueError)
    assert not issubclass(NotFoundError, ValueError)


def test_not_found(mem):
    with pytest.raises(NotFoundError, match="partner: no record with id 99") as info:
        mem.partners[99]
    assert info.value.code == capi.CE_ENOTFOUND
    with pytest.raises(KeyError):
        mem.get(Partner, 99)
    with pytest.raises(NotFoundError):
        capi.ce_entity_by_name("no_such_entity")


def test_not_found_opening_without_create(tmp_path):
    with pytest.raises(NotFoundError):
        coopedu.open(tmp_path / "missing.db", create=False)


def test_invalid(mem):
    with pytest.raises(InvalidError, match="partner.kind") as info:
        mem.add(Partner(name="缺少类型"))
    assert isinstance(info.value, ValueError)
    with pytest.raises(InvalidError, match="not a calendar date"):
        capi.ce_date_parse("2019-02-30")


def test_exists(mem):
    mem.add(Partner(name="齐鲁工业大学", kind=PartnerKind.UNIVERSITY))
    with pytest.raises(ExistsError, match="齐鲁工业大学.*already taken") as info:
        mem.add(Partner(name="齐鲁工业大学", kind=PartnerKind.UNIVERSITY))
    assert isinstance(info.value, IntegrityError) and info.value.code == capi.CE_EEXISTS


def test_constraint(case):
    db, r = case
    with pytest.raises(ConstraintError, match="no project with id 999"):
        db.add(ProjectPartner(project=999, partner=r["firm"], role=ProjectRole.LEAD))
    with pytest.raises(ConstraintError, match="still referenced"):
        db.delete(r["firm"])


def test_transition(case):
    db, r = case
    with pytest.raises(TransitionError, match="pilot -> laboratory is not allowed"):
        db.transition(r["sand"], "stage", ProjectStage.LABORATORY, date(2021, 1, 1))


def test_cycle(case):
    db, r = case
    with pytest.raises(CycleError):
        db.add(SubtopicDependency(subtopic=r["theory"], depends_on=r["applied"]))


def test_misuse(mem):
    with pytest.raises(MisuseError, match="no transaction"):
        mem.commit()
    mem.begin()
    with pytest.raises(MisuseError, match="already open"):
        mem.begin()
    mem.rollback()


def test_misuse_read_only(tmp_path):
    coopedu.open(tmp_path / "ro.db").close()
    with coopedu.open(tmp_path / "ro.db", readonly=True) as db:
        with pytest.raises(MisuseError, match="read-only"):
            db.add(Partner(name="x", kind=PartnerKind.UNIVERSITY))


def test_not_supported():
    with pytest.raises(NotSupportedError, match="no backend for scheme 'nosuch'"):
        coopedu.open("nosuch:x")


def test_backend(tmp_path):
    with pytest.raises(BackendError):
        coopedu.open(f"sqlite:{tmp_path}")  # a directory


def test_schema_newer_store(tmp_path):
    path = tmp_path / "new.db"
    coopedu.open(path).close()
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA user_version = 9999")
    con.close()
    with pytest.raises(SchemaError, match="upgrade libcoopedu"):
        coopedu.open(path)


def test_schema_foreign_file(tmp_path):
    path = tmp_path / "other.db"
    path.write_bytes(b"not a database at all " * 64)
    with pytest.raises(SchemaError, match="not a coopedu store"):
        coopedu.open(path)


def test_busy(tmp_path):
    path = tmp_path / "busy.db"
    with coopedu.open(path) as first, coopedu.open(path, busy_timeout_ms=1) as second:
        first.begin()
        first.add(Partner(name="甲", kind=PartnerKind.UNIVERSITY))
        with pytest.raises(BusyError, match="locked"):
            second.add(Partner(name="乙", kind=PartnerKind.UNIVERSITY))
        first.rollback()
        second.add(Partner(name="乙", kind=PartnerKind.UNIVERSITY))


def test_refused_call_leaves_store_unchanged(case):
    db, r = case
    before = [p.to_dict() for p in db.partners]
    with pytest.raises(ConstraintError):
        db.delete(r["firm"])
    assert [p.to_dict() for p in db.partners] == before


def test_message_comes_from_the_handle_call_not_a_stale_one(mem):
    mem.add(Partner(name="甲", kind=PartnerKind.UNIVERSITY))
    with pytest.raises(ExistsError) as first:
        mem.add(Partner(name="甲", kind=PartnerKind.UNIVERSITY))
    with pytest.raises(NotFoundError) as second:
        mem.partners[42]
    assert "42" in second.value.message and "甲" in first.value.message
