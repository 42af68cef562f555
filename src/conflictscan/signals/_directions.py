"""One measure said to have gone up and down, in claims worded apart.

Input: two claim texts (attribution already removed). Output: the combiner feature
``direction_clash`` (:func:`direction_clash`) and ``"opposite"``
:class:`~conflictscan.Evidence` (:func:`direction_evidence`).

"Unemployment in Spain increased in April" / "Spanish joblessness declined last month";
"Shares of Norvik Shipping closed 4.2% higher" / "Norvik Shipping's stock ended the
session sharply lower"; "The central bank raised its benchmark rate" / "The central bank
cut interest rates". :mod:`._edits` reads "rose" / "fell" when one claim is the other
with one word changed; written apart, the model's reading weakens and the combiner keeps
such pairs under the threshold.

So the parse is read for the claim's main verb and its direction: up ("rose",
"increased", "raised", "hiked", "widened") or down ("fell", "declined", "cut", "lowered",
"narrowed", "eased"), or a session's close ("closed", "ended", "finished") "higher" or
"lower". Two claims clash when

* their directions are opposite and both are told as done, not negated, hedged ("could
  rise") or told of a part of the day ("opened higher", "in early trading") or of a
  change of course ("again", "later", "after");
* what went up or down is one measure: the subjects' head words are one, or words for one
  measure (:data:`_SAME_MEASURE`: "unemployment" / "joblessness" / "the jobless rate",
  "shares" / "stock"),
  described alike (the same describing words, or some on one side only: "net profit" /
  "operating profit" are two, "the bank" / "the central bank" one) and by the names they
  carry; for "raised its rate" / "cut
  interest rates" the doers are one and what they moved is one measure; a party that
  "gained ground" or "lost ground" is its support going up or down, and the two claims
  must name the party alike ("The Greens lost ground" / "Support for the Greens rose");
* at most one claim has figures: two changes with figures ("fell 6 percent" / "rose 3
  percent") are the numbers stage's to compare, and news gives many parallel figures for
  two units, two products or two periods;
* what the doer moved is described alike ("cut prices on its older models" / "raised
  prices on its newest models" are two measures), and the two changes are not told over
  different spans or parts of a day ("fell in March" / "rose over the year as a whole";
  "dropped overnight" / "rose during the afternoon").

Times told apart (``different_times``, ``other_times``) keep the combiner's floor off, as
they do for every fixed floor. Without a parse (spaCy not installed) nothing is read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from conflictscan._types import Evidence
from conflictscan.signals._evidence import clash_evidence, described_alike
from conflictscan.signals._subjects import measured, subject
from conflictscan.text._syntax import words

DIRECTION_SCORE = 0.8
"""Strength of the evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""
_UP = words(
    "rise increase grow climb gain jump rally soar surge advance raise hike lift boost "
    "expand strengthen widen deepen"
)
_DOWN = words(
    "fall decline drop decrease shrink slide slip sink tumble plunge slump dip retreat cut "
    "lower reduce trim weaken contract narrow ease plummet"
)
_CLOSES = words("close end finish settle")
_SAME_MEASURE = {
    "joblessness": "unemployment", "stock": "share", "shares": "share", "gdp": "economy",
    "output": "economy", "cost": "price", "prices": "price",
}  # fmt: skip
_PART_RE = re.compile(
    r"\b(?:early|initially|at\s+first|opened|opening|intraday|midday|morning|afternoon\s+"
    r"trading|again|later|after\s+(?:rising|falling|climbing|dropping)|before\s+"
    r"(?:rising|falling|recovering|paring)|no\s+longer)\b",
    re.IGNORECASE,
)
_HEDGES = words("may might could would should")
_MOVES_RE = re.compile(
    r"\b(?:ros|rise|increas|grew|grow|climb|gain|jump|rall|soar|surg|advanc|rais|hike|lift"
    r"|boost|expand|strength|fell|fall|declin|drop|decreas|shr[iu]nk|slid|slip|sank|sink|"
    r"tumbl|plung|slump|dip|retreat|cut|lower|reduc|trim|weaken|contract|higher|widen|deepen|"
    r"narrow|eas(?=e|ing)|plummet|los[te])\w*",
    re.IGNORECASE,
)


_SPAN_RE = re.compile(
    r"\b(?:since|over\s+the|throughout|as\s+a\s+whole|so\s+far|year[- ]on[- ]year|"
    r"for\s+the\s+(?:year|decade|quarter|month|week))\b[^,.;]*",
    re.IGNORECASE,
)
"""A change told over a span ("since 1990", "over the year as a whole"): against a change at
one moment, or over another span, it is another change."""
_DAY_PARTS = words("overnight morning afternoon evening night midday noon dawn")


class _Move(NamedTuple):
    up: bool
    measure: str
    doer: str
    names: frozenset[str]
    words: str
    qualifier: frozenset[str] = frozenset()
    """Content words of what the doer moved, beyond its head ("prices *on its older
    models*")."""


def _measure(word: str) -> str:
    return _SAME_MEASURE.get(word, word)


