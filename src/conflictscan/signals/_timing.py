"""Comparing when two sentences say things happened: dates of one event, time points.

Input: two sentence texts and their documents' publication dates. Output: date
:class:`~conflictscan.Evidence` (:func:`_date_evidence`) and the tests the numeric and
feature code share (:func:`_different_times`, :func:`_same_event`, :func:`_date_clash`),
and :func:`_time_shift`, which tells a state that changed between two stated times from a
clash.
"""

from __future__ import annotations

import re
from datetime import date

from conflictscan._types import Evidence
from conflictscan.signals._dates import _EVENT_SYNONYMS, DateMention, _dates, _stem
from conflictscan.signals._lexicon import _UPDATE_RE
from conflictscan.signals._numbers import _quantities

_QUARTER_RE = re.compile(
    r"\b(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:quarter|half)|Q[1-4]|H[12]"
    r"|FY\s?\d{2,4})\b",
    re.IGNORECASE,
)


def _event_key(word: str) -> str:
    stem = _stem(word)
    return _EVENT_SYNONYMS.get(stem, stem)


def _same_event(da: DateMention, db: DateMention) -> bool:
    return bool(da.event and db.event and _event_key(da.event) == _event_key(db.event))


def _date_clash(da: DateMention, db: DateMention) -> float:
    """0 when two mentions can denote the same time, else how sure the clash is."""
    fa, fb = da.hard_fields(), db.hard_fields()
    shared = set(fa) & set(fb)
    if not shared or all(fa[k] == fb[k] for k in shared):
        return 0.0
    if da.granularity == db.granularity == "weekday":
        return 0.75
    if {"year", "month", "day"} <= shared:
        return 0.85
    return 0.8 if "day" in shared or "weekday" in shared else 0.7


def _different_times(a: str, b: str, pa: date | None, pb: date | None) -> bool:
    """True when both sentences are anchored in time and no anchors agree."""
    qa, qb = (frozenset(m.lower() for m in _QUARTER_RE.findall(t)) for t in (a, b))
    if qa and qb and not qa & qb:
        return True
    da, db = _count_anchors(a, pa), _count_anchors(b, pb)
    if not da or not db:
        return False
    return all(_date_clash(x, y) > 0 for x in da for y in db)


def _count_anchors(text: str, published: date | None) -> list[DateMention]:
    """Dates that can time the sentence's counts: undated-event ones or a counted verb's."""
    counted = {q.what.split()[-1] for q in _quantities(text) if q.what}
    return [m for m in _dates(text, published) if m.event is None or m.event in counted]


def _other_instances(a: str, b: str) -> bool:
    """ "The first round of talks" vs "the second round": two events of one kind."""
    ordinals_a, ordinals_b = ({m.lower() for m in _ORDINAL_RE.findall(t)} for t in (a, b))
    return bool(ordinals_a and ordinals_b and ordinals_a != ordinals_b)


def _yearly(a: str, b: str, da: DateMention, db: DateMention) -> bool:
    """Two years with different figures are two editions of a yearly event, not one event
    dated twice: "drew 80,000 visitors in 2022" / "drew 95,000 visitors in 2023"."""
    if not da.granularity == db.granularity == "year":
        return False
    values_a, values_b = ({q.value for q in _quantities(t)} for t in (a, b))
    return bool(values_a and values_b and values_a != values_b)


_ORDINAL_RE = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|previous|"
    r"1st|2nd|3rd|[4-9]th)\b",
    re.IGNORECASE,
)


def _date_evidence(a: str, b: str, pa: date | None, pb: date | None) -> list[Evidence]:
    if _UPDATE_RE.search(a) or _UPDATE_RE.search(b) or _RESCHEDULE_RE.search(a + " " + b):
        return []
    if _other_instances(a, b):
        return []
    out = []
    for da in _dates(a, pa):
        same_event = [db for db in _dates(b, pb) if _same_event(da, db)]
        scores = [(_date_clash(da, db), db) for db in same_event if not _yearly(a, b, da, db)]
        if scores and min(s for s, _ in scores) > 0:
            score, db = max(scores, key=lambda item: item[0])
            note = f"{da.text} vs {db.text} for the same event ({da.event})"
            out.append(Evidence("date", da.text, db.text, score, note))
    return out


_RESCHEDULE_RE = re.compile(
    r"\b(?:postponed|delayed|moved|rescheduled|pushed back|brought forward|put off|"
    r"cancelled|canceled|instead|originally|initially|remained|remains|remain|still|stayed|"
    r"again|continued|continues)\b",
    re.IGNORECASE,
)


# A later claim that says a state went on ("was still on the run", "had yet to be found")
# speaks for the earlier time too, so it can clash with what the earlier claim says.
_PERSISTS_RE = re.compile(
    r"\b(?:still|remain(?:s|ed|ing)?|continu(?:e|es|ed|ing)|yet to|not yet|(?:has|had|have)"
    r" not|(?:hasn't|hadn't|haven't)|ever since|throughout|all along)\b",
    re.IGNORECASE,
)


def _weekday_order(x: int, y: int) -> int | None:
    """Order of two weekdays of one stretch of news: the nearer way round the week wins
    ("Sunday" then "Monday" is a day later), four days apart falls back to the week's order."""
    gap = (y - x) % 7
    if gap == 0:
        return None
    if gap == 4:
        return -1 if y > x else 1
    return -1 if gap < 4 else 1


def _time_order(x: DateMention, y: DateMention) -> int | None:
    """-1 when ``x`` lies wholly before ``y``, 1 when wholly after, None when they can meet
    or cannot be ordered from the text."""
    if x.granularity == y.granularity == "weekday":
        if x.weekday is None or y.weekday is None:
            return None
        return _weekday_order(x.weekday, y.weekday)
    if "weekday" in (x.granularity, y.granularity) or x.relative or y.relative:
        return None
    if (x.year is None) != (y.year is None):
        return None
    for field in ("year", "month", "day"):
        vx, vy = getattr(x, field), getattr(y, field)
        if vx is None and vy is None and field == "year":
            continue  # "in March" / "in June": one year's months
        if vx is None or vy is None:
            return None
        if vx != vy:
            return -1 if vx < vy else 1
    return None


def _time_shift(a: str, b: str, pa: date | None, pb: date | None) -> bool:
    """True when one claim is timed wholly after the other, no date clash of one event
    explains the pair, and the later claim does not say the state went on.

    "On Tuesday the river stood at 8.5 metres and was still rising" / "By Thursday the
    level had fallen back to 6.9 metres" is a change between two times: both can be true.
    "The gunman was arrested on Saturday" / "On Sunday the gunman was still on the run"
    is not (the later claim speaks for Saturday too), nor is "signed on Tuesday" /
    "signed on Thursday" (one event, two dates), unless the two are editions of a yearly
    event with different figures ("drew 80,000 visitors in 2022" / "95,000 in 2023").
    """
    da, db = _dates(a, pa), _dates(b, pb)
    if not da or not db:
        return False
    orders = {_time_order(x, y) for x in da for y in db}
    if len(orders) != 1 or None in orders:
        return False
    # Date evidence needs such a pair too, so this also rules out every date clash.
    if any(_same_event(x, y) and not _yearly(a, b, x, y) for x in da for y in db):
        return False
    later = b if orders == {-1} else a
    return not _PERSISTS_RE.search(later)
