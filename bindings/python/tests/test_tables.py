"""Tables, the shape analytics come back in (the C analytics are not wired
yet: see coopedu._tables)."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from coopedu import OutcomeStatus, Table


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
