"""Reports: the questions libcoopedu answers (analytics.h), run by name
with keyword filters, each returning a :class:`Table`, or read row by row
through a report cursor (:class:`ReportRows`).

The C library computes every value from the records; this module only
turns keyword filters into a ``ce_report_filter`` and the C table into a
Table (copied, then freed at once), or the cursor's rows into named
tuples one at a time.
"""

from __future__ import annotations

import datetime
import functools
from collections import namedtuple
from typing import Any, Iterator, NamedTuple, Optional, Tuple, Union

from . import capi
from ._columns import ColumnType, date_from_c, date_to_c, to_date, to_int64
from ._errors import InvalidError
from ._records import Record
from ._tables import Table, table_from_c

__all__ = ["ReportInfo", "ReportRows", "reports", "report_names", "run_report", "Period"]

DateLike = Union[datetime.date, str, None]
Period = Optional[Tuple[DateLike, DateLike]]
"""``None`` (all time) or ``(from, to)``: dates or ISO strings, inclusive,
None leaving that end open; ``coopedu.between(from, to)`` is one too."""

COHORT_MIN, COHORT_MAX = 1950, 2100  # the C library's bounds (analytics.h)


class ReportInfo(NamedTuple):
    """A report the linked library provides (see :func:`coopedu.reports`)."""

    name: str         # e.g. "outcome_funnel": the argument of Database.report()
    description: str  # one line saying what it answers


@functools.lru_cache(maxsize=None)
def _catalogue() -> tuple[ReportInfo, ...]:
    return tuple(ReportInfo(capi.ce_report_name(i), capi.ce_report_description(i))
                 for i in range(capi.ce_report_count()))


def reports() -> list[ReportInfo]:
    """Every report of the linked libcoopedu, as ``(name, description)``
    named tuples, in the library's order; run one with ``db.report(name)``."""
    return list(_catalogue())


def report_names() -> tuple[str, ...]:
    """The names of every report, in the library's order."""
    return tuple(r.name for r in _catalogue())


def _ref(value: Any, entity: str, where: str) -> int:
    """A partner or project filter: None (all), a stored record or an id."""
    if value is None:
        return 0
    if isinstance(value, Record):
        if value._entity_name != entity:
            raise TypeError(f"{where}: expected a {entity} or its id, got a {value._entity_name}")
        if value._id is None:
            raise InvalidError(f"{where}: the {entity} is not stored yet (no id)")
        return value._id
    n = to_int64(value, where)
    if n <= 0:
        raise InvalidError(f"{where}: {n} is not an id (use None for every {entity})")
    return n


def _period(value: Any, where: str) -> tuple[int, int]:
    if value is None:
        return 0, 0
    if isinstance(value, (str, bytes, datetime.date)) or not isinstance(value, (tuple, list)) \
            or len(value) != 2:
        raise TypeError(f"{where}: expected (from, to) dates, None for an open end; "
                        f"got {value!r}")
    low, high = value
    return (0 if low is None else date_to_c(to_date(low, where + "[0]")),
            0 if high is None else date_to_c(to_date(high, where + "[1]")))


def _cohort(value: Any, where: str) -> int:
    if value is None:
        return 0
    n = to_int64(value, where)
    if not COHORT_MIN <= n <= COHORT_MAX:  # 0 would mean "every cohort" to C
        raise InvalidError(f"{where}: {n} is not a year {COHORT_MIN}..{COHORT_MAX} "
                           "(use None for every cohort)")
    return n


LEVELS = {None: 0, "undergraduate": 1, "graduate": 2}
"""report(level=...) -> ce_report_level."""

GROUPS = {None: 0, "level": 1, "cohort": 2, "partner": 3, "supervisor_kind": 4}
"""report(by=...) -> ce_report_group (the survey reports)."""


def _group(value: Any, where: str) -> int:
    if not isinstance(value, (str, type(None))):
        raise TypeError(f"{where}: by must be a str or None, got {type(value).__name__}")
    if value not in GROUPS:
        raise ValueError(f"{where}: by must be one of "
                         f"{', '.join(repr(g) for g in GROUPS if g)} or None, got {value!r}")
    return GROUPS[value]


def _k(value: Any, where: str) -> int:
    if value is None:
        return 0  # the library's default, 5
    n = to_int64(value, where)
    if n < 1:
        raise InvalidError(f"{where}: k must be at least 1 (None for the default 5), got {n}")
    return n


