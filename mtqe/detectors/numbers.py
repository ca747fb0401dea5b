"""Number detectors: a figure changed, lost, added, traded places with another, or given another unit.

Each side is read into figures (value, unit, token range). Figures are paired by value, a same-unit
partner first, so word order and formatting do not matter: "3,850 km²" = "3,850 square kilometres",
"10 million" = "10,000,000", "five" = "5", "20th" = "20", "10%" = "10 percent", "one-third" = "a third".
Unpaired figures are changed, missing or added. Paired ones are checked for a changed unit ("five
months" -> "five years") and for two figures that swapped quantities ("10% in 2025, down from 28%" ->
"28% in 2025, down from 10%"). A parenthesised conversion the copy dropped ("70 miles (112 km)" ->
"70 miles") loses no fact: it is its own, minor finding, not a missing number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Callable, Iterator, Optional

from ..text import Token, fold
from .base import Detector, SegmentPair, register
from ..lexicon.words import words_of

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_TENS_PLURAL = {k[:-1] + "ies": v for k, v in _TENS.items()}  # "fifties" -> 50
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100, "thousandth": 1000,
}
_SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "crore": 10_000_000, "lakh": 100_000,
}
_SCALE_ABBREV = {"bn", "mn", "mln"}  # only after digits: "a bn" and "two mn" are not numbers
_FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25}
_DOZEN = {"dozen": 12, "dozens": 12}
_CENTURY = {"century", "centuries"}
_PM = {"p.m.", "pm", "p.m"}
_PERCENT = {"%", "percent", "pct", "percentage"}
# "one" is often a pronoun ("one of the", "no one", "the one who"): only a number before a plain noun.
_ONE_BLOCK_BEFORE = {"no", "any", "every", "some", "each", "the", "this", "that", "which", "someone", "anyone", "everyone", "only"}
_ONE_BLOCK_AFTER = {"of", "another", "who", "which", "that", "day", "hand", "'s", "and", ",", "."}
_NUMBER_WORDS = frozenset(
    set(_UNITS) | set(_TENS) | set(_ORDINALS) | set(_SCALES) | set(_FRACTIONS) | set(_DOZEN) | set(_TENS_PLURAL) | {"a"}
)

_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_EURO_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")
_SUFFIX = re.compile(r"(?:st|nd|rd|th|s)$")
_EMBEDDED = re.compile(r"^([^\W\d_]+)['\-]?(\d+)$")  # Covid-19, Kukiz'15, G7, MH17

# Units a figure can carry, canonical name -> (dimension, spellings). One-letter abbreviations stay out:
# "5m" is five million as often as five metres, "5G" is a network.
_UNIT_TABLE = {
    "second": ("time", "second seconds sec secs"),
    "minute": ("time", "minute minutes min mins"),
    "hour": ("time", "hour hours hr hrs"),
    "day": ("time", "day days"),
    "week": ("time", "week weeks wk wks"),
    "month": ("time", "month months"),
    "year": ("time", "year years yr yrs"),
    "decade": ("time", "decade decades"),
    "mm": ("length", "mm millimetre millimetres millimeter millimeters"),
    "cm": ("length", "cm centimetre centimetres centimeter centimeters"),
    "metre": ("length", "metre metres meter meters"),
    "km": ("length", "km kms kilometre kilometres kilometer kilometers"),
    "mile": ("length", "mile miles mi"),
    "foot": ("length", "foot feet ft"),
    "inch": ("length", "inch inches"),
    "yard": ("length", "yard yards yd yds"),
    "acre": ("area", "acre acres"),
    "hectare": ("area", "hectare hectares ha"),
    "km²": ("area", "km² km2 sqkm"),
    "mile²": ("area", "mi² sqmi"),
    "metre²": ("area", "m²"),
    "mg": ("mass", "mg milligram milligrams"),
    "gram": ("mass", "gram grams gramme grammes"),
    "kg": ("mass", "kg kgs kilogram kilograms kilogramme kilogrammes kilo kilos"),
    "tonne": ("mass", "tonne tonnes ton tons"),
    "ounce": ("mass", "ounce ounces oz"),
    "litre": ("volume", "litre litres liter liters"),
    "ml": ("volume", "ml millilitre millilitres milliliter milliliters"),
    "gallon": ("volume", "gallon gallons"),
    "barrel": ("volume", "barrel barrels bbl"),
    "mph": ("speed", "mph"),
    "kph": ("speed", "kph kmh km/h"),
    "knot": ("speed", "knot knots"),
    "celsius": ("temperature", "celsius centigrade"),
    "fahrenheit": ("temperature", "fahrenheit"),
    "dollar": ("money", "dollar dollars $ usd"),
    "euro": ("money", "euro euros € eur"),
    "pound": ("money", "pound pounds £ gbp sterling lb lbs"),  # sterling or weight: both read "pounds"
    "yen": ("money", "yen ¥ jpy"),
    "yuan": ("money", "yuan renminbi rmb cny"),
    "rupee": ("money", "rupee rupees ₹ inr"),
    "percent": ("ratio", ""),
}
_UNIT_OF = {form: name for name, (_, forms) in _UNIT_TABLE.items() for form in forms.split()}
_DIMENSION = {name: dim for name, (dim, _) in _UNIT_TABLE.items()}
_PER_HOUR = {"mile": "mph", "km": "kph"}  # "miles per hour" = "mph"
_SQUARE = {"km": "km²", "mile": "mile²", "metre": "metre²"}  # "square kilometres" = "km²"
_CURRENCY_SIGNS = {"$", "€", "£", "¥", "₹"}


@dataclass(frozen=True, slots=True)
class Num:
    """One figure: its value (a str for times, dates and scores kept verbatim: "6/20"), its character
    span, whether it is hard evidence (digits or a multi-word number, not a loose "first" or "half"),
    its tokens [first, after) including any unit, and the unit's canonical name."""

    value: float | str
    start: int
    end: int
    hard: bool
    first: int = 0
    after: int = 0
    unit: str | None = None


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


