"""One clash of two words as evidence: the shared last step of the pair readers.

Input: the two words a reader found (or None), the evidence kind, its score and the lead of
its note. Output: a list of at most one :class:`~conflictscan.Evidence`, whose note names
both words ("one contest won by two winners: 'Sweden' vs 'Norway'").
"""

from __future__ import annotations

from conflictscan._types import Evidence


def clash_evidence(
    found: tuple[str, str] | None, kind: str, score: float, lead: str
) -> list[Evidence]:
    """``[Evidence(kind, x, y, score, "<lead>: 'x' vs 'y'")]`` for ``found = (x, y)``, else
    ``[]``."""
    if found is None:
        return []
    x, y = found
    return [Evidence(kind, x, y, score, f"{lead}: {x!r} vs {y!r}")]
