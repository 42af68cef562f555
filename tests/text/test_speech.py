"""Tests for conflictscan.text._speech: datelines, attribution forms, denials, spans, gold accuracy.

Both methods (the dependency parse and the surface-rule fallback) must agree on every case
here; the attribution/denial fixture accuracy is measured per method.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

import pytest

from conflictscan import InputError, Sentence, split_sentences
from conflictscan._types import Span
from conflictscan.text import _speech as claims
from conflictscan.text import split_attribution, split_attributions, strip_dateline
from conflictscan.text._speech import FORMS, METHODS
from conftest import run_python

FIXTURES = Path(__file__).parent.parent / "fixtures" / "segmentation"
ATTRIBUTION = Path(__file__).parent.parent / "fixtures" / "attribution"
BOTH = pytest.mark.parametrize("method", ["parse", "regex"])


def _gold_module():
    spec = importlib.util.spec_from_file_location("attribution_gold", ATTRIBUTION / "gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


GOLD = _gold_module()


def _sentence(text: str, **fields: object) -> Sentence:
    return Sentence(text, 0, len(text), **fields)


def _load(name: str) -> list[dict[str, str | None]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _scores(rows: list[dict[str, str | None]], method: str) -> tuple[float, float, float]:
    """Accuracy, stripping precision and stripping recall against gold claim/speaker."""
    correct = stripped = stripped_ok = found = 0
    for row in rows:
        out = split_attribution(_sentence(str(row["text"])), method=method)
        good = (out.claim, out.speaker) == (row["claim"], row["speaker"])
        correct += good
        stripped += out.attribution is not None
        stripped_ok += good and out.attribution is not None
        found += good and row["speaker"] is not None
    gold = sum(row["speaker"] is not None for row in rows)
    return correct / len(rows), stripped_ok / max(1, stripped), found / gold


# ----------------------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("VELDHAVEN, Oct. 3 (Wire) - Troops left.", "Troops left."),
        ("LONDON (Reuters) — Shares fell.", "Shares fell."),
        ("PARIS, France — The summit opened.", "The summit opened."),
        ("WASHINGTON — The senator spoke.", "The senator spoke."),
        ("NEW YORK, Oct. 3, 2024 (Wire) -- Markets rose.", "Markets rose."),
        ("  ST. PETERSBURG, Russia – “We stay,” he said.", "“We stay,” he said."),
        ("June 4 (Harbour Wire) - Nine people died.", "Nine people died."),
        ("Sept. 10 (Wire) — Shares fell.", "Shares fell."),
        ("(Wire) - Troops left.", "Troops left."),
        ("Feb. 11 - A strong earthquake shook the east.", "A strong earthquake shook the east."),
    ],
)
def test_strip_dateline(text: str, rest: str) -> None:
    assert text[strip_dateline(text) :] == rest


@pytest.mark.parametrize(
    "text",
    [
        "Troops left the border on Tuesday.",
        "NATO — the alliance said troops would stay.",
        "The UN - the world body - met.",
        "VELDHAVEN, Oct. 3 (Wire)",
        "June 4 was the day the talks began.",
        "May 3 - the day the talks began - was wet.",
        "(Wire) - troops left.",
        "",
    ],
)
def test_no_dateline(text: str) -> None:
    assert strip_dateline(text) == 0


# ----------------------------------------------------------------------------- forms

FORM_CASES = [
    (
        "The ministry said troops would leave.",
        "troops would leave.",
        "the ministry",
        "The ministry said",
    ),
    (
        "Gen. Tarn said that the pullout was over.",
        "the pullout was over.",
        "Gen. Tarn",
        "Gen. Tarn said that",
    ),
    ("Rain will fall, the agency said.", "Rain will fall", "the agency", "the agency said"),
    ("Rain will fall, Tarn said on Tuesday.", "Rain will fall", "Tarn", "Tarn said on Tuesday"),
    (
        "Rain will fall, according to Met Office data.",
        "Rain will fall",
        "Met Office data",
        "according to Met Office data",
    ),
    (
        "According to the agency, about 4,000 fled.",
        "about 4,000 fled.",
        "the agency",
        "According to the agency",
    ),
    ("Ann told Ben that rain would fall.", "rain would fall.", "Ann", "Ann told Ben that"),
    ("Ann tells reporters rain will fall.", "rain will fall.", "Ann", "Ann tells reporters"),
    (
        "No troops moved, the ministry said in a statement.",
        "No troops moved",
        "the ministry",
        "the ministry said in a statement",
    ),
    (
        "Col. Roe, a spokesman for the army, said the unit had left.",
        "the unit had left.",
        "Col. Roe",
        "Col. Roe, a spokesman for the army, said",
    ),
    (
        "The truce holds, said Ilse Brandt, who leads the mission.",
        "The truce holds",
        "Ilse Brandt",
        "said Ilse Brandt, who leads the mission",
    ),
    ("Ann claimed that rain would fall.", "rain would fall.", "Ann", "Ann claimed that"),
    ("Ann announced that rain would fall.", "rain would fall.", "Ann", "Ann announced that"),
    ("Ann wrote that rain would fall.", "rain would fall.", "Ann", "Ann wrote that"),
    (
        "The plan was shelved, three people familiar with the discussions said.",
        "The plan was shelved",
        "three people familiar with the discussions",
        "three people familiar with the discussions said",
    ),
    (
        '"We will not resign," the minister said.',
        "We will not resign",
        "the minister",
        "the minister said",
    ),
    ("The plan, officials said, is dead.", "The plan is dead.", "officials", "officials said"),
    ('Tarn said: "We will stay."', "We will stay.", "Tarn", "Tarn said"),
]


@BOTH
@pytest.mark.parametrize(("text", "claim", "speaker", "attribution"), FORM_CASES)
def test_attribution_forms(
    text: str, claim: str, speaker: str, attribution: str, method: str
) -> None:
    out = split_attribution(_sentence(text), method=method)
    assert (out.claim, out.speaker, out.attribution) == (claim, speaker, attribution)
    assert not out.denial and out.denied is None


# A denial keeps its verb in the claim and names the denier; an outer report is removed.
DENIAL_CASES = [
    (
        "The ministry denied that troops had crossed the border.",
        "The ministry denied that troops had crossed the border.",
        "the ministry",
        "troops had crossed the border",
    ),
    (
        "Tarn dismissed reports that she would resign as 'absolute nonsense'.",
        "Tarn dismissed reports that she would resign as 'absolute nonsense'.",
        "Tarn",
        "she would resign",
    ),
    (
        "The company rejected claims that it had hidden the losses.",
        "The company rejected claims that it had hidden the losses.",
        "the company",
        "it had hidden the losses",
    ),
    (
        "Officials denied the report, the ministry said.",
        "Officials denied the report",
        "Officials",
        None,
    ),
    (
        "A foreign ministry official characterized reports that the leader was willing to "
        'step down as "absolute nonsense," according to Reuters.',
        "A foreign ministry official characterized reports that the leader was willing to "
        "step down as absolute nonsense",
        "a foreign ministry official",
        "the leader was willing to step down",
    ),
    (
        "An official described reports that the mayor had resigned as false.",
        "An official described reports that the mayor had resigned as false.",
        "an official",
        "the mayor had resigned",
    ),
]


@BOTH
@pytest.mark.parametrize(("text", "claim", "speaker", "denied"), DENIAL_CASES)
def test_denials_keep_their_verb_and_name_the_denier(
    text: str, claim: str, speaker: str, denied: str | None, method: str
) -> None:
    out = split_attribution(_sentence(text, speaker="Outlet default"), method=method)
    assert (out.claim, out.speaker, out.denial, out.denied) == (claim, speaker, True, denied)


@BOTH
@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Reports saying the minister had resigned were false.", "the minister had resigned"),
        (
            "A report claiming that the dog trainer had died of a heart attack on Tuesday, "
            "is nothing, but a lie.",
            "the dog trainer had died of a heart attack on Tuesday",
        ),
        ("A report claiming the mayor took bribes was published on Monday.", None),
    ],
)
def test_report_saying_p_is_false_denies_p(text: str, denied: str | None, method: str) -> None:
    out = split_attribution(_sentence(text), method=method)
    assert (out.denial, out.denied) == (denied is not None, denied)


@BOTH
@pytest.mark.parametrize(
    ("text", "denied"),
    [
        # the report's clause written without "that"
        (
            "The army dismissed reports the general had fled the country.",
            "the general had fled the country",
        ),
        ("The singer denied reports she was seriously ill.", "she was seriously ill"),
        ("The league rejected reports the final had been moved.", "the final had been moved"),
        # "no truth" quoted or made stronger
        (
            'A spokesman said there was "no truth whatsoever" to reports the governor had '
            "resigned.",
            "the governor had resigned",
        ),
        (
            "There is absolutely no truth in claims that the reservoir is leaking, the board said.",
            "the reservoir is leaking",
        ),
    ],
)
def test_that_less_and_emphatic_denials_of_reports(text: str, denied: str, method: str) -> None:
    out = split_attribution(_sentence(text), method=method)
    assert (out.denial, out.denied) == (True, denied)


def test_a_relative_clause_after_a_report_noun_is_not_its_content() -> None:
    """ "reports the minister had read" are the reports he read, not a claim that he read:
    the parse leaves the verb without its object, so no proposition is taken (the surface
    rules, which see no parse, cannot tell the two apart)."""
    out = split_attribution(_sentence("The aide dismissed reports the minister had read."))
    assert (out.denial, out.denied) == (True, None)


@BOTH
def test_reported_denial_keeps_the_outer_source_as_via(method: str) -> None:
    text = (
        "A foreign ministry official characterized reports that the leader was willing to "
        'step down as "absolute nonsense," according to Reuters.'
    )
    out = split_attribution(_sentence(text), method=method)
    assert (out.via, out.attribution) == ("Reuters", "according to Reuters")


@BOTH
def test_according_without_to_is_an_attribution(method: str) -> None:
    out = split_attribution(
        _sentence("According Al Jazeera, the talks collapsed after midnight."), method=method
    )
    assert (out.claim, out.speaker, out.via) == (
        "the talks collapsed after midnight.",
        "Al Jazeera",
        None,
    )


@BOTH
@pytest.mark.parametrize(
    "text",
    [
        "Police said nothing about the arrests.",
        "The minister said goodbye to the lost sheep.",
        "Nobody said the plan would work.",
        "Tarn never said she would resign.",
        "The minister did not say whether troops would stay.",
        "What the minister said was not recorded.",
        "A man who said he was a doctor treated the victims.",
        "His claims that the bridge was unsafe were ignored.",
        "Brandt said she was leaving, and her deputy said he would stay.",
        "He did not deny reports that he would resign.",
        "The bank denied the family a loan.",
        "The bodies found in a mass grave were confirmed not to be the missing students.",
        # a verdict or a find states its object's state, not a report of P
        "A jury on Thursday found the former treasurer guilty of embezzling $1.2 million.",
        "Rescuers found the climber dead on Sunday.",
        "The ministry declared the cholera outbreak in Copperbelt province over on Wednesday.",
    ],
)
def test_no_over_stripping(text: str, method: str) -> None:
    out = split_attribution(_sentence(text), method=method)
    assert (out.claim, out.speaker, out.attribution, out.denial) == (text, None, None, False)


def test_forms_table_is_ordered_and_named() -> None:
    assert [name for name, _ in FORMS] == ["according-prefix", "prefix", "suffix", "parenthetical"]


# ----------------------------------------------------------------------------- split_attribution


def test_normalise_returns_copy_with_offsets_and_fields_kept() -> None:
    original = Sentence(
        "Rain will fall, the agency said.", 7, 39, doc_id="d", index=3, source="Wire"
    )
    out = split_attribution(original)
    assert (out.start, out.end, out.doc_id, out.index, out.source) == (7, 39, "d", 3, "Wire")
    assert out.text == original.text and original.claim is None
    assert out.content == "Rain will fall"


def test_unattributed_sentence_keeps_speaker_and_unwraps_quotes() -> None:
    out = split_attribution(_sentence('"The talks have failed."', speaker="the union"))
    assert (out.claim, out.speaker, out.attribution) == (
        "The talks have failed.",
        "the union",
        None,
    )


def test_claim_joins_hard_wrapped_lines() -> None:
    out = split_attribution(_sentence("Officials said the crossing would\nremain  closed."))
    assert (out.claim, out.speaker) == ("the crossing would remain closed.", "Officials")


def test_dateline_and_attribution_together() -> None:
    out = split_attribution(_sentence("WASHINGTON — The senator said the bill would pass."))
    assert (out.claim, out.speaker) == ("the bill would pass.", "the senator")


def test_doc_text_limits_dateline_to_paragraph_start() -> None:
    doc = "LONDON (Wire) — Shares fell.\nSo did bonds. PARIS — Prices rose sharply."
    first, second = (s for s in split_sentences(doc, keep=None) if s.text[0] in "LP")
    assert split_attribution(first, doc_text=doc).claim == "Shares fell."
    assert split_attribution(second, doc_text=doc).claim == "PARIS — Prices rose sharply."
    assert split_attribution(second).claim == "Prices rose sharply."


def test_doc_text_mismatch_raises() -> None:
    sentence = Sentence("Shares fell.", 0, 12)
    with pytest.raises(InputError, match=r"doc_text\[0:12\] is 'Bonds rose. ', expected the"):
        split_attribution(sentence, doc_text="Bonds rose. Shares fell.")


def test_normalise_all_keeps_order() -> None:
    text = (
        "VELDHAVEN, Oct. 3 (Wire) - Troops began leaving on Tuesday, the ministry said. "
        "About 4,000 soldiers were involved, officials said."
    )
    out = split_attributions(split_sentences(text, doc_id="d1"))
    assert [(s.index, s.claim, s.speaker) for s in out] == [
        (0, "Troops began leaving on Tuesday", "the ministry"),
        (1, "About 4,000 soldiers were involved", "officials"),
    ]
    assert all(text[s.start : s.end] == s.text for s in out)
    assert split_attributions(split_sentences(text, doc_id="d1"), doc_text=text) == out


@BOTH
def test_long_comma_heavy_sentence_is_fast(method: str) -> None:
    text = ", ".join(["the minister said the troops would leave"] * 800) + ", officials said."
    started = time.perf_counter()
    out = split_attribution(_sentence(text), method=method)
    assert out.speaker == "officials"  # past MAX_PARSE_CHARS the surface rules decide
    assert time.perf_counter() - started < 5


# ----------------------------------------------------------------------------- gold sets


def test_gold_sets_are_big_enough() -> None:
    assert len(_load("claims.jsonl")) >= 40
    assert len(_load("claims_holdout.jsonl")) >= 25


@pytest.mark.parametrize("name", ["claims.jsonl", "claims_holdout.jsonl"])
def test_gold_accuracy_and_stripping_precision(name: str) -> None:
    accuracy, precision, recall = _scores(_load(name), "parse")
    assert accuracy >= 0.95
    assert precision >= 0.95
    assert recall >= 0.9


@pytest.mark.parametrize("name", ["claims.jsonl", "claims_holdout.jsonl"])
def test_gold_accuracy_of_the_fallback(name: str) -> None:
    accuracy, precision, _ = _scores(_load(name), "regex")
    assert accuracy >= 0.9
    assert precision >= 0.95


# ----------------------------------------------------------------------------- attribution set


def _splitter(method: str):
    def split(text: str):
        out = split_attribution(_sentence(text), method=method)
        return GOLD.Split(out.speaker, out.content, out.denial, out.denied)

    return split


def test_attribution_fixtures_are_big_enough_and_well_formed() -> None:
    dev, heldout = GOLD.load("dev"), GOLD.load("heldout")
    assert len(dev) + len(heldout) >= 150 and len(heldout) >= 50
    for row in dev + heldout:
        assert set(row) == {"id", "text", "speaker", "content", "denial", "denied", "form"}
        assert row["denied"] is None or row["denial"]
    assert len({row["text"] for row in dev + heldout}) == len(dev) + len(heldout)


# Measured when the rules were fixed (benchmarks/bench_attribution.py): parse 1.000 dev,
# 0.954 held out; surface rules 0.786 dev, 0.708 held out (0.536 and 0.462 before the
# parse existed). Held-out failures were never used to change rules. With eight dev forms
# added later (reports of NP, passive and auxiliary denials): parse 0.993 dev (d146 is a
# misparse of "claims" as a verb), surface rules 0.757 dev; held out unchanged. A trailing
# report after a date ("on Sunday, Oct. 10, the board announced", d149-d150): parse held out
# 0.954 -> 0.969 (measured after the change, not used for it). "Reports of job losses" is
# denied as "there were job losses" (d151): surface rules 0.755 dev. Two-claim sentences
# keep their speaker ("X said P, adding that Q"; d131's gold changed with the convention):
# parse 0.987 dev (unchanged), held out 0.969 (unchanged, measured after).
@pytest.mark.parametrize(
    ("method", "part", "floor"),
    [
        ("parse", "dev", 0.98),
        ("parse", "heldout", 0.95),
        ("regex", "dev", 0.75),
        ("regex", "heldout", 0.65),
    ],
)
def test_attribution_fixture_accuracy(method: str, part: str, floor: float) -> None:
    assert GOLD.score(GOLD.load(part), _splitter(method)).accuracy >= floor


@pytest.mark.parametrize(
    ("text", "content", "attribution"),
    [
        (
            "The vote will be held on Sunday, Oct. 10, the electoral commission announced.",
            "The vote will be held on Sunday, Oct. 10",
            "the electoral commission announced",
        ),
        (
            "The vote will be held on Sunday, Oct. 24, the electoral commission announced.",
            "The vote will be held on Sunday, Oct. 24",
            "the electoral commission announced",
        ),
        (
            "Talks will resume on Monday, March 3, the ministry said in a statement.",
            "Talks will resume on Monday, March 3",
            "the ministry said in a statement",
        ),
    ],
)
def test_a_trailing_report_starts_at_its_speaker(text: str, content: str, attribution: str) -> None:
    # The parser hangs "Oct. 10" on the reporting verb; the date belongs to the claim.
    out = split_attribution(_sentence(text), method="parse")
    assert (out.content, out.attribution) == (content, attribution)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Voss said the sale would close by June, adding that no jobs would be lost.", "Voss"),
        ("“It is a fair price,” Voss said, adding that the sale would close in June.", "Voss"),
        ("Union leaders welcomed the deal, saying they had been kept informed.", "Union leaders"),
        ("Prices rose, analysts said, adding that inflation would peak.", "analysts"),
        # A second speaker, or a "saying" clause before the subject: nobody's sentence.
        ("Voss said she would stay, and her deputy said he would leave.", None),
        ("Saying the pass was unsafe, the drivers turned back.", None),
    ],
)
def test_two_claims_stay_whole_but_keep_their_speaker(text: str, speaker: str | None) -> None:
    # "X said P, adding that Q" holds two claims, so neither is split off as the claim,
    # but the sentence is still X's: the report can say who said it.
    out = split_attribution(_sentence(text), method="parse")
    assert (out.content, out.speaker) == (text, speaker)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # The parser reads the report as a second clause coordinated with no "and".
        (
            "Stenn plans to call an election for June 6, the Belmora Post reported on Tuesday.",
            "Stenn plans to call an election for June 6",
            "the Belmora Post",
        ),
        (
            "The premier, Ansgar Stenn, plans to call an early election for June 6, the "
            "newspaper Belmora Post reported on Tuesday, citing three members of his cabinet.",
            "The premier, Ansgar Stenn, plans to call an early election for June 6",
            "the newspaper",
        ),
        # The source after the verb, which the parser takes for its object.
        (
            "The bridge will reopen on Monday, reported the Daily Post.",
            "The bridge will reopen on Monday",
            "the Daily Post",
        ),
        (
            "As reported by the Daily Post, the bridge will reopen on Monday.",
            "the bridge will reopen on Monday.",
            "the Daily Post",
        ),
        # A speaker with an appositive that the parser hangs on the claim, and the one
        # told, who is no speaker.
        (
            "Samples tested positive on Tuesday, the hospital's director, Noor Vassel, said.",
            "Samples tested positive on Tuesday",
            "the hospital's director",
        ),
        (
            "Samples from the patients tested positive at the hospital's own laboratory on"
            " Tuesday, the hospital's director, Dr. Noor Vassel, told the Coastline Post.",
            "Samples from the patients tested positive at the hospital's own laboratory on Tuesday",
            "the hospital's director",
        ),
        # A place that ends the claim stays with it; the speaker opens with "the"/"her".
        (
            "The plant will be built near Columbus, Ohio, the state's development agency"
            " said on Thursday.",
            "The plant will be built near Columbus, Ohio",
            "the state's development agency",
        ),
        (
            "A court sentenced Mila Dorsch to six years in prison, her employer, the news"
            " site Open Ledger, said.",
            "A court sentenced Mila Dorsch to six years in prison",
            "her employer",
        ),
        # A report joined by "and" is a second clause, not an attribution.
        (
            "The army shelled the town, and the ministry reported heavy losses.",
            "The army shelled the town, and the ministry reported heavy losses.",
            None,
        ),
        # Nor is a verb of the claim's own subject, nor a common-noun object.
        (
            "The factory closed in March, reported losses of $2 million.",
            "The factory closed in March, reported losses of $2 million.",
            None,
        ),
        (
            "As expected by analysts, the bank raised rates.",
            "As expected by analysts, the bank raised rates.",
            None,
        ),
    ],
)
def test_reports_the_parser_reads_as_other_clauses_are_attributions(
    text: str, content: str, speaker: str | None
) -> None:
    out = split_attribution(_sentence(text), method="parse")
    assert (out.content, out.speaker) == (content, speaker)


def test_normalisation_of_the_comparison() -> None:
    assert GOLD.norm(" “Absolute  nonsense,” ") == "absolute nonsense"
    assert GOLD.norm("The mayor's office.") == "the mayors office"
    assert GOLD.norm(None) is None


# ----------------------------------------------------------------------------- spans


@pytest.mark.parametrize(
    "text",
    [
        "VELDHAVEN, Oct. 3 (Wire) - The plan, officials said on Tuesday, is dead.",
        '"We will rebuild," the mayor said.',
        "A local official told the broadcaster that the governor had said the dam\nwas safe.",
        "An official described reports that the mayor had resigned as false, Reuters said.",
    ],
)
def test_spans_point_into_the_document(text: str) -> None:
    doc = "Intro sentence here.\n" + text
    [_, sentence] = split_sentences(doc, keep=None)
    out = split_attribution(sentence, doc_text=doc, method="parse")
    assert (out.start, out.end, out.text) == (sentence.start, sentence.end, sentence.text)
    assert doc[out.start : out.end] == out.text
    for span in out.spans:
        assert sentence.start <= span.start < span.end <= sentence.end
        assert doc[span.start : span.end].strip() == doc[span.start : span.end]
    pieces = " ".join(" ".join(doc[s.start : s.end].split()) for s in out.spans_of("content"))
    assert claims._clean_claim(pieces) == out.claim
    [speaker] = out.spans_of("speaker")
    assert out.speaker is not None
    assert doc[speaker.start : speaker.end].lower() == out.speaker.lower()


def test_parenthetical_content_has_two_spans() -> None:
    text = "The plan, officials said, is dead."
    out = split_attribution(_sentence(text), method="parse")
    assert [(s.start, s.end) for s in out.spans_of("content")] == [(0, 8), (26, 34)]
    assert out.spans_of("attribution") == (Span("attribution", 10, 24),)
    assert out.claim == "The plan is dead."


def test_denied_and_via_spans() -> None:
    text = "Police rejected accusations that officers had beaten detainees, Reuters reported."
    out = split_attribution(_sentence(text), method="parse")
    [denied] = out.spans_of("denied")
    [via] = out.spans_of("via")
    assert text[denied.start : denied.end] == out.denied == "officers had beaten detainees"
    assert text[via.start : via.end] == out.via == "Reuters"
    assert out.speaker == "Police"


def test_to_dict_carries_denial_and_spans() -> None:
    out = split_attribution(_sentence("Officials denied that the dam had burst."), method="parse")
    data = out.to_dict()
    assert data["denied"] == "the dam had burst"
    assert {"label": "speaker", "start": 0, "end": 9} in data["spans"]


# ----------------------------------------------------------------------------- methods


def test_methods_are_listed_and_checked() -> None:
    assert METHODS == ("auto", "parse", "regex")
    with pytest.raises(InputError, match=r"unknown attribution method 'spacy'; choose one of"):
        split_attribution(_sentence("Officials said it rained."), method="spacy")


def test_auto_falls_back_to_the_surface_rules_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(claims.parsing, "is_available", lambda: False)
    monkeypatch.setattr(claims, "_warned", False)
    with pytest.warns(UserWarning, match="falls back to surface rules"):
        out = split_attribution(_sentence("The ministry said troops would leave."))
    assert (out.claim, out.speaker, out.spans) == ("troops would leave.", "the ministry", ())


def test_auto_uses_the_parse_when_installed() -> None:
    text = "An official described reports that the mayor had resigned as false."
    assert split_attribution(_sentence(text)) == split_attribution(_sentence(text), method="parse")


def test_import_does_not_load_torch_or_spacy() -> None:
    code = (
        "import sys, conflictscan, conflictscan.text._speech, conflictscan.signals._compare;"
        "print(sorted(m for m in ('torch', 'spacy') if m in sys.modules))"
    )
    assert run_python(code) == "[]"


def test_unattributed_text_is_not_parsed() -> None:
    code = (
        "import sys; from conflictscan.text._speech import split_attribution;"
        "from conflictscan._types import Sentence;"
        "t = 'The storm knocked out power to 20,000 homes.';"
        "out = split_attribution(Sentence(t, 0, len(t)), method='parse');"
        "print(out.claim == t, 'spacy' in sys.modules)"
    )
    assert run_python(code) == "True False"


@BOTH
@pytest.mark.parametrize(
    ("text", "claim", "speaker"),
    [
        (
            "Boris Tanaka, the fire chief, said crews fought the blaze for 43 hours.",
            "crews fought the blaze for 43 hours.",
            "Boris Tanaka",
        ),
        (
            "The talks failed, Lena Ruus, a spokeswoman, said on Monday.",
            "The talks failed",
            "Lena Ruus",
        ),
    ],
)
def test_appositive_speakers(text: str, claim: str, speaker: str, method: str) -> None:
    found = split_attribution(Sentence(text, 0, len(text)), method=method)
    assert (found.claim, found.speaker) == (claim, speaker)


@BOTH
def test_dismissals_are_kept_whole(method: str) -> None:
    text = (
        "A senior official on Saturday called reports that the president was willing to "
        "step down \u201cabsolute nonsense\u201d."
    )
    found = split_attribution(Sentence(text, 0, len(text)), method=method)
    assert found.claim == text and found.attribution is None
    assert (found.speaker, found.denied) == (
        "a senior official",
        "the president was willing to step down",
    )


# ----------------------------------------------------------------------------- explanations


def test_scan_explanations_name_the_parsed_speaker_and_denied_proposition(
    fake_scorer, fake_encoder
) -> None:
    from conflictscan import Document, Scanner
    from conflictscan.report import render_table

    docs = [
        Document("The mayor had resigned on Monday, officials said.", doc_id="a"),
        Document(
            "An official described reports that the mayor had resigned as false, "
            "according to Reuters.",
            doc_id="b",
        ),
    ]
    scanner = Scanner(scorer=fake_scorer, encoder=fake_encoder, reasoning="news", threshold=0.0)
    result = scanner.scan(docs)
    [conflict] = [c for c in result.conflicts if any(e.kind == "denial" for e in c.evidence)]
    denier = conflict.b if conflict.b.doc_id == "b" else conflict.a
    assert (denier.speaker, denier.via, denier.denied) == (
        "an official",
        "Reuters",
        "the mayor had resigned",
    )
    notes = [e.note for e in conflict.evidence if e.kind == "denial"]
    assert any("(an official) denies that the mayor had resigned" in note for note in notes)
    table = render_table(result, width=100)
    assert "(an official, via Reuters)" in table
    assert "denies: the mayor had resigned" in table


def test_split_attribution_takes_a_plain_string() -> None:
    text = '"We will not resign," the minister said.'
    found = split_attribution(text, method="regex")
    assert (found.text, found.start, found.end) == (text, 0, len(text))
    assert (found.claim, found.speaker) == ("We will not resign", "the minister")


def test_split_attributions_rejects_other_types_clearly() -> None:
    with pytest.raises(InputError, match="sentence 1 is a int"):
        split_attributions(["Police said 12 people died.", 5], method="regex")  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("text", "cased"),
    [
        (
            "Officials Refute Iraqi Media Reports That ISIS Members Have Contracted Ebola",
            "Officials refute iraqi media reports that ISIS members have contracted ebola",
        ),
        ("KIM JONG-UN NECKS SNAKE WINE", "KIM jong-un necks snake wine"),
        ("The Prime Minister said on Monday that taxes would rise.", None),
        ("Barack Obama met Angela in Berlin", "Barack obama met angela in berlin"),
    ],
)
def test_sentence_case_copies_only_headlines(text: str, cased: str | None) -> None:
    from conflictscan.text._parsing import sentence_case

    out = sentence_case(text)
    assert out == (cased or text) and len(out) == len(text)


def test_title_case_headline_denial_is_read() -> None:
    # Parsed as written, every capitalised word is a proper noun and no denial is found.
    out = split_attribution(
        _sentence("Officials Refute Iraqi Media Reports That ISIS Members Have Contracted Ebola"),
        method="parse",
    )
    assert (out.denial, out.denied, out.speaker) == (
        True,
        "ISIS Members Have Contracted Ebola",
        "Officials",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Female Israeli fighter said abducted by Islamic State",
        "Sick Kansas City man said not to have Ebola, U.S. plans new steps to fight virus",
        "Mexico police find mass grave near site 43 students vanished.",
    ],
)
def test_headline_passives_name_no_speaker(text: str) -> None:
    # The subject of "said abducted" is reported on, not a speaker; "find mass grave" finds
    # a thing, not a claim.
    out = split_attribution(_sentence(text), method="parse")
    assert (out.claim, out.speaker) == (text, None)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("The plan, as officials said on Monday, is dead.", "The plan is dead."),
        (
            "It was Algeria, not Qatar as some reports suggested, that brokered the deal.",
            "It was Algeria, not Qatar that brokered the deal.",
        ),
    ],
)
def test_an_as_report_inside_the_claim_leaves_no_as_behind(text: str, claim: str) -> None:
    assert split_attribution(_sentence(text), method="parse").claim == claim


def test_a_finding_with_a_clause_of_its_own_is_reported() -> None:
    finding = split_attribution(
        _sentence("The inquiry found the hospital was understaffed."), method="parse"
    )
    assert (finding.claim, finding.speaker) == ("the hospital was understaffed.", "the inquiry")


def test_verbless_headline_claim_is_still_reported() -> None:
    out = split_attribution(
        _sentence("Nicaragua says meteorite probable cause of blast in capital"), method="parse"
    )
    assert (out.claim, out.speaker) == ("meteorite probable cause of blast in capital", "Nicaragua")


@BOTH
@pytest.mark.parametrize(
    ("text", "denied"),
    [
        (
            "The ministry debunked the theory that the fire was set deliberately.",
            "the fire was set deliberately",
        ),
        (
            'The director dismissed talk of an uncounted ballot box as "completely false".',
            "there was an uncounted ballot box",
        ),
    ],
)
def test_debunking_a_theory_or_dismissing_talk_denies_it(
    method: str, text: str, denied: str
) -> None:
    out = split_attribution(_sentence(text), method=method)
    assert (out.denial, out.denied) == (True, denied)


@BOTH
@pytest.mark.parametrize(
    "text",
    [
        "The government rejected talks with the rebels.",
        "The president rejected talks of a ceasefire.",
        "The union dismissed the talks as a waste of time.",
    ],
)
def test_rejecting_talks_is_no_denial_of_a_report(method: str, text: str) -> None:
    # "talks" are negotiations; only "talk of X" / "talk that P" is a report
    assert split_attribution(_sentence(text), method=method).denial is False


def test_quoted_verdict_before_a_denial_is_not_the_proposition() -> None:
    text = '"Categorically False": DHS Debunks Right-Wing Fiction That Rebels Crossed The Border'
    out = split_attribution(_sentence(text), method="parse")
    assert (out.denial, out.denied) == (True, "Rebels Crossed The Border")


def test_clause_mark_and_trailing_conjunction_are_trimmed() -> None:
    said = split_attribution(
        _sentence("Officials said Sunday that three planes dropped 27 bundles near the town."),
        method="parse",
    )
    assert said.claim == "three planes dropped 27 bundles near the town."
    denied = split_attribution(
        _sentence(
            "Northern officials have denied that Lee’s public absence is health-related and a "
            "United States official following the region said this week there were no "
            "indications that he was seriously ill."
        ),
        method="parse",
    )
    assert denied.denied == "Lee’s public absence is health-related"


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        (
            "Reports rebel fighters have contracted cholera are 'incorrect', says the ministry",
            "rebel fighters have contracted cholera",
        ),
        ("Reports from the capital are false.", None),
    ],
)
def test_headline_reports_without_that_are_denied(text: str, denied: str | None) -> None:
    out = split_attribution(_sentence(text), method="parse")
    assert (out.denial, out.denied) == (denied is not None, denied)
