"""Surface denials: the proposition a sentence denies ("X denied that ...")."""

from __future__ import annotations

import re

from conflictscan._checks import _wordset

# ---------------------------------------------------------------------------------------
# Denials
# ---------------------------------------------------------------------------------------

_DENY_VERBS = (
    r"(?:denied|denies|deny|denying|dismissed|dismisses|dismissing|rejected|rejects|rejecting"
    r"|refuted|refutes|disputed|disputes|rubbished|rubbishes|rebuffed|rebuffs|rebuffing"
    r"|debunked|debunks|debunking)"
)
_DISMISS_VERBS = (
    r"(?:called|calls|described|describes|labelled|labeled|branded|termed|dubbed"
    r"|characteri[sz]ed|characteri[sz]es|portrayed|portrays)"
)
_REPORT_NOUNS = (
    r"(?:(?:the|all|these|those|recent|media|press|news|newspaper|online|widespread)\s+)*"
    r"(?:reports?|claims?|suggestions?|allegations?|rumou?rs?|speculation|accusations?"
    r"|assertions?|stories|story|idea|notion|(?:conspiracy\s+)?theory|theories|myths?|talk)"
)
_FALSE_WORDS = (
    r"(?:not true|untrue|false|baseless|unfounded|groundless|wrong|incorrect|inaccurate"
    r"|nonsense|rubbish|fabricated|fake|lies|a lie|ridiculous|absurd|misleading|speculation)"
)
_DEGREE = r"(?:(?:completely|simply|totally|absolutely|entirely|utterly|categorically)\s+)?"
_NEGATED_DENIAL_RE = re.compile(
    r"(?:\bnot|n't|\bnever|\brefused to|\bdeclined to|\bfailed to|\bwould)\s+\w*\s*$", re.I
)
_NOT_OF = r"(?:that\s+)?(?!of\b)"
_NOT_MODIFIERS = (
    r"(?:the|a|an|any|all|these|those|such|his|her|their|its|our|recent|media|press|news"
    r"|that|as|of|and|or)"
)
# Each pattern marks the proposition with a ``prop`` group (a clause), a ``ger`` group
# (a gerund phrase "planning to resign") or an ``np`` group (after "reports of"). The flag
# says whether a dismissive word ("nonsense", "false") must follow the proposition.
_DENIAL_PATTERNS: tuple[tuple[re.Pattern[str], bool], ...] = tuple(
    (re.compile(p, re.IGNORECASE), needs_false_word)
    for p, needs_false_word in (
        (rf"\b{_DENY_VERBS}\s+{_REPORT_NOUNS}\s+{_NOT_OF}(?P<prop>\w.+)", False),
        (rf"\b{_DENY_VERBS}\s+{_REPORT_NOUNS}\s+of\s+(?P<np>\w.+)", False),
        # "denied takeover reports", "brushed aside snap election rumours"
        (
            rf"\b(?:{_DENY_VERBS}|brush(?:ed|es)?\s+aside)\s+(?:(?:media|press|news)\s+)?"
            rf"(?!{_NOT_MODIFIERS}\b)(?P<mod>[a-z][\w-]*(?:\s+(?!{_NOT_MODIFIERS}\b)[a-z][\w-]*)?)"
            r"\s+(?:reports|rumou?rs|claims|speculation)\b",
            False,
        ),
        (rf"\b{_DISMISS_VERBS}\s+{_REPORT_NOUNS}\s+{_NOT_OF}(?P<prop>\w.+)", True),
        (
            rf"\b(?:{_DENY_VERBS}|{_DISMISS_VERBS})\s+as\s+[^,]{{1,40}}?\s+{_REPORT_NOUNS}\s+"
            rf"{_NOT_OF}(?P<prop>\w.+)",
            False,
        ),
        (
            # "there was \"no truth whatsoever\" to reports", "absolutely no truth in"
            rf"\bthere\s+(?:is|was|'s)\s+[\"“]?(?:absolutely\s+)?no\s+truth(?:\s+whatsoever)?"
            rf"[\"”]?\s+(?:to|in)\s+{_REPORT_NOUNS}\s+"
            rf"{_NOT_OF}(?P<prop>\w.+)",
            False,
        ),
        (
            rf"\b(?:it\s+(?:is|was)|it's)\s+{_DEGREE}(?:{_FALSE_WORDS})\s+(?:to\s+say\s+)?"
            r"that\s+(?P<prop>\w.+)",
            False,
        ),
        (
            rf"(?:^|\b{_REPORT_NOUNS}\s+)that\s+(?P<prop>\w.+?)\s+(?:is|are|was|were)\s+"
            rf"{_DEGREE}{_FALSE_WORDS}\b",
            False,
        ),
        # "a report claiming (that) P, is nothing but a lie"
        (
            rf"\b{_REPORT_NOUNS}\s+(?:claiming|saying|suggesting|alleging|stating)\s+"
            rf"(?:that\s+)?(?P<prop>\w.+?),?\s+(?:is|are|was|were)\s+(?:nothing,?\s+but\s+)?"
            rf"{_DEGREE}{_FALSE_WORDS}\b",
            False,
        ),
        (rf"\b{_DENY_VERBS}\s+that\s+(?P<prop>\w.+)", False),
        (rf"\b{_DENY_VERBS}\s+(?P<prop>(?:he|she|they|it|we|i|there)\s+\w.+)", False),
        (rf"\b{_DENY_VERBS}\s+(?P<ger>\w+ing\s.+)", False),
    )
)
_PROP_END_RE = re.compile(
    rf"\s+as\s+[\"'“‘]|\s+as\s+{_DEGREE}{_FALSE_WORDS}\b"
    r"|\s[\"“‘']|,\s*(?:calling|saying|describing|adding|insisting)\b"
    r"|,\s*(?:\w+\s+){0,3}(?:said|says|told|added)\b|[.;!?]\s*$|,\s*$",
    re.IGNORECASE,
)
_SUBJECT_DROP_RE = re.compile(
    r"\b(?:(?:on|last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|yesterday|today|also|has|have|had|\w+ly)\b",
    re.IGNORECASE,
)


