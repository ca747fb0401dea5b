"""Table-driven detector tests: every tests/rule_cases/*.yml file is a list of cases.

Each case: {id, ref, cand, expect: [code prefixes that must fire], forbid: [code prefixes that must not]}.
"""

from pathlib import Path

import pytest
import yaml

from mtqe import detectors
from mtqe.detectors import SegmentPair

CASES = sorted((
    (path.stem, case)
    for path in (Path(__file__).parent / "rule_cases").glob("*.yml")
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
), key=lambda fc: (fc[0], fc[1]["id"]))


@pytest.mark.parametrize(("family", "case"), CASES, ids=[f"{fam}-{c['id']}" for fam, c in CASES])
def test_rule_case(family, case):
    pair = SegmentPair(ref=case["ref"], cand=case["cand"], ref_doc=case["ref"], cand_doc=case["cand"])
    codes = [f.code for f in detectors.run(detectors.selected(), pair)]
    for prefix in case.get("expect", []):
        assert any(c.startswith(prefix) for c in codes), f"{prefix} not raised; got {codes}"
    for prefix in case.get("forbid", []):
        assert not any(c.startswith(prefix) for c in codes), f"{prefix} raised; got {codes}"
    assert case.get("expect") or case.get("forbid"), "a case must expect or forbid something"
