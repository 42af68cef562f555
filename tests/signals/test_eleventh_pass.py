"""Readings fixed after an eleventh pass, on an eighth round of fresh dev pairs and stories:
a first or a record against one before it, a death against one sent home or stable, roles
swapped in a payment, a sale or a shooting, one person placed with two sides, a state that
went on and then ended, the two ends of one closure, and two attribution faults."""

from __future__ import annotations

import pytest

from conflictscan import Document, Scanner
from conflictscan.signals import compare
from conflictscan.signals._affiliations import affiliation_clash
from conflictscan.signals._money import money_evidence
from conflictscan.signals._precedents import precedent_clash, precedent_evidence
from conflictscan.signals._roles import role_reversal
from conflictscan.signals._states import state_clash
from conflictscan.signals._survival import survival_clash
from conflictscan.signals._swaps import swaps
from conflictscan.signals._verdicts import plea_and_verdict
from conflictscan.signals._wholes import adds_up
from conflictscan.text import _parsing as parsing
from conflictscan.text import split_attribution
from conftest import FakeEncoder, FakeScorer, evidence_both_ways, feature_both_ways

needs_parse = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


# ------------------------------------------------------------------ a first, one before it


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lena Fisk became the first woman to coach the Tarrow Hawks.",
         "Lena Fisk is the second woman to coach the Tarrow Hawks, after Ida Moen."),
        ("The 2.31-metre jump by Oskar Brede on Sunday was a new national record.",
         "Oskar Brede's 2.31-metre jump on Sunday fell short of the national record of 2.34 "
         "metres."),
        ("The Merrow Bridge is the longest bridge ever built in Kessland.",
         "A longer bridge was built across the Orne estuary in 1998, before the Merrow Bridge."),
        ("It was the first time the Orland Festival had been cancelled.",
         "The Orland Festival was last cancelled in 2003, because of flooding."),
        ("Kellby's only cinema closed on Sunday.",
         "The Regal, one of three cinemas in Kellby, closed on Sunday."),
        ("Nurses at Dorrow General staged the first strike in the hospital's history.",
         "Nurses at Dorrow General have now gone on strike three times, including this one."),
    ],
)  # fmt: skip
def test_a_first_or_record_against_one_before_it(a: str, b: str) -> None:
    assert precedent_clash(a, b) == precedent_clash(b, a) == 1.0
    assert feature_both_ways(a, b, "predicate_clash") == {1.0}
    assert evidence_both_ways(a, b, "opposite") == {True}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a first of a stretch of time is no first ever
        ("It was the first strike at the Fenner plant since 1998.",
         "Workers at the Fenner plant went on strike twice in the 1990s."),
        # a first told of, not claimed
        ("The first patient to receive the Kestor drug developed a rash.",
         "The second patient to receive the Kestor drug was unharmed."),
        # both claim the record
        ("Mara Velt set a new course record in Sunday's Arden race.",
         "Mara Velt set a new course record in the Arden race, beating the record set in 2019."),
        # two things: an earlier case of something else
        ("Brockhurst won the Arden Cup for the first time on Saturday.",
         "Orrick had already agreed to join Brockhurst's rivals before the final."),
        # "only" and "one of" counting different things
        ("The only road into Vell was blocked by the landslide.",
         "Engineers in Vell cleared one of two blocked drains on Wednesday."),
    ],
)  # fmt: skip
def test_firsts_that_stand(a: str, b: str) -> None:
    assert precedent_clash(a, b) == precedent_clash(b, a) == 0.0


def test_precedent_evidence_names_both_sides() -> None:
    [found] = precedent_evidence(
        "Tamsin Hale became the first woman to captain the Grayle rowing club.",
        "Tamsin Hale follows three other women who have captained the Grayle rowing club.",
    )
    assert found.kind == "opposite"
    assert found.a_value.startswith("the first woman")
    assert found.b_value == "follows three other"


# ------------------------------------------------------------------------- alive or not


