"""Tests for prison terms, hyphenated lengths included."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, extract_quantities


def _terms(text: str) -> list[float]:
    return [q.value for q in extract_quantities(text) if q.category == "prison term"]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Former finance director Mira Dahl received a two-year suspended sentence.", [2.0]),
        ("He was given a 10-year prison sentence.", [10.0]),
        ("She was jailed for six years.", [6.0]),
        ("He was sentenced to 18 months.", [1.5]),
        ("He won a five-year term in office.", []),
        ("Prosecutors had sought a 10-year sentence.", []),
        ("He faces up to 12 years in jail if convicted.", []),
    ],
)
def test_prison_terms_are_read(text: str, years: list[float]) -> None:
    assert _terms(text) == years


def test_a_suspended_term_clashes_with_a_longer_prison_term() -> None:
    notes = [
        e.note
        for e in compare(
            "Mira Dahl received a two-year suspended sentence.",
            "Mira Dahl was sentenced to three years in prison.",
        )
    ]
    assert notes == ["2 years prison term vs 3 years prison term"]
