"""Roles, the audit trail and people's rights (issue 11): coopedu.open(uri,
role=..., actor=...), DeniedError, db.audit() and its to_pandas(),
db.person_export() and db.person_anonymise(). On the worked case (E3001
mentors placements 1 and 3; E3003 placement 4, at another company; T2001 is
an academic supervisor)."""

from __future__ import annotations

import datetime
import gc
import json
import os
import uuid

import pytest

import coopedu
from coopedu import (
    AuditEntry, AuditTrail, DeniedError, Incident, IncidentKind, InvalidError, NotFoundError,
    Partner, PartnerKind, Placement, Role, Student, StudentLevel,
)

import casestudy

PG_URI = os.environ.get("COOPEDU_TEST_PG_URI")

FIRM = "山东某航空材料有限公司"
OTHER_FIRM = "山东某铸造机械有限公司"


@pytest.fixture(params=("postgresql",) if PG_URI else ("sqlite",))
def store(request, tmp_path, case_files):
    """The URI of a store holding the worked case, to open in any role
    (a memory: store cannot be opened twice)."""
    if request.param == "sqlite":
        uri = f"sqlite:{tmp_path / 'case.db'}"
        with open(case_files[0], "rb") as src, open(tmp_path / "case.db", "wb") as dst:
            dst.write(src.read())
        return uri
    uri = f"{PG_URI}{'&' if '?' in PG_URI else '?'}schema=py_{uuid.uuid4().hex[:16]}"
    with coopedu.open(uri) as db:
        casestudy.load(db, case_files[1])
    return uri


def snapshot(uri):
    """Everything a refused call must leave unchanged: counts and the trail."""
    with coopedu.open(uri) as db:
        counts = {cls._entity_name: db.count(cls) for cls in coopedu.entity_classes()}
        return counts, len(db.audit())


# ---- opening ---------------------------------------------------------------------------------

def test_open_with_roles(store):
    with coopedu.open(store) as db:
        assert db.role is Role.NONE and db.actor is None
    actor = "".join(["E", "3001"])  # a str of its own, dropped below
    with coopedu.open(store, role="mentor", actor=actor) as db:
        del actor
        gc.collect()
        assert db.role is Role.MENTOR and db.actor == "E3001"
    with coopedu.open(store, Role.OFFICE, "教务处") as db:
        assert (db.role, db.actor) == (Role.OFFICE, "教务处")
    assert str(Role.ANALYST) == "analyst" and Role("student") is Role.STUDENT
    with pytest.raises(InvalidError, match="not one of"):
        coopedu.open(store, role="boss", actor="x")
    with pytest.raises(InvalidError, match="needs an actor"):
        coopedu.open(store, role="mentor")
    with pytest.raises(InvalidError, match="needs a role"):
        coopedu.open(store, actor="E3001")
    with pytest.raises(TypeError):
        coopedu.open(store, role=3, actor="E3001")
    with pytest.raises(InvalidError, match="E9999"):
        coopedu.open(store, role="mentor", actor="E9999")
    with pytest.raises(InvalidError, match="not an enterprise supervisor"):
        coopedu.open(store, role="mentor", actor="T2001")


def test_every_c_role_has_a_member():
    names = {coopedu.capi.ce_role_name(i) for i in range(coopedu.capi.CE_ROLE_LAST + 1)}
    assert names == {r.value for r in Role}


# ---- what a role sees and changes -----------------------------------------------------------

def test_mentor_sees_and_changes_only_their_placements(store):
    before = snapshot(store)
    with coopedu.open(store, role="mentor", actor="E3001") as db:
        assert [p.id for p in db.placements()] == [1, 3]
        assert db.count(Placement) == 2
        with pytest.raises(NotFoundError):
            db.get(Placement, 4)
        with pytest.raises(NotFoundError):
            db.history(Placement, "status", 4)
        with pytest.raises(DeniedError, match="outside their scope"):
            db.add(Incident(placement=4, occurred_on="2019-08-01", kind=IncidentKind.OTHER))
        with pytest.raises(DeniedError):
            db.delete(Partner, db.partners(name=FIRM).one().id)
    assert snapshot(store) == before
    with coopedu.open(store, role="mentor", actor="E3001") as db:
        added = db.add(Incident(placement=3, occurred_on="2019-08-01", kind=IncidentKind.OTHER))
    with coopedu.open(store) as db:
        assert db.get(Incident, added.id).placement == 3


