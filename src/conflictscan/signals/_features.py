"""Combiner features of a sentence pair: the numbers a learned combiner weighs.

Input: two :class:`~conflictscan.Sentence` objects (or plain strings) and optional
publication dates. Output: ``dict[str, float]`` (:func:`features`), one value per name in
:data:`FEATURE_NAMES`. The structured evidence itself (numbers, dates, denials, places,
states) comes from :mod:`conflictscan.signals._compare`; the features read the same
signals, plus the ones that only speak against a conflict (different subjects, different
times, agreeing numbers).
"""

from __future__ import annotations

from datetime import date, datetime

from conflictscan._checks import _as_text, _check_published
from conflictscan._types import Sentence
from conflictscan.signals._affiliations import affiliation_clash
from conflictscan.signals._bail import bail_clash
from conflictscan.signals._casualties import injured_not_dead
from conflictscan.signals._causes import cause_clash
from conflictscan.signals._compare import _event_reported, _numeric_evidence_for, _numeric_pairs
from conflictscan.signals._dates import _dates
from conflictscan.signals._denials import _denial_overlap
from conflictscan.signals._directions import direction_clash
from conflictscan.signals._edits import (
    compatible_edit,
    elaboration,
    minimal_edit,
    opposite_edit,
)
from conflictscan.signals._hedges import pending_hedge, plan_told_before
from conflictscan.signals._held import held_clash
from conflictscan.signals._identities import identity_clash
from conflictscan.signals._lexicon import _NEGATION_RE, _UPDATE_RE
from conflictscan.signals._names import _entity_penalty
from conflictscan.signals._negations import action_negated
from conflictscan.signals._numbers import _quantities
from conflictscan.signals._order import order_swap
from conflictscan.signals._parts import part_of_group
from conflictscan.signals._precedents import precedent_clash
from conflictscan.signals._predicates import predicate_clash
from conflictscan.signals._proportions import share_clash
from conflictscan.signals._quotes import quote_owner
from conflictscan.signals._roles import role_reversal
from conflictscan.signals._routes import route_swap
from conflictscan.signals._scores import same_result
from conflictscan.signals._sequence import sequence_clash
from conflictscan.signals._states import state_clash
from conflictscan.signals._survival import survival_clash
from conflictscan.signals._timing import (
    _date_clash,
    _date_evidence,
    _different_times,
    _point_times_differ,
    _report_timed,
    _same_event,
    _time_shift,
)
from conflictscan.signals._verdicts import other_charges, plea_and_verdict, verdict_clash
from conflictscan.signals._views import subject_features
from conflictscan.signals._wholes import told_as_part
from conflictscan.signals._winners import winner_clash

FEATURE_NAMES: tuple[str, ...] = (
    "numeric_conflict",
    "sign_conflict",
    "zero_conflict",
    "numbers_alignable",
    "numbers_compatible",
    "number_overlap",
    "date_conflict",
    "dates_alignable",
    "dates_compatible",
    "different_times",
    "other_times",
    "time_shift",
    "update_marker",
    "negation_asymmetry",
    "denial",
    "denial_overlap",
    "entity_mismatch",
    "subject_contrast",
    "other_group",
    "minimal_edit",
    "compatible_edit",
    "state_clash",
    "same_result",
    "opposite_edit",
    "pending_hedge",
    "verdict_clash",
    "other_charges",
    "plea_and_verdict",
    "role_reversal",
    "part_of_group",
    "elaboration",
    "cause_clash",
    "survival_clash",
    "held_clash",
    "identity_clash",
    "order_swap",
    "predicate_clash",
    "winner_clash",
    "bail_clash",
    "action_negated",
    "share_clash",
    "direction_clash",
    "injured_not_dead",
)
"""Keys of :func:`features`, in a fixed order (see its docstring for meanings)."""


