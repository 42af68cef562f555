"""Two shares of one group told in words that cannot both hold: "most" against "a handful".

Input: two claim texts (attribution already removed). Output: the combiner feature
``share_clash`` (:func:`share_clash`) and ``"share"`` :class:`~conflictscan.Evidence`
(:func:`share_evidence`).

"Most of the district's schools will remain closed on Thursday" / "Only a handful of
district schools will close on Thursday"; "Retailer Brightmart will close all 86 of its
stores" / "Brightmart would shut only a handful of its 86 stores". Each quantifier is
read as the shares of the group it may stand for (:data:`_SHARES`: "most" is more than
half, "a handful" at most a quarter, "nearly all" more than four fifths), and two claims
clash when

* the quantifiers count the same noun ("schools" / "schools"), read from the parse: the
  noun of "most of the schools", "all 86 of its stores", "most residents";
* they say it of one action: the verb the counted phrase is subject or object of, its
  complement after "be", "remain" or "stay" ("remain closed" is "close"), its particle
  ("sit out") and "voted to accept" / "voted in favour" read as "accept" / "favour"; a few
  words that tell one action are one (:data:`_SAME`: "close" / "shut", "back" /
  "support");
* and the shares cannot meet: "most" and "a minority" of those that closed, or, for two
  actions that exclude each other (:data:`_EXCLUSIVE`: "support" / "oppose", "play" / "sit
  out"), shares that add up to more than the whole ("nearly all will sit out" / "most will
  play").

A negated action ("most schools will not close") counts the rest of the group. Neither
claim may hedge the action ("may", "could"), count a part apart from the rest ("the
remaining", "the others") or name places or names the other does not share, and what the
action is done to and by whom ("rescued by a fishing boat": some of the rescues) must be
the same where told. Without a parse (spaCy not installed) nothing is read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from conflictscan._types import Evidence
from conflictscan.signals._dates import _CALENDAR_WORDS, _stem
from conflictscan.signals._evidence import clash_evidence
from conflictscan.text._syntax import words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SHARE_SCORE = 0.75
"""Strength of the evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""

_SHARES: tuple[tuple[str, float, float, bool, bool], ...] = (
    # (words, lowest share, highest share, lowest left out, highest left out): "most" is
    # more than half, so it does not meet "a minority" (less than half) at a half.
    (r"not\s+(?:a\s+single|one)|none", 0.0, 0.0, False, False),
    (r"all|every|each|the\s+entire|the\s+whole", 1.0, 1.0, False, False),
    (
        r"(?:nearly|almost|virtually|practically)\s+(?:all|every)|all\s+but\s+a\s+few|the\s+"
        r"(?:vast|overwhelming)\s+majority|an?\s+(?:large|overwhelming|vast)\s+majority",
        0.8,
        1.0,
        False,
        False,
    ),
    (r"most|the\s+majority|a\s+majority|more\s+than\s+half|over\s+half", 0.5, 1.0, True, False),
    (
        r"(?:a|only\s+a)\s+(?:small\s+)?minority|(?:fewer|less)\s+than\s+half|under\s+half",
        0.0,
        0.5,
        False,
        True,
    ),
    (r"(?:fewer|less)\s+than\s+a\s+third", 0.0, 1 / 3, False, True),
    (r"(?:fewer|less)\s+than\s+a\s+quarter", 0.0, 0.25, False, True),
    (r"(?:a\s+)?(?:handful|few)|very\s+few|a\s+small\s+number", 0.0, 0.25, True, False),
    (r"some", 0.0, 1.0, True, False),
)
_QUANTIFIER_RE = re.compile(
    r"\b(?:only\s+)?(" + "|".join(f"(?:{row[0]})" for row in _SHARES) + r")\b",
    re.IGNORECASE,
)
_HEAD_WORDS = words(
    "none one all every each entire whole majority most minority half third quarter handful "
    "few number some"
)


def _stems(text: str) -> frozenset[str]:
    return frozenset(_stem(word) for word in text.split())


