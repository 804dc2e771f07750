"""Lazy queries over one entity, and the per-entity collections of a
database (``db.partners``, ``db.projects``, ...).

Filters are keyword arguments, ANDed together:

- ``column=value``: equality (a record stands for its id, a token string
  for its enum value, ``None`` for NULL);
- ``column=between(low, high)``: an inclusive range (DATE, INT, MONEY,
  REAL), either end may be None;
- ``link=value``: a link the entity declares, e.g. ``db.projects(partner=p)``
  keeps the projects partner ``p`` takes part in, in any role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Iterator, NamedTuple, TypeVar

from . import capi
from ._errors import InvalidError, MisuseError, NotFoundError
from ._columns import INT64_MAX, INT64_MIN, ColumnType, date_to_c, to_date, to_int64
from ._records import Record

if TYPE_CHECKING:
    from ._database import Database
    from ._tables import Table

__all__ = ["between", "Between", "Query", "Collection"]

R = TypeVar("R", bound=Record)


class Between(NamedTuple):
    """An inclusive range for a filter; None leaves that end open."""

    low: Any
    high: Any


def between(low: Any = None, high: Any = None) -> Between:
    """``db.outcomes(status_date=between(date(2015, 1, 1), None))``."""
    return Between(low, high)


def _range_bound(col: Any, value: Any, low: bool, where: str) -> int:
    if value is None:
        if col is not None and col.type is ColumnType.DATE:
            return 0  # the C convention for an open date end
        return INT64_MIN if low else INT64_MAX
    if col is not None and col.type is ColumnType.DATE:
        return date_to_c(to_date(value, where))
    if isinstance(value, float):
        if not value.is_integer():
            raise InvalidError(f"{where}: range bounds are whole numbers, got {value!r}")
        value = int(value)
    return to_int64(value, where)


def conditions(cls: type[Record], filters: dict[str, Any]) -> tuple[tuple[Any, ...], ...]:
    """Checks keyword filters against ``cls`` and converts their values:
    a tuple of ``(op, column, value[, high])``."""
    out = []
    for name, value in filters.items():
        where = f"{cls._entity_name}.{name}"
        col = cls._by_name.get(name)
        if col is None and name not in cls._links:
            known = ", ".join([c.name for c in cls._columns] + list(cls._links))
            raise InvalidError(f"{cls._entity_name} has no column or link {name!r} (it has: {known})")
        if value is None:
            out.append(("null", name))
        elif isinstance(value, Between):
            out.append(("range", name, _range_bound(col, value.low, True, where),
                        _range_bound(col, value.high, False, where)))
        elif col is None:  # a link: the id of the linked record
            if isinstance(value, Record):
                if value._id is None:
                    raise InvalidError(f"{where}: the record is not stored yet (no id)")
                value = value._id
            out.append(("int", name, to_int64(value, where)))
        else:
            v = col.to_c(col.to_python(value))
            out.append(("text" if col.type is ColumnType.TEXT else "int", name, v))
    return tuple(out)


def make_filter(conds: tuple[tuple[Any, ...], ...]) -> Any:
    """A C filter for ``conds``, or None for no condition."""
    if not conds:
        return None
    f = capi.ce_filter_new()
    for cond in conds:
        op, name = cond[0], cond[1]
        if op == "null":
            capi.ce_filter_is_null(f, name)
        elif op == "range":
            capi.ce_filter_range(f, name, cond[2], cond[3])
        elif op == "text":
            capi.ce_filter_eq_text(f, name, cond[2])
        else:
            capi.ce_filter_eq_int(f, name, cond[2])
    return f


class Cursor(Iterator[R]):
    """One pass over a query. It holds a C iterator that its database frees
    when it is closed; after that, next() raises MisuseError."""

    __slots__ = ("_db", "_cls", "_it")

    def __init__(self, db: Database, cls: type[R], cfilter: Any) -> None:
        self._db = db
        self._cls = cls
        self._it = None
        self._it = capi.ce_record_iter_new(db._handle(), cls._entity, cfilter)
        db._iters[id(self)] = self._it

    def __iter__(self) -> Cursor[R]:
        return self

    def __next__(self) -> R:
        it = self._it
        if it is None:
            raise StopIteration
        if self._db._ptr is None:
            self._it = None
            raise MisuseError("the database was closed during the iteration")
        try:
            crec = capi.ce_record_iter_next(it)
        except BaseException:  # StopIteration at the end, or an error
            self.close()
            raise
        return self._cls._from_c(crec)  # type: ignore[return-value]

    def close(self) -> None:
        """Frees the C iterator now (also done at the end and by the GC)."""
        it, self._it = self._it, None
        if it is not None:
            self._db._iters.pop(id(self), None)
            capi.ce_record_iter_free(it)  # a no-op if the database freed it

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass


class Query(Generic[R]):
    """The records of one entity matching some filters, fetched lazily:
    nothing runs until the query is iterated (each iteration is a fresh
    pass over the store)."""

    __slots__ = ("_db", "_cls", "_conds")

    def __init__(self, db: Database, cls: type[R], conds: tuple[tuple[Any, ...], ...] = ()) -> None:
        self._db = db
        self._cls = cls
        self._conds = conds

    def filter(self, **filters: Any) -> Query[R]:
        """This query with more conditions."""
        return Query(self._db, self._cls, self._conds + conditions(self._cls, filters))

    def __iter__(self) -> Cursor[R]:
        return Cursor(self._db, self._cls, make_filter(self._conds))

    def count(self) -> int:
        """How many records match (counted by the store, not fetched)."""
        return capi.ce_record_count(self._db._handle(), self._cls._entity, make_filter(self._conds))

    def first(self) -> R | None:
        """The matching record with the lowest id, or None."""
        cursor = iter(self)
        try:
            return next(cursor, None)
        finally:
            cursor.close()

    def one(self) -> R:
        """The only matching record: NotFoundError if none, InvalidError if
        several."""
        cursor = iter(self)
        try:
            rec = next(cursor, None)
            if rec is None:
                raise NotFoundError(f"no {self._cls._entity_name} matches {self._describe()}")
            if next(cursor, None) is not None:
                raise InvalidError(f"several {self._cls._entity_name} records match {self._describe()}")
            return rec
        finally:
            cursor.close()

    def all(self) -> list[R]:
        """Every matching record, in id order."""
        return list(self)

    def ids(self) -> list[int]:
        """The ids of the matching records, in order."""
        return [r._id for r in self]  # type: ignore[misc]

    def to_table(self) -> Table:
        """The matching records as a Table (rows with ``id`` and every column),
        typed by the entity's columns and named after the entity."""
        from ._tables import Table
        cols = self._cls._columns
        return Table(("id",) + tuple(c.name for c in cols), ([r._id, *r._values] for r in self),
                     types=(ColumnType.INT,) + tuple(c.type for c in cols),
                     name=self._cls._entity_name)

    def to_pandas(self) -> Any:
        """The matching records as a pandas DataFrame (pandas is imported now)."""
        return self.to_table().to_pandas()

    def _describe(self) -> str:
        parts = []
        for cond in self._conds:
            if cond[0] == "null":
                parts.append(f"{cond[1]}=None")
            elif cond[0] == "range":
                parts.append(f"{cond[1]}=between({cond[2]}, {cond[3]})")
            else:
                parts.append(f"{cond[1]}={cond[2]!r}")
        return "(" + ", ".join(parts) + ")"

    def __repr__(self) -> str:
        return f"<Query {self._cls.__name__}{self._describe()}>"


