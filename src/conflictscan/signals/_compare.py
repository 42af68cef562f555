"""Comparing two sentences: numeric, date, denial, place and state evidence.

Input: two :class:`~conflictscan.Sentence` objects (or plain strings) and optional
publication dates. Output: ``list[Evidence]`` (:func:`compare`). The combiner's features
of a pair are read in :mod:`conflictscan.signals._features`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from conflictscan._checks import _as_text, _check_published
from conflictscan._types import Evidence, Sentence
from conflictscan.signals._affiliations import affiliation_evidence
from conflictscan.signals._ages import age_evidence
from conflictscan.signals._anchors import tied, undergone
from conflictscan.signals._bail import bail_evidence
from conflictscan.signals._causes import cause_evidence
from conflictscan.signals._changes import _changes
from conflictscan.signals._dates import _dates
from conflictscan.signals._denials import _denial_evidence
from conflictscan.signals._directions import direction_evidence
from conflictscan.signals._durations import in_days, one_duration
from conflictscan.signals._edits import opposite_evidence
from conflictscan.signals._held import held_evidence
from conflictscan.signals._identities import identity_evidence
from conflictscan.signals._lexicon import (
    _ANOTHER_RE,
    _CATEGORY_NAMES,
    _CHANGE_BEFORE,
    _GENERIC_FACTOR,
    _OPPOSITE_SIGNS,
    _PERSON_NOUNS,
    _PHYSICAL_UNITS,
    _RATE_RE,
    _REVISION_RE,
    _STOPWORDS,
    _UPDATE_RE,
    _ZERO_COVERS,
    _tokens,
    earlier_year,
)
from conflictscan.signals._lone import lone_evidence
from conflictscan.signals._money import money_evidence
from conflictscan.signals._names import (
    _entity_penalty,
    _entity_words,
    _place_words,
    _proper_nouns,
)
from conflictscan.signals._negations import negation_evidence
from conflictscan.signals._numbers import Quantity, _quantities
from conflictscan.signals._order import order_evidence
from conflictscan.signals._places import place_evidence
from conflictscan.signals._precedents import precedent_evidence
from conflictscan.signals._predicates import predicate_evidence
from conflictscan.signals._proportions import share_evidence
from conflictscan.signals._quotes import quote_evidence
from conflictscan.signals._ranks import rank_evidence
from conflictscan.signals._roles import roles_evidence
from conflictscan.signals._routes import route_evidence
from conflictscan.signals._scene import scene_evidence
from conflictscan.signals._scores import score_evidence
from conflictscan.signals._sequence import sequence_evidence
from conflictscan.signals._sites import site_evidence
from conflictscan.signals._states import state_evidence
from conflictscan.signals._survival import survival_evidence
from conflictscan.signals._timing import (
    _date_evidence,
    _different_times,
    _happenings,
    _one_time,
    _other_editions,
    _report_timed,
)
from conflictscan.signals._unanimous import tally_evidence, unanimous_evidence
from conflictscan.signals._units import convertible, in_unit, one_measure
from conflictscan.signals._verdicts import verdict_evidence
from conflictscan.signals._wholes import _distinct_counts
from conflictscan.signals._winners import winner_evidence

# ---------------------------------------------------------------------------------------
# Comparing quantities
# ---------------------------------------------------------------------------------------


class _Pair(NamedTuple):
    qa: Quantity
    qb: Quantity


_SIZE_OF_RE = re.compile(r"\bof\s+$")


@lru_cache(maxsize=4096)
def _comparable(text: str) -> tuple[Quantity, ...]:
    """Quantities of ``text`` that can be totals.

    A count followed by a bare count ("six were killed on Monday and four on Tuesday",
    "30 dead, 12 of them children") is one part of a breakdown, so it is left out. A bare
    count after "of" sizes a noun ("820 jobs, a fifth of its workforce of about 4,300"),
    no breakdown, and nor is a measure named by its category followed by another length
    ("struck at a depth of 10 km, … felt 300 km away").
    """
    quantities = _quantities(text)
    bare = [
        p
        for p in quantities
        if p.category is None
        and not _SIZE_OF_RE.search(text[max(p.start - 12, 0) : p.start])
        and not _PART_RE.match(text, p.end)  # "seven killed, three of them in …": a part
    ]
    return tuple(
        q
        for k, q in enumerate(quantities)
        if q.is_zero
        or (q.category is not None and q.unit in _PHYSICAL_UNITS)
        or not any(p.unit in (None, q.unit) for p in bare if p.start > q.start)
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
    one_unit = _count_unit(qa) == _count_unit(qb) or convertible(qa.unit, qb.unit)
    return same_thing and one_unit and _modifiers(qa) == _modifiers(qb)


class _Frame(NamedTuple):
    """The wording around a quantity (see :func:`_same_frame`)."""

    words: frozenset[str]  # content words of the sentence outside the quantity
    left: tuple[str, ...]  # the two words just before it
    part: bool  # a count of part of a group ("two of the injured")


def _frame(text: str, quantity: Quantity) -> _Frame:
    before = [t.low for t in _tokens(text[: quantity.start]) if t.text[:1].isalnum()]
    after = [t.low for t in _tokens(text[quantity.end :]) if t.text[:1].isalnum()]
    content = frozenset(w for w in before + after if w not in _STOPWORDS and not w[0].isdigit())
    part = not quantity.is_zero and bool(_PART_RE.match(text, quantity.end))
    return _Frame(content, tuple(before[-2:]), part)


def _same_frame(qa: Quantity, fa: _Frame, qb: Quantity, fb: _Frame) -> bool:
    """Two counts in the same wording, so they count the same thing.

    Both name the same unit and counted noun, have the same two words before them, and
    the two sentences use the same content words once the numbers are left out: "About
    3,000 workers will lose their jobs" vs "About 300 workers will lose their jobs", or
    "a ransom of 2 million crowns" vs "a ransom of 200,000 crowns", even when the counted
    word is outside the built-in tables. "8 of the 11 members backed it" vs "3 of the 11
    members opposed it" (different verbs) and "40 paintings" vs "12 paintings in Kastra"
    (a part) are not framed alike.
    """
    if qa.is_zero or qb.is_zero or qa.category != qb.category:
        return False
    if qa.unit != qb.unit and not convertible(qa.unit, qb.unit):
        return False
    if qa.category is None and qa.unit is None and not (fa.part and fb.part):
        return False  # a bare number, unless both count part of a named group
    return fa.left == fb.left and fa.words == fb.words


def _group_frame(qa: Quantity, fa: _Frame, qb: Quantity, fb: _Frame) -> bool:
    """People counted once as people and once as a named group, in the same wording or in
    one of the built-in categories (killed, injured, aboard …).

    "Fewer than 100 people attended" vs "Some 80 residents attended": the group is part of
    the people, so the two agree unless the group outnumbers them (:func:`_group_score`):
    "more than 200 passengers were on board" vs "the ferry was carrying 85 people" clash.
    """
    if qa.is_zero or qb.is_zero or qa.category != qb.category:
        return False
    units = {_people(qa), _people(qb)}  # "a death toll of 12" counts people
    if len(units) == 1 or units - _PERSON_NOUNS or "people" not in units:
        return False
    return qa.category is not None or fa.words - _PERSON_NOUNS == fb.words - _PERSON_NOUNS


_PEOPLE_CATEGORIES = frozenset({"dead", "injured", "casualties", "missing", "arrested"})


def _people(quantity: Quantity) -> str | None:
    """The unit of a count, with a counted category of people and no unit read as people."""
    if quantity.unit is None and quantity.category in _PEOPLE_CATEGORIES:
        return "people"
    return quantity.unit


def _group_score(qa: Quantity, qb: Quantity) -> float:
    """0 when the named group can be part of the people counted, else the clash score."""
    people, group = (qa, qb) if _people(qa) == "people" else (qb, qa)
    return 0.0 if group.interval()[0] <= people.interval()[1] else _interval_score(qa, qb)


_PART_RE = re.compile(r"\s+of\s+(?:the|them|those|these|its|their|his|her|our)\b", re.IGNORECASE)


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
    if qa.overlaps(qb):
        return 0.0
    qualified = sum(q.qualifier not in (None, "exactly") for q in (qa, qb))
    # A share's rounding is convention ("62%"), so only rounded counts lower the score.
    rounded = qualified == 0 and any(q.tolerance > 0 and q.unit != "%" for q in (qa, qb))
    return (0.9, 0.7, 0.6)[qualified] - (0.1 if rounded else 0.0)


def _duration_score(qa: Quantity, qb: Quantity) -> float:
    days = in_days(qa, qb)
    return 0.0 if days is None else _interval_score(*days)


def _sign_score(qa: Quantity, qb: Quantity) -> float:
    if (qa.category, qb.category) not in _OPPOSITE_SIGNS:
        return 0.0
    mods = {_modifiers(qa), _modifiers(qb)}
    return 0.85 if len(mods) == 1 else 0.6 if "" in mods else 0.0


def _pair_score(qa: Quantity, qb: Quantity, updated: bool, framed: bool = False) -> float | None:
    """Conflict score for an aligned pair; ``None`` when the pair is not comparable.

    ``framed``: the two counts sit in the same wording (:func:`_same_frame`).
    """
    if qa.is_zero or qb.is_zero:
        zero, other = (qa, qb) if qa.is_zero else (qb, qa)
        return (
            (0.9 if zero.category == other.category else 0.8) if _zero_clash(zero, other) else None
        )
    signed = _sign_score(qa, qb) and _count_unit(qa) == _count_unit(qb)
    if not framed and not _aligned(qa, qb) and not signed:
        return None
    if qa.category != qb.category:
        return _sign_score(qa, qb)
    # "2 km" / "200 metres": one length, compared in one unit
    return 0.0 if updated else _interval_score(in_unit(qa, qb.unit), qb)


@lru_cache(maxsize=4096)
def _numeric_pairs(text_a: str, text_b: str, updated: bool):
    """Scored pairs; a quantity matched by any compatible counterpart is never flagged.

    Cached: a scan asks for the same pair's numbers for its evidence and its features.
    """
    qas, qbs = _comparable(text_a), _comparable(text_b)
    fas, fbs = [_frame(text_a, q) for q in qas], [_frame(text_b, q) for q in qbs]
    framed = {
        (id(qa), id(qb))
        for qa, fa in zip(qas, fas, strict=True)
        for qb, fb in zip(qbs, fbs, strict=True)
        if _same_frame(qa, fa, qb, fb)
    }
    parts = {id(q) for q, f in zip(qas + qbs, fas + fbs, strict=True) if f.part}
    grouped = [
        (qa, qb, _group_score(qa, qb))
        for qa, fa in zip(qas, fas, strict=True)
        for qb, fb in zip(qbs, fbs, strict=True)
        if _group_frame(qa, fa, qb, fb)
    ]
    known = framed | {(id(qa), id(qb)) for qa, qb, _ in grouped}
    # "84,300 students sat the exam" / "79,000 students took the exam": tied by the parse;
    # "The airline cancelled 200 flights" / "37 flights were cancelled": one act, two voices.
    grouped += [
        (qa, qb, 0.0 if updated else _interval_score(qa, qb))
        for qa in qas
        for qb in qbs
        if (id(qa), id(qb)) not in known
        and (tied(text_a, qa, text_b, qb) or undergone(text_a, qa, text_b, qb))
    ]
    known |= {(id(qa), id(qb)) for qa, qb, _ in grouped}
    # "The shark measured 4 metres" / "The shark was about 13 feet long": one measure.
    grouped += [
        (qa, qb, 0.0 if updated else _interval_score(in_unit(qa, qb.unit), qb))
        for qa in qas
        for qb in qbs
        if (id(qa), id(qb)) not in known and one_measure(text_a, qa, text_b, qb)
    ]
    known |= {(id(qa), id(qb)) for qa, qb, _ in grouped}
    # "The strike lasted three weeks" / "The strike ended after two days": one duration.
    grouped += [
        (qa, qb, 0.0 if updated else _duration_score(qa, qb))
        for qa in qas
        for qb in qbs
        if (id(qa), id(qb)) not in known and one_duration(text_a, qa, qas, text_b, qb, qbs)
    ]
    group_keys = {(id(qa), id(qb)) for qa, qb, _ in grouped}
    framed |= group_keys
    # A magnitude is revised, never risen: "the toll rose to 11" does not update it.
    update = {"magnitude": updated and any(_REVISION_RE.search(t) for t in (text_a, text_b))}
    scored: list[tuple[Quantity, Quantity, float | None]] = [*grouped] + [
        (
            qa,
            qb,
            _pair_score(qa, qb, update.get(qa.category or "", updated), (id(qa), id(qb)) in framed),
        )
        for qa in qas
        for qb in qbs
        # "Two of the injured were discharged" counts one group among others: compared
        # only with a count in the same wording ("won 19 of the 51 seats"), or with none
        # of them ("Everyone on board survived" / "Two of the passengers died").
        if (
            (id(qa), id(qb)) in framed or not ({id(qa), id(qb)} & parts) or qa.is_zero or qb.is_zero
        )
        and (id(qa), id(qb)) not in group_keys
    ]
    kept = [(qa, qb, s) for qa, qb, s in scored if s is not None]
    changed = _change_pairs(text_a, text_b)
    framed |= {(id(qa), id(qb)) for qa, qb, _ in changed}
    kept += changed
    fine = {id(q) for qa, qb, s in kept if s == 0 for q in (qa, qb)}
    clashes = [
        (qa, qb, s if (id(qa), id(qb)) in framed else _generic(qa, s))
        for qa, qb, s in kept
        if s > 0
        and not ({id(qa), id(qb)} & fine)
        and not _distinct_counts(text_a, qa, text_b, qb, _entity_words)
    ]
    return tuple(kept), tuple(clashes)


def _change_pairs(text_a: str, text_b: str) -> list[tuple[Quantity, Quantity, float]]:
    """Scored pairs of changes worded alike ("revenue rose 8 percent" vs "... 3 percent").

    Two changes are compared only when they share the unit and every content word of the
    sentence but the verb: then the same thing changed. Two rises (or falls) of sizes
    that cannot both be true clash as counts do, unless either sentence marks an update
    other than the change itself ("revised", "later"); a rise against a fall clashes at
    0.85.
    """
    updated = any(_UPDATE_RE.search(_CHANGE_VERB_RE.sub(" ", t)) for t in (text_a, text_b))
    out = []
    for qa in _changes(text_a):
        words_a = _frame(text_a, qa).words - _CHANGE_BEFORE
        for qb in _changes(text_b):
            if qa.unit != qb.unit or words_a != _frame(text_b, qb).words - _CHANGE_BEFORE:
                continue
            if qa.category != qb.category:
                score = 0.0 if qa.value == 0 or qb.value == 0 else _CHANGE_SIGN_SCORE
            else:
                score = 0.0 if updated else _interval_score(qa, qb)
            out.append((qa, qb, score))
    return out


_CHANGE_SIGN_SCORE = 0.85
_CHANGE_VERB_RE = re.compile(r"\b(?:" + "|".join(sorted(_CHANGE_BEFORE)) + r")\b", re.IGNORECASE)


def _generic(quantity: Quantity, score: float) -> float:
    """Halve a clash between counts outside the built-in tables ("214 branches"), unless
    the two sentences word them alike: less sure both count the same thing."""
    if quantity.category not in _CATEGORY_NAMES and quantity.category is not None:
        return score * _GENERIC_FACTOR
    return score


def _numeric_evidence(qa: Quantity, qb: Quantity, score: float) -> Evidence:
    a_value, b_value = qa.describe(), qb.describe()
    note = f"{a_value} vs {b_value}"
    kinds = (qa.category, qb.category)
    if kinds in _OPPOSITE_SIGNS or set(kinds) == {"rise", "fall"}:
        note += f" ({qa.category} vs {qb.category})"
    return Evidence("numeric", a_value, b_value, round(score, 3), note)


# ---------------------------------------------------------------------------------------
# Public comparison
# ---------------------------------------------------------------------------------------


def _parallel_units(a: str, b: str) -> bool:
    """Each sentence names a place the other does not: "640 jobs at its mill in Lunde" /
    "300 jobs at its mill in Brannvik" are figures of two units. People and organisations
    do not count: they are mostly who reports the figure ("told the Valley Courier")."""
    if not any(_proper_nouns(a)) or not any(_proper_nouns(b)):
        return False  # no capitalised word on one side: no parse needed
    places_a, places_b = _place_words(a), _place_words(b)
    return bool(places_a - places_b and places_b - places_a)


_NOW_RE = re.compile(r"\b(?:today|now|currently|at\s+present|these\s+days|nowadays)\b", re.I)
_THEN_RE = re.compile(r"\bin\s+(?P<year>(?:19|20)\d\d)\b|\b\w+\s+(?:years?|decades?)\s+ago\b", re.I)


def _then_and_now(a: str, b: str, pa: date | None, pb: date | None) -> bool:
    """One claim's figure is of a past year ("employed 2,000 people in 2010", "ten years
    ago"), the other's of now ("employs 600 people today"): two times, two figures."""
    for then, now, published in ((a, b, pb), (b, a, pa)):
        found = _THEN_RE.search(then)
        if found is None or _NOW_RE.search(then) or not _NOW_RE.search(now):
            continue
        year = found.group("year")
        if not _THEN_RE.search(now) and not (published and year and int(year) >= published.year):
            return True
    return False


