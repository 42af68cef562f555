"""Comparing when two sentences say things happened: dates of one event, time points.

Input: two sentence texts and their documents' publication dates. Output: date
:class:`~conflictscan.Evidence` (:func:`_date_evidence`) and the tests the numeric and
feature code share (:func:`_different_times`, :func:`_same_event`, :func:`_date_clash`),
:func:`_point_times_differ` (the ``other_times`` feature) and :func:`_time_shift`,
which tells a state that changed between two stated times from a clash (days and dates,
or, within one day, clock times and parts of the day).
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from conflictscan._types import Evidence
from conflictscan.signals._dates import (
    _CLOCK_LEADS,
    _EVENT_SYNONYMS,
    _TIME_POINT_WORDS,
    _UNTIL_WORDS,
    _WEEKDAYS,
    DateMention,
    _as_of,
    _dates,
    _event_after,
    _event_before,
    _other_instances,
    _stem,
    also_told,
)
from conflictscan.signals._lexicon import (
    _EDITION_LEADS,
    _SEPARATE_RE,
    _UPDATE_RE,
    _Tok,
    _tokens,
    _wordset,
)
from conflictscan.signals._numbers import _quantities
from conflictscan.signals._sequence import two_ends
from conflictscan.signals._subjects import other_one, subject

_QUARTER_RE = re.compile(
    r"\b(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:quarter|half)|Q[1-4]|H[12]"
    r"|FY\s?\d{2,4})\b",
    re.IGNORECASE,
)


def _event_key(word: str) -> str:
    """The kind of event a date's event word names: its stem, or a synonym's ("detained"
    and "arrested" are both "arrest"); a phrasal verb keeps its particle ("pass away")."""
    verb, _, particle = word.partition(" ")
    stem = f"{_stem(verb)} {particle}" if particle else _stem(word)
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


# A year naming one edition of an event: "the 2019 epidemic", "its 2022 report".
_EDITION_YEAR_RE = re.compile(
    r"\b(?:" + "|".join(sorted(_EDITION_LEADS)) + r")\s+((?:19|20)\d\d)\s+[a-z]",
    re.IGNORECASE,
)


def _edition_years(text: str) -> set[str]:
    return set(_EDITION_YEAR_RE.findall(text))


def _other_editions(a: str, b: str) -> bool:
    """True when the two sentences name different editions of an event, or one names one
    the other does not: "the 2019 epidemic, in which 148 people died" / "Lennmark has
    recorded 15 deaths" count different things."""
    return _edition_years(a) != _edition_years(b)


def _other_quarters(a: str, b: str) -> bool:
    """Both sentences name quarters or halves of a year, and none in common."""
    qa, qb = (frozenset(m.lower() for m in _QUARTER_RE.findall(t)) for t in (a, b))
    return bool(qa and qb and not qa & qb)


def _anchors_differ(a: str, b: str, da: list[DateMention], db: list[DateMention]) -> bool:
    """Both sentences have anchors, no two of them can be one time, and no event is dated
    on both sides."""
    if not da or not db or _one_event_dated_twice(a, b, da, db):
        return False
    return all(_date_clash(x, y) > 0 for x in da for y in db)


def _different_times(a: str, b: str, pa: date | None, pb: date | None) -> bool:
    """True when both sentences are anchored in time and no anchors agree."""
    if pa == pb and _relative_apart(a, b):
        return True
    return _other_quarters(a, b) or _anchors_differ(
        a, b, _count_anchors(a, pa), _count_anchors(b, pb)
    )


_RELATIVE_PERIOD_RE = re.compile(
    r"\b(this|last|next|previous|current)\s+(week|weekend|month|year|season|quarter)\b",
    re.IGNORECASE,
)
_SAME_PERIOD = {"current": "this", "previous": "last"}


def _relative_apart(a: str, b: str) -> bool:
    """ "has scored 12 goals this season" / "scored 20 goals last season": periods of one
    kind counted back from one moment, none of them shared. Only for claims written at one
    time (the same publication date, or none given): "last year" in one year's report is
    "this year" in the year before's."""
    found = [
        {(m.group(2).lower(), _SAME_PERIOD.get(m.group(1).lower(), m.group(1).lower()))
         for m in _RELATIVE_PERIOD_RE.finditer(text)}
        for text in (a, b)
    ]  # fmt: skip
    units = {unit for unit, _ in found[0]} & {unit for unit, _ in found[1]}
    return bool(units) and not found[0] & found[1]


