"""Grammar the reference gets right and the copy breaks: sentence mood, articles, word order.

Round trips through languages without articles, or with free word order, leave exactly these:
"an comet", "a in satellite space", a statement turned into a question by a bad parse.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..report import Flag
from ..text import Token, fold
from .base import Detector, SegmentPair, register

# Auxiliaries that open a yes/no question ("Do scientists want..."); a statement almost never starts so.
# "May", "Will", "Should" and "Had" are left out: a month, a name, conditional inversions.
_QUESTION_AUX = frozenset("do does did is are was were can could would".split())
# A "?" that ends a sentence or a quotation; a "?" before a lower-case word is stray punctuation.
_QUESTION_MARK = re.compile(r"\?(?=\s*$|[\s\"')\]]*(?:\s+[^a-z\s]|$))")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"'(]*(\w+)")


def _questions(text: str) -> list[int]:
    """Offsets of question marks, and of sentence-initial auxiliaries of questions missing their '?'."""
    marks = [m.start() for m in _QUESTION_MARK.finditer(text)]
    for m in _SENTENCE_START.finditer(text):
        word = m.group(1)
        if word[0].isupper() and word.lower() in _QUESTION_AUX:  # lower case after "U.S.": not a new sentence
            end = re.search(r"[.!?]", text[m.end(1):])
            if end is None or end.group() != "?":
                marks.append(m.start(1))
    return sorted(marks)


@register
class MoodShift(Detector):
    """A statement of the original reads as a question in the copy, or a question as a statement.

    ref:  The satellite reflects the call back almost immediately.
    cand: Does the satellite reflect the call back almost immediately?
    """

    code = "V101"
    category = "mood"
    severity = "major"
    evidence = 0.7

    def check(self, pair: SegmentPair) -> Iterator[Flag]:
        ref_q, cand_q = _questions(fold(pair.ref)), _questions(fold(pair.cand))
        if len(cand_q) > len(ref_q):
            at = cand_q[len(ref_q)] if not ref_q else cand_q[-1]
            yield self.flag(pair, "a statement of the original reads as a question in the copy",
                            cand_span=(at, at + 1))
        elif len(ref_q) > len(cand_q):
            at = ref_q[-1]
            yield self.flag(pair, "a question of the original reads as a statement in the copy",
                            ref_span=(at, at + 1))


# Words whose first letter's sound differs from its spelling: "an hour", "a university", "a one-off".
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
_YOU_SOUND = re.compile(r"u(?:ni(?!n)|s[aeu]|ti|r[aeio]|k|bi|ro|ga|ke|vu|la)|eu|ewe|one\b|once\b", re.IGNORECASE)
_VOWEL_U = re.compile(r"u(?:n(?!i)|p|m|l|g|d|x|tt|s\b)", re.IGNORECASE)


def _needs_an(word: str) -> bool | None:
    """True for "an", False for "a", None when spelling alone cannot tell (acronyms, letters, u-words)."""
    if len(word) < 2 or not word[0].isalpha() or word[:2].isupper() or word[1] in ".-'":
        return None
    low = word.lower()
    if low.startswith(_SILENT_H):
        return True
    if _YOU_SOUND.match(low):
        return False
    if low[0] == "u":
        return True if _VOWEL_U.match(low) else None
    if low[0] == "h":
        return None  # "an historic" is still written
    return low[0] in "aeio"


@register
class ArticleAgreement(Detector):
    """"a"/"an" does not fit the next word ("an comet", "a apple") where the reference has no such slip.

    ref:  Scientists say a comet collided with the Earth.
    cand: Scientists say an comet collided with the Earth.
    """

    code = "W101"
    category = "grammar"
    severity = "minor"
    evidence = 0.7

    def check(self, pair: SegmentPair) -> Iterator[Flag]:
        toks = pair.cand_tokens
        ref_low = None
        for art, nxt in zip(toks, toks[1:]):
            if art.text not in ("a", "an", "A", "An") or not nxt.is_word:
                continue
            wants = _needs_an(nxt.text)
            if wants is None or wants == (art.text.lower() == "an"):
                continue
            if ref_low is None:
                ref_low = fold(pair.ref).lower()
            phrase = f"{art.text} {nxt.text}"
            if phrase.lower() in ref_low:
                continue  # the original has the same wording
            yield self.flag(pair, f'"{phrase}": the article does not fit the word', cand_span=(art.start, nxt.end))


# "Korb said" / "said Korb": quotative inversion is a style choice, not a slip.
_REPORTING = frozenset("said says say told tells added adds asked asks wrote writes noted notes explained explains "
                       "stated states replied replies continued continues predicted predicts".split())


def _words(tokens: tuple[Token, ...]) -> list[str]:
    return ["<s>", *[t.text.lower() for t in tokens if t.is_word], "</s>"]


@register
class SwappedWords(Detector):
    """Two neighbouring words of the original appear in swapped order, in the same context
    ("a in satellite space"). Paraphrases reorder whole phrases ("said Korb", "Korb said"), with
    other neighbours; a swap that keeps both neighbours is a slip.

    ref:  When a satellite in space receives a call, it reflects it back.
    cand: When a in satellite space receives a call, it reflects it back.
    """

    code = "W102"
    category = "grammar"
    severity = "minor"
    evidence = 0.3

    def check(self, pair: SegmentPair) -> Iterator[Flag]:
        ref = _words(pair.ref_tokens)
        ref_quads = set(zip(ref, ref[1:], ref[2:], ref[3:]))
        cand = _words(pair.cand_tokens)
        # every four words of the copy with the middle two swapped back: none in the original, no swap
        if ref_quads.isdisjoint(zip(cand, cand[2:], cand[1:], cand[3:])):
            return
        cand_toks = [t for t in pair.cand_tokens if t.is_word]
        for i in range(len(cand) - 3):
            x, b, a, y = cand[i:i + 4]
            if a != b and (x, a, b, y) in ref_quads and (x, b, a, y) not in ref_quads and not _REPORTING & {a, b}:
                tb, ta = cand_toks[i], cand_toks[i + 1]  # cand[i + 1] is cand_toks[i]: "<s>" shifts by one
                yield self.flag(pair, f'"{tb.text} {ta.text}": the original has these words the other way round',
                                cand_span=(tb.start, ta.end))
