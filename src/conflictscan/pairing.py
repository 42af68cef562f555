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
The exhaustive strategies refuse to build more than ``max_pairs`` pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from conflictscan.config import DEFAULT_MAX_PAIRS, DEFAULT_TOP_K
from conflictscan.errors import InputError, PairLimitError
from conflictscan.results import Sentence

Pair = tuple[int, int]


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
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    vectorizer = TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # every text is empty of tokens
        return np.zeros((len(texts), 1), dtype=np.float32)
    return np.asarray(matrix.toarray(), dtype=np.float32)


def similarity_matrix(embeddings: np.ndarray) -> np.ndarray:
    """Cosine similarities of L2-normalised rows, diagonal set to -inf."""
    sims = np.asarray(embeddings, dtype=np.float32) @ np.asarray(embeddings, dtype=np.float32).T
    np.fill_diagonal(sims, -np.inf)
    return sims


def _neighbour_pairs(
    sentences: Sequence[Sentence],
    *,
    embeddings: np.ndarray | None,
    top_k: int,
    min_similarity: float | None,
    cross_only: bool,
) -> list[Pair]:
    n = len(sentences)
    if n < 2:
        return []
    if embeddings is None:
        embeddings = tfidf_embeddings([s.content for s in sentences])
    if len(embeddings) != n:
        raise InputError(
            f"got {len(embeddings)} embedding rows for {n} sentences; expected one each"
        )
    sims = similarity_matrix(embeddings)
    if cross_only:
        docs = np.array([str(s.doc_id) for s in sentences])
        sims[docs[:, None] == docs[None, :]] = -np.inf
    floor = -np.inf if min_similarity is None else min_similarity
    k = min(top_k, n - 1)
    order = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    pairs: set[Pair] = set()
    for i in range(n):
        for j in order[i]:
            if np.isfinite(sims[i, j]) and sims[i, j] >= floor:
                pairs.add((min(i, int(j)), max(i, int(j))))
    return sorted(pairs)


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


def make_pairs(
    sentences: Sequence[Sentence],
    strategy: str | Callable[..., list[Pair]] = "all",
    *,
    top_k: int = DEFAULT_TOP_K,
    max_pairs: int = DEFAULT_MAX_PAIRS,
    embeddings: np.ndarray | None = None,
    min_similarity: float | None = None,
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
    pairs = func(sentences, top_k=top_k, embeddings=embeddings, min_similarity=min_similarity)
    return sorted({(min(i, j), max(i, j)) for i, j in pairs if i != j})
