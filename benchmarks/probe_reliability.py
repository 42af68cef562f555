"""Re-run the reliability probes of the batch runner, cache and CLI (not a test).

Every probe runs the real ``conflictscan`` CLI (or the library) in a fresh process on
real files, and records the exit code, the stderr lines, whether a Python traceback was
printed, and whether the output is byte-identical to a clean run (no duplicated, lost or
changed rows). Batch probes use a deterministic stand-in scorer and encoder (from
``bench_memory``), patched into the CLI, so they need no model and run in minutes; the
behaviour probed (locking, caching, writing, messages) does not depend on the model.

Probes: two concurrent runs on one output (with and without ``--wait``), a killed run
taken over, SIGINT and resume, random bytes in the cache's data pages, impossible cached
probabilities and non-finite cached embeddings, read-only output folder, read-only file
system (``unshare``), read-only subfolder, a directory as ``--out`` (with and without
``--overwrite``), ``scan - -``, empty stdin, a header-only CSV, all-empty texts, a
malformed JSONL line, the size limit, bad library arguments, swapped labels in the
built-in model's ``config.json``, and the summary when every score comes from the cache.

Usage::

    python benchmarks/probe_reliability.py            # prints one line per probe and totals
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path[:0] = [str(HERE), str(SRC)]

from gen_collection import generate_collection, write_jsonl  # noqa: E402

_RUNNER = """
import os, sys, time
sys.path[:0] = [{here!r}, {src!r}]
from bench_memory import HashEncoder, HashScorer
import conflictscan._scanner as scanner_module

class SlowScorer(HashScorer):
    def score_pairs(self, pairs, *, show_progress=False):
        time.sleep(float(os.environ.get("PROBE_DELAY", "0")))
        return super().score_pairs(pairs, show_progress=show_progress)

class ProbeScanner(scanner_module.Scanner):
    def __init__(self, model="mini", **options):
        options.setdefault("scorer", SlowScorer())
        options.setdefault("encoder", HashEncoder())
        options["reasoning"] = "nli"
        super().__init__(model, **options)

scanner_module.Scanner = ProbeScanner
from conflictscan.cli import main
sys.argv = ["conflictscan", *sys.argv[1:]]
main()
"""


@dataclass
class Outcome:
    """One probe's result."""

    name: str
    ok: bool
    traceback: bool
    detail: str


