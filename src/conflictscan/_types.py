"""Typed values that flow between pipeline stages.

Input: raw ``str`` or :class:`Document`. Output of each stage:

* segmentation -> :class:`Sentence`
* scoring      -> :class:`PairScore`
* signals      -> :class:`Evidence`
* scoring + signals -> :class:`Candidate` (the hand-off to aggregation)
* aggregation  -> :class:`Conflict`
* scanner      -> :class:`ScanResult`

All classes are frozen dataclasses holding plain Python values (never tensors), so results
pickle, compare and serialise cleanly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

NLI_LABELS: tuple[str, str, str] = ("contradiction", "entailment", "neutral")


@dataclass(frozen=True, slots=True)
class Document:
    """One text to scan.

    Args:
        text: The full text, exactly as published; offsets in results point into it.
        doc_id: Stable identifier; defaults to ``"doc0"``, ``"doc1"``… by position.
        source: Outlet or publisher ("Outlet A").
        speaker: Default speaker for the whole text (e.g. a press release's issuer).
        published: Publication date as an ISO string, used to resolve "on Tuesday".
    """

    text: str
    doc_id: str | None = None
    source: str | None = None
    speaker: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled part of a sentence, by half-open offsets into the document text.

    Like spaCy's ``Span.start_char``/``end_char``: ``document.text[start:end]`` is the part
    as written.

    Args:
        label: ``"content"``, ``"attribution"``, ``"speaker"``, ``"via"`` or ``"denied"``.
        start: Offset of the first character in the document text.
        end: Offset one past the last character.
    """

    label: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """``{"label", "start", "end"}``."""
        return {"label": self.label, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with exact half-open character offsets into its document.

    ``document.text[start:end] == text`` always holds.

    Args:
        text: The sentence as written.
        start: Offset of the first character in the document text.
        end: Offset one past the last character.
        doc_id: Identifier of the document it comes from.
        index: Position of the sentence within its document (0-based).
        speaker: Who the sentence attributes its claim to ("the ministry"), if anyone.
        source: Outlet of the document.
        claim: The content that gets scored: the sentence without dateline and
            attribution. ``None`` means the claim is the whole ``text``.
        attribution: The attribution phrase as written ("according to three officials").
        denial: The claim denies or dismisses a report, claim or accusation.
        denied: The proposition it denies ("the mayor had resigned"), if one is stated.
        via: The outer source of a nested or relayed report ("Reuters" in "X denied …,
            according to Reuters").
        spans: Where the content, attribution, speaker, via and denied proposition are
            written, as :class:`Span` offsets into the document text.
    """

    text: str
    start: int
    end: int
    doc_id: str | None = None
    index: int = 0
    speaker: str | None = None
    source: str | None = None
    claim: str | None = None
    attribution: str | None = None
    denial: bool = False
    denied: str | None = None
    via: str | None = None
    spans: tuple[Span, ...] = ()

    @property
    def content(self) -> str:
        """The text that is compared: ``claim`` when set, else ``text``."""
        return self.claim if self.claim is not None else self.text

    def spans_of(self, label: str) -> tuple[Span, ...]:
        """The spans labelled ``label`` ("content" may have two pieces), in order."""
        return tuple(span for span in self.spans if span.label == label)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict with ``text``, ``doc_id``, ``start``, ``end``, ``source``…"""
        return {
            "text": self.text,
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "index": self.index,
            "source": self.source,
            "speaker": self.speaker,
            "claim": self.content,
            "denied": self.denied,
            "via": self.via,
            "spans": [span.to_dict() for span in self.spans],
        }


@dataclass(frozen=True, slots=True)
class PairScore:
    """NLI probabilities for one ordered pair: premise ``a``, hypothesis ``b``.

    ``contradiction + entailment + neutral == 1`` (up to float rounding).

    Args:
        a: Premise text.
        b: Hypothesis text.
        contradiction: P(contradiction).
        entailment: P(entailment).
        neutral: P(neutral).
        truncated: True if the pair was cut to fit the model's maximum length.
    """

    a: str
    b: str
    contradiction: float
    entailment: float
    neutral: float
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of the three probabilities and the truncation flag."""
        return {
            "contradiction": self.contradiction,
            "entailment": self.entailment,
            "neutral": self.neutral,
            "truncated": self.truncated,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason a pair was judged conflicting, with the contrasted values.

    Args:
        kind: ``"nli"``, ``"numeric"``, ``"date"``, ``"denial"``…
        a_value: The value or span on side ``a`` ("30 dead").
        b_value: The value or span on side ``b`` ("no one was hurt").
        score: Strength of this signal in [0, 1].
        note: One human-readable line explaining the contrast.
    """

    kind: str
    a_value: str = ""
    b_value: str = ""
    score: float = 0.0
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of the evidence fields."""
        return {
            "kind": self.kind,
            "a_value": self.a_value,
            "b_value": self.b_value,
            "score": self.score,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Candidate:
    """A scored pair before the final decision.

    Args:
        a: First sentence.
        b: Second sentence.
        forward: NLI scores with ``a`` as premise.
        backward: NLI scores with ``b`` as premise.
        relatedness: Cosine similarity of the two claims' embeddings, if computed.
        evidence: Signals from :mod:`conflictscan.signals` (numeric, date, denial…).
        features: Extra numeric features from the signal extractors.
    """

    a: Sentence
    b: Sentence
    forward: PairScore
    backward: PairScore
    relatedness: float | None = None
    evidence: tuple[Evidence, ...] = ()
    features: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two sentences judged to conflict.

    ``confidence`` is the estimated probability, in [0, 1], that a careful reader would
    say the two sentences cannot both be true. How it is computed is documented in
    :mod:`conflictscan._aggregation`.

    Args:
        a: The sentence that comes first (document order, then position).
        b: The other sentence.
        confidence: Calibrated probability of a real conflict.
        scores: NLI scores ``(a -> b, b -> a)``.
        reasons: Signals that fired, strongest first (``"nli"``, ``"numeric"``…).
        evidence: Details for each reason, with contrasted values.
        relatedness: Semantic relatedness of the two claims in [0, 1], if computed.
    """

    a: Sentence
    b: Sentence
    confidence: float
    scores: tuple[PairScore, PairScore]
    reasons: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    relatedness: float | None = None

    @property
    def contradiction(self) -> float:
        """Larger of the two directions' P(contradiction)."""
        return max(self.scores[0].contradiction, self.scores[1].contradiction)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe nested dict (see :meth:`ScanResult.to_dict`)."""
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "confidence": self.confidence,
            "reasons": list(self.reasons),
            "evidence": [e.to_dict() for e in self.evidence],
            "relatedness": self.relatedness,
            "scores": {"a_to_b": self.scores[0].to_dict(), "b_to_a": self.scores[1].to_dict()},
        }


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Everything one scan found.

    Args:
        conflicts: Conflicts at or above the threshold, highest confidence first.
        sentences: All sentences that took part, in document order.
        documents: The documents scanned.
        pairs_considered: Candidate pairs after pairing.
        pairs_scored: Distinct ordered pairs sent to the NLI model.
        pairing: The pairing strategy actually used.
        model: Model name or path.
        threshold: The confidence threshold applied.
        notes: Human-readable notes about the run (strategy switches, truncation…).
    """

    conflicts: tuple[Conflict, ...]
    sentences: tuple[Sentence, ...] = ()
    documents: tuple[Document, ...] = ()
    pairs_considered: int = 0
    pairs_scored: int = 0
    pairing: str = "all"
    model: str = ""
    threshold: float = 0.5
    notes: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.conflicts)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.conflicts)

    def to_dict(self) -> dict[str, Any]:
        """Nested JSON-safe dict: ``{"conflicts": [...], "meta": {...}}``."""
        from conflictscan.report._records import result_to_dict

        return result_to_dict(self)

    def to_records(self) -> list[dict[str, Any]]:
        """Flat rows, one per conflict, with stable column names."""
        from conflictscan.report._records import result_to_records

        return result_to_records(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The :meth:`to_dict` output as a JSON string."""
        from conflictscan.report._records import result_to_json

        return result_to_json(self, indent=indent)

    def to_pandas(self) -> pd.DataFrame:
        """The :meth:`to_records` rows as a DataFrame (needs the ``pandas`` extra)."""
        from conflictscan.report._records import result_to_pandas

        return result_to_pandas(self)

    def to_html(self, *, title: str | None = None) -> str:
        """A self-contained HTML report of the conflicts (see :mod:`conflictscan.report._html`).

        Args:
            title: Page heading; defaults to a description of the scan.

        Returns:
            A complete HTML document with inline styles and filters, no network needed.
        """
        from conflictscan.report._html import result_to_html

        return result_to_html(self, title=title)

    def _repr_html_(self) -> str:
        """Jupyter shows a result as the HTML report."""
        from conflictscan.report._html import result_to_html

        return result_to_html(self, full=False)


@dataclass(eq=False)
class ScanWork:
    """One scan between the scanner's stages (internal; see ``Scanner.scan_many``): what
    is known so far about its documents, sentences, pairs and NLI requests."""

    documents: list[Document]
    sentences: list[Sentence]
    strategy: str
    notes: list[str]
    embeddings: np.ndarray | None = None
    pairs: list[tuple[int, int]] = field(default_factory=list)
    kept: list[tuple[int, int]] = field(default_factory=list)
    related: list[float | None] = field(default_factory=list)
    denials: dict[str, str] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
