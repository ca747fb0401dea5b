"""Spelling detectors, and the offline English lexicon other detectors share.

The English lexicon is pyspellchecker's frequency list (American spelling, ~160k forms) joined with
lemminflect's inflection table; British spellings are accepted by mapping them to American ones.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from ..report import Flag
from ..text import Token, fold, per_document, tokenize
from .base import Detector, SegmentPair, register

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)
_PLAIN_WORD = re.compile(r"^[^\W\d_]+(?:['\-][^\W\d_]+)*$")
_SENT_END = re.compile(r"[.!?]")

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


def _resources() -> Path:
    import spellchecker  # pyspellchecker: word-frequency lists for en, de, fr, es, it, pt, nl, ru, ...

    return Path(spellchecker.__file__).parent / "resources"


@lru_cache(maxsize=None)
def english() -> dict[str, int]:
    """Lowercased English word -> frequency (lemminflect-only forms get a small frequency)."""
    with gzip.open(_resources() / "en.json.gz", "rt", encoding="utf-8") as fh:
        freq: dict[str, int] = json.load(fh)
    try:
        import lemminflect

        path = Path(lemminflect.__file__).parent / "resources" / "infl_lu.csv.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                for form in re.split(r"[,/;]", line.strip()):
                    form = form.lower()
                    if form.isalpha() and form not in freq:
                        freq[form] = 60
    except (ImportError, OSError):  # pragma: no cover - lemminflect is a dependency
        pass
    return freq


@lru_cache(maxsize=65536)
def en_freq(word: str) -> int:
    """Frequency of a lowercased word in English, accepting British spellings and possessives; 0 if unknown."""
    lex = english()
    word = _POSSESSIVE.sub("", word)
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
    if len(w) == len(r) - 1:  # dropped letter
        return Levenshtein.distance(w, r) == 1
    if len(w) == len(r) + 1:  # added letter
        return Levenshtein.distance(w, r) == 1
    if len(w) == len(r):  # two adjacent letters swapped
        diff = [i for i in range(len(w)) if w[i] != r[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and w[diff[0]] == r[diff[1]] and w[diff[1]] == r[diff[0]]
    return False


@per_document
def doc_words(text: str) -> frozenset[str]:
    """Lowercased word forms of a text (possessives stripped), for 'did the reference use this word?'."""
    out: set[str] = set()
    for t in tokenize(text):
        if t.is_word:
            out.update(_word_forms(t.text))
    return frozenset(out)


@lru_cache(maxsize=65536)
def _word_forms(word: str) -> tuple[str, ...]:
    low = word.lower()
    return (low, _POSSESSIVE.sub("", low), *(low.split("-") if "-" in low else ()))


@per_document
def _parts_words(parts: tuple[str, ...]) -> frozenset[str]:
    return doc_words(parts[0]) if len(parts) == 1 else frozenset().union(*map(doc_words, parts))


def ref_words(pair: SegmentPair) -> frozenset[str]:
    """Every word form of the reference document (the segment's own included)."""
    return _parts_words(pair.ref_parts)


def word_parts(tok: Token) -> Iterable[tuple[str, int, int]]:
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
        core = _POSSESSIVE.sub("", part)
        # contractions (don't, we've) are in the lexicon whole
        if "'" not in core or not en_freq(core.lower()) > 0:
            out.append((core, pos, pos + len(core)))
        pos += len(part) + 1
    return tuple(out)


def is_acronym(word: str) -> bool:
    return len(word) <= 6 and word.isupper()


def _closest_ref_word(low: str, refs: frozenset[str]) -> str | None:
    limit = 1 if len(low) < 5 else 2
    best, best_d = None, limit + 1
    for r in refs:
        if abs(len(r) - len(low)) > limit or r[:1] != low[:1] and len(low) < 6:
            continue
        d = DamerauLevenshtein.distance(low, r, score_cutoff=limit)
        if d < best_d:
            best, best_d = r, d
    return best


@register
class Misspelling(Detector):
    """A word that is not English but is one or two letters away from an English or reference word.

    ref: His research shows the effect.
    cand: His reasearch shows the effect.
    """

    code = "S101"
    category = "spelling"
    severity = "minor"

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        if not pair.is_aligned:
            return
        from .language import foreign_language  # shared word-level language guess

        refs = ref_words(pair)
        ref_has_i = "i" in refs
        for tok in pair.cand_tokens:
            if not tok.is_word:
                continue
            if len(tok.text) == 1:
                if tok.text.islower() and tok.text != "a" and not (tok.text == "i" and ref_has_i):
                    yield self.flag(pair, f'stray letter "{tok.text}" (a word lost letters?)', None, (tok.start, tok.end))
                continue
            for word, start, end in word_parts(tok):
                if len(word) < 2 or is_acronym(word):
                    continue
                low = word.lower()
                if low in refs:
                    continue
                freq = en_freq(low)
                if freq:
                    if word[0].isupper() or len(low) < 3:
                        continue
                    # a real word that is a reference word with one letter dropped ("may" for "many")
                    dropped = _dropped_letter_of(low, refs, pair.cand)
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
                near = _closest_ref_word(low, refs) if len(low) >= 3 else None
                if near is None:
                    near = best_english_neighbour(low, min_freq=200 if word[0].islower() else 5000)
                    if len(low) < 3 and near and len(near) <= len(low):
                        near = None  # two letters: only a dropped letter is convincing
                if near is None:
                    continue
                if not low.isascii() or (not typo_like(low, near) and foreign_language(low)):
                    continue  # a foreign word: the language detector reports it
                if word[0].isupper() and not typo_like(low, near):
                    continue  # a name spelled differently: the name detector reports it
                yield self.flag(pair, f'"{word}" is misspelled (did you mean "{near}"?)', None, (start, end))


@per_document(maxsize=2048)
def _by_length_and_initial(refs: frozenset[str]) -> dict[tuple[int, str], tuple[str, ...]]:
    """Reference words bucketed by (length, first letter), sorted: deterministic, and a small bucket to scan."""
    out: dict[tuple[int, str], list[str]] = {}
    for r in refs:
        if r:
            out.setdefault((len(r), r[0]), []).append(r)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _dropped_letter_of(low: str, refs: frozenset[str], cand: str) -> str | None:
    # Only reference words one letter longer with the same first letter can be the source of a dropped
    # letter: a small bucket, checked in C by rapidfuzz (an index of every deletion cost more to build).
    for r in _by_length_and_initial(refs).get((len(low) + 1, low[0]), ()):
        if Levenshtein.distance(low, r, score_cutoff=1) == 1 and r not in doc_words(cand) and en_freq(r) > en_freq(low):
            if not (r == low + "s" or r == low + "d"):  # plural / tense changes are other detectors' business
                return r
    return None
