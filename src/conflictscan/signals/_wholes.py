"""Two counts that are not one count told twice: a total against a part, two vote tallies.

Input: two sentence texts and a quantity read from each. Output: :func:`_distinct_counts`,
true when the two counts cannot be a clash however far apart they are:

* one count is a total ("a total of 1,100 jobs", "820 jobs would go in total", "across
  its mills", "1,100 jobs worldwide", "In all, 820 jobs will go", "the reserve as a whole")
  and the other, no total, is no larger and narrows
  it in a way the total does not: a place, company or person named ("640 jobs at its mill
  in Lunde"), a part of a place ("in the capital", "at its plant") or a day ("on
  Saturday"). Without one it is the same count told lower ("A total of 84,300 students
  sat the exam" / "Nearly 79,000 students took the exam"), a clash;
* one count is told as a part ("on the opening Saturday alone", "accounted for 3.4
  million of last year's visitors", "19 medals, more than half of the country's total")
  and is no larger than the other claim's largest count in its unit, whose claim tells no
  such part (:func:`told_as_part`; the words before "alone" must not be the other claim's
  too: "31 on the first night alone" / "85 on the first night" clash);
* both are vote tallies ("by 210 votes to 130" / "by 11 votes to 7") whose totals are far
  apart, so two different bodies voted (a chamber and its committee). One body's tallies
  add up to about the same number, so "210 to 130" / "198 to 142" still clash;
* one claim's sums of money add up to the other's one sum ("$30,000 for the win and a
  further $10,000 bonus" / "prize money totals $40,000": :func:`adds_up`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from conflictscan.signals._lexicon import _tokens
from conflictscan.signals._numbers import Quantity, _number_at, _quantities
from conflictscan.text._syntax import words

_TOTAL_BEFORE_RE = re.compile(
    r"\b(?:a\s+total\s+of|totall?ing|in\s+all,?|a\s+combined)\s*$", re.IGNORECASE
)
_TOTAL_AFTER_RE = re.compile(
    r"^(?:\s+[\w'’-]+){0,4}?\s+(?:in\s+total|in\s+all|altogether|combined|overall|"
    r"nationwide|countrywide|worldwide|globally|across\s+(?:its|their|the|all))\b",
    re.IGNORECASE,
)
_TOTAL_OPENING_RE = re.compile(r"^\W*(?:in\s+total|in\s+all|altogether|overall),", re.IGNORECASE)
_AS_A_WHOLE_RE = re.compile(r"\bas\s+a\s+whole\b", re.IGNORECASE)
_SUBUNIT_RE = re.compile(
    r"\b(?:in|at|on)\s+(?:(?:the|its|their|one\s+of\s+(?:its|the|their))\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?"
    r"(capital|city|town|village|north|south|east|west|centre|center|province|district|county|"
    r"state|mill|plant|factory|site|camp|hospital|school|branch|store|department|division|"
    r"region|wing|ward|marsh|zone|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b",
    re.IGNORECASE,
)
_ALONE_RE = re.compile(
    r"\b(?:on|in|at|during|for|from|among|over)\s+((?:[\w'’-]+\s+){1,7}?)alone\b|"
    r"\b((?:the\s+)?[\w'’-]+)\s+alone\b",
    re.IGNORECASE,
)
_ALONE_REACH = 50
"""Characters between a count and the "alone" phrase that makes it a part."""
_NOT_PART_BEFORE = words(
    "not left let leave leaves leaving was were is are be been being lived lives live living "
    "stood stand stands acted act acting went go going walked walk sat sit travelled traveled "
    "died die worked work"
)
"""Words before "alone" that make it no part ("left alone", "was alone", "acted alone")."""
_SHARE_BEFORE_RE = re.compile(
    r"\b(?:accounted\s+for|accounts?\s+for|made\s+up|makes?\s+up|represent(?:ed|s)?)\s+"
    r"(?:(?:about|some|nearly|almost|around|roughly|just|only|more\s+than|over)\s+)?$",
    re.IGNORECASE,
)
_SHARE_OF_RE = re.compile(
    r"\b(?:half|third|quarter|share|part|fifth|tenth|percent|per\s+cent)\s+of\s+"
    r"(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:[\w’'-]+\s+){0,2}?(?:total|tally|haul)\b|"
    r"\bof\s+(?:the|its|their|his|her)\s+(?:[\w’'-]+\s+)?(?:total|tally|haul)\b",
    re.IGNORECASE,
)
_SHARE_VERB_RE = re.compile(r"\b(?:accounted|accounts?|made|makes?)\s+(?:for|up)\b", re.IGNORECASE)
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
        or _AS_A_WHOLE_RE.search(text)
    )


def _alone_phrases(text: str) -> list[tuple[set[str], int, int]]:
    """Each phrase a claim marks with "alone" ("on the opening Saturday alone": {"opening",
    "saturday"}) and where it stands; not "left alone", "was alone"."""
    out = []
    for match in _ALONE_RE.finditer(text):
        phrase = match.group(1) or match.group(2) or ""
        lows = [w.lower() for w in phrase.split() if w.lower() not in ("the", "a", "an")]
        if lows and not (match.group(2) and lows[-1] in _NOT_PART_BEFORE):
            out.append((set(lows), match.start(), match.end()))
    return out


def _part_marked(text: str, quantity: Quantity, other: str) -> bool:
    """``quantity`` is told as a part of a larger count (see the module docstring): a
    phrase marked "alone" next to it, or a share of a total. Not a percentage: the share
    of a part can be larger than the whole's."""
    if quantity.unit == "%":
        return False
    other_low = other.lower()
    for marked, start, end in _alone_phrases(text):
        near = start - _ALONE_REACH <= quantity.start and quantity.end <= end + _ALONE_REACH
        if near and not all(w in other_low for w in marked):
            return True
    before = text[max(quantity.start - _WINDOW, 0) : quantity.start]
    return bool(_SHARE_BEFORE_RE.search(before) or _SHARE_OF_RE.search(text))


