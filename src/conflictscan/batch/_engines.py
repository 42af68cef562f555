"""Engines: scanning planned groups in this process (local) or on a Ray cluster."""

from __future__ import annotations

import functools
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from conflictscan._config import ScanConfig
from conflictscan._errors import BatchError, PairLimitError
from conflictscan._types import Document
from conflictscan.batch._cache import ScoreCache
from conflictscan.batch._cached import CachedEncoder, CachedScorer, DedupScorer
from conflictscan.batch._grouping import (
    parse_date,
)
from conflictscan.batch._journal import _Progress
from conflictscan.batch._plan import _doc_id, _Options, _Plan, _run_config
from conflictscan.report._records import result_to_records

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)

_RAY_WINDOW_ARTICLES = 20_000


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
        from conflictscan._scanner import Scanner

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


def _scanner_from_config(config: dict[str, Any], pairing: Callable[..., Any] | None = None) -> Any:
    """Default factory for Ray workers: a scanner rebuilt from its plain config.

    ``pairing`` is the scanner's pairing callable, if it has one (its config only says
    ``"custom"``); it travels to the workers pickled with the factory.
    """
    from conflictscan._scanner import Scanner

    return Scanner.from_config(ScanConfig.from_dict(config), pairing=pairing)


def _worker_factory(given: Callable[[], Any] | None, scanner: Any) -> Callable[[], Any]:
    """What each Ray worker calls to build its scanner: the user's factory or a rebuild."""
    if given is not None:
        return given
    strategy = getattr(scanner, "pairing", None)
    return functools.partial(
        _scanner_from_config,
        scanner.config.to_dict(),
        pairing=strategy if callable(strategy) else None,
    )


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
    factory = _worker_factory(opts.scanner_factory, scanner)
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
