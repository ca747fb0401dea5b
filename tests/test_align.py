import subprocess
import sys
from pathlib import Path

import pytest

import mtqe
from conftest import ROOT, SEEDS
from mtqe.align import FULL_CELLS, align
from mtqe.document import from_text
from mtqe.segment import split

ROUNDTRIP = ROOT.parent / "shared" / "roundtrip-dev"
needs_roundtrip = pytest.mark.skipif(
    not (ROUNDTRIP / "manifest.jsonl").is_file(), reason=f"roundtrip-dev shared data not found at {ROUNDTRIP}"
)


def kinds(beads):
    return [(len(b.ref), len(b.cand)) for b in beads]


def links(beads):
    return {(i, j) for b in beads for i in b.ref for j in b.cand}


def sentences(text):
    return [s.text for s in split(from_text(text))]


def assert_covers_once(beads, n, m):
    assert sorted(i for b in beads for i in b.ref) == list(range(n))
    assert sorted(j for b in beads for j in b.cand) == list(range(m))
    assert [b.ref[0] for b in beads if b.ref] == sorted(b.ref[0] for b in beads if b.ref)  # reference order


REF = [
    "The city council voted on Monday to add protected bike lanes downtown.",
    "The plan removes about 60 parking spaces on Congress Street.",
    "Several shop owners said the loss of parking would hurt sales.",
    "Supporters pointed to crash data showing that 14 cyclists were injured last year.",
    "The project will cost $2.3 million, most of it from a federal grant.",
]

# Ten short lines of a news ticker, unrelated to the seed article.
TICKER = [
    "Markets close higher as tech shares rally",
    "Storm warning issued for the Gulf Coast",
    "Local team wins regional championship",
    "Fuel prices expected to fall next month",
    "Museum reopens after two-year renovation",
    "City to expand late-night bus service",
    "Health officials urge flu vaccinations",
    "New bridge opens to traffic on Friday",
    "School board approves later start times",
    "Weekend forecast: sunny with light winds",
]


@pytest.fixture(scope="module")
def seed():
    text = (SEEDS / "original.txt").read_text(encoding="utf-8")
    return text, split(from_text(text))


def test_identical_is_all_one_to_one():
    beads = align(REF, REF)
    assert kinds(beads) == [(1, 1)] * len(REF)
    assert all(b.similarity == 1.0 and not b.moved for b in beads)


def test_omission_and_addition():
    cand = [REF[0], "Follow our live coverage for the latest updates from the region.", REF[1], REF[3], REF[4]]
    beads = align(REF, cand)
    assert ((2,), ()) in [(b.ref, b.cand) for b in beads]  # dropped sentence
    assert ((), (1,)) in [(b.ref, b.cand) for b in beads]  # injected sentence


def test_merge_two_into_one():
    cand = [
        REF[0],
        "The plan removes about 60 parking spaces on Congress Street, and several shop owners said losing them would hurt sales.",
        REF[3], REF[4],
    ]
    beads = align(REF, cand)
    assert ((1, 2), (1,)) in [(b.ref, b.cand) for b in beads]


def test_split_one_into_two():
    cand = [
        "The city council voted on Monday.",
        "It decided to add protected bike lanes downtown.",
        *REF[1:],
    ]
    beads = align(REF, cand)
    assert ((0,), (0, 1)) in [(b.ref, b.cand) for b in beads]


def test_paraphrase_with_reordering_stays_one_to_one():
    cand = [
        "On Monday the council of the city voted to add bike lanes that are protected downtown.",
        "About 60 parking spaces on Congress Street are removed by the plan.",
        "Some owners of shops said sales would be hurt by the loss of parking.",
        "Backers cited crash data showing 14 cyclists were hurt last year.",
        "The project costs $2.3 million, mostly paid by a federal grant.",
    ]
    assert kinds(align(REF, cand)) == [(1, 1)] * 5


def test_unrelated_sentences_stay_unaligned():
    cand = [
        "An immigration judge granted asylum to a Chinese national on Wednesday.",
        "He had filmed detention facilities in Xinjiang in 2020.",
        "The Department of Homeland Security may appeal the ruling.",
    ]
    beads = align(REF, cand)
    assert all(not (b.ref and b.cand) for b in beads)


@pytest.mark.parametrize("n", [0, 1])
def test_empty_sides(n):
    beads = align(REF[:n], [])
    assert kinds(beads) == [(1, 0)] * n


