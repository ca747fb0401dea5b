"""Fixed-expression detector: a compound, phrasal verb or idiom of the original read word by word in the
copy, in another sense ("power outages" -> "energy savings"), or a phrasal verb turned into another by its
particle ("passed away" -> "passed out"; minor for "on" / "in", which are as often prepositions). The
reading is mtqe/expressions.py's."""

from __future__ import annotations

from typing import Iterable

from ..expressions import readings
from ..report import Flag
from .base import Detector, SegmentPair, register


@register
class ExpressionBroken(Detector):
    """A fixed expression of the original (a compound, a phrasal verb, an idiom) came back word by word, in another sense.

    ref: Scheduled power outages in Northern California begin.
    cand: Scheduled energy savings in Northern California begin.
    """

    code = "E102"
    category = "meaning"
    severity = "major"

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        for b in pair.shared(readings).broken:
            phrase = pair.ref[b.ref_span[0]:b.ref_span[1]]
            copy = pair.cand[b.cand_span[0]:b.cand_span[1]] if b.cand_span else ""
            if b.became:
                yield self.flag(pair, f'"{phrase}" became "{copy}": another phrasal verb ({b.became.replace("_", " ")})',
                                b.ref_span, b.cand_span, severity="minor" if b.minor else None)
                continue
            yield self.flag(pair, f'"{phrase}" became "{copy}": the expression read word by word, in another sense',
                            b.ref_span, b.cand_span)
