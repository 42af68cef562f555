"""Tests for conflictscan._pairing."""

from __future__ import annotations

import numpy as np
import pytest

from conflictscan import PAIRING_STRATEGIES, InputError, PairLimitError, Sentence, make_pairs
from conflictscan._pairing import count_pairs


def _sents(spec: list[tuple[str, str]]) -> list[Sentence]:
    return [Sentence(text, 0, len(text), doc_id=doc, index=i) for i, (doc, text) in enumerate(spec)]


SENTS = _sents(
    [
        ("a", "The bridge reopened on Wednesday after repairs."),
        ("a", "Officials said the repairs cost four million."),
        ("b", "The bridge remains closed to all traffic."),
        ("b", "The harbour festival drew record crowds."),
        ("c", "Repairs to the bridge cost six million, the council said."),
    ]
)


def test_all_pairs_is_every_unordered_pair() -> None:
    pairs = make_pairs(SENTS, "all")
    assert len(pairs) == 10 == count_pairs(SENTS, "all")
    assert all(i < j for i, j in pairs)


def test_cross_document_skips_same_document_pairs() -> None:
    pairs = make_pairs(SENTS, "cross-document")
    assert (0, 1) not in pairs and (2, 3) not in pairs
    assert len(pairs) == count_pairs(SENTS, "cross-document") == 8


def test_similar_uses_embeddings_top_k() -> None:
    emb = np.eye(5, dtype=np.float32)
    emb[4] = emb[1] = (emb[1] + emb[4]) / np.sqrt(2)  # 1 and 4 identical direction
    pairs = make_pairs(SENTS, "similar", top_k=1, embeddings=emb)
    assert (1, 4) in pairs


def test_similar_lexical_fallback_finds_related_sentences() -> None:
    pairs = make_pairs(SENTS, "similar", top_k=1)
    assert (0, 2) in pairs or (2, 4) in pairs or (1, 4) in pairs
    assert all(i < j for i, j in pairs)


def test_cross_similar_never_pairs_within_a_document() -> None:
    pairs = make_pairs(SENTS, "cross-similar", top_k=2)
    assert pairs
    assert all(SENTS[i].doc_id != SENTS[j].doc_id for i, j in pairs)


def test_min_similarity_floor_drops_unrelated() -> None:
    emb = np.eye(5, dtype=np.float32)  # all orthogonal: similarity 0
    assert make_pairs(SENTS, "similar", embeddings=emb, min_similarity=0.5) == []


def test_max_pairs_guard_names_the_fix() -> None:
    with pytest.raises(PairLimitError, match="pairing='similar'"):
        make_pairs(SENTS, "all", max_pairs=3)


def test_unknown_strategy_lists_valid_ones() -> None:
    with pytest.raises(InputError, match="'all', 'cross-document'"):
        make_pairs(SENTS, "everything")


def test_bad_top_k() -> None:
    with pytest.raises(InputError, match="top_k must be at least 1"):
        make_pairs(SENTS, "similar", top_k=0)


def test_embedding_rows_must_match() -> None:
    with pytest.raises(InputError, match="embedding rows"):
        make_pairs(SENTS, "similar", embeddings=np.eye(3, dtype=np.float32))


def test_callable_strategy_is_normalised() -> None:
    def backwards(sentences, **_):  # type: ignore[no-untyped-def]
        return [(2, 0), (0, 2), (1, 1)]

    assert make_pairs(SENTS, backwards) == [(0, 2)]


def test_registry_names() -> None:
    assert set(PAIRING_STRATEGIES) == {"all", "cross-document", "similar", "cross-similar"}


def test_tiny_inputs() -> None:
    assert make_pairs(SENTS[:1], "similar") == []
    assert make_pairs([], "all") == []


# -- blockwise top-k: same pairs as a full stable sort, bounded memory ----------------


