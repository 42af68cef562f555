"""Dates: explicit, relative and weekday mentions, resolved against a publication date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from conflictscan._checks import _check_published, _check_text
from conflictscan.signals._lexicon import (
    _CLAUSE_BREAKS,
    _MONEY_SCALES,
    _SCALE_WORDS,
    _UNITS,
    _is_digit,
    _Tok,
    _tokens,
    _wordset,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression with the event word it is attached to.

    Fields that the text fixes are filled; the others stay ``None``. A weekday name
    resolved against ``published`` fills ``year``/``month``/``day`` too, but only its
    weekday is used when comparing, because "on Tuesday" can mean either side of the
    publication date.

    Args:
        text: The expression as written ("on Tuesday", "5 May 2024", "yesterday").
        start: Offset of its first character.
        end: Offset one past its last character.
        year: Calendar year, if known.
        month: Month 1-12, if known.
        day: Day of month, if known.
        weekday: 0 = Monday … 6 = Sunday, if known.
        granularity: ``"day"``, ``"weekday"``, ``"week"``, ``"month"`` or ``"year"``.
        relative: True for expressions that need ``published`` ("yesterday", "Tuesday").
        event: The word the date is attached to, lower-cased ("closed" for "closed on
            Monday", "vote" for "the vote is on Tuesday"), with its particle for a phrasal
            verb ("passed away" for "passed away on Sunday"); ``None`` when unclear, when the
            date only dates a statement ("said on Monday") or marks a state's time point
            ("by Monday", "since 2019").
    """

    text: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    granularity: str = "day"
    relative: bool = False
    event: str | None = None

    @property
    def date(self) -> date | None:
        """The calendar date when year, month and day are all known."""
        if self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None

    def hard_fields(self) -> dict[str, int]:
        """Fields the text itself fixes (resolved weekday names keep only the weekday)."""
        if self.granularity == "weekday":
            return {"weekday": self.weekday} if self.weekday is not None else {}
        names = ("year", "month", "day", "weekday")
        values = {name: getattr(self, name) for name in names}
        return {k: v for k, v in values.items() if v is not None}

    def same_time(self, other: DateMention) -> bool:
        """Whether the text fixes both to one time: fields in common, all equal."""
        mine, theirs = self.hard_fields(), other.hard_fields()
        shared = set(mine) & set(theirs)
        return bool(shared) and all(mine[k] == theirs[k] for k in shared)


# ---------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {
    name: index
    for index, names in enumerate(
        (
            ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"),
            ("May",), ("June", "Jun"), ("July", "Jul"), ("August", "Aug"),
            ("September", "Sept", "Sep"), ("October", "Oct"), ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:1[89]|20)\d\d)"
