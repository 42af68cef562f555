"""Compare sentence segmenters on the gold news passages in tests/fixtures/segmentation.

For every segmenter that is installed, prints boundary precision/recall/F1, exact-sentence
accuracy and speed, plus the same figures for ``conflictscan.text._segmentation.split_sentences``
(the chosen segmenter plus conflictscan's post-rules).

A boundary is the end offset of every predicted sentence except a passage's last one, after
stripping whitespace, so list markers and leading whitespace do not count against anyone.
Exact-sentence accuracy is the share of gold sentences reproduced with identical offsets.
Speed is characters per second over all passages (best of ``--repeat`` runs) and the time for
one long text made of the passages joined as paragraphs.

Usage::

    OMP_NUM_THREADS=1 PYTHONPATH=src python benchmarks/bench_segmenters.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
GOLD_PATH = ROOT / "tests" / "fixtures" / "segmentation" / "gold.py"

Spans = list[tuple[int, int]]
Segmenter = Callable[[str], Spans]


def _load_gold() -> ModuleType:
    spec = importlib.util.spec_from_file_location("segmentation_gold", GOLD_PATH)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {GOLD_PATH}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def _strip(text: str, spans: Spans) -> Spans:
    out = []
    for start, end in spans:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            out.append((start + lead, end - trail))
    return out


def _locate(text: str, pieces: list[str]) -> Spans:
    """Offsets of segmenter output strings, found in order (for APIs without offsets)."""
    spans, cursor = [], 0
    for piece in pieces:
        body = piece.strip()
        if not body:
            continue
        start = text.find(body, cursor)
        if start < 0:
            raise ValueError(f"segment not found in text: {body[:40]!r}")
        spans.append((start, start + len(body)))
        cursor = start + len(body)
    return spans


def _pysbd() -> Segmenter:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    return lambda text: _locate(text, seg.segment(text))


def _syntok() -> Segmenter:
    import syntok.segmenter as syntok_segmenter

    def run(text: str) -> Spans:
        spans = []
        for paragraph in syntok_segmenter.analyze(text):
            for sentence in paragraph:
                last = sentence[-1]
                spans.append((sentence[0].offset, last.offset + len(last.value)))
        return spans

    return run


def _blingfire() -> Segmenter:
    import blingfire

    return lambda text: list(blingfire.text_to_sentences_and_offsets(text)[1])


def _sentencex() -> Segmenter:
    import sentencex

    def run(text: str) -> Spans:
        found = sentencex.get_sentence_boundaries("en", text)
        return [(b["start_index"], b["end_index"]) for b in found]

    return run


def _nupunkt() -> Segmenter:
    import nupunkt

    return lambda text: list(nupunkt.sent_spans(text))


def _spacy() -> Segmenter:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return lambda text: [(s.start_char, s.end_char) for s in nlp(text).sents]


def _with_rules(core: Segmenter | None = None) -> Segmenter:
    """``split_sentences`` (conflictscan's post-rules) around ``core``, or its default."""
    from conflictscan import split_sentences

    options = {} if core is None else {"segmenter": core}
    return lambda text: [(s.start, s.end) for s in split_sentences(text, keep=None, **options)]


FACTORIES: dict[str, Callable[[], Segmenter]] = {
    "pysbd": _pysbd,
    "syntok": _syntok,
    "blingfire": _blingfire,
    "sentencex": _sentencex,
    "nupunkt": _nupunkt,
    "spacy-sentencizer": _spacy,
}


def _score(passages: list, segment: Segmenter) -> dict[str, float]:
    tp = n_pred = n_gold = exact = total = 0
    for passage in passages:
        pred = _strip(passage.text, segment(passage.text))
        gold = list(passage.spans)
        pred_b = {end for _, end in pred[:-1]}
        gold_b = {end for _, end in gold[:-1]}
        tp += len(pred_b & gold_b)
        n_pred += len(pred_b)
        n_gold += len(gold_b)
        exact += len(set(pred) & set(gold))
        total += len(gold)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "exact": exact / total}


def _speed(passages: list, segment: Segmenter, repeat: int) -> tuple[float, float]:
    chars = sum(len(p.text) for p in passages)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for passage in passages:
            segment(passage.text)
        best = min(best, time.perf_counter() - t0)
    long_text = "\n\n".join(p.text for p in passages * 4)
    t0 = time.perf_counter()
    segment(long_text)
    return chars / best, time.perf_counter() - t0


def _failures(passages: list, segment: Segmenter) -> list[str]:
    out = []
    for passage in passages:
        pred = _strip(passage.text, segment(passage.text))
        if set(pred) != set(passage.spans):
            out.append(passage.pid)
    return out


def _candidates() -> list[tuple[str, Segmenter]]:
    out = []
    for name, factory in FACTORIES.items():
        try:
            core = factory()
        except ImportError as exc:
            print(f"{name:<18} not installed ({exc.name})")
            continue
        out += [(name, core), (f"{name}+rules", _with_rules(core))]
    return [*out, ("split_sentences", _with_rules())]


def main() -> None:
    """Run every available segmenter on the gold passages and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timing repeats (best is kept)")
    parser.add_argument("--holdout", action="store_true", help="use the held-out passages")
    parser.add_argument("--failures", action="store_true", help="list passages each one misses")
    args = parser.parse_args()
    gold = _load_gold()
    path = gold.PASSAGES_PATH.with_name("holdout.txt") if args.holdout else gold.PASSAGES_PATH
    passages = gold.load_passages(path)
    n_sent = sum(len(p.spans) for p in passages)
    print(f"{len(passages)} passages, {n_sent} gold sentences")
    print(
        f"{'segmenter':<24} {'P':>6} {'R':>6} {'F1':>6} {'exact':>6} {'kchar/s':>9} {'long(s)':>8}"
    )
    for name, segment in _candidates():
        m = _score(passages, segment)
        rate, long_s = _speed(passages, segment, args.repeat)
        print(
            f"{name:<24} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} "
            f"{m['exact']:6.3f} {rate / 1000:9.1f} {long_s:8.3f}"
        )
        if args.failures:
            print(f"{'':<24} misses: {' '.join(_failures(passages, segment)) or '-'}")


if __name__ == "__main__":
    main()
