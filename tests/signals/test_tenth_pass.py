"""Readings fixed after a tenth pass, on a seventh round of fresh dev pairs and stories: a
result told from the loser's side, one post given two holders in more wordings, one remark
given two speakers, a change told as ground won or lost, an age written before a name, and
figures of another time or of the others."""

from __future__ import annotations

import pytest

from conflictscan import Document, Scanner
from conflictscan._types import Sentence
from conflictscan.signals._ages import age_evidence, exact_ages
from conflictscan.signals._directions import direction_clash
from conflictscan.signals._holders import holder_clash
from conflictscan.signals._quotes import quote_evidence, quote_owner
from conflictscan.signals._routes import route_swap
from conflictscan.signals._sequence import sequence_clash
from conflictscan.signals._sides import result_sides
from conflictscan.signals._swaps import agreeing_swap
from conflictscan.text import _parsing as parsing
from conftest import FakeEncoder, FakeScorer, evidence_both_ways, feature_both_ways

needs_parse = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


def _sentences(a: str, b: str) -> tuple[Sentence, Sentence]:
    """The two texts as the scanner reads them: attribution and speaker set."""
    first, second = Scanner(scorer=object(), encoder=object()).sentences_for(
        [Document(a, doc_id="a"), Document(b, doc_id="b")]
    )
    return first, second


# --------------------------------------------------------------------- a result, two sides


@needs_parse
@pytest.mark.parametrize(
    ("text", "winner", "loser"),
    [
        ("Marta Velez was outpointed by Ines Cardo over ten rounds in Seville.",
         ("Ines", "Cardo"), ("Marta", "Velez")),
        ("Kamil Novak outsprinted Jan Rus in the last metres of the stage.",
         ("Kamil", "Novak"), ("Jan", "Rus")),
        ("Ines Cardo was knocked out in the third round by Marta Velez.",
         ("Marta", "Velez"), ("Ines", "Cardo")),
        # two sides that share a word are told apart by the words they do not share
        ("Ostrava City fell to Brno City in the semi-final.", ("Brno",), ("Ostrava",)),
    ],
)  # fmt: skip
def test_results_told_in_more_ways(
    text: str, winner: tuple[str, ...], loser: tuple[str, ...]
) -> None:
    found = result_sides(text)
    assert found is not None
    assert found[:2] == (winner, loser)


@needs_parse
def test_the_sides_are_no_part_of_where_a_result_was_won() -> None:
    found = result_sides("Ines Cardo was knocked out in the third round by Marta Velez.")
    assert found is not None
    assert not found[2] & {"marta", "velez", "ines", "cardo"}


@needs_parse
@pytest.mark.parametrize(
    "text",
    [
        "The storm knocked down power lines across the valley.",  # no "out": no result
        "Brno City conceded a late goal against Ostrava.",  # no defeat conceded
    ],
)
def test_verbs_that_tell_no_result(text: str) -> None:
    assert result_sides(text) is None


@needs_parse
def test_a_result_reversed_from_the_losers_side() -> None:
    a = "Ostrava City fell to Brno City in the semi-final."
    b = "Brno City were beaten by Ostrava City in the semi-final."
    assert evidence_both_ways(a, b, "roles") == {True}
    # the same result told twice is no clash
    same = "Ostrava City were beaten by Brno City in the semi-final."
    assert evidence_both_ways(a, same, "roles") == {False}


@needs_parse
def test_a_sprint_finish_is_no_other_arena() -> None:
    a = "Kamil Novak outsprinted Jan Rus in the final metres of the stage in Tabor."
    b = "Jan Rus beat Kamil Novak in a sprint finish in Tabor."
    assert evidence_both_ways(a, b, "numeric") == {True}  # the two winners clash


