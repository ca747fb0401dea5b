"""Risk against editors on real round trips: it must separate damaged from clean segments well beyond chrF.

Issue 12's goal, checked on both halves of ../shared/roundtrip-dev (quotation flags and errors aside, as
benchmarks/realworld_eval.py counts them): segment risk AUC >= 100 - chrF's AUC + 0.10. The dev half is
where risk.py's constants were fitted; the check half was never used to set them.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROUNDTRIP = Path(os.environ.get("MTQE_ROUNDTRIP") or ROOT.parent / "shared" / "roundtrip-dev")

pytestmark = pytest.mark.skipif(
    not (ROUNDTRIP / "gold").is_dir(),
    reason=f"annotated round trips not found at {ROUNDTRIP}/gold (set MTQE_ROUNDTRIP to a roundtrip-dev checkout)",
)


@pytest.fixture(scope="module")
def rw():
    spec = importlib.util.spec_from_file_location("realworld_eval", ROOT / "benchmarks" / "realworld_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("half", ["dev", "check"])
def test_risk_beats_chrf_by_a_tenth_on_both_halves(rw, half):
    seg = rw.evaluate(ROUNDTRIP, half)["quotes_aside"]["segments"]
    assert seg["positive"] >= 40 and seg["negative"] >= 40
    assert seg["risk_auc"] >= seg["chrf_auc"] + 0.10, seg
