"""The database handle: opening, closing, transactions, and the generic
record operations every entity shares."""

from __future__ import annotations

import contextlib
import datetime
import functools
import json
import os
from typing import Any, Iterator, NamedTuple, TypeVar

from . import capi
from ._analytics import Period, ReportRows, iter_report, report_names, run_report
from ._audit import AuditTrail, Role, read_audit, to_role
from ._entities import EntityCollections
from ._errors import InvalidError, MisuseError
from ._bulk import BulkMethods
from ._io import IOMethods
from ._names import plural
from ._query import Collection, Query, conditions, make_filter
from ._columns import ColumnType, date_from_c, date_to_c, to_date, to_int64
from ._records import Record, entity_class, entity_classes
from ._reports import ReportMethods
from ._tables import Table, table_from_c

__all__ = ["open", "Database", "Transition"]

R = TypeVar("R", bound=Record)

EntityLike = Any  # a record class (Partner), its name ("partner") or C number


class Transition(NamedTuple):
    """One dated move of a lifecycle column (see Database.history())."""

    from_state: Any  # the state left (an enum member), None for the initial state
    to_state: Any    # the state entered
    on: datetime.date


def open(uri: str | os.PathLike[str], role: Role | str | None = None, actor: str | None = None,
         *, readonly: bool = False, create: bool = True, busy_timeout_ms: int = 0) -> Database:
    """Opens (and by default creates) a store; use it in a ``with`` block,
    which closes it.

    ``uri`` picks the backend: ``"sqlite:PATH"`` or a bare path (SQLite),
    ``"memory:"`` (a fresh in-memory store); a ``pathlib.Path`` means SQLite.
    ``readonly`` refuses every write; ``create=False`` refuses a missing
    store (NotFoundError); ``busy_timeout_ms`` is how long a writer waits for
    a lock (0: the library's 5000 ms).

    ``role`` and ``actor`` say who acts through the handle (the library
    authenticates no one: the calling program does). ``role`` is a
    :class:`Role` or its name (``"mentor"``); ``actor`` names them: a staff
    number for academic and mentor, a student number for student, a free
    name for admin, office and analyst. Without a role the handle is the
    trusted system and may do everything. A record outside the role's view
    is absent to it (NotFoundError, never counted or reported); a change
    outside it raises DeniedError and changes nothing. An actor the store
    does not know, or a supervisor of the wrong kind, raises InvalidError.
    """
    if isinstance(uri, os.PathLike):
        uri = "sqlite:" + os.fspath(uri)
    if not isinstance(uri, str):
        raise TypeError(f"open() expects a str or path, got {type(uri).__name__}")
    opts = capi.ce_open_options()
    capi.ce_open_options_init(opts, capi.CE_OPEN_OPTIONS_VERSION)
    opts.flags = (capi.CE_OPEN_READONLY if readonly else 0) | (0 if create else capi.CE_OPEN_NOCREATE)
    opts.busy_timeout_ms = to_int64(busy_timeout_ms, "busy_timeout_ms")
    r = to_role(role)
    if actor is not None and not isinstance(actor, str):
        raise TypeError(f"open(): actor must be a str, got {type(actor).__name__}")
    if r is Role.NONE and actor is not None:
        raise InvalidError("open(): an actor needs a role (role=...)")
    if r is not Role.NONE and not actor:
        raise InvalidError(f"open(): the {r.value} role needs an actor (actor=...)")
    opts.role = r._c
    # The actor goes in as an argument, alive for the call (the library copies it).
    return Database(capi.coopedu_db_open_as(uri, opts, actor), uri)


