"""Quantities: numbers with their unit, the thing counted and a qualifier, read from text."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from conflictscan._checks import _check_text, _wordset
from conflictscan.signals._dates import _GLUED_SUFFIXES, _date_matches
from conflictscan.signals._lexicon import (
    _BRIDGE_WORDS,
    _CATEGORY,
    _CHANGE_BEFORE,
    _CHANGE_FORMS,
    _CLAUSE_BREAKS,
    _CURRENCY,
    _DURATION_WORDS,
    _EDITION_LEADS,
    _GENERIC_PEOPLE,
    _LEVEL_BOUNDS,
    _MEASURE_UNITS,
    _MODIFIERS,
    _MONEY,
    _MONEY_ONLY,
    _MONEY_SCALES,
    _NEED_WORDS,
    _NUMBER_WORDS,
    _PARTICLE_VERBS,
    _PERCENT_LINKS,
    _PERSON_NOUNS,
    _PHYSICAL_UNITS,
    _QUALIFIERS_LONGEST_FIRST,
    _SCALE_WORDS,
    _STOPWORDS,
    _SUBSET_AFTER,
    _SUBSET_WORDS,
    _UNITS,
    _VAGUE,
    _ZERO_WORDS,
    _counted_later,
    _is_digit,
    _match_phrase,
    _Tok,
    _tokens,
)
from conflictscan.signals._measures import _compound_unit, _is_magnitude, _placed_by
from conflictscan.signals._quantity import Quantity
from conflictscan.signals._shares import share_at
from conflictscan.signals._sizes import _is_margin, _is_whole_of_part, _sized_noun
from conflictscan.signals._terms import _term_span
from conflictscan.signals._unharmed import unharmed_at

logger = logging.getLogger(__name__)

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
    phrase = _compound_unit(toks, end)
    if phrase is not None:
        return phrase
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
    if unit == "%" and tol == 0.0 and value == int(value):
        tol = _HALF_STEP  # "5 percent" may be 5.2 rounded: a share is rarely exact
    qualifier, qstart = _qualifier_before(toks, first)
    if qualifier is None and first > 0 and toks[first - 1].low == "magnitude":
        qualifier, lead = _qualifier_before(toks, first - 1)  # "around magnitude 6"
        qstart = first if qualifier is None else lead
    if toks[i].low in _VAGUE:
        qualifier = "at least"
    upper = _range_end(toks, end, qualifier, value, unit if end > read[1] else None)
    if upper is not None:
        (upper_value, end, upper_unit), qualifier = upper, "between"
        unit = unit or upper_unit
    return _Number(value, qstart, end, unit, tol, qualifier, upper_value if upper else None)


def _range_end(
    toks: tuple[_Tok, ...],
    end: int,
    qualifier: str | None,
    low: float,
    first_unit: str | None = None,
) -> tuple[float, int, str | None] | None:
    """Upper end of "forty to fifty", "10–12" or "between 10 and 12": value, end, unit.

    When the first number names its unit, the second must name the same one: "rose 8
    percent to 2.4 billion" is a change and a level, not a range. A range ascends from
    ``low``: "The vote was 31 to 24" and "won 3 to 1" are scores.
    """
    joiners = ("and",) if qualifier == "between" else ("to", "–", "—")
    if end + 1 >= len(toks) or toks[end].low not in joiners:
        return None
    read = _read_number(toks, end + 1)
    if read is None or read[0] <= low:
        return None
    unit, stop = _unit_after(toks, read[1])
    if first_unit is not None and unit != first_unit:
        return None
    return read[0], stop, unit


# ---------------------------------------------------------------------------------------
# What a number counts
# ---------------------------------------------------------------------------------------


def _category_of(word: str, unit: str | None) -> str | None:
    if word in _MONEY_ONLY and unit not in ("$", "£", "€"):
        return None
    if word in _MEASURE_UNITS and unit not in _MEASURE_UNITS[word]:
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
            if k + 1 < len(toks) and (_is_digit(toks[k + 1]) or toks[k + 1].low in _NUMBER_WORDS):
                break  # "60 firefighters and 14 engines": a second count follows
            return None, unit  # "200 soldiers and volunteers" counts a mixed group
        if tok.low in _CLAUSE_BREAKS or _is_digit(tok):
            break
        if tok.low in _PERSON_NOUNS and unit is None:
            unit = "people" if tok.low in _GENERIC_PEOPLE else tok.low
        elif _category_of(tok.low, unit):
            return _main_verb_after(toks, k) or _with_modifier(toks, k), unit
        elif _match_phrase(toks, k, ("on", "board")) and unit is not None:
            return "aboard", unit
        elif (k == end or (first == toks[k - 1].low and _plural(tok))) and _is_generic_head(tok):
            first = tok.low  # a plural after a modifier: "two earlier approaches"
        elif tok.low.endswith("ed") and k > end and toks[k - 1].low in _BRIDGE_WORDS:
            return _with_modifier(toks, k), unit
        elif tok.low not in _BRIDGE_WORDS | _MODIFIERS and not _skippable(tok, k, end):
            break
    # "5,000 troops were deployed": the group itself is what is counted.
    return (first or (unit if unit in _CATEGORY else None)), unit


def _plural(tok: _Tok) -> bool:
    """A plural noun that can head what is counted ("members" in "crew members" cannot)."""
    return tok.low.endswith("s") and not tok.low.endswith("ss") and tok.low != "members"


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
        # "arrested and charged ... were released" goes on; "died and dozens were
        # injured" starts a new clause with its own subject.
        if toks[j].low == "and" and not toks[j + 1].low.endswith(("ed", "ly")):
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
    # "had fallen to 6.5 percent" names a level, like "stood at 6.5 percent".
    linked = first > 0 and (
        toks[first - 1].low in _PERCENT_LINKS
        or (first > 1 and toks[first - 1].low == "to" and toks[first - 2].low in _CHANGE_FORMS)
        or _level_after_change(toks, first)
    )
    for k in range(first - 1, -1 if toll else max(first - 6, -1), -1):
        tok = toks[k]
        if tok.low in _CLAUSE_BREAKS:
            return None
        if toll and tok.low == "toll":
            return _with_modifier(toks, k)
        if _category_of(tok.low, unit) and k >= first - 5:
            return _with_modifier(toks, k)
        if unit == "%" and (tok.low in _PERCENT_LINKS or (linked and tok.low == "to")):
            continue
        if unit == "%" and _in_named_place(toks, k):
            continue  # "turnout in Ardwick stood at 61.4 percent" measures turnout
        if unit == "%" and tok.text.isalpha() and tok.low not in _STOPWORDS | _CHANGE_FORMS:
            level = k < first - 1 or _level_after_change(toks, first)
            return tok.low if linked and level else None
    return _put_at(toks, first) if unit is None else None


_PUT_VERBS = _wordset("put puts putting estimated estimates estimating placed places placing")


def _put_at(toks: tuple[_Tok, ...], first: int) -> str | None:
    """ "put last year's admissions at fewer than 100,000": the noun before "at", when a
    verb of estimating leads the clause to it."""
    if first < 3 or toks[first - 1].low != "at" or not _is_generic_head(toks[first - 2]):
        return None
    noun = toks[first - 2]
    if noun.low.endswith("ed"):
        return None  # "put the number to be freed at 17": no noun before "at"
    for k in range(first - 3, max(first - 10, -1), -1):
        if toks[k].low in _CLAUSE_BREAKS:
            return None
        if toks[k].low in _PUT_VERBS:
            return noun.low
    return None


def _in_named_place(toks: tuple[_Tok, ...], k: int) -> bool:
    """Whether token ``k`` is part of a capitalised name after "in" or "across"."""
    j = k
    while j > 0 and toks[j].text[:1].isupper():
        j -= 1
    return j < k and toks[j].low in ("in", "across")


def _level_after_change(toks: tuple[_Tok, ...], first: int) -> bool:
    """True for a bound right after a change verb: "fell below 5 percent" names a level."""
    return 0 < first < len(toks) and (
        toks[first - 1].low in _CHANGE_FORMS and toks[first].low in _LEVEL_BOUNDS
    )


def _counts_subset(toks: tuple[_Tok, ...], num: _Number) -> bool:
    """True for "including 12", "another 12", "12 more" and changes ("rose 5%")."""
    before = toks[num.first - 1].low if num.first > 0 else ""
    after = toks[num.last].low if num.last < len(toks) else ""
    if before in _MONEY_ONLY and num.unit in _MONEY:
        return False  # "lost $58m" is a loss, not a change
    if before == "by" and num.first > 1:  # "rose by 5%", but not "approved by 88 votes"
        before = toks[num.first - 2].low
    if _level_after_change(toks, num.first) or _placed_by(toks, num.last, num.unit):
        return False  # "fell below 5 percent" is a level, "sank 12 miles off" a place
    if before in ("down", "up") and num.first > 1 and toks[num.first - 2].low in _PARTICLE_VERBS:
        return False  # "turned down three approaches" counts approaches
    if before in _NEED_WORDS or _remainder(toks, num.last):
        return True  # "needed 91 votes to pass", "with 13 games left to play": no tally
    return before in _SUBSET_WORDS | _CHANGE_BEFORE or after in _SUBSET_AFTER


def _remainder(toks: tuple[_Tok, ...], last: int) -> bool:
    """ "13 games left to play", "with 13 games remaining": what is left of a whole."""
    window = [t.low for t in toks[last : last + 4]]
    return "remaining" in window[:3] or any(
        w == "left" and nxt == "to" for w, nxt in zip(window, window[1:], strict=False)
    )


def _is_compound(toks: tuple[_Tok, ...], num: _Number) -> bool:
    """True for numbers inside compounds: "30-year-old", "COVID-19", "F-16"."""
    after = toks[num.last] if num.last < len(toks) else None
    if after is not None and after.text == "-" and after.start == toks[num.last - 1].end:
        return True
    before = toks[num.first - 1] if num.first > 0 else None
    # A spaced dash opens a clause ("CALVARRE, May 14 (Wire) - Four armed men…").
    return before is not None and before.text == "-" and before.end == toks[num.first].start


# ---------------------------------------------------------------------------------------
# Quantities
# ---------------------------------------------------------------------------------------


def _prison_term(text: str, toks: tuple[_Tok, ...], num: _Number) -> Quantity | None:
    """A prison term in years ("sentenced to six years", "a two-year suspended sentence")."""
    span = _term_span(text, toks, num.first, num.last) if num.unit is None else None
    if span is None:
        return None
    years, end_tok = span
    start, end = toks[num.first].start, toks[end_tok - 1].end
    upper = num.upper * years if num.upper is not None else None
    return Quantity(
        value=num.value * years, unit="years", what="prison term", category="prison term",
        qualifier=num.qualifier, start=start, end=end, text=text[start:end],
        tolerance=num.tolerance * years, upper=upper,
    )  # fmt: skip


_SPAN_UNITS = frozenset(("hour", "day", "week", "month", "year"))


def _span_compound(text: str, toks: tuple[_Tok, ...], num: _Number) -> Quantity | None:
    """A length of time that sizes a noun: "a 48-hour strike", "a three-year contract".

    Ages ("30-year-old") and other compounds ("COVID-19") are no quantity.
    """
    k = num.last
    if k + 2 >= len(toks) or toks[k].text != "-" or num.qualifier == "between":
        return None
    unit, noun = toks[k + 1], toks[k + 2]
    glued = toks[k].start == toks[k - 1].end and unit.start == toks[k].end
    if not glued or unit.low not in _SPAN_UNITS or not _is_generic_head(noun):
        return None
    if noun.low in _SPAN_UNITS or noun.low in ("old", "high", "low"):
        return None
    start, end = toks[num.first].start, toks[k + 1].end
    return Quantity(
        value=num.value, unit=unit.low, what=noun.low, category=noun.low,
        qualifier=num.qualifier, start=start, end=end, text=text[start:end],
    )  # fmt: skip


def _make_quantity(text: str, toks: tuple[_Tok, ...], num: _Number) -> Quantity | None:
    """The quantity for a number phrase, or ``None`` for compounds, parts and changes."""
    magnitude = num.unit is None and _is_magnitude(toks, num.first, num.last, num.value)
    term = _prison_term(text, toks, num)
    if term is not None and not _counts_subset(toks, num):
        return term
    if not magnitude and _is_compound(toks, num):
        return _span_compound(text, toks, num)
    if (
        _counts_subset(toks, num)
        or _is_whole_of_part(toks, num.first)
        or _is_margin(toks, num.first)
    ):
        return None
    what, unit = ("magnitude", None) if magnitude else _head_after(toks, num.last, num.unit)
    what = what and _sized_noun(toks, num.first, what)  # "a crowd of 61,000 watched"
    if what is None and unit == "passengers":
        what = "aboard"  # "the plane had 143 passengers and six crew"
    after = toks[num.last].low if num.last < len(toks) else ""
    if what is None and unit is None and after in _DURATION_WORDS:
        unit = after.rstrip("s")  # "in two years", "left in under 40 minutes": a span of time
    elif what is None or (unit in _PHYSICAL_UNITS and what not in _MEASURE_UNITS):
        what = _head_before(toks, num.first, unit) or _sized_noun(toks, num.first, what)
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
        people = low in _PERSON_NOUNS and unit is None
        if _category_of(low, None) and not (people and _counted_later(toks, k)):
            break
        if people:
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
    if i > 0 and toks[i - 1].low in _EDITION_LEADS and re.fullmatch(r"(?:19|20)\d\d", tok.text):
        return True  # "the 2019 epidemic": a year, not 2,019 epidemics
    glued = i > 0 and toks[i - 1].end == tok.start
    return glued and (toks[i - 1].text.isalnum() or toks[i - 1].text in (":", "."))


@lru_cache(maxsize=4096)
def _quantities(text: str) -> tuple[Quantity, ...]:
    toks, out, i = _tokens(text), [], 0
    date_spans = [(m.start, m.end) for m in _date_matches(text)]
    while i < len(toks):
        zero = _zero_at(text, toks, i) or unharmed_at(text, toks, i) or share_at(text, toks, i)
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
    "about", "up to", "nearly", "exactly"), vague plurals ("dozens" reads as at least 20),
    polarity zeros ("no one was hurt" -> 0 hurt, "nobody died" -> 0 died) and shares written
    as fractions ("about half of the staff" -> about 50%, "one in five"). Years,
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
