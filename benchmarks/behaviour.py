"""Behavioural suite: minimal pairs that a reader calls contradictions, and look-alike controls.

Input: ``tests/fixtures/behaviour.jsonl`` (held out: measured, never tuned on) or, with
``--suite``, another file such as ``benchmarks/behaviour_dev.jsonl`` (384 pairs of the same
kinds written for developing the signals: 152 ``-dNN`` pairs, and 232 ``-eNN`` pairs written
later in a separate pass, 14 per contradiction kind and 20 per control kind, by a writer who
had not seen the signals), one hand-written pair per line with ``id``,
``kind``, ``group`` (``"contradiction"`` or ``"control"``), ``a``, ``b`` and ``note``.
Two more suites come from three writers who had seen neither the rules nor the other
suites, each asked for 8 pairs per contradiction kind and 10 per control kind in other
outlets' styles: ``benchmarks/behaviour_probe.jsonl`` (248 pairs, ``pa-``/``pb-``; a dev
set, read to find where the rules misread text) and ``tests/fixtures/behaviour_fresh.jsonl``
(124 pairs, ``pc-``; held out like the main suite).
Output: per kind, the share of pairs flagged, for each model given and two ways of judging:

* **model alone**: P(contradiction) from ``Scanner.score_pairs``, the larger of the two
  directions, at or above :data:`MODEL_THRESHOLD` (0.5);
* **full scan**: ``Scanner.scan`` of the two sentences as two documents with default
  settings; flagged when it reports any conflict.

For contradiction kinds the share is recall (higher is better); for control kinds it is the
false-alarm rate (lower is better).

Usage::

    OMP_NUM_THREADS=1 python benchmarks/behaviour.py                  # the default model
    OMP_NUM_THREADS=1 python benchmarks/behaviour.py --model mini --model standard --json
    OMP_NUM_THREADS=1 python benchmarks/behaviour.py --misses          # list what each got wrong
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictscan import ConflictScanError, InputError

ROOT = Path(__file__).resolve().parent.parent
SUITE_PATH = ROOT / "tests" / "fixtures" / "behaviour.jsonl"
MODEL_THRESHOLD = 0.5
CONTRADICTION_KINDS: tuple[str, ...] = (
    "antonym",
    "negation",
    "number",
    "date",
    "status",
    "denial",
    "quantifier",
    "place",
)
CONTROL_KINDS: tuple[str, ...] = (
    "paraphrase",
    "compatible_number",
    "update",
    "different_entity",
    "related",
    "hedged",
)
GROUPS: dict[str, tuple[str, ...]] = {
    "contradiction": CONTRADICTION_KINDS,
    "control": CONTROL_KINDS,
}
_KEYS = ("id", "kind", "group", "a", "b", "note")


@dataclass(frozen=True, slots=True)
class BehaviourPair:
    """One minimal pair.

    Args:
        id: Unique identifier ("antonym-01").
        kind: One of :data:`CONTRADICTION_KINDS` or :data:`CONTROL_KINDS`.
        group: ``"contradiction"`` (should be flagged) or ``"control"`` (should not).
        a: First sentence.
        b: Second sentence.
        note: What differs between the two, for people reading the results.
    """

    id: str
    kind: str
    group: str
    a: str
    b: str
    note: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """How one judge treated one pair.

    Args:
        pair: The pair judged.
        flagged: Whether the judge called it a contradiction.
        score: The number behind the verdict: max P(contradiction) for the model alone,
            the highest conflict confidence (0 when none) for the full scan.
    """

    pair: BehaviourPair
    flagged: bool
    score: float


@dataclass(frozen=True, slots=True)
class BehaviourReport:
    """Flag rates of one model on the suite, judged alone and by the full scan.

    Args:
        model: The model the scanner ran.
        model_alone: One verdict per pair from the NLI model alone.
        full_scan: One verdict per pair from a default scan of the two sentences.
        seconds: Wall-clock time of both passes.
    """

    model: str
    model_alone: tuple[Verdict, ...]
    full_scan: tuple[Verdict, ...]
    seconds: float

    def rates(self, judge: str) -> dict[str, float]:
        """Share of pairs flagged per kind for ``judge`` (``"model_alone"``/``"full_scan"``)."""
        verdicts: Sequence[Verdict] = getattr(self, judge)
        return {kind: _flag_rate(v for v in verdicts if v.pair.kind == kind) for kind in _kinds()}

    def summary(self, judge: str) -> dict[str, float]:
        """Contradiction recall, control false alarms and the weakest kind's recall."""
        verdicts: Sequence[Verdict] = getattr(self, judge)
        per_kind = self.rates(judge)
        return {
            "contradiction_recall": _flag_rate(v for v in verdicts if v.pair.group != "control"),
            "control_flagged": _flag_rate(v for v in verdicts if v.pair.group == "control"),
            "min_kind_recall": min(per_kind[kind] for kind in CONTRADICTION_KINDS),
        }

    def misses(self, judge: str) -> list[Verdict]:
        """Contradictions not flagged and controls flagged by ``judge``, in suite order."""
        verdicts: Sequence[Verdict] = getattr(self, judge)
        return [v for v in verdicts if v.flagged == (v.pair.group == "control")]

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe figures: per-kind rates and summaries for both judges."""
        judges = ("model_alone", "full_scan")
        return {
            "model": self.model,
            "pairs": len(self.model_alone),
            "seconds": round(self.seconds, 2),
            **{j: {"summary": self.summary(j), "by_kind": self.rates(j)} for j in judges},
        }


def _kinds() -> tuple[str, ...]:
    return CONTRADICTION_KINDS + CONTROL_KINDS


def _flag_rate(verdicts: Iterable[Verdict]) -> float:
    flags = [v.flagged for v in verdicts]
    return sum(flags) / len(flags) if flags else float("nan")


# --------------------------------------------------------------------------- loading


def load_pairs(path: str | Path = SUITE_PATH) -> list[BehaviourPair]:
    """Read and validate the suite.

    Args:
        path: JSONL file, one pair object per line (blank lines skipped).

    Returns:
        The pairs in file order.

    Raises:
        InputError: The file is unreadable, a line is not a JSON object with the expected
            keys, a kind or group is unknown or does not match, or an id repeats.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read behaviour suite {str(path)!r}: {exc}") from exc
    pairs = [_parse(line, f"{path}:{n}") for n, line in enumerate(lines, 1) if line.strip()]
    seen: set[str] = set()
    for pair in pairs:
        if pair.id in seen:
            raise InputError(f"{path}: id {pair.id!r} repeats; give every pair its own id")
        seen.add(pair.id)
    return pairs


