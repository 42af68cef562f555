"""BatchReport: what a batch run did, summed over its groups."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictscan.batch._journal import _Progress
from conflictscan.batch._plan import _Plan
from conflictscan.batch._readers import iter_rows

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class BatchReport:
    """What a batch run did. Iterating it yields the output rows (read lazily).

    Args:
        articles_read: Rows in the input.
        articles_skipped: Articles not scanned, by reason (``"empty text"``,
            ``"no group value"``).
        groups: Groups (stories of two or more articles) scanned, including groups
            finished by an earlier, interrupted run.
        groups_skipped: Groups not scanned, by reason (``"single article"``: articles
            with no other article in their story; ``"too many pairs"``).
        grouping: ``"column"``, ``"tfidf"`` or ``"embedding"``.
        sentences: Sentences compared, over all scanned groups.
        pairs_considered: Candidate sentence pairs after pruning.
        pairs_requested: Distinct ordered pairs the scanner asked scores for.
        pairs_computed: Ordered pairs actually run through the NLI model, after
            near-duplicate merging and the cache (``ScanResult.pairs_scored`` counts the
            pairs requested instead, which is :attr:`pairs_requested` here).
        all_pairs: Unordered pairs among all those sentences (the naive approach).
        all_pairs_in_groups: Unordered pairs within groups (grouping without pruning).
        cache_hits: Distinct pairs answered by the score cache.
        near_duplicates: Pairs answered by a near-duplicate's score.
        conflicts: Rows in the output.
        seconds: Wall time of this call.
        out: The output file (a temporary file when no ``out`` was given).
        resumed_groups: Groups already done by an earlier run of the same job.
        cache_repaired: Cache rows found damaged (failed checksum or impossible values)
            and recomputed.
    """

    articles_read: int
    articles_skipped: dict[str, int]
    groups: int
    groups_skipped: dict[str, int]
    grouping: str
    sentences: int
    pairs_considered: int
    pairs_requested: int
    pairs_computed: int
    all_pairs: int
    all_pairs_in_groups: int
    cache_hits: int
    near_duplicates: int
    conflicts: int
    seconds: float
    out: Path
    resumed_groups: int = 0
    cache_repaired: int = 0

    @property
    def pairs_scored(self) -> int:
        """Deprecated name of :attr:`pairs_computed` (removed in 0.3)."""
        warnings.warn(
            "BatchReport.pairs_scored is deprecated and will be removed in 0.3; use "
            "pairs_computed (ordered pairs the NLI model ran)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.pairs_computed

    def rows(self) -> Iterator[dict[str, Any]]:
        """The output rows, one dict per conflict, read lazily from :attr:`out`."""
        return iter_rows(self.out)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.rows()

    def to_html(self, *, title: str | None = None, max_conflicts: int | None = 500) -> str:
        """A self-contained HTML report: per-story summary, histogram, conflict cards.

        See :func:`conflictscan.report.batch_to_html`.
        """
        from conflictscan.report._html import batch_to_html

        return batch_to_html(self, title=title, max_conflicts=max_conflicts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of the counts."""
        data = asdict(self)
        data["out"] = str(self.out)
        return data

    def summary(self) -> str:
        """Two human-readable lines: what was read, scored and written."""
        skipped = sum(self.groups_skipped.values())
        articles = f"{self.articles_read} articles"
        if self.articles_skipped:
            reasons = ", ".join(f"{n} {why}" for why, n in self.articles_skipped.items())
            articles += f" ({reasons}, not scanned)"
        if self.pairs_computed:
            ratio = f"{self.all_pairs / self.pairs_computed:,.1f}x fewer"
        else:
            ratio = "every score from the cache" if self.cache_hits else "nothing to score"
        repaired = ""
        if self.cache_repaired:
            repaired = f"; {self.cache_repaired:,} damaged cache rows recomputed"
        return (
            f"{articles}, {self.groups} groups scanned ({skipped} skipped), "
            f"{self.conflicts} conflicts -> {self.out}\n"
            f"{self.pairs_computed:,} pairs scored ({self.cache_hits:,} cache hits) vs "
            f"{self.all_pairs:,} all-pairs ({ratio}) in {self.seconds:.1f}s{repaired}"
        )


# -- report ---------------------------------------------------------------------------


def _report(plan: _Plan, log: _Progress, out: Path, seconds: float) -> BatchReport:
    records = list(log.records.values())
    total = {key: sum(r.get(key, 0) for r in records) for key in _SUMMED}
    skipped: dict[str, int] = {}
    if plan.grouping.singletons:
        skipped["single article"] = len(plan.grouping.singletons)
    too_many = sum(1 for r in records if r.get("skipped"))
    if too_many:
        skipped["too many pairs"] = too_many
    sentences = total["sentences"]
    return BatchReport(
        articles_read=plan.articles_read,
        articles_skipped=dict(plan.articles_skipped),
        groups=len(records) - too_many,
        groups_skipped=skipped,
        grouping=plan.grouping.method,
        sentences=sentences,
        pairs_considered=total["pairs_considered"],
        pairs_requested=total["pairs_requested"],
        pairs_computed=total["pairs_scored"],
        all_pairs=sentences * (sentences - 1) // 2,
        all_pairs_in_groups=total["all_pairs_in_group"],
        cache_hits=total["cache_hits"],
        near_duplicates=total["near_duplicates"],
        conflicts=total["rows"],
        seconds=seconds,
        out=out,
        resumed_groups=log.resumed,
        cache_repaired=total["cache_repaired"],
    )


_SUMMED = (
    "rows",
    "sentences",
    "pairs_considered",
    "pairs_requested",
    "pairs_scored",
    "cache_hits",
    "near_duplicates",
    "all_pairs_in_group",
    "cache_repaired",
)
