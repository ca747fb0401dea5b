"""Acceptance on the real seed pair: alignment properties and the flags a newsroom must see."""

import pytest

from mtqe.document import from_text
from mtqe.segment import split


def _segment_with(report, cand_fragment=None, ref_fragment=None):
    for seg in report.segments:
        if (cand_fragment is None or cand_fragment in seg.cand) and (ref_fragment is None or ref_fragment in seg.ref):
            return seg
    raise AssertionError(f"no segment with {cand_fragment or ref_fragment!r}")


def _flags(report, category):
    return [f for s in report.segments for f in s.flags if f.category == category]


def test_injected_line_is_an_addition(seed_report):
    seg = _segment_with(seed_report, "Add thelocalreport.in As A Trusted Source")
    assert seg.ref_ids == () and seg.kind == "addition"
    assert any(f.category == "addition" and f.code == "A102" for f in seg.flags)


def test_dropped_headline_is_an_omission(seed_report):
    seg = _segment_with(seed_report, ref_fragment="is granted asylum to remain in US")
    assert seg.cand_ids == () and seg.ref_ids == (0,)
    assert any(f.category == "omission" for f in seg.flags)


def test_two_sentence_line_pairs_with_its_two_reference_sentences(seed_report, seed_texts):
    ref_sents = [s.text for s in split(from_text(seed_texts[0]))]
    cand_sents = [s.text for s in split(from_text(seed_texts[1]))]
    goal_ref = ref_sents.index("He said that was not his goal.")
    goal_cand = cand_sents.index("He said that was not his goal.")
    asylum_ref = goal_ref - 1
    by_cand = {c: s for s in seed_report.segments for c in s.cand_ids}
    # "...to apply for asylum." and "He said that was not his goal." each map to their own reference sentence.
    assert asylum_ref in by_cand[goal_cand - 1].ref_ids
    assert goal_ref in by_cand[goal_cand].ref_ids
    assert by_cand[goal_cand].scores["chrf"] == 100.0


def test_every_sentence_appears_once_in_order(seed_report):
    refs = [i for s in seed_report.segments for i in s.ref_ids]
    cands = [i for s in seed_report.segments for i in s.cand_ids]
    assert refs == list(range(seed_report.reference.sentences))
    assert cands == list(range(seed_report.candidate.sentences))


@pytest.mark.parametrize("ref_text, cand_text", [
    ("Guan", "Kwan"), ("Napanoch", "Napannock"), ("Ouslander", "Auslander"), ("Uyghurs", "Uighurs"),
])
def test_garbled_names(seed_report, ref_text, cand_text):
    assert any(f.ref_text == ref_text and f.cand_text == cand_text for f in _flags(seed_report, "name"))


def test_name_flag_counts(seed_report):
    names = _flags(seed_report, "name")
    assert sum(f.cand_text == "Kwan" for f in names) == 2
    assert sum(f.cand_text == "Auslander" for f in names) == 2
    assert any(f.cand_text == "Hongkong" for f in names)


def test_both_quotes_are_critical(seed_report):
    quotes = [f for f in _flags(seed_report, "quote") if f.severity == "critical"]
    assert any("well founded fear" in f.ref_text for f in quotes)
    assert any("I sympathized with the Uyghurs" in f.ref_text for f in quotes)


def test_merged_word(seed_report):
    assert any(f.cand_text == "EcuadorChinese" for f in _flags(seed_report, "merge"))


@pytest.mark.parametrize("cand_text", ["will drop", "sympathize", "Return"])
def test_tense_shifts(seed_report, cand_text):
    assert any(f.cand_text == cand_text for f in _flags(seed_report, "tense"))


def test_return_is_also_a_case_flag(seed_report):
    assert any(f.cand_text == "Return" for f in _flags(seed_report, "case"))


@pytest.mark.parametrize("fragment", [
    "Guan Heng, 38, applied for asylum after arriving in the United States illegally in 2021.",
    "He has been detained since being arrested in August",
    "Guan told The Associated Press in a recent interview",
])
def test_benign_paraphrases_get_no_major_flag(seed_report, fragment):
    seg = _segment_with(seed_report, fragment)
    assert [f for f in seg.flags if f.severity != "minor"] == []


def test_flag_spans_point_at_their_text(seed_report):
    for seg in seed_report.segments:
        for f in seg.flags:
            if f.ref_span:
                assert seg.ref[f.ref_span[0]:f.ref_span[1]] == f.ref_text
            if f.cand_span:
                assert seg.cand[f.cand_span[0]:f.cand_span[1]] == f.cand_text


def test_verdict_and_ranking(seed_report):
    assert seed_report.relation == "round-trip-suspect"
    top = seed_report.ranked()[:5]
    assert all(seg.risk >= 0.5 for seg in top)
    assert {"addition", "omission", "quote"} <= {f.category for seg in seed_report.ranked()[:8] for f in seg.flags}
    assert 0.9 < seed_report.coverage < 1.0
