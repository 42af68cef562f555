"""Tests for conflictscan.pairing."""

from __future__ import annotations

import numpy as np
import pytest

from conflictscan.errors import InputError, PairLimitError
from conflictscan.pairing import PAIRING_STRATEGIES, count_pairs, make_pairs
from conflictscan.results import Sentence


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
