"""What marks a proper noun: its comparison key, CamelCase, the capitalised lemmas lemminflect knows,
calendar words (capitalised, yet no names)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from ..text import Token, fold
from .english import POSSESSIVE, en_freq, typo_like
from .exonyms import place_names
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


@lru_cache(maxsize=16384)
def exonyms_of(key: str) -> frozenset[str]:
    """Other names of the place this name key names: the list above, then iso-codes' and CLDR's forms in
    Europe's languages (Plitvice's country: Croatia, Kroatien, Hrvatska), then a place's adjectives that
    WordNet puts in one synset (Filipino / Philippine). Its noun synsets are left out: one holds "China"
    beside "Taiwan"."""
    return EXONYMS.get(key, frozenset()) | (place_names(key) - {key}) | _adjective_aliases(key)


def _adjective_aliases(key: str) -> frozenset[str]:
    from . import wordnet

    nouns = proper_nouns()
    if key not in nouns:
        return frozenset()
    return frozenset(s for s in wordnet.adjective_synonyms(key) if s != key and s in nouns)


def other_place(a: str, b: str) -> bool:
    """Two keys that name two different places (Austria / Australia, Niger / Nigeria), not one's forms."""
    names = place_names(a)
    return bool(names) and b not in names and bool(place_names(b))


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


# Latin letters that Unicode does not decompose into a base letter and a mark, so NFKD would drop them
# (Jarosław would become "jarosaw"): written as English writes them (Jaroslaw, Sørensen / Sorensen).
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŀ": "l",
                               "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})


@lru_cache(maxsize=65536)  # by word, not by text: the same words recur in every document
def name_key(text: str) -> str:
    """A word as names are compared: folded (curly quotes and dashes as ASCII: "Saffir–Simpson" keeps its
    dash), lowercased, possessive and dots removed, accents dropped."""
    key = POSSESSIVE.sub("", fold(text)).replace(".", "").lower()
    if not key.isascii():
        key = unicodedata.normalize("NFKD", key.translate(_UNDECOMPOSED)).encode("ascii", "ignore").decode() or key
    return key


