"""Refine the built-in "standard" model on look-alike news pairs (resumable).

Continues training the LoRA adapters and head of the ``standard`` build (the export of
``scripts/build_standard.py``, before any refinement) on minimal pairs from
:mod:`lookalikes` (an opposite verb with the same actor: contradiction; with another
actor: neutral; a single event moved to another place: contradiction) mixed with a replay
of the build's training rows, then recalibrates on the same dev carve and exports::

    OMP_NUM_THREADS=2 HF_HUB_OFFLINE=1 python scripts/refine_standard.py \
        --start runs/standard --out runs/refined/standard

Rerun the same command after an interruption: training continues from the last checkpoint
in ``--run-dir``. The final step is exported (not the best dev-carve step: the dev carve
is general NLI and would favour the starting point); the dev-carve accuracy and the
accuracy on held-aside look-alike pairs are printed before and after.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_mini as bm  # noqa: E402
import build_standard as bs  # noqa: E402
import lookalikes  # noqa: E402


def load_start(model: Any, folder: Path) -> None:
    """Start from the build's adapters and head (class offsets taken back out of the bias)."""
    from safetensors.torch import load_file

    state = load_file(str(folder / "model.safetensors"))
    offsets = json.loads((folder / "calibration.json").read_text())["class_offsets_in_bias"]
    loaded = 0
    with torch.no_grad():
        for key, param in model.named_parameters():
            if not param.requires_grad:
                continue
            name = bs.shipped_name(key)
            value = state[name].float()
            if name == "classifier.out_proj.bias":
                value = value - torch.tensor(offsets)
            param.copy_(value)
            loaded += 1
    print(f"started from {folder} ({loaded} tensors)", flush=True)


def assemble(args: argparse.Namespace) -> tuple[list, list, list]:
    """(training rows, dev carve, held-aside look-alike pairs)."""
    pairs = lookalikes.lookalike_pairs(
        args.data_dir,
        args.lookalikes + args.aside,
        args.seed,
        places=args.places,
        periods=args.periods,
    )
    aside, pairs = pairs[: args.aside], pairs[args.aside :]
    if args.exclude_stories:
        # Stories added after the original build stay unseen dev text: the replay is the
        # original build's mix without them.
        kept = args.run_dir / "stories.jsonl"
        lines = args.stories.read_text(encoding="utf-8").splitlines()
        drop = set(args.exclude_stories)
        kept.write_text(
            "".join(f"{line}\n" for line in lines if json.loads(line)["story_id"] not in drop),
            encoding="utf-8",
        )
        args.stories = kept
    replay, dev = bs.assemble(args)
    rng = random.Random(args.seed)
    rng.shuffle(replay)
    rows = pairs + replay[: args.replay]
    rng.shuffle(rows)
    return rows, dev, aside


def accuracy(model: Any, items: Sequence[dict], pad_id: int) -> float:
    labels = np.array([it["label"] for it in items])
    return float((bs.predict_logits(model, items, pad_id).argmax(1) == labels).mean())


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    home = Path.home() / ".cache/conflictscan-build/standard-refine"
    bs.add_data_arguments(parser)
    parser.add_argument(
        "--exclude-stories",
        nargs="*",
        default=[],
        help="dev stories left out of the replay (the shipped build replays them all; "
        "the builds before it left out standard_gpu.UNSEEN_DEV_STORIES)",
    )
    parser.add_argument(
        "--start", type=Path, required=True, help="the build's export (not yet refined)"
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--run-dir", type=Path, default=home)
    parser.add_argument("--lookalikes", type=int, default=1600, help="look-alike pairs")
    parser.add_argument("--aside", type=int, default=200, help="look-alike pairs held aside")
    parser.add_argument(
        "--places", type=float, default=0.25, help="share of look-alikes that move an event"
    )
    parser.add_argument(
        "--periods", type=float, default=0.0, help="share of look-alikes about which period"
    )
    parser.add_argument("--replay", type=int, default=3500, help="rows of the original mix")
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--eval-every", type=int, default=100)
    parser.add_argument("--checkpoint-minutes", type=float, default=4.0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    start = json.loads((args.start / "manifest.json").read_text())
    if "refinement" in start:
        parser.error(f"{args.start} is already refined: start from the build's export")
    # What build_standard.assemble reads: the original build's mix, as its manifest records.
    args.original = start["build"]
    args.start_sha256 = start["weights_sha256"]
    for key in ("general", "synth", "within", "updates", "rank"):
        setattr(args, key, args.original[key])
    args.first_layer = args.original.get("first_layer", bs.FIRST_ADAPTED_LAYER)
    return args


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Assemble, train (resuming), calibrate and export; returns the summary."""
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    args.run_dir.mkdir(parents=True, exist_ok=True)
    began = time.time()
    rows, dev_rows, aside_rows = assemble(args)
    print(f"{len(rows)} training pairs, data in {time.time() - began:.0f}s", flush=True)
    model, tokenizer = bs.build_model(args.rank, "lora", first_layer=args.first_layer)
    load_start(model, args.start)
    args.pad_id = tokenizer.pad_token_id
    max_length = args.original["max_length"]
    items = bs.encode(tokenizer, rows, max_length)
    dev = bs.encode(tokenizer, dev_rows, max_length)
    aside = bs.encode(tokenizer, aside_rows, max_length)
    summary: dict[str, Any] = {
        "refined_from": f"standard build, weights sha256 {args.start_sha256}",
        "train_pairs": len(rows),
        "lookalike_pairs": args.lookalikes,
        "place_share": args.places,
        "period_share": args.periods,
        "replay_pairs": args.replay,
        "dev_pairs": len(dev_rows),
        "max_length": max_length,
        "lora_alpha": 2 * args.rank,
        "method": "lora",
        **{k: getattr(args, k) for k in ("lr", "rank", "batch_size", "seed", "epochs")},
        "first_layer": args.first_layer,
    }
    before_path = args.run_dir / "before.json"
    if not before_path.exists():
        before = {
            "dev_acc": accuracy(model, dev, args.pad_id),
            "lookalike_aside_acc": accuracy(model, aside, args.pad_id),
        }
        before_path.write_text(json.dumps(before))
    summary["before"] = json.loads(before_path.read_text())
    print("before", summary["before"], flush=True)
    trainer = bs.Trainer(model, items, dev, args)
    trainer.resume()
    record = trainer.run()
    # The final step is exported; the best dev-carve step is kept for the record only.
    summary["best_dev_carve_during_training"] = {
        "dev_acc": record.pop("dev_acc"),
        "step": record.pop("step"),
    }
    summary.update(record)
    final = torch.load(args.run_dir / "checkpoint.pt", weights_only=False)["trainable"]
    model.load_state_dict(final, strict=False)
    labels = np.array([it["label"] for it in dev])
    logits = bs.predict_logits(model, dev, args.pad_id)
    summary["after"] = {
        "dev_acc": round(float((logits.argmax(1) == labels).mean()), 4),
        "lookalike_aside_acc": round(accuracy(model, aside, args.pad_id), 4),
    }
    calibration = bm.fit_calibration(logits, labels)
    summary.update(temperature=calibration[0], class_offsets=calibration[1].tolist())
    bs.export(model, tokenizer, args.out, calibration, summary)
    # The manifest keeps the original build's record and adds this stage's.
    manifest_path = args.out / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest.update(build=args.original, refinement=summary)
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    from conflictscan._checksums import record_checksums

    record_checksums(args.out)
    print(json.dumps(summary, indent=2), flush=True)
    return summary


if __name__ == "__main__":
    main()
