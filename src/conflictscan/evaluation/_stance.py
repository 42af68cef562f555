"""Stance evaluation on real news: does a scan rank disputing bodies above agreeing ones?

Input: a JSONL file of stance items (``premise`` = an article body or a post, ``hypothesis``
= the headline or claim it responds to, ``label`` = ``contradiction`` when the body
disputes the headline, ``entailment`` when it agrees), such as the FNC-1 and ARC stance
sets. Output: a :class:`StanceReport` with the ROC AUC of the scan's highest conflict
confidence per item, disputes against agreements.

Each item is scanned as two documents, headline and body, with the scanner's own model,
reasoning and combiner but ``threshold=0`` (every scored pair counts) and a pairing that
compares the headline with its :data:`TOP_K` most related body sentences (cosine of the
sentence embeddings): only headline-vs-body pairs say whether the body disputes the
headline, and a disputing sentence is about what the headline says. An item whose pairs
were all filtered out (e.g. by the relatedness gate) gets confidence 0.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictscan._errors import InputError
from conflictscan._types import Document

DISPUTES, AGREES = "contradiction", "entailment"
TOP_K = 5
"""Body sentences compared with the headline, the most related first."""


@dataclass(frozen=True, slots=True)
class StanceItem:
    """One headline/body pair with its gold stance (``contradiction`` or ``entailment``)."""

    headline: str
    body: str
    label: str


@dataclass(frozen=True, slots=True)
class StanceReport:
    """Result of :func:`evaluate_stance`.

    Args:
        auc: ROC AUC of the per-item confidence, disputes (positive) vs agreements.
        n_disputes: Items whose body disputes the headline.
        n_agrees: Items whose body agrees.
        mean_disputes: Mean confidence over disputing items.
        mean_agrees: Mean confidence over agreeing items.
        confidences: Per-item confidences, in item order.
        labels: Per-item labels, in item order.
    """

    auc: float
    n_disputes: int
    n_agrees: int
    mean_disputes: float
    mean_agrees: float
    confidences: tuple[float, ...]
    labels: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe summary (without the per-item lists)."""
        return {
            "auc": self.auc,
            "n_disputes": self.n_disputes,
            "n_agrees": self.n_agrees,
            "mean_disputes": self.mean_disputes,
            "mean_agrees": self.mean_agrees,
        }


def load_stance_items(path: str | Path, *, per_label: int, seed: int = 13) -> list[StanceItem]:
    """A seeded sample of ``per_label`` disputing and ``per_label`` agreeing items.

    Args:
        path: JSONL file with ``premise`` (body), ``hypothesis`` (headline), ``label``.
        per_label: Items drawn of each stance (all of them if fewer exist).
        seed: Sampling seed; the same seed gives the same items.

    Returns:
        The items, disputes first, each group in sampled order.

    Raises:
        InputError: If the file cannot be read or lacks one of the two stances.
    """
    groups: dict[str, list[StanceItem]] = {DISPUTES: [], AGREES: []}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read stance file {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            item = StanceItem(str(row["hypothesis"]), str(row["premise"]), str(row["label"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"{path}, line {number}: expected JSON with premise, hypothesis, label ({exc})"
            ) from exc
        if item.label in groups:
            groups[item.label].append(item)
    if not groups[DISPUTES] or not groups[AGREES]:
        raise InputError(f"{path} needs items labelled both {DISPUTES!r} and {AGREES!r}")
    rng = random.Random(seed)
    out: list[StanceItem] = []
    for label in (DISPUTES, AGREES):
        items = groups[label]
        out.extend(rng.sample(items, min(per_label, len(items))))
    return out


def _documents(item: StanceItem) -> list[Document]:
    return [Document(item.headline, doc_id="headline"), Document(item.body, doc_id="body")]


def _top(result: Any) -> float:
    return max((c.confidence for c in result.conflicts), default=0.0)


def item_confidence(scanner: Any, item: StanceItem) -> float:
    """Highest conflict confidence between the headline and the body (0 when none)."""
    return _top(scanner.scan(_documents(item)))


def evaluate_stance(
    items: Sequence[StanceItem], *, scanner: Any, show_progress: bool = False
) -> StanceReport:
    """Scan every item and measure how well confidence separates disputes from agreements.

    Args:
        items: Items from :func:`load_stance_items`.
        scanner: A :class:`~conflictscan.Scanner`; its model, reasoning and combiner are
            used with ``threshold=0`` and cross-document pairing.
        show_progress: Show a progress bar over items.

    Returns:
        The report.

    Raises:
        InputError: If ``items`` lacks one of the two stances.
    """
    from sklearn.metrics import roc_auc_score
    from tqdm.auto import tqdm

    labels = [item.label for item in items]
    if DISPUTES not in labels or AGREES not in labels:
        raise InputError(f"stance items need both {DISPUTES!r} and {AGREES!r} labels")
    probe = _probe_scanner(scanner)
    # scan_many scores a chunk of items together: the same results as one scan per item.
    results = probe.scan_many(_documents(item) for item in items)
    confidences = [
        _top(result)
        for result in tqdm(results, total=len(items), disable=not show_progress, desc="stance")
    ]
    y = [int(label == DISPUTES) for label in labels]
    disputes = [c for c, t in zip(confidences, y, strict=True) if t]
    agrees = [c for c, t in zip(confidences, y, strict=True) if not t]
    return StanceReport(
        auc=float(roc_auc_score(y, confidences)),
        n_disputes=len(disputes),
        n_agrees=len(agrees),
        mean_disputes=sum(disputes) / len(disputes),
        mean_agrees=sum(agrees) / len(agrees),
        confidences=tuple(confidences),
        labels=tuple(labels),
    )


def headline_neighbours(
    sentences: Sequence[Any], *, top_k: int = TOP_K, embeddings: Any = None, **_: Any
) -> list[tuple[int, int]]:
    """Pairs of each headline sentence with its ``top_k`` most related body sentences.

    Without embeddings every headline-body pair is returned.
    """
    heads = [i for i, s in enumerate(sentences) if s.doc_id == "headline"]
    body = [j for j, s in enumerate(sentences) if s.doc_id != "headline"]
    pairs = []
    for i in heads:
        if embeddings is None:
            chosen = body
        else:
            chosen = sorted(body, key=lambda j: -float(embeddings[i] @ embeddings[j]))[:top_k]
        pairs.extend((i, j) for j in chosen)
    return pairs


def _probe_scanner(scanner: Any) -> Any:
    """The same scanner with threshold 0 and headline-neighbour pairing."""
    from conflictscan._scanner import Scanner

    options = {**scanner.config.to_dict(), "threshold": 0.0, "pairing": headline_neighbours}
    return Scanner(
        **options,
        scorer=scanner.scorer,
        encoder=scanner.encoder,
        combiner=scanner.combiner,
    )
