"""Tests for conflictscan.report._records and the ScanResult serialisers."""

from __future__ import annotations

import builtins
import json

import pytest

from conflictscan import Conflict, Document, Evidence, PairScore, ScanResult, Sentence
from conflictscan.report import RECORD_COLUMNS, render_table, result_to_records

DOC_A = Document("Police said 30 people died in the fire.", doc_id="a", source="Outlet A")
DOC_B = Document("Nobody was hurt in the fire, officials said.", doc_id="b", source="Outlet B")


def _result() -> ScanResult:
    sa = Sentence(DOC_A.text, 0, len(DOC_A.text), "a", 0, "Police", "Outlet A", "30 people died")
    sb = Sentence(DOC_B.text, 0, len(DOC_B.text), "b", 0, "officials", "Outlet B")
    conflict = Conflict(
        a=sa,
        b=sb,
        confidence=0.91,
        scores=(
            PairScore(sa.text, sb.text, 0.8, 0.1, 0.1),
            PairScore(sb.text, sa.text, 0.7, 0.1, 0.2),
        ),
        reasons=("numeric", "nli"),
        evidence=(Evidence("numeric", "30 died", "0 hurt", 0.95, "30 died vs 0 hurt"),),
        relatedness=0.7,
    )
    return ScanResult(
        conflicts=(conflict,),
        sentences=(sa, sb),
        documents=(DOC_A, DOC_B),
        pairs_considered=1,
        pairs_scored=2,
        model="fake",
        threshold=0.5,
    )


def test_to_json_has_the_documented_shape() -> None:
    data = json.loads(_result().to_json())
    first = data["conflicts"][0]
    for side in ("a", "b"):
        assert {"text", "doc_id", "start", "end", "source"} <= set(first[side])
    assert first["a"]["doc_id"] == "a" and first["b"]["source"] == "Outlet B"
    assert first["confidence"] == pytest.approx(0.91)
    assert first["scores"]["a_to_b"]["contradiction"] == pytest.approx(0.8)
    assert data["meta"]["pairs_scored"] == 2


def test_records_are_flat_with_stable_columns() -> None:
    rows = _result().to_records()
    assert list(rows[0]) == list(RECORD_COLUMNS)
    assert rows[0]["a_speaker"] == "Police" and rows[0]["contradiction_ba"] == pytest.approx(0.7)
    assert rows[0]["reasons"] == "numeric,nli"
    assert result_to_records(_result().conflicts) == rows


def test_to_pandas_columns() -> None:
    pd = pytest.importorskip("pandas")
    frame = _result().to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(RECORD_COLUMNS) and len(frame) == 1


def test_to_pandas_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "pandas":
            raise ImportError("no pandas")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ImportError, match=r"conflictscan\[pandas\]"):
        _result().to_pandas()


def test_render_table_shows_both_sides_and_why() -> None:
    text = render_table(_result(), width=80)
    assert "confidence 0.91" in text and "a Outlet A [0:" in text
    assert "why: numeric: 30 died vs 0 hurt" in text
    assert text.splitlines()[-1].startswith("1 conflict(s)")


def test_empty_result_renders_summary() -> None:
    empty = ScanResult(conflicts=())
    assert render_table(empty).startswith("0 conflict(s)")
    assert json.loads(empty.to_json())["conflicts"] == []
    assert len(empty) == 0 and list(empty) == []
