"""Tests for built-in models shipped as a low-rank (LoRA) delta over a base encoder.

A tiny MPNet base and a hand-made delta stand in for the real 440 MB base, so the merge
arithmetic, the head and the error paths are checked in well under a second.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import conflictscan

torch = pytest.importorskip("torch")

from conflictscan import ModelLoadError  # noqa: E402
from conflictscan.nli import _builtin as models  # noqa: E402

RANK, SCALING = 2, 2.0
TARGET = "mpnet.encoder.layer.1.attention.attn.q"


def _tiny(tmp_path: Path) -> tuple[Path, Path, dict]:
    from safetensors.torch import save_file
    from transformers import MPNetConfig, MPNetForSequenceClassification

    config = MPNetConfig(
        vocab_size=64,
        hidden_size=16,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=40,
        num_labels=3,
        id2label={0: "contradiction", 1: "entailment", 2: "neutral"},
        label2id={"contradiction": 0, "entailment": 1, "neutral": 2},
    )
    torch.manual_seed(0)
    reference = MPNetForSequenceClassification(config)
    base, folder = tmp_path / "base", tmp_path / "builtin"
    base.mkdir()
    folder.mkdir()
    encoder = {k: v.contiguous() for k, v in reference.mpnet.state_dict().items()}
    save_file(encoder, str(base / "model.safetensors"))
    config.save_pretrained(folder)
    delta = {
        f"{TARGET}.lora_A.weight": torch.randn(RANK, 16),
        f"{TARGET}.lora_B.weight": torch.randn(16, RANK),
        **{f"classifier.{k}": v for k, v in reference.classifier.state_dict().items()},
    }
    save_file(delta, str(folder / "model.safetensors"))
    manifest = {"weights": "model.safetensors", "lora_scaling": SCALING}
    return folder, base, {"reference": reference, "delta": delta, "manifest": manifest}


def test_merges_low_rank_delta_into_the_base(tmp_path: Path) -> None:
    folder, base, parts = _tiny(tmp_path)
    model = models._assemble_lora(folder, parts["manifest"], base)
    reference, delta = parts["reference"], parts["delta"]
    expected = reference.state_dict()[f"{TARGET}.weight"] + SCALING * (
        delta[f"{TARGET}.lora_B.weight"] @ delta[f"{TARGET}.lora_A.weight"]
    )
    merged = model.state_dict()
    torch.testing.assert_close(merged[f"{TARGET}.weight"], expected)
    untouched = "mpnet.encoder.layer.0.attention.attn.q.weight"
    torch.testing.assert_close(merged[untouched], reference.state_dict()[untouched])
    torch.testing.assert_close(
        merged["classifier.out_proj.weight"], reference.state_dict()["classifier.out_proj.weight"]
    )
    assert model.config.id2label[0] == "contradiction"


def test_adapter_for_a_missing_module_is_refused(tmp_path: Path) -> None:
    from safetensors.torch import save_file

    folder, base, parts = _tiny(tmp_path)
    bad = dict(parts["delta"])
    bad["mpnet.encoder.layer.9.attention.attn.q.lora_A.weight"] = torch.zeros(RANK, 16)
    bad["mpnet.encoder.layer.9.attention.attn.q.lora_B.weight"] = torch.zeros(16, RANK)
    save_file(bad, str(folder / "model.safetensors"))
    with pytest.raises(ModelLoadError, match="adapter for .*layer.9.* the base lacks"):
        models._assemble_lora(folder, parts["manifest"], base)


def test_missing_head_is_refused(tmp_path: Path) -> None:
    from safetensors.torch import save_file

    folder, base, parts = _tiny(tmp_path)
    no_head = {k: v for k, v in parts["delta"].items() if not k.startswith("classifier.")}
    save_file(no_head, str(folder / "model.safetensors"))
    with pytest.raises(ModelLoadError, match="do not match the architecture: missing"):
        models._assemble_lora(folder, parts["manifest"], base)


STANDARD_DIR = Path(conflictscan.__file__).parent / "data" / "standard"


def test_standard_ships_a_small_verified_delta() -> None:
    import json

    manifest = json.loads((STANDARD_DIR / "manifest.json").read_text())
    assert manifest["format"] == "lora" and manifest["base"] == "all-mpnet-base-v2"
    assert sum(f.stat().st_size for f in STANDARD_DIR.iterdir()) < 30 * 2**20
    assert set(manifest["files"]) >= {"model.safetensors", "config.json", "calibration.json"}
    config = json.loads((STANDARD_DIR / "config.json").read_text())
    assert config["id2label"] == {"0": "contradiction", "1": "entailment", "2": "neutral"}
    models.verify_files(STANDARD_DIR)


def test_standard_preset_figures_match_manifest() -> None:
    import json

    held_out = json.loads((STANDARD_DIR / "manifest.json").read_text())["held_out"]
    figures = models.PRESETS["standard"].accuracy
    assert figures
    for split, accuracy in figures.items():
        assert accuracy == pytest.approx(held_out[split]["accuracy"], abs=0.0006), split


@pytest.mark.slow
def test_standard_reads_plain_contradictions() -> None:
    from conflictscan import Scanner

    scanner = Scanner(model="standard")
    bridge, resigned, agree = scanner.score_pairs(
        [
            ("The bridge is closed.", "The bridge is open."),
            ("The minister resigned on Monday.", "The minister is still in office."),
            ("Officials said 14 people were killed.", "At least 10 people died, officials said."),
        ]
    )
    assert bridge.contradiction > 0.7 and resigned.contradiction > 0.6
    assert agree.contradiction < 0.3
