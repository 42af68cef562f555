"""One thing said to be one way and its opposite, in claims worded apart."""

from __future__ import annotations

import pytest

from conflictscan._aggregation import FLOOR_BLOCKERS, PREDICATE_CLASH_FLOOR, Combiner
from conflictscan.signals import compare, features
from conflictscan.signals._predicates import PREDICATE_SCORE, predicate_clash
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        # a verb of outcome, active against passive, with the same doers
        (
            "Members rejected the pay offer by a wide margin.",
            "The pay offer was approved by members on Thursday.",
            ("rejected", "approved"),
        ),
        (
            "The Harlow merger was blocked by regulators.",
            "Regulators cleared the Harlow merger without conditions.",
            ("blocked", "cleared"),
        ),
        # a word and its "un" form, said in a report or not
        (
            "The sculpture was sold to a museum in Ghent.",
            "The sculpture remains unsold after the auction.",
            ("sold", "unsold"),
        ),
        (
            "Officials said the tap water was safe to drink.",
            "Residents were told the tap water was unsafe to drink.",
            ("safe", "unsafe"),
        ),
        # a price is not what a thing is sold for
        (
            "The carved chest was sold for $40,000 to a dealer.",
            "The carved chest went unsold after the sale.",
            ("sold", "unsold"),
        ),
        (
            "The new stand went unsold for months.",
            "The new stand was sold in March.",
            ("unsold", "sold"),
        ),
        # states said in one tense; a state going on since a moment is no moment
        (
            "The consulate remains open.",
            "The consulate has been closed since Monday.",
            ("open", "closed"),
        ),
        (
            "The ferry's captain was sober, according to the port authority.",
            "The ferry's captain was drunk, a crew member told reporters.",
            ("sober", "drunk"),
        ),
        (
            "Investigators said the cockpit voice recorder was intact.",
            "The cockpit voice recorder was badly damaged in the crash, investigators said.",
            ("intact", "damaged"),
        ),
        # said in a "that" clause, and a state said as a noun
        (
            "The court found that the dismissal was lawful.",
            "The tribunal ruled that the dismissal was unlawful.",
            ("lawful", "unlawful"),
        ),
        (
            "The sketch was declared genuine by experts in 2019.",
            "Experts concluded in 2019 that the sketch was a fake.",
            ("genuine", "fake"),
        ),
        # a description that cannot hold both ways
        (
            "The witness said the attacker was tall.",
            "The witness described the attacker as short.",
            ("tall", "short"),
        ),
        # two colours, one said through "described … as"
        (
            "The witness said the van was red.",
            "The witness described the van as blue.",
            ("red", "blue"),
        ),
        (
            "The treatment proved ineffective in a trial of 400 patients.",
            "The treatment was effective in a trial of 400 patients.",
            ("ineffective", "effective"),
        ),
        # a verb and its particle that name an outcome
        (
            "The dockers' union accepted the port's revised pay offer on Monday.",
            "The dockers' union turned down the port's revised pay offer on Monday.",
            ("accepted", "turned down"),
        ),
        (
            "Voters approved the measure.",
            "Voters turned the measure down.",
            ("approved", "turned down"),
        ),
    ],
)
def test_opposite_words_of_one_thing_clash(a: str, b: str, words: tuple[str, str]) -> None:
    assert predicate_clash(a, b) == predicate_clash(b, a) == 1.0
    assert features(a, b)["predicate_clash"] == 1.0
    [found] = [e for e in compare(a, b) if e.kind == "opposite"]
    assert found.score == PREDICATE_SCORE and (found.a_value, found.b_value) == words


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two things of one kind, or a part of a group
        ("The north gate was closed.", "The south gate was open."),
        ("Her first application was rejected.", "Her second application was approved."),
        ("The painting was sold for $12 million.", "Two other paintings went unsold."),
        ("Two hostages were injured.", "The hostages were unhurt."),
        # two doers, or a doer named on one side only
        ("The Senate approved the bill.", "The House rejected the bill."),
        ("The appeal court upheld the ruling.", "The supreme court overturned the ruling."),
        ("The committee approved the plan.", "The plan was rejected."),
        # two moments, two tenses, or a state said at one moment of several
        ("The shop was closed on Sunday.", "The shop was open on Monday."),
        ("The road was closed.", "The road is open."),
        (
            "The patient was conscious when he arrived at hospital.",
            "The patient was unconscious at the scene.",
        ),
        ("The road reopened.", "The road was closed."),
        # said with other complements
        (
            "The president was unavailable for comment.",
            "The president was available for talks.",
        ),
        ("The vote was peaceful in the capital.", "The vote was violent in the north."),
        # negated, hedged, seeming, or a change
        ("The proposal was not approved.", "The proposal was rejected."),
        ("The plan could be illegal.", "The plan is legal."),
        ("Residents said they felt unsafe.", "The area is safe."),
        ("The court asked whether the dismissal was lawful.", "The dismissal was unlawful."),
        ("The sky turned red.", "The sky was blue."),
        # more than one word said of it, or a word in a description
        ("The car was red and white.", "The car was white."),
        ("The building was full of smoke.", "The building was empty."),
        ("The company was short of cash.", "The company was rich."),
        ("The suspect was tall.", "The suspect's brother was short."),
        ("A red car was seen.", "A blue car was seen."),
        # what an outcome is for, or a thing of another time
        ("Regulators approved the drug for adults.", "Regulators rejected the drug for children."),
        ("The drug is approved in Europe.", "The drug is rejected in Canada."),
        ("The driver was unhurt.", "The driver was injured in a previous crash."),
        # "un" before a verb is no opposite
        ("The statue was unveiled.", "The statue was veiled."),
        # a particle that names no outcome, or another thing turned down
        ("The union accepted the offer.", "Police turned down the music."),
        ("The union accepted the offer.", "The union turned down a second offer."),
    ],
)
def test_other_pairs_are_no_predicate_clash(a: str, b: str) -> None:
    assert predicate_clash(a, b) == 0.0 and predicate_clash(b, a) == 0.0


def test_a_claim_that_says_both_is_read_as_neither() -> None:
    a = "The east bridge is open and the east bridge is closed."
    assert predicate_clash(a, "The east bridge is open.") == 0.0
    b = "The results were positive for the first group and negative for the second."
    assert predicate_clash(b, "The results were negative.") == 0.0


def test_no_parse_reads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsing, "is_available", lambda: False)
    assert predicate_clash("The hall is unsafe.", "The hall is safe.") == 0.0


def test_combiners_keep_a_predicate_clash_at_its_floor_unless_the_times_differ() -> None:
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=-5.0, means={}, scales={})
    low = {"lc_max": -6.0}
    assert combiner.predict({**low, "predicate_clash": 1.0}) == PREDICATE_CLASH_FLOOR
    for blocker in FLOOR_BLOCKERS:
        assert combiner.predict({**low, "predicate_clash": 1.0, blocker: 1.0}) < 0.01
