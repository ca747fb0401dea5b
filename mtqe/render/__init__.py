"""Output formats, looked up by name. Renderers turn a Report (or a corpus Summary) into text; they never print.

Every public module of this package is one format, named after its file (``text``, ``json``, ``html``,
``csv``, ``markdown``). It defines ``RENDERER``, an instance of a ``Renderer`` subclass. Adding a
format is adding one file: ``names()`` finds it without importing it (so ``mtqe --help`` stays light
while listing it), ``get(name)`` imports it on first use. Helper modules start with ``_``.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import ConfigError
from ..report import METRIC_LABELS, SORTS, UNIT_SCORES, Report

if TYPE_CHECKING:
    from ..summary import Summary

__all__ = ["SORTS", "Renderer", "View", "summary_format", "get", "label", "names", "score_text"]


@dataclass(frozen=True)
class View:
    """What a human view shows: how many of the most serious segments, in which order, how wide (plain text)."""

    top: int = 5
    sort: str = "severity"
    width: int = 120

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ConfigError(f"unknown sort {self.sort!r} (expected one of: {', '.join(SORTS)})")


class Renderer:
    """One output format. ``report`` is required; ``summary`` (a corpus summary) only where the format
    has one; ``terminal`` only for a view meant for a live console (rich renderable instead of a string)."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]] = ()  # file extensions this format is chosen by (corpus --summary)

    def report(self, report: Report, view: View) -> str:
        raise NotImplementedError

    def summary(self, summary: Summary, view: View) -> str:
        raise ConfigError(f"the {self.name} format has no corpus summary")

    def terminal(self, report: Report, view: View, console: Any) -> Any | None:
        """A rich renderable sized for ``console``, or None to print ``report()`` as it is."""
        return None


@lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """Every format's name, text first (the default), the rest alphabetically; nothing is imported."""
    found = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_") and not m.ispkg)
    return tuple(sorted(found, key=lambda n: n != "text"))


def get(name: str) -> Renderer:
    """The renderer for format ``name``; an unknown name is a ConfigError listing the formats."""
    if name not in names():
        raise ConfigError(f"unknown format {name!r} (expected one of: {', '.join(names())})")
    renderer = importlib.import_module(f"{__name__}.{name}").RENDERER
    assert renderer.name == name, f"{name}.py declares RENDERER.name {renderer.name!r}"
    return renderer


def summary_format(path: Any) -> Renderer:
    """The format of a corpus summary file, named by its extension (.txt, .html, .htm, .json, .md). Called
    before a run, so that an extension no format with a corpus summary claims (or none) is a ConfigError,
    listing those that work, before any work is done."""
    from pathlib import PurePath

    ext = PurePath(str(path)).suffix.lower()
    known = {suffix: r for r in map(get, names()) if type(r).summary is not Renderer.summary for suffix in r.suffixes}
    if ext not in known:
        choices = list(known)
        raise ConfigError(f"summary: {path}: unknown format {ext or '(no extension)'}; "
                          f"use {', '.join(choices[:-1])} or {choices[-1]}")
    return known[ext]


def label(metric: str) -> str:
    """How views name a score: BLEU, chrF, chrF++, TER, COMET."""
    return METRIC_LABELS.get(metric, metric)


def score_text(metric: str, value: float | None, missing: str = "-") -> str:
    """A score as views print it: the 0-1 scores (COMET, semantic) to 3 decimals, sacrebleu's 0-100 to 1."""
    if value is None:
        return missing
    return f"{value:.3f}" if metric in UNIT_SCORES else f"{value:.1f}"