def _word_value(words: tuple[str, ...], i: int) -> tuple[float | None, int]:
    """A spelled-out cardinal starting at words[i]: (value, number of words used) or (None, 0)."""
    total = current = 0.0
    j, seen = i, False
    while j < len(words):
        w = words[j]
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
            current += _TENS[parts[0]] + _UNITS[parts[1]]
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _SCALES and seen and w not in _SCALE_ABBREV:
            if _SCALES[w] == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * _SCALES[w]
                current = 0
        elif w == "and" and seen and j + 1 < len(words) and (words[j + 1] in _UNITS or words[j + 1] in _TENS):
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    return (total + current, j - i) if seen else (None, 0)


class _Reader:
    """One pass over a text's tokens. Each rule below reads the figure starting at token ``i`` and returns
    the index after it, or None to let the next rule try."""

    def __init__(self, tokens: tuple[Token, ...], words: tuple[str, ...]):
        self.tokens, self.words, self.n = tokens, words, len(tokens)
        self.out: list[Num] = []

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < self.n else ""

    def add(self, value: float | str, i: int, j: int, hard: bool) -> int:
        """The figure on tokens [i, j). A percentage is a fraction, so "50%" = "half" and "30 percent"
        is close to "a third"; its sign or word is its unit."""
        unit, after, sign = None, j, self.word(j)
        if isinstance(value, float) and (sign in _PERCENT or (sign == "per" and self.word(j + 1) == "cent")):
            value, unit, after = value / 100, "percent", j + (2 if sign == "per" else 1)
        self.out.append(Num(value, self.tokens[i].start, self.tokens[j - 1].end, hard, i, after, unit))
        return j


Rule = Callable[[_Reader, int], Optional[int]]


def _clock(r: _Reader, i: int) -> int | None:
    """A time or score "8:30", "2:0": two numbers; the hour of "6:30 p.m." reads 18."""
    core = _SUFFIX.sub("", r.words[i])
    if core.count(":") != 1:
        return None
    a, b = core.split(":")
    hour = float(a) + (12 if r.word(i + 1) in _PM and float(a) < 12 else 0)
    r.add(hour, i, i + 1, True)
    if b != "00":
        r.add(float(b), i, i + 1, True)
    return i + 1


def _digit_fraction(r: _Reader, i: int) -> int | None:
    """A fraction "1/2", joined to a whole number before it ("2 1/2" = 2.5)."""
    core = _SUFFIX.sub("", r.words[i])
    a, _, b = core.partition("/")
    if core.count("/") != 1 or not (a.isdigit() and b.isdigit() and 0 < int(a) < int(b) <= 10):
        return None
    value, first = int(a) / int(b), i
    prev = r.out[-1] if r.out else None
    if prev and prev.end == r.tokens[i].start - 1 and isinstance(prev.value, float):
        r.out.pop()
        value, first = prev.value + value, prev.first
    j = i + 1
    if r.word(j) in _SCALES:
        value, j = value * _SCALES[r.word(j)], j + 1
    return r.add(round(value, 6), first, j, True)


