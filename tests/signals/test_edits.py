"""Minimal edits, and minimal edits in numbers that agree."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import ELABORATION_CAP, FLOOR_BLOCKERS, OPPOSITE_EDIT_FLOOR, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._edits import OPPOSITE_SCORE, compatible_edit, elaboration, opposite_edit
from conflictscan.text import _parsing as parsing


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Fewer than 60 people attended the vigil.", "Some 45 people attended the vigil."),
        ("The council will cut about 300 posts.", "The council will cut 290 posts."),
        ("Unemployment fell to almost 5 percent.", "Unemployment fell to 4.9 percent."),
        ("The lottery paid out over 2,000 prizes.", "The lottery paid out 2,350 prizes."),
        (
            "Up to 40 lorries were stuck at the border.",
            "About 35 lorries were stuck at the border.",
        ),
    ],
)
def test_an_edit_in_numbers_that_agree_is_compatible(a: str, b: str) -> None:
    assert compatible_edit(a, b) == 1.0
    assert features(a, b)["compatible_edit"] == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Numbers that cannot both be true.
        ("More than 60 people attended the vigil.", "Some 45 people attended the vigil."),
        ("The council will cut 300 posts.", "The council will cut 190 posts."),
        # The same figures swapped round.
        ("The motion passed by 61 votes to 39.", "The motion passed by 39 votes to 61."),
        # Something besides the numbers changed.
        ("Fewer than 60 people attended the vigil.", "Some 45 people attended the march."),
        # Not an edit of one claim at all.
        ("Fewer than 60 people attended the vigil.", "The vigil drew a crowd of some 45."),
        # No number changed.
        ("The vigil was held on Sunday.", "The vigil was cancelled on Sunday."),
    ],
)
def test_other_pairs_are_not_compatible_edits(a: str, b: str) -> None:
    assert compatible_edit(a, b) == 0.0


# ----------------------------------------------------------------------------- opposites

needs_parse = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@needs_parse
@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        ("The ferry captain was sober.", "The ferry captain was drunk.", ("sober", "drunk")),
        (
            "The Brenna reservoir is rising.",
            "The Brenna reservoir is falling.",
            ("rising", "falling"),
        ),
        (
            "The appeals court upheld the fishing ban.",
            "The appeals court overturned the fishing ban.",
            ("upheld", "overturned"),
        ),
        (
            "Most councillors voted for the plan.",
            "Most councillors voted against the plan.",
            ("for", "against"),
        ),
        (
            "Ines Varro became the youngest mayor in the town's history.",
            "Ines Varro became the oldest mayor in the town's history.",
            ("youngest", "oldest"),
        ),
        ("The coast road is wide.", "The coast road is narrow.", ("wide", "narrow")),
        ("The harbour is deep.", "The harbour is shallow.", ("deep", "shallow")),
        ("The closure is temporary.", "The closure is permanent.", ("temporary", "permanent")),
        # a rise and a fall said with different verbs
        (
            "Exports from the port doubled last year.",
            "Exports from the port halved last year.",
            ("doubled", "halved"),
        ),
        (
            "Rents in Ostvik climbed sharply in May.",
            "Rents in Ostvik dropped sharply in May.",
            ("climbed", "dropped"),
        ),
    ],
)
def test_one_word_changed_into_its_opposite_is_an_opposite_edit(
    a: str, b: str, words: tuple[str, str]
) -> None:
    assert opposite_edit(a, b) == 1.0
    assert features(a, b)["opposite_edit"] == 1.0
    found = [e for e in compare(a, b) if e.kind == "opposite"]
    assert [(e.a_value, e.b_value) for e in found] == [words]
    assert found[0].score == OPPOSITE_SCORE


@needs_parse
@pytest.mark.parametrize(
    ("a", "b"),
    [
        # The changed word picks out whom the claim is about: two teams, not one.
        ("The winning team celebrated in the square.", "The losing team celebrated in the square."),
        # More than one word changed, or words that are not opposites.
        ("The store is open on Sundays.", "The store is closed on Mondays."),
        ("The captain was sober.", "The captain was tired."),
        # two rises, or two falls
        ("Rents in Ostvik climbed in May.", "Rents in Ostvik jumped in May."),
        ("Rents in Ostvik dropped in May.", "Rents in Ostvik fell in May."),
        # Not a minimal edit at all.
        ("The driver was sober.", "Witnesses said the man behind the wheel had been drinking."),
    ],
)
def test_other_changes_are_no_opposite_edit(a: str, b: str) -> None:
    assert opposite_edit(a, b) == 0.0
    assert not [e for e in compare(a, b) if e.kind == "opposite"]


def test_combiners_keep_an_opposite_edit_at_its_floor_unless_the_subjects_differ() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    low = {"lc_max": -6.0}
    assert combiner.predict(low) < 0.01
    assert combiner.predict({**low, "opposite_edit": 1.0}) == OPPOSITE_EDIT_FLOOR
    for blocker in FLOOR_BLOCKERS:
        assert combiner.predict({**low, "opposite_edit": 1.0, blocker: 1.0}) < 0.01
    # An update word does not block it: the changed word is the update.
    assert combiner.predict({**low, "opposite_edit": 1.0, "update_marker": 1.0}) == (
        OPPOSITE_EDIT_FLOOR
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # Words added in one place that only say more.
        ("The harbour ballot was postponed.", "The harbour ballot was postponed until May.", 1),
        ("The divers were found alive.", "The divers were found alive but exhausted.", 1),
        ("The jet landed in Oporto.", "The jet landed in Oporto on Sunday night.", 1),
        # A negation, a degree, a hedge, an earlier time, an exception, a report or an
        # opposite changes what the shorter claim says.
        ("The harbour ballot was postponed.", "The harbour ballot was not postponed.", 0),
        ("The trawler sank.", "The trawler almost sank.", 0),
        ("The trawler sank.", "The trawler may have sunk.", 0),
        ("The minister resigned.", "The former minister resigned.", 0),
        ("All the divers survived.", "All the divers survived except one.", 0),
        ("Members will strike.", "Ida Lund told a rally that members will strike.", 0),
        ("The side won.", "The side won the tie but lost the final.", 0),
        # Words changed, not only added, or nothing added.
        ("The ballot was postponed.", "The ballot was cancelled.", 0),
        ("The ballot was postponed.", "The ballot was postponed.", 0),
    ],
)
def test_words_added_that_only_say_more_are_an_elaboration(a: str, b: str, expected: int) -> None:
    assert elaboration(a, b) == float(expected)
    assert elaboration(b, a) == float(expected)
    assert features(a, b)["elaboration"] == float(expected)


def test_combiners_cap_an_elaboration() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=0.0, means={}, scales={})
    assert combiner.predict({"lc_max": 6.0, "elaboration": 1.0}) == ELABORATION_CAP
