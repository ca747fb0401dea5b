"""Sentence alignment that finds its way: anchors, a banded monotone DP that follows them, moved blocks.

Similarity is the Dice overlap of character trigram sets, with whitespace removed and case folded:
the same evidence chrF uses, cheap to merge for 2-1 / 1-2 / 3-1 beads (a set union). Each bead earns
``(sim - threshold)`` weighted by its size, so pairs below the threshold are cheaper left unaligned
(omission + addition) than forced together: unrelated documents come out mostly unaligned. Sentence
length ratio only breaks near-ties (Gale-Church as a fallback, not the main signal).

1. **Anchors.** Near-exact sentence pairs found anywhere in either document: the full similarity
   matrix for small pairs (the DP computes it anyway), hashing for large ones (exact normalised
   sentences, then a rare-word index for near-exact ones). Only mutual best pairs count. Their longest
   monotone chain guides the DP; a pair that crosses the chain is content moved elsewhere.
2. **DP.** The best monotone path, searched in a band that follows the chain (the whole matrix for
   small pairs), so an offset of any size at the top, middle or bottom costs nothing extra. Inside a
   long stretch without anchors, exact repeats of a sentence are synchronised greedily, nearest first.
   Long documents are cut into chunks at runs of anchors: memory stays proportional to a chunk.
3. **Moved blocks.** Sentences left unaligned on both sides that match each other (the crossing
   anchors, or a paraphrase above ``MOVED_SIM``) are aligned as moved beads: covered, never an
   omission plus an addition. A moved bead sits at its reference position.
4. **Lone pairs.** One sentence left out on each side between the same aligned neighbours is paired
   when the two share a content word and trigram Dice above chance (``ONE_SENTENCE_SIM``), as two
   one-sentence documents are: a loose paraphrase, not a sentence dropped and another added.

Measured on DEMETR dev: clean paraphrases have trigram Dice >= 0.34 for 99% of pairs, while random
sentence pairs stay <= 0.16 for 99%; the threshold sits between. On the real round trips of
roundtrip-dev, 99% of aligned pairs have Dice >= 0.52 (Bergamot) / 0.45 (Apertium), hence the anchor
and moved thresholds.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from .text import fold

THRESHOLD = 0.24
# Bead shapes (ref sentences, cand sentences) beyond 1-1 and skips, in the DP's order of trial (a tie keeps
# the first): _best_path's pre-checks name them by position.
MERGES = ((1, 2), (2, 1), (2, 2), (1, 3), (3, 1))
_LENGTH_WEIGHT = 0.02  # tie-breaker only
_SIZE_PENALTY = 0.05  # per extra sentence: a merge must beat its 1-1 decomposition clearly

ANCHOR_SIM = 0.5  # a near-exact pair: 99% of real round-trip pairs (Bergamot) reach it, random pairs never
MOVED_SIM = 0.4  # a paraphrase found elsewhere: below 1% of real Apertium pairs, far above random ones
ONE_SENTENCE_SIM = 0.16  # two one-sentence documents sharing a content word: above 99% of random pairs
FULL_CELLS = 2500  # a pair (or a gap between anchors) this small gets the whole matrix, no band
_BAND = 8  # half-width of the band around the anchor chain, plus the gap's length difference...
_MAX_SKEW = 64  # ...up to this: the DP's cost stays linear whatever the documents
_MERGE_REACH = max(max(a, b) for a, b in MERGES)
_CHUNK_ROWS = 256  # long documents are aligned in chunks of about this many reference sentences
_RARE = 3  # a word in at most this many sentences of each side indexes near-exact anchors
_MIN_ANCHOR_WORDS = 4  # shorter sentences ("He said.") recur too easily to anchor anything
_MOVED_PAIRS_MAX = 40_000  # unaligned ref x cand pairs compared for paraphrased moves

_WORD = re.compile(r"\w+")
# Function words carry no content: one-sentence documents must share something else to be paired.
_FUNCTION = frozenset("""a an the and or but nor of to in on at by for with from as into onto over under than
then that this these those there here is are was were be been being has have had do does did will would shall
should can could may might must not no it its he she they we you i me him her them us his hers their our your
my who whom whose which what when where while why how said says also just about after before more most
such very so if""".split())


@dataclass(frozen=True)
class Bead:
    """One step of the alignment: reference and candidate sentence indices (one side empty for a skip).

    ``moved``: the pair matched out of order (the passage sits elsewhere in the copy); the bead is
    listed at its reference position, so its candidate indices break the copy's order."""

    ref: tuple[int, ...]
    cand: tuple[int, ...]
    similarity: float
    moved: bool = False


