"""One thing given two ranks: "the country's biggest lender" / "the country's fifth-largest
lender".

Input: two claim texts (attribution already removed). Output: ``"numeric"``
:class:`~conflictscan.Evidence` (:func:`rank_evidence`).

A rank is a superlative ("biggest", "largest", "busiest", "oldest" …), first unless an
ordinal stands before it ("fifth-largest", "third biggest", "2nd-busiest"), followed by
the noun it ranks ("lender", "carmaker", "airport"). Two claims clash when each gives one
rank, of one measure ("biggest" and "largest" are one), of one noun, within one scope
("the country's", "in Europe", "the world's": the same on both sides, or none on either),
of one subject described alike (:func:`~conflictscan.signals._evidence.one_subject`, read
from the parse), and the ranks differ. A rank that changed, or one told of a stated time
("was once the largest", "has become the third-largest", "in 2019"), is left alone: two
ranks at two times may both be true. Without a parse nothing is read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from conflictscan._types import Evidence
from conflictscan.signals._evidence import one_subject
from conflictscan.signals._lexicon import _STOPWORDS

RANK_SCORE = 0.8
"""Strength of the evidence: one thing given two ranks of one measure in one scope."""
_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_MEASURES = {
    "largest": "size", "biggest": "size", "smallest": "small", "busiest": "busy",
    "oldest": "age", "youngest": "young", "richest": "rich", "poorest": "poor",
    "tallest": "tall", "highest": "high", "lowest": "low", "longest": "long",
    "most populous": "populous", "most valuable": "valuable", "best-selling": "selling",
}  # fmt: skip
_RANK_RE = re.compile(
    r"\b(?:(?P<ord>" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))[\s-]+)?"
    r"(?P<sup>" + "|".join(sorted(_MEASURES, key=len, reverse=True)) + r")\s+"
    r"(?:[a-z]+[\s-]+){0,2}?(?P<noun>[a-z]+?)(?:s|es)?\b(?P<tail>(?:\s+in\s+(?:the\s+)?"
    r"[A-Za-z]+)?)",
    re.IGNORECASE,
)
_SCOPE_RE = re.compile(r"\b(?:the\s+)?([A-Za-z]+)['’]s\s+$", re.IGNORECASE)


_CHANGE_RE = re.compile(
    r"\b(?:once|now|formerly|former|used\s+to|became|become|becoming|fell|rose|slipped|"
    r"dropped|climbed|moved|overtook|overtaken|no\s+longer|until|since|again|still|"
    r"(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
"""Words of a rank that changed or of a stated time ("was once the largest", "has become
the third-largest", "in 2019"): two ranks at two times may both be true."""


class _Rank(NamedTuple):
    rank: int
    measure: str
    noun: str
    scope: str
    text: str


def _ranks(text: str) -> list[_Rank]:
    found = []
    for match in _RANK_RE.finditer(text):
        word = (match.group("ord") or "").lower()
        rank = _ORDINALS.get(word) or (int(word[:-2]) if word[:-2].isdigit() else 1)
        owner = _SCOPE_RE.search(text[: match.start()])
        tail = match.group("tail").split()
        scope = (owner.group(1) if owner else tail[-1] if tail else "").lower()
        measure = _MEASURES[" ".join(match.group("sup").lower().split())]
        if match.group("noun").lower() in _STOPWORDS:
            continue  # "the busiest in Europe": no noun ranked
        found.append(_Rank(rank, measure, match.group("noun").lower(), scope, match.group()))
    return found


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[_Rank, _Rank] | None:
    ranks_a, ranks_b = _ranks(a), _ranks(b)
    if len(ranks_a) != 1 or len(ranks_b) != 1 or _CHANGE_RE.search(a) or _CHANGE_RE.search(b):
        return None
    x, y = ranks_a[0], ranks_b[0]
    if (x.measure, x.noun, x.scope) != (y.measure, y.noun, y.scope) or x.rank == y.rank:
        return None
    return (x, y) if one_subject(a, b) else None


def rank_evidence(a: str, b: str) -> list[Evidence]:
    """``"numeric"`` evidence when the claims give one thing two ranks of one measure.

    Example:
        >>> rank_evidence("Halvorsen is the country's biggest lender.",
        ...               "Halvorsen is the country's fifth-largest lender.")[0].note
        ... # doctest: +SKIP
        "one thing given two ranks: 'biggest lender' (1) vs 'fifth-largest lender' (5)"
    """
    found = _clash(a, b)
    if found is None:
        return []
    x, y = found
    note = f"one thing given two ranks: {x.text!r} ({x.rank}) vs {y.text!r} ({y.rank})"
    return [Evidence("numeric", x.text, y.text, RANK_SCORE, note)]
