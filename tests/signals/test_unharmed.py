"""A whole group that came through is a count of nobody dead, or nobody hurt."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, extract_quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Everyone on board survived the ditching.", ["0 dead"]),
        ("All the passengers escaped unhurt.", ["0 injured"]),
        ("Everyone in the old mill survived the fire.", ["0 dead"]),
        ("All those on board were unharmed, the coastguard said.", ["0 injured"]),
        ("Everybody inside the hall survived.", ["0 dead"]),
        ("Both pilots survived the crash landing.", ["0 dead"]),
        # Not a whole group, or not one that came through.
        ("Not everyone survived the ditching.", []),
        ("All survived.", []),
        ("Both survived.", []),
        ("Everyone agreed the old mill had survived.", []),
        ("Everyone in the town said the mayor survived.", []),
    ],
)
def test_a_whole_group_that_came_through_is_a_zero_count(text: str, expected: list[str]) -> None:
    assert [q.describe() for q in extract_quantities(text)] == expected


def test_a_group_that_survived_clashes_with_deaths_not_with_injuries() -> None:
    survived = "Everyone on board survived when the ferry ran aground."
    died = "Three passengers died when the ferry ran aground."
    hurt = "Three passengers were injured when the ferry ran aground."
    (found,) = [e for e in compare(survived, died) if e.kind == "numeric"]
    assert found.note == "0 dead vs 3 dead"
    assert not [e for e in compare(survived, hurt) if e.kind == "numeric"]


def test_unhurt_covers_deaths_too() -> None:
    unhurt = "All the passengers escaped unhurt from the derailed train."
    died = "Two passengers died in the derailed train."
    assert [e.kind for e in compare(unhurt, died)] == ["numeric"]


def test_a_group_that_survived_clashes_with_some_of_it_dead() -> None:
    # "One of the pilots" is part of a group, compared with nobody dead of the whole group.
    pairs = [
        ("Both pilots survived the crash landing.", "One of the pilots died in the crash."),
        ("All the passengers survived the fire.", "Two of the passengers died in the fire."),
    ]
    for survived, died in pairs:
        assert [e.kind for e in compare(survived, died)] == ["numeric"]
    part = "Two of the passengers were treated for smoke inhalation."
    assert not compare("All the passengers survived the fire.", part)
