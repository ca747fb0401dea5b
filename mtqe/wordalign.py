"""Word alignment of one segment pair, in METEOR's staged manner.

Each stage matches only the words the earlier stages left free, and every stage has the same shape
(words, free reference indices, free copy indices) -> (matches, still-free reference, still-free copy),
so stages can be reordered or switched off without touching each other:

1. ``exact``: the same token;
2. ``typography``: the same after case, quote/dash folding, dots and hyphens ("U.S."/"US"), British or
   American spelling ("patronised"/"patronized"), respacing: one word for two ("Hongkong"/"Hong Kong"),
   a compound's parts ("three-judge"/"three judges") and acronyms ("UK"/"United Kingdom");
3. ``lemma``: a shared dictionary lemma (lemminflect: "fell"/"falls");
4. ``name``: two capitalised words that spell or sound alike ("Ouslander"/"Auslander"): a name garbled is
   the name detectors' finding, not a change of meaning;
5. ``stem``: a shared stem of five letters or more ("persecution"/"persecuted");
6. ``synonym``: lemmas that share a WordNet synset ("issued"/"released");
7. ``paraphrase``: WordNet one level up or down, close by another link, or through a derivation
   ("dropped"/"abandoned"); an adverb in "-wide" and the place it spans ("nationwide"/"country").

Stages 5-7 are loose, so they only pair words in the same place: in one gap between the words stages 1-4
kept in order, or in a gap nearby (NEAR_GAPS).

What stays free is the evidence. The matches are then cut into *gaps*: stretches between consecutive
monotone anchors, each holding the free words of both sides there. A gap with reference content only is a
word or phrase dropped, with copy content only one added, with both a word replaced.
Words within a stage pair up nearest-first by relative position, so a repeated word matches its own
occurrence. Pure functions; the per-word work (lemmas, keys) is cached by word (bounded), the per-pair alignment by
the detectors that share it (``SegmentPair.shared``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Callable, Iterable, NamedTuple, Sequence

from .text import Token, fold, tokenize

# Closed-class words: never content, so never evidence on their own ("the" dropped is fluency, not meaning).
FUNCTION_WORDS = frozenset("""
a an the this that these those such some any each every either neither no all both half another other
others more less most least fewer few many much several
and or but nor so yet if then than because as while when whenever where wherever whether though although
unless until till since before after once
of to in on at by for with from into onto upon about above below under over between among through
throughout during without within along across against around behind beyond beside besides toward towards
via per off out up down near like unlike despite amid amongst whilst ahead following regarding concerning
including excluding according
i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she her
hers herself it its itself they them their theirs themselves who whom whose which what whoever whatever
one ones someone somebody something anyone anybody anything everyone everybody everything nobody nothing
is are was were be been being am has have had having do does did doing done will would shall should can
could may might must ought 's 're 've 'll 'd 'm n't not never
there here now also too very just only even still already again ever really quite rather almost
how why however thus therefore hence meanwhile moreover furthermore
mr mrs ms dr
""".split())
# Numbers written as words: the number detectors' evidence, like digits ("phase two" -> "second phase").
NUMBER_WORDS = frozenset("""
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
billion trillion dozen dozens hundreds thousands millions billions first second third fourth fifth sixth
seventh eighth ninth tenth twice thrice double triple
""".split())
# How many gaps apart two words may be and still stand in each other's place: a passive turns
# "dropped the plan" into "the plan was abandoned", two kept words ("the plan") between the two.
NEAR_GAPS = 2
_NAME_SIMILARITY = 0.85  # Jaro-Winkler of two capitalised words taken for one name (Ouslander/Auslander: 0.91)
_STEM = 5  # letters two words must share from the start to be one word in another form


class Word(NamedTuple):
    """A word or number of one side, with its character span in the segment. A tuple: words are made by
    the hundred thousand, and a frozen dataclass's __init__ costs four times as much."""

    text: str
    start: int
    end: int
    low: str  # folded and lower-cased
    content: bool  # a content word (not a function word, not punctuation)
    capitalised: bool
    number: bool
    key: str  # spelling_key(low): the typography stage compares it, for free words in several ways


_is_content = itemgetter(4)  # Word.content, in C


class Match(NamedTuple):
    ref: int  # index into Alignment.ref
    cand: int
    stage: str


@dataclass(frozen=True, slots=True)
class Gap:
    """Free words between two consecutive anchors: indices into Alignment.ref / Alignment.cand."""

    ref: tuple[int, ...]
    cand: tuple[int, ...]


