"""``scripts/standard_gpu.py``: base slices, batches and tensor names (no accelerator needed)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.fixture()
def gpu(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(SCRIPTS))
    import standard_gpu

    return standard_gpu


def test_slices_join_back_into_the_same_bytes_in_numeric_order(gpu: Any, tmp_path: Path) -> None:
    blob = random.Random(3).randbytes(12 * 100 + 37)
    data = tmp_path / "data"
    # Twelve full slices and a short one: slice10..12 must follow slice9, not slice1.
    assert gpu.write_slices(blob, data, size=100) == 13
    assert (data / "slice12" / "part.bin").stat().st_size == 37
    (data / "base").mkdir()
    (data / "base" / "config.json").write_text('{"model_type": "mpnet"}')
    base = gpu.assemble_base(data, data, tmp_path / "base")
    assert (base / "model.safetensors").read_bytes() == blob
    assert (base / "config.json").read_text() == '{"model_type": "mpnet"}'


def test_no_slices_is_a_clear_error(gpu: Any, tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="no base slices"):
        gpu.assemble_base(tmp_path, tmp_path, tmp_path / "base")


def test_batches_cover_every_row_once_grouped_by_length(gpu: Any) -> None:
    lengths = [random.Random(i).randint(5, 200) for i in range(1000)]
    items = [{"input_ids": [0] * n} for n in lengths]
    batches = gpu.bm.length_grouped_batches(items, 16, random.Random(1))
    flat = [i for batch in batches for i in batch]
    assert sorted(flat) == list(range(1000))
    assert max(len(b) for b in batches) == 16
    # Inside a batch lengths are sorted neighbours of one 800-row chunk: little padding.
    spread = [max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in batches]
    assert sum(spread) / len(spread) < 20
    assert batches == gpu.bm.length_grouped_batches(items, 16, random.Random(1))


def test_trained_tensors_get_the_shipped_names(gpu: Any) -> None:
    lora = "base_model.model.mpnet.encoder.layer.4.attention.attn.q.lora_A.default.weight"
    head = "base_model.model.classifier.modules_to_save.default.out_proj.bias"
    assert gpu.shipped_name(lora) == "mpnet.encoder.layer.4.attention.attn.q.lora_A.weight"
    assert gpu.shipped_name(head) == "classifier.out_proj.bias"
