"""What a count is the subject or object of, read from a dependency parse.

The built-in tables know what "killed", "injured" or "jobs" count; most counts in news
name a thing the tables do not know: "84,300 students sat the exam", "the kidnappers
demanded a ransom of 2 million dollars". Two such counts in one unit are one figure when
the parse ties them to the same act:

* both count the subject of the same verb with the same object ("84,300 students sat the
  exam" / "Nearly 79,000 students took the exam": sitting and taking an exam are one
  act), or
* both count the object of the same verb with the same subject ("the kidnappers demanded
  a ransom of 2 million dollars" / "the kidnappers demanded 5 million dollars").

Different verbs ("12 patients were treated" / "46 patients were infected") or different
doers ("the union demanded 8 percent" / "the employers offered 3 percent") never tie.

Told in two voices, one act done to a counted thing is one figure too
(:func:`undergone`): "The airline cancelled 200 flights" / "Only 37 flights were
cancelled", "the wildfire destroyed 120 homes" / "Thirty-five houses were destroyed". The
act and the thing must be the same, and a place named on one side must be named on the other
("lent 12 paintings to galleries in Kastra" may be part of "lent 40 paintings to
galleries"), and the doers too
when both claims name one ("The storm destroyed 120 homes" / "The flood destroyed 35
homes" are two figures).
Without spaCy nothing ties.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from conflictscan.signals._dates import _stem
from conflictscan.text._speech import MAX_PARSE_CHARS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from conflictscan.signals._quantity import Quantity

# Verbs that name one act in news copy about counts ("sat"/"took" an exam).
_SAME_ACT = {
    "sit": "take",
    "attend": "join",
    "free": "release",
    "detain": "hold",
    "seek": "demand",
    "injure": "hurt",
    "wound": "hurt",
}
_SAME_THING = {"house": "home"}
"""Nouns that count one thing in news copy about counts ("120 homes" / "35 houses")."""
_WHERE = frozenset({"in", "at", "near", "across", "outside", "inside", "on"})
"""Words before where an act was done: a place on one side only may be part of the whole."""
_SUBJECTS = ("nsubj", "nsubjpass")
_OBJECTS = ("dobj", "attr", "oprd")
_CHAIN = ("nummod", "quantmod", "compound", "nmod", "npadvmod", "appos", "amod")
_PRONOUNS = ("PRON", "DET")


def _lemma(token: Token) -> str:
    return _stem(token.lemma_.lower())


def _act(verb: Token) -> str:
    return _SAME_ACT.get(verb.lemma_.lower(), verb.lemma_.lower())


def _counted(token: Token) -> Token:
    """The noun a number token counts: up through number modifiers, then through "a
    total of" / "a ransom of" to the noun the phrase hangs from."""
    while token.dep_ in _CHAIN and token.head is not token:
        token = token.head
    while token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ == "of":
        owner = token.head.head
        if owner.pos_ not in ("NOUN", "PROPN") or owner is token:
            break
        token = owner
    return token


def _keys(token: Token) -> frozenset[tuple[str, str, str]]:
    """(role, act, other part) for the counted noun ``token``."""
    verb = token.head
    if token.dep_ in _SUBJECTS:
        others = [c for c in verb.children if c.dep_ in _OBJECTS and c.pos_ not in _PRONOUNS]
        return frozenset(("subject", _act(verb), _lemma(_counted(o))) for o in others)
    if token.dep_ in _OBJECTS:
        others = [_doer(c) for c in verb.children if c.dep_ in _SUBJECTS + ("csubj",)]
        others = [c for c in others if c is not None and c.pos_ not in _PRONOUNS]
        return frozenset(("object", _act(verb), _lemma(_counted(s))) for s in others)
    # "Of the 84,300 students who sat the exam": the count heads a relative clause.
    clause = next((c for c in token.children if c.dep_ == "relcl"), None)
    if clause is None:
        return frozenset()
    others = [c for c in clause.children if c.dep_ in _OBJECTS and c.pos_ not in _PRONOUNS]
    return frozenset(("subject", _act(clause), _lemma(_counted(o))) for o in others)


