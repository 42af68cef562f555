"""conflictscan: find conflicting claims in text with NLI models.

Example:
    >>> import conflictscan
    >>> result = conflictscan.scan(article_text)
    >>> for c in result.conflicts:
    ...     print(c.confidence, c.a.text, "<>", c.b.text)

The public surface is :data:`__all__`; stages live in subpackages (``text``, ``signals``,
``nli``, ``report``, ``batch``, ``evaluation``) and ``_``-prefixed modules are internal.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings
from types import ModuleType
from typing import Any

from conflictscan._config import DEFAULT_MODEL, ScanConfig
from conflictscan._errors import (
    BatchError,
    ConflictScanError,
    InputError,
    LabelMappingError,
    ModelLoadError,
    PairLimitError,
)
from conflictscan._pairing import PAIRING_STRATEGIES, make_pairs
from conflictscan._scanner import Scanner, scan
from conflictscan._types import (
    Conflict,
    Document,
    Evidence,
    PairScore,
    ScanResult,
    Sentence,
)

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
    "evaluate_news",
    "make_pairs",
    "scan",
    "scan_collection",
    "split_sentences",
    "train",
]

# Entry points that pull in heavier modules (spaCy, datasets, torch), imported on first use.
_LAZY = {
    "split_sentences": "conflictscan.text",
    "evaluate": "conflictscan.evaluation",
    "evaluate_news": "conflictscan.evaluation",
    "scan_collection": "conflictscan.batch",
    "train": "conflictscan.training",
}

# Modules of the flat layout (before 0.2), kept as deprecated aliases of their new homes.
_MOVED = {
    "aggregation": "conflictscan._aggregation",
    "attribution": "conflictscan.text._attribution",
    "backends": "conflictscan.nli._backends",
    "bases": "conflictscan.nli._bases",
    "cache": "conflictscan.batch",
    "claims": "conflictscan.text._speech",
    "config": "conflictscan._config",
    "datasource": "conflictscan.batch._tables",
    "errors": "conflictscan._errors",
    "export": "conflictscan.nli._export",
    "grouping": "conflictscan.batch._grouping",
    "html_report": "conflictscan.report",
    "models": "conflictscan.nli._builtin",
    "news_eval": "conflictscan.evaluation",
    "pairing": "conflictscan._pairing",
    "parsing": "conflictscan.text._parsing",
    "results": "conflictscan._types",
    "scanner": "conflictscan._scanner",
    "scoring": "conflictscan.nli",
    "segmentation": "conflictscan.text._segmentation",
    "stance_eval": "conflictscan.evaluation",
}


def _moved(name: str, stacklevel: int) -> ModuleType:
    public = _MOVED[name].split("._")[0]
    warnings.warn(
        f"conflictscan.{name} is deprecated and will be removed in 0.3; its public names "
        f"are in {public} (see its __all__)",
        DeprecationWarning,
        stacklevel=stacklevel,
    )
    return importlib.import_module(_MOVED[name])


def __getattr__(name: str) -> Any:
    """Import the heavier entry points, and the deprecated module aliases, on first use."""
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _MOVED:
        module = globals()[name] = _moved(name, stacklevel=3)  # warn once
        return module
    raise AttributeError(f"module 'conflictscan' has no attribute {name!r}")


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """``import conflictscan.models`` (a flat-layout name) gives a warning and a stand-in
    module that forwards every attribute to the module's new home."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        package, _, name = fullname.rpartition(".")
        if package != __name__ or name not in _MOVED:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: Any) -> ModuleType:
        home = _moved(spec.name.rpartition(".")[2], stacklevel=3)
        stand_in = ModuleType(spec.name, home.__doc__)
        stand_in.__getattr__ = lambda attr: getattr(home, attr)  # type: ignore[method-assign]
        return stand_in

    def exec_module(self, module: ModuleType) -> None:
        return None


if not any(isinstance(finder, _MovedModules) for finder in sys.meta_path):
    sys.meta_path.append(_MovedModules())


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
