"""Tests for conflictscan.signals._compare: quantities, dates, denials, compare() and features()."""

from __future__ import annotations

from datetime import date, datetime
from importlib.util import find_spec

import pytest

from conflictscan import Evidence, InputError, Sentence
from conflictscan.signals import (
    FEATURE_NAMES,
    DateMention,
    Quantity,
    compare,
    denied_proposition,
    extract_dates,
    extract_quantities,
    features,
)
from conflictscan.text import _parsing as parsing
from conflictscan.text._surface_denials import surface_denial
from conftest import run_python

needs_text2num = pytest.mark.skipif(
    find_spec("text_to_num") is None, reason="text2num is not installed (number words)"
)

# ---------------------------------------------------------------------------------------
# extract_quantities
# ---------------------------------------------------------------------------------------

# text -> [(value, unit, category, qualifier), ...] for every quantity found
QUANTITY_CASES = [
    ("At least 30 people were killed in the blast.", [(30, "people", "dead", "at least")]),
    ("No one was hurt in the fire.", [(0, None, "injured", "exactly")]),
    ("Nobody died.", [(0, None, "dead", "exactly")]),
    ("There were no casualties.", [(0, None, "casualties", "exactly")]),
    ("No deaths have been reported so far.", [(0, None, "dead", "exactly")]),
    ("None of the 30 passengers was injured.", [(0, "passengers", "injured", "exactly")]),
    # A count of none in a denial, and people named before what happened to them.
    ("The army denied that any soldiers had been killed.", [(0, "soldiers", "dead", "exactly")]),
    ("No soldiers were killed.", [(0, "soldiers", "dead", "exactly")]),
    ("No soldiers are stationed there.", [(0, None, "troops", "exactly")]),
    ("The company reported a $142 million profit.", [(142e6, "$", "profit", None)]),
    ("The company posted a loss of $58 million.", [(58e6, "$", "loss", None)]),
    ("It lost $58m in the first quarter.", [(58e6, "$", "loss", None)]),
    ("Revenue reached €1.2bn.", [(1.2e9, "€", "revenue", None)]),
    ("The firm will cut 3,000 jobs.", [(3000, None, "jobs", None)]),
    ("Turnout was 62 per cent.", [(62, "%", "turnout", None)]),
    ("Inflation hit 9.1pc in June.", [(9.1, "%", "inflation", None)]),
    ("Some 40,000 people marched through Osterby.", [(40000, "people", "attendance", "about")]),
    ("Nearly 400 troops were deployed.", [(400, "troops", "deployed", "nearly")]),
    ("The blast killed at least 30 people and injured 12.", [
        (30, "people", "dead", "at least"),
        (12, None, "injured", None),
    ]),
    ("More than 200 protesters were arrested.", [(200, "protesters", "arrested", "more than")]),
    ("Up to 50 people are missing.", [(50, "people", "missing", "up to")]),
    ("About 1,250 votes were cast.", [(1250, None, "votes", "about")]),
    ("Fewer than 10 people were wounded.", [(10, "people", "injured", "fewer than")]),
    ("Exactly 17 people died.", [(17, "people", "dead", "exactly")]),
    ("Dozens of people were wounded.", [(20, "people", "injured", "at least")]),
    ("12 children were killed.", [(12, "children", "dead", None)]),
]  # fmt: skip

WORD_QUANTITY_CASES = [
    ("Thirty people died.", [(30, "people", "dead", None)]),
    ("Twelve children were killed.", [(12, "children", "dead", None)]),
    ("Two dozen were injured.", [(24, None, "injured", None)]),
    ("A dozen soldiers were wounded.", [(12, "soldiers", "injured", None)]),
    ("More than two hundred and fifty people were evacuated.", [
        (250, "people", "evacuated", "more than"),
    ]),
    ("Fifty-one people were arrested.", [(51, "people", "arrested", None)]),
]  # fmt: skip


def _shape(quantities: list[Quantity]) -> list[tuple[float, str | None, str | None, str | None]]:
    return [(q.value, q.unit, q.category, q.qualifier) for q in quantities]


@pytest.mark.parametrize(("text", "expected"), QUANTITY_CASES)
def test_extract_quantities(text: str, expected: list[tuple]) -> None:
    assert _shape(extract_quantities(text)) == [(float(v), u, c, q) for v, u, c, q in expected]


@needs_text2num
@pytest.mark.parametrize(("text", "expected"), WORD_QUANTITY_CASES)
def test_extract_quantities_number_words(text: str, expected: list[tuple]) -> None:
    assert _shape(extract_quantities(text)) == [(float(v), u, c, q) for v, u, c, q in expected]


@pytest.mark.parametrize(
    "text",
    [
        "A 30-year-old man was arrested on 5 May 2024.",
        "The meeting ended at 5 pm on March 3, 2024.",
        "In 2019 the law changed.",
        "The COVID-19 rules were lifted.",
        "Sales peaked in the 1990s and the 3rd plant closed.",
        "One of the suspects fled.",
    ],
)
def test_extract_quantities_skips_years_times_and_compounds(text: str) -> None:
    assert [q for q in extract_quantities(text) if q.category is not None] == []


@pytest.mark.parametrize("text", [t for t, _ in QUANTITY_CASES])
def test_quantity_offsets_round_trip(text: str) -> None:
    for quantity in extract_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text


def test_quantity_text_and_what_as_written() -> None:
    [quantity] = extract_quantities("Officials said at least 30 people were killed.")
    assert (quantity.text, quantity.what) == ("at least 30", "killed")
    assert quantity.describe() == "at least 30 dead"


def test_modifier_is_part_of_what() -> None:
    [quantity] = extract_quantities("The firm reported a net loss of $58 million.")
    assert quantity.what == "net loss"
    assert quantity.describe() == "$58 million loss"


def test_rounding_tolerance_follows_written_precision() -> None:
    billions, thousands, small = (
        extract_quantities(t)[0] for t in ("Sales hit $1.2bn.", "3,000 jobs", "31 people died")
    )
    assert billions.interval() == pytest.approx((1.151e9, 1.249e9))
    assert thousands.interval() == pytest.approx((2510, 3490))
    assert small.interval() == (31.0, 31.0)


def test_qualifier_intervals() -> None:
    at_least, up_to, about = (
        extract_quantities(t)[0]
        for t in ("At least 12 died.", "Up to 12 died.", "About 20 people died.")
    )
    assert at_least.interval() == (12.0, float("inf"))
    assert up_to.interval() == (0.0, 12.0)
    assert about.interval() == pytest.approx((18.0, 22.0))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The train carried about 200 passengers.", "About 150 passengers were on the train."),
        ("The carmaker is recalling 212,000 vehicles.", "It will recall about 190,000 vehicles."),
        ("Turnout was about 41 percent.", "Officials put turnout at better than 55 percent."),
    ],
)
def test_approximate_figures_a_reader_would_not_reconcile_clash(a: str, b: str) -> None:
    assert [e.kind for e in compare(a, b)] == ["numeric"]


