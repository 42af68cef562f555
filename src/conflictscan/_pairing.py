"""Pairing: sentences -> candidate pairs.

Input: ``list[Sentence]`` (and, for the similarity strategies, an embedding matrix with one
L2-normalised row per sentence). Output: ``list[tuple[int, int]]`` of sentence indices with
``i < j``, sorted, without duplicates.

Strategies (:data:`PAIRING_STRATEGIES`):

* ``"all"``: every unordered pair, within and across documents.
* ``"cross-document"``: only pairs whose sentences come from different documents.
* ``"similar"``: for each sentence, its ``top_k`` most similar sentences.
* ``"cross-similar"``: like ``"similar"`` but neighbours come from other documents only.

Similarity is the cosine of the given embeddings, or TF-IDF cosine when none are given.
The exhaustive strategies refuse to build more than ``max_pairs`` pairs. The similarity
strategies compare sentences in row blocks and keep only each row's top ``top_k``, so their
memory grows linearly with the number of sentences (:func:`top_k_neighbours`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from conflictscan._config import DEFAULT_MAX_PAIRS, DEFAULT_TOP_K
from conflictscan._errors import InputError, PairLimitError
from conflictscan._types import Sentence

Pair = tuple[int, int]

logger = logging.getLogger(__name__)

_BLOCK_ELEMENTS = 1 << 20
"""Similarities held at once while pairing (4 MiB of float32 per block)."""


def count_pairs(sentences: Sequence[Sentence], strategy: str = "all") -> int:
    """Number of pairs an exhaustive strategy would produce.

    Args:
        sentences: The sentences to pair.
        strategy: ``"all"`` or ``"cross-document"``.

    Returns:
        The pair count, computed without building the pairs.
    """
    n = len(sentences)
    total = n * (n - 1) // 2
    if strategy != "cross-document":
        return total
    per_doc: dict[str | None, int] = {}
    for s in sentences:
        per_doc[s.doc_id] = per_doc.get(s.doc_id, 0) + 1
    return total - sum(k * (k - 1) // 2 for k in per_doc.values())


def _check_limit(count: int, max_pairs: int, strategy: str) -> None:
    if count > max_pairs:
        raise PairLimitError(
            f"pairing={strategy!r} would score {count:,} pairs, over max_pairs={max_pairs:,}. "
            "Use pairing='similar' (or 'cross-similar') to compare each sentence with its "
            "top_k most related ones, or raise max_pairs."
        )


def _all_pairs(sentences: Sequence[Sentence], **_: object) -> list[Pair]:
    n = len(sentences)
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


def _cross_document_pairs(sentences: Sequence[Sentence], **_: object) -> list[Pair]:
    n = len(sentences)
    return [
        (i, j)
        for i in range(n)
        for j in range(i + 1, n)
        if sentences[i].doc_id != sentences[j].doc_id
    ]


def tfidf_embeddings(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised TF-IDF rows (word unigrams and bigrams) for lexical similarity.

    Args:
        texts: The texts to vectorise.

    Returns:
        A dense float32 matrix with one row per text.
    """
    return np.asarray(_tfidf_rows(texts).toarray(), dtype=np.float32)


