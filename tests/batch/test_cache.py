"""Tests for the persistent score cache and the scorer wrappers."""

from __future__ import annotations

import multiprocessing
import pickle
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from conflictscan import InputError, PairScore
from conflictscan.batch import (
    CachedEncoder,
    CachedScorer,
    DedupScorer,
    ScoreCache,
    default_cache_path,
)
from conflictscan.batch._cache import pair_key
from conflictscan.batch._cached import dedup_key
from conftest import FakeEncoder, FakeScorer

PAIRS = [
    ("The bridge was closed on Monday.", "The bridge was not closed on Monday."),
    ("Ten people were hurt in the fire.", "The mayor opened a new library."),
]


def test_default_path_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CONFLICTSCAN_CACHE", str(tmp_path / "c"))
    assert default_cache_path() == tmp_path / "c" / "scores.sqlite"


def test_pair_key_separates_parts() -> None:
    assert pair_key("fp", "ab", "c") != pair_key("fp", "a", "bc")
    assert pair_key("fp1", "a", "b") != pair_key("fp2", "a", "b")
    assert len(pair_key("fp", "a", "b")) == 32


def test_round_trip_and_misses(tmp_path: Path) -> None:
    cache = ScoreCache(tmp_path / "s.sqlite")
    score = PairScore("p", "h", 0.7, 0.2, 0.1, truncated=True)
    cache.put_many("fp", [score])
    got = cache.get_many("fp", [("p", "h"), ("h", "p")])
    assert got == [score, None]
    assert cache.get_many("other-fp", [("p", "h")]) == [None]
    assert len(cache) == 1


def test_existing_entries_are_kept(tmp_path: Path) -> None:
    cache = ScoreCache(tmp_path / "s.sqlite")
    cache.put_many("fp", [PairScore("p", "h", 0.7, 0.2, 0.1)])
    cache.put_many("fp", [PairScore("p", "h", 0.1, 0.1, 0.8)])
    assert cache.get_many("fp", [("p", "h")])[0].contradiction == 0.7


