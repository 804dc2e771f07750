"""Training courses and enrolments: the case study's enterprise courses
(企业文化建设, 入职文明礼貌沟通方式, 管理能力和领导力培养) with the graduate
students who took them, the rules on hours and dates, and a CSV round trip
with Chinese headers, on every backend."""

from __future__ import annotations

import io
from datetime import date

import pytest

from coopedu import ExistsError, InvalidError, TrainingCourse, TrainingEnrolment, TrainingKind


def test_the_case_study_courses_and_who_took_them(case):
    db, r = case
    courses = {c.title: c for c in db.training_courses}
    assert set(courses) == {"企业文化建设", "入职文明礼貌与沟通方式", "管理能力和领导力培养"}
    assert {c.provider for c in courses.values()} == {r["firm"].id}
    lead = courses["管理能力和领导力培养"]
    assert lead.kind == TrainingKind.LEADERSHIP
    # 孙浩 completed all three; the courses a student took, through the link
    taken = {c.title for c in db.training_courses(student=r["student"])}
    assert taken == set(courses)
    open_ = [e for e in db.training_enrolments(course=lead) if e.completed_on is None]
    assert len(open_) == 1 and open_[0].hours_attended < lead.hours


def test_rules_on_hours_and_dates(case):
    db, r = case
    course = db.add(TrainingCourse(title="岗前培训", kind="pre_practice", provider=r["firm"],
                                   hours=8))
    with pytest.raises(ExistsError):
        db.add(TrainingCourse(title="岗前培训", kind="pre_practice", provider=r["firm"], hours=4))
    with pytest.raises(InvalidError, match="hours_attended"):
        db.add(TrainingEnrolment(course=course, student=r["student"], hours_attended=9))
    with pytest.raises(InvalidError, match="cohort"):
        db.add(TrainingEnrolment(course=course, student=r["student"], completed_on=date(2015, 7, 1)))
    with pytest.raises(InvalidError, match="completed_on"):
        db.add(TrainingEnrolment(course=course, student=r["student"], started_on=date(2017, 7, 3),
                                 completed_on=date(2017, 7, 1)))
    e = db.add(TrainingEnrolment(course=course, student=r["student"], started_on=date(2017, 8, 28),
                                 completed_on=date(2017, 8, 28), hours_attended=8))
    assert e.completed_on == date(2017, 8, 28)
    with pytest.raises(InvalidError, match="attended"):
        course.hours = 7.5
        db.update(course)


def test_csv_round_trip_with_chinese_headers(case):
    db, _ = case
    out = io.StringIO()
    db.export_csv(out, TrainingEnrolment, labels="zh")
    header = out.getvalue().splitlines()[0]
    assert "参训学时" in header and "结业日期" in header
    out = io.StringIO()
    db.export_csv(out, TrainingCourse, labels="zh")
    assert "培训单位" in out.getvalue().splitlines()[0]
    assert "企业文化建设" in out.getvalue()
