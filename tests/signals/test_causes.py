"""A fire, blast or crash called an accident against the same one called deliberate."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import CAUSE_CLASH_FLOOR, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._causes import CAUSE_SCORE, cause_clash
from conflictscan.text import _parsing as parsing


@pytest.mark.parametrize(
    ("a", "b", "a_value", "b_value"),
    [
        (
            "The depot blaze was caused by an electrical fault.",
            "Detectives believe the fire at the depot was started deliberately.",
            "electrical fault",
            "deliberately",
        ),
        (
            "The blast at the bakery was caused by a gas leak.",
            "Police say a bomb caused the explosion at the bakery.",
            "a gas leak",
            "a bomb",
        ),
        (
            "Fire chiefs said the barn fire was not being treated as suspicious.",
            "A teenager was charged with arson over the barn fire.",
            "not being treated as suspicious",
            "arson",
        ),
        (
            "Investigators found no evidence of foul play in the mill fire.",
            "The mill fire was set deliberately, the owner insists.",
            "no evidence of foul play",
            "deliberately",
        ),
    ],
)
def test_an_accident_against_a_deliberate_act_clashes(
    a: str, b: str, a_value: str, b_value: str
) -> None:
    assert cause_clash(a, b) == cause_clash(b, a) == 1.0
    assert features(a, b)["cause_clash"] == 1.0
    [found] = [e for e in compare(a, b) if e.kind == "cause"]
    assert (found.a_value, found.b_value, found.score) == (a_value, b_value, CAUSE_SCORE)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one cause on both sides
        ("The depot fire was accidental.", "The depot blaze was caused by faulty wiring."),
        ("The depot fire was started deliberately.", "Police are treating the fire as arson."),
        # a denied cause is its opposite
        ("The depot fire was accidental.", "Investigators ruled out arson in the depot fire."),
        # two events, or no event named on one side
        ("The depot fire was accidental.", "The explosion at the depot was deliberate."),
        ("The depot fire was accidental.", "Someone deliberately left the gate open."),
        # the cause left open
        (
            "Detectives are investigating whether the depot fire was started deliberately.",
            "The depot fire was caused by an electrical fault.",
        ),
        # the cause denied: the denial checks read it, not this reading
        (
            "Police denied that the depot fire had been started deliberately.",
            "The depot fire was caused by an electrical fault.",
        ),
        # one claim with both causes
        (
            "It is unclear whether the fire was accidental or started deliberately.",
            "The fire was started deliberately.",
        ),
    ],
)
def test_other_pairs_are_no_cause_clash(a: str, b: str) -> None:
    assert cause_clash(a, b) == 0.0 and not [e for e in compare(a, b) if e.kind == "cause"]


@pytest.mark.skipif(not parsing.is_available(), reason="spaCy or its English model is absent")
@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        (
            "The escaped prisoner handed himself in on Sunday.",
            "The escaped prisoner was captured on Sunday.",
            True,
        ),
        (
            "Rowe surrendered to officers at the border.",
            "Officers tracked down Rowe near the border.",
            True,
        ),
        ("The driver gave himself up.", "Police caught the driver after a chase.", True),
        # who surrenders is arrested too; a camera is no capture
        ("The escaped prisoner handed himself in.", "The escaped prisoner was arrested.", False),
        ("The escaped prisoner surrendered.", "The escaped prisoner was caught on camera.", False),
        # two people, or the way it ended left open
        ("The escaped prisoner surrendered.", "His accomplice was captured on Sunday.", False),
        (
            "It is unclear whether the escaped prisoner surrendered.",
            "The escaped prisoner was captured on Sunday.",
            False,
        ),
    ],
)
def test_a_surrender_against_a_capture(a: str, b: str, clash: bool) -> None:
    assert cause_clash(a, b) == cause_clash(b, a) == float(clash)


@pytest.mark.skipif(not parsing.is_available(), reason="spaCy or its English model is absent")
@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("The harbour master resigned on Friday.", "The harbour master was fired on Friday.", True),
        (
            "The coach stepped down after the cup exit.",
            "The coach was sacked after the cup exit.",
            True,
        ),
        (
            "Dunmore sacked their manager on Monday.",
            "The manager resigned on Monday.",
            True,
        ),
        # made to leave on both sides, or told both ways in one claim
        ("The harbour master was forced to resign.", "The harbour master was dismissed.", False),
        (
            "The harbour master resigned after being told he would be sacked.",
            "The harbour master was sacked.",
            False,
        ),
        # negated, or another sense of the word
        ("The coach was not sacked.", "The coach stepped down.", False),
        ("The coach was sacked.", "The retired coach said the team lacked spirit.", False),
    ],
)
def test_leaving_of_one_s_own_will_against_being_made_to(a: str, b: str, clash: bool) -> None:
    assert cause_clash(a, b) == cause_clash(b, a) == float(clash)


@pytest.mark.skipif(not parsing.is_available(), reason="spaCy or its English model is absent")
@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("The singer died of natural causes.", "The singer was murdered.", True),
        ("The fisherman died of a heart attack.", "The fisherman was beaten to death.", True),
        # "X's death" is about X
        (
            "The banker's death was not suspicious.",
            "The banker was poisoned.",
            True,
        ),
        # left open, negated, someone else, or both in one claim
        (
            "Police are investigating whether the singer was murdered.",
            "The singer died of natural causes.",
            False,
        ),
        ("The fisherman died of a heart attack.", "The fisherman was not killed.", False),
        ("The fisherman died of a heart attack.", "His brother was shot dead in 2019.", False),
        (
            "The guard died of a heart attack after he was stabbed.",
            "The guard was stabbed to death.",
            False,
        ),
    ],
)
def test_a_natural_death_against_a_killing(a: str, b: str, clash: bool) -> None:
    assert cause_clash(a, b) == cause_clash(b, a) == float(clash)


def test_combiners_keep_a_cause_clash_at_its_floor() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    assert combiner.predict({"lc_max": -6.0, "cause_clash": 1.0}) == CAUSE_CLASH_FLOOR
    blocked = {"lc_max": -6.0, "cause_clash": 1.0, "different_times": 1.0}
    assert combiner.predict(blocked) < 0.01
