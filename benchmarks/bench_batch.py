"""Benchmark batch scanning on a generated collection (not a test).

Measures, on one machine and in one process:

* throughput (articles/s) of ``scan_collection`` with a cold score cache;
* pairs scored vs the all-pairs count, and the cache hit rate of a second run;
* peak resident memory (``resource.getrusage``) after loading the model and after the
  cold run (``tracemalloc`` is not used: it slows Python code several-fold and does not
  see torch's allocations);
* the all-pairs approach (``pairing="all"`` inside each story, no cache) against the
  pruned one on a subset of stories, with the time ratio;
* automatic grouping quality (adjusted Rand index against the true stories) and recall
  of the planted conflicts.

With several ``--model`` or ``--backend`` values, each combination runs in its own
process (so each peak memory figure is its own) and a summary table follows: articles/s
and peak resident memory per model and backend.

Usage::

    python benchmarks/bench_batch.py --stories 100 --threads 2
    python benchmarks/bench_batch.py --model path/to/local/model   # any local NLI model dir
    python benchmarks/bench_batch.py --stories 100 --backend torch --backend onnx-int8
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_collection import Collection, generate_collection, write_jsonl  # noqa: E402


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark conflictscan batch scanning.")
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--per-story", type=int, nargs=2, default=(9, 12), metavar=("MIN", "MAX"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--model", action="append", help="model name or local dir; repeatable (default: built-in)"
    )
    parser.add_argument(
        "--backend", action="append", help="backend; repeatable (default: the Scanner default)"
    )
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    parser.add_argument("--subset", type=int, default=5, help="stories for the all-pairs run")
    parser.add_argument("--workdir", type=Path, default=None)
    return parser.parse_args(argv)


def _scanner(args: argparse.Namespace, **kwargs: Any) -> Any:
    from conflictscan import Scanner

    if args.backend:
        kwargs["backend"] = args.backend[0]
    return Scanner(args.model[0], **kwargs) if args.model else Scanner(**kwargs)


def _run(path: Path, out: Path, scanner: Any, **kwargs: Any) -> tuple[Any, float]:
    from conflictscan import scan_collection

    options = {"group_column": "story_id", "source_column": "source", "date_column": "published"}
    options.update(kwargs)
    start = time.perf_counter()
    report = scan_collection(path, scanner=scanner, out=out, overwrite=True, **options)
    return report, time.perf_counter() - start


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cold_and_warm(args: argparse.Namespace, path: Path, work: Path) -> dict[str, Any]:
    scanner = _scanner(args)
    scanner.load()
    rss_loaded = _peak_rss_mib()
    cold, cold_s = _run(path, work / "cold.jsonl", scanner, cache=work / "scores.sqlite")
    rss_after = _peak_rss_mib()
    warm, warm_s = _run(path, work / "warm.jsonl", scanner, cache=work / "scores.sqlite")
    lookups = warm.cache_hits + warm.pairs_computed
    return {
        "cold": cold.to_dict(),
        "cold_seconds": cold_s,
        "articles_per_s": cold.articles_read / cold_s,
        "warm_seconds": warm_s,
        "warm_cache_hit_rate": warm.cache_hits / lookups if lookups else 0.0,
        "warm_pairs_scored": warm.pairs_computed,
        "rss_after_model_load_mib": rss_loaded,
        "rss_peak_mib": rss_after,
        "same_rows": list(cold) == list(warm),
    }


def _subset(args: argparse.Namespace, coll: Collection, work: Path) -> dict[str, Any]:
    stories = sorted({a["story_id"] for a in coll.articles})[: args.subset]
    path = write_jsonl(
        work / "subset.jsonl", [a for a in coll.articles if a["story_id"] in stories]
    )
    pruned, pruned_s = _run(path, work / "sub-pruned.jsonl", _scanner(args), cache=False)
    exhaustive, all_s = _run(
        path, work / "sub-all.jsonl", _scanner(args), cache=False, pairing="all"
    )
    return {
        "stories": len(stories),
        "pruned_seconds": pruned_s,
        "pruned_pairs_scored": pruned.pairs_computed,
        "all_pairs_seconds": all_s,
        "all_pairs_scored": exhaustive.pairs_computed,
        "time_ratio": all_s / pruned_s,
        "pairs_ratio": exhaustive.pairs_computed / max(1, pruned.pairs_computed),
        "pruned_conflicts": pruned.conflicts,
        "all_pairs_conflicts": exhaustive.conflicts,
    }


def _grouping_quality(coll: Collection) -> dict[str, Any]:
    from sklearn.metrics import adjusted_rand_score

    from conflictscan.batch._grouping import LeadVectorizer, cluster_vectors, lead_text, parse_date

    start = time.perf_counter()
    vectorizer = LeadVectorizer("tfidf")
    vectorizer.add([lead_text(a["text"], a["title"]) for a in coll.articles])
    dates = [parse_date(a["published"]) for a in coll.articles]
    grouping = cluster_vectors(vectorizer.finish(), threshold=0.35, dates=dates, date_window_days=2)
    labels = [-1] * len(coll.articles)
    for k, rows in enumerate(grouping.groups):
        for row in rows:
            labels[row] = k
    for k, row in enumerate(grouping.singletons):
        labels[row] = len(grouping.groups) + k
    truth = [a["story_id"] for a in coll.articles]
    return {
        "groups_found": len(grouping.groups),
        "stories": len(set(truth)),
        "adjusted_rand_index": adjusted_rand_score(truth, labels),
        "seconds": time.perf_counter() - start,
    }


def _recall(coll: Collection, rows_path: Path) -> dict[str, Any]:
    from conflictscan.batch import iter_rows

    found = set()
    for row in iter_rows(rows_path):
        found.add((row["a_text"], row["b_text"]))
        found.add((row["b_text"], row["a_text"]))
    hits = [p for p in coll.planted if (p["text_a"], p["text_b"]) in found]
    by_kind: dict[str, list[int]] = {}
    for p in coll.planted:
        by_kind.setdefault(p["kind"], [0, 0])[1] += 1
    for p in hits:
        by_kind[p["kind"]][0] += 1
    return {"planted": len(coll.planted), "found": len(hits), "by_kind": by_kind}


def _each_combination(args: argparse.Namespace, argv: list[str]) -> None:
    """Run one process per (model, backend) and print articles/s and peak memory of each."""
    rows = []
    repeated = ("--model", "--backend")
    base = [
        a
        for i, a in enumerate(argv)
        if a not in repeated and (i == 0 or argv[i - 1] not in repeated)
    ]
    for model in args.model or [None]:
        for backend in args.backend or [None]:
            extra = (["--model", model] if model else []) + (
                ["--backend", backend] if backend else []
            )
            out = subprocess.run(
                [sys.executable, __file__, *base, *extra], capture_output=True, text=True
            )
            if out.returncode != 0:
                print(out.stderr[-2000:], file=sys.stderr)
                continue
            result = json.loads(out.stdout[out.stdout.index("{") :])
            rows.append((model or "default", backend or "default", result["full"]))
    print(
        f"\n{'model':<12}{'backend':<11}{'articles/s':>11}{'cold s':>9}{'RSS load':>10}{'peak':>8}"
    )
    for model, backend, full in rows:
        print(
            f"{model:<12}{backend:<11}{full['articles_per_s']:>11.1f}{full['cold_seconds']:>9.1f}"
            f"{full['rss_after_model_load_mib']:>9.0f}M{full['rss_peak_mib']:>7.0f}M"
        )


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print a JSON summary."""
    argv = sys.argv[1:] if argv is None else argv
    args = _parse(argv)
    if len(args.model or []) > 1 or len(args.backend or []) > 1:
        _each_combination(args, argv)
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    torch.set_num_threads(args.threads)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="conflictscan-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    coll = generate_collection(
        args.stories, articles_per_story=tuple(args.per_story), seed=args.seed
    )
    path = write_jsonl(work / "articles.jsonl", coll.articles)
    results: dict[str, Any] = {"articles": len(coll.articles), "threads": args.threads}
    results["model"] = args.model[0] if args.model else "built-in (Scanner() default)"
    results["backend"] = args.backend[0] if args.backend else "Scanner() default"
    results["grouping"] = _grouping_quality(coll)
    results["full"] = _cold_and_warm(args, path, work)
    results["planted_recall"] = _recall(coll, work / "cold.jsonl")
    results["subset"] = _subset(args, coll, work)
    (work / "bench.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
