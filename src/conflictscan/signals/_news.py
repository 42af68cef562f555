"""News evidence for a pair: the signals and the denial checks that need NLI scores.

Input: the scanned sentences, candidate pairs and, for :func:`news_evidence`, the NLI scores
of :func:`score_requests`. Output: the requests to score, and per pair the evidence and the
combiner features (:class:`~conflictscan._types.Candidate` fields).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from conflictscan._types import Evidence, PairScore, Sentence
from conflictscan.signals._compare import compare
from conflictscan.signals._features import features
from conflictscan.signals._lexicon import _CATEGORY, _ZERO_COVERS, _tokens
from conflictscan.signals._swaps import (
    agreeing_swap,
    agreement,
    swap_evidence,
    swap_requests,
    swaps,
    with_attribution,
)
from conflictscan.text._speech import denied_proposition

_HARMS = ("dead", "injured", "casualties")


def _harms(text: str) -> set[str]:
    return {c for tok in _tokens(text) if (c := _CATEGORY.get(tok.low)) in _HARMS}


def _other_harm(prop: str, other: str) -> bool:
    """Whether the other claim tells only of a harm the denied one does not cover: a
    denial that any soldiers were killed is not answered by "two soldiers were wounded",
    which an NLI model may read as support; a denial that anyone was hurt is answered by
    deaths."""
    denied, told = _harms(prop), _harms(other)
    covered = set().union(*(_ZERO_COVERS.get(c, {c}) for c in denied))
    return bool(denied and told and not told & covered)


_SELF_RE = re.compile(r"(?:it|they)\b", re.IGNORECASE)
_NAMED_RE = re.compile(r"[A-Z][\w&.'-]*(?:\s+(?:of\s+|&\s+|and\s+)?[A-Z][\w&.'-]*)*$")


def self_denied(prop: str, speaker: str | None) -> str | None:
    """The denied proposition with its leading "it" or "they" read as the named speaker
    who denies it ("Kestrel Airways has dismissed reports that it plans to cut 800 jobs":
    "Kestrel Airways plans to cut 800 jobs"), or None. The denial check reads both and
    keeps the better-supported one, so a wrong reading of the pronoun costs nothing."""
    found = _SELF_RE.match(prop)
    if found is None or not speaker or not _NAMED_RE.match(speaker.strip()):
        return None
    return f"{speaker.strip()}{prop[found.end() :]}"


def denials_by_content(sentences: Sequence[Sentence]) -> dict[str, str]:
    """Map each denying sentence's content to the proposition it denies."""
    out = {}
    for sent in sentences:
        if sent.content not in out:
            prop = denied_proposition(sent)  # the parse's, when claims set it
            if prop:
                out[sent.content] = prop
    return out


def score_requests(
    sentences: Sequence[Sentence],
    pairs: Sequence[tuple[int, int]],
    denials: dict[str, str],
    *,
    reverse: bool = True,
    swapped: bool = False,
) -> list[tuple[str, str]]:
    """Distinct ordered pairs to send to the model: ``a -> b`` (and ``b -> a`` with
    ``reverse``), plus denial checks and, with ``swapped``, the swap checks of
    :mod:`conflictscan.signals._swaps` (news reasoning)."""
    requests: dict[tuple[str, str], None] = {}
    for i, j in pairs:
        a, b = sentences[i].content, sentences[j].content
        requests[(a, b)] = None
        if reverse:
            requests[(b, a)] = None
        for denier, other, sent in ((a, b, sentences[i]), (b, a, sentences[j])):
            if denier in denials and other not in denials:
                requests[(other, denials[denier])] = None
                resolved = self_denied(denials[denier], sent.speaker)
                if resolved:
                    requests[(other, resolved)] = None
        if swapped:
            whole = (with_attribution(sentences[i]), with_attribution(sentences[j]))
            found = swaps(a, b, whole=whole)
            agree = agreeing_swap(a, b, whole=whole)
            for request in swap_requests(a, b, found + ([agree] if agree else [])):
                requests[request] = None
    return list(requests)


def news_evidence(
    a: Sentence,
    b: Sentence,
    published: dict[str | None, str | None],
    denials: dict[str, str],
    scores: dict[tuple[str, str], PairScore],
) -> tuple[tuple[Evidence, ...], dict[str, float]]:
    """Numeric, date and denial evidence and the combiner features of one pair, in one pass.

    Swap checks (:func:`~conflictscan.signals._swaps.swaps`) whose rewritten pair was
    scored (``score_requests(..., swapped=True)``) add date, numeric or place evidence, and
    an agreeing swap (:func:`~conflictscan.signals._swaps.agreeing_swap`) that the model
    reads without a contradiction either way sets the feature ``agreeing_swap``.

    Args:
        a: First sentence.
        b: Second sentence.
        published: Publication date of each document, by ``doc_id``.
        denials: :func:`denials_by_content` of the scanned sentences.
        scores: NLI scores of the :func:`score_requests` pairs.

    Returns:
        The evidence and the feature dict.
    """
    evidence = list(
        compare(a, b, published_a=published.get(a.doc_id), published_b=published.get(b.doc_id))
    )
    found = {e.kind for e in evidence}
    whole = (with_attribution(a), with_attribution(b))
    evidence += [
        e
        for e in swap_evidence(a.content, swaps(a.content, b.content, whole=whole), scores)
        if e.kind not in found
    ]
    evidence.sort(key=lambda e: -e.score)
    feats = dict(features(a, b))
    feats["agreeing_swap"] = agreement(
        a.content, agreeing_swap(a.content, b.content, whole=whole), scores
    )
    for denier, other, flip in ((b, a, False), (a, b, True)):
        prop = denials.get(denier.content)
        if prop is None or other.content in denials:
            continue
        if _other_harm(prop, other.content):
            continue
        strength = scores[(other.content, prop)].entailment
        resolved = self_denied(prop, denier.speaker)
        if resolved and (other.content, resolved) in scores:
            strength = max(strength, scores[(other.content, resolved)].entailment)
        a_val, b_val = (prop, other.content) if flip else (other.content, prop)
        side = "a" if flip else "b"
        who = f" ({denier.speaker})" if denier.speaker else ""
        support = (
            f"the other sentence supports it ({strength:.2f})"
            if strength >= 0.5
            else f"the other sentence does not clearly say it (support {strength:.2f})"
        )
        note = f"{side}{who} denies that {prop}; {support}"
        evidence.append(Evidence("denial", a_val, b_val, strength, note))
    return tuple(evidence), feats
