"""Measure the int8 smoothing scales a built-in model ships (``smoothing.safetensors``).

PyTorch's dynamic int8 quantization gives each input tensor of a ``Linear`` one scale. In
``standard`` (MPNet-base) a few feature channels carry activations far larger than the
rest, so quantizing every layer as it is loses most of the model's accuracy. This script
runs the fp32 model over calibration pairs, records each encoder ``Linear``'s largest
absolute input per channel, and writes ``s = max|x|^alpha / max|w|^(1 - alpha)`` per
layer; ``backend="int8"`` multiplies the weights' columns by ``s`` and divides the inputs
by it before quantizing (``conflictscan.nli._backends.smooth_linears``). Only the layers
in the file are quantized: the feed-forward output projections (``--keep-fp32``), where
the largest outliers sit, stay in fp32 (on 500 other ``mnli_taxinli/train`` pairs, top
label agreement with fp32 0.97 and 2.0x the speed, against 0.90 and 3.4x quantizing
them too).

Calibration pairs come from *train* splits only: ``mnli_taxinli/train`` and ``fnc1/train``
(a headline against the start of its body, for news-length inputs). ``alpha`` was chosen
on other ``mnli_taxinli/train`` pairs by agreement with fp32.

Usage::

    OMP_NUM_THREADS=2 HF_HUB_OFFLINE=1 python scripts/smooth_int8.py --model standard
    python -m conflictscan._checksums src/conflictscan/data/standard
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path

import torch
from safetensors.torch import save_file

from conflictscan.nli._builtin import _builtin_dir, load_builtin
from conflictscan.nli._smoothing import SMOOTHING_FILE

REPO_ROOT = Path(__file__).resolve().parents[1]


def calibration_pairs(data_dir: Path, per_source: int, seed: int) -> list[tuple[str, str]]:
    """``per_source`` pairs from each train split, drawn with ``seed``."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for name, body_chars in (("mnli_taxinli", None), ("fnc1", 600)):
        lines = (data_dir / name / "train.jsonl").read_text(encoding="utf-8").splitlines()
        for line in rng.sample(lines, per_source):
            row = json.loads(line)
            premise = row["premise"] if body_chars is None else row["premise"][:body_chars]
            out.append((premise, row["hypothesis"]))
    return out


@torch.inference_mode()
def input_maxima(model: torch.nn.Module, tokenizer, pairs: Sequence[tuple[str, str]]) -> dict:  # noqa: ANN001
    """Largest absolute input per channel of every encoder ``Linear``, over ``pairs``."""
    layers = {
        name: module
        for name, module in model.named_modules()
        if isinstance(module, torch.nn.Linear) and ".encoder." in f".{name}"
    }
    maxima: dict[str, torch.Tensor] = {}

    def hook(name: str):  # noqa: ANN202
        def record(_module, inputs, _output) -> None:  # noqa: ANN001
            x = inputs[0].detach().abs().reshape(-1, inputs[0].shape[-1]).amax(0)
            maxima[name] = torch.maximum(maxima[name], x) if name in maxima else x

        return record

    handles = [module.register_forward_hook(hook(name)) for name, module in layers.items()]
    try:
        for start in range(0, len(pairs), 16):
            chunk = pairs[start : start + 16]
            enc = tokenizer(
                [a for a, _ in chunk],
                [b for _, b in chunk],
                truncation=True,
                max_length=256,
                padding=True,
                return_tensors="pt",
            )
            model(**enc)
    finally:
        for handle in handles:
            handle.remove()
    return {name: (maxima[name], layers[name].weight.detach()) for name in layers}


def scales(measured: dict, alpha: float) -> dict[str, torch.Tensor]:
    """``max|x|^alpha / max|w|^(1 - alpha)`` per input channel, floored away from zero."""
    out = {}
    for name, (x_max, weight) in measured.items():
        w_max = weight.abs().amax(0).clamp(min=1e-5)
        out[name] = (x_max.clamp(min=1e-5) ** alpha / w_max ** (1 - alpha)).clamp(min=1e-5)
    return {name: value.float().contiguous() for name, value in out.items()}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="standard", help="built-in model name")
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT.parent / "shared/data/nli")
    parser.add_argument("--per-source", type=int, default=64, help="pairs per train split")
    parser.add_argument("--alpha", type=float, default=0.8)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--keep-fp32",
        default=".output.dense",
        help="layers whose name ends so stay in fp32 ('' quantizes every encoder layer)",
    )
    parser.add_argument("--out", type=Path, default=None, help="default: the model's folder")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and write the scales; returns the exit code."""
    args = parse_args(argv)
    model, tokenizer = load_builtin(args.model)
    pairs = calibration_pairs(args.data_dir, args.per_source, args.seed)
    found = scales(input_maxima(model, tokenizer, pairs), args.alpha)
    if args.keep_fp32:
        found = {name: v for name, v in found.items() if not name.endswith(args.keep_fp32)}
    out = args.out or _builtin_dir(args.model)
    out.mkdir(parents=True, exist_ok=True)
    meta = {
        "alpha": str(args.alpha),
        "pairs": str(len(pairs)),
        "kept_fp32": args.keep_fp32,
        "source": "scripts/smooth_int8.py",
    }
    save_file(found, str(out / SMOOTHING_FILE), metadata=meta)
    print(f"{len(found)} layers, {len(pairs)} calibration pairs -> {out / SMOOTHING_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
