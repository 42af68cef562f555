"""Every misuse gets one clear message naming the bad value and the fix, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import conflictscan
from conflictscan import Document, InputError, Scanner, scan_collection
from conflictscan.batch import BatchReport
from conflictscan.cli import app
from conftest import FakeEncoder, FakeScorer

runner = CliRunner()
TEXT = "The council said the bridge on Elm Street was not safe for traffic on Monday.\n"


def _error_line(result: Any) -> str:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, r"nothing to scan: got None; pass a text \(str\), a Document or a list"),
        (123, r"cannot scan int 123; pass a text \(str\)"),
        (b"Troops left.", r"got bytes, not text; decode it first, e\.g\. data\.decode\('utf-8'\)"),
        ([b"Troops left."], r"item 0 is bytes, not text; decode it first"),
        ([Document(text=None)], r"document 0 \('doc0'\) has text of type NoneType None; Document"),  # type: ignore[arg-type]
        ({"text": "x"}, r"cannot scan dict \{'text': 'x'\}"),
        ([1.5], r"item 0 is float 1\.5; expected str or Document"),
    ],
)
def test_scan_rejects_non_text_with_the_fix(value: Any, expected: str) -> None:
    with pytest.raises(InputError, match=expected):
        conflictscan.scan(value, scorer=FakeScorer(), encoder=FakeEncoder())


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"threshold": "x"}, r"threshold must be in \[0, 1\], got 'x' \(str\); pass a number"),
        ({"threshold": float("nan")}, r"threshold must be in \[0, 1\], got nan"),
        ({"batch_size": True}, r"batch_size must be positive \(an integer >= 1\), got bool"),
        ({"top_k": 2.5}, r"top_k must be positive .* got float 2\.5"),
        ({"min_similarity": "a"}, r"min_similarity must be None or a number in \[-1, 1\]"),
        ({"max_chars": 0}, r"max_chars must be positive"),
        ({"min_words": -1}, r"min_words must be an integer >= 0"),
        ({"pairing": 3}, r"pairing must be a strategy name or a callable, got int"),
        ({"reasoning": ["x"]}, r"unknown reasoning \['x'\]"),
    ],
)
def test_scanner_options_are_checked_up_front(options: dict[str, Any], expected: str) -> None:
    with pytest.raises(InputError, match=expected):
        Scanner(**options)


def test_scan_names_unknown_options() -> None:
    with pytest.raises(InputError, match=r"unknown option\(s\) 'treshold'; valid options: .*"):
        conflictscan.scan(TEXT, treshold=0.5)


def test_size_limit_names_the_parameter_and_the_flag(tmp_path: Path) -> None:
    scanner = Scanner(scorer=FakeScorer(), encoder=FakeEncoder(), max_chars=20)
    with pytest.raises(InputError, match=r"more than max_chars=20; .*--max-chars"):
        scanner.scan(TEXT)
    path = tmp_path / "long.txt"
    path.write_text(TEXT * 3)
    line = _error_line(runner.invoke(app, ["scan", str(path), "--max-chars", "50"]))
    assert "max_chars=50" in line and "--max-chars" in line


def test_stdin_twice_and_empty_stdin() -> None:
    line = _error_line(runner.invoke(app, ["scan", "-", "-"], input=TEXT))
    assert "'-' (standard input) was given more than once" in line
    line = _error_line(runner.invoke(app, ["scan", "-"], input="  \n"))
    assert "standard input ('-') is empty; pipe a text in" in line


def _batch(path: Path, tmp_path: Path, *extra: str) -> Any:
    args = ["batch", str(path), "--out", str(tmp_path / "out.jsonl"), "--no-cache", *extra]
    return runner.invoke(app, args)


def test_batch_input_problems_are_one_line(tmp_path: Path) -> None:
    header = tmp_path / "header.csv"
    header.write_text("doc_id,text\n")
    assert "has a header but no rows" in _error_line(_batch(header, tmp_path))
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"doc_id": "a", "text": "x"}\n{"doc_id": "b", "text": \n')
    assert "line 2, column 25: Expecting value" in _error_line(_batch(broken, tmp_path))
    blank = tmp_path / "blank.jsonl"
    blank.write_text('{"doc_id": "a", "text": " "}\n{"doc_id": "b", "text": ""}\n')
    line = _error_line(_batch(blank, tmp_path))
    assert "none of the 2 articles can be scanned (2 empty text)" in line
    assert "--text-column" in line


def test_all_empty_texts_are_an_error_not_a_success(tmp_path: Path) -> None:
    rows = [{"doc_id": "a", "story": "s", "text": ""}, {"doc_id": "b", "story": None, "text": "x"}]
    with pytest.raises(InputError, match=r"none of the 2 .*1 empty text, 1 no group value"):
        scan_collection(
            rows,
            scanner=Scanner(scorer=FakeScorer(), encoder=FakeEncoder()),
            group_column="story",
            out=tmp_path / "out.jsonl",
            cache=False,
        )


def _report(**counts: Any) -> BatchReport:
    base: dict[str, Any] = {
        "articles_read": 4,
        "articles_skipped": {},
        "groups": 1,
        "groups_skipped": {},
        "grouping": "column",
        "sentences": 10,
        "pairs_considered": 9,
        "pairs_requested": 18,
        "pairs_computed": 0,
        "all_pairs": 45,
        "all_pairs_in_groups": 20,
        "cache_hits": 18,
        "near_duplicates": 0,
        "conflicts": 1,
        "seconds": 0.5,
        "out": Path("out.jsonl"),
    }
    return BatchReport(**{**base, **counts})


def test_summary_never_prints_infinite_ratios() -> None:
    assert "(every score from the cache)" in _report().summary()
    assert "(nothing to score)" in _report(cache_hits=0).summary()
    assert "(2.5x fewer)" in _report(pairs_computed=18).summary()
    skipped = _report(articles_skipped={"empty text": 2}).summary()
    assert "4 articles (2 empty text, not scanned)" in skipped
    assert "inf" not in _report().summary()
