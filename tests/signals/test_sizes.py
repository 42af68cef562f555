"""Tests for nouns sized by the number after "of" and for money categories."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, extract_quantities


def _notes(a: str, b: str) -> list[str]:
    return [e.note for e in compare(a, b) if e.kind == "numeric"]


@pytest.mark.parametrize(
    ("a", "b", "note"),
    [
        (
            "A crowd of 61,000 watched the match, the organiser said.",
            "Saturday's final drew a crowd of 48,500.",
            "61,000 attendance vs 48,500 attendance",
        ),
        (
            "The ship has a crew of 22, the coast guard said.",
            "All 24 crew members were rescued by helicopter.",
            "22 crew vs 24 crew",
        ),
        (
            "The company will invest $2.4 billion in the factory.",
            "The company put the total investment at $3.1 billion.",
            "$2.4 billion investment vs $3.1 billion investment",
        ),
        (
            "The kidnappers demanded a ransom of 2 million dollars.",
            "The kidnappers asked for a ransom of 5 million dollars.",
            "$2 million ransom vs $5 million ransom",
        ),
    ],
)
def test_sized_nouns_and_money_are_compared(a: str, b: str, note: str) -> None:
    assert _notes(a, b) == [note]


def test_investment_words_count_money_only() -> None:
    people = extract_quantities("Some 2,000 people invested in the scheme.")
    money = extract_quantities("The company invested $40 million in the scheme.")
    assert [q.category for q in people] != ["investment"]
    assert [q.category for q in money] == ["investment"]
