"""HTML report: a scan result or a batch output -> one self-contained HTML page.

Input: a :class:`~conflictscan.ScanResult`, or a
:class:`~conflictscan.batch.BatchReport` (its output rows, with the columns of
:data:`conflictscan.batch.OUTPUT_COLUMNS`). Output: HTML text.

Every conflict becomes a card, highest confidence first: the two sentences side by side
with outlet, document, speaker and the sentence before and after each, the contested spans
highlighted, the confidence as a bar and the reasons behind it. Filters by story, outlet
and minimum confidence run in a few lines of inline JavaScript; a batch page adds a
per-story summary and a confidence histogram drawn as inline SVG. Nothing is loaded from
the network, so the file opens anywhere, including inside a notebook.

Pages are rendered from the Jinja2 templates in ``conflictscan/templates`` with
autoescaping on: article text is always shown as text, never interpreted as markup.

Example:
    >>> html = conflictscan.scan([report_a, report_b]).to_html()  # doctest: +SKIP
    >>> Path("report.html").write_text(html, encoding="utf-8")  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictscan.report._records import result_to_records

if TYPE_CHECKING:
    import jinja2

    from conflictscan._types import Conflict, ScanResult
    from conflictscan.batch._collection import BatchReport

DEFAULT_MAX_CONFLICTS = 500
"""Cards shown on a batch page; the summary and histogram still count every conflict."""

HISTOGRAM_BINS = 20
_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True, slots=True)
class Side:
    """One sentence of a conflict as the page shows it.

    Args:
        source: Outlet name ("" if unknown).
        doc_id: Document identifier.
        speaker: Who the sentence attributes its claim to ("" if no one).
        before: The sentence before it in its document ("" if none).
        after: The sentence after it ("" if none).
        segments: The sentence cut into ``(text, kind)`` pieces; ``kind`` names the
            evidence a highlighted piece belongs to, ``None`` for plain text.
    """

    source: str
    doc_id: str
    speaker: str
    before: str
    after: str
    segments: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True, slots=True)
class Card:
    """One conflict on the page.

    Args:
        confidence: The conflict's confidence in [0, 1].
        reasons: Signals that fired, strongest first.
        why: Human-readable explanations, one per line.
        story: Story (batch group) label; ``""`` for a single scan.
        a: The first sentence.
        b: The second sentence.
    """

    confidence: float
    reasons: tuple[str, ...]
    why: tuple[str, ...]
    story: str
    a: Side
    b: Side


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One row of a batch page's per-story table.

    Args:
        story: Story (group) label.
        articles: Articles in the story, if the run recorded it.
        conflicts: Conflicts found in it.
        top_confidence: Highest confidence among them (0 when none).
        contested: The pair of outlets with most conflicts between them, as
            ``(outlet, outlet, count)``; the same outlet twice means within its articles.
    """

    story: str
    articles: int | None
    conflicts: int
    top_confidence: float
    contested: tuple[str, str, int] | None


@dataclass(frozen=True, slots=True)
class Bar:
    """One histogram bar in SVG user units."""

    x: float
    y: float
    width: float
    height: float
    count: int
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class _Page:
    title: str
    facts: tuple[tuple[str, str], ...]
    cards: tuple[Card, ...]
    total: int
    stories: tuple[StorySummary, ...] = ()
    bars: tuple[Bar, ...] = ()
    notes: tuple[str, ...] = field(default=())


