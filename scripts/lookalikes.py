"""Look-alike minimal pairs from real news sentences, for refining the "standard" model.

A real news sentence (``fnc1/train`` bodies and headlines, ``rte_2way/train`` premises;
the texts only, never the labels) whose main verb has a clear opposite ("rose" / "fell",
"approved" / "rejected") and whose subject is a name yields two pairs that differ in one
place:

* the verb flipped, everything else kept: a **contradiction** ("Acme's shares rose 4
  percent on Monday" / "Acme's shares fell 4 percent on Monday");
* the verb flipped *and* the named subject replaced by another name of the same kind
  taken from a different text (a person for a person, an organisation for an
  organisation, a place for a place): **neutral**, two parallel facts about different
  actors that can both be true ("Acme's shares rose …" / "Borel's shares fell …").

Seen together the two teach that a clash needs the same actor; the NLI data alone teaches
that any two similar sentences with opposite verbs contradict, which in news flags reports
about rival companies, other countries or the other court. Sentences are split and
attribution-stripped by conflictscan, as a scan sees them; the parse is spaCy's
``en_core_web_sm`` (the parser conflictscan already uses). Real sentences that qualify
are few (about a hundred), so :func:`template_pairs` adds the same contrast on the
invented events of ``nli_synth.py``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import nli_synth as synth

CONTRADICTION, NEUTRAL = 0, 2

# Past-tense forms as news writes them; each maps to a form that states the opposite.
FLIPS: dict[str, str] = {
    "rose": "fell",
    "fell": "rose",
    "increased": "decreased",
    "decreased": "increased",
    "won": "lost",
    "lost": "won",
    "approved": "rejected",
    "rejected": "approved",
    "accepted": "rejected",
    "confirmed": "denied",
    "denied": "confirmed",
    "upheld": "overturned",
    "overturned": "upheld",
    "acquitted": "convicted",
    "convicted": "acquitted",
    "supported": "opposed",
    "opposed": "supported",
    "praised": "criticised",
    "criticized": "praised",
    "criticised": "praised",
    "welcomed": "condemned",
    "condemned": "welcomed",
    "joined": "left",
    "suspended": "resumed",
    "resumed": "suspended",
    "raised": "lowered",
    "lowered": "raised",
    "expanded": "reduced",
}
ACTORS = ("PERSON", "ORG", "GPE", "NORP")
_TITLES = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Pope", "President"}


def _bodies(data_dir: Path, seed: int) -> list[str]:
    """Real news text: ``fnc1/train`` bodies and headlines, ``rte_2way/train`` premises.

    Only the texts are read, never the labels.
    """
    texts: set[str] = set()
    for name, fields in (("fnc1", ("premise", "hypothesis")), ("rte_2way", ("premise",))):
        lines = (data_dir / name / "train.jsonl").read_text(encoding="utf-8").splitlines()
        for line in lines:
            record = json.loads(line)
            texts.update(record[field] for field in fields)
    bodies = sorted(texts)
    random.Random(seed).shuffle(bodies)
    return bodies


def _candidates(bodies: list[str]) -> list[tuple[str, int, int, str, int, int, str]]:
    """(sentence, verb start, verb end, flip, actor start, actor end, actor label) rows."""
    from conflictscan.text import _parsing
    from conflictscan.text import _segmentation as segmentation
    from conflictscan.text import _speech as claims

    texts = []
    for body in bodies:
        sents = claims.split_attributions(segmentation.split_sentences(body))
        texts.extend(s.content for s in sents if 7 <= len(s.content.split()) <= 40)
    out = []
    for doc in _parsing.parse(texts, entities=True):
        verbs = [
            t
            for t in doc
            if t.text.lower() in FLIPS and t.dep_ in ("ROOT", "conj") and t.pos_ == "VERB"
        ]
        if len(verbs) != 1:
            continue
        verb = verbs[0]
        deps = {c.dep_ for c in verb.children}
        # No negation, passive or infinitive after the verb: the flip must stay grammatical
        # and must state the opposite.
        if deps & {"neg", "auxpass", "nsubjpass", "xcomp"}:
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects:
            continue
        heads = {subjects[0].i} | {c.i for c in subjects[0].children if c.dep_ == "poss"}
        actors = [e for e in doc.ents if e.label_ in ACTORS and e.root.i in heads]
        if not actors:
            continue
        actor = actors[0]
        start = actor.start_char
        before = doc[actor.start - 1] if actor.start else None
        if before is not None and before.lower_ == "the":
            start, before = before.idx, (doc[actor.start - 2] if actor.start > 1 else None)
        if before is not None and (before.pos_ in ("PROPN", "DET") or before.text in _TITLES):
            continue  # "Mr Smith", "a Reuters": a swap would break the phrase
        if verb.lemma_ in ("rise", "fall") and not any(t.like_num for t in doc[verb.i + 1 :]):
            continue  # only "rose 4 percent", not "rose to fame" or "fell off the map"
        out.append(
            (
                doc.text,
                verb.idx,
                verb.idx + len(verb.text),
                FLIPS[verb.text.lower()],
                start,
                actor.end_char,
                actor.label_,
            )
        )
    return out


def template_pairs(n: int, seed: int) -> list[tuple[str, str, int]]:
    """The same contrast on the invented events of :mod:`nli_synth` (real text is scarce).

    An event against its incompatible version ("raised prices" / "cut prices"): with the
    same actor a contradiction, with the actor (person, organisation, company, else place)
    drawn again a neutral pair.
    """
    # Actor slots in order of preference; a place only where an event names no actor.
    pools = {
        "person": synth.PEOPLE,
        "org": synth.ORGS,
        "company": synth.COMPANIES,
        "place": synth.PLACES,
    }
    rng = random.Random(seed)
    out: list[tuple[str, str, int]] = []
    while len(out) < n:
        base, _, opposite, _, _ = rng.choice(synth.EVENTS)
        slots = synth._slots(rng)
        keys = [k for k in pools if "{" + k + "}" in base]
        if not keys:
            continue
        key = keys[0]
        other = dict(slots, **{key: rng.choice([x for x in pools[key] if x != slots[key]])})
        first = synth._fill(base, slots)
        out.append((first, synth._fill(opposite, slots), CONTRADICTION))
        out.append((first, synth._fill(opposite, other), NEUTRAL))
    return out[:n]


# Events that happen once, in one place: the place is a detail of the event, which the
# actor and the time identify. ("the actor", "the place", "the time" are the slots.)
PLACE_EVENTS = (
    "{person} was taken to a hospital in {place} after the crash on {day}.",
    "Police arrested {person} at a hotel in {place} on {day}.",
    "{person} signed the agreement at a ceremony in {place} on {day}.",
    "{org} held its annual congress in {place} in {month}.",
    "{company} will build its new assembly plant in {place}, the company said.",
    "A cargo plane operated by {company} made an emergency landing in {place} on {day}.",
    "{person} was born in {place} in {year}.",
    "The body of {person} was found on a beach near {place} on {day}.",
    "{org} moved its headquarters to {place} in {month}.",
    "{person} met the prime minister in {place} on {day} to discuss the crisis.",
    "The trial of {person} opened in {place} on {day}.",
    "{person} spent the night before the vote at a hotel in {place}.",
    "The talks between {org} and the government were held in {place} on {day}.",
    "{person} died at a clinic in {place} on {day}, the family said.",
    "{company} announced the merger at a news conference in {place} on {day}.",
    "{person} gave a first interview since the scandal in {place} on {day}.",
)
# Places for those events: more names than nli_synth's, with their own spelling.
PLACE_NAMES = (
    "Lyon",
    "Porto",
    "Gothenburg",
    "Bergen",
    "Mombasa",
    "Arusha",
    "Cebu",
    "Davao",
    "Tampere",
    "Seville",
    "Bilbao",
    "Accra",
    "Kumasi",
    "Hobart",
    "Calgary",
    "Halifax",
    "Recife",
    "Curitiba",
    "Izmir",
    "Sapporo",
    "Graz",
    "Ghent",
    "Geneva",
    "Nairobi",
    "Cardiff",
    "Marseille",
    "Hanoi",
    "Kraków",
    "Rosario",
    "Tbilisi",
)


def place_pairs(n: int, seed: int) -> list[tuple[str, str, int]]:
    """Where one event happened, invented.

    An event that happens once (an arrest, a ceremony, a birth) told with another place:
    with the same actor a **contradiction** (two reports of where it happened); with
    another actor too, **neutral** (two events). The verb-flip pairs above teach that a
    new name can mean another event; these teach that a new place for the same actor's
    single event is a clash.
    """
    actors = {"person": synth.PEOPLE, "org": synth.ORGS, "company": synth.COMPANIES}
    rng = random.Random(seed)
    out: list[tuple[str, str, int]] = []
    while len(out) < n:
        template = rng.choice(PLACE_EVENTS)
        slots = dict(synth._slots(rng), year=str(rng.randint(1950, 1995)))
        here, there = rng.sample(PLACE_NAMES, 2)
        key = next(k for k in actors if "{" + k + "}" in template)
        other = rng.choice([x for x in actors[key] if x != slots[key]])
        first = synth._fill(template, dict(slots, place=here))
        moved = dict(slots, place=there)
        out.append((first, synth._fill(template, moved), CONTRADICTION))
        out.append((first, synth._fill(template, dict(moved, **{key: other})), NEUTRAL))
    return out[:n]


# Reports of a recurring measurement or one of several parallel things: the period or the
# part ({which}) says which one. An opposite verb or another figure for the same one is a
# clash; for another one it is not. (statement, its opposite, the values {which} takes)
QUARTERS = ("first", "second", "third", "fourth")
MONTH_NAMES = ("January", "March", "April", "June", "August", "October", "December")
PERIOD_EVENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Sales at {company} rose {p} percent in the {which} quarter.",
        "Sales at {company} fell {p} percent in the {which} quarter.",
        QUARTERS,
    ),
    (
        "Unemployment in {place} fell to {p} percent in {which}, the statistics office said.",
        "Unemployment in {place} rose to {q} percent in {which}, the statistics office said.",
        MONTH_NAMES,
    ),
    (
        "{company} delivered {n},000 vehicles to customers in {which}.",
        "{company} delivered {m},000 vehicles to customers in {which}.",
        ("2019", "2021", "2022", "2023", "2024"),
    ),
    (
        "The {place} side won the {which} leg of the semi-final 2-0.",
        "The {place} side lost the {which} leg of the semi-final 2-0.",
        ("first", "second"),
    ),
    (
        "The {which} terminal at {place} airport reopened on {day} after the power cut.",
        "The {which} terminal at {place} airport stayed closed on {day} after the power cut.",
        ("north", "south", "east", "west"),
    ),
    (
        "{place}'s {which} team won the national title on {day}.",
        "{place}'s {which} team lost the national final on {day}.",
        ("men's", "women's", "under-21", "junior"),
    ),
    (
        "The {which} of the three suspects was released on bail on {day}.",
        "The {which} of the three suspects was refused bail on {day}.",
        ("first", "second", "third"),
    ),
    (
        "Inflation in {place} eased to {p} percent in {which}.",
        "Inflation in {place} accelerated to {q} percent in {which}.",
        MONTH_NAMES,
    ),
    (
        "Turnout in the {which} round of the {place} mayoral election was {p} percent.",
        "Turnout in the {which} round of the {place} mayoral election was {q} percent.",
        ("first", "second"),
    ),
    (
        "Water levels in the {which} reservoir near {place} rose in {month}.",
        "Water levels in the {which} reservoir near {place} fell in {month}.",
        ("northern", "southern", "upper", "lower"),
    ),
)


def period_pairs(n: int, seed: int) -> list[tuple[str, str, int]]:
    """Which period or part a report is about, invented.

    A statement against its opposite (or another figure): about the same quarter, year,
    leg, terminal or team a **contradiction**; about another one **neutral** (both can
    be true). Teaches that "the third quarter" / "the fourth quarter" or "the men's" /
    "the women's" names another thing, as an actor does.
    """
    rng = random.Random(seed)
    out: list[tuple[str, str, int]] = []
    while len(out) < n:
        statement, opposite, values = rng.choice(PERIOD_EVENTS)
        this, that = rng.sample(values, 2)
        slots = dict(synth._slots(rng), place=rng.choice(PLACE_NAMES))
        slots["q"] = str(int(slots["p"]) + rng.randint(2, 9))
        first = synth._fill(statement, dict(slots, which=this))
        out.append((first, synth._fill(opposite, dict(slots, which=this)), CONTRADICTION))
        out.append((first, synth._fill(opposite, dict(slots, which=that)), NEUTRAL))
    return out[:n]


def lookalike_pairs(
    data_dir: Path, n: int, seed: int, *, places: float = 0.0, periods: float = 0.0
) -> list[tuple[str, str, int]]:
    """``n`` pairs, half contradictions and half neutral (see above): every real-text pair
    found, shares ``places`` of :func:`place_pairs` and ``periods`` of
    :func:`period_pairs`, the rest from :func:`template_pairs`; shuffled."""
    rng = random.Random(seed)
    rows = _candidates(_bodies(data_dir, seed))
    pool: dict[str, list[str]] = {}
    for text, *_, a0, a1, label in rows:
        actor = text[a0:a1]
        if "'" not in actor and "\u2019" not in actor:
            actor = "the" + actor[3:] if actor.startswith("The ") else actor
            pool.setdefault(label, []).append(actor)
    out: list[tuple[str, str, int]] = []
    for text, v0, v1, flip, a0, a1, label in rows:
        word = text[v0:v1]
        flip = flip.capitalize() if word[0].isupper() else flip
        flipped = text[:v0] + flip + text[v1:]
        actor = text[a0:a1]
        others = [o for o in pool[label] if o.lower() != actor.lower() and o not in text]
        if not others:
            continue
        other = rng.choice(others)
        other = other[0].upper() + other[1:] if a0 == 0 else other
        swapped = flipped[:a0] + other + flipped[a1:]
        first, second = (text, flipped) if rng.random() < 0.5 else (flipped, text)
        out.append((first, second, CONTRADICTION))
        first, second = (text, swapped) if rng.random() < 0.5 else (swapped, text)
        out.append((first, second, NEUTRAL))
    out = out[:n]
    where = place_pairs(min(n - len(out), round(n * places)), seed)
    when = period_pairs(min(n - len(out) - len(where), round(n * periods)), seed)
    out += where + when + template_pairs(max(0, n - len(out) - len(where) - len(when)), seed)
    rng.shuffle(out)
    return out


if __name__ == "__main__":
    import sys

    shared = Path(__file__).resolve().parents[2] / "shared/data/nli"
    for a, b, y in lookalike_pairs(shared, int(sys.argv[1]) if len(sys.argv) > 1 else 20, 13):
        print(y, "|", a, "|", b)
