"""A unanimous vote against a vote with some against it, and one vote given two tallies.

Input: two claim texts (attribution already removed). Output: ``"numeric"``
:class:`~conflictscan.Evidence` (:func:`unanimous_evidence`, :func:`tally_evidence`).

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


TALLY_SCORE = 0.8
"""Strength of the evidence: one vote counted two ways ("voted 4-3" / "a 5-2 ruling")."""
_TALLY_RE = re.compile(
    r"\b(?:(?:voted|vote|votes|ruled|ruling|decision|majority|verdict|passed|approved|"
    r"adopted|rejected|backed)\s+(?:[\w'’-]+\s+){0,2}?(?:by\s+(?:a\s+)?)?"
    r"(?P<a1>\d{1,3})\s*[-–]\s*(?P<a2>\d{1,3})|"
    r"(?P<b1>\d{1,3})\s*[-–]\s*(?P<b2>\d{1,3})\s+(?:vote|votes|ruling|decision|majority|"
    r"verdict)|by\s+(?P<c1>\d{1,3})\s+votes?\s+to\s+(?P<c2>\d{1,3}))\b",
    re.IGNORECASE,
)
# Who votes: two bodies ("the Senate" / "the House") hold two votes. The body that voted is
# taken to be the first one a claim names ("The House … passed the bill …, sending it to
# the Senate").
_BODIES = words(
    "senate house assembly chamber parliament congress council board court judges justices "
    "jury shareholders"
)
_ONE_BODY = {"judges": "court", "justices": "court"}
_COMMITTEES = words("committee committees panel subcommittee")
_PASSED = words("passed approved adopted backed cleared upheld")
_REJECTED = words("rejected defeated blocked overturned")
_OTHER_VOTE_RE = re.compile(
    r"\b(?:first|second|third|final|earlier|previous|last|another|separate)\s+"
    r"(?:vote|ballot|reading|round|ruling|week|month|year|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)|\b(?:19|20)\d\d\b|\bago\b",
    re.IGNORECASE,
)
_CALENDAR = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december"
)


def _tally(text: str) -> tuple[int, int, bool] | None:
    """The one tally of a vote in ``text``, highest first, and whether it is written in
    words ("by 210 votes to 130"); ``None`` for none or several."""
    found = list(_TALLY_RE.finditer(text))
    if len(found) != 1:
        return None
    x, y = (int(v) for v in found[0].groups() if v is not None)
    return (max(x, y), min(x, y), found[0].group("c1") is not None)


def _words(text: str) -> list[str]:
    return [t.low for t in _tokens(text)]


def _apart(a: str, b: str) -> bool:
    """Two votes: taken by two bodies, one by a committee only, told on other days or
    months, one told as earlier or of another round, or one passing what the other
    rejects."""
    wa, wb = _words(a), _words(b)
    body_a = next((_ONE_BODY.get(w, w) for w in wa if w in _BODIES), None)
    body_b = next((_ONE_BODY.get(w, w) for w in wb if w in _BODIES), None)
    if body_a and body_b and body_a != body_b:
        return True
    if bool(_COMMITTEES.intersection(wa)) != bool(_COMMITTEES.intersection(wb)):
        return True
    days_a, days_b = _CALENDAR.intersection(wa), _CALENDAR.intersection(wb)
    if days_a and days_b and not days_a & days_b:
        return True
    others = ({m.group().lower() for m in _OTHER_VOTE_RE.finditer(t)} for t in (a, b))
    if next(others) != next(others):
        return True
    sides = [(bool(_PASSED.intersection(w)), bool(_REJECTED.intersection(w))) for w in (wa, wb)]
    return {sides[0], sides[1]} == {(True, False), (False, True)}


def tally_evidence(a: str, b: str) -> list[Evidence]:
    """``"numeric"`` evidence when two claims give one vote two tallies: "The judges
    voted 4-3 to annul the agreement with Aquaverde" / "In a 5-2 ruling, the court …
    Aquaverde". The vote is taken to be one when the claims share a content word besides
    the words of voting. Two bodies that vote ("the Senate" / "the House", or a committee
    against the floor), other days, another round or a year named by one claim only, or
    one claim passing what the other rejects make two votes. Two tallies both written in
    words ("by 210 votes to 130") are left to the numbers stage, which compares them.

    Example:
        >>> tally_evidence("The board voted 7-2 to close the Elm Street depot.",
        ...                "The Elm Street depot will close after a 5-4 vote.")[0].note
        'one vote, two tallies: 7-2 vs 5-4'
    """
    ta, tb = _tally(a), _tally(b)
    if ta is None or tb is None or ta[:2] == tb[:2] or (ta[2] and tb[2]):
        return []  # two tallies in words are the numbers stage's to compare (``_wholes``)
    if not _topic(a) & _topic(b) or _apart(a, b):
        return []
    va, vb = (f"{t[0]}-{t[1]}" for t in (ta, tb))
    return [Evidence("numeric", va, vb, TALLY_SCORE, f"one vote, two tallies: {va} vs {vb}")]
