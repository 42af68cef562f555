"""Who or what a claim is about: the grammatical subject, read from a dependency parse.

Input: two claim texts (attribution already removed). Output: ``subject_contrast`` in
{0, 1}, a combiner feature that says the two claims are about *different* things of one
kind: "The northern bridge was closed" / "The southern bridge was open", "Exports to
Sorvak rose" / "Exports to Dessaria fell", "Vantor Motors will cut 2,000 jobs" / "Korvel
will cut 800 jobs". An NLI
model trained on caption data reads such pairs as contradictions (two captions of one
scene), so the subject is compared here instead.

Two subjects contrast when

* they have the same head word and, in one role, each a describing word the other subject
  lacks ("northern" / "southern", "men's" / "women's", "finance" / "defence" minister,
  "the new hospital" / "the old hospital", "the former minister" / "the current one",
  exports "to Sorvak" / "to Dessaria", "the senator's elder brother" / "the senator's
  younger brother", inflation "in the euro zone" / "in Britain"); words in different
  roles ("trade between the two countries" / "bilateral trade") may be a paraphrase and
  do not count, nor does a name against a common word for a place ("the highway through
  Kellan" / "through the town"); a rank before a title on one side only counts too ("the
  mayor" / "the deputy mayor", "the interim chief executive"); or
* both subjects are names, with no name word in common (titles such as "Judge" or
  "Senator" are not name words), doing the same thing ("Vantor Motors will cut" /
  "Korvel will cut", "the Unity party won" / "the Labour Front won"; with
  different verbs, different names are common in real conflicts, "Riverside won the cup" /
  "Portmere lifted the cup", and do not count); or
* both are of a country or region, and of two that cannot be one place ("Colorado's
  legislature passed" / "Nevada lawmakers rejected"); or
* they are two different measures of a report ("Sales rose by a third" / "Profits fell
  by a third"; sales and revenue are one measure).

A second feature, ``other_group``, says that exactly one subject is "the others", "the
rest" or "two other …": a group set apart from one named before ("All 12 were released" /
"The others detained were released"), or another one of its kind ("the next meeting",
"the return flight", "a second explosion", "a separate protest" against "the meeting",
"the flight", "the explosion", "the protest"; or what the action is done to, "signed a
second order" against "signed the order"), or that exactly one claim tells of another
matter ("In a separate trial, Judge Moreno granted the motion"). Places and dates are not
compared for such pairs (:mod:`conflictscan.signals._places`,
:mod:`conflictscan.signals._timing`).

The verb is the action's: after "failed to", "managed to", "refused to" … it is the
complement's ("Berg failed to qualify" does what "Lindqvist qualified" does). Each subject
also carries the names in its verb's place phrases ("broke out in the port of Antwerp"),
which :mod:`conflictscan.signals._places` compares.

Numbers, dates, determiners, possessive pronouns and quantifiers are not describing words:
"12 people were killed" / "15 people were killed" is about one thing, counted twice, and
stays the numeric signals' business. A subject that is a pronoun, or a sentence without a
parse (spaCy not installed), never contrasts.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from conflictscan.signals._dates import _CALENDAR_WORDS
from conflictscan.signals._lexicon import _STOPWORDS
from conflictscan.signals._regions import _apart, is_region
from conflictscan.text._speech import MAX_PARSE_CHARS
from conflictscan.text._syntax import words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CACHE_SIZE = 8192

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NOT_DESCRIBING = words(
    "all any both each every few many more most much several some such other another "
    "same own former latter first last current new old"
)
_OTHERS = words("other rest remainder")
_AGES = words("new old former current first last original")
"""Words that tell one of a kind from another by its time: not describing words alone
("the new law" is the law), but "the new hospital" / "the old hospital" contrast."""
_ANOTHER_ONE = words(
    "other another next previous upcoming following subsequent prior preceding return second "
    "third fourth separate"
)
"""Words before a subject's head that make it another one of its kind than the one told
plainly: "the *next* meeting", "the *return* flight", "a *second* explosion"."""
_TITLES = words(
    "president vice senator sen. judge justice minister prime chancellor governor gov. mayor "
    "general gen. colonel col. captain capt. coach manager dr. dr doctor professor prof. mr. "
    "mr mrs. mrs ms. ms sir lord lady king queen prince princess pope bishop cardinal rev. "
    "sheikh chairman chairwoman chief commissioner ambassador secretary representative rep. "
    "deputy sergeant sgt. lieutenant lt. inspector detective officer striker goalkeeper"
)
_PREMODIFIERS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
_ASIDES = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj"})
_CATENATIVE = words(
    "fail manage refuse decline try attempt continue begin start stop cease agree seek "
    "hope plan vow promise threaten want"
)
_PLACE_PREPS = {
    "in": "at", "at": "at", "near": "at", "off": "at", "outside": "at", "inside": "at",
    "to": "to", "into": "to", "from": "from",
}  # fmt: skip
"""Verbs whose action is their complement's: "Berg failed to qualify" does what
"Lindqvist qualified" does, to a different outcome."""


class Subject(NamedTuple):
    """A claim's subject: its head word, the words that describe it by role, its verb.

    ``theme`` and ``theme_names`` are what the action is done to: the direct object of an
    active verb ("Police arrested *the driver*"), the subject of a passive one ("*The
    driver* was arrested"), with the object's names; empty when there is none.
    ``other`` and ``theme_other`` say that the subject, or the theme, is "the others" or
    another one of its kind ("the *next* meeting", "signed *a second* order").
    ``agent`` and ``agent_names`` are who does the action of a passive verb ("The driver
    was arrested *by police*"); empty for an active verb or a passive without "by".
    """

    head: str
    describing: frozenset[tuple[str, str]]
    names: frozenset[str]
    verb: str
    other: bool = False
    places: frozenset[tuple[str, str]] = frozenset()
    theme: str = ""
    theme_names: frozenset[str] = frozenset()
    theme_other: bool = False
    agent: str = ""
    agent_names: frozenset[str] = frozenset()

    @property
    def target(self) -> tuple[str, frozenset[str]]:
        """(word, name words) of what the claim is about: the theme when there is one
        ("the court convicted *Gregor Salt*"), else the subject itself."""
        if self.theme:
            return self.theme, self.theme_names
        return self.head, self.names


_cache: OrderedDict[str, Subject | None] = OrderedDict()
_lock = threading.Lock()


def _word(tok: Token) -> str:
    return tok.lower_.removesuffix("'s").removesuffix("’s")


def _describing(tok: Token) -> bool:
    word = _word(tok)
    return (
        tok.pos_ in {"NOUN", "PROPN", "ADJ"}
        and not tok.like_num
        and word not in _STOPWORDS
        and word not in _NOT_DESCRIBING
        and word.capitalize() not in _CALENDAR_WORDS
        and word.isalpha()
    )


def _is_name(tok: Token) -> bool:
    # A capitalised word is a name inside the sentence, or first as a modifier
    # ("Holmstad airport"), where the tagger often calls it a common noun; a word in
    # lower case is not one, whatever the tagger says ("the defence ministry").
    capitalised = tok.is_title and (tok.i > 0 or tok.dep_ == "compound")
    return (tok.pos_ == "PROPN" and not tok.is_lower) or capitalised


def _role(tok: Token, head: Token) -> str:
    """Where a describing word hangs: its relation, with the preposition for an of-phrase.

    "Exports *to Sorvak*" gives ``"to/name"``, "the *northern* bridge" ``"amod/word"``;
    two describing words contrast only in the same role.
    """
    kind = "name" if _is_name(tok) else "word"
    step = tok
    while step.head.i != head.i and step.head.i != step.i:
        step = step.head
    if step.dep_ == "prep":
        return f"{step.lower_}/{kind}"
    if step.dep_ in _PREMODIFIERS:
        return f"before/{kind}"
    return f"{step.dep_}/{kind}"


def _parsable(text: str) -> bool:
    return bool(text.strip()) and len(text) <= MAX_PARSE_CHARS


def prefetch(texts: Iterable[str]) -> None:
    """Read the subjects of ``texts`` not yet cached, in one parser batch.

    A scan calls this with every claim of its candidate pairs before their features are
    computed: one ``nlp.pipe`` over all of them is much cheaper than one call per claim.

    Args:
        texts: Claims.
    """
    from conflictscan.text import _parsing as parsing

    with _lock:
        todo = [t for t in dict.fromkeys(texts) if t not in _cache and _parsable(t)]
    if not todo or not parsing.is_available():
        return
    found = [_from_doc(doc) for doc in parsing.parse(todo)]
    with _lock:
        for text, value in zip(todo, found, strict=True):
            _remember(text, value)


def _remember(text: str, value: Subject | None) -> None:
    _cache[text] = value
    _cache.move_to_end(text)
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)


def subject(text: str) -> Subject | None:
    """The subject of the main clause of ``text``, or None (no parse, no subject, a pronoun).

    Results are cached (the most recent :data:`_CACHE_SIZE` claims). A claim longer than
    the parser's limit for one sentence (``MAX_PARSE_CHARS``) has no subject.

    Args:
        text: One claim.

    Returns:
        The head's lower-cased lemma ("" for a count such as "Two of the injured"); the
        describing words of the subject phrase (head and appositions excluded) as
        ``(role, word)``; the proper nouns of the phrase (head and a name set beside it
        included); the lemma of the verb the subject belongs to; whether it is "the
        others" of a group; the names in the verb's (and its object's) place phrases; and
        what the action is done to (:class:`Subject` ``theme``).
    """
    with _lock:
        if text in _cache:
            _cache.move_to_end(text)
            return _cache[text]
    prefetch([text])
    with _lock:
        return _cache.get(text)


def main_subject(doc: Doc) -> Token | None:
    """The head of the main clause's subject: the least deeply embedded one (the parser
    may hang it on an auxiliary rather than the root verb), the first of equals."""
    return min(
        (t for t in doc if t.dep_ in _SUBJECT_DEPS),
        key=lambda t: (len(list(t.ancestors)), t.i),
        default=None,
    )


def _from_doc(doc: Doc) -> Subject | None:
    head = main_subject(doc)
    if head is None or head.pos_ == "PRON":
        return None
    verb = head.head
    while verb.dep_ in {"aux", "auxpass"} and verb.head.i != verb.i:
        verb = verb.head
    while verb.lemma_.lower() in _CATENATIVE:
        action = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        if not action:
            break
        verb = action[0]
    other = _another(head)
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
    theme = head if head.dep_ == "nsubjpass" else objects[0] if objects else None
    agent = _agent(verb) if head.dep_ == "nsubjpass" else None
    # Places hang on the verb or on its object ("will build its plant in Ohio").
    places = _places(verb) | (_places(objects[0]) if objects else frozenset())
    verb_word = verb.lemma_.lower()
    # "Two of the injured": the head is a count; its of-phrase says what is counted.
    if head.like_num or head.pos_ == "NUM":
        return Subject("", frozenset(), frozenset(), verb_word, other, places)
    describing = frozenset(
        (_role(t, head), t.lemma_.lower().removesuffix("'s"))
        for t in _phrase(head)
        if _describing(t)
    ) | frozenset(("before/age", t.lower_) for t in head.children if t.lower_ in _AGES)
    # Neither the subject nor an object is a pronoun here, so a theme has a word.
    theme_word, theme_names = (
        ("", frozenset()) if theme is None else (theme.lemma_.lower(), _names(theme))
    )
    return Subject(
        head.lemma_.lower(),
        describing,
        _names(head),
        verb_word,
        other,
        places,
        theme_word,
        theme_names,
        theme is not None and _another(theme),
        "" if agent is None else agent.lemma_.lower(),
        frozenset() if agent is None else _names(agent),
    )


def _agent(verb: Token) -> Token | None:
    """Who does a passive verb's action: the object of its "by" ("killed *by police*"),
    unless that is a pronoun."""
    for by in (c for c in verb.children if c.dep_ == "agent"):
        for doer in by.children:
            if doer.dep_ == "pobj" and doer.pos_ != "PRON":
                return doer
    return None


def _another(tok: Token) -> bool:
    """ "The others", or a word before the head that makes it another one of its kind."""
    return tok.lemma_.lower() in _OTHERS or any(
        child.lower_ in _ANOTHER_ONE and child.i < tok.i for child in tok.children
    )


def _phrase(head: Token) -> list[Token]:
    """The words of a noun phrase besides its head, without relative clauses, asides or
    conjuncts."""
    skip = {t.i for child in head.children if child.dep_ in _ASIDES for t in child.subtree}
    return [t for t in head.subtree if t.i != head.i and t.i not in skip]


def _names(head: Token) -> frozenset[str]:
    """The names of a noun phrase: its head, modifiers and prepositional phrases, and a name
    set beside it ("His former partner, Greta Holm"); not those of a relative clause or of
    a description set beside it ("Brenning, the financier detained in Nice")."""
    beside = [
        t
        for child in head.children
        if child.dep_ == "appos"
        for t in (child, *(c for c in child.children if c.dep_ == "compound"))
    ]
    words_of = (head, *_phrase(head), *beside)
    return frozenset(_word(t) for t in words_of if _is_name(t) and _describing(t))


def _places(verb: Token) -> frozenset[tuple[str, str]]:
    """Names in the verb's place phrases, as ``(role, name)``: "broke out in the port of
    Antwerp" gives ``("at", "antwerp")``, "was flown to Innsbruck University Hospital"
    ``("to", "innsbruck university hospital")``."""
    found = set()
    for prep in verb.children:
        role = _PLACE_PREPS.get(prep.lower_) if prep.dep_ == "prep" else None
        if role is None:
            continue
        run: list[str] = []
        for tok in [*prep.subtree, None]:
            if tok is not None and tok.i != prep.i and _place_word(tok):
                run.append(_word(tok))
            elif run:
                found.add((role, " ".join(run)))
                run = []
    return frozenset(found)


_RANKS = frozenset(
    {"deputy", "vice", "assistant", "acting", "interim", "former", "associate", "junior",
     "lieutenant", "co", "ex", "outgoing", "incoming", "caretaker"}
)  # fmt: skip
"""Words before a title that make it another post: "the mayor" / "the deputy mayor"."""


def ranked_apart(sa: Subject, sb: Subject) -> bool:
    """Whether the two subjects' titles differ in a rank word (:data:`_RANKS`): "the mayor
    resigned" / "the deputy mayor remains in office" are two people."""
    if sa.head in sa.names or sb.head in sb.names:
        return False  # a named person keeps the name: "Deputy minister Yara Benhamou"
    ranks_a = {w for role, w in sa.describing if role.startswith("before/")} & _RANKS
    ranks_b = {w for role, w in sb.describing if role.startswith("before/")} & _RANKS
    return ranks_a != ranks_b


def subject_contrast(a: str, b: str) -> float:
    """1.0 when the claims ``a`` and ``b`` are about different things of one kind, else 0.0.

    Args:
        a: First claim.
        b: Second claim.

    Returns:
        1.0 or 0.0 (see the module docstring for the rule).
    """
    sa, sb = subject(a), subject(b)
    if sa is None or sb is None:
        return 0.0
    if not sa.head or not sb.head:
        return 0.0
    if sa.head == sb.head:
        if ranked_apart(sa, sb):
            return 1.0  # "the mayor" / "the deputy mayor"
        slots_a = {_slot(role) for role, _ in sa.describing}
        all_a, all_b = {w for _, w in sa.describing}, {w for _, w in sb.describing}
        for slot in slots_a & {_slot(role) for role, _ in sb.describing}:
            # Each side has a word of its own in the slot; a word the other subject has
            # anywhere is shared ("the Central Bank of Veridia" / "Veridia's central
            # bank"), so "the senator's elder brother" / "the senator's younger brother"
            # contrast on elder / younger alone.
            own_a = {w for r, w in sa.describing if _slot(r) == slot} - all_b
            own_b = {w for r, w in sb.describing if _slot(r) == slot} - all_a
            if own_a and own_b and not (own_a <= _PLACE_WORDS or own_b <= _PLACE_WORDS):
                return 1.0  # "the road through Ambel" may be "the road through the town"
        return 0.0
    if _other_measures(_measured(sa), _measured(sb)):
        return 1.0
    named = _named(sa) and _named(sb)
    # Titles are not names: "Judge Alvarez" and "Judge Moreno" share no name.
    names_a, names_b = sa.names - _TITLES, sb.names - _TITLES
    apart = bool(names_a and names_b and not names_a & names_b)
    # "Apple acquired Beats" / "Beats acquired Apple", or "Beats was acquired": one deal.
    swapped = roles_swapped(sa, sb) or _voiced(sa, sb) or _voiced(sb, sa)
    return float((named and sa.verb == sb.verb and apart and not swapped) or _located_apart(sa, sb))


_MEASURES = {
    word: group
    for group, members in (
        ("sales", "sale revenue turnover"),
        ("profit", "profit earnings income"),
        ("export", "export"),
        ("import", "import"),
        ("price", "price"),
        ("cost", "cost spending expenditure"),
        ("share", "share stock"),
        ("output", "output production"),
        ("unemployment", "unemployment joblessness"),
        ("inflation", "inflation"),
        ("debt", "debt borrowing"),
        ("wage", "wage pay salary"),
    )
    for word in members.split()
}
"""Lemmas of things a report measures, by what they measure: sales and revenue are one
measure, sales and profit are two."""


def measured(head: str, describing: Iterable[str]) -> str:
    """A head word as the measure it names, given the words that describe it: "the share
    price" is the shares', "the jobless rate" unemployment."""
    if head == "price" and {"share", "stock"} & set(describing):
        return "share"
    if head == "rate" and {"jobless", "unemployment"} & set(describing):
        return "unemployment"
    return head


def _measured(found: Subject) -> str:
    return measured(found.head, (w for _, w in found.describing))


def _other_measures(head_a: str, head_b: str) -> bool:
    """Two different measures ("Sales rose by a third" / "Profits fell by a third"), which
    an NLI model reads as one figure going two ways."""
    group_a, group_b = _MEASURES.get(head_a), _MEASURES.get(head_b)
    return group_a is not None and group_b is not None and group_a != group_b


def same_target(a: str, b: str) -> bool:
    """Two claims about one thing: their targets are named alike ("Rescuers found the
    hiker" / "The hiker was found"), or their subjects when one acts on nothing ("The shark
    measured 4 metres" / "The shark was 13 feet long"); False without a parse."""
    sa, sb = subject(a), subject(b)
    if sa is None or sb is None or not sa.target[0] or not sb.target[0]:
        return False
    one_theme = not (sa.theme and sb.theme)
    return _one(*sa.target, *sb.target) or (
        one_theme and bool(sa.head) and _one(sa.head, sa.names, sb.head, sb.names)
    )


_AREAS = words("north south east west northern southern eastern western new upper lower")


def _one(head_a: str, names_a: frozenset[str], head_b: str, names_b: frozenset[str]) -> bool:
    """One thing named alike: the same names, or one head word (a one-word name the parser
    took for a common word on one side, as "Vexa acquired ...", is still that name)."""
    if not names_a or not names_b:
        return head_a == head_b and (not names_a | names_b or head_a in names_a | names_b)
    if names_a == names_b:  # not "Tom" / "Tom's partner", "Arden" / "police in Arden"
        return (head_a in names_a) == (head_b in names_b)
    # "Officer Daniel Prewitt" / "Prewitt"; not "Northern Ireland" / "Ireland"
    nested = names_a <= names_b or names_b <= names_a
    return nested and head_a == head_b in names_a & names_b and not (names_a ^ names_b) & _AREAS


def _voiced(passive: Subject, active: Subject) -> bool:
    """Whether ``passive`` is a passive claim whose subject ``active`` acts on: "Beats was
    acquired by Apple" / "Apple acquired Beats"."""
    own_theme = passive.theme == passive.head and passive.theme_names == passive.names
    return bool(passive.theme and active.theme and own_theme) and _one(
        passive.head, passive.names, active.theme, active.theme_names
    )


_Party = tuple[str, frozenset[str]]


def doer_and_done_to(s: Subject) -> tuple[_Party, _Party] | None:
    """(who acts, what is acted on) of a claim: the subject and the object of an active
    verb, the "by" phrase and the subject of a passive one; None when either is unknown."""
    if s.agent:
        return (s.agent, s.agent_names), (s.head, s.names)
    if not s.theme or not s.head or (s.theme == s.head and s.theme_names == s.names):
        return None  # no object, or a passive without "by"
    return (s.head, s.names), (s.theme, s.theme_names)


def roles_swapped(sa: Subject, sb: Subject) -> bool:
    """Whether each claim's doer is what the other acts on, the two doers being
    different: "Apple acquired Beats" / "Beats acquired Apple", and in either voice
    ("The officer was shot by the suspect" / "The officer shot the suspect")."""
    roles_a, roles_b = doer_and_done_to(sa), doer_and_done_to(sb)
    if roles_a is None or roles_b is None:
        return False
    (doer_a, done_a), (doer_b, done_b) = roles_a, roles_b
    if _one(*doer_a, *doer_b):
        return False
    return _one(*doer_a, *done_b) and _one(*done_a, *doer_b)


_PLACE_WORDS = frozenset(
    {"town", "city", "village", "region", "country", "area", "capital", "state", "province",
     "district", "county", "island", "nation", "municipality", "commune", "borough", "valley"}
)  # fmt: skip
"""Common words that may stand for a place named on the other side."""
_PREMODIFIER_ROLES = frozenset({"before", "amod", "compound", "poss", "nmod"})


def _slot(role: str) -> str:
    """Where a describing word hangs, a name or a word alike after a preposition ("in the
    euro zone" / "in Britain"); before the head, names and words stay apart."""
    where, kind = role.split("/")
    return role if where in _PREMODIFIER_ROLES else where


def _located_apart(sa: Subject, sb: Subject) -> bool:
    """Both subjects are of a country or a country's region, and of two that cannot be one
    place ("Colorado's legislature" / "Nevada lawmakers", "Spain's jobless rate" /
    "Portugal's unemployment"); a town is never enough, as it may lie in the other's region.
    """

    def regions(subj: Subject) -> set[str]:
        names = {w for role, w in subj.describing if role.endswith("/name")}
        return {w for w in names if is_region(w)}

    ra, rb = regions(sa), regions(sb)
    return bool(ra and rb and not ra & rb) and any(_apart(x, y) for x in ra for y in rb)


def _named(subj: Subject) -> bool:
    """A name as a whole: "Korvel", "Vantor Motors", or a name before its kind ("the Unity
    party"), but not a thing of a place ("exports to Sorvak")."""
    return subj.head in subj.names or any(role == "before/name" for role, _ in subj.describing)


_SEPARATE_RE = re.compile(
    r"\bin\s+an?\s+(?:separate|unrelated|different)\s+\w+|\bin\s+another\s+(?:case|trial|"
    r"incident|attack|ruling|hearing|vote|match|game|race|development)\b",
    re.IGNORECASE,
)


def other_group(a: str, b: str) -> float:
    """1.0 when exactly one claim's subject is "the others", "the rest", "two other …" or
    another one of its kind ("the next meeting", "the return flight"), or exactly one
    claim says it tells of another matter ("In a separate trial, …", "in another
    incident").

    Such a subject is a group set apart from one named before ("All 12 were released" /
    "The others detained were released") or a later or earlier one of a kind ("The meeting
    took place in Berlin" / "The next meeting will take place in Paris"), so the two claims
    are about different things; such a claim is about a different case from the one told
    before it.

    Args:
        a: First claim.
        b: Second claim.

    Returns:
        1.0 or 0.0; without a parse, only the second reading counts.
    """
    if bool(_SEPARATE_RE.search(a)) != bool(_SEPARATE_RE.search(b)):
        return 1.0
    sa, sb = subject(a), subject(b)
    return float(sa is not None and sb is not None and other_one(sa, sb))


def other_one(sa: Subject, sb: Subject) -> bool:
    """Whether exactly one of the subjects, or of the things acted on, is another one of
    its kind: "the governor signed the order" / "signed a second order"."""
    same_theme = bool(sa.theme) and sa.theme == sb.theme  # not "entered its second week"
    return sa.other != sb.other or (same_theme and sa.theme_other != sb.theme_other)


def _place_word(tok: Token) -> bool:
    # A name, not a people's adjective ("the northern Mexican state": "Mexican" is JJ).
    return _is_name(tok) and _describing(tok) and tok.pos_ != "ADJ" and tok.tag_ != "JJ"
