"""Two accounts of how one thing happened: an accident or a deliberate act, a surrender or
a capture, leaving office or being made to.

Input: two claim texts (attribution already removed). Output: the combiner feature
``cause_clash`` (:func:`cause_clash`) and ``"cause"`` :class:`~conflictscan.Evidence`
(:func:`cause_evidence`).

"The blaze was caused by an electrical fault" / "Investigators believe the fire was
started deliberately": the two share no word that negates the other, and the model reads
such pairs as neutral (0.47 / 0.51). An accident and a deliberate act cannot both be the
cause of one event. Both claims must name the event with a word of one group (fire, blaze,
inferno; explosion, blast; crash, collision), and each must say one cause only. A denied
cause counts as its opposite: "Police have ruled out arson" says the fire was no arson.

"The suspect handed himself in at a police station" / "The suspect was caught after a car
chase" are two accounts of one arrest (the model reads 0.05 / 0.04): a surrender is no
capture. Both claims must be about the same person (:func:`~conflictscan.signals._survival.
same_person`). Being arrested is no capture (who surrenders is arrested too), nor is being
"caught on camera".

"The blackout was caused by a cyberattack on the grid" / "A falling tree triggered the
blackout" name two causes of one event (the model reads 0.6 / 0.3). Both claims must name
an event word of one kind (a blackout, an outbreak, a derailment …) and each a cause by a
word that says so ("caused by", "due to", "blamed on", "traced to", "triggered", "led to");
the two causes share no word, are not both accidents (or both deliberate), and neither is
denied ("was not caused by"), left open ("may have been caused by") or set against
another ("a tree rather than a cyberattack"). A cause that names nothing ("factors outside
its control") is not read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._evidence import clash_evidence
from conflictscan.signals._scene import unsettled
from conflictscan.signals._survival import same_person
from conflictscan.text._syntax import words

CAUSE_SCORE = 0.8
"""Strength of ``"cause"`` evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""
_DELIBERATE_RE = re.compile(
    r"\b(?:deliberately|intentionally|on\s+purpose|arson\w*|(?:was|were|been)\s+set\s+"
    r"(?:alight|on\s+fire)|torched|(?:a|an)\s+(?:bomb|(?:incendiary|explosive)\s+device)|"
    r"(?:a|an)\s+(?:deliberate|intentional)\s+(?:act|attack)|not\s+(?:an\s+)?accident(?:al)?)\b",
    re.IGNORECASE,
)
_ACCIDENTAL_RE = re.compile(
    r"\b(?:accidental(?:ly)?|(?:a|an)\s+(?:tragic\s+|terrible\s+)?accident|electrical\s+fault|"
    r"(?:an\s+electrical\s+)?short[- ]circuit|"
    r"faulty\s+(?:wiring|equipment|appliance)|(?:a|an)\s+gas\s+leak|a\s+discarded\s+cigarette|"
    r"lightning\s+strike|not\s+(?:being\s+)?(?:treated\s+as\s+)?suspicious|"
    r"no\s+(?:sign|signs|evidence|suggestion)\s+of\s+(?:foul\s+play|arson|(?:a|any)\s+crime)|"
    r"no\s+foul\s+play|ruled\s+out\s+(?:arson|foul\s+play|sabotage|terrorism|a\s+bomb))\b",
    re.IGNORECASE,
)
_EVENTS = {
    **dict.fromkeys(("fire", "fires", "blaze", "blazes", "inferno", "flames"), "fire"),
    **dict.fromkeys(("explosion", "explosions", "blast", "blasts"), "explosion"),
    **dict.fromkeys(("crash", "collision", "derailment"), "crash"),
    **dict.fromkeys(("death", "died", "killed", "killing"), "death"),
}
_WORD_RE = re.compile(r"[a-z]+")


def _events(text: str) -> frozenset[str]:
    return frozenset(_EVENTS[w] for w in _WORD_RE.findall(text.lower()) if w in _EVENTS)


def _cause(text: str) -> tuple[str, str] | None:
    """("deliberate" or "accidental", the words that say so), or None (neither, both, or
    left open: :func:`~conflictscan.signals._scene.unsettled`).
    "ruled out arson" and "no evidence of arson" are read as accidental, not deliberate."""
    accidental = _ACCIDENTAL_RE.search(text)
    deliberate = [
        m
        for m in _DELIBERATE_RE.finditer(text)
        if not (accidental and accidental.start() <= m.start() < accidental.end())
    ]
    found = accidental or (deliberate[0] if deliberate else None)
    if found is None or (accidental and deliberate) or unsettled(text[: found.start()]):
        return None  # neither, both, or left open ("investigating whether it was arson")
    return ("accidental" if accidental else "deliberate"), found.group()


