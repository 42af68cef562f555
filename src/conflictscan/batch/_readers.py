"""Reading collections row by row: JSONL/CSV/Parquet files and saved datasets."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictscan._errors import InputError

if TYPE_CHECKING:
    import datasets


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


# -- reading --------------------------------------------------------------------------


def _open_table(data: Any, split: str | None, scratch: Path, show: bool) -> datasets.Dataset:
    """The input as a Dataset; files become a memory-mapped Arrow cache in ``scratch``."""
    if isinstance(data, str | os.PathLike) and Path(data).is_file():
        builder = _FILE_BUILDERS.get(Path(data).suffix.lower())
        if builder is not None:
            if split is not None:
                raise InputError(f"split={split!r} applies to a DatasetDict, not a file; drop it")
            return _load_file(Path(data), builder, scratch, show)
    from conflictscan.batch._tables import load_table

    return load_table(data, split=split)


def _load_file(path: Path, builder: str, scratch: Path, show: bool) -> datasets.Dataset:
    import datasets
    import pyarrow as pa

    from conflictscan.batch._tables import parse_error_location, require_rows

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
