"""Number detectors: a figure changed, lost, added, traded places with another, given another unit, or
another qualifier ("32,000 more deaths" -> "32,000 deaths": an increase now reads as a total).

Each side's figures are read by ``lexicon.figures`` (value, unit, token range) and paired by value, a
same-unit partner first, so word order and formatting do not matter: "3,850 km²" = "3,850 square
kilometres", "10 million" = "10,000,000", "five" = "5", "20th" = "20", "10%" = "10 percent".
Unpaired figures are changed, missing or added. Paired ones are checked for a changed unit ("five
months" -> "five years") and for two figures that swapped quantities ("10% in 2025, down from 28%" ->
"28% in 2025, down from 10%"). A parenthesised conversion the copy dropped ("70 miles (112 km)" ->
"70 miles") loses no fact: D107 reports it as minor, superseding D102's missing number.
The comparison is made once per segment pair (``pair.shared(number_diff)``) and kept nowhere else.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import Iterator, NamedTuple

from ..context import DocumentSide
from ..lexicon.figures import CURRENCY_SIGNS, DIMENSION, EMBEDDED, Num, is_cardinal_word
from ..text import Token, fold
from ..lexicon.sentences import FUNCTION_WORDS
from .base import Detector, SegmentPair, register


def _embedded(tokens: tuple[Token, ...]) -> dict[str, list[Token]]:
    """Names with a number inside ("Covid-19"), by their lower-cased letters."""
    found: dict[str, list[Token]] = {}
    for t in tokens:
        if t.text[0].isalpha() and not t.text.isalpha():
            m = EMBEDDED.match(fold(t.text))
            if m:
                found.setdefault(m.group(1).lower(), []).append(t)
    return found


def _same(a: float | str, b: float | str) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    # "1.5 million" vs "1,500,000" is exact up to float rounding
    return a == b or (a > 0 and b > 0 and abs(a - b) / max(a, b) < 1e-6)


def _match(r: Num, c: Num) -> bool:
    if _same(r.value, c.value):
        return True
    a, b = r.value, c.value
    if r.decade != c.decade:  # "the 70s" = "the 1970s"
        short, full = (a, b) if r.decade else (b, a)
        return isinstance(full, float) and full >= 1000 and full % 100 == short
    # a fraction word against a rounded percentage: "a third" ~ "30 percent"
    return (
        r.hard != c.hard and isinstance(a, float) and isinstance(b, float)
        and 0 < a < 1 and 0 < b < 1 and abs(a - b) / max(a, b) < 0.12
    )


def _pair(ref: tuple[Num, ...], cand: tuple[Num, ...]) -> tuple[list[tuple[Num, Num]], list[Num], list[Num]]:
    """(paired figures, unpaired reference figures, unpaired copy figures): a same-unit partner first,
    so "5 miles (8 km)" pairs each figure with its own unit."""
    left, pairs = list(cand), []
    rest = list(ref)
    for same_unit in (True, False):
        unpaired = []
        for r in rest:
            k = next((k for k, c in enumerate(left) if _match(r, c) and (c.unit == r.unit or not same_unit)), None)
            if k is None:
                unpaired.append(r)
            else:
                pairs.append((r, left.pop(k)))
        rest = unpaired
    rest.sort(key=lambda n: n.start)
    return pairs, rest, left


def _one_is_a(num: Num, words: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """A loose "one" the other side writes as "a"/"an" before the same word ("one suspect" = "a suspect"),
    and nowhere as "one" before it."""
    if num.hard or num.value != 1.0 or words[num.first] != "one" or num.first + 1 >= len(words):
        return False
    nxt = words[num.first + 1]
    before = {other[k] for k in range(len(other) - 1) if other[k + 1] == nxt}
    return bool(before & {"a", "an"}) and "one" not in before


def _conversions(nums: tuple[Num, ...], words: tuple[str, ...]) -> dict[int, Num]:
    """id of each figure in a "70 miles (112 km)" pair -> the other one: a value restated in another
    unit of the same dimension, in brackets right after it."""
    out: dict[int, Num] = {}
    for a, b in zip(nums, nums[1:]):
        if (a.unit and b.unit and a.unit != b.unit and DIMENSION[a.unit] == DIMENSION[b.unit]
                and b.first == a.after + 1 and words[a.after] == "("):
            out[id(a)], out[id(b)] = b, a
    return out


_CONTEXT_WEIGHTS = (2, 1)  # the neighbouring word says which quantity a figure counts; the next one less


def _context(words: tuple[str, ...], tokens: tuple[Token, ...], num: Num) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The two nearest words before a figure and after it (and its unit), punctuation skipped."""
    def near(indices) -> tuple[str, ...]:
        return tuple([words[k] for k in indices if tokens[k].is_word or tokens[k].is_number][:2])
    return near(range(num.first - 1, -1, -1)), near(range(num.after, len(words)))


