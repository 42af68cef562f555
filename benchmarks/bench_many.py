"""Many small items: ``Scanner.scan`` one at a time against ``Scanner.scan_many`` (not a test).

Builds ``--items`` short items from the seeded synthetic collection of ``gen_collection.py``
(each item the first ``--sentences`` sentences of one article: a short news item, the
shape of a feed or a comment stream) and scans them twice with the same loaded scanner:
item by item with ``scan``, and with ``scan_many`` in chunks of ``--chunk`` items, where
the encoder and the NLI model run once per chunk. Each way is timed ``--repeats`` times in
alternation and the fastest run is kept. The two ways report the same conflicts, but the
model's batches differ, so confidences can move in the last digits (more with int8, whose
activation scales are set per batch): the largest difference is printed.
Printed per model and backend: NLI pairs scored, CPU and wall seconds of each way, items
per CPU-second and the ratio ``scan`` / ``scan_many`` (above 1: batching helps).

Usage::

    OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE HF_HUB_OFFLINE=1 \\
        python benchmarks/bench_many.py --model mini --model standard --items 200
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_collection import generate_collection  # noqa: E402


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="scan item by item against scan_many.")
    parser.add_argument("--model", action="append", help="model; repeatable (default: mini)")
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--sentences", type=int, default=4, help="sentences per item")
    parser.add_argument("--chunk", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    return parser.parse_args(argv)


def build_items(count: int, sentences: int, seed: int) -> list[str]:
    """``count`` distinct short items, each the opening sentences of one article."""
    from conflictscan import split_sentences

    stories = max(4, count // 6)
    items: dict[str, None] = {}
    for article in generate_collection(stories, seed=seed).articles:
        sents = split_sentences(article["text"])[:sentences]
        items[" ".join(s.text for s in sents)] = None
    if len(items) < count:
        raise SystemExit(f"the collection gave only {len(items)} distinct items")
    return list(items)[:count]


def _timed(run: Any) -> tuple[list[Any], float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    results = run()
    return results, time.process_time() - cpu, time.perf_counter() - wall


def _reported(result: Any) -> list[tuple[Any, ...]]:
    return [(c.a.doc_id, c.a.start, c.b.doc_id, c.b.start) for c in result.conflicts]


def bench(model: str, args: argparse.Namespace, items: list[str]) -> dict[str, Any]:
    """Time both ways on one model; return the figures."""
    from conflictscan import Scanner

    scanner = Scanner(model, backend=args.backend)
    scanner.load()
    scanner.scan("The council approved the budget on Monday. The council rejected the budget.")
    ways = {
        "scan": lambda: [scanner.scan(item) for item in items],
        "scan_many": lambda: list(scanner.scan_many(items, chunk_size=args.chunk)),
    }
    best: dict[str, tuple[float, float]] = {}
    results: dict[str, list[Any]] = {}
    for _ in range(args.repeats):
        for name, run in ways.items():
            out, cpu, wall = _timed(run)
            results[name] = out
            if name not in best or cpu < best[name][0]:
                best[name] = (cpu, wall)
    one, many = results["scan"], results["scan_many"]
    pairs = sum(r.pairs_scored for r in one)
    same_pairs = [_reported(r) for r in one] == [_reported(r) for r in many]
    drift = max(
        (
            abs(x.confidence - y.confidence)
            for r, q in zip(one, many, strict=True)
            for x, y in zip(r.conflicts, q.conflicts, strict=False)
        ),
        default=0.0,
    )
    row = {
        "model": model,
        "backend": args.backend,
        "items": len(items),
        "chunk": args.chunk,
        "pairs_scored": pairs,
        "same_conflicts": same_pairs,
        "max_confidence_drift": round(drift, 4),
        **{f"{name}_cpu_s": round(cpu, 2) for name, (cpu, _) in best.items()},
        **{f"{name}_wall_s": round(wall, 2) for name, (_, wall) in best.items()},
    }
    row["ratio_cpu"] = round(best["scan"][0] / best["scan_many"][0], 2)
    row["ratio_wall"] = round(best["scan"][1] / best["scan_many"][1], 2)
    return row


def main(argv: list[str] | None = None) -> None:
    args = _parse(argv)
    items = build_items(args.items, args.sentences, args.seed)
    rows = []
    print(
        f"{'model':<10}{'items':>6}{'pairs':>7}{'scan CPU s':>12}{'many CPU s':>12}"
        f"{'scan wall':>11}{'many wall':>11}{'ratio CPU':>11}{'ratio wall':>12}"
        "  same conflicts, max confidence drift"
    )
    for model in args.model or ["mini"]:
        row = bench(model, args, items)
        rows.append(row)
        print(
            f"{model:<10}{row['items']:>6}{row['pairs_scored']:>7}{row['scan_cpu_s']:>12.1f}"
            f"{row['scan_many_cpu_s']:>12.1f}{row['scan_wall_s']:>11.1f}"
            f"{row['scan_many_wall_s']:>11.1f}{row['ratio_cpu']:>11.2f}{row['ratio_wall']:>12.2f}"
            f"  {row['same_conflicts']}, {row['max_confidence_drift']:.4f}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
