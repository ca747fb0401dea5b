"""What marks a proper noun: its comparison key, CamelCase, the capitalised lemmas lemminflect knows,
calendar words (capitalised, yet no names)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from ..text import Token
from .english import POSSESSIVE
from .inflections import inflection_rows

CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # the joint of "EcuadorChinese", "McDonald"

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
CALENDAR = frozenset(WEEKDAYS + MONTHS)
# Abbreviations as newsrooms write them (AP style: Jan., Feb., Aug., Sept., Oct., Nov., Dec.; Mon, Tue...).
CALENDAR_ABBREVIATIONS = {
    "mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "thu": "thursday",
    "thur": "thursday", "thurs": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday",
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july",
    "aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november",
    "dec": "december",
}


# Two names of one place, one the English exonym or the former name: a house-style choice, not another
# place (reported as a minor spelling variant).
_EXONYM_PAIRS = (
    "kyiv kiev|beijing peking|mumbai bombay|kolkata calcutta|chennai madras|myanmar burma|yangon rangoon|"
    "turkey turkiye|eswatini swaziland|belarus byelorussia|moldova moldavia|guangzhou canton|"
    "bengaluru bangalore|macau macao|gdansk danzig|cologne koln|munich munchen|florence firenze|"
    "venice venezia|lisbon lisboa|prague praha|warsaw warszawa|moscow moskva|naples napoli|vienna wien|"
    "brussels bruxelles|antwerp antwerpen|seville sevilla|kharkiv kharkov|odesa odessa|lviv lvov|"
    "chisinau kishinev|almaty alma-ata|tbilisi tiflis|pyongyang pyeongyang|gaddafi qaddafi"
)
EXONYMS: dict[str, frozenset[str]] = {}
for _pair in _EXONYM_PAIRS.split("|"):
    _a, _b = _pair.split()
    EXONYMS[_a] = EXONYMS.get(_a, frozenset()) | {_b}
    EXONYMS[_b] = EXONYMS.get(_b, frozenset()) | {_a}


@lru_cache(maxsize=1)
def proper_nouns() -> frozenset[str]:
    """Capitalised lemmas (and their forms) of lemminflect's lexicon: well-known places, people, peoples."""
    return frozenset(
        form.lower()
        for line, fields in inflection_rows()
        if line[:1].isupper()
        for form in fields
        if form[:1].isupper()
    )


@lru_cache(maxsize=65536)  # by word, not by text: the same words recur in every document
def name_key(text: str) -> str:
    """A word as names are compared: lowercased, possessive and dots removed, accents dropped."""
    key = POSSESSIVE.sub("", text).replace(".", "").lower()
    if not key.isascii():
        key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode() or key
    return key


# Spellings that do not change who or where a name refers to (Uyghur/Uighur, Gadaffi/Gaddafi, Khan/Kan).
# A vowel changed is not among them: Pelosi -> Palosi is a respelled name, whoever else spells it so.
_VARIANT_FOLD = (
    (re.compile(r"ph"), "f"), (re.compile(r"y"), "i"), (re.compile(r"([a-z])\1+"), r"\1"),
    (re.compile(r"ck|q"), "k"), (re.compile(r"(?<=[kgd])h"), ""),
)


@lru_cache(maxsize=65536)
def variant_key(key: str) -> str:
    """A name key with spelling variation folded away: two keys that agree spell one name."""
    out = key
    for rx, rep in _VARIANT_FOLD:
        out = rx.sub(rep, out)
    return out


@dataclass(frozen=True, slots=True)
class NameKeys:
    """A text's word keys, read in one pass (every name comparison needs all three)."""

    words: frozenset[str]  # every word and number, accents dropped; hyphenated words also split
    caps: frozenset[str]  # the capitalised words
    joined: str  # " key key ... ": for multi-word alias lookups

    @classmethod
    def of(cls, tokens: Iterable[Token]) -> NameKeys:
        tokens = [t for t in tokens if t.is_word or t.is_number]
        keys = list(map(name_key, [t.text for t in tokens]))
        words = set(keys)
        for k in keys:
            if "-" in k:
                words.update(k.split("-"))
        caps = {k for t, k in zip(tokens, keys) if t.is_word and t.text[0].isupper()}
        return cls(frozenset(words), frozenset(caps), " " + " ".join(keys) + " ")

    @classmethod
    def union(cls, parts: Sequence[NameKeys]) -> NameKeys:
        """The keys of a text made of these parts (a document of sentences)."""
        if len(parts) == 1:
            return parts[0]
        return cls(
            frozenset().union(*(k.words for k in parts)),
            frozenset().union(*(k.caps for k in parts)),
            "".join(k.joined for k in parts),
        )
