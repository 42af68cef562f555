"""Word tables, the tokenizer and argument checks shared by the number, date and denial readers."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from conflictscan._checks import _wordset

# ---------------------------------------------------------------------------------------
# Word tables
# ---------------------------------------------------------------------------------------


_CATEGORY_WORDS: dict[str, frozenset[str]] = {
    "dead": _wordset(
        "killed kill kills killing dead died die dies dying deaths death fatalities "
        "fatality perished lives toll"
    ),
    "injured": _wordset("injured injuring injuries injury hurt wounded wounding"),
    "casualties": _wordset("casualties casualty"),
    "missing": _wordset("missing"),
    "arrested": _wordset("arrested arrests arrest detained detentions"),
    "profit": _wordset("profit profits earnings surplus"),
    "loss": _wordset("loss losses deficit lost"),
    "revenue": _wordset("revenue revenues sales turnover"),
    "jobs": _wordset("jobs job posts positions layoffs redundancies"),
    "troops": _wordset("troops soldiers"),
    "votes": _wordset("votes ballots"),
    "aboard": _wordset("aboard carrying"),
    "cost": _wordset("cost costs costing"),
    "investment": _wordset("invest invests investing invested investment investments"),
    "ransom": _wordset("ransom ransoms"),
    "attendance": _wordset(
        "crowd crowds spectators attendance audience attended gathered marched rallied "
        "participated protested demonstrated"
    ),
    "workforce": _wordset("workforce headcount employs employ employed employing"),
    "remained": _wordset("remain remains remained stayed"),
    "appearances": _wordset("appearances games matches caps"),
    "goals": _wordset("goals"),
    # Measures of physical events; each counts only in its own units (_MEASURE_UNITS).
    "depth": _wordset("deep depth below beneath underground"),
    "burned": _wordset("burned burnt scorched charred blackened"),
    "wind": _wordset("wind winds"),
    "gusts": _wordset("gust gusts gusting"),
    "magnitude": _wordset("magnitude"),
}
_CATEGORY: dict[str, str] = {w: cat for cat, words in _CATEGORY_WORDS.items() for w in words}
_CATEGORY_NAMES = frozenset(_CATEGORY_WORDS) | {"prison term"}
_MONEY_ONLY = frozenset({"lost"}) | _CATEGORY_WORDS["investment"] | _CATEGORY_WORDS["ransom"]
_LENGTH_UNITS = frozenset({"m", "km", "cm", "mm", "ft", "yd", "inches", "miles"})
_AREA_UNITS = frozenset({"ha", "acres", "km2", "sq mi"})
_SPEED_UNITS = frozenset({"km/h", "mph", "knots"})
_PHYSICAL_UNITS = _LENGTH_UNITS | _AREA_UNITS | _SPEED_UNITS
# Words that name a measure only in its units: "900 metres below ground" is a depth, "fell
# below 5 percent" is not; "scorched 12,000 acres" is an area burned.
_MEASURE_UNITS: dict[str, frozenset[str]] = {
    **{w: _LENGTH_UNITS for w in _CATEGORY_WORDS["depth"]},
    **{w: _AREA_UNITS for w in _CATEGORY_WORDS["burned"]},
    **{w: _SPEED_UNITS for w in _CATEGORY_WORDS["wind"] | _CATEGORY_WORDS["gusts"]},
}
# A zero in the key category rules out positive counts in these categories:
# nobody hurt means nobody died, but nobody died still allows injuries.
_ZERO_COVERS: dict[str, frozenset[str]] = {
    "injured": frozenset({"injured", "dead", "casualties"}),
    "casualties": frozenset({"casualties", "dead", "injured"}),
}
_GENERIC_FACTOR = 0.5
_OPENERS = frozenset({'"', "“", "'", "‘", ".", ":", "(", "-", "–", "—"})
_OPPOSITE_SIGNS = frozenset({("profit", "loss"), ("loss", "profit")})

_MODIFIERS = _wordset(
    "net operating pre-tax pretax gross underlying adjusted seriously critically badly "
    "severely slightly lightly fatally confirmed"
)
_GENERIC_PEOPLE = _wordset("people persons person individuals")
_PERSON_NOUNS = _wordset(
    "people persons person individuals civilians children adults residents passengers "
    "men women students workers employees migrants refugees protesters demonstrators "
    "officers policemen journalists patients soldiers troops pilots hostages climbers hikers "
    "sailors tourists prisoners inmates"
)
# A prison term: "sentenced to six years", "jailed for 18 months", "a 10-year sentence".
# ("term" is left out: a president's "term of five years" is no prison term.)
_SENTENCING_WORDS = _wordset("sentenced sentencing jailed imprisoned sentence")
_TERM_UNITS = {"year": 1.0, "years": 1.0, "month": 1 / 12, "months": 1 / 12}
_DURATION_WORDS = _wordset(
    "year years month months week weeks day days hour hours minute minutes second "
    "seconds decade decades century centuries times"
)

_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("at", "least"): "at least",
    ("no", "fewer", "than"): "at least",
    ("no", "less", "than"): "at least",
    ("a", "minimum", "of"): "at least",
    ("no", "more", "than"): "up to",
    ("more", "than"): "more than",
    ("just", "over"): "more than",
    ("over",): "more than",
    ("upwards", "of"): "more than",
    ("better", "than"): "more than",
    ("in", "excess", "of"): "more than",
    ("up", "to"): "up to",
    ("as", "many", "as"): "up to",
    ("at", "most"): "up to",
    ("fewer", "than"): "fewer than",
    ("less", "than"): "fewer than",
    ("under",): "fewer than",
    ("below",): "fewer than",
    ("above",): "more than",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("just", "under"): "nearly",
    ("close", "to"): "nearly",
    ("about",): "about",
    ("around",): "about",
    ("roughly",): "about",
    ("approximately",): "about",
    ("some",): "about",
    ("an", "estimated"): "about",
    ("estimated",): "about",
    ("exactly",): "exactly",
    ("between",): "between",
    ("precisely",): "exactly",
}
_QUALIFIERS_LONGEST_FIRST = sorted(_QUALIFIERS.items(), key=lambda item: -len(item[0]))
# Multipliers of the written value bounding the true value for approximate qualifiers.
_QUALIFIER_SPANS: dict[str, tuple[float, float]] = {
    "about": (0.9, 1.1),
    "nearly": (0.85, 1.0),
}
# Vague plurals: lower bound of the count they imply, read as "at least".
_VAGUE: dict[str, float] = {
    "dozens": 20.0,
    "scores": 40.0,
    "hundreds": 200.0,
    "thousands": 2_000.0,
    "millions": 2_000_000.0,
}

_NUMBER_WORDS = _wordset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred thousand million billion trillion"
)
_SCALE_WORDS: dict[str, float] = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "bln": 1e9,
    "tn": 1e12,
}
_MONEY_SCALES: dict[str, float] = {"m": 1e6, "k": 1e3, "b": 1e9}
_CURRENCY: dict[str, str] = {
    "$": "$",
    "£": "£",
    "€": "€",
    "dollars": "$",
    "usd": "$",
    "pounds": "£",
    "gbp": "£",
    "euros": "€",
    "eur": "€",
    **{word: word for word in ("crowns", "kronor", "krona", "yen", "yuan", "rupees", "francs")},
    **{word: word for word in ("pesos", "rand", "lira", "roubles", "rubles", "shekels")},
}
_MONEY = frozenset(_CURRENCY.values())
_UNITS: dict[str, str] = {
    "%": "%",
    "percent": "%",
    "pct": "%",
    "pc": "%",  # "rose to 40pc", the British shorthand
    **{word: "km" for word in ("km", "kilometres", "kilometers", "kilometre", "kilometer")},
    **{word: "m" for word in ("metres", "meters", "metre", "meter")},
    **{word: "cm" for word in ("cm", "centimetres", "centimeters", "centimetre", "centimeter")},
    **{word: "mm" for word in ("mm", "millimetres", "millimeters", "millimetre", "millimeter")},
    **{word: "miles" for word in ("miles", "mile")},
    **{word: "ft" for word in ("feet", "foot", "ft")},
    **{word: "yd" for word in ("yards", "yard")},
    **{word: "inches" for word in ("inches", "inch")},
    **{word: "kg" for word in ("kg", "kilograms", "kilogrammes", "kilogram", "kilos")},
    **{word: "g" for word in ("grams", "grammes", "gram")},
    **{word: "lb" for word in ("lb", "lbs")},
    **{word: "t" for word in ("tonnes", "tons", "tonne", "ton")},
    **{word: "ha" for word in ("hectares", "hectare")},
    **{word: "acres" for word in ("acres", "acre")},
}

# Words that may sit between a number and its head word ("30 people were killed").
# "Turnout was 62%", "a turnout of 62%": words that link a noun to its percentage.
_PERCENT_LINKS = _wordset("was is were are of at stood stands hit reached")
_BRIDGE_WORDS = _wordset(
    "were was have has had been are is be being of the who reportedly later also all suffered "
    "sustained"
)
# A number right after these counts a subset or an increment, not the total.
_SUBSET_WORDS = _wordset("including among another additional further plus besides from")
_SUBSET_AFTER = _wordset("more other additional others")
_CLAUSE_BREAKS = _wordset(", ; : . ( ) and but while whereas or – —")
_ZERO_WORDS: tuple[tuple[str, ...], ...] = (
    # A denial that any were hurt is a count of none: "denied that any soldiers had died".
    *((verb, "that", "any") for verb in ("denied", "denies", "deny", "denying")),
    *((verb, "any") for verb in ("denied", "denies", "deny", "denying")),
    ("not", "a", "single", "person"),
    ("not", "a", "single"),
    ("no", "-", "one"),
    ("no", "one"),
    ("nobody",),
    ("none",),
    ("no",),
)
# "Earlier"/"later" after a span of time ("than a year earlier", "two days later") place a
# figure in time; alone ("earlier reports", "later said") they revise it.
_AFTER_SPAN = "".join(
    f"(?<!{unit}{plural} )"
    for unit in ("minute", "hour", "day", "week", "month", "quarter", "year", "decade")
    for plural in ("", "s")
)
# Words that say a figure was revised, as against one that rose or fell.
_REVISION_WORDS = (
    r"updated|revised|latest|initially|at first|first reported|"
    rf"{_AFTER_SPAN}(?:earlier|later)"
)
_UPDATE_RE = re.compile(
    r"\b(?:rose|risen|rising|rises|climbed|climbing|increased|jumped|reached|grew|soared|"
    r"surged|strengthened|intensified|weakened|"
    r"(?<!not\s)(?<!n't\s)(?<!n’t\s)(?<!never\s)(?:fell|fallen)(?!\s+(?:into|from|off|"
    r"onto|through|overboard|ill|sick|victim|asleep|silent|apart|short|behind)\b)|"
    r"dropped(?!\s+(?:out|off|by|in|the|a|an|his|her|its|their|charges|plans?)\b)|declined|now|"
    r"so far|new toll|up from|down from|" + _REVISION_WORDS + r")\b",
    re.IGNORECASE,
)
_SEPARATE_RE = re.compile(
    r"\b(?:separate|unrelated|different)\s+(?:\w+\s+)?"
    r"(?:incident|case|attack|burglary|robbery|event|crash|fire)",
    re.IGNORECASE,
)
"""Another event of the kind ("a separate burglary"): a date told of it dates that one."""
_ANOTHER_RE = re.compile(
    r"(?<!\bas\s)(?<!\binto\s)\b(?:a|an)\s+(?:separate|unrelated|second|third|further)\b(?!-),?\s+"
    r"(?!(?:term|time|half|straight|consecutive|successive|place|round|opinion|day|night|"
    r"week|month|year|in|of|on|at|to|for|from|by|with|and|or|than|as|the)\b)[a-z]+"
    r"|\banother\s+(?!\d)(?!(?:term|time|one|way|day|night|week|month|year)\b)[a-z]+"
    r"|\bthe\s+(?:other|remaining)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)
"""A claim about another one of a kind ("A separate magnitude 4.2 earthquake", "a second,
smaller plant", "the other four candidates"): its figures are that one's. "A second term"
or "a second day" goes on with the same thing."""
_EARLIER_ONE_RE = re.compile(
    r"^\W*(?:(?:at|in|during|for)\s+)?the\s+(?:last|previous|prior|earlier)\s+(?:[a-z]+\s+)?"
    r"[a-z]+,?\s+in\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
"""A claim that opens on an earlier one of a kind dated by its year ("The last major
outbreak, in 2022, killed 61", "At the last election, in 2022, turnout was 55 percent"): its
figures are that one's, unless the other claim names the year too. Not a comparison later
in the sentence ("41 percent, in line with the previous election in 2021")."""
_LAST_TIME_RE = re.compile(
    r"\b(?:was|were|has\s+been|had\s+been)\s+last\s+[a-z]+\b[^.;]{0,80}?\bin\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
"""The same told of the last time ("The district was last hit by serious flooding in 2019,
when eight people died"): that year's figures."""


def earlier_year(text: str) -> str | None:
    """The year of the earlier one of a kind a claim tells of (:data:`_EARLIER_ONE_RE`,
    :data:`_LAST_TIME_RE`), if it tells of one."""
    found = _EARLIER_ONE_RE.search(text) or _LAST_TIME_RE.search(text)
    return found.group(1) if found else None


_RATE_RE = re.compile(
    r"\b(?:a|an|per|each|every)\s+(?:year|month|week|day|hour|season)\b"
    r"(?!\s+(?:after|before|earlier|later|ago|on|in|of|from|since|when|or)\b)|"
    r"\b(?:annually|yearly|monthly|weekly|daily|hourly)\b|"
    r"\b(?:annual|yearly|monthly)\s+(?:[a-z]+\s+)?(?:costs?|fees?|rent|budget|subsid(?:y|ies)|"
    r"salar(?:y|ies)|payments?|bills?)\b",
    re.IGNORECASE,
)
"""A figure per period: against a total, a different quantity ("500 million a year",
"annual running costs of 28 million" against "will cost 340 million to build")."""
# A magnitude is revised, never risen: only these make two magnitudes an update.
_REVISION_RE = re.compile(r"\b(?:upgraded|downgraded|" + _REVISION_WORDS + r")\b", re.IGNORECASE)
# Words before a year that names one edition of an event: "the 2019 epidemic".
_EDITION_LEADS = frozenset({"the", "its", "their", "his", "her", "this", "that"})
_CHANGE_BEFORE = _wordset(
    "rose fell increased decreased dropped declined grew jumped climbed slumped slipped "
    "gained lost up down expanded contracted shrank surged soared advanced plunged "
    "plummeted tumbled sank slid dipped"
)
# Change verbs in every form, for "had fallen to 6.5 percent" (a level after a change).
_CHANGE_FORMS = _CHANGE_BEFORE | _wordset(
    "risen fallen grown rise rises rising fall falls falling drop drops dropping "
    "climb climbs climbing increase increases increasing decrease decreases decreasing "
    "decline declines declining jump jumps jumping"
)
# Bounds that place a level, not a change, after a change verb ("fell below 5 percent").
_LEVEL_BOUNDS = _wordset("below under above beneath")
# The direction of a change ("rose 8%" is a rise, "fell 3%" a fall).
_RISE_WORDS = _wordset(
    "rose increased grew jumped climbed gained up expanded surged soared advanced"
)
_NEGATION_RE = re.compile(
    r"\b(?:not|no|never|nobody|none|nothing|neither|nor|without|denied|denies|deny)\b|n't\b",
    re.IGNORECASE,
)
_STOPWORDS = _wordset(
    "a an the of in on at to for from by with and or but that this these those it its is "
    "are was were be been being has have had will would could should may might can said "
    "says told according as than then there their they he she his her we our you i not no "
    "also after before over about into more most some any all"
)


# ---------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------


class _Tok(NamedTuple):
    text: str
    low: str
    start: int
    end: int


_TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[^\W\d_]+(?:['’][^\W\d_]+)*|\S")


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[_Tok, ...]:
    return tuple(
        _Tok(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)
    )


# Verbs whose "down"/"up" is a particle, not a change ("turned down", "picked up").
_PARTICLE_VERBS = _wordset(
    "turned turn turns turning voted shot brought took knocked pulled tore handed picked "
    "set put rounded locked tied"
)
# A number after these is a threshold, not a count ("needed 91 votes to pass").
_NEED_WORDS = _wordset("need needs needed require requires required")


def _is_digit(tok: _Tok) -> bool:
    return tok.text[0].isdigit()


def _match_phrase(toks: tuple[_Tok, ...], i: int, phrase: tuple[str, ...]) -> bool:
    end = i + len(phrase)
    return end <= len(toks) and all(toks[i + k].low == w for k, w in enumerate(phrase))


def _counted_later(toks: tuple[_Tok, ...], k: int) -> bool:
    """Whether the people word at ``k`` is followed, over linking words only, by what
    happened to them: "no soldiers were killed" counts the dead, "no soldiers" alone the
    troops."""
    for tok in toks[k + 1 : k + 5]:
        if tok.low in _CATEGORY:
            return True
        if tok.low not in _BRIDGE_WORDS:
            return False
    return False


# ---------------------------------------------------------------------------------------
# Input checks and formatting
# ---------------------------------------------------------------------------------------


def _format_value(value: float, unit: str | None) -> str:
    if unit in _MONEY:
        amount = _plain(value)
        for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if abs(value) >= scale:
                amount = f"{_plain(value / scale)} {word}"
                break
        return f"{unit}{amount}" if len(unit) == 1 else f"{amount} {unit}"
    if unit == "%":
        return f"{_plain(value)}%"
    text = _plain(value)
    return text if unit is None or unit in _PERSON_NOUNS else f"{text} {unit}"


def _plain(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")
