"""Detector registry: every module in this package registers its detectors on import."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Iterable, Sequence

from ..report import Flag
from .base import REGISTRY, Detector, SegmentPair, matches, register

__all__ = ["Detector", "SegmentPair", "register", "all_detectors", "selected", "link", "run", "evidence_weights"]

_loaded = False


def _load_all() -> None:
    global _loaded
    if not _loaded:
        for info in pkgutil.iter_modules(__path__):
            if info.name != "base" and not info.name.startswith("_"):
                importlib.import_module(f"{__name__}.{info.name}")
        _loaded = True


def all_detectors() -> list[type[Detector]]:
    """Every registered detector class, sorted by code."""
    _load_all()
    return [REGISTRY[c] for c in sorted(REGISTRY)]


def selected(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Detector]:
    """Instances of the detectors whose code matches a ``select`` prefix (all if empty) and no ``ignore`` prefix,
    each told which of the others supersede it (``Detector.defers_to``)."""
    return link([
        cls()
        for cls in all_detectors()
        if (not select or matches(cls.code, select)) and not matches(cls.code, ignore)
    ])


def link(detectors: list[Detector]) -> list[Detector]:
    """Tell each detector which running detectors supersede it: it leaves them the findings they own."""
    for det in detectors:
        det.deferring_to = frozenset(o.code for o in detectors if det.code in o.supersedes or o.code in det.defers)
    return detectors


def evidence_weights() -> dict[str, float]:
    """Code -> evidence weight of every detector that declares one (risk.py reads these)."""
    return {cls.code: cls.evidence for cls in all_detectors() if cls.evidence}


def run(detectors: Iterable[Detector], pair: SegmentPair) -> list[Flag]:
    """All flags of the given detectors on one segment pair, in detector order.

    Detectors that need both sides skip a pair with an empty one. Precedence (``supersedes``): a flag
    that a running detector supersedes on the same span is dropped, so a finding is reported once, by
    its owner; and a detector leaves an owner the findings it would only repeat (``defers_to``) while
    that owner runs. Run detectors from ``selected`` (or ``link`` them): alone, a detector reports all.
    """
    aligned = pair.is_aligned
    flags = [flag for det in detectors if aligned or not det.aligned_only for flag in det.check(pair)]
    if len(flags) > 1:
        flags = _drop_superseded(flags, detectors)
    return flags


def _drop_superseded(flags: list[Flag], detectors: Iterable[Detector]) -> list[Flag]:
    owners: dict[str, set[str]] = {}  # superseded code -> the running codes that supersede it
    for det in detectors:
        for code in det.supersedes:
            owners.setdefault(code, set()).add(det.code)
    if not owners or not any(f.code in owners for f in flags):
        return flags
    return [
        f for f in flags
        if f.code not in owners or not any(g.code in owners[f.code] and _same_span(f, g) for g in flags)
    ]


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _same_span(f: Flag, g: Flag) -> bool:
    return _overlap(f.ref_span, g.ref_span) or _overlap(f.cand_span, g.cand_span)
