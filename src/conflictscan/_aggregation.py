"""Aggregation: scored candidate pairs -> conflicts with one calibrated confidence.

Input: :class:`Candidate` records (two :class:`~conflictscan.Sentence` objects,
NLI scores in both directions, relatedness and the evidence from
:mod:`conflictscan.signals._compare`). Output: ``list[Conflict]``, highest confidence first.

How ``confidence`` is computed
------------------------------
* ``reasoning="nli"``: the mean of the two directions' P(contradiction),
  ``(P(c | a->b) + P(c | b->a)) / 2``. With a temperature-calibrated model this is the
  probability of contradiction when the direction of reading is picked at random.
* ``reasoning="news"`` (default): a logistic :class:`Combiner` over the features in
  :func:`pair_features` (both directions' P(contradiction) as logits, entailment,
  relatedness, numeric/date conflict strength, denial entailment, overlap). Its weights
  are fitted on conflictscan's labelled news dev set and real news stance pairs
  (``scripts/fit_combiner.py``) and ship in ``conflictscan/data/combiner.json``; the
  output is the calibrated probability that the pair is a real conflict.

  The fit is sign-constrained, so confidence never falls when either direction's
  P(contradiction) rises or when a numeric, date, denial or place conflict (or a state
  said to end against the same state said to go on, ``state_clash``) is found, and
  the weight of each context feature (relatedness, overlap, entity mismatch…) is capped so
  that none of them alone can veto strong contradiction evidence. The combiner's
  relatedness ``gate`` is applied once, by the scanner, before pairs are scored.

  Structured signals are rare in any training set, so a fitted weight says little about
  them. Each combiner therefore also carries ``floors``: for a signal feature
  (``ev_numeric``, ``ev_date``, ``ev_denial``, ``ev_place``), the share of dev pairs where
  that signal fired (strength >= :data:`FLOOR_MIN_STRENGTH`) that were annotated conflicts. When the
  signal fires, confidence is at least that share times its strength, whatever the NLI
  scores say: a found numeric clash counts as often as it was right.

  The same holds the other way for the features that say two claims are about different
  things or moments (:data:`CEILING_FEATURES`: ``subject_contrast``, ``other_group``,
  ``different_times``, ``other_times``, ``time_shift``): a combiner may carry
  ``ceilings``, the share of the training pairs where such a feature fired *and* both
  directions read a contradiction (P(contradiction) >= :data:`CEILING_STRONG_NLI`) that
  were conflicts. When the feature
  fires, confidence is at most that share: "The health ministry will hire 5,000" / "The
  education ministry will cut 5,000" reads as a contradiction to the NLI model, and pairs
  like it almost never were one. A found numeric, date, denial or place clash (the
  floors) still counts after a ceiling.

  Minimal edits (``minimal_edit``: one claim is the other with one or two stretches of
  words changed, "will be held in Quellin" / "in Amsel") are the pair shape the NLI
  model was trained and calibrated on, and one the news dev set almost never contains (1
  of its 3,862 pairs), so the combiner has learned nothing about them. A combiner with
  ``edit_floor`` set keeps their confidence at or above :func:`nli_confidence`, unless
  the features say the two claims are about different subjects, different moments or
  compatible numbers (:data:`EDIT_BLOCKERS`). A minimal edit that changes nothing but
  numbers that agree (``compatible_edit``: "fewer than 100" / "some 80") is one claim
  written twice, and its confidence is capped at :data:`COMPATIBLE_EDIT_CAP` by every
  combiner.
  Two claims that tell one game with the same winner (``same_result``: "Japan beat
  Australia" / "Australia lost to Japan") are capped at :data:`SAME_RESULT_CAP` the same way,
  and so is a step that may come against the same step not taken yet (``pending_hedge``:
  "is considering a ban" / "no ban has been approved"), at :data:`PENDING_HEDGE_CAP`,
  and two claims that differ only in figures that agree (``agreeing_swap``: "More than 200
  people attended" / "234 people attended the candlelit vigil", read by the model as one
  claim once the second figure is written as the first), at :data:`AGREEING_SWAP_CAP`,
  and opposite verdicts for one defendant on two named offences (``other_charges``:
  "cleared of murder" / "found guilty of manslaughter"), at :data:`OTHER_CHARGES_CAP`, and
  a plea of not guilty against a verdict (``plea_and_verdict``), at
  :data:`PLEA_AND_VERDICT_CAP`, and nobody killed against people hurt (``injured_not_dead``),
  at :data:`INJURED_NOT_DEAD_CAP`.
  The other way round, a minimal edit that changes one word outside the subject into its
  opposite (``opposite_edit``: "The driver was sober" / "The driver was drunk") is one
  claim said both ways: every combiner keeps it at :data:`OPPOSITE_EDIT_FLOOR` or above,
  unless the features say the claims are about different subjects or moments
  (:data:`FLOOR_BLOCKERS`). The NLI model reads most such pairs as contradictions
  already; the floor holds for the ones it does not. One defendant found guilty and not
  guilty of one charge (``verdict_clash``) is kept at :data:`VERDICT_FLOOR` the same way,
  and so is one thing said to be one way and its opposite in claims worded apart
  (``predicate_clash``: "The painting was sold" / "The painting remains unsold"), at
  :data:`PREDICATE_CLASH_FLOOR`, and one contest given two different named winners
  (``winner_clash``: "The tournament was won by Sweden" / "Norway won the tournament"), at
  :data:`WINNER_CLASH_FLOOR`, and bail said to be granted against bail refused or not yet
  decided (``bail_clash``), at :data:`BAIL_CLASH_FLOOR`, and a state said to have ended
  against the same state said to go on (``state_clash``: "was recaptured" / "is still at
  large"), at :data:`STATE_CLASH_FLOOR`, unless the two are timed apart (``time_shift``),
  and one doer said to do one action and not to (``action_negated``: "paid a dividend" /
  "has not paid a dividend"), at :data:`ACTION_NEGATED_FLOOR`, and one group given shares
  in words that cannot meet for one action (``share_clash``: "most of the schools" / "only
  a handful of schools"), at :data:`SHARE_CLASH_FLOOR`, and one measure said to have gone
  up and down (``direction_clash``: "unemployment increased" / "joblessness declined"), at
  :data:`DIRECTION_CLASH_FLOOR`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictscan._errors import InputError
from conflictscan._types import Candidate, Conflict, Evidence, PairScore
from conflictscan.signals._bail import BAIL_SCORE
from conflictscan.signals._causes import CAUSE_SCORE
from conflictscan.signals._directions import DIRECTION_SCORE
from conflictscan.signals._edits import OPPOSITE_SCORE
from conflictscan.signals._held import HELD_SCORE
from conflictscan.signals._identities import IDENTITY_SCORE
from conflictscan.signals._negations import NEGATION_SCORE
from conflictscan.signals._order import ORDER_SCORE
from conflictscan.signals._predicates import PREDICATE_SCORE
from conflictscan.signals._proportions import SHARE_SCORE
from conflictscan.signals._roles import ROLES_SCORE
from conflictscan.signals._states import STATE_SCORE
from conflictscan.signals._survival import SURVIVAL_SCORE
from conflictscan.signals._verdicts import VERDICT_SCORE
from conflictscan.signals._winners import WINNER_SCORE

COMBINER_PATH = Path(__file__).with_name("data") / "combiner.json"
SIGNAL_KINDS = ("numeric", "date", "denial", "place")
FLOOR_MIN_STRENGTH = 0.5
"""Signal strength from which a combiner's ``floors`` apply (halved, entity-mismatched
numeric evidence stays below it)."""
CEILING_FEATURES = (
    "subject_contrast",
    "other_group",
    "different_times",
    "other_times",
    "time_shift",
)
"""Features that say the two claims are about different things or moments, the ones a
combiner's ``ceilings`` may cap confidence on. Update wording ("rose to", "so far") and
agreeing numbers only weaken a conflict; they are weighed by the fit alone."""
CEILING_STRONG_NLI = 0.5
"""Both directions' P(contradiction) from which a training pair counts towards a
combiner's ``ceilings``: the pairs a ceiling can lower."""
REASONING_MODES = ("news", "nli")
EDIT_BLOCKERS = (
    "subject_contrast",
    "other_group",
    "numbers_compatible",
    "update_marker",
    "different_times",
    "other_times",
)
"""Features that keep a minimal edit from its NLI floor: the claims are about different
things of one kind, their numbers agree, or they report different moments."""
COMPATIBLE_EDIT_CAP = 0.05
"""Highest confidence of a minimal edit in numbers that agree (``compatible_edit``: "Fewer
than 100 people attended" / "Some 80 people attended"): the rest of the two claims is
written the same, so nothing else in them can clash. Below every threshold the news
threshold rule considers (0.1 … 0.5)."""
SAME_RESULT_CAP = 0.05
"""Highest confidence of two claims that tell one game with the same winner (``same_result``:
"Japan beat Australia 2-1" / "Australia lost 2-1 to Japan"), which an NLI model reads as a
contradiction because the converse shares no verb. A date, place or score clash found in
the two claims (the floors) still counts after it."""
PENDING_HEDGE_CAP = 0.05
"""Highest confidence of a possibility against its not having happened yet
(``pending_hedge``: "The senator may run for governor" / "The senator has not announced a
run"), which an NLI model reads as a contradiction. Floors still count after it."""
AGREEING_SWAP_CAP = 0.05
"""Highest confidence of two claims that say the same once one's figure is written as the
other's, with figures that can both be true (``agreeing_swap``). Floors still count."""
PART_OF_GROUP_CAP = 0.05
"""Highest confidence of part of a group against part or most of it (``part_of_group``:
"Most residents support the stadium" / "Some residents oppose it"). Floors still count."""
ELABORATION_CAP = 0.05
"""Highest confidence of one claim told again with words added that only say more
(``elaboration``: "The vote was postponed" / "The vote was postponed until March"): the
longer claim says all the shorter one says. Floors still count."""
OTHER_CHARGES_CAP = 0.05
"""Highest confidence of opposite verdicts for one defendant on two named offences
(``other_charges``: "cleared of murder" / "found guilty of manslaughter"), which can both
stand. Floors still count."""
PLEA_AND_VERDICT_CAP = 0.05
"""Highest confidence of a plea of not guilty against a verdict for the same defendant
(``plea_and_verdict``: "pleaded not guilty" / "was found guilty by the jury"): one step
after another. Floors still count."""
INJURED_NOT_DEAD_CAP = 0.05
"""Highest confidence of nobody killed against people hurt, nothing said of deaths
(``injured_not_dead``: "Nobody was killed in the blast" / "The blast injured eleven
workers"), which an NLI model reads as a contradiction. Floors still count."""
FIXED_CAPS: dict[str, float] = {
    "compatible_edit": COMPATIBLE_EDIT_CAP,
    "same_result": SAME_RESULT_CAP,
    "pending_hedge": PENDING_HEDGE_CAP,
    "agreeing_swap": AGREEING_SWAP_CAP,
    "part_of_group": PART_OF_GROUP_CAP,
    "elaboration": ELABORATION_CAP,
    "other_charges": OTHER_CHARGES_CAP,
    "plea_and_verdict": PLEA_AND_VERDICT_CAP,
    "injured_not_dead": INJURED_NOT_DEAD_CAP,
}
"""Feature -> the highest confidence every combiner gives a pair where it fires."""
OPPOSITE_EDIT_FLOOR = OPPOSITE_SCORE
"""Lowest confidence of an opposite edit (``opposite_edit``), above every threshold the
news threshold rule considers (0.1 … 0.5)."""
VERDICT_FLOOR = VERDICT_SCORE
"""Lowest confidence of opposite verdicts for one defendant on one charge
(``verdict_clash``)."""
ROLE_REVERSAL_FLOOR = ROLES_SCORE
"""Lowest confidence of one one-way action told with doer and done-to swapped
(``role_reversal``: "Apple acquired Beats" / "Beats acquired Apple")."""
CAUSE_CLASH_FLOOR = CAUSE_SCORE
"""Lowest confidence of one fire, blast or crash called an accident and a deliberate act
(``cause_clash``)."""
SURVIVAL_CLASH_FLOOR = SURVIVAL_SCORE
"""Lowest confidence of one person said to have died and to have come through
(``survival_clash``)."""
HELD_CLASH_FLOOR = HELD_SCORE
"""Lowest confidence of one event said to have been called off and to have gone ahead
(``held_clash``)."""
IDENTITY_CLASH_FLOOR = IDENTITY_SCORE
"""Lowest confidence of one role named as two people (``identity_clash``)."""
ORDER_SWAP_FLOOR = ORDER_SCORE
"""Lowest confidence of one claim with two things traded around a word that runs one way
(``order_swap``: "Maria is taller than John" / "John is taller than Maria")."""
PREDICATE_CLASH_FLOOR = PREDICATE_SCORE
"""Lowest confidence of one thing said to be one way and its opposite in claims worded
apart (``predicate_clash``: "The painting was sold" / "The painting remains unsold")."""
WINNER_CLASH_FLOOR = WINNER_SCORE
"""Lowest confidence of one contest given two different named winners (``winner_clash``:
"The tournament was won by Sweden" / "Norway won the tournament")."""
BAIL_CLASH_FLOOR = BAIL_SCORE
"""Lowest confidence of bail said to be granted against bail refused or not yet decided
(``bail_clash``)."""
ACTION_NEGATED_FLOOR = NEGATION_SCORE
"""Lowest confidence of one doer said to do one action and not to (``action_negated``:
"paid a dividend this year" / "has not paid a dividend this year")."""
SHARE_CLASH_FLOOR = SHARE_SCORE
"""Lowest confidence of one group given shares in words that cannot meet for one action
(``share_clash``: "Most of the schools will stay closed" / "Only a handful of schools
will close")."""
DIRECTION_CLASH_FLOOR = DIRECTION_SCORE
"""Lowest confidence of one measure said to have gone up and down in claims worded apart
(``direction_clash``: "Unemployment in Spain increased in April" / "Spanish joblessness
declined in April")."""
STATE_CLASH_FLOOR = STATE_SCORE
"""Lowest confidence of a state said to have ended against the same state said to go on
(``state_clash``: "The escaped prisoner was recaptured on Wednesday" / "The prisoner was
still at large on Thursday"), unless the two claims are timed apart (``time_shift``)."""
FIXED_FLOORS: dict[str, float] = {
    "opposite_edit": OPPOSITE_EDIT_FLOOR,
    "verdict_clash": VERDICT_FLOOR,
    "role_reversal": ROLE_REVERSAL_FLOOR,
    "cause_clash": CAUSE_CLASH_FLOOR,
    "survival_clash": SURVIVAL_CLASH_FLOOR,
    "held_clash": HELD_CLASH_FLOOR,
    "identity_clash": IDENTITY_CLASH_FLOOR,
    "order_swap": ORDER_SWAP_FLOOR,
    "predicate_clash": PREDICATE_CLASH_FLOOR,
    "winner_clash": WINNER_CLASH_FLOOR,
    "bail_clash": BAIL_CLASH_FLOOR,
    "state_clash": STATE_CLASH_FLOOR,
    "action_negated": ACTION_NEGATED_FLOOR,
    "share_clash": SHARE_CLASH_FLOOR,
    "direction_clash": DIRECTION_CLASH_FLOOR,
}
"""Feature -> the lowest confidence every combiner gives a pair where it fires, unless a
:data:`FLOOR_BLOCKERS` feature fires too."""
FLOOR_BLOCKERS = ("subject_contrast", "other_group", "different_times", "other_times")
"""Features that keep a pair from its :data:`FIXED_FLOORS`: the claims are about different
things of one kind or different moments. An update word does not block it: in "The river
is rising" / "... falling" the changed word is the update."""
OWN_FLOOR_BLOCKERS: dict[str, tuple[str, ...]] = {"state_clash": ("time_shift",)}
"""Further features that keep a pair from one of the :data:`FIXED_FLOORS`: a state that
ended and went on, told at two times, is a change ("remained at large on Sunday" /
"arrested on Monday"), not a clash."""


