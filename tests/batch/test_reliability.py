"""Reliability with real processes and real files: one writer per output, a cache that
cannot lie, and one clear line (never a traceback) for every failing path."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from conflictscan import Scanner, scan_collection
from conflictscan._errors import OutputLockedError
from conflictscan.batch import BatchReport, ScoreCache
from conflictscan.batch._cache import row_checksum, score_payload
from conflictscan.cli import app
from conftest import REPO_ROOT, FakeEncoder, FakeScorer

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from gen_collection import generate_collection, write_jsonl  # noqa: E402

runner = CliRunner()
SRC, TESTS = REPO_ROOT / "src", REPO_ROOT / "tests"
_OPTIONS = {"group_column": "story_id", "source_column": "source", "date_column": "published"}

# Runs the real CLI in a subprocess with a slow fake scanner (no model load).
_CLI_SCRIPT = """
import os, sys, time
sys.path[:0] = [{src!r}, {tests!r}]
from conftest import FakeScorer, FakeEncoder
import conflictscan._scanner as scanner_module

class SlowScorer(FakeScorer):
    def score_pairs(self, pairs, *, show_progress=False):
        time.sleep(float(os.environ.get("SCORER_DELAY", {delay})))
        return super().score_pairs(pairs, show_progress=show_progress)

class FakeScanner(scanner_module.Scanner):
    def __init__(self, model="mini", **options):
        options.setdefault("scorer", SlowScorer())
        options.setdefault("encoder", FakeEncoder())
        options["reasoning"] = "nli"
        super().__init__(model, **options)

scanner_module.Scanner = FakeScanner
from conflictscan.cli import main
sys.argv = ["conflictscan", "batch", *sys.argv[1:]]
main()
"""


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    coll = generate_collection(8, articles_per_story=(3, 5), conflict_rate=0.6, seed=2)
    return write_jsonl(tmp_path_factory.mktemp("data") / "articles.jsonl", coll.articles)


@pytest.fixture(scope="module")
def reference(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Output bytes of one clean, uninterrupted run without a cache."""
    return _scan(articles, tmp_path_factory.mktemp("ref") / "ref.jsonl").out.read_bytes()


def _scan(data: Path, out: Path, scorer: Any = None, **kwargs: Any) -> BatchReport:
    scanner = Scanner(scorer=scorer or FakeScorer(), encoder=FakeEncoder(), reasoning="nli")
    options = {"scanner": scanner, "cache": False, "show_progress": False, **_OPTIONS}
    return scan_collection(data, out=out, **{**options, **kwargs})


def _cli_script(tmp_path: Path, delay: float = 0.3) -> Path:
    script = tmp_path / "cli_run.py"
    code = _CLI_SCRIPT.format(src=str(SRC), tests=str(TESTS), delay=delay)
    script.write_text(textwrap.dedent(code))
    return script


def _cli_args(articles: Path, out: Path, *extra: str) -> list[str]:
    args = [str(articles), "--out", str(out), "--group-column", "story_id"]
    return [*args, "--source-column", "source", "--date-column", "published", *extra]


