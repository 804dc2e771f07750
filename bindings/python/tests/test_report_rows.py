"""Reports read row by row (Database.iter_report): the rows of report(),
through a C report cursor, closed by `with`, at the end or by the
garbage collector; writes wait for it; a closed database ends it."""

from __future__ import annotations

import gc

import pytest

from coopedu import InvalidError, MisuseError, NotFoundError, Partner, PartnerKind, ReportRows

from test_reports import NAMES, run

# The reports SQLite and PostgreSQL compute in SQL, and so stream.
SQL_NATIVE = {"supervision_coverage", "students_lacking_supervisor", "guidance_hours",
              "guidance_by_term", "cooperation_depth", "placement_health", "destinations",
              "project_pipeline", "budget_variance", "risk_exposure",
              "spinoffs", "idle_platforms"}
# computed in SQL on PostgreSQL only (SQLite leaves it to the core)
PG_NATIVE = {"platform_utilisation"}


def streams(backend, name):
    return backend != "memory" and (name in SQL_NATIVE
                                    or (backend == "postgresql" and name in PG_NATIVE))


def rows(db, name, r, **filters):
    if name == "subtopic_graph":
        filters.setdefault("project", r["project"])
    return db.iter_report(name, **filters)


@pytest.mark.parametrize("name", NAMES)
def test_every_report_iterates_as_its_table(case, name):
    db, r = case
    table = run(db, name, r)
    with rows(db, name, r) as it:
        assert isinstance(it, ReportRows) and it.name == name
        assert it.columns == table.columns and it.types == table.types
        assert it.streams == streams(db.backend, name)
        got = list(it)
    assert got == list(table)
    assert [row._fields for row in got[:1]] == [row._fields for row in list(table)[:1]]
    assert it.closed  # read to the end


def test_filters_as_report(case):
    db, r = case
    for filters in ({"cohort": 2014}, {"partner": r["firm"]}, {"period": ("2017-01-01", None)}):
        assert list(db.iter_report("guidance_by_term", **filters)) == \
            list(db.report("guidance_by_term", **filters))
    with pytest.raises(InvalidError):
        db.iter_report("idle_platforms", cohort=2019)
    with pytest.raises(NotFoundError):
        db.iter_report("no_such_report")
    with pytest.raises(TypeError):
        db.iter_report(7)


def test_writes_wait_for_an_open_cursor(case):
    db, r = case
    it = db.iter_report("guidance_hours")
    first = next(it)
    with pytest.raises(MisuseError, match="report cursor"):
        db.add(Partner(name="西安航空职业技术学院", kind=PartnerKind.UNIVERSITY))
    assert db.partners(name="西安航空职业技术学院").count() == 0
    assert len(db.report("outcome_funnel")) == 1  # reads go on
    rest = it.to_table()
    assert [first, *rest] == list(db.report("guidance_hours"))
    assert it.closed
    db.add(Partner(name="西安航空职业技术学院", kind=PartnerKind.UNIVERSITY))


def test_close_early_and_collected(case):
    db, r = case
    with db.iter_report("guidance_by_term") as it:
        next(it)
    assert it.closed
    with pytest.raises(StopIteration):
        next(it)
    it = db.iter_report("cooperation_depth")
    next(it)
    del it
    gc.collect()
    db.add(Partner(name="航空工业成都飞机设计研究所", kind=PartnerKind.ENTERPRISE))


def test_closing_the_database_ends_the_cursor(case_path, tmp_path):
    import shutil
    import coopedu
    shutil.copyfile(case_path, tmp_path / "s.db")
    db = coopedu.open(f"sqlite:{tmp_path / 's.db'}")
    it = db.iter_report("guidance_by_term")
    next(it)
    db.close()
    with pytest.raises(MisuseError, match="closed"):
        next(it)
    assert it.closed
    it.close()
