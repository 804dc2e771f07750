"""The bulk path: db.add_all() and db.import_frame() insert through C in
one transaction, all or nothing, under the library's rules."""

from __future__ import annotations

import datetime

import pytest

import coopedu
from coopedu import (ExistsError, InvalidError, MisuseError, Partner, PartnerKind, Project,
                     Student, StudentLevel, StudentStatus)


def students(n, start=0):
    return [(f"S{i:06d}", f"学生{i}", "doctoral" if i % 2 else StudentLevel.ACADEMIC_MASTER,
             2014 + i % 5, "材料工程" if i % 3 else None, datetime.date(2014, 9, 1))
            for i in range(start, start + n)]


COLUMNS = ("number", "name", "level", "cohort", "major", "status_date")


def test_add_all_records_dicts_and_tuples(db):
    a = Partner(name="甲公司", kind=PartnerKind.ENTERPRISE)
    ids = db.add_all([a, {"name": "乙大学", "kind": "university", "region": "山东"},
                      ("丙", PartnerKind.GOVERNMENT)], entity="partner", columns=("name", "kind"))
    assert ids == sorted(ids) and len(ids) == 3
    assert a.id == ids[0]
    got = {p.name: p for p in db.partners}
    assert got["乙大学"].kind is PartnerKind.UNIVERSITY and got["乙大学"].region == "山东"
    assert got["丙"].region is None  # a tuple row after a dict row leaves the rest unset
    # records alone need no entity; a generator works (no ids set on it)
    gen = (Partner(name=f"公司{i}", kind=PartnerKind.ENTERPRISE) for i in range(3))
    assert len(db.add_all(gen)) == 3
    assert db.count(Partner) == 6
    assert db.add_all([]) == []


def test_values_as_the_record_classes_hold_them(db):
    ids = db.add_all(students(4), Student, columns=COLUMNS)
    s = db.get(Student, ids[1])
    assert s.number == "S000001" and s.level is StudentLevel.DOCTORAL
    assert s.status is StudentStatus.ENROLLED and s.status_date == datetime.date(2014, 9, 1)
    assert db.get(Student, ids[0]).major is None
    # a date as text, a stored record for a reference
    p = db.add(Partner(name="甲公司", kind=PartnerKind.ENTERPRISE))
    [pid] = db.add_all([{"code": "P1", "title": "项目", "start_date": "2019-01-01",
                         "status_date": "2019-01-01", "stage_date": "2019-01-01"}], Project)
    assert db.get(Project, pid).start_date == datetime.date(2019, 1, 1)
    db.add_all([(pid, p, "lead")], "project_partner", columns=("project", "partner", "role"))
    assert db.count("project_partner") == 1
    student = db.students.first()
    with pytest.raises(TypeError, match="points at a partner, not a student"):
        db.add_all([(pid, student, "funder")], "project_partner",
                   columns=("project", "partner", "role"))
    with pytest.raises(InvalidError, match="not stored yet"):
        db.add_all([(pid, Partner(name="新", kind=PartnerKind.ENTERPRISE), "funder")],
                   "project_partner", columns=("project", "partner", "role"))
    assert db.count("project_partner") == 1


def test_all_or_nothing(db):
    db.add_all(students(3), Student, columns=COLUMNS)
    rows = students(5, start=10) + students(1, start=1)  # the last is a duplicate number
    with pytest.raises(ExistsError) as e:
        db.add_all(rows, Student, columns=COLUMNS)
    assert "row 5" in str(e.value)
    assert db.count(Student) == 3 and not db.in_transaction
    bad = students(2, start=20) + [("S9", "某", "no_such_level", 2014, None, datetime.date(2014, 9, 1))]
    with pytest.raises(InvalidError, match="level"):
        db.add_all(bad, Student, columns=COLUMNS)
    with pytest.raises(TypeError, match="cohort"):
        db.add_all([("S9", "某", "doctoral", "2014", None, "2014-09-01")], Student, columns=COLUMNS)
    with pytest.raises(ValueError):
        db.add_all([("S9", "某")], Student, columns=COLUMNS)
    with pytest.raises(TypeError):
        db.add_all([{"nosuch": 1}], Student)
    with pytest.raises(TypeError):
        db.add_all([Partner(name="x", kind=PartnerKind.ENTERPRISE)], Student)
    with pytest.raises(InvalidError):
        db.add_all([], Student, columns=("nosuch",))
    stored = db.students.first()
    with pytest.raises(MisuseError):
        db.add_all([stored])
    assert db.count(Student) == 3


def test_inside_a_transaction_the_caller_decides(db):
    with pytest.raises(ExistsError):
        with db.transaction():
            db.add_all(students(2), Student, columns=COLUMNS)
            db.add_all(students(1), Student, columns=COLUMNS)
    assert db.count(Student) == 0
    with db.transaction():
        db.add_all(students(2), Student, columns=COLUMNS)
    assert db.count(Student) == 2


def test_import_frame(db):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(students(6), columns=COLUMNS)
    frame["status_date"] = pd.to_datetime(frame["status_date"])
    frame.loc[2, "status_date"] = pd.NaT  # required: refused, nothing stored
    with pytest.raises(InvalidError, match="status_date"):
        db.import_frame(frame, "student")
    assert db.count(Student) == 0
    frame.loc[2, "status_date"] = pd.Timestamp("2016-09-01")
    frame = frame.rename(columns={"name": "姓名"})  # Chinese labels name columns too
    frame["cohort"] = frame["cohort"].astype("Int64")  # nullable integers
    frame["major"] = frame["major"].astype("string")  # pandas' string dtype, pd.NA for None
    ids = db.import_frame(frame, Student)
    assert len(ids) == 6
    s = db.get(Student, ids[2])
    assert s.name == "学生2" and s.status_date == datetime.date(2016, 9, 1) and s.cohort == 2016
    assert db.get(Student, ids[0]).major is None  # None in an object column
    assert list(db.students.to_pandas()["number"]) == [f"S{i:06d}" for i in range(6)]
    with pytest.raises(InvalidError, match="no column 'id'"):
        db.import_frame(pd.DataFrame({"id": [1]}), Student)


def test_import_frame_in_batches(db, monkeypatch):
    pd = pytest.importorskip("pandas")
    from coopedu import _bulk
    monkeypatch.setattr(_bulk, "FRAME_BATCH", 7)
    frame = pd.DataFrame(students(30), columns=COLUMNS)
    frame.loc[29, "number"] = "S000000"  # in the last batch: every batch rolls back
    with pytest.raises(ExistsError):
        db.import_frame(frame, Student)
    assert db.count(Student) == 0
    frame.loc[29, "number"] = "S999999"
    assert len(db.import_frame(frame, Student)) == 30
    assert db.count(Student) == 30


def test_flags_as_tokens_and_members(db):
    from coopedu import Agreement, Scope
    row = {"title": "合作协议", "signed_on": "2019-01-01", "start_date": "2019-01-01",
           "status_date": "2019-01-01"}
    ids = db.add_all([dict(row, scopes="joint_laboratory|joint_project"),
                      dict(row, title="协议二",
                           scopes=Scope.JOINT_LABORATORY)], Agreement)
    a, b = (db.get(Agreement, i) for i in ids)
    assert a.scopes == Scope.JOINT_LABORATORY | Scope.JOINT_PROJECT
    assert b.scopes == Scope.JOINT_LABORATORY
    with pytest.raises(InvalidError, match="scopes"):
        db.add_all([dict(row, title="协议三", scopes="joint_laboratory|nosuch")], Agreement)
    assert db.count(Agreement) == 2
