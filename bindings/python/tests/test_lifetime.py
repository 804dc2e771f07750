"""Lifetimes: `with` closes, records outlive the store, any use after close
raises (never crashes), and closing frees the iterations still running."""

from __future__ import annotations

import gc
from datetime import date

import pytest

import coopedu
from coopedu import MisuseError, Partner, PartnerKind, Project


def test_with_closes(tmp_path):
    with coopedu.open(tmp_path / "school.db") as db:
        assert not db.closed and db.backend == "sqlite"
        assert db.uri.startswith("sqlite:")
    assert db.closed
    assert "closed" in repr(db)


def test_close_twice_is_harmless(mem):
    mem.close()
    mem.close()


def test_records_outlive_the_store(case):
    db, r = case
    projects = list(db.projects())
    db.close()
    assert projects[0].title == "通用航空发动机用高强高韧铝合金关键技术研究与产业化"
    assert projects[0].start_date == date(2016, 1, 1)
    assert r["firm"].name == "山东某航空材料有限公司"


CALLS = [
    ("add", lambda db: db.add(Partner(name="x", kind=PartnerKind.UNIVERSITY))),
    ("get", lambda db: db.get(Partner, 1)),
    ("getitem", lambda db: db.partners[1]),
    ("collection get", lambda db: db.partners.get(1)),
    ("create", lambda db: db.partners.create(name="x", kind=PartnerKind.UNIVERSITY)),
    ("iterate", lambda db: list(db.partners)),
    ("query", lambda db: list(db.partners(kind=PartnerKind.UNIVERSITY))),
    ("first", lambda db: db.partners().first()),
    ("count", lambda db: db.count(Partner)),
    ("len", lambda db: len(db.partners)),
    ("update", lambda db: db.update(Partner(id=1, name="x", kind=1))),
    ("refresh", lambda db: db.refresh(Partner(id=1))),
    ("delete", lambda db: db.delete(Partner, 1)),
    ("transition", lambda db: db.transition(Project(id=1), "stage", 2, date(2020, 1, 1))),
    ("history", lambda db: db.history(Project, "stage", id=1)),
    ("begin", lambda db: db.begin()),
    ("commit", lambda db: db.commit()),
    ("rollback", lambda db: db.rollback()),
    ("transaction", lambda db: db.transaction().__enter__()),
    ("in_transaction", lambda db: db.in_transaction),
    ("backend", lambda db: db.backend),
    ("with", lambda db: db.__enter__()),
]


@pytest.mark.parametrize("name,call", CALLS, ids=[c[0] for c in CALLS])
def test_every_use_after_close_raises(case, name, call):
    db, _ = case
    db.close()
    with pytest.raises(MisuseError, match="closed"):
        call(db)


def test_close_invalidates_running_iterations(case):
    db, _ = case
    outcomes = iter(db.outcomes())
    first = next(outcomes)
    partners = iter(db.partners)
    query = db.projects()
    db.close()
    assert first.title
    with pytest.raises(MisuseError, match="closed during the iteration"):
        next(outcomes)
    with pytest.raises(MisuseError):
        next(partners)
    assert list(outcomes) == []  # once refused, the cursor is finished
    with pytest.raises(MisuseError):
        iter(query)


def test_abandoned_iterations_are_freed(case):
    db, _ = case
    for _ in range(50):
        it = iter(db.outcomes())
        next(it)
    del it
    gc.collect()
    assert db._iters == {}
    it = iter(db.outcomes())
    list(it)  # exhausted: freed at once
    assert db._iters == {}


def test_an_unclosed_database_is_closed_by_the_collector(tmp_path):
    db = coopedu.open(tmp_path / "gc.db")
    it = iter(db.partners)
    db.partners.create(name="甲", kind=PartnerKind.UNIVERSITY)
    del db, it
    gc.collect()
    with coopedu.open(tmp_path / "gc.db") as again:
        assert again.partners.count() == 1


def test_cycle_of_database_and_cursor_is_collected_safely(tmp_path):
    db = coopedu.open(tmp_path / "cycle.db")
    db.partners.create(name="甲", kind=PartnerKind.UNIVERSITY)
    cursor = iter(db.partners)
    holder = [db, cursor]
    holder.append(holder)  # a reference cycle through both
    del db, cursor, holder
    gc.collect()  # finalisers run in any order: no crash, no leak


def test_open_accepts_paths_and_uris(tmp_path):
    path = tmp_path / "p.db"
    with coopedu.open(path) as a:
        a.partners.create(name="甲", kind=PartnerKind.UNIVERSITY)
    with coopedu.open(f"sqlite:{path}") as b, coopedu.open(str(path)) as c:
        assert b.partners.count() == c.partners.count() == 1
    with pytest.raises(TypeError):
        coopedu.open(42)
