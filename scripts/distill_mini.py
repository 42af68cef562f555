"""Stage 3 of the built-in model ``mini``: learn from ``standard`` on unlabelled news pairs.

The fast preset reads news prose far worse than the default model (on the held-out news
stories its pipeline recall is about half). This stage continues training the shipped
``mini`` on sentence pairs from real news with ``standard``'s calibrated probabilities as
soft targets (knowledge distillation), mixed with a replay of the stage-2 rows
(``scripts/adapt_news.py``: within-article, generated, update and stage-1 pairs with their
hard labels) so that general NLI is not forgotten.

The unlabelled pairs come from the *train* splits of ``fnc1`` and ``arc_stance`` only
(their labels are not read): each headline or claim against the body sentences sharing
most words with it, and pairs of related sentences within one body, attribution stripped
as a scan strips it. The teacher's scores are cached in ``--run-dir``, so a rerun skips
them. A tenth of the distilled pairs is held aside: the kept checkpoint agrees best with
the teacher there while staying within two points of the starting accuracy on the dev
carve of ``build_mini.py``, which also refits the calibration. Held-out splits are only
evaluated.

Usage::

    OMP_NUM_THREADS=2 HF_HUB_OFFLINE=1 PYTHONPATH=src python scripts/distill_mini.py \
        --out src/conflictscan/data/mini
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import adapt_news
import build_mini as bm
import numpy as np
import torch

from conflictscan.signals._lexicon import _STOPWORDS

SOURCES = ("fnc1", "arc_stance")
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS}


def _claims(text: str) -> list[str]:
    from conflictscan.text import _segmentation as segmentation
    from conflictscan.text import _speech as speech

    sents = speech.split_attributions(segmentation.split_sentences(text))
    return [s.content for s in sents if 5 <= len(s.content.split()) <= 45]


def news_pairs(data_dir: Path, n: int, seed: int) -> list[tuple[str, str]]:
    """Unlabelled ordered pairs: claim vs its most related body sentences, and body pairs."""
    rng = random.Random(seed)
    items: list[tuple[str, str]] = []
    for name in SOURCES:
        lines = (data_dir / name / "train.jsonl").read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines]
        items += sorted({(r["hypothesis"], r["premise"]) for r in rows})
    rng.shuffle(items)
    pairs: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for headline, body in items:
        claims = _claims(body)
        head = _words(headline)
        ranked = sorted(claims, key=lambda c: -len(head & _words(c)))
        chosen = [(headline, c) for c in ranked[:2] if len(head & _words(c)) >= 2]
        related = [
            (a, b)
            for i, a in enumerate(claims)
            for b in claims[i + 1 :]
            if len(_words(a) & _words(b)) >= 3
        ]
        chosen += rng.sample(related, min(1, len(related)))
        for a, b in chosen:
            pair = (a, b) if rng.random() < 0.5 else (b, a)
            if pair not in seen:
                seen.add(pair)
                pairs.append(pair)
        if len(pairs) >= n:
            break
    return pairs[:n]


def teacher_targets(
    pairs: Sequence[tuple[str, str]], run_dir: Path, teacher: str
) -> list[list[float]]:
    """The teacher's calibrated (contradiction, entailment, neutral), cached on disk."""
    cache = run_dir / "teacher.jsonl"
    done: dict[tuple[str, str], list[float]] = {}
    if cache.exists():
        for line in cache.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            done[(row["a"], row["b"])] = row["p"]
    todo = [p for p in pairs if p not in done]
    if todo:
        from conflictscan.nli import NLIScorer

        scorer = NLIScorer(teacher, backend="torch")
        with cache.open("a", encoding="utf-8") as handle:
            for start in range(0, len(todo), 256):
                chunk = todo[start : start + 256]
                for (a, b), s in zip(chunk, scorer.score_pairs(chunk), strict=True):
                    p = [s.contradiction, s.entailment, s.neutral]
                    done[(a, b)] = p
                    handle.write(json.dumps({"a": a, "b": b, "p": p}) + "\n")
                handle.flush()
                print(f"teacher: {start + len(chunk)}/{len(todo)}", flush=True)
    return [done[p] for p in pairs]


