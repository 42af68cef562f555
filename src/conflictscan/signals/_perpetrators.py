"""One attack said to be the work of two different named groups or people.

Input: two claim texts (attribution already removed). Output: :func:`perpetrator_clash`,
the two names and the act, which :mod:`conflictscan.signals._identities` reads as one
more form of ``identity_clash`` and ``"identity"`` evidence.

"Investigators concluded that the cyberattack on the Dalmere water utility was the work of
a criminal gang known as Black Tide" / "The hack of the Dalmere water utility was carried
out by the Ember Fox group": one act has one author, so two named authors that share no
word cannot both be right. The model reads such pairs as neutral (0.17): two names share
nothing. The claims are read with patterns:

* the act: a word of :data:`_ACTS` ("attack", "hack", "bombing", "robbery" …), the same
  kind on both sides ("the hack" and "the cyberattack" are one kind);
* its author: "carried out (perpetrated, committed, staged, orchestrated) by <name>",
  "the work of <name>" or "<name> was behind the <act>"; the name is the last run of
  capitalised words in the phrase ("a criminal gang known as Black Tide", "the Ember Fox
  group");
* one act: the two claims share a name besides the authors' (the target, "Dalmere").

Nothing is read when the author is left open ("police believe", "may have been", "claimed
responsibility": two groups may claim one attack) or is one of several ("and"), or for
another act ("a second attack", "a separate attack", "also").
"""

from __future__ import annotations

import re
from functools import lru_cache

_ACTS = {
    **dict.fromkeys(("cyberattack", "cyber-attack", "hack", "hacking", "breach"), "cyberattack"),
    **dict.fromkeys(("robbery", "heist", "raid", "burglary", "theft", "break-in"), "robbery"),
    **dict.fromkeys(("bombing", "blast", "explosion"), "bombing"),
    **dict.fromkeys(("attack", "assault", "ambush", "shooting", "massacre"), "attack"),
    **dict.fromkeys(("assassination", "killing", "murder"), "killing"),
    **dict.fromkeys(("kidnapping", "abduction"), "kidnapping"),
}
"""Acts with one author, by kind."""
_NAME = r"[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*"
_BY_RE = re.compile(
    r"\b(?:carried\s+out|perpetrated|committed|staged|orchestrated|masterminded)\s+by\s+"
    r"(?P<by>[^,;.]{1,60})|\bthe\s+work\s+of\s+(?P<work>[^,;.]{1,60})|"
    rf"(?P<behind>{_NAME})\s+(?:was|were)\s+behind\s+the\b"
)
_NAME_RE = re.compile(_NAME)
_WORD_RE = re.compile(r"[\w'’-]+")
_OTHER_RE = re.compile(
    r"\b(?:also|another|second|third|separate|other|earlier|previous)\b", re.IGNORECASE
)
_SEVERAL_RE = re.compile(r"\band\s+[A-Z]")
_HEDGE_RE = re.compile(
    r"\b(?:believed?|suspect(?:s|ed)?|thought|think|may|might|could|possibly|probably|likely|"
    r"alleged(?:ly)?|claimed|whether)\b",
    re.IGNORECASE,
)
"""An author left open: "police believe", "may have been", "claimed responsibility"."""
_COMMON = frozenset({"The", "A", "An", "Police", "Investigators", "Officials"})
"""Capitalised words that open a sentence or name no one in particular."""


def _author(text: str) -> tuple[str, str, frozenset[str]] | None:
    """(the act's kind, the author as written, the author's words) of a claim; None when it
    names no single author of an act of :data:`_ACTS`."""
    found = _BY_RE.search(text)
    if found is None or _OTHER_RE.search(text) or _HEDGE_RE.search(text):
        return None
    acts = [_ACTS[w.lower()] for w in _WORD_RE.findall(text) if w.lower() in _ACTS]
    phrase = found.group("by") or found.group("work") or found.group("behind")
    if not acts or len(set(acts)) > 1 or _SEVERAL_RE.search(phrase):
        return None
    names = [re.sub(r"^(?:The|A|An)\s+", "", n) for n in _NAME_RE.findall(phrase)]
    names = [n for n in names if n not in _COMMON]
    if not names:
        return None
    name = names[-1]
    return acts[0], name, frozenset(w.lower() for w in name.split())


def _other_names(text: str, author: frozenset[str]) -> frozenset[str]:
    """The words of the names in ``text`` besides the author's (the target: "Dalmere")."""
    words = {word.lower() for name in _NAME_RE.findall(text) for word in name.split()}
    return frozenset(words - author - {w.lower() for w in _COMMON})


@lru_cache(maxsize=4096)
def perpetrator_clash(a: str, b: str) -> tuple[str, str, str] | None:
    """(author in ``a``, author in ``b``, the act) when the claims give one act two authors
    whose names share no word; else None."""
    found_a, found_b = _author(a), _author(b)
    if found_a is None or found_b is None or found_a[0] != found_b[0]:
        return None
    if found_a[2] & found_b[2] or found_a[2] & _other_names(b, found_b[2]):
        return None  # one author, or the other claim names both
    if not _other_names(a, found_a[2]) & _other_names(b, found_b[2]):
        return None  # nothing ties the two acts into one
    return found_a[1], found_b[1], f"author of the {found_a[0]}"