def trigrams(text: str) -> frozenset[str]:
    t = "".join(fold(text).lower().split())
    return frozenset(map("".join, zip(t, t[1:], t[2:]))) or frozenset((t,))


_PAD = 0x1FFFFF  # above every code point: pads a text shorter than a trigram, and separates texts


def _bitsets(*sides: Sequence[str]) -> list[list[int]]:
    """Each text's ``trigrams`` set as an int with one bit per distinct trigram of the document pair:
    intersections, unions and sizes become ``&``, ``|`` and ``bit_count``, an order of magnitude faster
    than sets. Built in numpy for the whole pair at once (a Python loop per trigram cost ~40% of
    ``align``): a trigram is its three code points packed in one uint64, a text shorter than three
    characters is its one padded "trigram" (as in ``trigrams``), and which bit a trigram gets is arbitrary."""
    import numpy as np  # sacrebleu's dependency, loaded by then: deferred so `import mtqe` stays light

    texts = ["".join(fold(s).lower().split()) for side in sides for s in side]
    lens = np.fromiter(map(len, texts), np.int64, len(texts))
    ends = np.cumsum(lens + 3)
    points = np.frombuffer(("\0\0\0".join(texts) + "\0\0\0").encode("utf-32-le", "surrogatepass"), np.uint32)
    points = points.astype(np.uint64)
    points[(ends[:, None] - np.arange(1, 4)).ravel()] = _PAD
    keys = points[:-2] | (points[1:-1] << 21) | (points[2:] << 42)
    count = np.maximum(lens - 2, 1)  # a text's windows: they start in the text and end before its padding
    owner = np.repeat(np.arange(len(texts)), count)
    first = np.cumsum(count) - count
    starts = ends - lens - 3
    _, column = np.unique(keys[np.arange(len(owner)) + (starts - first)[owner]], return_inverse=True)
    # Bits set straight into the packed rows (no text x trigram bool matrix): memory is what the ints take.
    width = (int(column.max(initial=-1)) + 8) // 8  # bytes per text
    packed = np.zeros(len(texts) * width, np.uint8)
    np.bitwise_or.at(packed, owner * width + (column >> 3), (1 << (column & 7)).astype(np.uint8))
    raw = packed.tobytes()
    out, k = [], 0
    for side in sides:
        out.append([int.from_bytes(raw[x * width:(x + 1) * width], "little") for x in range(k, k + len(side))])
        k += len(side)
    return out


def dice(a: int, b: int) -> float:
    total = a.bit_count() + b.bit_count()
    return 2 * (a & b).bit_count() / total if a and b else 0.0


def _set_dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _union(bitsets: Iterable[int]) -> int:
    out = 0
    for b in bitsets:
        out |= b
    return out


# ---- the public entry point ---------------------------------------------------------------------------

