"""Tests for batch scanning: reading, grouping, caching, resuming, engines, bad input."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from conflictscan import BatchError, Document, InputError, Scanner, scan_collection
from conflictscan.batch import OUTPUT_COLUMNS, BatchReport, ScoreCache, iter_rows
from conftest import REPO_ROOT, FakeEncoder, FakeScorer

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from gen_collection import generate_collection, write_jsonl  # noqa: E402

SRC = REPO_ROOT / "src"
TESTS = REPO_ROOT / "tests"


def fake_scanner() -> Scanner:
    """Module-level factory, so subprocesses and Ray workers can build the same scanner."""
    return Scanner(scorer=FakeScorer(), encoder=FakeEncoder(), reasoning="nli")


@pytest.fixture(scope="module")
def collection() -> list[dict[str, Any]]:
    return generate_collection(8, articles_per_story=(3, 5), conflict_rate=0.6, seed=2).articles


@pytest.fixture
def articles_path(tmp_path: Path, collection: list[dict[str, Any]]) -> Path:
    return write_jsonl(tmp_path / "articles.jsonl", collection)


def _scan(data: Any, tmp_path: Path, **kwargs: Any) -> BatchReport:
    options: dict[str, Any] = {
        "scanner": fake_scanner(),
        "group_column": "story_id",
        "source_column": "source",
        "date_column": "published",
        "cache": False,
        "show_progress": False,
    }
    options.update(kwargs)
    options.setdefault("out", tmp_path / "out.jsonl")
    return scan_collection(data, **options)


def _expected_rows(collection: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What scanning each story directly gives, in story order."""
    scanner = Scanner(
        scorer=FakeScorer(), encoder=FakeEncoder(), reasoning="nli", pairing="cross-similar"
    )
    stories: dict[str, list[Document]] = {}
    for art in collection:
        doc = Document(art["text"], art["doc_id"], art["source"], published=art["published"])
        stories.setdefault(art["story_id"], []).append(doc)
    rows = []
    for story, docs in stories.items():
        rows += [{"group": story, **r} for r in scanner.scan(docs).to_records()]
    return json.loads(json.dumps(rows))


def test_rows_equal_a_direct_scan_of_each_story(
    articles_path: Path, tmp_path: Path, collection: list[dict[str, Any]]
) -> None:
    report = _scan(articles_path, tmp_path)
    rows = list(report)
    assert rows == _expected_rows(collection)
    assert rows and list(rows[0]) == list(OUTPUT_COLUMNS)
    assert report.conflicts == len(rows) == sum(1 for _ in iter_rows(report.out))
    assert (report.articles_read, report.groups, report.grouping) == (len(collection), 8, "column")


def test_report_counts_pruning(articles_path: Path, tmp_path: Path) -> None:
    report = _scan(articles_path, tmp_path)
    assert 0 < report.pairs_computed <= report.pairs_requested
    assert report.pairs_considered < report.all_pairs_in_groups < report.all_pairs
    assert report.sentences > 0 and report.seconds > 0
    assert report.to_dict()["out"] == str(report.out)
    assert "pairs scored" in report.summary()


def test_planted_conflicts_are_found(tmp_path: Path) -> None:
    coll = generate_collection(6, articles_per_story=(3, 4), conflict_rate=1.0, seed=5)
    # FakeScorer only sees explicit negation words ("not", "never"…), not "refused".
    negated = re.compile(r"\b(not|no|never)\b")
    negations = [p for p in coll.planted if negated.search(p["text_a"])]
    report = _scan(coll.articles, tmp_path)
    found = {(r["a_text"], r["b_text"]) for r in report} | {
        (r["b_text"], r["a_text"]) for r in report
    }
    assert negations and all((p["text_a"], p["text_b"]) in found for p in negations)


def test_cache_makes_a_second_run_score_nothing(articles_path: Path, tmp_path: Path) -> None:
    cache = ScoreCache(tmp_path / "scores.sqlite")
    first = _scan(articles_path, tmp_path, cache=cache, out=tmp_path / "one.jsonl")
    second_scorer = FakeScorer()
    second = _scan(
        articles_path,
        tmp_path,
        cache=tmp_path / "scores.sqlite",
        out=tmp_path / "two.jsonl",
        scanner=Scanner(scorer=second_scorer, encoder=FakeEncoder(), reasoning="nli"),
    )
    assert first.pairs_computed > 0 and first.cache_hits == 0
    assert second.pairs_computed == 0 and second.cache_hits == first.pairs_computed
    assert second_scorer.calls == []
    assert list(first) == list(second)


