"""``benchmarks/fresh_dev.py`` and its dev sets: well formed, and scored as documented."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from conflictscan import Document

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def bench(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import fresh_dev

    return fresh_dev


@pytest.mark.parametrize(
    ("number", "per_group", "per_kind"),
    [
        ("1", 100, 10),
        ("2", 120, 12),
        ("3", 120, 12),
        ("4", 120, 12),
        ("5", 120, 12),
        ("6", 120, 12),
        ("7", 120, 12),
        ("8", 120, 12),
        ("9", 120, 12),
    ],
)
def test_the_short_pairs_are_balanced_with_unique_ids(
    bench: Any, number: str, per_group: int, per_kind: int
) -> None:
    rows = bench.read_jsonl(bench.FRESH / bench.ROUNDS[number][0])
    assert Counter(r["group"] for r in rows) == {"contradiction": per_group, "control": per_group}
    assert len({r["id"] for r in rows}) == len(rows) == 2 * per_group
    assert all(r["a"].strip() and r["b"].strip() and r["a"] != r["b"] for r in rows)
    assert min(Counter(r["kind"] for r in rows).values()) >= per_kind


@pytest.mark.parametrize(
    ("number", "count", "free"),
    [
        ("1", 40, 12),
        ("2", 30, 10),
        ("3", 30, 10),
        ("4", 24, 9),
        ("5", 20, 8),
        ("6", 20, 8),
        ("7", 20, 8),
        ("8", 20, 8),
        ("9", 20, 8),
    ],
)
def test_every_annotated_sentence_is_in_its_story(
    bench: Any, number: str, count: int, free: int
) -> None:
    stories = bench.read_jsonl(bench.FRESH / bench.ROUNDS[number][1])
    assert len(stories) == count and sum(not s["conflicts"] for s in stories) == free
    for story in stories:
        texts = [a["text"] for a in story["articles"]]
        for pair in story["conflicts"]:
            for side in (pair["a"], pair["b"]):
                assert sum(side in text for text in texts) == 1, (story["story_id"], side)


def test_auc_counts_ties_half(bench: Any) -> None:
    assert bench.auc([0.9, 0.5], [0.5, 0.1]) == pytest.approx((1 + 1 + 0.5 + 1) / 4)


class _Fixed:
    """A scanner stand-in that reports one conflict between the first and last documents'
    texts, at a fixed confidence."""

    def __init__(self, confidence: float) -> None:
        self.confidence = confidence

    def scan(self, documents: list[Document]) -> SimpleNamespace:
        a, b = SimpleNamespace(text=documents[0].text), SimpleNamespace(text=documents[-1].text)
        return SimpleNamespace(conflicts=[SimpleNamespace(a=a, b=b, confidence=self.confidence)])


def test_story_scoring_matches_annotated_sentences_either_way(bench: Any) -> None:
    story = {
        "story_id": "x",
        "articles": [
            {"doc_id": "x-a", "text": "The bridge is open."},
            {"doc_id": "x-b", "text": "The bridge is closed."},
        ],
        "conflicts": [{"a": "The bridge is closed.", "b": "The bridge is open."}],
    }
    free = {**story, "story_id": "y", "conflicts": []}
    result = bench.score_stories(_Fixed(0.7), [story, free])
    assert result["recall"] == 1.0
    assert result["false_alarms_per_free_story"] == 1.0
    assert result["free_stories_flagged"] == "1 of 1"
    assert result["auc"] == 0.5
    assert result["wrong"] == [
        {"story": "y", "flagged": ["The bridge is open.", "The bridge is closed."]}
    ]
    missed = bench.score_stories(_Fixed(0.2), [story])
    assert missed["recall"] == 0.0
    assert missed["wrong"] == [
        {"story": "x", "missed": [story["conflicts"][0]["a"], "The bridge is open."]}
    ]
