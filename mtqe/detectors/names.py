"""Name detectors: proper nouns garbled, respelled, respaced, replaced by another name, or dropped.

Names are compared by content, not position: a reference name counts as kept when the candidate has the
same word (any case), a morphological variant (China/Chinese), a known alias (U.S./United States) or its
acronym; a name that only moved to another sentence of the document is not reported.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import jellyfish
from rapidfuzz import fuzz

from ..context import DocumentContext, DocumentSide
from ..lexicon import foreign
from ..lexicon.english import POSSESSIVE, american, en_freq, typo_like
from ..lexicon.names import (CALENDAR, CAMEL, COGNATE_ENDINGS, NameKeys, another_form, derived_word, eponymous_unit,
                             exonyms_of, genitive_of, name_key, other_place, proper_nouns, respelled_in_copy,
                             spelling_variant, translated_cognate)
from ..lexicon.sentences import FUNCTION_WORDS, title_case
from ..report import Flag
from ..text import Token
from .base import Detector, SegmentPair, register

_COMMON = 5000  # English words at least this frequent are not taken for names
_ENGLISH_WORD = 300  # a capitalised word this frequent in English may be a common word (Constituency)
_ROMAN = re.compile(r"^[IVXL]{1,5}$")
_LINKERS = frozenset("of the for de del della di da van von der den du la le el al bin ibn y".split())
_TITLES = frozenset(
    "mr mrs ms miss dr prof sir dame lord lady president minister prime secretary general judge justice king "
    "queen prince princess pope saint st chairman chief governor senator mayor director officer captain "
    "inc ltd co corp plc llc gmbh ag sa".split()
)
# Equivalent ways of writing the same entity (a name is kept if any member is present).
_ALIAS_GROUPS = (
    {"us", "usa", "america", "american", "americans", "united states", "states"},
    {"uk", "britain", "british", "united kingdom", "england", "english", "great britain"},
    {"un", "united nations"},
    {"eu", "european union", "europe", "european"},
    {"uae", "emirates", "united arab emirates"},
    {"ussr", "soviet", "soviet union"},
    {"nyc", "new york"},
    {"holland", "netherlands", "dutch"},
)
_ALIAS_OF: dict[str, list[set[str]]] = {}
for _g in _ALIAS_GROUPS:
    for _w in _g:
        _ALIAS_OF.setdefault(_w, []).append(_g)
@dataclass(frozen=True)
class Name:
    tok: Token
    key: str  # lowercased, possessive and dots removed
    group: tuple[str, ...]  # keys of the whole run of capitalised words it belongs to
    initial: bool  # first word of a sentence
    index: int = 0  # position in its run

    @property
    def strong(self) -> bool:
        """Clearly a name, not a capitalised common word (title, sentence start)."""
        if self.key in _TITLES or self.key in FUNCTION_WORDS and not self.tok.text.isupper():
            return False
        if len(self.key) > 1 and self.tok.text.replace(".", "").isupper():
            return True
        if self.initial and self.key not in proper_nouns() and en_freq(self.key) > 50:
            return False  # "Widespread looting continued": a capitalised sentence start
        if "-" in self.key:
            return any(_strong_key(p) for p in self.key.split("-"))
        if self.key in _ALIAS_OF or " ".join(self.group) in _ALIAS_OF:
            return True
        return _strong_key(self.key)

    @property
    def acronym(self) -> bool:
        return self.tok.text.replace(".", "").isupper() or any(ch.isdigit() for ch in self.key)


def _strong_key(key: str) -> bool:
    return len(key) > 1 and key not in _TITLES and (key in proper_nouns() or en_freq(key) < _COMMON)


def _names(context: DocumentContext, text: str, starts: tuple[int, ...]) -> tuple[Name, ...]:
    """The capitalised words of a text, in runs ("Bank of England"), sentence starts marked."""
    tokens = context.tokens(text)
    firsts = {t.start for t in context.first_words(text, starts)}
    runs: list[list[tuple[Token, bool]]] = []
    current: list[tuple[Token, bool]] = []
    for i, tok in enumerate(tokens):
        if tok.is_word and tok.text[0].isupper():
            key = name_key(tok.text)
            initial = tok.start in firsts
            if _ROMAN.match(tok.text) and current:
                continue  # Elizabeth II
            if key in CALENDAR or key in FUNCTION_WORDS and len(key) > 1 and not tok.text.isupper() or (
                    eponymous_unit(tokens, i)):
                if current:
                    runs.append(current)
                current = []
                continue
            if initial and en_freq(key) >= 20000 and key not in proper_nouns():
                if current:
                    runs.append(current)
                current = []
                continue  # an ordinary word that starts a sentence
            current.append((tok, initial))
        elif current:
            if tok.is_word and tok.lower in _LINKERS:
                continue  # "Bank of England": keep the run open
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    out = []
    for run in runs:
        group = tuple(name_key(t.text) for t, _ in run)
        for i, (tok, initial) in enumerate(run):
            if len(group[i]) >= 2:
                out.append(Name(tok, group[i], group, initial, i))
    return tuple(out)


def _kept_neighbours(rn: Name) -> tuple[int, ...]:
    """Where a kept word makes this lost one "partly kept": the next word (John Lewis -> Lewis), and for a
    capitalised English word the one before too (Ashford Magistrates -> Ashford: reworded, N107's); a name
    lost after a kept one is lost ("in Detroit Obama expressed" -> "in Detroit expressed")."""
    if rn.key not in proper_nouns() and en_freq(rn.key) >= _ENGLISH_WORD:
        return rn.index - 1, rn.index + 1
    return (rn.index + 1,)


def _initial_kept(part: str, words: frozenset[str]) -> bool:
    """A one-letter part of a hyphenated name, written out in the other text (T-Rex / tyrannosaurus rex)."""
    return len(part) == 1 and any(len(w) > 3 and w[0] == part for w in words)


def _variant_of(rn: Name, new: dict[str, Name], used: set[str]) -> Name | None:
    """A new name of the copy that writes this reference name another accepted way: an exonym (Kiev /
    Kyiv) or a romanisation variant (Plitvice / Plitwitz, Jajjhar / Jhajjar), whatever else is similar."""
    for k in exonyms_of(rn.key):
        if k in new and k not in used:
            return new[k]
    return next((cn for k, cn in new.items() if k not in used and spelling_variant(rn.key, k)), None)


@lru_cache(maxsize=16384)  # by name: every word of a run asks for its run's acronym
def _acronym(group: tuple[str, ...]) -> str:
    return "".join(k[0] for k in group if k and k not in _LINKERS)


def _doc_names(side: DocumentSide) -> tuple[Name, ...]:
    return tuple(n for p in side.sentences for n in side.context.memo(_names, p, (0,)))


def _kept(name: Name, words: frozenset[str], joined: str, acronyms: _Acronyms, caps: frozenset[str] = frozenset()) -> bool:
    """Is this name (or an equivalent form of it) present in a text with these words?"""
    key = name.key
    if key in words:
        return True
    if "-" in key and all(p in words or p.isdigit() or _initial_kept(p, words) for p in key.split("-") if p):
        return True
    if derived_word(key, words):
        return True  # Congress / congressional
    if any(translated_cognate(key, c) for c in _cognate_shaped(caps)):
        return True  # Patriotyczna / Patriotic: the name translated
    # abbreviations: Tue/Tuesday, Sept/September, Rz/Rzeczpospolita
    if caps and (any(key[:n] in caps and not other_place(key, key[:n]) for n in (3, 4, 5) if n < len(key))
                 or 2 <= len(key) <= 5 and _starts_another(key, caps, key, place=key)):
        return True
    for group in _ALIAS_OF.get(key, ()):
        if any((" " + alias + " ") in joined for alias in group):
            return True
    multi = " ".join(name.group)
    for group in _ALIAS_OF.get(multi, ()):
        if any((" " + alias + " ") in joined for alias in group):
            return True
    if len(key) >= 5:
        stem = key[: max(4, round(len(key) * 0.7))]
        stem = stem[: len(key) - 1] if len(stem) >= len(key) else stem
        if _starts_another(stem, caps or words, None, len(key), place=key, variant_of=key):
            # China/Chinese, Kenya/Kenyan, Britain/British (not Dmitrij/Dmitry: N102's variant; not
            # Michigan/Michigna: a respelling)
            return True
    if len(name.group) > 1 and _acronym(name.group) in acronyms.written:
        return True  # Department of Homeland Security -> DHS
    if name.tok.text.replace(".", "").isupper() and key in acronyms.initials:
        return True
    return False


def _starts_another(prefix: str, words: frozenset[str], other_than: str | None, near_length: int = 0,
                    place: str = "", variant_of: str = "") -> bool:
    """Does a word of ``words`` (not ``other_than``; within 4 letters of ``near_length`` when given; no
    other place than ``place``; no spelling variant of ``variant_of``) start with ``prefix``? Those words
    sit together in sorted order: a bisection, not a scan of the document."""
    ordered = _sorted_words(words)
    for k in range(bisect_left(ordered, prefix), len(ordered)):
        w = ordered[k]
        if not w.startswith(prefix):
            return False
        if w != other_than and (not near_length or abs(len(w) - near_length) <= 4) and not (place and other_place(place, w)):
            if variant_of and spelling_variant(variant_of, w):
                continue  # another spelling of the name (Rachmaninoff / Rachmaninov), not a word derived from it
            if variant_of and typo_like(w, variant_of) and not (en_freq(w) and en_freq(variant_of)):
                continue  # a letter of the name dropped or swapped (Michigan / Michigna): not its derived word
            return True
    return False


@lru_cache(maxsize=256)  # by word set, like _sorted_words
def _cognate_shaped(words: frozenset[str]) -> tuple[str, ...]:
    """The words that may be a name's English cognate (``translated_cognate`` asks for an English
    ending): a few of a document's capitalised words, tried against every name it compares."""
    return tuple(w for w in words if w.endswith(COGNATE_ENDINGS))


