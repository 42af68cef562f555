"""Changes by an amount ("rose 8 percent") compared when two sentences word them alike."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, extract_quantities, features

CLASHING_CHANGES = [
    (
        "Quarterly turnover at the brewer climbed 11 percent, the company said.",
        "Quarterly turnover at the brewer climbed 4 percent, the company said.",
        "11% rise",
        "4% rise",
    ),
    (
        "Ticket sales at the festival increased by 6% this summer.",
        "Ticket sales at the festival dropped by 6% this summer.",
        "6% rise",
        "6% fall",
    ),
    (
        "The county's property tax take fell $3 million in the last fiscal year.",
        "The county's property tax take fell $9 million in the last fiscal year.",
        "$3 million fall",
        "$9 million fall",
    ),
]

COMPATIBLE_CHANGES = [
    # The same change, rounded differently.
    (
        "Ticket sales at the festival increased 6 percent this summer.",
        "Ticket sales at the festival increased 6.3 percent this summer.",
    ),
    # "About" covers the other figure.
    (
        "Grain exports rose about 5 percent in March.",
        "Grain exports rose 5.4 percent in March.",
    ),
    # Two different things changed.
    (
        "Exports to Sorvak rose 12 percent last year.",
        "Exports to Dessaria fell 5 percent last year.",
    ),
    # Two different periods.
    (
        "Shares in the airline fell 8% on Monday.",
        "Shares in the airline fell 3% on Tuesday.",
    ),
    # A revision is an update, not a clash.
    (
        "Retail sales rose 2 percent in May.",
        "Retail sales rose 1 percent in May, revised figures showed.",
    ),
]


@pytest.mark.parametrize(("a", "b", "a_value", "b_value"), CLASHING_CHANGES)
def test_changes_worded_alike_clash(a: str, b: str, a_value: str, b_value: str) -> None:
    numeric = [e for e in compare(a, b) if e.kind == "numeric"]
    assert numeric, "expected a numeric conflict"
    assert (numeric[0].a_value, numeric[0].b_value) == (a_value, b_value)
    assert numeric[0].score >= 0.8
    assert features(a, b)["numeric_conflict"] == pytest.approx(numeric[0].score)


@pytest.mark.parametrize(("a", "b"), COMPATIBLE_CHANGES)
def test_compatible_or_unrelated_changes_do_not_clash(a: str, b: str) -> None:
    assert [e for e in compare(a, b) if e.kind == "numeric"] == []


def test_rise_against_fall_is_a_sign_conflict() -> None:
    a, b = CLASHING_CHANGES[1][:2]
    assert features(a, b)["sign_conflict"] == pytest.approx(0.85)


def test_a_change_then_a_level_is_not_a_range() -> None:
    quantities = extract_quantities("Revenue rose 8 percent to 2.4 billion crowns.")
    assert [q.value for q in quantities] == [2.4e9]
    assert all(q.upper is None for q in quantities)


def test_a_range_of_shares_is_still_a_range() -> None:
    (quantity,) = extract_quantities("Turnout was 10 to 12 percent.")
    assert (quantity.value, quantity.upper, quantity.unit) == (10.0, 12.0, "%")


def test_whole_percentages_allow_for_rounding() -> None:
    assert compare("Turnout was 61 percent.", "Turnout was 61.4 percent.") == []
    (clash,) = compare("Turnout was 61 percent.", "Turnout was 58 percent.")
    assert clash.score == pytest.approx(0.9)
