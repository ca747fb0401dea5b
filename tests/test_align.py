import pytest

from mtqe.align import align


def kinds(beads):
    return [(len(b.ref), len(b.cand)) for b in beads]


REF = [
    "The city council voted on Monday to add protected bike lanes downtown.",
    "The plan removes about 60 parking spaces on Congress Street.",
    "Several shop owners said the loss of parking would hurt sales.",
    "Supporters pointed to crash data showing that 14 cyclists were injured last year.",
    "The project will cost $2.3 million, most of it from a federal grant.",
]


def test_identical_is_all_one_to_one():
    beads = align(REF, REF)
    assert kinds(beads) == [(1, 1)] * len(REF)
    assert all(b.similarity == 1.0 for b in beads)


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


def test_cost_grows_about_linearly():
    import time

    big_ref = REF * 40
    t = time.perf_counter()
    align(REF * 4, REF * 4)
    small = time.perf_counter() - t
    t = time.perf_counter()
    align(big_ref, big_ref)
    large = time.perf_counter() - t
    assert large < small * 10 * 4  # 10x the sentences: far from the 100x of a full matrix