def _fit(a, b) -> int:
    """How well two figures' contexts agree, word by word outwards from the figure."""
    return sum(w for side_a, side_b in zip(a, b) for w, x, y in zip(_CONTEXT_WEIGHTS, side_a, side_b) if x == y)


# Words after a figure that say where or when it holds, not what it counts ("10% in 2025").
_LINKING = FUNCTION_WORDS | frozenset("down up over under since between after before per while when compared".split())


def _counts_same(a, b) -> bool:
    """Both figures are followed by the same counted word ("3 gold", "3 gold"): they count one thing."""
    right_a, right_b = a[1][:1], b[1][:1]
    return bool(right_a) and right_a == right_b and right_a[0] not in _LINKING and right_a[0].isalpha()


def _swaps(pairs, ref_words, ref_tokens, cand_words, cand_tokens) -> list[tuple[Num, Num]]:
    """(reference figure, the copy figure now standing in its place) for figures that traded places:
    each copy figure sits in the other's context, not its own. Only unambiguous figures (one of that
    value on each side) of the same unit are compared."""
    if len(pairs) < 2:
        return []  # a swap needs two paired figures

    def once(nums):
        keys = [n.value for n in nums]
        return [n for n in nums if keys.count(n.value) == 1]

    ref_once = {id(n) for n in once([r for r, _ in pairs])}
    cand_once = {id(n) for n in once([c for _, c in pairs])}
    pool = [(r, c) for r, c in pairs if r.hard and isinstance(r.value, float) and id(r) in ref_once and id(c) in cand_once]
    ctx = {id(r): _context(ref_words, ref_tokens, r) for r, _ in pool}
    ctx.update({id(c): _context(cand_words, cand_tokens, c) for _, c in pool})
    out, used = [], set()
    for (r1, c1), (r2, c2) in combinations(pool, 2):
        if id(r1) in used or id(r2) in used or r1.unit != r2.unit or _same(r1.value, r2.value):
            continue
        if not _counts_same(ctx[id(r1)], ctx[id(r2)]) and (
                _counts_same(ctx[id(r1)], ctx[id(c1)]) or _counts_same(ctx[id(r2)], ctx[id(c2)])):
            continue  # each counted noun moved with its figure: "3 gold and 2 silver" -> "2 silver and 3 gold"
        kept = _fit(ctx[id(r1)], ctx[id(c1)]) + _fit(ctx[id(r2)], ctx[id(c2)])
        crossed = (_fit(ctx[id(r1)], ctx[id(c2)]), _fit(ctx[id(r2)], ctx[id(c1)]))
        if min(crossed) >= 2 and sum(crossed) >= kept + 3:
            out += [(r1, c2), (r2, c1)]
            used |= {id(r1), id(r2)}
    return out


@dataclass(frozen=True)
class NumberDiff:
    """What changed between the figures of a segment pair; computed once per pair for all detectors."""

    changed: tuple[tuple[Num, Num], ...] = ()
    missing: tuple[Num, ...] = ()
    added: tuple[Num, ...] = ()
    swapped: tuple[tuple[Num, Num], ...] = ()
    unit_changed: tuple[tuple[Num, Num], ...] = ()
    conversion_dropped: tuple[tuple[Num, Num], ...] = ()  # (dropped figure, the one the copy kept)
    qualified: tuple[tuple[Qualifier, Qualifier], ...] = ()  # (reference, copy) figures requalified


def _changed(miss: list[Num], extra: list[Num]) -> tuple[list[tuple[Num, Num]], list[Num], list[Num]]:
    """Pair up what was lost with what appeared: a digit with a digit, a word with a word, in order,
    then a digit replaced by a word number or the reverse."""
    changed: list[tuple[Num, Num]] = []
    for kind in (True, False, None):
        ms = [m for m in miss if kind is None or m.hard == kind]
        es = [e for e in extra if kind is None or e.hard == kind]
        for m, e in zip(ms, es):
            changed.append((m, e))
            miss.remove(m)
            extra.remove(e)
    return changed, miss, extra


