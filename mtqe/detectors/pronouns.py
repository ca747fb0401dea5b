"""Pronoun detector: the gender of the people a sentence talks about changed (he -> she, his -> her).

Paraphrases replace pronouns with names and back, so only the gender balance is compared: a gender
that gained pronouns while the other lost some, or a gender the reference never uses.
"""

from __future__ import annotations

from ..text import Token, fold
from .base import Detector, SegmentPair, register

_MASC = {"he", "him", "his", "himself", "he's", "he'd", "he'll"}
_FEM = {"she", "her", "hers", "herself", "she's", "she'd", "she'll"}


def gendered(text: str, tokens: tuple[Token, ...]) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
    """(masculine, feminine) pronoun tokens."""
    m: list[Token] = []
    f: list[Token] = []
    for t in tokens:
        if t.text[0] in "hHsS":
            w = fold(t.text).lower()
            if w in _MASC:
                m.append(t)
            elif w in _FEM:
                f.append(t)
    return tuple(m), tuple(f)


@register
class PronounGenderChanged(Detector):
    """A gendered pronoun switched gender between the reference and the copy.

    ref: During the 1976 campaign he advised Carter on foreign policy.
    cand: During the 1976 campaign she advised Carter on foreign policy.
    """

    code = "P101"
    category = "pronoun"
    severity = "major"

    def check(self, pair: SegmentPair):
        rm, rf = gendered(pair.ref, pair.ref_tokens)
        cm, cf = gendered(pair.cand, pair.cand_tokens)
        if len(rm) == len(cm) and len(rf) == len(cf):
            return
        for r_same, c_same, r_other, c_other, word in ((rf, cf, rm, cm, "feminine"), (rm, cm, rf, cf, "masculine")):
            if len(c_same) <= len(r_same):
                continue
            new = c_same[len(r_same)] if r_same else c_same[0]
            if not r_same and not r_other:
                # the reference names people only; the copy chose a gender (a small worry)
                yield self.flag(
                    pair, f'copy uses {word} pronoun "{new.text}" where the reference has none',
                    None, (new.start, new.end), severity="minor",
                )
                return
            if r_same and len(c_other) >= len(r_other):
                continue  # more pronouns of a gender the reference already uses: a name became a pronoun
            src = r_other[len(c_other)] if len(r_other) > len(c_other) else r_other[0]
            yield self.flag(pair, f'pronoun "{src.text}" became {word} "{new.text}"', (src.start, src.end), (new.start, new.end))
            return
