"""One post held by two people: "The new chief executive of Harbourline is Priya Menon" /
"Harbourline has named Oliver Grant as its new chief executive".

Input: two claim texts (attribution already removed). Output: :func:`holder_clash`, the
post and the two names, which :mod:`conflictscan.signals._identities` reads as one more
form of ``identity_clash`` and ``"identity"`` evidence.

A post, a title or a place that only one can hold at a time ("the new chief executive",
"its presidential candidate", "the capital of the province", "the Fairview gunman") said
to be held by two named people or places cannot both be true. The model reads many such
pairs as neutral: two names share nothing. The parse is read for who holds what:

* a copula between a described post and a name, either way round: "The capital of the
  province will be Arvik", "Karl Huber was the first to reach the summit";
* a naming verb (name, appoint, choose, elect, nominate, identify, select, pick, install)
  with the name as its object or passive subject and the post after "as" or as its
  complement: "Harbourline has named Oliver Grant as its new chief executive", "Sami
  Haddad has been named captain of the national team", "identified the gunman as Curtis
  Webb" (the post may then be the object and the name the complement).

The post is its head word and the words that describe it (adjectives, nouns before it,
the nouns and names after "of" or "in", and its owner: "its" is the naming verb's
subject). Two posts are one when their heads are the same and one side's describing
words are all among the other's; a rank word ("deputy", "former", "new", "outgoing" …)
must be on both sides or neither: the new chief executive and the chief executive may be
two people. The names must share no word, and neither may appear in the other claim
("Cho replaced Lopez as chairman" names both). Nothing is read under a negation or a
modal ("could be named"), for several holders ("Ana Ruiz and Ben Cole", "co-captain",
"one of the"), for another one ("a second", "also"), or when the two claims give
different dates or times (a post changes hands: "was named chief executive in 2015" /
"in 2020"). Without a parse nothing is read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from conflictscan.signals._predicates import _moments
from conflictscan.signals._subjects import _RANKS
from conflictscan.text import _parsing as parsing
from conflictscan.text._speech import MAX_PARSE_CHARS
from conflictscan.text._syntax import NEGATORS, words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NAMING = words("name appoint choose elect nominate identify select pick install tap crown")
_MODALS = words("may might could would should can must")
_NEW_RANKS = _RANKS | words("new next previous last current sitting first second third")
"""Words before a post that make another holder of it, or another one of it."""
_OTHER_RE = re.compile(r"\b(?:also|another|one\s+of|among|co-\w+|joint)\b", re.IGNORECASE)
_HINT_RE = re.compile(
    r"\b(?:is|was|will\s+be|named|appointed|chose|chosen|elected|nominated|identified|"
    r"selected|picked|installed|tapped|crowned)\b",
    re.IGNORECASE,
)
_NAME_RE = re.compile(r"\s[A-Z][\w'’-]+")
"""A copula or a naming verb, and a capitalised word after the first: claims without them
are not parsed."""
_DESCRIBING = frozenset({"amod", "compound", "nmod", "poss", "nummod"})
_PLACE_PREPS = words("of in for at")


class Holding(NamedTuple):
    """A post and the name said to hold it."""

    post: str
    describing: frozenset[str]
    name: str
    name_words: frozenset[str]


def _name(tok: Token) -> tuple[str, frozenset[str]] | None:
    """The name headed by ``tok`` (a proper noun, with the names set before it), or None."""
    if tok.pos_ != "PROPN" or any(c.dep_ == "conj" for c in tok.children):
        return None
    parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts), frozenset(t.lower_ for t in parts)


def _owner(verb: Token) -> list[str]:
    """What "its"/"their" before a post stands for: the naming verb's subject words."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return [t.lower_ for t in child.subtree if t.pos_ in ("PROPN", "NOUN")]
    return []


_CONTENT = frozenset({"PROPN", "NOUN", "ADJ", "NUM"})
_ACT = frozenset({"VERB", "NOUN", "PROPN"})


def _content(tok: Token) -> set[str]:
    """The content words under ``tok``, lower-cased."""
    return {t.lower_ for t in tok.subtree if t.pos_ in _CONTENT}


