"""Changes by an amount: "revenue rose 8 percent", "shares fell by $2.50".

Input: one sentence. Output: the changes as :class:`~conflictscan.signals.Quantity`
objects (``category`` ``"rise"`` or ``"fall"``), which :mod:`._compare` compares with each
other only; :func:`~conflictscan.signals.extract_quantities` leaves changes out, because
they are no totals.
"""

from __future__ import annotations

from functools import lru_cache

from conflictscan.signals._dates import _date_matches
from conflictscan.signals._lexicon import (
    _CHANGE_BEFORE,
    _MONEY,
    _MONEY_ONLY,
    _RISE_WORDS,
    _Tok,
    _tokens,
)
from conflictscan.signals._numbers import (
    Quantity,
    _is_compound,
    _Number,
    _number_at,
    _skip_as_date,
)


def _change_verb(toks: tuple[_Tok, ...], num: _Number) -> str | None:
    """The verb of a change right before a number ("rose 8%", "fell by 3 percent")."""
    k = num.first - 1
    if k > 0 and toks[k].low == "by":
        k -= 1
    if k < 0 or toks[k].low not in _CHANGE_BEFORE:
        return None
    if toks[k].low in _MONEY_ONLY and num.unit in _MONEY:
        return None  # "lost $58m" is a loss, not a change
    return toks[k].low


@lru_cache(maxsize=4096)
def _changes(text: str) -> tuple[Quantity, ...]:
    """Changes by an amount with a unit: "revenue rose 8 percent", "fell by $2 million".

    Each is a :class:`Quantity` whose ``category`` (and ``what``) is ``"rise"`` or
    ``"fall"``; ``value`` is the size of the change. Changes are no totals, so
    :func:`_quantities` leaves them out; they are compared only with each other.
    """
    toks, out, i = _tokens(text), [], 0
    date_spans = [(m.start, m.end) for m in _date_matches(text)]
    while i < len(toks):
        num = None if _skip_as_date(toks, i, date_spans) else _number_at(toks, i)
        if num is None:
            i += 1
            continue
        verb = _change_verb(toks, num)
        if verb is not None and num.unit is not None and not _is_compound(toks, num):
            direction = "rise" if verb in _RISE_WORDS else "fall"
            start, end = toks[num.first].start, toks[num.last - 1].end
            out.append(
                Quantity(
                    value=num.value,
                    unit=num.unit,
                    what=direction,
                    category=direction,
                    qualifier=num.qualifier,
                    start=start,
                    end=end,
                    text=text[start:end],
                    tolerance=num.tolerance,
                    upper=num.upper,
                )  # fmt: skip
            )
        i = num.last
    return tuple(out)