@needs_parse
def test_results_on_two_days_are_two_games() -> None:
    saturday = "Ostrava City beat Brno City 2-0 on Saturday."
    wednesday = "Brno City beat Ostrava City 1-0 on Wednesday."
    assert evidence_both_ways(saturday, wednesday, "roles") == {False}
    assert feature_both_ways(saturday, wednesday, "role_reversal") == {0.0}
    same_day = "Brno City beat Ostrava City 1-0 on Saturday."
    assert evidence_both_ways(saturday, same_day, "roles") == {True}


# ------------------------------------------------------------------ one post, two holders


@needs_parse
@pytest.mark.parametrize(
    ("a", "b", "post"),
    [
        # a naming verb makes a new holder: "appointed manager" is the new manager
        ("Lena Brandt has been appointed manager of Hollin Rovers.",
         "Hollin Rovers named Tomas Eck as their new manager.", "manager"),
        # sworn in; a post and its holder set side by side
        ("Mira Holt was sworn in as the new mayor of Selby.",
         "Selby's new mayor, Arjun Pal, took office on Monday.", "mayor"),
        ("The mayor of Selby, Arjun Pal, opened the bridge.",
         "Selby's mayor, Mira Holt, opened the bridge.", "mayor"),
        # one team, one leader; a title is no part of the name
        ("Dr Ana Roth led the rescue team that reached the climbers.",
         "The rescue team that reached the climbers was headed by Dr Kai Lund.", "leader"),
        ("The Farmers' Union chose Piet Vos to lead the union.",
         "The Farmers' Union elected Ida Mol as its new leader.", "leader"),
    ],
)  # fmt: skip
def test_one_post_given_two_holders(a: str, b: str, post: str) -> None:
    found = holder_clash(a, b)
    assert found is not None
    assert found[2] == post
    assert holder_clash(b, a) is not None


@needs_parse
@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a year on one side only: the post may have changed hands since
        ("Lena Brandt was appointed manager of Hollin Rovers in 2019.",
         "Hollin Rovers named Tomas Eck as their new manager."),
        # a former holder, another post
        ("Selby's former mayor, Arjun Pal, opened the bridge.",
         "Selby's mayor, Mira Holt, opened the bridge."),
        ("Lena Brandt has been appointed assistant manager of Hollin Rovers.",
         "Hollin Rovers named Tomas Eck as their new manager."),
        # two days: two appointments
        ("Hollin Rovers named Lena Brandt as their new manager on Monday.",
         "Hollin Rovers named Tomas Eck as their new manager on Friday."),
    ],
)  # fmt: skip
def test_posts_that_are_not_one(a: str, b: str) -> None:
    assert holder_clash(a, b) is None
    assert holder_clash(b, a) is None


# -------------------------------------------------------------- one remark, two speakers


@needs_parse
@pytest.mark.parametrize(
    ("a", "b", "remark"),
    [
        ("'The plan is dead in the water,' Transport Minister Ruth Kemp said on Monday.",
         "Opposition leader Omar Haddad told reporters: 'The plan is dead in the water.'",
         "the plan is dead in the water"),
        # one quotation inside the other's, in double quotes
        ('"The plan is dead in the water," Transport Minister Ruth Kemp said on Monday.',
         'Opposition leader Omar Haddad told reporters the plan was "dead in the water".',
         "dead in the water"),
        ("Coach Ana Ruiz said her side had 'run out of ideas' in the second half.",
         "Captain Ben Cole said the team had 'run out of ideas' after the break.",
         "run out of ideas"),
    ],
)  # fmt: skip
def test_one_remark_given_two_speakers(a: str, b: str, remark: str) -> None:
    x, y = _sentences(a, b)
    found = quote_owner(x, y)
    assert found is not None
    assert found[2] == remark
    assert [e.kind for e in quote_evidence(y, x)] == ["identity"]