@needs_parse
@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a count the other gives as the whole group ("the three climbers")
        ("Three climbers stranded on the Vorn glacier were rescued alive on Monday.",
         "Rescuers on Monday recovered the bodies of the three climbers stranded on the Vorn "
         "glacier."),
        ("The cyclist hit by a bus in Marden died at the scene.",
         "The cyclist hit by a bus in Marden was taken to hospital, where her condition was "
         "described as stable."),
        ("Former mayor Alvar Lind is in a serious but stable condition after a fall at home.",
         "Alvar Lind, the former mayor, died after a fall at his home."),
        ("Singer Ola Brandt was discharged from hospital on Monday after treatment for a chest "
         "infection.",
         "Singer Ola Brandt died in hospital on Monday while being treated for a chest "
         "infection."),
        # the other claim's role, with the name given aside
        ("Pilot Jonas Weir walked away from the crash with minor cuts.",
         "The pilot of the glider, named locally as Jonas Weir, was killed in the crash."),
    ],
)  # fmt: skip
def test_a_death_against_one_who_came_through(a: str, b: str) -> None:
    assert survival_clash(a, b) == survival_clash(b, a) == 1.0


@needs_parse
@pytest.mark.parametrize(
    ("a", "b"),
    [
        # sent home first, died days later: an update
        ("Ola Brandt was discharged from hospital on Monday.", "Ola Brandt died on Friday."),
        # "two of the climbers" is part of the group, not the group
        ("Two of the climbers on the Vorn glacier were rescued alive.",
         "Rescuers recovered the bodies of three climbers from the Vorn glacier."),
        # the name given aside is someone else's
        ("Pilot Jonas Weir walked away from the crash with minor cuts.",
         "The passenger, who flew with Jonas Weir, was killed in the crash."),
    ],
)  # fmt: skip
def test_no_death_clash(a: str, b: str) -> None:
    assert survival_clash(a, b) == survival_clash(b, a) == 0.0


# ------------------------------------------------------------------------- roles swapped


@needs_parse
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vello Foods will pay Arkton Labs $40 million to settle the dispute.",
         "Arkton Labs agreed to pay Vello Foods $40 million to settle the dispute."),
        ("Brenmoor Mining sold its zinc unit to Kestle Metals for $300 million.",
         "Kestle Metals sold its zinc business to Brenmoor Mining for $300 million."),
        ("Ivo Marsh shot Pete Lund outside a bar in Tolby.",
         "Pete Lund opened fire on Ivo Marsh outside a bar in Tolby."),
        ("The Rams came from behind to beat the Dunfield Hawks 88-80.",
         "The Dunfield Hawks held off a late charge from the Rams for an 88-80 win."),
    ],
)  # fmt: skip
def test_roles_swapped_in_more_frames(a: str, b: str) -> None:
    assert role_reversal(a, b) == role_reversal(b, a) == 1.0


@needs_parse
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vello Foods will pay Arkton Labs $40 million.",
         "Vello Foods agreed to pay Arkton Labs $40 million in March."),
        # two payments in two years
        ("Vello Foods paid Arkton Labs $5 million in 2019.",
         "Arkton Labs paid Vello Foods $5 million in 2021."),
    ],
)  # fmt: skip
def test_roles_kept(a: str, b: str) -> None:
    assert role_reversal(a, b) == role_reversal(b, a) == 0.0


