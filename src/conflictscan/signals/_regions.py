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


_TOWN_TYPES = frozenset(
    (
        "City", "Town", "Borough", "London borough", "Metropolitan district", "Metropolitan city",
        "Capital city", "City corporation", "Special city", "State city", "City municipality",
        "City with county rights", "Autonomous city", "Urban municipality", "Municipality",
        "Special administrative city", "Special municipality", "Capital district",
        "District municipality", "Town council", "Metropolitan collectivity with special status",
    )
)  # fmt: skip
"""ISO 3166-2 kinds of subdivision that are one town or city ("Leeds", a metropolitan
district; "Kyiv", a city): a town against another town cannot be one place, and against a
region of its own country may lie inside it."""


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
    town_x, town_y = rx is None or rx[0] == "town", ry is None or ry[0] == "town"
    if town_x and town_y:
        return True  # two towns, ports, venues
    if (rx is not None and rx[0] == "broad") or (ry is not None and ry[0] == "broad"):
        return False
    if rx is None or ry is None:
        return False  # a town against a region: it may lie inside
    if rx[1] != ry[1]:
        return True  # different countries: a town's is known
    if "town" in (rx[0], ry[0]):
        (town, _), (other, kind) = sorted(((x, rx[0]), (y, ry[0])), key=lambda p: p[1] != "town")
        return kind != "country" and _outside(town, other)
    return rx[0] == ry[0] == "subdivision"


@lru_cache(maxsize=1024)
def _outside(town: str, other: str) -> bool:
    """Whether a town that is a subdivision of its own ("Leeds") cannot lie in a region of
    its country (``other``): the region has no parts of its own ("Derby", "Cornwall") and
    is not one the town lies in ("England" holds Leeds)."""
    import pycountry

    inner, outer = pycountry.subdivisions.lookup(town), pycountry.subdivisions.lookup(other)
    if outer.code in _parents():
        return False
    code = inner.parent_code
    while code:
        if code == outer.code:
            return False
        code = pycountry.subdivisions.get(code=code).parent_code
    return True


@lru_cache(maxsize=1)
def _parents() -> frozenset[str]:
    """Codes of the subdivisions that have parts of their own."""
    import pycountry

    return frozenset(s.parent_code for s in pycountry.subdivisions if s.parent_code)


def is_region(name: str) -> bool:
    """Whether ``name`` is a country or a country's region: not a town, not a wider area."""
    found = region(name)
    return found is not None and found[0] in ("country", "subdivision")


@lru_cache(maxsize=4096)
def region(name: str) -> tuple[str, str] | None:
    """``("country", code)`` or ``("subdivision", country code)`` for a country or a
    country's region (ISO 3166, from ``pycountry``), ``("town", country code)`` for a city
    that is a subdivision of its own (:data:`_TOWN_TYPES`), ``("broad", "")`` for a wider
    area ("Europe", "the Gulf"), else None (a town, a venue, or unknown)."""
    import pycountry

    if name in _BROAD_PLACES:
        return ("broad", "")
    try:
        return ("country", pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        pass
    try:
        found = pycountry.subdivisions.lookup(name)
    except LookupError:
        return None
    kind = "town" if found.type in _TOWN_TYPES else "subdivision"
    return (kind, found.country_code)