def _digits(r: _Reader, i: int) -> int:
    """Digits, with a scale word ("4.2 million"), a century ("19th century" = 1800) or a clock hour
    ("6 p.m." = 18)."""
    w = r.words[i]
    value = _parse_digits(w)
    j = i + 1
    if isinstance(value, float):
        if w[-2:] in ("st", "nd", "rd", "th") and r.word(j) in _CENTURY:
            return r.add((value - 1) * 100, i, j + 1, True)
        if r.word(j) in _SCALES:
            value, j = value * _SCALES[r.word(j)], j + 1
        elif r.word(j) in _PM and value < 12 and value == int(value):
            value += 12
    return r.add(value, i, j, True)


def _inside_name(r: _Reader, i: int) -> int | None:
    """A number inside a name (Covid-19, G7) is compared as part of the name, by ``_embedded``."""
    w = r.words[i]
    return i + 1 if not w.isalpha() and _EMBEDDED.match(w) else None


def _fraction_of_count(r: _Reader, i: int) -> int | None:
    """"a third", "two thirds", "a half million"; "a third phase" is an ordinal, left to ``_ordinal``."""
    w, prev = r.words[i], r.word(i - 1)
    if w not in _FRACTIONS or i == 0 or prev not in ("a", "one", "two", "three"):
        return None
    if w == "third" and _names_a_thing(r.word(i + 1)):
        return None
    mult = 1 if w.startswith("half") else {"two": 2, "three": 3}.get(prev, 1)
    value, j = round(_FRACTIONS[w] * mult, 6), i + 1
    if r.word(j) in _SCALES:
        value, j = value * _SCALES[r.word(j)], j + 1
    return r.add(value, i - 1, j, False)


# After "a third", these words read it as a share ("a third is water", "a third of them"); another word
# is the thing counted ("a third term").
_SHARE_FOLLOWERS = frozenset(
    "of more less fewer is are was were has had have will would could can may might must should did do does"
    " and or but to".split()
)


def _names_a_thing(word: str) -> bool:
    return word.isalpha() and word not in _SHARE_FOLLOWERS and word not in _SCALES and not word.endswith("ed")


def _hyphenated(r: _Reader, i: int) -> int | None:
    """"one-third", "two-thirds", "three-year", "fifth-seeded", "year-and-a-half"."""
    w = r.words[i]
    if "-" not in w:
        return None
    if w.endswith("-and-a-half"):  # "three-and-a-half million", "a year-and-a-half"
        value, j = _UNITS.get(w[: -len("-and-a-half")], 0) + 0.5, i + 1
        if r.word(j) in _SCALES and r.word(j) not in _SCALE_ABBREV:
            value, j = value * _SCALES[r.word(j)], j + 1
        return r.add(value, i, j, j > i + 1)
    a, _, b = w.partition("-")
    if b in _FRACTIONS and a in _UNITS:
        return r.add(round(_FRACTIONS[b] * (1 if b.startswith("half") else _UNITS[a]), 6), i, i + 1, False)
    if a in _ORDINALS:
        return r.add(float(_ORDINALS[a]), i, i + 1, False)
    if a in _UNITS and b not in _UNITS and b not in _TENS and a != "one":
        return r.add(float(_UNITS[a]), i, i + 1, False)
    return None


def _loose_word(r: _Reader, i: int) -> int | None:
    """"half", "dozen" (loose evidence) and "the fifties" (hard: a decade)."""
    w = r.words[i]
    if w in ("half", "halves"):
        return r.add(0.5, i, i + 1, False)
    if w in _DOZEN:
        return r.add(12.0, i, i + 1, False)
    if w in _TENS_PLURAL:
        return r.add(float(_TENS_PLURAL[w]), i, i + 1, True)
    return None


def _ordinal(r: _Reader, i: int) -> int | None:
    """"fifth" (loose), "19th"-style "nineteenth century" (hard, = 1800); "second" as a unit of time
    ("per second", "a split second", "10 second") or a verb ("second-guess") is no ordinal."""
    w, nxt, prev = r.words[i], r.word(i + 1), r.word(i - 1)
    if w not in _ORDINALS:
        return None
    if w == "second" and (nxt in ("-", "'s") or prev in ("per", "split", "every") or (i and r.tokens[i - 1].is_number)):
        return i + 1
    if nxt in _CENTURY:
        return r.add((float(_ORDINALS[w]) - 1) * 100, i, i + 2, True)
    if w == "third" and nxt == "of":
        return None
    return r.add(float(_ORDINALS[w]), i, i + 1, False)


def _a_scale(r: _Reader, i: int) -> int | None:
    """"a million", "a hundred"."""
    nxt = r.word(i + 1)
    if r.words[i] == "a" and nxt in _SCALES and nxt not in _SCALE_ABBREV:
        return r.add(float(_SCALES[nxt]), i, i + 2, True)
    return None


