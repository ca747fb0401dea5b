"""Content the copy kept but put elsewhere: found by the alignment (mtqe.align), reported here."""

from __future__ import annotations

from typing import Iterator

from ..report import Flag
from .base import Detector, SegmentPair, register


@register
class Moved(Detector):
    """A reference passage sits at another place in the copy (paragraphs reordered): covered, not lost.

    ref:  The department has 30 days to appeal.  (the last paragraph)
    cand: The department has 30 days to appeal.  (now the second paragraph)
    """

    code = "B101"
    category = "moved"
    severity = "minor"
    # a whole document: only the alignment can tell that a passage moved
    example = (
        "The council approved the budget.\n\nSchools will get more money.\n\nThe department has 30 days to appeal.",
        "The council approved the budget.\n\nThe department has 30 days to appeal.\n\nSchools will get more money.",
    )

    def check(self, pair: SegmentPair) -> Iterator[Flag]:
        if pair.moved and pair.is_aligned:
            yield self.flag(pair, "this passage was moved: the copy has it at another place",
                            (0, len(pair.ref)), (0, len(pair.cand)))
