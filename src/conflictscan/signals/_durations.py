"""How long one thing lasted, told twice: "The strike lasted three weeks" / "The strike
ended after two days".

Input: two claim texts and one quantity from each (:mod:`conflictscan.signals._numbers`).
Output: whether the two figures are one duration (:func:`one_duration`) and how sure
they are restated in days to be compared (:func:`in_days`).

A length of time counts no thing the number tables know, so the number rules leave it
alone. Two are one duration when each is told by a word that says how long something
went on ("lasted", "went on for", "ended after", "was over within", or a past form and
"for": "burned for", "was closed for", "was suspended for"), each claim gives only
one such figure, both claims are about one thing (:func:`same_target`, read from the
parse; False without one) described alike ("the first strike" / "the second strike" are
two), and the dates they name, if both name any, can meet ("on Monday" / "on Tuesday"
are two meetings). The figures are compared in days. Units written apart are
rounded by their writers ("a month" / "four weeks"), so figures in different units within
a quarter of each other are taken to agree.
"""

from __future__ import annotations

import re
from dataclasses import replace

from conflictscan.signals._dates import _dates
from conflictscan.signals._evidence import described_alike
from conflictscan.signals._lexicon import _NUMBER_WORDS
from conflictscan.signals._numbers import _text2num
from conflictscan.signals._quantity import Quantity
from conflictscan.signals._subjects import same_target, subject
from conflictscan.signals._timing import _date_clash

_DAYS: dict[str, float] = {
    "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25
}  # fmt: skip
_LEAD_RE = re.compile(
    r"(?:\blast(?:ed|ing|s)?(?:\s+for)?|\b(?:went|goes|go|ran|runs|continued|dragged)\s+on\s+"
    r"for|\b(?:ended|finished|concluded|collapsed|was\s+over|were\s+over|came\s+to\s+an\s+end)"
    r"\s+(?:after|within|in)|\b(?:[a-z]+(?:ed|en)|shut|held|kept)\s+for)"
    r"\s+(?:(?:just|only|barely|little\s+more\s+than)\s+)?$",
    re.IGNORECASE,
)
_UNIT_ROUNDING = 0.25
"""Share by which two durations written in different units may differ and still agree."""


def _told_as_duration(text: str, quantity: Quantity) -> bool:
    return quantity.unit in _DAYS and bool(_LEAD_RE.search(text[: quantity.start]))


def _only_duration(text: str, quantity: Quantity, quantities: tuple[Quantity, ...]) -> bool:
    told = [q for q in quantities if _told_as_duration(text, q)]
    return told == [quantity]


def one_duration(
    text_a: str,
    qa: Quantity,
    quantities_a: tuple[Quantity, ...],
    text_b: str,
    qb: Quantity,
    quantities_b: tuple[Quantity, ...],
) -> bool:
    """Whether ``qa`` and ``qb`` say how long one thing lasted (see the module docstring).

    Args:
        text_a: One claim.
        qa: A quantity of ``text_a``.
        quantities_a: All quantities of ``text_a``.
        text_b: The other claim.
        qb: A quantity of ``text_b``.
        quantities_b: All quantities of ``text_b``.

    Returns:
        True when both are the only duration their claim tells, of one thing.
    """
    if not (_only_duration(text_a, qa, quantities_a) and _only_duration(text_b, qb, quantities_b)):
        return False
    if not same_target(text_a, text_b) or not described_alike(subject(text_a), subject(text_b)):
        return False
    da, db = _dates(text_a, None), _dates(text_b, None)
    return not da or not db or any(_date_clash(x, y) == 0 for x in da for y in db)


def _in_days(quantity: Quantity) -> Quantity:
    factor = _DAYS[quantity.unit or "day"]
    upper = None if quantity.upper is None else quantity.upper * factor
    return replace(
        quantity,
        value=quantity.value * factor,
        unit="day",
        tolerance=quantity.tolerance * factor,
        upper=upper,
    )


def in_days(qa: Quantity, qb: Quantity) -> tuple[Quantity, Quantity] | None:
    """Two durations restated in days, to compare; None for figures in different units
    within :data:`_UNIT_ROUNDING` of each other ("a month" / "four weeks" agree)."""
    da, db = _in_days(qa), _in_days(qb)
    if qa.unit != qb.unit:
        low, high = sorted((da.value, db.value))
        if high > 0 and low / high >= 1 - _UNIT_ROUNDING:
            return None
    return da, db


_HOURS: dict[str, float] = {"minute": 1 / 60, **{unit: days * 24 for unit, days in _DAYS.items()}}
_SPAN_RE = re.compile(
    r"(?<![\w.,-])(?:(?P<half_of>half\s+an?)|(?P<count>\d+(?:\.\d+)?|an?|(?:"
    + "|".join(sorted(_NUMBER_WORDS - {"zero"}, key=len, reverse=True))
    + r")(?:[\s-]+(?:and\s+)?(?:"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r"))*))[\s-]+(?P<unit>minute|hour|day|week|month|year)s?(?P<half>\s+and\s+a\s+half)?\b",
    re.IGNORECASE,
)
_SAME_SPAN = 0.02
"""Share by which two spans of time written in different units may differ and be one."""


def _count(words: str) -> float | None:
    """The number a span's count (or an age, :mod:`._ages`) is written as ("120", "a",
    "forty-eight"); ``None`` when the number words cannot be read."""
    if words[0].isdigit():
        return float(words)
    if words.lower() in ("a", "an"):
        return 1.0
    text2num = _text2num()
    try:
        return None if text2num is None else float(text2num(words.lower(), "en"))
    except ValueError:
        return None


def _spans(text: str) -> list[tuple[re.Match[str], float, str]]:
    """Spans of time a claim writes with their unit ("120 minutes", "two hours", "a year and
    a half", "half an hour"): (match, hours, unit)."""
    out = []
    for m in _SPAN_RE.finditer(text):
        unit = m.group("unit").lower()
        count = 0.5 if m.group("half_of") else _count(m.group("count"))
        if count is None:
            return []  # a span not read: the claim's spans are not all known
        count += 0.5 if m.group("half") else 0.0
        out.append((m, count * _HOURS[unit], unit))
    return out


def equal_span_swap(a: str, b: str) -> tuple[str, str, str] | None:
    """One span of time each, in different units, of one length ("lasted 120 minutes" /
    "went on for two hours"; "jailed for 18 months" / "a year and a half in prison"): (the
    first claim's words, the second's, the second claim with the first's words in their
    place). If the model then reads no contradiction, the units were all it read as a
    clash. None otherwise."""
    sa, sb = _spans(a), _spans(b)
    if len(sa) != 1 or len(sb) != 1:
        return None
    (ma, ha, ua), (mb, hb, ub) = sa[0], sb[0]
    if ua == ub or abs(ha - hb) > _SAME_SPAN * max(ha, hb):
        return None
    words = ma.group()
    if "-" in words and "-" not in mb.group():  # "a 48-hour strike" / "for two days"
        words = f"{words.replace('-', ' ')}{'' if ha == _HOURS[ua] else 's'}"
    return ma.group(), mb.group(), b[: mb.start()] + words + b[mb.end() :]
