"""Batch scanning: article collections in, conflict rows out, resumable.

Input: a JSONL/JSON/CSV/TSV/Parquet file, a saved dataset directory, a
``datasets.Dataset`` or ``DatasetDict`` split, a list of row dicts or a pandas DataFrame.
Output: a JSONL (or Parquet) file with one conflict per line, and a :class:`BatchReport`.

How a run works:

1. **Read.** Files are converted by ``datasets`` into a memory-mapped Arrow file in a
   scratch folder beside the output, so articles are fetched one group at a time. One
   pass over the rows checks ids and texts, hashes the input, and collects the group
   labels (or compact lead vectors when grouping automatically, see
   :mod:`conflictscan.grouping`).
2. **Group.** Only articles of the same story are compared. Groups of one article are
   skipped and counted.
3. **Scan.** Each group goes through :class:`~conflictscan.scanner.Scanner` with
   ``pairing="cross-similar"`` (each sentence against its ``top_k`` most similar
   sentences of the other articles). Near-duplicate sentences are scored once
   (:class:`~conflictscan.cache.DedupScorer`) and every score and sentence embedding
   goes through a persistent :class:`~conflictscan.cache.ScoreCache`, so re-runs and
   overlapping collections re-compute nothing.
4. **Write.** After each group, its rows are appended to the output and fsynced, then a
   line recording the group and the output's new byte size is appended to
   ``<out>.progress.jsonl`` and fsynced. A re-run with the same input and settings
   truncates the output to the last recorded size and carries on with the next group, so
   an interrupted run (even by SIGKILL) ends with exactly the rows of an uninterrupted
   one. Different input or settings against an existing progress file raise
   :class:`~conflictscan.errors.InputError` unless ``overwrite=True``.

``engine="ray"`` runs step 3 on Ray Data actors (one scanner, so one model load, per
actor) while the driver keeps writing in group order; see ``docs/batch.md``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictscan._lock import OutputLock
from conflictscan.cache import (
    CachedEncoder,
    CachedScorer,
    DedupScorer,
    ScoreCache,
    default_cache_path,
)
from conflictscan.config import ScanConfig
from conflictscan.errors import BatchError, ConflictScanError, InputError, PairLimitError
from conflictscan.grouping import (
    GROUPING_METHODS,
    Grouping,
    LeadVectorizer,
    cluster_vectors,
    group_by_label,
    lead_text,
    parse_date,
)
from conflictscan.report import RECORD_COLUMNS, result_to_records
from conflictscan.results import Document

if TYPE_CHECKING:
    import datasets

    from conflictscan.scanner import Scanner

logger = logging.getLogger(__name__)

OUTPUT_COLUMNS: tuple[str, ...] = ("group", *RECORD_COLUMNS)
"""Columns of every output row: the group label, then the flat conflict record."""

ENGINES = ("local", "ray")
_FILE_BUILDERS = {
    ".jsonl": "json",
    ".json": "json",
    ".ndjson": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_READ_BATCH = 1024
_RAY_WINDOW_ARTICLES = 20_000
_FORMAT_VERSION = 1


@dataclass(frozen=True)
class BatchReport:
    """What a batch run did. Iterating it yields the output rows (read lazily).

    Args:
        articles_read: Rows in the input.
        articles_skipped: Articles not scanned, by reason (``"empty text"``,
            ``"no group value"``).
        groups: Groups (stories of two or more articles) scanned, including groups
            finished by an earlier, interrupted run.
        groups_skipped: Groups not scanned, by reason (``"single article"``: articles
            with no other article in their story; ``"too many pairs"``).
        grouping: ``"column"``, ``"tfidf"`` or ``"embedding"``.
        sentences: Sentences compared, over all scanned groups.
        pairs_considered: Candidate sentence pairs after pruning.
        pairs_requested: Distinct ordered pairs the scanner asked scores for.
        pairs_scored: Ordered pairs actually run through the NLI model, after
            near-duplicate merging and the cache.
        all_pairs: Unordered pairs among all those sentences (the naive approach).
        all_pairs_in_groups: Unordered pairs within groups (grouping without pruning).
        cache_hits: Distinct pairs answered by the score cache.
        near_duplicates: Pairs answered by a near-duplicate's score.
        conflicts: Rows in the output.
        seconds: Wall time of this call.
        out: The output file (a temporary file when no ``out`` was given).
        resumed_groups: Groups already done by an earlier run of the same job.
        cache_repaired: Cache rows found damaged (failed checksum or impossible values)
            and recomputed.
    """

    articles_read: int
    articles_skipped: dict[str, int]
    groups: int
    groups_skipped: dict[str, int]
    grouping: str
    sentences: int
    pairs_considered: int
    pairs_requested: int
    pairs_scored: int
    all_pairs: int
    all_pairs_in_groups: int
    cache_hits: int
    near_duplicates: int
    conflicts: int
    seconds: float
    out: Path
    resumed_groups: int = 0
    cache_repaired: int = 0

    def rows(self) -> Iterator[dict[str, Any]]:
        """The output rows, one dict per conflict, read lazily from :attr:`out`."""
        return iter_rows(self.out)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.rows()

    def to_html(self, *, title: str | None = None, max_conflicts: int | None = 500) -> str:
        """A self-contained HTML report: per-story summary, histogram, conflict cards.

        See :func:`conflictscan.html_report.batch_to_html`.
        """
        from conflictscan.html_report import batch_to_html

        return batch_to_html(self, title=title, max_conflicts=max_conflicts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of the counts."""
        data = asdict(self)
        data["out"] = str(self.out)
        return data

    def summary(self) -> str:
        """Two human-readable lines: what was read, scored and written."""
        skipped = sum(self.groups_skipped.values())
        articles = f"{self.articles_read} articles"
        if self.articles_skipped:
            reasons = ", ".join(f"{n} {why}" for why, n in self.articles_skipped.items())
            articles += f" ({reasons}, not scanned)"
        if self.pairs_scored:
            ratio = f"{self.all_pairs / self.pairs_scored:,.1f}x fewer"
        else:
            ratio = "every score from the cache" if self.cache_hits else "nothing to score"
        repaired = ""
        if self.cache_repaired:
            repaired = f"; {self.cache_repaired:,} damaged cache rows recomputed"
        return (
            f"{articles}, {self.groups} groups scanned ({skipped} skipped), "
            f"{self.conflicts} conflicts -> {self.out}\n"
            f"{self.pairs_scored:,} pairs scored ({self.cache_hits:,} cache hits) vs "
            f"{self.all_pairs:,} all-pairs ({ratio}) in {self.seconds:.1f}s{repaired}"
        )