def _one_as_pronoun(r: _Reader, i: int) -> int | None:
    if r.words[i] != "one":
        return None
    before, after = r.word(i - 1), r.word(i + 1)
    return i + 1 if before in _ONE_BLOCK_BEFORE or after in _ONE_BLOCK_AFTER or not after else None


def _cardinal(r: _Reader, i: int) -> int | None:
    """Spelled-out cardinals: "twelve", "two hundred and five", "three and a half", "ten million"."""
    value, used = _word_value(r.words, i)
    if value is None:
        return None
    j = i + used
    if used == 1 and r.word(j) in _FRACTIONS:
        return None  # "two thirds": the fraction rule reads both words
    hard = used > 1 or value >= 10
    if r.word(j) == "and" and r.word(j + 1) == "a" and r.word(j + 2) == "half":
        value, j = value + 0.5, j + 3
    if r.word(j) in _SCALES and r.word(j) != "hundred":
        value, j, hard = value * _SCALES[r.word(j)], j + 1, True
    return r.add(value, i, j, hard)


_DIGIT_RULES: tuple[Rule, ...] = (_clock, _digit_fraction, _digits)
_WORD_RULES: tuple[Rule, ...] = (
    _inside_name, _fraction_of_count, _hyphenated, _loose_word, _ordinal, _a_scale, _one_as_pronoun, _cardinal,
)


def _unit_at(words: tuple[str, ...], i: int) -> tuple[str | None, int]:
    """The canonical unit written at words[i] and the index after it: "km", "kilometres per hour",
    "square miles", "year-old" (the part before a hyphen), "° C"."""
    w = words[i] if i < len(words) else ""
    if w == "-":
        return _unit_at(words, i + 1)
    if w == "square" and i + 1 < len(words):
        base, j = _unit_at(words, i + 1)
        return (_SQUARE[base], j) if base in _SQUARE else (None, i)
    if w == "°" and i + 1 < len(words) and words[i + 1] in ("c", "f"):
        return ("celsius" if words[i + 1] == "c" else "fahrenheit"), i + 2
    unit = _UNIT_OF.get(w) or _UNIT_OF.get(w.partition("-")[0]) if w else None
    if unit is None:
        return None, i
    j = i + 1
    if unit in _PER_HOUR:
        if j + 1 < len(words) and words[j] in ("per", "an", "a") and words[j + 1] == "hour":
            return _PER_HOUR[unit], j + 2
        if j + 1 < len(words) and words[j] == "/" and words[j + 1] in ("h", "hr"):
            return _PER_HOUR[unit], j + 2
    return unit, j


def _with_unit(num: Num, tokens: tuple[Token, ...], words: tuple[str, ...]) -> Num:
    """The figure with the unit written after it (or inside it: "three-year"), or the currency sign
    before it ("$5", "US$5")."""
    if num.unit or not isinstance(num.value, float):
        return num
    last = words[num.after - 1]
    if "-" in last and not tokens[num.after - 1].is_number:  # "three-year": the unit is inside the word
        unit, _ = _unit_at((last.partition("-")[2],), 0)
        if unit:
            return replace(num, unit=unit)
    unit, after = _unit_at(words, num.after)
    if unit:
        return replace(num, unit=unit, after=after)
    if num.first and words[num.first - 1] in _CURRENCY_SIGNS:
        return replace(num, unit=_UNIT_OF[words[num.first - 1]])
    return num


def read_numbers(text: str, tokens: tuple[Token, ...]) -> tuple[Num, ...]:
    """Every figure of a text, in order, with its unit."""
    words = words_of(text, tokens)
    r = _Reader(tokens, words)
    i = 0
    while i < r.n:
        t, w = tokens[i], words[i]
        rules = _DIGIT_RULES if t.is_number else _WORD_RULES if (w in _NUMBER_WORDS or "-" in w) else ()
        for rule in rules:
            nxt = rule(r, i)
            if nxt is not None:
                i = nxt
                break
        else:
            i += 1
    return tuple(_with_unit(num, tokens, words) for num in r.out)


