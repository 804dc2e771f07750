"""Fixtures for the coopedu tests. Run with the build tree on PYTHONPATH
(ctest does: see bindings/python/CMakeLists.txt)."""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))  # casestudy

import coopedu  # noqa: E402
import casestudy  # noqa: E402

SANITIZED = bool(os.environ.get("COOPEDU_SANITIZED"))

# Property tests: enough examples to matter, few enough to stay fast (also
# under the sanitizers, which slow everything down several times).
settings.register_profile(
    "coopedu", max_examples=30 if SANITIZED else 60, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile("coopedu")

# The PostgreSQL run (ctest python_postgresql) points this at its test
# server; the store-per-backend fixtures then run on PostgreSQL alone.
PG_URI = os.environ.get("COOPEDU_TEST_PG_URI")
BACKENDS = ("postgresql",) if PG_URI else ("memory", "sqlite")


def open_backend(kind: str, tmp_path: Path) -> coopedu.Database:
    if kind == "postgresql":
        # a fresh PostgreSQL schema per test
        schema = "py_" + uuid.uuid4().hex[:16]
        return coopedu.open(f"{PG_URI}{'&' if '?' in PG_URI else '?'}schema={schema}")
    return coopedu.open("memory:" if kind == "memory" else f"sqlite:{tmp_path / 'school.db'}")


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    """An empty store of each backend, closed afterwards."""
    with open_backend(request.param, tmp_path) as database:
        yield database


@pytest.fixture
def mem():
    """An empty in-memory store."""
    with coopedu.open("memory:") as database:
        yield database


@pytest.fixture(scope="session")
def case_files(tmp_path_factory) -> tuple[Path, Path]:
    """(SQLite file, JSON export) of the worked case, built once by
    ``coopedu demo`` (see casestudy.py)."""
    return casestudy.build_files(tmp_path_factory.mktemp("case"))


@pytest.fixture(scope="session")
def case_path(case_files) -> Path:
    """A SQLite file holding the case study (built once; do not change it)."""
    return case_files[0]


@pytest.fixture(params=BACKENDS)
def case(request, tmp_path, case_files):
    """(db, records): the case study in a fresh store of each backend."""
    if request.param == "sqlite":
        shutil.copyfile(case_files[0], tmp_path / "school.db")
    with open_backend(request.param, tmp_path) as database:
        if request.param != "sqlite":
            casestudy.load(database, case_files[1])
        yield database, casestudy.records(database)
