"""Record the sha256 of shipped data files in their folder's ``manifest.json``.

Input: a folder of shipped files (a built-in model under ``data/<name>/``, or ``data/``
itself for ``combiner.json``). Output: the folder's ``manifest.json`` with a ``files`` map
``{filename: sha256}``, which :func:`conflictscan.nli._builtin.verify_files` checks before the
files are used, so a changed label in ``config.json``, a changed temperature or a changed
combiner weight is caught at load instead of silently changing results.

Run it after changing a shipped file on purpose, e.g. after refitting the combiner::

    python scripts/fit_combiner.py ... --out src/conflictscan/data/combiner.json
    python -m conflictscan._checksums src/conflictscan/data --only combiner.json

    python -m conflictscan._checksums src/conflictscan/data/mini   # every file of a model

Build scripts can call :func:`record_checksums` directly after writing a model folder.
Other keys of an existing manifest are kept as they are.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

MANIFEST = "manifest.json"


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def first_mismatch(folder: Path, pins: Mapping[str, str]) -> tuple[str, str | None] | None:
    """The first pinned file of ``folder`` that is missing or differs, or None if all match.

    Returns:
        ``(name, actual_sha256)``, with ``None`` as the checksum when the file is missing;
        callers word the error and its fix.
    """
    for name, expected in pins.items():
        path = folder / name
        if not path.is_file():
            return name, None
        actual = file_sha256(path)
        if actual != expected:
            return name, actual
    return None


def record_checksums(folder: str | Path, names: Sequence[str] | None = None) -> dict[str, str]:
    """Write the sha256 of files in ``folder`` into its ``manifest.json`` ``files`` map.

    Args:
        folder: The folder holding the files and (possibly) a manifest.
        names: File names to (re)record; default every file in the folder except the
            manifest. Entries for other files already in the map are kept.

    Returns:
        The updated ``files`` map.

    Raises:
        FileNotFoundError: A named file does not exist.

    Example:
        >>> record_checksums("src/conflictscan/data", ["combiner.json"])
        {'combiner.json': '3f1c...'}
    """
    folder = Path(folder)
    manifest_path = folder / MANIFEST
    manifest = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    if names is None:
        names = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != MANIFEST)
    files = dict(manifest.get("files") or {})
    for name in names:
        files[name] = file_sha256(folder / name)
    manifest["files"] = dict(sorted(files.items()))
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest["files"]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m conflictscan._checksums FOLDER [--only NAME ...]``."""
    parser = argparse.ArgumentParser(description="Record sha256 sums in FOLDER/manifest.json.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--only", nargs="+", default=None, help="file names to record")
    args = parser.parse_args(argv)
    for name, digest in record_checksums(args.folder, args.only).items():
        print(f"{digest}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
