"""Tests for conflictscan.nli._backends: int8 and ONNX backends of the scorer and the encoder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conflictscan import InputError, ModelLoadError, ScanConfig, Scanner
from conflictscan._config import DEFAULT_CPU_BACKEND
from conflictscan.nli import NLIScorer, SentenceEncoder, _device, clear_model_cache
from conflictscan.nli import _backends as backends
from conflictscan.nli._smoothing import smooth_linears

PAIRS = [
    ("The mayor opened the new bridge on Monday.", "The bridge is still closed."),
    ("Rain.", "It was dry."),
    ("Three people were injured in the fire at the warehouse.", "Nobody was hurt."),
    ("Shares rose.", "Shares fell sharply after the company cut its forecast for the year."),
]


@pytest.fixture(autouse=True)
def _fresh_model_cache():
    clear_model_cache()
    yield
    clear_model_cache()


def _probs(scores) -> np.ndarray:
    return np.array([[s.contradiction, s.entailment, s.neutral] for s in scores])


# ---------------------------------------------------------------------------- names


def test_backend_names_are_checked_and_listed():
    assert backends.check_backend(" ONNX-int8 ") == "onnx-int8"
    with pytest.raises(InputError, match="unknown backend 'fast'; choose one of 'auto', 'torch'"):
        backends.check_backend("fast")
    with pytest.raises(InputError, match="unknown backend 3"):
        backends.check_backend(3)


def test_auto_picks_the_cpu_default_on_cpu_and_torch_elsewhere():
    assert backends.resolve_backend("auto", "cpu") == DEFAULT_CPU_BACKEND
    assert backends.resolve_backend("auto", "cuda:0") == "torch"
    assert backends.resolve_backend("onnx", "cpu") == "onnx"


@pytest.mark.parametrize("backend", ["int8", "onnx", "onnx-int8"])
def test_cpu_only_backends_refuse_other_devices(backend):
    with pytest.raises(InputError, match=f"backend='{backend}' runs on the CPU only"):
        backends.resolve_backend(backend, "cuda")


def test_scanner_and_config_carry_the_backend():
    assert ScanConfig().backend == "auto"
    scanner = Scanner(backend="onnx-int8")
    assert scanner.config.backend == "onnx-int8"
    assert ScanConfig.from_dict(scanner.config.to_dict()).backend == "onnx-int8"
    with pytest.raises(InputError, match="unknown backend 'gpu'"):
        Scanner(backend="gpu")


def test_unknown_backend_fails_at_construction():
    with pytest.raises(InputError, match="unknown backend"):
        NLIScorer("mini", backend="tensorrt")
    with pytest.raises(InputError, match="unknown backend"):
        SentenceEncoder(backend="tensorrt")


# ---------------------------------------------------------------------------- scoring


@pytest.mark.parametrize("backend", ["int8", "onnx", "onnx-int8"])
def test_every_backend_gives_probabilities_close_to_torch(tiny_model_dirs, backend):
    model = tiny_model_dirs["cen"]
    reference = _probs(NLIScorer(model, device="cpu").score_pairs(PAIRS))
    scores = NLIScorer(model, device="cpu", backend=backend).score_pairs(PAIRS)
    probs = _probs(scores)
    assert [(s.a, s.b) for s in scores] == PAIRS
    assert probs.sum(axis=1) == pytest.approx(np.ones(len(PAIRS)), abs=1e-9)
    tolerance = 1e-4 if backend == "onnx" else 0.1
    assert np.abs(probs - reference).max() < tolerance


def test_fixed_logits_survive_every_backend(tiny_model_dirs):
    expected = NLIScorer(tiny_model_dirs["enc_fixed"], device="cpu").score_pairs(PAIRS[:1])[0]
    for backend in backends.BACKENDS:
        [score] = NLIScorer(
            tiny_model_dirs["enc_fixed"], device="cpu", backend=backend
        ).score_pairs(PAIRS[:1])
        assert score.contradiction == pytest.approx(expected.contradiction, abs=1e-5)
        assert score.entailment == pytest.approx(expected.entailment, abs=1e-5)


def test_fingerprint_names_non_torch_backends(tiny_model_dirs):
    torch_print = NLIScorer(tiny_model_dirs["cen"], device="cpu").fingerprint
    assert "backend" not in torch_print
    onnx_print = NLIScorer(tiny_model_dirs["cen"], device="cpu", backend="onnx-int8").fingerprint
    assert onnx_print == f"{torch_print}|backend=onnx-int8"


def test_truncation_is_flagged_on_onnx(tiny_model_dirs):
    long = " ".join(["word"] * 200)
    scorer = NLIScorer(tiny_model_dirs["cen"], device="cpu", backend="onnx")
    with pytest.warns(UserWarning, match="1 of 2 pairs were longer than 64 tokens"):
        scores = scorer.score_pairs([(long, "Short."), ("Short.", "Also short.")])
    assert [s.truncated for s in scores] == [True, False]


# ---------------------------------------------------------------------------- the ONNX cache


def test_export_is_cached_and_reused(tiny_model_dirs, monkeypatch):
    NLIScorer(tiny_model_dirs["cen"], device="cpu", backend="onnx-int8").load()
    clear_model_cache()

    def no_export(*args, **kwargs):
        raise AssertionError("exported again despite the cache")

    monkeypatch.setattr(backends, "export_onnx", no_export)
    scores = NLIScorer(tiny_model_dirs["cen"], device="cpu", backend="onnx-int8").score_pairs(PAIRS)
    assert len(scores) == len(PAIRS)


def test_cache_lives_under_the_conflictscan_cache(tiny_model_dirs):
    scorer = NLIScorer(tiny_model_dirs["cen"], device="cpu", backend="onnx").load()
    spec = backends.ExportSpec(scorer._base_fingerprint(), "onnx", "logits")
    folder = backends.cached_export(spec)
    assert folder is not None
    assert Path(os.environ["CONFLICTSCAN_CACHE"]) in folder.parents
    meta = json.loads((folder / "conflictscan-backend.json").read_text())
    assert meta["config"]["id2label"]["0"] == "contradiction"
    assert meta["input_names"] == ["input_ids", "attention_mask", "token_type_ids"]


def test_failed_export_leaves_no_folder(tiny_nli_dir, monkeypatch):
    def broken(*args, **kwargs):
        raise ModelLoadError("could not export the model to ONNX (boom)")

    monkeypatch.setattr(backends, "_export_graph", broken)
    scorer = NLIScorer(tiny_nli_dir, device="cpu", backend="onnx")
    with pytest.raises(ModelLoadError, match="could not export"):
        scorer.load()
    spec = backends.ExportSpec(scorer._base_fingerprint(), "onnx", "logits")
    assert backends.cached_export(spec) is None
    assert not any(p.name.startswith(".export-") for p in spec.folder.parent.iterdir())


def test_damaged_cache_entry_is_exported_again(tiny_nli_dir):
    scorer = NLIScorer(tiny_nli_dir, device="cpu", backend="onnx").load()
    expected = scorer.score_pairs(PAIRS)
    spec = backends.ExportSpec(scorer._base_fingerprint(), "onnx", "logits")
    (spec.folder / "conflictscan-backend.json").write_text("{not json")
    assert backends.cached_export(spec) is None
    clear_model_cache()
    again = NLIScorer(tiny_nli_dir, device="cpu", backend="onnx").score_pairs(PAIRS)
    assert _probs(again) == pytest.approx(_probs(expected), abs=1e-6)
    assert backends.cached_export(spec) == spec.folder


def test_unreadable_export_folder_raises_with_the_fix(tmp_path):
    with pytest.raises(ModelLoadError, match="delete the folder to export it again"):
        backends.load_export(tmp_path)


def test_cached_onnx_scoring_imports_neither_torch_nor_transformers(tiny_model_dirs):
    NLIScorer(tiny_model_dirs["cen"], device="cpu", backend="onnx-int8").load()
    code = (
        "import sys; from conflictscan.nli._scorer import NLIScorer; "
        f"s = NLIScorer({str(tiny_model_dirs['cen'])!r}, device='cpu', backend='onnx-int8'); "
        "s.score_pairs([('It rained.', 'It was dry.')]); "
        "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------------- tokenizer, encoder


def test_fast_tokenizer_matches_transformers(tiny_model_dirs):
    from transformers import AutoTokenizer

    scorer = NLIScorer(tiny_model_dirs["cen"], device="cpu", backend="onnx").load()
    fast = scorer._loaded.tokenizer
    assert isinstance(fast, backends.FastTokenizer)
    slow = AutoTokenizer.from_pretrained(str(tiny_model_dirs["cen"]))
    first, second = [a for a, _ in PAIRS], [b for _, b in PAIRS]
    for options in ({}, {"truncation": True, "max_length": 12}):
        assert fast(first, second, **options) == dict(slow(first, second, **options))
    assert fast(first, truncation=True, max_length=8) == dict(
        slow(first, truncation=True, max_length=8)
    )


@pytest.mark.parametrize("backend", ["int8", "onnx", "onnx-int8"])
def test_encoder_backends_agree_with_torch(tiny_model_dirs, backend):
    texts = [a for a, _ in PAIRS]
    reference = SentenceEncoder(tiny_model_dirs["encoder"], device="cpu").encode(texts)
    encoder = SentenceEncoder(tiny_model_dirs["encoder"], device="cpu", backend=backend)
    vectors = encoder.encode(texts)
    assert vectors.shape == reference.shape
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(np.ones(len(texts)), abs=1e-5)
    cosine = (vectors * reference).sum(axis=1)
    assert cosine.min() > (0.9999 if backend == "onnx" else 0.95)
    assert encoder.fingerprint.endswith(f"|backend={backend}")


# ---------------------------------------------------------------------------- device, CLI


@pytest.mark.parametrize(
    ("cuda", "hip", "expected"),
    [("None", "None", True), ("'12.4'", "None", False), ("None", "'6.2'", False)],
)
def test_cpu_only_torch_is_read_from_its_version_file(monkeypatch, tmp_path, cuda, hip, expected):
    import importlib.machinery
    import importlib.util

    (tmp_path / "version.py").write_text(
        f"from typing import Optional\ncuda: Optional[str] = {cuda}\nhip: Optional[str] = {hip}\n"
    )
    spec = importlib.machinery.ModuleSpec("torch", None, is_package=True)
    spec.submodule_search_locations = [str(tmp_path)]
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    monkeypatch.delitem(sys.modules, "torch", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert _device._cpu_only_torch() is expected


def test_imported_torch_is_asked_directly():
    import torch  # noqa: F401

    assert _device._cpu_only_torch() is False


def test_cli_rejects_an_unknown_backend(tmp_path):
    from typer.testing import CliRunner

    from conflictscan.cli import app

    article = tmp_path / "a.txt"
    article.write_text("The bridge was closed on Monday. The bridge was open on Monday.")
    result = CliRunner().invoke(app, ["scan", str(article), "--backend", "tensorrt"])
    assert result.exit_code == 1
    assert "unknown backend 'tensorrt'; choose one of 'auto', 'torch'" in result.output


def _tiny_mpnet(folder: Path) -> Path:
    """A small MPNet classifier (the 'standard' model's architecture) saved in ``folder``."""
    import torch
    from transformers import AutoTokenizer, MPNetConfig, MPNetForSequenceClassification

    from tiny_models import tokenizer_source

    labels = {0: "contradiction", 1: "entailment", 2: "neutral"}
    config = MPNetConfig(
        vocab_size=30527,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=130,
        id2label=labels,
        label2id={v: k for k, v in labels.items()},
    )
    torch.manual_seed(0)
    MPNetForSequenceClassification(config).eval().save_pretrained(folder)
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_source())
    tokenizer.model_input_names = ["input_ids", "attention_mask"]
    tokenizer.model_max_length = 128
    tokenizer.save_pretrained(folder)
    return folder


