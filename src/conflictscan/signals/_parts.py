"""Part of a group against part or most of it: two claims that can both be true.

Input: two claim texts (attribution already removed). Output: :func:`part_of_group` in
{0, 1}, a combiner feature that caps confidence.

"Most residents support the new stadium" and "Some residents oppose the new stadium" are
both true in a town where a fifth of residents oppose it; so are "Many nurses backed the
strike" / "Several nurses crossed the picket line". An NLI model reads such pairs as a
contradiction: one side supports, the other opposes. The reading needs one subject taken
only in part ("some", "several", "many"; not "some 200", a number) and the other, of the
same people or things, not taken whole ("all", "every", "each", "both", "no",
"neither", "everyone", "none") and neither claim negated: "Some paintings were
recovered" / "None of the paintings were recovered" still clash, and so do "Some
residents support it" / "Residents do not support it".
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from conflictscan.signals._subjects import main_subject
from conflictscan.text._syntax import words

if TYPE_CHECKING:
    from spacy.tokens import Token

_PART = words("some several many")
_WHOLE = words("all every each both no neither none nobody everyone everybody entire whole")
_NEGATION = words("not n't never no none nobody neither nor without")


def _quantity(head: Token) -> str:
    """ "part", "whole" or "" for how much of its group a subject takes."""
    marks = [c for c in head.children if c.i < head.i and c.dep_ in ("det", "amod", "predet")]
    if any(c.like_num for c in head.subtree) or any(c.dep_ == "nummod" for c in head.children):
        return ""  # "some 200 residents", "many of the 40 nurses": counts, not parts
    lows = {c.lower_ for c in marks} | {head.lower_}
    if lows & _WHOLE:
        return "whole"
    return "part" if lows & _PART else ""


@lru_cache(maxsize=4096)
def _reading(text: str) -> tuple[str, str] | None:
    """(subject's lemma, "part" / "whole" / "") of one claim, or None when it is negated,
    has no subject or cannot be parsed. Read once per claim, whatever it is paired with."""
    from conflictscan.text import _parsing as parsing
    from conflictscan.text._speech import MAX_PARSE_CHARS

    if len(text) > MAX_PARSE_CHARS or not parsing.is_available():
        return None
    doc = parsing.parse_one(text)
    head = main_subject(doc)
    if head is None or any(t.lower_ in _NEGATION for t in doc):
        return None
    return head.lemma_.lower(), _quantity(head)


def part_of_group(a: str, b: str) -> float:
    """1.0 when one claim's subject is only part of a group and the other's is the same
    group not taken whole, neither claim negated (see the module docstring).

    Args:
        a: First claim.
        b: Second claim.

    Returns:
        1.0 or 0.0; 0.0 without a parse.
    """
    if not (_PART & set(a.lower().split()) or _PART & set(b.lower().split())):
        return 0.0  # no part word at all: no parse needed
    ra, rb = _reading(a), _reading(b)
    if ra is None or rb is None or ra[0] != rb[0]:
        return 0.0
    taken = {ra[1], rb[1]}
    return float("part" in taken and "whole" not in taken)
