"""Tests for conflictscan.claims: datelines, attribution forms, denials, gold accuracy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conflictscan.claims import FORMS, normalise, normalise_all, strip_dateline
from conflictscan.errors import InputError
from conflictscan.results import Sentence
from conflictscan.segmentation import split_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "segmentation"


def _sentence(text: str, **fields: object) -> Sentence:
    return Sentence(text, 0, len(text), **fields)


def _load(name: str) -> list[dict[str, str | None]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _scores(rows: list[dict[str, str | None]]) -> tuple[float, float, float]:
    """Accuracy, stripping precision and stripping recall against gold claim/speaker."""
    correct = stripped = stripped_ok = found = 0
    for row in rows:
        out = normalise(_sentence(str(row["text"])))
        good = (out.claim, out.speaker) == (row["claim"], row["speaker"])
        correct += good
        stripped += out.attribution is not None
        stripped_ok += good and out.attribution is not None
        found += good and row["speaker"] is not None
    gold = sum(row["speaker"] is not None for row in rows)
    return correct / len(rows), stripped_ok / max(1, stripped), found / gold


# ----------------------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("VELDHAVEN, Oct. 3 (Wire) - Troops left.", "Troops left."),
        ("LONDON (Reuters) — Shares fell.", "Shares fell."),
        ("PARIS, France — The summit opened.", "The summit opened."),
        ("WASHINGTON — The senator spoke.", "The senator spoke."),
        ("NEW YORK, Oct. 3, 2024 (Wire) -- Markets rose.", "Markets rose."),
        ("  ST. PETERSBURG, Russia – “We stay,” he said.", "“We stay,” he said."),
    ],
)
def test_strip_dateline(text: str, rest: str) -> None:
    assert text[strip_dateline(text) :] == rest


@pytest.mark.parametrize(
    "text",
    [
        "Troops left the border on Tuesday.",
        "NATO — the alliance said troops would stay.",
        "The UN - the world body - met.",
        "VELDHAVEN, Oct. 3 (Wire)",
        "",
    ],
)
def test_no_dateline(text: str) -> None:
    assert strip_dateline(text) == 0


# ----------------------------------------------------------------------------- forms

FORM_CASES = [
    (
        "The ministry said troops would leave.",
        "troops would leave.",
        "the ministry",
        "The ministry said",
    ),
    (
        "Gen. Tarn said that the pullout was over.",
        "the pullout was over.",
        "Gen. Tarn",
        "Gen. Tarn said that",
    ),
    ("Rain will fall, the agency said.", "Rain will fall", "the agency", "the agency said"),
    ("Rain will fall, Tarn said on Tuesday.", "Rain will fall", "Tarn", "Tarn said on Tuesday"),
    (
        "Rain will fall, according to Met Office data.",
        "Rain will fall",
        "Met Office data",
        "according to Met Office data",
    ),
    (
        "According to the agency, about 4,000 fled.",
        "about 4,000 fled.",
        "the agency",
        "According to the agency",
    ),
    ("Ann told Ben that rain would fall.", "rain would fall.", "Ann", "Ann told Ben that"),
    ("Ann tells reporters rain will fall.", "rain will fall.", "Ann", "Ann tells reporters"),
    (
        "No troops moved, the ministry said in a statement.",
        "No troops moved",
        "the ministry",
        "the ministry said in a statement",
    ),
    (
        "Col. Roe, a spokesman for the army, said the unit had left.",
        "the unit had left.",
        "Col. Roe",
        "Col. Roe, a spokesman for the army, said",
    ),
    (
        "The truce holds, said Ilse Brandt, who leads the mission.",
        "The truce holds",
        "Ilse Brandt",
        "said Ilse Brandt",
    ),
    ("Ann claimed that rain would fall.", "rain would fall.", "Ann", "Ann claimed that"),
    ("Ann announced that rain would fall.", "rain would fall.", "Ann", "Ann announced that"),
    ("Ann wrote that rain would fall.", "rain would fall.", "Ann", "Ann wrote that"),
    (
        "The plan was shelved, three people familiar with the discussions said.",
        "The plan was shelved",
        "three people familiar with the discussions",
        "three people familiar with the discussions said",
    ),
    (
        '"We will not resign," the minister said.',
        "We will not resign",
        "the minister",
        "the minister said",
    ),
    ("The plan, officials said, is dead.", "The plan is dead.", "officials", "officials said"),
    ('Tarn said: "We will stay."', "We will stay.", "Tarn", "Tarn said"),
]


@pytest.mark.parametrize(("text", "claim", "speaker", "attribution"), FORM_CASES)
def test_attribution_forms(text: str, claim: str, speaker: str, attribution: str) -> None:
    out = normalise(_sentence(text))
    assert (out.claim, out.speaker, out.attribution) == (claim, speaker, attribution)


@pytest.mark.parametrize(
    "text",
    [
        "The ministry denied that troops had crossed the border.",
        "Tarn dismissed reports that she would resign as 'absolute nonsense'.",
        "The company rejected claims that it had hidden the losses.",
        "Officials denied the report, the ministry said.",
    ],
)
def test_denials_keep_full_content(text: str) -> None:
    out = normalise(_sentence(text, speaker="Outlet default"))
    assert (out.claim, out.speaker, out.attribution) == (text, "Outlet default", None)


@pytest.mark.parametrize(
    "text",
    [
        "Police said nothing about the arrests.",
        "The minister said goodbye to the lost sheep.",
        "Nobody said the plan would work.",
        "Tarn never said she would resign.",
        "The minister did not say whether troops would stay.",
        "What the minister said was not recorded.",
        "A man who said he was a doctor treated the victims.",
        "His claims that the bridge was unsafe were ignored.",
        "Prices rose, analysts said, adding that inflation would peak.",
        "Brandt said she was leaving, and her deputy said he would stay.",
    ],
)
def test_no_over_stripping(text: str) -> None:
    out = normalise(_sentence(text))
    assert (out.claim, out.speaker, out.attribution) == (text, None, None)


def test_forms_table_is_ordered_and_named() -> None:
    assert [name for name, _ in FORMS] == ["according-prefix", "prefix", "suffix", "parenthetical"]


# ----------------------------------------------------------------------------- normalise


def test_normalise_returns_copy_with_offsets_and_fields_kept() -> None:
    original = Sentence(
        "Rain will fall, the agency said.", 7, 39, doc_id="d", index=3, source="Wire"
    )
    out = normalise(original)
    assert (out.start, out.end, out.doc_id, out.index, out.source) == (7, 39, "d", 3, "Wire")
    assert out.text == original.text and original.claim is None
    assert out.content == "Rain will fall"


def test_unattributed_sentence_keeps_speaker_and_unwraps_quotes() -> None:
    out = normalise(_sentence('"The talks have failed."', speaker="the union"))
    assert (out.claim, out.speaker, out.attribution) == (
        "The talks have failed.",
        "the union",
        None,
    )


def test_claim_joins_hard_wrapped_lines() -> None:
    out = normalise(_sentence("Officials said the crossing would\nremain  closed."))
    assert (out.claim, out.speaker) == ("the crossing would remain closed.", "Officials")


def test_dateline_and_attribution_together() -> None:
    out = normalise(_sentence("WASHINGTON — The senator said the bill would pass."))
    assert (out.claim, out.speaker) == ("the bill would pass.", "the senator")


def test_doc_text_limits_dateline_to_paragraph_start() -> None:
    doc = "LONDON (Wire) — Shares fell.\nSo did bonds. PARIS — Prices rose sharply."
    first, second = (s for s in split_sentences(doc, keep=None) if s.text[0] in "LP")
    assert normalise(first, doc_text=doc).claim == "Shares fell."
    assert normalise(second, doc_text=doc).claim == "PARIS — Prices rose sharply."
    assert normalise(second).claim == "Prices rose sharply."


def test_doc_text_mismatch_raises() -> None:
    sentence = Sentence("Shares fell.", 0, 12)
    with pytest.raises(InputError, match=r"doc_text\[0:12\] is 'Bonds rose. ', expected the"):
        normalise(sentence, doc_text="Bonds rose. Shares fell.")


def test_normalise_all_keeps_order() -> None:
    text = (
        "VELDHAVEN, Oct. 3 (Wire) - Troops began leaving on Tuesday, the ministry said. "
        "About 4,000 soldiers were involved, officials said."
    )
    out = normalise_all(split_sentences(text, doc_id="d1"))
    assert [(s.index, s.claim, s.speaker) for s in out] == [
        (0, "Troops began leaving on Tuesday", "the ministry"),
        (1, "About 4,000 soldiers were involved", "officials"),
    ]
    assert all(text[s.start : s.end] == s.text for s in out)
    assert normalise_all(split_sentences(text, doc_id="d1"), doc_text=text) == out


def test_long_comma_heavy_sentence_is_fast() -> None:
    text = ", ".join(["the minister said the troops would leave"] * 800) + ", officials said."
    out = normalise(_sentence(text))
    assert out.speaker == "officials"


# ----------------------------------------------------------------------------- gold sets


def test_gold_sets_are_big_enough() -> None:
    assert len(_load("claims.jsonl")) >= 40
    assert len(_load("claims_holdout.jsonl")) >= 25


@pytest.mark.parametrize("name", ["claims.jsonl", "claims_holdout.jsonl"])
def test_gold_accuracy_and_stripping_precision(name: str) -> None:
    accuracy, precision, recall = _scores(_load(name))
    assert accuracy >= 0.95
    assert precision >= 0.95
    assert recall >= 0.9


def test_import_does_not_load_torch() -> None:
    code = "import sys, conflictscan.claims; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("text", "claim", "speaker"),
    [
        (
            "Boris Tanaka, the fire chief, said crews fought the blaze for 43 hours.",
            "crews fought the blaze for 43 hours.",
            "Boris Tanaka",
        ),
        (
            "The talks failed, Lena Ruus, a spokeswoman, said on Monday.",
            "The talks failed",
            "Lena Ruus",
        ),
    ],
)
def test_appositive_speakers(text: str, claim: str, speaker: str) -> None:
    found = normalise(Sentence(text, 0, len(text)))
    assert (found.claim, found.speaker) == (claim, speaker)


def test_dismissals_are_kept_whole() -> None:
    text = (
        "A senior official on Saturday called reports that the president was willing to "
        "step down \u201cabsolute nonsense\u201d."
    )
    found = normalise(Sentence(text, 0, len(text)))
    assert found.claim == text and found.attribution is None
