"""One thing said to be one way and its opposite, in claims worded apart.

Input: two claim texts (attribution already removed). Output: the combiner feature
``predicate_clash`` (:func:`predicate_clash`) and ``"opposite"``
:class:`~conflictscan.Evidence` (:func:`predicate_evidence`).

:mod:`._edits` reads an opposite when one claim is the other with one word changed. Two
outlets rarely write a claim the same way, though: "The painting was sold to a private
collector" / "The painting remains unsold after the auction", "Voters rejected the
proposal by a wide margin" / "The proposal was approved by voters on Sunday", "Officials
said the water was safe to drink" / "Residents were told the water was unsafe to drink".
The model reads many such pairs as a contradiction one way only, and the combiner, which
weighs it against the news stories' many look-alikes, keeps them under the threshold.

So the parse is read for a word said of a thing, and two claims clash when they say
opposite words of one thing:

* a word said of a thing is an adjective or participle said of a subject ("The bridge is
  *closed*", "The drug proved *ineffective*", "The hostages were freed *unharmed*", "The
  player tested *positive*", "described the car *as blue*"), or a verb of outcome said of
  what it is done to ("Voters *rejected* the proposal", "The proposal was *approved*");
* opposite words are the pairs of :data:`_PAIRS`, two colours, or a word against the same
  word with "un" ("sold" / "unsold", "harmed" / "unharmed");
* one thing is the same head word, or the same names, with the same describing words
  ("the bridge" / "the north bridge" are two things here), and none of a count ("Two of
  the hostages"), another one of its kind or a pronoun. A verb's doers, when both claims
  name one, are the same;
* a state may change, so state words must be said in one tense ("The museum was closed" /
  "The museum is open" may both be true); a word said in a report ("said the water was
  safe") takes any tense;
* only what is said to hold counts: nothing under a negation, a modal ("could be
  unsafe"), a verb of seeming ("feels unsafe"), a condition or a clause other than a
  report; and nothing in a claim that tells of a change ("again", "now", "no longer",
  "later").

Without a parse (spaCy not installed) nothing is read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from conflictscan._types import Evidence
from conflictscan.signals._dates import _CALENDAR_WORDS
from conflictscan.signals._evidence import clash_evidence
from conflictscan.signals._subjects import _another, _names
from conflictscan.text._syntax import words

if TYPE_CHECKING:
    from spacy.tokens import Token

PREDICATE_SCORE = 0.8
"""Strength of the evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""

# States: said of a thing at one time; the claims must be in one tense.
_STATE_PAIRS = """
open closed; open shut; alive dead; sober drunk; guilty innocent; true false; legal illegal;
lawful unlawful; legal unlawful; lawful illegal; safe unsafe; safe dangerous; present absent;
armed unarmed; stable unstable;
peaceful violent; healthy ill; healthy sick; real fake; genuine fake; accurate inaccurate;
correct incorrect; valid invalid; effective ineffective; conscious unconscious;
vacant occupied; intact damaged; damaged undamaged; injured unhurt; injured unharmed;
injured uninjured; hurt unhurt; wounded unhurt; wounded unharmed; positive negative;
voluntary compulsory; voluntary mandatory; temporary permanent; possible impossible;
available unavailable; employed unemployed; insured uninsured; vaccinated unvaccinated;
tall short; wide narrow; deep shallow; hot cold; wet dry; rich poor; clean dirty; early late;
"""
# Outcomes: done once, to the thing the verb acts on.
_OUTCOME_PAIRS = """
approved rejected; accepted rejected; accepted declined; accepted refused; approved blocked;
cleared blocked; approved vetoed; signed vetoed; granted refused; granted rejected;
upheld overturned; upheld quashed; upheld overruled; allowed banned; permitted banned;
sold unsold; paid unpaid; signed unsigned;
"""
_COLOURS = words(
    "red blue green black white silver grey gray yellow orange brown purple pink gold maroon"
)


