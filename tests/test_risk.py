"""Risk ranking on real sentence pairs: what is surely machine damage ranks above what may be rewording."""

from __future__ import annotations

import pytest

import mtqe
from mtqe.risk import SCORE_WEIGHT, score_risk

REF = "The council approved the new budget for the harbour on Monday."


def _risk(cand: str) -> float:
    (seg,) = mtqe.compare(REF, cand).segments
    return seg.risk


def test_identical_sentence_has_no_risk():
    assert _risk(REF) == 0.0


def test_surface_damage_outranks_a_reworded_sentence():
    reworded = _risk("On Monday the council approved the harbour's new budget.")
    doubled = _risk("The council approved the the new budget for the harbour on Monday.")
    tokenized = _risk("The council approved the new budget for the harbour on Monday .")
    assert doubled > reworded and tokenized > reworded


def test_severity_still_orders_damage():
    doubled = _risk("The council approved the the new budget for the harbour on Monday.")
    negated = _risk("The council did not approve the new budget for the harbour on Monday.")
    moved = _risk("The council approved the new budget for the harbour on Friday.")
    assert negated > doubled and moved > doubled


def test_flags_clean_text_never_shows_outrank_a_reworded_sentence():
    # minor in impact, but K101/S101 are rare on clean paraphrases: evidence, not severity, ranks them
    reworded = _risk("On Monday the council approved the harbour's new budget.")
    lowercase_start = _risk("the council approved the new budget for the harbour on Monday.")
    misspelled = _risk("The council approved the new budgett for the harbour on Monday.")
    assert lowercase_start > reworded and misspelled > reworded


# -- the drift term: damage arriving word by word ---------------------------------------------------------



def test_drift_is_zero_for_identical_wording_and_stays_below_its_weight():
    assert score_risk({"chrf": 100.0}, 40) == 0.0
    assert score_risk({"chrf": None}, 40) == 0.0  # nothing aligned to score
    assert 0.0 < score_risk({"chrf": 0.0}, 40) <= SCORE_WEIGHT


@pytest.mark.parametrize("shorter, longer", [
    (({"chrf": 90.0}, 20), ({"chrf": 80.0}, 20)),  # more drift, same length
    (({"chrf": 80.0}, 8), ({"chrf": 80.0}, 30)),  # the same drift over more words
])
def test_drift_grows_with_shortfall_and_with_length(shorter, longer):
    assert score_risk(*shorter) < score_risk(*longer)


MICE = "Scientists tested the vaccine on mice before the trial."


@pytest.mark.parametrize("ref, damaged, paraphrase", [
    (MICE, "Scientists tested the vaccine on rats before the trial.",
     "Before the trial, scientists tested the vaccine on mice."),
    (REF, "The council rejected the new budget for the harbour on Monday.",
     "On Monday the council approved the harbour's new budget."),
    (REF, "The council approved the new budget for the harbour on Friday.",
     "The council gave its approval to the harbour's new budget on Monday."),
])
def test_damage_outranks_a_faithful_paraphrase(ref, damaged, paraphrase):
    (bad,) = mtqe.compare(ref, damaged).segments
    (fine,) = mtqe.compare(ref, paraphrase).segments
    assert bad.risk > fine.risk
