"""Stage 2 of the built-in model: adapt the NLI model to news prose.

A model fine-tuned on SNLI-style data learns that two sentences about different events in
the same scene contradict each other (SNLI labels them so, since both describe one photo).
In news, two different facts about one story are compatible. This stage continues training
from the stage-1 checkpoint (``scripts/build_mini.py``) on:

* **within-article pairs** (neutral): two claims taken from the same real news article
  body in ``fnc1/train`` (different facts of one story; attribution stripped by
  conflictscan's own claim normaliser);
* **news-style generated pairs** from ``scripts/nli_synth.py`` (negation, incompatible
  events, changed numbers and dates, denials, paraphrases, follow-ups);
* **compatible-update pairs** generated here ("at least 12" vs "14"; "closed on Monday" vs
  "reopened on Wednesday"), labelled neutral or entailment;
* a **replay** sample of the stage-1 training pairs so general NLI is not forgotten.

Only allowed splits are read (see build_mini.py); nothing from the news benchmark is used.

Usage::

    python scripts/adapt_news.py --run-dir runs/mini --out src/conflictscan/data/mini
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import build_mini as bm
import nli_synth
import numpy as np
import torch

from conflictscan.build import story_fold

NEUTRAL, ENTAILMENT = bm.LABEL_ID["neutral"], bm.LABEL_ID["entailment"]


def within_article_pairs(data_dir: Path, n: int, seed: int) -> list[bm.Example]:
    """Neutral pairs of two claims from the same fnc1 article body."""
    from conflictscan.text import _segmentation as segmentation
    from conflictscan.text import _speech as claims

    rng = random.Random(seed)
    lines = (data_dir / "fnc1/train.jsonl").read_text(encoding="utf-8").splitlines()
    bodies = sorted({json.loads(line)["premise"] for line in lines})
    rng.shuffle(bodies)
    out: list[bm.Example] = []
    for body in bodies:
        sents = claims.split_attributions(segmentation.split_sentences(body))
        texts = [s.content for s in sents if 6 <= len(s.content.split()) <= 45]
        if len(texts) < 2:
            continue
        for _ in range(min(4, len(texts) // 2)):
            a, b = rng.sample(texts, 2)
            out.append((a, b, NEUTRAL))
        if len(out) >= n:
            break
    return out[:n]


_COUNTS = (
    "people were killed",
    "people were injured",
    "workers were laid off",
    "homes were destroyed",
    "people were arrested",
    "flights were cancelled",
)
_PLACES = ("Ardenne", "Veldhaven", "Port Calder", "Lisvania", "Marlow Bay", "Tarsk")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_FACILITIES = (
    "the bridge",
    "the airport",
    "the border crossing",
    "the main highway",
    "the port",
    "the rail line",
)


def update_pairs(n: int, seed: int) -> list[bm.Example]:
    """Compatible look-alikes: a lower bound vs a value above it, closures vs reopenings."""
    rng = random.Random(seed)
    out: list[bm.Example] = []
    while len(out) < n:
        place = rng.choice(_PLACES)
        if rng.random() < 0.5:
            what, low = rng.choice(_COUNTS), rng.randint(3, 60)
            high = low + rng.randint(1, 12)
            a = f"At least {low} {what} in {place}, officials said."
            b = f"{high} {what} in {place}."
            out.append((a, b, NEUTRAL) if rng.random() < 0.5 else (b, a, ENTAILMENT))
        else:
            fac = rng.choice(_FACILITIES)
            d1, d2 = sorted(rng.sample(range(len(_DAYS)), 2))
            a = f"{fac.capitalize()} in {place} was closed on {_DAYS[d1]}."
            b = f"{fac.capitalize()} in {place} reopened on {_DAYS[d2]}."
            out.append((a, b, NEUTRAL) if rng.random() < 0.5 else (b, a, NEUTRAL))
    return out


_KIND_LABELS = {
    "conflict": bm.LABEL_ID["contradiction"],
    "paraphrase": ENTAILMENT,
    "other": NEUTRAL,
}


def annotated_claims(story: Any, sents: Sequence[Any]) -> list[tuple[str, str, str]]:
    """``(claim_a, claim_b, kind)`` for each annotated pair of ``story`` whose sentences are
    among ``sents`` (a scan's sentences of the story, claims as a scan extracts them).

    ``kind`` is ``conflict``, ``paraphrase`` or ``other`` (a hard negative of another kind).
    """
    index = {(s.doc_id, s.text): s.content for s in sents}
    out = []
    for pair in (*story.conflicts, *story.hard_negatives):
        a, b = index.get((pair.a.doc_id, pair.a.text)), index.get((pair.b.doc_id, pair.b.text))
        if a is None or b is None:
            continue
        if pair in story.conflicts:
            kind = "conflict"
        else:
            kind = "paraphrase" if pair.kind == "paraphrase" else "other"
        out.append((a, b, kind))
    return out


def story_pairs(
    path: Path,
    split: str,
    seed: int,
    *,
    exclude_fold: int | None = None,
    other_per_story: int = 12,
) -> list[bm.Example]:
    """Labelled claim pairs from one split of conflictscan's annotated news stories.

    Annotated conflicts become contradictions, paraphrase hard negatives entailments, other
    hard negatives and a sample of unannotated cross-article pairs neutral. Claims are
    extracted exactly as a scan extracts them.
    """
    from conflictscan import Scanner
    from conflictscan.evaluation import load_stories

    rng = random.Random(seed)
    scanner = Scanner(scorer=object(), encoder=object())
    out: list[bm.Example] = []
    for story in load_stories(path):
        if story.split != split or story_fold(story.story_id) == exclude_fold:
            continue
        sents = scanner.sentences_for(story.documents())
        labelled = set()
        for a, b, kind in annotated_claims(story, sents):
            labelled.add(frozenset((a, b)))
            label = _KIND_LABELS[kind]
            out.extend([(a, b, label), (b, a, label)])
        if story.conflicts and not story.conflict_free:
            others = [
                (x.content, y.content)
                for x in sents
                for y in sents
                if x.doc_id < y.doc_id and frozenset((x.content, y.content)) not in labelled
            ]
            unannotated = rng.sample(others, min(other_per_story, len(others)))
            out.extend((a, b, NEUTRAL) for a, b in unannotated)
    return out


def assemble(args: argparse.Namespace) -> tuple[list[bm.Example], list[bm.Example]]:
    """Stage-2 training rows and the stage-1 dev carve (for checkpoint choice)."""
    stage1, dev = bm.assemble_data(args.data_dir, args.seed)
    rng = random.Random(args.seed)
    replay = rng.sample(stage1, min(args.replay, len(stage1)))
    rows = (
        within_article_pairs(args.data_dir, args.within, args.seed)
        + nli_synth.generate(args.synth, seed=args.seed)
        + update_pairs(args.updates, args.seed)
        + replay
    )
    if args.stories_split:
        exclude = None if args.exclude_fold < 0 else args.exclude_fold
        pairs = story_pairs(args.stories, args.stories_split, args.seed, exclude_fold=exclude)
        rows += pairs * args.stories_repeat
    rows.extend((h, p, y) for p, h, y in list(rows) if y == bm.LABEL_ID["contradiction"])
    rng.shuffle(rows)
    return rows, dev


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=bm.REPO_ROOT.parent / "shared/data/nli")
    parser.add_argument("--run-dir", type=Path, default=bm.REPO_ROOT / "runs/mini")
    parser.add_argument("--out", type=Path, default=bm.REPO_ROOT / "src/conflictscan/data/mini")
    parser.add_argument("--within", type=int, default=4000)
    parser.add_argument("--synth", type=int, default=3000)
    parser.add_argument("--updates", type=int, default=600)
    parser.add_argument("--replay", type=int, default=6000)
    parser.add_argument(
        "--stories", type=Path, default=bm.REPO_ROOT / "benchmarks/news/stories.jsonl"
    )
    parser.add_argument("--stories-split", default="", help="train on this split's annotations")
    parser.add_argument("--stories-repeat", type=int, default=2)
    parser.add_argument("--exclude-fold", type=int, default=-1, help="leave out one story fold")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--max-steps", type=int, default=0)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--eval-every", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--eval-limit", type=int, default=None)
    parser.add_argument("--stage-name", default="news", help="sub-folder of --run-dir")
    parser.add_argument("--skip-held-out", action="store_true", help="no held-out NLI metrics")
    parser.add_argument("--hf-out", type=Path, default=None, help="also save a full model dir")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Adapt the stage-1 checkpoint to news, calibrate, export and evaluate."""
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    stage_dir = args.run_dir / args.stage_name
    stage_dir.mkdir(parents=True, exist_ok=True)
    rows, dev_rows = assemble(args)
    model, tokenizer = bm.build_model()
    model.load_state_dict(torch.load(args.run_dir / "best.pt"), strict=False)
    dev_items = bm.encode(tokenizer, dev_rows)
    train_args = argparse.Namespace(**{**vars(args), "run_dir": stage_dir})
    summary: dict[str, Any] = {"stage2_pairs": len(rows), **vars(args)}
    summary.update(bm.train(model, bm.encode(tokenizer, rows), dev_items, train_args))
    model.load_state_dict(torch.load(stage_dir / "last.pt"), strict=False)
    labels = np.array([r[2] for r in dev_rows])
    temperature, offsets = bm.fit_calibration(bm.predict_logits(model, dev_items), labels)
    summary.update(temperature=temperature, class_offsets=offsets.tolist())
    bm.fold_offsets(model, offsets)
    summary = {k: str(v) if isinstance(v, Path) else v for k, v in summary.items()}
    stage1 = json.loads((args.out / "manifest.json").read_text()).get("build", {})
    build = {**stage1, "news_adaptation": summary, "class_offsets": offsets.tolist()}
    bm.export(model, args.out, temperature, build)
    if args.hf_out is not None:
        bm.assemble_exported(args.out).save_pretrained(args.hf_out)
        tokenizer.save_pretrained(args.hf_out)
    held: dict[str, Any] = {}
    if not args.skip_held_out:
        shipped = {"fp16-shipped": bm.assemble_exported(args.out)}
        calib = (temperature, offsets)
        sets = bm.held_out_sets(args.data_dir, args.seed, args.eval_limit)
        held = bm.evaluate_held_out(shipped, tokenizer, sets, calib)
        bm.record_results(args.out, held)
    (stage_dir / "summary.json").write_text(json.dumps({**summary, "held_out": held}, indent=2))
    return summary


if __name__ == "__main__":
    main()
