"""Reports: every report on the worked case (examples/case; tests/casestudy.py) on both
backends, exact values for the outcome funnel (the worked case's numbers)
and cooperation depth, filters, refusals, Tables, to_pandas() and the
capi layer underneath."""

from __future__ import annotations

import gc
import os
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import coopedu
from coopedu import (
    ColumnType, InvalidError, MisuseError, NotFoundError, Partner, PartnerKind, Table, between,
    capi,
)
from coopedu._reports import REPORT_METHODS

import casestudy

NAMES = [r.name for r in coopedu.reports()]
PY_TYPES = {ColumnType.INT: int, ColumnType.REAL: float, ColumnType.TEXT: str,
            ColumnType.DATE: date, ColumnType.BOOL: bool}
FIRM = "山东某航空材料有限公司"
# guidance_hours rows, by name.
HOURS_NAMES = ["刘洋", "孙涛", "张建国", "李明", "王立新", "陈静"]

# The worked case: 10 invention patents filed (8 of the alloy project, 2 of
# the spin-off), 4 granted (median 837.5 days), 1 rejected, 3 productised
# (products derive from them); 4 published papers; one
# entrepreneurship project grown out of a subtopic, with 7 outputs.
FUNNEL = dict(patents_filed=10, patents_granted=4, patents_rejected=1, patents_pending=5,
              patents_productised=3, grant_rate=0.4, median_days_to_grant=837.5,
              utility_models_filed=0, utility_models_granted=0, papers_submitted=0,
              papers_accepted=0, papers_published=4, papers_rejected=0, spinoff_projects=1,
              spinoff_outputs=7)
# The alloy project, and the firm (through it): its 8 patents and 2 papers.
FUNNEL_ALLOY = dict(FUNNEL, patents_filed=8, patents_pending=3, grant_rate=0.5,
                    papers_accepted=0, papers_published=2, spinoff_projects=0, spinoff_outputs=0)
# Cohort 2014 (赵磊): the mould patent, granted after 835 days and productised.
FUNNEL_ONE = dict(FUNNEL_ALLOY, patents_filed=1, patents_granted=1, patents_rejected=0,
                  patents_pending=0, patents_productised=1, grant_rate=1.0,
                  median_days_to_grant=835.0, papers_published=0)


def run(db, name, r, **filters):
    if name == "subtopic_graph":  # the one report that requires a project
        filters.setdefault("project", r["project"])
    return db.report(name, **filters)


# ---- every report ---------------------------------------------------------------------------

