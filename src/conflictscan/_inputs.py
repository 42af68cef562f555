"""Input coercion: a text, a Document or a sequence of them -> list[Document]."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from conflictscan._errors import InputError
from conflictscan._types import Document

DocumentsLike = str | Document | Sequence[str | Document]
_KEY_STRIP = re.compile(r"[\W_]+", re.UNICODE)


def content_key(text: str) -> str:
    """Key under which near-identical claims (case, spacing, punctuation) are merged."""
    return _KEY_STRIP.sub(" ", text.casefold()).strip()


def coerce_documents(docs: DocumentsLike, *, max_chars: int | None = None) -> list[Document]:
    """Turn ``str``/``Document``/sequences into a validated list of documents.

    Args:
        docs: One text, one document, or a sequence of either.
        max_chars: Longest text accepted (None: no limit here).

    Returns:
        Documents with unique ids (``doc0``, ``doc1``… where none was given).

    Raises:
        InputError: None, bytes or another non-text input, empty input, a non-text item
            or ``Document.text``, an empty or oversize text, or a repeated id; the message
            names the bad value and the fix.
    """
    items = _items(docs)
    if not items:
        raise InputError("nothing to scan: pass a text, a Document or a list of them")
    out: list[Document] = []
    for pos, item in enumerate(items):
        doc = _document(item, pos)
        if doc.doc_id is None:
            doc = replace(doc, doc_id=f"doc{pos}")
        if not doc.text.strip():
            raise InputError(f"document {doc.doc_id!r} is empty; remove it or give it text")
        if max_chars is not None and len(doc.text) > max_chars:
            raise InputError(
                f"document {doc.doc_id!r} has {len(doc.text):,} characters, more than "
                f"max_chars={max_chars:,}; split it into several documents (one per article "
                "or chapter) or raise the limit with max_chars= (--max-chars on the command "
                "line)"
            )
        out.append(doc)
    ids = [d.doc_id for d in out]
    dupes = sorted({i for i in ids if ids.count(i) > 1}, key=str)
    if dupes:
        raise InputError(f"document ids must be unique; repeated: {', '.join(map(str, dupes))}")
    return out


_BYTES_FIX = "decode it first, e.g. data.decode('utf-8') or conflictscan.text.read_text"
_EXPECTED = "pass a text (str), a Document or a list of them"


def _items(docs: Any) -> list[Any]:
    if isinstance(docs, str | Document):
        return [docs]
    if docs is None:
        raise InputError(f"nothing to scan: got None; {_EXPECTED}")
    if isinstance(docs, bytes | bytearray | memoryview):
        raise InputError(f"got {type(docs).__name__}, not text; {_BYTES_FIX}(data)")
    if isinstance(docs, dict) or not isinstance(docs, Iterable):
        raise InputError(f"cannot scan {type(docs).__name__} {_short(docs)}; {_EXPECTED}")
    return list(docs)


def _document(item: Any, pos: int) -> Document:
    if isinstance(item, str):
        return Document(text=item)
    if isinstance(item, bytes | bytearray):
        raise InputError(f"item {pos} is {type(item).__name__}, not text; {_BYTES_FIX}(data)")
    if not isinstance(item, Document):
        raise InputError(
            f"item {pos} is {type(item).__name__} {_short(item)}; expected str or Document"
        )
    if not isinstance(item.text, str):
        fix = f"{_BYTES_FIX}(data)" if isinstance(item.text, bytes) else "give it a str"
        raise InputError(
            f"document {pos} ({item.doc_id or f'doc{pos}'!r}) has text of type "
            f"{type(item.text).__name__} {_short(item.text)}; Document.text must be a str: {fix}"
        )
    return item


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
