"""Omission and addition inside an aligned segment: a word or phrase with no counterpart on the other side.

Built on the word aligner (mtqe/wordalign.py): a gap between two kept words that holds content words of
the original and nothing of the copy (and no copy content word in the gaps either side) lost them ("the court ruled the suspension unlawful" -> "the court
ruled the suspension"); the mirror case added them ("granted asylum to a refugee"). A word counts as
kept if it only moved to a neighbouring sentence of the other document. Words inside quotations are left
to the quote detectors, numbers to the number detectors, words touching a figure ("aged 15" -> "15") too.

Both flags are minor: they rank a segment without failing the gate alone. On real round trips a clear
loss (nothing at all in its place) is right 80% of the time, but independent translations of one
sentence (DEMETR's clean pairs) drop and add words as freely, a clear loss in 20% of them. The message
says "(perhaps reworded)" where the evidence is weaker: the other side holds function words in the place
("roughly" -> "about"), only very common words (said, made, being) came or went, or both sides lost words
(a restructured sentence).
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

from ..expressions import readings
from ..report import Flag
from ..word_evidence import alignment, inside, quoted_spans
from ..wordalign import NEAR_GAPS, Alignment, Word, lemmas, related
from .base import Detector, SegmentPair, register

_LIGHT = 1_000_000  # English frequency (pyspellchecker counts) above which a word is rewording's small change
_NEAR = 2  # sentences of the other document either side of the segment where a moved word may land
_ARTICLES = frozenset({"a", "an", "the"})
_EDGE = frozenset("a an the and or but that which who whom as".split())


def _sentence_counts(context, sentence: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in context.aligner_words(sentence):
        if w.content:
            for lem in lemmas(w.low):
                counts[lem] = counts.get(lem, 0) + 1
    return counts


def _positions(side) -> dict[str, int]:
    """Where each sentence of a document first occurs in it."""
    out: dict[str, int] = {}
    for i, sentence in enumerate(side.sentences):
        out.setdefault(sentence, i)
    return out


def _near_counts(context, segment: str, starts: tuple[int, ...], ref_side: bool) -> dict[str, int]:
    """How often each lemma occurs in the segment's document within _NEAR sentences of it (counted per
    sentence, each sentence once per comparison)."""
    side = context.ref if ref_side else context.cand
    first = segment[: starts[1] - 1] if len(starts) > 1 else segment
    at = side.derive(_positions).get(first)
    near = side.sentences if at is None else side.sentences[max(0, at - _NEAR): at + len(starts) + _NEAR]
    counts: dict[str, int] = {}
    for sentence in near:
        for lem, n in context.memo(_sentence_counts, sentence).items():
            counts[lem] = counts.get(lem, 0) + n
    return counts


def _moved(w: Word, here: dict[str, int], there: dict[str, int]) -> bool:
    """The word is as often around the segment on the other side as on this one: it moved to a
    neighbouring sentence (a headline word repeated in the first line is still missing where it is lost)."""
    return any(there.get(lem, 0) >= here.get(lem, 0) > 0 for lem in lemmas(w.low))


def _lost_words(pair: SegmentPair, a: Alignment, idx: tuple[int, ...], ref_side: bool) -> list[Word]:
    """The content words of one side of a gap that are not quoted, not numbers, did not move to a
    neighbouring sentence, are not elsewhere in the other side's segment ("Best Picture, Director" ->
    "Best Picture, Best Director": a repeated word adds nothing) and, in the original, are not part of an
    expression the copy renders whole ("police officer" -> "policeman")."""
    ws, text = (a.ref, pair.ref) if ref_side else (a.cand, pair.cand)
    quoted = quoted_spans(pair, text)
    elsewhere = here = there = whole = None
    out = []
    for i in idx:
        w = ws[i]
        if not w.content or inside(quoted, w):
            continue
        if ref_side:
            if whole is None:
                whole = pair.shared(readings).whole
            if inside(whole, w):
                continue
        if elsewhere is None:
            elsewhere = frozenset().union(*(lemmas(o.low) for o in (a.cand if ref_side else a.ref)))
        if not lemmas(w.low).isdisjoint(elsewhere):
            continue
        if here is None:  # the neighbourhood is read only for a word still lost
            r = pair.context.memo(_near_counts, pair.ref, pair.ref_starts, True)
            c = pair.context.memo(_near_counts, pair.cand, pair.cand_starts, False)
            here, there = (r, c) if ref_side else (c, r)
        if not _moved(w, here, there):
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


def _next_to_number(ws: tuple[Word, ...], idx: tuple[int, ...]) -> bool:
    """The gap holds or touches a number: "aged 15" / "15", "36 years old" / "36", "6 p.m." / "18:00" are
    a figure's wording."""
    return any(0 <= k < len(ws) and ws[k].number for k in (idx[0] - 1, *idx, idx[-1] + 1))


