"""Who won a game, read from the parse; a state ended against another state going on; a
claim timed only by its report."""

from __future__ import annotations

import pytest

from conflictscan import Document, Scanner
from conflictscan._aggregation import SAME_RESULT_CAP, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._scores import same_result, score_evidence
from conflictscan.signals._sides import result_sides, same_game
from conflictscan.signals._states import state_clash
from conflictscan.text import _parsing as parsing

needs_parse = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@needs_parse
@pytest.mark.parametrize(
    ("text", "winner", "loser"),
    [
        ("Brisa Hill beat Cordova Town 3-1 at home on Saturday.", "Brisa Hill", "Cordova Town"),
        ("Cordova Town were beaten 3-1 by Brisa Hill on Saturday.", "Brisa Hill", "Cordova Town"),
        ("Cordova Town lost 3-1 to Brisa Hill on Saturday.", "Brisa Hill", "Cordova Town"),
        ("Cordova Town went down 3-1 to Brisa Hill.", "Brisa Hill", "Cordova Town"),
        ("Kenya won the semi-final against Ghana by two wickets.", "Kenya", "Ghana"),
        ("Ghana lost the semi-final to Kenya by two wickets.", "Kenya", "Ghana"),
        ("Osaka edged Halep in three sets in Melbourne.", "Osaka", "Halep"),
        ("Marlow, who defeated Peyton, moves on to the final.", "Marlow", "Peyton"),
        # A win as a noun, a participle, and a side named by its owner.
        ("Brisa Hill sealed a 3-1 away win over Cordova Town.", "Brisa Hill", "Cordova Town"),
        ("Japan claimed a famous victory against Brazil.", "Japan", "Brazil"),
        ("Kenya took the title on Sunday, defeating Ghana in the final.", "Kenya", "Ghana"),
        ("Kenya's women's netball team beat Ghana in the final.", "Kenya", "Ghana"),
    ],
)
def test_the_parse_says_who_won(text: str, winner: str, loser: str) -> None:
    read = result_sides(text)
    assert read is not None
    assert (" ".join(read[0]), " ".join(read[1])) == (winner, loser)


@needs_parse
@pytest.mark.parametrize(
    "text",
    [
        "Shares in the group fell to 12 dollars.",  # no side is a name
        "The ruling party lost to the opposition in the capital.",
        "Ostia beat Ravello 2-0 and lost to Fano 1-0 in the same week.",  # two results
        "The minister said the talks would resume on Monday.",
        "Ghana hope to beat Kenya in the final on Sunday.",  # a hope, not a result
    ],
)
def test_no_single_named_result_is_no_reading(text: str) -> None:
    assert result_sides(text) is None


@needs_parse
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Brisa Hill beat Cordova Town 3-1 on Saturday.",
            "Cordova Town beat Brisa Hill 3-1 on Saturday.",
        ),
        (
            "Kenya won the semi-final against Ghana by two wickets.",
            "Ghana won the semi-final against Kenya by two wickets.",
        ),
        ("The Wolves defeated the Hornets 98-91.", "The Wolves lost 98-91 to the Hornets."),
    ],
)
def test_opposite_winners_of_one_game_clash(a: str, b: str) -> None:
    notes = [e.note for e in score_evidence(a, b)]
    assert len(notes) == 1 and " vs " in notes[0]
    assert any(e.kind == "numeric" for e in compare(a, b))
    assert same_result(a, b) == 0.0


@needs_parse
@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Two games: another day, another place, another field.
        ("Brisa Hill beat Cordova Town on Saturday.", "Cordova Town beat Brisa Hill on Tuesday."),
        (
            "Brisa Hill beat Cordova Town 2-1 in Lenna.",
            "Cordova Town beat Brisa Hill 2-0 in Varro.",
        ),
        (
            "Norvik beat Altana in phone sales last year.",
            "Altana beat Norvik in tablet sales last year.",
        ),
        # One side in common only.
        ("Brisa Hill beat Cordova Town.", "Palmera beat Brisa Hill."),
    ],
)
def test_two_games_or_other_sides_do_not_clash(a: str, b: str) -> None:
    assert score_evidence(a, b) == []


@needs_parse
def test_one_result_told_both_ways_is_capped() -> None:
    a = "Brisa Hill beat Cordova Town 3-1 on Saturday."
    b = "Cordova Town were beaten 3-1 by Brisa Hill on Saturday."
    assert same_result(a, b) == 1.0
    assert features(a, b)["same_result"] == 1.0
    read_a, read_b = result_sides(a), result_sides(b)
    assert read_a is not None and read_b is not None
    assert same_game(read_a, read_b) == "same"
    # Another score for the same winner is the score reader's clash, not one result.
    assert same_result(a, "Cordova Town lost 4-1 to Brisa Hill on Saturday.") == 0.0
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=5.0, means={}, scales={})
    assert combiner.predict({"lc_max": 6.0, "same_result": 1.0}) == SAME_RESULT_CAP
    assert combiner.predict({"lc_max": 6.0, "same_result": 0.0}) > 0.99


@needs_parse
@pytest.mark.parametrize(
    ("ended", "goes_on", "clash"),
    [
        # The ending undoes a state of another family: no clash.
        (
            "The journalist was released from detention on Monday.",
            "The journalist remains banned from travelling abroad.",
            0.0,
        ),
        # The same family, or the ending itself still to come.
        (
            "The journalist was released from detention on Monday.",
            "The journalist remained in detention on Monday night.",
            1.0,
        ),
        ("The sailor was freed on Friday.", "The sailor has yet to be released.", 1.0),
    ],
)
def test_a_state_clash_needs_the_state_the_ending_undoes(
    ended: str, goes_on: str, clash: float
) -> None:
    assert state_clash(ended, goes_on) == clash


def test_a_claim_timed_only_by_its_report_takes_the_report_date() -> None:
    earlier = "As of Monday, the blaze near Torvik was 30 percent contained, crews said."
    later = "Crews said on Wednesday the Torvik blaze was 70 percent contained."
    sentences = Scanner().sentences_for(
        [Document(earlier, doc_id="a"), Document(later, doc_id="b")]
    )
    assert sentences[1].claim != sentences[1].text  # the date is in the report only
    assert not [e for e in compare(sentences[0], sentences[1]) if e.kind == "numeric"]
    # Written without the report, the same two figures clash.
    undated = "The Torvik blaze was 70 percent contained."
    assert [e for e in compare(sentences[0].claim, undated) if e.kind == "numeric"]
