"""Detector registry: every module in this package registers its detectors on import."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Iterable, Sequence

from ..report import Flag
from .base import REGISTRY, Detector, SegmentPair, matches, register

__all__ = ["Detector", "SegmentPair", "register", "all_detectors", "selected", "run"]

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
    """Instances of the detectors whose code matches a ``select`` prefix (all if empty) and no ``ignore`` prefix."""
    return [
        cls()
        for cls in all_detectors()
        if (not select or matches(cls.code, select)) and not matches(cls.code, ignore)
    ]


def run(detectors: Iterable[Detector], pair: SegmentPair) -> list[Flag]:
    """All flags of the given detectors on one segment pair, in detector order."""
    return [flag for det in detectors for flag in det.check(pair)]