def _figure_counts(side: DocumentSide) -> Counter:
    """How often each value is written in one whole document (once per comparison)."""
    counts: Counter = Counter()
    for sentence in side.sentences:
        counts.update(n.value for n in side.context.numbers(sentence))
    return counts


def number_diff(pair: SegmentPair) -> NumberDiff:
    """The figures of an aligned pair compared (read through ``pair.shared``: one reading per pair)."""
    if not pair.is_aligned:
        return NumberDiff()
    context, rt, ct = pair.context, pair.ref_tokens, pair.cand_tokens
    rw, cw = context.words_of(pair.ref), context.words_of(pair.cand)
    ref = tuple(n for n in context.numbers(pair.ref) if not _one_is_a(n, rw, cw))
    cand = tuple(n for n in context.numbers(pair.cand) if not _one_is_a(n, cw, rw))
    if not ref and not cand:
        return NumberDiff()  # no figure on either side (nor the documents' figure counts to read)
    pairs, miss, extra = _pair(ref, cand)
    paired_ref = {id(r) for r, _ in pairs}
    partner = _conversions(ref, rw)
    # dropped, not changed: its partner survived and no copy figure of its unit stands in for it
    dropped = [(m, partner[id(m)]) for m in miss if id(m) in partner and id(partner[id(m)]) in paired_ref
               and all(e.unit != m.unit for e in extra)]
    changed, miss, extra = _changed([m for m in miss if all(m is not d for d, _ in dropped)], extra)
    # a figure the other document states at least as often moved to a neighbouring segment (a sentence
    # split differently), it was not lost or added
    ref_counts, cand_counts = pair.context.ref.derive(_figure_counts), pair.context.cand.derive(_figure_counts)
    miss = [m for m in miss if cand_counts[m.value] < ref_counts[m.value]]
    extra = [e for e in extra if ref_counts[e.value] < cand_counts[e.value]]
    miss = sorted(miss + [d for d, _ in dropped], key=lambda n: n.start)  # D102's, unless D107 runs
    units = [(r, c) for r, c in pairs if r.unit and c.unit and r.unit != c.unit and _same(r.value, c.value)]
    return NumberDiff(
        tuple(changed), tuple(miss), tuple(extra), tuple(_swaps(pairs, rw, rt, cw, ct)), tuple(units), tuple(dropped),
        tuple(_requalified(pairs, rt, ct)),
    )


# What a word next to a figure says about it: a count on top of another ("32,000 more deaths", "another
# 500", "eight others", "life plus 419 years"), a floor ("more than", "at least") or a ceiling ("fewer
# than", "up to", "nearly"). "Other" goes either side ("sixteen other deaths" / "other sixteen deaths").
_INCREMENT_BEFORE = frozenset({"another", "additional", "extra", "further", "other", "others", "plus"})
_INCREMENT_AFTER = frozenset({"more", "additional", "extra", "further", "other", "others"})
_FLOOR = frozenset({"more than", "over", "above", "at least", "upwards of", "exceeding", "no fewer than", "no less than"})
_CEILING = frozenset({"fewer than", "less than", "under", "below", "up to", "at most", "nearly", "almost",
                     "no more than", "just under"})


def _comparative(after: list[str]) -> bool:
    """"25 more influential Americans", "4 percent more than a year ago": "more" compares, it adds no count."""
    from ..lexicon import wordnet

    if after[0] != "more" or len(after) < 2:
        return False
    pos = wordnet.parts_of_speech(after[1])
    return after[1] == "than" or (bool(pos) and pos <= {"a", "r"})


class Qualifier(NamedTuple):
    kind: str | None  # "increment", "floor", "ceiling", or None for a plain figure
    start: int  # the figure with its qualifying words
    end: int
    # "four more liberal members": "more" before a word that may be an adjective of the noun after it
    # may compare (the four who are more liberal) as well as count (four further liberal members)
    ambiguous: bool = False


def _may_compare(after: list[str]) -> bool:
    from ..lexicon import wordnet
    from ..wordalign import lemmas

    return len(after) > 2 and "a" in wordnet.parts_of_speech(after[1]) and any(
        "n" in wordnet.parts_of_speech(lem) for lem in lemmas(after[2]))


