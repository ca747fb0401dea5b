"""Fixed expressions: how the copy renders each multi-word expression of the original (E102 and E101 read it).

A round trip translates "power outage", "red notice", "come to light" or "bear down on" one word at a time,
and a word of the expression comes back in a sense the expression never had: "energy savings", "red
warning", "were mild", "got bored in". The word aligner pairs such words as WordNet synonyms in some sense
("notice"/"warning", "power"/"energy"), so nothing else notices. Here WordNet's multi-word lemmas are
units, as names are: one that the copy does not keep word for word, nor render by one of the
expression's own synonyms or its broader term ("power failure", "breakdown"), lost its meaning.

Only expressions whose words carry no meaning of their own are read: noun compounds ("power outage"),
phrasal verbs ending in a particle ("carry out", "turn off") and idioms of three or more words ("come to
light"). A verb with a preposition ("go to", "come after") is mostly the verb and its object, and
adjective or adverb phrases ("in place", "a few") are mostly grammar. Names (capitalised words), quoted
words and expressions whose words were all dropped (the omission detectors') are left alone.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .word_evidence import alignment, quoted_spans, within
from .wordalign import Alignment, Word, lemmas

if TYPE_CHECKING:
    from .detectors.base import SegmentPair

PARTICLES = frozenset("down up out off away back over forward aside apart around along through".split())
_KEPT = frozenset({"exact", "typography", "lemma"})  # the word itself, in another form or spelling
_SENSE = frozenset({"synonym", "paraphrase"})  # a word standing for it in some sense, maybe not this one


class Occurrence(NamedTuple):
    lemma: str  # WordNet's, "_"-joined: "power_outage"
    first: int  # index of its first word in the side's words
    length: int


def _forms(w: Word) -> frozenset[str]:
    return lemmas(w.low)


def _joined(prev: Word, nxt: Word, text: str) -> bool:
    """The two words are adjacent in the text: one space between them, no punctuation."""
    return text[prev.end:nxt.start] == " "


def occurrences(ws: tuple[Word, ...], text: str) -> list[Occurrence]:
    """WordNet's multi-word lemmas that begin with a content word in a side's words, left to right, the
    longest at each position, none overlapping another ("bore down on": bear_down_on, not also bear_down
    or down_on)."""
    found: list[Occurrence] = []
    end = 0
    for i in range(len(ws) - 1):
        w = ws[i]
        # an expression begins with a content word: "a few", "in place" are grammar
        if i < end or not w.content or not _begins(w.low):
            continue
        lemmas_here = _beginning(w.low, ws[i + 1].low)
        if not lemmas_here or not _joined(w, ws[i + 1], text):
            continue
        best = None
        # the longest, and of two as long the one that starts with the word as written ("lay down" is
        # lay_down, not lie_down): an order of the text's, never of a set's
        for lemma in sorted(lemmas_here, key=lambda lem: (not lem.startswith(w.low + "_"), lem)):
            parts = lemma.split("_")
            n = len(parts)
            if n <= (best.length if best else 1) or i + n > len(ws):
                continue
            if all(parts[k] in _forms(ws[i + k]) and _joined(ws[i + k - 1], ws[i + k], text) for k in range(2, n)):
                best = Occurrence(lemma, i, n)
        if best:
            found.append(best)
            end = best.first + best.length
    return found


@lru_cache(maxsize=65536)
def _begins(low: str) -> bool:
    """Does a multi-word lemma begin with a form of this word? (Most words begin none.)"""
    from .lexicon import wordnet

    return not wordnet.expression_firsts().isdisjoint(lemmas(low))


@lru_cache(maxsize=131072)
def _beginning(first: str, second: str) -> tuple[str, ...]:
    """The multi-word lemmas that begin with a form of each of two words, by word pair: the pairs recur."""
    from .lexicon import wordnet

    seconds = lemmas(second)
    return tuple(lemma for a in lemmas(first) for b in seconds for lemma in wordnet.expressions_starting(a, b))


def _idiomatic(lemma: str, words: tuple[Word, ...]) -> bool:
    """Is the expression more than its words: a noun compound, a phrasal verb or a longer idiom?"""
    from .lexicon import wordnet

    pos = wordnet.parts_of_speech(lemma)
    parts = lemma.split("_")
    if "n" in pos and all(w.content for w in words):
        return True
    return "v" in pos and (parts[-1] in PARTICLES or len(parts) >= 3)


_PREPOSITIONS = frozenset("to with on of for from against at in into".split())


def _extended(occ: Occurrence, ws: tuple[Word, ...]) -> bool:
    """A phrasal verb followed by a preposition is a longer one WordNet may lack ("leading up to" is not
    "lead up", to initiate; "come up with")."""
    after = occ.first + occ.length
    return occ.lemma.rsplit("_", 1)[-1] in PARTICLES and after < len(ws) and ws[after].low in _PREPOSITIONS


def _compound_kept(occ: Occurrence, ws: tuple[Word, ...], matches: list) -> bool:
    """A noun compound whose head (its last word) the copy kept, with the modifiers' counterparts right
    before it, in order: still a compound, still a city ("holy cities" -> "sacred cities", "large number" ->
    "big number"). A round trip that read it word by word breaks it up: "escape hatch" -> "hatch of
    evasion", "power plant" -> "plant to be able"."""
    from .lexicon import wordnet

    if "n" not in wordnet.parts_of_speech(occ.lemma) or not all(matches) or matches[-1].stage not in _KEPT:
        return False
    at = [m.cand for m in matches]
    return at == list(range(at[0], at[0] + len(at)))


