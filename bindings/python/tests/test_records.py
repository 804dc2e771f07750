"""Records: attributes, Python types, enums, repr, equality, copies."""

from __future__ import annotations

import copy
import enum
import pickle
from datetime import date, datetime

import pytest

import coopedu
from coopedu import (
    Agreement, InvalidError, Outcome, OutcomeKind, Ownership, Partner, PartnerKind, Project,
    ProjectPartner, ProjectRole, Scope, Supervisor, SupervisorKind,
)


def test_keyword_construction_and_attributes():
    p = Partner(name="齐鲁工业大学", kind=PartnerKind.UNIVERSITY, region="山东省济南市")
    assert p.id is None
    assert (p.name, p.kind, p.region, p.sector) == ("齐鲁工业大学", PartnerKind.UNIVERSITY,
                                                    "山东省济南市", None)
    p.sector = "高等教育"
    assert p.sector == "高等教育"
    with pytest.raises(TypeError, match="unexpected keyword argument 'nmae'"):
        Partner(nmae="typo")
    with pytest.raises(AttributeError):
        p.nmae = "typo"
    with pytest.raises(AttributeError):
        p.id = 5


def test_enums_are_int_enums_named_by_tokens():
    assert issubclass(PartnerKind, enum.IntEnum)
    assert PartnerKind.ENTERPRISE == 2 and PartnerKind.ENTERPRISE.token == "enterprise"
    assert PartnerKind("enterprise") is PartnerKind.ENTERPRISE
    assert str(PartnerKind.ENTERPRISE) == "enterprise" and f"{PartnerKind.ENTERPRISE:>11}" == " enterprise"
    assert Partner(kind="enterprise").kind is PartnerKind.ENTERPRISE
    assert Partner(kind=2).kind is PartnerKind.ENTERPRISE
    with pytest.raises(InvalidError, match="not one of university, enterprise"):
        Partner(kind=99)
    with pytest.raises(InvalidError):
        Partner(kind="startup")
    with pytest.raises(TypeError):
        Partner(kind=Ownership.PRIVATE)  # another enum


def test_flags_are_int_flags():
    assert issubclass(Scope, enum.IntFlag)
    a = Agreement(scopes={"joint_laboratory", Scope.JOINT_PROJECT})
    assert a.scopes == Scope.JOINT_LABORATORY | Scope.JOINT_PROJECT
    assert str(a.scopes) == "joint_laboratory|joint_project"
    assert a.scopes.tokens == ["joint_laboratory", "joint_project"]
    assert Agreement(scopes="consulting").scopes is Scope.CONSULTING
    assert Agreement(scopes=0b11).scopes == Scope.INTERNSHIP_HOSTING | Scope.JOINT_TRAINING_BASE
    with pytest.raises(InvalidError):
        Agreement(scopes=["no_such_scope"])


def test_dates_are_datetime_dates():
    p = Project(start_date=date(2019, 1, 1), end_date="2021-12-31")
    assert p.end_date == date(2021, 12, 31)
    with pytest.raises(TypeError, match="datetime"):
        Project(start_date=datetime(2019, 1, 1, 12, 0))
    with pytest.raises(InvalidError):
        Project(start_date="2019-02-30")
    with pytest.raises(TypeError):
        Project(start_date=20190101)


def test_numbers_refs_and_bools():
    p = Project(budget=500_000_000)
    assert p.budget == 500_000_000 and type(p.budget) is int
    with pytest.raises(TypeError):
        Project(budget=1.5)  # money is integer minor units
    with pytest.raises(InvalidError, match="64 bits"):
        Project(budget=1 << 64)
    s = Supervisor(kind=SupervisorKind.ENTERPRISE, industry_experience=1)
    assert s.industry_experience is True
    with pytest.raises(InvalidError):
        Supervisor(industry_experience=2)
    unsaved = Partner(name="x", kind=PartnerKind.ENTERPRISE)
    with pytest.raises(InvalidError, match="not stored"):
        ProjectPartner(partner=unsaved)
    with pytest.raises(TypeError, match="points at a partner"):
        ProjectPartner(partner=Project(code="x"))


