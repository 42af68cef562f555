"""A unanimous vote against a vote with some against it."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare
from conflictscan.signals._unanimous import UNANIMOUS_SCORE, unanimous_evidence


@pytest.mark.parametrize(
    ("a", "b", "against"),
    [
        (
            "The assembly approved the harbour levy unanimously.",
            "The harbour levy passed by 44 votes to 6.",
            "44 votes to 6",
        ),
        (
            "Shareholders gave unanimous backing to the buyout.",
            "Two shareholders voted against the buyout.",
            "Two shareholders voted against",
        ),
        (
            "The panel approved the 40-home scheme unanimously on Tuesday.",
            "The 40-home scheme was approved by eight votes to three on Tuesday.",
            "eight votes to three",
        ),
        (
            "The trust's board backed the sale unanimously.",
            "Three of the trust's eleven trustees voted against the sale.",
            "Three of the trust's eleven trustees voted against",
        ),
        (
            "The committee backed the zoning change in a unanimous vote.",
            "The committee approved the zoning change 7-2.",
            "approved the zoning change 7-2",
        ),
    ],
)
def test_unanimity_against_votes_against_clashes(a: str, b: str, against: str) -> None:
    for x, y, side in ((a, b, "a"), (b, a, "b")):
        [found] = [e for e in compare(x, y) if e.kind == "numeric"]
        assert found.score == UNANIMOUS_SCORE and against in found.note
        assert f"{side} says the vote was unanimous" in found.note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # no vote against: none, or abstentions
        ("The assembly approved the harbour levy unanimously.", "The levy passed 50-0."),
        (
            "The assembly approved the harbour levy unanimously.",
            "Two members abstained in the vote on the harbour levy.",
        ),
        # unanimity denied, or on both sides
        (
            "The vote on the harbour levy was not unanimous.",
            "Six members voted against the harbour levy.",
        ),
        (
            "The assembly backed the harbour levy unanimously.",
            "The harbour levy was approved unanimously on Friday.",
        ),
        # another vote: no shared topic
        ("The assembly approved the harbour levy unanimously.", "The school board voted 5-2."),
    ],
)
def test_other_pairs_are_no_unanimity_clash(a: str, b: str) -> None:
    assert unanimous_evidence(a, b) == [] and unanimous_evidence(b, a) == []
