"""Shares written as fractions: "half of the staff", "a quarter of voters", "one in five".

Input: a claim's tokens. Output: a percentage for the numbers stage, next to "25 percent":
"About half of the staff were laid off" is about 50% of the staff, so it agrees with
"Roughly 50 percent of the staff lost their jobs" and clashes with "About a tenth of the
staff were laid off"; "A quarter of voters backed the plan" clashes with "60 percent of
voters backed the plan".

A fraction counts only as a share of a group: it must be followed by "of" ("half of the
staff", not "half an hour" or "the second half"), and "X in Y" or "X out of Y" by a noun
("one in five adults"). A fraction is a round figure, so it is read with a tenth of its
value either way.
"""

from __future__ import annotations

from conflictscan.signals._lexicon import _Tok
from conflictscan.signals._quantity import Quantity

_FRACTIONS: dict[tuple[str, ...], float] = {
    ("half",): 50.0,
    ("a", "half"): 50.0,
    ("one", "half"): 50.0,
    ("a", "third"): 100 / 3,
    ("one", "third"): 100 / 3,
    ("one", "-", "third"): 100 / 3,
    ("two", "thirds"): 200 / 3,
    ("two", "-", "thirds"): 200 / 3,
    ("a", "quarter"): 25.0,
    ("one", "quarter"): 25.0,
    ("three", "quarters"): 75.0,
    ("three", "-", "quarters"): 75.0,
    ("a", "fifth"): 20.0,
    ("one", "fifth"): 20.0,
    ("a", "tenth"): 10.0,
    ("one", "tenth"): 10.0,
}
_LONGEST_FIRST = tuple(sorted(_FRACTIONS.items(), key=lambda kv: -len(kv[0])))
"""The fractions, longest first, so "one - third" is tried before a shorter match."""
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("about",): "about",
    ("around",): "about",
    ("roughly",): "about",
    ("some",): "about",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("more", "than"): "more than",
    ("over",): "more than",
    ("fewer", "than"): "fewer than",
    ("less", "than"): "fewer than",
    ("under",): "fewer than",
    ("up", "to"): "up to",
    ("at", "least"): "at least",
}
_HALVES = frozenset({"the", "first", "second", "other", "latter", "final", "opening", "closing"})
"""Words before "half" that make it a part of a match or a period, not a share."""
ROUNDING = 0.1
"""Share of a fraction's value allowed either way: "a third" may be 30% or 36%."""


def _match(toks: tuple[_Tok, ...], i: int, words: tuple[str, ...]) -> bool:
    return tuple(t.low for t in toks[i : i + len(words)]) == words


def _fraction(toks: tuple[_Tok, ...], i: int) -> tuple[float, int] | None:
    """(percent, index after) of a fraction followed by "of", or of "X in Y" / "X out of
    Y" followed by a word, at ``i``."""
    for words, percent in _LONGEST_FIRST:
        end = i + len(words)
        if _match(toks, i, words) and end < len(toks) and toks[end].low == "of":
            return percent, end
    if i + 3 < len(toks) and toks[i].low in _SMALL:
        link = 2 if _match(toks, i + 1, ("out", "of")) else 1 if toks[i + 1].low == "in" else 0
        total = toks[i + 1 + link].low if link else ""
        if total in _SMALL and _SMALL[toks[i].low] < _SMALL[total]:
            end = i + 2 + link
            if end < len(toks) and toks[end].text[:1].isalpha():
                return 100 * _SMALL[toks[i].low] / _SMALL[total], end
    return None


def share_at(text: str, toks: tuple[_Tok, ...], i: int) -> tuple[Quantity, int] | None:
    """The share starting at ``toks[i]`` (with its qualifier) and the index after its
    fraction, or None."""
    qualifier, start = None, i
    for words, name in _QUALIFIERS.items():
        if _match(toks, i, words):
            qualifier, start = name, i + len(words)
            break
    found = _fraction(toks, start)
    if found is None or (
        start == i and i > 0 and toks[i].low == "half" and toks[i - 1].low in _HALVES
    ):
        return None  # "the second half of the match"
    percent, end = found
    first, last = toks[i].start, toks[end - 1].end
    quantity = Quantity(
        value=round(percent, 1), unit="%", what=None, category=None, qualifier=qualifier,
        start=first, end=last, text=text[first:last], tolerance=ROUNDING * percent,
    )  # fmt: skip
    return quantity, end
