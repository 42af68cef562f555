"""Nouns sized by the number after them: "a crowd of 61,000", "a crew of 22".

Input: the tokens of a sentence, the first token of a number phrase and the head word
read after it. Output: :func:`_sized_noun`, the noun that "<noun> of <number>" gives a
size to, when that noun names something the number reader counts (a category word such as
"crowd" or "ransom", or one of a few nouns for a group's size: crew, workforce, staff,
population, fleet) and the head after the number is no category word. In "A crowd of
61,000 watched the match" the number counts the crowd, not "watched"; in "a crew of 22"
it is the crew.
"""

from __future__ import annotations

from conflictscan._checks import _wordset
from conflictscan.signals._lexicon import _CATEGORY, _Tok

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
