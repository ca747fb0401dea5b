"""The word aligner's stages, its gaps, the WordNet tables it reads, and what the seed copy shows."""

import gzip
from importlib import resources

import pytest

from mtqe.lexicon import wordnet
from mtqe.wordalign import STAGES, align_texts, align_words, words


def _pairs(alignment):
    return {(alignment.ref[m.ref].text, alignment.cand[m.cand].text): m.stage for m in alignment.matches}


@pytest.mark.parametrize(("ref", "cand", "pair", "stage"), [
    ("Prices rose.", "Prices rose.", ("rose", "rose"), "exact"),
    ("He left the U.S. quickly.", "He left the US quickly.", ("U.S.", "US"), "typography"),
    ("They organised a march.", "They organized a march.", ("organised", "organized"), "typography"),
    ("He flew to Hong Kong.", "He flew to Hongkong.", ("Hong", "Hongkong"), "typography"),
    ("The UK parliament sat.", "The United Kingdom parliament sat.", ("UK", "Kingdom"), "typography"),
    ("A three-judge panel sat.", "A panel of three judges sat.", ("three-judge", "judges"), "typography"),
    ("Shares fell sharply.", "Shares are falling sharply.", ("fell", "falling"), "lemma"),
    ("Judge Ouslander ruled.", "Judge Auslander ruled.", ("Ouslander", "Auslander"), "name"),
    ("They feared persecution there.", "They feared being persecuted there.", ("persecution", "persecuted"), "stem"),
    ("The agency issued a warning.", "The agency released a warning.", ("issued", "released"), "synonym"),
    ("The council dropped the plan.", "The council abandoned the plan.", ("dropped", "abandoned"), "paraphrase"),
])
def test_stage_that_matches(ref, cand, pair, stage):
    assert _pairs(align_texts(ref, cand)).get(pair) == stage


def test_unrelated_words_stay_free_in_one_gap():
    a = align_texts("Scientists tested the drug on mice in May.", "Scientists tested the drug on rats in May.")
    gaps = [([a.ref[i].text for i in g.ref], [a.cand[j].text for j in g.cand]) for g in a.gaps if g.ref or g.cand]
    assert gaps == [(["mice"], ["rats"])]


def test_a_loose_stage_pairs_words_only_in_place():
    # "follow" and "carry" share a WordNet sense; far apart in the sentence they must not hide anything.
    a = align_texts("Following the fire, officials are performing checks.",
                    "After the fire, the officials are carrying out checks.")
    assert ("Following", "carrying") not in _pairs(a)


def test_stages_can_be_switched_off():
    ref, cand = words("The council dropped the plan."), words("The council abandoned the plan.")
    full, exact_only = align_words(ref, cand), align_words(ref, cand, STAGES[:1])
    assert len(full.free_ref) == 0 and [ref[i].text for i in exact_only.free_ref] == ["dropped"]


def test_spans_point_at_the_words():
    text = "Guan\u2019s lawyer said \u201cno\u201d twice."
    for w in words(text):
        assert text[w.start:w.end] == w.text


@pytest.mark.parametrize(("a", "b", "related"), [
    ("drop", "abandon", True), ("issue", "release", True), ("oak", "tree", True),
    ("mouse", "rat", False), ("upgrade", "update", False), ("large", "small", False),
])
def test_wordnet_paraphrase(a, b, related):
    assert wordnet.paraphrase(a, b) is related


@pytest.mark.parametrize(("a", "b"), [
    ("grant", "deny"), ("approve", "reject"), ("upgrade", "downgrade"),
    ("approval", "disapproval"), ("colonisation", "decolonisation"),  # carried through derivations formed alike
])
def test_wordnet_antonyms_both_ways(a, b):
    assert b in wordnet.antonyms(a) and a in wordnet.antonyms(b)


@pytest.mark.parametrize(("a", "b"), [("division", "unit"), ("ignorance", "knower"), ("divestiture", "investor")])
def test_derivations_formed_unalike_are_no_antonyms(a, b):
    """divide/unite are opposites, but "unit" is not what "division" is to "divide"."""
    assert b not in wordnet.antonyms(a) and a not in wordnet.antonyms(b)


def test_tables_ship_with_the_licence():
    data = resources.files("mtqe.lexicon").joinpath("data")
    assert "Princeton" in data.joinpath("WORDNET-LICENSE").read_text(encoding="utf-8")
    with data.joinpath("wn_index.tsv.gz").open("rb") as fh:
        first = gzip.decompress(fh.read()).decode("utf-8").splitlines()[0]
    assert len(first.split("\t")) == 2


def test_seed_inserted_refugee_is_an_addition(seed_report):
    added = [f for s in seed_report.segments for f in s.flags if f.code == "A103"]
    assert any(f.cand_text and "refugee" in f.cand_text for f in added)


def test_seed_benign_rewording_gets_no_meaning_flag(seed_report):
    # "dropped the plan" -> "the plan was abandoned", "in custody" -> "detained": faithful paraphrases
    for seg in seed_report.segments:
        for f in seg.flags:
            if f.code in ("E101", "O103", "A103"):
                assert f.ref_text not in ("dropped", "custody") and f.cand_text not in ("abandoned", "detained")


def test_repeated_word_pairs_in_order_leaving_the_replaced_one_free():
    # the middle "new" became "old": the exact stage must not pair the original's middle "new" with the
    # copy's last one and starve the last
    a = align_texts("141 new cases in Osaka, 90 new cases in Fukuoka and 80 new cases in Aichi.",
                    "141 new cases in Osaka, 90 old cases in Fukuoka and 80 new cases in Aichi.")
    free_ref = [a.ref[i].text for i in a.free_ref]
    free_cand = [a.cand[j].text for j in a.free_cand]
    assert free_ref == ["new"] and free_cand == ["old"]
    gap = next(g for g in a.gaps if g.ref or g.cand)
    assert [a.ref[i].text for i in gap.ref] == ["new"] and [a.cand[j].text for j in gap.cand] == ["old"]
