"""Inference backends: how a loaded transformer runs, in fp32 or int8, in torch or ONNX Runtime.

Input: a backend name and, on first use, a loaded torch model with its tokenizer. Output:
a runnable model whose forward pass takes padded numpy arrays and returns numpy logits (or
hidden states, for the sentence encoder), and a tokenizer with the calling convention
:mod:`conflictscan.nli._scorer` uses.

Backends (:data:`BACKENDS`):

* ``"torch"``: the model as loaded, fp32, on any device.
* ``"int8"``: PyTorch dynamic quantization of every ``Linear`` layer (int8 weights, one
  scale per output channel; activations quantized per batch). CPU only.
* ``"onnx"``: the model exported to ONNX and run by ONNX Runtime, fp32. CPU only.
* ``"onnx-int8"``: that export with ONNX Runtime dynamic int8 quantization (per-channel
  weights); for a model with smoothing scales, the smoothed layers only. CPU only.
* ``"auto"``: :data:`conflictscan._config.DEFAULT_CPU_BACKEND` on CPU, ``"torch"`` elsewhere.

ONNX exports are cached on disk under ``<conflictscan cache>/backends``, one folder per
model fingerprint and backend, written to a temporary folder and renamed into place, so a
crash never leaves half a model behind and concurrent writers do not clash. A cached export
loads with ``onnxruntime`` and ``tokenizers`` alone: neither torch nor transformers is
imported, which is most of a small scan's start-up time.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from conflictscan._config import CPU_BACKEND_BY_MODEL, DEFAULT_CPU_BACKEND, cache_dir
from conflictscan._errors import InputError, ModelLoadError
from conflictscan.nli._smoothing import smooth_linears

logger = logging.getLogger(__name__)

BACKENDS: tuple[str, ...] = ("torch", "int8", "onnx", "onnx-int8")
"""Backends that run a model; ``"auto"`` is accepted too and picks one of them."""
ONNX_BACKENDS: tuple[str, ...] = ("onnx", "onnx-int8")
CPU_ONLY_BACKENDS: tuple[str, ...] = ("int8", "onnx", "onnx-int8")

_EXPORT_FORMAT = 3  # bump when the layout or export recipe changes: old exports are ignored
_OPSET = 17
_META = "conflictscan-backend.json"
_ONNX_FILE = "model.onnx"
_TOKENIZER_FILE = "tokenizer.json"
_INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
_ONNX_INSTALL = "pip install onnx onnxruntime"


def check_backend(backend: object) -> str:
    """Validate a backend name.

    Args:
        backend: One of :data:`BACKENDS` or ``"auto"``.

    Returns:
        The name, stripped and lower-cased.

    Raises:
        InputError: If the name is not a known backend; the message lists the valid ones.

    Example:
        >>> check_backend("ONNX-int8")
        'onnx-int8'
    """
    name = backend.strip().lower() if isinstance(backend, str) else backend
    if name != "auto" and name not in BACKENDS:
        valid = ", ".join(repr(b) for b in ("auto", *BACKENDS))
        raise InputError(f"unknown backend {backend!r}; choose one of {valid}")
    return str(name)


def resolve_backend(backend: str, device: str, model: str | None = None) -> str:
    """Turn ``"auto"`` into a concrete backend and check it suits ``device``.

    Args:
        backend: A name accepted by :func:`check_backend`.
        device: The resolved torch device string (``"cpu"``, ``"cuda:0"``...).
        model: The model name, for models whose CPU default differs
            (:data:`conflictscan._config.CPU_BACKEND_BY_MODEL`).

    Returns:
        One of :data:`BACKENDS`.

    Raises:
        InputError: If a CPU-only backend is asked for on another device.
    """
    name = check_backend(backend)
    on_cpu = device == "cpu"
    if name == "auto":
        return CPU_BACKEND_BY_MODEL.get(str(model), DEFAULT_CPU_BACKEND) if on_cpu else "torch"
    if name in CPU_ONLY_BACKENDS and not on_cpu:
        raise InputError(
            f"backend={name!r} runs on the CPU only, but device={device!r}; use "
            f"backend='torch' on {device}, or device='cpu'"
        )
    return name


# ---------------------------------------------------------------------------- torch int8


def quantize_torch(model: Any, smoothing: Mapping[str, Any] | None = None) -> Any:
    """Quantize ``model``'s ``Linear`` layers to int8 in place (dynamic, per channel).

    Args:
        model: A torch ``nn.Module`` on the CPU, in eval mode.
        smoothing: Per-input-channel scales by ``Linear`` name (:func:`smooth_linears`),
            applied first; a built-in model may ship them (``smoothing.safetensors``).
            When given, exactly the layers it names are quantized and every other layer
            stays in fp32.

    Returns:
        The quantized module (inference only, CPU only).
    """
    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    chosen: dict[Any, Any] = {torch.nn.Linear: per_channel_dynamic_qconfig}
    if smoothing:
        smooth_linears(model, smoothing)
        chosen = {f"{name}.linear": per_channel_dynamic_qconfig for name in smoothing}

    with warnings.catch_warnings():
        # torch announces the move of eager quantization to torchao; the API still works.
        warnings.simplefilter("ignore")
        return quantize_dynamic(model, chosen, inplace=True).eval()


# ---------------------------------------------------------------------------- ONNX models


@dataclass(frozen=True)
class ExportSpec:
    """What to export and where its cached copy lives.

    Args:
        fingerprint: Identifies the exact weights (e.g. ``NLIScorer.fingerprint``).
        backend: ``"onnx"`` or ``"onnx-int8"``.
        output: ``"logits"`` (classifier) or ``"last_hidden_state"`` (encoder).
        extra: Anything else that changes the exported graph (e.g. ``model_kwargs``).
    """

    fingerprint: str
    backend: str
    output: str
    extra: str = ""

    @property
    def folder(self) -> Path:
        """Cache folder of this export (``<cache>/backends/<name>-<hash>/<backend>``)."""
        key = f"{_EXPORT_FORMAT}|{self.fingerprint}|{self.output}|{self.extra}"
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", self.fingerprint.split("@")[0])[-48:]
        return cache_dir() / "backends" / f"{name}-{digest}" / self.backend


class OnnxModel:
    """An exported model run by ONNX Runtime on the CPU.

    Args:
        folder: A folder written by :func:`export_onnx`.
        threads: Intra-op threads; default: torch's thread count when torch is already
            imported, else ``OMP_NUM_THREADS``, else the CPUs this process may use.

    Attributes:
        config: The model's configuration (``num_labels``, ``id2label``, ``hidden_size``...)
            as attributes.
        input_names: Inputs the graph takes, a subset of ``input_ids``,
            ``attention_mask``, ``token_type_ids``.
    """

    def __init__(self, folder: Path, *, threads: int | None = None) -> None:
        ort = _import_onnxruntime()
        meta = _read_meta(folder)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or _thread_count()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Idle worker threads sleep instead of spinning: the CPU is usually shared.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self._session = ort.InferenceSession(
                str(folder / _ONNX_FILE), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelLoadError(
                f"cannot load the ONNX model in {folder}: {exc}; delete that folder to export "
                "it again"
            ) from exc
        self.input_names = tuple(i.name for i in self._session.get_inputs())
        self.config = SimpleNamespace(**meta["config"])
        self.meta = meta

    def run(self, batch: dict[str, np.ndarray]) -> np.ndarray:
        """Forward pass: padded int64 arrays in, float32 output (logits or states) out."""
        feed = {name: batch[name] for name in self.input_names}
        return np.asarray(self._session.run(None, feed)[0], dtype=np.float32)


def _import_onnxruntime() -> Any:
    try:
        import onnxruntime
    except ImportError as exc:
        raise ModelLoadError(
            f"the ONNX backends need onnxruntime, which is not installed: {_ONNX_INSTALL}, or "
            "pass backend='torch'"
        ) from exc
    return onnxruntime


def _thread_count() -> int:
    torch = sys.modules.get("torch")
    if torch is not None:
        return int(torch.get_num_threads())
    configured = os.environ.get("OMP_NUM_THREADS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _read_meta(folder: Path) -> dict[str, Any]:
    try:
        meta = json.loads((folder / _META).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(
            f"cached ONNX export in {folder} is unreadable ({exc}); delete the folder to "
            "export it again"
        ) from exc
    if meta.get("format") != _EXPORT_FORMAT:
        raise ModelLoadError(f"cached ONNX export in {folder} has another format; delete it")
    return meta


def cached_export(spec: ExportSpec) -> Path | None:
    """The folder of a complete cached export for ``spec``, or None if there is none."""
    return spec.folder if _complete(spec.folder) else None


def export_onnx(spec: ExportSpec, model: Any, tokenizer: Any, meta: dict[str, Any]) -> Path:
    """Export a torch model (and its tokenizer) to ONNX, quantized when asked, into the cache.

    Args:
        spec: What to export; its :attr:`ExportSpec.folder` is where it lands.
        model: A torch model in eval mode (any device; it is exported from a CPU copy of
            the inputs, so it must be on the CPU).
        tokenizer: Its transformers tokenizer (saved beside the model).
        meta: Extra facts to record (e.g. ``temperature``); ``config`` is added here.
            ``int8_layers``, when present, names the ``Linear`` layers smoothed by
            :func:`smooth_linears`: ``onnx-int8`` then quantizes exactly those and keeps
            every other layer in fp32, as :func:`quantize_torch` does.

    Returns:
        The folder holding ``model.onnx``, the tokenizer files and the metadata.

    Raises:
        ModelLoadError: If ``onnx``/``onnxruntime`` are missing or the export fails.
    """
    _import_onnxruntime()
    final = spec.folder
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=final.parent))
    try:
        names = _export_graph(model, tokenizer, spec.output, staging / "fp32.onnx")
        if spec.backend == "onnx-int8":
            layers = meta.get("int8_layers")
            _quantize_onnx(staging / "fp32.onnx", staging / _ONNX_FILE, layers)
            (staging / "fp32.onnx").unlink()
        else:
            (staging / "fp32.onnx").rename(staging / _ONNX_FILE)
        tokenizer.save_pretrained(str(staging))
        record = {**meta, **_tokenizer_facts(tokenizer), "input_names": names}
        record.update(format=_EXPORT_FORMAT, fingerprint=spec.fingerprint, output=spec.output)
        record["config"] = _config_facts(model.config)
        (staging / _META).write_text(json.dumps(record, indent=2), encoding="utf-8")
        _publish(staging, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    logger.info("exported %s (%s) to %s", spec.fingerprint, spec.backend, final)
    return final


def _publish(staging: Path, final: Path) -> None:
    """Rename a finished export into place; a concurrent writer's copy wins if it was first."""
    try:
        os.replace(staging, final)
    except OSError:
        if _complete(final):
            return
        shutil.rmtree(final, ignore_errors=True)
        os.replace(staging, final)