def encode_soft(tokenizer: Any, rows: Sequence[tuple[str, str, list[float]]]) -> list[dict]:
    """Tokenised pairs with a probability target over the three labels."""
    enc = tokenizer(
        [r[0] for r in rows], [r[1] for r in rows], truncation=True, max_length=bm.MAX_LENGTH
    )
    return [
        {"input_ids": ids, "token_type_ids": tt, "label": 0, "target": row[2]}
        for ids, tt, row in zip(enc["input_ids"], enc["token_type_ids"], rows, strict=True)
    ]


def _soft_loss(model: Any, items: Sequence[dict], batch_size: int = 64) -> float:
    """Mean cross-entropy of the model against the items' probability targets."""
    logits = torch.from_numpy(bm.predict_logits(model, items, batch_size))
    targets = torch.tensor([it["target"] for it in items], dtype=torch.float32)
    return float(-(targets * torch.log_softmax(logits, dim=-1)).sum(-1).mean())


def train_soft(
    model: Any, items: list[dict], dev_items: list[dict], aside: list[dict], args: Any
) -> dict:
    """AdamW with warmup and linear decay on soft targets.

    The kept checkpoint reads news most like the teacher (lowest loss on ``aside``, news
    pairs never trained on) while staying within ``args.max_dev_drop`` of the starting
    accuracy on the dev carve, so general NLI is not traded away.
    """
    rng = random.Random(args.seed)
    total = math.ceil(len(items) / args.batch_size) * args.epochs
    params = [p for p in model.parameters() if p.requires_grad]
    optim = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: bm._schedule(s, int(0.06 * total), total)
    )
    dev_labels = np.array([it["label"] for it in dev_items])

    def check(step: int, running: list[float]) -> dict[str, Any]:
        acc = float((bm.predict_logits(model, dev_items).argmax(1) == dev_labels).mean())
        record = {"step": step, "loss": round(float(np.mean(running or [0.0])), 4)}
        record.update(dev_acc=round(acc, 4), aside_loss=round(_soft_loss(model, aside), 4))
        bm._log(args.run_dir, record)
        return record

    best = check(0, [])
    floor = best["dev_acc"] - args.max_dev_drop
    torch.save(bm.trainable_state(model), args.run_dir / "best.pt")
    start, running, step = time.time(), [], 0
    stream = bm._batches_forever(items, args.batch_size, rng)
    while step < total:
        step += 1
        _, idx = next(stream)
        batch = [items[i] for i in idx]
        inputs = bm.collate(batch)
        inputs.pop("labels")
        targets = torch.tensor([it["target"] for it in batch], dtype=torch.float32)
        model.train()
        logp = torch.log_softmax(model(**inputs).logits, dim=-1)
        loss = -(targets * logp).sum(-1).mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optim.step(), sched.step(), optim.zero_grad()
        running.append(loss.item())
        if step % args.eval_every == 0 or step == total:
            record = check(step, running)
            running = []
            if record["dev_acc"] >= floor and record["aside_loss"] < best["aside_loss"]:
                torch.save(bm.trainable_state(model), args.run_dir / "best.pt")
                best = record
    return {"best": best, "train_seconds": round(time.time() - start, 1)}


def stage2_copy(out: Path, keep: Path) -> Path:
    """The stage-2 export this stage starts from, kept in the run folder on first use.

    Reruns start from the same weights even after ``--out`` was overwritten with the
    distilled model.
    """
    import shutil

    if not keep.exists():
        build = json.loads((out / "manifest.json").read_text()).get("build", {})
        if "distillation" in build:
            raise SystemExit(f"{out} is already distilled; export stage 2 there first")
        keep.mkdir(parents=True)
        for name in ("model.safetensors", "config.json", "calibration.json", "manifest.json"):
            shutil.copy2(out / name, keep / name)
    return keep


