"""Tables built by hand and from queries (reports: test_reports.py)."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from coopedu import ColumnType, OutcomeStatus, Table


def width(text):
    return sum(2 if "\u4e00" <= c <= "\u9fff" else 1 for c in text)


def table():
    return Table(("step", "count", "since", "status"), [
        ("专利申请", 8, date(2015, 1, 1), OutcomeStatus.FILED),
        ("专利授权", 4, None, OutcomeStatus.GRANTED),
    ])


def test_rows_and_columns():
    t = table()
    assert len(t) == 2 and t.columns == ("step", "count", "since", "status")
    assert t[1].count == 4 and t[1][0] == "专利授权"
    assert t.column("count") == [8, 4]
    text = str(t).splitlines()
    assert text[0].startswith("step") and text[2].startswith("专利申请")
    # CJK is two cells wide: the next column starts in the same screen cell.
    assert text[0].index("count") == width(text[2][:text[2].index("8")])
    assert "2 rows x 4 columns" in repr(t)


def test_pandas_only_when_asked(monkeypatch):
    monkeypatch.delitem(sys.modules, "pandas", raising=False)
    t = table()
    str(t)
    assert "pandas" not in sys.modules
    pd = pytest.importorskip("pandas")
    df = t.to_pandas()
    assert list(df.columns) == list(t.columns)
    assert list(df["status"].astype(str)) == ["filed", "granted"]
    assert df["since"].isna().tolist() == [False, True]
    assert df["count"].sum() == 12 and isinstance(df, pd.DataFrame)


def test_query_tables_are_typed(case):
    db, _ = case
    table = db.projects().to_table()
    assert table.name == "project" and table.types[0] is ColumnType.INT
    assert table.types[table.columns.index("start_date")] is ColumnType.DATE
    assert table.types[table.columns.index("principal_investigator")] is ColumnType.REF
    assert repr(table).startswith("<Table project: 3 rows x ")  # alloy, programme, sand
    assert table.types[table.columns.index("parent")] is ColumnType.REF
    pytest.importorskip("pandas")
    df = db.projects().to_pandas()
    assert str(df["principal_investigator"].dtype) == "Int64"
    assert str(df["budget"].dtype) == "Int64" and str(df["stage"].dtype) == "category"
