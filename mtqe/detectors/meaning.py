"""Meaning detector: a content word of the original replaced by an unrelated word ("mice" -> "rats").

Built on the word aligner (mtqe/wordalign.py): a word that no stage matched (not the same word, lemma,
spelling, name, WordNet synonym or one-level paraphrase) and that sits in the same gap as an equally
unmatched copy word was replaced by it. Evidence grades the flag:

- major: both are concrete nouns directly under one WordNet class ("mice"/"rats" are rodents,
  "watches"/"clocks" timepieces): a different thing of the same kind, the classic wrong-sense error of a
  round trip (abstract classes are left out: "towns"/"cities", "ruling"/"decision" are rewordings as often);
- minor: any other unrelated replacement. Round trips reword freely, and WordNet misses many faithful
  paraphrases, so these rank a segment without failing the gate.

Names, numbers, abbreviations ("United States" -> "U.S."), words inside quotations (the quote detectors report those) and opposites (R101) are left
to their own detectors. Gaps with many words on both sides are rewritten clauses, not replaced words:
pairing words there is guesswork, so they are skipped.
"""

from __future__ import annotations

from typing import Iterable

from ..report import Flag
from ..wordalign import NEAR_GAPS, Alignment, Word, align_words, lemmas, words
from .base import Detector, SegmentPair, register
from .quotes import quotes

MAX_REPLACED = 2  # content words a side of a gap may hold for its words to count as replaced one by one


def alignment(pair: SegmentPair) -> Alignment:
    """The pair's word alignment (through ``pair.shared``: once per pair for every detector built on it)."""
    return align_words(words(pair.ref, pair.ref_tokens), words(pair.cand, pair.cand_tokens))


def _inside(spans: Iterable[tuple[int, int]], word: Word) -> bool:
    return any(s <= word.start and word.end <= e for s, e in spans)


def evidence_words(pair: SegmentPair) -> tuple[frozenset[int], frozenset[int]]:
    """Indices of the words of each side that may carry evidence: content words, not inside a quotation
    and not a name (capitalised after a sentence's first word, or first and unknown to WordNet: "Guan")."""
    from ..lexicon import wordnet

    a = pair.shared(alignment)

    def keep(ws: tuple[Word, ...], text: str, starts: tuple[int, ...]) -> frozenset[int]:
        quoted = [(q.start, q.end) for q in pair.context.memo(quotes, text)]
        firsts = {t.start for t in pair.context.first_words(text, starts)}
        return frozenset(
            i for i, w in enumerate(ws)
            if w.content and not _inside(quoted, w)
            and not (w.capitalised and (w.start not in firsts or not any(map(wordnet.known, lemmas(w.low)))))
        )

    return keep(a.ref, pair.ref, pair.ref_starts), keep(a.cand, pair.cand, pair.cand_starts)


def shared_evidence(pair: SegmentPair) -> tuple[frozenset[int], frozenset[int]]:
    return pair.shared(evidence_words)


def replacements(pair: SegmentPair) -> list[tuple[Word, Word]]:
    """(reference word, copy word) pairs that replaced each other: the content words of a gap, one or two a
    side; or of two nearby gaps, one with reference words only and one with copy words only (a word
    replaced and moved: "the only identity disclosed" -> "the only publicized identity")."""
    a = pair.shared(alignment)
    ok_ref, ok_cand = shared_evidence(pair)
    sides = [([a.ref[i] for i in g.ref if i in ok_ref], [a.cand[j] for j in g.cand if j in ok_cand]) for g in a.gaps]
    out = []
    for k, (rs, cs) in enumerate(sides):
        if rs and not cs and not a.gaps[k].cand:
            cs = next((c for r, c in sides[max(0, k - NEAR_GAPS): k + NEAR_GAPS + 1] if c and not r), [])
        if rs and cs and len(rs) <= MAX_REPLACED and len(cs) <= MAX_REPLACED:
            out.extend(zip(rs, cs))
    return out


def _same_class(r: Word, c: Word) -> bool:
    """Concrete nouns directly under one WordNet class: "mice"/"rats", "watches"/"clocks"."""
    from ..lexicon import wordnet

    return any(wordnet.siblings(x, y) for x in lemmas(r.low) for y in lemmas(c.low))


def _abbreviation(w: Word) -> bool:
    return "." in w.text or (len(w.text) > 1 and w.text.isupper())


def _opposed(r: Word, c: Word) -> bool:
    from ..lexicon import wordnet

    cl = lemmas(c.low)
    return any(not wordnet.antonyms(x).isdisjoint(cl) for x in lemmas(r.low))


@register
class WordReplaced(Detector):
    """A content word of the original became an unrelated word (not a synonym or known paraphrase).

    ref: Scientists tested the vaccine on mice before the trial.
    cand: Scientists tested the vaccine on rats before the trial.
    """

    code = "E101"
    category = "meaning"
    severity = "minor"
    example = (
        "Scientists tested the vaccine on mice before the trial.",
        "Scientists tested the vaccine on rats before the trial.",
    )

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        for r, c in replacements(pair):
            if _abbreviation(r) or _abbreviation(c) or _opposed(r, c):
                continue
            if _same_class(r, c):
                yield self.flag(pair, f'"{r.text}" became "{c.text}": another thing of the same kind',
                                (r.start, r.end), (c.start, c.end), severity="major")
            else:
                yield self.flag(pair, f'"{r.text}" became "{c.text}", which is not a synonym',
                                (r.start, r.end), (c.start, c.end))



