"""Tests for conflictscan._aggregation."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conflictscan import Evidence, InputError, PairScore, Sentence
from conflictscan._aggregation import (
    COMPATIBLE_EDIT_CAP,
    EDIT_BLOCKERS,
    Combiner,
    aggregate,
    default_combiner,
    edit_floor,
    nli_confidence,
    pair_features,
    to_conflict,
)
from conflictscan._config import default_threshold
from conflictscan._types import Candidate
from conflictscan.build import fit_combiner, signal_ceilings, signal_floors
from conflictscan.nli import BUILTIN_MODELS


def _sent(doc: str, start: int, text: str = "The council approved the budget.") -> Sentence:
    return Sentence(text, start, start + len(text), doc_id=doc)


def _cand(c_fwd: float, c_bwd: float, *, a=None, b=None, rel=0.8, evidence=()) -> Candidate:  # type: ignore[no-untyped-def]
    def ps(c: float) -> PairScore:
        return PairScore("x", "y", c, (1 - c) / 2, (1 - c) / 2)

    return Candidate(
        a=a or _sent("a", 0),
        b=b or _sent("b", 10),
        forward=ps(c_fwd),
        backward=ps(c_bwd),
        relatedness=rel,
        evidence=evidence,
    )


def test_nli_confidence_is_mean_of_directions() -> None:
    cand = _cand(0.9, 0.5)
    assert nli_confidence(cand.forward, cand.backward) == pytest.approx(0.7)
    assert to_conflict(cand, reasoning="nli").confidence == pytest.approx(0.7)


def test_threshold_filters_and_sorts() -> None:
    cands = [_cand(0.6, 0.6, b=_sent("b", 1)), _cand(0.95, 0.9, b=_sent("b", 2)), _cand(0.1, 0.2)]
    out = aggregate(cands, threshold=0.5, reasoning="nli")
    assert [round(c.confidence, 3) for c in out] == [0.925, 0.6]


def test_duplicates_are_merged_keeping_the_highest() -> None:
    out = aggregate([_cand(0.7, 0.7), _cand(0.9, 0.9)], threshold=0.0, reasoning="nli")
    assert len(out) == 1 and out[0].confidence == pytest.approx(0.9)


def test_sides_are_put_in_document_order() -> None:
    cand = _cand(0.9, 0.3, a=_sent("a", 50), b=_sent("a", 5))
    conflict = to_conflict(cand, reasoning="nli")
    assert (conflict.a.start, conflict.b.start) == (5, 50)
    assert conflict.scores[0].contradiction == pytest.approx(0.3)  # directions swapped too
    across = to_conflict(_cand(0.9, 0.3, a=_sent("z", 50), b=_sent("a", 5)), reasoning="nli")
    assert across.a.doc_id == "z"  # across documents the given (input) order is kept


def test_reasons_list_signals_strongest_first() -> None:
    ev = (Evidence("numeric", "30 dead", "no one hurt", 0.95, "30 dead vs 0 hurt"),)
    conflict = to_conflict(_cand(0.7, 0.6, evidence=ev), reasoning="nli")
    assert conflict.reasons == ("numeric", "nli")
    assert conflict.evidence[0].note == "30 dead vs 0 hurt"


def test_news_combiner_rises_with_contradiction_and_signals() -> None:
    low = to_conflict(_cand(0.05, 0.05)).confidence
    high = to_conflict(_cand(0.95, 0.9)).confidence
    ev = (Evidence("numeric", "", "", 0.95, ""),)
    with_signal = to_conflict(_cand(0.3, 0.3, evidence=ev)).confidence
    without = to_conflict(_cand(0.3, 0.3)).confidence
    assert 0.0 <= low < high <= 1.0
    assert with_signal > without


def test_predict_does_not_apply_the_gate() -> None:
    # The scanner applies the relatedness gate once, before scoring; the combiner only
    # weighs evidence, so low relatedness alone cannot zero a strong contradiction.
    comb = Combiner(weights={"c_max": 5.0}, intercept=0.0, gate=0.3)
    assert comb.predict(pair_features(_cand(0.99, 0.99, rel=0.1))) > 0.9


def test_logit_features_separate_strong_from_moderate_evidence() -> None:
    moderate, strong = pair_features(_cand(0.7, 0.7)), pair_features(_cand(0.99, 0.99))
    assert strong["lc_min"] - moderate["lc_min"] > 3.0
    assert pair_features(_cand(1.0, 1.0))["lc_max"] == pytest.approx(6.0)


def test_fit_respects_weight_bounds() -> None:
    rows = [{"lc_max": v, "relatedness": r} for v, r in ((-3, 0.9), (-1, 0.1), (2, 0.2), (3, 0.95))]
    labels = [0, 0, 1, 1]
    free = fit_combiner(rows, labels, c=100.0)
    assert free.weights["relatedness"] != pytest.approx(0.0, abs=1e-3)
    bounded = fit_combiner(
        rows, labels, c=100.0, bounds={"lc_max": (0.0, None), "relatedness": (-0.1, 0.1)}
    )
    assert bounded.weights["lc_max"] >= 0.0
    assert -0.1 - 1e-9 <= bounded.weights["relatedness"] <= 0.1 + 1e-9
    flipped = fit_combiner(rows, [1, 1, 0, 0], c=100.0, bounds={"lc_max": (0.0, None)})
    assert flipped.weights["lc_max"] == pytest.approx(0.0, abs=1e-6)


def test_fit_sample_weights_shift_the_fit() -> None:
    rows = [{"x": 0.0}, {"x": 1.0}, {"x": 1.0}, {"x": 0.0}]
    light = fit_combiner(rows, [0, 1, 0, 1], c=100.0, sample_weight=[1, 1, 1, 1])
    heavy = fit_combiner(rows, [0, 1, 0, 1], c=100.0, sample_weight=[5, 5, 1, 1])
    assert heavy.weights["x"] > light.weights["x"] + 0.5


def test_combiner_fit_roundtrip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = [{"c_max": v, "numeric": float(v > 0.8)} for v in (0.1, 0.2, 0.3, 0.7, 0.9, 0.95)]
    labels = [0, 0, 0, 1, 1, 1]
    comb = fit_combiner(rows, labels, meta={"n": 6})
    assert comb.predict({"c_max": 0.95, "numeric": 1.0}) > comb.predict(
        {"c_max": 0.1, "numeric": 0}
    )
    path = tmp_path / "comb.json"
    comb.save(path)
    again = Combiner.load(path)
    assert again.predict(rows[4]) == pytest.approx(comb.predict(rows[4]))
    assert again.meta == {"n": 6}


def test_fit_needs_both_labels() -> None:
    with pytest.raises(InputError, match="both labels"):
        fit_combiner([{"c_max": 0.1}], [0])


def test_malformed_combiner_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.json"
    path.write_text('{"weights": 3}')
    with pytest.raises(InputError, match="malformed"):
        Combiner.load(path)
    with pytest.raises(InputError, match="cannot read combiner"):
        Combiner.load(tmp_path / "missing.json")


def test_shipped_combiner_loads() -> None:
    comb = default_combiner()
    assert comb.weights and 0.0 <= comb.gate < 1.0


SHIPPED = ["default", *BUILTIN_MODELS]
EVIDENCE = ("lc_max", "lc_min", "ev_numeric", "ev_date", "ev_denial", "ev_place")


def _shipped(name: str) -> Combiner:
    return default_combiner(None if name == "default" else name)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_combiner_follows_contradiction_evidence(name: str) -> None:
    comb = _shipped(name)
    assert "same_doc" not in comb.weights
    typical = dict(comb.means)
    for feature in EVIDENCE:
        if feature not in comb.weights:
            continue
        lo, hi = (-2.0, 4.0) if feature.startswith("lc_") else (0.0, 1.0)
        values = [comb.predict({**typical, feature: lo + k * (hi - lo) / 10}) for k in range(11)]
        assert values == sorted(values), f"{name}: confidence falls as {feature} rises"


@pytest.mark.parametrize("name", SHIPPED)
def test_no_context_feature_vetoes_strong_contradiction(name: str) -> None:
    # Both directions at P(contradiction) 0.95: no single context feature, at either end of
    # its observed range, may pull the confidence under the default news threshold.
    comb = _shipped(name)
    nli = {"lc_max": 2.944, "lc_min": 2.944, "e_max": 0.025, "n_min": 0.025}
    strong = {**comb.means, **nli}
    threshold = default_threshold("news", None if name == "default" else name)
    assert comb.predict(strong) >= threshold
    bounds = comb.meta.get("bounds", {})
    for feature in comb.weights:
        if feature in {*EVIDENCE, *nli}:
            continue
        swing = bounds.get(feature)
        assert swing is not None, f"{name}: feature {feature} has no recorded bound"
        if None in swing or 0.0 in swing:
            continue  # one-sided: evidence for or against a conflict, not context
        # Context features lie in [0, 1]; relatedness below the gate never reaches it.
        low = comb.gate if feature == "relatedness" else 0.0
        for value in (low, 1.0):
            probe = {**strong, feature: value}
            assert comb.predict(probe) >= threshold, f"{name}: {feature}={value} vetoes"


def _flat(**floors: float) -> Combiner:
    # Every pair at about 5% unless a floor lifts it.
    return Combiner(weights={"lc_max": 0.1}, intercept=-3.0, floors=floors)


def test_a_fired_signal_keeps_confidence_at_its_floor() -> None:
    comb = _flat(ev_numeric=0.8)
    base = comb.predict({"lc_max": 0.0})
    assert base < 0.1
    assert comb.predict({"lc_max": 0.0, "ev_numeric": 0.9}) == pytest.approx(0.72)
    # Under FLOOR_MIN_STRENGTH (e.g. halved by an entity mismatch) the floor does not apply.
    assert comb.predict({"lc_max": 0.0, "ev_numeric": 0.45}) == pytest.approx(base)
    # Signals without a floor change nothing.
    assert comb.predict({"lc_max": 0.0, "ev_date": 0.9}) == pytest.approx(base)


def test_floors_never_lower_confidence_and_rise_with_strength() -> None:
    comb = _flat(ev_denial=0.6)
    values = [comb.predict({"lc_max": 4.0, "ev_denial": k / 10}) for k in range(11)]
    assert values == sorted(values)
    assert min(values) == pytest.approx(_flat().predict({"lc_max": 4.0}))


def test_floors_roundtrip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    comb = _flat(ev_numeric=0.75)
    comb.save(tmp_path / "c.json")
    assert Combiner.load(tmp_path / "c.json").floors == {"ev_numeric": 0.75}
    assert Combiner.from_dict({"weights": {}, "intercept": 0.0}).floors == {}


def test_signal_floors_are_smoothed_precision_with_minimum_support() -> None:
    rows = [{"ev_numeric": 0.9}] * 4 + [{"ev_numeric": 0.3}] * 5 + [{"ev_date": 0.8}] * 2
    rows += [{"ev_denial": 0.7}] * 5 + [{"ev_place": 0.8}] * 3
    labels = [1, 1, 1, 0] + [0] * 5 + [1, 1] + [1, 1, 0, 0, 0] + [1, 1, 1]
    floors, support = signal_floors(rows, labels)
    # numeric: (3 + 1) / (4 + 2); date: too few; denial: (2 + 1) / (5 + 2) < 0.5;
    # place: (3 + 1) / (3 + 2).
    assert floors == {"ev_numeric": pytest.approx(4 / 6), "ev_place": pytest.approx(4 / 5)}
    assert support == {
        "ev_numeric": [4, 3],
        "ev_date": [2, 2],
        "ev_denial": [5, 2],
        "ev_place": [3, 3],
    }


def test_a_fired_feature_against_a_conflict_caps_confidence_at_its_ceiling(tmp_path) -> None:  # type: ignore[no-untyped-def]
    sure = Combiner(weights={"lc_max": 1.0}, intercept=0.0, ceilings={"subject_contrast": 0.1})
    strong = {"lc_max": 5.0}
    assert sure.predict(strong) > 0.99
    assert sure.predict({**strong, "subject_contrast": 1.0}) == pytest.approx(0.1)
    # A pair under the ceiling keeps its confidence; a feature without a ceiling caps nothing.
    assert sure.predict({"lc_max": -5.0, "subject_contrast": 1.0}) < 0.01
    assert sure.predict({**strong, "other_group": 1.0}) > 0.99
    # A found clash still counts after a ceiling.
    floored = replace(sure, floors={"ev_place": 0.8})
    assert floored.predict({**strong, "subject_contrast": 1.0, "ev_place": 1.0}) == 0.8
    sure.save(tmp_path / "c.json")
    assert Combiner.load(tmp_path / "c.json").ceilings == {"subject_contrast": 0.1}
    assert Combiner.from_dict({"weights": {}, "intercept": 0.0}).ceilings == {}


def test_signal_ceilings_count_only_pairs_with_strong_nli_evidence() -> None:
    strong, weak = {"c_min": 0.8}, {"c_min": 0.2}
    rows = [{**strong, "subject_contrast": 1.0}] * 6 + [{**weak, "subject_contrast": 1.0}] * 9
    rows += [{**strong, "other_group": 1.0}] * 4 + [{**strong, "different_times": 1.0}] * 6
    labels = [0] * 6 + [1] * 9 + [0] * 4 + [1, 1, 1, 1, 0, 0]
    ceilings, support = signal_ceilings(rows, labels)
    # subject_contrast: (0 + 1) / (6 + 2), the weak rows do not count; other_group: too
    # few; different_times: (4 + 1) / (6 + 2) is above MAX_CEILING.
    assert ceilings == {"subject_contrast": pytest.approx(1 / 8)}
    assert support["subject_contrast"] == [6, 0]
    assert support["other_group"] == [4, 0]
    assert support["different_times"] == [6, 4]


def test_edit_floor_is_the_nli_reading_of_an_unblocked_minimal_edit() -> None:
    feats = {"minimal_edit": 1.0, "c_max": 0.8, "c_min": 0.6}
    assert edit_floor(feats) == pytest.approx(0.7)
    assert edit_floor({**feats, "minimal_edit": 0.0}) == 0.0
    for blocker in EDIT_BLOCKERS:
        assert edit_floor({**feats, blocker: 1.0}) == 0.0


def test_a_combiner_with_edit_floor_never_scores_a_minimal_edit_below_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    feats = {"lc_max": 0.0, "minimal_edit": 1.0, "c_max": 0.9, "c_min": 0.7}
    plain = _flat()
    assert plain.predict(feats) < 0.1
    floored = Combiner(weights=plain.weights, intercept=plain.intercept, edit_floor=True)
    assert floored.predict(feats) == pytest.approx(0.8)
    assert floored.predict({**feats, "minimal_edit": 0.0}) == pytest.approx(plain.predict(feats))
    floored.save(tmp_path / "c.json")
    assert Combiner.load(tmp_path / "c.json").edit_floor is True
    assert Combiner.from_dict({"weights": {}, "intercept": 0.0}).edit_floor is False


def test_a_floored_minimal_edit_says_so_in_its_nli_note() -> None:
    a = _sent("a", 0, "The summit will be held in Quellin next month.")
    b = _sent("b", 0, "The summit will be held in Amsel next month.")
    cand = Candidate(
        a=a,
        b=b,
        forward=PairScore(a.text, b.text, 0.8, 0.1, 0.1),
        backward=PairScore(b.text, a.text, 0.7, 0.1, 0.2),
        relatedness=0.8,
        features={"minimal_edit": 1.0},
    )
    comb = Combiner(weights={"lc_max": 0.1}, intercept=-3.0, edit_floor=True)
    conflict = to_conflict(cand, combiner=comb)
    assert conflict.confidence == pytest.approx(0.75)
    assert "a few words changed" in conflict.evidence[0].note
    plain = to_conflict(cand, combiner=Combiner(weights={"lc_max": 0.1}, intercept=-3.0))
    assert plain.confidence < 0.1
    assert "a few words changed" not in plain.evidence[0].note


def test_bad_threshold_and_reasoning() -> None:
    with pytest.raises(InputError, match=r"threshold must be in \[0, 1\]"):
        aggregate([], threshold=1.5)
    with pytest.raises(InputError, match="unknown reasoning"):
        to_conflict(_cand(0.5, 0.5), reasoning="vibes")


def test_an_edit_in_numbers_that_agree_is_capped_whatever_the_nli_reading() -> None:
    feats = {"lc_max": 6.0, "lc_min": 6.0, "minimal_edit": 1.0, "c_max": 0.99, "c_min": 0.98}
    comb = Combiner(weights={"lc_max": 1.0}, intercept=0.0, edit_floor=True)
    assert comb.predict(feats) > 0.9
    assert comb.predict({**feats, "compatible_edit": 1.0}) == pytest.approx(COMPATIBLE_EDIT_CAP)


def test_the_fit_shrinks_a_context_weight_that_could_veto(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "scripts"))
    import fit_combiner

    # Strong NLI alone reaches about 0.30; relatedness at the gate would pull it to ~0.08.
    comb = Combiner(
        weights={"lc_max": 0.5, "lc_min": 0.5, "relatedness": 2.0},
        intercept=-3.6,
        means={"lc_max": 0.0, "lc_min": 0.0, "relatedness": 0.5},
        scales={"lc_max": 1.0, "lc_min": 1.0, "relatedness": 0.25},
        gate=0.16,
        meta={"bounds": {"relatedness": [-3.0, 3.0], "lc_max": [0.0, None]}},
    )
    strong = {**comb.means, **fit_combiner.STRONG_NLI}
    assert comb.predict({**strong, "relatedness": 0.16}) < 0.2 < comb.predict(strong)
    fixed = fit_combiner.without_vetoes(comb, 0.2)
    assert fixed.meta["veto_shrunk"] == {"relatedness": 2.0}
    assert 0 < fixed.weights["relatedness"] < 2.0
    assert fixed.weights["lc_max"] == comb.weights["lc_max"]
    for value in (0.16, 1.0):
        assert fixed.predict({**strong, "relatedness": value}) >= 0.2
    # A combiner that keeps the promise comes back unchanged.
    assert fit_combiner.without_vetoes(fixed, 0.2) is fixed
