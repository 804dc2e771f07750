"""Import and export on the database: JSON, CSV and Excel, through the C
library's io.h. Every import is all or nothing (the library runs it in one
transaction and rolls back on the first error); every failure raises the
package's exceptions with the library's message naming input, record and
field."""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path
from typing import IO, Any, Iterable, Mapping, NamedTuple, Union

from . import capi
from ._columns import date_to_c, to_date, to_int64
from ._errors import InvalidError, NotFoundError
from ._records import entity_class

__all__ = ["IOMethods", "ImportCounts", "json_schema", "header_label"]

PathLike = Union[str, "os.PathLike[str]"]
Source = Union[PathLike, IO[Any]]


class ImportCounts(NamedTuple):
    """What an import did: records created, updated, and matched unchanged."""

    created: int
    updated: int
    unchanged: int


def _options(*, labels: str | None = None, bom: bool = False, raw: bool = False,
             audit: bool = False, update: bool = False, counts: Any = None) -> Any:
    opts = capi.ce_io_options()
    capi.ce_io_options_init(opts, capi.CE_IO_OPTIONS_VERSION)
    flags = capi.CE_IO_UPDATE if update else 0
    if labels not in (None, "en", "zh"):
        raise InvalidError(f"labels must be 'zh' or 'en', not {labels!r}")
    if labels == "zh":
        flags |= capi.CE_IO_LABELS_ZH
    if bom:
        flags |= capi.CE_IO_CSV_BOM
    if raw:
        flags |= capi.CE_IO_CSV_RAW
    if audit:
        flags |= capi.CE_IO_AUDIT
    opts.flags = flags
    if counts is not None:
        opts.counts = counts  # the caller keeps it alive for the call
    return opts


def _import(call: Any, update: bool) -> ImportCounts:
    """Runs ``call(opts)`` with counts wanted; returns them."""
    counts = capi.ce_io_counts()
    call(_options(update=update, counts=counts))
    return ImportCounts(counts.created, counts.updated, counts.unchanged)


def _is_path(x: Any) -> bool:
    return isinstance(x, (str, os.PathLike))


def _sink(f: IO[Any]) -> Any:
    """A callable writing exported bytes to ``f``: a text file gets them
    decoded (UTF-8, split characters joined), a binary file as they are."""
    if isinstance(f, io.TextIOBase):
        decoder = codecs.getincrementaldecoder("utf-8")()
        return lambda b: f.write(decoder.decode(b))
    return f.write


def _read(f: IO[Any]) -> tuple[bytes | str, str]:
    if not hasattr(f, "read"):
        raise TypeError(f"expected a path or a file object, got {type(f).__name__}")
    return f.read(), str(getattr(f, "name", "<input>"))


def _entity_of_file(path: PathLike) -> int:
    """The entity a CSV file holds, from its name: ``student.csv``."""
    stem = Path(path).stem
    try:
        return entity_class(stem)._entity
    except Exception:
        raise InvalidError(f"{os.fspath(path)}: a CSV file is named after its entity "
                           f"(student.csv, ...), or give entity=") from None


