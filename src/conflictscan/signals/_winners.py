"""One contest said to have been won by two different winners.

Input: two claim texts (attribution already removed). Output: the combiner feature
``winner_clash`` (:func:`winner_clash`) and ``"identity"`` :class:`~conflictscan.Evidence`
(:func:`winner_evidence`).

"The tournament was won by Sweden" / "Norway won the tournament": the model reads such
pairs as neutral or as support (0.15 and 0.37 for this one), two names sharing nothing and
the rest of the words being the same. A tournament, a race, an election or a contract has
one winner, so the two cannot both be true. The parse is read for who won what:

* "<winner> won <contest>" (or "<winner> …, winning <contest>"), "<contest> was won by
  <winner>", "<contest> went to <winner>", "<contest> was awarded to <winner>" and
  "<winner> took first place in <contest>", with the contest one of :data:`_CONTESTS`
  ("title", "election", "marathon", "contract" …);
* the winner must be named, or a noun with a name beside it ("a Polish shipyard, Gdynia
  Marine"), and two winners clash when their names share no word ("Ana Silva" / "Silva"
  is one winner); a winner with others ("Sweden and Norway", "joint winners", "shared the
  prize") is no single winner;
* one contest is the same head word and names, with the same describing words or one
  side's inside the other's ("Sunday's election" / "Sunday's mayoral election"), unless
  the extra words name another division (:data:`_DIVISIONS`: "the race" / "the women's
  race", "the men's title" / "the women's title"); a count ("two titles") or another one
  ("another title") is no one contest;
* a contest is held again and again, so a moment said differently ("in 2019" / "in
  2021", or one side only: "last year") makes two contests, and so do places said apart
  ("won the primary in Ohio" / "in Iowa", or "won the election in his district" / "won
  the election"; "in two hours" or "in a landslide" is no place);
* only what is said to hold counts: nothing under a negation, a modal ("could win") or
  a condition.

A goal that won a match ("scored the winner", "headed in the only goal") has one scorer
as well: two named scorers clash when the sentences share the minute or another name
("as Ravenmoor beat Kirkdale"), which ties the two goals to one match.

One claim may name the winner of a contest that the other says was beaten in it: "Li
Wenjie claimed the Biel chess title, beating Anya Volkova" / "Anya Volkova won the Biel
chess tournament". The contest is one when the first claim names every name the second
gives besides its winner's and the day's ("Biel").

A game between two named sides ("Japan beat Australia") is left to :mod:`._sides`.
Without a parse (spaCy not installed) nothing is read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from conflictscan._types import Evidence
from conflictscan.signals._evidence import clash_evidence
from conflictscan.signals._predicates import _moments, _said, _Thing, _thing
from conflictscan.text._syntax import words

if TYPE_CHECKING:
    from spacy.tokens import Token

WINNER_SCORE = 0.8
"""Strength of the evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""
_CONTESTS = words(
    "tournament title championship cup final race election primary marathon trophy pennant "
    "crown contest competition leadership nomination contract tender bid referendum league"
)
"""Contests with one winner. A prize or an award is often shared ("won the Nobel Prize in
Physics" is said of each of three), so it is left out."""
_SHARED_RE = re.compile(r"\b(?:shared?|jointly|joint|co-winners?|tied|both)\b", re.IGNORECASE)
_HINT_RE = re.compile(
    r"\b(?:won|wins|win|winning|went\s+to|awarded\s+to|(?:first|1st|top)\s+place|winner|"
    r"(?:only|winning|decisive|lone)\s+(?:[\w-]+\s+)?goal)\b",
    re.IGNORECASE,
)
"""Words a claim needs for a win to be read; claims without any are not parsed. A goal
counts only with a word that makes it the match's winner ("the government's goal" is
none)."""
_SCORING = words(
    "score head net hit fire slot tap curl drill poke strike nod convert volley smash sweep "
    "stab prod bundle grab"
)
"""Verbs of scoring a goal: "scored the winner", "headed in the only goal"."""
_DECIDING = words("only winning decisive lone")
_GOAL: _Thing = ("winning goal", frozenset(), frozenset())
"""The contest a match-winning goal stands for: it has one scorer."""
_CALENDAR = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december"
)
_MINUTE_RE = re.compile(r"\b\d{1,3}(?:st|nd|rd|th)[- ]minute\b", re.IGNORECASE)


