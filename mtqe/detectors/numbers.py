"""Number detectors: values (digits, spelled-out numbers, ordinals, fractions) changed, lost or added.

Both sides are reduced to a multiset of numeric values, so word order, units and formatting do not
matter: "3,850 km²" = "3,850 square kilometres", "10 million" = "10,000,000", "five" = "5",
"20th" = "20", "10%" = "10 percent", "one-third" = "a third".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import Token, fold
from .base import Detector, SegmentPair, register
from ..lexicon.words import words_of

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINALS = {
    "first": 1, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100, "thousandth": 1000,
}
_SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "crore": 10_000_000, "lakh": 100_000,
}
_FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25}
_DOZEN = {"dozen": 12, "dozens": 12}
# "one" is often a pronoun ("one of the", "no one", "the one who"): only a number before a plain noun.
_ONE_BLOCK_BEFORE = {"no", "any", "every", "some", "each", "the", "this", "that", "which", "someone", "anyone", "everyone", "only"}
_ONE_BLOCK_AFTER = {"of", "another", "who", "which", "that", "day", "hand", "'s", "and", ",", "."}

_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_EURO_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")
_SUFFIX = re.compile(r"(?:st|nd|rd|th|s)$")


@dataclass(frozen=True, slots=True)
class Num:
    value: float | str  # str for times/dates/scores kept verbatim ("10:30", "6/20")
    start: int
    end: int
    hard: bool  # written in digits or a multi-word number, not a loose word like "first" or "half"


def _parse_digits(text: str) -> float | str:
    core = _SUFFIX.sub("", text)
    if ":" in core or "/" in core:
        return core
    if _THOUSANDS.match(core):
        return float(core.replace(",", ""))
    if _EURO_THOUSANDS.match(core):
        return float(core.replace(".", ""))
    if "," in core:  # decimal comma ("3,8") or a list squeezed together; both read as one value
        parts = core.split(",")
        if len(parts) == 2 and len(parts[1]) != 3:
            return float(core.replace(",", "."))
        return float(core.replace(",", ""))
    try:
        return float(core)
    except ValueError:
        return core


def _word_value(words: list[str], i: int) -> tuple[float | None, int]:
    """A spelled-out cardinal starting at words[i]: (value, number of words used) or (None, 0)."""
    total = 0.0
    current = 0.0
    j = i
    seen = False
    while j < len(words):
        w = words[j]
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
            current += _TENS[parts[0]] + _UNITS[parts[1]]
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _SCALES and seen and w not in ("bn", "mn", "mln"):
            scale = _SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        elif w == "and" and seen and j + 1 < len(words) and (words[j + 1] in _UNITS or words[j + 1] in _TENS):
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None, 0
    return total + current, j - i


_TENS_PLURAL = {k[:-1] + "ies": v for k, v in _TENS.items()}  # "fifties" -> 50
_PERCENT = {"%", "percent", "pct", "percentage"}
_EMBEDDED = re.compile(r"^([^\W\d_]+)['\-]?(\d+)$")  # Covid-19, Kukiz'15, G7, MH17
_TIME_SEP = {":", "-", "\u2013"}


def _is_percent(words: list[str], j: int) -> bool:
    if j >= len(words):
        return False
    w = words[j]
    return w in _PERCENT or (w == "per" and j + 1 < len(words) and words[j + 1] == "cent")


_NUMBER_WORDS = frozenset(
    set(_UNITS) | set(_TENS) | set(_ORDINALS) | set(_SCALES) | set(_FRACTIONS) | set(_DOZEN)
    | set(_TENS_PLURAL) | {"second", "a"}
)


def _extract(text: str, tokens: tuple[Token, ...]) -> tuple[Num, ...]:
    words = words_of(text, tokens)
    out: list[Num] = []
    n = len(tokens)
    i = 0

    def add(value, start, end, hard, j):
        # percentages are fractions, so "50%" = "half" and "30 percent" is close to "a third"
        if isinstance(value, float) and _is_percent(words, j):
            value = value / 100
        out.append(Num(value, start, end, hard))

    while i < n:
        t, w = tokens[i], words[i]
        if t.is_number:
            core = _SUFFIX.sub("", w)
            if ":" in core and core.count(":") == 1:  # time or score "8:30", "2:0": two numbers
                a, b = core.split(":")
                h = float(a)
                if i + 1 < n and words[i + 1] in ("p.m.", "pm", "p.m") and h < 12:
                    h += 12
                out.append(Num(h, t.start, t.end, True))
                if b != "00":
                    out.append(Num(float(b), t.start, t.end, True))
                i += 1
                continue
            if "/" in core and core.count("/") == 1:
                a, b = core.split("/")
                if a.isdigit() and b.isdigit() and 0 < int(a) < int(b) <= 10:  # a fraction "1/2"
                    frac = int(a) / int(b)
                    if out and out[-1].end == t.start - 1 and isinstance(out[-1].value, float):
                        prev = out.pop()  # "2 1/2" -> 2.5
                        value: float | str = prev.value + frac
                        start = prev.start
                    else:
                        value, start = frac, t.start
                    end, j = t.end, i + 1
                    if j < n and words[j] in _SCALES:
                        value *= _SCALES[words[j]]
                        end, j = tokens[j].end, j + 1
                    add(round(value, 6), start, end, True, j)
                    i = j
                    continue
            value = _parse_digits(w)
            end = t.end
            j = i + 1
            if isinstance(value, float) and w[-2:] in ("st", "nd", "rd", "th") and j < n and words[j] in ("century", "centuries"):
                add((value - 1) * 100, t.start, tokens[j].end, True, j + 1)
                i = j + 1
                continue
            if isinstance(value, float) and j < n and words[j] in _SCALES:
                value *= _SCALES[words[j]]
                end = tokens[j].end
                j += 1
            add(value, t.start, end, True, j)
            i = j
            continue
        if w not in _NUMBER_WORDS and "-" not in w:
            i += 1  # fast path: most words are not numbers
            continue
        if not w.isalpha() and _EMBEDDED.match(w):
            i += 1  # a number inside a name (Covid-19, G7) is compared by name, see _embedded
            continue
        if w in _FRACTIONS and i > 0 and words[i - 1] in ("a", "one", "two", "three"):
            mult = {"two": 2, "three": 3}.get(words[i - 1], 1)
            if w.startswith("half"):
                mult = 1
            value = round(_FRACTIONS[w] * mult, 6)
            j = i + 1
            if j < n and words[j] in _SCALES:  # "a half million"
                value *= _SCALES[words[j]]
                j += 1
            add(value, tokens[i - 1].start, tokens[j - 1].end, False, j)
            i = j
            continue
        if "-" in w:  # "one-third", "two-thirds", "three-year", "fifth-seeded"
            a, _, b = w.partition("-")
            if b in _FRACTIONS and a in _UNITS:
                add(round(_FRACTIONS[b] * (_UNITS[a] if not b.startswith("half") else 1), 6), t.start, t.end, False, i + 1)
                i += 1
                continue
            if a in _ORDINALS or a == "second":
                add(float(_ORDINALS.get(a, 2)), t.start, t.end, False, i + 1)
                i += 1
                continue
            if a in _UNITS and b not in _UNITS and b not in _TENS and a != "one":
                add(float(_UNITS[a]), t.start, t.end, False, i + 1)
                i += 1
                continue
        if w == "half" or w == "halves":
            add(0.5, t.start, t.end, False, i + 1)
            i += 1
            continue
        if w in _DOZEN:
            add(12.0, t.start, t.end, False, i + 1)
            i += 1
            continue
        if w in _TENS_PLURAL:
            add(float(_TENS_PLURAL[w]), t.start, t.end, True, i + 1)
            i += 1
            continue
        if w == "second" and i + 1 < n and (words[i + 1] in ("-", "'s") or (i and (words[i - 1] in ("per", "split", "every") or tokens[i - 1].is_number))):
            i += 1
            continue
        if (w in _ORDINALS or w == "second") and i + 1 < n and words[i + 1] in ("century", "centuries"):
            add((float(_ORDINALS.get(w, 2)) - 1) * 100, t.start, tokens[i + 1].end, True, i + 2)
            i += 2
            continue
        if (w in _ORDINALS or w == "second") and not (w == "third" and i + 1 < n and words[i + 1] == "of"):
            value = float(_ORDINALS.get(w, 2))
            if i + 1 < n and words[i + 1] in ("century", "centuries"):  # "19th century" = "1800s"
                add((value - 1) * 100, t.start, tokens[i + 1].end, True, i + 2)
                i += 2
                continue
            add(value, t.start, t.end, False, i + 1)
            i += 1
            continue
        if w == "a" and i + 1 < n and words[i + 1] in _SCALES and words[i + 1] not in ("bn", "mn", "mln"):
            add(float(_SCALES[words[i + 1]]), t.start, tokens[i + 1].end, True, i + 2)
            i += 2
            continue
        if w == "one":
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < n else ""
            if before in _ONE_BLOCK_BEFORE or after in _ONE_BLOCK_AFTER or not after:
                i += 1
                continue
        value, used = _word_value(words, i)
        if value is not None:
            j = i + used
            hard = used > 1 or value >= 10
            if j + 2 < n and words[j] == "and" and words[j + 1] == "a" and words[j + 2] == "half":
                value += 0.5
                j += 3
            if j < n and words[j] in _SCALES and words[j] != "hundred":
                value *= _SCALES[words[j]]
                j += 1
                hard = True
            add(value, t.start, tokens[j - 1].end, hard, j)
            i = j
            continue
        i += 1
    return tuple(out)


def _embedded(text: str, tokens: tuple[Token, ...]) -> dict[str, list[Token]]:
    found: dict[str, list[Token]] = {}
    for t in tokens:
        if t.text[0].isalpha() and not t.text.isalpha():
            m = _EMBEDDED.match(fold(t.text))
            if m:
                found.setdefault(m.group(1).lower(), []).append(t)
    return found


def _key(v: float | str) -> float | str:
    return round(v, 4) if isinstance(v, float) else v


def _same(a: float | str, b: float | str) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if a == b:
        return True
    # "1.5 million" vs "1,500,000" is exact; allow rounding of converted units only for large values
    if a > 0 and b > 0 and abs(a - b) / max(a, b) < 1e-6:
        return True
    return False


def _match(r: Num, c: Num) -> bool:
    if _same(r.value, c.value):
        return True
    a, b = r.value, c.value
    # a fraction word against a rounded percentage: "a third" ~ "30 percent"
    return (
        r.hard != c.hard and isinstance(a, float) and isinstance(b, float)
        and 0 < a < 1 and 0 < b < 1 and abs(a - b) / max(a, b) < 0.12
    )


def _unmatched(ref: tuple[Num, ...], cand: tuple[Num, ...]) -> tuple[list[Num], list[Num]]:
    left = list(cand)
    miss: list[Num] = []
    for r in ref:
        for k, c in enumerate(left):
            if _match(r, c):
                del left[k]
                break
        else:
            miss.append(r)
    return miss, left


def _fmt(v: float | str) -> str:
    if isinstance(v, str):
        return v
    if v == int(v):
        return f"{int(v):,}" if v >= 10000 else str(int(v))
    return f"{v:g}"


def _diff_uncached(ref: str, cand: str, ref_tokens: tuple[Token, ...], cand_tokens: tuple[Token, ...]):
    """(changed pairs, missing, added) between the two sides' number multisets."""
    miss, extra = _unmatched(_extract(ref, ref_tokens), _extract(cand, cand_tokens))
    changed: list[tuple[Num, Num]] = []
    # pair up what was lost with what appeared: a digit with a digit, a word with a word, in order
    for hard in (True, False):
        ms = [m for m in miss if m.hard == hard]
        es = [e for e in extra if e.hard == hard]
        for m, e in zip(ms, es):
            changed.append((m, e))
    used_m = {id(m) for m, _ in changed}
    used_e = {id(e) for _, e in changed}
    ms = [m for m in miss if id(m) not in used_m]
    es = [e for e in extra if id(e) not in used_e]
    for m, e in zip(ms, es):  # a digit replaced by a word number or the reverse
        changed.append((m, e))
    used_m = {id(m) for m, _ in changed}
    used_e = {id(e) for _, e in changed}
    return (
        tuple(changed),
        tuple(m for m in miss if id(m) not in used_m),
        tuple(e for e in extra if id(e) not in used_e),
    )