def test_stored_values_have_python_types(case):
    db, r = case
    project = db.projects.get(r["project"].id)
    assert isinstance(project.start_date, date) and isinstance(project.stage, coopedu.ProjectStage)
    assert isinstance(project.budget, int) and isinstance(project.principal_investigator, int)
    engineer = db.supervisors[r["engineer"].id]
    assert engineer.industry_experience is True and r["prof"].industry_experience is False
    # separate facts: the professor who founded a firm, the engineer who did not
    founder = db.supervisors(staff_number="T2001").one()
    assert founder.industry_experience is True and founder.entrepreneurship_experience is True
    assert engineer.entrepreneurship_experience is False
    assert isinstance(db.evaluations[r["evaluation"].id].score, float)
    link = db.project_partners[r["lead"].id]
    assert link.project == r["project"].id and link.role is ProjectRole.CO_APPLICANT


def test_repr_and_to_dict():
    p = Partner(name="企业", kind=PartnerKind.ENTERPRISE, ownership=Ownership.PRIVATE)
    assert repr(p) == ("Partner(id=None, name='企业', kind=PartnerKind.ENTERPRISE, "
                       "ownership=Ownership.PRIVATE)")
    assert p.to_dict() == {"id": None, "name": "企业", "kind": PartnerKind.ENTERPRISE,
                           "sector": None, "region": None, "ownership": Ownership.PRIVATE,
                           "credit_code": None}
    assert "Scope.JOINT_LABORATORY|Scope.JOINT_PROJECT" in repr(
        Agreement(scopes=Scope.JOINT_LABORATORY | Scope.JOINT_PROJECT))


def test_equality_and_hashing():
    a = Partner(name="甲", kind=PartnerKind.UNIVERSITY)
    b = Partner(name="甲", kind=PartnerKind.UNIVERSITY)
    assert a == b and not (a != b)
    b.region = "济南"
    assert a != b
    assert a != Outcome(title="甲")
    assert a != "甲"
    with pytest.raises(TypeError):
        hash(a)


def test_copies_are_independent(case):
    db, r = case
    p = r["firm"]
    for c in (copy.copy(p), copy.deepcopy(p), pickle.loads(pickle.dumps(p)), p.replace()):
        assert c == p and c is not p
        c.region = "changed"
        assert p.region != "changed"
    unsaved = p.replace(id=None, name="山东某航空材料有限公司（分公司）")
    assert unsaved.id is None
    assert db.add(unsaved).id not in (None, p.id)


def test_add_refuses_a_stored_record(case):
    db, r = case
    with pytest.raises(coopedu.MisuseError, match="already stored"):
        db.add(r["firm"])
    with pytest.raises(TypeError):
        db.add("not a record")


def test_add_returns_the_stored_values(mem):
    o = mem.add(Outcome(kind=OutcomeKind.INVENTION_PATENT, title="专利", status_date=date(2016, 3, 1)))
    assert o.status is coopedu.OutcomeStatus.FILED  # the kind's first state, from the store
    assert o == mem.outcomes[o.id]


def test_update_and_refresh(case):
    db, r = case
    firm = r["firm"]
    firm.region = "山东省济南市"
    assert db.update(firm).region == "山东省济南市"
    stale = db.partners[firm.id]
    firm.sector = None
    db.update(firm)
    assert db.refresh(stale).sector is None
    with pytest.raises(coopedu.MisuseError):
        db.update(Partner(name="新"))
    with pytest.raises(coopedu.NotFoundError):
        db.update(Partner(id=999, name="新", kind=PartnerKind.UNIVERSITY))


def test_lifecycle_columns_move_only_by_transition(case):
    db, r = case
    project = r["sand"]
    project.stage = coopedu.ProjectStage.INDUSTRIALISATION
    with pytest.raises(coopedu.CoopEduError):
        db.update(project)
    db.refresh(project)
    db.transition(project, "stage", "industrialisation", "2021-06-01")
    assert project.stage is coopedu.ProjectStage.INDUSTRIALISATION
    moves = db.history(project, "stage")
    assert [m.to_state.token for m in moves] == ["laboratory", "pilot", "industrialisation"]
    assert moves[0].from_state is None and moves[-1].on == date(2021, 6, 1)
    assert db.history(coopedu.Project, "stage", id=project.id) == moves
    with pytest.raises(InvalidError):
        db.history(project, "title")


def test_delete_by_class_and_id(case):
    db, r = case
    db.delete(coopedu.Team, r["team"].id, cascade=True)
    assert db.teams.get(r["team"].id) is None
    with pytest.raises(coopedu.NotFoundError):
        db.delete("team", r["team"].id)
    with pytest.raises(TypeError):
        db.delete(coopedu.Team)
