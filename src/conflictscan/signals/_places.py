"""Places: one event put in two places that cannot be one.

Input: two claim texts (attribution already removed). Output: ``place`` evidence for
:func:`conflictscan.signals.compare`: "The fire broke out in the port of Antwerp" / "The
fire broke out in the port of Rotterdam". The place names come from the parse of each
claim's main verb and its object (:class:`~conflictscan.signals._subjects.Subject`
``places``); countries and regions (:mod:`conflictscan.signals._regions`) tell a town from
the region it may lie in, so "held in Geneva" / "held in Switzerland" is no clash. One
event put in or near a place and miles from it is a clash too (:func:`distance_clash`:
"touched down near the town of Ellery" / "touched down … roughly 40 miles south of
Ellery").
"""

from __future__ import annotations

import re

from conflictscan._types import Evidence
from conflictscan.signals._numbers import _quantities
from conflictscan.signals._regions import _apart, _one_place
from conflictscan.signals._subjects import Subject, other_one, subject, subject_contrast
from conflictscan.signals._units import in_unit

PLACE_SCORE = 0.8
"""Strength of ``"place"`` evidence: one event put in two places that cannot be one."""
_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")

_SAME_THING = {
    "factory": "plant", "site": "plant", "facility": "plant", "works": "plant",
    "aircraft": "plane", "jet": "plane", "flight": "plane", "airliner": "plane",
    "vessel": "ship",
    "earthquake": "quake", "tremor": "quake", "blaze": "fire",
    "project": "plan", "scheme": "plan", "proposal": "plan",
}  # fmt: skip
_SAME_ACTION = {
    "detain": "arrest", "apprehend": "arrest", "catch": "arrest", "capture": "arrest",
    "airlift": "fly", "centre": "strike", "center": "strike", "hit": "strike",
    "erupt": "start", "begin": "start", "touch": "land", "arrive": "land",
    "unveil": "announce", "present": "announce", "reveal": "announce", "host": "hold",
    "stage": "hold", "construct": "build", "locate": "build", "site": "build",
    "ground": "strand", "stick": "strand", "run": "strand",
    "happen": "hold", "occur": "hold", "take place": "hold", "identify": "detect",
}  # fmt: skip


# Verb and object that together name one action ("the summit will take place in Geneva" is
# "the summit will be held in Geneva"; "Brenning will stand trial in Frankfurt" is "the
# trial will be held in Frankfurt"; "the leaders held talks in Paris" is "met in Paris"):
# the action, and what it is done to ("" for the subject itself, None for nothing named).
_LIGHT_VERBS: dict[tuple[str, str], tuple[str, str | None]] = {
    ("take", "place"): ("hold", ""),
    ("stand", "trial"): ("hold", "trial"),
    ("face", "trial"): ("hold", "trial"),
    ("hold", "talk"): ("meet", None),
    ("hold", "talks"): ("meet", None),
}


def _event_view(subj: Subject) -> Subject:
    """``subj`` with a verb-object idiom read as its one action (:data:`_LIGHT_VERBS`)."""
    found = _LIGHT_VERBS.get((subj.verb, subj.theme))
    if found is None:
        return subj
    verb, theme = found
    if theme is None:
        return subj._replace(verb=verb, theme="", theme_names=frozenset())
    if theme == "":
        return subj._replace(verb=verb, theme=subj.head, theme_names=subj.names)
    return subj._replace(verb=verb, theme=theme, theme_names=frozenset())


def _one_thing(head_a: str, names_a: frozenset[str], head_b: str, names_b: frozenset[str]) -> bool:
    """Whether two noun phrases can be one thing: one head word (or two words for one
    thing, "plant" / "factory"), or the names of one within the other's ("Greta Holm" /
    "Holm"; not "Dario Menhart" / "Clara Menhart")."""
    if names_a & names_b and (names_a <= names_b or names_b <= names_a):
        return True
    return bool(head_a) and _SAME_THING.get(head_a, head_a) == _SAME_THING.get(head_b, head_b)


