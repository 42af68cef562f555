"""Where someone died: at the scene against later, in hospital."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare
from conflictscan.signals._scene import SCENE_SCORE, scene_evidence
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The pedestrian died at the scene.", "The pedestrian died in hospital on Sunday."),
        (
            "The lorry driver was pronounced dead at the scene.",
            "The lorry driver was taken to Arden General Hospital, where he later died.",
        ),
        ("The guard was killed instantly.", "The guard later died of his injuries."),
        (
            "The rider died at the scene.",
            "The rider was airlifted to Tollan Royal Hospital with serious head injuries.",
        ),
        # an age or an of-phrase in the subject is no count
        (
            "The 61-year-old owner of the shop was pronounced dead at the scene on Friday.",
            "The shop owner, 61, was flown to Dunmore General Hospital, where he died.",
        ),
        (
            "The intruder died on the spot.",
            "The intruder died in the city's main hospital hours later.",
        ),
    ],
)
def test_one_death_at_the_scene_and_later_clashes(a: str, b: str) -> None:
    for x, y in ((a, b), (b, a)):
        [found] = [e for e in compare(x, y) if e.kind == "place"]
        assert found.score == SCENE_SCORE
        assert "at the scene" in found.note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # both at the scene, or both later
        ("The pedestrian died at the scene.", "The pedestrian was pronounced dead at the scene."),
        ("The pedestrian died in hospital.", "The pedestrian later died of her injuries."),
        # part of a group, or another one
        ("Two passengers died at the scene.", "The passengers died in hospital."),
        ("The pedestrian died at the scene.", "Another pedestrian died in hospital."),
        # one claim says both
        (
            "One man died at the scene and his brother died in hospital.",
            "The man died in hospital.",
        ),
        # two people
        ("The driver died at the scene.", "The passenger died in hospital."),
        # left open
        ("The pedestrian may have died at the scene.", "The pedestrian died in hospital."),
        # taken to hospital is no death
        ("The pedestrian died at the scene.", "The pedestrian was taken to hospital."),
    ],
)
def test_other_pairs_give_no_scene_evidence(a: str, b: str) -> None:
    assert scene_evidence(a, b) == [] and scene_evidence(b, a) == []
