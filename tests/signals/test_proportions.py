"""Two shares of one group told in words that cannot both hold."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import FLOOR_BLOCKERS, SHARE_CLASH_FLOOR, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._proportions import SHARE_SCORE, share_clash
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one action, shares that do not meet
        (
            "Most of the county's libraries will stay closed on Friday.",
            "Only a handful of county libraries will close on Friday.",
        ),
        (
            "Ferrow Outfitters will shut all 40 of its shops in Wales.",
            "Ferrow Outfitters will close only a few of its 40 shops.",
        ),
        (
            "Most of the 120 nurses at the clinic voted to accept the pay offer.",
            "Only a minority of the 120 nurses at the clinic voted in favour of the pay offer.",
        ),
        (
            "The vast majority of Tolvik residents back the new tram line.",
            "Fewer than half of Tolvik residents support the new tram line.",
        ),
        # a negated action counts the rest of the group
        (
            "Most of the ferries will not sail on Sunday.",
            "Nearly all of the ferries will sail on Sunday.",
        ),
        # two actions that exclude each other, shares that add up to more than all
        (
            "Every train out of the station was cancelled on Monday.",
            "A handful of trains left the station on Monday.",
        ),
    ],
)
def test_shares_of_one_group_that_cannot_meet_clash(a: str, b: str) -> None:
    assert share_clash(a, b) == share_clash(b, a) == 1.0
    assert features(a, b)["share_clash"] == 1.0
    [evidence] = [e for e in compare(a, b) if e.kind == "share"]
    assert evidence.score == SHARE_SCORE and "cannot meet" in evidence.note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # shares that can meet
        (
            "Most of the libraries will close on Friday.",
            "More than half of the libraries will close on Friday.",
        ),
        ("All of the hostages were freed.", "Some of the hostages were freed on Monday."),
        # two groups: another place, another noun, a name not shared
        (
            "Most libraries in Harwick closed on Friday.",
            "A handful of libraries in Dunmere closed on Friday.",
        ),
        ("Most nurses backed the offer.", "Few doctors backed the offer."),
        # two actions, or one action done to two things or by someone named on one side
        (
            "Most of the injured were taken to hospital.",
            "A handful of the injured were treated at the scene.",
        ),
        ("Most voters back the reform.", "Few voters back the amendment."),
        (
            "Most of the passengers were rescued.",
            "A handful of the passengers were rescued by a fishing boat.",
        ),
        # a hedge, or a part told apart from the rest
        ("Most of the staff were laid off.", "A handful of the staff may be laid off."),
        (
            "Most of the ferries will sail on Sunday.",
            "The remaining few ferries will not sail on Sunday.",
        ),
        # "the most", "at most" are no share
        (
            "The most popular ferries will sail on Sunday.",
            "A handful of ferries will sail on Sunday.",
        ),
    ],
)
def test_no_clash_for_shares_that_meet_or_other_groups(a: str, b: str) -> None:
    assert share_clash(a, b) == share_clash(b, a) == 0.0


def test_combiners_keep_a_share_clash_at_its_floor_unless_the_times_differ() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    low = {"lc_max": -6.0}
    assert combiner.predict({**low, "share_clash": 1.0}) == SHARE_CLASH_FLOOR
    for blocker in FLOOR_BLOCKERS:
        assert combiner.predict({**low, "share_clash": 1.0, blocker: 1.0}) < 0.01
