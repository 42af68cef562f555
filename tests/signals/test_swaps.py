"""Swap checks: the second claim rewritten with the first claim's clashing value."""

from __future__ import annotations

import pytest

from conflictscan import Document, PairScore, Scanner, Sentence
from conflictscan._aggregation import AGREEING_SWAP_CAP, Combiner
from conflictscan.signals._news import news_evidence, score_requests
from conflictscan.signals._swaps import (
    _TALLY_RE,
    AGREE_MAX_CONTRADICTION,
    SWAP_MIN_ENTAILMENT,
    _age_swap,
    agreeing_swap,
    agreement,
    swap_evidence,
    swap_requests,
    swaps,
    with_attribution,
)
from conflictscan.text import _parsing as parsing


def test_a_date_of_one_event_is_swapped_for_the_other_claims() -> None:
    a = "The first case of the outbreak was confirmed in March."
    b = "The first case of the outbreak was confirmed in June."
    (swap,) = swaps(a, b)
    assert (swap.kind, swap.a_value, swap.b_value) == ("date", "in March", "in June")
    assert swap.text == a


def test_the_rewrite_keeps_the_rest_of_the_second_claim_as_written() -> None:
    a = "Veteran unionist Ernesto Salaverry died on August 14 at a clinic in Montevideo."
    b = "Ernesto Salaverry, the union leader, passed away in Montevideo on August 3."
    (swap,) = swaps(a, b)
    assert (
        swap.text == "Ernesto Salaverry, the union leader, passed away in Montevideo on August 14."
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # dates that can be one day
        ("The bridge reopened on Tuesday.", "The bridge reopened on March 3."),
        ("The plant closed in 2019.", "The plant closed in March 2019."),
        # the dates only say when something was said
        (
            "The minister said on Monday the plan was dead.",
            "The minister said on Friday the plan was dead.",
        ),
        # two dates on one side: which stands for which is a guess
        ("The talks began on Monday and ended on Friday.", "The talks began on Tuesday."),
        # the date names an event the claim mentions
        (
            "The team won the cup in Saturday's final.",
            "Thousands of fans lined the streets on Sunday to welcome the team.",
        ),
        # no date on one side
        ("The talks began on Monday.", "The talks began after a long delay."),
    ],
)
def test_no_date_swap_where_the_dates_can_agree_or_do_not_date_one_event(a: str, b: str) -> None:
    assert [s for s in swaps(a, b) if s.kind == "date"] == []


def test_a_passive_reporting_verb_dates_the_event_it_names() -> None:
    a = "The merger was announced on Monday."
    b = "The merger was announced on Thursday."
    assert [s.kind for s in swaps(a, b)] == ["date"]


def test_figures_that_cannot_both_be_true_are_swapped() -> None:
    a = "At least 23 people were killed when the bus plunged into a gorge."
    b = "Nine people were killed when the bus plunged into a gorge."
    (swap,) = swaps(a, b)
    assert (swap.kind, swap.a_value, swap.b_value) == ("numeric", "At least 23", "Nine")
    assert swap.text == "At least 23 people were killed when the bus plunged into a gorge."


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # figures that can both be true
        ("More than 10 people were hurt in the blast.", "Fourteen people were hurt in the blast."),
        ("About 30 people attended the vigil.", "Some 31 people attended the vigil."),
        # update wording: two moments, not two values of one
        ("The death toll rose to 40.", "The death toll stood at 25."),
        # the figures are dated at different times
        (
            "As of Tuesday, the wildfire was 20 percent contained.",
            "Firefighters said on Thursday the wildfire was 65 percent contained.",
        ),
        # units of two measures
        ("The storm dumped 30 centimetres of snow.", "The storm dumped 30 kilograms of snow."),
        # the figure read is only the tail of "half a billion"
        (
            "The reservoir holds roughly half a billion cubic metres of water.",
            "Some 480 million cubic metres of water are stored in the reservoir.",
        ),
        # two counted things
        ("A total of 1,100 jobs will go.", "About 400 workers gathered outside the gates."),
        # two figures on one side
        ("Twelve people died and 40 were hurt.", "Thirty people died."),
        # one result told from either side, and the same tally on both sides
        ("Harwell beat Dunston 3-1 on Saturday.", "Dunston lost 1-3 to Harwell on Saturday."),
        ("Harwell won 2-0 at home.", "Harwell's 2-0 home win lifted them to third."),
        # a total against a rate, once the figure both write alike is set aside
        (
            "The city will spend 900 million over three years on new buses.",
            "The city is to put 300 million a year for the next three years into new buses.",
        ),
    ],
)
def test_no_number_swap_where_figures_agree_or_count_different_things(a: str, b: str) -> None:
    assert [s for s in swaps(a, b) if s.kind == "numeric"] == []


