"""A small version of the worked case (the aluminium-alloy project of the
Chinese case study), with at least one record of every entity. Made-up
people. Used by the tests and, written to a file, by the example test."""

from __future__ import annotations

from datetime import date

import coopedu
from coopedu import (
    Agreement, AgreementParty, BudgetLine, Destination, DestinationSector, Evaluation,
    Evaluator, Feedback, FeedbackDirection, GuidanceAttendee, GuidanceMode, GuidanceSession,
    Incident, IncidentKind, IODirection, Milestone, Outcome, OutcomeAttribution,
    OutcomeContributor, OutcomeDerivation, OutcomeKind, OutcomeStatus, Ownership, Partner,
    PartnerKind, Placement, Platform, PlatformHost, PlatformKind, PlatformLevel, PositionLevel,
    ProgressKind, ProgressReport, Project, ProjectPartner, ProjectRole, ProjectStage, Scope,
    Student, StudentLevel, Subtopic, SubtopicAssignment, SubtopicDependency, SubtopicIO,
    SubtopicKind, SubtopicSite, Supervision, SupervisionRole, Supervisor, SupervisorKind, Team,
    TeamMeeting, TeamMember, TeamRole,
)

PATENTS_FILED = 8
PATENTS_GRANTED = 4
PRODUCTS_FROM_PATENTS = 2


