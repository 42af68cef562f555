"""The public contract: what ``import conflictscan`` exposes."""

from __future__ import annotations

import pytest

import conflictscan
from conftest import run_python

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
    "evaluate_news",
    "make_pairs",
    "scan",
    "scan_collection",
    "split_sentences",
    "train",
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
    assert run_python(code) == "[]"


def test_errors_subclass_builtins() -> None:
    assert issubclass(conflictscan.InputError, ValueError)
    assert issubclass(conflictscan.ModelLoadError, OSError)
    assert issubclass(conflictscan.LabelMappingError, ValueError)
    err = conflictscan.BatchError("stopped", resume_from="story-7")
    assert err.resume_from == "story-7" and isinstance(err, conflictscan.ConflictScanError)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("models", "conflictscan.nli._builtin"),
        ("bases", "conflictscan.nli._bases"),
        ("scoring", "conflictscan.nli"),
    ],
)
def test_flat_layout_modules_are_deprecated_aliases(
    old: str, new: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(vars(conflictscan), old, raising=False)
    with pytest.warns(DeprecationWarning, match=f"conflictscan.{old} is deprecated"):
        module = getattr(conflictscan, old)
    assert module.__name__ == new


def test_subpackages_list_their_public_names() -> None:
    import importlib

    for name in ("text", "signals", "nli", "report", "batch", "evaluation"):
        package = importlib.import_module(f"conflictscan.{name}")
        assert package.__all__, name
        for public in package.__all__:
            assert getattr(package, public) is not None, f"{name}.{public}"


def test_renamed_functions_keep_their_old_spelling_with_a_warning() -> None:
    from conflictscan import Sentence
    from conflictscan.text import _segmentation, _speech, is_statement, split_attribution

    text = "Rain will fall, the agency said."
    sentence = Sentence(text, 0, len(text))
    with pytest.warns(DeprecationWarning, match="split_attribution"):
        old = _speech.normalise(sentence, method="regex")
    assert old == split_attribution(sentence, method="regex")
    with pytest.warns(DeprecationWarning, match="is_statement"):
        assert _segmentation.is_claim is is_statement


def test_flat_layout_modules_still_import_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from conflictscan.nli import PRESETS

    monkeypatch.delitem(sys.modules, "conflictscan.models", raising=False)
    with pytest.warns(DeprecationWarning, match="conflictscan.models is deprecated"):
        from conflictscan.models import PRESETS as old

    assert old is PRESETS
    vars(conflictscan).pop("models", None)  # the import bound the stand-in on the package
