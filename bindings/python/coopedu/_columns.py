"""Columns: how each C column type reads and writes in Python.

========  ====================================================
TEXT      ``str``
INT       ``int``
REAL      ``float``
DATE      ``datetime.date`` (the C side packs it as YYYYMMDD)
BOOL      ``bool``
ENUM      a :class:`TokenEnum` (an ``enum.IntEnum``)
FLAGS     a :class:`TokenFlag` (an ``enum.IntFlag``)
REF       ``int``, the id of the record pointed at
MONEY     ``int``, minor units (fen, cents)
========  ====================================================

NULL is ``None``. Assignment checks Python types only; every rule of the
domain is enforced by the C core when the record is stored.
"""

from __future__ import annotations

import datetime
import enum
import operator
from typing import TYPE_CHECKING, Any, Iterable

from . import capi
from ._errors import InvalidError

if TYPE_CHECKING:
    from ._records import Record

__all__ = ["ColumnType", "Column", "TokenEnum", "TokenFlag"]

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1


class ColumnType(enum.IntEnum):
    """The C column types (``ce_column_type``)."""

    INT = capi.CE_TYPE_INT
    REAL = capi.CE_TYPE_REAL
    TEXT = capi.CE_TYPE_TEXT
    DATE = capi.CE_TYPE_DATE
    BOOL = capi.CE_TYPE_BOOL
    ENUM = capi.CE_TYPE_ENUM
    FLAGS = capi.CE_TYPE_FLAGS
    REF = capi.CE_TYPE_REF
    MONEY = capi.CE_TYPE_MONEY


class TokenEnum(enum.IntEnum):
    """An enum column's values. Members are named by the library's tokens
    (``PartnerKind.ENTERPRISE`` is token ``"enterprise"``, value 2); str()
    gives the token, and the token also looks a member up:
    ``PartnerKind("enterprise")``."""

    @property
    def token(self) -> str:
        """The library's name for this value, e.g. ``"enterprise"``."""
        return self.name.lower()

    def __str__(self) -> str:
        return self.token

    def __format__(self, spec: str) -> str:
        return format(self.token, spec)

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str):
            member = cls.__members__.get(value.upper())
            if member is not None:
                return member
        return None


class TokenFlag(enum.IntFlag):
    """A flags column's bits, named by the library's tokens; str() gives
    the tokens joined by ``|``, e.g. ``"joint_laboratory|joint_project"``."""

    @property
    def tokens(self) -> list[str]:
        """The tokens of the bits set, lowest bit first."""
        return [m.name.lower() for m in type(self) if m.value & self.value]

    def __str__(self) -> str:
        return "|".join(self.tokens)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def date_to_c(value: datetime.date) -> int:
    return value.year * 10000 + value.month * 100 + value.day


def date_from_c(value: int) -> datetime.date:
    return datetime.date(value // 10000, value // 100 % 100, value % 100)


def to_date(value: object, where: str) -> datetime.date:
    """A date from a ``datetime.date`` or an ISO ``"YYYY-MM-DD"`` string."""
    if isinstance(value, datetime.datetime):
        raise TypeError(f"{where}: expected a date, got a datetime (use .date())")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise InvalidError(f"{where}: {value!r} is not a YYYY-MM-DD date") from None
    raise TypeError(f"{where}: expected a datetime.date, got {type(value).__name__}")


def to_int64(value: object, where: str) -> int:
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"{where}: expected an int, got {type(value).__name__}")
    try:
        n = operator.index(value)
    except TypeError:
        raise TypeError(f"{where}: expected an int, got {type(value).__name__}") from None
    if not INT64_MIN <= n <= INT64_MAX:
        raise InvalidError(f"{where}: {n} does not fit in 64 bits")
    return n