_NOT_PLACES = words(
    "landslide style fashion time record total end way part round hour minute second day "
    "week month year style stride"
)
_DIVISIONS = words(
    "man men woman women boy girl junior senior youth single singles double doubles mixed "
    "first second third fourth final amateur wheelchair team individual veteran"
)
"""Describing words that make another contest of the kind ("the *women's* race", "the
*second* stage"): a contest with one of them is not the same as one without it."""


def _one_contest(x: _Thing, y: _Thing) -> bool:
    """The same contest: the same head and names, and describing words the same or one
    set inside the other without a word of another division ("Sunday's election" / "the
    mayoral election")."""
    head_x, names_x, desc_x = x
    head_y, names_y, desc_y = y
    if head_x != head_y or names_x != names_y:
        return False
    if desc_x == desc_y:
        return True
    extra = (desc_x - desc_y) | (desc_y - desc_x)
    return (desc_x <= desc_y or desc_y <= desc_x) and not extra & _DIVISIONS


class _Win(NamedTuple):
    contest: _Thing
    winner: frozenset[str]  # name words, lower-cased
    winner_text: str
    places: frozenset[str]
    context: frozenset[str] = frozenset()  # a goal's match: other names, the minute


def _pobj(tok: Token, preposition: str) -> Token | None:
    return next(
        (
            g
            for c in tok.children
            if c.lower_ == preposition
            for g in c.children
            if g.dep_ == "pobj"
        ),
        None,
    )


def _first(place: Token) -> bool:
    return any(c.lower_ in ("first", "1st", "top") for c in place.children)


def _participle(verb: Token) -> bool:
    """ "…, winning the race": a clause of the verb's "-ing" form, told of the main
    clause's doer."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and not any(c.dep_ in ("mark", "nsubj", "neg") for c in verb.children)
    )


def _clause(verb: Token) -> Token:
    """The verb whose clause says whether ``verb``'s action holds: its own, or for a
    :func:`_participle` the main verb's."""
    return verb.head if _participle(verb) else verb


def _win(verb: Token) -> tuple[Token, Token] | None:
    """(contest, winner) tokens of a verb of winning, or None."""
    lemma = verb.lemma_.lower()
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and _participle(verb):
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if lemma == "win":
        if subj is not None and subj.dep_ == "nsubjpass":
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            doer = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            return (subj, doer) if doer is not None else None
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        return (obj, subj) if obj is not None and subj is not None else None
    if lemma == "take" and subj is not None and subj.dep_ == "nsubj":
        # "Ana Duarte took first place in the contest"
        place = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if place is not None and place.lemma_ == "place" and _first(place):
            contest = _pobj(verb, "in") or _pobj(place, "in")
            return (contest, subj) if contest is not None else None
    if lemma in ("go", "award") and subj is not None:
        to = _pobj(verb, "to")
        passive = subj.dep_ == "nsubjpass"
        if to is not None and (lemma == "go" or passive):
            return subj, to
    return None


