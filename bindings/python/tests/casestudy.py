"""The worked case for the Python tests. It is built by the project's one
builder (examples/case, run here as ``coopedu --db PATH demo``) and never
written here: the tests open its store and find the records they name by
natural key. Made-up people.

ctest passes the programs' paths: COOPEDU_CLI (the ``coopedu`` program)
and COOPEDU_LIBRARY (libcoopedu, whose ce_import_json_path() copies the
case into a ``memory:`` store: that backend lives in one process only)."""

from __future__ import annotations

import ctypes
import os
import subprocess
from pathlib import Path

import pytest

import coopedu
from coopedu import (
    AgreementParty, Evaluation, Partner, PlatformHost, Project, ProjectPartner, ProjectRole,
    Student, Subtopic, Supervisor, Team,
)

CLI = os.environ.get("COOPEDU_CLI")
LIBRARY = os.environ.get("COOPEDU_LIBRARY")

# The case's projects by code (examples/case/case.h): the alloy project;
# the MoE cooperative-education programme 201901022063 that funds the
# work (the paper's grant); and below it the undergraduate
# entrepreneurship-training project on recycling 3D-printing sand (a
# made-up code), grown out of the 2014 master's coated-sand subtopic.
ALLOY_PROJECT = "2016ZDJS02A03"
PROGRAMME = "201901022063"
SAND_PROJECT = "S201910431031"
PROJECTS = 3

# The whole store: 8 invention patents of the alloy project and 2 of the
# spin-off filed, 4 granted; 3 of the granted became products.
PATENTS_FILED = 10
PATENTS_GRANTED = 4
PRODUCTS_FROM_PATENTS = 3


def build_files(directory: Path) -> tuple[Path, Path]:
    """Builds the case into ``directory/case.db`` with ``coopedu demo`` and
    exports it to ``directory/case.json``; returns both paths."""
    if not CLI or not os.access(CLI, os.X_OK):
        pytest.skip("the coopedu program is not built (COOPEDU_CLI), and it builds the case")
    path, export = directory / "case.db", directory / "case.json"
    for args in (["demo"], ["export", "-o", str(export)]):
        proc = subprocess.run([CLI, "--db", str(path), *args], capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0, proc.stderr
    return path, export


def load(db: coopedu.Database, export: Path) -> None:
    """Imports the exported case into the empty store ``db`` (any backend)
    with the library's own importer."""
    if not LIBRARY:
        pytest.skip("libcoopedu's path is not known (COOPEDU_LIBRARY)")
    lib = ctypes.CDLL(LIBRARY)  # the library the bindings already loaded
    lib.ce_import_json_path.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p)
    lib.ce_import_json_path.restype = ctypes.c_int
    rc = lib.ce_import_json_path(int(db._handle()), os.fsencode(export), None)
    assert rc == coopedu.capi.CE_OK, coopedu.capi.ce_db_errmsg(db._handle())


def records(db: coopedu.Database) -> dict[str, coopedu.Record]:
    """The records the tests name, found by natural key."""
    r: dict[str, coopedu.Record] = {}
    r["school"] = db.partners(name="山东某理工大学").one()
    r["firm"] = db.partners(name="山东某航空材料有限公司").one()
    r["prof"] = db.supervisors(staff_number="T2002").one()      # 李明, no industry experience
    r["engineer"] = db.supervisors(staff_number="E3001").one()  # 张建国
    r["project"] = db.projects(code=ALLOY_PROJECT).one()
    r["programme"] = db.projects(code=PROGRAMME).one()         # the MoE programme, no parent
    r["sand"] = db.projects(code=SAND_PROJECT).one()          # below it, at the pilot stage
    r["consultancy"] = db.partners(name="某咨询服务有限公司").one()  # in no project
    r["lead"] = db.project_partners(project=r["project"], partner=r["school"],
                                    role=ProjectRole.CO_APPLICANT).one()
    r["theory"] = db.subtopics(project=r["project"], title="高强高韧铝合金成分设计与强韧化机理").one()
    r["applied"] = db.subtopics(project=r["project"], title="铝合金熔炼与铸造中试工艺").one()
    r["student"] = db.students(number="2016210303").one()      # 孙浩, on the applied subtopic
    r["evaluation"] = db.evaluations(supervisor=r["engineer"]).first()
    r["team"] = db.teams().one()
    return r
