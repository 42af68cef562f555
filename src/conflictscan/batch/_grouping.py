"""Grouping: articles -> stories, so that only articles about the same event are compared.

Input: an id-aligned sequence of group labels, or article lead vectors (title + first
paragraph) with optional publication dates. Output: :class:`Grouping`, lists of row
indices, one per story of two or more articles, plus the singletons that are skipped.

Automatic grouping (no group column) works in two steps that keep memory small: leads are
turned into compact vectors chunk by chunk (:class:`LeadVectorizer`; sparse TF-IDF of
hashed words, or sentence embeddings), then :func:`cluster_vectors` links every two
articles whose cosine similarity reaches ``threshold`` (and, with dates, whose
publication dates lie within ``date_window_days``), takes connected components, and
re-clusters each component by average linkage at the same cut, so that one chance link
between two stories does not merge them. A group larger than ``max_group_size`` is split
again with a threshold raised by 0.05 until it fits.

Default cuts: 0.35 for TF-IDF (1- and 2-word terms, English stop words removed,
sublinear term frequency) and 0.8 for MiniLM lead embeddings. Embeddings place two
different events of one kind (two factory fires) close together, while TF-IDF keys on
names and places, hence TF-IDF is the default. On generated collections of 40 stories
(about 400 articles, ``benchmarks/gen_collection.py``) the adjusted Rand index against
the true stories is 1.0 for TF-IDF at 0.35 with a 2-day window (0.78-0.97 without
dates); MiniLM reaches 0.83 at 0.7 and 1.0 at 0.8 without dates.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np

from conflictscan._errors import InputError

GROUPING_METHODS: dict[str, float] = {"tfidf": 0.35, "embedding": 0.8}
"""Automatic grouping methods and their default similarity cut."""

DEFAULT_LEAD_CHARS = 600
_HASH_FEATURES = 2**20
_BLOCK_ROWS = 512
_SPLIT_STEP = 0.05
_MAX_DENSE = 2000
_LINKAGES = ("average", "single")


@dataclass(frozen=True, slots=True)
class Grouping:
    """Stories found in a collection.

    Args:
        groups: Row indices of each story with two or more articles, in order of each
            story's first article; indices ascend within a story.
        singletons: Rows that share a story with no other article (not compared).
        method: ``"column"``, ``"tfidf"`` or ``"embedding"``.
        threshold: The similarity cut used (``None`` for ``"column"``).
        labels: Group label of each story in ``groups``.
    """

    groups: tuple[tuple[int, ...], ...]
    singletons: tuple[int, ...]
    method: str
    threshold: float | None = None
    labels: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.groups)


def lead_text(text: str, title: str | None = None, *, max_chars: int = DEFAULT_LEAD_CHARS) -> str:
    """Title and lead of an article: what automatic grouping compares.

    Args:
        text: Full article text.
        title: Headline, if separate from the text.
        max_chars: Characters of the text kept (cut at the last space before the limit).

    Returns:
        ``title`` and the start of ``text``, joined by a newline.
    """
    lead = text[:max_chars]
    if len(text) > max_chars and " " in lead:
        lead = lead[: lead.rindex(" ")]
    return f"{title}\n{lead}" if title else lead


def group_by_label(labels: Sequence[Hashable | None]) -> Grouping:
    """Group rows that share a label (a group column's values).

    Args:
        labels: One label per row; ``None`` marks a row without a group (skipped as a
            singleton).

    Returns:
        Stories in order of first appearance, labelled with ``str(label)``.
    """
    members: dict[Hashable, list[int]] = {}
    singletons: list[int] = []
    for row, label in enumerate(labels):
        if label is None:
            singletons.append(row)
        else:
            members.setdefault(label, []).append(row)
    groups = [(str(label), rows) for label, rows in members.items() if len(rows) > 1]
    singletons.extend(rows[0] for rows in members.values() if len(rows) == 1)
    return Grouping(
        groups=tuple(tuple(rows) for _, rows in groups),
        singletons=tuple(sorted(singletons)),
        method="column",
        labels=tuple(label for label, _ in groups),
    )


class LeadVectorizer:
    """Turns article leads into L2-normalised vectors, one chunk at a time.

    ``"tfidf"`` hashes words, so no vocabulary is fitted and chunks can be transformed as
    they are read; IDF weights are applied once all counts are in (:meth:`finish`).
    ``"embedding"`` uses a sentence encoder (rows already L2-normalised).

    Args:
        method: A key of :data:`GROUPING_METHODS`.
        encoder: Object with ``encode(texts) -> np.ndarray``; required for ``"embedding"``.

    Raises:
        InputError: Unknown method, or ``"embedding"`` without an encoder.
    """

    def __init__(self, method: str = "tfidf", *, encoder: Any = None) -> None:
        if method not in GROUPING_METHODS:
            valid = ", ".join(repr(m) for m in GROUPING_METHODS)
            raise InputError(f"unknown grouping method {method!r}; choose one of {valid}")
        if method == "embedding" and encoder is None:
            raise InputError("grouping='embedding' needs an encoder; pass a scanner or use 'tfidf'")
        self.method = method
        self.encoder = encoder
        self._chunks: list[Any] = []
        self._hasher: Any = None

    def add(self, leads: Sequence[str]) -> None:
        """Vectorise one chunk of leads (in row order).

        Args:
            leads: Texts from :func:`lead_text`.
        """
        if not leads:
            return
        if self.method == "embedding":
            self._chunks.append(np.asarray(self.encoder.encode(list(leads)), dtype=np.float32))
            return
        if self._hasher is None:
            from sklearn.feature_extraction.text import HashingVectorizer

            self._hasher = HashingVectorizer(
                n_features=_HASH_FEATURES,
                alternate_sign=False,
                norm=None,
                stop_words="english",
                ngram_range=(1, 2),
                dtype=np.float32,
            )
        self._chunks.append(self._hasher.transform(list(leads)))

    def finish(self) -> Any:
        """All vectors so far: a sparse CSR matrix (TF-IDF) or a dense array (embedding)."""
        if self.method == "embedding":
            return np.vstack(self._chunks) if self._chunks else np.zeros((0, 1), np.float32)
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfTransformer

        if not self._chunks:
            return sparse.csr_matrix((0, _HASH_FEATURES), dtype=np.float32)
        counts = sparse.vstack(self._chunks, format="csr")
        return TfidfTransformer(sublinear_tf=True).fit_transform(counts).astype(np.float32)


def parse_date(value: Any) -> date | None:
    """Publication date of a cell: ISO string, ``date``/``datetime`` or empty.

    Args:
        value: The cell value.

    Returns:
        The date, or ``None`` for an empty cell.

    Raises:
        InputError: A value that is not an ISO-8601 date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise InputError(
        f"publication date {value!r} is not an ISO-8601 date; expected e.g. '2024-03-05' or "
        "'2024-03-05T14:00:00Z'. Fix the column or leave date_column unset."
    )


def cluster_vectors(
    vectors: Any,
    *,
    threshold: float,
    dates: Sequence[date | None] | None = None,
    date_window_days: float | None = None,
    linkage: str = "average",
    max_group_size: int | None = 200,
    method: str = "tfidf",
) -> Grouping:
    """Group articles whose leads are similar enough and published close enough in time.

    First the graph linking every two articles with cosine similarity ``>= threshold``
    (within the date window) is cut into connected components, which is cheap on sparse
    vectors. With ``linkage="average"`` each component is then clustered again by
    average-linkage agglomeration at the same cut, so two stories joined by one chance
    link are separated. Groups above ``max_group_size`` are split with a stricter cut.

    Args:
        vectors: L2-normalised rows (sparse or dense), one per article.
        threshold: Minimum cosine similarity for two articles to be linked.
        dates: Publication date per row (``None`` where unknown: never restricts).
        date_window_days: Link only articles published at most this many days apart.
        linkage: ``"average"`` (default) or ``"single"`` (connected components only).
        max_group_size: Split larger groups with a stricter cut; ``None`` keeps them.
        method: Recorded in the result.

    Returns:
        The stories (two or more articles) and the singletons.

    Raises:
        InputError: ``threshold`` outside (0, 1], an unknown linkage, or dates not
            aligned with vectors.
    """
    if not 0.0 < threshold <= 1.0:
        raise InputError(f"grouping threshold must be in (0, 1], got {threshold}")
    if linkage not in _LINKAGES:
        raise InputError(f"unknown linkage {linkage!r}; choose 'average' or 'single'")
    n = vectors.shape[0]
    if dates is not None and len(dates) != n:
        raise InputError(f"got {len(dates)} dates for {n} articles; pass one per article")
    if n == 0:
        return Grouping((), (), method, threshold)
    days = _day_numbers(dates) if dates is not None and date_window_days is not None else None
    graph = _Graph(vectors, days, date_window_days)
    comps = graph.split(np.arange(n), threshold, _MAX_DENSE)
    if linkage == "average":
        comps = [sub for comp in comps for sub in graph.average(comp, threshold)]
    if max_group_size is not None:
        comps = [sub for comp in comps for sub in graph.shrink(comp, threshold, max_group_size)]
    comps.sort(key=lambda comp: int(comp[0]))
    groups = tuple(tuple(int(r) for r in comp) for comp in comps if len(comp) > 1)
    singletons = tuple(sorted(int(comp[0]) for comp in comps if len(comp) == 1))
    labels = tuple(f"story-{k:05d}" for k in range(len(groups)))
    return Grouping(groups, singletons, method, threshold, labels)


def _day_numbers(dates: Sequence[date | None]) -> np.ndarray:
    return np.array([np.nan if d is None else float(d.toordinal()) for d in dates])


class _Graph:
    """Similarity graph over article vectors, restricted by a date window."""

    def __init__(self, vectors: Any, days: np.ndarray | None, window: float | None) -> None:
        self.vectors, self.days, self.window = vectors, days, window

    def split(self, rows: np.ndarray, threshold: float, max_size: int) -> list[np.ndarray]:
        """Connected components of ``rows``; oversized ones are cut again more strictly."""
        days = None if self.days is None else self.days[rows]
        out: list[np.ndarray] = []
        for comp in _components(self.vectors[rows], threshold, days, self.window):
            members = np.sort(rows[comp])
            if len(members) <= max_size or threshold + _SPLIT_STEP > 1.0:
                out.append(members)
            else:
                out.extend(self.split(members, threshold + _SPLIT_STEP, max_size))
        return out

    def shrink(self, rows: np.ndarray, threshold: float, max_size: int) -> list[np.ndarray]:
        """``rows`` itself if small enough, else its components at stricter cuts."""
        if len(rows) <= max_size or threshold + _SPLIT_STEP > 1.0:
            return [rows]
        return self.split(rows, threshold + _SPLIT_STEP, max_size)

    def average(self, rows: np.ndarray, threshold: float) -> list[np.ndarray]:
        """Average-linkage clusters of ``rows`` whose mean similarity reaches ``threshold``."""
        if len(rows) <= 2:
            return [rows]
        from sklearn.cluster import AgglomerativeClustering

        block = self.vectors[rows]
        sims = block @ block.T
        sims = np.asarray(sims.todense() if hasattr(sims, "todense") else sims, dtype=np.float64)
        if self.days is not None and self.window is not None:
            gap = np.abs(self.days[rows][:, None] - self.days[rows][None, :])
            sims[gap > self.window] = 0.0
        dist = np.clip(1.0 - sims, 0.0, None)
        np.fill_diagonal(dist, 0.0)
        model = AgglomerativeClustering(
            n_clusters=None,
            metric="precomputed",
            linkage="average",
            distance_threshold=1.0 - threshold,
        )
        labels = model.fit_predict(dist)
        return [np.sort(rows[labels == k]) for k in np.unique(labels)]


def _components(
    vectors: Any, threshold: float, days: np.ndarray | None, window: float | None
) -> list[np.ndarray]:
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    n = vectors.shape[0]
    edges_i, edges_j = [], []
    for start in range(0, n, _BLOCK_ROWS):
        i, j = _block_edges(vectors, start, threshold, days, window)
        edges_i.append(i)
        edges_j.append(j)
    i_all = np.concatenate(edges_i) if edges_i else np.zeros(0, int)
    j_all = np.concatenate(edges_j) if edges_j else np.zeros(0, int)
    graph = sparse.coo_matrix((np.ones(len(i_all), np.int8), (i_all, j_all)), shape=(n, n))
    count, labels = connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.cumsum(np.bincount(labels, minlength=count))[:-1]
    return list(np.split(order, bounds))


def _block_edges(
    vectors: Any, start: int, threshold: float, days: np.ndarray | None, window: float | None
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i, j), i in this block of rows and j > i, similar and close enough in time."""
    from scipy import sparse

    sims = vectors[start : start + _BLOCK_ROWS] @ vectors.T
    if sparse.issparse(sims):
        sims = sims.tocoo()
        hit = sims.data >= threshold - 1e-6
        i, j = sims.row[hit] + start, sims.col[hit]
    else:
        i, j = np.nonzero(np.asarray(sims) >= threshold - 1e-6)
        i = i + start
    upper = j > i
    i, j = i[upper], j[upper]
    if days is not None and window is not None:
        gap = np.abs(days[i] - days[j])
        close = np.isnan(gap) | (gap <= window)
        i, j = i[close], j[close]
    return i, j
