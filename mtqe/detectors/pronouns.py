"""Pronoun detectors: the gender of the people a sentence talks about changed (he -> she, his -> her), or a
pronoun now points at something else (he -> it, his -> their, it -> him).

Paraphrases replace pronouns with names and back, so P101 compares only the gender balance: a gender
that gained pronouns while the other lost some, or a gender the reference never uses. P102 reads the
word alignment: a pronoun that the copy replaced, in its place, by a pronoun of another person, number or
animacy. Round trips through languages that mark no such difference in possessives ("su" is his, her,
its and their) make exactly this swap.
"""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple

from ..expressions import occurrences
from ..report import Flag
from ..text import Token, fold
from ..word_evidence import alignment, inside, quoted_spans
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
            if len(c_other) >= len(r_other):  # the other gender lost none: no pronoun of it to point at
                yield self.flag(pair, f'copy uses {word} pronoun "{new.text}" where the reference has none of that gender',
                                None, (new.start, new.end))
                return
            placed = _in_place(pair, _FEM if word == "feminine" else _MASC)
            for r, c in placed[:len(r_other) - len(c_other)]:  # each swap the word alignment places
                yield self.flag(pair, f'pronoun "{r.text}" became {word} "{c.text}"', (r.start, r.end), (c.start, c.end))
            if placed:
                return
            src = r_other[len(c_other)]
            yield self.flag(pair, f'pronoun "{src.text}" became {word} "{new.text}"', (src.start, src.end), (new.start, new.end))
            return


def _lone(a, vocabulary) -> Iterator[tuple[int, int, bool]]:
    """(reference index, copy index, alone) for each gap of the word alignment that holds exactly one word
    of ``vocabulary`` on each side: a pronoun the copy replaced in its place. ``alone``: they are all the
    gap holds."""
    for g in a.gaps:
        rs = [i for i in g.ref if a.ref[i].low in vocabulary]
        cs = [j for j in g.cand if a.cand[j].low in vocabulary]
        if len(rs) == 1 and len(cs) == 1:
            yield rs[0], cs[0], len(g.ref) == len(g.cand) == 1


_GENDER_PRONOUNS = frozenset(_MASC | _FEM)


def _in_place(pair: SegmentPair, gained: set[str]) -> list:
    """(reference, copy) word pairs where a gap of the word alignment holds one gendered pronoun on each
    side and the copy's is of the ``gained`` gender: "her jaw ... her death" -> "his jaw ... his death"
    is two swaps."""
    a = pair.shared(alignment)
    return [(a.ref[i], a.cand[j]) for i, j, _ in _lone(a, _GENDER_PRONOUNS)
            if a.cand[j].low in gained and a.ref[i].low not in gained]


# Whom a pronoun points at; P101 owns masculine / feminine.
_REFERENT = {
    **dict.fromkeys(("he", "him", "his", "himself"), "a man"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "a woman"),
    **dict.fromkeys(("it", "its", "itself"), "a thing"),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), "several"),
    **dict.fromkeys(("i", "me", "my", "mine", "myself"), "the speaker"),
    **dict.fromkeys(("we", "us", "our", "ours", "ourselves"), "the speakers"),
}
_GENDERS = frozenset({"a man", "a woman"})
# "it" and "they" trade places for a collective ("the police confirmed it / they seized"), or after a noun
# the copy made plural ("the trial ... its" -> "the trials ... their"): a small worry. So is a swap inside
# a reworded phrase ("one in his fifties" -> "in their 50s"). A person made a thing, a man made several,
# the speaker made someone else, with every word around kept, misinform.
_AGREEMENT = frozenset({"a thing", "several"})


class Swap(NamedTuple):
    ref: tuple[int, int]
    cand: tuple[int, int]
    alone: bool  # the pronouns are all their gap holds: every word around them kept ("its branch" -> "his branch")
    points: bool = True  # the reference's pronoun points at someone or something (not the "it" of an idiom)


# words that open a noun phrase: "make it a residence" makes something a residence, "make it big" is an idiom
_PHRASE_OPENERS = frozenset("a an the this that these those his her its their our my your some any no every each".split())


def _idiom_it(a, i: int, text: str) -> bool:
    """Is reference word ``i``, an "it", the empty object of one of WordNet's idioms ("made it big",
    "take it easy", "call it a day")? "Make it" followed by a noun phrase is a verb, its object and a
    complement ("make it a residence"): that "it" points at something."""
    for o in occurrences(a.ref, text):
        if o.first <= i < o.first + o.length and "it" in o.lemma.split("_"):
            after = o.first + o.length
            nxt = a.ref[after].low if after < len(a.ref) else ""
            return not (o.lemma.endswith("_it") and (nxt in _PHRASE_OPENERS or nxt[:1].isdigit()))
    return False


def swaps(pair: SegmentPair) -> list[Swap]:
    """Each pronoun the copy replaced in its place by a pronoun of another referent: the only pronoun of
    its gap on each side. A pronoun inside a quotation of the original is the quote detectors' (an altered
    quotation is critical already), as other words inside one are."""
    a = pair.shared(alignment)
    if (not any(a.ref[i].low in _REFERENT for i in a.free_ref)
            or not any(a.cand[j].low in _REFERENT for j in a.free_cand)):
        return []  # a gap holds only free words: no pronoun left free on a side, no swap
    quoted = quoted_spans(pair, pair.ref)
    out = []
    for i, j, alone in _lone(a, _REFERENT):
        r, c = a.ref[i], a.cand[j]
        kinds = {_REFERENT[r.low], _REFERENT[c.low]}
        if len(kinds) == 2 and not kinds <= _GENDERS and not inside(quoted, r):
            points = r.low != "it" or not _idiom_it(a, i, pair.ref)
            out.append(Swap((r.start, r.end), (c.start, c.end), alone, points))
    return out


@register
class PronounReferentChanged(Detector):
    """A pronoun became one that points at someone or something else (he -> it, his -> their).

    ref: The former mayor said his office had not been told.
    cand: The former mayor said their office had not been told.
    """

    code = "P102"
    category = "pronoun"
    severity = "major"

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        for swap in swaps(pair):
            r, c = pair.ref[swap.ref[0]:swap.ref[1]], pair.cand[swap.cand[0]:swap.cand[1]]
            kinds = {_REFERENT[r.lower()], _REFERENT[c.lower()]}
            # a swap for a pronoun that pointed at nothing may be the copy rebuilding an idiom: a small worry
            minor = kinds == _AGREEMENT or not swap.alone or not swap.points
            was = _REFERENT[r.lower()] if swap.points else "an idiom's, pointing at nothing"
            yield self.flag(pair, f'pronoun "{r}" ({was}) became "{c}" ({_REFERENT[c.lower()]})',
                            swap.ref, swap.cand, severity="minor" if minor else None)
