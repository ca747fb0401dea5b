"""Every setting of a comparison and of the gate, declared once.

Each ``Setting`` row below is the single place a setting is named, typed, checked and explained:
- the config file accepts exactly these keys (``section`` "" at top level, "gate" in ``[gate]``);
- the CLI builds its ``--flag`` for every row with a ``cli`` type (mtqe/cli.py reads this table), so a new
  option is one row here, plus a field of ``Options`` (or ``gate.Gate``);
- ``check`` validates and normalises a value from any source (file, command line, API, ``Options(...)``),
  so the same value gets the same rule wherever it comes from. A failing check raises ``Invalid`` with the
  problem only; the caller says where the value came from ("config mtqe.toml: gpus ...", "--gpus ...").
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, fields
from typing import Any, Callable

from .catalog import CATEGORIES, RULES, expand
from .document import DEFAULT_MAX_MB, INPUT_FORMATS
from .errors import ConfigError
from .metrics import DEFAULT_METRICS, METRICS
from .report import SEVERITIES

DEFAULT_COMET_MODEL = "Unbabel/wmt22-comet-da"


class Invalid(ValueError):
    """A value's problem, without the key; the caller adds where it came from."""


def show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def number(lo: float | None = None, hi: float | None = None, *, positive: bool = False) -> Callable[[Any], float]:
    def check(v: Any) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise Invalid(f"must be a number, got {show(v)}")
        if positive and v <= 0:
            raise Invalid(f"must be positive, got {v:g}")
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            raise Invalid(f"must be between {lo:g} and {hi:g}, got {v:g}" if hi is not None
                          else f"must be at least {lo:g}, got {v:g}")
        return float(v)
    return check


def integer(lo: int, hi: int | None = None) -> Callable[[Any], int]:
    def check(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int):
            raise Invalid(f"must be a whole number, got {show(v)}")
        if hi is not None and not lo <= v <= hi:
            raise Invalid(f"must be {lo} or {hi}, got {v}" if hi == lo + 1 else f"must be between {lo} and {hi}, got {v}")
        if v < lo:
            raise Invalid(f"must be at least {lo}, got {v}")
        return v
    return check


def boolean(v: Any) -> bool:
    if not isinstance(v, bool):
        raise Invalid(f"must be true or false, got {show(v)}")
    return v