def test_a_descending_pair_is_a_score_not_a_range() -> None:
    first, second = extract_quantities("The council vote was 31 to 24.")
    assert (first.value, first.upper, second.value) == (31.0, None, 24.0)


def test_ranges_are_one_quantity() -> None:
    [between] = extract_quantities("Between 10 and 12 people died.")
    assert (between.value, between.upper, between.qualifier) == (10.0, 12.0, "between")
    assert between.interval() == (10.0, 12.0) and between.describe() == "10 to 12 dead"
    assert compare("Between 10 and 12 people died.", "11 people died.") == []
    [evidence] = compare("Between 10 and 12 people died.", "20 people died.")
    assert (evidence.a_value, evidence.score) == ("10 to 12 dead", pytest.approx(0.7))


def test_clock_digits_and_bare_zeros_are_not_counts() -> None:
    assert extract_quantities("They boarded between 6:45 and 7:40.") == []
    assert compare("The flight left at 8:00.", "3 people died.") == []


def test_percentage_takes_a_linked_noun_only() -> None:
    [linked] = extract_quantities("Turnout stood at 71%.")
    [unlinked] = extract_quantities("It was found that 83% of beds were dirty.")
    assert (linked.what, unlinked.what) == ("turnout", None)


def test_parts_increments_and_changes_are_skipped() -> None:
    texts = (
        "12 died, including 3 children.",
        "Another 5 people died.",
        "5 more people died.",
        "Shares rose 5% and sales fell by 2%.",
        "The toll rose to 51, up from 48.",
    )
    assert [q.value for t in texts for q in extract_quantities(t)] == [12.0, 51.0]


def test_an_increment_does_not_hide_the_total() -> None:
    a = "No one was killed in the explosion."
    b = "The death toll from the explosion rose to 34 after rescuers found four more bodies."
    [evidence] = compare(a, b)
    assert evidence.note == "0 dead vs 34 dead"


def test_extract_quantities_rejects_non_string() -> None:
    with pytest.raises(InputError, match=r"text=b'30 dead' is a bytes; expected a str"):
        extract_quantities(b"30 dead")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# extract_dates
# ---------------------------------------------------------------------------------------


def test_weekday_and_event_words() -> None:
    closed, reopened = extract_dates("The bridge was closed on Monday and reopened on Wednesday.")
    assert (closed.text, closed.weekday, closed.event) == ("Monday", 0, "closed")
    assert (reopened.text, reopened.weekday, reopened.event) == ("Wednesday", 2, "reopened")
    assert closed.granularity == "weekday" and closed.date is None


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("The election will be held on 5 May 2024.", (2024, 5, 5, 6, "day", "election")),
        ("The plant shut on March 3, 2024 after the blast.", (2024, 3, 3, 6, "day", "shut")),
        ("He arrived on 2024-03-03.", (2024, 3, 3, 6, "day", "arrived")),
        ("The vote is on Tuesday, 12 March 2024.", (2024, 3, 12, 1, "day", "vote")),
        ("The talks began in May.", (None, 5, None, None, "month", "began")),
        ("The election was held in 2019.", (2019, None, None, None, "year", "election")),
    ],
)
def test_explicit_dates(text: str, fields: tuple) -> None:
    [mention] = extract_dates(text)
    got = (mention.year, mention.month, mention.day, mention.weekday)
    assert (*got, mention.granularity, mention.event) == fields
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister resigned yesterday.", date(2024, 3, 13)),
        ("It happened two days ago.", date(2024, 3, 12)),
        ("The vote was held on Monday.", date(2024, 3, 11)),
        ("The vote will be held on Monday.", date(2024, 3, 18)),
        ("The summit begins next Friday.", date(2024, 3, 15)),
    ],
)
def test_relative_dates_resolved_against_published(text: str, expected: date) -> None:
    [mention] = extract_dates(text, published="2024-03-14")  # a Thursday
    assert mention.relative and mention.date == expected


def test_relative_dates_without_published_keep_only_what_text_fixes() -> None:
    yesterday, monday = extract_dates("Yesterday's vote, held on Monday, failed.")
    assert yesterday.date is None and yesterday.hard_fields() == {}
    assert monday.hard_fields() == {"weekday": 0}


def test_coarse_relative_dates_keep_their_granularity() -> None:
    last_year, last_week = extract_dates(
        "Profits fell last year; the plant shut last week.", published=date(2024, 3, 14)
    )
    assert (last_year.year, last_year.month, last_year.granularity) == (2023, None, "year")
    assert last_week.granularity == "week" and last_week.hard_fields() == {}


def test_statement_dates_and_time_points_have_no_event() -> None:
    mentions = extract_dates("Police said on Tuesday that 12 people had died by Monday.")
    assert [(m.text, m.event) for m in mentions] == [("Tuesday", None), ("Monday", None)]


def test_phrasal_verbs_date_the_verb_with_its_particle() -> None:
    texts = (
        "The singer passed away on August 3.",
        "The minister stepped down on Monday.",
        "The plane touched down on Sunday.",
    )
    events = [extract_dates(text)[0].event for text in texts]
    assert events == ["passed away", "stepped down", "touched down"]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The warehouse fire began in the early hours of June 2.", "began"),
        ("The tremor hit shortly before dawn on Sunday.", "hit"),
        ("The tremor struck at 3:15 a.m. local time Sunday.", "struck"),
        ("Officers detained him in the small hours of Friday.", "detained"),
    ],
)
def test_a_time_of_day_before_the_date_does_not_take_the_verbs_place(text: str, event: str) -> None:
    assert extract_dates(text)[0].event == event


def test_a_time_of_day_lets_one_event_told_twice_clash() -> None:
    a = "The warehouse fire broke out on June 2, fire crews said."
    b = "The warehouse fire began in the early hours of June 9."
    assert "date" in [e.kind for e in compare(a, b)]


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        (
            "The union leader died on August 14 at a clinic in Montevideo.",
            "The union leader passed away in Montevideo on August 3.",
            True,
        ),
        ("The minister stepped down on Monday.", "The minister resigned on Friday.", True),
        # One particle, two events: "down" alone made these one event.
        ("The minister stepped down on Monday.", "The plane touched down on Sunday.", False),
        ("Checks were stepped up on Tuesday.", "The minister stepped down on Monday.", False),
    ],
)
def test_one_event_told_in_other_words_is_dated_once(a: str, b: str, clash: bool) -> None:
    assert ("date" in [e.kind for e in compare(a, b)]) is clash


