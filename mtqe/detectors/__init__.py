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
        det.deferring_to = frozenset(o.code for o in detectors if det.code in o.supersedes)
    return detectors


def evidence_weights() -> dict[str, float]:
    """Code -> evidence weight of every detector that declares one (risk.py reads these)."""
    return {cls.code: cls.evidence for cls in all_detectors() if cls.evidence}


def run(detectors: Iterable[Detector], pair: SegmentPair) -> list[Flag]:
    """All flags of the given detectors on one segment pair, in detector order; detectors that need both
    sides skip a pair with an empty one. Run detectors from ``selected`` (or ``link`` them): a
    detector alone reports every finding, also those it leaves to an owner that is not running."""
    aligned = pair.is_aligned
    return [flag for det in detectors if aligned or not det.aligned_only for flag in det.check(pair)]
