"""Evaluate a scanner on multi-outlet news stories with annotated conflicts.

Input: a JSONL file of stories (format in ``benchmarks/news/README.md``) or :class:`Story`
objects. Output: :class:`NewsReport`.

Each story is scanned once as a whole (all its articles together). Predicted conflicts are
matched to annotated pairs by document id and character-span overlap on both sides, in
either order. Two confidences are kept per annotated pair:

* ``scan_confidence``: the confidence of the best matching conflict the scan produced
  (0 when pairing or aggregation never produced the pair). Recall, hard-negative flags and
  false alarms use it, so they measure the whole pipeline.
* ``pair_confidence``: the confidence the scanner gives the pair when asked directly
  (``Scanner.score_conflict``), which isolates scoring from pairing. Scanners without
  ``score_conflict`` fall back to ``scan_confidence``.

Example:
    >>> from conflictscan.evaluation._news import evaluate_news
    >>> report = evaluate_news("benchmarks/news/stories.jsonl", split="dev")  # doctest: +SKIP
    >>> print(report.render())  # doctest: +SKIP
"""

from __future__ import annotations

import copy
import inspect
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, is_dataclass, replace
from pathlib import Path
from typing import Any

from conflictscan._config import default_threshold
from conflictscan._errors import InputError
from conflictscan._types import ScanResult, Sentence
from conflictscan.evaluation._stories import (
    CONFLICT_KINDS,
    HARD_NEGATIVE_KINDS,
    SPLITS,
    AnnotatedPair,
    Span,
    Story,
    _check_unique,
    load_stories,
)

# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class PairOutcome:
    """How the scanner treated one annotated pair.

    Args:
        story_id: The story the pair belongs to.
        label: ``"conflict"`` or ``"hard_negative"``.
        kind: The annotated kind ("numeric", "update"…).
        a: First annotated sentence.
        b: Second annotated sentence.
        scan_confidence: Confidence of the best matching conflict the scan produced; 0 when
            the scan never produced the pair.
        pair_confidence: Confidence from scoring the pair directly (equals
            ``scan_confidence`` for scanners without ``score_conflict``).
    """

    story_id: str
    label: str
    kind: str
    a: Span
    b: Span
    scan_confidence: float
    pair_confidence: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of all fields."""
        return {
            "story_id": self.story_id,
            "label": self.label,
            "kind": self.kind,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "scan_confidence": self.scan_confidence,
            "pair_confidence": self.pair_confidence,
        }


@dataclass(frozen=True, slots=True)
class Prediction:
    """A conflict the scan reported at or above the threshold.

    Args:
        story_id: The story it was found in.
        a: First predicted sentence.
        b: Second predicted sentence.
        confidence: The scanner's confidence.
        matched: ``"conflict"``, ``"hard_negative"`` or ``None`` (matches no annotation).
        conflict_free_story: True when the story has no annotated conflict.
    """

    story_id: str
    a: Span
    b: Span
    confidence: float
    matched: str | None
    conflict_free_story: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of all fields."""
        return {
            "story_id": self.story_id,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "confidence": self.confidence,
            "matched": self.matched,
            "conflict_free_story": self.conflict_free_story,
        }


