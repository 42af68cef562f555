"""Reading output files row by row (JSONL or Parquet), without loading them whole."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from conflictscan._errors import InputError

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