def _same_thing(a: Subject, b: Subject) -> bool:
    """Whether the two actions are done to one thing, or by one thing to nothing named.

    What the actions are done to decides when both name it ("Police detained the driver" /
    "The driver was arrested" are one event; "Police arrested the driver" / "Police
    arrested the passenger" are two); otherwise the subjects must be one thing.
    """
    if a.theme and b.theme:
        return _one_thing(a.theme, a.theme_names, b.theme, b.theme_names)
    return _one_thing(a.head, a.names, b.head, b.names)


def _one_event(a: str, b: str, sa: Subject, sb: Subject) -> str | None:
    """The action, when the two claims tell one event: one action (:data:`_SAME_ACTION`,
    a verb-object idiom read as its action) done to, or by, one thing (:func:`_same_thing`),
    neither "another" one of its kind and no contrast of subjects; else None."""
    sa, sb = _event_view(sa), _event_view(sb)
    action = _SAME_ACTION.get(sa.verb, sa.verb)
    if action != _SAME_ACTION.get(sb.verb, sb.verb):
        return None
    if not _same_thing(sa, sb) or other_one(sa, sb) or subject_contrast(a, b):
        return None
    return action


def place_clash(a: str, b: str) -> tuple[str, str, str] | None:
    """The two places, and the action, when the claims put one event in different places.

    The claims must do the same thing (one verb, or :data:`_SAME_ACTION`'s equivalents: "was
    arrested" / "was detained"; a verb-object idiom counts as its action, "took place" as
    "was held", :data:`_LIGHT_VERBS`) to one thing, or by one thing when neither names what
    it is done to (:func:`_same_thing`: one head word or :data:`_SAME_THING`'s equivalent,
    or the names of one within the other's; neither subject "another" one of its kind,
    "the next meeting", unless both are; and no contrast of subjects); both name a place
    in the same role ("in"/"at"/"near"/"off", "to"/"into", or "from"), neither within the
    other, and at least two of them cannot be one place (see :func:`_apart`): "The fire
    broke out in the port of Antwerp" / "The fire broke out in the port of Rotterdam".
    Parallel figures for two places ("Prices rose 3% in Oslo" / "5% in Bergen") are left to
    the caller, which knows the numbers.

    Args:
        a: First claim.
        b: Second claim.

    Returns:
        ``(place in a, place in b, action)``, lower-cased, or None (also without a parse).
    """
    sa, sb = subject(a), subject(b)
    if sa is None or sb is None or not sa.places or not sb.places:
        return None
    action = _one_event(a, b, sa, sb)
    if action is None:
        return None
    for role in sorted({r for r, _ in sa.places} & {r for r, _ in sb.places}):
        here = sorted(p for r, p in sa.places if r == role and not set(p.split()) & sb.names)
        there = sorted(p for r, p in sb.places if r == role and not set(p.split()) & sa.names)
        if any(_one_place(x, y) for x in here for y in there):
            continue
        for x in here:
            for y in there:
                if _apart(x, y):
                    return x, y, action
    return None


_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_FROM_RE = re.compile(
    # after a distance: "(40 miles) south of Ellery", "(two miles) from the Riverside Mall"
    r"\s+(?:(?:to\s+the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|from|"
    r"away\s+from|outside(?:\s+of)?)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?"
    rf"(?P<place>{_NAME})"
)
_AT_RE = (
    # "in Ellery", "near the town of Ellery", "in the car park of the Elmgate Centre"
    r"\b(?P<prep>in|at|inside|near|outside|off|close\s+to)\s+(?:the\s+)?"
    r"(?:(?:[a-z]+\s+){1,2}of\s+(?:the\s+)?)?"
)
# After the place: the end of its name, not a site named after it ("the Kelso depot").
_NAME_END = (
    r"(?=\s*(?:[,.;:]|$)|\s+(?:on|in|at|near|around|just|early|late|before|after|when|while|"
    r"and|but|shortly|about|during|from|to|with|as|this|last|overnight|by)\b)"
)
_NEAR_MILES = 10.0
"""From this far away (in miles) a place is not "near" the other claim's place; from 2
miles it is not "in" or "at" it."""