def result_to_html(result: ScanResult, *, title: str | None = None, full: bool = True) -> str:
    """Render one scan's conflicts as HTML.

    Args:
        result: The scan result.
        title: Page heading; defaults to a description of the scan.
        full: A complete document (``<!doctype html>``…); ``False`` gives the fragment a
            notebook embeds.

    Returns:
        The HTML text.
    """
    records = result_to_records(result)
    cards = tuple(_card(rec, _why(c)) for rec, c in zip(records, result.conflicts, strict=True))
    facts = (
        ("conflicts", str(len(cards))),
        ("threshold", f"{result.threshold:.2f}"),
        ("documents", str(len(result.documents))),
        ("sentences", str(len(result.sentences))),
        ("pairs scored", f"{result.pairs_scored:,}"),
        ("model", result.model or "-"),
    )
    heading = title or f"{len(cards)} conflicting claim(s) in {len(result.documents)} document(s)"
    page = _Page(heading, facts, cards, len(cards), notes=tuple(result.notes))
    return _render(page, full=full)


def batch_to_html(
    report: BatchReport,
    *,
    title: str | None = None,
    max_conflicts: int | None = DEFAULT_MAX_CONFLICTS,
) -> str:
    """Render a batch run's output as HTML with a per-story summary and a histogram.

    The output rows are streamed: memory holds only the ``max_conflicts`` cards shown.

    Args:
        report: What :func:`~conflictscan.batch.scan_collection` returned.
        title: Page heading; defaults to a description of the run.
        max_conflicts: Cards to show, most confident first; ``None`` shows all.

    Returns:
        The HTML text.
    """
    tally = _Tally()
    rows = tally.count(report.rows())
    if max_conflicts is None:
        top = sorted(rows, key=_rank)
    else:
        top = heapq.nsmallest(max_conflicts, rows, key=_rank)
    cards = tuple(_card(row, (row.get("evidence") or "",)) for row in top)
    facts = (
        ("articles", f"{report.articles_read:,}"),
        ("stories scanned", f"{report.groups:,}"),
        ("sentences compared", f"{report.sentences:,}"),
        ("conflicts", f"{report.conflicts:,}"),
    )
    notes: tuple[str, ...] = ()
    if len(cards) < tally.total:
        notes = (f"Showing the {len(cards):,} most confident of {tally.total:,} conflicts.",)
    heading = title or f"Conflicting reports in {report.groups:,} stories"
    stories = tally.stories(_articles_per_story(report.out))
    page = _Page(heading, facts, cards, tally.total, stories, histogram(tally.confidences), notes)
    return _render(page, full=True)


def histogram(confidences: Sequence[float], *, bins: int = HISTOGRAM_BINS) -> tuple[Bar, ...]:
    """Bars of a confidence histogram over [0, 1] in a 600 x 160 SVG box.

    Args:
        confidences: Values in [0, 1].
        bins: Number of equal-width bins.

    Returns:
        One :class:`Bar` per bin, heights scaled to the fullest bin.
    """
    counts = [0] * bins
    for value in confidences:
        counts[min(bins - 1, max(0, int(value * bins)))] += 1
    tallest = max(counts) or 1
    width = 560 / bins
    return tuple(
        Bar(
            x=30 + k * width,
            y=140 - 120 * n / tallest,
            width=width - 2,
            height=120 * n / tallest,
            count=n,
            low=k / bins,
            high=(k + 1) / bins,
        )
        for k, n in enumerate(counts)
    )


def _rank(row: dict[str, Any]) -> tuple[float, str, int]:
    return (-float(row["confidence"]), str(row.get("group", "")), int(row.get("a_start") or 0))


def _card(record: dict[str, Any], why: Sequence[str]) -> Card:
    spans = json.loads(record.get("highlights") or "{}")
    return Card(
        confidence=float(record["confidence"]),
        reasons=tuple(r for r in (record.get("reasons") or "").split(",") if r),
        why=tuple(w for w in why if w),
        story=str(record.get("group") or ""),
        a=_side(record, "a", spans.get("a", [])),
        b=_side(record, "b", spans.get("b", [])),
    )


def _side(record: dict[str, Any], side: str, spans: Iterable[Sequence[Any]]) -> Side:
    def text(key: str) -> str:
        return str(record.get(f"{side}_{key}") or "")

    return Side(
        source=text("source"),
        doc_id=text("doc_id"),
        speaker=text("speaker"),
        before=text("context_before"),
        after=text("context_after"),
        segments=segments(text("text"), spans),
    )


