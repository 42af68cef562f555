"""Part of a group against part or most of it: claims that can both be true."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import PART_OF_GROUP_CAP, Combiner
from conflictscan.signals import features
from conflictscan.signals._parts import part_of_group
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Most farmers in Ostra support the water plan.",
            "Some farmers in Ostra oppose the water plan.",
        ),
        ("Many teachers joined the walkout.", "Several teachers crossed the picket line."),
    ],
)
def test_part_of_a_group_against_most_of_it_can_both_be_true(a: str, b: str) -> None:
    assert part_of_group(a, b) == 1.0
    assert features(b, a)["part_of_group"] == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # The whole group on one side, or a negation.
        ("All farmers in Ostra support the plan.", "Some farmers in Ostra oppose the plan."),
        ("Some of the stolen maps were recovered.", "None of the stolen maps were recovered."),
        ("Some farmers support the plan.", "Farmers do not support the plan."),
        # A count, not a part; other people; no part at all.
        ("Some 300 farmers oppose the plan.", "Most farmers support the plan."),
        ("Most farmers support the plan.", "Some fishermen oppose the plan."),
        ("Most farmers support the plan.", "Most farmers oppose the plan."),
    ],
)
def test_no_part_of_group_reading_for_wholes_negations_counts_or_others(a: str, b: str) -> None:
    assert part_of_group(a, b) == 0.0


def test_combiners_cap_part_of_a_group() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=0.0, means={}, scales={})
    assert combiner.predict({"lc_max": 6.0, "part_of_group": 1.0}) == PART_OF_GROUP_CAP