def _score(premise: str, hypothesis: str, entailment: float) -> PairScore:
    return PairScore(premise, hypothesis, (1 - entailment) / 2, entailment, (1 - entailment) / 2)


def test_evidence_takes_the_weaker_direction_and_needs_both() -> None:
    a, b = "The plant closed in March.", "The old plant shut down in June."
    found = swaps(a, b)
    ((fwd, bwd),) = [swap_requests(a, b, found)]
    strong = {fwd: _score(*fwd, 0.9), bwd: _score(*bwd, 0.7)}
    (evidence,) = swap_evidence(a, found, strong)
    assert (evidence.kind, evidence.a_value, evidence.b_value) == ("date", "in March", "in June")
    assert evidence.score == pytest.approx(0.7)
    assert "'in June' reads 'in March'" in evidence.note
    weak = {fwd: _score(*fwd, 0.9), bwd: _score(*bwd, SWAP_MIN_ENTAILMENT - 0.01)}
    assert swap_evidence(a, found, weak) == []
    assert swap_evidence(a, found, {fwd: strong[fwd]}) == []


def test_requests_include_swaps_only_when_asked() -> None:
    a, b = "The plant closed in March.", "The plant closed in June."
    sents = [Sentence(a, 0, len(a), doc_id="x"), Sentence(b, 0, len(b), doc_id="y")]
    plain = score_requests(sents, [(0, 1)], {}, reverse=True)
    swapped = score_requests(sents, [(0, 1)], {}, reverse=True, swapped=True)
    assert plain == [(a, b), (b, a)]
    assert swapped == [(a, b), (b, a), (a, a)]  # b rewritten is a itself, read once


def test_news_evidence_adds_a_swap_only_where_the_rules_found_nothing_of_its_kind() -> None:
    a_text = "The first case of the outbreak was officially recorded in March."
    b_text = "The first case of the outbreak was officially recorded in June."
    a, b = Sentence(a_text, 0, len(a_text)), Sentence(b_text, 0, len(b_text))
    found = swaps(a_text, b_text)
    scores = {r: _score(*r, 0.8) for r in swap_requests(a_text, b_text, found)}
    evidence, _ = news_evidence(a, b, {}, {}, scores)
    dates = [e for e in evidence if e.kind == "date"]
    assert len(dates) == 1
    assert [e.score for e in evidence] == sorted((e.score for e in evidence), reverse=True)


def _scan_two_dates(scorer, encoder, reasoning: str):
    scanner = Scanner(scorer=scorer, encoder=encoder, reasoning=reasoning, threshold=0.0)
    docs = [
        Document("The first case of the outbreak was confirmed in March.", doc_id="a"),
        Document("The first case of the outbreak was confirmed in June.", doc_id="b"),
    ]
    return scanner.scan(docs)


def test_a_news_scan_reads_the_rewritten_pair(fake_scorer, fake_encoder) -> None:
    result = _scan_two_dates(fake_scorer, fake_encoder, "news")
    contents = {s.content for s in result.sentences}
    # the second claim rewritten with the first one's month is the first claim itself
    assert any(p == h and p in contents for p, h in fake_scorer.calls)
    (conflict,) = result.conflicts
    assert "date" in {e.kind for e in conflict.evidence}


def test_an_nli_scan_reads_no_rewrites(fake_scorer, fake_encoder) -> None:
    result = _scan_two_dates(fake_scorer, fake_encoder, "nli")
    contents = {s.content for s in result.sentences}
    assert all(call[0] in contents and call[1] in contents for call in fake_scorer.calls)
    assert len(fake_scorer.calls) == 2


def test_a_date_in_the_attribution_still_times_the_figure() -> None:
    a = "the wildfire was 20 percent contained"
    b = "the wildfire was 65 percent contained"
    whole = (
        "As of Tuesday, the wildfire was 20 percent contained, firefighters said.",
        "Firefighters said on Thursday the wildfire was 65 percent contained.",
    )
    assert [s.kind for s in swaps(a, b)] == ["numeric"]
    assert swaps(a, b, whole=whole) == []


