"""Roles swapped: one claim's doer is the other's done-to, in one action that runs one way.

Input: two claim texts (attribution already removed). Output: ``"roles"``
:class:`~conflictscan.Evidence` (:func:`roles_evidence`) and the feature
``role_reversal``.

"Northwind acquired Castell Foods" and "Castell Foods acquired Northwind" share every
word, so an NLI model reads them as one claim; so do "Police in Arden shot the gunman" /
"The gunman shot police in Arden". An acquisition, a defeat or a killing runs one way:
of two such claims about one event, only one can be true. The roles are read from the
parse (:class:`~conflictscan.signals._subjects.Subject`): both claims with one
verb from :data:`ONE_WAY_VERBS`, the doer of each being what the other acts on. A
passive claim's doer is its "by" phrase: "The officer was shot by the suspect" / "The
officer shot the suspect" swap the roles as well. One action may be told with two verbs
(:data:`_ONE_ACTION`: "Nordhaven acquired Pixelmint" / "Pixelmint bought Nordhaven";
"Westbury were knocked out by Pelham" / "Pelham were eliminated by Westbury"), and "X lost
the election to Y" is "Y beat X". A payment, a sale or a loan runs from its doer to whom it
goes (:data:`_TO_WHOM`: "Harlan will pay Genovex $220 million" / "Genovex agreed to pay
Harlan $220 million"; "sold its unit to Taliskan"), and "opened fire on X" is "shot X".

A match result written two ways ("X came from behind to beat Y" / "Y sealed a 2-1 win over
X", "Y lost to X") is read from its words by :mod:`conflictscan.signals._results`, and its
winner and loser swapped count as the roles swapped.

Verbs whose action can run both ways at once ("met", "played", "criticised", "sued")
are not read: "The mayor criticised the governor" and "The governor criticised the mayor"
can both be true. Nor are two claims set on different days of the week, seasons or years
("beat them in the league on Saturday" / "knocked them out of the cup on Wednesday"): two
games, two deals.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from conflictscan._types import Evidence
from conflictscan.signals._order import order_swap
from conflictscan.signals._results import result_swap
from conflictscan.signals._scores import _one_time
from conflictscan.signals._subjects import (
    Subject,
    _one,
    _Party,
    doer_and_done_to,
    roles_swapped,
    subject,
)
from conflictscan.text._syntax import words

if TYPE_CHECKING:
    from spacy.tokens import Token

ROLES_SCORE = 0.8
"""Strength of ``"roles"`` evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""
ONE_WAY_VERBS = words(
    "acquire buy purchase absorb beat defeat overtake outvote outbid outsell eliminate "
    "oust unseat topple overthrow succeed replace kill murder shoot stab assassinate behead "
    "hire sack fire employ own invade annex conquer kidnap abduct rescue arrest detain "
    "hijack capture"
)
"""Lemmas of actions that cannot run both ways in one event."""
_ONE_ACTION = {
    "buy": "acquire", "purchase": "acquire", "absorb": "acquire", "take over": "acquire",
    "buy out": "acquire", "defeat": "beat", "eliminate": "beat", "knock out": "beat",
    "checkmate": "beat", "outscore": "beat", "outplay": "beat", "thrash": "beat",
    "rout": "beat", "overcome": "beat", "edge out": "beat", "lose to": "beat",
    "succeed": "replace",
}  # fmt: skip
"""One action told with other verbs ("acquired" / "bought", "was taken over by"; "defeated"
/ "knocked out"; "lost to" is "beat" with the roles the other way round)."""


_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _written(text: str, head: str, names: frozenset[str]) -> str:
    """The first run of ``text``'s words that are the phrase's names (or its head word),
    as written: "Vantor Motors" for the names {"vantor", "motors"}, "holders" for the
    head word "holder"."""
    wanted = names or frozenset({head})
    run: list[str] = []
    for found in _WORD_RE.finditer(text):
        word = found.group().lower().removesuffix("'s").removesuffix("’s")
        if word in wanted or (not names and word.removesuffix("s") in wanted):
            run.append(found.group())
        elif run:
            break
    return " ".join(run) or head


_ONE_WAY_RE = re.compile(
    r"\b(?:acquir|bought|buy|purchas|absorb|beat|defeat|overt[ao]|outvot|outbid|outs[eo]l|"
    r"eliminat|oust|unseat|toppl|overthr|succe|replac|kill|murder|sho[ot]|stab|assassinat|"
    r"behead|hir|sack|fir|employ|own|invad|annex|conquer|kidnap|abduct|rescu|arrest|detain|"
    r"hijack|captur|t[ao]o?k|knock|checkmat|outscor|outplay|thrash|rout|overc[oa]m|edg|los|pa(?:y|id)|"
    r"s(?:ell|old)|len[dt]|open)",
    re.IGNORECASE,
)
"""Word starts of :data:`ONE_WAY_VERBS`' forms: claims without one are not parsed."""


_FRAMED_RE = re.compile(
    r"\b(?:pa(?:y|ys|id|ying)|s(?:ell|ells|old|elling)|l(?:end|ends|ent|ending)|"
    r"open(?:s|ed|ing)?\s+fire)\b",
    re.IGNORECASE,
)


def _phrase(text: str, verb: str) -> str:
    """The verb of the claim with its particle ("take over", "knock out") or the
    preposition that turns it round ("lose to"), as a key of :data:`_ONE_ACTION`."""
    from conflictscan.text import _parsing as parsing

    if not parsing.is_available():
        return verb
    for tok in parsing.parse_one(text):
        if tok.lemma_.lower() != verb or tok.pos_ not in ("VERB", "AUX"):
            continue
        for child in tok.children:
            phrase = f"{verb} {child.lower_}"
            if child.dep_ in ("prt", "prep") and phrase in _ONE_ACTION:
                return phrase
    return verb