def test_near_duplicates_are_scored_once(tmp_path: Path) -> None:
    base = "Officials said the dam near Kesbrook held during the storm."
    docs = [
        {"doc_id": "a", "story_id": "s", "source": "A", "published": None, "text": base},
        {"doc_id": "b", "story_id": "s", "source": "B", "published": None, "text": base.upper()},
        {
            "doc_id": "c",
            "story_id": "s",
            "source": "C",
            "published": None,
            "text": "Officials said the dam near Kesbrook did not hold during the storm.",
        },
    ]
    report = _scan(docs, tmp_path)
    assert report.near_duplicates > 0
    assert report.pairs_computed < report.pairs_requested
    assert {r["a_doc_id"] for r in report} | {r["b_doc_id"] for r in report} == {"a", "b", "c"}


def test_automatic_grouping(articles_path: Path, tmp_path: Path) -> None:
    report = _scan(articles_path, tmp_path, group_column=None, title_column="title")
    assert report.grouping == "tfidf" and report.groups == 8
    assert {r["group"] for r in report} <= {f"story-{k:05d}" for k in range(8)}
    stories = {r["a_doc_id"][:5] == r["b_doc_id"][:5] for r in report}
    assert stories == {True}


def test_embedding_grouping_uses_the_scanner_encoder(articles_path: Path, tmp_path: Path) -> None:
    report = _scan(articles_path, tmp_path, group_column=None, grouping="embedding")
    assert report.grouping == "embedding" and report.groups >= 1


def test_dataset_dict_and_list_inputs(
    tmp_path: Path, collection: list[dict[str, Any]], articles_path: Path
) -> None:
    import datasets

    expected = list(_scan(articles_path, tmp_path, out=tmp_path / "file.jsonl"))
    data = datasets.DatasetDict({"train": datasets.Dataset.from_list(collection)})
    from_dict = _scan(data, tmp_path, split="train", out=tmp_path / "dict.jsonl")
    from_list = _scan(collection, tmp_path, out=tmp_path / "list.jsonl")
    assert list(from_dict) == list(from_list) == expected


def test_csv_input_and_parquet_output(
    tmp_path: Path, collection: list[dict[str, Any]], articles_path: Path
) -> None:
    import pandas as pd

    csv_path = tmp_path / "articles.csv"
    pd.DataFrame(collection).to_csv(csv_path, index=False)
    expected = list(_scan(articles_path, tmp_path, out=tmp_path / "ref.jsonl"))
    report = _scan(csv_path, tmp_path, out=tmp_path / "out.parquet")
    assert report.out.suffix == ".parquet" and list(report) == expected
    assert not (tmp_path / "out.parquet.rows.jsonl").exists()
    assert pd.read_parquet(report.out).columns.tolist() == list(OUTPUT_COLUMNS)
    again = _scan(csv_path, tmp_path, out=tmp_path / "out.parquet")
    assert again.resumed_groups == 8 and list(again) == expected
    assert not (tmp_path / "out.parquet.rows.jsonl").exists()


def test_out_none_writes_a_temporary_file(collection: list[dict[str, Any]]) -> None:
    report = scan_collection(
        collection, scanner=fake_scanner(), group_column="story_id", cache=False
    )
    assert report.out.is_file() and report.conflicts == len(list(report))


def test_rerun_of_a_finished_job_is_a_no_op(articles_path: Path, tmp_path: Path) -> None:
    first = _scan(articles_path, tmp_path)
    scorer = FakeScorer()
    again = _scan(
        articles_path,
        tmp_path,
        scanner=Scanner(scorer=scorer, encoder=FakeEncoder(), reasoning="nli"),
    )
    assert scorer.calls == [] and again.resumed_groups == first.groups
    assert list(again) == list(first) and again.conflicts == first.conflicts


class _FailingScorer(FakeScorer):
    """Raises on the ``fail_at``-th call (one call per group)."""

    def __init__(self, fail_at: int) -> None:
        super().__init__()
        self.fail_at, self.count = fail_at, 0

    def score_pairs(self, pairs, *, show_progress=False):  # type: ignore[no-untyped-def]
        self.count += 1
        if self.count == self.fail_at:
            raise RuntimeError("device lost")
        return super().score_pairs(pairs, show_progress=show_progress)


