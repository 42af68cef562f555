"""Regions: whether two place names can be one place.

Input: two lower-cased place names. Output: whether they cannot be one place
(:func:`_apart`), read with the ISO 3166 tables of ``pycountry``: a country or a country's
region tells a town from the region it may lie in, so "Geneva" / "Switzerland" may be one
place and "Ohio" / "Mexico" are not. Used by :mod:`conflictscan.signals._places` (one
event in two places) and :mod:`conflictscan.signals._subjects` (subjects of two places).
"""

from __future__ import annotations

from functools import lru_cache

from conflictscan.text._syntax import words

_BROAD_PLACES = words(
    "britain uk us usa america europe asia africa oceania scandinavia balkans caribbean gulf "
    "arctic antarctic mediterranean"
) | {"middle east", "great britain", "latin america", "south america", "north america"}


def _one_place(x: str, y: str) -> bool:
    """One name within the other: "Nairobi" / "Nairobi" or "York" / "York City"."""
    wx, wy = set(x.split()), set(y.split())
    return wx <= wy or wy <= wx


def _apart(x: str, y: str) -> bool:
    """Whether the places ``x`` and ``y`` cannot be one: neither name within the other, and
    not a place inside a country or region ("Geneva" / "Switzerland" may be one; "Ohio" /
    "Mexico" are not)."""
    if _one_place(x, y):
        return False
    rx, ry = region(x), region(y)
    if rx is None and ry is None:
        return True  # two towns, ports, venues
    if rx is None or ry is None or "" in (rx[1], ry[1]):
        return False  # a town against a region: it may lie inside
    if rx[1] != ry[1]:
        return True  # different countries
    return rx[0] == ry[0] == "subdivision"


@lru_cache(maxsize=4096)
def region(name: str) -> tuple[str, str] | None:
    """``("country", code)`` or ``("subdivision", country code)`` for a country or a
    country's region (ISO 3166, from ``pycountry``), ``("broad", "")`` for a wider area
    ("Europe", "the Gulf"), else None (a town, a venue, or unknown)."""
    import pycountry

    if name in _BROAD_PLACES:
        return ("broad", "")
    try:
        return ("country", pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        pass
    try:
        return ("subdivision", pycountry.subdivisions.lookup(name).country_code)
    except LookupError:
        return None
