"""Shares written as fractions are read as percentages."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, extract_quantities


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "written"),
    [
        ("About half of the crew were sent home.", 50.0, "about", "About half"),
        ("A third of the orchard was lost to frost.", 100 / 3, None, "A third"),
        ("Two-thirds of members backed the strike.", 200 / 3, None, "Two-thirds"),
        ("Nearly three quarters of the seats were empty.", 75.0, "nearly", "Nearly three quarters"),
        ("One in five drivers failed the test.", 20.0, None, "One in five"),
        ("Three out of four tenants said no.", 75.0, None, "Three out of four"),
    ],
)
def test_fractions_of_a_group_are_percentages(
    text: str, value: float, qualifier: str | None, written: str
) -> None:
    [quantity] = extract_quantities(text)
    assert (quantity.unit, quantity.qualifier, quantity.text) == ("%", qualifier, written)
    assert quantity.value == pytest.approx(value, abs=0.05)
    assert quantity.tolerance == pytest.approx(value / 10, abs=0.01)


@pytest.mark.parametrize(
    "text",
    [
        "The second half of the match was goalless.",
        "The crew waited half an hour for the ferry.",
        "Prices rose by a third.",  # a change, left to the change reader
    ],
)
def test_other_fractions_are_no_share(text: str) -> None:
    assert not [q for q in extract_quantities(text) if q.unit == "%"]


def test_a_fraction_agrees_or_clashes_with_a_percentage() -> None:
    a = "About a third of the crew were sent home."
    assert not compare(a, "Roughly 33 percent of the crew were sent home.")
    [clash] = compare(a, "Roughly 70 percent of the crew were sent home.")
    assert (clash.kind, clash.a_value, clash.b_value) == ("numeric", "about 33.3%", "about 70%")
