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
    >>> from conflictscan.news_eval import evaluate_news
    >>> report = evaluate_news("benchmarks/news/stories.jsonl", split="dev")  # doctest: +SKIP
    >>> print(report.render())  # doctest: +SKIP
"""

from __future__ import annotations

import copy
import inspect
import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, is_dataclass, replace
from pathlib import Path
from typing import Any

from conflictscan.errors import InputError
from conflictscan.results import Conflict, Document, ScanResult, Sentence

CONFLICT_KINDS: tuple[str, ...] = (
    "numeric",
    "date",
    "denial",
    "status",
    "event",
    "negation",
    "attribution",
)
HARD_NEGATIVE_KINDS: tuple[str, ...] = (
    "compatible-number",
    "update",
    "paraphrase",
    "different-entity",
    "partial",
    "related",
)
SPLITS: tuple[str, ...] = ("dev", "heldout")
MIN_OVERLAP = 0.5
_STORY_KEYS = ("story_id", "split", "topic", "articles")
_ARTICLE_KEYS = ("doc_id", "source", "text")


# --------------------------------------------------------------------------- data model


@dataclass(frozen=True, slots=True)
class Article:
    """One outlet's article within a story.

    Args:
        doc_id: Identifier, unique across the whole dataset ("s01-a").
        source: Outlet name.
        text: Full article text; annotated spans point into it.
        published: Publication date as an ISO string, if known.
    """

    doc_id: str
    source: str
    text: str
    published: str | None = None

    def to_document(self) -> Document:
        """The article as a :class:`~conflictscan.results.Document` for scanning."""
        return Document(self.text, doc_id=self.doc_id, source=self.source, published=self.published)


@dataclass(frozen=True, slots=True)
class Span:
    """An annotated sentence: exact text and half-open offsets into its article.

    Args:
        doc_id: The article the sentence comes from.
        text: The sentence as written.
        start: Offset of its first character in the article text.
        end: Offset one past its last character.
    """

    doc_id: str
    text: str
    start: int
    end: int

    def overlaps(self, sentence: Sentence, min_overlap: float = MIN_OVERLAP) -> bool:
        """Whether ``sentence`` is the same sentence, judged by offsets.

        Args:
            sentence: A predicted sentence with ``doc_id``/``start``/``end``.
            min_overlap: Shared characters needed, as a share of the shorter span.

        Returns:
            True when both are in the same document and overlap enough.
        """
        if sentence.doc_id != self.doc_id:
            return False
        shared = min(self.end, sentence.end) - max(self.start, sentence.start)
        shorter = max(1, min(self.end - self.start, sentence.end - sentence.start))
        return shared > 0 and shared / shorter >= min_overlap

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict with ``doc_id``, ``text``, ``start``, ``end``."""
        return {"doc_id": self.doc_id, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class AnnotatedPair:
    """Two annotated sentences and the kind of (non-)conflict between them.

    Args:
        a: First sentence.
        b: Second sentence.
        kind: One of :data:`CONFLICT_KINDS` or :data:`HARD_NEGATIVE_KINDS`.
    """

    a: Span
    b: Span
    kind: str

    def covers(self, a: Sentence, b: Sentence, min_overlap: float = MIN_OVERLAP) -> bool:
        """Whether sentences ``a`` and ``b`` are this pair, in either order.

        Args:
            a: One predicted sentence.
            b: The other predicted sentence.
            min_overlap: As for :meth:`Span.overlaps`.
        """
        forward = self.a.overlaps(a, min_overlap) and self.b.overlaps(b, min_overlap)
        return forward or (self.a.overlaps(b, min_overlap) and self.b.overlaps(a, min_overlap))

    def matches(self, conflict: Conflict, min_overlap: float = MIN_OVERLAP) -> bool:
        """Whether a predicted conflict covers this pair, in either order."""
        return self.covers(conflict.a, conflict.b, min_overlap)


@dataclass(frozen=True, slots=True)
class Story:
    """Several outlets' articles about one event, with annotated pairs.

    Args:
        story_id: Unique identifier ("s01").
        split: ``"dev"`` (for tuning) or ``"heldout"`` (never tuned on).
        topic: Free-text topic ("politics", "disaster"…).
        articles: Two or more articles.
        conflicts: Every pair of sentences that cannot both be true.
        hard_negatives: Related-looking pairs that are compatible.
    """

    story_id: str
    split: str
    topic: str
    articles: tuple[Article, ...]
    conflicts: tuple[AnnotatedPair, ...] = ()
    hard_negatives: tuple[AnnotatedPair, ...] = ()

    @property
    def conflict_free(self) -> bool:
        """True when the story has no annotated conflict."""
        return not self.conflicts

    def documents(self) -> list[Document]:
        """The articles as documents, in story order."""
        return [article.to_document() for article in self.articles]

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Story:
        """Build and validate a story from one parsed JSONL record.

        Raises:
            InputError: A key is missing, a value has the wrong type or an annotated text
                is not found exactly once in its article.
        """
        return _parse_story(record)


# --------------------------------------------------------------------------- loading


def load_stories(path: str | Path) -> list[Story]:
    """Read and validate a stories JSONL file.

    Args:
        path: File with one story object per line (blank lines are skipped).

    Returns:
        The stories in file order.

    Raises:
        InputError: The file is missing or unreadable, a line is not JSON, a story is
            malformed, or story or document ids repeat.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read stories file {str(path)!r}: {exc}; expected a UTF-8 JSONL file, "
            "one story per line (see benchmarks/news/README.md)"
        ) from exc
    stories = [_parse_line(line, number, path) for number, line in enumerate(lines, 1) if line]
    _check_unique(stories)
    return stories


def _parse_line(line: str, number: int, path: Path) -> Story:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}:{number}: not valid JSON ({exc.msg}); expected one story object per "
            "line: fix or remove the line"
        ) from exc
    try:
        return _parse_story(record)
    except InputError as exc:
        raise InputError(f"{path}:{number}: {exc}") from exc


def _parse_story(record: Any) -> Story:
    if not isinstance(record, Mapping):
        raise InputError(f"story is a {type(record).__name__}; expected a JSON object")
    _require_keys(record, _STORY_KEYS, "story")
    story_id = str(record["story_id"])
    if record["split"] not in SPLITS:
        raise InputError(
            f"story {story_id!r}: split {record['split']!r} is not one of {list(SPLITS)}; "
            "set it to 'dev' or 'heldout'"
        )
    articles = tuple(_parse_article(item, story_id) for item in _as_list(record, "articles"))
    if len(articles) < 2:
        raise InputError(
            f"story {story_id!r} has {len(articles)} article(s); expected at least 2 from "
            "different outlets"
        )
    by_id = {article.doc_id: article for article in articles}
    conflicts = _parse_pairs(record, "conflicts", by_id, CONFLICT_KINDS, story_id)
    negatives = _parse_pairs(record, "hard_negatives", by_id, HARD_NEGATIVE_KINDS, story_id)
    return Story(story_id, record["split"], str(record["topic"]), articles, conflicts, negatives)


def _require_keys(record: Mapping[str, Any], keys: Iterable[str], what: str) -> None:
    missing = [key for key in keys if key not in record]
    if missing:
        raise InputError(
            f"{what} is missing key(s) {missing}; it has {sorted(record)}: add the missing keys"
        )


def _as_list(record: Mapping[str, Any], key: str) -> list[Any]:
    value = record.get(key, [])
    if not isinstance(value, list):
        raise InputError(f"{key!r} is a {type(value).__name__}; expected a JSON list")
    return value


def _parse_article(item: Any, story_id: str) -> Article:
    if not isinstance(item, Mapping):
        raise InputError(f"story {story_id!r}: article {item!r} is not a JSON object")
    _require_keys(item, _ARTICLE_KEYS, f"story {story_id!r} article")
    text = item["text"]
    if not isinstance(text, str) or not text.strip():
        raise InputError(
            f"story {story_id!r}: article {item['doc_id']!r} has empty or non-string text; "
            "expected the article body"
        )
    published = item.get("published")
    return Article(str(item["doc_id"]), str(item["source"]), text, published)


def _parse_pairs(
    record: Mapping[str, Any],
    key: str,
    articles: Mapping[str, Article],
    kinds: Sequence[str],
    story_id: str,
) -> tuple[AnnotatedPair, ...]:
    pairs = []
    for item in _as_list(record, key):
        if not isinstance(item, Mapping):
            raise InputError(f"story {story_id!r}: {key} entry {item!r} is not a JSON object")
        _require_keys(item, ("a", "b", "kind"), f"story {story_id!r} {key} entry")
        if item["kind"] not in kinds:
            raise InputError(
                f"story {story_id!r}: {key} kind {item['kind']!r} is not one of {list(kinds)}"
            )
        a = _locate(item["a"], articles, story_id)
        b = _locate(item["b"], articles, story_id)
        pairs.append(AnnotatedPair(a, b, item["kind"]))
    return tuple(pairs)


def _locate(side: Any, articles: Mapping[str, Article], story_id: str) -> Span:
    if not isinstance(side, Mapping) or "doc_id" not in side or "text" not in side:
        raise InputError(
            f"story {story_id!r}: annotated side {side!r} needs 'doc_id' and 'text' keys"
        )
    doc_id, text = str(side["doc_id"]), side["text"]
    if doc_id not in articles:
        raise InputError(
            f"story {story_id!r}: doc_id {doc_id!r} is not one of its articles "
            f"{sorted(articles)}; fix the doc_id"
        )
    body = articles[doc_id].text
    start = body.find(text) if isinstance(text, str) and text else -1
    if start < 0:
        raise InputError(
            f"story {story_id!r}: text {text!r} is not an exact substring of article "
            f"{doc_id!r}; copy the sentence exactly as written (quotes and dashes included)"
        )
    if body.find(text, start + 1) >= 0:
        raise InputError(
            f"story {story_id!r}: text {text!r} occurs more than once in article {doc_id!r}; "
            "annotate a longer, unique span"
        )
    return Span(doc_id, text, start, start + len(text))


def _check_unique(stories: Sequence[Story]) -> None:
    seen_stories: set[str] = set()
    seen_docs: set[str] = set()
    for story in stories:
        if story.story_id in seen_stories:
            raise InputError(f"story_id {story.story_id!r} repeats; give every story its own id")
        seen_stories.add(story.story_id)
        for article in story.articles:
            if article.doc_id in seen_docs:
                raise InputError(
                    f"doc_id {article.doc_id!r} (story {story.story_id!r}) repeats; doc ids "
                    "must be unique across the file"
                )
            seen_docs.add(article.doc_id)


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
        scanner: A :class:`~conflictscan.scanner.Scanner` or anything with
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
    from conflictscan.scanner import Scanner

    return Scanner()


def _own_threshold(scanner: Any) -> float | None:
    """The scanner's reporting threshold: ``scanner.config.threshold`` or ``.threshold``."""
    own = getattr(getattr(scanner, "config", None), "threshold", None)
    return getattr(scanner, "threshold", None) if own is None else float(own)


def _resolve_threshold(scanner: Any, threshold: float | None) -> float:
    if threshold is None:
        own = _own_threshold(scanner)
        threshold = 0.5 if own is None else own
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
