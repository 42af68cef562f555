"""NLI labels: a model's ``id2label`` (or a ``label_map``) read into the three NLI labels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conflictscan._errors import LabelMappingError
from conflictscan._types import NLI_LABELS

_LABEL_MAP_FIX = 'label_map={0: "contradiction", 1: "entailment", 2: "neutral"}'


# ---------------------------------------------------------------------------- labels


def _normalise_label(name: object) -> str:
    return str(name).strip().lower()


def _check_label_map(label_map: Mapping[int, str] | None) -> dict[int, str] | None:
    """Validate a user ``label_map`` at construction; return it with normalised names."""
    if label_map is None:
        return None
    if not isinstance(label_map, Mapping):
        raise LabelMappingError(
            f"label_map={label_map!r} is not a dict; expected e.g. {_LABEL_MAP_FIX}"
        )
    cleaned: dict[int, str] = {}
    for key, value in label_map.items():
        if not isinstance(key, int) or isinstance(key, bool) or not isinstance(value, str):
            raise LabelMappingError(
                f"label_map entry {key!r}: {value!r} must map an int logit index to a label "
                f"name; expected e.g. {_LABEL_MAP_FIX}"
            )
        cleaned[key] = _normalise_label(value)
    if sorted(cleaned.values()) != sorted(NLI_LABELS):
        raise LabelMappingError(
            f"label_map={label_map!r} must name each of {', '.join(NLI_LABELS)} exactly once; "
            f"expected e.g. {_LABEL_MAP_FIX}"
        )
    return cleaned


def _label_indices(
    config: Any, label_map: dict[int, str] | None, model_id: str
) -> tuple[int, int, int]:
    """Logit index of contradiction, entailment and neutral, found by label name."""
    num_labels = int(config.num_labels)
    names = label_map or {int(k): _normalise_label(v) for k, v in config.id2label.items()}
    if label_map is not None and sorted(label_map) != list(range(num_labels)):
        raise LabelMappingError(
            f"label_map keys {sorted(label_map)} do not match model {model_id!r}, which has "
            f"{num_labels} outputs (indices {list(range(num_labels))})"
        )
    if num_labels != 3:
        raise LabelMappingError(
            f"model {model_id!r} has {num_labels} output labels {dict(config.id2label)}; "
            "conflictscan needs a three-way NLI model (contradiction, entailment, neutral), "
            "such as the built-in 'mini'"
        )
    by_name = {name: index for index, name in names.items()}
    if sorted(by_name) != sorted(NLI_LABELS):
        raise LabelMappingError(
            f"model {model_id!r} has labels {dict(config.id2label)} in config.id2label, not "
            f"contradiction/entailment/neutral; if you know which logit is which, pass "
            f"{_LABEL_MAP_FIX} (with the model's order)"
        )
    return by_name["contradiction"], by_name["entailment"], by_name["neutral"]
