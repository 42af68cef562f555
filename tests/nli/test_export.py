"""Tests for conflictscan.nli._export and ``conflictscan models export``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from conflictscan import InputError, ModelLoadError
from conflictscan.cli import app
from conflictscan.nli import NLIScorer, clear_model_cache
from conflictscan.nli import _builtin as models
from conflictscan.nli import _export as export

PAIRS = [
    ("The bridge was closed to traffic on Monday.", "The bridge is open."),
    ("Three people were injured.", "Nobody was hurt in the fire."),
]
TEMPERATURE = 1.7


@pytest.fixture
def tiny_builtin(tiny_model_dirs, monkeypatch):
    """Serve the tiny random NLI model as built-in model 'mini' with a known temperature."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    source = str(tiny_model_dirs["cen"])

    def load_builtin(name: str = "mini", *, device: str = "cpu"):
        model = AutoModelForSequenceClassification.from_pretrained(source)
        return model.eval(), AutoTokenizer.from_pretrained(source)

    monkeypatch.setattr(models, "load_builtin", load_builtin)
    monkeypatch.setattr(models, "builtin_temperature", lambda name="mini": TEMPERATURE)
    monkeypatch.setattr(models, "builtin_fingerprint", lambda name="mini": "tiny@0123")
    return source


def _calibrated(source: str) -> np.ndarray:
    """Probabilities of the tiny model with the temperature applied by hand."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(source).eval()
    tokenizer = AutoTokenizer.from_pretrained(source)
    batch = tokenizer(
        [a for a, _ in PAIRS], [b for _, b in PAIRS], padding=True, return_tensors="pt"
    )
    with torch.no_grad():
        return torch.softmax(model(**batch).logits / TEMPERATURE, dim=-1).numpy()


def test_export_loads_in_transformers_with_the_temperature_folded(tiny_builtin, tmp_path):
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    folder = export.export_builtin("mini", tmp_path / "out")
    assert {"config.json", "model.safetensors", "tokenizer.json", "README.md"} <= {
        p.name for p in folder.iterdir()
    }
    model = AutoModelForSequenceClassification.from_pretrained(folder).eval()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    batch = tokenizer(
        [a for a, _ in PAIRS], [b for _, b in PAIRS], padding=True, return_tensors="pt"
    )
    with torch.no_grad():
        probs = torch.softmax(model(**batch).logits, dim=-1).numpy()
    assert probs == pytest.approx(_calibrated(tiny_builtin), abs=1e-6)
    assert model.config.id2label[0] == "contradiction"
    provenance = json.loads((folder / "conflictscan_export.json").read_text())
    assert provenance["temperature"] == TEMPERATURE
    assert provenance["fingerprint"] == "tiny@0123"


def test_export_loads_in_cross_encoder_and_nli_scorer(tiny_builtin, tmp_path):
    from sentence_transformers import CrossEncoder

    folder = export.export_builtin("mini", tmp_path / "out")
    expected = _calibrated(tiny_builtin)
    predicted = CrossEncoder(str(folder), device="cpu").predict(PAIRS, apply_softmax=True)
    assert np.asarray(predicted) == pytest.approx(expected, abs=1e-5)
    clear_model_cache()
    scores = NLIScorer(folder, device="cpu").score_pairs(PAIRS)
    ours = np.array([[s.contradiction, s.entailment, s.neutral] for s in scores])
    assert ours == pytest.approx(expected, abs=1e-5)


def test_export_refuses_a_non_empty_folder_unless_told(tiny_builtin, tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="exists and is not empty; pass an empty or new directory"):
        export.export_builtin("mini", target)
    assert (target / "notes.txt").exists()
    export.export_builtin("mini", target, overwrite=True)
    assert not (target / "notes.txt").exists()
    assert (target / "config.json").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out-")]


def test_export_refuses_a_file_target(tmp_path):
    target = tmp_path / "model.bin"
    target.write_text("x")
    with pytest.raises(InputError, match="is a file; pass a directory path"):
        export.export_builtin("mini", target)


def test_export_of_an_unknown_model_names_the_built_in_ones(tmp_path):
    with pytest.raises(ModelLoadError, match="'large' is not a built-in model; built-in models"):
        export.export_builtin("large", tmp_path / "out")


def test_fold_temperature_needs_a_label_layer():
    import torch

    model = torch.nn.Sequential(torch.nn.Linear(4, 5))
    model.config = type("Config", (), {"num_labels": 3})()
    with pytest.raises(ModelLoadError, match="no linear layer with 3 outputs"):
        export.fold_temperature(model, 2.0)


def test_cli_models_export_and_listing(tiny_builtin, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["models", "export", "mini", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"exported mini to {tmp_path / 'out'}" in result.output
    again = runner.invoke(app, ["models", "export", "mini", str(tmp_path / "out")])
    assert again.exit_code == 1
    assert "error:" in again.output and "exists and is not empty" in again.output
    listing = runner.invoke(app, ["models"])
    assert listing.exit_code == 0
    assert "mini" in listing.output


@pytest.mark.slow
def test_exported_mini_matches_the_built_in_scores(tmp_path):
    folder = export.export_builtin("mini", tmp_path / "mini")
    builtin = NLIScorer("mini", device="cpu").score_pairs(PAIRS)
    exported = NLIScorer(Path(folder), device="cpu").score_pairs(PAIRS)
    for a, b in zip(builtin, exported, strict=True):
        assert a.contradiction == pytest.approx(b.contradiction, abs=1e-5)
        assert a.entailment == pytest.approx(b.entailment, abs=1e-5)
