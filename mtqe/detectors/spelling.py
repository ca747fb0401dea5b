"""Spelling detector: a word of the copy that is no English word but one or two letters from one."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from ..context import DocumentSide
from ..lexicon.english import best_english_neighbour, en_freq, is_acronym, typo_like, word_parts
from ..lexicon.languages import foreign_language
from ..report import Flag
from ..text import Token
from .base import Detector, SegmentPair, register


def _closest_ref_word(low: str, side: DocumentSide) -> str | None:
    """The reference word nearest to ``low`` (one or two edits; the same initial below six letters), ties
    alphabetical: read from the document's words bucketed by length (and initial), not all of them."""
    limit = 1 if len(low) < 5 else 2
    best, best_d = None, limit + 1
    lengths = range(len(low) - limit, len(low) + limit + 1)
    if len(low) < 6:
        buckets = side.derive(_by_length_and_initial)
        near = [r for n in lengths for r in buckets.get((n, low[0]), ())]
    else:
        buckets = side.derive(_by_length)
        near = [r for n in lengths for r in buckets.get(n, ())]
    for r in near:
        d = DamerauLevenshtein.distance(low, r, score_cutoff=limit)
        if d < best_d or d == best_d and best is not None and r < best:  # ties alphabetical, not by set order
            best, best_d = r, d
    return best


# The name detectors that report a capitalised word spelled differently from a reference name.
_NAME_OWNERS = ("N101", "N102", "N103", "N104", "N106")


@register
class Misspelling(Detector):
    """A word that is not English but is one or two letters away from an English or reference word.

    ref: His research shows the effect.
    cand: His reasearch shows the effect.
    """

    code = "S101"
    category = "spelling"
    severity = "minor"
    defers = ("L102", *_NAME_OWNERS)  # a foreign word, a name spelled differently
    evidence = 0.5

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        refs = pair.context.ref.words
        ref_has_i = "i" in refs
        for tok in pair.cand_tokens:
            if not tok.is_word:
                continue
            if len(tok.text) == 1:
                if tok.text.islower() and tok.text != "a" and not (tok.text == "i" and ref_has_i):
                    yield self.flag(pair, f'stray letter "{tok.text}" (a word lost letters?)', None, (tok.start, tok.end))
                continue
            for word, a, b, low in _checked_parts(tok.text):
                if low in refs:
                    continue
                start, end = tok.start + a, tok.start + b
                freq = en_freq(low)
                if freq:
                    if word[0].isupper() or len(low) < 3:
                        continue
                    # a real word that is a reference word with one letter dropped ("may" for "many")
                    dropped = _dropped_letter_of(low, pair)
                    if dropped:
                        yield self.flag(pair, f'"{word}" may be "{dropped}" with a letter missing', None, (start, end))
                        continue
                    if freq >= 1500:
                        continue
                    # a rare word that is a dropped/swapped-letter form of a much more common one ("hae")
                    near = best_english_neighbour(low, min_freq=max(100_000, freq * 1000))
                    if near and typo_like(low, near):
                        yield self.flag(pair, f'"{word}" looks like a typo of "{near}"', None, (start, end))
                    continue
                near = _closest_ref_word(low, pair.context.ref) if len(low) >= 3 else None
                if near is None:
                    near = best_english_neighbour(low, min_freq=200 if word[0].islower() else 5000)
                    if len(low) < 3 and near and len(near) <= len(low):
                        near = None  # two letters: only a dropped letter is convincing
                if near is None or near.replace("-", "") == low:
                    continue  # (nothing near, or a compound written solid: "onboard" / "on-board")
                # A foreign word or a respelled name rather than a slip: the language or name detectors,
                # which supersede this one, report it while they run.
                if not low.isascii() or (not typo_like(low, near) and foreign_language(low)):
                    if self.defers_to("L102"):
                        continue
                    message = f'"{word}" is not English (a foreign word, or "{near}" misspelled?)'
                elif word[0].isupper() and not typo_like(low, near):
                    if self.defers_to(*_NAME_OWNERS):
                        continue
                    message = f'"{word}" is not English (a name spelled differently, or "{near}" misspelled?)'
                else:
                    message = f'"{word}" is misspelled (did you mean "{near}"?)'
                yield self.flag(pair, message, None, (start, end))


@lru_cache(maxsize=65536)  # by word: the same words recur in every copy
def _checked_parts(text: str) -> tuple[tuple[str, int, int, str], ...]:
    """The parts of a word token worth checking (``word_parts``, no acronyms or single letters), with
    offsets into the token and lower-cased."""
    return tuple((word, a, b, word.lower()) for word, a, b in word_parts(Token(text, 0, len(text), True, False))
                 if len(word) >= 2 and not is_acronym(word))


def _by_length_and_initial(side: DocumentSide) -> dict[tuple[int, str], tuple[str, ...]]:
    """The document's words bucketed by (length, first letter), sorted: deterministic, and a small bucket to scan."""
    out: dict[tuple[int, str], list[str]] = {}
    for r in side.words:
        if r:
            out.setdefault((len(r), r[0]), []).append(r)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _by_length(side: DocumentSide) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for r in side.words:
        if r:
            out.setdefault(len(r), []).append(r)
    return {k: tuple(v) for k, v in out.items()}


def _dropped_letter_of(low: str, pair: SegmentPair) -> str | None:
    # Only reference words one letter longer with the same first letter can be the source of a dropped
    # letter: a small bucket, checked in C by rapidfuzz (an index of every deletion cost more to build).
    for r in pair.context.ref.derive(_by_length_and_initial).get((len(low) + 1, low[0]), ()):
        if (Levenshtein.distance(low, r, score_cutoff=1) == 1 and r not in pair.context.word_forms(pair.cand)
                and en_freq(r) > en_freq(low)):
            if not (r == low + "s" or r == low + "d"):  # plural / tense changes are other detectors' business
                return r
    return None
