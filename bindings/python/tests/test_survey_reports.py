"""Survey reports and the analyst's DataFrame (issue 16), on every backend.

The issue's done condition: from the demo store, a table of mean scores
per item by student level and a two-round comparison, computed by the
library's reports and again with pandas from ``db.survey_table()``,
and the two agree."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from coopedu import InvalidError, NotFoundError

NUMERIC = ("likert5", "likert7", "number")


def student_rounds(db):
    """The demo's student instrument run twice: (earlier, later) round."""
    by_instrument = {}
    for r in db.survey_rounds:
        by_instrument.setdefault(r.instrument, []).append(r)
    for inst, rounds in by_instrument.items():
        if db.survey_instruments[inst].audience.token == "student" and len(rounds) >= 2:
            rounds.sort(key=lambda r: (r.opens_on, r.id))
            return rounds[-2], rounds[-1]
    pytest.fail("the demo has no student instrument with two rounds")


def numeric_codes(db, round):
    items = sorted(db.survey_items(instrument=round.instrument), key=lambda i: i.position)
    return [i.code for i in items if i.kind.token in NUMERIC]


def pandas_means(db, round, by=None):
    """Mean, n per item (and group) computed by pandas from the responses."""
    df = db.survey_table(round).to_pandas()
    codes = numeric_codes(db, round)
    long = df.melt(id_vars=[by] if by else [], value_vars=codes, var_name="item_code",
                   value_name="value").dropna(subset=["value"])
    long["value"] = long["value"].astype(float)
    keys = ["item_code", by] if by else ["item_code"]
    return long.groupby(keys, dropna=False)["value"].agg(["mean", "count", "median", "std"])


def test_mean_scores_per_item_by_student_level(case):
    db, _ = case
    _, later = student_rounds(db)
    report = db.survey_item_stats(round=later, by="level").to_pandas()
    assert list(report.columns[:6]) == ["round", "item", "item_code", "section", "kind", "group"]
    ours = pandas_means(db, later, by="level")
    compared = 0
    for row in report.itertuples():
        if row.suppressed:
            # a suppressed group shows nothing at all
            assert pd.isna(row.n) and math.isnan(row.mean) and math.isnan(row.sd)
            continue
        key = (row.item_code, row.group if row.group is not None else math.nan)
        if row.n == 0:
            assert key not in ours.index
            continue
        got = ours.loc[key]
        assert row.n == got["count"]
        assert row.mean == pytest.approx(got["mean"], rel=1e-12)
        assert row.median == pytest.approx(got["median"], rel=1e-12)
        if row.n > 1:
            assert row.sd == pytest.approx(got["std"], rel=1e-9)
        compared += 1
    assert compared >= 2, report
    # the table an analyst prints: items down, levels across
    wide = report[~report["suppressed"]].pivot(index="item_code", columns="group", values="mean")
    assert set(wide.index) <= set(numeric_codes(db, later))


def test_two_rounds_compared(case):
    db, _ = case
    earlier, later = student_rounds(db)
    report = db.survey_comparison(round=later, baseline=earlier).to_pandas()
    # without a baseline: the instrument's previous round, the same table
    again = db.survey_comparison(round=later).to_pandas()
    pd.testing.assert_frame_equal(report, again)
    before, after = pandas_means(db, earlier), pandas_means(db, later)
    assert len(report) == len(numeric_codes(db, later)) >= 2
    for row in report.itertuples():
        assert not row.suppressed
        assert (row.round, row.baseline) == (later.id, earlier.id)
        b = before.loc[row.item_code] if row.item_code in before.index else None
        a = after.loc[row.item_code] if row.item_code in after.index else None
        assert row.baseline_n == (0 if b is None else b["count"])
        assert row.n == (0 if a is None else a["count"])
        if a is not None and b is not None:
            assert row.baseline_mean == pytest.approx(b["mean"], rel=1e-12)
            assert row.mean == pytest.approx(a["mean"], rel=1e-12)
            assert row.change == pytest.approx(a["mean"] - b["mean"], abs=1e-12)
        else:
            assert math.isnan(row.change)