def test_mpnet_classifier_runs_on_every_backend(tmp_path):
    """MPNet (the 'standard' model's architecture) takes no token_type_ids."""
    _tiny_mpnet(tmp_path / "mpnet")
    reference = _probs(NLIScorer(tmp_path / "mpnet", device="cpu").score_pairs(PAIRS))
    for backend in ("int8", "onnx", "onnx-int8"):
        scorer = NLIScorer(tmp_path / "mpnet", device="cpu", backend=backend)
        probs = _probs(scorer.score_pairs(PAIRS))
        assert np.abs(probs - reference).max() < (1e-4 if backend == "onnx" else 0.1)
    assert scorer._loaded.model.input_names == ("input_ids", "attention_mask")


# ---------------------------------------------------------------------------- int8 smoothing


def _outlier_layers():
    import torch

    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 8))
    x = torch.randn(32, 64)
    x[:, 3] *= 200.0  # one channel far larger than the rest, as in MPNet's activations
    return model.eval(), x


def test_smoothing_keeps_the_fp32_function_and_helps_int8():
    import copy

    import torch

    model, x = _outlier_layers()
    with torch.no_grad():
        reference = model(x)
        x_max = x.abs().amax(0)
        scales = {"0": (x_max**0.8 / model[0].weight.abs().amax(0) ** 0.2).clamp(min=1e-5)}
        smoothed = copy.deepcopy(model)
        smooth_linears(smoothed, scales)
        assert torch.allclose(smoothed(x), reference, rtol=1e-4, atol=1e-3)
        plain = backends.quantize_torch(copy.deepcopy(model))
        helped = backends.quantize_torch(copy.deepcopy(model), scales)
        error_plain = (plain(x) - reference).abs().mean()
        error_helped = (helped(x) - reference).abs().mean()
    assert error_helped < error_plain / 2
    # Only the layers with scales are quantized; the head stays a plain fp32 Linear.
    assert type(helped[2]) is torch.nn.Linear
    assert type(helped[0].linear) is not torch.nn.Linear