@lru_cache(maxsize=4096)
def _move(text: str) -> _Move | None:
    """The direction of the claim's main verb and what moved, or None."""
    from conflictscan.signals._subjects import main_subject
    from conflictscan.text import _parsing as parsing
    from conflictscan.text._speech import MAX_PARSE_CHARS
    from conflictscan.text._syntax import negated

    if len(text) > MAX_PARSE_CHARS or _PART_RE.search(text) or not _MOVES_RE.search(text):
        return None
    if not parsing.is_available():
        return None
    doc = parsing.parse_one(text)
    head = main_subject(doc)
    if head is None or head.pos_ == "PRON":
        return None
    verb = head.head
    lemma = verb.lemma_.lower()
    if negated(verb) or any(c.tag_ == "MD" and c.lower_ in _HEDGES for c in verb.children):
        return None
    if lemma in ("gain", "lose") and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "ground" for c in verb.children
    ):  # "the party gained ground": its support rose
        names = frozenset(t.lower_ for t in head.subtree if t.pos_ == "PROPN")
        return _Move(lemma == "gain", "support", "", names, f"{verb.text} ground")
    if lemma in _CLOSES:
        subject_words = {t.i for t in head.subtree}
        ways = {t.lower_ for t in verb.subtree if t.i not in subject_words}
        if ("higher" in ways) == ("lower" in ways):
            return None
        up = "higher" in ways
    elif lemma in _UP or lemma in _DOWN:
        up = lemma in _UP
    else:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    qualifier: frozenset[str] = frozenset()
    if head.dep_ == "nsubj" and objects and lemma not in _CLOSES:
        # "the bank raised its rate": the rate moved ("ended the session lower": the shares)
        measure, doer = objects[0].lemma_.lower(), head.lemma_.lower()
        # the parser may hang "on its older models" on the verb
        onto = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "for")]
        onto += [c for c in objects[0].children if c.dep_ == "prep"]
        qualifier = frozenset(
            t.lemma_.lower()
            for part in onto
            for t in part.subtree
            if t.pos_ in ("NOUN", "ADJ", "PROPN") and t.ent_type_ not in ("DATE", "TIME")
        )
    elif head.dep_ == "nsubj" and lemma in ("raise", "cut", "lower"):
        return None  # "the bank cut": what it cut is not told
    else:
        measure, doer = head.lemma_.lower(), ""
        measure = measured(measure, (c.lower_ for c in head.children))  # "the share price"
    names = frozenset(t.lower_ for t in head.subtree if t.pos_ == "PROPN")
    return _Move(up, _measure(measure), doer, names, verb.text, qualifier)


def _timed_apart(a: str, b: str) -> bool:
    """Whether the two changes are told over different spans or parts of a day ("fell in
    March" / "rose over the year as a whole"; "dropped overnight" / "rose during the
    afternoon")."""
    span_a, span_b = _SPAN_RE.search(a), _SPAN_RE.search(b)
    if (span_a or span_b) and (
        span_a is None or span_b is None or span_a.group().lower() != span_b.group().lower()
    ):
        return True
    parts_a = {w for w in re.findall(r"[a-z]+", a.lower()) if w in _DAY_PARTS}
    parts_b = {w for w in re.findall(r"[a-z]+", b.lower()) if w in _DAY_PARTS}
    return bool(parts_a and parts_b and parts_a != parts_b)


def _one_doer(x: _Move, y: _Move) -> bool:
    return x.doer == y.doer or not (x.doer and y.doer)


_DIGIT_RE = re.compile(r"\d")


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str] | None:
    if _DIGIT_RE.search(a) and _DIGIT_RE.search(b):
        return None  # figures on both sides: the numbers stage compares the changes
    xa, xb = _move(a), _move(b)
    if xa is None or xb is None or xa.up == xb.up or xa.measure != xb.measure:
        return None
    if any(x.words.endswith(" ground") for x in (xa, xb)):
        if not xa.names & xb.names:
            return None  # "gained ground" tells whose support: the names must say it
    elif not described_alike(subject(a), subject(b), names_aside=True):
        return None  # "operating profit at the broadband division" / "net profit"
    if not _one_doer(xa, xb) or (xa.names and xb.names and not xa.names & xb.names):
        return None  # "Spanish joblessness" / "Italian joblessness"
    if not (xa.qualifier <= xb.qualifier or xb.qualifier <= xa.qualifier):
        return None  # "prices on its older models" / "prices on its newest models"
    if _timed_apart(a, b):
        return None
    return xa.words, xb.words


def direction_clash(a: str, b: str) -> float:
    """1.0 when one measure is said to have gone up in one claim and down in the other
    ("Unemployment increased" / "Joblessness declined"); else 0.0 (also without a parse)."""
    return float(_clash(a, b) is not None)


def direction_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`direction_clash` as evidence of kind ``"opposite"``.

    Example:
        >>> direction_evidence("Unemployment in Spain increased in April.",
        ...                    "Spanish joblessness declined in April.")[0].note
        ... # doctest: +SKIP
        "one measure said to go up and down: 'increased' vs 'declined'"
    """
    return clash_evidence(
        _clash(a, b), "opposite", DIRECTION_SCORE, "one measure said to go up and down"
    )
