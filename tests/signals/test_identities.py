"""One role named as two different people."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import IDENTITY_CLASH_FLOOR, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._identities import IDENTITY_SCORE, identity_clash
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b", "names"),
    [
        (
            "The victim was identified as Mark Ellis, 34.",
            "Police named the victim as Daniel Hart.",
            ("Mark Ellis", "Daniel Hart"),
        ),
        (
            "The gunman was identified as 28-year-old Omar Selim.",
            "Police identified the gunman as Karl Brandt.",
            ("Omar Selim", "Karl Brandt"),
        ),
        (
            "The board named the new chief executive as Jana Dvorak.",
            "The new chief executive was named as Pavel Novak.",
            ("Jana Dvorak", "Pavel Novak"),
        ),
    ],
)
def test_one_role_named_as_two_people_clashes(a: str, b: str, names: tuple[str, str]) -> None:
    assert identity_clash(a, b) == identity_clash(b, a) == 1.0
    assert features(a, b)["identity_clash"] == 1.0
    [found] = [e for e in compare(a, b) if e.kind == "identity"]
    assert found.score == IDENTITY_SCORE and (found.a_value, found.b_value) == names


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one person, named in full and by family name
        ("The victim was named as Mark Ellis.", "The victim was identified as Ellis."),
        # another one of the kind, or several
        ("A second victim was named as Ann Ross.", "The victim was identified as Mark Ellis."),
        (
            "The victims were named as Ann Ross and Mark Ellis.",
            "The victim was identified as Daniel Hart.",
        ),
        # another role
        ("The victim was named as Mark Ellis.", "The suspect was named as Daniel Hart."),
        # a named subject is no role ("Player" and "Coach" are titles, not people)
        ("Smith was named as Player of the Year.", "Smith was named as Coach of the Year."),
        # not yet named
        ("The victim has not yet been identified.", "The victim was named as Mark Ellis."),
    ],
)
def test_other_pairs_are_no_identity_clash(a: str, b: str) -> None:
    assert identity_clash(a, b) == 0.0 and identity_clash(b, a) == 0.0


def test_combiners_keep_an_identity_clash_at_its_floor() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    assert combiner.predict({"lc_max": -6.0, "identity_clash": 1.0}) == IDENTITY_CLASH_FLOOR
