"""One person named as two different people.

Input: two claim texts (attribution already removed). Output: the combiner feature
``identity_clash`` (:func:`identity_clash`) and ``"identity"``
:class:`~conflictscan.Evidence` (:func:`identity_evidence`).

Early reports often disagree on who someone is: "The victim was identified as Mark Ellis"
/ "Police named the victim as Daniel Hart". The model reads such pairs as neutral (0.03):
two names share nothing, and nothing in either claim says the other is false. One role
("the victim", "the gunman", "the new chief executive"), named as two people whose names
share no word, is read as a clash. The role is what the verb "named" or "identified" is
done to (the subject of the passive, the object of the active verb, read from the parse),
and must be a description, not a name; "Ellis" against "Mark Ellis" is one person. A
claim about another one of the kind ("a second victim", "also named") or several
("were named as", "Mark Ellis and Ann Ross") names someone else.

A post held by two people ("The new chief executive of Harbourline is Priya Menon" /
"Harbourline has named Oliver Grant as its new chief executive") is read by
:mod:`conflictscan.signals._holders` and counts as the same clash, and so does one act
said to be the work of two named authors (:mod:`conflictscan.signals._perpetrators`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._evidence import clash_evidence
from conflictscan.signals._holders import holder_clash
from conflictscan.signals._perpetrators import perpetrator_clash
from conflictscan.signals._scene import part_of_group, unsettled
from conflictscan.signals._subjects import _one, subject

IDENTITY_SCORE = 0.8
"""Strength of the evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""
_NAME_WORD = r"(?:[A-Z][\w'’-]+|de|van|von|al|bin|da|di|le|la)"
_NAMED_RE = re.compile(
    r"\b(?:was|has\s+been|had\s+been|is|named|identified)\s+(?:(?:named|identified)\s+)?"
    r"(?:(?:him|her|the(?:\s+[\w-]+){1,3}?)\s+)?as\s+(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?"
    r"(?:\d{1,3}-year-old\s+)?(?P<name>[A-Z][\w'’-]+(?:\s+" + _NAME_WORD + r")*)",
)
_NAMING_VERBS = frozenset(("name", "identify"))
_OTHER_RE = re.compile(r"\b(?:also|another|second|third|other|both|were)\b", re.IGNORECASE)
_SEVERAL_RE = re.compile(r"^\s*(?:and|&)\s+[A-Z]")


def _naming(text: str) -> tuple[str, frozenset[str]] | None:
    """(the name as written, its lower-cased words) when the claim names one person in a
    role described, not named; else None."""
    found = _NAMED_RE.search(text)
    if found is None or _OTHER_RE.search(text) or _SEVERAL_RE.match(text[found.end() :]):
        return None
    before = text[: found.start()]
    if part_of_group(before) or unsettled(before):
        return None
    name = found.group("name")
    return name, frozenset(w.lower() for w in name.split())


def _role(text: str) -> str | None:
    s = subject(text)
    if s is None or s.verb not in _NAMING_VERBS:
        return None
    word, names = s.target
    return word if word and not names else None


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str, str] | None:
    named = _named_clash(a, b)
    if named is not None:
        return named
    return holder_clash(a, b) or perpetrator_clash(a, b)


def _named_clash(a: str, b: str) -> tuple[str, str, str] | None:
    named_a, named_b = _naming(a), _naming(b)
    if named_a is None or named_b is None or named_a[1] & named_b[1]:
        return None
    role_a, role_b = _role(a), _role(b)
    if role_a is None or role_b is None or not _one(role_a, frozenset(), role_b, frozenset()):
        return None
    return named_a[0], named_b[0], role_a


def identity_clash(a: str, b: str) -> float:
    """1.0 when the two claims name one role as two different people."""
    return float(_clash(a, b) is not None)


def identity_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`identity_clash` as evidence of kind ``"identity"``.

    Example:
        >>> identity_evidence("The victim was identified as Mark Ellis.",
        ...                   "Police named the victim as Daniel Hart.")[0].note
        ...  # doctest: +SKIP
        "the victim named as two people: 'Mark Ellis' vs 'Daniel Hart'"
    """
    found = _clash(a, b)
    if found is None:
        return []
    x, y, role = found
    return clash_evidence((x, y), "identity", IDENTITY_SCORE, f"the {role} named as two people")
