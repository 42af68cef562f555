"""Tests for story grouping: labels, lead vectors, clustering, dates."""

from __future__ import annotations

import sys
from datetime import date, datetime

import numpy as np
import pytest

from conflictscan import InputError
from conflictscan.batch import GROUPING_METHODS
from conflictscan.batch._grouping import (
    LeadVectorizer,
    cluster_vectors,
    group_by_label,
    lead_text,
    parse_date,
)
from conftest import REPO_ROOT, FakeEncoder

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from gen_collection import generate_collection  # noqa: E402


def _vectors(leads: list[str], method: str = "tfidf", chunk: int = 7):
    vec = LeadVectorizer(method, encoder=FakeEncoder() if method == "embedding" else None)
    for start in range(0, len(leads), chunk):
        vec.add(leads[start : start + chunk])
    return vec.finish()


def _labels_of(grouping, n: int) -> list[int]:
    labels = [-1] * n
    for k, rows in enumerate(grouping.groups):
        for row in rows:
            labels[row] = k
    for k, row in enumerate(grouping.singletons):
        labels[row] = 1000 + k
    return labels


def test_group_by_label_keeps_first_appearance_order() -> None:
    grouping = group_by_label(["b", "a", "b", None, "c", "a"])
    assert grouping.groups == ((0, 2), (1, 5))
    assert grouping.labels == ("b", "a")
    assert grouping.singletons == (3, 4)
    assert grouping.method == "column" and len(grouping) == 2


def test_lead_text_cuts_at_a_word() -> None:
    text = "word " * 200
    lead = lead_text(text, "Headline", max_chars=23)
    assert lead == "Headline\nword word word word"
    assert lead_text("short text") == "short text"


def test_unknown_method_and_missing_encoder() -> None:
    with pytest.raises(InputError, match="unknown grouping method 'lda'.*'tfidf'"):
        LeadVectorizer("lda")
    with pytest.raises(InputError, match="needs an encoder"):
        LeadVectorizer("embedding")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-03-05T23:10:00Z", date(2024, 3, 5)),
        (datetime(2024, 3, 5, 8), date(2024, 3, 5)),
        (date(2024, 3, 5), date(2024, 3, 5)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected) -> None:  # type: ignore[no-untyped-def]
    assert parse_date(value) == expected


def test_parse_date_rejects_free_text() -> None:
    with pytest.raises(InputError, match="'last Tuesday' is not an ISO-8601 date"):
        parse_date("last Tuesday")


def test_tfidf_grouping_recovers_generated_stories() -> None:
    coll = generate_collection(12, seed=4)
    leads = [lead_text(a["text"], a["title"]) for a in coll.articles]
    truth = [a["story_id"] for a in coll.articles]
    dates = [parse_date(a["published"]) for a in coll.articles]
    grouping = cluster_vectors(
        _vectors(leads), threshold=GROUPING_METHODS["tfidf"], dates=dates, date_window_days=2
    )
    from sklearn.metrics import adjusted_rand_score

    assert adjusted_rand_score(truth, _labels_of(grouping, len(truth))) > 0.95
    assert all(list(rows) == sorted(rows) for rows in grouping.groups)
    assert grouping.labels[0] == "story-00000"


def test_chunked_vectors_equal_one_pass() -> None:
    leads = [lead_text(a["text"]) for a in generate_collection(3, seed=1).articles]
    a, b = _vectors(leads, chunk=4), _vectors(leads, chunk=1000)
    assert a.shape == b.shape and abs(a - b).max() < 1e-6


def test_unrelated_articles_stay_singletons() -> None:
    leads = ["The central bank raised rates.", "A comet passed Jupiter.", "Local team wins cup."]
    grouping = cluster_vectors(_vectors(leads), threshold=0.35)
    assert grouping.groups == () and grouping.singletons == (0, 1, 2)


def test_single_linkage_chains_and_average_does_not() -> None:
    # a~b and b~c are similar, a and c are not: one chain, two stories on average.
    vecs = np.array([[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [0.0, 1.0, 0.0]], dtype=np.float32)
    vecs = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    single = cluster_vectors(vecs, threshold=0.55, linkage="single")
    average = cluster_vectors(vecs, threshold=0.55, linkage="average")
    assert single.groups == ((0, 1, 2),)
    assert len(average.groups) == 1 and len(average.groups[0]) == 2


def test_date_window_separates_same_text_far_apart() -> None:
    leads = ["Flood hits Kesbrook", "Flood hits Kesbrook", "Flood hits Kesbrook"]
    dates = [date(2024, 1, 1), date(2024, 1, 2), date(2024, 3, 1)]
    grouping = cluster_vectors(_vectors(leads), threshold=0.35, dates=dates, date_window_days=2)
    assert grouping.groups == ((0, 1),) and grouping.singletons == (2,)
    undated = cluster_vectors(_vectors(leads), threshold=0.35, dates=[None] * 3, date_window_days=2)
    assert undated.groups == ((0, 1, 2),)


def test_max_group_size_splits_large_groups() -> None:
    rng = np.random.default_rng(0)
    base = rng.normal(size=16)
    vecs = base + rng.normal(scale=0.5, size=(40, 16))
    vecs = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    grouping = cluster_vectors(vecs, threshold=0.3, linkage="single", max_group_size=10)
    assert grouping.groups and max(len(g) for g in grouping.groups) <= 10
    assert sum(len(g) for g in grouping.groups) + len(grouping.singletons) == 40


def test_embedding_method_uses_the_encoder() -> None:
    leads = ["Flood hits Kesbrook town centre", "Kesbrook town centre flood", "Rates rise"]
    grouping = cluster_vectors(_vectors(leads, "embedding"), threshold=0.6, method="embedding")
    assert grouping.groups == ((0, 1),) and grouping.method == "embedding"


def test_cluster_errors() -> None:
    vecs = np.eye(3, dtype=np.float32)
    with pytest.raises(InputError, match=r"threshold must be in \(0, 1\], got 1.5"):
        cluster_vectors(vecs, threshold=1.5)
    with pytest.raises(InputError, match="unknown linkage 'ward'"):
        cluster_vectors(vecs, threshold=0.5, linkage="ward")
    with pytest.raises(InputError, match="got 2 dates for 3 articles"):
        cluster_vectors(vecs, threshold=0.5, dates=[None, None], date_window_days=1)


def test_empty_input_gives_empty_grouping() -> None:
    grouping = cluster_vectors(_vectors([]), threshold=0.35)
    assert grouping.groups == () and grouping.singletons == ()
