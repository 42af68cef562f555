"""One contest said to have been won by two different winners."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import FLOOR_BLOCKERS, WINNER_CLASH_FLOOR, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._winners import WINNER_SCORE, winner_clash
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b", "names"),
    [
        ("The relay cup was won by Finland.", "Estonia won the relay cup.", ("Finland", "Estonia")),
        (
            "Grace Okafor won the Harbour Marathon on Sunday.",
            "The Harbour Marathon was won by Lena Varga on Sunday.",
            ("Grace Okafor", "Lena Varga"),
        ),
        (
            "Tomas Brandt won the leadership contest, party officials said.",
            "Ilse Marten won the leadership contest.",
            ("Tomas Brandt", "Ilse Marten"),
        ),
        (
            "The bridge contract was awarded to Corran Group.",
            "Tallis Construction won the bridge contract.",
            ("Corran Group", "Tallis Construction"),
        ),
        # a time is no place, a possessive no part of the name, a name beside a noun names it
        (
            "Kenya's Ruth Kariuki won the women's race in two hours and 21 minutes.",
            "Ethiopia's Tigist Alemu won the women's race, finishing in 2:19:40.",
            ("Ruth Kariuki", "Tigist Alemu"),
        ),
        (
            "The ferry contract was awarded to a Polish shipyard, Gdynia Marine.",
            "Norway's Velde Yard won the ferry contract.",
            ("Gdynia Marine", "Velde Yard"),
        ),
        # one contest described more on one side
        (
            "Incumbent mayor Lisa Dahl won Sunday's election.",
            "Challenger Erik Holm won Sunday's mayoral election.",
            ("Lisa Dahl", "Challenger Erik Holm"),
        ),
        (
            "The title went to Rovena United.",
            "Dunmere Athletic won the title.",
            ("Rovena United", "Dunmere Athletic"),
        ),
    ],
)
def test_one_contest_won_by_two_winners_clashes(a: str, b: str, names: tuple[str, str]) -> None:
    assert winner_clash(a, b) == winner_clash(b, a) == 1.0
    assert features(a, b)["winner_clash"] == 1.0
    [found] = [e for e in compare(a, b) if e.kind == "identity"]
    assert found.score == WINNER_SCORE and (found.a_value, found.b_value) == names


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one winner named twice
        ("Grace Okafor won the marathon.", "Okafor won the marathon."),
        # two contests: two moments, a moment on one side only, two places, two kinds
        ("Finland won the relay cup in 2019.", "Estonia won the relay cup in 2021."),
        ("Estonia won the relay cup last year.", "Finland won the relay cup."),
        ("Brandt won the primary in Ohio.", "Marten won the primary in Iowa."),
        ("Brandt won the election.", "Marten won the election in his district."),
        ("Finland won the men's title.", "Estonia won the women's title."),
        ("Lena Varga won the race.", "Grace Okafor won the women's race."),
        ("Finland won the first stage.", "Estonia won the second stage."),
        ("Brandt won the title.", "Marten won another title."),
        ("Brandt won two titles.", "Marten won the title."),
        # several winners, shared, or not said to hold
        ("Finland won the relay cup.", "Finland and Estonia won the relay cup."),
        ("The cup was shared by Finland and Estonia.", "Estonia won the cup."),
        ("Brandt could win the election.", "Marten won the election."),
        ("Brandt did not win the election.", "Marten won the election."),
        # a prize is often shared, and a common noun is no named winner
        ("Anna Berg won the Nobel Prize in Physics.", "Karl Holm won the Nobel Prize in Physics."),
        ("A local runner won the marathon.", "Lena Varga won the marathon."),
    ],
)
def test_other_pairs_are_no_winner_clash(a: str, b: str) -> None:
    assert winner_clash(a, b) == 0.0 and winner_clash(b, a) == 0.0


def test_combiners_keep_a_winner_clash_at_its_floor_unless_the_times_differ() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    low = {"lc_max": -6.0}
    assert combiner.predict({**low, "winner_clash": 1.0}) == WINNER_CLASH_FLOOR
    for blocker in FLOOR_BLOCKERS:
        assert combiner.predict({**low, "winner_clash": 1.0, blocker: 1.0}) < 0.01


def test_two_winners_as_subjects_are_no_subject_contrast() -> None:
    # The subjects are the two winners, which differ by design: nothing may block the floor.
    a = "Kenya's Ruth Kariuki won the women's race in two hours and 21 minutes."
    b = "Ethiopia's Tigist Alemu won the women's race, finishing in 2:19:40."
    found = features(a, b)
    assert found["winner_clash"] == 1.0
    assert found["subject_contrast"] == found["other_group"] == 0.0
