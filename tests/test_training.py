"""Tests for conflictscan.training: fine-tuning tiny local models, outputs and errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from conflictscan import InputError, LabelMappingError, ModelLoadError, evaluate
from conflictscan.nli._batching import length_batches
from conflictscan.training import TRAINING_FILE, TrainingReport, train

_SUBJECTS = ("The mayor", "The minister", "The company", "The police")
_VERBS = ("resigned", "won", "left", "closed")


def _rows() -> list[dict[str, str]]:
    """36 pairs whose label shows in one word: repeated, "never", or unrelated."""
    rows = []
    for subject in _SUBJECTS:
        for verb in _VERBS[:3]:
            claim = f"{subject} {verb} on Monday."
            rows.append({"premise": claim, "hypothesis": claim, "label": "entailment"})
            rows.append({"premise": claim, "hypothesis": f"{subject} never {verb}.", "label": "c"})
            rows.append({"premise": claim, "hypothesis": "Rain fell.", "label": "Neutral"})
    return rows


def _train(base: Path, out: Path, **options) -> TrainingReport:
    defaults = {
        "epochs": 1,
        "batch_size": 8,
        "learning_rate": 1e-3,
        "show_progress": False,
        "device": "cpu",
    }
    return train(options.pop("data", _rows()), base=str(base), out=out, **{**defaults, **options})


@pytest.fixture(scope="module")
def ordered_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny random NLI models whose labels come in other orders and spellings."""
    from tiny_models import TINY_LABEL_ORDERS, build_tiny_nli_model

    root = tmp_path_factory.mktemp("ordered")
    return {
        name: build_tiny_nli_model(root / name, TINY_LABEL_ORDERS[name])
        for name in ("enc", "spaced")
    }


def _load(out: Path):
    from transformers import AutoModelForSequenceClassification

    return AutoModelForSequenceClassification.from_pretrained(out)


