"""Scanner: documents -> ScanResult, tying every pipeline stage together.

Input: ``str``, :class:`~conflictscan.Document` or a sequence of them. Output:
:class:`~conflictscan.ScanResult`.

Stages: :mod:`segmentation` splits each text into sentences with exact offsets,
:mod:`claims` separates attribution from content (``reasoning="news"``), :mod:`pairing`
chooses candidate pairs, :mod:`scoring` runs the NLI model in both directions (and embeds
claims for relatedness), :mod:`signals` compares numbers, dates and denials, and
:mod:`aggregation` turns it all into conflicts with one confidence.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from conflictscan import _aggregation as aggregation
from conflictscan import _pairing as pairing
from conflictscan import _rounds as rounds
from conflictscan._aggregation import Combiner
from conflictscan._checks import _check_numbers, _is_number
from conflictscan._config import (
    DEFAULT_BACKEND,
    DEFAULT_BATCH_SIZE,
    DEFAULT_DIRECTIONS,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_PAIRS,
    DEFAULT_MIN_WORDS,
    DEFAULT_MODEL,
    DEFAULT_PAIRING,
    DEFAULT_REASONING,
    DEFAULT_TOP_K,
    MIN_CLAIM_WORDS,
    ScanConfig,
    default_threshold,
)
from conflictscan._errors import InputError
from conflictscan._inputs import DocumentsLike, coerce_documents, content_key
from conflictscan._pairing import relatedness
from conflictscan._types import (
    Candidate,
    Conflict,
    Document,
    PairScore,
    ScanResult,
    ScanWork,
    Sentence,
)


class Scanner:
    """Finds conflicting claims in one or more documents.

    Construction is cheap; the NLI model and the sentence encoder load on first use
    (``load()`` warms them up). Arguments are those of
    :class:`~conflictscan.ScanConfig`, plus components to inject.

    Args:
        model: Built-in preset ("mini", "base", "large"), hub id or local directory.
        device: "cpu", "cuda", "mps" or None for the fastest available.
        batch_size: Pairs per forward pass.
        threshold: Minimum confidence for a conflict to be reported; None picks the
            default of the reasoning mode (0.2 for "news", 0.5 for "nli").
        pairing: "auto" (every pair while under ``max_pairs``, else "similar"), "all",
            "cross-document", "similar", "cross-similar", or a callable.
        top_k: Neighbours per sentence for the similarity strategies.
        max_pairs: Guard against runaway quadratic work.
        min_similarity: Relatedness floor for the similarity strategies.
        revision: Hub revision of the model.
        local_files_only: Never contact the hub.
        label_map: ``{index: label}`` for models whose labels are not named.
        model_kwargs: Extra ``from_pretrained`` arguments.
        reasoning: "news" (default) or "nli"; see :mod:`conflictscan._aggregation`.
        min_words: Sentences with fewer words are not compared.
        max_chars: Longest document text accepted, in characters.
        backend: "auto" (default: int8/ONNX on CPU where that keeps accuracy, see
            :data:`~conflictscan._config.DEFAULT_CPU_BACKEND`), "torch", "int8", "onnx" or
            "onnx-int8"; used by the NLI model and the sentence encoder.
        directions: "auto" (default: ``b -> a`` is read only where ``a -> b`` is not
            clearly non-contradictory, and for every reported pair) or "both".
        scorer: Object with ``score_pairs`` to use instead of loading ``model``.
        encoder: Object with ``encode`` to use instead of the built-in sentence encoder.
        combiner: A fitted :class:`~conflictscan._aggregation.Combiner` to override the
            shipped one.
        keep: Sentence filter passed to :func:`~conflictscan.text.split_sentences`;
            None keeps every sentence; default drops boilerplate.
        show_progress: Show progress bars while scoring.

    Example:
        >>> scanner = Scanner(threshold=0.6)
        >>> result = scanner.scan([Document(t1, doc_id="a"), Document(t2, doc_id="b")])
        >>> result.conflicts[0].confidence
        0.93
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        device: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        threshold: float | None = None,
        pairing: str | Callable[..., list[tuple[int, int]]] = DEFAULT_PAIRING,
        top_k: int = DEFAULT_TOP_K,
        max_pairs: int = DEFAULT_MAX_PAIRS,
        min_similarity: float | None = None,
        revision: str | None = None,
        local_files_only: bool = False,
        label_map: dict[int, str] | None = None,
        model_kwargs: dict[str, Any] | None = None,
        reasoning: str = DEFAULT_REASONING,
        min_words: int = DEFAULT_MIN_WORDS,
        max_chars: int = DEFAULT_MAX_CHARS,
        backend: str = DEFAULT_BACKEND,
        directions: str = DEFAULT_DIRECTIONS,
        scorer: Any = None,
        encoder: Any = None,
        combiner: Combiner | None = None,
        keep: Callable[[str], bool] | None | str = "default",
        show_progress: bool = False,
    ) -> None:
        if threshold is None:
            threshold = default_threshold(reasoning, model)
        _validate(threshold, batch_size, top_k, max_pairs, reasoning, pairing)
        _check_numbers(min_similarity=min_similarity, min_words=min_words, max_chars=max_chars)
        if directions not in rounds.DIRECTIONS:
            raise InputError(f"directions must be 'auto' or 'both', got {directions!r}")
        from conflictscan.nli._backends import check_backend

        backend = check_backend(backend)
        self._pairing = pairing
        self.config = ScanConfig(
            model=model,
            device=device,
            batch_size=batch_size,
            threshold=threshold,
            pairing=pairing if isinstance(pairing, str) else "custom",
            top_k=top_k,
            max_pairs=max_pairs,
            min_similarity=min_similarity,
            revision=revision,
            local_files_only=local_files_only,
            label_map=label_map,
            model_kwargs=model_kwargs,
            reasoning=reasoning,
            min_words=min_words,
            max_chars=max_chars,
            backend=backend,
            directions=directions,
        )
        self._scorer = scorer
        self._encoder = encoder
        self._combiner = combiner
        self._keep = keep
        self.show_progress = show_progress

    @classmethod
    def from_config(
        cls,
        config: ScanConfig,
        *,
        scorer: Any = None,
        encoder: Any = None,
        pairing: Callable[..., list[tuple[int, int]]] | None = None,
    ) -> Scanner:
        """Rebuild a scanner from its :attr:`config` (e.g. on a batch worker).

        Args:
            config: The configuration of the scanner to rebuild.
            scorer: Scorer to inject instead of loading ``config.model``.
            encoder: Sentence encoder to inject.
            pairing: The pairing callable of a scanner built with one; its config only
                records ``pairing="custom"``.

        Raises:
            InputError: ``config.pairing`` is ``"custom"`` and no ``pairing`` is given.
        """
        options = config.to_dict()
        if pairing is not None:
            options["pairing"] = pairing
        elif options["pairing"] == "custom":
            raise InputError(
                "this config comes from a Scanner with a pairing callable (pairing='custom'); "
                "pass the callable again: Scanner.from_config(config, pairing=my_pairing)"
            )
        return cls(**options, scorer=scorer, encoder=encoder)

    @property
    def pairing(self) -> str | Callable[..., list[tuple[int, int]]]:
        """The pairing strategy: a strategy name, ``"auto"`` or a callable."""
        return self._pairing

    def __repr__(self) -> str:
        c = self.config
        return f"Scanner(model={c.model!r}, threshold={c.threshold}, pairing={c.pairing!r})"

    # -- components -----------------------------------------------------------------

    @property
    def scorer(self) -> Any:
        """The NLI scorer (loaded lazily on first scoring)."""
        if self._scorer is None:
            from conflictscan.nli._scorer import NLIScorer

            c = self.config
            self._scorer = NLIScorer(
                c.model,
                device=c.device,
                batch_size=c.batch_size,
                revision=c.revision,
                local_files_only=c.local_files_only,
                label_map=c.label_map,
                model_kwargs=c.model_kwargs,
                backend=c.backend,
            )
        return self._scorer

    @property
    def combiner(self) -> Combiner:
        """The combiner ``reasoning="news"`` uses: the one given, else the one shipped for
        this scanner's model (see :func:`~conflictscan._aggregation.default_combiner`)."""
        return self._combiner or aggregation.default_combiner(self.config.model)

    @property
    def encoder(self) -> Any:
        """The sentence encoder used for relatedness and similarity pairing."""
        if self._encoder is None:
            from conflictscan.nli._encoder import SentenceEncoder

            self._encoder = SentenceEncoder(device=self.config.device, backend=self.config.backend)
        return self._encoder

    def load(self) -> Scanner:
        """Load the model (and encoder, for news reasoning) now rather than on first use."""
        for component in (self.scorer, self.encoder if self.config.reasoning == "news" else None):
            if component is not None and hasattr(component, "load"):
                component.load()
        return self

    # -- public API -----------------------------------------------------------------

    def score_pairs(self, pairs: Sequence[tuple[str, str]]) -> list[PairScore]:
        """NLI scores for ``(premise, hypothesis)`` pairs, in input order."""
        return list(self.scorer.score_pairs(list(pairs), show_progress=self.show_progress))

    def sentences_for(self, docs: DocumentsLike) -> list[Sentence]:
        """The sentences a scan of ``docs`` compares, claims normalised."""
        return self._sentences(coerce_documents(docs, max_chars=self.config.max_chars))

    def scan(self, docs: DocumentsLike) -> ScanResult:
        """Find conflicts within and across the given documents.

        Args:
            docs: A text, a :class:`Document`, or a sequence of either.

        Returns:
            The conflicts at or above the threshold, highest confidence first.

        Raises:
            InputError: Empty or malformed input.
            PairLimitError: An exhaustive pairing would exceed ``max_pairs``.
            ModelLoadError: The model cannot be loaded.
        """
        return self._finish_chunk([self._prepare(docs)])[0]

    def scan_many(
        self, items: Iterable[DocumentsLike], *, chunk_size: int = 16
    ) -> Iterator[ScanResult]:
        """Scan each item (a text, a document or a group of documents) in input order.

        Items are read ``chunk_size`` at a time, and the sentence encoder and the NLI
        model each run once per chunk over all its items, so many short items fill the
        model's batches as one long one would. Each item is judged on its own requests
        only, as :meth:`scan` would judge it; but an int8 encoder (the ``auto`` choice on
        CPU) sets its activation scales per batch, so embeddings, and with them the
        relatedness gate and similarity pairing, can differ slightly from one scan per
        item (on 400 FNC-1 items: 19 item confidences moved, AUC 0.655 -> 0.654).
        ``chunk_size=1`` reproduces :meth:`scan` exactly. An item that fails (bad input,
        too many pairs) raises when its turn comes: the items before it are yielded first.

        Args:
            items: Texts, documents or groups of documents.
            chunk_size: Items scored together (>= 1).

        Yields:
            One :class:`ScanResult` per item.
        """
        _check_numbers(chunk_size=chunk_size)
        chunk: list[ScanWork] = []
        for item in items:
            try:
                chunk.append(self._prepare(item))
            except Exception:
                yield from self._finish_chunk(chunk)
                raise
            if len(chunk) == chunk_size:
                yield from self._finish_chunk(chunk)
                chunk = []
        yield from self._finish_chunk(chunk)

    def _finish_chunk(self, chunk: list[ScanWork]) -> list[ScanResult]:
        """Embed, pair, score and judge prepared scans together (:meth:`scan` is a chunk
        of one)."""
        embedded = [w for w in chunk if w.sentences and self._wants_embeddings(w.strategy)]
        texts = [s.content for work in embedded for s in work.sentences]
        if texts:
            vectors = np.asarray(self.encoder.encode(texts), dtype=np.float32)
            offset = 0
            for work in embedded:
                work.embeddings = vectors[offset : offset + len(work.sentences)]
                offset += len(work.sentences)
        return self._run([self._plan(work) for work in chunk])

    # -- one scan, in stages ----------------------------------------------------------

    def _prepare(self, docs: DocumentsLike) -> ScanWork:
        """Documents, sentences and the pairing strategy of one scan."""
        documents = coerce_documents(docs, max_chars=self.config.max_chars)
        sentences = self._sentences(documents)
        strategy, notes = self._strategy(sentences)
        return ScanWork(documents, sentences, strategy, notes)

    def _plan(self, work: ScanWork) -> ScanWork:
        """Pairs, the relatedness gate and the NLI requests of a prepared scan."""
        work.pairs = pairing.make_pairs(
            work.sentences,
            self._pairing if work.strategy == "custom" else work.strategy,
            top_k=self.config.top_k,
            max_pairs=self.config.max_pairs,
            embeddings=work.embeddings,
            min_similarity=self.config.min_similarity,
            show_progress=self.show_progress,
        )
        both = self.config.directions == "both"
        work.kept, work.related, work.denials, work.requests = self._requests(
            work.sentences, work.pairs, work.embeddings, gate=True, reverse=both
        )
        return work

    def _run(self, works: list[ScanWork]) -> list[ScanResult]:
        """Score planned scans together (rounds of :mod:`conflictscan._rounds`), then
        build candidates and aggregate each."""
        scores: dict[tuple[str, str], PairScore] = {}
        rounds.fill(scores, (r for work in works for r in work.requests), self.score_pairs)
        for work in works:
            work.extra = rounds.reverses(work, scores, self.config.directions)
        rounds.fill(scores, (r for work in works for r in work.extra), self.score_pairs)
        news = self.config.reasoning == "news"
        candidates = [rounds.candidates(work, scores, news=news) for work in works]
        found = [self._conflicts(cands) for cands in candidates]
        unread = [
            rounds.unread(conflicts, {*work.requests, *work.extra})
            for work, conflicts in zip(works, found, strict=True)
        ]
        rounds.fill(scores, (r for rs in unread for r in rs), self.score_pairs)
        for k, work in enumerate(works):
            if unread[k]:
                work.extra += unread[k]
                candidates[k] = rounds.with_reads(candidates[k], scores, unread[k])
                found[k] = self._conflicts(candidates[k])
        return [self._result(work, conflicts) for work, conflicts in zip(works, found, strict=True)]

    def _conflicts(self, candidates: list[Candidate]) -> list[Conflict]:
        return aggregation.aggregate(
            candidates,
            threshold=self.config.threshold,
            reasoning=self.config.reasoning,
            combiner=self.combiner,
        )

    def _result(self, work: ScanWork, conflicts: list[Conflict]) -> ScanResult:
        return ScanResult(
            conflicts=tuple(conflicts),
            sentences=tuple(work.sentences),
            documents=tuple(work.documents),
            pairs_considered=len(work.pairs),
            pairs_scored=len(dict.fromkeys(work.requests + work.extra)),
            pairing=work.strategy,
            model=str(getattr(self.scorer, "model_id", self.config.model)),
            threshold=self.config.threshold,
            notes=tuple(work.notes),
        )

    def score_conflict(
        self, a: Sentence, b: Sentence, documents: Sequence[Document] | None = None
    ) -> Conflict:
        """Judge one given pair of sentences, whatever the threshold.

        Args:
            a: First sentence (e.g. from :meth:`sentences_for`).
            b: Second sentence.
            documents: The documents they come from (for publication dates).

        Returns:
            The pair as a :class:`Conflict` with its confidence.
        """
        sents = [a, b]
        embeddings = self._embeddings(sents, "all")
        docs = list(documents or [])
        candidates, _ = self._candidates(sents, [(0, 1)], embeddings, docs, gate=False)
        return aggregation.to_conflict(
            candidates[0], reasoning=self.config.reasoning, combiner=self.combiner
        )

    def candidates(
        self, docs: DocumentsLike, pairs: Sequence[tuple[int, int]] | None = None
    ) -> tuple[list[Sentence], list[Candidate]]:
        """Deprecated: use :func:`conflictscan.build.scored_candidates` (build tooling)."""
        warnings.warn(
            "Scanner.candidates() is deprecated and will be removed in 0.3; use "
            "conflictscan.build.scored_candidates(scanner, docs, pairs)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self._scored_candidates(docs, pairs)

    def _scored_candidates(
        self, docs: DocumentsLike, pairs: Sequence[tuple[int, int]] | None = None
    ) -> tuple[list[Sentence], list[Candidate]]:
        documents = coerce_documents(docs, max_chars=self.config.max_chars)
        sentences = self._sentences(documents)
        embeddings = self._embeddings(sentences, "all")
        if pairs is None:
            pairs = pairing.make_pairs(sentences, "all", max_pairs=self.config.max_pairs)
        cands, _ = self._candidates(sentences, list(pairs), embeddings, documents, gate=False)
        return sentences, cands

    # -- stages ---------------------------------------------------------------------

    def _sentences(self, documents: Sequence[Document]) -> list[Sentence]:
        from conflictscan.text import _segmentation as segmentation

        keep = segmentation.is_statement if self._keep == "default" else self._keep
        out: list[Sentence] = []
        for doc in documents:
            sents = segmentation.split_sentences(
                doc.text,
                doc_id=doc.doc_id,
                source=doc.source,
                speaker=doc.speaker,
                keep=keep,
                max_chars=self.config.max_chars,
            )
            if self.config.reasoning == "news":
                from conflictscan.text import _speech as claims

                split = claims.split_attributions(sents, doc_text=doc.text)
                sents = [_claim_or_whole(w, s) for w, s in zip(sents, split, strict=True)]
            out.extend(s for s in sents if len(s.text.split()) >= self.config.min_words)
        return out

    def _strategy(self, sentences: Sequence[Sentence]) -> tuple[str, list[str]]:
        chosen = self.config.pairing
        if chosen != "auto":
            return chosen, []
        total = pairing.count_pairs(sentences, "all")
        if total <= self.config.max_pairs:
            return "all", []
        note = (
            f"{len(sentences)} sentences make {total:,} pairs, over max_pairs="
            f"{self.config.max_pairs:,}: switched to pairing='similar' (top_k={self.config.top_k})"
        )
        return "similar", [note]

    def _wants_embeddings(self, strategy: str) -> bool:
        # A custom pairing callable gets the embeddings too, as the similarity strategies do.
        uses = {"similar", "cross-similar", "custom"}
        return self.config.reasoning == "news" or strategy in uses

    def _embeddings(self, sentences: Sequence[Sentence], strategy: str) -> np.ndarray | None:
        if not self._wants_embeddings(strategy) or not sentences:
            return None
        return np.asarray(self.encoder.encode([s.content for s in sentences]), dtype=np.float32)

    def _candidates(
        self,
        sentences: Sequence[Sentence],
        pairs: Sequence[tuple[int, int]],
        embeddings: np.ndarray | None,
        documents: Sequence[Document],
        *,
        gate: bool = True,
    ) -> tuple[list[Candidate], int]:
        work = ScanWork(list(documents), list(sentences), "", [])
        work.kept, work.related, work.denials, work.requests = self._requests(
            sentences, pairs, embeddings, gate=gate, reverse=True
        )
        scores: dict[tuple[str, str], PairScore] = {}
        rounds.fill(scores, work.requests, self.score_pairs)
        news = self.config.reasoning == "news"
        return rounds.candidates(work, scores, news=news), len(work.requests)

    def _requests(
        self,
        sentences: Sequence[Sentence],
        pairs: Sequence[tuple[int, int]],
        embeddings: np.ndarray | None,
        *,
        gate: bool,
        reverse: bool,
    ) -> tuple[list[tuple[int, int]], list[float | None], dict[str, str], list[tuple[str, str]]]:
        """Pairs kept (one claim told twice, unless news reasoning reads two speakers for
        it, and with ``gate`` unrelated pairs dropped), their relatedness, the denials found
        and the ordered sentence pairs to score first (``b -> a`` too with ``reverse``)."""
        from conflictscan.signals._news import denials_by_content, score_requests
        from conflictscan.signals._quotes import quote_owner as two_speakers

        news, keys = self.config.reasoning == "news", [content_key(s.content) for s in sentences]
        twice = [
            keys[i] == keys[j] and not (news and two_speakers(sentences[i], sentences[j]))
            for i, j in pairs
        ]
        kept = [pair for pair, drop in zip(pairs, twice, strict=True) if not (drop and gate)]
        related = relatedness(embeddings, kept)
        if news and gate:
            floor = self.combiner.gate
            keep = [r is None or r >= floor for r in related]
            kept = [p for p, ok in zip(kept, keep, strict=True) if ok]
            related = [r for r, ok in zip(related, keep, strict=True) if ok]
        denials = denials_by_content(sentences) if news else {}
        requests = score_requests(sentences, kept, denials, reverse=reverse, swapped=news)
        return kept, related, denials, requests


def _validate(
    threshold: float, batch_size: int, top_k: int, max_pairs: int, reasoning: str, strategy: Any
) -> None:
    if not _is_number(threshold) or not 0.0 <= threshold <= 1.0:
        raise InputError(
            f"threshold must be in [0, 1], got {threshold!r} ({type(threshold).__name__}); "
            "pass a number such as threshold=0.5"
        )
    _check_numbers(batch_size=batch_size, top_k=top_k, max_pairs=max_pairs)
    if not isinstance(reasoning, str) or reasoning not in aggregation.REASONING_MODES:
        raise InputError(f"unknown reasoning {reasoning!r}; choose 'news' or 'nli'")
    if (
        isinstance(strategy, str)
        and strategy != "auto"
        and strategy not in pairing.PAIRING_STRATEGIES
    ):
        valid = ", ".join(repr(s) for s in ("auto", *pairing.PAIRING_STRATEGIES))
        raise InputError(f"unknown pairing strategy {strategy!r}; choose one of {valid}")
    if not isinstance(strategy, str) and not callable(strategy):
        raise InputError(
            f"pairing must be a strategy name or a callable, got {type(strategy).__name__}"
        )


_SCANNERS: dict[tuple[Any, ...], Scanner] = {}


def _cache_key(options: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((k, repr(v)) for k, v in options.items()))


def scan(texts: DocumentsLike, **options: Any) -> ScanResult:
    """Scan texts with a cached :class:`Scanner` built from ``options``.

    Convenient in notebooks: repeated calls with the same options reuse the loaded model.

    Args:
        texts: A text, a :class:`Document`, or a sequence of either.
        **options: Any :class:`Scanner` keyword argument.

    Returns:
        The :class:`ScanResult`.

    Example:
        >>> import conflictscan
        >>> conflictscan.scan(article_text).conflicts
    """
    import inspect

    valid = [name for name in inspect.signature(Scanner).parameters if name != "model"]
    unknown = sorted(set(options) - {"model", *valid})
    if unknown:
        raise InputError(
            f"unknown option(s) {', '.join(map(repr, unknown))}; valid options: {', '.join(valid)}"
        )
    key = _cache_key(options)
    if key not in _SCANNERS:
        _SCANNERS[key] = Scanner(**options)
    return _SCANNERS[key].scan(texts)


def _claim_or_whole(whole: Sentence, split: Sentence) -> Sentence:
    """The sentence with its reported claim split off, unless that leaves too little.

    ``min_words`` applies to the sentence: a short reported claim is still compared ("Dead
    for 48 minutes, priest claims God is female"), but a split that leaves fewer than
    :data:`MIN_CLAIM_WORDS` words (a misparse, or "Police say suspect fled") is undone and
    the whole sentence is compared.
    """
    return split if len(split.content.split()) >= MIN_CLAIM_WORDS else whole