def _tfidf_rows(texts: Sequence[str]) -> Any:
    """:func:`tfidf_embeddings` as a sparse CSR matrix (float32)."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not texts:
        return sparse.csr_matrix((0, 1), dtype=np.float32)
    vectorizer = TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"
    )
    try:
        return vectorizer.fit_transform(texts).astype(np.float32)
    except ValueError:  # every text is empty of tokens
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)


def similarity_matrix(embeddings: np.ndarray) -> np.ndarray:
    """Cosine similarities of L2-normalised rows, diagonal set to -inf.

    Builds the whole N x N matrix: meant for small inputs and inspection. Pairing itself
    works in row blocks (:func:`top_k_neighbours`) and never holds this matrix.
    """
    sims = np.asarray(embeddings, dtype=np.float32) @ np.asarray(embeddings, dtype=np.float32).T
    np.fill_diagonal(sims, -np.inf)
    return sims


def top_k_neighbours(
    vectors: Any,
    top_k: int,
    *,
    groups: np.ndarray | None = None,
    min_similarity: float | None = None,
    show_progress: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``top_k`` most similar other rows, computed block by block.

    Memory is O(N * top_k + block * N): rows are compared with all others
    :data:`_BLOCK_ELEMENTS` similarities at a time, and only each row's top ``top_k`` are
    kept (found with ``np.partition``, not a full sort). Ties are broken towards the lower
    index, so the result equals a stable descending sort of each similarity row.

    Args:
        vectors: One row per item (dense array, or a SciPy sparse matrix); similarity is
            the dot product (the cosine for L2-normalised rows).
        top_k: Neighbours per row.
        groups: Optional integer label per row; rows with the same label are never
            neighbours (cross-document pairing).
        min_similarity: Neighbours below this similarity are dropped.
        show_progress: Show a progress bar over the row blocks.

    Returns:
        ``(rows, cols)``: parallel int64 arrays, one entry per (row, neighbour); only
        finite similarities appear.
    """
    from tqdm.auto import tqdm

    n = vectors.shape[0]
    k = min(top_k, n - 1)
    floor = -np.inf if min_similarity is None else float(min_similarity)
    step = max(1, _BLOCK_ELEMENTS // max(n, 1))
    found_rows: list[np.ndarray] = []
    found_cols: list[np.ndarray] = []
    if k < 1:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    blocks = range(0, n, step)
    if len(blocks) > 1:
        logger.info("pairing %d sentences in %d blocks of %d rows", n, len(blocks), step)
    for start in tqdm(blocks, desc="pairing", unit="block", disable=not show_progress):
        stop = min(start + step, n)
        sims = _block_similarities(vectors, start, stop, groups)
        rows, cols = _block_top_k(sims, k)
        values = sims[rows, cols]
        keep = np.isfinite(values) & (values >= floor)
        found_rows.append(rows[keep] + start)
        found_cols.append(cols[keep])
    return np.concatenate(found_rows), np.concatenate(found_cols)


def _block_similarities(
    vectors: Any, start: int, stop: int, groups: np.ndarray | None
) -> np.ndarray:
    """Similarities of rows ``start:stop`` with every row; self and same-group set to -inf."""
    block = vectors[start:stop] @ vectors.T
    sims = np.asarray(block.toarray() if hasattr(block, "toarray") else block, dtype=np.float32)
    sims[np.isnan(sims)] = -np.inf
    local = np.arange(stop - start)
    sims[local, local + start] = -np.inf
    if groups is not None:
        sims[groups[start:stop, None] == groups[None, :]] = -np.inf
    return sims


def _block_top_k(sims: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions of each row's ``k`` largest values; ties go to the lowest column."""
    n = sims.shape[1]
    kth = np.partition(sims, n - k, axis=1)[:, n - k, None]
    above = sims > kth
    ties = sims == kth
    wanted = k - above.sum(axis=1, keepdims=True)
    if (ties.sum(axis=1, keepdims=True) > wanted).any():  # keep the lowest-index ties
        ties &= np.cumsum(ties, axis=1, dtype=np.int32) <= wanted
    chosen = above | ties
    rows, cols = np.nonzero(chosen)
    return rows.astype(np.int64), cols.astype(np.int64)


def _neighbour_pairs(
    sentences: Sequence[Sentence],
    *,
    embeddings: np.ndarray | None,
    top_k: int,
    min_similarity: float | None,
    cross_only: bool,
    show_progress: bool = False,
) -> list[Pair]:
    n = len(sentences)
    if n < 2:
        return []
    vectors = _pairing_vectors(sentences, embeddings)
    groups = None
    if cross_only:
        _, groups = np.unique([str(s.doc_id) for s in sentences], return_inverse=True)
    rows, cols = top_k_neighbours(
        vectors,
        top_k,
        groups=groups,
        min_similarity=min_similarity,
        show_progress=show_progress,
    )
    codes = np.unique(np.minimum(rows, cols) * n + np.maximum(rows, cols))
    return list(zip((codes // n).tolist(), (codes % n).tolist(), strict=True))


def _pairing_vectors(sentences: Sequence[Sentence], embeddings: np.ndarray | None) -> Any:
    """The given embeddings (float32), or TF-IDF rows: dense while small, else sparse."""
    n = len(sentences)
    if embeddings is None:
        rows = _tfidf_rows([s.content for s in sentences])
        small = rows.shape[0] * rows.shape[1] <= _BLOCK_ELEMENTS
        return np.asarray(rows.toarray(), dtype=np.float32) if small else rows
    if len(embeddings) != n:
        raise InputError(
            f"got {len(embeddings)} embedding rows for {n} sentences; expected one each"
        )
    return np.asarray(embeddings, dtype=np.float32)


def _similar_pairs(sentences: Sequence[Sentence], **kw: object) -> list[Pair]:
    return _neighbour_pairs(sentences, cross_only=False, **kw)  # type: ignore[arg-type]


def _cross_similar_pairs(sentences: Sequence[Sentence], **kw: object) -> list[Pair]:
    return _neighbour_pairs(sentences, cross_only=True, **kw)  # type: ignore[arg-type]


PAIRING_STRATEGIES: dict[str, Callable[..., list[Pair]]] = {
    "all": _all_pairs,
    "cross-document": _cross_document_pairs,
    "similar": _similar_pairs,
    "cross-similar": _cross_similar_pairs,
}
EXHAUSTIVE = frozenset({"all", "cross-document"})
_NEIGHBOUR_STRATEGIES = (_similar_pairs, _cross_similar_pairs)


def make_pairs(
    sentences: Sequence[Sentence],
    strategy: str | Callable[..., list[Pair]] = "all",
    *,
    top_k: int = DEFAULT_TOP_K,
    max_pairs: int = DEFAULT_MAX_PAIRS,
    embeddings: np.ndarray | None = None,
    min_similarity: float | None = None,
    show_progress: bool = False,
) -> list[Pair]:
    """Choose which sentence pairs to score.

    Args:
        sentences: Sentences of one or more documents.
        strategy: A name from :data:`PAIRING_STRATEGIES` or a callable taking the
            sentences (plus the keyword arguments below) and returning index pairs.
        top_k: Neighbours per sentence for the similarity strategies.
        max_pairs: Upper bound for the exhaustive strategies.
        embeddings: One L2-normalised row per sentence; TF-IDF is used when None.
        min_similarity: Cosine floor below which neighbours are dropped.
        show_progress: Progress bar while the similarity strategies compare sentences
            (memory stays O(N * top_k) plus one block of similarities, whatever N).

    Returns:
        Sorted, unique ``(i, j)`` pairs with ``i < j``.

    Raises:
        InputError: Unknown strategy name or bad ``top_k``.
        PairLimitError: An exhaustive strategy would exceed ``max_pairs``.

    Example:
        >>> make_pairs(sentences, "cross-document")
        [(0, 2), (1, 2)]
    """
    if top_k < 1:
        raise InputError(f"top_k must be at least 1, got {top_k}")
    if callable(strategy):
        func, name = strategy, getattr(strategy, "__name__", "custom")
    elif strategy in PAIRING_STRATEGIES:
        func, name = PAIRING_STRATEGIES[strategy], strategy
    else:
        valid = ", ".join(repr(s) for s in PAIRING_STRATEGIES)
        raise InputError(f"unknown pairing strategy {strategy!r}; choose one of {valid}")
    if name in EXHAUSTIVE:
        _check_limit(count_pairs(sentences, name), max_pairs, name)
    extra = {"show_progress": show_progress} if func in _NEIGHBOUR_STRATEGIES else {}
    pairs = func(
        sentences, top_k=top_k, embeddings=embeddings, min_similarity=min_similarity, **extra
    )
    return sorted({(min(i, j), max(i, j)) for i, j in pairs if i != j})


def relatedness(
    embeddings: np.ndarray | None, pairs: Sequence[tuple[int, int]]
) -> list[float | None]:
    """Cosine similarity of each pair's (L2-normalised) embeddings; None without them."""
    if embeddings is None:
        return [None] * len(pairs)
    return [float(np.clip(embeddings[i] @ embeddings[j], -1.0, 1.0)) for i, j in pairs]
