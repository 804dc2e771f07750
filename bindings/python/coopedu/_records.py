"""Records: one Python class per entity, shaped by the C library's
introspection (``ce_entity_*``, ``ce_column_*``).

A record is a plain Python object holding a detached copy of one row: it
outlives the database it came from and never touches C memory. Its columns
are attributes (see ``_columns`` for the Python type of each C type).
"""

from __future__ import annotations

import enum
from typing import Any, ClassVar

from . import capi
from ._columns import Column, ColumnType, TokenEnum, TokenFlag, to_int64
from ._errors import NotFoundError
from ._names import camel

__all__ = ["Record", "entity_class", "entity_classes"]

# Class attributes a column may not shadow.
_RESERVED = frozenset({"id", "to_dict", "replace", "columns", "entity"})

_BY_NAME: dict[str, type[Record]] = {}


class Record:
    """Base of the entity classes (Partner, Project, ...).

    Create with keyword arguments, ``Partner(name="…", kind=PartnerKind.ENTERPRISE)``;
    store with ``db.add()``. ``id`` is None until the record is stored.
    Two records are equal when they are of the same entity, with the same id
    and the same values. Records are mutable, hence unhashable: key by ``.id``.
    """

    __slots__ = ("_id", "_values")

    _entity: ClassVar[int] = 0
    _entity_name: ClassVar[str] = ""
    _columns: ClassVar[tuple[Column, ...]] = ()
    _by_name: ClassVar[dict[str, Column]] = {}
    _links: ClassVar[tuple[str, ...]] = ()
    _id: int | None
    _values: list[Any]

    def __init_subclass__(cls, entity: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if entity is not None:
            _bind(cls, entity)

    def __init__(self, *, id: int | None = None, **fields: Any) -> None:
        if not self._entity:
            raise TypeError("Record is abstract: use an entity class such as Partner")
        self._id = None if id is None else to_int64(id, f"{self._entity_name}.id")
        self._values = [None] * len(self._columns)
        for name, value in fields.items():
            col = self._by_name.get(name)
            if col is None:
                raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument "
                                f"{name!r}")
            self._values[col.index] = col.to_python(value)

    @property
    def id(self) -> int | None:
        """The record's id (> 0), or None while it is not stored."""
        return self._id

    @classmethod
    def columns(cls) -> tuple[Column, ...]:
        """The entity's columns, in C order (the id is not one)."""
        return cls._columns

    @classmethod
    def entity(cls) -> str:
        """The entity's name in the C library, e.g. ``"partner"``."""
        return cls._entity_name

    def to_dict(self) -> dict[str, Any]:
        """``{"id": ..., column: value, ...}``."""
        d: dict[str, Any] = {"id": self._id}
        d.update(zip((c.name for c in self._columns), self._values))
        return d

    def replace(self, **changes: Any) -> Record:
        """A copy with some values changed (``id=None`` for an unsaved copy)."""
        new = self.__copy__()
        if "id" in changes:
            i = changes.pop("id")
            new._id = None if i is None else to_int64(i, f"{self._entity_name}.id")
        for name, value in changes.items():
            if name not in self._by_name:
                raise TypeError(f"{type(self).__name__} has no column {name!r}")
            setattr(new, name, value)
        return new

    def __copy__(self) -> Record:
        new = object.__new__(type(self))
        new._id = self._id
        new._values = list(self._values)
        return new

    def __getstate__(self) -> tuple[int | None, list[Any]]:
        return (self._id, self._values)

    def __setstate__(self, state: tuple[int | None, list[Any]]) -> None:
        self._id, values = state
        self._values = list(values)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._id == other._id and self._values == other._values

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        parts = [f"id={self._id!r}"]
        for col, value in zip(self._columns, self._values):
            if value is None:
                continue
            if isinstance(value, enum.Flag):
                names = [f"{type(value).__name__}.{m.name}" for m in type(value) if m & value]
                text = "|".join(names) if names else f"{type(value).__name__}(0)"
            elif isinstance(value, enum.Enum):
                text = f"{type(value).__name__}.{value.name}"
            else:
                text = repr(value)
            parts.append(f"{col.name}={text}")
        return f"{type(self).__name__}({', '.join(parts)})"

    # -- to and from C records ------------------------------------------------------

    @classmethod
    def _from_c(cls, crec: Any) -> Record:
        rec = object.__new__(cls)
        rec._load(crec)
        return rec

    def _load(self, crec: Any) -> None:
        raw = capi.coopedu_record_values(crec)
        self._id = capi.ce_record_id(crec)
        self._values = [c.from_c(v) for c, v in zip(self._columns, raw)]

    def _fill(self, crec: Any) -> None:
        """Writes every column into C record ``crec`` (NULL for None)."""
        for col, value in zip(self._columns, self._values):
            if value is None:
                capi.ce_record_set_null(crec, col.name)
            elif col.type is ColumnType.TEXT:
                capi.ce_record_set_text(crec, col.name, value)
            elif col.type is ColumnType.REAL:
                capi.ce_record_set_real(crec, col.name, value)
            else:
                capi.ce_record_set_int(crec, col.name, col.to_c(value))