def _clipped_logit(p: float, bound: float = 6.0) -> float:
    """``log(p / (1 - p))`` clipped to [-bound, bound]: separates 0.7 from 0.99."""
    p = min(max(p, 1e-9), 1.0 - 1e-9)
    return max(-bound, min(bound, math.log(p / (1.0 - p))))


def _signal_strength(candidate: Candidate, kind: str) -> float:
    return max((e.score for e in candidate.evidence if e.kind == kind), default=0.0)


def pair_features(candidate: Candidate) -> dict[str, float]:
    """Numeric features of a candidate, the combiner's input.

    Args:
        candidate: A scored pair.

    Returns:
        A flat dict of floats; keys are stable and documented in the combiner file.
    """
    fwd, bwd = candidate.forward, candidate.backward
    c_max = max(fwd.contradiction, bwd.contradiction)
    c_min = min(fwd.contradiction, bwd.contradiction)
    # ev_* are the strongest evidence of each kind (NLI-checked denials included); the
    # signal extractors' own features are added after these under their own names.
    feats = {
        "c_max": c_max,
        "c_min": c_min,
        "lc_max": _clipped_logit(c_max),
        "lc_min": _clipped_logit(c_min),
        "e_max": max(fwd.entailment, bwd.entailment),
        "n_min": min(fwd.neutral, bwd.neutral),
        "relatedness": candidate.relatedness if candidate.relatedness is not None else 0.5,
        "same_doc": float(candidate.a.doc_id == candidate.b.doc_id),
    }
    for kind in SIGNAL_KINDS:
        feats[f"ev_{kind}"] = _signal_strength(candidate, kind)
    for key, value in candidate.features.items():
        feats.setdefault(key, float(value))
    return feats