def segments(text: str, spans: Iterable[Sequence[Any]]) -> tuple[tuple[str, str | None], ...]:
    """Cut ``text`` into plain and highlighted pieces.

    Args:
        text: The sentence.
        spans: ``(start, end, kind)`` triples, sorted and non-overlapping; spans outside
            the text are ignored.

    Returns:
        ``(piece, kind)`` pairs that join back to ``text``; ``kind`` is ``None`` for plain
        pieces.
    """
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, kind in spans:
        if pos <= start < end <= len(text):
            out += [(text[pos:start], None), (text[start:end], str(kind))]
            pos = end
    out.append((text[pos:], None))
    return tuple((piece, kind) for piece, kind in out if piece)


def _why(conflict: Conflict) -> tuple[str, ...]:
    """The strongest note of each evidence kind, NLI last."""
    best: dict[str, Any] = {}
    for ev in sorted(conflict.evidence, key=lambda e: -e.score):
        if ev.note and ev.kind not in best:
            best[ev.kind] = ev
    ordered = sorted(best.values(), key=lambda e: (e.kind == "nli", -e.score))
    return tuple(f"{ev.kind}: {ev.note}" for ev in ordered)


class _Tally:
    """Counts per story and all confidences while batch rows stream past."""

    def __init__(self) -> None:
        self.total = 0
        self.confidences: list[float] = []
        self.per_story: dict[str, list[float]] = defaultdict(list)
        self.pairs: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)

    def count(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for row in rows:
            story, confidence = str(row.get("group") or ""), float(row["confidence"])
            self.total += 1
            self.confidences.append(confidence)
            self.per_story[story].append(confidence)
            outlets = sorted(str(row.get(f"{s}_source") or row.get(f"{s}_doc_id")) for s in "ab")
            self.pairs[story][(outlets[0], outlets[1])] += 1
            yield row

    def stories(self, articles: dict[str, int]) -> tuple[StorySummary, ...]:
        names = sorted(set(articles) | set(self.per_story))
        rows = [
            StorySummary(
                story=name,
                articles=articles.get(name),
                conflicts=len(self.per_story.get(name, [])),
                top_confidence=max(self.per_story.get(name, [0.0])),
                contested=_most_contested(self.pairs.get(name)),
            )
            for name in names
        ]
        return tuple(sorted(rows, key=lambda s: (-s.conflicts, -s.top_confidence, s.story)))


def _most_contested(pairs: Counter[tuple[str, str]] | None) -> tuple[str, str, int] | None:
    if not pairs:
        return None
    (first, second), count = min(pairs.items(), key=lambda item: (-item[1], item[0]))
    return first, second, count


def _articles_per_story(out: Path) -> dict[str, int]:
    """Articles per story from the run's progress log (absent for older runs)."""
    log = out.with_name(out.name + ".progress.jsonl")
    found: dict[str, int] = {}
    if not log.is_file():
        return found
    with log.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and "group" in record and "articles" in record:
                found[str(record["group"])] = int(record["articles"])
    return found


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    try:
        import jinja2
    except ImportError as exc:  # pragma: no cover - jinja2 is a core dependency
        raise ImportError("the HTML report needs jinja2: pip install jinja2") from exc
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = lambda value: f"{100 * float(value):.0f}%"
    return env


def _render(page: _Page, *, full: bool) -> str:
    outlets = sorted({s.source or s.doc_id for c in page.cards for s in (c.a, c.b)})
    stories = sorted({c.story for c in page.cards if c.story} | {s.story for s in page.stories})
    digest = hashlib.sha1(repr(page).encode("utf-8")).hexdigest()[:10]
    template = _environment().get_template("page.html.j2" if full else "report.html.j2")
    return template.render(
        page=page, outlets=outlets, stories=stories, report_id=f"conflictscan-{digest}"
    )
