"""What detectors declare: their example fires, risk reads their evidence, the runner honours
aligned_only and supersedes, and deselecting a detector never silences a finding another reports."""

from __future__ import annotations

import pytest

from mtqe import detectors
from mtqe.detectors import Detector, SegmentPair, register
from mtqe.options import Options
from mtqe.pipeline import Comparer
from mtqe.report import Flag
from mtqe.risk import evidence_weights

ALL = detectors.all_detectors()


def _pair(ref: str, cand: str) -> SegmentPair:
    return SegmentPair(ref, cand, ref_doc=ref, cand_doc=cand)


@pytest.mark.parametrize("cls", ALL, ids=[c.code for c in ALL])
def test_example_fires_its_code_alone_and_among_all(cls):
    assert cls.example is not None, f"{cls.code} has no ref:/cand: example"
    pair = _pair(*cls.example)
    assert cls.code in [f.code for f in detectors.run([cls()], pair)]
    assert cls.code in [f.code for f in detectors.run(detectors.selected(), _pair(*cls.example))]


def test_evidence_weights_are_the_measured_table():
    # The values risk.py held before they moved onto the detectors (risk must not change).
    assert evidence_weights() == {
        "F101": 0.7, "F102": 0.7, "F103": 0.7, "W101": 0.7, "K101": 0.7, "V101": 0.7, "A101": 0.7, "A102": 0.7,
        "R101": 0.7, "K102": 0.5, "S101": 0.5, "T102": 0.5, "W102": 0.3,
    }


class _Probe(Detector):
    """Counts the pairs it is shown (not registered: the registry stays the real one)."""

    code = "Z901"
    category = "test"
    severity = "minor"

    def __init__(self):
        self.seen = 0

    def check(self, pair):
        self.seen += 1
        return [self.flag(pair, "probe", cand_span=(0, 1) if pair.cand else None, ref_span=(0, 1) if pair.ref else None)]


class _Owner(_Probe):
    code = "Z902"
    supersedes = ("Z901",)


def test_aligned_only_detectors_skip_pairs_with_an_empty_side():
    probe = _Probe()
    detectors.run([probe], _pair("A sentence.", ""))
    detectors.run([probe], _pair("", "A sentence."))
    assert probe.seen == 0
    detectors.run([probe], _pair("A sentence.", "A sentence."))
    assert probe.seen == 1

    class Everywhere(_Probe):
        aligned_only = False

    everywhere = Everywhere()
    detectors.run([everywhere], _pair("A sentence.", ""))
    assert everywhere.seen == 1


def test_a_superseded_flag_is_dropped_only_while_its_owner_runs():
    pair = _pair("A sentence.", "A sentence.")
    assert [f.code for f in detectors.run([_Probe(), _Owner()], pair)] == ["Z902"]
    assert [f.code for f in detectors.run([_Probe()], pair)] == ["Z901"]


def test_the_same_span_decides():
    flags = [Flag("Z901", "test", "minor", "a", None, (0, 4)), Flag("Z902", "test", "minor", "b", None, (5, 9))]

    class Both(Detector):
        code = "Z903"
        category = "test"
        severity = "minor"

        def check(self, pair):
            return flags

    owner = _Owner()
    owner.check = lambda pair: []  # the owner runs but flags nothing here
    kept = detectors.run([Both(), owner], _pair("A sentence.", "A sentence."))
    assert [f.code for f in kept] == ["Z901", "Z902"]  # Z902 flagged (5, 9): Z901's (0, 4) stands


def test_registered_codes_are_unique():
    with pytest.raises(ValueError):
        register(type("Dup", (Detector,), {"code": ALL[0].code, "category": "x", "severity": "minor"}))


@pytest.mark.parametrize(("options", "ref", "cand", "code"), [
    # "EcuadorChinese": the merge detector owns it; ignored, the name detector still reports the glued word
    (Options(ignore=("M",)), "He flew to Ecuador, where Chinese tourists could travel without a visa.",
     "He flew to EcuadorChinese tourists can go there without a visa.", "N106"),
    # an untranslated "Saison": the language detector owns it; with spelling alone, spelling reports it
    (Options(select=("S",)), "The season was completed without any incidents.",
     "The Saison was completed without any incidents.", "S101"),
    # "Hongkong": a respaced name (N103) and, without the name detector, a fusion (M101)
    (Options(select=("M",)), "He went first to Hong Kong.", "He went first to Hongkong.", "M101"),
])
def test_deselecting_the_owner_never_silences_a_finding(options, ref, cand, code):
    report = Comparer(options).compare_texts(ref, cand)
    assert code in [f.code for s in report.segments for f in s.flags]
