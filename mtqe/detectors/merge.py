"""Merge detector: two words glued into one, usually with the words between them lost."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from ..lexicon.english import en_freq
from ..lexicon.names import CAMEL
from ..report import Flag
from .base import Detector, SegmentPair, register

_ALPHA = re.compile(r"^[^\W\d_]+$")


@lru_cache(maxsize=65536)  # by word
def _fusable(text: str) -> bool:
    """A word of five letters or more that English does not know: it may be two words glued."""
    return len(text) >= 5 and bool(_ALPHA.match(text)) and not en_freq(text.lower())


def _dehyphenated(tokens) -> frozenset[str]:
    return frozenset(t.lower.replace("-", "") for t in tokens if "-" in t.text)


def _adjacent_in(left: str, right: str, tokens) -> bool:
    words = [t.text.lower() for t in tokens if t.is_word]
    return any(a == left and b == right for a, b in zip(words, words[1:]))


def _split_lower(low: str, refs: frozenset[str]) -> tuple[str, str] | None:
    """Split a glued lowercase word into two reference words (the longest left part first)."""
    for i in range(len(low) - 2, 1, -1):
        left, right = low[:i], low[i:]
        if left in refs and right in refs and (len(left) >= 3 or len(right) >= 3):
            return left, right
    return None


@register
class GluedWords(Detector):
    """Two words of the original fused into one token (the text between them often lost).

    ref: He flew to Ecuador, where Chinese tourists could travel without a visa.
    cand: He flew to EcuadorChinese tourists can go there without a visa.
    """

    code = "M101"
    category = "merge"
    severity = "major"
    defers = ("N103",)  # "Hongkong": a respaced name, not a fusion

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        refs = None
        for tok in pair.cand_tokens:
            text = tok.text
            if not tok.is_word or not _fusable(text):
                continue
            low = text.lower()
            if refs is None:
                refs = pair.context.ref.words
            if low in refs or low in _dehyphenated(pair.ref_tokens):
                continue  # "micro-expressions" -> "microexpressions" is a respelling, not a loss
            parts = CAMEL.split(text)
            if len(parts) == 2:
                left, right = parts[0].lower(), parts[1].lower()
                if not (left in refs and right in refs):
                    continue
            else:
                if text[1:].lower() != text[1:]:
                    continue  # odd capitals (McDonald's-like), not a fusion
                split = _split_lower(low, refs)
                if split is None:
                    continue
                left, right = split
            adjacent = _adjacent_in(left, right, pair.ref_tokens)
            if adjacent and text[0].isupper() and self.defers_to("N103"):
                continue  # "Hongkong" for "Hong Kong": a respaced name
            l_len = len(parts[0]) if len(parts) == 2 else len(left)
            shown = f"{text[:l_len]} + {text[l_len:]}"
            if adjacent:
                yield self.flag(pair, f'missing space: "{text}" fuses "{shown}"', None, (tok.start, tok.end),
                                severity="minor")
            else:
                yield self.flag(
                    pair,
                    f'"{text}" fuses two words of the original ({shown}); the words between them are lost',
                    None,
                    (tok.start, tok.end),
                )
