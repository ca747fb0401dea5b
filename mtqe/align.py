"""Monotone n:m alignment of reference sentences to candidate sentences.

Similarity is the Dice overlap of character trigram sets, with whitespace removed and case folded:
the same evidence chrF uses, cheap to merge for 2-1 / 1-2 / 3-1 beads (a set union). A banded
dynamic programme finds the best monotone path. Each bead earns ``(sim - threshold)`` weighted by
its size, so pairs below the threshold are cheaper left unaligned (omission + addition) than forced
together: unrelated documents come out mostly unaligned. Sentence length ratio only breaks near-ties
(Gale-Church as a fallback, not the main signal).

Measured on DEMETR dev: clean paraphrases have trigram Dice >= 0.34 for 99% of pairs, while random
sentence pairs stay <= 0.16 for 99%; the threshold sits between.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from .text import fold

THRESHOLD = 0.24
# Bead shapes (ref sentences, cand sentences) beyond 1-1 and skips.
MERGES = ((1, 2), (2, 1), (2, 2), (1, 3), (3, 1))
_LENGTH_WEIGHT = 0.02  # tie-breaker only
_SIZE_PENALTY = 0.05  # per extra sentence: a merge must beat its 1-1 decomposition clearly


@dataclass(frozen=True)
class Bead:
    """One step of the alignment: reference and candidate sentence indices (one side empty for a skip)."""

    ref: tuple[int, ...]
    cand: tuple[int, ...]
    similarity: float


def trigrams(text: str) -> frozenset[str]:
    t = "".join(fold(text).lower().split())
    return frozenset(t[i:i + 3] for i in range(len(t) - 2)) or frozenset((t,))


def _bitsets(*sides: Sequence[frozenset[str]]) -> list[list[int]]:
    """Each trigram set as an int with one bit per distinct trigram of the document pair: intersections,
    unions and sizes become ``&``, ``|`` and ``bit_count``, an order of magnitude faster than sets."""
    index: dict[str, int] = {}
    out = []
    for grams in sides:
        row = []
        for g in grams:
            bits = 0
            for t in g:
                bits |= 1 << index.setdefault(t, len(index))
            row.append(bits)
        out.append(row)
    return out


def dice(a: int, b: int) -> float:
    total = a.bit_count() + b.bit_count()
    return 2 * (a & b).bit_count() / total if a and b else 0.0


def align(
    ref: Sequence[str], cand: Sequence[str], *, threshold: float = THRESHOLD, band: int | None = None
) -> tuple[Bead, ...]:
    """Align two sentence lists; returns beads in document order covering every sentence once."""
    ref_bits, cand_bits = _bitsets([trigrams(s) for s in ref], [trigrams(s) for s in cand])
    return align_grams(ref_bits, cand_bits, [len(s) for s in ref], [len(s) for s in cand],
                       threshold=threshold, band=band)


def align_grams(
    ref_grams: Sequence[int],
    cand_grams: Sequence[int],
    ref_len: Sequence[int],
    cand_len: Sequence[int],
    *,
    threshold: float = THRESHOLD,
    band: int | None = None,
) -> tuple[Bead, ...]:
    """The DP over trigram bitsets (see ``_bitsets``)."""
    n, m = len(ref_grams), len(cand_grams)
    if band is None:
        band = 8 + abs(n - m)

    one: dict[tuple[int, int], float] = {}

    def sim11(i: int, j: int) -> float:
        key = (i, j)
        s = one.get(key)
        if s is None:
            s = one[key] = dice(ref_grams[i], cand_grams[j])
        return s

    floor = threshold / 2

    def bead_gain(i0: int, i1: int, j0: int, j1: int) -> float | None:
        """Gain of aligning ref[i0:i1] with cand[j0:j1], or None when not worth it."""
        a, b = i1 - i0, j1 - j0
        if a == 1 and b == 1:
            s = sim11(i0, j0)
        else:
            # Every sentence of a merge must share something with the other side (checked cheaply
            # first: most merge candidates fail here)...
            best_cell = 0.0
            for i in range(i0, i1):
                row = max(sim11(i, j) for j in range(j0, j1))
                if row < floor:
                    return None
                best_cell = max(best_cell, row)
            for j in range(j0, j1):
                if max(sim11(i, j) for i in range(i0, i1)) < floor:
                    return None
            s = dice(_union(ref_grams[i0:i1]), _union(cand_grams[j0:j1]))
            # ...and the merge must explain the text better than its best single pair does.
            if s <= best_cell:
                return None
        if s < threshold:
            return None
        la, lb = sum(ref_len[i0:i1]) + 1, sum(cand_len[j0:j1]) + 1
        return (s - threshold) * (a + b) / 2 - _LENGTH_WEIGHT * abs(math.log(la / lb)) - _SIZE_PENALTY * (a + b - 2)

    NEG = -math.inf
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = i * m / n if n else 0.0
        lo = 0 if i == 0 else max(0, math.floor(centre - band))
        hi = m if i == n else min(m, math.ceil(centre + band))
        for j in range(lo, hi + 1):
            if (i, j) == (0, 0):
                continue
            score, step = NEG, (0, 0)
            # Skips earn nothing: an omission (1-0) or an addition (0-1).
            for a, b in ((1, 0), (0, 1)):
                prev = best.get((i - a, j - b), NEG)
                if prev > score:
                    score, step = prev, (a, b)
            # Every merge except 2-2 contains the corner pair (i-1, j-1), so a corner that shares
            # nothing rules them out without computing them; 2-2 then needs the crossed pairs.
            corner = sim11(i - 1, j - 1) if i and j else 0.0
            corner_ok = corner >= floor
            if corner >= threshold:  # 1-1, inline: most cells of the band fail the threshold here
                prev = best.get((i - 1, j - 1), NEG)
                if prev > NEG:
                    g = bead_gain(i - 1, i, j - 1, j)
                    if g is not None and prev + g > score:
                        score, step = prev + g, (1, 1)
            if corner_ok:
                merges = MERGES
            elif i >= 2 and j >= 2 and sim11(i - 1, j - 2) >= floor and sim11(i - 2, j - 1) >= floor:
                merges = ((2, 2),)
            else:
                merges = ()
            for a, b in merges:
                if i < a or j < b:
                    continue
                prev = best.get((i - a, j - b), NEG)
                if prev == NEG:
                    continue
                g = bead_gain(i - a, i, j - b, j)
                if g is not None and prev + g > score:
                    score, step = prev + g, (a, b)
            if score > NEG:
                best[(i, j)] = score
                back[(i, j)] = step
    # The band is wider than |n - m|, so skips always connect (0, 0) to (n, m).
    return _trace(n, m, back, ref_grams, cand_grams)


def _trace(n, m, back, ref_grams, cand_grams) -> tuple[Bead, ...]:
    beads = []
    i, j = n, m
    while (i, j) != (0, 0):
        a, b = back[(i, j)]
        rs, cs = tuple(range(i - a, i)), tuple(range(j - b, j))
        sim = dice(_union(ref_grams[k] for k in rs), _union(cand_grams[k] for k in cs)) if a and b else 0.0
        beads.append(Bead(rs, cs, round(sim, 4)))
        i, j = i - a, j - b
    return tuple(reversed(beads))


def _union(bitsets) -> int:
    out = 0
    for b in bitsets:
        out |= b
    return out