@needs_parse
@pytest.mark.parametrize(
    "b",
    [
        "Ruth Kemp said on Monday that 'the plan is dead in the water'.",  # one speaker
        "The ministry said: 'The plan is dead in the water.'",  # no person named
        "Omar Haddad, echoing Ruth Kemp, said: 'The plan is dead in the water.'",  # both named
        "Opposition leader Omar Haddad said the plan was 'dead'.",  # too short to be one remark
        "Opposition leader Omar Haddad said the plan was dead in the water.",  # not quoted
    ],
)
def test_remarks_that_are_not_given_two_speakers(b: str) -> None:
    a = "'The plan is dead in the water,' Transport Minister Ruth Kemp said on Monday."
    x, y = _sentences(a, b)
    assert quote_owner(x, y) is None
    assert quote_evidence(x, y) == []


def test_plain_strings_carry_no_speaker() -> None:
    a = "'The plan is dead in the water,' Transport Minister Ruth Kemp said on Monday."
    b = "Opposition leader Omar Haddad told reporters: 'The plan is dead in the water.'"
    assert quote_owner(a, b) is None


@needs_parse
def test_a_remark_with_two_speakers_is_scored_and_flagged() -> None:
    # the two claims are one remark, word for word: the scanner keeps the pair (it drops
    # pairs of one claim otherwise) and reads who said it
    a = "'We will not raise taxes this year,' Finance Minister Carys Dorn told parliament."
    b = "Prime Minister Hallam Greaves told lawmakers: 'We will not raise taxes this year.'"
    scanner = Scanner(scorer=FakeScorer(), encoder=FakeEncoder(), threshold=0.0)
    result = scanner.scan([Document(a, doc_id="a"), Document(b, doc_id="b")])
    assert result.pairs_scored > 0
    (conflict,) = result.conflicts
    assert "identity" in conflict.reasons
    assert conflict.confidence >= 0.5
    # one speaker: one claim told twice, not scored
    same = "Finance Minister Carys Dorn told lawmakers: 'We will not raise taxes this year.'"
    assert scanner.scan([Document(a, doc_id="a"), Document(same, doc_id="b")]).pairs_scored == 0


# ------------------------------------------------------------------- more changes, ages


@needs_parse
@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("Kovia's jobless rate rose in May.", "Unemployment in Kovia fell in May.", 1.0),
        ("The Greens lost ground in the north.", "Support for the Greens rose in the north.", 1.0),
        ("The Greens gained ground in the north.", "Support for Labour rose in the north.", 0.0),
        ("The Greens gained ground.", "Support for the Greens rose.", 0.0),  # one way
    ],
)
def test_changes_told_in_other_words(a: str, b: str, clash: float) -> None:
    assert direction_clash(a, b) == direction_clash(b, a) == clash


def test_ages_written_in_words() -> None:
    found = exact_ages("Nineteen-year-old striker Ola Berg and a twenty-one-year-old fan")
    assert [(age.words, age.low) for age in found] == [("Nineteen", 19), ("twenty-one", 21)]
    assert exact_ages("a decade-year-old claim") == []


def test_an_age_written_before_the_name() -> None:
    assert age_evidence("Nineteen-year-old striker Ola Berg scored.", "Ola Berg, 24, scored.")
    assert not age_evidence("The 19-year-old striker Ola Berg scored.", "Ola Berg, 19, scored.")
    # another name after the age: another person
    assert not age_evidence("The 19-year-old striker Ola Berg scored.", "Jon Lie, 24, scored.")


# ------------------------------------------------------- another time, another event, others


