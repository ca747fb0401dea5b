"""Settings from a TOML file, merged with command-line overrides into (Options, Gate).

Where settings come from (the first found wins; nothing found means built-in defaults):

1. the file given with ``--config PATH`` (a ``pyproject.toml`` is read at ``[tool.mtqe]``, any other
   file at its top level);
2. otherwise, walking up from the working directory, the first directory holding ``mtqe.toml`` or a
   ``pyproject.toml`` with a ``[tool.mtqe]`` table (``mtqe.toml`` wins when a directory has both).

Schema (every key optional; unknown keys and bad values are a ConfigError naming the key)::

    metrics = ["bleu", "chrf"]     # sacrebleu metrics (list or "a,b" string)
    comet = false                  # score COMET; if it cannot run: warn and continue
    comet_model = "Unbabel/wmt22-comet-da"
    batch_size = 16                # >= 1
    gpus = 1                       # >= 0 (default: 1 if CUDA is available)
    select = []                    # detector code prefixes to run
    ignore = []                    # detector code prefixes to skip
    max_mb = 5.0                   # > 0: refuse larger documents
    encoding = "utf-8"             # input codec
    input_format = "auto"          # auto, text or html

    [gate]                         # [tool.mtqe.gate] in pyproject.toml
    min_chrf = 80                  # 0-100
    min_bleu = 40                  # 0-100 (default: not checked)
    min_comet = 0.8                # needs comet = true (default: not checked)
    min_coverage = 0.9             # 0-1
    risk_level = 0.5               # 0-1, used by max_risky_segments
    max_risky_segments = 3         # >= 0 (default: not checked)
    max_critical = 0               # >= 0; max_major, max_minor likewise (default: not checked)
    max_flags = { name = 0 }       # per-category maxima
    fail_on = ["name", "number", "negation", "quote"]   # or { quote = "minor", name = "major" }
    fail_on_severity = "major"     # minimum severity for list entries without ":severity"

Use from code (the CLI's ``score``, ``check`` and ``corpus`` commands all do this)::

    config = load_config(path_or_None)              # ConfigError on a bad file
    options, gate = resolve(config, options={...}, gate={...})   # None values = not given

Command-line values override the file key by key (``max_flags`` merges per category).
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Mapping

from .errors import ConfigError
from .gate import CATEGORIES, Gate
from .metrics import METRICS
from .options import Options
from .report import SEVERITIES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "mtqe.toml"
PYPROJECT = "pyproject.toml"


@dataclass(frozen=True)
class Config:
    """Validated settings from one file: ``options`` (Options fields), ``gate`` (gate keys), and where from."""

    options: dict[str, Any] = field(default_factory=dict)
    gate: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None


class _Bad(Exception):
    """A value's problem, without the key; the caller adds where it came from."""


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _number(lo: float | None = None, hi: float | None = None, *, positive: bool = False) -> Callable[[Any], float]:
    def check(v: Any) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise _Bad(f"must be a number, got {_show(v)}")
        if positive and v <= 0:
            raise _Bad(f"must be positive, got {v:g}")
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            raise _Bad(f"must be between {lo:g} and {hi:g}, got {v:g}" if hi is not None
                       else f"must be at least {lo:g}, got {v:g}")
        return float(v)
    return check


def _integer(lo: int) -> Callable[[Any], int]:
    def check(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int):
            raise _Bad(f"must be a whole number, got {_show(v)}")
        if v < lo:
            raise _Bad(f"must be at least {lo}, got {v}")
        return v
    return check


def _boolean(v: Any) -> bool:
    if not isinstance(v, bool):
        raise _Bad(f"must be true or false, got {_show(v)}")
    return v