def _one_time(a: str, b: str, pa: date | None, pb: date | None) -> bool:
    """True when both claims are timed by a month or a year, every time of one agrees with
    every time of the other, and each pair fixes a field in common ("in March" / "in
    March"): a month's or a year's figure that "rose to" two levels cannot be both. A day
    does not count: a toll that "rose to 40 on Monday" may rise to 52 by the evening."""
    da, db = _count_anchors(a, pa), _count_anchors(b, pb)
    return bool(da and db) and all(
        x.granularity in _PERIODS
        and y.granularity in _PERIODS
        and _date_clash(x, y) == 0
        and set(x.hard_fields()) & set(y.hard_fields())
        for x in da
        for y in db
    )


_PERIODS = ("month", "year")


def _report_timed(claim: str, full: str, published: date | None) -> str:
    """The claim, or the whole sentence when only its report is dated: "Firefighters said
    on Thursday the fire was 65 percent contained" gives the state as of Thursday."""
    if claim == full or _dates(claim, published):
        return claim  # "six people died in Saturday night's crash" is timed by its crash
    return full if _count_anchors(full, published) else claim


def _one_event_dated_twice(a: str, b: str, da: list[DateMention], db: list[DateMention]) -> bool:
    """ "founded in 1987" / "founded in 2003": a date clash of one event, not two times."""
    return any(_same_event(x, y) and not _yearly(a, b, x, y) for x in da for y in db)


# Words that make a date the edge of a span ("until Friday", "since 2019", "from April 1")
# rather than the time a claim is about: such claims can clash across different dates.
_SPAN_EDGE_WORDS = frozenset(("until", "till", "since", "from", "before", "after", "through"))


def _point_times_differ(a: str, b: str, pa: date | None, pb: date | None) -> bool:
    """True when both claims are about stated times or periods and none agree: "drew
    40,000 visitors in 2023" / "in 2024", "the 2023 fair" / "the 2024 fair", "as of
    Tuesday" / "by Thursday". Span edges ("until July 30" / "by July 23") and a date
    owned by an event ("Saturday's protest") time no claim, so they do not count; nor is
    it two times when a claim says the state went on ("was still at large on Thursday"
    speaks for Wednesday too)."""
    if _speaks_for_earlier(a) or _speaks_for_earlier(b):
        return False
    editions_a, editions_b = _edition_years(a), _edition_years(b)
    if editions_a and editions_b and not editions_a & editions_b or _other_quarters(a, b):
        return True
    da, db = (
        [m for m in _count_anchors(t, p) if not _span_edge(t, m)] for t, p in ((a, pa), (b, pb))
    )
    return _anchors_differ(a, b, da, db)


def _span_edge(text: str, mention: DateMention, owned: bool = True) -> bool:
    """A date that is a span's edge ("until Friday"), or, with ``owned``, an event's
    ("Saturday's protest")."""
    lead = text[: mention.start].lower().split()[-2:] + mention.text.lower().split()[:1]
    possessive = text[mention.end : mention.end + 2] in ("'s", "’s")
    return bool(_SPAN_EDGE_WORDS & set(lead)) or owned and possessive


def _count_anchors(text: str, published: date | None) -> list[DateMention]:
    """Dates that can time the sentence's counts: undated-event ones, a counted verb's, and
    every year or month ("carried 14 million passengers in 2023" is that year's figure)."""
    counted = {q.what.split()[-1] for q in _quantities(text) if q.what}
    return [
        m
        for m in _dates(text, published)
        if m.event is None or m.event in counted or m.granularity in ("month", "year")
    ]


def _another_one(a: str, b: str) -> bool:
    """ "The explosion" vs "A second explosion", "The meeting" vs "The next meeting": the
    subject of one claim is another one of its kind; or "closed" / "reopened": the two ends
    of one state (read from the parse)."""
    sa, sb = subject(a), subject(b)
    return sa is not None and sb is not None and (other_one(sa, sb) or two_ends(a, b))


def _yearly(a: str, b: str, da: DateMention, db: DateMention) -> bool:
    """Two years with different figures are two editions of a yearly event, not one event
    dated twice: "drew 80,000 visitors in 2022" / "drew 95,000 visitors in 2023"."""
    if not da.granularity == db.granularity == "year":
        return False
    values_a, values_b = ({q.value for q in _quantities(t)} for t in (a, b))
    return bool(values_a and values_b and values_a != values_b)


