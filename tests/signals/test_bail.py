"""Bail said to have been granted against bail refused, or not yet decided."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import BAIL_CLASH_FLOOR, FLOOR_BLOCKERS, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._bail import BAIL_SCORE, bail_clash


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        (
            "A court in Brenholt on Monday refused bail to Oskar Lind, the banker wanted abroad.",
            "The court set bail at 300,000 crowns, and Lind must report to police every day.",
            ("refused bail", "set bail"),
        ),
        (
            "Former harbour commissioner Ada Voss was freed on bail on Tuesday.",
            "No decision on bail has yet been taken, the prosecutor said.",
            ("freed on bail", "No decision on bail"),
        ),
        (
            "Ada Voss was released on bail after two weeks in custody.",
            "The bail hearing had been adjourned until Friday.",
            ("released on bail", "bail hearing had been adjourned"),
        ),
        (
            "The magistrate turned down his application for bail.",
            "Bail was granted on strict conditions.",
            ("turned down his application for bail", "Bail was granted"),
        ),
        (
            "Lind was not granted bail.",
            "Lind was freed on bail.",
            ("not granted bail", "freed on bail"),
        ),
        (
            "Lind was remanded in custody.",
            "Lind was released on bail.",
            ("remanded in custody", "released on bail"),
        ),
    ],
)
def test_bail_granted_against_refused_or_undecided_clashes(
    a: str, b: str, words: tuple[str, str]
) -> None:
    assert bail_clash(a, b) == bail_clash(b, a) == 1.0
    assert features(a, b)["bail_clash"] == 1.0
    [found] = [e for e in compare(a, b) if e.kind == "state"]
    assert found.score == BAIL_SCORE and (found.a_value, found.b_value) == words


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one side only, or both the same way
        ("Lind was refused bail.", "Lind appeared in court on Monday."),
        ("Lind was refused bail.", "The court denied Lind bail."),
        # a later step, others, or a step still to come
        ("Lind was granted bail on appeal.", "Lind was refused bail."),
        ("Two co-defendants were released on bail.", "Lind was refused bail."),
        ("Lind's co-accused, Berg, was released on bail.", "Lind was remanded in custody."),
        ("Lind will seek bail at a hearing on Friday.", "Lind was refused bail."),
        ("Lind could be granted bail next week.", "Lind was refused bail."),
        # two people named, none in common
        (
            "The former deputy, Greta Valen, was released on bail last Friday.",
            "There has been no bail hearing, and Mr Heskey has not left the prison.",
        ),
    ],
)
def test_other_pairs_are_no_bail_clash(a: str, b: str) -> None:
    assert bail_clash(a, b) == 0.0 and bail_clash(b, a) == 0.0


def test_combiners_keep_a_bail_clash_at_its_floor_unless_the_times_differ() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    low = {"lc_max": -6.0}
    assert combiner.predict({**low, "bail_clash": 1.0}) == BAIL_CLASH_FLOOR
    for blocker in FLOOR_BLOCKERS:
        assert combiner.predict({**low, "bail_clash": 1.0, blocker: 1.0}) < 0.01
