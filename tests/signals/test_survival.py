"""One person said to have died against the same person said to have come through."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import SURVIVAL_CLASH_FLOOR, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._survival import SURVIVAL_SCORE, survival_clash
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The co-pilot was killed when the glider came down.",
            "The co-pilot survived the glider crash.",
        ),
        (
            "The kayaker drowned near Selby Point.",
            "Lifeboat crews pulled the kayaker alive from the sea.",
        ),
        (
            "The aid worker was killed by her kidnappers.",
            "The aid worker was freed unharmed on Friday.",
        ),
        (
            "The cyclist died after the collision.",
            "The cyclist escaped with minor injuries after the collision.",
        ),
        # a body found: whose body says who died
        (
            "The missing swimmer was found alive on Sunday.",
            "The body of the missing swimmer was recovered on Sunday.",
        ),
        (
            "Tomas Ekland survived the avalanche.",
            "Tomas Ekland's body was found by rescuers on Monday.",
        ),
        # the finders as the subject, or the dead named again beside the body
        (
            "The stranded climber was found alive near the ridge on Monday.",
            "Mountain rescuers recovered the body of the stranded climber on Monday.",
        ),
        (
            "Coastguards found Ilse Marten alive on a sandbank.",
            "The body of Ilse Marten, the kitesurfer missing since Friday, was pulled from "
            "the estuary.",
        ),
    ],
)
def test_a_death_against_coming_through_clashes(a: str, b: str) -> None:
    assert survival_clash(a, b) == survival_clash(b, a) == 1.0
    assert features(a, b)["survival_clash"] == 1.0
    [found] = [e for e in compare(a, b) if e.kind == "state"]
    assert found.score == SURVIVAL_SCORE and "came through" in found.note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # an outcome a later report may overtake
        ("The co-pilot died in hospital.", "The co-pilot is in a critical condition."),
        # the outcome left open
        ("It is not yet known whether the co-pilot survived.", "The co-pilot was killed."),
        # a negated death, or one outcome on both sides
        ("The co-pilot was not killed in the crash.", "The co-pilot survived the crash."),
        ("The co-pilot was killed in the crash.", "The co-pilot died when the glider came down."),
        # someone else: another subject, the doer of a killing, part of a group
        ("The co-pilot was killed in the crash.", "The pilot survived the crash."),
        ("The gunman shot dead a guard.", "The gunman survived."),
        ("Two passengers were killed in the crash.", "The passengers survived the crash."),
        (
            "The missing swimmer was found alive on Sunday.",
            "The body of a fisherman was recovered on Sunday.",
        ),
        # no body found, or the body found left open
        ("No body has been found.", "The missing swimmer was found alive."),
        (
            "Divers are checking whether the body of the missing swimmer was found.",
            "The missing swimmer was found alive.",
        ),
        (
            "The stranded climber was found alive near the ridge on Monday.",
            "Mountain rescuers have not recovered the body of the stranded climber.",
        ),
        (
            "The stranded climber was found alive near the ridge on Monday.",
            "Mountain rescuers recovered the body of a second climber on Monday.",
        ),
        # both outcomes in one claim
        (
            "The co-pilot was killed and the pilot survived.",
            "The co-pilot survived the crash.",
        ),
    ],
)
def test_other_pairs_are_no_survival_clash(a: str, b: str) -> None:
    assert survival_clash(a, b) == 0.0 and survival_clash(b, a) == 0.0


def test_combiners_keep_a_survival_clash_at_its_floor() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    assert combiner.predict({"lc_max": -6.0, "survival_clash": 1.0}) == SURVIVAL_CLASH_FLOOR