def _date_evidence(a: str, b: str, pa: date | None, pb: date | None) -> list[Evidence]:
    if _UPDATE_RE.search(a) or _UPDATE_RE.search(b) or _RESCHEDULE_RE.search(a + " " + b):
        return []
    if _other_instances(a, b) or _SEPARATE_RE.search(f"{a} {b}"):
        return []  # "the second round" / "the first"; "a separate burglary"
    out, told_a, told_b = [], _dates(a, pa), _dates(b, pb)
    for da in told_a:
        same_event = [db for db in told_b if _same_event(da, db)]
        scores = [(_date_clash(da, db), db) for db in same_event if not _yearly(a, b, da, db)]
        if scores and min(s for s, _ in scores) > 0:
            score, db = max(scores, key=lambda item: item[0])
            if also_told(da, b, told_b) or also_told(db, a, told_a):
                continue  # one side tells both times: "4 metres on Wednesday, below Monday's peak"
            note = f"{da.text} vs {db.text} for the same event ({da.event})"
            out.append(Evidence("date", da.text, db.text, score, note))
    found = out or _happening_dates(a, b, pa, pb) or _clock_evidence(a, b, pa, pb)
    return [] if found and _another_one(a, b) else found


def _happening_dates(a: str, b: str, pa: date | None, pb: date | None) -> list[Evidence]:
    """One date on each side, of one one-off event both claims tell (:func:`_one_happening`)
    in words the date is not tied to, neither a plan nor another time of the kind ("the
    last election"), nor an event's own date ("Thursday's robbery") or a span's edge:
    "announced on January 9 that it was recalling" / "announced its recall … because of
    defects on January 22"."""
    if _PLAN_RE.search(a) or _PLAN_RE.search(b) or _OTHER_TIME_RE.search(a + " " + b):
        return []  # "will hold elections on March 15" / "the last election was held in 2024"
    da, db = _dates(a, pa), _dates(b, pb)
    if len(da) != 1 or len(db) != 1 or _yearly(a, b, da[0], db[0]):
        return []
    if _time_point(a, da[0]) or _time_point(b, db[0]):
        return []  # "over Thursday's robbery" dates the robbery, "by Monday" a time point
    score = _date_clash(da[0], db[0]) * _LOOSE_TIE
    if score == 0:
        return []  # dates that can meet: the parse is not read
    shared = _happenings(a, da) & _happenings(b, db)
    if not shared:
        return []
    note = f"{da[0].text} vs {db[0].text} for the same event ({min(shared)})"
    return [Evidence("date", da[0].text, db[0].text, score, note)]


def _time_point(text: str, mention: DateMention) -> bool:
    """A date that is an event's own ("Thursday's robbery") or a time point or span edge
    ("by Monday", "until May", "as of Friday")."""
    lead = text[: mention.start].lower().split()[-1:] + mention.text.lower().split()[:1]
    return _span_edge(text, mention) or bool(_TIME_POINT_WORDS & set(lead))


_OTHER_TIME_RE = re.compile(
    rf"\b(?:last|previous|next|prior)\s+(?!(?:{'|'.join(_WEEKDAYS)}|night|week|"
    r"weekend|month|year|spring|summer|autumn|fall|winter)\b)",
    re.IGNORECASE,
)
"""Words that tell of another time of the kind: "the last election", "the previous deal"
("last Friday" and "last week" are dates)."""
_LOOSE_TIE = 0.9
"""Share of a date clash's score kept when the event is read from the claims' verbs, not
from the words the dates are tied to."""


# Words before a time of day that make it approximate ("at about 7.40 pm").
_ROUGH_CLOCK_RE = re.compile(
    r"\b(?:about|around|approximately|roughly|shortly|just|nearly)\W*$", re.IGNORECASE
)
_EXACT_SLACK, _ROUGH_SLACK = 5 / 60, 0.5  # hours either side
_CLOCK_END_RE = re.compile(r"(?<=[ap]m)\.$", re.IGNORECASE)  # "7.12 pm." ends a sentence


def _clock_span(text: str, mention: ClockMention) -> tuple[float, float]:
    """The hours a time of day may stand for, widened for "about" and rounding."""
    lead = text[: text.find(mention.text)]
    slack = _EXACT_SLACK
    if _ROUGH_CLOCK_RE.search(lead[-24:]):  # "about 7 pm" may be 7.30; "about 7.40" not
        slack = _ROUGH_SLACK if mention.start * 2 == int(mention.start * 2) else _ROUGH_SLACK / 2
    if mention.start != mention.end:  # a part of the day is a span already
        slack = 0.0
    return mention.start - slack, mention.end + slack


