"""A speaker the parser left stranded before a trailing reporting verb.

Input: a reporting verb of a parsed sentence. Output: :func:`stranded_speaker`, the head of
the speaker's phrase right before the verb and the token it starts at, when the parser gave
the verb no subject and hung the phrase on the claim instead. spaCy's small English model
reads "Samples tested positive on Tuesday, the hospital's director, Noor Vassel, said."
with "director" as the object of "tested" and a subjectless "said"; in "P, the director,
Dr. Noor Vassel, told the Coastline Post." it takes the one told for the speaker.

Read from the verb leftwards, the speaker is one to three comma-separated stretches with no
verb in them ("the hospital's director", "Noor Vassel"), the first of which opens with a
determiner or a possessive ("the", "its", "her"), so that a place that ends the claim
("built near Columbus, Ohio, the state's development agency said") stays with the claim.
The verb must end the sentence, and a claim with a verb of its own must come before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conflictscan.text._syntax import children, words

if TYPE_CHECKING:
    from spacy.tokens import Token

_OPENERS = words("the a an its his her their our")
_VERBAL = frozenset({"VERB", "AUX"})
_MAX_STRETCHES = 3


def _stretches(verb: Token) -> list[range]:
    """Verbless comma-separated stretches right before ``verb``, nearest first."""
    doc = verb.doc
    stop = verb.i
    while stop > 0 and doc[stop - 1].text == ",":
        stop -= 1
    found: list[range] = []
    while len(found) < _MAX_STRETCHES:
        comma = stop - 1
        while comma >= 0 and doc[comma].text != ",":
            comma -= 1
        stretch = range(comma + 1, stop)
        if comma < 0 or not stretch or any(doc[i].pos_ in _VERBAL for i in stretch):
            break
        found.append(stretch)
        stop = comma
    return found


def stranded_speaker(verb: Token) -> tuple[Token, int] | None:
    """(head of the speaker's first stretch, its first token) before a subjectless ``verb``."""
    doc = verb.doc
    if children(verb, "nsubj", "nsubjpass") or verb.right_edge.i < len(doc) - 2:
        return None
    opened = [s for s in _stretches(verb) if doc[s.start].lower_ in _OPENERS]
    if not opened:
        return None
    first = opened[-1]
    claim = range(0, first.start - 1)
    if len(claim) < 2 or not any(doc[i].pos_ in _VERBAL for i in claim):
        return None
    head = next(doc[i] for i in first if doc[i].head.i not in first or doc[i].head.i == i)
    return head, first.start
