"""A state said to have ended against the same state said to go on.

Input: two claim texts (attribution already removed). Output: :func:`state_clash` in
{0, 1}, a combiner feature. One claim says a state ended ("the road reopened", "the ship
was refloated", "Reszka was freed on bail", "trains have run normally since Wednesday")
and the other that it goes on ("remains closed", "was still aground", "remained in
custody", "will not run again before Friday", "will stay shut until at least Friday"),
and both are about the same thing: the subjects (or, for "officials reopened the
hospital", what the action is done to) share a head word or a name, read from the parse.

An NLI model often reads such pairs as neutral: "reopened" and "remains closed" share no
word that negates the other. Whether the two claims speak of one moment is left to the
time features (``time_shift``: "remained closed on Monday" / "reopened on Wednesday" is a
change, not a clash), which the combiner weighs beside this one. A negated ending ("would
not reopen before next week") is no ending, and a claim that says both is neither.
Without a parse (spaCy not installed) the feature is 0.
"""

from __future__ import annotations

import re

from conflictscan.signals._subjects import Subject, subject
from conflictscan.signals._timing import _PERSISTS_RE

_ENDED_RE = re.compile(
    r"\b(?:re-?open(?:ed|s|ing)?|opened\s+to\s+traffic|resum(?:ed|es|ing)|refloated|freed|"
    r"released|rescued|found\s+alive|lifted|restored|called\s+off|"
    r"(?:run|runs|running|ran)\s+normally|returned\s+to\s+(?:lessons|classes|work|service|normal))\b",
    re.IGNORECASE,
)
# Besides the words that say any state went on ("still", "remained", "yet to"):
_STAYS_SHUT_RE = re.compile(
    r"\b(?:stay(?:s|ed)?\s+(?:shut|closed)|until\s+at\s+least|not\s+(?:re-?open|run|resume)\w*)\b",
    re.IGNORECASE,
)
# "would not reopen before next week", "has yet to be released": no ending.
_NEGATED_RE = re.compile(
    r"\b(?:not|n't|never|no|yet\s+to|before|until)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)


def _goes_on(text: str) -> bool:
    return bool(_PERSISTS_RE.search(text) or _STAYS_SHUT_RE.search(text))


def _ended(text: str) -> bool:
    return any(not _NEGATED_RE.search(text[: m.start()]) for m in _ENDED_RE.finditer(text))


def _things(subj: Subject) -> frozenset[str]:
    """Head word (or, for an active verb with an object, the object's), with the rest of
    its name when it is a name ("the Hestia Crown"). A place named in the phrase ("the
    road through Fennick") is not the thing itself."""
    word = subj.theme or subj.head
    names = subj.theme_names if subj.theme else subj.names
    return frozenset({word} - {""}) | (names if word in names else frozenset())


def state_clash(a: str, b: str) -> float:
    """1.0 when one claim ends a state the other says goes on, for one thing; else 0.0.

    Args:
        a: One claim.
        b: The other claim.

    Returns:
        1.0 or 0.0 (0.0 without a parse).

    Example:
        >>> state_clash("The coastal highway reopened on Wednesday.",
        ...             "The coastal highway remains closed.")  # doctest: +SKIP
        1.0
    """
    for ending, going_on in ((a, b), (b, a)):
        if not _ended(ending) or _ended(going_on) or not _goes_on(going_on):
            continue
        s_end, s_on = subject(ending), subject(going_on)
        if s_end is not None and s_on is not None and _things(s_end) & _things(s_on):
            return 1.0
    return 0.0