@dataclass(frozen=True)
class Alignment:
    ref: tuple[Word, ...]
    cand: tuple[Word, ...]
    matches: tuple[Match, ...]
    free_ref: tuple[int, ...]
    free_cand: tuple[int, ...]
    gaps: tuple[Gap, ...]

    def stage_of(self, ref_index: int) -> str | None:
        return next((m.stage for m in self.matches if m.ref == ref_index), None)


_POS = ("NOUN", "VERB", "ADJ", "ADV")
Free = tuple[int, ...]
StageResult = tuple[list[Match], Free, Free]
Near = Callable[[int, int], bool]  # may reference word i pair with copy word j (by position)
Stage = Callable[..., StageResult]  # (ref, cand, free_ref, free_cand, near=None) -> StageResult


# --- per-word features, cached by word --------------------------------------------------------------

_SPELLING = tuple((re.compile(p), r) for p, r in (
    (r"(?<=\w{3})is(e|ed|es|ing|ation|ations)$", r"iz\1"),  # organise / organize
    (r"(?<=\w{3})ys(e|ed|es|ing)$", r"yz\1"),  # analyse / analyze
    (r"(?<=\w{3})our(s|ed|ing|able|ite|ites)?$", r"or\1"),  # labour / labor
    (r"(?<=\w{3})tre(s)?$", r"ter\1"),  # centre / center
    (r"(?<=\w{3}[aeiou])ll(ed|ing|er|ers)$", r"l\1"),  # travelled / traveled
))


@lru_cache(maxsize=65536)
def spelling_key(low: str) -> str:
    """The word with dots, hyphens, apostrophes and British spellings taken out: the typography stage's key."""
    key = low.replace(".", "").replace("-", "").replace("'", "")
    if len(key) < 6:
        return key  # every pattern needs three letters before a suffix of three or more
    for pattern, repl in _SPELLING:
        key = pattern.sub(repl, key)
    return key


@lru_cache(maxsize=65536)
def lemmas(low: str) -> frozenset[str]:
    """The word and its dictionary lemmas in every part of speech, a possessive "'s" dropped."""
    from .lexicon.inflections import lemmas as pos_lemmas

    base = low[:-2] if low.endswith("'s") else low.rstrip("'")
    return frozenset(f.lower() for f in (base, *(lem for pos in _POS for lem in pos_lemmas(base, pos))))


@lru_cache(maxsize=65536)
def _kind(text: str, low: str) -> tuple[bool, bool, bool, str]:
    """(content, capitalised, number, key) of a token, by its text: the same words recur in every sentence."""
    number = text[0].isdigit() or low in NUMBER_WORDS
    content = text[0].isalpha() and not number and len(low) > 1 and low not in FUNCTION_WORDS and not low.endswith("n't")
    return content, text[0].isupper(), number, spelling_key(low)


@lru_cache(maxsize=65536)
def _features(text: str) -> tuple[str, bool, bool, bool, str]:
    """(low, content, capitalised, number, key) of a token of a text that folds to ASCII, where a token's
    own folded lower case is its slice of the text's."""
    low = fold(text).lower()
    return (low, *_kind(text, low))


_new_word = _new_match = tuple.__new__


def words(text: str, tokens: tuple[Token, ...] | None = None) -> tuple[Word, ...]:
    """The words and numbers of a segment (punctuation left out); ``tokens``: its tokens, if known."""
    folded = fold(text)
    if folded.isascii():  # nearly always: one cache lookup per token
        features = _features
        return tuple([_new_word(Word, (t[0], t[1], t[2], *features(t[0])))
                      for t in (tokens or tokenize(text)) if t[3] or t[4]])
    low = folded.lower()  # lower-casing may change lengths outside ASCII: slice the whole text's
    return tuple([_new_word(Word, (t.text, t.start, t.end, low[t.start:t.end], *_kind(t.text, low[t.start:t.end])))
                  for t in (tokens or tokenize(text)) if t.is_word or t.is_number])


# --- stages ------------------------------------------------------------------------------------------


