"""Swap checks: do two claims say the same thing once one clashing value is made equal?

Input: two claim texts (and their documents' publication dates). Output: :class:`Swap`
items, each the second claim rewritten with the first claim's value in place of its own
("confirmed in June" -> "confirmed in March"), for the scanner to send to the NLI model
next to the pair itself; and :func:`swap_evidence`, which turns the model's reading of the
rewritten pair into date, numeric or place :class:`~conflictscan.Evidence`.

Why: the date and number rules attach a value to the event it belongs to from the words
around it, and real sentences keep finding wordings the rules have not seen ("The first
case ... was confirmed in March" / "... in June"; "passed away on August 3"). The NLI
model reads the whole sentence instead. If the two claims entail each other once the one
value that differs is the same on both sides, the value is the only thing they disagree
on: they are one report with two values, a conflict. Two reports of a state at two
moments ("20 percent contained as of Tuesday" / "65 percent contained on Thursday") differ
in more than one value, so no single swap makes them agree, and parallel facts about two
things ("Inflation in the euro zone eased to 2.2%" / "Inflation in Britain rose to 2.6%")
differ in more than the number.

A swap is only proposed when each claim has exactly one value of the kind (one event date,
one figure or tally, one age, one set of places) once the values both claims write alike
are set aside ("closes next month" on both sides, "2,000 jobs" on both), so which value
stands for which is never a guess; when the two values cannot both be true
(:func:`~conflictscan.signals._timing._date_clash`, non-overlapping number intervals, places
apart); and not for dates that only date a statement ("said on Monday") or name an
event the claim mentions ("Saturday's final"), nor for figures of two counted things
("1,100 jobs" / "400 workers") or of a total against a rate ("1.5 billion over three
years" / "500 million a year"), or of parts against their sum ("$30,000 and a further
$10,000 bonus" / "totals $40,000"), in update wording ("rose to", "so far") or dated at
different times, which count different moments.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TypeVar

from conflictscan._types import Evidence, PairScore, Sentence
from conflictscan.signals._ages import SWAP_FORMS, age_agreeing_swap, exact_ages
from conflictscan.signals._dates import _REPORTING, DateMention, _dates
from conflictscan.signals._durations import equal_span_swap
from conflictscan.signals._lexicon import (
    _PERSON_NOUNS,
    _RATE_RE,
    _UPDATE_RE,
    _is_digit,
    _tokens,
)
from conflictscan.signals._numbers import Quantity, _quantities
from conflictscan.signals._regions import _apart, _one_place
from conflictscan.signals._subjects import subject
from conflictscan.signals._timing import _date_clash, _event_key, _span_edge
from conflictscan.signals._units import convertible, in_unit, is_measure
from conflictscan.signals._wholes import adds_up, told_as_part

SWAP_KINDS = ("date", "numeric", "place")
"""Evidence kinds a swap can give."""
SWAP_MIN_ENTAILMENT = 0.5
"""Entailment (the weaker of the two directions) of the rewritten pair from which a swap
counts as evidence: below it the claims differ in more than the swapped value."""
AGREE_MAX_CONTRADICTION = 0.25
"""P(contradiction), in both directions, below which an agreeing swap's rewritten pair
reads as no clash (:func:`agreement`)."""
_V = TypeVar("_V")
_LEAD_WORDS = frozenset(("on", "in", "at", "late", "early", "by", "last", "this"))
_PASSIVE_AUX = frozenset(("was", "were", "is", "are", "been", "be", "being"))


@dataclass(frozen=True, slots=True)
class Swap:
    """The second claim rewritten with the first claim's value.

    Args:
        kind: ``"date"``, ``"numeric"`` or ``"place"`` (the evidence kind it can give), or
            ``"agree"`` for :func:`agreeing_swap`.
        a_value: The value as the first claim writes it.
        b_value: The value as the second claim writes it.
        text: The second claim with ``b_value`` replaced by ``a_value``.
        against: The claim ``text`` is read against, when it is not the first claim: an
            agreeing swap of ages rewrites whichever claim gives a span of years
            (:func:`~conflictscan.signals._ages.age_agreeing_swap`).
    """

    kind: str
    a_value: str
    b_value: str
    text: str
    against: str = ""


def _dates_a_statement(text: str, mention: DateMention) -> bool:
    """ "said on Monday", "told reporters on Friday": the date is when something was said.
    A passive reporting verb dates the event it names ("the first case was confirmed in
    March")."""
    before = [t for t in _tokens(text) if t.end <= mention.start][-5:]
    words = [t.low for t in before if t.low not in _LEAD_WORDS and not t.low.endswith("ly")]
    if not words or words[-1] not in _REPORTING:
        return False
    return len(words) < 2 or words[-2] not in _PASSIVE_AUX


_POSSESSIVE = ("'s", "’s")


def _owned(text: str, mention: DateMention) -> bool:
    """ "Saturday's final": the date names an event the claim mentions, not when the claim
    happened."""
    after = text[mention.end : mention.end + 2]
    return mention.text.endswith(_POSSESSIVE) or after in _POSSESSIVE


@lru_cache(maxsize=4096)
def _event_dates(text: str, published: date | None) -> tuple[DateMention, ...]:
    """Dates of what the claim reports (read once per text: a scan asks for every pair)."""
    return tuple(
        m
        for m in _dates(text, published)
        if not _dates_a_statement(text, m) and not _owned(text, m) and not _span_edge(text, m)
    )


def _unshared(
    xs: Sequence[_V], ys: Sequence[_V], key: Callable[[_V], object]
) -> tuple[list[_V], list[_V]]:
    """The values of each side that the other side does not also write (by ``key``)."""
    kx, ky = {key(x) for x in xs}, {key(y) for y in ys}
    return [x for x in xs if key(x) not in ky], [y for y in ys if key(y) not in kx]


def _date_key(mention: DateMention) -> str:
    return " ".join(mention.text.lower().split())


def _date_swap(a: str, b: str, pa: date | None, pb: date | None) -> Swap | None:
    da, db = _unshared(_event_dates(a, pa), _event_dates(b, pb), _date_key)
    if len(da) != 1 or len(db) != 1 or _date_clash(da[0], db[0]) <= 0:
        return None
    x, y = da[0], db[0]
    keys = {_event_key(m.event) for m in (x, y) if m.event}
    if len(keys) == 2 and keys & _PHASES:
        return None  # "went on strike in March" / "the strike ended in April": two events
    return Swap("date", x.text, y.text, b[: y.start] + x.text + b[y.end :])


_PHASES = frozenset({"start", "end"})
"""Event keys of a beginning or an end: dated against any other event, two events."""


_TALLY_RE = re.compile(
    r"(?<![\d.,:/–-])(\d{1,3})(?:\s*[-–]\s*|\s+votes?\s+to\s+)(\d{1,3})(?![\d.,:/–-])",
    re.IGNORECASE,
)
"""A vote tally or a score: "61-39", "2–1", "312 votes to 140"."""
_FRACTION_WORDS = frozenset(("half", "quarter", "third", "thirds", "quarters", "fifth"))


@lru_cache(maxsize=4096)
def _figures(text: str) -> tuple[Quantity, ...]:
    return tuple(q for q in _quantities(text) if not q.is_zero)


def _figure_key(quantity: Quantity) -> tuple[float, float | None, str | None]:
    """A figure's value, with its unit when that is a unit of measure: "3 miles" and "3 km"
    are two figures, and so are "2 km" and "2,000 metres" (compared once converted)."""
    return (quantity.value, quantity.upper, quantity.unit if is_measure(quantity.unit) else None)


def _part_of_fraction(text: str, quantity: Quantity) -> bool:
    """ "half a billion": the figure read is only the tail of what is written."""
    before = [t.low for t in _tokens(text[: quantity.start])][-1:]
    return bool(before) and before[0] in _FRACTION_WORDS


def _times_differ(a: str, b: str) -> bool:
    """Both claims carry dates (statement dates and "as of" too) and none can coincide:
    their figures may count different moments ("20 percent contained as of Tuesday" /
    "said on Thursday it was 65 percent contained")."""
    da, db = _dates(a, None), _dates(b, None)
    return bool(da and db) and all(_date_clash(x, y) > 0 for x in da for y in db)


def _counted_in(quantity: Quantity, other: str) -> bool:
    """The other claim names what ``quantity`` counts (or nothing is named)."""
    words = {t.low for t in _tokens(other)}
    named = [w for w in (quantity.category, quantity.what) if w]
    return not named or any(set(w.lower().split()) <= words for w in named)


@lru_cache(maxsize=4096)
def _written_numbers(text: str) -> frozenset[float]:
    """Every number written in digits in ``text`` ("including 18 in the fourth quarter")."""
    return frozenset(float(t.text.replace(",", "")) for t in _tokens(text) if _is_digit(t))


def _tally_key(found: re.Match[str]) -> tuple[int, int]:
    return int(found[1]), int(found[2])


def _tally_swap(a: str, b: str) -> Swap | None:
    """One tally or score each ("passed 61-39", "by 55 votes to 45"), different once those
    both write alike are set aside, and not one result told from either side ("3-1" /
    "1-3"): ``b``'s tally rewritten with ``a``'s numbers in ``b``'s format."""
    ta, tb = _unshared(list(_TALLY_RE.finditer(a)), list(_TALLY_RE.finditer(b)), _tally_key)
    if len(ta) != 1 or len(tb) != 1 or sorted(_tally_key(ta[0])) == sorted(_tally_key(tb[0])):
        return None
    x, y = ta[0], tb[0]
    rewritten = b[: y.start(1)] + x[1] + b[y.end(1) : y.start(2)] + x[2] + b[y.end(2) :]
    return Swap("numeric", x[0], y[0], rewritten)


def _same_unit(x: Quantity, y: Quantity) -> bool:
    """One unit (or two units of one measure), or people counted once as people and once
    as a group of them ("10,000 people" / "8,500 residents")."""
    if x.unit == y.unit or convertible(x.unit, y.unit):
        return True  # "2 km" / "2,000 metres": one measure, converted before comparing
    return {x.unit, y.unit} <= _PERSON_NOUNS and "people" in (x.unit, y.unit)


def _figures_comparable(a: str, b: str, whole: tuple[str, str]) -> bool:
    """Neither claim in update wording, not dated at different times, and not a total
    against a rate ("1.5 billion over three years" / "500 million a year")."""
    if _UPDATE_RE.search(a) or _UPDATE_RE.search(b) or _times_differ(*whole):
        return False
    return bool(_RATE_RE.search(a)) == bool(_RATE_RE.search(b))


def _own_figures(a: str, b: str) -> tuple[list[Quantity], list[Quantity]]:
    """Each claim's figures that the other does not also write, as a figure or not: a
    figure written on both sides is no value of its own."""
    qa, qb = _unshared(_figures(a), _figures(b), _figure_key)
    return [q for q in qa if _own_value(q, b)], [q for q in qb if _own_value(q, a)]


def _one_figure_each(a: str, b: str, whole: tuple[str, str]) -> tuple[Quantity, Quantity] | None:
    """The one figure of each claim that the other does not also write, in one unit and
    counting one thing, or None (see the module docstring for what rules a pair out)."""
    qa, qb = _own_figures(a, b)
    if len(qa) != 1 or len(qb) != 1:
        return None
    x, y = qa[0], qb[0]
    if not _same_unit(x, y) or _part_of_fraction(a, x) or _part_of_fraction(b, y):
        return None
    same_count = x.category is not None and x.category == y.category  # "killed" / "died"
    if not same_count and (not _counted_in(x, b) or not _counted_in(y, a)):
        return None  # "1,100 jobs" / "about 400 of the workers": two counted things
    return x, y


def _named_in(quantity: Quantity, other: str) -> bool:
    """The other claim names the thing ``quantity`` counts (something must be named)."""
    return bool(quantity.category or quantity.what) and _counted_in(quantity, other)


def _one_figure_named(a: str, b: str) -> tuple[Quantity, Quantity] | None:
    """One figure of its own in one claim, several in the other: the other's one figure
    that counts a thing the first claim names, when only one does ("14,200 runners had
    started the race" / "14,212 runners started the race and 13,487 finished")."""
    qa, qb = _own_figures(a, b)
    if len(qa) == 1 and len(qb) > 1 and _counted_in(qa[0], b):
        found = [y for y in qb if _named_in(y, a) and _same_unit(qa[0], y)]
        return (qa[0], found[0]) if len(found) == 1 else None
    if len(qb) == 1 and len(qa) > 1 and _counted_in(qb[0], a):
        found = [x for x in qa if _named_in(x, b) and _same_unit(x, qb[0])]
        return (found[0], qb[0]) if len(found) == 1 else None
    return None


def _own_value(quantity: Quantity, other: str) -> bool:
    """The other claim does not write the figure's number, or writes it only in another
    unit of the same measure ("3 miles" / "3 km": two lengths)."""
    if quantity.value not in _written_numbers(other):
        return True
    return any(
        q.value == quantity.value and convertible(q.unit, quantity.unit) for q in _figures(other)
    )


def _overlap(x: Quantity, y: Quantity) -> bool:
    """Whether two figures can both be true, ``x`` first restated in ``y``'s unit."""
    return in_unit(x, y.unit).overlaps(y)


def _number_swap(a: str, b: str, whole: tuple[str, str]) -> Swap | None:
    if not _figures_comparable(a, b, whole) or told_as_part(a, b) or adds_up(a, b):
        return None  # "31 on the first night alone" is no other figure for "85 arrests"
    if _TALLY_RE.search(a) and _TALLY_RE.search(b):
        return _tally_swap(a, b)
    found = _one_figure_each(a, b, whole)
    if found is None or _overlap(*found):
        return None
    x, y = found
    return Swap("numeric", x.text, y.text, b[: y.start] + x.text + b[y.end :])


def _age_swap(a: str, b: str) -> Swap | None:
    """One age each, different, written in any of the forms ("The 34-year-old was
    arrested" / "The suspect, 47, was arrested"): ``b`` with ``a``'s age in ``b``'s form.
    The number reader leaves "34-year-old" out, so the figure swap does not see it."""
    ages_a, ages_b = exact_ages(a, SWAP_FORMS), exact_ages(b, SWAP_FORMS)
    if len(ages_a) != 1 or len(ages_b) != 1 or ages_a[0].words == ages_b[0].words:
        return None
    x, y = ages_a[0], ages_b[0]
    return Swap("numeric", x.words, y.words, b[: y.start] + x.words + b[y.end :])


@lru_cache(maxsize=4096)
def agreeing_swap(a: str, b: str, *, whole: tuple[str, str] | None = None) -> Swap | None:
    """``b`` with its one figure written as ``a`` writes it, when the two figures can both
    be true ("234 people attended" read as "more than 200 people attended"), or None.

    If the model then reads no contradiction between the two claims either way, what it
    read as a clash was the figures, and those agree: the claims agree, however the model
    read them with their own figures (:func:`agreement`). Kind ``"agree"``. One person's
    age given as a span of years and as an age inside it ("a woman in her 40s" / "a
    45-year-old woman") is written alike the other way round: the span is rewritten as
    "aged 45", and read against the other claim (``against``). One span of time written in
    two units ("120 minutes" / "two hours") is rewritten in the first claim's words
    (:func:`~conflictscan.signals._durations.equal_span_swap`). When one claim has one
    figure of its own and the other several, the other's one figure that counts a thing
    the first claim names is taken ("14,200 runners had started the race" / "14,212
    runners started the race and 13,487 finished").

    Example:
        >>> agreeing_swap("More than 200 people attended the vigil.",
        ...               "Some 234 people attended the candlelit vigil.").text
        'More than 200 people attended the candlelit vigil.'
    """
    whole = whole or (a, b)
    ages = age_agreeing_swap(a, b)
    if ages is not None:
        return Swap("agree", *ages)
    spans = equal_span_swap(a, b)
    if spans is not None:
        return Swap("agree", *spans)
    if (_TALLY_RE.search(a) and _TALLY_RE.search(b)) or not _figures_comparable(a, b, whole):
        return None
    found = _one_figure_each(a, b, whole) or _one_figure_named(a, b)
    if found is None or not _overlap(*found):
        return None
    x, y = found
    return Swap("agree", x.text, y.text, b[: y.start] + x.text + b[y.end :])


def agreement(a: str, swap: Swap | None, scores: Mapping[tuple[str, str], PairScore]) -> float:
    """1.0 when the model reads no contradiction between ``a`` and the
    :func:`agreeing_swap` rewrite in either direction (P(contradiction) of each below
    :data:`AGREE_MAX_CONTRADICTION`), else 0.0. One claim may say more than the other
    ("the candlelit vigil"), so entailment is not asked for."""
    if swap is None:
        return 0.0
    a = swap.against or a
    forward, backward = scores.get((a, swap.text)), scores.get((swap.text, a))
    if forward is None or backward is None:
        return 0.0
    return float(max(forward.contradiction, backward.contradiction) < AGREE_MAX_CONTRADICTION)


def _name_spans(text: str, names: Sequence[str]) -> list[tuple[int, int]] | None:
    """Where each lower-cased place name stands in ``text``, in text order; None when one
    is not found as written or two overlap."""
    spans = []
    for name in names:
        pattern = r"(?<!\w)" + r"\W{1,3}".join(map(re.escape, name.split())) + r"(?!\w)"
        found = re.search(pattern, text, re.IGNORECASE)
        if found is None:
            return None
        spans.append(found.span())
    spans.sort()
    if any(x[1] > y[0] for x, y in zip(spans, spans[1:], strict=False)):
        return None
    return spans


def _place_swap(a: str, b: str) -> Swap | None:
    """The places of the claims' main action in one role ("in"/"at", "to", "from"), set
    aside the names both write, when what is left cannot be one place: "will be played at
    Memorial Stadium in Bristow" / "will be held at Kessler Field in Alton". Whether the
    two claims tell of one event is left to the model's reading of the rewrite."""
    sa, sb = subject(a), subject(b)
    if sa is None or sb is None:
        return None
    for role in sorted({r for r, _ in sa.places} & {r for r, _ in sb.places}):
        here, there = _unshared(
            sorted(p for r, p in sa.places if r == role),
            sorted(p for r, p in sb.places if r == role),
            str,
        )
        if not here or len(here) != len(there):
            continue
        if any(_one_place(x, y) for x in here for y in there):
            continue
        if not any(_apart(x, y) for x in here for y in there):
            continue
        spans_a, spans_b = _name_spans(a, here), _name_spans(b, there)
        if spans_a is None or spans_b is None:
            continue
        text = b
        for (start, end), (x, y) in reversed(list(zip(spans_b, spans_a, strict=True))):
            text = text[:start] + a[x:y] + text[end:]
        written_a = ", ".join(a[x:y] for x, y in spans_a)
        written_b = ", ".join(b[x:y] for x, y in spans_b)
        return Swap("place", written_a, written_b, text)
    return None


def swaps(
    a: str,
    b: str,
    published_a: date | None = None,
    published_b: date | None = None,
    *,
    whole: tuple[str, str] | None = None,
) -> list[Swap]:
    """The rewrites of ``b`` worth reading against ``a`` (at most one per kind).

    Args:
        a: First claim.
        b: Second claim.
        published_a: Publication date of ``a``'s document (resolves "yesterday").
        published_b: Publication date of ``b``'s document.
        whole: Each claim with its attribution (:func:`with_attribution`), when the
            claims were split from sentences: a date there ("Firefighters said on Thursday
            the fire was 65 percent contained") still times the claim's figure.

    Returns:
        Swaps in :data:`SWAP_KINDS` order; empty when no single value clashes.

    Example:
        >>> [s.text for s in swaps("It closed in March.", "It closed in June.")]
        ['It closed in March.']
    """
    found = (
        _date_swap(a, b, published_a, published_b),
        _number_swap(a, b, whole or (a, b)) or _age_swap(a, b),
        _place_swap(a, b),
    )
    return [s for s in found if s is not None]


def with_attribution(sentence: Sentence) -> str:
    """The claim and its attribution, without the dateline: the text whose dates time the
    claim (a dateline only says when the article appeared)."""
    content = sentence.content
    return f"{content} {sentence.attribution}" if sentence.attribution else content


def swap_requests(a: str, b: str, found: list[Swap]) -> list[tuple[str, str]]:
    """The ordered pairs the model must read for ``found``: ``a -> b'`` and ``b' -> a``."""
    return [r for s in found for r in ((s.against or a, s.text), (s.text, s.against or a))]


def swap_evidence(
    a: str, found: list[Swap], scores: Mapping[tuple[str, str], PairScore]
) -> list[Evidence]:
    """Date, numeric or place evidence from swaps whose rewritten pair entails both ways.

    The strength is the weaker direction's P(entailment) of ``a`` against the rewritten
    ``b``: how sure the model is that the swapped value is all the two claims differ in.
    """
    out = []
    for s in found:
        forward, backward = scores.get((a, s.text)), scores.get((s.text, a))
        if forward is None or backward is None:
            continue
        strength = min(forward.entailment, backward.entailment)
        if strength < SWAP_MIN_ENTAILMENT:
            continue
        note = (
            f"the claims agree once {s.b_value!r} reads {s.a_value!r} "
            f"(P(entailment) {forward.entailment:.2f} / {backward.entailment:.2f})"
        )
        out.append(Evidence(s.kind, s.a_value, s.b_value, round(strength, 3), note))
    return out
