"""Tests for conflictscan.evaluation._news: loading, matching, metrics, and the shipped dataset."""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from conflictscan import (
    Conflict,
    Document,
    InputError,
    Scanner,
    ScanResult,
    Sentence,
    evaluate_news,
    split_sentences,
)
from conflictscan._aggregation import Combiner, nli_confidence
from conflictscan.evaluation import AnnotatedPair, NewsReport, Span, Story, load_stories
from conflictscan.evaluation._news import CONFLICT_KINDS, HARD_NEGATIVE_KINDS
from conftest import REPO_ROOT, FakeEncoder, FakeScorer

STORIES_PATH = REPO_ROOT / "benchmarks" / "news" / "stories.jsonl"
FIT_SCRIPT = REPO_ROOT / "scripts" / "fit_combiner.py"

BRIDGE_A = "The harbour bridge was closed to traffic on Monday. Crews began repairs at dawn."
BRIDGE_B = "The harbour bridge was not closed to traffic on Monday. Drivers reported long queues."
LIBRARY_A = "The mayor opened the new city library on Friday. Hundreds of children attended."
LIBRARY_B = (
    "The mayor opened the new city library on Friday morning. Hundreds of children attended."
)


def _side(doc_id: str, text: str) -> dict[str, str]:
    return {"doc_id": doc_id, "text": text}


def _story(story_id: str = "t1", split: str = "dev", **overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "story_id": story_id,
        "split": split,
        "topic": "transport",
        "articles": [
            {"doc_id": f"{story_id}-a", "source": "Outlet A", "text": BRIDGE_A},
            {"doc_id": f"{story_id}-b", "source": "Outlet B", "text": BRIDGE_B},
        ],
        "conflicts": [
            {
                "a": _side(f"{story_id}-a", "The harbour bridge was closed to traffic on Monday."),
                "b": _side(
                    f"{story_id}-b", "The harbour bridge was not closed to traffic on Monday."
                ),
                "kind": "negation",
            }
        ],
        "hard_negatives": [
            {
                "a": _side(f"{story_id}-a", "Crews began repairs at dawn."),
                "b": _side(f"{story_id}-b", "Drivers reported long queues."),
                "kind": "related",
            }
        ],
    }
    record.update(overrides)
    return record


def _free_story(story_id: str = "t2", split: str = "dev") -> dict[str, Any]:
    """A conflict-free story whose two articles agree (one pair paraphrased)."""
    return _story(
        story_id,
        split,
        articles=[
            {"doc_id": f"{story_id}-a", "source": "Outlet A", "text": LIBRARY_A},
            {"doc_id": f"{story_id}-b", "source": "Outlet B", "text": LIBRARY_B},
        ],
        conflicts=[],
        hard_negatives=[
            {
                "a": _side(f"{story_id}-a", "The mayor opened the new city library on Friday."),
                "b": _side(
                    f"{story_id}-b", "The mayor opened the new city library on Friday morning."
                ),
                "kind": "update",
            }
        ],
    )


def _write(tmp_path: Path, records: Sequence[Any]) -> Path:
    path = tmp_path / "stories.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def scanner() -> Scanner:
    """A real Scanner on the fake scorer and encoder, NLI-only confidences."""
    return Scanner(scorer=FakeScorer(), encoder=FakeEncoder(), reasoning="nli", threshold=0.5)


# --------------------------------------------------------------------------- loading


def test_load_stories_locates_every_span(tmp_path: Path) -> None:
    stories = load_stories(_write(tmp_path, [_story(), _free_story()]))
    assert [s.story_id for s in stories] == ["t1", "t2"]
    first = stories[0]
    assert len(first.articles) == 2 and not first.conflict_free and stories[1].conflict_free
    span = first.conflicts[0].b
    assert BRIDGE_B[span.start : span.end] == span.text and span.doc_id == "t1-b"
    assert [d.doc_id for d in first.documents()] == ["t1-a", "t1-b"]


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text("\n" + json.dumps(_story()) + "\n\n", encoding="utf-8")
    assert len(load_stories(path)) == 1


