"""Antonym detectors: a word of the original replaced by its opposite (rose -> fell, before -> after), or a
particle of place or direction reversed (off the coast -> on the coast).

Round trips flip meaning this way when a negated phrase is rendered by its opposite ("not large" ->
"small") and back, or when a polysemous word picks the wrong sense. Words are compared as lemmas
(lemminflect: "larger" is "large", "fell" is "fall"), against a list of common English opposites
(mtqe/lexicon/opposites.py), or as a word and its negation by "un-" ("harmed" / "unharmed"). A pair only
counts when each side lacks the other's word, and neither word is negated nor read on an inverted scale,
so "not large" for "small" and "the least expensive" for "the cheapest" are left alone as rewording.

Beyond that test, opposites count where the word aligner puts the two words in each other's place: a
listed pair whose word recurs elsewhere in the copy, WordNet's antonyms (mtqe/lexicon/wordnet.py:
"granted"/"denied", "approve"/"reject", "upgraded"/"downgraded") and adjectives of opposite WordNet
clusters ("cheapest"/"priciest"). WordNet knows every sense of a word, so its opposites must also stand
where the original word stood.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from lemminflect import getAllInflections

from ..lexicon.inflections import lemmas
from ..lexicon.english import en_freq
from ..lexicon.opposites import OPPOSITES, opposed, wordnet_opposed
from ..report import Flag
from ..word_evidence import alignment, replacements
from ..wordalign import lemmas as word_lemmas
from .base import Detector, SegmentPair, register

_POS = ("ADJ", "VERB", "NOUN", "ADV")
_LIGHT = 1_000_000  # English frequency (pyspellchecker counts) of the commonest words
_UN_WORD = re.compile(r"\bun\w{4}", re.IGNORECASE)  # a word that may be another one negated by "un-"


@lru_cache(maxsize=65536)  # by word: every word of every sentence asks
def _forms(word: str) -> frozenset[str]:
    """The word and its lemmas in every part of speech ("larger" -> "large", "fell" -> "fall")."""
    return frozenset((word, *(lem for pos in _POS for lem in lemmas(word, pos))))


@lru_cache(maxsize=None)  # the list's words only
def _surface(lemma: str) -> frozenset[str]:
    """Every written form of a listed word ("fall" -> fell, fallen, falling; "slow" -> slower, slowest)."""
    out = {lemma}
    for pos in _POS:
        for forms in getAllInflections(lemma, pos).values():
            out.update(forms)
    return frozenset(out)


@lru_cache(maxsize=65536)
def _contrary(word: str) -> frozenset[str]:
    """Every written form of this word's listed opposites."""
    return frozenset().union(*(_surface(o) for f in _forms(word) for o in OPPOSITES.get(f, ())))


def _un(base: frozenset[str], negated: frozenset[str]) -> bool:
    """A word and its negation by "un-" ("harmed" / "unharmed"; "less" / "unless" is no such pair)."""
    return any("un" + f in negated for f in base if len(f) >= 4 and f != "less")


def _opposable(words: tuple[str, ...]) -> frozenset[str]:
    """Every written form that would oppose one of these words: one C-level test rules out most pairs."""
    return frozenset().union(*map(_contrary, words))


def _all_forms(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*map(_forms, words))


def _negated(context, text: str) -> frozenset[str]:
    """Words near a "not", "never", ...: their opposite may be a rewording ("not large" for "small")."""
    return frozenset().union(*(c.scope for c in context.negation_cues(text)))


def _light(word: str) -> bool:
    """One of the commonest English words, by any of its lemmas ("went": go)."""
    return any(en_freq(lem) >= _LIGHT for lem in word_lemmas(word))


_INVERTING = frozenset({"less", "least", "fewer", "fewest"})


def _inverted(text: str, w) -> bool:
    """Is the word (a Word or a Token: anything with a start) read on an inverted scale ("less
    expensive", "the least likely")?"""
    before = text[:w.start].split()
    return bool(before) and before[-1].lower() in _INVERTING


def _light_verbs(a: str, b: str) -> bool:
    """Two of the commonest words that can both be verbs ("went" / "came"; "new" / "old" are no verbs)."""
    from ..lexicon import wordnet

    def verb(word: str) -> bool:
        return any("v" in wordnet.parts_of_speech(lem) for lem in word_lemmas(word))

    return _light(a) and _light(b) and verb(a) and verb(b)


