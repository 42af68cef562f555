"""One sum of money told as two: a sale, a cost, a theft or a prize given two amounts.

Input: two claim texts (attribution already removed). Output: ``"numeric"``
:class:`~conflictscan.Evidence` (:func:`money_evidence`).

The numeric stage compares figures that count one named thing ("a $142 million profit"). A
sum of money is often written with nothing beside it to name: "sold at auction for £3.5
million" / "fetched about £500,000 at the sale"; "had cost 600 million dollars to build" /
"the final bill came to about one billion dollars"; "the jackpot stood at 8.2 million
pounds" / "scooped a jackpot of just over £28 million". Such a pair is read here when each
claim has exactly one sum, in one currency, at least one of them with nothing named beside
it (else the numeric stage has read it); both claims tell money of one sense (a sale, a
cost, a theft, a prize, a fine, a payment, money raised, by the words of :data:`_SENSES`);
they share a name, or with no names two content words; and the two sums cannot meet however
they are rounded or qualified ("just over", "about", "at least"). Claims of two times or an
update (a running total: "so far", "have since passed"), another one of a kind, a year told
on one side only, a part against a total ("in part", "a further", "of which", "including",
"the full cost", "the plant itself"), a rate ("per share", "a year", "annual"), a difference
("$4.5 million less than") and a budget's lines are left alone: a story tells many sums of
one sense, and only one told twice clashes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._lexicon import _ANOTHER_RE, _UPDATE_RE
from conflictscan.signals._numbers import _quantities
from conflictscan.signals._precedents import _one_thing
from conflictscan.signals._timing import _different_times

MONEY_SCORE = 0.8
"""Strength of the evidence: one sum told as two that cannot meet."""
_MONEY = frozenset("$£€¥")
_SENSES = {
    "sale": r"sold|sells?|sale|fetch(?:ed|es)?|auction(?:ed)?|bought|buys?|purchas(?:e|ed)",
    "cost": r"cost(?:s|ing)?|bill|spent|spend(?:ing)?|budget|price\s+tag",
    "theft": r"stole|stolen|steal(?:ing)?|taken|took|embezzl(?:ed|ing)|siphon(?:ed|ing)|"
    r"misappropriat(?:ed|ing)|defraud(?:ed|ing)?",
    "prize": r"jackpot|prize|winnings",
    "fine": r"fined?|penalty",
    "pay": r"paid|pays?|salary|bonus|compensation|damages|settlement",
    "raise": r"raised|raises?|raising|donations?|fundrais\w*",
}
_SENSE_RES = {
    sense: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for sense, words in _SENSES.items()
}
_PART_RE = re.compile(
    r"\b(?:in\s+part|a\s+further|another|(?<!all\s)of\s+which|part\s+of|a\s+share\s+of|a\s+portion|"
    r"partly|deposit|first\s+instal?ment|includ(?:e|es|ed|ing)|itself|full\s+(?:cost|price|bill|"
    r"amount)|overall|running|per|each|a\s+share|annual(?:ly)?|a\s+(?:year|month|week)|"
    r"(?:dollars|pounds|euros|million|billion|\d)\s+(?:less|more)\s+than|loans?|debt|budget)\b",
    re.IGNORECASE,
)


_RUNNING_RE = re.compile(
    r"\b(?:since|so\s+far|to\s+date|in\s+(?:its|the)\s+first|passed|topped|surpassed|"
    r"exceeded|now\s+stands?)\b",
    re.IGNORECASE,
)
"""A running total told at one moment: another moment's total may be larger."""
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def _senses(text: str) -> frozenset[str]:
    return frozenset(sense for sense, pattern in _SENSE_RES.items() if pattern.search(text))


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str] | None:
    sums = [[q for q in _quantities(t) if q.unit in _MONEY] for t in (a, b)]
    if any(len(found) != 1 for found in sums):
        return None
    qa, qb = sums[0][0], sums[1][0]
    if qa.unit != qb.unit or (qa.what is not None and qb.what is not None):
        return None  # two named figures: the numeric stage reads them
    if not _senses(a) & _senses(b) or not _one_thing(a, b):
        return None
    if _UPDATE_RE.search(a) or _UPDATE_RE.search(b) or _RUNNING_RE.search(f"{a} {b}"):
        return None  # "raised $2 million in its first week" / "have since passed $9 million"
    if _different_times(a, b, None, None):
        return None
    if _ANOTHER_RE.search(a) or _ANOTHER_RE.search(b) or _PART_RE.search(f"{a} {b}"):
        return None
    if bool(_YEAR_RE.search(a)) != bool(_YEAR_RE.search(b)):
        return None  # "fined $400,000 in 2019" / "upheld a $7.5 million ruling": two times
    (low_a, high_a), (low_b, high_b) = qa.interval(), qb.interval()
    if high_a < low_b or high_b < low_a:
        return qa.describe(), qb.describe()
    return None


def money_evidence(a: str, b: str) -> list[Evidence]:
    """The two sums of :func:`_clash` as evidence of kind ``"numeric"``.

    Example:
        >>> [found] = money_evidence("The Veldman landscape sold for £3.5 million.",
        ...                          "The Veldman landscape was sold for about £500,000.")
        >>> found.note
        'one sum told as two: £3.5 million vs about £500,000'
    """
    found = _clash(a, b)
    if found is None:
        return []
    x, y = found
    return [Evidence("numeric", x, y, MONEY_SCORE, f"one sum told as two: {x} vs {y}")]
