"""libcoopedu for Python: university–industry cooperative education
(产教融合, 校企合作) records, with every rule enforced by the C library.

    import coopedu
    from coopedu import Partner, PartnerKind

    with coopedu.open("school.db") as db:          # or "memory:"
        with db.transaction():
            firm = db.add(Partner(name="山东某航空材料有限公司", kind=PartnerKind.ENTERPRISE))
        for p in db.partners(kind=PartnerKind.ENTERPRISE):
            print(p.id, p.name)

Every entity of the C library has a record class here (Partner, Project,
Student, ...), its enums (PartnerKind, ProjectStage, ...) and a collection
on the database (``db.partners``, ``db.projects``, ...). Every report of
the library (``coopedu.reports()``) runs as ``db.report(name, ...)`` or its
own method (``db.outcome_funnel(period=(from, to))``), returning a
:class:`Table` with ``.to_pandas()``. Failures raise CoopEduError
subclasses carrying the library's message. See the README's Python tour.

Who acts: ``coopedu.open(uri, role="mentor", actor="E3001")`` sees and
changes only what that role may (DeniedError for a change outside it);
``db.audit()`` reads who changed what; ``db.person_export(key)`` and
``db.person_anonymise(key)`` serve people's rights over their data.

Import and export: ``db.export_json(path_or_file)``, ``db.import_json(...)``,
``db.export_csv(dir)``, ``db.import_csv(dir_or_path)``, ``db.export_xlsx(path)``,
all or nothing; bulk loading: ``db.add_all(records)`` and
``db.import_frame(df, entity)``.
"""

from __future__ import annotations

from . import capi
from ._errors import (
    BackendError,
    BusyError,
    CoopEduError,
    ConstraintError,
    CycleError,
    DeniedError,
    ExistsError,
    IntegrityError,
    InvalidError,
    MisuseError,
    NotFoundError,
    NotSupportedError,
    OutOfMemoryError,
    SchemaError,
    TransitionError,
)
from ._columns import Column, ColumnType, TokenEnum, TokenFlag
from ._records import Record, entity_class, entity_classes
from ._entities import *  # noqa: F401,F403 - every entity class and enum
from ._entities import __all__ as _entity_names
from ._query import Between, Collection, Query, between
from ._database import Database, Transition, open
from ._tables import Table
from ._analytics import ReportInfo, ReportRows, reports
from ._audit import AuditEntry, AuditTrail, Role
from ._io import ImportCounts, header_label, json_schema

__version__: str = capi.ce_version_string()
"""The version of the linked libcoopedu, e.g. ``"0.1.0"``."""

version_info: tuple[int, int, int] = tuple(int(p) for p in __version__.split("."))  # type: ignore[assignment]

# Not "open": a star import must not shadow the builtin; use coopedu.open().
__all__ = [
    "Database", "Collection", "Query", "Transition", "Table", "between", "Between",
    "reports", "ReportInfo", "ReportRows", "Role", "AuditEntry", "AuditTrail", "json_schema", "header_label",
    "ImportCounts",
    "Record", "Column", "ColumnType", "TokenEnum", "TokenFlag", "entity_class", "entity_classes",
    "CoopEduError", "OutOfMemoryError", "NotFoundError", "InvalidError", "IntegrityError",
    "ExistsError", "ConstraintError", "TransitionError", "CycleError", "NotSupportedError",
    "BackendError", "BusyError", "SchemaError", "MisuseError", "DeniedError",
    "capi", "__version__", "version_info",
    *_entity_names,
]