@lru_cache(maxsize=256)  # by word set: a document's (or a segment's) keys serve every name compared with them
def _sorted_words(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(words))


@dataclass(frozen=True, slots=True)
class _Acronyms:
    written: frozenset[str]  # acronyms as written in the text (DHS, U.S.)
    initials: frozenset[str]  # initials of its multi-word names (Department of Homeland Security -> dhs)


def _acronyms_of(names: tuple[Name, ...]) -> _Acronyms:
    return _Acronyms(
        frozenset(n.key for n in names if n.tok.text.replace(".", "").isupper()),
        frozenset(_acronym(n.group) for n in names if len(n.group) > 1),
    )


# First letters that stand for one sound in transliteration (Guan/Kwan, Tsai/Cai, Peking/Beijing).
_SOUND_CLASS = {ch: cls for cls in ("aeiouy", "gkcq", "bp", "dt", "fv", "sz", "jy") for ch in cls}


def _sounds_alike(a: str, b: str) -> bool:
    """Same pronunciation as transliterations vary it: equal metaphone or soundex codes from first letters of
    one sound class. Uganda/Rwanda or Iran/Iraq look alike but do not sound alike."""
    if a[:1] == b[:1] or _SOUND_CLASS.get(a[:1], a[:1]) == _SOUND_CLASS.get(b[:1], b[:1]):
        return (jellyfish.metaphone(a)[1:] == jellyfish.metaphone(b)[1:]
                or jellyfish.soundex(a)[1:] == jellyfish.soundex(b)[1:])
    return len(a) > 2 and jellyfish.metaphone(a)[1:] == jellyfish.metaphone(b)[1:]