_DATE_PATTERNS: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    "dmy": re.compile(rf"\b{_DAY_RE}\s+(?:of\s+)?(?P<month>{_MONTH_RE})\b(?:,?\s+{_YEAR_RE})?"),
    "mdy": re.compile(rf"\b(?P<month>{_MONTH_RE})\.?\s+{_DAY_RE}\b(?:,?\s+{_YEAR_RE}\b)?"),
    "my": re.compile(rf"\b(?P<month>{_MONTH_RE})\s+{_YEAR_RE}\b"),
    "month": re.compile(
        rf"\b(?:(?i:in|by|during|since|until|early|late)\s+|mid-"
        rf"|(?i:the\s+(?:start|beginning|end|middle)\s+of)\s+)(?P<month>{_MONTH_RE})\b"
    ),
    "year": re.compile(rf"\b(?i:in|by|of|since|until|during)\s+{_YEAR_RE}\b"),
    "weekday": re.compile(
        rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<weekday>{'|'.join(_WEEKDAYS)})\b", re.IGNORECASE
    ),
    "relative": re.compile(
        r"\b(?:yesterday|today|tonight|tomorrow|(?:last|next|this)\s+(?:week|weekend|month|year)"
        r"|(?:\d+|a|an|one|two|three|four|five|six|seven|ten)\s+(?:days?|weeks?|months?|years?)"
        r"\s+ago)\b",
        re.IGNORECASE,
    ),
}
_EVENT_SKIP = _wordset(
    "on in at by for since until from to of the a an is was were be been being will would "
    "has have had 's it held scheduled set due planned expected slated take takes took taking "
    "place happen happened happens occur occurred come came last next this also then again "
    "finally only not now until called fixed without late early overnight home out him her his "
    "its them their us me own doors"
)
# Who acts, not what happens: a date right after one of these ("the ministry on Thursday
# denied") dates the verb that follows.
_AGENT_NOUNS = _wordset(
    "ministry ministries government office police army military court company council "
    "agency party officials official commission committee parliament union authorities "
    "embassy department board firm group federation prosecutors prosecutor"
)
_REPORTING = _wordset(
    "said say says told tell announced announce reported report confirmed confirm added "
    "stated according statement spokesman spokeswoman spokesperson interview"
)
_CALENDAR_WORDS = frozenset(_MONTHS) | frozenset(_WEEKDAYS)
# Stems of event words that name the same kind of event.
_EVENT_SYNONYMS: dict[str, str] = {
    "begin": "start", "began": "start", "begun": "start", "launch": "start",
    "commenc": "start", "finish": "end", "conclud": "end", "detain": "arrest",
    "brok": "start", "erupt": "start", "seiz": "abduct", "kidnapp": "abduct",
    "kidnap": "abduct", "snatch": "abduct", "died": "die", "pass away": "die",
    "step down": "resign", "stepp down": "resign", "touch down": "land", "call off": "cancel",
    "cancell": "cancel", "struck": "hit", "jolt": "hit", "shook": "hit", "rock": "hit",
    "slamm": "hit", "ashor": "landfall", "wed": "marry", "wedd": "marry", "blast": "explosion",
    "leav": "depart", "left": "depart", "met": "meet", "stolen": "theft", "stol": "theft",
    "complet": "end", "forc": "effect",
}  # fmt: skip
# Particles that finish a phrasal verb ("passed away", "stepped down", "called off"): the
# event is the verb with its particle, so "stepped down" and "touched down" are two events.
_PARTICLES = _wordset("away down off up over")
_OTHER_INSTANCE = _wordset("last previous past former prior earlier first")
_NUMBER_TAILS = frozenset(_SCALE_WORDS) | frozenset(_MONEY_SCALES) | frozenset(_UNITS)
# Unit words written against their number ("1.2bn", "5km", "90mph", "30cm").
_GLUED_SUFFIXES = _NUMBER_TAILS | frozenset(("mph", "kmh", "cm", "mm"))
_TIME_POINT_WORDS = _wordset("by until till since before after as from through")
_UNTIL_WORDS = _wordset("by until till since")
_FUTURE_RE = re.compile(r"\b(?:will|'ll|is due|are due|is set|are set|is scheduled|next|plans?)\b")


class _DateMatch(NamedTuple):
    kind: str
    start: int
    end: int
    fields: dict[str, str]


@lru_cache(maxsize=4096)
def _date_matches(text: str) -> tuple[_DateMatch, ...]:
    """Non-overlapping raw date matches, adjacent ones ("Tuesday, 12 March") merged."""
    found = [
        _DateMatch(kind, m.start(), m.end(), {k: v for k, v in m.groupdict().items() if v})
        for kind, pattern in _DATE_PATTERNS.items()
        for m in pattern.finditer(text)
        if kind != "weekday" or m.group("weekday")[0].isupper()
    ]
    found.sort(key=lambda m: (m.start, -m.end))
    merged: list[_DateMatch] = []
    for match in found:
        joined = _join_dates(text, merged[-1], match) if merged else None
        if joined is not None:
            merged[-1] = joined
        elif not merged or match.start >= merged[-1].end:
            merged.append(match)
    return tuple(merged)


def _join_dates(text: str, prev: _DateMatch, match: _DateMatch) -> _DateMatch | None:
    """One match for overlapping ("in September" + "September 2024") or adjacent
    ("Tuesday, 12 March") explicit dates; ``None`` when they stay apart."""
    adjacent = prev.kind == "weekday" and re.fullmatch(r",?\s*", text[prev.end : match.start])
    if not (match.start < prev.end or adjacent) or "relative" in (prev.kind, match.kind):
        return None
    end = max(prev.end, match.end)
    return _DateMatch("explicit", prev.start, end, prev.fields | match.fields)


