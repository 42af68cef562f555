"""Subjects read from the parse: different things of one kind, and one thing said twice."""

from __future__ import annotations

import pytest

from conflictscan import Sentence
from conflictscan.signals import compare, features
from conflictscan.signals._places import distance_clash, place_clash
from conflictscan.signals._regions import _apart, region
from conflictscan.signals._subjects import other_group, subject, subject_contrast
from conflictscan.signals._views import subject_view
from conflictscan.text import _parsing as parsing
from conflictscan.text import split_attribution

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The eastern runway was shut for resurfacing.", "The western runway stayed open."),
        ("The health minister resigned on Friday.", "The energy minister will stay on."),
        ("Imports from Velka rose 9 percent.", "Imports from Tarsk fell 2 percent."),
        ("The girls' squad won the regional title.", "The boys' squad lost in the semi-final."),
        ("Merrow Airways will cut 300 jobs.", "Dalby Freight will cut 120 jobs."),
        # A name before its kind is a name as a whole.
        ("The Green party won 12 seats.", "The Civic Forum won 30 seats."),
        # Of two regions or countries that cannot be one place, whatever the head.
        ("Ohio's legislature approved the tax cut.", "Texas lawmakers rejected the tax cut."),
        # One word each of their own beside words both share.
        ("The mayor's older sister won the seat.", "The mayor's younger sister lost the seat."),
        # A name or a common word after one preposition ("the euro area" is no town).
        ("Unemployment in the euro area fell.", "Unemployment in Norway rose."),
        # A shared title is no shared name.
        ("Judge Halvorsen granted bail.", "Judge Ekberg granted bail."),
        ("Senator Imre Vass voted for the bill.", "Senator Dora Pap voted against it."),
        # "failed to qualify" does what "qualified" does.
        (
            "Tomas Berger qualified for the final of the men's 400 metres.",
            "Piet Haller failed to qualify for the final of the men's 400 metres.",
        ),
    ],
)
def test_different_things_of_one_kind_contrast(a: str, b: str) -> None:
    assert subject_contrast(a, b) == 1.0
    assert features(a, b)["subject_contrast"] == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # One thing, two reports: the conflict is in the predicate.
        ("The eastern runway was shut on Monday.", "The eastern runway was open on Monday."),
        ("At least 14 people were killed in the blast.", "Nine people were killed in the blast."),
        # One side describes more: not two different things.
        ("The new coastal bridge is closed.", "The bridge is open."),
        # Describing words in different roles may say the same thing.
        ("Trade between the two states grew 6 percent.", "Bilateral trade grew 4 percent."),
        # A name against a common word may be the same place.
        ("The road through Ambel was closed.", "The road through the town stayed open."),
        ("Turnout in the province was 61 percent.", "Turnout in Vesterby was 48 percent."),
        # Different names with different verbs: often one event told twice.
        ("Riverton won the final 2-1.", "Castlemere lifted the trophy after a 2-1 win."),
        # One titled person, named more or less fully.
        ("Judge Halvorsen granted bail.", "The judge granted bail on Friday."),
        ("Coach Ivar Lund was sacked.", "Coach Lund was sacked on Monday."),
        # Pronouns and counts say nothing about who.
        ("She resigned on Tuesday.", "The minister is still in office."),
        ("Two of the wounded were discharged.", "Four of the wounded were discharged."),
        # A town may lie in the other's region.
        ("Ohio's legislature approved the tax cut.", "Columbus officials rejected the tax cut."),
        # One name written in two places of the phrase.
        (
            "The Central Bank of Marovia raised its main rate on Thursday.",
            "Marovia's central bank cut interest rates on Thursday.",
        ),
    ],
)
def test_one_thing_or_unknown_does_not_contrast(a: str, b: str) -> None:
    assert subject_contrast(a, b) == 0.0


def test_subject_of_the_main_clause_is_read_through_auxiliaries() -> None:
    found = subject("The northern ferry terminal was closed by the storm.")
    assert found is not None
    assert found.head == "terminal"
    assert {word for _, word in found.describing} == {"northern", "ferry"}
    assert found.verb == "close"