class Loss(NamedTuple):
    ref_side: bool  # lost from the reference (an omission) or added by the copy
    span: tuple[int, int]
    evidence: str  # "clear": nothing stands in its place; "minor": perhaps reworded


_HOW = {"clear": "", "minor": " (perhaps reworded)"}


def _replaced(a: Alignment, k: int, ref_side: bool) -> bool:
    """Gap ``k``'s words on one side were replaced, not lost, whatever they are: a content word of the other
    side sits in this gap or one nearby (a moved or reworded counterpart). Words next to a figure are its
    wording ("aged 15" -> "15", "36 years old" -> "36"), the number detectors' business. Asked before the
    lost words are read, which most gaps then never need."""
    other, gaps = (a.cand if ref_side else a.ref), a.gaps
    for g in gaps[max(0, k - NEAR_GAPS): k + NEAR_GAPS + 1]:
        if any(other[j].content for j in (g.cand if ref_side else g.ref)):
            return True
    return _next_to_number(a.ref if ref_side else a.cand, gaps[k].ref if ref_side else gaps[k].cand)


def _verdict(a: Alignment, k: int, ref_side: bool, lost: list[Word]) -> str | None:
    """How clear the loss is ("clear" or "minor"), or None when the words were replaced rather than lost
    (``_replaced`` ruled out first).

    Replaced: a free content word of the other side anywhere in the sentence related to a lost word ("in
    the yard of" -> "in the courtyard of", moved). A gap whose other side holds only function words may
    be a rewording by one ("roughly" -> "about"): minor. So is losing only very common words."""
    from ..lexicon.english import en_freq

    this, other = (a.ref, a.cand) if ref_side else (a.cand, a.ref)
    mine = [g.ref if ref_side else g.cand for g in a.gaps]
    theirs = [g.cand if ref_side else g.ref for g in a.gaps]
    loose = [other[j] for idx in theirs for j in idx if other[j].content]
    if any(related(w, o) if ref_side else related(o, w) for w in lost for o in loose):
        return None
    light = all(en_freq(w.low) >= _LIGHT for w in lost)
    # a function word of the other side that this side lacks may be what the lost words became
    # ("roughly" -> "about"); articles answer articles ("a female officer" -> "an officer")
    own = {this[i].low for i in mine[k]}
    reworded = any(other[j].low not in own and other[j].low not in _ARTICLES for j in theirs[k])
    return "minor" if reworded or light else "clear"


def losses(pair: SegmentPair) -> tuple[Loss, ...]:
    """Every word or phrase lost from either side. When both sides lose words, the sentence was
    restructured (what one side lost the other may say in other words): minor."""
    a = pair.shared(alignment)
    found = []
    for ref_side in (True, False):
        ws = a.ref if ref_side else a.cand
        for k, gap in enumerate(a.gaps):
            idx = gap.ref if ref_side else gap.cand
            lost = _lost_words(pair, a, idx, ref_side) if idx and not _replaced(a, k, ref_side) else None
            evidence = lost and _verdict(a, k, ref_side, lost)
            if evidence:
                found.append(Loss(ref_side, _span(ws, idx), evidence))
    if len({f.ref_side for f in found}) == 2:
        found = [f._replace(evidence="minor") for f in found]
    return tuple(found)


@register
class WordsDropped(Detector):
    """A word or phrase of an aligned reference sentence has no counterpart in the copy.

    ref: The court ruled that the suspension of parliament was unlawful.
    cand: The court ruled on the suspension of parliament.
    """

    code = "O103"
    category = "omission"
    severity = "minor"
    example = (
        "Four people, including a female officer, were injured on Sunday.",
        "Four people, including an officer, were injured.",
    )

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        for loss in pair.shared(losses):
            if loss.ref_side:
                s, e = loss.span
                yield self.flag(pair, f'"{pair.ref[s:e]}" is missing from the copy{_HOW[loss.evidence]}',
                                loss.span)


@register
class WordsAdded(Detector):
    """The copy adds a word or phrase with no counterpart in the aligned reference sentence.

    ref: An immigration judge granted asylum to a Chinese national.
    cand: An immigration judge granted asylum to a refugee, a Chinese national.
    """

    code = "A103"
    category = "addition"
    severity = "minor"
    example = (
        "An immigration judge granted asylum to a Chinese national.",
        "An immigration judge granted asylum to a refugee, a Chinese national.",
    )

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        for loss in pair.shared(losses):
            if not loss.ref_side:
                s, e = loss.span
                yield self.flag(pair, f'"{pair.cand[s:e]}" is not in the reference{_HOW[loss.evidence]}', None,
                                loss.span)


