"""Surface damage a reader notices at once: repeated words, tokenizer spacing, lost or stray punctuation."""

from __future__ import annotations

import re
from operator import eq
from typing import Iterator

from ..report import Flag
from ..text import fold
from .base import Detector, SegmentPair, register

# A word or a run of up to four words said twice in a row ("the the", "in the city in the city").
_REPEAT = re.compile(r"\b((?:[^\W\d_]+[\s,]+){0,3}[^\W\d_]+)\s+\1\b", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]+")
# Tokenizer output: a space before closing punctuation or inside contractions ("word ,", "do n't").
_TOKEN_SPACE = re.compile(r"\w \.$|\w [,;:!?%)](?!\S*\w\.)|\( \w| n't\b| '(?:s|re|ve|ll|d)\b")
# Every branch of _TOKEN_SPACE has a space before one of these marks, or "( ": a literal-led search in C.
_TOKEN_SPACE_HINT = re.compile(r" [.,;:!?%)n']|\( ")
_END_MARKS = frozenset(".!?…\"')]")  # a sentence ends with one of these, then only whitespace
# Doubled marks ("22,,"), a mark glued to the next word (" ,word"), symbols prose never glues to a word
# ("the^", "of~", "and_"), a full stop, "!" or "?" before a lower-case word ("there. are"), a dangling
# hyphen ("Zhengyu- said"; "pre- and post-war" is fine).
# The leading lookahead lets the search skip, in one test, every position no branch can start at.
_STRAY_PUNCT = re.compile(
    r"(?=[,;:\s~^_|.!?-])(?:([,;:])\s*[,;:.]|\s[,.;:](?=\w)|(?<=\w)[~^_|]+(?=\s|$|[,.;:])"
    r"|(?<=[^\W\d_]{3})[.!?]\s+(?=[a-z])|(?<=[^\W\d_]{2})-\s+(?!(?:and|or|to|und)\b)(?=\w))"
)


def _ends_punctuated(text: str) -> bool:
    """The last character before trailing whitespace closes a sentence (str.rstrip strips exactly what
    a regex's \\s matches, so this is the search for a closing mark, then whitespace, then the end)."""
    return text.rstrip()[-1:] in _END_MARKS


def _may_repeat(text: str) -> bool:
    """Whether some letter run recurs 1-4 runs later: necessary for a _REPEAT match, and checked in C.
    Two sentences in three fail it, which spares them the regex (four times the cost). In ASCII text,
    where lower-casing is the regex's case folding, the k runs after it must repeat all k runs: a
    recurring "the" three words on ("the city and the") is no repeated phrase, and spares the regex too."""
    runs = list(map(str.lower, _LETTERS.findall(text)))
    strict = text.isascii()
    for k in (1, 2, 3, 4):
        if any(map(eq, runs, runs[k:])):
            if k == 1 or not strict:
                return True
            if any(runs[i:i + k] == runs[i + k:i + 2 * k] for i in range(len(runs) - 2 * k + 1)):
                return True
    return False


@register
class RepeatedWords(Detector):
    """A word or phrase is repeated back to back in the copy but not in the reference.

    ref:  The council approved the plan on Monday.
    cand: The council approved the the plan on Monday.
    """

    code = "F101"
    category = "repetition"
    severity = "minor"
    evidence = 0.7

    def check(self, pair: SegmentPair) -> Iterator[Flag]:
        if not _may_repeat(pair.cand):
            return
        ref_low = pair.ref.lower()
        for m in _REPEAT.finditer(pair.cand):
            doubled = m.group(0).lower()
            if doubled in ref_low:  # "had had", "that that" written by the author
                continue
            yield self.flag(pair, f'"{m.group(1)}" is repeated', cand_span=(m.start(), m.end()))


@register
class TokenizerSpacing(Detector):
    """The copy has tokenizer-style spacing (a space before punctuation or inside a contraction).

    ref:  He said he didn't know, and left.
    cand: He said he did n't know , and left .
    """

    code = "F102"
    category = "punctuation"
    severity = "minor"
    aligned_only = False
    evidence = 0.7

    def check(self, pair: SegmentPair) -> Iterator[Flag]:
        if not pair.cand:
            return
        cand = fold(pair.cand)
        if not _TOKEN_SPACE_HINT.search(cand):
            return
        ref = fold(pair.ref)
        m = _TOKEN_SPACE.search(cand)
        if m and not _TOKEN_SPACE.search(ref):
            yield self.flag(pair, "spacing around punctuation looks like raw tokenizer output", cand_span=(m.start(), m.end()))


@register
class PunctuationDamage(Detector):
    """The copy lost its final punctuation or gained stray punctuation the reference does not have.

    ref:  Shares rose 3% on Tuesday.
    cand: Shares rose 3% on Tuesday
    """

    code = "F103"
    category = "punctuation"
    severity = "minor"
    evidence = 0.7

    def check(self, pair: SegmentPair) -> Iterator[Flag]:
        cand, ref = fold(pair.cand), fold(pair.ref)
        if _ends_punctuated(ref) and not _ends_punctuated(cand) and cand.rstrip()[-1:].isalnum():
            end = len(pair.cand.rstrip())
            yield self.flag(pair, "the sentence has lost its final punctuation", cand_span=(max(0, end - 1), end))
        m = _STRAY_PUNCT.search(cand)
        if m and not _STRAY_PUNCT.search(ref):
            yield self.flag(pair, f'stray punctuation "{pair.cand[m.start():m.end()].strip()}"', cand_span=(m.start(), m.end()))
