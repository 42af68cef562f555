"""Small helpers over a spaCy parse, shared by the attribution and denial rules.

Input: spaCy ``Doc``/``Token`` objects from :func:`conflictscan.text._parsing.parse`. Output:
token index lists and character spans. Token indices are ``Token.i``; spans are half-open
character offsets into ``doc.text``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Span = tuple[int, int]


def words(text: str) -> frozenset[str]:
    """The space-separated words of ``text`` as a set (for word tables)."""
    return frozenset(text.split())


QUOTES = frozenset("\"'“”‘’`")
OPEN_QUOTES = frozenset("\"'“‘`")
NEGATORS = words("not n't never neither nor")
_CONTROL = words("refuse decline fail hesitate")
_ADVERBIAL = frozenset({"advmod", "npadvmod"})
_TIME_WORDS = words(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "morning afternoon evening night week weekend month year"
)


def is_punct(tok: Token) -> bool:
    """Punctuation, whitespace or a quote mark."""
    return tok.is_punct or tok.is_space or tok.text in QUOTES


def children(tok: Token, *deps: str) -> list[Token]:
    """Children of ``tok`` whose dependency label is one of ``deps``."""
    return [c for c in tok.children if c.dep_ in deps]


def subject(verb: Token) -> Token | None:
    """The (active or passive) subject of ``verb``, if any."""
    found = children(verb, "nsubj", "nsubjpass")
    return found[0] if found else None


def subtree(tok: Token) -> set[int]:
    """Indices of ``tok`` and everything it dominates."""
    return {t.i for t in tok.subtree}


def negated(verb: Token) -> bool:
    """ "did not say", "never denied", "refused to deny"."""
    if any(c.dep_ == "neg" or c.lower_ in NEGATORS for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ in _CONTROL


def verbless(clause: Token) -> bool:
    """A small clause with no verb of its own ("found [the treasurer guilty]", "[him dead]");
    headlines' "X says [meteorite probable cause]" is one too."""
    return clause.pos_ not in ("VERB", "AUX") and not children(clause, "cop", "aux", "auxpass")


def trim(doc: Doc, indices: Iterable[int]) -> list[int]:
    """Sorted indices without punctuation at either end, a leading "that" that marks a
    clause ("said Sunday that P") or a trailing conjunction ("denied that P and")."""
    out = sorted(indices)
    while out and (is_punct(doc[out[0]]) or _marks_clause(doc[out[0]])):
        out.pop(0)
    while out and (is_punct(doc[out[-1]]) or doc[out[-1]].dep_ == "cc"):
        out.pop()
    return out


def _marks_clause(tok: Token) -> bool:
    return tok.lower_ == "that" and tok.dep_ == "mark"


def runs(indices: Sequence[int]) -> list[tuple[int, int]]:
    """Contiguous runs of sorted token indices, as inclusive (first, last) pairs."""
    found: list[tuple[int, int]] = []
    for i in indices:
        if found and found[-1][1] == i - 1:
            found[-1] = (found[-1][0], i)
        else:
            found.append((i, i))
    return found


def char_span(doc: Doc, first: int, last: int) -> Span:
    """Character offsets of tokens ``first`` to ``last`` (inclusive), half-open."""
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def noun_phrase(doc: Doc, head: Token) -> list[int]:
    """A noun phrase without appositives, relative clauses or comma-set modifiers."""
    drop: set[int] = set()
    for child in head.children:
        comma_before = child.i > 0 and doc[child.left_edge.i - 1].text == ","
        timed = child.dep_ == "prep" and any(o.lower_ in _TIME_WORDS for o in child.children)
        if child.dep_ in ("appos", "relcl", "advcl", "parataxis", "punct") or (
            child.i > head.i and (comma_before or timed or child.dep_ in _ADVERBIAL)
        ):
            drop |= subtree(child)
    kept = [i for i in subtree(head) if i not in drop]
    run = next(r for r in runs(sorted(kept)) if r[0] <= head.i <= r[1])
    return trim(doc, range(run[0], run[1] + 1))


def complement(doc: Doc, clause: Token, scope: set[int]) -> list[int]:
    """A complement clause without its "that" and edge punctuation."""
    tokens = [i for i in subtree(clause) if i in scope]
    tokens = [i for i in tokens if not (doc[i].dep_ == "mark" and doc[i].head.i == clause.i)]
    return trim(doc, tokens)


def text_of(doc: Doc, tokens: Sequence[int]) -> str:
    """The tokens' text, pieces joined by one space."""
    return " ".join(" ".join(doc[a : b + 1].text.split()) for a, b in runs(tokens))


def surface(doc: Doc, tokens: Sequence[int]) -> str:
    """The text from the first to the last token as written, whitespace collapsed."""
    start, end = char_span(doc, tokens[0], tokens[-1])
    return " ".join(doc.text[start:end].split())
