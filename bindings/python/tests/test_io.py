"""Import and export from Python (io.h): JSON, CSV and Excel through paths
and file objects, all or nothing, the package's exceptions."""

from __future__ import annotations

import io
import json

import pytest

import coopedu
from coopedu import (ExistsError, InvalidError, MisuseError, NotFoundError, Partner, PartnerKind,
                     Student, StudentLevel)


def fill(db):
    db.add(Partner(name="山东某航空材料有限公司", kind=PartnerKind.ENTERPRISE, sector="=制造业"))
    db.add(Partner(name="某大学", kind=PartnerKind.UNIVERSITY))
    db.add(Student(number="2014210301", name="赵磊", level=StudentLevel.ACADEMIC_MASTER,
                   cohort=2014, status_date="2014-09-01"))


def counts(db):
    return {cls.entity(): db.count(cls) for cls in coopedu.entity_classes()}


def test_json_round_trip_through_paths_and_files(db, tmp_path):
    fill(db)
    db.export_json(tmp_path / "a.json")
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    assert json.loads(text)["format"] == "coopedu"
    as_text, as_bytes = io.StringIO(), io.BytesIO()
    db.export_json(as_text)
    db.export_json(as_bytes)
    assert as_text.getvalue() == text and as_bytes.getvalue().decode("utf-8") == text
    assert json.loads(text)["partner"][0]["name"] == "山东某航空材料有限公司"
    for src in (tmp_path / "a.json", str(tmp_path / "a.json"), io.StringIO(text),
                io.BytesIO(text.encode())):
        with coopedu.open("memory:") as copy:
            copy.import_json(src)
            out = io.StringIO()
            copy.export_json(out)
            assert out.getvalue() == text


