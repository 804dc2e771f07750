#!/usr/bin/env python3
"""Generates coopedu/_reports.py and its stub _reports.pyi at build time:
one Database method per report of the library (db.outcome_funnel(), ...).

Sources, each authoritative for its part:
- the built extension: which reports exist (ce_report_count/name/
  description), and their columns, read off a run on an empty store;
- include/coopedu/analytics.h: each report's documentation;
- coopedu/_database.py and the entities: names a method must not take. A
  report whose name is taken (the report "destinations" and the
  collection db.destinations) becomes <name>_report.

usage: gen_reports.py --module path/to/_capi.so --headers include/coopedu --out DIR
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # never leave __pycache__ in the source tree
sys.path.insert(0, str(HERE))

from gen_entities import docstring, load, plural, sentence  # noqa: E402

PY_TYPES = {1: "int", 2: "float", 3: "str", 4: "datetime.date", 5: "bool"}
ERRORS = {"CE_EINVALID": "InvalidError", "CE_ENOTFOUND": "NotFoundError"}
FILTERS = ("period", "partner", "project", "cohort", "descendants", "level", "student",
           "person_times", "round", "baseline", "by", "k")
FLAGS = ("descendants", "person_times")


class Report:
    def __init__(self, name: str, description: str, method: str) -> None:
        self.name, self.description, self.method = name, description, method
        self.doc = ""
        self.columns: list[tuple[str, int]] | None = None


# ---- the headers --------------------------------------------------------------------------

def header_docs(path: Path) -> dict[str, str]:
    """ce_report_<name> -> its Doxygen comment, as paragraphs (blank-line
    separated) without the @param/@return/@since lines."""
    text = path.read_text(encoding="utf-8")
    docs = {}
    for m in re.finditer(r"/\*\*((?:(?!\*/).)*?)\*/\s*CE_EXTERN ce_result ce_report_(\w+)\(",
                         text, re.S):
        paras, cur = [], []
        for line in m.group(1).splitlines():
            line = re.sub(r"^\s*\*?\s?", "", line).strip()
            if line.startswith("@") and not line.startswith(("@p ", "@c ")):
                line = ""  # @param, @return, @since: the Python method says its own
            if line:
                cur.append(line)
            elif cur:
                paras.append(" ".join(cur))
                cur = []
        if cur:
            paras.append(" ".join(cur))
        docs[m.group(2)] = "\n\n".join(paras)
    return docs


def pythonic(doc: str, methods: dict[str, str]) -> str:
    """The C comment read for Python: methods, not functions; filter
    members as keywords; exceptions, not codes."""
    doc = re.sub(r"\bce_report_(\w+)\(\)",
                 lambda m: f"db.{methods.get(m.group(1), m.group(1))}()", doc)
    doc = re.sub(r"#?(CE_E[A-Z]+)", lambda m: ERRORS.get(m.group(1), m.group(1)), doc)
    doc = re.sub(r"\bfilter->(\w+)", r"\1", doc)
    doc = re.sub(r"\bgroup_by\b", "by", doc)
    doc = re.sub(r"@[cp]\s+(\w+)", r"\1", doc)
    return doc


# ---- the library ----------------------------------------------------------------------------

def reserved_names(capi, database_py: Path) -> set[str]:
    """Attributes of Database a report method must not shadow."""
    names = {"report"}
    number = 1
    while (entity := capi.ce_entity_name(number)) is not None:
        names.add(plural(entity))
        number += 1
    for node in ast.walk(ast.parse(database_py.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef) and node.name == "Database":
            names.update(n.name for n in node.body if isinstance(n, ast.FunctionDef))
    return names


def columns_of(capi, db, name: str, project: int) -> list[tuple[str, int]] | None:
    """The columns of a report, from a run on an empty store (with a
    project, for a report that requires one)."""
    for proj in (0, project):
        f = capi.new_ce_report_filter()
        try:
            capi.ce_report_filter_init(f, 1)
            capi.ce_report_filter_project_set(f, proj)
            table = capi.ce_report_run(db, name, f)
        except Exception:  # noqa: BLE001 - refused (a required project): try the next
            continue
        finally:
            capi.delete_ce_report_filter(f)
        _, columns, types, _ = capi.coopedu_table_data(table)
        capi.ce_table_free(table)
        return list(zip(columns, types))
    return None


def a_project(capi, db) -> int:
    """A project with only its required columns, placeholders by type."""
    try:
        entity = capi.ce_entity_by_name("project")
        rec = capi.ce_record_new(entity)
        for col in range(capi.ce_entity_column_count(entity)):
            if not capi.ce_column_required(entity, col):
                continue
            name, ctype = capi.ce_column_name(entity, col), capi.ce_column_type_of(entity, col)
            if ctype == 3:
                capi.ce_record_set_text(rec, name, "x")
            else:
                capi.ce_record_set_int(rec, name, {4: 20190101, 6: 1}.get(ctype, 0))
        try:
            return capi.ce_record_insert(db, rec)
        finally:
            capi.delete_ce_record(rec)
    except Exception:  # noqa: BLE001 - then the report's columns stay undocumented
        return 0


def build(capi, headers: Path, database_py: Path) -> list[Report]:
    reserved = reserved_names(capi, database_py)
    reports = []
    for i in range(capi.ce_report_count()):
        name = capi.ce_report_name(i)
        method = name if name not in reserved else name + "_report"
        reports.append(Report(name, capi.ce_report_description(i), method))
    methods = {r.name: r.method for r in reports}
    docs = header_docs(headers / "analytics.h")
    db = capi.ce_db_open("memory:", None)
    try:
        project = a_project(capi, db)
        for r in reports:
            r.doc = pythonic(docs.get(r.name, ""), methods)
            r.columns = columns_of(capi, db, r.name, project)
    finally:
        capi.ce_db_close(db)
    return reports


# ---- output -------------------------------------------------------------------------------

def method_doc(r: Report) -> str:
    parts = [sentence(r.description)]
    if r.doc:
        parts.append(r.doc)
    if r.columns:
        parts.append("Columns (NULL is None):\n" +
                     "\n".join(f"- {c}: {PY_TYPES.get(t, 'object')}" for c, t in r.columns))
    parts.append(f'Same as db.report("{r.name}", ...): filters as Database.report(); one this '
                 "report cannot honour raises InvalidError. Returns a Table, valid after the "
                 "database is closed.")
    return "\n\n".join(parts)


def wrap_args(method: str, args: str) -> str:
    """The parameters, packed into lines of up to 99 columns, aligned
    under the first."""
    indent = len(method) + 9  # "    def " + method + "("
    lines, line = [], ""
    for arg in args.split(", "):
        cand = f"{line}, {arg}" if line else arg
        if line and indent + len(cand) > 90:
            lines.append(line)
            cand = arg
        line = cand
    lines.append(line)
    return (",\n" + " " * indent).join(lines)


def emit_py(reports: list[Report], version: str) -> str:
    out = [
        f'"""The reports of libcoopedu {version} as Database methods.\n\n'
        "Generated at build time by bindings/python/tools/gen_reports.py from the\n"
        "library's report registry and include/coopedu/analytics.h. Do not edit.\"\"\"\n\n"
        "from __future__ import annotations\n\n"
        "from typing import TYPE_CHECKING, Any\n\n"
        "if TYPE_CHECKING:\n    from ._tables import Table\n\n"
        '__all__ = ["ReportMethods", "REPORT_METHODS"]\n\n'
        "REPORT_METHODS = {\n" +
        "".join(f"    {r.name!r}: {r.method!r},\n" for r in reports) + "}\n"
        '"""Report name -> the Database method that runs it."""\n\n',
        "\nclass ReportMethods:\n",
        docstring("One method per report, on Database (db.outcome_funnel(), ...).", "    "),
        "\n    __slots__ = ()\n",
    ]
    args = "self, *, " + ", ".join(f"{f}: Any = {'False' if f in FLAGS else 'None'}"
                                   for f in FILTERS)
    call = ", ".join(f"{f}={f}" for f in FILTERS)
    for r in reports:
        out.append(f"\n    def {r.method}({wrap_args(r.method, args)}) -> Table:\n")
        out.append(docstring(method_doc(r), "        "))
        out.append(f"        return self.report(  # type: ignore[attr-defined,no-any-return]\n"
                   f"            {r.name!r}, {call})\n")
    return "".join(out)