class Column:
    """One column of an entity; on a record class it is also the attribute
    that reads and writes that column (``Partner.name``)."""

    # No __slots__: each column's docstring is an instance attribute.

    def __init__(self, entity: str, name: str, index: int, type: ColumnType, flags: int,
                 ref: str | None, enum: type[TokenEnum] | type[TokenFlag] | None,
                 doc: str | None) -> None:
        #: the entity's name, e.g. "partner"
        self.entity = entity
        #: the column's name, e.g. "kind"
        self.name = name
        #: position in the C record (the id is not a column)
        self.index = index
        self.type = type
        self.required = bool(flags & capi.CE_COL_REQUIRED)
        self.unique = bool(flags & capi.CE_COL_UNIQUE)
        #: moved only by Database.transition(), with a dated history
        self.lifecycle = bool(flags & capi.CE_COL_LIFECYCLE)
        #: REF: the name of the entity pointed at
        self.ref = ref
        #: ENUM and FLAGS: the Python enum class
        self.enum = enum
        self.__doc__ = doc

    def __repr__(self) -> str:
        return f"<Column {self.entity}.{self.name} {self.type.name}>"

    # -- the attribute --------------------------------------------------------

    def __get__(self, record: Record | None, owner: type | None = None) -> Any:
        if record is None:
            return self
        return record._values[self.index]

    def __set__(self, record: Record, value: object) -> None:
        record._values[self.index] = self.to_python(value)

    # -- conversions ------------------------------------------------------------

    def to_python(self, value: object) -> Any:
        """Checks and normalises a value assigned to this column."""
        if value is None:
            return None
        where = f"{self.entity}.{self.name}"
        t = self.type
        if t is ColumnType.TEXT:
            if not isinstance(value, str):
                raise TypeError(f"{where}: expected str, got {type(value).__name__}")
            # C strings end at NUL and must be UTF-8: refuse what would be
            # cut or could not be encoded (the C core refuses control
            # characters other than tab, newline and carriage return).
            if "\0" in value:
                raise InvalidError(f"{where}: text contains a NUL character")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise InvalidError(f"{where}: text is not valid Unicode (lone surrogate)") from None
            return value
        if t is ColumnType.DATE:
            return to_date(value, where)
        if t is ColumnType.ENUM:
            return self._member(value, where)
        if t is ColumnType.FLAGS:
            return self._flags(value, where)
        if t is ColumnType.BOOL:
            if isinstance(value, bool):
                return value
            if to_int64(value, where) in (0, 1):
                return bool(value)
            raise InvalidError(f"{where}: {value!r} is not a boolean")
        if t is ColumnType.REAL:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"{where}: expected a number, got {type(value).__name__}")
            return float(value)
        if t is ColumnType.REF and _is_record(value):  # a record stands for its id
            if value._entity_name != self.ref:
                raise TypeError(f"{where}: points at a {self.ref}, got a {value._entity_name}")
            if value._id is None:
                raise InvalidError(f"{where}: the {self.ref} is not stored yet (no id)")
            return value._id
        return to_int64(value, where)  # INT, MONEY, REF

    def to_c(self, value: Any) -> int | float | str:
        """A normalised value as the C setters take it."""
        if self.type is ColumnType.DATE:
            return date_to_c(value)
        if self.type in (ColumnType.TEXT, ColumnType.REAL):
            return value
        return int(value)

    def from_c(self, raw: int | float | str | None) -> Any:
        """A value read from a C record."""
        if raw is None:
            return None
        t = self.type
        if t is ColumnType.DATE:
            return date_from_c(raw)  # type: ignore[arg-type]
        if t is ColumnType.ENUM:
            try:
                return self.enum(raw)  # type: ignore[misc]
            except ValueError:
                return raw
        if t is ColumnType.FLAGS:
            return self.enum(raw)  # type: ignore[misc]
        if t is ColumnType.BOOL:
            return bool(raw)
        return raw

    def _member(self, value: object, where: str) -> TokenEnum:
        cls = self.enum
        assert cls is not None
        if isinstance(value, cls):
            return value
        if isinstance(value, enum.Enum):
            raise TypeError(f"{where}: expected a {cls.__name__}, got {type(value).__name__}")
        if not isinstance(value, str):
            value = to_int64(value, where)
        try:
            return cls(value)  # type: ignore[return-value]
        except ValueError:
            choices = ", ".join(m.token for m in cls)  # type: ignore[attr-defined]
            raise InvalidError(f"{where}: {value!r} is not one of {choices}") from None

    def _flags(self, value: object, where: str) -> TokenFlag:
        cls = self.enum
        assert cls is not None
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            value = [value]
        if isinstance(value, Iterable) and not isinstance(value, enum.Enum):
            bits = cls(0)
            for item in value:
                member = cls.__members__.get(item.upper()) if isinstance(item, str) else None
                if member is None:
                    if isinstance(item, cls):
                        member = item
                    else:
                        choices = ", ".join(m.name.lower() for m in cls)
                        raise InvalidError(f"{where}: {item!r} is not one of {choices}")
                bits |= member
            return bits  # type: ignore[return-value]
        return cls(to_int64(value, where))  # type: ignore[return-value]


def _is_record(value: object) -> bool:
    from ._records import Record  # imported late: _records imports this module
    return isinstance(value, Record)