_CAUSED_EVENTS = words(
    "blackout outage fire blaze explosion blast crash collapse derailment outbreak breach "
    "flood flooding delay cancellation shortage leak spill accident collision closure failure "
    "poisoning sinking landslide"
)
_CAUSE_AFTER_RE = re.compile(
    r"\b(?:caused\s+by|due\s+to|blamed\s+on|traced\s+to|triggered\s+by|sparked\s+by|"
    r"the\s+result\s+of)\s+(?P<cause>[^,.;]+)",
    re.IGNORECASE,
)
_CAUSE_BEFORE_RE = re.compile(
    r"^(?P<cause>[^,.;]{3,80}?)\s+(?:caused|triggered|sparked|forced|led\s+to)\s+(?P<rest>[^,.;]+)",
    re.IGNORECASE,
)
_TRACED_RE = re.compile(r"\btraced\s+(?:[\w'’-]+\s+){0,4}?to\s+(?P<cause>[^,.;]+)", re.IGNORECASE)
_SET_AGAINST_RE = re.compile(r"\b(?:rather\s+than|instead\s+of|not|and\s+not)\b", re.IGNORECASE)
_CAUSE_STOP = words(
    "the a an of to in on at by for from with and or its their his her was were is are has "
    "had been be this that which who after before during over under into as"
)
_VAGUE_CAUSE = words(
    "factor reason circumstance issue problem matter thing control beyond outside various "
    "several number variety range unforeseen other many some"
)
"""Stems of a cause that names nothing ("factors outside its control"): not read."""


def _stems(text: str) -> frozenset[str]:
    return frozenset(w.rstrip("s") for w in _WORD_RE.findall(text.lower()) if w not in _CAUSE_STOP)


def _named_causes(text: str) -> tuple[frozenset[str], list[tuple[str, frozenset[str]]]]:
    """The event words of a claim and each cause it names for one, as (words, stems)."""
    events = _stems(text) & _CAUSED_EVENTS
    found = [*_CAUSE_AFTER_RE.finditer(text), *_TRACED_RE.finditer(text)]
    before = _CAUSE_BEFORE_RE.search(text)
    if before and _stems(before.group("rest")) & _CAUSED_EVENTS:
        found.append(before)
    out = []
    for match in found:
        cause = match.group("cause")
        if _SET_AGAINST_RE.search(cause) or (
            match.start() > 0
            and (unsettled(text[: match.start()]) or _NOT_RE.search(text[: match.start()]))
        ):
            return events, []  # denied, left open or set against another cause: not read
        stems = _stems(cause) - _CAUSED_EVENTS
        if stems - _VAGUE_CAUSE:
            out.append((cause.strip(), stems))
    return events, out


def _two_causes(a: str, b: str) -> tuple[str, str] | None:
    """The causes' words when the claims name two causes of one event (module docstring)."""
    (events_a, causes_a), (events_b, causes_b) = _named_causes(a), _named_causes(b)
    if not (events_a & events_b) or not causes_a or not causes_b:
        return None
    if any(x & y for _, x in causes_a for _, y in causes_b):
        return None
    kind_a, kind_b = _cause(a), _cause(b)
    if kind_a is not None and kind_b is not None and kind_a[0] == kind_b[0]:
        return None  # "faulty wiring" / "a short circuit": both accidents
    return causes_a[0][0], causes_b[0][0]


_SURRENDER_RE = re.compile(
    r"\b(?:surrendered|(?:handed|turned)\s+(?:himself|herself|themselves)\s+in|gave\s+"
    r"(?:himself|herself|themselves)\s+up|walked\s+into\s+a\s+police\s+station)\b",
    re.IGNORECASE,
)
_CAPTURE_RE = re.compile(
    r"\b(?:captured|caught(?!\s+on\s+(?:camera|cctv|video|film|tape))|tracked\s+down|"
    r"tackled|cornered|run\s+to\s+ground)\b",
    re.IGNORECASE,
)


