"""Score-cache maintenance: check, repair, clear and count (``conflictscan cache ...``).

Input: the path of a :class:`~conflictscan.batch.ScoreCache` file. Output: a
:class:`CacheCheck` or a stats dict. Used by ``ScoreCache.check``/``ScoreCache.clear`` and
the CLI; the everyday read and write path lives in :mod:`conflictscan.batch._cache`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_TABLES = {"pair_scores": "key, contradiction, entailment, neutral, truncated, checksum"}
_TABLES["embeddings"] = "key, vector, checksum"
_SIDE_FILES = ("-wal", "-shm")


@dataclass(frozen=True, slots=True)
class CacheCheck:
    """Result of verifying a score cache.

    Args:
        path: The cache file.
        scores: Score rows read.
        vectors: Embedding rows read.
        damaged_scores: Score rows whose checksum or values fail.
        damaged_vectors: Embedding rows whose checksum or values fail.
        structure: ``"ok"``, or SQLite's complaint about the file's structure.
        removed: Damaged rows deleted (with ``repair=True``).
    """

    path: Path
    scores: int
    vectors: int
    damaged_scores: int
    damaged_vectors: int
    structure: str
    removed: int = 0

    @property
    def ok(self) -> bool:
        """True when the file is sound and no damaged row is left in it."""
        damaged = self.damaged_scores + self.damaged_vectors
        return self.structure == "ok" and damaged == self.removed

    def summary(self) -> str:
        """One line for people: counts, and what to do when something is wrong."""
        line = (
            f"{self.path}: {self.scores:,} scores, {self.vectors:,} vectors; "
            f"{self.damaged_scores:,} damaged scores, {self.damaged_vectors:,} damaged vectors"
        )
        if self.removed:
            line += f"; {self.removed:,} damaged rows removed"
        if self.structure != "ok":
            return (
                f"{line}; file structure damaged ({self.structure}): run `conflictscan cache "
                "clear` to start a fresh cache"
            )
        if not self.ok:
            return f"{line}; run `conflictscan cache check --repair` to remove them"
        return f"{line}; ok"


def check_cache(conn: sqlite3.Connection, path: Path, *, repair: bool = False) -> CacheCheck:
    """Verify the file structure and every row of an open cache.

    Args:
        conn: An open connection to the cache.
        path: Its path (for the report).
        repair: Delete damaged rows.

    Returns:
        The counts; ``structure`` holds the first problem SQLite reports, if any.
    """
    from conflictscan.batch._rows import _checked_score, _checked_vector

    checks: dict[str, Callable[[Any], Any]] = {
        "pair_scores": _checked_score,
        "embeddings": _checked_vector,
    }
    counts: dict[str, list[int]] = {}
    damaged: dict[str, list[bytes]] = {}
    structure = "ok"
    try:
        structure = str(conn.execute("PRAGMA quick_check").fetchone()[0])
        for table, check in checks.items():
            counts[table] = [0]
            damaged[table] = [bytes(row[0]) for row in _scan(conn, table, counts[table], check)]
    except sqlite3.DatabaseError as exc:
        structure = str(exc)
    removed = _delete(conn, damaged) if repair and structure == "ok" else 0
    return CacheCheck(
        path=path,
        scores=counts.get("pair_scores", [0])[0],
        vectors=counts.get("embeddings", [0])[0],
        damaged_scores=len(damaged.get("pair_scores", [])),
        damaged_vectors=len(damaged.get("embeddings", [])),
        structure=structure,
        removed=removed,
    )


def _scan(
    conn: sqlite3.Connection, table: str, count: list[int], check: Callable[[Any], Any]
) -> Iterator[Any]:
    """Rows of ``table`` that fail ``check``; ``count[0]`` counts every row read."""
    for row in conn.execute(f"SELECT {_TABLES[table]} FROM {table}"):  # noqa: S608
        count[0] += 1
        if check(row) is None:
            yield row


def _delete(conn: sqlite3.Connection, damaged: dict[str, list[bytes]]) -> int:
    with conn:
        for table, keys in damaged.items():
            conn.executemany(f"DELETE FROM {table} WHERE key = ?", [(k,) for k in keys])
    return sum(len(keys) for keys in damaged.values())


def clear_cache(path: Path, timeout: float = 60.0) -> None:
    """Delete every row (and compact the file); a file SQLite cannot read is removed.

    Args:
        path: The cache file; nothing happens when it does not exist.
        timeout: Seconds to wait for another process's lock.
    """
    if not path.exists():
        return
    try:
        conn = sqlite3.connect(path, timeout=timeout)
        try:
            with conn:
                for table in (*_TABLES, "scores", "vectors"):
                    conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute("VACUUM")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        for name in ("", *_SIDE_FILES):
            Path(f"{path}{name}").unlink(missing_ok=True)


def cache_stats(path: Path) -> dict[str, Any]:
    """Size and row counts of a cache file.

    Args:
        path: The cache file.

    Returns:
        ``{"path", "exists", "bytes" (file plus write-ahead log), "scores", "vectors"}``;
        counts are None when the file cannot be read.
    """
    files = [Path(f"{path}{name}") for name in ("", *_SIDE_FILES[:1])]
    stats: dict[str, Any] = {"path": str(path), "exists": path.exists(), "bytes": 0}
    stats["bytes"] = sum(f.stat().st_size for f in files if f.exists())
    stats["scores"] = stats["vectors"] = None
    if not path.exists():
        return stats
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            for key, table in (("scores", "pair_scores"), ("vectors", "embeddings")):
                stats[key] = int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # counts stay None: unreadable (run `conflictscan cache check`)
    return stats
