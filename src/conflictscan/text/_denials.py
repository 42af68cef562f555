"""Denials read from a parsed clause: who denies what.

Input: a spaCy ``Doc``, the head token of a clause and the token indices in scope (the
content left once attributions are peeled off, see :mod:`conflictscan.text._attribution`).
Output: a :class:`Denial` (the denier's token, the tokens of the denied proposition, or a
rewritten proposition) or ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from conflictscan.text._syntax import (
    NEGATORS,
    OPEN_QUOTES,
    QUOTES,
    children,
    complement,
    is_punct,
    negated,
    noun_phrase,
    subject,
    surface,
    text_of,
    trim,
    words,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DENIAL_LEMMAS = words(
    "deny dismiss reject rebuff refute dispute rubbish contest repudiate debunk discount "
    "brush shoot"
)
"""Lemmas of verbs that deny what their object or clause says ("brush aside", "shoot down")."""

VERDICT_LEMMAS = words(
    "call describe characterize characterise label brand term dub deem slam decry denounce portray"
)
"""Verbs that deny a report only together with a verdict word ("called reports … lies")."""

FALSE_WORDS = words(
    "untrue false baseless unfounded groundless wrong incorrect inaccurate nonsense rubbish "
    "fabricated fabrication fabrications fake lie lies lying ridiculous absurd laughable "
    "misleading speculation speculative fiction fictitious fantasy invented hoax garbage "
    "propaganda smear disinformation misinformation malicious slander slanderous "
    "defamatory nonsensical bogus gossip invention conjecture hearsay unsubstantiated "
    "erroneous mistaken fanciful"
)
"""Verdict words that call a report false."""

REPORT_NOUNS = words(
    "report claim suggestion allegation rumour rumor speculation accusation assertion "
    "story idea notion charge insinuation contention theory myth fiction talk"
)
"""Nouns for what a denial can deny the content of ("reports that P")."""

_DENIABLE = REPORT_NOUNS | words("wrongdoing involvement responsibility guilt knowledge")
_PARTICLES = {"brush": words("aside off"), "shoot": words("down")}
_PLURAL = words("they we you")
_BE = words("be is are was were 's")
_TRUTH = words("truth substance basis")
_SOURCES = words("media press news newspaper tabloid online internet web television tv radio")
_HEADLINE_DENIALS = words("denies rejects dismisses rebuffs refutes disputes slams debunks")
"""Denial verbs as headlines write them, which the parser can take for plural nouns
("Official rejects resignation reports")."""
_MODIFIED_REPORTS = words("report rumour rumor claim speculation allegation suggestion")
_SAYING = words("claim say suggest allege state assert indicate")
"""Participles that give a report noun its content ("a report claiming that P")."""
_MISPARSED_VERB = words("compound amod nmod nsubj dobj npadvmod appos")


@dataclass(frozen=True, slots=True)
class Denial:
    """A denial found in a clause.

    Args:
        denier: The denying subject's head token, if the clause has one.
        tokens: Indices of the denied proposition as written (empty if none is stated).
        text: The proposition when it is rewritten ("<denier> had met X"), else ``None``.
    """

    denier: Token | None
    tokens: tuple[int, ...] = ()
    text: str | None = None


def is_false_word(tok: Token) -> bool:
    """Is ``tok`` a verdict word of :data:`FALSE_WORDS`?"""
    return tok.lower_ in FALSE_WORDS or tok.lemma_.lower() in FALSE_WORDS


def _verdict_cut(doc: Doc, start: int, end: int) -> int:
    """Where a proposition running from ``start`` to ``end`` (inclusive) really ends."""
    for k in range(start + 1, end + 1):
        tok = doc[k]
        ahead = [doc[j] for j in range(k + 1, min(end, k + 5) + 1)]
        falsity = any(is_false_word(t) for t in ahead)
        if tok.lower_ == "as" and falsity:
            return k - 1
        if tok.text in OPEN_QUOTES and (falsity or is_false_word(doc[min(k + 1, end)])):
            return k - 1
        if tok.text == "," and k < end and (doc[k + 1].tag_ == "VBG" or falsity):
            return k - 1
        if (
            tok.lower_ in _BE
            and falsity
            and all(
                t.pos_ in ("ADV", "PART", "PUNCT", "ADJ", "VERB", "DET") or is_false_word(t)
                for t in ahead[: next(i for i, t in enumerate(ahead) if is_false_word(t)) + 1]
            )
        ):
            return k - 1
    return _trailing_verdict(doc, start, end)


def _trailing_verdict(doc: Doc, start: int, end: int) -> int:
    """Cut a verdict noun phrase that ends the clause ("… a lie", "… absolute nonsense")."""
    last = end
    while last > start and is_punct(doc[last]):
        last -= 1
    if not is_false_word(doc[last]) or doc[last].pos_ not in ("NOUN", "PROPN"):
        return end
    k = last - 1
    while k > start and (doc[k].pos_ in ("DET", "ADJ", "ADV") or doc[k].text in QUOTES):
        k -= 1
    return k if k < last - 1 or doc[last - 1].lower_ not in _BE else end


def _proposition(doc: Doc, first: int, last: int, scope: set[int]) -> tuple[int, ...]:
    last = min(last, max(scope))
    last = _verdict_cut(doc, first, last)
    return tuple(trim(doc, (i for i in range(first, last + 1) if i in scope)))


def _that_clause(doc: Doc, noun: Token, scope: set[int]) -> tuple[int, ...] | None:
    """The clause of "reports that P" (or "the claim P", "a report claiming (that) P"),
    from the parse, trimmed."""
    after = noun.i + 1
    saying = doc[after] if after < len(doc) else None
    if saying is not None and saying.head.i == noun.i and saying.lemma_ in _SAYING:
        clauses = children(saying, "ccomp")
        if saying.tag_ != "VBG" or not clauses or clauses[0].i < saying.i:
            return None
        start = after + 1 + int(doc[after + 1].lower_ == "that")
        prop = _proposition(doc, start, clauses[0].right_edge.i, scope)
        return prop if len(prop) >= 2 else None
    if after >= len(doc):
        return None
    if doc[after].lower_ != "that":
        return _bare_clause(doc, noun, scope)
    ends = [noun.right_edge.i] + [t.right_edge.i for t in doc[after + 1 :] if t.head.i == noun.i]
    clause_verb = doc[after].head
    if clause_verb.i > after:
        ends.append(clause_verb.right_edge.i)
    prop = _proposition(doc, after + 1, max(ends), scope)
    return prop if len(prop) >= 2 else None


# Verbs complete without an object, so "reports the minister had resigned" is a report
# of a resignation, where "reports the minister had read" (the reports he read) is not.
_WHOLE_ALONE = words(
    "resign die quit flee escape collapse surrender defect vanish disappear retire crash "
    "sink survive fail win lose"
)
_SUBJECTS = ("nsubj", "nsubjpass")
_COMPLETE_DEPS = frozenset(
    {"dobj", "ccomp", "xcomp", "acomp", "attr", "auxpass", "prt", "dative", "oprd", "nsubjpass"}
)


def _bare_clause(doc: Doc, noun: Token, scope: set[int]) -> tuple[int, ...] | None:
    """The clause of "reports the general had fled the country", written without "that":
    its subject starts right after the noun and its verb is complete (it has an object or
    complement, is passive, or needs none), so it is no relative clause ("reports the
    minister had read")."""
    first = doc[noun.i + 1]
    subj = first if first.dep_ in _SUBJECTS else first.head
    verb = subj.head
    if subj.dep_ not in _SUBJECTS or subj.left_edge.i != first.i or verb.i <= subj.i:
        return None
    if verb.dep_ not in ("acl", "relcl", "ccomp") or verb.head.i not in (noun.i, noun.head.i):
        return None
    deps = {c.dep_ for c in verb.children}
    if not (deps & _COMPLETE_DEPS or verb.lemma_.lower() in _WHOLE_ALONE):
        return None
    prop = _proposition(doc, first.i, verb.right_edge.i, scope)
    return prop if len(prop) >= 2 else None


def _of_tokens(doc: Doc, noun: Token, scope: set[int]) -> tuple[int, ...]:
    """Tokens of the object of "reports of a mutiny", any verdict cut off."""
    for prep in children(noun, "prep"):
        objects = children(prep, "pobj")
        if prep.lower_ == "of" and objects:
            obj = objects[0]
            prop = _proposition(doc, obj.left_edge.i, obj.right_edge.i, scope)
            if prop:
                return prop
    return ()


def _compound_tokens(doc: Doc, noun: Token, scope: set[int]) -> tuple[int, ...]:
    """What a report noun's modifiers say: "takeover reports" -> the takeover. Only nouns
    next to the report noun count ("earlier reports", "media reports" say nothing of what
    was reported), and adjectives of those nouns ("snap election rumours")."""
    if noun.lemma_.lower() not in _MODIFIED_REPORTS:
        return ()
    first = noun.i
    while first - 1 in scope:
        tok = doc[first - 1]
        if tok.lower_ in _SOURCES or tok.lower_ in _HEADLINE_DENIALS:
            break
        if tok.head.i == noun.i:
            if tok.dep_ != "compound" or not tok.tag_.startswith("NN"):
                break
        elif not (first <= tok.head.i < noun.i and tok.dep_ in ("compound", "amod")):
            break
        first -= 1
    return tuple(range(first, noun.i))


def _report_content(doc: Doc, noun: Token, scope: set[int]) -> tuple[tuple[int, ...], str | None]:
    """What a report noun says: its that-clause as written (``text`` None), else its
    of-phrase and that phrase rewritten ("reports of a mutiny" -> "there was a mutiny");
    ``((), None)`` when it says neither."""
    tokens = _that_clause(doc, noun, scope)
    if tokens:
        return tokens, None
    told = _of_tokens(doc, noun, scope) or _compound_tokens(doc, noun, scope)
    if not told:
        return told, None
    head = next((i for i in told if doc[i].head.i not in told), told[0])
    # A modifier needs its article back: "resignation reports" -> "there was a resignation".
    return told, _there_was(doc, told, plural=_is_plural(doc[head]), article=told[-1] < noun.i)


def _is_plural(tok: Token) -> bool:
    return tok.tag_ in ("NNS", "NNPS")


def _there_was(doc: Doc, told: tuple[int, ...], *, plural: bool, article: bool) -> str:
    """``told`` as a statement that it happened: "there were layoffs", "there was an outage"."""
    if plural:
        return "there were " + text_of(doc, told)
    a = ("an " if doc[told[0]].lower_[0] in "aeiou" else "a ") if article else ""
    return "there was " + a + text_of(doc, told)


def _report_lemma(tok: Token) -> str:
    """The lemma to look up in :data:`REPORT_NOUNS`; "talks" (negotiations) is no "talk"."""
    return tok.lower_ if tok.lower_ == "talks" else tok.lemma_.lower()


def _is_report_noun(tok: Token) -> bool:
    """ "reports", "claim", "rumours" … (:data:`REPORT_NOUNS`, plural or not)."""
    lemma = _report_lemma(tok)
    return lemma in REPORT_NOUNS or (lemma != "talks" and tok.lower_.rstrip("s") in REPORT_NOUNS)


def _as_denial(denier: Token | None, tokens: tuple[int, ...], text: str | None) -> Denial:
    """A :class:`Denial` of :func:`_report_content`'s result."""
    return Denial(denier, (), text) if text else Denial(denier, tokens)


def _plural(subject: Token) -> bool:
    morph = subject.morph.get("Number")
    return (
        subject.lower_ in _PLURAL
        or subject.tag_ in ("NNS", "NNPS")
        or "Plur" in morph
        or bool(children(subject, "conj"))
    )


def _gerund(doc: Doc, verb: Token, scope: set[int]) -> Denial | None:
    """ "X denied having met Y" -> "X had met Y"; "X denied using Y" -> "X was using Y"."""
    denier = subject(verb)
    for child in verb.children:
        aux = [a for a in children(child, "aux", "auxpass") if a.lower_ in ("having", "being")]
        if child.dep_ not in ("xcomp", "dobj", "pcomp", "advcl", "ccomp"):
            continue
        if child.tag_ != "VBG" and not aux:
            continue
        tokens = _proposition(doc, child.left_edge.i, child.right_edge.i, scope)
        if not tokens or denier is None:
            continue
        who = surface(doc, noun_phrase(doc, denier))
        first, _, rest = surface(doc, tokens).partition(" ")
        be = "were" if _plural(denier) else "was"
        clause = {"having": f"had {rest}", "being": f"{be} {rest}"}.get(
            first.lower(), f"{be} {first} {rest}"
        )
        return Denial(denier, tokens, f"{who} {clause}".strip())
    return None


def _report_object(verb: Token) -> Token | None:
    """The report noun a verb takes as object, directly or after "as" ("rejected as … claims")."""
    candidates = children(verb, "dobj", "attr", "oprd")
    candidates += [p for prep in children(verb, "prep") for p in children(prep, "pobj")]
    return next((noun for noun in candidates if _is_report_noun(noun)), None)


def _has_particle(verb: Token) -> bool:
    needed = _PARTICLES.get(verb.lemma_)
    if needed is None:
        return True
    return any(c.lower_ in needed for c in verb.children if c.dep_ in ("prt", "advmod"))


def _passive_report(doc: Doc, verb: Token, scope: set[int]) -> Denial | None:
    """ "Claims that P have been dismissed by engineers": the report is the subject."""
    for noun in children(verb, "nsubjpass"):
        if _report_lemma(noun) not in REPORT_NOUNS:
            continue
        agents = [o for a in children(verb, "agent") for o in children(a, "pobj")]
        tokens, text = _report_content(doc, noun, scope)
        return _as_denial(agents[0] if agents else None, tokens, text) if tokens else None
    return None


def _denial_by_verb(doc: Doc, verb: Token, scope: set[int]) -> Denial | None:
    denier = subject(verb)
    if verb.lemma_ in DENIAL_LEMMAS and children(verb, "nsubjpass"):
        return _passive_report(doc, verb, scope)
    if verb.lemma_ in DENIAL_LEMMAS and _has_particle(verb):
        for clause in children(verb, "ccomp"):
            tokens = tuple(complement(doc, clause, scope))
            # A verdict quoted before the verb is no proposition: '"Categorically false": X
            # debunks reports that P'.
            if len(tokens) >= 2 and not is_false_word(clause):
                return Denial(denier, tokens)
        noun = _report_object(verb)
        if noun is not None:
            tokens, text = _report_content(doc, noun, scope)
            return _as_denial(denier, tokens, text) if tokens else Denial(denier)
        gerund = _gerund(doc, verb, scope) if verb.lemma_ == "deny" else None
        if gerund is not None:
            return gerund
        objects = children(verb, "dobj")
        if verb.lemma_ == "deny" and objects and not children(verb, "dative"):
            return Denial(denier) if _report_lemma(objects[0]) in _DENIABLE else None
        return None
    if verb.lemma_ in VERDICT_LEMMAS:
        noun = _report_object(verb)
        if noun is None:
            return None
        # "called reports that P lies", "described reports of job cuts as speculation":
        # the verdict lies outside what the report says.
        tokens, text = _report_content(doc, noun, scope)
        if tokens and _verdict_outside(doc, scope, tokens):
            return _as_denial(denier, tokens, text)
    return None


def _headline_report(doc: Doc, noun: Token, scope: set[int]) -> tuple[int, ...]:
    """ "Reports Isis fighters have contracted Ebola are 'incorrect'": a headline's report
    noun with its clause and no "that"; the clause runs to the verb of the verdict."""
    ordered = sorted(scope)
    for j in (k for k in ordered if k > noun.i + 2):
        if doc[j].lower_ in _BE:
            after = [doc[k] for k in ordered if k > j and not is_punct(doc[k])][:3]
            if any(is_false_word(t) for t in after):
                prop = _proposition(doc, noun.i + 1, j - 1, scope)
                has_verb = any(doc[k].pos_ in ("VERB", "AUX") for k in prop)
                return prop if len(prop) >= 3 and has_verb else ()
    return ()


def _verdict_outside(doc: Doc, scope: set[int], tokens: Sequence[int]) -> bool:
    inside = set(tokens)
    return any(is_false_word(doc[i]) for i in scope if i not in inside)


def _denial_by_copula(doc: Doc, head: Token, scope: set[int]) -> Denial | None:
    """ "Reports that P are untrue", "There is no truth to reports that P", "It is false
    that P"."""
    for i in sorted(scope):
        tok = doc[i]
        # A headline's opening "Reports …", which the parser may tag as a name.
        first = i == min(scope) and tok.lower_.endswith("s") and _is_report_noun(tok)
        if first or (_report_lemma(tok) in REPORT_NOUNS and tok.pos_ in ("NOUN", "VERB")):
            # "reports that P are untrue", "reports of an imminent rate rise were untrue"
            tokens, text = _report_content(doc, tok, scope)
            if not tokens and first:
                tokens = _headline_report(doc, tok, scope)
            if not tokens:
                continue
            last = tok.right_edge.i if text else tokens[-1]
            # up to five words back, quotation marks skipped: 'no "truth whatsoever" to'
            before = [doc[j].lower_ for j in range(max(0, i - 8), i) if not is_punct(doc[j])]
            before = before[-5:]
            no_truth = any(w in _TRUTH for w in before) and "no" in before
            rest = [doc[j] for j in sorted(scope) if j > last and not is_punct(doc[j])]
            words = [t.lower_ for t in rest[:5]]
            falsity = any(is_false_word(t) for t in rest[:5]) or (
                "true" in words and bool(NEGATORS & set(words))
            )
            # The report is the subject of a verdict: "are untrue", "had been fabricated".
            verdict = bool(rest) and (rest[0].pos_ == "AUX" or rest[0].lower_ in _BE) and falsity
            if no_truth or verdict:
                return _as_denial(None, tokens, text)
    if head.lemma_ == "be" and any(c.lower_ == "it" for c in children(head, "nsubj", "expl")):
        falsity = [c for c in children(head, "acomp", "attr") if is_false_word(c)]
        truth = [c for c in children(head, "acomp") if c.lower_ == "true"]
        if falsity or (truth and negated(head)):
            for clause in children(head, "ccomp"):
                tokens = tuple(complement(doc, clause, scope))
                if len(tokens) >= 2:
                    return Denial(None, tokens)
    return None


def _denial_by_words(doc: Doc, scope: set[int]) -> Denial | None:
    """Backstop for misparses: a denial or verdict verb, then a report noun and "that"."""
    order = sorted(scope)
    for n, i in enumerate(order):
        verb = doc[i]
        lemma = verb.lemma_.lower()
        if verb.lower_ in _HEADLINE_DENIALS and verb.dep_ in _MISPARSED_VERB:
            found = _headline_denial(doc, order, n)
            if found is not None:
                return found
            continue
        if lemma not in DENIAL_LEMMAS | VERDICT_LEMMAS or not verb.tag_.startswith("VB"):
            continue
        if any(doc[j].lower_ in NEGATORS for j in order[max(0, n - 3) : n]):
            continue
        # "dismissed as \"pure fiction\" reports that ...": a verdict may come first
        reach = 9 if n + 1 < len(order) and doc[order[n + 1]].lower_ == "as" else 6
        for j in order[n + 1 : n + reach]:
            if _report_lemma(doc[j]) not in REPORT_NOUNS:
                continue
            tokens = _that_clause(doc, doc[j], scope)
            if tokens and (lemma in DENIAL_LEMMAS or _verdict_outside(doc, scope, tokens)):
                before = trim(doc, (k for k in order if k < i))
                denier = doc[before[-1]] if before else None
                return Denial(denier, tokens)
    return None


def _headline_denial(doc: Doc, order: Sequence[int], n: int) -> Denial | None:
    """A verbless headline read as "<denier> denies <X> reports" when the parser took the
    verb for a noun: the words between the verb and a report noun are what is denied."""
    for m in range(n + 1, min(n + 6, len(order))):
        if not _is_report_noun(doc[order[m]]):
            continue
        told = tuple(
            k for k in order[n + 1 : m] if doc[k].lower_ not in _SOURCES and not is_punct(doc[k])
        )
        if not told:
            return None
        before = trim(doc, (k for k in order[:n]))
        denier = doc[before[-1]] if before else None
        text = _there_was(doc, told, plural=_is_plural(doc[told[-1]]), article=True)
        return Denial(denier, told, text)
    return None


def find_denial(doc: Doc, head: Token, scope: set[int]) -> Denial | None:
    """The denial made by the clause headed by ``head``, limited to ``scope``, if any.

    Args:
        doc: The parsed sentence.
        head: Head token of the clause (the content left after attributions).
        scope: Token indices of that clause.

    Returns:
        The :class:`Denial`, or ``None`` (also for negated denials: "did not deny").
    """
    if head.tag_.startswith("VB") and not negated(head):
        found = _denial_by_verb(doc, head, scope)
        if found is not None:
            return found
    if negated(head) and head.lemma_ in DENIAL_LEMMAS:
        return None
    return _denial_by_copula(doc, head, scope) or _denial_by_words(doc, scope)