def _pair_up(ref: Sequence[Word], cand: Sequence[Word], free_ref: Free, free_cand: Free,
             related: Callable[[Word, Word], bool], stage: str, near: Near | None = None,
             usable: Callable[[Word], bool] | None = None) -> StageResult:
    """Match each free reference word to the related free copy word nearest its relative position
    (among those ``near`` allows; only words ``usable`` accepts are tried, a cheap filter before the
    pairwise test)."""
    if usable is not None:
        rs, left = [i for i in free_ref if usable(ref[i])], [j for j in free_cand if usable(cand[j])]
    else:
        rs, left = free_ref, list(free_cand)
    if not rs or not left:
        return [], free_ref, free_cand
    nr, nc = max(len(ref), 1), max(len(cand), 1)
    matches, done, used = [], set(), set()
    for i in rs:
        r, at = ref[i], i / nr
        best, best_d = None, 2.0
        for j in left:  # the copy words not yet taken
            if (near is None or near(i, j)) and related(r, cand[j]):
                d = abs(at - j / nc)
                if d < best_d:
                    best, best_d = j, d
        if best is not None:
            done.add(i)
            used.add(best)
            left.remove(best)
            matches.append(_new_match(Match, (i, best, stage)))
            if not left:
                break
    if not matches:
        return matches, free_ref, free_cand
    return matches, tuple(i for i in free_ref if i not in done), tuple(j for j in free_cand if j not in used)


def _in_order(rs: list[int], js: list[int], nr: int, nc: int) -> dict[int, int]:
    """Pair the occurrences of one word on the two sides in order, as many as the rarer side has, the
    other side's extra ones left where the relative positions fit worst: "141 new ... 90 new ... 80 new"
    -> "141 new ... 90 old ... 80 new" leaves the middle "new" free, not the last (a small DP)."""
    if len(rs) == len(js):
        return dict(zip(rs, js))
    flip = len(rs) > len(js)
    short, long_ = (js, rs) if flip else (rs, js)
    ns, nl = (nc, nr) if flip else (nr, nc)
    p, q = len(short), len(long_)
    inf = float("inf")
    # cost[x][y]: least total displacement pairing short[:x] with x of long_[:y], in order
    cost = [[0.0] * (q + 1)] + [[inf] * (q + 1) for _ in range(p)]
    for x in range(1, p + 1):
        row, prev = cost[x], cost[x - 1]
        for y in range(x, q + 1):
            row[y] = min(row[y - 1], prev[y - 1] + abs(short[x - 1] / ns - long_[y - 1] / nl))
    pairs, x, y = {}, p, q
    while x:
        if cost[x][y] == cost[x][y - 1] and y > x:
            y -= 1
        else:
            pairs[short[x - 1]] = long_[y - 1]
            x, y = x - 1, y - 1
    return {v: k for k, v in pairs.items()} if flip else pairs


def _keyed(key: Callable[[Word], object], stage: str) -> Stage:
    """A stage that matches words with equal keys: a dictionary lookup instead of a pairwise test."""

    def run(ref, cand, free_ref, free_cand, near=None):
        index: dict[object, list[int]] = {}
        for j in free_cand:
            k = key(cand[j])
            options = index.get(k)
            if options is None:
                index[k] = [j]
            else:
                options.append(j)
        nr, nc = max(len(ref), 1), max(len(cand), 1)
        keys = [key(ref[i]) for i in free_ref]
        seen: dict[object, int] = {}
        for k in keys:
            seen[k] = seen.get(k, 0) + 1
        matched: dict[int, int] = {}
        repeated: dict[object, list[int]] = {}  # keys with several words on a side: paired below
        for i, k in zip(free_ref, keys):
            options = index.get(k)
            if options is None:
                continue
            if len(options) == 1 and seen[k] == 1:
                matched[i] = options[0]
            else:
                repeated.setdefault(k, []).append(i)
        for k, rs in repeated.items():
            matched.update(_in_order(rs, index[k], nr, nc))
        if not matched:
            return [], free_ref, free_cand
        used = set(matched.values())
        matches = [_new_match(Match, (i, matched[i], stage)) for i in free_ref if i in matched]
        return matches, tuple([i for i in free_ref if i not in matched]), tuple([j for j in free_cand if j not in used])

    run.__name__ = stage
    return run


exact = _keyed(itemgetter(0), "exact")  # the token text
_typography_keyed = _keyed(itemgetter(7), "typography")  # Word.key


