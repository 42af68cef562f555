"""``scripts/rebuild_standard.py``: the steps in order, and a rerun that resumes."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.fixture()
def rebuild(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(SCRIPTS))
    import rebuild_standard

    return rebuild_standard


def test_the_steps_run_in_order_on_scripts_that_exist(rebuild: Any, tmp_path: Path) -> None:
    args = rebuild.parse_args(["--work", str(tmp_path), "--out", str(tmp_path / "out")])
    steps = rebuild.commands(args)
    assert [step for step, _ in steps] == list(rebuild.STEPS)
    for _, command in steps[:4]:
        assert Path(command[1]).is_file()
    build, refine = steps[0][1], steps[1][1]
    # The refinement starts from what the build wrote.
    assert build[build.index("--out") + 1] == refine[refine.index("--start") + 1]


def test_a_rerun_skips_finished_steps_and_stops_at_a_failure(
    rebuild: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    ran: list[str] = []

    def fake_run(command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        step = next(s for s, c in rebuild.commands(args) if c == command)
        ran.append(step)
        return subprocess.CompletedProcess(command, 1 if step == "combiner" else 0)

    argv = ["--work", str(tmp_path), "--out", str(tmp_path / "out"), "--data-dir", str(tmp_path)]
    args = rebuild.parse_args(argv)
    monkeypatch.setattr(rebuild.subprocess, "run", fake_run)
    assert rebuild.main(argv) == 1
    assert ran == ["build", "refine", "combiner"]
    assert "rerun to resume" in capsys.readouterr().err
    ran.clear()
    assert rebuild.main(argv) == 1  # build and refine are done: resumes at the combiner
    assert ran == ["combiner"]
    ran.clear()
    assert rebuild.main([*argv, "--from", "refine"]) == 1
    assert ran == ["refine", "combiner"]


def test_missing_data_is_a_clear_error(rebuild: Any, tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="no NLI data"):
        rebuild.main(["--work", str(tmp_path), "--data-dir", str(tmp_path / "absent")])