@pytest.mark.parametrize(
    ("scales", "message"),
    [
        ({"7": [1.0] * 64}, "no layer"),
        ({"1": [1.0] * 64}, "a ReLU"),
        ({"0": [1.0] * 63}, "shape"),
        ({"0": [0.0] * 64}, "positive"),
    ],
)
def test_damaged_smoothing_is_refused_with_a_clear_error(scales, message):
    import torch

    model, _ = _outlier_layers()
    with pytest.raises(ModelLoadError, match=message):
        smooth_linears(model, {k: torch.tensor(v) for k, v in scales.items()})


def test_builtin_smoothing_is_shipped_checked_and_names_attention_and_ffn_input_layers():
    from conflictscan.nli import _builtin

    assert _builtin.builtin_smoothing("mini") is None
    scales = _builtin.builtin_smoothing("standard")
    assert scales is not None and len(scales) == 12 * 5
    assert all(v.ndim == 1 and bool((v > 0).all()) for v in scales.values())
    # The feed-forward output projections, where the largest outliers sit, stay in fp32.
    assert not any(name.endswith(".output.dense") for name in scales)
    assert {name.rsplit(".", 2)[-2] + "." + name.rsplit(".", 1)[-1] for name in scales} == {
        "attn.q",
        "attn.k",
        "attn.v",
        "attn.o",
        "intermediate.dense",
    }