def edit_floor(features: Mapping[str, float]) -> float:
    """The NLI floor of a minimal edit: mean P(contradiction) of both directions, else 0.

    Args:
        features: :func:`pair_features` of a pair.

    Returns:
        ``(c_max + c_min) / 2`` when ``minimal_edit`` is set and no :data:`EDIT_BLOCKERS`
        feature is; 0.0 otherwise.
    """
    if features.get("minimal_edit", 0.0) < 0.5:
        return 0.0
    if any(features.get(name, 0.0) >= 0.5 for name in EDIT_BLOCKERS):
        return 0.0
    return (features.get("c_max", 0.0) + features.get("c_min", 0.0)) / 2.0


@dataclass(frozen=True)
class Combiner:
    """Logistic combiner of pair features into one probability.

    Args:
        weights: Feature name -> coefficient (on standardised features).
        intercept: Bias term.
        means: Feature means used for standardisation.
        scales: Feature standard deviations used for standardisation.
        gate: Minimum relatedness; pairs below it score 0.
        meta: Provenance (training set, metrics) written by the fitting script.
        floors: Signal feature -> measured precision; see the module docstring.
        edit_floor: Keep a minimal edit's confidence at or above its NLI reading
            (:func:`edit_floor`).
        ceilings: Feature against a conflict -> measured share of conflicts among the
            training pairs where it fired with strong NLI evidence; see the module
            docstring.
    """

    weights: Mapping[str, float]
    intercept: float
    means: Mapping[str, float] = field(default_factory=dict)
    scales: Mapping[str, float] = field(default_factory=dict)
    gate: float = 0.0
    meta: Mapping[str, Any] = field(default_factory=dict)
    floors: Mapping[str, float] = field(default_factory=dict)
    edit_floor: bool = False
    ceilings: Mapping[str, float] = field(default_factory=dict)

    def predict(self, features: Mapping[str, float]) -> float:
        """Probability that the pair described by ``features`` is a real conflict.

        The relatedness ``gate`` is not applied here: the scanner applies it once, before
        scoring, to decide which pairs reach the model at all.
        """
        z = self.intercept
        for name, weight in self.weights.items():
            value = features.get(name, self.means.get(name, 0.0))
            z += weight * (value - self.means.get(name, 0.0)) / (self.scales.get(name, 1.0) or 1.0)
        confidence = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
        if self.edit_floor:
            confidence = max(confidence, edit_floor(features))
        for name, share in self.ceilings.items():
            if float(features.get(name, 0.0)) >= FLOOR_MIN_STRENGTH:
                confidence = min(confidence, share)
        for name, cap in FIXED_CAPS.items():
            if float(features.get(name, 0.0)) >= FLOOR_MIN_STRENGTH:
                confidence = min(confidence, cap)
        if not any(float(features.get(n, 0.0)) >= FLOOR_MIN_STRENGTH for n in FLOOR_BLOCKERS):
            for name, floor in FIXED_FLOORS.items():
                blockers = OWN_FLOOR_BLOCKERS.get(name, ())
                if any(float(features.get(n, 0.0)) >= FLOOR_MIN_STRENGTH for n in blockers):
                    continue
                if float(features.get(name, 0.0)) >= FLOOR_MIN_STRENGTH:
                    confidence = max(confidence, floor)
        for name, precision in self.floors.items():
            strength = float(features.get(name, 0.0))
            if strength >= FLOOR_MIN_STRENGTH:
                confidence = max(confidence, precision * min(strength, 1.0))
        return confidence

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict; :meth:`from_dict` reads it back."""
        return {
            "weights": dict(self.weights),
            "intercept": self.intercept,
            "means": dict(self.means),
            "scales": dict(self.scales),
            "gate": self.gate,
            "meta": dict(self.meta),
            "floors": dict(self.floors),
            "edit_floor": self.edit_floor,
            "ceilings": dict(self.ceilings),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Combiner:
        """Inverse of :meth:`to_dict`; unknown keys are ignored."""
        try:
            return cls(
                weights={str(k): float(v) for k, v in data["weights"].items()},
                intercept=float(data["intercept"]),
                means={str(k): float(v) for k, v in data.get("means", {}).items()},
                scales={str(k): float(v) for k, v in data.get("scales", {}).items()},
                gate=float(data.get("gate", 0.0)),
                meta=dict(data.get("meta", {})),
                floors={str(k): float(v) for k, v in data.get("floors", {}).items()},
                edit_floor=bool(data.get("edit_floor", False)),
                ceilings={str(k): float(v) for k, v in data.get("ceilings", {}).items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(
                f"combiner data is malformed: {exc!r}; expected weights and intercept"
            ) from exc

    @classmethod
    def load(cls, path: str | Path | None = None) -> Combiner:
        """Read a combiner JSON file (default: the one shipped with conflictscan).

        The shipped file is first checked against the sha256 in ``data/manifest.json``
        (``ModelLoadError`` if it was changed; see :mod:`conflictscan._checksums`).
        """
        target = Path(path) if path is not None else COMBINER_PATH
        if path is None:
            from conflictscan.nli._builtin import verify_files

            verify_files(COMBINER_PATH.parent, only=(COMBINER_PATH.name,))
        try:
            return cls.from_dict(json.loads(target.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read combiner file {target}: {exc}") from exc

    def save(self, path: str | Path) -> None:
        """Write the combiner as JSON."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=2, sort_keys=True) + "\n")