def _pairs(text: str) -> frozenset[frozenset[str]]:
    return frozenset(frozenset(p.split()) for p in text.split(";") if len(p.split()) == 2)


_STATES = _pairs(_STATE_PAIRS)
_OUTCOMES = _pairs(_OUTCOME_PAIRS)
_STATE_WORDS = frozenset(w for pair in _STATES for w in pair) | _COLOURS
_OUTCOME_WORDS = frozenset(w for pair in _OUTCOMES for w in pair)
_LISTED = _STATE_WORDS | _OUTCOME_WORDS

_LINKING = words("be remain stay prove test")
"""Verbs that say a word of their subject ("remains *unsold*", "proved *ineffective*")."""
_CHANGING = words("turn become go grow get fall")
_SEEMING = words("seem appear feel sound look")
_REPORTING = words(
    "say tell report state add announce confirm insist warn inform advise show find reveal "
    "conclude rule declare write note explain reply acknowledge admit testify claim"
)
_CHANGE_RE = re.compile(
    r"\b(?:again|now|no\s+longer|any\s?more|later|eventually|initially|at\s+first|earlier|"
    r"until|briefly|temporarily|reopen\w*|since\s+been|previous|prior|former)\b",
    re.IGNORECASE,
)
_WHEN_RE = re.compile(r"\b(?:when|while|after|before|during|by\s+the\s+time)\b", re.IGNORECASE)
"""A state said at one moment of several: another moment may tell the opposite."""
_DAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)"
)
_MOMENT_RE = re.compile(
    rf"\b(?:(?:on|in|at|by|last|this|next|from)\s+(?:the\s+)?{_DAY}s?|in\s+(?:19|20)\d\d|"
    rf"yesterday|today|tonight|tomorrow|(?:last|this|next)\s+(?:week|month|year|night)|"
    rf"(?:morning|afternoon|evening)|{_DAY}\s+(?:morning|afternoon|evening|night))\b",
    re.IGNORECASE,
)
"""A moment said ("on Sunday", "in 2019", "last week"); "since Monday" is no moment."""


def _moments(text: str) -> frozenset[str]:
    return frozenset(" ".join(m.group().lower().split()) for m in _MOMENT_RE.finditer(text))


_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_PRED_DEPS = frozenset({"acomp", "oprd", "attr", "advmod", "xcomp", "ROOT", "ccomp", "amod"})
_SUBJECTS = ("nsubj", "nsubjpass")


_Thing = tuple[str, frozenset[str], frozenset[str]]
"""Head lemma, names and describing words of a noun phrase."""


class _Reading(NamedTuple):
    word: str
    kind: str  # "state" or "outcome"
    thing: _Thing
    doer: _Thing | None
    tense: str | None  # "past", "present"; None in a report
    text: str
    tag: str
    complements: frozenset[str]
    purposes: frozenset[str]  # whom or where an outcome is for: "approved *for adults*"
    about: frozenset[tuple[str, str]] = frozenset()  # "the ban *on hunting*": (prep, noun)


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _thing(tok: Token | None) -> _Thing | None:
    """(head lemma, names, describing words) of a noun phrase; None for a pronoun, a count,
    a part of a group or another one of its kind."""
    if tok is None or tok.pos_ in ("PRON", "NUM") or tok.like_num or _another(tok):
        return None
    counts = (c for c in tok.children if c.dep_ == "nummod" or c.like_num)
    if any(not _YEAR_RE.fullmatch(c.text) for c in counts):
        return None  # "Two hostages"; "the 2019 election" is one thing
    describing = frozenset(
        c.lemma_.lower()
        for left in tok.lefts
        for c in left.subtree
        if c.dep_ in ("amod", "compound", "poss", "nmod", "nummod")
        and not c.is_title
        and (c.is_alpha or _YEAR_RE.fullmatch(c.text))
    )
    return tok.lemma_.lower(), _names(tok), describing