@dataclass(frozen=True, slots=True)
class NewsReport:
    """Scores of one scanner on a set of news stories.

    Metrics are derived from ``outcomes`` and ``predictions``; rates are ``None`` when
    their denominator is empty.

    Args:
        threshold: Confidence at or above which a conflict counts as flagged.
        split: The split evaluated, or ``None`` for all stories.
        model: The scanner's model name, if it exposes one.
        stories: Number of stories evaluated.
        conflict_free_stories: Stories without any annotated conflict.
        outcomes: One entry per annotated pair (conflicts and hard negatives).
        predictions: Every conflict the scans flagged at the threshold.
        score_source: ``"score_conflict"`` or ``"scan"``: where ``pair_confidence`` came from.
        pairs_scored: Ordered pairs the scans sent to the NLI model, summed over stories.
        seconds: Wall-clock time of the whole evaluation.
    """

    threshold: float
    split: str | None
    model: str
    stories: int
    conflict_free_stories: int
    outcomes: tuple[PairOutcome, ...]
    predictions: tuple[Prediction, ...]
    score_source: str
    pairs_scored: int
    seconds: float
    notes: tuple[str, ...] = field(default=())

    def _pairs(self, label: str, kind: str | None = None) -> list[PairOutcome]:
        return [o for o in self.outcomes if o.label == label and kind in (None, o.kind)]

    def _flag_rate(
        self, label: str, kind: str | None = None, *, score: str = "scan_confidence"
    ) -> float | None:
        pairs = self._pairs(label, kind)
        flagged = sum(getattr(o, score) >= self.threshold for o in pairs)
        return flagged / len(pairs) if pairs else None

    @property
    def recall(self) -> float | None:
        """Share of annotated conflicts the scan flagged at the threshold."""
        return self._flag_rate("conflict")

    @property
    def recall_by_kind(self) -> dict[str, float | None]:
        """:attr:`recall` per conflict kind, for the kinds present."""
        return {kind: self._flag_rate("conflict", kind) for kind in self._kinds("conflict")}

    @property
    def pair_recall(self) -> float | None:
        """Share of annotated conflicts whose ``pair_confidence`` reaches the threshold."""
        return self._flag_rate("conflict", score="pair_confidence")

    @property
    def hard_negatives_flagged(self) -> float | None:
        """Share of hard negatives the scan wrongly flagged at the threshold."""
        return self._flag_rate("hard_negative")

    @property
    def hard_negatives_flagged_by_kind(self) -> dict[str, float | None]:
        """:attr:`hard_negatives_flagged` per hard-negative kind."""
        kinds = self._kinds("hard_negative")
        return {kind: self._flag_rate("hard_negative", kind) for kind in kinds}

    @property
    def false_alarms_per_conflict_free_story(self) -> float | None:
        """Flagged conflicts per story that has none annotated."""
        if not self.conflict_free_stories:
            return None
        alarms = sum(p.conflict_free_story for p in self.predictions)
        return alarms / self.conflict_free_stories

    @property
    def unmatched_per_story(self) -> float | None:
        """Flagged conflicts matching no annotated pair, per story."""
        unmatched = sum(p.matched is None for p in self.predictions)
        return unmatched / self.stories if self.stories else None

    @property
    def auc(self) -> float | None:
        """ROC AUC of ``pair_confidence``: annotated conflicts vs hard negatives."""
        return _auc(
            [o.pair_confidence for o in self._pairs("conflict")],
            [o.pair_confidence for o in self._pairs("hard_negative")],
        )

    @property
    def auc_scan(self) -> float | None:
        """ROC AUC of ``scan_confidence`` (pairs the scan never produced score 0)."""
        return _auc(
            [o.scan_confidence for o in self._pairs("conflict")],
            [o.scan_confidence for o in self._pairs("hard_negative")],
        )

    def at(self, threshold: float) -> NewsReport:
        """The same evaluation judged at a higher threshold, without scanning again.

        Args:
            threshold: New threshold, at least :attr:`threshold` (predictions below the
                original threshold were not kept).

        Returns:
            A report whose metrics count only confidences ``>= threshold``.

        Raises:
            InputError: ``threshold`` is below this report's threshold or above 1.
        """
        if not self.threshold <= threshold <= 1.0:
            raise InputError(
                f"threshold {threshold} is outside [{self.threshold}, 1]; predictions below "
                f"{self.threshold} were not kept: evaluate again with threshold={threshold}"
            )
        kept = tuple(p for p in self.predictions if p.confidence >= threshold)
        return replace(self, threshold=threshold, predictions=kept)

    def _kinds(self, label: str) -> list[str]:
        order = CONFLICT_KINDS if label == "conflict" else HARD_NEGATIVE_KINDS
        present = {o.kind for o in self._pairs(label)}
        return [kind for kind in order if kind in present]

    def metrics(self) -> dict[str, Any]:
        """The headline figures as a flat JSON-safe dict (no per-pair rows)."""
        return {
            "threshold": self.threshold,
            "split": self.split,
            "model": self.model,
            "stories": self.stories,
            "conflict_free_stories": self.conflict_free_stories,
            "conflicts": len(self._pairs("conflict")),
            "hard_negatives": len(self._pairs("hard_negative")),
            "recall": self.recall,
            "recall_by_kind": self.recall_by_kind,
            "pair_recall": self.pair_recall,
            "hard_negatives_flagged": self.hard_negatives_flagged,
            "hard_negatives_flagged_by_kind": self.hard_negatives_flagged_by_kind,
            "false_alarms_per_conflict_free_story": self.false_alarms_per_conflict_free_story,
            "unmatched_per_story": self.unmatched_per_story,
            "auc": self.auc,
            "auc_scan": self.auc_scan,
            "score_source": self.score_source,
            "pairs_scored": self.pairs_scored,
            "seconds": self.seconds,
        }

    def to_dict(self) -> dict[str, Any]:
        """:meth:`metrics` plus per-pair ``outcomes``, ``predictions`` and ``notes``."""
        return {
            **self.metrics(),
            "outcomes": [o.to_dict() for o in self.outcomes],
            "predictions": [p.to_dict() for p in self.predictions],
            "notes": list(self.notes),
        }

    def render(self, *, show_misses: int = 10) -> str:
        """A plain-text summary: headline figures, per-kind tables, missed conflicts.

        Args:
            show_misses: How many missed conflicts and unmatched predictions to list.
        """
        lines = _render_header(self)
        lines += _render_kinds("recall by conflict kind", self, "conflict")
        lines += _render_kinds("hard negatives flagged by kind", self, "hard_negative")
        misses = [o for o in self._pairs("conflict") if o.scan_confidence < self.threshold]
        lines += _render_misses(misses[:show_misses], len(misses))
        unmatched = [p for p in self.predictions if p.matched is None]
        lines += _render_unmatched(unmatched[:show_misses], len(unmatched))
        lines += [f"note: {note}" for note in self.notes]
        return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _render_header(report: NewsReport) -> list[str]:
    m = report.metrics()
    return [
        f"news evaluation: {m['stories']} stories (split={m['split'] or 'all'}), "
        f"model={m['model'] or '?'}, threshold={m['threshold']:.2f}",
        f"  conflicts {m['conflicts']}, hard negatives {m['hard_negatives']}, "
        f"conflict-free stories {m['conflict_free_stories']}",
        f"  recall {_fmt(m['recall'])} (pair recall {_fmt(m['pair_recall'])})",
        f"  hard negatives flagged {_fmt(m['hard_negatives_flagged'])}",
        f"  false alarms per conflict-free story {_fmt(m['false_alarms_per_conflict_free_story'])}",
        f"  unmatched predictions per story {_fmt(m['unmatched_per_story'])}",
        f"  AUC conflict vs hard negative {_fmt(m['auc'])} ({m['score_source']}), "
        f"end-to-end {_fmt(m['auc_scan'])}",
        f"  pairs scored {m['pairs_scored']}, {m['seconds']:.1f} s",
    ]


