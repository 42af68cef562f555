"""One action said to be done and not done, by one doer, in claims worded apart.

Input: two claim texts (attribution already removed). Output: the combiner feature
``action_negated`` (:func:`action_negated`) and ``"opposite"``
:class:`~conflictscan.Evidence` (:func:`negation_evidence`).

"Tarrant Mining paid an interim dividend of 12 cents a share this year" / "Tarrant Mining
has not paid a dividend this year"; "The striker played the full 90 minutes on Saturday" /
"The striker did not play on Saturday". A minimal edit ("paid the fine" / "never paid the
fine") is read by the model as a contradiction; written apart, with more said on one side,
the model's reading weakens and the combiner, which weighs it against the news stories'
many look-alikes, keeps such pairs under the threshold.

So the parse is read for each claim's main action: the verb its subject belongs to (after
"failed to", "refused to", "managed to" … the complement's), whether it is negated ("not",
"never", "n't", "refused to", "failed to", or "no" before its object: "paid no dividend"),
and what it is done to. Two claims clash when

* their actions are one verb ("arrested" and "detained" are one), not one that says
  little of its own ("be", "have", "say", "remain" …);
* their subjects are one thing: the same names, or no names and one head word described
  alike ("the first suspect" / "the second suspect" are two);
* what the action is done to is the same head word, or is told on one side only;
* a "no" before a degree ("found no serious side effects") denies only that degree, so
  it clashes only with a claim that names the degree ("found only minor side effects"
  does not);
* exactly one is negated, and neither clause is hedged (a modal, a condition, a question
  of whether) nor tells of a step still to come or a change ("yet", "still", "again", "no
  longer", "now", "later": :data:`_CHANGE_RE`).

Times told apart (``different_times``, ``other_times``) keep the combiner's floor off, as
they do for every fixed floor. Without a parse (spaCy not installed) nothing is read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from conflictscan._types import Evidence
from conflictscan.signals._evidence import clash_evidence, one_subject
from conflictscan.signals._subjects import _CATENATIVE, main_subject, subject
from conflictscan.text._syntax import negated, words

if TYPE_CHECKING:
    from spacy.tokens import Token

NEGATION_SCORE = 0.8
"""Strength of the evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""
_EMPTY_VERBS = words(
    "be have say tell remain stay seem appear become get make do go come take give keep "
    "want need expect plan hope try know think believe continue start begin"
)
_REPORTING = words("say tell report state add announce confirm insist claim write note")
_NEGATION_RE = re.compile(
    r"\b(?:not|never|no)\b|n't\b|\b(?:fail(?:ed|s)?|refus(?:ed|es)|declin(?:ed|es))\s+to\b",
    re.IGNORECASE,
)
_CHANGE_RE = re.compile(
    r"\b(?:yet|still|again|now|no\s+longer|any\s?more|later|eventually|initially|at\s+first|"
    r"so\s+far|until|unless|instead|only\s+after)\b",
    re.IGNORECASE,
)


_SAME_ACTION = {"detain": "arrest", "apprehend": "arrest"}
"""Verbs that tell one action ("was arrested" / "was never detained")."""


def _act(verb: str) -> str:
    return _SAME_ACTION.get(verb, verb)


class _Action(NamedTuple):
    verb: str
    negated: bool
    theme: str
    text: str
    degree: str = ""
    """A degree word under "no" ("found *no serious* side effects"): only that degree is
    denied."""


_DEGREES = words(
    "serious major significant severe lasting permanent long-term life-threatening "
    "substantial notable widespread real obvious further additional"
)


def _hedged(verb: Token) -> bool:
    """A modal on the verb, or a clause it sits in that is not said to hold."""
    while True:
        if any(c.tag_ == "MD" for c in verb.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ != "that" for c in verb.children):
            return True  # "if", "whether", "because"
        if verb.dep_ == "ROOT":
            return False
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _REPORTING:
            verb = verb.head
            continue
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _CATENATIVE:
            verb = verb.head  # "failed to sign": the clause is "failed"'s
            continue
        return True


def _clause_span(verb: Token) -> str:
    left = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("neg", "aux", "advmod")])
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    right = max([verb.i] + [max(t.i for t in o.subtree) for o in objects])
    return verb.doc[left : right + 1].text


@lru_cache(maxsize=4096)
def _action(text: str) -> _Action | None:
    """The main action of ``text`` (see the module docstring), or None."""
    from conflictscan.text import _parsing as parsing
    from conflictscan.text._speech import MAX_PARSE_CHARS

    if len(text) > MAX_PARSE_CHARS or _CHANGE_RE.search(text) or not parsing.is_available():
        return None
    doc = parsing.parse_one(text)
    head = main_subject(doc)
    if head is None:
        return None
    verb = head.head
    while verb.lemma_.lower() in _CATENATIVE:
        action = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        if not action:
            break
        verb = action[0]  # "failed to sign" is negated by :func:`negated`
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma in _EMPTY_VERBS or _hedged(verb):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
    theme = objects[0].lemma_.lower() if objects else ""
    no_object = any(d.dep_ == "det" and d.lower_ == "no" for o in objects for d in o.children)
    degree = next(
        (
            d.lower_
            for o in objects
            for d in o.children
            if d.dep_ == "amod" and d.lower_ in _DEGREES
        ),
        "",
    )
    is_negated = negated(verb) or no_object
    return _Action(lemma, is_negated, theme, _clause_span(verb), degree if no_object else "")


def _may_clash(a: str, b: str) -> bool:
    """Whether one claim only has a negation and both subjects' verbs are one (both cheap:
    the subjects are read once per claim, in a scan's parser batch): only then is the
    parse read for the action."""
    if bool(_NEGATION_RE.search(a)) == bool(_NEGATION_RE.search(b)):
        return False
    sa, sb = subject(a), subject(b)
    return sa is not None and sb is not None and _act(sa.verb) == _act(sb.verb)


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str] | None:
    if not _may_clash(a, b):
        return None
    xa, xb = _action(a), _action(b)
    if xa is None or xb is None or _act(xa.verb) != _act(xb.verb) or xa.negated == xb.negated:
        return None
    if xa.theme and xb.theme and xa.theme != xb.theme:
        return None  # "paid the fine" / "did not pay the rent"
    if (xa.degree and xa.degree not in b.lower()) or (xb.degree and xb.degree not in a.lower()):
        return None  # "found no serious side effects" / "found only minor side effects"
    if not one_subject(a, b):
        return None
    return xa.text, xb.text


def action_negated(a: str, b: str) -> float:
    """1.0 when one doer is said to do one action in one claim and not in the other ("paid
    a dividend" / "has not paid a dividend"); else 0.0 (also without a parse)."""
    return float(_clash(a, b) is not None)


def negation_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`action_negated` as evidence of kind ``"opposite"``.

    Example:
        >>> negation_evidence("Tarrant Mining paid a dividend this year.",
        ...                   "Tarrant Mining has not paid a dividend this year.")[0].note
        ... # doctest: +SKIP
        "one action said to be done and not done: 'paid a dividend' vs 'has not paid a dividend'"
    """
    return clash_evidence(
        _clash(a, b), "opposite", NEGATION_SCORE, "one action said to be done and not done"
    )
