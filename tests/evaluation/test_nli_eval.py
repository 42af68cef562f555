"""Tests for conflictscan.evaluation._nli: metrics, label handling, two-way sets and errors."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import datasets
import numpy as np
import pytest
from sklearn.metrics import (
    average_precision_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
    roc_auc_score,
)

from conflictscan import InputError, PairScore, Scanner, evaluate
from conflictscan.evaluation import EvaluationReport, expected_calibration_error
from conflictscan.evaluation._nli import load_labelled_pairs, normalise_labels

BASE = "The mayor resigned on Monday."
# Under FakeScorer: contradiction 0.9, entailment 0.85, neutral 0.85 (see conftest).
NEGATED = "The mayor did not resign on Monday."
UNRELATED = "Rain fell in the north."
ROWS = [
    {"premise": BASE, "hypothesis": NEGATED, "label": "contradiction"},
    {"premise": BASE, "hypothesis": BASE, "label": "Entailment"},
    {"premise": BASE, "hypothesis": UNRELATED, "label": "n"},
    {"premise": BASE, "hypothesis": UNRELATED, "label": " contradict "},
]


class TableScorer:
    """Returns fixed (contradiction, entailment, neutral) probabilities by hypothesis."""

    model_id = "table"
    fingerprint = "table@1"

    def __init__(self, table: dict[str, tuple[float, float, float]]) -> None:
        self.table = table
        self.progress: list[bool] = []

    def score_pairs(
        self, pairs: Sequence[tuple[str, str]], *, show_progress: bool = False
    ) -> list[PairScore]:
        self.progress.append(show_progress)
        return [PairScore(a, b, *self.table[b]) for a, b in pairs]


def _rows(probs: list[tuple[float, float, float]], gold: list[str]) -> tuple[list, TableScorer]:
    rows = [{"premise": "p", "hypothesis": f"h{i}", "label": g} for i, g in enumerate(gold)]
    return rows, TableScorer({f"h{i}": p for i, p in enumerate(probs)})


def test_fake_scorer_example_checked_by_hand(fake_scorer) -> None:
    report = evaluate(ROWS, scanner=fake_scorer)
    assert report.n == 4
    assert report.model == "fake-nli"
    assert report.accuracy == pytest.approx(0.75)
    # F1: contradiction 2/3 (P 1, R 1/2), entailment 1, neutral 2/3 (P 1/2, R 1).
    assert report.macro_f1 == pytest.approx((2 / 3 + 1 + 2 / 3) / 3)
    assert report.per_class["neutral"].precision == pytest.approx(0.5)
    assert report.per_class["contradiction"].recall == pytest.approx(0.5)
    assert report.per_class["contradiction"].support == 2
    assert report.confusion == ((1, 0, 1), (0, 1, 0), (0, 0, 1))
    # Bins: 0.85 x3 (2 right) and 0.9 x1 (right): 3/4 * |2/3 - 0.85| + 1/4 * |1 - 0.9|.
    assert report.ece == pytest.approx(0.75 * (0.85 - 2 / 3) + 0.25 * 0.1)
    # P(contradiction): 0.9 (c), 0.05 (e), 0.05 (n), 0.05 (c): of the 4 positive-negative
    # pairs, two are ranked right and two tie (counted half).
    assert report.roc_auc == pytest.approx(0.75)
    assert [call[1] for call in fake_scorer.calls] == [NEGATED, BASE, UNRELATED, UNRELATED]


def test_metrics_match_sklearn() -> None:
    rng = np.random.default_rng(3)
    raw = rng.dirichlet([1.0, 1.0, 1.0], size=60)
    gold = [["contradiction", "entailment", "neutral"][i] for i in rng.integers(0, 3, 60)]
    rows, scorer = _rows([tuple(p) for p in raw], gold)
    report = evaluate(rows, scanner=scorer)
    predicted = [["contradiction", "entailment", "neutral"][i] for i in raw.argmax(axis=1)]
    truth = np.array(gold) == "contradiction"
    p, r, f, s = precision_recall_fscore_support(gold, predicted, labels=list(report.labels))
    assert report.accuracy == pytest.approx(np.mean(np.array(gold) == np.array(predicted)))
    assert report.macro_f1 == pytest.approx(f1_score(gold, predicted, average="macro"))
    assert [m.f1 for m in report.per_class.values()] == pytest.approx(list(f))
    assert [m.precision for m in report.per_class.values()] == pytest.approx(list(p))
    assert [m.support for m in report.per_class.values()] == list(s)
    assert report.roc_auc == pytest.approx(roc_auc_score(truth, raw[:, 0]))
    assert report.average_precision == pytest.approx(average_precision_score(truth, raw[:, 0]))
    expected = confusion_matrix(gold, predicted, labels=list(report.labels))
    assert np.array_equal(np.array(report.confusion), expected)


def test_two_way_set_collapses_neutral_and_contradiction() -> None:
    probs = [(0.1, 0.3, 0.6), (0.5, 0.2, 0.3), (0.1, 0.8, 0.1), (0.3, 0.4, 0.3)]
    gold = ["non_entailment", "Not-Entailment", "entailment", "entailment"]
    rows, scorer = _rows(probs, gold)
    report = evaluate(rows, scanner=scorer)
    assert report.two_way
    assert report.labels == ("entailment", "non-entailment")
    assert report.positive_label == "non-entailment"
    # P(non-entailment) = c + n: 0.7, 0.8, 0.2, 0.6, so the predictions are non-ent (0.7),
    # non-ent (0.8), ent (0.8), non-ent (0.6): 3 of 4 right.
    assert report.accuracy == pytest.approx(0.75)
    assert report.confusion == ((1, 1), (0, 2))
    assert report.roc_auc == pytest.approx(1.0)
    assert report.ece == pytest.approx(0.25 * 0.3 + 0.5 * 0.2 + 0.25 * 0.6)
    assert "non-entailment vs rest" in report.render()


def test_two_way_flag_on_three_way_gold(fake_scorer) -> None:
    report = evaluate(ROWS, scanner=fake_scorer, two_way=True)
    assert report.two_way
    assert report.accuracy == 1.0
    assert report.per_class["non-entailment"].support == 3
    assert report.notes == ("gold neutral and contradiction were collapsed into non-entailment",)


def test_two_way_false_with_two_way_gold_is_an_error() -> None:
    rows, scorer = _rows([(0.2, 0.2, 0.6)], ["non-entailment"])
    with pytest.raises(InputError, match=r"two_way=False but the gold labels include"):
        evaluate(rows, scanner=scorer, two_way=False)


def test_expected_calibration_error_constructed_case() -> None:
    # 10 predictions at 0.95 with 8 right, 10 at 0.55 with 5 right.
    conf = [0.95] * 10 + [0.55] * 10
    correct = [True] * 8 + [False] * 2 + [True] * 5 + [False] * 5
    assert expected_calibration_error(conf, correct) == pytest.approx(
        0.5 * abs(0.8 - 0.95) + 0.5 * abs(0.5 - 0.55)
    )
    assert expected_calibration_error([1.0, 0.0], [True, False]) == pytest.approx(0.0)
    assert expected_calibration_error([], []) == 0.0


def test_ece_bins_are_fifteen_equal_widths() -> None:
    # 0.60 is the upper edge of bin (0.533, 0.6]; 0.62 falls in the next, (0.6, 0.667].
    split = expected_calibration_error([0.60, 0.62], [True, False])
    assert split == pytest.approx(0.5 * 0.4 + 0.5 * 0.62)
    joined = expected_calibration_error([0.61, 0.62], [True, False])
    assert joined == pytest.approx(abs(0.5 - 0.615))


def test_ece_through_evaluate_is_of_max_probability() -> None:
    probs = [(0.7, 0.2, 0.1)] * 4
    rows, scorer = _rows(probs, ["contradiction"] * 3 + ["entailment"])
    report = evaluate(rows, scanner=scorer)
    assert report.ece == pytest.approx(abs(0.75 - 0.7))


def test_ranking_metrics_undefined_without_positive_gold() -> None:
    rows, scorer = _rows([(0.1, 0.8, 0.1), (0.2, 0.2, 0.6)], ["entailment", "neutral"])
    report = evaluate(rows, scanner=scorer)
    assert report.roc_auc is None
    assert report.average_precision is None
    assert "ROC-AUC n/a  AP n/a" in report.render()


def test_to_dict_is_strict_json_and_render_has_table(fake_scorer) -> None:
    report = evaluate(ROWS, scanner=fake_scorer)
    data = json.loads(json.dumps(report.to_dict(), allow_nan=False))
    assert data["confusion"] == [[1, 0, 1], [0, 1, 0], [0, 0, 1]]
    assert data["per_class"]["entailment"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "support": 1,
    }
    assert data["pairs_per_second"] > 0
    text = report.render()
    assert "accuracy 0.7500  macro-F1 0.7778" in text
    assert "confusion (rows gold, columns predicted)" in text
    assert text.count("\n") > 8


def test_scanner_is_used_through_its_scorer(fake_scorer) -> None:
    scanner = Scanner(scorer=fake_scorer, encoder=object())
    report = evaluate(ROWS, scanner=scanner, show_progress=True)
    assert report.model == "fake-nli"
    assert len(fake_scorer.calls) == 4


def test_show_progress_reaches_the_scorer() -> None:
    rows, scorer = _rows([(0.1, 0.8, 0.1)], ["entailment"])
    evaluate(rows, scanner=scorer, show_progress=True)
    evaluate(rows, scanner=scorer)
    assert scorer.progress == [True, False]


def test_reads_files_with_custom_columns_and_limit(tmp_path: Path, fake_scorer) -> None:
    path = tmp_path / "pairs.csv"
    lines = ["claim_a,claim_b,gold"] + [f'"{r["premise"]}","{r["hypothesis"]}",e' for r in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = evaluate(
        path,
        scanner=fake_scorer,
        premise_column="claim_a",
        hypothesis_column="claim_b",
        label_column="gold",
        limit=2,
    )
    assert report.n == 2
    assert report.per_class["entailment"].support == 2


def test_dataset_dict_with_split(fake_scorer) -> None:
    data = datasets.DatasetDict(
        test=datasets.Dataset.from_list(ROWS), train=datasets.Dataset.from_list(ROWS[:1])
    )
    assert evaluate(data, scanner=fake_scorer, split="train").n == 1


def test_integer_labels_need_names() -> None:
    rows, scorer = _rows([(0.1, 0.8, 0.1), (0.7, 0.2, 0.1)], [0, 2])
    with pytest.raises(InputError, match=r"unknown label\(s\) 0 \(1x\), 2 \(1x\).*label_names="):
        evaluate(rows, scanner=scorer)
    named = evaluate(rows, scanner=scorer, label_names=("entailment", "neutral", "contradiction"))
    assert named.accuracy == 1.0
    assert named.per_class["contradiction"].support == 1


def test_class_label_column_names_are_used() -> None:
    features = datasets.Features(
        premise=datasets.Value("string"),
        hypothesis=datasets.Value("string"),
        label=datasets.ClassLabel(names=["entailment", "neutral", "contradiction"]),
    )
    table = datasets.Dataset.from_dict(
        {"premise": ["a", "b"], "hypothesis": ["c", "d"], "label": [2, 0]}, features=features
    )
    _, labels = load_labelled_pairs(table)
    assert labels == ["contradiction", "entailment"]


def test_normalise_labels_variants() -> None:
    raw = ["CONTRADICTION", " Entails", "n", "not_entailment", "E", "contradictory", "Neutral"]
    assert normalise_labels(raw) == [
        "contradiction",
        "entailment",
        "neutral",
        "non-entailment",
        "entailment",
        "contradiction",
        "neutral",
    ]
    assert normalise_labels(["1", 0], label_names=["e", "n", "c"]) == ["neutral", "entailment"]


def test_unknown_labels_are_listed_with_counts() -> None:
    with pytest.raises(InputError, match=r"unknown label\(s\) 'agree' \(2x\), None \(1x\);"):
        normalise_labels(["agree", "entailment", "agree", None])


def test_unknown_integer_beyond_label_names() -> None:
    with pytest.raises(InputError, match=r"unknown label\(s\) -1 \(1x\)"):
        normalise_labels([-1, 0], label_names=["entailment", "neutral", "contradiction"])


@pytest.mark.parametrize("names", ["entailment", [], ["entailment", "support"]])
def test_bad_label_names(names) -> None:
    with pytest.raises(InputError, match=r"label_names=.*(not a list of names|no NLI label)"):
        normalise_labels([0], label_names=names)


def test_missing_column_lists_existing_ones(fake_scorer) -> None:
    with pytest.raises(InputError, match=r"missing column\(s\) 'gold'.*'premise', 'hypothesis'"):
        evaluate(ROWS, scanner=fake_scorer, label_column="gold")


def test_empty_text_is_rejected(fake_scorer) -> None:
    rows = [{"premise": "a", "hypothesis": "b", "label": "e"}, dict(ROWS[0], hypothesis=" ")]
    with pytest.raises(InputError, match=r"row 1 of column 'hypothesis' is ' '; expected"):
        evaluate(rows, scanner=fake_scorer)


def test_scanner_and_model_together_are_rejected(fake_scorer) -> None:
    with pytest.raises(InputError, match=r"both scanner= and model='mini' were given"):
        evaluate(ROWS, scanner=fake_scorer, model="mini")


def test_scanner_without_score_pairs() -> None:
    with pytest.raises(InputError, match=r"scanner of type str has no score_pairs\(\)"):
        evaluate(ROWS, scanner="mini")


@pytest.mark.parametrize(
    ("option", "value"), [("limit", 0), ("limit", 2.5), ("batch_size", 0), ("batch_size", "8")]
)
def test_bad_sizes(fake_scorer, option: str, value) -> None:
    kwargs = {option: value} if option == "limit" else {option: value, "model": "mini"}
    scanner = fake_scorer if option == "limit" else None
    with pytest.raises(InputError, match=rf"{option}={value!r} is not a positive integer"):
        evaluate(ROWS, scanner=scanner, **kwargs)


def test_scorer_returning_too_few_scores() -> None:
    class Short(TableScorer):
        def score_pairs(self, pairs, *, show_progress=False):
            return super().score_pairs(pairs)[:-1]

    rows, _ = _rows([(0.1, 0.8, 0.1)] * 2, ["entailment"] * 2)
    scorer = Short({"h0": (0.1, 0.8, 0.1), "h1": (0.1, 0.8, 0.1)})
    with pytest.raises(InputError, match=r"returned 1 scores for 2 pairs"):
        evaluate(rows, scanner=scorer)


def test_truncated_pairs_are_noted() -> None:
    class Truncating(TableScorer):
        def score_pairs(self, pairs, *, show_progress=False):
            return [PairScore(a, b, 0.1, 0.8, 0.1, truncated=True) for a, b in pairs]

    rows, _ = _rows([(0.1, 0.8, 0.1)] * 2, ["entailment"] * 2)
    report = evaluate(rows, scanner=Truncating({}))
    assert report.notes == ("2 pair(s) were truncated to the model's maximum length",)


def test_report_type() -> None:
    rows, scorer = _rows([(0.1, 0.8, 0.1)], ["entailment"])
    assert isinstance(evaluate(rows, scanner=scorer), EvaluationReport)


@pytest.mark.slow
@pytest.mark.shared_data
def test_builtin_model_on_snli_test_slice(nli_data_dir: Path) -> None:
    report = evaluate(nli_data_dir / "snli" / "test.jsonl", model="mini", limit=200)
    assert report.n == 200
    assert report.model == "mini"
    assert report.accuracy > 0.6
    assert report.roc_auc is not None and report.roc_auc > 0.8
    assert 0.0 <= report.ece < 0.2
