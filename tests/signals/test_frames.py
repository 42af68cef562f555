"""Counts outside the built-in tables compared when the two sentences share their wording."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, features
from conflictscan.text import _parsing as parsing

FLAGGED = [
    (
        "About 4,000 staff at the smelter will be laid off by the end of next year.",
        "About 400 staff at the smelter will be laid off by the end of next year.",
    ),
    (
        "The gang demanded a payment of 3 million euros for the stolen manuscript.",
        "The gang demanded a payment of 300,000 euros for the stolen manuscript.",
    ),
    (
        "Roughly 900 households along the estuary were told to leave their homes.",
        "Roughly 90 households along the estuary were told to leave their homes.",
    ),
]

UNFRAMED = [
    # Different wording around the numbers: a part and a whole, or two groups.
    (
        "Eight of the eleven board members backed the merger.",
        "Three of the eleven board members opposed the merger.",
    ),
    (
        "The museum lent 40 paintings to galleries this year.",
        "The museum lent 12 paintings to galleries in Kastra this year.",
    ),
    (
        "The smelter employs 4,000 staff.",
        "The owner plans to lay off 400 staff at the smelter.",
    ),
]


@pytest.mark.parametrize(("a", "b"), FLAGGED)
def test_same_wording_different_count_is_numeric_evidence(a: str, b: str) -> None:
    kinds = [e.kind for e in compare(a, b)]
    assert kinds and kinds[0] == "numeric"
    assert compare(a, b)[0].score >= 0.6
    assert features(a, b)["numbers_alignable"] == 1.0


@pytest.mark.parametrize(("a", "b"), UNFRAMED)
def test_counts_in_different_wording_keep_the_cautious_score(a: str, b: str) -> None:
    # Not framed alike: at most the halved score of a count outside the built-in tables.
    assert all(e.score <= 0.45 for e in compare(a, b) if e.kind == "numeric")


def test_the_same_count_in_the_same_wording_is_no_evidence() -> None:
    a = "About 4,000 staff at the smelter will be laid off."
    b = "About 4,000 staff at the smelter will be laid off, the union said."
    assert compare(a, b) == []


@pytest.mark.skipif(not parsing.is_available(), reason="spaCy or its English model is absent")
def test_a_name_in_first_position_counts_when_the_parse_sees_it() -> None:
    a = "Halden Steel will close 3 of its mills in the valley."
    b = "Morrow Group will close 5 of its mills in the valley."
    assert features(a, b)["entity_mismatch"] == 1.0


def test_counts_of_part_of_a_group_are_compared_only_in_the_same_wording() -> None:
    # Different subsets of one group: both can be true.
    a = "Three of the rescued miners were flown to the regional hospital."
    b = "Seven of the rescued miners went home after a check-up."
    assert [e for e in compare(a, b) if e.kind == "numeric"] == []
    # The same subset counted twice: they cannot.
    a = "The Green List won 14 of the 60 council seats."
    b = "The Green List won 9 of the 60 council seats."
    assert [e.kind for e in compare(a, b)] == ["numeric"]


def test_the_whole_after_a_share_is_not_a_count() -> None:
    a = "Roughly half of the 1,800 staff at the depot will be transferred."
    b = "About 900 staff at the depot will be transferred."
    assert [e for e in compare(a, b) if e.kind == "numeric"] == []