@lru_cache(maxsize=65536)  # by name pair: a document compares its names with the same others again and again
def _similar(a: str, b: str) -> tuple[bool, bool]:
    """(looks or sounds like the same name, sounds alike)."""
    if _sounds_alike(a, b):
        return True, True
    ratio = fuzz.ratio(a, b)
    if ratio >= 70 or min(len(a), len(b)) >= 3 and ratio >= 50 and jellyfish.match_rating_comparison(a, b):
        return True, False
    return False, False


def _respaced(name: Name, cand_names: tuple[Name, ...], cand_words: frozenset[str]) -> str | None:
    """A cand word that joins/splits this name's run ("Hong Kong" <-> "Hongkong")."""
    group = name.group
    if len(group) > 1:
        joined = "".join(group)
        if joined in cand_words:
            return joined
    for cn in cand_names:
        g = cn.group
        for i in range(len(g) - 1):  # any run of 2-3 words of the group ("Mr Sno Wden" -> Snowden)
            for j in range(i + 2, min(len(g), i + 3) + 1):
                if "".join(g[i:j]) == name.key:
                    return " ".join(g[i:j])
    return None


class _Analysis:
    """Matches the names of one pair once; the name detectors read the findings.

    In order: the copy's names the reference document lacks (``new``), the reference names the copy
    segment lacks (``missing``), missing names paired with a similar new one (garbled or a variant),
    new names that respell a name the copy also keeps, and what is left: replaced, dropped or added.
    """

    __slots__ = ("garbled", "variants", "respaced", "replaced", "dropped", "added", "glued")

    def __init__(self, pair: SegmentPair):
        self.garbled: list[tuple[Name, Name, bool, bool]] = []
        self.variants: list[tuple[Name, Name]] = []
        self.respaced: list[tuple[Name, str]] = []
        self.replaced: list[tuple[Name, Name]] = []
        self.dropped: list[Name] = []
        self.added: list[Name] = []
        self.glued: list[Name] = []  # CamelCase names that glue two reference words ("EcuadorChinese")
        context = pair.context
        ref_names = context.memo(_names, pair.ref, tuple(pair.ref_starts))
        if not ref_names and not pair.cand:
            return
        cand_names = context.memo(_names, pair.cand, tuple(pair.cand_starts))
        cand_keys = context.name_keys(pair.cand)
        cand_acr = _acronyms_of(cand_names)
        new, glued = _new_names(cand_names, context.ref.name_keys, _acronyms_of(ref_names))
        missing, kept_keys = self._missing(ref_names, cand_names, cand_keys, cand_acr)
        used, still_missing = self._respelled(missing, new, context.cand.name_keys.words)
        self._inconsistent(new, used, ref_names, context.ref.derive(_doc_names), cand_keys.words)
        leftovers = [cn for cn in new.values() if cn.key not in used and cn.strong]
        self._lost(pair, still_missing, leftovers, kept_keys, context.cand.name_keys, cand_acr)
        replacing = {cn.key for _, cn in self.replaced}
        self.added = [cn for cn in leftovers if cn.key not in replacing]
        self.glued = list(glued.values())

    def _missing(self, ref_names, cand_names, cand_keys: NameKeys, cand_acr: _Acronyms):
        """Reference names the copy segment lacks (respaced ones recorded), and the keys it kept."""
        missing: list[Name] = []
        seen = set()
        kept_keys = set()
        for rn in ref_names:
            if rn.key in seen:
                continue
            seen.add(rn.key)
            # respacing first: "Sno Wden" would otherwise pass for an abbreviation ("Sno") of Snowden
            joined = None if rn.key in cand_keys.words else _respaced(rn, cand_names, cand_keys.words)
            if joined:
                self.respaced.append((rn, joined))
            elif _kept(rn, cand_keys.words, cand_keys.joined, cand_acr, cand_keys.caps):
                kept_keys.add(rn.key)
            else:
                missing.append(rn)
        return missing, kept_keys

    def _respelled(self, missing: list[Name], new: dict[str, Name], cand_doc_words: frozenset[str]):
        """Pair each missing name with the most similar new one: a garbled name or a spelling variant.
        Returns the new names used and the missing names left unpaired."""
        used: set[str] = set()
        still_missing: list[Name] = []
        for rn in missing:
            variant = _variant_of(rn, new, used)
            if variant is not None:
                used.add(variant.key)
                self.variants.append((rn, variant))  # Kiev -> Kyiv, Plitvice -> Plitwitz: the same place
                continue
            best, best_score, best_sounds = None, 0.0, False
            for cn in new.values():
                if cn.key in used:
                    continue
                similar, sounds = _similar(rn.key, cn.key)
                if similar:
                    score = fuzz.ratio(rn.key, cn.key) + (30 if sounds else 0)
                    if score > best_score:
                        best, best_score, best_sounds = cn, score, sounds
            if best is None:
                still_missing.append(rn)
                continue
            used.add(best.key)
            if rn.acronym != best.acronym:
                continue  # MSK / Moscow: an abbreviation spelled out (or the reverse)
            if typo_like(best.key, rn.key) and not en_freq(best.key) and (
                    not rn.strong or foreign.is_common(best.tok.text.lower())):
                # a dropped or swapped letter in a weak name, or into a common word of another language (the
                # original's "Medecines Sans Frontieres", the copy's "Médecins"): a misspelling (S101)
                continue
            if american(best.key) == american(rn.key):
                continue  # Labour / Labor: house style, not another name
            if spelling_variant(best.key, rn.key) or translated_cognate(rn.key, best.key):
                self.variants.append((rn, best))  # Plitvice / Plitwitz; Rewolucja / Revolution: the name translated
            elif rn.key in proper_nouns() and best.key in proper_nouns():
                self.replaced.append((rn, best))  # Uganda -> Rwanda, Iran -> Iraq: another real name
            elif len(rn.group) > 1 and en_freq(best.key) and all(map(en_freq, rn.group)):
                # a name made of English words, one of them swapped for another ("Ministry of Internal
                # Affairs" -> "Interior"): not a garbled proper noun (as in "Guan Heng" -> "Kwan") but a name
                # changed inside, which N107 reports as a phrase
                continue
            else:
                # Inconsistent when the copy still spells the name the original way elsewhere.
                inconsistent = rn.key in cand_doc_words
                self.garbled.append((rn, best, best_sounds, inconsistent))
        return used, still_missing

    def _inconsistent(self, new, used: set[str], ref_names, doc_names, cand_words: frozenset[str]) -> None:
        """New names that only differ from a reference name the copy also spells correctly elsewhere
        ("Zhang ... Chang"): an inconsistent respelling. Otherwise a name that moved sentence is left alone."""
        for cn in new.values():
            if cn.key in used:
                continue
            for rn in (*ref_names, *doc_names):
                similar, sounds = _similar(rn.key, cn.key)
                if not similar or rn.acronym != cn.acronym:
                    continue
                used.add(cn.key)
                if another_form(rn.key, cn.key):
                    if rn.key in cand_words and rn in ref_names:
                        self.variants.append((rn, cn))  # Russia ... Rossiya: the place's own name beside it
                elif (rn.key in cand_words and rn.strong and rn in ref_names and not typo_like(cn.key, rn.key)
                        and rn.key[:4] != cn.key[:4]
                        and (jellyfish.metaphone(rn.key)[1:] == jellyfish.metaphone(cn.key)[1:]
                             or fuzz.ratio(rn.key, cn.key) >= 75)):
                    self.garbled.append((rn, cn, sounds, True))
                break

    def _lost(self, pair: SegmentPair, still_missing, leftovers, kept_keys, cand_doc: NameKeys,
              cand_acr: _Acronyms) -> None:
        """Missing names nowhere in the copy document: replaced by a leftover new name, or dropped."""
        for rn in still_missing:
            if _kept(rn, cand_doc.words, cand_doc.joined, cand_acr, cand_doc.caps):
                continue  # moved to another sentence
            if not exonyms_of(rn.key).isdisjoint(cand_doc.words):
                continue  # written another accepted way, read as a word of its own ("the Philippine people")
            # "John Lewis" -> "Lewis": a neighbouring name word of the same run survives
            partly_kept = any(
                0 <= j < len(rn.group) and rn.group[j] in kept_keys and _strong_key(rn.group[j])
                for j in _kept_neighbours(rn)
            )
            if not rn.strong:
                continue  # a capitalised common word (Department, River): reworded, not a lost name
            if len(rn.key) >= 4 and rn.key in cand_doc.joined and _glued_pattern(rn.key).search(cand_doc.joined):
                continue  # glued to another word ("EcuadorChinese"): not lost; the glued word is the finding
            if leftovers:
                # pair with the new name nearest in relative position
                rel = rn.tok.start / max(1, len(pair.ref))
                cn = min(leftovers, key=lambda c: abs(c.tok.start / max(1, len(pair.cand)) - rel))
                self.replaced.append((rn, cn))
            elif not partly_kept and (not rn.acronym or rn.key in _ALIAS_OF):
                self.dropped.append(rn)


