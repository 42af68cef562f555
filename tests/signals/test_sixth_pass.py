"""Readings fixed after a sixth pass, on the second round's remaining misses and a third
round of fresh dev pairs and stories: winners and winning goals, causes, hurt against
unhurt, dates of one event, states, bail, places in fronted participles, opposite
outcomes, two authors of one act, updates and counts of the injured."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare
from conflictscan.text import _parsing as parsing
from conftest import evidence_both_ways, feature_both_ways

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Mara Delacroix defended her title on Sunday, winning the women's race in 2:24:11.",
            "Ilyana Voss won the women's race on Sunday.",
            1,
        ),
        (
            "Mara Delacroix crossed the line first, winning the marathon.",
            "The marathon was won by Ilyana Voss.",
            1,
        ),
        # the "-ing" clause hangs on a clause that is not said to hold
        (
            "Delacroix cheered after Voss crossed the line, winning the marathon.",
            "The marathon was won by Ilyana Voss.",
            0,
        ),
        # the same winner
        (
            "Mara Delacroix defended her title, winning the marathon.",
            "Delacroix won the marathon.",
            0,
        ),
        # a time is no place: "in 2:24:11" does not make another race
        (
            "Ilyana Voss won the women's race in 2:24:11.",
            "Mara Delacroix won the women's race.",
            1,
        ),
    ],
)
def test_a_winner_told_in_an_ing_clause(a: str, b: str, expected: int) -> None:
    assert feature_both_ways(a, b, "winner_clash") == {float(expected)}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The warehouse fire was caused by an electrical short circuit, officials said.",
            "Police are treating the warehouse fire as arson.",
            1,
        ),
        (
            "The warehouse fire was caused by a short-circuit.",
            "The warehouse fire was caused by a short circuit in a freezer.",
            0,
        ),
    ],
)
def test_a_short_circuit_is_an_accident(a: str, b: str, expected: int) -> None:
    assert feature_both_ways(a, b, "cause_clash") == {float(expected)}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The guard, who has not been named, was not hurt.",
            "The guard, 52, was in stable condition in hospital on Monday evening.",
            1,
        ),
        ("The driver escaped unhurt.", "The driver was taken to hospital with injuries.", 1),
        ("The pilot was unharmed.", "The pilot suffered minor injuries.", 1),
        ("The driver was not hurt.", "The driver was killed in the crash.", 1),
        # two people
        ("The driver was not hurt.", "The passenger was taken to hospital.", 0),
        ("The boy was unhurt.", "A second boy was taken to hospital.", 0),
        # "not seriously hurt" is hurt a little
        ("The driver was not seriously hurt.", "The driver was taken to hospital.", 0),
        # both hurt
        ("The driver was injured.", "The driver was taken to hospital.", 0),
    ],
)
def test_one_person_unhurt_and_hurt(a: str, b: str, expected: int) -> None:
    assert feature_both_ways(a, b, "survival_clash") == {float(expected)}


def test_nobody_hurt_is_no_one_hurt() -> None:
    from conflictscan.signals._survival import _harm

    assert _harm("Nobody was hurt in the fire.") is None
    assert _harm("Not a single passenger was injured when the train derailed.") is None
    assert _harm("The guard was hurt in the fire.") == ("hurt", "was hurt")


def test_unhurt_against_hurt_is_state_evidence() -> None:
    found = compare("The pilot was unharmed.", "The pilot suffered minor injuries.")
    assert [e.kind for e in found] == ["state"]
    assert "unharmed" in found[0].note


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Arvid Solberg died on Tuesday.", "Arvid Solberg died peacefully at home on Friday.", 1),
        (
            "The painting was stolen overnight on Tuesday.",
            "The theft took place on Sunday night.",
            1,
        ),
        ("The bridge was completed in 1962.", "The bridge was finished in 1974.", 1),
        # one day
        ("The painting was stolen on Tuesday.", "The theft took place on Tuesday night.", 0),
        # another event: the theft was reported later
        ("The painting was stolen on Tuesday.", "The theft was reported on Sunday.", 0),
        # one side tells both times
        (
            "The river peaked at 6 metres at the gauge on Monday afternoon.",
            "The river stood at 4 metres at the gauge on Wednesday, below Monday's peak.",
            0,
        ),
        # the other time told only to be denied
        (
            "Varga and Pell met on Monday morning.",
            "Varga and Pell met on Sunday evening, not Monday.",
            1,
        ),
        # another event of the kind
        (
            "Police arrested a woman on Monday over the burglary.",
            "A man was arrested on Tuesday over a separate burglary.",
            0,
        ),
    ],
)
def test_one_event_on_two_days(a: str, b: str, expected: int) -> None:
    assert evidence_both_ways(a, b, "date") == {bool(expected)}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Corey Blaine remains at large.", "Corey Blaine is back behind bars.", 1),
        ("The escaped inmate is still on the run.", "The escaped inmate is back in prison.", 1),
        ("Corey Blaine remains at large.", "Tom Reed is back in prison.", 0),
        ("Corey Blaine remains in custody.", "Corey Blaine is back in prison.", 0),
        ("The ministry has published the report.", "The report has yet to be published.", 1),
        # a time before the subject is no count of part of a group
        (
            "The ministry has published the full report on its website.",
            "Nearly two weeks after it was promised, the full report has still not been"
            " released by the ministry.",
            1,
        ),
        ("The ministry has published the report.", "The ministry is still studying it.", 0),
    ],
)
def test_back_behind_bars_and_published_end_a_state(a: str, b: str, expected: int) -> None:
    assert feature_both_ways(a, b, "state_clash") == {float(expected)}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Defender Tomas Ilunga headed in the winner from a corner in the 88th minute.",
            "Substitute Marco Feld scored the winner in the 88th minute with a low shot.",
            1,
        ),
        (
            "Jonah Frey scored the 88th-minute winner as Ravenmoor beat Kirkdale on Saturday.",
            "Luis Ortega headed in the only goal to sink Kirkdale on Saturday.",
            1,
        ),
        # two matches on one day
        (
            "Jonah Frey scored the winner as Ravenmoor beat Kirkdale on Saturday.",
            "Luis Ortega scored the winner as Hale beat Dunmore on Saturday.",
            0,
        ),
        # not the winning goal
        (
            "Jonah Frey scored the opener as Ravenmoor beat Kirkdale.",
            "Luis Ortega scored the winner as Ravenmoor beat Kirkdale.",
            0,
        ),
        # the same scorer
        (
            "Jonah Frey scored the winner as Ravenmoor beat Kirkdale.",
            "Frey headed in the only goal as Ravenmoor beat Kirkdale.",
            0,
        ),
    ],
)
def test_a_winning_goal_has_one_scorer(a: str, b: str, expected: int) -> None:
    assert feature_both_ways(a, b, "winner_clash") == {float(expected)}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Amira Haddad, 34, was born in the northern town of Rasheen and moved to the capital.",
            "Born in the coastal city of Port Elmar, Amira Haddad, 34, has lived in the capital.",
            1,
        ),
        (
            "Founded in Leeds in 1998, the company moved its head office to Manchester.",
            "The company was founded in Glasgow.",
            1,
        ),
        # two people
        (
            "Born in Port Elmar, Amira Haddad has lived in the capital since her teens.",
            "Born in Rasheen, Omar Haddad has lived in the capital since 2001.",
            0,
        ),
        (
            "Born in Port Elmar, Amira Haddad has lived in the capital since her teens.",
            "Amira Haddad was born in Port Elmar.",
            0,
        ),
    ],
)
def test_a_fronted_participle_puts_its_subject_in_a_place(a: str, b: str, expected: int) -> None:
    assert evidence_both_ways(a, b, "place") == {bool(expected)}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Nadia Ferris has been released on bail.", "Nadia Ferris is being held on remand.", 1),
        ("Nadia Ferris was released on bail.", "Nadia Ferris was remanded to prison.", 1),
        ("Nadia Ferris was released on bail.", "Tom Reed is being held on remand.", 0),
    ],
)
def test_held_on_remand_is_bail_refused(a: str, b: str, expected: int) -> None:
    assert feature_both_ways(a, b, "bail_clash") == {float(expected)}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("The court upheld the ban.", "The court struck down the ban.", 1),
        (
            "The court upheld the ban on night flights.",
            "The court struck down the ban on night flights.",
            1,
        ),
        # two bans, two plans
        (
            "The court upheld the ban on night flights.",
            "The court overturned the ban on hunting.",
            0,
        ),
        (
            "The council approved the plan for the stadium.",
            "The council rejected the plan for the library.",
            0,
        ),
        # a day is no other one of the kind
        (
            "The court upheld the ban on Tuesday.",
            "The court struck down the ban on night flights on Tuesday.",
            1,
        ),
    ],
)
def test_struck_down_against_upheld_for_one_thing(a: str, b: str, expected: int) -> None:
    assert feature_both_ways(a, b, "predicate_clash") == {float(expected)}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Investigators concluded that the cyberattack on the Dalmere water utility was the"
            " work of a criminal gang known as Black Tide.",
            "The hack of the Dalmere water utility was carried out by the Ember Fox group.",
            1,
        ),
        (
            "The bombing in Tarsk was carried out by the Red Hand.",
            "The Free Army was behind the bombing in Tarsk.",
            1,
        ),
        # one author
        (
            "The bombing in Tarsk was carried out by the Red Hand.",
            "The Red Hand was behind the bombing in Tarsk.",
            0,
        ),
        # left open
        (
            "The bombing in Tarsk was carried out by the Red Hand.",
            "Police believe the bombing in Tarsk was the work of the Free Army.",
            0,
        ),
        # another attack, told at the start of the sentence
        (
            "The bombing in Tarsk was carried out by the Red Hand.",
            "Another bombing in Tarsk was carried out by the Free Army.",
            0,
        ),
        # nothing ties the two attacks into one
        (
            "The bombing in Tarsk was carried out by the Red Hand.",
            "The attack in Velm was carried out by the Free Army.",
            0,
        ),
    ],
)
def test_one_act_said_to_be_the_work_of_two_authors(a: str, b: str, expected: int) -> None:
    assert feature_both_ways(a, b, "identity_clash") == {float(expected)}


def test_a_storm_that_strengthened_is_an_update_not_a_clash_of_figures() -> None:
    a = "Tropical Storm Delphine was packing winds of 95 km/h as it moved over the Gulf."
    b = "Having strengthened into a hurricane, Delphine made landfall with winds of 150 km/h."
    assert feature_both_ways(a, b, "update_marker") == {1.0}
    assert evidence_both_ways(a, b, "numeric") == {False}
    assert "numeric" in {
        e.kind
        for e in compare(
            "The storm brought winds of 95 km/h.", "The storm brought winds of 150 km/h."
        )
    }


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Twelve people were injured.", "Four people suffered injuries.", 1),
        ("Twelve people were injured.", "Four people sustained injuries in the crash.", 1),
        ("Twelve people were injured.", "Twelve people suffered injuries.", 0),
        # four with minor injuries may be some of the twelve
        ("Twelve people were injured.", "Four people suffered minor injuries.", 0),
    ],
)
def test_people_who_suffered_injuries_are_counted_as_injured(a: str, b: str, expected: int) -> None:
    assert evidence_both_ways(a, b, "numeric") == {bool(expected)}