def test_failed_import_leaves_the_store_unchanged(db, tmp_path):
    fill(db)
    before = counts(db)
    doc = {"format": "coopedu", "version": 1,
           "partner": [{"id": 1, "name": "新公司", "kind": "enterprise"},
                       {"id": 2, "name": "坏公司", "kind": "no_such_kind"}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidError) as e:
        db.import_json(path)
    assert "bad.json" in str(e.value) and "partner[1].kind" in str(e.value)
    assert counts(db) == before
    assert [p.name for p in db.partners(name="新公司")] == []
    # the same document named in messages by the file object's name
    with pytest.raises(InvalidError) as e:
        db.import_json(io.StringIO(json.dumps(doc)))
    assert counts(db) == before
    # re-importing what is there fails on the first duplicate, changing nothing
    good = tmp_path / "good.json"
    db.export_json(good)
    with pytest.raises(ExistsError):
        db.import_json(good)
    assert counts(db) == before


def test_import_is_its_own_transaction(db, tmp_path):
    fill(db)
    db.export_json(tmp_path / "a.json")
    with coopedu.open("memory:") as copy:
        copy.begin()
        with pytest.raises(MisuseError):
            copy.import_json(tmp_path / "a.json")
        copy.rollback()
        copy.import_json(tmp_path / "a.json")
        assert copy.count("student") == 1


def test_csv_directory_files_and_file_objects(db, tmp_path):
    fill(db)
    db.export_csv(tmp_path / "csv")
    files = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert len(files) == len(coopedu.entity_classes()) and "partner.csv" in files
    reference = io.StringIO()
    db.export_json(reference)
    with coopedu.open("memory:") as copy:
        copy.import_csv(tmp_path / "csv")
        out = io.StringIO()
        copy.export_json(out)
        assert out.getvalue() == reference.getvalue()
    # named files, in any order; a mapping; one file object with entity=
    with coopedu.open("memory:") as copy:
        copy.import_csv([tmp_path / "csv" / "student.csv", tmp_path / "csv" / "partner.csv"])
        assert copy.count("partner") == 2 and copy.count("student") == 1
    with coopedu.open("memory:") as copy:
        copy.import_csv({"partner": tmp_path / "csv" / "partner.csv"})
        assert copy.count("partner") == 2
    one = io.StringIO()
    db.export_csv(one, "partner")
    assert one.getvalue().startswith("id,name,kind,sector,region,ownership,credit_code\r\n")
    assert "'=制造业" in one.getvalue()  # defused for spreadsheets
    with coopedu.open("memory:") as copy:
        copy.import_csv(io.StringIO(one.getvalue()), entity=Partner)
        assert copy.partners(name="山东某航空材料有限公司").first().sector == "=制造业"


def test_csv_labels_and_options(db, tmp_path):
    fill(db)
    zh, raw = io.StringIO(), io.BytesIO()
    db.export_csv(zh, "student", labels="zh")
    assert zh.getvalue().startswith("序号,学号,姓名,培养层次,年级,专业,状态,状态日期,状态历程\r\n")
    db.export_csv(raw, "partner", raw=True, bom=True)
    assert raw.getvalue().startswith(b"\xef\xbb\xbfid,") and b",=\xe5" in raw.getvalue()
    with coopedu.open("memory:") as copy:  # Chinese headers read back
        copy.import_csv(io.StringIO(zh.getvalue()), entity="student")
        assert copy.students.first().name == "赵磊"
    assert coopedu.header_label("student", "number") == "学号"
    assert coopedu.header_label("student", None) == "序号"
    assert coopedu.header_label("student", "status", history=True, lang="en") == "status_history"
    with pytest.raises(InvalidError):
        db.export_csv(io.StringIO(), "student", labels="fr")
    with pytest.raises(InvalidError):
        coopedu.header_label("student", "name", history=True)


def test_csv_refusals_change_nothing(db, tmp_path):
    fill(db)
    before = counts(db)
    bad = tmp_path / "partner.csv"
    bad.write_text("name,kind\r\n新公司,enterprise\r\n某大学,university\r\n", encoding="utf-8")
    with pytest.raises(ExistsError) as e:
        db.import_csv(bad)
    assert "partner.csv" in str(e.value)
    assert counts(db) == before
    odd = tmp_path / "notes.csv"
    odd.write_text("name\r\n", encoding="utf-8")
    with pytest.raises(InvalidError):
        db.import_csv(odd)  # not named after an entity, and no entity=
    with pytest.raises(TypeError):
        db.import_csv(io.StringIO("name,kind\r\n"))  # a file object needs entity=
    with pytest.raises(NotFoundError):
        db.import_csv(tmp_path / "nowhere")
    assert counts(db) == before


def test_xlsx(db, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    fill(db)
    db.export_xlsx(tmp_path / "office.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "office.xlsx")
    assert wb.sheetnames[0] == "partner" and "outcome_funnel" in wb.sheetnames
    rows = list(wb["student"].iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "number", "name") and rows[1][1:3] == ("2014210301", "赵磊")
    assert rows[1][list(rows[0]).index("cohort")] == 2014
    db.export_xlsx(str(tmp_path / "zh.xlsx"), labels="zh")
    zh = openpyxl.load_workbook(tmp_path / "zh.xlsx")
    assert "学生" in zh.sheetnames and zh["学生"]["B1"].value == "学号"
    with pytest.raises(InvalidError):
        db.export_xlsx("-")
    with pytest.raises(TypeError):
        db.export_xlsx(io.BytesIO())  # type: ignore[arg-type]


def test_a_failing_sink_stops_the_export(db):
    fill(db)

    class Full(io.StringIO):
        def write(self, s):
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        db.export_json(Full())


def test_closed_database(tmp_path):
    db = coopedu.open("memory:")
    db.close()
    with pytest.raises(MisuseError):
        db.export_json(tmp_path / "x.json")
    with pytest.raises(MisuseError):
        db.import_csv(tmp_path)


def test_update_import_and_counts(db, tmp_path):
    fill(db)
    db.export_csv(tmp_path / "csv")
    with coopedu.open("memory:") as copy:
        assert copy.import_csv(tmp_path / "csv").created == 3
    path = tmp_path / "csv" / "student.csv"
    text = path.read_text(encoding="utf-8").replace("赵磊", "赵雷")
    done = db.import_csv(io.StringIO(text), entity="student", update=True)
    assert done == coopedu.ImportCounts(created=0, updated=1, unchanged=0)
    assert db.students.first().name == "赵雷"
    again = db.import_csv(io.StringIO(text), entity="student", update=True)
    assert again.unchanged == 1 and again.updated == 0 and again.created == 0
    with coopedu.open("memory:") as copy:
        got = copy.import_json(io.StringIO(_export(db)))
        assert got.created == sum(counts(db).values()) and got.updated == 0


def _export(db):
    out = io.StringIO()
    db.export_json(out)
    return out.getvalue()
