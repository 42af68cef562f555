"""Report: ScanResult -> dicts, flat records, JSON, pandas, terminal tables.

Input: :class:`~conflictscan.results.ScanResult` (or a sequence of
:class:`~conflictscan.results.Conflict`). Output: JSON-safe Python values and text.
pandas is optional and imported only by :func:`result_to_pandas`.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from conflictscan.results import Conflict, ScanResult

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
)


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


def conflict_to_record(conflict: Conflict) -> dict[str, Any]:
    """One flat row with the columns of :data:`RECORD_COLUMNS`."""
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
    return {key: row[key] for key in RECORD_COLUMNS}


def result_to_records(result: ScanResult | Sequence[Conflict]) -> list[dict[str, Any]]:
    """Flat rows, one per conflict, columns in :data:`RECORD_COLUMNS` order."""
    conflicts = result.conflicts if isinstance(result, ScanResult) else result
    return [conflict_to_record(c) for c in conflicts]


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
    who = f" ({sent.speaker})" if sent.speaker else ""
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