def build(db: coopedu.Database) -> dict[str, coopedu.Record]:
    """Fills ``db`` in one transaction; returns the records by a short name."""
    r: dict[str, coopedu.Record] = {}
    with db.transaction():
        r["school"] = db.add(Partner(name="齐鲁工业大学", kind=PartnerKind.UNIVERSITY,
                                     region="山东省济南市"))
        r["firm"] = db.add(Partner(name="山东某航空材料有限公司", kind=PartnerKind.ENTERPRISE,
                                   sector="有色金属冶炼", ownership=Ownership.PRIVATE))
        r["agreement"] = db.add(Agreement(
            title="校企联合培养研究生协议", scopes=Scope.JOINT_TRAINING_BASE | Scope.JOINT_PROJECT,
            signed_on=date(2015, 3, 1), start_date=date(2015, 3, 1), end_date=date(2025, 2, 28),
            conduct_terms="遵守企业安全生产规定"))
        r["party"] = db.add(AgreementParty(agreement=r["agreement"], partner=r["firm"]))
        r["platform"] = db.add(Platform(name="先进材料联合实验室", kind=PlatformKind.JOINT_LABORATORY,
                                        level=PlatformLevel.PROVINCIAL, capacity=20,
                                        established_on=date(2015, 6, 1), agreement=r["agreement"]))
        r["host"] = db.add(PlatformHost(platform=r["platform"], partner=r["firm"]))
        r["prof"] = db.add(Supervisor(name="王建国", kind=SupervisorKind.ACADEMIC,
                                      staff_number="T1001", affiliation=r["school"], title="教授",
                                      field="铝合金材料"))
        r["engineer"] = db.add(Supervisor(name="张工", kind=SupervisorKind.ENTERPRISE,
                                          affiliation=r["firm"], title="高级工程师",
                                          industry_experience=True))
        r["project"] = db.add(Project(
            code="201901022063", title="通用航空发动机用高强高韧铝合金",
            funding_scheme="山东省重大科技创新工程", budget=500_000_000, currency="CNY",
            start_date=date(2019, 1, 1), end_date=date(2021, 12, 31),
            principal_investigator=r["prof"], agreement=r["agreement"]))
        r["lead"] = db.add(ProjectPartner(project=r["project"], partner=r["firm"],
                                          role=ProjectRole.CO_APPLICANT))
        r["theory"] = db.add(Subtopic(project=r["project"], title="高强铝合金热处理机理",
                                      kind=SubtopicKind.THEORETICAL, site=SubtopicSite.UNIVERSITY,
                                      planned_days=180, status_date=date(2019, 3, 1)))
        r["applied"] = db.add(Subtopic(project=r["project"], title="铝合金铸件试制",
                                       kind=SubtopicKind.APPLIED, site=SubtopicSite.PLATFORM,
                                       platform=r["platform"], partner=r["firm"],
                                       planned_days=240, status_date=date(2019, 3, 1)))
        r["io"] = db.add(SubtopicIO(subtopic=r["applied"], direction=IODirection.INPUT,
                                    description="热处理工艺参数"))
        r["dependency"] = db.add(SubtopicDependency(subtopic=r["applied"], depends_on=r["theory"]))
        r["milestone"] = db.add(Milestone(subtopic=r["applied"], title="完成中期检查",
                                          due_date=date(2020, 6, 30), done_date=date(2020, 7, 2)))
        r["budget"] = db.add(BudgetLine(subtopic=r["applied"], category="材料费",
                                        planned=2_000_000, actual=1_850_000, currency="CNY"))
        r["student"] = db.add(Student(number="2014010203", name="李明",
                                      level=StudentLevel.ACADEMIC_MASTER, cohort=2014,
                                      major="材料工程", status_date=date(2014, 9, 1)))
        r["undergrad"] = db.add(Student(number="2016020101", name="赵小红",
                                        level=StudentLevel.UNDERGRADUATE, cohort=2016,
                                        status_date=date(2016, 9, 1)))
        r["assignment"] = db.add(SubtopicAssignment(subtopic=r["applied"], student=r["student"],
                                                    start_date=date(2019, 3, 1)))
        r["team"] = db.add(Team(name="高性能铝合金导师团队", discipline="材料科学与工程",
                                established_on=date(2016, 9, 1)))
        r["member"] = db.add(TeamMember(team=r["team"], supervisor=r["prof"], role=TeamRole.MAIN))
        r["meeting"] = db.add(TeamMeeting(team=r["team"], held_on=date(2019, 5, 10),
                                          duration_minutes=90, topic="中期进展汇报"))
        r["supervision"] = db.add(Supervision(student=r["student"], supervisor=r["prof"],
                                              role=SupervisionRole.MAIN,
                                              start_date=date(2014, 9, 1)))
        db.add(Supervision(student=r["student"], supervisor=r["engineer"],
                           role=SupervisionRole.ENTERPRISE, start_date=date(2015, 3, 1)))
        r["session"] = db.add(GuidanceSession(held_on=date(2019, 4, 2), duration_minutes=120,
                                              mode=GuidanceMode.ENTERPRISE_SITE,
                                              subtopic=r["applied"], notes="讨论热处理曲线"))
        r["attendee"] = db.add(GuidanceAttendee(session=r["session"], supervisor=r["engineer"]))
        db.add(GuidanceAttendee(session=r["session"], student=r["student"]))
        r["evaluation"] = db.add(Evaluation(supervisor=r["engineer"],
                                            period_start=date(2019, 1, 1),
                                            period_end=date(2019, 12, 31),
                                            evaluator=Evaluator.STUDENT, criterion="指导时间投入",
                                            score=86.5))
        r["report"] = db.add(ProgressReport(student=r["student"], subtopic=r["applied"],
                                            kind=ProgressKind.MID_TERM,
                                            submitted_on=date(2020, 7, 1), summary="试制合格"))
        r["placement"] = db.add(Placement(student=r["student"], host=r["firm"],
                                          platform=r["platform"], agreement=r["agreement"],
                                          start_date=date(2019, 7, 1), end_date=date(2019, 12, 31),
                                          position="工艺实习生", mentor=r["engineer"],
                                          academic_supervisor=r["prof"]))
        r["incident"] = db.add(Incident(placement=r["placement"], occurred_on=date(2019, 8, 5),
                                        kind=IncidentKind.ABSENCE_WITHOUT_LEAVE,
                                        description="未请假离岗一天", resolved_on=date(2019, 8, 6)))
        r["feedback"] = db.add(Feedback(placement=r["placement"],
                                        direction=FeedbackDirection.ENTERPRISE_TO_SCHOOL,
                                        given_on=date(2019, 9, 1), score=90.0, comment="表现良好"))
        patents = []
        for n in range(PATENTS_FILED):
            patents.append(db.add(Outcome(kind=OutcomeKind.INVENTION_PATENT,
                                          title=f"一种高强高韧铝合金的制备方法（{n + 1}）",
                                          patent_number=f"CN2016101234{n:02d}.7",
                                          status_date=date(2016, 3, 1 + n))))
        for n, p in enumerate(patents[:PATENTS_GRANTED]):
            db.transition(p, "status", OutcomeStatus.PUBLISHED, date(2017, 1, 10))
            db.transition(p, "status", OutcomeStatus.GRANTED, date(2018, 5, 1 + n))
        r["patent"] = patents[0]
        for n, p in enumerate(patents[:PRODUCTS_FROM_PATENTS]):
            product = db.add(Outcome(kind=OutcomeKind.PRODUCT, title=f"高强铝合金铸件 {n + 1} 型",
                                     status_date=date(2019, 6, 1)))
            d = db.add(OutcomeDerivation(outcome=product, from_outcome=p))
        r["derivation"] = d
        r["contributor"] = db.add(OutcomeContributor(outcome=patents[0], position=1,
                                                     student=r["student"]))
        db.add(OutcomeContributor(outcome=patents[0], position=2, supervisor=r["prof"]))
        r["attribution"] = db.add(OutcomeAttribution(outcome=patents[0], project=r["project"]))
        paper = db.add(Outcome(kind=OutcomeKind.PAPER, title="高强铝合金时效行为研究",
                               doi="10.1000/alloy.2019.1", status_date=date(2019, 2, 1)))
        db.transition(paper, "status", OutcomeStatus.ACCEPTED, date(2019, 6, 1))
        db.add(Outcome(kind=OutcomeKind.PAPER, title="覆膜砂回收工艺", status_date=date(2019, 3, 1)))
        r["paper"] = paper
        spin = db.add(Outcome(kind=OutcomeKind.ENTREPRENEURSHIP_PROJECT,
                              title="3D打印覆膜砂回收利用创业训练项目",
                              status_date=date(2017, 4, 1)))
        db.add(OutcomeDerivation(outcome=spin, from_subtopic=r["applied"]))
        r["spin_off"] = spin
        r["destination"] = db.add(Destination(student=r["student"], started_on=date(2017, 7, 1),
                                              employer=r["firm"],
                                              sector=DestinationSector.PRIVATE_ENTERPRISE,
                                              position_level=PositionLevel.TECHNICAL,
                                              position="工艺工程师"))
        db.transition(r["project"], "stage", ProjectStage.PILOT, date(2020, 6, 1))
    for rec in r.values():
        db.refresh(rec)
    return r
