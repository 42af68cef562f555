"""``python -m conflictscan`` runs the command-line interface."""

from __future__ import annotations

from conflictscan.cli import main

if __name__ == "__main__":
    main()
