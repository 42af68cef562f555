"""Generator of news-style NLI pairs for conflictscan's built-in model.

Every template here was written for conflictscan. Each *event* has a base statement and
variants with a known relation to it: a negation, an incompatible event (won/lost,
arrested/released), a changed number or date, a paraphrase it entails and a follow-up
it neither entails nor contradicts. Reported speech adds said/denied/confirmed pairs.
Names, places and organisations are invented.

Example::

    >>> rows = generate(6, seed=1)
    >>> len(rows), {label for _, _, label in rows} <= {0, 1, 2}
    (6, True)
"""

from __future__ import annotations

import random

CONTRADICTION, ENTAILMENT, NEUTRAL = 0, 1, 2

PEOPLE = (
    "Mayor Ana Ruiz",
    "Senator Tom Okafor",
    "Minister Lena Berg",
    "Governor Raj Patel",
    "coach Marta Silva",
    "Judge Ian Holt",
    "the chief executive, Omar Haddad",
    "opposition leader Yuki Sato",
    "the defence minister",
    "the city's police chief",
)
ORGS = (
    "Veltra Energy",
    "the Northfield council",
    "the central bank",
    "Harbor Airlines",
    "the health ministry",
    "the transport union",
    "Delmont Foods",
    "the state regulator",
)
PLACES = ("Lisbon", "Kampala", "Osaka", "Tucson", "Gdansk", "Valparaiso", "Leeds", "Pune")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "March", "May", "July", "September", "November")
COMPANIES = ("Veltra Energy", "Harbor Airlines", "Delmont Foods", "Quillon Motors")
SPEAKERS = ("a spokesperson", "the ministry", "officials", "the company", "her lawyer")

# base | negation | incompatible event | entailed paraphrase | neutral follow-up
EVENTS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "{org} raised prices by {p} percent on {day}.",
        "{org} did not raise prices on {day}.",
        "{org} cut prices by {p} percent on {day}.",
        "Prices went up after a decision by {org}.",
        "{org} plans to review its prices again next year.",
    ),
    (
        "Police arrested {person} in {place} on {day}.",
        "Police did not arrest {person} in {place}.",
        "{person} walked free in {place} on {day} and was never detained.",
        "{person} was taken into custody.",
        "{person} has hired a new lawyer.",
    ),
    (
        "{person} was released from custody on {day}.",
        "{person} was not released from custody on {day}.",
        "{person} remains in custody.",
        "{person} is no longer being held.",
        "{person} thanked supporters for their letters.",
    ),
    (
        "The council approved the new stadium in {place} on {day}.",
        "The council did not approve the new stadium in {place}.",
        "The council rejected the new stadium in {place} on {day}.",
        "The stadium plan in {place} received approval.",
        "The stadium in {place} will also host concerts.",
    ),
    (
        "{person} won the election in {place} with {p} percent of the vote.",
        "{person} did not win the election in {place}.",
        "{person} lost the election in {place}.",
        "{person} was elected in {place}.",
        "Turnout in the {place} election was higher than expected.",
    ),
    (
        "{org} opened a new factory in {place} in {month}.",
        "{org} has no factory in {place}.",
        "{org} closed its only factory in {place} in {month}.",
        "{org} now operates a factory in {place}.",
        "The factory in {place} is expected to make a profit within two years.",
    ),
    (
        "{person} resigned on {day} after weeks of pressure.",
        "{person} did not resign.",
        "{person} refused to step down and remains in office.",
        "{person} has left the post.",
        "{person} is expected to write a memoir.",
    ),
    (
        "The flood in {place} killed {n} people on {day}.",
        "Nobody died in the flood in {place}.",
        "The flood in {place} caused no deaths.",
        "People died in the flood in {place}.",
        "The flood in {place} damaged the main railway bridge.",
    ),
    (
        "{org} agreed to pay a fine of {n} million dollars.",
        "{org} has not agreed to pay any fine.",
        "{org} refused to pay the fine and will appeal.",
        "{org} accepted a financial penalty.",
        "{org} also announced a new chief financial officer.",
    ),
    (
        "Shares in {company} rose {p} percent on {day}.",
        "Shares in {company} did not rise on {day}.",
        "Shares in {company} fell {p} percent on {day}.",
        "The value of {company} shares increased on {day}.",
        "Analysts expect {company} to report results next month.",
    ),
)