def nli_confidence(forward: PairScore, backward: PairScore) -> float:
    """Mean P(contradiction) over both reading directions."""
    return (forward.contradiction + backward.contradiction) / 2.0


def _nli_evidence(candidate: Candidate, *, minimal_edit: bool = False) -> Evidence:
    fwd, bwd = candidate.forward.contradiction, candidate.backward.contradiction
    note = f"P(contradiction) a->b {fwd:.2f}, b->a {bwd:.2f}"
    if minimal_edit:
        note += "; one claim is the other with a few words changed, so this reading counts"
    return Evidence(
        kind="nli",
        a_value=candidate.a.content,
        b_value=candidate.b.content,
        score=max(fwd, bwd),
        note=note,
    )


def _reasons(candidate: Candidate, nli: Evidence) -> tuple[tuple[str, ...], tuple[Evidence, ...]]:
    fired = [e for e in candidate.evidence if e.score >= 0.5]
    if nli.score >= 0.5:
        fired.append(nli)
    fired.sort(key=lambda e: -e.score)
    reasons = tuple(dict.fromkeys(e.kind for e in fired))
    return reasons, tuple(fired) + tuple(e for e in candidate.evidence if e.score < 0.5)


def _ordered(candidate: Candidate) -> Candidate:
    """Put the earlier sentence of a same-document pair on side ``a``.

    Pairs across documents keep their order: the scanner builds them in input order.
    """
    same_doc = candidate.a.doc_id == candidate.b.doc_id
    if not same_doc or candidate.a.start <= candidate.b.start:
        return candidate
    return Candidate(
        a=candidate.b,
        b=candidate.a,
        forward=candidate.backward,
        backward=candidate.forward,
        relatedness=candidate.relatedness,
        evidence=tuple(
            Evidence(e.kind, e.b_value, e.a_value, e.score, e.note) for e in candidate.evidence
        ),
        features=candidate.features,
    )


