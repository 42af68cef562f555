"""Text stage: a document's text -> ``list[Sentence]``.

Input: ``str`` or :class:`~conflictscan.Document`. Output: :class:`~conflictscan.Sentence`
objects with exact character offsets (``text[s.start:s.end] == s.text``), boilerplate
dropped, and, for news reasoning, the attribution ("the ministry said") separated from the
content that gets compared (``Sentence.claim``).

Modules: ``_segmentation`` (sentence boundaries, the boilerplate filter, reading files),
``_speech`` (who said what: the attribution split off by dependency parse or surface
rules, :func:`split_attribution`), ``_attribution``, ``_frames`` and ``_syntax`` (the
parse rules; ``_frames`` reads a reporting verb's speaker and clause), ``_denials`` and
``_surface_denials`` (denials read from the parse or the surface), ``_reported`` (a denial
of "the reports" read as denying the report told just before it) and ``_parsing`` (the
spaCy pipeline, loaded lazily).
"""

from __future__ import annotations

from conflictscan.text._segmentation import (
    MAX_CHARS,
    SEGMENTERS,
    is_statement,
    read_text,
    split_sentences,
)
from conflictscan.text._speech import split_attribution, split_attributions, strip_dateline

__all__ = [
    "MAX_CHARS",
    "SEGMENTERS",
    "is_statement",
    "split_attribution",
    "split_attributions",
    "read_text",
    "split_sentences",
    "strip_dateline",
]