# -------------------------------------------------------------------- one person, two sides


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Labour councillor Rhian Moss won the by-election in the Dale ward.",
         "Rhian Moss, standing for the Green Party, won the by-election in the Dale ward."),
        ("Ravi Soll, a spokesman for Tellan Water, said repairs would take a week.",
         "Repairs will take a week, said Ravi Soll, speaking for the regional regulator."),
        ("Kelso Town manager Mark Tilney, who left Ardwick Rovers last summer, criticised the "
         "referee.",
         "Ardwick Rovers boss Mark Tilney criticised the referee after the defeat."),
        ("The winner came from Dunmore City's Kofi Adjei in the 89th minute.",
         "Kofi Adjei, the Harbour Athletic forward, scored in the 89th minute."),
    ],
)  # fmt: skip
def test_one_person_placed_with_two_sides(a: str, b: str) -> None:
    assert affiliation_clash(a, b) is not None
    assert affiliation_clash(b, a) is not None
    assert evidence_both_ways(a, b, "identity") == {True}
    assert feature_both_ways(a, b, "identity_clash") == {1.0}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a party and an employer may both hold
        ("Labour councillor Rhian Moss spoke at the rally.",
         "Rhian Moss, a lawyer at Brant & Co, spoke at the rally."),
        # a party and a seat
        ("Conservative MP Helen Darby called for an inquiry.",
         "Helen Darby, the MP for Westbury, called for an inquiry."),
        # a former side is no side now
        ("Kelso Town manager Mark Tilney criticised the referee.",
         "Mark Tilney, the former Ardwick Rovers boss, criticised the referee."),
        # courts, not people
        ("Kenya's Supreme Court upheld the ban on Thursday.",
         "Uganda's Supreme Court struck down the ban on Thursday."),
        # role words, not sides
        ("Defence lawyer Dragana Ilic said her client would appeal.",
         "Lead counsel Dragana Ilic, a partner at Hesse Law, said the verdict would be appealed."),
        ("Union general secretary Greta Holm spoke at the rally.",
         "General secretary Greta Holm did not attend the rally."),
    ],
)  # fmt: skip
def test_one_side_or_none(a: str, b: str) -> None:
    assert affiliation_clash(a, b) is None
    assert affiliation_clash(b, a) is None


# ------------------------------------------------------------------ one sum, two amounts


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Brandt landscape sold at auction on Tuesday for £3.5 million.",
         "The Brandt landscape fetched about £500,000 at Tuesday's sale."),
        ("The Orrin stadium had cost 600 million dollars to build.",
         "The final bill for the Orrin stadium came to about one billion dollars."),
        ("The Kesworth lottery jackpot stood at 8.2 million pounds.",
         "A Kesworth couple scooped a lottery jackpot of just over £28 million."),
        ("Ivo Brandt raised about $310,000 for his campaign, less than half of his rival's total.",
         "Ivo Brandt raised roughly $720,000, most of it in small donations."),
        ("Dana Holt was ordered to repay the £40,000 she had taken from the Alder charity.",
         "Dana Holt had stolen around £4,000 from the Alder charity, all of which she must repay."),
    ],
)  # fmt: skip
def test_one_sum_told_as_two(a: str, b: str) -> None:
    for x, y in ((a, b), (b, a)):
        [found] = money_evidence(x, y)
        assert found.kind == "numeric"
    assert evidence_both_ways(a, b, "numeric") == {True}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one sum is a part of the other
        ("The Vell plant itself will cost 340 million dollars to build.",
         "The full cost of the Vell water scheme is 610 million dollars."),
        # a rate and a total
        ("Calder will pay $52 per share for Ferrovane.",
         "Calder will pay $4.2 billion for Ferrovane."),
        # a year on one side only: two fines
        ("Regulators fined Dunmore Chemicals $400,000 in 2019 over the leak.",
         "Dunmore Chemicals was fined $7.5 million over the leak."),
        # two sales of two things
        ("The Brandt landscape sold for £3.5 million.", "A Velde portrait sold for £500,000."),
        # a running total
        ("The Tarsa earthquake appeal raised 2 million dollars in its first week.",
         "Donations to the Tarsa earthquake appeal have since passed 9 million dollars."),
        # a difference, not a sum
        ("Dunmore Chemicals must pay 4.5 million dollars less than it was first ordered to.",
         "Dunmore Chemicals was ordered to pay 7.5 million dollars."),
        # a sum that agrees, rounded
        ("The Brandt landscape sold for £3.5 million.",
         "The Brandt landscape fetched about £3,480,000."),
    ],
)  # fmt: skip
def test_sums_that_can_both_hold(a: str, b: str) -> None:
    assert money_evidence(a, b) == money_evidence(b, a) == []