def test_failure_raises_batch_error_and_resume_completes(
    articles_path: Path, tmp_path: Path
) -> None:
    reference = _scan(articles_path, tmp_path, out=tmp_path / "ref.jsonl")
    failing = Scanner(scorer=_FailingScorer(4), encoder=FakeEncoder(), reasoning="nli")
    with pytest.raises(BatchError, match="group 's0003' failed: RuntimeError: device lost") as err:
        _scan(articles_path, tmp_path, scanner=failing)
    assert err.value.resume_from == "s0003"
    resumed = _scan(articles_path, tmp_path)
    assert resumed.resumed_groups == 3
    assert (tmp_path / "out.jsonl").read_bytes() == reference.out.read_bytes()


def test_torn_writes_are_repaired_on_resume(articles_path: Path, tmp_path: Path) -> None:
    reference = _scan(articles_path, tmp_path, out=tmp_path / "ref.jsonl")
    out = tmp_path / "out.jsonl"
    progress = tmp_path / "out.jsonl.progress.jsonl"
    failing = Scanner(scorer=_FailingScorer(6), encoder=FakeEncoder(), reasoning="nli")
    with pytest.raises(BatchError):
        _scan(articles_path, tmp_path, scanner=failing)
    with out.open("ab") as fh:  # rows of a group whose log line never made it
        fh.write(b'{"group": "s0005", "confidence": 0.9')
    with progress.open("ab") as fh:  # a log line cut short
        fh.write(b'{"group": "s0005", "offs')
    _scan(articles_path, tmp_path)
    assert out.read_bytes() == reference.out.read_bytes()
    lines = progress.read_text().splitlines()
    assert json.loads(lines[-1]) == {"done": True} and len(lines) == 1 + 8 + 1


_KILL_SCRIPT = """
import sys, time
sys.path[:0] = [{src!r}, {tests!r}]
from conftest import FakeScorer, FakeEncoder
from conflictscan.batch._collection import scan_collection
from conflictscan._scanner import Scanner

class SlowScorer(FakeScorer):
    def score_pairs(self, pairs, *, show_progress=False):
        time.sleep(0.15)
        return super().score_pairs(pairs, show_progress=show_progress)

scan_collection({data!r}, scanner=Scanner(scorer=SlowScorer(), encoder=FakeEncoder(),
                reasoning="nli"), group_column="story_id", source_column="source",
                date_column="published", out={out!r}, cache={cache!r}, show_progress=False)
"""


def _group_lines(progress: Path) -> int:
    if not progress.exists():
        return 0
    return sum(1 for line in progress.read_bytes().splitlines() if line.startswith(b'{"group"'))


def _run_and_kill(script: Path, progress: Path, after_groups: int) -> None:
    proc = subprocess.Popen([sys.executable, str(script)], env={**os.environ, "PYTHONPATH": ""})
    deadline = time.monotonic() + 60
    while _group_lines(progress) < after_groups and proc.poll() is None:
        assert time.monotonic() < deadline, "batch subprocess made no progress"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)


def test_sigkill_mid_run_then_resume_gives_identical_rows(
    articles_path: Path, tmp_path: Path
) -> None:
    reference = _scan(articles_path, tmp_path, out=tmp_path / "ref.jsonl")
    out = tmp_path / "out.jsonl"
    script = tmp_path / "run.py"
    code = _KILL_SCRIPT.format(
        src=str(SRC),
        tests=str(TESTS),
        data=str(articles_path),
        out=str(out),
        cache=str(tmp_path / "scores.sqlite"),
    )
    script.write_text(textwrap.dedent(code))
    progress = tmp_path / "out.jsonl.progress.jsonl"
    for after in (2, 5):  # killed twice, at different points
        _run_and_kill(script, progress, after)
        assert _group_lines(progress) < 8
    done = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert out.read_bytes() == reference.out.read_bytes()


def test_other_settings_against_existing_progress(articles_path: Path, tmp_path: Path) -> None:
    _scan(articles_path, tmp_path)
    with pytest.raises(InputError, match="other input .*scanner: threshold was 0.5, now 0.8"):
        _scan(
            articles_path,
            tmp_path,
            scanner=Scanner(
                scorer=FakeScorer(), encoder=FakeEncoder(), reasoning="nli", threshold=0.8
            ),
        )
    report = _scan(articles_path, tmp_path, overwrite=True, pairing="all")
    assert report.resumed_groups == 0 and report.groups == 8


