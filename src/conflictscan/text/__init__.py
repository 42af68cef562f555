"""Text stage: a document's text -> ``list[Sentence]``.

Input: ``str`` or :class:`~conflictscan.Document`. Output: :class:`~conflictscan.Sentence`
objects with exact character offsets (``text[s.start:s.end] == s.text``), boilerplate
dropped, and, for news reasoning, the attribution ("the ministry said") separated from the
content that gets compared (``Sentence.claim``).

Modules: ``_segmentation`` (sentence boundaries, the boilerplate filter, reading files),
``_claims`` (attribution splitting by dependency parse or surface rules), ``_attribution``
and ``_syntax`` (the parse rules), ``_denials`` (denials read from the parse), ``_parsing``
(the spaCy pipeline, loaded lazily) and ``_documents`` (input coercion).
"""

from __future__ import annotations

from conflictscan.text._claims import normalise, normalise_all, strip_dateline
from conflictscan.text._segmentation import (
    MAX_CHARS,
    SEGMENTERS,
    is_claim,
    read_text,
    split_sentences,
)

__all__ = [
    "MAX_CHARS",
    "SEGMENTERS",
    "is_claim",
    "normalise",
    "normalise_all",
    "read_text",
    "split_sentences",
    "strip_dateline",
]
