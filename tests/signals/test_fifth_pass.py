"""Readings fixed after a fifth pass, on a second round of fresh dev pairs and stories:
opposite verdicts on two different offences, one post held by two people, a measure up and
down over different spans, one action told with two verbs, and a reported clause whose
subject the parser hung on the reporting verb."""

from __future__ import annotations

import pytest

from conflictscan import Document, Scanner
from conflictscan._aggregation import (
    OTHER_CHARGES_CAP,
    PLEA_AND_VERDICT_CAP,
    Combiner,
    default_combiner,
)
from conflictscan.signals import compare, features
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


def _kinds(a: str, b: str) -> set[str]:
    return {e.kind for e in compare(a, b)}


@pytest.mark.parametrize(
    ("a", "b", "other", "clash"),
    [
        (
            "A jury cleared Ray Doyle of murder.",
            "Ray Doyle was found guilty of manslaughter.",
            1,
            0,
        ),
        (
            "The trader was acquitted of fraud.",
            "The trader was found guilty of insider trading.",
            1,
            0,
        ),
        # one charge in two words: the model's to read
        ("Kane was acquitted of taking bribes.", "Kane was convicted of corruption.", 0, 0),
        # one charge: a clash
        ("The jury acquitted Mira Sol of robbery.", "Mira Sol was convicted of robbery.", 0, 1),
        # the other claim names the offence later in its list of charges
        (
            "Anselm Varrow was convicted of two counts of bribery, abuse of office and money"
            " laundering.",
            "The panel acquitted Varrow of laundering money through a marina company.",
            0,
            0,
        ),
        # two defendants
        ("Ray Doyle was cleared of murder.", "Ana Ruiz was found guilty of manslaughter.", 0, 0),
    ],
)
def test_opposite_verdicts_on_two_offences_can_both_stand(
    a: str, b: str, other: int, clash: int
) -> None:
    for x, y in ((a, b), (b, a)):
        values = features(x, y)
        assert values["other_charges"] == float(other)
        assert values["verdict_clash"] == float(clash)


def test_combiners_cap_opposite_verdicts_on_two_offences() -> None:
    plain = Combiner(weights={"lc_max": 1.0}, intercept=0.0, means={}, scales={})
    assert plain.predict({"lc_max": 6.0, "other_charges": 1.0}) == OTHER_CHARGES_CAP
    shipped = default_combiner("standard")
    strong = {"lc_max": 6.0, "lc_min": 6.0, "c_max": 1.0, "c_min": 1.0}
    assert shipped.predict(strong) > 0.5
    assert shipped.predict(strong | {"other_charges": 1.0}) <= OTHER_CHARGES_CAP


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The new chief executive of Harbourline is Priya Menon.",
            "Harbourline has named Oliver Grant as its new chief executive.",
        ),
        (
            "The capital of the newly formed Westmarch province will be Arvik.",
            "Delmont has been chosen as the capital of the newly formed Westmarch province.",
        ),
        (
            "The ruling party has nominated Helen Osei as its presidential candidate.",
            "The ruling party's presidential candidate is Victor Lamb.",
        ),
        (
            "The gunman in the Fairview shooting has been identified as Dale Ross.",
            "Authorities identified the Fairview gunman as Curtis Webb.",
        ),
        (
            "The first person to reach the summit this season was Pemba Sherpa.",
            "Karl Huber was the first to reach the summit this season.",
        ),
    ],
)
def test_one_post_held_by_two_people_is_an_identity_clash(a: str, b: str) -> None:
    for x, y in ((a, b), (b, a)):
        assert features(x, y)["identity_clash"] == 1.0
        assert "identity" in _kinds(x, y)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two companies
        (
            "Tom Hale has been appointed chief executive of Norbridge Insurance.",
            "Sara Linde has been named chief executive of Wexford Foods.",
        ),
        # the new one and the one before may be two people
        (
            "The chief executive of Harbourline is Priya Menon.",
            "Harbourline has named Oliver Grant as its new chief executive.",
        ),
        # a post changes hands
        (
            "Oliver Grant was named chief executive of Harbourline in 2015.",
            "Priya Menon was named chief executive of Harbourline in 2020.",
        ),
        ("The deputy mayor is Ana Ruiz.", "The mayor is Ben Cole."),
        ("Priya Menon could be named chief executive.", "The chief executive is Oliver Grant."),
        ("Ana Ruiz is one of the candidates.", "The candidate is Ben Cole."),
        # one person
        (
            "Mira Castell was elected mayor of Dunholm.",
            "Voters in Dunholm chose Mira Castell as their mayor.",
        ),
    ],
)
def test_other_posts_and_one_holder_are_no_identity_clash(a: str, b: str) -> None:
    for x, y in ((a, b), (b, a)):
        assert features(x, y)["identity_clash"] == 0.0


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("Shares in Veltrix Energy rose sharply.", "Veltrix Energy's share price slumped.", 1),
        (
            "Unemployment in the Ardell region fell in the third quarter.",
            "Joblessness in the Ardell region climbed during the third quarter.",
            1,
        ),
        ("Sales at Corvel Outdoor fell in March.", "Corvel Outdoor's sales rose over the year.", 0),
        (
            "The population of Millhaven has shrunk since 1990.",
            "Millhaven's population grew slightly over the last two years.",
            0,
        ),
        (
            "Temperatures in Elmore dropped below zero overnight.",
            "Temperatures in Elmore rose sharply during the afternoon.",
            0,
        ),
        (
            "Ravon Phones cut prices on its older models.",
            "Ravon Phones raised prices on its newest models.",
            0,
        ),
    ],
)
def test_one_measure_up_and_down_unless_timed_or_described_apart(
    a: str, b: str, clash: int
) -> None:
    for x, y in ((a, b), (b, a)):
        assert features(x, y)["direction_clash"] == float(clash)


