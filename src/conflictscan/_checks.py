"""Argument checks, word sets and deprecated names shared by the scanner, the text and the
signals stages."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from conflictscan._errors import InputError
from conflictscan._types import Sentence


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _check_text(text: object, name: str) -> str:
    if not isinstance(text, str):
        raise InputError(
            f"{name}={text!r} is a {type(text).__name__}; expected a str. "
            "Pass the sentence text (Sentence.content for a Sentence)."
        )
    return text


def _as_text(value: object, name: str, *, full: bool = False) -> str:
    if isinstance(value, Sentence):
        return value.text if full else value.content
    if isinstance(value, str):
        return value
    raise InputError(
        f"{name}={value!r} is a {type(value).__name__}; expected a Sentence or a str. "
        "Pass a Sentence from split_sentences() or the sentence text."
    )


def _as_sentence(item: object, position: int) -> Sentence:
    """``item`` as a Sentence: a string becomes a whole one-sentence document."""
    if isinstance(item, Sentence):
        return item
    if isinstance(item, str):
        return Sentence(item, 0, len(item))
    raise InputError(
        f"sentence {position} is a {type(item).__name__}; expected a Sentence or a string"
    )


def _check_published(value: object, name: str) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError as exc:
            raise InputError(
                f"{name}={value!r} is not an ISO date; expected 'YYYY-MM-DD' (a time part "
                "may follow). Pass Document(published='2024-03-14') or a datetime.date."
            ) from exc
    raise InputError(
        f"{name}={value!r} is a {type(value).__name__}; expected an ISO date string, a "
        "datetime.date or None."
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_numbers(**values: Any) -> None:
    """Integers must be ints and ``min_similarity`` a number or None (not bool, not str)."""
    for name, value in values.items():
        if name == "min_similarity":
            ok = value is None or (_is_number(value) and -1.0 <= value <= 1.0)
            expected = "None or a number in [-1, 1]"
        else:
            minimum = 0 if name == "min_words" else 1
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= minimum
            expected = "positive (an integer >= 1)" if minimum else "an integer >= 0"
        if not ok:
            raise InputError(f"{name} must be {expected}, got {type(value).__name__} {value!r}")


def renamed(old: str, new: Callable[..., Any], where: str) -> Callable[..., Any]:
    """A deprecated name ``old`` for ``new`` (from the module ``where``): calls warn, then
    run ``new``."""

    def deprecated(*args: Any, **options: Any) -> Any:
        warnings.warn(
            f"{old}() is deprecated and will be removed in 0.3; use {where}.{new.__name__}()",
            DeprecationWarning,
            stacklevel=2,
        )
        return new(*args, **options)

    deprecated.__doc__ = f"Deprecated name of :func:`{new.__name__}` (removed in 0.3)."
    return deprecated
