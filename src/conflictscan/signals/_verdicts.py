"""Verdicts: one defendant found guilty and not guilty of the same charge.

Input: two claim texts (attribution already removed). Output: ``"verdict"``
:class:`~conflictscan.Evidence` (:func:`verdict_evidence`) and the feature
``verdict_clash``.

"A jury acquitted Marcus Lyle of second-degree assault" and "Marcus Lyle was convicted
of second-degree assault" cannot both be true; an NLI model reads many such pairs as
neutral, the wording around the verdicts being different. So the verdict, its charge and
its defendant are read here:

* a verdict is guilty ("convicted", "found guilty", "guilty verdict") or not guilty
  ("acquitted", "found not guilty", "cleared of", "walked free", or "cleared" in a claim
  about a trial: "two men tried with him were also cleared"); a plea is no verdict;
* its charge is the words after "of" (or "on … charges"): "of second-degree assault",
  "of all neglect charges"; "all charges" or "all counts" covers every charge;
* the defendant is the one the verdict is about, read from the parse: the subject of
  "was acquitted", the object of "convicted" ("the court convicted Gregor Salt"); when
  the subject is the court, jury or judge and the parse finds no object ("found Gillian
  Ashby guilty"), any name of the claim. Two claims are about one defendant when their
  defendants share a name word, or are the same common noun.

Opposite verdicts for one defendant clash when the charges share a word or either claim
names none (``"verdict"`` evidence, :data:`VERDICT_SCORE`). Charges that share no word
may be two charges ("taking bribes" / "abuse of office") or one charge in two words
("taking bribes" / "corruption"). When each names an offence of its own from a closed list
("cleared of murder" / "found guilty of manslaughter": a jury often acquits of one and
convicts of the lesser), the verdicts can both stand: the feature ``other_charges``, on
which combiners cap. Other charges that share no word are left to the model. An appeal, a
retrial or a verdict overturned is another moment, so nothing is read then. A plea of not
guilty (or charges, any involvement or wrongdoing denied) against a verdict for the same
defendant ("pleaded not guilty" / "was found guilty by the jury"), and a conviction against
its quashing on appeal, are one step after another: the feature ``plea_and_verdict``, on
which combiners cap.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan._types import Evidence
from conflictscan.signals._dates import _stem
from conflictscan.signals._lexicon import _STOPWORDS
from conflictscan.signals._names import _proper_nouns
from conflictscan.signals._subjects import _TITLES, subject

VERDICT_SCORE = 0.8
"""Strength of ``"verdict"`` evidence, and the confidence a combiner keeps it at (see
:mod:`conflictscan._aggregation`)."""
_GUILTY_RE = re.compile(
    r"\b(?:convicted|found\s+(?:[\w'’-]+\s+){0,6}?guilty|guilty\s+verdicts?|jury\s+convicts)\b",
    re.IGNORECASE,
)
_NOT_GUILTY_RE = re.compile(
    r"\b(?:acquitted|acquittal|found\s+(?:[\w'’-]+\s+){0,6}?not\s+guilty|not\s+guilty\s+verdicts?|"
    r"cleared(?=\s+(?:[\w'’-]+\s+){0,2}of\b)|walked\s+free)\b",
    re.IGNORECASE,
)
_CLEARED_RE = re.compile(r"\bcleared\b", re.IGNORECASE)
_COURT_RE = re.compile(
    r"\b(?:tried|trial|court|jury|jurors?|judge|charges?|charged|verdict|prosecut\w+)\b",
    re.IGNORECASE,
)
"""Words of a trial: "cleared" there is a verdict even without "of"."""
_PLEA_RE = re.compile(r"\bplead(?:s|ed)?\b|\bpled\b|\bplea\b", re.IGNORECASE)
_LATER_RE = re.compile(
    r"\b(?:appeal\w*|retrial|overturn\w*|quash\w*|reversed|upheld|previously|earlier|"
    r"originally|first\s+trial)\b",
    re.IGNORECASE,
)
_CHARGE_RE = re.compile(
    r"\bof\s+((?:[\w'’-]+\s*){1,6})|\bon\s+((?:[\w'’-]+\s+){0,4}(?:charges?|counts?))\b",
    re.IGNORECASE,
)
_CHARGE_STOP = frozenset(
    {"the", "a", "an", "his", "her", "their", "its", "in", "on", "at", "by", "for", "and",
     "after", "over", "during", "from", "with", "charge", "charges", "count", "counts"}
)  # fmt: skip
_EVERY = frozenset({"all", "every", "any"})
_OFFENCES = frozenset(
    _stem(word)
    for word in (
        "murder", "manslaughter", "assault", "battery", "robbery", "burglary", "theft",
        "fraud", "embezzlement", "arson", "kidnapping", "rape", "perjury", "bribery",
        "extortion", "blackmail", "forgery", "smuggling", "trafficking", "espionage",
        "treason", "sedition", "terrorism", "stalking", "harassment", "trespass",
        "vandalism", "looting", "rioting", "possession", "laundering", "obstruction",
        "contempt", "conspiracy", "negligence", "endangerment", "racketeering", "insider",
        "tax", "evasion",
    )
)  # fmt: skip
"""Offences named by one word that are told apart in court. Words that cover several
("corruption", "misconduct", "homicide", "wrongdoing") are not among them: "taking
bribes" / "corruption" may be one charge."""
_END_RE = re.compile(r"\b(?:in|on|at|by|after|over|during|from|with|and|but|when)\b.*", re.I)