def align(
    ref: Sequence[str], cand: Sequence[str], *, threshold: float = THRESHOLD, band: int | None = None
) -> tuple[Bead, ...]:
    """Align two sentence lists; returns one bead per step covering every sentence once, in reference
    order (and in copy order too, except for moved beads)."""
    n, m = len(ref), len(cand)
    if not n or not m:
        return tuple(Bead((i,), (), 0.0) for i in range(n)) + tuple(Bead((), (j,), 0.0) for j in range(m))
    if n == 1 and m == 1:
        return _one_to_one(ref[0], cand[0], threshold)
    if n * m <= FULL_CELLS:
        ref_bits, cand_bits = _bitsets(ref, cand)
        matrix = _matrix(ref_bits, cand_bits)
        chain, crossing = _chain(_mutual_best(matrix))
        pinned = _pin(crossing, ref_bits, cand_bits, matrix)
        windows = [(0, m)] * (n + 1)
        beads = _align_chunk(ref, cand, 0, n, 0, m, windows, threshold, pinned, (ref_bits, cand_bits, matrix))
    else:
        ref_keys, cand_keys = [_key(s) for s in ref], [_key(s) for s in cand]
        chain, crossing = _chain(_index_pairs(ref, cand, ref_keys, cand_keys))
        chain = _synchronise(chain, ref_keys, cand_keys, n, m)
        del ref_keys, cand_keys
        pinned = {("r", i) for i, _, _ in crossing} | {("c", j) for _, j, _ in crossing}
        windows = _windows(chain, n, m, band)
        beads = []
        for i0, i1, j0, j1 in _chunks(chain, n, m):
            beads.extend(_align_chunk(ref, cand, i0, i1, j0, j1, windows, threshold, pinned))
    return _lone_pairs(_moved(beads, ref, cand, crossing, threshold), ref, cand)


def _one_to_one(ref: str, cand: str, threshold: float) -> tuple[Bead, ...]:
    """Two one-sentence documents: with no other sentence to compete, sharing content is enough to pair
    them (a word that is not a function word, and trigram overlap above chance); otherwise the DP's rule.
    On DEMETR this pairs 33 real paraphrases the DP left apart (Dice 0.18-0.24) and 3 of 500 unrelated
    pairs (base_id33_shuffle_trans)."""
    sim = round(_set_dice(trigrams(ref), trigrams(cand)), 4)
    if sim >= threshold or (sim >= ONE_SENTENCE_SIM and _share_content(ref, cand)):
        return (Bead((0,), (0,), sim),)
    return Bead((), (0,), 0.0), Bead((0,), (), 0.0)  # the DP's order for two skips


def _share_content(ref: str, cand: str) -> bool:
    """Do the two texts share a word that is not a function word?"""
    words = {w for w in _WORD.findall(fold(ref).lower()) if w not in _FUNCTION}
    return not words.isdisjoint(_WORD.findall(fold(cand).lower()))


def _lone_pairs(beads: Sequence[Bead], ref: Sequence[str], cand: Sequence[str]) -> tuple[Bead, ...]:
    """One sentence left out on each side between the same two aligned neighbours (or a document's edge)
    is the one-sentence case inside a document: nothing else competes for either, so sharing content pairs
    them ("Avenatti pled not guilty to the charges." / "Avenatti declared himself innocent of the
    accusations.", Dice 0.17), as ``_one_to_one`` pairs two one-sentence documents."""
    out = list(beads)
    k = 0
    while k + 1 < len(out):
        a, b = out[k], out[k + 1]
        skips = (a.ref and not a.cand and b.cand and not b.ref) or (a.cand and not a.ref and b.ref and not b.cand)
        if skips and _paired(out, k - 1) and _paired(out, k + 2):
            i, j = (a.ref or b.ref)[0], (a.cand or b.cand)[0]
            sim = round(_set_dice(trigrams(ref[i]), trigrams(cand[j])), 4)
            if sim >= ONE_SENTENCE_SIM and _share_content(ref[i], cand[j]):
                out[k:k + 2] = [Bead((i,), (j,), sim)]
        k += 1
    return tuple(out)


def _paired(beads: Sequence[Bead], k: int) -> bool:
    """Is bead k aligned on both sides and in order, or beyond the document's edge?"""
    return not 0 <= k < len(beads) or bool(beads[k].ref and beads[k].cand and not beads[k].moved)


# ---- anchors ------------------------------------------------------------------------------------------

def _key(text: str) -> str | None:
    """The sentence's words, case-folded: equal keys are the same sentence. None when too short to anchor."""
    words = _WORD.findall(fold(text).lower())
    return " ".join(words) if len(words) >= _MIN_ANCHOR_WORDS else None