@needs_parse
def test_an_event_called_off_is_not_one_that_happened() -> None:
    a = "Nurses called off a strike after the hospital made a new pay offer."
    b = "The hospital made a new pay offer after a one-day strike by nurses."
    assert sequence_clash(a, b) == sequence_clash(b, a) == 0.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the others' count
        ("Ada Lind received 8,100 votes.", "The other three candidates together took 2,400 votes."),
        # the last time's count
        ("The town was last hit by an earthquake in 1998, when 40 people died.",
         "The earthquake on Monday killed 12 people in the town."),
        # a total and a part of it: worldwide, a whole, a department
        ("Norvik will cut 200 jobs in Poland.", "Norvik will cut 900 jobs worldwide."),
        ("Staff counted 40 bats in the east wing of the castle.",
         "The castle as a whole counted 95 bats."),
        ("Forty jobs will go in the city's housing department.",
         "The city council will cut 150 jobs in total."),
    ],
)  # fmt: skip
def test_figures_of_another_group_or_time(a: str, b: str) -> None:
    assert evidence_both_ways(a, b, "numeric") == {False}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Norvik will cut 200 jobs.", "Norvik will cut 900 jobs worldwide."),  # no part named
        ("The earthquake in 1998 killed 40 people in the town.",
         "The town was last hit by an earthquake in 1998, when 12 people died."),  # one year
    ],
)  # fmt: skip
def test_figures_that_still_clash(a: str, b: str) -> None:
    assert evidence_both_ways(a, b, "numeric") == {True}


# ------------------------------------------------------------------- one journey, two ways


@pytest.mark.parametrize(
    ("a", "b", "route"),
    [
        ("The cargo ship sailed from Brevik last week and is due to dock at Port Amsel on Monday.",
         "The cargo ship arrived in Brevik on Monday after a voyage from Port Amsel.",
         ("Brevik", "Port Amsel")),
        ("The ferry left Port Lyle at dawn bound for the island of Inchmore.",
         "The ferry had departed from Inchmore and was heading for Port Lyle.",
         ("Port Lyle", "Inchmore")),
        ("Flight 212 flew from Oslo to Rome on Monday.",
         "Flight 212 flew from Rome to Oslo on Monday.", ("Oslo", "Rome")),
    ],
)  # fmt: skip
def test_one_journey_told_both_ways(a: str, b: str, route: tuple[str, str]) -> None:
    assert route_swap(a, b) == route
    assert evidence_both_ways(a, b, "roles") == {True}
    assert feature_both_ways(a, b, "order_swap") == {1.0}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a route in a name: two services
        ("The train from Leeds to York was cancelled.", "The train from York to Leeds ran."),
        # two journeys: other days, or a way back
        ("Flight 212 flew from Oslo to Rome on Monday.",
         "Flight 212 flew from Rome to Oslo on Friday."),
        ("The team flew from Oslo to Rome.", "The team returned from Rome to Oslo."),
        # the same way round
        ("The ferry left Port Lyle bound for Inchmore.",
         "The ferry had departed from Port Lyle and was heading for Inchmore."),
        ("The strike ran from Monday to Friday.", "The strike ran from Friday to Monday."),
    ],
)  # fmt: skip
def test_journeys_not_told_both_ways(a: str, b: str) -> None:
    assert route_swap(a, b) is None
    assert route_swap(b, a) is None


# ------------------------------------------------------ how long, and a figure among others


@needs_parse
def test_how_long_told_by_a_past_form_and_for() -> None:
    assert evidence_both_ways(
        "The warehouse fire burned for six hours.",
        "The warehouse fire burned for forty minutes.",
        "numeric",
    ) == {True}
    # one length in two units, and two things that lasted
    assert evidence_both_ways(
        "The warehouse fire burned for six hours.",
        "The warehouse fire burned for 360 minutes.",
        "numeric",
    ) == {False}
    assert evidence_both_ways(
        "The bridge was closed for six hours.", "The road was closed for two hours.", "numeric"
    ) == {False}


def test_a_rounded_figure_among_the_others_figures_is_rewritten() -> None:
    a = "The organisers said 9,500 runners had started the race, a record."
    b = "9,468 runners started the race and 8,902 finished, the organisers said."
    found = agreeing_swap(a, b)
    assert found is not None
    assert (found.a_value, found.b_value) == ("9,500", "9,468")
    assert found.text == b.replace("9,468", "9,500")
    # two figures that cannot both be true are no agreement, and neither is a figure of
    # which the other claim names nothing
    assert agreeing_swap(a, "9,100 runners started the race and 8,902 finished.") is None
    assert agreeing_swap("The race drew 9,500 entries.", b) is None