@lru_cache(maxsize=8192)  # by name: re's own cache holds 512 patterns
def _glued_pattern(key: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(key)}\w|\w{re.escape(key)}\b")


def _new_names(cand_names, ref_doc: NameKeys, ref_acr: _Acronyms) -> tuple[dict[str, Name], dict[str, Name]]:
    """Names of the copy the reference document does not have (garbled, respelled or substituted),
    and CamelCase ones that glue two reference words ("EcuadorChinese"), by key."""
    new: dict[str, Name] = {}
    glued: dict[str, Name] = {}
    for cn in cand_names:
        if cn.key in new or cn.key in ref_doc.words:
            continue
        if _kept(cn, ref_doc.words, ref_doc.joined, ref_acr, ref_doc.caps):
            continue
        if cn.initial and not cn.strong:
            continue
        if CAMEL.search(cn.tok.text) and all(name_key(p) in ref_doc.words for p in CAMEL.split(cn.tok.text)):
            glued.setdefault(cn.key, cn)
            continue
        new[cn.key] = cn
    return new, glued


def _span(n: Name) -> tuple[int, int]:
    return n.tok.start, n.tok.start + len(POSSESSIVE.sub("", n.tok.text))


@dataclass(frozen=True)
class _Phrase:
    """A run of capitalised words read as one name ("House Judiciary Committee", "Court of Session")."""

    keys: tuple[str, ...]  # every word of its span, linkers included, dashes folded
    core: tuple[str, ...]  # its capitalised words, in order
    start: int
    end: int