def _matrix(ref_bits: Sequence[int], cand_bits: Sequence[int]) -> list[list[float]]:
    """Every pair's Dice (small documents: the DP would compute nearly all of them anyway)."""
    cand_counts = [b.bit_count() for b in cand_bits]
    out = []
    for a in ref_bits:
        ca = a.bit_count()
        out.append([2 * (a & b).bit_count() / (ca + cb) if ca and cb else 0.0 for b, cb in zip(cand_bits, cand_counts)])
    return out


def _mutual_best(matrix: list[list[float]]) -> list[tuple[int, int, float]]:
    """Mutual best pairs above ANCHOR_SIM."""
    col_best = [max(range(len(col)), key=col.__getitem__) for col in zip(*matrix)]
    out = []
    for i, row in enumerate(matrix):
        j = max(range(len(row)), key=row.__getitem__)
        if row[j] >= ANCHOR_SIM and col_best[j] == i:
            out.append((i, j, row[j]))
    return out


def _index_pairs(ref: Sequence[str], cand: Sequence[str], ref_keys, cand_keys) -> list[tuple[int, int, float]]:
    """Mutual best pairs above ANCHOR_SIM found by hashing (large documents): sentences whose key occurs
    once on each side, then near-exact pairs among sentences that share rare words."""
    ref_count, cand_count = Counter(k for k in ref_keys if k), Counter(k for k in cand_keys if k)
    unique = {k: i for i, k in enumerate(ref_keys) if k and ref_count[k] == 1}
    best_for_cand: dict[int, tuple[float, int]] = {}
    for j, k in enumerate(cand_keys):
        if k and cand_count[k] == 1 and k in unique:
            best_for_cand[j] = (1.0, unique[k])
    del ref_count, cand_count, unique

    def words(key: str | None) -> set[str]:
        return {w for w in key.split() if w not in _FUNCTION and (len(w) > 2 or w.isdigit())} if key else set()

    ref_df, cand_df = Counter(), Counter()
    for k in ref_keys:
        ref_df.update(words(k))
    for k in cand_keys:
        cand_df.update(words(k))
    postings: dict[str, list[int]] = {}
    for i, k in enumerate(ref_keys):
        for w in words(k):
            if ref_df[w] <= _RARE and 0 < cand_df[w] <= _RARE:
                postings.setdefault(w, []).append(i)
    del ref_df
    if postings:
        for j, k in enumerate(cand_keys):
            if j in best_for_cand:
                continue
            hits = Counter(i for w in words(k) if cand_df[w] <= _RARE for i in postings.get(w, ()))
            if not hits:
                continue
            grams = trigrams(cand[j])
            for i, shared in hits.most_common(2):
                if shared < 2 and len(hits) > 1:
                    break
                s = _set_dice(trigrams(ref[i]), grams)
                if s >= ANCHOR_SIM and s > best_for_cand.get(j, (0.0, -1))[0]:
                    best_for_cand[j] = (s, i)
    best_for_ref: dict[int, tuple[float, int]] = {}
    for j, (s, i) in best_for_cand.items():
        if s > best_for_ref.get(i, (0.0, -1))[0]:
            best_for_ref[i] = (s, j)
    return sorted((i, j, s) for i, (s, j) in best_for_ref.items())


def _chain(pairs: list[tuple[int, int, float]]):
    """Split pairs (sorted by reference index, one per index) into their longest monotone chain (the
    anchors) and the rest, which cross it: passages that moved."""
    tails: list[int] = []  # smallest copy index ending a chain of each length
    tail_at: list[int] = []
    prev = [-1] * len(pairs)
    for k, (_, j, _) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos], tail_at[pos] = j, k
        prev[k] = tail_at[pos - 1] if pos else -1
    keep, k = set(), tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(k)
        k = prev[k]
    return [p for k, p in enumerate(pairs) if k in keep], [p for k, p in enumerate(pairs) if k not in keep]


