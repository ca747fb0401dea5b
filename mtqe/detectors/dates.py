"""Calendar words: a weekday or month of the original replaced by another (Monday -> Friday).

Digits are the number detectors' business; day and month *names* are not numbers, and a round trip
that swaps one moves an event in time as surely as a changed date.
"""

from __future__ import annotations

from typing import Iterator

from ..lexicon.names import CALENDAR, CALENDAR_ABBREVIATIONS, MONTHS, WEEKDAYS
from ..report import Flag
from ..text import Token
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
