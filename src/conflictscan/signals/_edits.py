"""Minimal edits: one claim written as the other with a few words changed.

Input: two claim texts. Output: two combiner features for
:func:`conflictscan.signals.features`:

* ``minimal_edit``: ``b`` is ``a`` with at most two stretches of words changed ("The summit
  will be held in Quellin next month" / "... in Amsel next month"), the pair shape NLI
  models are trained and calibrated on;
* ``compatible_edit``: a minimal edit whose changed stretches are only numbers, with their
  qualifiers, that can all be true together ("Fewer than 100 people attended the rally" /
  "Some 80 people attended the rally"). Everything else is written the same, so the two
  claims agree; an NLI model often reads such a pair as a clash of numbers.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from conflictscan.signals._lexicon import _Tok, _tokens
from conflictscan.signals._numbers import Quantity, _quantities
from conflictscan.text._syntax import words

MINIMAL_EDIT_SPANS = 2
MINIMAL_EDIT_SHARED = 0.5
_QUALIFYING = words(
    "a an about around roughly approximately some nearly almost just over under more less "
    "fewer than at least most up to estimated close below above"
)
"""Words a changed number may bring along ("fewer than 100" / "some 80")."""


def _words(text: str) -> list[_Tok]:
    return [t for t in _tokens(text) if t.text[0].isalnum()]


@lru_cache(maxsize=4096)
def _opcodes(a: str, b: str) -> tuple[list[_Tok], list[_Tok], list[tuple]]:
    words_a, words_b = _words(a), _words(b)
    matcher = SequenceMatcher(
        None, [t.low for t in words_a], [t.low for t in words_b], autojunk=False
    )
    return words_a, words_b, matcher.get_opcodes()


def minimal_edit(a: str, b: str) -> float:
    """1.0 when ``b`` is ``a`` with at most two stretches of words changed.

    At least half of each claim's words are shared, in order, and they differ somewhere.
    Such pairs are the shape NLI models are trained and calibrated on, and one that
    reports of an event by different outlets rarely take.

    Args:
        a: First claim.
        b: Second claim.

    Returns:
        1.0 or 0.0.
    """
    words_a, words_b, blocks = _opcodes(a, b)
    if min(len(words_a), len(words_b)) < 3:
        return 0.0
    edits = sum(tag != "equal" for tag, *_ in blocks)
    shared = sum(i2 - i1 for tag, i1, i2, _, _ in blocks if tag == "equal")
    return float(
        0 < edits <= MINIMAL_EDIT_SPANS
        and shared >= MINIMAL_EDIT_SHARED * max(len(words_a), len(words_b))
    )


def compatible_edit(a: str, b: str) -> float:
    """1.0 when the claims are a minimal edit of each other in numbers that agree.

    Every changed word on either side lies in a number phrase (or is a qualifier such as
    "some", "nearly", "fewer than"), each side changes at least one number, and every
    changed number of one side can be true together with every changed number of the
    other, read as generously as :class:`~conflictscan.signals.Quantity` reads it ("more
    than 150" / 162; "about 500" / 480). The same numbers in another order ("by 52 votes
    to 48" / "by 48 votes to 52") are not compatible.

    Args:
        a: First claim.
        b: Second claim.

    Returns:
        1.0 or 0.0.
    """
    if not minimal_edit(a, b):
        return 0.0
    words_a, words_b, blocks = _opcodes(a, b)
    changed_a = [t for tag, i1, i2, _, _ in blocks if tag != "equal" for t in words_a[i1:i2]]
    changed_b = [t for tag, _, _, j1, j2 in blocks if tag != "equal" for t in words_b[j1:j2]]
    numbers_a = _changed_numbers(a, changed_a)
    numbers_b = _changed_numbers(b, changed_b)
    if not numbers_a or not numbers_b:
        return 0.0
    if len(numbers_a) > 1 and sorted(q.value for q in numbers_a) == sorted(
        q.value for q in numbers_b
    ):
        return 0.0  # the same figures swapped round
    return float(all(x.unit == y.unit and x.overlaps(y) for x in numbers_a for y in numbers_b))


def _changed_numbers(text: str, changed: list[_Tok]) -> list[Quantity] | None:
    """The quantities a changed stretch touches, or None if it changes anything else."""
    quantities = _quantities(text)
    touched: dict[int, Quantity] = {}
    for tok in changed:
        inside = [q for q in quantities if q.start <= tok.start and tok.end <= q.end]
        if inside:
            touched[inside[0].start] = inside[0]
        elif tok.low not in _QUALIFYING:
            return None
    return list(touched.values())