def _reference_pairs(
    sentences: list[Sentence],
    embeddings: np.ndarray,
    top_k: int,
    cross_only: bool,
    min_similarity: float | None = None,
) -> list[tuple[int, int]]:
    """The former implementation: full N x N matrix and a stable argsort per row."""
    from conflictscan._pairing import similarity_matrix

    n = len(sentences)
    sims = similarity_matrix(embeddings)
    if cross_only:
        docs = np.array([str(s.doc_id) for s in sentences])
        sims[docs[:, None] == docs[None, :]] = -np.inf
    floor = -np.inf if min_similarity is None else min_similarity
    order = np.argsort(-sims, axis=1, kind="stable")[:, : min(top_k, n - 1)]
    pairs = {
        (min(i, int(j)), max(i, int(j)))
        for i in range(n)
        for j in order[i]
        if np.isfinite(sims[i, j]) and sims[i, j] >= floor
    }
    return sorted(pairs)


def _random_case(seed: int, n: int) -> tuple[list[Sentence], np.ndarray]:
    rng = np.random.default_rng(seed)
    # Small integers: every dot product is exact, so ties really are ties.
    emb = rng.integers(-2, 3, size=(n, 6)).astype(np.float32)
    sents = _sents([(f"d{rng.integers(0, 4)}", f"sentence {i}") for i in range(n)])
    return sents, emb


@pytest.mark.parametrize("block", [1 << 20, 7, 1])
@pytest.mark.parametrize("seed", range(6))
def test_blockwise_top_k_equals_full_stable_sort(
    seed: int, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("conflictscan._pairing._BLOCK_ELEMENTS", block)
    sents, emb = _random_case(seed, n=3 + 9 * seed)
    for top_k in (1, 3, 50):
        for cross, strategy in ((False, "similar"), (True, "cross-similar")):
            for floor in (None, 0.5):
                expected = _reference_pairs(sents, emb, top_k, cross, floor)
                got = make_pairs(sents, strategy, top_k=top_k, embeddings=emb, min_similarity=floor)
                assert got == expected, (top_k, strategy, floor)


def test_blockwise_equals_before_on_encoder_and_tfidf_inputs(
    fake_encoder: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conflictscan._pairing import tfidf_embeddings

    texts = [s.text for s in SENTS] * 3 + ["The bridge reopened.", "Repairs cost four million."]
    sents = _sents([(f"d{i % 4}", text) for i, text in enumerate(texts)])
    for emb in (fake_encoder.encode(texts), tfidf_embeddings(texts)):  # type: ignore[attr-defined]
        for block in (1 << 20, 5):
            monkeypatch.setattr("conflictscan._pairing._BLOCK_ELEMENTS", block)
            assert make_pairs(sents, "similar", top_k=2, embeddings=emb) == _reference_pairs(
                sents, emb, 2, False
            )
    monkeypatch.setattr("conflictscan._pairing._BLOCK_ELEMENTS", 1 << 20)
    dense = make_pairs(sents, "cross-similar", top_k=2)  # TF-IDF computed inside, dense
    monkeypatch.setattr("conflictscan._pairing._BLOCK_ELEMENTS", 40)
    assert make_pairs(sents, "cross-similar", top_k=2) == dense  # sparse TF-IDF blocks


def test_pairing_memory_grows_linearly_not_quadratically() -> None:
    import tracemalloc

    n = 4000  # the full float32 similarity matrix alone would take 61 MiB, its argsort 122
    emb = np.random.default_rng(0).standard_normal((n, 16)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    sents = _sents([("a" if i % 2 else "b", "x") for i in range(n)])
    tracemalloc.start()
    try:
        pairs = make_pairs(sents, "cross-similar", top_k=5, embeddings=emb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert n * 5 // 2 <= len(pairs) <= n * 5
    assert peak < 32 * 2**20, f"pairing peaked at {peak / 2**20:.0f} MiB"


def test_top_k_neighbours_progress_and_groups() -> None:
    from conflictscan._pairing import top_k_neighbours

    vectors = np.eye(4, dtype=np.float32) + 0.1
    rows, cols = top_k_neighbours(vectors, 2, groups=np.array([0, 0, 1, 1]))
    assert set(zip(rows.tolist(), cols.tolist(), strict=True)) == {
        (0, 2),
        (0, 3),
        (1, 2),
        (1, 3),
        (2, 0),
        (2, 1),
        (3, 0),
        (3, 1),
    }
    rows, _ = top_k_neighbours(np.ones((1, 3), np.float32), 5)
    assert rows.size == 0