def _resolve(phrase: str, published: date, future: bool) -> date | None:
    """Resolve a relative phrase against the publication date with dateparser."""
    import dateparser

    settings = {
        "RELATIVE_BASE": datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": "future" if future else "past",
    }
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


def _relative_mention(text: str, match: _DateMatch, published: date | None) -> DateMention:
    phrase = text[match.start : match.end].lower()
    granularity = next((g for g in ("day", "week", "month", "year") if g in phrase), "day")
    if phrase in ("yesterday", "today", "tonight", "tomorrow"):
        granularity = "day"
    base = DateMention(text[match.start : match.end], match.start, match.end,
                       granularity=granularity, relative=True)  # fmt: skip
    resolved = _resolve(phrase.replace("tonight", "today"), published, False) if published else None
    if resolved is None or granularity == "week":
        return base
    keep = {"day": 3, "month": 2, "year": 1}[granularity]
    values = (resolved.year, resolved.month, resolved.day)[:keep]
    fields = dict(zip(("year", "month", "day"), values, strict=False))
    weekday = resolved.weekday() if granularity == "day" else None
    return replace(base, **fields, weekday=weekday)


def _weekday_mention(text: str, match: _DateMatch, published: date | None) -> DateMention:
    weekday = [w.lower() for w in _WEEKDAYS].index(match.fields["weekday"].lower())
    mention = DateMention(text[match.start : match.end], match.start, match.end,
                          weekday=weekday, granularity="weekday", relative=True)  # fmt: skip
    if published is None:
        return mention
    rel = match.fields.get("rel", "").lower()
    future = rel == "next" or (rel != "last" and bool(_FUTURE_RE.search(text)))
    resolved = _resolve(mention.text, published, future)
    if resolved is None:
        return mention
    return replace(mention, year=resolved.year, month=resolved.month, day=resolved.day)


def _explicit_mention(text: str, match: _DateMatch) -> DateMention | None:
    fields = match.fields
    month_name = fields.get("month")
    month = (
        int(month_name) if month_name and month_name.isdigit() else _MONTHS.get(month_name or "")
    )
    day = int(fields["day"]) if "day" in fields else None
    year = int(fields["year"]) if "year" in fields else None
    weekday = None
    if "weekday" in fields:
        weekday = [w.lower() for w in _WEEKDAYS].index(fields["weekday"].lower())
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    if year and month and day:
        try:
            weekday = date(year, month, day).weekday() if weekday is None else weekday
        except ValueError:
            return None
    granularity = "day" if day else "month" if month else "year"
    return DateMention(text[match.start : match.end], match.start, match.end, year, month, day,
                       weekday, granularity)  # fmt: skip


_CLOCK_LEADS = _wordset("at about around shortly just after before")
_DOTTED_CLOCK = (["a", ".", "m", "."], ["p", ".", "m", "."])


def _without_clock(before: list[_Tok]) -> list[_Tok]:
    """``before`` without a clock time right before the date ("began at 10 p.m. on")."""
    end = len(before) - 1 if before and before[-1].low == "on" else len(before)
    k = end
    if k >= 4 and [t.low for t in before[k - 4 : k]] in _DOTTED_CLOCK:
        k -= 4
    elif k >= 1 and before[k - 1].low in ("am", "pm"):
        k -= 1
    else:
        return before
    if k < 1 or not _is_digit(before[k - 1]):
        return before
    k -= 1
    if k >= 2 and before[k - 1].text == ":" and _is_digit(before[k - 2]):
        k -= 2
    while k > 0 and before[k - 1].low in _CLOCK_LEADS:
        k -= 1
    return before[:k] + before[end:]


_TIME_OF_DAY = _wordset(
    "hours hour time dawn daybreak morning afternoon evening night midnight noon local"
)
_TIME_OF_DAY_LEADS = _CLOCK_LEADS | _wordset("in the of early late small")


