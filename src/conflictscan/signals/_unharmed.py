"""A whole group that came through: "Everyone on board survived", "All the passengers
escaped unhurt".

Input: a claim's tokens. Output: a polarity zero for the numbers stage, next to "no one
was hurt": a whole group said to have survived is a count of nobody dead, one said to be
unhurt a count of nobody injured. So "Everyone on board survived the crash" / "Two
passengers died in the crash" is a clash of counts, and "Everyone on board survived" /
"Two passengers were injured" is not.

Only a group taken whole counts: "everyone", "everybody", "all" or "both" before people
("all the passengers", "all those on board", "both pilots"). A number in the group ("all
150 passengers survived") is left to the number reader, and "not everyone survived" says
the opposite. Part of the group dead ("One of the pilots died") clashes with the whole
group come through, though parts are otherwise compared only with counts worded alike.
"""

from __future__ import annotations

from conflictscan.signals._lexicon import (
    _BRIDGE_WORDS,
    _GENERIC_PEOPLE,
    _PERSON_NOUNS,
    _Tok,
    _wordset,
)
from conflictscan.signals._quantity import Quantity

_WHOLE = _wordset("everyone everybody all both")
_CAME_THROUGH = {
    **dict.fromkeys(_wordset("survived survive survives"), "dead"),
    **dict.fromkeys(_wordset("unhurt unharmed uninjured unscathed"), "injured"),
}
_GROUP_WORDS = _wordset(
    "on board aboard onboard inside the those of who were in involved escaped walked away "
    "emerged managed to"
)
_ABOARD = _wordset("those board aboard onboard")
"""Words that make "all" a group of people without naming them: "all those on board"."""
_WHERE = _wordset("on in inside aboard at")
_PLACE_WORDS = 3
"""Words of any kind a place after :data:`_WHERE` may take: "everyone in the old hall"."""
_NEGATIONS = _wordset("not nearly almost")
_SPAN = 8


def unharmed_at(text: str, toks: tuple[_Tok, ...], i: int) -> tuple[Quantity, int] | None:
    """A whole group that survived, or came out unhurt, starting at token ``i``.

    Args:
        text: The claim.
        toks: Its tokens.
        i: Where the group word ("everyone", "all") may stand.

    Returns:
        The zero count ("dead" for survived, "injured" for unhurt) and the index of the
        token after the word that says so; None when no such group starts at ``i``.
    """
    if toks[i].low not in _WHOLE or (i > 0 and toks[i - 1].low in _NEGATIONS):
        return None
    unit, people, free = None, toks[i].low not in ("all", "both"), 0
    for k in range(i + 1, min(i + 1 + _SPAN, len(toks))):
        low = toks[k].low
        category = _CAME_THROUGH.get(low)
        free -= 1
        if category is not None:
            if not people:
                return None  # "all survived" of what? "all" needs its people
            start, end = toks[i].start, toks[i].end
            zero = Quantity(0.0, unit, low, category, "exactly", start, end, text[start:end])
            return zero, k + 1
        if low in _PERSON_NOUNS and unit is None:
            unit = "people" if low in _GENERIC_PEOPLE else low
            people = True
        elif low in _ABOARD:
            people = True
        elif low in _WHERE:
            people, free = True, _PLACE_WORDS + 1  # "everyone on the night bus"
        elif free > 0 and low.isalpha():
            continue
        elif low not in _GROUP_WORDS and low not in _BRIDGE_WORDS:
            return None
    return None