def iter_rows(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Read a batch output file lazily, one conflict row at a time.

    Args:
        path: A ``.jsonl`` or ``.parquet`` file written by :func:`scan_collection`.

    Returns:
        An iterator of row dicts with the columns of :data:`OUTPUT_COLUMNS`.

    Raises:
        InputError: The file does not exist.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no batch output at {str(path)!r}; run scan_collection first")
    if path.suffix.lower() in {".parquet", ".pq"}:
        return _iter_parquet(path)
    return _iter_jsonl(path)


def _iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("r", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _iter_parquet(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=_READ_BATCH):
        yield from batch.to_pylist()


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


# -- options --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Options:
    """Validated call options (everything but the data and scanner)."""

    text_column: str
    id_column: str
    group_column: str | None
    source_column: str | None
    date_column: str | None
    title_column: str | None
    pairing: str | None
    grouping: str
    grouping_threshold: float
    date_window_days: float | None
    max_group_size: int | None
    engine: str
    workers: int | None
    ray_address: str | None
    cache: ScoreCache | None
    scanner_factory: Callable[[], Any] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, given: dict[str, Any]) -> _Options:
        _check_choice("engine", given["engine"], ENGINES)
        _check_choice("grouping", given["grouping"], tuple(GROUPING_METHODS))
        workers = given["workers"]
        if workers is not None and (workers < 1 or (given["engine"] == "local" and workers > 1)):
            raise InputError(
                f"workers={workers} is not valid with engine={given['engine']!r}; expected "
                "None or 1 for 'local', a positive number for 'ray' (use engine='ray' to "
                "spread groups over several processes)"
            )
        threshold = given["grouping_threshold"]
        names = [f.name for f in cls.__dataclass_fields__.values()]
        values = {name: given.get(name) for name in names}
        values["grouping_threshold"] = threshold or GROUPING_METHODS[given["grouping"]]
        values["cache"] = _open_cache(given["cache"])
        return cls(**values)

    def columns(self) -> list[str]:
        """Input columns the run reads, required first."""
        optional = (self.group_column, self.source_column, self.date_column, self.title_column)
        return [self.text_column, self.id_column, *(c for c in optional if c)]


def _check_choice(name: str, value: Any, valid: Sequence[str]) -> None:
    if value not in valid:
        choices = ", ".join(repr(v) for v in valid)
        raise InputError(f"unknown {name} {value!r}; choose one of {choices}")


def _open_cache(cache: Any) -> ScoreCache | None:
    if cache is None or cache is False:
        return None
    if cache is True:
        return ScoreCache(default_cache_path())
    if isinstance(cache, ScoreCache):
        return cache
    if isinstance(cache, str | os.PathLike):
        return ScoreCache(cache)
    raise InputError(
        f"cache={cache!r} is not valid; expected True, False/None, a path or a ScoreCache"
    )


def _base_scanner(scanner: Any, factory: Callable[[], Any] | None) -> Any:
    if factory is not None:
        return factory()
    if scanner is not None:
        return scanner
    from conflictscan.scanner import Scanner

    return Scanner()


# -- output paths ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    """Where rows, progress and scratch files go."""

    final: Path
    rows: Path
    progress: Path
    scratch: Path
    temporary: bool

    @classmethod
    def build(cls, out: str | os.PathLike[str] | None) -> _Target:
        temporary = out is None
        if out is None:
            final = Path(tempfile.mkdtemp(prefix="conflictscan-batch-")) / "conflicts.jsonl"
        else:
            final = Path(out)
        if final.is_dir():
            raise InputError(
                f"output {str(final)!r} is a directory; pass a file path such as "
                f"{str(final / 'conflicts.jsonl')!r}"
            )
        suffix = final.suffix.lower()
        if suffix not in {".jsonl", ".parquet", ".pq"}:
            raise InputError(
                f"output {str(final)!r} has suffix {suffix or '(none)'!r}; expected "
                "'.jsonl' or '.parquet'"
            )
        _check_folder(final.parent)
        with _writing(final, "start"):
            final.parent.mkdir(parents=True, exist_ok=True)
        parquet = suffix != ".jsonl"
        rows = final.with_name(final.name + ".rows.jsonl") if parquet else final
        progress = final.with_name(final.name + ".progress.jsonl")
        scratch = final.with_name(final.name + ".work")
        return cls(final, rows, progress, scratch, temporary)

    def clear(self) -> None:
        """Delete the output, its rows and progress files (``overwrite=True``)."""
        for path in (self.final, self.rows, self.progress):
            if path.is_dir():
                raise InputError(
                    f"{str(path)!r} is a directory, so overwrite cannot replace it; remove "
                    "it or choose another output"
                )
            with _writing(self, "start"):
                path.unlink(missing_ok=True)

    @property
    def parquet(self) -> bool:
        """True when the final output is Parquet (converted from the JSONL rows)."""
        return self.rows != self.final

    def cleanup(self) -> None:
        """Remove scratch files of a finished run."""
        shutil.rmtree(self.scratch, ignore_errors=True)


def _check_folder(folder: Path) -> None:
    """Raise when a part of the output's folder path exists as a file."""
    for part in (folder, *folder.parents):
        if part.exists():
            if not part.is_dir():
                raise InputError(
                    f"cannot create the output folder {str(folder)!r}: {str(part)!r} is a file, "
                    "not a folder; choose another output location (out= / --out)"
                )
            return


# -- reading --------------------------------------------------------------------------


def _open_table(data: Any, split: str | None, scratch: Path, show: bool) -> datasets.Dataset:
    """The input as a Dataset; files become a memory-mapped Arrow cache in ``scratch``."""
    if isinstance(data, str | os.PathLike) and Path(data).is_file():
        builder = _FILE_BUILDERS.get(Path(data).suffix.lower())
        if builder is not None:
            if split is not None:
                raise InputError(f"split={split!r} applies to a DatasetDict, not a file; drop it")
            return _load_file(Path(data), builder, scratch, show)
    from conflictscan.datasource import load_table

    return load_table(data, split=split)


def _load_file(path: Path, builder: str, scratch: Path, show: bool) -> datasets.Dataset:
    import datasets
    import pyarrow as pa

    from conflictscan.datasource import parse_error_location, require_rows

    if path.stat().st_size == 0:
        raise InputError(f"file {str(path)!r} is empty; pass a file with at least one article")
    require_rows(path)
    kwargs: dict[str, Any] = {"delimiter": "\t"} if path.suffix.lower() == ".tsv" else {}
    was_disabled = datasets.utils.are_progress_bars_disabled()
    if not show:
        datasets.utils.disable_progress_bars()
    verbosity = datasets.logging.get_verbosity()
    datasets.logging.set_verbosity(datasets.logging.CRITICAL)  # parse errors: ours says where
    try:
        return datasets.load_dataset(
            builder, data_files=str(path), split="train", cache_dir=str(scratch), **kwargs
        )
    except (datasets.exceptions.DatasetGenerationError, pa.ArrowException, ValueError) as exc:
        where = parse_error_location(path)
        raise InputError(
            f"cannot read {str(path)!r} as {builder.upper()}: {where or exc}; fix the file"
            + (" (JSONL files hold one JSON object per line)" if builder == "json" else "")
        ) from exc
    finally:
        datasets.logging.set_verbosity(verbosity)
        if not show and not was_disabled:
            datasets.utils.enable_progress_bars()


# -- planning: one pass over the rows -------------------------------------------------


@dataclass
class _Plan:
    """The validated input and its groups (row indices into ``table``)."""

    table: Any
    rows: list[int]
    grouping: Grouping
    articles_read: int
    articles_skipped: dict[str, int]
    input_sha256: str

    def group_rows(self) -> Iterator[tuple[str, list[int]]]:
        """Each group's label and table rows, in group order."""
        for label, members in zip(self.grouping.labels, self.grouping.groups, strict=True):
            yield label, [self.rows[m] for m in members]


@dataclass
class _Scan:
    """State of the validation pass."""

    ids: set[str] = field(default_factory=set)
    duplicates: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    digest: Any = field(default_factory=hashlib.sha256)


def _plan(table: Any, opts: _Options, scanner: Any, show: bool) -> _Plan:
    """Validate every row, hash the input and find the groups, before any scoring."""
    from conflictscan.datasource import check_columns

    check_columns(table, opts.columns())
    if table.num_rows == 0:
        raise InputError("the data has no rows; pass at least two articles")
    state = _Scan()
    vectorizer = None
    if opts.group_column is None:
        vectorizer = LeadVectorizer(opts.grouping, encoder=_encoder_of(scanner, opts.grouping))
    _validation_pass(table, opts, state, vectorizer, show)
    if not state.rows:
        reasons = ", ".join(f"{n} {why}" for why, n in state.skipped.items())
        raise InputError(
            f"none of the {table.num_rows} articles can be scanned ({reasons}); check that "
            f"text_column={opts.text_column!r} (--text-column) names the column holding the "
            "article text"
            + (f" and group_column={opts.group_column!r} its story" if opts.group_column else "")
        )
    if state.duplicates:
        shown = ", ".join(repr(d) for d in state.duplicates[:5])
        raise InputError(
            f"{len(state.duplicates)} repeated value(s) in id column {opts.id_column!r}: "
            f"{shown}; ids must be unique, so de-duplicate the articles or pick another id column"
        )
    grouping = _group(state, opts, vectorizer)
    skipped = dict(state.skipped)
    return _Plan(table, state.rows, grouping, table.num_rows, skipped, state.digest.hexdigest())


def _encoder_of(scanner: Any, method: str) -> Any:
    return scanner.encoder if method == "embedding" else None


def _validation_pass(
    table: Any, opts: _Options, state: _Scan, vectorizer: LeadVectorizer | None, show: bool
) -> None:
    from tqdm.auto import tqdm

    columns = opts.columns()
    with tqdm(total=table.num_rows, desc="articles", unit="art", disable=not show) as bar:
        start = 0
        for batch in table.select_columns(columns).iter(batch_size=_READ_BATCH):
            count = len(batch[opts.text_column])
            leads = [_check_row(batch, k, start + k, opts, state) for k in range(count)]
            if vectorizer is not None:
                vectorizer.add([lead for lead in leads if lead is not None])
            start += count
            bar.update(count)


def _check_row(
    batch: dict[str, list[Any]], k: int, row: int, opts: _Options, state: _Scan
) -> str | None:
    """Validate one row; record it if usable. Returns its lead text for grouping."""
    text = batch[opts.text_column][k]
    doc_id = _doc_id(batch[opts.id_column][k], row, opts.id_column)
    if doc_id in state.ids:
        state.duplicates.append(doc_id)
    state.ids.add(doc_id)
    if text is not None and not isinstance(text, str):
        raise InputError(
            f"row {row} (id {doc_id!r}): column {opts.text_column!r} holds "
            f"{type(text).__name__} {text!r}; expected text. Fix the row or pick another "
            "text column"
        )
    values = [doc_id, text, *(batch[c][k] for c in opts.columns()[2:])]
    state.digest.update(json.dumps(values, default=str).encode("utf-8") + b"\n")
    if text is None or not text.strip():
        state.skipped["empty text"] = state.skipped.get("empty text", 0) + 1
        return None
    label = batch[opts.group_column][k] if opts.group_column else "auto"
    if label is None or (isinstance(label, str) and not label.strip()):
        state.skipped["no group value"] = state.skipped.get("no group value", 0) + 1
        return None
    date = _row_date(batch, k, row, opts)
    state.rows.append(row)
    state.labels.append(str(label))
    state.dates.append(date)
    title = batch[opts.title_column][k] if opts.title_column else None
    return lead_text(text, title if isinstance(title, str) else None)


def _doc_id(value: Any, row: int, column: str) -> str:
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise InputError(
        f"row {row}: id column {column!r} holds {type(value).__name__} {value!r}; expected a "
        "non-empty string (or integer) id. Fill in the id or pick another id column"
    )


def _row_date(batch: dict[str, list[Any]], k: int, row: int, opts: _Options) -> Any:
    if not opts.date_column:
        return None
    try:
        return parse_date(batch[opts.date_column][k])
    except InputError as exc:
        raise InputError(f"row {row}, column {opts.date_column!r}: {exc}") from exc


def _group(state: _Scan, opts: _Options, vectorizer: LeadVectorizer | None) -> Grouping:
    if vectorizer is None:
        return group_by_label(state.labels)
    window = opts.date_window_days if opts.date_column else None
    return cluster_vectors(
        vectorizer.finish(),
        threshold=opts.grouping_threshold,
        dates=state.dates if window is not None else None,
        date_window_days=window,
        max_group_size=opts.max_group_size,
        method=opts.grouping,
    )


# -- settings fingerprint -------------------------------------------------------------


def _settings(plan: _Plan, opts: _Options, scanner: Any) -> dict[str, Any]:
    """Everything that determines the output rows; a resumed run must match it."""
    config = _run_config(scanner.config, opts.pairing)
    options = asdict(replace(opts, cache=None, scanner_factory=None))
    for volatile in ("engine", "workers", "ray_address", "cache", "scanner_factory"):
        options.pop(volatile)
    settings = {
        "format": _FORMAT_VERSION,
        "input_sha256": plan.input_sha256,
        "options": options,
        "scanner": config.to_dict(),
        "scorer": str(getattr(scanner.scorer, "fingerprint", "")),
    }
    return json.loads(json.dumps(settings, default=repr))


def _run_config(config: ScanConfig, pairing: str | None) -> ScanConfig:
    return config if pairing is None else replace(config, pairing=pairing)


# -- progress log and output ----------------------------------------------------------


class _Progress:
    """Output rows plus an append-only log of finished groups, written crash-safely.

    The log's first line holds the settings; each further line records one finished
    group and the output's byte size after it; a last ``{"done": true}`` line marks a
    complete run. Rows are fsynced before their log line, so the output is always at
    least as long as the log says, and re-opening truncates it to exactly that.
    """

    def __init__(self, target: _Target, settings: dict[str, Any]) -> None:
        self.target = target
        self.records: dict[str, dict[str, Any]] = {}
        self.finished = False
        self.offset = 0
        self.resumed = 0
        if target.progress.exists():
            self._resume(settings)
        else:
            self._start(settings)
        self._files = [] if self.finished else [target.rows.open("ab"), target.progress.open("ab")]

    def _start(self, settings: dict[str, Any]) -> None:
        if _non_empty(self.target.final):
            raise InputError(
                f"output {str(self.target.final)!r} already exists and has no progress file; "
                "pass overwrite=True (--overwrite) to replace it, or choose another output"
            )
        self.target.rows.unlink(missing_ok=True)
        header = json.dumps({"conflictscan_batch": _FORMAT_VERSION, "settings": settings})
        _atomic_write(self.target.progress, header + "\n")
        self.target.rows.touch()

    def _resume(self, settings: dict[str, Any]) -> None:
        header, records, size = _read_log(self.target.progress)
        if header.get("settings") != settings:
            raise InputError(
                f"{str(self.target.progress)!r} belongs to a run with other input or settings "
                f"({_first_difference(header.get('settings'), settings)}); re-run with the "
                "original ones to resume, pass overwrite=True (--overwrite) to start again, "
                "or choose another output"
            )
        with self.target.progress.open("r+b") as fh:
            fh.truncate(size)
        self.finished = bool(records) and records[-1].get("done") is True
        groups = [r for r in records if "group" in r]
        self.records = {r["group"]: r for r in groups}
        self.offset = groups[-1]["offset"] if groups else 0
        self.resumed = len(groups)
        if not self.finished:
            self._truncate_rows()

    def _truncate_rows(self) -> None:
        rows = self.target.rows
        actual = rows.stat().st_size if rows.exists() else 0
        if actual < self.offset:
            raise BatchError(
                f"{str(rows)!r} is {actual} bytes but its progress file records {self.offset}; "
                "it was changed outside conflictscan. Re-run with overwrite=True to start again"
            )
        with rows.open("r+b") as fh:
            fh.truncate(self.offset)
            os.fsync(fh.fileno())
        logger.info("resuming after %d finished groups", len(self.records))

    def commit(self, outcome: dict[str, Any]) -> None:
        """Append a finished group's rows, then its log line (each fsynced)."""
        rows, log = self._files
        data = outcome.pop("lines").encode("utf-8")
        with _writing(self.target, "group"):
            if data:
                _append(rows, data)
            record = {**outcome, "offset": self.offset + len(data)}
            _append(log, (json.dumps(record) + "\n").encode("utf-8"))
        self.offset += len(data)
        self.records[record["group"]] = record

    def finish(self, target: _Target) -> None:
        """Write Parquet if asked, then mark the run complete."""
        rows, log = self._files
        rows.close()
        if target.parquet:
            _write_parquet(target.rows, target.final)
        _append(log, b'{"done": true}\n')
        self.finished = True
        if target.parquet:
            target.rows.unlink(missing_ok=True)

    def close(self) -> None:
        """Close the open files."""
        for fh in self._files:
            fh.close()


@contextlib.contextmanager
def _writing(target: _Target | Path, stage: str) -> Iterator[None]:
    """Turn an OS error while writing the output into one clear conflictscan error.

    ``stage="start"`` (nothing written yet) raises :class:`InputError`; later stages raise
    :class:`BatchError`, since finished groups are kept and a re-run resumes.
    """
    try:
        yield
    except OSError as exc:
        if isinstance(exc, ConflictScanError):
            raise
        final = target.final if isinstance(target, _Target) else target
        path, reason = str(exc.filename or final), exc.strerror or str(exc)
        if stage == "start":
            raise InputError(
                f"cannot write the batch output at {path!r} ({reason}); choose a writable "
                "location (out= / --out)"
            ) from exc
        raise BatchError(
            f"writing the batch output {path!r} failed ({reason}); fix the cause (e.g. free "
            "disk space) and re-run the same command: finished groups are kept and the run "
            "resumes"
        ) from exc


def _append(fh: Any, data: bytes) -> None:
    """Write, flush and fsync: on disk before anything written after it."""
    fh.write(data)
    fh.flush()
    os.fsync(fh.fileno())


def _non_empty(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not supported on this platform; the rename is still atomic
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_log(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]], int]:
    """Header, complete records and the byte size they span (a torn last line is dropped)."""
    raw = path.read_bytes()
    records: list[dict[str, Any]] = []
    size = 0
    for line in raw.splitlines(keepends=True):
        if not line.endswith(b"\n"):
            break
        try:
            records.append(json.loads(line))
        except ValueError:
            break
        size += len(line)
    if not records or "conflictscan_batch" not in records[0]:
        raise InputError(
            f"{str(path)!r} is not a conflictscan progress file; delete it or pass "
            "overwrite=True (--overwrite)"
        )
    return records[0], records[1:], size