def _parse(line: str, where: str) -> BehaviourPair:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg})") from exc
    if not isinstance(record, dict) or any(key not in record for key in _KEYS):
        raise InputError(f"{where}: expected a JSON object with keys {list(_KEYS)}")
    group, kind = record["group"], record["kind"]
    if kind not in GROUPS.get(group, ()):
        raise InputError(
            f"{where}: kind {kind!r} is not a {group!r} kind; expected one of "
            f"{ {g: list(k) for g, k in GROUPS.items()} }"
        )
    if not all(isinstance(record[key], str) and record[key].strip() for key in ("a", "b")):
        raise InputError(f"{where}: 'a' and 'b' must be non-empty sentences")
    return BehaviourPair(*(str(record[key]) for key in _KEYS))


# --------------------------------------------------------------------------- judging


def judge_model_alone(scanner: Any, pairs: Sequence[BehaviourPair]) -> list[Verdict]:
    """Flag a pair when P(contradiction) in either direction reaches :data:`MODEL_THRESHOLD`."""
    requests = [(p.a, p.b) for p in pairs] + [(p.b, p.a) for p in pairs]
    scores = scanner.score_pairs(requests)
    verdicts = []
    for i, pair in enumerate(pairs):
        score = max(scores[i].contradiction, scores[len(pairs) + i].contradiction)
        verdicts.append(Verdict(pair, score >= MODEL_THRESHOLD, float(score)))
    return verdicts