def _synchronise(chain, ref_keys, cand_keys, n: int, m: int):
    """Add anchors inside every long stretch between chain anchors: the nearest exact repeat of a sentence
    (least total distance from where the stretch starts), searched in windows that grow by four. Repeated
    text (a sentence that occurs many times) has no unique anchors but stays in step this way."""
    out = []
    bounds = [(-1, -1, 1.0)] + chain + [(n, m, 1.0)]
    for (pi, pj, _), nxt in zip(bounds, bounds[1:]):
        i, j, i1, j1 = pi + 1, pj + 1, nxt[0], nxt[1]
        if (i1 - i) * (j1 - j) > FULL_CELLS:
            while i < i1 and j < j1:
                if ref_keys[i] is not None and ref_keys[i] == cand_keys[j]:
                    hit = (i, j)
                else:
                    hit = _nearest_repeat(ref_keys, cand_keys, i, i1, j, j1)
                    if hit is None:
                        break
                out.append((hit[0], hit[1], 1.0))
                i, j = hit[0] + 1, hit[1] + 1
        if nxt[0] < n:
            out.append(nxt)
    return out


def _nearest_repeat(ref_keys, cand_keys, i, i1, j, j1) -> tuple[int, int] | None:
    width = 16
    while True:
        wi, wj = min(i1, i + width), min(j1, j + width)
        first: dict[str, int] = {}
        for k in range(i, wi):
            key = ref_keys[k]
            if key is not None and key not in first:
                first[key] = k
        best = None
        for k in range(j, wj):
            p = first.get(cand_keys[k]) if cand_keys[k] is not None else None
            if p is not None and (best is None or p - i + k - j < best[0]):
                best = (p - i + k - j, p, k)
        if best is not None:
            return best[1], best[2]
        if wi == i1 and wj == j1:
            return None
        width *= 4


def _pin(crossing, ref_bits: list[int], cand_bits: list[int], matrix: list[list[float]]):
    """Sentences of crossing pairs are taken out of the monotone DP (their bits and similarities cleared),
    so it cannot force them onto a neighbour; the moved pass aligns them afterwards."""
    pinned = set()
    for i, j, _ in crossing:
        ref_bits[i] = cand_bits[j] = 0
        matrix[i] = [0.0] * len(cand_bits)
        for row in matrix:
            row[j] = 0.0
        pinned |= {("r", i), ("c", j)}
    return pinned


# ---- the banded DP --------------------------------------------------------------------------------------

def _windows(chain, n: int, m: int, band: int | None) -> list[tuple[int, int]]:
    """For each DP row i (reference sentences consumed), the copy columns searched: a band around the
    piecewise-linear path through the anchors (a whole rectangle where the gap between two anchors is
    small). Each row reaches the next row's start, so skips always connect (0, 0) to (n, m)."""
    points = [(0, 0)]
    for i, j, _ in chain:
        points += [(i, j), (i + 1, j + 1)]
    points.append((n, m))
    lo, hi = [m] * (n + 1), [0] * (n + 1)
    for (p, q), (p1, q1) in zip(points, points[1:]):
        dp, dq = p1 - p, q1 - q
        if dp * dq <= FULL_CELLS or dp == 0:
            # An anchor's own step needs only the reach of the largest merge around it.
            margin = _MERGE_REACH if dp == dq == 1 else _BAND
            for i in range(p, p1 + 1):
                lo[i], hi[i] = min(lo[i], q - margin), max(hi[i], q1 + margin)
            continue
        w = band if band is not None else _BAND + min(abs(dp - dq), _MAX_SKEW)
        for i in range(p, p1 + 1):
            centre = q + (i - p) * dq / dp
            lo[i], hi[i] = min(lo[i], math.floor(centre - w)), max(hi[i], math.ceil(centre + w))
    out = []
    for i in range(n + 1):
        a, b = max(0, lo[i]), min(m, hi[i])
        if i < n:
            b = max(b, min(m, max(0, lo[i + 1])))
        out.append((a, b))
    return out


