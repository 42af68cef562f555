"""Tests for the HTML report: structure and escaping, then the page in a real browser.

The browser tests drive headless Chromium through Selenium with the system browser
(Debian packages ``chromium`` and ``chromium-driver``; ``.ci/run`` installs them). They
skip, saying why, only where no browser or driver can be found.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conflictscan import (
    Conflict,
    Document,
    Evidence,
    PairScore,
    Scanner,
    ScanResult,
    Sentence,
    scan_collection,
)
from conflictscan._types import Span
from conflictscan.batch import BatchReport
from conflictscan.cli import app
from conflictscan.report import batch_to_html, result_to_html, result_to_records
from conflictscan.report._html import histogram, segments
from conflictscan.report._records import highlight_spans, sentence_context
from conflictscan.signals import compare
from conftest import FakeEncoder, FakeScorer

SCRIPT = "<script>document.title='pwned';window.pwned=1</script>"
DOC_A = Document(
    f"Mayor {SCRIPT} resigns after vote\n\n"
    "Police said 30 people died in the fire on Monday. The blaze started in a warehouse. "
    "The harbour bridge collapsed on Sunday night.",
    doc_id="a",
    source="Harbour Wire",
)
DOC_B = Document(
    "Officials counted the victims overnight. Officials said 12 people died in the fire on "
    "Monday. The ministry denied that the bridge had collapsed. Repairs begin next week.",
    doc_id="b",
    source="Coastline Daily",
)
DOC_C = Document("The mayor has not resigned, her office said.", doc_id="c", source="Valley Post")


def _sentence(doc: Document, text: str, index: int, speaker: str | None = None) -> Sentence:
    start = doc.text.index(text)
    return Sentence(text, start, start + len(text), doc.doc_id, index, speaker, doc.source)


def _conflict(a: Sentence, b: Sentence, confidence: float, *evidence: Evidence) -> Conflict:
    scores = (PairScore(a.text, b.text, 0.8, 0.1, 0.1), PairScore(b.text, a.text, 0.7, 0.1, 0.2))
    nli = Evidence("nli", a.content, b.content, 0.8, "P(contradiction) a->b 0.80, b->a 0.70")
    reasons = tuple(dict.fromkeys(e.kind for e in (*evidence, nli)))
    return Conflict(a, b, confidence, scores, reasons, (*evidence, nli))


@pytest.fixture(scope="module")
def result() -> ScanResult:
    fire_a = _sentence(DOC_A, "Police said 30 people died in the fire on Monday.", 1, "Police")
    fire_b = _sentence(DOC_B, "Officials said 12 people died in the fire on Monday.", 1)
    bridge_a = _sentence(DOC_A, "The harbour bridge collapsed on Sunday night.", 3)
    bridge_b = _sentence(DOC_B, "The ministry denied that the bridge had collapsed.", 2)
    mayor_a = _sentence(DOC_A, f"Mayor {SCRIPT} resigns after vote", 0)
    mayor_c = _sentence(DOC_C, DOC_C.text, 0, "her office")
    denial = Evidence(
        "denial",
        bridge_a.content,
        "the bridge had collapsed",
        0.9,
        "b denies that the bridge had collapsed; the other sentence asserts it",
    )
    conflicts = (
        _conflict(fire_a, fire_b, 0.93, *compare(fire_a, fire_b)),
        _conflict(bridge_a, bridge_b, 0.71, denial),
        _conflict(mayor_a, mayor_c, 0.42),
    )
    sentences = (mayor_a, fire_a, bridge_a, fire_b, bridge_b, mayor_c)
    return ScanResult(conflicts, sentences, (DOC_A, DOC_B, DOC_C), 9, 18, "all", "fake", 0.3)


# -- records: context and highlights ----------------------------------------------------


def test_context_is_the_neighbouring_sentences_of_the_document(result: ScanResult) -> None:
    context = sentence_context(result)
    fire_b = result.conflicts[0].b
    assert context[("b", fire_b.start)] == (
        "Officials counted the victims overnight.",
        "The ministry denied that the bridge had collapsed.",
    )
    assert context[("c", 0)] == ("", "")
    row = result_to_records(result)[1]
    assert row["b_context_after"] == "Repairs begin next week."
    assert row["a_context_before"] == "The blaze started in a warehouse."


def test_numbers_and_denied_propositions_are_highlighted(result: ScanResult) -> None:
    numeric = highlight_spans(result.conflicts[0])
    a_text, b_text = result.conflicts[0].a.text, result.conflicts[0].b.text
    assert [a_text[s:e] for s, e, _ in numeric["a"]] == ["30"]
    assert [b_text[s:e] for s, e, k in numeric["b"]] == ["12"]
    assert numeric["a"][0][2] == "numeric"
    denial = highlight_spans(result.conflicts[1])
    assert denial["a"] == []  # the asserting side's value is its whole claim: nothing marked
    start, end, kind = denial["b"][0]
    assert (result.conflicts[1].b.text[start:end], kind) == ("the bridge had collapsed", "denial")
    assert json.loads(result_to_records(result)[1]["highlights"])["b"] == [[start, end, "denial"]]


def test_number_words_are_found_and_absent_values_not_guessed() -> None:
    a = Sentence("Nobody was hurt.", 0, 16, "a")
    b = Sentence("Three were hurt.", 0, 16, "b")
    ev = Evidence("numeric", "7 dead", "3 injured", 0.9, "")
    assert highlight_spans(_conflict(a, b, 0.9, ev)) == {"a": [], "b": [(0, 5, "numeric")]}


def test_quantities_behind_a_dateline_are_found_through_the_claim() -> None:
    text = "ORLEN, June 10 (Coastline Post) - At least 30 people were killed, officials said."
    claim = "At least 30 people were killed"
    a = Sentence(text, 0, len(text), "a", claim=claim)
    b = Sentence("No one was killed.", 0, 18, "b")
    ev = Evidence("numeric", "at least 30 dead", "0 dead", 0.9, "at least 30 dead vs 0 dead")
    spans = highlight_spans(_conflict(a, b, 0.9, ev))
    assert [text[s:e] for s, e, _ in spans["a"]] == ["At least 30"]
    assert [b.text[s:e] for s, e, _ in spans["b"]] == ["No one"]


def test_the_parsed_denied_span_is_highlighted() -> None:
    text = "Later, the ministry flatly denied reports that the dam had burst."
    at = 100  # the sentence starts at this offset in its document
    start = text.index("the dam had burst")
    denier = Sentence(
        text, at, at + len(text), "b", spans=(Span("denied", at + start, at + len(text) - 1),)
    )
    other = Sentence("The dam burst on Monday.", 0, 24, "a")
    ev = Evidence("denial", other.text, "the dam burst", 0.8, "b denies that the dam burst")
    spans = highlight_spans(_conflict(other, denier, 0.8, ev))
    assert spans == {"a": [], "b": [(start, len(text) - 1, "denial")]}


def test_segments_join_back_to_the_text() -> None:
    text = "Police said 30 people died."
    pieces = segments(text, [(12, 14, "numeric"), (40, 45, "bad"), (5, 8, "overlap")])
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, kind in pieces if kind] == ["30"]


def test_histogram_counts_every_value_once() -> None:
    bars = histogram([0.0, 0.31, 0.33, 0.99, 1.0], bins=10)
    assert [b.count for b in bars] == [1, 0, 0, 2, 0, 0, 0, 0, 0, 2]
    assert max(b.height for b in bars) == pytest.approx(120)


# -- the page as text ----------------------------------------------------------------------


def test_page_is_self_contained_and_escapes_article_text(result: ScanResult) -> None:
    html = result.to_html()
    assert html.startswith("<!doctype html>")
    assert html.count('class="csr-card"') == 3
    assert "&lt;script&gt;document.title=&#39;pwned&#39;" in html
    assert SCRIPT not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_notebook_repr_is_an_embeddable_fragment(result: ScanResult) -> None:
    fragment = result._repr_html_()
    assert fragment.lstrip().startswith('<div class="csr"')
    assert "<html" not in fragment and fragment.count('class="csr-card"') == 3


def test_empty_result_says_so() -> None:
    html = result_to_html(ScanResult(conflicts=()))
    assert "No conflicts found." in html and 'class="csr-card"' not in html


# -- batch page ----------------------------------------------------------------------------

ARTICLES = [
    ("fire-1", "fire", "Harbour Wire", "The warehouse fire was started deliberately, police said."),
    ("fire-2", "fire", "Valley Post", "The warehouse fire was not started deliberately."),
    ("fire-3", "fire", "Coastline Daily", "The warehouse fire was not started deliberately."),
    ("vote-1", "vote", "Harbour Wire", f"Council {SCRIPT} approved the transit budget."),
    ("vote-2", "vote", "Coastline Daily", "The council has not approved the transit budget."),
    ("park-1", "park", "Harbour Wire", "The new park opened to visitors on Saturday."),
    ("park-2", "park", "Valley Post", "Visitors streamed into the new city park."),
]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> BatchReport:
    folder = tmp_path_factory.mktemp("batch")
    data = folder / "articles.jsonl"
    rows = [dict(zip(("doc_id", "story", "source", "text"), art, strict=True)) for art in ARTICLES]
    data.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return scan_collection(
        str(data),
        scanner=Scanner(scorer=FakeScorer(), encoder=FakeEncoder(), reasoning="nli"),
        group_column="story",
        source_column="source",
        out=folder / "conflicts.jsonl",
        cache=False,
        show_progress=False,
    )


def test_batch_page_has_stories_histogram_and_cards(batch: BatchReport) -> None:
    html = batch.to_html()
    assert batch.conflicts == 3
    assert html.count('class="csr-card"') == 3
    assert html.count('class="csr-story-row"') == 3  # the conflict-free story is listed too
    rows = re.findall(r'<tr class="csr-story-row" data-story="(\w+)".*?</tr>', html, re.S)
    assert rows == ["fire", "vote", "park"]
    fire = re.search(r'data-story="fire".*?</tr>', html, re.S).group(0)  # type: ignore[union-attr]
    assert re.findall(r'class="num">(\S+)</td>', fire)[:2] == ["3", "2"]
    assert "Harbour Wire vs Valley Post (1)" in fire or "Coastline Daily vs Harbour Wire" in fire
    assert sum(int(n) for n in re.findall(r'<rect [^>]*data-count="(\d+)"', html)) == 3
    assert "&lt;script&gt;" in html and SCRIPT not in html


def test_batch_page_caps_the_cards_but_counts_all(batch: BatchReport) -> None:
    html = batch_to_html(batch, max_conflicts=1)
    assert html.count('class="csr-card"') == 1
    assert "Showing the 1 most confident of 3 conflicts." in html


# -- command line --------------------------------------------------------------------------


def test_cli_scan_writes_html(tmp_path: Path, tiny_model_dirs: dict[str, Path]) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The harbour bridge reopened to traffic on Wednesday.\n", encoding="utf-8")
    b.write_text("The harbour bridge remains closed to all traffic.\n", encoding="utf-8")
    args = ["scan", str(a), str(b), "-f", "html", "--threshold", "0", "--reasoning", "nli"]
    out = CliRunner().invoke(app, [*args, "--model", str(tiny_model_dirs["cen"])])
    assert out.exit_code == 0, out.output
    assert out.stdout.startswith("<!doctype html>") and 'class="csr-card"' in out.stdout


def test_cli_batch_writes_html(
    tmp_path: Path, batch: BatchReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    import conflictscan.batch._collection as batch_module

    monkeypatch.setattr(batch_module, "scan_collection", lambda *args, **kwargs: batch)
    target = tmp_path / "report.html"
    args = ["batch", "articles.jsonl", "--out", str(tmp_path / "o.jsonl"), "--html", str(target)]
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 0, out.output
    assert f"HTML report -> {target}" in out.stdout
    assert target.read_text(encoding="utf-8").count('class="csr-card"') == 3


# -- in a real browser ---------------------------------------------------------------------


def _find(names: tuple[str, ...], extra: tuple[str, ...] = ()) -> str | None:
    for name in names:
        if found := shutil.which(name):
            return found
    return next((path for path in extra if os.path.isfile(path)), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    binary = _find(
        ("chromium", "chromium-browser", "google-chrome"), ("/usr/lib/chromium/chromium",)
    )
    driver_path = _find(("chromedriver",), ("/usr/lib/chromium/chromedriver",))
    if binary is None or driver_path is None:
        pytest.skip(
            "no headless browser: install the Debian packages chromium and chromium-driver "
            f"(browser found: {binary}, driver found: {driver_path})"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.add_argument("--window-size=1280,1000")
    from selenium.webdriver.chrome.service import Service

    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: Any, html: str, path: Path) -> None:
    path.write_text(html, encoding="utf-8")
    browser.get(path.as_uri())


def _visible(browser: Any) -> int:
    return int(
        browser.execute_script("return document.querySelectorAll('.csr-card:not([hidden])').length")
    )


def _choose(browser: Any, which: str, value: str) -> None:
    browser.execute_script(
        "const el = document.querySelector(`[data-filter='${arguments[0]}']`);"
        "el.value = arguments[1]; el.dispatchEvent(new Event('input'));",
        which,
        value,
    )


def test_browser_renders_cards_highlights_and_escaped_script(
    browser: Any, result: ScanResult, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, result.to_html(), tmp_path / "report.html")
    cards = browser.find_elements(By.CSS_SELECTOR, ".csr-card")
    assert len(cards) == 3 and _visible(browser) == 3
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "mark.csr-hl")]
    assert marks == ["30", "12", "the bridge had collapsed"]
    assert browser.execute_script("return window.pwned === undefined")
    assert "pwned" not in browser.title
    assert SCRIPT in cards[2].text  # shown as text, in the card of the lowest confidence
    count = browser.find_element(By.CSS_SELECTOR, "[data-count]").text
    assert count == "3 of 3 shown"


def test_browser_filters_change_what_is_visible(
    browser: Any, result: ScanResult, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _open(browser, result.to_html(), tmp_path / "report.html")
    Select(browser.find_element(By.CSS_SELECTOR, "[data-filter='outlet']")).select_by_value(
        "Valley Post"
    )
    assert _visible(browser) == 1
    _choose(browser, "outlet", "")
    _choose(browser, "confidence", "0.7")
    assert _visible(browser) == 2
    assert browser.find_element(By.CSS_SELECTOR, "[data-filter-value]").text == "0.70"
    _choose(browser, "confidence", "0.95")
    assert _visible(browser) == 0
    assert browser.find_element(By.CSS_SELECTOR, ".csr-none").is_displayed()


def test_browser_batch_page_filters_by_story(
    browser: Any, batch: BatchReport, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, batch.to_html(), tmp_path / "batch.html")
    assert _visible(browser) == 3
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.csr-hist rect")) == 20
    _choose(browser, "story", "vote")
    assert _visible(browser) == 1
    assert browser.execute_script("return window.pwned === undefined")
    browser.find_element(By.CSS_SELECTOR, "tr[data-story='fire']").click()
    assert _visible(browser) == 2
    assert (
        browser.find_element(By.CSS_SELECTOR, "[data-filter='story']").get_attribute("value")
        == "fire"
    )