def test_no_subject_without_text() -> None:
    assert subject("   ") is None


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("All nine were freed on Monday.", "The others held at the camp were freed on Monday.", 1),
        ("Two other nurses were suspended.", "The head nurse was dismissed.", 1),
        ("The rest of the crew were rescued.", "Six sailors were rescued.", 1),
        ("The other nurses were suspended.", "The others were suspended.", 0),
        ("Six sailors were rescued.", "Four sailors were rescued.", 0),
        # One claim tells of another matter.
        (
            "Judge Ferrand rejected the request for bail.",
            "In a separate hearing, Judge Ferrand granted the request for bail.",
            1,
        ),
        ("The warehouse fire was put out.", "In another incident, a warehouse fire spread.", 1),
        # Another one of its kind: the next, the return, a second one.
        ("The ferry left Skarholm at noon.", "The next ferry left Skarholm at two.", 1),
        ("The charter flight landed late.", "The return flight landed on time.", 1),
        ("A blast shook the depot.", "A second blast shook the depot.", 1),
        ("The march was peaceful.", "A separate march in Dorn turned violent.", 1),
        ("The mayor signed the permit.", "The mayor signed a second permit.", 1),
        # A second week of one strike is no second strike.
        ("The bus strike ended on Monday.", "The bus strike entered its second week.", 0),
        ("The next ferry is full.", "The next ferry is half empty.", 0),
        # A word after the head is no such mark.
        ("The ferry sailed on.", "The ferry following the storm sailed on.", 0),
        (
            "In a separate case, the port's harbour master was jailed.",
            "In a separate case, the port's pilot was jailed.",
            0,
        ),
    ],
)
def test_other_group_sets_one_group_apart(a: str, b: str, expected: int) -> None:
    assert other_group(a, b) == float(expected)
    assert features(a, b)["other_group"] == float(expected)


def test_prefetch_reads_many_claims_in_one_parser_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    from conflictscan.signals import _subjects

    calls: list[int] = []
    real = parsing.parse

    def counting(texts, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(len(texts))
        return real(texts, **kwargs)

    monkeypatch.setattr(parsing, "parse", counting)
    claims = [f"The depot number {k} in Ostrel was closed on Monday." for k in range(5)]
    _subjects.prefetch([*claims, claims[0]])
    assert calls == [5]
    assert all(subject(c) is not None for c in claims)
    assert calls == [5]  # read from the cache


def test_overlong_claims_have_no_subject() -> None:
    from conflictscan.signals._subjects import MAX_PARSE_CHARS

    long_claim = "The bridge " + "and the road " * (MAX_PARSE_CHARS // 10) + "was closed."
    assert subject(long_claim) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The blaze broke out in a warehouse in Ghent.",
            "The blaze broke out in a warehouse in Bruges.",
        ),
        ("The treaty will be signed in Bergen.", "The treaty will be signed in Turku."),
        # The same action in other words, and a region of another country.
        ("Dario Fenn was arrested in Malaga.", "Dario Fenn was detained in Lyon."),
        ("The plant will be built in Ohio.", "The plant will be built in Mexico."),
        (
            "The injured rider was flown to a clinic in Graz.",
            "The injured rider was flown to Bern.",
        ),
        # What the action is done to: object of an active verb, subject of a passive one.
        (
            "Coastguard helicopters flew the four fishermen to Stavanger.",
            "The four fishermen were airlifted to Bergen.",
        ),
        (
            "Border guards detained the smuggler at the crossing near Narva.",
            "The smuggler was arrested in Tallinn.",
        ),
        # A place on the object ("its plant in Ohio"), and a name set beside the subject.
        (
            "The carmaker will build its new assembly plant in Ohio.",
            "The new assembly plant will be built in Mexico.",
        ),
        (
            "Its former chairman, Lukas Brenner, was arrested in Graz.",
            "Lukas Brenner, its former chairman, was detained in Linz.",
        ),
        # A verb and its object that name one action: "take place" is "be held", "stand
        # trial" is "the trial is held", "hold talks" is "meet".
        ("The summit will take place in Veldhaven.", "The summit will be held in Castrel."),
        ("Varga will stand trial in Pecs.", "The trial will be held at the court in Gyor."),
        ("The two leaders met in Turku.", "The two leaders held talks in Oulu."),
        # "happened", "occurred" and "took place" tell one event; "identified" is "detected"
        ("The explosion happened in Vardo.", "The explosion took place in Hamar."),
        (
            "The first case was detected at a care home in Lunde County.",
            "The first case was identified at a school in Brekke County.",
        ),
    ],
)
def test_one_event_in_two_places_is_a_place_conflict(a: str, b: str) -> None:
    assert place_clash(a, b) is not None
    assert [e.kind for e in compare(a, b)] == ["place"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # A town and the country it may lie in.
        ("The treaty will be signed in Geneva.", "The treaty will be signed in Switzerland."),
        ("The plant will be built in Ohio.", "The plant will be built in the United States."),
        # Different things happening in different places.
        ("The northern bridge was closed in Arlon.", "The southern bridge was closed in Namur."),
        ("The blaze broke out in Ghent.", "The minister flew to Bruges."),
        # One place, named more or less fully.
        ("The talks were held in Nairobi.", "The talks were held at a hotel in Nairobi."),
        # One actor doing the same to two different people or groups.
        ("Police arrested the driver in Split.", "Police arrested the passenger in Zadar."),
        (
            "Coastguard helicopters flew the four fishermen to Stavanger.",
            "Coastguard helicopters flew the two hikers to Bergen.",
        ),
        # "Take place" names the subject's own event: two events, two places.
        ("The concert took place in Tartu.", "The festival will take place in Parnu."),
        ("The ministers held talks in Turku.", "The ministers held a briefing in Oulu."),
        # Two people of one family name.
        ("Police arrested Marta Kovac in Split.", "Her brother, Ivo Kovac, was detained in Zadar."),
    ],
)
def test_no_place_conflict_without_one_event_in_two_places(a: str, b: str) -> None:
    assert place_clash(a, b) is None