@lru_cache(maxsize=8192)  # by name: a document repeats its names, and re's own cache holds 512 patterns
def _phrase_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    """The phrase as written, any case, words separated by spaces only (a comma ends a name)."""
    words = (re.escape(k).replace("-", "[-\u2010-\u2015]") + r"(?:'s|\u2019s|'|\u2019)?" for k in keys)
    return re.compile(r"(?<!\w)" + r"\.?\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _written_in(context: DocumentContext, text: str, keys: tuple[str, ...]) -> bool:
    """Does ``_phrase_pattern(keys)`` match somewhere in ``text`` (a whole document)? Asked once per
    phrase and document; in ASCII, a word of the phrase missing from the lower-cased text settles it
    without the search."""
    return context.memo(_phrase_written, text, keys)


def _phrase_written(context: DocumentContext, text: str, keys: tuple[str, ...]) -> bool:
    low = context.memo(_ascii_lowered, text)
    if low is not None and all(k.isascii() for k in keys) and any(k.lower() not in low for k in keys):
        return False
    return _phrase_pattern(keys).search(text) is not None


def _ascii_lowered(context: DocumentContext, text: str) -> str | None:
    return text.lower() if text.isascii() else None


@lru_cache(maxsize=65536)  # by word
def _phrase_key(text: str) -> str:
    return name_key(text.translate(_DASHES))  # before name_key, whose ASCII folding drops dashes


_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015"})


def _phrases(tokens: tuple[Token, ...], names: tuple[Name, ...], least: int = 1) -> list[_Phrase]:
    """The runs of names as phrases; only those of ``least`` names or more."""
    runs: list[list[Name]] = []
    for n in names:
        if runs and n.group == runs[-1][-1].group and n.index > runs[-1][-1].index:
            runs[-1].append(n)
        else:
            runs.append([n])
    if least > 1:
        runs = [run for run in runs if len(run) >= least]
    out = []
    starts = [t.start for t in tokens] if runs else []
    for run in runs:
        start, end = run[0].tok.start, _span(run[-1])[1]
        # the tokens inside [start, end): sorted and disjoint, they run from the first starting there
        inside = []
        for k in range(bisect_left(starts, start), len(tokens)):
            t = tokens[k]
            if t.end > end:
                break
            if t.is_word or t.is_number:
                inside.append(_phrase_key(t.text))
        out.append(_Phrase(tuple(inside), tuple(_phrase_key(n.tok.text) for n in run), start, end))
    return out


def _in_order(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """a's words appear in b in the same order (b may have more)."""
    it = iter(b)
    return all(k in it for k in a)


_DEMONYM_ENDINGS = ("an", "i", "ese", "ish", "ic")


def _accounted(key: str, other: Iterable[str], segment_words: frozenset[str]) -> bool:
    """A word of one phrase that the other still expresses: the same word outside the name ("Director" ->
    "director"), a title, an alias (United States / U.S.), or a place and its demonym (Iraq / Iraqi)."""
    if key in _TITLES or key in _LINKERS or key in segment_words:
        return True
    for k in other:
        short, long_ = sorted((key, k), key=len)
        if (short in proper_nouns() and len(short) >= 4 and long_.startswith(short[:-1])
                and len(long_) - len(short) <= 3 and long_.endswith(_DEMONYM_ENDINGS)):
            return True  # Burundi / Burundian, Iraq / Iraqi, China / Chinese (not West / Western)
    return False


def _phrase_changes(pair: SegmentPair) -> list[tuple[_Phrase, _Phrase, str]]:
    """Multi-word names of the reference segment the copy writes differently: (reference, copy, how)."""
    context = pair.context
    ref_tokens, cand_tokens = context.tokens(pair.ref), context.tokens(pair.cand)
    ref_names = context.memo(_names, pair.ref, tuple(pair.ref_starts))
    # Two capitalised words in a row, past a sentence start, are a name in English prose (a title alone is not).
    wanted = [p for p in _phrases(ref_tokens, ref_names, 2) if len(set(p.core)) >= 2 and not set(p.core) <= _TITLES]
    if not wanted or title_case(ref_tokens) or title_case(cand_tokens):
        return []  # (the title-case tests last: most segments hold no multi-word name)
    cand_phrases = _phrases(cand_tokens, context.memo(_names, pair.cand, tuple(pair.cand_starts)))
    ref_words, cand_words = context.word_forms(pair.ref), context.word_forms(pair.cand)
    out, used = [], set()
    for rp in wanted:
        if _written_in(context, context.cand.text, rp.keys) or _acronym(rp.keys) in context.cand.name_keys.words:
            continue  # verbatim somewhere in the copy, or abbreviated (Department of Homeland Security -> DHS)
        ref_core = _canonical(rp.core)
        best = max(((len(set(ref_core).intersection(_canonical(cp.core)) - _TITLES),
                     fuzz.ratio(" ".join(rp.core), " ".join(cp.core)), i)
                    for i, cp in enumerate(cand_phrases) if i not in used), default=(0, 0, -1))
        if not best[0]:
            continue  # nothing of it written as a name: dropped or reworded (the single-name detectors)
        cp = cand_phrases[best[2]]
        if _written_in(context, context.ref.text, cp.keys):
            continue  # the copy's phrase is a name the original uses too
        used.add(best[2])
        cand_core = _canonical(cp.core)
        if _in_order(ref_core, cand_core) or _in_order(cand_core, ref_core):
            continue  # shortened or lengthened in order: "President Trump" -> "President Donald Trump"
        lost = [k for k in ref_core if k not in cand_core and not _accounted(k, cand_core, cand_words)]
        gained = [k for k in cand_core if k not in ref_core and not _accounted(k, ref_core, ref_words)]
        lost, gained = _unpair_respelled(lost, gained, cp.keys, ref_core)
        if lost or gained:
            out.append((rp, cp, "changed inside"))
        elif "of" not in rp.keys and "of" not in cp.keys and not _name_order(ref_core, cand_core) and (
                [k for k in ref_core if k in cand_core] != [k for k in cand_core if k in ref_core]):
            # County Galway -> Galway County. "Court of Session" -> "Session Court" reads like "Speaker of
            # the House" -> "House Speaker" or "ABC of Australia" -> "Australia's ABC": no flag.
            out.append((rp, cp, "its words reordered"))
    return out


def _unpair_respelled(lost: list[str], gained: list[str], cand_keys: tuple[str, ...],
                      ref_core: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Lost and gained words of a name less the pairs that write one word two accepted ways ("Commercial
    Mexicana" / "Comercial Mexicana", "Rohin Bharadwaj" / "Rohin Bhardwaj"): N101/N102 judge those words.
    A name in a case ending that the copy writes with "of" is the same name ("Rewolucja Maxa" / "Revolution
    of Max": Polish genitive) when the whole name is in that language (not "Museum of Taxa" / "of Tax")."""
    lost, gained = list(lost), list(gained)
    foreign = all(en_freq(k) < _ENGLISH_WORD and k not in _TITLES for k in ref_core)
    after_of = {k for prev, k in zip(cand_keys, cand_keys[1:]) if prev == "of"} if foreign else set()
    for r in list(lost):
        c = next((c for c in gained if respelled_in_copy(r, c) or c in after_of and genitive_of(r, c)), None)
        if c is not None:
            lost.remove(r)
            gained.remove(c)
    return lost, gained


def _name_order(ref_core: tuple[str, ...], cand_core: tuple[str, ...]) -> bool:
    """Reordered words that are all names (no English word among them): a personal name in the other
    order (Katsuno Akiyoshi / Akiyoshi Katsuno) or an acronym moved, not County Galway / Galway County."""
    return all(k not in _TITLES and (en_freq(k) < _ENGLISH_WORD or k in proper_nouns())
               for k in ref_core if k in cand_core)


# Each alias group written as one word, so "United States" and "U.S." compare equal inside a name.
_CANON = {alias: min(g, key=len) for g in _ALIAS_GROUPS for alias in g}
_MULTI_ALIASES = sorted((a for a in _CANON if " " in a), key=len, reverse=True)


@lru_cache(maxsize=16384)  # by name: each copy phrase is compared with every name of its reference segment
def _canonical(core: tuple[str, ...]) -> tuple[str, ...]:
    """A name's capitalised words as house style cannot change them: hyphenated words split, initials
    joined (D K Arya = D.K. Arya), British spellings made American, aliases written one way."""
    parts: list[str] = []
    after_initial = False
    for p in (p for k in core for p in k.split("-") if p):
        if len(p) == 1 and after_initial:
            parts[-1] += p
        else:
            parts.append(american(p))
        after_initial = len(p) == 1
    text = " " + " ".join(parts) + " "
    for alias in _MULTI_ALIASES:
        if " " + alias + " " in text:
            text = text.replace(" " + alias + " ", " " + _CANON[alias] + " ")
    return tuple(_CANON.get(k, k) for k in text.split())

@register
class GarbledName(Detector):
    """A proper noun spelled or transliterated differently, so it may name someone or somewhere else.

    ref: Guan Heng, 38, applied for asylum.
    cand: Kwan Heng, 38, applied for asylum.
    """

    code = "N101"
    category = "name"
    severity = "major"
    # the word is the finding, not its phrase; a respelled name ("Pelosi" -> "Pelsoi") is a garbled name,
    # not a typo: a reader cannot tell who is meant
    supersedes = ("N107", "S101")

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        for rn, cn, sounds, inconsistent in pair.shared(_Analysis).garbled:
            how = (" (respelled: a letter dropped, added or swapped)" if typo_like(cn.key, rn.key)
                   else " (sounds alike: likely transliteration)" if sounds else " (garbled)")
            if inconsistent:
                how += f'; the copy spells it "{rn.tok.text}" elsewhere'
            yield self.flag(pair, f'proper noun "{rn.tok.text}" became "{cn.tok.text}"{how}', _span(rn), _span(cn))


@register
class NameVariant(Detector):
    """A name written in another accepted spelling (y/i, doubled letters, ph/f): check house style.

    ref: members of ethnic minorities, especially the Uyghurs
    cand: members of ethnic minorities, particularly Uighurs
    """

    code = "N102"
    category = "name"
    severity = "minor"
    supersedes = ("N107", "S101")  # the word is the finding, not its phrase; a variant is no typo

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        for rn, cn in pair.shared(_Analysis).variants:
            yield self.flag(pair, f'name "{rn.tok.text}" spelled "{cn.tok.text}" (spelling variant)', _span(rn), _span(cn))


@register
class RespacedName(Detector):
    """A multi-word name run together or split apart ("Hong Kong" -> "Hongkong").

    ref: He went first to Hong Kong.
    cand: He went first to Hongkong.
    """

    code = "N103"
    category = "name"
    severity = "minor"
    supersedes = ("N107",)  # the respaced word is the finding, not its phrase

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        done = set()
        for rn, joined in pair.shared(_Analysis).respaced:
            if rn.group in done:
                continue
            done.add(rn.group)
            original = " ".join(rn.group) if len(rn.group) > 1 else rn.tok.text
            m = re.search(re.escape(joined).replace(r"\ ", r"\s+"), pair.cand, re.IGNORECASE)
            cand_span = m.span() if m else None
            shown = pair.cand[cand_span[0]:cand_span[1]] if cand_span else joined
            yield self.flag(pair, f'name "{original}" written as "{shown}" (spacing changed)', None, cand_span)


@register
class ReplacedName(Detector):
    """A name of the original replaced by a different name.

    ref: Most of the goods from Central America came in duty-free.
    cand: Most of the goods from Singapore came in duty-free.
    """

    code = "N104"
    category = "name"
    severity = "critical"
    supersedes = ("N107",)  # the word is the finding, not its phrase

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        for rn, cn in pair.shared(_Analysis).replaced:
            yield self.flag(pair, f'name "{rn.tok.text}" was replaced by a different name, "{cn.tok.text}"',
                            _span(rn), _span(cn))


@register
class DroppedName(Detector):
    """A name of the original that is missing from the copy.

    ref: The comet collided with the Earth long ago.
    cand: The comet collided with long ago.
    """

    code = "N105"
    category = "name"
    severity = "major"
    supersedes = ("N107",)  # the lost word is the finding, not its phrase

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        for rn in pair.shared(_Analysis).dropped:
            if rn.key not in proper_nouns() and en_freq(rn.key) >= _ENGLISH_WORD:
                # "the City Constituency" -> "Urban": a capitalised English word, reworded more often than lost
                yield self.flag(pair, f'capitalised word "{rn.tok.text}" is missing from the copy (a name, or '
                                'reworded?)', _span(rn), None, severity="minor")
            else:
                yield self.flag(pair, f'name "{rn.tok.text}" is missing from the copy', _span(rn), None)


@register
class AddedName(Detector):
    """A name in the copy that appears nowhere in the original: major for a well-known place or person.

    Nor is it a spelling of one of the original's names.

    ref:  On Monday, coalition and Afghan troops moved into the area.
    cand: On Monday, Hamas and Afghan troops moved into the area.
    """

    code = "N106"
    category = "name"
    severity = "minor"
    defers = ("M101",)  # "EcuadorChinese": a fusion, M101's

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        analysis = pair.shared(_Analysis)
        ref_words = pair.context.ref.name_keys.words
        for cn in analysis.added:
            # a well-known place or person the original never mentions, not a part added to a name it keeps
            # ("President Donald Trump" for "President Trump")
            if cn.key in proper_nouns() and not any(k in ref_words for k in cn.group if k != cn.key):
                yield self.flag(pair, f'"{cn.tok.text}" is named in the copy but nowhere in the original', None,
                                _span(cn), severity="major")
            else:
                yield self.flag(pair, f'name "{cn.tok.text}" is not in the original', None, _span(cn))
        if not self.defers_to("M101"):  # "EcuadorChinese": M101 reports the fusion while it runs
            for cn in analysis.glued:
                yield self.flag(pair, f'name "{cn.tok.text}" is not in the original (two of its words glued?)',
                                None, _span(cn))


@register
class NamePhraseChanged(Detector):
    """A multi-word name (organisation, office, place, law, event) changed inside: a word replaced or moved.

    The name no longer names the same thing, although its words may look alike.

    ref: The House Judiciary Committee will hear the case.
    cand: The House Judicial Committee will hear the case.
    """

    code = "N107"
    category = "name"
    severity = "major"

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        for rp, cp, how in pair.shared(_phrase_changes):
            ref_text, cand_text = pair.ref[rp.start:rp.end], pair.cand[cp.start:cp.end]
            yield self.flag(pair, f'name "{ref_text}" became "{cand_text}" ({how})', (rp.start, rp.end),
                            (cp.start, cp.end))
