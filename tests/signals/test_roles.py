"""Roles swapped: one claim's doer is the other's done-to, in a one-way action."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import ROLE_REVERSAL_FLOOR, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._roles import ROLES_SCORE, role_reversal
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b", "doer", "done_to"),
    [
        (
            "Harlow Foods acquired Pettit Dairy last spring.",
            "Pettit Dairy acquired Harlow Foods last spring.",
            "Harlow Foods",
            "Pettit Dairy",
        ),
        (
            "Morocco beat Ghana in the final.",
            "Ghana beat Morocco in the final.",
            "Morocco",
            "Ghana",
        ),
        (
            "Senator Alma Reyes unseated Governor Piet Olsen.",
            "Governor Piet Olsen unseated Senator Alma Reyes.",
            "Alma Reyes",
            "Piet Olsen",
        ),
        # A passive's doer is its "by" phrase.
        (
            "The deputy was shot by the intruder near the farmhouse.",
            "The deputy shot the intruder near the farmhouse.",
            "intruder",
            "deputy",
        ),
        (
            "Orlen Textiles was bought by Saxby Group in 2019.",
            "Orlen Textiles bought Saxby Group in 2019.",
            "Saxby Group",
            "Orlen Textiles",
        ),
        (
            "The holders were beaten by the newcomers in the semi-final.",
            "The newcomers were beaten by the holders in the semi-final.",
            "newcomers",
            "holders",
        ),
    ],
)
def test_a_one_way_action_with_roles_swapped_clashes(
    a: str, b: str, doer: str, done_to: str
) -> None:
    assert role_reversal(a, b) == 1.0
    assert features(b, a)["role_reversal"] == 1.0
    assert features(a, b)["subject_contrast"] == 0.0
    (found,) = [e for e in compare(a, b) if e.kind == "roles"]
    assert found.score == ROLES_SCORE
    assert doer in found.a_value and done_to in found.b_value
    assert "swapped" in found.note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # An action that can run both ways at once.
        ("The mayor criticised the governor.", "The governor criticised the mayor."),
        ("Harlow Foods sued Pettit Dairy.", "Pettit Dairy sued Harlow Foods."),
        # One deal, two voices; the same doer; another buyer.
        ("Pettit Dairy was acquired by Harlow Foods.", "Harlow Foods acquired Pettit Dairy."),
        ("Harlow Foods acquired Pettit Dairy.", "Harlow Foods acquired Brisk Farms."),
        ("Harlow Foods acquired Pettit Dairy.", "Brisk Farms acquired Pettit Dairy."),
        ("The deputy was shot by the intruder.", "The intruder shot the deputy."),
        ("The deputy was shot by the intruder.", "The deputy was shot by a neighbour."),
        # A passive without "by": who acted is not said.
        ("The deputy was shot.", "The deputy shot the intruder."),
        # Different actions.
        ("Harlow Foods acquired Pettit Dairy.", "Pettit Dairy supplied Harlow Foods."),
    ],
)
def test_other_pairs_are_no_role_reversal(a: str, b: str) -> None:
    assert role_reversal(a, b) == 0.0
    assert not [e for e in compare(a, b) if e.kind == "roles"]


def test_combiners_keep_a_role_reversal_at_its_floor() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    assert combiner.predict({"lc_max": -6.0, "role_reversal": 1.0}) == ROLE_REVERSAL_FLOOR
    blocked = {"lc_max": -6.0, "role_reversal": 1.0, "other_group": 1.0}
    assert combiner.predict(blocked) < 0.01
