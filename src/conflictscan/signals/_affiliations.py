"""One named person placed with two different parties, clubs or employers.

Input: two sentence texts, attribution kept (the one placed is often the speaker: "Ravi
Mehta, a spokesman for Polaris Grid, said …"). Output: :func:`affiliation_clash`, counted
by the combiner feature ``identity_clash``, and ``"identity"``
:class:`~conflictscan.Evidence` (:func:`affiliation_evidence`).

Reports disagree on whose side someone is: "Green Party councillor Naomi Price won the
by-election" / "the by-election was won by Naomi Price, standing for the Liberal Democrats";
"Conservative MP Helen Darby" / "Labour's Helen Darby"; "Dunmore City's Kofi Adjei" / "Kofi
Adjei, the Harbour Athletic forward"; "Dr Selma Hart of the Institute for Fiscal Balance" /
"Dr Selma Hart, a senior economist at the finance ministry". The model reads such pairs as
one claim told twice: the person and the deed agree, and a party or a club is a word beside
the name.

A side is read from the words around a name both claims give (two or more words, the same
surname): before it, a run of capitalised words and a role word ("Kelso Town manager", "Green
Party councillor", "Conservative MP") or a possessive ("Labour's"); after it, "of the X",
"standing for X", "speaking for X", ", a/the … <role> at/of/for/with X" or ", the X <role>".
Two sides clash when they share no word (generic words such as "party", "the", "company"
aside) and are of one kind: a party (a party word: "Labour", "Green Party"), a seat (a
party's role with no party named: "the MP for Westbury"), a club (a role such as "manager",
"striker") or an employer ("spokesman", "economist", "speaking for"); a possessive of no
stated kind meets a club or an employer, never a party or a seat ("Labour councillor X" /
"X, a lawyer at Brant & Co" may both hold). A side told as former ("the former Ardwick
Rovers boss", "who left Ardwick Rovers last summer") is no side now and is not read; role
words ("General secretary", "Defence lawyer"), days and institutions ("the Supreme Court")
name no side and no person.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._dates import _CALENDAR_WORDS
from conflictscan.signals._evidence import clash_evidence
from conflictscan.text._syntax import words

AFFILIATION_SCORE = 0.8
"""Strength of the evidence, the same as the combiner's floor for ``identity_clash``."""
_PARTY_ROLES = (
    r"councillor|MP|MEP|senator|congressman|congresswoman|assemblyman|assemblywoman|lawmaker|"
    r"candidate|nominee|activist"
)
_CLUB_ROLES = (
    r"manager|boss|head\s+coach|coach|striker|forward|winger|defender|midfielder|goalkeeper|"
    r"captain|player|rider|driver"
)
_WORK_ROLES = (
    r"chairman|chairwoman|chair|chief|executive|spokesman|spokeswoman|spokesperson|economist|"
    r"analyst|director|president|secretary|engineer|lawyer|researcher|professor|scientist|"
    r"adviser|advisor|founder|owner|official"
)
_ROLES = rf"(?:{_PARTY_ROLES}|{_CLUB_ROLES}|{_WORK_ROLES})"
_KINDS = (
    ("party", re.compile(rf"\b(?:{_PARTY_ROLES}|standing|running)\b")),
    ("club", re.compile(rf"\b(?:{_CLUB_ROLES})\b")),
    ("work", re.compile(rf"\b(?:{_WORK_ROLES}|speaking)\b")),
)
_PARTY_WORDS = words(
    "party labour conservative conservatives tory tories green greens liberal democrat "
    "democrats democratic republican republicans socialist socialists independent"
)
_CAPS = r"(?:[A-Z][\w'’&.-]*(?:\s+(?:of|for|and|de|the)\s+|\s+)){0,4}[A-Z][\w'’&.-]*"
_BEFORE_RE = re.compile(
    rf"(?P<side>{_CAPS})(?:['’]s\s+|\s+(?:(?!(?:that|the|and|as|of|to|for|with|who|which|"
    rf"said|says)\s)[a-z-]+\s+)?{_ROLES}\s+)$"
)
_ORG = (
    rf"(?:[a-z-]+\s+){{0,3}}?(?:{_CAPS}|[a-z-]+(?=[,.;]|\s+(?:and|which|who|that|said|says|on|"
    rf"in|at)\b|$))"
)
"""An employer or party after its role: "the energy company Polaris Grid", "the finance
ministry"."""
_AFTER_RE = re.compile(
    rf"^(?:\s+of\s+the\s+(?:[a-z-]+\s+){{0,2}}(?P<of>{_CAPS})"
    rf"|,?\s+(?:standing|speaking|running)\s+for\s+(?:the\s+)?(?P<for>{_ORG})"
    rf"|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{_ROLES}\s+(?:at|of|for|with)\s+(?:the\s+)?"
    rf"(?P<at>{_ORG})"
    rf"|,\s+the\s+(?P<own>{_CAPS})\s+{_ROLES}\b)",
)
_FORMER_RE = re.compile(
    r"\b(?:former|ex|then|previously|onetime|one-time|outgoing|retired|left|leaving|old|"
    r"quit|joined\s+from)\b[\s-]+(?:[\w,]+\s+){0,3}$",
    re.IGNORECASE,
)
_GENERIC = words(
    "the party parties company club group inc ltd plc of for and independent regional "
    "national local state city's its their energy"
)
_TITLES = words(
    "Dr Mr Mrs Ms Miss Judge Justice President Prime Minister Sir Dame Professor Prof Mayor "
    "Chief Senator Councillor Former Veteran The A An Officer Detective Sergeant Captain "
    "Coach Rev Father Sister Lord Lady Deputy Acting Interim"
)
_NO_SIDE = _CALENDAR_WORDS | words(
    "Defence Defense Prosecution Health Lead General Senior Chief Deputy Assistant Head Team "
    "Police Government Opposition Foreign Finance Interior Justice Union County City State "
    "Federal Regional Local National Acting Interim Former Veteran Campaign Party Club Company "
    "Group Board Council"
)
"""Capitalised words that name no side on their own ("General secretary Greta Holm",
"Defence lawyer Dragana Ilic", "on Monday that coach …")."""
_INSTITUTIONS = words(
    "Court Party Council University Ministry Bank Company Group Club City County United Town "
    "Association Union Agency Service Institute Department Office Committee Commission Police "
    "Hospital School Airport Station Street Road Bridge River Cup League Fund Trust Authority "
    "Centre Center Museum Prize Award Parliament Assembly Senate Government"
)
"""Last words of names that are no person's: "the Supreme Court", "the Kestrel Cup"."""
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"
_NAME_RE = re.compile(rf"\b{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}\b(?!['’]s)")