def _string(v: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise _Bad(f"must be a non-empty string, got {_show(v)}")
    return v


def _names(choices: tuple[str, ...] | None = None, what: str = "") -> Callable[[Any], tuple[str, ...]]:
    """A list of strings, or one comma-separated string."""
    def check(v: Any) -> tuple[str, ...]:
        if isinstance(v, str):
            v = [p for p in (s.strip() for s in v.split(",")) if p]
        if not isinstance(v, (list, tuple)) or not all(isinstance(x, str) for x in v):
            raise _Bad(f"must be a list of strings, got {_show(v)}")
        for x in v:
            if choices is not None and x not in choices:
                raise _Bad(f"has unknown {what} {x!r}; choose from {', '.join(choices)}")
        return tuple(v)
    return check


def _severity(v: Any) -> str:
    if v not in SEVERITIES:
        raise _Bad(f"must be one of {', '.join(SEVERITIES)}, got {_show(v)}")
    return v


def _category(name: Any) -> str:
    if name not in CATEGORIES:
        raise _Bad(f"has unknown category {name!r}; choose from {', '.join(CATEGORIES)}")
    return name


def _max_flags(v: Any) -> dict[str, int]:
    """``{name = 0, quote = 1}``, or the string ``"name=0,quote=1"``."""
    if isinstance(v, str):
        table: dict[str, Any] = {}
        for part in filter(None, (p.strip() for p in v.split(","))):
            cat, eq, n = part.partition("=")
            if not eq or not n.strip().lstrip("-").isdigit():
                raise _Bad(f"entries must look like category=N, got {part!r}")
            table[cat.strip()] = int(n)
        v = table
    if not isinstance(v, dict):
        raise _Bad(f"must be a table of category = N, got {_show(v)}")
    out = {}
    for cat, n in v.items():
        _category(cat)
        try:
            out[cat] = _integer(0)(n)
        except _Bad as e:
            raise _Bad(f"{cat} {e}") from None
    return out


def _fail_on(v: Any) -> tuple[tuple[str, str | None], ...]:
    """A list of categories (each may end in ``:severity``), a comma string, or ``{category = severity}``.

    Entries without a severity get ``None`` here and ``fail_on_severity`` when resolved.
    """
    if isinstance(v, dict):
        out = []
        for cat, sev in v.items():
            _category(cat)
            try:
                out.append((cat, _severity(sev)))
            except _Bad as e:
                raise _Bad(f"{cat} {e}") from None
        return tuple(out)
    if isinstance(v, str):
        v = [p for p in (s.strip() for s in v.split(",")) if p]
    if not isinstance(v, (list, tuple)) or not all(isinstance(x, str) for x in v):
        raise _Bad(f"must be a list of categories or a table of category = severity, got {_show(v)}")
    out = []
    for item in v:
        cat, colon, sev = item.partition(":")
        out.append((_category(cat.strip()), _severity(sev.strip()) if colon else None))
    return tuple(out)


OPTION_KEYS: dict[str, Callable[[Any], Any]] = {
    "metrics": _names(METRICS, "metric"),
    "comet": _boolean,
    "comet_model": _string,
    "batch_size": _integer(1),
    "gpus": _integer(0),
    "select": _names(),
    "ignore": _names(),
    "max_mb": _number(positive=True),
    "encoding": _string,
    "input_format": _string,  # its choices are checked by Options
}

GATE_KEYS: dict[str, Callable[[Any], Any]] = {
    "min_chrf": _number(0, 100),
    "min_bleu": _number(0, 100),
    "min_comet": _number(),
    "min_coverage": _number(0, 1),
    "risk_level": _number(0, 1),
    "max_risky_segments": _integer(0),
    "max_critical": _integer(0),
    "max_major": _integer(0),
    "max_minor": _integer(0),
    "max_flags": _max_flags,
    "fail_on": _fail_on,
    "fail_on_severity": _severity,
}
GATE_TABLE = "gate"


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _validate(table: Mapping[str, Any], where: str, section: str) -> Config:
    """Check a [tool.mtqe] / mtqe.toml table; ``section`` is its name in messages ("" for top level)."""
    def fail(prefix: str, key: str, problem: str) -> ConfigError:
        return ConfigError(f"config {where}: {prefix}{key} {problem}")

    top = f"[{section}] " if section else ""
    gate_section = f"{section}.{GATE_TABLE}" if section else GATE_TABLE
    options: dict[str, Any] = {}
    gate: dict[str, Any] = {}
    for key, value in table.items():
        if key == GATE_TABLE:
            if not isinstance(value, dict):
                raise fail(top, key, f"must be a table ([{gate_section}]), got {_show(value)}")
            for gkey, gvalue in value.items():
                check = GATE_KEYS.get(gkey)
                if check is None:
                    raise fail(f"[{gate_section}] ", repr(gkey),
                               f"is not a gate key; known: {', '.join(GATE_KEYS)}")
                try:
                    gate[gkey] = check(gvalue)
                except _Bad as e:
                    raise fail(f"[{gate_section}] ", gkey, str(e)) from None
            continue
        check = OPTION_KEYS.get(key)
        if check is None:
            hint = f" (gate thresholds go in [{gate_section}])" if key in GATE_KEYS else ""
            raise fail(top, repr(key), f"is not a setting{hint}; known: {', '.join([*OPTION_KEYS, GATE_TABLE])}")
        try:
            options[key] = check(value)
        except _Bad as e:
            raise fail(top, key, str(e)) from None
    return Config(options=options, gate=gate)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"config {_display(path)}: not valid TOML: {e}") from None
    except OSError as e:
        raise ConfigError(f"config {_display(path)}: cannot read ({e.strerror})") from None