# Spellings that do not change who or where a name refers to (Uyghur/Uighur, Gadaffi/Gaddafi, Khan/Kan).
# A vowel changed is not among them: Pelosi -> Palosi is a respelled name, whoever else spells it so.
# First the correspondences between the systems that write one foreign sound in Latin letters, each a fact
# of a language or a romanisation standard, then the English spelling folds. Order matters: "tsu" is read
# before "ts", "sch" before "ch", "ll" and "j" before "y" becomes "i".
_ROMANISATION = (
    (re.compile(r"tsch"), "ch"),  # German tsch = English ch (Tschechow / Chekhov)
    (re.compile(r"sch"), "sh"),  # German sch = English sh (Schostakowitsch / Shostakovich)
    (re.compile(r"dzh"), "j"),  # Russian дж (Dzhokhar / Jokhar)
    (re.compile(r"(?<=[a-z])kh"), "h"),  # Russian х inside a word: kh or h (Mikhail / Mihail)
    (re.compile(r"^hs|(?<=[^aeiou])hs"), "x"),  # Wade-Giles hs = pinyin x (Hsu / Xu, Hsieh / Xie)
    (re.compile(r"ks"), "x"),  # кс: ks or x (Aleksandr / Alexandr)
    (re.compile(r"(?<=[aeiou])ll(?=[aeiou])"), "y"),  # Spanish ll is y (Mallorca / Majorca)
    (re.compile(r"(?<=[bdgjkt])h"), ""),  # an aspirate marked or not (Jhajjar / Jajjar, Bhutto, Kh/K)
    (re.compile(r"(?<=[a-ik-z])j(?=[aeiou])|(?<=[aeiou])j$"), "y"),  # German, Slavic j = English y (Netanjahu)
    (re.compile(r"^ye|(?<=[aeiou])ye"), "e"),  # Cyrillic е initially or after a vowel: ye or e (Yevmenov / Evmenov)
    (re.compile(r"ow(?=[bcdfghjklmnpqrtvxz])"), "au"),  # one diphthong: English ow, German au (Dowden / Dauden)
    (re.compile(r"w"), "v"),  # German, Polish w = v (Plitwitz / Plitvice, Wladimir / Vladimir)
    (re.compile(r"(?<=[a-z])ecko$"), "ek"),  # Czech: the region around a town (Frýdecko / Frýdek)
    (re.compile(r"(?<=[bdgkpt])r$"), "er"),  # Slavic final -r after a consonant = English -er (Petr / Peter)
    (re.compile(r"(?<=o)f+$"), "v"),  # Russian final -ов: -ov, -off (Rachmaninoff / Rachmaninov)
    (re.compile(r"tsu"), "tu"),  # Hepburn tsu = Kunrei tu
    (re.compile(r"tz|ts(?=[aeiou])"), "c"),  # Slavic c = ts = German tz; pinyin c = Wade-Giles ts (Tsai / Cai)
    (re.compile(r"c(?![eihy])|ck|q"), "k"),  # hard c = k (Carl / Karl, Kolonko / Colonko)
)
_ENGLISH_FOLD = (
    (re.compile(r"ph"), "f"), (re.compile(r"y"), "i"), (re.compile(r"([a-z])\1+"), r"\1"),
    (re.compile(r"(?<=[a-z]{4})ean$"), "ian"),  # a demonym's two spellings (Ecuadorean / Ecuadorian)
)
# Japanese names (a word of Japanese syllables only): Hepburn and Kunrei-shiki spellings, long vowels written
# or not (Ōno / Ohno / Ono), and rendaku, the voicing of a compound's second part (Asanokawa / Asanogawa).
_JAPANESE = re.compile(r"^(?:(?:[kgsztdnhbpmr]y?|sh|ch|j|ts|f|y|w)?[aeiou](?:h(?![aeiouy]))?|n(?![aeiouy]))+$")
_JAPANESE_FOLD = (
    (re.compile(r"shi"), "si"), (re.compile(r"chi"), "ti"), (re.compile(r"fu"), "hu"), (re.compile(r"ji"), "zi"),
    (re.compile(r"ou|oh(?![aeiou])"), "o"), (re.compile(r"(?<=[aeiou])(?:gawa|kawa)"), "kawa"),
    (re.compile(r"(?<=[aeiou])[sz]aki"), "saki"), (re.compile(r"(?<=[aeiou])(?:jima|zima|sima)"), "sima"),
    (re.compile(r"(?<=[aeiou])[hb]ashi"), "hasi"), (re.compile(r"(?<=[aeiou])[hb]ara"), "hara"),
    (re.compile(r"(?<=[aeiou])[kg]uchi"), "kuti"),
)
_FRENCH_RE = re.compile(r"(?<=[bcdgptv])re$")  # French and British -re = American -er (Chambre / Chamber)
_WORD = 100  # an English word at least this frequent is a word, not a spelling of a name
_LONG = 8  # a final -e is dropped only from long names: Plitvice / Plitwitz, not Browne / Brown


@lru_cache(maxsize=65536)
def variant_key(key: str) -> str:
    """A name key with spelling variation folded away: two keys that agree spell one name."""
    if "-" in key:  # each part alone; with a hyphen or without, one name (Anticorruption / Anti-Corruption)
        return "".join(map(variant_key, key.split("-")))
    out = key
    if _JAPANESE.match(out):
        for rx, rep in _JAPANESE_FOLD:
            out = rx.sub(rep, out)
    out = _FRENCH_RE.sub("er", out)
    if len(out) >= _LONG and out.endswith("e"):
        out = out[:-1]  # a final schwa that German and English drop (Gletscherspitze / Glecherspitz)
    for rx, rep in _ROMANISATION + _ENGLISH_FOLD:
        out = rx.sub(rep, out)
    return out


