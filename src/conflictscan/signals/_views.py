"""The claim whose subject is read: a leading pronoun replaced by the claim's speaker.

Input: a scanned sentence (its ``content`` and ``speaker``) or a plain claim. Output: the
text whose subject :mod:`conflictscan.signals._subjects` reads (:func:`subject_view`),
and the subject features of two claims read on it (:func:`subject_features`).
"""

from __future__ import annotations

import re

from conflictscan._types import Sentence
from conflictscan.signals._subjects import other_group, subject_contrast

_SPEAKER_PRONOUNS = re.compile(r"(?:it|they|I|we)\b", re.IGNORECASE)
"""Claim-initial pronouns read as the speaker: "The health ministry said *it* would hire",
"'*We* will close the plant,' the chairman said"."""
_ANOTHER_MATTER_RE = re.compile(
    r"^\W*(?:in\s+)?(?:a|an)\s+(?:separate|unrelated)\s+(?!(?:statement|interview|report|"
    r"post|message|letter|comment|briefing|remarks)\b)[a-z]+",
    re.IGNORECASE,
)
"""A sentence about another matter, told by its first words ("A separate trial in the
coastal district found …"), read on the whole sentence: the attribution may hold it. Not
"will run it as a separate division", which describes the one thing."""
_ORDINALS = {"second": "2", "third": "3", "fourth": "4", "2nd": "2", "3rd": "3", "4th": "4"}
_ORDINAL_BEFORE_RE = re.compile(r"\b(second|third|fourth|2nd|3rd|4th)\s+([a-z]+)", re.IGNORECASE)
_NUMBER_AFTER_RE = re.compile(r"\b([A-Z][a-z]+)\s+(2|3|4|II|III|IV)\b(?![.,]?\d)")
_ROMAN = {"II": "2", "III": "3", "IV": "4"}


def _numbered(text: str) -> set[tuple[str, str]]:
    """The things a claim numbers in a series, as (noun, number): "a second collapse" and
    "Reactor 2" are ("collapse", "2") and ("reactor", "2")."""
    found = {
        (noun.lower().rstrip("s"), _ORDINALS[o.lower()])
        for o, noun in _ORDINAL_BEFORE_RE.findall(text)
    }
    found |= {
        (noun.lower().rstrip("s"), _ROMAN.get(n, n)) for noun, n in _NUMBER_AFTER_RE.findall(text)
    }
    return found


def subject_view(claim: Sentence | str) -> str:
    """The claim with a leading "it", "they", "I" or "we" replaced by its speaker.

    "The health ministry said it would hire 5,000 staff" has the claim "it would hire 5,000
    staff", whose subject, a pronoun, says nothing; read as "the health ministry would hire
    5,000 staff" it can be told from "the education ministry would cut 5,000 jobs"; in a
    quote, "I" and "we" are the speaker. Only these pronouns are replaced: "he" or "she"
    after a speaker is often someone else ("Varga said he would resign" may be about the
    prime minister), as is "it" after a plural speaker ("Unions said it would stay open")
    and "its" after a person ("Chief executive Ingrid Solm said its largest mill …").

    Args:
        claim: A scanned sentence (its ``content`` and ``speaker``) or a plain claim.

    Returns:
        The text whose subject is read.
    """
    if isinstance(claim, str):
        return claim
    text, speaker = claim.content, (claim.speaker or "").strip()
    found = _SPEAKER_PRONOUNS.match(text)
    if not speaker or found is None:
        return text
    last = speaker.split()[-1]
    # "officials", "Unions": plural; "Vantor Motors", a name of several words, is not.
    plural = last.endswith("s") and not last.endswith("ss") and (last.islower() or last == speaker)
    if plural and found.group().lower() == "it":
        return text
    return f"{speaker}{text[found.end() :]}"


def subject_features(a: Sentence | str, b: Sentence | str) -> dict[str, float]:
    """``subject_contrast`` and ``other_group`` of two claims, read on their
    :func:`subject_view`; ``other_group`` also when exactly one whole sentence opens on
    another matter (:data:`_ANOTHER_MATTER_RE`)."""
    view_a, view_b = subject_view(a), subject_view(b)
    full_a, full_b = (x.text if isinstance(x, Sentence) else x for x in (a, b))
    apart = bool(_ANOTHER_MATTER_RE.search(full_a)) != bool(_ANOTHER_MATTER_RE.search(full_b))
    # "a second collapse" is no other one when both claims tell of it ("Reactor 2" / "the
    # second reactor"; "when a second collapse hit" / "A second collapse occurred before")
    shared = bool(_numbered(view_a) & _numbered(view_b))
    return {
        "subject_contrast": subject_contrast(view_a, view_b),
        "other_group": 1.0 if apart else 0.0 if shared else other_group(view_a, view_b),
    }