@pytest.mark.parametrize(
    ("a", "b", "swapped"),
    [
        (
            "Nordhaven Group has acquired the start-up Pixelmint.",
            "Start-up Pixelmint bought Nordhaven Group.",
            1,
        ),
        (
            "Westbury Town were knocked out of the cup by Pelham Athletic.",
            "Pelham Athletic were eliminated from the cup by Westbury Town.",
            1,
        ),
        (
            "Vera Sokol defeated Anna Ruiz in the final.",
            "Anna Ruiz beat Vera Sokol in the final.",
            1,
        ),
        (
            "In the deciding game, Ivanova checkmated Brandt after 41 moves.",
            "Brandt checkmated Ivanova after 41 moves in the deciding game.",
            1,
        ),
        # one deal told twice
        ("Nordhaven Group acquired Pixelmint.", "Pixelmint was bought by Nordhaven Group.", 0),
        ("Nordhaven acquired Pixelmint.", "Nordhaven bought Lumio.", 0),
    ],
)
def test_one_action_in_two_verbs_with_the_roles_swapped(a: str, b: str, swapped: int) -> None:
    for x, y in ((a, b), (b, a)):
        assert features(x, y)["role_reversal"] == float(swapped)


@pytest.mark.parametrize(
    ("text", "attribution", "claim"),
    [
        (
            "Official figures show joblessness in the Ardell region climbed in May.",
            "Official figures show",
            "joblessness in the Ardell region climbed in May.",
        ),
        (
            "The minister told reporters the talks had failed.",
            "The minister told reporters",
            "the talks had failed.",
        ),
    ],
)
def test_a_reported_clause_keeps_a_subject_the_parser_took_for_an_object(
    text: str, attribution: str, claim: str
) -> None:
    [found] = Scanner(scorer=object(), encoder=object()).sentences_for([Document(text)])
    assert (found.attribution, found.claim) == (attribution, claim)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The accused, Martin Kell, pleaded not guilty.",
            "Martin Kell was found guilty by the jury.",
            1,
        ),
        ("Martin Kell denied all charges.", "A jury convicted Martin Kell of fraud.", 1),
        ("Martin Kell pleaded not guilty.", "Ana Ruiz was found guilty by the jury.", 0),
        (
            "Martin Kell pleaded not guilty.",
            "Martin Kell's conviction was overturned on appeal.",
            0,
        ),
        ("Martin Kell was acquitted of fraud.", "Martin Kell was convicted of fraud.", 0),
        # the plea told beside a verdict of its own: the verdicts clash
        (
            "Dahl, who had denied all the charges, was acquitted of money laundering.",
            "Dahl was convicted of money laundering.",
            0,
        ),
    ],
)
def test_a_plea_of_not_guilty_and_a_verdict_are_two_steps(a: str, b: str, expected: int) -> None:
    for x, y in ((a, b), (b, a)):
        assert features(x, y)["plea_and_verdict"] == float(expected)


def test_combiners_cap_a_plea_against_a_verdict() -> None:
    plain = Combiner(weights={"lc_max": 1.0}, intercept=0.0, means={}, scales={})
    assert plain.predict({"lc_max": 6.0, "plea_and_verdict": 1.0}) == PLEA_AND_VERDICT_CAP


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The Golden Ladle cooking contest was won by chef Marco Bellini.",
            "Chef Ana Duarte took first place in the Golden Ladle cooking contest.",
            1,
        ),
        ("Ana Duarte took first place in the contest.", "Ana Duarte won the contest.", 0),
        (
            "Ana Duarte took first place in the contest in 2019.",
            "Marco Bellini won the contest in 2021.",
            0,
        ),
    ],
)
def test_first_place_in_a_contest_is_winning_it(a: str, b: str, expected: int) -> None:
    for x, y in ((a, b), (b, a)):
        assert features(x, y)["winner_clash"] == float(expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The death of zookeeper Finn Adler was a tragic accident.",
            "Finn Adler was killed deliberately.",
            1,
        ),
        (
            "The death of Finn Adler was a tragic accident.",
            "Maria Lopez was killed deliberately.",
            0,
        ),
        (
            "The missing teenager left home of her own accord.",
            "The missing teenager was taken from her home by force.",
            1,
        ),
        ("The teenager left home of her own accord.", "The teenager returned home on Sunday.", 0),
    ],
)
def test_an_accident_or_a_will_of_ones_own_against_force(a: str, b: str, expected: int) -> None:
    for x, y in ((a, b), (b, a)):
        assert features(x, y)["cause_clash"] == float(expected)


def test_a_report_called_untrue_stays_whole_when_the_parser_splits_it() -> None:
    text = "Harwood's vice-chancellor said rumours that philosophy would be scrapped were untrue."
    [found] = Scanner(scorer=object(), encoder=object()).sentences_for([Document(text)])
    assert found.claim == "rumours that philosophy would be scrapped were untrue."
    assert found.denial and found.denied == "philosophy would be scrapped"
