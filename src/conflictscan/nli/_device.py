"""Devices: resolving ``device=None`` to cuda, mps or cpu, and checking the value given."""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import re
import sys
from pathlib import Path
from types import ModuleType

from conflictscan._errors import InputError, ModelLoadError

logger = logging.getLogger(__name__)

_DEVICE_PATTERN = re.compile(r"(cpu|mps|cuda)(:\d+)?")


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


# ---------------------------------------------------------------------------- NLIScorer


class _OnDevice:
    """Shared lazy device resolution (and repr) of the scorer and the encoder."""

    _device: str | None
    _backend_arg: str
    _loaded: object | None
    model_id: str

    def __repr__(self) -> str:
        state = "loaded" if self._loaded is not None else "not loaded"
        return (
            f"{type(self).__name__}(model={self.model_id!r}, device={self._device!r}, "
            f"backend={self._backend_arg!r}, {state})"
        )

    @property
    def device(self) -> str:
        """The torch device the model runs on (resolved on first access)."""
        if self._device is None:
            self._device = resolve_device(None)
        return self._device
