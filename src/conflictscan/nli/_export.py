"""Export a built-in model as a plain Hugging Face model folder.

Input: the name of a built-in model (``"mini"``...). Output: a folder holding
``config.json``, ``model.safetensors`` and the tokenizer files, which
``AutoModelForSequenceClassification.from_pretrained`` and sentence-transformers'
``CrossEncoder`` load directly, with no conflictscan installed.

Built-in models ship as a delta over a base encoder and a calibration temperature; the
export is the assembled model with the temperature folded into the last classifier layer
(weights and bias divided by it), so a plain softmax over its logits gives the calibrated
probabilities conflictscan reports. The folder is written beside its destination and
renamed into place, so an interrupted export leaves nothing half-written.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from conflictscan._errors import ModelLoadError
from conflictscan.nli._loading import _quiet_loading

_README = """# conflictscan built-in model `{name}`

Exported by `conflictscan models export {name}` from conflictscan {version}.

- weights: `{fingerprint}` (the built-in model, assembled over its base encoder)
- labels: {labels}
- calibration: temperature {temperature} folded into `{layer}`: a plain softmax over the
  logits gives the calibrated probabilities conflictscan reports.
- `smoothing.safetensors` (where present): per-layer input scales that conflictscan's
  `backend="int8"` applies before quantizing; other tools can ignore it.

```python
from transformers import AutoModelForSequenceClassification, AutoTokenizer

model = AutoModelForSequenceClassification.from_pretrained("{folder}")
tokenizer = AutoTokenizer.from_pretrained("{folder}")
```

Held-out figures and the data it was trained on: conflictscan's docs/models.md.
"""


def export_builtin(name: str, out: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write built-in model ``name``, assembled and calibrated, as a Hugging Face folder.

    Args:
        name: A built-in model (see ``conflictscan.nli.BUILTIN_MODELS``).
        out: Destination folder; created, or replaced when ``overwrite`` is set.
        overwrite: Replace ``out`` if it exists and is not empty.

    Returns:
        The destination folder.

    Raises:
        InputError: If ``out`` exists and is not empty (without ``overwrite``) or is a file.
        ModelLoadError: If ``name`` is not a built-in model or its files are missing.

    Example:
        >>> export_builtin("mini", "mini-nli")
        PosixPath('mini-nli')
    """
    from conflictscan.nli import _builtin as models
    from conflictscan.training import _check_out

    target = _check_out(Path(out).expanduser(), overwrite)
    fingerprint = models.builtin_fingerprint(name)
    temperature = float(models.builtin_temperature(name))
    model, tokenizer = models.load_builtin(name, device="cpu")
    layer = fold_temperature(model, temperature)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the export is meant to be shared
    try:
        with _quiet_loading(show_progress=False):
            model.save_pretrained(str(staging))
        tokenizer.save_pretrained(str(staging))
        smoothing = models.smoothing_path(name)
        if smoothing is not None:  # checked with the other shipped files by load_builtin
            shutil.copyfile(smoothing, staging / smoothing.name)
        facts = {"fingerprint": fingerprint, "temperature": temperature, "layer": layer}
        _write_readme(staging, name, target, model.config, facts)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def fold_temperature(model: Any, temperature: float) -> str:
    """Divide the last classification layer's weights and bias by ``temperature``, in place.

    Afterwards ``softmax(model(x).logits)`` equals ``softmax(original_logits / temperature)``.

    Args:
        model: A transformers sequence-classification model.
        temperature: The calibration temperature (> 0).

    Returns:
        The name of the layer changed.

    Raises:
        ModelLoadError: If the model has no linear layer producing its label logits.
    """
    import torch

    num_labels = int(model.config.num_labels)
    heads = [
        (name, module)
        for name, module in model.named_modules()
        if isinstance(module, torch.nn.Linear) and module.out_features == num_labels
    ]
    if not heads:
        raise ModelLoadError(
            f"{type(model).__name__} has no linear layer with {num_labels} outputs to fold "
            "the calibration temperature into"
        )
    name, layer = heads[-1]
    if temperature != 1.0:
        with torch.no_grad():
            layer.weight.div_(temperature)
            if layer.bias is not None:
                layer.bias.div_(temperature)
    return name


def _write_readme(
    folder: Path, name: str, target: Path, config: Any, facts: dict[str, Any]
) -> None:
    from conflictscan import __version__

    labels = ", ".join(f"{k}: {v}" for k, v in sorted(config.id2label.items()))
    text = _README.format(name=name, version=__version__, folder=target, labels=labels, **facts)
    (folder / "README.md").write_text(text, encoding="utf-8")
    provenance = {"conflictscan_version": __version__, "builtin_model": name, **facts}
    (folder / "conflictscan_export.json").write_text(
        json.dumps(provenance, indent=2) + "\n", encoding="utf-8"
    )