def test_responses_one_row_each_one_column_per_item(case):
    db, _ = case
    _, later = student_rounds(db)
    items = sorted(db.survey_items(instrument=later.instrument), key=lambda i: i.position)
    df = db.survey_table(later).to_pandas()
    assert len(df) == db.count("survey_response", round=later.id) > 0
    assert list(df.columns[:9]) == ["response", "submitted_on", "student", "supervisor", "partner",
                                    "cohort", "level", "supervisor_kind", "attr_partner"]
    assert list(df.columns[9:]) == [i.code for i in items]
    for item in items:
        values = df[item.code].dropna()
        if item.kind.token in ("likert5", "likert7"):
            top = 5 if item.kind.token == "likert5" else 7
            assert values.between(1, top).all() and str(df[item.code].dtype) == "Int64"
        elif item.kind.token == "multiple_choice":
            codes = {o.code for o in db.survey_options(item=item.id)}
            assert all(isinstance(v, list) and set(v) <= codes for v in values)
            # a column per option: the same answers as booleans
            wide = db.survey_table(later, choices="columns").to_pandas()
            for code in sorted(codes):
                col = wide[f"{item.code}_{code}"]
                assert list(col.dropna()) == [code in v for v in values]
            text = db.survey_table(later, choices="text").to_pandas()
            assert list(text[item.code].dropna()) == [";".join(v) for v in values]
        elif item.kind.token == "single_choice":
            codes = {o.code for o in db.survey_options(item=item.id)}
            assert set(values) <= codes


def test_choice_shares_agree_with_the_responses(case):
    db, _ = case
    _, later = student_rounds(db)
    report = db.survey_choices(round=later).to_pandas()
    df = db.survey_table(later).to_pandas()
    checked = 0
    for row in report.itertuples():
        answers = df[row.item_code].dropna()
        chosen = sum(row.option in (v if isinstance(v, list) else [v]) for v in answers)
        assert (row.respondents, row.count) == (len(answers), chosen)
        if len(answers):
            assert row.share == pytest.approx(chosen / len(answers))
        checked += 1
    assert checked > 0


def test_response_rates_and_refusals(case):
    db, _ = case
    earlier, later = student_rounds(db)
    rates = db.survey_response_rate().to_pandas()
    assert set(rates["round"]) == {r.id for r in db.survey_rounds}
    for row in rates.itertuples():
        if not row.suppressed:
            assert row.responses == db.count("survey_response", round=row.round)
            if not pd.isna(row.population) and row.population:
                assert row.response_rate == pytest.approx(row.responses / row.population)
    with pytest.raises(InvalidError, match="at least 1"):
        db.survey_item_stats(round=later, k=0)
    with pytest.raises(ValueError, match="by must be"):
        db.survey_item_stats(round=later, by="gender")
    with pytest.raises(NotFoundError):
        db.survey_item_stats(round=987654)
    with pytest.raises(InvalidError, match="compared with itself"):
        db.survey_comparison(round=later, baseline=later)
    other = [r for r in db.survey_rounds if r.instrument != later.instrument]
    if other:
        with pytest.raises(InvalidError, match="different instruments"):
            db.survey_comparison(round=later, baseline=other[0])
    with pytest.raises(InvalidError, match="not supported"):
        db.outcome_funnel(round=later)
    with pytest.raises(ValueError, match="choices"):
        db.survey_table(later, choices="wide")


def test_small_anonymous_groups_are_suppressed(db):
    """k-suppression in Python, on a store built here: an anonymous round
    with groups of 3 and 6 graduates by cohort."""
    from datetime import date

    from coopedu import (SurveyAnswer, SurveyInstrument, SurveyItem, SurveyResponse,
                         SurveyRound)
    inst = db.add(SurveyInstrument(code="GS-MOT", version=1, title="研究生动机调查",
                                   audience="student"))
    q1 = db.add(SurveyItem(instrument=inst.id, code="Q1", position=1, text="我对课题很有兴趣",
                           kind="likert5"))
    rnd = db.add(SurveyRound(instrument=inst.id, title="2021年研究生动机调查（匿名）",
                             opens_on=date(2021, 3, 1), anonymous=True, attributes="cohort"))
    for i, cohort in enumerate([2019] * 3 + [2020] * 6 + [None]):
        r = db.add(SurveyResponse(round=rnd.id, submitted_on=date(2021, 3, 2), cohort=cohort))
        db.add(SurveyAnswer(response=r.id, item=q1.id, number=1 + i % 5))
    # 3 < 5 hides 2019 and 1 the response without a cohort; 4 < 5, so 2020
    # goes too (10 - 6 would give them back)
    stats = db.survey_item_stats(round=rnd, by="cohort").to_pandas()
    assert list(stats["group"]) == ["2019", "2020", None]
    assert list(stats["suppressed"]) == [True, True, True] and stats["mean"].isna().all()
    # k 3: 2019 is shown, but the one without a cohort alone is 1 < 3: 2019 goes with it
    by3 = db.survey_item_stats(round=rnd, by="cohort", k=3).to_pandas()
    assert list(by3["suppressed"]) == [True, False, True] and by3["n"][1] == 6
    assert by3["mean"][1] == pytest.approx(sum(1 + i % 5 for i in range(3, 9)) / 6)
    total = db.survey_item_stats(round=rnd).to_pandas()
    assert list(total["n"]) == [10] and not total["suppressed"].any()
    table = db.survey_table(rnd).to_pandas()
    assert table["cohort"].isna().sum() == 1 and table["student"].isna().all()
