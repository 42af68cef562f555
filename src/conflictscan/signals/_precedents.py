"""A first or a record against one before it.

Input: two claim texts (attribution already removed). Output: ``"opposite"``
:class:`~conflictscan.Evidence` (:func:`precedent_evidence`), and :func:`precedent_clash`,
which the combiner feature ``predicate_clash`` counts.

News claims firsts and records, and fact-checks dispute them with an earlier case: "She is
the first woman to captain the club" / "She follows three other women who have captained
it"; "The sale set a new auction record" / "The sale fell short of the $7 million record
set in 2017"; "It was the largest ship ever to dock at the port" / "A larger vessel
berthed there in 2021". The model reads such pairs as unrelated (0.01 to 0.2): nothing in
the second claim denies the first in words.

A claim makes a first when it says "for the first time", "the first ... to <verb>", "the
first ... in its history", "world's first", "first-ever", "the first time ... had <done>";
a record when it says "set a (new) record", "a new ... record", "a record £3.5 million",
"record high"; a superlative ever when "-est" or "most" comes before "ever", "on record",
"in (its) history"; "the only" one of a kind. A first "since 1998", "in ten years" or
"this season" is no first ever, and is left alone.

The other claim tells one before it: "for the second time", an ordinal before a word of the
first's phrase ("second Black woman"), "twice before", "four times, including", "had already
carried out", "last hosted … in 1998", "most recently in 2009", "follows three other"; a
record "short of" or "below" the record, or the record "set in 2019", "still stands";
something larger, higher or more "in 2021", "during the 2020 pandemic"; "one of three".

Both claims must share a name (or, with no names, two content words), neither may say its
words under a negation, and the second must not claim a first itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._evidence import clash_evidence
from conflictscan.signals._lexicon import _STOPWORDS
from conflictscan.signals._names import _proper_nouns

PRECEDENT_SCORE = 0.8
"""Strength of the evidence, the same as the combiner's floor for ``predicate_clash``."""

_EVER = (
    r"(?:ever|on\s+record|in\s+(?:its|the|their|his|her|[\w'’]+['’]s?)\s+(?:[\w'’-]+\s+){0,2}?"
    r"history|since\s+(?:it|they|the\s+\w+)\s+(?:opened|began|started|was\s+(?:founded|built|"
    r"opened|formed)))"
)
_NOT_POSITION = (
    r"(?!(?:half|quarter|round|day|week|month|year|leg|set|innings|phase|stage|floor|minute|"
    r"hour|time\s+(?:since|in)|of\b|and\b|two\b|three\b)\b)"
)
_FIRST_RE = re.compile(
    rf"\b(?:for\s+the\s+(?:very\s+)?first\s+time\b(?!\s+(?:since|in\s+(?:\w+\s+){{0,2}}"
    rf"(?:years?|decades?|months?|weeks?|seasons?)|this|last)\b)|first-ever\s+(?P<ever>[\w-]+)|"
    rf"(?:the|its|their|his|her|[\w'’]+['’]s?)\s+(?:very\s+)?first\s+{_NOT_POSITION}"
    rf"(?P<what>(?:[\w-]+\s+){{0,6}}?)(?:to\s+(?:be\s+)?\w+|{_EVER}\b|(?:that\s+)?[\w\s]{{0,40}}?"
    rf"\b(?:had|has|have)\s+(?:ever\s+)?\w+)|(?:world|country|nation)['’]s\s+first\s+"
    rf"(?P<world>[\w-]+))",
    re.IGNORECASE,
)
_RECORD_RE = re.compile(
    r"\b(?:(?:set|broke|smashed|shattered)\s+(?:a|an|the)\s+(?:new\s+)?(?:[\w-]+\s+){0,3}?"
    r"record\b|a\s+new\s+(?:[\w-]+\s+){0,3}?record\b|a\s+record(?:-breaking)?\s+(?:[£$€]|\d)|"
    r"record[- ](?:high|low|breaking)\b)",
    re.IGNORECASE,
)
_MOST_RE = re.compile(
    rf"\b(?:\w+est|most\s+\w+)\s+(?:[\w-]+\s+){{0,4}}?(?:{_EVER}|ever\s+recorded)\b",
    re.IGNORECASE,
)
_ONLY_RE = re.compile(
    r"\b(?:the|its|[\w'’]+['’]s?)\s+only\s+(?P<only>(?:[\w-]+\s+){0,2}[\w-]+)", re.IGNORECASE
)
_SINCE_RE = re.compile(
    r"\bfirst\b[^.;]{0,60}?\b(?:since\s+(?:(?:19|20)\d\d|last|the\s+\d|\w+\s+(?:years?|"
    r"decades?))|in\s+(?:\w+\s+)?(?:years?|decades?|seasons?)|this\s+(?:year|season|month))",
    re.IGNORECASE,
)
"""A first of a stretch of time ("the first strike since 1998"): no first ever."""

