"""One arrest, death or find put at two kinds of site: "at his home" / "at the airport".

Input: two claim texts (attribution already removed). Output: ``"place"``
:class:`~conflictscan.Evidence` (:func:`site_evidence`).

The place reader (:mod:`._places`) compares names: "in Antwerp" / "in Rotterdam". Early
reports as often disagree on a site that has no name: "The suspect was arrested at his
home in the early hours" / "The suspect was detained at the border as he tried to leave
the country". The model reads such pairs as half a contradiction (0.6 to 0.8), and the
combiner keeps them under the threshold. One arrest happens at one site, so the parse is
read for an event (arrested, detained, caught; died, was killed, was shot dead; was found)
and the site its "at" or "in" phrase names, from a short list of kinds of site (a home, an
airport, a border, a station, a hospital, a hotel, an office, a school, a prison, a port,
a river …). Two claims clash when they tell one kind of event of one person or thing (the
same head word and names, read from the parse) at two kinds of site.

Nothing is read when a claim names two sites for the event, tells of a sequence or a
later step ("later", "then", "before", "after", "taken to", "moved"), when the event is
negated or hedged, or when the two claims say different moments ("on Sunday" / "on
Monday"). Dying "in hospital" against "at the scene" is :mod:`._scene`'s reading and
is left to it. Without a parse nothing is read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from conflictscan._types import Evidence
from conflictscan.signals._evidence import clash_evidence
from conflictscan.signals._predicates import _moments, _said, _same, _Thing, _thing
from conflictscan.text._syntax import words

if TYPE_CHECKING:
    from spacy.tokens import Token

SITE_SCORE = 0.8
"""Strength of the evidence, as for any event put in two places."""
_EVENTS: dict[str, str] = {
    **dict.fromkeys(words("arrest detain apprehend catch capture"), "arrest"),
    **dict.fromkeys(words("die kill"), "death"),
    **dict.fromkeys(words("find discover locate"), "find"),
}
_SITES: dict[str, str] = {
    **dict.fromkeys(words("home house flat apartment residence"), "home"),
    **dict.fromkeys(words("airport"), "airport"),
    **dict.fromkeys(words("border checkpoint"), "border"),
    **dict.fromkeys(words("station"), "station"),
    **dict.fromkeys(words("hospital clinic"), "hospital"),
    **dict.fromkeys(words("hotel motel"), "hotel"),
    **dict.fromkeys(words("office workplace"), "office"),
    **dict.fromkeys(words("school university campus"), "school"),
    **dict.fromkeys(words("prison jail cell"), "prison"),
    **dict.fromkeys(words("port harbour harbor dock"), "port"),
    **dict.fromkeys(words("river lake sea"), "water"),
    **dict.fromkeys(words("forest woods woodland"), "woods"),
    **dict.fromkeys(words("car vehicle"), "car"),
}
_SEQUENCE_RE = re.compile(
    r"\b(?:later|then|before|after|afterwards|subsequently|taken\s+to|moved|transferred|"
    r"flown|airlifted|rushed|on\s+the\s+way|en\s+route|where|near|outside|close\s+to)\b",
    re.IGNORECASE,
)


class _Site(NamedTuple):
    event: str
    thing: _Thing
    site: str
    words: str


def _site_of(verb: Token) -> tuple[str, str] | None:
    """(kind of site, the phrase) of the verb's one "at" or "in" phrase naming a site."""
    found = [
        (_SITES[g.lemma_.lower()], verb.doc[c.i : g.right_edge.i + 1].text)
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("at", "in")
        for g in c.children
        if g.dep_ == "pobj" and g.lemma_.lower() in _SITES
    ]
    return found[0] if len({kind for kind, _ in found}) == 1 else None


@lru_cache(maxsize=4096)
def _sites(text: str) -> tuple[_Site, ...]:
    from conflictscan.text import _parsing as parsing
    from conflictscan.text._speech import MAX_PARSE_CHARS

    if _SEQUENCE_RE.search(text) or len(text) > MAX_PARSE_CHARS:
        return ()
    lowered = text.lower()
    if not any(site in lowered for site in _SITES) or not parsing.is_available():
        return ()
    found = []
    for verb in parsing.parse_one(text):
        event = _EVENTS.get(verb.lemma_.lower())
        if event is None or verb.pos_ != "VERB" or _said(verb) is None:
            continue
        site = _site_of(verb)
        who = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
        if who is None and event == "death":
            who = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        thing = _thing(who)
        if site is not None and thing is not None:
            found.append(_Site(event, thing, *site))
    return tuple(found) if len(found) == 1 else ()


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str] | None:
    sites_a = _sites(a)
    sites_b = _sites(b) if sites_a else ()
    if not sites_b or _moments(a) != _moments(b):
        return None
    x, y = sites_a[0], sites_b[0]
    if x.event != y.event or x.site == y.site or not _same(x.thing, y.thing):
        return None
    if x.event == "death" and "hospital" in (x.site, y.site):
        return None  # in hospital against elsewhere: the scene reader's
    return x.words, y.words


def site_evidence(a: str, b: str) -> list[Evidence]:
    """``"place"`` evidence when the claims put one event of one person at two kinds of
    site.

    Example:
        >>> site_evidence("The suspect was arrested at his home.",
        ...               "The suspect was detained at the airport.")[0].note  # doctest: +SKIP
        "one event at two kinds of site: 'at his home' vs 'at the airport'"
    """
    return clash_evidence(_clash(a, b), "place", SITE_SCORE, "one event at two kinds of site")
