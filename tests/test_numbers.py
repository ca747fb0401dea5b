"""How the number detectors read figures: value, unit and span, one row per form of writing them."""

from __future__ import annotations

import pytest

from mtqe import detectors
from mtqe.detectors import SegmentPair
from mtqe.detectors.numbers import number_diff
from mtqe.lexicon.figures import read_numbers
from mtqe.text import tokenize

READINGS = [
    ("The plant employs 330 workers.", [(330.0, None, "330")]),
    ("Sales reached $4.2 million last year.", [(4_200_000.0, "dollar", "4.2 million")]),
    ("Turnout was 41% in March.", [(0.41, "percent", "41")]),
    ("Prices rose 3.5 per cent.", [(0.035, "percent", "3.5")]),
    ("It lasted five weeks.", [(5.0, "week", "five")]),
    ("Two hundred and five people came.", [(205.0, None, "Two hundred and five")]),
    # two numbers side by side are two figures, never their sum
    ("Between five and six people were hurt.", [(5.0, None, "five"), (6.0, None, "six")]),
    ("Reports gave both eleven and twelve crew.", [(11.0, None, "eleven"), (12.0, None, "twelve")]),
    ("Twenty five boats and one thousand two hundred and fifty men.",
     [(25.0, None, "Twenty five"), (1250.0, None, "one thousand two hundred and fifty")]),
    ("Two thirds of the island lost power.", [(round(2 / 3, 6), None, "Two thirds")]),
    ("About a third of it is water.", [(round(1 / 3, 6), None, "a third")]),
    ("He ran for a third term.", [(3.0, None, "third")]),
    ("The city has three-and-a-half million residents.", [(3_500_000.0, None, "three-and-a-half million")]),
    ("The polls close at 8 p.m.", [(20.0, None, "8")]),
    ("The polls close at 20:00.", [(20.0, None, "20:00")]),
    ("A 5-year-old boy was hurt.", [(5.0, "year", "5")]),
    ("She got a four-year sentence.", [(4.0, "year", "four-year")]),
    ("Winds of 75 miles per hour (120 km/h) were recorded.", [(75.0, "mph", "75"), (120.0, "kph", "120")]),
    ("The reserve covers 3,850 square kilometres.", [(3850.0, "km²", "3,850")]),
    ("The reserve covers 3,850 km².", [(3850.0, "km²", "3,850")]),
    ("It was built in the 19th century.", [(1800.0, None, "19th century")]),
    ("Hospitals saw more Covid-19 cases.", []),
    ("No one was hurt, and one of them left.", []),
    ("The second round starts soon.", [(2.0, None, "second")]),
    ("It took a split second.", []),
]


@pytest.mark.parametrize(("text", "expected"), READINGS, ids=[t for t, _ in READINGS])
def test_reading(text, expected):
    got = [(n.value if isinstance(n.value, str) else round(n.value, 6), n.unit, text[n.start:n.end])
           for n in read_numbers(text, tokenize(text))]
    assert got == expected


def _diff(ref: str, cand: str):
    return SegmentPair(ref, cand, ref_doc=ref, cand_doc=cand).shared(number_diff)


def test_the_diff_is_computed_once_per_pair_and_kept_nowhere_else():
    pair = SegmentPair("It lasted five weeks.", "It lasted five months.")
    first = pair.shared(number_diff)
    assert pair.shared(number_diff) is first
    assert [(r.unit, c.unit) for r, c in first.unit_changed] == [("week", "month")]
    other = SegmentPair("It lasted five weeks.", "It lasted five months.")
    assert other.shared(number_diff) == first and other.shared(number_diff) is not first


def test_swapped_figures_name_both_places():
    d = _diff("The rate fell to 10% in 2025, down from 28% in 2020.", "The rate fell to 28% in 2025, down from 10% in 2020.")
    assert sorted((r.value, c.value) for r, c in d.swapped) == [(0.1, 0.28), (0.28, 0.1)]
    assert not d.changed and not d.missing and not d.added


def test_a_dropped_conversion_is_minor_while_d107_runs_and_a_missing_number_without_it():
    ref, cand = "It passed 70 miles (112 km) east of the island.", "It passed 70 miles east of the island."
    d = _diff(ref, cand)
    assert [(m.value, k.value) for m, k in d.conversion_dropped] == [(112.0, 70.0)]
    found = lambda dets: [(f.code, f.severity) for f in detectors.run(dets, SegmentPair(ref, cand))]
    assert found(detectors.selected(select=("D",))) == [("D107", "minor")]
    assert found(detectors.selected(select=("D",), ignore=("D107",))) == [("D102", "major")]


def test_a_changed_conversion_is_a_changed_number():
    d = _diff("It passed 70 miles (112 km) east of the island.", "It passed 70 miles (12 km) east of the island.")
    assert [(r.value, c.value) for r, c in d.changed] == [(112.0, 12.0)] and not d.conversion_dropped


def test_an_unaligned_pair_has_no_number_diff():
    assert _diff("It lasted five weeks.", "") == _diff("", "It lasted five weeks.") == type(_diff("", ""))()


def _in_documents(ref_sentences: tuple[str, ...], cand_sentences: tuple[str, ...], k: int = 0):
    """Segment ``k`` of two documents, as the pipeline hands it over (the documents beside it)."""
    return SegmentPair(ref_sentences[k], cand_sentences[k], ref_doc=" ".join(ref_sentences),
                       cand_doc=" ".join(cand_sentences), ref_sentences=ref_sentences, cand_sentences=cand_sentences)


def test_a_figure_the_copy_moved_to_the_next_sentence_is_not_missing():
    ref = ("She said the fight was long, and she was first elected in 2012 when she was 57.",)
    cand = ("She said the fight was long.", "She was first elected in 2012 when she was 57.")
    assert not _in_documents(ref, cand).shared(number_diff).missing


def test_a_figure_lost_from_the_whole_copy_is_missing():
    ref = ("She said the fight was long, and she was elected in 2012 when she was 57.", "She won in 2016.")
    cand = ("She said the fight was long.", "She was elected when she was 57.", "She won in 2016.")
    assert [m.value for m in _in_documents(ref, cand).shared(number_diff).missing] == [2012.0]


@pytest.mark.parametrize(("ref", "cand", "severity"), [
    # "more" before a word that may be the noun's adjective may compare ("the four who are more liberal")
    ("The court's four more liberal judges dissented.", "The court's four most liberal judges dissented.", "minor"),
    # before the counted noun itself it only counts
    ("The army sent 500 more troops to the border.", "The army sent 500 troops to the border.", "major"),
])
def test_an_increment_that_may_be_a_comparison_is_minor(ref, cand, severity):
    pair = SegmentPair(ref=ref, cand=cand, ref_doc=ref, cand_doc=cand)
    flags = [(f.code, f.severity) for f in detectors.run(detectors.selected(("D108",), ()), pair)]
    assert flags == [("D108", severity)], flags