def spelling_variant(a: str, b: str) -> bool:
    """Two name keys that write one name: the same after the romanisation and spelling folds, and not two
    English words (Dragoon / Dragon, Finals / Final are different words, whatever their spelling)."""
    if a == b or variant_key(a) != variant_key(b):
        return False
    return not all(en_freq(k) >= _WORD and k not in proper_nouns() for k in (a, b))


# Endings of one Latin suffix in the languages whose names are translated into English, by the English ending:
# Polish -cja, Spanish -ción, Italian -zione, Russian -tsiya are -tion (Rewolucja / Revolution); Polish -yczna,
# Italian -ico, French -ique, German -isch are -ic (Patriotyczna / Patriotic).
_COGNATE_ENDINGS = {
    "tion": re.compile(r"(?:cja|cion|zione|zion|tsiya|tsija|cija|tion)$"),
    "ic": re.compile(r"(?:[iy]czn[aey]|[iy]czn[iy]ch|ick[aiyeo]|ico|ica|ique|isch|ische|ischen|ichna|ichny|ichnyi)$"),
}


COGNATE_ENDINGS = tuple(_COGNATE_ENDINGS)  # an English cognate ends so (str.endswith takes the tuple)


def translated_cognate(ref_word: str, cand_word: str) -> bool:
    """A foreign word of a name and its English cognate: the name translated, not another one."""
    ending = next((e for e in _COGNATE_ENDINGS if cand_word.endswith(e)), None)
    if ending is None or en_freq(ref_word) >= _WORD or not en_freq(cand_word):
        return False
    stem, n = _COGNATE_ENDINGS[ending].subn("", ref_word)
    return bool(n) and len(stem) >= 4 and variant_key(stem) == variant_key(cand_word[: -len(ending)])


# Genitive endings of names in the Slavic and Baltic languages (Maxa, Putina, Tuska, Orbána, Jonasa).
_GENITIVE = ("a", "u", "y", "i", "ego", "as", "o")


def genitive_of(ref_word: str, cand_word: str) -> bool:
    """The reference writes the name in a genitive case ending ("Maxa"), the copy the bare name ("Max")."""
    return (len(cand_word) >= 3 and ref_word.startswith(cand_word) and ref_word[len(cand_word):] in _GENITIVE
            and en_freq(ref_word) < _WORD)


def another_form(ref_key: str, cand_key: str) -> bool:
    """The copy's name key writes the reference's another accepted way: an exonym (Kiev / Kyiv) or a
    romanisation variant (Plitvice / Plitwitz)."""
    return cand_key in exonyms_of(ref_key) or spelling_variant(ref_key, cand_key)


def respelled_in_copy(ref_word: str, cand_word: str) -> bool:
    """A word of a multi-word name written another accepted way in the copy: another form of it, its English
    cognate, or a dropped or swapped letter into no English word (S101's misspelling, not another name)."""
    if another_form(ref_word, cand_word) or translated_cognate(ref_word, cand_word):
        return True
    return typo_like(cand_word, ref_word) and not en_freq(cand_word)


# Words English derives from a name: Congress / congressional, Kenya / Kenyan, Japan / Japanese.
_DERIVED = ("al", "ional", "ian", "an", "n", "ese", "ic", "ish", "ite", "ist")


def derived_word(key: str, words: frozenset[str]) -> bool:
    """A word of these derived from the name (its adjective or demonym): the name is still there."""
    if len(key) < 4:
        return False
    stems = (key, key[:-1]) if key[-1] in "aey" else (key,)
    return any(stem + suffix in words for stem in stems for suffix in _DERIVED)


# Units of measure named after people: capitalised, yet no name after "degrees" or before "scale".
_UNIT_NAMES = frozenset(("celsius", "fahrenheit", "kelvin", "reaumur", "richter", "beaufort", "mercalli"))


def eponymous_unit(tokens: Sequence[Token], i: int) -> bool:
    """Is tokens[i] a unit ("25 degrees Celsius", "the Richter scale"), not a person?"""
    if tokens[i].lower not in _UNIT_NAMES:
        return False
    before = tokens[i - 1].lower if i else ""
    after = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    return before in ("degree", "degrees", "°") or after == "scale"


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
