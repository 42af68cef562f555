"""Fine-tuning: the user's labelled pairs -> a model directory ``Scanner(model=out)`` loads.

Input: labelled premise/hypothesis pairs (anything
:func:`conflictscan.batch.load_table` reads) and a base model: the built-in ``"mini"``,
a preset name, a local directory or a hub id of a sequence-classification model. Output: a
directory with the fine-tuned model, its tokenizer and ``conflictscan_training.json``
(arguments and metrics), plus a :class:`TrainingReport`.

The loop is plain PyTorch: AdamW with linear warmup and decay, gradient clipping,
length-grouped batches with dynamic padding, a seeded shuffle. With ``eval_data`` the model
is scored by :func:`conflictscan.evaluation.evaluate` after each epoch and the epoch with the
best macro-F1 is the one written; otherwise the last epoch is written.

Labels follow the base model's ``id2label``. A model whose labels are generic
(``LABEL_0``…, e.g. a plain encoder) gets a fresh three-way head with
``{0: contradiction, 1: entailment, 2: neutral}``.

torch and transformers are imported inside the functions that need them.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from conflictscan._errors import InputError
from conflictscan._finetune import (
    TRAINING_FILE,
    WARMUP_RATIO,
    WEIGHT_DECAY,
    TrainingReport,
    _freeze_embeddings,
    _load_base,
    _resolve_device,
    _Run,
    _targets,
)
from conflictscan.evaluation._nli import load_labelled_pairs


def train(
    train_data: Any,
    *,
    base: str = "mini",
    out: str | Path,
    eval_data: Any = None,
    epochs: int = 2,
    batch_size: int = 32,
    learning_rate: float = 3e-5,
    max_length: int = 128,
    seed: int = 0,
    premise_column: str = "premise",
    hypothesis_column: str = "hypothesis",
    label_column: str = "label",
    split: str | None = None,
    eval_split: str | None = None,
    label_names: Sequence[str] | None = None,
    show_progress: bool = True,
    max_steps: int | None = None,
    freeze_embeddings: bool = False,
    overwrite: bool = False,
    device: str | None = None,
) -> TrainingReport:
    """Fine-tune an NLI model on labelled pairs and write it to ``out``.

    Args:
        train_data: Path to a JSONL/CSV/Parquet file, a ``datasets.Dataset``, a
            ``DatasetDict`` (with ``split``), a list of row dicts or a pandas DataFrame,
            with a premise, a hypothesis and a contradiction/entailment/neutral label.
        base: ``"mini"`` (built in), a preset name, a local model directory or a hub id.
        out: Directory to write; must not exist or be empty unless ``overwrite``.
        eval_data: Labelled pairs scored after every epoch; the best epoch is kept.
        epochs: Passes over ``train_data``.
        batch_size: Pairs per optimizer step.
        learning_rate: Peak AdamW learning rate (after warmup over the first 10% of steps).
        max_length: Longest pair, in tokens; longer pairs are truncated.
        seed: Seed for the head's initialisation, dropout and the shuffle.
        premise_column: Column holding the premise (both data sets).
        hypothesis_column: Column holding the hypothesis.
        label_column: Column holding the gold label.
        split: Split of ``train_data`` when it is a ``DatasetDict``.
        eval_split: Split of ``eval_data`` when it is a ``DatasetDict``.
        label_names: Names of integer labels by index (both data sets).
        show_progress: Show a progress bar over the steps.
        max_steps: Stop after this many optimizer steps, even mid-epoch.
        freeze_embeddings: Keep the input embeddings fixed (faster, smaller updates).
        overwrite: Allow a non-empty ``out``; files of the same name are replaced.
        device: "cpu", "cuda", "mps" or None for the fastest available.

    Returns:
        The per-epoch losses and metrics, and where the model went.

    Raises:
        InputError: Bad options, ``out`` not empty, unreadable or empty data, missing
            columns, or labels the model does not have.
        ModelLoadError: The base model cannot be loaded.
        LabelMappingError: The base model's labels are neither NLI labels nor generic.

    Example:
        >>> report = train("my_pairs.jsonl", out="models/newsroom", eval_data="dev.jsonl")
        >>> Scanner(model="models/newsroom").scan(text)
    """
    options = _check_options(epochs, batch_size, learning_rate, max_length, max_steps)
    out_dir = _check_out(Path(out), overwrite)
    columns = {
        "premise_column": premise_column,
        "hypothesis_column": hypothesis_column,
        "label_column": label_column,
        "label_names": label_names,
    }
    train_pairs, train_labels = load_labelled_pairs(train_data, split=split, **columns)
    eval_rows = None
    if eval_data is not None:
        eval_rows = _eval_rows(load_labelled_pairs(eval_data, split=eval_split, **columns))
    from transformers import set_seed

    set_seed(seed)
    with _library_progress_bars(show_progress):
        model, tokenizer, label_ids = _load_base(base, _resolve_device(device))
        targets = _targets(train_labels, label_ids)
        if freeze_embeddings:
            _freeze_embeddings(model)
        run = _Run(model, tokenizer, label_ids, options, seed=seed, show_progress=show_progress)
        report = run.fit(train_pairs, targets, eval_rows, out_dir=out_dir, base=base)
    arguments = {**options, "seed": seed, "base": base, "freeze_embeddings": freeze_embeddings}
    arguments.update(columns, warmup_ratio=WARMUP_RATIO, weight_decay=WEIGHT_DECAY)
    arguments.update(train_data=_describe(train_data), split=split)
    arguments.update(eval_data=_describe(eval_data), eval_split=eval_split)
    _write_record(out_dir, arguments, report)
    return report


def _check_options(
    epochs: int, batch_size: int, learning_rate: float, max_length: int, max_steps: int | None
) -> dict[str, Any]:
    checks = {
        "epochs": (epochs, isinstance(epochs, int) and epochs >= 1, "2"),
        "batch_size": (batch_size, isinstance(batch_size, int) and batch_size >= 1, "32"),
        "learning_rate": (learning_rate, _positive_number(learning_rate), "3e-5"),
        "max_length": (max_length, isinstance(max_length, int) and max_length >= 8, "128"),
        "max_steps": (
            max_steps,
            max_steps is None or (isinstance(max_steps, int) and max_steps >= 1),
            "None or 1000",
        ),
    }
    for name, (value, ok, example) in checks.items():
        if not ok:
            raise InputError(f"{name}={value!r} is out of range; pass e.g. {name}={example}")
    return {name: value for name, (value, _, _) in checks.items()}


def _positive_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _check_out(out: Path, overwrite: bool) -> Path:
    if out.exists() and not out.is_dir():
        raise InputError(f"out={str(out)!r} is a file; pass a directory path")
    if out.is_dir() and any(out.iterdir()) and not overwrite:
        raise InputError(
            f"out={str(out)!r} exists and is not empty; pass an empty or new directory, "
            "or overwrite=True to replace the model in it"
        )
    return out


def _eval_rows(loaded: tuple[list[tuple[str, str]], list[str]]) -> list[dict[str, str]]:
    pairs, labels = loaded
    return [
        {"premise": p, "hypothesis": h, "label": label}
        for (p, h), label in zip(pairs, labels, strict=True)
    ]


@contextlib.contextmanager
def _library_progress_bars(show: bool) -> Iterator[None]:
    """Hide transformers' loading and saving bars unless progress was asked for."""
    from transformers.utils import logging as hf_logging

    hide = not show and hf_logging.is_progress_bar_enabled()
    if hide:
        hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if hide:
            hf_logging.enable_progress_bar()


def _write_record(out_dir: Path, arguments: dict[str, Any], report: TrainingReport) -> None:
    record = {"arguments": arguments, "metrics": report.to_dict()}
    (out_dir / TRAINING_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def _describe(data: Any) -> str | None:
    if data is None:
        return None
    if isinstance(data, str | Path):
        return str(data)
    return f"<{type(data).__name__}>"
