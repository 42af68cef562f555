"""Match results: one game reported with two different scores.

"Dunmere Athletic beat Rovena United 2-1" and "Dunmere Athletic, who beat Rovena United
3-1" cannot both be true, nor can "a 3-0 home defeat by Velmora City" and "Sunday's 3-1
loss to Velmora City". A score is read only next to a word for a result (beat, won,
defeat, loss, draw …), and only when the sentence holds one score: a tie over two legs,
a penalty shoot-out or a tennis match in sets has several, and is left alone. Two scores
clash when they differ as written in either order (which side won is a different
question, for the swap reader), the two sentences name a team in common near the score,
and neither names a team near its score that the other leaves out (then they are two
games: "beat Rovena 2-1" / "beat Skarn 3-1"), and both sentences place the game alike in
time ("last season", "a year ago", a year written out, or another day of the week in the
score's clause mark another game).
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._dates import _CALENDAR_WORDS, _WEEKDAYS
from conflictscan.signals._names import _proper_nouns
from conflictscan.signals._sides import result_sides, same_game

_PAIR = r"(?<![\w.,:/–-])(\d{{1,{0}}}) ?[-–] ?(\d{{1,{0}}})(?![\w%–-]|[.,:/]\d)"
"""Two figures joined by a dash, of at most {0} digits each: a score, or a range."""
_SCORE_RE = re.compile(
    _PAIR.format(2)
    # A range of a unit is no score: "lost 2-3 percent", "out for 4-6 weeks".
    + r"(?!\s*(?:percent|per cent|points?|pct|times|minutes?|hours?|days?|weeks?|months?|"
    r"years?|seasons?|games?|matches|goals?|metres?|meters?|kg|km)\b)"
)
_RESULT_RE = re.compile(
    r"\b(?:beat|beats|beaten|beating|defeat|defeats|defeated|win|wins|won|victory|loss|"
    r"lost|draw|drew|drawn|thrashed|thrashing|hammered|edged|routed|rout|upset|humbled)\b",
    re.IGNORECASE,
)
# Several scores or a score that is not a game's: legs, shoot-outs, sets, votes, rulings.
_OTHER_SCORE_RE = re.compile(
    r"\b(?:aggregate|legs?|penalt(?:y|ies)|shoot-?out|sets?|tie-?break|votes?|ruling|"
    r"decision|majority|verdict|court|justices|judges|jury|poll|ratio|odds)\b",
    re.IGNORECASE,
)
# Another game of the same teams: "Last season Port Kessel lost 2-0 to Ashgrove Town".
_OTHER_GAME_RE = re.compile(
    r"\b(?:(?:last|previous|earlier)\s+(?:season|year|week|month|meeting|time|"
    r"round|campaign|match|game)|ago|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_SCORE_SCORE = 0.8
_NEAR = 80  # characters either side of the score in which its teams are named


@lru_cache(maxsize=4096)
def _score(text: str) -> tuple[tuple[int, int], frozenset[str], frozenset[str]] | None:
    """The one game score of ``text``, highest first, the names written near it and the
    days of the week in its clause ("28-24 on Saturday"; not "sacked on Monday, a day
    after a 3-0 defeat")."""
    scores = list(_SCORE_RE.finditer(text))
    if len(scores) != 1 or _OTHER_SCORE_RE.search(text):
        return None
    match = scores[0]
    window = text[max(match.start() - _NEAR, 0) : match.end() + _NEAR]
    if not _RESULT_RE.search(window):
        return None
    high, low = sorted((int(match[1]), int(match[2])), reverse=True)
    clause = re.split(r"[,;:()—]", text[match.end() :], maxsplit=1)[0]
    clause = re.split(r"[,;:()—]", text[: match.start()])[-1] + match.group() + clause
    return (high, low), _names(window), _days(clause)


def _names(text: str) -> frozenset[str]:
    """Name words of ``text``; a capitalised first word only when spaCy tags it as a
    proper noun ("Arsenal beat …", not "Elsewhere, …")."""
    from conflictscan.text import _parsing as parsing

    inner, first = _proper_nouns(text)
    if not first or not parsing.is_available():
        return inner
    doc = parsing.parse_one(text)
    return (
        inner
        | {t.lower_ for t in doc[:1] if t.pos_ == "PROPN" and t.text not in _CALENDAR_WORDS} & first
    )


def _other_game(text: str) -> frozenset[str]:
    return frozenset(m.group().lower() for m in _OTHER_GAME_RE.finditer(text))


def _days(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[A-Z][a-z]+", text) if w in _WEEKDAYS)


def _one_time(
    a: str, b: str, days_a: frozenset[str] | None = None, days_b: frozenset[str] | None = None
) -> bool:
    """Neither claim places its game in another season or year, nor on another day of the
    week (its ``days``, by default every weekday it names)."""
    days_a = _days(a) if days_a is None else days_a
    days_b = _days(b) if days_b is None else days_b
    return _other_game(a) == _other_game(b) and not (days_a and days_b and not days_a & days_b)


def _side_evidence(a: str, b: str) -> list[Evidence]:
    """Evidence that ``a`` and ``b`` give one game to opposite winners."""
    read_a, read_b = result_sides(a), result_sides(b)
    if read_a is None or read_b is None or same_game(read_a, read_b) != "reversed":
        return []
    if not _one_time(a, b):
        return []
    a_value, b_value = (f"{' '.join(read[0])} won" for read in (read_a, read_b))
    note = f"{' '.join(read_a[0])} beat {' '.join(read_a[1])} vs {' '.join(read_b[0])} beat "
    return [Evidence("numeric", a_value, b_value, _SCORE_SCORE, note + " ".join(read_b[1]))]


_ANY_SCORE_RE = re.compile(_PAIR.format(3))


def _written_scores(text: str) -> frozenset[tuple[int, int]]:
    """Every score-like figure pair of ``text``, highest first ("101-95")."""
    found = (sorted(map(int, m.groups()), reverse=True) for m in _ANY_SCORE_RE.finditer(text))
    return frozenset((high, low) for high, low in found)


def same_result(a: str, b: str) -> float:
    """1.0 when ``a`` and ``b`` tell one game with the same winner and no second score
    ("Japan beat Australia 2-1" / "Australia lost 2-1 to Japan"), else 0.0.

    Example:
        >>> same_result("Japan beat Australia.", "Australia lost to Japan.")  # doctest: +SKIP
        1.0
    """
    read_a, read_b = result_sides(a), result_sides(b)
    if read_a is None or read_b is None or same_game(read_a, read_b) != "same":
        return 0.0
    score_a, score_b = _score(a), _score(b)
    if score_a is not None and score_b is not None and score_a[0] != score_b[0]:
        return 0.0  # the score reader's clash
    written_a, written_b = _written_scores(a), _written_scores(b)
    if written_a and written_b and not written_a & written_b:
        return 0.0  # "94-88" / "101-95": scores the reader leaves alone, still two scores
    return 1.0 if _one_time(a, b) else 0.0


def score_evidence(a: str, b: str) -> list[Evidence]:
    """Evidence that ``a`` and ``b`` give one game two scores or two winners (empty when
    they do not)."""
    read_a, read_b = _score(a), _score(b)
    if read_a is None or read_b is None or read_a[0] == read_b[0]:
        return _side_evidence(a, b)
    (score_a, names_a, days_a), (score_b, names_b, days_b) = read_a, read_b
    if not _one_time(a, b, days_a, days_b):
        return []
    if not names_a & names_b or (names_a - names_b and names_b - names_a):
        return []
    a_value, b_value = "-".join(map(str, score_a)), "-".join(map(str, score_b))
    note = f"score {a_value} vs {b_value}"
    return [Evidence("numeric", a_value, b_value, _SCORE_SCORE, note)]