def _numbers_diff(pair: SegmentPair):
    if not pair.is_aligned:
        return (), (), ()
    return _diff_uncached(pair.ref, pair.cand, pair.ref_tokens, pair.cand_tokens)


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
            ref_emb = _embedded(pair.ref, pair.ref_tokens)
            if ref_emb:
                cand_emb = _embedded(pair.cand, pair.cand_tokens)
                for name, rts in ref_emb.items():
                    cts = cand_emb.get(name)
                    if not cts:
                        continue
                    rnums = sorted(_EMBEDDED.match(fold(t.text)).group(2).lstrip("0") for t in rts)
                    cnums = sorted(_EMBEDDED.match(fold(t.text)).group(2).lstrip("0") for t in cts)
                    if rnums != cnums:
                        r, c = rts[0], cts[0]
                        yield self.flag(pair, f'number in "{r.text}" became "{c.text}"', (r.start, r.end), (c.start, c.end))
        for r, c in pair.shared(_numbers_diff)[0]:
            # two loose words ("first" vs "third" as adverbs, "half") may be rewording: only minor
            sev = None if (r.hard or c.hard or _both_cardinal(pair, r, c)) else "minor"
            yield self.flag(
                pair,
                f'number "{pair.ref[r.start:r.end]}" became "{pair.cand[c.start:c.end]}"',
                (r.start, r.end), (c.start, c.end), severity=sev,
            )


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
        for m in pair.shared(_numbers_diff)[1]:
            yield self.flag(
                pair, f'number "{pair.ref[m.start:m.end]}" ({_fmt(m.value)}) is missing from the copy',
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
        for e in pair.shared(_numbers_diff)[2]:
            yield self.flag(
                pair, f'number "{pair.cand[e.start:e.end]}" ({_fmt(e.value)}) is not in the reference',
                None, (e.start, e.end),
            )


def _both_cardinal(pair: SegmentPair, r: Num, c: Num) -> bool:
    rw = fold(pair.ref[r.start:r.end]).lower()
    cw = fold(pair.cand[c.start:c.end]).lower()
    return (rw in _UNITS or rw in _TENS) and (cw in _UNITS or cw in _TENS)
