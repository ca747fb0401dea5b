"""WordNet 3.0 relations between English words, read from the compact tables in ``data/``.

The tables are derived once from Princeton's database by ``wordnet_build.py`` (licence: data/WORDNET-LICENSE)
and load lazily, on the first question, so ``import mtqe`` stays light. Answers are by lemma (lower case,
multi-word lemmas joined by "_"); callers lemmatise first. Every sense counts: WordNet cannot tell which
sense a sentence means, so "synonym" here means "a synonym in some sense", the lenient reading METEOR uses.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources
from typing import NamedTuple


class _Tables(NamedTuple):
    # Kept as the file's strings and parsed per question: a parsed form would cost three times the memory
    # (~90 MB) and most synsets are never asked about. A tuple, not a list: the cyclic GC stops tracking a
    # tuple of strings, so its full collections (~0.1 s each) no longer walk these 117,000 lines.
    senses: dict[str, str]  # one-word lemma -> "id,id,..."
    synsets: tuple[str, ...]  # synset id -> "pos+lexfile<TAB>lemmas<TAB>hypernym ids<TAB>near ids"
    antonyms: dict[str, frozenset[str]]
    derivations: dict[str, frozenset[str]]


def _text(name: str) -> str:
    with resources.files(__package__).joinpath("data").joinpath(name).open("rb") as raw:
        return gzip.decompress(raw.read()).decode("utf-8")


def _pairs(name: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for line in _text(name).splitlines():
        a, b = line.split("\t")
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables(
        dict(line.split("\t", 1) for line in _text("wn_index.tsv.gz").splitlines()),
        tuple(_text("wn_synsets.tsv.gz").splitlines()),
        _pairs("wn_antonyms.tsv.gz"), _pairs("wn_derivations.tsv.gz"),
    )


@lru_cache(maxsize=32768)
def _senses(lemma: str) -> tuple[int, ...]:
    ids = _tables().senses.get(lemma)
    return tuple(map(int, ids.split(","))) if ids else ()


class _Synset(NamedTuple):
    kind: str  # part of speech and lexicographer file: "n05" is noun.animal
    lemmas: tuple[str, ...]
    hypernyms: tuple[int, ...]
    near: tuple[int, ...]


def _ids(field: str) -> tuple[int, ...]:
    return tuple(map(int, field.split(","))) if field else ()


@lru_cache(maxsize=32768)
def _synset(i: int) -> _Synset:
    kind, words, hypers, near = _tables().synsets[i].split("\t")
    return _Synset(kind, tuple(words.split(" ")), _ids(hypers), _ids(near))


def known(lemma: str) -> bool:
    """WordNet has this word (as any part of speech)."""
    return lemma in _tables().senses


def person(lemma: str) -> bool:
    """Does some noun sense of ``lemma`` name a person (WordNet's noun.person file)?"""
    return any(_synset(i).kind == "n18" for i in _senses(lemma))


def sense_count(lemma: str) -> int:
    """How many synsets hold ``lemma``: a measure of how far its WordNet links can wander."""
    return len(_senses(lemma))


@lru_cache(maxsize=32768)
def synonyms(lemma: str) -> frozenset[str]:
    """Every word sharing a synset with ``lemma``, itself included."""
    return frozenset(w for i in _senses(lemma) for w in _synset(i).lemmas) | {lemma}


def adjective_synonyms(lemma: str) -> frozenset[str]:
    """The words sharing an adjective synset with ``lemma`` ("Filipino" / "Philippine")."""
    return frozenset(w for i in _senses(lemma) if _synset(i).kind[0] in "as" for w in _synset(i).lemmas)


@lru_cache(maxsize=32768)
def broader(lemma: str) -> frozenset[str]:
    """The words of the synsets one level above any sense of ``lemma`` ("mouse" -> rodent, gnawer)."""
    return frozenset(w for i in _senses(lemma) for h in _synset(i).hypernyms for w in _synset(h).lemmas)


@lru_cache(maxsize=32768)
def near(lemma: str) -> frozenset[str]:
    """The words of synsets WordNet puts close to a sense of ``lemma`` without synonymy: similar adjectives
    ("suitable" -> appropriate), verb groups, "see also", an adverb's adjective, an attribute."""
    return frozenset(w for i in _senses(lemma) for k in _synset(i).near for w in _synset(k).lemmas)


# Lexicographer files of concrete things: a different one of these of the same class is a different thing.
_CONCRETE = frozenset({"n05", "n06", "n08", "n13", "n17", "n20", "n27"})  # animal artifact body food object plant substance


def siblings(a: str, b: str) -> bool:
    """Concrete nouns, neither a synonym of the other, directly under one class: "mouse"/"rat" (rodents),
    "watch"/"clock" (timepieces). Abstract classes are left out: "town"/"city" or "ruling"/"decision"
    are as often a rewording as another meaning."""
    def classes(lemma):
        return {h for i in _senses(lemma) if _synset(i).kind in _CONCRETE for h in _synset(i).hypernyms}

    return b not in synonyms(a) and not classes(a).isdisjoint(classes(b))


@lru_cache(maxsize=32768)
def _up(lemma: str) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """A lemma's synsets, the synsets one level above them and two levels above."""
    own = frozenset(_senses(lemma))
    one = frozenset(h for i in own for h in _synset(i).hypernyms)
    return own, one, frozenset(g for h in one for g in _synset(h).hypernyms)


def kin(a: str, b: str) -> bool:
    """Two steps apart in WordNet, in some sense: under one class ("towns"/"cities", "evening"/"night"),
    or one two levels above the other ("advisory" -> "statement")."""
    own_a, one_a, two_a = _up(a)
    own_b, one_b, two_b = _up(b)
    return not (one_a.isdisjoint(one_b) and own_a.isdisjoint(two_b) and own_b.isdisjoint(two_a))


def antonyms(lemma: str) -> frozenset[str]:
    return _tables().antonyms.get(lemma, frozenset())


def opposed_adjectives(a: str, b: str) -> bool:
    """Two adjectives of opposite clusters: WordNet links antonyms between cluster heads only, and "priciest"
    is similar to "expensive", the antonym of "cheap"; "futile" to "unsuccessful", of "successful"."""
    if "a" not in parts_of_speech(a) or "a" not in parts_of_speech(b):
        return False
    return not (antonyms(a).isdisjoint(near(b) | {b}) and antonyms(b).isdisjoint(near(a) | {a}))


def derivations(lemma: str) -> frozenset[str]:
    """Words derived from ``lemma`` or it from them ("persecute" / "persecution")."""
    return _tables().derivations.get(lemma, frozenset())


@lru_cache(maxsize=32768)
def _derived(lemma: str) -> frozenset[str]:
    """Derivations of the word or of a synonym ("custody": detention -> detain)."""
    return frozenset().union(*(derivations(s) for s in synonyms(lemma)))


def paraphrase(a: str, b: str) -> bool:
    """``b`` can stand for ``a`` by WordNet: a synonym, a derivation (also of a synonym), or one level more general or more
    specific, close by another WordNet link (:func:`near`), also through a synonym ("dropped" -> "abandoned": drop's hypernym "give up" is a synonym of
    abandon). Co-hyponyms are not paraphrases: "mice" and "rats" are both rodents, and different animals."""
    if a == b:
        return True
    if b in antonyms(a):
        return False  # opposites share a cluster ("large"/"small" are both near "big")
    syn_a, syn_b = synonyms(a), synonyms(b)
    if b in syn_a or b in _derived(a) or a in _derived(b):
        return True
    return not (broader(a).isdisjoint(syn_b) and broader(b).isdisjoint(syn_a)
                and near(a).isdisjoint(syn_b) and near(b).isdisjoint(syn_a))


# --- multi-word expressions ("power_outage", "carry_out", "come_to_light") ---------------------------

class _Expressions(NamedTuple):
    starting: dict[str, tuple[str, ...]]  # first two words, "_"-joined -> the multi-word lemmas they begin
    senses: dict[str, str]  # multi-word lemma -> "id,id,..."
    firsts: frozenset[str]  # every first word


@lru_cache(maxsize=1)
def _expressions() -> _Expressions:
    """Built from the synsets on the first question (~0.1 s): the tables index one-word lemmas only."""
    senses: dict[str, list[str]] = {}
    for i, line in enumerate(_tables().synsets):
        words = line.split("\t", 2)[1]
        if "_" in words:
            for w in words.split(" "):
                if "_" in w:
                    senses.setdefault(w, []).append(str(i))
    starting: dict[str, list[str]] = {}
    for w in senses:
        starting.setdefault("_".join(w.split("_", 2)[:2]), []).append(w)
    return _Expressions({k: tuple(v) for k, v in starting.items()}, {k: ",".join(v) for k, v in senses.items()},
                        frozenset(w.split("_", 1)[0] for w in senses))


def expression_firsts() -> frozenset[str]:
    """Every word a multi-word lemma begins with: a set test before any lookup of the second word."""
    return _expressions().firsts


def expressions_starting(first: str, second: str) -> tuple[str, ...]:
    """The multi-word lemmas that begin with these two words ("bear", "down" -> bear_down, bear_down_on)."""
    return _expressions().starting.get(f"{first}_{second}", ())


def _expression_senses(lemma: str) -> tuple[int, ...]:
    ids = _expressions().senses.get(lemma)
    return tuple(map(int, ids.split(","))) if ids else ()


@lru_cache(maxsize=32768)
def parts_of_speech(lemma: str) -> frozenset[str]:
    """"n", "v", "a", "r": the parts of speech of a lemma's synsets, one word or several."""
    ids = _expression_senses(lemma) if "_" in lemma else _senses(lemma)
    return frozenset(_synset(i).kind[0] for i in ids)


@lru_cache(maxsize=4096)
def expression_alternatives(lemma: str, levels: int = 1) -> frozenset[str]:
    """What may stand for a multi-word lemma in other words: the lemmas of its synsets and of the synsets
    up to ``levels`` above ("power_outage": power_failure; one up: breakdown, equipment_failure; "air_gun"
    two up: weapon)."""
    out: set[str] = set()
    layer = set(_expression_senses(lemma))
    for _ in range(levels + 1):
        out.update(w for i in layer for w in _synset(i).lemmas)
        layer = {h for i in layer for h in _synset(i).hypernyms}
    out.discard(lemma)
    return frozenset(out)
