"""Bulk loading: many records in one call, converted and inserted in C
(coopedu.capi.coopedu_insert_rows / coopedu_insert_columns), all or
nothing. The rules are the library's, exactly as for ``db.add``."""

from __future__ import annotations

import itertools
from typing import Any, Iterable, Iterator, Sequence

from . import capi
from ._errors import InvalidError
from ._records import Record, entity_class

__all__ = ["BulkMethods"]

# DataFrame rows handed to C per call: bounds the Python lists made from
# the columns, whatever the frame's size.
FRAME_BATCH = 50_000


class BulkMethods:
    """Database methods for bulk loading (mixed into Database)."""

    __slots__ = ()

    def _all_or_nothing(self, load: Any) -> list[int]:
        """Runs ``load(handle)`` in a transaction of its own, or in the
        caller's if one is open (a failure then raises and the caller's
        ``with db.transaction()`` rolls back)."""
        handle = self._handle()  # type: ignore[attr-defined]
        if capi.ce_db_in_transaction(handle):
            return load(handle)
        capi.ce_db_begin(handle)
        try:
            ids = load(handle)
        except BaseException:
            capi.ce_db_rollback(handle)
            raise
        capi.ce_db_commit(handle)
        return ids

    def add_all(self, rows: Iterable[Any], entity: Any = None, *,
                columns: Sequence[str] | None = None) -> list[int]:
        """Stores many new records at once and returns their ids, in order.

        ``rows`` is any iterable (a list, a generator) of records
        (``Partner(...)``), dicts keyed by column name (missing keys are
        unset) or tuples of values for ``columns`` (default: every column,
        in order); kinds may be mixed. Values are as the record classes take
        them: str, int, float, bool, dates (or "YYYY-MM-DD"), enum members
        or their tokens, flags or their tokens joined by "|" (as
        ``to_pandas()`` gives them), a stored record or an id for a
        reference.
        ``entity`` (a record class or name) is needed unless the first row
        is a record.

        All or nothing: the rows go in one transaction, the first refused
        one raises (with its row number) and none is stored. Inside an open
        transaction the rows join it, and the exception leaves the rollback
        to the caller. Records given in a list or tuple get their ids; they
        are not reloaded (``db.refresh(rec)`` shows the values the store
        gave, such as initial lifecycle states).
        """
        kept = rows if isinstance(rows, (list, tuple)) else None
        it: Iterator[Any] = iter(rows)
        if entity is None:
            first = next(it, None)
            if first is None:
                return []
            if not isinstance(first, Record):
                raise TypeError("add_all() of dicts or tuples needs entity=")
            cls = type(first)
            it = itertools.chain((first,), it)
        else:
            cls = entity_class(entity)
        names = tuple(columns) if columns is not None else tuple(c.name for c in cls._columns)
        for name in names:
            if name not in cls._by_name:
                raise InvalidError(f"{cls._entity_name} has no column {name!r}")
        ids: list[int] = self._all_or_nothing(
            lambda h: capi.coopedu_insert_rows(h, cls._entity, names, it))
        if kept is not None:
            for row, new_id in zip(kept, ids):
                if isinstance(row, Record):
                    row._id = new_id
        return ids

    def import_frame(self, frame: Any, entity: Any) -> list[int]:
        """Stores every row of a pandas DataFrame as a new record of
        ``entity`` and returns their ids, all or nothing (as :meth:`add_all`).

        Columns are the entity's column names or their Chinese labels
        (``学号``); a column the entity lacks is refused (``id`` too: the
        store numbers records). Missing values (None, NaN, NaT, pd.NA) are
        unset. Dates may be datetime64 columns, dates or "YYYY-MM-DD";
        enums their tokens or members. The index is ignored. Rows go to C in
        batches of 50,000, in one transaction.
        """
        cls = entity_class(entity)
        labels = {capi.ce_column_label(cls._entity, c.index, "zh"): c.name for c in cls._columns}
        names = []
        for col in frame.columns:
            name = col if col in cls._by_name else labels.get(col)
            if name is None:
                raise InvalidError(f"{cls._entity_name} has no column {col!r} "
                                   f"(columns: {', '.join(c.name for c in cls._columns)})")
            names.append(name)
        if len(set(names)) != len(names):
            raise InvalidError(f"import_frame(): a column of {cls._entity_name} is given twice")
        n = len(frame)

        def load(handle: Any) -> list[int]:
            ids: list[int] = []
            for start in range(0, n, FRAME_BATCH):
                part = frame.iloc[start:start + FRAME_BATCH]
                data = [_values(part.iloc[:, i]) for i in range(len(names))]
                ids.extend(capi.coopedu_insert_columns(handle, cls._entity, names, data, len(part)))
            return ids

        return self._all_or_nothing(load)


def _values(series: Any) -> list[Any]:
    """A column as a list of Python values, missing ones as None (NaN in a
    float column stays NaN, which C reads as missing too)."""
    import numpy

    kind = series.dtype.kind
    if kind in "iufb" and isinstance(series.dtype, numpy.dtype):  # not nullable Int64, boolean
        return series.tolist()
    if kind == "M":  # datetime64: Timestamps, NaT as None
        return series.astype(object).where(series.notna(), None).tolist()
    values = series.tolist()
    if series.hasnans:
        mask = series.isna().tolist()
        values = [None if m else v for v, m in zip(values, mask)]
    return values
