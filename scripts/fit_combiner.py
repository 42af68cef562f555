"""Fit conflictscan's learned combiner on the dev split of the news dev set.

One command fits, calibrates, saves and (optionally) evaluates::

    OMP_NUM_THREADS=2 HF_HUB_OFFLINE=1 PYTHONPATH=src python scripts/fit_combiner.py \
        --out src/conflictscan/data/combiner.json --evaluate

Steps:

1. The relatedness gate is the highest floor that still lets ``--gate-recall`` of the
   annotated conflicts of the ``dev`` stories in ``benchmarks/news/stories.jsonl`` through.
   Only pairs at or above it reach the model in a scan, so only they are scored
   (``Scanner.candidates``: NLI in both directions, relatedness, signals) and become feature
   rows (``aggregation.pair_features``), labelled 1 when annotated as a conflict. The
   annotation lists every conflict in a story, so all other pairs are negatives.
2. Real news stance items from the *train* splits of ``fnc1`` and ``arc_stance`` add one
   row each: the most contradictory of the headline's pairs with its most related body
   sentences, labelled 1 when the body disputes the headline, 0 when it agrees.
3. The fit is a class-balanced logistic model with sign constraints (evidence for a
   conflict never lowers confidence, evidence against never raises it) and capped weights
   on context features (:func:`weight_bounds`). ``C`` and the stance rows' weight are
   chosen together by grouped cross-validation (average precision on story pairs plus the
   stance items' AUC); ``--stance-weight`` fixes the weight instead.
4. A one-feature logistic fit (Platt scaling) of the out-of-fold logits of the story pairs
   maps scores back to calibrated probabilities over the pairs a scan sees.
5. Signal floors (``build.signal_floors``): for numeric, date and denial evidence, the
   share of the rows of steps 1 and 2 where the signal fired that are conflicts (annotated,
   or a disputing body). A fired signal keeps confidence at or above that share times its
   strength.
6. Signal ceilings (``build.signal_ceilings``): for the features that say two claims are
   about different things or moments (``subject_contrast``, ``other_group``,
   ``different_times``, ``other_times``, ``time_shift``), the share of conflicts
   among the rows of steps 1 and 2 where the feature fired and both directions read a
   contradiction. A fired feature keeps confidence at or below that share.
7. Minimal edits keep the NLI reading as a floor (``Combiner.edit_floor``, see
   ``conflictscan._aggregation``): the dev stories hold almost none to fit them on.
8. No veto (:func:`without_vetoes`): a context weight that alone could pull a pair read as
   a contradiction both ways (P 0.95) under the model's default threshold is shrunk until
   it cannot.

The ``heldout`` split is never used for any choice; ``--evaluate`` only reports it. NLI
scores are cached in ``--cache`` (SQLite), so reruns and the evaluation reuse them.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from conflictscan import Scanner, evaluate_news
from conflictscan._aggregation import FIXED_CAPS, FIXED_FLOORS
from conflictscan._config import default_threshold
from conflictscan.batch import CachedScorer, ScoreCache
from conflictscan.build import (
    Combiner,
    fit_combiner,
    pair_features,
    scored_candidates,
    signal_ceilings,
    signal_floors,
    story_fold,
)
from conflictscan.evaluation import Story, load_stories

REPO_ROOT = Path(__file__).resolve().parent.parent

C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
# Weights of the stance rows tried: their share of the fit shrinks as the story set grows.
# Up to 3 until Dec. 2026, when "standard" chose the largest; with 5-12 it chooses 8 and
# "mini" still 1 (docs/news.md, "Stance weight").
STANCE_WEIGHT_GRID = (1.0, 2.0, 3.0, 5.0, 8.0, 12.0)
STANCE_SETS = ("fnc1", "arc_stance")
# Body sentences per stance item that are scored (the most related to the headline): the
# item's highest-confidence pair is almost always among them, at a fraction of the cost.
STANCE_TOP_K = 5
# Stance items per stance per set in a fit, and the seed that draws them (and the folds).
STANCE_PER_LABEL = 100
SEED = 13
# Features a combiner never sees: raw probabilities (their logits are used instead) and
# whether both sentences come from one article, which says nothing about a conflict.
# The minimal-edit flags are not weighed either: they set the combiner's NLI floor
# (``Combiner.edit_floor``) and the cap on an edit in numbers that agree, and the dev
# stories hold almost no minimal edits to weigh them on.
EXCLUDED = frozenset(
    {"c_max", "c_min", "same_doc", "minimal_edit", "other_times"}
    | set(FIXED_CAPS)
    | set(FIXED_FLOORS)
)
"""Features the logistic fit leaves out: raw probabilities (their clipped logits are in),
context the fit must not weigh, ``other_times``, read by the ceilings alone, and
the features of ``_aggregation.FIXED_CAPS`` and ``FIXED_FLOORS``, which set a fixed cap or
floor."""
EVIDENCE_FOR = frozenset(
    {
        "lc_max",
        "lc_min",
        "ev_numeric",
        "ev_date",
        "ev_denial",
        "numeric_conflict",
        "sign_conflict",
        "zero_conflict",
        "date_conflict",
        "ev_place",
        "state_clash",
    }
)
# Evidence against: entailment or neutrality, compatible numbers or dates, signs that the
# two sentences report different moments (an update word, times that cannot meet), and
# subjects that are different things of one kind.
EVIDENCE_AGAINST = frozenset(
    {
        "e_max",
        "n_min",
        "numbers_compatible",
        "dates_compatible",
        "update_marker",
        "different_times",
        "time_shift",
        "subject_contrast",
        "other_group",
    }
)
CONTEXT_SWING = 1.0
SWEEP = (0.1, 0.2, 0.3, 0.4, 0.5)
GATE_GRID = tuple(round(g, 2) for g in np.arange(0.0, 0.61, 0.01))
FOLDS = 5


@dataclass
class PairTable:
    """Feature rows of candidate pairs with labels and the story each came from."""

    rows: list[dict[str, float]]
    labels: list[int]
    groups: list[str]

    def subset(self, keep: Sequence[int]) -> PairTable:
        """The rows at positions ``keep``."""
        return PairTable(
            [self.rows[i] for i in keep],
            [self.labels[i] for i in keep],
            [self.groups[i] for i in keep],
        )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, default=REPO_ROOT / "benchmarks/news/stories.jsonl")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "runs/fit_combiner/combiner.json")
    parser.add_argument("--model", default="mini", help="NLI model preset, hub id or folder")
    parser.add_argument("--cache", type=Path, default=REPO_ROOT / "runs/fit_combiner/scores.sqlite")
    parser.add_argument(
        "--backend",
        default="auto",
        help="NLI backend the scores come from (default: what a scan uses, 'auto')",
    )
    parser.add_argument("--gate-recall", type=float, default=0.95)
    parser.add_argument(
        "--data-dir", type=Path, default=REPO_ROOT.parent / "shared/data/nli", help="NLI data"
    )
    parser.add_argument(
        "--stance",
        type=int,
        default=STANCE_PER_LABEL,
        help="train items per stance per set (0 = none)",
    )
    parser.add_argument(
        "--stance-weight",
        type=float,
        default=None,
        help="weight of each stance row (default: chosen by cross-validation)",
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--evaluate", action="store_true", help="report dev and heldout after")
    parser.add_argument(
        "--fold-models",
        nargs=2,
        default=None,
        help="cross-fitting: models trained without story fold 0 and fold 1 "
        "(scripts/adapt_news.py --exclude-fold); each dev story is scored by the model that "
        "never saw it",
    )
    return parser.parse_args(argv)


def build_scanner(model: str, cache_path: Path, backend: str = "auto") -> Scanner:
    """A news-reasoning scanner whose NLI scores go through a persistent cache."""
    from conflictscan.nli import NLIScorer

    cache_path.parent.mkdir(parents=True, exist_ok=True)
    scorer = CachedScorer(NLIScorer(model, backend=backend), ScoreCache(cache_path))
    return Scanner(model, scorer=scorer, reasoning="news")


def story_relatedness(scanner: Scanner, stories: Sequence[Story]) -> list[list[tuple]]:
    """Per story, ``(i, j, relatedness, label)`` for every sentence pair (no NLI needed)."""
    from conflictscan import make_pairs

    out = []
    for story in stories:
        sents = scanner.sentences_for(story.documents())
        emb = np.asarray(scanner.encoder.encode([s.content for s in sents]), dtype=np.float64)
        rows = []
        for i, j in make_pairs(sents, "all", max_pairs=scanner.config.max_pairs):
            label = any(pair.covers(sents[i], sents[j]) for pair in story.conflicts)
            rows.append((i, j, float(np.clip(emb[i] @ emb[j], -1.0, 1.0)), int(label)))
        out.append(rows)
    return out


def choose_gate(related: Sequence[Sequence[tuple]], target_recall: float) -> float:
    """Highest gate letting at least ``target_recall`` of the annotated conflicts through."""
    positives = [rel for rows in related for _, _, rel, label in rows if label]
    best = 0.0
    for gate in GATE_GRID:
        if sum(rel >= gate for rel in positives) / len(positives) >= target_recall:
            best = gate
    return best


def collect_pairs(
    scanner: Scanner,
    stories: Sequence[Story],
    fold_scanners: Sequence[Scanner] | None = None,
    *,
    related: Sequence[Sequence[tuple]] | None = None,
    gate: float = -1.0,
) -> PairTable:
    """Sentence pairs of every story at or above ``gate`` as labelled feature rows.

    Only those pairs reach the model in a scan, so only they are scored. With
    ``fold_scanners`` each story is scored by the scanner of its cross-fitting fold.
    """
    related = related if related is not None else story_relatedness(scanner, stories)
    table = PairTable([], [], [])
    for story, rows in zip(stories, related, strict=True):
        chosen = fold_scanners[story_fold(story.story_id)] if fold_scanners else scanner
        pairs = [(i, j) for i, j, rel, _ in rows if rel >= gate]
        _, candidates = scored_candidates(chosen, story.documents(), pairs=pairs)
        for cand in candidates:
            label = any(pair.covers(cand.a, cand.b) for pair in story.conflicts)
            table.rows.append(pair_features(cand))
            table.labels.append(int(label))
            table.groups.append(story.story_id)
    return table


def passes_gate(row: Mapping[str, float], gate: float) -> bool:
    """Whether a pair reaches the model under ``gate`` (the scanner's rule)."""
    return row.get("relatedness", 1.0) >= gate


def stance_rows(
    scanner: Scanner, data_dir: Path, per_label: int, seed: int, gate: float
) -> PairTable:
    """One row per real news stance item: its most contradictory headline-body pair.

    Items come from the *train* splits of ``fnc1`` and ``arc_stance`` (bodies that dispute
    their headline are 1, bodies that agree are 0). A scan reports an item through its
    highest-confidence pair, so each item contributes the gated pair whose two
    directions' P(contradiction) logits sum highest.
    """
    from conflictscan import Document
    from conflictscan.evaluation import load_stance_items
    from conflictscan.evaluation._stance import DISPUTES

    table = PairTable([], [], [])
    for name in STANCE_SETS:
        items = load_stance_items(data_dir / name / "train.jsonl", per_label=per_label, seed=seed)
        for index, item in enumerate(items):
            docs = [Document(item.headline, doc_id="headline"), Document(item.body, doc_id="body")]
            pairs = _closest_cross_pairs(scanner, docs, gate)
            if not pairs:
                continue
            _, cands = scored_candidates(scanner, docs, pairs=pairs)
            rows = [pair_features(c) for c in cands]
            rows = [r for r in rows if passes_gate(r, gate)]
            if not rows:
                continue
            table.rows.append(max(rows, key=lambda r: r["lc_max"] + r["lc_min"]))
            table.labels.append(int(item.label == DISPUTES))
            table.groups.append(f"{name}:{index}")
    return table


def _closest_cross_pairs(scanner: Scanner, docs: Sequence[Any], gate: float) -> list:
    """The :data:`STANCE_TOP_K` headline-body pairs of highest relatedness at or above ``gate``."""
    sents = scanner.sentences_for(docs)
    emb = np.asarray(scanner.encoder.encode([s.content for s in sents]), dtype=np.float64)
    pairs = [
        (float(emb[i] @ emb[j]), i, j)
        for i, a in enumerate(sents)
        for j, b in enumerate(sents)
        if i < j and a.doc_id != b.doc_id
    ]
    pairs = sorted((p for p in pairs if p[0] >= gate), reverse=True)[:STANCE_TOP_K]
    return [(i, j) for _, i, j in pairs]


def weight_bounds(table: PairTable, features: Sequence[str]) -> dict[str, tuple]:
    """Sign constraints on evidence, and a cap on every context feature's weight.

    Evidence for a conflict gets a weight >= 0 and evidence against one a weight <= 0, so
    confidence follows them monotonically. A context feature's weight is capped so that
    moving it across its whole observed range (1st to 99th percentile) shifts the logit by
    at most :data:`CONTEXT_SWING`: no context feature alone can veto strong evidence.
    """
    x = np.array([[r.get(n, 0.0) for n in features] for r in table.rows])
    bounds: dict[str, tuple] = {}
    for col, name in enumerate(features):
        if name in EVIDENCE_FOR:
            bounds[name] = (0.0, None)
        elif name in EVIDENCE_AGAINST:
            bounds[name] = (None, 0.0)
        else:
            values = x[:, col]
            spread = np.percentile(values, 99) - np.percentile(values, 1)
            scale = values.std() or 1.0
            cap = CONTEXT_SWING * scale / spread if spread > 0 else 0.0
            bounds[name] = (-cap, cap)
    return bounds


def _logit(p: float) -> float:
    p = min(max(p, 1e-12), 1.0 - 1e-12)
    return math.log(p / (1.0 - p))


def out_of_fold_logits(table: PairTable, fitting: Fitting, c: float, seed: int) -> np.ndarray:
    """Logits for every row from combiners fitted on the other folds (grouped by story)."""
    from sklearn.model_selection import GroupKFold

    folds = GroupKFold(n_splits=FOLDS, shuffle=True, random_state=seed)
    logits = np.zeros(len(table.rows))
    for train, test in folds.split(table.rows, table.labels, table.groups):
        part = table.subset(train)
        combiner = fitting.fit(part, c)
        logits[test] = [_logit(combiner.predict(table.rows[i])) for i in test]
    return logits


@dataclass
class Fitting:
    """Feature list, weight bounds and per-row weights shared by every fit of one run."""

    features: Sequence[str]
    bounds: Mapping[str, tuple]
    stance_weight: float

    def fit(self, table: PairTable, c: float, gate: float = 0.0) -> Combiner:
        """A bounded combiner fitted on ``table``; stance rows get ``stance_weight``."""
        weights = [self.stance_weight if ":" in g else 1.0 for g in table.groups]
        return fit_combiner(
            table.rows,
            table.labels,
            features=self.features,
            c=c,
            gate=gate,
            bounds=self.bounds,
            sample_weight=weights,
        )


def ranking_metrics(labels: Sequence[int], scores: np.ndarray) -> dict[str, float]:
    """ROC AUC and average precision."""
    from sklearn.metrics import average_precision_score, roc_auc_score

    return {
        "auc": float(roc_auc_score(labels, scores)),
        "ap": float(average_precision_score(labels, scores)),
    }


def choose_c(table: PairTable, fitting: Fitting, seed: int) -> tuple[float, dict[str, Any]]:
    """The ``C`` with the best out-of-fold average precision on story pairs (plus the
    stance items' AUC), and every C's metrics."""
    story = [i for i, g in enumerate(table.groups) if ":" not in g]
    stance = [i for i, g in enumerate(table.groups) if ":" in g]
    results = {}
    for c in C_GRID:
        logits = out_of_fold_logits(table, fitting, c, seed)
        metrics = ranking_metrics([table.labels[i] for i in story], logits[story])
        if stance:
            metrics["stance_auc"] = ranking_metrics(
                [table.labels[i] for i in stance], logits[stance]
            )["auc"]
        results[c] = metrics
    best = max(C_GRID, key=lambda c: _criterion(results[c]))
    return best, {str(c): m for c, m in results.items()}


def _criterion(metrics: Mapping[str, float]) -> float:
    return metrics["ap"] + metrics.get("stance_auc", 0.0)


def choose_fitting(
    table: PairTable, features: Sequence[str], bounds: Mapping[str, tuple], args: Any
) -> tuple[Fitting, float, dict[str, Any]]:
    """The stance weight and ``C`` with the best cross-validated criterion (see
    :func:`choose_c`), and every candidate's metrics keyed by weight."""
    fixed = getattr(args, "stance_weight", None)
    candidates = (fixed,) if fixed is not None else STANCE_WEIGHT_GRID
    best: tuple[float, Fitting, float] | None = None
    grids: dict[str, Any] = {}
    for weight in candidates:
        fitting = Fitting(features, bounds, float(weight))
        c, grid = choose_c(table, fitting, args.seed)
        grids[str(float(weight))] = grid
        score = _criterion(grid[str(c)])
        if best is None or score > best[0]:
            best = (score, fitting, c)
    assert best is not None
    return best[1], best[2], grids


def platt(logits: np.ndarray, labels: Sequence[int]) -> tuple[float, float]:
    """Slope and offset mapping raw logits to calibrated ones."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e6, max_iter=1000).fit(logits.reshape(-1, 1), labels)
    return float(model.coef_[0][0]), float(model.intercept_[0])


def calibration_metrics(
    labels: Sequence[int], logits: np.ndarray, a: float, b: float
) -> dict[str, float]:
    """Log-loss, Brier score and precision/recall at 0.5 of calibrated out-of-fold scores."""
    y = np.asarray(labels)
    p = np.clip(1.0 / (1.0 + np.exp(-(a * logits + b))), 1e-12, 1 - 1e-12)
    flagged = p >= 0.5
    return {
        "log_loss": float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))),
        "brier": float(np.mean((p - y) ** 2)),
        "precision_at_0.5": float(y[flagged].mean()) if flagged.any() else 0.0,
        "recall_at_0.5": float(flagged[y == 1].mean()),
    }


def calibrated(
    combiner: Combiner,
    a: float,
    b: float,
    meta: Mapping[str, Any],
    bounds: Mapping[str, tuple] | None = None,
) -> Combiner:
    """``combiner`` with Platt scaling folded into its weights and intercept.

    A slope above 1 would stretch each context feature's swing past
    :data:`CONTEXT_SWING`; its weight is then clipped back to its cap in ``bounds``
    (:func:`weight_bounds`), so that the shipped combiner keeps the promise.
    """
    weights = {name: a * w for name, w in combiner.weights.items()}
    clipped = []
    for name, (low, high) in (bounds or {}).items():
        if name in weights and low is not None and high is not None:
            kept = min(max(weights[name], low), high)
            if kept != weights[name]:
                clipped.append(name)
            weights[name] = kept
    # The cross-validated figures in ``meta`` are those of the fit before this clip.
    meta = {**meta, "context_clipped": clipped}
    return replace(combiner, weights=weights, intercept=a * combiner.intercept + b, meta=meta)


@dataclass
class TrainingSet:
    """What a fit learns from: the gated dev story pairs, then the stance rows."""

    related: list  # per story: (i, j, relatedness, label) of every candidate pair
    gate: float
    kept: PairTable
    stance: PairTable

    @property
    def combined(self) -> PairTable:
        """Story rows first, then stance rows."""
        kept, stance = self.kept, self.stance
        return PairTable(
            kept.rows + stance.rows, kept.labels + stance.labels, kept.groups + stance.groups
        )


def training_set(
    args: argparse.Namespace,
    scanner: Scanner,
    stories: Sequence[Story],
    folds: Sequence[Scanner] | None = None,
) -> TrainingSet:
    """Steps 1-2 of the module docstring: the relatedness gate, the gated story pairs and
    (with ``args.stance``) the real news stance rows."""
    related = story_relatedness(scanner, stories)
    gate = choose_gate(related, args.gate_recall)
    kept = collect_pairs(scanner, stories, folds, related=related, gate=gate)
    stance = PairTable([], [], [])
    if args.stance:
        stance = stance_rows(scanner, args.data_dir, args.stance, args.seed, gate)
    return TrainingSet(related, gate, kept, stance)


def fit(args: argparse.Namespace, scanner: Scanner, stories: Sequence[Story]) -> Combiner:
    """Run the steps of the module docstring and return the calibrated combiner."""
    folds = None
    if getattr(args, "fold_models", None):
        folds = [build_scanner(m, args.cache, args.backend) for m in args.fold_models]
    data = training_set(args, scanner, stories, folds)
    related, gate, kept, stance = data.related, data.gate, data.kept, data.stance
    n_pairs = sum(len(rows) for rows in related)
    n_positives = sum(label for rows in related for *_, label in rows)
    combined = data.combined
    features = sorted({name for row in combined.rows for name in row} - EXCLUDED)
    bounds = weight_bounds(combined, features)
    fitting, c, grids = choose_fitting(combined, features, bounds, args)
    grid = grids[str(fitting.stance_weight)]
    logits = out_of_fold_logits(combined, fitting, c, args.seed)
    story_logits = logits[: len(kept.rows)]
    a, b = platt(story_logits, kept.labels)
    meta = {
        "source": "scripts/fit_combiner.py",
        "data": (
            f"{args.stories.name} split=dev ({len(stories)} stories); "
            f"{len(stance.rows)} stance items from {', '.join(STANCE_SETS)} train"
        ),
        "model": str(scanner.scorer.fingerprint),
        "cross_fitted": bool(folds),
        "pairs": n_pairs,
        "positives": n_positives,
        "gate_recall": args.gate_recall,
        "pairs_after_gate": len(kept.rows),
        "positives_after_gate": sum(kept.labels),
        "stance_items": len(stance.rows),
        "stance_disputes": sum(stance.labels),
        "stance_weight": fitting.stance_weight,
        "cv_by_stance_weight": grids,
        "context_swing": CONTEXT_SWING,
        "bounds": {k: list(v) for k, v in fitting.bounds.items()},
        "c": c,
        "cv_by_c": grid,
        "cv": {
            **ranking_metrics(kept.labels, story_logits),
            **calibration_metrics(kept.labels, story_logits, a, b),
        },
        "platt": {"slope": a, "offset": b},
    }
    floors, support = signal_floors(combined.rows, combined.labels)
    meta["floors_support"] = support  # per signal: [pairs where it fired, of them conflicts]
    ceilings, against = signal_ceilings(combined.rows, combined.labels)
    meta["ceilings_support"] = against  # the same, among pairs with strong NLI evidence
    fitted = calibrated(fitting.fit(combined, c, gate), a, b, meta, fitting.bounds)
    fitted = replace(fitted, floors=floors, edit_floor=True, ceilings=ceilings)
    return without_vetoes(fitted, default_threshold("news", getattr(args, "model", None)))


# P(contradiction) 0.95 both ways, the strong evidence no context feature may overrule.
STRONG_NLI = {"lc_max": 2.944, "lc_min": 2.944, "e_max": 0.025, "n_min": 0.025}


def without_vetoes(combiner: Combiner, threshold: float) -> Combiner:
    """``combiner`` with any context weight that alone could pull a strongly contradictory
    pair under ``threshold`` shrunk until it cannot.

    The cap of :func:`weight_bounds` bounds each context feature's swing in the logit, but a
    model whose strong evidence sits close to its threshold ("mini") can still be pushed
    under it; here the promise is checked where it matters, at either end of each context
    feature's range (relatedness from the gate), and the weights shrunk are named in
    ``meta["veto_shrunk"]``.
    """
    strong = {**combiner.means, **STRONG_NLI}
    room = _logit(combiner.predict(strong)) - _logit(threshold)
    weights, shrunk = dict(combiner.weights), {}
    for name, (low, high) in combiner.meta.get("bounds", {}).items():
        if low is None or high is None or name not in weights or room <= 0:
            continue
        mean, scale = combiner.means.get(name, 0.0), combiner.scales.get(name, 1.0) or 1.0
        ends = (combiner.gate if name == "relatedness" else 0.0, 1.0)
        drop = max(-weights[name] * (end - mean) / scale for end in ends)
        if drop > room:
            shrunk[name] = weights[name]
            weights[name] *= 0.99 * room / drop
    if not shrunk:
        return combiner
    meta = {**combiner.meta, "veto_shrunk": shrunk}
    return replace(combiner, weights=weights, meta=meta)


def report(scanner: Scanner, combiner: Combiner, path: Path) -> dict[str, Any]:
    """Evaluate the fitted combiner at several thresholds; print and return.

    Besides the ``dev`` and ``heldout`` splits it reports the dev stories that no ``standard``
    build before Dec. 2026 trained on (``standard_gpu.UNSEEN_DEV_STORIES``). For such a build
    they are where a candidate model or combiner is best compared. The shipped build reads
    every dev story, so for it they are training text like the rest (docs/models.md).
    """
    from standard_gpu import UNSEEN_DEV_STORIES

    tuned = Scanner(
        scanner.config.model, scorer=scanner.scorer, encoder=scanner.encoder, combiner=combiner
    )
    stories = load_stories(path)
    parts = {
        "dev": [s for s in stories if s.split == "dev"],
        "dev_unseen": [s for s in stories if s.split == "dev" and s.story_id in UNSEEN_DEV_STORIES],
        "heldout": [s for s in stories if s.split == "heldout"],
    }
    out: dict[str, Any] = {}
    for name, part in parts.items():
        if not part:
            continue  # a stories file without that part
        result = evaluate_news(part, scanner=tuned, threshold=SWEEP[0])
        print(f"== {name}")  # the rendered header prints its AUC
        print(result.at(0.5).render(show_misses=0))
        out[name] = {str(t): result.at(t).metrics() for t in SWEEP}
        for t in SWEEP:
            m = {k: (float("nan") if v is None else v) for k, v in out[name][str(t)].items()}
            print(
                f"  {name} @ {t:.1f}: recall {m['recall']:.3f}, hard negatives flagged "
                f"{m['hard_negatives_flagged']:.3f}, false alarms/conflict-free story "
                f"{m['false_alarms_per_conflict_free_story']:.2f}, unmatched/story "
                f"{m['unmatched_per_story']:.2f}"
            )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Fit, save and optionally evaluate; returns the exit code."""
    args = parse_args(argv)
    began = time.perf_counter()
    stories = [story for story in load_stories(args.stories) if story.split == "dev"]
    scanner = build_scanner(args.model, args.cache, args.backend)
    combiner = fit(args, scanner, stories)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    combiner.save(args.out)
    print(json.dumps(dict(combiner.meta), indent=2))
    print(f"gate {combiner.gate}, saved to {args.out} ({time.perf_counter() - began:.0f} s)")
    if args.evaluate:
        metrics = report(scanner, combiner, args.stories)
        args.out.with_suffix(".eval.json").write_text(json.dumps(metrics, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
