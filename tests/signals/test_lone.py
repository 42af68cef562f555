"""One attacker acting alone against several."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare
from conflictscan.signals._lone import LONE_SCORE, lone_evidence


@pytest.mark.parametrize(
    ("a", "b", "lone", "many"),
    [
        (
            "The gunman acted alone.",
            "Police are hunting three men who took part in the attack.",
            "acted alone",
            "three men who took part",
        ),
        (
            "A lone gunman opened fire outside the Veldt arena.",
            "At least three attackers opened fire outside the Veldt arena.",
            "lone gunman",
            "At least three attackers",
        ),
        (
            "Detectives believe the arsonist acted alone.",
            "Detectives are looking for the arsonist's accomplices.",
            "acted alone",
            "accomplices",
        ),
        (
            "A single attacker stabbed four people at the station.",
            "Witnesses saw a second attacker at the station.",
            "A single attacker",
            "a second attacker",
        ),
        (
            "The bomber acted alone.",
            "Investigators said the bomber did not act alone.",
            "acted alone",
            "did not act alone",
        ),
    ],
)
def test_one_attacker_against_several_clashes(a: str, b: str, lone: str, many: str) -> None:
    for x, y, side in ((a, b, "a"), (b, a, "b")):
        [found] = [e for e in compare(x, y) if e.kind == "numeric"]
        assert found.score == LONE_SCORE
        assert f"{side} says one attacker ({lone!r})" in found.note and repr(many) in found.note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # left open, or denied
        ("Police are investigating whether the gunman acted alone.", "Two gunmen opened fire."),
        ("A lone gunman opened fire on the crowd.", "Police have ruled out a second gunman."),
        ("The gunman acted alone.", "Police have found no evidence of accomplices."),
        # no count of attackers
        ("The gunman acted alone.", "Two people were injured in the attack."),
        ("The gunman acted alone.", "Three men were arrested for selling him the rifle."),
        # one attacker on both sides, or several on both
        ("A lone gunman opened fire.", "The gunman acted alone, police said."),
        ("Two gunmen stormed the bank.", "Three gunmen stormed the bank."),
    ],
)
def test_other_pairs_are_no_lone_attacker_clash(a: str, b: str) -> None:
    assert lone_evidence(a, b) == [] and lone_evidence(b, a) == []