def _lost_to(text: str) -> tuple[_Party, _Party] | None:
    """(winner, loser) of "X lost (the election) to Y"."""
    from conflictscan.text import _parsing as parsing

    for tok in parsing.parse_one(text):
        if tok.lemma_.lower() != "lose" or tok.pos_ != "VERB":
            continue
        loser = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        winner = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if loser is not None and winner is not None:
            return _party(winner), _party(loser)
    return None


def _party(tok: Token) -> _Party:
    """(head, names) of a party; a capitalised word is a name whatever its tag ("Vello
    Foods" may be read as a common noun "food")."""
    names = frozenset(
        t.lower_ for t in tok.subtree if t.pos_ == "PROPN" or (t.is_title and t.i > 0)
    )
    return (tok.lower_ if tok.is_title else tok.lemma_.lower()), names


_TO_WHOM = words("pay sell lend")
"""Verbs whose other party is whom the thing goes to: "Harlan will pay *Genovex* $220
million", "Rexford sold its copper unit *to Taliskan*"."""


def _recipient(verb: Token) -> Token | None:
    """Whom ``verb``'s thing goes to: its indirect object, or the object of its "to"."""
    for child in verb.children:
        if child.dep_ == "dative" and child.lower_ != "to":
            return child
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _framed(text: str) -> tuple[str, tuple[_Party, _Party]] | None:
    """(action, (doer, done-to)) of a claim whose other party is not the verb's object:
    a payment or sale and whom it goes to, "opened fire on" (a shooting)."""
    from conflictscan.text import _parsing as parsing

    for tok in parsing.parse_one(text):
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in _TO_WHOM | {"open"}:
            continue
        own = [c for c in tok.children if c.dep_ == "nsubj"]
        if not own and tok.dep_ == "xcomp":  # "agreed to pay"
            own = [c for c in tok.head.children if c.dep_ == "nsubj"]
        if lemma == "open":
            fire = any(c.dep_ == "dobj" and c.lower_ == "fire" for c in tok.children)
            on = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "at")]
            done = next((g for g in on[0].children if g.dep_ == "pobj"), None) if on else None
            action = "shoot" if fire else ""
        else:
            done, action = _recipient(tok), lemma
        if action and own and done is not None and own[0].pos_ != "PRON":
            return action, (_party(own[0]), _party(done))
    return None


def _action(text: str, found: Subject) -> tuple[str, tuple[_Party, _Party] | None]:
    """(the one-way action, (doer, done-to)) of a claim; ("", None) for another verb."""
    framed = _framed(text) if _FRAMED_RE.search(text) else None
    if framed is not None:
        return framed
    phrase = _phrase(text, found.verb)
    action = _ONE_ACTION.get(phrase, phrase if phrase in ONE_WAY_VERBS else "")
    if phrase == "lose to":
        return action, _lost_to(text)
    return action, doer_and_done_to(found) if action else None


@lru_cache(maxsize=4096)
def _reversal(a: str, b: str) -> tuple[str, str, str] | None:
    if not (_ONE_WAY_RE.search(a) and _ONE_WAY_RE.search(b)):
        return None
    sa, sb = subject(a), subject(b)
    if sa is None or sb is None:
        return None
    if sa.verb == sb.verb and sa.verb in ONE_WAY_VERBS:
        roles = doer_and_done_to(sa)
        if roles is None or not roles_swapped(sa, sb):
            return None
    elif order_swap(a, b):
        return None  # the same words traded around one verb: the order reading names them
    else:
        (action_a, roles), (action_b, roles_b) = _action(a, sa), _action(b, sb)
        if not action_a or action_a != action_b or roles is None or roles_b is None:
            return None
        (doer_a, done_a), (doer_b, done_b) = roles, roles_b
        if _one(*doer_a, *doer_b) or not (_one(*doer_a, *done_b) and _one(*done_a, *doer_b)):
            return None
    (doer, doer_names), (done_to, done_to_names) = roles
    return _written(a, doer, doer_names), _written(a, done_to, done_to_names), sa.verb


def role_reversal(a: str, b: str) -> float:
    """1.0 when the two claims tell one one-way action with doer and done-to swapped.

    Args:
        a: First claim.
        b: Second claim.

    Returns:
        1.0 or 0.0; 0.0 without a parse, or when the claims tell another day of the week,
        season or year (two games, two deals).
    """
    if not _one_time(a, b):
        return 0.0
    return float(_reversal(a, b) is not None or result_swap(a, b) is not None)


def roles_evidence(a: str, b: str) -> list[Evidence]:
    """The swapped roles of :func:`role_reversal` as evidence of kind ``"roles"``.

    Example:
        >>> roles_evidence("Northwind acquired Castell.", "Castell acquired Northwind.")
        ...  # doctest: +SKIP
        [Evidence(kind='roles', ..., note="who did it to whom is swapped: ...")]
    """
    if not _one_time(a, b):
        return []  # "beat them on Saturday" / "were knocked out by them on Wednesday"
    found = _reversal(a, b)
    if found is None:
        swapped = result_swap(a, b)
        if swapped is None or order_swap(a, b):
            return []  # the same words traded: the order reading names them
        winner, loser = swapped
        note = f"one match, winner and loser swapped: {winner} and {loser} trade places"
        return [Evidence("roles", winner, loser, ROLES_SCORE, note)]
    doer, done_to, verb = found
    note = f"who did it to whom is swapped: {doer} and {done_to} trade places ({verb})"
    return [Evidence("roles", doer, done_to, ROLES_SCORE, note)]
