"""Tests for counts that are not one count told twice: totals against parts, vote tallies."""

from __future__ import annotations

import pytest

from conflictscan.signals import compare, extract_quantities


def _notes(a: str, b: str) -> list[str]:
    return [e.note for e in compare(a, b) if e.kind == "numeric"]


@pytest.mark.parametrize(
    ("whole", "part"),
    [
        (
            "A total of 1,100 jobs will go across its mills.",
            "The company will cut 640 jobs at its mill in Lunde.",
        ),
        ("Some 820 jobs would go in total, the union said.", "The Delfors mill will lose 90 jobs."),
        ("Storms killed 30 people across the region.", "Twelve people were killed in the capital."),
        ("In all, 45 people were arrested.", "Police arrested 20 people on Saturday."),
    ],
)
def test_a_part_is_no_clash_with_its_total(whole: str, part: str) -> None:
    assert _notes(whole, part) == []
    assert _notes(part, whole) == []


def test_a_part_larger_than_its_total_still_clashes() -> None:
    assert _notes(
        "A total of 30 people were killed across the region.", "Forty people were killed."
    ) == ["30 dead vs 40 dead"]


def test_two_totals_still_clash() -> None:
    assert _notes(
        "A total of 1,100 jobs would go across its mills.", "Some 820 jobs would go in total."
    ) == ["1,100 jobs vs about 820 jobs"]


def test_counts_with_no_total_are_unchanged() -> None:
    assert _notes("The storm killed 12 people.", "The storm killed 20 people.") == [
        "12 dead vs 20 dead"
    ]


def test_tallies_of_two_bodies_do_not_clash() -> None:
    # A chamber (340 votes cast) and its committee (18) voted on the same bill.
    house = "The House passed the bill by 210 votes to 130."
    assert _notes(house, "The finance committee approved the bill by 11 votes to 7.") == []
    assert _notes(house, "The Senate approved the bill by 51 votes to 39.") == []


def test_tallies_of_one_body_clash() -> None:
    assert _notes(
        "The House passed the bill by 210 votes to 130.",
        "Lawmakers in the House approved the bill by 198 votes to 142.",
    ) == ["210 votes vs 198 votes", "130 votes vs 142 votes"]


def test_a_smaller_count_that_narrows_nothing_is_the_same_count_told_lower() -> None:
    assert _notes("Storms killed 30 people across the region.", "Twelve people were killed.") == [
        "30 dead vs 12 dead"
    ]
    assert _notes(
        "The outbreak is far smaller than the 2019 epidemic, which killed 212 people across the"
        " country.",
        "The outbreak is the worst since the 2019 epidemic, in which 148 people died.",
    ) == ["212 dead vs 148 dead"]


def test_a_total_can_open_the_sentence_and_a_workforce_is_no_breakdown() -> None:
    assert _notes(
        "In all, 820 jobs will go, a fifth of a workforce of about 4,300.",
        "A total of 1,100 jobs will go across its mills.",
    ) == ["820 jobs vs 1,100 jobs"]
    assert (
        _notes("In all, 820 jobs will go.", "The company will cut 640 jobs at its mill in Lunde.")
        == []
    )


def test_counts_of_a_named_edition_are_compared_only_with_the_same_edition() -> None:
    epidemic = "The outbreak is the worst since the 2019 epidemic, in which 148 people died."
    assert _notes("Lennmark has recorded 15 deaths.", epidemic) == []
    assert _notes(
        "The outbreak is far smaller than the 2019 epidemic, which killed 212 people.", epidemic
    ) == ["212 dead vs 148 dead"]
    # "the 2019 epidemic" is a year, not 2,019 epidemics.
    assert [q.value for q in extract_quantities(epidemic)] == [148.0]


def test_figures_of_two_named_units_are_parallel_not_a_clash() -> None:
    assert (
        _notes(
            "Askeberg will close its paper mill in Lunde with the loss of 640 jobs.",
            "Last year Askeberg closed a smaller mill in Brannvik, where 300 jobs were lost.",
        )
        == []
    )
    # One unit named on one side only is no second unit.
    assert _notes(
        "Askeberg will cut 640 jobs at its mill in Lunde.", "Askeberg will cut 300 jobs."
    ) == ["640 jobs vs 300 jobs"]