def _complements(tok: Token) -> frozenset[str]:
    """What a word is said with: "available *for comment*", "safe *to drink*"."""
    found = set()
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ != "by":
            found |= {g.lemma_.lower() for g in c.children if g.dep_ == "pobj"}
        elif c.dep_ == "xcomp":
            found.add(c.lemma_.lower())
    return frozenset(found)


def _place_name(tok: Token) -> bool:
    """A name that is no month or weekday: "in *Europe*", not "in *March*"."""
    return tok.pos_ == "PROPN" and tok.text not in _CALENDAR_WORDS


def _verb_of(tok: Token) -> Token:
    """The verb a predicate word hangs on: itself when it is one, else its head."""
    if tok.dep_ in ("acomp", "oprd", "attr", "advmod", "xcomp"):
        return tok.head
    if tok.dep_ == "amod" and tok.head.lower_ == "as" and tok.head.dep_ == "prep":
        return tok.head.head  # "described the car as blue"
    return tok


def _said(verb: Token) -> tuple[bool, bool] | None:
    """(held, in a report) for the clause of ``verb``: None when it is negated, hedged,
    seeming or embedded in anything but a report."""
    reported = False
    while True:
        marks = (c for c in verb.children if c.dep_ == "mark" and c.lower_ != "that")
        if any(c.dep_ == "neg" or c.tag_ == "MD" for c in verb.children) or any(marks):
            return None  # "if", "whether", "because": not said to hold
        if verb.lemma_.lower() in _SEEMING:
            return None
        if verb.dep_ == "ROOT":
            return True, reported
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _REPORTING:
            reported, verb = True, verb.head
            continue
        return None


def _tense(verb: Token) -> str:
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return "past" if tags & {"VBD"} and not tags & {"VBZ", "VBP"} else "present"


_PHRASAL = {
    ("turn", "down"): "rejected",
    ("vote", "down"): "rejected",
    ("throw", "out"): "rejected",
    ("strike", "down"): "overturned",
}
"""Verbs with a particle that name an outcome of :data:`_OUTCOME_PAIRS` ("turned down")."""
_PHRASAL_RE = re.compile(
    r"\b(?:turn|vote|throw)(?:s|ed|ing|n)?\b(?:\s+[\w'’-]+){0,5}?\s+(?:down|out)\b|"
    r"\bthrew\b(?:\s+[\w'’-]+){0,5}?\s+out\b|"
    r"\bstr(?:ike|ikes|iking|uck)\b(?:\s+[\w'’-]+){0,5}?\s+down\b",
    re.IGNORECASE,
)


def _word(tok: Token) -> str:
    """The word a token says: its own, or the outcome a verb and its particle name."""
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    return _PHRASAL.get((tok.lemma_.lower(), particle or ""), tok.lower_)


_ABOUT = frozenset({"on", "for", "of", "to", "against", "over"})
"""Prepositions that tell which one of a kind a thing is: "the plan *for the stadium*"."""


def _about(tok: Token | None) -> frozenset[tuple[str, str]]:
    """(preposition, noun) of the :data:`_ABOUT` phrases on ``tok``; not a time ("on
    Tuesday") or a figure."""
    return frozenset(
        (c.lower_, g.lemma_.lower())
        for c in (tok.children if tok is not None else ())
        if c.dep_ == "prep" and c.lower_ in _ABOUT
        for g in c.children
        if g.dep_ == "pobj" and not g.like_num and not _MOMENT_RE.search(f"on {g.text}")
    )


