"""Batch scanning: article collections in, conflict rows out, resumable.

Input: a JSONL/JSON/CSV/TSV/Parquet file, a saved dataset directory, a
``datasets.Dataset`` or ``DatasetDict`` split, a list of row dicts or a pandas DataFrame.
Output: a JSONL (or Parquet) file with one conflict per line, and a :class:`BatchReport`.

How a run works:

1. **Read.** Files are converted by ``datasets`` into a memory-mapped Arrow file in a
   scratch folder beside the output, so articles are fetched one group at a time. One
   pass over the rows checks ids and texts, hashes the input, and collects the group
   labels (or compact lead vectors when grouping automatically, see
   :mod:`conflictscan.batch._grouping`).
2. **Group.** Only articles of the same story are compared. Groups of one article are
   skipped and counted.
3. **Scan.** Each group goes through :class:`~conflictscan.Scanner` with
   ``pairing="cross-similar"`` (each sentence against its ``top_k`` most similar
   sentences of the other articles). Near-duplicate sentences are scored once
   (:class:`~conflictscan.batch.DedupScorer`) and every score and sentence embedding
   goes through a persistent :class:`~conflictscan.batch.ScoreCache`, so re-runs and
   overlapping collections re-compute nothing.
4. **Write.** After each group, its rows are appended to the output and fsynced, then a
   line recording the group and the output's new byte size is appended to
   ``<out>.progress.jsonl`` and fsynced. A re-run with the same input and settings
   truncates the output to the last recorded size and carries on with the next group, so
   an interrupted run (even by SIGKILL) ends with exactly the rows of an uninterrupted
   one. Different input or settings against an existing progress file raise
   :class:`~conflictscan.InputError` unless ``overwrite=True``.

``engine="ray"`` runs step 3 on Ray Data actors (one scanner, so one model load, per
actor) while the driver keeps writing in group order; see ``docs/batch.md``.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from conflictscan.batch._batch_report import BatchReport, _report
from conflictscan.batch._cache import (
    ScoreCache,
)
from conflictscan.batch._engines import _execute
from conflictscan.batch._journal import _Progress, _Target, _writing
from conflictscan.batch._lock import OutputLock
from conflictscan.batch._plan import _base_scanner, _Options, _Plan, _plan, _settings
from conflictscan.batch._tables import _open_table

if TYPE_CHECKING:
    from conflictscan._scanner import Scanner

logger = logging.getLogger(__name__)


def scan_collection(
    data: Any,
    *,
    scanner: Scanner | None = None,
    scanner_factory: Callable[[], Scanner] | None = None,
    text_column: str = "text",
    id_column: str = "doc_id",
    group_column: str | None = None,
    source_column: str | None = None,
    date_column: str | None = None,
    title_column: str | None = None,
    split: str | None = None,
    out: str | os.PathLike[str] | None = None,
    pairing: str | None = "cross-similar",
    grouping: str = "tfidf",
    grouping_threshold: float | None = None,
    date_window_days: float | None = 2.0,
    max_group_size: int | None = 200,
    engine: str = "local",
    workers: int | None = None,
    ray_address: str | None = None,
    cache: str | os.PathLike[str] | ScoreCache | bool | None = True,
    overwrite: bool = False,
    wait: bool | float = False,
    show_progress: bool | None = None,
) -> BatchReport:
    """Find conflicts within each story of an article collection.

    Args:
        data: File path (``.jsonl``/``.json``/``.csv``/``.tsv``/``.parquet``), saved
            dataset directory, ``datasets.Dataset``/``DatasetDict``, list of dicts or
            pandas DataFrame.
        scanner: The scanner whose settings and components are used (default
            ``Scanner()``).
        scanner_factory: Zero-argument, picklable callable returning a scanner; Ray
            workers call it to build theirs. Takes precedence over ``scanner``.
        text_column: Column with the article text.
        id_column: Column with unique article ids (strings; integers are converted).
        group_column: Column naming each article's story; without it, stories are found
            automatically (``grouping``).
        source_column: Column with the outlet name.
        date_column: Column with ISO publication dates (used for relative dates and,
            with automatic grouping, the date window).
        title_column: Column with headlines, used for automatic grouping.
        split: Split of a ``DatasetDict``.
        out: Output path, ``.jsonl`` or ``.parquet``; None writes to a temporary file.
        pairing: Pairing strategy inside a group; None keeps the scanner's own.
        grouping: Automatic grouping method, ``"tfidf"`` or ``"embedding"``.
        grouping_threshold: Similarity cut; default 0.35 (TF-IDF) or 0.8 (embedding).
        date_window_days: With ``date_column`` and automatic grouping, only articles
            published at most this many days apart are grouped; None disables.
        max_group_size: Automatic groups larger than this are split with a stricter cut.
        engine: ``"local"`` (this process) or ``"ray"`` (Ray Data actors).
        workers: Ray actors (default: the cluster's CPU count); must be 1 or None locally.
        ray_address: Ray cluster address; default ``RAY_ADDRESS`` or a local instance.
        cache: ``True`` for the default score cache, a path or :class:`ScoreCache`, or
            ``False``/None for none.
        overwrite: Discard an existing output and progress file instead of resuming.
        wait: When another run holds ``out`` (one writer per output): ``False`` fails at
            once naming it, ``True`` waits until it ends, a number waits that many
            seconds at most. A lock left by a killed run is taken over at once.
        show_progress: Progress bars; default only when stderr is a terminal.

    Returns:
        The :class:`BatchReport`; iterate it (or call ``rows()``) for the conflict rows.

    Raises:
        InputError: Unreadable data, missing columns (the message lists those present),
            null or repeated ids, non-text texts, no article with text, bad dates or
            options, an output left by a different job, or an output location that
            cannot be written (read-only folder or file system, a directory as ``out``).
        OutputLockedError: Another run is writing ``out`` (and ``wait`` is not set).
        BatchError: Scanning a group, or writing its rows, failed; ``resume_from`` names
            it, and re-running the same call resumes there.

    Example:
        >>> report = scan_collection("articles.jsonl", group_column="story_id",
        ...                          source_column="source", out="conflicts.jsonl")
        >>> for row in report:
        ...     print(row["confidence"], row["a_text"], "<>", row["b_text"])
    """
    started = time.perf_counter()
    show = sys.stderr.isatty() if show_progress is None else show_progress
    target = _Target.build(out)
    lock = OutputLock(target.final, wait=wait)
    options = _Options.build(locals())
    try:
        with lock:
            if overwrite:
                target.clear()
            plan, log = _run(data, split, scanner, scanner_factory, options, target, show)
    finally:
        if options.cache is not None and not isinstance(cache, ScoreCache):
            options.cache.close()
    report = _report(plan, log, target.final, time.perf_counter() - started)
    logger.info("%s", report.summary())
    return report


def _run(
    data: Any,
    split: str | None,
    scanner: Any,
    factory: Callable[[], Any] | None,
    options: _Options,
    target: _Target,
    show: bool,
) -> tuple[_Plan, _Progress]:
    """Read, plan and scan under the output lock; returns the plan and the progress log."""
    base = _base_scanner(scanner, factory)
    table = _open_table(data, split, target.scratch, show)
    plan = _plan(table, options, base, show)
    with _writing(target, "start"):
        log = _Progress(target, _settings(plan, options, base))
    try:
        if not log.finished:
            _execute(plan, options, base, log, show)
            with _writing(target, "finish"):
                log.finish(target)
    finally:
        log.close()
    target.cleanup()
    return plan, log
