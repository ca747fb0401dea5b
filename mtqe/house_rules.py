"""A newsroom's house rules, applied to a segment's flags once, after every detector has run.

- ``equivalents``: groups of spellings of one name the newsroom accepts (``[["Kyiv", "Kiev"]]``). A name
  flag between two members of one group is dropped, not downgraded: an accepted spelling is not a finding,
  and a downgraded flag would still count towards the gate's limits and the segment's risk. A one-sided
  name flag (a name missing from the copy, or new in it) is dropped when another member of its group
  stands on the other side of the segment: "Kyiv" missing while the copy says "Kiev" is the same case.
- ``severity``: per-code severities (``{N102 = "major"}``), applied after equivalents. Risk and the gate
  then see the house severity, as the report does.

Detectors never read these settings, so a rule behaves the same in every newsroom until this step.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from .options import Options
from .report import Flag
from .text import fold


def _key(name: str) -> str:
    return " ".join(fold(name).split()).casefold()


def _occurs(name: str, text: str) -> bool:
    words = r"\s+".join(map(re.escape, name.split()))
    return re.search(rf"(?<!\w){words}(?!\w)", fold(text), re.IGNORECASE) is not None


def _accepted(flag: Flag, groups: tuple[tuple[str, ...], ...], ref: str, cand: str) -> bool:
    """Whether a name flag is only the difference between two accepted spellings."""
    if flag.category != "name":
        return False
    ref_key = _key(flag.ref_text) if flag.ref_text else None
    cand_key = _key(flag.cand_text) if flag.cand_text else None
    for group in groups:
        keys = {_key(g) for g in group}
        if ref_key and cand_key:
            if ref_key in keys and cand_key in keys:
                return True
        elif ref_key in keys or cand_key in keys:
            mine = ref_key or cand_key
            other_side = cand if ref_key else ref
            if any(_key(g) != mine and _occurs(g, other_side) for g in group):
                return True
    return False


def apply_house_rules(options: Options, ref: str, cand: str, flags: Iterable[Flag]) -> tuple[Flag, ...]:
    """``flags`` of one segment (``ref`` / ``cand`` texts) after the house's equivalents and severities."""
    flags = tuple(flags)
    if not flags or not (options.equivalents or options.severity):
        return flags
    if options.equivalents:
        flags = tuple(f for f in flags if not _accepted(f, options.equivalents, ref, cand))
    if options.severity:
        house = dict(options.severity)
        flags = tuple(replace(f, severity=house[f.code]) if f.code in house else f for f in flags)
    return flags