def _post(tok: Token, verb: Token | None) -> tuple[str, frozenset[str]] | None:
    """(head lemma, describing words) of the post headed by ``tok``, or None when it is
    no described post (a name, a pronoun, an indefinite "a"/"an" post)."""
    if tok.pos_ not in ("NOUN", "ADJ") or any(c.dep_ == "conj" for c in tok.children):
        return None
    if any(c.dep_ == "det" and c.lower_ in ("a", "an", "some", "another") for c in tok.children):
        return None
    described: set[str] = set()
    head = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in _DESCRIBING and child.lower_ not in ("its", "their", "his", "her"):
            described |= _content(child)
        elif child.dep_ == "poss" and verb is not None:
            described |= set(_owner(verb))
        elif child.dep_ == "prep" and child.lower_ in _PLACE_PREPS:
            described |= _content(child)
        elif child.dep_ == "relcl" or (child.dep_ == "acl" and head == "first"):
            # "the first (person) to reach the summit": the act names the post
            described |= {
                t.lemma_.lower() for t in child.subtree if t.pos_ in ("VERB", "NOUN", "PROPN")
            }
    if head in ("person", "one", "man", "woman") and "first" in described:
        head = "first"
    return head, frozenset(described - {head})


def _said(verb: Token) -> bool:
    """Whether ``verb`` is said to hold: no negation, no modal."""
    return not any(
        c.dep_ in ("neg", "aux") and (c.lower_ in NEGATORS or c.lemma_.lower() in _MODALS)
        for c in verb.children
    )


def _as_complement(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("oprd", "attr"):
            return child
        if child.dep_ == "prep" and child.lower_ == "as":
            return next((o for o in child.children if o.dep_ == "pobj"), None)
    return None


def _holdings(doc: Doc) -> list[Holding]:
    found = []
    for verb in doc:
        if not _said(verb):
            continue
        lemma = verb.lemma_.lower()
        if lemma == "be" and verb.pos_ == "AUX" and verb.dep_ in ("ROOT", "ccomp"):
            first = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            second = next((c for c in verb.children if c.dep_ == "attr"), None)
        elif lemma in _NAMING and verb.pos_ == "VERB":
            first = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
            second = _as_complement(verb)
        else:
            continue
        if first is None or second is None:
            continue
        for name_tok, post_tok in ((first, second), (second, first)):
            named, post = _name(name_tok), _post(post_tok, verb)
            if named is not None and post is not None:
                found.append(Holding(post[0], post[1], named[0], named[1]))
    return found


@lru_cache(maxsize=4096)
def _read(text: str) -> tuple[tuple[Holding, ...], frozenset[str]]:
    """The claim's holdings and its lower-cased words (each claim is read once)."""
    doc = parsing.parse_one(text)
    return tuple(_holdings(doc)), frozenset(t.lower_ for t in doc)


def _one_post(x: Holding, y: Holding) -> bool:
    if x.post != y.post:
        return False
    if (x.describing & _NEW_RANKS) != (y.describing & _NEW_RANKS):
        return False
    return x.describing <= y.describing or y.describing <= x.describing


def holder_clash(a: str, b: str) -> tuple[str, str, str] | None:
    """(a's holder, b's holder, the post) when the two claims give one post two holders
    whose names share no word, else None. Not cached: its one caller,
    :mod:`conflictscan.signals._identities`, caches per pair, and each claim's reading is
    cached here."""
    if not all(_HINT_RE.search(t) and _NAME_RE.search(t) for t in (a, b)):
        return None  # no copula or naming verb, or no name: nothing to parse for
    if max(len(a), len(b)) > MAX_PARSE_CHARS:
        return None
    if not parsing.is_available() or _OTHER_RE.search(a) or _OTHER_RE.search(b):
        return None
    if _moments(a) != _moments(b):
        return None  # a post changes hands: "in 2015" / "in 2020"
    (held_a, words_a), (held_b, words_b) = _read(a), _read(b)
    for x in held_a:
        for y in held_b:
            if x.name_words & y.name_words or x.name_words & words_b or y.name_words & words_a:
                continue
            if _one_post(x, y):
                return x.name, y.name, x.post
    return None