# Who left office of their own will, and who was made to: "The coach stepped down" / "The
# coach was sacked". "Forced to resign" says both and is read as made to; "fired" counts
# only in the passive ("fired shots" is no dismissal), "retired" and "quit" not at all
# ("the retired general", "quit social media").
_LEFT_RE = re.compile(
    r"\b(?:resigned(?!\s+(?:to|himself|herself|themselves)\b)|stepped\s+down|left\s+"
    r"(?:home\s+|the\s+house\s+)?(?:voluntarily|of\s+(?:his|her|their)\s+own\s+accord)|"
    r"(?:chose|decided)\s+to\s+"
    r"(?:resign|step\s+down|leave))\b",
    re.IGNORECASE,
)
_MADE_TO_RE = re.compile(
    r"\b(?:(?:was|were|be|been|being|got)\s+(?:(?!not\b|never\b)\w+\s+)?(?:sacked|fired|"
    r"dismissed|ousted|axed|"
    r"removed|forced\s+out|pushed\s+out|let\s+go)|(?:sacked|dismissed|ousted|axed)\s+"
    r"(?:\w+\s+){0,3}?(?:manager|coach|chief|head|director|minister|secretary|boss|captain|"
    r"president|chairman|chairwoman|chair|him|her|them)|(?:forced|asked|told|pressured)\s+"
    r"(?:\w+\s+)?to\s+(?:resign|step\s+down|quit|leave)|(?:was|were)\s+(?:taken|dragged|"
    r"snatched)\s+(?:\w+\s+){0,4}?by\s+force|(?:was|were)\s+(?:abducted|kidnapped))\b",
    re.IGNORECASE,
)
# How someone died: of natural causes, or killed. "The singer died of natural causes" /
# "The singer was murdered"; "died of a heart attack" / "was beaten to death". A death
# "not treated as suspicious" is read as natural; "treated as suspicious" is left open.
_NATURAL_RE = re.compile(
    r"\b(?:(?:died|death)\s+(?:\w+\s+){0,3}?(?:of|from)\s+(?:natural\s+causes|(?:an?\s+)?"
    r"(?:(?:suspected\s+|massive\s+|sudden\s+)?(?:heart\s+attack|stroke|cardiac\s+arrest)|"
    r"cancer|(?:long\s+|short\s+)?illness|pneumonia))|natural\s+causes|"
    r"(?:was|is)\s+not\s+(?:being\s+)?(?:treated\s+as\s+)?suspicious|"
    r"no\s+(?:suspicious\s+circumstances|(?:signs?\s+of\s+)?foul\s+play))\b",
    re.IGNORECASE,
)
_KILLED_RE = re.compile(
    r"\b(?:murdered|strangled|poisoned|beaten\s+to\s+death|stabbed\s+to\s+death|shot\s+dead|"
    r"(?:was|were|been)\s+(?:(?!not\b|never\b)\w+\s+)?(?:killed|shot|stabbed)|"
    r"unlawfully\s+killed|(?:a|the)\s+victim\s+of\s+(?:a\s+)?(?:murder|homicide))\b",
    re.IGNORECASE,
)
_NOT_RE = re.compile(r"(?:\b(?:not|never)|n['’]t)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _one_way(
    text: str, first: re.Pattern[str], second: re.Pattern[str], names: tuple[str, str]
) -> tuple[str, str] | None:
    """(``names[0]`` or ``names[1]``, the words that say so) when ``text`` tells one of
    two ways and not the other, neither left open, denied or negated; else None."""
    one, other = first.search(text), second.search(text)
    if one is not None and other is not None and second is _MADE_TO_RE:
        one = None  # "resigned after being told he would be sacked": made to
    found = one or other
    if found is None or (one and other):
        return None
    before = text[: found.start()]
    if unsettled(before) or _NOT_RE.search(before):
        return None
    return (names[0] if one else names[1]), found.group()


def _opposed(x: tuple[str, str] | None, y: tuple[str, str] | None) -> tuple[str, str] | None:
    """The two accounts' words when both give one and they differ, else None."""
    return (x[1], y[1]) if x is not None and y is not None and x[0] != y[0] else None


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str] | None:
    causes = _opposed(_cause(a), _cause(b))
    shared = _events(a) & _events(b)
    if causes is not None and shared and (shared != {"death"} or same_person(a, b)):
        return causes  # a death: "was a tragic accident" / "was killed deliberately"
    for first, second, names in (
        (_SURRENDER_RE, _CAPTURE_RE, ("surrender", "capture")),
        (_LEFT_RE, _MADE_TO_RE, ("left", "made to leave")),
        (_NATURAL_RE, _KILLED_RE, ("natural", "killed")),
    ):
        ways = _opposed(_one_way(a, first, second, names), _one_way(b, first, second, names))
        if ways is not None and same_person(a, b):
            return ways
    return _two_causes(a, b)


def cause_clash(a: str, b: str) -> float:
    """1.0 when one claim calls an event an accident and the other a deliberate act, or
    has someone surrender (or leave office) whom the other has captured (or made to
    leave), or the two name different causes of one event."""
    return float(_clash(a, b) is not None)


def cause_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`cause_clash` as evidence of kind ``"cause"``.

    Example:
        >>> cause_evidence("The blaze was caused by an electrical fault.",
        ...                "The fire was started deliberately.")[0].note
        "two accounts of how it happened: 'electrical fault' vs 'deliberately'"
    """
    return clash_evidence(_clash(a, b), "cause", CAUSE_SCORE, "two accounts of how it happened")
