#!/usr/bin/env python3
"""The Python bulk path against its baselines, on the same rows in the same
run (issue 15; figures in docs/benchmark.md).

N students (number, name, level, cohort, major, status_date) go into a
fresh SQLite store, in one transaction, by:

- ``capi``: the C API (tests/bench/capi/rows.c, typed and generic; the
  faster is the baseline), timed inside the C program;
- ``add_all``: ``db.add_all(rows)`` of a list of tuples;
- ``frame``: ``db.import_frame(df, "student")`` of a DataFrame;
- ``add``: ``db.add(Student(...))`` per row (the path before add_all);
- ``sa_core``: SQLAlchemy Core ``executemany`` into the same schema;
- ``sa_orm``: the SQLAlchemy ORM (automap of the same schema),
  ``session.add_all`` then commit.

The library writes, per student, its row, the first row of its status
history and an audit entry; the SQLAlchemy baselines write the same three
rows (ids are known: the store is fresh), so every contender does the same
job. Each is run ``--repeat`` times, interleaved; the best time counts.
Row data is built before the clock starts. Every run's store is checked to
hold the same students, so the smoke run (``--rows 300 --repeat 1``, ctest
bench_python_smoke) checks correctness and asserts nothing about speed.

Usage: bench_python.py --capi PATH/coopedu-bench-capi-rows [--rows N]
       [--repeat R] [--dir DIR] [--skip add,sa_orm]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import coopedu

LEVELS = ("undergraduate", "academic_master", "professional_master", "doctoral")
MAJORS = ("材料工程", "机械工程", None)
COLUMNS = ("number", "name", "level", "cohort", "major", "status_date")


def rows(n: int) -> list[tuple]:
    """The rows capi/rows.c inserts, as Python values (level as its token)."""
    out = []
    for i in range(n):
        cohort = 2010 + i % 10
        out.append((f"S{i:08d}", f"学生{i}", LEVELS[i % 4], cohort, MAJORS[i % 3],
                    datetime.date(cohort, 9, 1)))
    return out


def fresh(directory: str, name: str) -> str:
    path = os.path.join(directory, name + ".db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    with coopedu.open(f"sqlite:{path}"):
        pass  # the library's schema, empty
    return path


def content(path: str) -> list[tuple]:
    """What a run stored, for comparing runs: students, histories, audit."""
    with sqlite3.connect(path) as c:
        students = c.execute("SELECT number, name, level, cohort, major, status, status_date "
                             "FROM student ORDER BY id").fetchall()
        hist = c.execute("SELECT record, from_state, to_state, on_date "
                         "FROM student_status_history ORDER BY id").fetchall()
        audit = c.execute("SELECT operation, entity, record, changes FROM audit ORDER BY id").fetchall()
    return [students, hist, [(o, e, r, json.loads(ch)) for o, e, r, ch in audit]]


# ---- contenders: each returns seconds --------------------------------------------

def run_capi(args, data, path):
    best = None
    for kind in ("typed", "generic"):
        p = fresh(os.path.dirname(path), f"capi_{kind}")
        out = subprocess.run([args.capi, kind, f"sqlite:{p}", str(len(data))], check=True,
                             capture_output=True, text=True).stdout.split()
        seconds = float(out[0])
        assert int(out[1]) == len(data), out
        if best is None or seconds < best[0]:
            best = (seconds, p)
    shutil.copyfile(best[1], path)
    return best[0]


def run_add_all(args, data, path):
    with coopedu.open(f"sqlite:{path}") as db:
        t = time.perf_counter()
        ids = db.add_all(data, "student", columns=COLUMNS)
        seconds = time.perf_counter() - t
    assert len(ids) == len(data)
    return seconds


def run_frame(args, data, path):
    import pandas as pd
    frame = pd.DataFrame(data, columns=COLUMNS)
    frame["status_date"] = pd.to_datetime(frame["status_date"])
    with coopedu.open(f"sqlite:{path}") as db:
        t = time.perf_counter()
        ids = db.import_frame(frame, "student")
        seconds = time.perf_counter() - t
    assert len(ids) == len(data)
    return seconds


def run_add(args, data, path):
    Student = coopedu.Student
    records = [Student(**dict(zip(COLUMNS, r))) for r in data]
    with coopedu.open(f"sqlite:{path}") as db:
        t = time.perf_counter()
        with db.transaction():
            for rec in records:
                db.add(rec)
        seconds = time.perf_counter() - t
    return seconds


def _audit(r: tuple) -> str:
    changes = {"number": [None, r[0]], "name": [None, r[1]], "level": [None, r[2]],
               "cohort": [None, r[3]]}
    if r[4] is not None:
        changes["major"] = [None, r[4]]
    changes["status"] = [None, "enrolled"]
    changes["status_date"] = [None, r[5].isoformat()]
    return json.dumps(changes, ensure_ascii=False)


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _engine(path):
    import sqlalchemy as sa

    engine = sa.create_engine(f"sqlite:///{path}")

    @sa.event.listens_for(engine, "connect")
    def pragmas(conn, _record):  # as the library's connection
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")

    meta = sa.MetaData()
    meta.reflect(engine, only=["student", "student_status_history", "audit"])
    return engine, meta


def run_sa_core(args, data, path):
    engine, meta = _engine(path)
    student, hist, audit = (meta.tables[n] for n in ("student", "student_status_history", "audit"))
    t = time.perf_counter()
    at = _now()
    srows = [{"number": r[0], "name": r[1], "level": r[2], "cohort": r[3], "major": r[4],
              "status": "enrolled", "status_date": r[5].isoformat()} for r in data]
    hrows = [{"record": i + 1, "from_state": None, "to_state": "enrolled",
              "on_date": r[5].isoformat()} for i, r in enumerate(data)]
    arows = [{"at": at, "actor": None, "role": None, "operation": "create", "entity": "student",
              "record": i + 1, "changes": _audit(r)} for i, r in enumerate(data)]
    with engine.begin() as conn:
        conn.execute(student.insert(), srows)
        conn.execute(hist.insert(), hrows)
        conn.execute(audit.insert(), arows)
    seconds = time.perf_counter() - t
    engine.dispose()
    return seconds


def run_sa_orm(args, data, path):
    from sqlalchemy.ext.automap import automap_base
    from sqlalchemy.orm import Session

    engine, meta = _engine(path)
    base = automap_base(metadata=meta)
    base.prepare()
    Student, Hist, Audit = (base.classes.student, base.classes.student_status_history,
                            base.classes.audit)
    t = time.perf_counter()
    at = _now()
    with Session(engine) as session, session.begin():
        objs = [Student(number=r[0], name=r[1], level=r[2], cohort=r[3], major=r[4],
                        status="enrolled", status_date=r[5].isoformat()) for r in data]
        session.add_all(objs)
        session.flush()  # the ids
        session.add_all([Hist(record=o.id, from_state=None, to_state="enrolled",
                              on_date=r[5].isoformat()) for o, r in zip(objs, data)])
        session.add_all([Audit(at=at, operation="create", entity="student", record=o.id,
                               changes=_audit(r)) for o, r in zip(objs, data)])
    seconds = time.perf_counter() - t
    engine.dispose()
    return seconds


CONTENDERS = {"capi": run_capi, "add_all": run_add_all, "frame": run_frame, "add": run_add,
              "sa_core": run_sa_core, "sa_orm": run_sa_orm}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--capi", required=True, help="path to coopedu-bench-capi-rows")
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dir", help="where the stores go (default: a temporary directory)")
    ap.add_argument("--skip", default="", help="contenders to leave out, comma-separated")
    args = ap.parse_args()
    skip = {s for s in args.skip.split(",") if s}
    unknown = skip - set(CONTENDERS) - {""}
    if unknown or "capi" in skip:
        ap.error("--skip takes " + ", ".join(c for c in CONTENDERS if c != "capi"))
    data = rows(args.rows)
    directory = args.dir or tempfile.mkdtemp(prefix="coopedu-bench-py-")
    best: dict[str, float] = {}
    reference = None
    try:
        for _ in range(args.repeat):
            for name, run in CONTENDERS.items():
                if name in skip:
                    continue
                path = fresh(directory, name)
                seconds = run(args, data, path)
                best[name] = min(best.get(name, seconds), seconds)
                got = content(path)
                # audit times differ: compare the rest of each audit entry
                if reference is None:
                    reference = got
                elif got != reference:
                    print(f"bench_python: {name} stored something else than capi", file=sys.stderr)
                    return 1
    finally:
        if not args.dir:
            shutil.rmtree(directory, ignore_errors=True)
    base = best["capi"]
    print(f"{args.rows} students into SQLite, one transaction, best of {args.repeat}:")
    print(f"{'path':<10} {'seconds':>9} {'rows/s':>10} {'vs C API':>9} {'vs SA Core':>11} "
          f"{'vs SA ORM':>10}")
    for name in CONTENDERS:
        if name not in best:
            continue
        s = best[name]
        core = f"{best['sa_core'] / s:>10.2f}x" if "sa_core" in best else f"{'-':>11}"
        orm = f"{best['sa_orm'] / s:>9.2f}x" if "sa_orm" in best else f"{'-':>10}"
        print(f"{name:<10} {s:>9.3f} {args.rows / s:>10.0f} {base / s:>8.2f}x {core} {orm}")
    print("every path stored the same students, histories and audit entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
