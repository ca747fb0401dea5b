"""Language detectors: text left in another language (another script, or foreign Latin-script words)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..lexicon import foreign
from ..lexicon.english import best_english_neighbour, en_freq, is_acronym, typo_like, word_parts
from ..lexicon.languages import LANGUAGE_NAMES, foreign_language, slavic_word, telltale
from ..lexicon.names import CAMEL, proper_nouns
from ..report import Flag
from ..text import Token
from .base import Detector, SegmentPair, register

# Letters of scripts other than Latin (Greek, Cyrillic, Armenian, Hebrew, Arabic, Indic, Thai, Lao, Tibetan,
# Georgian, Hangul, Ethiopic, kana, CJK ideographs, half-width forms), with their combining marks.
_OTHER = (
    "\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0700-\u08ff"
    "\u0900-\u0dff\u0e00-\u0fff\u10a0-\u10ff\u1100-\u11ff\u1200-\u139f\u1780-\u18af"
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7af"
    "\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufeff\uff66-\uff9f"
)
_OTHER_RUN = re.compile(f"[{_OTHER}]+(?:[\\s\\u3000-\\u303f\\uff0c\\uff1a\\uff1b]+[{_OTHER}]+)*")
_SCRIPT_NAMES = (
    ("CJK", "Chinese/Japanese"), ("HIRAGANA", "Japanese"), ("KATAKANA", "Japanese"), ("HANGUL", "Korean"),
    ("CYRILLIC", "Cyrillic (Russian etc.)"), ("ARABIC", "Arabic"), ("HEBREW", "Hebrew"), ("GREEK", "Greek"),
    ("DEVANAGARI", "Hindi (Devanagari)"), ("THAI", "Thai"),
)


def _script_name(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            for key, label in _SCRIPT_NAMES:
                if key in name:
                    return label
            return "non-Latin"
    return "non-Latin"


def _typo_of_english(low: str, refs: frozenset[str]) -> bool:
    if foreign.is_common(low) or slavic_word(low):
        return False  # a word another language really uses (importante, gracze), not a slip
    near = best_english_neighbour(low, min_freq=10_000)
    if near and typo_like(low, near):
        return True
    return any(abs(len(r) - len(low)) <= 1 and typo_like(low, r) for r in refs)


def _not_english(low: str, refs: frozenset[str]) -> bool:
    """An unknown word with no English word or reference word one or two letters away."""
    if best_english_neighbour(low, min_freq=100):
        return False
    return not any(abs(len(r) - len(low)) <= 2 and Levenshtein.distance(low, r, score_cutoff=2) <= 2 for r in refs)


@register
class ForeignScript(Detector):
    """Text in a non-Latin script (Chinese, Cyrillic, Arabic, Devanagari...) left in the English copy.

    ref: His research shows that the hormone speeds up lung growth.
    cand: 他的 research shows that the hormone speeds up lung growth.
    """

    code = "L101"
    category = "language"
    severity = "major"
    aligned_only = False

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        if not pair.cand:
            return
        for m in _OTHER_RUN.finditer(pair.cand):
            text = m.group()
            if text in pair.ref or (pair.ref_doc and text in pair.ref_doc):
                continue  # the original quotes it too (a name in its own script)
            yield self.flag(
                pair, f'untranslated {_script_name(text)} text "{text}" in the English copy', None, m.span()
            )


@register
class ForeignWord(Detector):
    """A word of another Latin-script language (German, French, Spanish, Polish...) left untranslated.

    ref: The season was completed without any incidents.
    cand: The Saison was completed without any incidents.
    """

    code = "L102"
    category = "language"
    severity = "major"
    defers = ("N103",)  # "Hongkong": a respaced name

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        refs = None
        folded = None
        for tok in pair.cand_tokens:
            if not tok.is_word:
                continue
            for word, a, b, low in _suspect_parts(tok.text):
                start, end = tok.start + a, tok.start + b
                if refs is None:
                    refs = pair.context.ref.words
                if low in refs:
                    continue
                lang = foreign_language(low)
                if lang is not None and low.isascii() and not telltale(low) and _typo_of_english(low, refs):
                    continue  # a slip of the keyboard: the spelling detector reports it
                if lang is None:
                    if word[0].islower() and len(low) >= 4 and low.isalpha() and _not_english(low, refs):
                        yield self.flag(pair, f'"{word}" is not an English word (untranslated or garbled?)', None,
                                        (start, end), severity="minor")
                    continue
                if word[0].isupper() and low in proper_nouns():
                    continue  # a name lemminflect knows (Aachen, Ankara) is a name, not an untranslated word
                if word[0].isupper() and lang in ("pl", "cs") and slavic_word(low) and not _sentence_start(pair, start):
                    continue  # a capitalised word of the Polish/Czech table inside a sentence: a name (Nowak)
                respaced = word[0].isupper() and _joins_adjacent(low, pair)
                if respaced and self.defers_to("N103"):
                    continue  # "Hongkong": a respaced name
                plain = unicodedata.normalize("NFKD", low).encode("ascii", "ignore").decode()
                if folded is None:
                    folded = pair.context.ref.name_keys.words  # accents dropped, hyphenated words also split
                if plain in folded and not (word[0].islower() and plain != low and en_freq(plain)):
                    continue  # the same word without accents: a spelling of a name (but "évaluations" is French)
                label = LANGUAGE_NAMES.get(lang, "foreign")
                severity = None
                note = ""
                if respaced:
                    severity, note = "minor", " (or a respaced name)"
                elif word[0].isupper():
                    near = _near_name(plain, folded)
                    if near:
                        severity, note = "minor", f' (or the local spelling of "{near}")'
                yield self.flag(pair, f'untranslated {label} word "{word}"{note}', None, (start, end),
                                severity=severity)


@lru_cache(maxsize=65536)  # by word: what a word is, whatever document it is in
def _suspect_parts(text: str) -> tuple[tuple[str, int, int, str], ...]:
    """The parts of a word token that may be foreign (``word_parts``, offsets into the token, lower-cased):
    no common English word, acronym or CamelCase, and an English word only if it is a lower-case word of
    another language too."""
    if text.isascii() and en_freq(text.lower()) >= 20_000:
        return ()
    out = []
    for word, a, b in word_parts(Token(text, 0, len(text), True, False)):
        if len(word) < 2 or is_acronym(word) or CAMEL.search(word):
            continue  # CamelCase: a name (McDonald) or fused words (EcuadorChinese), not a language slip
        low = word.lower()
        if en_freq(low) and not (word[0].islower() and foreign_language(low)):
            continue
        out.append((word, a, b, low))
    return tuple(out)


def _sentence_start(pair: SegmentPair, start: int) -> bool:
    return any(t.start == start for t in pair.context.first_words(pair.cand, tuple(pair.cand_starts)))


def _joins_adjacent(low: str, pair: SegmentPair) -> bool:
    words = [t.lower for t in pair.ref_tokens if t.is_word]
    return any(a + b == low or a + "-" + b == low for a, b in zip(words, words[1:]))


def _near_name(plain: str, words: frozenset[str]) -> str | None:
    """A reference word this capitalised word may be a local spelling of (Napoli/Naples, Mangas/manga): the
    most similar one, ties alphabetical (the first one found depended on set order: on the hash seed)."""
    found = [
        w for w in words
        if len(w) >= 3 and abs(len(w) - len(plain)) <= 3 and (
            plain.startswith(w) or w.startswith(plain) or fuzz.ratio(plain, w) >= 65
        )
    ]
    return min(found, key=lambda w: (-fuzz.ratio(plain, w), w)) if found else None