def _kept_as_expression(lemma: str, cand_forms: frozenset[str], cand_lemmas: frozenset[str]) -> bool:
    """The copy has the expression, or a synonym or broader term of it, somewhere in the segment."""
    from .lexicon import wordnet

    parts = lemma.split("_")
    if lemma in cand_lemmas or (len(parts) == 2 and not cand_forms.isdisjoint({"".join(parts), parts[1] + parts[0]})):
        return True  # "break out" -> "outbreak", "shut down" -> "shutdown"
    return any((alt in cand_lemmas) if "_" in alt else (alt in cand_forms)
               for alt in wordnet.expression_alternatives(lemma))


def _rendered(lemma: str, copy: list[Word]) -> bool:
    """Do the copy's words in its place still name the same thing? One is a term two levels above it ("air
    gun" -> "air weapon"), a more specific term ("ran away" -> "fled"), a derivation of a synonym ("shut
    down" -> "closure"), or one of the kind the expression belongs to ("honor killing" -> "honor murder":
    both homicides; "liver disease" -> "illness of the liver")."""
    from .lexicon import wordnet

    alts = wordnet.expression_alternatives(lemma, levels=2)
    kinds = wordnet.expression_alternatives(lemma, levels=1) - wordnet.expression_alternatives(lemma, levels=0)
    for w in copy:
        for form in _forms(w):
            if (form in alts or not wordnet.broader(form).isdisjoint(alts | {lemma})
                    or any(form in wordnet.derivations(x) for x in alts if "_" not in x)
                    or not wordnet.broader(form).isdisjoint(kinds)):
                return True
    return False


class Broken(NamedTuple):
    lemma: str
    ref_span: tuple[int, int]
    cand_span: tuple[int, int] | None
    became: str = ""  # another phrasal verb the copy made by changing the particle ("move_in")
    minor: bool = False  # "on" / "in" traded: often a preposition, not a particle ("wrote on/in social media")


# particles a phrasal verb may change into another (with "on" and "in", which are mostly prepositions)
_SWAPPABLE = PARTICLES | {"on", "in"}


def _particle_swaps(a: Alignment, found: list[Occurrence], by_ref: dict) -> list[Broken]:
    """Phrasal verbs whose verb the copy kept and whose particle it changed, making another of WordNet's
    phrasal verbs that does not mean the same: "passed away" -> "passed out", "held up a Bible" -> "held
    on a Bible", "once it moved on" -> "once moved in"."""
    from .lexicon import wordnet

    out = []
    free = None
    for o in found:
        verb, _, particle = o.lemma.partition("_")
        if o.length != 2 or particle not in _SWAPPABLE or by_ref.get(o.first + 1):
            continue
        m = by_ref.get(o.first)
        if not m or m.stage not in _KEPT or m.cand + 1 >= len(a.cand):
            continue
        other = a.cand[m.cand + 1].low
        became = f"{verb}_{other}"
        if other == particle or other not in _SWAPPABLE or "v" not in wordnet.parts_of_speech(o.lemma):
            continue
        if free is None:
            free = set(a.free_cand)
        if m.cand + 1 not in free or "v" not in wordnet.parts_of_speech(became):
            continue
        if became in wordnet.expression_alternatives(o.lemma) or o.lemma in wordnet.expression_alternatives(became):
            continue  # "take up" -> "take over" (an office): the same act
        ws = a.ref[o.first], a.ref[o.first + 1]
        cw = a.cand[m.cand], a.cand[m.cand + 1]
        out.append(Broken(o.lemma, (ws[0].start, ws[1].end), (cw[0].start, cw[1].end), became,
                          minor={particle, other} == {"on", "in"}))
    return out


