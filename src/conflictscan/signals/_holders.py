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
* a naming verb (name, appoint, choose, elect, nominate, identify, select, pick, install,
  swear in) with the name as its object or passive subject and the post after "as" or as
  its complement: "Harbourline has named Oliver Grant as its new chief executive", "Sami
  Haddad has been named captain of the national team", "was sworn in as the new governor",
  "identified the gunman as Curtis Webb" (the post may then be the object and the name the
  complement); "chose Declan Rusk to lead the party" makes him the party's leader;
* a post and a name set side by side: "Northmarch's new governor, Bertil Sande,", "The
  chief executive of Halden Energy, Marcus Bell,";
* one leader of one team, inquiry or delegation (:data:`_LED`): "Dr Ilse Marrack led the
  surgical team" / "the team … was headed by Dr Kofi Amberley". A title ("Dr", "Mr") is
  no part of a name.

The post is its head word and the words that describe it (adjectives, nouns before it,
the nouns and names after "of" or "in", and its owner: "its" is the naming verb's
subject). Two posts are one when their heads are the same and one side's describing
words are all among the other's; a rank word ("deputy", "former", "new", "outgoing" …)
must be on both sides or neither: the new chief executive and the chief executive may be
two people. Two appointments ("was appointed head coach" / "named Piet Ormond as their new
head coach") both make a new holder, "new" written or not. The names must share no word,
and neither may appear in the other claim ("Cho replaced Lopez as chairman" names both).
Nothing is read under a negation or a modal ("could be named"), for several holders ("Ana
Ruiz and Ben Cole", "co-captain", "one of the"), for another one ("a second", "also"), or
when the two claims give different dates or times (a post changes hands: "was named chief
executive in 2015" / "in 2020", or a year on one side only); one claim that gives no time
and another that gives a day ("on Tuesday") tell one appointment. Without a parse nothing is read.
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

_NAMING = words("name appoint choose elect nominate identify select pick install tap crown swear")
_NEWLY = _NAMING - {"identify"}
"""Naming verbs that make a new holder: "was appointed head coach" is the new head coach."""
_HONORIFICS = words("dr mr mrs ms miss sir dame prof professor")
_LEAD = words("lead head")
_LED = words(
    "team investigation inquiry delegation party group operation rescue expedition "
    "government coalition campaign panel committee probe search review talks "
    "negotiations raid mission unit squad"
)
"""What one person leads: "Dr Marrack led the surgical team" / "the team was headed by
Dr Amberley" give the team two leaders."""
_MODALS = words("may might could would should can must")
_NEW_RANKS = _RANKS | words("new next previous last current sitting first second third")
"""Words before a post that make another holder of it, or another one of it."""
_OTHER_RE = re.compile(r"\b(?:also|another|one\s+of|among|co-\w+|joint)\b", re.IGNORECASE)
_HINT_RE = re.compile(
    r"\b(?:is|was|will\s+be|named|appointed|chose|chosen|elected|nominated|identified|"
    r"selected|picked|installed|tapped|crowned|sworn|led|headed)\b",
    re.IGNORECASE,
)
_NAME_RE = re.compile(r"\s[A-Z][\w'’-]+")
"""A copula or a naming verb, and a capitalised word after the first: claims without them
are not parsed."""
_APPOS_RE = re.compile(r",\s(?:[A-Z][\w'’-]+\s){1,3}?[A-Z][\w'’-]+,|,\sthe\s")
"""A name between commas, or a described post after a comma: an appositive."""
_DESCRIBING = frozenset({"amod", "compound", "nmod", "poss", "nummod"})
_PLACE_PREPS = words("of in for at")


class Holding(NamedTuple):
    """A post and the name said to hold it."""

    post: str
    describing: frozenset[str]
    name: str
    name_words: frozenset[str]
    named: bool = False
    """Given by a naming verb ("appointed", "elected"): the holder is new to the post."""


def _name(tok: Token) -> tuple[str, frozenset[str]] | None:
    """The name headed by ``tok`` (a proper noun, with the names set before it), or None."""
    if tok.pos_ != "PROPN" or any(c.dep_ == "conj" for c in tok.children):
        return None
    parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
    parts = [t for t in parts if t.lower_.rstrip(".") not in _HONORIFICS or t is tok]
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


def _led(verb: Token) -> Holding | None:
    """ "<name> led <a team>", "<a team> was headed by <name>": the team's leader."""
    done = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    doer = next((o for o in agent.children if o.dep_ == "pobj"), None) if agent else None
    if doer is None:
        doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if len(done) != 1 or done[0].lemma_.lower() not in _LED or doer is None:
        return None
    named, post = _name(doer), _post(done[0], verb)
    if named is None or post is None:
        return None
    return Holding("leader", post[1] | {post[0]}, named[0], named[1])


def _to_lead(verb: Token, chosen: Token) -> Holding | None:
    """ "chose Declan Rusk to lead the opposition party": the party's new leader."""
    lead = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in _LEAD), None)
    led = next((c for c in lead.children if c.dep_ == "dobj"), None) if lead else None
    named = _name(chosen)
    post = _post(led, verb) if led is not None else None
    if named is None or post is None:
        return None
    return Holding("leader", post[1] | {post[0]}, named[0], named[1], True)


def _holdings(doc: Doc) -> list[Holding]:
    found = []
    for verb in doc:
        if not _said(verb):
            continue
        lemma = verb.lemma_.lower()
        first: Token | None
        second: Token | None
        if verb.dep_ == "appos":
            # "Northmarch's new governor, Bertil Sande," / "Bertil Sande, the new governor,"
            first, second = verb.head, verb
            if verb.head.dep_ == "pobj" and verb.head.head.lower_ == "of":
                first = verb.head.head.head  # "The chief executive of Halden, Marcus Bell,"
        elif lemma == "be" and verb.pos_ == "AUX" and verb.dep_ in ("ROOT", "ccomp"):
            first = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            second = next((c for c in verb.children if c.dep_ == "attr"), None)
        elif lemma in _NAMING and verb.pos_ == "VERB":
            first = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
            second = _as_complement(verb)
            if second is None and first is not None and (led := _to_lead(verb, first)):
                found.append(led)
                continue
        elif lemma in _LEAD and verb.pos_ == "VERB":
            if (led := _led(verb)) is not None:
                found.append(led)
            continue
        else:
            continue
        if first is None or second is None:
            continue
        newly = lemma in _NEWLY and verb.pos_ == "VERB"
        for name_tok, post_tok in ((first, second), (second, first)):
            named, post = _name(name_tok), _post(post_tok, verb)
            if named is not None and post is not None:
                described = post[1] - named[1]  # not the appositive name itself
                found.append(Holding(post[0], described, named[0], named[1], newly))
    return found


@lru_cache(maxsize=4096)
def _read(text: str) -> tuple[tuple[Holding, ...], frozenset[str]]:
    """The claim's holdings and its lower-cased words (each claim is read once)."""
    doc = parsing.parse_one(text)
    return tuple(_holdings(doc)), frozenset(t.lower_ for t in doc)


def _one_post(x: Holding, y: Holding) -> bool:
    if x.post != y.post:
        return False
    # "was appointed head coach" / "named as its new head coach": two appointments to one
    # post, "new" or not; "the chief executive is" may be the one the new one replaces
    same_news = {"new"} if x.named and y.named else set()
    if (x.describing & _NEW_RANKS) - same_news != (y.describing & _NEW_RANKS) - same_news:
        return False
    return x.describing <= y.describing or y.describing <= x.describing


def holder_clash(a: str, b: str) -> tuple[str, str, str] | None:
    """(a's holder, b's holder, the post) when the two claims give one post two holders
    whose names share no word, else None. Not cached: its one caller,
    :mod:`conflictscan.signals._identities`, caches per pair, and each claim's reading is
    cached here."""
    if not all((_HINT_RE.search(t) or _APPOS_RE.search(t)) and _NAME_RE.search(t) for t in (a, b)):
        return None  # no copula or naming verb, or no name: nothing to parse for
    if max(len(a), len(b)) > MAX_PARSE_CHARS:
        return None
    if not parsing.is_available() or _OTHER_RE.search(a) or _OTHER_RE.search(b):
        return None
    moments_a, moments_b = _moments(a), _moments(b)
    years = any(m[3:].isdigit() for m in moments_a | moments_b)
    if moments_a != moments_b and ((moments_a and moments_b) or years):
        return None  # a post changes hands: "in 2015" / "in 2020", or "in 2015" / now
    (held_a, words_a), (held_b, words_b) = _read(a), _read(b)
    for x in held_a:
        for y in held_b:
            if x.name_words & y.name_words or x.name_words & words_b or y.name_words & words_a:
                continue
            if _one_post(x, y):
                return x.name, y.name, x.post
    return None