def _render_kinds(title: str, report: NewsReport, label: str) -> list[str]:
    lines = [title + ":"]
    for kind in report._kinds(label):
        pairs = report._pairs(label, kind)
        rate = report._flag_rate(label, kind)
        lines.append(f"  {kind:<18} {_fmt(rate)}  (n={len(pairs)})")
    return lines


def _render_misses(misses: Sequence[PairOutcome], total: int) -> list[str]:
    lines = [f"missed conflicts ({total}):"]
    for o in misses:
        lines.append(f"  [{o.story_id} {o.kind} {o.scan_confidence:.2f}] {o.a.text!r}")
        lines.append(f"      vs {o.b.text!r}")
    return lines


def _render_unmatched(predictions: Sequence[Prediction], total: int) -> list[str]:
    lines = [f"unmatched predictions ({total}):"]
    for p in predictions:
        lines.append(f"  [{p.story_id} {p.confidence:.2f}] {p.a.text!r}")
        lines.append(f"      vs {p.b.text!r}")
    return lines


def _auc(positives: Sequence[float], negatives: Sequence[float]) -> float | None:
    """Probability that a random positive outscores a random negative (ties count half)."""
    if not positives or not negatives:
        return None
    wins = 0.0
    for pos in positives:
        for neg in negatives:
            wins += 1.0 if pos > neg else 0.5 if pos == neg else 0.0
    return wins / (len(positives) * len(negatives))