class Prober:
    """Runs probes in a scratch folder and collects their outcomes."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.runner = work / "runner.py"
        self.runner.write_text(textwrap.dedent(_RUNNER.format(here=str(HERE), src=str(SRC))))
        coll = generate_collection(10, articles_per_story=(3, 5), conflict_rate=0.6, seed=3)
        self.data = write_jsonl(work / "articles.jsonl", coll.articles)
        self.outcomes: list[Outcome] = []
        self.reference = self._reference()

    # -- running ------------------------------------------------------------------------

    def start(self, *args: str, delay: float = 0.0) -> subprocess.Popen[str]:
        env = {**os.environ, "PROBE_DELAY": str(delay), "PYTHONPATH": ""}
        cmd = [sys.executable, str(self.runner), *args]
        return subprocess.Popen(
            cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def run(
        self, *args: str, stdin: str | None = None, runner: bool = True
    ) -> subprocess.CompletedProcess[str]:
        cmd = (
            [sys.executable, str(self.runner)] if runner else [sys.executable, "-m", "conflictscan"]
        )
        env = {**os.environ, "PYTHONPATH": str(SRC)}
        return subprocess.run(
            [*cmd, *args], input=stdin, capture_output=True, text=True, env=env, timeout=600
        )

    def batch_args(self, out: Path, *extra: str, data: Path | None = None) -> list[str]:
        return [
            "batch",
            str(data or self.data),
            "--out",
            str(out),
            "--group-column",
            "story_id",
            "--source-column",
            "source",
            *extra,
        ]

    def record(self, name: str, ok: bool, stderr: str, detail: str = "") -> None:
        tb = "Traceback (most recent call last)" in stderr
        lines = [line for line in stderr.strip().splitlines() if line.strip()]
        shown = detail or (lines[-1] if lines else "")
        self.outcomes.append(Outcome(name, ok and not tb, tb, shown[:160]))

    def _reference(self) -> bytes:
        out = self.work / "reference.jsonl"
        done = self.run(*self.batch_args(out, "--no-cache"))
        if done.returncode:
            raise SystemExit(f"reference run failed: {done.stderr[-2000:]}")
        return out.read_bytes()

    def progress_groups(self, out: Path) -> int:
        path = out.with_name(out.name + ".progress.jsonl")
        if not path.exists():
            return 0
        return sum(1 for line in path.read_text().splitlines() if line.startswith('{"group"'))

    def wait_groups(self, proc: subprocess.Popen[str], out: Path, groups: int) -> None:
        deadline = time.monotonic() + 120
        while (
            self.progress_groups(out) < groups
            and proc.poll() is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.02)

    def same_as_reference(self, out: Path) -> bool:
        return out.exists() and out.read_bytes() == self.reference


# -- probes -------------------------------------------------------------------------------


def probe_concurrent(p: Prober) -> None:
    for gap, shared in ((0.5, True), (3.0, False)):
        out = p.work / f"concurrent-{gap}.jsonl"
        caches = (
            [p.work / "shared.sqlite"] * 2
            if shared
            else [p.work / f"c{k}-{gap}.sqlite" for k in (1, 2)]
        )
        first = p.start(*p.batch_args(out, "--cache", str(caches[0])), delay=0.4)
        time.sleep(gap)
        second = p.run(*p.batch_args(out, "--cache", str(caches[1])))
        first.wait(300)
        ok = second.returncode == 1 and "being written by another conflictscan run" in second.stderr
        ok = ok and first.returncode == 0 and p.same_as_reference(out)
        p.record(
            f"two runs {gap}s apart ({'shared' if shared else 'separate'} cache)", ok, second.stderr
        )
    out = p.work / "concurrent-wait.jsonl"
    first = p.start(*p.batch_args(out, "--no-cache"), delay=0.4)
    p.wait_groups(first, out, 1)
    second = p.run(*p.batch_args(out, "--no-cache", "--wait"))
    first.wait(300)
    ok = second.returncode == 0 and p.same_as_reference(out)
    p.record("second run with --wait", ok, second.stderr, second.stdout.strip().splitlines()[0])


def probe_kill_and_sigint(p: Prober) -> None:
    for sig, name in ((signal.SIGKILL, "kill -9"), (signal.SIGINT, "SIGINT")):
        out = p.work / f"{name.replace(' ', '')}.jsonl"
        proc = p.start(*p.batch_args(out, "--no-cache"), delay=0.3)
        p.wait_groups(proc, out, 3)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)
        again = p.run(*p.batch_args(out, "--no-cache"))
        ok = again.returncode == 0 and p.same_as_reference(out)
        if sig == signal.SIGINT:
            ok = (
                ok
                and proc.returncode == 130
                and err.strip().endswith("rerun the same command to resume")
            )
        last = err.strip().splitlines()[-1] if err.strip() else ""
        detail = f"exit {proc.returncode}: {last}; rerun identical: {ok}"
        p.record(f"{name} mid-run, then rerun", ok, err + again.stderr, detail)


def _cached(p: Prober, name: str) -> tuple[Path, Path]:
    cache = p.work / f"{name}.sqlite"
    out = p.work / f"{name}-clean.jsonl"
    assert p.run(*p.batch_args(out, "--cache", str(cache))).returncode == 0
    return cache, out


def _scribble(path: Path, per_page: int, seed: int) -> None:
    import numpy as np

    raw = bytearray(path.read_bytes())
    size = struct.unpack(">H", raw[16:18])[0] or 65536
    rng = np.random.default_rng(seed)
    for number in range(2, len(raw) // size + 1):
        base = (number - 1) * size
        if raw[base] in (0x0A, 0x0D):
            start = struct.unpack(">H", raw[base + 5 : base + 7])[0] or 65536
            for offset in rng.integers(start, size, per_page):
                raw[base + int(offset)] = int(rng.integers(0, 256))
    path.write_bytes(bytes(raw))


def _corrupt_floats(path: Path) -> None:
    """Change the bytes of every stored contradiction probability inside the pages."""
    with sqlite3.connect(path) as conn:
        values = {v for (v,) in conn.execute("SELECT contradiction FROM pair_scores")}
    raw = bytearray(path.read_bytes())
    for value in values:
        needle = struct.pack(">d", value)
        start = raw.find(needle)
        while start >= 0:
            raw[start + 1 : start + 4] = b"\xa5\x5a\x3c"
            start = raw.find(needle, start + 8)
    path.write_bytes(bytes(raw))


def probe_cache(p: Prober) -> None:
    from conflictscan.batch._cache import row_checksum, score_payload

    for per_page, seed in ((0, 0), (2, 0), (2, 2), (24, 1)):
        cache, clean = _cached(p, f"pages-{per_page}-{seed}")
        if per_page:
            _scribble(cache, per_page, seed)
        else:
            _corrupt_floats(cache)
        with sqlite3.connect(cache) as conn:
            quick = conn.execute("PRAGMA quick_check").fetchone()[0]
        quick = "ok" if quick == "ok" else "damaged"
        out = p.work / f"pages-{per_page}-{seed}.jsonl"
        done = p.run(*p.batch_args(out, "--cache", str(cache)))
        ok = done.returncode == 0 and out.read_bytes() == clean.read_bytes()
        p.record(
            f"bytes changed in cache pages ({per_page or 'stored floats'}, quick_check {quick})",
            ok,
            done.stderr,
            done.stdout.strip().replace("\n", " | ")[-150:],
        )
    cache, clean = _cached(p, "values")
    with sqlite3.connect(cache) as conn:
        rows = conn.execute(
            "SELECT key, contradiction, entailment, truncated FROM pair_scores"
        ).fetchall()
        for key, c, e, t in rows[::2]:
            check = row_checksum(key, score_payload((c, e, 0.9, t)))
            conn.execute(
                "UPDATE pair_scores SET neutral = 0.9, checksum = ? WHERE key = ?", (check, key)
            )
        blob = struct.pack("<384f", *([float("inf")] * 384))
        for (key,) in conn.execute("SELECT key FROM embeddings").fetchall()[::3]:
            conn.execute(
                "UPDATE embeddings SET vector = ?, checksum = ? WHERE key = ?",
                (blob, row_checksum(key, blob), key),
            )
    out = p.work / "values.jsonl"
    done = p.run(*p.batch_args(out, "--cache", str(cache)))
    ok = done.returncode == 0 and out.read_bytes() == clean.read_bytes()
    p.record(
        "probabilities not summing to 1, infinite embeddings",
        ok,
        done.stderr,
        done.stdout.strip().splitlines()[-1][-120:] if done.stdout.strip() else "",
    )
    summary = p.run(*p.batch_args(p.work / "values-again.jsonl", "--cache", str(cache))).stdout
    p.record(
        "summary when every score is cached",
        "inf" not in summary and "x fewer" not in summary,
        "",
        summary.strip().splitlines()[-1][:160],
    )


def _expect_error(
    p: Prober, name: str, done: subprocess.CompletedProcess[str], needle: str
) -> None:
    lines = done.stderr.strip().splitlines()
    ok = (
        done.returncode == 1
        and len(lines) == 1
        and lines[0].startswith("error: ")
        and needle in lines[0]
    )
    p.record(name, ok, done.stderr)


def probe_paths(p: Prober) -> None:
    file = p.work / "a-file.txt"
    file.write_text("x")
    folder = p.work / "folder.jsonl"
    folder.mkdir(exist_ok=True)
    cases: list[tuple[str, str, tuple[str, ...], str]] = [
        (
            "read-only output folder (/sys, root too)",
            "/sys/probe-out.jsonl",
            (),
            "Permission denied",
        ),
        (
            "read-only subfolder (/sys/kernel/x)",
            "/sys/kernel/probe/out.jsonl",
            (),
            "cannot write the batch output",
        ),
        ("a file where a folder should be", str(file / "out.jsonl"), (), "is a file, not a"),
        ("directory as --out", str(folder), (), "is a directory"),
        ("directory as --out with --overwrite", str(folder), ("--overwrite",), "is a directory"),
    ]
    for name, out, extra, needle in cases:
        _expect_error(p, name, p.run(*p.batch_args(Path(out), "--no-cache", *extra)), needle)
    mount = p.work / "ro"
    mount.mkdir(exist_ok=True)
    unshare = shutil.which("unshare")
    if unshare is None:
        p.record("read-only file system", True, "", "skipped: no unshare")
        return
    cli = f"{sys.executable} -m conflictscan batch {p.data} --out {mount}/x/out.jsonl --no-cache"
    done = subprocess.run(
        [unshare, "-Urm", "sh", "-c", f"mount -t tmpfs -o ro none {mount} && {cli}"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    if "mount" in done.stderr and "error:" not in done.stderr:
        p.record("read-only file system", True, "", "skipped: cannot mount here")
    else:
        _expect_error(p, "read-only file system (ro tmpfs)", done, "Read-only file system")


def probe_messages(p: Prober) -> None:
    text = p.work / "article.txt"
    text.write_text("The council said the bridge was not safe for traffic on Monday.\n" * 4)
    _expect_error(
        p,
        "scan - -",
        p.run("scan", "-", "-", stdin="Some text here.", runner=False),
        "more than once",
    )
    _expect_error(p, "scan - (empty stdin)", p.run("scan", "-", stdin="", runner=False), "is empty")
    _expect_error(
        p, "size limit", p.run("scan", str(text), "--max-chars", "40", runner=False), "--max-chars"
    )
    header = p.work / "header.csv"
    header.write_text("doc_id,story_id,text\n")
    _expect_error(
        p,
        "header-only CSV",
        p.run(*p.batch_args(p.work / "h.jsonl", "--no-cache", data=header)),
        "header but no rows",
    )
    empty = write_jsonl(
        p.work / "empty-texts.jsonl",
        [{"doc_id": f"a{k}", "story_id": "s", "source": "S", "text": " "} for k in range(3)],
    )
    _expect_error(
        p,
        "all texts empty",
        p.run(*p.batch_args(p.work / "e.jsonl", "--no-cache", data=empty)),
        "none of the 3 articles",
    )
    broken = p.work / "broken.jsonl"
    lines = p.data.read_text().splitlines()
    broken.write_text("\n".join([*lines[:6], lines[6][:40], *lines[7:]]) + "\n")
    _expect_error(
        p,
        "malformed JSONL line 7",
        p.run(*p.batch_args(p.work / "b.jsonl", "--no-cache", data=broken)),
        "line 7",
    )


_LIBRARY = """
import sys
sys.path[:0] = [{src!r}]
import conflictscan
from conflictscan._errors import InputError
from conflictscan._types import Document
from conflictscan._scanner import Scanner
calls = {{
    "scan(None)": lambda: conflictscan.scan(None),
    "scan(123)": lambda: conflictscan.scan(123),
    "scan(b'...')": lambda: conflictscan.scan(b"Troops left the city."),
    "Scanner(threshold='x')": lambda: Scanner(threshold="x"),
    "Document(text=None)": lambda: conflictscan.scan([Document(text=None)]),
}}
for name, call in calls.items():
    try:
        call()
        print(name, "|", "no error")
    except InputError as exc:
        print(name, "|", "InputError:", exc)
