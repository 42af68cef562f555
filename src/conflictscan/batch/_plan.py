"""Planning a batch run: options, the validation pass and story grouping."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from conflictscan._config import ScanConfig
from conflictscan._errors import InputError
from conflictscan.batch._cache import (
    ScoreCache,
    default_cache_path,
)
from conflictscan.batch._grouping import (
    GROUPING_METHODS,
    Grouping,
    LeadVectorizer,
    cluster_vectors,
    group_by_label,
    lead_text,
    parse_date,
)
from conflictscan.batch._journal import _FORMAT_VERSION
from conflictscan.batch._readers import _READ_BATCH

if TYPE_CHECKING:
    pass

ENGINES = ("local", "ray")


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
    from conflictscan._scanner import Scanner

    return Scanner()


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
    from conflictscan.batch._tables import check_columns

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
