"""One event said to have been called off against the same event said to have gone ahead.

Input: two claim texts (attribution already removed). Output: the combiner feature
``held_clash`` (:func:`held_clash`) and ``"state"`` :class:`~conflictscan.Evidence`
(:func:`held_evidence`).

"The strike was called off after last-minute talks" / "The strike went ahead as planned on
Monday": the model reads such pairs as half neutral (0.50 one way), and the combiner, which
weighs it against many look-alikes, keeps them under the threshold. An event called off
("cancelled", "called off", "scrapped", "was abandoned", "did not go ahead") cannot also
have gone ahead ("went ahead", "took place", "was held", "was played"); one put off
("postponed", "delayed") cannot have gone ahead as scheduled. Both claims must be about
one event (what the verb is done to, or the subject, named alike, read from the parse),
and neither may say both. Only what has happened counts: "will go ahead" may still be
called off, an update rather than a clash. "Was not cancelled" says the event went ahead;
an outcome left open ("organisers are deciding whether the concert will be cancelled") is
none.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._evidence import clash_evidence
from conflictscan.signals._scene import part_of_group, unsettled
from conflictscan.signals._subjects import _one, subject

HELD_SCORE = 0.8
"""Strength of the evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""
_NOT = r"(?:\s+(?:not|never)|n['’]t)\s+"
"""A negation after an auxiliary: "did not", "wasn't"."""
_OFF_RE = re.compile(
    rf"\b(?:(?:was|were|been|had|has|have)\s+(?:(?!not\b|never\b)\w+\s+)?)?"
    rf"(?:cancell?ed|called\s+off|scrapped|axed)\b|"
    rf"\b(?:did|does|do){_NOT}(?:go\s+ahead|take\s+place)\b|"
    rf"\b(?:was|were|been)\s+(?:(?!not\b|never\b)\w+\s+)?abandoned\b",
    re.IGNORECASE,
)
_PUT_OFF_RE = re.compile(
    r"\b(?:postponed|delayed|put\s+off|pushed\s+back|rescheduled)\b", re.IGNORECASE
)
_ON_RE = re.compile(
    r"\b(?:went\s+ahead|took\s+place|(?:was|were)\s+(?:(?!not\b|never\b)\w+\s+)?"
    r"(?:held|staged|played))\b",
    re.IGNORECASE,
)
_ON_TIME_RE = re.compile(
    r"\s+(?:as\s+(?:scheduled|planned|expected|normal|usual)|on\s+(?:schedule|time))\b",
    re.IGNORECASE,
)
_NEGATED_RE = re.compile(r"(?:\b(?:not|never)|n['’]t)\s+(?:\w+\s+)?$", re.IGNORECASE)
_UNDONE_RE = re.compile(
    # what may still happen: "will be cancelled", "could go ahead", "is set to be held"
    r"\b(?:will|would|could|may|might|shall|set\s+to|going\s+to|expected\s+to|likely\s+to|"
    r"plans?\s+to|threatened\s+to)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_NEGATED_OFF_RE = re.compile(
    rf"\b(?:was|were|been|has|have|had){_NOT}(?:\w+\s+)?(?:cancell?ed|called\s+off|scrapped)\b",
    re.IGNORECASE,
)


def _told(text: str) -> tuple[str, str] | None:
    """("off", "put off", "on" or "on time", the words that say so), or None (none, more
    than one account, left open)."""
    found: list[tuple[str, int, str]] = [
        (kind, m.start(), m.group())
        for kind, pattern in (("off", _OFF_RE), ("put off", _PUT_OFF_RE), ("on", _ON_RE))
        for m in pattern.finditer(text)
        if not _NEGATED_RE.search(text[: m.start()]) and not _UNDONE_RE.search(text[: m.start()])
    ]
    # "was not cancelled": it went ahead
    found += [("on", m.start(), m.group()) for m in _NEGATED_OFF_RE.finditer(text)]
    for i, (kind, start, words) in enumerate(found):
        on_time = _ON_TIME_RE.match(text, start + len(words)) if kind == "on" else None
        if on_time:
            found[i] = ("on time", start, words + on_time.group())
    kinds = {kind for kind, _, _ in found}
    if len(kinds) != 1 and kinds != {"on", "on time"}:
        return None
    kind, start, words = max(found, key=lambda f: f[0] == "on time")
    before = text[:start]
    return None if unsettled(before) or part_of_group(before) else (kind, words)


_CLASHES = frozenset({("off", "on"), ("off", "on time"), ("put off", "on time")})


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str] | None:
    told_a, told_b = _told(a), _told(b)
    if told_a is None or told_b is None:
        return None
    kinds = (told_a[0], told_b[0])
    if kinds not in _CLASHES and kinds[::-1] not in _CLASHES:
        return None
    event_a, event_b = _event(a), _event(b)
    if event_a is None or event_b is None or not _one(*event_a, *event_b):
        return None
    return told_a[1], told_b[1]


_CALLING_OFF = frozenset(("cancel", "call", "scrap", "axe", "postpone", "delay", "put", "push"))


def _event(text: str) -> tuple[str, frozenset[str]] | None:
    """(word, name words) of the event a claim tells of: what "cancelled", "called off" or
    "postponed" acts on ("Organisers cancelled *the marathon*"), else the subject ("*The
    marathon* took place"); None without a parse, or for another one of its kind ("the
    *next* meeting")."""
    s = subject(text)
    if s is None:
        return None
    if s.theme and s.verb in _CALLING_OFF:
        return None if s.theme_other else (s.theme, s.theme_names)
    return (s.head, s.names) if s.head and not s.other else None


def held_clash(a: str, b: str) -> float:
    """1.0 when one claim has an event called off (or put off) and the other has the same
    event go ahead (as scheduled)."""
    return float(_clash(a, b) is not None)


def held_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`held_clash` as evidence of kind ``"state"``.

    Example:
        >>> held_evidence("The strike was called off.",
        ...               "The strike went ahead on Monday.")[0].note  # doctest: +SKIP
        "one event called off (or put off) and held: 'was called off' vs 'went ahead'"
    """
    return clash_evidence(
        _clash(a, b), "state", HELD_SCORE, "one event called off (or put off) and held"
    )
