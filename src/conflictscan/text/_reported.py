"""Denials of "the reports": what they deny, read from the report told just before.

Input: the attributed sentences of one document, in order (from
:func:`conflictscan.text._speech.split_attributions`). Output: the same sentences, where a
denial that points back at reports told earlier ("these reports are baseless", "the
ministry dismissed the claims as nonsense") gets ``denial`` set and ``denied`` filled with
the claim of that report.

The commonest way a news article sets two accounts against each other names the report
once and then denies it by pointing back at it: "The Courier reported on Tuesday that Falk
had told the board he would step down. … Hours later, the club president said: 'Dieter has
not resigned, and these reports are baseless.'" The second sentence names no proposition,
so the sentence-level rules find nothing to deny. Here the denial is read as denying the
nearest report before it in the same document:

* the denial: a definite report noun ("the", "these", "those", "such" + report, claim,
  rumour, allegation, suggestion, story, speculation) called false (a verdict word of
  :data:`~conflictscan.text._denials.FALSE_WORDS`: "… are baseless", "untrue", "nonsense";
  or "without foundation") or the object of a denial verb ("denied", "dismissed",
  "rejected" … "the reports"; a verb like "called" needs a verdict word after it, as in the
  sentence-level rules), with no clause or "of" phrase of
  its own after the noun (those are read by the sentence-level rules) and no negation
  before the verb ("did not deny the reports");
* the report: one of the :data:`LOOKBACK` sentences before it whose attribution reports
  ("reported", "according to", "citing", "sources", "told", "quoted") and that is not a
  denial itself. The nearest one is taken, or the first of a run of them told by one
  source (the same head word: "The business newspaper … reported" / "The newspaper …
  said"); with none, nothing is read.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from conflictscan._types import Sentence
from conflictscan.text._attribution import _forms
from conflictscan.text._denials import DENIAL_LEMMAS, FALSE_WORDS, VERDICT_LEMMAS

LOOKBACK = 3
"""How many sentences before a denial are searched for the report it points back at."""
_NOUN = (
    r"(?:the|these|those|such|this|that)\s+(?:(?:media|press|news|recent|latest|earlier)\s+)?"
    r"(?:reports?|claims?|rumou?rs?|allegations?|suggestions?|stor(?:y|ies)|speculation|"
    r"accounts?)"
)
"""A report pointed back at. Narrower than :data:`~conflictscan.text._denials.REPORT_NOUNS`:
"denied the charges" or "rejected the accusations" deny an accusation, not a report told
before."""
_FALSE = "|".join(
    sorted(FALSE_WORDS | {r"without\s+(?:any\s+)?foundation", r"not\s+true"}, key=len, reverse=True)
)
_CALLED_FALSE_RE = re.compile(
    rf"\b{_NOUN}\s+(?:are|were|is|was)\s+(?:\w+\s+){{0,2}}?(?:{_FALSE})\b", re.IGNORECASE
)
_VERDICT_FORMS = _forms(VERDICT_LEMMAS)
_DENIED_RE = re.compile(
    rf"\b(?:{'|'.join(sorted(_forms(DENIAL_LEMMAS) | _VERDICT_FORMS))})\s+"
    rf"{_NOUN}\b(?!\s+(?:that|of|about|on|regarding|linking|saying)\b)",
    re.IGNORECASE,
)
_VERDICT_RE = re.compile(rf"\b(?:{_FALSE})\b", re.IGNORECASE)
_NEGATED_RE = re.compile(r"\b(?:not|n't|never|refused\s+to|declined\s+to)\s+(?:\w+\s+)?$")
_REPORTING_RE = re.compile(
    r"\b(?:report\w*|according|citing|cited|sources?|told|quoted|quoting)\b", re.IGNORECASE
)


def points_back(text: str) -> bool:
    """Whether ``text`` denies reports it does not spell out ("these reports are baseless",
    "dismissed the claims")."""
    if _CALLED_FALSE_RE.search(text):
        return True
    found = _DENIED_RE.search(text)
    if found is None:
        return False
    if found.group().split()[0].lower() in _VERDICT_FORMS and not _VERDICT_RE.search(
        text, found.end()
    ):
        return False  # "called the reports" needs a verdict word: "… baseless"
    return _NEGATED_RE.search(text[: found.start()]) is None


def _reports(sentence: Sentence) -> bool:
    attribution = sentence.attribution or ""
    return bool(_REPORTING_RE.search(attribution)) and not sentence.denial


def resolve_reported(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences, each denial that points back at a report given that report's claim
    as ``denied`` (see the module docstring); the rest unchanged.

    Args:
        sentences: Attributed sentences of one or more documents, each document's in order.

    Returns:
        The sentences, in the same order.
    """
    out = list(sentences)
    for k, sentence in enumerate(out):
        if sentence.denied or not points_back(sentence.content):
            continue
        before = [
            s for s in out[max(0, k - LOOKBACK) : k] if s.doc_id == sentence.doc_id and _reports(s)
        ]
        if before:
            report = _lead(before)
            out[k] = dataclasses.replace(sentence, denial=True, denied=report.content)
    return out


def _source(sentence: Sentence) -> str:
    """The head word of who reports: "newspaper" for "the business newspaper"."""
    words = re.findall(r"[^\W\d_]+", sentence.speaker or "")
    return words[-1].lower() if words else ""


def _lead(reports: Sequence[Sentence]) -> Sentence:
    """The report a denial points back at: the nearest, or, when the sentences before it
    are that same source's report told on ("The Ledger reported that the airline would
    file for insolvency. The newspaper said it had failed to secure credit."), its first."""
    lead = reports[-1]
    for earlier in reversed(reports[:-1]):
        if not _source(lead) or _source(earlier) != _source(lead):
            break
        lead = earlier
    return lead
