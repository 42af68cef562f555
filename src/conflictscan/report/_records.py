"""Report: ScanResult -> dicts, flat records, JSON, pandas, terminal tables.

Input: :class:`~conflictscan.ScanResult` (or a sequence of
:class:`~conflictscan.Conflict`). Output: JSON-safe Python values and text.
pandas is optional and imported only by :func:`result_to_pandas`. The HTML report lives in
:mod:`conflictscan.report._html` and renders these records.

Besides the sentences, each record carries what a reader needs to judge a conflict: the
sentence before and after each side in its document (``*_context_before``/``_after``) and
``highlights``, the contested character spans inside each sentence, located from the
conflict's :class:`~conflictscan.Evidence`.
"""

from __future__ import annotations

import bisect
import json
import re
import shutil
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from conflictscan._types import Conflict, ScanResult, Sentence

if TYPE_CHECKING:
    import pandas as pd

RECORD_COLUMNS: tuple[str, ...] = (
    "confidence",
    "reasons",
    "a_doc_id",
    "a_source",
    "a_speaker",
    "a_start",
    "a_end",
    "a_text",
    "b_doc_id",
    "b_source",
    "b_speaker",
    "b_start",
    "b_end",
    "b_text",
    "contradiction_ab",
    "entailment_ab",
    "neutral_ab",
    "contradiction_ba",
    "entailment_ba",
    "neutral_ba",
    "relatedness",
    "evidence",
    "a_context_before",
    "a_context_after",
    "b_context_before",
    "b_context_after",
    "highlights",
)

Highlight = tuple[int, int, str]
"""A highlighted span: ``(start, end, kind)``, offsets into the sentence text."""
_Context = dict[tuple[str | None, int], tuple[str, str]]


def result_to_dict(result: ScanResult) -> dict[str, Any]:
    """Nested JSON-safe form: ``{"conflicts": [...], "meta": {...}}``.

    Each conflict is ``{"a": {"text", "doc_id", "start", "end", "source", …}, "b": {…},
    "confidence", "reasons", "evidence", "scores": {"a_to_b": …, "b_to_a": …}}``.
    """
    return {
        "conflicts": [c.to_dict() for c in result.conflicts],
        "meta": {
            "model": result.model,
            "threshold": result.threshold,
            "pairing": result.pairing,
            "documents": len(result.documents),
            "sentences": len(result.sentences),
            "pairs_considered": result.pairs_considered,
            "pairs_scored": result.pairs_scored,
            "notes": list(result.notes),
        },
    }


def conflict_to_record(conflict: Conflict, *, context: _Context | None = None) -> dict[str, Any]:
    """One flat row with the columns of :data:`RECORD_COLUMNS`.

    Args:
        conflict: The conflict.
        context: ``(doc_id, start) -> (sentence before, sentence after)`` from
            :func:`sentence_context`; without it the context columns are empty.

    Returns:
        The row. ``highlights`` is a compact JSON string,
        ``{"a": [[start, end, kind], ...], "b": [...]}`` (see :func:`highlight_spans`).
    """
    fwd, bwd = conflict.scores
    row: dict[str, Any] = {"confidence": conflict.confidence, "reasons": ",".join(conflict.reasons)}
    for side, sent in (("a", conflict.a), ("b", conflict.b)):
        row.update(
            {
                f"{side}_doc_id": sent.doc_id,
                f"{side}_source": sent.source,
                f"{side}_speaker": sent.speaker,
                f"{side}_start": sent.start,
                f"{side}_end": sent.end,
                f"{side}_text": sent.text,
            }
        )
    for suffix, score in (("ab", fwd), ("ba", bwd)):
        row[f"contradiction_{suffix}"] = score.contradiction
        row[f"entailment_{suffix}"] = score.entailment
        row[f"neutral_{suffix}"] = score.neutral
    row["relatedness"] = conflict.relatedness
    row["evidence"] = "; ".join(e.note for e in conflict.evidence if e.note)
    for side, sent in (("a", conflict.a), ("b", conflict.b)):
        before, after = (context or {}).get((sent.doc_id, sent.start), ("", ""))
        row[f"{side}_context_before"], row[f"{side}_context_after"] = before, after
    spans = highlight_spans(conflict)
    row["highlights"] = json.dumps({k: [list(s) for s in v] for k, v in spans.items()})
    return {key: row[key] for key in RECORD_COLUMNS}


def result_to_records(result: ScanResult | Sequence[Conflict]) -> list[dict[str, Any]]:
    """Flat rows, one per conflict, columns in :data:`RECORD_COLUMNS` order.

    A :class:`ScanResult` also fills the context columns from its documents.
    """
    if not isinstance(result, ScanResult):
        return [conflict_to_record(c) for c in result]
    context = sentence_context(result)
    return [conflict_to_record(c, context=context) for c in result.conflicts]


def sentence_context(result: ScanResult) -> _Context:
    """The sentences just before and after each conflicting sentence in its document.

    Documents are re-split keeping every sentence (also those the scan filtered out), so
    the context is what a reader of the article sees around the sentence.

    Args:
        result: A scan result; only documents that have a conflict are split.

    Returns:
        ``{(doc_id, start): (before, after)}`` with ``""`` where there is no neighbour.
    """
    from conflictscan.text._segmentation import split_sentences

    texts = {doc.doc_id: doc.text for doc in result.documents}
    bounds: dict[str | None, list[tuple[int, int]]] = {}
    out: _Context = {}
    for sent in (s for c in result.conflicts for s in (c.a, c.b)):
        text = texts.get(sent.doc_id)
        if text is None or (sent.doc_id, sent.start) in out:
            continue
        if sent.doc_id not in bounds:
            bounds[sent.doc_id] = [(s.start, s.end) for s in split_sentences(text, keep=None)]
        out[(sent.doc_id, sent.start)] = _neighbours(text, bounds[sent.doc_id], sent)
    return out