def make_report_filter(name: str, period: Any = None, partner: Any = None, project: Any = None,
                       cohort: Any = None, descendants: Any = False, level: Any = None,
                       student: Any = None, person_times: Any = False, round: Any = None,
                       baseline: Any = None, by: Any = None, k: Any = None) -> Any:
    """A ``capi.ce_report_filter`` from the keyword filters of report()."""
    for flag, value in (("descendants", descendants), ("person_times", person_times)):
        if not isinstance(value, bool):
            raise TypeError(f"{name}: {flag} must be a bool, got {type(value).__name__}")
    if not isinstance(level, (str, type(None))):
        raise TypeError(f"{name}: level must be a str or None, got {type(level).__name__}")
    if level not in LEVELS:
        raise ValueError(f"{name}: level must be 'graduate', 'undergraduate' or None, "
                         f"got {level!r}")
    f = capi.ce_report_filter()
    capi.ce_report_filter_init(f, capi.CE_REPORT_FILTER_VERSION)
    f.from_, f.to = _period(period, f"{name}: period")
    f.partner = _ref(partner, "partner", f"{name}: partner")
    f.project = _ref(project, "project", f"{name}: project")
    f.cohort = _cohort(cohort, f"{name}: cohort")
    f.descendants = int(descendants)
    f.level = LEVELS[level]
    f.student = _ref(student, "student", f"{name}: student")
    f.person_times = int(person_times)
    f.round = _ref(round, "survey_round", f"{name}: round")
    f.baseline = _ref(baseline, "survey_round", f"{name}: baseline")
    f.group_by = _group(by, name)
    f.k = _k(k, f"{name}: k")
    return f


def run_report(handle: Any, name: str, *, period: Any = None, partner: Any = None,
               project: Any = None, cohort: Any = None, descendants: Any = False,
               level: Any = None, student: Any = None, person_times: Any = False,
               round: Any = None, baseline: Any = None, by: Any = None, k: Any = None) -> Table:
    """Runs report ``name`` on an open C store; see Database.report()."""
    if not isinstance(name, str):
        raise TypeError(f"report(): the name must be a str, got {type(name).__name__}")
    f = make_report_filter(name, period, partner, project, cohort, descendants, level, student,
                           person_times, round, baseline, by, k)
    return table_from_c(capi.ce_report_run(handle, name, f))


_CONVERT = {ColumnType.DATE: date_from_c, ColumnType.BOOL: bool}


class ReportRows(Iterator[Tuple[Any, ...]]):
    """A report read a row at a time through a C report cursor
    (``db.iter_report(name, ...)``): the rows of ``db.report(name, ...)``,
    in its order, as named tuples of the same cells.

    On SQLite and PostgreSQL the reports the store computes in SQL stream
    (``streams`` is True): one row is held at a time, however large the
    report. Other reports, the memory store and a handle with a role read a
    table computed when the cursor opens.

    While it is open, the database refuses writes and transaction calls
    (MisuseError): close it (``with``, ``close()``, or read it to the end)
    before writing. Closing the database first ends it: the next row
    raises MisuseError.
    """

    __slots__ = ("_db", "_cur", "_fix", "name", "columns", "types", "streams", "Row")

    def __init__(self, db: Any, name: str, cfilter: Any) -> None:
        self._db = db  # keeps the database object alive as long as the cursor
        self._cur = None
        self._cur = capi.ce_report_open(db._handle(), name, cfilter)
        cname, columns, ctypes = capi.coopedu_report_columns(self._cur)
        self.name: str = cname
        self.columns: tuple[str, ...] = tuple(columns)
        self.types: tuple[ColumnType, ...] = tuple(ColumnType(t) for t in ctypes)
        self.streams: bool = capi.ce_report_cursor_streams(self._cur) == 1
        self._fix = [(i, _CONVERT[t]) for i, t in enumerate(self.types) if t in _CONVERT]
        self.Row = namedtuple("Row", self.columns, rename=True)  # type: ignore[misc]

    def __iter__(self) -> ReportRows:
        return self

    def __next__(self) -> Tuple[Any, ...]:
        cur = self._cur
        if cur is None:
            raise StopIteration
        try:
            row = capi.coopedu_report_row(cur)
        except BaseException:  # a failure while reading: the cursor is spent
            self.close()
            raise
        if row is None:
            self.close()
            raise StopIteration
        if self._fix:
            cells = list(row)
            for i, conv in self._fix:
                if cells[i] is not None:
                    cells[i] = conv(cells[i])
            row = cells
        return self.Row(*row)  # type: ignore[no-any-return]

    def close(self) -> None:
        """Closes the cursor now (also done at the end, by ``with`` and by
        the garbage collector); the database takes writes again."""
        cur, self._cur = self._cur, None
        if cur is not None:
            capi.ce_report_close(cur)

    @property
    def closed(self) -> bool:
        return self._cur is None

    def __enter__(self) -> ReportRows:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def to_table(self) -> Table:
        """The rows not read yet, as a Table (then the cursor is closed)."""
        with self:
            return Table(self.columns, list(self), types=self.types, name=self.name)


def iter_report(db: Any, name: str, *, period: Any = None, partner: Any = None,
                project: Any = None, cohort: Any = None, descendants: Any = False,
                level: Any = None, student: Any = None, person_times: Any = False) -> ReportRows:
    """Opens report ``name`` for reading row by row; see Database.iter_report()."""
    if not isinstance(name, str):
        raise TypeError(f"iter_report(): the name must be a str, got {type(name).__name__}")
    f = make_report_filter(name, period, partner, project, cohort, descendants, level, student,
                           person_times)
    return ReportRows(db, name, f)
