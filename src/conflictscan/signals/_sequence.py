"""Two events told in opposite orders: "X happened before Y" / "Y happened before X".

Input: two claim texts (attribution already removed). Output: the combiner feature
``order_swap`` (with :mod:`._order`, :func:`sequence_clash`) and ``"roles"``
:class:`~conflictscan.Evidence` (:func:`sequence_evidence`).

"Police arrested the suspect minutes before the second device exploded" / "The suspect
was arrested only after the second device had gone off"; "Rapper K-Zed made his film
debut two years before the release of his album" / "K-Zed released his album a year
before making his film debut". Both claims hold the same two events and the same words;
only their order differs, which an NLI model reads at 0.05 to 0.3.

The parse gives each claim's "before" or "after" and the two events it joins: the verb it
hangs from, and the clause or noun it leads ("after protests had begun", "before the
release of his album", "before recording its first album"). An event is its verb (or
event noun) and what it acts on, or its doers when it acts on nothing ("the device
exploded", "protests broke out"). Two events are one when they share such a word (or the
event noun is the other's verb: "the release" / "released") and their verbs are one kind
of event ("resigned" / "stepped down", "exploded" / "went off", "began" / "broke out" /
"opened"), one of them has none, or one tells the other's beginning or end ("began
building" / "construction began"). The claims clash when each event of one is one event
of the other, crosswise, and the orders run opposite.

An event called off ("called off a strike", "cancelled", "postponed", "averted") is no
event that happened ("after a one-day strike"): the two are not one event.

The two ends of one state (:func:`two_ends`: "closed on 2 March" / "reopened on 14 April")
are two events; the date checks read them so, not as one event dated twice.

Not read: a negated or hedged event ("did not resign before", "could start after"),
"until", claims where an event of one is both events of the other, and sentences longer
than the parser's limit. Without a parse (spaCy not installed) nothing is read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from conflictscan._types import Evidence
from conflictscan.signals._dates import _EVENT_SYNONYMS, _stem
from conflictscan.signals._subjects import subject
from conflictscan.text._syntax import words

if TYPE_CHECKING:
    from spacy.tokens import Token

SEQUENCE_SCORE = 0.8
"""Strength of the evidence, and the confidence a combiner keeps it at (the
``order_swap`` floor of :mod:`conflictscan._aggregation`)."""
_ORDER_RE = re.compile(r"\b(?:before|after)\b", re.IGNORECASE)
# Kinds of event beyond the date reader's synonyms: beginnings, blasts, purchases.
_KINDS = {
    "open": "start", "launch": "start", "break out": "start",
    "go off": "explode", "detonat": "explode", "explod": "explode", "acquir": "buy",
    "purchas": "buy", "quit": "resign", "construction": "build", "call off": "cancel",
    "cancel": "cancel", "scrap": "cancel", "avert": "cancel", "postpon": "cancel",
    "abandon": "cancel", "suspend": "cancel",
}  # fmt: skip
_PARTICLES = words("down off out up away")
_ASPECTS = frozenset({"start", "end"})
"""Kinds told of another event ("began building", "construction began")."""
_GENERIC = words(
    "year years day days week weeks month months time times hour hours minute minutes "
    "people one ones thing things part"
)
_OBJECTS = ("dobj", "nsubjpass", "pobj", "attr", "compound", "conj")
_HEDGES = words("could would might may should must can will")


class _Event(NamedTuple):
    kinds: frozenset[str]  # the verbs' kinds of event; empty for an event noun
    words: frozenset[str]  # stems of the event and of what it acts on
    head: str  # the word the event is told by, for the note


def _kind(token: Token) -> str:
    particle = next((c.lower_ for c in token.children if c.lower_ in _PARTICLES), "")
    base = _stem(token.lemma_.lower())
    phrase = f"{base} {particle}" if particle else base
    for key in (phrase, base):
        if key in _KINDS or key in _EVENT_SYNONYMS:
            return _KINDS.get(key) or _EVENT_SYNONYMS[key]
    return phrase


def _word(token: Token) -> str:
    stem = _stem(token.lemma_.lower())
    return _KINDS.get(stem, stem)


def _nouns(token: Token, depth: int = 0) -> set[str]:
    """Stems of what a verb or noun acts on ("of" phrases and objects included), and of its
    doers when it acts on nothing ("the device exploded", "protests broke out")."""
    found: set[str] = set()
    children = list(token.children)
    acted_on = any(c.dep_ in ("dobj", "xcomp") for c in children)
    for child in children:
        if child.dep_ == "prep" and child.lower_ in ("of", "into", "with") and depth < 2:
            found |= _nouns(child, depth + 1)
        elif child.dep_ in ("xcomp", "pcomp") and depth < 2:
            found |= _nouns(child, depth + 1) | {_word(child)}
        elif (child.dep_ in _OBJECTS or (child.dep_ == "nsubj" and not acted_on)) and (
            child.pos_ in ("NOUN", "PROPN", "VERB")
        ):
            found.add(_word(child))
            found |= {_word(c) for c in child.children if c.dep_ == "compound"}
    return {w for w in found if w not in _GENERIC}


def _kinds(token: Token) -> frozenset[str]:
    joined = [c for c in token.children if c.dep_ in ("conj", "xcomp") and c.pos_ == "VERB"]
    return frozenset(_kind(t) for t in (token, *joined))


def _event(token: Token) -> _Event | None:
    if any(c.dep_ == "neg" or c.lower_ in _HEDGES for c in token.children):
        return None
    if token.pos_ in ("VERB", "AUX"):
        nouns = _nouns(token) | {_word(token)}
        for child in token.children:  # "started building", "recording and releasing"
            if child.dep_ in ("xcomp", "conj") and child.pos_ == "VERB":
                nouns |= _nouns(child, 1) | {_word(child)}
        return _Event(_kinds(token), frozenset(nouns), token.text)
    if token.pos_ == "NOUN":
        nouns = _nouns(token) | {token.lemma_.lower(), _word(token)}
        return _Event(frozenset(), frozenset(nouns - _GENERIC), token.text)
    return None


def _governor(token: Token) -> Token | None:
    """The verb a "before"/"after" phrase times: its head, or the head's verb when the head
    is a span ("two years before", "the day after") or an object ("made his debut before")."""
    head = token.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head is head:
            return None
        head = head.head
    return None


@lru_cache(maxsize=4096)
def _ordered(text: str) -> tuple[_Event, _Event] | None:
    """(earlier, later) for the one "before"/"after" of ``text`` that joins two events."""
    from conflictscan.text import _parsing as parsing
    from conflictscan.text._speech import MAX_PARSE_CHARS

    if len(_ORDER_RE.findall(text)) != 1 or len(text) > MAX_PARSE_CHARS:
        return None
    if not parsing.is_available():
        return None
    doc = parsing.parse_one(text)
    link = next((t for t in doc if t.lower_ in ("before", "after")), None)
    if link is None:
        return None
    led: Token | None
    if link.dep_ == "mark":
        led, main = link.head, _governor(link.head)
    elif link.dep_ == "prep":
        led = next((c for c in link.children if c.dep_ in ("pobj", "pcomp")), None)
        main = _governor(link)
    else:
        return None
    if led is None or main is None or led is main:
        return None
    first, second = _event(main), _event(led)
    if first is None or second is None or not first.words or not second.words:
        return None
    return (first, second) if link.lower_ == "before" else (second, first)


def _one(x: _Event, y: _Event) -> bool:
    if not x.words & y.words:
        return False
    if ("cancel" in x.kinds) != ("cancel" in y.kinds):
        return False  # "after a one-day strike" / "called off a strike": one never happened
    if not x.kinds or not y.kinds or x.kinds & y.kinds:
        return True
    aspects = (x.kinds | y.kinds) & _ASPECTS
    return bool(aspects) and aspects != _ASPECTS  # "began building" / "built"


def _reversed(a: str, b: str) -> tuple[_Event, _Event] | None:
    if not (_ORDER_RE.search(a) and _ORDER_RE.search(b)):
        return None  # cheap: most pairs have no "before"/"after" on one side
    oa, ob = _ordered(a), _ordered(b)
    if oa is None or ob is None:
        return None
    (a1, a2), (b1, b2) = oa, ob
    crosswise = _one(a1, b2) and _one(a2, b1)
    straight = _one(a1, b1) or _one(a2, b2) or _one(a1, a2) or _one(b1, b2)
    return (a1, a2) if crosswise and not straight else None


def sequence_clash(a: str, b: str) -> float:
    """1.0 when the two claims tell the same two events in opposite orders."""
    return float(_reversed(a, b) is not None)


def sequence_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`sequence_clash` as evidence of kind ``"roles"``.

    Example:
        >>> sequence_evidence(  # doctest: +SKIP
        ...     "Police arrested the suspect before the second device exploded.",
        ...     "The suspect was arrested after the second device had gone off.")[0].note
        "a puts 'arrested' before 'exploded'; b puts them the other way round"
    """
    found = _reversed(a, b)
    if found is None:
        return []
    first, second = found
    note = f"a puts {first.head!r} before {second.head!r}; b puts them the other way round"
    return [Evidence("roles", first.head, second.head, SEQUENCE_SCORE, note)]


_ENDS = {
    "close": "reopen open", "shut": "reopen open", "open": "close shut", "suspend": "resume lift",
    "halt": "resume", "impose": "lift", "arrest": "release free", "detain": "release free",
    "begin": "end finish", "start": "end finish", "launch": "end", "leave": "return",
}  # fmt: skip
"""The verb that starts a state, and those that end it: "closed on 2 March" / "reopened on
14 April" tell the two ends of one closure, not one event dated twice."""


def two_ends(a: str, b: str) -> bool:
    """Whether the claims' main verbs start and end one state (read from the parse)."""
    sa, sb = subject(a), subject(b)
    if sa is None or sb is None:
        return False
    return sb.verb in _ENDS.get(sa.verb, "").split() or sa.verb in _ENDS.get(sb.verb, "").split()