class IOMethods:
    """Database methods for import and export (mixed into Database)."""

    __slots__ = ()

    # -- JSON -------------------------------------------------------------------

    def export_json(self, dest: Source, *, audit: bool = False) -> None:
        """Writes the whole store as one JSON document (the library's format,
        ``coopedu.json_schema()``) to ``dest``: a path, or a file object open
        for writing, text or binary. Deterministic: the same content gives
        the same bytes. ``audit=True`` appends the audit trail (trusted,
        admin and office handles only: DeniedError)."""
        opts = _options(audit=audit)
        if _is_path(dest):
            capi.ce_export_json_path(self._handle(), os.fspath(dest), opts)
        else:
            capi.coopedu_export_json_to(self._handle(), _sink(dest), opts)

    def import_json(self, src: Source, *, update: bool = False) -> ImportCounts:
        """Imports a JSON document (as :meth:`export_json` writes it) from a
        path or a file object, all or nothing: on any error the store is
        unchanged and the exception names input, record and field.

        Raises InvalidError, ExistsError (already in the store: re-importing
        the same document fails the second time and changes nothing),
        ConstraintError, TransitionError, CycleError, or MisuseError inside a
        transaction (an import is its own).

        ``update=True`` updates the records the input names (by natural key,
        else exported id) instead of refusing them, and inserts the others.
        Returns :class:`ImportCounts` (created, updated, unchanged)."""
        handle = self._handle()
        if _is_path(src):
            path = os.fspath(src)
            return _import(lambda o: capi.ce_import_json_path(handle, path, o), update)
        data, name = _read(src)
        return _import(lambda o: capi.coopedu_import_json_data(handle, data, o, name), update)

    # -- CSV --------------------------------------------------------------------

    def export_csv(self, dest: Source, entity: Any = None, *, labels: str | None = None,
                   bom: bool = False, raw: bool = False) -> None:
        """Writes CSV (RFC 4180, UTF-8). Without ``entity``, ``dest`` is a
        directory (created if missing) that gets one ``<entity>.csv`` per
        entity; with ``entity`` (a record class or name), ``dest`` is a path
        or a file object receiving that entity's records.

        ``labels="zh"`` writes the header row in Chinese (学号, 姓名, ...);
        ``bom`` starts files with a byte-order mark (for Excel); ``raw``
        leaves formula-like text undefused."""
        opts = _options(labels=labels, bom=bom, raw=raw)
        if entity is None:
            if not _is_path(dest):
                raise TypeError("export_csv() of every entity writes a directory: give a path, "
                                "or entity= for one file")
            capi.ce_export_csv_dir(self._handle(), os.fspath(dest), opts)
            return
        number = entity_class(entity)._entity
        if _is_path(dest):
            capi.ce_export_csv_path(self._handle(), number, os.fspath(dest), opts)
        else:
            capi.coopedu_export_csv_to(self._handle(), number, _sink(dest), opts)

    def import_csv(self, src: Source | Iterable[PathLike] | Mapping[Any, PathLike],
                   entity: Any = None, *, update: bool = False) -> ImportCounts:
        """Imports CSV, all or nothing, in one transaction:

        - a directory: every ``<entity>.csv`` in it;
        - a file path: the entity named by the file (``student.csv``) or
          ``entity``;
        - several paths (a list) or ``{entity: path}``: in the order their
          entities depend on each other, whatever order they come in;
        - a file object: records of ``entity`` (required).

        Headers may be the column names or their Chinese labels. ``update``
        and the result as :meth:`import_json`; raises as it, and on failure
        the store is unchanged."""
        handle = self._handle()
        if _is_path(src):
            path = os.fspath(src)
            if not os.path.exists(path):
                raise NotFoundError(f"{path}: no such file or directory")
            if os.path.isdir(path):
                if entity is not None:
                    raise TypeError("entity= names the records of one file, not of a directory")
                return _import(lambda o: capi.ce_import_csv_dir(handle, path, o), update)
            number = entity_class(entity)._entity if entity is not None else _entity_of_file(path)
            return _import(lambda o: capi.coopedu_import_csv_files(handle, [(number, path)], o),
                           update)
        if isinstance(src, Mapping):
            files = [(entity_class(e)._entity, os.fspath(p)) for e, p in src.items()]
        elif hasattr(src, "read"):
            if entity is None:
                raise TypeError("import_csv() of a file object needs entity=")
            data, name = _read(src)  # type: ignore[arg-type]
            number = entity_class(entity)._entity
            return _import(lambda o: capi.coopedu_import_csv_data(handle, number, data, o, name),
                           update)
        else:
            files = [(_entity_of_file(p), os.fspath(p)) for p in src]  # type: ignore[union-attr]
        if not files:
            raise InvalidError("import_csv(): no files given")
        return _import(lambda o: capi.coopedu_import_csv_files(handle, files, o), update)

    # -- surveys ----------------------------------------------------------------

    def import_survey_csv(self, round: Any, src: Source, *, key: str | None = None,
                          date_column: str | None = None, date: Any = None,
                          skip_unknown: bool = False) -> int:
        """Imports a questionnaire tool's wide CSV export into a survey round
        (a :class:`SurveyRound` or its id), all or nothing; returns the
        number of responses created.

        One row per respondent, one column per item headed by the item's
        code; a cell is a number (Likert, number), an option's code or
        label (single choice), codes or labels joined by ``;`` (multiple
        choice) or text; an empty cell is no answer. A named round's rows
        name the respondent in column ``key`` (default ``student``,
        ``supervisor`` or ``partner``, as the instrument's audience);
        an anonymous round's rows may carry the attributes it declares
        (``cohort``, ``level``, ``supervisor_kind``, ``partner``). The
        submission date is in ``date_column`` (default ``submitted_on``),
        or ``date`` for rows without one. Unknown columns raise
        InvalidError unless ``skip_unknown``. Raises as :meth:`import_csv`;
        on failure the store is unchanged and the message names the line
        and column."""
        rid = round.id if hasattr(round, "id") else round
        rid = to_int64(rid, "round")
        day = 0 if date is None else date_to_c(to_date(date, "date"))
        handle = self._handle()
        if _is_path(src):
            return capi.coopedu_survey_import_csv(handle, rid, os.fspath(src), None, None, key,
                                                  date_column, day, int(skip_unknown))
        data, name = _read(src)
        return capi.coopedu_survey_import_csv(handle, rid, None, data, name, key, date_column, day,
                                              int(skip_unknown))

    # -- Excel ------------------------------------------------------------------

    def export_xlsx(self, path: PathLike, *, labels: str | None = None) -> None:
        """Writes an Excel workbook: one sheet per entity (the CSV export's
        cells with numbers, dates and booleans typed, headers frozen,
        references by natural key), then one per report. ``labels="zh"``
        names sheets and entity headers in Chinese. A failed export leaves
        the old file (or none)."""
        if not _is_path(path):
            raise TypeError(f"export_xlsx() writes a file: give a path, not {type(path).__name__}")
        capi.ce_export_xlsx(self._handle(), os.fspath(path), _options(labels=labels))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the documents :meth:`Database.export_json` writes."""
    import json

    text = capi.ce_json_schema()
    if text is None:
        raise MemoryError("the JSON Schema could not be built")
    return json.loads(text)


def header_label(entity: Any, column: str | None, *, history: bool = False,
                 lang: str = "zh") -> str:
    """The header an export writes for ``column`` of ``entity`` (None: the
    id): ``header_label("student", "number")`` is ``"学号"``."""
    cls = entity_class(entity)
    if column is None:
        col = -1
    else:
        c = cls._by_name.get(column)
        if c is None:
            raise InvalidError(f"{cls._entity_name} has no column {column!r}")
        col = c.index
    return capi.coopedu_io_header_label(cls._entity, col, int(history), lang)