_SUPPORT = _stems("support back favour favor endorse approve accept")
_OPPOSE = _stems("oppose reject against")
_SAME: tuple[frozenset[str], ...] = (
    _SUPPORT,
    _OPPOSE,
    _stems("close shut"),
    _stems("find recover locate retrieve"),
    _stems("cancel scrap"),
)
_EXCLUSIVE: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (_SUPPORT, _OPPOSE),
    (_stems("play start"), _stems("sit miss")),
    (_stems("cancel scrap ground"), _stems("depart leave operate fly run")),
)
_COPULAS = words("be remain stay keep")
_HEDGES = words("may might could should")
_PART_RE = re.compile(r"\b(?:remaining|rest|others|other)\b", re.IGNORECASE)


class _Share(NamedTuple):
    low: float
    high: float
    low_out: bool
    high_out: bool
    noun: str
    action: str
    words: str
    names: frozenset[str]
    theme: str
    agent: str


_MODIFIER_DEPS = frozenset(("det", "amod", "predet", "nummod", "advmod", "quantmod"))


def _counted(quantifier: Token) -> Token | None:
    """The noun a quantifier counts: "most of the schools", "all 86 of its stores",
    "most residents"."""
    for token in (quantifier, quantifier.head):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                nouns = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
                if nouns:
                    return nouns[0]
        if token.pos_ == "NOUN" and token is not quantifier:
            return token
        if quantifier.dep_ not in _MODIFIER_DEPS:
            break
    return None


def _top(quantifier: Token) -> Token:
    """The token of the counted phrase that hangs on the clause: "all" in "all 86 of its
    stores" modifies "86", "most" in "most residents" modifies "residents"."""
    token = quantifier
    while token.dep_ in _MODIFIER_DEPS and token.head.i != token.i:
        token = token.head
    return token


