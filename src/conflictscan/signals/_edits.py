"""Minimal edits: one claim written as the other with a few words changed.

Input: two claim texts. Output: combiner features for
:func:`conflictscan.signals.features`:

* ``minimal_edit``: ``b`` is ``a`` with at most two stretches of words changed ("The summit
  will be held in Quellin next month" / "... in Amsel next month"), the pair shape NLI
  models are trained and calibrated on;
* ``compatible_edit``: a minimal edit whose changed stretches are only numbers, with their
  qualifiers, that can all be true together ("Fewer than 100 people attended the rally" /
  "Some 80 people attended the rally"). Everything else is written the same, so the two
  claims agree; an NLI model often reads such a pair as a clash of numbers;
* ``opposite_edit``: a minimal edit that changes one word, outside the subject, into its
  opposite ("The driver was sober" / "The driver was drunk", "The river is rising" / "...
  falling"): the same claim said both ways. The NLI model reads most such pairs as
  contradictions, but not all ("sober" / "drunk" reads as neutral);
* ``elaboration``: one claim is the other with words added in one place that only say
  more ("The vote was postponed" / "The vote was postponed until March"): the longer
  claim says all the shorter one does, though an NLI model may read the pair as a
  contradiction.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._lexicon import _Tok, _tokens
from conflictscan.signals._numbers import Quantity, _quantities
from conflictscan.text._syntax import words

MINIMAL_EDIT_SPANS = 2
MINIMAL_EDIT_SHARED = 0.5
_QUALIFYING = words(
    "a an about around roughly approximately some nearly almost just over under more less "
    "fewer than at least most up to estimated close below above"
)
"""Words a changed number may bring along ("fewer than 100" / "some 80")."""
OPPOSITE_SCORE = 0.8
"""Strength of ``"opposite"`` evidence, and the confidence a combiner keeps an opposite
edit at (see :mod:`conflictscan._aggregation`)."""

# Pairs of words that cannot both hold of one thing at one time. Words that mostly pick
# out one of two things ("northern" / "southern", "men's" / "women's", "private" /
# "public", "first" / "last", imports / exports) are left out: changed, they name another
# thing, not the opposite of the same one.
_OPPOSITE_PAIRS = """
alive dead; living dead; open closed; open shut; opened closed; reopened closed; sober drunk;
guilty innocent; true false; full empty; legal illegal; lawful unlawful; safe unsafe;
present absent; married single; won lost; win lose; wins loses; winning losing;
rose fell; rises falls; rising falling; risen fallen; increased decreased;
increases decreases; increasing decreasing; increase decrease; higher lower;
above below; before after; more fewer; more less; majority minority; all none;
always never; everyone nobody; everybody nobody; accepted rejected; approved rejected;
passed failed; acquitted convicted; allowed banned; permitted banned; allowed forbidden;
confirmed denied; succeeded failed; success failure; profit loss; gained lost;
expanded contracted; expanding contracting; raised cut; raised lowered; hiked cut;
hired fired; strong weak; stronger weaker; larger smaller; bigger smaller;
largest smallest; highest lowest; best worst; better worse; positive negative;
survived died; survive die; supports opposes; supported opposed; support oppose;
for against; victory defeat; accept reject; accepts rejects; agreed refused;
present missing; awake asleep; visible invisible; armed unarmed; possible impossible;
approve reject; approves rejects; upheld overturned; upheld overruled; on off;
youngest oldest; younger older; fastest slowest; faster slower; richest poorest;
wide narrow; wider narrower; deep shallow; deeper shallower; high low; hot cold;
warm cold; cheap expensive; cheaper dearer; early late; earlier later; fast slow;
heavy light; heavier lighter; thick thin; wet dry; tall short; long short; longer shorter;
rich poor; easy difficult; easier harder; quiet noisy; quiet busy; calm rough;
clean dirty; peaceful violent; stable unstable; likely unlikely; healthy ill; healthy sick;
rare common; ahead behind; sufficient insufficient; adequate inadequate; real fake;
genuine fake; official unofficial; voluntary compulsory; optional compulsory;
optional mandatory; temporary permanent; partial complete; partial total; secret public;
"""
# A rise said with one verb against a fall said with another ("Exports doubled" /
# "Exports halved", "Prices climbed" / "Prices dropped"): each up word with each down word.
_UP_WORDS = "rose increased grew climbed jumped soared surged gained doubled tripled"
_DOWN_WORDS = "fell decreased dropped declined shrank plunged slumped tumbled halved sank"
_OPPOSITES = frozenset(
    frozenset(pair.split()) for pair in _OPPOSITE_PAIRS.split(";") if len(pair.split()) == 2
) | frozenset(frozenset((up, down)) for up in _UP_WORDS.split() for down in _DOWN_WORDS.split())
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def _words(text: str) -> list[_Tok]:
    return [t for t in _tokens(text) if t.text[0].isalnum()]


@lru_cache(maxsize=4096)
def _opcodes(a: str, b: str) -> tuple[list[_Tok], list[_Tok], list[tuple]]:
    words_a, words_b = _words(a), _words(b)
    matcher = SequenceMatcher(
        None, [t.low for t in words_a], [t.low for t in words_b], autojunk=False
    )
    return words_a, words_b, matcher.get_opcodes()


def minimal_edit(a: str, b: str) -> float:
    """1.0 when ``b`` is ``a`` with at most two stretches of words changed.

    At least half of each claim's words are shared, in order, and they differ somewhere.
    Such pairs are the shape NLI models are trained and calibrated on, and one that
    reports of an event by different outlets rarely take.

    Args:
        a: First claim.
        b: Second claim.

    Returns:
        1.0 or 0.0.
    """
    words_a, words_b, blocks = _opcodes(a, b)
    if min(len(words_a), len(words_b)) < 3:
        return 0.0
    edits = sum(tag != "equal" for tag, *_ in blocks)
    shared = sum(i2 - i1 for tag, i1, i2, _, _ in blocks if tag == "equal")
    return float(
        0 < edits <= MINIMAL_EDIT_SPANS
        and shared >= MINIMAL_EDIT_SHARED * max(len(words_a), len(words_b))
    )


_NOT_ELABORATING = words(
    "not no never none nobody nothing neither nor without cannot almost nearly barely "
    "hardly narrowly only just merely less more fewer least most partly partially may might "
    "could would should allegedly reportedly apparently supposedly possibly probably "
    "failed fail fails refused refuse refuses former ex formerly previously once longer "
    "false fake wrongly instead rather than except unless denied deny denies denying "
    "dismissed rejected disputed said says say told tells according reported reports "
    "claimed claims added stated announced insisted quoted scrapped scraps abandoned "
    "abandons dropped drops shelved shelves ditched axed cancelled canceled cancels halted "
    "suspended withdrew withdrawn reversed revoked rescinded retracted"
)
"""Words that make an added stretch say something else than the shorter claim: a
negation ("was not postponed"), a degree ("almost sank"), a hedge ("may have been"), a
failure, a time before ("the former minister"), an exception ("all survived except
two"), a denial, a report ("Holm told a rally that …": who said it may be what
two accounts disagree on), or a step undone ("has scrapped plans to open a route"). A
contrast that only adds ("found alive but suffering from hypothermia") is an
elaboration; one that adds an opposite ("won the match but lost the title") is caught by
the opposites list."""


def elaboration(a: str, b: str) -> float:
    """1.0 when one claim is the other with words added in one place, and the added words
    only say more: "The vote was postponed" / "The vote was postponed until March", "The
    hikers were found alive" / "... alive and well". The longer claim then says all the
    shorter one says, so the two cannot clash, whatever an NLI model reads.

    An added stretch with a negation, a degree, a hedge, a failure, an earlier time, an
    exception, a denial, a report or a step undone (:data:`_NOT_ELABORATING`: "was *not*
    postponed", "*almost* sank", "*may* have", "the *former* minister", "has *scrapped*
    plans"), or the opposite of a word of the shorter claim ("won the tie but *lost* the
    final"), is no elaboration.

    Args:
        a: First claim.
        b: Second claim.

    Returns:
        1.0 or 0.0.
    """
    words_a, words_b, blocks = _opcodes(a, b)
    changed = [block for block in blocks if block[0] != "equal"]
    if len(changed) != 1 or changed[0][0] not in ("insert", "delete"):
        return 0.0
    if min(len(words_a), len(words_b)) < 2:
        return 0.0
    tag, i1, i2, j1, j2 = changed[0]
    added = words_b[j1:j2] if tag == "insert" else words_a[i1:i2]
    lows = {t.low for t in added if t.text != "May"}  # the month, not the hedge
    if lows & _NOT_ELABORATING or any(w.endswith(("n't", "n’t")) for w in lows):
        return 0.0
    kept = {t.low for t in (words_a if tag == "insert" else words_b)}
    return float(not any(frozenset((w, x)) in _OPPOSITES for w in lows for x in kept))


def compatible_edit(a: str, b: str) -> float:
    """1.0 when the claims are a minimal edit of each other in numbers that agree.

    Every changed word on either side lies in a number phrase (or is a qualifier such as
    "some", "nearly", "fewer than"), each side changes at least one number, and every
    changed number of one side can be true together with every changed number of the
    other, read as generously as :class:`~conflictscan.signals.Quantity` reads it ("more
    than 150" / 162; "about 500" / 480). The same numbers in another order ("by 52 votes
    to 48" / "by 48 votes to 52") are not compatible.

    Args:
        a: First claim.
        b: Second claim.

    Returns:
        1.0 or 0.0.
    """
    if not minimal_edit(a, b):
        return 0.0
    words_a, words_b, blocks = _opcodes(a, b)
    changed_a = [t for tag, i1, i2, _, _ in blocks if tag != "equal" for t in words_a[i1:i2]]
    changed_b = [t for tag, _, _, j1, j2 in blocks if tag != "equal" for t in words_b[j1:j2]]
    numbers_a = _changed_numbers(a, changed_a)
    numbers_b = _changed_numbers(b, changed_b)
    if not numbers_a or not numbers_b:
        return 0.0
    if len(numbers_a) > 1 and sorted(q.value for q in numbers_a) == sorted(
        q.value for q in numbers_b
    ):
        return 0.0  # the same figures swapped round
    return float(all(x.unit == y.unit and x.overlaps(y) for x in numbers_a for y in numbers_b))


def _changed_numbers(text: str, changed: list[_Tok]) -> list[Quantity] | None:
    """The quantities a changed stretch touches, or None if it changes anything else."""
    quantities = _quantities(text)
    touched: dict[int, Quantity] = {}
    for tok in changed:
        inside = [q for q in quantities if q.start <= tok.start and tok.end <= q.end]
        if inside:
            touched[inside[0].start] = inside[0]
        elif tok.low not in _QUALIFYING:
            return None
    return list(touched.values())


def _swapped_word(a: str, b: str) -> tuple[_Tok, _Tok] | None:
    """The one word ``b`` writes in place of one of ``a``'s, the rest word for word."""
    words_a, words_b, blocks = _opcodes(a, b)
    changed = [block for block in blocks if block[0] != "equal"]
    if len(changed) != 1 or min(len(words_a), len(words_b)) < 3:
        return None
    tag, i1, i2, j1, j2 = changed[0]
    if tag != "replace" or i2 - i1 != 1 or j2 - j1 != 1:
        return None
    return words_a[i1], words_b[j1]


def _in_subject(text: str, tok: _Tok) -> bool | None:
    """Whether ``tok`` lies in the subject of ``text`` ("the *winning* team celebrated");
    None without a parse."""
    from conflictscan.text import _parsing as parsing
    from conflictscan.text._speech import MAX_PARSE_CHARS

    if len(text) > MAX_PARSE_CHARS or not parsing.is_available():
        return None
    doc = parsing.parse_one(text)
    for word in doc:
        if word.idx <= tok.start < word.idx + len(word):
            return any(t.dep_ in _SUBJECT_DEPS for t in (word, *word.ancestors))
    return None


@lru_cache(maxsize=4096)
def _opposite(a: str, b: str) -> tuple[str, str] | None:
    swapped = _swapped_word(a, b)
    if swapped is None or frozenset((swapped[0].low, swapped[1].low)) not in _OPPOSITES:
        return None
    if _in_subject(a, swapped[0]) is not False or _in_subject(b, swapped[1]) is not False:
        return None  # the word picks out whom the claim is about, or no parse
    return swapped[0].text, swapped[1].text


def opposite_edit(a: str, b: str) -> float:
    """1.0 when ``b`` is ``a`` with one word, outside the subject, changed into its opposite.

    The opposites are a built-in list of words that cannot both hold of one thing at one
    time ("open" / "closed", "sober" / "drunk", "rose" / "fell", "acquitted" /
    "convicted"). A changed word in the subject ("the winning team" / "the losing team")
    names another thing and does not count. Read from a parse: 0.0 without spaCy.

    Args:
        a: First claim.
        b: Second claim.

    Returns:
        1.0 or 0.0.
    """
    return float(_opposite(a, b) is not None)


def opposite_evidence(a: str, b: str) -> list[Evidence]:
    """The changed word of :func:`opposite_edit` as evidence of kind ``"opposite"``.

    Example:
        >>> opposite_evidence("The driver was sober.", "The driver was drunk.")[0].note
        ...  # doctest: +SKIP
        "one word changed into its opposite: 'sober' vs 'drunk'"
    """
    found = _opposite(a, b)
    if found is None:
        return []
    note = f"one word changed into its opposite: '{found[0]}' vs '{found[1]}'"
    return [Evidence("opposite", found[0], found[1], OPPOSITE_SCORE, note)]