@pytest.mark.parametrize(
    ("record", "match"),
    [
        ("{not json", r"stories\.jsonl:1: not valid JSON"),
        ([1, 2], "story is a list; expected a JSON object"),
        ({"story_id": "x", "split": "dev"}, r"missing key\(s\) \['topic', 'articles'\]"),
        (_story(split="train"), "split 'train' is not one of"),
        (_story(articles="none"), "'articles' is a str; expected a JSON list"),
        (_story(articles=[{"doc_id": "x", "source": "A", "text": BRIDGE_A}]), "1 article"),
        (
            _story(articles=[{"doc_id": "t1-a", "source": "A", "text": "  "}, {}]),
            "has empty or non-string text",
        ),
        (_story(conflicts=[{"a": {}, "b": {}, "kind": "numeric"}]), "needs 'doc_id' and 'text'"),
        (
            _story(conflicts=[{"a": _side("zz", "x"), "b": _side("zz", "x"), "kind": "numeric"}]),
            "doc_id 'zz' is not one of its articles",
        ),
        (
            _story(
                conflicts=[
                    {"a": _side("t1-a", "Not there."), "b": _side("t1-b", "x"), "kind": "event"}
                ]
            ),
            "'Not there.' is not an exact substring of article 't1-a'",
        ),
        (
            _story(conflicts=[{"a": _side("t1-a", "e"), "b": _side("t1-b", "x"), "kind": "event"}]),
            "occurs more than once in article 't1-a'",
        ),
        (
            _story(
                conflicts=[{"a": _side("t1-a", "Crews"), "b": _side("t1-b", "x"), "kind": "odd"}]
            ),
            "conflicts kind 'odd' is not one of",
        ),
        (_story(hard_negatives=["pair"]), "hard_negatives entry 'pair' is not a JSON object"),
    ],
)
def test_malformed_story_raises(tmp_path: Path, record: Any, match: str) -> None:
    with pytest.raises(InputError, match=match):
        load_stories(_write(tmp_path, [record]))


def test_repeated_ids_raise(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="story_id 't1' repeats"):
        load_stories(_write(tmp_path, [_story(), _story()]))
    other = _story("t9")
    other["articles"][0]["doc_id"] = "t1-a"
    other["conflicts"], other["hard_negatives"] = [], []
    with pytest.raises(InputError, match="doc_id 't1-a' .* repeats"):
        load_stories(_write(tmp_path, [_story(), other]))


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read stories file .*nope.jsonl"):
        load_stories(tmp_path / "nope.jsonl")


# --------------------------------------------------------------------------- matching


def _sentence(doc_id: str, start: int, end: int) -> Sentence:
    return Sentence("x" * (end - start), start, end, doc_id=doc_id)


def test_span_overlap_needs_same_doc_and_half_the_shorter_span() -> None:
    span = Span("d", "x" * 10, 10, 20)
    assert span.overlaps(_sentence("d", 0, 40))  # a merged sentence contains it
    assert span.overlaps(_sentence("d", 14, 30))  # 6 of 10 shared
    assert not span.overlaps(_sentence("d", 16, 30))  # 4 of 10 shared
    assert not span.overlaps(_sentence("e", 10, 20))
    assert not span.overlaps(_sentence("d", 20, 30))  # touching is not overlapping


def test_pair_matches_in_either_order() -> None:
    pair = AnnotatedPair(Span("a", "x", 0, 10), Span("b", "y", 5, 15), "numeric")
    score = FakeScorer().score_pairs([("p", "h")])[0]
    forward = Conflict(_sentence("a", 0, 10), _sentence("b", 5, 15), 0.9, (score, score))
    backward = Conflict(_sentence("b", 5, 15), _sentence("a", 0, 10), 0.9, (score, score))
    elsewhere = Conflict(_sentence("a", 0, 10), _sentence("b", 40, 50), 0.9, (score, score))
    assert pair.matches(forward) and pair.matches(backward) and not pair.matches(elsewhere)
    assert pair.covers(_sentence("b", 5, 15), _sentence("a", 0, 10))
    assert not pair.covers(_sentence("a", 0, 10), _sentence("a", 0, 10))


