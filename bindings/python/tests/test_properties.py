"""Property-based round trips: whatever valid value goes in comes back."""

from __future__ import annotations

from datetime import date

from hypothesis import assume, given, strategies as st

import coopedu
from coopedu import InvalidError, Partner, PartnerKind, Project

# Valid text: any Unicode scalar value except C0 controls other than tab,
# newline and carriage return (refused by design), and surrogates (not UTF-8).
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",),
                           blacklist_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)]),
    min_size=1, max_size=60)
# A natural key also refuses every control, the Bidi_Control characters and
# blanks (lib/core/validate.c).
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
BLANK = " \u00a0\u1680\u2028\u2029\u202f\u205f\u2060\u3000\ufeff" + "".join(map(chr, range(0x2000, 0x200c)))
key_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=list(BIDI)),
    min_size=1, max_size=60).filter(lambda s: s.strip(BLANK) != "")
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))
money = st.integers(min_value=0, max_value=10**15)  # CE_MONEY_MAX


# Identifiers are stored in a normal form (lib/core/normalise.c): white-space
# runs as one space, trimmed, full-width ASCII as ASCII.
SPACES = " \u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200b)))


def normal(s):
    s = "".join(" " if c in SPACES else chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c
                for c in s)
    return " ".join(part for part in s.split(" ") if part)


@given(name=key_text, region=st.none() | text, kind=st.sampled_from(PartnerKind))
def test_partner_text_round_trip(name, region, kind):
    with coopedu.open("memory:") as db:
        ownership = coopedu.Ownership.PRIVATE if kind is PartnerKind.ENTERPRISE else None
        p = db.add(Partner(name=name, kind=kind, region=region, ownership=ownership))
        back = db.partners[p.id]
        assert (back.name, back.region, back.kind) == (normal(name), region, kind)
        assert back == p
        assert db.partners(name=name).one() == p


@given(start=dates, days=st.integers(min_value=0, max_value=3650), budget=money,
       title=text)
def test_project_dates_and_money_round_trip(start, days, budget, title):
    end = date.fromordinal(start.toordinal() + days)
    assume(end <= date(2199, 12, 31))
    with coopedu.open("memory:") as db:
        p = db.add(Project(code="P1", title=title, start_date=start, end_date=end,
                           budget=budget, currency="CNY" if budget else None))
        back = db.projects[p.id]
        assert (back.start_date, back.end_date, back.budget, back.title) == \
            (start, end, budget, title)
        assert db.projects(start_date=start).one() == back


@given(bad=st.characters(min_codepoint=0, max_codepoint=31).filter(lambda c: c not in "\t\n\r\0"),
       around=text)
def test_control_characters_are_always_refused(bad, around):
    with coopedu.open("memory:") as db:
        try:
            db.add(Partner(name=around + bad, kind=PartnerKind.UNIVERSITY))
        except InvalidError:
            pass
        else:
            raise AssertionError("a control character was stored")
        assert db.partners.count() == 0


@given(year=st.integers(min_value=1, max_value=1899) | st.integers(min_value=2200, max_value=9999))
def test_dates_outside_the_range_are_refused(year):
    with coopedu.open("memory:") as db:
        try:
            db.add(Project(code="P", title="t", start_date=date(year, 1, 1)))
        except InvalidError:
            return
        raise AssertionError(f"{year} was accepted")


@given(score=st.floats(min_value=0, max_value=100, allow_nan=False),
       scopes=st.sets(st.sampled_from(coopedu.Scope), min_size=1))
def test_reals_and_flags_round_trip(score, scopes):
    with coopedu.open("memory:") as db:
        s = db.add(coopedu.Supervisor(name="王建国", kind=coopedu.SupervisorKind.ACADEMIC))
        e = db.add(coopedu.Evaluation(supervisor=s, period_start=date(2019, 1, 1),
                                      period_end=date(2019, 12, 31),
                                      evaluator=coopedu.Evaluator.SCHOOL, criterion="指导",
                                      score=score))
        assert db.evaluations[e.id].score == score
        a = db.add(coopedu.Agreement(title="协议", scopes=scopes, start_date=date(2019, 1, 1)))
        back = db.agreements[a.id].scopes
        assert isinstance(back, coopedu.Scope) and set(back.tokens) == {t for m in scopes for t in m.tokens}
