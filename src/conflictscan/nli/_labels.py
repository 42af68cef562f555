"""NLI labels, one owner: a model's ``id2label`` (or ``label_map``) and gold labels, read into
the NLI label names."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from conflictscan._errors import InputError, LabelMappingError
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


_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        ("contradiction", "contradict", "contradicts", "contradictory", "c"), "contradiction"
    ),
    **dict.fromkeys(("entailment", "entail", "entails", "entailed", "e"), "entailment"),
    **dict.fromkeys(("neutral", "n"), "neutral"),
    **dict.fromkeys(
        ("non-entailment", "not-entailment", "nonentailment", "not-entailed", "ne"),
        "non-entailment",
    ),
}


_SEPARATORS = re.compile(r"[\s_-]+")


def normalise_labels(
    values: Sequence[Any], *, label_names: Sequence[str] | None = None
) -> list[str]:
    """Map raw gold labels to canonical names.

    Args:
        values: Label strings (any case and spacing; ``contradict``, ``e``,
            ``not_entailment``… accepted) or integer indices into ``label_names``.
        label_names: Names of integer labels by index.

    Returns:
        One of ``contradiction``, ``entailment``, ``neutral``, ``non-entailment`` per value.

    Raises:
        InputError: Listing the values that match no label, or a bad ``label_names``.

    Example:
        >>> normalise_labels(["Entailment", " contradict", "N"])
        ['entailment', 'contradiction', 'neutral']
    """
    names = _check_label_names(label_names)
    out: list[str] = []
    unknown: dict[str, int] = {}
    for value in values:
        label = _normalise_one(value, names)
        if label is None:
            unknown[repr(value)] = unknown.get(repr(value), 0) + 1
        else:
            out.append(label)
    if unknown:
        shown = ", ".join(f"{v} ({n}x)" for v, n in list(unknown.items())[:10])
        hint = (
            "; integer labels need label_names=, e.g. ('entailment', 'neutral', 'contradiction')"
            if names is None and any(v.lstrip("-").isdigit() for v in unknown)
            else ""
        )
        raise InputError(
            f"unknown label(s) {shown}; expected contradiction, entailment, neutral or "
            f"non-entailment (any case){hint}; fix or drop those rows"
        )
    return out


def _check_label_names(label_names: Sequence[str] | None) -> list[str] | None:
    if label_names is None:
        return None
    if isinstance(label_names, str) or not label_names:
        raise InputError(
            f"label_names={label_names!r} is not a list of names; pass e.g. "
            "label_names=('entailment', 'neutral', 'contradiction')"
        )
    names = [_normalise_one(name, None) for name in label_names]
    if any(name is None for name in names):
        raise InputError(
            f"label_names={list(label_names)!r} holds names that are no NLI label; use "
            "contradiction, entailment, neutral or non-entailment"
        )
    return [name for name in names if name is not None]


def _normalise_one(value: Any, names: list[str] | None) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str) and names is not None and value.strip().isdigit():
        value = int(value)
    if isinstance(value, int | np.integer):
        return names[int(value)] if names is not None and 0 <= value < len(names) else None
    if not isinstance(value, str):
        return None
    return _ALIASES.get(_SEPARATORS.sub("-", value.strip().lower()))
