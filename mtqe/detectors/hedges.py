"""Hedge detector: a word that marks a claim as unconfirmed ("reportedly", "allegedly", "the suspected
gunman") is gone from the copy, which now states the claim as fact.

A newsroom writes "allegedly" for a reason: an accusation not yet proven, a figure no one has confirmed.
A round trip drops such adverbs easily ("with reportedly over 1,000" -> "with more than 1,000"), and the
copy then asserts what the original only reported. The hedge counts as kept when the word aligner matched
it, or when the copy has a word of attribution or doubt that the original's sentence lacks in its place
("allegedly stole" -> "is accused of stealing", "reportedly" -> "according to reports"). Hedges inside a
quotation are the quote detectors'.
"""

from __future__ import annotations

from typing import Iterable

from ..report import Flag
from ..word_evidence import alignment, inside, quoted_spans
from ..wordalign import lemmas
from .base import Detector, SegmentPair, register

# Words of attribution, not of likelihood: "could possibly" -> "could" keeps the doubt in its modal, and
# "unconfirmed by the Senate" is an appointment, not a claim.
HEDGES = frozenset("""
allegedly alleged reportedly reputedly purportedly purported supposedly apparently seemingly ostensibly
suspected
""".split())
# Lemmas of words that attribute a claim or doubt it: one of these new in the copy may carry the hedge.
_ATTRIBUTION = HEDGES | frozenset("""
allege accuse accusation charge report according say claim suspect believe think appear seem possible
probable likely may might could would estimate understand rumour rumor
""".split())


@register
class HedgeDropped(Detector):
    """A hedge of the original (reportedly, allegedly, suspected) is gone: the copy states the claim as fact.

    ref: The suspect allegedly stole three cars from the lot.
    cand: The suspect stole three cars from the lot.
    """

    code = "O104"
    category = "omission"
    severity = "major"

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        a = pair.shared(alignment)
        hedges = [i for i in a.free_ref if a.ref[i].low in HEDGES]
        if not hedges:
            return
        if any(not lemmas(a.cand[j].low).isdisjoint(_ATTRIBUTION) for j in a.free_cand):
            return  # the copy words the doubt another way
        quoted = quoted_spans(pair, pair.ref)
        for i in hedges:
            w = a.ref[i]
            if not inside(quoted, w):
                yield self.flag(
                    pair, f'hedge "{w.text}" is gone: the copy states as fact what the original only reported',
                    (w.start, w.end))
