"""One thing given two ranks of one measure, in one scope."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare
from conflictscan.signals._ranks import RANK_SCORE, rank_evidence
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b", "ranks"),
    [
        (
            "Halvorsen Bank is the country's biggest lender.",
            "Halvorsen Bank is the country's fifth-largest lender.",
            "(1) vs",
        ),
        (
            "Kestrel is the largest carmaker in the region.",
            "Kestrel is the region's third-biggest carmaker.",
            "(3)",
        ),
        (
            "Port Aldra is the 2nd-busiest port in Europe.",
            "Port Aldra is Europe's busiest port.",
            "(2)",
        ),
    ],
)
def test_one_thing_given_two_ranks_clashes(a: str, b: str, ranks: str) -> None:
    [evidence] = [e for e in compare(a, b) if e.kind == "numeric"]
    assert evidence.score == RANK_SCORE and ranks in evidence.note
    assert rank_evidence(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Another scope, another measure, another thing ranked, another subject.
        (
            "Kestrel is the largest carmaker in the region.",
            "Kestrel is the third-biggest carmaker in the world.",
        ),
        (
            "Kestrel is the largest carmaker in the region.",
            "Kestrel is the oldest carmaker in the region.",
        ),
        (
            "Kestrel is the largest carmaker in the region.",
            "Kestrel is the second-largest employer in the region.",
        ),
        (
            "Kestrel is the largest carmaker in the region.",
            "Brenna is the second-largest carmaker in the region.",
        ),
        # A rank that changed, or two stated times.
        (
            "Kestrel was once the largest carmaker in the region.",
            "Kestrel is the region's third-biggest carmaker.",
        ),
        (
            "In 2019 Kestrel was the region's largest carmaker.",
            "Kestrel is the region's third-biggest carmaker.",
        ),
        # One rank on each side that agrees; no noun ranked.
        (
            "Kestrel is the region's largest carmaker.",
            "Kestrel is the biggest carmaker in the region.",
        ),
        ("The airport is the busiest in Europe.", "The airport is Europe's third-busiest."),
    ],
)
def test_ranks_that_can_both_hold_do_not_clash(a: str, b: str) -> None:
    assert rank_evidence(a, b) == [] and rank_evidence(b, a) == []
