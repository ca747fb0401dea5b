"""How English writes figures, and reading them from a tokenised text.

A figure is a value (digits, spelled-out numbers, ordinals, fractions, percentages as fractions), its
character span, its tokens and the canonical name of its unit: "3,850 km²" and "3,850 square
kilometres" both read (3850, "km²"), "$4.2 million" (4200000, "dollar"), "five-year" (5, "year"),
"10%" (0.1, "percent"), "6 p.m." 18. Each rule reads one form at one token and declines otherwise.
"""

from __future__ import annotations

import re
from operator import attrgetter
from dataclasses import dataclass, replace
from typing import Callable, Optional

from ..text import Token
from .words import words_of

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
EMBEDDED = re.compile(r"^([^\W\d_]+)['\-]?(\d+)$")  # Covid-19, Kukiz'15, G7, MH17

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
DIMENSION = {name: dim for name, (dim, _) in _UNIT_TABLE.items()}
_PER_HOUR = {"mile": "mph", "km": "kph"}  # "miles per hour" = "mph"
_PER = {"per", "an", "a", "by", "for", "each", "every"}  # "miles by hour": garbled, but still a speed
_SQUARE = {"km": "km²", "mile": "mile²", "metre": "metre²"}  # "square kilometres" = "km²"
CURRENCY_SIGNS = {"$", "€", "£", "¥", "₹"}
_DECADES = {10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0}


@dataclass(frozen=True, slots=True)
class Num:
    """One figure: its value (a str for times, dates and scores kept verbatim: "6/20"), its character
    span, whether it is hard evidence (digits or a multi-word number, not a loose "first" or "half"),
    its tokens [first, after) including any unit, the unit's canonical name, the scale word read with it
    ("million": a range "5 to 7 million" shares it) and whether it names a decade by its last two
    digits ("the 70s", "the seventies" = "the 1970s")."""

    value: float | str
    start: int
    end: int
    hard: bool
    first: int = 0
    after: int = 0
    unit: str | None = None
    scale: float = 1.0
    decade: bool = False


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
    j, last = i, None  # the kind of the last word read: "unit", "ten" or "scale"
    while j < len(words):
        w = words[j]
        parts = w.split("-")
        # a number word follows only what English puts before it: "twenty five", "hundred and twelve"; two
        # numbers side by side are two figures ("both eleven and twelve", "between five and six")
        if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS and last in (None, "scale"):
            current += _TENS[parts[0]] + _UNITS[parts[1]]
            last = "unit"
        elif w in _UNITS and last in (None, "ten", "scale"):
            current += _UNITS[w]
            last = "unit"
        elif w in _TENS and last in (None, "scale"):
            current += _TENS[w]
            last = "ten"
        elif w in _SCALES and last and w not in _SCALE_ABBREV:
            if _SCALES[w] == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * _SCALES[w]
                current = 0
            last = "scale"
        elif w == "and" and last == "scale" and j + 1 < len(words) and (words[j + 1] in _UNITS or words[j + 1] in _TENS):
            j += 1  # "one hundred and twelve", "two thousand and five"
            continue
        else:
            break
        j += 1
    return (total + current, j - i) if last else (None, 0)


class _Reader:
    """One pass over a text's tokens. Each rule below reads the figure starting at token ``i`` and returns
    the index after it, or None to let the next rule try."""

    def __init__(self, tokens: tuple[Token, ...], words: tuple[str, ...]):
        self.tokens, self.words, self.n = tokens, words, len(tokens)
        self.out: list[Num] = []

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < self.n else ""

    def add(self, value: float | str, i: int, j: int, hard: bool, scale: float = 1.0, decade: bool = False) -> int:
        """The figure on tokens [i, j). A percentage is a fraction, so "50%" = "half" and "30 percent"
        is close to "a third"; its sign or word is its unit."""
        unit, after, sign = None, j, self.word(j)
        if isinstance(value, float) and (sign in _PERCENT or (sign == "per" and self.word(j + 1) == "cent")):
            value, unit, after = value / 100, "percent", j + (2 if sign == "per" else 1)
        self.out.append(Num(value, self.tokens[i].start, self.tokens[j - 1].end, hard, i, after, unit, scale, decade))
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
    j, scale = i + 1, 1.0
    if isinstance(value, float):
        if w[-2:] in ("st", "nd", "rd", "th") and r.word(j) in _CENTURY:
            return r.add((value - 1) * 100, i, j + 1, True)
        if r.word(j) in _SCALES:
            scale = _SCALES[r.word(j)]
            value, j = value * scale, j + 1
        elif r.word(j) in _PM and value < 12 and value == int(value):
            value += 12
    decade = isinstance(value, float) and w.endswith("s") and value in _DECADES
    return r.add(value, i, j, True, scale, decade)


