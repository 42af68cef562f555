"""One attacker acting alone against several.

Input: two claim texts (attribution already removed). Output: ``"numeric"``
:class:`~conflictscan.Evidence` (:func:`lone_evidence`).

Early reports of an attack often disagree on how many carried it out: "The gunman acted
alone, police said" / "Police are hunting three men who took part in the attack", or "A
lone gunman opened fire on the crowd" / "At least three attackers opened fire". The model
reads most such pairs as neutral: "alone" shares no number with "three". A claim that says
there was one attacker ("acted alone", "a lone gunman", "a single attacker") is read
against a claim that counts two or more ("three gunmen", "several attackers", "a second
gunman", "his accomplices", "did not act alone"). A count or a lone attacker left open or
denied ("investigating whether he acted alone", "ruled out a second gunman", "no evidence
of accomplices") is none.
"""

from __future__ import annotations

import re

from conflictscan._types import Evidence
from conflictscan.signals._scene import unsettled

LONE_SCORE = 0.8
"""Strength of the evidence: one attacker against two or more."""
_DOERS = (
    r"(?:gunm[ae]n|attackers?|assailants?|shooters?|bombers?|hijackers?|perpetrators?|"
    r"intruders?|robbers?|raiders?|knifem[ae]n|militants?)"
)
_LONE_RE = re.compile(
    rf"\b(?:acted|acting|carried\s+out\s+the\s+\w+)(?=\s+alone\b)|"
    rf"\blone\s+(?:wolf|{_DOERS})\b|\b(?:a|the)\s+single\s+{_DOERS}\b|"
    rf"\bno\s+(?:one|body|other\s+\w+)\s+else\s+(?:was|were)\s+involved\b",
    re.IGNORECASE,
)
_NUMBER = (
    r"(?:[2-9]|[1-9]\d|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen|"
    r"dozens\s+of|several|multiple|a\s+group\s+of|a\s+gang\s+of|a\s+number\s+of|"
    r"a\s+handful\s+of|at\s+least\s+(?:[2-9]|two|three|four|five))"
)
_MANY_RE = re.compile(
    rf"\b{_NUMBER}\s+(?:(?:armed|masked|suspected|other|more|unidentified|[\w-]+)\s+){{0,2}}?"
    rf"{_DOERS}\b|"
    rf"\b(?:a\s+)?(?:second|third|another|other)\s+{_DOERS}\b|"
    rf"\b{_NUMBER}\s+(?:\w+\s+)?(?:men|people|suspects)\s+(?:who\s+)?(?:took\s+part|"
    rf"carried\s+out|were\s+involved|involved|attacked|opened\s+fire|stormed)\b|"
    rf"\baccomplices?\b|\b(?:did\s+not|didn['’]t|had\s+not|hadn['’]t)\s+act(?:ed)?\s+alone\b",
    re.IGNORECASE,
)
_DENIED_RE = re.compile(
    r"(?:\b(?:not|never|no|without|ruled\s+out|rule\s+out|no\s+evidence\s+of|"
    r"no\s+sign\s+of|dismissed|denied)|n['’]t)\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _lone(text: str) -> str | None:
    """The words that say one attacker acted alone, or None."""
    for found in _LONE_RE.finditer(text):
        words = found.group()
        if words.lower().startswith(("acted", "acting", "carried")):
            words += " alone"
        before = text[: found.start()]
        if not _DENIED_RE.search(before) and not unsettled(before):
            return words.strip()
    return None


def _many(text: str) -> str | None:
    """The words that count two or more attackers, or None."""
    for found in _MANY_RE.finditer(text):
        before = text[: found.start()]
        if found.group().lower().startswith(("did", "had")) or not (
            _DENIED_RE.search(before) or unsettled(before)
        ):
            return found.group()
    return None


def lone_evidence(a: str, b: str) -> list[Evidence]:
    """``"numeric"`` evidence when one claim says one attacker acted alone and the other
    counts two or more.

    Example:
        >>> lone_evidence("A lone gunman opened fire on the crowd.",
        ...               "At least three attackers opened fire on the crowd.")[0].note
        "a says one attacker ('lone gunman'); b counts more ('At least three attackers')"
    """
    for side, one, other in (("a", a, b), ("b", b, a)):
        lone = _lone(one)
        if lone is None or _lone(other) is not None:
            continue
        many = _many(other)
        if many is None or _many(one) is not None:
            continue
        rest = "b" if side == "a" else "a"
        note = f"{side} says one attacker ({lone!r}); {rest} counts more ({many!r})"
        values = (lone, many) if side == "a" else (many, lone)
        return [Evidence("numeric", *values, LONE_SCORE, note)]
    return []