def _complete(folder: Path) -> bool:
    """Whether ``folder`` holds a complete, readable export of the current format."""
    if not (folder / _ONNX_FILE).is_file():
        return False
    try:
        _read_meta(folder)
    except ModelLoadError:
        logger.warning("ignoring the damaged or outdated export in %s", folder)
        return False
    return True


def _export_graph(model: Any, tokenizer: Any, output: str, path: Path) -> list[str]:
    """Trace ``model`` into an ONNX graph with dynamic batch and sequence axes."""
    import torch

    sample = tokenizer(
        ["The bridge was closed on Monday.", "Rain."],
        ["The bridge is open.", "It was dry all week, said the weather service."],
        padding=True,
        return_tensors="pt",
    )
    accepted = set(inspect.signature(model.forward).parameters) & set(tokenizer.model_input_names)
    names = [name for name in _INPUT_NAMES if name in sample and name in accepted]
    wrapper = _output_only_class()(model, names, output).eval()
    axes = {name: {0: "batch", 1: "sequence"} for name in names}
    axes["output"] = {0: "batch", 1: "sequence"} if output == "last_hidden_state" else {0: "batch"}
    try:
        with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
            # Tracer and deprecation notices concern the exporter, not the user's code.
            warnings.simplefilter("ignore")
            torch.onnx.export(
                wrapper,
                tuple(sample[n].cpu() for n in names),
                str(path),
                input_names=names,
                output_names=["output"],
                dynamic_axes=axes,
                opset_version=_OPSET,
                dynamo=False,
            )
    except (RuntimeError, TypeError, ValueError, ImportError) as exc:
        raise ModelLoadError(
            f"could not export the model to ONNX ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else ''}); use backend='torch' or 'int8'"
        ) from exc
    return names


