"""Two things swapped around a word that runs one way."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import ORDER_SWAP_FLOOR, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._order import ORDER_SCORE, order_swap


@pytest.mark.parametrize(
    ("a", "b", "note"),
    [
        (
            "Maria is taller than John.",
            "John is taller than Maria.",
            "maria and john trade places around 'than'",
        ),  # fmt: skip
        (
            "The Senate passed the bill before the House did.",
            "The House passed the bill before the Senate did.",
            "senate and house trade places around 'before'",
        ),
        (
            "Rents in Oslo rose faster than rents in Bergen.",
            "Rents in Bergen rose faster than rents in Oslo.",
            "oslo and bergen trade places around 'than'",
        ),
        # names at the start of a sentence, which the parser may read as common words
        (
            "Northwind trailed Castell Foods in March.",
            "Castell Foods trailed Northwind in March.",
            "northwind and castell foods trade places around 'trailed'",
        ),
        (
            "Dunmore Rovers lost to Ashby Town on Saturday.",
            "Ashby Town lost to Dunmore Rovers on Saturday.",
            "dunmore rovers and ashby town trade places around 'lost'",
        ),
    ],
)
def test_two_things_traded_around_a_one_way_word_clash(a: str, b: str, note: str) -> None:
    assert order_swap(a, b) == order_swap(b, a) == 1.0
    feats = features(a, b)
    assert feats["order_swap"] == 1.0
    assert feats["subject_contrast"] == feats["other_group"] == 0.0
    [found] = [e for e in compare(a, b) if e.kind == "roles"]
    assert found.score == ORDER_SCORE and found.note == note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a relation that runs both ways
        ("Maria met John in Paris.", "John met Maria in Paris."),
        ("Oslo and Bergen were hit by the storm.", "Bergen and Oslo were hit by the storm."),
        # other words, or the same claim twice
        ("Maria is taller than John.", "John is shorter than Maria."),
        ("Maria is taller than John.", "Maria is taller than John!"),
        # one word changed, not two traded
        ("Maria is taller than John.", "Maria is taller than Peter."),
    ],
)
def test_other_pairs_are_no_order_swap(a: str, b: str) -> None:
    assert order_swap(a, b) == 0.0 and order_swap(b, a) == 0.0


def test_combiners_keep_an_order_swap_at_its_floor() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    assert combiner.predict({"lc_max": -6.0, "order_swap": 1.0}) == ORDER_SWAP_FLOOR
