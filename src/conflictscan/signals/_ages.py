"""A person's age given as a span of years ("in her 40s", "a man in his early twenties").

Input: two claim texts (attribution already removed). Output: ``"numeric"``
:class:`~conflictscan.Evidence` when the ages cannot both be true (:func:`age_evidence`),
and a rewrite that states both claims' ages alike when they can (:func:`age_agreeing_swap`).

Reports of one person often give the age in different forms: "a 45-year-old woman", "a
woman in her 40s", "the victim, 45,". The model reads "in her 40s" against "45" as a
contradiction, and "45" against "in his 20s" as whatever the rest of the two claims says.
An age in years is read as that year, in figures or in words ("a 16-year-old", "a
sixteen-year-old"); "in his 40s" as 40-49, "early" as the first four
years of a decade, "mid" as the middle five, "late" as the last four, "in her teens" or a
"teenage" or "teenager" as 13-19. Two ages that cannot overlap, of one person (the subject
named alike, read from the parse), one of them a span of years, give numeric evidence;
two exact ages are left to the figure swap (:mod:`conflictscan.signals._swaps`), unless
each is given right after one full name written alike ("Craig Lomax, a 34-year-old" /
"Craig Lomax, 47,"), or as "-year-old" right before it ("Sixteen-year-old chess prodigy
Mira Solant" / "Mira Solant, 21,"): then ages more than a year apart give numeric evidence
too. A claim
that also speaks of another one ("also", "another", "a second") is about two people.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from conflictscan._types import Evidence
from conflictscan.signals._durations import _count
from conflictscan.signals._survival import same_person

AGE_SCORE = 0.8
"""Strength of the evidence: one person's age given as two spans that cannot overlap (or
as two ages in years, each right after one name)."""
_DECADES = {
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
_PARTS = {"early": (0, 3), "mid": (3, 7), "late": (6, 9)}
_SPAN_RE = re.compile(
    r"\bin\s+(?:his|her|their)\s+(?:(?P<part>early|mid|late)[\s-]+)?"
    r"(?:(?P<digits>[2-9]0)['’]?s|(?P<word>" + "|".join(_DECADES) + r")|(?P<teens>teens))\b",
    re.IGNORECASE,
)
_TEENAGE_RE = re.compile(r"\bteen(?:age|aged|ager)?s?\b", re.IGNORECASE)
_EXACT_RE = re.compile(
    r"\b(?P<a>\d{1,3})-year-old\b|\baged\s+(?P<b>\d{1,3})\b|\b(?P<c>\d{1,3})\s+years\s+old\b|"
    r"(?<=[A-Za-z]),\s(?P<d>\d{1,3}),|\((?P<e>\d{1,3})\)|"
    r"\b(?:was|is)\s+(?P<f>\d{1,3})(?=\s*(?:[.,;]|$|when\b|at\s+the\s+time\b))|"
    r"\b(?P<g>[A-Za-z]+(?:-[A-Za-z]+)?)-year-old\b",
    re.IGNORECASE,
)
_OTHER_ONE_RE = re.compile(r"\b(?:also|another|second|third|other|others|both)\b", re.IGNORECASE)


class _Age(NamedTuple):
    start: int
    end: int
    low: int
    high: int
    exact: bool
    words: str
    form: str = ""


def _ages(text: str) -> list[_Age]:
    """Each age stated in ``text``, in text order."""
    found = []
    for match in _SPAN_RE.finditer(text):
        if match.group("teens"):
            low, high = 13, 19
        else:
            decade = (
                int(match.group("digits"))
                if match.group("digits")
                else _DECADES[match.group("word").lower()]
            )
            first, last = _PARTS.get((match.group("part") or "").lower(), (0, 9))
            low, high = decade + first, decade + last
        found.append(_Age(match.start(), match.end(), low, high, False, match.group()))
    for match in _TEENAGE_RE.finditer(text):
        if not any(a.start <= match.start() < a.end for a in found):
            found.append(_Age(match.start(), match.end(), 13, 19, False, match.group()))
    return sorted(found + exact_ages(text))


SWAP_FORMS = "abde"
"""The forms of an exact age the figure swap rewrites into each other ("34-year-old",
"aged 47", "the suspect, 47, was", "Ruud (58)"): each can stand in the other's place."""


def _years(written: str) -> int:
    """An age written in figures or words ("16", "Sixteen", "twenty-one"); 0 for words
    that are no number ("a decade-year-old")."""
    return int(_count(written) or 0)


def exact_ages(text: str, forms: str = "abcdefg") -> list[_Age]:
    """Each age in years stated in ``text`` in one of ``forms`` (the named groups of
    :data:`_EXACT_RE`), in text order; an age is at most 119."""
    found = []
    for match in _EXACT_RE.finditer(text):
        group = next(g for g in "abcdefg" if match.group(g) is not None)
        years = _years(match.group(group))
        if group in forms and 0 < years < 120:
            found.append(
                _Age(match.start(group), match.end(group), years, years, True,
                     match.group(group), group)
            )  # fmt: skip
    return found