def assemble(args: argparse.Namespace) -> tuple[list, list, list]:
    """Soft-target rows (distilled pairs plus the hard-labelled replay), the dev carve and
    the distilled pairs held aside for checkpoint choice."""
    pairs = news_pairs(args.data_dir, args.pairs, args.seed)
    targets = teacher_targets(pairs, args.run_dir, args.teacher)
    rows = [(a, b, t) for (a, b), t in zip(pairs, targets, strict=True)]
    cut = int(len(rows) * args.aside)
    aside, rows = rows[:cut], rows[cut:]
    stage2 = adapt_news.parse_args(
        ["--data-dir", str(args.data_dir), "--seed", str(args.seed)]
        + ["--within", str(args.within), "--synth", str(args.synth)]
        + ["--updates", str(args.updates), "--replay", str(args.replay)]
    )
    replay, dev = adapt_news.assemble(stage2)
    rows += [(a, b, [float(y == k) for k in range(3)]) for a, b, y in replay]
    random.Random(args.seed).shuffle(rows)
    return rows, dev, aside


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=bm.REPO_ROOT.parent / "shared/data/nli")
    parser.add_argument("--run-dir", type=Path, default=bm.REPO_ROOT / "runs/mini-distill")
    parser.add_argument("--out", type=Path, default=bm.REPO_ROOT / "src/conflictscan/data/mini")
    parser.add_argument("--teacher", default="standard")
    parser.add_argument("--pairs", type=int, default=4000, help="unlabelled news pairs")
    parser.add_argument("--within", type=int, default=2000)
    parser.add_argument("--synth", type=int, default=1500)
    parser.add_argument("--updates", type=int, default=300)
    parser.add_argument("--replay", type=int, default=3000)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=1e-5)
    parser.add_argument("--aside", type=float, default=0.1, help="share of pairs held aside")
    parser.add_argument("--max-dev-drop", type=float, default=0.02)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--eval-every", type=int, default=60)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--eval-limit", type=int, default=None)
    parser.add_argument("--skip-held-out", action="store_true", help="no held-out NLI metrics")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Distil, calibrate, export over ``--out`` and evaluate; returns the summary."""
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    args.run_dir.mkdir(parents=True, exist_ok=True)
    start = stage2_copy(args.out, args.run_dir / "stage2")
    rows, dev_rows, aside_rows = assemble(args)
    _, tokenizer = bm.build_model()
    model = bm.assemble_exported(start)
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    dev_items = bm.encode(tokenizer, dev_rows)
    summary: dict[str, Any] = {"rows": len(rows), "distilled_pairs": args.pairs}
    summary.update({k: v for k, v in vars(args).items() if not isinstance(v, Path)})
    aside = encode_soft(tokenizer, aside_rows)
    summary.update(train_soft(model, encode_soft(tokenizer, rows), dev_items, aside, args))
    model.load_state_dict(torch.load(args.run_dir / "best.pt"), strict=False)
    labels = np.array([r[2] for r in dev_rows])
    temperature, offsets = bm.fit_calibration(bm.predict_logits(model, dev_items), labels)
    summary.update(temperature=temperature, class_offsets=offsets.tolist())
    bm.fold_offsets(model, offsets)
    before = json.loads((start / "manifest.json").read_text()).get("build", {})
    in_bias = np.asarray(before.get("class_offsets", [0.0, 0.0, 0.0])) + offsets
    build = {**before, "distillation": summary, "class_offsets": in_bias.round(4).tolist()}
    bm.export(model, args.out, temperature, build)
    held: dict[str, Any] = {}
    if not args.skip_held_out:
        shipped = {"fp16-shipped": bm.assemble_exported(args.out)}
        sets = bm.held_out_sets(args.data_dir, args.seed, args.eval_limit)
        held = bm.evaluate_held_out(shipped, tokenizer, sets, (temperature, offsets))
        bm.record_results(args.out, held)
    out = {**summary, "held_out": held}
    (args.run_dir / "summary.json").write_text(json.dumps(out, indent=2) + "\n")
    return out


if __name__ == "__main__":
    main()