def _clock_evidence(a: str, b: str, pa: date | None, pb: date | None) -> list[Evidence]:
    """One event timed at two times of day that cannot meet, on the same day: "left the
    rails at about 7.40 pm" / "left the rails at 7.12 pm"."""
    da, db = _dates(a, pa), _dates(b, pb)
    if not _same_day(da, db) or not (da or pa is None or pb is None or pa == pb):
        return []
    for x in _clock_mentions(a):
        for y in _clock_mentions(b):
            if not (x.event and y.event and _event_key(x.event) == _event_key(y.event)):
                continue
            (lo_x, hi_x), (lo_y, hi_y) = _clock_span(a, x), _clock_span(b, y)
            if hi_x < lo_y or hi_y < lo_x:
                tx, ty = (_CLOCK_END_RE.sub("", c.text) for c in (x, y))
                note = f"{tx} vs {ty} for the same event ({x.event})"
                return [Evidence("date", tx, ty, 0.7, note)]
    return []


_RESCHEDULE_RE = re.compile(
    r"\b(?:postponed|delayed|moved|rescheduled|pushed back|brought forward|put off|"
    r"cancelled|canceled|instead|originally|initially|remained|remains|remain|still|stayed|"
    r"again|continued|continues|delays?|(?:later|earlier)\s+than\s+(?:planned|expected|"
    r"scheduled|originally|first))\b",
    re.IGNORECASE,
)


# A later claim that says a state went on ("was still on the run", "had yet to be found")
# speaks for the earlier time too, so it can clash with what the earlier claim says.
_PERSISTS_RE = re.compile(
    r"\b(?:still|remain(?:s|ed|ing)?|continu(?:e|es|ed|ing)|yet to|not yet|(?:has|had|have)"
    r" not|(?:hasn't|hadn't|haven't)|ever since|throughout|all along"
    r"|entered (?:its|their|a) \w+ (?:day|week|month))\b",
    re.IGNORECASE,
)


# A later claim that looks back to an earlier time ("signed it on Friday, a day after
# parliament passed it", "arrived home on Friday after being ordered out") speaks for that
# time too, so it can clash with what the earlier claim says.
_LOOKS_BACK_RE = re.compile(
    r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|\d+)\s+"
    r"(?:days?|hours?|weeks?|months?|years?)\s+(?:after|before|earlier)\b"
    r"|\bthe\s+(?:day|night|week|month|year)\s+before\b|\bafter\s+being\b",
    re.IGNORECASE,
)


def _speaks_for_earlier(later: str) -> bool:
    return bool(_PERSISTS_RE.search(later) or _LOOKS_BACK_RE.search(later))


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


class ClockMention(NamedTuple):
    """A time of day: the hours it may cover (0-24) and the event word it dates, if any."""

    text: str
    start: float
    end: float
    event: str | None


# Hours each part of the day may cover. "Night", "overnight" and "midnight" are left out:
# they straddle two dates, so they cannot be ordered within one.
_PARTS_OF_DAY = {
    "dawn": (4.0, 7.5), "daybreak": (4.0, 7.5), "sunrise": (4.0, 7.5),
    "first light": (4.0, 7.5), "morning": (5.0, 12.0), "noon": (12.0, 12.0),
    "midday": (11.5, 13.0), "lunchtime": (11.5, 14.0), "afternoon": (12.0, 18.0),
    "evening": (17.0, 22.5), "dusk": (17.0, 21.5), "nightfall": (17.0, 21.5),
    "sunset": (17.0, 21.5),
}  # fmt: skip
_CLOCK_RE = re.compile(
    r"\b(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<half>[ap])\.?\s?m\b\.?"
    r"|\b(?P<h24>[01]\d|2[0-3])[:.](?P<m24>[0-5]\d)\s*(?:GMT|UTC|CET|EST|local time|hours?|h)\b"
    r"|\b(?P<dhour>1[0-2]|0?[1-9])(?:[:.](?P<dminute>[0-5]\d))?\s+(?:o['’]clock\s+)?"
    r"(?:in\s+the\s+(?P<dpart>morning|afternoon|evening)|at\s+night)\b"
    r"|\b(?P<part>"
    + "|".join(sorted(_PARTS_OF_DAY, key=len, reverse=True)).replace(" ", r"\s+")
    + r")\b",
    re.IGNORECASE,
)


