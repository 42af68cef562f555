"""Evaluation harness: labelled NLI pairs -> :class:`EvaluationReport`.

Input: a table of ``premise``/``hypothesis``/``label`` rows (JSONL, CSV, Parquet, a
``datasets.Dataset`` or a ``DatasetDict`` and split; see
:func:`conflictscan.batch.load_table`)
and a scorer. Output: accuracy, macro-F1, per-class precision/recall/F1, contradiction-vs-rest
ROC-AUC and average precision, expected calibration error, the confusion matrix and speed.

Gold labels are normalised before scoring: case and spacing are ignored, and ``contradict``,
``c``, ``entails``, ``not_entailment``… map to the canonical names. Integer labels are read
only through ``label_names=`` (or a ``ClassLabel`` column), since datasets disagree on the
order: the SNLI and MNLI releases on the Hugging Face hub use
``("entailment", "neutral", "contradiction")``.

Two-way sets (gold ``entailment``/``non-entailment``, or ``two_way=True``) are scored by
collapsing the model's neutral and contradiction into non-entailment:
``P(non-entailment) = P(neutral) + P(contradiction)``. Their ROC-AUC and average precision
are then of non-entailment vs entailment.

Torch is only imported when no scorer is given and an :class:`~conflictscan.nli.NLIScorer`
has to be built.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from conflictscan._errors import InputError
from conflictscan._types import NLI_LABELS, PairScore
from conflictscan.batch._tables import load_table
from conflictscan.nli._labels import (
    normalise_labels,
)

TWO_WAY_LABELS: tuple[str, str] = ("entailment", "non-entailment")
ECE_BINS = 15


@dataclass(frozen=True, slots=True)
class ClassMetrics:
    """Precision, recall and F1 of one gold class.

    Args:
        precision: Share of pairs predicted as the class that carry it.
        recall: Share of pairs carrying the class that were predicted as it.
        f1: Harmonic mean of precision and recall (0 when both are 0).
        support: Number of gold pairs of the class.
    """

    precision: float
    recall: float
    f1: float
    support: int

    def to_dict(self) -> dict[str, float | int]:
        """JSON-safe dict of the four numbers."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "support": self.support,
        }


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    """Metrics of one model on one labelled set.

    Args:
        n: Number of pairs scored.
        labels: Class names in the order used by ``per_class`` and ``confusion``.
        accuracy: Share of pairs whose highest-probability label is the gold label.
        macro_f1: Unweighted mean F1 over classes present in the gold or predicted labels.
        per_class: Metrics per class name.
        roc_auc: ROC-AUC of ``positive_label`` vs the rest, scored by its probability;
            None when the gold labels hold only one side.
        average_precision: Average precision of the same ranking; None likewise.
        positive_label: ``"contradiction"``, or ``"non-entailment"`` for two-way sets.
        ece: Expected calibration error of the top prediction's probability, in equal-width
            bins over [0, 1] (``ECE_BINS``).
        confusion: Counts; rows are gold labels, columns predicted, both in ``labels`` order.
        seconds: Wall time spent scoring.
        pairs_per_second: ``n / seconds``.
        model: Name of the model or scorer evaluated.
        two_way: True if scored as entailment vs non-entailment.
        notes: Human-readable notes (label collapsing, truncated pairs).
    """

    n: int
    labels: tuple[str, ...]
    accuracy: float
    macro_f1: float
    per_class: dict[str, ClassMetrics]
    roc_auc: float | None
    average_precision: float | None
    positive_label: str
    ece: float
    confusion: tuple[tuple[int, ...], ...]
    seconds: float
    pairs_per_second: float
    model: str = ""
    two_way: bool = False
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of every field (``per_class`` as nested dicts)."""
        return {
            "model": self.model,
            "n": self.n,
            "two_way": self.two_way,
            "labels": list(self.labels),
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "roc_auc": self.roc_auc,
            "average_precision": self.average_precision,
            "positive_label": self.positive_label,
            "ece": self.ece,
            "per_class": {name: m.to_dict() for name, m in self.per_class.items()},
            "confusion": [list(row) for row in self.confusion],
            "seconds": self.seconds,
            "pairs_per_second": self.pairs_per_second,
            "notes": list(self.notes),
        }

    def render(self) -> str:
        """A plain-text summary: headline metrics, a per-class table, the confusion matrix."""
        lines = [
            f"model {self.model or '?'}  pairs {self.n}  "
            f"{self.seconds:.2f} s ({self.pairs_per_second:.1f} pairs/s)"
            + ("  [two-way]" if self.two_way else ""),
            f"accuracy {self.accuracy:.4f}  macro-F1 {self.macro_f1:.4f}  ECE {self.ece:.4f}",
            f"{self.positive_label} vs rest: ROC-AUC {_fmt(self.roc_auc)}  "
            f"AP {_fmt(self.average_precision)}",
            "",
            f"{'class':<16}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}",
        ]
        for name, m in self.per_class.items():
            lines.append(
                f"{name:<16}{m.precision:>10.4f}{m.recall:>10.4f}{m.f1:>10.4f}{m.support:>10}"
            )
        lines += ["", "confusion (rows gold, columns predicted)"]
        lines.append(" " * 16 + "".join(f"{name[:14]:>16}" for name in self.labels))
        for name, row in zip(self.labels, self.confusion, strict=True):
            lines.append(f"{name:<16}" + "".join(f"{count:>16}" for count in row))
        lines += [f"note: {note}" for note in self.notes]
        return "\n".join(lines)


def evaluate(
    data: Any,
    *,
    scanner: Any = None,
    model: str | None = None,
    premise_column: str = "premise",
    hypothesis_column: str = "hypothesis",
    label_column: str = "label",
    split: str | None = None,
    limit: int | None = None,
    batch_size: int | None = None,
    show_progress: bool = False,
    label_names: Sequence[str] | None = None,
    two_way: bool | None = None,
) -> EvaluationReport:
    """Score labelled premise/hypothesis pairs and measure how well the model does.

    Args:
        data: Path to a JSONL/CSV/Parquet file, a ``datasets.Dataset``, a ``DatasetDict``
            (with ``split``), a list of row dicts or a pandas DataFrame.
        scanner: A :class:`~conflictscan.Scanner` (its scorer is used) or any
            scorer with ``score_pairs(pairs, *, show_progress=False) -> list[PairScore]``.
            Mutually exclusive with ``model``.
        model: Model to load into an :class:`~conflictscan.nli.NLIScorer` when no
            scanner is given; default the built-in ``"mini"``.
        premise_column: Column holding the premise.
        hypothesis_column: Column holding the hypothesis.
        label_column: Column holding the gold label.
        split: Split of a ``DatasetDict``.
        limit: Score only the first ``limit`` rows.
        batch_size: Pairs per forward pass of the scorer built from ``model`` (a given
            scanner keeps its own).
        show_progress: Show a progress bar while scoring.
        label_names: Names of integer labels by index, e.g.
            ``("entailment", "neutral", "contradiction")`` for hub SNLI/MNLI.
        two_way: Score as entailment vs non-entailment; default: when the gold labels
            include ``non-entailment``.

    Returns:
        The metrics; ``report.render()`` prints them as a table.

    Raises:
        InputError: Unreadable data, missing columns, empty data, unknown labels,
            ``scanner`` and ``model`` both given, or a bad ``limit``/``batch_size``.
        ModelLoadError: The model cannot be loaded.

    Example:
        >>> report = evaluate("snli_test.jsonl", model="mini", limit=500)
        >>> print(report.render())
    """
    pairs, gold = load_labelled_pairs(
        data,
        premise_column=premise_column,
        hypothesis_column=hypothesis_column,
        label_column=label_column,
        split=split,
        limit=limit,
        label_names=label_names,
    )
    two_way = _resolve_two_way(gold, two_way)
    scorer = _underlying(_make_scorer(scanner, model, batch_size))
    scores, seconds = _score(scorer, pairs, show_progress=show_progress)
    return _build_report(gold, scores, two_way=two_way, seconds=seconds, model=_name(scorer))


def load_labelled_pairs(
    data: Any,
    *,
    premise_column: str = "premise",
    hypothesis_column: str = "hypothesis",
    label_column: str = "label",
    split: str | None = None,
    limit: int | None = None,
    label_names: Sequence[str] | None = None,
) -> tuple[list[tuple[str, str]], list[str]]:
    """Read ``(premise, hypothesis)`` pairs and their normalised gold labels.

    Args:
        data: Anything :func:`~conflictscan.batch.load_table` reads.
        premise_column: Column holding the premise.
        hypothesis_column: Column holding the hypothesis.
        label_column: Column holding the gold label.
        split: Split of a ``DatasetDict``.
        limit: Keep only the first ``limit`` rows.
        label_names: Names of integer labels by index; default the names of a
            ``ClassLabel`` column, if any.

    Returns:
        The pairs and their labels, one of :data:`NLI_LABELS` or ``"non-entailment"``.

    Raises:
        InputError: As :func:`load_table`; a bad ``limit``; a non-text premise or
            hypothesis; unknown labels (listed).
    """
    columns = (premise_column, hypothesis_column, label_column)
    table = load_table(data, split=split, columns=columns)
    if limit is not None:
        if not isinstance(limit, int) or limit < 1:
            raise InputError(f"limit={limit!r} is not a positive integer; pass e.g. limit=500")
        table = table.select(range(min(limit, table.num_rows)))
    if label_names is None:
        label_names = getattr(table.features[label_column], "names", None)
    premises = _texts(table[premise_column], premise_column)
    hypotheses = _texts(table[hypothesis_column], hypothesis_column)
    labels = normalise_labels(table[label_column], label_names=label_names)
    return list(zip(premises, hypotheses, strict=True)), labels


def expected_calibration_error(
    confidences: Sequence[float] | np.ndarray,
    correct: Sequence[bool] | np.ndarray,
    *,
    n_bins: int = ECE_BINS,
) -> float:
    """Expected calibration error over equal-width confidence bins.

    Bin ``i`` holds confidences in ``(i / n_bins, (i + 1) / n_bins]`` (bin 0 also holds 0).
    ECE is the sum over bins of ``|accuracy - mean confidence|`` weighted by the bin's
    share of the pairs.

    Args:
        confidences: Probability of each prediction, in [0, 1].
        correct: Whether each prediction was right.
        n_bins: Number of bins.

    Returns:
        The ECE in [0, 1]; 0 for no predictions.
    """
    conf = np.asarray(confidences, dtype=np.float64)
    hits = np.asarray(correct, dtype=np.float64)
    if conf.size == 0:
        return 0.0
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    bins = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, n_bins - 1)
    total = 0.0
    for b in np.unique(bins):
        mask = bins == b
        total += mask.mean() * abs(hits[mask].mean() - conf[mask].mean())
    return float(total)


def _texts(values: Sequence[Any], column: str) -> list[str]:
    for row, value in enumerate(values):
        if not isinstance(value, str) or not value.strip():
            raise InputError(
                f"row {row} of column {column!r} is {value!r}; expected non-empty text; "
                "fix or drop that row"
            )
    return list(values)


def _resolve_two_way(gold: list[str], two_way: bool | None) -> bool:
    has_two_way = "non-entailment" in gold
    if two_way is False and has_two_way:
        raise InputError(
            "two_way=False but the gold labels include 'non-entailment'; pass two_way=True "
            "(or leave it unset) to score entailment vs non-entailment"
        )
    return has_two_way if two_way is None else two_way


def _make_scorer(scanner: Any, model: str | None, batch_size: int | None) -> Any:
    if scanner is not None and model is not None:
        raise InputError(
            f"both scanner= and model={model!r} were given; pass one: a Scanner (or scorer) "
            "or a model name"
        )
    if batch_size is not None and (not isinstance(batch_size, int) or batch_size < 1):
        raise InputError(f"batch_size={batch_size!r} is not a positive integer; pass e.g. 32")
    if scanner is not None:
        if not callable(getattr(scanner, "score_pairs", None)):
            raise InputError(
                f"scanner of type {type(scanner).__name__} has no score_pairs(); pass a "
                "Scanner or an object with score_pairs(pairs) -> list[PairScore]"
            )
        return scanner
    from conflictscan._config import DEFAULT_MODEL
    from conflictscan.nli._scorer import NLIScorer

    options = {} if batch_size is None else {"batch_size": batch_size}
    return NLIScorer(model or DEFAULT_MODEL, **options)


def _underlying(scorer: Any) -> Any:
    """The scorer behind a Scanner (same scores; takes ``show_progress``), else ``scorer``."""
    from conflictscan._scanner import Scanner

    return scorer.scorer if isinstance(scorer, Scanner) else scorer


def _name(scorer: Any) -> str:
    name = getattr(scorer, "model_id", None)
    return str(name) if name is not None else type(scorer).__name__


def _score(
    scorer: Any, pairs: list[tuple[str, str]], *, show_progress: bool
) -> tuple[list[PairScore], float]:
    start = time.perf_counter()
    scores = list(scorer.score_pairs(pairs, show_progress=show_progress))
    seconds = time.perf_counter() - start
    if len(scores) != len(pairs):
        raise InputError(
            f"the scorer returned {len(scores)} scores for {len(pairs)} pairs; expected one "
            "PairScore per pair"
        )
    return scores, seconds


def _probabilities(scores: list[PairScore], two_way: bool) -> np.ndarray:
    probs = np.array([[s.contradiction, s.entailment, s.neutral] for s in scores], dtype=float)
    if two_way:
        probs = np.stack([probs[:, 1], probs[:, 0] + probs[:, 2]], axis=1)
    return probs


def _build_report(
    gold: list[str], scores: list[PairScore], *, two_way: bool, seconds: float, model: str
) -> EvaluationReport:
    from sklearn.metrics import accuracy_score, confusion_matrix

    classes = TWO_WAY_LABELS if two_way else NLI_LABELS
    gold_in = gold
    if two_way:
        gold = ["entailment" if g == "entailment" else "non-entailment" for g in gold]
    probs = _probabilities(scores, two_way)
    predicted = [classes[i] for i in probs.argmax(axis=1)]
    positive = "non-entailment" if two_way else "contradiction"
    auc, ap = _ranking_metrics(gold, probs[:, classes.index(positive)], positive)
    correct = np.array(gold) == np.array(predicted)
    per_class, macro_f1 = _class_metrics(gold, predicted, classes)
    return EvaluationReport(
        n=len(gold),
        labels=tuple(classes),
        accuracy=float(accuracy_score(gold, predicted)),
        macro_f1=macro_f1,
        per_class=per_class,
        roc_auc=auc,
        average_precision=ap,
        positive_label=positive,
        ece=expected_calibration_error(probs.max(axis=1), correct),
        confusion=tuple(map(tuple, confusion_matrix(gold, predicted, labels=classes).tolist())),
        seconds=seconds,
        pairs_per_second=len(gold) / max(seconds, 1e-9),
        model=model,
        two_way=two_way,
        notes=_notes(gold_in, scores, two_way),
    )


def _class_metrics(
    gold: list[str], predicted: list[str], classes: Sequence[str]
) -> tuple[dict[str, ClassMetrics], float]:
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=list(classes), zero_division=0
    )
    per_class = {
        name: ClassMetrics(float(p), float(r), float(f), int(s))
        for name, p, r, f, s in zip(classes, precision, recall, f1, support, strict=True)
    }
    present = [name for name in classes if name in set(gold) | set(predicted)]
    macro = f1_score(gold, predicted, labels=present, average="macro", zero_division=0)
    return per_class, float(macro)


def _ranking_metrics(
    gold: list[str], score: np.ndarray, positive: str
) -> tuple[float | None, float | None]:
    from sklearn.metrics import average_precision_score, roc_auc_score

    truth = np.array([g == positive for g in gold])
    if truth.all() or not truth.any():
        return None, None
    return float(roc_auc_score(truth, score)), float(average_precision_score(truth, score))


def _notes(gold: list[str], scores: list[PairScore], two_way: bool) -> tuple[str, ...]:
    notes = []
    if two_way and {"contradiction", "neutral"} & set(gold):
        notes.append("gold neutral and contradiction were collapsed into non-entailment")
    truncated = sum(s.truncated for s in scores)
    if truncated:
        notes.append(f"{truncated} pair(s) were truncated to the model's maximum length")
    return tuple(notes)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"
