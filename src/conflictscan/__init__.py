"""conflictscan: find conflicting claims in text with NLI models.

Example:
    >>> import conflictscan
    >>> result = conflictscan.scan(article_text)
    >>> for c in result.conflicts:
    ...     print(c.confidence, c.a.text, "<>", c.b.text)
"""

from __future__ import annotations

from conflictscan.config import DEFAULT_MODEL, ScanConfig
from conflictscan.errors import (
    BatchError,
    ConflictScanError,
    InputError,
    LabelMappingError,
    ModelLoadError,
    PairLimitError,
)
from conflictscan.pairing import PAIRING_STRATEGIES, make_pairs
from conflictscan.results import (
    Conflict,
    Document,
    Evidence,
    PairScore,
    ScanResult,
    Sentence,
)
from conflictscan.scanner import Scanner, scan

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_MODEL",
    "PAIRING_STRATEGIES",
    "BatchError",
    "Conflict",
    "ConflictScanError",
    "Document",
    "Evidence",
    "InputError",
    "LabelMappingError",
    "ModelLoadError",
    "PairLimitError",
    "PairScore",
    "ScanConfig",
    "ScanResult",
    "Scanner",
    "Sentence",
    "__version__",
    "evaluate",
    "make_pairs",
    "scan",
    "split_sentences",
]


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    """Lazily expose heavier entry points without importing them at start-up."""
    if name == "split_sentences":
        from conflictscan.segmentation import split_sentences

        return split_sentences
    if name == "evaluate":
        from conflictscan.evaluation import evaluate

        return evaluate
    raise AttributeError(f"module 'conflictscan' has no attribute {name!r}")