def _output_only_class() -> type:
    """``nn.Module`` wrapper class, defined on first use so importing this module skips torch."""
    import torch

    class OutputOnly(torch.nn.Module):
        """Positional inputs in, one named output tensor out (what the ONNX tracer needs)."""

        def __init__(self, model: Any, names: Sequence[str], output: str) -> None:
            super().__init__()
            self.model, self.names, self.output = model, list(names), output

        def forward(self, *inputs: Any) -> Any:
            return getattr(self.model(**dict(zip(self.names, inputs, strict=True))), self.output)

    return OutputOnly


def _quantize_onnx(source: Path, target: Path, layers: Sequence[str] | None = None) -> None:
    """Dynamic int8 quantization of an exported graph: every matrix product, or only the
    smoothed ``layers`` (``Linear`` names as in ``named_modules``) when given."""
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise ModelLoadError(
            f"backend='onnx-int8' needs the onnx package to quantize: {_ONNX_INSTALL}"
        ) from exc
    # The quantizer reads the file itself: handing it the graph read here instead raised
    # the peak memory of exporting "standard" from 2.7 to 3.2 GB.
    nodes = _layer_nodes(source, layers) if layers else []
    with warnings.catch_warnings(), _quiet_root_logger():
        warnings.simplefilter("ignore")
        quantize_dynamic(
            str(source),
            str(target),
            weight_type=QuantType.QInt8,
            per_channel=True,
            # A whole graph gets 7-bit weights: on x86 CPUs without VNNI (AVX2 only) ONNX
            # Runtime's u8 x s8 product can saturate its 16-bit sums, and outputs drifted
            # 0.32 in probability from fp32 on a test model. Smoothed layers keep 8 bits:
            # their inputs are flat, and "standard" agreed with fp32 more often with 8 bits
            # there (docs/performance.md, "CPUs without VNNI").
            reduce_range=not nodes,
            nodes_to_quantize=nodes,
        )


def _layer_nodes(path: Path, layers: Sequence[str]) -> list[str]:
    """The graph's matrix-product node of each smoothed layer, found by its module scope.

    The exporter names a node after the modules it sits in (``/model/encoder/layer.0/.../
    linear/MatMul``, the wrapper of :func:`smooth_linears` adding ``linear``); dots and
    slashes are compared alike, since module names hold dots (``layer.0``).

    Raises:
        ModelLoadError: A layer matches no node or several.
    """
    import onnx

    graph = onnx.load(str(path)).graph
    products = [n.name for n in graph.node if n.op_type in ("MatMul", "Gemm")]
    scoped = [(name, "/" + name.replace(".", "/").strip("/") + "/") for name in products]
    chosen = []
    for layer in layers:
        scope = "/" + layer.replace(".", "/") + "/linear/"
        hits = [name for name, flat in scoped if scope in flat]
        if len(hits) != 1:
            raise ModelLoadError(
                f"int8 smoothing names {layer!r}, which matches {len(hits)} nodes of the "
                "exported graph instead of one; use backend='int8'"
            )
        chosen.append(hits[0])
    return chosen


@contextlib.contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """Mute advice the quantizer logs on the root logger, without configuring logging.

    A handler is attached for the duration so that ``logging.warning`` does not call
    ``basicConfig`` and leave a stderr handler behind.
    """
    root = logging.getLogger()
    level, handler = root.level, logging.NullHandler()
    root.addHandler(handler)
    root.setLevel(logging.ERROR)
    try:
        yield
    finally:
        root.setLevel(level)
        root.removeHandler(handler)


