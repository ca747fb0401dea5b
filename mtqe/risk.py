"""Per-segment risk in [0, 1] (the document's relation is mtqe/verdict.py's).

Risk is the likelihood that a segment was damaged. It combines independent evidence as a noisy-OR:
each flag contributes by severity (or, for surface damage, by how surely it marks machine output),
and the segment's chrF and BLEU contribute a score term, so a segment with no flag still ranks by how
far its wording drifted (BLEU adds word-order damage that chrF misses). Identical text has risk 0.
A segment with no counterpart has nothing to score: it starts from UNALIGNED_RISK.
Weights were checked on DEMETR dev (benchmarks/demetr_eval.py); the ranking is insensitive to the
severity weights within wide ranges (pooled AUC moved < 0.01 over a grid), so they stay round numbers.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping

from .report import Flag

SEVERITY_WEIGHT = {"minor": 0.2, "major": 0.55, "critical": 0.8}
# How surely a flag marks machine damage, whatever its impact, is declared per detector code
# (``Detector.evidence``, read through ``detectors.evidence_weights``). Measured on DEMETR dev
# (demetr_eval.py prints each code's firing rate on clean and degraded pairs):
# 0.7: at most 0.2% of clean pairs ("the the", "did n't", a stray "^", "an comet", "he went" opening a
#      sentence, a statement turned question, an added sentence), 1.8-7.4% of degraded ones; an opposite
#      (R101: no clean pair, 28% of the antonym file);
# 0.5: 0-2.4% of clean pairs and 2-4 times as often on degraded ones (all-lowercase, misspelling, aspect);
# 0.3: a word swap, 1.8% clean against 2.3% degraded.
# A102 (a promotional line) never fires on DEMETR, which has none; it is 0.7 by construction: its
# patterns (site names, "trusted source", calls to action) are never a rewording of the original.
# Per code rather than per severity: lifts pooled AUC 0.763 -> 0.783 (0.785 / 0.781 on either half of the
# clean pairs), and a severity is never lowered by it.


@lru_cache(maxsize=1)
def evidence_weights() -> dict[str, float]:
    """Code -> evidence weight, from the detector registry (loaded on first use: risk stays light)."""
    from .detectors import evidence_weights as declared

    return declared()


# chrF at or above this is indistinguishable from light editing: no score risk.
CHRF_CLEAN = 90.0
SCORE_WEIGHT = 0.5
UNALIGNED_RISK = 0.7


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))


def score_risk(scores: Mapping[str, float | None]) -> float:
    chrf, bleu = scores.get("chrf"), scores.get("bleu")
    if chrf is None:
        return 0.0
    term = _clip((CHRF_CLEAN - chrf) / CHRF_CLEAN)
    if bleu is not None:
        term = (term + _clip((100.0 - bleu) / 100.0)) / 2
    return SCORE_WEIGHT * term


def segment_risk(flags: Iterable[Flag], scores: Mapping[str, float | None], *, unaligned: bool = False) -> float:
    """Noisy-OR of the flags' weights (severity, or evidence if higher) and the score term (or the
    unaligned base risk)."""
    keep = 1.0 - (UNALIGNED_RISK if unaligned else score_risk(scores))
    evidence = evidence_weights()
    for f in flags:
        keep *= 1.0 - max(SEVERITY_WEIGHT[f.severity], evidence.get(f.code, 0.0))
    return round(1.0 - keep, 4)
