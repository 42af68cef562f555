"""Tests for measures of physical events: magnitudes, depths, areas burned, wind speeds."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, extract_quantities


def _read(text: str) -> list[tuple]:
    return [(q.value, q.unit, q.category) for q in extract_quantities(text)]


@pytest.mark.parametrize(
    "text",
    [
        "A magnitude 6.8 earthquake struck off Hokkaido.",
        "The quake had a magnitude of 6.8, the agency said.",
        "A 6.8-magnitude quake struck off Hokkaido.",
        "The 6.8 magnitude tremor was felt in Sapporo.",
        "The quake measured 6.8 on the Richter scale.",
        "A 6.8 quake struck off Hokkaido.",
    ],
)
def test_magnitude_forms(text: str) -> None:
    [quantity] = extract_quantities(text)
    assert (quantity.value, quantity.unit, quantity.category) == (6.8, None, "magnitude")
    assert text[quantity.start : quantity.end] == quantity.text == "6.8"


def test_counts_of_quakes_are_no_magnitudes() -> None:
    assert _read("Six quakes hit the region.") == [(6.0, None, "quakes")]
    assert _read("There were 15 aftershocks overnight.")[0][2] == "aftershocks"
    assert _read("The quake killed 18,000 people.") == [(18000.0, "people", "dead")]


def test_magnitudes_that_cannot_both_be_right_clash() -> None:
    [clash] = compare(
        "A magnitude 6.8 earthquake struck off Hokkaido on Tuesday.",
        "The 7.1-magnitude quake struck off Hokkaido on Tuesday.",
    )
    assert (clash.kind, clash.a_value, clash.b_value) == (
        "numeric",
        "6.8 magnitude",
        "7.1 magnitude",
    )
    assert compare("A 6.8 quake struck.", "The quake had a magnitude of about 7.") == []
    # A revised reading is an update, not a clash.
    assert (
        compare("The quake was first put at 7.0.", "It was later revised to magnitude 6.8.") == []
    )


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The quake struck at a depth of 10 km.", 10.0, "km"),
        ("The quake was 35 kilometres deep.", 35.0, "km"),
        ("The blast happened about 900 metres below ground.", 900.0, "m"),
        ("The men were trapped 1,300 metres underground.", 1300.0, "m"),
    ],
)
def test_depths(text: str, value: float, unit: str) -> None:
    assert _read(text) == [(value, unit, "depth")]


def test_depth_words_count_only_in_lengths() -> None:
    # "below" is a depth after a length, a bound before a share.
    assert _read("Unemployment fell below 5 percent.")[0][2] != "depth"
    [clash] = compare(
        "The quake struck at a depth of 10 km, the survey said.",
        "The quake was centred 35 km below the surface, the agency said.",
    )
    assert (clash.a_value, clash.b_value, clash.score) == ("10 km depth", "35 km depth", 0.9)


def test_area_burned() -> None:
    assert _read("The fire has burned 12,000 acres.") == [(12000.0, "acres", "burned")]
    assert _read("Some 40 square kilometres were scorched.") == [(40.0, "km2", "burned")]
    [clash] = compare(
        "The fire has burned 12,000 acres.",
        "The blaze has scorched more than 30,000 acres of forest.",
    )
    assert (clash.kind, clash.score) == ("numeric", pytest.approx(0.7))
    # Two units are not converted: no clash is claimed across them.
    assert (
        compare("The fire burned 40 square kilometres.", "The fire burned 15 square miles.") == []
    )
    # A burned count of homes is no area.
    assert _read("The fire burned 40 homes.")[0][2] != "burned"


def test_wind_speeds() -> None:
    assert _read("The storm brought winds of 120 kilometres per hour.") == [(120.0, "km/h", "wind")]
    assert _read("Gusts of 150 km/h were recorded.") == [(150.0, "km/h", "gusts")]
    assert _read("Winds of 75 mph lashed the coast.") == [(75.0, "mph", "wind")]
    # Written against the number, as many outlets do.
    assert _read("Winds of 75mph lashed the coast.") == [(75.0, "mph", "wind")]
    assert _read("Gusts of 150kmh were recorded.") == [(150.0, "km/h", "gusts")]
    # A measure word before the number wins over the first word after it.
    assert _read("Winds hit 180 km/h during the storm.") == [(180.0, "km/h", "wind")]
    [wind, gusts] = compare(
        "Sustained winds of 120 km/h were measured, with gusts of 160 km/h.",
        "Winds of 140 km/h and gusts of 200 km/h battered the coast.",
    )
    assert {wind.a_value, gusts.a_value} == {"120 km/h wind", "160 km/h gusts"}
    # Sustained winds and gusts are two measures.
    assert compare("Winds of 120 km/h were measured.", "Gusts of 160 km/h were measured.") == []


def test_an_aftershock_is_another_event() -> None:
    assert _read("A magnitude 5.4 aftershock hit the region.")[0][2] == "aftershock"
    assert compare("A magnitude 7.0 quake struck.", "A magnitude 5.4 aftershock hit.") == []


def test_a_rising_toll_does_not_update_a_magnitude() -> None:
    # "rose" updates the toll, not the quake's magnitude; a revision word updates both.
    [clash] = compare(
        "A 5.4-magnitude earthquake shook the north on Tuesday.",
        "The death toll from Tuesday's magnitude 6.1 earthquake rose to 11 on Wednesday.",
    )
    assert (clash.a_value, clash.b_value) == ("5.4 magnitude", "6.1 magnitude")
    assert (
        compare(
            "A 5.4-magnitude earthquake shook the north on Tuesday.",
            "The quake's magnitude was later revised to 6.1.",
        )
        == []
    )
    assert compare("The toll was 9.", "The toll rose to 11.") == []


def test_a_measure_followed_by_another_length_is_no_breakdown() -> None:
    # "300 km to the south" places the capital; the depth is still the quake's depth.
    a = "The earthquake, which struck at a depth of 10 km, was felt in the capital, 300 km away."
    b = "The quake struck at a shallow depth of about 35 km, the geological survey said."
    [found] = [e for e in compare(a, b) if e.kind == "numeric"]
    assert found.note == "10 km depth vs about 35 km depth"
