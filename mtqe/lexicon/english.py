"""The offline English lexicon: words with frequencies, British spellings, possessives and typo edits.

pyspellchecker's frequency list (American spelling, ~160k forms) joined with the forms of lemminflect's
inflection table; British spellings are accepted by mapping them to American ones.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from rapidfuzz.distance import Levenshtein

from ..text import Token, fold
from .inflections import inflection_rows

POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_PLAIN_WORD = re.compile(r"^[^\W\d_]+(?:['\-][^\W\d_]+)*$")
_INFLECTED_ONLY = 60  # the frequency given to forms only lemminflect knows

# British -> American rewrites tried when a word is not found as it is.
_BRITISH = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"ise(d|s|r|rs)?$"), r"ize\1"),
    (re.compile(r"ising$"), "izing"),
    (re.compile(r"yse(d|s)?$"), r"yze\1"),
    (re.compile(r"ysing$"), "yzing"),
    (re.compile(r"our(s|ed|ing|ful|ite|ites|able|less)?$"), r"or\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"([aeiou])ll(ed|ing|er|ers)$"), r"\1l\2"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ence(s)?$"), r"ense\1"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe"), "e"),
)


@lru_cache(maxsize=65536)
def american(word: str) -> str:
    """A lowercased word with British spellings rewritten the American way (organisation -> organization,
    labour -> labor): two words that agree here differ only in house style."""
    for rx, rep in _BRITISH:
        word = rx.sub(rep, word)
    return word


def spellchecker_resources() -> Path:
    """pyspellchecker's word-frequency lists (en, de, fr, es, it, pt, nl, ru, ...)."""
    import spellchecker

    return Path(spellchecker.__file__).parent / "resources"


@lru_cache(maxsize=1)
def english() -> dict[str, int]:
    """Lowercased English word -> frequency (lemminflect-only forms get a small frequency)."""
    with gzip.open(spellchecker_resources() / "en.json.gz", "rt", encoding="utf-8") as fh:
        freq: dict[str, int] = json.load(fh)
    for _, fields in inflection_rows():
        for form in fields:
            form = form.lower()
            if form.isalpha() and form not in freq:
                freq[form] = _INFLECTED_ONLY
    return freq


@lru_cache(maxsize=65536)
def en_freq(word: str) -> int:
    """Frequency of a lowercased word in English, accepting British spellings and possessives; 0 if unknown."""
    lex = english()
    word = POSSESSIVE.sub("", word)
    f = lex.get(word, 0)
    if f:
        return f
    for rx, rep in _BRITISH:
        alt = rx.sub(rep, word)
        if alt != word and alt in lex:
            return lex[alt]
    return 0


def edits1(word: str) -> Iterable[str]:
    """Every string one deletion, transposition, substitution or insertion away (Norvig)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for a, b in splits:
        if b:
            yield a + b[1:]
        if len(b) > 1:
            yield a + b[1] + b[0] + b[2:]
        for c in _ALPHABET:
            if b:
                yield a + c + b[1:]
            yield a + c + b


@lru_cache(maxsize=16384)
def best_english_neighbour(word: str, min_freq: int = 1000) -> str | None:
    """The most frequent English word one edit from ``word`` (frequency at least ``min_freq``)."""
    lex = english()
    best, best_f = None, min_freq - 1
    for cand in edits1(word):
        f = lex.get(cand, 0)
        if f > best_f:
            best, best_f = cand, f
    return best


def typo_like(wrong: str, right: str) -> bool:
    """A slip of the keyboard rather than a different word: a dropped, doubled or swapped letter."""
    w, r = wrong.lower(), right.lower()
    if w == r:
        return False
    if len(w) == len(r) - 1 or len(w) == len(r) + 1:  # a dropped or an added letter
        return Levenshtein.distance(w, r) == 1
    if len(w) == len(r):  # two adjacent letters swapped
        diff = [i for i in range(len(w)) if w[i] != r[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and w[diff[0]] == r[diff[1]] and w[diff[1]] == r[diff[0]]
    return False


def is_acronym(word: str) -> bool:
    return len(word) <= 6 and word.isupper()


@lru_cache(maxsize=65536)
def word_forms(word: str) -> tuple[str, ...]:
    """The lowercased word, without its possessive, and its hyphenated parts: "Kenya-based's" -> ..."""
    low = word.lower()
    return (low, POSSESSIVE.sub("", low), *(low.split("-") if "-" in low else ()))


def words_of_text(tokens: Iterable[Token]) -> frozenset[str]:
    """Every ``word_forms`` of a text's word tokens: for 'did the reference use this word?'."""
    out: set[str] = set()
    for t in tokens:
        if t.is_word:
            out.update(word_forms(t.text))
    return frozenset(out)


def word_parts(tok: Token) -> list[tuple[str, int, int]]:
    """Plain alphabetic parts of a word token (split on hyphens, possessive dropped), with offsets."""
    start = tok.start
    return [(core, start + a, start + b) for core, a, b in _parts_of(tok.text)]


@lru_cache(maxsize=65536)  # by word: two detectors ask for every word of every copy sentence
def _parts_of(word: str) -> tuple[tuple[str, int, int], ...]:
    text = fold(word)  # a curly apostrophe (aujourd’hui) is still one word
    if not _PLAIN_WORD.match(text):
        return ()
    out = []
    pos = 0
    for part in text.split("-"):
        core = POSSESSIVE.sub("", part)
        # contractions (don't, we've) are in the lexicon whole
        if "'" not in core or not en_freq(core.lower()) > 0:
            out.append((core, pos, pos + len(core)))
        pos += len(part) + 1
    return tuple(out)
