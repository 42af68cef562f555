"""Batch stage: a collection of articles -> conflicts per story, written incrementally.

Input: a JSONL/JSON/CSV/TSV/Parquet file, a saved dataset directory, a
``datasets.Dataset`` or a ``DatasetDict`` and split. Output: a JSONL (or Parquet) file with
one conflict per line (:data:`OUTPUT_COLUMNS`) and a :class:`BatchReport`.

Modules: ``_tables`` (reading any table into a ``datasets.Dataset``: the one table
reader), ``_readers`` (reading output files row by row), ``_grouping`` (story grouping),
``_cache`` and ``_cached`` (the SQLite score cache and the scorer/encoder that use it),
``_plan`` (options, validation, grouping), ``_journal`` (the output target and its
crash-safe log), ``_lock`` (one writer per output), ``_engines`` (local and Ray),
``_batch_report`` and ``_collection`` (:func:`scan_collection`).
"""

from __future__ import annotations

from conflictscan.batch._batch_report import BatchReport
from conflictscan.batch._cache import ScoreCache, default_cache_path
from conflictscan.batch._cached import CachedEncoder, CachedScorer, DedupScorer
from conflictscan.batch._collection import scan_collection
from conflictscan.batch._grouping import GROUPING_METHODS
from conflictscan.batch._journal import OUTPUT_COLUMNS
from conflictscan.batch._plan import ENGINES
from conflictscan.batch._readers import iter_rows
from conflictscan.batch._tables import load_table

__all__ = [
    "ENGINES",
    "GROUPING_METHODS",
    "OUTPUT_COLUMNS",
    "BatchReport",
    "CachedEncoder",
    "CachedScorer",
    "DedupScorer",
    "ScoreCache",
    "default_cache_path",
    "iter_rows",
    "load_table",
    "scan_collection",
]
