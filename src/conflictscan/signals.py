"""Structured signals: quantities, dates and denials that plain NLI models miss.

Input: two :class:`~conflictscan.results.Sentence` objects (or plain strings).
Output: a list of :class:`~conflictscan.results.Evidence` from :func:`compare`, and a flat
``dict[str, float]`` from :func:`features` for the learned combiner.

The extractors are small tables of words applied to a token stream, with two libraries
doing the parsing they are good at: ``text2num`` turns number words ("two hundred and
fifty") into values and ``dateparser`` resolves relative dates ("last month") against a
publication date. Everything here is pure Python and deterministic.

Precision comes first: a numeric or date flag is shown to journalists as a reason, so a
pair is flagged only when the two values cannot both be true under the most generous
reading (qualifiers such as "at least", rounding of "1.2bn", different things counted,
different time points and updates such as "the toll rose to" all suppress a flag).

Example:
    >>> from conflictscan.signals import compare
    >>> [e.note for e in compare("Twelve people died in the fire.", "20 people died in the fire.")]
    ['12 dead vs 20 dead']
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from conflictscan.errors import InputError
from conflictscan.results import Evidence, Sentence

logger = logging.getLogger(__name__)

__all__ = [
    "FEATURE_NAMES",
    "DateMention",
    "Quantity",
    "compare",
    "denied_proposition",
    "extract_dates",
    "extract_quantities",
    "features",
]


# ---------------------------------------------------------------------------------------
# Public value types
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a sentence together with what it counts.

    Args:
        value: The number as a float ("$1.2bn" -> 1.2e9, "no one" -> 0.0).
        unit: ``"$"``, ``"£"``, ``"€"``, ``"%"``, ``"km"``…; for counts of people the
            counted group ("people" for generic people, "children", "civilians"…);
            ``None`` when nothing is named.
        what: What is counted, as written and lower-cased, with any modifier
            ("killed", "dead", "net loss", "seriously injured", "turnout"); ``None`` when
            no head word was found.
        category: Canonical group of ``what`` used for alignment ("dead" for killed, died,
            deaths…; "injured" for hurt, wounded…; "profit"; "loss"…), else ``what``'s head.
        qualifier: ``"at least"``, ``"more than"``, ``"about"``, ``"up to"``,
            ``"fewer than"``, ``"nearly"``, ``"exactly"`` or ``None``.
        start: Offset of the first character of the number phrase in the text.
        end: Offset one past its last character.
        text: ``text[start:end]`` of the input ("at least 30", "$142 million", "No one").
        tolerance: Just under half the rounding step implied by how the number is
            written ("1.2bn" -> 0.049e9, "3,000" -> 490, "30" -> 0).
        upper: Upper end of a range ("forty to fifty", "between 10 and 12"), with
            ``value`` its lower end; ``None`` for single numbers.
    """

    value: float
    unit: str | None
    what: str | None
    category: str | None
    qualifier: str | None
    start: int
    end: int
    text: str
    tolerance: float = 0.0
    upper: float | None = None

    @property
    def is_zero(self) -> bool:
        """True for polarity zeros such as "no one was hurt" or "nobody died"."""
        return self.value == 0.0 and self.upper is None

    def interval(self) -> tuple[float, float]:
        """The range of true values compatible with how the number is written."""
        top = self.value if self.upper is None else self.upper
        low, high = self.value - self.tolerance, top + self.tolerance
        span = _QUALIFIER_SPANS.get(self.qualifier or "", (1.0, 1.0))
        if self.qualifier in ("at least", "more than"):
            return low, float("inf")
        if self.qualifier in ("up to", "fewer than"):
            return 0.0, high
        return min(low, self.value * span[0]), max(high, top * span[1])

    def describe(self) -> str:
        """Short label for reports: "at least 30 dead", "$142 million profit", "0 injured"."""
        label = self.category if self.category in _CATEGORY_NAMES else self.what
        qualifier = None if self.is_zero or self.upper is not None else self.qualifier
        amount = _format_value(self.value, self.unit)
        if self.upper is not None:
            amount += f" to {_format_value(self.upper, self.unit)}"
        parts = [qualifier or "", amount, label or ""]
        return " ".join(p for p in parts if p)


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
            Monday", "vote" for "the vote is on Tuesday"); ``None`` when unclear, when the
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


# ---------------------------------------------------------------------------------------
# Word tables
# ---------------------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_CATEGORY_WORDS: dict[str, frozenset[str]] = {
    "dead": _wordset(
        "killed kill kills killing dead died die dies dying deaths death fatalities "
        "fatality perished lives toll"
    ),
    "injured": _wordset("injured injuring injuries injury hurt wounded wounding"),
    "casualties": _wordset("casualties casualty"),
    "missing": _wordset("missing"),
    "arrested": _wordset("arrested arrests arrest detained detentions"),
    "profit": _wordset("profit profits earnings surplus"),
    "loss": _wordset("loss losses deficit lost"),
    "revenue": _wordset("revenue revenues sales turnover"),
    "jobs": _wordset("jobs job posts positions layoffs redundancies"),
    "troops": _wordset("troops soldiers"),
    "votes": _wordset("votes ballots"),
    "aboard": _wordset("aboard carrying"),
}
_CATEGORY: dict[str, str] = {w: cat for cat, words in _CATEGORY_WORDS.items() for w in words}
_CATEGORY_NAMES = frozenset(_CATEGORY_WORDS)
_MONEY_ONLY = frozenset({"lost"})
# A zero in the key category rules out positive counts in these categories:
# nobody hurt means nobody died, but nobody died still allows injuries.
_ZERO_COVERS: dict[str, frozenset[str]] = {
    "injured": frozenset({"injured", "dead", "casualties"}),
    "casualties": frozenset({"casualties", "dead", "injured"}),
}
_GENERIC_FACTOR = 0.5
_OPENERS = frozenset({'"', "“", "'", "‘", ".", ":", "(", "-", "–", "—"})
_OPPOSITE_SIGNS = frozenset({("profit", "loss"), ("loss", "profit")})

_MODIFIERS = _wordset(
    "net operating pre-tax pretax gross underlying adjusted seriously critically badly "
    "severely slightly lightly fatally confirmed"
)
_GENERIC_PEOPLE = _wordset("people persons person individuals")
_PERSON_NOUNS = _wordset(
    "people persons person individuals civilians children adults residents passengers "
    "men women students workers employees migrants refugees protesters demonstrators "
    "officers policemen journalists patients soldiers troops"
)
_DURATION_WORDS = _wordset(
    "year years month months week weeks day days hour hours minute minutes second "
    "seconds decade decades century centuries times"
)