def _number_features(
    a: str, b: str, pa: date | None, pb: date | None, timed: tuple[str, str]
) -> dict[str, float]:
    qas, qbs = _quantities(a), _quantities(b)
    scored, clashes = _numeric_pairs(a, b, False)
    signed = [
        s for qa, qb, s in clashes if qa.category != qb.category and not (qa.is_zero or qb.is_zero)
    ]
    zeros = [s for qa, qb, s in clashes if qa.is_zero or qb.is_zero]
    values_a, values_b = {q.value for q in qas}, {q.value for q in qbs}
    union = values_a | values_b
    evidence = _numeric_evidence_for(a, b, pa, pb, timed)
    return {
        "numeric_conflict": max((e.score for e in evidence), default=0.0),
        "sign_conflict": max(signed, default=0.0),
        "zero_conflict": max(zeros, default=0.0),
        "numbers_alignable": float(bool(scored)),
        "numbers_compatible": float(any(s == 0 for _, _, s in scored)),
        "number_overlap": len(values_a & values_b) / len(union) if union else 0.0,
    }


def _date_features(
    a: str, b: str, pa: date | None, pb: date | None, dated: tuple[str, str]
) -> dict[str, float]:
    """Date features of the claims; ``date_conflict`` reads ``dated``, the claims or their
    whole sentences where a report that is itself the event took their dates
    (:func:`~conflictscan.signals._compare._event_reported`)."""
    da, db = _dates(a, pa), _dates(b, pb)
    same_event = [(x, y) for x in da for y in db if _same_event(x, y)]
    return {
        "date_conflict": max((e.score for e in _date_evidence(*dated, pa, pb)), default=0.0),
        "dates_alignable": float(bool(same_event)),
        "dates_compatible": float(any(_date_clash(x, y) == 0 for x, y in same_event)),
        "different_times": float(_different_times(a, b, pa, pb)),
        "other_times": float(_point_times_differ(a, b, pa, pb)),
        "time_shift": float(_time_shift(a, b, pa, pb)),
    }