# base with {n} and a changed number {m}; base with {month} {d} and a changed date.
# (statement with {n} or a date, what it entails, a neutral follow-up)
NUMBER_EVENTS = (
    (
        "{n} people were injured when a bus overturned near {place}.",
        "A bus overturned near {place}.",
        "The bus was carrying schoolchildren.",
    ),
    (
        "The strike at {org} involved {n} workers.",
        "Workers at {org} went on strike.",
        "The strike at {org} was the longest in a decade.",
    ),
    (
        "{org} said it would cut {n} jobs.",
        "{org} announced job cuts.",
        "{org} blamed the cuts on rising energy costs.",
    ),
    (
        "The fire in {place} destroyed {n} homes.",
        "Homes were destroyed by a fire in {place}.",
        "The fire in {place} was started by a faulty heater.",
    ),
)
DATE_EVENTS = (
    (
        "The trial of {person} will begin on {month} {d}.",
        "{person} will stand trial.",
        "The trial of {person} is expected to last three weeks.",
    ),
    (
        "{org} will hold its annual meeting on {month} {d}.",
        "{org} has scheduled its annual meeting.",
        "{org} will elect a new board at its annual meeting.",
    ),
    (
        "The bridge in {place} reopened to traffic on {month} {d}.",
        "Traffic is moving across the bridge in {place} again.",
        "The bridge in {place} was repaired by a local firm.",
    ),
)
CLAIMS = (
    "the minister would resign",
    "{org} had paid the fine",
    "{person} was in {place} on the night of the attack",
    "the talks had collapsed",
    "{org} knew about the safety problems",
)


def _fill(template: str, slots: dict[str, str]) -> str:
    text = template.format(**slots)
    return text[0].upper() + text[1:]


def _slots(rng: random.Random) -> dict[str, str]:
    """Random fillers for every placeholder the templates use."""
    n = rng.choice((3, 5, 7, 12, 15, 20, 40, 64, 120, 300))
    return {
        "person": rng.choice(PEOPLE),
        "org": rng.choice(ORGS),
        "company": rng.choice(COMPANIES),
        "place": rng.choice(PLACES),
        "day": rng.choice(DAYS),
        "month": rng.choice(MONTHS),
        "d": str(rng.randint(1, 28)),
        "n": str(n),
        "p": str(rng.randint(2, 60)),
        "m": str(n * rng.choice((2, 3, 10)) + rng.randint(1, 4)),
    }


def _event_pair(rng: random.Random, slots: dict[str, str]) -> tuple[str, str, int]:
    base, negation, opposite, paraphrase, follow_up = rng.choice(EVENTS)
    premise, hypothesis, label = rng.choice(
        (
            (base, negation, CONTRADICTION),
            (base, opposite, CONTRADICTION),
            (base, paraphrase, ENTAILMENT),
            # The incompatible event implies the negation: a negated entailment.
            (opposite, negation, ENTAILMENT),
            (base, follow_up, NEUTRAL),
            (negation, follow_up, NEUTRAL),
        )
    )
    return _fill(premise, slots), _fill(hypothesis, slots), label


def _changed_fact_pair(rng: random.Random, slots: dict[str, str]) -> tuple[str, str, int]:
    statement, entailed, follow_up = rng.choice(rng.choice((NUMBER_EVENTS, DATE_EVENTS)))
    kind = rng.randrange(3)
    if kind == 1:
        return _fill(statement, slots), _fill(entailed, slots), ENTAILMENT
    if kind == 2:
        return _fill(statement, slots), _fill(follow_up, slots), NEUTRAL
    day = str((int(slots["d"]) + rng.randint(2, 20)) % 28 + 1)
    changed = dict(slots, n=slots["m"], d=day)
    return _fill(statement, slots), _fill(statement, changed), CONTRADICTION


def _speech_pair(rng: random.Random, slots: dict[str, str]) -> tuple[str, str, int]:
    claim = rng.choice(CLAIMS).format(**slots)
    speaker = rng.choice(SPEAKERS)
    premise = _fill(f"{speaker} said {claim}.", slots)
    kind = rng.randrange(3)
    if kind == 0:
        return premise, _fill(f"{speaker} denied that {claim}.", slots), CONTRADICTION
    if kind == 1:
        return premise, _fill(f"According to {speaker}, {claim}.", slots), ENTAILMENT
    other = rng.choice([s for s in SPEAKERS if s != speaker])
    return premise, _fill(f"{other} said {claim}.", slots), NEUTRAL


def generate(n: int, *, seed: int = 0) -> list[tuple[str, str, int]]:
    """Generate ``n`` labelled news-style pairs.

    Args:
        n: Number of pairs.
        seed: Seed; the same seed gives the same pairs.

    Returns:
        ``(premise, hypothesis, label_id)`` rows with label ids 0 = contradiction,
        1 = entailment, 2 = neutral.
    """
    rng = random.Random(seed)
    makers = (_event_pair, _event_pair, _changed_fact_pair, _speech_pair)
    return [rng.choice(makers)(rng, _slots(rng)) for _ in range(n)]


if __name__ == "__main__":
    for premise, hypothesis, label in generate(12, seed=3):
        print(("C", "E", "N")[label], "|", premise, "|", hypothesis)
