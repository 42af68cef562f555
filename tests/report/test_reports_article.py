"""A single article that sets two reports against each other ("reports conflict" genre).

``fixtures/reports_conflict_article.txt`` is an original, fictional wire article of about
2,500 characters and 19 sentences: one outlet reports that a president would step down if
given guarantees of safe passage; later, citing a wire agency, the article quotes an official
calling reports that he was willing to step down "absolute nonsense". Everything else is a
distractor: fighting, compatible casualty figures (at least 23 killed / 25 bodies), an envoy's
travel, background and a quote that agrees with both sides.
"""

from __future__ import annotations

import pytest

from conflictscan import Scanner, Sentence, split_sentences
from conftest import REPO_ROOT

ARTICLE_PATH = REPO_ROOT / "tests" / "fixtures" / "reports_conflict_article.txt"
REPORT = (
    "President Oren Malvik has told mediators he is prepared to step down provided he and his "
    "family receive guarantees of safe passage to a third country, the Lakeside Chronicle "
    "reported on Friday, citing two diplomats involved in the talks."
)
DENIAL = (
    "A senior foreign ministry official characterized reports that the president was willing "
    "to step down as “absolute nonsense,” according to the Northgate Wire news agency."
)


@pytest.fixture(scope="module")
def article() -> str:
    return ARTICLE_PATH.read_text(encoding="utf-8")


def _span(article: str, sentence: str) -> tuple[int, int]:
    start = article.index(sentence)
    return start, start + len(sentence)


def _within(sentence: Sentence, span: tuple[int, int]) -> bool:
    """The scanner's sentence (or claim inside it) lies in the annotated sentence."""
    return span[0] <= sentence.start and sentence.end <= span[1]


def test_article_has_the_issue_shape(article: str) -> None:
    sentences = [s.text for s in split_sentences(article)]
    assert 2_200 <= len(article) <= 2_800
    assert 17 <= len(sentences) <= 21
    for design in (REPORT, DENIAL):
        assert article.count(design) == 1
        assert design in sentences  # a whole sentence as the scanner segments it
    assert sentences.index(DENIAL) - sentences.index(REPORT) >= 8  # far apart, as in the issue


@pytest.mark.slow
def test_design_pair_is_the_top_conflict_at_the_default_threshold(article: str) -> None:
    scanner = Scanner()
    result = scanner.scan(article)
    assert result.conflicts, "no conflict reported at the default threshold"
    top = result.conflicts[0]
    report, denial = _span(article, REPORT), _span(article, DENIAL)
    forward = _within(top.a, report) and _within(top.b, denial)
    backward = _within(top.a, denial) and _within(top.b, report)
    assert forward or backward, (top.a.text, top.b.text, top.confidence)
    assert top.confidence >= scanner.config.threshold
