"""Tests for stated times and periods: "as of", fiscal years, editions, span edges, plans,
margins, qualified magnitudes and the wider set of change verbs."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, extract_quantities, features
from conflictscan.signals._dates import _dates


def _kinds(a: str, b: str) -> list[str]:
    return [e.kind for e in compare(a, b)]


def test_as_of_marks_a_time_not_an_event() -> None:
    (mention,) = _dates("As of Tuesday morning, the fire was 20 percent contained.", None)
    assert mention.event is None


def test_a_fiscal_year_end_names_a_period() -> None:
    (mention,) = _dates("It lost 1.2 billion rupees in the fiscal year ended March 2024.", None)
    assert mention.event is None
    # Two fiscal years are two periods: no date clash, and their figures are not compared.
    a = "Sarvani reported a net loss of 1.2 billion rupees for the fiscal year ended March 2024."
    b = "Sarvani returned to profit in the fiscal year ended March 2025, earning 450 million."
    assert _kinds(a, b) == []
    assert features(a, b)["other_times"] == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Baltic carrier SkyBaltic carried 14 million passengers in 2023.",
            "SkyBaltic said it carried a record 17.5 million passengers in 2024.",
        ),
        (
            "As of Tuesday morning, the Canyon Ridge fire was 20 percent contained.",
            "Firefighters had the Canyon Ridge fire 65% contained by Thursday evening.",
        ),
    ],
)
def test_figures_of_two_stated_times_are_not_compared(a: str, b: str) -> None:
    assert "numeric" not in _kinds(a, b)
    assert features(a, b)["other_times"] == 1.0


def test_the_same_year_still_compares_figures() -> None:
    a = "SkyBaltic carried 14 million passengers in 2023."
    b = "SkyBaltic said it carried 17.5 million passengers in 2023."
    assert "numeric" in _kinds(a, b)
    assert features(a, b)["other_times"] == 0.0


_TIMED = [
    # Two editions of a yearly event are two times.
    (
        "other_times",
        "The 2023 Lagos book fair drew 40,000 visitors.",
        "The 2024 Lagos book fair drew 52,000 visitors.",
        1.0,
    ),
    # Span edges are no time a claim is about: a deadline can clash with a deadline.
    (
        "other_times",
        "Students can ask for a re-mark until July 30.",
        "Requests for a re-mark must be lodged by July 23.",
        0.0,
    ),
    # A date owned by an event ("Saturday's protest") times no claim.
    (
        "other_times",
        "All 12 were released on Sunday.",
        "Those held at Saturday's protest were charged.",
        0.0,
    ),
    # One event dated twice is a date clash, not two times.
    (
        "other_times",
        "Founded in 1987, Aveline employs 4,000 people.",
        "Aveline, founded in 2003, employs 4,000.",
        0.0,
    ),
    # A claim that says the state went on speaks for the earlier time too.
    (
        "other_times",
        "The fire at the Tarragona plant was extinguished late on Thursday.",
        "Firefighters were still battling the blaze at the Tarragona plant on Friday morning.",
        0.0,
    ),
    (
        "time_shift",
        "The dockworkers' strike in Antwerp ended on Tuesday.",
        "The dockworkers' strike in Antwerp entered its second week on Thursday.",
        0.0,
    ),
    # Plans and deadlines are no timed state.
    (
        "time_shift",
        "The new rate will apply from April 1.",
        "The wage rose to 13.80 crowns on Jan. 1.",
        0.0,
    ),
    (
        "time_shift",
        "Drivers walk out on Thursday unless they hear otherwise.",
        "The strike was called off on Wednesday.",
        0.0,
    ),
    (
        "time_shift",
        "Pupils will be taught online until Monday.",
        "Pupils returned to lessons on Wednesday.",
        0.0,
    ),
    # "Tuesday's earthquake" speaks of Tuesday whenever it is told.
    (
        "time_shift",
        "A 5.4-magnitude earthquake shook Oskaria on Tuesday morning.",
        "The toll from Tuesday's magnitude 6.1 earthquake in Oskaria rose to 11 on Wednesday.",
        0.0,
    ),
    # A state at two stated times still is.
    (
        "time_shift",
        "On Tuesday the Danube stood at 8.5 metres.",
        "By Thursday the Danube had fallen to 6.9 metres.",
        1.0,
    ),
]


@pytest.mark.parametrize(("name", "a", "b", "expected"), _TIMED)
def test_timed_claims(name: str, a: str, b: str, expected: float) -> None:
    assert features(a, b)[name] == expected


def test_a_margin_is_no_vote_count() -> None:
    a = "The spending bill passed the Senate by 52 votes to 48 late on Thursday."
    b = "The spending bill cleared the Senate late on Thursday by a margin of just four votes."
    assert "numeric" not in _kinds(a, b)
    assert [q.value for q in extract_quantities("It passed by a majority of 12.")] == []


def test_a_qualifier_before_magnitude_widens_it() -> None:
    a = "The earthquake near Evia on Monday had a magnitude of 6.1."
    b = "Monday's quake near Evia, of around magnitude 6, was shallow."
    assert "numeric" not in _kinds(a, b)
    assert "numeric" in _kinds(
        "A magnitude 6.8 quake struck Evia.", "A magnitude 7.4 quake struck Evia."
    )


@pytest.mark.parametrize(
    ("verb", "other"), [("surged", "surged"), ("expanded", "grew"), ("plunged", "tumbled")]
)
def test_more_change_verbs_are_read(verb: str, other: str) -> None:
    a = f"Shares of Norvane {verb} 8 percent on Tuesday."
    b = f"Shares of Norvane {other} 3 percent on Tuesday."
    kinds = _kinds(a, b)
    # Frames must match word for word (bar the verb) for two changes to be compared.
    assert kinds == ["numeric"]


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("Ruiz has scored 14 goals this season.", "Ruiz scored 21 goals last season.", 1),
        ("Exports rose 6 percent this year.", "Exports rose 2 percent in the previous year.", 1),
        ("Exports rose 6 percent this year.", "Exports fell 2 percent last year.", 1),
        # One period on both sides: the figures clash.
        ("Ruiz has scored 14 goals this season.", "Ruiz has 21 goals this season.", 0),
    ],
)
def test_periods_counted_back_from_one_moment_are_different_times(
    a: str, b: str, apart: int
) -> None:
    assert features(a, b)["different_times"] == float(apart)
    if apart:
        assert "numeric" not in _kinds(a, b)


def test_periods_counted_back_from_two_publication_dates_may_be_one() -> None:
    a, b = "Exports rose 6 percent this year.", "Exports fell 2 percent last year."
    later = features(a, b, published_a="2025-03-01", published_b="2026-03-01")
    assert later["different_times"] == 0.0


def test_a_period_figure_that_rose_to_two_levels_clashes_a_day_count_may_be_an_update() -> None:
    assert _kinds(
        "Unemployment in Ostland rose to 6.1pc in March.",
        "Unemployment in Ostland rose to 4.8 percent in March.",
    ) == ["numeric"]
    assert (
        _kinds(
            "Unemployment in Ostland rose to 6.1pc in March.",
            "Unemployment in Ostland rose to 4.8 percent in April.",
        )
        == []
    )
    # A toll may rise twice in one day.
    assert (
        _kinds("The death toll rose to 40 on Monday.", "The death toll rose to 52 on Monday.") == []
    )
