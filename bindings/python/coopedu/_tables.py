"""Tables: named, typed columns and rows, the shape reports come back in.

A report's C table (``ce_table``) is copied into a :class:`Table` at once
and freed (:func:`table_from_c`): a Table is plain Python data, valid after
the database is closed, picklable, and never touches C memory.

Cells read as record columns do:

========  ==============================  =====================================
C type    in a row                        ``to_pandas()`` dtype
========  ==============================  =====================================
INT       ``int``                         ``Int64`` (nullable)
REAL      ``float``                       ``float64`` (NULL is NaN)
TEXT      ``str``                         ``object`` (NULL is None)
DATE      ``datetime.date``               ``datetime64[ns]`` (NULL is NaT)
BOOL      ``bool``                        ``boolean`` (nullable)
ENUM      the enum member                 ordered ``category`` of the tokens
FLAGS     the flag value                  ``object``: the tokens joined by ``|``
REF       ``int``                         ``Int64``
MONEY     ``int`` (minor units)           ``Int64``
========  ==============================  =====================================

NULL is ``None`` in a row. Dates become ``datetime64`` in pandas (not
``object`` columns of ``datetime.date``) so that ``.dt``, resampling and
comparisons with ``pd.Timestamp`` work; ``Series.dt.date`` gives the
``datetime.date`` values back.
"""

from __future__ import annotations

import datetime
import enum
import math
from collections import namedtuple
from typing import Any, Iterable, Sequence

from . import capi
from ._columns import ColumnType, date_from_c

__all__ = ["Table", "table_from_c"]

_INTEGERS = (ColumnType.INT, ColumnType.REF, ColumnType.MONEY)


class Table(list):  # type: ignore[type-arg]
    """A list of rows with named (and, from reports, typed) columns.

    Each row is a named tuple: ``row.grant_rate`` or ``row[5]`` reads a
    cell. ``table.columns`` names the columns, ``table.types`` gives their
    :class:`ColumnType` (None when the table was built without them),
    ``table.name`` the report's (or a query's entity's) name, or None. ``table.column("name")``
    reads down one column, ``print(table)`` lays it out as text and
    ``table.to_pandas()`` gives a DataFrame (pandas is imported only then).
    """

    def __init__(self, columns: Sequence[str], rows: Iterable[Sequence[Any]] = (), *,
                 types: Sequence[ColumnType | int] | None = None, name: str | None = None) -> None:
        self.columns: tuple[str, ...] = tuple(columns)
        self.types: tuple[ColumnType, ...] | None = (
            None if types is None else tuple(ColumnType(t) for t in types))
        if self.types is not None and len(self.types) != len(self.columns):
            raise ValueError(f"Table: {len(self.columns)} columns but {len(self.types)} types")
        self.name: str | None = name
        # rename: a column name that is no identifier still gets a field (_0, ...).
        self.Row = namedtuple("Row", self.columns, rename=True)  # type: ignore[misc]
        super().__init__(self.Row(*row) for row in rows)

    def column(self, name: str) -> list[Any]:
        """The values of one column, top to bottom."""
        i = self.columns.index(name)
        return [row[i] for row in self]

    def to_pandas(self) -> Any:
        """A pandas DataFrame of this table, one column per column, typed as
        the module documentation says (pandas is imported now)."""
        import pandas as pd

        data = {}
        for i, name in enumerate(self.columns):
            values = [row[i] for row in self]
            ctype = self.types[i] if self.types is not None else None
            data[name] = _pandas_column(pd, ctype, values)
        df = pd.DataFrame(data, columns=list(self.columns))
        if self.name is not None:
            df.attrs["name"] = self.name
        return df

    def __reduce__(self) -> tuple[Any, ...]:
        # Rows are of a class made per table: pickle them as plain tuples.
        return (_rebuild, (self.columns, [tuple(r) for r in self], self.types, self.name))

    def __str__(self) -> str:
        cells = [list(self.columns)] + [[_text(v) for v in row] for row in self]
        widths = [max(_width(r[i]) for r in cells) for i in range(len(self.columns))]
        lines = []
        for n, r in enumerate(cells):
            lines.append("  ".join(_pad(v, w) for v, w in zip(r, widths)).rstrip())
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def __repr__(self) -> str:
        rows = f"{len(self)} row{'' if len(self) == 1 else 's'}"
        cols = f"{len(self.columns)} column{'' if len(self.columns) == 1 else 's'}"
        name = f" {self.name}:" if self.name else ""
        return f"<Table{name} {rows} x {cols}: {', '.join(self.columns)}>"


def _rebuild(columns: tuple[str, ...], rows: list[tuple[Any, ...]],
             types: tuple[ColumnType, ...] | None, name: str | None) -> Table:
    return Table(columns, rows, types=types, name=name)


def _pandas_column(pd: Any, ctype: ColumnType | None, values: list[Any]) -> Any:
    present = [v for v in values if v is not None]
    if ctype in _INTEGERS or (ctype is None and present and all(
            type(v) is int for v in present) and len(present) < len(values)):
        return pd.array(values, dtype="Int64")
    if ctype is ColumnType.REAL:
        return pd.array([math.nan if v is None else v for v in values], dtype="float64")
    if ctype is ColumnType.TEXT:
        return pd.array(values, dtype=object)
    if ctype is ColumnType.BOOL:
        return pd.array(values, dtype="boolean")
    if ctype is ColumnType.DATE or (ctype is None and present and all(
            isinstance(v, datetime.date) for v in present)):
        return pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[ns]")
    enum_types = {type(v) for v in present if isinstance(v, enum.Enum)}
    if len(enum_types) == 1 and len(present) == sum(isinstance(v, enum.Enum) for v in present):
        cls = enum_types.pop()
        if issubclass(cls, enum.Flag):
            return pd.array([None if v is None else str(v) for v in values], dtype=object)
        return pd.Categorical([None if v is None else v.name.lower() for v in values],
                              categories=[m.name.lower() for m in cls], ordered=True)
    return values


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def _width(text: str) -> int:
    # CJK characters take two terminal cells.
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def table_from_c(ctable: Any) -> Table:
    """Copies a C table (a ``capi.ce_table``) into a Table and frees it:
    nothing borrowed from the C table survives the call. DATE cells become
    ``datetime.date``, BOOL cells ``bool``."""
    try:
        name, columns, ctypes, rows = capi.coopedu_table_data(ctable)
    finally:
        capi.ce_table_free(ctable)
    types = tuple(ColumnType(t) for t in ctypes)
    fix = [(i, _CONVERT[t]) for i, t in enumerate(types) if t in _CONVERT]
    if fix:
        for n, row in enumerate(rows):
            cells = list(row)
            for i, conv in fix:
                if cells[i] is not None:
                    cells[i] = conv(cells[i])
            rows[n] = cells
    return Table(columns, rows, types=types, name=name or None)


_CONVERT = {ColumnType.DATE: date_from_c, ColumnType.BOOL: bool}