def _start(script: Path, args: list[str], delay: float | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": ""}
    if delay is not None:
        env["SCORER_DELAY"] = str(delay)
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # A shell that starts pytest in the background leaves SIGINT ignored, and an ignored
        # signal stays ignored across exec; restore the default so the child's Python turns
        # SIGINT into KeyboardInterrupt as an interactive run would.
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _groups_done(out: Path) -> int:
    progress = out.with_name(out.name + ".progress.jsonl")
    if not progress.exists():
        return 0
    return sum(1 for line in progress.read_bytes().splitlines() if line.startswith(b'{"group"'))


def _wait_for_groups(proc: subprocess.Popen[bytes], out: Path, groups: int) -> None:
    deadline = time.monotonic() + 90
    while _groups_done(out) < groups:
        assert proc.poll() is None, proc.communicate()[1].decode()[-2000:]
        assert time.monotonic() < deadline, "the batch subprocess made no progress"
        time.sleep(0.02)


def _done_lines(out: Path) -> int:
    progress = out.with_name(out.name + ".progress.jsonl").read_text()
    return sum(1 for line in progress.splitlines() if json.loads(line).get("done"))


# -- one writer per output --------------------------------------------------------------


def test_second_run_fails_at_once_naming_the_holder(
    articles: Path, reference: bytes, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    # A scorer delay of 1 s per group keeps the first run holding the lock for ~8 s, well
    # past the checks below even on a loaded machine.
    first = _start(_cli_script(tmp_path), _cli_args(articles, out), delay=1.0)
    try:
        _wait_for_groups(first, out, 1)
        started = time.monotonic()
        with pytest.raises(OutputLockedError, match=rf"pid {first.pid} on .*started 20") as err:
            _scan(articles, out)
        assert time.monotonic() - started < 5 and err.value.holder.pid == first.pid
        cli = runner.invoke(app, ["batch", *_cli_args(articles, out), "--no-cache"])
        assert cli.exit_code == 1 and "Traceback" not in cli.output
        assert cli.stderr.startswith("error: output") and len(cli.stderr.splitlines()) == 1
        assert f"pid {first.pid}" in cli.stderr and "--wait" in cli.stderr
    finally:
        assert first.wait(120) == 0, first.communicate()[1].decode()[-2000:]
    assert out.read_bytes() == reference and _done_lines(out) == 1
    assert not out.with_name("out.jsonl.lock.json").exists()


def test_wait_queues_behind_the_holder_without_duplicates(
    articles: Path, reference: bytes, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    script = _cli_script(tmp_path)
    first = _start(script, _cli_args(articles, out, "--no-cache"), delay=1.0)  # ~8 s
    _wait_for_groups(first, out, 1)
    second = _start(script, _cli_args(articles, out, "--no-cache", "--wait"), delay=0.0)
    assert first.wait(120) == 0 and second.wait(120) == 0, second.communicate()[1].decode()
    assert b"waiting for pid" in second.communicate()[1]
    assert out.read_bytes() == reference and _done_lines(out) == 1
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    keys = [(r["a_doc_id"], r["a_start"], r["b_doc_id"], r["b_start"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_lock_of_a_killed_run_is_taken_over(
    articles: Path, reference: bytes, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "out.jsonl"
    first = _start(_cli_script(tmp_path), _cli_args(articles, out, "--no-cache"))
    _wait_for_groups(first, out, 2)
    first.send_signal(signal.SIGKILL)
    first.wait(30)
    assert json.loads(out.with_name("out.jsonl.lock.json").read_text())["pid"] == first.pid
    report = _scan(articles, out)
    assert f"taking over {out} from a run that ended without releasing it (pid {first.pid}" in (
        caplog.text
    )
    assert report.resumed_groups >= 2 and out.read_bytes() == reference


def test_wait_accepts_seconds_and_rejects_nonsense(articles: Path, tmp_path: Path) -> None:
    from conflictscan.batch._lock import OutputLock

    out = tmp_path / "out.jsonl"
    with OutputLock(out), pytest.raises(OutputLockedError, match="after waiting 0.3 s"):
        OutputLock(out, wait=0.3).acquire()
    with pytest.raises(ValueError, match="wait='soon' is not valid"):
        _scan(articles, out, wait="soon")


# -- a cache that cannot lie --------------------------------------------------------------


def _cached_run(articles: Path, out: Path, cache: Path, scorer: Any = None) -> BatchReport:
    report = _scan(articles, out, scorer=scorer, cache=cache)
    ScoreCache(cache).close()  # checkpoints the write-ahead log into the main file
    return report


def _corrupt_stored_floats(path: Path, every: int) -> int:
    """Overwrite the bytes of every ``every``-th stored probability inside the pages."""
    conn = sqlite3.connect(path)
    values = [v for row in conn.execute("SELECT contradiction FROM pair_scores") for v in row]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray(path.read_bytes())
    hit = 0
    for value in sorted(set(values))[::every]:
        needle = struct.pack(">d", value)
        start = raw.find(needle)
        while start >= 0:
            raw[start + 1 : start + 4] = b"\xa5\x5a\x3c"  # the float still parses, wrongly
            hit += 1
            start = raw.find(needle, start + 8)
    path.write_bytes(bytes(raw))
    return hit


def _quick_check(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA quick_check").fetchone()[0])
    finally:
        conn.close()


def test_values_damaged_inside_pages_are_recomputed(articles: Path, tmp_path: Path) -> None:
    cache = tmp_path / "scores.sqlite"
    clean = _cached_run(articles, tmp_path / "clean.jsonl", cache)
    assert _corrupt_stored_floats(cache, every=1) > 0
    assert _quick_check(cache) == "ok"  # SQLite itself sees nothing wrong
    scorer = FakeScorer()
    again = _cached_run(articles, tmp_path / "again.jsonl", cache, scorer)
    assert again.out.read_bytes() == clean.out.read_bytes()
    assert again.cache_repaired > 0 and len(scorer.calls) > 0
    assert "damaged cache rows recomputed" in again.summary()
    third_scorer = FakeScorer()
    third = _cached_run(articles, tmp_path / "third.jsonl", cache, third_scorer)
    assert third.cache_repaired == 0 and third_scorer.calls == []  # rows were rewritten
    assert third.out.read_bytes() == clean.out.read_bytes()
    assert ScoreCache(cache).check().ok


def _scribble_on_leaf_pages(path: Path, seed: int, per_page: int) -> int:
    """Random bytes in the cell-content area of b-tree leaf pages (the issue's probe)."""
    raw = bytearray(path.read_bytes())
    size = struct.unpack(">H", raw[16:18])[0] or 65536
    rng = np.random.default_rng(seed)
    pages = 0
    for number in range(2, len(raw) // size + 1):  # page 1 holds the schema
        base = (number - 1) * size
        if raw[base] not in (0x0A, 0x0D):  # leaf pages of index / table b-trees
            continue
        content = struct.unpack(">H", raw[base + 5 : base + 7])[0] or 65536
        for offset in rng.integers(content, size, per_page):
            raw[base + int(offset)] = int(rng.integers(0, 256))
        pages += 1
    path.write_bytes(bytes(raw))
    return pages


@pytest.mark.parametrize(("seed", "per_page"), [(0, 2), (2, 2), (0, 24), (1, 24)])
def test_random_bytes_in_data_pages_never_change_results(
    articles: Path, tmp_path: Path, seed: int, per_page: int
) -> None:
    # A few bytes per page usually leave SQLite's quick_check "ok" (rows are caught by
    # their checksums); many bytes break the b-tree (the file is set aside with a warning).
    cache = tmp_path / "scores.sqlite"
    clean = _cached_run(articles, tmp_path / "clean.jsonl", cache)
    assert _scribble_on_leaf_pages(cache, seed, per_page=per_page) > 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        again = _cached_run(articles, tmp_path / "again.jsonl", cache)
    assert again.out.read_bytes() == clean.out.read_bytes()
    set_aside = [w for w in caught if "is damaged" in str(w.message)]
    assert again.cache_repaired > 0 or set_aside or again.pairs_computed == 0


def test_impossible_values_with_valid_checksums_are_rejected(
    articles: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "scores.sqlite"
    clean = _cached_run(articles, tmp_path / "clean.jsonl", cache)
    conn = sqlite3.connect(cache)
    with conn:  # probabilities that no longer sum to 1, re-checksummed to look sound
        rows = conn.execute("SELECT key, contradiction, entailment, truncated FROM pair_scores")
        for key, c, e, t in rows.fetchall()[::2]:
            payload = score_payload((c, e, 0.9, t))
            conn.execute(
                "UPDATE pair_scores SET neutral = 0.9, checksum = ? WHERE key = ?",
                (row_checksum(key, payload), key),
            )
        for (key,) in conn.execute("SELECT key FROM embeddings").fetchall()[::3]:
            blob = np.full(FakeEncoder.dim, np.inf, dtype=np.float32).tobytes()
            conn.execute(
                "UPDATE embeddings SET vector = ?, checksum = ? WHERE key = ?",
                (blob, row_checksum(key, blob), key),
            )
    conn.close()
    check = ScoreCache(cache).check()
    assert check.damaged_scores > 0 and check.damaged_vectors > 0 and not check.ok
    again = _cached_run(articles, tmp_path / "again.jsonl", cache)
    assert again.out.read_bytes() == clean.out.read_bytes()
    assert again.cache_repaired == check.damaged_scores + check.damaged_vectors


def test_cache_commands(articles: Path, tmp_path: Path) -> None:
    cache = tmp_path / "scores.sqlite"
    _cached_run(articles, tmp_path / "clean.jsonl", cache)
    stats = runner.invoke(app, ["cache", "stats", "--path", str(cache)])
    assert stats.exit_code == 0 and " scores, " in stats.stdout
    assert runner.invoke(app, ["cache", "check", "--path", str(cache)]).exit_code == 0
    _corrupt_stored_floats(cache, every=3)
    bad = runner.invoke(app, ["cache", "check", "--path", str(cache)])
    assert bad.exit_code == 1 and "damaged scores" in bad.stdout and "--repair" in bad.stdout
    fixed = runner.invoke(app, ["cache", "check", "--path", str(cache), "--repair"])
    assert fixed.exit_code == 0 and "damaged rows removed" in fixed.stdout
    assert runner.invoke(app, ["cache", "check", "--path", str(cache)]).exit_code == 0
    cleared = runner.invoke(app, ["cache", "clear", "--path", str(cache)])
    assert cleared.exit_code == 0
    with ScoreCache(cache) as emptied:
        assert len(emptied) == 0
    cache.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)  # beyond repair
    unusable = runner.invoke(app, ["cache", "check", "--path", str(cache)])
    assert unusable.exit_code == 1 and "cache clear" in unusable.stderr
    assert runner.invoke(app, ["cache", "clear", "--path", str(cache)]).exit_code == 0
    assert not cache.exists()
    none = runner.invoke(app, ["cache", "stats", "--path", str(tmp_path / "none.sqlite")])
    assert none.exit_code == 0 and "no cache yet" in none.stdout


# -- output paths that cannot be written: one line, exit 1 ------------------------------


def _one_error_line(result: Any) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def _batch_cli(articles: Path, out: Path | str, *extra: str) -> Any:
    args = ["batch", str(articles), "--out", str(out), "--group-column", "story_id"]
    return runner.invoke(app, [*args, "--no-cache", *extra])


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        ("/sys/conflictscan-out.jsonl", "lock file .*Permission denied"),  # root too
        ("/sys/kernel/conflictscan/out.jsonl", "cannot write the batch output"),
        ("/proc/conflictscan/out.jsonl", "cannot write the batch output"),
    ],
)
def test_unwritable_output_locations(articles: Path, out: str, expected: str) -> None:
    if not Path("/", Path(out).parts[1]).is_dir():
        pytest.skip(f"needs /{Path(out).parts[1]} (Linux)")
    line = _one_error_line(_batch_cli(articles, out))
    assert re.search(expected, line), line


def test_file_in_place_of_a_folder_and_folder_in_place_of_a_file(
    articles: Path, tmp_path: Path
) -> None:
    (tmp_path / "file.txt").write_text("x")
    line = _one_error_line(_batch_cli(articles, tmp_path / "file.txt" / "sub" / "out.jsonl"))
    assert "file.txt' is a file, not a folder; choose another output location" in line
    (tmp_path / "dir.jsonl").mkdir()
    for extra in ((), ("--overwrite",)):
        line = _one_error_line(_batch_cli(articles, tmp_path / "dir.jsonl", *extra))
        assert "is a directory; pass a file path such as" in line
    (tmp_path / "out.jsonl.progress.jsonl").mkdir()
    line = _one_error_line(_batch_cli(articles, tmp_path / "out.jsonl", "--overwrite"))
    assert "is a directory, so overwrite cannot replace it" in line


def test_read_only_file_system(articles: Path, tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    mount_point = tmp_path / "ro"
    mount_point.mkdir()
    probe = (
        subprocess.run(
            [unshare or "unshare", "-Urm", "sh", "-c", f"mount -t tmpfs -o ro none {mount_point}"],
            capture_output=True,
        )
        if unshare
        else None
    )
    if probe is None or probe.returncode != 0:
        pytest.skip("needs `unshare -Urm` to mount a read-only file system")
    cli = f"{sys.executable} -m conflictscan batch {articles} --out {mount_point}/sub/out.jsonl"
    done = subprocess.run(
        [unshare, "-Urm", "sh", "-c", f"mount -t tmpfs -o ro none {mount_point} && {cli}"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"error: cannot write the batch output at '{mount_point}/sub' (Read-only file system); "
        "choose a writable location (out= / --out)"
    ]


# -- interrupting a run ------------------------------------------------------------------


def test_sigint_prints_how_to_resume_and_the_rerun_completes(
    articles: Path, reference: bytes, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    script = _cli_script(tmp_path)
    # 1 s per group: six groups (~6 s) are still to run when the interrupt is sent.
    proc = _start(script, _cli_args(articles, out, "--no-cache"), delay=1.0)
    _wait_for_groups(proc, out, 2)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode().strip().splitlines()[-1] == (
        "interrupted; rerun the same command to resume"
    )
    assert b"Traceback" not in err
    done = subprocess.run(
        [sys.executable, str(script), *_cli_args(articles, out, "--no-cache")],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": ""},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert out.read_bytes() == reference and _done_lines(out) == 1
