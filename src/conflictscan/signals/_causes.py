"""A fire, blast or crash said to be an accident against the same one said to be deliberate.

Input: two claim texts (attribution already removed). Output: the combiner feature
``cause_clash`` (:func:`cause_clash`) and ``"cause"`` :class:`~conflictscan.Evidence`
(:func:`cause_evidence`).

"The blaze was caused by an electrical fault" / "Investigators believe the fire was
started deliberately": the two share no word that negates the other, and the model reads
such pairs as neutral (0.47 / 0.51). An accident and a deliberate act cannot both be the
cause of one event. Both claims must name the event with a word of one group (fire, blaze,
inferno; explosion, blast; crash, collision), and each must say one cause only. A denied
cause counts as its opposite: "Police have ruled out arson" says the fire was no arson.
"""

from __future__ import annotations

import re

from conflictscan._types import Evidence

CAUSE_SCORE = 0.8
"""Strength of ``"cause"`` evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""
_DELIBERATE_RE = re.compile(
    r"\b(?:deliberately|intentionally|on\s+purpose|arson\w*|(?:was|were|been)\s+set\s+"
    r"(?:alight|on\s+fire)|torched|(?:a|an)\s+(?:bomb|(?:incendiary|explosive)\s+device)|"
    r"(?:a|an)\s+(?:deliberate|intentional)\s+(?:act|attack)|not\s+(?:an\s+)?accident(?:al)?)\b",
    re.IGNORECASE,
)
_ACCIDENTAL_RE = re.compile(
    r"\b(?:accidental(?:ly)?|(?:a|an)\s+(?:tragic\s+|terrible\s+)?accident|electrical\s+fault|"
    r"faulty\s+(?:wiring|equipment|appliance)|(?:a|an)\s+gas\s+leak|a\s+discarded\s+cigarette|"
    r"lightning\s+strike|not\s+(?:being\s+)?(?:treated\s+as\s+)?suspicious|"
    r"no\s+(?:sign|signs|evidence|suggestion)\s+of\s+(?:foul\s+play|arson|(?:a|any)\s+crime)|"
    r"no\s+foul\s+play|ruled\s+out\s+(?:arson|foul\s+play|sabotage|terrorism|a\s+bomb))\b",
    re.IGNORECASE,
)
_EVENTS = {
    **dict.fromkeys(("fire", "fires", "blaze", "blazes", "inferno", "flames"), "fire"),
    **dict.fromkeys(("explosion", "explosions", "blast", "blasts"), "explosion"),
    **dict.fromkeys(("crash", "collision", "derailment"), "crash"),
}
_WORD_RE = re.compile(r"[a-z]+")


def _events(text: str) -> frozenset[str]:
    return frozenset(_EVENTS[w] for w in _WORD_RE.findall(text.lower()) if w in _EVENTS)


def _cause(text: str) -> tuple[str, str] | None:
    """("deliberate" or "accidental", the words that say so), or None (neither, or both).
    "ruled out arson" and "no evidence of arson" are read as accidental, not deliberate."""
    accidental = _ACCIDENTAL_RE.search(text)
    deliberate = [
        m
        for m in _DELIBERATE_RE.finditer(text)
        if not (accidental and accidental.start() <= m.start() < accidental.end())
    ]
    if accidental and deliberate:
        return None
    if accidental:
        return "accidental", accidental.group()
    return ("deliberate", deliberate[0].group()) if deliberate else None


def _clash(a: str, b: str) -> tuple[str, str] | None:
    if not _events(a) & _events(b):
        return None
    cause_a, cause_b = _cause(a), _cause(b)
    if cause_a is None or cause_b is None or cause_a[0] == cause_b[0]:
        return None
    return cause_a[1], cause_b[1]


def cause_clash(a: str, b: str) -> float:
    """1.0 when one claim calls an event an accident and the other a deliberate act."""
    return float(_clash(a, b) is not None)


def cause_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`cause_clash` as evidence of kind ``"cause"``.

    Example:
        >>> cause_evidence("The blaze was caused by an electrical fault.",
        ...                "The fire was started deliberately.")[0].note
        "one event, two causes: 'electrical fault' vs 'deliberately'"
    """
    found = _clash(a, b)
    if found is None:
        return []
    x, y = found
    note = f"one event, two causes: {x!r} vs {y!r}"
    return [Evidence("cause", x, y, CAUSE_SCORE, note)]