def test_published_accepts_datetime_and_iso_timestamps() -> None:
    from_dt = extract_dates("He left yesterday.", published=datetime(2024, 3, 14, 9, 30))
    from_str = extract_dates("He left yesterday.", published="2024-03-14T09:30:00Z")
    assert from_dt == from_str and from_dt[0].date == date(2024, 3, 13)


def test_overlapping_date_matches_merge() -> None:
    [mention] = extract_dates("The last election was held in September 2024.")
    assert (mention.text, mention.year, mention.month) == ("in September 2024", 2024, 9)
    assert mention.event is None  # "the last election" is another election


def test_participle_count_is_about_the_main_verb() -> None:
    [quantity] = extract_quantities("3 people arrested at the march were charged.")
    assert (quantity.value, quantity.what) == (3.0, "charged")


def test_and_with_a_new_subject_ends_the_participle_search() -> None:
    # "died" is the count's own verb: "dozens were injured" has its own subject.
    dead, injured = extract_quantities("Nine people died and dozens were injured.")
    assert (dead.value, dead.category) == (9.0, "dead")
    assert injured.category == "injured"
    [held] = extract_quantities("3 people arrested and questioned overnight were released.")
    assert held.what == "released"


def test_the_start_or_end_of_a_month_is_that_month() -> None:
    [start] = extract_dates("The reservoir was 38 percent full at the start of March.")
    assert (start.text, start.month) == ("the start of March", 3)
    a = "The reservoir was only 38 percent full at the start of March."
    b = "After heavy rains, the reservoir had filled to 92 percent by September."
    assert features(a, b)["different_times"] == 1.0


def test_games_and_appearances_count_the_same_thing() -> None:
    (numeric,) = compare(
        "Ferri played 31 league games for Castell last season.",
        "Ferri made 27 appearances in the league last season.",
    )
    assert (numeric.a_value, numeric.b_value) == ("31 appearances", "27 appearances")


def test_remain_and_stayed_count_the_same_thing() -> None:
    pair = (
        "Fewer than 10,000 people remain in the town after the evacuation order.",
        "About 8,500 residents had stayed in the town despite the evacuation order.",
    )
    assert features(*pair)["numbers_compatible"] == 1.0
    assert not compare(*pair)


def test_modal_may_is_not_a_month() -> None:
    assert extract_dates("The company may sell the unit.") == []


