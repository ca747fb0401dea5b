"""Per-segment risk in [0, 1] (the document's relation is mtqe/verdict.py's).

Risk is the likelihood that a segment was damaged. It combines independent evidence as a noisy-OR,
risk = 1 - (1 - drift) * prod(1 - p_flag):
- each flag contributes its severity's weight, or, for surface damage, how surely its code marks machine
  output (``Detector.evidence``), whichever is higher;
- ``drift`` is what the wording alone says, so a segment with no flag still ranks. It models damage as
  arriving word by word: a reference of ``words`` words whose chrF fell short of 100 by ``d`` (0-1)
  carries about DRIFT_HAZARD * words * d damaged words, and drift = SCORE_WEIGHT * P(at least one) =
  SCORE_WEIGHT * (1 - exp(-DRIFT_HAZARD * words * d)). A long sentence that drifted is likelier to
  hide damage than a short one that drifted as much; identical text has drift 0.
A segment with no counterpart has nothing to score: it starts from UNALIGNED_RISK.

How the constants were set (benchmarks/realworld_eval.py, real Bergamot round trips judged by editors;
benchmarks/demetr_eval.py, DEMETR dev): DRIFT_HAZARD is the maximum-likelihood fit on the realworld dev
half (131 segments, quotation flags aside, positives = segments touching major/critical damage, negatives
= gold-clean ones) with the other constants fixed; SCORE_WEIGHT, the minor weight and UNALIGNED_RISK were
picked on a small grid by that half's AUC, keeping DEMETR's pooled AUC where it was (0.780). The check
half was only measured afterwards. Segment risk AUC quotes aside, dev / check, before -> after:
0.804 / 0.812 -> 0.833 / 0.848, with --semantic 0.850 / 0.861 (100 - chrF: 0.725 / 0.732). BLEU's old
share of the drift term went: on the real copies it ranked worse than chrF alone (AUC 0.69 against 0.73).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Iterable, Mapping

from .report import Flag

SEVERITY_WEIGHT = {"minor": 0.15, "major": 0.55, "critical": 0.8}
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


SCORE_WEIGHT = 0.5  # the most drift alone can say: below a major flag's weight
DRIFT_HAZARD = 0.4  # damaged words per reference word per unit of chrF shortfall (fitted, see above)
# With --semantic (mtqe/semantic.py) the sentence cosine replaces chrF: damaged words per reference word per
# unit of (1 - cosine). Fitted as DRIFT_HAZARD was; given the cosine, chrF's own fitted share was ~0 (0.01).
SEMANTIC_HAZARD = 2.4
UNALIGNED_RISK = 0.9  # a sentence with no counterpart lost or added all its words


def score_risk(scores: Mapping[str, float | None], words: int) -> float:
    """The drift term of a segment whose reference has ``words`` words: by its sentence similarity when
    the semantic stage scored it, else by chrF."""
    chrf, cosine = scores.get("chrf"), scores.get("semantic")
    if chrf is None:
        return 0.0
    if cosine is not None:
        rate = SEMANTIC_HAZARD * min(1.0, max(0.0, 1.0 - cosine))
    else:
        rate = DRIFT_HAZARD * min(1.0, max(0.0, (100.0 - chrf) / 100.0))
    return SCORE_WEIGHT * -math.expm1(-rate * words)


def segment_risk(flags: Iterable[Flag], scores: Mapping[str, float | None], *, reference: str,
                 unaligned: bool = False) -> float:
    """Noisy-OR of the flags' weights (severity, or evidence if higher) and the drift term (or the
    unaligned base risk); ``reference`` is the segment's reference text."""
    keep = 1.0 - (UNALIGNED_RISK if unaligned else score_risk(scores, len(reference.split())))
    evidence = evidence_weights()
    for f in flags:
        keep *= 1.0 - max(SEVERITY_WEIGHT[f.severity], evidence.get(f.code, 0.0))
    return round(1.0 - keep, 4)
