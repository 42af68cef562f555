"""Units of one measure: figures written in two units are compared once converted."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, extract_quantities
from conflictscan.signals._swaps import agreeing_swap, swaps
from conflictscan.signals._units import CONVERSION_SLACK, convertible, in_unit, one_measure
from conflictscan.text import _parsing as parsing


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The ice was 30 centimetres thick.", 30.0, "cm"),
        ("About 250 millimetres of rain fell overnight.", 250.0, "mm"),
        ("The seized cocaine weighed 120 kilos.", 120.0, "kg"),
        ("The calf weighed 40 lbs at birth.", 40.0, "lb"),
        ("The wall stands 12 yards from the road.", 12.0, "yd"),
        ("The pipe is 18 inches across.", 18.0, "inches"),
    ],
)
def test_more_units_are_read(text: str, value: float, unit: str) -> None:
    [quantity] = extract_quantities(text)
    assert (quantity.value, quantity.unit) == (value, unit)


def test_units_of_one_measure_convert_and_others_do_not() -> None:
    assert convertible("km", "miles") and convertible("t", "kg") and convertible("ha", "km2")
    assert not convertible("km", "kg") and not convertible("km", "km")
    assert not convertible("$", "£")  # rates move: currencies are never converted
    [miles] = extract_quantities("The convoy stopped 10 miles short of the city.")
    km = in_unit(miles, "km")
    assert km.unit == "km" and km.value == pytest.approx(16.09, abs=0.01)
    assert km.tolerance == pytest.approx(CONVERSION_SLACK * km.value)
    assert in_unit(miles, "kg") is miles


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The new runway is 2 km long.", "The new runway is 2,000 metres long."),
        (
            "The convoy stopped 10 miles short of the city.",
            "The convoy stopped 16 km short of the city.",
        ),
        (
            "The lorry was carrying 18 tonnes of grain.",
            "The lorry was carrying 18,000 kg of grain.",
        ),
        ("The ferry was doing 20 knots.", "The ferry was doing about 37 km/h."),
    ],
)
def test_one_figure_in_two_units_agrees(a: str, b: str) -> None:
    assert swaps(a, b) == []
    found = agreeing_swap(a, b)
    assert found is not None and found.kind == "agree"
    assert not [e for e in compare(a, b) if e.kind == "numeric"]


@pytest.mark.parametrize(
    ("a", "b", "a_value", "b_value"),
    [
        # the same number in two units
        ("The new runway is 3 miles long.", "The new runway is 3 km long.", "3 miles", "3 km"),
        (
            "The storm dumped 30 centimetres of snow on the pass.",
            "The storm dumped 30 inches of snow on the pass.",
            "30 centimetres",
            "30 inches",
        ),
        # ten times off once converted
        (
            "The lorry was carrying 18 tonnes of grain.",
            "The lorry was carrying 1,800 kg of grain.",
            "18 tonnes",
            "1,800 kg",
        ),
    ],
)
def test_figures_that_differ_once_converted_are_swapped(
    a: str, b: str, a_value: str, b_value: str
) -> None:
    [swap] = [s for s in swaps(a, b) if s.kind == "numeric"]
    assert (swap.a_value, swap.b_value) == (a_value, b_value)
    assert swap.text == b.replace(b_value, a_value)
    assert agreeing_swap(a, b) is None


def test_measures_of_an_event_compare_across_units() -> None:
    a = "The quake struck at a depth of 10 km."
    assert not compare(a, "The quake struck at a depth of 6 miles.")  # 9.7 km, rounded
    [clash] = compare(a, "The quake struck at a depth of 60 miles.")
    assert (clash.kind, clash.a_value, clash.b_value) == (
        "numeric",
        "10 km depth",
        "60 miles depth",
    )
    burned = "The fire burned 5,000 hectares."
    assert not compare(burned, "The fire burned 50 square kilometres.")
    assert [e.kind for e in compare(burned, "The fire burned 500 square kilometres.")] == [
        "numeric"
    ]


@pytest.mark.skipif(not parsing.is_available(), reason="spaCy or its English model is absent")
@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        # one thing, one dimension, figures outside the number tables
        (
            "The crocodile measured 5 metres in length.",
            "The crocodile was about 5 feet long.",
            True,
        ),
        (
            "The crocodile measured 5 metres in length.",
            "The crocodile was about 16 feet long.",
            False,
        ),
        (
            "The lost climber was found 3 miles from the hut.",
            "Rescuers found the climber about 30 km from the hut.",
            True,
        ),
        (
            "The lost climber was found 3 miles from the hut.",
            "Rescuers found the climber about 5 km from the hut.",
            False,
        ),
    ],
)
def test_one_measure_of_one_thing_is_compared(a: str, b: str, clash: bool) -> None:
    [qa], [qb] = extract_quantities(a), extract_quantities(b)
    assert one_measure(a, qa, b, qb)
    assert any(e.kind == "numeric" for e in compare(a, b)) is clash


@pytest.mark.skipif(not parsing.is_available(), reason="spaCy or its English model is absent")
@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two dimensions of one thing
        ("The crocodile measured 5 metres in length.", "The crocodile stood 5 feet tall."),
        # two things
        ("The crocodile was 5 metres long.", "The boat was 12 feet long."),
        ("Police found the car 3 miles away.", "Police found the driver 30 km away."),
        # two figures of the measure on one side: which is which is a guess
        (
            "The crocodile was 5 metres long.",
            "The crocodile was 16 feet long, its mate 20 feet long.",
        ),
    ],
)
def test_figures_of_other_measures_or_things_are_not_one_measure(a: str, b: str) -> None:
    pairs = [(qa, qb) for qa in extract_quantities(a) for qb in extract_quantities(b)]
    assert pairs and not any(one_measure(a, qa, b, qb) for qa, qb in pairs)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The trawler sank 12 miles off the coast.", "miles"),
        ("The barge went down about 20 km from the harbour.", "km"),
        ("The sub sank 300 metres below the surface.", "m"),
    ],
)
def test_a_length_after_a_falling_verb_places_it(text: str, unit: str) -> None:
    """ "sank 12 miles off" says where, not a fall by 12 miles; "sank 12 percent" is a fall."""
    [quantity] = extract_quantities(text)
    assert quantity.unit == unit
    assert extract_quantities("Shares in the shipping line sank 12 percent.") == []
