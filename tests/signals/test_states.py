"""A state said to have ended against the same state said to go on."""

from __future__ import annotations

import pytest

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
    ],
)
def test_no_clash_for_other_things_or_without_both_sides(a: str, b: str) -> None:
    assert state_clash(a, b) == 0.0


def test_parts_of_a_group_are_no_state_clash() -> None:
    assert state_clash("Three of five workers were freed.", "Two workers remain held.") == 0.0
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
