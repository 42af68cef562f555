"""The fine-tuning loop behind :func:`conflictscan.train`: base model, head, batches, steps."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from conflictscan._errors import InputError, LabelMappingError, ModelLoadError
from conflictscan._types import NLI_LABELS, PairScore
from conflictscan.evaluation._nli import EvaluationReport, evaluate
from conflictscan.nli._batching import length_batches

TRAINING_FILE = "conflictscan_training.json"
WARMUP_RATIO = 0.1
WEIGHT_DECAY = 0.01
MAX_GRAD_NORM = 1.0
# Batches are sorted by length within windows of this many batches, then shuffled.
_GENERIC_LABEL = re.compile(r"^label_\d+$", re.IGNORECASE)
# Tokenizer output per key ("input_ids", "attention_mask"…): one unpadded array per pair.
_Features = dict[str, list[np.ndarray]]


@dataclass(frozen=True, slots=True)
class EpochResult:
    """What one epoch of training did.

    Args:
        epoch: Epoch number, from 1.
        steps: Optimizer steps taken so far, all epochs together.
        train_loss: Mean training loss over the epoch's steps.
        seconds: Wall time of the epoch, evaluation included.
        evaluation: Metrics on ``eval_data`` after the epoch, if it was given.
    """

    epoch: int
    steps: int
    train_loss: float
    seconds: float
    evaluation: EvaluationReport | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict; ``evaluation`` as :meth:`EvaluationReport.to_dict`."""
        return {
            "epoch": self.epoch,
            "steps": self.steps,
            "train_loss": self.train_loss,
            "seconds": self.seconds,
            "evaluation": None if self.evaluation is None else self.evaluation.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """Outcome of :func:`train`.

    Args:
        out: Directory the model was written to.
        base: The base model as given.
        labels: The model's output labels, by class index.
        train_size: Training pairs.
        eval_size: Evaluation pairs (0 without ``eval_data``).
        steps: Optimizer steps taken.
        seconds: Wall time of the whole run.
        epochs: One entry per epoch run (the last may be partial under ``max_steps``).
        best_epoch: The epoch whose weights were written.
        losses: Training loss of every step, in order.
    """

    out: str
    base: str
    labels: tuple[str, ...]
    train_size: int
    eval_size: int
    steps: int
    seconds: float
    epochs: tuple[EpochResult, ...]
    best_epoch: int
    losses: tuple[float, ...] = ()

    @property
    def best(self) -> EpochResult:
        """The :class:`EpochResult` of the written weights."""
        return self.epochs[self.best_epoch - 1]

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of every field."""
        return {
            "out": self.out,
            "base": self.base,
            "labels": list(self.labels),
            "train_size": self.train_size,
            "eval_size": self.eval_size,
            "steps": self.steps,
            "seconds": self.seconds,
            "best_epoch": self.best_epoch,
            "epochs": [e.to_dict() for e in self.epochs],
            "losses": list(self.losses),
        }

    def render(self) -> str:
        """A plain-text table: one line per epoch, the written one starred."""
        lines = [
            f"base {self.base}  ->  {self.out}",
            f"{self.train_size} training pairs, {self.eval_size} evaluation pairs, "
            f"{self.steps} steps, {self.seconds:.1f} s",
            "",
            f"  {'epoch':>5}{'steps':>8}{'loss':>10}{'accuracy':>10}{'macro-F1':>10}"
            f"{'seconds':>10}",
        ]
        for e in self.epochs:
            acc = f"{e.evaluation.accuracy:>10.4f}" if e.evaluation else f"{'-':>10}"
            f1 = f"{e.evaluation.macro_f1:>10.4f}" if e.evaluation else f"{'-':>10}"
            mark = "*" if e.epoch == self.best_epoch else " "
            lines.append(
                f"{mark} {e.epoch:>5}{e.steps:>8}{e.train_loss:>10.4f}{acc}{f1}{e.seconds:>10.1f}"
            )
        return "\n".join(lines)


def _resolve_device(device: str | None) -> str:
    from conflictscan.nli._scorer import resolve_device

    return resolve_device(device)


def _load_base(base: str, device: str) -> tuple[Any, Any, dict[str, int]]:
    """Load ``base`` for training: model on ``device``, tokenizer, and label -> class id."""
    from conflictscan.nli import _builtin as models

    source = models.resolve(base)
    if source in models.BUILTIN_MODELS:
        model, tokenizer = models.load_builtin(source, device=device)
    else:
        model, tokenizer = _from_pretrained(source)
    label_ids = _nli_label_ids(model.config.id2label)
    if label_ids is None:
        model = _with_fresh_head(model)
        label_ids = {name: idx for idx, name in enumerate(NLI_LABELS)}
    return model.to(device), tokenizer, label_ids


def _from_pretrained(source: str) -> tuple[Any, Any]:
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

    try:
        config = AutoConfig.from_pretrained(source)
    except (OSError, ValueError) as exc:
        raise _load_error(source, exc) from exc
    head = _fresh_head_kwargs() if _nli_label_ids(config.id2label) is None else {}
    try:
        model = AutoModelForSequenceClassification.from_pretrained(source, **head)
        tokenizer = AutoTokenizer.from_pretrained(source)
    except (OSError, ValueError) as exc:
        raise _load_error(source, exc) from exc
    return model, tokenizer


def _load_error(source: str, exc: Exception) -> ModelLoadError:
    return ModelLoadError(
        f"cannot load base model {source!r} as a sequence classifier: {exc}; pass 'mini', "
        "a local model directory, or a hub id that is cached (offline mode)"
    )


def _fresh_head_kwargs() -> dict[str, Any]:
    id2label = dict(enumerate(NLI_LABELS))
    return {
        "num_labels": len(NLI_LABELS),
        "id2label": id2label,
        "label2id": {name: idx for idx, name in id2label.items()},
        "ignore_mismatched_sizes": True,
    }


def _with_fresh_head(model: Any) -> Any:
    """Rebuild an in-memory model (e.g. a built-in one) with a new three-way head."""
    import tempfile

    from transformers import AutoModelForSequenceClassification

    with tempfile.TemporaryDirectory() as tmp:
        model.save_pretrained(tmp)
        return AutoModelForSequenceClassification.from_pretrained(tmp, **_fresh_head_kwargs())


def _nli_label_ids(id2label: dict[int, str]) -> dict[str, int] | None:
    """Canonical NLI label -> class id, or None when every label is generic (LABEL_0…)."""
    from conflictscan.nli._labels import normalise_labels

    names = [str(id2label[idx]) for idx in sorted(id2label)]
    if all(_GENERIC_LABEL.match(name.strip()) for name in names):
        return None
    try:
        canonical = normalise_labels(names)
    except InputError:
        canonical = []
    if sorted(canonical) != sorted(NLI_LABELS):
        raise LabelMappingError(
            f"the base model's labels {names} are not contradiction/entailment/neutral; "
            "pass a three-way NLI model or a model with generic labels (LABEL_0…), which "
            "gets a fresh NLI head"
        )
    return {name: idx for idx, name in zip(sorted(id2label), canonical, strict=True)}


def _targets(labels: list[str], label_ids: dict[str, int]) -> list[int]:
    unknown = sorted(set(labels) - set(label_ids))
    if unknown:
        raise InputError(
            f"training label(s) {unknown} are not among the model's labels "
            f"{sorted(label_ids)}; two-way data (non-entailment) cannot train a three-way "
            "model: relabel it or drop those rows"
        )
    return [label_ids[label] for label in labels]


def _freeze_embeddings(model: Any) -> None:
    base = getattr(model, "base_model", model)
    module = getattr(base, "embeddings", None) or model.get_input_embeddings()
    for param in module.parameters():
        param.requires_grad_(False)


class _InMemoryScorer:
    """Scorer protocol over a model being trained, for per-epoch evaluation."""

    def __init__(self, run: _Run, name: str) -> None:
        self._run = run
        self.model_id = name
        self.fingerprint = f"{name}@training"

    def score_pairs(
        self, pairs: Sequence[tuple[str, str]], *, show_progress: bool = False
    ) -> list[PairScore]:
        probs = self._run.predict(list(pairs))
        ids = self._run.label_ids
        return [
            PairScore(
                a,
                b,
                contradiction=float(row[ids["contradiction"]]),
                entailment=float(row[ids["entailment"]]),
                neutral=float(row[ids["neutral"]]),
            )
            for (a, b), row in zip(pairs, probs, strict=True)
        ]


@dataclass(frozen=True, slots=True)
class _Steps:
    """Optimizer, learning-rate schedule and the number of steps to take."""

    optimizer: Any
    schedule: Any
    total: int


class _Run:
    """One training run: tokenised data, optimizer, schedule, loop and checkpointing."""

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        label_ids: dict[str, int],
        options: dict[str, Any],
        *,
        seed: int,
        show_progress: bool,
    ) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.label_ids = label_ids
        self.options = options
        self.rng = np.random.default_rng(seed)
        self.show_progress = show_progress
        self.device = next(model.parameters()).device
        self.losses: list[float] = []

    def fit(
        self,
        pairs: list[tuple[str, str]],
        targets: list[int],
        eval_rows: list[dict[str, str]] | None,
        *,
        out_dir: Path,
        base: str,
    ) -> TrainingReport:
        """Train, evaluate each epoch, save the best (or last) weights and report."""
        start = time.perf_counter()
        features = self._tokenise(pairs)
        per_epoch = -(-len(pairs) // self.options["batch_size"])
        total = per_epoch * self.options["epochs"]
        total = min(total, self.options["max_steps"] or total)
        results, best_epoch = self._loop(features, targets, eval_rows, total, out_dir, base)
        return TrainingReport(
            out=str(out_dir),
            base=base,
            labels=tuple(sorted(self.label_ids, key=self.label_ids.__getitem__)),
            train_size=len(pairs),
            eval_size=len(eval_rows or ()),
            steps=len(self.losses),
            seconds=time.perf_counter() - start,
            epochs=tuple(results),
            best_epoch=best_epoch,
            losses=tuple(self.losses),
        )

    def _loop(
        self,
        features: _Features,
        targets: list[int],
        eval_rows: list[dict[str, str]] | None,
        total: int,
        out_dir: Path,
        base: str,
    ) -> tuple[list[EpochResult], int]:
        from tqdm.auto import tqdm

        steps = _Steps(*self._optimizer(total), total=total)
        results: list[EpochResult] = []
        best: tuple[float, int] | None = None
        with tqdm(total=total, disable=not self.show_progress, desc="training") as bar:
            for epoch in range(1, self.options["epochs"] + 1):
                if len(self.losses) >= total:
                    break
                result = self._evaluated(
                    self._epoch(epoch, features, targets, steps, bar), eval_rows, base
                )
                results.append(result)
                if result.evaluation is not None:
                    best = self._keep_if_best(result, best, out_dir)
        if best is None:
            self._save(out_dir)
            return results, len(results)
        return results, best[1]

    def _tokenise(self, pairs: list[tuple[str, str]]) -> _Features:
        """Token ids per pair, unpadded; int32 arrays keep large sets compact."""
        premises = [p for p, _ in pairs]
        hypotheses = [h for _, h in pairs]
        encoded = self.tokenizer(
            premises, hypotheses, truncation=True, max_length=self.options["max_length"]
        )
        keys = [key for key in encoded if key != "overflow_to_sample_mapping"]
        return {key: [np.asarray(ids, dtype=np.int32) for ids in encoded[key]] for key in keys}

    def _optimizer(self, total: int) -> tuple[Any, Any]:
        import torch
        from transformers import get_linear_schedule_with_warmup

        decay, no_decay = [], []
        for name, param in self.model.named_parameters():
            if param.requires_grad:
                is_plain = param.ndim < 2 or "norm" in name.lower()
                (no_decay if is_plain else decay).append(param)
        groups = [
            {"params": decay, "weight_decay": WEIGHT_DECAY},
            {"params": no_decay, "weight_decay": 0.0},
        ]
        optimizer = torch.optim.AdamW(groups, lr=self.options["learning_rate"])
        warmup = int(round(WARMUP_RATIO * total))
        return optimizer, get_linear_schedule_with_warmup(optimizer, warmup, total)

    def _epoch(
        self,
        epoch: int,
        features: _Features,
        targets: list[int],
        steps: _Steps,
        bar: Any,
    ) -> EpochResult:
        import torch

        start, first = time.perf_counter(), len(self.losses)
        self.model.train()
        lengths = np.array([len(ids) for ids in features["input_ids"]])
        for batch in length_batches(lengths, self.options["batch_size"], rng=self.rng):
            inputs = self._collate(features, batch)
            inputs["labels"] = torch.tensor([targets[i] for i in batch], device=self.device)
            loss = self.model(**inputs).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), MAX_GRAD_NORM)
            steps.optimizer.step()
            steps.schedule.step()
            steps.optimizer.zero_grad(set_to_none=True)
            self.losses.append(float(loss.item()))
            bar.update(1)
            bar.set_postfix(epoch=epoch, loss=f"{self.losses[-1]:.4f}")
            if len(self.losses) >= steps.total:
                break
        mean = float(np.mean(self.losses[first:]))
        return EpochResult(epoch, len(self.losses), mean, time.perf_counter() - start)

    def _collate(self, features: _Features, batch: list[int]) -> dict[str, Any]:
        """Pad one batch to its longest member (dynamic padding)."""
        import torch

        width = max(len(features["input_ids"][i]) for i in batch)
        pad_ids = {"input_ids": self.tokenizer.pad_token_id or 0}
        out = {}
        for key, rows in features.items():
            padded = np.full((len(batch), width), pad_ids.get(key, 0), dtype=np.int64)
            for row, index in enumerate(batch):
                padded[row, : len(rows[index])] = rows[index]
            out[key] = torch.from_numpy(padded).to(self.device)
        return out

    def _evaluated(
        self, result: EpochResult, eval_rows: list[dict[str, str]] | None, base: str
    ) -> EpochResult:
        if eval_rows is None:
            return result
        start = time.perf_counter()
        report = evaluate(
            eval_rows, scanner=_InMemoryScorer(self, f"{base} (epoch {result.epoch})")
        )
        seconds = result.seconds + time.perf_counter() - start
        return EpochResult(result.epoch, result.steps, result.train_loss, seconds, report)

    def _keep_if_best(
        self, result: EpochResult, best: tuple[float, int] | None, out_dir: Path
    ) -> tuple[float, int]:
        score = result.evaluation.macro_f1 if result.evaluation else 0.0
        if best is not None and score <= best[0]:
            return best
        self._save(out_dir)
        return score, result.epoch

    def _save(self, out_dir: Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(out_dir)
        self.tokenizer.save_pretrained(out_dir)

    def predict(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Class probabilities for ``pairs`` (rows in input order, columns by class id)."""
        import torch

        self.model.eval()
        features = self._tokenise(pairs)
        order = np.argsort([-len(ids) for ids in features["input_ids"]], kind="stable")
        probs = np.zeros((len(pairs), self.model.config.num_labels), dtype=np.float64)
        step = self.options["batch_size"] * 2
        with torch.inference_mode():
            for begin in range(0, len(order), step):
                batch = order[begin : begin + step].tolist()
                logits = self.model(**self._collate(features, batch)).logits
                probs[batch] = torch.softmax(logits.float(), dim=-1).cpu().numpy()
        self.model.train()
        return probs
