"""Shipped data files are checksummed: config, calibration, weights and the combiner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import conflictscan
from conflictscan import ModelLoadError
from conflictscan import _aggregation as aggregation
from conflictscan._checksums import file_sha256, main, record_checksums
from conflictscan.nli import _builtin as models

DATA = Path(conflictscan.__file__).with_name("data")


@pytest.fixture
def mini_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in model folder that ``load_builtin`` reads instead."""
    folder = tmp_path / "mini"
    shutil.copytree(DATA / "mini", folder)
    monkeypatch.setattr(models, "_builtin_dir", lambda name: folder)
    return folder


def test_shipped_files_match_their_recorded_checksums() -> None:
    models.verify_files(DATA / "mini")
    models.verify_files(DATA, only=("combiner.json",))
    files = json.loads((DATA / "mini" / "manifest.json").read_text())["files"]
    assert {"config.json", "calibration.json"} <= set(files)
    assert aggregation.Combiner.load().gate >= 0


def test_swapped_labels_in_config_are_refused(mini_copy: Path) -> None:
    path = mini_copy / "config.json"
    config = json.loads(path.read_text())
    labels = config["id2label"]
    labels["0"], labels["1"] = labels["1"], labels["0"]
    path.write_text(json.dumps(config, indent=2))
    with pytest.raises(
        ModelLoadError, match=r"config.json at .*config.json has sha256 .*reinstall"
    ):
        models.load_builtin("mini")


def test_changed_calibration_is_refused(mini_copy: Path) -> None:
    path = mini_copy / "calibration.json"
    path.write_text(path.read_text().replace('"temperature": 1.', '"temperature": 2.'))
    with pytest.raises(ModelLoadError, match="calibration.json at .* has sha256"):
        models.builtin_temperature("mini")


def test_changed_combiner_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(DATA / "combiner.json", tmp_path / "combiner.json")
    shutil.copy(DATA / "manifest.json", tmp_path / "manifest.json")
    monkeypatch.setattr(aggregation, "COMBINER_PATH", tmp_path / "combiner.json")
    assert aggregation.Combiner.load().gate >= 0
    data = json.loads((tmp_path / "combiner.json").read_text())
    data["intercept"] += 1.0
    (tmp_path / "combiner.json").write_text(json.dumps(data))
    with pytest.raises(ModelLoadError, match="combiner.json at .* has sha256 .* reinstall"):
        aggregation.Combiner.load()
    assert aggregation.Combiner.load(tmp_path / "combiner.json").intercept == data["intercept"]


def test_missing_checksums_name_the_helper(mini_copy: Path) -> None:
    manifest = json.loads((mini_copy / "manifest.json").read_text())
    del manifest["files"]
    (mini_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelLoadError, match=r"no 'files' checksums.*python -m conflictscan\."):
        models.load_builtin("mini")
    (mini_copy / "manifest.json").write_text(json.dumps({**manifest, "files": {"a": "b"}}))
    with pytest.raises(ModelLoadError, match="records no checksum for calibration.json"):
        models.builtin_temperature("mini")


def test_record_checksums_keeps_other_keys(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "manifest.json").write_text(json.dumps({"name": "x", "files": {"old": "1"}}))
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "b.bin").write_bytes(b"\x00\x01")
    assert record_checksums(tmp_path, ["a.json"]) == {
        "a.json": file_sha256(tmp_path / "a.json"),
        "old": "1",
    }
    assert main([str(tmp_path)]) == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["name"] == "x" and set(manifest["files"]) == {"a.json", "b.bin", "old"}
    assert f"{file_sha256(tmp_path / 'b.bin')}  b.bin" in capsys.readouterr().out
    models.verify_files(tmp_path, only=("a.json", "b.bin"))