def typography(ref, cand, free_ref, free_cand, near=None) -> StageResult:
    """Case, folding and spelling keys; then one word for several on the other side: two respaced
    ("Hongkong"/"Hong Kong") or an acronym's words ("UK"/"United Kingdom")."""
    matches, free_ref, free_cand = _typography_keyed(ref, cand, free_ref, free_cand)
    for flip in (False, True):
        one, two = (cand, ref) if flip else (ref, cand)
        singles, several = (free_cand, free_ref) if flip else (free_ref, free_cand)
        if not singles or len(several) < 2:
            continue  # every match of this kind takes two words or more of the other side
        taken_one, taken_two = set(), set()
        free_two = set(several)
        joined = {two[j].key + two[j + 1].key: (j, j + 1) for j in several if j + 1 in free_two}
        for i in singles:
            w = one[i]
            # (an acronym is in capitals, a compound hyphenated: the cheap tests first)
            got = joined.get(w.key) or (
                w.capitalised and w.text.isupper() and _spelled_out(w, two, several)) or (
                "-" in w.low and _parts(w, two, several))
            if got and taken_two.isdisjoint(got):
                taken_one.add(i)
                taken_two.update(got)
                matches.extend(Match(k, i, "typography") if flip else Match(i, k, "typography") for k in got)
        singles = tuple(i for i in singles if i not in taken_one)
        several = tuple(j for j in several if j not in taken_two)
        free_cand, free_ref = (singles, several) if flip else (several, singles)
    return matches, free_ref, free_cand


def _parts(word: Word, other: Sequence[Word], free: Free) -> tuple[int, ...]:
    """Free words of the other side, one per part of a hyphenated compound, each with a part's lemma
    ("three-judge court" / "court of three judges")."""
    parts = word.low.split("-")
    if len(parts) < 2 or not all(parts):
        return ()
    got = []
    for part in parts:
        j = next((j for j in free if j not in got and not lemmas(part).isdisjoint(lemmas(other[j].low))), None)
        if j is None:
            return ()
        got.append(j)
    return tuple(got)


def _spelled_out(acronym: Word, other: Sequence[Word], free: Free) -> tuple[int, ...]:
    """Free capitalised words of the other side whose initials spell ``acronym`` ("UK": United Kingdom),
    "of"/"and"/"the" inside skipped."""
    letters = acronym.text.replace(".", "")
    if not (2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()):
        return ()
    free_set = set(free)
    for j in free:
        if not other[j].text.startswith(letters[0]):
            continue
        got, k, n = [], j, 0
        while n < len(letters) and k in free_set:
            w = other[k]
            if w.low in ("of", "and", "the") and got:
                k += 1
                continue
            if not (w.capitalised and w.text[0] == letters[n]):
                break
            got.append(k)
            n += 1
            k += 1
        if n == len(letters):
            return tuple(got)
    return ()


def _same_stem(a: str, b: str) -> bool:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= _STEM and n >= min(len(a), len(b)) - 3


def lemma(ref, cand, free_ref, free_cand, near=None) -> StageResult:
    """A shared dictionary lemma ("fell"/"falls"), found through an index of the copy's lemmas."""
    if not free_ref or not free_cand:
        return [], free_ref, free_cand
    index: dict[str, list[int]] = {}
    for j in free_cand:
        for lem in lemmas(cand[j].low):
            index.setdefault(lem, []).append(j)
    nr, nc = max(len(ref), 1), max(len(cand), 1)
    matches, used = [], set()
    keys = index.keys()
    for i in free_ref:
        own = lemmas(ref[i].low)
        if keys.isdisjoint(own):
            continue  # (most words: a test in C)
        options = {j for lem in own for j in index.get(lem, ()) if j not in used}
        if options:
            j = min(options, key=lambda j: (abs(i / nr - j / nc), j))
            used.add(j)
            matches.append(Match(i, j, "lemma"))
    done = {m.ref for m in matches}
    return matches, tuple(i for i in free_ref if i not in done), tuple(j for j in free_cand if j not in used)


def stem(ref, cand, free_ref, free_cand, near=None) -> StageResult:
    """A shared stem of five letters or more ("persecution"/"persecuted")."""
    heads = {cand[j].low[:_STEM] for j in free_cand if cand[j].content}
    if all(ref[i].low[:_STEM] not in heads for i in free_ref if ref[i].content):
        return [], free_ref, free_cand  # no two content words begin alike (most pairs): a set test says so
    return _pair_up(ref, cand, free_ref, free_cand, lambda r, c: _same_stem(r.low, c.low), "stem", near,
                    usable=_is_content)


@lru_cache(maxsize=65536)
def _sounds_alike(a: str, b: str) -> bool:
    import jellyfish

    return jellyfish.jaro_winkler_similarity(a, b) >= _NAME_SIMILARITY or (
        len(a) > 3 and jellyfish.metaphone(a) == jellyfish.metaphone(b))


