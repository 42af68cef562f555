"""Build API: what only the build scripts need, not scanning.

``scripts/fit_combiner.py`` fits the learned combiner that ships with each built-in model;
``scripts/adapt_news.py`` and ``scripts/build_standard.py`` cross-fit on the news dev
stories. They use the names below; a scan never imports this module.

* :func:`fit_combiner`: a :class:`~conflictscan._aggregation.Combiner` fitted on labelled
  feature rows (:func:`~conflictscan._aggregation.pair_features`).
* :func:`scored_candidates`: a scanner's scored candidate pairs before aggregation.
* :func:`story_fold`: the cross-fitting fold of a news story.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from conflictscan._aggregation import (
    CEILING_FEATURES,
    CEILING_STRONG_NLI,
    FLOOR_MIN_STRENGTH,
    Combiner,
    pair_features,
)
from conflictscan._errors import InputError
from conflictscan._types import Candidate, Sentence

if TYPE_CHECKING:
    from conflictscan._inputs import DocumentsLike
    from conflictscan._scanner import Scanner

__all__ = [
    "Combiner",
    "fit_combiner",
    "pair_features",
    "scored_candidates",
    "signal_ceilings",
    "signal_floors",
    "story_fold",
]


def story_fold(story_id: str, folds: int = 2) -> int:
    """Cross-fitting fold of a story (stable across runs and machines).

    Args:
        story_id: The story's id.
        folds: Number of folds.

    Returns:
        The fold, in ``range(folds)``.
    """
    return zlib.crc32(story_id.encode("utf-8")) % folds


def scored_candidates(
    scanner: Scanner, docs: DocumentsLike, pairs: Sequence[tuple[int, int]] | None = None
) -> tuple[list[Sentence], list[Candidate]]:
    """Scored candidate pairs before aggregation, for fitting and inspection.

    Args:
        scanner: The scanner whose stages score the pairs.
        docs: The documents.
        pairs: Sentence index pairs into the scanner's sentences; default every pair.

    Returns:
        The sentences and one :class:`~conflictscan._types.Candidate` per pair (no
        relatedness gate applied).
    """
    return scanner._scored_candidates(docs, pairs)


def fit_combiner(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[int],
    *,
    features: Sequence[str] | None = None,
    gate: float = 0.0,
    c: float = 1.0,
    meta: Mapping[str, Any] | None = None,
    bounds: Mapping[str, tuple[float | None, float | None]] | None = None,
    sample_weight: Sequence[float] | None = None,
) -> Combiner:
    """Fit a class-balanced, L2-regularised logistic combiner on feature dicts.

    Args:
        rows: One feature dict per pair (see :func:`pair_features`).
        labels: 1 for a real conflict, 0 otherwise.
        features: Feature names to use (default: every key of the first row).
        gate: Relatedness gate stored with the combiner.
        c: Inverse L2 regularisation strength.
        meta: Provenance stored with the combiner.
        bounds: Feature name -> (low, high) on its weight over standardised values;
            ``(0, None)`` makes confidence non-decreasing in that feature.
        sample_weight: Per-row weights (multiplied with the class balancing).

    Returns:
        The fitted combiner.

    Raises:
        InputError: Without rows of both labels.
    """
    import numpy as np

    if not rows or len(set(labels)) < 2:
        raise InputError("fitting a combiner needs rows with both labels 0 and 1")
    names = list(features or rows[0].keys())
    x = np.array([[float(r.get(n, 0.0)) for n in names] for r in rows], dtype=np.float64)
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    y = np.asarray(labels, dtype=np.float64)
    weight = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, float)
    for label in (0.0, 1.0):
        mask = y == label
        weight[mask] *= len(y) / (2.0 * weight[mask].sum())
    limits = [(bounds or {}).get(n, (None, None)) for n in names]
    coef, intercept = _logistic_fit((x - means) / scales, y, weight, c, limits)
    return Combiner(
        weights=dict(zip(names, map(float, coef), strict=True)),
        intercept=float(intercept),
        means=dict(zip(names, map(float, means), strict=True)),
        scales=dict(zip(names, map(float, scales), strict=True)),
        gate=gate,
        meta=dict(meta or {}),
    )


SIGNAL_FLOOR_FEATURES = ("ev_numeric", "ev_date", "ev_denial", "ev_place")
MIN_FLOOR_SUPPORT = 3
MIN_FLOOR_PRECISION = 0.5
MIN_CEILING_SUPPORT = 5
MAX_CEILING = 0.5


def signal_floors(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[int],
    names: Sequence[str] = SIGNAL_FLOOR_FEATURES,
) -> tuple[dict[str, float], dict[str, list[int]]]:
    """Measured precision of each structured signal, for :attr:`Combiner.floors`.

    For each feature, the rows where it is at least
    :data:`~conflictscan._aggregation.FLOOR_MIN_STRENGTH` are counted, and the share that
    are labelled conflicts is smoothed with one pseudo-count each way
    (``(hits + 1) / (fired + 2)``). Features that fired on fewer than
    :data:`MIN_FLOOR_SUPPORT` rows, or that were wrong more often than right (smoothed
    precision under :data:`MIN_FLOOR_PRECISION`), get no floor.

    Args:
        rows: Feature dicts (:func:`pair_features`).
        labels: 1 for an annotated conflict, else 0.
        names: The signal features to measure.

    Returns:
        The floors, and per feature ``[fired, hits]`` for the record.
    """
    shares, support = _smoothed_shares(rows, labels, names)
    floors = {
        name: share
        for name, share in shares.items()
        if support[name][0] >= MIN_FLOOR_SUPPORT and share >= MIN_FLOOR_PRECISION
    }
    return floors, support


def _smoothed_shares(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[int],
    names: Sequence[str],
    *,
    strong_nli: float = 0.0,
) -> tuple[dict[str, float], dict[str, list[int]]]:
    """Per feature, ``(hits + 1) / (fired + 2)`` over the rows where it fired (and both
    directions' P(contradiction) reach ``strong_nli``), and ``[fired, hits]``."""
    shares, support = {}, {}
    for name in names:
        fired = [
            y
            for r, y in zip(rows, labels, strict=True)
            if r.get(name, 0.0) >= FLOOR_MIN_STRENGTH and r.get("c_min", 0.0) >= strong_nli
        ]
        support[name] = [len(fired), int(sum(fired))]
        shares[name] = (sum(fired) + 1.0) / (len(fired) + 2.0)
    return shares, support


def _logistic_fit(
    x: Any, y: Any, weight: Any, c: float, limits: Sequence[tuple[float | None, float | None]]
) -> tuple[Any, float]:
    """Weighted logistic regression with box constraints on the coefficients (L-BFGS-B)."""
    import numpy as np
    from scipy.optimize import minimize

    def loss(params: Any) -> tuple[float, Any]:
        coef, bias = params[:-1], params[-1]
        z = x @ coef + bias
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))
        nll = np.sum(weight * (np.logaddexp(0.0, z) - y * z))
        grad_z = weight * (p - y)
        grad = np.append(x.T @ grad_z + coef / c, grad_z.sum())
        return float(nll + 0.5 * coef @ coef / c), grad

    start = np.zeros(x.shape[1] + 1)  # zero lies inside every bound used here
    fitted = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=[*limits, (None, None)])
    return fitted.x[:-1], float(fitted.x[-1])