def _earlier_one(a: str, b: str) -> bool:
    """Exactly one claim tells of an earlier one of a kind by its year ("The last major
    outbreak, in 2022, …", "was last hit by flooding in 2019"), a year the other claim
    does not name."""
    for x, y in ((a, b), (b, a)):
        year = earlier_year(x)
        if year and not earlier_year(y) and year not in y:
            return True
    return False


def _numeric_evidence_for(
    a: str, b: str, pa: date | None, pb: date | None, timed: tuple[str, str] | None = None
) -> list[Evidence]:
    ta, tb = timed or (a, b)
    if _different_times(ta, tb, pa, pb) or _other_editions(a, b) or _then_and_now(ta, tb, pa, pb):
        return []
    if bool(_ANOTHER_RE.search(a)) != bool(_ANOTHER_RE.search(b)) or _earlier_one(a, b):
        return []  # "A separate magnitude 4.2 earthquake" / "A magnitude 6.1 earthquake"
    scores = score_evidence(a, b)  # a game's score names its own teams
    if scores or _parallel_units(a, b) or bool(_RATE_RE.search(a)) != bool(_RATE_RE.search(b)):
        return scores  # "1,500 parcels a day" / "10,500 parcels over the week": rate and total
    # Rising figures are updates, unless both are given for one stated time.
    updated = bool(_UPDATE_RE.search(a) or _UPDATE_RE.search(b)) and not _one_time(ta, tb, pa, pb)
    _, clashes = _numeric_pairs(a, b, updated)
    evidence: list[Evidence] = []
    seen: set[int] = set()
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
    profit vs loss…; an earthquake's magnitude or depth, the area a fire burned and wind
    speeds, each in its own units) in the same unit are compared as intervals that allow for
    qualifiers and rounding, so "at least 12" vs "14" or "about 30" vs "31" are not
    flagged, while "12 people died" vs "20 people died" (0.9), "30 dead" vs "no one was
    hurt" (0.8) and "$142 million profit" vs "$58 million loss" (0.85) are. Changes worded
    alike are compared too ("revenue rose 8 percent" vs "revenue rose 3 percent", 0.9; a
    rise against a fall, 0.85), as are prison terms ("six years" vs "18 months"), a game's
    score ("beat Rovena United 2-1" vs "3-1", 0.8) and two counts the parse ties to one act
    ("84,300 students sat the exam" vs "79,000 students took the exam"). Dates attached
    to the same event word that cannot coincide give kind ``"date"`` (0.7-0.85); a
    sentence denying what the other asserts, word for word, gives kind ``"denial"`` (at
    most 0.6, a lexical check: callers should confirm :func:`denied_proposition` with NLI);
    one event put in two places that cannot be one ("broke out in Antwerp" / "in
    Rotterdam"; not a town against the country or region it may lie in) gives kind
    ``"place"`` (0.8, read from a parse, so never without spaCy); one claim ending a state
    the other says goes on ("the highway reopened" / "the highway remains closed") gives
    kind ``"state"`` (0.75, from the parse; the combiner weighs its feature, not this);
    one claim written as the other with one word changed into its opposite ("was sober" /
    "was drunk") gives kind ``"opposite"`` (0.8, from the parse); one defendant found
    guilty and not guilty of one charge gives kind ``"verdict"`` (0.8); one one-way
    action told with doer and done-to swapped ("Apple acquired Beats" / "Beats acquired
    Apple", or "The officer was shot by the suspect" / "The officer shot the suspect")
    gives kind ``"roles"`` (0.8, from the parse); one person said to die at the scene and
    later in hospital, or one arrest, death or find at two kinds of site ("at his home" /
    "at the airport"), gives kind ``"place"`` (0.8); a vote called unanimous against votes
    counted against it, one attacker said to act alone against several, one person
    given ages that cannot both hold ("in his 20s" / "45"), one thing given two ranks
    ("the country's biggest lender" / "fifth-largest lender"), or one sum of money told as
    two ("sold for £3.5 million" / "fetched about £500,000"), gives kind ``"numeric"``
    (0.8); one fire, blast or crash called an accident and a deliberate act, or one person
    said to surrender and to be captured (or to resign and to be sacked), gives kind
    ``"cause"`` (0.8); one person said to have
    died and to have come through ("survived", "found alive", "minor injuries"), or one
    event said to have been called off and to have gone ahead, or bail granted against
    bail refused or not yet decided, gives kind ``"state"`` (0.8); one role named as two
    people ("The victim was identified as Mark Ellis" / "Police named the victim as Daniel
    Hart"), one person placed with two parties or clubs, or one contest given two winners
    ("The tournament was won by Sweden" / "Norway won the tournament"), gives kind
    ``"identity"`` (0.8); one thing said to be one way and its opposite in claims worded
    apart ("was sold" / "remains unsold"), a first or a record against one before it, or
    one doer said to do one action and not to ("paid a dividend" / "has not paid a
    dividend"), gives kind ``"opposite"`` (0.8); one claim written as the other with two
    things traded around a word that runs one way ("Maria is taller than John" / "John is
    taller than Maria") gives kind ``"roles"`` (0.8).
    Updates ("the toll rose to"), rescheduling, different time points, parts ("including 3
    children"), ranges that overlap and different counted groups are not flagged. Counts of words
    outside the built-in tables ("214 branches") score half. When both sentences name proper nouns
    and share none, numbers are not compared (such counts are mostly parallel figures: "640 jobs at
    its mill in Lunde" / "180 jobs at its mill in Skarvik") and date scores are halved; numbers are
    not compared either when each names a place the other does not ("Askeberg … in Lunde" /
    "Askeberg … in Brannvik"; who reports a figure does not count), nor when they count for
    different editions of an event ("the 2019 epidemic"). Figures in two units of one measure are
    compared once converted, with room for the rounding of a conversion: "2 km long" agrees with
    "2,000 metres long" and clashes with "200 metres long" (:mod:`conflictscan.signals._units`).

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
    full_a, full_b = _as_text(a, "a", full=True), _as_text(b, "b", full=True)
    penalty = _entity_penalty(text_a, text_b)
    timed = (_report_timed(text_a, full_a, pa), _report_timed(text_b, full_b, pb))
    numeric = [] if penalty < 1 else _numeric_evidence_for(text_a, text_b, pa, pb, timed)
    dated = (_event_reported(text_a, full_a, pa), _event_reported(text_b, full_b, pb))
    evidence = numeric + _date_evidence(*dated, pa, pb)
    evidence = [_scaled(e, penalty) for e in evidence] + _denial_evidence(full_a, full_b)
    evidence += place_evidence(text_a, text_b) + state_evidence(text_a, text_b)
    evidence += opposite_evidence(text_a, text_b) + verdict_evidence(text_a, text_b)
    evidence += roles_evidence(text_a, text_b) + scene_evidence(text_a, text_b)
    if not any(e.kind == "place" for e in evidence):
        evidence += site_evidence(text_a, text_b)
    evidence += cause_evidence(text_a, text_b) + survival_evidence(text_a, text_b)
    evidence += held_evidence(text_a, text_b) + bail_evidence(text_a, text_b)
    identity = identity_evidence(text_a, text_b) or quote_evidence(a, b)
    evidence += identity or affiliation_evidence(full_a, full_b)
    evidence += negation_evidence(text_a, text_b) + share_evidence(text_a, text_b)
    evidence += rank_evidence(text_a, text_b) + precedent_evidence(text_a, text_b)
    if not any(e.kind == "opposite" for e in evidence):
        evidence += predicate_evidence(text_a, text_b)
    if not any(e.kind == "opposite" for e in evidence):
        evidence += direction_evidence(text_a, text_b)
    if not any(e.kind == "identity" for e in evidence):
        evidence += winner_evidence(text_a, text_b)
    if not any(e.kind == "roles" for e in evidence):
        ordered = order_evidence(text_a, text_b) or sequence_evidence(text_a, text_b)
        evidence += ordered or route_evidence(text_a, text_b)
    evidence += [
        _scaled(e, penalty)
        for e in (
            unanimous_evidence(text_a, text_b)
            + tally_evidence(full_a, full_b)  # "In a 5-2 ruling, the court found that …"
            + lone_evidence(text_a, text_b)
            + age_evidence(text_a, text_b)
            + money_evidence(text_a, text_b)
        )
    ]
    return sorted(evidence, key=lambda e: -e.score)


def _event_reported(claim: str, full: str, published: date | None) -> str:
    """The whole sentence when the claim lost its dates to a report that is itself a
    one-off event ("Kestrel Motors announced on January 9 that it was recalling 140,000
    SUVs": the claim is the recall, the date the announcement's), else the claim. Only
    date evidence reads it: a date of "said" or "told" stays the report's."""
    if claim == full or _dates(claim, published):
        return claim
    dates = _dates(full, published)
    return full if dates and _happenings(full, dates) else claim


def _scaled(evidence: Evidence, factor: float) -> Evidence:
    if factor == 1.0:
        return evidence
    return Evidence(evidence.kind, evidence.a_value, evidence.b_value,
                    round(evidence.score * factor, 3), evidence.note)  # fmt: skip
