"""The package as shipped: typing files, docstrings, the Python tour."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import coopedu

PACKAGE = Path(coopedu.__file__).parent
SOURCE = Path(os.environ.get("COOPEDU_SOURCE_DIR", Path(__file__).resolve().parents[3]))


def test_typing_files_are_shipped():
    assert (PACKAGE / "py.typed").exists()
    stub = (PACKAGE / "_entities.pyi").read_text(encoding="utf-8")
    assert "class Partner(Record):" in stub
    assert "kind: PartnerKind\n" in stub and "region: str | None\n" in stub
    assert "def partners(self) -> Collection[Partner]: ..." in stub
    compile(stub, "_entities.pyi", "exec")


def test_docstrings():
    assert "cooperates with" in coopedu.Partner.__doc__
    assert "e.g." in coopedu.Partner.name.__doc__
    assert "Lifecycle of a project" in coopedu.ProjectStatus.__doc__
    assert coopedu.Database.add.__doc__ and coopedu.open.__doc__
    assert "Every project record" in coopedu.Database.projects.__doc__
    for name in coopedu.__all__:
        obj = getattr(coopedu, name)
        if isinstance(obj, type) or callable(obj):
            assert obj.__doc__, name


def test_star_import_does_not_shadow_open():
    ns: dict = {}
    exec("from coopedu import *", ns)
    assert "open" not in ns and "Partner" in ns and "CoopEduError" in ns


def test_the_python_tour_runs(tmp_path):
    """Every ```python block of the README's Python tour, in order, as one
    script, so the tour cannot drift from the package."""
    text = (SOURCE / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks, "README.md has no Python tour"
    script = tmp_path / "tour.py"
    script.write_text("\n".join(blocks), encoding="utf-8")
    env = dict(os.environ, MPLBACKEND="Agg")
    proc = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