def _first_difference(old: Any, new: dict[str, Any]) -> str:
    """The first setting that differs; settings before the input hash, which they change."""
    if not isinstance(old, dict):
        return "no settings recorded"
    if old.keys() == new.keys() and all(old[k] == new[k] for k in old if k != "input_sha256"):
        return "the input's content differs"
    for key in sorted(set(old) | set(new), key=lambda k: (k == "input_sha256", k)):
        if old.get(key) != new.get(key):
            if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
                return f"{key}: {_first_difference(old[key], new[key])}"
            return f"{key} was {old.get(key)!r}, now {new.get(key)!r}"
    return "unknown difference"


def _write_parquet(rows_path: Path, final: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = _arrow_types()
    schema = pa.schema([(name, types.get(name, pa.string())) for name in OUTPUT_COLUMNS])
    tmp = final.with_name(final.name + ".tmp")
    with pq.ParquetWriter(tmp, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in _iter_jsonl(rows_path):
            chunk.append(row)
            if len(chunk) == _READ_BATCH:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                chunk = []
        writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
    os.replace(tmp, final)


def _arrow_types() -> dict[str, Any]:
    import pyarrow as pa

    floats = ("confidence", "relatedness")
    ints = ("a_start", "a_end", "b_start", "b_end")
    probs = [f"{k}_{d}" for k in ("contradiction", "entailment", "neutral") for d in ("ab", "ba")]
    return {**{n: pa.float64() for n in (*floats, *probs)}, **{n: pa.int64() for n in ints}}


# -- running groups -------------------------------------------------------------------


class GroupRunner:
    """Scans one group at a time with caching and near-duplicate merging.

    Used by both engines: the local engine builds one, each Ray actor builds its own.

    Args:
        scanner: Supplies the settings (``config``) and components (``scorer``,
            ``encoder``).
        cache: Score cache shared by all runners, or None.
        pairing: Pairing strategy to use instead of the scanner's, or None.
    """

    def __init__(self, scanner: Any, cache: ScoreCache | None, pairing: str | None) -> None:
        from conflictscan.scanner import Scanner

        self.cache = cache
        self.cached = CachedScorer(scanner.scorer, cache) if cache is not None else None
        self.dedup = DedupScorer(self.cached or scanner.scorer)
        self.encoder = CachedEncoder(scanner.encoder, cache)
        self.scanner = Scanner.from_config(
            _run_config(scanner.config, pairing), scorer=self.dedup, encoder=self.encoder
        )

    def run(self, label: str, documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
        """Scan one group.

        Args:
            label: The group's label (first column of its rows).
            documents: ``Document`` fields as dicts.

        Returns:
            ``{"group", "lines" (serialised rows), "rows", "sentences", "pairs_*",
            "cache_hits", "near_duplicates", "skipped"}``.
        """
        before = self._counters()
        docs = [Document(**doc) for doc in documents]
        try:
            result = self.scanner.scan(docs)
        except PairLimitError as exc:
            logger.warning("group %r skipped: %s", label, exc)
            return _outcome(label, [], skipped="too many pairs", articles=len(docs))
        rows = [{"group": label, **row} for row in result_to_records(result)]
        after = self._counters()
        n = len(result.sentences)
        return _outcome(
            label,
            rows,
            articles=len(docs),
            sentences=n,
            pairs_considered=result.pairs_considered,
            pairs_requested=result.pairs_scored,
            pairs_scored=after[0] - before[0],
            cache_hits=after[1] - before[1],
            near_duplicates=after[2] - before[2],
            cache_repaired=after[3] - before[3],
            all_pairs_in_group=n * (n - 1) // 2,
        )

    def _counters(self) -> tuple[int, int, int, int]:
        damaged = self.cache.damaged if self.cache is not None else 0
        if self.cached is not None:
            return self.cached.misses, self.cached.hits, self.dedup.merged, damaged
        return self.dedup.scored, 0, self.dedup.merged, damaged


def _outcome(label: str, rows: list[dict[str, Any]], **stats: Any) -> dict[str, Any]:
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return {"group": label, "lines": lines, "rows": len(rows), **stats}


def _documents(plan: _Plan, opts: _Options, rows: list[int]) -> list[dict[str, Any]]:
    """Fetch one group's articles from the table as ``Document`` field dicts."""
    batch = plan.table.select_columns(opts.columns())[rows]
    out = []
    for k in range(len(rows)):
        doc_id = _doc_id(batch[opts.id_column][k], rows[k], opts.id_column)
        doc = {"text": batch[opts.text_column][k], "doc_id": doc_id}
        if opts.source_column and batch[opts.source_column][k] is not None:
            doc["source"] = str(batch[opts.source_column][k])
        published = parse_date(batch[opts.date_column][k]) if opts.date_column else None
        if published is not None:
            doc["published"] = published.isoformat()
        out.append(doc)
    return out


Pending = Iterator[tuple[str, list[dict[str, Any]]]]


def _pending(plan: _Plan, opts: _Options, done: dict[str, Any]) -> Pending:
    for label, rows in plan.group_rows():
        if label not in done:
            yield label, _documents(plan, opts, rows)


def _execute(plan: _Plan, opts: _Options, scanner: Any, log: _Progress, show: bool) -> None:
    from tqdm.auto import tqdm

    pending = _pending(plan, opts, log.records)
    total = len(plan.grouping.groups)
    logger.info("%d groups (%d already done), engine=%s", total, len(log.records), opts.engine)
    with (
        tqdm(total=total, initial=len(log.records), desc="groups", disable=not show) as groups,
        tqdm(desc="pairs scored", unit="pair", disable=not show) as pairs,
    ):
        for outcome in _outcomes(pending, opts, scanner, show):
            log.commit(outcome)
            groups.update(1)
            pairs.update(outcome.get("pairs_scored", 0))


def _outcomes(
    pending: Pending, opts: _Options, scanner: Any, show: bool
) -> Iterator[dict[str, Any]]:
    if opts.engine == "ray":
        yield from _ray_outcomes(pending, opts, scanner, show)
        return
    runner = GroupRunner(scanner, opts.cache, opts.pairing)
    for label, documents in pending:
        yield _guarded(runner, label, documents)


def _guarded(runner: GroupRunner, label: str, documents: list[dict[str, Any]]) -> dict[str, Any]:
    try:
        return runner.run(label, documents)
    except Exception as exc:
        raise _group_failed(label, f"{type(exc).__name__}: {exc}") from exc


def _group_failed(label: str, reason: str) -> BatchError:
    return BatchError(
        f"scanning group {label!r} failed: {reason}. Finished groups are saved; fix the "
        "cause and re-run the same command to resume from this group",
        resume_from=label,
    )


# -- Ray engine -----------------------------------------------------------------------


def _scanner_from_config(config: dict[str, Any]) -> Any:
    """Default factory for Ray workers: a scanner rebuilt from its plain config."""
    from conflictscan.scanner import Scanner

    return Scanner.from_config(ScanConfig.from_dict(config))


class _RayGroupWorker:
    """Ray Data actor: one :class:`GroupRunner` (one model load) scanning many groups."""

    def __init__(
        self, factory: Callable[[], Any], cache_path: str | None, pairing: str | None
    ) -> None:
        cache = ScoreCache(cache_path) if cache_path else None
        self.runner = GroupRunner(factory(), cache, pairing)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        outcomes = []
        for label, payload in zip(batch["group"], batch["payload"], strict=True):
            try:
                outcome = self.runner.run(str(label), json.loads(payload))
            except Exception as exc:  # reported to the driver, which raises BatchError
                outcome = {"group": str(label), "error": f"{type(exc).__name__}: {exc}"}
            outcomes.append(json.dumps(outcome))
        return {"outcome": outcomes}


def _ray_outcomes(
    pending: Pending, opts: _Options, scanner: Any, show: bool
) -> Iterator[dict[str, Any]]:
    """Scan groups on Ray Data actors; yield outcomes in group order."""
    import ray

    started = _ray_connect(opts)
    factory = opts.scanner_factory or functools.partial(
        _scanner_from_config, scanner.config.to_dict()
    )
    try:
        for window in _windows(pending, _RAY_WINDOW_ARTICLES):
            yield from _ray_window(window, factory, opts, show)
    finally:
        if started:
            ray.shutdown()


def _ray_connect(opts: _Options) -> bool:
    """Connect to (or start) Ray; True when this call started it."""
    import ray

    if ray.is_initialized():
        return False
    address = opts.ray_address or os.environ.get("RAY_ADDRESS")
    local = {} if address else {"num_cpus": opts.workers, "include_dashboard": False}
    ray.init(address=address, logging_level=logging.WARNING, **local)
    return True


def _windows(pending: Pending, max_articles: int) -> Iterator[list[tuple[str, Any]]]:
    """Consecutive lists of groups holding at most ``max_articles`` articles (or one group)."""
    window: list[tuple[str, Any]] = []
    articles = 0
    for label, docs in pending:
        if window and articles + len(docs) > max_articles:
            yield window
            window, articles = [], 0
        window.append((label, docs))
        articles += len(docs)
    if window:
        yield window


def _ray_window(
    window: list[tuple[str, Any]], factory: Callable[[], Any], opts: _Options, show: bool
) -> Iterator[dict[str, Any]]:
    import ray

    context = ray.data.DataContext.get_current()
    saved = (context.execution_options.preserve_order, context.enable_progress_bars)
    context.execution_options.preserve_order = True
    context.enable_progress_bars = show
    try:
        items = [{"group": label, "payload": json.dumps(docs)} for label, docs in window]
        size = min(opts.workers or int(ray.cluster_resources().get("CPU", 1)), len(items))
        cache_path = str(opts.cache.path) if opts.cache is not None else None
        dataset = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            _RayGroupWorker,
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=max(1, size)),
            num_cpus=1,
            fn_constructor_kwargs={
                "factory": factory,
                "cache_path": cache_path,
                "pairing": opts.pairing,
            },
        )
        yield from _in_order([label for label, _ in window], dataset.iter_rows())
    finally:
        context.execution_options.preserve_order, context.enable_progress_bars = saved


def _in_order(order: list[str], rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Yield outcomes in ``order`` whatever order they arrive in; raise on a failed group."""
    waiting: dict[str, dict[str, Any]] = {}
    position = 0
    for row in rows:
        outcome = json.loads(row["outcome"])
        if "error" in outcome:
            raise _group_failed(outcome["group"], outcome["error"])
        waiting[outcome["group"]] = outcome
        while position < len(order) and order[position] in waiting:
            yield waiting.pop(order[position])
            position += 1


# -- report ---------------------------------------------------------------------------


def _report(plan: _Plan, log: _Progress, out: Path, seconds: float) -> BatchReport:
    records = list(log.records.values())
    total = {key: sum(r.get(key, 0) for r in records) for key in _SUMMED}
    skipped: dict[str, int] = {}
    if plan.grouping.singletons:
        skipped["single article"] = len(plan.grouping.singletons)
    too_many = sum(1 for r in records if r.get("skipped"))
    if too_many:
        skipped["too many pairs"] = too_many
    sentences = total["sentences"]
    return BatchReport(
        articles_read=plan.articles_read,
        articles_skipped=dict(plan.articles_skipped),
        groups=len(records) - too_many,
        groups_skipped=skipped,
        grouping=plan.grouping.method,
        sentences=sentences,
        pairs_considered=total["pairs_considered"],
        pairs_requested=total["pairs_requested"],
        pairs_scored=total["pairs_scored"],
        all_pairs=sentences * (sentences - 1) // 2,
        all_pairs_in_groups=total["all_pairs_in_group"],
        cache_hits=total["cache_hits"],
        near_duplicates=total["near_duplicates"],
        conflicts=total["rows"],
        seconds=seconds,
        out=out,
        resumed_groups=log.resumed,
        cache_repaired=total["cache_repaired"],
    )


_SUMMED = (
    "rows",
    "sentences",
    "pairs_considered",
    "pairs_requested",
    "pairs_scored",
    "cache_hits",
    "near_duplicates",
    "all_pairs_in_group",
    "cache_repaired",
)