def test_a_model_folder_with_smoothing_scales_uses_them_for_int8(tiny_nli_dir, monkeypatch):
    import torch
    from safetensors.torch import save_file
    from transformers import AutoModelForSequenceClassification

    from conflictscan.nli import _smoothing

    reference = _probs(NLIScorer(tiny_nli_dir, device="cpu").score_pairs(PAIRS))
    model = AutoModelForSequenceClassification.from_pretrained(tiny_nli_dir)
    linears = [n for n, m in model.named_modules() if isinstance(m, torch.nn.Linear)]
    scales = {linears[0]: torch.full((model.get_submodule(linears[0]).in_features,), 2.0)}
    save_file(scales, str(tiny_nli_dir / _smoothing.SMOOTHING_FILE))
    seen: list[list[str]] = []
    real = backends.smooth_linears
    monkeypatch.setattr(backends, "smooth_linears", lambda m, s: seen.append(list(s)) or real(m, s))
    probs = _probs(NLIScorer(tiny_nli_dir, device="cpu", backend="int8").score_pairs(PAIRS))
    assert seen == [[linears[0]]]
    assert np.abs(probs - reference).max() < 0.1


def _standard_like_scales(folder: Path) -> dict:
    """Smoothing scales for the layers ``standard`` smooths (attention, feed-forward input)."""
    import torch
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(folder)
    kinds = ("attn.q", "attn.k", "attn.v", "attn.o", "intermediate.dense")
    return {
        name: torch.linspace(0.5, 2.0, module.in_features)
        for name, module in model.named_modules()
        if isinstance(module, torch.nn.Linear) and name.endswith(kinds)
    }


