"""A step that may come against the same step not taken yet: two claims that agree.

Input: two claim texts (attribution already removed). Output: :func:`pending_hedge` in
{0, 1}, a combiner feature that caps confidence.

"The government is considering a ban on new petrol cars" and "No ban on new petrol cars
has been approved" are both true until the ban comes. So are "The senator may run for
governor" / "The senator has not announced a run", "Layoffs are possible at the plant" /
"No layoffs have been announced", "Kelvin Motors is weighing a bid for Strand Cars" /
"Kelvin Motors has not made any offer". An NLI model reads each as a contradiction: one
side says yes, the other no. One claim has to be only a possibility (a modal, "is
considering", "is weighing", "is likely to", "plans to", "possible"), and the other has to
say that a decision or announcement has not been made ("has not announced", "no … has
been approved", "no decision"), or that the step has *not yet* come ("has yet to", "not
yet", "have not been raised yet"), about the same thing: the two share a content word.

A condition counts as a possibility ("If approved, the mine would create 1,000 jobs" /
"The mine has not been approved"). So does a bare possibility (a modal, "is
considering", "possible": no plan) against what it would change said to still stand:
"The board is considering closing the factory" / "The factory remains open". And a
forecast told as one ("Analysts had predicted that profits would rise", "had been
expected to") against the outcome ("Profits fell") was wrong, not contradicted.

A denial of the plan itself is no such pair: "No layoffs are planned" or "will not cut
jobs" says the step will not come, so it still clashes with "200 jobs would be cut". Nor
is a report that the step was taken: "The minister resigned" / "The minister has not
resigned" has no possibility on either side.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan.signals._dates import _stem
from conflictscan.signals._denials import _content_words
from conflictscan.text._syntax import words

_HEDGE_RE = re.compile(
    r"(?-i:\b(?:may|might|could)\b)(?!\s+not\b)"  # lower case: "in May" is a month
    r"|\b(?:is|are|was|were|be|been)\s+(?:\w+\s+)?(?:considering|weighing|mulling|"
    r"contemplating|exploring|eyeing|studying)\b"
    r"|\b(?:considers|weighs|mulls)\b"
    r"|\b(?:likely|expected|poised|set|planning|preparing|hoping|aiming|intending|plans?|"
    r"intends|aims|hopes|wants|seeks)\s+to\b"
    r"|\b(?:possible|possibly|potential|potentially|proposed)\b"
    r"|\bif\b[^.;]{0,60}?\bwould\b",  # "If approved, the mine would create 1,000 jobs"
    re.IGNORECASE,
)
_WEAK_HEDGE_RE = re.compile(
    r"(?-i:\b(?:may|might|could)\b)(?!\s+not\b)"
    r"|\b(?:is|are|was|were|be|been)\s+(?:\w+\s+)?(?:considering|weighing|mulling|"
    r"contemplating|exploring|studying)\b"
    r"|\b(?:considers|weighs|mulls)\b|\b(?:possible|possibly|potential|potentially)\b",
    re.IGNORECASE,
)
"""Only a possibility, no plan: what it may change still stands ("is considering closing
the factory" / "the factory remains open")."""
_FORECAST_RE = re.compile(
    r"\b(?:predicted|forecast|forecasted|projected|anticipated|expected)\s+(?:that\s+)?"
    r"[^.;]{0,80}?\bwould\b"
    r"|\b(?:predicts?|forecasts?|expects?|projects?)\s+(?:that\s+)?[^.;]{0,80}?\bwill\b"
    r"|(?<!\bthan\s)\bhad,?\s+(?:[\w,]+\s+){0,3}?(?:been\s+(?:widely\s+)?)?"
    r"(?:expected|forecast|predicted|projected|anticipated|tipped)\b",
    re.IGNORECASE,
)
"""A forecast told as one ("Analysts had predicted that profits would rise", "Economists
predict the bank will cut rates"): against the outcome ("Profits fell") it was wrong, and
against what stands now ("The bank held rates") it is still to come; not a clash."""
_CLAUSE_RE = re.compile(r"\b(?:who|which|that|she|he|they|it|whom)\b", re.IGNORECASE)


def _forecast(text: str) -> bool:
    """The claim itself is a forecast: one told by its first words, not in a clause of its
    own ("the course record she had been expected to break"), after a figure ("profit of
    1.43 billion beat the 1.38 billion analysts had expected") or in a comparison ("less
    rain fell than had been forecast")."""
    found = _FORECAST_RE.search(text)
    if found is None:
        return False
    before = text[: found.start()].split()
    prefix = " ".join(before[1:])
    return len(before) <= 8 and not (_CLAUSE_RE.search(prefix) or re.search(r"\d", prefix))


_STANDS_RE = re.compile(
    r"\b(?:remain(?:s|ed)?|(?:is|are)\s+still|continues?\s+to)\b", re.IGNORECASE
)
"""What a bare possibility would change, said to still stand ("remains open")."""
_DONE = (
    r"(?:announced|decided|approved|set|made|confirmed|agreed|signed|finali[sz]ed|taken|"
    r"reached|submitted|filed|launched|scheduled|named|chosen|selected|received|tabled|"
    r"placed|declared|issued|authori[sz]ed|ordered|settled|fixed)"
)
_MANNER = r"(?:(?:formally|officially|publicly|yet)\s+)?"
_PENDING_RE = re.compile(
    rf"\b(?:has|have|had)\s*(?:not|n['’]t)\s+{_MANNER}(?:been\s+)?{_MANNER}{_DONE}\b"
    r"|\b(?:has|have|had|is|are|was|were)\s+yet\s+to\s+\w+"
    rf"|\bno\s+(?:[\w'’-]+\s+){{0,8}}(?:has|have|had)\s+(?:yet\s+)?been\s+{_MANNER}{_DONE}\b"
    r"|\bnot\s+yet\s+\w+|\b(?:has|have|had)\s*(?:not|n['’]t)\s+(?:been\s+)?(?:[\w'’]+\s+){1,4}yet\b"
    r"|\bno\s+(?:final\s+|formal\s+)?decision\b",
    re.IGNORECASE,
)
_NOT_TOPIC = frozenset(
    _stem(w)
    for w in words(
        "possible possibly potential potentially proposed considering weighing mulling likely "
        "expected plans planning decision announced approved yet formally officially publicly "
        "any"
    )
)


def _topic(text: str) -> set[str]:
    return _content_words(text) - _NOT_TOPIC


_PAST_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|(?:19|20)\d\d)"
)
_TOLD_BEFORE_RE = re.compile(
    rf"^\W*(?:when\b[^,]{{3,80}},|(?:in|back\s+in)\s+{_PAST_MONTH}\b)"
    r"|\b(?:initially|originally|at\s+the\s+time)\b"
    r"|\bhad\s+(?:said|promised|pledged|forecast|predicted|planned|announced|expected)\b"
    rf"|\b(?:said|told\s+\w+|announced|promised|pledged)\s+in\s+{_PAST_MONTH}\b",
    re.IGNORECASE,
)
_REPORTED_PLAN_RE = re.compile(
    r"\b(?:said|told|announced|promised|pledged|predicted|forecast|estimated|expected|"
    r"projected|planned)\b[^.;]{0,100}?\b(?:would|was\s+to|were\s+to|(?:was|were)\s+going\s+to)\b",
    re.IGNORECASE,
)


