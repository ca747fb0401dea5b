"""Readings of a segment pair's word alignment that several detectors share (once per pair, through
``pair.shared``): the alignment itself, the words that may carry evidence, and the words that replaced
each other. Word knowledge is mtqe/lexicon's and the aligner mtqe/wordalign.py's; this is their use on a pair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .wordalign import NEAR_GAPS, Alignment, Word, align_words, lemmas

if TYPE_CHECKING:
    from .detectors.base import SegmentPair

_NEITHER = ((), ())  # the sides of an empty gap (most gaps)
MAX_REPLACED = 2  # content words a side of a gap may hold for its words to count as replaced one by one


def alignment(pair: SegmentPair) -> Alignment:
    """The pair's word alignment (through ``pair.shared``: once per pair for every detector built on it)."""
    return align_words(pair.context.aligner_words(pair.ref), pair.context.aligner_words(pair.cand))


def quoted_spans(pair: SegmentPair, text: str) -> list[tuple[int, int]]:
    """The character spans of the quotations of ``text``, a side of ``pair``: the words inside are the quote
    detectors'."""
    return [(q.start, q.end) for q in pair.context.quotations(text)]


def inside(spans: Iterable[tuple[int, int]], word: Word) -> bool:
    """Does the word lie inside one of the character spans (a quotation, an expression)?"""
    return within(spans, word.start, word.end)


def within(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """Does the text from ``start`` to ``end`` lie inside one of the character spans?"""
    return any(s <= start and end <= e for s, e in spans)


def evidence_words(pair: SegmentPair) -> tuple[frozenset[int], frozenset[int]]:
    """Indices of the free words of each side (the only ones a gap holds) that may carry evidence: content
    words, not inside a quotation and not a name (capitalised after a sentence's first word, or first and
    unknown to WordNet: "Guan")."""
    from .lexicon import wordnet

    a = pair.shared(alignment)

    def keep(ws: tuple[Word, ...], free: tuple[int, ...], text: str, starts: tuple[int, ...]) -> frozenset[int]:
        content = [i for i in free if ws[i].content]
        if not content:
            return frozenset()
        quoted = quoted_spans(pair, text)
        firsts = {t.start for t in pair.context.first_words(text, starts)}
        return frozenset(
            i for i in content
            if not inside(quoted, w := ws[i])
            and not (w.capitalised and (w.start not in firsts or not any(map(wordnet.known, lemmas(w.low)))))
        )

    return keep(a.ref, a.free_ref, pair.ref, pair.ref_starts), keep(a.cand, a.free_cand, pair.cand, pair.cand_starts)


def shared_evidence(pair: SegmentPair) -> tuple[frozenset[int], frozenset[int]]:
    return pair.shared(evidence_words)


def replacements(pair: SegmentPair) -> list[tuple[Word, Word]]:
    """(reference word, copy word) pairs that replaced each other: the content words of a gap, one or two a
    side; or of two nearby gaps, one with reference words only and one with copy words only (a word
    replaced and moved: "the only identity disclosed" -> "the only publicized identity")."""
    a = pair.shared(alignment)
    if not a.free_ref or not a.free_cand:
        return []  # a replacement takes a free word of each side
    ok_ref, ok_cand = shared_evidence(pair)
    if not ok_ref or not ok_cand:
        return []
    sides = [([a.ref[i] for i in g.ref if i in ok_ref], [a.cand[j] for j in g.cand if j in ok_cand])
             if g.ref or g.cand else _NEITHER for g in a.gaps]
    out = []
    for k, (rs, cs) in enumerate(sides):
        if rs and not cs and not a.gaps[k].cand:
            cs = next((c for r, c in sides[max(0, k - NEAR_GAPS): k + NEAR_GAPS + 1] if c and not r), [])
        if rs and cs and len(rs) <= MAX_REPLACED and len(cs) <= MAX_REPLACED:
            out.extend(zip(rs, cs))
    return out
