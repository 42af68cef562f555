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
    import nli_synth as synth

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


def lookalike_pairs(data_dir: Path, n: int, seed: int) -> list[tuple[str, str, int]]:
    """``n`` pairs, half contradictions and half neutral actor swaps (see above): every
    real-text pair found, the rest from :func:`template_pairs`; shuffled."""
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
    out = out[:n] + template_pairs(max(0, n - len(out)), seed)
    rng.shuffle(out)
    return out


if __name__ == "__main__":
    import sys

    shared = Path(__file__).resolve().parents[2] / "shared/data/nli"
    for a, b, y in lookalike_pairs(shared, int(sys.argv[1]) if len(sys.argv) > 1 else 20, 13):
        print(y, "|", a, "|", b)
