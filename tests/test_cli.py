"""Tests for the command-line interface, through typer's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictscan.cli import app
from conflictscan.report import RECORD_COLUMNS

runner = CliRunner()

TEXT_A = "The harbour bridge reopened to traffic on Wednesday after repairs, officials said.\n"
TEXT_B = "The harbour bridge remains closed to all traffic, the council said on Thursday.\n"


@pytest.fixture
def articles(tmp_path: Path) -> list[str]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXT_A, encoding="utf-8")
    b.write_text(TEXT_B, encoding="utf-8")
    return [str(a), str(b)]


def _scan(args: list[str], model: Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["scan", *args, "--model", str(model), "--threshold", "0"])


def test_scan_json_has_the_documented_shape(articles, tiny_model_dirs) -> None:  # type: ignore[no-untyped-def]
    result = _scan([*articles, "--format", "json", "--reasoning", "nli"], tiny_model_dirs["cen"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["conflicts"]) == 1
    first = data["conflicts"][0]
    for side in ("a", "b"):
        assert {"text", "doc_id", "start", "end", "source"} <= set(first[side])
    assert 0.0 <= first["confidence"] <= 1.0
    texts = {Path(p).name: Path(p).read_text() for p in articles}
    a = first["a"]
    assert texts[Path(a["doc_id"]).name][a["start"] : a["end"]] == a["text"]


def test_scan_csv_and_jsonl(articles, tiny_model_dirs) -> None:  # type: ignore[no-untyped-def]
    csv_out = _scan([*articles, "-f", "csv", "--reasoning", "nli"], tiny_model_dirs["cen"])
    assert csv_out.exit_code == 0
    assert csv_out.stdout.splitlines()[0].split(",") == list(RECORD_COLUMNS)
    jsonl = _scan([*articles, "-f", "jsonl", "--reasoning", "nli"], tiny_model_dirs["cen"])
    assert [json.loads(line)["a"]["doc_id"] for line in jsonl.stdout.splitlines()] == [articles[0]]


def test_scan_table_with_news_reasoning(articles, tiny_model_dirs) -> None:  # type: ignore[no-untyped-def]
    result = _scan(articles, tiny_model_dirs["cen"])
    assert result.exit_code == 0, result.output
    assert "conflict(s) at threshold 0.00" in result.stdout


def test_scan_reads_stdin(tiny_model_dirs) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        app,
        ["scan", "-", "--model", str(tiny_model_dirs["cen"]), "-f", "json", "--threshold", "0"],
        input=TEXT_A + "\n" + TEXT_B,
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["conflicts"][0]["a"]["doc_id"] == "stdin"


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00\x00data", "binary"),
        (b"caf\xe9 au lait was served at the harbour today", "UTF-8"),
    ],
)
def test_bad_files_fail_with_one_line(tmp_path: Path, content: bytes, match: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = runner.invoke(app, ["scan", str(bad)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and match in lines[0]


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_missing_model_dir_says_how_to_fix(articles, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["scan", *articles, "--model", str(tmp_path / "no-model")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1


def test_hub_model_while_offline_points_at_local_models(articles) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["scan", *articles, "--model", "some-org/not-cached-nli-model"])
    assert result.exit_code == 1
    assert "local" in result.stderr.lower()


def test_bad_option_values_are_usage_errors(articles) -> None:  # type: ignore[no-untyped-def]
    assert runner.invoke(app, ["scan", *articles, "--threshold", "2"]).exit_code == 2
    bad = runner.invoke(app, ["scan", *articles, "--pairing", "everything"])
    assert bad.exit_code == 1 and "unknown pairing strategy" in bad.stderr
    bad = runner.invoke(app, ["scan", *articles, "--directions", "sideways"])
    assert bad.exit_code == 1 and "directions must be 'auto' or 'both'" in bad.stderr


def test_both_directions_from_the_command_line(articles, tiny_model_dirs) -> None:  # type: ignore[no-untyped-def]
    runs = {
        d: _scan([*articles, "--format", "json", "--directions", d], tiny_model_dirs["cen"])
        for d in ("auto", "both")
    }
    assert all(r.exit_code == 0 for r in runs.values()), runs["both"].output
    scored = {d: json.loads(r.stdout)["meta"]["pairs_scored"] for d, r in runs.items()}
    assert scored["auto"] <= scored["both"]


def test_models_lists_presets() -> None:
    result = runner.invoke(app, ["models", "--format", "json"])
    assert result.exit_code == 0
    names = [row["name"] for row in json.loads(result.stdout)]
    assert names[:4] == ["mini", "standard", "base", "large"]
    assert [row["offline"] for row in json.loads(result.stdout)][:2] == [True, True]


def test_python_dash_m_entry_point() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "conflictscan", "--help"], capture_output=True, text=True, check=True
    )
    assert "scan" in out.stdout and "models" in out.stdout


def _pairs_file(path: Path) -> Path:
    rows = [
        {
            "premise": "A man is playing a guitar.",
            "hypothesis": "A man plays music.",
            "label": "entailment",
        },
        {
            "premise": "A dog runs in a park.",
            "hypothesis": "A cat sleeps indoors.",
            "label": "contradiction",
        },
        {
            "premise": "Two kids are outside.",
            "hypothesis": "The kids are siblings.",
            "label": "neutral",
        },
    ] * 4
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_evaluate_json(tmp_path: Path, tiny_model_dirs) -> None:  # type: ignore[no-untyped-def]
    data = _pairs_file(tmp_path / "pairs.jsonl")
    result = runner.invoke(
        app, ["evaluate", str(data), "--model", str(tiny_model_dirs["cen"]), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n"] == 12 and 0.0 <= report["accuracy"] <= 1.0


def test_evaluate_missing_column_lists_columns(tmp_path: Path, tiny_model_dirs) -> None:  # type: ignore[no-untyped-def]
    data = _pairs_file(tmp_path / "pairs.jsonl")
    result = runner.invoke(
        app,
        ["evaluate", str(data), "--model", str(tiny_model_dirs["cen"]), "--label-column", "gold"],
    )
    assert result.exit_code == 1
    assert "gold" in result.stderr and "premise" in result.stderr


def test_train_writes_a_loadable_model(tmp_path: Path, tiny_model_dirs) -> None:  # type: ignore[no-untyped-def]
    data = _pairs_file(tmp_path / "pairs.jsonl")
    out = tmp_path / "model"
    args = ["train", str(data), "--base", str(tiny_model_dirs["cen"]), "--out", str(out)]
    result = runner.invoke(app, [*args, "--max-steps", "2", "--batch-size", "4"])
    assert result.exit_code == 0, result.output
    assert (out / "config.json").is_file()
    again = runner.invoke(app, args)
    assert again.exit_code == 1 and "overwrite" in again.stderr.lower()


def test_batch_writes_conflicts(tmp_path: Path, tiny_model_dirs) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {"doc_id": "a", "story": "s1", "text": TEXT_A + "The repairs cost four million dollars."},
        {"doc_id": "b", "story": "s1", "text": TEXT_B + "The repairs cost six million dollars."},
    ]
    data = tmp_path / "articles.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "conflicts.jsonl"
    args = ["batch", str(data), "--out", str(out), "--group-column", "story"]
    result = runner.invoke(
        app, [*args, "--model", str(tiny_model_dirs["cen"]), "--threshold", "0", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert lines and all(json.loads(line)["group"] == "s1" for line in lines)


def test_batch_missing_column(tmp_path: Path) -> None:
    data = tmp_path / "articles.jsonl"
    data.write_text('{"id": "a", "body": "x"}\n', encoding="utf-8")
    result = runner.invoke(app, ["batch", str(data), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1 and "body" in result.stderr


def test_evaluate_news_on_a_small_story_file(tmp_path: Path, tiny_model_dirs) -> None:  # type: ignore[no-untyped-def]
    stories = Path(__file__).resolve().parent.parent / "benchmarks" / "news" / "stories.jsonl"
    small = tmp_path / "stories.jsonl"
    small.write_text("\n".join(stories.read_text(encoding="utf-8").splitlines()[:2]) + "\n")
    result = runner.invoke(
        app,
        ["evaluate-news", str(small), "--model", str(tiny_model_dirs["cen"]), "-f", "json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert "recall" in json.dumps(report)


def test_batch_automatic_grouping_flags(tmp_path: Path, tiny_model_dirs) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {"doc_id": "a", "title": "Harbour bridge", "text": TEXT_A + "Repairs cost four million."},
        {"doc_id": "b", "title": "Harbour bridge", "text": TEXT_B + "Repairs cost six million."},
    ]
    data = tmp_path / "articles.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "conflicts.jsonl"
    args = ["batch", str(data), "--out", str(out), "--title-column", "title"]
    extra = ["--grouping", "tfidf", "--grouping-threshold", "0.2", "--pairing", "cross-document"]
    result = runner.invoke(
        app,
        [*args, *extra, "--model", str(tiny_model_dirs["cen"]), "--threshold", "0", "--no-cache"],
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().strip()
    bad = runner.invoke(app, [*args, "--grouping", "vibes", "--overwrite", "--no-cache"])
    assert bad.exit_code == 1 and "vibes" in bad.stderr