_Verdict = tuple[bool, re.Match[str]]
"""Guilty or not, and the words that say so."""


def _verdict(text: str) -> _Verdict | None:
    """(guilty?, the verdict words) of the one verdict in ``text``, or None (no verdict,
    both kinds, or a plea)."""
    if _PLEA_RE.search(text):
        return None
    guilty, not_guilty = _GUILTY_RE.search(text), _NOT_GUILTY_RE.search(text)
    if not_guilty is None and _COURT_RE.search(text):
        not_guilty = _CLEARED_RE.search(text)  # "tried with Salt were also cleared"
    if not_guilty is not None:
        # "found not guilty" also matches the guilty words: the negative reading wins.
        inner = guilty is not None and not_guilty.start() <= guilty.start() < not_guilty.end()
        if guilty is not None and not inner:
            return None
        return False, not_guilty
    return (True, guilty) if guilty is not None else None


def _charge(text: str, after: int) -> frozenset[str] | None:
    """Word stems of the charge named after the verdict; ``{"all"}`` for every charge;
    None when none is named."""
    found = _CHARGE_RE.search(text, after)
    if found is None or found.start() - after > 40:
        return None
    words = _END_RE.sub("", found.group(1) or "") if found.group(1) else found.group(2)
    low = [w.lower() for w in re.findall(r"[\w'’-]+", words)]
    if _EVERY & set(low) and not set(low) - _EVERY - _CHARGE_STOP:
        return frozenset({"all"})
    stems = frozenset(_stem(w) for w in low if w not in _CHARGE_STOP and w not in _STOPWORDS)
    if _EVERY & set(low):
        stems |= {"all"}
    return stems or None


_DECIDERS = frozenset(
    {"court", "jury", "juror", "judge", "panel", "tribunal", "magistrate", "justice", "bench"}
)


def _defendant(text: str) -> tuple[str, frozenset[str]]:
    """(head word, name words) of whom the verdict in ``text`` is about."""
    inner, first = _proper_nouns(text)
    everyone = inner | first
    found = subject(text)
    if found is None:
        return "", everyone
    head, names = found.target
    if head in _DECIDERS:
        return "", everyone
    return head, names


def _given_names(text: str, surname: str, names: frozenset[str]) -> set[str]:
    """The name words written right before ``surname`` in ``text`` ("Carlos" of "Carlos
    Vidal"), titles aside."""
    before = re.compile(rf"\b([A-Z][\w'’-]*)\s+(?i:{re.escape(surname)})\b")
    return {m.lower() for m in before.findall(text)} & names - _TITLES


def _one_family(a: str, b: str, names_a: frozenset[str], names_b: frozenset[str]) -> bool:
    """Two people who share a surname: each claim names it after a first name of its own
    ("Carlos Vidal was convicted" / "His brother, Diego Vidal, was acquitted")."""
    for surname in names_a & names_b:
        given_a, given_b = _given_names(a, surname, names_a), _given_names(b, surname, names_b)
        if given_a and given_b and not given_a & given_b:
            return True
    return False


def _same_defendant(a: str, b: str) -> bool:
    (head_a, names_a), (head_b, names_b) = _defendant(a), _defendant(b)
    if names_a & names_b:
        return not _one_family(a, b, names_a, names_b)
    return bool(head_a) and head_a == head_b


def _label(verdict: _Verdict) -> str:
    return f"{'guilty' if verdict[0] else 'not guilty'} ({verdict[1].group()!r})"


@lru_cache(maxsize=4096)
def _opposite(a: str, b: str) -> tuple[_Verdict, _Verdict] | None:
    """(a's verdict, b's verdict) when they are opposite for one defendant at one moment."""
    va, vb = _verdict(a), _verdict(b)
    if va is None or vb is None or va[0] == vb[0]:
        return None
    if _LATER_RE.search(a) or _LATER_RE.search(b) or not _same_defendant(a, b):
        return None
    return va, vb


def _stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w.lower()) for w in re.findall(r"[\w'’-]+", text))


def _other_offences(a: str, b: str, ca: frozenset[str] | None, cb: frozenset[str] | None) -> bool:
    """Whether the two charges each name an offence of their own that the other claim
    does not name anywhere (a list of charges is read only to its first comma)."""
    if not ca or not cb or ca & cb:
        return False
    own_a, own_b = ca & _OFFENCES, cb & _OFFENCES
    return bool(own_a and own_b) and not own_a & _stems(b) and not own_b & _stems(a)


