"""Language detectors: text left in another language (another script, or foreign Latin-script words)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from ..report import Flag
from .base import Detector, SegmentPair, register
from rapidfuzz.distance import Levenshtein

from rapidfuzz import fuzz

from .names import _CAMEL, _proper_nouns, doc_keys
from . import foreign
from .spelling import typo_like, best_english_neighbour, en_freq, is_acronym, ref_words, word_parts

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
_LANG_NAMES = {"de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
               "nl": "Dutch", "pl": "Polish", "cs": "Czech"}
# Letters that English words do not use (outside loanwords such as café/naïve, which the lexicon knows).
_FOREIGN_LETTERS = re.compile("[äößüąćęłńśźżčďěňřšťůžľĺŕőűãõñçàèìòùâêîôûëïÿåæøœáéíóúý]", re.IGNORECASE)
# Function words of neighbouring languages that English text never uses lowercase (overrides loanword noise).
_FUNCTION_WORDS = {
    "de": frozenset("und oder aber nicht auch ist sind wird wurde mit einer eines dem vom zum zur ihre ihr sehr".split()),
    "fr": frozenset("qui et avec pour mais dans sont aussi leur cette sont nous vous".split()),
    "es": frozenset("que pero los las del muy para por como también pero una unos".split()),
    "it": frozenset("che della delle degli sono anche molto questo questa perché".split()),
}
# Very common Polish / Czech function words (the languages pyspellchecker does not ship).
_SLAVIC = {
    "pl": frozenset("nie jest przez oraz tylko jako tego jego jej ich dla przy tak juz ale lub czy gdy "
                    "bardzo kiedy ktory ktora ktore roku ponad jednak wiec bylo byly zostal zostala "
                    "miedzy takze mozna teraz".split()),
    "cs": frozenset("jsou byl byla bylo jako jeho jejich ktery ktera ktere take nebo kdyz podle proto "
                    "tento tato toto mezi jeste velmi roku pouze uz protoze nebyl zde pokud tady".split()),
}


_RARE_IN_ENGLISH = 100  # an English frequency this low loses to a common foreign word (campos, affaire)
_ELISIONS = ("l", "d", "s", "qu", "n", "j", "c", "m", "t")  # French l'/d'/qu'... glued to the next word
# Inflections English words never end in: an English stem given a foreign ending ("revelaciones",
# "depressione", "Sicherheit"), for words no word list has.
_SUFFIX_LANGS = {
    "es": ("ciones", "ción", "mente"), "it": ("zione", "zioni", "ione", "ioni"),
    "de": ("ungen", "keit", "heit", "schaft", "ität", "ismus"), "pt": ("ação", "ções"),
}
_FOREIGN_SUFFIX = re.compile(
    "(?:" + "|".join(sorted((x for g in _SUFFIX_LANGS.values() for x in g), key=len, reverse=True)) + ")$"
)
_CLITICS = ("n't", "'s", "'re", "'ve", "'ll", "'d")  # English endings glued to an untranslated stem


@lru_cache(maxsize=32768)
def foreign_language(low: str) -> str | None:
    """The language a lowercased non-English word most likely belongs to, or None if it looks English."""
    for lang, words in _FUNCTION_WORDS.items():
        if low in words and en_freq(low) < 20_000:
            return lang
    freq = en_freq(low)
    if freq > _RARE_IN_ENGLISH:
        return None
    found = foreign.lookup(low)
    if freq:
        return found[0] if found and found[1] else None
    plain = unicodedata.normalize("NFKD", low).encode("ascii", "ignore").decode()
    for lang, words in _SLAVIC.items():
        if plain in words:
            return lang
    if found:
        return found[0]
    elided = _elided(low)
    if elided:
        return elided
    stem = _with_clitic(low)
    if stem:
        return foreign_language(stem)
    if len(low) >= 10 and _german_compound(low):
        return "de"
    suffix = _FOREIGN_SUFFIX.search(low) if len(low) >= 6 else None
    if suffix:
        return next(lang for lang, group in _SUFFIX_LANGS.items() if suffix.group() in group)
    if _FOREIGN_LETTERS.search(low):
        return "foreign"
    return None


def _telltale(low: str) -> bool:
    """A function word of another language, or a foreign ending: never a typo of an English word."""
    plain = unicodedata.normalize("NFKD", low).encode("ascii", "ignore").decode()
    return (any(low in words for words in _FUNCTION_WORDS.values()) or any(plain in words for words in _SLAVIC.values())
            or bool(_FOREIGN_SUFFIX.search(low)))


def _elided(low: str) -> str | None:
    """"fr" for a French elided form (d'admirer, l'accord): the article glued to a French word."""
    head, sep, rest = low.partition("'")
    if sep and head in _ELISIONS and len(rest) >= 3:
        found = foreign.lookup(rest)
        if found and found[0] == "fr":
            return "fr"
    return None


def _with_clitic(low: str) -> str | None:
    """The stem of a foreign word given an English ending (pouvaisn't -> pouvais), if any."""
    for clitic in _CLITICS:
        if low.endswith(clitic) and len(low) - len(clitic) >= 3:
            return low[: -len(clitic)]
    return None


def _german_compound(low: str) -> bool:
    """A compound whose head is a German word and whose first part is a word (Teammitglieder)."""
    for i in range(3, len(low) - 5):
        head, first = low[i:], low[:i]
        found = foreign.lookup(head)
        if found and found[0] == "de" and (
            en_freq(first) >= 1000 or foreign.lookup(first) is not None
            or first.endswith("s") and foreign.lookup(first[:-1]) is not None  # Fugen-s: Sicherheits+berater
        ):
            return True
    return False


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
    if foreign.is_common(low):
        return False  # a word another language really uses (importante), not a slip
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

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        if not pair.is_aligned:
            return
        refs = None
        folded = None
        for tok in pair.cand_tokens:
            if not tok.is_word or tok.text.isascii() and en_freq(tok.text.lower()) >= 20_000:
                continue
            for word, start, end in word_parts(tok):
                if len(word) < 2 or is_acronym(word) or _CAMEL.search(word):
                    continue  # CamelCase: a name (McDonald) or fused words (EcuadorChinese), not a language slip
                low = word.lower()
                if en_freq(low) and not (word[0].islower() and foreign_language(low)):
                    continue
                if refs is None:
                    refs = ref_words(pair)
                if low in refs:
                    continue
                lang = foreign_language(low)
                if lang is not None and low.isascii() and not _telltale(low) and _typo_of_english(low, refs):
                    continue  # a slip of the keyboard: the spelling detector reports it
                if lang is None:
                    if word[0].islower() and len(low) >= 4 and low.isalpha() and _not_english(low, refs):
                        yield self.flag(pair, f'"{word}" is not an English word (untranslated or garbled?)', None,
                                        (start, end), severity="minor")
                    continue
                if word[0].isupper() and (low in _proper_nouns() or _joins_adjacent(low, pair)):
                    continue  # a known name, or a respaced one ("Hongkong"): the name detector's business
                plain = unicodedata.normalize("NFKD", low).encode("ascii", "ignore").decode()
                if folded is None:
                    folded = doc_keys(pair.ref_parts).words  # accents dropped, hyphenated words also split
                if plain in folded and not (word[0].islower() and plain != low and en_freq(plain)):
                    continue  # the same word without accents: a spelling of a name (but "évaluations" is French)
                label = _LANG_NAMES.get(lang, "foreign")
                severity = None
                note = ""
                if word[0].isupper():
                    near = _near_name(plain, folded)
                    if near:
                        severity, note = "minor", f' (or the local spelling of "{near}")'
                yield self.flag(pair, f'untranslated {label} word "{word}"{note}', None, (start, end),
                                severity=severity)


def _joins_adjacent(low: str, pair: SegmentPair) -> bool:
    words = [t.lower for t in pair.ref_tokens if t.is_word]
    return any(a + b == low or a + "-" + b == low for a, b in zip(words, words[1:]))


def _near_name(plain: str, words: frozenset[str]) -> str | None:
    """A reference word this capitalised word may be a local spelling of (Napoli/Naples, Mangas/manga)."""
    for w in words:
        if len(w) >= 3 and abs(len(w) - len(plain)) <= 3 and (
            plain.startswith(w) or w.startswith(plain) or fuzz.ratio(plain, w) >= 65
        ):
            return w
    return None
