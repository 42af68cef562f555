"""Nobody killed against people hurt: "Nobody was killed in Monday's blast" / "The blast
injured eleven workers".

Input: two claim texts (attribution already removed). Output: the combiner feature
``injured_not_dead`` (:func:`injured_not_dead`), which combiners cap on.

Reports of one accident often say both that nobody died and how many were hurt, and two
outlets may each tell one half. The model reads such a pair as a contradiction (0.97 both
ways for the pair above): "nobody was killed" and "injured eleven" share the event and
differ in the outcome. They can both be true, so the pair is capped, as a possibility
against its not having happened yet is. The numbers stage reads the counts: one claim
counts nobody dead ("Nobody was killed", "No one died", "There were no fatalities") and
no one dead besides; the other counts people hurt and says nothing of deaths at all (no
word of killing, dying, a toll or bodies). A count of dead on the other side is the
numbers stage's clash, and "nobody was hurt" against deaths is one too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan.signals._numbers import _quantities

_DEATH_RE = re.compile(
    r"\b(?:kill\w*|died|dies|dying|dead|deaths?|toll|fatal\w*|bod(?:y|ies)|lives|"
    r"perished|drowned)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def injured_not_dead(a: str, b: str) -> float:
    """1.0 when one claim counts nobody dead and the other only people hurt.

    Args:
        a: First claim.
        b: Second claim.

    Returns:
        1.0 or 0.0.

    Example:
        >>> injured_not_dead("Nobody was killed in the blast.", "The blast injured 11 workers.")
        1.0
    """
    for none_dead, hurt in ((a, b), (b, a)):
        dead = [q for q in _quantities(none_dead) if q.category == "dead"]
        if not dead or not all(q.is_zero for q in dead):
            continue
        if _DEATH_RE.search(hurt):
            continue
        if any(q.category == "injured" and not q.is_zero for q in _quantities(hurt)):
            return 1.0
    return 0.0
