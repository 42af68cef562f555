"""One remark put in two mouths: "'We will not raise taxes this year,' Finance Minister
Carys Dorn told parliament" / "Prime Minister Hallam Greaves told lawmakers: 'We will not
raise taxes this year.'"

Input: two sentences (:class:`~conflictscan.Sentence`, whose speaker the attribution
reader has set; plain strings have none and are never read). Output: :func:`quote_owner`,
the two speakers and the remark, which :mod:`conflictscan.signals._compare` gives as
``"identity"`` evidence and :mod:`conflictscan.signals._features` counts as an
``identity_clash``.

Outlets that quote one remark sometimes give it to different people. The model reads the
two claims alike (their quoted words are the same; their contents may be identical), so
nothing in the scores says that one outlet has the speaker wrong. Such a pair is read as a
clash when

* the two sentences quote the same words: one quotation of at least two words and twelve
  characters written in both (letters and digits compared, case aside), or one inside the
  other's when the shorter has at least three words;
* each sentence's speaker is a named person: the speaker ends in two capitalised words
  that are no titles ("Finance Minister Carys Dorn", "chairman Piet Halloran"; not "the
  ministry", "police" or "reporters in the gallery");
* the two surnames differ, and neither speaker's surname is written in the other
  sentence ("called it 'the darkest day', while chairman Piet Halloran declined to
  comment" names the other one: a second speaker, not a second owner).
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictscan._types import Evidence, Sentence
from conflictscan.signals._evidence import clash_evidence
from conflictscan.text._syntax import words

QUOTE_SCORE = 0.8
"""Strength of the evidence: as a post given two holders (:mod:`._identities`)."""
_QUOTE_RE = re.compile(
    r"[\"“]([^\"“”]{4,}?)[\"”]"  # double quotes
    r"|(?<![\w'‘’])['‘]([^'‘’]+?(?:['’]\w[^'‘’]*?)*)['’](?![\w'‘’])"  # single, "club's" inside
)
_TITLES = words(
    "minister president prime chief secretary chairman chairwoman chair director general "
    "governor mayor senator judge justice captain coach manager commissioner inspector "
    "sergeant constable officer spokesman spokeswoman spokesperson head leader deputy dr "
    "mr mrs ms sir dame professor prof lord lady king queen prince princess police "
    "finance foreign interior defence defense health state"
)
_MIN_CHARS, _MIN_WORDS, _INSIDE_WORDS = 12, 2, 3


def _words(quote: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", quote.lower()))


@lru_cache(maxsize=4096)
def _quotes(text: str) -> tuple[tuple[str, ...], ...]:
    """The quotations written in ``text``, as their lower-cased words."""
    found = (m.group(1) or m.group(2) or "" for m in _QUOTE_RE.finditer(text))
    return tuple(
        w for q in found if len(q.strip()) >= _MIN_CHARS and len(w := _words(q)) >= _MIN_WORDS
    )


def _surname(speaker: str | None) -> str | None:
    """The speaker's surname when the speaker ends in a person's name, else None."""
    tokens = (speaker or "").split()
    if len(tokens) < 2:
        return None
    last = tokens[-2:]
    if not all(t[:1].isupper() and t.lower().strip(".") not in _TITLES for t in last):
        return None
    return last[-1].strip(".,").lower()


def _shared(xs: tuple[tuple[str, ...], ...], ys: tuple[tuple[str, ...], ...]) -> str | None:
    """The words of a quotation both sentences write, if any."""
    for x in xs:
        for y in ys:
            short, long_ = sorted((x, y), key=len)
            if x == y and len(x) >= _MIN_WORDS:
                return " ".join(x)
            joined, whole = " ".join(short), f" {' '.join(long_)} "
            if len(short) >= _INSIDE_WORDS and f" {joined} " in whole:
                return joined
    return None


def quote_owner(a: Sentence | str, b: Sentence | str) -> tuple[str, str, str] | None:
    """(a's speaker, b's speaker, the remark) when the two sentences give one quoted
    remark to two named people, else None (plain strings carry no speaker).

    Example:
        >>> from conflictscan import Document, Scanner
        >>> a, b = Scanner().sentences_for([  # doctest: +SKIP
        ...     Document("'We will not raise taxes,' Finance Minister Carys Dorn said."),
        ...     Document("Prime Minister Hallam Greaves said: 'We will not raise taxes.'")])
        >>> quote_owner(a, b)  # doctest: +SKIP
        ('Finance Minister Carys Dorn', 'Prime Minister Hallam Greaves', 'we will not raise taxes')
    """
    if not (isinstance(a, Sentence) and isinstance(b, Sentence)):
        return None
    surname_a, surname_b = _surname(a.speaker), _surname(b.speaker)
    if surname_a is None or surname_b is None or surname_a == surname_b:
        return None
    if not ("'" in a.text or "‘" in a.text or '"' in a.text or "“" in a.text):
        return None
    if surname_b in _words(a.text) or surname_a in _words(b.text):
        return None
    remark = _shared(_quotes(a.text), _quotes(b.text))
    if remark is None:
        return None
    return str(a.speaker), str(b.speaker), remark


def quote_evidence(a: Sentence | str, b: Sentence | str) -> list[Evidence]:
    """The clash of :func:`quote_owner` as evidence of kind ``"identity"``."""
    found = quote_owner(a, b)
    if found is None:
        return []
    x, y, remark = found
    return clash_evidence((x, y), "identity", QUOTE_SCORE, f"'{remark}' said by two people")