# --------------------------------------------------------------------------- evaluation


def test_metrics_on_inline_stories(scanner: Scanner) -> None:
    report = evaluate_news([_story(), _free_story()], scanner=scanner)
    assert report.stories == 2 and report.conflict_free_stories == 1
    assert report.threshold == 0.5 and report.model == "fake-nli"
    assert report.recall == 1.0 and report.recall_by_kind == {"negation": 1.0}
    assert report.pair_recall == 1.0
    assert report.hard_negatives_flagged == 0.0
    assert report.hard_negatives_flagged_by_kind == {"related": 0.0, "update": 0.0}
    assert report.false_alarms_per_conflict_free_story == 0.0
    assert report.unmatched_per_story == 0.0
    assert report.auc == 1.0 and report.auc_scan == 1.0
    assert report.score_source == "score_conflict" and report.pairs_scored > 0
    conflict = next(o for o in report.outcomes if o.label == "conflict")
    assert conflict.scan_confidence == pytest.approx(0.9)
    assert conflict.pair_confidence == pytest.approx(0.9)


def test_scores_below_the_scanner_threshold_are_kept(scanner: Scanner) -> None:
    report = evaluate_news([_story()], scanner=scanner)
    negative = next(o for o in report.outcomes if o.label == "hard_negative")
    texts = (negative.a.text, negative.b.text)
    expected = nli_confidence(*FakeScorer().score_pairs([texts, texts[::-1]]))
    assert 0 < expected < 0.5
    assert negative.scan_confidence == pytest.approx(expected)
    assert scanner.config.threshold == 0.5  # the caller's scanner is left untouched


def test_threshold_override_changes_what_counts(scanner: Scanner) -> None:
    strict = evaluate_news([_story()], scanner=scanner, threshold=0.95)
    assert strict.recall == 0.0 and strict.predictions == ()
    loose = evaluate_news([_story()], scanner=scanner, threshold=0.01)
    assert loose.hard_negatives_flagged == 1.0
    assert loose.unmatched_per_story is not None and loose.unmatched_per_story > 0


def test_report_at_a_higher_threshold_matches_a_fresh_run(scanner: Scanner) -> None:
    loose = evaluate_news([_story(), _free_story()], scanner=scanner, threshold=0.01)
    strict = evaluate_news([_story(), _free_story()], scanner=scanner, threshold=0.5)
    derived = loose.at(0.5)
    assert replace(derived, seconds=0.0) == replace(strict, seconds=0.0)
    with pytest.raises(InputError, match=r"threshold 0.001 is outside \[0.01, 1\]"):
        loose.at(0.001)


def test_false_alarm_in_a_conflict_free_story(scanner: Scanner) -> None:
    free = _free_story()
    free["articles"][1]["text"] = "The mayor did not open the new city library on Friday."
    free["hard_negatives"] = []
    report = evaluate_news([_story(), free], scanner=scanner)
    assert report.false_alarms_per_conflict_free_story == 1.0
    alarm = next(p for p in report.predictions if p.conflict_free_story)
    assert alarm.matched is None and alarm.story_id == "t2"
    assert report.unmatched_per_story == 0.5


def test_split_selects_stories(scanner: Scanner, tmp_path: Path) -> None:
    path = _write(tmp_path, [_story(), _free_story("t2", split="heldout")])
    report = evaluate_news(path, scanner=scanner, split="heldout")
    assert report.stories == 1 and report.recall is None and report.split == "heldout"
    assert report.false_alarms_per_conflict_free_story == 0.0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"split": "test"}, "split 'test' is not one of"),
        ({"split": "heldout"}, r"no stories to evaluate \(split='heldout'"),
        ({"threshold": 1.5}, r"threshold must be in \[0, 1\], got 1.5"),
    ],
)
def test_bad_arguments_raise(scanner: Scanner, kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InputError, match=match):
        evaluate_news([_story()], scanner=scanner, **kwargs)


