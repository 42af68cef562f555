"""The output target and its crash-safe journal: progress log, atomic writes, Parquet."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictscan._errors import BatchError, ConflictScanError, InputError
from conflictscan.batch._readers import _READ_BATCH, _iter_jsonl
from conflictscan.report._records import RECORD_COLUMNS

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)

OUTPUT_COLUMNS: tuple[str, ...] = ("group", *RECORD_COLUMNS)
"""Columns of every output row: the group label, then the flat conflict record."""
_FORMAT_VERSION = 1


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
