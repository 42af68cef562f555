"""Another one of its kind: "the next meeting", "a second blast" is not the one told."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("The summit took place in Vienna.", "The next summit will take place in Prague.", "place"),
        ("The first blast hit the depot at 6 am.", "A second blast hit the depot at 7 am.", "date"),
        ("The hearing was held in March.", "The previous hearing was held in May.", "date"),
        ("The inbound flight landed in Berlin.", "The return flight landed in Paris.", "place"),
        (
            "The mayor signed the permit on Monday.",
            "The mayor signed a second permit on Friday.",
            "date",
        ),
    ],
)
def test_another_one_of_a_kind_has_no_place_or_date_clash(a: str, b: str, kind: str) -> None:
    assert not [e for e in compare(a, b) if e.kind == kind]


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("The summit took place in Vienna.", "The summit took place in Prague.", "place"),
        (
            "The next summit will be held in Vienna.",
            "The next summit will be held in Prague.",
            "place",
        ),
        ("The hearing was held in March.", "The hearing was held in May.", "date"),
        (
            "The mayor signed the permit on Monday.",
            "The mayor signed the permit on Friday.",
            "date",
        ),
    ],
)
def test_the_same_one_told_twice_still_clashes(a: str, b: str, kind: str) -> None:
    assert [e.kind for e in compare(a, b)] == [kind]
