"""Generate a synthetic, seeded collection of news articles grouped into stories.

Each story is one invented event (a fire, a flood, a strike…) in an invented town. Every
article about it is written by a different outlet from paraphrase templates; some
sentences are wire copy repeated word for word or with different case and punctuation,
and some stories carry a planted conflict: one outlet negates a fact or reports a
different figure. The output is a JSONL file with ``doc_id``, ``story_id``, ``source``,
``published``, ``title`` and ``text``, plus the list of planted conflicts.

Usage::

    python benchmarks/gen_collection.py out.jsonl --stories 100 --seed 7

Tests import :func:`generate_collection` directly.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

OUTLETS = (
    "Harbour Gazette",
    "Northern Ledger",
    "Valley Courier",
    "Metro Dispatch",
    "Evening Lantern",
    "Coastal Herald",
    "Plains Observer",
    "Capital Bulletin",
    "Riverside Times",
    "Summit Post",
    "Lakeside Tribune",
    "Frontier Record",
    "Granite Weekly",
    "Midland Echo",
)
_FIRST = ("Ana", "Boris", "Chen", "Dalia", "Emeka", "Freya", "Goran", "Hana", "Ivo", "Jonas")
_LAST = ("Okafor", "Lindqvist", "Moreau", "Petrov", "Tanaka", "Brandt", "Haddad", "Kowal")
_ROLES = ("mayor", "fire chief", "police spokesperson", "regional governor", "health director")
_ONSETS = ("Bal", "Cor", "Dun", "Elm", "Fen", "Gar", "Hol", "Kes", "Lor", "Mar", "Nor", "Ost")
_CODAS = ("brook", "ford", "haven", "mere", "stead", "wick", "ton", "vale", "holm", "by")

# Each event kind: headline templates, and facts as (affirmative templates, negated form).
# Slots: {town} {person} {role} {org} {n} {m} {street} {weekday}.
EVENTS: dict[str, dict[str, Any]] = {
    "fire": {
        "title": ("Blaze tears through {street} in {town}", "{town} warehouse fire under control"),
        "facts": [
            (
                (
                    "A fire destroyed a warehouse on {street} in {town} on {weekday}.",
                    "Flames gutted a storage depot on {street}, {town}, on {weekday}.",
                ),
                None,
            ),
            (
                ("{n} people were taken to hospital after the fire in {town}.",),
                "number",
            ),
            (
                ("Investigators believe the {town} fire was started deliberately.",),
                "Investigators believe the {town} fire was not started deliberately.",
            ),
            (
                ("{person}, the {role}, said crews fought the blaze for {m} hours.",),
                "number",
            ),
        ],
    },
    "flood": {
        "title": ("Floods swamp {town} after river bursts banks", "{town} counts cost of flooding"),
        "facts": [
            (
                (
                    "The river burst its banks in {town} on {weekday}, flooding {street}.",
                    "Flood water poured into {street} in {town} on {weekday}.",
                ),
                None,
            ),
            (("{n} homes in {town} were evacuated overnight.",), "number"),
            (
                ("The {org} confirmed that the flood defences in {town} held.",),
                "The {org} confirmed that the flood defences in {town} did not hold.",
            ),
            (("{person}, the {role}, said repairs would cost {m} million euros.",), "number"),
        ],
    },
    "strike": {
        "title": ("Hospital staff in {town} walk out", "{town} hospital strike enters day two"),
        "facts": [
            (
                (
                    "Nurses at {town} General Hospital began a strike on {weekday}.",
                    "Staff at the general hospital in {town} walked out on {weekday}.",
                ),
                None,
            ),
            (("About {n} workers joined the walkout in {town}, the union said.",), "number"),
            (
                ("The {org} agreed to reopen pay talks with the {town} nurses.",),
                "The {org} refused to reopen pay talks with the {town} nurses.",
            ),
            (("{person}, the {role}, said {m} operations were postponed.",), "number"),
        ],
    },
    "derailment": {
        "title": ("Freight train derails near {town}", "{town} rail line shut after derailment"),
        "facts": [
            (
                (
                    "A freight train left the tracks near {town} station on {weekday}.",
                    "Wagons of a goods train derailed outside {town} on {weekday}.",
                ),
                None,
            ),
            (("{n} wagons overturned on the line east of {town}.",), "number"),
            (
                ("The {org} said the derailed train was carrying hazardous cargo.",),
                "The {org} said the derailed train was not carrying hazardous cargo.",
            ),
            (("{person}, the {role}, said the line would stay closed for {m} days.",), "number"),
        ],
    },
    "bridge": {
        "title": ("Bridge in {town} partly collapses", "{town} bridge collapse prompts review"),
        "facts": [
            (
                (
                    "Part of the {street} bridge in {town} collapsed on {weekday}.",
                    "A section of the bridge carrying {street} gave way in {town} on {weekday}.",
                ),
                None,
            ),
            (("{n} cars fell into the water when the {town} bridge gave way.",), "number"),
            (
                ("Engineers had warned the {org} about cracks in the {town} bridge.",),
                "Engineers had never warned the {org} about cracks in the {town} bridge.",
            ),
            (("{person}, the {role}, said the bridge was built {m} years ago.",), "number"),
        ],
    },
    "spill": {
        "title": ("Chemical leak at {town} plant", "{town} residents told to stay indoors"),
        "facts": [
            (
                (
                    "Chemicals leaked from a plant on {street} in {town} on {weekday}.",
                    "A chemical plant on {street}, {town}, suffered a leak on {weekday}.",
                ),
                None,
            ),
            (
                ("{n} residents near the {town} plant were treated for breathing problems.",),
                "number",
            ),
            (
                ("The {org} said the leak at the {town} plant posed a risk to drinking water.",),
                "The {org} said the leak at the {town} plant posed no risk to drinking water.",
            ),
            (("{person}, the {role}, said {m} tonnes of solvent escaped.",), "number"),
        ],
    },
    "election": {
        "title": ("{person} wins {town} mayoral race", "New mayor for {town}"),
        "facts": [
            (
                (
                    "{person} was elected mayor of {town} on {weekday}.",
                    "Voters in {town} chose {person} as their new mayor on {weekday}.",
                ),
                None,
            ),
            (("Turnout in the {town} election reached {n} percent.",), "number"),
            (
                ("The {org} confirmed that the {town} count was completed without incident.",),
                "The {org} denied that the {town} count was completed without incident.",
            ),
            (("{person} won by {m} hundred votes, officials in {town} said.",), "number"),
        ],
    },
    "closure": {
        "title": ("{town} factory to close", "Job losses as {town} plant shuts"),
        "facts": [
            (
                (
                    "The {org} announced on {weekday} that its {town} factory will close.",
                    "The {org} said on {weekday} it would shut its plant in {town}.",
                ),
                None,
            ),
            (("{n} jobs will be lost when the {town} factory closes.",), "number"),
            (
                ("The {org} said the {town} workers would be offered new posts.",),
                "The {org} said the {town} workers would not be offered new posts.",
            ),
            (("{person}, the {role}, said the plant had operated for {m} years.",), "number"),
        ],
    },
}
_ORGS = {
    "fire": ("regional fire service", "city council"),
    "flood": ("water agency", "regional authority"),
    "strike": ("health board", "hospital trust"),
    "derailment": ("national rail operator", "transport ministry"),
    "bridge": ("roads department", "city council"),
    "spill": ("environment agency", "Kestrel Chemicals"),
    "election": ("electoral commission", "city council"),
    "closure": ("Kestrel Industries", "Orbis Motors"),
}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FILLER = (
    "Residents described a tense night in {town}.",
    "Local shops in {town} stayed closed for most of the day.",
    "Further updates are expected from officials in {town} later this week.",
    "The {org} has opened a helpline for people affected in {town}.",
    "Neighbours gathered outside the town hall in {town} to share news.",
)
_COLOUR = (
    "{witness}, who lives near {landmark}, said the news had shaken the neighbourhood.",
    "Crowds gathered at {landmark} in {town} as word spread.",
    "{witness} described the scene near {landmark} as chaotic.",
)
_BUILDINGS = ("Mill", "Chapel", "Market", "Library", "Arcade", "Gardens", "Quay", "Tower")


@dataclass
class Collection:
    """A generated collection.

    Args:
        articles: One dict per article (``doc_id``, ``story_id``, ``source``,
            ``published``, ``title``, ``text``).
        planted: One dict per planted conflict: ``story_id``, ``kind`` ("negation" or
            "number"), ``doc_a`` (the odd article), ``text_a`` (its sentence) and
            ``text_b`` (the sentence every other article of the story prints).
    """

    articles: list[dict[str, Any]] = field(default_factory=list)
    planted: list[dict[str, Any]] = field(default_factory=list)


def _town(rng: random.Random, used: set[str]) -> str:
    while True:
        name = rng.choice(_ONSETS) + rng.choice(_CODAS)
        name = name if name not in used else name + rng.choice(("ley", "shire", "port"))
        if name not in used:
            used.add(name)
            return name


def _slots(rng: random.Random, kind: str, town: str) -> dict[str, Any]:
    return {
        "town": town,
        "person": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
        "role": rng.choice(_ROLES),
        "org": rng.choice(_ORGS[kind]),
        "street": f"{rng.choice(_LAST)} {rng.choice(('Street', 'Road', 'Avenue', 'Lane'))}",
        "weekday": rng.choice(_WEEKDAYS),
        "witness": f"{rng.choice(_FIRST)} {rng.choice(_ONSETS)}{rng.choice(_CODAS)}er",
        "landmark": f"the {rng.choice(_ONSETS)}{rng.choice(_CODAS)} {rng.choice(_BUILDINGS)}",
        "n": rng.randint(3, 90),
        "m": rng.randint(2, 40),
    }


def _fact_sentences(facts: list[Any], slots: dict[str, Any], rng: random.Random) -> list[str]:
    out = []
    for templates, _ in facts:
        out.append(rng.choice(templates).format(**slots))
    return out


def _plant(
    facts: list[Any], slots: dict[str, Any], rng: random.Random
) -> tuple[int, str, str, str]:
    """Pick a fact; return (fact index, kind, conflicting sentence, original sentence)."""
    index = rng.choice([i for i, (_, alt) in enumerate(facts) if alt is not None])
    templates, alt = facts[index]
    if alt == "number":
        key = "n" if "{n}" in templates[0] else "m"
        value = slots[key]
        changed = dict(slots, **{key: value // 2 if value > 10 else value * 3})
        return index, "number", templates[0].format(**changed), templates[0].format(**slots)
    return index, "negation", alt.format(**slots), templates[0].format(**slots)


def _vary(sentence: str, rng: random.Random) -> str:
    """Wire copy as another outlet prints it: same words, other case or punctuation."""
    if rng.random() < 0.5:
        return sentence.rstrip(".") + "!"
    return sentence.replace(",", "") if "," in sentence else sentence.upper()[:1] + sentence[1:]


def _article(
    story: dict[str, Any], outlet: str, rng: random.Random, override: tuple[int, str] | None
) -> dict[str, Any]:
    facts, slots = story["facts"], story["slots"]
    body = _fact_sentences(facts, slots, rng)
    if override is not None:
        body[override[0]] = override[1]
    lead, rest = body[0], body[1:]
    rng.shuffle(rest)
    wire = story["wire"] if rng.random() < 0.7 else _vary(story["wire"], rng)
    fillers = rng.sample(_FILLER, 2)
    colour = rng.choice(_COLOUR).format(**slots)
    sentences = [lead, colour, *rest[:2], wire, fillers[0].format(**slots), *rest[2:]]
    sentences.append(fillers[1].format(**slots))
    paragraphs = [" ".join(sentences[:3]), " ".join(sentences[3:5]), " ".join(sentences[5:])]
    day = story["date"] + timedelta(days=rng.randint(0, 1))
    return {
        "source": outlet,
        "published": day.isoformat(),
        "title": rng.choice(story["titles"]).format(**slots),
        "text": "\n\n".join(paragraphs),
    }


def _story(rng: random.Random, index: int, towns: set[str], start: date) -> dict[str, Any]:
    kind = rng.choice(sorted(EVENTS))
    town = _town(rng, towns)
    slots = _slots(rng, kind, town)
    event = EVENTS[kind]
    wire = f"In a statement, the {slots['org']} said it was working with emergency teams in {town}."
    return {
        "story_id": f"s{index:04d}",
        "kind": kind,
        "facts": event["facts"],
        "titles": event["title"],
        "slots": slots,
        "wire": wire,
        "date": start + timedelta(days=rng.randint(0, 90)),
    }


def generate_collection(
    n_stories: int = 100,
    *,
    articles_per_story: tuple[int, int] = (8, 12),
    conflict_rate: float = 0.4,
    seed: int = 0,
) -> Collection:
    """Build a seeded collection of stories, articles and planted conflicts.

    Args:
        n_stories: Number of distinct events.
        articles_per_story: Inclusive range of outlets covering each event.
        conflict_rate: Share of stories where one outlet contradicts the others.
        seed: Random seed; the same arguments give the same collection.

    Returns:
        The :class:`Collection`, articles ordered by story then outlet.
    """
    rng = random.Random(seed)
    towns: set[str] = set()
    out = Collection()
    for index in range(n_stories):
        story = _story(rng, index, towns, date(2024, 1, 1))
        count = rng.randint(*articles_per_story)
        outlets = rng.sample(OUTLETS, min(count, len(OUTLETS)))
        planted = (
            _plant(story["facts"], story["slots"], rng) if rng.random() < conflict_rate else None
        )
        odd_one = rng.randrange(len(outlets)) if planted else -1
        for pos, outlet in enumerate(outlets):
            override = (planted[0], planted[2]) if planted and pos == odd_one else None
            article = _article(story, outlet, rng, override)
            doc_id = f"{story['story_id']}-{pos:02d}"
            out.articles.append({"doc_id": doc_id, "story_id": story["story_id"], **article})
        if planted:
            _record_plant(out, story, planted, odd_one)
    return out


def _record_plant(
    out: Collection, story: dict[str, Any], planted: tuple[int, str, str, str], odd_one: int
) -> None:
    row = {"story_id": story["story_id"], "kind": planted[1]}
    row.update({"doc_a": f"{story['story_id']}-{odd_one:02d}", "text_a": planted[2]})
    row["text_b"] = planted[3]
    out.planted.append(row)


def write_jsonl(path: str | Path, rows: list[dict[str, Any]]) -> Path:
    """Write rows as JSON lines.

    Args:
        path: Output file.
        rows: JSON-safe dicts.

    Returns:
        The path written.
    """
    path = Path(path)
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: write articles and ``<out>.planted.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--conflict-rate", type=float, default=0.4)
    args = parser.parse_args(argv)
    coll = generate_collection(args.stories, conflict_rate=args.conflict_rate, seed=args.seed)
    write_jsonl(args.out, coll.articles)
    args.out.with_suffix(".planted.json").write_text(json.dumps(coll.planted, indent=1))
    print(f"{len(coll.articles)} articles, {len(coll.planted)} planted conflicts -> {args.out}")


if __name__ == "__main__":
    main()