def test_the_catalogue():
    infos = coopedu.reports()
    assert len(infos) == capi.ce_report_count() >= 13
    assert infos[0] == ("outcome_funnel", capi.ce_report_description(0))
    assert all(i.description for i in infos)
    assert {"outcome_funnel", "cooperation_depth", "guidance_hours"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_report_runs(case, name):
    db, r = case
    table = run(db, name, r)
    assert isinstance(table, Table) and table.name == name
    assert len(table.columns) == len(table.types) > 0
    assert all(isinstance(t, ColumnType) for t in table.types)
    for row in table:
        assert len(row) == len(table.columns)
        for value, ctype in zip(row, table.types):
            assert value is None or type(value) is PY_TYPES[ctype], (name, value, ctype)
    # Its method gives the same table.
    method = getattr(db, REPORT_METHODS[name])
    kw = {"project": r["project"]} if name == "subtopic_graph" else {}
    assert method(**kw) == table
    assert name in method.__doc__ and table.columns[0] in method.__doc__


def test_both_backends_agree(case_files):
    tables = []
    for uri in ("memory:", f"sqlite:{case_files[0]}"):
        with coopedu.open(uri, readonly=uri != "memory:") as db:
            if uri == "memory:":
                casestudy.load(db, case_files[1])
            r = casestudy.records(db)
            tables.append([run(db, name, r) for name in NAMES])
    assert tables[0] == tables[1]


# ---- exact values -----------------------------------------------------------------------------

def test_outcome_funnel(case):
    db, r = case
    funnel = db.outcome_funnel()
    assert len(funnel) == 1 and funnel[0]._asdict() == FUNNEL
    assert funnel.columns == tuple(FUNNEL)
    assert funnel.types[:6] == (ColumnType.INT,) * 5 + (ColumnType.REAL,)
    row = funnel[0]
    assert row.patents_filed == row[0] == casestudy.PATENTS_FILED
    assert row.patents_granted == casestudy.PATENTS_GRANTED
    assert row.patents_productised == casestudy.PRODUCTS_FROM_PATENTS


def by_name(db, name):
    return db.partners(name=name).one().id


def test_cooperation_depth(case):
    db, r = case
    depth = db.cooperation_depth()
    # Depth is what a partner does itself: the firm and the casting company
    # do the research (lead / host) whose subtopics produced outcomes (4);
    # the science department only funds (transactional: 1, however much the
    # project it funds produced); the consultancy only consulted (1); the
    # association did nothing recorded. The university has no row.
    assert depth.columns == ("partner", "name", "kind", "depth", "level", "agreements",
                             "projects", "placements", "enterprise_supervisors", "outcomes")
    casting, dept = by_name(db, "山东某铸造机械有限公司"), by_name(db, "山东省科学技术厅")
    assoc, consultancy = by_name(db, "山东省铸造协会"), r["consultancy"].id
    assert [tuple(row) for row in depth] == [
        (r["firm"].id, FIRM, "enterprise", 4, "co_creation", 1, 1, 3, 2, 12),
        (casting, "山东某铸造机械有限公司", "enterprise", 4, "co_creation", 1, 2, 1, 1, 2),
        (dept, "山东省科学技术厅", "government", 1, "transactional", 0, 1, 0, 0, 0),
        (consultancy, "某咨询服务有限公司", "enterprise", 1, "transactional", 1, 0, 0, 0, 0),
        (assoc, "山东省铸造协会", "industry_association", 0, "none", 0, 0, 0, 0, 0)]
    # Only 周敏's placement and supervision, still going, overlap 2030 on.
    nothing = [(casting, "山东某铸造机械有限公司", "enterprise", 0, "none", 0, 0, 0, 0, 0),
               (dept, "山东省科学技术厅", "government", 0, "none", 0, 0, 0, 0, 0),
               (assoc, "山东省铸造协会", "industry_association", 0, "none", 0, 0, 0, 0, 0),
               (consultancy, "某咨询服务有限公司", "enterprise", 0, "none", 0, 0, 0, 0, 0)]
    assert [tuple(row) for row in db.cooperation_depth(period=(date(2030, 1, 1), None))] == [
        (r["firm"].id, FIRM, "enterprise", 3, "co_training", 0, 0, 1, 1, 0)] + nothing
    # Nothing before the agreement of 2015.
    assert [tuple(row) for row in db.cooperation_depth(period=(None, "2014-12-31"))] == [
        (r["firm"].id, FIRM, "enterprise", 0, "none", 0, 0, 0, 0, 0)] + nothing
    assert db.cooperation_depth(partner=r["school"]) == []


def test_other_reports_spot_checks(case):
    db, r = case
    graph = db.subtopic_graph(project=r["project"])
    s = [0] + db.subtopics(project=r["project"]).ids()  # s[1..5], in the order built
    assert (s[1], s[2]) == (r["theory"].id, r["applied"].id)
    assert [(row.subtopic, row.depends_on, row.earliest_finish, row.critical) for row in graph] \
        == [(s[1], None, 180, True), (s[2], str(s[1]), 420, True), (s[3], None, 150, False),
            (s[4], f"{s[2]},{s[3]}", 620, True), (s[5], str(s[1]), 300, False)]
    hours = db.guidance_hours()
    assert [(row.name, row.sessions, row.hours, row.hours_per_student) for row in hours] == [
        ("刘洋", 0, 0.0, None), ("孙涛", 2, 5.0, 5.0), ("张建国", 4, 10.0, 10 / 3),
        ("李明", 2, 5.0, 2.5), ("王立新", 4, 9.0, 2.25), ("陈静", 1, 2.0, 1.0)]
    idle = db.idle_platforms(period=("2015-07-01", "2015-12-31"))
    assert [(row.name, row.established_on, row.last_used) for row in idle] == [
        ("山东某航空材料有限公司研究生联合培养基地", date(2015, 9, 1), date(2018, 6, 30))]
    assert db.destinations_report()[0].graduates == 1
    assert db.destinations.count() == 3  # the collection keeps its name


# ---- filters ------------------------------------------------------------------------------------

def test_funnel_filters(case):
    db, r = case
    # filed from October 2019: two of the alloy project, the spin-off's two
    later = db.outcome_funnel(period=(date(2019, 10, 1), None))[0]
    assert (later.patents_filed, later.patents_granted, later.patents_pending) == (4, 0, 4)
    assert later.grant_rate == 0.0 and later.median_days_to_grant is None
    assert db.outcome_funnel(period=between("2019-10-01", None)) == [later]
    assert db.outcome_funnel(period=["2019-10-01", "2099-12-31"]) == [later]
    for filters in ({"project": r["project"]}, {"project": r["project"].id},
                    {"partner": r["firm"]}, {"partner": r["firm"].id}):
        assert db.outcome_funnel(**filters)[0]._asdict() == FUNNEL_ALLOY, filters
    assert db.outcome_funnel(cohort=2014)[0]._asdict() == FUNNEL_ONE
    none = db.outcome_funnel(cohort=2019)[0]  # nobody of that cohort
    assert none.patents_filed == 0 and none.grant_rate is None  # 0/0 is NULL
    assert db.outcome_funnel(period=(None, None)) == db.outcome_funnel()


def test_programme_and_its_spin_off(case):
    """201901022063 is the programme above the sand project, not its code:
    alone it is credited with nothing; with descendants=True it counts the
    sand project's spin-off, whose 7 undergraduates and 7 outputs the
    spinoffs report lists by kind."""
    db, r = case
    programme, sand = r["programme"], r["sand"]
    assert sand.parent == programme.id and programme.parent is None
    assert db.outcome_funnel(project=programme)[0].spinoff_projects == 0
    below = db.outcome_funnel(project=programme, descendants=True)[0]
    assert below == db.outcome_funnel(project=sand)[0]
    assert (below.spinoff_projects, below.spinoff_outputs, below.patents_filed) == (1, 7, 2)
    rows = db.spinoffs(project=programme, descendants=True)
    assert len(rows) == 1 and rows == db.report("spinoffs", project=sand)
    spin = rows[0]
    assert spin.title == "3D打印选择性激光烧结覆膜砂的回收再生与循环使用"
    assert (spin.students, spin.undergraduates, spin.outputs) == (7, 7, 7)
    assert (spin.feasibility_reports, spin.business_plans, spin.economic_analyses,
            spin.papers, spin.patents, spin.other_outputs) == (1, 1, 1, 2, 2, 0)
    assert db.subtopics(project=sand).count() == 1
    assert db.subtopic_assignments(subtopic=db.subtopics(project=sand).one()).count() == 7
    with pytest.raises(InvalidError, match="descendants"):
        db.spinoffs(descendants=True)                       # needs a project
    with pytest.raises(TypeError):
        db.spinoffs(project=programme, descendants=1)


def test_funnel_as_the_paper_counts_it(case):
    """"Since 2015, graduate students filed invention patents 8 person-times
    (8人次), 4 granted": one call. The undergraduates' patents have two
    student inventors each: once, or twice in person-times."""
    db, r = case
    grad = db.outcome_funnel(period=("2015-01-01", None), level="graduate", person_times=True)[0]
    assert (grad.patents_filed, grad.patents_granted) == (8, 4)
    under = db.outcome_funnel(level="undergraduate")[0]
    twice = db.outcome_funnel(level="undergraduate", person_times=True)[0]
    assert (under.patents_filed, twice.patents_filed) == (2, 4)
    mine = db.outcome_funnel(student=r["student"])[0]        # 孙浩: 2 patents, 1 granted
    assert (mine.patents_filed, mine.patents_granted, mine.patents_rejected) == (2, 1, 1)
    assert len(db.spinoffs(level="graduate")) == 0 and len(db.spinoffs(level="undergraduate")) == 1
    with pytest.raises(ValueError):
        db.outcome_funnel(level="master")
    with pytest.raises(TypeError):
        db.outcome_funnel(level=2)
    with pytest.raises(InvalidError, match="person_times"):
        db.spinoffs(person_times=True)


@pytest.mark.parametrize("filters, error", [
    ({"cohort": 2014}, InvalidError),                       # not honoured
    ({"project": 1}, InvalidError),                         # not honoured
    ({"partner": 999}, NotFoundError),
    ({"partner": 0}, InvalidError),                         # None means every partner
    ({"partner": -3}, InvalidError),
    ({"cohort": 0}, InvalidError),                          # None means every cohort
    ({"cohort": 1900}, InvalidError),
    ({"period": ("2019-12-31", "2019-01-01")}, InvalidError),  # from after to
    ({"period": ("2019-02-30", None)}, InvalidError),
    ({"period": "2019"}, TypeError),
    ({"period": date(2019, 1, 1)}, TypeError),
    ({"period": (date(2019, 1, 1),)}, TypeError),
    ({"cohort": True}, TypeError),
    ({"cohort": "2014"}, TypeError),
])
def test_refused_filters(mem, filters, error):
    with pytest.raises(error):
        mem.cooperation_depth(**filters)


def test_refusals(case):
    db, r = case
    with pytest.raises(NotFoundError, match="no report named") as e:
        db.report("no_such_report")
    assert isinstance(e.value, KeyError)
    with pytest.raises(TypeError):
        db.report(5)
    with pytest.raises(InvalidError, match="project"):
        db.subtopic_graph()                                 # requires a project
    with pytest.raises(InvalidError, match="cohort"):
        db.project_pipeline(cohort=2014)
    with pytest.raises(TypeError, match="partner"):
        db.outcome_funnel(partner=r["project"])             # a record of another entity
    with pytest.raises(InvalidError, match="not stored"):
        db.outcome_funnel(partner=Partner(name="未保存", kind=PartnerKind.ENTERPRISE))
    with pytest.raises(NotFoundError):
        db.outcome_funnel(project=9999)
    db.close()
    with pytest.raises(MisuseError):
        db.outcome_funnel()


def test_a_report_of_a_newer_library_runs_by_name(mem):
    # Not generated as a method: Database.__getattr__ still finds it.
    run_it = type(mem).__getattr__(mem, "outcome_funnel")
    assert run_it() == mem.outcome_funnel()
    with pytest.raises(AttributeError):
        mem.no_such_report


# ---- tables ----------------------------------------------------------------------------------

def test_table_survives_close(case):
    db, r = case
    funnel, depth = db.outcome_funnel(), db.cooperation_depth()
    db.close()
    gc.collect()
    assert funnel[0].patents_filed == 10 and depth[0].name == FIRM
    assert "outcome_funnel: 1 row x 15 columns" in repr(funnel)
    assert str(depth).splitlines()[2].split()[1] == FIRM
    copy = pickle.loads(pickle.dumps(depth))
    assert copy == depth and copy.types == depth.types and copy.name == "cooperation_depth"
    assert copy[0].level == "co_creation"


def test_table_shape(case):
    db, r = case
    t = db.guidance_hours()
    assert len(t) == 6 and [row.name for row in t] == t.column("name") == HOURS_NAMES
    assert t[0][1] == t[0].name and t[-1].evaluation_score is None
    assert t.types[t.columns.index("hours")] is ColumnType.REAL
    text = str(t).splitlines()
    assert text[0].split()[:3] == ["supervisor", "name", "kind"] and len(text) == 8
    with pytest.raises(ValueError):
        Table(("a", "b"), [], types=(ColumnType.INT,))


def test_to_pandas_dtypes(case):
    pd = pytest.importorskip("pandas")
    db, r = case
    df = db.guidance_hours().to_pandas()
    assert isinstance(df, pd.DataFrame) and df.attrs["name"] == "guidance_hours"
    assert list(df.columns) == list(db.guidance_hours().columns)
    assert str(df["sessions"].dtype) == "Int64" and str(df["supervisor"].dtype) == "Int64"
    assert str(df["hours"].dtype) == "float64" and df["hours_per_student"].isna().tolist() == [
        True, False, False, False, False, False]
    assert df["name"].dtype == object and df["name"].tolist() == HOURS_NAMES
    idle = db.idle_platforms(period=("2015-07-01", "2015-12-31")).to_pandas()
    assert str(idle["established_on"].dtype) == "datetime64[ns]"
    assert idle["last_used"].dt.date.tolist() == [date(2018, 6, 30)]
    graph = db.subtopic_graph(project=r["project"]).to_pandas()
    assert str(graph["critical"].dtype) == "boolean"
    assert graph["critical"].tolist() == [True, True, False, True, False]
    assert graph["depends_on"].isna().tolist() == [True, False, True, False, False]
    funnel = db.outcome_funnel(cohort=2019).to_pandas()
    assert pd.isna(funnel.loc[0, "grant_rate"]) and funnel.loc[0, "patents_filed"] == 0
    # An empty table keeps its dtypes.
    empty = db.students_lacking_supervisor(cohort=2019).to_pandas()  # nobody of that cohort
    assert len(empty) == 0 and str(empty["cohort"].dtype) == "Int64"
    assert db.idle_platforms().to_pandas()["last_used"].dtype.kind == "M"


def test_pandas_is_imported_only_by_to_pandas(case_path):
    pytest.importorskip("pandas")
    script = f"""
import sys
import coopedu
with coopedu.open({str(case_path)!r}, readonly=True) as db:
    tables = [db.report(i.name, **({{"project": 1}} if i.name == "subtopic_graph" else {{}}))
              for i in coopedu.reports()]
for t in tables:
    str(t), repr(t), len(t), list(t), t.columns, t.types
assert "pandas" not in sys.modules, "imported too early"
df = tables[0].to_pandas()
assert "pandas" in sys.modules and len(df) == 1
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env=dict(os.environ))
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stdout + proc.stderr


# ---- stubs and docs -----------------------------------------------------------------------------

def test_methods_stubs_and_docs(mem):
    assert set(REPORT_METHODS) == set(NAMES)
    assert REPORT_METHODS["destinations"] == "destinations_report"
    for name, method in REPORT_METHODS.items():
        assert method == name or name == "destinations", "only a clash renames"
        doc = getattr(coopedu.Database, method).__doc__
        assert f'db.report("{name}"' in doc and "Columns (NULL is None):" in doc
    assert "Period: filing" in coopedu.Database.outcome_funnel.__doc__
    assert "InvalidError" in coopedu.Database.report.__doc__
    stub = (Path(coopedu.__file__).parent / "_reports.pyi").read_text(encoding="utf-8")
    compile(stub, "_reports.pyi", "exec")
    assert "    def outcome_funnel(self, *, period: tuple[_DateLike, _DateLike] | None" in stub
    assert "partner: Partner | int | None = ..." in stub and ") -> Table:" in stub
    assert coopedu.reports.__doc__ and coopedu.ReportInfo.__doc__


# ---- capi -----------------------------------------------------------------------------------

def test_capi_tables(case):
    db, r = case
    t = capi.ce_report_run(db._handle(), "outcome_funnel", None)
    assert capi.ce_table_name(t) == "outcome_funnel" and capi.ce_table_row_count(t) == 1
    col = capi.ce_table_column_index(t, "grant_rate")
    assert capi.ce_table_column_type(t, col) == capi.CE_TYPE_REAL
    assert capi.ce_table_get_real(t, 0, col) == 0.4 and capi.ce_table_is_null(t, 0, col) == 0
    assert capi.ce_table_get_int(t, 0, 0) == 10
    with pytest.raises(NotFoundError):
        capi.ce_table_column_index(t, "nope")
    with pytest.raises(InvalidError):
        capi.ce_table_get_int(t, 5, 0)
    capi.ce_table_free(t)
    capi.ce_table_free(t)                       # twice is harmless
    with pytest.raises(MisuseError):
        capi.ce_table_row_count(t)
    f = capi.ce_report_filter()
    capi.ce_report_filter_init(f, capi.CE_REPORT_FILTER_VERSION)
    f.from_, f.cohort = 20191001, 0
    t2 = capi.ce_report_outcome_funnel(db._handle(), f)
    assert capi.coopedu_table_data(t2)[3][0][0] == 4  # filed from October 2019
    del t2
    gc.collect()                                # the garbage collector frees it
    f.version = 99
    with pytest.raises(InvalidError, match="version"):
        capi.ce_report_outcome_funnel(db._handle(), f)