@lru_cache(maxsize=4096)
def _lone_ages(a: str, b: str) -> tuple[_Age, _Age] | None:
    """The one age of each claim, neither claim speaking of another one; or None."""
    ages_a, ages_b = _ages(a), _ages(b)
    if len(ages_a) != 1 or len(ages_b) != 1 or _OTHER_ONE_RE.search(a) or _OTHER_ONE_RE.search(b):
        return None
    return ages_a[0], ages_b[0]


@lru_cache(maxsize=4096)
def _one_age_each(a: str, b: str) -> tuple[_Age, _Age] | None:
    """The one age of each claim, of one person, one of them a span; or None."""
    found = _lone_ages(a, b)
    if found is None or (found[0].exact and found[1].exact) or not same_person(a, b):
        return None
    return found


_NAME_RE = re.compile(r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+")
_NAME_GAP_RE = re.compile(r"(?:,\s*|\s+)(?:(?:a|an)\s+|aged\s+)?\(?$")
"""What may stand between a name and its age: "Craig Lomax, a 34-year-old", "Lomax, 47",
"Ruud (58)", "Ada Voss aged 61"."""
_NAMED_AFTER_RE = re.compile(
    r"-year-old\s+(?:[a-z][\w'’-]*\s+){0,3}(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+)"
)
"""A name after its age and at most three lower-case words ("16-year-old chess prodigy
Mira Solant")."""
_BIRTHDAY_SLACK = 1
"""Years two exact ages of one person may differ by: a birthday may fall between reports."""


def _named(text: str, age: _Age) -> str | None:
    """The full name (two capitalised words or more) that ``age`` directly follows, or
    that a "-year-old" age stands before ("Sixteen-year-old chess prodigy Mira Solant")."""
    names = list(_NAME_RE.finditer(text[: age.start]))
    if names and _NAME_GAP_RE.fullmatch(text[names[-1].end() : age.start]):
        return names[-1].group().lower()
    after = _NAMED_AFTER_RE.match(text[age.end :]) if age.form in ("a", "g") else None
    return after.group("name").lower() if after else None


@lru_cache(maxsize=4096)
def _named_ages(a: str, b: str) -> tuple[_Age, _Age] | None:
    """The one exact age of each claim, each given right after one full name written
    alike ("Craig Lomax, a 34-year-old father of two" / "Craig Lomax, 47,"); or None."""
    found = _lone_ages(a, b)
    if found is None or not (found[0].exact and found[1].exact):
        return None
    name = _named(a, found[0])
    return found if name is not None and name == _named(b, found[1]) else None


def age_evidence(a: str, b: str) -> list[Evidence]:
    """``"numeric"`` evidence when the two claims give one person ages that cannot both
    be true, one of them a span of years.

    Example:
        >>> age_evidence("The victim was a woman in her 20s.",
        ...              "The victim was a 45-year-old woman.")[0].note  # doctest: +SKIP
        "one person's age: 'in her 20s' (20-29) vs '45'"
    """
    named = _named_ages(a, b)
    if named is not None:
        x, y = named
        if abs(x.low - y.low) > _BIRTHDAY_SLACK:
            note = f"one person's age: {_told(x)} vs {_told(y)}"
            return [Evidence("numeric", x.words, y.words, AGE_SCORE, note)]
        return []
    found = _one_age_each(a, b)
    if found is None:
        return []
    x, y = found
    if x.high < y.low or y.high < x.low:
        note = f"one person's age: {_told(x)} vs {_told(y)}"
        return [Evidence("numeric", x.words, y.words, AGE_SCORE, note)]
    return []


def _told(age: _Age) -> str:
    return repr(age.words) if age.exact else f"{age.words!r} ({age.low}-{age.high})"


@lru_cache(maxsize=4096)
def age_agreeing_swap(a: str, b: str) -> tuple[str, str, str, str] | None:
    """When one claim gives a span of years ("in her 40s") and the other an age inside it
    ("45"): (the span's words, the age, the claim with the span rewritten as that age,
    the other claim). If the model then reads no contradiction, the ages were all it read
    as a clash. None otherwise, or when the span cannot be rewritten ("a teenage boy")."""
    found = _one_age_each(a, b)
    if found is None:
        return None
    x, y = found
    span, exact, text, other = (x, y, a, b) if y.exact else (y, x, b, a)
    if not (span.low <= exact.low <= span.high) or not span.words.lower().startswith("in "):
        return None
    rewritten = text[: span.start] + _written(exact, text, span) + text[span.end :]
    return span.words, exact.words, rewritten, other


def _written(exact: _Age, text: str, span: _Age) -> str:
    """The exact age written to stand where ``span`` stands in ``text``, in the other
    claim's form where it fits there ("The driver, 64, was" for "The driver, in his
    sixties, was"; "was 45 years old"), else "aged 45"."""
    aside = text[: span.start].endswith(", ") and text[span.end :].startswith(",")
    if exact.form == "c":
        return f"{exact.low} years old"
    if (exact.form == "d" and aside) or (exact.form == "f" and not aside):
        return str(exact.low)
    return f"aged {exact.low}"
