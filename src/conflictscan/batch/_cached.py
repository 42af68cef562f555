"""Cached stand-ins: a scorer and an encoder that consult a ScoreCache first, and a
de-duplicating scorer."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from conflictscan._types import PairScore
from conflictscan.batch._cache import _NON_WORD, Pair, ScoreCache, Scorer

if TYPE_CHECKING:
    pass


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