def _chunks(chain, n: int, m: int):
    """Cut long documents at anchors in the middle of three consecutive ones (a 1-1 bead for sure):
    (i0, i1, j0, j1) ranges whose DPs chain end to end."""
    anchored = {(i, j) for i, j, _ in chain}
    cuts, last = [(0, 0)], 0
    for i, j, _ in chain:
        if i - last >= _CHUNK_ROWS and (i - 1, j - 1) in anchored and (i + 1, j + 1) in anchored:
            cuts.append((i, j))
            last = i
    cuts.append((n, m))
    return [(a[0], b[0], a[1], b[1]) for a, b in zip(cuts, cuts[1:])]


def _align_chunk(ref, cand, i0, i1, j0, j1, windows, threshold, pinned, bits=None) -> list[Bead]:
    if bits is None:
        ref_bits, cand_bits = _bitsets(ref[i0:i1], cand[j0:j1])
        for k in range(i0, i1):
            if ("r", k) in pinned:
                ref_bits[k - i0] = 0
        for k in range(j0, j1):
            if ("c", k) in pinned:
                cand_bits[k - j0] = 0
        matrix = None
    else:
        ref_bits, cand_bits, matrix = bits
    local = [(max(a, j0) - j0, min(b, j1) - j0) for a, b in windows[i0:i1 + 1]]
    steps = _best_path(ref_bits, cand_bits, [len(s) for s in ref[i0:i1]], [len(s) for s in cand[j0:j1]],
                       local, threshold, matrix)
    beads, i, j = [], 0, 0
    for a, b in steps:
        rs, cs = tuple(range(i, i + a)), tuple(range(j, j + b))
        sim = dice(_union(ref_bits[k] for k in rs), _union(cand_bits[k] for k in cs)) if a and b else 0.0
        beads.append(Bead(tuple(i0 + k for k in rs), tuple(j0 + k for k in cs), round(sim, 4)))
        i, j = i + a, j + b
    return beads


