"""Calendar words: a weekday or month of the original replaced by another (Monday -> Friday), and a point
in time made a starting point ("as of Sunday night" -> "from Sunday night").

Digits are the number detectors' business; day and month *names* are not numbers, and a round trip
that swaps one moves an event in time as surely as a changed date.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..lexicon.names import CALENDAR, CALENDAR_ABBREVIATIONS, MONTHS, WEEKDAYS
from ..report import Flag
from ..text import Token, fold
from ..word_evidence import quoted_spans, within
from .base import Detector, SegmentPair, register

_CALENDAR_KEYS = CALENDAR | frozenset(CALENDAR_ABBREVIATIONS)


def _calendar_words(tokens: tuple[Token, ...]) -> dict[str, Token]:
    """Weekday and month names of a text (capitalised: "may" and "march" are also verbs), by full name."""
    out: dict[str, Token] = {}
    for t in tokens:
        if not t.is_word or not t.text[0].isupper():
            continue
        low = t.text.lower().rstrip(".")
        full = low if low in CALENDAR else CALENDAR_ABBREVIATIONS.get(low)
        if full and not (full == "may" and t.text == "May" and t.start == 0):  # "May I…" opens a question
            out.setdefault(full, t)
    return out


@register
class CalendarChanged(Detector):
    """A weekday or month of the original became another one in the copy.

    ref:  The council approved the budget on Monday.
    cand: The council approved the budget on Friday.
    """

    code = "D104"
    category = "number"
    severity = "critical"

    def check(self, pair: SegmentPair) -> Iterator[Flag]:
        # A calendar word is a capitalised ASCII word, so its name key is itself lower-cased: a side whose
        # capitalised keys name no day or month changes no date (a set test instead of a token loop).
        context = pair.context
        if _CALENDAR_KEYS.isdisjoint(context.name_keys(pair.ref).caps) or _CALENDAR_KEYS.isdisjoint(
                context.name_keys(pair.cand).caps):
            return
        ref, cand = _calendar_words(pair.ref_tokens), _calendar_words(pair.cand_tokens)
        for group in (WEEKDAYS, MONTHS):
            lost = [w for w in group if w in ref and w not in cand]
            new = [w for w in group if w in cand and w not in ref]
            for r, c in zip(lost, new):
                rt, ct = ref[r], cand[c]
                yield self.flag(pair, f'"{rt.text}" became "{ct.text}" (the date moved)', (rt.start, rt.end),
                                (ct.start, ct.end))


_DAY_QUALIFIERS = ("this", "last", "late", "early")  # "as of this morning", "from late Sunday"
_QUALIFIED = "(?:" + "|".join(_DAY_QUALIFIERS) + ")"
_AS_OF = re.compile(rf"\bas of ((?:{_QUALIFIED} )?\w+(?: (?:morning|afternoon|evening|night))?)", re.IGNORECASE)
# a passive just before: "was downgraded to Category 1 as of this morning" is a change that took effect
# then, and "from this morning" says the same
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|be)\s+\w+(?:ed|en)\b[^.;:]*$", re.IGNORECASE)


@register
class PointInTimeMadeStart(Detector):
    """A point in time of the original became a starting point: "as of Sunday" (the state then) became "from Sunday".

    ref:  As of Tuesday, police were still searching the river.
    cand: From Tuesday, police were still searching the river.
    """

    code = "D109"
    category = "number"
    severity = "major"

    def check(self, pair: SegmentPair) -> Iterator[Flag]:
        if "as of" not in pair.ref.lower():
            return
        cand = fold(pair.cand)
        if len(_AS_OF.findall(cand)) >= len(_AS_OF.findall(fold(pair.ref))):
            return  # every "as of" kept
        quoted = quoted_spans(pair, pair.ref)
        for m in _AS_OF.finditer(pair.ref):
            if within(quoted, m.start(), m.end()):
                continue  # a quotation's words are the quote detectors'
            when = m.group(1).split(" ")
            first = when[1] if when[0].lower() in _DAY_QUALIFIERS and len(when) > 1 else when[0]
            c = re.search(rf"\b(?:from|since|starting|beginning)(?: the)?(?: {_QUALIFIED})? " + re.escape(first) + r"\b",
                          cand, re.IGNORECASE)
            if not c:
                continue
            clause = pair.ref[max(0, m.start() - 60):m.start()]
            minor = bool(_PASSIVE.search(clause))
            yield self.flag(pair, f'"{m.group(0)}" (a point in time) became "{pair.cand[c.start():c.end()]}" (a starting point)',
                            (m.start(), m.end()), (c.start(), c.end()), severity="minor" if minor else None)