def _counterpart(a: Alignment, matched: list[int], length: int) -> tuple[int, int] | None:
    """The copy's rendering: its words matched to the expression's, widened over unmatched words next to
    them up to the expression's length ("power outages" -> "energy savings")."""
    if not matched:
        return None
    lo, hi = min(matched), max(matched)
    free = set(a.free_cand)
    while hi - lo + 1 < length and (hi + 1 in free or lo - 1 in free):
        if hi + 1 in free:
            hi += 1
        else:
            lo -= 1
    return a.cand[lo].start, a.cand[hi].end


class _CopySide(NamedTuple):
    forms: frozenset[str]  # every lemma of every word
    lemmas: frozenset[str]  # its multi-word expressions
    idiom_words: frozenset[int]  # words that form an idiomatic expression of their own


def _copy_side(a: Alignment, text: str) -> _CopySide:
    found = occurrences(a.cand, text)
    # another idiom standing for this one ("figure out" -> "find out") is a rewording, not a literal reading
    idiom_words = frozenset(i for o in found if _idiomatic(o.lemma, a.cand[o.first:o.first + o.length])
                            for i in range(o.first, o.first + o.length))
    return _CopySide(frozenset().union(*map(_forms, a.cand)), frozenset(o.lemma for o in found), idiom_words)


class Readings(NamedTuple):
    broken: tuple[Broken, ...]  # expressions read word by word, in another sense
    whole: tuple[tuple[int, int], ...]  # reference spans of expressions the copy renders as a whole, by a synonym


_NONE = Readings((), ())


def readings(pair: SegmentPair) -> Readings:
    """How the copy renders each idiomatic expression of the reference (through ``pair.shared``: E101
    leaves alone a word of an expression the copy renders by a synonym of the whole: "power outages" ->
    "power failures")."""
    a: Alignment = pair.shared(alignment)
    found = occurrences(a.ref, pair.ref)
    if not found:
        return _NONE
    by_ref = {m.ref: m for m in a.matches}
    swapped = _particle_swaps(a, found, by_ref)
    found = [o for o in found if _idiomatic(o.lemma, a.ref[o.first:o.first + o.length])]
    if not found and not swapped:
        return _NONE
    quoted = quoted_spans(pair, pair.ref)
    firsts = {t.start for t in pair.context.first_words(pair.ref, pair.ref_starts)}
    cand = None
    broken = [b for b in swapped if not within(quoted, *b.ref_span)]
    whole = []
    done = {b.ref_span[0] for b in broken}
    for occ in found:
        idx = range(occ.first, occ.first + occ.length)
        ws = a.ref[occ.first:occ.first + occ.length]
        start, end = ws[0].start, ws[-1].end
        if start in done:
            continue
        if any(w.capitalised and w.start not in firsts for w in ws) or within(quoted, start, end):
            continue  # a name, or a quotation: their own detectors'
        if cand is None:
            cand = _copy_side(a, pair.cand)
        if _kept_as_expression(occ.lemma, cand.forms, cand.lemmas):
            whole.append((start, end))
            continue
        matches = [by_ref.get(i) for i in idx]
        # a content word matched only as a synonym in some sense: the word-by-word reading
        if not any(m and m.stage in _SENSE for m, w in zip(matches, ws) if w.low not in PARTICLES):
            continue
        if _extended(occ, a.ref) or _compound_kept(occ, ws, matches):
            continue
        matched = [m.cand for m in matches if m]
        if cand.idiom_words.intersection(matched):
            continue
        span = _counterpart(a, matched, occ.length)
        if span and _rendered(occ.lemma, [w for w in a.cand if span[0] <= w.start and w.end <= span[1]]):
            continue
        broken.append(Broken(occ.lemma, (start, end), span))
    return Readings(tuple(broken), tuple(whole))