def test_changed_input_against_existing_progress(
    tmp_path: Path, collection: list[dict[str, Any]]
) -> None:
    _scan(collection, tmp_path)
    changed = [dict(collection[0], text=collection[0]["text"] + " Extra."), *collection[1:]]
    with pytest.raises(InputError, match="settings \\(the input's content differs\\)"):
        _scan(changed, tmp_path)


def test_existing_output_without_progress(articles_path: Path, tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").write_text("someone else's file\n")
    with pytest.raises(InputError, match="already exists and has no progress file"):
        _scan(articles_path, tmp_path)
    assert _scan(articles_path, tmp_path, overwrite=True).groups == 8


def test_missing_column_lists_existing(articles_path: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="'body'.*columns 'doc_id', 'story_id'"):
        _scan(articles_path, tmp_path, text_column="body")
    with pytest.raises(InputError, match="'storyid'"):
        _scan(articles_path, tmp_path, group_column="storyid")


def _rows(*specs: tuple[Any, Any, Any]) -> list[dict[str, Any]]:
    return [{"doc_id": i, "story_id": g, "text": t} for i, g, t in specs]


PLAIN: dict[str, Any] = {"source_column": None, "date_column": None}
TEXT = "The council said the bridge on Elm Street was not safe for traffic."
OTHER = "The council said the bridge on Elm Street was safe for traffic."


def test_duplicate_ids_are_listed(tmp_path: Path) -> None:
    data = _rows(("a", "s", TEXT), ("a", "s", OTHER), ("b", "s", TEXT))
    with pytest.raises(InputError, match="1 repeated value.*'a'.*de-duplicate"):
        _scan(data, tmp_path, **PLAIN)


def test_null_and_non_string_ids(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="row 1: id column 'doc_id' holds NoneType"):
        _scan(_rows(("a", "s", TEXT), (None, "s", OTHER)), tmp_path, **PLAIN)
    with pytest.raises(InputError, match="holds float 1.5"):
        _scan(_rows((1.5, "s", TEXT), (2.5, "s", OTHER)), tmp_path, **PLAIN)


def test_integer_ids_are_accepted(tmp_path: Path) -> None:
    report = _scan(_rows((1, "s", TEXT), (2, "s", OTHER)), tmp_path, **PLAIN)
    assert {r["a_doc_id"] for r in report} <= {"1", "2"} and report.conflicts == 1


def test_non_text_is_rejected(tmp_path: Path) -> None:
    data = _rows(("a", "s", ["x"]), ("b", "s", ["y"]))
    with pytest.raises(InputError, match=r"row 0 \(id 'a'\): column 'text' holds list"):
        _scan(data, tmp_path, **PLAIN)


def test_empty_texts_singletons_and_missing_groups_are_counted(tmp_path: Path) -> None:
    data = _rows(
        ("a", "s", TEXT), ("b", "s", OTHER), ("c", "s", "   "), ("d", "t", TEXT), ("e", None, TEXT)
    )
    report = _scan(data, tmp_path, **PLAIN)
    assert report.articles_read == 5
    assert report.articles_skipped == {"empty text": 1, "no group value": 1}
    assert report.groups_skipped == {"single article": 1}
    assert report.groups == 1 and report.conflicts == 1


def test_group_too_large_for_exhaustive_pairing_is_skipped(tmp_path: Path) -> None:
    data = _rows(
        ("a", "s", f"{TEXT} {OTHER}"),
        ("b", "s", f"{OTHER} {TEXT}"),
        ("c", "t", TEXT),
        ("d", "t", OTHER),
    )
    scanner = Scanner(scorer=FakeScorer(), encoder=FakeEncoder(), reasoning="nli", max_pairs=2)
    report = _scan(data, tmp_path, scanner=scanner, pairing="all", **PLAIN)
    assert report.groups_skipped == {"too many pairs": 1} and report.groups == 1


def test_bad_dates_and_options(articles_path: Path, tmp_path: Path) -> None:
    data = [dict(r, published="soon") for r in _rows(("a", "s", TEXT), ("b", "s", OTHER))]
    with pytest.raises(InputError, match="row 0, column 'published'.*'soon' is not an ISO-8601"):
        _scan(data, tmp_path, source_column=None)
    with pytest.raises(InputError, match="unknown engine 'spark'; choose one of 'local', 'ray'"):
        _scan(articles_path, tmp_path, engine="spark")
    with pytest.raises(InputError, match="workers=4 is not valid with engine='local'"):
        _scan(articles_path, tmp_path, workers=4)
    with pytest.raises(InputError, match="unknown grouping 'lda'"):
        _scan(articles_path, tmp_path, grouping="lda")
    with pytest.raises(InputError, match="suffix '.csv'; expected '.jsonl' or '.parquet'"):
        _scan(articles_path, tmp_path, out=tmp_path / "out.csv")
    with pytest.raises(InputError, match="cache=42 is not valid"):
        _scan(articles_path, tmp_path, cache=42)


def test_unreadable_and_empty_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(InputError, match="is empty"):
        _scan(empty, tmp_path)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"doc_id": "a", "text": \n')
    with pytest.raises(InputError, match="cannot read .*broken.jsonl"):
        _scan(broken, tmp_path)
    with pytest.raises(InputError, match="split='train' applies to a DatasetDict"):
        _scan(tmp_path / "broken.jsonl", tmp_path, split="train")


def test_iter_rows_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no batch output at"):
        iter_rows(tmp_path / "nope.jsonl")


@pytest.mark.ray
def test_ray_engine_gives_identical_rows(articles_path: Path, tmp_path: Path) -> None:
    ray = pytest.importorskip("ray", reason="the ray extra is not installed")
    local = _scan(articles_path, tmp_path, out=tmp_path / "local.jsonl")
    path = os.pathsep.join([str(SRC), str(TESTS), str(Path(__file__).resolve().parent)])
    ray.init(num_cpus=2, include_dashboard=False, runtime_env={"env_vars": {"PYTHONPATH": path}})
    try:
        report = _scan(
            articles_path,
            tmp_path,
            scanner=None,
            scanner_factory=fake_scanner,
            engine="ray",
            workers=2,
            out=tmp_path / "ray.jsonl",
            cache=tmp_path / "scores.sqlite",
        )
    finally:
        ray.shutdown()
    assert report.out.read_bytes() == local.out.read_bytes()
    assert report.groups == local.groups and report.pairs_computed == local.pairs_computed


def test_progress_bars_only_when_asked(
    articles_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _scan(articles_path, tmp_path, out=tmp_path / "quiet.jsonl")
    assert "groups" not in capsys.readouterr().err
    _scan(articles_path, tmp_path, out=tmp_path / "loud.jsonl", show_progress=True)
    err = capsys.readouterr().err
    assert "articles" in err and "groups" in err and "pairs scored" in err


def test_importing_batch_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys, conflictscan.batch; "
        "print(sorted(m for m in ('torch', 'datasets', 'sklearn', 'ray') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_disk_full_mid_run_is_one_batch_error_and_resumes(
    articles_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from conflictscan.batch import _journal as batch

    reference = _scan(articles_path, tmp_path, out=tmp_path / "ref.jsonl")
    real, calls = batch._append, []

    def full_after_a_while(fh: Any, data: bytes) -> None:
        calls.append(data)
        if len(calls) == 7:
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out.jsonl"))
        real(fh, data)

    monkeypatch.setattr(batch, "_append", full_after_a_while)
    with pytest.raises(
        BatchError, match=r"out.jsonl' failed \(No space left on device\); .*resumes"
    ):
        _scan(articles_path, tmp_path)
    monkeypatch.setattr(batch, "_append", real)
    resumed = _scan(articles_path, tmp_path)
    assert resumed.resumed_groups > 0
    assert (tmp_path / "out.jsonl").read_bytes() == reference.out.read_bytes()


def _first_pair(sentences, **options):  # type: ignore[no-untyped-def]
    """A pairing callable at module level, so that it pickles by reference."""
    return [(0, 1)] if len(sentences) > 1 else []


def test_a_pairing_callable_survives_the_ray_worker_factory() -> None:
    import pickle

    from conflictscan.batch._engines import _worker_factory

    scanner = Scanner(scorer=FakeScorer(), pairing=_first_pair, threshold=0.4)
    factory = pickle.loads(pickle.dumps(_worker_factory(None, scanner)))
    rebuilt = factory()
    assert rebuilt.pairing is _first_pair
    assert rebuilt.config == scanner.config


def test_batch_report_pairs_scored_is_a_deprecated_alias(
    articles_path: Path, tmp_path: Path
) -> None:
    report = _scan(articles_path, tmp_path)
    with pytest.warns(DeprecationWarning, match="pairs_computed"):
        assert report.pairs_scored == report.pairs_computed