def test_bad_story_items_raise(scanner: Scanner) -> None:
    with pytest.raises(InputError, match="got a int among the stories"):
        evaluate_news([_story(), 3], scanner=scanner)  # type: ignore[list-item]
    with pytest.raises(InputError, match="story_id 't1' repeats"):
        evaluate_news([_story(), Story.from_dict(_story())], scanner=scanner)


class _ScanOnly:
    """A minimal scanner: ``scan`` and a settable ``threshold``, no ``score_conflict``."""

    def __init__(self, inner: Scanner, threshold: float = 0.5) -> None:
        self.inner = inner
        self.threshold = threshold

    def scan(self, documents: list[Document]) -> ScanResult:
        result = self.inner.scan(documents)
        kept = tuple(c for c in result.conflicts if c.confidence >= self.threshold)
        return ScanResult(kept, result.sentences, pairs_scored=result.pairs_scored, model="m")


class _FixedThreshold:
    """A scanner whose threshold (0.5) is read-only."""

    def __init__(self, inner: Scanner) -> None:
        self.inner = inner

    @property
    def threshold(self) -> float:
        return 0.5

    def scan(self, documents: list[Document]) -> ScanResult:
        return _ScanOnly(self.inner, self.threshold).scan(documents)


def test_scan_only_scanner_falls_back_to_scan_confidences(fake_scorer, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    inner = Scanner(scorer=fake_scorer, encoder=fake_encoder, reasoning="nli", threshold=0.0)
    report = evaluate_news([_story()], scanner=_ScanOnly(inner))
    assert report.score_source == "scan" and report.model == "m"
    assert all(o.pair_confidence == o.scan_confidence for o in report.outcomes)
    assert report.outcomes[1].scan_confidence > 0  # relaxed to threshold 0


def test_fixed_threshold_scanner_notes_or_refuses(fake_scorer, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    inner = Scanner(scorer=fake_scorer, encoder=fake_encoder, reasoning="nli", threshold=0.0)
    report = evaluate_news([_story()], scanner=_FixedThreshold(inner))
    assert report.notes and "count as 0" in report.notes[0]
    assert report.outcomes[1].scan_confidence == 0.0
    with pytest.raises(InputError, match="below the scanner's own threshold 0.5"):
        evaluate_news([_story()], scanner=_FixedThreshold(inner), threshold=0.2)


def test_report_serialises_and_renders(scanner: Scanner) -> None:
    free = _free_story()
    free["articles"][1]["text"] = "The mayor did not open the new city library on Friday."
    free["hard_negatives"] = []
    report = evaluate_news([_story(), free], scanner=scanner, threshold=0.95)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["recall"] == 0.0 and len(data["outcomes"]) == 2
    assert data["outcomes"][0]["a"]["doc_id"] == "t1-a"
    assert set(report.metrics()) <= set(data)
    text = report.render(show_misses=1)
    assert "recall 0.000" in text and "negation" in text
    assert "missed conflicts (1):" in text and "closed to traffic" in text
    assert isinstance(report, NewsReport)


def test_report_is_frozen(scanner: Scanner) -> None:
    report = evaluate_news([_story()], scanner=scanner)
    with pytest.raises(AttributeError):
        report.threshold = 0.1  # type: ignore[misc]
    assert copy.copy(report) == report


# --------------------------------------------------------------------------- the dataset

_SENTENCE_END = re.compile(r"""[.!?][”"'’)]*$""")


@pytest.fixture(scope="module")
def dataset() -> list[Story]:
    return load_stories(STORIES_PATH)


def test_dataset_size_and_splits(dataset: list[Story]) -> None:
    assert len(dataset) >= 40
    splits = {s.split for s in dataset}
    assert splits == {"dev", "heldout"}
    dev = sum(s.split == "dev" for s in dataset) / len(dataset)
    assert 0.5 <= dev <= 0.8  # the held-out 36 stay; later passes added dev stories
    assert sum(s.conflict_free for s in dataset) >= 8


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_each_split_has_every_kind_and_free_stories(dataset: list[Story], split: str) -> None:
    stories = [s for s in dataset if s.split == split]
    assert {p.kind for s in stories for p in s.conflicts} == set(CONFLICT_KINDS)
    assert {p.kind for s in stories for p in s.hard_negatives} == set(HARD_NEGATIVE_KINDS)
    assert sum(s.conflict_free for s in stories) >= 3


def _third_pass(story: Story) -> bool:
    """Stories s211 on (third and fourth passes): outlets in their own house styles, main
    articles up to 20 sentences."""
    return int(story.story_id[1:]) >= 211


def test_every_article_is_news_prose_from_its_own_outlet(dataset: list[Story]) -> None:
    for story in dataset:
        assert 2 <= len(story.articles) <= 4, story.story_id
        assert len({a.source for a in story.articles}) == len(story.articles), story.story_id
        for article in story.articles:
            assert article.published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.published)
            dateline = re.match(r"[A-Z .]+, (?:[A-Z]\w+, )?\w+\.? \d+ \(", article.text)
            assert dateline or _third_pass(story), article.doc_id
            sentences = split_sentences(article.text, keep=None)
            most = 20 if _third_pass(story) else 12
            assert 4 <= len(sentences) <= most, (article.doc_id, len(sentences))


def test_third_pass_stories_keep_some_datelines(dataset: list[Story]) -> None:
    articles = [a for s in dataset if _third_pass(s) for a in s.articles]
    assert len(articles) >= 60
    with_dateline = [a for a in articles if re.match(r"[A-Z .]+, ", a.text)]
    assert 0.2 <= len(with_dateline) / len(articles) <= 0.8


def test_every_annotated_span_is_a_whole_sentence(dataset: list[Story]) -> None:
    for story in dataset:
        texts = {a.doc_id: a.text for a in story.articles}
        for pair in story.conflicts + story.hard_negatives:
            assert pair.a != pair.b, story.story_id
            for span in (pair.a, pair.b):
                body = texts[span.doc_id]
                assert body[span.start : span.end] == span.text
                assert span.start == 0 or body[span.start - 1].isspace(), span.text
                assert span.end == len(body) or body[span.end].isspace(), span.text
                assert _SENTENCE_END.search(span.text), span.text


def test_no_pair_is_annotated_twice(dataset: list[Story]) -> None:
    for story in dataset:
        keys = [frozenset({p.a, p.b}) for p in story.conflicts + story.hard_negatives]
        assert len(keys) == len(set(keys)), story.story_id


def test_every_story_has_several_hard_negatives(dataset: list[Story]) -> None:
    assert all(len(story.hard_negatives) >= 3 for story in dataset)


# --------------------------------------------------------------------------- fit_combiner


def _load_fit_script(monkeypatch: pytest.MonkeyPatch) -> Any:
    spec = importlib.util.spec_from_file_location("fit_combiner", FIT_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "fit_combiner", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("stance_weight", [1.0, None])
def test_fit_combiner_script_fits_a_calibrated_combiner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stance_weight: float | None
) -> None:
    fit_script = _load_fit_script(monkeypatch)
    records = [_story(f"t{i}") for i in range(6)]
    for record in records:  # a related, compatible sentence gives negatives past the gate
        record["articles"][0]["text"] += " The harbour bridge reopened to traffic on Tuesday."
    stories = [Story.from_dict(record) for record in records]
    scanner = Scanner(scorer=FakeScorer(), encoder=FakeEncoder(), reasoning="news")
    table = fit_script.collect_pairs(scanner, stories)
    assert sum(table.labels) == 6 and len(set(table.groups)) == 6
    head = "The harbour bridge reopened to traffic on Tuesday."
    for name in fit_script.STANCE_SETS:  # real-news stance items: one row per item
        (tmp_path / name).mkdir()
        rows = [
            {"premise": f"Officials said the harbour bridge {v} to traffic on Tuesday.", "label": y}
            for v, y in (("reopened", "entailment"), ("did not reopen", "contradiction"))
        ]
        lines = [json.dumps({**r, "hypothesis": head}) for r in rows * 3]
        (tmp_path / name / "train.jsonl").write_text("\n".join(lines) + "\n")
    args = argparse.Namespace(
        gate_recall=1.0,
        seed=0,
        stories=tmp_path / "s.jsonl",
        data_dir=tmp_path,
        stance=2,
        stance_weight=stance_weight,
    )
    combiner = fit_script.fit(args, scanner, stories)
    assert combiner.gate in fit_script.GATE_GRID
    assert combiner.meta["positives"] == 6 and combiner.meta["model"] == "fake-nli@1"
    assert combiner.meta["stance_items"] == 8 and combiner.meta["stance_disputes"] == 4
    assert "same_doc" not in combiner.weights and combiner.weights["lc_min"] >= 0.0
    rows = dict(zip(table.labels, table.rows, strict=False))
    assert combiner.predict(rows[1]) > combiner.predict(rows[0])
    assert Combiner.from_dict(json.loads(json.dumps(combiner.to_dict()))) == combiner
    # Without a fixed weight the stance rows' weight is chosen from the grid with C.
    tried = combiner.meta["cv_by_stance_weight"]
    expected = fit_script.STANCE_WEIGHT_GRID if stance_weight is None else (stance_weight,)
    assert set(tried) == {str(float(w)) for w in expected}
    assert combiner.meta["stance_weight"] in expected
    assert combiner.meta["cv_by_c"] == tried[str(combiner.meta["stance_weight"])]


def test_calibration_keeps_context_weights_within_their_caps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fit_script = _load_fit_script(monkeypatch)
    raw = Combiner(
        weights={"lc_min": 1.0, "relatedness": 0.2, "numbers_compatible": -0.5}, intercept=-2.0
    )
    bounds = {
        "lc_min": (0.0, None),
        "relatedness": (-0.25, 0.25),
        "numbers_compatible": (None, 0.0),
    }
    steep = fit_script.calibrated(raw, 1.5, 0.5, {}, bounds)
    # Evidence is scaled with the slope; a context weight stops at its cap.
    assert steep.weights["lc_min"] == pytest.approx(1.5)
    assert steep.weights["numbers_compatible"] == pytest.approx(-0.75)
    assert steep.weights["relatedness"] == pytest.approx(0.25)
    assert steep.intercept == pytest.approx(-2.5)
    gentle = fit_script.calibrated(raw, 0.5, 0.0, {}, bounds)
    assert gentle.weights["relatedness"] == pytest.approx(0.1)


def test_combiner_choice_scores_a_monotone_boosted_model_on_the_fit_folds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fit_script = _load_fit_script(monkeypatch)
    monkeypatch.syspath_prepend(str(REPO_ROOT / "benchmarks"))
    import combiner_choice

    rng = np.random.default_rng(0)
    rows, labels, groups = [], [], []
    for k in range(200):  # 160 story pairs in 20 stories, then 40 stance items
        label = int(k % 4 == 0)
        rows.append({"lc_max": label * 3.0 + rng.normal(), "relatedness": rng.random()})
        labels.append(label)
        groups.append(f"s{k % 20}" if k < 160 else f"fnc1:{k}")
    table = fit_script.PairTable(rows, labels, groups)
    scores = combiner_choice.boosted_scores(
        table, ["lc_max", "relatedness"], 2.0, (0.1, 30, 5, 1.0), seed=0
    )
    assert scores.shape == (200,) and ((scores >= 0) & (scores <= 1)).all()
    metrics = combiner_choice.criterion(np.asarray(labels), scores, 160)
    assert metrics["ap"] > 0.8 and metrics["stance_auc"] > 0.8
    assert metrics["criterion"] == pytest.approx(metrics["ap"] + metrics["stance_auc"])
