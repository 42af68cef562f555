"""Persistent NLI score cache and scorer wrappers.

Input: ``(premise, hypothesis)`` pairs on their way to a scorer. Output: the same
:class:`~conflictscan.results.PairScore` values, computed once per scorer and pair.

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
import hashlib
import logging
import math
import os
import re
import sqlite3
import struct
import threading
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import numpy as np

from conflictscan.errors import InputError
from conflictscan.results import PairScore

if TYPE_CHECKING:
    from conflictscan._cache_admin import CacheCheck

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
_SUM_TOLERANCE = 1e-3
_MAX_NORM = 1e3
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
    configured = os.environ.get("CONFLICTSCAN_CACHE")
    base = Path(configured).expanduser() if configured else Path.home() / ".cache" / "conflictscan"
    return base / "scores.sqlite"


def pair_key(fingerprint: str, premise: str, hypothesis: str) -> bytes:
    """SHA-256 digest identifying one scored pair for one scorer.

    Args:
        fingerprint: The scorer's ``fingerprint`` (model, revision, label mapping…).
        premise: Premise text, exactly as sent to the model.
        hypothesis: Hypothesis text, exactly as sent to the model.

    Returns:
        32 bytes; the three parts are length-prefixed so no two inputs collide by joining.
    """
    digest = hashlib.sha256()
    for part in (fingerprint, premise, hypothesis):
        raw = part.encode("utf-8")
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)
    return digest.digest()


def row_checksum(key: bytes, payload: bytes) -> bytes:
    """Checksum stored with each cache row: 16-byte BLAKE2b of its key and value bytes.

    Args:
        key: The row's key (:func:`pair_key`).
        payload: The value as bytes (:func:`score_payload`, or a vector's float32 bytes).

    Returns:
        16 bytes; any change to the key or value changes it.
    """
    return hashlib.blake2b(key + payload, digest_size=16).digest()


def score_payload(values: Sequence[float]) -> bytes:
    """Bytes of a stored score ``(contradiction, entailment, neutral, truncated)``."""
    c, e, n, truncated = values
    return struct.pack("<dddB", c, e, n, int(truncated))


def valid_probabilities(c: float, e: float, n: float) -> bool:
    """True when three probabilities are finite, in [0, 1] and sum to 1 (within 1e-3)."""
    probs = (c, e, n)
    return (
        all(isinstance(x, float) and math.isfinite(x) and -1e-6 <= x <= 1 + 1e-6 for x in probs)
        and abs(sum(probs) - 1.0) <= _SUM_TOLERANCE
    )


def valid_vector(vector: np.ndarray) -> bool:
    """True when an embedding is non-empty, finite and of norm at most 1000."""
    return bool(
        vector.size
        and np.isfinite(vector).all()
        and float(np.linalg.norm(vector.astype(np.float64))) <= _MAX_NORM
    )


def _checked_score(row: Sequence[Any]) -> tuple[float, float, float, int] | None:
    """A stored score row's values if its checksum and values hold, else None."""
    key, c, e, n, truncated, checksum = row
    values = (c, e, n, truncated)
    try:
        ok = bytes(checksum) == row_checksum(bytes(key), score_payload(values))
    except (struct.error, TypeError, ValueError):
        return None
    return values if ok and valid_probabilities(c, e, n) else None  # type: ignore[return-value]


def _checked_vector(row: Sequence[Any]) -> np.ndarray | None:
    key, blob, checksum = (bytes(x) if isinstance(x, bytes | memoryview) else x for x in row)
    if not isinstance(blob, bytes) or len(blob) % 4 or checksum != row_checksum(key, blob):
        return None
    vector = np.frombuffer(blob, dtype=np.float32)
    return vector if valid_vector(vector) else None


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
            A :class:`~conflictscan._cache_admin.CacheCheck` with the counts.
        """
        from conflictscan._cache_admin import check_cache

        with self._lock:
            return check_cache(self._connection(), self.path, repair=repair)

    def clear(self) -> None:
        """Delete every stored score and vector (a file too damaged to open is removed)."""
        from conflictscan._cache_admin import clear_cache

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


class _WrappedScorer:
    """Shared identity of scorer wrappers: they report the wrapped scorer's model."""

    scorer: Scorer

    @property
    def model_id(self) -> str:
        """The wrapped scorer's model id."""
        return str(self.scorer.model_id)

    @property
    def fingerprint(self) -> str:
        """The wrapped scorer's fingerprint (the cache key's first part)."""
        return str(self.scorer.fingerprint)


class CachedScorer(_WrappedScorer):
    """A scorer that answers from a :class:`ScoreCache` and scores only misses.

    Implements the Scorer protocol, so it can be passed as ``Scanner(scorer=...)``.

    Args:
        scorer: The wrapped scorer (``NLIScorer`` or any stand-in).
        cache: Where scores are stored.

    Attributes:
        hits: Distinct pairs answered from the cache so far.
        misses: Distinct pairs sent to the wrapped scorer so far.
    """

    def __init__(self, scorer: Scorer, cache: ScoreCache) -> None:
        self.scorer = scorer
        self.cache = cache
        self.hits = 0
        self.misses = 0

    def score_pairs(self, pairs: Sequence[Pair], *, show_progress: bool = False) -> list[PairScore]:
        """Scores for ``pairs`` in order; misses are scored in one call and stored.

        Args:
            pairs: ``(premise, hypothesis)`` pairs; repeats are looked up once.
            show_progress: Passed to the wrapped scorer for the misses.

        Returns:
            One :class:`PairScore` per pair, in input order.
        """
        unique = list(dict.fromkeys((str(a), str(b)) for a, b in pairs))
        fingerprint = self.fingerprint
        stored = self.cache.get_many(fingerprint, unique)
        known = {
            pair: score for pair, score in zip(unique, stored, strict=True) if score is not None
        }
        missing = [pair for pair in unique if pair not in known]
        if missing:
            fresh = self.scorer.score_pairs(missing, show_progress=show_progress)
            fresh = [_relabel(score, pair) for score, pair in zip(fresh, missing, strict=True)]
            self.cache.put_many(fingerprint, fresh)
            known.update(zip(missing, fresh, strict=True))
        self.hits += len(unique) - len(missing)
        self.misses += len(missing)
        return [known[(str(a), str(b))] for a, b in pairs]


def dedup_key(text: str) -> str:
    """Key under which near-duplicate sentences are merged.

    Unicode-normalised (NFKC), case-folded, every run of punctuation, underscores and
    whitespace replaced by one space. "3.5" and "35" stay distinct ("3 5" vs "35").

    Args:
        text: A sentence.

    Returns:
        The normalised key.
    """
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


class DedupScorer(_WrappedScorer):
    """Scores each group of near-duplicate texts once per ``score_pairs`` call.

    Within one call, every text is replaced by a representative of its
    :func:`dedup_key` class (the lexicographically smallest variant in the call, so the
    choice does not depend on pair order), distinct representative pairs are scored once
    by the wrapped scorer, and the scores are returned under the original texts.

    Args:
        scorer: The wrapped scorer.

    Attributes:
        merged: Pairs answered by another variant's score so far.
        scored: Pairs passed on to the wrapped scorer so far.
    """

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        self.merged = 0
        self.scored = 0

    def score_pairs(self, pairs: Sequence[Pair], *, show_progress: bool = False) -> list[PairScore]:
        """Scores for ``pairs`` in order, near-duplicates scored once.

        Args:
            pairs: ``(premise, hypothesis)`` pairs.
            show_progress: Passed to the wrapped scorer.

        Returns:
            One :class:`PairScore` per pair, ``a``/``b`` being the texts asked for.
        """
        rep = _representatives(text for pair in pairs for text in pair)
        mapped = [(rep[a], rep[b]) for a, b in pairs]
        unique = list(dict.fromkeys(mapped))
        self.merged += len(set(pairs)) - len(unique)
        self.scored += len(unique)
        fresh = self.scorer.score_pairs(unique, show_progress=show_progress)
        scores = dict(zip(unique, fresh, strict=True))
        return [_relabel(scores[m], pair) for m, pair in zip(mapped, pairs, strict=True)]


def _representatives(texts: Any) -> dict[str, str]:
    best: dict[str, str] = {}
    seen: set[str] = set()
    for text in texts:
        if text in seen:
            continue
        seen.add(text)
        key = dedup_key(text)
        if key not in best or text < best[key]:
            best[key] = text
    return {text: best[dedup_key(text)] for text in seen}


def _relabel(score: PairScore, pair: Pair) -> PairScore:
    if (score.a, score.b) == pair:
        return score
    return PairScore(
        pair[0], pair[1], score.contradiction, score.entailment, score.neutral, score.truncated
    )


class CachedEncoder:
    """A sentence encoder that embeds each distinct text once, across calls and runs.

    Implements the encoder protocol (``encode(texts) -> np.ndarray``). Within a call,
    repeated texts are embedded once; with a cache, vectors persist across calls,
    processes and runs.

    Args:
        encoder: The wrapped encoder.
        cache: Where vectors are stored; None keeps only the in-call de-duplication.
        fingerprint: Identifies the encoder's weights in cache keys. Default: the
            encoder's ``fingerprint`` attribute, else its class, ``model_id`` and
            ``max_length``; pass one explicitly for a local model whose files change.

    Attributes:
        hits: Distinct texts answered from the cache so far.
        misses: Distinct texts sent to the wrapped encoder so far.
    """

    def __init__(self, encoder: Any, cache: ScoreCache | None, *, fingerprint: str | None = None):
        self.encoder = encoder
        self.cache = cache
        self.fingerprint = fingerprint or _encoder_fingerprint(encoder)
        self.hits = 0
        self.misses = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of ``texts``, one row each, as the wrapped encoder gives them.

        Args:
            texts: Sentences; repeats are embedded once.

        Returns:
            A float32 matrix with one row per text.
        """
        if not texts:
            return np.asarray(self.encoder.encode([]), dtype=np.float32)
        unique = list(dict.fromkeys(texts))
        stored = self.cache.get_vectors(self.fingerprint, unique) if self.cache is not None else []
        known = {t: v for t, v in zip(unique, stored, strict=False) if v is not None}
        missing = [t for t in unique if t not in known]
        if missing:
            fresh = np.asarray(self.encoder.encode(missing), dtype=np.float32)
            if self.cache is not None:
                self.cache.put_vectors(self.fingerprint, missing, fresh)
            known.update(zip(missing, fresh, strict=True))
        self.hits += len(unique) - len(missing)
        self.misses += len(missing)
        return np.stack([known[t] for t in texts])


def _encoder_fingerprint(encoder: Any) -> str:
    explicit = getattr(encoder, "fingerprint", None)
    if explicit:
        return str(explicit)
    parts = (
        type(encoder).__qualname__,
        getattr(encoder, "model_id", ""),
        getattr(encoder, "max_length", ""),
    )
    return "encoder:" + ":".join(str(p) for p in parts)
