"""Peak memory and time of scanning one long document (not a test).

Generates a deterministic news-like document of a given number of sentences (or of a
given size in megabytes), scans it as a single document with ``Scanner`` and prints:

* ``rss_loaded_mib``: peak resident memory after loading the models (the baseline);
* ``rss_peak_mib``: peak resident memory of the whole process after the scan
  (``resource.getrusage``; it sees torch's allocations, unlike ``tracemalloc``);
* the scan's wall time, its sentence and pair counts, and the conflicts found.

Every measurement runs in a fresh process, because the peak RSS of a process never goes
down. ``--scorer fake`` replaces the NLI model with a deterministic stand-in of the same
output type, so the figure measures segmentation, claim parsing, the real sentence
encoder, pairing, signals and aggregation without the hours of CPU NLI inference a
2 MB document needs on two cores; ``--scorer real`` (the default) uses the built-in
model end to end. ``--encoder fake`` likewise replaces the sentence encoder by hashed
bags of words of the same width (384), for quick runs on a busy machine.

Usage::

    python benchmarks/bench_memory.py --sentences 3000
    python benchmarks/bench_memory.py --megabytes 2 --scorer fake --limit-gib 2
    python benchmarks/bench_memory.py --sentences 3000 10000 --megabytes 2 --scorer fake

With ``--limit-gib`` the exit status is 1 when a run's peak RSS exceeds the bound.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

_OUTLETS = ("Daily Ledger", "Metro Post", "Harbor Times", "Capital Wire", "Valley Herald")
_PLACES = ("Port Alder", "Westmere", "Kessington", "Duvall County", "Lake Orin", "Brightwater")
_BODIES = ("the city council", "the health ministry", "the transit authority", "police")
_THINGS = ("bridge", "hospital wing", "rail line", "school", "water plant", "stadium", "port")
_VERBS = ("approved", "rejected", "delayed", "funded", "inspected", "closed", "reopened")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "September")


def _sentence(rng: random.Random) -> str:
    """One news-style sentence with numbers, dates, places and sometimes a denial."""
    place, body, thing = rng.choice(_PLACES), rng.choice(_BODIES), rng.choice(_THINGS)
    number, month, day = rng.randint(2, 950), rng.choice(_MONTHS), rng.randint(1, 28)
    forms = (
        f"{body.capitalize()} {rng.choice(_VERBS)} the {thing} in {place} on {month} {day}.",
        f"At least {number} people were evacuated from the {thing} in {place}, {body} said.",
        f"The {thing} in {place} cost {number} million dollars, according to {body}.",
        f"{body.capitalize()} denied that the {thing} in {place} was {rng.choice(_VERBS)}.",
        f"Officials in {place} said {number} workers had not been paid since {month}.",
        f"{rng.choice(_OUTLETS)} reported that {number} residents of {place} lost power.",
    )
    return rng.choice(forms)


def generate_document(*, sentences: int = 0, megabytes: float = 0.0, seed: int = 0) -> str:
    """A deterministic document of ``sentences`` sentences or about ``megabytes`` MB.

    Args:
        sentences: Number of sentences (paragraphs of five); ignored when ``megabytes``.
        megabytes: Size in MB (10**6 characters, all ASCII), not exceeded.
        seed: Random seed.

    Returns:
        The text; the same arguments always give the same text.
    """
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = count = 0
    while target or count < sentences:
        piece = _sentence(rng) + ("\n\n" if count % 5 == 4 else " ")
        if target and size + len(piece) >= target:
            break
        parts.append(piece)
        size += len(piece)
        count += 1
    return "".join(parts).rstrip() + "\n"


class HashScorer:
    """Deterministic NLI stand-in: probabilities from a hash of the pair (sum to 1)."""

    model_id = "hash-nli"
    fingerprint = "hash-nli@1"

    def score_pairs(self, pairs: Sequence[tuple[str, str]], *, show_progress: bool = False) -> Any:
        from conflictscan import PairScore

        out = []
        for a, b in pairs:
            raw = hashlib.blake2b(f"{a}\x00{b}".encode(), digest_size=3).digest()
            weights = [x + 1 for x in raw]
            total = sum(weights)
            out.append(PairScore(a, b, *(w / total for w in weights)))
        return out


class HashEncoder:
    """Deterministic encoder stand-in: hashed bag of words, 384 dims, rows L2-normalised."""

    fingerprint = "hash-encoder@1"
    dim = 384

    def encode(self, texts: Sequence[str]) -> Any:
        import numpy as np

        matrix = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                matrix[row, int(hashlib.md5(word.encode()).hexdigest()[:6], 16) % self.dim] += 1
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(
    text: str, *, scorer: str, encoder: str, threads: int, show_progress: bool
) -> dict[str, Any]:
    """Scan ``text`` as one document in this process; return counts, times and peak RSS."""
    import torch

    from conflictscan import Scanner

    torch.set_num_threads(threads)
    fake_scorer = HashScorer() if scorer == "fake" else None
    fake_encoder = HashEncoder() if encoder == "fake" else None
    scanner = Scanner(scorer=fake_scorer, encoder=fake_encoder, show_progress=show_progress)
    scanner.load()
    scanner.scan("A warm-up sentence for the models. Another sentence follows here.")
    loaded = _rss_mib()
    start = time.perf_counter()
    result = scanner.scan(text)
    seconds = time.perf_counter() - start
    return {
        "chars": len(text),
        "mb": round(len(text.encode("utf-8")) / 1e6, 3),
        "sentences": len(result.sentences),
        "pairs_considered": result.pairs_considered,
        "pairs_scored": result.pairs_scored,
        "pairing": result.pairing,
        "conflicts": len(result.conflicts),
        "scorer": scorer,
        "encoder": encoder,
        "threads": threads,
        "seconds": round(seconds, 1),
        "rss_loaded_mib": round(loaded),
        "rss_peak_mib": round(_rss_mib()),
    }


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Peak memory of scanning one long document.")
    parser.add_argument("--sentences", type=int, nargs="*", default=[], help="document sizes")
    parser.add_argument("--megabytes", type=float, nargs="*", default=[], help="document sizes")
    parser.add_argument("--scorer", choices=("real", "fake"), default="real")
    parser.add_argument("--encoder", choices=("real", "fake"), default="real")
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit-gib", type=float, default=None, help="fail above this peak")
    parser.add_argument("--progress", action="store_true", help="show progress bars")
    parser.add_argument("--one", default=None, help=argparse.SUPPRESS)  # child process
    return parser.parse_args(argv)


def _child(args: argparse.Namespace) -> None:
    kind, value = args.one.split("=")
    size = {"sentences": int(value)} if kind == "sentences" else {"megabytes": float(value)}
    text = generate_document(seed=args.seed, **size)  # type: ignore[arg-type]
    row = measure(
        text,
        scorer=args.scorer,
        encoder=args.encoder,
        threads=args.threads,
        show_progress=args.progress,
    )
    print(json.dumps(row))


def main(argv: list[str] | None = None) -> int:
    """Run each requested size in a fresh process and print one JSON line per run."""
    args = _parse(argv)
    if args.one:
        _child(args)
        return 0
    runs = [f"sentences={n}" for n in args.sentences] + [f"mb={m}" for m in args.megabytes]
    env = {**os.environ, "OMP_NUM_THREADS": str(args.threads), "TOKENIZERS_PARALLELISM": "false"}
    failed = False
    for run in runs or ["sentences=3000"]:
        cmd = [sys.executable, __file__, "--one", run, "--scorer", args.scorer]
        cmd += ["--encoder", args.encoder]
        cmd += ["--threads", str(args.threads), "--seed", str(args.seed)]
        cmd += ["--progress"] if args.progress else []
        done = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, text=True, check=False)
        line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "{}"
        print(line, flush=True)
        row = json.loads(line)
        peak = row.get("rss_peak_mib", float("inf"))
        if done.returncode or (args.limit_gib and peak > args.limit_gib * 1024):
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
