"""Real-news stance benchmark: AUC of the scan's confidence, disputing vs agreeing bodies.

Scans each item's headline and body as two documents (see ``conflictscan.evaluation._stance``)
and prints, for each model and reasoning mode, the ROC AUC of the highest conflict
confidence per item, bodies that dispute their headline against bodies that agree::

    python benchmarks/stance.py --model mini --model standard --split test

``--split test`` is held out: report it, never tune on it. NLI scores go through a
persistent cache (``--cache``), so the second reasoning mode costs no model calls.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from conflictscan import Scanner
from conflictscan.batch import CachedScorer, ScoreCache
from conflictscan.evaluation import evaluate_stance, load_stance_items
from conflictscan.nli import NLIScorer

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = REPO_ROOT.parent / "shared" / "data" / "nli"


def main() -> None:
    """Parse options, run every (dataset, model, reasoning) combination, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument("--dataset", action="append", default=None, help="fnc1, arc_stance")
    parser.add_argument("--split", default="test")
    parser.add_argument("--model", action="append", default=None)
    parser.add_argument("--per-label", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--cache", type=Path, default=REPO_ROOT / "runs/stance/scores.sqlite")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    args.cache.parent.mkdir(parents=True, exist_ok=True)
    rows = []
    for dataset in args.dataset or ["fnc1", "arc_stance"]:
        path = args.data_dir / dataset / f"{args.split}.jsonl"
        items = load_stance_items(path, per_label=args.per_label, seed=args.seed)
        for model in args.model or ["mini"]:
            scorer = CachedScorer(NLIScorer(model), ScoreCache(args.cache))
            for reasoning in ("news", "nli"):
                start = time.perf_counter()
                scanner = Scanner(model, scorer=scorer, reasoning=reasoning)
                report = evaluate_stance(items, scanner=scanner)
                rows.append(
                    {
                        "dataset": f"{dataset}/{args.split}",
                        "model": model,
                        "reasoning": reasoning,
                        **report.to_dict(),
                        "seconds": round(time.perf_counter() - start, 1),
                    }
                )
                if not args.json:
                    r = rows[-1]
                    print(
                        f"{r['dataset']:<18} {model:<10} {reasoning:<5} AUC {r['auc']:.3f}  "
                        f"mean conf disputes {r['mean_disputes']:.3f} agrees "
                        f"{r['mean_agrees']:.3f}  n={r['n_disputes']}+{r['n_agrees']}  "
                        f"{r['seconds']}s",
                        flush=True,
                    )
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
