"""Attribution and denial splitting: accuracy of the parse and the surface rules, and speed.

Accuracy is measured on the gold sentences in ``tests/fixtures/attribution`` (``dev``: the
rules were developed on it; ``heldout``: written and frozen before the rules, never used to
change them). A sentence counts as correct only when speaker, content, denial flag and
denied proposition all equal the gold after the normalisation of ``gold.norm`` (lower case,
no quote marks or apostrophes, single spaces, no punctuation at either end); the per-field
columns show where errors are.

Speed is sentences per second of ``claims.split_attributions`` over the sentences of real-style
news text: the project's story set (``benchmarks/news/stories.jsonl``) and, where present,
article bodies from ``../shared/data/nli/fnc1/train.jsonl``. It includes the lexical
prefilter (the share of sentences that reach the parser is printed) and excludes the one-off
model load, which is timed separately. Wall-clock rates depend on what else runs; the rate
per CPU-second of this process is the comparable figure on a shared machine.

Usage::

    OMP_NUM_THREADS=1 PYTHONPATH=src python benchmarks/bench_attribution.py [--bodies 300]
        [--failures]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
GOLD_PATH = ROOT / "tests" / "fixtures" / "attribution" / "gold.py"
STORIES = ROOT / "benchmarks" / "news" / "stories.jsonl"
FNC_TRAIN = ROOT.parent / "shared" / "data" / "nli" / "fnc1" / "train.jsonl"
METHODS = ("regex", "parse")


def _load_gold() -> ModuleType:
    spec = importlib.util.spec_from_file_location("attribution_gold", GOLD_PATH)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {GOLD_PATH}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _splitter(gold: ModuleType, method: str):  # type: ignore[no-untyped-def]
    from conflictscan import Sentence
    from conflictscan.text import split_attribution

    def split(text: str):  # type: ignore[no-untyped-def]
        out = split_attribution(Sentence(text, 0, len(text)), method=method)
        return gold.Split(out.speaker, out.content, out.denial, out.denied)

    return split


def accuracy(show_failures: bool) -> None:
    """Print the accuracy table, one row per method and part."""
    gold = _load_gold()
    print(f"{'method':8} {'part':8} {'n':>4} {'all':>6} {'speaker':>8} {'content':>8} "
          f"{'denial':>7} {'denied':>7}")  # fmt: skip
    for method in METHODS:
        for part in gold.PARTS:
            rows = gold.load(part)
            score = gold.score(rows, _splitter(gold, method))
            print(
                f"{method:8} {part:8} {len(rows):4d} {score.accuracy:6.3f} {score.speaker:8.3f} "
                f"{score.content:8.3f} {score.denial:7.3f} {score.denied:7.3f}"
            )
            if show_failures and part == "dev":
                for row, got in score.failures:
                    print(f"    {row['id']} {row['text']}\n      gold {row}\n      got  {got}")


def _texts(bodies: int) -> list[str]:
    texts = [
        article["text"]
        for line in STORIES.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for article in json.loads(line)["articles"]
    ]
    if FNC_TRAIN.is_file() and bodies:
        seen: set[str] = set()
        with FNC_TRAIN.open(encoding="utf-8") as handle:
            for line in handle:
                body = json.loads(line)["premise"]
                if body not in seen:
                    seen.add(body)
                    texts.append(body)
                if len(seen) >= bodies:
                    break
    return texts


def speed(bodies: int) -> None:
    """Print sentences per second for each method over real-style news text."""
    from conflictscan import split_sentences
    from conflictscan.text import _attribution as attribution
    from conflictscan.text import split_attributions

    texts = _texts(bodies)
    docs = [(text, split_sentences(text, keep=None)) for text in texts]
    total = sum(len(sents) for _, sents in docs)
    parsed = sum(attribution.may_attribute(s.text) for _, sents in docs for s in sents)
    print(f"\n{len(texts)} texts, {total} sentences, {parsed / total:.0%} pass the prefilter")
    print(f"{'method':8} {'sent/s':>8} {'sent/cpu-s':>10}")
    for method in METHODS:
        attribution._cache.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        for text, sents in docs:
            split_attributions(sents, doc_text=text, method=method)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{method:8} {total / wall:8.0f} {total / cpu:10.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bodies", type=int, default=300, help="FNC-1 train bodies to add")
    parser.add_argument("--failures", action="store_true", help="list dev failures")
    args = parser.parse_args()
    from conflictscan.text import _parsing as parsing

    wall, cpu = time.perf_counter(), time.process_time()
    parsing.load()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"model check and load: {wall:.2f}s ({cpu:.2f} cpu-s)\n")
    accuracy(args.failures)
    speed(args.bodies)


if __name__ == "__main__":
    main()
