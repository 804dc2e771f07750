"""examples/python/funnel.py on the case study, and on the demo database
when the demo program is built (COOPEDU_DEMO)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(os.environ.get("COOPEDU_SOURCE_DIR", Path(__file__).resolve().parents[3]))
FUNNEL = SOURCE / "examples" / "python" / "funnel.py"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def run_funnel(db: Path, png: Path, *args: str) -> str:
    proc = subprocess.run([sys.executable, str(FUNNEL), str(db), "-o", str(png), *args],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert png.read_bytes()[:8] == PNG_MAGIC
    return proc.stdout


def counts(out: str) -> dict[str, tuple[int, str]]:
    rows = {}
    for line in out.splitlines():
        m = re.match(r"(\S.*?)\s{2,}(\d+)\s*(.*)$", line)
        if m:
            rows[m.group(1)] = (int(m.group(2)), m.group(3))
    return rows


def test_funnel_on_the_case_study(case_path, tmp_path):
    pytest.importorskip("matplotlib")
    rows = counts(run_funnel(case_path, tmp_path / "funnel.png"))
    assert rows["invention patents filed"][0] == 10
    assert rows["invention patents granted"] == (4, "40% of filed; median 838 days to grant")
    assert rows["invention patents pending"][0] == 5
    assert rows["invention patents productised"][0] == 3
    assert "papers submitted" not in rows and "papers accepted" not in rows
    assert rows["papers published"][0] == 4
    assert rows["spin-off projects"] == (1, "grew out of graduate work")


def test_funnel_for_a_period(case_path, tmp_path):
    pytest.importorskip("matplotlib")
    out = run_funnel(case_path, tmp_path / "funnel.png", "--from", "2019-10-01")
    rows = counts(out)
    assert rows["invention patents filed"][0] == rows["invention patents pending"][0] == 4
    assert rows["invention patents granted"] == (0, "0% of filed")
    proc = subprocess.run([sys.executable, str(FUNNEL), str(case_path), "--from", "2016-02-30"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "not a YYYY-MM-DD date" in proc.stderr


def test_funnel_without_a_database(tmp_path):
    proc = subprocess.run([sys.executable, str(FUNNEL), str(tmp_path / "none.db")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "make demo" in proc.stderr


def test_funnel_on_the_demo(tmp_path):
    demo = os.environ.get("COOPEDU_DEMO")
    if not demo or not os.access(demo, os.X_OK):
        pytest.skip("the demo program is not built")
    pytest.importorskip("matplotlib")
    db = tmp_path / "demo.db"
    subprocess.run([demo, str(db)], check=True, capture_output=True, timeout=120)
    rows = counts(run_funnel(db, tmp_path / "funnel.png"))
    assert rows["invention patents filed"][0] >= rows["invention patents granted"][0] > 0
