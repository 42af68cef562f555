"""Persistent NLI score cache and scorer wrappers.

Input: ``(premise, hypothesis)`` pairs on their way to a scorer. Output: the same
:class:`~conflictscan.results.PairScore` values, computed once per scorer and pair.

* :class:`ScoreCache` stores scores in SQLite (WAL mode) keyed by a SHA-256 hash of the
  scorer fingerprint, premise and hypothesis. Several processes (batch or Ray workers)
  may read and write the same file at once.
* :class:`CachedScorer` wraps any scorer (the Scorer protocol in ``docs/architecture.md``)
  so that only cache misses reach the model.
* :class:`DedupScorer` scores near-duplicate sentences (wire copy that differs only in
  case, spacing or punctuation) once per call.
* :class:`CachedEncoder` does for sentence embeddings what :class:`CachedScorer` does for
  NLI scores (same file, another table), and embeds repeated texts once per call.

Neither module-level import nor construction touches torch.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from conflictscan.errors import InputError
from conflictscan.results import PairScore

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS scores ("
    "key BLOB PRIMARY KEY, contradiction REAL NOT NULL, entailment REAL NOT NULL, "
    "neutral REAL NOT NULL, truncated INTEGER NOT NULL) WITHOUT ROWID"
)
_SELECT = "SELECT key, contradiction, entailment, neutral, truncated FROM scores"
_VECTOR_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID"
)
_INSERT = "INSERT OR IGNORE INTO scores VALUES (?, ?, ?, ?, ?)"
_LOOKUP_CHUNK = 500
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)

Pair = tuple[str, str]


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


class ScoreCache:
    """SQLite store of NLI scores, safe for several processes and threads at once.

    The file is opened lazily, once per process, so a cache object can be pickled to
    workers (only its path travels). Writes use ``INSERT OR IGNORE``: two workers that
    score the same pair store it once, and a stored score is never changed.

    Args:
        path: SQLite file; parent folders are created. Defaults to
            :func:`default_cache_path`.
        timeout: Seconds to wait for another process's write lock.

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
        self._conn: sqlite3.Connection | None = None
        self._pid = -1
        self._lock = threading.RLock()
        self._connection()

    def __repr__(self) -> str:
        return f"ScoreCache({str(self.path)!r})"

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "timeout": self.timeout}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path, self.timeout = state["path"], state["timeout"]
        self._conn, self._pid = None, -1
        self._lock = threading.RLock()

    def __enter__(self) -> ScoreCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __bool__(self) -> bool:
        return True  # a cache is usable even while empty; len() counts stored scores

    def __len__(self) -> int:
        with self._lock:
            return int(self._connection().execute("SELECT COUNT(*) FROM scores").fetchone()[0])

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
            ``None`` for a miss.
        """
        keys = [pair_key(fingerprint, a, b) for a, b in pairs]
        found: dict[bytes, tuple[float, float, float, int]] = {}
        with self._lock:
            conn = self._connection()
            for start in range(0, len(keys), _LOOKUP_CHUNK):
                chunk = keys[start : start + _LOOKUP_CHUNK]
                query = f"{_SELECT} WHERE key IN ({','.join('?' * len(chunk))})"
                for key, *values in self._run(conn.execute, query, chunk):
                    found[bytes(key)] = tuple(values)  # type: ignore[assignment]
        return [_to_score(pair, found.get(key)) for pair, key in zip(pairs, keys, strict=True)]

    def put_many(self, fingerprint: str, scores: Sequence[PairScore]) -> None:
        """Store scores (existing entries are kept as they are).

        Args:
            fingerprint: The scorer's fingerprint.
            scores: Scores whose ``a``/``b`` are the premise and hypothesis.
        """
        rows = [
            (
                pair_key(fingerprint, s.a, s.b),
                s.contradiction,
                s.entailment,
                s.neutral,
                int(s.truncated),
            )
            for s in scores
        ]
        if not rows:
            return
        with self._lock:
            conn = self._connection()
            with conn:
                self._run(conn.executemany, _INSERT, rows)

    def get_vectors(self, fingerprint: str, texts: Sequence[str]) -> list[np.ndarray | None]:
        """Look sentence embeddings up.

        Args:
            fingerprint: The encoder's fingerprint.
            texts: The embedded texts.

        Returns:
            One float32 vector per text, or ``None`` for a miss.
        """
        keys = [pair_key(fingerprint, text, "") for text in texts]
        found: dict[bytes, bytes] = {}
        with self._lock:
            conn = self._connection()
            for start in range(0, len(keys), _LOOKUP_CHUNK):
                chunk = keys[start : start + _LOOKUP_CHUNK]
                query = (
                    f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})"
                )
                for key, blob in self._run(conn.execute, query, chunk):
                    found[bytes(key)] = bytes(blob)
        return [
            np.frombuffer(found[key], dtype=np.float32) if key in found else None for key in keys
        ]

    def put_vectors(self, fingerprint: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store sentence embeddings (existing entries are kept).

        Args:
            fingerprint: The encoder's fingerprint.
            texts: The embedded texts.
            vectors: One row per text.
        """
        matrix = np.asarray(vectors, dtype=np.float32)
        rows = [
            (pair_key(fingerprint, text, ""), matrix[k].tobytes()) for k, text in enumerate(texts)
        ]
        if rows:
            with self._lock:
                conn = self._connection()
                with conn:
                    self._run(conn.executemany, "INSERT OR IGNORE INTO vectors VALUES (?, ?)", rows)

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
            return conn
        except (OSError, sqlite3.Error) as exc:
            raise InputError(
                f"cannot use {str(self.path)!r} as a score cache ({exc}); expected a writable "
                "path to a new or existing conflictscan cache file. Pass another path, or run "
                "without a cache (cache=None / --no-cache)."
            ) from exc

    def _run(self, method: Any, query: str, params: Any) -> Any:
        try:
            return method(query, params)
        except sqlite3.Error as exc:
            raise InputError(
                f"score cache {str(self.path)!r} failed: {exc}. If another program holds it "
                "locked, wait and re-run; if it is damaged, delete it (it is only a cache)."
            ) from exc


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
