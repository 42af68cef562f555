"""Two things swapped around a word that runs one way: "Maria is taller than John" /
"John is taller than Maria".

Input: two claim texts (attribution already removed). Output: the combiner feature
``order_swap`` (:func:`order_swap`) and ``"roles"`` :class:`~conflictscan.Evidence`
(:func:`order_evidence`).

Two claims written with the same words, two stretches of them traded ("The Senate passed
the bill before the House did" / "The House passed the bill before the Senate did"),
read to an NLI model as one claim: every word of each is in the other. Around a word
whose relation runs one way (a comparison, "before" and "after", a win, a purchase, a
killing: :data:`ORDER_WORDS`) only one of the two can be true. Around any other word
("Maria and John met", "Maria met John") the two say the same. This reading needs no
parse: it compares the words of the two claims as written, so it also holds where the
parser reads a name at the start of a sentence as a common word.
"""

from __future__ import annotations

from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._lexicon import _tokens
from conflictscan.text._syntax import words

ORDER_SCORE = 0.8
"""Strength of the evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""
_RELATIONS = words(
    "daughter son mother father parent child grandmother grandfather granddaughter "
    "grandson aunt uncle niece nephew subsidiary owner boss employer deputy successor "
    "predecessor"
)
"""Nouns of a relation that runs one way: one is the other's daughter, a company another's
subsidiary. Read between the two things ("X is a subsidiary of Y") and after the second
("X is Y's daughter")."""
ORDER_WORDS = (
    words(
        "than before after ahead behind beat beats beating defeated defeats defeating overtook "
        "overtakes outscored outvoted outbid outsold outpolled outnumber outnumbered outnumbers "
        "acquired acquires bought buys purchased succeeded succeeds replaced replaces preceded "
        "precedes leads led leading trails trailed trailing lost loses won wins owns owned "
        "killed kills murdered shot stabbed hired sacked fired kidnapped abducted rescued "
        "arrested captured invaded annexed conquered overthrew ousted unseated eliminated "
        "knocked sold sells paid pays owes owed lent lends loaned"
    )
    | _RELATIONS
)
"""Words whose relation runs one way: of "X ... Y" and "Y ... X" around one, only one holds."""
_COPULAS = words("is was are were remains remained became becomes")
_MAX_SPAN = 6
"""Most words in each of the two traded stretches."""


def _words(text: str) -> tuple[str, ...]:
    return tuple(t.low for t in _tokens(text) if t.text[:1].isalnum())


@lru_cache(maxsize=4096)
def _swap(a: str, b: str) -> tuple[str, str, str] | None:
    """(the first stretch, the second, the one-way word between) when ``b`` is ``a`` with
    two stretches of words traded around a one-way word; else None."""
    wa, wb = _words(a), _words(b)
    if len(wa) != len(wb) or wa == wb or sorted(wa) != sorted(wb):
        return None
    start = next(i for i, (x, y) in enumerate(zip(wa, wb, strict=True)) if x != y)
    end = len(wa) - next(
        i for i, (x, y) in enumerate(zip(wa[::-1], wb[::-1], strict=True)) if x != y
    )
    seg_a, seg_b = wa[start:end], wb[start:end]
    n = len(seg_a)
    for lx in range(1, min(n - 1, _MAX_SPAN) + 1):
        for ly in range(1, min(n - lx, _MAX_SPAN) + 1):
            x, middle, y = seg_a[:lx], seg_a[lx : n - ly], seg_a[n - ly :]
            if x == y or seg_b != y + middle + x:
                continue
            one_way = [w for w in middle if w in ORDER_WORDS]
            if one_way:
                return " ".join(x), " ".join(y), one_way[0]
            # "X is Y's daughter": the relation noun follows the second thing
            after = [w for w in wa[start + n : start + n + 2] if w in _RELATIONS]
            if after and any(w in _COPULAS for w in middle):
                return " ".join(x), " ".join(y), after[0]
    return None


def order_swap(a: str, b: str) -> float:
    """1.0 when ``b`` is ``a`` with two things traded around a word that runs one way."""
    return float(_swap(a, b) is not None)


def order_evidence(a: str, b: str) -> list[Evidence]:
    """The swap of :func:`order_swap` as evidence of kind ``"roles"``.

    Example:
        >>> order_evidence("Maria is taller than John.", "John is taller than Maria.")[0].note
        "maria and john trade places around 'than'"
    """
    found = _swap(a, b)
    if found is None:
        return []
    x, y, word = found
    note = f"{x} and {y} trade places around {word!r}"
    return [Evidence("roles", x, y, ORDER_SCORE, note)]
