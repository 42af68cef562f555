"""Separate what a news sentence claims from who it says claims it.

Input: :class:`~conflictscan.results.Sentence`. Output: a copy with ``claim`` (the content
that gets scored), ``speaker`` (a short noun phrase: "the ministry", "Gen. Tarn") and
``attribution`` (the phrase as written: "the ministry said in a statement"). Offsets stay
those of the original sentence.

The rules are plain regular expressions over a few tables (speech verbs, time and place
modifiers, objects of "told"), tried in the order of :data:`FORMS`. They favour precision
over recall: a sentence is only split when the speaker is a plausible noun phrase and the
rest reads as a claim; anything doubtful keeps its whole text as the claim.

* Leading datelines ("VELDHAVEN, Oct. 3 (Wire) - ") are dropped (:func:`strip_dateline`).
* Denials and dismissals ("denied that", "dismissed reports that … as nonsense",
  "rejected claims that") are never split: the verb carries the claim's polarity, so the
  whole sentence stays the claim (``conflictscan.signals`` reads denials).
* Negated or empty speakers ("Nobody said …", "did not say") and non-clauses
  ("Police said nothing about …", "said goodbye") are left alone.
* Claims lose wrapping quotes and dangling commas, and runs of whitespace (line breaks in
  hard-wrapped text) become one space; otherwise they are kept as written,
  so a claim cut from the end of a sentence ("…, the mayor said.") has no final period.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from conflictscan.errors import InputError
from conflictscan.results import Sentence

__all__ = ["FORMS", "SPEECH_VERBS", "normalise", "normalise_all", "strip_dateline"]

# --------------------------------------------------------------------------- tables


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS: dict[str, bool] = {
    **dict.fromkeys(
        _words(
            "said says say told tells added adds insisted insists claimed claims warned warns "
            "stressed stresses noted argued argues wrote writes explained explains"
        ),
        True,
    ),
    **dict.fromkeys(
        _words(
            "confirmed confirms announced announces reported reports revealed disclosed "
            "acknowledged alleged asserted stated estimated predicted maintained conceded "
            "showed show shows"
        ),
        False,
    ),
}
"""Verbs that attribute a claim. ``True``: "X said the …" may omit "that"; ``False``: the
prefix form needs "that" ("X confirmed that …"), the suffix form ("…, X confirmed.") not."""

_TELL = frozenset({"told", "tells"})
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing)"
    r"|disput(?:e|es|ed|ing)|contest(?:s|ed|ing)?|contradict(?:s|ed|ing)?|play(?:s|ed)? down)\b",
    re.IGNORECASE,
)
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MODIFIERS = (
    rf"(?:late |early )?on {_DAY}(?: (?:morning|afternoon|evening|night))?",
    r"(?:last|this|next) (?:week|month|year|night|morning|weekend)",
    r"yesterday|today|tonight|earlier|later|recently|again|also|repeatedly|privately|publicly",
    r"on (?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2}",
    r"in (?:a|an|its|his|her|their|the) (?:\w+ )?(?:statement|interview|letter|post|report"
    r"|briefing|speech|email|note|filing|release)(?: (?:to|with|on) (?:the )?\w[\w'’]*"
    r"(?: [A-Z][\w'’.]*){0,2})?",
    r"(?:at|during) (?:a|an|the) (?:\w+ )?(?:news conference|press conference|briefing"
    r"|hearing|meeting|rally|summit)",
    r"on (?:Twitter|X|Facebook|television|radio|social media)",
)
_MODS = rf"(?:\s+(?:{'|'.join(_MODIFIERS)}))*"
_TOLD_OBJECT = (
    r"(?:reporters|journalists|lawmakers|legislators|parliament|Parliament|me|us|him|her|them"
    r"|the (?:press|council|court|committee|assembly|crowd|audience|panel|inquiry|newspaper)"
    r"|(?:a|the) (?:news conference|press conference|briefing|hearing)"
    r"|(?:the )?[A-Z][\w'’.]*(?: [A-Z][\w'’.]*){0,2})"
)
_VERB = rf"(?P<verb>{'|'.join(sorted(SPEECH_VERBS, key=len, reverse=True))})"
_NP = r"(?P<speaker>[\w'’.$%-]+(?: [\w'’.$%-]+){0,7}?)"
_AUX = r"(?:(?:has|have|had) )?"
_TELL_TAIL = rf"{_MODS}(?:\s+(?P<obj>{_TOLD_OBJECT}))?{_MODS}"
_END = r"\s*[.!]?[\"”’]?$"
_SEP = r"(?:,[\"”’]?|[\"”’],)\s+"

_NOT_IN_SPEAKER = _words(
    "nobody no none neither nor not never nothing what who which whom whose that whether if when "
    "because as since after before while although though but and or so than unless until "
    "did does do is was were are be been will would could can may might should must shall "
    "it's there here"
)
_DETERMINERS = _words("the a an his her their its our my your this that these those")
_NOT_A_CLAUSE_START = _words(
    "nothing little much something anything goodbye hello so sorry thanks to about in "
    "on at for with after before during of by from"
)
_FINITE = re.compile(
    r"\b(?:is|was|were|are|am|be|been|being|will|would|could|can|may|might|must|should|shall"
    r"|had|has|have|did|does|do|rose|fell|grew|shrank|won|lost|paid|spent|sold|bought|left|began"
    r"|fled|took|gave|knew|met|held|kept|made|sent|went|came|saw|thought|fought|found|struck"
    r"|hit|ran|broke|built|caught|drove|flew|got|heard|led|meant|put|shot|shut|spoke|stood"
    r"|stole|threw|wrote|hid|brought|drew|fed|felt|hung|lay|lit|sat|slept|spread|swept|taught"
    r"|tore|withdrew|told|said)\b|n't\b"
    r"|\b(?!(?:the|a|an) )\w+ \w{3,}ed\b",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------- datelines

_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3})"
    r"(?:,\s*[A-Z][\w.'’-]*(?:,?\s+[\w.'’-]+){0,4})?"
    r"(?:\s*\([^()\n]{1,40}\))?"
    r"\s*(?:--?|–|—)\s*(?=[\"“‘A-Z0-9])"
)


def strip_dateline(text: str) -> int:
    """Length of a leading dateline or wire tag, separator and spaces included.

    Recognises an all-caps place, an optional ", Region" or ", Oct. 3", an optional
    "(Agency)" and a dash: "VELDHAVEN, Oct. 3 (Wire) - ", "LONDON (Reuters) — ",
    "PARIS, France —", "WASHINGTON —". The text after it must start with a capital, digit
    or quote, so "NATO — the alliance …" is left alone.

    Args:
        text: A sentence or document text.

    Returns:
        Number of leading characters to skip; 0 when there is no dateline.

    Example:
        >>> text = "LONDON (Wire) — Shares fell."
        >>> text[strip_dateline(text):]
        'Shares fell.'
    """
    lead = len(text) - len(text.lstrip())
    match = _DATELINE.match(text, lead)
    return match.end() if match else 0


# --------------------------------------------------------------------------- forms


class _Split(NamedTuple):
    claim: str
    speaker: str
    attribution: str


def _speaker_ok(speaker: str) -> bool:
    words = speaker.split()
    if not words or len(words) > 8 or words[-1].lower() in _DETERMINERS:
        return False
    return not any(word.lower().strip(".'’") in _NOT_IN_SPEAKER for word in words)


def _clause_ok(content: str, *, has_that: bool) -> bool:
    """Does the text after "X said" read as a reported clause rather than an object?"""
    words = content.split()
    if len(words) < (2 if has_that else 3):
        return False
    if words[0].lower().strip("\"“‘'") in _NOT_A_CLAUSE_START:
        return False
    return has_that or bool(_FINITE.search(content))


def _verb_ok(match: re.Match[str], *, prefix: bool) -> bool:
    verb, obj = match.group("verb"), match.groupdict().get("obj")
    if (verb in _TELL) != bool(obj):
        return False
    has_that = bool(match.groupdict().get("that") or match.groupdict().get("colon"))
    return not prefix or has_that or SPEECH_VERBS[verb]


_SECOND_SPEAKER = re.compile(
    r"(?:,|\b(?:and|but|while)\b)[^,;]*\b(?:said|says|told|tells|added|insisted|claimed)\b"
)
_PREFIX = re.compile(
    rf"(?P<intro>(?:In|On|At|During|Speaking|Earlier|Later)\b[^,]{{0,50}},\s+)?{_NP}"
    rf"(?P<appos>,\s+(?:a|an|the|who|whose|one of)\b[^,]{{1,80}},)?\s+{_AUX}{_VERB}\b"
    rf"{_TELL_TAIL}(?:(?P<that>\s+that)|(?P<colon>[:,])(?=\s+[\"“]))?\s+(?P<content>\S.*)",
    re.DOTALL,
)


def _prefix(body: str) -> _Split | None:
    """ "X said (that) …", "X, a spokesman for Y, said …", "Y told Z (that) …", 'X said: "…"'.

    Not when a second speaker follows ("X said …, and Y said …"): one claim per speaker.
    """
    match = _PREFIX.fullmatch(body)
    if not match or not _speaker_ok(match["speaker"]) or not _verb_ok(match, prefix=True):
        return None
    content = match["content"]
    has_that = bool(match["that"] or match["colon"])
    if not _clause_ok(content, has_that=has_that) or _SECOND_SPEAKER.search(content):
        return None
    attribution = body[: match.start("content")].strip()
    return _Split(match["content"], match["speaker"], attribution)


_ACCORDING_PREFIX = re.compile(r"According to (?P<speaker>[^,]{2,80}?),\s+(?P<content>\S.*)", re.S)


def _according_prefix(body: str) -> _Split | None:
    """ "According to Y, …"."""
    match = _ACCORDING_PREFIX.fullmatch(body)
    if not match or len(match["speaker"].split()) > 10:
        return None
    if len(match["content"].split()) < 2:
        return None
    attribution = body[: match.end("speaker")]
    return _Split(match["content"], match["speaker"], attribution)


_ACCORDING_SUFFIX = re.compile(
    rf"(?P<content>.+?){_SEP}(?P<attr>according to (?P<speaker>[^,]{{2,80}}?)){_END}", re.S
)
_SUFFIX = re.compile(
    rf"(?P<content>.+?){_SEP}(?P<attr>{_NP}(?:,\s+(?:a|an|the|one of)\b[^,]{{1,80}},)?"
    rf"\s+{_AUX}{_VERB}\b{_TELL_TAIL}){_END}",
    re.S,
)
_INVERTED = re.compile(
    rf"(?P<content>.+?){_SEP}(?P<attr>{_VERB}\s+(?P<speaker>[^,\"“”]{{2,60}}?))"
    rf"(?:,\s+(?:who|a|an|the|one of)\b[^\"“”]*?)?{_END}",
    re.S,
)


def _names_someone(speaker: str) -> bool:
    """After an inverted verb ("…, said X") X starts with a capital or a determiner."""
    first = speaker.split()[0]
    return first[:1].isupper() or first.lower() in _DETERMINERS


def _suffix(body: str) -> _Split | None:
    """ "…, X said (on Tuesday).", "…, said X, who …", "…, according to Y."."""
    for pattern in (_ACCORDING_SUFFIX, _INVERTED, _SUFFIX):
        match = pattern.fullmatch(body)
        if match and pattern is _INVERTED and not _names_someone(match["speaker"]):
            continue
        if match and _speaker_ok(match["speaker"]):
            if "verb" in match.groupdict() and not _verb_ok(match, prefix=False):
                continue
            if len(match["content"].split()) >= 2:
                return _Split(match["content"], match["speaker"], match["attr"])
    return None


_PARENTHETICAL = re.compile(
    rf"(?P<before>.+?),\s+(?P<attr>{_NP}\s+{_AUX}{_VERB}{_MODS}),\s+(?P<after>\S.*)", re.S
)
_NOT_AFTER = _words("adding saying and but while although though as which who")


def _parenthetical(body: str) -> _Split | None:
    """ "The plan, officials said, is dead."."""
    match = _PARENTHETICAL.fullmatch(body)
    if not match or not _speaker_ok(match["speaker"]) or match["verb"] in _TELL:
        return None
    if match["after"].split()[0].lower() in _NOT_AFTER:
        return None
    claim = f"{match['before']} {match['after']}"
    return _Split(claim, match["speaker"], match["attr"])


FORMS: tuple[tuple[str, Callable[[str], _Split | None]], ...] = (
    ("according-prefix", _according_prefix),
    ("prefix", _prefix),
    ("suffix", _suffix),
    ("parenthetical", _parenthetical),
)
"""Attribution forms, tried in order; the first that matches wins."""

# --------------------------------------------------------------------------- cleaning

_SPACES = re.compile(r"\s+")
_OPEN_QUOTES = "\"“‘'"
_CLOSE_QUOTES = "\"”’'"


def _unwrap_quotes(text: str) -> str:
    if len(text) > 1 and text[0] in _OPEN_QUOTES:
        inner = text[1:]
        if inner[-1] in _CLOSE_QUOTES:
            inner = inner[:-1]
        if not any(q in inner for q in '"“”'):
            return inner
    return text


def _clean_claim(text: str) -> str:
    """Drop wrapping quotes and dangling commas, join line breaks; keep the rest as written."""
    text = _SPACES.sub(" ", text).strip().rstrip(",;:").rstrip()
    return _unwrap_quotes(text).rstrip(",;:").strip()


def _short_speaker(speaker: str) -> str:
    words = speaker.strip().split(" ")
    if words[0] in {"The", "A", "An"} and len(words) > 1 and words[1][:1].islower():
        words[0] = words[0].lower()
    return " ".join(words)


# --------------------------------------------------------------------------- public


def _at_paragraph_start(doc_text: str, start: int) -> bool:
    line_start = max(doc_text.rfind("\n", 0, start), doc_text.rfind("\r", 0, start)) + 1
    return not doc_text[line_start:start].strip()


def _check_doc_text(sentence: Sentence, doc_text: str) -> None:
    if doc_text[sentence.start : sentence.end] != sentence.text:
        found = doc_text[sentence.start : sentence.end][:40]
        raise InputError(
            f"doc_text[{sentence.start}:{sentence.end}] is {found!r}, expected the sentence "
            f"{sentence.text[:40]!r}; pass the text the sentence was split from"
        )


def _split_attribution(body: str) -> _Split | None:
    from conflictscan.signals import denied_proposition

    # A denial's polarity lives in its verb or verdict ("called reports that … 'nonsense'"):
    # keep such sentences whole so the denial is compared, not the denied claim.
    if _DENIAL.search(body) or denied_proposition(body):
        return None
    for _name, form in FORMS:
        found = form(body)
        if found is not None:
            return found
    return None


def normalise(sentence: Sentence, *, doc_text: str | None = None) -> Sentence:
    """Set ``claim``, ``speaker`` and ``attribution`` on a copy of ``sentence``.

    Args:
        sentence: A sentence from :func:`conflictscan.segmentation.split_sentences`.
        doc_text: The document it came from. When given, the offsets are checked and a
            dateline is only stripped from a sentence that starts a paragraph.

    Returns:
        A copy with ``claim`` always set. ``speaker`` and ``attribution`` are set when an
        attribution was found; otherwise ``speaker`` keeps its value and ``attribution``
        is ``None``.

    Raises:
        InputError: ``doc_text`` does not contain the sentence at its offsets.

    Example:
        >>> s = normalise(Sentence('"We will not resign," the minister said.', 0, 40))
        >>> s.claim, s.speaker, s.attribution
        ('We will not resign', 'the minister', 'the minister said')
    """
    if doc_text is not None:
        _check_doc_text(sentence, doc_text)
    strip = doc_text is None or _at_paragraph_start(doc_text, sentence.start)
    body = sentence.text[strip_dateline(sentence.text) if strip else 0 :].strip()
    found = _split_attribution(body)
    if found is None:
        return dataclasses.replace(sentence, claim=_clean_claim(body), attribution=None)
    return dataclasses.replace(
        sentence,
        claim=_clean_claim(found.claim),
        speaker=_short_speaker(found.speaker),
        attribution=found.attribution.strip().rstrip(",:"),
    )


def normalise_all(sentences: Iterable[Sentence], *, doc_text: str | None = None) -> list[Sentence]:
    """Apply :func:`normalise` to each sentence, keeping order.

    Args:
        sentences: Sentences, e.g. from ``split_sentences``.
        doc_text: The one document they all come from, passed on to :func:`normalise`.

    Returns:
        The normalised copies.

    Raises:
        InputError: ``doc_text`` does not contain a sentence at its offsets.
    """
    return [normalise(sentence, doc_text=doc_text) for sentence in sentences]