def signal_ceilings(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[int],
    names: Sequence[str] = CEILING_FEATURES,
) -> tuple[dict[str, float], dict[str, list[int]]]:
    """Measured share of conflicts where a feature against a conflict fired, for
    :attr:`Combiner.ceilings`.

    For each feature, the rows where it is at least ``FLOOR_MIN_STRENGTH`` and both
    directions' P(contradiction) are at least
    :data:`~conflictscan._aggregation.CEILING_STRONG_NLI` (the rows a ceiling can lower)
    are counted, and the share labelled conflicts is smoothed with one pseudo-count each
    way (``(hits + 1) / (fired + 2)``). Features that fired on fewer than
    :data:`MIN_CEILING_SUPPORT` such rows, or whose smoothed share is above
    :data:`MAX_CEILING`, get no ceiling.

    Args:
        rows: Feature dicts (:func:`pair_features`).
        labels: 1 for an annotated conflict, else 0.
        names: The features to measure.

    Returns:
        The ceilings, and per feature ``[fired, hits]`` for the record.
    """
    shares, support = _smoothed_shares(rows, labels, names, strong_nli=CEILING_STRONG_NLI)
    ceilings = {
        name: share
        for name, share in shares.items()
        if support[name][0] >= MIN_CEILING_SUPPORT and share <= MAX_CEILING
    }
    return ceilings, support
