"""Tests for conflictscan._scanner with the deterministic fake scorer and encoder."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

import conflictscan
from conflictscan import Document, InputError, PairLimitError, ScanConfig, Scanner
from conflictscan._aggregation import default_combiner
from conflictscan._config import DEFAULT_THRESHOLDS, NEWS_THRESHOLDS
from conflictscan._inputs import coerce_documents, content_key
from conflictscan.text import _parsing as parsing

TEXT_A = (
    "The city council approved the new harbour budget on Monday. "
    "The mayor praised the vote as a turning point for the port."
)
TEXT_B = (
    "The city council did not approve the new harbour budget on Monday. "
    "Fishermen protested outside the town hall for several hours."
)


@pytest.fixture
def scanner(fake_scorer, fake_encoder) -> Scanner:  # type: ignore[no-untyped-def]
    return Scanner(scorer=fake_scorer, encoder=fake_encoder, reasoning="nli", threshold=0.5)


def test_cross_document_conflict_is_found_with_offsets(scanner: Scanner) -> None:
    docs = [Document(TEXT_A, doc_id="a", source="A"), Document(TEXT_B, doc_id="b", source="B")]
    result = scanner.scan(docs)
    assert result.conflicts, "the negated sentence pair should be flagged"
    top = result.conflicts[0]
    assert (top.a.doc_id, top.b.doc_id) == ("a", "b")
    assert TEXT_A[top.a.start : top.a.end] == top.a.text
    assert TEXT_B[top.b.start : top.b.end] == top.b.text
    assert "did not approve" in top.b.text and top.b.source == "B"
    assert top.confidence == pytest.approx(0.9)


def test_every_sentence_offset_round_trips(scanner: Scanner) -> None:
    docs = [Document(TEXT_A, doc_id="a"), Document(TEXT_B, doc_id="b")]
    texts = {d.doc_id: d.text for d in docs}
    for sent in scanner.scan(docs).sentences:
        assert texts[sent.doc_id][sent.start : sent.end] == sent.text


def test_a_plain_string_is_one_document(scanner: Scanner) -> None:
    result = scanner.scan(TEXT_A + " " + TEXT_B)
    assert {s.doc_id for s in result.sentences} == {"doc0"}
    assert result.conflicts  # articles contradict themselves too


def test_identical_sentences_are_scored_once(fake_scorer, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    scanner = Scanner(scorer=fake_scorer, encoder=fake_encoder, reasoning="nli")
    scanner.scan([Document(TEXT_A, doc_id="a"), Document(TEXT_A, doc_id="b")])
    assert len(fake_scorer.calls) == len(set(fake_scorer.calls))
    same = [c for c in fake_scorer.calls if content_key(c[0]) == content_key(c[1])]
    assert same == []


def test_threshold_filters(fake_scorer, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    strict = Scanner(scorer=fake_scorer, encoder=fake_encoder, reasoning="nli", threshold=0.95)
    assert strict.scan([TEXT_A, TEXT_B]).conflicts == ()


def test_auto_pairing_switches_to_similar_and_says_so(fake_scorer, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    scanner = Scanner(scorer=fake_scorer, encoder=fake_encoder, reasoning="nli", max_pairs=1)
    result = scanner.scan([TEXT_A, TEXT_B])
    assert result.pairing == "similar"
    assert any("switched to pairing='similar'" in n for n in result.notes)


def test_exhaustive_pairing_over_the_guard_raises(fake_scorer, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    scanner = Scanner(scorer=fake_scorer, encoder=fake_encoder, pairing="all", max_pairs=1)
    with pytest.raises(PairLimitError, match="max_pairs=1"):
        scanner.scan([TEXT_A, TEXT_B])


def test_scan_many_keeps_input_order(scanner: Scanner) -> None:
    results = list(scanner.scan_many([TEXT_A, [TEXT_A, TEXT_B], TEXT_B]))
    assert [len(r.documents) for r in results] == [1, 2, 1]


class _Counting:
    """Wraps a scorer or encoder and records the size of every call."""

    def __init__(self, inner, method: str) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.method, self.sizes = inner, method, []
        self.model_id = getattr(inner, "model_id", "fake")
        self.fingerprint = getattr(inner, "fingerprint", "fake@1")

    def score_pairs(self, pairs, *, show_progress: bool = False):  # type: ignore[no-untyped-def]
        self.sizes.append(len(pairs))
        return self.inner.score_pairs(pairs, show_progress=show_progress)

    def encode(self, texts):  # type: ignore[no-untyped-def]
        self.sizes.append(len(texts))
        return self.inner.encode(texts)


ITEMS = [
    [TEXT_A, TEXT_B],
    TEXT_A + " " + TEXT_B,
    Document(TEXT_B, doc_id="b"),
    [Document(TEXT_A, doc_id="x"), Document(TEXT_A.replace("approved", "rejected"), doc_id="y")],
    "One sentence only.",
]


@pytest.mark.parametrize("reasoning", ["news", "nli"])
@pytest.mark.parametrize(("directions", "rounds"), [("both", 1), ("auto", 3)])
def test_scan_many_scores_a_chunk_together_with_the_same_results(
    fake_scorer,
    fake_encoder,
    reasoning: str,
    directions: str,
    rounds: int,  # type: ignore[no-untyped-def]
) -> None:
    scorer, encoder = _Counting(fake_scorer, "score"), _Counting(fake_encoder, "encode")
    options = {"reasoning": reasoning, "threshold": 0.0, "directions": directions}
    batched = Scanner(scorer=scorer, encoder=encoder, **options)
    single = Scanner(scorer=fake_scorer, encoder=fake_encoder, **options)
    many = list(batched.scan_many(ITEMS, chunk_size=len(ITEMS)))
    # One model call per scoring round for the whole chunk, however many items it has.
    assert 1 <= len(scorer.sizes) <= rounds
    assert len(encoder.sizes) <= 1
    expected = [single.scan(item) for item in ITEMS]
    assert many == expected
    scorer.sizes.clear()
    assert list(batched.scan_many(ITEMS, chunk_size=2)) == expected
    assert len(scorer.sizes) <= 3 * rounds  # chunks of 2, 2 and 1 items


def test_scan_many_yields_the_items_before_a_bad_one(scanner: Scanner) -> None:
    results = scanner.scan_many([TEXT_A, TEXT_B, 123, TEXT_A])  # type: ignore[list-item]
    assert len(next(results).sentences) == 2
    assert len(next(results).sentences) == 2
    with pytest.raises(InputError):
        next(results)


def test_scan_many_checks_the_chunk_size(scanner: Scanner) -> None:
    with pytest.raises(InputError, match="chunk_size must be positive"):
        list(scanner.scan_many([TEXT_A], chunk_size=0))


def test_score_conflict_judges_a_given_pair(scanner: Scanner) -> None:
    sents = scanner.sentences_for([Document(TEXT_A, doc_id="a"), Document(TEXT_B, doc_id="b")])
    a = next(s for s in sents if s.doc_id == "a" and "approved" in s.text)
    b = next(s for s in sents if s.doc_id == "b" and "did not approve" in s.text)
    conflict = scanner.score_conflict(a, b)
    assert conflict.confidence == pytest.approx(0.9)
    low = scanner.score_conflict(a, next(s for s in sents if "Fishermen" in s.text))
    assert low.confidence < 0.5


@pytest.mark.skipif(not parsing.is_available(), reason="spaCy or its English model is absent")
def test_short_reported_claims_are_kept(fake_scorer, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    # min_words counts the sentence: a three-word claim is compared on its own, and a split
    # leaving fewer words is undone (the whole sentence is compared, not dropped).
    news = Scanner(scorer=fake_scorer, encoder=fake_encoder, reasoning="news")
    text = "Dead for 48 minutes, this priest claims God is female. Police say suspect fled."
    sents = news.sentences_for(text)
    assert [(s.content, s.speaker) for s in sents] == [
        ("God is female.", "this priest"),
        ("Police say suspect fled.", None),
    ]


def test_score_pairs_delegates_in_order(scanner: Scanner) -> None:
    scores = scanner.score_pairs(
        [("The port is open.", "The port is not open."), ("x y z", "a b c")]
    )
    assert scores[0].contradiction > 0.5 and scores[1].neutral > 0.5


def test_config_round_trip(fake_scorer) -> None:  # type: ignore[no-untyped-def]
    scanner = Scanner("some/model", threshold=0.7, pairing="cross-similar", top_k=3)
    config = scanner.config
    assert ScanConfig.from_dict({**config.to_dict(), "unknown": 1}) == config
    again = Scanner.from_config(config, scorer=fake_scorer)
    assert again.config == config and again.scorer is fake_scorer
    assert "some/model" in repr(scanner)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"threshold": 1.5}, r"threshold must be in \[0, 1\]"),
        ({"batch_size": 0}, "must be positive"),
        ({"reasoning": "vibes"}, "unknown reasoning"),
        ({"pairing": "everything"}, "unknown pairing strategy 'everything'"),
    ],
)
def test_bad_arguments(kwargs, match) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=match):
        Scanner(**kwargs)


@pytest.mark.parametrize(
    ("docs", "match"),
    [
        ([], "nothing to scan"),
        ("   ", "is empty"),
        ([Document("a b c d", doc_id="x"), Document("e f g h", doc_id="x")], "repeated: x"),
        ([42], "item 0 is int"),
    ],
)
def test_bad_documents(docs, match) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=match):
        coerce_documents(docs)


def test_module_scan_reuses_a_cached_scanner(fake_scorer, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    opts = {"scorer": fake_scorer, "encoder": fake_encoder, "reasoning": "nli"}
    first = conflictscan.scan([TEXT_A, TEXT_B], **opts)
    calls = len(fake_scorer.calls)
    second = conflictscan.scan([TEXT_A, TEXT_B], **opts)
    assert first.conflicts == second.conflicts and len(fake_scorer.calls) == 2 * calls


def test_constructing_a_scanner_does_not_import_torch() -> None:
    code = (
        "import sys, conflictscan; conflictscan.Scanner(); "
        "print('torch' in sys.modules, 'transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_score_conflict_on_identical_claims(scanner: Scanner) -> None:
    sents = scanner.sentences_for([Document(TEXT_A, doc_id="a"), Document(TEXT_A, doc_id="b")])
    conflict = scanner.score_conflict(sents[0], sents[2])
    assert conflict.confidence < 0.5


@pytest.mark.parametrize("reasoning", ["news", "nli"])
def test_threshold_default_is_the_same_from_config_and_from_arguments(reasoning: str) -> None:
    direct = Scanner(reasoning=reasoning)
    rebuilt = Scanner.from_config(ScanConfig(reasoning=reasoning))
    assert direct.config.threshold == rebuilt.config.threshold
    assert direct.config == rebuilt.config == ScanConfig(reasoning=reasoning)


def test_a_built_in_model_with_its_own_news_threshold_uses_it() -> None:
    assert Scanner(model="mini").config.threshold == NEWS_THRESHOLDS["mini"]
    assert ScanConfig(model="mini").threshold == NEWS_THRESHOLDS["mini"]
    assert Scanner(model="mini", reasoning="nli").config.threshold == DEFAULT_THRESHOLDS["nli"]
    assert Scanner().config.threshold == DEFAULT_THRESHOLDS["news"]


def test_explicit_threshold_wins_over_the_reasoning_default() -> None:
    assert ScanConfig(reasoning="nli", threshold=0.2).threshold == 0.2
    assert Scanner(reasoning="nli", threshold=0.2).config.threshold == 0.2


def _first_pair(sentences, **options):  # type: ignore[no-untyped-def]
    """A pairing callable at module level, so that it pickles by reference."""
    return [(0, 1)] if len(sentences) > 1 else []


def test_a_pairing_callable_is_kept_when_rebuilding_from_config(fake_scorer) -> None:  # type: ignore[no-untyped-def]
    scanner = Scanner(scorer=fake_scorer, pairing=_first_pair)
    assert scanner.config.pairing == "custom"
    with pytest.raises(InputError, match="pass the callable again"):
        Scanner.from_config(scanner.config)
    rebuilt = Scanner.from_config(scanner.config, pairing=scanner.pairing)
    assert rebuilt.pairing is _first_pair
    assert rebuilt.config == scanner.config


# ----------------------------------------------------------------------------- directions


def test_auto_directions_skip_clearly_neutral_reverses_but_keep_results(
    fake_scorer,
    fake_encoder,  # type: ignore[no-untyped-def]
) -> None:
    docs = [Document(TEXT_A, doc_id="a"), Document(TEXT_B, doc_id="b")]
    # No relatedness gate, so pairs the fake model reads as clearly neutral reach the model
    # (whatever gate the shipped combiner was fitted with); their reverses are never needed.
    combiner = dataclasses.replace(default_combiner(), gate=0.0)
    opts = {"scorer": fake_scorer, "encoder": fake_encoder, "combiner": combiner}
    both = Scanner(**opts, directions="both").scan(docs)
    calls_both = len(fake_scorer.calls)
    fake_scorer.calls.clear()
    auto = Scanner(**opts).scan(docs)
    assert auto.conflicts == both.conflicts  # the fake model reads both ways alike
    assert auto.pairs_scored < both.pairs_scored
    assert len(fake_scorer.calls) < calls_both
    for conflict in auto.conflicts:  # every reported pair was read both ways
        assert (conflict.a.content, conflict.b.content) in fake_scorer.calls
        assert (conflict.b.content, conflict.a.content) in fake_scorer.calls


class _OneWay:
    """Contradiction only when the denial is the hypothesis: 0.05 one way, 0.95 the other."""

    model_id, fingerprint = "one-way", "one-way@1"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def score_pairs(self, pairs, *, show_progress: bool = False):  # type: ignore[no-untyped-def]
        from conflictscan import PairScore

        self.calls += list(pairs)
        return [
            PairScore(p, h, *((0.95, 0.0, 0.05) if "denied" in h else (0.05, 0.05, 0.9)))
            for p, h in pairs
        ]


def test_a_reported_pair_carries_its_real_reverse_score(fake_encoder) -> None:  # type: ignore[no-untyped-def]
    scorer = _OneWay()
    docs = ["Officials denied the port reopened.", "The port reopened on Monday after the storm."]
    # The forward read (denial as premise) is 0.05, so "auto" leaves the reverse unread at
    # first; the pair is reported at threshold 0, so its reverse is read and it is judged
    # again on both.
    scanner = Scanner(scorer=scorer, encoder=fake_encoder, reasoning="nli", threshold=0.0)
    (conflict,) = scanner.scan(docs).conflicts
    fwd, bwd = conflict.scores
    assert {fwd.contradiction, bwd.contradiction} == {0.05, 0.95}
    assert conflict.confidence == pytest.approx(0.5)
    assert len(scorer.calls) == 2
    # At the default threshold the pair is not reported and its reverse never read: the
    # cost of "auto", measured on the dev stories. "both" reads it anyway.
    scorer.calls.clear()
    assert Scanner(scorer=scorer, encoder=fake_encoder, reasoning="nli").scan(docs).conflicts == ()
    assert len(scorer.calls) == 1
    strict = Scanner(scorer=scorer, encoder=fake_encoder, reasoning="nli", directions="both")
    assert strict.scan(docs).conflicts[0].confidence == pytest.approx(0.5)


def test_unknown_directions_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="directions must be 'auto' or 'both'"):
        Scanner(directions="forward")


def test_a_chunk_neighbour_s_reads_do_not_change_a_result(fake_encoder) -> None:  # type: ignore[no-untyped-def]
    # The second item reads "port -> denial", which the first, alone, never would.
    denial, report = "Officials denied the port reopened.", "The port reopened on Monday."
    items = [[denial, report], [report, denial]]
    scanner = Scanner(scorer=_OneWay(), encoder=fake_encoder, reasoning="nli")
    alone = [scanner.scan(item) for item in items]
    assert alone[0].conflicts == () and len(alone[1].conflicts) == 1
    assert list(scanner.scan_many(items, chunk_size=2)) == alone
    # Reported conflicts in a chunk carry both directions' real scores.
    (conflict,) = list(scanner.scan_many(items, chunk_size=2))[1].conflicts
    assert sorted(s.contradiction for s in conflict.scores) == [0.05, 0.95]