def to_conflict(
    candidate: Candidate, *, reasoning: str = "news", combiner: Combiner | None = None
) -> Conflict:
    """Turn one candidate into a :class:`Conflict`, whatever its confidence.

    Args:
        candidate: A scored pair.
        reasoning: ``"news"`` (learned combiner) or ``"nli"`` (NLI probabilities only).
        combiner: The combiner for ``"news"``; the shipped one when None.

    Returns:
        The conflict, with confidence, reasons and evidence.
    """
    if reasoning not in REASONING_MODES:
        raise InputError(f"unknown reasoning {reasoning!r}; choose one of {REASONING_MODES}")
    cand = _ordered(candidate)
    floored = False
    if reasoning == "nli":
        confidence = nli_confidence(cand.forward, cand.backward)
    else:
        chosen = combiner or default_combiner()
        features = pair_features(cand)
        confidence = chosen.predict(features)
        floor = edit_floor(features) if chosen.edit_floor else 0.0
        floored = floor > 0.0 and confidence <= floor
    reasons, evidence = _reasons(cand, _nli_evidence(cand, minimal_edit=floored))
    return Conflict(
        a=cand.a,
        b=cand.b,
        confidence=float(confidence),
        scores=(cand.forward, cand.backward),
        reasons=reasons,
        evidence=evidence,
        relatedness=cand.relatedness,
    )