def _any_part(text: str) -> bool:
    """Whether a claim tells any of its counts as a part (see :func:`_part_marked`)."""
    return bool(_alone_phrases(text) or _SHARE_OF_RE.search(text) or _SHARE_VERB_RE.search(text))


def _one_kind(part: Quantity, whole: Quantity, part_text: str) -> bool:
    """The two count one kind of thing: one category ("arrested"), or one unit, or the
    part's claim names the whole's counted thing ("3.4 million of last year's visitors")."""
    if whole.category and part.category:
        return whole.category == part.category
    if whole.unit and whole.unit == part.unit:
        return True
    return whole.category is not None and whole.category.lower() in part_text.lower()


@lru_cache(maxsize=4096)
def told_as_part(text_a: str, text_b: str) -> bool:
    """Whether one claim's count is told as a part of the other's larger count, in one unit
    ("Police made 85 arrests during four nights of rioting" / "Police arrested 31 people
    on the first night alone"): both can be true."""
    part_a = _any_part(text_a)
    if part_a == _any_part(text_b):
        return False
    part_text, whole_text = (text_a, text_b) if part_a else (text_b, text_a)
    wholes = _quantities(whole_text)
    for part in _quantities(part_text):
        if part.is_zero or not _part_marked(part_text, part, whole_text):
            continue
        same = [q.interval()[1] for q in wholes if not q.is_zero and _one_kind(part, q, part_text)]
        if same and part.interval()[0] <= max(same) and part.value != max(same):
            return True
    return False


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
    part_a, part_b = _part_marked(text_a, qa, text_b), _part_marked(text_b, qb, text_a)
    if part_a != part_b:
        small, large = (qa, qb) if part_a else (qb, qa)
        if small.interval()[0] <= large.interval()[1] and small.value != large.value:
            return True
    total_a, total_b = _is_total(text_a, qa), _is_total(text_b, qb)
    if total_a != total_b:
        whole, part = ((qa, text_a), (qb, text_b)) if total_a else ((qb, text_b), (qa, text_a))
        if part[0].interval()[0] <= whole[0].interval()[1] and _narrower(part[1], whole[1], names):
            return True
    if _summed(text_a, qa, qb) or _summed(text_b, qb, qa):
        return True  # "$30,000 for the win and a further $10,000 bonus" / "totals $40,000"
    tally_a, tally_b = _tally_total(text_a, qa), _tally_total(text_b, qb)
    if tally_a and tally_b:
        return max(tally_a, tally_b) / min(tally_a, tally_b) > _SAME_BODY_RATIO
    return False


_MONEY = frozenset("$£€¥")


def _summed(text: str, part: Quantity, whole: Quantity) -> bool:
    """Whether ``part`` is one of two or more sums of money in ``text`` that add up to
    ``whole``, the other claim's one figure of that currency: the parts of one total."""
    if part.unit not in _MONEY or whole.unit != part.unit:
        return False
    values = _sums(text, part.unit)
    if len(values) < 2 or part.value >= whole.value:
        return False
    low, high = whole.interval()
    return low <= sum(values) <= high


def _sums(text: str, unit: str) -> list[float]:
    """Every sum in ``unit`` the number reader finds, increments included ("a further
    $10,000 bonus", which a count of its own leaves out)."""
    toks, out, i = _tokens(text), [], 0
    while i < len(toks):
        num = _number_at(toks, i)
        if num is not None and num.unit == unit:
            out.append(num.value)
        i = num.last if num is not None else i + 1
    return out


def adds_up(text_a: str, text_b: str) -> bool:
    """Whether one claim's sums of money add up to the other's one sum of that currency:
    "$30,000 for the win and a further $10,000 bonus" / "prize money totals $40,000"."""
    for parts, total in ((text_a, text_b), (text_b, text_a)):
        money = [q for q in _quantities(total) if q.unit in _MONEY]
        if len(money) == 1 and len(_sums(total, money[0].unit or "")) == 1:
            values = _sums(parts, money[0].unit or "")
            low, high = money[0].interval()
            if len(values) >= 2 and low <= sum(values) <= high:
                return True
    return False