def _tokens(entity: int, col: int, first: int) -> dict[int, str]:
    out = {}
    for v in range(first, 64):
        tok = capi.ce_column_token(entity, col, v)
        if tok is None:
            break
        out[v] = tok
    return out


def _enum_for(cls_name: str, col_name: str, ctype: ColumnType, tokens: dict[int, str],
              given: type | None) -> type[TokenEnum] | type[TokenFlag]:
    """The enum class of a column: the generated one, checked against the
    library's tokens, or (for a library newer than the bindings) a new one."""
    if ctype is ColumnType.FLAGS:
        expected = {1 << bit: tok for bit, tok in tokens.items()}
        base: type = TokenFlag
    else:
        expected = dict(tokens)
        base = TokenEnum
    if given is not None:
        have = {m.value: m.name.lower() for m in given}  # type: ignore[attr-defined]
        if have != expected:
            raise ImportError(f"coopedu: {given.__name__} does not match the tokens of "
                              f"libcoopedu {capi.ce_version_string()}; rebuild the bindings")
        return given  # type: ignore[return-value]
    members = [(tok.upper(), value) for value, tok in expected.items()]
    return base(cls_name + camel(col_name), members, module="coopedu")  # type: ignore[return-value]


def _bind(cls: type[Record], name: str) -> None:
    """Gives ``cls`` the columns of entity ``name`` from the C introspection."""
    try:
        number = capi.ce_entity_by_name(name)
    except NotFoundError:
        raise ImportError(f"coopedu: libcoopedu {capi.ce_version_string()} has no entity "
                          f"{name!r}; rebuild the bindings") from None
    docs: dict[str, str] = cls.__dict__.get("_column_docs", {})
    enums: dict[str, type] = cls.__dict__.get("_column_enums", {})
    columns = []
    for i in range(capi.ce_entity_column_count(number)):
        cname = capi.ce_column_name(number, i)
        ctype = ColumnType(capi.ce_column_type_of(number, i))
        if cname in _RESERVED or cname.startswith("_"):
            raise ImportError(f"coopedu: column {name}.{cname} clashes with a Record attribute")
        ref = None
        enum_cls = None
        if ctype is ColumnType.REF:
            ref = capi.ce_entity_name(capi.ce_column_ref(number, i))
        elif ctype in (ColumnType.ENUM, ColumnType.FLAGS):
            toks = _tokens(number, i, 1 if ctype is ColumnType.ENUM else 0)
            enum_cls = _enum_for(cls.__name__, cname, ctype, toks, enums.get(cname))
        col = Column(name, cname, i, ctype, capi.ce_column_flags(number, i), ref, enum_cls,
                     docs.get(cname))
        columns.append(col)
        setattr(cls, cname, col)
    cls._entity = number
    cls._entity_name = name
    cls._columns = tuple(columns)
    cls._by_name = {c.name: c for c in columns}
    cls._links = tuple(capi.coopedu_entity_links(number))
    if not cls.__doc__:
        cls.__doc__ = capi.ce_entity_description(number)
    _BY_NAME[name] = cls


def entity_class(entity: str | int | type[Record]) -> type[Record]:
    """The record class of an entity given by name (``"partner"``), C number
    or class. Entities of the linked library that the generated bindings do
    not know get a class made on the fly."""
    if isinstance(entity, type) and issubclass(entity, Record) and entity._entity:
        return entity
    if isinstance(entity, int) and not isinstance(entity, bool):
        name = capi.ce_entity_name(entity)
        if name is None:
            raise NotFoundError(f"no entity number {entity}")
    elif isinstance(entity, str):
        name = entity
    else:
        raise TypeError(f"expected an entity class, name or number, got {entity!r}")
    cls = _BY_NAME.get(name)
    if cls is None:
        capi.ce_entity_by_name(name)  # NotFoundError for an unknown name
        cls = type(camel(name), (Record,), {"__slots__": (), "__module__": "coopedu"},
                   entity=name)
    return cls


def entity_classes() -> tuple[type[Record], ...]:
    """Every entity of the linked library, in C order."""
    out = []
    number = 1
    while (name := capi.ce_entity_name(number)) is not None:
        out.append(entity_class(name))
        number += 1
    return tuple(out)