def test_the_dateline_does_not_time_the_claim_but_the_attribution_does() -> None:
    text = "PORT CALDER, March 14 (Harbour Wire) - Nine people died, police said on Friday."
    sentence = Sentence(
        text, 0, len(text), claim="Nine people died", attribution="police said on Friday"
    )
    assert with_attribution(sentence) == "Nine people died police said on Friday"
    plain = Sentence("Nine people died.", 0, 17)
    assert with_attribution(plain) == "Nine people died."


def test_values_both_claims_write_alike_are_set_aside_before_the_one_each_rule() -> None:
    a = "The library, which opened in 1931, will close its reading room next month."
    b = "The reading room of the library, first opened in 1928, is to close next month."
    (swap,) = swaps(a, b)
    assert (swap.kind, swap.a_value, swap.b_value) == ("date", "in 1931", "in 1928")
    a = "Harlan Mills will cut 2,000 jobs and close 3 sites."
    b = "Harlan Mills will cut 2,000 jobs and close 5 sites."
    (swap,) = swaps(a, b)
    assert (swap.kind, swap.a_value, swap.b_value) == ("numeric", "3", "5")


def test_two_different_values_on_one_side_are_still_no_swap() -> None:
    a = "The talks began on Monday and ended on Friday, two days before the deadline."
    b = "The talks began on Tuesday, two days before the deadline."
    assert [s for s in swaps(a, b) if s.kind == "date"] == []


needs_parse = pytest.mark.skipif(
    not parsing.is_available(), reason="spaCy or its English model is absent"
)


@needs_parse
def test_places_of_one_event_are_swapped_whatever_the_verbs() -> None:
    a = "The regional cup final will be played on May 3 at Hollin Park in Dunmere."
    b = "The May 3 regional cup final will be staged at the Weir Ground in Castlebury."
    (swap,) = [s for s in swaps(a, b) if s.kind == "place"]
    assert swap.text.endswith("will be staged at the Hollin Park in Dunmere.")
    assert (swap.a_value, swap.b_value) == ("Hollin Park, Dunmere", "Weir Ground, Castlebury")


@needs_parse
@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one place within the other
        ("The summit will be held in Geneva.", "The summit will be held in Switzerland."),
        # the same place, written twice
        ("The fire broke out in Larsby.", "The blaze started in Larsby after midnight."),
        # a town against a region it may lie in
        ("The plant will be built in Ohio.", "The plant will be built in Dayton."),
    ],
)
def test_no_place_swap_where_the_places_can_be_one(a: str, b: str) -> None:
    assert [s for s in swaps(a, b) if s.kind == "place"] == []


@needs_parse
def test_place_evidence_from_a_swap_needs_the_rewrite_read_as_one_report() -> None:
    a = "Talks between the two ministers took place in Orvel on Thursday."
    b = "The two ministers met in the port city of Skarn on Thursday."
    found = [s for s in swaps(a, b) if s.kind == "place"]
    assert found and found[0].text.endswith("port city of Orvel on Thursday.")
    fwd, bwd = swap_requests(a, b, found)
    (evidence,) = swap_evidence(a, found, {fwd: _score(*fwd, 0.8), bwd: _score(*bwd, 0.6)})
    assert (evidence.kind, evidence.a_value, evidence.b_value) == ("place", "Orvel", "Skarn")
    assert swap_evidence(a, found, {fwd: _score(*fwd, 0.8), bwd: _score(*bwd, 0.3)}) == []


def test_figures_of_one_category_are_one_count_whatever_the_word() -> None:
    a = "At least 19 people were killed when the ferry capsized off Tarbet."
    b = "Seven people died when the ferry went down off Tarbet."
    (swap,) = swaps(a, b)
    assert (swap.kind, swap.a_value, swap.b_value) == ("numeric", "At least 19", "Seven")


def test_a_tally_is_swapped_into_the_other_claims_format() -> None:
    a = "The assembly passed the water bill by 48 votes to 31 on Tuesday."
    b = "Deputies approved the water bill 40-39 on Tuesday after a long debate."
    (swap,) = swaps(a, b)
    assert (swap.kind, swap.a_value, swap.b_value) == ("numeric", "48 votes to 31", "40-39")
    assert swap.text == "Deputies approved the water bill 48-31 on Tuesday after a long debate."


@pytest.mark.parametrize(
    "text", ["The 2023-24 season ended in May.", "The 17-year-old was released on bail."]
)
def test_seasons_and_ages_are_no_tallies(text: str) -> None:
    assert _TALLY_RE.search(text) is None