_SHIPPED_COMBINERS: dict[str, Combiner] = {}


def default_combiner(model: str | None = None) -> Combiner:
    """The combiner shipped for ``model``, read and checksum-verified once.

    A combiner weighs one model's probabilities, so each built-in model ships its own
    (``data/<name>/combiner.json``, covered by that model's manifest). Any other model
    (a hub id, a local folder, or None) gets ``data/combiner.json``, fitted for the
    default model.

    Args:
        model: A model name as given to :class:`~conflictscan.Scanner`.

    Returns:
        The shipped combiner for that model.

    Raises:
        ModelLoadError: If a shipped combiner file fails its checksum.
    """
    folder = COMBINER_PATH.parent / str(model)
    own = model is not None and (folder / COMBINER_PATH.name).is_file()
    key = str(model) if own else ""
    if key not in _SHIPPED_COMBINERS:
        if own:
            from conflictscan.nli._builtin import verify_files

            verify_files(folder, only=(COMBINER_PATH.name,))
            _SHIPPED_COMBINERS[key] = Combiner.load(folder / COMBINER_PATH.name)
        else:
            _SHIPPED_COMBINERS[key] = Combiner.load()
    return _SHIPPED_COMBINERS[key]


def aggregate(
    candidates: Iterable[Candidate],
    *,
    threshold: float = 0.5,
    reasoning: str = "news",
    combiner: Combiner | None = None,
) -> list[Conflict]:
    """Score, filter, deduplicate and sort candidates.

    Args:
        candidates: Scored pairs.
        threshold: Minimum confidence to keep, in [0, 1].
        reasoning: ``"news"`` or ``"nli"`` (see the module docstring).
        combiner: Override the shipped combiner.

    Returns:
        Conflicts with ``confidence >= threshold``, highest first; a pair of sentences
        (by position) appears at most once.

    Raises:
        InputError: ``threshold`` outside [0, 1] or unknown ``reasoning``.
    """
    if not 0.0 <= threshold <= 1.0:
        raise InputError(f"threshold must be in [0, 1], got {threshold}")
    best: dict[tuple[Any, ...], Conflict] = {}
    for candidate in candidates:
        conflict = to_conflict(candidate, reasoning=reasoning, combiner=combiner)
        if conflict.confidence < threshold:
            continue
        key = (conflict.a.doc_id, conflict.a.start, conflict.b.doc_id, conflict.b.start)
        if key not in best or best[key].confidence < conflict.confidence:
            best[key] = conflict
    return sorted(
        best.values(),
        key=lambda c: (-c.confidence, str(c.a.doc_id), c.a.start, str(c.b.doc_id), c.b.start),
    )