def _people(text: str) -> dict[str, str]:
    """Surname -> name as written, for names of two or three capitalised words."""
    found = {}
    for match in _NAME_RE.finditer(text):
        parts = [p for p in match.group().split() if p not in _TITLES]
        if len(parts) >= 2 and parts[-1] not in _INSTITUTIONS:
            found[parts[-1]] = " ".join(parts)
    return found


def _names_side(side: str) -> bool:
    """Whether a side read is one: not only words that name none ("General", "Monday")."""
    told = side.split()
    return (
        not any(w in _NO_SIDE for w in told if w.istitle())
        or len(told) > 1
        and not any(w.rstrip(".") in _CALENDAR_WORDS for w in told)
    )


def _side_words(side: str) -> frozenset[str]:
    out = (w.lower().removesuffix("'s").removesuffix("’s").rstrip(".") for w in side.split())
    return frozenset(w.removesuffix("s") for w in out if w and w not in _GENERIC)


def _side(text: str, name: str) -> tuple[str, str] | None:
    """(the side the claim gives ``name``, the words that give it), read just before or
    after the name; None when there is none, or when it is told as a former one."""
    at = text.find(name)
    if at < 0:
        return None
    before = text[:at]
    found = _BEFORE_RE.search(before[-80:])
    if found is not None:
        side = found.group("side")
        start = len(before) - len(before[-80:]) + found.start()
        first = side.split()[0]
        if first not in _TITLES and not _FORMER_RE.search(text[:start]):
            return side, found.group()
    after = _AFTER_RE.search(text[at + len(name) :])
    if after is None:
        return None
    side = next(g for g in after.groups() if g)
    lead = text[at + len(name) : at + len(name) + after.start(after.lastindex or 0)]
    return None if _FORMER_RE.search(lead) else (side, after.group())


def _kind(side: str, told: str) -> str:
    """ "party", "seat", "club" or "work" from the side's words and the role word that gives
    it; "" when neither tells (a possessive: "Dunmore City's Kofi Adjei"). A party's role
    with no party named is a seat ("the MP for Westbury"), not a party."""
    if _side_words(side) & _PARTY_WORDS or "party" in side.lower().split():
        return "party"
    kind = next((kind for kind, role in _KINDS if role.search(told)), "")
    return "seat" if kind == "party" else kind


def _one_kind(x: str, y: str) -> bool:
    """Sides of one kind can clash: a party and an employer cannot ("Labour councillor X" /
    "X, a lawyer at Brant & Co" are both true); a side of no stated kind meets a club or an
    employer."""
    return x == y or (not x or not y) and not {"party", "seat"} & {x, y}


@lru_cache(maxsize=4096)
def affiliation_clash(a: str, b: str) -> tuple[str, str, str] | None:
    """(side in ``a``, side in ``b``, the person) when the two claims place one named person
    with two sides that share no word; else None.

    Example:
        >>> affiliation_clash("Conservative MP Helen Darby called for an inquiry.",
        ...                   "Labour's Helen Darby demanded an investigation.")
        ('Conservative', 'Labour', 'Helen Darby')
    """
    people_a, people_b = _people(a), _people(b)
    for surname in people_a.keys() & people_b.keys():
        name_a, name_b = people_a[surname], people_b[surname]
        found_a, found_b = _side(a, name_a), _side(b, name_b)
        if found_a is None or found_b is None:
            continue
        (side_a, told_a), (side_b, told_b) = found_a, found_b
        if not _names_side(side_a) or not _names_side(side_b):
            continue
        words_a, words_b = _side_words(side_a), _side_words(side_b)
        if not words_a or not words_b or words_a & words_b:
            continue
        if _one_kind(_kind(side_a, told_a), _kind(side_b, told_b)):
            return side_a, side_b, max(name_a, name_b, key=len)
    return None


def affiliation_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`affiliation_clash` as evidence of kind ``"identity"``."""
    found = affiliation_clash(a, b)
    if found is None:
        return []
    side_a, side_b, who = found
    return clash_evidence(
        (side_a, side_b), "identity", AFFILIATION_SCORE, f"{who} placed with two sides"
    )