_SUPERSEDED_RE = re.compile(
    r"\bhad\s+been\s+(?:due|scheduled|set|slated|expected|planned|supposed)\s+to\b"
    r"|\b(?:was|were)\s+(?:originally|initially|first)\s+(?:due|scheduled|set|slated|"
    r"planned)\s+(?:to|for)\b",
    re.IGNORECASE,
)
"""A plan told as overtaken ("The stadium had been due to host its first match on March
15"): against what is planned or done now, not a clash."""


@lru_cache(maxsize=4096)
def plan_told_before(a: str, b: str) -> float:
    """1.0 when one sentence (whole, with who said it) tells what was said at an earlier
    time would happen and the other tells no such plan, about the same thing: "When she
    unveiled the plan in March, the minister said the retirement age would rise to 67" /
    "The final law sets the age at 66". The plan changed or failed; neither report is
    wrong. A forecast read on the whole sentence counts too, when the attribution took
    its first words ("Economists predict the bank will cut rates in March" / "The bank
    held rates in February"), and so does a plan told as overtaken ("The stadium had
    been due to host its first match on March 15" / "Its first match is scheduled for
    September").

    Args:
        a: One sentence, attribution included.
        b: The other sentence.

    Returns:
        1.0 or 0.0.
    """
    for then, now in ((a, b), (b, a)):
        told_before = (
            _TOLD_BEFORE_RE.search(then)
            and _REPORTED_PLAN_RE.search(then)
            and not _TOLD_BEFORE_RE.search(now)
        )
        overtaken = _SUPERSEDED_RE.search(then) and not _SUPERSEDED_RE.search(now)
        if told_before or _forecast_against(then, now) or overtaken:
            return float(bool(_topic(then) & _topic(now)))
    return 0.0


def _forecast_against(forecast: str, other: str) -> bool:
    """``forecast`` is one (:func:`_forecast`) and ``other`` neither forecasts nor hedges."""
    return _forecast(forecast) and not (_FORECAST_RE.search(other) or _HEDGE_RE.search(other))


@lru_cache(maxsize=4096)
def pending_hedge(a: str, b: str) -> float:
    """1.0 when one claim is only a possibility and the other says it has not been
    decided or announced yet, about the same thing (see the module docstring).

    Args:
        a: One claim.
        b: The other claim.

    Returns:
        1.0 or 0.0.

    Example:
        >>> pending_hedge("The government is considering a ban on new petrol cars.",
        ...               "No ban on new petrol cars has been approved.")
        1.0
    """
    for maybe, pending in ((a, b), (b, a)):
        not_yet = (
            _HEDGE_RE.search(maybe)
            and not _PENDING_RE.search(maybe)
            and _PENDING_RE.search(pending)
        )
        still_stands = (
            _WEAK_HEDGE_RE.search(maybe)
            and _STANDS_RE.search(pending)
            and not (_WEAK_HEDGE_RE.search(pending) or _STANDS_RE.search(maybe))
        )
        if not_yet or _forecast_against(maybe, pending) or still_stands:
            return float(bool(_topic(maybe) & _topic(pending)))
    return 0.0