"""


def probe_library(p: Prober) -> None:
    script = p.work / "library.py"
    script.write_text(textwrap.dedent(_LIBRARY.format(src=str(SRC))))
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300
    )
    for line in done.stdout.strip().splitlines():
        name, _, message = line.partition(" | ")
        p.record(name, message.startswith("InputError:"), done.stderr, message)
    if done.returncode:
        p.record("library probes", False, done.stderr)


def probe_checksums(p: Prober) -> None:
    import conflictscan
    from conflictscan.nli import _builtin as models

    folder = p.work / "mini"
    data = Path(conflictscan.__file__).with_name("data")
    shutil.copytree(data / "mini", folder, dirs_exist_ok=True)
    config = json.loads((folder / "config.json").read_text())
    labels = config["id2label"]
    labels["0"], labels["1"] = labels["1"], labels["0"]
    (folder / "config.json").write_text(json.dumps(config, indent=2))
    try:
        models.verify_files(folder)
        p.record("swapped labels in config.json", False, "", "accepted")
    except models.ModelLoadError as exc:
        p.record("swapped labels in config.json", "config.json" in str(exc), "", str(exc))


PROBES: tuple[Callable[[Prober], Any], ...] = (
    probe_concurrent,
    probe_kill_and_sigint,
    probe_cache,
    probe_paths,
    probe_messages,
    probe_library,
    probe_checksums,
)


def main() -> int:
    """Run every probe; print one line each and the totals; exit 1 if any failed."""
    with tempfile.TemporaryDirectory(prefix="conflictscan-probe-") as tmp:
        prober = Prober(Path(tmp))
        for probe in PROBES:
            probe(prober)
    for o in prober.outcomes:
        print(
            f"{'ok ' if o.ok else 'BAD'} {'TRACEBACK ' if o.traceback else ''}{o.name}: {o.detail}"
        )
    bad = [o for o in prober.outcomes if not o.ok]
    tracebacks = sum(o.traceback for o in prober.outcomes)
    print(f"\n{len(prober.outcomes)} probes, {len(bad)} failed, {tracebacks} tracebacks")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
