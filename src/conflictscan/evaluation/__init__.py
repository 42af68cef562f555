"""Evaluation: measuring a scanner or scorer on labelled NLI pairs and annotated news.

Input: a table of ``premise``/``hypothesis``/``label`` rows (:func:`evaluate`), a JSONL
file of annotated news stories (:func:`evaluate_news`) or stance items
(:func:`evaluate_stance`), and a :class:`~conflictscan.Scanner` or scorer. Output: an
:class:`EvaluationReport`, :class:`NewsReport` or :class:`StanceReport`.

Modules: ``_nli`` (NLI metrics), ``_stories`` (the news story format), ``_news`` (the news
harness) and ``_stance`` (headline stance).
"""

from __future__ import annotations

from conflictscan.evaluation._news import NewsReport, PairOutcome, Prediction, evaluate_news
from conflictscan.evaluation._nli import (
    ClassMetrics,
    EvaluationReport,
    evaluate,
    expected_calibration_error,
)
from conflictscan.evaluation._stance import (
    StanceItem,
    StanceReport,
    evaluate_stance,
    load_stance_items,
)
from conflictscan.evaluation._stories import AnnotatedPair, Article, Span, Story, load_stories

__all__ = [
    "AnnotatedPair",
    "Article",
    "ClassMetrics",
    "EvaluationReport",
    "NewsReport",
    "PairOutcome",
    "Prediction",
    "Span",
    "StanceItem",
    "StanceReport",
    "Story",
    "evaluate",
    "evaluate_news",
    "evaluate_stance",
    "expected_calibration_error",
    "load_stance_items",
    "load_stories",
]
