"""Execute every notebook in notebooks/ top to bottom, offline, with the built-in model.

The notebooks are committed with their outputs. After a change that alters them (a new
default model, a new report layout), refresh the outputs with one command::

    python scripts/run_notebooks.py

which executes them exactly as this test does (same function) and writes the outputs back.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _runner() -> Any:
    script = ROOT / "scripts" / "run_notebooks.py"
    spec = importlib.util.spec_from_file_location("run_notebooks", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_there_are_notebooks_committed_with_outputs() -> None:
    nbformat = pytest.importorskip("nbformat")
    assert len(NOTEBOOKS) >= 3
    for path in NOTEBOOKS:
        cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        counts = [c.get("execution_count") for c in cells]
        assert counts == list(range(1, len(cells) + 1)), f"{path.name}: not run top to bottom"
        assert sum(bool(c.get("outputs")) for c in cells) > len(cells) // 2, path.name


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path: Path) -> None:
    pytest.importorskip("nbclient")
    notebook = _runner().execute(path)
    errors = [
        out
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert errors == []