def test_parallel_figures_for_two_places_are_not_a_place_conflict() -> None:
    a, b = "Rents rose 4 percent in Leeds.", "Rents rose 7 percent in Derby."
    assert place_clash(a, b) is not None  # the parse alone sees one event in two places
    assert not [e for e in compare(a, b) if e.kind == "place"]


def test_place_evidence_names_both_places() -> None:
    (found,) = compare("The blaze broke out in Ghent.", "The fire broke out in Bruges.")
    assert (found.kind, found.a_value, found.b_value) == ("place", "Ghent", "Bruges")
    assert "Ghent vs Bruges" in found.note


def test_region_tells_countries_and_regions_from_towns() -> None:
    assert region("switzerland") == ("country", "CH")
    assert region("ohio") == ("subdivision", "US")
    assert region("europe") == ("broad", "")
    assert region("ghent") is None
    # A city that is a subdivision of its own is a town of a known country.
    assert region("leeds") == ("town", "GB")


@pytest.mark.parametrize(
    ("x", "y", "apart"),
    [
        ("leeds", "london", True),  # two towns
        ("leeds", "manchester", True),
        ("leeds", "derby", True),  # a region with no parts, not the town's
        ("leeds", "france", True),  # another country
        ("leeds", "england", False),  # the region the town lies in
        ("leeds", "uk", False),
        ("kyiv", "ukraine", False),
    ],
)
def test_a_city_that_is_a_subdivision_is_read_as_a_town(x: str, y: str, apart: bool) -> None:
    assert _apart(x, y) is apart and _apart(y, x) is apart


def test_one_arrest_in_two_cities_is_a_place_clash() -> None:
    a = "The suspect was arrested at his home in Leeds."
    b = "The suspect was arrested at an airport in London."
    [found] = [e for e in compare(a, b) if e.kind == "place"]
    assert (found.a_value, found.b_value) == ("Leeds", "London")


def _claim(text: str) -> Sentence:
    return split_attribution(text, method="parse")


