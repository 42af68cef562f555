"""A state said to have ended against the same state said to go on."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import (
    FLOOR_BLOCKERS,
    STATE_CLASH_FLOOR,
    Combiner,
    default_combiner,
)
from conflictscan.signals import compare, features
from conflictscan.signals._states import STATE_SCORE, state_clash
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("ended", "goes_on"),
    [
        (
            "The coastal highway reopened to traffic on Wednesday.",
            "The coastal highway remains closed.",
        ),
        (
            "The Marra Belle was refloated on Friday evening.",
            "The Marra Belle was still aground on Saturday.",
        ),
        (
            "Officials reopened the Kestwick clinic to new patients.",
            "The clinic remains shut to new patients.",
        ),
        (
            "Former minister Ida Solm was freed on bail on Tuesday.",
            "Solm remained in custody on Tuesday night.",
        ),
        ("The bridge reopened on Monday.", "The bridge will stay shut until at least Friday."),
        # Caught against still at large, out of office against still in it, a rule ended
        # against a rule still in force.
        ("The suspect was arrested on Sunday.", "The suspect remains at large."),
        (
            "The escaped inmate was taken back into custody near Lyle Creek.",
            "The escaped inmate was still on the run on Tuesday night.",
        ),
        ("The chief executive stepped down in May.", "The chief executive remains in charge."),
        ("The curfew law was repealed last year.", "The curfew law is still in force."),
        # Destroyed against still standing or in use.
        ("The footbridge collapsed after the storm.", "The footbridge remains open to walkers."),
        ("The old granary burned down in 1998.", "The granary is still in use as a store."),
        # A planned ending against a state with no end in sight.
        (
            "Ferry services will resume next week.",
            "Ferry services have been suspended indefinitely.",
        ),
    ],
)
def test_an_ended_state_clashes_with_the_same_state_going_on(ended: str, goes_on: str) -> None:
    assert state_clash(ended, goes_on) == 1.0
    assert state_clash(goes_on, ended) == 1.0
    assert features(ended, goes_on)["state_clash"] == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Another thing: a place named in the phrase is not the subject.
        (
            "The main road through Fennick reopened on Wednesday.",
            "The evacuation order for Fennick remains in place.",
        ),
        ("Tram services ran normally on Tuesday.", "The rail tunnel remains closed."),
        # A negated ending is no ending.
        (
            "The railway remained closed on Wednesday.",
            "Engineers said the railway would not reopen before next week.",
        ),
        # ... however the negation is written
        (
            "The ferry terminal will stay closed into May.",
            "The ferry terminal won't reopen in April.",
        ),
        ("The museum remains shut.", "The museum wouldn’t reopen before the summer."),
        # Both end, or neither goes on.
        ("The bridge reopened on Monday.", "The bridge reopened to lorries on Tuesday."),
        ("The bridge reopened on Monday.", "The bridge was closed on Sunday."),
        # Another person caught, or another office held.
        ("Police arrested two men on Tuesday.", "A third suspect remains at large."),
        ("The coach was sacked on Monday.", "The club's chairman remains in charge."),
        ("The suspect has not been arrested.", "The suspect remains at large."),
        # A fall in value is no wreck; another structure still stands.
        ("Shares in Dalby collapsed on Monday.", "Shares in Dalby remain higher this year."),
        ("The footbridge collapsed after the storm.", "The road bridge remains open."),
        ("Ferry services will resume next week.", "Ferry services were suspended on Monday."),
    ],
)
def test_no_clash_for_other_things_or_without_both_sides(a: str, b: str) -> None:
    assert state_clash(a, b) == 0.0


def test_parts_of_a_group_are_no_state_clash() -> None:
    assert state_clash("Three of five workers were freed.", "Two workers remain held.") == 0.0
    assert state_clash("Two workers were freed.", "Two workers remain held.") == 0.0
    # The same group counted alike with "the" on both sides is one group.
    freed = "The two journalists were released on Tuesday after paying a fine."
    assert state_clash(freed, "The two journalists remain in detention.") == 1.0
    assert state_clash(freed, "The three journalists remain in detention.") == 0.0
    # A date after the subject is no count.
    assert (
        state_clash(
            "Schools in Lennmark, closed since September 11, will reopen on Wednesday.",
            "Schools in Lennmark remain open.",
        )
        == 1.0
    )


def test_the_clash_is_explained_as_state_evidence() -> None:
    found = [
        e
        for e in compare(
            "The Marra Belle was still aground on Saturday.",
            "The Marra Belle was refloated on Friday evening.",
        )
        if e.kind == "state"
    ]
    assert [(e.a_value, e.b_value, e.score) for e in found] == [
        ("still aground", "refloated on Friday", STATE_SCORE)
    ]
    assert (
        found[0].note
        == "b says it ended ('refloated on Friday'), a that it goes on ('still aground')"
    )


def test_combiners_keep_a_state_clash_at_its_floor_unless_timed_apart() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    low = {"lc_max": -6.0}
    assert combiner.predict({**low, "state_clash": 1.0}) == STATE_CLASH_FLOOR == STATE_SCORE
    for blocker in (*FLOOR_BLOCKERS, "time_shift"):
        assert combiner.predict({**low, "state_clash": 1.0, blocker: 1.0}) < 0.01


def test_a_recapture_against_still_at_large_is_flagged_by_the_default_combiner() -> None:
    a = "Police said the prisoner who escaped on Sunday was recaptured on Wednesday."
    b = "The prisoner who escaped on Sunday was still at large on Thursday, police said."
    feats = features(a, b)
    assert feats["state_clash"] == 1.0 and feats["time_shift"] == 0.0
    # Read as unrelated by the model (P(contradiction) 0.05 both ways), held at the floor.
    nli = {"c_max": 0.05, "c_min": 0.05, "lc_max": -2.9, "lc_min": -2.9, "n_min": 0.9}
    assert default_combiner("standard").predict({**feats, **nli}) == STATE_CLASH_FLOOR


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The fire at the Harlow paint works was extinguished late on Tuesday.",
            "Firefighters were still battling the blaze at the Harlow paint works on Wednesday.",
            1.0,
        ),
        ("The moorland wildfire was put out on Sunday.", "The moorland blaze still rages.", 1.0),
        # another fire, or "fighting" for something else
        (
            "The fire at the warehouse was extinguished.",
            "Firefighters are still battling a second fire at the depot.",
            0.0,
        ),
        ("The fire was put out on Monday.", "The fire brigade is still fighting for funds.", 0.0),
    ],
)
def test_a_fire_put_out_against_one_still_burning(a: str, b: str, expected: float) -> None:
    assert state_clash(a, b) == state_clash(b, a) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The climber who went missing on Ben Lair was found alive by rescuers on Monday.",
            "The search for the climber missing on Ben Lair was continuing.",
            1.0,
        ),
        (
            "The three fishermen were rescued on Sunday.",
            "Lifeboat crews were still searching for the three fishermen.",
            1.0,
        ),
        # someone else searched for
        (
            "The three fishermen were rescued on Sunday.",
            "Lifeboat crews were still searching for a fourth fisherman.",
            0.0,
        ),
        ("The missing boy was found on Monday.", "The search for the boy's father continues.", 0.0),
    ],
)
def test_one_found_against_a_search_for_the_same_one_going_on(
    a: str, b: str, expected: float
) -> None:
    assert state_clash(a, b) == state_clash(b, a) == expected