def test_fresh_head_output_loads_with_nli_labels(tiny_model_dirs, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = _train(tiny_model_dirs["encoder"], out, eval_data=_rows()[:9], max_steps=3)
    model = _load(out)
    assert model.config.id2label == {0: "contradiction", 1: "entailment", 2: "neutral"}
    assert report.labels == ("contradiction", "entailment", "neutral")
    assert report.steps == 3 and len(report.losses) == 3
    assert report.best.evaluation is not None and report.best.evaluation.n == 9
    assert {"config.json", "model.safetensors", "tokenizer.json", TRAINING_FILE} <= {
        p.name for p in out.iterdir()
    }
    record = json.loads((out / TRAINING_FILE).read_text(encoding="utf-8"))
    assert record["arguments"]["learning_rate"] == 1e-3
    assert record["arguments"]["train_data"] == "<list>"
    assert record["metrics"]["epochs"][0]["evaluation"]["n"] == 9
    assert record["metrics"]["steps"] == 3


def test_loss_decreases_when_overfitting(tiny_model_dirs, tmp_path: Path) -> None:
    options = {"epochs": 40, "batch_size": 36, "learning_rate": 5e-3}
    report = _train(tiny_model_dirs["encoder"], tmp_path / "out", **options)
    losses = report.losses
    assert len(losses) == 40
    assert np.mean(losses[-5:]) < 0.6 * np.mean(losses[:5])
    assert report.epochs[-1].train_loss < report.epochs[0].train_loss
    assert report.best_epoch == 40
    assert "* " in report.render().splitlines()[-1]


def test_model_label_order_is_kept(ordered_models, tmp_path: Path) -> None:
    # The "enc" model orders its labels entailment, neutral, contradiction.
    rows = [r for r in _rows() if r["label"] == "c"]
    out = tmp_path / "out"
    report = _train(
        ordered_models["enc"], out, data=rows, eval_data=rows, epochs=6, learning_rate=1e-2
    )
    assert _load(out).config.id2label == {0: "entailment", 1: "neutral", 2: "contradiction"}
    assert report.labels == ("entailment", "neutral", "contradiction")
    assert report.best.evaluation is not None
    assert report.best.evaluation.per_class["contradiction"].recall == 1.0


def test_label_names_are_matched_case_insensitively(ordered_models, tmp_path: Path) -> None:
    report = _train(ordered_models["spaced"], tmp_path / "out", max_steps=1)
    assert report.labels == ("neutral", "contradiction", "entailment")
    assert _load(tmp_path / "out").config.id2label[0] == " Neutral "


def test_best_epoch_weights_are_written(tiny_model_dirs, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = _train(tiny_model_dirs["encoder"], out, eval_data=_rows(), epochs=3)
    scores = [e.evaluation.macro_f1 for e in report.epochs if e.evaluation]
    assert report.best_epoch == 1 + int(np.argmax(scores))
    written = evaluate(_rows(), model=str(out))
    assert written.macro_f1 == pytest.approx(max(scores), abs=1e-6)


def test_output_loads_in_scanner(tiny_model_dirs, tmp_path: Path) -> None:
    from conflictscan import Scanner

    out = tmp_path / "out"
    _train(tiny_model_dirs["encoder"], out, max_steps=2)
    scores = Scanner(model=str(out), device="cpu").score_pairs([("It rained.", "It was dry.")])
    assert len(scores) == 1
    total = scores[0].contradiction + scores[0].entailment + scores[0].neutral
    assert total == pytest.approx(1.0)


def test_freeze_embeddings_keeps_them_fixed(tiny_model_dirs, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _train(tiny_model_dirs["encoder"], out, freeze_embeddings=True, max_steps=3)
    from transformers import AutoModel

    before = AutoModel.from_pretrained(tiny_model_dirs["encoder"]).embeddings
    after = _load(out).bert
    assert after.embeddings.word_embeddings.weight.equal(before.word_embeddings.weight)
    changed = _load(out).bert.encoder.layer[0].output.dense.weight
    base_layer = AutoModel.from_pretrained(tiny_model_dirs["encoder"]).encoder.layer[0]
    assert not changed.equal(base_layer.output.dense.weight)


def test_max_steps_stops_mid_epoch(tiny_model_dirs, tmp_path: Path) -> None:
    report = _train(tiny_model_dirs["encoder"], tmp_path / "out", epochs=3, max_steps=7)
    assert report.steps == 7
    assert [(e.epoch, e.steps) for e in report.epochs] == [(1, 5), (2, 7)]


def test_same_seed_same_losses(tiny_model_dirs, tmp_path: Path) -> None:
    first = _train(tiny_model_dirs["encoder"], tmp_path / "a", max_steps=3, seed=4)
    second = _train(tiny_model_dirs["encoder"], tmp_path / "b", max_steps=3, seed=4)
    assert first.losses == pytest.approx(second.losses)


def test_overwrite_allows_a_non_empty_out(tiny_model_dirs, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _train(tiny_model_dirs["encoder"], out, max_steps=1)
    with pytest.raises(InputError, match=r"exists and is not empty; .* overwrite=True"):
        _train(tiny_model_dirs["encoder"], out, max_steps=1)
    assert _train(tiny_model_dirs["encoder"], out, max_steps=1, overwrite=True).steps == 1


def test_out_is_a_file(tiny_model_dirs, tmp_path: Path) -> None:
    path = tmp_path / "model.bin"
    path.write_bytes(b"x")
    with pytest.raises(InputError, match=r"is a file; pass a directory path"):
        _train(tiny_model_dirs["encoder"], path)


def test_missing_column(tiny_model_dirs, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing column\(s\) 'gold'; the data has columns"):
        _train(tiny_model_dirs["encoder"], tmp_path / "out", label_column="gold")


def test_missing_column_in_eval_data(tiny_model_dirs, tmp_path: Path) -> None:
    eval_rows = [{"premise": "a", "hypothesis": "b"}]
    with pytest.raises(InputError, match=r"missing column\(s\) 'label'"):
        _train(tiny_model_dirs["encoder"], tmp_path / "out", eval_data=eval_rows)


def test_unknown_labels(tiny_model_dirs, tmp_path: Path) -> None:
    rows = [*_rows(), {"premise": "a", "hypothesis": "b", "label": "agree"}]
    with pytest.raises(InputError, match=r"unknown label\(s\) 'agree' \(1x\)"):
        _train(tiny_model_dirs["encoder"], tmp_path / "out", data=rows)


def test_two_way_labels_cannot_train_three_way(tiny_model_dirs, tmp_path: Path) -> None:
    rows = [{"premise": "a", "hypothesis": "b", "label": "non-entailment"}]
    with pytest.raises(InputError, match=r"\['non-entailment'\] are not among the model's"):
        _train(tiny_model_dirs["encoder"], tmp_path / "out", data=rows)


def test_empty_data(tiny_model_dirs, tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.jsonl' is empty"):
        _train(tiny_model_dirs["encoder"], tmp_path / "out", data=path)


def test_non_nli_labels(tmp_path: Path) -> None:
    from tiny_models import build_tiny_nli_model

    base = build_tiny_nli_model(tmp_path / "sentiment", {0: "negative", 1: "positive"})
    with pytest.raises(LabelMappingError, match=r"labels \['negative', 'positive'\] are not"):
        _train(base, tmp_path / "out")


def test_two_way_base_model(tiny_model_dirs, tmp_path: Path) -> None:
    with pytest.raises(LabelMappingError, match=r"'entailment', 'not_entailment'\] are not"):
        _train(tiny_model_dirs["two_way"], tmp_path / "out")


def test_base_not_found(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match=r"cannot load base model 'nobody/no-such-model'"):
        train(_rows(), base="nobody/no-such-model", out=tmp_path / "out", device="cpu")


@pytest.mark.parametrize(
    ("option", "value"),
    [("epochs", 0), ("batch_size", -1), ("learning_rate", 0), ("max_length", 4), ("max_steps", 0)],
)
def test_bad_options(tmp_path: Path, option: str, value) -> None:
    with pytest.raises(InputError, match=rf"{option}={value!r} is out of range; pass e.g."):
        train(_rows(), out=tmp_path / "out", **{option: value})


def test_training_length_batches_cover_every_index_once() -> None:
    lengths = np.random.default_rng(0).integers(5, 60, size=103)
    batches = length_batches(lengths, 8, rng=np.random.default_rng(1))
    flat = sorted(i for batch in batches for i in batch)
    assert flat == list(range(103))
    assert max(len(b) for b in batches) == 8
    # Within a window of 50 batches every batch is sorted longest first.
    assert all(list(lengths[b]) == sorted(lengths[b], reverse=True) for b in batches)
    again = length_batches(lengths, 8, rng=np.random.default_rng(1))
    assert again == batches


def test_length_grouping_reduces_padding() -> None:
    lengths = np.random.default_rng(0).integers(5, 120, size=800)
    batches = length_batches(lengths, 16, rng=np.random.default_rng(2))
    grouped = sum(len(b) * max(lengths[b]) for b in batches)
    plain = sum(16 * max(lengths[i : i + 16]) for i in range(0, 800, 16))
    assert grouped < 0.7 * plain


@pytest.mark.slow
def test_fine_tune_builtin_mini(tmp_path: Path) -> None:
    out = tmp_path / "mini_ft"
    report = train(
        _rows(),
        out=out,
        eval_data=_rows()[:12],
        max_steps=2,
        batch_size=4,
        show_progress=False,
        device="cpu",
    )
    assert report.base == "mini"
    assert _load(out).config.id2label == {0: "contradiction", 1: "entailment", 2: "neutral"}
    assert report.best.evaluation is not None and report.best.evaluation.accuracy > 0.5