def test_analyst_sees_pseudonyms_and_writes_nothing(store):
    with coopedu.open(store) as db:
        funnel = db.outcome_funnel()
        real = {s.name for s in db.students()}
        n = db.count(Student)
    before = snapshot(store)
    with coopedu.open(store, role=Role.ANALYST, actor="统计室") as db:
        students = list(db.students())
        assert len(students) == n == db.count(Student)
        assert students[0].number == "S000001" and students[0].name == "学生1"
        assert not real & {s.name for s in students}
        assert db.outcome_funnel() == funnel
        with pytest.raises(DeniedError, match="may not create"):
            db.add(Partner(name="新单位", kind=PartnerKind.ENTERPRISE))
        firm = db.partners(name=FIRM).one()
        with pytest.raises(DeniedError, match="may not update"):
            db.update(firm.replace(region="青岛"))
        with pytest.raises(DeniedError):
            db.delete(firm, cascade=True)
        with pytest.raises(DeniedError):
            db.person_anonymise("S000001")
        with pytest.raises(DeniedError):
            db.audit()
    assert snapshot(store) == before


# ---- the audit trail --------------------------------------------------------------------------

def test_audit_has_one_entry_per_changed_record(db):
    assert db.audit() == []
    firm = db.add(Partner(name="甲", kind=PartnerKind.ENTERPRISE))
    student = db.add(Student(number="S1", name="张三", level=StudentLevel.UNDERGRADUATE, cohort=2019,
                             status_date="2019-09-01"))
    placement = db.add(Placement(student=student, host=firm, start_date="2020-07-01"))
    db.update(firm.replace(region="济南"))
    db.transition(placement, "status", "active", "2020-07-01")
    trail = db.audit()
    assert isinstance(trail, AuditTrail) and all(isinstance(e, AuditEntry) for e in trail)
    assert [(e.operation, e.entity, e.record) for e in trail] == [
        ("create", "partner", firm.id), ("create", "student", student.id),
        ("create", "placement", placement.id), ("update", "partner", firm.id),
        ("transition", "placement", placement.id)]
    assert all(e.role is Role.NONE and e.actor is None for e in trail)
    assert trail[0].changes["name"] == (None, "甲")
    assert trail[0].changes["kind"] == (None, "enterprise")
    assert trail[3].changes == {"region": (None, "济南")}
    assert trail[4].changes["status"] == ("planned", "active")
    assert [e.id for e in trail] == sorted(e.id for e in trail)
    now = datetime.datetime.now(datetime.timezone.utc)
    assert all(abs(now - e.at) < datetime.timedelta(hours=1) for e in trail)

    # Refused and rolled-back calls leave nothing.
    with pytest.raises(coopedu.ExistsError):
        db.add(Partner(name="甲", kind=PartnerKind.ENTERPRISE))
    with pytest.raises(coopedu.ConstraintError):
        db.delete(firm)
    db.begin()
    db.add(Partner(name="乙", kind=PartnerKind.ENTERPRISE))
    db.rollback()
    assert len(db.audit()) == 5

    # A cascade: the partner's deletion, and the placement's.
    db.delete(firm, cascade=True)
    new = db.audit()[5:]
    assert sorted((e.operation, e.entity) for e in new) == [("cascade", "placement"),
                                                            ("delete", "partner")]
    deleted = next(e for e in new if e.entity == "partner")
    assert deleted.changes["name"] == ("甲", None)

    # Filters.
    assert [e.operation for e in db.audit(Partner, firm.id)] == ["create", "update", "delete"]
    assert [e.operation for e in db.audit("placement")][-1] == "cascade"
    assert [e.entity for e in db.audit(record=student)] == ["student"]
    assert db.audit(actor="nobody") == []
    assert db.audit(until="2000-01-01") == []
    assert len(db.audit(since=now - datetime.timedelta(days=1))) == len(db.audit())
    with pytest.raises(InvalidError):
        db.audit(record=3)

    df = db.audit().to_pandas()
    assert df.shape == (7, 8)
    assert list(df.columns) == ["id", "at", "actor", "role", "operation", "entity", "record", "changes"]
    assert str(df["at"].dtype) == "datetime64[ns, UTC]"
    assert df["record"].dtype.name == "Int64"
    assert df["changes"].iloc[0]["name"] == (None, "甲")
    assert db.audit(actor="nobody").to_pandas().shape == (0, 8)


