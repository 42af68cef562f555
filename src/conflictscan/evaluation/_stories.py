"""The news story set: annotated articles and pairs, read from JSONL and checked."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictscan._errors import InputError
from conflictscan._types import Conflict, Document, Sentence

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
        """The article as a :class:`~conflictscan.Document` for scanning."""
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
