"""Signals stage: (Sentence, Sentence) -> evidence and features, in one pass.

Input: two :class:`~conflictscan.Sentence` objects (or plain strings).
Output: a list of :class:`~conflictscan.Evidence` from :func:`compare`, and a flat
``dict[str, float]`` from :func:`features` for the learned combiner.

The extractors are small tables of words applied to a token stream, with two libraries
doing the parsing they are good at: ``text2num`` turns number words ("two hundred and
fifty") into values and ``dateparser`` resolves relative dates ("last month") against a
publication date; spaCy's parse, where installed, reads names and subjects. Everything here
is deterministic.

Precision comes first: a numeric or date flag is shown to journalists as a reason, so a
pair is flagged only when the two values cannot both be true under the most generous
reading (qualifiers such as "at least", rounding of "1.2bn", different things counted,
different time points and updates such as "the toll rose to" all suppress a flag).

Example:
    >>> from conflictscan.signals import compare
    >>> [e.note for e in compare("Twelve people died in the fire.", "20 people died in the fire.")]
    ['12 dead vs 20 dead']

Modules: ``_lexicon`` (word tables, tokenizer, argument checks), ``_quantity``
(:class:`Quantity`), ``_numbers`` (:func:`extract_quantities`), ``_measures`` (measures of
physical events), ``_units`` (figures in two units of one measure), ``_shares`` (fractions
of a group as percentages), ``_sizes`` ("a crowd of 61,000"), ``_terms`` (prison terms),
``_wholes`` (a total against its part, a count told as part of the other's total, two
bodies' vote tallies), ``_names`` (whether two sentences name the same people, organisations
and places), ``_changes`` (changes by an amount), ``_dates`` (:func:`extract_dates`),
``_timing`` (dates of one event, time points), ``_subjects`` (whether two claims are about
different things of one kind, from the parse), ``_states`` (a state said to end against the
same state said to go on), ``_places`` (one event put in two places, or in a place and miles
from it), ``_regions`` (whether two place names can be one place), ``_edits`` (minimal
edits, and edits in numbers that agree), ``_scores`` (a game's score), ``_anchors`` (counts
tied to one act by the parse, in either voice), ``_views`` (a leading pronoun read as the
claim's speaker, one numbered thing named by both claims), ``_denials`` (a denial of what
the other sentence asserts), ``_roles`` (doer and done-to swapped), ``_scene`` (died at the
scene against later), ``_unanimous`` (a unanimous vote against votes against, one vote given
two tallies), ``_causes`` (an accident against a deliberate act, a surrender against a
capture, a natural death against a killing, two causes named for one event), ``_survival``
(died against came through, hurt against unhurt), ``_casualties`` (nobody killed against
people hurt, which can both hold), ``_held`` (called off against gone ahead), ``_lone`` (one
attacker against several), ``_ages`` (an age against a span of years), ``_identities`` (one
role named as two people), ``_holders`` (one post said to be held by two people),
``_quotes`` (one quoted remark given two named speakers), ``_affiliations`` (one named
person placed with two parties, clubs or employers), ``_perpetrators`` (one act said to be
the work of two named authors), ``_order`` (two things traded around a word that runs one
way, or around a one-way relation: "X is Y's daughter"), ``_sequence`` (two events told in
opposite orders, from the parse), ``_hedges`` (a possibility, a forecast or a plan told as
said earlier or as overtaken, against what came or still stands), ``_predicates`` (one thing
said to be one way and its opposite in claims worded apart), ``_winners`` (one contest won
by two winners or by the one beaten, one winning goal scored by two players), ``_bail``
(bail granted against refused or not yet decided), ``_sites`` (one arrest, death or find at
two kinds of site), ``_durations`` (how long one thing lasted, told twice; one span in two
units), ``_negations`` (one action said to be done and not done), ``_ranks`` (one thing
given two ranks), ``_precedents`` (a first or a record against one before it), ``_money``
(one sum of money told as two), ``_proportions`` (one group given shares in words that
cannot meet), ``_directions`` (one measure said to go up and down), ``_results`` (one match
with winner and loser swapped), ``_compare`` (:func:`compare` and :func:`features`) and
``_news`` (a scan's evidence and features per pair, with the denial checks that need NLI
scores).
:func:`denied_proposition` comes from :mod:`conflictscan.text`."""

from __future__ import annotations

from conflictscan.signals._compare import compare
from conflictscan.signals._dates import DateMention, extract_dates
from conflictscan.signals._features import FEATURE_NAMES, features
from conflictscan.signals._numbers import Quantity, extract_quantities
from conflictscan.text._speech import denied_proposition

__all__ = [
    "FEATURE_NAMES",
    "DateMention",
    "Quantity",
    "compare",
    "denied_proposition",
    "extract_dates",
    "extract_quantities",
    "features",
]
