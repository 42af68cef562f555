"""How long one thing lasted, told twice: compared in days."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, extract_quantities
from conflictscan.signals._durations import in_days
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


def _numeric(a: str, b: str) -> list[float]:
    return [e.score for e in compare(a, b) if e.kind == "numeric"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The dock strike lasted three weeks.", "The dock strike ended after two days."),
        ("The blockade of the port lasted five months.", "The blockade ended after nine days."),
        ("The trial lasted six weeks.", "The trial was over within four days."),
        ("The outage went on for 14 hours.", "The outage lasted two hours."),
        ("The siege lasted five months.", "The siege ended after just nine days."),
    ],
)
def test_two_lengths_of_one_thing_clash(a: str, b: str) -> None:
    assert _numeric(a, b) and _numeric(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # One length written in two units, rounded by the writers.
        ("The protest lasted a month.", "The protest lasted four weeks."),
        ("The outage lasted about 40 minutes.", "The outage lasted less than an hour."),
        ("The festival lasted 7 days.", "The festival went on for one week."),
        # Two things of one kind, described apart, or told on two days.
        ("The first strike lasted three weeks.", "The second strike lasted two days."),
        ("The strike by pilots lasted three weeks.", "The strike by cabin crew lasted two days."),
        ("Talks lasted three hours on Monday.", "Talks on Tuesday lasted eight hours."),
        # Two different things; a length not told as how long the thing went on.
        ("The strike lasted three weeks.", "The talks lasted two days."),
        ("The trial lasted six weeks.", "The jury deliberated for four days."),
        ("The strike lasted three weeks.", "The strike will resume in two days."),
    ],
)
def test_lengths_that_can_both_be_true_do_not_clash(a: str, b: str) -> None:
    assert not _numeric(a, b)


def test_durations_are_compared_in_days() -> None:
    [weeks] = extract_quantities("The strike lasted three weeks.")
    [days] = extract_quantities("The strike lasted 10 days.")
    converted = in_days(weeks, days)
    assert converted is not None and converted[0].value == 21.0 and converted[0].unit == "day"
    [month] = extract_quantities("The strike lasted 1 month.")
    assert in_days(month, days) is not None  # 30.4 against 10 days: more than rounding
    [four] = extract_quantities("The strike lasted 4 weeks.")
    assert in_days(month, four) is None  # 30.4 against 28 days: one length, rounded
    [twenty] = extract_quantities("The strike lasted 20 days.")
    assert in_days(weeks, twenty) is None  # 21 against 20 days, in two units
