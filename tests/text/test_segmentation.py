"""Tests for conflictscan.text._segmentation: offsets, news rules, the filter and read_text."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from conflictscan import InputError, split_sentences
from conflictscan.text import _segmentation as segmentation
from conflictscan.text import is_statement, read_text
from conftest import run_python

FIXTURES = Path(__file__).parent.parent / "fixtures" / "segmentation"


def _load_gold() -> ModuleType:
    spec = importlib.util.spec_from_file_location("segmentation_gold", FIXTURES / "gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


GOLD = _load_gold()
PASSAGES = GOLD.load_passages() + GOLD.load_passages(FIXTURES / "holdout.txt")
IDS = [p.pid for p in PASSAGES]


def _spans(text: str, **options: object) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in split_sentences(text, keep=None, **options)]


# ----------------------------------------------------------------------------- offsets


@pytest.mark.parametrize("segmenter", ["sentencex", "pysbd"])
@pytest.mark.parametrize("passage", PASSAGES, ids=IDS)
def test_offsets_round_trip_on_every_fixture(passage, segmenter: str) -> None:
    for text in (passage.text, passage.text.replace("\n", "\r\n")):
        sentences = split_sentences(text, keep=None, segmenter=segmenter)
        assert sentences, passage.pid
        for sentence in sentences:
            assert text[sentence.start : sentence.end] == sentence.text
            assert sentence.text == sentence.text.strip() and sentence.text


def test_fixture_set_is_big_enough() -> None:
    assert len(GOLD.load_passages()) >= 40
    assert sum(len(p.spans) for p in PASSAGES) >= 140


def test_gold_accuracy_on_fixture_passages() -> None:
    exact = total = 0
    for passage in PASSAGES:
        exact += len(set(_spans(passage.text)) & set(passage.spans))
        total += len(passage.spans)
    assert exact / total >= 0.97


@pytest.mark.parametrize("pid", ["01", "03", "05", "09", "11", "14", "16", "20", "21", "49"])
def test_hard_cases_exact(pid: str) -> None:
    passage = next(p for p in PASSAGES if p.pid == pid)
    assert _spans(passage.text) == list(passage.spans)


def test_offsets_are_original_with_unicode_and_tabs() -> None:
    text = "\ufeff  Café owners 😀 said “no.”\tPrices rose 5%.\n\n\t東京 grew 3.2% in May."
    sentences = split_sentences(text, keep=None)
    assert [s.text for s in sentences] == [
        "Café owners 😀 said “no.”",
        "Prices rose 5%.",
        "東京 grew 3.2% in May.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


# ----------------------------------------------------------------------------- news rules


def test_metadata_and_index_count_kept_sentences() -> None:
    text = "By Jana Moretti\nThe vote was held on Monday in the capital. Turnout was very high."
    sentences = split_sentences(text, doc_id="d1", source="Wire", speaker="the agency")
    assert [s.index for s in sentences] == [0, 1]
    assert sentences[0].text == "The vote was held on Monday in the capital."
    assert {(s.doc_id, s.source, s.speaker) for s in sentences} == {("d1", "Wire", "the agency")}
    assert len(split_sentences(text, keep=None)) == 3


def test_custom_keep_callable() -> None:
    text = "Troops left on Monday. Tanks stayed behind. Troops returned."
    kept = split_sentences(text, keep=lambda s: s.startswith("Troops"))
    assert [(s.text, s.index) for s in kept] == [
        ("Troops left on Monday.", 0),
        ("Troops returned.", 1),
    ]


def test_blank_lines_always_split() -> None:
    text = "Talks continued into the night and\n\nresumed at dawn."
    assert [s.text for s in split_sentences(text, keep=None)] == [
        "Talks continued into the night and",
        "resumed at dawn.",
    ]


def test_line_break_after_headline_splits_but_hard_wrap_joins() -> None:
    text = "Ferry operator halts crossings\nThe line suspended sailings\non Friday, it said."
    assert [s.text for s in split_sentences(text, keep=None)] == [
        "Ferry operator halts crossings",
        "The line suspended sailings\non Friday, it said.",
    ]


def test_list_markers_are_left_out_of_spans() -> None:
    text = "- Prices rose 4% in May\n2) Wages fell\n• Rents were flat"
    sentences = split_sentences(text, keep=None)
    assert [s.text for s in sentences] == ["Prices rose 4% in May", "Wages fell", "Rents were flat"]


def test_never_final_abbreviation_is_merged() -> None:
    def naive(text: str) -> list[tuple[int, int]]:
        cut = text.index("approx.") + len("approx.")
        return [(0, cut), (cut, len(text))]

    text = "The crowd numbered approx. 3,000 people."
    assert _spans(text, segmenter=naive) == [(0, len(text))]


def test_parenthesised_sentence_is_split() -> None:
    text = "Bonds rose 1.2%. (Trading was thin.) Stocks were flat."
    assert [s.text for s in split_sentences(text, keep=None)] == [
        "Bonds rose 1.2%.",
        "(Trading was thin.)",
        "Stocks were flat.",
    ]


def test_a_quotation_after_a_time_starts_a_new_sentence() -> None:
    text = (
        'The crew was winched to safety by 4 a.m. "We are all fine," the skipper said. '
        'Dr. "Bud" Nolan treated them at 9 a.m. on Friday.'
    )
    assert [s.text for s in split_sentences(text)] == [
        "The crew was winched to safety by 4 a.m.",
        '"We are all fine," the skipper said.',
        'Dr. "Bud" Nolan treated them at 9 a.m. on Friday.',
    ]


def test_empty_and_whitespace_text_give_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\r\n\t ") == []


def test_huge_paragraph_is_linear_and_exact() -> None:
    unit = "Gen. Tarn said the U.S. Corp. paid $4.5 billion at 3 p.m. on Tuesday. Shares rose. "
    for segmenter in ("sentencex", "pysbd"):
        text = unit * 600
        started = time.perf_counter()
        sentences = split_sentences(text, keep=None, segmenter=segmenter)
        assert time.perf_counter() - started < 5
        assert len(sentences) == 1200
        assert all(text[s.start : s.end] == s.text for s in sentences)


def test_window_without_sentence_end_is_cut_at_a_space() -> None:
    text = ("word " * 3000).strip()
    sentences = split_sentences(text, keep=None)
    assert "".join(s.text + " " for s in sentences).strip() == text
    assert all(len(s.text) <= segmentation._CHUNK_CHARS for s in sentences)


# ----------------------------------------------------------------------------- errors


def test_non_str_text_raises() -> None:
    with pytest.raises(InputError, match="text must be str, got bytes; decode bytes first"):
        split_sentences(b"Troops left.")  # type: ignore[arg-type]


def test_oversize_text_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segmentation, "MAX_CHARS", 10)
    with pytest.raises(
        InputError, match=r"text has 24 characters, more than max_chars=10; split.*--max-chars"
    ):
        split_sentences("Troops left the border. ")


def test_unknown_segmenter_raises() -> None:
    with pytest.raises(InputError, match=r"unknown segmenter 'spacy'; expected one of \['pysbd'"):
        split_sentences("Troops left.", segmenter="spacy")


# ----------------------------------------------------------------------------- is_statement

DROPPED = [
    "This article is from the archive of our partner The Wire Weekly.",
    "This story was originally published by the Kessel Courier.",
    "By Jane Doe",
    "By Jane Doe and Ed Roe, Staff Writers",
    "Reporting by Jana Moretti; Editing by Paul Ek",
    "Additional reporting by Hana Mori in Osterby",
    "Photo: Lena Vos/Wire",
    "(AP Photo/Lena Vos) Crowds gather outside the court.",
    "Firefighters at the scene. Lena Vos/Getty Images",
    "Read more: Why the bridge failed",
    "Related: Minister quits over bridge",
    "Sign up for our morning newsletter",
    "Subscribe to Wire News for unlimited access",
    "© 2024 Wire News. All rights reserved.",
    "Copyright 2024 Wire News Ltd",
    "Updated: Oct. 5, 2024 at 3:45 p.m.",
    "Published on Oct. 5, 2024",
    "Advertisement",
    "VELDHAVEN, Oct. 3 (Wire)",
    "NEW YORK, Oct. 3, 2024 (Wire) —",
    "WORLD NEWS IN BRIEF",
    "Key points:",
    "Getty Images.",
    "Photo: AP.",
    "WATCH NOW.",
    "Prices",
    "12,000 — 14,500 (2023)",
]
KEPT = [
    "Ferry operator halts crossings after storm damage",
    "TROOPS WITHDRAW FROM THE BORDER",
    "By Tuesday, three ministers had resigned.",
    "By midnight the rebels had left the city.",
    "Related coverage shows the minister was wrong.",
    "Posted losses of 3 billion hit the shares hard.",
    "The photo was taken in May, police said.",
    "Troops left the border, the ministry said.",
    "Prices rose.",
    "He pleaded guilty.",
    '"It is over."',
]


@pytest.mark.parametrize("text", DROPPED)
def test_is_claim_drops_boilerplate(text: str) -> None:
    assert is_statement(text) is False


@pytest.mark.parametrize("text", KEPT)
def test_is_claim_keeps_claims_and_headlines(text: str) -> None:
    assert is_statement(text) is True


# ----------------------------------------------------------------------------- read_text


def test_read_text_keeps_text_exactly(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfCaf\xc3\xa9 owners said so.\r\nPrices rose.\r\n")
    text = read_text(path)
    assert text == "Café owners said so.\r\nPrices rose.\r\n"
    assert read_text(str(path)) == text
    assert read_text(path.read_bytes()) == text


def test_read_text_utf16_with_bom() -> None:
    assert read_text("Troops left.".encode("utf-16")) == "Troops left."


def test_read_text_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file; check the path"):
        read_text(tmp_path / "nope.txt")


def test_read_text_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory; pass a text file"):
        read_text(tmp_path)


@pytest.mark.parametrize("data", [b"", b"  \n\r\n", b"\xef\xbb\xbf"])
def test_read_text_empty(data: bytes) -> None:
    with pytest.raises(InputError, match=r"input bytes: is empty \(no text to scan\)"):
        read_text(data)


def test_read_text_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.txt: is empty"):
        read_text(path)


def test_read_text_nul_bytes() -> None:
    with pytest.raises(InputError, match=r"looks binary \(NUL byte at offset 4\); extract"):
        read_text(b"%PDF\x00\x01\x02 text")


def test_read_text_many_control_bytes() -> None:
    with pytest.raises(InputError, match=r"looks binary \(5 control bytes in the first 10\)"):
        read_text(b"\x01\x02\x03\x04\x05abcde")


def test_read_text_undecodable_reports_offset() -> None:
    with pytest.raises(InputError, match=r"not valid UTF-8 \(byte 0xe9 at offset 3\); convert"):
        read_text(b"caf\xe9 au lait")


def test_read_text_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(InputError, match=r"cannot be read \(Permission denied\); check perm"):
        read_text(tmp_path / "locked.txt")


# ----------------------------------------------------------------------------- imports


def test_import_does_not_load_torch_or_segmenters() -> None:
    code = (
        "import sys, conflictscan.text._segmentation as s; "
        "s.split_sentences('Troops left the border.', segmenter=lambda t: [(0, len(t))]); "
        "print(sorted(m for m in ('torch', 'sentencex', 'pysbd') if m in sys.modules))"
    )
    assert run_python(code) == "[]"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Reports conflict on whether the president is ready to leave office", False),
        ("It was unclear whether anyone was hurt in the blast.", False),
        ("Questions remain over how the fire at the depot started.", False),
        ("Accounts differed on when the convoy left the border town.", False),
        ("Reports said the president was willing to step down.", True),
        ("The minister asked whether the budget had been approved.", True),
        ("Officials said the bridge will reopen on Monday.", True),
        ("It is unclear when the port will open, but engineers have confirmed it exists.", True),
        ("It was not clear who fired first, but at least 12 people were killed.", True),
    ],
)
def test_open_questions_are_not_claims(text: str, kept: bool) -> None:
    assert is_statement(text) is kept
