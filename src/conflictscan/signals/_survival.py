"""One person said to have died against the same person said to have come through.

Input: two claim texts (attribution already removed). Output: the combiner feature
``survival_clash`` (:func:`survival_clash`) and ``"state"`` :class:`~conflictscan.Evidence`
(:func:`survival_evidence`).

Early reports of a crash or an attack often disagree on whether a victim lived: "The pilot
was killed when the plane crashed" / "The pilot survived the crash with minor injuries".
The model reads many such pairs as contradictions, but the combiner, which weighs the model
against the news stories' many look-alikes, keeps some under the threshold. Only outcomes
that a later report cannot overtake count as coming through: survived, found or freed alive
or unharmed, minor injuries, walked away, is recovering. "In a critical condition" is no
such outcome (the victim may die later: an update, not a clash); "in stable condition" or
"expected to make a full recovery" is, unless the death is told later ("later died") or
dated after it. A body found says who died, whoever found it ("Rescuers recovered the body
of the missing hiker"). Both claims must be about the same person or group (the subject,
read from the parse, named alike, or a role against the same role with the name given
aside: "Pilot Hanna Kirsch" / "The pilot …, named locally as Hanna Kirsch,"), neither may
count part of a group (a count the other claim gives as the whole group, "Two miners" /
"the bodies of the two miners", is that group) or say both outcomes, and a negated death
("was not killed") is none.

Coming to harm is read the same way: "The guard was not hurt" / "The guard was in stable
condition in hospital" (the model reads 0.01). Hurt is injured, wounded, hospitalised, in
any condition, or dead; unhurt is "not hurt", unharmed, unscathed, "escaped injury". "Not
seriously hurt" is hurt a little, so it is neither.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._dates import _dates
from conflictscan.signals._evidence import clash_evidence
from conflictscan.signals._scene import part_of_group, unsettled
from conflictscan.signals._subjects import _one, same_target, subject
from conflictscan.signals._timing import _time_order

SURVIVAL_SCORE = 0.8
"""Strength of the evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""
_DIED_RE = re.compile(
    r"\b(?:died|drowned|perished|succumbed|(?:was|were|been)\s+(?:(?!not\b|never\b)\w+\s+)?"
    r"(?:killed|shot\s+dead|stabbed\s+to\s+death|beaten\s+to\s+death|found\s+dead)|"
    r"lost\s+(?:his|her|their)\s+lives?|(?:is|are|was|were)\s+dead)\b",
    re.IGNORECASE,
)
_LIVED_RE = re.compile(
    r"\b(?:survived|(?:found|pulled|rescued|freed|released|recovered)\s+(?:\w+\s+){0,4}?"
    r"(?:alive|unharmed|unhurt|safe\s+and\s+well)|escaped\s+(?:\w+\s+){0,2}?(?:unhurt|unharmed|"
    r"uninjured|with\s+(?:minor|slight)\s+(?:injuries|cuts|bruises))|with\s+(?:only\s+)?"
    r"(?:minor|slight)\s+injuries|walked\s+away|(?:is|are)\s+(?:now\s+)?recovering|"
    r"(?:is|are)\s+(?:still\s+)?alive)\b",
    re.IGNORECASE,
)
_CONDITION_RE = re.compile(
    r"\bin\s+(?:a\s+)?(?:(?:serious|critical)\s+but\s+)?(?:stable|good|satisfactory|fair|"
    r"comfortable)\s+condition\b|\bcondition\s+(?:(?:was|is)\s+)?(?:described\s+as\s+|said\s+to\s+"
    r"be\s+)?(?:stable|good|satisfactory|comfortable)\b|\bexpected\s+to\s+"
    r"(?:make\s+a\s+full\s+recovery|(?:fully\s+)?recover|survive)\b|\b(?:released|discharged)\s+"
    r"from\s+(?:[\w'’]+\s+){0,3}?hospital\b",
    re.IGNORECASE,
)
"""A victim said to be doing well or sent home ("in a serious but stable condition", "her
condition was described as stable", "was discharged from hospital"): alive when said, so a
death told for an earlier day, or for none, clashes; a death told later ("later died",
"died on Tuesday" after "stable on Monday") is an update."""
_UNHURT_RE = re.compile(
    r"\b(?:(?:was|were|is|are)\s+(?:not|n['’]t)\s+(?:hurt|injured|harmed|wounded)|unhurt|"
    r"unharmed|uninjured|unscathed|escaped\s+injury|without\s+(?:a\s+scratch|injury))\b",
    re.IGNORECASE,
)
_HURT_RE = re.compile(
    r"\b(?:(?:was|were|is|are|been)\s+(?:\w+ly\s+)?(?:hurt|injured|wounded)|suffered\s+"
    r"(?:\w+\s+){0,2}?(?:injuries|wounds|burns)|(?:minor|slight|serious)\s+injuries|in\s+"
    r"(?:a\s+)?(?:stable|critical|serious|fair)\s+condition|(?:taken|rushed|airlifted)\s+to\s+"
    r"(?:a\s+|the\s+)?(?:\w+\s+){0,2}?hospital|(?:is|was|are|were)\s+in\s+hospital|"
    r"hospitali[sz]ed)\b",
    re.IGNORECASE,
)
"""Someone said to have come to harm, and to have come through unhurt: "The guard was not
hurt" / "The guard, 52, was in stable condition in hospital". Dying is coming to harm."""
_NOBODY_RE = re.compile(r"\b(?:nobody|none|no|not\s+(?:a\s+single|one|any))\b", re.IGNORECASE)
"""Words before "was hurt" that make it a count of none: "No passengers", "Not a single
passenger"."""
_LATER_RE = re.compile(r"\b(?:later|subsequently|eventually|since)\b", re.IGNORECASE)
_NEGATED_RE = re.compile(r"(?:\b(?:not|never|no)|n['’]t)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# Whose body: "the body of the missing boy", "Anna Berg's body".
_WHOSE_BODY = r"(?P<words>bod(?:y|ies)\s+of\s+(?P<of>[^,]+?)|(?P<own>[^,]+?)['’]s?\s+bod(?:y|ies))"
_FINDING = r"found|recovered|pulled|retrieved|discovered"
_BODY_RE = re.compile(
    # "The body of the missing boy was found", "Anna Berg's body was recovered from the
    # lake", "On Friday, the bodies of two climbers were found", "The body of Greta Lund,
    # the hiker reported missing, was recovered": whose body, and the words.
    rf"^(?:[^,]{{0,40}},\s+)?(?:(?:the\s+)?{_WHOSE_BODY}(?:,[^,]{{1,80}},)?\s+(?:was|were|has|"
    rf"have|had)\s+(?:been\s+)?(?:{_FINDING}|washed|identified))\b",
    re.IGNORECASE,
)
_FOUND_BODY_RE = re.compile(
    # "Rescuers recovered the body of the missing hiker", "Divers found Anna Berg's body":
    # the finders are the subject, the body the object.
    rf"^[^,]{{0,60}}?\b(?P<verb>{_FINDING})\s+(?:the\s+)?{_WHOSE_BODY}"
    r"(?=\s*(?:,|$|\s(?:from|in|near|close|on|at|off|after|late|early|by)\b))",
    re.IGNORECASE,
)


def _body(text: str) -> tuple[str, str] | None:
    """(whose body, the words) when the claim has someone's body found: that one died."""
    found = _BODY_RE.search(text)
    if found is None:
        found = _FOUND_BODY_RE.search(text)
        if found is None or _NEGATED_RE.search(text[: found.start("verb")]):
            return None  # "Divers have not found the body of the missing boy"
    who = found.group("of") or found.group("own")
    return who, text[found.start("words") if found.group("of") else found.start("own") :
                     found.end()]  # fmt: skip


def _unnegated(text: str, *patterns: re.Pattern[str]) -> re.Match[str] | None:
    """The first match of any of ``patterns`` that is not negated ("was not killed")."""
    return next(
        (
            m
            for pattern in patterns
            for m in pattern.finditer(text)
            if not _NEGATED_RE.search(text[: m.start()])
        ),
        None,
    )


def _one_of(
    text: str, yes: re.Match[str] | None, no: re.Match[str] | None, kinds: tuple[str, str]
) -> tuple[str, str] | None:
    """(kind, words) of the one outcome found, ``kinds[0]`` for ``yes``; None when there
    are both or neither, or when the claim counts part of a group or leaves it open."""
    if (yes is None) == (no is None):
        return None
    found, kind = (yes, kinds[0]) if yes else (no, kinds[1])
    assert found is not None
    before = text[: found.start()]
    if part_of_group(before) or unsettled(before):
        return None
    return kind, found.group()


def _outcome(text: str) -> tuple[str, str] | None:
    """("died" or "lived", the words that say so), or None (neither, both, negated, or a
    count of part of a group)."""
    lived = _unnegated(text, _LIVED_RE, _CONDITION_RE)
    body = _body(text)
    if body is not None and lived is None and not unsettled(text[: text.find(body[1])]):
        return "died", body[1]
    return _one_of(text, _unnegated(text, _DIED_RE), lived, ("died", "lived"))


_DEATH_OF_RE = re.compile(
    r"^(?:the\s+death\s+of\s+(?P<of>[^,]+?)|(?P<own>[^,]+?)['’]s?\s+death)\s+"
    r"(?:was|is|has|had|were)\b",
    re.IGNORECASE,
)


def _as_told(text: str) -> str:
    """The claim whose subject says who it is about: "The body of the missing boy was
    found" is about the missing boy, and "The singer's death was not suspicious" about the
    singer."""
    body = _body(text)
    if body is not None:
        return f"{body[0]} died."
    death = _DEATH_OF_RE.search(text)
    return text if death is None else f"{death.group('of') or death.group('own')} died."


def same_person(a: str, b: str) -> bool:
    """One subject named alike ("The pilot was killed" / "The pilot survived the crash"),
    or one thing acted on ("Divers pulled the boy alive from the lake" / "The boy
    drowned"). The deaths read are passive or have no object, so their subject died."""
    sa, sb = subject(_as_told(a)), subject(_as_told(b))
    if sa is None or sb is None or sa.other or sb.other:
        return False  # "the climber" / "a second climber" are two
    named = bool(sa.head) and _one(sa.head, sa.names, sb.head, sb.names)
    return (
        named
        or same_target(_as_told(a), _as_told(b))
        or _named_aside(sa.head, sa.names, sb.head, b)
        or _named_aside(sb.head, sb.names, sa.head, a)
    )


def _named_aside(head: str, names: frozenset[str], other_head: str, other: str) -> bool:
    """ "Pilot Hanna Kirsch" / "The pilot of the aircraft, named locally as Hanna Kirsch,":
    the other subject is the role named before the name, and the name is given aside."""
    person = [n for n in names if n not in (other_head, head)] + [head]
    if other_head not in names or len(set(person)) < 2:
        return False
    told = _ASIDE_RE.search(other)
    return told is not None and set(person) <= set(told.group("who").lower().split())


_ASIDE_RE = re.compile(
    r"(?:(?:named|identified)\s+(?:\w+\s+)?as|,)\s+(?P<who>(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)"
    r"\s*,"
)


_COUNT_NOUN_RE = re.compile(
    r"^\W*(?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<noun>[a-z]+)\b",
    re.IGNORECASE,
)


def _regrouped(text: str, other: str) -> str:
    """ "Two miners were pulled out alive" against "the bodies of the two miners": a count
    the other claim gives as the whole group ("the two miners") is that group, not a part
    of it, so the claim is read as "The miners were pulled out alive"."""
    found = _COUNT_NOUN_RE.match(text)
    if found is None:
        return text
    whole = rf"\bthe\s+{found.group('count')}\s+{found.group('noun')}\b"
    if not re.search(whole, other, re.IGNORECASE):
        return text
    return f"The {found.group('noun')}{text[found.end() :]}"


def _harm(text: str) -> tuple[str, str] | None:
    """("hurt" or "unhurt", the words that say so), or None (neither, both, or a count of
    part of a group)."""
    hurt = _unnegated(text, _HURT_RE, _DIED_RE)
    if hurt is not None and _NOBODY_RE.search(text[: hurt.start()]):
        return None  # "Nobody was hurt": a count of none, read by the numbers stage
    return _one_of(text, hurt, _UNHURT_RE.search(text), ("hurt", "unhurt"))


@lru_cache(maxsize=4096)
def _harm_clash(a: str, b: str) -> tuple[str, str] | None:
    harm_a, harm_b = _harm(a), _harm(b)
    if harm_a and harm_b and harm_a[0] != harm_b[0] and same_person(a, b):
        return harm_a[1], harm_b[1]
    return None


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str] | None:
    a, b = _regrouped(a, b), _regrouped(b, a)
    out_a, out_b = _outcome(a), _outcome(b)
    if out_a is None or out_b is None or out_a[0] == out_b[0] or not same_person(a, b):
        return None
    lived, told, died = (a, out_a[1], b) if out_a[0] == "lived" else (b, out_b[1], a)
    if _CONDITION_RE.search(told) and _update(lived, died):
        return None  # "stable on Monday" / "died on Tuesday": an update
    return out_a[1], out_b[1]


def _update(lived: str, died: str) -> bool:
    """Whether a death may have followed the good condition told: "later died", or dated
    after it ("stable on Monday" / "died on Tuesday")."""
    if _LATER_RE.search(died):
        return True
    orders = {_time_order(x, y) for x in _dates(lived, None) for y in _dates(died, None)}
    return -1 in orders


def survival_clash(a: str, b: str) -> float:
    """1.0 when one claim has someone die and the other has the same one come through, or
    one has someone hurt and the other has the same one unhurt."""
    return float(_clash(a, b) is not None or _harm_clash(a, b) is not None)


def survival_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`survival_clash` as evidence of kind ``"state"``.

    Example:
        >>> survival_evidence("The pilot was killed in the crash.",
        ...                   "The pilot survived the crash.")[0].note  # doctest: +SKIP
        "died in one claim, came through in the other: 'was killed' vs 'survived'"
    """
    found = _clash(a, b)
    if found is None:
        harm = _harm_clash(a, b)
        return clash_evidence(
            harm, "state", SURVIVAL_SCORE, "hurt in one claim, unhurt in the other"
        )
    return clash_evidence(
        found, "state", SURVIVAL_SCORE, "died in one claim, came through in the other"
    )
