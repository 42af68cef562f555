"""Tests for conflictscan.batch._tables: every input kind, column checks and read errors."""

from __future__ import annotations

import json
from pathlib import Path

import datasets
import pandas as pd
import pytest

from conflictscan import InputError
from conflictscan.batch import load_table
from conflictscan.batch._tables import check_columns

ROWS = [
    {"premise": "The bridge opened.", "hypothesis": "The bridge is closed.", "label": "c"},
    {"premise": "Rain fell.", "hypothesis": "It rained.", "label": "entailment"},
]
COLUMNS = ("premise", "hypothesis", "label")


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".tsv", ".parquet"])
def test_reads_every_file_format(tmp_path: Path, suffix: str) -> None:
    frame = pd.DataFrame(ROWS)
    path = tmp_path / f"pairs{suffix}"
    if suffix == ".jsonl":
        _write_jsonl(path, ROWS)
    elif suffix == ".parquet":
        frame.to_parquet(path)
    else:
        frame.to_csv(path, sep="\t" if suffix == ".tsv" else ",", index=False)
    table = load_table(path, columns=COLUMNS)
    assert table.num_rows == 2
    assert table[1] == ROWS[1]
    assert table.cache_files == []


def test_accepts_str_path_rows_and_dataframe(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "a.jsonl", ROWS)
    assert load_table(str(path))["label"] == ["c", "entailment"]
    assert load_table(ROWS, columns=COLUMNS).num_rows == 2
    assert load_table(pd.DataFrame(ROWS), columns=COLUMNS)["premise"][0] == "The bridge opened."


def test_dataset_passes_through_unchanged() -> None:
    table = datasets.Dataset.from_list(ROWS)
    assert load_table(table, columns=COLUMNS) is table


def test_dataset_dict_split_selection() -> None:
    both = datasets.DatasetDict(
        train=datasets.Dataset.from_list(ROWS), test=datasets.Dataset.from_list(ROWS[:1])
    )
    assert load_table(both, split="test").num_rows == 1
    single = datasets.DatasetDict(only=datasets.Dataset.from_list(ROWS))
    assert load_table(single).num_rows == 2
    with pytest.raises(InputError, match=r"no split given .* splits 'train', 'test'"):
        load_table(both)
    with pytest.raises(InputError, match=r"split 'dev' given .* pass split="):
        load_table(both, split="dev")


def test_saved_dataset_directory(tmp_path: Path) -> None:
    datasets.DatasetDict(test=datasets.Dataset.from_list(ROWS)).save_to_disk(tmp_path / "dd")
    datasets.Dataset.from_list(ROWS).save_to_disk(tmp_path / "ds")
    assert load_table(tmp_path / "dd", split="test").num_rows == 2
    assert load_table(tmp_path / "ds", columns=COLUMNS).num_rows == 2


def test_split_for_plain_data_is_rejected() -> None:
    with pytest.raises(InputError, match=r"split='test' was given but the data is not a Dataset"):
        load_table(ROWS, split="test")


def test_missing_column_lists_existing_ones() -> None:
    with pytest.raises(
        InputError,
        match=r"missing column\(s\) 'gold'; the data has columns 'premise', 'hypothesis', "
        r"'label'; rename them or pass the matching \*_column= argument",
    ):
        load_table(ROWS, columns=("premise", "gold"))


def test_check_columns_on_a_loaded_table() -> None:
    table = datasets.Dataset.from_list(ROWS)
    check_columns(table, ("label",))
    with pytest.raises(InputError, match=r"missing column\(s\) 'text', 'doc_id'"):
        check_columns(table, ("text", "doc_id"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"file not found: .*nope\.jsonl'; check the path"):
        load_table(tmp_path / "nope.jsonl")


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "pairs.xlsx"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"unsupported file type '\.xlsx' .* expected one of"):
        load_table(path)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"is empty; pass a file with at least one row"):
        load_table(path)


def test_header_only_csv_has_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("premise,hypothesis,label\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"header\.csv' has a header but no rows"):
        load_table(path, columns=COLUMNS)


def test_malformed_json_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"premise": "a"}\n{premise\n', encoding="utf-8")
    with pytest.raises(
        InputError, match=r"cannot read .* as JSON: line 2, column 2: Expecting .*one object per"
    ):
        load_table(path)
    path.write_text('{"premise": "a"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2: holds list, expected a JSON object"):
        load_table(path)


def test_csv_row_with_extra_fields_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("premise\thypothesis\na\tb\na\tb\tc\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"as TSV: line 3 has 3 fields, the header 2"):
        load_table(path)
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(InputError, match=r"blank\.jsonl' has only blank lines"):
        load_table(blank)


def test_unreadable_parquet(tmp_path: Path) -> None:
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"not parquet at all")
    with pytest.raises(InputError, match=r"cannot read .*broken\.parquet' as PARQUET"):
        load_table(path)


def test_directory_that_is_no_dataset(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    with pytest.raises(InputError, match=r"is not a dataset saved with save_to_disk"):
        load_table(tmp_path / "plain")


def test_unsupported_type() -> None:
    with pytest.raises(InputError, match=r"cannot read data of type int; expected a file path"):
        load_table(42)


def test_empty_rows() -> None:
    with pytest.raises(InputError, match=r"the Dataset has no rows"):
        load_table(datasets.Dataset.from_dict({"premise": [], "hypothesis": [], "label": []}))
