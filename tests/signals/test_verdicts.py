"""Verdicts: one defendant found guilty and not guilty of the same charge."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import VERDICT_FLOOR, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._verdicts import VERDICT_SCORE, verdict_clash
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "A jury in Halden acquitted former mayor Tobias Renn of fraud on Monday.",
            "Former mayor Tobias Renn was convicted of fraud by a Halden jury on Monday.",
        ),
        (
            "Judges found the shipping magnate Ilse Varga guilty of tax evasion.",
            "Ilse Varga walked free after she was cleared of all tax charges.",
        ),
        # No charge named on one side: the verdicts still clash.
        ("Nurse Petra Lomm was acquitted on Friday.", "Petra Lomm was found guilty of neglect."),
        # "cleared" in a claim about a trial.
        (
            "Two ferry officers were convicted alongside the captain.",
            "Two ferry officers tried with the captain were cleared.",
        ),
    ],
)
def test_opposite_verdicts_for_one_defendant_and_charge_clash(a: str, b: str) -> None:
    assert verdict_clash(a, b) == 1.0
    assert features(b, a)["verdict_clash"] == 1.0
    (found,) = [e for e in compare(a, b) if e.kind == "verdict"]
    assert found.score == VERDICT_SCORE
    assert "one defendant and charge" in found.note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Another defendant, though the first one is named.
        (
            "The court convicted harbour master Ola Fenn of taking bribes.",
            "Two pilots tried with Fenn were cleared.",
        ),
        # Charges that share no word are left to the model.
        (
            "Tobias Renn was acquitted of taking bribes.",
            "Tobias Renn was convicted of abuse of office.",
        ),
        # A later verdict, a plea, or the same verdict twice.
        (
            "Tobias Renn was convicted of fraud in 2021.",
            "Tobias Renn was acquitted of fraud on appeal.",
        ),
        ("Tobias Renn pleaded not guilty to fraud.", "Tobias Renn was convicted of fraud."),
        ("Tobias Renn was convicted of fraud.", "A jury found Tobias Renn guilty of fraud."),
        # "cleared" without "of" is no verdict.
        ("Tobias Renn was convicted of fraud.", "Tobias Renn was cleared to travel abroad."),
    ],
)
def test_no_verdict_clash_for_other_defendants_charges_or_moments(a: str, b: str) -> None:
    assert verdict_clash(a, b) == 0.0
    assert not [e for e in compare(a, b) if e.kind == "verdict"]


def test_combiners_keep_a_verdict_clash_at_its_floor() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    assert combiner.predict({"lc_max": -6.0, "verdict_clash": 1.0}) == VERDICT_FLOOR
    blocked = {"lc_max": -6.0, "verdict_clash": 1.0, "different_times": 1.0}
    assert combiner.predict(blocked) < 0.01
