"""NLI scoring and sentence encoding.

Input: ordered sentence pairs ``(premise, hypothesis)``. Output: one
:class:`~conflictscan.PairScore` per pair, in input order. :class:`SentenceEncoder`
turns sentences into L2-normalised embeddings for similarity-based pairing.

Both load their model on first use, share loaded models through a module-level cache and
import torch/transformers lazily, so ``import conflictscan`` stays light. Each runs on one
of the backends of :mod:`conflictscan.nli._backends` (fp32 or int8, torch or ONNX Runtime);
whatever the backend, batches are padded numpy arrays and outputs numpy arrays.
"""

from __future__ import annotations

import hashlib
import logging
import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from conflictscan._config import DEFAULT_MODEL, hub_offline
from conflictscan._errors import LabelMappingError, ModelLoadError
from conflictscan._types import PairScore
from conflictscan.nli import _backends as backends
from conflictscan.nli._batching import (
    _collate,
    _dedupe,
    _forward,
    _progress,
    _softmax,
    _validate_pairs,
    length_batches,
)
from conflictscan.nli._device import (
    _check_device_format,
    _check_threads,
    _import_torch,
    _OnDevice,
    resolve_device,
)
from conflictscan.nli._labels import _check_label_map, _label_indices
from conflictscan.nli._loading import (
    _cached,
    _check_architecture,
    _check_model_arg,
    _check_positive,
    _dir_fingerprint,
    _find_source,
    _hub_commit,
    _load_error,
    _LoadedModel,
    _model_limit,
    _models_module_or_fail,
    _quiet_loading,
    _Source,
)
from conflictscan.nli._smoothing import SMOOTHING_FILE, read_smoothing, smooth_linears

logger = logging.getLogger(__name__)

_SMOOTHED_BACKENDS = ("int8", "onnx-int8")
"""Backends that apply a model's int8 smoothing scales when it ships them."""


