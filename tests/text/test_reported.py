"""Denials that point back at "the reports" told earlier in the same document."""

from __future__ import annotations

import pytest

from conflictscan import Document, Scanner
from conflictscan.text import _parsing as parsing
from conflictscan.text._reported import points_back
from conflictscan.text._segmentation import split_sentences
from conflictscan.text._speech import split_attributions

ARTICLE = (
    "RAVENSHOLM, March 3 (Sport Desk) - Pressure mounted on coach Dieter Falk on Tuesday. "
    "The Ravensholm Courier, citing two people close to the squad, reported that Falk would "
    "step down at the end of the week. The report spread quickly on social media. Hours "
    'later, club president Anja Lorne said: "Dieter has not resigned, and these reports are '
    'baseless." United travel to Eastmoor on Sunday.'
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dieter has not resigned, and these reports are baseless.", True),
        ("The ministry dismissed the reports as nonsense.", True),
        ("Such claims are simply untrue, a spokesman said.", True),
        ("The company called the claims completely false.", True),
        ("The ministry did not deny the reports.", False),
        ("The company called the reports premature.", False),
        # a proposition of its own: the sentence-level rules read it
        ("The ministry dismissed reports that the minister had resigned.", False),
        ("Officials denied the claims about the budget.", False),
        ("The reports were published on Tuesday.", False),
    ],
)
def test_a_denial_points_back_only_at_reports_it_does_not_spell_out(
    text: str, expected: bool
) -> None:
    assert points_back(text) is expected


def test_the_denied_claim_is_the_report_told_just_before() -> None:
    sentences = split_attributions(split_sentences(ARTICLE, doc_id="a"), doc_text=ARTICLE)
    denier = next(s for s in sentences if "baseless" in s.text)
    assert denier.denial
    assert denier.denied is not None and "step down at the end of the week" in denier.denied
    # nothing else changed
    assert [s.denied for s in sentences if s is not denier] == [None] * (len(sentences) - 1)


def test_no_report_before_means_nothing_denied() -> None:
    text = "The club held a meeting on Monday. The president said these reports are baseless."
    sentences = split_attributions(split_sentences(text, doc_id="a"), doc_text=text)
    assert all(s.denied is None for s in sentences)


def test_a_report_in_another_document_is_not_the_one_denied() -> None:
    first = split_sentences("The Courier reported that Falk would step down.", doc_id="a")
    second = split_sentences("The president said these reports are baseless.", doc_id="b")
    sentences = split_attributions([*first, *second])
    assert sentences[-1].denied is None


@pytest.mark.skipif(not parsing.is_available(), reason="spaCy or its English model is absent")
def test_the_article_flags_the_report_and_its_denial() -> None:
    found = Scanner(model="mini").scan([Document(ARTICLE, doc_id="a")])
    top = found.conflicts[0]
    assert "reported that Falk" in top.a.text and "baseless" in top.b.text
    assert "denial" in top.reasons


def _denied(text: str) -> str | None:
    sentences = split_attributions(split_sentences(text, doc_id="a"), doc_text=text)
    return next(s.denied for s in sentences if s.content and points_back(s.content))


def test_a_report_told_on_by_its_source_is_denied_from_its_first_sentence() -> None:
    text = (
        "The business newspaper Tallmere Ledger reported that SkyVale was preparing to file "
        "for insolvency protection within days. The newspaper, citing two people close to "
        "the company, said the airline had failed to secure a new credit line. SkyVale's "
        'chief executive called the report "baseless and irresponsible".'
    )
    denied = _denied(text)
    assert denied is not None and "insolvency protection" in denied


def test_a_report_from_another_source_before_it_is_not_taken() -> None:
    text = (
        "The Courier reported that Falk would step down. The Gazette reported "
        "that Falk had been offered a new contract. The club called the report baseless."
    )
    denied = _denied(text)
    assert denied is not None and "new contract" in denied
