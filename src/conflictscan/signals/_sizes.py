"""What a number sizes: "a crowd of 61,000", the whole in "19 of the 51 seats", a margin.

Input: the tokens of a sentence, the first token of a number phrase and the head word
read after it. Output: :func:`_is_whole_of_part` (the 51 of "19 of the 51 seats" is a
total to split, not a count to compare), :func:`_is_margin` ("by a margin of four votes"
is a difference) and :func:`_sized_noun`, the noun that "<noun> of <number>" gives a
size to, when that noun names something the number reader counts (a category word such as
"crowd" or "ransom", or one of a few nouns for a group's size: crew, workforce, staff,
population, fleet) and the head after the number is no category word. In "A crowd of
61,000 watched the match" the number counts the crowd, not "watched"; in "a crew of 22"
it is the crew.
"""

from __future__ import annotations

from conflictscan._checks import _wordset
from conflictscan.signals._lexicon import _CATEGORY, _NUMBER_WORDS, _is_digit, _Tok

_SIZED_GROUPS = _wordset("crew workforce staff population fleet")


def _sized_noun(toks: tuple[_Tok, ...], first: int, head: str | None) -> str | None:
    """The noun of "<noun> of <number>" for the number at ``first``, else ``head``.

    ``head`` (the word read after the number) is kept when it is a category word.
    """
    if head and head.split()[-1] in _CATEGORY:
        return head
    if first < 2 or toks[first - 1].low != "of":
        return head
    noun = toks[first - 2].low
    return noun if noun in _CATEGORY or noun in _SIZED_GROUPS else head


_SHARE_WORDS = _wordset(
    "half halves third thirds quarter quarters fifth fifths tenth tenths percent % most "
    "many some several majority minority share part rest bulk"
)


def _is_whole_of_part(toks: tuple[_Tok, ...], first: int) -> bool:
    """True for the whole in "19 of the 51 seats", "three of five workers" or "a third of
    the 6,200 jobs" (the number starting at token ``first``)."""
    k = first - 1
    if k >= 0 and toks[k].low == "the":
        k -= 1
    if k < 1 or toks[k].low != "of":
        return False
    before = toks[k - 1].low
    return _is_digit(toks[k - 1]) or before in _NUMBER_WORDS or before in _SHARE_WORDS


def _is_margin(toks: tuple[_Tok, ...], first: int) -> bool:
    """ "by a margin of just four votes", "a majority of 12": a difference, not a count."""
    before = [t.low for t in toks[max(0, first - 4) : first]]
    return "of" in before and any(w in ("margin", "majority") for w in before)