class Database(EntityCollections, ReportMethods, IOMethods, BulkMethods):
    """An open store (see :func:`coopedu.open`).

    Records come back as detached copies: they stay valid after the
    database is closed. Any use of a closed database raises MisuseError;
    closing frees every iteration still running over it.

    Per entity, ``db.<plural>`` is a :class:`Collection` (``db.partners``,
    ``db.projects``, ...); the methods below work on any entity, given as a
    record, a record class or an entity name. Per report, a method runs it
    (``db.outcome_funnel()``, ...; see :meth:`report`). Import and export:
    :meth:`export_json`, :meth:`import_json`, :meth:`export_csv`,
    :meth:`import_csv`, :meth:`export_xlsx`; bulk loading: :meth:`add_all`,
    :meth:`import_frame`.
    """

    __slots__ = ("_ptr", "_uri", "_iters", "_collections")

    def __init__(self, handle: Any, uri: str) -> None:
        self._ptr = handle
        self._uri = uri
        # The C iterators of live cursors, by id(cursor): freed on close, before
        # the store (held here, not by weak reference, so that close never
        # misses one, whatever order the garbage collector finalises in).
        self._iters: dict[int, Any] = {}
        self._collections: dict[type[Record], Collection[Any]] = {}

    # -- lifetime ------------------------------------------------------------------

    def _handle(self) -> Any:
        if self._ptr is None:
            raise MisuseError(f"the database {self._uri!r} is closed")
        return self._ptr

    def close(self) -> None:
        """Closes the store, rolling back an open transaction. Iterations
        still running over it are freed first; records stay valid. Closing
        twice is harmless."""
        ptr, self._ptr = self._ptr, None
        if ptr is None:
            return
        iters, self._iters = self._iters, {}
        for it in iters.values():
            capi.ce_record_iter_free(it)
        capi.ce_db_close(ptr)

    @property
    def closed(self) -> bool:
        return self._ptr is None

    @property
    def uri(self) -> str:
        """The URI the store was opened with."""
        return self._uri

    @property
    def backend(self) -> str:
        """The backend's scheme: ``"sqlite"``, ``"memory"``, ..."""
        return capi.ce_db_backend(self._handle())

    @property
    def role(self) -> Role:
        """Who acts through the handle (Role.NONE: the trusted system)."""
        return Role._from_c(capi.ce_db_role(self._handle()))

    @property
    def actor(self) -> str | None:
        """The actor the handle was opened for, or None when trusted."""
        return capi.ce_db_actor(self._handle())

    def __enter__(self) -> Database:
        self._handle()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def __repr__(self) -> str:
        state = "closed" if self._ptr is None else capi.ce_db_backend(self._ptr)
        return f"<coopedu.Database {self._uri!r} ({state})>"

    # -- transactions ------------------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        """Whether an explicit transaction is open."""
        return bool(capi.ce_db_in_transaction(self._handle()))

    def begin(self) -> None:
        """Starts a transaction (they do not nest: MisuseError)."""
        capi.ce_db_begin(self._handle())

    def commit(self) -> None:
        """Commits the open transaction (MisuseError if none)."""
        capi.ce_db_commit(self._handle())

    def rollback(self) -> None:
        """Rolls the open transaction back (MisuseError if none)."""
        capi.ce_db_rollback(self._handle())

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """``with db.transaction():`` commits at the end of the block, or
        rolls back if it raises (and the exception goes on)."""
        self.begin()
        try:
            yield self
        except BaseException:
            if self._ptr is not None and capi.ce_db_in_transaction(self._ptr):
                capi.ce_db_rollback(self._ptr)
            raise
        self.commit()

    # -- records ---------------------------------------------------------------------

    def _collection(self, cls: type[R]) -> Collection[R]:
        coll = self._collections.get(cls)
        if coll is None:
            coll = self._collections[cls] = Collection(self, cls)
        return coll

    def __getattr__(self, name: str) -> Any:
        # Entities and reports of a library newer than the generated bindings.
        if not name.startswith("_"):
            for cls in entity_classes():
                if plural(cls._entity_name) == name:
                    return self._collection(cls)
            for report in report_names():
                if name in (report, report + "_report"):
                    return functools.partial(self.report, report)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def collection(self, entity: EntityLike) -> Collection[Any]:
        """The collection of any entity: ``db.collection("partner")``."""
        return self._collection(entity_class(entity))

    def add(self, record: R) -> R:
        """Stores a new record and returns it, now with its id and the values
        the store gave it (initial lifecycle states, defaults).

        Raises InvalidError, ExistsError, ConstraintError, CycleError or
        TransitionError; the store is then unchanged.
        """
        if not isinstance(record, Record) or not record._entity:
            raise TypeError(f"add() expects a record, got {type(record).__name__}")
        if record._id is not None:
            raise MisuseError(f"{record._entity_name} {record._id} is already stored: use update(), "
                              "or add(record.replace(id=None)) for a copy")
        handle = self._handle()
        crec = capi.ce_record_new(record._entity)
        record._fill(crec)
        new_id = capi.ce_record_insert(handle, crec)
        record._load(capi.ce_record_lookup(handle, record._entity, new_id))
        return record

    def get(self, entity: EntityLike, id: int) -> Any:
        """The record of ``entity`` with ``id``: ``db.get(Partner, 5)``.
        NotFoundError (also a KeyError) if there is none."""
        cls = entity_class(entity)
        crec = capi.ce_record_lookup(self._handle(), cls._entity, to_int64(id, "id"))
        return cls._from_c(crec)

    def query(self, entity: EntityLike, **filters: Any) -> Query[Any]:
        """A lazy query: ``db.query(Project, partner=3)`` is ``db.projects(partner=3)``."""
        cls = entity_class(entity)
        return Query(self, cls, conditions(cls, filters))

    def count(self, entity: EntityLike, **filters: Any) -> int:
        """How many records of ``entity`` match ``filters``."""
        cls = entity_class(entity)
        return capi.ce_record_count(self._handle(), cls._entity, make_filter(conditions(cls, filters)))

    def update(self, record: R) -> R:
        """Replaces every column of the stored record with ``record``'s
        values; returns it as now stored. Lifecycle columns must keep their
        stored values: move them with transition()."""
        handle = self._handle()
        if record._id is None:
            raise MisuseError(f"the {record._entity_name} is not stored yet: use add()")
        crec = capi.ce_record_lookup(handle, record._entity, record._id)
        record._fill(crec)
        capi.ce_record_update(handle, crec)
        record._load(capi.ce_record_lookup(handle, record._entity, record._id))
        return record

    def refresh(self, record: R) -> R:
        """Reloads ``record`` from the store; returns it."""
        if record._id is None:
            raise MisuseError(f"the {record._entity_name} is not stored yet")
        record._load(capi.ce_record_lookup(self._handle(), record._entity, record._id))
        return record

    def delete(self, record: Record | EntityLike, id: int | None = None, *,
               cascade: bool = False) -> None:
        """Deletes a record: ``db.delete(rec)`` or ``db.delete(Partner, 5)``.

        Refused with ConstraintError while other records point at it, unless
        ``cascade=True``: then what requires it is deleted too and optional
        references to it are cleared. A deleted record object gets id None.
        """
        cls, rid = self._target(record, id)
        flags = capi.CE_DELETE_CASCADE if cascade else capi.CE_DELETE_RESTRICT
        capi.ce_record_delete(self._handle(), cls._entity, rid, flags)
        if isinstance(record, Record):
            record._id = None

    def transition(self, record: R, column: str, to: Any, on: datetime.date | str) -> R:
        """Moves lifecycle column ``column`` (``"status"``, ``"stage"``) of
        ``record`` to state ``to`` on date ``on``, recording it in the
        history; returns the record, reloaded.

        TransitionError if the move is not allowed or ``on`` goes backwards.
        """
        cls, rid = self._target(record, None)
        col = self._lifecycle_column(cls, column)
        state = col.to_python(to)
        if state is None:
            raise InvalidError(f"{cls._entity_name}.{column}: a transition needs a state")
        date = to_date(on, f"{cls._entity_name}.{column}")
        capi.ce_record_transition(self._handle(), cls._entity, rid, column, int(state),
                                  date_to_c(date))
        return self.refresh(record)

    def history(self, record: Record | EntityLike, column: str,
                id: int | None = None) -> list[Transition]:
        """The dated moves of lifecycle column ``column``, oldest first; the
        first is the initial state (``from_state`` None)."""
        cls, rid = self._target(record, id)
        col = self._lifecycle_column(cls, column)
        moves = capi.ce_history(self._handle(), cls._entity, rid, column)
        return [Transition(col.from_c(f) if f else None, col.from_c(t), date_from_c(on))
                for f, t, on in moves]

    # -- reports ---------------------------------------------------------------------

    def report(self, name: str, *, period: Period = None, partner: Record | int | None = None,
               project: Record | int | None = None, cohort: int | None = None,
               descendants: bool = False, level: str | None = None,
               student: Record | int | None = None, person_times: bool = False,
               round: Record | int | None = None, baseline: Record | int | None = None,
               by: str | None = None, k: int | None = None) -> Table:
        """Runs the report ``name`` (see :func:`coopedu.reports`) and returns
        its Table: a detached copy, valid after the database is closed.

        Every value is computed by the C library from the records. Filters
        (None: no restriction):

        - ``period``: ``(from, to)``, dates or ``"YYYY-MM-DD"``, inclusive,
          None for an open end (``coopedu.between(from, to)`` works too); a
          dated record counts when its date lies in it, a span when it
          overlaps it;
        - ``partner``, ``project``: a stored Partner / Project or its id;
        - ``descendants``: True to take, with ``project``, every project
          below it too (through Project.parent: a programme and the
          projects it funds); without ``project`` it raises InvalidError;
        - ``cohort``: an enrolment year, 1950..2100;
        - ``level`` (outcome reports): ``"graduate"`` or ``"undergraduate"``,
          the level of the student contributors that count;
        - ``student`` (outcome reports): a stored Student or its id, the
          outcomes that student contributed to;
        - ``person_times`` (outcome_funnel): True to count an outcome once
          per counting student contributor (the papers' 人次) instead of
          once;
        - ``round`` (survey reports): a stored SurveyRound or its id, that
          round alone (None: every round);
        - ``baseline`` (survey_comparison): the round ``round`` is compared
          with (None: the previous round of its instrument);
        - ``by`` (survey reports): group rows by ``"level"``, ``"cohort"``,
          ``"partner"`` or ``"supervisor_kind"`` of the respondents;
        - ``k`` (survey reports): in anonymous rounds, groups of fewer
          responses are suppressed (None: 5).

        Each report documents the filters it honours (``help(db.outcome_funnel)``);
        one it cannot honour raises InvalidError rather than being ignored,
        as do malformed dates and ``from`` after ``to``. An unknown report
        name, partner or project raises NotFoundError.
        """
        return run_report(self._handle(), name, period=period, partner=partner,
                          project=project, cohort=cohort, descendants=descendants,
                          level=level, student=student, person_times=person_times,
                          round=round, baseline=baseline, by=by, k=k)

    def survey_table(self, round: Record | int, *, choices: str = "list") -> Table:
        """The responses of a survey round as a Table, the shape analysts
        load: one row per response, one column per item (named by its
        code, e.g. ``Q1``), after the respondent's columns (response,
        submitted_on, student, supervisor, partner, and the attributes
        cohort, level, supervisor_kind, attr_partner as the reports group
        by them). ``.to_pandas()`` gives the DataFrame.

        Cells: Likert answers are ``int``, number answers ``float``, a
        single choice the option's code (``"A"``), free text ``str``;
        unanswered is None. A multiple-choice answer is, by ``choices``:
        ``"list"`` (default) a list of option codes (``["A", "C"]``);
        ``"columns"`` one ``bool`` column per option named ``Q5_A``, ... in
        option order instead of the item's column (None when the item was
        not answered), handy for shares with ``.mean()``; ``"text"`` the
        codes as stored, ``"A;C"``. No group is suppressed here: these are
        the records, as the handle's role may read them.
        """
        from ._surveys import survey_table
        return survey_table(self, round, choices)

    def iter_report(self, name: str, *, period: Period = None,
                    partner: Record | int | None = None, project: Record | int | None = None,
                    cohort: int | None = None, descendants: bool = False,
                    level: str | None = None, student: Record | int | None = None,
                    person_times: bool = False) -> ReportRows:
        """Reads the report ``name`` row by row: an iterator of the rows
        :meth:`report` returns (same filters, same order, same cells),
        through a C report cursor.

        On SQLite and PostgreSQL the reports computed in SQL stream, one
        row in memory at a time (``rows.streams``); the others are computed
        whole when it opens. Use it as a context manager, or read it to the
        end: while it is open the database refuses writes (MisuseError)::

            with db.iter_report("guidance_by_term", cohort=2018) as rows:
                for row in rows:
                    print(row.supervisor_name, row.term, row.hours)
        """
        return iter_report(self, name, period=period, partner=partner, project=project,
                           cohort=cohort, descendants=descendants, level=level,
                           student=student, person_times=person_times)

    def findings(self, today: datetime.date | str | None = None, within: int = 30) -> Table:
        """What needs attention on ``today`` (None: the local date) and what
        falls due within ``within`` days after it (inclusive), as a Table
        with columns kind, severity ("warning": true today, "reminder": due
        within the horizon, "info": a possible duplicate), entity, id,
        subject (the natural key or label), due (a date or None) and message.

        Kinds: student_lacking_supervisor, idle_platform, overdue_milestone,
        placement_without_feedback, expired_agreement_in_use (warnings);
        milestone_due, placement_ending, agreement_expiring, evaluation_due
        (reminders); possible_duplicate (merge them with :meth:`merge`).
        ``db.findings(within=0)`` is what ``coopedu check`` prints. Only what
        the handle's role may see is looked at. InvalidError for a bad date
        or ``within`` outside 0..3660.
        """
        day = 0 if today is None else date_to_c(to_date(today, "findings(today)"))
        if isinstance(within, bool) or not isinstance(within, int):
            raise TypeError(f"findings(within): expected a number of days, got {within!r}")
        if not 0 <= within <= 3660:
            raise InvalidError(f"findings(within): {within} is outside 0..3660 days")
        return table_from_c(capi.ce_findings(self._handle(), day, within))

    def merge(self, keep: Record | EntityLike, drop: Record | int, drop_id: int | None = None) -> Table:
        """Merges two records that name one thing (a partner or supervisor
        entered twice): ``db.merge(keep, drop)`` with stored records of one
        entity, or ``db.merge(Partner, keep_id, drop_id)``.

        In one transaction every reference to ``drop`` is re-pointed to
        ``keep`` (a link ``keep`` already has is removed instead of
        duplicated), ``keep``'s unset fields take ``drop``'s values, and
        ``drop`` is deleted; the audit trail records it as a merge. Returns
        what was done: a Table of (action, entity, id, column, detail),
        action one of repointed, duplicate_removed, filled, deleted.
        ``keep`` (a record) is reloaded and ``drop`` gets id None.

        InvalidError (the same record twice, records of different
        entities), NotFoundError, DeniedError (the role may not update and
        delete such records), or the error of a record that cannot follow;
        nothing changes then.
        """
        if drop_id is not None:
            cls = entity_class(keep)
            keep_id, drop_id = to_int64(drop, "merge(keep)"), to_int64(drop_id, "merge(drop)")
        else:
            if not isinstance(keep, Record) or not isinstance(drop, Record):
                raise TypeError("merge(): pass two stored records, or an entity and two ids")
            if keep._entity_name != drop._entity_name:
                raise InvalidError(f"merge(): a {keep._entity_name} and a {drop._entity_name} "
                                   "are not one thing")
            cls, keep_id = self._target(keep, None)
            drop_id = self._target(drop, None)[1]
        report = table_from_c(capi.ce_merge(self._handle(), cls._entity, keep_id, drop_id))
        if isinstance(keep, Record):
            self.refresh(keep)
        if isinstance(drop, Record):
            drop._id = None
        return report

    # -- who did what; people's rights ---------------------------------------------------

    def audit(self, entity: EntityLike | None = None, record: Record | int | None = None, *,
              actor: str | None = None, since: datetime.date | str | None = None,
              until: datetime.date | str | None = None) -> AuditTrail:
        """The audit trail, oldest first: one :class:`AuditEntry` per changed
        record (``at`` in UTC, ``actor``, ``role``, ``operation``,
        ``entity``, ``record`` id, ``changes`` as ``{column: (old, new)}``,
        None for a value not there: a create's old, a delete's new).

        Filters (None: all): ``entity`` (a record class or name), ``record``
        (a stored record, or an id with ``entity``; a deleted record's id
        works too), ``actor``, and ``since``/``until``, days (UTC) inclusive.
        The result is an :class:`AuditTrail` (a list) with ``to_pandas()``.
        Only trusted, admin and office handles may read it (DeniedError).
        """
        return read_audit(self._handle(), entity, record, actor, since, until)

    def person_export(self, key: str | Record, supervisor: bool = False) -> dict[str, Any]:
        """Everything the store holds about one person, as the JSON document
        of ``ce_person_export()`` parsed into a dict (for an access or
        portability request): their record and every record naming them,
        with lifecycle histories, references as natural keys.

        ``key`` is a student's number, or with ``supervisor=True`` a
        supervisor's staff number; a stored Student or Supervisor works too.
        NotFoundError if the role cannot see them.
        """
        entity, key = self._person(key, supervisor)
        return json.loads(capi.coopedu_person_export_json(self._handle(), entity, key))

    def person_anonymise(self, key: str | Record, supervisor: bool = False) -> None:
        """Anonymises a person who has left: their identifying fields (a
        student's number and name; a supervisor's name, staff number, title
        and field) are replaced by a pseudonym, in their records and in the
        audit trail, keeping every record reports need, so every report's
        totals are unchanged. Recorded in the audit trail.

        **Irreversible**: the library keeps no copy of what it replaced.
        ``key`` as for :meth:`person_export`. Only trusted, admin and office
        handles may anonymise (DeniedError). A record passed as ``key`` is
        reloaded.
        """
        entity, text = self._person(key, supervisor)
        capi.ce_person_anonymise(self._handle(), entity, text)
        if isinstance(key, Record):
            self.refresh(key)

    # -- helpers ----------------------------------------------------------------------

    @staticmethod
    def _person(key: Any, supervisor: bool) -> tuple[int, str]:
        if isinstance(key, Record):
            name = key._entity_name
            if name not in ("student", "supervisor"):
                raise TypeError(f"expected a student or a supervisor, got a {name}")
            column = "number" if name == "student" else "staff_number"
            value = getattr(key, column)
            if not value:
                raise InvalidError(f"the {name} has no {column}")
            return entity_class(name)._entity, value
        if not isinstance(key, str):
            raise TypeError(f"expected a student or staff number (str), got {type(key).__name__}")
        return entity_class("supervisor" if supervisor else "student")._entity, key

    @staticmethod
    def _target(record: Any, id: int | None) -> tuple[type[Record], int]:
        if isinstance(record, Record):
            if id is not None:
                raise TypeError("pass a record, or an entity and an id, not both")
            if record._id is None:
                raise MisuseError(f"the {record._entity_name} is not stored yet (no id)")
            return type(record), record._id
        if id is None:
            raise TypeError("an id is needed with an entity class or name")
        return entity_class(record), to_int64(id, "id")

    @staticmethod
    def _lifecycle_column(cls: type[Record], column: str) -> Any:
        col = cls._by_name.get(column)
        if col is None or col.type is not ColumnType.ENUM:
            raise InvalidError(f"{cls._entity_name} has no lifecycle column {column!r}")
        return col