@pytest.mark.parametrize(
    ("text", "view"),
    [
        # A leading "it" or "they" is the speaker's own doing.
        (
            "The transport ministry said it would scrap the toll next year.",
            "The transport ministry would scrap the toll next year.",
        ),
        ("Coastguards said they had rescued six people.", "Coastguards had rescued six people."),
        # In a quote, "I" and "we" are the speaker.
        (
            '"We will close the Lund plant by June," Askvik\'s chairman said.',
            "Askvik's chairman will close the Lund plant by June",
        ),
        # Not after a plural speaker, and never "he", "she" or a possessive.
        ("Residents said it would flood again.", "it would flood again."),
        ("Varga said he would step down in May.", "he would step down in May."),
        (
            "Chief executive Ingrid Solm said its largest mill would close.",
            "its largest mill would close.",
        ),
    ],
)
def test_subject_view_reads_a_pronoun_as_the_speaker(text: str, view: str) -> None:
    assert subject_view(_claim(text)).lower() == view.lower()


def test_claims_said_of_two_speakers_contrast_through_the_pronoun() -> None:
    a = _claim("The health ministry said it would hire 4,000 nurses next year.")
    # "defence", in lower case, is a describing word even where the tagger calls it a name.
    b = _claim("The defence ministry said it would cut 4,000 posts next year.")
    assert features(a.content, b.content)["subject_contrast"] == 0.0  # "it" / "it"
    assert features(a, b)["subject_contrast"] == 1.0


def test_subject_view_without_a_usable_speaker_keeps_the_claim() -> None:
    assert subject_view(Sentence("it would rise.", 0, 14, speaker="  ")) == "it would rise."
    assert subject_view(Sentence("it would rise.", 0, 14)) == "it would rise."
    assert subject_view("it would rise.") == "it would rise."


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Roles swapped: the names are the same two, not two subjects of one kind.
        ("Harlow Foods acquired Pettit Dairy.", "Pettit Dairy acquired Harlow Foods."),
        # One deal told in two voices.
        ("Pettit Dairy was bought by Harlow Foods.", "Harlow Foods bought Pettit Dairy."),
    ],
)
def test_swapped_or_passive_roles_are_no_subject_contrast(a: str, b: str) -> None:
    assert subject_contrast(a, b) == 0.0
    assert subject_contrast(b, a) == 0.0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Sales at Dunmore rose by a quarter.", "Profits at Dunmore fell by a quarter.", 1),
        ("Exports grew 3 percent in May.", "Imports shrank 2 percent in May.", 1),
        # Sales and revenue are one measure.
        ("Sales rose 5 percent.", "Revenue fell 2 percent.", 0),
    ],
)
def test_two_measures_of_a_report_contrast(a: str, b: str, expected: int) -> None:
    assert subject_contrast(a, b) == float(expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("The new terminal cost $90 million.", "The old terminal cost $20 million.", 1),
        ("The former chairman backed the deal.", "The current chairman opposed the deal.", 1),
        # One side only, or a word of another kind: the same thing.
        ("The new levy takes effect in May.", "The levy takes effect in June.", 0),
        ("The new levy takes effect in May.", "The disputed levy takes effect in June.", 0),
    ],
)
def test_one_of_a_kind_told_from_another_by_its_time_contrasts(
    a: str, b: str, expected: int
) -> None:
    assert subject_contrast(a, b) == float(expected)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The tornado touched down near the town of Marlow shortly after 5 p.m.",
            "The tornado touched down in a field west of Dunby, about 35 miles south of Marlow.",
        ),
        (
            "The shooting happened in the car park of the Elmgate Centre.",
            "The shooting took place outside a pub, about three miles from the Elmgate Centre.",
        ),
    ],
)
def test_one_event_in_a_place_and_miles_from_it_is_a_place_conflict(a: str, b: str) -> None:
    assert distance_clash(a, b) is not None and distance_clash(b, a) is not None
    [found] = [e for e in compare(a, b) if e.kind == "place"]
    assert "miles" in found.note and "same event" in found.note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # near, and a few miles away
        ("The crash happened near Preston.", "The crash happened five miles north of Preston."),
        # a site named after the place, another event, another action
        ("The fire broke out at the Kelso depot.", "The fire broke out 30 km from Kelso."),
        ("The crash happened in Preston.", "A second crash happened 20 miles from Preston."),
        ("The plane landed in Oslo.", "The plane was diverted to Bergen, 300 miles from Oslo."),
    ],
)
def test_no_distance_clash_for_near_places_or_other_events(a: str, b: str) -> None:
    assert distance_clash(a, b) is None and distance_clash(b, a) is None