def _qualifier(tokens: tuple[Token, ...], num: Num) -> Qualifier:
    """How the words around a figure qualify it, and the span they make with it ("32,000 more")."""
    before = [fold(t.text).lower() for t in tokens[max(0, num.first - 3):num.first]]
    after = [fold(t.text).lower() for t in tokens[num.after:num.after + 3]]
    # "21 percent more" is a relative change, a comparison, never a count on top
    if after and after[0] in _INCREMENT_AFTER and not _comparative(after) and num.unit != "percent":
        return Qualifier("increment", num.start, tokens[num.after].end, after[0] == "more" and _may_compare(after))
    if before and before[-1] in _INCREMENT_BEFORE:
        return Qualifier("increment", tokens[num.first - 1].start, num.end)
    for n in (3, 2, 1):
        phrase = " ".join(before[-n:]) if len(before) >= n else None
        kind = "floor" if phrase in _FLOOR else "ceiling" if phrase in _CEILING else None
        if kind:
            return Qualifier(kind, tokens[num.first - n].start, num.end)
    return Qualifier(None, num.start, num.end)


def _requalified(pairs, rt: tuple[Token, ...], ct: tuple[Token, ...]) -> list[tuple[Qualifier, Qualifier]]:
    """Paired figures whose qualifier changed in a way that changes the fact: an increment lost or gained,
    a floor made a ceiling or the reverse ("about", "some", a bound dropped are rewordings or rounding)."""
    out = []
    for r, c in pairs:
        qr, qc = _qualifier(rt, r), _qualifier(ct, c)
        kinds = {qr.kind, qc.kind}
        if len(kinds) == 2 and ("increment" in kinds or kinds == {"floor", "ceiling"}):
            out.append((qr, qc))
    return out


def _fmt(v: float | str) -> str:
    if isinstance(v, str):
        return v
    if v == int(v):
        return f"{int(v):,}" if v >= 10000 else str(int(v))
    return f"{v:g}"


def _both_cardinal(pair: SegmentPair, r: Num, c: Num) -> bool:
    rw = fold(pair.ref[r.start:r.end]).lower()
    cw = fold(pair.cand[c.start:c.end]).lower()
    return is_cardinal_word(rw) and is_cardinal_word(cw)


def _quoted(text: str, num: Num) -> str:
    return text[num.start:num.end]


@register
class NumberChanged(Detector):
    """A number in the reference was replaced by a different number in the copy.

    ref: The plant opened in 1985 with 330 workers.
    cand: The plant opened in 1995 with 330 workers.
    """

    code = "D101"
    category = "number"
    severity = "critical"

    def check(self, pair: SegmentPair):
        if pair.is_aligned:
            yield from self._inside_names(pair)
        for r, c in pair.shared(number_diff).changed:
            # two loose words ("first" vs "third" as adverbs, "half") may be rewording: only minor
            sev = None if (r.hard or c.hard or _both_cardinal(pair, r, c)) else "minor"
            was, now = f'"{_quoted(pair.ref, r)}"', f'"{_quoted(pair.cand, c)}"'
            if was == now:  # "10 p.m." -> "10h00": the same digits, another value
                was, now = f"{was} ({_fmt(r.value)})", f"{now} ({_fmt(c.value)})"
            yield self.flag(pair, f"number {was} became {now}", (r.start, r.end), (c.start, c.end), severity=sev)

    def _inside_names(self, pair: SegmentPair) -> Iterator:
        ref_emb = _embedded(pair.ref_tokens)
        cand_emb = _embedded(pair.cand_tokens) if ref_emb else {}
        for name, rts in ref_emb.items():
            cts = cand_emb.get(name)
            if not cts:
                continue
            rnums = sorted(EMBEDDED.match(fold(t.text)).group(2).lstrip("0") for t in rts)
            cnums = sorted(EMBEDDED.match(fold(t.text)).group(2).lstrip("0") for t in cts)
            if rnums != cnums:
                r, c = rts[0], cts[0]
                yield self.flag(pair, f'number in "{r.text}" became "{c.text}"', (r.start, r.end), (c.start, c.end))


@register
class NumberMissing(Detector):
    """A number in the reference has no counterpart in the copy.

    ref: About 400 premature babies are cared for there every year.
    cand: Premature babies are cared for there every year.
    """

    code = "D102"
    category = "number"
    severity = "major"

    def check(self, pair: SegmentPair):
        for m in pair.shared(number_diff).missing:
            yield self.flag(
                pair, f'number "{_quoted(pair.ref, m)}" ({_fmt(m.value)}) is missing from the copy',
                (m.start, m.end), None, severity=None if m.hard else "minor",
            )


