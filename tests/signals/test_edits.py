"""Minimal edits, and minimal edits in numbers that agree."""

from __future__ import annotations

import pytest

from conflictscan.signals import features
from conflictscan.signals._edits import compatible_edit


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Fewer than 60 people attended the vigil.", "Some 45 people attended the vigil."),
        ("The council will cut about 300 posts.", "The council will cut 290 posts."),
        ("Unemployment fell to almost 5 percent.", "Unemployment fell to 4.9 percent."),
        ("The lottery paid out over 2,000 prizes.", "The lottery paid out 2,350 prizes."),
        (
            "Up to 40 lorries were stuck at the border.",
            "About 35 lorries were stuck at the border.",
        ),
    ],
)
def test_an_edit_in_numbers_that_agree_is_compatible(a: str, b: str) -> None:
    assert compatible_edit(a, b) == 1.0
    assert features(a, b)["compatible_edit"] == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Numbers that cannot both be true.
        ("More than 60 people attended the vigil.", "Some 45 people attended the vigil."),
        ("The council will cut 300 posts.", "The council will cut 190 posts."),
        # The same figures swapped round.
        ("The motion passed by 61 votes to 39.", "The motion passed by 39 votes to 61."),
        # Something besides the numbers changed.
        ("Fewer than 60 people attended the vigil.", "Some 45 people attended the march."),
        # Not an edit of one claim at all.
        ("Fewer than 60 people attended the vigil.", "The vigil drew a crowd of some 45."),
        # No number changed.
        ("The vigil was held on Sunday.", "The vigil was cancelled on Sunday."),
    ],
)
def test_other_pairs_are_not_compatible_edits(a: str, b: str) -> None:
    assert compatible_edit(a, b) == 0.0
