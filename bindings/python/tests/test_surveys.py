"""Questionnaire surveys as data (issue 16): the case's questionnaires and
rounds, a rule refused through Python, and the import of a questionnaire
tool's wide CSV, on every backend."""

from __future__ import annotations

import io
from datetime import date

import pytest

from coopedu import (ExistsError, InvalidError, NotFoundError, SurveyAnswer, SurveyAudience,
                     SurveyItemKind, SurveyRound)


def test_the_case_has_two_student_rounds_and_a_mentor_round(case):
    db, _ = case
    students = db.survey_instruments(code="GS-COOP").one()
    assert (students.version, students.audience) == (1, SurveyAudience.STUDENT)
    items = list(db.survey_items(instrument=students))
    assert [i.code for i in items][:3] == ["M1", "M2", "C1"]
    assert {i.section for i in items} == {"动机", "能力提升", "指导", "收益"}
    assert sum(i.kind == SurveyItemKind.LIKERT5 for i in items) == 10
    rounds = list(db.survey_rounds(instrument=students))
    assert [r.opens_on.year for r in rounds] == [2019, 2020]
    for r in rounds:
        responses = list(db.survey_responses(round=r))
        assert len(responses) == 9 and all(x.student for x in responses)
    mentors = db.survey_instruments(code="EM-COOP").one()
    assert mentors.audience == SurveyAudience.ENTERPRISE_MENTOR
    (mround,) = db.survey_rounds(instrument=mentors)
    assert db.survey_responses(round=mround).count() == 3


def test_a_likert_answer_out_of_range_is_refused(case):
    db, _ = case
    q1 = db.survey_items(code="M1").one()
    response = db.survey_responses.first()
    answer = db.survey_answers(response=response, item=q1).one()
    with pytest.raises(InvalidError, match="1..5"):
        db.update(answer.replace(number=6.0))
    with pytest.raises(ExistsError):
        db.add(SurveyAnswer(response=response.id, item=q1.id, number=3.0))
    assert db.get(SurveyAnswer, answer.id) == answer


def test_import_a_questionnaire_tools_export(case):
    db, _ = case
    students = db.survey_instruments(code="GS-COOP").one()
    r = db.add(SurveyRound(instrument=students.id, title="2021年联合培养学生问卷",
                           opens_on=date(2021, 12, 1)))
    csv = ("序号,student,M1,S4,B3\n"
           "1,2017410101,5,企业现场,希望增加企业导师来校次数\n"
           "2,2018220305,4,C,\n")
    with pytest.raises(InvalidError, match="序号"):
        db.import_survey_csv(r, io.StringIO(csv), date=date(2021, 12, 3))
    assert db.survey_responses(round=r).count() == 0
    with pytest.raises(InvalidError, match="submission date"):
        db.import_survey_csv(r, io.StringIO(csv), skip_unknown=True)
    n = db.import_survey_csv(r, io.StringIO(csv), date="2021-12-03", skip_unknown=True)
    assert n == 2
    responses = list(db.survey_responses(round=r))
    assert [x.submitted_on for x in responses] == [date(2021, 12, 3)] * 2
    s4 = db.survey_items(code="S4").one()
    options = {o.id: o.code for o in db.survey_options(item=s4)}
    chosen = [options[a.option] for a in db.survey_answers(item=s4) if a.response in
              {x.id for x in responses}]
    assert chosen == ["B", "C"]
    # again: one response per respondent per round, and nothing added
    with pytest.raises(ExistsError):
        db.import_survey_csv(r.id, io.StringIO(csv), date=date(2021, 12, 3), skip_unknown=True)
    assert db.survey_responses(round=r).count() == 2
    with pytest.raises(NotFoundError):
        db.import_survey_csv(r, "/nonexistent/answers.csv")
