"""Real-news stance benchmark: AUC of the scan's confidence, disputing vs agreeing bodies.

Scans each item's headline and body as two documents (see ``conflictscan.evaluation._stance``)
and prints, for each model and reasoning mode, the ROC AUC of the highest conflict
confidence per item, bodies that dispute their headline against bodies that agree::

    python benchmarks/stance.py --model mini --model standard --split test

``--split test`` is held out: report it, never tune on it. NLI scores go through a
persistent cache (``--cache``), so the second reasoning mode costs no model calls.

``--unseen`` (with ``--split train``) draws only items whose body no built-in fit used:
neither the ``standard`` build's stance rows (``scripts/build_standard.py``) nor the stance
rows of a combiner fit (``scripts/fit_combiner.py``). Those items are real-news dev data the
model never read, where the fit's own cross-validated stance AUC is partly memory. ARC has
them; FNC-1 does not (the build takes every disputing body), so it is skipped. They are
unseen by ``standard`` only: ``mini``'s distillation read unlabelled sentence pairs from the
same train bodies (``scripts/distill_mini.py``)::

    python benchmarks/stance.py --model standard --split train --unseen --dataset arc_stance
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from conflictscan import Scanner
from conflictscan.batch import CachedScorer, ScoreCache
from conflictscan.evaluation import StanceItem, evaluate_stance, load_stance_items
from conflictscan.evaluation._stance import AGREES, DISPUTES
from conflictscan.nli import NLIScorer

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = REPO_ROOT.parent / "shared" / "data" / "nli"
# The build and fit scripts, for the stance rows they took (imported when --unseen asks).
sys.path.insert(0, str(REPO_ROOT / "scripts"))


def fitted_bodies(data_dir: Path, dataset: str) -> set[str]:
    """Bodies of ``<dataset>/train`` that the ``standard`` build or a combiner fit used."""
    import build_standard
    import fit_combiner

    quota = build_standard.STANCE_QUOTAS[dataset]
    build = build_standard.stance_selection(data_dir, dataset, quota, build_standard.SEED)
    fit = load_stance_items(
        data_dir / dataset / "train.jsonl",
        per_label=fit_combiner.STANCE_PER_LABEL,
        seed=fit_combiner.SEED,
    )
    return {body for body, _, _ in build} | {item.body for item in fit}


def unseen_items(path: Path, per_label: int, seed: int, used: set[str]) -> list[StanceItem] | None:
    """A seeded sample of ``per_label`` items per stance whose body is not in ``used``;
    ``None`` when one stance has no such item."""
    pool = [
        item
        for item in load_stance_items(path, per_label=10**9, seed=seed)
        if item.body not in used
    ]
    groups = {
        label: [i for i in pool if i.label == label][:per_label] for label in (DISPUTES, AGREES)
    }
    if not all(groups.values()):
        return None
    return groups[DISPUTES] + groups[AGREES]


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
    parser.add_argument(
        "--unseen",
        action="store_true",
        help="train items the standard build and the combiner fits never used (see above)",
    )
    args = parser.parse_args()
    if args.unseen and args.split != "train":
        parser.error("--unseen draws from the train split: add --split train")
    args.cache.parent.mkdir(parents=True, exist_ok=True)
    rows = []
    for dataset in args.dataset or ["fnc1", "arc_stance"]:
        path = args.data_dir / dataset / f"{args.split}.jsonl"
        if args.unseen:
            items = unseen_items(
                path, args.per_label, args.seed, fitted_bodies(args.data_dir, dataset)
            )
            if items is None:
                print(f"{dataset}: no unseen item of one stance, skipped", file=sys.stderr)
                continue
        else:
            items = load_stance_items(path, per_label=args.per_label, seed=args.seed)
        for model in args.model or ["mini"]:
            scorer = CachedScorer(NLIScorer(model), ScoreCache(args.cache))
            for reasoning in ("news", "nli"):
                start = time.perf_counter()
                scanner = Scanner(model, scorer=scorer, reasoning=reasoning)
                report = evaluate_stance(items, scanner=scanner)
                rows.append(
                    {
                        "dataset": f"{dataset}/{args.split}" + (" unseen" if args.unseen else ""),
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
