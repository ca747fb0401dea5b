"""Meaning detector: a content word of the original replaced by an unrelated word ("mice" -> "rats").

Built on the word aligner (mtqe/wordalign.py): a word that no stage matched (not the same word, lemma,
spelling, name, WordNet synonym or one-level paraphrase) and that sits in the same gap as an equally
unmatched copy word was replaced by it. Evidence grades the flag:

- major: both are concrete nouns directly under one WordNet class ("mice"/"rats" are rodents,
  "watches"/"clocks" timepieces): a different thing of the same kind, the classic wrong-sense error of a
  round trip (abstract classes are left out: "towns"/"cities", "ruling"/"decision" are rewordings as often);
- minor: any other unrelated replacement. Round trips reword freely, and WordNet misses many faithful
  paraphrases, so these rank a segment without failing the gate;
- quiet: words two WordNet steps apart that are not two concrete things: under one abstract class or one
  two levels above the other ("towns"/"cities", "evening"/"night", "advisory"/"statement"). On the annotated
  real copies six of seven such flags were rewordings.

Names, numbers, abbreviations ("United States" -> "U.S."), words inside quotations (the quote detectors report those) and opposites (R101) are left
to their own detectors. Gaps with many words on both sides are rewritten clauses, not replaced words:
pairing words there is guesswork, so they are skipped. A word of a fixed expression the copy renders by a
synonym of the whole ("power outages" -> "power failures") is no replaced word; one read word by word in
another sense is E102's (mtqe/detectors/expressions.py).
"""

from __future__ import annotations

from typing import Iterable

from ..expressions import readings
from ..report import Flag
from ..word_evidence import alignment, inside, quoted_spans, replacements
from ..wordalign import Word, lemmas
from .base import Detector, SegmentPair, register

def _same_class(r: Word, c: Word) -> bool:
    """Concrete nouns directly under one WordNet class: "mice"/"rats", "watches"/"clocks"."""
    from ..lexicon import wordnet

    return any(wordnet.siblings(x, y) for x in lemmas(r.low) for y in lemmas(c.low))


def _kin(r: Word, c: Word) -> bool:
    """Two steps apart in WordNet and not two concrete things: "towns"/"cities", "ruling"/"decision"."""
    from ..lexicon import wordnet

    cl = lemmas(c.low)
    return any(wordnet.kin(x, y) for x in lemmas(r.low) for y in cl)


def _abbreviation(w: Word) -> bool:
    return "." in w.text or (len(w.text) > 1 and w.text.isupper())


def _opposed(r: Word, c: Word) -> bool:
    """Opposites, listed or by WordNet: R101's finding."""
    from ..lexicon.opposites import opposed, wordnet_opposed

    cl = lemmas(c.low)
    return any(opposed(x, y) or wordnet_opposed(x, y) for x in lemmas(r.low) for y in cl)


@register
class WordReplaced(Detector):
    """A content word of the original became an unrelated word (not a synonym or known paraphrase).

    ref: Scientists tested the vaccine on mice before the trial.
    cand: Scientists tested the vaccine on rats before the trial.
    """

    code = "E101"
    category = "meaning"
    severity = "minor"
    defers = ("E102",)  # a word of an expression read word by word: E102 reports the whole expression
    example = (
        "Scientists tested the vaccine on mice before the trial.",
        "Scientists tested the vaccine on rats before the trial.",
    )

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        whole = None
        for r, c in pair.shared(replacements):  # R101 reads them too
            if _abbreviation(r) or _abbreviation(c) or _opposed(r, c):
                continue
            if whole is None:
                found = pair.shared(readings)
                whole = found.whole + (tuple(b.ref_span for b in found.broken) if self.defers_to("E102") else ())
            if inside(whole, r):
                continue  # a word of an expression the copy renders whole, by a synonym, or E102 reports
            if _same_class(r, c):
                yield self.flag(pair, f'"{r.text}" became "{c.text}": another thing of the same kind',
                                (r.start, r.end), (c.start, c.end), severity="major")
            elif not _kin(r, c):
                yield self.flag(pair, f'"{r.text}" became "{c.text}", which is not a synonym',
                                (r.start, r.end), (c.start, c.end))


# English nouns that state a person's sex: a copy that puts one for a neutral word asserts a fact. The
# "-man" titles ("spokesman", "chairman") are left out: news still uses them for anyone, and the annotated
# copies' editors let "spokesperson" -> "spokesman" pass.
_GENDERED = frozenset("""
man men woman women male males female females father fathers mother mothers son sons daughter daughters
brother brothers sister sisters husband husbands wife wives boy boys girl girls king kings queen queens
widow widows widower widowers grandfather grandfathers grandmother grandmothers uncle uncles aunt aunts
nephew nephews niece nieces actress actresses waitress waitresses policewoman policewomen chairwoman
chairwomen spokeswoman spokeswomen businesswoman businesswomen
""".split())


@register
class GenderGiven(Detector):
    """A word for a person became one that states a sex the original does not ("parent" -> "father").

    Read on the word pairs the aligner made (WordNet puts "father" one level below "parent"); a word left
    unpaired in a gap is E101's.

    ref: The coach spoke to the player's parent after the match.
    cand: The coach spoke to the player's father after the match.
    """

    code = "E103"
    category = "meaning"
    severity = "minor"

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        from ..lexicon import wordnet

        if _GENDERED.isdisjoint(pair.context.words_of(pair.cand)):
            return
        a = pair.shared(alignment)
        quoted = None
        for m in a.matches:
            c, r = a.cand[m.cand], a.ref[m.ref]
            if c.low not in _GENDERED:
                continue
            base = r.low[:-2] if r.low.endswith("'s") else r.low
            if base in _GENDERED or c.low in base or not any(wordnet.person(x) for x in lemmas(base)):
                continue  # "woman's" -> "woman", "all-women" -> "women": the sex was there
            if quoted is None:
                quoted = quoted_spans(pair, pair.ref)
            if inside(quoted, r):
                continue
            yield self.flag(pair, f'"{r.text}" became "{c.text}": the copy states a sex the original does not',
                            (r.start, r.end), (c.start, c.end))
