"""One journey told with its ends swapped: "The tanker sailed from Varnholt and is due to
dock at Port Sallowmere" / "The tanker arrived in Varnholt after a voyage from Port
Sallowmere".

Input: two claim texts (attribution already removed). Output: :func:`route_swap`, the
first claim's origin and destination when the second has them the other way round, which
:mod:`conflictscan.signals._features` counts as an ``order_swap`` and
:mod:`conflictscan.signals._compare` gives as ``"roles"`` evidence.

The model reads such pairs as one claim (0.01 to 0.1 contradiction): the same names, the
same ship, much the same words. A journey runs one way, so its two ends cannot be swapped.
Each claim is read for where the journey began and where it ended, from the words that
say so, each followed by a name (capitalised words, after "the port of", "the island of"
and the like):

* where it began: "left", "departed", "set off from", "set out from", or "from" after a
  word of travel ("sailed from", "flew from", "a voyage from");
* where it ended: "to" right after where it began ("flew from Oslo to Rome"), "bound
  for", "heading for", "headed to", "en route to", "due to dock at", "arrived in",
  "reached", "docked at", "landed at", "sailed to", "flew to" and their like.

A route in a name is no journey told: "the train from Leeds to York" and "the train from
York to Leeds" are two trains. A claim is read only with one beginning and one end,
naming no place twice. The two claims clash when each one's beginning is the other's end,
crosswise. Not read: a way back ("returned", "back", "home", "again", "return"), which
runs the other way by nature, and two claims on different days of the week or in
different years (two journeys).
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._dates import _CALENDAR_WORDS
from conflictscan.signals._scores import _days

ROUTE_SCORE = 0.8
"""Strength of the evidence: as two things traded around a one-way word (``_order``)."""
_NAME = r"((?:[A-Z][\w'’-]+)(?:\s+(?:of\s+)?[A-Z][\w'’-]+)*)"
_LEAD = r"\s+(?:the\s+)?(?:(?:port|island|city|town|coast|harbour|harbor|village)\s+of\s+)?"
_MOVE = (
    r"(?:sailed|sailing|flew|flying|travell?ed|travell?ing|drove|driving|voyage|journey|"
    r"crossing|trip|flight|passage)"
)
_BEGIN_RE = re.compile(
    r"\b(?:left|departed(?:\s+from)?|departing(?:\s+from)?|leaving|set\s+(?:off|out|sail)\s+from|"
    + _MOVE
    + r"\s+from)"
    + _LEAD
    + _NAME
)
_END_RE = re.compile(
    r"\b(?:bound\s+for|head(?:ing|ed)\s+(?:for|to|towards)|en\s+route\s+to|"
    r"due\s+to\s+(?:dock|arrive|land|berth)\s+(?:at|in)|arriv(?:ed|ing|es)\s+(?:in|at)|"
    r"reach(?:ed|ing)?|dock(?:ed|ing)\s+(?:at|in)|land(?:ed|ing)\s+(?:at|in)|"
    r"(?:sailed|sailing|flew|flying|travell?ed|travell?ing|bound|destined)\s+(?:to|for)|"
    r"on\s+(?:its|their|the)\s+way\s+to)" + _LEAD + _NAME
)
_FROM_TO_RE = re.compile(r"\b" + _MOVE + r"\s+from" + _LEAD + _NAME + r"\s+to" + _LEAD + _NAME)
"""A journey's two ends in one phrase: "flew from Oslo to Rome"; "the train from Leeds to
York" names a service, not a journey told."""
_BACK_RE = re.compile(r"\b(?:return(?:s|ed|ing)?|back|home|again)\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_GENERIC = frozenset({"port", "island", "city", "town", "of", "the"})


def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in name.split()) - _GENERIC


@lru_cache(maxsize=4096)
def _route(text: str) -> tuple[str, str] | None:
    """(where the journey began, where it ended) of the claim's one journey, or None."""
    if _BACK_RE.search(text):
        return None
    both = _FROM_TO_RE.findall(text)
    begins, ends = _BEGIN_RE.findall(text), _END_RE.findall(text) + [e for _, e in both]
    if len(begins) != 1 or len(ends) != 1:
        return None
    begin, end = begins[0], ends[0]
    if _words(begin) & _words(end) or {begin, end} & _CALENDAR_WORDS:
        return None  # "from Monday to Friday" is no journey
    return begin, end


def _apart(a: str, b: str) -> bool:
    """The claims name different days of the week or different years: two journeys. A
    journey takes time, so "sailed last week, due on Monday" is one."""
    days_a, days_b = _days(a), _days(b)
    years_a, years_b = (frozenset(_YEAR_RE.findall(t)) for t in (a, b))
    return bool(
        (days_a and days_b and not days_a & days_b) or (years_a and years_b and years_a != years_b)
    )


def route_swap(a: str, b: str) -> tuple[str, str] | None:
    """(``a``'s beginning, ``a``'s end) when ``b`` tells the journey the other way round,
    else None.

    Example:
        >>> route_swap("The ferry left Port Lyle bound for Caskey.",
        ...            "The ferry had departed from Caskey and was heading for Port Lyle.")
        ('Port Lyle', 'Caskey')
    """
    if not (_BEGIN_RE.search(a) and _BEGIN_RE.search(b)):
        return None  # cheap: most claims tell no journey's beginning
    route_a, route_b = _route(a), _route(b)
    if route_a is None or route_b is None or _apart(a, b):
        return None
    (begin_a, end_a), (begin_b, end_b) = route_a, route_b
    if _words(begin_a) & _words(end_b) and _words(end_a) & _words(begin_b):
        return route_a
    return None


def route_evidence(a: str, b: str) -> list[Evidence]:
    """The swap of :func:`route_swap` as evidence of kind ``"roles"``."""
    found = route_swap(a, b)
    if found is None:
        return []
    begin, end = found
    note = f"one journey told both ways: from {begin} to {end}, and from {end} to {begin}"
    return [Evidence("roles", begin, end, ROUTE_SCORE, note)]
