"""Game scores, counts tied to one act by the parse, and a count followed by a second."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, extract_quantities
from conflictscan.signals._anchors import anchors
from conflictscan.signals._scores import score_evidence
from conflictscan.text import _parsing as parsing

needs_parse = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


def _scores(a: str, b: str) -> list[str]:
    return [e.note for e in score_evidence(a, b)]


@needs_parse
@pytest.mark.parametrize(
    ("a", "b", "note"),
    [
        (
            "Harlow Rangers beat Kettering Vale 4-2 in the cup on Tuesday night.",
            "Kettering Vale's 3-2 defeat by Harlow Rangers ended their cup run.",
            "score 4-2 vs 3-2",
        ),
        (
            "Molberg drew 1-1 with Tavistock Albion, a stoppage-time header saving a point.",
            "Molberg beat Tavistock Albion 2-1 thanks to a late header.",
            "score 1-1 vs 2-1",
        ),
    ],
)
def test_one_game_with_two_scores_clashes(a: str, b: str, note: str) -> None:
    assert _scores(a, b) == [note]
    assert note in [e.note for e in compare(a, b) if e.kind == "numeric"]


@needs_parse
@pytest.mark.parametrize(
    ("a", "b"),
    [
        # The same score written from either side.
        ("Harlow Rangers beat Kettering Vale 4-2.", "Kettering Vale lost 2-4 to Harlow Rangers."),
        # Two games: each sentence names a team the other leaves out.
        ("Harlow Rangers beat Kettering Vale 4-2.", "Dunsford Town beat Kettering Vale 3-0."),
        # Another season's game.
        (
            "Harlow Rangers beat Kettering Vale 4-2.",
            "Last season Harlow lost 1-0 to Kettering Vale.",
        ),
        # Another day's game.
        (
            "Harlow Rangers beat Kettering Vale 4-2 on Saturday.",
            "Harlow Rangers lost 3-1 to Kettering Vale on Wednesday night.",
        ),
        # No team in common.
        ("Harlow Rangers won 4-2 on Saturday.", "Dunsford Town won 3-0 on Saturday."),
        # Several scores, or a score that is not a game's.
        ("Harlow won the tie 5-3 on aggregate.", "Harlow won the second leg 2-1."),
        ("Ilse Marek beat Dora Vell 6-4, 6-3.", "Marek beat Dora Vell 7-5 in the final."),
        ("The court upheld the ban by 5-4.", "The court upheld the ban 6-3 in Vellmark."),
        # A range of a unit.
        (
            "Harlow shares lost 2-3 percent after the defeat by Kettering Vale.",
            "Harlow shares lost 4-5 percent after the defeat by Kettering Vale.",
        ),
        # No word for a result near the numbers.
        ("Doors open at 10-11 Harbour Road.", "Doors open at 12-14 Harbour Road."),
    ],
)
def test_scores_that_can_both_be_true_do_not_clash(a: str, b: str) -> None:
    assert _scores(a, b) == []


@needs_parse
def test_counts_of_one_act_are_compared_when_the_tables_do_not_know_the_thing() -> None:
    a = "A total of 61,200 students sat the driving theory test last year."
    b = "Some 48,000 students took the driving theory test last year, the agency said."
    assert [e.note for e in compare(a, b) if e.kind == "numeric"] == [
        "61,200 students vs about 48,000 students"
    ]
    demanded = "The hijackers demanded a ransom of 3 million euros."
    again = "The hijackers demanded 800,000 euros for the crew's release."
    assert [e.kind for e in compare(demanded, again)] == ["numeric"]


@needs_parse
@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Different acts of the same kind of people.
        ("Some 40 students passed the test.", "Some 400 students sat the test."),
        ("Twelve passengers were treated in hospital.", "Forty passengers were questioned."),
        # Different doers of one act.
        ("The union demanded 9,000 euros a head.", "The employers offered 4,000 euros a head."),
    ],
)
def test_counts_of_different_acts_stay_apart(a: str, b: str) -> None:
    assert [e for e in compare(a, b) if e.kind == "numeric"] == []


@needs_parse
def test_anchors_name_the_act_and_its_other_part() -> None:
    text = "Of the 5,400 pupils who sat the entrance exam, half won a place."
    (count,) = extract_quantities(text)
    assert anchors(text, count) == {("subject", "take", "exam")}


def test_a_second_count_after_and_leaves_the_first_its_noun() -> None:
    read = [(q.text, q.what) for q in extract_quantities("About 45 medics and 9 ambulances went.")]
    assert read == [("About 45", "medics"), ("9", "ambulances")]
    mixed = extract_quantities("About 45 medics and volunteers went.")
    assert [q.what for q in mixed] == [None]


def test_a_run_on_longer_than_the_parser_takes_ties_nothing() -> None:
    text = "About 900 students sat the exam, " + "and then more happened, " * 60 + "it said."
    (count, *_) = extract_quantities(text)
    assert anchors(text, count) == frozenset()