def _without_time_of_day(before: list[_Tok]) -> list[_Tok]:
    """``before`` without a time of day right before the date, and the words that lead to
    it ("began in the early hours of March 21", "hit shortly before dawn on Saturday",
    "struck at 11:42 p.m. local time Friday"): the date still dates the verb."""
    end = len(before) - 1 if before and before[-1].low in ("on", "of") else len(before)
    k = end
    while k > 0 and before[k - 1].low in _TIME_OF_DAY:
        k -= 1
    if k == end:
        return before
    stripped = _without_clock(before[:k])
    if stripped != before[:k]:
        return stripped
    while k > 0 and before[k - 1].low in _TIME_OF_DAY_LEADS:
        k -= 1
    hour = k > 0 and before[k - 1].text.isdigit() and int(before[k - 1].text) <= 12
    if hour:  # "at around 3 in the morning on Tuesday"
        k -= 1
        while k > 0 and before[k - 1].low in _CLOCK_LEADS:
            k -= 1
    return before[:k]


_ROLE_LEADS = _wordset("the a an new interim acting its their his her")


def _as_role(before: list[_Tok], k: int) -> bool:
    """The word at ``k`` is a role after "as" ("as chairman", "as the new coach", "as
    finance minister"), or is that "as": what the date times is the verb before it."""
    if before[k].low == "as":
        return k > 0 and before[k - 1].text.isalpha()
    j, words = k - 1, 0
    while j >= 0 and (before[j].low in _ROLE_LEADS or (words < 2 and _role_word(before[j]))):
        words += before[j].low not in _ROLE_LEADS
        j -= 1
    verb = j > 0 and (before[j - 1].low.endswith("ed") or before[j - 1].low in _PARTICLES)
    return j >= 0 and before[j].low == "as" and (words == 0 or verb)


def _role_word(tok: _Tok) -> bool:
    """A word of a role's name ("finance" in "as finance minister"), not a verb."""
    return tok.text.isalpha() and tok.low != "as" and not tok.low.endswith(("ed", "ing"))


def _event_before(before: list[_Tok]) -> str | None:
    """The event word in the few tokens before a date; "" when the date is no event's."""
    before = _without_clock(_without_time_of_day(before))
    for k in range(len(before) - 1, max(len(before) - 7, -1), -1):
        tok = before[k]
        if tok.low in _CLAUSE_BREAKS - {"and"}:
            return None
        if _is_digit(tok) or tok.text in _CALENDAR_WORDS or tok.low in _NUMBER_TAILS:
            return ""  # a number or another date: a time point, not an event date
        skip = tok.low in _EVENT_SKIP or tok.low in ("and", "-") or tok.low.endswith("ly")
        if skip or (tok.text[0].isupper() and k > 0):  # "arrested in Lessing on Tuesday"
            continue
        if k > 0 and before[k - 1].low == "without":
            continue  # "released without charge on Sunday" dates the release
        if _as_role(before, k):
            continue  # "resigned as chairman of Tokura in 2015" dates the resignation
        if tok.low in _AGENT_NOUNS:
            return None
        if tok.text.isalpha():
            if tok.low in _REPORTING or _another_instance(before, tok):
                return ""
            if tok.low in _PARTICLES and k > 0 and before[k - 1].text.isalpha():
                return f"{before[k - 1].low} {tok.low}"
            return tok.low
    return None


_PERIOD_WORDS = _wordset("year quarter half period months weeks season")


def _as_of(before: list[_Tok]) -> bool:
    """The words before a date are "as of": a time point ("as of Tuesday", "as of 6 p.m.")."""
    return [t.low for t in before[-2:]] == ["as", "of"]


def _names_period(before: list[_Tok]) -> bool:
    """ "the fiscal year ended March 2024": the date names the period, it dates no event."""
    words = [t.low for t in before[-2:]]
    return len(words) == 2 and words[0] in _PERIOD_WORDS and words[1] in ("ended", "ending")


_IRREGULAR_DONE = _wordset("lit built held won met began ran set sold made shown seen found led")


def _another_instance(before: list[_Tok], event: _Tok) -> bool:
    """True for "the last election" (another event of the kind) and compounds whose head
    is the event word ("quarter-final" is not the final)."""
    index = before.index(event)
    prev = before[index - 1] if index > 0 else None
    owned = index > 1 and before[index - 2].low in _ROLE_LEADS | {"this", "that", "at"}
    done = event.low.endswith(("ed", "en")) or event.low in _IRREGULAR_DONE
    if prev is not None and prev.low == "first" and done and not owned:
        return False  # "was first lit in 1906", "first opened in 1987": the event itself
    glued = prev is not None and prev.text == "-" and prev.end == event.start
    return prev is not None and (prev.low in _OTHER_INSTANCE or glued)


