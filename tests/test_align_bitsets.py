"""The aligner's numpy-built trigram bitsets agree with the trigram sets they stand for (mtqe/align.py)."""

import pytest

from mtqe.align import _bitsets, _set_dice, dice, trigrams

# Texts whose trigram sets are easy to get wrong: shorter than a trigram (one padded "trigram" each), case and
# spacing that fold away, non-ASCII letters (one code point each, or two after lower()), a control character
# and a lone surrogate that a packed key must keep apart from padding.
TEXTS = [
    "", "a", "ab", "abc", "  A b ", "ABC", "a b c d", "x\x00y", "ab\x00", "\ud800ab",
    "İstanbul is big.", "istanbul is big.", "Straße", "strasse", "“Quoted” — dash", '"Quoted" - dash',
    "The minister resigned on Tuesday.", "On Tuesday the minister resigned.", "The cabinet met on Monday.",
]


def test_sizes_and_overlaps_are_the_trigram_sets():
    ref_bits, cand_bits = _bitsets(TEXTS, TEXTS[::-1])
    grams = [trigrams(t) for t in TEXTS]
    assert [b.bit_count() for b in ref_bits] == [len(g) for g in grams]
    for a, ga in zip(ref_bits, grams):
        for b, gb in zip(cand_bits, grams[::-1]):
            assert (a & b).bit_count() == len(ga & gb)
            assert dice(a, b) == _set_dice(ga, gb)


@pytest.mark.parametrize("a, b, shared", [
    ("ab", "ab", True),  # the same short text is one shared "trigram"
    ("ab", "abc", False),  # a padded short text is no real trigram
    ("a", "ab", False),
    ("", "a", False),
    ("ab\x00", "ab", False),  # a real NUL is not the padding
    ("The Minister", "the  minister", True),  # case and spaces fold away
])
def test_short_and_odd_texts(a, b, shared):
    (x,), (y,) = _bitsets([a], [b])
    assert bool(x & y) is shared
    assert bool(x & y) is bool(trigrams(a) & trigrams(b))
