"""Bail said to have been granted against bail refused, or not yet decided.

Input: two claim texts (attribution already removed). Output: the combiner feature
``bail_clash`` (:func:`bail_clash`) and ``"state"`` :class:`~conflictscan.Evidence`
(:func:`bail_evidence`).

Early reports of a court hearing often disagree on its outcome: "A court in Aldmere on
Monday refused bail to Dorian Falk" / "The court set bail at 2 million florins, and Falk
must now report to a police station every day", or "was freed on bail on Tuesday" / "no
decision on bail had yet been taken". The model reads most such pairs as neutral: the
wording of the two decisions shares little. One defendant's bail at one hearing is
granted, refused or not yet decided, so two of these cannot both be true:

* granted: "freed (released) on bail", "set bail at", "granted bail", "bail was set",
  "was bailed", "posted bail";
* refused: "refused (denied, rejected, turned down) bail", "bail was refused", "was not
  granted bail", "held without bail", "remanded in custody", "held on remand";
* not yet decided: "no decision on bail", "no bail hearing", "no application for bail had
  been heard", "the bail hearing was adjourned".

Granted clashes with refused and with not yet decided. Nothing is read when either claim
tells of a later step ("on appeal", "a second application", "later", "again"), of others
("two co-defendants were released on bail", "both", "also"), or when the two claims name
people and none in common ("Greta Valen was released on bail" / "no bail hearing … Mr
Heskey has not left"): they may be two defendants.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._evidence import clash_evidence
from conflictscan.signals._names import _proper_nouns

BAIL_SCORE = 0.8
"""Strength of the evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""
_AUX = r"(?:was|were|has\s+been|have\s+been|had\s+been|is|are)"
_GRANTED_RE = re.compile(
    rf"\b(?:(?:freed|released|bailed)\s+on\s+bail|(?:set|granted|grants|granting|posted)\s+"
    rf"(?:\w+\s+){{0,2}}?bail|bail\s+{_AUX}\s+(?:set|granted)|{_AUX}\s+bailed)\b",
    re.IGNORECASE,
)
_REFUSED_RE = re.compile(
    rf"\b(?:(?:refused|denied|rejected|refusing|denying|rejecting)\s+(?:\w+\s+){{0,3}}?bail|"
    rf"turned\s+down\s+(?:\w+\s+){{0,4}}?bail|bail\s+{_AUX}\s+(?:refused|denied|rejected)|"
    rf"not\s+(?:been\s+)?granted\s+bail|(?:held|detained|jailed)\s+without\s+bail|"
    rf"remanded\s+in(?:to)?\s+custody|(?:held|kept|detained)\s+on\s+remand|remanded\s+to\s+"
    rf"(?:jail|prison))\b",
    re.IGNORECASE,
)
_UNDECIDED_RE = re.compile(
    rf"\b(?:no\s+(?:\w+\s+)?(?:decision|ruling)\s+on\s+bail|no\s+bail\s+(?:hearing|decision)|"
    rf"no\s+(?:application|request)\s+for\s+bail\s+{_AUX}\s+(?:heard|decided|considered)|"
    rf"bail\s+hearing\s+{_AUX}\s+(?:adjourned|postponed|delayed|put\s+off))\b",
    re.IGNORECASE,
)
_LATER_RE = re.compile(
    r"\b(?:appeal|appealed|second|fresh|new\s+application|later|subsequently|eventually|again|"
    r"since\s+been|others?|co-?defendants?|co-?accused|both|also|accomplices?)\b",
    re.IGNORECASE,
)
_NOT_RE = re.compile(r"\bnot\b", re.IGNORECASE)
_PLANNED_RE = re.compile(
    r"\b(?:will|would|could|may|might|can|expected\s+to|likely\s+to|seek|seeking|sought|"
    r"apply|applied|applying|ask|asked|asking)\b",
    re.IGNORECASE,
)


def _told(text: str) -> tuple[str, str] | None:
    """("granted", "refused" or "undecided", the words that say so), or None (none, more
    than one, a later step, others, or a step still to come)."""
    if not any(word in text.lower() for word in ("bail", "custody", "remand")):
        return None
    found = [
        (kind, m.group())
        for kind, pattern in (
            ("refused", _REFUSED_RE),
            ("undecided", _UNDECIDED_RE),
            ("granted", _GRANTED_RE),
        )
        for m in pattern.finditer(text)
    ]
    kinds = {kind for kind, _ in found}
    if "refused" in kinds and "granted" in kinds:
        # "was not granted bail" reads as both; the refusal holds
        found = [f for f in found if f[0] == "refused"] if _NOT_RE.search(text) else []
        kinds = {kind for kind, _ in found}
    if len(kinds) != 1 or _LATER_RE.search(text):
        return None
    kind, words = found[0]
    start = text.lower().find(words.lower())
    if _PLANNED_RE.search(text[max(0, start - 30) : start]):
        return None  # "will seek bail", "could be granted bail"
    return kind, words


_CLASHES = frozenset({("granted", "refused"), ("granted", "undecided")})


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str] | None:
    told_a, told_b = _told(a), _told(b)
    if told_a is None or told_b is None:
        return None
    kinds = (told_a[0], told_b[0])
    if kinds not in _CLASHES and kinds[::-1] not in _CLASHES:
        return None
    names_a, names_b = (frozenset().union(*_proper_nouns(t)) for t in (a, b))
    if names_a and names_b and not names_a & names_b:
        return None  # two named people: maybe two defendants
    return told_a[1], told_b[1]


def bail_clash(a: str, b: str) -> float:
    """1.0 when one claim has bail granted and the other refused or not yet decided."""
    return float(_clash(a, b) is not None)


def bail_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`bail_clash` as evidence of kind ``"state"``.

    Example:
        >>> bail_evidence("The court refused bail to Dorian Falk.",
        ...               "Falk was freed on bail.")[0].note  # doctest: +SKIP
        "bail granted in one claim, refused or not decided in the other: ..."
    """
    return clash_evidence(
        _clash(a, b),
        "state",
        BAIL_SCORE,
        "bail granted in one claim, refused or not decided in the other",
    )