@pytest.mark.parametrize(
    ("published", "message"),
    [
        ("14/03/2024", r"published='14/03/2024' is not an ISO date; expected 'YYYY-MM-DD'"),
        (20240314, r"published=20240314 is a int; expected an ISO date string"),
    ],
)
def test_extract_dates_rejects_bad_published(published: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        extract_dates("He left yesterday.", published=published)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# denied_proposition
# ---------------------------------------------------------------------------------------

DENIALS = [
    # the verdict before the report
    (
        'The palace dismissed as "pure fiction" reports that the king was seriously ill.',
        "the king was seriously ill",
    ),
    (
        "The minister dismissed reports that she was prepared to resign as 'absolute nonsense'.",
        "she was prepared to resign",
    ),
    (
        "He called reports that he was willing to step down 'absolute nonsense'.",
        "he was willing to step down",
    ),
    ("The ministry denied that troops had crossed the border.", "troops had crossed the border"),
    (
        "The company rejected claims that it had misled investors, a spokesman said.",
        "it had misled investors",
    ),
    ("There is no truth to reports that the factory will close.", "the factory will close"),
    ("A spokesman said it was false that the president was ill.", "the president was ill"),
    ("Reports that the dam has burst are not true, officials said.", "the dam has burst"),
    ("It is not true that the airport is closed.", "the airport is closed"),
    ("Smith flatly denied meeting the envoy.", "Smith was meeting the envoy"),
    ("She denied having met the envoy.", "She had met the envoy"),
    ("They flatly denied being involved in the attack.", "They were involved in the attack"),
    ("The minister denied he was willing to step down.", "he was willing to step down"),
    ("The army denied reports of a mutiny.", "there was a mutiny"),
    (
        "Officials on Tuesday dismissed as 'nonsense' reports that the talks had collapsed.",
        "the talks had collapsed",
    ),
    ("He described the claims that he took bribes as “completely false”.", "he took bribes"),
    (
        "A foreign ministry official characterized reports that the leader was willing to "
        'step down as "absolute nonsense," according to Reuters.',
        "the leader was willing to step down",
    ),
    (
        "An official described reports that the mayor had resigned as false.",
        "the mayor had resigned",
    ),
    (
        "The spokesman rebuffed suggestions that the cabinet was divided.",
        "the cabinet was divided",
    ),
]

NOT_DENIALS = [
    "The fighter denies claim and says organ-harvesting 'would bring in peanuts'.",
    "He did not deny reports that he would resign.",
    "He refused to deny that he would run.",
    "The minister denied the allegations.",
    "That is not true.",
    "The minister said she was prepared to resign.",
    "He called reports that he met the envoy last week.",
    "Reports say the dam has burst.",
]


@pytest.fixture(params=["parse", "surface"])
def denial_method(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a denial test with the dependency parse and with the surface-rule fallback."""
    if request.param == "surface":
        monkeypatch.setattr(parsing, "is_available", lambda: False)
    return str(request.param)


@pytest.mark.parametrize(("text", "proposition"), DENIALS)
def test_denied_proposition(text: str, proposition: str, denial_method: str) -> None:
    assert denied_proposition(text) == proposition


@pytest.mark.parametrize("text", NOT_DENIALS)
def test_not_a_denial(text: str, denial_method: str) -> None:
    assert denied_proposition(text) is None


@pytest.mark.skipif(not parsing.is_available(), reason="spaCy or its English model is absent")
@pytest.mark.parametrize(
    ("text", "proposition"),
    [
        # What a report noun's modifiers say is what is denied.
        ("The club denied takeover reports on Friday.", "there was a takeover"),
        ("The premier dismissed rumours of a snap election.", "there was a snap election"),
        ("An Argentinian newspaper debunked the racy story.", None),
        (
            "The ministry rejected media reports of a troop withdrawal.",
            "there was a troop withdrawal",
        ),
        # Headlines, where the parser takes the verb for a noun.
        ("Ministry rejects resignation reports", "there was a resignation"),
        ("Airline dismisses outage claims as baseless", "there was an outage"),
    ],
)
def test_denial_of_a_report_named_by_its_modifiers(text: str, proposition: str) -> None:
    assert denied_proposition(text) == proposition


def test_surface_denial_locates_the_denial() -> None:
    text = "The army denied reports of a mutiny."
    assert surface_denial(text) == (9, "there was a mutiny")
    assert surface_denial("The minister denied the allegations.") == (13, None)
    assert surface_denial("The minister said she would resign.") is None


def test_denied_proposition_uses_a_normalised_sentence() -> None:
    text = "Reports that the dam burst are untrue, the governor said."
    sentence = Sentence(text, 0, len(text), claim="x", denial=True, denied="the dam burst")
    assert denied_proposition(sentence) == "the dam burst"


def test_denied_proposition_reads_the_full_sentence_text() -> None:
    text = "The minister denied that she would resign."
    sentence = Sentence(text, 0, len(text), claim="she would resign")
    assert denied_proposition(sentence) == "she would resign"


def test_denied_proposition_rejects_other_types() -> None:
    with pytest.raises(InputError, match=r"sentence_or_text=42 is a int; expected a Sentence"):
        denied_proposition(42)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# compare: conflicts
# ---------------------------------------------------------------------------------------

# (a, b, kind, a_value, b_value, score)
CONFLICTS = [
    ("At least 30 people were killed in the blast.", "No one was hurt in the blast.",
     "numeric", "at least 30 dead", "0 injured", 0.8),
    ("Nobody died in the fire.", "3 people died in the fire.",
     "numeric", "0 dead", "3 dead", 0.9),
    ("There were no casualties.", "Dozens of people were wounded.",
     "numeric", "0 casualties", "at least 20 injured", 0.8),
    ("The company reported a $142 million profit.", "The company posted a $58 million loss.",
     "numeric", "$142 million profit", "$58 million loss", 0.85),
    ("The firm made a net profit of $5m.", "The firm made a net loss of $2m.",
     "numeric", "$5 million profit", "$2 million loss", 0.85),
    ("The bank made a profit of $12 million.", "The bank reported a net loss of $3 million.",
     "numeric", "$12 million profit", "$3 million loss", 0.6),
    ("12 people died in the crash.", "20 people died in the crash.",
     "numeric", "12 dead", "20 dead", 0.9),
    ("At least 12 people died.", "10 people died.", "numeric", "at least 12 dead", "10 dead", 0.7),
    ("More than 200 people were arrested.", "Police arrested 150 people.",
     "numeric", "more than 200 arrested", "150 arrested", 0.7),
    ("3,000 jobs will go.", "4,000 jobs will go.", "numeric", "3,000 jobs", "4,000 jobs", 0.8),
    # Turnout is outside the built-in tables, but the two sentences word it alike: full score.
    ("Turnout was 62%.", "Turnout was 58%.", "numeric", "62% turnout", "58% turnout", 0.9),
    # Prison terms in years or months; passengers are counted aboard.
    ("Kessler was sentenced to nine years in prison.", "Kessler was jailed for 30 months.",
     "numeric", "9 years prison term", "2.5 years prison term", 0.9),
    ("The coach was carrying 48 passengers when it overturned.",
     "The coach had 39 passengers and two drivers on board.",
     "numeric", "48 aboard", "39 aboard", 0.9),
    # Costs are compared; a named group cannot outnumber the people counted in the same words.
    ("The bridge will cost 40 million crowns.", "The bridge will cost 90 million crowns.",
     "numeric", "40 million crowns cost", "90 million crowns cost", 0.8),
    ("30 people attended the rally in the square.",
     "Some 80 students attended the rally in the square.", "numeric", "30 people",
     "about 80 students", 0.7),
    # In a built-in category the wording may differ: more passengers than people aboard.
    ("More than 200 passengers were on board the ferry when it sank.",
     "The ferry was carrying 85 people, the coastguard said.",
     "numeric", "more than 200 aboard", "85 aboard", 0.7),
    ("The vote is on Tuesday.", "The vote is on Thursday.",
     "date", "Tuesday", "Thursday", 0.75),
    # A clock time between the verb and the day still dates the verb; one event in two words.
    ("The strike began at 10 p.m. on Sunday.", "The walkout began at 4 a.m. on Monday.",
     "date", "Sunday", "Monday", 0.75),
    ("The fire broke out on Sunday afternoon.", "The blaze started late on Monday morning.",
     "date", "Sunday", "Monday", 0.75),
    ("The two engineers were kidnapped on Friday.", "The engineers were seized on Saturday.",
     "date", "Friday", "Saturday", 0.75),
    ("The summit will take place on 5 May.", "The summit will take place on 7 May.",
     "date", "5 May", "7 May", 0.8),
    ("The election was held in 2019.", "The election was held in 2020.",
     "date", "in 2019", "in 2020", 0.7),
    ("The vote is on 12 March 2024.", "The vote is on Thursday.",
     "date", "12 March 2024", "Thursday", 0.8),
    ("The plant closed on 3 March 2024.", "The plant closed on 5 March 2024.",
     "date", "3 March 2024", "5 March 2024", 0.85),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b", "kind", "a_value", "b_value", "score"), CONFLICTS)
def test_compare_flags_conflict(
    a: str, b: str, kind: str, a_value: str, b_value: str, score: float
) -> None:
    evidence = compare(a, b)
    assert evidence, f"expected a {kind} conflict"
    top = evidence[0]
    assert (top.kind, top.a_value, top.b_value) == (kind, a_value, b_value)
    assert top.score == pytest.approx(score)
    assert top.note.startswith(f"{a_value} vs {b_value}")


@needs_text2num
def test_compare_number_words_against_digits() -> None:
    [evidence] = compare("Thirty people died in the fire.", "Nobody died in the fire.")
    assert evidence.note == "30 dead vs 0 dead" and evidence.score == pytest.approx(0.9)
    [evidence] = compare("No one was hurt.", "One person was injured.")
    assert evidence.note == "0 injured vs 1 injured" and evidence.score == pytest.approx(0.9)


def test_compare_is_symmetric_in_values() -> None:
    [forward] = compare("12 people died.", "20 people died.")
    [backward] = compare("20 people died.", "12 people died.")
    assert (forward.a_value, forward.b_value) == (backward.b_value, backward.a_value)
    assert forward.score == backward.score


def test_sign_conflict_is_named_in_the_note() -> None:
    [evidence] = compare("It made a $142 million profit.", "It made a $58 million loss.")
    assert evidence.note.endswith("(profit vs loss)")


def test_relative_dates_conflict_only_with_published() -> None:
    a, b = "The minister resigned yesterday.", "The minister resigned on Monday."
    assert compare(a, b) == []
    [evidence] = compare(a, b, published_a="2024-03-14", published_b="2024-03-14")
    assert (evidence.kind, evidence.a_value, evidence.b_value) == ("date", "yesterday", "Monday")


def test_denial_of_an_asserted_proposition() -> None:
    a = "She dismissed reports that she was prepared to resign as 'absolute nonsense'."
    b = "She was prepared to resign, aides said."
    [evidence] = compare(a, b)
    assert (evidence.kind, evidence.a_value) == ("denial", "she was prepared to resign")
    assert evidence.score == pytest.approx(0.6)
    [reverse] = compare(b, a)
    assert reverse.b_value == "she was prepared to resign"


def test_crowd_sizes_are_one_count() -> None:
    # A crowd, its spectators and the attendance count the same people.
    [clash] = compare("The final drew a crowd of 61,000.", "Some 48,500 spectators watched it.")
    assert (clash.kind, clash.score) == ("numeric", pytest.approx(0.7))
    assert compare("A crowd of 61,000 saw the final.", "The crowd was about 60,000.") == []


def test_proper_noun_mismatch_drops_numbers_and_halves_dates() -> None:
    # Counts in sentences that name different places, people or bodies are mostly
    # parallel figures ("640 jobs at its mill in Lunde" / "180 jobs at its mill in Skarvik").
    assert (
        compare("The storm killed 12 people in Texas.", "The storm killed 20 people in Mexico.")
        == []
    )
    [same] = compare("The storm killed 12 people in Texas.", "The storm killed 20 in Texas.")
    assert (same.kind, same.score) == ("numeric", pytest.approx(0.9))
    [date] = compare("The talks in Geneva began on Monday.", "The talks in Vienna began on Friday.")
    assert (date.kind, date.score) == ("date", pytest.approx(0.375))


def test_evidence_items_are_results_evidence_sorted_by_score() -> None:
    a = "The blast killed 30 people and injured 12 on Tuesday."
    b = "No one was hurt in the blast on Tuesday."
    evidence = compare(a, b)
    assert all(isinstance(e, Evidence) for e in evidence)
    assert [e.score for e in evidence] == sorted((e.score for e in evidence), reverse=True)
    assert [(e.a_value, e.b_value) for e in evidence] == [("12 injured", "0 injured")]


# ---------------------------------------------------------------------------------------
# compare: hard negatives (must not be flagged)
# ---------------------------------------------------------------------------------------

COMPATIBLE = [
    # A date after "without charge" dates the release; a charge is another event.
    (
        "The four men detained at the rally were released without charge on Friday.",
        "Two of the men detained at the rally were charged on Saturday.",
    ),
    # A date after the one who acts dates what it did, not the institution.
    (
        "The interior ministry on Monday rejected the request for asylum.",
        "The envoy was called in to the ministry on Tuesday to hear a complaint.",
    ),
    ("He was sentenced to two years in prison.", "He was jailed for 24 months."),
    # Two rounds of one kind of event: their dates differ.
    (
        "The first round of talks, in October, ended without agreement.",
        "The second round of talks, in February, ended with a deal.",
    ),
    ("The judge sentenced 12 people to prison.", "The judge sentenced the men to six years."),
    ("At least 12 people died.", "14 people died."),
    ("More than 200 people were arrested.", "Police arrested 250 people."),
    ("About 30 people were injured.", "31 people were injured."),
    ("Nearly 30 people died.", "30 people died."),
    ("Up to 50 people are missing.", "12 people are missing."),
    ("No more than 30 people died.", "25 people died."),
    ("The firm made a profit of $1.2bn.", "The firm made a $1.23 billion profit."),
    ("3,000 jobs will go.", "3,200 jobs will go."),
    ("30 people were killed.", "30 people were injured."),
    ("Nobody died in the flood.", "Twelve people were injured in the flood."),
    ("12 children were killed.", "30 people were killed."),
    ("No civilians were killed.", "12 soldiers were killed."),
    ("No one was seriously hurt.", "Five people were slightly injured."),
    ("The death toll rose to 45.", "12 people died in the quake."),
    ("The death toll now stands at 45.", "30 people were killed."),
    ("12 people died by Monday.", "20 people died by 3 March 2024."),
    ("The company made a $142 million profit in 2023.", "It made a $58 million loss in 2022."),
    ("It made a first-quarter profit of $5m.", "It made a second-quarter loss of $2m."),
    ("The firm reported an operating profit of $142m.", "The firm reported a net loss of $58m."),
    ("The bank swung to a $58 million loss from a $142 million profit a year earlier.",
     "The bank made a $142 million profit."),
    ("Six people were killed on Monday and four on Tuesday.", "Ten people were killed."),
    ("Police said on Tuesday that 3 died.", "Police said on Friday that 3 died."),
    ("Police said on Tuesday that 12 died.", "Police said on Wednesday that 20 died."),
    ("The plant employs 3,000 workers.", "The plant cut 300 jobs."),
    ("The bridge was closed on Monday.", "The bridge reopened on Wednesday."),
    ("The vote is on Tuesday, 12 March 2024.", "The vote is on Tuesday."),
    ("The vote was postponed to Thursday.", "The vote is on Tuesday."),
    ("The new ministers will be sworn in on Wednesday.",
     "The ministers were sworn in on Thursday, a day later than planned."),
    ("The fire had burned 3,400 hectares by Wednesday, up from about 1,200 a day earlier.",
     "The fire chief said the blaze had burned 3,600 hectares."),
    ("Talks resumed on Monday.", "Talks collapsed on Wednesday."),
    ("Inflation was 3.2% in March.", "Inflation was 3.4% in April."),
    ("Sales rose 5% to $3bn.", "Sales fell 2%."),
    ("He won 52% of the vote.", "His rival won 48% of the vote."),
    ("No one has claimed responsibility.", "Three people were killed."),
    ("A 30-year-old man was arrested.", "A 45-year-old man was arrested."),
    ("The minister denied the allegations.", "The minister took bribes."),
    ("She denied reports that she would resign.", "She said she would not resign."),
    ("Police arrested 12 people at the march.",
     "Three people arrested at the march were charged on Monday."),
    ("The last election was held in September 2024.", "A snap election is set for March 21."),
    ("The army sent 150 soldiers.", "Around 200 soldiers and volunteers are searching."),
    ("Corvel has 160 branches.", "The merged group would have 214 branches and offices."),
    ("She reached the quarter-final on Thursday.", "The final is on Sunday."),
    ("Three of five workers were freed.", "Two workers remain held."),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b"), COMPATIBLE)
def test_compare_does_not_flag_compatible_pair(a: str, b: str) -> None:
    assert compare(a, b) == []


BOUNDED = [
    # A bound and a value inside it, once the counted thing is read on both sides.
    ("Fewer than 100 people attended the meeting.", "Some 80 residents attended the meeting."),
    ("About 150 passengers were on board the ferry.", "The ferry was carrying 190 people."),
    ("The minister said the bridge would cost under 1 billion crowns.",
     "The bridge is expected to cost 850 million crowns."),
    # A bound after a change verb is a level; "in two years" is a span of time, no count.
    ("Inflation fell below 5 percent in May for the first time in two years.",
     "Inflation was 4.7 percent in May."),
    ("Unemployment had fallen to 6.5 percent by June.", "Unemployment was 6.5 percent in June."),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b"), BOUNDED)
def test_bounded_figures_are_read_as_compatible(a: str, b: str) -> None:
    feats = features(a, b)
    assert feats["numbers_alignable"] == 1.0
    assert feats["numbers_compatible"] == 1.0
    assert feats["numeric_conflict"] == 0.0


# ---------------------------------------------------------------------------------------
# compare: input handling
# ---------------------------------------------------------------------------------------


def test_compare_uses_sentence_content() -> None:
    text = "Police said 12 people died."
    a = Sentence(text, 0, len(text), claim="12 people died")
    b = Sentence("20 people died.", 0, 15)
    assert [e.note for e in compare(a, b)] == ["12 dead vs 20 dead"]


def test_compare_rejects_other_types() -> None:
    with pytest.raises(InputError, match=r"b=None is a NoneType; expected a Sentence or a str"):
        compare("12 died.", None)  # type: ignore[arg-type]


def test_compare_rejects_bad_published() -> None:
    with pytest.raises(InputError, match=r"published_b='yesterday' is not an ISO date"):
        compare("12 died.", "20 died.", published_b="yesterday")


# ---------------------------------------------------------------------------------------
# features
# ---------------------------------------------------------------------------------------


def test_features_keys_and_ranges() -> None:
    values = features("12 people died.", "20 people died.")
    assert tuple(values) == FEATURE_NAMES
    assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for v in values.values())


def test_features_numeric_conflict() -> None:
    values = features("At least 30 people were killed.", "No one was hurt.")
    assert values["numeric_conflict"] == pytest.approx(0.8)
    assert values["zero_conflict"] == pytest.approx(0.8)
    assert values["numbers_alignable"] == 1.0 and values["numbers_compatible"] == 0.0
    assert values["negation_asymmetry"] == 1.0


def test_features_compatible_numbers_are_a_negative_signal() -> None:
    values = features("At least 12 people died.", "14 people died.")
    assert values["numeric_conflict"] == 0.0
    assert values["numbers_alignable"] == 1.0 and values["numbers_compatible"] == 1.0


def test_features_sign_and_overlap() -> None:
    values = features("It made a $142 million profit.", "It made a $58 million loss.")
    assert values["sign_conflict"] == pytest.approx(0.85)
    same = features("12 people died in the crash.", "The crash killed 12 people.")
    assert same["number_overlap"] == 1.0 and same["numeric_conflict"] == 0.0


def test_features_dates_and_updates() -> None:
    clash = features("The vote is on Tuesday.", "The vote is on Thursday.")
    assert clash["date_conflict"] == pytest.approx(0.75) and clash["dates_alignable"] == 1.0
    agree = features("The vote is on Tuesday.", "The vote will be held on Tuesday.")
    assert agree["dates_compatible"] == 1.0 and agree["date_conflict"] == 0.0
    times = features("Profit was $5m in 2022.", "Profit was $7m in 2023.")
    assert times["different_times"] == 1.0 and times["numeric_conflict"] == 0.0
    assert features("The toll rose to 45.", "12 died.")["update_marker"] == 1.0


@pytest.mark.parametrize(
    ("text", "update"),
    [
        ("Earlier reports said 12 people had died.", 1.0),
        ("The toll was later revised to 14.", 1.0),
        ("Turnout was 58 percent, up from 51 percent in 2022.", 1.0),
        ("His colleague had been freed three days earlier.", 0.0),
        ("The driver was released about two hours later.", 0.0),
        ("Hours earlier, a tanker ran aground in the estuary.", 0.0),
        # falling is an update only for a figure
        ("Exports fell 4 percent in May.", 1.0),
        ("The jobless rate has fallen to 6.1 percent.", 1.0),
        ("The coach fell into a gorge near Tarvik.", 0.0),
        ("Forty guests had fallen ill by Sunday.", 0.0),
        ("Output fell short of the target.", 0.0),
    ],
)
def test_update_wording_is_read_in_context(text: str, update: float) -> None:
    assert features(text, "Twelve people died.")["update_marker"] == update


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # A state that changed between two stated times: both claims can be true.
        (
            "The ferry operator suspended all crossings on Tuesday.",
            "Crossings resumed on Thursday after the storm passed.",
            1.0,
        ),
        (
            "Border guards detained the two reporters on Sunday.",
            "Both reporters were freed on Monday.",
            1.0,
        ),
        ("In March the mayor was undecided.", "The mayor backed the plan in June.", 1.0),
        # Either order: the later claim may come first.
        ("Both reporters were freed on Monday.", "Guards detained the reporters on Sunday.", 1.0),
        # The later claim says the state went on, so it speaks for the earlier time too.
        (
            "The suspect was arrested on Saturday, police said.",
            "On Sunday the suspect was still on the run.",
            0.0,
        ),
        ("The plant shut on Monday.", "On Wednesday the plant remained open.", 0.0),
        # The later claim looks back to the earlier time, so it speaks for it too.
        (
            "Lawmakers approved the budget on Thursday.",
            "The president signed it on Friday, a day after parliament rejected it.",
            0.0,
        ),
        ("The envoy met officials on Monday.", "He flew home on Friday after being expelled.", 0.0),
        # One event dated twice is a date clash, not a change.
        ("The treaty was signed on Tuesday.", "The treaty was signed on Thursday.", 0.0),
        # One one-off event told on both sides, whatever words date it, is timed twice.
        (
            "Part of the old pier collapsed on Wednesday night.",
            "The collapse of the old pier happened on Thursday morning.",
            0.0,
        ),
        (
            "The ferry capsized off Lundby on Monday.",
            "The ferry, which capsized on Wednesday, was carrying 40 people.",
            0.0,
        ),
        ("Ada Voss died on Sunday.", "Ada Voss's death on Tuesday shocked the town.", 0.0),
        # The same state verb at two times is still a change ("stood at" is no event).
        ("The toll stood at 12 on Monday.", "The toll stood at 20 on Wednesday.", 1.0),
        # Two editions of a yearly event with different figures are two times.
        ("The fair drew 41,000 visitors in 2022.", "The fair drew 52,000 visitors in 2024.", 1.0),
        # Times that can meet, or cannot be ordered, are no shift.
        ("Talks collapsed on Monday.", "A deal was reached on Monday.", 0.0),
        ("Talks collapsed in 2021.", "A deal was reached in May.", 0.0),
        ("Talks collapsed.", "A deal was reached on Friday.", 0.0),
    ],
)
def test_features_time_shift(a: str, b: str, expected: float) -> None:
    assert features(a, b)["time_shift"] == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # Within one day, times of day order two states.
        ("At 7 a.m. the motorway was blocked.", "By midday traffic was flowing again.", 1.0),
        ("By midday traffic was flowing again.", "At 7 a.m. the motorway was blocked.", 1.0),
        ("As of 6 p.m., 40 people had been rescued.", "By 10 p.m. the count was 55.", 1.0),
        ("On Friday morning the pass was shut.", "The pass was open on Friday evening.", 1.0),
        # Two event times may be one event timed twice, whatever the words.
        ("The blast happened at 6 a.m.", "The explosion occurred at 9 p.m.", 0.0),
        ("The ship struck rocks at about 7:15 a.m.", "It struck rocks shortly before 9 a.m.", 0.0),
        (
            "A section of the bridge collapsed at about 6 a.m.",
            "The partial collapse of the bridge happened shortly before 9 p.m.",
            0.0,
        ),
        # Still / remained: the later claim speaks for the earlier time.
        ("At noon the road was open.", "In the evening the road was still open.", 0.0),
        # Different days, or times that can meet, are not ordered by the clock.
        ("On Friday morning the pass was shut.", "The pass was open on Sunday evening.", 1.0),
        ("In the morning the pass was shut.", "By 11 a.m. the pass was open.", 0.0),
        ("The Morning Star said the pass was shut.", "By noon the pass was open.", 0.0),
    ],
)
def test_time_shift_within_one_day(a: str, b: str, expected: float) -> None:
    assert features(a, b)["time_shift"] == expected


def test_time_shift_needs_one_publication_day_for_undated_times() -> None:
    a, b = "At 7 a.m. the motorway was blocked.", "By midday traffic was flowing again."
    same, other = date(2026, 3, 2), date(2026, 3, 5)
    assert features(a, b, published_a=same, published_b=same)["time_shift"] == 1.0
    assert features(a, b, published_a=same, published_b=other)["time_shift"] == 0.0


def test_time_shift_orders_weekdays_the_near_way_round_the_week() -> None:
    # Sunday then Monday is one day later, not six days earlier.
    later = features("The bridge shut on Sunday.", "On Monday the bridge was still shut.")
    assert later["time_shift"] == 0.0
    assert features("Polls opened on Sunday.", "Polls closed on Monday.")["time_shift"] == 1.0
    assert features("Polls closed on Monday.", "Polls opened on Sunday.")["time_shift"] == 1.0


def test_features_denial() -> None:
    values = features("He denied that he took bribes.", "He took bribes from the firm.")
    assert values["denial"] == 1.0 and values["denial_overlap"] == 1.0
    assert features("He took bribes.", "She took bribes.")["denial"] == 0.0


def test_features_entity_mismatch() -> None:
    assert features("12 died in Texas.", "20 died in Mexico.")["entity_mismatch"] == 1.0
    assert features("12 died in Texas.", "20 died in Texas.")["entity_mismatch"] == 0.0
    people = ("Governor Hale said 12 people died.", "Senator Ruiz said 20 people died.")
    assert features(*people)["entity_mismatch"] == 1.0


def test_entity_mismatch_needs_named_entities_on_both_sides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Capitalised words on both sides, but spaCy names an organisation on one side only.
    a = "The Health Ministry said 12 people died."
    b = "Officials at the Capitol Building said 20 people died."
    assert features(a, b)["entity_mismatch"] == 0.0
    monkeypatch.setattr(parsing, "is_available", lambda: False)
    assert features(a, b)["entity_mismatch"] == 1.0  # surface rules alone


# ---------------------------------------------------------------------------------------
# Module hygiene
# ---------------------------------------------------------------------------------------


def test_import_is_light() -> None:
    code = (
        "import sys, conflictscan.signals._compare as s; s.compare('12 died.', '20 died.');"
        "print(any(m in sys.modules for m in ('torch', 'transformers', 'dateparser')))"
    )
    assert run_python(code) == "False"


def test_value_types_are_frozen() -> None:
    quantity = extract_quantities("12 people died.")[0]
    mention = extract_dates("on Tuesday")[0]
    assert isinstance(mention, DateMention)
    with pytest.raises(AttributeError):
        quantity.value = 3.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("support", "wording"),
    [(0.84, "the other sentence supports it (0.84)"), (0.04, "does not clearly say it")],
)
def test_denial_note_says_how_far_the_other_sentence_supports_the_claim(
    support: float, wording: str
) -> None:
    from conflictscan import PairScore
    from conflictscan.signals._news import news_evidence

    claim = "The mayor resigned on Friday."
    denial = "The council denied reports that the mayor had resigned."
    prop = "the mayor had resigned"
    a, b = Sentence(claim, 0, len(claim)), Sentence(denial, 0, len(denial))
    score = PairScore(claim, prop, 0.05, support, 0.95 - support)
    evidence, _ = news_evidence(a, b, {}, {denial: prop}, {(claim, prop): score})
    notes = [e.note for e in evidence if e.kind == "denial"]
    assert any(wording in note for note in notes)
    if support < 0.5:
        assert not any("supports it" in note for note in notes)


@pytest.mark.parametrize(
    ("prop", "speaker", "expected"),
    [
        ("it plans to cut 800 jobs", "Kestrel Airways", "Kestrel Airways plans to cut 800 jobs"),
        ("they had sold the plant", "Brand & Holm", "Brand & Holm had sold the plant"),
        # "he" and "she" may be someone else; a speaker that is no name is not read in.
        ("he had resigned", "The palace", None),
        ("it plans to cut jobs", "a spokesman", None),
        ("it plans to cut jobs", None, None),
        ("the plant will close", "Kestrel Airways", None),
    ],
)
def test_a_self_denial_reads_it_as_the_named_speaker(
    prop: str, speaker: str | None, expected: str | None
) -> None:
    from conflictscan.signals._news import self_denied

    assert self_denied(prop, speaker) == expected


def test_the_denial_check_keeps_the_better_supported_reading_of_it() -> None:
    from conflictscan import PairScore
    from conflictscan.signals._news import news_evidence, score_requests

    claim = "Kestrel Airways is to cut 800 jobs."
    denial = "Kestrel Airways dismissed reports that it plans to cut 800 jobs."
    prop, resolved = "it plans to cut 800 jobs", "Kestrel Airways plans to cut 800 jobs"
    a = Sentence(claim, 0, len(claim))
    b = Sentence(denial, 0, len(denial), claim=denial, speaker="Kestrel Airways")
    assert (claim, resolved) in score_requests([a, b], [(0, 1)], {denial: prop})
    scores = {
        (claim, prop): PairScore(claim, prop, 0.1, 0.3, 0.6),
        (claim, resolved): PairScore(claim, resolved, 0.05, 0.9, 0.05),
    }
    evidence, _ = news_evidence(a, b, {}, {denial: prop}, scores)
    [found] = [e for e in evidence if e.kind == "denial"]
    assert found.score == 0.9 and "supports it (0.90)" in found.note


@pytest.mark.parametrize(
    ("claim", "kept"),
    [
        # Wounded is no answer to a denial of deaths; deaths answer a denial of injuries.
        ("Two sailors were wounded in the fire, a navy source said.", False),
        ("Two sailors were killed in the fire, a navy source said.", True),
    ],
)
def test_a_denied_harm_is_answered_only_by_a_harm_it_covers(claim: str, kept: bool) -> None:
    from conflictscan import PairScore
    from conflictscan.signals._news import news_evidence

    for denial, prop in (
        ("The navy denied that any sailors had been killed.", "any sailors had been killed"),
        ("The navy denied that any sailors had been hurt.", "any sailors had been hurt"),
    ):
        a, b = Sentence(claim, 0, len(claim)), Sentence(denial, 0, len(denial))
        score = PairScore(claim, prop, 0.05, 0.8, 0.15)
        evidence, _ = news_evidence(a, b, {}, {denial: prop}, {(claim, prop): score})
        found = [e for e in evidence if e.kind == "denial" and "supports it" in e.note]
        assert bool(found) == (kept or "hurt" in prop)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The vote will be held in Tarsk next week.",
            "The vote will be held in Orlen next week.",
            1.0,
        ),
        ("The depot was closed.", "The depot was not closed.", 1.0),
        (
            "The bridge reopened to traffic on Monday.",
            "The bridge reopened to traffic on Monday.",
            0.0,
        ),
        (
            "The ship sank in heavy seas.",
            "On Tuesday night the vessel went down in rough weather.",
            0.0,
        ),
        ("Rain fell.", "Snow fell.", 0.0),  # too short to call an edit
    ],
)
def test_features_minimal_edit(a: str, b: str, expected: float) -> None:
    assert features(a, b)["minimal_edit"] == expected


def test_two_years_with_different_figures_are_two_editions_not_a_date_conflict() -> None:
    yearly = features(
        "The Harbour Jazz Festival drew 41,000 visitors in 2022.",
        "The Harbour Jazz Festival drew 52,000 visitors in 2024.",
    )
    assert yearly["date_conflict"] == 0.0
    assert yearly["different_times"] == 1.0
    # One event dated twice, with the same figure, still clashes.
    once = features(
        "The Selby paper mill closed in 2018, with the loss of 230 jobs.",
        "The Selby paper mill closed in 2020, with the loss of 230 jobs.",
    )
    assert once["date_conflict"] > 0.5


def test_a_date_after_by_and_a_time_word_is_a_time_point() -> None:
    [mention] = extract_dates(
        "The kayaker had not been found by nightfall on Saturday.", published="2026-05-04"
    )
    assert mention.event is None


def test_a_rate_and_a_total_are_no_numeric_clash() -> None:
    a = "The food bank handed out 800 meals a day during the ten-day strike."
    b = "Over the ten days of the strike the food bank handed out 8,000 meals."
    assert [e for e in compare(a, b) if e.kind == "numeric"] == []
    assert [e.kind for e in compare("It handed out 800 meals.", "It handed out 8,000 meals.")] == [
        "numeric"
    ]
    # "a day after" is a time, not a rate
    a = "Corran Mining reported a net profit of $90 million a day after the vote."
    assert [e.kind for e in compare(a, "Corran Mining reported a net loss of $40 million.")] == [
        "numeric"
    ]


def test_a_crowd_estimate_and_a_count_of_marchers_are_one_figure() -> None:
    (found,) = compare(
        "Police estimated the crowd at 4,000.", "Organisers said 40,000 people marched."
    )
    assert found.kind == "numeric"
    assert found.note == "4,000 attendance vs 40,000 people"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Part of the old pier collapsed in the early hours of Wednesday.",
            "The collapse of the old pier happened on Thursday afternoon.",
        ),
        (
            "The pair married in a small ceremony at Holm Abbey on Saturday 4 May.",
            "Pictures from the couple's wedding at Holm Abbey on Saturday, May 11, went online.",
        ),
    ],
)
def test_one_one_off_event_with_two_dates_is_a_date_clash(a: str, b: str) -> None:
    [evidence] = [e for e in compare(a, b) if e.kind == "date"]
    assert 0.5 <= evidence.score < 0.85 and "same event" in evidence.note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # A plan against an earlier edition of the event.
        (
            "Oskaria will hold early parliamentary elections on Sunday, March 15.",
            "The last election was held in September 2024.",
        ),
        # The only date of one claim is another event's own.
        (
            "Police have arrested two men over Thursday's armed robbery at the shop.",
            "The two men were detained in dawn raids on Friday.",
        ),
        # Two events of two kinds.
        ("Border guards detained the two reporters on Sunday.", "Both were freed on Monday."),
    ],
)
def test_no_date_clash_for_other_events_or_times(a: str, b: str) -> None:
    assert not [e for e in compare(a, b) if e.kind == "date"]


def test_a_date_lost_to_an_announcement_dates_the_announcement() -> None:
    """ "Kestrel announced on January 9 that it was recalling …" keeps the claim "it was
    recalling …" for the model; the date is the announcement's, a one-off event, so it
    clashes with the same announcement told on another date."""
    full = "Halvorsen Motors announced on March 3 that it was recalling 90,000 vans over brakes."
    a = Sentence(full, 0, len(full), claim="it was recalling 90,000 vans over brakes.")
    b = "Halvorsen Motors announced its recall of 90,000 vans on March 17."
    [evidence] = [e for e in compare(a, b) if e.kind == "date"]
    assert "same event (announc)" in evidence.note
    assert features(a, b)["date_conflict"] == evidence.score
    # a report's own date ("said on Monday") stays the report's
    said = "Police said on Monday that the suspect had been arrested."
    c = Sentence(said, 0, len(said), claim="the suspect had been arrested.")
    assert not [e for e in compare(c, "The suspect was arrested on Friday.") if e.kind == "date"]