def string(v: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise Invalid(f"must be a non-empty string, got {show(v)}")
    return v


def model(v: Any) -> str:
    """A hub name or a local path (str or os.PathLike); kept as a string."""
    return string(os.fspath(v) if isinstance(v, os.PathLike) else v)


def choice(*values: str) -> Callable[[Any], str]:
    """One of ``values`` (for settings such as an input format)."""
    def check(v: Any) -> str:
        if v not in values:
            raise Invalid(f"must be one of {', '.join(values)}, got {show(v)}")
        return v
    return check


def _strings(v: Any, what: str = "strings") -> list[str]:
    """A list of strings, or one comma-separated string (the command-line form)."""
    if isinstance(v, str):
        v = [p for p in (s.strip() for s in v.split(",")) if p]
    if not isinstance(v, (list, tuple)) or not all(isinstance(x, str) for x in v):
        raise Invalid(f"must be a list of {what}, got {show(v)}")
    return list(v)


def metrics(v: Any) -> tuple[str, ...]:
    names = _strings(v)
    for x in names:
        if x not in METRICS:
            raise Invalid(f"has unknown metric {x!r}; choose from {', '.join(METRICS)}")
    return tuple(names)


def rules(v: Any) -> tuple[str, ...]:
    """Codes, code prefixes or categories -> the rule codes they name (ruff-style selection)."""
    try:
        return expand(_strings(v, "codes or categories"))
    except ConfigError as e:
        raise Invalid(f"has {e}") from None


severity = choice(*SEVERITIES)


def category(name: Any) -> str:
    if name not in CATEGORIES:
        raise Invalid(f"has unknown category {name!r}; choose from {', '.join(CATEGORIES)}")
    return name


def max_flags(v: Any) -> dict[str, int]:
    """``{name = 0, quote = 1}``, or the string ``"name=0,quote=1"``."""
    if isinstance(v, str):
        table: dict[str, Any] = {}
        for part in filter(None, (p.strip() for p in v.split(","))):
            cat, eq, n = part.partition("=")
            if not eq or not n.strip().lstrip("-").isdigit():
                raise Invalid(f"entries must look like category=N, got {part!r}")
            table[cat.strip()] = int(n)
        v = table
    if not isinstance(v, dict):
        raise Invalid(f"must be a table of category = N, got {show(v)}")
    out = {}
    for cat, n in v.items():
        category(cat)
        try:
            out[cat] = integer(0)(n)
        except Invalid as e:
            raise Invalid(f"{cat} {e}") from None
    return out


def _fail_on_key(selector: str) -> tuple[str, ...]:
    """A category stays a category (its reasons read "quote altered ..."); codes and prefixes become codes."""
    if selector in CATEGORIES:
        return (selector,)
    return rules(selector)


def fail_on(v: Any) -> tuple[tuple[str, str | None], ...]:
    """Categories or codes, each may end in ``:severity``; a comma string; or ``{selector = severity}``.

    Entries without a severity get ``None`` here and ``fail_on_severity`` when resolved.
    """
    pairs: list[tuple[str, str | None]] = []
    if isinstance(v, dict):
        for key, sev in v.items():
            try:
                pairs.append((key, severity(sev)))
            except Invalid as e:
                raise Invalid(f"{key} {e}") from None
    else:
        for item in _strings(v, "categories or codes, or a table of category = severity"):
            key, colon, sev = item.partition(":")
            pairs.append((key.strip(), severity(sev.strip()) if colon else None))
    return tuple((key, sev) for selector, sev in pairs for key in _fail_on_key(selector))


def severity_overrides(v: Any) -> tuple[tuple[str, str], ...]:
    """``{N102 = "major", quote = "critical"}``: codes, prefixes or categories -> a severity.

    A code named exactly wins over a prefix or category that also covers it, whatever the order.
    """
    if isinstance(v, (list, tuple)) and all(isinstance(p, tuple) and len(p) == 2 for p in v):
        v = dict(v)  # already normalised (Options rebuilt by dataclasses.replace)
    if not isinstance(v, dict):
        raise Invalid(f"must be a table of code = severity, got {show(v)}")
    out: dict[str, str] = {}
    for exact in (False, True):
        for key, sev in v.items():
            if (key.upper() in RULES) != exact:
                continue
            try:
                sev = severity(sev)
            except Invalid as e:
                raise Invalid(f"{key} {e}") from None
            out.update(dict.fromkeys(rules(key), sev))
    return tuple(sorted(out.items()))


def equivalents(v: Any) -> tuple[tuple[str, ...], ...]:
    """``[["Kyiv", "Kiev"], ["Hong Kong", "Hongkong"]]``: spellings of one name a newsroom accepts."""
    if not isinstance(v, (list, tuple)):
        raise Invalid(f"must be a list of lists of names, got {show(v)}")
    groups = []
    for group in v:
        if (not isinstance(group, (list, tuple)) or len(group) < 2
                or not all(isinstance(x, str) and x.strip() for x in group)):
            raise Invalid(f"entries must be lists of two or more names, got {show(group)}")
        groups.append(tuple(" ".join(x.split()) for x in group))
    return tuple(groups)


@dataclass(frozen=True)
class Setting:
    """One setting: its name (Options/Gate field, config key; ``--name-with-dashes`` on the command line)."""

    name: str
    check: Callable[[Any], Any]
    help: str
    section: str = ""  # "" = comparison option (top level of the config), "gate" = a [gate] threshold
    cli: type | None = str  # the command-line value type; None = config file only
    flags: tuple[str, ...] = ()  # explicit flag declarations (default: --name-with-dashes)
    config: bool = True  # False = command line only

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


GATE = "gate"

SETTINGS: tuple[Setting, ...] = (
    Setting("comet", boolean, "Score with COMET (needs the mtqe[comet] extra and a local model).",
            cli=bool, flags=("--comet/--no-comet",)),
    Setting("comet_model", model, "COMET hub name, or a local checkpoint or model directory."),
    Setting("batch_size", integer(1), "COMET batch size (at least 1).", cli=int),
    # comet runs gpus > 1 with DDP, which re-launches the program; mtqe scores in one process.
    Setting("gpus", integer(0, 1), "GPUs for COMET: 0 or 1 (default: 1 if CUDA is available).", cli=int),
    Setting("semantic", boolean, "Also rank segments by meaning: sentence embeddings (needs the mtqe[semantic] extra).",
            cli=bool, flags=("--semantic/--no-semantic",)),
    Setting("metrics", metrics, f"Comma-separated sacrebleu metrics: {', '.join(METRICS)}."),
    Setting("select", rules, "Only these rules: codes, code prefixes or categories, comma-separated (N1,quote)."),
    Setting("ignore", rules, "Skip these rules: codes, code prefixes or categories, comma-separated."),
    Setting("max_mb", number(positive=True), f"Refuse documents larger than this many MB (default {DEFAULT_MAX_MB:g}).",
            cli=float),
    Setting("encoding", string, "Decode inputs with this codec instead of UTF-8."),
    Setting("input_format", choice(*INPUT_FORMATS), "How to read inputs: html extracts a page's article; "
            "auto (default) detects HTML by extension or content; text reads them as they are."),
    Setting("severity", severity_overrides, "House severities per code, prefix or category.", cli=None),
    Setting("equivalents", equivalents, "Groups of name spellings that are not a finding.", cli=None),
    Setting("verbose", boolean, "Show library logs and banners (Lightning, transformers).",
            cli=bool, flags=("--verbose", "-v"), config=False),

    Setting("min_chrf", number(0, 100), "Fail below this document chrF (default 80).", GATE, float),
    Setting("min_bleu", number(0, 100), "Fail below this document BLEU (default: not checked).", GATE, float),
    Setting("min_comet", number(), "Fail below this document COMET (needs --comet).", GATE, float),
    Setting("min_coverage", number(0, 1), "Fail if less of the reference (0-1) is aligned (default 0.9).", GATE, float),
    Setting("risk_level", number(0, 1), "Risk (0-1) at which --max-risky-segments counts a segment (default 0.5).",
            GATE, float),
    Setting("max_risky_segments", integer(0), "Fail if more segments reach --risk-level.", GATE, int),
    Setting("max_critical", integer(0), "Fail above this many critical flags (default 0).", GATE, int),
    Setting("max_major", integer(0), "Fail above this many major flags.", GATE, int),
    Setting("max_minor", integer(0), "Fail above this many minor flags.", GATE, int),
    Setting("max_flags", max_flags, "Per-category maxima, e.g. name=0,tense=3.", GATE),
    Setting("fail_on", fail_on, "Fail on any flag of these categories or codes, e.g. quote,name or quote:minor or "
            "N104 ('' for none; default name,number,negation,quote,antonym,meaning).", GATE),
    Setting("fail_on_severity", severity, "Minimum severity for --fail-on entries without one: minor, major (default), "
            "critical.", GATE),
)
BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def section(name: str) -> dict[str, Setting]:
    """The settings of one config section ("" or "gate"), by name."""
    return {s.name: s for s in SETTINGS if s.section == name}


def check(name: str, value: Any) -> Any:
    """``value`` validated by the rule of setting ``name``; ConfigError "name: problem" if it breaks it."""
    try:
        return BY_NAME[name].check(value)
    except Invalid as e:
        raise ConfigError(f"{name} {e}") from None


@dataclass(frozen=True)
class Options:
    """What one comparison runs with. Every field named in SETTINGS is checked (and normalised: a
    comma string becomes a tuple, categories become codes) by that setting's rule on construction."""

    metrics: tuple[str, ...] = DEFAULT_METRICS
    comet: bool = False
    comet_model: str = DEFAULT_COMET_MODEL
    semantic: bool = False  # all-MiniLM-L6-v2 sentence similarity as a risk input (mtqe/semantic.py)
    # True when COMET was asked for explicitly: failure is then an error, not a warning.
    comet_required: bool = True
    batch_size: int = 16
    gpus: int | None = None  # None: 1 if CUDA is available
    select: tuple[str, ...] = ()  # rule codes; empty = all
    ignore: tuple[str, ...] = ()
    max_mb: float = DEFAULT_MAX_MB
    encoding: str | None = None
    input_format: str = "auto"  # auto: HTML by extension or content, else text
    severity: tuple[tuple[str, str], ...] = ()  # (code, severity) house overrides
    equivalents: tuple[tuple[str, ...], ...] = ()  # accepted spellings of one name
    verbose: bool = False

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in BY_NAME and value is not None:
                object.__setattr__(self, f.name, check(f.name, value))

    @classmethod
    def build(cls, **kwargs) -> Options:
        """Options from keyword arguments; an unknown name is a ConfigError naming it."""
        known = {f.name for f in fields(cls)}
        for key in kwargs:
            if key not in known:
                raise ConfigError(f"unknown option {key!r}; known: {', '.join(sorted(known))}")
        return cls(**kwargs)
