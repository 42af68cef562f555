"""Rebuild the built-in ``standard`` model in one seeded, resumable command.

Runs the steps of docs/models.md ("Rebuild") in order, each with the seed its own script
fixes:

1. ``build``: ``build_standard.py``, the LoRA build over the allowed NLI and news pairs
   (checkpoints every four minutes; a rerun continues from the last one);
2. ``refine``: ``refine_standard.py``, the look-alike stage over the build (resumable the
   same way), exported into the package's ``data/standard`` folder;
3. ``combiner``: ``fit_combiner.py``, the news combiner over the new weights (its NLI
   scores are cached in an SQLite file, so a rerun reads what it already scored);
4. ``int8``: ``smooth_int8.py``, the int8 smoothing scales;
5. ``checksums``: the manifest of the shipped files, and (when ``--out`` is the package's
   folder) the combiner copied to ``data/combiner.json``, the one other models get, with
   its checksum.

Each finished step leaves a marker in ``--work``; a rerun skips the steps with a marker
and resumes the first one without. ``--from STEP`` runs again from that step on,
``--dry-run`` prints the commands. The shipped weights were trained on a GPU
(``standard_gpu.py``); on two cores the same recipe takes several hours for the first two
steps (estimated, not timed; docs/models.md gives the figures).

Usage::

    OMP_NUM_THREADS=2 python scripts/rebuild_standard.py --data-dir ../shared/data/nli
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
PACKAGE_MODEL = ROOT / "src" / "conflictscan" / "data" / "standard"
STEPS = ("build", "refine", "combiner", "int8", "checksums")
# The shipped build's settings (docs/models.md, "Training"): LoRA rank 32 on all twelve
# layers, two epochs over 8,000 general pairs and the news part with every dev story.
BUILD_RECIPE = (
    "--general", "8000", "--rank", "32", "--first-layer", "0", "--epochs", "2",
    "--batch-size", "32", "--max-length", "160", "--lr", "4e-4",
)  # fmt: skip


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "nli")
    parser.add_argument("--work", type=Path, default=ROOT / "runs" / "standard-rebuild")
    parser.add_argument("--out", type=Path, default=PACKAGE_MODEL, help="the shipped folder")
    parser.add_argument("--from", dest="start", choices=STEPS, help="run again from this step")
    parser.add_argument("--dry-run", action="store_true", help="print the commands only")
    return parser.parse_args(argv)


def commands(args: argparse.Namespace) -> list[tuple[str, list[str]]]:
    """(step, command line) for every step, in order."""
    py, build = sys.executable, args.work / "build"
    return [
        ("build", [py, str(SCRIPTS / "build_standard.py"), "--data-dir", str(args.data_dir),
                   "--out", str(build), *BUILD_RECIPE]),
        ("refine", [py, str(SCRIPTS / "refine_standard.py"), "--data-dir", str(args.data_dir),
                    "--start", str(build), "--out", str(args.out), "--batch-size", "32"]),
        ("combiner", [py, str(SCRIPTS / "fit_combiner.py"), "--model", "standard",
                      "--data-dir", str(args.data_dir), "--cache",
                      str(args.work / "combiner-scores.sqlite"),
                      "--out", str(args.out / "combiner.json"), "--evaluate"]),
        ("int8", [py, str(SCRIPTS / "smooth_int8.py"), "--model", "standard",
                  "--data-dir", str(args.data_dir)]),
        ("checksums", [py, "-m", "conflictscan._checksums", str(args.out)]),
    ]  # fmt: skip


def _share_combiner(args: argparse.Namespace) -> None:
    """The default model's combiner is also the one any other model gets."""
    if args.out.resolve() != PACKAGE_MODEL.resolve():
        return
    shutil.copyfile(args.out / "combiner.json", PACKAGE_MODEL.parent / "combiner.json")
    subprocess.run(
        [sys.executable, "-m", "conflictscan._checksums", str(PACKAGE_MODEL.parent),
         "--only", "combiner.json"],
        cwd=ROOT, check=True,
    )  # fmt: skip


def _marker(args: argparse.Namespace, step: str) -> Path:
    return args.work / f"{step}.done"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.dry_run and not args.data_dir.is_dir():
        sys.exit(f"no NLI data at {args.data_dir}: pass --data-dir")
    if args.start is not None:
        for step in STEPS[STEPS.index(args.start) :]:
            _marker(args, step).unlink(missing_ok=True)
    for step, command in commands(args):
        if _marker(args, step).exists():
            print(f"{step}: done before, skipped")
            continue
        print(f"{step}: {' '.join(command)}", flush=True)
        if args.dry_run:
            continue
        args.work.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(command, cwd=ROOT, check=False)
        if result.returncode != 0:
            print(f"{step} failed (exit {result.returncode}); rerun to resume", file=sys.stderr)
            return result.returncode
        if step == "checksums":
            _share_combiner(args)
        _marker(args, step).write_text("done\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
