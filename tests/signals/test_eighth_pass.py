"""Readings fixed after an eighth pass, on a fifth round of fresh dev pairs and stories:
two events told in opposite orders, one vote given two tallies, the one beaten named as
the winner, present-tense forecasts, spans of time that are no counts, claims about
another one of a kind or another matter, plans told as overtaken, yearly costs, and the
event words of dates (multi-word roles, "first" before a verb)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conflictscan.signals._dates import extract_dates
from conflictscan.signals._hedges import pending_hedge, plan_told_before
from conflictscan.signals._numbers import extract_quantities
from conflictscan.signals._sequence import sequence_clash
from conflictscan.signals._unanimous import tally_evidence
from conflictscan.text import _parsing as parsing
from conftest import evidence_both_ways, feature_both_ways

needs_parse = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@needs_parse
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Guards detained the gunman shortly before the second bomb exploded.",
            "The gunman was detained only after the second bomb had gone off.",
            1.0,
        ),
        (
            "The inquiry into Marlow Bank began weeks before the takeover was completed.",
            "The takeover was completed before regulators opened their inquiry into Marlow Bank.",
            1.0,
        ),
        (
            "Singer Ana Lode toured Japan a year before the release of her second album.",
            "Singer Ana Lode released her second album two years before touring Japan.",
            1.0,
        ),
        (
            "Weeks after auditors published the report, finance director Ivo Brandt stepped down.",
            "Finance director Ivo Brandt resigned a month before auditors published the report.",
            1.0,
        ),
        # the same order told twice
        (
            "Guards detained the gunman shortly before the second bomb exploded.",
            "The gunman was detained minutes before the second bomb went off.",
            0.0,
        ),
        # two different pairs of events around one word
        (
            "Police arrested him after the protest began.",
            "The protest ended after police arrested him.",
            0.0,
        ),
        # a negated event is not told as done
        (
            "The mayor did not resign before the audit was published.",
            "The audit was published before the mayor resigned.",
            0.0,
        ),
    ],
)
def test_two_events_in_opposite_orders(a: str, b: str, expected: float) -> None:
    assert sequence_clash(a, b) == sequence_clash(b, a) == expected


@needs_parse
def test_opposite_orders_are_roles_evidence_and_keep_the_order_floor() -> None:
    a = "Guards detained the gunman shortly before the second bomb exploded."
    b = "The gunman was detained only after the second bomb had gone off."
    assert evidence_both_ways(a, b, "roles") == {True}
    assert feature_both_ways(a, b, "order_swap") == {1.0}


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        (
            "The justices voted 6-3 to strike down the Pellham tariff.",
            "In a 5-4 decision, the court struck down the Pellham tariff.",
            True,
        ),
        (
            "The Harwick council approved the bus lane plan by 9 votes to 2.",
            "The bus lane plan passed 7-4 at the Harwick council.",
            True,
        ),
        # one tally told twice
        (
            "The justices voted 6-3 to strike down the Pellham tariff.",
            "In a 6-3 decision, the court struck down the Pellham tariff.",
            False,
        ),
        # two chambers hold two votes
        (
            "The senate passed the Orvik water bill 61-39.",
            "The house passed the Orvik water bill 220-190.",
            False,
        ),
        # another round of voting
        (
            "The Orvik water bill passed 61-39 in the final vote.",
            "The Orvik water bill passed 55-45.",
            False,
        ),
        # nothing in common besides voting
        ("The board voted 5-2 to sell the depot.", "Members backed the new logo 40-12.", False),
    ],
)
def test_one_vote_two_tallies(a: str, b: str, clash: bool) -> None:
    assert bool(tally_evidence(a, b)) is bool(tally_evidence(b, a)) is clash


def test_two_tallies_are_numeric_evidence() -> None:
    a = "The justices voted 6-3 to strike down the Pellham tariff."
    b = "In a 5-4 decision, the court struck down the Pellham tariff."
    assert evidence_both_ways(a, b, "numeric") == {True}
    assert tally_evidence(a, b)[0].note == "one vote, two tallies: 6-3 vs 5-4"


@needs_parse
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Tomas Reyes claimed the Lindau open title on Sunday, beating Kai Moreau in the final.",
            "Kai Moreau won the Lindau open tournament on Sunday.",
            {1.0},
        ),
        (
            "Ilse Varga was re-elected mayor of Tarnow on Sunday, defeating Piotr Zalewski.",
            "Piotr Zalewski won the Tarnow mayoral election on Sunday.",
            {1.0},
        ),
        # the winner is the one who beat the other
        (
            "Tomas Reyes claimed the Lindau open title on Sunday, beating Kai Moreau in the final.",
            "Tomas Reyes won the Lindau open tournament on Sunday.",
            {0.0},
        ),
        # a contest the first claim does not name
        (
            "Tomas Reyes claimed the Lindau open title on Sunday, beating Kai Moreau in the final.",
            "Kai Moreau won the Basel indoor tournament on Sunday.",
            {0.0},
        ),
    ],
)
def test_the_one_beaten_named_as_the_winner(a: str, b: str, expected: set[float]) -> None:
    assert feature_both_ways(a, b, "winner_clash") == expected


@pytest.mark.parametrize(
    ("reader", "a", "b", "expected"),
    [
        (
            pending_hedge,
            "Analysts predict the central bank will raise rates in June.",
            "The central bank kept rates on hold at its May meeting.",
            1.0,
        ),
        (
            pending_hedge,
            "Forecasters expect the river will peak on Thursday.",
            "The river fell.",
            1.0,
        ),
        # two forecasts against each other are for the model to weigh
        (
            pending_hedge,
            "Analysts predict the central bank will raise rates in June.",
            "Economists predict the central bank will cut rates in June.",
            0.0,
        ),
        # plans told as overtaken, read on whole sentences
        (
            plan_told_before,
            "The ferry had been due to enter service on April 2.",
            "The ferry will enter service in late June, the operator said.",
            1.0,
        ),
        (
            plan_told_before,
            "The summit was originally scheduled for May in Lisbon.",
            "The summit opened in Porto on Tuesday.",
            1.0,
        ),
        (
            plan_told_before,
            "The ferry had been due to enter service on April 2.",
            "The ferry had been scheduled to enter service on May 9.",
            0.0,
        ),
    ],
)
def test_forecasts_and_plans_told_as_overtaken(
    reader: Callable[[str, str], float], a: str, b: str, expected: float
) -> None:
    assert reader(a, b) == reader(b, a) == expected


def test_a_span_of_time_is_no_count_of_the_noun_before_it() -> None:
    found = extract_quantities("Stewards said the crowd left the ground in under 25 minutes.")
    assert [(q.value, q.unit, q.category) for q in found] == [(25.0, "minute", None)]
    assert evidence_both_ways(
        "A crowd of 38,000 watched the final.",
        "Stewards said the crowd left the ground in under 25 minutes.",
        "numeric",
    ) == {False}


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        (
            "A separate magnitude 3.9 earthquake struck near Patra on Friday.",
            "A magnitude 5.8 earthquake struck near Patra on Friday.",
            False,
        ),
        (
            "The dam will cost 210 million euros to build.",
            "The ministry also plans a second, smaller dam, for which no cost has been given.",
            False,
        ),
        # the same kind of claim on both sides is still compared
        (
            "A magnitude 3.9 earthquake struck near Patra on Friday.",
            "A magnitude 5.8 earthquake struck near Patra on Friday.",
            True,
        ),
        # "a second day" or "a second time" goes on with the same thing
        (
            "On a second day of strikes on Tuesday, 4,000 dock workers walked out.",
            "Some 2,500 dock workers walked out on Tuesday.",
            True,
        ),
        (
            "Meeting for a second time on Friday, the Velm council set a budget of 40 million.",
            "The Velm council set a budget of 32 million on Friday.",
            True,
        ),
    ],
)
def test_figures_of_another_one_of_a_kind(a: str, b: str, clash: bool) -> None:
    assert evidence_both_ways(a, b, "numeric") == {clash}


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Olaf Brenner stepped down as finance minister late on Friday evening.", "stepped down"),
        ("She resigned as chief executive officer on Monday.", "resigned"),
        ("The Skerry lighthouse was first lit in 1874.", "lit"),
        ("First opened in 1962, the Arlen cinema closed in May.", "opened"),
        # "as" of a clause is no role
        ("Prices rose as demand surged in March.", "surged"),
    ],
)
def test_event_words_of_dates(text: str, event: str) -> None:
    assert extract_dates(text)[0].event == event


def test_the_first_of_a_kind_is_another_instance() -> None:
    assert extract_dates("The first vote in March failed.")[0].event is None


def test_a_forecast_is_read_on_the_whole_sentence_when_attribution_took_its_verb() -> None:
    forecast = "Economists predict the central bank will cut rates in March."
    held = "The central bank held rates at its February meeting."
    assert plan_told_before(forecast, held) == plan_told_before(held, forecast) == 1.0
    assert plan_told_before(forecast, forecast.replace("cut", "raise")) == 0.0


def test_a_yearly_cost_is_no_total_cost() -> None:
    build = "The new bridge will cost 95 million euros to build."
    assert evidence_both_ways(
        build, "Annual maintenance costs are put at 4 million euros.", "numeric"
    ) == {False}
    assert evidence_both_ways(build, "The new bridge will cost 60 million euros.", "numeric") == {
        True
    }


def test_another_matter_told_in_the_attribution_sets_the_pair_apart() -> None:
    from conflictscan import Document, Scanner
    from conflictscan.signals import features

    scanner = Scanner(scorer=object(), encoder=object())
    first, second = scanner.sentences_for(
        [
            Document(
                "A cholera vaccine cut cases by 64 percent in a trial in Kilwa. "
                "A separate trial in Lindi found that the vaccine cut cases by 39 percent.",
                doc_id="d",
            )
        ]
    )
    assert "separate" not in second.content
    assert {features(x, y)["other_group"] for x, y in ((first, second), (second, first))} == {1.0}


def test_a_separate_part_of_one_thing_is_no_other_matter() -> None:
    a = "The chief executive will step down once the Halvik takeover is completed."
    b = "The chief executive will stay on after the Halvik takeover to run it as a separate unit."
    assert feature_both_ways(a, b, "other_group") == {0.0}


def test_a_tally_in_the_attribution_is_read() -> None:
    from conflictscan import Document, Scanner
    from conflictscan.signals import compare

    scanner = Scanner(scorer=object(), encoder=object())
    first, second = scanner.sentences_for(
        [
            Document("The justices voted 6-3 to strike down the Pellham tariff.", doc_id="a"),
            Document(
                "In a 5-4 ruling, the court found that the Pellham tariff broke the law.",
                doc_id="b",
            ),
        ]
    )
    assert "5-4" not in second.content
    assert any(e.note == "one vote, two tallies: 6-3 vs 5-4" for e in compare(first, second))


def test_a_fraction_is_no_other_one() -> None:
    assert evidence_both_ways(
        "Dalsen Group, which owns a third of Varn Oil, employs 4,000 people.",
        "Dalsen Group employs 2,500 people.",
        "numeric",
    ) == {True}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Nobody was killed in the Harlow depot fire.", "The Harlow depot fire injured 9.", 1.0),
        ("There were no fatalities.", "Four passengers were hurt in the crash.", 1.0),
        # deaths told on the other side are the numbers stage's clash
        ("No one died in the fire.", "Three people were killed and four hurt in the fire.", 0.0),
        # nothing hurt against people hurt is a clash, not a cap
        ("No one was hurt in the fire.", "Three people were injured in the fire.", 0.0),
        # a toll that may rise still speaks of deaths
        ("Nobody was killed.", "Eleven were injured, and the toll may rise.", 0.0),
    ],
)
def test_nobody_killed_against_people_hurt(a: str, b: str, expected: float) -> None:
    from conflictscan.signals._casualties import injured_not_dead

    assert injured_not_dead(a, b) == injured_not_dead(b, a) == expected


def test_nobody_killed_against_people_hurt_is_capped() -> None:
    from conflictscan._aggregation import INJURED_NOT_DEAD_CAP, default_combiner

    features = {"c_max": 0.97, "c_min": 0.96, "lc_max": 3.5, "lc_min": 3.2, "relatedness": 0.9}
    combiner = default_combiner()
    assert combiner.predict(features) > 0.5
    assert combiner.predict({**features, "injured_not_dead": 1.0}) <= INJURED_NOT_DEAD_CAP