def _clock_mentions(text: str) -> list[ClockMention]:
    """Times of day written in ``text``: "9 a.m.", "21:30 GMT", "noon", "early evening".

    A capitalised part-of-day word inside a sentence is taken for a name ("the Morning
    Star") and skipped.
    """
    toks, out = _tokens(text), []
    for m in _CLOCK_RE.finditer(text):
        if m.group("part"):
            if m.group()[0].isupper() and m.start() > 0:
                continue
            lo, hi = _PARTS_OF_DAY[" ".join(m.group("part").lower().split())]
        elif m.group("hour") or m.group("dhour"):  # "9:40 p.m.", "9:40 in the evening"
            half = (m.group("half") or ("a" if m.group("dpart") == "morning" else "p")).lower()
            hour = int(m.group("hour") or m.group("dhour")) % 12 + (12 if half == "p" else 0)
            lo = hi = hour + int(m.group("minute") or m.group("dminute") or 0) / 60
        else:
            lo = hi = int(m.group("h24")) + int(m.group("m24")) / 60
        out.append(ClockMention(m.group(), lo, hi, _clock_event(toks, m.start(), m.end())))
    return out


def _clock_event(toks: tuple[_Tok, ...], start: int, end: int) -> str | None:
    """The event word a time of day dates; None for a time point ("by midday", "as of 6
    p.m.", "until noon"). "Struck rocks shortly before 9 a.m." dates "struck": for a time
    of day, "at", "about", "shortly", "before" and "after" lead in to the time."""
    before = [t for t in toks if t.end <= start]
    while before and before[-1].low in _CLOCK_LEADS | {"early", "late", "the", "in", "on"}:
        before.pop()
    if before and before[-1].low in _UNTIL_WORDS or _as_of(before):
        return None
    return _event_before(before) or _event_after([t for t in toks if t.start >= end]) or None


def _same_day(da: tuple[DateMention, ...], db: tuple[DateMention, ...]) -> bool:
    """Whether every date of one claim names the day every date of the other names (no
    dates on either side counts too: a pair read within one report)."""
    if bool(da) != bool(db):
        return False
    return all(
        x.granularity == y.granularity and x.granularity in ("day", "weekday")
        and x.hard_fields() == y.hard_fields() and x.hard_fields()
        for x in da for y in db
    )  # fmt: skip


def _clock_order(
    a: str, b: str, da: tuple[DateMention, ...], db: tuple[DateMention, ...]
) -> int | None:
    """The order of two claims' times of day within one day (-1: ``a`` earlier); None when
    either has none, they overlap or point both ways, or they may time one event twice.

    Two claims whose times each date an event word ("the explosion happened at 6 a.m." /
    "the blast occurred at 9 p.m."; a date next to the time counts for it, "the blast
    happened shortly after 6 a.m. on Wednesday") may be one event with two times, whatever
    the words; only a time point on at least one side ("At noon the temperature was …",
    "By midday the queue had …") orders two states.
    """
    ca, cb = _clock_mentions(a), _clock_mentions(b)
    if not ca or not cb:
        return None
    orders = {-1 if x.end <= y.start else 1 if y.end <= x.start else 0 for x in ca for y in cb}
    if len(orders) != 1 or 0 in orders:
        return None
    timed_a = any(c.event for c in ca) or any(d.event for d in da)
    timed_b = any(c.event for c in cb) or any(d.event for d in db)
    return None if timed_a and timed_b else orders.pop()


_PLAN_RE = re.compile(
    r"\b(?:will|would|'ll|is due|are due|is set to|are set to|is scheduled|are scheduled|"
    r"plans? to|planned|unless|must)\b",
    re.IGNORECASE,
)


_DAY_NAMES = "|".join(_WEEKDAYS)
_OWNED_DAY_RE = re.compile(rf"\b({_DAY_NAMES})['’]s\b", re.IGNORECASE)
_DAY_RE = re.compile(rf"\b({_DAY_NAMES})\b(?!['’]s)", re.IGNORECASE)


def _names_the_others_day(a: str, b: str) -> bool:
    """ "Tuesday's earthquake" against "struck on Tuesday": ``a`` names the event of a day
    that ``b`` is timed on, so it speaks of that day too ("Saturday's screening" against
    "opened on Thursday" does not)."""
    owned = {m.lower() for m in _OWNED_DAY_RE.findall(a)}
    return bool(owned and owned & {m.lower() for m in _DAY_RE.findall(b)})