def _doer(subject: Token) -> Token | None:
    """The subject itself, or for a clause as subject ("Kidnappers holding an engineer
    have demanded …", as the small model parses it) that clause's own subject."""
    if subject.dep_ != "csubj":
        return subject
    return next((c for c in subject.children if c.dep_ in _SUBJECTS), None)


def _done_to(token: Token) -> frozenset[tuple[str, str, str]]:
    """("done to", act, thing) and ("doer", act, doer) for a counted noun that an act is
    done to: the object of an active verb, the subject of a passive one."""
    verb = token.head
    if verb.pos_ not in ("VERB", "AUX") or token.dep_ not in ("dobj", "nsubjpass"):
        return frozenset()
    if token.dep_ == "dobj":
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
    else:
        doers = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    thing, act = token.lemma_.lower(), _act(verb)
    keys = {("done to", act, _SAME_THING.get(thing, thing))}
    keys |= {("doer", act, _lemma(d)) for d in doers if d.pos_ not in _PRONOUNS}
    places = (
        g
        for c in verb.subtree
        if c.dep_ == "prep" and c.lower_ in _WHERE
        for g in c.children
        if g.dep_ == "pobj" and g.pos_ == "PROPN" and g.ent_type_ not in ("DATE", "TIME")
    )  # a named place: "in Kastra", "in Elm Park"
    return frozenset(keys | {("where", act, g.lower_) for g in places})


_Keys = frozenset[tuple[str, str, str]]


@lru_cache(maxsize=4096)
def _text_anchors(text: str) -> tuple[tuple[int, int, _Keys, _Keys], ...]:
    """(start, end, keys, done-to keys) for each number token of ``text``."""
    from conflictscan.text import _parsing as parsing

    if not parsing.is_available() or len(text) > MAX_PARSE_CHARS:
        return ()  # no parse, or longer than the parser takes for one sentence
    doc = parsing.parse_one(text)
    return tuple(
        (t.idx, t.idx + len(t), _keys(_counted(t)), _done_to(_counted(t)))
        for t in doc
        if t.like_num or t.pos_ == "NUM"
    )


def anchors(text: str, quantity: Quantity, *, done_to: bool = False) -> _Keys:
    """The acts ``quantity`` (a number read from ``text``) is tied to (with ``done_to``,
    what :func:`_done_to` reads); empty without a parse or when the parse ties it to none."""
    found: _Keys = frozenset()
    for start, end, keys, undergoes in _text_anchors(text):
        if start < quantity.end and end > quantity.start:
            found |= undergoes if done_to else keys
    return found


def undergone(text_a: str, qa: Quantity, text_b: str, qb: Quantity) -> bool:
    """Whether two counts, neither of people nor a share, count one thing that one act
    was done to, told in either voice, by the same doer where both name one (see the
    module docstring)."""
    if qa.is_zero or qb.is_zero or {qa.unit, qb.unit} & {"people", "%"}:
        return False  # people are counted by the tables; a share is of some whole
    ka, kb = anchors(text_a, qa, done_to=True), anchors(text_b, qb, done_to=True)
    for act in {act for role, act, _ in ka & kb if role == "done to"}:
        doers_a = {who for role, x, who in ka if role == "doer" and x == act}
        doers_b = {who for role, x, who in kb if role == "doer" and x == act}
        where_a = {at for role, x, at in ka if role == "where" and x == act}
        where_b = {at for role, x, at in kb if role == "where" and x == act}
        placed = _told(where_a, text_b) and _told(where_b, text_a)
        if placed and (not (doers_a and doers_b) or doers_a & doers_b):
            return True
    return False


def _told(places: set[str], text: str) -> bool:
    """Whether every place name is in ``text`` too ("cancelled at Frankfurt airport" /
    "37 flights had been cancelled at Frankfurt")."""
    found = set(re.findall(r"[^\W\d_]+", text.lower()))
    return places <= found


def tied(text_a: str, qa: Quantity, text_b: str, qb: Quantity) -> bool:
    """Whether two counts in one unit, at least one of a thing the built-in tables do not
    know, are tied to the same act (see the module docstring)."""
    if qa.unit is None or qa.unit != qb.unit or qa.is_zero or qb.is_zero:
        return False
    if qa.category is not None and qb.category is not None:
        return False  # the tables decide
    return bool(anchors(text_a, qa) & anchors(text_b, qb))
