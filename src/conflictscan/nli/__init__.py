"""NLI stage: sentence pairs -> :class:`~conflictscan.PairScore`, and sentences -> vectors.

The only code that runs torch (or ONNX Runtime) at inference, imported lazily so that
``import conflictscan`` stays light.

Input: ordered ``(premise, hypothesis)`` pairs. Output: one
:class:`~conflictscan.PairScore` per pair, in input order (:class:`NLIScorer`);
L2-normalised float32 rows for sentences (:class:`SentenceEncoder`).

Modules: ``_device`` (``device=None`` -> cuda, mps or cpu), ``_labels`` (``id2label``
-> the three NLI labels), ``_loading`` (model sources, the per-process model cache,
fingerprints, load errors), ``_builtin`` (the built-in models "mini" and "standard" and
hub presets), ``_bases`` (base encoders the built-in models are deltas of),
``_backends`` (torch fp32/int8 and ONNX Runtime), ``_batching`` (length-sorted batches,
padding, the forward pass), ``_scorer``, ``_encoder`` and ``_export`` (build tooling).
"""

from __future__ import annotations

from conflictscan.nli._backends import BACKENDS
from conflictscan.nli._builtin import (
    BUILTIN_MODELS,
    PRESETS,
    ModelPreset,
    builtin_fingerprint,
    load_builtin,
    resolve,
)
from conflictscan.nli._device import resolve_device
from conflictscan.nli._encoder import SentenceEncoder
from conflictscan.nli._labels import normalise_labels
from conflictscan.nli._loading import clear_model_cache
from conflictscan.nli._scorer import NLIScorer

__all__ = [
    "BACKENDS",
    "BUILTIN_MODELS",
    "PRESETS",
    "ModelPreset",
    "NLIScorer",
    "SentenceEncoder",
    "builtin_fingerprint",
    "clear_model_cache",
    "load_builtin",
    "normalise_labels",
    "resolve",
    "resolve_device",
]
