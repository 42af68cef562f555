"""One action said to be done and not done, by one doer, in claims worded apart."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import (
    ACTION_NEGATED_FLOOR,
    FLOOR_BLOCKERS,
    Combiner,
)
from conflictscan.signals import compare, features
from conflictscan.signals._negations import NEGATION_SCORE, action_negated
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Brenmoor Mining paid an interim dividend of 9 pence a share this year.",
            "Brenmoor Mining has not paid a dividend this year.",
        ),
        ("The keeper played the full 90 minutes on Sunday.", "The keeper did not play on Sunday."),
        ("Kelvin Foods paid a dividend.", "Kelvin Foods paid no dividend this year."),
        ("Police arrested the driver at the scene.", "Police did not arrest anyone at the scene."),
        (
            "The mayor signed the housing order on Friday afternoon.",
            "The mayor failed to sign the housing order, leaving it to lapse.",
        ),
    ],
)
def test_one_doer_doing_and_not_doing_one_action_clashes(a: str, b: str) -> None:
    assert action_negated(a, b) == action_negated(b, a) == 1.0
    assert features(a, b)["action_negated"] == 1.0
    [evidence] = [e for e in compare(a, b) if e.kind == "opposite"]
    assert evidence.score == NEGATION_SCORE and "done and not done" in evidence.note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Two doers of one kind, or another one.
        ("The first suspect confessed.", "The second suspect did not confess."),
        ("The north gate opened on time.", "The other gate did not open."),
        # Done to two things.
        ("The company paid the fine.", "The company did not pay the rent."),
        # A step still to come, a hedge, a condition.
        ("The company paid the fine.", "The company has not yet paid the fine."),
        ("The minister attended the summit.", "The minister may not attend the summit."),
        ("The club sold the striker.", "The club will not sell the striker if he stays fit."),
        # Both, or neither, negated; a verb that says little of its own.
        ("The club did not sell the striker.", "The club never sold the striker."),
        ("The plan was a success.", "The plan was not a success."),
    ],
)
def test_no_clash_for_other_doers_things_or_hedged_steps(a: str, b: str) -> None:
    assert action_negated(a, b) == 0.0


def test_combiners_keep_a_negated_action_at_its_floor_unless_the_times_differ() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    low = {"lc_max": -6.0}
    assert combiner.predict({**low, "action_negated": 1.0}) == ACTION_NEGATED_FLOOR
    for blocker in FLOOR_BLOCKERS:
        assert combiner.predict({**low, "action_negated": 1.0, blocker: 1.0}) < 0.01
