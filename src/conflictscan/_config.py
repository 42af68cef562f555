"""Scan configuration, defaults and environment variables.

Input: keyword arguments or a plain dict. Output: :class:`ScanConfig`, a picklable
dataclass that fully describes a :class:`~conflictscan.Scanner` (minus injected
scorer/encoder objects), so the same scan can be rebuilt on another process or machine.

Environment variables are read when a function is called, never at import:

* ``CONFLICTSCAN_CACHE``: directory for conflictscan's caches
  (default ``~/.cache/conflictscan``).
* ``HF_HUB_OFFLINE``: honoured by model loading (see :mod:`conflictscan.nli._scorer`).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

DEFAULT_MODEL = "standard"
DEFAULT_THRESHOLD = 0.4
"""Default for ``reasoning="news"``: chosen on the news dev set (scripts/fit_combiner.py) as
the lowest threshold of 0.1, 0.2, … 0.5 that keeps hard negatives flagged under 10% and
false alarms under 0.5 per conflict-free story, for the default model and its combiner
("standard" with its combiner fitted on the 130 dev stories: hard negatives 4.2% and 0.25
false alarms per conflict-free story at 0.4; 6.8% and 0.75 at 0.3; :data:`NEWS_THRESHOLDS`
holds other built-in models' own); confidences are calibrated, so 0.4 reads "40% likely"."""
DEFAULT_THRESHOLDS = {"news": DEFAULT_THRESHOLD, "nli": 0.5}
"""Default threshold per reasoning mode (``threshold=None``); read through
:func:`default_threshold`."""
NEWS_THRESHOLDS = {"mini": 0.2}
"""Built-in models whose combiner meets the rule of :data:`DEFAULT_THRESHOLD` at a lower
threshold than the default model's ("mini": hard negatives 4.2% and 0.33 false alarms per
conflict-free story at 0.2 on the 130 dev stories, 12.2% at 0.1); with ``reasoning="news"``
and no threshold given, they use it."""
DEFAULT_BATCH_SIZE = 32
DEFAULT_PAIRING = "auto"
DEFAULT_REASONING = "news"
DEFAULT_MIN_WORDS = 2
MIN_CLAIM_WORDS = 3
"""A reported claim split off shorter than this is compared as its whole sentence."""
DEFAULT_MAX_PAIRS = 20_000
DEFAULT_TOP_K = 5
DEFAULT_BACKEND = "auto"
DEFAULT_CPU_BACKEND = "onnx-int8"
"""Backend that ``backend="auto"`` uses on the CPU: the fastest whose held-out accuracy is
within a point of fp32 torch for every built-in model (docs/performance.md). For "mini",
ONNX Runtime int8 scores about 3x the fp32 pairs per CPU-second and loses 0.3 points on
SNLI test and 0.1 on MNLI dev-matched (torch int8 loses 1.4 on SNLI); for "standard",
whose int8 layers are smoothed first, 3.5x, losing 0.05 points on SNLI test and none on
MNLI dev-matched. Other devices use "torch"."""
CPU_BACKEND_BY_MODEL: dict[str, str] = {}
"""Models whose ``backend="auto"`` CPU choice differs from :data:`DEFAULT_CPU_BACKEND`
(none at present; a built-in model whose int8 accuracy fell short would be listed here)."""
DEFAULT_DIRECTIONS = "auto"
REVERSE_MIN_CONTRADICTION = 0.1
"""With ``directions="auto"``, ``b -> a`` is scored only where ``a -> b`` gives at least
this P(contradiction) (and for every reported pair). Chosen on the dev news stories, where
every value from 0.02 to 0.2 left recall, hard negatives flagged and false alarms unchanged
at the default threshold while skipping 9% to 37% of the NLI pairs (docs/performance.md)."""
DEFAULT_MAX_CHARS = 2_000_000
"""Longest document text accepted (characters); ``max_chars=`` / ``--max-chars`` raise it."""


@dataclass(frozen=True)
class ScanConfig:
    """Everything that determines a scan's result.

    Args:
        model: Built-in preset ("mini", "base", "large"), hub id or local directory.
        device: "cpu", "cuda", "cuda:1", "mps" or None to pick the fastest available.
        batch_size: Pairs per forward pass.
        threshold: Minimum ``confidence`` for a conflict to be reported; None (the
            default) takes the reasoning mode's default from :data:`DEFAULT_THRESHOLDS`,
            so ``ScanConfig(reasoning="nli").threshold == 0.5``.
        pairing: "auto", "all", "cross-document", "similar" or "cross-similar".
        top_k: Neighbours per sentence for the similarity strategies.
        max_pairs: Guard against runaway quadratic work (candidate pairs per scan).
        min_similarity: Relatedness floor for the similarity strategies.
        revision: Model revision (branch, tag or commit) for hub models.
        local_files_only: Never contact the hub.
        label_map: ``{index: "contradiction"|"entailment"|"neutral"}`` for models
            whose config does not name its labels.
        model_kwargs: Extra keyword arguments for ``from_pretrained``.
        reasoning: "news" (claims, numbers, dates, denials, relatedness gate and a
            learned combiner) or "nli" (NLI probabilities only).
        min_words: Sentences with fewer words are not compared.
        backend: "auto", "torch", "int8", "onnx" or "onnx-int8": how the NLI model and
            the sentence encoder run (see :mod:`conflictscan.nli._backends`).
        max_chars: Longest document text accepted, in characters.
        directions: "auto" (read ``b -> a`` only where ``a -> b`` is not clearly
            non-contradictory, and for every reported pair) or "both" (always both);
            see :mod:`conflictscan._rounds`.
    """

    model: str = DEFAULT_MODEL
    device: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    threshold: float = None  # type: ignore[assignment]  # None: set by __post_init__
    pairing: str = DEFAULT_PAIRING
    top_k: int = DEFAULT_TOP_K
    max_pairs: int = DEFAULT_MAX_PAIRS
    min_similarity: float | None = None
    revision: str | None = None
    local_files_only: bool = False
    label_map: dict[int, str] | None = None
    model_kwargs: dict[str, Any] | None = field(default=None, hash=False)
    reasoning: str = DEFAULT_REASONING
    min_words: int = DEFAULT_MIN_WORDS
    backend: str = DEFAULT_BACKEND
    max_chars: int = DEFAULT_MAX_CHARS
    directions: str = DEFAULT_DIRECTIONS

    def __post_init__(self) -> None:
        if self.threshold is None:
            object.__setattr__(self, "threshold", default_threshold(self.reasoning, self.model))

    def to_dict(self) -> dict[str, Any]:
        """Plain dict of all fields (JSON-safe when ``model_kwargs`` is)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScanConfig:
        """Build a config from a dict, dropping keys this version does not know."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def default_threshold(reasoning: object, model: object = None) -> float:
    """The reporting threshold of a reasoning mode (and model) when none is given.

    Args:
        reasoning: ``"news"`` or ``"nli"``; anything else gets the NLI default (the
            scanner rejects unknown modes separately).
        model: The model; a built-in one in :data:`NEWS_THRESHOLDS` has its own news
            threshold.

    Returns:
        The threshold from :data:`NEWS_THRESHOLDS` or :data:`DEFAULT_THRESHOLDS`.
    """
    fallback = DEFAULT_THRESHOLDS["nli"]
    if not isinstance(reasoning, str):
        return fallback
    if reasoning == "news" and isinstance(model, str) and model in NEWS_THRESHOLDS:
        return NEWS_THRESHOLDS[model]
    return DEFAULT_THRESHOLDS.get(reasoning, fallback)


def cache_dir() -> Path:
    """Directory for conflictscan's on-disk caches (``CONFLICTSCAN_CACHE``)."""
    configured = os.environ.get("CONFLICTSCAN_CACHE")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "conflictscan"


def hub_offline() -> bool:
    """True when ``HF_HUB_OFFLINE`` (or ``TRANSFORMERS_OFFLINE``) is set to a truthy value."""
    return any(
        os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}
        for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )
