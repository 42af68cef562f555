"""Cost of one scan against document length (not a test).

Builds one document of N sentences for each ``--sizes`` value (default 1, 10, 100, 1000)
from the seeded synthetic collection of ``gen_collection.py`` (sentences from many stories,
so most pairs are unrelated, as in a long digest), and times ``Scanner.scan`` on it, after
the model, the encoder and the sentence parser have been loaded once. Printed per size:
sentences compared, the pairing ``auto`` chose, candidate pairs, NLI pairs scored, CPU and
wall seconds, and CPU milliseconds per sentence. ``auto`` compares every pair while that
stays under ``max_pairs`` (20,000: about 200 sentences) and switches to the ``similar``
strategy past it, so the cost per sentence should stop growing there.

Usage::

    OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE HF_HUB_OFFLINE=1 PYTHONPATH=src \\
        python benchmarks/bench_scan.py --model mini --backend onnx-int8 --sizes 1 10 100 1000
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_collection import generate_collection  # noqa: E402


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Scan cost against document length.")
    parser.add_argument("--model", action="append", help="model; repeatable (default: mini)")
    parser.add_argument("--backend", action="append", help="backend; repeatable (default: auto)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    parser.add_argument("--max-pairs", type=int, default=None, help="override the guard")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    return parser.parse_args(argv)


def sentences_pool(count: int, seed: int) -> list[str]:
    """At least ``count`` distinct sentences from the synthetic collection, in order."""
    from conflictscan import split_sentences

    stories = max(4, count // 8)
    pool: dict[str, None] = {}
    while len(pool) < count:
        collection = generate_collection(stories, articles_per_story=(3, 4), seed=seed)
        for article in collection.articles:
            for sentence in split_sentences(article["text"]):
                pool[sentence.text] = None
        stories, seed = stories * 2, seed + 1
    return list(pool)[:count]


def time_scan(scanner: Any, text: str) -> dict[str, Any]:
    """One scan of ``text``: what it compared and what it cost."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = scanner.scan(text)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    n = len(result.sentences)
    return {
        "sentences": n,
        "pairing": result.pairing,
        "pairs_considered": result.pairs_considered,
        "pairs_scored": result.pairs_scored,
        "cpu_s": round(cpu, 3),
        "wall_s": round(wall, 3),
        "cpu_ms_per_sentence": round(1000 * cpu / max(n, 1), 2),
        "conflicts": len(result.conflicts),
    }


def bench_model(model: str, backend: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    from conflictscan import Scanner

    options = {"backend": backend}
    if args.max_pairs:
        options["max_pairs"] = args.max_pairs
    scanner = Scanner(model, **options)
    start = time.process_time()
    scanner.load()
    scanner.scan("The council approved the budget on Monday. The council rejected the budget.")
    print(f"\n{model} [{backend}]: loaded in {time.process_time() - start:.1f} CPU-s")
    pool = sentences_pool(max(args.sizes), args.seed)
    rows = []
    print(
        f"  {'N':>5}{'compared':>9}{'pairing':>10}{'pairs':>9}{'scored':>8}"
        f"{'CPU s':>8}{'wall s':>8}{'CPU ms/sent':>13}"
    )
    for size in args.sizes:
        row = {"model": model, "backend": backend, "size": size}
        row.update(time_scan(scanner, " ".join(pool[:size])))
        rows.append(row)
        print(
            f"  {size:>5}{row['sentences']:>9}{row['pairing']:>10}{row['pairs_considered']:>9}"
            f"{row['pairs_scored']:>8}{row['cpu_s']:>8.1f}{row['wall_s']:>8.1f}"
            f"{row['cpu_ms_per_sentence']:>13.1f}"
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print a table per model and backend."""
    args = _parse(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    torch.set_num_threads(args.threads)
    print(
        f"threads {args.threads}, load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs; sizes {args.sizes}"
    )
    rows = []
    for model in args.model or ["mini"]:
        for backend in args.backend or ["auto"]:
            rows.extend(bench_model(model, backend, args))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