def _action(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if lemma in _COPULAS:
        complements = [c for c in verb.children if c.dep_ in ("acomp", "oprd", "attr")]
        return complements[0].lower_ if complements else ""
    if lemma == "vote":
        for child in verb.children:
            if child.dep_ == "xcomp":
                return child.lemma_.lower()
            if child.dep_ == "prep" and child.lower_ in ("for", "against"):
                return "support" if child.lower_ == "for" else "against"
            if child.dep_ == "prep" and child.lower_ == "in":
                return next((g.lemma_.lower() for g in child.children if g.dep_ == "pobj"), "")
        return ""
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return f"{lemma} {particles[0]}" if particles else lemma


def _alike(x: str, y: str) -> bool:
    kx, ky = _stem(x.split()[0]), _stem(y.split()[0])
    if x.split()[1:] != y.split()[1:]:
        return False  # "sit out" / "sit in"
    return kx == ky or any(kx in group and ky in group for group in _SAME)


def _exclusive(x: str, y: str) -> bool:
    kx, ky = _stem(x.split()[0]), _stem(y.split()[0])
    return any((kx in p and ky in q) or (kx in q and ky in p) for p, q in _EXCLUSIVE)


def _range(found: str) -> tuple[float, float, bool, bool]:
    text = re.sub(r"^only\s+", "", found.lower())
    for pattern, low, high, low_out, high_out in _SHARES:
        if re.fullmatch(pattern, text):
            return low, high, low_out, high_out
    return 0.0, 1.0, False, False


@lru_cache(maxsize=4096)
def _shares(text: str) -> tuple[_Share, ...]:
    """The shares ``text`` tells, each with its noun, action and names."""
    from conflictscan.text import _parsing as parsing
    from conflictscan.text._speech import MAX_PARSE_CHARS

    found = list(_QUANTIFIER_RE.finditer(text))
    if not found or len(text) > MAX_PARSE_CHARS or _PART_RE.search(text):
        return ()
    if not parsing.is_available():
        return ()
    doc = parsing.parse_one(text)
    shares = (_read(doc, match) for match in found)
    return tuple(share for share in shares if share is not None)


def _read(doc: Doc, match: re.Match[str]) -> _Share | None:
    """The share one quantifier tells, or None (no counted noun, no action, hedged)."""
    span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    if span is None:
        return None
    heads = [t for t in span if t.lower_ in _HEAD_WORDS]
    if not heads or any(t.lower_ == "most" and t.i and doc[t.i - 1].lower_ in ("the", "at")
                        for t in span):  # fmt: skip
        return None  # "the most", "at most"
    noun, top = _counted(heads[-1]), _top(heads[-1])
    if noun is None or top.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    verb = top.head
    action = _action(verb)
    if not action or any(c.tag_ == "MD" and c.lower_ in _HEDGES for c in verb.children):
        return None
    low, high, low_out, high_out = _range(match.group(1))
    inside = range(span.start, span.end)
    if any(c.dep_ == "neg" and c.i not in inside for c in verb.children):
        # "most schools will not close": the rest of them close
        low, high, low_out, high_out = 1.0 - high, 1.0 - low, high_out, low_out
    themes = [c.lemma_.lower() for c in verb.children if c.dep_ == "dobj" and c.i != top.i]
    agents = [g.lemma_.lower() for c in verb.children if c.dep_ == "agent" for g in c.children]
    return _Share(low, high, low_out, high_out, noun.lemma_.lower(), action, span.text,
                  _group_names(top, verb), themes[0] if themes else "",
                  agents[0] if agents else "")  # fmt: skip


def _meets(x: _Share, y: _Share) -> bool:
    """Whether two shares of one action can both hold."""
    low, high = max(x.low, y.low), min(x.high, y.high)
    if low != high:
        return low < high
    left_out = (x.low == low and x.low_out) or (y.low == low and y.low_out)
    return not (left_out or (x.high == high and x.high_out) or (y.high == high and y.high_out))


def _exceeds(x: _Share, y: _Share) -> bool:
    """Whether two shares of actions that exclude each other add up to more than all."""
    total = x.low + y.low
    return total > 1.0 or (total == 1.0 and (x.low_out or y.low_out))


def _group_names(top: Token, verb: Token) -> frozenset[str]:
    """The proper nouns that say which group is counted: in the counted phrase ("most
    residents of Felbridge") and in the verb's place phrases ("closed in Halton"), days
    and months left out."""
    tokens = list(top.subtree) + [
        t for c in verb.children if c.dep_ in ("prep", "npadvmod") for t in c.subtree
    ]
    return frozenset(
        t.lower_ for t in tokens if t.pos_ == "PROPN" and t.text not in _CALENDAR_WORDS
    )


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str] | None:
    clashes, meets = [], False
    for x in _shares(a):
        for y in _shares(b):
            if x.noun != y.noun or (x.names and y.names and not x.names & y.names):
                continue  # "schools in Halton" / "schools in Ashcombe"
            if x.theme and y.theme and x.theme != y.theme or x.agent != y.agent:
                continue  # "back the reform" / "back the amendment"; "rescued by a boat"
            if _alike(x.action, y.action):
                clash = not _meets(x, y)
            elif _exclusive(x.action, y.action):
                clash = _exceeds(x, y)
            else:
                continue
            if clash:
                clashes.append((x.words, y.words))
            else:
                meets = True
    return clashes[0] if clashes and not meets else None


def share_clash(a: str, b: str) -> float:
    """1.0 when the two claims give one group shares that cannot meet for one action
    ("most of the schools will close" / "only a handful of schools will close"); else 0.0
    (also without a parse)."""
    return float(_clash(a, b) is not None)


def share_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`share_clash` as evidence of kind ``"share"``.

    Example:
        >>> share_evidence("Most of the schools will remain closed.",
        ...                "Only a handful of schools will close.")[0].note  # doctest: +SKIP
        "one group given shares that cannot meet: 'Most' vs 'Only a handful'"
    """
    return clash_evidence(
        _clash(a, b), "share", SHARE_SCORE, "one group given shares that cannot meet"
    )
