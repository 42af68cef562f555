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


def test_pair_scores_rank_conflicts_over_hard_negatives_by_the_higher_direction(gpu: Any) -> None:
    import numpy as np

    pairs = [
        ["a", "b", "conflict"],
        ["c", "d", "conflict"],
        ["e", "f", "other"],
        ["g", "h", "paraphrase"],
    ]
    # The second conflict is read in one direction only; its higher reading counts.
    p_ab = np.array([0.9, 0.1, 0.3, 0.6])
    p_ba = np.array([0.2, 0.7, 0.1, 0.05])
    scores = gpu.pair_scores(pairs, p_ab, p_ba)
    assert scores["conflicts"] == 2 and scores["hard_negatives_n"] == 2
    assert scores["auc"] == 1.0
    assert scores["recall"] == 1.0
    assert scores["hard_negatives"] == 0.5
    flipped = gpu.pair_scores(pairs, p_ab[::-1].copy(), p_ba[::-1].copy())
    assert flipped["auc"] < 0.5


def test_unseen_folds_split_the_unseen_dev_stories_present_without_overlap(
    gpu: Any, tmp_path: Path
) -> None:
    import json

    ids = ["s01", "s83", "s90", "s201", "s230", "s262", "s999"]
    stories = tmp_path / "stories.jsonl"
    stories.write_text("".join(json.dumps({"story_id": i}) + "\n" for i in ids))
    folds = gpu.unseen_folds(stories, 2, seed=13)
    flat = sorted(s for fold in folds for s in fold)
    # Seen stories (s01) and ids the build does not know (s999) stay out of every fold.
    assert flat == sorted(["s83", "s90", "s201", "s230", "s262"])
    assert abs(len(folds[0]) - len(folds[1])) <= 1
    assert folds == gpu.unseen_folds(stories, 2, seed=13)


def test_the_adapter_shape_is_read_from_shipped_tensors(gpu: Any) -> None:
    import torch

    state = {
        "mpnet.encoder.layer.3.attention.attn.q.lora_A.weight": torch.zeros(32, 768),
        "mpnet.encoder.layer.3.attention.attn.q.lora_B.weight": torch.zeros(768, 32),
        "mpnet.encoder.layer.11.output.dense.lora_A.weight": torch.zeros(32, 3072),
        "classifier.out_proj.bias": torch.zeros(3),
    }
    assert gpu.adapter_shape(state) == {"rank": 32, "first_layer": 3}


def test_annotated_claims_name_each_pair_by_kind_and_skip_unmatched_sentences(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from types import SimpleNamespace as NS

    monkeypatch.syspath_prepend(str(SCRIPTS))
    import adapt_news

    def sent(doc: str, text: str) -> NS:
        return NS(doc_id=doc, text=text, content=text.upper())

    def pair(a: NS, b: NS, kind: str = "") -> NS:
        return NS(a=a, b=b, kind=kind)

    x, y, z, w = sent("a", "x"), sent("b", "y"), sent("b", "z"), sent("b", "w")
    conflict, para, other = pair(x, y), pair(x, z, "paraphrase"), pair(y, w, "update")
    story = NS(conflicts=[conflict, pair(x, sent("c", "missing"))], hard_negatives=[para, other])
    claims = adapt_news.annotated_claims(story, [x, y, z, w])
    assert claims == [("X", "Y", "conflict"), ("X", "Z", "paraphrase"), ("Y", "W", "other")]
