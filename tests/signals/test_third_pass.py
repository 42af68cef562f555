"""Readings fixed after the third pass of dev stories: numbers after a dateline, lengths of
time that size a noun, clock times of one event, and event words that name one event."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, extract_quantities


def _read(text: str) -> list[tuple]:
    return [(q.text, q.value, q.unit, q.what) for q in extract_quantities(text)]


def _notes(a: str, b: str, kind: str) -> list[str]:
    return [e.note for e in compare(a, b) if e.kind == kind]


def test_a_number_after_a_datelines_dash_is_read() -> None:
    text = "CALVARRE, May 14 (Continental Newswire) - Four armed men smashed their way in."
    assert [q[:2] for q in _read(text)] == [("Four", 4.0)]
    lead = "BRENNHOLM, June 7 (Northline Wire) - About 2,300 dockworkers walked out."
    assert _read(lead) == [("About 2,300", 2300.0, None, "dockworkers")]


@pytest.mark.parametrize("text", ["COVID-19 cases rose", "the F-16 jets", "a 30-year-old man"])
def test_glued_compounds_are_still_no_counts(text: str) -> None:
    assert _read(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dockers began a 48-hour strike.", ("48-hour", 48.0, "hour", "strike")),
        ("He signed a three-year contract.", ("three-year", 3.0, "year", "contract")),
    ],
)
def test_a_length_of_time_that_sizes_a_noun_is_a_quantity(text: str, expected: tuple) -> None:
    assert _read(text) == [expected]


def test_lengths_of_one_thing_clash() -> None:
    notes = _notes("Dockers began a 48-hour strike.", "Dockers began a 72-hour strike.", "numeric")
    assert notes == ["48 hour strike vs 72 hour strike"]


@pytest.mark.parametrize("text", ["It hit a 12-month low.", "a 24-hour-a-day service"])
def test_other_time_compounds_are_no_quantity(text: str) -> None:
    assert _read(text) == []


def test_a_particle_is_no_change() -> None:
    assert _read("Pellew had turned down three approaches.") == [("three", 3.0, None, "approaches")]
    assert _read("Shares were down 5 percent.") == []


def test_a_plural_after_a_modifier_is_what_is_counted() -> None:
    assert _read("Pellew had rejected two earlier approaches.") == [
        ("two", 2.0, None, "approaches")
    ]
    assert _read("Six quakes hit the region.")[0][3] == "quakes"


def test_a_share_in_a_named_place_measures_the_share() -> None:
    a = "Final turnout in Ardwick stood at 61.4 percent, the commission said."
    assert _read(a)[0][3] == "turnout"
    b = "Final figures published on Tuesday put turnout at 58.9 percent."
    assert _notes(a, b, "numeric") == ["61.4% turnout vs 58.9% turnout"]
    other = "Final turnout in Belmont stood at 58.9 percent, the commission said."
    assert _notes(a, other, "numeric") == []


@pytest.mark.parametrize(
    ("a", "b", "note"),
    [
        (
            "It left the rails at about 7.40 pm on a curve north of the station.",
            "Timings show the train left the rails at 7.12 pm.",
            "7.40 pm vs 7.12 pm for the same event (rails)",
        ),
        (
            "The blast happened at 6 a.m., police said.",
            "The explosion happened at 9 p.m., police said.",
            "6 a.m. vs 9 p.m. for the same event (blast)",
        ),
    ],
)
def test_one_event_at_two_times_of_day_clashes(a: str, b: str, note: str) -> None:
    assert _notes(a, b, "date") == [note]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The fire broke out at about 3 a.m. on Monday.",
            "The fire broke out at 3.20 a.m. on Monday.",
        ),
        (
            "The fire broke out at about 3 a.m. on Monday.",
            "Firefighters arrived at 3.20 a.m. on Monday.",
        ),
        ("The polls opened at 7 a.m.", "The polls closed at 10 p.m."),
        (
            "At noon the temperature was 31 degrees.",
            "By early evening it had dropped to 19 degrees.",
        ),
    ],
)
def test_times_that_can_meet_or_time_two_events_do_not(a: str, b: str) -> None:
    assert _notes(a, b, "date") == []


@pytest.mark.parametrize(
    ("a", "b", "note"),
    [
        (
            "The magnitude 6.1 earthquake struck at 11:42 p.m. local time Friday.",
            "The quake hit shortly before dawn on Saturday, the survey said.",
            "Friday vs Saturday for the same event (struck)",
        ),
        (
            "Ilse made landfall shortly before midnight on Monday near Caldera Bay.",
            "Ilse came ashore at around 3 in the morning on Tuesday, the weather service said.",
            "Monday vs Tuesday for the same event (landfall)",
        ),
    ],
)
def test_two_words_for_one_event_date_it_once(a: str, b: str, note: str) -> None:
    assert _notes(a, b, "date") == [note]


@pytest.mark.parametrize(
    "text",
    [
        "The motion, which needed 91 votes in the 181-seat Assembly to pass, was tabled.",
        "The bill requires at least 60 votes.",
        "Rovers sit 17th with 13 games left to play.",
        "They are level on points with 13 games remaining.",
    ],
)
def test_a_threshold_or_a_remainder_is_no_count(text: str) -> None:
    assert _read(text) == []


def test_a_departure_is_still_a_count() -> None:
    assert [q[:2] for q in _read("Three people left the building.")] == [("Three", 3.0)]


def test_an_ending_still_to_come_is_no_ending() -> None:
    pytest.importorskip("spacy")
    from conflictscan.signals._states import state_clash

    goes_on = "Schools across the province will remain closed until at least Thursday."
    assert state_clash(goes_on, "Schools in the province are due to reopen on Thursday.") == 0
    assert (
        state_clash(
            "The coastal highway will reopen on Friday.", "The coastal highway remains closed."
        )
        == 0
    )
    assert (
        state_clash(
            "The coastal highway reopened on Wednesday.", "The coastal highway remains closed."
        )
        == 1
    )


@pytest.mark.parametrize(
    ("text", "update"),
    [
        ("“Dorn has not fallen and it will not fall,” Vesk told reporters.", False),
        ("Kask dropped out shortly after the 30-kilometre mark.", False),
        ("Prosecutors dropped the charges on Friday.", False),
        ("The death toll has fallen to 12 after a recount.", True),
        ("Sales dropped 5% in the quarter.", True),
    ],
)
def test_update_wording_is_a_change_of_a_figure(text: str, update: bool) -> None:
    from conflictscan.signals._lexicon import _UPDATE_RE

    assert bool(_UPDATE_RE.search(text)) is update


def test_who_reports_a_figure_does_not_make_two_units() -> None:
    a = "Police arrested 12 people on Saturday, the Fenwick Gazette reported."
    b = "Police arrested 20 people on Saturday, a spokeswoman told KNA."
    assert _notes(a, b, "numeric") == ["12 arrested vs 20 arrested"]


def test_an_estimate_put_at_a_figure_counts_what_is_estimated() -> None:
    b = "A report by the city's audit office put last year's admissions at fewer than 100,000."
    assert _read(b) == [("fewer than 100,000", 100000.0, None, "admissions")]
    a = "The festival says last year's edition drew 118,000 admissions, a record."
    assert _notes(a, b, "numeric") == ["118,000 admissions vs fewer than 100,000 admissions"]
    assert _read("They put the number of prisoners to be freed at 17.")[0][3] is None


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("More than 2 million people voted.", "About 1.8 million people voted.", True),
        ("Fewer than 100 people were hurt.", "Some 80 people were hurt.", False),
        ("At least 12 people were hurt.", "Twelve people were hurt.", False),
    ],
)
def test_a_bound_is_read_as_written(a: str, b: str, clash: bool) -> None:
    assert bool(_notes(a, b, "numeric")) is clash