@register
class NumberAdded(Detector):
    """The copy has a number that is not in the reference.

    ref: The museum reopened on Monday.
    cand: The museum reopened on Monday, 3 June.
    """

    code = "D103"
    category = "number"
    severity = "minor"

    def check(self, pair: SegmentPair):
        for e in pair.shared(number_diff).added:
            yield self.flag(
                pair, f'number "{_quoted(pair.cand, e)}" ({_fmt(e.value)}) is not in the reference',
                None, (e.start, e.end),
            )


@register
class NumbersSwapped(Detector):
    """Two figures of the reference traded places in the copy: each now counts the other's quantity.

    ref: Unemployment fell to 10% in 2025, down from 28% in 2020.
    cand: Unemployment fell to 28% in 2025, down from 10% in 2020.
    """

    code = "D105"
    category = "number"
    severity = "critical"

    def check(self, pair: SegmentPair):
        for r, c in pair.shared(number_diff).swapped:
            rs, cs = _unit_span(pair.ref, pair.ref_tokens, r), _unit_span(pair.cand, pair.cand_tokens, c)
            yield self.flag(
                pair, f'"{pair.ref[rs[0]:rs[1]]}" now reads "{pair.cand[cs[0]:cs[1]]}": figures swapped', rs, cs,
            )


@register
class UnitChanged(Detector):
    """A figure kept its value but changed its unit.

    ref: Guan has been detained for about five months.
    cand: Guan has been detained for about five years.
    """

    code = "D106"
    category = "number"
    severity = "critical"

    def check(self, pair: SegmentPair):
        for r, c in pair.shared(number_diff).unit_changed:
            rs, cs = _unit_span(pair.ref, pair.ref_tokens, r), _unit_span(pair.cand, pair.cand_tokens, c)
            yield self.flag(pair, f'unit changed: "{pair.ref[rs[0]:rs[1]]}" became "{pair.cand[cs[0]:cs[1]]}"', rs, cs)


def _unit_span(text: str, tokens: tuple[Token, ...], num: Num) -> tuple[int, int]:
    """A figure with its unit, whichever side the unit is written on."""
    first = num.first - 1 if num.first and tokens[num.first - 1].text in CURRENCY_SIGNS else num.first
    return min(num.start, tokens[first].start), max(num.end, tokens[num.after - 1].end)


@register
class ConversionDropped(Detector):
    """The copy kept a figure but dropped its conversion to another unit (no fact is lost).

    ref: The storm passed 70 miles (112 km) east of the island.
    cand: The storm passed 70 miles east of the island.
    """

    code = "D107"
    category = "number"
    severity = "minor"
    supersedes = ("D102",)  # the figure is missing, but its quantity is still there: minor, not major

    def check(self, pair: SegmentPair):
        for dropped, kept in pair.shared(number_diff).conversion_dropped:
            span, other = (_unit_span(pair.ref, pair.ref_tokens, n) for n in (dropped, kept))
            yield self.flag(
                pair, f'"{pair.ref[span[0]:span[1]]}" dropped; the copy keeps the same quantity as '
                f'"{pair.ref[other[0]:other[1]]}"', span, None,
            )


# what each qualifier makes of a figure
_SAYS = {"increment": "counts more on top of another figure", "floor": "is a lower bound",
         "ceiling": "is an upper bound", None: "is a plain figure"}


@register
class QualifierChanged(Detector):
    """A figure kept its value but not its qualifier: an increase now reads as a total, a floor as a ceiling.

    ref: The model projects roughly 32,000 more deaths by August.
    cand: The model projects about 32,000 deaths by August.
    """

    code = "D108"
    category = "number"
    severity = "major"

    def check(self, pair: SegmentPair):
        for r, c in pair.shared(number_diff).qualified:
            # a qualifier the copy dropped has nothing in its place there: the span is the original's
            yield self.flag(pair, f'"{pair.ref[r.start:r.end]}" {_SAYS[r.kind]}, but "{pair.cand[c.start:c.end]}" '
                            f'{_SAYS[c.kind]}', (r.start, r.end), (c.start, c.end) if c.kind else None,
                            severity="minor" if r.ambiguous or c.ambiguous else None)