def _reading(tok: Token) -> _Reading | None:
    low = _word(tok)
    kind = "outcome" if low in _OUTCOME_WORDS else "state"
    noun = tok.pos_ == "NOUN" and tok.dep_ == "attr" and low in _STATE_WORDS  # "was a fake"
    if tok.dep_ not in _PRED_DEPS or (tok.pos_ not in ("ADJ", "VERB") and not noun):
        return None
    if any(c.dep_ == "conj" for c in tok.children) or any(
        c.dep_ == "prep" for c in tok.children if kind == "state" and c.lower_ == "of"
    ):
        return None  # "red and white", "full of smoke": more than the one word
    if low not in _STATE_WORDS | _OUTCOME_WORDS and tok.tag_ not in ("JJ", "VBN"):
        return None  # any other word said of a thing may meet its "un" form
    verb = _verb_of(tok)
    said = _said(verb)
    if said is None:
        return None
    doer = None
    if kind == "outcome" and tok.pos_ == "VERB":
        passive = _child(tok, "nsubjpass")
        thing_tok = passive if passive is not None else _child(tok, "dobj")
        agent = next(
            (g for a in tok.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"),
            None,
        )
        doer_tok = agent if passive is not None else _child(tok, "nsubj")
        if doer_tok is not None:
            doer_thing = _thing(doer_tok)
            if doer_thing is None:
                return None
            doer = doer_thing
    else:
        own = _child(tok, *_SUBJECTS)
        if own is not None:
            thing_tok = own
        elif verb.i == tok.i:
            return None
        elif verb.lemma_.lower() == "go" and low.startswith("un"):
            thing_tok = _child(verb, *_SUBJECTS)  # "went unsold", "went unpunished"
        elif verb.lemma_.lower() in _CHANGING:
            return None  # "The sky turned red": a change, not a state
        elif verb.lemma_.lower() in _LINKING or tok.dep_ == "advmod":
            thing_tok = _child(verb, *_SUBJECTS)
        else:  # "freed unharmed", "described the car as blue", "escaped unhurt"
            thing_tok = _child(verb, "nsubjpass", "dobj") or _child(verb, "nsubj")
    thing = _thing(thing_tok)
    if thing is None:
        return None
    tense = None if said[1] else _tense(verb)
    complements = _complements(tok) | (_complements(verb) if verb.i != tok.i else frozenset())
    purposes = frozenset(
        f"{c.lower_} {g.lemma_.lower()}"
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in ("for", "in", "at") and kind == "outcome"
        for g in c.children
        if g.dep_ == "pobj"
        and not any(t.like_num or t.tag_ == "$" for t in g.subtree)
        and (c.lower_ == "for" or any(_place_name(t) for t in g.subtree))
    )  # "sold *for $12 million*" is a price; "cleared it *in a statement*" is no place
    shown = (
        tok.text
        if low == tok.lower_
        else " ".join(t.text for t in (tok, *(c for c in tok.children if c.dep_ == "prt")))
    )  # "turned down"
    about = _about(thing_tok) | _about(tok)  # the parse may hang it on the verb
    return _Reading(low, kind, thing, doer, tense, shown, tok.tag_, complements, purposes, about)


def _opposite(x: _Reading, y: _Reading) -> bool:
    return _opposite_words(x.word, x.tag, y.word, y.tag)


def _opposite_words(x: str, x_tag: str, y: str, y_tag: str) -> bool:
    """Whether two lower-cased words (with their tags) cannot both hold of one thing."""
    if x == y:
        return False
    pair = frozenset((x, y))
    if pair in _STATES or pair in _OUTCOMES or (x in _COLOURS and y in _COLOURS):
        return True
    # "sold" / "unsold": the "un" form an adjective, not a verb ("unveiled", "uncovered")
    return (x == "un" + y and x_tag == "JJ") or (y == "un" + x and y_tag == "JJ")


def _same(x: _Thing, y: _Thing) -> bool:
    head_x, names_x, desc_x = x
    head_y, names_y, desc_y = y
    named = bool(names_x) and names_x == names_y
    return (named or (not names_x and not names_y and head_x == head_y)) and desc_x == desc_y


@lru_cache(maxsize=4096)
def _readings(text: str) -> tuple[_Reading, ...]:
    from conflictscan.text import _parsing as parsing
    from conflictscan.text._speech import MAX_PARSE_CHARS

    if len(text) > MAX_PARSE_CHARS or _CHANGE_RE.search(text) or not parsing.is_available():
        return ()
    doc = parsing.parse_one(text)
    found = [r for r in (_reading(tok) for tok in doc) if r is not None]
    # A claim that says a word and its opposite says neither, whatever the parse made of it
    # ("positive for the first group and negative for the second").
    return tuple(
        r for r in found if not any(_opposite_words(r.word, r.tag, t.lower_, t.tag_) for t in doc)
    )


def _apart(ra: _Reading, rb: _Reading, a: str, b: str) -> bool:
    """Whether two opposite readings of one thing may both hold: said at two moments, with
    other complements, in two tenses, or by two doers."""
    states = ra.kind == rb.kind == "state"
    moments_a, moments_b = _moments(a), _moments(b)
    if moments_a != moments_b and (states or (moments_a and moments_b)):
        return True  # "closed on Sunday" / "open on Monday": two moments
    if states and ra.complements and rb.complements and not ra.complements & rb.complements:
        return True  # "unavailable for comment" / "available for talks"
    for prep in {p for p, _ in ra.about} & {p for p, _ in rb.about}:
        if {n for p, n in ra.about if p == prep} != {n for p, n in rb.about if p == prep}:
            return True  # "upheld the ban on flights" / "struck down the ban on hunting"
    if ra.purposes != rb.purposes:
        return True  # "approved the drug for adults" / "rejected it for children", "in Europe"
    if states and None not in (ra.tense, rb.tense) and ra.tense != rb.tense:
        return True  # "was closed" / "is open": it may have reopened
    if states and (_WHEN_RE.search(a) or _WHEN_RE.search(b)):
        return True  # "conscious when he arrived" / "unconscious at the scene"
    if ra.doer is None or rb.doer is None:
        return ra.doer is not rb.doer  # one names who decided, the other not: maybe two
    return not _same(ra.doer, rb.doer)  # "The Senate approved it" / "The House rejected it"


_WORD_RE = re.compile(r"[a-z]+")


def _may_clash(a: str, b: str) -> bool:
    """Whether the words of ``a`` and ``b`` hold a pair of opposites at all: the parse is
    read only then."""
    words_a, words_b = set(_WORD_RE.findall(a.lower())), set(_WORD_RE.findall(b.lower()))
    words_a |= set(_PHRASAL.values()) if _PHRASAL_RE.search(a) else set()
    words_b |= set(_PHRASAL.values()) if _PHRASAL_RE.search(b) else set()
    if words_a & _COLOURS and words_b & _COLOURS and words_a & _COLOURS != words_b & _COLOURS:
        return True
    un_a = {w[2:] for w in words_a if w.startswith("un")}
    un_b = {w[2:] for w in words_b if w.startswith("un")}
    if un_a & words_b or un_b & words_a:
        return True
    return any(
        frozenset((x, y)) in _STATES or frozenset((x, y)) in _OUTCOMES
        for x in words_a & _LISTED
        for y in words_b & _LISTED
    )


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str] | None:
    if not _may_clash(a, b):
        return None
    for ra in _readings(a):
        for rb in _readings(b):
            if _opposite(ra, rb) and _same(ra.thing, rb.thing) and not _apart(ra, rb, a, b):
                return ra.text, rb.text
    return None


def predicate_clash(a: str, b: str) -> float:
    """1.0 when the claims say opposite words of one thing ("The painting was sold" / "The
    painting remains unsold"); else 0.0 (also without a parse)."""
    return float(_clash(a, b) is not None)


def predicate_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`predicate_clash` as evidence of kind ``"opposite"``.

    Example:
        >>> predicate_evidence("The painting was sold to a collector.",
        ...                    "The painting remains unsold.")[0].note  # doctest: +SKIP
        "one thing said to be one way and the other: 'sold' vs 'unsold'"
    """
    return clash_evidence(
        _clash(a, b), "opposite", PREDICATE_SCORE, "one thing said to be one way and the other"
    )