def judge_full_scan(scanner: Any, pairs: Sequence[BehaviourPair]) -> list[Verdict]:
    """Flag a pair when a scan of its two sentences as two documents reports any conflict."""
    from conflictscan import Document

    verdicts = []
    for pair in pairs:
        docs = [Document(pair.a, doc_id="a"), Document(pair.b, doc_id="b")]
        conflicts = scanner.scan(docs).conflicts
        score = max((c.confidence for c in conflicts), default=0.0)
        verdicts.append(Verdict(pair, bool(conflicts), float(score)))
    return verdicts


def evaluate_behaviour(
    pairs: Sequence[BehaviourPair],
    model: str | None = None,
    *,
    scanner_factory: Callable[..., Any] | None = None,
) -> BehaviourReport:
    """Run both judges with one scanner.

    Args:
        pairs: The suite (see :func:`load_pairs`).
        model: Model name or path; ``None`` uses the ``Scanner`` default.
        scanner_factory: Builds the scanner from keyword arguments (tests pass fakes);
            default :class:`conflictscan.Scanner`.

    Returns:
        A :class:`BehaviourReport`.
    """
    if scanner_factory is None:
        from conflictscan import Scanner as scanner_factory
    scanner = scanner_factory(**({} if model is None else {"model": model}))
    began = time.perf_counter()
    alone = judge_model_alone(scanner, pairs)
    scanned = judge_full_scan(scanner, pairs)
    name = str(getattr(scanner.scorer, "model_id", None) or model or scanner.config.model)
    return BehaviourReport(name, tuple(alone), tuple(scanned), time.perf_counter() - began)


# --------------------------------------------------------------------------- output


def render(reports: Sequence[BehaviourReport]) -> str:
    """A plain-text table: one row per kind, two columns (alone, scan) per model."""
    head = f"{'kind':<24} {'group':<13}" + "".join(
        f" {r.model[:12] + ' alone':>18} {'scan':>6}" for r in reports
    )
    lines = [head, "-" * len(head)]
    n_by_kind = {
        kind: sum(v.pair.kind == kind for v in reports[0].model_alone) for kind in _kinds()
    }
    for kind in _kinds():
        group = "contradiction" if kind in CONTRADICTION_KINDS else "control"
        cells = "".join(
            f" {r.rates('model_alone')[kind]:>18.2f} {r.rates('full_scan')[kind]:>6.2f}"
            for r in reports
        )
        lines.append(f"{kind + f' ({n_by_kind[kind]})':<24} {group:<13}{cells}")
    lines.append("-" * len(head))
    for key in ("contradiction_recall", "control_flagged", "min_kind_recall"):
        cells = "".join(
            f" {r.summary('model_alone')[key]:>18.2f} {r.summary('full_scan')[key]:>6.2f}"
            for r in reports
        )
        lines.append(f"{key:<38}{cells}")
    lines.append("  ".join(f"{r.model}: {r.seconds:.1f} s" for r in reports))
    return "\n".join(lines)


def render_misses(report: BehaviourReport) -> str:
    """Every pair each judge got wrong, with its score."""
    lines = []
    for judge in ("model_alone", "full_scan"):
        misses = report.misses(judge)
        lines.append(f"{report.model} {judge}: {len(misses)} wrong")
        for v in misses:
            lines.append(f"  [{v.pair.id} {v.score:.2f}] {v.pair.a!r} / {v.pair.b!r}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", action="append", help="model name or path (repeatable)")
    parser.add_argument("--suite", type=Path, default=SUITE_PATH, help="pairs JSONL")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--misses", action="store_true", help="also list every wrong verdict")
    args = parser.parse_args(argv)
    try:
        pairs = load_pairs(args.suite)
        reports = [evaluate_behaviour(pairs, model) for model in (args.model or [None])]
    except ConflictScanError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([r.to_dict() for r in reports], indent=2))
    else:
        print(render(reports))
    if args.misses:
        print("\n".join(render_misses(r) for r in reports), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