def _neighbours(text: str, bounds: list[tuple[int, int]], sent: Sentence) -> tuple[str, str]:
    before = bisect.bisect_right([end for _, end in bounds], sent.start)
    after = bisect.bisect_left([start for start, _ in bounds], sent.end)
    return (
        text[slice(*bounds[before - 1])].strip() if before else "",
        text[slice(*bounds[after])].strip() if after < len(bounds) else "",
    )


def highlight_spans(conflict: Conflict) -> dict[str, list[Highlight]]:
    """The contested spans of each sentence, located from the conflict's evidence.

    A denial marks the denied proposition in the denying sentence (where the parse located
    it, else where the evidence quotes it); numeric and date evidence mark the differing
    figures or dates on both sides. NLI evidence marks nothing
    (it concerns whole sentences), and values that cannot be found in the sentence text are
    left out rather than guessed.

    Args:
        conflict: The conflict.

    Returns:
        ``{"a": [(start, end, kind), ...], "b": [...]}``: sorted, non-overlapping,
        offsets into ``conflict.a.text`` and ``conflict.b.text``.
    """
    spans: dict[str, list[Highlight]] = {"a": [], "b": []}
    for ev in conflict.evidence:
        if ev.kind == "nli":
            continue
        for side, sent, value in (("a", conflict.a, ev.a_value), ("b", conflict.b, ev.b_value)):
            if value and value.strip() not in (sent.text.strip(), sent.content.strip()):
                found = _locate(sent, value, ev.kind)
                spans[side] += [(start, end, ev.kind) for start, end in found]
    if "denial" in {ev.kind for ev in conflict.evidence}:
        for side, sent in (("a", conflict.a), ("b", conflict.b)):
            spans[side] += [
                (span.start - sent.start, span.end - sent.start, "denial")
                for span in sent.spans_of("denied")
                if sent.start <= span.start < span.end <= sent.end
            ]
    return {side: _disjoint(found) for side, found in spans.items()}


def _locate(sent: Sentence, value: str, kind: str) -> list[tuple[int, int]]:
    """Where ``value`` occurs in the sentence: as written, else (numbers) as a quantity.

    Quantities are read from the claim first (a dateline can hide them), then from the
    whole sentence, and located in the sentence by the words that express them.
    """
    match = re.search(re.escape(value.strip()), sent.text, re.IGNORECASE)
    if match:
        return [match.span()]
    if kind != "numeric":
        return []
    from conflictscan.signals._numbers import extract_quantities

    for text in dict.fromkeys((sent.content, sent.text)):
        for quantity in extract_quantities(text):
            found = quantity.describe() == value and re.search(re.escape(quantity.text), sent.text)
            if found:
                return [found.span()]
    return []


def _disjoint(spans: list[Highlight]) -> list[Highlight]:
    """Sorted spans without overlaps; of two overlapping spans the earlier, longer wins."""
    out: list[Highlight] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return out


def result_to_json(result: ScanResult, *, indent: int | None = 2) -> str:
    """:func:`result_to_dict` serialised as JSON."""
    return json.dumps(result_to_dict(result), indent=indent, ensure_ascii=False)


def result_to_pandas(result: ScanResult | Sequence[Conflict]) -> pd.DataFrame:
    """The records as a DataFrame.

    Raises:
        ImportError: pandas is not installed; install ``conflictscan[pandas]``.
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("to_pandas() needs pandas: pip install 'conflictscan[pandas]'") from exc
    return pd.DataFrame(result_to_records(result), columns=list(RECORD_COLUMNS))


def _place(conflict: Conflict, side: str) -> str:
    sent = conflict.a if side == "a" else conflict.b
    via = f", via {sent.via}" if sent.via else ""
    who = f" ({sent.speaker}{via})" if sent.speaker else ""
    src = f" {sent.source}" if sent.source else ""
    return f"{sent.doc_id}{src} [{sent.start}:{sent.end}]{who}"


def render_table(result: ScanResult, *, width: int | None = None) -> str:
    """A readable plain-text listing for terminals.

    Args:
        result: The scan result.
        width: Line width; defaults to the terminal width (at most 120).

    Returns:
        The listing, ending with a summary line.
    """
    width = width or min(120, shutil.get_terminal_size((100, 20)).columns)
    lines: list[str] = []
    for rank, conflict in enumerate(result.conflicts, 1):
        head = (
            f"#{rank}  confidence {conflict.confidence:.2f}  [{', '.join(conflict.reasons) or '-'}]"
        )
        lines.append(head)
        for side, sent in (("A", conflict.a), ("B", conflict.b)):
            lines.append(f"  {side} {_place(conflict, side.lower())}")
            lines.extend(
                textwrap.wrap(
                    sent.text, width - 6, initial_indent="      ", subsequent_indent="      "
                )
            )
            if sent.denied:
                lines.append(f"      denies: {sent.denied}")
        shown: set[str] = set()
        for ev in sorted(conflict.evidence, key=lambda e: -e.score):
            if ev.kind != "nli" and ev.note and ev.kind not in shown and ev.score >= 0.5:
                shown.add(ev.kind)
                lines.append(f"  why: {ev.kind}: {ev.note}")
        lines.append("")
    summary = (
        f"{len(result.conflicts)} conflict(s) at threshold {result.threshold:.2f}; "
        f"{len(result.sentences)} sentences, {result.pairs_considered} pairs considered, "
        f"{result.pairs_scored} scored with {result.model or 'model'} ({result.pairing})."
    )
    lines.append(summary)
    lines.extend(f"note: {n}" for n in result.notes)
    return "\n".join(lines)