def _best_path(
    ref_grams: Sequence[int],
    cand_grams: Sequence[int],
    ref_len: Sequence[int],
    cand_len: Sequence[int],
    windows: Sequence[tuple[int, int]],
    threshold: float,
    matrix: list[list[float]] | None = None,
) -> list[tuple[int, int]]:
    """The DP over trigram bitsets (see ``_bitsets``) inside ``windows``; returns the bead shapes in order.

    Rows of scores are plain lists (unreached cells hold -inf), and only the last four are kept: a bead
    reaches back three rows at most. Similarities come from ``matrix`` for small documents; otherwise each
    reference row is computed once, over the columns the next three DP rows can read."""
    n, m = len(ref_grams), len(cand_grams)
    ref_count = [b.bit_count() for b in ref_grams]
    cand_count = [b.bit_count() for b in cand_grams]
    sims: list = matrix if matrix is not None else [None] * n

    def sim_row(r: int) -> list[float]:
        nxt = windows[r + 1:r + 1 + _MERGE_REACH]
        j1 = min(m, max(hi for _, hi in nxt))
        j0 = min(j1, max(0, min(lo for lo, _ in nxt) - _MERGE_REACH))
        a, ca = ref_grams[r], ref_count[r]
        row = [0.0] * j0  # never read: no bead of the next rows reaches these columns
        row += [2 * (a & b).bit_count() / (ca + cb) if ca and cb else 0.0
                for b, cb in zip(cand_grams[j0:j1], cand_count[j0:j1])]
        return row + [0.0] * (m - j1)

    floor = threshold / 2

    def merge_gain(i0: int, i1: int, j0: int, j1: int) -> float | None:
        """Gain of aligning ref[i0:i1] with cand[j0:j1] (not 1-1), or None when not worth it."""
        a, b = i1 - i0, j1 - j0
        # Every sentence of a merge must share something with the other side (checked cheaply
        # first: most merge candidates fail here)...
        rows = sims[i0:i1]
        best_cell = 0.0
        for row in rows:
            top = max(row[j0:j1])
            if top < floor:
                return None
            if top > best_cell:
                best_cell = top
        for j in range(j0, j1):
            if max([row[j] for row in rows]) < floor:
                return None
        s = dice(_union(ref_grams[i0:i1]), _union(cand_grams[j0:j1]))
        # ...and the merge must explain the text better than its best single pair does.
        if s <= best_cell or s < threshold:
            return None
        la, lb = sum(ref_len[i0:i1]) + 1, sum(cand_len[j0:j1]) + 1
        return (s - threshold) * (a + b) / 2 - _LENGTH_WEIGHT * abs(math.log(la / lb)) - _SIZE_PENALTY * (a + b - 2)

    NEG = -math.inf
    UP, LEFT, ONE, TWO = (1, 0), (0, 1), (1, 1), ((2, 2),)
    best: list[list[float]] = []  # best[i] for the last rows only (older ones are dropped)
    back: list[tuple[int, list[tuple[int, int]]]] = []  # per row: (first column, steps of the window)
    for i in range(n + 1):
        lo, hi = windows[i]
        cur = [NEG] * (m + 1)
        steps = [UP] * (hi - lo + 1)
        back.append((lo, steps))
        if not i:
            cur[0] = 0.0  # the origin, whatever the window
            for j in range(max(lo, 1), hi + 1):  # the first row: additions only
                if j and cur[j - 1] > NEG:
                    cur[j] = cur[j - 1]
                    steps[j - lo] = LEFT
            best.append(cur)
            continue
        if matrix is None:
            sims[i - 1] = sim_row(i - 1)
            if i > _MERGE_REACH:
                sims[i - 1 - _MERGE_REACH] = None
        up, s1 = best[-1], sims[i - 1]
        s2 = sims[i - 2] if i >= 2 else None
        for j in range(lo, hi + 1):
            # Skips earn nothing: an omission (1-0) or an addition (0-1).
            score, step = up[j], UP
            if not j:
                cur[0] = score
                continue
            prev = cur[j - 1]
            if prev > score:
                score, step = prev, LEFT
            # Every merge except 2-2 contains the corner pair (i-1, j-1), so a corner that shares
            # nothing rules them out without computing them; 2-2 then needs the crossed pairs.
            corner = s1[j - 1]
            if corner >= threshold:  # 1-1, inline: most cells of the band fail the threshold here
                prev = up[j - 1]
                if prev > NEG:
                    la, lb = ref_len[i - 1] + 1, cand_len[j - 1] + 1
                    g = (corner - threshold) * 2 / 2 - _LENGTH_WEIGHT * abs(math.log(la / lb)) - _SIZE_PENALTY * 0
                    if prev + g > score:
                        score, step = prev + g, ONE
            if corner >= floor:
                # Cells a merge needs above the floor (``merge_gain`` checks them all): skip the rest here.
                left2 = j >= 2 and s1[j - 2] >= floor  # (i-1, j-2): in 1-2, and in 1-3
                up2 = s2 is not None and s2[j - 1] >= floor  # (i-2, j-1): in 2-1, and in 3-1
                merges = []
                if left2:
                    merges.append(MERGES[0])
                if up2:
                    merges.append(MERGES[1])
                if j >= 2 and s2 is not None and (left2 or s2[j - 2] >= floor) and (up2 or s2[j - 2] >= floor):
                    merges.append(MERGES[2])
                if left2 and j >= 3 and s1[j - 3] >= floor:
                    merges.append(MERGES[3])
                if up2 and i >= 3 and sims[i - 3][j - 1] >= floor:
                    merges.append(MERGES[4])
            elif j >= 2 and s2 is not None and s1[j - 2] >= floor and s2[j - 1] >= floor:
                merges = TWO
            else:
                cur[j] = score
                steps[j - lo] = step
                continue
            for a, b in merges:
                if i < a or j < b:
                    continue
                prev = best[-a][j - b]
                if prev == NEG:
                    continue
                g = merge_gain(i - a, i, j - b, j)
                if g is not None and prev + g > score:
                    score, step = prev + g, (a, b)
            cur[j] = score
            steps[j - lo] = step
        best.append(cur)
        if len(best) > _MERGE_REACH + 1:
            del best[0]
    out = []
    i, j = n, m
    while i or j:
        lo, steps = back[i]
        a, b = steps[j - lo]
        out.append((a, b))
        i, j = i - a, j - b
    out.reverse()
    return out