def test_wal_mode_and_persistence(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with ScoreCache(path) as cache:
        cache.put_many("fp", [PairScore("p", "h", 0.5, 0.25, 0.25)])
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert ScoreCache(path).get_many("fp", [("p", "h")])[0] is not None


def test_pickles_by_path(tmp_path: Path) -> None:
    cache = ScoreCache(tmp_path / "s.sqlite")
    cache.put_many("fp", [PairScore("p", "h", 0.5, 0.25, 0.25)])
    clone = pickle.loads(pickle.dumps(cache))
    assert clone.path == cache.path
    assert clone.get_many("fp", [("p", "h")])[0] is not None


def test_unusable_path_raises(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(InputError, match="cannot use .* as a score cache.*--no-cache"):
        ScoreCache(bad)


def test_cached_scorer_scores_only_misses(tmp_path: Path) -> None:
    inner = FakeScorer()
    scorer = CachedScorer(inner, ScoreCache(tmp_path / "s.sqlite"))
    first = scorer.score_pairs(PAIRS + PAIRS[:1])
    assert len(first) == 3 and first[0] == first[2]
    assert (scorer.hits, scorer.misses, len(inner.calls)) == (0, 2, 2)
    again = scorer.score_pairs(list(reversed(PAIRS)))
    assert again == list(reversed(first[:2]))
    assert (scorer.hits, scorer.misses, len(inner.calls)) == (2, 2, 2)
    assert scorer.fingerprint == inner.fingerprint and scorer.model_id == inner.model_id


def test_cached_scorer_shares_across_instances(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    CachedScorer(FakeScorer(), ScoreCache(path)).score_pairs(PAIRS)
    inner = FakeScorer()
    scorer = CachedScorer(inner, ScoreCache(path))
    scorer.score_pairs(PAIRS)
    assert inner.calls == [] and scorer.hits == 2


def _write_scores(path: str, worker: int) -> None:
    scorer = CachedScorer(FakeScorer(), ScoreCache(path))
    for round_ in range(20):
        pairs = [(f"claim {worker} {round_} {k}", f"claim {k}") for k in range(25)]
        pairs += [(f"shared {k}", "shared hypothesis") for k in range(25)]
        scorer.score_pairs(pairs)


def test_several_processes_write_at_once(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite")
    ScoreCache(path).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_scores, args=(path, w)) for w in range(3)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
    assert [proc.exitcode for proc in procs] == [0, 0, 0]
    assert len(ScoreCache(path)) == 3 * 20 * 25 + 25


def test_dedup_key_normalises_case_space_punctuation() -> None:
    assert dedup_key("Police  said, the FIRE was set!") == dedup_key(
        "police said the fire was set."
    )
    assert dedup_key("It rose 3.5 percent") != dedup_key("It rose 35 percent")


def test_dedup_scorer_merges_variants_whatever_the_order() -> None:
    a1, a2 = "Officials said the dam held.", "officials said the dam held!"
    b = "Officials said the dam did not hold."
    inner = FakeScorer()
    scorer = DedupScorer(inner)
    out = scorer.score_pairs([(a1, b), (a2, b), (b, a2)])
    assert inner.calls == [(a1, b), (b, a1)]  # the smallest variant ("O" < "o") is scored
    assert [(s.a, s.b) for s in out] == [(a1, b), (a2, b), (b, a2)]
    assert out[0].contradiction == out[1].contradiction
    assert (scorer.merged, scorer.scored) == (1, 2)
    again = DedupScorer(FakeScorer())
    again.score_pairs([(b, a2), (a2, b), (a1, b)])
    assert sorted(again.scorer.calls) == sorted(inner.calls)


class _CountingEncoder(FakeEncoder):
    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts):  # type: ignore[no-untyped-def]
        self.seen.extend(texts)
        return super().encode(texts)


def test_cached_encoder_embeds_each_text_once(tmp_path: Path) -> None:
    texts = ["the dam held", "the dam did not hold", "the dam held"]
    inner = _CountingEncoder()
    encoder = CachedEncoder(inner, ScoreCache(tmp_path / "s.sqlite"))
    out = encoder.encode(texts)
    assert np.array_equal(out, FakeEncoder().encode(texts)) and out.dtype == np.float32
    assert inner.seen == ["the dam held", "the dam did not hold"]
    again = CachedEncoder(_CountingEncoder(), ScoreCache(tmp_path / "s.sqlite"))
    assert np.array_equal(again.encode(texts[::-1]), out[::-1])
    assert again.encoder.seen == [] and (again.hits, again.misses) == (2, 0)


def test_cached_encoder_keys_by_fingerprint(tmp_path: Path) -> None:
    cache = ScoreCache(tmp_path / "s.sqlite")
    CachedEncoder(FakeEncoder(), cache, fingerprint="enc-a").encode(["x y z"])
    other = _CountingEncoder()
    CachedEncoder(other, cache, fingerprint="enc-b").encode(["x y z"])
    assert other.seen == ["x y z"]
    assert CachedEncoder(FakeEncoder(), None).fingerprint == "encoder:FakeEncoder::"


def test_cached_encoder_without_cache_and_empty_input() -> None:
    inner = _CountingEncoder()
    encoder = CachedEncoder(inner, None)
    assert encoder.encode(["a b", "a b"]).shape == (2, FakeEncoder.dim)
    assert inner.seen == ["a b"]
    assert encoder.encode([]).shape == (0, FakeEncoder.dim)


# -- integrity: a damaged row is a miss, recomputed and overwritten ----------------------


def test_damaged_score_row_is_a_miss_then_overwritten(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "s.sqlite"
    cache = ScoreCache(path)
    CachedScorer(FakeScorer(), cache).score_pairs(PAIRS)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE pair_scores SET contradiction = 0.3 WHERE contradiction > 0.5")
    inner = FakeScorer()
    scorer = CachedScorer(inner, cache)
    assert scorer.score_pairs(PAIRS) == FakeScorer().score_pairs(PAIRS)
    assert inner.calls == [PAIRS[0]] and cache.damaged == 1
    assert "1 damaged row(s) ignored" in caplog.text
    again = FakeScorer()
    CachedScorer(again, cache).score_pairs(PAIRS)
    assert again.calls == [] and cache.damaged == 1 and cache.check().ok


def test_invalid_probabilities_and_vectors_are_not_stored(tmp_path: Path) -> None:
    cache = ScoreCache(tmp_path / "s.sqlite")
    cache.put_many("fp", [PairScore("p", "h", 0.7, 0.7, 0.1), PairScore("q", "h", 1.0, 0, 0)])
    assert cache.get_many("fp", [("p", "h"), ("q", "h")])[0] is None and len(cache) == 1
    vectors = np.array([[np.nan, 1.0], [0.6, 0.8]], dtype=np.float32)
    cache.put_vectors("enc", ["bad", "good"], vectors)
    bad, good = cache.get_vectors("enc", ["bad", "good"])
    assert bad is None and np.array_equal(good, vectors[1])


def test_damaged_vector_is_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    inner = _CountingEncoder()
    CachedEncoder(inner, ScoreCache(path)).encode(["the dam held", "the dam broke"])
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT key, vector FROM embeddings").fetchone()
        blob = bytearray(row[1])
        blob[0:4] = np.float32(np.inf).tobytes()
        conn.execute("UPDATE embeddings SET vector = ? WHERE key = ?", (bytes(blob), row[0]))
    again = _CountingEncoder()
    cache = ScoreCache(path)
    out = CachedEncoder(again, cache).encode(["the dam held", "the dam broke"])
    assert np.isfinite(out).all() and len(again.seen) == 1 and cache.damaged == 1


def test_malformed_file_is_set_aside_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    cache = ScoreCache(path)
    cache.put_many("fp", [PairScore("p", "h", 0.5, 0.25, 0.25)])
    with pytest.warns(UserWarning, match=r"is damaged \(database disk image is malformed\); "):
        cache._set_aside(sqlite3.DatabaseError("database disk image is malformed"))
    assert cache.get_many("fp", [("p", "h")]) == [None] and len(cache) == 0
    cache.put_many("fp", [PairScore("q", "h", 0.5, 0.25, 0.25)])  # silently not stored
    assert len(ScoreCache(path)) == 1


def test_legacy_tables_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE scores (key BLOB PRIMARY KEY, contradiction REAL)")
    ScoreCache(path).close()
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"pair_scores", "embeddings"}
