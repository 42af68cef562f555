"""Which combiner model: sign-constrained logistic against monotone gradient boosting.

Builds the table ``scripts/fit_combiner.py`` fits on (gated dev story pairs plus FNC-1/ARC
*train* stance rows), then scores, on the same grouped folds, the shipped recipe (the
bounded logistic combiner at the stance weight and ``C`` the fit chooses) and scikit-learn's
``HistGradientBoostingClassifier`` with monotonic constraints (+1 on evidence for a
conflict, -1 on evidence against, none on context features) over a small grid. Prints the
fit's criterion for each: out-of-fold average precision on story pairs plus the stance
items' AUC::

    python benchmarks/combiner_choice.py --model standard --cache runs/fit/scores.sqlite

Reads the shared NLI data (``../shared/data/nli``) and the news dev stories; held-out
splits are never touched.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "scripts"))

import fit_combiner as fc  # noqa: E402

# (learning rate, trees, smallest leaf, L2) tried for the boosted model, depth 3.
GBM_GRID = (
    (0.05, 50, 200, 1.0),
    (0.1, 30, 100, 1.0),
    (0.05, 100, 40, 1.0),
    (0.05, 200, 100, 10.0),
)


def build_table(args: argparse.Namespace) -> tuple[fc.PairTable, int]:
    """The fit's rows: story pairs first (their count is returned), then stance rows."""
    stories = [s for s in fc.load_stories(args.stories) if s.split == "dev"]
    scanner = fc.build_scanner(args.model, args.cache, args.backend)
    data = fc.training_set(args, scanner, stories)
    return data.combined, len(data.kept.rows)


def criterion(labels: np.ndarray, scores: np.ndarray, n_story: int) -> dict[str, float]:
    """Story-pair average precision, stance AUC and their sum."""
    story = fc.ranking_metrics(labels[:n_story].tolist(), scores[:n_story])
    stance = fc.ranking_metrics(labels[n_story:].tolist(), scores[n_story:])
    total = story["ap"] + stance["auc"]
    return {"ap": story["ap"], "stance_auc": stance["auc"], "criterion": total}


def boosted_scores(
    table: fc.PairTable, features: list[str], stance_weight: float, params: tuple, seed: int
) -> np.ndarray:
    """Out-of-fold probabilities of a monotone boosted model on the fit's folds."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import GroupKFold

    rate, trees, leaf, l2 = params
    x = np.array([[row.get(n, 0.0) for n in features] for row in table.rows])
    y = np.asarray(table.labels)
    weights = np.array([stance_weight if ":" in g else 1.0 for g in table.groups])
    signs = [1 if n in fc.EVIDENCE_FOR else -1 if n in fc.EVIDENCE_AGAINST else 0 for n in features]
    out = np.zeros(len(y))
    folds = GroupKFold(n_splits=fc.FOLDS, shuffle=True, random_state=seed)
    for train, test in folds.split(x, y, table.groups):
        model = HistGradientBoostingClassifier(
            learning_rate=rate,
            max_iter=trees,
            min_samples_leaf=leaf,
            l2_regularization=l2,
            max_depth=3,
            monotonic_cst=signs,
            random_state=0,
        )
        model.fit(x[train], y[train], sample_weight=weights[train])
        out[test] = model.predict_proba(x[test])[:, 1]
    return out


def main() -> None:
    """Build the table, score both model kinds on the same folds, print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="standard")
    parser.add_argument("--cache", type=Path, default=REPO_ROOT / "runs/fit_combiner/scores.sqlite")
    parser.add_argument("--backend", default="torch")
    parser.add_argument("--stories", type=Path, default=REPO_ROOT / "benchmarks/news/stories.jsonl")
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT.parent / "shared/data/nli")
    parser.add_argument("--stance", type=int, default=100)
    parser.add_argument("--gate-recall", type=float, default=0.95)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    began = time.perf_counter()
    table, n_story = build_table(args)
    features = sorted({n for row in table.rows for n in row} - fc.EXCLUDED)
    bounds = fc.weight_bounds(table, features)
    fitting, c, _ = fc.choose_fitting(table, features, bounds, argparse.Namespace(seed=args.seed))
    labels = np.asarray(table.labels)
    logits = fc.out_of_fold_logits(table, fitting, c, args.seed)
    print(f"{len(table.rows)} rows ({n_story} story pairs), {len(features)} features")
    rows = [("sign-constrained logistic", f"C={c}", criterion(labels, logits, n_story))]
    for params in GBM_GRID:
        scores = boosted_scores(table, features, fitting.stance_weight, params, args.seed)
        label = "lr={} trees={} leaf={} l2={}".format(*params)
        rows.append(("monotone gradient boosting", label, criterion(labels, scores, n_story)))
    print(f"stance weight {fitting.stance_weight} (chosen by the logistic fit)")
    for name, setting, m in rows:
        print(
            f"{name:28s} {setting:34s} AP {m['ap']:.4f}  stance AUC {m['stance_auc']:.4f}"
            f"  criterion {m['criterion']:.4f}"
        )
    print(f"{time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