# ---- one-sentence documents -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("ref", "cand", "paired"),
    [
        # shares names and content words, trigram Dice 0.17 (below the DP threshold): once omission + addition
        ("Guan, however, was not immediately released because the lawyer for the Department of Homeland Security "
         "said the department reserves the right to appeal.",
         "DHS lawyers kept Guan in custody, saying they might appeal.", True),
        ("He said that was not his goal.", "That was never what he intended, Guan said.", True),
        # nothing in common but function words
        ("It has 30 days to do so.", "The agency gets a month to decide.", False),
        ("The city council voted on Monday to add protected bike lanes downtown.",
         "Guan in 2020 secretly filmed detention facilities in Xinjiang.", False),
    ],
)
def test_one_sentence_documents(ref, cand, paired):
    beads = align([ref], [cand])
    assert kinds(beads) == ([(1, 1)] if paired else [(0, 1), (1, 0)])
    report = mtqe.compare(ref, cand)
    assert (report.coverage == 1.0) is paired
    codes = {f.code for f in report.flags}
    assert ("O101" in codes, "A101" in codes) == (not paired, not paired)


@pytest.mark.parametrize(("middle", "paired"), [
    # a loose paraphrase sharing the name (trigram Dice 0.18, below the DP's threshold): alone between
    # two kept sentences, it is that sentence, not an omission plus an addition
    ("Lopez expects councillors to decide again after winter.", True),
    # nothing in common but function words: the copy dropped one sentence and put another in its place
    ("Subscribe to our newsletter for the latest updates.", False),
])
def test_a_lone_sentence_on_each_side_between_kept_ones(middle, paired):
    ref = [REF[0], "Mayor Lopez promised a second council vote next spring.", REF[2]]
    cand = [REF[0], middle, REF[2]]
    beads = align(ref, cand)
    assert kinds(beads) == ([(1, 1)] * 3 if paired else [(1, 1), (0, 1), (1, 0), (1, 1)]), kinds(beads)


# ---- offsets, truncation, moved blocks on the seed article -------------------------------------------------

def test_shifted_opening_pairs_the_verbatim_sentences(seed):
    """Ten unrelated lines on top of the original's first 12 sentences (the band once lost them all)."""
    text, sents = seed
    copy = "\n\n".join(TICKER) + "\n\n" + text[:sents[11].end] + "\n"
    report = mtqe.compare(text, copy)
    pairs = {(s.ref_ids, s.cand_ids) for s in report.segments if s.ref_ids and s.cand_ids}
    assert pairs == {((i,), (len(TICKER) + i,)) for i in range(12)}
    assert report.coverage == round(12 / len(sents), 4)
    assert not [f for f in report.flags if f.severity == "critical"]
    assert not any(s.moved for s in report.segments)


@pytest.mark.parametrize("cut", [1, 3, 8])
def test_tail_truncated(seed, cut):
    text, sents = seed
    kept = len(sents) - cut
    report = mtqe.compare(text, text[:sents[kept - 1].end])
    assert [(s.ref_ids, s.cand_ids) for s in report.segments] == (
        [((i,), (i,)) for i in range(kept)] + [((i,), ()) for i in range(kept, len(sents))])
    assert report.coverage == round(kept / len(sents), 4)
    assert {f.code for f in report.flags} == {"O101"}


