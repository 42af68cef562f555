"""End-to-end checks of the default configuration: built-in model, news reasoning."""

from __future__ import annotations

from pathlib import Path

import pytest

import conflictscan
from conflictscan import Document, Scanner
from conflictscan._config import DEFAULT_THRESHOLD

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"

# Original example: one outlet reports that a leader would step down if given guarantees;
# an official calls reports that he was willing to step down "absolute nonsense".
REPORT = (
    "KESTRIA, June 9 (Lakeside Wire) - Governor Halvard Brenn would step down if he were "
    "given guarantees that he would not face prosecution, two aides said on Monday. "
    "The governor met party leaders for three hours on Sunday evening. "
    "Brenn has led the province since 2019."
)
DENIAL = (
    "KESTRIA, June 10 (Morning Ledger) - A spokesman for the governor's office dismissed "
    "reports that Brenn was willing to step down as \u201cabsolute nonsense\u201d. "
    "The governor will address the provincial assembly on Thursday, the spokesman said. "
    "Brenn has led the province since 2019."
)


@pytest.mark.slow
def test_design_example_is_the_top_conflict() -> None:
    result = conflictscan.scan(
        [
            Document(REPORT, doc_id="wire", source="Lakeside Wire"),
            Document(DENIAL, doc_id="ledger", source="Morning Ledger"),
        ]
    )
    assert result.conflicts, "the denial of the reported resignation offer must be flagged"
    top = result.conflicts[0]
    assert "would step down" in top.a.text and top.a.doc_id == "wire"
    assert "absolute nonsense" in top.b.text and top.b.doc_id == "ledger"
    assert top.confidence >= DEFAULT_THRESHOLD
    assert REPORT[top.a.start : top.a.end] == top.a.text
    assert DENIAL[top.b.start : top.b.end] == top.b.text


@pytest.mark.slow
def test_shipped_example_articles() -> None:
    docs = [
        Document((EXAMPLES / name).read_text(encoding="utf-8"), doc_id=name)
        for name in ("outlet_a.txt", "outlet_b.txt")
    ]
    result = Scanner().scan(docs)
    assert result.conflicts
    # The top conflict sets the step-down report against one of the other outlet's
    # denials (its headline, "… rejects resignation reports", or the "absolute nonsense"
    # sentence); the article's design pair is reported either way.
    top = result.conflicts[0]
    assert "step down" in top.a.text and top.b.denial and top.b.doc_id == "outlet_b.txt"
    assert any(
        "would step down" in c.a.text and "absolute nonsense" in c.b.text for c in result.conflicts
    )


@pytest.mark.slow
def test_agreeing_reports_raise_no_alarm() -> None:
    a = (
        "The Tarsk city council approved the new transit budget on Tuesday. "
        "The plan adds four bus lines and extends night service."
    )
    b = (
        "Council members in Tarsk voted on Tuesday to approve a transit budget that adds "
        "four new bus routes. Night buses will run later under the plan."
    )
    assert Scanner().scan([Document(a, doc_id="a"), Document(b, doc_id="b")]).conflicts == ()


@pytest.mark.slow
@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("model", "split", "accuracy"),
    [
        ("standard", "snli/test", 0.782),
        ("standard", "xnli_en/test", 0.730),
        ("mini", "snli/test", 0.783),
        ("mini", "xnli_en/test", 0.677),
    ],
)
def test_builtin_model_accuracy_does_not_regress(
    nli_data_dir: Path, model: str, split: str, accuracy: float
) -> None:
    """First 600 pairs of two held-out splits; figures measured when each model was built
    (`standard`: the Dec. 2026 device build, after its look-alike stage)."""
    report = conflictscan.evaluate(str(nli_data_dir / f"{split}.jsonl"), model=model, limit=600)
    assert report.accuracy == pytest.approx(accuracy, abs=0.02)
    assert report.ece < 0.1
