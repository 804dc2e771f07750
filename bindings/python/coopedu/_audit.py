"""Roles and the audit trail: who acts through a handle (``coopedu.open(uri,
role=..., actor=...)``) and who changed what (``db.audit()``).

The library authenticates no one: the calling program says who is acting.
A record the role may not see is absent to it (NotFoundError, and never
counted); a change outside the role raises DeniedError and changes nothing.
Every change appends one :class:`AuditEntry` per changed record, in the
same transaction: a refused or rolled-back call leaves none.
"""

from __future__ import annotations

import datetime
import enum
import json
from typing import Any, NamedTuple

from . import capi
from ._columns import date_to_c, to_date, to_int64
from ._errors import InvalidError
from ._records import Record, entity_class

__all__ = ["Role", "AuditEntry", "AuditTrail", "to_role", "read_audit"]


class Role(str, enum.Enum):
    """Who acts through a handle, and so what it may read and change (the
    README's role matrix). The value is the C library's name of the role."""

    NONE = "none"          # the trusted embedding system: everything
    ADMIN = "admin"        # everything (actor: a free name)
    OFFICE = "office"      # every record (actor: a free name)
    ACADEMIC = "academic"  # an academic supervisor (actor: their staff number)
    MENTOR = "mentor"      # an enterprise supervisor (actor: their staff number)
    STUDENT = "student"    # a student (actor: their student number)
    ANALYST = "analyst"    # reads everything, writes nothing; students pseudonymised

    @property
    def _c(self) -> int:
        return _C_ROLES[self.value]

    @classmethod
    def _from_c(cls, value: int) -> Role:
        name = capi.ce_role_name(value)
        if name is None:
            raise InvalidError(f"role: {value} is not a role of this library")
        return cls(name)

    def __str__(self) -> str:
        return self.value


_C_ROLES = {capi.ce_role_name(i): i for i in range(capi.CE_ROLE_LAST + 1)}


def to_role(value: Any) -> Role:
    """A Role from a Role, its name (``"mentor"``, any case) or None (NONE)."""
    if value is None:
        return Role.NONE
    if isinstance(value, Role):
        return value
    if isinstance(value, str):
        try:
            return Role(value.lower())
        except ValueError:
            pass
        raise InvalidError(f"role: {value!r} is not one of "
                           f"{', '.join(r.value for r in Role)}")
    raise TypeError(f"role: expected a Role or its name, got {type(value).__name__}")


class AuditEntry(NamedTuple):
    """One change to one record (see :meth:`coopedu.Database.audit`)."""

    id: int                  # entries are numbered in the order made
    at: datetime.datetime    # when, in UTC (an aware datetime)
    actor: str | None        # the handle's actor; None for a trusted handle
    role: Role               # in which role (Role.NONE: trusted)
    operation: str           # create, update, delete, cascade, transition, import, merge, anonymise
    entity: str              # the entity's name: "partner", ...
    record: int              # the record's id
    changes: dict[str, tuple[Any, Any]]  # column: (old, new); None for a value not there


class AuditTrail(list):  # type: ignore[type-arg]
    """The entries :meth:`coopedu.Database.audit` read, oldest first: a list
    of :class:`AuditEntry`, with ``to_pandas()``."""

    columns = AuditEntry._fields

    def to_pandas(self) -> Any:
        """A DataFrame, one row per entry: ``id`` and ``record`` Int64,
        ``at`` datetime64 (UTC), ``role`` and ``operation`` categories,
        ``changes`` the dicts (pandas is imported now)."""
        import pandas as pd

        ops = [capi.ce_audit_op_name(i) for i in range(1, capi.CE_AUDIT_OP_LAST + 1)]
        df = pd.DataFrame({
            "id": pd.array([e.id for e in self], dtype="Int64"),
            "at": pd.to_datetime(pd.Series([e.at for e in self], dtype=object), utc=True),
            "actor": pd.array([e.actor for e in self], dtype=object),
            "role": pd.Categorical([e.role.value for e in self], categories=[r.value for r in Role]),
            "operation": pd.Categorical([e.operation for e in self], categories=ops),
            "entity": pd.array([e.entity for e in self], dtype=object),
            "record": pd.array([e.record for e in self], dtype="Int64"),
            "changes": pd.Series([e.changes for e in self], dtype=object),
        }, columns=list(self.columns))
        df.attrs["name"] = "audit"
        return df

    def __repr__(self) -> str:
        return f"<AuditTrail {len(self)} entr{'y' if len(self) == 1 else 'ies'}>"


def _entry(c: Any) -> AuditEntry:
    at = datetime.datetime.strptime(capi.ce_audit_entry_at(c), "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)
    entity = capi.ce_audit_entry_entity(c)
    changes = json.loads(capi.ce_audit_entry_changes(c) or "{}")
    return AuditEntry(
        id=capi.ce_audit_entry_id(c), at=at, actor=capi.ce_audit_entry_actor(c),
        role=Role._from_c(capi.ce_audit_entry_role(c)),
        operation=capi.ce_audit_op_name(capi.ce_audit_entry_op(c)),
        entity=capi.ce_entity_name(entity) or f"#{entity}", record=capi.ce_audit_entry_record(c),
        changes={col: (pair[0], pair[1]) for col, pair in changes.items()})


def _day(value: Any, where: str) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):  # a moment: its UTC day
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc)
        value = value.date()
    return date_to_c(to_date(value, where))


def read_audit(handle: Any, entity: Any = None, record: Any = None, actor: str | None = None,
               since: Any = None, until: Any = None) -> AuditTrail:
    """Reads the trail of an open C store; see Database.audit()."""
    f = capi.ce_audit_filter()
    f.version = capi.CE_AUDIT_FILTER_VERSION
    if isinstance(record, Record):
        if record._id is None:
            raise InvalidError(f"audit: the {record._entity_name} is not stored yet (no id)")
        if entity is not None and entity_class(entity) is not type(record):
            raise InvalidError(f"audit: record is a {record._entity_name}, not a "
                               f"{entity_class(entity)._entity_name}")
        entity, record = type(record), record._id
    if entity is not None:
        f.entity = entity_class(entity)._entity
    if record is not None:
        if entity is None:
            raise InvalidError("audit: a record id needs its entity")
        f.record = to_int64(record, "audit: record")
        if f.record <= 0:
            raise InvalidError(f"audit: record: {f.record} is not an id")
    if actor is not None and not isinstance(actor, str):
        raise TypeError(f"audit: actor: expected a str, got {type(actor).__name__}")
    f.from_, f.to = _day(since, "audit: since"), _day(until, "audit: until")
    it = capi.coopedu_audit_iter_new_as(handle, f, actor)
    trail = AuditTrail()
    try:
        while True:
            try:
                c = capi.ce_audit_iter_next(it)
            except StopIteration:
                break
            trail.append(_entry(c))
    finally:
        capi.ce_audit_iter_free(it)
    return trail