def test_audit_names_the_actor_and_role(store):
    with coopedu.open(store) as db:
        last = db.audit()[-1].id
    with coopedu.open(store, role="office", actor="教务处") as db:
        firm = db.partners(name=OTHER_FIRM).one()
        db.update(firm.replace(region="青岛"))
    with coopedu.open(store, role="mentor", actor="E3001") as db:
        incident = db.add(Incident(placement=3, occurred_on="2019-08-01", kind=IncidentKind.OTHER))
        with pytest.raises(DeniedError):
            db.add(Incident(placement=4, occurred_on="2019-08-01", kind=IncidentKind.OTHER))
    with coopedu.open(store, role="office", actor="教务处") as db:
        new = [e for e in db.audit() if e.id > last]
        assert [(e.actor, e.role, e.operation, e.entity, e.record) for e in new] == [
            ("教务处", Role.OFFICE, "update", "partner", firm.id),
            ("E3001", Role.MENTOR, "create", "incident", incident.id)]
        assert new[0].changes == {"region": ("山东省济南市", "青岛")}
        assert new[1].changes["placement"] == (None, 3)
        assert db.audit(actor="E3001") == [new[1]]


# ---- people's rights ------------------------------------------------------------------------

def test_person_export(store):
    with coopedu.open(store) as db:
        doc = db.person_export("2014210301")
        assert [s["number"] for s in doc["student"]] == ["2014210301"]
        assert doc["student"][0]["name"] == "赵磊"
        assert any(p["student"] == "2014210301" for p in doc["placement"])
        assert doc == db.person_export(db.students(number="2014210301").one())
        sup = db.person_export("E3003", supervisor=True)
        assert "孙涛" in json.dumps(sup, ensure_ascii=False)
        assert any(p["id"] == 4 for p in sup["placement"])
        with pytest.raises(NotFoundError):
            db.person_export("2099999999")
        with pytest.raises(NotFoundError):
            db.person_export("E3003")  # a staff number is no student number
        with pytest.raises(TypeError):
            db.person_export(db.partners(name=FIRM).one())
    with coopedu.open(store, role="mentor", actor="E3001") as db:
        assert db.person_export("2014210301")["student"][0]["number"] == "2014210301"
        with pytest.raises(NotFoundError):
            db.person_export("2018220305")  # placed at the other company


def reports(db):
    out = {}
    for name in [r.name for r in coopedu.reports()]:
        project = db.projects(code=casestudy.ALLOY_PROJECT).one() if name == "subtopic_graph" else None
        out[name] = [tuple(row) for row in db.report(name, project=project)]
    return out


def test_person_anonymise_keeps_every_report(store):
    with coopedu.open(store, role="mentor", actor="E3001") as db:
        with pytest.raises(DeniedError):
            db.person_anonymise("2014210301")
    with coopedu.open(store) as db:
        before = reports(db)
        student = db.students(number="2014210301").one()
        assert db.person_anonymise(student) is None
        assert student.number != "2014210301" and student.name != "赵磊"  # reloaded
        renamed = repr(before).replace("赵磊", student.name).replace("2014210301", student.number)
        assert repr(reports(db)) == renamed
        assert "赵磊" not in {s.name for s in db.students()}
        trail = db.audit()
        assert "赵磊" not in repr(trail) and "2014210301" not in repr(trail)
        assert trail[-1].operation == "anonymise" and trail[-1].record == student.id
        with pytest.raises(NotFoundError):
            db.person_export("2014210301")
        db.person_anonymise("E3003", supervisor=True)
        assert "孙涛" not in {s.name for s in db.supervisors()}
