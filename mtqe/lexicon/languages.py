"""Which language a word that is not English belongs to: foreign function words, the foreign-word index,
Slavic function words, French elisions, German compounds, foreign endings and letters."""

from __future__ import annotations

import bisect
import gzip
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from . import foreign
from .english import en_freq

LANGUAGE_NAMES = {"de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
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
    slavic = _slavic_language(low)
    if slavic:
        return slavic  # gracze, kapusty: Polish or Czech written in plain letters
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


@lru_cache(maxsize=1)
def _slavic_lines() -> tuple[str, ...]:
    """Polish and Czech words in ASCII letters that English does not use (data/slavic_words.tsv.gz, derived
    once from wordfreq by slavic_build.py; licence data/SLAVIC-LICENSE): sorted ``word<TAB>language`` lines,
    searched by bisection (a dict of 90,000 words would cost every process ~0.1 s to build). A tuple, which
    the cyclic GC stops tracking: its full collections no longer walk the 90,000 lines."""
    with resources.files(__package__).joinpath("data").joinpath("slavic_words.tsv.gz").open("rb") as raw:
        return tuple(gzip.decompress(raw.read()).decode("utf-8").splitlines())


@lru_cache(maxsize=32768)
def _slavic_language(low: str) -> str | None:
    lines = _slavic_lines()
    i = bisect.bisect_left(lines, low + "\t")
    return lines[i][len(low) + 1:] if i < len(lines) and lines[i].startswith(low + "\t") else None


def slavic_word(low: str) -> bool:
    """A word of the Polish and Czech table (a language of its own, with no typo of English among them)."""
    return _slavic_language(low) is not None


def telltale(low: str) -> bool:
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
