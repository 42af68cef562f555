"""Readings fixed after a seventh pass, on a fourth round of fresh dev pairs and stories:
relations and payments traded around, held against at large, measures that widen and
narrow, two people of one family, roles after "as", degrees under "no", possibilities
against what still stands, steps undone and figures of then and now."""

from __future__ import annotations

import pytest

from conflictscan.signals._dates import extract_dates
from conflictscan.signals._edits import elaboration
from conflictscan.signals._hedges import pending_hedge
from conflictscan.signals._order import order_swap
from conflictscan.text import _parsing as parsing
from conftest import evidence_both_ways, feature_both_ways

needs_parse = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Lena Marsh is Olga Marsh's granddaughter.",
            "Olga Marsh is Lena Marsh's granddaughter.",
            1,
        ),
        (
            "Peltra Foods is a subsidiary of Brannock.",
            "Brannock is a subsidiary of Peltra Foods.",
            1,
        ),
        (
            "The council paid Hollis Builders 3 million.",
            "Hollis Builders paid the council 3 million.",
            1,
        ),
        ("Ostrava owes Tamsin 40 million dollars.", "Tamsin owes Ostrava 40 million dollars.", 1),
        ("Arvel sold the depot to Quint in May.", "Quint sold the depot to Arvel in May.", 1),
        # a relation noun after the second name, but no copula: both can be true
        ("Lena Marsh met Olga Marsh's daughter.", "Olga Marsh met Lena Marsh's daughter.", 0),
        # a relation that runs both ways
        ("Lena Marsh is Olga Marsh's cousin.", "Olga Marsh is Lena Marsh's cousin.", 0),
    ],
)
def test_one_way_relations_and_payments_traded_around(a: str, b: str, expected: int) -> None:
    assert order_swap(a, b) == order_swap(b, a) == expected


@needs_parse
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The man accused of the Dunmore arson remains in custody.",
            "The man accused of the Dunmore arson remains at large.",
            {1.0},
        ),
        ("The driver is still in custody.", "The driver is still on the run.", {1.0}),
        # held against released is a state going on on both sides of the old reading
        ("The driver was released on Monday.", "The driver remained in custody.", {1.0}),
        # two people
        ("The driver remains in custody.", "His passenger remains at large.", {0.0}),
    ],
)
def test_still_held_ends_a_time_at_large(a: str, b: str, expected: set[float]) -> None:
    assert feature_both_ways(a, b, "state_clash") == expected


@needs_parse
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The trade gap with Norland widened in June.",
            "The trade gap with Norland narrowed in June.",
            {True},
        ),
        (
            "Tensions along the border eased on Friday.",
            "Tensions along the border rose on Friday.",
            {True},
        ),
        # growth that slowed may still be growth: speed words are not read
        (
            "The economy of Castra slowed in the spring.",
            "The economy of Castra grew in the spring.",
            {False},
        ),
    ],
)
def test_measures_that_widen_narrow_and_ease(a: str, b: str, expected: set[bool]) -> None:
    assert evidence_both_ways(a, b, "opposite") == expected


@needs_parse
def test_two_people_of_one_family_get_their_own_verdicts() -> None:
    brothers = (
        "Tomas Reyes was convicted of arson.",
        "His cousin, Ivan Reyes, was acquitted of arson.",
    )
    assert feature_both_ways(*brothers, "verdict_clash") == {0.0}
    one_man = ("Tomas Reyes was convicted of arson.", "Reyes was acquitted of arson.")
    assert feature_both_ways(*one_man, "verdict_clash") == {1.0}
    titled = ("Mr Reyes was convicted of arson.", "Tomas Reyes was acquitted of arson.")
    assert feature_both_ways(*titled, "verdict_clash") == {1.0}


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Ines Aldo resigned as chairman of Corva Bank in 2016.", "resigned"),
        ("Ines Aldo was named as the new coach on Monday.", "named"),
        ("The museum reopened on Wednesday.", "reopened"),
    ],
)
def test_a_role_after_as_is_no_event(text: str, event: str) -> None:
    assert [d.event for d in extract_dates(text)] == [event]


def test_two_acts_in_one_role_are_two_events() -> None:
    left = "Ines Aldo resigned as chairman of Corva Bank in 2016."
    returned = "Ines Aldo returned as chairman of Corva Bank in 2021."
    stepped_down = "Ines Aldo stepped down as chairman of Corva Bank in 2018."
    assert evidence_both_ways(left, returned, "date") == {False}
    assert evidence_both_ways(left, stepped_down, "date") == {True}


@needs_parse
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The inspection found no serious faults.",
            "The inspection found only minor faults.",
            {0.0},
        ),
        ("The inspection found no serious faults.", "The inspection found serious faults.", {1.0}),
        ("The inspection found no faults.", "The inspection found serious faults.", {1.0}),
    ],
)
def test_no_before_a_degree_denies_the_degree(a: str, b: str, expected: set[float]) -> None:
    assert feature_both_ways(a, b, "action_negated") == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "If built, the Harlan dam would flood three villages.",
            "The Harlan dam has not been approved.",
            1.0,
        ),
        (
            "The ministry is weighing closing the Tebo rail line.",
            "The Tebo rail line remains open.",
            1.0,
        ),
        ("The Tebo rail line could close next year.", "The Tebo rail line is still running.", 1.0),
        # no possibility: a step taken against a state going on
        ("The Tebo rail line closed on Monday.", "The Tebo rail line remains open.", 0.0),
        # a plan is more than a possibility: it may clash with what stands
        ("The Tebo rail line is set to close in May.", "The Tebo rail line remains open.", 0.0),
    ],
)
def test_a_possibility_against_what_still_stands(a: str, b: str, expected: float) -> None:
    assert pending_hedge(a, b) == pending_hedge(b, a) == expected


def test_a_step_undone_is_no_elaboration() -> None:
    assert (
        elaboration(
            "Vasko Air has scrapped plans to fly from Oran to Quito.",
            "Vasko Air plans to fly from Oran to Quito.",
        )
        == 0.0
    )
    assert (
        elaboration(
            "Vasko Air plans to fly from Oran to Quito.",
            "Vasko Air plans to fly from Oran to Quito next spring.",
        )
        == 1.0
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The Marlow mill employed 1,800 people in 2008.",
            "The Marlow mill employs 450 people today.",
            {False},
        ),
        (
            "Twenty years ago the port handled 90 ships a week.",
            "The port now handles 40 ships a week.",
            {False},
        ),
        # one time on both sides
        (
            "The Marlow mill employed 1,800 people in 2008.",
            "The Marlow mill employed 450 people in 2008.",
            {True},
        ),
    ],
)
def test_figures_of_then_and_now(a: str, b: str, expected: set[bool]) -> None:
    assert evidence_both_ways(a, b, "numeric") == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Economists had predicted that exports would grow.", "Exports from Dalmar shrank.", 1.0),
        ("The coach had been widely expected to quit.", "The coach did not quit.", 1.0),
        # a forecast in a clause of its own is no forecast of the claim
        (
            "Nine people died, and no more bodies were expected to be found.",
            "Fourteen people died.",
            0.0,
        ),
    ],
)
def test_a_forecast_against_the_outcome(a: str, b: str, expected: float) -> None:
    assert pending_hedge(a, b) == pending_hedge(b, a) == expected
