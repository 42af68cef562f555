"""Scoring rounds: which ordered sentence pairs go to the NLI model, and candidates.

Input: planned scans (:class:`~conflictscan._types.ScanWork`: kept pairs, denials) and a
function that scores ``(premise, hypothesis)`` pairs. Output: the shared score table and
one :class:`~conflictscan._types.Candidate` per kept pair.

With ``directions="both"`` every pair is read both ways in one round. With ``"auto"``
(the default) the model reads ``a -> b`` first (with the denial checks), and ``b -> a``
only where ``a -> b`` is not clearly non-contradictory (P(contradiction) at or above
:data:`~conflictscan._config.REVERSE_MIN_CONTRADICTION`). A pair left at one direction
is judged with that direction standing in for both; any such pair that is then reported
gets its real reverse scored and is judged again, so reported conflicts always carry
both directions' scores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from conflictscan._config import REVERSE_MIN_CONTRADICTION
from conflictscan._types import Candidate, Conflict, PairScore, ScanWork

Request = tuple[str, str]
ScoreFn = Callable[[list[Request]], list[PairScore]]
DIRECTIONS = ("auto", "both")


def fill(scores: dict[Request, PairScore], requests: Iterable[Request], score: ScoreFn) -> None:
    """Score the requests not in ``scores`` yet, in one call."""
    todo = [r for r in dict.fromkeys(requests) if r not in scores]
    if todo:
        scores.update(zip(todo, score(todo), strict=True))


def reverses(work: ScanWork, scores: dict[Request, PairScore], directions: str) -> list[Request]:
    """The ``b -> a`` requests a scan still needs after its first round."""
    out = []
    for i, j in work.kept:
        a, b = work.sentences[i].content, work.sentences[j].content
        if directions == "both" or scores[(a, b)].contradiction >= REVERSE_MIN_CONTRADICTION:
            out.append((b, a))
    return out


def unread(conflicts: Sequence[Conflict], read: set[Request]) -> list[Request]:
    """Reported pairs that were judged on one direction only: their missing direction
    (``read``: the requests the scan has made so far)."""
    out = []
    for c in conflicts:
        a, b = c.a.content, c.b.content
        out += [r for r in ((a, b), (b, a)) if r not in read]
    return out


def with_reads(
    candidates: Sequence[Candidate], scores: dict[Request, PairScore], read: Sequence[Request]
) -> list[Candidate]:
    """The candidates with the directions just ``read`` in place of their stand-ins.

    Evidence and features do not depend on the reverse direction, so only the scores are
    swapped; nothing else is recomputed.
    """
    fresh = set(read)
    out = []
    for c in candidates:
        forward, backward = (c.a.content, c.b.content), (c.b.content, c.a.content)
        if forward in fresh or backward in fresh:
            c = replace(
                c,
                forward=scores[forward] if forward in fresh else c.forward,
                backward=scores[backward] if backward in fresh else c.backward,
            )
        out.append(c)
    return out


def _mirrored(score: PairScore) -> PairScore:
    """``a -> b`` standing in for ``b -> a``."""
    return PairScore(
        score.b, score.a, score.contradiction, score.entailment, score.neutral, score.truncated
    )


def candidates(work: ScanWork, scores: dict[Request, PairScore], *, news: bool) -> list[Candidate]:
    """One :class:`Candidate` per kept pair, with its evidence for news reasoning.

    Only the scan's own requests are read from ``scores``, which a chunk of scans shares:
    a reverse another scan of the chunk asked for must not change this scan's result.
    """
    from conflictscan.signals._news import news_evidence
    from conflictscan.signals._subjects import prefetch
    from conflictscan.signals._views import subject_view

    own = {r: scores[r] for r in dict.fromkeys(work.requests + work.extra)}
    if news:
        kept = {k for pair in work.kept for k in pair}
        sentences = [work.sentences[k] for k in sorted(kept)]
        prefetch([s.content for s in sentences] + [subject_view(s) for s in sentences])
    published = {d.doc_id: d.published for d in work.documents}
    out = []
    for (i, j), rel in zip(work.kept, work.related, strict=True):
        a, b = work.sentences[i], work.sentences[j]
        forward = own[(a.content, b.content)]
        backward = own.get((b.content, a.content)) or _mirrored(forward)
        evidence, feats = ((), {})
        if news:
            evidence, feats = news_evidence(a, b, published, work.denials, own)
        out.append(
            Candidate(
                a=a,
                b=b,
                forward=forward,
                backward=backward,
                relatedness=rel,
                evidence=evidence,
                features=feats,
            )
        )
    return out
