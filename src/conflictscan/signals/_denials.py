"""Denials across sentences: one sentence denies, word for word, what the other asserts.

"An official dismissed reports that the mayor had resigned" against "The mayor has
resigned": the denied proposition (:func:`~conflictscan.text._speech.denied_proposition`)
shares three in four of its content words with the other sentence, which does not deny
it in turn. A lexical check; the combiner weighs it with the NLI model's reading.
"""

from __future__ import annotations

from conflictscan._types import Evidence
from conflictscan.signals._dates import _stem
from conflictscan.signals._lexicon import _NEGATION_RE, _STOPWORDS, _tokens
from conflictscan.text._speech import denied_proposition


def _content_words(text: str) -> set[str]:
    return {_stem(t.low) for t in _tokens(text) if t.text.isalpha() and t.low not in _STOPWORDS}


def _denial_overlap(denier: str, other: str) -> tuple[str | None, float]:
    """The denied proposition and the share of its content words found in ``other``."""
    prop = denied_proposition(denier)
    if prop is None or denied_proposition(other) is not None:
        return prop, 0.0
    words = _content_words(prop)
    if not words:
        return prop, 0.0
    return prop, len(words & _content_words(other)) / len(words)


def _denial_evidence(a: str, b: str) -> list[Evidence]:
    out = []
    for denier, other, side in ((a, b, "a"), (b, a, "b")):
        prop, overlap = _denial_overlap(denier, other)
        if prop is None or overlap < 0.75 or _NEGATION_RE.search(other):
            continue
        values = (prop, other) if side == "a" else (other, prop)
        note = f"{side} denies that {prop}; the other sentence asserts it"
        out.append(Evidence("denial", values[0], values[1], round(0.6 * overlap, 3), note))
    return out
