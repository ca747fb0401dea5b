"""Risk ranking on real sentence pairs: what is surely machine damage ranks above what may be rewording."""

from __future__ import annotations

import mtqe

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