def test_a_figure_the_other_claim_also_writes_is_not_swapped() -> None:
    a = "Ines Carro scored 27 points on Friday, including 11 in the final quarter."
    b = "Carro scored 11 final-quarter points on Friday to seal the win."
    assert [s for s in swaps(a, b) if s.kind == "numeric"] == []


# ----------------------------------------------------------------------------- agreement


@pytest.mark.parametrize(
    ("a", "b", "rewritten"),
    [
        (
            "More than 300 people joined the march in Velmar on Sunday.",
            "Some 340 people joined the silent march in Velmar on Sunday.",
            "More than 300 people joined the silent march in Velmar on Sunday.",
        ),
        # People counted once as people and once as a group of them.
        (
            "Fewer than 5,000 people stayed in the valley after the warning.",
            "About 4,200 residents stayed in the valley after the warning.",
            "Fewer than 5,000 residents stayed in the valley after the warning.",
        ),
    ],
)
def test_figures_that_can_both_be_true_agree(a: str, b: str, rewritten: str) -> None:
    found = agreeing_swap(a, b)
    assert found is not None and (found.kind, found.text) == ("agree", rewritten)
    assert swaps(a, b) == []  # no clash to look for


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Figures that cannot both be true: a clash, not an agreement.
        ("More than 300 people joined the march.", "Some 120 people joined the march."),
        # Two counted things, or a rate against a total.
        ("About 40 lorries crossed the border.", "About 38 drivers crossed the border."),
        ("The charity gave out 700 parcels a day.", "The charity gave out 650 parcels."),
    ],
)
def test_no_agreeing_swap_for_clashing_or_different_figures(a: str, b: str) -> None:
    assert agreeing_swap(a, b) is None


def test_an_agreeing_swap_needs_no_contradiction_either_way_and_caps_the_pair() -> None:
    a_text = "More than 300 people joined the march in Velmar on Sunday."
    b_text = "Some 340 people joined the silent march in Velmar on Sunday."
    a, b = Sentence(a_text, 0, len(a_text)), Sentence(b_text, 0, len(b_text))
    found = agreeing_swap(a_text, b_text)
    assert found is not None
    sents = [a, b]
    requests = score_requests(sents, [(0, 1)], {}, reverse=True, swapped=True)
    fwd, bwd = (a_text, found.text), (found.text, a_text)
    assert fwd in requests and bwd in requests
    calm = {fwd: _score(*fwd, 0.6), bwd: _score(*bwd, 0.8)}
    assert agreement(a_text, found, calm) == 1.0
    _, feats = news_evidence(a, b, {}, {}, calm)
    assert feats["agreeing_swap"] == 1.0
    clash = {fwd: _score(*fwd, 0.6), bwd: PairScore(*bwd, AGREE_MAX_CONTRADICTION, 0.5, 0.5)}
    assert agreement(a_text, found, clash) == 0.0
    assert agreement(a_text, found, {fwd: calm[fwd]}) == 0.0
    combiner = Combiner(weights={"lc_max": 1.0}, intercept=5.0, means={}, scales={})
    assert combiner.predict({"lc_max": 6.0, "agreeing_swap": 1.0}) == AGREEING_SWAP_CAP


@pytest.mark.parametrize(
    ("a", "b", "rewritten"),
    [
        (
            "The 29-year-old was detained near the harbour.",
            "The skipper, 41, was detained near the harbour.",
            "The skipper, 29, was detained near the harbour.",
        ),
        (
            "Mayor Ilse Brandt (63) stepped down.",
            "Mayor Ilse Brandt, aged 58, stepped down.",
            "Mayor Ilse Brandt, aged 63, stepped down.",
        ),
    ],
)
def test_one_age_each_is_swapped_into_the_other_claims_form(a: str, b: str, rewritten: str) -> None:
    (swap,) = swaps(a, b)
    assert swap.kind == "numeric"
    assert swap.text == rewritten


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # The same age, two ages on one side, or a number that is no age.
        ("The 29-year-old was detained.", "The skipper, 29, was detained."),
        ("The 29-year-old and her 41-year-old partner were held.", "The skipper, 35, was held."),
        ("The ferry, 150, sailed.", "The ferry, 30, sailed."),
    ],
)
def test_no_age_swap_without_one_different_age_each(a: str, b: str) -> None:
    assert _age_swap(a, b) is None
