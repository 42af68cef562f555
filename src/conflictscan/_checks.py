"""Argument checks and word sets shared by the text and signals stages."""

from __future__ import annotations

from datetime import date, datetime

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