_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("at", "least"): "at least",
    ("no", "fewer", "than"): "at least",
    ("no", "less", "than"): "at least",
    ("a", "minimum", "of"): "at least",
    ("no", "more", "than"): "up to",
    ("more", "than"): "more than",
    ("just", "over"): "more than",
    ("over",): "more than",
    ("upwards", "of"): "more than",
    ("in", "excess", "of"): "more than",
    ("up", "to"): "up to",
    ("as", "many", "as"): "up to",
    ("at", "most"): "up to",
    ("fewer", "than"): "fewer than",
    ("less", "than"): "fewer than",
    ("under",): "fewer than",
    ("below",): "fewer than",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("just", "under"): "nearly",
    ("close", "to"): "nearly",
    ("about",): "about",
    ("around",): "about",
    ("roughly",): "about",
    ("approximately",): "about",
    ("some",): "about",
    ("an", "estimated"): "about",
    ("estimated",): "about",
    ("exactly",): "exactly",
    ("between",): "between",
    ("precisely",): "exactly",
}
_QUALIFIERS_LONGEST_FIRST = sorted(_QUALIFIERS.items(), key=lambda item: -len(item[0]))
# Multipliers of the written value bounding the true value for approximate qualifiers.
_QUALIFIER_SPANS: dict[str, tuple[float, float]] = {
    "about": (0.85, 1.15),
    "nearly": (0.85, 1.0),
}
# Vague plurals: lower bound of the count they imply, read as "at least".
_VAGUE: dict[str, float] = {
    "dozens": 20.0,
    "scores": 40.0,
    "hundreds": 200.0,
    "thousands": 2_000.0,
    "millions": 2_000_000.0,
}

_NUMBER_WORDS = _wordset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred thousand million billion trillion"
)
_SCALE_WORDS: dict[str, float] = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "bln": 1e9,
    "tn": 1e12,
}
_MONEY_SCALES: dict[str, float] = {"m": 1e6, "k": 1e3, "b": 1e9}
_CURRENCY: dict[str, str] = {
    "$": "$",
    "£": "£",
    "€": "€",
    "dollars": "$",
    "usd": "$",
    "pounds": "£",
    "gbp": "£",
    "euros": "€",
    "eur": "€",
    **{word: word for word in ("crowns", "kronor", "krona", "yen", "yuan", "rupees", "francs")},
    **{word: word for word in ("pesos", "rand", "lira", "roubles", "rubles", "shekels")},
}
_MONEY = frozenset(_CURRENCY.values())
_UNITS: dict[str, str] = {
    "%": "%",
    "percent": "%",
    "pct": "%",
    "km": "km",
    "kilometres": "km",
    "kilometers": "km",
    "miles": "miles",
    "metres": "m",
    "meters": "m",
    "kg": "kg",
    "kilograms": "kg",
    "tonnes": "t",
    "tons": "t",
    "hectares": "ha",
    "acres": "acres",
    "feet": "ft",
}

# Words that may sit between a number and its head word ("30 people were killed").
# "Turnout was 62%", "a turnout of 62%": words that link a noun to its percentage.
_PERCENT_LINKS = _wordset("was is were are of at stood stands hit reached")
_BRIDGE_WORDS = _wordset(
    "were was have has had been are is be being of the who reportedly later also all"
)
# A number right after these counts a subset or an increment, not the total.
_SUBSET_WORDS = _wordset("including among another additional further plus besides from")
_SUBSET_AFTER = _wordset("more other additional others")
_CLAUSE_BREAKS = _wordset(", ; : . ( ) and but while whereas or – —")
_ZERO_WORDS: tuple[tuple[str, ...], ...] = (
    ("not", "a", "single", "person"),
    ("not", "a", "single"),
    ("no", "-", "one"),
    ("no", "one"),
    ("nobody",),
    ("none",),
    ("no",),
)
_UPDATE_RE = re.compile(
    r"\b(?:rose|risen|rising|rises|climbed|climbing|increased|jumped|reached|grew|soared|"
    r"surged|fell|fallen|dropped|declined|now|so far|updated|revised|latest|earlier|"
    r"initially|at first|first reported|later|new toll)\b",
    re.IGNORECASE,
)
_CHANGE_BEFORE = _wordset(
    "rose fell increased decreased dropped declined grew jumped climbed slumped slipped "
    "gained lost up down"
)
_NEGATION_RE = re.compile(
    r"\b(?:not|no|never|nobody|none|nothing|neither|nor|without|denied|denies|deny)\b|n't\b",
    re.IGNORECASE,
)
_STOPWORDS = _wordset(
    "a an the of in on at to for from by with and or but that this these those it its is "
    "are was were be been being has have had will would could should may might can said "
    "says told according as than then there their they he she his her we our you i not no "
    "also after before over about into more most some any all"
)


# ---------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------


class _Tok(NamedTuple):
    text: str
    low: str
    start: int
    end: int


_TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[^\W\d_]+(?:['’][^\W\d_]+)*|\S")


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[_Tok, ...]:
    return tuple(
        _Tok(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)
    )


def _is_digit(tok: _Tok) -> bool:
    return tok.text[0].isdigit()


def _match_phrase(toks: tuple[_Tok, ...], i: int, phrase: tuple[str, ...]) -> bool:
    end = i + len(phrase)
    return end <= len(toks) and all(toks[i + k].low == w for k, w in enumerate(phrase))


# ---------------------------------------------------------------------------------------
# Number phrases
# ---------------------------------------------------------------------------------------


class _Number(NamedTuple):
    value: float
    first: int  # index of the first token of the number itself
    last: int  # index one past its last token (scale words and units included)
    unit: str | None
    tolerance: float
    qualifier: str | None
    upper: float | None = None


# Just under half a step, so that "3,000" and "4,000" do not meet at 3,500.
_HALF_STEP = 0.49


def _rounding(raw: str, scale: float) -> float:
    """Half the step of the last written digit, for numbers that look rounded."""
    digits = raw.replace(",", "")
    if "." in digits:
        return _HALF_STEP * scale * 10 ** -len(digits.split(".")[1])
    if scale > 1:
        return _HALF_STEP * scale
    value = int(digits)
    if value < 1000:
        return 0.0
    zeros = len(digits) - len(digits.rstrip("0"))
    return _HALF_STEP * 10**zeros if zeros else 0.0


def _digit_number(toks: tuple[_Tok, ...], i: int, money: bool) -> tuple[float, int, float]:
    """Value, end index and tolerance of a digit token with an optional scale word."""
    raw = toks[i].text
    value, end, scale = float(raw.replace(",", "")), i + 1, 1.0
    if end < len(toks):
        nxt = toks[end]
        adjacent = nxt.start == toks[i].end
        if nxt.low in _SCALE_WORDS and (adjacent or nxt.low in _NUMBER_WORDS):
            scale, end = _SCALE_WORDS[nxt.low], end + 1
        elif money and adjacent and nxt.low in _MONEY_SCALES:
            scale, end = _MONEY_SCALES[nxt.low], end + 1
    return value * scale, end, _rounding(raw, scale)


def _is_number_word(toks: tuple[_Tok, ...], k: int, first: int) -> bool:
    if toks[k].low in _NUMBER_WORDS:
        return True
    joiner = toks[k].low in ("and", "-") and k > first
    return joiner and k + 1 < len(toks) and toks[k + 1].low in _NUMBER_WORDS


@lru_cache(maxsize=1)
def _text2num() -> Callable[[str, str], int] | None:
    """``text_to_num.text2num``, or ``None`` (with one log line) if it is not installed."""
    try:
        from text_to_num import text2num
    except ImportError:
        logger.warning("text2num is not installed: number words are ignored (pip install text2num)")
        return None
    return text2num


def _word_number(toks: tuple[_Tok, ...], i: int) -> tuple[float, int] | None:
    """Value and end index of a run of number words ("two hundred and fifty")."""
    text2num = _text2num()
    if text2num is None:
        return None
    end = i
    while end < len(toks) and _is_number_word(toks, end, i):
        end += 1
    for stop in range(end, i, -1):  # longest prefix text2num accepts ("two and three")
        phrase = " ".join(t.low for t in toks[i:stop]).replace(" - ", "-")
        try:
            return float(text2num(phrase, "en")), stop
        except ValueError:
            continue
    return None


def _times_dozen(toks: tuple[_Tok, ...], value: float, end: int) -> tuple[float, int]:
    """Apply a "dozen" that follows a number ("two dozen" -> 24)."""
    if end < len(toks) and toks[end].low == "dozen":
        return value * 12, end + 1
    return value, end


def _article_number(toks: tuple[_Tok, ...], i: int) -> tuple[float, int] | None:
    """ "a dozen" -> 12, "a hundred" -> 100, "a million" -> 1e6."""
    word = toks[i + 1].low if i + 1 < len(toks) else ""
    if word == "dozen":
        return 12.0, i + 2
    if word in ("hundred", "thousand", "million", "billion"):
        return (100.0 if word == "hundred" else _SCALE_WORDS[word]), i + 2
    return None


def _read_number(toks: tuple[_Tok, ...], i: int) -> tuple[float, int, float] | None:
    """Value, end index and tolerance of the number starting at token ``i``, if any."""
    if _is_digit(toks[i]):
        money = i > 0 and toks[i - 1].text in _MONEY
        value, end, tol = _digit_number(toks, i, money)
        return (*_times_dozen(toks, value, end), tol)
    if toks[i].low in _VAGUE:
        return _VAGUE[toks[i].low], i + 1, 0.0
    read = _article_number(toks, i) if toks[i].low in ("a", "an") else _word_number(toks, i)
    if read is None:
        return None
    return (*_times_dozen(toks, *read), 0.0)


def _qualifier_before(toks: tuple[_Tok, ...], i: int) -> tuple[str | None, int]:
    """Canonical qualifier ending just before token ``i`` and its first token index."""
    for phrase, name in _QUALIFIERS_LONGEST_FIRST:
        start = i - len(phrase)
        if start >= 0 and _match_phrase(toks, start, phrase):
            return name, start
    return None, i


def _unit_after(toks: tuple[_Tok, ...], end: int) -> tuple[str | None, int]:
    """A unit word right after a number ("%", "per cent", "dollars", "km")."""
    if end >= len(toks):
        return None, end
    low = toks[end].low
    if low == "per" and end + 1 < len(toks) and toks[end + 1].low == "cent":
        return "%", end + 2
    if low in _UNITS:
        return _UNITS[low], end + 1
    return (_CURRENCY[low], end + 1) if low.isalpha() and low in _CURRENCY else (None, end)


def _number_at(toks: tuple[_Tok, ...], i: int) -> _Number | None:
    """The full number phrase at ``i``: qualifier, currency, value, scale and unit."""
    read = _read_number(toks, i)
    if read is None:
        return None
    value, end, tol = read
    unit, end = _unit_after(toks, end)
    first = i
    if i > 0 and toks[i - 1].text in _CURRENCY:
        unit, first = _CURRENCY[toks[i - 1].text], i - 1
    qualifier, qstart = _qualifier_before(toks, first)
    if toks[i].low in _VAGUE:
        qualifier = "at least"
    upper = _range_end(toks, end, qualifier)
    if upper is not None:
        (upper_value, end, upper_unit), qualifier = upper, "between"
        unit = unit or upper_unit
    return _Number(value, qstart, end, unit, tol, qualifier, upper_value if upper else None)


def _range_end(
    toks: tuple[_Tok, ...], end: int, qualifier: str | None
) -> tuple[float, int, str | None] | None:
    """Upper end of "forty to fifty", "10–12" or "between 10 and 12": value, end, unit."""
    joiners = ("and",) if qualifier == "between" else ("to", "–", "—")
    if end + 1 >= len(toks) or toks[end].low not in joiners:
        return None
    read = _read_number(toks, end + 1)
    if read is None:
        return None
    unit, stop = _unit_after(toks, read[1])
    return read[0], stop, unit


# ---------------------------------------------------------------------------------------
# What a number counts
# ---------------------------------------------------------------------------------------


def _category_of(word: str, unit: str | None) -> str | None:
    if word in _MONEY_ONLY and unit not in ("$", "£", "€"):
        return None
    return _CATEGORY.get(word)


def _with_modifier(toks: tuple[_Tok, ...], k: int) -> str:
    """The head word at ``k`` with a modifier right before it ("net loss")."""
    if k > 0 and toks[k - 1].low in _MODIFIERS:
        return f"{toks[k - 1].low} {toks[k].low}"
    return toks[k].low


def _head_after(
    toks: tuple[_Tok, ...], end: int, unit: str | None
) -> tuple[str | None, str | None]:
    """Head word and person unit found in the few tokens after a number.

    The first word is only a fallback ("214 branches"): a counted word or a verb later in
    the clause wins ("three elderly residents of Riversend have died" -> "died").
    """
    first = None
    for k in range(end, min(end + 8, len(toks))):
        tok = toks[k]
        if tok.low in ("and", "or") and k > end and _is_generic_head(toks[k - 1]):
            return None, unit  # "200 soldiers and volunteers" counts a mixed group
        if tok.low in _CLAUSE_BREAKS or _is_digit(tok):
            break
        if tok.low in _PERSON_NOUNS and unit is None:
            unit = "people" if tok.low in _GENERIC_PEOPLE else tok.low
        elif _category_of(tok.low, unit):
            return _main_verb_after(toks, k) or _with_modifier(toks, k), unit
        elif _match_phrase(toks, k, ("on", "board")) and unit is not None:
            return "aboard", unit
        elif k == end and _is_generic_head(tok):
            first = tok.low
        elif tok.low.endswith("ed") and k > end and toks[k - 1].low in _BRIDGE_WORDS:
            return _with_modifier(toks, k), unit
        elif tok.low not in _BRIDGE_WORDS | _MODIFIERS and not _skippable(tok, k, end):
            break
    # "5,000 troops were deployed": the group itself is what is counted.
    return (first or (unit if unit in _CATEGORY else None)), unit


def _is_generic_head(tok: _Tok) -> bool:
    """A lower-case content word that may name what is counted ("branches")."""
    return tok.text.isalpha() and tok.text.islower() and tok.low not in _STOPWORDS | _DURATION_WORDS


def _skippable(tok: _Tok, k: int, end: int) -> bool:
    """Adverbs and names may sit between a count and its verb."""
    return tok.low.endswith("ly") or (tok.text[0].isupper() and k > end)


def _main_verb_after(toks: tuple[_Tok, ...], k: int) -> str | None:
    """For "three people arrested at the protest were charged", the main verb ("charged").

    Only applies when the category word at ``k`` follows its noun directly, as a
    participle; the count is then about the later "were …" verb.
    """
    if k == 0 or toks[k - 1].low in _BRIDGE_WORDS or _is_digit(toks[k - 1]):
        return None
    for j in range(k + 1, min(k + 12, len(toks) - 1)):
        if toks[j].low in _CLAUSE_BREAKS - {"and"}:
            return None
        if toks[j].low in ("were", "was", "are", "is") and toks[j + 1].low.endswith("ed"):
            return toks[j + 1].low
    return None


def _head_before(toks: tuple[_Tok, ...], first: int, unit: str | None) -> str | None:
    """Head word in the few tokens before a number ("killed at least 30", "loss of $5m").

    After "at"/"to" the whole clause is searched for "toll" ("put the death toll from
    Friday's fighting at 14").
    """
    toll = first > 0 and toks[first - 1].low in ("at", "to")
    for k in range(first - 1, -1 if toll else max(first - 6, -1), -1):
        tok = toks[k]
        if tok.low in _CLAUSE_BREAKS:
            return None
        if toll and tok.low == "toll":
            return _with_modifier(toks, k)
        if _category_of(tok.low, unit) and k >= first - 5:
            return _with_modifier(toks, k)
        if unit == "%" and tok.low in _PERCENT_LINKS:
            continue
        if unit == "%" and tok.text.isalpha() and tok.low not in _STOPWORDS | _CHANGE_BEFORE:
            return tok.low if toks[first - 1].low in _PERCENT_LINKS and k < first - 1 else None
    return None


def _counts_subset(toks: tuple[_Tok, ...], num: _Number) -> bool:
    """True for "including 12", "another 12", "12 more" and changes ("rose 5%")."""
    before = toks[num.first - 1].low if num.first > 0 else ""
    after = toks[num.last].low if num.last < len(toks) else ""
    if before in _MONEY_ONLY and num.unit in _MONEY:
        return False  # "lost $58m" is a loss, not a change
    if before == "by" and num.first > 1:  # "rose by 5%", but not "approved by 88 votes"
        before = toks[num.first - 2].low
    return before in _SUBSET_WORDS | _CHANGE_BEFORE or after in _SUBSET_AFTER


def _is_whole_of_part(toks: tuple[_Tok, ...], num: _Number) -> bool:
    """True for the whole in "19 of the 51 seats" or "three of five workers"."""
    k = num.first - 1
    if k >= 0 and toks[k].low == "the":
        k -= 1
    if k < 1 or toks[k].low != "of":
        return False
    return _is_digit(toks[k - 1]) or toks[k - 1].low in _NUMBER_WORDS


def _is_compound(toks: tuple[_Tok, ...], num: _Number) -> bool:
    """True for numbers inside compounds: "30-year-old", "COVID-19", "F-16"."""
    after = toks[num.last] if num.last < len(toks) else None
    if after is not None and after.text == "-" and after.start == toks[num.last - 1].end:
        return True
    return num.first > 0 and toks[num.first - 1].text == "-"


# ---------------------------------------------------------------------------------------
# Quantities
# ---------------------------------------------------------------------------------------


def _make_quantity(text: str, toks: tuple[_Tok, ...], num: _Number) -> Quantity | None:
    """The quantity for a number phrase, or ``None`` for compounds, parts and changes."""
    if _is_compound(toks, num) or _counts_subset(toks, num) or _is_whole_of_part(toks, num):
        return None
    what, unit = _head_after(toks, num.last, num.unit)
    if what is None:
        what = _head_before(toks, num.first, unit)
    if toks[num.first].low in ("one", "a", "an") and what is None:
        return None
    head = what.split()[-1] if what else None
    category = (_category_of(head, unit) or head) if head else None
    start, end = toks[num.first].start, toks[num.last - 1].end
    return Quantity(
        value=num.value, unit=unit, what=what, category=category, qualifier=num.qualifier,
        start=start, end=end, text=text[start:end], tolerance=num.tolerance, upper=num.upper,
    )  # fmt: skip


def _zero_at(text: str, toks: tuple[_Tok, ...], i: int) -> tuple[Quantity, int] | None:
    """A polarity zero at ``i`` ("no one was hurt", "nobody died", "no deaths")."""
    phrase = next((p for p in _ZERO_WORDS if _match_phrase(toks, i, p)), None)
    if phrase is None:
        return None
    k, unit = i + len(phrase), None
    for k in range(i + len(phrase), min(i + len(phrase) + 6, len(toks))):
        low = toks[k].low
        if _category_of(low, None):
            break
        if low in _PERSON_NOUNS and unit is None:
            unit = "people" if low in _GENERIC_PEOPLE else low
        elif phrase == ("none",) and (_is_digit(toks[k]) or low in ("the", "of")):
            continue  # "none of the 30 passengers was hurt"
        elif low not in _BRIDGE_WORDS or _is_digit(toks[k]):
            return None
    else:
        return None
    if phrase == ("no",) and k != i + 1 and unit is None:
        return None
    start, end = toks[i].start, toks[i + len(phrase) - 1].end
    what = toks[k].low
    quantity = Quantity(0.0, unit, what, _category_of(what, None), "exactly", start, end,
                        text[start:end])  # fmt: skip
    return quantity, k + 1


def _skip_as_date(toks: tuple[_Tok, ...], i: int, date_spans: list[tuple[int, int]]) -> bool:
    """True for digits that are no count: dates, clock times, ordinals, decades, codes."""
    tok = toks[i]
    if any(s <= tok.start < e for s, e in date_spans):
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.low in ("pm", "am", "p", "a", ":", "gmt"):
        return True
    if nxt is not None and nxt.start == tok.end and nxt.text.isalpha():
        return nxt.low not in _GLUED_SUFFIXES  # "3rd", "1990s", "'90s", but not "1.2bn"
    glued = i > 0 and toks[i - 1].end == tok.start
    return glued and (toks[i - 1].text.isalnum() or toks[i - 1].text in (":", "."))


@lru_cache(maxsize=4096)
def _quantities(text: str) -> tuple[Quantity, ...]:
    toks, out, i = _tokens(text), [], 0
    date_spans = [(m.start, m.end) for m in _date_matches(text)]
    while i < len(toks):
        zero = _zero_at(text, toks, i)
        if zero is not None:
            out.append(zero[0])
            i = zero[1]
            continue
        num = None if _skip_as_date(toks, i, date_spans) else _number_at(toks, i)
        quantity = _make_quantity(text, toks, num) if num is not None else None
        if quantity is not None:
            out.append(quantity)
        i = num.last if num is not None else i + 1
    return tuple(out)


def extract_quantities(text: str) -> list[Quantity]:
    """Find numbers in ``text`` and what each one counts.

    Handles digits with thousands separators and decimals ("3,000", "4.5"), number words
    ("thirty", "two hundred and fifty", "a dozen", "two dozen"), scales ("$142 million",
    "1.2bn", "$58m"), percentages, currencies, qualifiers ("at least", "more than",
    "about", "up to", "nearly", "exactly"), vague plurals ("dozens" reads as at least 20)
    and polarity zeros ("no one was hurt" -> 0 hurt, "nobody died" -> 0 died). Years,
    days of month, clock times, compounds such as "30-year-old", parts and increments
    ("including 3 children", "another 5", "5 more") and changes ("rose 5%") are skipped.

    Args:
        text: One sentence or a short passage.

    Returns:
        Quantities in text order, offsets into ``text``.

    Raises:
        InputError: If ``text`` is not a string.

    Example:
        >>> [q.describe() for q in extract_quantities("At least 30 people were killed.")]
        ['at least 30 dead']
    """
    return list(_quantities(_check_text(text, "text")))


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
        rf"\b(?:(?i:in|by|during|since|until|early|late)\s+|mid-)(?P<month>{_MONTH_RE})\b"
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
    "finally only not now until called fixed"
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
}  # fmt: skip
_OTHER_INSTANCE = _wordset("last previous past former prior earlier first")
_GLUED_SUFFIXES = frozenset(_SCALE_WORDS) | frozenset(_MONEY_SCALES) | frozenset(_UNITS)
_NUMBER_TAILS = frozenset(_SCALE_WORDS) | frozenset(_MONEY_SCALES) | frozenset(_UNITS)
_TIME_POINT_WORDS = _wordset("by until till since before after as from through")
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


def _event_before(before: list[_Tok]) -> str | None:
    """The event word in the few tokens before a date; "" when the date is no event's."""
    for k in range(len(before) - 1, max(len(before) - 7, -1), -1):
        tok = before[k]
        if tok.low in _CLAUSE_BREAKS - {"and"}:
            return None
        if _is_digit(tok) or tok.text in _CALENDAR_WORDS or tok.low in _NUMBER_TAILS:
            return ""  # a number or another date: a time point, not an event date
        skip = tok.low in _EVENT_SKIP or tok.low in ("and", "-") or tok.low.endswith("ly")
        if skip or (tok.text[0].isupper() and k > 0):  # "arrested in Lessing on Tuesday"
            continue
        if tok.text.isalpha():
            return "" if tok.low in _REPORTING or _another_instance(before, tok) else tok.low
    return None


def _another_instance(before: list[_Tok], event: _Tok) -> bool:
    """True for "the last election" (another event of the kind) and compounds whose head
    is the event word ("quarter-final" is not the final)."""
    index = before.index(event)
    prev = before[index - 1] if index > 0 else None
    return prev is not None and (prev.low in _OTHER_INSTANCE or prev.text == "-")


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


# ---------------------------------------------------------------------------------------
# Denials
# ---------------------------------------------------------------------------------------

_DENY_VERBS = (
    r"(?:denied|denies|deny|denying|dismissed|dismisses|dismissing|rejected|rejects|rejecting"
    r"|refuted|refutes|disputed|disputes|rubbished|rubbishes|rebuffed|rebuffs|rebuffing)"
)
_DISMISS_VERBS = (
    r"(?:called|calls|described|describes|labelled|labeled|branded|termed|dubbed"
    r"|characteri[sz]ed|characteri[sz]es|portrayed|portrays)"
)
_REPORT_NOUNS = (
    r"(?:(?:the|all|these|those|recent|media|press|news|newspaper|online|widespread)\s+)*"
    r"(?:reports?|claims?|suggestions?|allegations?|rumou?rs?|speculation|accusations?"
    r"|assertions?|stories|story|idea|notion)"
)
_FALSE_WORDS = (
    r"(?:not true|untrue|false|baseless|unfounded|groundless|wrong|incorrect|inaccurate"
    r"|nonsense|rubbish|fabricated|fake|lies|a lie|ridiculous|absurd|misleading|speculation)"
)
_DEGREE = r"(?:(?:completely|simply|totally|absolutely|entirely|utterly|categorically)\s+)?"
_NEGATED_DENIAL_RE = re.compile(
    r"(?:\bnot|n't|\bnever|\brefused to|\bdeclined to|\bfailed to|\bwould)\s+\w*\s*$", re.I
)
_NOT_OF = r"(?:that\s+)?(?!of\b)"
# Each pattern marks the proposition with a ``prop`` group (a clause), a ``ger`` group
# (a gerund phrase "planning to resign") or an ``np`` group (after "reports of"). The flag
# says whether a dismissive word ("nonsense", "false") must follow the proposition.
_DENIAL_PATTERNS: tuple[tuple[re.Pattern[str], bool], ...] = tuple(
    (re.compile(p, re.IGNORECASE), needs_false_word)
    for p, needs_false_word in (
        (rf"\b{_DENY_VERBS}\s+{_REPORT_NOUNS}\s+{_NOT_OF}(?P<prop>\w.+)", False),
        (rf"\b{_DENY_VERBS}\s+{_REPORT_NOUNS}\s+of\s+(?P<np>\w.+)", False),
        (rf"\b{_DISMISS_VERBS}\s+{_REPORT_NOUNS}\s+{_NOT_OF}(?P<prop>\w.+)", True),
        (
            rf"\b(?:{_DENY_VERBS}|{_DISMISS_VERBS})\s+as\s+[^,]{{1,40}}?\s+{_REPORT_NOUNS}\s+"
            rf"{_NOT_OF}(?P<prop>\w.+)",
            False,
        ),
        (
            rf"\bthere\s+(?:is|was|'s)\s+no\s+truth\s+(?:to|in)\s+{_REPORT_NOUNS}\s+"
            rf"{_NOT_OF}(?P<prop>\w.+)",
            False,
        ),
        (
            rf"\b(?:it\s+(?:is|was)|it's)\s+{_DEGREE}(?:{_FALSE_WORDS})\s+(?:to\s+say\s+)?"
            r"that\s+(?P<prop>\w.+)",
            False,
        ),
        (
            rf"(?:^|\b{_REPORT_NOUNS}\s+)that\s+(?P<prop>\w.+?)\s+(?:is|are|was|were)\s+"
            rf"{_DEGREE}{_FALSE_WORDS}\b",
            False,
        ),
        (rf"\b{_DENY_VERBS}\s+that\s+(?P<prop>\w.+)", False),
        (rf"\b{_DENY_VERBS}\s+(?P<prop>(?:he|she|they|it|we|i|there)\s+\w.+)", False),
        (rf"\b{_DENY_VERBS}\s+(?P<ger>\w+ing\s.+)", False),
    )
)
_PROP_END_RE = re.compile(
    rf"\s+as\s+[\"'“‘]|\s+as\s+{_DEGREE}{_FALSE_WORDS}\b"
    r"|\s[\"“‘']|,\s*(?:calling|saying|describing|adding|insisting)\b"
    r"|,\s*(?:\w+\s+){0,3}(?:said|says|told|added)\b|[.;!?]\s*$|,\s*$",
    re.IGNORECASE,
)
_SUBJECT_DROP_RE = re.compile(
    r"\b(?:(?:on|last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|yesterday|today|also|has|have|had|\w+ly)\b",
    re.IGNORECASE,
)


_NOT_CLAUSE_START = _wordset("and or but as by to in on for with from about over says said")


def _clean_prop(prop: str) -> str | None:
    """Cut quotes, "as 'nonsense'" and trailing attribution off a proposition."""
    match = _PROP_END_RE.search(prop)
    prop = prop[: match.start()] if match else prop
    prop = prop.strip(" ,.;:!?\"'“”‘’")
    words = prop.split()
    if len(words) < 2 or words[0].lower() in _NOT_CLAUSE_START:
        return None  # "denies claim and says …" denies nothing stated
    return prop


def _gerund_clause(text: str, match: re.Match[str]) -> str | None:
    """ "Smith flatly denied planning to resign" -> "Smith was planning to resign"."""
    subject = _SUBJECT_DROP_RE.sub(" ", text[: match.start()])
    subject = " ".join(subject.replace(",", " ").split()[-4:]) or "they"
    gerund = match.group("ger")
    first, _, rest = gerund.partition(" ")
    plural = subject.lower() in ("they", "we", "you")
    if first.lower() == "having":
        clause = f"had {rest}"
    elif first.lower() == "being":
        clause = f"{'were' if plural else 'was'} {rest}"
    else:
        clause = f"{'were' if plural else 'was'} {gerund}"
    return _clean_prop(f"{subject} {clause}")


def _denial_from_match(text: str, match: re.Match[str]) -> str | None:
    if _NEGATED_DENIAL_RE.search(text[: match.start()]):
        return None
    groups = match.groupdict()
    if groups.get("ger"):
        return _gerund_clause(text, match)
    if groups.get("np"):
        noun_phrase = _clean_prop(groups["np"])
        return f"there was {noun_phrase}" if noun_phrase else None
    return _clean_prop(groups["prop"])


def _dismissal_confirmed(needs_false_word: bool, text: str, match: re.Match[str]) -> bool:
    """ "Called reports that … X" only denies when X is a word such as "nonsense"."""
    if not needs_false_word:
        return True
    rest = text[match.start("prop") :]
    return re.search(rf"\b{_FALSE_WORDS}\b", rest, re.IGNORECASE) is not None


_DENIED_THING_RE = re.compile(
    rf"\b{_DENY_VERBS}\s+(?:(?:the|any|all|these|those|such|his|her|their|its)\s+)?"
    r"(?:allegations?|charges?|accusations?|reports?|claims?|wrongdoing|involvement)\b",
    re.IGNORECASE,
)


def surface_denial(text: str) -> tuple[int, str | None] | None:
    """Where a denial starts in ``text`` and what it denies, by surface patterns alone.

    The fallback of :func:`denied_proposition` when spaCy is not installed. A denial of
    a thing rather than a stated proposition ("denied the allegations") gives
    ``(start, None)``.

    Args:
        text: A sentence.

    Returns:
        ``(offset of the denial, proposition or None)``, or ``None`` when it denies nothing.
    """
    for pattern, needs_false_word in _DENIAL_PATTERNS:
        for match in pattern.finditer(text):
            if not _dismissal_confirmed(needs_false_word, text, match):
                continue
            prop = _denial_from_match(text, match)
            if prop:
                return match.start(), prop
    match = _DENIED_THING_RE.search(text)
    if match and not _NEGATED_DENIAL_RE.search(text[: match.start()]):
        return match.start(), None
    return None


def denied_proposition(sentence_or_text: Sentence | str) -> str | None:
    """The proposition a sentence denies or dismisses, if it is a denial.

    Recognises "denied/dismissed/rejected/rebuffed reports (claims, suggestions…) that P",
    "called (described, characterized…) reports that P 'absolute nonsense' / as false",
    "there is no truth to reports that P", "it is false that P", "claims that P are not
    true", "denied (that) he …" and "flatly denied planning to …" (returned as "<subject>
    was planning to …"), also inside a report ("…, officials said"). A negated denial
    ("did not deny that P") is not a denial. The dependency rules of
    :mod:`conflictscan.attribution` decide when spaCy is installed; otherwise
    :func:`surface_denial`.

    Args:
        sentence_or_text: A :class:`Sentence` (its ``denied`` when set, else its full
            ``text``, since the denial verb is often part of the attribution) or a string.

    Returns:
        The denied proposition ("she was prepared to resign"), or ``None``.

    Raises:
        InputError: If the argument is neither a ``Sentence`` nor a string.
        ModelLoadError: spaCy's model is installed but fails its checksum.

    Example:
        >>> denied_proposition("He denied reports that he would resign, calling them lies.")
        'he would resign'
    """
    if isinstance(sentence_or_text, Sentence) and sentence_or_text.denied:
        return sentence_or_text.denied
    text = _as_text(sentence_or_text, "sentence_or_text", full=True)
    from conflictscan import attribution, parsing
    from conflictscan.claims import strip_dateline

    if parsing.is_available():
        return attribution.analyse([text[strip_dateline(text) :].strip()])[0].denied
    found = surface_denial(text)
    return found[1] if found is not None else None


# ---------------------------------------------------------------------------------------
# Comparing quantities
# ---------------------------------------------------------------------------------------

_QUARTER_RE = re.compile(
    r"\b(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:quarter|half)|Q[1-4]|H[12]"
    r"|FY\s?\d{2,4})\b",
    re.IGNORECASE,
)


class _Pair(NamedTuple):
    qa: Quantity
    qb: Quantity


@lru_cache(maxsize=4096)
def _comparable(text: str) -> tuple[Quantity, ...]:
    """Quantities of ``text`` that can be totals.

    A count followed by a bare count ("six were killed on Monday and four on Tuesday",
    "30 dead, 12 of them children") is one part of a breakdown, so it is left out.
    """
    quantities = _quantities(text)
    return tuple(
        q
        for k, q in enumerate(quantities)
        if q.is_zero
        or not any(p.category is None and p.unit in (None, q.unit) for p in quantities[k + 1 :])
    )


def _modifiers(quantity: Quantity) -> str:
    return " ".join((quantity.what or "").split()[:-1])


def _count_unit(quantity: Quantity) -> str | None:
    return "people" if quantity.unit is None else quantity.unit


def _aligned(qa: Quantity, qb: Quantity) -> bool:
    """Same thing counted, in the same unit, with the same modifier."""
    if qa.category is None or qb.category is None or qa.is_zero or qb.is_zero:
        return False
    same_thing = qa.category == qb.category or (qa.category, qb.category) in _OPPOSITE_SIGNS
    return same_thing and _count_unit(qa) == _count_unit(qb) and _modifiers(qa) == _modifiers(qb)


def _zero_clash(zero: Quantity, other: Quantity) -> bool:
    if zero.category is None:
        return False
    covers = _ZERO_COVERS.get(zero.category or "", frozenset({zero.category}))
    if other.is_zero or other.category not in covers or other.interval()[1] < 1:
        return False
    people = {"people", None}
    return zero.unit in people or zero.unit == other.unit


def _interval_score(qa: Quantity, qb: Quantity) -> float:
    """0 when the two written values can both be true, else how sure the clash is."""
    (lo_a, hi_a), (lo_b, hi_b) = qa.interval(), qb.interval()
    if lo_a <= hi_b and lo_b <= hi_a:
        return 0.0
    qualified = sum(q.qualifier not in (None, "exactly") for q in (qa, qb))
    rounded = qualified == 0 and (qa.tolerance > 0 or qb.tolerance > 0)
    return (0.9, 0.7, 0.6)[qualified] - (0.1 if rounded else 0.0)


def _sign_score(qa: Quantity, qb: Quantity) -> float:
    if (qa.category, qb.category) not in _OPPOSITE_SIGNS:
        return 0.0
    mods = {_modifiers(qa), _modifiers(qb)}
    return 0.85 if len(mods) == 1 else 0.6 if "" in mods else 0.0


def _pair_score(qa: Quantity, qb: Quantity, updated: bool) -> float | None:
    """Conflict score for an aligned pair; ``None`` when the pair is not comparable."""
    if qa.is_zero or qb.is_zero:
        zero, other = (qa, qb) if qa.is_zero else (qb, qa)
        return (
            (0.9 if zero.category == other.category else 0.8) if _zero_clash(zero, other) else None
        )
    if not _aligned(qa, qb) and not (_sign_score(qa, qb) and _count_unit(qa) == _count_unit(qb)):
        return None
    if qa.category != qb.category:
        return _sign_score(qa, qb)
    return 0.0 if updated else _interval_score(qa, qb)


def _numeric_pairs(qas: tuple[Quantity, ...], qbs: tuple[Quantity, ...], updated: bool):
    """Scored pairs; a quantity matched by any compatible counterpart is never flagged."""
    scored = [(qa, qb, _pair_score(qa, qb, updated)) for qa in qas for qb in qbs]
    scored = [(qa, qb, s) for qa, qb, s in scored if s is not None]
    fine = {id(q) for qa, qb, s in scored if s == 0 for q in (qa, qb)}
    clashes = [(qa, qb, s) for qa, qb, s in scored if s > 0 and not ({id(qa), id(qb)} & fine)]
    return scored, clashes


def _numeric_evidence(qa: Quantity, qb: Quantity, score: float) -> Evidence:
    if qa.category not in _CATEGORY_NAMES:
        score *= _GENERIC_FACTOR  # "214 branches": less sure both count the same thing
    a_value, b_value = qa.describe(), qb.describe()
    note = f"{a_value} vs {b_value}"
    if (qa.category, qb.category) in _OPPOSITE_SIGNS:
        note += f" ({qa.category} vs {qb.category})"
    return Evidence("numeric", a_value, b_value, round(score, 3), note)


# ---------------------------------------------------------------------------------------
# Comparing dates and time points
# ---------------------------------------------------------------------------------------


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


def _date_evidence(a: str, b: str, pa: date | None, pb: date | None) -> list[Evidence]:
    if _UPDATE_RE.search(a) or _UPDATE_RE.search(b) or _RESCHEDULE_RE.search(a + " " + b):
        return []
    out = []
    for da in _dates(a, pa):
        same_event = [db for db in _dates(b, pb) if _same_event(da, db)]
        scores = [(_date_clash(da, db), db) for db in same_event]
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


# ---------------------------------------------------------------------------------------
# Denials across sentences
# ---------------------------------------------------------------------------------------


def _content_words(text: str) -> set[str]:
    return {_stem(t.low) for t in _tokens(text) if t.text.isalpha() and t.low not in _STOPWORDS}


def _denial_overlap(denier: str, other: str) -> tuple[str | None, float]:
    """The denied proposition and the share of its content words found in ``other``."""
    prop = denied_proposition(denier)
    if prop is None or denied_proposition(other) is not None:
        return prop, 0.0
    words = _content_words(prop)
    if not words:
        return prop, 0.0
    return prop, len(words & _content_words(other)) / len(words)


def _denial_evidence(a: str, b: str) -> list[Evidence]:
    out = []
    for denier, other, side in ((a, b, "a"), (b, a, "b")):
        prop, overlap = _denial_overlap(denier, other)
        if prop is None or overlap < 0.75 or _NEGATION_RE.search(other):
            continue
        values = (prop, other) if side == "a" else (other, prop)
        note = f"{side} denies that {prop}; the other sentence asserts it"
        out.append(Evidence("denial", values[0], values[1], round(0.6 * overlap, 3), note))
    return out


# ---------------------------------------------------------------------------------------
# Public comparison
# ---------------------------------------------------------------------------------------


def _entity_penalty(a: str, b: str) -> float:
    """0.5 when both sentences name proper nouns and share none, else 1.

    A capitalised first word may be a name ("Halvard reported…") or not ("Nobody…"), so
    it can make a match but never counts as a name on its own. When spaCy is installed,
    its entities must confirm the mismatch: both sentences name a person, organisation or
    place and no entity word is shared (so "the Ministry of Health" vs "officials in the
    Capital", capitalised but not both named, is no mismatch).
    """
    (ea, first_a), (eb, first_b) = _proper_nouns(a), _proper_nouns(b)
    shared = (ea | first_a) & (eb | first_b)
    if not ea or not eb or shared:
        return 1.0
    from conflictscan import parsing

    if parsing.is_available():
        named_a, named_b = _entity_words(a), _entity_words(b)
        if not named_a or not named_b or named_a & named_b:
            return 1.0
    return 0.5


def _entity_words(text: str) -> frozenset[str]:
    """Lower-cased words of the PERSON/ORG/GPE entities spaCy finds in ``text``."""
    from conflictscan import parsing

    words = {
        re.sub(r"['’]s$", "", t.low)
        for _, name in parsing.entities(text)
        for t in _tokens(name)
        if t.text[:1].isalpha()
    }
    return frozenset(words - _STOPWORDS)


def _proper_nouns(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Capitalised words inside the sentence, and the capitalised first word."""
    toks = _tokens(text)
    names = {
        k: re.sub(r"['’]s$", "", t.low)
        for k, t in enumerate(toks)
        if t.text[0].isupper() and t.text not in _CALENDAR_WORDS and t.low not in _STOPWORDS
    }
    sentence_starts = {0} | {k + 1 for k, t in enumerate(toks) if t.text in _OPENERS}
    inner = frozenset(name for k, name in names.items() if k not in sentence_starts)
    return inner, frozenset(name for k, name in names.items() if k in sentence_starts)


def _numeric_evidence_for(a: str, b: str, pa: date | None, pb: date | None) -> list[Evidence]:
    if _different_times(a, b, pa, pb):
        return []
    updated = bool(_UPDATE_RE.search(a) or _UPDATE_RE.search(b))
    _, clashes = _numeric_pairs(_comparable(a), _comparable(b), updated)
    evidence, seen = [], set()
    for qa, qb, score in sorted(clashes, key=lambda c: -c[2]):
        if id(qa) in seen or id(qb) in seen:
            continue
        seen.update((id(qa), id(qb)))
        evidence.append(_numeric_evidence(qa, qb, score))
    return evidence


def compare(
    a: Sentence | str,
    b: Sentence | str,
    *,
    published_a: str | date | datetime | None = None,
    published_b: str | date | datetime | None = None,
) -> list[Evidence]:
    """Structured reasons why two sentences cannot both be true.

    Numbers that count the same thing (killed/dead/died/deaths; injured/hurt/wounded;
    profit vs loss…) in the same unit are compared as intervals that allow for
    qualifiers and rounding, so "at least 12" vs "14" or "about 30" vs "31" are not
    flagged, while "12 people died" vs "20 people died" (0.9), "30 dead" vs "no one was
    hurt" (0.8) and "$142 million profit" vs "$58 million loss" (0.85) are. Dates attached
    to the same event word that cannot coincide give kind ``"date"`` (0.7-0.85); a
    sentence denying what the other asserts, word for word, gives kind ``"denial"`` (at
    most 0.6, a lexical check: callers should confirm :func:`denied_proposition` with NLI).
    Updates ("the toll rose to"), rescheduling, different time points, parts ("including
    3 children"), ranges that overlap and different counted groups are not flagged.
    Counts of words outside the built-in tables ("214 branches") score half, and all
    scores are halved when both sentences name proper nouns and share none.

    Args:
        a: First sentence (its ``content`` is compared) or a string.
        b: Second sentence or a string.
        published_a: Publication date of ``a``'s document, to resolve "yesterday".
        published_b: Publication date of ``b``'s document.

    Returns:
        Evidence items, strongest first; empty when nothing structured conflicts.

    Raises:
        InputError: If a sentence is neither a ``Sentence`` nor a string, or a
            publication date is not ISO formatted.

    Example:
        >>> compare("The vote is on Tuesday.", "The vote is on Thursday.")[0].kind
        'date'
    """
    text_a, text_b = _as_text(a, "a"), _as_text(b, "b")
    pa, pb = (
        _check_published(published_a, "published_a"),
        _check_published(published_b, "published_b"),
    )
    evidence = _numeric_evidence_for(text_a, text_b, pa, pb) + _date_evidence(
        text_a, text_b, pa, pb
    )
    penalty = _entity_penalty(text_a, text_b)
    evidence = [_scaled(e, penalty) for e in evidence] + _denial_evidence(
        _as_text(a, "a", full=True), _as_text(b, "b", full=True)
    )
    return sorted(evidence, key=lambda e: -e.score)


def _scaled(evidence: Evidence, factor: float) -> Evidence:
    if factor == 1.0:
        return evidence
    return Evidence(evidence.kind, evidence.a_value, evidence.b_value,
                    round(evidence.score * factor, 3), evidence.note)  # fmt: skip


# ---------------------------------------------------------------------------------------
# Features for the combiner
# ---------------------------------------------------------------------------------------

FEATURE_NAMES: tuple[str, ...] = (
    "numeric_conflict",
    "sign_conflict",
    "zero_conflict",
    "numbers_alignable",
    "numbers_compatible",
    "number_overlap",
    "date_conflict",
    "dates_alignable",
    "dates_compatible",
    "different_times",
    "update_marker",
    "negation_asymmetry",
    "denial",
    "denial_overlap",
    "entity_mismatch",
)
"""Keys of :func:`features`, in a fixed order (see its docstring for meanings)."""


def _number_features(a: str, b: str, pa: date | None, pb: date | None) -> dict[str, float]:
    qas, qbs = _quantities(a), _quantities(b)
    scored, clashes = _numeric_pairs(_comparable(a), _comparable(b), False)
    signed = [
        s for qa, qb, s in clashes if qa.category != qb.category and not (qa.is_zero or qb.is_zero)
    ]
    zeros = [s for qa, qb, s in clashes if qa.is_zero or qb.is_zero]
    values_a, values_b = {q.value for q in qas}, {q.value for q in qbs}
    union = values_a | values_b
    evidence = _numeric_evidence_for(a, b, pa, pb)
    return {
        "numeric_conflict": max((e.score for e in evidence), default=0.0),
        "sign_conflict": max(signed, default=0.0),
        "zero_conflict": max(zeros, default=0.0),
        "numbers_alignable": float(bool(scored)),
        "numbers_compatible": float(any(s == 0 for _, _, s in scored)),
        "number_overlap": len(values_a & values_b) / len(union) if union else 0.0,
    }


def _date_features(a: str, b: str, pa: date | None, pb: date | None) -> dict[str, float]:
    da, db = _dates(a, pa), _dates(b, pb)
    same_event = [(x, y) for x in da for y in db if _same_event(x, y)]
    return {
        "date_conflict": max((e.score for e in _date_evidence(a, b, pa, pb)), default=0.0),
        "dates_alignable": float(bool(same_event)),
        "dates_compatible": float(any(_date_clash(x, y) == 0 for x, y in same_event)),
        "different_times": float(_different_times(a, b, pa, pb)),
    }


def features(
    a: Sentence | str,
    b: Sentence | str,
    *,
    published_a: str | date | datetime | None = None,
    published_b: str | date | datetime | None = None,
) -> dict[str, float]:
    """Numeric features of a sentence pair for the learned combiner.

    Keys (always all present, in :data:`FEATURE_NAMES` order, values in [0, 1]):

    * ``numeric_conflict``: highest ``"numeric"`` evidence score from :func:`compare`
      (before the proper-noun penalty).
    * ``sign_conflict``: score of a profit-vs-loss clash, else 0.
    * ``zero_conflict``: score of a "no one was hurt" vs positive count clash, else 0.
    * ``numbers_alignable``: 1 if some pair of quantities counts the same thing.
    * ``numbers_compatible``: 1 if some aligned pair agrees ("at least 12" vs "14"); a
      signal against a conflict.
    * ``number_overlap``: Jaccard overlap of the two sentences' number values.
    * ``date_conflict``: highest ``"date"`` evidence score.
    * ``dates_alignable``: 1 if both sentences date the same event word.
    * ``dates_compatible``: 1 if some same-event dates agree.
    * ``different_times``: 1 if both sentences are anchored in time and no anchors agree.
    * ``update_marker``: 1 if either sentence reads like an update ("rose to", "so far").
    * ``negation_asymmetry``: 1 if exactly one sentence has a negation cue.
    * ``denial``: 1 if either sentence denies a proposition (:func:`denied_proposition`).
    * ``denial_overlap``: share of the denied proposition's content words present in the
      other sentence (highest of both directions).
    * ``entity_mismatch``: 1 if both sentences name proper nouns and share none.

    Args:
        a: First sentence or string.
        b: Second sentence or string.
        published_a: Publication date of ``a``'s document.
        published_b: Publication date of ``b``'s document.

    Returns:
        ``{name: value}`` for every name in :data:`FEATURE_NAMES`.

    Raises:
        InputError: As :func:`compare`.
    """
    text_a, text_b = _as_text(a, "a"), _as_text(b, "b")
    full_a, full_b = _as_text(a, "a", full=True), _as_text(b, "b", full=True)
    pa, pb = (
        _check_published(published_a, "published_a"),
        _check_published(published_b, "published_b"),
    )
    overlaps = [_denial_overlap(x, y) for x, y in ((full_a, full_b), (full_b, full_a))]
    values = _number_features(text_a, text_b, pa, pb) | _date_features(text_a, text_b, pa, pb)
    values |= {
        "update_marker": float(bool(_UPDATE_RE.search(text_a) or _UPDATE_RE.search(text_b))),
        "negation_asymmetry": float(
            bool(_NEGATION_RE.search(text_a)) != bool(_NEGATION_RE.search(text_b))
        ),
        "denial": float(any(prop is not None for prop, _ in overlaps)),
        "denial_overlap": max(overlap for _, overlap in overlaps),
        "entity_mismatch": float(_entity_penalty(text_a, text_b) < 1.0),
    }
    return {name: float(values[name]) for name in FEATURE_NAMES}


# ---------------------------------------------------------------------------------------
# Input checks and formatting
# ---------------------------------------------------------------------------------------


def _check_text(text: object, name: str) -> str:
    if not isinstance(text, str):
        raise InputError(
            f"{name}={text!r} is a {type(text).__name__}; expected a str. "
            "Pass the sentence text (Sentence.content for a Sentence)."
        )
    return text


def _as_text(value: object, name: str, *, full: bool = False) -> str:
    if isinstance(value, Sentence):
        return value.text if full else value.content
    if isinstance(value, str):
        return value
    raise InputError(
        f"{name}={value!r} is a {type(value).__name__}; expected a Sentence or a str. "
        "Pass a Sentence from split_sentences() or the sentence text."
    )


def _check_published(value: object, name: str) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError as exc:
            raise InputError(
                f"{name}={value!r} is not an ISO date; expected 'YYYY-MM-DD' (a time part "
                "may follow). Pass Document(published='2024-03-14') or a datetime.date."
            ) from exc
    raise InputError(
        f"{name}={value!r} is a {type(value).__name__}; expected an ISO date string, a "
        "datetime.date or None."
    )


def _format_value(value: float, unit: str | None) -> str:
    if unit in _MONEY:
        amount = _plain(value)
        for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if abs(value) >= scale:
                amount = f"{_plain(value / scale)} {word}"
                break
        return f"{unit}{amount}" if len(unit) == 1 else f"{amount} {unit}"
    if unit == "%":
        return f"{_plain(value)}%"
    text = _plain(value)
    return text if unit is None or unit in _PERSON_NOUNS else f"{text} {unit}"


def _plain(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")
