"""One event said to have been called off against the same event said to have gone ahead."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import FLOOR_BLOCKERS, HELD_CLASH_FLOOR, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._held import HELD_SCORE, held_clash
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        (
            "The dock strike was called off after last-minute talks.",
            "The dock strike went ahead as planned on Monday.",
            ("was called off", "went ahead as planned"),
        ),
        (
            "The harbour concert was cancelled because of the storm.",
            "The harbour concert went ahead despite the storm.",
            ("was cancelled", "went ahead"),
        ),
        # what "cancelled" acts on is the event
        (
            "Organisers cancelled the Tarnby marathon.",
            "The Tarnby marathon took place on Sunday.",
            ("cancelled", "took place"),
        ),
        (
            "The vote did not take place.",
            "The vote was held on Tuesday.",
            ("did not take place", "was held"),
        ),  # fmt: skip
        (
            "The cup final was abandoned because of rain.",
            "The cup final was played to a finish despite the rain.",
            ("was abandoned", "was played"),
        ),
        # put off, against held as scheduled
        (
            "The board meeting was postponed.",
            "The board meeting took place as scheduled.",
            ("postponed", "took place as scheduled"),
        ),
    ],
)
def test_called_off_against_gone_ahead_clashes(a: str, b: str, words: tuple[str, str]) -> None:
    assert held_clash(a, b) == held_clash(b, a) == 1.0
    assert features(a, b)["held_clash"] == 1.0
    [found] = [e for e in compare(a, b) if e.kind == "state"]
    assert found.score == HELD_SCORE and (found.a_value, found.b_value) == words


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # put off, then held on another day: an update
        ("The board meeting was postponed.", "The board meeting took place on Friday."),
        # a cancellation denied, one still to come, or left open
        ("The festival was not cancelled.", "The festival went ahead."),
        ("The festival went ahead.", "The festival will be cancelled next year."),
        (
            "Organisers are deciding whether the festival will be cancelled.",
            "The festival went ahead.",
        ),
        # a thing left behind is no event called off
        ("The car was abandoned on the bridge.", "The car was seen on the bridge."),
        # another event, or part of a group
        ("The concert was cancelled.", "The festival went ahead."),
        ("The meeting took place as scheduled.", "The next meeting has been postponed."),
        ("The board cancelled the next meeting.", "The meeting took place as scheduled."),
        ("Several flights were cancelled.", "The flights went ahead."),
        # both accounts in one claim
        (
            "The concert was cancelled but the parade went ahead.",
            "The concert went ahead.",
        ),
    ],
)
def test_other_pairs_are_no_held_clash(a: str, b: str) -> None:
    assert held_clash(a, b) == 0.0 and held_clash(b, a) == 0.0


def test_combiners_keep_a_held_clash_at_its_floor_unless_the_times_differ() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    low = {"lc_max": -6.0}
    assert combiner.predict({**low, "held_clash": 1.0}) == HELD_CLASH_FLOOR
    for blocker in FLOOR_BLOCKERS:
        assert combiner.predict({**low, "held_clash": 1.0, blocker: 1.0}) < 0.01