def _name_like(w: Word) -> bool:
    return w.capitalised and w.content


def name(ref, cand, free_ref, free_cand, near=None) -> StageResult:
    """Two capitalised words that spell or sound alike: one name, however garbled."""
    return _pair_up(ref, cand, free_ref, free_cand, lambda r, c: _sounds_alike(r.low, c.low), "name",
                    usable=_name_like)


@lru_cache(maxsize=65536)
def _synonyms(low: str) -> frozenset[str]:
    """Every WordNet synonym of any of the word's lemmas: one set per word, so that a pair of words costs
    one C-level disjointness test instead of one per lemma."""
    from .lexicon import wordnet

    return frozenset().union(*map(wordnet.synonyms, lemmas(low)))


@lru_cache(maxsize=131072)
def _paraphrased(a: str, b: str) -> bool:
    """Can a lemma of word ``b`` stand for a lemma of word ``a`` by WordNet (``wordnet.paraphrase``), the
    two not being listed opposites ("died" / "lived")? By word pair: the loose stages and ``related`` ask
    it of the same pairs again and again."""
    from .lexicon import wordnet
    from .lexicon.opposites import opposed

    lb = lemmas(b)
    if _wide(a, lb) or _wide(b, lemmas(a)):
        return True
    return any(wordnet.paraphrase(x, y) and not opposed(x, y) for x in lemmas(a) for y in lb)


def _wide(word: str, other: frozenset[str]) -> bool:
    """An adverb in "-wide" and the place it spans: "nationwide" / "across the country", "worldwide" /
    "around the world" (``other``: the lemmas of the other word)."""
    from .lexicon import wordnet

    return word.endswith("wide") and len(word) > 7 and not other.isdisjoint(wordnet.synonyms(word[:-4]))


def synonym(ref, cand, free_ref, free_cand, near=None) -> StageResult:
    """Lemmas sharing a WordNet synset."""
    cand_lemmas = frozenset().union(*(lemmas(cand[j].low) for j in free_cand if cand[j].content))
    if all(_synonyms(ref[i].low).isdisjoint(cand_lemmas) for i in free_ref if ref[i].content):
        return [], free_ref, free_cand  # no synonym of a reference word among all the copy's lemmas
    return _pair_up(ref, cand, free_ref, free_cand, lambda r, c: not _synonyms(r.low).isdisjoint(lemmas(c.low)),
                    "synonym", near, usable=_is_content)


def paraphrase(ref, cand, free_ref, free_cand, near=None) -> StageResult:
    """WordNet one level more general or more specific, or a derivation."""
    return _pair_up(ref, cand, free_ref, free_cand, lambda r, c: _paraphrased(r.low, c.low), "paraphrase", near,
                    usable=_is_content)


STAGES: tuple[Stage, ...] = (exact, typography, lemma, name, stem, synonym, paraphrase)


def related(r: Word, c: Word) -> bool:
    """Any stage's relation between two words, or one containing the other ("yard"/"courtyard"): for a
    word left free that may have moved far away."""
    return _related(r.low, c.low)


@lru_cache(maxsize=131072)
def _related(a: str, b: str) -> bool:
    if spelling_key(a) == spelling_key(b) or _same_stem(a, b) or (
            min(len(a), len(b)) >= 4 and (a.endswith(b) or b.endswith(a) or a.startswith(b) or b.startswith(a))):
        return True
    return not lemmas(a).isdisjoint(lemmas(b)) or _paraphrased(a, b)
# Stages whose relation is loose enough (every WordNet sense counts) that it must also hold in place: a
# word may pair only with a word of its own gap or one NEAR_GAPS away, so a synonym of some sense far
# away in the sentence ("following" ... "carrying") or a stem ("pressure" ... "press") does not hide a
# replaced word.
LOCAL = frozenset({stem, synonym, paraphrase})
CONTENT_ONLY = frozenset({name, stem, synonym, paraphrase})


# --- the alignment -----------------------------------------------------------------------------------


def _anchors(matches: Iterable[Match]) -> tuple[list[int], list[int]]:
    """The longest chain of matches increasing on both sides, words that kept their order: its reference
    indices and its copy indices."""
    pts = sorted(matches)  # by (ref, cand): no stage matches a pair of words twice
    cands = [m[1] for m in pts]
    if cands == sorted(set(cands)):  # already in order on both sides (most pairs): the chain is all of it
        refs = [m[0] for m in pts]
    else:
        chain = _longest_chain(cands)
        refs, cands = [pts[k][0] for k in chain], [cands[k] for k in chain]
    if len(set(refs)) == len(refs):
        return refs, cands
    # a reference word matched twice (respacing) must not be counted twice
    out_r, out_c, last_r = [], [], -1
    for r, c in zip(refs, cands):
        if r != last_r:
            out_r.append(r)
            out_c.append(c)
            last_r = r
    return out_r, out_c


