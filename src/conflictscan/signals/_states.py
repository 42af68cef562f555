"""A state said to have ended against the same state said to go on.

Input: two claim texts (attribution already removed). Output: :func:`state_clash` in
{0, 1}, a combiner feature. One claim says a state ended ("the road reopened", "the ship was
refloated", "Reszka was freed on bail", "trains have run normally since Wednesday") and
the other that it goes on ("remains closed", "was still aground", "remained in custody",
"will not run again before Friday", "will stay shut until at least Friday"), or one says a
fire was put out ("extinguished") and the other that crews are still battling it (a fire,
blaze or inferno is one fire), or that someone was caught ("the gunman was arrested", "is
in police custody", or against "at large" "remains in custody"), left office ("the
minister resigned"), that a rule ended ("the law was repealed") or that a structure was
wrecked ("the footbridge collapsed", "the ferry sank") and the other that he is still at
large, still in office, that the rule is still in force or the structure still open,
standing or afloat, and both are about the same thing: the subjects (or, for "officials
reopened the hospital", what the action is done to) share a head word or a name, read from
the parse, and neither is another one of its kind ("a second fire"). A count before the
state word ("Three of five workers were freed" / "Two workers remain held") may be two
parts of one group, so it is no clash. Each ending undoes one family of states, and the
going-on words must name that state or hold the ending back: "released from custody"
clashes with "remained in custody" and "has yet to be released", not with "remains barred
from leaving the country".

An NLI model often reads such pairs as neutral: "reopened" and "remains closed" share no
word that negates the other. Whether the two claims speak of one moment is left to the
time features (``time_shift``: "remained closed on Monday" / "reopened on Wednesday" is a
change, not a clash), which the combiner weighs beside this one; a state said to go on on
days that all come before the ending's ("still burning on Wednesday" / "extinguished on
Thursday") is read here as the change it is. A negated ending ("would
not reopen before next week") is no ending; one still to come ("are due to reopen on
Thursday") says the state holds now, so it clashes only with the opposite state going on
("remain open") or with the state going on with no end in sight ("talks will resume next
week" / "talks have been suspended indefinitely"); and a claim that says both is neither.
Without a parse (spaCy not installed) the feature is 0.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._dates import DateMention, _dates
from conflictscan.signals._subjects import Subject, ranked_apart, subject
from conflictscan.signals._timing import _PERSISTS_RE, _SPAN_EDGE_WORDS, _span_edge, _time_order

STATE_SCORE = 0.75
"""Strength of ``"state"`` evidence: the share of its dev-story firings that were conflicts
when it was added (6 of 8)."""
_ENDED_RE = re.compile(
    r"\b(?:re-?open(?:ed|s|ing)?|opened\s+to\s+traffic|resum(?:e|ed|es|ing)|refloated|freed|"
    r"released|rescued|found\s+alive|lifted|restored|called\s+off|"
    r"(?:re)?arrested|(?:re)?captured|apprehended|taken\s+(?:back\s+)?into\s+custody|"
    r"(?:is|are|was|were|now)\s+in\s+(?:police\s+)?custody|"
    r"back\s+(?:behind\s+bars|in\s+(?:custody|prison|jail))|"
    r"resigned|stepped\s+down|(?:was|been)\s+(?:sacked|fired|ousted|dismissed)|"
    r"repealed|revoked|abolished|scrapped|struck\s+down|"
    r"collapsed|destroyed|demolished|razed|flattened|sank|sunk|burn(?:ed|t)\s+down|"
    r"evacuated|brought\s+ashore|disembarked|airlifted\s+(?:off|out|to\s+safety)|taken\s+off\s+"
    r"(?:the\s+|a\s+)?(?:[\w-]+\s+)?(?:vessel|ship|boat|ferry|tanker|freighter|trawler|yacht|plane|aircraft|jet|helicopter|train|rig|liner)|"
    r"(?:run|runs|running|ran)\s+normally|returned\s+to\s+(?:lessons|classes|work|service|normal)|"
    r"extinguished|put\s+out|published)\b",
    re.IGNORECASE,
)
# Besides the words that say any state went on ("still", "remained", "yet to"):
_STAYS_SHUT_RE = re.compile(
    r"(?:\bstay(?:s|ed)?\s+(?:shut|closed)|\buntil\s+at\s+least|(?:\bnot|n['’]t)\s+"
    r"(?:re-?open|run|resume)\w*|\b(?:suspended|closed|shut|halted|grounded)\s+indefinitely)\b",
    re.IGNORECASE,
)
_INDEFINITE_RE = re.compile(r"\bindefinitely\b", re.IGNORECASE)
"""A state said to go on with no end in sight, which no planned ending can meet."""
_COUNT_RE = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
    r"several|some|most|many|few|all|none|half|rest|others?)\b"
    r"(?!\s+(?:hours?|days?|weeks?|months?|years?)\b)",  # "two weeks after": a time, no count
    re.IGNORECASE,
)
_LOOSE_ENDS = frozenset({"on", "in", "at", "by", "for", "to", "of", "the", "a", "an", "and"})
_TAIL_RE = re.compile(r"(?:\s+[\w'’-]+){0,2}")
# "would not reopen before next week", "won't reopen", "has yet to be released": no ending.
_NEGATED_RE = re.compile(
    r"(?:\b(?:not|never|no|yet\s+to|before|until)|n['’]t)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)


# "are due to reopen on Thursday", "will reopen", "is expected to resume": an ending still
# to come says the state holds now, so it clashes only with the opposite state going on
# ("will reopen on Wednesday" / "remain open"), not with "remain closed until Thursday".
_OPEN_RE = re.compile(r"\b(?:open|running|operating|in\s+service|normally)\b", re.IGNORECASE)
_PLANNED_RE = re.compile(
    r"(?:\b(?:will|would|could|may|might|shall|due\s+to|expected\s+to|set\s+to|scheduled\s+to"
    r"|planned\s+to|plans?\s+to|hopes?\s+to|aims?\s+to|going\s+to)|['’]ll)\s+(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)


# Each ending undoes one family of states, and only a state of that family going on
# clashes with it: "released from custody" / "remains barred from leaving the country" is
# two states of one man. The going-on words must name the family's state, or the ending
# itself held back ("has yet to be released", "would not reopen").
_FAMILIES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(ending, re.IGNORECASE), re.compile(state, re.IGNORECASE))
    for ending, state in (
        (
            r"open|traffic|resum|normally|service|lessons|classes|work|normal",
            r"\b(?:clos\w*|shut|suspend\w*|halt\w*|block\w*|cut|out\s+of\s+service|"
            r"off-limits|sealed|impassable|open|running|operating|in\s+service)\b",
        ),
        (r"refloat", r"\b(?:aground|stuck|grounded|stranded|wedged)\b"),
        (
            r"evacuat|taken|ashore|disembark|airlift|rescued",
            r"\b(?:on\s+board|aboard|stranded|trapped|inside|stuck)\b",
        ),
        (
            r"freed|released|rescued",
            r"\b(?:held|hold\w*|custody|detain\w*|detention|captiv\w*|hostages?|jail\w*|"
            r"prison\w*|behind\s+bars|trapped|kidnapped|abducted|missing|locked|arrest|"
            r"imprisoned|in\s+the\s+hands)\b",
        ),
        (r"found", r"\b(?:missing|unaccounted|lost|not\s+been\s+found)\b"),
        (
            r"lifted|repeal|revoked|abolish|scrapped|struck",
            r"\b(?:in\s+(?:place|force|effect)|imposed|banned|closed|valid|law|on\s+the\s+books)\b",
        ),
        (r"restored", r"\b(?:out|cut|without|down|off|dark)\b"),
        (
            r"collaps|destroy|demolish|razed|flattened|sank|sunk|burn",
            r"\b(?:open|standing|intact|in\s+use|afloat|operating|in\s+service|sound|undamaged)\b",
        ),
        (r"called", r"\b(?:go(?:es|ing)?\s+ahead|on|under\s*way|continu\w*|strike)\b"),
        (
            r"extinguish|put",
            r"\b(?:battl\w*|fight\w*|tackl\w*|burn\w*|rag(?:es|ed|ing)|ablaze|blazing|alight)\b",
        ),
        (
            r"arrest|captur|apprehend|custody|bars|prison|jail",
            r"\b(?:at\s+large|on\s+the\s+run|fugitive|loose|free|evad\w*|wanted|escaped)\b",
        ),
        (
            r"resign|stepped|sacked|fired|ousted|dismissed",
            r"\b(?:in\s+office|in\s+(?:his|her|their|the)\s+(?:post|job|role|position)|in\s+charge"
            r"|in\s+power|at\s+the\s+helm|minister|president|chief|chair\w*|director|leader"
            r"|head|coach|manager|ceo|governor|mayor|secretary)\b",
        ),
    )
)
_STATE_TAIL_RE = re.compile(r"(?:\s+[\w'’-]+){0,4}")


def _same_family(ended: re.Match[str], going_on: str, goes_on: re.Match[str]) -> bool:
    """True when the going-on words (the match and up to four words after it) name the
    state the ending undoes, or hold the ending itself back."""
    tail = _STATE_TAIL_RE.match(going_on, goes_on.end())
    words = going_on[goes_on.start() : tail.end() if tail else goes_on.end()]
    if _ENDED_RE.search(words):
        return True  # "has yet to be released", "would not reopen"
    return any(state.search(words) for ending, state in _FAMILIES if ending.search(ended.group()))


def _goes_on(text: str) -> re.Match[str] | None:
    return _PERSISTS_RE.search(text) or _STAYS_SHUT_RE.search(text)


def _ending(text: str) -> re.Match[str] | None:
    """The first ending in ``text`` that is not negated."""
    return next(
        (m for m in _ENDED_RE.finditer(text) if not _NEGATED_RE.search(text[: m.start()])), None
    )


_HELD_NOW_RE = re.compile(
    r"\b(?:remain(?:s|ed)?|(?:is|are|was|were)\s+still|still)\s+(?:in\s+(?:police\s+)?"
    r"custody|behind\s+bars|in\s+(?:jail|prison))\b",
    re.IGNORECASE,
)
_AT_LARGE_RE = re.compile(r"\b(?:at\s+large|on\s+the\s+run)\b", re.IGNORECASE)


def _held_now(text: str, other: str) -> re.Match[str] | None:
    """Someone said to be still held ("remains in custody"), against the other claim's
    "at large" or "on the run": being held ends a time at large as an arrest does. Against
    any other state it is a state going on ("released" / "remained in custody")."""
    if not _AT_LARGE_RE.search(other):
        return None
    found = _HELD_NOW_RE.search(text)
    return None if found is None or _NEGATED_RE.search(text[: found.start()]) else found


def _planned(text: str, found: re.Match[str]) -> bool:
    return bool(_PLANNED_RE.search(text[: found.start()]))


_FIRES = {"blaze": "fire", "inferno": "fire", "wildfire": "fire", "bushfire": "fire"}
"""Words for one fire: "the fire was put out" / "crews were still battling the blaze"."""


def _another(subj: Subject) -> bool:
    """What the claim is about is another one of its kind ("a second fire")."""
    return subj.theme_other if subj.theme else subj.other


def _things(subj: Subject) -> frozenset[str]:
    """Head word (or, for an active verb with an object, the object's), with the rest of
    its name when it is a name ("the Hestia Crown"). A place named in the phrase ("the
    road through Fennick") is not the thing itself."""
    word, names = subj.target
    word = _FIRES.get(word, word)
    return frozenset({word} - {""}) | (names if word in names else frozenset())


def _opening(text: str, found: re.Match[str]) -> str:
    """The subject's place: the first six words, before the state word."""
    return " ".join(text[: found.start()].split()[:6])


def _counted(text: str, found: re.Match[str]) -> bool:
    """A count in the subject's place: some of a group, which may be another part of it.
    Dates further on do not count."""
    return bool(_COUNT_RE.search(_opening(text, found)))


def _one_count(a: str, found_a: re.Match[str], b: str, found_b: re.Match[str]) -> bool:
    """The same count, the only one, after "the" in both subjects' places: "The two men
    were released" / "The two men remain in detention" is one group; "Two workers were
    freed" / "Two workers remain held" may be two of four."""
    opening_a, opening_b = _opening(a, found_a), _opening(b, found_b)
    counts_a, counts_b = _COUNT_RE.findall(opening_a), _COUNT_RE.findall(opening_b)
    if len(counts_a) != 1 or len(counts_b) != 1 or counts_a[0].lower() != counts_b[0].lower():
        return False
    the = re.compile(rf"\bthe\s+{re.escape(counts_a[0])}\b", re.IGNORECASE)
    return bool(the.search(opening_a) and the.search(opening_b))


_WHOLE_RE = re.compile(r"\b(?:all|every|everyone|everybody|each)\b", re.IGNORECASE)


def _whole(text: str, found: re.Match[str]) -> bool:
    """The whole group in the subject's place: "All 214 passengers had been taken off",
    so any of them said to remain clashes."""
    return bool(_WHOLE_RE.search(_opening(text, found)))


def _phrase(text: str, found: re.Match[str]) -> str:
    """The matched words and up to two after them, to the next punctuation mark."""
    tail = _TAIL_RE.match(text, found.end())
    words = text[found.start() : tail.end() if tail else found.end()].split()
    while len(words) > 1 and words[-1].lower() in _LOOSE_ENDS:
        words.pop()  # "still aground on" -> "still aground"
    return " ".join(words)


_SEARCH_RE = re.compile(
    # "the search for the missing hiker was continuing", "divers were still searching for
    # the two fishermen": whoever is searched for is still missing.
    r"\bsearch(?:es)?\s+for\s+(?P<who>[^,;]+?)\s+(?:(?:is|was|are|were|has|had|have)\s+"
    r"(?:been\s+)?)?(?:still\s+)?(?:continu\w*|under\s?way|ongoing|going\s+on|goes\s+on)\b|"
    r"\b(?:is|was|are|were)\s+still\s+(?:searching|looking)\s+for\s+(?P<sought>[^,;]+?)"
    r"(?=\s*(?:[,.;]|$)|\s+(?:on|in|near|after|as|off)\b)",
    re.IGNORECASE,
)


def _search_told(text: str) -> tuple[str, str]:
    """(the claim to read, the words to quote): a search said to go on is read as the one
    searched for still missing ("the search for the hiker was continuing" → "the hiker
    is still missing")."""
    found = _SEARCH_RE.search(text)
    if found is None:
        return text, ""
    return f"{found.group('who') or found.group('sought')} is still missing.", found.group()


def _edge(text: str, mention: DateMention) -> bool:
    """A date that bounds a span ("until at least Friday", "by Monday"), not a moment told."""
    lead = text[: mention.start].lower().split()[-3:]
    return _span_edge(text, mention) or bool((_SPAN_EDGE_WORDS | {"by"}) & set(lead))


def _told_before(going_on: str, ending: str) -> bool:
    """ "still burning on Wednesday" / "extinguished on Thursday": every date of the claim
    that the state goes on lies before every date of the one that ends it."""
    on, end = ([d for d in _dates(t, None) if not _edge(t, d)] for t in (going_on, ending))
    return bool(on and end) and all(_time_order(x, y) == -1 for x in on for y in end)


@lru_cache(maxsize=4096)
def _clash(a: str, b: str) -> tuple[str, str, str] | None:
    """("a" or "b" for the side that ends the state, its ending words, the other side's
    going-on words), or None."""
    for side, ending, told in (("a", a, b), ("b", b, a)):
        going_on, quoted = _search_told(told)
        ended = _ending(ending) or _held_now(ending, going_on)
        goes_on = _goes_on(going_on)
        if ended is None or goes_on is None or _ending(going_on) is not None:
            continue
        counted = _counted(ending, ended) or _counted(going_on, goes_on)
        if (
            counted
            and not _whole(ending, ended)
            and not _one_count(ending, ended, going_on, goes_on)
        ):
            continue  # "Three of five workers were freed" / "Two workers remain held"
        if _planned(ending, ended) and not (
            _OPEN_RE.search(going_on) or _INDEFINITE_RE.search(going_on)
        ):
            continue  # "due to reopen on Thursday" / "will remain closed until Thursday"
        if not _same_family(ended, going_on, goes_on) or _told_before(going_on, ending):
            continue  # "released from custody" / "remains barred from leaving the country"
        s_end, s_on = subject(ending), subject(going_on)
        if s_end is None or s_on is None or _another(s_end) or _another(s_on):
            continue  # "the fire at the warehouse" / "a second fire"
        if _things(s_end) & _things(s_on) and not ranked_apart(s_end, s_on):
            return side, _phrase(ending, ended), quoted or _phrase(going_on, goes_on)
    return None


def state_clash(a: str, b: str) -> float:
    """1.0 when one claim ends a state the other says goes on, for one thing; else 0.0.

    Args:
        a: One claim.
        b: The other claim.

    Returns:
        1.0 or 0.0 (0.0 without a parse).

    Example:
        >>> state_clash("The coastal highway reopened on Wednesday.",
        ...             "The coastal highway remains closed.")  # doctest: +SKIP
        1.0
    """
    return 0.0 if _clash(a, b) is None else 1.0


def state_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`state_clash` as evidence of kind ``"state"``, for explanations.

    Its score, :data:`STATE_SCORE`, is what the reasons list needs to name it; the combiner
    weighs the ``state_clash`` feature, not this score.

    Example:
        >>> found = state_evidence("The coastal highway reopened on Wednesday.",
        ...                        "The coastal highway remains closed.")  # doctest: +SKIP
        >>> found[0].note  # doctest: +SKIP
        "a says it ended ('reopened on Wednesday'), b that it goes on ('remains closed')"
    """
    found = _clash(a, b)
    if found is None:
        return []
    side, ended, goes_on = found
    other = "b" if side == "a" else "a"
    note = f"{side} says it ended ('{ended}'), {other} that it goes on ('{goes_on}')"
    values = (ended, goes_on) if side == "a" else (goes_on, ended)
    return [Evidence("state", values[0], values[1], STATE_SCORE, note)]