def _event_after(after: list[_Tok]) -> str | None:
    for tok in after[:8]:
        if tok.low in _REPORTING or _is_digit(tok):
            return None
        if tok.low.endswith("ed") and tok.low not in _EVENT_SKIP:
            return tok.low
    return None


def _event_word(toks: tuple[_Tok, ...], start: int, end: int) -> str | None:
    """The word a date at ``[start, end)`` is attached to, if it dates an event."""
    before = [t for t in toks if t.end <= start]
    inside = [t for t in toks if start <= t.start < end]
    lead = (inside[:1] or before[-1:])[0].low if inside or before else ""
    if lead in _TIME_POINT_WORDS or (before and before[-1].low in _TIME_POINT_WORDS):
        return None
    if _as_of(before) or _names_period(before):
        return None  # "as of Tuesday", "the year ended March 2024": a time, not an event
    if any(t.low in _UNTIL_WORDS for t in before[-3:]):
        return None  # "by nightfall on Saturday": a time point, not an event date
    event = _event_before(before)
    if event is None:
        event = _event_after([t for t in toks if t.start >= end])
    return event or None


def _stem(word: str) -> str:
    for suffix, repl in (("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + repl
            break
    return word.rstrip("e") if len(word) > 3 else word


@lru_cache(maxsize=4096)
def _dates(text: str, published: date | None) -> tuple[DateMention, ...]:
    toks, out = _tokens(text), []
    for match in _date_matches(text):
        if match.kind == "relative":
            mention = _relative_mention(text, match, published)
        elif match.kind == "weekday" and set(match.fields) <= {"weekday", "rel"}:
            mention = _weekday_mention(text, match, published)
        else:
            mention = _explicit_mention(text, match)
        if mention is not None:
            out.append(replace(mention, event=_event_word(toks, match.start, match.end)))
    return tuple(out)


def extract_dates(
    text: str, *, published: str | date | datetime | None = None
) -> list[DateMention]:
    """Find date expressions and the event word each one dates.

    Recognises explicit dates ("5 May 2024", "March 3, 2024", "2024-03-03", "in May",
    "in 2019"), weekday names ("on Tuesday", "last Monday") and relative expressions
    ("yesterday", "last week", "two days ago"). Relative ones are resolved with
    ``dateparser`` against ``published`` when it is given (past tense reads back, "will"/
    "next" read forward); otherwise only what the text fixes is kept.

    Args:
        text: One sentence or a short passage.
        published: Publication date as an ISO string ("2024-03-14"), ``date`` or
            ``datetime``.

    Returns:
        Date mentions in text order, offsets into ``text``.

    Raises:
        InputError: If ``text`` is not a string or ``published`` is not an ISO date.

    Example:
        >>> [(d.text, d.event) for d in extract_dates("The bridge reopened on Wednesday.")]
        [('Wednesday', 'reopened')]
    """
    return list(_dates(_check_text(text, "text"), _check_published(published, "published")))


_ORDINAL_RE = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|previous|"
    r"1st|2nd|3rd|[4-9]th)\b",
    re.IGNORECASE,
)


def _other_instances(a: str, b: str) -> bool:
    """ "The first round of talks" vs "the second round": two events of one kind."""
    ordinals_a, ordinals_b = ({m.lower() for m in _ORDINAL_RE.findall(t)} for t in (a, b))
    return bool(ordinals_a and ordinals_b and ordinals_a != ordinals_b)


_DENIED_TIME_RE = re.compile(
    r"\b(?:not|n't|rather\s+than|instead\s+of)\s+(?:on\s+)?$", re.IGNORECASE
)


def also_told(mention: DateMention, text: str, others: Sequence[DateMention]) -> bool:
    """Whether ``others``, the dates of ``text``, hold ``mention``'s time too, and not
    denied ("met on Sunday, not Monday"): a claim that tells both times."""
    return any(mention.same_time(x) and not _DENIED_TIME_RE.search(text[: x.start]) for x in others)