def _longest_chain(cands: list[int]) -> list[int]:
    """Patience-sorting LIS of the copy indices of points sorted by reference index: the points' positions."""
    tails: list[int] = []
    tail_at: list[int] = []
    prev = [-1] * len(cands)
    for k, c in enumerate(cands):
        pos = bisect_left(tails, c)
        if pos == len(tails):
            tails.append(c)
            tail_at.append(k)
        else:
            tails[pos] = c
            tail_at[pos] = k
        prev[k] = tail_at[pos - 1] if pos else -1
    chain, k = [], tail_at[-1]
    while k >= 0:
        chain.append(k)
        k = prev[k]
    chain.reverse()
    return chain


def _intervals(anchored: list[int], free: Free) -> dict[int, int]:
    """For each free word of one side, the interval between anchors it falls in (k: after the k-th
    anchor); ``anchored``: the anchors' indices on that side, increasing."""
    return {i: bisect_left(anchored, i) for i in free}


_EMPTY_GAP = Gap((), ())  # most intervals hold no free word: one shared immutable gap


def _gaps(n_anchors: int, ref_at: dict[int, int], cand_at: dict[int, int], free_ref: Free, free_cand: Free) -> tuple[Gap, ...]:
    """One gap per interval between consecutive anchors, empty ones included, so that neighbours
    (gaps k-1 and k+1, one kept word away) mean something."""
    rs: dict[int, list[int]] = {}
    for i in free_ref:
        rs.setdefault(ref_at[i], []).append(i)
    cs: dict[int, list[int]] = {}
    for j in free_cand:
        cs.setdefault(cand_at[j], []).append(j)
    gaps = [_EMPTY_GAP] * (n_anchors + 1)  # most intervals hold no free word
    for k, r in rs.items():
        gaps[k] = Gap(tuple(r), tuple(cs.pop(k, ())))
    for k, c in cs.items():
        gaps[k] = Gap((), tuple(c))
    return tuple(gaps)


def align_words(ref: tuple[Word, ...], cand: tuple[Word, ...], stages: Sequence[Stage] = STAGES) -> Alignment:
    """Run the stages in order over the words of two segments."""
    if ref == cand and stages and stages[0] is exact:  # an unchanged sentence: every word its own match
        n = len(ref)
        return Alignment(ref, cand, tuple(Match(i, i, "exact") for i in range(n)), (), (), (_EMPTY_GAP,) * (n + 1))
    free_ref, free_cand = tuple(range(len(ref))), tuple(range(len(cand)))
    matches: list[Match] = []
    near: Near | None = None
    known = -1  # how many matches the anchors and the intervals were computed from
    for stage in stages:
        if not free_ref or not free_cand:
            break
        if stage in CONTENT_ONLY and not (any(map(_is_content, map(ref.__getitem__, free_ref)))
                                          and any(map(_is_content, map(cand.__getitem__, free_cand)))):
            break  # the later stages pair content words only, and one side has none left
        if stage in LOCAL and near is None:
            anchored_ref, anchored_cand = _anchors(matches)
            ref_at, cand_at = _intervals(anchored_ref, free_ref), _intervals(anchored_cand, free_cand)
            known = len(matches)
            near = lambda i, j: abs(ref_at[i] - cand_at[j]) <= NEAR_GAPS  # noqa: E731
        found, free_ref, free_cand = stage(ref, cand, free_ref, free_cand, near=near if stage in LOCAL else None)
        matches.extend(found)
    if known != len(matches):  # the loose stages found nothing more (most pairs): the same anchors
        anchored_ref, anchored_cand = _anchors(matches)
        ref_at, cand_at = _intervals(anchored_ref, free_ref), _intervals(anchored_cand, free_cand)
    gaps = _gaps(len(anchored_ref), ref_at, cand_at, free_ref, free_cand)
    return Alignment(ref, cand, tuple(matches), free_ref, free_cand, gaps)


def align_texts(ref: str, cand: str) -> Alignment:
    """The word alignment of two segment texts."""
    return align_words(words(ref), words(cand))