def test_onnx_int8_quantizes_exactly_the_smoothed_layers(tmp_path, monkeypatch):
    import onnx
    from safetensors.torch import save_file

    from conflictscan.nli import _smoothing

    monkeypatch.setenv("CONFLICTSCAN_CACHE", str(tmp_path / "cache"))
    folder = _tiny_mpnet(tmp_path / "mpnet")
    reference = _probs(NLIScorer(folder, device="cpu").score_pairs(PAIRS))
    plain_print = NLIScorer(folder, device="cpu", backend="onnx-int8").fingerprint
    scales = _standard_like_scales(folder)
    assert len(scales) == 2 * 5
    save_file(scales, str(folder / _smoothing.SMOOTHING_FILE))

    scorer = NLIScorer(folder, device="cpu", backend="onnx-int8")
    probs = _probs(scorer.score_pairs(PAIRS))
    assert np.abs(probs - reference).max() < 0.1
    # The scales are part of the score-cache key and of the export's.
    assert "smoothing=" not in plain_print
    assert scorer.fingerprint.endswith("|backend=onnx-int8|smoothing=" + scorer._smoothing_key)
    (export,) = (tmp_path / "cache" / "backends").glob("*/onnx-int8/model.onnx")
    nodes = onnx.load(str(export)).graph.node
    quantized = [n for n in nodes if n.op_type in ("MatMulInteger", "DynamicQuantizeMatMul")]
    float_products = [n for n in nodes if n.op_type in ("MatMul", "Gemm")]
    assert len(quantized) == len(scales)
    # Every other product (attention scores, feed-forward output, head) stays fp32.
    assert float_products
    assert all("/output/dense/" in n.name or "linear" not in n.name for n in float_products)
    assert scorer._loaded.model.meta["int8_layers"] == sorted(scales)


def test_a_smoothed_layer_missing_from_the_exported_graph_is_a_clear_error(tmp_path):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    folder = _tiny_mpnet(tmp_path / "mpnet")
    model = AutoModelForSequenceClassification.from_pretrained(folder).eval()
    smooth_linears(model, _standard_like_scales(folder))
    graph = tmp_path / "graph.onnx"
    backends._export_graph(model, AutoTokenizer.from_pretrained(folder), "logits", graph)
    assert len(backends._layer_nodes(graph, ["mpnet.encoder.layer.1.attention.attn.q"])) == 1
    with pytest.raises(ModelLoadError, match="matches 0 nodes"):
        backends._layer_nodes(graph, ["mpnet.encoder.layer.5.attention.attn.q"])


@pytest.mark.parametrize(("layers", "reduce_range"), [(None, True), (["encoder.q"], False)])
def test_whole_graphs_get_7_bit_weights_and_smoothed_layers_8(
    monkeypatch, tmp_path, layers, reduce_range
):
    """Without VNNI, 8-bit weights can saturate ONNX Runtime's integer sums on a whole graph;
    smoothed layers (flat inputs) keep 8 bits, which measured better for "standard"."""
    quantization = pytest.importorskip("onnxruntime.quantization")
    calls = []
    monkeypatch.setattr(quantization, "quantize_dynamic", lambda *a, **k: calls.append(k))
    monkeypatch.setattr(backends, "_layer_nodes", lambda path, names: ["/node/MatMul"])
    backends._quantize_onnx(tmp_path / "in.onnx", tmp_path / "out.onnx", layers)
    assert calls[0]["reduce_range"] is reduce_range
    assert calls[0]["nodes_to_quantize"] == ([] if layers is None else ["/node/MatMul"])