def _embedded(tokens: tuple[Token, ...]) -> dict[str, list[Token]]:
    """Names with a number inside ("Covid-19"), by their lower-cased letters."""
    found: dict[str, list[Token]] = {}
    for t in tokens:
        if t.text[0].isalpha() and not t.text.isalpha():
            m = _EMBEDDED.match(fold(t.text))
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
        if (a.unit and b.unit and a.unit != b.unit and _DIMENSION[a.unit] == _DIMENSION[b.unit]
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
_LINKING = frozenset("in on at to from of for by with and or than down up over under since between after before"
                     " into per a an the as while when compared".split())


def _counts_same(a, b) -> bool:
    """Both figures are followed by the same counted word ("3 gold", "3 gold"): they count one thing."""
    right_a, right_b = a[1][:1], b[1][:1]
    return bool(right_a) and right_a == right_b and right_a[0] not in _LINKING and right_a[0].isalpha()


def _swaps(pairs, ref_words, ref_tokens, cand_words, cand_tokens) -> list[tuple[Num, Num]]:
    """(reference figure, the copy figure now standing in its place) for figures that traded places:
    each copy figure sits in the other's context, not its own. Only unambiguous figures (one of that
    value on each side) of the same unit are compared."""
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


def number_diff(pair: SegmentPair) -> NumberDiff:
    """The figures of an aligned pair compared (read through ``pair.shared``: one reading per pair)."""
    if not pair.is_aligned:
        return NumberDiff()
    rt, ct = pair.ref_tokens, pair.cand_tokens
    rw, cw = words_of(pair.ref, rt), words_of(pair.cand, ct)
    ref = tuple(n for n in read_numbers(pair.ref, rt) if not _one_is_a(n, rw, cw))
    cand = tuple(n for n in read_numbers(pair.cand, ct) if not _one_is_a(n, cw, rw))
    pairs, miss, extra = _pair(ref, cand)
    paired_ref = {id(r) for r, _ in pairs}
    partner = _conversions(ref, rw)
    # dropped, not changed: its partner survived and no copy figure of its unit stands in for it
    dropped = [(m, partner[id(m)]) for m in miss if id(m) in partner and id(partner[id(m)]) in paired_ref
               and all(e.unit != m.unit for e in extra)]
    miss = [m for m in miss if all(m is not d for d, _ in dropped)]
    changed, miss, extra = _changed(miss, extra)
    units = [(r, c) for r, c in pairs if r.unit and c.unit and r.unit != c.unit and _same(r.value, c.value)]
    return NumberDiff(
        tuple(changed), tuple(miss), tuple(extra), tuple(_swaps(pairs, rw, rt, cw, ct)), tuple(units), tuple(dropped),
    )


def _fmt(v: float | str) -> str:
    if isinstance(v, str):
        return v
    if v == int(v):
        return f"{int(v):,}" if v >= 10000 else str(int(v))
    return f"{v:g}"


def _both_cardinal(pair: SegmentPair, r: Num, c: Num) -> bool:
    rw = fold(pair.ref[r.start:r.end]).lower()
    cw = fold(pair.cand[c.start:c.end]).lower()
    return (rw in _UNITS or rw in _TENS) and (cw in _UNITS or cw in _TENS)


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
            yield self.flag(
                pair, f'number "{_quoted(pair.ref, r)}" became "{_quoted(pair.cand, c)}"',
                (r.start, r.end), (c.start, c.end), severity=sev,
            )

    def _inside_names(self, pair: SegmentPair) -> Iterator:
        ref_emb = _embedded(pair.ref_tokens)
        cand_emb = _embedded(pair.cand_tokens) if ref_emb else {}
        for name, rts in ref_emb.items():
            cts = cand_emb.get(name)
            if not cts:
                continue
            rnums = sorted(_EMBEDDED.match(fold(t.text)).group(2).lstrip("0") for t in rts)
            cnums = sorted(_EMBEDDED.match(fold(t.text)).group(2).lstrip("0") for t in cts)
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
            ref_text, cand_text = _unit_span(pair.ref, pair.ref_tokens, r), _unit_span(pair.cand, pair.cand_tokens, c)
            yield self.flag(
                pair, f'unit changed: "{pair.ref[ref_text[0]:ref_text[1]]}" became "{pair.cand[cand_text[0]:cand_text[1]]}"',
                ref_text, cand_text,
            )


def _unit_span(text: str, tokens: tuple[Token, ...], num: Num) -> tuple[int, int]:
    """A figure with its unit, whichever side the unit is written on."""
    first = num.first - 1 if num.first and tokens[num.first - 1].text in _CURRENCY_SIGNS else num.first
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

    def check(self, pair: SegmentPair):
        for dropped, kept in pair.shared(number_diff).conversion_dropped:
            span = _unit_span(pair.ref, pair.ref_tokens, dropped)
            yield self.flag(
                pair, f'"{pair.ref[span[0]:span[1]]}" was dropped; the copy keeps the same value as '
                f'"{_quoted(pair.ref, kept)}"',
                span, None,
            )