_NOT_CLAUSE_START = _wordset("and or but as by to in on for with from about over says said")


def _clean_prop(prop: str) -> str | None:
    """Cut quotes, "as 'nonsense'" and trailing attribution off a proposition."""
    match = _PROP_END_RE.search(prop)
    prop = prop[: match.start()] if match else prop
    prop = prop.strip(" ,.;:!?\"'“”‘’")
    words = prop.split()
    if len(words) < 2 or words[0].lower() in _NOT_CLAUSE_START:
        return None  # "denies claim and says …" denies nothing stated
    return prop


def _gerund_clause(text: str, match: re.Match[str]) -> str | None:
    """ "Smith flatly denied planning to resign" -> "Smith was planning to resign"."""
    subject = _SUBJECT_DROP_RE.sub(" ", text[: match.start()])
    subject = " ".join(subject.replace(",", " ").split()[-4:]) or "they"
    gerund = match.group("ger")
    first, _, rest = gerund.partition(" ")
    plural = subject.lower() in ("they", "we", "you")
    if first.lower() == "having":
        clause = f"had {rest}"
    elif first.lower() == "being":
        clause = f"{'were' if plural else 'was'} {rest}"
    else:
        clause = f"{'were' if plural else 'was'} {gerund}"
    return _clean_prop(f"{subject} {clause}")


def _denial_from_match(text: str, match: re.Match[str]) -> str | None:
    if _NEGATED_DENIAL_RE.search(text[: match.start()]):
        return None
    groups = match.groupdict()
    if groups.get("ger"):
        return _gerund_clause(text, match)
    if groups.get("mod"):
        mod = groups["mod"]
        return f"there was {'an' if mod[0].lower() in 'aeiou' else 'a'} {mod}"
    if groups.get("np"):
        noun_phrase = _clean_prop(groups["np"])
        return f"there was {noun_phrase}" if noun_phrase else None
    return _clean_prop(groups["prop"])


def _dismissal_confirmed(needs_false_word: bool, text: str, match: re.Match[str]) -> bool:
    """ "Called reports that … X" only denies when X is a word such as "nonsense"."""
    if not needs_false_word:
        return True
    rest = text[match.start("prop") :]
    return re.search(rf"\b{_FALSE_WORDS}\b", rest, re.IGNORECASE) is not None


_DENIED_THING_RE = re.compile(
    rf"\b{_DENY_VERBS}\s+(?:(?:the|any|all|these|those|such|his|her|their|its)\s+)?"
    r"(?:allegations?|charges?|accusations?|reports?|claims?|wrongdoing|involvement)\b",
    re.IGNORECASE,
)


def surface_denial(text: str) -> tuple[int, str | None] | None:
    """Where a denial starts in ``text`` and what it denies, by surface patterns alone.

    The fallback of :func:`denied_proposition` when spaCy is not installed. A denial of
    a thing rather than a stated proposition ("denied the allegations") gives
    ``(start, None)``.

    Args:
        text: A sentence.

    Returns:
        ``(offset of the denial, proposition or None)``, or ``None`` when it denies nothing.
    """
    for pattern, needs_false_word in _DENIAL_PATTERNS:
        for match in pattern.finditer(text):
            if not _dismissal_confirmed(needs_false_word, text, match):
                continue
            prop = _denial_from_match(text, match)
            if prop:
                return match.start(), prop
    match = _DENIED_THING_RE.search(text)
    if match and not _NEGATED_DENIAL_RE.search(text[: match.start()]):
        return match.start(), None
    return None
