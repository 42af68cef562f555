"""int8 smoothing: move activation outliers into the weights before dynamic quantization.

Input: a torch model and per-layer scales (shipped by a built-in model as
``smoothing.safetensors``, measured by ``scripts/smooth_int8.py``). Output: the same model
with those ``Linear`` layers wrapped, computing the same function in fp32 with flatter
inputs for the int8 quantizer (``nli._backends.quantize_torch``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from conflictscan._errors import ModelLoadError


def smooth_linears(model: Any, scales: Mapping[str, Any]) -> None:
    """Move activation outliers into the weights before int8 quantization, in place.

    Dynamic int8 quantization gives each input tensor one scale, so a few channels with
    large activations (MPNet's feed-forward layers have them) leave every other channel
    with a handful of levels. For each named ``Linear`` with scales ``s``, column ``j`` of
    the weight is multiplied by ``s[j]`` and the layer's input divided by it: the same
    function in fp32, with flatter inputs for the quantizer (the smoothing of activation
    outliers described for int8 transformers, with ``s = max|x|^a / max|w|^(1 - a)``
    measured once on calibration pairs).

    Args:
        model: A torch module holding the layers.
        scales: ``Linear`` name (as in ``named_modules``) -> 1-D tensor, one positive
            value per input feature.

    Raises:
        ModelLoadError: A name that is not a ``Linear`` of ``model``, or scales of another
            size or not positive.
    """
    import torch

    for name, scale in scales.items():
        parent_name, _, child = name.rpartition(".")
        try:
            linear = model.get_submodule(name)
        except AttributeError as exc:
            raise ModelLoadError(f"int8 smoothing names {name!r}, no layer of the model") from exc
        if not isinstance(linear, torch.nn.Linear):
            raise ModelLoadError(f"int8 smoothing names {name!r}, a {type(linear).__name__}")
        scale = scale.to(dtype=linear.weight.dtype, device=linear.weight.device)
        if scale.shape != (linear.in_features,) or not bool((scale > 0).all()):
            raise ModelLoadError(
                f"int8 smoothing for {name!r} has shape {tuple(scale.shape)}; expected "
                f"({linear.in_features},) positive values: the smoothing file is damaged"
            )
        with torch.no_grad():
            linear.weight.mul_(scale)
        parent = model.get_submodule(parent_name) if parent_name else model
        setattr(parent, child, _smoothed_class()(linear, 1.0 / scale))


SMOOTHING_FILE = "smoothing.safetensors"


def read_smoothing(folder: Path) -> dict[str, Any] | None:
    """The int8 smoothing scales in a model folder (``smoothing.safetensors``, as written
    by ``conflictscan models export``), or None when it holds none.

    Raises:
        ModelLoadError: The file cannot be read as safetensors.
    """
    path = folder / SMOOTHING_FILE
    if not path.is_file():
        return None
    from safetensors.torch import load_file

    try:
        return dict(load_file(str(path)))
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelLoadError(f"cannot read the int8 smoothing file {path}: {exc}") from exc


@functools.cache
def _smoothed_class() -> type:
    """``nn.Module`` wrapper class, defined on first use so importing this module skips torch."""
    import torch

    class Smoothed(torch.nn.Module):
        """A ``Linear`` whose input is scaled per feature first (see :func:`smooth_linears`)."""

        def __init__(self, linear: Any, inverse: Any) -> None:
            super().__init__()
            self.linear = linear
            self.register_buffer("inverse", inverse)

        def forward(self, x: Any) -> Any:
            return self.linear(x * self.inverse)

    return Smoothed
