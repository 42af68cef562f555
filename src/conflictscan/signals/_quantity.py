"""The value type of the numbers stage: a number in a sentence and what it counts."""

from __future__ import annotations

from dataclasses import dataclass

from conflictscan.signals._lexicon import (
    _CATEGORY_NAMES,
    _PERSON_NOUNS,
    _QUALIFIER_SPANS,
    _format_value,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a sentence together with what it counts.

    Args:
        value: The number as a float ("$1.2bn" -> 1.2e9, "no one" -> 0.0).
        unit: ``"$"``, ``"£"``, ``"€"``, ``"%"``, ``"km"``…; for counts of people the
            counted group ("people" for generic people, "children", "civilians"…);
            ``None`` when nothing is named.
        what: What is counted, as written and lower-cased, with any modifier
            ("killed", "dead", "net loss", "seriously injured", "turnout"); ``None`` when
            no head word was found.
        category: Canonical group of ``what`` used for alignment ("dead" for killed, died,
            deaths…; "injured" for hurt, wounded…; "profit"; "loss"…), else ``what``'s head.
        qualifier: ``"at least"``, ``"more than"``, ``"about"``, ``"up to"``,
            ``"fewer than"``, ``"nearly"``, ``"exactly"`` or ``None``.
        start: Offset of the first character of the number phrase in the text.
        end: Offset one past its last character.
        text: ``text[start:end]`` of the input ("at least 30", "$142 million", "No one").
        tolerance: Just under half the rounding step implied by how the number is
            written ("1.2bn" -> 0.049e9, "3,000" -> 490, "30" -> 0).
        upper: Upper end of a range ("forty to fifty", "between 10 and 12"), with
            ``value`` its lower end; ``None`` for single numbers.
    """

    value: float
    unit: str | None
    what: str | None
    category: str | None
    qualifier: str | None
    start: int
    end: int
    text: str
    tolerance: float = 0.0
    upper: float | None = None

    @property
    def is_zero(self) -> bool:
        """True for polarity zeros such as "no one was hurt" or "nobody died"."""
        return self.value == 0.0 and self.upper is None

    def interval(self) -> tuple[float, float]:
        """The range of true values compatible with how the number is written."""
        top = self.value if self.upper is None else self.upper
        low, high = self.value - self.tolerance, top + self.tolerance
        span = _QUALIFIER_SPANS.get(self.qualifier or "", (1.0, 1.0))
        # A bound is written round on purpose: "fewer than 100,000" excludes 118,000.
        if self.qualifier in ("at least", "more than"):
            return self.value, float("inf")
        if self.qualifier in ("up to", "fewer than"):
            return 0.0, top
        return min(low, self.value * span[0]), max(high, top * span[1])

    def overlaps(self, other: Quantity) -> bool:
        """Whether the two written values can both be true (their intervals meet)."""
        (lo_a, hi_a), (lo_b, hi_b) = self.interval(), other.interval()
        return lo_a <= hi_b and lo_b <= hi_a

    def describe(self) -> str:
        """Short label for reports: "at least 30 dead", "$142 million profit", "0 injured"."""
        label = self.category if self.category in _CATEGORY_NAMES else self.what
        if (label is None or label == "attendance") and self.unit in _PERSON_NOUNS:
            label = self.unit  # "84,300 students", "about 80 students" (who attended)
        qualifier = None if self.is_zero or self.upper is not None else self.qualifier
        amount = _format_value(self.value, self.unit)
        if self.upper is not None:
            amount += f" to {_format_value(self.upper, self.unit)}"
        parts = [qualifier or "", amount, label or ""]
        return " ".join(p for p in parts if p)
