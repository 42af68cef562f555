"""Rebuild everything conflictscan's default configuration ships, in one command.

    python scripts/build_builtin.py [--data-dir ../shared/data/nli] [--threads 2]

Stages (each seeded; about 75-100 minutes on 2 CPU cores):

1. ``build_mini.py``: fine-tune MiniLM-L6 as a three-way NLI cross-encoder on the allowed
   splits of ``--data-dir``, calibrate, export to ``src/conflictscan/data/mini`` and print
   held-out metrics.
2. ``adapt_news.py`` twice, in parallel, each leaving out one fold of the news dev stories
   (cross-fitting models for the combiner), then once on all dev stories: the shipped
   model, with held-out NLI metrics.
3. ``fit_combiner.py``: fit the learned combiner on the dev stories, each scored by the fold
   model that never saw it, save ``src/conflictscan/data/combiner.json`` and report dev and
   held-out news metrics.

The ``heldout`` stories and every held-out NLI split are only ever evaluated.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "scripts"
OUT = REPO / "src/conflictscan/data/mini"


def _run(args: Sequence[str], threads: int) -> subprocess.Popen[bytes]:
    env = {"OMP_NUM_THREADS": str(threads), "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen([sys.executable, *args], env={**os.environ, **env})


def _wait(*procs: subprocess.Popen[bytes]) -> None:
    codes = [p.wait() for p in procs]
    if any(codes):
        raise SystemExit(f"a stage failed with exit codes {codes}")


def main(argv: Sequence[str] | None = None) -> None:
    """Run the three stages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared/data/nli")
    parser.add_argument("--run-dir", type=Path, default=REPO / "runs/mini")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--skip-stage1", action="store_true", help="reuse run-dir/best.pt")
    args = parser.parse_args(argv)
    common = ["--data-dir", str(args.data_dir), "--run-dir", str(args.run_dir)]
    if not args.skip_stage1:
        stage1 = [str(SCRIPTS / "build_mini.py"), *common, "--out", str(OUT)]
        _wait(_run([*stage1, "--threads", str(args.threads)], args.threads))
    folds = []
    for fold in (0, 1):
        export = args.run_dir / f"fold{fold}" / "export"
        shutil.rmtree(export, ignore_errors=True)
        shutil.copytree(OUT, export)
        folds.append(
            [
                str(SCRIPTS / "adapt_news.py"),
                *common,
                "--out",
                str(export),
                "--stories-split",
                "dev",
                "--exclude-fold",
                str(fold),
                "--stage-name",
                f"news_fold{fold}",
                "--skip-held-out",
                "--hf-out",
                str(args.run_dir / f"fold{fold}" / "hf"),
                "--threads",
                "1",
            ]
        )
    _wait(*(_run(cmd, 1) for cmd in folds))
    final = [str(SCRIPTS / "adapt_news.py"), *common, "--out", str(OUT), "--stories-split", "dev"]
    _wait(_run([*final, "--threads", str(args.threads)], args.threads))
    fit = [
        str(SCRIPTS / "fit_combiner.py"),
        "--model",
        "mini",
        "--fold-models",
        str(args.run_dir / "fold0/hf"),
        str(args.run_dir / "fold1/hf"),
        "--out",
        str(REPO / "src/conflictscan/data/combiner.json"),
        "--cache",
        str(args.run_dir / "combiner_scores.sqlite"),
        "--evaluate",
    ]
    _wait(_run(fit, args.threads))


if __name__ == "__main__":
    main()