class Collection(Generic[R]):
    """Every record of one entity in a database: ``db.partners``.

    - ``db.partners(kind=PartnerKind.ENTERPRISE)``: a lazy Query;
    - ``db.partners[5]``: the partner with id 5 (NotFoundError, a KeyError,
      if none); ``db.partners.get(5)`` gives None instead;
    - ``db.partners.create(name=..., kind=...)``: stores a new one;
    - ``for p in db.partners``, ``len(db.partners)``, and the Query
      methods over all records: ``db.partners.all()``, ``.to_pandas()``, ...
    """

    __slots__ = ("_db", "_cls")

    def __init__(self, db: Database, cls: type[R]) -> None:
        self._db = db
        self._cls = cls

    @property
    def record_class(self) -> type[R]:
        """The class of the records (Partner, ...)."""
        return self._cls

    def __call__(self, **filters: Any) -> Query[R]:
        return Query(self._db, self._cls, conditions(self._cls, filters))

    def __iter__(self) -> Iterator[R]:
        return iter(Query(self._db, self._cls))

    def __len__(self) -> int:
        return Query(self._db, self._cls).count()

    def count(self, **filters: Any) -> int:
        """How many records match ``filters`` (all without)."""
        return self(**filters).count()

    def __getitem__(self, id: int) -> R:
        return self._db.get(self._cls, id)

    def get(self, id: int, default: Any = None) -> R | Any:
        """The record with ``id``, or ``default`` if there is none."""
        try:
            return self._db.get(self._cls, id)
        except NotFoundError:
            return default

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Record):
            if type(item) is not self._cls or item._id is None:
                return False
            item = item._id
        return self.get(item) is not None  # type: ignore[arg-type]

    # The whole collection as a query.
    def filter(self, **filters: Any) -> Query[R]:
        """A lazy query: ``db.partners.filter(kind=...)`` is ``db.partners(kind=...)``."""
        return self(**filters)

    def first(self) -> R | None:
        """The record with the lowest id, or None."""
        return Query(self._db, self._cls).first()

    def one(self) -> R:
        """The only record (NotFoundError if none, InvalidError if several)."""
        return Query(self._db, self._cls).one()

    def all(self) -> list[R]:
        """Every record, in id order."""
        return Query(self._db, self._cls).all()

    def ids(self) -> list[int]:
        """Every id, in order."""
        return Query(self._db, self._cls).ids()

    def to_table(self) -> Table:
        """Every record as a Table."""
        return Query(self._db, self._cls).to_table()

    def to_pandas(self) -> Any:
        """Every record as a pandas DataFrame (pandas is imported now)."""
        return Query(self._db, self._cls).to_pandas()

    def create(self, **fields: Any) -> R:
        """Stores a new record made from ``fields``; returns it as stored."""
        return self._db.add(self._cls(**fields))

    def __repr__(self) -> str:
        return f"<Collection {self._cls.__name__} of {self._db!r}>"
