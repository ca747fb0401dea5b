"""Table-driven detector tests: every tests/rule_cases/*.yml file is a list of cases.

Each case: {id, ref, cand, expect: [code prefixes that must fire], forbid: [code prefixes that must not]},
optionally with select / ignore (code prefixes, as on the command line) to run a subset of detectors, and
document: true to compare ref and cand as whole documents through the pipeline (a passage moved).
Every expected code is also checked with only its own detectors running, so a finding that one detector
leaves to another ("the name detector reports it") cannot hide behind the other.
"""

from pathlib import Path

import pytest
import yaml

from mtqe import detectors
from mtqe.detectors import SegmentPair
from mtqe.options import Options
from mtqe.pipeline import Comparer

CASES = sorted((
    (path.stem, case)
    for path in (Path(__file__).parent / "rule_cases").glob("*.yml")
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
), key=lambda fc: (fc[0], fc[1]["id"]))


def _codes(case, select=(), ignore=()) -> list[str]:
    if case.get("document"):
        report = Comparer(Options(select=tuple(select), ignore=tuple(ignore))).compare_texts(case["ref"], case["cand"])
        return [f.code for s in report.segments for f in s.flags]
    pair = SegmentPair(ref=case["ref"], cand=case["cand"], ref_doc=case["ref"], cand_doc=case["cand"])
    return [f.code for f in detectors.run(detectors.selected(select, ignore), pair)]


@pytest.mark.parametrize(("family", "case"), CASES, ids=[f"{fam}-{c['id']}" for fam, c in CASES])
def test_rule_case(family, case):
    codes = _codes(case, case.get("select", ()), case.get("ignore", ()))
    for prefix in case.get("expect", []):
        assert any(c.startswith(prefix) for c in codes), f"{prefix} not raised; got {codes}"
    for prefix in case.get("forbid", []):
        assert not any(c.startswith(prefix) for c in codes), f"{prefix} raised; got {codes}"
    assert case.get("expect") or case.get("forbid"), "a case must expect or forbid something"


ALONE = [(fam, case, prefix) for fam, case in CASES if not ("select" in case or "ignore" in case)
         for prefix in case.get("expect", [])]


@pytest.mark.parametrize(("family", "case", "prefix"), ALONE, ids=[f"{f}-{c['id']}-{p}" for f, c, p in ALONE])
def test_expected_code_fires_with_its_detectors_alone(family, case, prefix):
    codes = _codes(case, select=(prefix,))
    assert any(c.startswith(prefix) for c in codes), f"{prefix} alone raised nothing; got {codes}"


def test_every_detector_has_a_rule_case():
    expected = {p for _, case in CASES for p in case.get("expect", [])}
    missing = [cls.code for cls in detectors.all_detectors() if cls.code not in expected]
    assert not missing, f"no rule case expects {missing}"