def _swap_paragraphs(text: str, a: int, b: int) -> str:
    paragraphs = text.split("\n\n")
    paragraphs[a], paragraphs[b] = paragraphs[b], paragraphs[a]
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize(("a", "b"), [(3, 6), (1, 12), (7, 8), (2, 11)])
def test_moved_paragraphs_are_moved_not_lost(seed, a, b, tmp_path):
    text, sents = seed
    copy = _swap_paragraphs(text, a, b)
    report = mtqe.compare(text, copy)
    assert report.coverage == 1.0
    assert not any(f.category in ("omission", "addition") for f in report.flags)
    moved = [s for s in report.segments if s.moved]
    assert moved and all(s.ref == s.cand for s in report.segments)  # every sentence found its own copy
    assert all(any(f.code == "B101" and f.category == "moved" and f.severity == "minor" for f in s.flags) for s in moved)
    assert all(s.to_dict()["moved"] is s.moved for s in report.segments)
    (tmp_path / "ref.txt").write_text(text, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(copy, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mtqe", "check", "ref.txt", "copy.txt", "-q"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and out.stdout.startswith("PASS"), out.stdout + out.stderr


def test_moved_paraphrase_block_with_a_merge():
    """A paraphrased paragraph moved to the end, two of its sentences merged: one moved 2-1 bead."""
    ref = REF + [
        "Guan in 2020 secretly filmed detention facilities in Xinjiang.",
        "He released most of his video footage on YouTube before taking a boat to Florida.",
    ]
    cand = [
        REF[0], REF[3], REF[4],
        "Guan in 2020 secretly filmed detention facilities in Xinjiang.",
        "He released most of his video footage on YouTube before taking a boat to Florida.",
        "The plan takes away about 60 parking places on Congress Street, and several store owners said the loss "
        "of parking would hurt their sales.",
    ]
    beads = align(ref, cand)
    assert_covers_once(beads, len(ref), len(cand))
    moved = [(b.ref, b.cand) for b in beads if b.moved]
    assert moved == [((1, 2), (5,))]


# ---- long documents: the hashed anchors, synchronised repeats, chunks ---------------------------------------

def _articles(k: int) -> list[str]:
    files = sorted(ROUNDTRIP.glob("*.ref.txt"))[:k]
    return [f.read_text(encoding="utf-8") for f in files]


@needs_roundtrip
def test_long_document_offset_in_the_middle_and_moved_block():
    arts = _articles(6)
    ref_text = "\n\n".join(arts)
    ref = sentences(ref_text)
    assert len(ref) * len(ref) > FULL_CELLS  # the hashed-anchor path, not the full matrix
    paragraphs = ref_text.split("\n\n")
    middle = len(paragraphs) // 2
    moved = paragraphs.pop(2)  # the third paragraph moves to just before the end
    copy_paragraphs = paragraphs[:middle] + TICKER + paragraphs[middle:-3] + [moved] + paragraphs[-3:-1]
    cand = sentences("\n\n".join(copy_paragraphs))
    beads = align(ref, cand)
    assert_covers_once(beads, len(ref), len(cand))
    by_text = {}
    for j, s in enumerate(cand):
        by_text.setdefault(s, j)
    expected = {(i, by_text[s]) for i, s in enumerate(ref) if s in by_text and ref.count(s) == 1}
    assert expected <= links(beads)
    moved_refs = {i for b in beads if b.moved for i in b.ref}
    assert moved_refs == {i for i, s in enumerate(ref) if s in sentences(moved)}
    assert all(not b.ref for b in beads if set(b.cand) & {by_text[t] for t in TICKER})


def test_repeated_document_stays_in_step(seed):
    """No sentence of a repeated article is unique: exact repeats are synchronised nearest first."""
    text, _ = seed
    ref = sentences("\n\n".join([text] * 12))
    paragraphs = ("\n\n".join([text] * 12)).split("\n\n")
    del paragraphs[40]  # a paragraph dropped in the fourth repetition
    cand = sentences("\n\n".join(paragraphs[:100] + TICKER + paragraphs[100:]))
    assert len(ref) * len(cand) > FULL_CELLS
    beads = align(ref, cand)
    assert_covers_once(beads, len(ref), len(cand))
    aligned = [b for b in beads if b.ref and b.cand]
    assert all(b.similarity == 1.0 and not b.moved for b in aligned)
    assert all(ref[b.ref[0]] == cand[b.cand[0]] for b in aligned)
    assert sum(len(b.ref) for b in aligned) == len(cand) - len(TICKER)


# ---- real round trips -----------------------------------------------------------------------------------------

def _pairs(name: str, kind: str) -> tuple[str, str]:
    return ((ROUNDTRIP / f"{name}.ref.txt").read_text(encoding="utf-8"),
            (ROUNDTRIP / f"{name}.{kind}.txt").read_text(encoding="utf-8"))


def _names(k: int) -> list[str]:
    return [f.name[: -len(".ref.txt")] for f in sorted(ROUNDTRIP.glob("*.ref.txt"))[:k]]


@needs_roundtrip
@pytest.mark.parametrize("kind", ["pt", "es"])
def test_real_round_trip_shifted_keeps_its_pairs(kind):
    """A block of another article's sentences on top, the tail cut by as many sentences: the kept part
    aligns as it does unshifted."""
    names = _names(8)
    for name, other in zip(names, names[1:] + names[:1]):
        ref_text, copy_text = _pairs(name, kind)
        ref, copy = sentences(ref_text), sentences(copy_text)
        block = sentences(_pairs(other, "ref")[0])[1:9]
        plain = {(i, j) for i, j in links(align(ref, copy)) if j < len(copy) - len(block)}
        shifted = align(ref, block + copy[:len(copy) - len(block)])
        got = {(i, j - len(block)) for i, j in links(shifted) if j >= len(block)}
        assert len(plain & got) >= 0.95 * len(plain), name
        assert not any(b.ref and b.cand and b.cand[0] < len(block) for b in shifted), name


@needs_roundtrip
def test_real_round_trip_swapped_paragraphs_are_moved():
    for name in _names(6):
        ref_text, copy_text = _pairs(name, "pt")
        n_par = len(copy_text.split("\n\n"))
        if n_par < 6:
            continue
        plain = mtqe.compare(ref_text, copy_text)
        swapped = mtqe.compare(_swap_paragraphs(ref_text, 1, n_par - 2), copy_text)
        assert swapped.coverage >= plain.coverage - 0.05, name
        assert any(s.moved for s in swapped.segments), name
        omitted = sum(f.code == "O101" for f in swapped.flags)
        assert omitted <= sum(f.code == "O101" for f in plain.flags) + 1, name