_ORDINAL = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
_AGAIN_RE = re.compile(
    rf"\bfor\s+the\s+{_ORDINAL}\s+time\b|\b(?:twice|(?:two|three|four|five|six|seven|eight|"
    rf"nine|ten|several|many|\d+)\s+times)\b[^.;]{{0,30}}?\b(?:before|previously|including)\b|"
    rf"\b(?:had|have|has)\s+(?:already|previously)\s+\w+|\b(?:already|previously)\s+(?:been\s+)?"
    rf"\w+ed\b|\b(?:have|has)\s+(?:now\s+)?\w+(?:\s+\w+){{0,3}}\s+(?:twice|(?:two|three|four|five|"
    rf"six|seven|eight|nine|ten|\d+)\s+times)\b|\blast\s+\w+ed\b[^.;]{{0,60}}?\bin\s+(?:19|20)\d\d\b|"
    rf"\bmost\s+recently\s+in\s+(?:19|20)\d\d\b|\bfollows?\s+(?:two|three|four|five|six|"
    rf"several|\d+)\s+other\b",
    re.IGNORECASE,
)
_ORDINAL_RE = re.compile(
    rf"\b{_ORDINAL}\s+{_NOT_POSITION}(?P<what>(?:[\w-]+\s+){{0,2}}[\w-]+)", re.IGNORECASE
)
_BELOW_RECORD_RE = re.compile(
    r"\b(?:short\s+of|below|outside|off)\s+(?:the|a|its|[\w'’]+['’]s?)\s+(?:[\w'’-]+\s+){0,3}?"
    r"record\b|\brecord\b[^.;]{0,40}?\b(?:still\s+stands|still\s+stood|remains|set\s+(?:back\s+)?"
    r"in\s+(?:19|20)\d\d)|\b(?:which|that)\s+(?:still\s+)?(?:remains|stands\s+as)\s+the\s+record\b",
    re.IGNORECASE,
)
_MORE_BEFORE_RE = re.compile(
    r"\b(?:larger|bigger|higher|greater|longer|heavier|hotter|more)\b[^.;]{0,80}?\b(?:(?:in|during)"
    r"\s+(?:the\s+)?(?:19|20)\d\d|earlier|before|previously)\b",
    re.IGNORECASE,
)
_ONE_OF_RE = re.compile(
    r"\bone\s+of\s+(?:two|three|four|five|six|several|many|\d+)\s+(?P<what>(?:[\w-]+\s+){0,2}[\w-]+)",
    re.IGNORECASE,
)
_SAID_OF_RE = re.compile(
    r"\b(?:is|was|are|were|be|been|become|became|becomes|as|marks?|marked|makes?|made|making)\s+$",
    re.IGNORECASE,
)
"""What comes before "the first ... to": "She became *the first woman to*", not "*The first
patient to* receive the drug developed a fever" (a first told of, not claimed)."""
_NEGATED_RE = re.compile(r"(?:\b(?:not|never|no)|n['’]t)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_WORD_RE = re.compile(r"\b[a-z][a-z-]+")


def _held(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``text`` that no negation stands just before."""
    return next(
        (m for m in pattern.finditer(text) if not _NEGATED_RE.search(text[: m.start()])), None
    )


def _claimed(text: str) -> tuple[str, re.Match[str]] | None:
    """(kind, match) of the first, record, superlative ever or "only" a claim makes."""
    if _SINCE_RE.search(text):
        return None
    for kind, pattern in (("first", _FIRST_RE), ("record", _RECORD_RE), ("record", _MOST_RE),
                          ("only", _ONLY_RE)):  # fmt: skip
        found = _held(pattern, text)
        if found is None:
            continue
        start = found.group().lower()
        told_of = not start.startswith(("for ", "first-")) and "'s" not in start
        if kind == "first" and told_of and not _SAID_OF_RE.search(text[: found.start()]):
            continue  # "The first patient to receive it developed a fever"
        return kind, found
    return None


def _content(text: str) -> frozenset[str]:
    return frozenset(
        w.removesuffix("s") for w in _WORD_RE.findall(text.lower()) if w not in _STOPWORDS
    )


def _stems(text: str) -> frozenset[str]:
    return frozenset(w[:5] for w in _WORD_RE.findall(text) if w not in _STOPWORDS)


def _near(x: str, at: re.Match[str], y: str, to: re.Match[str]) -> bool:
    """Whether the words around two matches share a word (its first five letters, names
    left out): "the first strike at the plant" / "have now gone on strike four times"."""
    around_x = x[max(0, at.start() - 60) : at.end() + 60]
    around_y = y[max(0, to.start() - 60) : to.end() + 60]
    return bool(_stems(around_x) & _stems(around_y))


def _before(kind: str, first: re.Match[str], x: str, text: str) -> re.Match[str] | None:
    """The words of ``text`` that tell one before the first or record claimed in ``x``."""
    if kind == "only":
        what = _content(first.group("only"))
        return next(
            (m for m in _ONE_OF_RE.finditer(text) if _content(m.group("what")) & what), None
        )
    if kind == "record":
        return _held(_BELOW_RECORD_RE, text) or _held(_MORE_BEFORE_RE, text)
    again = _held(_AGAIN_RE, text)
    if again is not None and _near(x, first, text, again):
        return again
    what = _content(first.group("what") or first.group("ever") or first.group("world") or "")
    return next(
        (
            m
            for m in _ORDINAL_RE.finditer(text)
            if _content(m.group("what")) & what and not _NEGATED_RE.search(text[: m.start()])
        ),
        None,
    )


def _one_thing(a: str, b: str) -> bool:
    """Both claims name one thing: a shared name, or two shared content words without one."""
    names_a, names_b = _proper_nouns(a)[0], _proper_nouns(b)[0]
    if names_a and names_b:
        return bool(names_a & names_b)
    return len(_content(a) & _content(b)) >= 2


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str] | None:
    for x, y, flip in ((a, b, False), (b, a, True)):
        claimed = _claimed(x)
        if claimed is None or _claimed(y) is not None:
            continue
        kind, first = claimed
        before = _before(kind, first, x, y)
        if before is not None and _one_thing(x, y):
            pair = (first.group().strip(), before.group().strip())
            return (pair[1], pair[0]) if flip else pair
    return None


def precedent_clash(a: str, b: str) -> float:
    """1.0 when one claim makes a first or a record and the other tells one before it."""
    return float(_clash(a, b) is not None)


def precedent_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`precedent_clash` as evidence of kind ``"opposite"``.

    Example:
        >>> precedent_evidence("Ann Lee is the first woman to lead the club.",
        ...                    "Ann Lee follows three other women who led the club.")[0].b_value
        'follows three other'
    """
    return clash_evidence(
        _clash(a, b), "opposite", PRECEDENT_SCORE, "a first or a record against one before it"
    )
