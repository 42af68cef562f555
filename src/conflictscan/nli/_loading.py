"""Loading: where a model comes from, loading it once per process, fingerprints and load errors."""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from conflictscan._errors import InputError, ModelLoadError

_LOCAL_DIR_FIX = "pass a local directory: Scanner(model='/path/to/model')"
_OFFLINE_FIX = f"{_LOCAL_DIR_FIX} or set HF_HUB_OFFLINE=0"
_BUILTIN_NAMES = ("mini", "standard")
_UNBOUNDED_LENGTH = 100_000
_FALLBACK_LIMIT = 512

_MODEL_CACHE: dict[tuple[Any, ...], _LoadedModel] = {}
_CACHE_LOCK = threading.Lock()


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


def _models_module() -> ModuleType | None:
    """``conflictscan.nli._builtin`` if this install has it (presets, built-in model)."""
    try:
        return importlib.import_module("conflictscan.nli._builtin")
    except ModuleNotFoundError as exc:
        if exc.name != "conflictscan.nli._builtin":
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
            f"model={model!r} is a built-in model, but the built-in model module is missing "
            f"from this install; reinstall conflictscan, or {_LOCAL_DIR_FIX} or a hub id"
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


def _models_module_or_fail() -> ModuleType:
    models = _models_module()
    if models is None:
        raise ModelLoadError(
            "the built-in model module is missing from this install, so built-in models cannot "
            "load; "
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
