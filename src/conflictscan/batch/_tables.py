"""Tables in: JSONL/CSV/TSV/Parquet files, saved datasets and in-memory rows -> ``Dataset``.

Input: a path, a ``datasets.Dataset`` or ``DatasetDict``, a list of row dicts, or a pandas
``DataFrame``. Output: a ``datasets.Dataset`` that has every required column and at least
one row.

The one owner of reading tables, with two ways to hold a file:

* :func:`load_table` (evaluation, training, and every non-file input of a batch run):
  files are parsed with pyarrow and wrapped in an in-memory ``Dataset``: nothing is
  written to the ``datasets`` cache, no progress bars appear, and parse errors keep their
  row number.
* ``_open_table`` (a batch run's input file): the file becomes a memory-mapped Arrow cache
  in the run's scratch folder, so collections larger than memory can be scanned.

A directory is read with ``datasets.load_from_disk``. ``datasets`` is imported lazily, so
importing this module stays cheap.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictscan._errors import InputError

if TYPE_CHECKING:
    import datasets
    import pyarrow as pa

_FORMATS: dict[str, str] = {
    ".jsonl": "json",
    ".json": "json",
    ".ndjson": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
# Large enough that one long news article (a JSON line) never straddles two blocks.
_JSON_BLOCK_BYTES = 16 << 20


def load_table(
    data: Any,
    *,
    split: str | None = None,
    columns: Sequence[str] = (),
) -> datasets.Dataset:
    """Load labelled or unlabelled rows as a ``datasets.Dataset``.

    Args:
        data: Path to a ``.jsonl``/``.json`` (JSON Lines), ``.csv``, ``.tsv`` or
            ``.parquet`` file, a directory written by ``Dataset.save_to_disk``, a
            ``datasets.Dataset``, a ``datasets.DatasetDict``, a list of row dicts or a
            pandas ``DataFrame``.
        split: Which split of a ``DatasetDict`` to use; may be omitted when it has one
            split. Not allowed for other inputs.
        columns: Columns that must exist.

    Returns:
        The rows, with at least one row and every column in ``columns``.

    Raises:
        InputError: Missing, empty, unreadable or unsupported file; unknown split; a
            missing column (the message lists the columns that exist); no rows.

    Example:
        >>> table = load_table("pairs.jsonl", columns=("premise", "hypothesis"))
        >>> table.column_names
        ['premise', 'hypothesis', 'label']
    """
    import datasets

    loaded = _to_dataset(data)
    if isinstance(loaded, datasets.DatasetDict):
        table = _pick_split(loaded, split)
    elif split is not None:
        raise InputError(
            f"split={split!r} was given but the data is not a DatasetDict; "
            "drop split= or pass a DatasetDict"
        )
    else:
        table = loaded
    check_columns(table, columns)
    if table.num_rows == 0:
        raise InputError(f"{_describe(data)} has no rows; pass data with at least one row")
    return table


def check_columns(table: datasets.Dataset, columns: Sequence[str]) -> None:
    """Raise unless every name in ``columns`` is a column of ``table``.

    Args:
        table: The loaded rows.
        columns: Required column names.

    Raises:
        InputError: Naming the missing columns and listing the ones that exist.
    """
    missing = [name for name in columns if name not in table.column_names]
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(map(repr, missing))}; the data has columns "
            f"{', '.join(map(repr, table.column_names)) or '(none)'}; rename them or pass "
            "the matching *_column= argument"
        )


def _pick_split(data: datasets.DatasetDict, split: str | None) -> datasets.Dataset:
    names = list(data.keys())
    if split is None and len(names) == 1:
        return data[names[0]]
    if split is None or split not in data:
        given = "no split" if split is None else f"split {split!r}"
        raise InputError(
            f"{given} given for a DatasetDict with splits {', '.join(map(repr, names))}; "
            "pass split= with one of them"
        )
    return data[split]


def _to_dataset(data: Any) -> datasets.Dataset | datasets.DatasetDict:
    import datasets

    if isinstance(data, datasets.Dataset | datasets.DatasetDict):
        return data
    if isinstance(data, str | os.PathLike):
        return _read_path(Path(data))
    if isinstance(data, list) and all(isinstance(row, dict) for row in data):
        return datasets.Dataset.from_list(data)
    if type(data).__module__.startswith("pandas") and type(data).__name__ == "DataFrame":
        return datasets.Dataset.from_pandas(data, preserve_index=False)
    raise InputError(
        f"cannot read data of type {type(data).__name__}; expected a file path, a "
        "datasets.Dataset/DatasetDict, a list of dicts or a pandas DataFrame"
    )


def _read_path(path: Path) -> datasets.Dataset | datasets.DatasetDict:
    import datasets

    if path.is_dir():
        return _load_saved(path)
    if not path.is_file():
        raise InputError(f"file not found: {str(path)!r}; check the path")
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"unsupported file type {path.suffix or '(no suffix)'!r} for {str(path)!r}; "
            f"expected one of {', '.join(sorted(_FORMATS))}"
        )
    if path.stat().st_size == 0:
        raise InputError(f"file {str(path)!r} is empty; pass a file with at least one row")
    require_rows(path)
    return datasets.Dataset(_read_arrow(path, fmt))


def require_rows(path: Path) -> None:
    """Raise unless a JSONL/CSV/TSV file has at least one data row (not just a header).

    Args:
        path: The file; other formats are not checked.

    Raises:
        InputError: A CSV/TSV with a header only, or a JSON Lines file of blank lines.
    """
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt not in {"json", "csv", "tsv"}:
        return
    needed = 1 if fmt == "json" else 2  # CSV/TSV: a header, then rows
    with path.open("rb") as fh:
        found = sum(1 for line, _ in zip(_non_blank(fh), range(needed), strict=False) if line)
    if found < needed:
        what = "only blank lines" if fmt == "json" else "a header but no rows"
        raise InputError(
            f"file {str(path)!r} has {what}; pass a file with at least one row "
            f"({'one JSON object per line' if fmt == 'json' else 'below the header line'})"
        )


def _non_blank(lines: Any) -> Any:
    return (line for line in lines if line.strip())


def parse_error_location(path: Path) -> str | None:
    """Where a JSON Lines or CSV/TSV file first fails to parse, for error messages.

    Args:
        path: A ``.jsonl``/``.ndjson``/``.json`` (one object per line) or ``.csv``/``.tsv``
            file.

    Returns:
        ``"line 3: Expecting value"`` (JSON Lines) or ``"line 7 has 4 fields, the header
        3"`` (CSV/TSV) for the first bad line, or None when none is found.
    """
    fmt = _FORMATS.get(path.suffix.lower())
    try:
        with path.open("r", encoding="utf-8", errors="replace", newline="") as fh:
            if fmt == "json":
                return _bad_json_line(fh)
            if fmt in {"csv", "tsv"}:
                return _bad_csv_line(fh, "\t" if fmt == "tsv" else ",")
    except (OSError, csv.Error):
        return None
    return None


def _bad_json_line(lines: Any) -> str | None:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if number == 1 and line.lstrip().startswith("["):
            return None  # a JSON array, not JSON Lines
        try:
            value = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            return f"line {number}, column {exc.colno}: {exc.msg}"
        if not isinstance(value, dict):
            return f"line {number}: holds {type(value).__name__}, expected a JSON object"
    return None


def _bad_csv_line(lines: Any, delimiter: str) -> str | None:
    reader = csv.reader(lines, delimiter=delimiter)
    header = next(reader, None)
    for row in reader:
        if row and header is not None and len(row) != len(header):
            return f"line {reader.line_num} has {len(row)} fields, the header {len(header)}"
    return None


def _read_arrow(path: Path, fmt: str) -> pa.Table:
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    import pyarrow.json as pa_json
    import pyarrow.parquet as pa_parquet

    try:
        if fmt == "json":
            options = pa_json.ReadOptions(block_size=_JSON_BLOCK_BYTES)
            return pa_json.read_json(path, read_options=options)
        if fmt == "parquet":
            return pa_parquet.read_table(path, memory_map=True)
        delimiter = "\t" if fmt == "tsv" else ","
        return pa_csv.read_csv(path, parse_options=pa_csv.ParseOptions(delimiter=delimiter))
    except (pa.ArrowException, OSError) as exc:
        where = parse_error_location(path)
        raise InputError(
            f"cannot read {str(path)!r} as {fmt.upper()}: {where or exc}; check the file's "
            "format (JSON files must hold one object per line)"
        ) from exc


def _load_saved(path: Path) -> datasets.Dataset | datasets.DatasetDict:
    import datasets

    try:
        loaded = datasets.load_from_disk(str(path))
    except (FileNotFoundError, ValueError, OSError) as exc:
        raise InputError(
            f"directory {str(path)!r} is not a dataset saved with save_to_disk: {exc}; "
            "pass a file or a saved dataset directory"
        ) from exc
    return loaded


def _describe(data: Any) -> str:
    if isinstance(data, str | os.PathLike):
        return repr(str(data))
    return f"the {type(data).__name__}"


_FILE_BUILDERS = {
    ".jsonl": "json",
    ".json": "json",
    ".ndjson": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}


def _open_table(data: Any, split: str | None, scratch: Path, show: bool) -> datasets.Dataset:
    """The input as a Dataset; files become a memory-mapped Arrow cache in ``scratch``."""
    if isinstance(data, str | os.PathLike) and Path(data).is_file():
        builder = _FILE_BUILDERS.get(Path(data).suffix.lower())
        if builder is not None:
            if split is not None:
                raise InputError(f"split={split!r} applies to a DatasetDict, not a file; drop it")
            return _load_file(Path(data), builder, scratch, show)

    return load_table(data, split=split)


def _load_file(path: Path, builder: str, scratch: Path, show: bool) -> datasets.Dataset:
    import datasets
    import pyarrow as pa

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