def _config_facts(config: Any) -> dict[str, Any]:
    """The configuration fields inference reads, JSON-safe."""
    facts = {
        "num_labels": int(getattr(config, "num_labels", 0) or 0),
        "id2label": {str(k): str(v) for k, v in (getattr(config, "id2label", {}) or {}).items()},
        "hidden_size": int(config.hidden_size),
        "model_type": str(getattr(config, "model_type", "")),
        "architectures": list(getattr(config, "architectures", None) or []),
    }
    positions = getattr(config, "max_position_embeddings", None)
    if isinstance(positions, int):
        facts["max_position_embeddings"] = positions
    return facts


def _tokenizer_facts(tokenizer: Any) -> dict[str, Any]:
    return {
        "model_input_names": list(tokenizer.model_input_names),
        "pad_token_id": tokenizer.pad_token_id,
        "pad_token_type_id": getattr(tokenizer, "pad_token_type_id", 0) or 0,
        "padding_side": getattr(tokenizer, "padding_side", "right"),
        "model_max_length": int(min(getattr(tokenizer, "model_max_length", 10**6), 10**6)),
    }


# ---------------------------------------------------------------------------- tokenizer


class FastTokenizer:
    """The exported tokenizer, run by the ``tokenizers`` library without transformers.

    Callable like a transformers tokenizer for the uses in :mod:`conflictscan.nli._scorer`:
    ``tokenizer(texts, pairs=None, truncation=False, max_length=None)`` returns a dict of
    lists of token ids, without padding.

    Args:
        folder: An export folder holding ``tokenizer.json`` and the metadata file.
    """

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        meta = _read_meta(folder)
        self._tokenizer = Tokenizer.from_file(str(folder / _TOKENIZER_FILE))
        self._tokenizer.no_padding()
        self._lock = threading.Lock()
        self.model_input_names = list(meta["model_input_names"])
        self.pad_token_id = meta["pad_token_id"]
        self.pad_token_type_id = meta["pad_token_type_id"]
        self.padding_side = meta["padding_side"]
        self.model_max_length = meta["model_max_length"]

    def __call__(
        self,
        texts: Sequence[str],
        pairs: Sequence[str] | None = None,
        *,
        truncation: bool = False,
        max_length: int | None = None,
        verbose: bool = False,
    ) -> dict[str, list[list[int]]]:
        """Token ids (and masks) of each text or text pair, unpadded."""
        del verbose  # accepted for call compatibility with transformers tokenizers
        inputs: list[Any] = list(texts) if pairs is None else list(zip(texts, pairs, strict=True))
        with self._lock:
            if truncation:
                limit = max_length or self.model_max_length
                self._tokenizer.enable_truncation(limit, strategy="longest_first")
            else:
                self._tokenizer.no_truncation()
            encodings = self._tokenizer.encode_batch(inputs, add_special_tokens=True)
        columns = {
            "input_ids": [e.ids for e in encodings],
            "attention_mask": [e.attention_mask for e in encodings],
            "token_type_ids": [e.type_ids for e in encodings],
        }
        return {name: columns[name] for name in self.model_input_names if name in columns}


def load_export(folder: Path) -> tuple[OnnxModel, Any]:
    """Load a cached export: the ONNX model and its tokenizer.

    The tokenizer comes from ``tokenizer.json`` through ``tokenizers`` when the folder has
    one, otherwise (slow-only tokenizers) through transformers.

    Raises:
        ModelLoadError: If the folder is incomplete or onnxruntime is missing.
    """
    model = OnnxModel(folder)
    if (folder / _TOKENIZER_FILE).is_file():
        return model, FastTokenizer(folder)
    from transformers import AutoTokenizer

    return model, AutoTokenizer.from_pretrained(str(folder))


def load_or_export(
    spec: ExportSpec, build: Callable[[], tuple[Any, Any, dict[str, Any]]]
) -> tuple[OnnxModel, Any]:
    """The cached export for ``spec``, exporting it first (``build()``) if there is none.

    Args:
        spec: The export wanted.
        build: Returns ``(torch model on CPU, transformers tokenizer, extra metadata)``;
            called only on a cache miss.

    Returns:
        ``(OnnxModel, tokenizer)``.
    """
    folder = cached_export(spec)
    if folder is None:
        logger.info("no cached %s export of %s; exporting", spec.backend, spec.fingerprint)
        model, tokenizer, meta = build()
        folder = export_onnx(spec, model, tokenizer, meta)
    return load_export(folder)
