"""``benchmarks/stance.py --unseen``: stance items whose body no built-in fit used."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def bench(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import stance

    return stance


def _write(path: Path, rows: list[tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps({"premise": f"Body {i}.", "hypothesis": f"Claim {i}.", "label": label})
        for i, (label, _) in enumerate(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_unseen_items_leave_out_used_bodies_and_are_seeded(bench: Any, tmp_path: Path) -> None:
    path = tmp_path / "arc_stance" / "train.jsonl"
    _write(path, [("contradiction", "")] * 6 + [("entailment", "")] * 6)
    used = {"Body 0.", "Body 1.", "Body 6."}
    items = bench.unseen_items(path, 3, 5, used)
    assert [i.label for i in items] == ["contradiction"] * 3 + ["entailment"] * 3
    assert not {i.body for i in items} & used
    assert items == bench.unseen_items(path, 3, 5, used)
    # Fewer unseen items than asked for: all of them.
    assert len(bench.unseen_items(path, 10, 5, used)) == 4 + 5


def test_no_unseen_item_of_one_stance_is_none(bench: Any, tmp_path: Path) -> None:
    path = tmp_path / "fnc1" / "train.jsonl"
    _write(path, [("contradiction", "")] * 2 + [("entailment", "")] * 2)
    assert bench.unseen_items(path, 5, 1, {"Body 0.", "Body 1."}) is None


def test_fitted_bodies_are_the_builds_and_the_fits(bench: Any, tmp_path: Path) -> None:
    import build_standard
    import fit_combiner

    labels = ["contradiction"] * 700 + ["entailment"] * 500 + ["neutral"] * 320
    _write(tmp_path / "arc_stance" / "train.jsonl", [(label, "") for label in labels])
    used = bench.fitted_bodies(tmp_path, "arc_stance")
    quota = build_standard.STANCE_QUOTAS["arc_stance"]
    build = build_standard.stance_selection(tmp_path, "arc_stance", quota, build_standard.SEED)
    assert len(build) == sum(quota.values())
    assert {body for body, _, _ in build} <= used
    # The fit adds up to STANCE_PER_LABEL per stance that the build may not have taken.
    extra = used - {body for body, _, _ in build}
    assert 0 < len(extra) <= 2 * fit_combiner.STANCE_PER_LABEL
    assert len(used) < len(labels)
