"""Persistent NLI score cache and scorer wrappers.

Input: ``(premise, hypothesis)`` pairs on their way to a scorer. Output: the same
:class:`~conflictscan.PairScore` values, computed once per scorer and pair.

* :class:`ScoreCache` stores scores in SQLite (WAL mode) keyed by a SHA-256 hash of the
  scorer fingerprint, premise and hypothesis. Several processes (batch or Ray workers)
  may read and write the same file at once. Every row carries a checksum of its key and
  value, verified on each read together with the value itself (probabilities finite, in
  [0, 1] and summing to 1; vectors finite with a sane norm): a row that fails is treated
  as a miss, recomputed and overwritten, and counted in :attr:`ScoreCache.damaged`. A
  file damaged beyond reading is set aside for the run with a warning, never trusted.
* :class:`CachedScorer` wraps any scorer (the Scorer protocol in ``docs/architecture.md``)
  so that only cache misses reach the model.
* :class:`DedupScorer` scores near-duplicate sentences (wire copy that differs only in
  case, spacing or punctuation) once per call.
* :class:`CachedEncoder` does for sentence embeddings what :class:`CachedScorer` does for
  NLI scores (same file, another table), and embeds repeated texts once per call.

Neither module-level import nor construction touches torch.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import threading
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import numpy as np

from conflictscan._config import cache_dir
from conflictscan._errors import InputError
from conflictscan._types import PairScore
from conflictscan.batch._rows import (
    _checked_score,
    _checked_vector,
    pair_key,
    row_checksum,
    score_payload,
    valid_probabilities,
    valid_vector,
)

if TYPE_CHECKING:
    from conflictscan.batch._cache_admin import CacheCheck

logger = logging.getLogger(__name__)

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS pair_scores ("
    "key BLOB PRIMARY KEY, contradiction REAL NOT NULL, entailment REAL NOT NULL, "
    "neutral REAL NOT NULL, truncated INTEGER NOT NULL, checksum BLOB NOT NULL) WITHOUT ROWID"
)
_VECTOR_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS embeddings ("
    "key BLOB PRIMARY KEY, vector BLOB NOT NULL, checksum BLOB NOT NULL) WITHOUT ROWID"
)
_LEGACY_TABLES = ("scores", "vectors")  # written before rows carried checksums
_SELECT = "SELECT key, contradiction, entailment, neutral, truncated, checksum FROM pair_scores"
_SELECT_VECTORS = "SELECT key, vector, checksum FROM embeddings"
_INSERT = "INSERT OR {} INTO pair_scores VALUES (?, ?, ?, ?, ?, ?)"
_INSERT_VECTORS = "INSERT OR {} INTO embeddings VALUES (?, ?, ?)"
_LOOKUP_CHUNK = 500
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)

Pair = tuple[str, str]
_T = TypeVar("_T")


class Scorer(Protocol):
    """What a scorer offers: ``model_id``, ``fingerprint`` and ``score_pairs``."""

    model_id: str
    fingerprint: str

    def score_pairs(
        self, pairs: Sequence[Pair], *, show_progress: bool = False
    ) -> list[PairScore]: ...


def default_cache_path() -> Path:
    """Default score-cache file: ``scores.sqlite`` in ``CONFLICTSCAN_CACHE``.

    Returns:
        ``$CONFLICTSCAN_CACHE/scores.sqlite``, or ``~/.cache/conflictscan/scores.sqlite``.
    """
    return cache_dir() / "scores.sqlite"


class ScoreCache:
    """SQLite store of NLI scores and embeddings, safe for several processes at once.

    The file is opened lazily, once per process, so a cache object can be pickled to
    workers (only its path travels). Writes use ``INSERT OR IGNORE``: two workers that
    score the same pair store it once, and a sound stored score is never changed.

    Each row holds a checksum of its key and value (:func:`row_checksum`). Reads verify
    it and the value (:func:`valid_probabilities`, :func:`valid_vector`); a failing row
    is returned as a miss, counted in :attr:`damaged`, and overwritten by the next
    ``put``. If SQLite reports the file itself as malformed, the cache warns once and is
    bypassed for the rest of the process (every lookup a miss, nothing stored).

    Args:
        path: SQLite file; parent folders are created. Defaults to
            :func:`default_cache_path`.
        timeout: Seconds to wait for another process's write lock.

    Attributes:
        damaged: Rows found damaged (and so recomputed) by this process so far.

    Raises:
        InputError: The file cannot be created or is not a score cache.

    Example:
        >>> cache = ScoreCache("scores.sqlite")
        >>> scorer = CachedScorer(NLIScorer("mini"), cache)
    """

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, timeout: float = 60.0
    ) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self.timeout = timeout
        self._init_state()
        self._connection()

    def _init_state(self) -> None:
        self._conn: sqlite3.Connection | None = None
        self._pid = -1
        self._lock = threading.RLock()
        self._repair: set[bytes] = set()
        self._broken: str | None = None
        self.damaged = 0

    def __repr__(self) -> str:
        return f"ScoreCache({str(self.path)!r})"

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "timeout": self.timeout}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path, self.timeout = state["path"], state["timeout"]
        self._init_state()

    def __enter__(self) -> ScoreCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __bool__(self) -> bool:
        return True  # a cache is usable even while empty; len() counts stored scores

    def __len__(self) -> int:
        with self._lock:
            rows = self._query("SELECT COUNT(*) FROM pair_scores", ())
            return int(rows[0][0]) if rows else 0

    def close(self) -> None:
        """Close this process's connection (reopened on next use)."""
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn, self._pid = None, -1

    def get_many(self, fingerprint: str, pairs: Sequence[Pair]) -> list[PairScore | None]:
        """Look pairs up.

        Args:
            fingerprint: The scorer's fingerprint.
            pairs: ``(premise, hypothesis)`` pairs.

        Returns:
            One entry per pair, in order: the stored score (with the requested texts) or
            ``None`` for a miss or a damaged row.
        """
        keys = [pair_key(fingerprint, a, b) for a, b in pairs]
        found = self._lookup(_SELECT, keys, _checked_score)
        return [_to_score(pair, found.get(key)) for pair, key in zip(pairs, keys, strict=True)]

    def put_many(self, fingerprint: str, scores: Sequence[PairScore]) -> None:
        """Store scores (sound entries are kept; damaged ones are overwritten).

        Scores whose probabilities are not finite, in [0, 1] and summing to 1 are not
        stored (and logged), so they are recomputed next time.

        Args:
            fingerprint: The scorer's fingerprint.
            scores: Scores whose ``a``/``b`` are the premise and hypothesis.
        """
        rows = []
        for s in scores:
            values = (float(s.contradiction), float(s.entailment), float(s.neutral))
            if not valid_probabilities(*values):
                logger.warning("not caching invalid probabilities %s for %r", values, s.a[:60])
                continue
            key = pair_key(fingerprint, s.a, s.b)
            payload = score_payload((*values, int(s.truncated)))
            rows.append((key, *values, int(s.truncated), row_checksum(key, payload)))
        self._store(_INSERT, rows)

    def get_vectors(self, fingerprint: str, texts: Sequence[str]) -> list[np.ndarray | None]:
        """Look sentence embeddings up.

        Args:
            fingerprint: The encoder's fingerprint.
            texts: The embedded texts.

        Returns:
            One float32 vector per text, or ``None`` for a miss or a damaged row.
        """
        keys = [pair_key(fingerprint, text, "") for text in texts]
        found = self._lookup(_SELECT_VECTORS, keys, _checked_vector)
        return [found.get(key) for key in keys]

    def put_vectors(self, fingerprint: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store sentence embeddings (sound entries are kept; non-finite ones skipped).

        Args:
            fingerprint: The encoder's fingerprint.
            texts: The embedded texts.
            vectors: One row per text.
        """
        matrix = np.asarray(vectors, dtype=np.float32)
        rows = []
        for k, text in enumerate(texts):
            if valid_vector(matrix[k]):
                key, blob = pair_key(fingerprint, text, ""), matrix[k].tobytes()
                rows.append((key, blob, row_checksum(key, blob)))
        self._store(_INSERT_VECTORS, rows)

    def check(self, *, repair: bool = False) -> CacheCheck:
        """Verify every row and the file's structure; optionally delete damaged rows.

        Args:
            repair: Delete the rows that fail (they are recomputed when next needed).

        Returns:
            A :class:`~conflictscan.batch._cache_admin.CacheCheck` with the counts.
        """
        from conflictscan.batch._cache_admin import check_cache

        with self._lock:
            return check_cache(self._connection(), self.path, repair=repair)

    def clear(self) -> None:
        """Delete every stored score and vector (a file too damaged to open is removed)."""
        from conflictscan.batch._cache_admin import clear_cache

        with self._lock:
            self.close()
            clear_cache(self.path, self.timeout)
            self._init_state()

    def _lookup(self, select: str, keys: list[bytes], check: Any) -> dict[bytes, Any]:
        """Sound rows for ``keys``; damaged ones are counted and remembered for repair."""
        found: dict[bytes, Any] = {}
        bad = 0
        with self._lock:
            for start in range(0, len(keys), _LOOKUP_CHUNK):
                chunk = keys[start : start + _LOOKUP_CHUNK]
                query = f"{select} WHERE key IN ({','.join('?' * len(chunk))})"
                for row in self._query(query, chunk):
                    value = check(row)
                    if value is None:
                        bad += 1
                        self._repair.add(bytes(row[0]))
                    else:
                        found[bytes(row[0])] = value
            self.damaged += bad
        if bad:
            logger.warning(
                "score cache %s: %d damaged row(s) ignored; they are recomputed and "
                "rewritten (`conflictscan cache check` verifies the whole file)",
                self.path,
                bad,
            )
        return found

    def _store(self, insert: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        with self._lock:
            fresh = [r for r in rows if r[0] not in self._repair]
            repaired = [r for r in rows if r[0] in self._repair]
            self._repair.difference_update(r[0] for r in repaired)
            for mode, batch in (("IGNORE", fresh), ("REPLACE", repaired)):
                if batch:
                    self._execute(insert.format(mode), batch)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            self._conn, self._pid = self._open(), os.getpid()
        return self._conn

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One connection per process, shared by its threads under self._lock.
            conn = sqlite3.connect(self.path, timeout=self.timeout, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            with conn:
                conn.execute(_SCHEMA)
                conn.execute(_VECTOR_SCHEMA)
                for table in _LEGACY_TABLES:
                    conn.execute(f"DROP TABLE IF EXISTS {table}")
            return conn
        except (OSError, sqlite3.Error) as exc:
            raise InputError(
                f"cannot use {str(self.path)!r} as a score cache ({exc}); expected a writable "
                "path to a new or existing conflictscan cache file. Pass another path, run "
                "without a cache (cache=None / --no-cache), or delete the file if it is a "
                "damaged cache (`conflictscan cache clear`)."
            ) from exc

    def _query(self, query: str, params: Any) -> list[Any]:
        """Rows of a read; none once the file is known to be damaged."""
        if self._broken is not None:
            return []
        conn = self._connection()
        try:
            return self._guarded(lambda: list(conn.execute(query, params)))
        except _DamagedFile:
            return []

    def _execute(self, query: str, rows: list[tuple[Any, ...]]) -> None:
        if self._broken is not None:
            return
        conn = self._connection()

        def write() -> None:
            with conn:
                conn.executemany(query, rows)

        with contextlib.suppress(_DamagedFile):
            self._guarded(write)

    def _guarded(self, call: Callable[[], _T]) -> _T:
        try:
            return call()
        except sqlite3.DatabaseError as exc:
            if type(exc) is sqlite3.DatabaseError:  # malformed file, not a busy or full one
                self._set_aside(exc)
                raise _DamagedFile from exc
            raise InputError(
                f"score cache {str(self.path)!r} failed: {exc}. If another program holds it "
                "locked, wait and re-run; if it is damaged, delete it (it is only a cache)."
            ) from exc

    def _set_aside(self, exc: Exception) -> None:
        self._broken = str(exc)
        warnings.warn(
            f"score cache {str(self.path)!r} is damaged ({exc}); continuing without it, so "
            "everything is recomputed. Run `conflictscan cache clear` (or delete the file) "
            "to start a fresh cache.",
            UserWarning,
            stacklevel=4,
        )


class _DamagedFile(Exception):
    """Raised inside :class:`ScoreCache` when SQLite finds the file malformed."""


def _to_score(pair: Pair, values: tuple[float, float, float, int] | None) -> PairScore | None:
    if values is None:
        return None
    return PairScore(pair[0], pair[1], values[0], values[1], values[2], bool(values[3]))