class NLIScorer(_OnDevice):
    """Scores ordered sentence pairs with a three-way NLI model.

    Construction only checks arguments; the model loads on first use (or :meth:`load`) and
    is shared with every other scorer built with the same model, revision and device.

    Args:
        model: A preset name (``"mini"``, the built-in model), a local directory, or a
            Hugging Face hub id of a sequence-classification NLI model.
        device: ``None`` (cuda, then mps, then cpu), ``"cpu"``, ``"cuda"``, ``"cuda:N"``
            or ``"mps"``.
        batch_size: Pairs per forward pass.
        revision: Hub branch, tag or commit to load.
        cache_dir: Hub cache directory (default: the Hugging Face cache).
        local_files_only: Never contact the hub; also on when ``HF_HUB_OFFLINE=1``.
        token: Hub token for private or gated models.
        label_map: Logit index to label name, for models whose ``config.id2label`` does not
            name the NLI labels, e.g. ``{0: "contradiction", 1: "entailment", 2: "neutral"}``.
        model_kwargs: Extra keyword arguments for ``from_pretrained`` (e.g. ``dtype``).
        max_length: Longest input in tokens; longer pairs are truncated, flagged and
            warned about. Default: the model's own limit.
        show_progress: Default for showing progress bars.
        backend: How the model runs: ``"torch"`` (fp32), ``"int8"`` (torch dynamic int8),
            ``"onnx"`` or ``"onnx-int8"`` (ONNX Runtime, exported once and cached on disk),
            or ``"auto"`` (the CPU default of :mod:`conflictscan._config` on CPU, else
            ``"torch"``). The int8 and ONNX backends run on the CPU only.

    ``revision``, ``cache_dir``, ``token`` and ``model_kwargs`` do not apply to built-in
    models, which load from the installed package.

    Raises:
        InputError: On a malformed or unavailable ``device``, bad sizes, or an unknown
            ``backend``.
        LabelMappingError: On a ``label_map`` that does not name the three labels.

    Example:
        >>> scorer = NLIScorer("mini")
        >>> [score] = scorer.score_pairs([("Nobody was hurt.", "Three people were injured.")])
        >>> round(score.contradiction + score.entailment + score.neutral, 6)
        1.0
    """

    def __init__(
        self,
        model: str | os.PathLike[str] = DEFAULT_MODEL,
        *,
        device: str | None = None,
        batch_size: int = 32,
        revision: str | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        local_files_only: bool = False,
        token: str | bool | None = None,
        label_map: Mapping[int, str] | None = None,
        model_kwargs: Mapping[str, Any] | None = None,
        max_length: int | None = None,
        show_progress: bool = False,
        backend: str = "torch",
    ) -> None:
        self.model_id = _check_model_arg(model)
        self._backend_arg = backends.check_backend(backend)
        self._device = None if device is None else _check_device_format(device)
        if self._device not in (None, "cpu"):
            self._device = resolve_device(self._device)
        self.batch_size = _check_positive("batch_size", batch_size, minimum=1)
        self.max_length = (
            None if max_length is None else _check_positive("max_length", max_length, minimum=4)
        )
        self.revision = revision
        self.cache_dir = None if cache_dir is None else str(cache_dir)
        self.local_files_only = bool(local_files_only)
        self.token = token
        self.label_map = _check_label_map(label_map)
        self.model_kwargs = dict(model_kwargs or {})
        self.show_progress = bool(show_progress)
        self._source: _Source | None = None
        self._loaded: _LoadedModel | None = None
        self._indices: tuple[int, int, int] = (0, 1, 2)
        self._limit = 0
        self._smoothing_key: str | None = None

    @property
    def is_loaded(self) -> bool:
        """Whether this scorer holds its model already."""
        return self._loaded is not None

    @property
    def fingerprint(self) -> str:
        """Stable identifier of the exact model and settings, for score caches.

        Built-in models use their packaged fingerprint, local directories a hash of their
        config and file sizes/mtimes (no loading), hub models id and commit hash (loads the
        model). ``label_map`` and ``max_length`` are appended when set.
        """
        if self._get_source().kind == "hub":  # the commit is known once the model is loaded
            base = str(self.load()._loaded.version)  # type: ignore[union-attr]
        else:
            base = self._base_fingerprint()
        extras = []
        if self.label_map is not None:
            extras.append(
                "label_map=" + ",".join(f"{k}:{v}" for k, v in sorted(self.label_map.items()))
            )
        if self.max_length is not None:
            extras.append(f"max_length={self.max_length}")
        if self.backend != "torch":
            extras.append(f"backend={self.backend}")
        if self.backend in _SMOOTHED_BACKENDS and (digest := self._smoothing_digest()):
            extras.append(f"smoothing={digest}")
        return "|".join([base, *extras])

    @property
    def backend(self) -> str:
        """The backend the model runs on, ``"auto"`` resolved (may resolve the device)."""
        return backends.resolve_backend(self._backend_arg, self.device, self.model_id)

    def load(self) -> NLIScorer:
        """Load the model now (it otherwise loads on first use); returns ``self``.

        Raises:
            ModelLoadError: If the model cannot be found, downloaded or loaded.
            LabelMappingError: If its labels cannot be mapped to the three NLI labels.
        """
        if self._loaded is not None:
            return self
        loaded = _cached(self._cache_key(), self._load_uncached)
        self._indices = _label_indices(loaded.model.config, self.label_map, self.model_id)
        self._limit = self._effective_limit(loaded.limit)
        self._loaded = loaded
        return self

    def score_pairs(
        self, pairs: Sequence[tuple[str, str]], *, show_progress: bool | None = None
    ) -> list[PairScore]:
        """Score each ``(premise, hypothesis)`` pair, in input order.

        Identical pairs are scored once; pairs are length-sorted and batched with dynamic
        padding. Pairs longer than the token limit are truncated, flagged with
        ``truncated=True``, and one warning per call says how many.

        Args:
            pairs: Ordered pairs of non-empty strings.
            show_progress: Show a progress bar; ``None`` uses the scorer's default.

        Returns:
            One :class:`PairScore` per input pair.

        Raises:
            InputError: If a pair is malformed or holds an empty or non-string member.
        """
        items = _validate_pairs(pairs)
        if not items:
            return []
        unique, index = _dedupe(items)
        self.load()
        show = self.show_progress if show_progress is None else bool(show_progress)
        probs, truncated = self._run(unique, show)
        flags = [bool(truncated[i]) for i in index]
        self._warn_truncated(sum(flags), len(items))
        rows = probs.tolist()
        return [
            PairScore(a, b, *rows[i], truncated=flag)
            for (a, b), i, flag in zip(items, index, flags, strict=True)
        ]

    def score_both(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[PairScore, PairScore]]:
        """Score each pair in both directions in one call, so both share batches.

        Args:
            pairs: Pairs ``(a, b)`` of non-empty strings.

        Returns:
            ``(score of a -> b, score of b -> a)`` for each pair, in input order.
        """
        items = _validate_pairs(pairs)
        scores = self.score_pairs(items + [(b, a) for a, b in items])
        return list(zip(scores[: len(items)], scores[len(items) :], strict=True))

    # -- internals

    def _get_source(self) -> _Source:
        if self._source is None:
            self._source = _find_source(self.model_id)
        return self._source

    def _cache_key(self) -> tuple[Any, ...]:
        source = self._get_source()
        version = _dir_fingerprint(source.target) if source.kind == "local" else None
        token = hashlib.sha256(repr(self.token).encode()).hexdigest()[:12]
        return (
            "nli",
            source,
            version,
            self.backend,
            self.revision,
            self.device,
            self.cache_dir,
            self.local_files_only or hub_offline(),
            token,
            repr(sorted(self.model_kwargs.items())),
        )

    def _load_uncached(self) -> _LoadedModel:
        backend = self.backend
        if backend in backends.ONNX_BACKENDS:
            return self._load_onnx(backend)
        loaded = self._load_torch()
        if backend == "int8":
            loaded.model = backends.quantize_torch(loaded.model, self._smoothing())
            loaded.backend = backend
        return loaded

    def _smoothing_file(self) -> Path | None:
        """The int8 smoothing scales the model ships (built-in or local folder), or None."""
        source = self._get_source()
        if source.kind == "builtin":
            return _models_module_or_fail().smoothing_path(source.target)
        if source.kind == "local" and (Path(source.target) / SMOOTHING_FILE).is_file():
            return Path(source.target) / SMOOTHING_FILE
        return None

    def _smoothing_digest(self) -> str | None:
        """Short hash of the smoothing file, so that new scales get new caches."""
        if self._smoothing_key is None:
            path = self._smoothing_file()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path else ""
            self._smoothing_key = digest
        return self._smoothing_key or None

    def _smoothing(self) -> dict[str, Any] | None:
        """The smoothing scales by layer name (checksum-verified when built in), or None."""
        source = self._get_source()
        if source.kind == "builtin":
            return _models_module_or_fail().builtin_smoothing(source.target)
        path = self._smoothing_file()
        return read_smoothing(path.parent) if path else None

    def _load_torch(self) -> _LoadedModel:
        source = self._get_source()
        torch = _import_torch()
        if self.device == "cpu":
            _check_threads(torch)
        logger.info("loading NLI model %s (%s) on %s", self.model_id, source.kind, self.device)
        if source.kind == "builtin":
            return self._load_builtin(source.target)
        return self._load_pretrained(source)

    def _load_onnx(self, backend: str) -> _LoadedModel:
        """Load the cached ONNX export, exporting the torch model first on a cache miss."""
        extra = repr(sorted(self.model_kwargs.items())) if self.model_kwargs else ""
        digest = self._smoothing_digest() if backend == "onnx-int8" else None
        if digest:
            extra += f"|smoothing={digest}"
        spec = backends.ExportSpec(self._base_fingerprint(), backend, "logits", extra)

        def build() -> tuple[Any, Any, dict[str, Any]]:
            loaded = self._load_torch()
            meta: dict[str, Any] = {"temperature": loaded.temperature, "version": loaded.version}
            model = loaded.model.float().cpu()
            smoothing = self._smoothing() if digest else None
            if smoothing:
                smooth_linears(model, smoothing)
                meta["int8_layers"] = sorted(smoothing)
            return model, loaded.tokenizer, meta

        model, tokenizer = backends.load_or_export(spec, build)
        _check_architecture(model.config, self.model_id)
        return _LoadedModel(
            model=model,
            tokenizer=tokenizer,
            temperature=float(model.meta["temperature"]),
            limit=_model_limit(tokenizer, model.config),
            version=str(model.meta["version"]),
            backend=backend,
        )

    def _load_builtin(self, name: str) -> _LoadedModel:
        models = _models_module_or_fail()
        model, tokenizer = models.load_builtin(name, device=self.device)
        temperature = float(models.builtin_temperature(name))
        if not temperature > 0:
            raise ModelLoadError(
                f"built-in model {name!r} has temperature {temperature}; expected > 0"
            )
        return _LoadedModel(
            model=model.eval(),
            tokenizer=tokenizer,
            temperature=temperature,
            limit=_model_limit(tokenizer, model.config),
            version=str(models.builtin_fingerprint(name)),
        )

    def _load_pretrained(self, source: _Source) -> _LoadedModel:
        from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

        offline = self.local_files_only or hub_offline()
        hub = {"revision": self.revision, "cache_dir": self.cache_dir, "token": self.token}
        hub["local_files_only"] = offline
        try:
            config = AutoConfig.from_pretrained(source.target, **hub)
            _check_architecture(config, self.model_id)
            _label_indices(config, self.label_map, self.model_id)
            with _quiet_loading(self.show_progress):
                tokenizer = AutoTokenizer.from_pretrained(source.target, **hub)
                model = AutoModelForSequenceClassification.from_pretrained(
                    source.target, config=config, **hub, **self.model_kwargs
                )
        except (OSError, ValueError) as exc:
            if isinstance(exc, (ModelLoadError, LabelMappingError)):
                raise
            raise _load_error(exc, self.model_id, offline=offline) from exc
        return _LoadedModel(
            model=model.to(self.device).eval(),
            tokenizer=tokenizer,
            temperature=1.0,
            limit=_model_limit(tokenizer, config),
            version=self._version(source),
        )

    def _base_fingerprint(self) -> str:
        """Identity of the weights, without loading them (hub: id and cached commit)."""
        source = self._get_source()
        if source.kind == "builtin":
            return str(_models_module_or_fail().builtin_fingerprint(source.target))
        return self._version(source)

    def _version(self, source: _Source) -> str:
        if source.kind == "local":
            return _dir_fingerprint(source.target)
        return f"{source.target}@{_hub_commit(source.target, self.revision, self.cache_dir)}"

    def _effective_limit(self, model_limit: int) -> int:
        if self.max_length is None or self.max_length <= model_limit:
            return self.max_length or model_limit
        warnings.warn(
            f"max_length={self.max_length} exceeds model {self.model_id!r}'s limit of "
            f"{model_limit} tokens; using {model_limit}. Pass max_length<={model_limit}.",
            UserWarning,
            stacklevel=3,
        )
        return model_limit

    def _run(self, pairs: list[tuple[str, str]], show: bool) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities (rows: contradiction, entailment, neutral) and truncation flags."""
        loaded = self._loaded
        assert loaded is not None
        encoding, truncated = self._tokenize(pairs)
        lengths = [len(ids) for ids in encoding["input_ids"]]
        probs = np.empty((len(pairs), 3), dtype=np.float64)
        columns = list(self._indices)
        for rows in _progress(length_batches(lengths, self.batch_size), show, "Scoring"):
            batch = _collate(encoding, rows, loaded.tokenizer)
            logits = _forward(loaded, batch, self.device, "logits")
            probs[rows] = _softmax(logits / loaded.temperature)[:, columns]
        return probs, truncated

    def _tokenize(self, pairs: list[tuple[str, str]]) -> tuple[dict[str, list], np.ndarray]:
        """Tokenise every pair once; re-tokenise only the over-long ones with truncation."""
        tokenizer = self._loaded.tokenizer  # type: ignore[union-attr]
        premises = [a for a, _ in pairs]
        hypotheses = [b for _, b in pairs]
        encoding = dict(tokenizer(premises, hypotheses, truncation=False, verbose=False))
        truncated = np.array([len(ids) > self._limit for ids in encoding["input_ids"]])
        long_rows = np.flatnonzero(truncated).tolist()
        if long_rows:
            cut = tokenizer(
                [premises[i] for i in long_rows],
                [hypotheses[i] for i in long_rows],
                truncation=True,
                max_length=self._limit,
            )
            for key, column in encoding.items():
                for position, row in enumerate(long_rows):
                    column[row] = cut[key][position]
        return encoding, truncated

    def _warn_truncated(self, count: int, total: int) -> None:
        if count:
            warnings.warn(
                f"{count} of {total} pairs were longer than {self._limit} tokens and were "
                f"truncated to {self._limit}; their scores (PairScore.truncated=True) only see "
                "the start of the text. Shorten or split those sentences.",
                UserWarning,
                stacklevel=3,
            )
