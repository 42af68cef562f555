"""Prison terms: "sentenced to six years", "jailed for 18 months", "a two-year sentence".

Input: a sentence, its tokens and the token span of a number in them. Output:
:func:`_term_span`, the years one unit of the term is worth and the token where the term
phrase ends, or ``None`` when the number is no prison term. A number followed by years or
months counts as a term after a sentencing word ("sentenced", "jailed") or before "in
jail"; a hyphenated length ("a two-year suspended sentence", "a 10-year prison term")
counts when "sentence", "prison" or "jail" follows within three words, so "a five-year
term" in office is no prison term. A term asked for or risked ("prosecutors had sought a
10-year sentence", "faces up to 12 years in jail") is no term handed down.
"""

from __future__ import annotations

from conflictscan._checks import _wordset
from conflictscan.signals._lexicon import _SENTENCING_WORDS, _TERM_UNITS, _Tok

_TERM_NOUNS = _wordset("sentence prison jail")
_NOT_HANDED_DOWN = _wordset(
    "sought seek seeks seeking demanded demand requested request asked face faces facing"
)


def _term_span(
    text: str, toks: tuple[_Tok, ...], first: int, last: int
) -> tuple[float, int] | None:
    """Years per unit and the end token of the prison term at tokens ``first``-``last``."""
    after = toks[last].low if last < len(toks) else ""
    before = {t.low for t in toks[max(first - 6, 0) : first]}
    if before & _NOT_HANDED_DOWN:
        return None
    if after in _TERM_UNITS:
        behind = toks[last + 1].low if last + 1 < len(toks) else ""
        if before & _SENTENCING_WORDS or behind in ("in", "behind") and "jail" in text.lower():
            return _TERM_UNITS[after], last + 1
        return None
    unit = toks[last + 1].low if after == "-" and last + 1 < len(toks) else ""
    if unit in ("year", "month") and {t.low for t in toks[last + 2 : last + 5]} & _TERM_NOUNS:
        return _TERM_UNITS[unit], last + 2
    return None