def _inside_name(r: _Reader, i: int) -> int | None:
    """A number inside a name (Covid-19, G7) is compared as part of the name, by ``_embedded``."""
    w = r.words[i]
    return i + 1 if not w.isalpha() and EMBEDDED.match(w) else None


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
        return r.add(float(_TENS_PLURAL[w]), i, i + 1, True, decade=True)
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
    scale = _SCALES.get(r.word(j), 1.0) if r.word(j) != "hundred" else 1.0
    if scale > 1:
        value, j, hard = value * scale, j + 1, True
    return r.add(value, i, j, hard, scale)


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
        if j + 1 < len(words) and words[j] in _PER and words[j + 1] == "hour":
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
    if num.first and words[num.first - 1] in CURRENCY_SIGNS:
        return replace(num, unit=_UNIT_OF[words[num.first - 1]])
    return num


def read_numbers(text: str, tokens: tuple[Token, ...], words: tuple[str, ...] | None = None) -> tuple[Num, ...]:
    """Every figure of a text, in order, with its unit (``words``: its ``words_of``, when already read)."""
    if words is None:
        words = words_of(text, tokens)
    if not _may_have_figures(tokens, words):
        return ()
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
    return _share_scales(tuple(_with_unit(num, tokens, words) for num in r.out), words)


def _may_have_figures(tokens: tuple[Token, ...], words: tuple[str, ...]) -> bool:
    """Could any rule start here: a number token, a number word or a hyphenated word? Most sentences
    have none, and set tests in C rule them out before the reader loops over their tokens."""
    if not _FIGURE_WORDS.isdisjoint(words) or any(map(_IS_NUMBER, tokens)):
        return True
    joined = "\0".join(words)
    return "-" in joined and _HYPHEN_FIGURE.search(joined) is not None


_IS_NUMBER = attrgetter("is_number")
_FIGURE_WORDS = _NUMBER_WORDS - {"a"}  # "a" reads only before a scale word ("a million"), itself in the set
# A hyphenated word reads as a figure only after a number word ("five-year", "twenty-one", "fifth-seeded")
# or as "...-and-a-half" (the rules _hyphenated and _cardinal); "\0" separates the joined words.
_HYPHEN_FIGURE = re.compile(
    "(?:^|\0)(?:" + "|".join(sorted(set(_UNITS) | set(_ORDINALS) | set(_TENS), key=len, reverse=True))
    + ")-|-and-a-half(?:\0|$)"
)


_RANGE_LINKS = {"and", "to", "or", "-"}


def _share_scales(nums: tuple[Num, ...], words: tuple[str, ...]) -> tuple[Num, ...]:
    """The first figure of a range takes the scale and unit written once after the second: "between $5
    and $7 billion" is 5 and 7 billion, "15-25 million dollars" 15 and 25 million dollars, "5 to 7%"
    5% and 7%."""
    out = list(nums)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        link = set(words[a.after:b.first])
        if not (isinstance(a.value, float) and isinstance(b.value, float) and a.scale == 1.0
                and link & _RANGE_LINKS and link <= _RANGE_LINKS | CURRENCY_SIGNS):
            continue
        if b.scale > 1 and a.value < b.value / b.scale:
            out[k] = replace(a, value=a.value * b.scale, scale=b.scale, unit=a.unit or b.unit)
        elif b.unit == "percent" and a.unit is None and a.value / 100 < b.value:
            out[k] = replace(a, value=a.value / 100, unit="percent")
    return tuple(out)


def is_cardinal_word(word: str) -> bool:
    """"seven", "twenty": a spelled-out cardinal of one word."""
    return word in _UNITS or word in _TENS