_ONE_OFF = _wordset(
    "die funeral marry divorc born found collaps vot election referendum verdict "
    "sentenc convict acquit resign arrest abduct escap explosion explod crash derail capsiz "
    "sank sink hit erupt land landfall start end announc sign"
)
"""Event keys (:func:`_event_key`) of things that happen once to the one they are told of:
a collapse, a wedding, a verdict, the final vote. Told at two times, they are one event
timed twice, not a state that changed between the two."""
_DEATH = {"death": "die", "dead": "die"}
"""Nouns of a one-off event told by a verb on the other side ("died" / "his death")."""
_LIGHT_VERBS = _wordset("happen occur take come hold be stage conduct carry go")
"""Verbs that name no event of their own: "the collapse *happened*", "held the vote"."""


def _happenings(text: str, dates: tuple[DateMention, ...]) -> set[str]:
    """One-off events (:data:`_ONE_OFF`) that ``text`` tells: the words its dates are
    attached to, and its main verb (its subject or object after a light verb: "the
    collapse happened", "held the final vote"), read from the parse."""
    words = [d.event for d in dates if d.event]
    found = subject(text)
    if found is not None:
        light = found.verb in _LIGHT_VERBS
        words.extend((found.head, found.theme) if light else (found.verb,))
    keys = {_event_key(w) for w in words if w}
    return {_DEATH.get(k, k) for k in keys} & _ONE_OFF


def _one_happening(
    a: str, b: str, da: tuple[DateMention, ...], db: tuple[DateMention, ...]
) -> bool:
    """Both claims tell the same one-off event: "collapsed early on Tuesday" / "the
    collapse happened on Monday afternoon" dates one collapse twice."""
    return bool(_happenings(a, da) & _happenings(b, db))


def _time_shift(a: str, b: str, pa: date | None, pb: date | None) -> bool:
    """True when one claim is timed wholly after the other, no date clash of one event
    explains the pair, and the later claim does not say the state went on.

    "On Tuesday the river stood at 8.5 metres and was still rising" / "By Thursday the
    level had fallen back to 6.9 metres" is a change between two times: both can be true.
    "The gunman was arrested on Saturday" / "On Sunday the gunman was still on the run"
    is not (the later claim speaks for Saturday too), nor is "signed on Tuesday" /
    "signed on Thursday" (one event, two dates), unless the two are editions of a yearly
    event with different figures ("drew 80,000 visitors in 2022" / "95,000 in 2023").
    Within one day (the same date on both sides, or no date and one publication day)
    times of day order the claims: "At noon it was 31 degrees" / "By early evening it had
    dropped to 19 degrees"; "the blast happened at 6 a.m." / "the blast happened at 9
    p.m." is one event timed twice. Plans and deadlines ("will apply from April 1", "must
    be lodged by July 23") and span edges ("until Monday") time no state, and a claim that
    names the event of the day the other is timed on ("the toll from Tuesday's earthquake
    rose on Wednesday") speaks for that day. Nor is one one-off event told on both sides
    (:func:`_one_happening`: "collapsed in the early hours of Tuesday" / "the collapse
    happened on Monday afternoon"), whatever words date it.
    """
    if _PLAN_RE.search(a) or _PLAN_RE.search(b):
        return False  # a plan or a deadline ("will apply from April 1") is no timed state
    if _names_the_others_day(a, b) or _names_the_others_day(b, a):
        return False  # "Tuesday's earthquake" speaks of Tuesday whenever it is told
    da, db = (
        tuple(m for m in _dates(t, p) if not _span_edge(t, m, False)) for t, p in ((a, pa), (b, pb))
    )
    if _same_day(da, db) and (da or pa is None or pb is None or pa == pb):
        clock = _clock_order(a, b, da, db)
        if clock is None or _speaks_for_earlier(b if clock == -1 else a):
            return False
        return not _one_happening(a, b, da, db)
    if not da or not db:
        return False
    orders = {_time_order(x, y) for x in da for y in db}
    if len(orders) != 1 or None in orders:
        return False
    # Date evidence needs such a pair too, so this also rules out every date clash.
    if any(_same_event(x, y) and not _yearly(a, b, x, y) for x in da for y in db):
        return False
    if _speaks_for_earlier(b if orders == {-1} else a):
        return False
    return not _one_happening(a, b, da, db)
