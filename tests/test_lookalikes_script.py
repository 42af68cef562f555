"""``scripts/lookalikes.py``: the invented minimal pairs of the look-alike stage."""

from __future__ import annotations

import re
from typing import Any

import pytest

from test_distill_script import SCRIPTS


@pytest.fixture()
def lookalikes(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(SCRIPTS))
    import lookalikes

    return lookalikes


def _differing(a: str, b: str) -> tuple[set[str], set[str]]:
    wa, wb = set(re.findall(r"[\w'-]+", a)), set(re.findall(r"[\w'-]+", b))
    return wa - wb, wb - wa


def test_place_pairs_move_one_event(lookalikes: Any) -> None:
    pairs = lookalikes.place_pairs(200, seed=3)
    assert len(pairs) == 200
    assert pairs == lookalikes.place_pairs(200, seed=3)
    places = set(lookalikes.PLACE_NAMES)
    for (a, b, y), (a2, b2, y2) in zip(pairs[::2], pairs[1::2], strict=True):
        assert (y, y2) == (lookalikes.CONTRADICTION, lookalikes.NEUTRAL)
        assert a == a2
        # The contradiction differs in the place only; the neutral pair also in the actor.
        gone, new = _differing(a, b)
        assert gone <= places and new <= places and len(new) == 1, (a, b)
        gone2, new2 = _differing(a2, b2)
        assert new2 - places, (a2, b2)
        assert new <= new2


def test_period_pairs_same_one_clashes_another_does_not(lookalikes: Any) -> None:
    pairs = lookalikes.period_pairs(200, seed=4)
    assert len(pairs) == 200
    values = {v for _, _, vs in lookalikes.PERIOD_EVENTS for v in vs}
    for (a, b, y), (a2, b2, y2) in zip(pairs[::2], pairs[1::2], strict=True):
        assert (y, y2) == (lookalikes.CONTRADICTION, lookalikes.NEUTRAL)
        assert a == a2 and b != b2
        # Contradiction and neutral pair differ only in which period or part is named.
        gone, new = _differing(b, b2)
        assert gone and new and gone <= values and new <= values, (b, b2)


def test_shares_of_the_mix(lookalikes: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lookalikes, "_candidates", lambda bodies: [])
    monkeypatch.setattr(lookalikes, "_bodies", lambda data_dir, seed: [])
    pairs = lookalikes.lookalike_pairs(SCRIPTS, 400, seed=2, places=0.25, periods=0.25)
    assert len(pairs) == 400
    moved = set(lookalikes.place_pairs(100, seed=2))
    periods = set(lookalikes.period_pairs(100, seed=2))
    assert sum(p in moved for p in pairs) == 100
    assert sum(p in periods for p in pairs) == 100
    labels = [y for _, _, y in pairs]
    assert labels.count(lookalikes.CONTRADICTION) == labels.count(lookalikes.NEUTRAL) == 200