def _distances(text: str) -> list[tuple[float, str, str]]:
    """(miles, place, words) for each distance from a named place: the distance as the
    numbers stage reads it ("roughly 40 miles", "30 km"), in miles."""
    out = []
    for quantity in _quantities(text):
        found = _FROM_RE.match(text, quantity.end)
        miles = in_unit(quantity, "miles")
        if found is not None and miles.unit == "miles":
            out.append((miles.value, found.group("place"), text[quantity.start : found.end()]))
    return out


def distance_clash(a: str, b: str) -> tuple[str, str, str] | None:
    """("at <place>", "<distance> from <place>", action) when one claim puts an event in or
    near a named place and the other puts the same event miles from it: "The tornado
    touched down near the town of Ellery" / "The tornado touched down in a field west of
    Pratt, roughly 40 miles south of Ellery". In or at a place clashes from 2 miles away,
    near or outside it from 10. The event is one as for :func:`place_clash` (one action
    done to, or by, one thing); None also without a parse."""
    for here, away in ((a, b), (b, a)):
        for miles, place, words in _distances(away):
            at = re.search(_AT_RE + re.escape(place) + _NAME_END, here)
            if at is None or _distances(here):
                continue
            near = at.group("prep").lower() not in ("in", "at", "inside")
            if miles < (_NEAR_MILES if near else 2.0):
                continue
            sa, sb = subject(here), subject(away)
            action = None if sa is None or sb is None else _one_event(here, away, sa, sb)
            if action is None:
                return None
            told = (at.group().strip(), words.strip())
            return (*told, action) if here is a else (told[1], told[0], action)
    return None


_FRONTED_RE = re.compile(
    r"^(?P<verb>Born|Raised|Based|Headquartered|Founded|Built|Arrested|Detained)\s+"
    r"(?P<where>(?:in|at|near)\s+[^,]+),\s+(?P<rest>.+)$"
)
_NAME_RE = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def fronted(text: str) -> str | None:
    """A participle put before its subject, told as a claim of its own: "Born in Port Elmar,
    Amira Haddad has lived in the capital" → "Amira Haddad was born in Port Elmar."; None
    for any other claim. The subject is the main verb's (from the parse), or the name
    right after the comma where the parser hung it elsewhere."""
    from conflictscan.text import _parsing as parsing

    found = _FRONTED_RE.match(text)
    if found is None:
        return None
    tokens = parsing.parse_one(text) if parsing.is_available() else ()
    subj = next(
        (t for t in tokens if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None
    )
    if subj is not None and subj.pos_ != "PRON":
        who = subj.doc[subj.left_edge.i : subj.i + 1].text
    else:
        name = _NAME_RE.match(found.group("rest"))
        if name is None:
            return None
        who = name.group()
    return f"{who} was {found.group('verb').lower()} {found.group('where')}."


def _fronted_clash(a: str, b: str) -> tuple[str, str, str] | None:
    """:func:`place_clash` with a fronted participle on either side told as its own claim."""
    xs, ys = (a, fronted(a)), (b, fronted(b))
    for x in xs:
        for y in ys:
            if x is not None and y is not None and (x, y) != (a, b):
                found = place_clash(x, y)
                if found is not None:
                    return found
    return None


def place_evidence(a: str, b: str) -> list[Evidence]:
    """One event put in two places (:func:`place_clash`), unless the claims give different
    figures: "Rents rose 4 percent in Leeds" / "7 percent in Derby" are parallel figures for
    two places, and so is anything else written in digits that differs; or put in a place
    and miles from it (:func:`distance_clash`)."""
    distance = distance_clash(a, b)
    if distance is not None:
        x, y, action = distance
        note = f"{x} vs {y} for the same event ({action})"
        return [Evidence("place", x, y, PLACE_SCORE, note)]
    digits = [set(_DIGITS_RE.findall(t)) for t in (a, b)]
    if all(digits) and digits[0] != digits[1]:
        return []
    clash = place_clash(a, b) or _fronted_clash(a, b)
    if clash is None:
        return []
    x, y, action = clash
    note = f"{x.title()} vs {y.title()} for the same event ({action})"
    return [Evidence("place", x.title(), y.title(), PLACE_SCORE, note)]
