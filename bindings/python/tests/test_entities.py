"""Every entity of the C library is reachable: a class, a collection, and
create / read / update / delete / iterate through the generic API."""

from __future__ import annotations

import pytest

import coopedu
from coopedu import ColumnType, Record, capi

ALL = coopedu.entity_classes()


def test_every_c_entity_has_a_class():
    names = []
    number = 1
    while (name := capi.ce_entity_name(number)) is not None:
        names.append(name)
        number += 1
    assert number - 1 == capi.CE_ENTITY_LAST
    assert [cls.entity() for cls in ALL] == names
    for cls in ALL:
        assert getattr(coopedu, cls.__name__) is cls  # generated, exported
        assert cls.__module__ == "coopedu._entities"


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_columns_match_the_introspection(cls):
    e = cls._entity
    assert [c.name for c in cls.columns()] == [
        capi.ce_column_name(e, i) for i in range(capi.ce_entity_column_count(e))]
    for col in cls.columns():
        assert getattr(cls, col.name) is col
        assert col.type == capi.ce_column_type_of(e, col.index)
        assert col.required == bool(capi.ce_column_required(e, col.index))
        if col.type is ColumnType.REF:
            assert col.ref == capi.ce_entity_name(capi.ce_column_ref(e, col.index))
        if col.type is ColumnType.ENUM:
            assert issubclass(col.enum, coopedu.TokenEnum)
            for member in col.enum:
                assert capi.ce_column_token(e, col.index, member.value) == member.token
        if col.type is ColumnType.FLAGS:
            assert issubclass(col.enum, coopedu.TokenFlag)
        assert col.__doc__, f"{cls.__name__}.{col.name} has no docstring"
    assert cls.__doc__ and cls.__doc__.strip()


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_crud_and_iteration(case, cls):
    db, records = case
    coll = db.collection(cls)
    assert coll is db.collection(cls.entity()) is getattr(db, coopedu._names.plural(cls.entity()))
    stored = list(coll)
    assert stored, f"the case study has no {cls.entity()}"
    assert len(coll) == len(stored) == db.count(cls)
    first = stored[0]
    assert type(first) is cls
    assert db.get(cls, first.id) == first == coll[first.id]
    assert first.id in coll and first in coll
    # Filter on a column and find the record again.
    col = next((c for c in cls.columns() if getattr(first, c.name) is not None
                and c.type is not ColumnType.REAL and c.type is not ColumnType.FLAGS), None)
    if col is not None:
        assert first in list(coll(**{col.name: getattr(first, col.name)}))
    # Update: write the record back unchanged (every column goes through C).
    assert db.update(first) == db.get(cls, first.id)
    if cls in (coopedu.SurveyItem, coopedu.SurveyOption):
        # the case's questionnaires have responses: frozen, nothing goes
        with pytest.raises(coopedu.InvalidError, match="frozen"):
            db.delete(first, cascade=True)
        assert db.get(cls, first.id) == first
        return
    if cls is coopedu.TeamMember:
        # the case's members attended its meetings: the membership stays
        with pytest.raises(coopedu.ConstraintError, match="attended team meeting"):
            db.delete(first, cascade=True)
        assert db.get(cls, first.id) == first
        return
    # Delete with cascade, then it is gone.
    first_id = first.id
    db.delete(first, cascade=True)
    assert first.id is None
    assert coll.get(first_id) is None
    assert len(coll) == len(stored) - 1


def test_dynamic_class_for_an_entity_the_bindings_do_not_know():
    # What a library newer than the generated bindings gets.
    cls = coopedu._records.entity_class("partner")
    assert cls is coopedu.Partner
    Fresh = type("Fresh", (Record,), {"__slots__": ()})  # unbound base: not an entity
    with pytest.raises(TypeError):
        Fresh()
    with pytest.raises(coopedu.NotFoundError):
        coopedu.entity_class("no_such_entity")
    assert coopedu.entity_class(capi.CE_ENTITY_PROJECT) is coopedu.Project


def test_database_getattr_fallback(mem):
    assert mem.budget_lines is mem.collection("budget_line")
    with pytest.raises(AttributeError):
        mem.no_such_things
