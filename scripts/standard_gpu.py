"""Build the "standard" model on an accelerator: prepare here, train there, export here.

The CPU build (``scripts/build_standard.py`` then ``scripts/refine_standard.py``) trains on
8,000 of the ~40,000 general NLI pairs for one epoch, because two cores allow no more. With
a GPU the same two stages can use the whole mix for several epochs. The work is split so
that the accelerator machine needs only torch, transformers, peft and safetensors (no
conflictscan, no spaCy, no network):

1. ``prepare`` (here): assembles the stage-1 rows (the build's mix with every general pair),
   the stage-2 rows (look-alike pairs plus a replay of stage 1, as ``refine_standard.py``),
   the dev carve and the held-aside look-alike pairs into one gzipped JSON file, and writes
   the MPNet-base weights as fp16 slices small enough to carry::

       python scripts/standard_gpu.py prepare --out gpu/

2. ``train`` (on the accelerator): reassembles the base, trains each variant's stage 1
   (best dev-carve step kept), continues it through stage 2 (final step kept) and writes the
   trained tensors, named as the shipped ``model.safetensors`` names them::

       python scripts/standard_gpu.py train --data gpu/ --out $OUT \
           --variant '{"name": "a", "first_layer": 4, "epochs": 2}'

3. ``export`` (here): loads a variant's tensors over the exact fp32 base, fits the
   temperature on the dev carve and writes the shipped folder and manifest::

       python scripts/standard_gpu.py export --data gpu/ --trained $OUT/a_refined.safetensors \
           --log $OUT/log.json --variant a --out src/conflictscan/data/standard

The shipped build was made this way (docs/models.md, "Training")::

    python scripts/standard_gpu.py prepare --out gpu/ --general 8000 --folds 2
    python scripts/standard_gpu.py train --data gpu/ --out $OUT --variant \
        '{"name":"aw2","epochs":2,"batch_size":32,"first_layer":0,"rank":32,"add":[0,1]}'

``prepare --folds 2`` also cuts the dev stories no earlier build read (``s83``-``s108``,
``s201``-``s262``) into two folds: a variant ``add``s folds to its training rows and
``eval``uates the annotated pairs of others, so one run measures what more annotated stories
teach the model about stories it never read (``--shipped`` scores the folds with the shipped
tensors first). A device run takes minutes, so ``train`` keeps no checkpoints: it writes
each stage's tensors as soon as the stage ends, and a cut run returns the stages it finished.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
# build_mini needs only numpy and torch, so the accelerator machine can import it too.
import build_mini as bm  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
TARGETS = ("attn.q", "attn.k", "attn.v", "attn.o", "intermediate.dense", "output.dense")
# Dev stories the builds before Dec. 2026 never read: added after the first build
# (s83-s108, s201-s210) or written later still (s211-s262). The shipped build reads them all.
UNSEEN_DEV_STORIES = [f"s{i}" for i in (*range(83, 109), *range(201, 211), *range(211, 263))]
SLICE_BYTES = 32 * 2**20
BASE_FILES = (
    "config.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.txt",
)


# --- prepare (here) -----------------------------------------------------------------------


def prepare(args: argparse.Namespace) -> None:
    """Write ``rows.json.gz`` and the base slices under ``args.out``."""
    import build_standard as bs
    import refine_standard as rs
    from safetensors.torch import load_file, save_file

    from conflictscan.nli import _bases as bases

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    run_dir = out / "prep"
    run_dir.mkdir(exist_ok=True)
    ns = argparse.Namespace(
        data_dir=args.data_dir,
        stories=args.stories,
        general=args.general,
        synth=3000,
        within=1500,
        updates=500,
        seed=bs.SEED,
        lookalikes=1600,
        aside=200,
        places=0.25,
        periods=0.0,
        exclude_stories=UNSEEN_DEV_STORIES,
        run_dir=run_dir,
        replay=args.replay,
    )
    # refine_standard.assemble drops the unseen stories and assembles stage 1 with them out.
    stage2, dev, aside = rs.assemble(ns)
    stage1, dev1 = bs.assemble(ns)
    assert dev1 == dev
    payload = {"stage1": stage1, "stage2": stage2, "dev": dev, "aside": aside}
    with gzip.open(out / "rows.json.gz", "wt", encoding="utf-8") as handle:
        json.dump(payload, handle)
    print({k: len(v) for k, v in payload.items()}, flush=True)
    if args.folds:
        write_folds(args, out, len(stage1))
    base = bases.base_dir("all-mpnet-base-v2")
    (out / "base").mkdir(exist_ok=True)
    for name in BASE_FILES:
        if (base / name).exists():
            (out / "base" / name).write_bytes((base / name).read_bytes())
    half = {k: v.half().contiguous() for k, v in load_file(str(base / "model.safetensors")).items()}
    blob_path = out / "base16.safetensors"
    save_file(half, str(blob_path), metadata={"format": "pt"})
    blob = blob_path.read_bytes()
    blob_path.unlink()
    count = write_slices(blob, out, args.slice_mb * 2**20)
    print(f"base: {len(blob)} bytes in {count} slices", flush=True)


def unseen_folds(stories: Path, count: int, seed: int) -> list[list[str]]:
    """The unseen dev stories in ``stories``, shuffled with ``seed`` into ``count`` folds."""
    present = {
        json.loads(line)["story_id"]
        for line in stories.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    ids = sorted(s for s in UNSEEN_DEV_STORIES if s in present)
    random.Random(seed).shuffle(ids)
    return [sorted(ids[i::count]) for i in range(count)]


def annotated_pairs(stories: Path, ids: Sequence[str]) -> list[list[str]]:
    """``[claim_a, claim_b, kind]`` for every annotated pair of the stories ``ids``
    (``adapt_news.annotated_claims``: claims as a scan extracts them)."""
    import adapt_news

    from conflictscan import Scanner
    from conflictscan.evaluation import load_stories

    scanner = Scanner(scorer=object(), encoder=object())
    return [
        list(claims)
        for story in load_stories(stories)
        if story.story_id in ids
        for claims in adapt_news.annotated_claims(story, scanner.sentences_for(story.documents()))
    ]


def write_folds(args: argparse.Namespace, out: Path, stage1_size: int) -> None:
    """Write ``folds.json.gz``: each fold of the unseen dev stories as training rows and pairs.

    A variant that adds a fold trains on its stories' rows as the build trains on the seen
    stories' (twice, contradictions both ways), with the stage-2 replay's share of them; a
    variant that scores a fold reads its annotated pairs. Training on one fold and scoring the
    other measures what more annotated stories teach about stories the model never read.
    """
    import adapt_news
    import build_standard as bs

    folds = unseen_folds(args.stories, args.folds, bs.SEED)
    lines = [line for line in args.stories.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(bs.SEED)
    payload = []
    for index, ids in enumerate(folds):
        kept = out / "prep" / f"fold{index}.jsonl"
        kept.write_text(
            "".join(f"{line}\n" for line in lines if json.loads(line)["story_id"] in ids),
            encoding="utf-8",
        )
        rows = adapt_news.story_pairs(kept, "dev", bs.SEED) * 2
        rows.extend((h, p, y) for p, h, y in list(rows) if y == bs.CONTRADICTION)
        replay = rng.sample(rows, round(len(rows) * args.replay / stage1_size))
        pairs = annotated_pairs(kept, ids)
        payload.append({"stories": ids, "stage1": rows, "stage2": replay, "pairs": pairs})
        print(f"fold {index}: {len(ids)} stories, {len(rows)} rows, {len(pairs)} pairs")
    with gzip.open(out / "folds.json.gz", "wt", encoding="utf-8") as handle:
        json.dump(payload, handle)


def write_slices(blob: bytes, out: Path, size: int = SLICE_BYTES) -> int:
    """Cut ``blob`` into ``out/slice<i>/part.bin`` of at most ``size`` bytes; returns the count.

    One slice plus the repository fits what one call to the accelerator machine carries.
    """
    count = math.ceil(len(blob) / size)
    for index in range(count):
        part = out / f"slice{index}"
        part.mkdir(parents=True, exist_ok=True)
        (part / "part.bin").write_bytes(blob[index * size : (index + 1) * size])
    return count


# --- train (on the accelerator) -----------------------------------------------------------


def _collate(items: Sequence[list[int]], pad_id: int, device: str) -> tuple[Any, Any]:
    width = max(len(ids) for ids in items)
    ids = torch.full((len(items), width), pad_id, dtype=torch.long)
    mask = torch.zeros_like(ids)
    for row, seq in enumerate(items):
        ids[row, : len(seq)] = torch.tensor(seq)
        mask[row, : len(seq)] = 1
    return ids.to(device), mask.to(device)


def shipped_name(key: str) -> str:
    """The name a trained tensor of the LoRA model has in the shipped ``model.safetensors``."""
    name = key.replace("base_model.model.", "").replace(".default", "")
    return name.replace("classifier.modules_to_save.", "classifier.")


class Run:
    """One variant: a LoRA model over the base, its data and its optimiser loop."""

    def __init__(self, base: Path, spec: dict[str, Any], device: str) -> None:
        from peft import LoraConfig, get_peft_model
        from transformers import AutoTokenizer, MPNetForSequenceClassification

        self.spec, self.device = spec, device
        self.tokenizer = AutoTokenizer.from_pretrained(str(base))
        model = MPNetForSequenceClassification.from_pretrained(
            str(base),
            num_labels=3,
            id2label=dict(enumerate(bm.LABELS)),
            label2id=dict(bm.LABEL_ID),
        ).float()
        config = LoraConfig(
            r=spec["rank"],
            lora_alpha=2 * spec["rank"],
            lora_dropout=0.05,
            target_modules=list(TARGETS),
            layers_to_transform=list(range(spec["first_layer"], model.config.num_hidden_layers)),
            modules_to_save=["classifier"],
            bias="none",
        )
        torch.manual_seed(spec["seed"])
        self.model = get_peft_model(model, config).to(device)
        self.pad_id = self.tokenizer.pad_token_id

    def encode(self, rows: Sequence[Sequence[Any]]) -> tuple[list[list[int]], np.ndarray]:
        enc = self.tokenizer(
            [r[0] for r in rows],
            [r[1] for r in rows],
            truncation=True,
            max_length=self.spec["max_length"],
        )
        return enc["input_ids"], np.array([int(r[2]) for r in rows])

    def trainable(self) -> dict[str, torch.Tensor]:
        return {
            shipped_name(k): v.detach().float().cpu().clone()
            for k, v in self.model.named_parameters()
            if v.requires_grad
        }

    def load(self, state: dict[str, torch.Tensor]) -> None:
        with torch.no_grad():
            for key, param in self.model.named_parameters():
                if param.requires_grad:
                    param.copy_(state[shipped_name(key)].to(param.device))

    @torch.inference_mode()
    def contradiction(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """P(contradiction) of each (premise, hypothesis) pair, uncalibrated."""
        self.model.eval()
        ids, _ = self.encode([(a, b, 0) for a, b in pairs])
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.zeros(len(ids))
        column = bm.LABEL_ID["contradiction"]
        for start in range(0, len(order), 256):
            idx = order[start : start + 256]
            x, m = _collate([ids[i] for i in idx], self.pad_id, self.device)
            with torch.autocast(self.device, dtype=torch.bfloat16, enabled=self.device == "cuda"):
                logits = self.model(input_ids=x, attention_mask=m).logits
            out[idx] = torch.softmax(logits.float(), -1)[:, column].cpu().numpy()
        return out

    @torch.inference_mode()
    def accuracy(self, ids: list[list[int]], labels: np.ndarray) -> float:
        self.model.eval()
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        pred = np.zeros(len(ids), dtype=np.int64)
        for start in range(0, len(order), 256):
            idx = order[start : start + 256]
            x, m = _collate([ids[i] for i in idx], self.pad_id, self.device)
            with torch.autocast(self.device, dtype=torch.bfloat16, enabled=self.device == "cuda"):
                logits = self.model(input_ids=x, attention_mask=m).logits
            pred[idx] = logits.float().argmax(-1).cpu().numpy()
        return float((pred == labels).mean())

    def train(
        self,
        rows: Sequence[Sequence[Any]],
        *,
        epochs: int,
        lr: float,
        dev: tuple[list[list[int]], np.ndarray],
        keep_best: bool,
        log: list[dict[str, Any]],
        stage: str,
    ) -> dict[str, torch.Tensor]:
        ids, labels = self.encode(rows)
        rng = random.Random(self.spec["seed"])
        items = [{"input_ids": x} for x in ids]
        batches: list[list[int]] = []
        for _ in range(epochs):
            batches.extend(bm.length_grouped_batches(items, self.spec["batch_size"], rng))
        params = [p for p in self.model.parameters() if p.requires_grad]
        optim = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
        total, warmup = len(batches), max(1, int(0.06 * len(batches)))
        sched = torch.optim.lr_scheduler.LambdaLR(optim, lambda s: bm._schedule(s, warmup, total))
        eval_every = max(1, total // self.spec.get("evals", 8))
        best, best_state, began, losses = -1.0, self.trainable(), time.time(), []
        y_all = torch.tensor(labels)
        for step, batch in enumerate(batches, start=1):
            self.model.train()
            x, m = _collate([ids[i] for i in batch], self.pad_id, self.device)
            y = y_all[batch].to(self.device)
            with torch.autocast(self.device, dtype=torch.bfloat16, enabled=self.device == "cuda"):
                logits = self.model(input_ids=x, attention_mask=m).logits
            loss = torch.nn.functional.cross_entropy(logits.float(), y)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optim.step()
            sched.step()
            optim.zero_grad(set_to_none=True)
            losses.append(loss.item())
            if step % eval_every == 0 or step == total:
                acc = self.accuracy(*dev)
                record = {
                    "variant": self.spec["name"],
                    "stage": stage,
                    "step": step,
                    "steps": total,
                    "loss": round(float(np.mean(losses)), 4),
                    "dev_acc": round(acc, 4),
                    "seconds": round(time.time() - began, 1),
                }
                print(json.dumps(record), flush=True)
                log.append(record)
                losses = []
                if acc > best:
                    best = acc
                    if keep_best:
                        best_state = self.trainable()
        return best_state if keep_best else self.trainable()


def assemble_base(data: Path, slices: Path, base: Path) -> Path:
    """Join the carried fp16 slices into one base folder (fp16 weights, upcast on load)."""
    base.mkdir(parents=True, exist_ok=True)
    for name in BASE_FILES:
        if (data / "base" / name).exists():
            (base / name).write_bytes((data / "base" / name).read_bytes())
    parts = sorted(slices.glob("slice*/part.bin"), key=lambda p: int(p.parent.name[5:]))
    if not parts:
        raise SystemExit(f"no base slices under {slices}")
    with (base / "model.safetensors").open("wb") as handle:
        for part in parts:
            handle.write(part.read_bytes())
    return base


def pair_scores(pairs: Sequence[Sequence[str]], p_ab: np.ndarray, p_ba: np.ndarray) -> dict:
    """How one model reads annotated pairs: conflicts against hard negatives.

    A pair's score is its higher P(contradiction) of the two directions. ``auc`` ranks the
    conflicts above the hard negatives; ``recall`` and ``hard_negatives`` are the shares read
    at 0.5 or more.
    """
    score = np.maximum(p_ab, p_ba)
    positive = np.array([kind == "conflict" for *_, kind in pairs])
    pos, neg = score[positive], score[~positive]
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return {
        "conflicts": int(positive.sum()),
        "hard_negatives_n": int((~positive).sum()),
        "auc": round(float(greater / max(1, pos.size * neg.size)), 4),
        "recall": round(float((pos >= 0.5).mean()), 4),
        "hard_negatives": round(float((neg >= 0.5).mean()), 4),
    }


def adapter_shape(state: dict[str, torch.Tensor]) -> dict[str, int]:
    """The LoRA ``rank`` and ``first_layer`` of trained tensors named as shipped."""
    layers = [int(key.split(".layer.")[1].split(".")[0]) for key in state if ".lora_A." in key]
    rank = next(v.shape[0] for k, v in state.items() if ".lora_A." in k)
    return {"rank": int(rank), "first_layer": min(layers)}


def train(args: argparse.Namespace) -> None:
    """Train every ``--variant`` (stage 1 then stage 2) and write their tensors to ``--out``.

    A variant's ``add`` names folds of the unseen dev stories (``prepare --folds``) to train
    on, and ``eval`` the folds whose annotated pairs it scores once trained. ``--shipped``
    scores every fold with the shipped tensors first, as the baseline of the same run.
    """
    from safetensors.torch import load_file, save_file

    device = "cuda" if torch.cuda.is_available() else "cpu"
    with gzip.open(args.data / "rows.json.gz", "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    folds: list[dict[str, Any]] = []
    if (args.data / "folds.json.gz").exists():
        with gzip.open(args.data / "folds.json.gz", "rt", encoding="utf-8") as handle:
            folds = json.load(handle)
    if args.limit:
        data = {k: v[: args.limit] for k, v in data.items()}
        folds = [
            {k: v[: args.limit] if isinstance(v, list) else v for k, v in f.items()} for f in folds
        ]
    base = assemble_base(args.data, args.slices or args.data, Path("/tmp/standard_base"))
    log: list[dict[str, Any]] = []
    readings: dict[str, Any] = {}
    args.out.mkdir(parents=True, exist_ok=True)
    defaults = {
        "rank": 16,
        "first_layer": 4,
        "epochs": 2,
        "lr": 4e-4,
        "refine_lr": 1e-4,
        "batch_size": 16,
        "max_length": 160,
        "seed": 13,
    }

    def read_folds(run: Run, name: str, which: Sequence[int]) -> None:
        for index in which:
            pairs = folds[index]["pairs"]
            p_ab = run.contradiction([(a, b) for a, b, _ in pairs])
            p_ba = run.contradiction([(b, a) for a, b, _ in pairs])
            summary = {"variant": name, "fold": index, **pair_scores(pairs, p_ab, p_ba)}
            print(json.dumps(summary), flush=True)
            log.append(summary)
            readings[f"{name}/{index}"] = {"p_ab": p_ab.tolist(), "p_ba": p_ba.tolist()}
        (args.out / "log.json").write_text(json.dumps(log, indent=1))
        (args.out / "readings.json").write_text(json.dumps(readings))

    if args.shipped:
        shipped = {k: v.float() for k, v in load_file(str(args.shipped)).items()}
        run = Run(base, {**defaults, **adapter_shape(shipped), "name": "shipped"}, device)
        run.load(shipped)
        read_folds(run, "shipped", range(len(folds)))
    for raw in args.variant:
        spec = {**defaults, **json.loads(raw)}
        began = time.time()
        run = Run(base, spec, device)
        dev = run.encode(data["dev"])
        aside = run.encode(data["aside"])
        rows = {part: list(data[part]) for part in ("stage1", "stage2")}
        for index in spec.get("add", []):
            for part in rows:
                rows[part] += folds[index][part]
                random.Random(spec["seed"]).shuffle(rows[part])
        stages = (
            ("build", rows["stage1"], spec["epochs"], spec["lr"], True),
            ("refined", rows["stage2"], 1, spec["refine_lr"], False),
        )
        scores: dict[str, dict[str, float]] = {}
        for stage, stage_rows, epochs, lr, keep_best in stages:
            # Stage 1 keeps its best dev-carve step; stage 2 continues from it to its end.
            state = run.train(
                stage_rows, epochs=epochs, lr=lr, dev=dev, keep_best=keep_best, log=log, stage=stage
            )
            run.load(state)
            scores[stage] = {"dev_acc": run.accuracy(*dev), "aside_acc": run.accuracy(*aside)}
            if spec.get("save", True):
                # fp16, as shipped: half the bytes to carry back.
                half = {k: v.half().contiguous() for k, v in state.items()}
                save_file(half, str(args.out / f"{spec['name']}_{stage}.safetensors"))
        summary = {
            "variant": spec["name"],
            "spec": spec,
            "stage1_pairs": len(rows["stage1"]),
            "stage2_pairs": len(rows["stage2"]),
            **scores,
            "seconds": round(time.time() - began, 1),
            "device": torch.cuda.get_device_name() if device == "cuda" else "cpu",
        }
        print(json.dumps(summary), flush=True)
        log.append(summary)
        read_folds(run, spec["name"], spec.get("eval", []))


# --- export (here) ------------------------------------------------------------------------


def export(args: argparse.Namespace) -> None:
    """Load trained tensors over the exact fp32 base, calibrate on the dev carve, export."""
    import build_standard as bs
    from safetensors.torch import load_file

    from conflictscan._checksums import record_checksums

    log = json.loads(args.log.read_text())
    summary = next(r for r in log if r.get("variant") == args.variant and "spec" in r)
    spec = summary["spec"]
    state = load_file(str(args.trained))
    model, tokenizer = bs.build_model(spec["rank"], "lora", first_layer=spec["first_layer"])
    with torch.no_grad():
        for key, param in model.named_parameters():
            if param.requires_grad:
                param.copy_(state[shipped_name(key)])
    with gzip.open(args.data / "rows.json.gz", "rt", encoding="utf-8") as handle:
        dev_rows = [tuple(r) for r in json.load(handle)["dev"]]
    dev = bs.encode(tokenizer, dev_rows, spec["max_length"])
    labels = np.array([it["label"] for it in dev])
    logits = bs.predict_logits(model, dev, tokenizer.pad_token_id)
    record = {
        "trained_on": f"{summary['device']} ({Path(__file__).name}), stage 1 then stage 2",
        "stage1_pairs": summary["stage1_pairs"],
        "stage2_pairs": summary["stage2_pairs"],
        "max_length": spec["max_length"],
        "lora_alpha": 2 * spec["rank"],
        "method": "lora",
        "first_layer": spec["first_layer"],
        **{k: spec[k] for k in ("rank", "epochs", "lr", "refine_lr", "batch_size", "seed")},
        "dev_acc_device": summary["refined"]["dev_acc"],
        "lookalike_aside_acc_device": summary["refined"]["aside_acc"],
        "build_stage_device": summary["build"],
        "dev_acc": round(float((logits.argmax(1) == labels).mean()), 4),
    }
    calibration = bm.fit_calibration(logits, labels)
    record.update(temperature=calibration[0], class_offsets=calibration[1].tolist())
    bs.export(model, tokenizer, args.out, calibration, record)
    record_checksums(args.out)
    print(json.dumps(record, indent=2), flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--data-dir", type=Path, default=REPO_ROOT.parent / "shared/data/nli")
    p.add_argument("--stories", type=Path, default=REPO_ROOT / "benchmarks/news/stories.jsonl")
    p.add_argument("--replay", type=int, default=3500)
    p.add_argument("--general", type=int, default=None, help="general pairs (default all)")
    p.add_argument("--folds", type=int, default=0, help="folds of the unseen dev stories")
    p.add_argument("--slice-mb", type=int, default=SLICE_BYTES // 2**20)
    t = sub.add_parser("train")
    t.add_argument("--data", type=Path, required=True)
    t.add_argument("--out", type=Path, required=True)
    t.add_argument("--variant", action="append", required=True, help="JSON spec")
    t.add_argument("--slices", type=Path, default=None, help="folder of slice*/ (default --data)")
    t.add_argument("--limit", type=int, default=0, help="rows per part (a smoke test)")
    t.add_argument("--shipped", type=Path, default=None, help="shipped tensors to score first")
    e = sub.add_parser("export")
    e.add_argument("--data", type=Path, required=True)
    e.add_argument("--trained", type=Path, required=True)
    e.add_argument("--log", type=Path, required=True)
    e.add_argument("--variant", required=True)
    e.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    {"prepare": prepare, "train": train, "export": export}[args.command](args)


if __name__ == "__main__":
    main()
