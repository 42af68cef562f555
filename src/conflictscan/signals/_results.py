"""One match told with winner and loser swapped, in any of the ways results are written.

Input: two claim texts (attribution already removed). Output: :func:`result_swap`, the
winner and the loser of the first claim when the second has them the other way round;
:mod:`conflictscan.signals._roles` reads it as roles swapped.

"Dunmore Rovers came from behind to beat Kilbride Athletic 2-1" / "Kilbride Athletic
sealed a 2-1 away win over Dunmore Rovers". A result is written many ways: "X beat Y",
"X won 2-1 against Y", "X secured a late win over Y", "X's victory over Y", "Y lost to X",
"Y were beaten by X", "X held off a late charge from Y". The parse of the two claims
rarely shows one verb with subject and object traded, so the result is read from the
words: two names (runs of capitalised words), one on each side of the result words. The
two claims clash when each names the other's winner as its loser. A first or second leg, a
rematch or a replay, or an earlier meeting is another match, so such a claim is not read.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TEAM = r"(?:the\s+)?[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|de|del|da|la|le|van|von))*"
_SCORE = r"(?:\d{1,3}\s*[-–]\s*\d{1,3},?\s+){0,5}"  # "2-1", "6-4 6-3"
_ADVERBS = r"(?:(?:came\s+from\s+behind|fought\s+back|rallied|went\s+on)\s+to\s+)?"
_WON = re.compile(
    rf"(?P<w>{_TEAM})\s+(?:\w+ly\s+)?{_ADVERBS}(?:beat|defeated|edged(?:\s+past)?|thrashed|"
    rf"hammered|routed|overcame|upset|stunned|downed|saw\s+off|swept|crushed|outclassed)\s+"
    rf"(?P<l>{_TEAM})"
    rf"|(?P<w2>{_TEAM})\s+(?:won|secured|sealed|clinched|claimed|earned|recorded|grabbed|"
    rf"snatched|ground\s+out|eased\s+to|cruised\s+to|romped\s+to|completed)\s+(?:an?\s+|their\s+"
    rf"|its\s+|his\s+|her\s+)?{_SCORE}(?:[\w-]+\s+){{0,2}}(?:win|victory|triumph)\s+(?:over|"
    rf"against)\s+(?P<l2>{_TEAM})"
    rf"|(?P<w3>{_TEAM})\s+(?:won|triumphed)\s+{_SCORE}(?:over|against)\s+(?P<l3>{_TEAM})"
    rf"|(?P<w4>{_TEAM})['’]s?\s+{_SCORE}(?:[\w-]+\s+){{0,2}}(?:win|victory|triumph)\s+over\s+"
    rf"(?P<l4>{_TEAM})"
    rf"|(?P<l5>{_TEAM})\s+(?:lost|fell|slumped|went\s+down|succumbed|(?:were|was)\s+"
    rf"(?:\w+ly\s+)?(?:beaten|defeated|edged|thrashed|routed))\s+{_SCORE}(?:to|by|against)\s+"
    rf"(?P<w5>{_TEAM})"
    rf"|(?P<w6>{_TEAM})\s+held\s+off\s+(?:an?\s+(?:late\s+)?(?:charge|comeback|fightback|rally|"
    rf"challenge)\s+(?:from|by)\s+)?(?P<l6>{_TEAM})"
)
_OTHER_MATCH_RE = re.compile(
    r"\b(?:first|second|opening|return)\s+leg\b|\b(?:rematch|replay|earlier\s+meeting|"
    r"previous\s+meeting|last\s+(?:season|year|time|meeting))\b",
    re.IGNORECASE,
)
_LEADS = frozenset({"the", "on", "in", "at", "after", "when", "as"})


def _names(team: str) -> frozenset[str]:
    """The capitalised words of a team's name, lower-cased, without a leading "the" or the
    full stop that ends a sentence."""
    words = (w.rstrip(".'’").lower() for w in team.split() if w[:1].isupper())
    return frozenset(w for w in words if w and w not in _LEADS)


@lru_cache(maxsize=4096)
def _result(text: str) -> tuple[str, str] | None:
    """(winner, loser) as written, when ``text`` tells exactly one result."""
    if _OTHER_MATCH_RE.search(text):
        return None
    found = []
    for match in _WON.finditer(text):
        groups = match.groupdict()
        for n in ("", "2", "3", "4", "5", "6"):
            winner, loser = f"w{n}", f"l{n}"
            if groups[winner] and groups[loser]:
                found.append(
                    (groups[winner].strip().rstrip("."), groups[loser].strip().rstrip("."))
                )
    return found[0] if len(found) == 1 else None


def _one_team(x: str, y: str) -> bool:
    """Two names of one team: all the words of one are in the other ("Dunmore" /
    "Dunmore Rovers")."""
    nx, ny = _names(x), _names(y)
    return bool(nx and ny) and (nx <= ny or ny <= nx)


@lru_cache(maxsize=4096)
def result_swap(a: str, b: str) -> tuple[str, str] | None:
    """(winner, loser) of claim ``a`` when claim ``b`` has the loser beat the winner;
    else None.

    Example:
        >>> result_swap("Dunmore Rovers beat Kilbride Athletic 2-1.",
        ...             "Kilbride Athletic sealed a 2-1 win over Dunmore Rovers.")
        ('Dunmore Rovers', 'Kilbride Athletic')
    """
    ra, rb = _result(a), _result(b)
    if ra is None or rb is None:
        return None
    (wa, la), (wb, lb) = ra, rb
    if _one_team(wa, wb) or _one_team(la, lb):
        return None
    return ra if _one_team(wa, lb) and _one_team(la, wb) else None
