"""Where someone died: at the scene against later, in hospital.

Input: two claim texts (attribution already removed). Output: ``"place"``
:class:`~conflictscan.Evidence` (:func:`scene_evidence`).

Reports of a crash or a shooting often disagree on where a victim died: "The driver was
pronounced dead at the scene" / "The driver died in hospital two days after the crash",
or whether he reached hospital alive ("was airlifted to hospital with serious
injuries"; being "taken to hospital" alone may be a body's journey, so it is not read).
The two claims share most of their words, and the model reads such a pair as neutral or
as support (one death either way). One death happens in one place, so for one person the
two cannot both be true. Both claims must be about the same person or group (the subject,
read from the parse, named alike), and neither may count part of a group ("Two died at the
scene"; "a third died in hospital") or say both (a claim that some died at the scene and
others later).
"""

from __future__ import annotations

import re

from conflictscan._types import Evidence
from conflictscan.signals._subjects import same_target

SCENE_SCORE = 0.8
"""Strength of the evidence, as for any event put in two places."""
_DEATH = r"(?:died|dead|killed|perished|succumbed)"
_AT_SCENE_RE = re.compile(
    rf"\b{_DEATH}\b(?:\s+[\w'’-]+){{0,3}}?\s+(?:at\s+the\s+scene|on\s+the\s+spot|instantly|"
    r"on\s+impact)\b",
    re.IGNORECASE,
)
_LATER_RE = re.compile(
    rf"\b(?:{_DEATH}\b(?:\s+[\w'’-]+){{0,4}}?\s+(?:in|at)\s+(?:the\s+|a\s+)?"
    r"(?:[\w'’-]+\s+){0,3}hospital|hospital,?\s+where\s+(?:he|she|they)\s+(?:later\s+)?died|"
    rf"later\s+{_DEATH}|died\s+(?:later|days|hours|on\s+the\s+way)|"
    r"died\s+(?:\w+\s+){0,2}of\s+(?:his|her|their)\s+(?:injuries|wounds)|"
    # alive on the way: "airlifted to hospital with serious injuries"
    r"(?:taken|airlifted|flown|rushed|transported)\s+to\s+(?:[\w'’-]+\s+){0,3}hospital,?\s+"
    r"(?:with\s+(?:[\w-]+\s+){0,3}(?:injuries|wounds)|in\s+a\s+(?:[\w-]+\s+){0,2}condition))\b",
    re.IGNORECASE,
)
# A count opening the claim ("Two passengers", "The three men"; not "The 54-year-old
# driver"), or another one anywhere before the death ("a third", "of the", "the others").
_COUNT_OPENING_RE = re.compile(
    r"^\W*(?:the\s+|all\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|some|"
    r"several|many|most)(?![\w-])",
    re.IGNORECASE,
)
_ANOTHER_RE = re.compile(
    r"\b(?:others?|another|a\s+(?:second|third|fourth)|the\s+rest|(?:\d+|one|two|three|four|"
    r"five|six|some|several|many|most|each|all|none)\s+of\s+(?:the|them|those))\b",
    re.IGNORECASE,
)


_UNSETTLED_RE = re.compile(
    r"(?-i:\b(?:may|might|could)\s+(?:not\s+)?have\b)|\b(?:whether|if|unclear|unknown|"
    r"not\s+(?:yet\s+)?(?:known|clear|confirmed|established)|investigating|under\s+investigation|"
    r"looking\s+into|possibl[ey]|perhaps|trying\s+to\s+(?:establish|determine|find\s+out)|"
    # denied: "Police denied that the fire had been started deliberately"
    r"den(?:y|ies|ied|ying)|reject\w*|dismiss\w*|refut\w*|disput\w*|no\s+truth)\b",
    re.IGNORECASE,
)


def unsettled(before: str) -> bool:
    """Whether the words before an outcome leave it open or deny it: "It is not clear
    whether the pilot survived", "Police are investigating whether the fire was started
    deliberately", "The driver may have died at the scene", "Police denied that the fire
    had been started deliberately" (a denial is read by the denial checks instead)."""
    return bool(_UNSETTLED_RE.search(before))


def part_of_group(before: str) -> bool:
    """Whether the words before a claim's outcome count part of a group ("Two of the
    passengers", "A third man") rather than name one person or the whole group."""
    return bool(_COUNT_OPENING_RE.search(before) or _ANOTHER_RE.search(before))


def _where(text: str) -> tuple[str, str] | None:
    """("scene" or "later", the words that say so), or None (neither, both, part of a
    group, left open or denied)."""
    scene, later = _AT_SCENE_RE.search(text), _LATER_RE.search(text)
    found = scene or later
    if found is None or (scene and later):
        return None
    before = text[: found.start()]
    if part_of_group(before) or unsettled(before):
        return None  # "Two of the passengers died at the scene", "A third died later"
    return ("scene" if scene else "later"), found.group()


def scene_evidence(a: str, b: str) -> list[Evidence]:
    """``"place"`` evidence when one claim has someone die at the scene and the other
    has the same person die later or in hospital.

    Example:
        >>> scene_evidence("The cyclist died at the scene.",
        ...                "The cyclist died in hospital on Sunday.")[0].note  # doctest: +SKIP
        "a: died at the scene; b: alive after it or died later ('died in hospital')"
    """
    where_a, where_b = _where(a), _where(b)
    if where_a is None or where_b is None or where_a[0] == where_b[0] or not same_target(a, b):
        return []
    scene, later = ("a", "b") if where_a[0] == "scene" else ("b", "a")
    later_words = (where_b if where_a[0] == "scene" else where_a)[1]
    note = f"{scene}: died at the scene; {later}: alive after it or died later ({later_words!r})"
    return [Evidence("place", where_a[1], where_b[1], SCENE_SCORE, note)]