# --------------------------------------------------------------------------- evaluation


def evaluate_news(
    path_or_stories: str | Path | Iterable[Story | Mapping[str, Any]],
    *,
    scanner: Any = None,
    split: str | None = None,
    threshold: float | None = None,
) -> NewsReport:
    """Scan every story and score the conflicts found against the annotations.

    Args:
        path_or_stories: A stories JSONL file, or :class:`Story` objects / parsed records.
        scanner: A :class:`~conflictscan.Scanner` or anything with
            ``scan(list[Document]) -> ScanResult``; ``None`` builds the default Scanner.
            ``score_conflict(a, b)`` and ``sentences_for(documents)``, where present, give
            confidences for annotated pairs the scan did not produce.
        split: ``"dev"``, ``"heldout"`` or ``None`` for all stories.
        threshold: Confidence at which a conflict counts as flagged; ``None`` uses the
            scanner's own ``threshold`` (0.5 if it has none).

    Returns:
        A :class:`NewsReport`.

    Raises:
        InputError: Bad file or stories, unknown split, no story in the split, or a
            threshold outside [0, 1].
    """
    stories = _select(_as_stories(path_or_stories), split)
    if scanner is None:
        scanner = _default_scanner()
    threshold = _resolve_threshold(scanner, threshold)
    scanner, notes = _relaxed(scanner, threshold)
    began = time.perf_counter()
    outcomes: list[PairOutcome] = []
    predictions: list[Prediction] = []
    pairs_scored, model = 0, ""
    for story in stories:
        result = scanner.scan(story.documents())
        pairs_scored, model = pairs_scored + result.pairs_scored, result.model or model
        outcomes += _outcomes(story, result, scanner)
        predictions += _predictions(story, result, threshold)
    return NewsReport(
        threshold=threshold,
        split=split,
        model=model,
        stories=len(stories),
        conflict_free_stories=sum(story.conflict_free for story in stories),
        outcomes=tuple(outcomes),
        predictions=tuple(predictions),
        score_source="score_conflict" if hasattr(scanner, "score_conflict") else "scan",
        pairs_scored=pairs_scored,
        seconds=time.perf_counter() - began,
        notes=tuple(notes),
    )


def _as_stories(source: str | Path | Iterable[Story | Mapping[str, Any]]) -> list[Story]:
    if isinstance(source, (str, Path)):
        return load_stories(source)
    stories = []
    for item in source:
        if isinstance(item, Story):
            stories.append(item)
        elif isinstance(item, Mapping):
            stories.append(Story.from_dict(item))
        else:
            raise InputError(
                f"got a {type(item).__name__} among the stories; expected Story objects, "
                "story dicts or a path to a stories JSONL file"
            )
    _check_unique(stories)
    return stories


def _select(stories: list[Story], split: str | None) -> list[Story]:
    if split is not None and split not in SPLITS:
        raise InputError(f"split {split!r} is not one of {list(SPLITS)}; pass one or None")
    chosen = [story for story in stories if split in (None, story.split)]
    if not chosen:
        raise InputError(
            f"no stories to evaluate (split={split!r}, {len(stories)} stories in total); "
            "pass another split or a file with stories"
        )
    return chosen


def _default_scanner() -> Any:
    from conflictscan._scanner import Scanner

    return Scanner()


def _own_threshold(scanner: Any) -> float | None:
    """The scanner's reporting threshold: ``scanner.config.threshold`` or ``.threshold``."""
    own = getattr(getattr(scanner, "config", None), "threshold", None)
    return getattr(scanner, "threshold", None) if own is None else float(own)


def _resolve_threshold(scanner: Any, threshold: float | None) -> float:
    if threshold is None:
        own = _own_threshold(scanner)
        threshold = default_threshold("nli") if own is None else own
    if not 0.0 <= threshold <= 1.0:
        raise InputError(f"threshold must be in [0, 1], got {threshold}; pass e.g. 0.5")
    return threshold