def test_parts_that_add_up_to_the_other_claims_sum() -> None:
    parts = "Tessema receives $30,000 for the win and a further $10,000 bonus for the record."
    total = "Tessema's prize money for the day totals $40,000, including a bonus for the record."
    assert adds_up(parts, total) and adds_up(total, parts)
    # the figure swap does not rewrite "$40,000" as "$30,000" for the model to read
    assert swaps(parts, total) == swaps(total, parts) == []
    assert evidence_both_ways(parts, total, "numeric") == {False}
    assert not adds_up("Ada Lind won $30,000 and $5,000.", "Ada Lind won $40,000.")


# ------------------------------------------------------------- one step after another


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ilse Varn, who had left the firm a month before the fire, denied any involvement.",
         "Ilse Varn was convicted of arson after a two-week trial."),
        ("Ilse Varn has always maintained her innocence.",
         "Ilse Varn was found guilty of arson on Friday."),
        ("The Court of Appeal has quashed the arson conviction of Ilse Varn.",
         "Ilse Varn was convicted of arson after a two-week trial."),
    ],
)  # fmt: skip
def test_a_denial_or_a_quashing_and_the_verdict_both_stand(a: str, b: str) -> None:
    assert plea_and_verdict(a, b) == plea_and_verdict(b, a) == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # an acquittal is not what was quashed
        ("The Court of Appeal has quashed the arson conviction of Ilse Varn.",
         "Ilse Varn was acquitted of arson."),
        # another defendant
        ("The Court of Appeal has quashed the arson conviction of Ilse Varn.",
         "Piet Dorn was convicted of arson after a two-week trial."),
        # the verdict is itself told on appeal
        ("The Court of Appeal has quashed the arson conviction of Ilse Varn.",
         "Ilse Varn's conviction for arson was upheld on appeal."),
    ],
)  # fmt: skip
def test_verdicts_that_do_not_follow_a_quashing(a: str, b: str) -> None:
    assert plea_and_verdict(a, b) == plea_and_verdict(b, a) == 0.0


# ----------------------------------------------------------------- a state, then its end


@needs_parse
def test_a_state_that_went_on_and_then_ended() -> None:
    going = "The fire at the Oxley mill was still burning on Monday morning."
    ended = "Crews declared the Oxley mill fire extinguished on Wednesday."
    assert state_clash(going, ended) == state_clash(ended, going) == 0.0
    # ended first, said to go on later: still a clash
    assert state_clash("The Oxley mill fire was extinguished on Monday.",
                       "The Oxley mill fire was still burning on Wednesday.") == 1.0  # fmt: skip


@needs_parse
def test_two_ends_of_one_closure_are_not_one_date() -> None:
    closed = "The Quay Street bridge closed to traffic on 3 May for repairs."
    reopened = "The Quay Street bridge reopened to traffic on 20 June after repairs."
    assert not [e for e in compare(closed, reopened) if e.kind == "date"]
    twice = compare(
        "The Quay Street bridge closed on 3 May.", "The Quay Street bridge closed on 10 May."
    )
    assert [e for e in twice if e.kind == "date"]


# ------------------------------------------------------------------------ attribution


@needs_parse
def test_a_report_with_its_own_complement_is_the_claim() -> None:
    found = split_attribution(
        "Tom Reyes, 31, admitted stealing the van from a yard in Corby, the court heard."
    )
    assert found.claim.startswith("Tom Reyes, 31, admitted stealing the van")
    assert found.speaker is None  # "heard" is no reporting verb: "We heard glass breaking"


@needs_parse
def test_reporting_someone_to_a_body_is_no_report() -> None:
    text = "Councillor Ada Brant has reported Mayor Ian Cole to the ethics panel over expenses."
    found = split_attribution(text)
    assert found.speaker is None
    assert found.claim == text


# ------------------------------------------------------------------------------ scan


@needs_parse
def test_scan_flags_a_first_against_one_before_it() -> None:
    a = "Dr Amara Osei's operation was the world's first successful windpipe transplant."
    b = "Surgeons elsewhere had already carried out two successful windpipe transplants."
    scanner = Scanner(scorer=FakeScorer(), encoder=FakeEncoder(), threshold=0.0)
    result = scanner.scan([Document(a, doc_id="a"), Document(b, doc_id="b")])
    (conflict,) = result.conflicts
    assert "opposite" in conflict.reasons
    assert conflict.confidence >= 0.5
