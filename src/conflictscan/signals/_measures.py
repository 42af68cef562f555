"""Measures of physical events that the number reader reads beside counts.

Input: the tokens of a sentence and a number phrase found in them. Output: the unit of a
measure written in more than one token (:func:`_compound_unit`: "km/h", "miles per hour",
"square kilometres") and earthquake magnitudes (:func:`_is_magnitude`: "magnitude 6.8", "a
7.1-magnitude quake", "measured 6.4 on the Richter scale"), which no counted word follows.
Which measure a number gives (depth, area burned, wind speed) is read like any count, from
the word tables in :mod:`conflictscan.signals._lexicon`.
"""

from __future__ import annotations

from conflictscan.signals._lexicon import _LENGTH_UNITS, _match_phrase, _Tok, _wordset

# Units named by a phrase; the longest phrase starting at a token is taken.
_UNIT_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("kilometres", "per", "hour"), "km/h"),
    (("kilometers", "per", "hour"), "km/h"),
    (("kilometres", "an", "hour"), "km/h"),
    (("kilometers", "an", "hour"), "km/h"),
    (("miles", "per", "hour"), "mph"),
    (("miles", "an", "hour"), "mph"),
    (("km", "/", "h"), "km/h"),
    (("km", "/", "hr"), "km/h"),
    (("square", "kilometres"), "km2"),
    (("square", "kilometers"), "km2"),
    (("square", "km"), "km2"),
    (("sq", "km"), "km2"),
    (("square", "miles"), "sq mi"),
    (("sq", "miles"), "sq mi"),
    (("kmh",), "km/h"),
    (("kph",), "km/h"),
    (("mph",), "mph"),
    (("knots",), "knots"),
)
_QUAKE_WORDS = frozenset({"quake", "quakes", "earthquake", "earthquakes", "tremor", "tremors"})
# An aftershock's magnitude is another event's: "a magnitude 5.4 aftershock" is left to the
# count reader, so it never clashes with the main quake's.
_AFTERSHOCKS = frozenset({"aftershock", "aftershocks"})
# A magnitude is written with one decimal and stays below 10.
_MAX_MAGNITUDE = 10.0


def _compound_unit(toks: tuple[_Tok, ...], end: int) -> tuple[str, int] | None:
    """A unit written as a phrase right after a number, and the index after it."""
    for phrase, unit in _UNIT_PHRASES:
        if _match_phrase(toks, end, phrase):
            return unit, end + len(phrase)
    return None


# Words after a length that place something by it: "sank 12 miles off the coast" says where
# the ship sank, not that something fell by 12 miles.
_PLACING = _wordset(
    "off from away offshore inland north south east west northeast northwest southeast "
    "southwest outside beyond below beneath under deep short"
)


def _placed_by(toks: tuple[_Tok, ...], last: int, unit: str | None) -> bool:
    """Whether the length ending at ``toks[last - 1]`` places something ("12 miles off")."""
    return unit in _LENGTH_UNITS and last < len(toks) and toks[last].low in _PLACING


def _is_magnitude(toks: tuple[_Tok, ...], first: int, last: int, value: float) -> bool:
    """Whether the number spanning ``toks[first:last]`` is an earthquake's magnitude.

    "magnitude 6.8", "a magnitude of 6.8", "6.8 magnitude", "a 7.1-magnitude quake",
    "measured 6.4 on the Richter scale" and "a 6.8 quake" are; "6 quakes" (no decimal
    point) and "15 aftershocks" are not.
    """
    if value >= _MAX_MAGNITUDE or {t.low for t in toks[last : last + 3]} & _AFTERSHOCKS:
        return False
    before = [t.low for t in toks[max(first - 3, 0) : first]]
    if "magnitude" in before[-2:]:
        return True
    after = [t.low for t in toks[last : last + 5]]
    if after[:1] == ["magnitude"] or after[:2] == ["-", "magnitude"] or "richter" in after:
        return True
    decimal = "." in toks[last - 1].text
    return decimal and bool(after) and after[0] in _QUAKE_WORDS
