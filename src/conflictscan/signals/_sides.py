"""Who won: the two sides of a match result, read from the parse.

"Japan beat Australia 2-1" and "Australia lost 2-1 to Japan" tell one result; "Australia
beat Japan 2-1" tells the opposite one. An NLI model reads such pairs by their words and
gets both wrong: the converse shares no verb, the reversal shares every word. The parse
says who did what to whom:

* a verb of winning (beat, defeat, edge, thrash, overcome, outsprint, outpoint, knock out
  …): its subject won and its object lost; in the passive ("Australia were beaten by
  Japan", "was knocked out in the seventh round by Kalev") the other way round;
* "won" with "against" or "over" ("India won the final against Pakistan");
* a verb of losing with "to" or "against" ("lost to", "fell to", "went down to",
  "succumbed to", "lost the final to", "conceded defeat to");
* a win as a noun, "over" or "against" the loser, had by the subject of its verb
  ("Kilbride sealed a 2-1 win over Dunmore", "opened their season with a win over
  Carver"); a participle takes the subject of the verb it hangs on ("Cameroon took the
  title, defeating Kenya").

A side is the set of name words of its noun phrase ("Rovena United" -> rovena, united),
less the words both sides share ("Lunford University" / "Westmarch University" are
Lunford and Westmarch); a relative pronoun stands for the noun it hangs on ("Dunmere, who
beat Rovena"). Where the result was won is read from the "in" and "at" phrases, less the
sides and the moments of a race or a match ("in the final metres", "in a sprint finish",
"in stoppage time"), which are no other place. A claim
is read only when it holds exactly one such result, so "X beat Y and lost to Z" is left
alone. Two claims tell the same game when their sides share a name each way; they tell
it the other way round when each winner is the other's loser. Another season, year or
day of the week (:func:`~conflictscan.signals._scores.other_game`) makes them two games.
Without spaCy nothing is read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from conflictscan.signals._dates import _CALENDAR_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token

_WIN_VERBS = frozenset(
    {"beat", "defeat", "edge", "thrash", "rout", "overcome", "crush", "stun", "upset",
     "outclass", "outplay", "hammer", "humble", "overpower", "oust", "eliminate", "down",
     "trounce", "topple", "dispatch", "whip", "sink", "outsprint", "outpoint", "outscore",
     "outrun", "outlast", "knock"}
)  # fmt: skip
_LOSE_VERBS = frozenset({"lose", "fall", "succumb", "bow"})
_RESULT_LEMMAS = _WIN_VERBS | _LOSE_VERBS | {"win", "go", "concede"}
_WIN_NOUNS = frozenset({"win", "victory", "triumph"})
# "came from behind to beat", "rallied to beat": the result is the subject's. After
# "hoped to", "failed to", "tried to" it is not a result at all.
_COMEBACK = frozenset({"come", "rally", "battle", "fight", "recover", "hold", "hang", "surge"})
# Any of these words, or none of the parse is needed.
# "went down" needs its "down", so "go" itself is no hint.
_HINT_RE = re.compile(
    r"\b(?:beat(?:s|en|ing)?|defeat(?:s|ed|ing)?|edg(?:e|es|ed|ing)|thrash(?:es|ed|ing)?|"
    r"rout(?:s|ed|ing)?|overc[ao]m(?:e|es|ing)|crush(?:es|ed|ing)?|stun(?:s|ned|ning)?|"
    r"upset(?:s|ting)?|outclass(?:es|ed|ing)?|outplay(?:s|ed|ing)?|hammer(?:s|ed|ing)?|"
    r"humbl(?:e|es|ed|ing)|overpower(?:s|ed|ing)?|oust(?:s|ed|ing)?|"
    r"eliminat(?:e|es|ed|ing)|down(?:s|ed|ing)?|trounc(?:e|es|ed|ing)|"
    r"toppl(?:e|es|ed|ing)|dispatch(?:es|ed|ing)?|whip(?:s|ped|ping)?|sank|sunk|"
    r"sink(?:s|ing)?|won|wins?|winning|los(?:e|es|ing|t)|fell|falls?|falling|"
    r"succumb(?:s|ed|ing)?|bow(?:s|ed|ing)?|victor(?:y|ies)|triumphs?|"
    r"out(?:sprint|point|scor|run|ran|last)\w*|knock(?:s|ed|ing)?|conced(?:e|es|ed|ing))\b",
    re.IGNORECASE,
)
_RELATIVE = frozenset({"who", "which", "that"})
# The tagger lemmatises some of these wrongly ("outsprinted" -> "outsprinte").
_OUT_RE = re.compile(r"out(sprint|point|scor|run|ran|last)(?:e|s|es|ed|ing|ning)?$", re.IGNORECASE)
_OUT_LEMMAS = {"sprint": "outsprint", "point": "outpoint", "scor": "outscore", "run": "outrun",
               "ran": "outrun", "last": "outlast"}  # fmt: skip


def _lemma(tok: Token) -> str:
    found = _OUT_RE.match(tok.lower_)
    return _OUT_LEMMAS[found.group(1).lower()] if found else tok.lemma_.lower()


Side = tuple[str, ...]
"""Name words of one side, in the order written ("Rovena", "United")."""
Reading = tuple[Side, Side, frozenset[str]]
"""Winner, loser, and the words of where the result was won."""


def _side(tok: Token | None) -> Side:
    """Name words of the noun phrase headed by ``tok`` (its compounds and itself)."""
    if tok is None:
        return ()
    if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "Dunmere, who beat Rovena": who = Dunmere
    # "Kenya's women's volleyball team": the owner names a side whose head does not.
    words = [
        t
        for t in tok.subtree
        if t.i <= tok.i and (t.dep_ == "compound" or t.i == tok.i or _owner_of(t, tok))
    ]
    # A capitalised head is a name even first in the sentence, where the tagger may call
    # it a common noun ("Rangers were beaten by Celtic").
    return tuple(
        t.text for t in words if t.pos_ == "PROPN" or (t.is_title and (t.i > 0 or t.i == tok.i))
    )


def _owner_of(word: Token, head: Token) -> bool:
    """``word`` owns ``head`` through possessives and compounds ("Kenya's women's team")."""
    if word.dep_ != "poss":
        return False
    while word.i != head.i and word.dep_ in ("poss", "compound") and word.head.i != word.i:
        word = word.head
    return word.i == head.i


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _beaten(verb: Token) -> Token | None:
    """The object of a verb of winning; a score written after it can throw the parse, which
    then hangs the team on the verb as an adverb ("Celtic beat Rangers 3-0")."""
    return next(
        (c for c in verb.children
         if c.dep_ in ("dobj", "npadvmod") and not c.like_num and _side(c)),
        None,
    )  # fmt: skip


def _object_of(tok: Token, preps: frozenset[str]) -> Token | None:
    """The object of a preposition in ``preps`` hung on ``tok`` or on its direct object
    ("lost the final to India")."""
    heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    for head in heads:
        for prep in head.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in preps:
                found = _child(prep, "pobj")
                if found is not None:
                    return found
    return None


def _agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb, on the verb or on a phrase hung on it ("was
    stopped in the seventh round by Amos Lennart")."""
    by = frozenset({"by"})
    phrases = (o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj")
    found = (_object_of(head, by) for head in (verb, *phrases))
    return next((agent for agent in found if agent is not None), None)


def _doer(verb: Token) -> Token | None:
    """The subject of ``verb``, or for a participle without one ("Cameroon took the title,
    defeating Kenya", "lifted the cup after defeating Kenya") or a comeback ("came from
    behind to beat") the subject of the verb it hangs on."""
    found = _child(verb, "nsubj")
    if found is None and (
        (verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG")
        or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _COMEBACK)
    ):
        found = _child(verb.head, "nsubj")
    after = verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in ("after", "by")
    if found is None and after and verb.head.head.pos_ in ("VERB", "AUX"):
        found = _child(verb.head.head, "nsubj")
    return found


def _noun_reading(noun: Token) -> tuple[Side, Side] | None:
    """ "a 2-1 win over Rovers", "a famous victory against Brazil": the loser follows the
    noun, the winner is the subject of the verb that has the win ("sealed", "opened
    their season with")."""
    loser = _object_of(noun, frozenset({"over", "against"}))
    verb = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
    if loser is None or verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    return _sides(_doer(verb), loser)


def _sides(winner: Token | None, loser: Token | None) -> tuple[Side, Side] | None:
    """The two sides' name words, less the words they share ("Lunford University" /
    "Westmarch University" are Lunford and Westmarch), or None when one is left unnamed."""
    sides = _side(winner), _side(loser)
    shared = _words(sides[0]) & _words(sides[1])
    winner_side, loser_side = (tuple(w for w in s if w.lower() not in shared) for s in sides)
    if not (winner_side and loser_side):
        return None
    return winner_side, loser_side


def _reading(verb: Token) -> tuple[Side, Side] | None:
    if verb.pos_ == "NOUN":
        return _noun_reading(verb)
    lemma = _lemma(verb)
    particle = _child(verb, "prt", "advmod")
    if lemma == "go" and particle is not None and particle.lower_ == "down":
        lemma = "lose"  # "went down 2-1 to Japan"
    if lemma == "knock" and not any(
        c.dep_ in ("prt", "prep") and c.lower_ == "out" for c in verb.children
    ):
        return None  # "knocked out" is a win; "knocked down", "knocked over" are not
    if lemma == "concede":
        if not any(c.dep_ == "dobj" and c.lemma_.lower() == "defeat" for c in verb.children):
            return None  # "conceded defeat to" is a loss; "conceded a goal" is not
        lemma = "lose"
    winner: Token | None
    loser: Token | None
    if lemma in _WIN_VERBS:
        passive = _child(verb, "nsubjpass")
        if passive is not None:
            winner, loser = _agent(verb), passive
        else:
            winner, loser = _doer(verb), _beaten(verb)
    elif lemma == "win":
        winner = _child(verb, "nsubj")
        loser = _object_of(verb, frozenset({"against", "over"}))
    elif lemma in _LOSE_VERBS:
        loser = _child(verb, "nsubj")
        winner = _object_of(verb, frozenset({"to", "against"}))
    else:
        return None
    return _sides(winner, loser)


def _words(side: Side) -> frozenset[str]:
    return frozenset(w.lower() for w in side)


@lru_cache(maxsize=4096)
def result_sides(text: str) -> Reading | None:
    """(winner's name words, loser's name words, arena words) of the one match result in
    ``text``, or None (no result, several, a side without a name, or no parse).

    Example:
        >>> result_sides("Australia lost 2-1 to Japan in Saitama.")  # doctest: +SKIP
        (('Japan',), ('Australia',), frozenset({'saitama'}))
    """
    from conflictscan.text import _parsing as parsing
    from conflictscan.text._speech import MAX_PARSE_CHARS

    if not _HINT_RE.search(text) or len(text) > MAX_PARSE_CHARS or not parsing.is_available():
        return None
    doc = parsing.parse_one(text)
    verbs = [t for t in doc if t.pos_ in ("VERB", "AUX") and _lemma(t) in _RESULT_LEMMAS]
    verbs += [t for t in doc if t.pos_ == "NOUN" and t.lemma_.lower() in _WIN_NOUNS]
    readings = {r: t for t in verbs if (r := _reading(t)) is not None}
    second = any(c.dep_ == "conj" and c in verbs for t in verbs for c in t.children)
    if len(readings) != 1 or second:
        return None  # none, several, or one side's second result ("beat Uganda and lost to …")
    (winner, loser), verb = next(iter(readings.items()))
    # "knocked out in the third round by Velez": the sides are no part of where
    return winner, loser, _arena(verb) - _words(winner) - _words(loser)


# When in a race or a match a result was made ("in the final metres", "in a sprint
# finish", "in stoppage time"): not where, so no other arena.
_MOMENTS = frozenset(
    {"metre", "meter", "minute", "second", "moment", "lap", "finish", "sprint", "stretch",
     "stoppage", "time", "morning", "afternoon", "evening", "night"}
)  # fmt: skip


def _arena(verb: Token) -> frozenset[str]:
    """Words of the verb's (or its object's) "in" and "at" phrases, days and months aside:
    where or in what the result was won ("in Saitama", "in smartphone sales")."""
    heads = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "npadvmod"))]
    return frozenset(
        w.lower_
        for head in heads
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at")
        for w in prep.subtree
        if w.is_alpha
        and w.dep_ != "prep"
        and w.pos_ not in ("VERB", "AUX")
        and not w.is_stop
        and w.text not in _CALENDAR_WORDS
        and w.lemma_.lower() not in _MOMENTS
        and not any(c.dep_ == "nummod" for c in w.children)  # "in four sets": how, not where
    )


def same_game(a: Reading, b: Reading) -> str | None:
    """``"same"`` when two readings give one game one winner, ``"reversed"`` when each
    winner is the other's loser, else None (other sides, no name shared each way, or
    results won in different places or fields, each naming one the other does not: "in
    Saitama" / "in Sydney", "in phone sales" / "in tablet sales")."""
    if a[2] - b[2] and b[2] - a[2]:
        return None
    (win_a, lose_a), (win_b, lose_b) = ((_words(r[0]), _words(r[1])) for r in (a, b))
    if win_a & win_b and lose_a & lose_b:
        return "same"
    if win_a & lose_b and lose_a & win_b:
        return "reversed"
    return None