@lru_cache(maxsize=4096)
def _verdicts(a: str, b: str) -> tuple[_Verdict, _Verdict] | None:
    """(a's verdict, b's verdict) when they are opposite for one defendant and charge, or
    None."""
    found = _opposite(a, b)
    if found is None:
        return None
    va, vb = found
    ca, cb = _charge(a, va[1].end()), _charge(b, vb[1].end())
    if ca and cb and not (ca & cb) and "all" not in ca and "all" not in cb:
        return None  # two charges, or one in two words: the model's to read
    return va, vb


def verdict_clash(a: str, b: str) -> float:
    """1.0 when the claims give one defendant opposite verdicts on the same charge (or on
    a charge only one of them names), else 0.0."""
    return float(_verdicts(a, b) is not None)


def other_charges(a: str, b: str) -> float:
    """1.0 when the claims give one defendant opposite verdicts on two charges that each
    name an offence of their own ("acquitted of murder" / "convicted of manslaughter"),
    else 0.0: both verdicts can stand.

    Example:
        >>> other_charges("A jury cleared Ray Doyle of murder.",
        ...               "Ray Doyle was found guilty of manslaughter.")  # doctest: +SKIP
        1.0
    """
    found = _opposite(a, b)
    if found is None:
        return 0.0
    (_, words_a), (_, words_b) = found
    return float(_other_offences(a, b, _charge(a, words_a.end()), _charge(b, words_b.end())))


_PLEADED_RE = re.compile(
    r"\b(?:plead(?:s|ed)?|pled|entered\s+(?:a\s+)?pleas?\s+of)\s+not\s+guilty\b|"
    r"\bden(?:y|ies|ied)\s+(?:all\s+|the\s+)?(?:\w+\s+)?charges?\b|"
    r"\bden(?:y|ies|ied)\s+(?:any|all)\s+(?:involvement|wrongdoing|responsibility)\b|"
    r"\b(?:maintain|maintains|maintained|protested|protests)\s+(?:his|her|their)\s+innocence\b",
    re.IGNORECASE,
)
_QUASHED_RE = re.compile(
    r"\b(?:quash(?:ed|es)?|overturn(?:ed|s)?|set\s+aside|struck\s+down)\s+(?:\w+\s+){0,4}?"
    r"convictions?\b|\bconvictions?\b[^.;]{0,60}?\b(?:was|were|has\s+been|had\s+been)\s+"
    r"(?:quashed|overturned|set\s+aside)\b",
    re.IGNORECASE,
)
"""A conviction quashed on appeal: a later step than the conviction itself."""


def plea_and_verdict(a: str, b: str) -> float:
    """1.0 when one claim has a defendant plead not guilty (or deny the charges, any
    involvement or wrongdoing) and the other gives the same defendant a verdict ("pleaded
    not guilty" / "was found guilty by the jury"), or one has the defendant's conviction
    quashed and the other the conviction ("The Court of Appeal quashed the conviction of
    Emil Varga" / "Emil Varga was convicted of arson"): one step after another, so both
    stand; else 0.0."""
    for plea, verdict in ((a, b), (b, a)):
        pleaded = _PLEADED_RE.search(plea) and not _PLEADED_RE.search(verdict)
        if not pleaded or _verdict(plea) or not _verdict(verdict) or _LATER_RE.search(verdict):
            continue
        who, (head, names) = subject(plea), _defendant(verdict)
        if who is not None and (who.names & names or (head and who.head == head)):
            return 1.0
    for quashed, verdict in ((a, b), (b, a)):
        found = _verdict(verdict)
        if not _QUASHED_RE.search(quashed) or _QUASHED_RE.search(verdict) or not found:
            continue
        if not found[0] or _LATER_RE.search(verdict):
            continue  # only a conviction is quashed; "on appeal" is that later step itself
        names = _defendant(verdict)[1]
        if names and names <= {w.lower() for w in re.findall(r"[^\W\d_]+", quashed)}:
            return 1.0  # "The Court of Appeal quashed the conviction of Emil Varga"
    return 0.0


def verdict_evidence(a: str, b: str) -> list[Evidence]:
    """The clash of :func:`verdict_clash` as ``"verdict"`` evidence.

    Example:
        >>> verdict_evidence("A jury acquitted Ona Brel of fraud.",
        ...                  "Ona Brel was convicted of fraud.")[0].note  # doctest: +SKIP
        "a says not guilty ('acquitted'), b says guilty ('convicted'), for one defendant and charge"
    """
    found = _verdicts(a, b)
    if found is None:
        return []
    (_, words_a), (_, words_b) = found
    note = f"a says {_label(found[0])}, b says {_label(found[1])}, for one defendant and charge"
    return [Evidence("verdict", words_a.group(), words_b.group(), VERDICT_SCORE, note)]
