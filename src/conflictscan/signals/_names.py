"""Whether two sentences name the same people, organisations and places.

Input: two sentence texts. Output: :func:`_entity_penalty` (0.5 when both name someone
and share no name, else 1), which the number and date comparisons scale by, and
:func:`_entity_words`, the words of the names spaCy finds in a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from conflictscan.signals._dates import _CALENDAR_WORDS
from conflictscan.signals._lexicon import _OPENERS, _STOPWORDS, _tokens


def _entity_penalty(a: str, b: str) -> float:
    """0.5 when both sentences name proper nouns and share none, else 1.

    A capitalised first word may be a name ("Korvel will cut…") or not ("Nobody…"). When
    spaCy is installed, its entities decide: both sentences name a person, organisation or
    place and no entity word is shared (so "the Ministry of Health" vs "officials in the
    Capital", capitalised but not both named, is no mismatch, and "Vantor Motors" vs
    "Korvel" is one). Without it, a capitalised first word can make a match but never
    counts as a name on its own.
    """
    (ea, first_a), (eb, first_b) = _proper_nouns(a), _proper_nouns(b)
    names_a, names_b = ea | first_a, eb | first_b
    if not names_a or not names_b or names_a & names_b:
        return 1.0
    from conflictscan.text import _parsing as parsing

    if parsing.is_available():
        # The parse tells a name in first position ("Korvel will cut…") from a
        # capitalised common word ("Nobody…").
        named_a, named_b = _entity_words(a), _entity_words(b)
        return 0.5 if named_a and named_b and not named_a & named_b else 1.0
    return 0.5 if ea and eb else 1.0


def _entity_words(text: str) -> frozenset[str]:
    """Lower-cased words of the PERSON/ORG/GPE entities spaCy finds in ``text``."""
    from conflictscan.text import _parsing as parsing

    return _name_words(name for _, name in parsing.entities(text))


def _name_words(names: Iterable[str]) -> frozenset[str]:
    """The lower-cased words of ``names``, without a possessive "'s" or stop words."""
    words = {
        re.sub(r"['’]s$", "", t.low) for n in names for t in _tokens(n) if t.text[:1].isalpha()
    }
    return frozenset(words - _STOPWORDS)


def _proper_nouns(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Capitalised words inside the sentence, and the capitalised first word."""
    toks = _tokens(text)
    names = {
        k: re.sub(r"['’]s$", "", t.low)
        for k, t in enumerate(toks)
        if t.text[0].isupper() and t.text not in _CALENDAR_WORDS and t.low not in _STOPWORDS
    }
    sentence_starts = {0} | {k + 1 for k, t in enumerate(toks) if t.text in _OPENERS}
    inner = frozenset(name for k, name in names.items() if k not in sentence_starts)
    return inner, frozenset(name for k, name in names.items() if k in sentence_starts)


def _place_words(text: str) -> frozenset[str]:
    """Lower-cased words of the places spaCy finds in ``text``: its GPE entities, and any
    entity written right after "in", "at", "near" or "across" (the small model takes some
    towns for organisations: "turnout in Ardwick")."""
    from conflictscan.text import _parsing as parsing

    return _name_words(
        name
        for label, name in parsing.entities(text)
        if label == "GPE" or _PLACE_LEAD_RE.search(text, 0, max(text.find(name), 0))
    )


_PLACE_LEAD_RE = re.compile(r"\b(?:in|at|near|across)\s+$", re.IGNORECASE)
