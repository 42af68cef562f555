"""Two counts that are not one count told twice: a total against a part, two vote tallies.

Input: two sentence texts and a quantity read from each. Output: :func:`_distinct_counts`,
true when the two counts cannot be a clash however far apart they are:

* one count is a total ("a total of 1,100 jobs", "820 jobs would go in total", "across
  its mills", "In all, 820 jobs will go") and the other, no total, is no larger and narrows
  it in a way the total does not: a place, company or person named ("640 jobs at its mill
  in Lunde"), a part of a place ("in the capital", "at its plant") or a day ("on
  Saturday"). Without one it is the same count told lower ("A total of 84,300 students
  sat the exam" / "Nearly 79,000 students took the exam"), a clash;
* both are vote tallies ("by 210 votes to 130" / "by 11 votes to 7") whose totals are far
  apart, so two different bodies voted (a chamber and its committee). One body's tallies
  add up to about the same number, so "210 to 130" / "198 to 142" still clash.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from conflictscan.signals._numbers import Quantity

_TOTAL_BEFORE_RE = re.compile(r"\b(?:a\s+total\s+of|totall?ing|in\s+all,?)\s*$", re.IGNORECASE)
_TOTAL_AFTER_RE = re.compile(
    r"^(?:\s+[\w'’-]+){0,4}?\s+(?:in\s+total|in\s+all|altogether|combined|overall|"
    r"nationwide|countrywide|across\s+(?:its|their|the|all))\b",
    re.IGNORECASE,
)
_TOTAL_OPENING_RE = re.compile(r"^\W*(?:in\s+total|in\s+all|altogether|overall),", re.IGNORECASE)
_SUBUNIT_RE = re.compile(
    r"\b(?:in|at|on)\s+(?:(?:the|its|their|one\s+of\s+(?:its|the|their))\s+)?(?:[\w-]+\s+)?"
    r"(capital|city|town|village|north|south|east|west|centre|center|province|district|county|"
    r"state|mill|plant|factory|site|camp|hospital|school|branch|store|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b",
    re.IGNORECASE,
)
_TALLY_RE = re.compile(r"\b(\d[\d,]*)\s+votes?\s+(?:to|against)\s+(\d[\d,]*)\b", re.IGNORECASE)
# Tallies of one body differ by who turned up; a factor this far apart is another body.
_SAME_BODY_RATIO = 1.25
_WINDOW = 60


def _is_total(text: str, quantity: Quantity) -> bool:
    before = text[max(quantity.start - _WINDOW, 0) : quantity.start]
    after = text[quantity.end : quantity.end + _WINDOW]
    return bool(
        _TOTAL_BEFORE_RE.search(before)
        or _TOTAL_AFTER_RE.match(after)
        or _TOTAL_OPENING_RE.match(text)
    )


def _tally_total(text: str, quantity: Quantity) -> float | None:
    """Votes cast in the tally ``quantity`` belongs to ("by 210 votes to 130": 340)."""
    for match in _TALLY_RE.finditer(text):
        if match.start() <= quantity.start < match.end():
            return sum(float(group.replace(",", "")) for group in match.groups())
    return None


def _subunits(text: str) -> set[str]:
    return {word.lower() for word in _SUBUNIT_RE.findall(text)}


def _narrower(part_text: str, whole_text: str, names: Callable[[str], frozenset[str]]) -> bool:
    """True when ``part_text`` narrows what ``whole_text`` counts (see the module doc)."""
    named = names(part_text) - names(whole_text)
    return bool(named or _subunits(part_text) - _subunits(whole_text))


def _distinct_counts(
    text_a: str,
    qa: Quantity,
    text_b: str,
    qb: Quantity,
    names: Callable[[str], frozenset[str]],
) -> bool:
    """True when ``qa`` and ``qb`` are a total and its part, or two bodies' tallies.

    ``names`` gives the lower-cased words of the people, organisations and places a
    sentence names; a part names one its total does not.
    """
    total_a, total_b = _is_total(text_a, qa), _is_total(text_b, qb)
    if total_a != total_b:
        whole, part = ((qa, text_a), (qb, text_b)) if total_a else ((qb, text_b), (qa, text_a))
        if part[0].interval()[0] <= whole[0].interval()[1] and _narrower(part[1], whole[1], names):
            return True
    tally_a, tally_b = _tally_total(text_a, qa), _tally_total(text_b, qb)
    if tally_a and tally_b:
        return max(tally_a, tally_b) / min(tally_a, tally_b) > _SAME_BODY_RATIO
    return False
