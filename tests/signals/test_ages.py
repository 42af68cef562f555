"""A person's age given as a span of years against an age."""

from __future__ import annotations

import pytest

from conflictscan import PairScore, Sentence
from conflictscan.signals import compare
from conflictscan.signals._ages import AGE_SCORE, age_agreeing_swap, age_evidence
from conflictscan.signals._news import news_evidence, score_requests
from conflictscan.signals._swaps import agreeing_swap, agreement
from conflictscan.text import _parsing as parsing

pytestmark = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@pytest.mark.parametrize(
    ("a", "b", "note"),
    [
        (
            "The victim was a 45-year-old woman.",
            "The victim was a woman in her 20s.",
            "one person's age: '45' vs 'in her 20s' (20-29)",
        ),
        (
            "A man in his early 20s was arrested in Dunmore.",
            "A 34-year-old man was arrested in Dunmore.",
            "one person's age: 'in his early 20s' (20-23) vs '34'",
        ),
        (
            "The suspect, a teenager, was detained on Friday.",
            "The suspect, 32, was detained on Friday.",
            "one person's age: 'teenager' (13-19) vs '32'",
        ),
        (
            "The climber, in his late fifties, was airlifted to hospital.",
            "The climber, aged 52, was airlifted to hospital.",
            "one person's age: 'in his late fifties' (56-59) vs '52'",
        ),
    ],
)
def test_ages_that_cannot_both_hold_clash(a: str, b: str, note: str) -> None:
    [found] = [e for e in compare(a, b) if e.kind == "numeric"]
    assert found.score == AGE_SCORE and found.note == note
    assert age_agreeing_swap(a, b) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # ages that can both hold
        ("The victim was in her 40s.", "The victim was 45."),
        ("The climber, in his late fifties, was rescued.", "The climber, 58, was rescued."),
        # two exact ages: the figure swap reads those
        ("The victim was a 45-year-old woman.", "The victim was a 31-year-old woman."),
        # two people: another subject, or one claim speaking of another one
        ("The victim was in her 40s.", "The suspect, 24, was arrested."),
        ("A man in his 20s was arrested.", "A 45-year-old man was also arrested."),
        # two ages in one claim
        ("A man in his 20s and a woman, 45, were hurt.", "A man in his 20s was hurt."),
    ],
)
def test_other_pairs_are_no_age_clash(a: str, b: str) -> None:
    assert age_evidence(a, b) == [] and age_evidence(b, a) == []


@pytest.mark.parametrize(
    ("a", "b", "rewritten"),
    [
        # the span is rewritten, in the other claim's form where it fits there
        ("The victim was in her 40s.", "The victim was 45.", "The victim was 45."),
        (
            "The driver, 64, was unhurt.",
            "The driver, in his sixties, was unhurt.",
            "The driver, 64, was unhurt.",
        ),
        (
            "A 45-year-old man was arrested at the scene.",
            "A man in his 40s was arrested at the scene.",
            "A man aged 45 was arrested at the scene.",
        ),
    ],
)
def test_an_age_inside_a_span_is_an_agreeing_swap(a: str, b: str, rewritten: str) -> None:
    found = agreeing_swap(a, b)
    assert found is not None and found.kind == "agree" and found.text == rewritten
    span_side = b if "in h" in b else a
    other = a if span_side is b else b
    assert found.against == other
    # The model reads the rewrite against the other claim, both ways.
    sa, sb = Sentence(a, 0, len(a)), Sentence(b, 0, len(b))
    requests = score_requests([sa, sb], [(0, 1)], {}, reverse=True, swapped=True)
    assert (other, rewritten) in requests and (rewritten, other) in requests
    calm = {
        (x, y): PairScore(x, y, 0.05, 0.9, 0.05)
        for x, y in ((other, rewritten), (rewritten, other), (a, b), (b, a))
    }
    assert agreement(a, found, calm) == 1.0
    assert news_evidence(sa, sb, {}, {}, calm)[1]["agreeing_swap"] == 1.0
    clash = {**calm, (rewritten, other): PairScore(rewritten, other, 0.6, 0.2, 0.2)}
    assert agreement(a, found, clash) == 0.0


def test_a_span_that_cannot_be_rewritten_gives_no_agreeing_swap() -> None:
    # "a teenage boy" has no place for an age in years.
    assert age_agreeing_swap("A teenage boy was hurt.", "A boy, 15, was hurt.") is None


@pytest.mark.parametrize(
    ("a", "b", "note"),
    [
        (
            "The man who died, Oskar Brandt, a 34-year-old teacher, lived nearby.",
            "Police named the man who died as Oskar Brandt, 47, a teacher.",
            "'34' vs '47'",
        ),
        ("Ruud Smit (58) was freed on Friday.", "Ruud Smit aged 41 was freed on Friday.", "'58'"),
    ],
)
def test_two_ages_in_years_right_after_one_name_clash(a: str, b: str, note: str) -> None:
    [evidence] = age_evidence(a, b)
    assert evidence.kind == "numeric" and evidence.score == AGE_SCORE and note in evidence.note


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # A birthday may fall between two reports.
        ("Anna Berg, 52, was taken to hospital.", "Anna Berg, 53, was taken to hospital."),
        # Two people; a name that is not right before the age.
        ("Anna Berg, 52, was taken to hospital.", "Her husband Tom Berg, 58, was unhurt."),
        ("Piet Holm, who is 61, was arrested.", "Piet Holm, 44, was arrested."),
        ("Piet Holm, 61, was arrested.", "Piet Holm and another man, 44, were arrested."),
    ],
)
def test_ages_of_other_people_or_a_year_apart_do_not_clash(a: str, b: str) -> None:
    assert age_evidence(a, b) == []
