"""Execute the notebooks in place, offline, so the outputs committed with them are current.

Usage::

    python scripts/run_notebooks.py                      # every notebooks/*.ipynb
    python scripts/run_notebooks.py notebooks/01_quickstart.ipynb

Each notebook runs top to bottom in a fresh kernel, with ``notebooks/`` as the working
directory (they read ``../examples`` and ``../benchmarks``) and ``HF_HUB_OFFLINE=1``, so
only the built-in model is used. Outputs are written back into the file; a cell that fails
stops the run with its error and leaves that file unchanged. The time each notebook took is
printed. ``tests/test_notebooks.py`` executes them the same way, through :func:`execute`.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
TIMEOUT = 1800


def execute(path: Path) -> Any:
    """Run one notebook in a fresh kernel and return it with its outputs.

    Args:
        path: The ``.ipynb`` file.

    Returns:
        The executed ``nbformat.NotebookNode``.

    Raises:
        nbclient.exceptions.CellExecutionError: A cell raised; the message shows it.
    """
    import nbclient
    import nbformat

    os.environ["HF_HUB_OFFLINE"] = "1"
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return notebook


def main(argv: list[str] | None = None) -> None:
    """Execute the given notebooks (default: all) and write their outputs back."""
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all)")
    args = parser.parse_args(argv)
    paths = args.paths or sorted(NOTEBOOKS.glob("*.ipynb"))
    total = 0.0
    for path in paths:
        began = time.perf_counter()
        notebook = execute(path)
        nbformat.write(notebook, path)
        seconds = time.perf_counter() - began
        total += seconds
        print(f"{path.name}: {seconds:.1f}s", flush=True)
    print(f"total: {total:.1f}s for {len(paths)} notebook(s)")


if __name__ == "__main__":
    main()
