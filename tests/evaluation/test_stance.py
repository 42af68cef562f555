"""Tests for conflictscan.evaluation._stance: headline-vs-body stance AUC of a scan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictscan import InputError, Scanner
from conflictscan.evaluation import StanceItem, evaluate_stance, load_stance_items
from conflictscan.evaluation._stance import item_confidence

BODY_AGREES = (
    "Officials said on Monday that the harbour bridge was reopened after repairs. "
    "Traffic was light in the morning."
)
BODY_DISPUTES = (
    "Officials said on Monday that the harbour bridge was not reopened after repairs. "
    "Traffic was light in the morning."
)
HEADLINE = "The harbour bridge was reopened after repairs."


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _rows(n: int) -> list[dict[str, str]]:
    rows = []
    for i in range(n):
        rows.append(
            {"premise": f"{BODY_AGREES} {i}", "hypothesis": HEADLINE, "label": "entailment"}
        )
        rows.append(
            {"premise": f"{BODY_DISPUTES} {i}", "hypothesis": HEADLINE, "label": "contradiction"}
        )
        rows.append({"premise": "Unrelated.", "hypothesis": HEADLINE, "label": "neutral"})
    return rows


def test_load_samples_per_label_and_is_seeded(tmp_path: Path) -> None:
    path = _write(tmp_path / "s.jsonl", _rows(10))
    items = load_stance_items(path, per_label=4, seed=3)
    assert [i.label for i in items] == ["contradiction"] * 4 + ["entailment"] * 4
    assert items == load_stance_items(path, per_label=4, seed=3)
    assert items != load_stance_items(path, per_label=4, seed=4)
    assert len(load_stance_items(path, per_label=99)) == 20


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"premise": "x", "hypothesis": "y", "label": "entailment"}\n', "both"),
        ('{"premise": "x"}\n', "line 1: expected JSON with premise"),
        ("not json\n", "line 1"),
    ],
)
def test_load_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_stance_items(path, per_label=5)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read stance file"):
        load_stance_items(tmp_path / "absent.jsonl", per_label=5)


def test_disputing_bodies_rank_above_agreeing_ones(fake_scorer, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    scanner = Scanner(scorer=fake_scorer, encoder=fake_encoder, reasoning="nli")
    items = [StanceItem(HEADLINE, BODY_DISPUTES, "contradiction")] * 3
    items += [StanceItem(HEADLINE, BODY_AGREES, "entailment")] * 3
    report = evaluate_stance(items, scanner=scanner)
    assert report.auc == pytest.approx(1.0)
    assert report.mean_disputes > report.mean_agrees
    assert (report.n_disputes, report.n_agrees) == (3, 3)
    # Only headline-vs-body pairs are scored (no pairs inside the body).
    assert all(HEADLINE in (p, h) for p, h in fake_scorer.calls)


def test_item_confidence_ignores_the_scanner_threshold(fake_scorer, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    strict = Scanner(scorer=fake_scorer, encoder=fake_encoder, reasoning="nli", threshold=1.0)
    assert strict.scan([HEADLINE, BODY_DISPUTES]).conflicts == ()
    probe_report = evaluate_stance(
        [StanceItem(HEADLINE, BODY_DISPUTES, "contradiction")] * 2
        + [StanceItem(HEADLINE, BODY_AGREES, "entailment")] * 2,
        scanner=strict,
    )
    assert probe_report.confidences[0] > 0.5
    assert item_confidence(strict, StanceItem(HEADLINE, BODY_DISPUTES, "contradiction")) == 0.0


def test_one_stance_only_is_refused(fake_scorer, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    scanner = Scanner(scorer=fake_scorer, encoder=fake_encoder)
    with pytest.raises(InputError, match="need both"):
        evaluate_stance([StanceItem(HEADLINE, BODY_AGREES, "entailment")], scanner=scanner)
