"""Units of one measure: a figure written in another unit of what it measures.

Input: :class:`~conflictscan.signals._numbers.Quantity` objects. Output: whether two units
measure one thing (:func:`convertible`: "km" and "miles", "t" and "kg", "ha" and "km2") and
a quantity restated in another unit (:func:`in_unit`), so that "2 km" and "2,000 metres"
are read as one length and "3 miles" against "3 km" as two.

A converted figure is given room for the rounding of the conversion
(:data:`CONVERSION_SLACK`): a writer puts "10 miles" as "16 km" (16.09) and "6 miles" as
"10 km" (9.66). Currencies are not converted: their rates move.

Most measures in news name no counted thing the number tables know ("The shark measured 4
metres" / "The shark was about 13 feet long"). Two such figures are one measure
(:func:`one_measure`) when each claim gives only one figure of that kind, both claims are
about one thing (the subject, or what the verb acts on, read from the parse) and they
name the same dimension words ("long", "deep", "wide", "from" …) or none.
"""

from __future__ import annotations

from dataclasses import replace

from conflictscan.signals._lexicon import _tokens
from conflictscan.signals._numbers import _quantities
from conflictscan.signals._quantity import Quantity
from conflictscan.signals._subjects import same_target

# Each measure's units, by what one of them is in the measure's base unit.
_MEASURES: tuple[dict[str, float], ...] = (
    # length, in metres
    {"m": 1.0, "km": 1000.0, "cm": 0.01, "mm": 0.001, "ft": 0.3048, "yd": 0.9144,
     "inches": 0.0254, "miles": 1609.344},
    # mass, in kilograms
    {"kg": 1.0, "t": 1000.0, "g": 0.001, "lb": 0.45359237},
    # area, in square metres
    {"ha": 1e4, "acres": 4046.8564224, "km2": 1e6, "sq mi": 2589988.110336},
    # speed, in kilometres per hour
    {"km/h": 1.0, "mph": 1.609344, "knots": 1.852},
)  # fmt: skip
_FACTOR: dict[str, tuple[int, float]] = {
    unit: (k, factor) for k, units in enumerate(_MEASURES) for unit, factor in units.items()
}
CONVERSION_SLACK = 0.05
"""Share of a converted figure allowed either way for the rounding of the conversion."""


def convertible(unit_a: str | None, unit_b: str | None) -> bool:
    """Two different units of one measure ("km" and "miles"; not "km" and "kg")."""
    if unit_a is None or unit_b is None or unit_a == unit_b:
        return False
    a, b = _FACTOR.get(unit_a), _FACTOR.get(unit_b)
    return a is not None and b is not None and a[0] == b[0]


def in_unit(quantity: Quantity, unit: str | None) -> Quantity:
    """``quantity`` restated in ``unit`` when the two units measure one thing, else as it is.

    Example:
        >>> from conflictscan.signals import extract_quantities
        >>> miles = extract_quantities("The suspect was caught 10 miles away.")[0]
        >>> round(in_unit(miles, "km").value, 2)
        16.09
    """
    if not convertible(quantity.unit, unit):
        return quantity
    factor = _FACTOR[quantity.unit or ""][1] / _FACTOR[unit or ""][1]
    value = quantity.value * factor
    upper = None if quantity.upper is None else quantity.upper * factor
    slack = CONVERSION_SLACK * (upper if upper is not None else value)
    tolerance = max(quantity.tolerance * factor, slack)
    return replace(quantity, value=value, upper=upper, unit=unit, tolerance=tolerance)


def is_measure(unit: str | None) -> bool:
    """Whether ``unit`` is a unit of length, mass, area or speed."""
    return unit in _FACTOR


# Words that say which length, or which measure, a figure gives, by dimension.
_DIMENSIONS: dict[str, str] = {
    word: dimension
    for dimension, members in (
        ("length", "long length"),
        ("width", "wide width broad across"),
        ("height", "high height tall above"),
        ("depth", "deep depth below under"),
        ("thickness", "thick thickness"),
        ("distance", "away from off"),
        ("weight", "weigh weighed weighs weighing weight"),
    )
    for word in members.split()
}


def _dimensions(text: str) -> frozenset[str]:
    return frozenset(_DIMENSIONS[t.low] for t in _tokens(text) if t.low in _DIMENSIONS)


def _only_measure(text: str, quantity: Quantity) -> bool:
    """``quantity`` is the one figure of its measure in ``text``."""
    index = _FACTOR[quantity.unit or ""][0]
    return [q for q in _quantities(text) if _FACTOR.get(q.unit or "", (-1,))[0] == index] == [
        quantity
    ]


def one_measure(text_a: str, qa: Quantity, text_b: str, qb: Quantity) -> bool:
    """Whether two figures outside the number tables give one measure of one thing (see
    the module docstring); False without a parse."""
    if not is_measure(qa.unit) or not (qa.unit == qb.unit or convertible(qa.unit, qb.unit)):
        return False
    if qa.category is not None and qb.category is not None and qa.category == qb.category:
        return False  # the number rules compare these themselves
    if not (_only_measure(text_a, qa) and _only_measure(text_b, qb)):
        return False
    return _dimensions(text_a) == _dimensions(text_b) and same_target(text_a, text_b)
