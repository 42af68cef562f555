"""A unanimous vote against a vote with some against it.

Input: two claim texts (attribution already removed). Output: ``"numeric"``
:class:`~conflictscan.Evidence` (:func:`unanimous_evidence`).

"The council approved the budget unanimously" says nobody voted against; "The budget
passed by 31 votes to 4" or "three councillors voted against the budget" says some did.
The model reads most such pairs as neutral: "unanimously" shares nothing with a count.
The vote is taken to be one when the two claims share a content word besides the words of
voting ("budget"). A negated unanimity ("was not unanimous", "fell short of a unanimous
vote") is no unanimity, and a count of abstentions is no vote against.
"""

from __future__ import annotations

import re

from conflictscan._types import Evidence
from conflictscan.signals._lexicon import _STOPWORDS, _tokens
from conflictscan.text._syntax import words

UNANIMOUS_SCORE = 0.8
"""Strength of the evidence: a count of none against a count of some."""
_UNANIMOUS_RE = re.compile(r"\bunanimous(?:ly)?\b", re.IGNORECASE)
_NEGATED_RE = re.compile(
    r"(?:\b(?:not|never|short\s+of|rather\s+than|instead\s+of|less\s+than)|n['’]t)\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
)
_NUMBER = (
    r"(?:[1-9]\d{0,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|a\s+handful\s+of|a\s+few)"
)
_AGAINST_RE = re.compile(
    # "by 31 votes to 4", "passed 61-39", "three councillors voted against", "two of its
    # nine directors voted against", "two opposed"
    rf"\b(?:(?:\d{{1,3}}|{_WORDS})\s+votes?\s+(?:to|against)\s+(?:[1-9]\d{{0,2}}|{_WORDS})\b|"
    rf"(?:passed|approved|adopted|backed|carried|rejected)\s+(?:[\w'’-]+\s+){{0,4}}?(?:by\s+)?"
    rf"\d{{1,3}}\s*[-–]\s*[1-9]\d{{0,2}}\b|"
    rf"{_NUMBER}(?:\s+of\s+(?:[\w'’-]+\s+){{0,2}}?{_NUMBER})?\s+(?:[\w-]+\s+){{0,2}}"
    rf"(?:voted\s+against|voting\s+against|opposed|dissented|"
    rf"voted\s+no\b))",
    re.IGNORECASE,
)
_VOTE_WORDS = words(
    "vote votes voted voting unanimous unanimously pass passed approve approved backed "
    "against opposed"
)


def _unanimous(text: str) -> bool:
    found = _UNANIMOUS_RE.search(text)
    return found is not None and not _NEGATED_RE.search(text[: found.start()])


def _topic(text: str) -> frozenset[str]:
    return frozenset(
        t.low
        for t in _tokens(text)
        if t.text[:1].isalpha() and t.low not in _STOPWORDS and t.low not in _VOTE_WORDS
    )


def unanimous_evidence(a: str, b: str) -> list[Evidence]:
    """``"numeric"`` evidence when one claim calls a vote unanimous and the other counts
    votes against it.

    Example:
        >>> unanimous_evidence("The council approved the budget unanimously.",
        ...                    "The budget passed by 31 votes to 4.")[0].note
        'a says the vote was unanimous; b counts votes against (31 votes to 4)'
    """
    for side, one, other in (("a", a, b), ("b", b, a)):
        if not _unanimous(one) or _unanimous(other):
            continue
        against = _AGAINST_RE.search(other)
        if against is None or not _topic(one) & _topic(other):
            continue
        rest = "b" if side == "a" else "a"
        note = (
            f"{side} says the vote was unanimous; {rest} counts votes against ({against.group()})"
        )
        values = ("unanimous", against.group())
        return [Evidence("numeric", *(values if side == "a" else values[::-1]),
                         UNANIMOUS_SCORE, note)]  # fmt: skip
    return []