def features(
    a: Sentence | str,
    b: Sentence | str,
    *,
    published_a: str | date | datetime | None = None,
    published_b: str | date | datetime | None = None,
) -> dict[str, float]:
    """Numeric features of a sentence pair for the learned combiner.

    Keys (always all present, in :data:`FEATURE_NAMES` order, values in [0, 1]):

    * ``numeric_conflict``: highest ``"numeric"`` evidence score from :func:`compare`
      (before the proper-noun penalty).
    * ``sign_conflict``: score of a profit-vs-loss clash, else 0.
    * ``zero_conflict``: score of a "no one was hurt" vs positive count clash, else 0.
    * ``numbers_alignable``: 1 if some pair of quantities counts the same thing.
    * ``numbers_compatible``: 1 if some aligned pair agrees ("at least 12" vs "14"); a
      signal against a conflict.
    * ``number_overlap``: Jaccard overlap of the two sentences' number values.
    * ``date_conflict``: highest ``"date"`` evidence score.
    * ``dates_alignable``: 1 if both sentences date the same event word.
    * ``dates_compatible``: 1 if some same-event dates agree.
    * ``different_times``: 1 if both sentences are anchored in time and no anchors agree.
    * ``other_times``: 1 if both claims are about stated times or periods and none agree,
      span edges ("until Friday", "since 2019") and event-owned dates ("Saturday's
      protest") aside, or they name different editions ("the 2023 fair" / "the 2024
      fair"): the combiner's ceiling reads it; the fit leaves it out.
    * ``time_shift``: 1 if one claim is timed wholly after the other ("on Friday" /
      "on Sunday"; within one day, "at noon" / "by early evening"), no date clash of one
      event explains the pair, and the later claim does not speak for the earlier time
      ("still", "remained", "a day after …"): a change between two times.
    * ``update_marker``: 1 if either sentence reads like an update ("rose to", "so far").
    * ``negation_asymmetry``: 1 if exactly one sentence has a negation cue.
    * ``denial``: 1 if either sentence denies a proposition (:func:`denied_proposition`).
    * ``denial_overlap``: share of the denied proposition's content words present in the
      other sentence (highest of both directions).
    * ``entity_mismatch``: 1 if both sentences name proper nouns and share none.
    * ``subject_contrast``: 1 if the two claims' subjects are different things of one kind
      ("the northern bridge" / "the southern bridge"), read from a parse; 0 without spaCy.
    * ``other_group``: 1 if exactly one subject is "the others", "the rest" or "two
      other …", a group set apart from one named before, or another one of its kind
      ("the next meeting", "the return flight"), or exactly one claim tells of another
      matter ("in a separate case"; on the whole sentence, who said it included: "A
      separate trial … found the vaccine was 48 percent effective").
    * ``minimal_edit``: 1 if one claim is the other with at most two stretches of words
      changed, at least half of the words of each shared in order.
    * ``compatible_edit``: 1 if that minimal edit changes only numbers (and their
      qualifiers) that can all be true together ("fewer than 100" / "some 80").
    * ``state_clash``: 1 if one claim says a state ended ("the highway reopened") and the
      other that it goes on ("the highway remains closed"), for one subject, read from a
      parse (:func:`~conflictscan.signals._states.state_clash`); 0 without spaCy.
    * ``same_result``: 1 if both claims tell one game with the same winner and no second
      score ("Japan beat Australia" / "Australia lost to Japan"), read from a parse
      (:func:`~conflictscan.signals._scores.same_result`); combiners cap on it.
    * ``opposite_edit``: 1 if one claim is the other with one word outside the subject
      changed into its opposite ("was sober" / "was drunk"), read from a parse
      (:func:`~conflictscan.signals._edits.opposite_edit`); combiners keep such a pair
      at :data:`~conflictscan.signals._edits.OPPOSITE_SCORE` or above.
    * ``pending_hedge``: 1 if one claim is only a possibility ("is considering a ban") and
      the other says it has not been decided or announced yet ("no ban has been
      approved"), about the same thing
      (:func:`~conflictscan.signals._hedges.pending_hedge`); combiners cap on it.
    * ``verdict_clash``: 1 if the claims give one defendant opposite verdicts on one charge
      ("acquitted of assault" / "convicted of assault"); combiners keep such a pair at
      :data:`~conflictscan.signals._verdicts.VERDICT_SCORE` or above.
    * ``other_charges``: 1 if they give one defendant opposite verdicts on two charges that
      each name an offence of their own ("acquitted of murder" / "convicted of
      manslaughter") (:func:`~conflictscan.signals._verdicts.other_charges`); combiners
      cap on it.
    * ``plea_and_verdict``: 1 if one claim has a defendant plead not guilty (or deny the
      charges) and the other gives the same defendant a verdict
      (:func:`~conflictscan.signals._verdicts.plea_and_verdict`); combiners cap on it.
    * ``role_reversal``: 1 if the claims tell one one-way action with doer and done-to
      swapped ("Apple acquired Beats" / "Beats acquired Apple"), read from a parse
      (:func:`~conflictscan.signals._roles.role_reversal`); combiners keep such a pair at
      :data:`~conflictscan.signals._roles.ROLES_SCORE` or above.
    * ``part_of_group``: 1 if one claim's subject is only part of a group ("Some residents
      oppose") and the other's is the same group not taken whole ("Most residents
      support"), neither claim negated
      (:func:`~conflictscan.signals._parts.part_of_group`), or one claim's count is told as
      a part of the other's larger one ("on the first night alone", "accounted for 3.4
      million of"; :func:`~conflictscan.signals._wholes.told_as_part`); combiners cap on it.
    * ``elaboration``: 1 if one claim is the other with words added in one place that
      only say more ("was postponed" / "was postponed until March"; no negation, degree,
      hedge or opposite among them) (:func:`~conflictscan.signals._edits.elaboration`);
      combiners cap on it.
    * ``cause_clash``: 1 if one claim calls a fire, blast or crash an accident and the
      other a deliberate act ("caused by an electrical fault" / "started deliberately"),
      or has someone surrender (or leave office) whom the other has captured (or made to
      leave)
      (:func:`~conflictscan.signals._causes.cause_clash`); combiners keep such a pair at
      :data:`~conflictscan.signals._causes.CAUSE_SCORE` or above.
    * ``survival_clash``: 1 if one claim has someone die and the other has the same one
      come through ("was killed" / "survived the crash with minor injuries")
      (:func:`~conflictscan.signals._survival.survival_clash`); combiners keep such a
      pair at :data:`~conflictscan.signals._survival.SURVIVAL_SCORE` or above.
    * ``held_clash``: 1 if one claim has an event called off (or put off) and the other has
      the same event go ahead (as scheduled) ("The strike was called off" / "The strike
      went ahead as planned") (:func:`~conflictscan.signals._held.held_clash`); combiners
      keep such a pair at :data:`~conflictscan.signals._held.HELD_SCORE` or above.
    * ``identity_clash``: 1 if the two claims name one role as two people ("The victim
      was identified as Mark Ellis" / "Police named the victim as Daniel Hart")
      (:func:`~conflictscan.signals._identities.identity_clash`); combiners keep such a
      pair at :data:`~conflictscan.signals._identities.IDENTITY_SCORE` or above.
    * ``order_swap``: 1 if one claim is the other with two things traded around a word
      that runs one way ("Maria is taller than John" / "John is taller than Maria")
      (:func:`~conflictscan.signals._order.order_swap`); combiners keep such a pair at
      :data:`~conflictscan.signals._order.ORDER_SCORE` or above. The two claims are then
      about the same things in swapped places, so ``subject_contrast`` and
      ``other_group`` are 0.
    * ``predicate_clash``: 1 if the claims, worded apart, say opposite words of one thing
      ("The painting was sold to a collector" / "The painting remains unsold", "Voters
      rejected the proposal" / "The proposal was approved by voters")
      (:func:`~conflictscan.signals._predicates.predicate_clash`), or one claims a first or
      a record and the other tells one before it ("the first woman to captain the club" /
      "follows three other women who have captained it";
      :func:`~conflictscan.signals._precedents.precedent_clash`); combiners keep such a
      pair at :data:`~conflictscan.signals._predicates.PREDICATE_SCORE` or above.
    * ``winner_clash``: 1 if the claims give one contest two different named winners ("The
      tournament was won by Sweden" / "Norway won the tournament")
      (:func:`~conflictscan.signals._winners.winner_clash`); combiners keep such a pair at
      :data:`~conflictscan.signals._winners.WINNER_SCORE` or above. The subjects are then
      the two winners, which differ by design, so ``subject_contrast`` and ``other_group``
      are 0.
    * ``bail_clash``: 1 if one claim has bail granted and the other has it refused or not
      yet decided ("refused bail to Dorian Falk" / "The court set bail at 2 million
      florins") (:func:`~conflictscan.signals._bail.bail_clash`); combiners keep such a
      pair at :data:`~conflictscan.signals._bail.BAIL_SCORE` or above.
    * ``action_negated``: 1 if one doer is said to do one action in one claim and not in
      the other ("paid a dividend this year" / "has not paid a dividend this year"), read
      from a parse (:func:`~conflictscan.signals._negations.action_negated`); combiners
      keep such a pair at :data:`~conflictscan.signals._negations.NEGATION_SCORE` or
      above.
    * ``share_clash``: 1 if the claims give one group shares in words that cannot meet for
      one action ("most of the schools will close" / "only a handful of schools will
      close"), read from a parse (:func:`~conflictscan.signals._proportions.share_clash`);
      combiners keep such a pair at
      :data:`~conflictscan.signals._proportions.SHARE_SCORE` or above.
    * ``direction_clash``: 1 if one measure is said to have gone up in one claim and down
      in the other, worded apart ("Unemployment increased" / "Joblessness declined"), read
      from a parse (:func:`~conflictscan.signals._directions.direction_clash`); combiners
      keep such a pair at :data:`~conflictscan.signals._directions.DIRECTION_SCORE` or
      above.
    * ``injured_not_dead``: 1 if one claim counts nobody dead and the other only people
      hurt, saying nothing of deaths ("Nobody was killed in the blast" / "The blast
      injured eleven workers") (:func:`~conflictscan.signals._casualties.injured_not_dead`);
      combiners cap on it.

    Args:
        a: First sentence or string.
        b: Second sentence or string.
        published_a: Publication date of ``a``'s document.
        published_b: Publication date of ``b``'s document.

    Returns:
        ``{name: value}`` for every name in :data:`FEATURE_NAMES`.

    Raises:
        InputError: As :func:`compare`.
    """
    text_a, text_b = _as_text(a, "a"), _as_text(b, "b")
    full_a, full_b = _as_text(a, "a", full=True), _as_text(b, "b", full=True)
    pa, pb = (
        _check_published(published_a, "published_a"),
        _check_published(published_b, "published_b"),
    )
    overlaps = [_denial_overlap(x, y) for x, y in ((full_a, full_b), (full_b, full_a))]
    quoted = float(quote_owner(a, b) is not None)
    placed = float(affiliation_clash(full_a, full_b) is not None)
    timed = (_report_timed(text_a, full_a, pa), _report_timed(text_b, full_b, pb))
    values = _number_features(text_a, text_b, pa, pb, timed)
    dated = (_event_reported(text_a, full_a, pa), _event_reported(text_b, full_b, pb))
    values |= _date_features(text_a, text_b, pa, pb, dated)
    values |= {
        "update_marker": float(bool(_UPDATE_RE.search(text_a) or _UPDATE_RE.search(text_b))),
        "negation_asymmetry": float(
            bool(_NEGATION_RE.search(text_a)) != bool(_NEGATION_RE.search(text_b))
        ),
        "denial": float(any(prop is not None for prop, _ in overlaps)),
        "denial_overlap": max(overlap for _, overlap in overlaps),
        "entity_mismatch": float(_entity_penalty(text_a, text_b) < 1.0),
        **subject_features(a, b),
        "minimal_edit": minimal_edit(text_a, text_b),
        "compatible_edit": compatible_edit(text_a, text_b),
        "state_clash": state_clash(text_a, text_b),
        "same_result": same_result(text_a, text_b),
        "opposite_edit": opposite_edit(text_a, text_b),
        "pending_hedge": max(pending_hedge(text_a, text_b), plan_told_before(full_a, full_b)),
        "verdict_clash": verdict_clash(text_a, text_b),
        "other_charges": other_charges(text_a, text_b),
        "plea_and_verdict": plea_and_verdict(text_a, text_b),
        "role_reversal": role_reversal(text_a, text_b),
        "part_of_group": max(part_of_group(text_a, text_b), float(told_as_part(text_a, text_b))),
        "elaboration": elaboration(text_a, text_b),
        "cause_clash": cause_clash(text_a, text_b),
        "survival_clash": survival_clash(text_a, text_b),
        "held_clash": held_clash(text_a, text_b),
        "identity_clash": max(identity_clash(text_a, text_b), quoted, placed),
        "order_swap": max(
            order_swap(text_a, text_b),
            sequence_clash(text_a, text_b),
            float(route_swap(text_a, text_b) is not None),
        ),
        "predicate_clash": max(predicate_clash(text_a, text_b), precedent_clash(text_a, text_b)),
        "winner_clash": winner_clash(text_a, text_b),
        "bail_clash": bail_clash(text_a, text_b),
        "action_negated": action_negated(text_a, text_b),
        "share_clash": share_clash(text_a, text_b),
        "direction_clash": direction_clash(text_a, text_b),
        "injured_not_dead": injured_not_dead(text_a, text_b),
    }
    if values["order_swap"] or values["winner_clash"] or quoted:
        # the same things in swapped places, two winners named as the subjects, or one
        # remark given two speakers
        values |= {"subject_contrast": 0.0, "other_group": 0.0}
    return {name: float(values[name]) for name in FEATURE_NAMES}