def emit_pyi(reports: list[Report]) -> str:
    out = [
        "# Stubs for the generated coopedu._reports.\n"
        "import datetime\n\n"
        "from ._entities import Partner, Project, Student, SurveyRound\nfrom ._tables import Table\n\n"
        "_DateLike = datetime.date | str | None\n\n"
        "REPORT_METHODS: dict[str, str]\n\n"
        "class ReportMethods:\n"
    ]
    args = ("self, *, period: tuple[_DateLike, _DateLike] | None = ..., "
            "partner: Partner | int | None = ..., project: Project | int | None = ..., "
            "cohort: int | None = ..., descendants: bool = ..., level: str | None = ..., "
            "student: Student | int | None = ..., person_times: bool = ..., "
            "round: SurveyRound | int | None = ..., baseline: SurveyRound | int | None = ..., "
            "by: str | None = ..., k: int | None = ...")
    for r in reports:
        out.append(f"    def {r.method}({wrap_args(r.method, args)}) -> Table:\n")
        out.append(docstring(sentence(r.description), "        "))
        out.append("        ...\n")
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--module", required=True, type=Path, help="the built _capi extension")
    ap.add_argument("--headers", required=True, type=Path, help="include/coopedu")
    ap.add_argument("--out", required=True, type=Path, help="the package directory to write into")
    args = ap.parse_args()
    # The extension raises through coopedu._errors: the source one (it
    # imports nothing), never a coopedu package found on sys.path.
    sys.modules["coopedu._errors"] = load("coopedu._errors", HERE.parent / "coopedu" / "_errors.py")
    capi = load("_capi", args.module)
    reports = build(capi, args.headers, HERE.parent / "coopedu" / "_database.py")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "_reports.py").write_text(emit_py(reports, capi.ce_version_string()),
                                          encoding="utf-8")
    (args.out / "_reports.pyi").write_text(emit_pyi(reports), encoding="utf-8")


if __name__ == "__main__":
    main()
