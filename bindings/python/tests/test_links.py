"""Role-typed, time-bounded links, team meeting attendance, background IP
and the graduate-only destination, on the worked case in every backend."""

from __future__ import annotations

from datetime import date

import pytest

from coopedu import (
    AgreementParty, AgreementPartyRole, Destination, DestinationSector, InvalidError,
    OutcomeAttribution, PlatformHostRole, ProjectRole, Student, StudentLevel, TeamMeetingAttendee,
)


def test_the_case_links_carry_roles_and_dates(case):
    db, r = case
    party = db.agreement_parties(partner=r["firm"]).one()
    assert party.role is AgreementPartyRole.SIGNATORY
    assert party.start_date == date(2015, 3, 1) and party.end_date is None
    host = db.platform_hosts(partner=r["firm"]).first()
    assert host.role is PlatformHostRole.HOST and isinstance(host.start_date, date)
    assert db.project_partners[r["lead"].id].start_date is None  # the paper dates no role
    members = {m.student: m.start_date for m in db.team_members(team=r["team"]) if m.student}
    assert sorted(members.values()) == [date(2017, 9, 1), date(2018, 9, 1)]
    attended = list(db.team_meeting_attendees())
    assert len(attended) == 9
    assert all(isinstance(a, TeamMeetingAttendee) for a in attended)
    # the 2015 patent, filed before the 2016 alloy project began, is background IP
    early = db.outcomes(patent_number="CN201510812345.6").one()
    assert early.background is True
    assert [o.title for o in db.outcomes() if o.background] == [early.title]


def test_the_four_rings_need_their_kind_of_partner(case):
    db, r = case
    agreement = db.agreement_parties(partner=r["firm"]).one().agreement
    with pytest.raises(InvalidError, match="of kind 'university'"):
        db.add(AgreementParty(agreement=agreement, partner=r["school"],
                              role=AgreementPartyRole.GOVERNMENT_LEADS))
    db.add(AgreementParty(agreement=agreement, partner=r["school"],
                          role=AgreementPartyRole.UNIVERSITY_PROMOTES, start_date=date(2015, 3, 1)))
    with pytest.raises(InvalidError, match="before agreement"):
        db.add(AgreementParty(agreement=agreement, partner=r["consultancy"],
                              role=AgreementPartyRole.SIGNATORY, start_date=date(2015, 2, 1)))
    assert ProjectRole.GUIDE.token == "guide"


def test_attendees_are_members_on_the_day(case):
    db, r = case
    meeting = db.team_meetings(team=r["team"]).first()
    with pytest.raises(InvalidError, match="not a member"):
        db.add(TeamMeetingAttendee(meeting=meeting, student=r["student"]))  # 孙浩 is in no team


def test_background_ip_and_graduate_destinations(case):
    db, r = case
    early = db.outcomes(patent_number="CN201510812345.6").one()
    early.background = False
    with pytest.raises(InvalidError, match="only background IP"):
        db.update(early)
    # a 2017 patent of the alloy work cannot be credited to the 2019 sand project
    melt = db.outcomes(patent_number="CN201710234567.X").one()
    with pytest.raises(InvalidError, match="before project S201910431031"):
        db.add(OutcomeAttribution(outcome=melt, project=r["sand"]))
    wu = db.students(number="2018220305").one()  # 吴强, still enrolled
    with pytest.raises(InvalidError, match="not graduated"):
        db.add(Destination(student=wu, started_on=date(2021, 7, 1),
                           sector=DestinationSector.PRIVATE_ENTERPRISE))
    grad = db.add(Student(number="2014210399", name="冯雪", level=StudentLevel.ACADEMIC_MASTER,
                          cohort=2014, status="graduated", status_date=date(2017, 6, 30)))
    with pytest.raises(InvalidError, match="before '冯雪' graduated"):
        db.add(Destination(student=grad, started_on=date(2017, 6, 1),
                           sector=DestinationSector.PRIVATE_ENTERPRISE))
    db.add(Destination(student=grad, started_on=date(2017, 7, 1),
                       sector=DestinationSector.FURTHER_STUDY))
