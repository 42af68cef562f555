"""Reporting verbs and their frames: who speaks and which clause is reported.

Input: tokens of a spaCy parse (:func:`conflictscan.text._parsing.parse`). Output: the word
tables of reporting verbs and :func:`verb_frame`, the (speaker, complement clause) of a
reporting verb, with the repairs :mod:`conflictscan.text._attribution` applies to the
complement's tokens (:func:`joined_complement`, :func:`told_object_in_clause`,
:func:`with_stray_subject`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conflictscan.text._syntax import children, complement, negated, subtree, trim, verbless, words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

REPORT_LEMMAS = words(
    "say tell add report state claim announce confirm insist warn stress note argue write "
    "explain acknowledge admit allege assert estimate predict maintain concede reveal "
    "disclose declare caution complain reiterate find show suggest testify tweet post "
    "recall emphasise emphasize contend charge inform assure remind reply respond retort "
    "observe remark conclude forecast mention boast vow pledge promise indicate hint "
    "signal agree believe"
)
"""Lemmas of verbs that attribute a clausal complement to their subject."""

_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")
"""Dependency labels of a clause's own subject."""
_NEGATIVE_SUBJECTS = words("nobody noone none neither nothing")
_TOLD = words(
    "reporters journalists lawmakers legislators parliament me us him her them investors "
    "analysts supporters residents officials"
)


def negative_subject(subject: Token) -> bool:
    return subject.lower_ in _NEGATIVE_SUBJECTS or any(
        c.lower_ in ("no", "neither") for c in subject.children
    )


def second_reports(verb: Token) -> list[Token]:
    """Clauses joined to ``verb`` that carry a clause of their own: "…, adding that Q",
    "…, and Y said Q"."""
    return [c for c in children(verb, "conj", "advcl", "parataxis") if children(c, "ccomp")]


def _second_claim(verb: Token, content: Token) -> bool:
    """ "X said P, adding that Q" or "X said P, and Y said Q": two claims, no split."""
    return any(child.i != content.i for child in second_reports(verb))


def _quoted_complement(verb: Token) -> tuple[Token, Token] | None:
    """ "quoted Y as saying P" -> (Y, P); "Y was quoted as saying P" -> (Y, P)."""
    for prep in children(verb, "prep"):
        for saying in children(prep, "pcomp"):
            clauses = children(saying, "ccomp")
            who = children(verb, "dobj") or children(verb, "nsubjpass")
            if prep.lower_ == "as" and saying.lemma_ == "say" and clauses and who:
                return who[0], clauses[0]
    return None


def complements(verb: Token) -> list[Token]:
    """Clausal complements of a reporting verb.

    Besides ``ccomp``: a that-clause the parser hung on "in a statement" ("said in a
    statement that P"), and a clause before the verb set off by a comma that the parser
    left unlabelled ("P, officials said").
    """
    found = children(verb, "ccomp")
    for prep in [] if found else children(verb, "prep"):
        for noun in children(prep, "pobj"):
            found += [
                c
                for c in children(noun, "acl", "relcl", "ccomp")
                if any(m.lower_ == "that" for m in children(c, "mark"))
            ]
    for child in [] if found else children(verb, "dep", "parataxis", "advcl"):
        after = child.right_edge.i + 1
        if child.i < verb.i and after < verb.i and verb.doc[after].text in (",", "“", "”", '"'):
            found.append(child)
    return found


def verb_frame(head: Token) -> tuple[Token, Token] | None:
    """(speaker, complement) of a reporting verb heading the clause."""
    if head.lemma_ == "quote":
        return _quoted_complement(head)
    if head.lemma_ not in REPORT_LEMMAS or not head.tag_.startswith("VB") or negated(head):
        return None
    clauses = complements(head)
    subjects = children(head, "nsubj")
    if not clauses or not subjects or negative_subject(subjects[0]):
        return None
    if head.dep_ in ("relcl", "acl", "amod", "xcomp", "advcl", "csubj", "pcomp"):
        return None
    verdict = head.lemma_ != "say" and verbless(clauses[0])  # "found X guilty": no report
    if verdict or _second_claim(head, clauses[0]) or _subjectless(head, clauses[0]):
        return None
    if head.lemma_ == "find" and (children(head, "dobj") or len(children(clauses[0], "nsubj")) > 1):
        return None  # "police find mass grave near site 43 students vanished"
    objects = [o for o in children(head, "dobj") if o.pos_ in ("NOUN", "PROPN")]
    between = [
        p
        for p in children(head, "prep")
        if objects and objects[0].i < p.i < clauses[0].i and p.lower_ == "to"
    ]
    if between and head.lemma_ not in _ADDRESSED:
        return None  # "reported the mayor to the watchdog over …": an object sent somewhere
    return subjects[0], clauses[0]


def _subjectless(head: Token, clause: Token) -> bool:
    """A passive clause after the verb with no subject of its own is no reported claim.

    "The bodies found in a mass grave were confirmed not to be …": the parser may read the
    participle "found" as the sentence's verb and "were confirmed …" as what was found;
    headlines write the passive report as "fighter said abducted by …", "man said not to
    have Ebola": the subject is what is reported on, not who speaks.
    """
    if clause.i < head.i:
        return False
    if head.lemma_ == "say" and children(head, "xcomp"):
        return True  # the headline passive "man said not to have Ebola"
    if clause.tag_ != "VBN" and not children(clause, "auxpass"):
        return False  # verbless headline clauses are claims: "Nicaragua says meteorite cause"
    return not children(clause, *_SUBJECTS)


def told_object_in_clause(doc: Doc, verb: Token, content: list[int]) -> bool:
    """ "tells reporters rain will fall": the parser may take "reporters" into the clause."""
    if verb.lemma_ != "tell" or children(verb, "dobj", "dative") or not content:
        return False
    return content[0] == verb.i + 1 and doc[content[0]].lower_ in _TOLD


_ADDRESSED = words(
    "tell inform assure remind warn promise pledge vow caution notify advise convince persuade"
)
"""Reporting verbs whose object is whom they address ("told *reporters* the talks failed")."""


def with_stray_subject(
    doc: Doc, head: Token, scope: set[int], clause: Token, content: list[int]
) -> list[int]:
    """The complement with its subject, where the parser took that for the reporting
    verb's object: "Official figures show *joblessness in the region* climbed" (the
    clause "climbed …" has no subject of its own)."""
    if clause.i < head.i or head.lemma_ in _ADDRESSED or not content:
        return content
    if children(clause, *_SUBJECTS, "mark"):
        return content
    stray = [o for o in children(head, "dobj") if head.i < o.i < clause.i]
    if not stray:
        return content
    first = stray[0].left_edge.i
    before = [i for i in range(first, content[0]) if i in scope]
    if len(before) != content[0] - first:
        return content
    return trim(doc, [*before, *content])


def joined_complement(doc: Doc, head: Token, clause: Token, scope: set[int]) -> list[int]:
    """The tokens of the reported clause, with the clauses that run on right after it that
    the parser hung on the reporting verb as complements of their own: in "said rumours
    that the department would close were untrue" it may read "rumours" as a verb and
    "were untrue" as a second complement; the claim is both."""
    tokens = complement(doc, clause, scope)
    for other in children(head, "ccomp"):
        if other.i <= clause.i or not tokens:
            continue
        more = sorted(i for i in subtree(other) if i in scope)
        if more and more[0] == tokens[-1] + 1:
            tokens = trim(doc, [*tokens, *more])
    return tokens
