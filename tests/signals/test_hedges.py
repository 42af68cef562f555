"""A step that may come against the same step not taken yet."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import PENDING_HEDGE_CAP, Combiner
from conflictscan.signals import features
from conflictscan.signals._hedges import pending_hedge


@pytest.mark.parametrize(
    ("maybe", "pending"),
    [
        (
            "The regional council is considering a ban on night flights.",
            "No ban on night flights has been approved.",
        ),
        ("Mayor Okoro may run for the Senate.", "Okoro has not announced a Senate run."),
        ("The airline is likely to cut fares this winter.", "The airline has yet to cut fares."),
        ("Tarvo Group plans to raise its offer.", "Tarvo Group has not raised its offer yet."),
        (
            "Strikes are possible at the port if the pay talks fail.",
            "The dockers' union said no decision on strikes had been made.",
        ),
    ],
)
def test_a_possibility_against_the_step_not_taken_yet_is_pending(maybe: str, pending: str) -> None:
    assert pending_hedge(maybe, pending) == 1.0
    assert pending_hedge(pending, maybe) == 1.0
    assert features(maybe, pending)["pending_hedge"] == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # No possibility on either side: the step was reported taken.
        ("The minister resigned on Friday.", "The minister has not resigned."),
        ("Regulators approved the drug.", "Regulators have not yet approved the drug."),
        # The plan itself is denied: it will not come.
        (
            "About 200 jobs could be cut at the bakery.",
            "There are no job cuts planned at the bakery.",
        ),
        # "May" the month is no possibility.
        ("The election will be held in May.", "No election date has been set."),
        # Two different things.
        ("The council may close the library.", "No decision on the swimming pool has been made."),
    ],
)
def test_other_pairs_are_not_pending(a: str, b: str) -> None:
    assert pending_hedge(a, b) == 0.0


def test_combiners_cap_a_pending_hedge() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=5.0, means={}, scales={})
    assert combiner.predict({"lc_max": 6.0, "pending_hedge": 1.0}) == PENDING_HEDGE_CAP
    assert combiner.predict({"lc_max": 6.0}) > 0.99
