"""The public contract: what ``import conflictscan`` exposes."""

from __future__ import annotations

import subprocess
import sys

import conflictscan

EXPECTED = {
    "BatchError",
    "Conflict",
    "ConflictScanError",
    "DEFAULT_MODEL",
    "Document",
    "Evidence",
    "InputError",
    "LabelMappingError",
    "ModelLoadError",
    "PAIRING_STRATEGIES",
    "PairLimitError",
    "PairScore",
    "ScanConfig",
    "ScanResult",
    "Scanner",
    "Sentence",
    "__version__",
    "evaluate",
    "make_pairs",
    "scan",
    "split_sentences",
}


def test_all_is_the_contract() -> None:
    assert set(conflictscan.__all__) == EXPECTED


def test_every_exported_name_resolves() -> None:
    for name in conflictscan.__all__:
        assert getattr(conflictscan, name) is not None, name


def test_unknown_attribute_raises() -> None:
    try:
        conflictscan.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:  # pragma: no cover - the import machinery must raise
        raise AssertionError("expected AttributeError")


def test_import_does_not_import_torch_or_datasets() -> None:
    code = (
        "import sys, conflictscan; "
        "print(sorted(m for m in ('torch', 'transformers', 'datasets') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_errors_subclass_builtins() -> None:
    assert issubclass(conflictscan.InputError, ValueError)
    assert issubclass(conflictscan.ModelLoadError, OSError)
    assert issubclass(conflictscan.LabelMappingError, ValueError)
    err = conflictscan.BatchError("stopped", resume_from="story-7")
    assert err.resume_from == "story-7" and isinstance(err, conflictscan.ConflictScanError)
