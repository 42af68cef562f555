"""``scripts/distill_mini.py``: the unlabelled news pairs and the stage-2 starting point."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.fixture()
def distill(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(SCRIPTS))
    import distill_mini

    return distill_mini


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_news_pairs_come_from_the_train_splits(distill: Any, nli_data_dir: Path) -> None:
    pairs = distill.news_pairs(nli_data_dir, 120, seed=5)
    assert len(pairs) == 120
    assert len(set(pairs)) == 120
    train = " ".join(
        _flat(json.loads(line)[key])
        for name in distill.SOURCES
        for line in (nli_data_dir / name / "train.jsonl").read_text(encoding="utf-8").splitlines()
        for key in ("premise", "hypothesis")
    )
    for a, b in pairs:
        assert a != b
        for side in (a, b):
            # Claims are cut from train sentences (attribution stripped, also from the
            # middle: "so acute, one source said, that"), never rewritten.
            text = _flat(side).rstrip(".")
            assert text[:20] in train and text[-20:] in train


def test_news_pairs_are_seeded(distill: Any, nli_data_dir: Path) -> None:
    first = distill.news_pairs(nli_data_dir, 30, seed=2)
    assert first == distill.news_pairs(nli_data_dir, 30, seed=2)
    assert first != distill.news_pairs(nli_data_dir, 30, seed=3)


def _export(folder: Path, build: dict[str, Any], weights: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.safetensors").write_bytes(weights)
    (folder / "config.json").write_text("{}")
    (folder / "calibration.json").write_text("{}")
    (folder / "manifest.json").write_text(json.dumps({"build": build}))


def test_reruns_start_from_the_first_stage2_weights(distill: Any, tmp_path: Path) -> None:
    out, keep = tmp_path / "mini", tmp_path / "run" / "stage2"
    _export(out, {"news_adaptation": {}}, b"stage 2")
    assert distill.stage2_copy(out, keep) == keep
    _export(out, {"distillation": {}}, b"distilled")  # the first run exported over it
    assert (distill.stage2_copy(out, keep) / "model.safetensors").read_bytes() == b"stage 2"


def test_a_distilled_export_is_not_taken_as_stage2(distill: Any, tmp_path: Path) -> None:
    out = tmp_path / "mini"
    _export(out, {"distillation": {}}, b"distilled")
    with pytest.raises(SystemExit, match="already distilled"):
        distill.stage2_copy(out, tmp_path / "run" / "stage2")