@register
class OppositeWord(Detector):
    """A word of the original became its opposite in the copy.

    ref: Shares rose 3% after the announcement.
    cand: Shares fell 3% after the announcement.
    """

    code = "R101"
    category = "antonym"
    severity = "major"
    evidence = 0.7
    example = ("The judge granted asylum to the journalist.", "The judge denied asylum to the journalist.")

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        listed = next(iter(self._listed(pair)), None)
        if listed is not None:
            yield listed
            return
        yield from self._in_place(pair)

    def _in_place(self, pair: SegmentPair) -> Iterable[Flag]:
        """Opposites standing in each other's place (a replacement found by the word aligner): WordNet's,
        or listed ones the list test above passed over because the word recurs elsewhere in the copy
        ("90 new cases" -> "90 old cases" beside "141 new cases")."""
        pairs = pair.shared(replacements)  # E101 reads them too
        if not pairs:
            return
        r_neg = c_neg = None
        for r, c in pairs:
            r_lemmas, c_lemmas = word_lemmas(r.low), word_lemmas(c.low)
            if not any(opposed(x, y) for x in r_lemmas for y in c_lemmas):  # the list, else WordNet
                if _light_verbs(r.low, c.low):
                    continue  # go/come, give/take: light verbs oppose only by idiom ("went into effect")
                if not any(wordnet_opposed(x, y) for x in r_lemmas for y in c_lemmas):
                    continue
            if r_neg is None:
                r_neg = _negated(pair.context, pair.ref)
                c_neg = _negated(pair.context, pair.cand)
            # one of the two negated: "did not approve" -> "rejected", "unrelated" -> "not related" are
            # rewordings; both negated, the opposite still flips the fact ("not granted" -> "not denied")
            if bool(_forms(r.low) & r_neg) != bool(_forms(c.low) & c_neg):  # (the scopes hold lemmas)
                continue
            if _inverted(pair.ref, r) != _inverted(pair.cand, c):
                continue  # "the cheapest" -> "the least expensive": the scale turned, the meaning kept
            yield self.flag(pair, f'"{r.text}" became its opposite, "{c.text}"', (r.start, r.end), (c.start, c.end))
            return

    def _listed(self, pair: SegmentPair) -> Iterable[Flag]:
        r_tokens, c_tokens = pair.ref_tokens, pair.cand_tokens
        r_words, c_words = pair.context.words_of(pair.ref), pair.context.words_of(pair.cand)
        opposable, ref_un = _opposable(r_words), bool(_UN_WORD.search(pair.ref))
        if opposable.isdisjoint(c_words) and not (ref_un or _UN_WORD.search(pair.cand)):
            return
        r_every, c_every = _all_forms(r_words), _all_forms(c_words)
        r_neg, c_neg = _negated(pair.context, pair.ref), _negated(pair.context, pair.cand)
        for ctok, cw in zip(c_tokens, c_words):
            if cw not in opposable and not ref_un and not cw.startswith("un"):
                continue  # opposes no word of the original
            cforms = _forms(cw)
            if not ctok.is_word or cforms & r_every or cforms & c_neg:
                continue  # the copy's word is in the original too, or negated
            for rtok, rw in zip(r_tokens, r_words):
                rforms = _forms(rw)
                if not rtok.is_word or rforms & c_every or rforms & r_neg:
                    continue
                if _inverted(pair.ref, rtok) != _inverted(pair.cand, ctok):
                    continue  # "the cheapest" -> "the least expensive"
                if cw in _contrary(rw) or _un(rforms, cforms) or _un(cforms, rforms):
                    yield self.flag(pair, f'"{rtok.text}" became its opposite, "{ctok.text}"',
                                    (rtok.start, rtok.end), (ctok.start, ctok.end))
                    return


# Opposite particles of place and direction: function words, so no other reading of the alignment sees
# them. "To"/"from" are left out: "dates to 1873" / "dates from 1873" say the same, and "prevented from
# spreading" -> "prevented to spread" is grammar, not direction.
_OPPOSITE_PARTICLES = {"on": "off", "off": "on", "up": "down", "down": "up", "above": "below", "below": "above",
                       "inside": "outside", "outside": "inside"}


@register
class OppositeParticle(Detector):
    """A word of place or direction became its opposite in the same place (off the coast -> on the coast, down to -> up to).

    ref: The storm dissipated off the coast of Florida.
    cand: The storm dissipated on the coast of Florida.
    """

    code = "R102"
    category = "antonym"
    severity = "major"

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        a = pair.shared(alignment)
        for g in a.gaps:
            if len(g.ref) == len(g.cand) == 1:  # the one word between two kept ones, on each side
                r, c = a.ref[g.ref[0]], a.cand[g.cand[0]]
                if _OPPOSITE_PARTICLES.get(r.low) == c.low:
                    yield self.flag(pair, f'"{r.text}" became its opposite, "{c.text}"',
                                    (r.start, r.end), (c.start, c.end))
