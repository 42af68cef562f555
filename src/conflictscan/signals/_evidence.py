"""Steps the pair readers share: one subject told alike, and one clash as evidence.

Input: two claim texts (:func:`described_alike`, :func:`one_subject`), or the two words a
reader found (or None), the evidence kind, its score and the lead of its note
(:func:`clash_evidence`). Output: whether the claims speak of one subject, and a list of
at most one :class:`~conflictscan.Evidence`, whose note names both words ("one contest won
by two winners: 'Sweden' vs 'Norway'").
"""

from __future__ import annotations

from conflictscan._types import Evidence
from conflictscan.signals._subjects import Subject, _one, ranked_apart, subject


def described_alike(sa: Subject | None, sb: Subject | None, *, names_aside: bool = False) -> bool:
    """Two parsed subjects, neither another one of its kind ("the second strike"), whose
    describing words are the same, or given on one side only ("the strike" / "the strike at
    the port"); "the strike by pilots" / "the strike by cabin crew" are two.

    With ``names_aside`` the names are left to the caller and the other words are compared
    wherever they stand: "net profit" / "operating profit" are two, "the bank" / "the
    central bank of Veridia" one."""
    if sa is None or sb is None or sa.other or sb.other or ranked_apart(sa, sb):
        return False
    if names_aside:
        da = {w for role, w in sa.describing if not role.endswith("/name")}
        db = {w for role, w in sb.describing if not role.endswith("/name")}
        return not (da and db) or da == db
    return not (sa.describing and sb.describing) or sa.describing == sb.describing


def one_subject(a: str, b: str) -> bool:
    """The claims' subjects are one thing described alike (:func:`described_alike`): the
    same names, or no names and one head word; False without a parse."""
    sa, sb = subject(a), subject(b)
    if not described_alike(sa, sb) or sa is None or sb is None or not (sa.head and sb.head):
        return False
    return _one(sa.head, sa.names, sb.head, sb.names)


def clash_evidence(
    found: tuple[str, str] | None, kind: str, score: float, lead: str
) -> list[Evidence]:
    """``[Evidence(kind, x, y, score, "<lead>: 'x' vs 'y'")]`` for ``found = (x, y)``, else
    ``[]``."""
    if found is None:
        return []
    x, y = found
    return [Evidence(kind, x, y, score, f"{lead}: {x!r} vs {y!r}")]
