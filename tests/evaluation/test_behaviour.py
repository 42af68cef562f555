"""The behavioural suite (``fixtures/behaviour.jsonl``) and its harness ``benchmarks/behaviour.py``.

The suite holds hand-written minimal pairs: contradictions a reader would flag (antonyms,
negation, numbers, dates, status, denials of reports, quantifiers, places) and look-alike
controls that must not be flagged (paraphrases, compatible numbers, updates over time,
different entities, merely related, hedged).
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conflictscan import InputError, Scanner
from conftest import REPO_ROOT, FakeEncoder, FakeScorer

HARNESS_PATH = REPO_ROOT / "benchmarks" / "behaviour.py"
# Full scan, default model and settings: measured 0.95 / 0.25 with the built-in
# ``standard`` (0.90 / 0.30 before subjects and minimal edits were read; 0.89 / 0.28 before
# changes and prison terms were compared; 0.67 / 0.25 with ``mini`` and its earlier
# combiner).
MIN_RECALL = 0.90
MAX_CONTROLS = 0.30
MIN_KIND_RECALL = 0.70


def _load_harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("behaviour_harness", HARNESS_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


harness = _load_harness()


@pytest.fixture(scope="module")
def suite() -> list:
    return harness.load_pairs()


# --------------------------------------------------------------------------- the suite


def test_suite_size_and_kinds(suite: list) -> None:
    assert len(suite) >= 220
    counts = {kind: 0 for kind in harness.CONTRADICTION_KINDS + harness.CONTROL_KINDS}
    for pair in suite:
        counts[pair.kind] += 1
    assert min(counts.values()) >= 15, counts
    assert {p.group for p in suite} == {"contradiction", "control"}


def test_suite_has_no_duplicates(suite: list) -> None:
    assert len({p.id for p in suite}) == len(suite)
    keys = [frozenset({p.a.strip().lower(), p.b.strip().lower()}) for p in suite]
    assert len(set(keys)) == len(keys)
    sentences = [s for p in suite for s in (p.a, p.b)]
    assert all(p.a != p.b for p in suite)
    assert len(set(sentences)) >= 0.95 * len(sentences)  # written one by one, not templated


def test_suite_sentences_read_as_news(suite: list) -> None:
    for pair in suite:
        assert re.match(r"^[-\w]+-\d{2}$", pair.id) and pair.id.startswith(pair.kind), pair.id
        assert pair.note.strip(), pair.id
        for sentence in (pair.a, pair.b):
            assert 5 <= len(sentence.split()) <= 40, (pair.id, sentence)
            assert sentence[0].isupper() and sentence.rstrip()[-1] in '.!?”"', (pair.id, sentence)


# --------------------------------------------------------------------------- loading


def _write(tmp_path: Path, rows: list) -> Path:
    path = tmp_path / "suite.jsonl"
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


ROW = {"id": "x-01", "kind": "negation", "group": "contradiction", "a": "A b c.", "b": "D e."}


@pytest.mark.parametrize(
    ("rows", "match"),
    [
        (["{nope"], r"suite\.jsonl:1: not valid JSON"),
        ([{"id": "x"}], "expected a JSON object with keys"),
        (
            [{**ROW, "note": "n", "kind": "paraphrase"}],
            "kind 'paraphrase' is not a 'contradiction'",
        ),
        ([{**ROW, "note": "n", "group": "other"}], "kind 'negation' is not a 'other' kind"),
        ([{**ROW, "note": "n", "a": " "}], "'a' and 'b' must be non-empty"),
        ([{**ROW, "note": "n"}, {**ROW, "note": "m"}], "id 'x-01' repeats"),
    ],
)
def test_load_pairs_rejects_bad_rows(tmp_path: Path, rows: list, match: str) -> None:
    with pytest.raises(InputError, match=match):
        harness.load_pairs(_write(tmp_path, rows))


def test_load_pairs_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read behaviour suite .*missing.jsonl"):
        harness.load_pairs(tmp_path / "missing.jsonl")


# --------------------------------------------------------------------------- the harness


def _fake_scanner(**kwargs: object) -> Scanner:
    return Scanner(scorer=FakeScorer(), encoder=FakeEncoder(), reasoning="nli", **kwargs)


def test_harness_judges_with_the_model_alone_and_the_full_scan(tmp_path: Path) -> None:
    rows = [
        {
            **ROW,
            "a": "The bridge was closed to traffic on Monday.",
            "note": "negation",
            "b": "The bridge was not closed to traffic on Monday.",
        },
        {
            **ROW,
            "id": "paraphrase-01",
            "kind": "paraphrase",
            "group": "control",
            "note": "same",
            "a": "The mayor opened the new library on Friday.",
            "b": "The new library was opened by the mayor on Friday.",
        },
    ]
    pairs = harness.load_pairs(_write(tmp_path, rows))
    report = harness.evaluate_behaviour(pairs, scanner_factory=_fake_scanner)
    assert report.model == "fake-nli"
    for judge in ("model_alone", "full_scan"):
        assert [v.flagged for v in getattr(report, judge)] == [True, False]
        assert report.summary(judge)["contradiction_recall"] == 1.0
        assert report.summary(judge)["control_flagged"] == 0.0
        assert report.misses(judge) == []
    assert report.model_alone[0].score == pytest.approx(0.9)
    assert math.isnan(report.rates("full_scan")["antonym"])  # kinds absent from the file
    data = json.loads(json.dumps(report.to_dict()))
    assert data["pairs"] == 2 and data["full_scan"]["by_kind"]["negation"] == 1.0
    table = harness.render([report])
    assert "negation (1)" in table and "contradiction_recall" in table


def test_harness_cli_prints_json_and_fails_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(harness, "evaluate_behaviour", lambda pairs, model: _StubReport(model))
    suite = _write(tmp_path, [{**ROW, "note": "n"}])
    assert harness.main(["--suite", str(suite), "--json", "--model", "m1"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"model": "m1"}]
    assert harness.main(["--suite", str(tmp_path / "none.jsonl")]) == 1
    assert "error: cannot read behaviour suite" in capsys.readouterr().err


class _StubReport:
    def __init__(self, model: str) -> None:
        self.model = model

    def to_dict(self) -> dict[str, str]:
        return {"model": self.model}


# --------------------------------------------------------------------------- real model


@pytest.fixture(scope="module")
def default_report(suite: list):  # type: ignore[no-untyped-def]
    return harness.evaluate_behaviour(suite)


@pytest.mark.slow
def test_default_model_full_scan_on_the_behaviour_suite(default_report) -> None:  # type: ignore[no-untyped-def]
    """Full scan with the default model and default settings, every pair of the suite.

    Measured with the built-in ``standard`` model and its combiner (signal floors, the
    minimal-edit floor, subject contrast, ``directions="auto"``), 238 pairs: contradiction
    recall 0.95, controls flagged 0.25; by kind antonym 1.00, negation 1.00, number 1.00,
    date 1.00, status 0.88, denial 0.94, quantifier 1.00, place 0.76; paraphrase 0.06,
    compatible_number 0.35, update 0.41, different_entity 0.41, related 0.12, hedged 0.12.
    Before subjects and minimal edits were read: 0.90 / 0.30 (place 0.41, different_entity
    0.76). Before changes ("rose 8 percent")
    were compared and the date fixes: 0.89 / 0.28 (number 0.94, date 0.94, different_entity
    0.71, related 0.06). Before the floors and the numeric and denial changes: 0.85 / 0.27
    (number 0.82, denial 0.71, update 0.35). The model alone
    (max P(contradiction) >= 0.5) reaches 0.95 / 0.40. (With ``mini`` and its earlier
    combiner the full scan gave 0.67 / 0.25.) The bounds sit 0.05 from the
    full-scan figures, so a regression fails the test; tighten them as the model and the
    combiner improve (goal: recall >= 0.90, controls <= 0.10, no kind below 0.75).
    """
    summary = default_report.summary("full_scan")
    assert summary["contradiction_recall"] >= MIN_RECALL
    assert summary["control_flagged"] <= MAX_CONTROLS
    assert summary["min_kind_recall"] >= MIN_KIND_RECALL


@pytest.mark.parametrize(
    ("path", "prefix"),
    [
        (REPO_ROOT / "benchmarks" / "behaviour_probe.jsonl", ("pa-", "pb-")),
        (REPO_ROOT / "tests" / "fixtures" / "behaviour_fresh.jsonl", ("pc-",)),
    ],
)
def test_the_fresh_writers_suites_load_with_every_kind(path: Path, prefix: tuple) -> None:
    pairs = harness.load_pairs(path)
    counts = {kind: 0 for kind in harness.CONTRADICTION_KINDS + harness.CONTROL_KINDS}
    for pair in pairs:
        counts[pair.kind] += 1
        assert pair.id.startswith(prefix) and pair.note.strip(), pair.id
    assert min(counts.values()) >= 8, counts
    assert len({frozenset({p.a, p.b}) for p in pairs}) == len(pairs)
