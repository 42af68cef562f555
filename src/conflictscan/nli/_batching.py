"""Batching: pair checks, de-duplication, length-sorted batches, padding and the forward pass."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from conflictscan._errors import InputError
from conflictscan.nli import _backends as backends
from conflictscan.nli._loading import _LoadedModel

# ---------------------------------------------------------------------------- batching


def _validate_pairs(pairs: object) -> list[tuple[str, str]]:
    if isinstance(pairs, (str, bytes, Mapping)) or not isinstance(pairs, Iterable):
        raise InputError(
            f"pairs must be a list of (premise, hypothesis) string tuples, got "
            f"{type(pairs).__name__}; e.g. score_pairs([('It rained.', 'It was dry.')])"
        )
    return [_check_pair(position, pair) for position, pair in enumerate(pairs)]


def _check_pair(position: int, pair: object) -> tuple[str, str]:
    if isinstance(pair, (str, bytes)) or not isinstance(pair, (Sequence, np.ndarray)):
        pair_len = -1
    else:
        pair_len = len(pair)
    if pair_len != 2:
        raise InputError(
            f"pairs[{position}]={pair!r} is not a (premise, hypothesis) pair; pass a list "
            "of 2-tuples of strings"
        )
    premise, hypothesis = pair  # type: ignore[misc]
    for side, text in (("premise", premise), ("hypothesis", hypothesis)):
        if not isinstance(text, str) or not text.strip():
            raise InputError(
                f"pairs[{position}] {side}={text!r} must be a non-empty string; drop empty "
                "sentences before scoring"
            )
    return str(premise), str(hypothesis)


def _dedupe(items: Sequence[Any]) -> tuple[list[Any], list[int]]:
    """Unique items in first-seen order, and each input's index into them."""
    positions: dict[Any, int] = {}
    index = [positions.setdefault(item, len(positions)) for item in items]
    return list(positions), index


def _pad_values(tokenizer: Any) -> dict[str, int]:
    return {
        "input_ids": tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0,
        "token_type_ids": getattr(tokenizer, "pad_token_type_id", 0) or 0,
    }


def _collate(
    encoding: Mapping[str, list[list[int]]], rows: Sequence[int], tokenizer: Any
) -> dict[str, np.ndarray]:
    """Pad ``rows`` of a tokenised column set to their longest member, as int64 arrays."""
    width = max(len(encoding["input_ids"][row]) for row in rows)
    left = getattr(tokenizer, "padding_side", "right") == "left"
    pad = _pad_values(tokenizer)
    batch: dict[str, np.ndarray] = {}
    for key in tokenizer.model_input_names:
        if key not in encoding:
            continue
        column = encoding[key]
        array = np.full((len(rows), width), pad.get(key, 0), dtype=np.int64)
        for out_row, row in enumerate(rows):
            values = column[row]
            if left:
                array[out_row, width - len(values) :] = values
            else:
                array[out_row, : len(values)] = values
        batch[key] = array
    return batch


def _forward(loaded: _LoadedModel, batch: dict[str, np.ndarray], device: str, output: str):
    """One forward pass on any backend: padded arrays in, ``output`` as a float32 array out."""
    if loaded.backend in backends.ONNX_BACKENDS:
        return loaded.model.run(batch)
    import torch

    with torch.inference_mode():
        tensors = {key: torch.from_numpy(value).to(device) for key, value in batch.items()}
        return getattr(loaded.model(**tensors), output).float().cpu().numpy()


def _softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax in float64, so each row sums to 1 within rounding."""
    shifted = logits.astype(np.float64) - logits.max(axis=1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=1, keepdims=True)


_LENGTH_WINDOW = 50
"""Training windows hold this many batches' rows before sorting by length."""


def length_batches(
    lengths: Sequence[int] | np.ndarray,
    batch_size: int,
    *,
    rng: np.random.Generator | None = None,
) -> list[list[int]]:
    """Row indices grouped into batches of similar length: the one length batcher.

    Without ``rng`` (inference): every row sorted by length, longest first, then cut into
    ``batch_size`` batches. Sorting keeps padding small; the cap stays a plain row count,
    since on busy or multi-threaded CPUs each forward pass has a fixed cost and splitting
    batches further by token count measured slower than the padding it saves.

    With ``rng`` (training): rows are shuffled, cut into windows of
    ``_LENGTH_WINDOW * batch_size``, sorted longest first within each window and cut into
    batches, and the batch order is shuffled, so padding shrinks while every epoch still
    sees a different order.

    Args:
        lengths: Length of each row, in tokens.
        batch_size: Rows per batch (the last batch of a window may be smaller).
        rng: Source of randomness for training order; seed it for a reproducible order.

    Returns:
        Every index exactly once, grouped into batches.
    """
    lengths = np.asarray(lengths)
    if rng is None:
        order, window = np.arange(len(lengths)), max(len(lengths), 1)
    else:
        order, window = rng.permutation(len(lengths)), batch_size * _LENGTH_WINDOW
    batches: list[list[int]] = []
    for begin in range(0, len(order), window):
        chunk = order[begin : begin + window]
        chunk = chunk[np.argsort(-lengths[chunk], kind="stable")]
        batches += [chunk[i : i + batch_size].tolist() for i in range(0, len(chunk), batch_size)]
    return batches if rng is None else [batches[i] for i in rng.permutation(len(batches))]


def _progress(batches: list[list[int]], show: bool, desc: str) -> Iterator[list[int]]:
    if not show:
        return iter(batches)
    from tqdm.auto import tqdm

    return iter(tqdm(batches, desc=desc, unit="batch"))
