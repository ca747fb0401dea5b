"""Case detectors: lowercase sentence starts and names, all-lowercase sentences, capitals mid-sentence."""

from __future__ import annotations

import re
from typing import Iterable

from ..lexicon.english import en_freq
from ..lexicon.sentences import FUNCTION_WORDS, title_case
from ..report import Flag
from ..text import Token
from .base import Detector, SegmentPair, register

_HAS_UPPER = re.compile(r"[A-Z]")


def _ref_sentence_firsts(pair: SegmentPair) -> frozenset[str]:
    return frozenset(t.text for t in pair.context.first_words(pair.ref, pair.ref_starts))


@register
class LowercaseSentenceStart(Detector):
    """A sentence that starts with a lowercase letter (or a lowercase "i" used as a pronoun).

    ref: He went first to Hong Kong.
    cand: he went first to Hong Kong.
    """

    code = "K101"
    category = "case"
    severity = "minor"
    evidence = 0.7

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        ref_firsts = None
        for tok in pair.context.first_words(pair.cand, pair.cand_starts):
            if not tok.text[0].islower() or _HAS_UPPER.search(tok.text):
                continue  # iPhone, eBay keep their lowercase initial
            if ref_firsts is None:
                ref_firsts = _ref_sentence_firsts(pair)
            if tok.text in ref_firsts:
                continue
            yield self.flag(pair, f'sentence starts with a lowercase letter: "{tok.text}"', None, (tok.start, tok.end))
        for tok in pair.cand_tokens:
            if tok.text == "i" or tok.text.startswith("i'") and tok.text in ("i'm", "i've", "i'd", "i'll"):
                yield self.flag(pair, f'the pronoun "I" is written in lowercase ("{tok.text}")', None,
                                (tok.start, tok.end))


@register
class AllLowercase(Detector):
    """A whole sentence in lowercase where the original has capitals.

    ref: Scientists met in Geneva on Tuesday.
    cand: scientists met in geneva on tuesday.
    """

    code = "K102"
    category = "case"
    severity = "minor"
    evidence = 0.5

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        cand = pair.cand
        # str methods and map keep these character scans in C
        if not cand.islower() or sum(map(str.isalpha, cand)) < 15 or not any(map(str.isupper, pair.ref)):
            return
        yield self.flag(pair, "the whole sentence is in lowercase", None, (0, len(cand)))


@register
class LowercasedName(Detector):
    """A capitalised name of the original written in lowercase.

    ref: The boy was treated at the Children's Hospital in Graz.
    cand: The boy was treated at the Children's Hospital in graz.
    """

    code = "K103"
    category = "case"
    severity = "minor"

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        # a finding needs a capitalised reference word the copy writes in lower case: two set tests first
        cand_lower = {t.text for t in pair.cand_tokens if t.is_word and t.text.islower()}
        if not cand_lower or cand_lower.isdisjoint(
                [t.text.lower() for t in pair.ref_tokens if t.is_word and t.text[0].isupper()]):
            return
        lower_cand: dict[str, Token] = {}
        cand_forms = set()
        for tok in pair.cand_tokens:
            if tok.is_word:
                cand_forms.add(tok.text)
                if tok.text.islower():
                    lower_cand.setdefault(tok.text, tok)
        if not lower_cand:
            return
        firsts = _ref_sentence_firsts(pair)
        seen = set()
        for tok in pair.ref_tokens:
            if not tok.is_word or not tok.text[0].isupper() or tok.text in firsts or tok.text in seen:
                continue
            seen.add(tok.text)
            low = tok.text.lower()
            hit = lower_cand.get(low)
            if hit is None or tok.text in cand_forms:
                continue
            if en_freq(low) > 20000 and not tok.text.isupper():
                continue  # "May", "Bill", "Turkey": too often a common word as well
            if tok.text.isupper() and len(tok.text) > 1 and en_freq(low) > 1000:
                continue  # "US"/"us", "IT"/"it"
            yield self.flag(pair, f'name "{tok.text}" is written in lowercase as "{hit.text}"',
                            (tok.start, tok.end), (hit.start, hit.end))


@register
class CapitalisedMidSentence(Detector):
    """A common word capitalised in the middle of a sentence (often a fragment glued in by the machine).

    ref: since President Donald Trump returned to office.
    cand: since President Donald Trump Return to the office.
    """

    code = "K104"
    category = "case"
    severity = "minor"

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        tokens = pair.cand_tokens
        if title_case(tokens):
            return  # a headline in title case ("Hosni Mubarak Dies"): house style, not a fragment glued in
        firsts = {t.start for t in pair.context.first_words(pair.cand, pair.cand_starts)}
        ref_text = pair.context.ref.folded
        ref_lower_words = None
        for i, tok in enumerate(tokens):
            text = tok.text
            if not tok.is_word or tok.start in firsts or not text[0].isupper() or len(text) < 2:
                continue
            if not text[1:].islower() or "'" in text or "-" in text:
                continue
            if i > 0 and tokens[i - 1].text in (":", '"', "'", "\u201c", "(", "-"):
                continue  # a quotation or heading may start with a capital
            low = text.lower()
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is not None and nxt.is_word and nxt.text[0].isupper():
                continue  # inside a multi-word name ("United States"); tested before the document search
            if low in ("i",) or text in ref_text:
                continue
            prev = tokens[i - 1] if i > 0 else None
            if prev is not None and prev.is_word and prev.text[0].isupper() and prev.text not in ref_text:
                continue
            if low in FUNCTION_WORDS:
                yield self.flag(pair, f'"{text}" is capitalised in the middle of a sentence', None, (tok.start, tok.end))
                continue
            if en_freq(low) < 20000:
                continue
            if ref_lower_words is None:
                ref_lower_words = {t.text[:5] for t in pair.ref_tokens if t.is_word and t.text[0].islower()}
            if low[:5] in ref_lower_words:
                yield self.flag(pair, f'common word "{text}" is capitalised in the middle of a sentence', None,
                                (tok.start, tok.end))
