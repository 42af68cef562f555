"""One measure said to have gone up and down, in claims worded apart."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import DIRECTION_CLASH_FLOOR, FLOOR_BLOCKERS, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._directions import DIRECTION_SCORE, direction_clash
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Unemployment in Portugal increased in May.", "Portuguese joblessness declined in May."),
        (
            "Shares of Harken Foods closed 3.1% higher in Lisbon on Tuesday.",
            "Harken Foods' stock ended Tuesday's session in Lisbon sharply lower.",
        ),
        (
            "The Bank of Ostmark raised its main rate by a quarter point on Thursday.",
            "Ostmark's central bank cut interest rates on Thursday.",
        ),
    ],
)
def test_one_measure_up_and_down_clashes(a: str, b: str) -> None:
    assert direction_clash(a, b) == direction_clash(b, a) == 1.0
    assert features(a, b)["direction_clash"] == 1.0
    [evidence] = [e for e in compare(a, b) if e.kind == "opposite"]
    assert evidence.score == DIRECTION_SCORE and "up and down" in evidence.note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two measures, two places, two doers' measures
        ("Exports rose in March.", "Imports fell in March."),
        ("Unemployment in Portugal rose.", "Unemployment in Spain fell."),
        ("The company cut 200 jobs.", "The company raised its dividend."),
        # part of the day, a hedge, a negation, a change of course
        ("Shares of Harken rose in early trading.", "Harken's stock closed lower."),
        ("Prices could rise next year.", "Prices fell."),
        ("The death toll rose to 40.", "The death toll did not fall."),
        ("Inflation rose again in May.", "Inflation fell in May."),
    ],
)
def test_no_direction_clash_for_other_measures_or_moments(a: str, b: str) -> None:
    assert direction_clash(a, b) == 0.0 and direction_clash(b, a) == 0.0


def test_combiners_keep_a_direction_clash_at_its_floor_unless_the_times_differ() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    low = {"lc_max": -6.0}
    assert combiner.predict({**low, "direction_clash": 1.0}) == DIRECTION_CLASH_FLOOR
    for blocker in FLOOR_BLOCKERS:
        assert combiner.predict({**low, "direction_clash": 1.0, blocker: 1.0}) < 0.01