# ---- moved blocks ---------------------------------------------------------------------------------------

def _moved(beads: list[Bead], ref, cand, crossing, threshold: float) -> list[Bead]:
    """Align what the monotone path left out on both sides when it matches out of order (see module doc)."""
    omitted = [b.ref[0] for b in beads if not b.cand]
    added = [b.cand[0] for b in beads if not b.ref]
    if not omitted or not added:
        return beads
    pairs = {(i, j) for i, j, _ in crossing}
    if len(omitted) * len(added) <= _MOVED_PAIRS_MAX:
        pairs |= _paraphrase_pairs(omitted, added, ref, cand, pairs)
    if not pairs:
        return beads
    ref_run, cand_run = _runs(omitted), _runs(added)
    ref_members: dict[int, list[int]] = {}
    cand_members: dict[int, list[int]] = {}
    for i in omitted:
        ref_members.setdefault(ref_run[i], []).append(i)
    for j in added:
        cand_members.setdefault(cand_run[j], []).append(j)
    links: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for i, j in pairs:
        links.setdefault((ref_run[i], cand_run[j]), []).append((i, j))
    ref_links = Counter(r for r, _ in links)
    cand_links = Counter(c for _, c in links)
    moved: list[Bead] = []
    for (r, c), found in sorted(links.items()):
        if ref_links[r] == 1 and cand_links[c] == 1:  # one block moved as a whole: align it like a document
            rs, cs = ref_members[r], cand_members[c]
            sub = align([ref[i] for i in rs], [cand[j] for j in cs], threshold=threshold)
            moved += [Bead(tuple(rs[k] for k in b.ref), tuple(cs[k] for k in b.cand), b.similarity, True)
                      for b in sub if b.ref and b.cand]
        else:
            for i, j in sorted(found):
                sim = _set_dice(trigrams(ref[i]), trigrams(cand[j]))
                moved.append(Bead((i,), (j,), round(sim, 4), True))
    at = {b.ref[0]: b for b in moved}
    taken_ref = {i for b in moved for i in b.ref}
    taken_cand = {j for b in moved for j in b.cand}
    out = []
    for b in beads:
        if not b.cand and b.ref[0] in taken_ref:
            if b.ref[0] in at:
                out.append(at[b.ref[0]])
        elif not b.ref and b.cand[0] in taken_cand:
            continue
        else:
            out.append(b)
    return out


def _paraphrase_pairs(omitted, added, ref, cand, known) -> set[tuple[int, int]]:
    """Mutual best (omitted, added) pairs with Dice >= MOVED_SIM, sentences of ``known`` pairs excluded."""
    busy_ref, busy_cand = {i for i, _ in known}, {j for _, j in known}
    rs = [i for i in omitted if i not in busy_ref]
    cs = [j for j in added if j not in busy_cand]
    if not rs or not cs:
        return set()
    ref_bits, cand_bits = _bitsets([ref[i] for i in rs], [cand[j] for j in cs])
    best_ref = [max(((dice(a, b), k) for k, b in enumerate(cand_bits)), default=(0.0, -1)) for a in ref_bits]
    best_cand = [max(((dice(a, b), k) for k, a in enumerate(ref_bits)), default=(0.0, -1)) for b in cand_bits]
    return {(rs[k], cs[j]) for k, (s, j) in enumerate(best_ref) if s >= MOVED_SIM and best_cand[j][1] == k}


def _runs(ids: Sequence[int]) -> dict[int, int]:
    """Each id's run number: consecutive ids form one run (one passage)."""
    out, run = {}, -1
    for k, i in enumerate(ids):
        if not k or i != ids[k - 1] + 1:
            run += 1
        out[i] = run
    return out