def _goal(verb: Token) -> Token | None:
    """The goal a verb of scoring scores when it won the match: "scored *the winner*",
    "headed in *the only goal*"; None for any other."""
    if verb.lemma_.lower() not in _SCORING:
        return None
    scored = [c for c in verb.children if c.dep_ == "dobj"] + [
        g
        for c in verb.children
        if c.dep_ in ("prep", "prt") and c.lower_ == "in"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for goal in scored:
        lemma, before = goal.lemma_.lower(), {c.lower_ for c in goal.children}
        if (lemma == "winner" and "the" in before) or (lemma == "goal" and before & _DECIDING):
            return goal
    return None


def _match(verb: Token, scorer: frozenset[str]) -> frozenset[str]:
    """What tells a goal's match: the names in the sentence besides the scorer's and the
    day's ("as Ravenmoor beat Kirkdale"), and the minute ("in the 88th minute")."""
    doc = verb.doc
    names = {t.lower_ for t in doc if t.pos_ == "PROPN"} - scorer - _CALENDAR
    return frozenset(
        names | {m.group().lower().replace("-", " ") for m in _MINUTE_RE.finditer(doc.text)}
    )


def _named(tok: Token) -> tuple[frozenset[str], str] | None:
    """The name words of a single winner, with the name as written; None for a common
    noun, a pronoun or several winners. A common noun with a name set beside it ("a Polish
    shipyard, Gdynia Marine") is named by it."""
    if tok.pos_ != "PROPN":
        beside = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if len(beside) != 1:
            return None
        tok = beside[0]
    if any(c.dep_ in ("conj", "cc") for c in tok.children):
        return None
    # the name itself, not a possessive before it ("Kenya's Ruth Chepkoech")
    name = [t for t in tok.lefts if t.dep_ == "compound" and t.is_title] + [tok]
    return frozenset(t.lower_ for t in name), " ".join(t.text for t in name)


def _places(verb: Token) -> frozenset[str]:
    """What the verb's "in" or "at" phrases name: "won the primary *in Ohio*", "won the
    election *in his district*"; not a time or a manner ("in two hours", "in a
    landslide")."""
    return frozenset(
        g.lemma_.lower()
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("in", "at")
        for g in c.children
        if g.dep_ == "pobj"
        and g.lemma_.lower() not in _NOT_PLACES
        and not any(t.like_num or t.tag_ == "CD" for t in g.subtree)  # "in 2:24:11"
    )


@lru_cache(maxsize=4096)
def _wins(text: str) -> tuple[_Win, ...]:
    from conflictscan.text import _parsing as parsing
    from conflictscan.text._speech import MAX_PARSE_CHARS

    if not _HINT_RE.search(text) or _SHARED_RE.search(text):
        return ()
    if len(text) > MAX_PARSE_CHARS or not parsing.is_available():
        return ()
    found = []
    for verb in parsing.parse_one(text):
        if verb.pos_ not in ("VERB", "AUX") or _said(_clause(verb)) is None:
            continue
        scorer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if _goal(verb) is not None and scorer is not None:
            named = _named(scorer)
            if named is not None:
                found.append(_Win(_GOAL, named[0], named[1], frozenset(), _match(verb, named[0])))
            continue
        tokens = _win(verb)
        if tokens is None or tokens[0].lemma_.lower() not in _CONTESTS:
            continue
        contest, winner = _thing(tokens[0]), _named(tokens[1])
        if contest is not None and winner is not None:
            places = _places(verb) - {tokens[0].lemma_.lower()}  # "first place in the contest"
            found.append(_Win(contest, winner[0], winner[1], places))
    return tuple(found)


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str] | None:
    wins_a, wins_b = _wins(a), _wins(b)
    if not (wins_a or wins_b) or _moments(a) != _moments(b):
        return None  # a contest held again: "in 2019" / "in 2021", or "last year"
    for x in wins_a:
        for y in wins_b:
            if not _one_contest(x.contest, y.contest) or x.winner & y.winner:
                continue
            if x.places != y.places:
                continue  # "won the primary in Ohio" / "in Iowa", or "in his district"
            if x.contest == _GOAL and not x.context & y.context:
                continue  # nothing says the two goals won one match
            return x.winner_text, y.winner_text
    return _beaten_winner(a, b, wins_b) or _beaten_winner(b, a, wins_a)


_WON_RE = re.compile(
    r"\b(?:won|claimed|clinched|captured|took\s+(?:victory|the\s+title)|(?:re-)?elected)\b",
    re.IGNORECASE,
)


def _beaten_winner(a: str, b: str, wins_b: tuple[_Win, ...]) -> tuple[str, str] | None:
    """ "Li Wenjie claimed the Biel chess title, beating Anya Volkova" / "Anya Volkova won
    the Biel chess tournament": the one ``a`` has beaten in winning is ``b``'s winner. The
    contest is taken to be one when ``a`` names every name ``b`` gives besides its
    winner's and the day's ("Biel"), and ``b`` gives one."""
    from conflictscan.signals._sides import result_sides

    sides = result_sides(a) if _WON_RE.search(a) else None
    if sides is None:
        return None
    winner, loser = ({w.lower() for w in side} for side in sides[:2])
    words_a = {w.lower() for w in re.findall(r"[\w'-]+", a)}
    named_b = {w.lower() for w in re.findall(r"(?<=\s)[A-Z][\w'-]*", b)} - _CALENDAR
    for y in wins_b:
        names = named_b - y.winner
        if y.contest == _GOAL or not names or not names <= words_a:
            continue  # "the Biel chess tournament": "Biel" must be named by ``a`` too
        if y.winner & loser and not y.winner & winner:
            return " ".join(sides[0]), y.winner_text
    return None


def winner_clash(a: str, b: str) -> float:
    """1.0 when the claims give one contest two different named winners; else 0.0."""
    return float(_clash(a, b) is not None)


def winner_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`winner_clash` as evidence of kind ``"identity"``.

    Example:
        >>> winner_evidence("The tournament was won by Sweden.",
        ...                 "Norway won the tournament.")[0].note  # doctest: +SKIP
        "one contest won by two winners: 'Sweden' vs 'Norway'"
    """
    return clash_evidence(_clash(a, b), "identity", WINNER_SCORE, "one contest won by two winners")
