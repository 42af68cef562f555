"""Who said what, and what is denied, read from a dependency parse.

Input: sentence texts (``str``). Output: one :class:`Analysis` per text, with character
spans (half-open, into that text) for the speaker, the attribution and the content, whether
the content denies a report, and the denied proposition.

Rules, applied to the parse of :func:`conflictscan.text._parsing.parse`:

* **Reports** are peeled from the outside in: a reporting verb (:data:`REPORT_LEMMAS`) with
  a subject and a clausal complement ("X said/told Y/warned that P", "P, X said", "P, said
  X"), "X quoted Y as saying P", "Y was quoted as saying P", "according to X" (also the
  misprint "according X") and a report inside the clause ("The plan, officials said, is
  dead"). Each layer's complement becomes the content; a nested report ("X told Y that Z
  said P") keeps peeling, and the outer speaker becomes ``via``. A negated verb ("did not
  say"), a negative subject ("Nobody said") and a second claim in the attribution ("X said
  P, adding that Q"; "X said P and Y said Q") stop the split, and so does an object sent
  somewhere before the clause ("reported the mayor to the watchdog over …"); a report
  inside the clause with a complement of its own ("X admitted taking the car, the court
  heard") is the claim, not a report set inside it.
* **Denials** are read on the content that remains: a denial verb (:data:`DENIAL_LEMMAS`)
  with a that-clause, a report noun ("reports/claims/rumours that P", "reports of NP"), a
  gerund ("denied having met") or an accusation ("denied the charges"); a verdict verb
  (:data:`VERDICT_LEMMAS`: call, describe, characterize… ) with a report noun and a verdict
  word (:data:`FALSE_WORDS`: false, nonsense, lies, baseless…); "reports that P are
  untrue"; "there is no truth to reports that P"; "it is false that P". Negated denials
  ("did not deny", "refused to deny") are not denials. The denier, when named, becomes the
  speaker; the content keeps the denial verb, so its polarity is never lost.

Only texts that contain a reporting, denial or verdict word (:func:`may_attribute`) are
parsed; the rest come back unattributed without touching spaCy. Results are cached per text.

Example:
    >>> [found] = analyse(["An official described reports that the mayor had resigned as false."])
    >>> found.denied
    'the mayor had resigned'
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from conflictscan.text import _parsing as parsing
from conflictscan.text._denials import (
    DENIAL_LEMMAS,
    FALSE_WORDS,
    REPORT_NOUNS,
    VERDICT_LEMMAS,
    find_denial,
)
from conflictscan.text._frames import (
    REPORT_LEMMAS,
    complements,
    joined_complement,
    negative_subject,
    second_reports,
    told_object_in_clause,
    verb_frame,
    with_stray_subject,
)
from conflictscan.text._stranded import stranded_speaker
from conflictscan.text._syntax import (
    OPEN_QUOTES,
    Span,
    char_span,
    children,
    is_punct,
    negated,
    noun_phrase,
    runs,
    subtree,
    surface,
    trim,
    words,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "DENIAL_LEMMAS",
    "FALSE_WORDS",
    "REPORT_LEMMAS",
    "VERDICT_LEMMAS",
    "Analysis",
    "analyse",
    "may_attribute",
]


@dataclass(frozen=True, slots=True)
class Analysis:
    """Attribution and denial found in one text; spans are half-open offsets into it.

    Args:
        speaker: Who the content is attributed to (the denier, for a named denier).
        content: Pieces of the text that make up the claim (two for "The plan, officials
            said, is dead"); the whole text when nothing is attributed.
        attribution: Pieces of the text that attribute it ("officials said").
        via: The outer source of a nested report or of a reported denial ("Reuters").
        denial: The content denies or dismisses a report, claim or accusation.
        denied: The proposition denied ("the mayor had resigned"), rewritten for gerunds
            ("denied having met X" -> "<denier> had met X") and "reports of NP" ("there was
            NP"); ``None`` when none is stated.
        denied_span: Where ``denied`` is written in the text, if anywhere.
    """

    speaker: Span | None = None
    content: tuple[Span, ...] = ()
    attribution: tuple[Span, ...] = ()
    via: Span | None = None
    denial: bool = False
    denied: str | None = None
    denied_span: Span | None = None


# --------------------------------------------------------------------------- word tables


def _forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Inflected forms, generously over-generated (only used to skip texts)."""
    out: set[str] = set()
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        out |= {lemma, lemma + "s", lemma + "es", lemma + "d", lemma + "ed", stem + "ing"}
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # admitted, admitting
        if lemma.endswith("y"):
            out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return frozenset(out)


_TRIGGERS = (
    _forms(REPORT_LEMMAS | DENIAL_LEMMAS | REPORT_NOUNS)
    | FALSE_WORDS
    | words("said told wrote written found shown according quoted truth true")
)
_WORD_RE = re.compile(r"[A-Za-z]+")


def may_attribute(text: str) -> bool:
    """Cheap prefilter: does ``text`` contain a reporting, denial or verdict word at all?

    Args:
        text: A sentence.

    Returns:
        False when no rule of :func:`analyse` can apply, so the text need not be parsed.
    """
    return any(word.lower() in _TRIGGERS for word in _WORD_RE.findall(text))


# --------------------------------------------------------------------------- reports


@dataclass(slots=True)
class _State:
    head: Token
    scope: set[int]
    speaker: list[int] | None = None
    via: list[int] | None = None
    removed: set[int] | None = None


def _peel_verb(doc: Doc, state: _State) -> bool:
    found = verb_frame(state.head)
    if found is None:
        return False
    speaker, clause = found
    content = joined_complement(doc, state.head, clause, state.scope)
    if content and clause.i < state.head.i:
        # "P on Sunday, Oct. 24, the board announced": what the parser hung on the
        # reporting verb between the claim and the speaker ("Oct. 24") is the claim's.
        dated = {i for t in children(state.head, "npadvmod") for i in subtree(t)}
        gap = range(content[-1] + 1, speaker.left_edge.i)
        if any(i in dated for i in gap) and all(
            i in state.scope and (i in dated or is_punct(doc[i])) for i in gap
        ):
            content = trim(doc, [*content, *gap])
    if told_object_in_clause(doc, state.head, content):
        content = content[1:]
    content = with_stray_subject(doc, state.head, state.scope, clause, content)
    if len(content) < 2:
        return False
    _advance(state, speaker, clause, set(content))
    return True


def _according(head: Token, scope: set[int]) -> tuple[Token, Token] | None:
    """("according" token, its object) when "according (to) X" modifies ``head``."""
    for child in head.children:
        if child.lower_ != "according" or child.i not in scope:
            continue
        objects = [g for t in children(child, "prep") for g in children(t, "pobj")]
        objects += children(child, "pobj", "dobj")
        if objects:
            return child, objects[0]
    return None


def _without(doc: Doc, scope: set[int], cut: set[int]) -> set[int]:
    """``scope`` minus ``cut`` and the commas and dashes that set ``cut`` off."""
    first, last = min(cut), max(cut)
    for i in (first - 1, last + 1):
        if i in scope and doc[i].text in (",", "—", "–", "-"):
            cut = cut | {i}
    return set(trim(doc, scope - cut))


def _peel_according(doc: Doc, state: _State) -> bool:
    found = _according(state.head, state.scope)
    if found is None:
        return False
    according, speaker = found
    content = _without(doc, state.scope, subtree(according))
    if len(content) < 2:
        return False
    _advance(state, speaker, state.head, content)
    return True


def _peel_inner(doc: Doc, state: _State) -> bool:
    """ "The plan, officials said, is dead": a complement-less report inside the clause.

    Also "P, the newspaper reported on Tuesday", which the parser may read as two
    coordinated clauses with no "and" (:func:`_trailing_conj`).
    """
    for child in state.head.children:
        trailing = _trailing_conj(child)
        if child.i not in state.scope or (
            child.dep_ not in ("parataxis", "ccomp", "advcl") and not trailing
        ):
            continue
        if child.lemma_ == "quote":
            who = children(child, "nsubjpass")
            speaker = who[0] if who else None
        elif child.lemma_ in REPORT_LEMMAS and not children(child, "ccomp", "dobj", "xcomp"):
            # "X admitted taking the car, the court heard": a report with its own
            # complement ("taking the car") is the claim, not a report set inside it
            subjects = children(child, "nsubj") or _agents(child)
            speaker = subjects[0] if subjects and not negative_subject(subjects[0]) else None
        elif trailing:
            speaker = _inverted_speaker(child)
        else:
            continue
        if speaker is None or negated(child):
            continue
        content = _without(doc, state.scope, _report_clause(child, speaker))
        if len(content) >= 2:
            _advance(state, speaker, state.head, content)
            return True
    return False


def _agents(verb: Token) -> list[Token]:
    """The source of "as reported by the Daily Post"."""
    if not any(m.lower_ == "as" for m in children(verb, "mark")):
        return []
    return [obj for agent in children(verb, "agent") for obj in children(agent, "pobj")]


def _inverted_speaker(verb: Token) -> Token | None:
    """The source of "P, reported the Daily Post", which the parser takes for an object
    (never the one told: "P, …, told the Coastline Post")."""
    objects = [] if verb.lemma_ == "tell" else children(verb, "dobj")
    if not objects or children(verb, "nsubj") or objects[0].pos_ != "PROPN":
        return None
    return objects[0]


def _trailing_conj(verb: Token) -> bool:
    """A reporting verb coordinated after the claim with only a comma before its subject:
    "Stenn plans an election for June 6, the newspaper reported on Tuesday"."""
    head = verb.head
    if verb.dep_ != "conj" or verb.i < head.i or verb.lemma_ not in REPORT_LEMMAS:
        return False
    if any(c.dep_ == "cc" and head.i < c.i < verb.i for c in head.children):
        return False
    subjects = children(verb, "nsubj")
    start = subjects[0].left_edge.i if subjects else verb.i  # "P, reported the Daily Post"
    return start > 0 and verb.doc[start - 1].text == "," and verb.right_edge.i >= len(verb.doc) - 2


def _report_clause(verb: Token, speaker: Token) -> set[int]:
    """The tokens of "the commission announced" in "... on Sunday, Oct. 10, the commission
    announced": a report set into or after the claim starts at its speaker, so modifiers
    the parser hung on the verb before that ("Oct. 10") stay with the claim."""
    clause = subtree(verb)
    start = speaker.left_edge.i
    if speaker.i in clause and min(clause) < start < verb.i:
        clause = {i for i in clause if i >= start or verb.doc[i].lower_ == "as"}  # "as X said"
    return clause


def _advance(state: _State, speaker: Token, head: Token, content: set[int]) -> None:
    doc = speaker.doc
    state.removed = (state.removed or set()) | (state.scope - content)
    if state.speaker is not None:
        state.via = state.speaker
    state.speaker = noun_phrase(doc, speaker)
    state.head, state.scope = head, content


def _peel_stranded(doc: Doc, state: _State) -> bool:
    """ "P, the hospital's director, Noor Vassel, said/told reporters." with the speaker
    parsed into the claim (:func:`~conflictscan.text._stranded.stranded_speaker`)."""
    for verb in [state.head, *children(state.head, "conj", "parataxis", "dep")]:
        if verb.lemma_ not in REPORT_LEMMAS or verb.i not in state.scope or negated(verb):
            continue
        if (found := stranded_speaker(verb)) is None:
            continue
        content = {i for i in state.scope if i < found[1] - 1}
        if len(content) >= 2:
            head = min((doc[i] for i in content), key=lambda t: len(list(t.ancestors)))
            _advance(state, found[0], head, content)
            return True
    return False


_PEELERS = (_peel_according, _peel_verb, _peel_inner, _peel_stranded)


def _peel(doc: Doc, state: _State) -> None:
    for _ in range(4):  # nesting deeper than four reports is not news prose
        if not any(peel(doc, state) for peel in _PEELERS):
            return


# --------------------------------------------------------------------------- analysis


def _two_claims_speaker(head: Token) -> Token | None:
    """Who speaks in a sentence that keeps two claims whole: "X said P, adding that Q",
    "'P,' X said, adding that Q", "X welcomed the deal, saying P". Nothing is split off
    (no one clause is the claim), but the sentence is still X's. Not when the second
    report has a speaker of its own ("Brandt said P, and her deputy said Q") or the
    "saying" clause comes first ("Saying the road was unsafe, the drivers turned back")."""
    subjects = children(head, "nsubj")
    if (
        not subjects
        or negative_subject(subjects[0])
        or negated(head)
        or not head.tag_.startswith("VB")
    ):
        return None
    reports = head.lemma_ in REPORT_LEMMAS
    seconds = [
        child
        for child in second_reports(head)
        if child.i > head.i
        and (reports or (child.lemma_ in ("say", "add") and child.tag_ == "VBG"))
    ]
    if not seconds or any(children(child, "nsubj", "nsubjpass") for child in seconds):
        return None
    return subjects[0] if not reports or complements(head) else None


def _named(tok: Token | None) -> bool:
    return tok is not None and tok.pos_ != "PRON" and tok.lower_ not in ("there", "it")


def _spans(doc: Doc, tokens: Iterable[int]) -> tuple[Span, ...]:
    return tuple(char_span(doc, a, b) for a, b in runs(trim(doc, tokens)))


def _denier_tokens(doc: Doc, denier: Token) -> list[int]:
    if denier.dep_ in ("nsubj", "nsubjpass"):
        return noun_phrase(doc, denier)
    if denier.dep_ == "pobj" and denier.head.lower_ == "by":  # "dismissed by engineers"
        return noun_phrase(doc, denier)
    start = denier.i
    while start > 0 and not is_punct(doc[start - 1]) and doc[start - 1].pos_ != "VERB":
        start -= 1
    return list(range(start, denier.i + 1))


def _analyse_doc(doc: Doc) -> Analysis:
    roots = [t for t in doc if t.head.i == t.i and not t.is_space]
    root = max(roots, key=lambda t: len(list(t.subtree)))
    scope = {t.i for t in doc if not t.is_space}
    state = _State(root, set(trim(doc, scope)))
    _peel(doc, state)
    denial = find_denial(doc, state.head, state.scope)
    speaker, via = state.speaker, state.via
    if denial is not None and denial.denier is not None and (_named(denial.denier) or not speaker):
        via = speaker if speaker is not None else via
        speaker = _denier_tokens(doc, denial.denier)
    # No speaker yet means nothing was peeled: ``state.head`` is still the root.
    if speaker is None and (who := _two_claims_speaker(root)):
        speaker = noun_phrase(doc, who)
    content = trim(doc, state.scope)
    ends = [t.i for t in doc if not t.is_space]
    if content and ends and all(is_punct(doc[i]) for i in range(content[-1] + 1, ends[-1] + 1)):
        content = content + list(range(content[-1] + 1, ends[-1] + 1))  # keep the final "."
        if content[0] > 0 and doc[content[0] - 1].text in OPEN_QUOTES:
            content.insert(0, content[0] - 1)  # and the quote it closes
    denied = denied_span = None
    if denial is not None:
        tokens = list(denial.tokens)
        denied = denial.text or (surface(doc, tokens) if tokens else None)
        denied_span = char_span(doc, tokens[0], tokens[-1]) if tokens else None
    return Analysis(
        speaker=char_span(doc, speaker[0], speaker[-1]) if speaker else None,
        content=tuple(char_span(doc, a, b) for a, b in runs(content)),
        attribution=_spans(doc, (state.removed or set()) - set(content)),
        via=char_span(doc, via[0], via[-1]) if via else None,
        denial=denial is not None,
        denied=denied,
        denied_span=denied_span,
    )


_CACHE_SIZE = 8192
_cache: OrderedDict[str, Analysis] = OrderedDict()
_cache_lock = threading.Lock()
_SPACES = re.compile(r"\s+")


def _plain(text: str) -> Analysis:
    body = text.strip()
    start = len(text) - len(text.lstrip())
    return Analysis(content=((start, start + len(body)),) if body else ())


def _shift(found: Analysis, offsets: Sequence[int]) -> Analysis:
    """Map spans in the whitespace-collapsed text back to the original text."""

    def span(value: Span | None) -> Span | None:
        return None if value is None else (offsets[value[0]], offsets[value[1] - 1] + 1)

    return Analysis(
        speaker=span(found.speaker),
        content=tuple(span(s) for s in found.content),  # type: ignore[misc]
        attribution=tuple(span(s) for s in found.attribution),  # type: ignore[misc]
        via=span(found.via),
        denial=found.denial,
        denied=found.denied,
        denied_span=span(found.denied_span),
    )


def _collapse(text: str) -> tuple[str, list[int]]:
    """Runs of whitespace become one space (hard-wrapped lines parse badly); offsets map."""
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for match in _SPACES.finditer(text):
        pieces.append(text[pos : match.start()])
        offsets.extend(range(pos, match.start()))
        pieces.append(" ")
        offsets.append(match.start())
        pos = match.end()
    pieces.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    return "".join(pieces), offsets


def analyse(texts: Sequence[str]) -> list[Analysis]:
    """Attribution and denial of each text, parsing only those that may carry them.

    Args:
        texts: Sentences (a leading dateline should already be cut off).

    Returns:
        One :class:`Analysis` per text, in order; spans are offsets into that text.

    Raises:
        ModelLoadError: The spaCy model is missing or fails its checksum.
    """
    out: list[Analysis | None] = []
    todo: dict[str, list[int]] = {}
    for k, text in enumerate(texts):
        with _cache_lock:
            found = _cache.get(text)
        if found is None and not may_attribute(text):
            found = _plain(text)
        out.append(found)
        if found is None:
            todo.setdefault(text, []).append(k)
    if todo:
        collapsed = [_collapse(text) for text in todo]
        docs = parsing.parse([parsing.sentence_case(clean) for clean, _ in collapsed])
        for (text, where), doc, (clean, offsets) in zip(todo.items(), docs, collapsed, strict=True):
            found = (
                _shift(_cased(_analyse_doc(doc), doc.text, clean), offsets)
                if len(doc)
                else _plain(text)
            )
            _remember(text, found)
            for k in where:
                out[k] = found
    return [found for found in out if found is not None]


def _cased(found: Analysis, parsed: str, original: str) -> Analysis:
    """``found`` with a denied proposition taken from the parse's copy back in the original case."""
    span = found.denied_span
    if parsed == original or span is None or found.denied != parsed[span[0] : span[1]]:
        return found
    return dataclasses.replace(found, denied=original[span[0] : span[1]])


def _remember(text: str, found: Analysis) -> None:
    with _cache_lock:
        _cache[text] = found
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