def _relaxed(scanner: Any, threshold: float) -> tuple[Any, list[str]]:
    """A shallow copy of ``scanner`` that reports every scored pair (threshold 0).

    Scores below the evaluation threshold are needed for AUC and for thresholds below
    the scanner's own. Scanners whose threshold cannot be changed are used as they are.
    """
    own = _own_threshold(scanner)
    if not own:
        return scanner, []
    relaxed = copy.copy(scanner)
    config = getattr(scanner, "config", None)
    try:
        if is_dataclass(config) and hasattr(config, "threshold"):
            relaxed.config = replace(config, threshold=0.0)
        else:
            relaxed.threshold = 0.0
    except (AttributeError, TypeError) as exc:
        if threshold < own:
            raise InputError(
                f"threshold {threshold} is below the scanner's own threshold {own}, which "
                f"cannot be lowered here; build the scanner with threshold <= {threshold}"
            ) from exc
        return scanner, [f"scan confidences below the scanner's threshold {own} count as 0"]
    return relaxed, []


def _annotated(story: Story) -> list[tuple[str, AnnotatedPair]]:
    return [("conflict", pair) for pair in story.conflicts] + [
        ("hard_negative", pair) for pair in story.hard_negatives
    ]


def _outcomes(story: Story, result: ScanResult, scanner: Any) -> list[PairOutcome]:
    score = _pair_scorer(scanner, story)
    sentences = _sentences(scanner, story, result) if score is not None else []
    outcomes = []
    for label, pair in _annotated(story):
        matching = [c.confidence for c in result.conflicts if pair.matches(c)]
        scan_confidence = float(max(matching, default=0.0))
        pair_confidence = scan_confidence
        if score is not None:
            a, b = _sentence_for(pair.a, sentences), _sentence_for(pair.b, sentences)
            pair_confidence = float(score(a, b).confidence)
        outcomes.append(
            PairOutcome(
                story.story_id, label, pair.kind, pair.a, pair.b, scan_confidence, pair_confidence
            )
        )
    return outcomes


def _pair_scorer(scanner: Any, story: Story) -> Any:
    """``scanner.score_conflict`` bound to the story's documents where it accepts them."""
    score = getattr(scanner, "score_conflict", None)
    if score is None or "documents" not in inspect.signature(score).parameters:
        return score
    documents = story.documents()
    return lambda a, b: score(a, b, documents=documents)


def _sentences(scanner: Any, story: Story, result: ScanResult) -> list[Sentence]:
    sentences_for = getattr(scanner, "sentences_for", None)
    if sentences_for is not None:
        return list(sentences_for(story.documents()))
    return list(result.sentences)


def _sentence_for(span: Span, sentences: Sequence[Sentence]) -> Sentence:
    """The scanner's sentence that best covers ``span``, else the span itself."""
    best: Sentence | None = None
    best_shared = 0
    for sentence in sentences:
        if sentence.doc_id != span.doc_id:
            continue
        shared = min(span.end, sentence.end) - max(span.start, sentence.start)
        if shared > best_shared:
            best, best_shared = sentence, shared
    if best is not None:
        return best
    return Sentence(span.text, span.start, span.end, doc_id=span.doc_id)


def _as_span(sentence: Sentence) -> Span:
    return Span(sentence.doc_id or "", sentence.text, sentence.start, sentence.end)


def _predictions(story: Story, result: ScanResult, threshold: float) -> list[Prediction]:
    predictions = []
    for conflict in result.conflicts:
        if conflict.confidence < threshold:
            continue
        matched = None
        if any(pair.matches(conflict) for pair in story.conflicts):
            matched = "conflict"
        elif any(pair.matches(conflict) for pair in story.hard_negatives):
            matched = "hard_negative"
        a, b = _as_span(conflict.a), _as_span(conflict.b)
        predictions.append(
            Prediction(story.story_id, a, b, conflict.confidence, matched, story.conflict_free)
        )
    return predictions