def _tool_table(data: dict[str, Any]) -> Any:
    tool = data.get("tool")
    return tool.get("mtqe") if isinstance(tool, dict) else None


def _from_file(path: Path, required_table: bool) -> Config | None:
    data = _read(path)
    where = _display(path)
    if path.name == PYPROJECT:
        table = _tool_table(data)
        if table is None:
            if required_table:
                raise ConfigError(f"config {where}: no [tool.mtqe] table")
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"config {where}: tool.mtqe must be a table")
        cfg = _validate(table, where, "tool.mtqe")
    else:
        cfg = _validate(data, where, "")
    return Config(cfg.options, cfg.gate, path)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest mtqe.toml, or pyproject.toml with [tool.mtqe], in ``start`` or a parent directory."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        candidate = folder / PYPROJECT
        if candidate.is_file() and _tool_table(_read(candidate)) is not None:
            return candidate
    return None


def load_config(path: Path | None, start: Path | None = None) -> Config:
    """Settings from ``path`` (explicit: must exist), else from the nearest file above ``start`` (default: cwd).

    Returns an empty Config (``source=None``) when no file is found. Raises ConfigError naming the
    file and key for a missing explicit file, invalid TOML, an unknown key or a bad value.
    """
    if path is not None:
        path = Path(path)
        if not path.exists():
            raise ConfigError(f"config {path}: no such file")
        if path.is_dir():
            raise ConfigError(f"config {path}: is a directory; give a TOML file")
        cfg = _from_file(path, required_table=True)
        assert cfg is not None
        return cfg
    found = find_config(start)
    if found is None:
        return Config()
    return _from_file(found, required_table=False) or Config()


def _overrides(given: Mapping[str, Any] | None, schema: Mapping[str, Callable[[Any], Any]]) -> dict[str, Any]:
    """Validate command-line (or API) overrides; None means "not given". Errors name the --flag."""
    out: dict[str, Any] = {}
    for key, value in (given or {}).items():
        if value is None:
            continue
        if key not in schema:
            raise ConfigError(f"unknown setting {key!r}; known: {', '.join(schema)}")
        try:
            out[key] = schema[key](value)
        except _Bad as e:
            raise ConfigError(f"--{key.replace('_', '-')} {e}") from None
    return out


def resolve(
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    gate: Mapping[str, Any] | None = None,
) -> tuple[Options, Gate]:
    """Merge a Config with overrides (command line wins; ``None`` values are ignored) into (Options, Gate).

    ``options`` takes OPTION_KEYS plus ``verbose``; ``gate`` takes GATE_KEYS (``max_flags`` and
    ``fail_on`` may be strings: ``"name=0,quote=1"``, ``"quote,name:minor"``). COMET switched on by the
    file only is best-effort (``comet_required=False``: warn and continue); ``--comet`` makes it required.
    A default threshold whose metric is not computed is dropped; an explicit one is a ConfigError.
    """
    config = config or Config()
    given = dict(options or {})
    verbose = given.pop("verbose", None)
    cli_opts = _overrides(given, OPTION_KEYS)
    cli_gate = _overrides(gate, GATE_KEYS)

    merged = {**config.options, **cli_opts}
    if merged.get("comet"):
        merged["comet_required"] = bool(cli_opts.get("comet"))
    if verbose is not None:
        merged["verbose"] = bool(verbose)
    opts = Options.build(**merged)

    g = {**config.gate, **cli_gate}
    if "max_flags" in config.gate and "max_flags" in cli_gate:
        g["max_flags"] = {**config.gate["max_flags"], **cli_gate["max_flags"]}
    severity = g.pop("fail_on_severity", "major")
    if "fail_on" not in g and "fail_on_severity" in {**config.gate, **cli_gate}:
        g["fail_on"] = tuple((cat, None) for cat, _ in Gate().fail_on)
    if "fail_on" in g:
        g["fail_on"] = tuple((cat, sev or severity) for cat, sev in g["fail_on"])

    for key, metric in (("min_chrf", "chrf"), ("min_bleu", "bleu")):
        if metric not in opts.metrics:
            if key in g:
                raise ConfigError(f"{key} needs the {metric} metric; add {metric!r} to metrics")
            g[key] = None
    if "min_comet" in g and not opts.comet:
        raise ConfigError("min_comet needs COMET scoring; set comet = true or pass --comet")

    known = {f.name for f in fields(Gate)}
    return opts, Gate(**{k: v for k, v in g.items() if k in known})
