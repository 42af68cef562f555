"""One match told with winner and loser swapped, in any of the ways results are written
(signals/_results.py)."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, features
from conflictscan.signals._results import result_swap


@pytest.mark.parametrize(
    ("a", "b", "winner"),
    [
        (
            "Harlow Town came from behind to beat Ostley United 2-1 at Mill Lane on Saturday.",
            "Ostley United sealed a 2-1 away win over Harlow Town on Saturday.",
            "Harlow Town",
        ),
        (
            "The Redhawks lost 88-84 to the Stallions on Sunday.",
            "The Redhawks edged past the Stallions 88-84 on Sunday.",
            "the Stallions",
        ),
        (
            "Vessa were beaten 3-0 by Brandt.",
            "Vessa's 3-0 victory over Brandt lifted them top.",
            "Brandt",
        ),
        (
            "Ana Ruiz defeated Mia Lund in straight sets.",
            "Mia Lund won 6-4 6-3 against Ana Ruiz.",
            "Ana Ruiz",
        ),
    ],
)
def test_a_result_with_winner_and_loser_swapped_is_roles_swapped(
    a: str, b: str, winner: str
) -> None:
    found = result_swap(a, b)
    assert found is not None and found[0] == winner
    assert result_swap(b, a) is not None
    assert features(a, b)["role_reversal"] == 1.0
    [evidence] = [e for e in compare(a, b) if e.kind == "roles"]
    assert "winner and loser swapped" in evidence.note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same winner, told two ways
        ("Vessa were beaten 3-0 by Brandt.", "Brandt's 3-0 win over Vessa lifted them top."),
        # another match: another opponent, or a leg of a tie
        ("On Saturday, Vessa beat Brandt 2-0.", "Brandt beat Kolby 2-0 on Saturday."),
        ("Vessa beat Brandt in the first leg.", "Brandt beat Vessa 2-0 in the return leg."),
        # no match result
        ("The Senate passed the bill.", "The House defeated the bill."),
    ],
)
def test_no_swap_for_one_winner_or_another_match(a: str, b: str) -> None:
    assert result_swap(a, b) is None and result_swap(b, a) is None
