"""Tables: named columns and rows, the shape analytics come back in.

The C analytics (outcome funnel, supervision coverage, ...) are not in the
library yet. When they land, each returns a C table with typed columns; the
binding turns it into a :class:`Table` with :func:`table_from_c` below (the
seam: a typemap or a few lines over the C table API), converting cells with
the same rules as record columns (DATE -> datetime.date, ENUM -> enum
member, ...). Until then, ``Query.to_table()`` and user code build Tables
from records.
"""

from __future__ import annotations

import datetime
import enum
from collections import namedtuple
from typing import Any, Iterable, Sequence

__all__ = ["Table", "table_from_c"]


class Table(list):  # type: ignore[type-arg]
    """A list of rows (named tuples) with named columns.

    ``table.columns`` names them; ``row.grant_rate`` or ``row[3]`` reads a
    cell; ``table.to_pandas()`` gives a DataFrame (pandas is imported only
    then); ``print(table)`` lays it out as text.
    """

    def __init__(self, columns: Sequence[str], rows: Iterable[Sequence[Any]] = ()) -> None:
        self.columns: tuple[str, ...] = tuple(columns)
        self.Row = namedtuple("Row", self.columns)  # type: ignore[misc]
        super().__init__(self.Row(*row) for row in rows)

    def column(self, name: str) -> list[Any]:
        """The values of one column, top to bottom."""
        i = self.columns.index(name)
        return [row[i] for row in self]

    def to_pandas(self) -> Any:
        """A pandas DataFrame of this table. Enum cells become ordered
        categoricals of their tokens, dates become datetime64."""
        import pandas as pd

        data = {}
        for i, name in enumerate(self.columns):
            values = [row[i] for row in self]
            present = [v for v in values if v is not None]
            enum_types = {type(v) for v in present if isinstance(v, enum.IntEnum)}
            if present and len(enum_types) == 1 and len(present) == sum(
                    isinstance(v, enum.IntEnum) for v in present):
                cls = enum_types.pop()
                data[name] = pd.Categorical([None if v is None else v.name.lower() for v in values],
                                            categories=[m.name.lower() for m in cls], ordered=True)
            elif present and all(isinstance(v, datetime.date) for v in present):
                data[name] = pd.to_datetime(pd.Series(values, dtype=object))
            elif present and all(isinstance(v, enum.Flag) for v in present):
                data[name] = [None if v is None else str(v) for v in values]
            else:
                data[name] = values
        return pd.DataFrame(data, columns=list(self.columns))

    def __str__(self) -> str:
        cells = [list(self.columns)] + [["" if v is None else str(v) for v in row] for row in self]
        widths = [max(_width(r[i]) for r in cells) for i in range(len(self.columns))]
        lines = []
        for n, r in enumerate(cells):
            lines.append("  ".join(_pad(v, w) for v, w in zip(r, widths)).rstrip())
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Table {len(self)} rows x {len(self.columns)} columns: {', '.join(self.columns)}>"


def _width(text: str) -> int:
    # CJK characters take two terminal cells.
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def table_from_c(ctable: Any) -> Table:  # pragma: no cover - the seam, see the module doc
    """Converts a C analytics table into a Table. Not implemented until the
    C library exports analytics."""
    raise NotImplementedError("libcoopedu has no analytics API yet")
