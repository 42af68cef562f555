"""One arrest, death or find put at two kinds of site."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare
from conflictscan.signals._sites import SITE_SCORE, site_evidence
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b", "sites"),
    [
        (
            "The suspect was arrested at his home in the early hours.",
            "The suspect was detained at the border as he tried to leave the country.",
            ("at his home", "at the border"),
        ),
        (
            "Police arrested the driver at his flat on Sunday.",
            "The driver was arrested at the airport on Sunday.",
            ("at his flat", "at the airport"),
        ),
        (
            "The missing teenager was found at a friend's house.",
            "The missing teenager was found in the river.",
            ("at a friend's house", "in the river"),
        ),
        (
            "The reporter was killed at his home.",
            "The reporter was killed in his car.",
            ("at his home", "in his car"),
        ),
    ],
)
def test_one_event_at_two_kinds_of_site_clashes(a: str, b: str, sites: tuple[str, str]) -> None:
    [found] = site_evidence(a, b)
    assert (found.a_value, found.b_value) == sites and found.score == SITE_SCORE
    assert [e.kind for e in compare(a, b) if e.kind == "place"] == ["place"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one site, told more fully
        (
            "The suspect was arrested at his home.",
            "The suspect was arrested at his house in Leeds.",
        ),
        # two moments, a sequence, or a site nearby
        (
            "The suspect was arrested at his home on Monday.",
            "The suspect was arrested at the airport on Friday.",
        ),
        (
            "The suspect was arrested at his home and taken to a police station.",
            "The suspect was arrested at the station.",
        ),
        ("The suspect was arrested near his home.", "The suspect was arrested at the airport."),
        # another person, another kind of event, or the scene reader's hospital
        ("The suspect was arrested at his home.", "His brother was arrested at the airport."),
        ("The suspect was arrested at his home.", "The suspect was found at the airport."),
        ("The man died at his home.", "The man died in hospital."),
        # not said to hold
        ("The suspect was not arrested at his home.", "The suspect was arrested at the airport."),
    ],
)
def test_other_pairs_put_no_event_at_two_sites(a: str, b: str) -> None:
    assert site_evidence(a, b) == [] and site_evidence(b, a) == []
