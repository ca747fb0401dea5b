"""Omission and addition inside an aligned segment: a word or phrase with no counterpart on the other side.

Built on the word aligner (mtqe/wordalign.py): a gap between two kept words that holds content words of
the original and nothing of the copy (and no copy content word in the gaps either side) lost them ("the court ruled the suspension unlawful" -> "the court
ruled the suspension"); the mirror case added them ("granted asylum to a refugee"). A word counts as
kept if it only moved to a neighbouring sentence of the other document. Words inside quotations are left
to the quote detectors, numbers to the number detectors. Very common words (said, made, being) come and go
with rewording: losing or adding only those is minor.
"""

from __future__ import annotations

from typing import ClassVar, Iterable

from ..report import Flag
from ..text import per_document
from ..wordalign import Alignment, Gap, Word, lemmas, words
from .base import Detector, SegmentPair, register
from .meaning import alignment
from .quotes import quotes

_LIGHT = 1_000_000  # English frequency (pyspellchecker counts) above which a word is rewording's small change
_NEAR = 400  # characters of the other document either side of the segment where a moved word may land
_EDGE = frozenset("a an the and or but that which who whom as".split())


@per_document
def _near_lemmas(doc: str, segment: str) -> frozenset[str]:
    """Lemmas of the words of ``doc`` around where ``segment`` sits in it (all of it if not found)."""
    at = doc.find(segment) if segment else -1
    text = doc if at < 0 else doc[max(0, at - _NEAR): at + len(segment) + _NEAR]
    return frozenset().union(*(lemmas(w.low) for w in words(text) if w.content))


def _loose_words(ws: tuple[Word, ...], idx: tuple[int, ...], text: str, other_doc: str, other: str) -> list[Word]:
    """The content words of one side of a gap that are not quoted, not numbers and not near on the other side."""
    quoted = [(q.start, q.end) for q in quotes(text)]
    near = None
    out = []
    for i in idx:
        w = ws[i]
        if not w.content or w.number or any(s <= w.start and w.end <= e for s, e in quoted):
            continue
        if near is None:
            near = _near_lemmas(other_doc or other, other)
        if lemmas(w.low).isdisjoint(near):
            out.append(w)
    return out


def _span(ws: tuple[Word, ...], idx: tuple[int, ...]) -> tuple[int, int]:
    """The gap's words as one phrase, articles and conjunctions at its edges left out."""
    kept = [ws[i] for i in idx]
    while len(kept) > 1 and kept[0].low in _EDGE:
        kept.pop(0)
    while len(kept) > 1 and kept[-1].low in _EDGE:
        kept.pop()
    return kept[0].start, kept[-1].end


def _severity(lost: list[Word]) -> str:
    from .spelling import en_freq

    return "minor" if all(en_freq(w.low) >= _LIGHT for w in lost) else "major"


def _lone(a: Alignment, k: int, ref_side: bool) -> bool:
    """Gap ``k`` holds nothing at all on the other side, and its neighbours no content word there: the
    words were not replaced, not even by a function word ("roughly" -> "about") or a moved word."""
    other = a.cand if ref_side else a.ref
    gaps = a.gaps

    def free(g: Gap) -> tuple[int, ...]:
        return g.cand if ref_side else g.ref

    if free(gaps[k]):
        return False
    return not any(other[j].content for g in gaps[max(0, k - 1): k + 2] for j in free(g))


@register
class WordsDropped(Detector):
    """A word or phrase of an aligned reference sentence has no counterpart in the copy.

    ref: The court ruled that the suspension of parliament was unlawful.
    cand: The court ruled on the suspension of parliament.
    """

    code = "O103"
    category = "omission"
    severity = "major"
    aligned_only: ClassVar[bool] = True
    evidence: ClassVar[float] = 0.0
    example: ClassVar[tuple[str, str] | None] = (
        "Four people, including a female officer, were injured on Sunday.",
        "Four people, including an officer, were injured.",
    )
    supersedes: ClassVar[tuple[str, ...]] = ()

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        if not pair.is_aligned:
            return
        a = pair.shared(alignment)
        for k, gap in enumerate(a.gaps):
            if not gap.ref or not _lone(a, k, True):
                continue
            lost = _loose_words(a.ref, gap.ref, pair.ref, pair.cand_doc, pair.cand)
            if lost:
                span = _span(a.ref, gap.ref)
                yield self.flag(pair, f'"{pair.ref[span[0]:span[1]]}" is missing from the copy', span,
                                severity=_severity(lost))


@register
class WordsAdded(Detector):
    """The copy adds a word or phrase with no counterpart in the aligned reference sentence.

    ref: An immigration judge granted asylum to a Chinese national.
    cand: An immigration judge granted asylum to a refugee, a Chinese national.
    """

    code = "A103"
    category = "addition"
    severity = "major"
    aligned_only: ClassVar[bool] = True
    evidence: ClassVar[float] = 0.0
    example: ClassVar[tuple[str, str] | None] = (
        "An immigration judge granted asylum to a Chinese national.",
        "An immigration judge granted asylum to a refugee, a Chinese national.",
    )
    supersedes: ClassVar[tuple[str, ...]] = ()

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        if not pair.is_aligned:
            return
        a = pair.shared(alignment)
        for k, gap in enumerate(a.gaps):
            if not gap.cand or not _lone(a, k, False):
                continue
            added = _loose_words(a.cand, gap.cand, pair.cand, pair.ref_doc, pair.ref)
            if added:
                span = _span(a.cand, gap.cand)
                yield self.flag(pair, f'"{pair.cand[span[0]:span[1]]}" is not in the reference', None, span,
                                severity=_severity(added))


